use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::change::template::{self, Origin, RecordFormat, Template};
use crate::change::{self, NewRecord};
use crate::cli::args::InitArgs;
use crate::cli::{Context, Done, Listing};
use crate::project::{Config, Project, Repository, Source};

pub(crate) fn run(
    ctx: &mut Context<'_>,
    dir: Option<&Path>,
    args: InitArgs,
) -> anyhow::Result<Done> {
    let env = ctx.env.clone();
    let (project, marker) = match (&args.directory, dir) {
        (Some(folder), None) => {
            let config = Config::discover(&env.cwd)?;
            let repo = Repository {
                dir: folder.clone(),
                source: Source::AdrDirFile(PathBuf::from(".adr-dir")),
                packages: Vec::new(),
                cwd: env.cwd.clone(),
            };
            (
                Project::with_log(env, config, repo)?,
                Some(PathBuf::from(".adr-dir")),
            )
        }
        _ => (Project::open(env, dir)?, None),
    };
    let request = NewRecord {
        title: "record-architecture-decisions".into(),
        template: Template {
            text: template::INIT.to_string(),
            origin: Origin::BuiltIn(RecordFormat::Nygard),
        },
        date: project.today(),
        status: None,
        tags: Vec::new(),
        supersede: Vec::new(),
        links: Vec::new(),
        reserved: Default::default(),
        spelling: Default::default(),
        slug: Default::default(),
    };
    let change = change::init(&project, &request, marker).context("creating the first record")?;
    Ok(Done::changed(change, Listing::Created))
}
