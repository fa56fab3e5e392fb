//! Putting the built site in the output folder: written in another folder
//! and swapped in whole (`renameat2(RENAME_EXCHANGE)` on Linux), so the
//! output folder is the old site until the new one is complete.
//!
//! The other folder is the output's twin, kept in the project's state
//! folder (`.git/adr-site-…`) when that is on the same file system: the
//! swap leaves the earlier site there, and the next export brings the twin
//! up to date by writing only the files that differ from it, rather than
//! making ten thousand links in a new folder and removing the old one.
//! The twin is built on only when its marker names the very folder it is
//! in, and its marker is removed before anything in it changes: a twin
//! left half-changed by a killed export is not built on, but made again.
//! Without a state folder there, a new folder beside the output is used,
//! filled with links to the earlier export's unchanged files, and the
//! earlier export is removed once swapped out.

use std::collections::BTreeSet;

use foldhash::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::build::PageSink;
use super::cache::{Entry, PageCache};
use super::{Files, MARKER, marker};

/// A regular file, not a symlink: the only kind taken from an earlier
/// export.
pub(super) fn regular(path: &Path) -> bool {
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
    /// Reads the cache from `out`'s marker. Anything unreadable gives an
    /// empty cache (a full export).
    pub(super) fn read(out: &Path) -> Self {
        let mut cache = Self {
            pages: PageCache {
                on_disk: true,
                ..PageCache::default()
            },
            incremental: false,
        };
        // Only an export this machine made in this very folder is built
        // on: a marker copied or committed with the project (a pull
        // request's `site/.adr-site` with pages of its own, or symlinks
        // out) names another folder, and the export is then made whole.
        let Some(entries) = trusted_marker(out) else {
            return cache;
        };
        cache.incremental = true;
        cache.pages.old_site = Some(out.to_path_buf());
        cache.pages.entries = entries;
        cache
    }
}

/// The pages of the marker in `folder` if it names that very folder.
fn trusted_marker(folder: &Path) -> Option<foldhash::HashMap<String, Entry>> {
    let text = fs::read_to_string(folder.join(MARKER)).ok()?;
    let read = marker::decode(&text);
    let origin = crate::change::journal::origin(folder).to_string();
    (read.origin.as_deref() == Some(origin.as_str())).then_some(read.entries)
}

/// The marker's bytes: its line, then the cache, in page order.
pub(super) fn marker(pages: &PageCache) -> Vec<u8> {
    marker::encode(&pages.entries)
}

/// What an export finds before it changes anything: the earlier export's
/// cache, and the output's twin with what it holds. Read-only, so it can
/// be read while the log loads.
pub(super) struct Survey {
    pub cache: Cache,
    state: Option<PathBuf>,
    twin: Option<PathBuf>,
    /// The twin's pages and files, when its marker names it.
    twin_held: Option<(foldhash::HashMap<String, Entry>, Held)>,
}

impl Survey {
    /// Looks at the output folder `out` and its twin in `state`.
    pub(super) fn of(out: &Path, state: Option<&Path>) -> Self {
        let cache = Cache::read(out);
        let twin = state.and_then(|s| twin_of(s, output_parent(out), out));
        let twin_held = twin
            .as_deref()
            .filter(|_| cache.incremental && out.is_dir())
            .and_then(|twin| Some((trusted_marker(twin)?, files_in(twin))));
        Self {
            cache,
            state: state.map(Path::to_path_buf),
            twin,
            twin_held,
        }
    }
}

