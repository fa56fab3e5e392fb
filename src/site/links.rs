//! Where the links inside a record point in the site: other records'
//! pages, copied local files, or nowhere (kept as text and reported).

use std::path::{Component, Path, PathBuf};

use crate::log::{LinkIndex, normalise};
use crate::record::Record;
use crate::site::render::{Destination, LinkPolicy};

use super::sitemap::{SiteMap, url};

/// A local file a page links to, and where it goes in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Asset {
    pub source: PathBuf,
    pub site_path: String,
}

/// What the whole export shares to resolve links.
pub struct Resolver<'a> {
    pub records: &'a [Record],
    pub index: &'a LinkIndex,
    pub map: &'a SiteMap,
    /// Local files are copied only from inside this folder (absolute).
    pub confine: &'a Path,
}

/// The links of one record's page.
pub struct PageLinks<'a> {
    resolver: &'a Resolver<'a>,
    record: usize,
    page: &'a str,
    pub assets: Vec<Asset>,
    /// Destinations that point at nothing, as written.
    pub unresolved: Vec<String>,
}

impl<'a> PageLinks<'a> {
    pub fn new(resolver: &'a Resolver<'a>, record: usize, page: &'a str) -> Self {
        Self {
            resolver,
            record,
            page,
            assets: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    fn resolve(&mut self, destination: &str, record_links: bool) -> Destination {
        let destination = destination.trim();
        if let Some(anchor) = destination.strip_prefix('#') {
            // ammonia prefixes the ids of user content; follow it.
            return Destination::Replace(format!("#user-content-{anchor}"));
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
        let source = records[self.record].dir().join(&decoded);
        if record_links {
            let found = self.resolver.map.record_at(&source).or_else(|| {
                self.resolver
                    .index
                    .resolve(records, self.record, &decoded, None)
            });
            if let Some(target) = found {
                let page = self.resolver.map.page(target);
                return Destination::Replace(format!("{}{fragment}", url(self.page, page)));
            }
        }
        if let Some(site_path) = self.local_file(&source) {
            let link = url(self.page, &site_path);
            self.assets.push(Asset {
                source: normalise(&source),
                site_path,
            });
            return Destination::Replace(format!("{link}{fragment}"));
        }
        if !self.unresolved.iter().any(|u| u == destination) {
            self.unresolved.push(destination.to_string());
        }
        Destination::Drop
    }

    /// A file inside the project that the site can carry.
    fn local_file(&self, source: &Path) -> Option<String> {
        let canonical = source.canonicalize().ok()?;
        if !canonical.is_file() || !canonical.starts_with(self.resolver.confine) {
            return None;
        }
        let (inside, prefix) = self.resolver.map.in_log(source);
        let escapes = inside
            .components()
            .any(|c| matches!(c, Component::ParentDir))
            || prefix == "_other/";
        let parts: Vec<String> = if escapes {
            // Outside the log: under `_files/`, `..` spelt `up`.
            std::iter::once("_files".to_string())
                .chain(normalise(source).components().filter_map(|c| match c {
                    Component::ParentDir => Some("up".to_string()),
                    Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                    _ => None,
                }))
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
        Some(parts.join("/"))
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

/// Keeps a `#fragment` (prefixed like user-content ids); drops a `?query`.
fn fragment_of(rest: &str) -> String {
    match rest.find('#') {
        Some(i) if rest.len() > i + 1 => format!("#user-content-{}", &rest[i + 1..]),
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
        assert_eq!(fragment_of("#intro"), "#user-content-intro");
        assert_eq!(fragment_of("?raw=true"), "");
    }
}
