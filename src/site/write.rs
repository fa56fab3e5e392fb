//! Putting the built site in the output folder. A first export is written
//! in a temporary folder beside it and swapped in whole. Over an earlier
//! export, only what changed is written (each file through a temporary
//! file and a rename), stale files are removed, and the page cache in the
//! `.adr-site` marker is rewritten last, so an interrupted export leaves a
//! cache that cannot vouch for a page it did not finish.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::build::PageSink;
use super::cache::{Entry, PageCache};
use super::{Files, MARKER};

/// The marker's first line; the page cache follows as JSON.
const MARKER_HEAD: &str =
    "Written by `adr export html`; the whole folder is replaced on each export.\n";

/// The previous export's page cache, and whether there is one to build on.
#[derive(Debug, Default)]
pub struct Cache {
    pub pages: PageCache,
    /// An earlier export is in the output folder (its marker read).
    incremental: bool,
}

impl Cache {
    /// Reads the cache from `out`'s marker; pages whose file is gone are
    /// forgotten. Anything unreadable gives an empty cache (a full export).
    pub fn read(out: &Path) -> Self {
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
        cache.incremental = true;
        let json = text.strip_prefix(MARKER_HEAD).unwrap_or("");
        let Ok(entries) = serde_json::from_str::<BTreeMap<String, Entry>>(json) else {
            return cache;
        };
        let mut texts = search_texts(out);
        cache.pages.entries = entries
            .into_iter()
            .filter_map(|(page, mut entry)| {
                entry.text = texts.remove(&super::encode_path(&page))?;
                out.join(&page).is_file().then_some((page, entry))
            })
            .collect();
        cache
    }
}

/// Each page's text from the search index of the export in `out`, by its
/// encoded URL.
fn search_texts(out: &Path) -> std::collections::HashMap<String, String> {
    #[derive(serde::Deserialize)]
    struct Doc {
        u: String,
        x: String,
    }
    let Ok(script) = fs::read_to_string(out.join("_assets/search-index.js")) else {
        return Default::default();
    };
    let json = script
        .strip_prefix("window.ADR_SEARCH = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or("[]");
    serde_json::from_str::<Vec<Doc>>(json)
        .map(|docs| docs.into_iter().map(|d| (d.u, d.x)).collect())
        .unwrap_or_default()
}

/// The marker's bytes: its line, then the cache, in page order.
pub fn marker(pages: &PageCache) -> Vec<u8> {
    let sorted: BTreeMap<&String, &Entry> = pages.entries.iter().collect();
    let mut bytes = MARKER_HEAD.as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&sorted).unwrap_or_default());
    bytes.push(b'\n');
    bytes
}

/// Where an export writes: a new folder to swap in, or the previous
/// export, updated in place.
pub struct Output {
    out: PathBuf,
    /// The new folder, for a whole export.
    staging: Option<tempfile::TempDir>,
    written: std::sync::atomic::AtomicUsize,
    /// Folders already made in it.
    made: std::sync::Mutex<BTreeSet<PathBuf>>,
}

impl Output {
    /// Starts an export to `out`: in place over an earlier export (whose
    /// cache is invalidated first), else in a new folder beside it.
    pub fn begin(out: &Path, cache: &Cache) -> Result<Self> {
        let staging = if cache.incremental && out.is_dir() {
            // Until the new cache is written, no page is vouched for.
            let marker = out.join(MARKER);
            fs::write(&marker, MARKER_HEAD).map_err(|e| write_error(&marker, e))?;
            None
        } else {
            let parent = out
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
            let name = out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "adr-site".into());
            Some(
                tempfile::Builder::new()
                    .prefix(&format!(".{name}.new-"))
                    .tempdir_in(parent)
                    .map_err(|e| write_error(parent, e))?,
            )
        };
        Ok(Self {
            out: out.to_path_buf(),
            staging,
            written: std::sync::atomic::AtomicUsize::new(0),
            made: std::sync::Mutex::new(BTreeSet::new()),
        })
    }

    /// Writes the rest of the site, removes what it no longer has, and puts
    /// it in place. Returns how many files were written.
    pub fn finish(self, files: &Files, kept: &BTreeSet<String>) -> Result<usize> {
        for (path, bytes) in files.iter().filter(|(p, _)| *p != MARKER) {
            self.put(path, bytes)?;
        }
        let marker = files.get(MARKER).map(Vec::as_slice).unwrap_or_default();
        match self.staging {
            Some(staging) => {
                fs::write(staging.path().join(MARKER), marker)
                    .map_err(|e| write_error(&staging.path().join(MARKER), e))?;
                swap_in(&self.out, staging)?;
            }
            None => {
                remove_stale(&self.out, Path::new(""), files, kept)?;
                replace(&self.out.join(MARKER), marker)?;
            }
        }
        Ok(self.written.into_inner() + 1)
    }
}

impl PageSink for Output {
    /// One file: into the new folder, or over the earlier export's copy
    /// when it differs.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        use std::sync::atomic::Ordering;
        match &self.staging {
            Some(staging) => {
                let target = staging.path().join(path);
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
                fs::write(&target, bytes).map_err(|e| write_error(&target, e))?;
            }
            None => {
                let target = self.out.join(path);
                if fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64)
                    && fs::read(&target).is_ok_and(|old| old == bytes)
                {
                    return Ok(());
                }
                replace(&target, bytes)?;
            }
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

/// Writes one file through a temporary file beside it.
fn replace(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(|e| write_error(dir, e))?;
    temp.write_all(bytes).map_err(|e| write_error(target, e))?;
    temp.persist(target)
        .map_err(|e| write_error(target, e.error))?;
    Ok(())
}

/// Removes files of `dir` (under `out`) that the site no longer has, and
/// folders left empty.
fn remove_stale(out: &Path, dir: &Path, files: &Files, kept: &BTreeSet<String>) -> Result<bool> {
    let full = out.join(dir);
    let entries = fs::read_dir(&full).map_err(|e| Error::read(&full, e))?;
    let mut empty = true;
    for entry in entries {
        let entry = entry.map_err(|e| Error::read(&full, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = if dir.as_os_str().is_empty() {
            name
        } else {
            format!("{}/{name}", dir.display())
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            if remove_stale(out, Path::new(&rel), files, kept)? {
                let _ = fs::remove_dir(out.join(&rel));
            } else {
                empty = false;
            }
        } else if files.contains_key(&rel) || kept.contains(&rel) {
            empty = false;
        } else {
            let path = out.join(&rel);
            fs::remove_file(&path).map_err(|e| write_error(&path, e))?;
        }
    }
    Ok(empty)
}

/// Puts the finished new folder in place of `out`.
fn swap_in(out: &Path, staging: tempfile::TempDir) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "adr-site".into());
    let old = if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)
            .map_err(|e| write_error(parent, e))?;
        let old_path = old.path().join("site");
        fs::rename(out, &old_path).map_err(|e| write_error(out, e))?;
        Some(old)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, out) {
        if let Some(old) = &old {
            let _ = fs::rename(old.path().join("site"), out);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(write_error(out, e));
    }
    drop(old);
    Ok(())
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}
