//! Staging a file's new content so that no reader, and no crash, ever sees
//! part of it.
//!
//! On Linux the content goes into an unnamed file (`O_TMPFILE`) in the
//! target's folder and gets a name only once it is whole and synced: a
//! process killed while writing leaves nothing behind. Elsewhere, or where
//! the file system lacks `O_TMPFILE`, a named temporary file (`.adr-*.tmp`)
//! is used, and the folder lock's holder removes any left by a crash.

use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::log::listing::{Entry, Listing};

/// Prefix and suffix of every named temporary file `adr` makes.
pub(crate) const TEMP_PREFIX: &str = ".adr-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Content written and synced, not yet visible under its name.
pub(crate) enum Staged {
    #[cfg(target_os = "linux")]
    Anonymous {
        file: File,
        dir: PathBuf,
    },
    Named(NamedTempFile),
}

fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

impl Staged {
    /// Writes `content` for `path`, with `permissions`, into its folder.
    pub(crate) fn write(
        path: &Path,
        content: &[u8],
        permissions: Option<Permissions>,
    ) -> io::Result<Self> {
        Self::write_in(folder_of(path), path, content, permissions)
    }

    /// Writes `content` for `path` into `dir`, a folder on the same file
    /// system (the nearest existing one, when `path`'s is made later).
    pub(crate) fn write_in(
        dir: &Path,
        path: &Path,
        content: &[u8],
        permissions: Option<Permissions>,
    ) -> io::Result<Self> {
        let _ = path;
        if let Some(fault) = super::fault::disk_full() {
            return Err(fault);
        }
        #[cfg(target_os = "linux")]
        if let Some(file) = anonymous(dir)? {
            let mut file = file;
            file.write_all(content)?;
            if let Some(p) = permissions {
                file.set_permissions(p)?;
            }
            file.sync_all()?;
            return Ok(Self::Anonymous {
                file,
                dir: dir.to_path_buf(),
            });
        }
        let mut temp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)?;
        temp.write_all(content)?;
        if let Some(p) = permissions {
            fs::set_permissions(temp.path(), p)?;
        }
        temp.as_file().sync_all()?;
        Ok(Self::Named(temp))
    }

    /// Gives the content the name `path`, which must not exist.
    pub(crate) fn create(self, path: &Path) -> io::Result<()> {
        self.create_open(path).map(drop)
    }

    /// Like [`Self::create`], keeping the file open for writing.
    pub(crate) fn create_open(self, path: &Path) -> io::Result<File> {
        match self {
            #[cfg(target_os = "linux")]
            Self::Anonymous { file, .. } => link(&file, path).map(|()| file),
            Self::Named(temp) => temp.persist_noclobber(path).map_err(|e| e.error),
        }
    }

    /// Puts the content in place of the file at `path`, atomically.
    pub(crate) fn replace(self, path: &Path) -> io::Result<()> {
        match self {
            #[cfg(target_os = "linux")]
            Self::Anonymous { file, dir } => {
                // linkat cannot replace a file: name it, then rename it over.
                let name = dir.join(temp_name());
                link(&file, &name)?;
                fs::rename(&name, path).inspect_err(|_| {
                    let _ = fs::remove_file(&name);
                })
            }
            Self::Named(temp) => temp.persist(path).map(|_| ()).map_err(|e| e.error),
        }
    }
}

