//! Where each record's page goes in the site, and relative URLs between
//! pages, so the site works from `file://` and under any base path.

use foldhash::{HashMap, HashMapExt};
use std::path::{Component, Path, PathBuf};

use crate::log::normalise;
use crate::project::Repository;
use crate::record::Record;

/// Page paths of every record, relative to the site root, with `/`.
pub(super) struct SiteMap {
    pages: Vec<String>,
    /// By the bytes of each record's normalised path: a path's own hash
    /// walks its components, a tenth of a re-export at 10,000 records.
    by_source: HashMap<Vec<u8>, usize>,
    /// Each log's folder (normalised) and the site folder its pages go in.
    logs: Vec<(PathBuf, String)>,
}

impl SiteMap {
    pub(super) fn new(repo: &Repository, records: &[Record]) -> Self {
        let mut logs = vec![(normalise(&repo.dir), String::new())];
        for package in &repo.packages {
            let name = package
                .components()
                .filter_map(|c| match c {
                    Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("-");
            logs.push((normalise(package), format!("packages/{name}/")));
        }
        let mut map = Self {
            pages: Vec::with_capacity(records.len()),
            by_source: HashMap::with_capacity(records.len()),
            logs,
        };
        for (i, record) in records.iter().enumerate() {
            let source = normalise(&record.path);
            let page = map.page_for_normalised(&source);
            map.pages.push(page);
            map.by_source
                .insert(source.into_os_string().into_encoded_bytes(), i);
        }
        map
    }

    /// `doc/adr/0001-x.md` → `0001-x.html`; `…/2022-11-09-x/README.md` →
    /// `2022-11-09-x/index.html`; package records under `packages/…/`.
    fn page_for_normalised(&self, source: &Path) -> String {
        let (relative, prefix) = self.in_normalised_log(source);
        let inner = match relative.to_str() {
            // Normalised: `/`-separated with no empty or `.` part, and `..`
            // only in front (a path outside the log, whose `..` and root
            // are left out below).
            Some(text) if std::path::MAIN_SEPARATOR == '/' && plain(text) => page_name(text),
            _ => {
                let parts = path_parts(relative);
                if parts.is_empty() {
                    return prefix.to_string();
                }
                page_name(&parts.join("/"))
            }
        };
        let mut page = String::with_capacity(prefix.len() + inner.len());
        page.push_str(prefix);
        page.push_str(&inner);
        page
    }

    /// The path of `source` inside its log, and the site folder of the log.
    pub(super) fn in_log(&self, source: &Path) -> (PathBuf, String) {
        let source = normalise(source);
        let (inside, prefix) = self.in_normalised_log(&source);
        (inside.to_path_buf(), prefix.to_string())
    }

    fn in_normalised_log<'a>(&'a self, source: &'a Path) -> (&'a Path, &'a str) {
        for (dir, prefix) in &self.logs {
            if let Some(rest) = crate::log::strip_normal_prefix(source, dir) {
                return (rest, prefix);
            }
        }
        (source, "_other/")
    }

    /// Every record's page, in record order.
    pub(super) fn pages(&self) -> &[String] {
        &self.pages
    }

    pub(super) fn page(&self, record: usize) -> &str {
        &self.pages[record]
    }

    /// The record whose file is `source`, if any.
    pub(super) fn record_at(&self, source: &Path) -> Option<usize> {
        self.by_source
            .get(normalise(source).as_os_str().as_encoded_bytes())
            .copied()
    }
}

/// A relative path with a name in front: neither empty, nor from the root,
/// nor leading out of its folder.
fn plain(path: &str) -> bool {
    !(path.is_empty() || path.starts_with('/') || path == ".." || path.starts_with("../"))
}

/// The page of a Markdown file at `path` (`/`-separated, inside its log):
/// `README.md` becomes its folder's `index.html`, `x.md` becomes `x.html`.
fn page_name(path: &str) -> String {
    let (folder, last) = match path.rfind('/') {
        Some(at) => path.split_at(at + 1),
        None => ("", path),
    };
    let bytes = last.as_bytes();
    let (stem, suffix) = if last.eq_ignore_ascii_case("readme.md") {
        ("", "index.html")
    } else if bytes.len() >= 3 && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b".md") {
        // The last three bytes are ASCII, so this cuts at a character.
        (&last[..last.len() - 3], ".html")
    } else {
        (last, ".html")
    };
    let mut page = String::with_capacity(folder.len() + stem.len() + suffix.len());
    page.push_str(folder);
    page.push_str(stem);
    page.push_str(suffix);
    page
}

fn path_parts(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// The prefix that leads from a page back to the site root: `""` for
/// `index.html`, `"../"` for `sub/page.html`.
pub(super) fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A URL from the page `from` to the site path `to`, percent-encoded.
pub(super) fn url(from: &str, to: &str) -> String {
    format!("{}{}", root_of(from), encode_path(to))
}

/// Percent-encodes each segment of a site path (`#`, `+`, `%`, spaces and
/// non-ASCII letters included), keeping `/`.
pub fn encode_path(path: &str) -> String {
    crate::url::encode_site_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_between_pages() {
        assert_eq!(url("index.html", "0001-a.html"), "0001-a.html");
        assert_eq!(page_name("0001-a.md"), "0001-a.html");
        assert_eq!(
            page_name("x/2022-11-09-x/README.md"),
            "x/2022-11-09-x/index.html"
        );
        assert_eq!(page_name("Notes.MD"), "Notes.html");
        assert_eq!(page_name("é.md"), "é.html");
        assert_eq!(page_name("plain"), "plain.html");
        assert_eq!(url("historic/016-x.html", "028-y.html"), "../028-y.html");
        assert_eq!(
            encode_path("0024-use-#-as-indicator+x å.html"),
            "0024-use-%23-as-indicator%2Bx%20%C3%A5.html"
        );
    }

    /// The page of every kind of path is what walking its parts gives.
    #[test]
    fn pages_by_text_match_pages_by_parts() {
        let map = SiteMap {
            pages: Vec::new(),
            by_source: HashMap::new(),
            logs: vec![
                (PathBuf::from("doc/adr"), String::new()),
                (
                    PathBuf::from("packages/a/adr"),
                    "packages/packages-a-adr/".into(),
                ),
            ],
        };
        let by_parts = |source: &str| {
            let (relative, prefix) = map.in_normalised_log(Path::new(source));
            let mut parts = path_parts(relative);
            if let Some(last) = parts.last_mut() {
                let lower = last.to_lowercase();
                *last = if lower == "readme.md" {
                    "index.html".to_string()
                } else if lower.ends_with(".md") {
                    format!("{}.html", &last[..last.len() - 3])
                } else {
                    format!("{last}.html")
                };
            }
            format!("{prefix}{}", parts.join("/"))
        };
        for source in [
            "doc/adr/0001-a.md",
            "doc/adr/sub/README.md",
            "doc/adr/readme.MD",
            "doc/adrs/0001-a.md",
            "packages/a/adr/0002-b.md",
            "../elsewhere/x.md",
            "/abs/x.md",
            "..x/y.md",
            "doc/adr/ünïcode.md",
        ] {
            let source = normalise(Path::new(source));
            assert_eq!(
                map.page_for_normalised(&source),
                by_parts(source.to_str().unwrap_or("")),
                "{source:?}"
            );
        }
    }
}
