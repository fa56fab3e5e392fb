//! `adr export html`: a static site of the decisions that works offline,
//! from `file://`, and on GitHub Pages as is.

mod build;
mod cache;
mod cited;
mod confine;
mod feed;
mod forge;
mod input;
mod keys;
mod links;
mod listings;
mod marker;
mod pages;
mod record_pages;
pub mod render;
mod search;
pub(crate) mod serve;
mod sitemap;
mod svg;
mod theme;
mod write;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::log;
use crate::project::Repository;

pub use build::{Built, build};
pub use input::{SiteLog, from_log};
pub use sitemap::encode_path;

/// A file in the output folder that marks it as ours, so that a later
/// export may replace it and nothing else.
pub const MARKER: &str = ".adr-site";

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub title: Option<String>,
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Report {
    pub out: PathBuf,
    pub records: usize,
    pub files: usize,
    pub bytes: u64,
    /// Pages rendered (the others were unchanged since the last export).
    pub rendered: usize,
    /// Files written to disk (the others were already there as they are).
    pub written: usize,
    /// `path: why` lines for the user: unresolved links, unreadable records.
    pub warnings: Vec<String>,
    /// Records that could not be read wholly (their pages show why).
    pub failed: usize,
}

/// The files of the site, by path from its root.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Builds the site and writes it to the output folder: pages whose inputs
/// did not change since the last export are neither rendered nor written.
/// The log is loaded under the export's lock, from the one listing of its
/// folder taken there. The loaded log is returned with the report: the
/// caller may let it go without freeing it record by record.
pub fn html<'p>(
    project: &'p crate::project::Project,
    options: &HtmlOptions,
) -> Result<(Report, log::Log<'p>)> {
    let (repo, config) = (&project.repo, &project.config);
    repo.require()?;
    let out = options
        .out
        .clone()
        .or_else(|| config.site.out.as_deref().map(|o| config.resolve(o)))
        .unwrap_or_else(|| PathBuf::from("adr-site"));
    if options.out.is_none() {
        // A folder named in `.adr.toml` is the project's to choose, inside it.
        let real = crate::project::canonical_prefix(&log::normalise(&repo.cwd.join(&out)));
        if !real.starts_with(project.root()) {
            return Err(Error::Refused(format!(
                "[site] out = {} leads outside the project; nothing was written (give --out to \
                 write elsewhere)",
                out.display()
            )));
        }
    }
    check_out(repo, &out)?;
    // One export at a time: each removes what a killed one left, and the
    // log is read as it stands under the lock.
    let (_lock, listing) = project.lock_listing()?;
    // The output's twin is kept in the state folder when it is there
    // already (inside `.git`, or a `.adr` the project has): an export never
    // makes one in the user's project.
    let state = crate::change::journal::usable_state_dir(project.root())
        .ok()
        .filter(|dir| dir.is_dir());
    // What the earlier export left is read while the log loads.
    // So is the history cache (a git handle of its own: one is not shared
    // between threads).
    let cwd = project.env.cwd.clone();
    let dirs: Vec<PathBuf> = repo.log_dirs().map(Path::to_path_buf).collect();
    let (loaded, survey, history) = std::thread::scope(|scope| {
        let survey = scope.spawn(|| write::Survey::of(&out, state.as_deref()));
        let history = scope.spawn(|| {
            let dirs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
            crate::git::Git::discover(&cwd).map(|git| git.history(&cwd, &dirs))
        });
        let loaded = log::Log::load_listed(project, &listing);
        (loaded, survey.join(), history.join())
    });
    let loaded = loaded?;
    if let Ok(Some(history)) = history {
        loaded.prime_history(history);
    }
    let survey = survey.unwrap_or_else(|_| write::Survey::of(&out, None));
    drop(listing);
    let mut report = export(project, &loaded, &out, options, survey)?;
    report.warnings.splice(0..0, loaded.take_warnings());
    Ok((report, loaded))
}

fn export(
    project: &crate::project::Project,
    log: &log::Log<'_>,
    out: &Path,
    options: &HtmlOptions,
    survey: write::Survey,
) -> Result<Report> {
    let repo = &project.repo;
    let out = out.to_path_buf();
    let log = from_log(log);
    if log.records.is_empty() {
        return Err(Error::Refused(format!(
            "no records in {}; nothing to export",
            repo.dir.display()
        )));
    }
    // A disk failing to read a record stops the export: the previous site
    // stays, rather than one with that record's page missing.
    if let Some(failed) = log.records.iter().find(|r| {
        r.problems
            .iter()
            .any(|p| crate::log::is_io_failure(&p.message) && r.path.exists())
    }) {
        return Err(Error::read(
            &failed.path,
            std::io::Error::other("could not be read; the previous export is kept"),
        ));
    }
    let (output, mut cache) = write::Output::begin(&out, survey)?;
    let mut built = build(project, options, &log, &mut cache.pages, Some(&output))?;
    let marker = write::marker(&cache.pages);
    built.report.bytes += marker.len() as u64;
    if let Some(old) = built.files.insert(MARKER.into(), marker) {
        built.report.bytes -= old.len() as u64;
    }
    let mut report = built.report;
    report.out = out.clone();
    report.files = built.files.len() + built.kept.len();
    report.written = output.finish(&built.files, &built.kept, &cache.pages)?;
    Ok(report)
}

/// Refuses an output folder that holds anything but a previous export,
/// or that would contain the decisions themselves.
fn check_out(repo: &Repository, out: &Path) -> Result<()> {
    let absolute = |p: &Path| log::normalise(&repo.cwd.join(p));
    let out_abs = absolute(out);
    // Symlinks resolved too: the site may neither hold the records nor
    // be written among them (its files would be read as the log's).
    let real = |p: &Path| crate::project::canonical_prefix(&absolute(p));
    if absolute(&repo.dir).starts_with(&out_abs) || real(&repo.dir).starts_with(real(out)) {
        return Err(Error::Refused(format!(
            "{} would contain the ADR folder {}; choose another --out",
            out.display(),
            repo.dir.display()
        )));
    }
    for dir in repo.log_dirs() {
        if real(out).starts_with(real(dir)) {
            return Err(Error::Refused(format!(
                "{} is inside the ADR folder {}; choose another --out",
                out.display(),
                dir.display()
            )));
        }
    }
    if out.exists() {
        let is_empty = fs::read_dir(out)
            .map_err(|e| Error::read(out, e))?
            .next()
            .is_none();
        if !is_empty && !out.join(MARKER).is_file() {
            return Err(Error::Refused(format!(
                "{} exists and is not a site written by adr (no {MARKER} in it); not replacing it",
                out.display()
            )));
        }
    }
    Ok(())
}