fn output_parent(out: &Path) -> &Path {
    out.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// How the folder being written relates to what is there already.
enum Base {
    /// A new folder (beside the output, or the twin made again).
    Fresh,
    /// The twin, built on: the files it holds.
    Twin { held: Held },
}

/// Where an export writes: a folder swapped in whole once complete, so the
/// output folder holds the old site or the new one and never a mixture,
/// however the export ends. Files an earlier export has as they are are
/// kept (in the twin) or hard-linked from it rather than written again.
pub(super) struct Output {
    out: PathBuf,
    staging: PathBuf,
    base: Base,
    /// The staging folder is the output's twin: the folder swapped out is
    /// kept there for the next export.
    twin: bool,
    /// A folder to remove once the new site is in place (a twin that could
    /// not be built on, moved aside).
    discard: Option<PathBuf>,
    /// The earlier export, when there is one to take unchanged files from.
    previous: Option<PathBuf>,
    finished: bool,
    written: std::sync::atomic::AtomicUsize,
    /// Folders already made in the new folder.
    made: std::sync::Mutex<BTreeSet<PathBuf>>,
    /// Files already in the new folder.
    placed: std::sync::Mutex<BTreeSet<String>>,
}

impl Output {
    /// Starts an export to `out`, in its twin in `state` when there is one
    /// to keep, else in a new folder beside it; folders a killed export
    /// left there are removed first. The twin's pages are added to
    /// `cache` when it is built on.
    pub(super) fn begin(out: &Path, survey: Survey) -> Result<(Self, Cache)> {
        let Survey {
            mut cache,
            state,
            twin,
            twin_held,
        } = survey;
        let parent = output_parent(out);
        fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "adr-site".into());
        remove_leftovers(parent, &name);
        let previous = (cache.incremental && out.is_dir()).then(|| out.to_path_buf());
        let mut output = Self {
            out: out.to_path_buf(),
            staging: PathBuf::new(),
            base: Base::Fresh,
            twin: false,
            discard: None,
            previous,
            finished: false,
            written: std::sync::atomic::AtomicUsize::new(0),
            made: std::sync::Mutex::new(BTreeSet::new()),
            placed: std::sync::Mutex::new(BTreeSet::new()),
        };
        // An output folder whose parent was just made has its twin too.
        let twin = twin.or_else(|| state.and_then(|s| twin_of(&s, parent, out)));
        let Some(twin) = twin else {
            let staging = tempfile::Builder::new()
                .prefix(&format!(".{name}.new-"))
                .tempdir_in(parent)
                .map_err(|e| write_error(parent, e))?;
            output.staging = staging.keep();
            return Ok((output, cache));
        };
        output.twin = true;
        output.staging = twin.clone();
        let aside = twin.with_extension("gone");
        if aside.exists() {
            let _ = fs::remove_dir_all(&aside);
        }
        // Built on only over an export it is the twin of; its marker goes
        // first, so that from here it is not trusted until it is whole.
        if output.previous.is_some()
            && let Some((entries, held)) = twin_held
            && fs::remove_file(twin.join(MARKER)).is_ok()
        {
            cache.pages.twin = entries
                .into_iter()
                .filter(|(page, _)| held.files.contains(page))
                .collect();
            cache.pages.twin_site = Some(twin.clone());
            output.base = Base::Twin { held };
            return Ok((output, cache));
        }
        if fs::symlink_metadata(&twin).is_ok() {
            // Removed once the new site is in place: freeing ten thousand
            // files just before making ten thousand slows some file
            // systems' allocators.
            fs::rename(&twin, &aside).map_err(|e| write_error(&twin, e))?;
            output.discard = Some(aside);
        }
        fs::create_dir(&twin).map_err(|e| write_error(&twin, e))?;
        Ok((output, cache))
    }

    /// Writes the rest of the site, takes the unchanged pages from the
    /// twin or the earlier export, and swaps the new folder in. `pages` is
    /// the new site's cache. Returns how many files were written.
    pub(super) fn finish(
        mut self,
        files: &Files,
        kept: &BTreeSet<String>,
        pages: &PageCache,
    ) -> Result<usize> {
        for (path, bytes) in files.iter().filter(|(p, _)| *p != MARKER) {
            self.put(path, bytes)?;
        }
        let placed = self.placed.lock().map(|p| p.clone()).unwrap_or_default();
        for page in kept.iter().filter(|p| !placed.contains(*p)) {
            if let Base::Twin { held } = &self.base {
                let same = |e: Option<&Entry>| e.map(|e| e.key);
                let in_twin = same(pages.twin.get(page));
                if in_twin.is_some()
                    && in_twin == same(pages.entries.get(page))
                    && held.files.contains(page)
                {
                    continue;
                }
                remove_file(&self.staging.join(page))?;
            }
            let target = self.staging.join(page);
            let Some(previous) = &self.previous else {
                return Err(write_error(
                    &target,
                    std::io::Error::other("no earlier export to take it from"),
                ));
            };
            self.folder_for(&target)?;
            link_or_copy(&previous.join(page), &target)?;
        }
        if let Base::Twin { held } = &self.base {
            let wanted = |p: &String| placed.contains(p) || kept.contains(p);
            for stale in held.files.iter().filter(|p| !wanted(p)) {
                remove_file(&self.staging.join(stale))?;
            }
            remove_odd_entries(held)?;
        }
        let mut marker = files.get(MARKER).cloned().unwrap_or_default();
        // The new folder becomes the output folder whole (same inode).
        marker.extend(
            format!(
                "{}{}\n",
                marker::ORIGIN,
                crate::change::journal::origin(&self.staging)
            )
            .bytes(),
        );
        let marker_path = self.staging.join(MARKER);
        fs::write(&marker_path, marker).map_err(|e| write_error(&marker_path, e))?;
        crate::change::stage::swap_folders(&self.staging, &self.out)
            .map_err(|e| write_error(&self.out, e))?;
        self.finished = true;
        // The staging folder now holds the earlier export, if there was
        // one: kept as the twin when it was a trusted export, else removed
        // (a kill here leaves it for the next export to remove).
        if !(self.twin && self.previous.is_some()) {
            let _ = fs::remove_dir_all(&self.staging);
        }
        if let Some(aside) = self.discard.take() {
            let _ = fs::remove_dir_all(aside);
        }
        Ok(self.written.load(std::sync::atomic::Ordering::Relaxed) + 1)
    }

    fn folder_for(&self, target: &Path) -> Result<()> {
        if let Some(dir) = target.parent() {
            let made = self.made.lock().is_ok_and(|made| made.contains(dir));
            // Marked made only once it is: another thread may be writing
            // into the same folder (making it twice is harmless).
            if !made {
                fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
                if let Ok(mut made) = self.made.lock() {
                    made.insert(dir.to_path_buf());
                }
            }
        }
        Ok(())
    }
}

