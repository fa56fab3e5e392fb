//! `adr check --changed-since REV`: what a change touched, so only its
//! findings are reported. The rules still see the whole log (a relation
//! needs both ends); the findings are then kept when they are about a
//! record the change touched, or a file it changed.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use git2::Oid;

use crate::check::Finding;
use crate::error::{Error, Result};
use crate::git::Git;

use super::diff::{self, Side};

/// The base of `--changed-since REV`: the merge base of REV and HEAD, so
/// a branch is judged on its own commits, as a pull request shows them.
pub(crate) fn base(git: &Git, rev: &str) -> Result<Oid> {
    let Some(head) = git.head() else {
        return Err(Error::History(
            "this repository has no commits yet, so nothing has changed since a revision".into(),
        ));
    };
    let since = crate::git::revision::resolve(git, rev)?;
    super::range::merge_base(git, (head, "HEAD"), (since, rev))
}

/// Files (work-tree relative) that differ between `base` and the working
/// tree, untracked ones included.
pub(crate) fn changed_files(git: &Git, base: Oid) -> Result<HashSet<String>> {
    let error = |e: git2::Error| Error::Read {
        path: git.workdir.clone(),
        source: std::io::Error::other(e.message().to_string()),
    };
    let tree = git
        .repo
        .find_commit(base)
        .and_then(|c| c.tree())
        .map_err(error)?;
    let mut options = git2::DiffOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    let delta = git
        .repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))
        .map_err(error)?;
    let mut files = HashSet::new();
    for d in delta.deltas() {
        for file in [d.old_file(), d.new_file()] {
            if let Some(path) = file.path() {
                files.insert(
                    path.components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/"),
                );
            }
        }
    }
    Ok(files)
}

/// What a change touched, in shown paths.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// Records added, changed or renamed, and those at the ends of the
    /// relations the change made or removed.
    pub records: BTreeSet<PathBuf>,
    /// Every file the change touched.
    pub files: HashSet<PathBuf>,
}

impl Scope {
    /// The scope of the change from `before` to `after` (the working log),
    /// with `files` the work-tree relative paths it changed.
    pub(crate) fn new(
        before: Side<'_>,
        after: Side<'_>,
        files: &HashSet<String>,
        git: &Git,
        cwd: &Path,
    ) -> Self {
        let (changes, pairs) = diff::diff(before, after);
        let records = changes
            .touched(before, after, &pairs)
            .into_iter()
            .map(|a| after.records[a].path.clone())
            .collect();
        let files = files
            .iter()
            .map(|f| super::report::shown(&git.workdir, cwd, f))
            .collect();
        Self { records, files }
    }

    /// Whether a finding is about this change: its file was touched, or
    /// the record it is about was.
    pub(crate) fn keeps(&self, finding: &Finding, records: &[crate::record::Record]) -> bool {
        let path = &finding.diagnostic.path;
        self.records.contains(path)
            || self.files.contains(path)
            || finding
                .record
                .and_then(|r| records.get(r))
                .is_some_and(|r| self.records.contains(&r.path))
    }
}
