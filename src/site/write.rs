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
        if let Ok(entries) = serde_json::from_str::<BTreeMap<String, Entry>>(json) {
            cache.pages.entries = entries
                .into_iter()
                .filter(|(page, _)| out.join(page).is_file())
                .collect();
        }
        cache
    }
}

/// The marker's bytes: its line, then the cache, in page order.
pub fn marker(pages: &PageCache) -> Vec<u8> {
    let sorted: BTreeMap<&String, &Entry> = pages.entries.iter().collect();
    let mut bytes = MARKER_HEAD.as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&sorted).unwrap_or_default());
    bytes.push(b'\n');
    bytes
}

/// Writes `files` to `out`; `kept` pages are already there. Returns how
/// many files were written.
pub fn site(out: &Path, files: &Files, kept: &BTreeSet<String>, cache: &Cache) -> Result<usize> {
    if !cache.incremental || !out.is_dir() {
        write_whole(out, files)?;
        return Ok(files.len());
    }
    // Until the new cache is written, no page is vouched for.
    let marker_path = out.join(MARKER);
    fs::write(&marker_path, MARKER_HEAD).map_err(|e| write_error(&marker_path, e))?;
    let mut written = 0;
    for (path, bytes) in files {
        if path == MARKER {
            continue;
        }
        let target = out.join(path);
        if fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64)
            && fs::read(&target).is_ok_and(|old| old == *bytes)
        {
            continue;
        }
        replace(&target, bytes)?;
        written += 1;
    }
    remove_stale(out, Path::new(""), files, kept)?;
    let marker = files.get(MARKER).map(Vec::as_slice).unwrap_or_default();
    replace(&marker_path, marker)?;
    Ok(written + 1)
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

/// Writes every file into a new folder beside `out`, then swaps it in.
fn write_whole(out: &Path, files: &Files) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "adr-site".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .map_err(|e| write_error(parent, e))?;
    let mut made: BTreeSet<PathBuf> = BTreeSet::new();
    for (path, bytes) in files {
        let target = staging.path().join(path);
        if let Some(dir) = target.parent()
            && made.insert(dir.to_path_buf())
        {
            fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        }
        fs::write(&target, bytes).map_err(|e| write_error(&target, e))?;
    }
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
