//! The log as it stood at a date or a revision, and the numbers other
//! branches have taken.

use std::collections::BTreeSet;

use std::path::Path;

use git2::{BranchType, Oid};

use crate::error::{Error, Result};
use crate::record::name;

use super::Git;

/// The commit `at` names: a revision (`v1.2`, `main~3`, a hash), or a
/// date `YYYY-MM-DD`, meaning the last commit on HEAD's first-parent line
/// made on or before that day.
pub(crate) fn resolve(git: &Git, at: &str) -> Result<Oid> {
    let unknown = || {
        Error::History(format!(
            "`{at}` is neither a revision nor a date (YYYY-MM-DD) in this repository"
        ))
    };
    let Some(head) = git.head() else {
        return Err(Error::History(format!(
            "this repository has no commits yet, so there is no log at `{at}`"
        )));
    };
    if let Ok(date) = chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d") {
        let mut commit = git.repo.find_commit(head).map_err(|_| unknown())?;
        loop {
            let when = commit.time();
            let day = super::date_of(when.seconds(), when.offset_minutes());
            if day <= date.to_string() {
                return Ok(commit.id());
            }
            commit = match commit.parent(0) {
                Ok(parent) => parent,
                Err(_) if git.repo.is_shallow() => {
                    return Err(Error::History(format!(
                        "this clone is shallow and its history starts on {day}, after {at}; `git fetch --unshallow` brings the rest"
                    )));
                }
                Err(_) => {
                    return Err(Error::History(format!(
                        "the history starts on {day}, after {at}: there was no decision log then"
                    )));
                }
            };
        }
    }
    git.repo
        .revparse_single(at)
        .and_then(|o| o.peel_to_commit())
        .map(|c| c.id())
        .map_err(|_| unknown())
}

/// Numbers that records in `dir` (work-tree relative) have on local and,
/// when `remote`, remote-tracking branches.
pub(crate) fn numbers_on_branches(git: &Git, dir: &str, remote: bool) -> BTreeSet<u32> {
    let mut numbers = BTreeSet::new();
    let kinds: &[BranchType] = if remote {
        &[BranchType::Local, BranchType::Remote]
    } else {
        &[BranchType::Local]
    };
    let mut seen_trees = BTreeSet::new();
    for kind in kinds {
        let Ok(branches) = git.repo.branches(Some(*kind)) else {
            continue;
        };
        for (branch, _) in branches.flatten() {
            let Some(tree) = branch.get().peel_to_tree().ok() else {
                continue;
            };
            let sub = if dir.is_empty() {
                Some(tree)
            } else {
                tree.get_path(Path::new(dir))
                    .ok()
                    .and_then(|e| git.repo.find_tree(e.id()).ok())
            };
            let Some(sub) = sub else { continue };
            if !seen_trees.insert(sub.id()) {
                continue;
            }
            for entry in sub.iter() {
                let entry_name = String::from_utf8_lossy(entry.name_bytes());
                // `0007-x.md`, `adr-007-x.md`, `20240509-adr-0007-x.md`; not dates.
                if let Some(n) = name::number(&entry_name) {
                    numbers.insert(n);
                }
            }
        }
    }
    numbers
}

/// The numbers a new record in `adr_dir` must not take: those records have
/// on the branches `.adr.toml`'s `[new] other_branches` names (all by
/// default). Empty outside a git work tree.
pub(crate) fn reserved_numbers(
    cwd: &Path,
    adr_dir: &Path,
    branches: crate::project::config::Branches,
) -> Result<BTreeSet<u32>> {
    let remote = match branches {
        crate::project::config::Branches::None => return Ok(BTreeSet::new()),
        crate::project::config::Branches::Local => false,
        crate::project::config::Branches::All => true,
    };
    let Some(git) = Git::discover(cwd) else {
        return Ok(BTreeSet::new());
    };
    let Some(dir) = git.relative(cwd, adr_dir) else {
        return Ok(BTreeSet::new());
    };
    Ok(numbers_on_branches(&git, &dir, remote))
}
