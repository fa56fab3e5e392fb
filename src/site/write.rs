//! Putting the built site in the output folder: written in a new folder
//! beside it and swapped in whole (`renameat2(RENAME_EXCHANGE)` on Linux),
//! so the output folder is the old site until the new one is complete.
//! Over an earlier export, only what changed is written; the rest is
//! hard-linked from it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::build::PageSink;
use super::cache::{Entry, PageCache};
use super::{Files, MARKER};

/// The marker's first line; the page cache follows as JSON, then the
/// origin of the folder it was written in.
const MARKER_HEAD: &str =
    "Written by `adr export html`; the whole folder is replaced on each export.\n";
const ORIGIN: &str = "origin ";

/// A regular file, not a symlink: the only kind taken from an earlier
/// export.
fn regular(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
}

/// The previous export's page cache, and whether there is one to build on.
#[derive(Debug, Default)]
pub(super) struct Cache {
    pub pages: PageCache,
    /// An earlier export is in the output folder (its marker read).
    incremental: bool,
}

impl Cache {
    /// Reads the cache from `out`'s marker; pages whose file is gone are
    /// forgotten. Anything unreadable gives an empty cache (a full export).
    pub(super) fn read(out: &Path) -> Self {
        let mut cache = Self {
            pages: PageCache {
                on_disk: true,
                ..PageCache::default()
            },
            incremental: false,
        };
        let Ok(text) = fs::read_to_string(out.join(MARKER)) else {
            return cache;
        };
        // Only an export this machine made in this very folder is built
        // on: a marker copied or committed with the project (a pull
        // request's `site/.adr-site` with pages of its own, or symlinks
        // out) names another folder, and the export is then made whole.
        let mut lines = text.strip_prefix(MARKER_HEAD).unwrap_or("").lines();
        let json = lines.next().unwrap_or("");
        let origin = lines.next().and_then(|l| l.strip_prefix(ORIGIN));
        if origin != Some(crate::change::journal::origin(out).to_string().as_str()) {
            return cache;
        }
        cache.incremental = true;
        let Ok(entries) = serde_json::from_str::<BTreeMap<String, Entry>>(json) else {
            return cache;
        };
        cache.pages.old_site = Some(out.to_path_buf());
        cache.pages.entries = entries
            .into_iter()
            .filter(|(page, _)| regular(&out.join(page)))
            .collect();
        cache
    }
}

/// The marker's bytes: its line, then the cache, in page order.
pub(super) fn marker(pages: &PageCache) -> Vec<u8> {
    let sorted: BTreeMap<&String, &Entry> = pages.entries.iter().collect();
    let mut bytes = MARKER_HEAD.as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&sorted).unwrap_or_default());
    bytes.push(b'\n');
    bytes
}

/// Where an export writes: always a new folder beside the output folder,
/// swapped in whole once complete, so the output folder holds the old
/// site or the new one and never a mixture, however the export ends.
/// Files an earlier export already has as they are (unchanged pages) are
/// hard-linked from it rather than written again.
pub(super) struct Output {
    out: PathBuf,
    staging: tempfile::TempDir,
    /// The earlier export, when there is one to take unchanged files from.
    previous: Option<PathBuf>,
    written: std::sync::atomic::AtomicUsize,
    /// Folders already made in the new folder.
    made: std::sync::Mutex<BTreeSet<PathBuf>>,
    /// Files already in the new folder.
    placed: std::sync::Mutex<BTreeSet<String>>,
}

impl Output {
    /// Starts an export to `out`, in a new folder beside it; folders a
    /// killed export left there are removed first.
    pub(super) fn begin(out: &Path, cache: &Cache) -> Result<Self> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "adr-site".into());
        remove_leftovers(parent, &name);
        let staging = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(parent)
            .map_err(|e| write_error(parent, e))?;
        Ok(Self {
            out: out.to_path_buf(),
            staging,
            previous: (cache.incremental && out.is_dir()).then(|| out.to_path_buf()),
            written: std::sync::atomic::AtomicUsize::new(0),
            made: std::sync::Mutex::new(BTreeSet::new()),
            placed: std::sync::Mutex::new(BTreeSet::new()),
        })
    }

    /// Writes the rest of the site, takes the unchanged pages from the
    /// earlier export, and swaps the new folder in. Returns how many
    /// files were written.
    pub(super) fn finish(self, files: &Files, kept: &BTreeSet<String>) -> Result<usize> {
        for (path, bytes) in files.iter().filter(|(p, _)| *p != MARKER) {
            self.put(path, bytes)?;
        }
        if let Some(previous) = &self.previous {
            let placed = self.placed.lock().map(|p| p.clone()).unwrap_or_default();
            for page in kept.iter().filter(|p| !placed.contains(*p)) {
                let target = self.staging.path().join(page);
                self.folder_for(&target)?;
                link_or_copy(&previous.join(page), &target)?;
            }
        }
        let mut marker = files.get(MARKER).cloned().unwrap_or_default();
        // The new folder becomes the output folder whole (same inode).
        marker.extend(
            format!(
                "{ORIGIN}{}\n",
                crate::change::journal::origin(self.staging.path())
            )
            .bytes(),
        );
        let marker_path = self.staging.path().join(MARKER);
        fs::write(&marker_path, marker).map_err(|e| write_error(&marker_path, e))?;
        let staged = self.staging.keep();
        if let Err(e) = crate::change::stage::swap_folders(&staged, &self.out) {
            let _ = fs::remove_dir_all(&staged);
            return Err(write_error(&self.out, e));
        }
        // `staged` now holds the earlier export, if there was one; a kill
        // here leaves it for the next export to remove.
        let _ = fs::remove_dir_all(&staged);
        Ok(self.written.into_inner() + 1)
    }

    fn folder_for(&self, target: &Path) -> Result<()> {
        if let Some(dir) = target.parent() {
            let new = self
                .made
                .lock()
                .map(|mut made| made.insert(dir.to_path_buf()))
                .unwrap_or(true);
            if new {
                fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
            }
        }
        Ok(())
    }
}

impl PageSink for Output {
    /// One file, into the new folder: linked from the earlier export when
    /// that has it as it is, written otherwise.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        use std::sync::atomic::Ordering;
        let target = self.staging.path().join(path);
        self.folder_for(&target)?;
        if let Ok(mut placed) = self.placed.lock() {
            placed.insert(path.to_string());
        }
        if let Some(previous) = &self.previous {
            let old = previous.join(path);
            if fs::symlink_metadata(&old)
                .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
                && fs::read(&old).is_ok_and(|o| o == bytes)
                && fs::hard_link(&old, &target).is_ok()
            {
                return Ok(());
            }
        }
        fs::write(&target, bytes).map_err(|e| write_error(&target, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// A file of the earlier export into the new one: a hard link (the earlier
/// export's files are never changed, only replaced), else a copy.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if !regular(from) {
        return Err(write_error(
            from,
            std::io::Error::other("not a regular file of the earlier export; not taken"),
        ));
    }
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    fs::copy(from, to).map(drop).map_err(|e| write_error(to, e))
}

/// Removes the folders of exports to `parent/name` that were killed before
/// they finished: `.NAME.new-` and `.NAME.old-` with the six characters
/// `tempfile` adds.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let entry_name = entry.file_name();
        let entry_name = entry_name.to_string_lossy();
        let ours = [format!(".{name}.new-"), format!(".{name}.old-")]
            .iter()
            .any(|prefix| {
                entry_name
                    .strip_prefix(prefix.as_str())
                    .is_some_and(|rest| {
                        rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric())
                    })
            });
        if ours && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}
