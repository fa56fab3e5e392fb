//! The project's root: the one folder the log, its lock and everything
//! `adr` reads or writes for it are inside.
//!
//! A log named by a file of the project (`.adr-dir`, `.adr.toml`,
//! `.log4brains.yml`) must lie inside the project that file belongs to: a
//! pull request cannot point `adr` at `/etc`. A log named on the command
//! line (`--dir`, `ADR_DIR`) is the user's own choice; its project is the
//! one around it.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::log::normalise;

use super::{Repository, Source};

/// Files that mark the top of a project when there is no git work tree.
const MARKERS: &[&str] = &[
    ".git",
    super::config::FILE_NAME,
    ".adr-dir",
    ".log4brains.yml",
    "adrs.toml",
];

/// The root of the project whose log `repo` is.
pub(super) fn find(cwd: &Path, repo: &Repository) -> Result<PathBuf> {
    let log = canonical_prefix(&normalise(&cwd.join(&repo.dir)));
    let root = match &repo.source {
        Source::AdrDirFile(file) | Source::ConfigFile(file) | Source::Log4brains(file) => {
            let folder = canonical_prefix(&normalise(&cwd.join(file)))
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let root = work_tree(&folder).unwrap_or(folder);
            if !log.starts_with(&root) {
                return Err(Error::Refused(format!(
                    "{} names the ADR folder {}, which is outside the project {}; \
                     nothing is read or written there",
                    file.display(),
                    repo.dir.display(),
                    root.display()
                )));
            }
            root
        }
        Source::DocAdr => {
            let found_in = log
                .parent()
                .and_then(Path::parent)
                .map(Path::to_path_buf)
                .unwrap_or_else(|| log.clone());
            work_tree(&found_in).unwrap_or(found_in)
        }
        Source::Fallback => {
            let here = canonical_prefix(cwd);
            work_tree(&here).unwrap_or(here)
        }
        Source::Flag | Source::Environment => {
            work_tree(&log).unwrap_or_else(|| marked_ancestor(&log, cwd))
        }
    };
    Ok(root)
}

/// The git work tree `path` is in (canonical), if any.
fn work_tree(path: &Path) -> Option<PathBuf> {
    let repo = git2::Repository::discover(nearest_existing(path)).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    path.starts_with(&workdir).then_some(workdir)
}

/// Walking up from `log`: the first folder holding a project marker, or
/// one whose `doc/adr` holds the log; else the current folder when the log
/// is inside it, else the log's own parent.
fn marked_ancestor(log: &Path, cwd: &Path) -> PathBuf {
    for ancestor in log.ancestors() {
        if MARKERS.iter().any(|m| ancestor.join(m).exists())
            || (ancestor != log && log.starts_with(ancestor.join(super::DEFAULT_DIR)))
        {
            return ancestor.to_path_buf();
        }
    }
    let here = canonical_prefix(cwd);
    if log.starts_with(&here) {
        return here;
    }
    log.parent()
        .map_or_else(|| log.to_path_buf(), Path::to_path_buf)
}

/// The nearest ancestor of `path` (itself included) that exists.
fn nearest_existing(path: &Path) -> &Path {
    path.ancestors()
        .find(|a| a.exists())
        .unwrap_or(Path::new("/"))
}

/// `path` with its existing part canonical (symlinks resolved) and the
/// rest, not created yet, appended as written.
pub(crate) fn canonical_prefix(path: &Path) -> PathBuf {
    let existing = nearest_existing(path);
    let rest = path.strip_prefix(existing).unwrap_or(Path::new(""));
    match existing.canonicalize() {
        Ok(real) => real.join(rest),
        Err(_) => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Config;

    fn locate(cwd: &Path, flag: Option<&str>) -> Result<PathBuf> {
        let config = Config::discover(cwd)?;
        let repo = Repository::locate(cwd, flag.map(Path::new), None, &config)?;
        find(cwd, &repo)
    }

    #[test]
    fn overlapping_folders_share_a_root() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("doc/adr/historic")).expect("mkdir");
        assert_eq!(locate(&root, Some("doc/adr")).expect("root"), root);
        assert_eq!(locate(&root, Some("doc/adr/historic")).expect("root"), root);
        assert_eq!(
            locate(&root.join("doc"), Some("adr/historic")).expect("root"),
            root
        );
        assert_eq!(locate(&root.join("doc/adr"), None).expect("root"), root);
    }

    #[test]
    fn a_marker_may_not_name_a_folder_outside_the_project() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        let project = root.join("project");
        std::fs::create_dir_all(project.join("decisions")).expect("mkdir");
        std::fs::write(project.join(".adr-dir"), "../elsewhere\n").expect("write");
        let error = locate(&project, None).expect_err("outside");
        assert!(error.to_string().contains("outside the project"), "{error}");
        std::fs::write(project.join(".adr-dir"), "decisions\n").expect("write");
        assert_eq!(locate(&project, None).expect("root"), project);
        std::fs::write(project.join(".adr-dir"), "/etc\n").expect("write");
        assert!(locate(&project, None).is_err());
    }
}
