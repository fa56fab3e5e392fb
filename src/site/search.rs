//! The search index: `.js` files that hand their documents to `site.js`,
//! so search works from `file://` where `fetch` of a JSON file is refused.
//! Pages do not load it: `site.js` loads it the first time someone searches.
//!
//! The index is split in shards by a hash of each page's URL, so an edit
//! rewrites one shard of about [`PER_SHARD`] documents rather than the
//! whole index: `_assets/search-index.js` says how many shards there are,
//! and `_assets/search/K.js` holds shard K.

use serde::Serialize;

use super::cache::Fnv;

/// Longest body text kept per record, in characters.
const BODY_CHARS: usize = 4000;

/// Documents per shard, about (the count of shards is a power of two).
const PER_SHARD: usize = 128;

/// The file that says how many shards there are.
pub(super) const MANIFEST: &str = "_assets/search-index.js";

/// One record in the index. It is written as an array,
/// `[url, title, number, status, tags, text]`, rather than an object: keys
/// repeated on every record were a sixth of a large index.
pub(super) struct Document<'a> {
    /// Page URL from the site root, percent-encoded.
    pub url: String,
    /// Title (plain text).
    pub title: String,
    pub number: Option<u32>,
    pub status: String,
    pub tags: &'a [String],
    /// Body text, one line per block.
    pub text: &'a str,
}

impl Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (
            &self.url,
            &self.title,
            self.number,
            &self.status,
            self.tags,
            self.text,
        )
            .serialize(serializer)
    }
}

/// Cuts body text for the index, at a character boundary.
pub(super) fn excerpt(text: &str) -> &str {
    // No more bytes than characters: most texts are shorter than the cut.
    if text.len() <= BODY_CHARS {
        return text;
    }
    match text.char_indices().nth(BODY_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// How many shards an index of `documents` has.
pub(super) fn shards(documents: usize) -> usize {
    documents.div_ceil(PER_SHARD).max(1).next_power_of_two()
}

/// The shard a page's document is in, by its encoded URL.
pub(super) fn shard_of(url: &str, shards: usize) -> usize {
    let hash = Fnv::default().write(url.as_bytes()).finish();
    usize::try_from(hash % shards.max(1) as u64).unwrap_or(0)
}

/// Where shard `k` is, from the site root.
pub(super) fn shard_path(k: usize) -> String {
    format!("_assets/search/{k}.js")
}

/// The manifest's bytes.
pub(super) fn manifest(shards: usize) -> Vec<u8> {
    format!("window.ADR_SEARCH_SHARDS = {shards};\n").into_bytes()
}

/// The shard count a manifest states.
pub(super) fn read_manifest(bytes: &[u8]) -> Option<usize> {
    std::str::from_utf8(bytes)
        .ok()?
        .strip_prefix("window.ADR_SEARCH_SHARDS = ")?
        .trim_end()
        .strip_suffix(';')?
        .parse()
        .ok()
}

/// Shard `k`'s script, written straight into bytes.
pub(super) fn script(k: usize, documents: &[Document<'_>]) -> Vec<u8> {
    let mut out = format!("window.ADR_SEARCH_PART({k}, ").into_bytes();
    let start = out.len();
    if serde_json::to_writer(&mut out, documents).is_err() {
        out.truncate(start);
        out.extend_from_slice(b"[]");
    }
    out.extend_from_slice(b");\n");
    out
}

/// Each page's URL and body text, from a shard an earlier export wrote.
pub(super) fn read_script(bytes: &[u8]) -> Vec<(String, String)> {
    // Only the URL and the text are wanted back: the rest is skipped, not
    // allocated (a re-export reads a shard per changed page).
    use serde::de::IgnoredAny;
    type Row = (
        String,
        IgnoredAny,
        IgnoredAny,
        IgnoredAny,
        IgnoredAny,
        String,
    );
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let json = text
        .strip_prefix("window.ADR_SEARCH_PART(")
        .and_then(|s| s.split_once(", "))
        .and_then(|(_, s)| s.trim_end().strip_suffix(");"))
        .unwrap_or("[]");
    serde_json::from_str::<Vec<Row>>(json)
        .map(|docs| docs.into_iter().map(|d| (d.0, d.5)).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_grow_with_the_log_by_powers_of_two() {
        assert_eq!(shards(0), 1);
        assert_eq!(shards(PER_SHARD), 1);
        assert_eq!(shards(PER_SHARD + 1), 2);
        assert_eq!(shards(10_000), 128);
        for url in ["a.html", "0001-x.html", "é.html"] {
            assert!(shard_of(url, 128) < 128);
            assert_eq!(shard_of(url, 1), 0);
        }
    }

    #[test]
    fn a_shard_reads_back_as_written() {
        let tags = vec!["db".to_string()];
        let docs = [Document {
            url: "0001-a.html".into(),
            title: "A".into(),
            number: Some(1),
            status: "accepted".into(),
            tags: &tags,
            text: "line one\n\"quoted\" ); line",
        }];
        let bytes = script(7, &docs);
        assert_eq!(
            read_script(&bytes),
            vec![(
                "0001-a.html".to_string(),
                "line one\n\"quoted\" ); line".to_string()
            )]
        );
        assert_eq!(read_manifest(&manifest(16)), Some(16));
        assert!(read_script(b"garbage").is_empty());
        assert_eq!(read_manifest(b"window.ADR_SEARCH_SHARDS = x;"), None);
    }
}
