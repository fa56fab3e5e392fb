//! The loaded decision log: which files are records, reading each once,
//! finding one by reference and resolving the links between them.

mod cache;
pub(crate) mod events;
pub(crate) mod listing;
mod load;
mod loaded;
mod path;
mod reference;
mod resolve;
mod scan;
pub(crate) mod search;
mod snapshot;

pub(crate) use cache::codec;
pub use listing::Listing;
pub use load::{
    MAX_RECORD_BYTES, decode, is_io_failure, is_normal, load, load_heads, load_with_text,
    normalise, open_regular, parallel_map, parallel_map_by, read_bounded, read_record, read_within,
    strip_normal_prefix,
};
pub use loaded::{Entry, Log};
pub use path::{join_path, relative};
pub use reference::find;
pub use resolve::{LinkIndex, clean_target, resolve_links, resolve_with};
pub use scan::{
    MAX_DEPTH, OtherFile, RecordFile, SKIPPED_DIRS, Scan, next_number, next_number_listed, scan,
    scan_listed, scan_listed_within, scan_within,
};

use std::path::Path;

use crate::error::{Error, Result};
use crate::project::{FolderLock, Repository};

/// Lists the record files of every log folder of the repository, reading
/// nothing outside the project. A change a crashed `adr` left, or its
/// temporary files, are seen to first when no one holds the lock.
pub fn scan_repository(repo: &Repository) -> Result<Scan> {
    repo.require()?;
    let root = (!repo.root.as_os_str().is_empty()).then_some(repo.root.as_path());
    let mut notes = Vec::new();
    if let Some(root) = root
        && crate::change::journal::pending(root)
        && let Some(lock) = FolderLock::try_acquire(root)
    {
        notes = lock.settle(root, repo.log_dirs());
    }
    let mut all = scan_log_dirs(repo, root, None)?;
    if let Some(root) = root
        && !all.leftovers.is_empty()
        && let Some(lock) = FolderLock::try_acquire(root)
    {
        notes.extend(lock.settle(root, repo.log_dirs()));
        all.leftovers.clear();
    }
    all.notes = notes;
    Ok(all)
}

/// [`scan_repository`] for the holder of the lock, who has settled the
/// log and listed its folder once under the lock: that listing stands for
/// the folder (whose subfolders, and the other log folders, are read).
pub fn scan_repository_listed(repo: &Repository, listing: &Listing) -> Result<Scan> {
    repo.require()?;
    let root = (!repo.root.as_os_str().is_empty()).then_some(repo.root.as_path());
    scan_log_dirs(repo, root, Some(listing))
}

fn scan_log_dirs(
    repo: &Repository,
    root: Option<&Path>,
    listing: Option<&Listing>,
) -> Result<Scan> {
    let mut all = Scan::default();
    for dir in repo.log_dirs() {
        let listed = listing.filter(|l| l.dir() == dir);
        let found = match (root, listed) {
            (Some(root), Some(listed)) => scan_listed_within(listed, root),
            (None, Some(listed)) => scan_listed(listed),
            (Some(root), None) => scan_within(dir, root),
            (None, None) => scan(dir),
        };
        match found {
            Ok(found) => {
                all.records.extend(found.records);
                all.others.extend(found.others);
                all.leftovers.extend(found.leftovers);
            }
            // A log4brains package folder that is gone is not fatal.
            Err(e) if dir != repo.dir && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::read(dir, e)),
        }
    }
    Ok(all)
}