impl Drop for Output {
    /// An export that failed removes the folder it made; a twin it was
    /// changing has no marker and is made again next time.
    fn drop(&mut self) {
        if !self.finished
            && matches!(self.base, Base::Fresh)
            && !self.staging.as_os_str().is_empty()
        {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

impl PageSink for Output {
    /// One file, into the new folder: left as it is in the twin, linked
    /// from the earlier export when that has it as it is, written
    /// otherwise. A file of the twin is never written into: it may be the
    /// same file as the earlier export's.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        use std::sync::atomic::Ordering;
        let target = self.staging.join(path);
        self.folder_for(&target)?;
        if let Ok(mut placed) = self.placed.lock() {
            placed.insert(path.to_string());
        }
        if let Base::Twin { held } = &self.base
            && held.files.contains(path)
        {
            if holds(&target, bytes) {
                return Ok(());
            }
            remove_file(&target)?;
        }
        if let Some(previous) = &self.previous
            && holds(&previous.join(path), bytes)
            && fs::hard_link(previous.join(path), &target).is_ok()
        {
            return Ok(());
        }
        fs::write(&target, bytes).map_err(|e| write_error(&target, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(path).is_ok_and(|o| o == bytes)
}

/// The twin of the output folder `out` in the state folder `state`, when
/// both are on one file system (a folder can be swapped only there).
fn twin_of(state: &Path, parent: &Path, out: &Path) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let state_meta = fs::symlink_metadata(state).ok()?;
        let parent_meta = fs::metadata(parent).ok()?;
        if !state_meta.is_dir() || state_meta.dev() != parent_meta.dev() {
            return None;
        }
        let real = crate::project::canonical_prefix(&crate::log::normalise(
            &std::env::current_dir().ok()?.join(out),
        ));
        let key = super::cache::Fnv::default()
            .write(real.as_os_str().as_encoded_bytes())
            .finish();
        Some(state.join(format!("adr-site-{key:016x}")))
    }
    #[cfg(not(unix))]
    {
        let _ = (state, parent, out);
        None
    }
}

/// What the twin holds, from one walk of its folders' entries (no file is
/// looked at).
#[derive(Default)]
pub(super) struct Held {
    /// Regular files, by path from the twin with `/`.
    files: HashSet<String>,
    /// What no export puts there (symlinks, FIFOs, names that are not
    /// UTF-8), removed before the twin is swapped in.
    odd: Vec<(PathBuf, bool)>,
    /// Its folders, parents before their children.
    folders: Vec<PathBuf>,
}

fn files_in(dir: &Path) -> Held {
    let mut held = Held::default();
    let mut folders = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                held.odd.push((entry.path(), kind.is_dir()));
                continue;
            };
            let rel = [prefix.as_str(), name].concat();
            if kind.is_file() {
                held.files.insert(rel);
            } else if kind.is_dir() {
                let path = folder.join(name);
                held.folders.push(path.clone());
                folders.push((path, format!("{rel}/")));
            } else {
                held.odd.push((entry.path(), false));
            }
        }
    }
    held
}

/// Removes from the twin what no export puts there, and the folders left
/// empty (a folder that is not empty stays).
fn remove_odd_entries(held: &Held) -> Result<()> {
    for (path, is_dir) in &held.odd {
        if *is_dir {
            fs::remove_dir_all(path).map_err(|e| write_error(path, e))?;
        } else {
            remove_file(path)?;
        }
    }
    for folder in held.folders.iter().rev() {
        let _ = fs::remove_dir(folder);
    }
    Ok(())
}

fn remove_file(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(write_error(path, e)),
        _ => Ok(()),
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
