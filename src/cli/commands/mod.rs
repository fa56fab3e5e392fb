//! One module per subcommand: find the repository, call the domain, print.

pub mod check;
pub mod config;
pub mod edit;
pub mod exchange;
pub mod export;
pub mod generate;
pub mod graph;
pub mod init;
pub mod link;
pub mod list;
pub mod log;
pub mod manual;
pub mod mcp;
pub mod new;
pub mod relate;
pub mod search;
pub mod serve;
pub mod show;
pub mod template;

use std::io::Write;

use crate::output::view::diagnostic;
use crate::record::Record;

/// Records with their texts and links resolved: as they are, or as they
/// stood at `at` (a date or a git revision), read from git into a
/// temporary folder that lives as long as this.
pub(crate) struct Loaded {
    pub scan: crate::log::Scan,
    pub records: Vec<crate::record::Record>,
    pub texts: Vec<Option<String>>,
    _snapshot: Option<tempfile::TempDir>,
}

pub(crate) fn load(
    ctx: &crate::Context<'_>,
    repo: &crate::project::Repository,
    at: Option<&str>,
) -> anyhow::Result<Loaded> {
    use crate::log;
    let Some(at) = at else {
        let scan = log::scan_repository(repo)?;
        let (mut records, texts): (Vec<_>, Vec<_>) =
            log::load_with_text(&scan.records).into_iter().unzip();
        log::resolve_links(&mut records);
        return Ok(Loaded {
            scan,
            records,
            texts,
            _snapshot: None,
        });
    };
    let git = crate::git::Git::discover(&ctx.env.cwd).ok_or_else(|| {
        crate::Error::Usage(
            "--at reads git history, and this folder is not in a git work tree".into(),
        )
    })?;
    let commit = crate::git::revision::resolve(&git, at)?;
    let snapshot = tempfile::tempdir().map_err(|e| crate::Error::read(std::env::temp_dir(), e))?;
    let mut scan = log::Scan::default();
    for (i, dir) in repo.log_dirs().enumerate() {
        let Some(rel) = git.relative(&ctx.env.cwd, dir) else {
            continue;
        };
        let into = snapshot.path().join(i.to_string());
        if !crate::git::revision::extract(&git, commit, &rel, &into)? {
            continue;
        }
        let found = log::scan(&into).map_err(|e| crate::Error::read(&into, e))?;
        for mut file in found.records {
            file.path = dir.join(file.path.strip_prefix(&into).unwrap_or(&file.path));
            scan.records.push(file);
        }
    }
    // Read from the snapshot, shown with the folder's own paths.
    let snapshot_files: Vec<_> = scan
        .records
        .iter()
        .map(|f| {
            let mut copy = f.clone();
            let (i, dir) = repo
                .log_dirs()
                .enumerate()
                .find(|(_, d)| f.path.starts_with(d))
                .unwrap_or((0, repo.dir.as_path()));
            copy.path = snapshot
                .path()
                .join(i.to_string())
                .join(f.path.strip_prefix(dir).unwrap_or(&f.path));
            copy
        })
        .collect();
    let (mut records, texts): (Vec<_>, Vec<_>) =
        log::load_with_text(&snapshot_files).into_iter().unzip();
    for (record, file) in records.iter_mut().zip(&scan.records) {
        record.path = file.path.clone();
    }
    log::resolve_links(&mut records);
    Ok(Loaded {
        scan,
        records,
        texts,
        _snapshot: Some(snapshot),
    })
}

/// What git history says of each record; all `None` outside a repository
/// or before the first commit.
pub(crate) fn history(
    ctx: &crate::Context<'_>,
    repo: &crate::project::Repository,
    records: &[crate::record::Record],
    texts: &[Option<String>],
    emails: bool,
) -> anyhow::Result<Vec<Option<crate::git::Metadata>>> {
    let dirs: Vec<&std::path::Path> = repo.log_dirs().collect();
    Ok(crate::git::records_metadata(
        &ctx.env.cwd,
        &dirs,
        records,
        Some(texts),
        emails,
    )?)
}

/// With `--commit`, commits `paths` with `message` and says so on stderr.
fn maybe_commit(
    ctx: &mut crate::Context<'_>,
    paths: &[std::path::PathBuf],
    message: &str,
) -> anyhow::Result<()> {
    if !ctx.commit || paths.is_empty() {
        return Ok(());
    }
    let summary = crate::git::commit::commit(&ctx.env.cwd, paths, message)?;
    writeln!(ctx.err, "adr: committed {summary}")?;
    Ok(())
}

/// Reports on stderr the records that could not be read, or not wholly;
/// returns the exit code for a listing: 1 when any had errors.
fn report_errors(records: &[Record], err: &mut dyn Write) -> u8 {
    let mut code = 0;
    for record in records {
        for problem in record
            .problems
            .iter()
            .filter(|p| p.severity == crate::record::Severity::Error)
        {
            let _ = writeln!(err, "{}", diagnostic(&record.path, problem));
            code = 1;
        }
    }
    code
}
