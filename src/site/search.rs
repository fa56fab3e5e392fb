//! The search index: a `.js` file that sets `window.ADR_SEARCH`, so search
//! works from `file://` where `fetch` of a JSON file is refused.

use serde::Serialize;

/// Longest body text kept per record, in characters.
const BODY_CHARS: usize = 4000;

#[derive(Serialize)]
pub struct Document<'a> {
    /// (fields are one letter to keep the index small)
    /// Page URL from the site root, percent-encoded.
    pub u: String,
    /// Title.
    pub t: String,
    /// Number.
    pub n: Option<u32>,
    /// Status.
    pub s: String,
    /// Tags.
    pub g: &'a [String],
    /// Body text.
    pub x: String,
}

/// Cuts body text for the index.
pub fn excerpt(text: &str) -> String {
    text.chars().take(BODY_CHARS).collect()
}

pub fn script(documents: &[Document<'_>]) -> String {
    let json = serde_json::to_string(documents).unwrap_or_else(|_| "[]".to_string());
    format!("window.ADR_SEARCH = {json};\n")
}
