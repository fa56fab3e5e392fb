//! What a reviewer asks of a decision log: what in the repository still
//! cites a retired decision (`cites`), and what a change does to the
//! decisions (`diff`, `--changed-since`, `edited-after-acceptance`).
//!
//! Everything here takes loaded records and git handles as inputs, so
//! commands only parse, call and format.

pub mod acceptance;
pub mod body;
pub mod changed;
pub mod cites;
pub mod diff;
pub mod diff_report;
pub mod matcher;
pub mod range;
pub mod report;

use std::path::{Path, PathBuf};

use crate::project::{Repository, Source};

/// The folder a repository-wide scan starts from: the git work tree, else
/// the folder the ADR folder was found from.
pub fn project_root(repo: &Repository, git: Option<&crate::git::Git>) -> PathBuf {
    if let Some(git) = git {
        return git.workdir.clone();
    }
    let found_at = match &repo.source {
        Source::AdrDirFile(p) | Source::ConfigFile(p) | Source::Log4brains(p) => {
            p.parent().map(Path::to_path_buf)
        }
        Source::DocAdr => repo
            .dir
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf),
        Source::Flag | Source::Environment | Source::Fallback => None,
    };
    let shown = found_at.unwrap_or_default();
    let absolute = repo.cwd.join(shown);
    absolute.canonicalize().unwrap_or(absolute)
}
