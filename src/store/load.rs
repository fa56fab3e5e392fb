//! Reading every record once, in parallel, and resolving their links.

use std::collections::HashMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::record::{Problem, Record, name};

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

/// Lookups from what a link may say to the records it may mean.
pub struct LinkIndex {
    by_path: HashMap<PathBuf, usize>,
    by_name: HashMap<String, Vec<usize>>,
    by_number: HashMap<u32, Vec<usize>>,
}

impl LinkIndex {
    pub fn new(records: &[Record]) -> Self {
        let mut index = Self {
            by_path: HashMap::new(),
            by_name: HashMap::new(),
            by_number: HashMap::new(),
        };
        for (i, record) in records.iter().enumerate() {
            index.by_path.insert(normalise(&record.path), i);
            let name = record.file_name();
            let stem = name
                .strip_suffix(".md")
                .or_else(|| name.strip_suffix(".MD"))
                .unwrap_or(&name);
            index
                .by_name
                .entry(name.to_lowercase())
                .or_default()
                .push(i);
            if stem != name {
                index
                    .by_name
                    .entry(stem.to_lowercase())
                    .or_default()
                    .push(i);
            }
            // Folder records are also named by their folder.
            if let Some(folder) = record.dir().file_name().map(|f| f.to_string_lossy())
                && name.eq_ignore_ascii_case("readme.md")
            {
                index
                    .by_name
                    .entry(folder.to_lowercase())
                    .or_default()
                    .push(i);
            }
            if let Some(n) = record.number {
                index.by_number.entry(n).or_default().push(i);
            }
        }
        index
    }

    /// Resolves one target: relative path, then file name, then number.
    pub fn resolve(
        &self,
        records: &[Record],
        from: usize,
        raw: &str,
        text: Option<&str>,
    ) -> Option<usize> {
        let source_dir = records[from].dir();
        let target = clean_target(raw)?;
        if !target.is_empty() {
            let joined = normalise(&source_dir.join(&target));
            for candidate in [
                joined.clone(),
                joined.with_extension("md"),
                joined.join("README.md"),
                joined.join("index.md"),
            ] {
                if let Some(&i) = self.by_path.get(&candidate) {
                    return Some(i);
                }
            }
            let file = target
                .rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(&target);
            if let Some(i) = self.unique(records, from, self.by_name.get(&file.to_lowercase())) {
                return Some(i);
            }
        }
        let number = name::number_in_reference(&target)
            .or_else(|| text.and_then(name::number_in_reference))?;
        self.unique(records, from, self.by_number.get(&number))
    }

    /// One candidate, or the only one in the source's own folder.
    fn unique(&self, records: &[Record], from: usize, found: Option<&Vec<usize>>) -> Option<usize> {
        let found = found?;
        if let [only] = found.as_slice() {
            return Some(*only);
        }
        let dir = records[from].dir();
        let mut same_dir = found.iter().filter(|&&i| records[i].dir() == dir);
        match (same_dir.next(), same_dir.next()) {
            (Some(&i), None) => Some(i),
            _ => None,
        }
    }
}

/// Strips what a link target carries besides the path: angle brackets, a
/// fragment, a query, percent-encoding. URLs are not records.
fn clean_target(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches('<').trim_end_matches('>');
    if raw.contains("://") || raw.starts_with("mailto:") || raw.starts_with('#') {
        return None;
    }
    let path = raw.split(['#', '?']).next().unwrap_or("");
    // Zola's `@/section/page.md` is content-relative: its file name counts.
    let path = path.strip_prefix("@/").unwrap_or(path);
    Some(percent_decode(path))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Fills in each link's target record; unresolved ones stay `None`.
pub fn resolve_links(records: &mut [Record]) {
    let index = LinkIndex::new(records);
    let mut resolved = Vec::new();
    for (from, record) in records.iter().enumerate() {
        for (k, link) in record.links.iter().enumerate() {
            let hit = link
                .definition
                .as_deref()
                .and_then(|d| index.resolve(records, from, d, None))
                .or_else(|| index.resolve(records, from, &link.raw, link.text.as_deref()));
            resolved.push((from, k, hit.map(|i| records[i].path.clone())));
        }
    }
    for (from, k, target) in resolved {
        records[from].links[k].target = target;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, text: &str) -> Record {
        let p = PathBuf::from(path);
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Record::parse(p, &stem, text)
    }

    #[test]
    fn resolution_layers() {
        let mut records = vec![
            record("d/0005-five.md", "# 5. Five\n"),
            record("d/0018-govkuk-notify.md", "# 18. Typo\n"),
            record(
                "d/0015-x.md",
                "# 15. X\n\n## Status\n\nSuperseded by [18](0018-govuk-notify.md)\n\nAmends [5](./0005-five.md)\n\nRelates to [nothing](missing.md)\n",
            ),
            record("d/adr-22.md", "# ADR 22\n"),
            record(
                "d/adr-15b.md",
                "# B\n\n## Status\n\nSuperseded by [ADR-22](adr-22.md)\n",
            ),
        ];
        resolve_links(&mut records);
        let links = &records[2].links;
        assert_eq!(links.len(), 3);
        assert_eq!(
            links[0].target,
            Some(PathBuf::from("d/0018-govkuk-notify.md"))
        );
        assert_eq!(links[1].target, Some(PathBuf::from("d/0005-five.md")));
        assert_eq!(links[2].target, None);
        assert_eq!(
            records[4].links[0].target,
            Some(PathBuf::from("d/adr-22.md"))
        );
    }

    #[test]
    fn decode_reports_line_of_bad_bytes() {
        let (text, problem) = decode(b"ok\nbad \xff here\n".to_vec());
        assert!(text.contains('\u{fffd}'));
        assert_eq!(problem.map(|p| p.line), Some(2));
    }

    #[test]
    fn percent_and_fragments() {
        assert_eq!(
            clean_target("adr-108-e2e-abci%2B%2B.md#x").as_deref(),
            Some("adr-108-e2e-abci++.md")
        );
        assert_eq!(clean_target("https://example.com/a.md"), None);
    }
}
