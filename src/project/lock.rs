//! The lock that makes one writer at a time.

use std::fs::File;
use std::io;
use std::path::Path;

use crate::change::stage;
use crate::error::Error;

/// An exclusive lock on a project's folder, held across "choose a number,
/// write the files" so that concurrent `adr new` never take one number
/// twice, and across "read, decide, write" so no change is lost.
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Waits for the lock on `dir`, which must exist.
    pub(crate) fn acquire(dir: &Path) -> Result<Self, Error> {
        let file = lock_file(dir).map_err(|e| Error::Lock {
            path: dir.to_path_buf(),
            source: e,
        })?;
        file.lock().map_err(|e| Error::Lock {
            path: dir.to_path_buf(),
            source: e,
        })?;
        Ok(Self { _file: file })
    }

    /// Removes temporary files a crashed `adr` left in `dirs`: whoever
    /// holds the lock is the only writer.
    pub(crate) fn clean(&self, dirs: impl IntoIterator<Item = impl AsRef<Path>>) {
        for dir in dirs {
            stage::remove_leftovers(dir.as_ref());
        }
    }
}

/// On Unix the folder itself is locked, so no lock file is left behind.
#[cfg(unix)]
fn lock_file(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

#[cfg(not(unix))]
fn lock_file(dir: &Path) -> io::Result<File> {
    fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".adr.lock"))
}
