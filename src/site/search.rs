//! The search index: a `.js` file that sets `window.ADR_SEARCH`, so search
//! works from `file://` where `fetch` of a JSON file is refused. Pages do
//! not load it: `site.js` adds it the first time someone searches.

use serde::Serialize;

/// Longest body text kept per record, in characters.
const BODY_CHARS: usize = 4000;

#[derive(Serialize)]
pub(super) struct Document<'a> {
    /// (fields are one letter to keep the index small)
    /// Page URL from the site root, percent-encoded.
    pub u: String,
    /// Title (plain text).
    pub t: String,
    /// Number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// Status.
    pub s: String,
    /// Tags.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub g: &'a [String],
    /// Body text, one line per block.
    pub x: &'a str,
}

/// Cuts body text for the index, at a character boundary.
pub(super) fn excerpt(text: &str) -> &str {
    match text.char_indices().nth(BODY_CHARS) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The script, written straight into bytes.
pub(super) fn script(documents: &[Document<'_>]) -> Vec<u8> {
    let mut out = b"window.ADR_SEARCH = ".to_vec();
    if serde_json::to_writer(&mut out, documents).is_err() {
        out.truncate(20);
        out.extend_from_slice(b"[]");
    }
    out.extend_from_slice(b";\n");
    out
}
