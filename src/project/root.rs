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

/// The root of the project whose log `repo` is. Every way of naming a
/// log gives the one root of the project it is in, so overlapping folders
/// (`--dir doc/adr`, `--dir doc/adr/historic`, from any folder) share one
/// lock. A log named by a file of the project must resolve, symlinks and
/// all, inside that project.
pub(super) fn find(cwd: &Path, repo: &Repository) -> Result<PathBuf> {
    let log = canonical_prefix(&normalise(&cwd.join(&repo.dir)));
    let root = match &repo.source {
        Source::AdrDirFile(file)
        | Source::ConfigFile(file)
        | Source::Log4brains(file)
        | Source::AdrsToml(file) => {
            for dir in repo.log_dirs() {
                one_line(file, dir)?;
            }
            let folder = canonical_prefix(&normalise(&cwd.join(file)))
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let root = work_tree(&folder).unwrap_or(folder);
            for dir in repo.log_dirs() {
                let real = canonical_prefix(&normalise(&cwd.join(dir)));
                if !real.starts_with(&root) {
                    return Err(outside(file, dir, &root));
                }
            }
            root
        }
        Source::DocAdr => {
            // Where `doc/adr` was found, before symlinks are resolved: a
            // `doc/adr` that is a symlink out of the project is refused.
            let shown = normalise(&cwd.join(&repo.dir));
            let found_in = canonical_prefix(
                shown
                    .parent()
                    .and_then(Path::parent)
                    .unwrap_or(shown.as_path()),
            );
            let root = work_tree(&found_in).unwrap_or(found_in);
            if !log.starts_with(&root) {
                return Err(outside(Path::new(super::DEFAULT_DIR), &repo.dir, &root));
            }
            root
        }
        Source::Found(found) => {
            let top = canonical_prefix(&normalise(&cwd.join(&found.top)));
            let root = work_tree(&top).unwrap_or(top);
            if !log.starts_with(&root) {
                return Err(outside(&found.top, &repo.dir, &root));
            }
            root
        }
        Source::Fallback => {
            let here = canonical_prefix(cwd);
            work_tree(&here).unwrap_or(here)
        }
        Source::Flag | Source::Environment => {
            work_tree(&log).unwrap_or_else(|| marked_ancestor(&log))
        }
    };
    Ok(root)
}

fn outside(named_by: &Path, dir: &Path, root: &Path) -> Error {
    Error::Refused(format!(
        "{} names the ADR folder {}, which leads outside the project {}; \
         nothing is read or written there",
        named_by.display(),
        dir.display(),
        root.display()
    ))
}

/// A folder named in a file must be one line without control characters.
fn one_line(file: &Path, dir: &Path) -> Result<()> {
    let text = dir.to_string_lossy();
    if text.is_empty() || text.chars().any(crate::change::value::forbidden) {
        return Err(Error::invalid(
            file,
            0,
            format!(
                "the ADR folder {:?} must be one folder name on one line, without control characters \
                 or invisible ones",
                text.chars().take(80).collect::<String>()
            ),
        ));
    }
    Ok(())
}

/// The git work tree `path` is in (canonical), if any.
fn work_tree(path: &Path) -> Option<PathBuf> {
    let repo = git2::Repository::discover(nearest_existing(path)).ok()?;
    let workdir = repo.workdir()?.canonicalize().ok()?;
    path.starts_with(&workdir).then_some(workdir)
}

/// Walking up from `log`: the first folder holding a project marker, or
/// one whose `doc/adr` holds the log. Without any, the folder above the
/// outermost folder of records around the log (so `decisions` and
/// `decisions/historic` have one root, from wherever they are named).
fn marked_ancestor(log: &Path) -> PathBuf {
    for ancestor in log.ancestors() {
        if MARKERS.iter().any(|m| ancestor.join(m).exists())
            || (ancestor != log && log.starts_with(ancestor.join(super::DEFAULT_DIR)))
        {
            return ancestor.to_path_buf();
        }
    }
    let mut top = log;
    while let Some(parent) = top.parent()
        && holds_records(parent)
    {
        top = parent;
    }
    match top.parent() {
        // Never the whole file system: the log is then its own project.
        Some(parent) if parent.parent().is_some() => parent.to_path_buf(),
        _ => top.to_path_buf(),
    }
}

/// Whether `dir` holds a numbered Markdown file (it is a log itself).
pub(crate) fn holds_records(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().take(100_000).any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with(|c: char| c.is_ascii_digit())
            && name.len() > 3
            && name
                .get(name.len() - 3..)
                .is_some_and(|x| x.eq_ignore_ascii_case(".md"))
    })
}

/// Settings files (`.adr.toml`, `.adr-dir`, `.log4brains.yml`,
/// `adrs.toml`) are small; a larger one is refused, not read.
const MAX_SETTINGS_BYTES: u64 = 1 << 20;

/// The text of a settings file of the project, read as records are: a
/// regular file only (a FIFO or a device is refused without waiting), at
/// most 1 MiB counted as read, and, when it is a symlink or a hard link,
/// only if the file actually opened is inside the project around it (a
/// pull request's `.adr.toml -> /proc/self/environ` is refused). `shown`
/// names it in the error.
pub(crate) fn read_settings(path: &Path, shown: &Path) -> Result<String> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = std::path::absolute(folder)
        .ok()
        .and_then(|f| f.canonicalize().ok())
        .unwrap_or_else(|| folder.to_path_buf());
    let within = work_tree(&folder).unwrap_or(folder);
    let bytes = crate::log::read_within(path, &within, MAX_SETTINGS_BYTES)
        .map_err(|why| Error::invalid(shown, 0, why))?;
    String::from_utf8(bytes).map_err(|_| Error::invalid(shown, 0, "is not UTF-8 text; not read"))
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
    fn unmarked_overlapping_folders_share_a_root_from_anywhere() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        let project = root.join("p");
        std::fs::create_dir_all(project.join("decisions/historic")).expect("mkdir");
        std::fs::write(project.join("decisions/0001-a.md"), "# 1. A\n").expect("write");
        std::fs::write(project.join("decisions/historic/0002-b.md"), "# 2. B\n").expect("write");
        let from_project = locate(&project, Some("decisions")).expect("root");
        assert_eq!(from_project, project);
        assert_eq!(
            locate(&project, Some("decisions/historic")).expect("root"),
            project
        );
        assert_eq!(
            locate(&project.join("decisions"), Some("historic")).expect("root"),
            project
        );
        assert_eq!(
            locate(&project.join("decisions"), Some(".")).expect("root"),
            project
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_doc_adr_symlinked_outside_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("p/doc")).expect("mkdir");
        std::fs::create_dir_all(root.join("elsewhere")).expect("mkdir");
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join("p/doc/adr")).expect("ln");
        let error = locate(&root.join("p"), None).expect_err("outside");
        assert!(error.to_string().contains("outside the project"), "{error}");
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
        std::fs::remove_file(project.join(".adr-dir")).expect("rm");
        std::fs::write(project.join(".adr.toml"), "dir = \"decisions\\n## x\"\n").expect("write");
        assert!(locate(&project, None).is_err());
    }
}
