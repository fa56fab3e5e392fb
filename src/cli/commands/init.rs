use std::fs;
use std::path::PathBuf;

use anyhow::Context as _;

use crate::Context;
use crate::change::Transaction;
use crate::change::template::{self, Origin, RecordFormat, Template};
use crate::change::{self, NewRecord};
use crate::cli::args::InitArgs;
use crate::error::Error;
use crate::log;
use crate::project::{Repository, Source};

pub fn run(ctx: &mut Context<'_>, args: InitArgs) -> anyhow::Result<u8> {
    let repo = match (&args.directory, &ctx.dir_flag) {
        (Some(dir), None) => Repository {
            dir: dir.clone(),
            source: Source::AdrDirFile(PathBuf::from(".adr-dir")),
            packages: Vec::new(),
            cwd: ctx.env.cwd.clone(),
        },
        _ => ctx.repository()?,
    };
    if repo.exists() {
        let count = log::scan(&repo.dir)
            .map_err(|e| Error::read(&repo.dir, e))?
            .records
            .len();
        if count > 0 {
            return Err(Error::AlreadyInitialised {
                dir: repo.dir.clone(),
                count,
            }
            .into());
        }
    }
    if let (Some(dir), None) = (&args.directory, &ctx.dir_flag) {
        fs::create_dir_all(dir).map_err(|e| Error::Write {
            path: dir.clone(),
            source: e,
        })?;
        let marker = ctx.env.cwd.join(".adr-dir");
        let original = fs::read(&marker).ok();
        let mut tx = Transaction::new();
        let text = format!("{}\n", dir.display());
        match original {
            Some(bytes) => tx.update(PathBuf::from(".adr-dir"), bytes, text),
            None => tx.create(PathBuf::from(".adr-dir"), text),
        }
        tx.commit()?;
    }
    let request = NewRecord {
        title: "record-architecture-decisions".into(),
        template: Template {
            text: template::INIT.to_string(),
            origin: Origin::BuiltIn(RecordFormat::Nygard),
        },
        date: ctx.env.today(),
        status: None,
        tags: Vec::new(),
        supersede: Vec::new(),
        links: Vec::new(),
        reserved: Default::default(),
        spelling: Default::default(),
        slug: Default::default(),
    };
    let (path, _) = change::create(&repo, &request).context("creating the first record")?;
    writeln!(ctx.out, "{}", path.display())?;
    let mut paths = vec![path];
    if args.directory.is_some() && ctx.dir_flag.is_none() {
        paths.push(PathBuf::from(".adr-dir"));
    }
    super::maybe_commit(ctx, &paths, "docs(adr): record architecture decisions")?;
    Ok(0)
}
