//! One folder's entries, read once. A write reads the log folder a single
//! time under the lock, and that one listing tells it the leftovers to
//! remove, the next number and the folder's conventions: at 10,000 records
//! each listing is most of a write's time in the kernel.

use std::ffi::{OsStr, OsString};
use std::fs::{self, FileType};
use std::io;
use std::path::{Path, PathBuf};

/// The entries of one folder, sorted by name (bytewise), as `readdir`
/// gave them: a name and a kind, with no `stat` per entry where the file
/// system gives the kind with the name.
#[derive(Debug, Clone)]
pub struct Listing {
    dir: PathBuf,
    entries: Vec<Entry>,
    /// Whether the folder was there to be read.
    found: bool,
}

/// One entry of a [`Listing`].
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: OsString,
    /// What the entry itself is: a symlink is a symlink here, not what it
    /// leads to.
    pub kind: FileType,
}

impl Listing {
    /// Reads `dir`; a folder that does not exist lists nothing.
    pub fn read(dir: &Path) -> io::Result<Self> {
        match fs::read_dir(dir) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Self::missing(dir)),
            opened => Self::collect(dir, opened?),
        }
    }

    /// The listing of a folder that is not there.
    pub fn missing(dir: &Path) -> Self {
        Self {
            dir: dir.to_path_buf(),
            entries: Vec::new(),
            found: false,
        }
    }

    /// Reads `dir`, which must exist.
    pub fn read_existing(dir: &Path) -> io::Result<Self> {
        Self::collect(dir, fs::read_dir(dir)?)
    }

    fn collect(dir: &Path, read: fs::ReadDir) -> io::Result<Self> {
        let mut entries = Vec::new();
        for entry in read {
            let entry = entry?;
            entries.push(Entry {
                kind: entry.file_type()?,
                name: entry.file_name(),
            });
        }
        entries.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok(Self {
            dir: dir.to_path_buf(),
            entries,
            found: true,
        })
    }

    /// The folder listed, as it was given.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Whether the folder existed when it was read.
    pub fn found(&self) -> bool {
        self.found
    }

    /// Drops the entry `name` (a file removed since the listing).
    pub(crate) fn forget(&mut self, name: &OsStr) {
        if let Ok(at) = self
            .entries
            .binary_search_by(|e| e.name.as_os_str().cmp(name))
        {
            self.entries.remove(at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_missing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        for name in ["b.md", "a.md", "0002-x.md"] {
            fs::write(tmp.path().join(name), "x").expect("write");
        }
        fs::create_dir(tmp.path().join("sub")).expect("dir");
        let mut listing = Listing::read(tmp.path()).expect("read");
        let names: Vec<_> = listing.entries().iter().map(|e| e.name.clone()).collect();
        assert_eq!(names, ["0002-x.md", "a.md", "b.md", "sub"]);
        assert!(listing.entries()[3].kind.is_dir());
        listing.forget(OsStr::new("a.md"));
        assert_eq!(listing.entries().len(), 3);
        let missing = Listing::read(&tmp.path().join("missing")).expect("missing");
        assert!(!missing.found() && missing.entries().is_empty());
        assert!(Listing::read_existing(&tmp.path().join("missing")).is_err());
    }
}
