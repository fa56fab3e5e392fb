//! The lock that makes one writer at a time, and what its holder tidies:
//! the change a crashed `adr` left half-done, and its temporary files.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::change::{journal, stage};
use crate::error::Error;
use crate::log::Listing;

/// An exclusive lock on a project's root folder, held across "choose a
/// number, write the files" so that concurrent `adr new` never take one
/// number twice, and across "read, decide, write" so no change is lost.
/// One lock per project, whichever folder of it a command was given.
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Waits for the lock on `dir`, which must exist.
    pub(crate) fn acquire(dir: &Path) -> Result<Self, Error> {
        let file = lock_file(dir).map_err(|e| lock_error(dir, e))?;
        file.lock().map_err(|e| lock_error(dir, e))?;
        Ok(Self { _file: file })
    }

    /// The lock on `dir` if no one holds it now (this process included,
    /// through another handle); `None` when it is held.
    pub(crate) fn try_acquire(dir: &Path) -> Option<Self> {
        let file = lock_file(dir).ok()?;
        file.try_lock().ok()?;
        Some(Self { _file: file })
    }

    /// Finishes (or undoes) the change a crashed `adr` left in the project
    /// at `root`, then removes temporary files left in `dirs` and every
    /// folder under them: whoever holds the lock is the only writer.
    /// Returns what the user should be told.
    pub(crate) fn settle<'a>(
        &self,
        root: &Path,
        dirs: impl IntoIterator<Item = &'a Path>,
    ) -> Vec<String> {
        self.settle_listing(root, dirs, None).0
    }

    /// [`Self::settle`], and a listing of the folder `list` (one of
    /// `dirs`) taken once the interrupted change is finished: it serves for
    /// removing that folder's leftovers, which leave it, and then for
    /// whatever the holder needs to know of the folder.
    pub(crate) fn settle_listing<'a>(
        &self,
        root: &Path,
        dirs: impl IntoIterator<Item = &'a Path>,
        list: Option<&Path>,
    ) -> (Vec<String>, Option<io::Result<Listing>>) {
        let dirs: Vec<&Path> = dirs.into_iter().collect();
        let logs: Vec<std::path::PathBuf> = dirs
            .iter()
            .map(|d| {
                crate::project::canonical_prefix(&crate::log::normalise(
                    &std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf()),
                ))
            })
            .collect();
        let mut notes = Vec::new();
        match journal::recover(root, &logs) {
            Ok(Some(recovery)) => notes.push(recovery.describe()),
            Ok(None) => {}
            Err(e) => notes.push(format!(
                "an interrupted change could not be finished yet: {e}"
            )),
        }
        let mut listing = list.map(Listing::read);
        for dir in dirs {
            match &mut listing {
                Some(Ok(listed)) if listed.dir() == dir => {
                    stage::remove_leftovers_listed(listed, Some(root));
                }
                _ => stage::remove_leftovers(dir, true, Some(root)),
            }
        }
        match journal::usable_state_dir(root) {
            Ok(state) => stage::remove_leftovers(&state, false, None),
            Err(why) => notes.push(why),
        }
        (notes, listing)
    }
}

fn lock_error(dir: &Path, source: io::Error) -> Error {
    Error::Lock {
        path: dir.to_path_buf(),
        source,
    }
}

/// On Unix the folder itself is locked, so no lock file is left behind.
#[cfg(unix)]
fn lock_file(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

#[cfg(not(unix))]
fn lock_file(dir: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".adr.lock"))
}
