//! Reading every record once, in parallel.

use std::fs;
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

/// Reads one record file.
pub fn read_one(file: &RecordFile) -> Record {
    read_one_with_text(file).0
}

fn read_one_with_text(file: &RecordFile) -> (Record, Option<String>) {
    match fs::read(&file.path) {
        Ok(bytes) => {
            let (text, problem) = decode(bytes);
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            (record, Some(text))
        }
        Err(e) => (
            Record::unreadable(file.path.clone(), &file.stem, format!("cannot read: {e}")),
            None,
        ),
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
