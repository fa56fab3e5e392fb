//! The `.adr-site` marker: the line that says the folder is an export, the
//! page cache (one line per page: key, size, path, and what a later build
//! needs of a page it does not render), and the origin of the folder it
//! was written in (see [`super::write`]).
//!
//! A line per page rather than one JSON document: ten thousand lines are
//! read back in a few milliseconds, and written in page order, so exports
//! of one log give the same bytes.

use foldhash::{HashMap, HashMapExt};

use serde::{Deserialize, Serialize};

use super::cache::Entry;

/// The marker's first line.
pub(super) const HEAD: &str =
    "Written by `adr export html`; the whole folder is replaced on each export.\n";
/// The line naming the cache's format.
const FORMAT: &str = "pages 2\n";
/// The last line's start: the folder the marker was written in.
pub(super) const ORIGIN: &str = "origin ";

/// What a page's line carries besides its key, size and path.
#[derive(Serialize, Deserialize, Default)]
struct Extra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    assets: Vec<(String, String)>,
}

/// The marker's bytes but its origin line: the pages in path order.
pub(super) fn encode(entries: &HashMap<String, Entry>) -> Vec<u8> {
    let mut sorted: Vec<(&String, &Entry)> = entries.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut out = Vec::with_capacity(HEAD.len() + FORMAT.len() + sorted.len() * 64);
    out.extend_from_slice(HEAD.as_bytes());
    out.extend_from_slice(FORMAT.as_bytes());
    for (path, entry) in sorted {
        use std::io::Write;
        let _ = write!(out, "{:016x} {} ", entry.key, entry.size);
        let _ = serde_json::to_writer(&mut out, path);
        if entry.summary.is_some() || !entry.assets.is_empty() {
            out.push(b' ');
            let extra = Extra {
                summary: entry.summary.clone(),
                assets: entry.assets.clone(),
            };
            let _ = serde_json::to_writer(&mut out, &extra);
        }
        out.push(b'\n');
    }
    out
}

/// A marker as read: its pages, and the origin it names (`None` when it
/// names none or is not a marker of this format).
pub(super) struct Read {
    pub entries: HashMap<String, Entry>,
    pub origin: Option<String>,
}

/// Reads a marker; anything not in its format gives no pages.
pub(super) fn decode(text: &str) -> Read {
    let mut read = Read {
        entries: HashMap::new(),
        origin: None,
    };
    let Some(body) = text.strip_prefix(HEAD).and_then(|t| t.strip_prefix(FORMAT)) else {
        return read;
    };
    let mut entries = HashMap::with_capacity(body.len() / 64);
    for line in body.lines() {
        if let Some(origin) = line.strip_prefix(ORIGIN) {
            read.origin = Some(origin.to_string());
            break;
        }
        match page_line(line) {
            Some((path, entry)) => {
                entries.insert(path, entry);
            }
            // A damaged marker is no cache at all.
            None => return read,
        }
    }
    read.entries = entries;
    read
}

fn page_line(line: &str) -> Option<(String, Entry)> {
    let (key, rest) = line.split_once(' ')?;
    let (size, rest) = rest.split_once(' ')?;
    let end = string_end(rest)?;
    let literal = &rest[..end];
    let path: String = if literal.contains('\\') {
        serde_json::from_str(literal).ok()?
    } else {
        literal[1..end - 1].to_string()
    };
    let extra: Extra = match rest[end..].strip_prefix(' ') {
        Some(json) => serde_json::from_str(json).ok()?,
        None if rest.len() == end => Extra::default(),
        None => return None,
    };
    Some((
        path,
        Entry {
            key: u64::from_str_radix(key, 16).ok()?,
            size: size.parse().ok()?,
            summary: extra.summary,
            assets: extra.assets,
            ..Entry::default()
        },
    ))
}

/// Where the JSON string that `text` starts with ends (just past its
/// closing quote).
fn string_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_reads_back_as_written() {
        let mut entries = HashMap::new();
        entries.insert(
            "0001-a \"quoted\"\n.html".to_string(),
            Entry {
                key: 0xdead_beef,
                size: 42,
                summary: Some("A summary\twith a tab".into()),
                assets: vec![("doc/adr/x.png".into(), "x.png".into())],
                ..Entry::default()
            },
        );
        entries.insert(
            "_assets/search/0.js".to_string(),
            Entry {
                key: u64::MAX,
                size: 0,
                ..Entry::default()
            },
        );
        let mut bytes = encode(&entries);
        bytes.extend_from_slice(b"origin 1234\n");
        let read = decode(&String::from_utf8(bytes).expect("utf-8"));
        assert_eq!(read.origin.as_deref(), Some("1234"));
        assert_eq!(read.entries.len(), 2);
        let a = &read.entries["0001-a \"quoted\"\n.html"];
        assert_eq!((a.key, a.size), (0xdead_beef, 42));
        assert_eq!(a.summary.as_deref(), Some("A summary\twith a tab"));
        assert_eq!(a.assets, vec![("doc/adr/x.png".into(), "x.png".into())]);
        assert_eq!(read.entries["_assets/search/0.js"].key, u64::MAX);
    }

    #[test]
    fn anything_else_is_no_cache() {
        for text in [
            "",
            "garbage",
            "Written by `adr export html`; the whole folder is replaced on each export.\n{}\n",
            "Written by `adr export html`; the whole folder is replaced on each export.\n\
             pages 2\nzz 1 \"a.html\"\norigin 1\n",
        ] {
            assert!(decode(text).entries.is_empty(), "{text:?}");
        }
    }
}
