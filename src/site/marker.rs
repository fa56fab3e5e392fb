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
        put_hex(&mut out, entry.key);
        out.push(b' ');
        out.extend_from_slice(itoa(entry.size, &mut [0; 20]));
        out.push(b' ');
        put_json_string(&mut out, path);
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

/// `key` as sixteen hexadecimal digits.
fn put_hex(out: &mut Vec<u8>, key: u64) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for shift in (0..16).rev() {
        out.push(DIGITS[((key >> (shift * 4)) & 0xf) as usize]);
    }
}

/// `n` in decimal, written into the end of `buffer`.
fn itoa(mut n: u64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buffer[at..];
        }
    }
}

/// `text` as a JSON string, as `serde_json` writes it: copied as it is
/// when nothing in it needs escaping, which is nearly always.
fn put_json_string(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *out, text);
    }
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
    fn numbers_and_strings_are_written_as_format_and_serde_json_write_them() {
        for n in [0, 1, 9, 10, 42, 12_345, u64::MAX] {
            assert_eq!(itoa(n, &mut [0; 20]), n.to_string().as_bytes());
            let mut hex = Vec::new();
            put_hex(&mut hex, n);
            assert_eq!(hex, format!("{n:016x}").into_bytes());
        }
        for text in [
            "a.html",
            "tags/ä ö.html",
            "q\"uote",
            "back\\slash",
            "tab\t",
            "\u{7f}",
            "",
        ] {
            let mut out = Vec::new();
            put_json_string(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).expect("json"), "{text:?}");
        }
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
