//! Rendered record pages, keyed by everything that goes into them, so an
//! export or a preview renders only the pages whose inputs changed.
//!
//! The key is a hash of the record's text, the page's whole context (its
//! relations, neighbours, history, site settings, the templates) and the
//! list of every page of the site: a change anywhere that shows on the page
//! changes the key. What a later build needs of a page it does not render
//! (the files it links to, the feed's summary) is kept beside the key; its
//! text is in the search shard the earlier export wrote. The site's other
//! pages (index, graph, timeline, tags) and the search shards are keyed
//! the same way, by everything they show.

use foldhash::HashMap;

use serde::{Deserialize, Serialize};

/// One rendered page as remembered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Entry {
    pub key: u64,
    /// The page's text for search and the feed (its first
    /// [`super::search`] excerpt). Not stored: an export reads it back from
    /// the one search shard it needs, when it needs it.
    #[serde(skip)]
    pub text: String,
    /// The feed's summary of the page, for the pages the feed lists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
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
    /// The earlier export, whose search shards hold the text of pages that
    /// are not rendered again.
    pub old_site: Option<std::path::PathBuf>,
    /// The pages the output's twin holds (see [`super::write`]), which an
    /// export takes as they are.
    pub twin: HashMap<String, Entry>,
    /// The twin's folder, whose shards hold the text of its pages.
    pub twin_site: Option<std::path::PathBuf>,
}

/// Where a page that is not rendered again is taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The output's twin (it is already in the folder being written).
    Twin,
    /// The earlier export in the output folder, or memory.
    Previous,
}

impl PageCache {
    /// The entry of the page at `path` under `key`, if an export can take
    /// the page as it is: from the twin, from memory, or from the earlier
    /// export when its file there is still a regular file.
    pub fn usable(&self, path: &str, key: u64) -> Option<(&Entry, Found)> {
        if let Some(entry) = self.twin.get(path).filter(|e| e.key == key) {
            return Some((entry, Found::Twin));
        }
        let entry = self.entries.get(path).filter(|e| e.key == key)?;
        let there = entry.html.is_some()
            || (self.on_disk
                && self
                    .old_site
                    .as_ref()
                    .is_some_and(|site| super::write::regular(&site.join(path))));
        there.then_some((entry, Found::Previous))
    }
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

    /// Hashes `value` as its JSON, streamed: the text is never held whole.
    pub(super) fn write_json<T: Serialize + ?Sized>(&mut self, value: &T) -> &mut Self {
        // Writing into a hasher cannot fail; a value serde refuses hashes
        // as what it wrote so far, which still changes with the value.
        let _ = serde_json::to_writer(Stream(&mut *self), value);
        self.write(&[])
    }

    pub(super) fn finish(&self) -> u64 {
        self.0
    }
}

/// Feeds bytes to the hash without the per-call separator.
struct Stream<'a>(&'a mut Fnv);

impl std::io::Write for Stream<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for &b in bytes {
            self.0.0 ^= u64::from(b);
            self.0.0 = self.0.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
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

    #[test]
    fn json_hash_follows_the_value() {
        let a = Fnv::default().write_json(&["a", "b"]).finish();
        assert_eq!(a, Fnv::default().write_json(&["a", "b"]).finish());
        assert_ne!(a, Fnv::default().write_json(&["a", "c"]).finish());
    }
}