/// Makes what was named in `dir` durable (best effort: not every file
/// system syncs folders).
pub(crate) fn sync_folder(dir: &Path) {
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// An unnamed file in `dir`, or `None` where the system cannot make one.
#[cfg(target_os = "linux")]
fn anonymous(dir: &Path) -> io::Result<Option<File>> {
    use rustix::fs::{Mode, OFlags};
    if !Path::new("/proc/self/fd").is_dir() {
        return Ok(None);
    }
    match rustix::fs::openat(
        rustix::fs::CWD,
        dir,
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    ) {
        Ok(fd) => Ok(Some(File::from(fd))),
        // No O_TMPFILE on this file system (or kernel): use a named file.
        Err(e)
            if [
                rustix::io::Errno::OPNOTSUPP,
                rustix::io::Errno::ISDIR,
                rustix::io::Errno::INVAL,
            ]
            .contains(&e) =>
        {
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(target_os = "linux")]
fn link(file: &File, path: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let source = format!("/proc/self/fd/{}", file.as_raw_fd());
    rustix::fs::linkat(
        rustix::fs::CWD,
        source.as_str(),
        rustix::fs::CWD,
        path,
        rustix::fs::AtFlags::SYMLINK_FOLLOW,
    )
    .map_err(io::Error::from)
}

/// A fresh `.adr-….tmp` name.
#[cfg(target_os = "linux")]
fn temp_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "{TEMP_PREFIX}{}-{nanos}-{}{TEMP_SUFFIX}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Whether `name` is one of the temporary files `adr` stages content in.
pub(crate) fn is_leftover(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// How deep [`remove_leftovers`] looks: as deep as a log is read.
const MAX_DEPTH: usize = 10;

/// Removes temporary files a crashed `adr` left in `dir` and, when
/// `deep`, the folders under it (symlinked folders are not followed), and
/// in the folder of each file inside `within` that a symlinked record
/// leads to (its new content is staged beside it). Only the holder of the
/// project's lock may call this: no other `adr` is writing then.
pub(crate) fn remove_leftovers(dir: &Path, deep: bool, within: Option<&Path>) {
    let mut linked = std::collections::BTreeSet::new();
    remove_below(dir, if deep { 0 } else { MAX_DEPTH }, within, &mut linked);
    for folder in linked {
        remove_below(&folder, MAX_DEPTH, None, &mut Default::default());
    }
}

/// [`remove_leftovers`] deep in the folder `listing` lists, from that
/// listing (its subfolders are read); what is removed leaves the listing.
pub(crate) fn remove_leftovers_listed(listing: &mut Listing, within: Option<&Path>) {
    let mut linked = std::collections::BTreeSet::new();
    let dir = listing.dir().to_path_buf();
    let removed = remove_in(&dir, listing.entries(), 0, within, &mut linked);
    for name in removed {
        listing.forget(&name);
    }
    for folder in linked {
        remove_below(&folder, MAX_DEPTH, None, &mut Default::default());
    }
}

fn remove_below(
    dir: &Path,
    depth: usize,
    within: Option<&Path>,
    linked: &mut std::collections::BTreeSet<PathBuf>,
) {
    let Ok(listing) = Listing::read_existing(dir) else {
        return;
    };
    remove_in(dir, listing.entries(), depth, within, linked);
}

/// Removes the leftovers among `entries` of `dir`, and below it; returns
/// the names removed from `dir` itself.
fn remove_in(
    dir: &Path,
    entries: &[Entry],
    depth: usize,
    within: Option<&Path>,
    linked: &mut std::collections::BTreeSet<PathBuf>,
) -> Vec<std::ffi::OsString> {
    let mut removed = Vec::new();
    for entry in entries {
        let name = entry.name.to_string_lossy();
        let kind = entry.kind;
        let path = || dir.join(&entry.name);
        if kind.is_file() && is_leftover(&name) {
            if fs::remove_file(path()).is_ok() {
                removed.push(entry.name.clone());
            }
        } else if kind.is_dir() && depth < MAX_DEPTH && !name.starts_with('.') {
            remove_below(&path(), depth + 1, within, linked);
        } else if kind.is_symlink()
            && let Some(within) = within
            && let Ok(real) = path().canonicalize()
            && real.starts_with(within)
            && real.is_file()
            && let Some(folder) = real.parent()
        {
            linked.insert(folder.to_path_buf());
        }
    }
    removed
}

/// Puts the folder `new` at `out` and the folder that was there at `new`,
/// in one step where the system can (Linux's `renameat2` with
/// `RENAME_EXCHANGE`), so `out` is always one whole folder or the other.
/// Elsewhere `out` is moved aside first, a moment without either.
pub(crate) fn swap_folders(new: &Path, out: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, out, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(e) if e == rustix::io::Errno::NOENT && !out.exists() => {
                return fs::rename(new, out);
            }
            Err(e)
                if e != rustix::io::Errno::INVAL
                    && e != rustix::io::Errno::NOSYS
                    && e != rustix::io::Errno::OPNOTSUPP =>
            {
                return Err(e.into());
            }
            Err(_) => {}
        }
    }
    if !out.exists() {
        return fs::rename(new, out);
    }
    let aside = new.with_extension("swap");
    fs::rename(out, &aside)?;
    if let Err(e) = fs::rename(new, out) {
        let _ = fs::rename(&aside, out);
        return Err(e);
    }
    fs::rename(&aside, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_never_replaces() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let path = tmp.path().join("a.md");
        Staged::write(&path, b"one", None)
            .expect("stage")
            .create(&path)
            .expect("create");
        let second = Staged::write(&path, b"two", None)
            .expect("stage")
            .create(&path);
        assert_eq!(
            second.map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "one");
        Staged::write(&path, b"three", None)
            .expect("stage")
            .replace(&path)
            .expect("replace");
        assert_eq!(fs::read_to_string(&path).expect("read"), "three");
        let names: Vec<_> = fs::read_dir(tmp.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn unwritten_staging_leaves_nothing() {
        let tmp = tempfile::tempdir().expect("tempdir");
        drop(Staged::write(&tmp.path().join("a.md"), b"abandoned", None).expect("stage"));
        assert_eq!(fs::read_dir(tmp.path()).expect("dir").count(), 0);
    }

    #[test]
    fn leftovers_are_removed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(tmp.path().join(".adr-123.tmp"), "x").expect("write");
        fs::write(tmp.path().join("0001-keep.md"), "x").expect("write");
        remove_leftovers(tmp.path(), true, None);
        let names: Vec<_> = fs::read_dir(tmp.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["0001-keep.md"]);
    }
}
