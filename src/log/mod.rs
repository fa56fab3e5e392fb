//! The loaded decision log: which files are records, reading each once,
//! finding one by reference and resolving the links between them.

pub mod events;
mod load;
mod loaded;
mod path;
mod reference;
mod resolve;
mod scan;
pub mod search;

pub use load::{
    MAX_RECORD_BYTES, decode, load, load_heads, load_with_text, normalise, parallel_map,
    read_bounded,
};
pub use loaded::{Entry, Log};
pub use path::relative;
pub use reference::find;
pub use resolve::{LinkIndex, clean_target, resolve_links, resolve_with};
pub use scan::{OtherFile, RecordFile, Scan, next_number, scan};

use crate::error::{Error, Result};
use crate::project::Repository;

/// Lists the record files of every log folder of the repository.
pub fn scan_repository(repo: &Repository) -> Result<Scan> {
    repo.require()?;
    let mut all = Scan::default();
    for dir in repo.log_dirs() {
        match scan(dir) {
            Ok(found) => {
                all.records.extend(found.records);
                all.others.extend(found.others);
            }
            // A log4brains package folder that is gone is not fatal.
            Err(e) if dir != repo.dir && e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::read(dir, e)),
        }
    }
    Ok(all)
}
