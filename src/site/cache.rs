//! Rendered record pages, keyed by everything that goes into them, so an
//! export or a preview renders only the pages whose inputs changed.
//!
//! The key is a hash of the record's text, the page's whole context (its
//! relations, neighbours, history, site settings, the templates) and the
//! list of every page of the site: a change anywhere that shows on the page
//! changes the key. What a later build needs of a page it does not render
//! (the files it links to) is kept beside the key; its text is in the
//! search index.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One rendered page as remembered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    /// The page's text for search and the feed. Not stored: an export reads
    /// it back from the search index it wrote.
    #[serde(skip)]
    pub text: String,
    /// Local files the page links to: resolved source and site path.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<(String, String)>,
    /// The page's size in bytes.
    pub size: u64,
    /// The page itself, when kept in memory (`adr serve`); an export finds
    /// it in the output folder instead.
    #[serde(skip)]
    pub html: Option<std::sync::Arc<Vec<u8>>>,
}

/// Pages by site path.
#[derive(Debug, Default)]
pub struct PageCache {
    pub entries: HashMap<String, Entry>,
    /// Whether an entry without `html` may be reused (its page is on disk).
    pub on_disk: bool,
}

/// FNV-1a, 64 bits: stable across builds and toolchains, unlike std's
/// hasher, so the cache survives an upgrade of nothing but the compiler.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(super) fn write(&mut self, bytes: &[u8]) -> &mut Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        self
    }

    pub(super) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_separates_fields() {
        let a = Fnv::default().write(b"ab").write(b"c").finish();
        let b = Fnv::default().write(b"a").write(b"bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Fnv::default().write(b"ab").write(b"c").finish());
    }
}
