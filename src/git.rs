//! What `adr` knows of git: for now, keeping a moved record's history.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// After a record moved from `from` to `to` (both relative to `cwd`), does
/// what `git mv` does when `from` was tracked: the index forgets `from` and
/// tracks `to`, so history follows the file. Returns whether it did.
/// Outside a git work tree, or for an untracked file, nothing happens.
pub fn stage_move(cwd: &Path, from: &Path, to: &Path) -> Result<bool> {
    let Ok(repo) = git2::Repository::discover(cwd) else {
        return Ok(false);
    };
    let Some(workdir) = repo.workdir() else {
        return Ok(false);
    };
    let git_error = |e: git2::Error| Error::Write {
        path: to.to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    };
    let (Some(old), Some(new)) = (
        in_workdir(workdir, &cwd.join(from)),
        in_workdir(workdir, &cwd.join(to)),
    ) else {
        return Ok(false);
    };
    let mut index = repo.index().map_err(git_error)?;
    if index.get_path(&old, 0).is_none() {
        return Ok(false);
    }
    index.remove_path(&old).map_err(git_error)?;
    index.add_path(&new).map_err(git_error)?;
    index.write().map_err(git_error)?;
    Ok(true)
}

/// `path` relative to the work tree, resolving symlinks in its folder.
fn in_workdir(workdir: &Path, path: &Path) -> Option<PathBuf> {
    let workdir = workdir.canonicalize().ok()?;
    let parent = path.parent()?.canonicalize().ok()?;
    let full = parent.join(path.file_name()?);
    full.strip_prefix(&workdir).ok().map(Path::to_path_buf)
}
