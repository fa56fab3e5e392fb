//! Where the links inside a record point in the site: other records'
//! pages, copied local files, or nowhere (kept as text and reported).

use std::path::{Component, Path, PathBuf};

use crate::log::LinkIndex;
use crate::record::Record;
use crate::site::render::{Destination, LinkPolicy};

use super::sitemap::{SiteMap, url};

/// A local file a page links to, and where it goes in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Asset {
    /// The resolved path (symlinks and `..` followed), inside the project:
    /// the path that is opened.
    pub source: PathBuf,
    pub site_path: String,
}

/// What the whole export shares to resolve links.
pub(super) struct Resolver<'a> {
    pub records: &'a [Record],
    pub index: &'a LinkIndex,
    pub map: &'a SiteMap,
    /// Local files are copied only from inside the project.
    pub confine: &'a super::confine::Confine,
    /// The folder relative paths are read from (absolute), per record.
    pub cwd: &'a Path,
}

/// The links of one record's page.
pub(super) struct PageLinks<'a> {
    resolver: &'a Resolver<'a>,
    /// The record whose links these are; `None` for the log's introduction.
    record: Option<usize>,
    /// The folder its relative links start from, as shown.
    base: PathBuf,
    page: &'a str,
    pub assets: Vec<Asset>,
    /// Destinations that point at nothing, as written.
    pub unresolved: Vec<String>,
}

impl<'a> PageLinks<'a> {
    pub(super) fn new(resolver: &'a Resolver<'a>, record: usize, page: &'a str) -> Self {
        Self {
            resolver,
            record: Some(record),
            base: resolver.records[record].dir().to_path_buf(),
            page,
            assets: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    /// The links of a page that is not a record's, written in `base`.
    pub(super) fn for_file(resolver: &'a Resolver<'a>, base: &Path, page: &'a str) -> Self {
        Self {
            resolver,
            record: None,
            base: base.to_path_buf(),
            page,
            assets: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    fn resolve(&mut self, destination: &str, record_links: bool) -> Destination {
        let destination = destination.trim();
        if destination.starts_with('#') {
            // Headings carry GitHub's ids, so `#context` lands as written.
            return Destination::Keep;
        }
        if has_scheme(destination) || destination.starts_with("//") || destination.is_empty() {
            return Destination::Keep;
        }
        let (path_part, fragment) = match destination.find(['#', '?']) {
            Some(i) => (&destination[..i], fragment_of(&destination[i..])),
            None => (destination, String::new()),
        };
        let decoded = crate::url::decode(path_part);
        let records = self.resolver.records;
        let source = self.base.join(&decoded);
        if record_links {
            let found = self.resolver.map.record_at(&source).or_else(|| {
                self.record
                    .and_then(|r| self.resolver.index.resolve(records, r, &decoded, None))
            });
            if let Some(target) = found {
                let page = self.resolver.map.page(target);
                return Destination::Replace(format!("{}{fragment}", url(self.page, page)));
            }
        }
        if let Some((resolved, site_path)) = self.local_file(&source) {
            let link = url(self.page, &site_path);
            self.assets.push(Asset {
                source: resolved,
                site_path,
            });
            return Destination::Replace(format!("{link}{fragment}"));
        }
        if !self.unresolved.iter().any(|u| u == destination) {
            self.unresolved.push(destination.to_string());
        }
        Destination::Drop
    }

    /// A file inside the project that the site can carry: its resolved
    /// path and its place in the site.
    fn local_file(&self, source: &Path) -> Option<(PathBuf, String)> {
        let resolved = self
            .resolver
            .confine
            .resolve(&self.resolver.cwd.join(source))
            .ok()?;
        if !resolved.is_file() {
            return None;
        }
        let (inside, prefix) = self.resolver.map.in_log(source);
        let escapes = inside
            .components()
            .any(|c| matches!(c, Component::ParentDir))
            || prefix == "_other/";
        let parts: Vec<String> = if escapes {
            // Outside the log: under `_files/`, by its path in the project.
            let rel = self.resolver.confine.relative(&resolved)?;
            std::iter::once("_files".to_string())
                .chain(rel.split('/').map(str::to_string))
                .collect()
        } else {
            let mut parts: Vec<String> = prefix
                .split('/')
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect();
            parts.extend(inside.components().filter_map(|c| match c {
                Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                _ => None,
            }));
            parts
        };
        // Never a page name, never a hidden file.
        let last = parts.last()?;
        if last.ends_with(".html") || parts.iter().any(|p| p.starts_with('.')) {
            return None;
        }
        Some((resolved, parts.join("/")))
    }
}

impl LinkPolicy for PageLinks<'_> {
    fn link(&mut self, destination: &str) -> Destination {
        self.resolve(destination, true)
    }

    fn image(&mut self, destination: &str) -> Destination {
        self.resolve(destination, false)
    }
}

/// `https:`, `mailto:`, `javascript:`: anything with a scheme is left to
/// the sanitiser, which keeps only safe ones.
fn has_scheme(destination: &str) -> bool {
    let Some(colon) = destination.find(':') else {
        return false;
    };
    let scheme = &destination[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// Keeps a `#fragment` as written (headings have GitHub's ids); drops a
/// `?query`.
fn fragment_of(rest: &str) -> String {
    match rest.find('#') {
        Some(i) if rest.len() > i + 1 => rest[i..].to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("JavaScript:alert(1)"));
        assert!(!has_scheme("0001-a.md"));
        assert!(!has_scheme("dir/a:b.md"));
        assert!(has_scheme("mailto:a@b"));
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_of("#intro"), "#intro");
        assert_eq!(fragment_of("?raw=true"), "");
    }
}
