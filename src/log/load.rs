//! Reading every record once, in parallel.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::record::{Problem, Record};

use super::scan::RecordFile;

/// Below this many items one thread is faster than starting more.
const ITEMS_PER_THREAD: usize = 64;

/// Maps `f` over `items` on every core, keeping the order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(ITEMS_PER_THREAD))
        .max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Reads and parses each file once. A file that cannot be read becomes a
/// record with an error problem, so it is still listed.
pub fn load(files: &[RecordFile]) -> Vec<Record> {
    parallel_map(files, |f| read_one_with_text(f).0)
}

/// Like [`load`], keeping each file's text (`None` when unreadable) for
/// commands that render it.
pub fn load_with_text(files: &[RecordFile]) -> Vec<(Record, Option<String>)> {
    parallel_map(files, read_one_with_text)
}

/// A record larger than this is reported, not read: memory stays bounded
/// whatever lands in the folder.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// How much of a file `load_heads` reads first: the title is nearly always
/// in it.
const HEAD_BYTES: usize = 8 * 1024;

fn read_one_with_text(file: &RecordFile) -> (Record, Option<String>) {
    match read_bounded(&file.path) {
        Ok(bytes) => {
            let (text, problem) = decode(bytes);
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            (record, Some(text))
        }
        Err(why) => (Record::unreadable(file.path.clone(), &file.stem, why), None),
    }
}

/// The whole file, unless it is larger than a record may be.
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let mut file = fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let size = file
        .metadata()
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_RECORD_BYTES {
        return Err(format!(
            "the file has {} MiB; records over {} MiB are not read",
            size / (1024 * 1024),
            MAX_RECORD_BYTES / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    Ok(bytes)
}

/// Reads only as much of each file as its title needs: the first 8 KiB,
/// and the rest only when no title was found in them. The records have
/// their number, heading and title; other fields may be missing.
pub fn load_heads(files: &[RecordFile]) -> Vec<Record> {
    parallel_map(files, read_head)
}

fn read_head(file: &RecordFile) -> Record {
    let mut buffer = vec![0u8; HEAD_BYTES];
    let filled = fs::File::open(&file.path).and_then(|mut f| {
        let mut filled = 0;
        while filled < buffer.len() {
            match f.read(&mut buffer[filled..])? {
                0 => break,
                n => filled += n,
            }
        }
        Ok(filled)
    });
    let filled = match filled {
        Ok(n) => n,
        Err(e) => {
            return Record::unreadable(file.path.clone(), &file.stem, format!("cannot read: {e}"));
        }
    };
    buffer.truncate(filled);
    let whole = filled < HEAD_BYTES;
    // Invalid bytes, or a title elsewhere (front matter only): read it all.
    let heading = std::str::from_utf8(&buffer)
        .ok()
        .and_then(crate::record::reader::first_heading);
    match heading {
        Some((heading, line)) => Record::from_heading(file.path.clone(), &file.stem, heading, line),
        None if whole => {
            let (text, problem) = decode(buffer);
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            record
        }
        None => read_one_with_text(file).0,
    }
}

/// UTF-8 text; other bytes are replaced and reported with their line.
pub fn decode(bytes: Vec<u8>) -> (String, Option<Problem>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (
                text,
                Some(Problem::error(
                    "unreadable",
                    line,
                    "not valid UTF-8; invalid bytes shown as \u{fffd}",
                )),
            )
        }
    }
}

/// Lexically normalises a path: `a/./b/../c` → `a/c`.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reports_line_of_bad_bytes() {
        let (text, problem) = decode(b"ok\nbad \xff here\n".to_vec());
        assert!(text.contains('\u{fffd}'));
        assert_eq!(problem.map(|p| p.line), Some(2));
    }
}
