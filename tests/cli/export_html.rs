//! `adr export html` through the real binary.
//!
//! A fixture repository with every kind of record and link (adr-tools
//! records with a supersession and a link, MADR with tags, a subfolder, a
//! folder-per-decision record with an image, a relative link and a missing
//! one, a file name with `#`, `+` and `å`); an XSS fixture; and the real
//! corpus. Every relative `href`/`src` of every page must lead to a file of
//! the site, and nothing executable may reach a page.
//!
//! Pages are read with scraper (html5ever, the HTML5 parsing algorithm
//! browsers use, and CSS selectors), the feed and SVG with roxmltree
//! (strict XML); relative URLs are resolved here (all tested by
//! `the_checkers_catch_what_they_look_for`). The fixture is shared with the
//! browser test.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{self, Run, Sandbox};

/// The files of an exported site: path from its root (with `/`) → bytes.
pub(crate) type Tree = BTreeMap<String, Vec<u8>>;

// ---------------------------------------------------------------------------
// The fixture repository.
// ---------------------------------------------------------------------------

/// The ADR folder of the fixtures.
pub(crate) const DIR: &str = "doc/adr";

/// The record whose file name needs percent-encoding.
pub(crate) const SPECIAL: &str = "0009-use-#-and-+-in-å.md";

/// A 4×4 PNG, blue.
pub(crate) const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x04, 0x08, 0x02, 0x00, 0x00, 0x00, 0x26, 0x93, 0x09,
    0x29, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xe0, 0xce, 0x3e, 0x0d,
    0x47, 0x0c, 0xc4, 0x71, 0x00, 0xfd, 0xe3, 0x14, 0x11, 0x0f, 0xc0, 0x3c, 0x62, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const MADR: &str = r#"---
status: accepted
date: 2022-05-06
decision-makers: [Alice, Bob]
tags: [database, "ops team"]
---

# Read connection strings from the vault

## Context and Problem Statement

Secrets must not live in the repository; the kumquat service reads them at start.

## Decision Outcome

Chosen option: the vault.
"#;

const SUB: &str = "# 7. Sub record

Date: 2020-02-02

## Status

Accepted

## Context

Marmalade jars are counted here; this builds on [pooling](../0005-connection-pooling.md#context).
";

const FOLDER: &str = "# Thing in a folder

Date: 2023-01-01

## Status

Proposed

## Context

The diagram:

![d](diagram.png)
";

const LINKS: &str = "# 8. Links elsewhere

Date: 2021-01-01

## Status

Accepted

## Context

This follows [the MySQL decision](0003-use-mysql.md), [the folder one](2023-01-01-thing/README.md)
and [the odd name](0009-use-%23-and-+-in-%C3%A5.md), and cites [a lost spec](specs/missing-spec.md)
that was never written.
";

const SPECIAL_TEXT: &str = "# 9. Use # and + in å

Date: 2021-03-03

## Status

Accepted

## Context

Zebrafish swim here; see [the sub record](sub/0007-sub-record.md).
";

/// Record files of the fixture (under `doc/adr`) and the page each must get.
pub(crate) const FIXTURE_PAGES: &[(&str, &str)] = &[
    (
        "0001-record-architecture-decisions.md",
        "0001-record-architecture-decisions.html",
    ),
    ("0002-use-postgresql.md", "0002-use-postgresql.html"),
    ("0003-use-mysql.md", "0003-use-mysql.html"),
    ("0004-use-postgres-again.md", "0004-use-postgres-again.html"),
    ("0005-connection-pooling.md", "0005-connection-pooling.html"),
    (
        "0006-read-connection-strings-from-the-vault.md",
        "0006-read-connection-strings-from-the-vault.html",
    ),
    ("sub/0007-sub-record.md", "sub/0007-sub-record.html"),
    ("0008-links-elsewhere.md", "0008-links-elsewhere.html"),
    (SPECIAL, "0009-use-#-and-+-in-å.html"),
    ("2023-01-01-thing/README.md", "2023-01-01-thing/index.html"),
];

/// A project with every kind of record: 1–5 written by `adr init`/`adr new`
/// (4 supersedes 2, 5 amends 1), a MADR record with tags, a record in a
/// subfolder, a folder-per-decision record with an image, a record with
/// relative and missing links, and one whose file name has `#`, `+`, `å`.
pub(crate) fn fixture() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    for args in [
        &["new", "Use PostgreSQL"][..],
        &["new", "Use MySQL"],
        &["new", "-s", "2", "Use Postgres again"],
        &["new", "-l", "1:Amends:Amended by", "Connection pooling"],
    ] {
        sandbox.adr(args).ok();
    }
    sandbox.write(
        &format!("{DIR}/0006-read-connection-strings-from-the-vault.md"),
        MADR,
    );
    sandbox.write(&format!("{DIR}/sub/0007-sub-record.md"), SUB);
    sandbox.write(&format!("{DIR}/2023-01-01-thing/README.md"), FOLDER);
    sandbox.write_bytes(&format!("{DIR}/2023-01-01-thing/diagram.png"), PNG);
    sandbox.write(&format!("{DIR}/0008-links-elsewhere.md"), LINKS);
    sandbox.write(&format!("{DIR}/{SPECIAL}"), SPECIAL_TEXT);
    sandbox
}

/// `adr export html --out <sandbox>/<out> extra…`.
pub(crate) fn export(sandbox: &Sandbox, out: &str, extra: &[&str]) -> Run {
    let out = sandbox.root().join(out).display().to_string();
    let mut args = vec!["export", "html", "--out", out.as_str()];
    args.extend_from_slice(extra);
    let run = sandbox.adr(&args);
    assert!(
        !run.stderr.contains("panicked"),
        "adr export panicked: {}",
        run.stderr
    );
    run
}

/// The `adr: warning: …` lines of a run.
pub(crate) fn warnings(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("adr: warning:"))
        .collect()
}

/// The fixture, exported to `site`, with the run and the files.
struct Exported {
    sandbox: Sandbox,
    run: Run,
    files: Tree,
}

impl Exported {
    fn new(extra: &[&str]) -> Self {
        let sandbox = fixture();
        let run = export(&sandbox, "site", extra);
        let files = support::site_tree(&sandbox.root().join("site"));
        Self {
            sandbox,
            run,
            files,
        }
    }

    #[track_caller]
    fn page(&self, path: &str) -> String {
        let bytes = self.files.get(path).unwrap_or_else(|| {
            panic!(
                "no {path} in the site; files: {:?}\nstderr: {}",
                self.files.keys().collect::<Vec<_>>(),
                self.run.stderr
            )
        });
        String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
    }
}

/// The records `adr [--dir D] list --format json` lists: their paths.
pub(crate) fn listed(sandbox: &Sandbox, dir: Option<&str>) -> (Vec<Value>, Run) {
    let mut args = Vec::new();
    if let Some(dir) = dir {
        args.extend(["--dir", dir]);
    }
    args.extend(["list", "--format", "json"]);
    let run = sandbox.adr(&args);
    let items = match serde_json::from_str::<Value>(&run.stdout) {
        Ok(Value::Array(items)) => items,
        other => panic!("`adr list --format json` is not an array: {other:?}\n{run:?}"),
    };
    (items, run)
}

/// The page a record file gets: its path in the ADR folder with `.md` →
/// `.html`, and a folder-per-decision `README.md` → `index.html`.
pub(crate) fn page_of(record: &str, adr_dir: &str) -> String {
    let inside = record
        .strip_prefix(adr_dir)
        .map(|r| r.trim_start_matches('/'))
        .unwrap_or(record);
    let (dir, name) = match inside.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), inside),
    };
    let page = if name.eq_ignore_ascii_case("readme.md") {
        "index.html".to_string()
    } else if name.to_ascii_lowercase().ends_with(".md") {
        format!("{}.html", &name[..name.len() - 3])
    } else {
        format!("{name}.html")
    };
    format!("{dir}{page}")
}

// ---------------------------------------------------------------------------
// Reading pages as a browser does (scraper: html5ever and CSS selectors) and
// the feed and SVG as XML (roxmltree, strict); resolving URLs.
// ---------------------------------------------------------------------------

/// A start tag: its name and attributes (names lower-cased, values with
/// character references decoded, as the HTML5 parser gives them), and the
/// tag written back out for messages.
#[derive(Debug, Clone)]
pub(crate) struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub raw: String,
    /// The element's text content, whitespace collapsed.
    pub text: String,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn of(element: scraper::ElementRef<'_>) -> Self {
        let value = element.value();
        let attrs: Vec<(String, String)> = value
            .attrs()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        let mut raw = format!("<{}", value.name());
        for (n, v) in &attrs {
            raw.push_str(&format!(" {n}=\"{}\"", v.replace('"', "&quot;")));
        }
        raw.push('>');
        Self {
            name: value.name().to_string(),
            attrs,
            raw,
            text: collapse(&element.text().collect::<String>()),
        }
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every element of an HTML document in document order, as the HTML5
/// parser builds the tree a browser would.
pub(crate) fn start_tags(html: &str) -> Vec<Tag> {
    let document = scraper::Html::parse_document(html);
    document
        .root_element()
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .map(Tag::of)
        .collect()
}

/// The elements of a page that match a CSS selector.
#[track_caller]
pub(crate) fn select(html: &str, css: &str) -> Vec<Tag> {
    let selector =
        scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"));
    let document = scraper::Html::parse_document(html);
    document.select(&selector).map(Tag::of).collect()
}

/// The text of the elements matching `css` inside `scope` (every match
/// of `scope` searched), each collapsed.
pub(crate) fn select_within(html: &str, scope: &str, css: &str) -> Vec<Tag> {
    let parse = |s: &str| {
        scraper::Selector::parse(s).unwrap_or_else(|e| panic!("bad selector `{s}`: {e:?}"))
    };
    let (scope, inner) = (parse(scope), parse(css));
    let document = scraper::Html::parse_document(html);
    document
        .select(&scope)
        .flat_map(|s| s.select(&inner).map(Tag::of).collect::<Vec<_>>())
        .collect()
}

/// The text of a page or fragment: tags removed, references decoded,
/// whitespace collapsed.
pub(crate) fn text_of(html: &str) -> String {
    let fragment = if html
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("<!doctype")
    {
        scraper::Html::parse_document(html)
    } else {
        scraper::Html::parse_fragment(html)
    };
    let mut out = String::new();
    for text in fragment.root_element().text() {
        out.push_str(text);
        out.push(' ');
    }
    collapse(&out)
}

/// Character references decoded as a browser decodes an attribute value.
pub(crate) fn decode_entities(text: &str) -> String {
    let html = format!("<p title=\"{}\"></p>", text.replace('"', "&quot;"));
    select(&html, "p")
        .first()
        .and_then(|p| p.attr("title").map(str::to_string))
        .unwrap_or_default()
}

/// `https:`, `mailto:`, `javascript:`: a URL with a scheme.
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// `%XX` sequences decoded (others kept as written); `Err` when the bytes
/// are not UTF-8.
fn percent_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("`{text}` does not decode to UTF-8"))
}

/// Where `url`, written on the site page `from`, leads, as a browser reads
/// it: `Ok(None)` when it points elsewhere on purpose (a scheme, `//host`,
/// the page itself or a `#fragment` on it); `Ok(Some(path))` for a file of
/// the site (query and fragment stripped, percent-decoded); `Err` when it
/// cannot work from `file://` or under a base path (root-relative, or above
/// the site's root).
pub(crate) fn resolve(from: &str, url: &str) -> Result<Option<String>, String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(&url) {
        return Ok(None);
    }
    let path = url.split(['#', '?']).next().unwrap_or_default();
    if path.is_empty() {
        return Ok(None);
    }
    if path.starts_with('/') {
        return Err(format!("root-relative `{url}`"));
    }
    let decoded = percent_decode(path)?;
    let mut parts: Vec<String> = from.split('/').map(str::to_string).collect();
    parts.pop();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{url}` leads above the site's root"));
                }
            }
            s => parts.push(s.to_string()),
        }
    }
    if decoded.ends_with('/') {
        return Err(format!("`{url}` is a folder, not a file"));
    }
    Ok(Some(parts.join("/")))
}

/// The HTML pages of a site, as text.
pub(crate) fn html_pages(files: &Tree) -> Vec<(&str, String)> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.as_str(), String::from_utf8_lossy(b).into_owned()))
        .collect()
}

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "poster", "data", "formaction"];

/// Every relative link of every page that does not lead to a file of the
/// site, as `page: <tag> → why`.
pub(crate) fn broken_links(files: &Tree) -> Vec<String> {
    let mut broken = Vec::new();
    for (page, html) in html_pages(files) {
        for tag in start_tags(&html) {
            for (name, value) in &tag.attrs {
                if !URL_ATTRIBUTES.contains(&name.as_str()) {
                    continue;
                }
                match resolve(page, value) {
                    Ok(None) => {}
                    Ok(Some(target)) if files.contains_key(&target) => {}
                    Ok(Some(target)) => {
                        broken.push(format!("{page}: {} → no file {target}", tag.raw))
                    }
                    Err(why) => broken.push(format!("{page}: {} → {why}", tag.raw)),
                }
            }
        }
    }
    broken
}

/// The search index's documents: `_assets/search-index.js` says how many
/// shards there are (`window.ADR_SEARCH_SHARDS = N;`), each
/// `_assets/search/K.js` is `window.ADR_SEARCH_PART(K, [...]);`.
pub(crate) fn search_index(files: &Tree) -> Vec<Value> {
    let text = |path: &str| {
        String::from_utf8_lossy(
            files
                .get(path)
                .unwrap_or_else(|| panic!("{path} in the site")),
        )
        .into_owned()
    };
    let manifest = text("_assets/search-index.js");
    let shards: usize = manifest
        .strip_prefix("window.ADR_SEARCH_SHARDS = ")
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("search-index.js is not `window.ADR_SEARCH_SHARDS = N;`"));
    let mut docs = Vec::new();
    for k in 0..shards {
        let script = text(&format!("_assets/search/{k}.js"));
        let prefix = format!("window.ADR_SEARCH_PART({k}, ");
        let json = script
            .strip_prefix(prefix.as_str())
            .and_then(|s| s.trim_end().strip_suffix(");"))
            .unwrap_or_else(|| panic!("shard {k} is not `{prefix}[…]);`"));
        match serde_json::from_str::<Value>(json) {
            // Rows are [url, title, number, status, tags, text]; named here
            // as site.js names them.
            Ok(Value::Array(part)) => docs.extend(part.into_iter().map(|row| {
                let field = |k: usize| row.get(k).cloned().unwrap_or(Value::Null);
                serde_json::json!({
                    "u": field(0), "t": field(1), "n": field(2),
                    "s": field(3), "g": field(4), "x": field(5),
                })
            })),
            other => panic!("shard {k} is not a JSON array: {other:?}"),
        }
    }
    docs
}

/// A hash of every file's path and bytes under `dir`.
fn fingerprint(dir: &Path) -> (usize, u64) {
    let files = support::site_tree(dir);
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    (files.len(), hasher.finish())
}

// ---------------------------------------------------------------------------
// Strict XML (for the Atom feed and the SVG), read with roxmltree.
// ---------------------------------------------------------------------------

/// An XML element: local name, attributes (with `xmlns` when it declares
/// its namespace), child elements, and its own text.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all(&self, name: &str) -> Vec<&Element> {
        self.children.iter().filter(|c| c.name == name).collect()
    }

    fn of(node: roxmltree::Node<'_, '_>) -> Self {
        let mut attrs: Vec<(String, String)> = node
            .attributes()
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect();
        let namespace = node.tag_name().namespace();
        let parent_namespace = node.parent_element().and_then(|p| p.tag_name().namespace());
        if let Some(ns) = namespace.filter(|ns| Some(*ns) != parent_namespace) {
            attrs.push(("xmlns".into(), ns.to_string()));
        }
        let mut element = Self {
            name: node.tag_name().name().to_string(),
            attrs,
            ..Self::default()
        };
        for child in node.children() {
            if child.is_element() {
                element.children.push(Self::of(child));
            } else if child.is_text() {
                element.text.push_str(child.text().unwrap_or_default());
            }
        }
        element
    }
}

/// Parses `xml` strictly: a well-formed document with one root element,
/// an XML declaration at the very start, no DOCTYPE.
pub(crate) fn parse_xml(xml: &str) -> Result<Element, String> {
    if !xml.starts_with("<?xml ") {
        return Err("no XML declaration at the very start".into());
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let document =
        roxmltree::Document::parse_with_options(xml, options).map_err(|e| e.to_string())?;
    Ok(Element::of(document.root_element()))
}

/// `YYYY-MM-DDTHH:MM:SSZ` (RFC 3339, as Atom requires).
fn is_rfc3339(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            10 => c == b'T',
            13 | 16 => c == b':',
            19 => c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

// ---------------------------------------------------------------------------
// The fixture: pages, links, assets, banners, relations.
// ---------------------------------------------------------------------------

fn export_succeeds_and_writes_the_site_files() {
    let e = Exported::new(&[]);
    assert_eq!(e.run.code, 0, "exit code; stderr: {}", e.run.stderr);
    assert!(
        e.run
            .stdout
            .starts_with(&format!("exported {} records to ", FIXTURE_PAGES.len())),
        "stdout: {}",
        e.run.stdout
    );
    for file in [
        "index.html",
        "_graph.html",
        "_timeline.html",
        "feed.xml",
        "_assets/style.css",
        "_assets/site.js",
        "_assets/search-index.js",
        ".nojekyll",
        ".adr-site",
        "_tags/database.html",
        "_tags/ops-team.html",
    ] {
        assert!(
            e.files.contains_key(file),
            "{file} missing; files: {:?}",
            e.files.keys().collect::<Vec<_>>()
        );
    }
    // Nothing is left beside the output folder.
    let leftovers: Vec<String> = std::fs::read_dir(e.sandbox.root())
        .expect("read sandbox")
        .flatten()
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".site"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

fn every_record_has_its_page() {
    let e = Exported::new(&[]);
    let (items, _) = listed(&e.sandbox, None);
    let listed: BTreeSet<String> = items
        .iter()
        .filter_map(|i| i["path"].as_str())
        .map(str::to_string)
        .collect();
    let expected: BTreeSet<String> = FIXTURE_PAGES
        .iter()
        .map(|(file, _)| format!("{DIR}/{file}"))
        .collect();
    assert_eq!(
        listed, expected,
        "the fixture's records as `adr list` sees them"
    );
    for (file, page) in FIXTURE_PAGES {
        assert_eq!(page_of(&format!("{DIR}/{file}"), DIR), *page);
        let html = e.page(page);
        assert!(
            html.starts_with("<!doctype html>"),
            "{page} is not an HTML page"
        );
    }
    // Each record is on the index, linked to its page.
    let index = e.page("index.html");
    let linked: BTreeSet<String> = start_tags(&index)
        .iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href"))
        .filter_map(|h| resolve("index.html", h).ok().flatten())
        .collect();
    for (_, page) in FIXTURE_PAGES {
        assert!(linked.contains(*page), "index.html does not link to {page}");
    }
    let rows = index
        .split("<tbody>")
        .nth(1)
        .map_or(0, |body| body.matches("<tr>").count());
    assert_eq!(rows, FIXTURE_PAGES.len(), "rows of the index table");
}

fn every_relative_link_in_every_page_resolves() {
    let e = Exported::new(&[]);
    let broken = broken_links(&e.files);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    // The record links went to the right pages, encoded for `#`, `+`, `å`.
    let expect_link = |page: &str, target: &str| {
        let html = e.page(page);
        let found = start_tags(&html).iter().any(|t| {
            t.name == "a"
                && t.attr("href")
                    .and_then(|h| resolve(page, h).ok().flatten())
                    .is_some_and(|p| p == target)
        });
        assert!(found, "{page} has no link to {target}");
    };
    expect_link("0008-links-elsewhere.html", "0003-use-mysql.html");
    expect_link("0008-links-elsewhere.html", "2023-01-01-thing/index.html");
    expect_link("0008-links-elsewhere.html", "0009-use-#-and-+-in-å.html");
    expect_link("sub/0007-sub-record.html", "0005-connection-pooling.html");
    expect_link("0009-use-#-and-+-in-å.html", "sub/0007-sub-record.html");
    expect_link("index.html", "0009-use-#-and-+-in-å.html");
    expect_link("_graph.html", "0009-use-#-and-+-in-å.html");
    expect_link("_timeline.html", "2023-01-01-thing/index.html");
    expect_link(
        "_tags/database.html",
        "0006-read-connection-strings-from-the-vault.html",
    );
    expect_link("sub/0007-sub-record.html", "index.html");
}

/// `site.js` makes each search hit a link to `root + u`: `u` must be a URL
/// that leads to the record's page (percent-encoded like every other link).
fn search_index_urls_lead_to_the_pages() {
    let e = Exported::new(&[]);
    let docs = search_index(&e.files);
    assert_eq!(docs.len(), FIXTURE_PAGES.len(), "documents in the index");
    let mut wrong = Vec::new();
    for doc in &docs {
        let u = doc["u"].as_str().unwrap_or_default();
        let title = doc["t"].as_str().unwrap_or_default();
        match resolve("index.html", u) {
            Ok(Some(p)) if e.files.contains_key(&p) => {}
            other => wrong.push(format!(
                "search hit `{title}`: href `{u}` leads to {other:?}, not to a page"
            )),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn linked_image_is_copied_beside_its_page() {
    let e = Exported::new(&[]);
    assert_eq!(
        e.files
            .get("2023-01-01-thing/diagram.png")
            .map(Vec::as_slice),
        Some(PNG),
        "the image is copied byte for byte"
    );
    let page = "2023-01-01-thing/index.html";
    let html = e.page(page);
    let img = start_tags(&html)
        .into_iter()
        .find(|t| t.name == "img" && t.attr("alt") == Some("d"))
        .unwrap_or_else(|| panic!("no <img alt=\"d\"> on {page}"));
    assert_eq!(
        img.attr("src")
            .and_then(|s| resolve(page, s).ok().flatten()),
        Some("2023-01-01-thing/diagram.png".to_string()),
        "{}",
        img.raw
    );
}

fn missing_link_is_kept_as_text_and_reported() {
    let e = Exported::new(&[]);
    let warnings = warnings(&e.run);
    assert_eq!(
        warnings.len(),
        1,
        "exactly one warning expected: {}",
        e.run.stderr
    );
    assert!(
        warnings[0].contains("0008-links-elsewhere.md")
            && warnings[0].contains("specs/missing-spec.md"),
        "{}",
        warnings[0]
    );
    let page = e.page("0008-links-elsewhere.html");
    assert!(
        text_of(&page).contains("and cites a lost spec that was never written"),
        "the link's text is kept: {}",
        text_of(&page)
    );
    for tag in start_tags(&page) {
        for (_, value) in &tag.attrs {
            assert!(
                !value.contains("missing-spec"),
                "dropped link kept: {}",
                tag.raw
            );
        }
    }
}

fn superseded_record_has_a_banner_linking_to_its_successor() {
    let e = Exported::new(&[]);
    let page = "0002-use-postgresql.html";
    let html = e.page(page);
    let banner = select(&html, ".banner")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no banner on {page}"));
    assert!(
        banner.text.to_lowercase().contains("superseded"),
        "{}",
        banner.text
    );
    let targets: Vec<_> = select_within(&html, ".banner", "a")
        .iter()
        .filter_map(|t| t.attr("href").and_then(|h| resolve(page, h).ok().flatten()))
        .collect();
    assert_eq!(targets, ["0004-use-postgres-again.html"], "{}", banner.raw);
    for page in ["0004-use-postgres-again.html", "0003-use-mysql.html"] {
        assert!(
            select(&e.page(page), ".banner").is_empty(),
            "{page} is in force and has no banner"
        );
    }
}

/// The status line of a record's metadata shows words, not the Markdown
/// source of the status section (`Superseded by [4. X](0004-x.md)`).
fn status_line_shows_no_markdown_source() {
    let e = Exported::new(&[]);
    let mut wrong = Vec::new();
    for (_, page) in FIXTURE_PAGES {
        let html = e.page(page);
        let Some(meta) = select(&html, "dl.meta").into_iter().next() else {
            wrong.push(format!("{page}: no metadata list"));
            continue;
        };
        let text = meta.text;
        if text.contains("](") || text.contains(".md)") {
            wrong.push(format!("{page}: {text}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "Markdown source in the status line:\n{}",
        wrong.join("\n")
    );
}

/// `(text, target page)` of each entry in a page's relations section.
fn relations(page: &str, html: &str) -> Vec<(String, String)> {
    let document = scraper::Html::parse_document(html);
    let items = scraper::Selector::parse(".relations li").expect("selector");
    let link = scraper::Selector::parse("a").expect("selector");
    document
        .select(&items)
        .map(|li| {
            let href = li
                .select(&link)
                .next()
                .and_then(|a| a.value().attr("href"))
                .unwrap_or_default()
                .to_string();
            let target = resolve(page, &href).ok().flatten().unwrap_or(href);
            (collapse(&li.text().collect::<String>()), target)
        })
        .collect()
}

fn relations_appear_on_both_pages() {
    let e = Exported::new(&[]);
    let check = |page: &str, reads: &str, target: &str| {
        let found = relations(page, &e.page(page));
        assert!(
            found
                .iter()
                .any(|(text, t)| text.starts_with(reads) && t == target),
            "{page}: no `{reads}` relation to {target}; relations: {found:?}"
        );
    };
    check(
        "0002-use-postgresql.html",
        "Superseded by",
        "0004-use-postgres-again.html",
    );
    check(
        "0004-use-postgres-again.html",
        "Supersedes",
        "0002-use-postgresql.html",
    );
    check(
        "0005-connection-pooling.html",
        "Amends",
        "0001-record-architecture-decisions.html",
    );
    check(
        "0001-record-architecture-decisions.html",
        "Amended by",
        "0005-connection-pooling.html",
    );
}

fn two_exports_are_byte_identical() {
    let e = Exported::new(&[]);
    assert_eq!(e.run.code, 0, "{}", e.run.stderr);
    let second = export(&e.sandbox, "again", &[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    let again = support::site_tree(&e.sandbox.root().join("again"));
    assert_eq!(
        e.files.keys().collect::<Vec<_>>(),
        again.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &e.files {
        assert!(again.get(path) == Some(bytes), "{path} differs");
    }
    // Exporting over the earlier export replaces it with the same tree.
    let third = export(&e.sandbox, "site", &[]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(
        support::site_tree(&e.sandbox.root().join("site")) == e.files,
        "re-export over the site changed it"
    );
}

fn re_export_replaces_the_previous_site_whole() {
    let e = Exported::new(&[]);
    e.sandbox.write("site/stale.html", "old");
    std::fs::remove_file(e.sandbox.root().join(DIR).join("0008-links-elsewhere.md"))
        .expect("remove a record");
    let run = export(&e.sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!e.sandbox.exists("site/stale.html"), "stale file kept");
    assert!(
        !e.sandbox.exists("site/0008-links-elsewhere.html"),
        "the removed record's page kept"
    );
    assert!(e.sandbox.exists("site/.adr-site"));
}

fn feed_is_well_formed_atom_with_relative_links() {
    let e = Exported::new(&[]);
    let xml = e.page("feed.xml");
    let feed = parse_xml(&xml).unwrap_or_else(|why| panic!("feed.xml: {why}\n{xml}"));
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    for required in ["title", "id", "updated"] {
        assert!(feed.child(required).is_some(), "feed has no <{required}>");
    }
    let entries = feed.all("entry");
    let (items, _) = listed(&e.sandbox, None);
    assert_eq!(entries.len(), items.len(), "one entry per record");
    let mut ids = BTreeSet::new();
    for entry in &entries {
        for required in ["title", "id", "updated", "link", "author"] {
            assert!(
                entry.child(required).is_some(),
                "entry has no <{required}>: {entry:?}"
            );
        }
        let updated = &entry.child("updated").expect("updated").text;
        assert!(is_rfc3339(updated), "updated `{updated}`");
        assert!(
            ids.insert(entry.child("id").expect("id").text.clone()),
            "ids are unique"
        );
        let href = entry
            .child("link")
            .and_then(|l| l.attr("href"))
            .expect("link href");
        match resolve("feed.xml", href) {
            Ok(Some(page)) if e.files.contains_key(&page) => {}
            other => panic!("entry link `{href}` leads to {other:?}"),
        }
    }
    assert!(
        entries.iter().any(|e| e
            .child("title")
            .is_some_and(|t| t.text.contains("Use # and + in å"))),
        "the special record's entry"
    );
}

fn base_url_puts_absolute_links_in_the_feed() {
    let base = "https://example.github.io/project/";
    let e = Exported::new(&["--base-url", base]);
    assert_eq!(e.run.code, 0, "{}", e.run.stderr);
    let xml = e.page("feed.xml");
    let feed = parse_xml(&xml).unwrap_or_else(|why| panic!("feed.xml: {why}\n{xml}"));
    let mut links = vec![
        feed.child("link")
            .and_then(|l| l.attr("href"))
            .unwrap_or_default(),
    ];
    let mut ids = vec![
        feed.child("id")
            .map(|i| i.text.as_str())
            .unwrap_or_default(),
    ];
    for entry in feed.all("entry") {
        links.push(
            entry
                .child("link")
                .and_then(|l| l.attr("href"))
                .unwrap_or_default(),
        );
        ids.push(
            entry
                .child("id")
                .map(|i| i.text.as_str())
                .unwrap_or_default(),
        );
    }
    assert!(links.len() > 1, "entries in the feed");
    for url in links.iter().chain(&ids) {
        let rest = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("`{url}` is not under {base}"));
        assert!(!rest.starts_with('/'), "`{url}`: double slash");
        match resolve("index.html", rest) {
            Ok(Some(page)) if e.files.contains_key(&page) => {}
            other => panic!("`{url}` leads to {other:?}"),
        }
    }
    assert!(
        links.contains(&"https://example.github.io/project/0009-use-%23-and-%2B-in-%C3%A5.html"),
        "{links:?}"
    );
    // Canonical links use it too; every other link stays relative.
    let page = e.page("0003-use-mysql.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https:"),
        "canonical link"
    );
    let broken = broken_links(&e.files);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

fn refuses_a_non_empty_folder_that_is_not_a_site() {
    let sandbox = fixture();
    sandbox.write("occupied/notes.txt", "mine\n");
    sandbox.write("occupied/deep/index.html", "<p>my page</p>\n");
    let before = support::site_tree(&sandbox.root().join("occupied"));
    let run = export(&sandbox, "occupied", &[]);
    assert_eq!(
        support::site_tree(&sandbox.root().join("occupied")),
        before,
        "the folder is unchanged"
    );
    assert!(run.stderr.contains(".adr-site"), "says why: {}", run.stderr);
    let leftovers: Vec<String> = std::fs::read_dir(sandbox.root())
        .expect("read sandbox")
        .flatten()
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".occupied"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    assert_eq!(run.code, 1, "exit code; stderr: {}", run.stderr);
}

fn exporting_a_folder_without_records_fails() {
    let sandbox = Sandbox::new();
    sandbox.write(&format!("{DIR}/notes.txt"), "not a record\n");
    let run = export(&sandbox, "site", &[]);
    assert_ne!(run.code, 0, "stdout: {}", run.stdout);
    assert!(run.stderr.contains("no records"), "{}", run.stderr);
    assert!(!sandbox.exists("site"), "no site written");
}

/// Links written as raw HTML (`<img src>`, `<a href>`, common in MADR
/// records) get the same treatment as Markdown links: a record's `.md`
/// becomes its page, a local file is copied, and a link to nothing is
/// dropped to text and reported.
fn raw_html_links_are_resolved_like_markdown_links() {
    let sandbox = fixture();
    sandbox.write_bytes(&format!("{DIR}/img/raw.png"), PNG);
    sandbox.write(
        &format!("{DIR}/0010-raw-html-links.md"),
        "# 10. Raw HTML links\n\nDate: 2024-05-05\n\n## Status\n\nAccepted\n\n## Context\n\n\
         <img src=\"img/raw.png\" alt=\"raw diagram\" width=\"40\">\n\n\
         See <a href=\"0003-use-mysql.md\">the MySQL record</a> and <a href=\"nowhere.md\">a raw lost link</a>.\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = support::site_tree(&sandbox.root().join("site"));
    let broken = broken_links(&files);
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
    assert!(
        warnings(&run).iter().any(|w| w.contains("nowhere.md")),
        "the raw link to nothing is reported: {}",
        run.stderr
    );
}

/// Fragments of links between records (`0005-x.md#context`) must land on an
/// element of the target page with that id.
fn fragment_links_land_on_an_anchor() {
    let e = Exported::new(&[]);
    let page = "sub/0007-sub-record.html";
    let html = e.page(page);
    let href = start_tags(&html)
        .into_iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href").map(str::to_string))
        .find(|h| h.contains("0005-connection-pooling.html#"))
        .unwrap_or_else(|| panic!("no link to 0005…#fragment on {page}"));
    let fragment = decode_entities(href.split_once('#').map(|(_, f)| f).unwrap_or_default());
    let target = e.page("0005-connection-pooling.html");
    let ids: Vec<String> = start_tags(&target)
        .into_iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect();
    assert!(
        ids.contains(&fragment),
        "{page} links to `{href}`, but 0005-connection-pooling.html has no element with id `{fragment}` (ids: {ids:?})"
    );
}

// ---------------------------------------------------------------------------
// XSS: nothing executable reaches any page.
// ---------------------------------------------------------------------------

/// Every disguise, one per paragraph, plus prose that only looks like HTML.
const ATTACKS: &str = r#"# 1. Attacks

Date: 2024-01-01

## Status

Accepted

## Context

Use RejectMessage<TRequest> for rejects and render <AdrTable rows={x} /> in the docs.

<script>alert(1)</script>

<ScRiPt>alert(2)</ScRiPt>

<SCRIPT SRC=//evil.example/x.js></SCRIPT>

<img src=x onerror=alert(3)>

<IMG SRC="x" OnError="alert(4)">

<img/src=x/onerror=alert(5)>

<svg onload=alert(6)><circle r=1></svg>

<svg><script>alert(7)</script></svg>

<iframe src="javascript:alert(8)"></iframe>

<iframe srcdoc="<script>alert(9)</script>"></iframe>

<object data="javascript:alert(10)"></object>

<embed src="javascript:alert(11)">

<div style="background:url(javascript:alert(12))">styled div</div>

<p style="background-image: url('javascript:alert(13)')">styled p</p>

<a href="javascript:alert(14)">html js</a>

<a href=" javascript:alert(15)">leading space</a>

<a href="JaVaScRiPt:alert(16)">mixed case html</a>

<a href="&#106;avascript:alert(17)">decimal entity</a>

<a href="&#x6A;avascript&#x3A;alert(18)">hex entity</a>

<a href="jav&#x09;ascript:alert(19)">tab entity</a>

<a href="javascript&colon;alert(20)">named colon</a>

<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgyMSk8L3NjcmlwdD4=">data html</a>

<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMjIpPjwvc3ZnPg==">

<details open ontoggle=alert(23)>toggle</details>

<form action="javascript:alert(24)"><button>go</button></form>

<math><mtext><table><mglyph><style><img src=x onerror=alert(25)>

<a href="vbscript:msgbox(26)">vb</a>

<base href="javascript:alert(27)//">

<meta http-equiv="refresh" content="0;url=javascript:alert(28)">

<link rel="stylesheet" href="javascript:alert(29)">

<input onfocus=alert(30) autofocus>

<video><source onerror="alert(31)"></video>

<a href="x" onmouseover="alert(32)">hover</a>

<b onclick=alert(33)>bold</b>

<div><a href="https://example.com/" style="color:red" onclick="alert(34)">styled link</a></div>

[md js](javascript:alert(40))

[md mixed](JaVaScRiPt:alert(41))

[md decimal](&#106;avascript:alert(42))

[md hex](&#x6A;avascript&#x3A;alert(43))

[md angle](<javascript:alert(44)>)

[md spaced]( javascript:alert(45) )

![md img js](javascript:alert(46))

![md img data](data:image/svg+xml,%3Csvg%20onload=alert(47)%3E)

<javascript:alert(48)>

[ref link][evil]

[evil]: javascript:alert(49)

[md vb](vbscript:msgbox(50))

[md data](data:text/html,%3Cscript%3Ealert(51)%3C/script%3E)

[md tab](java&#09;script:alert(52))
"#;

/// Titles, tags, statuses and deciders that go into templates.
const HOSTILE_MADR: &str = r#"---
title: "Quote \" and <script>alert('title')</script> 'single'"
status: "accepted<script>alert('status')</script>"
date: 2024-02-02
decision-makers: ["<img src=x onerror=alert('decider')>"]
tags: ["<script>alert('tag')</script>", "a\"b", "x' onmouseover='alert(1)", "</option><script>alert(2)</script>"]
---

# <img src=x onerror=alert('heading')> heading "quoted" </title><script>alert(3)</script>

Links to [the attacks](0001-attacks.md).
"#;

const HOSTILE_NYGARD: &str =
    "# 3. Title <script>alert(\"t\")</script> \"quoted\" & 'single' <svg onload=alert(1)>

Date: 2024-03-03

## Status

Superseded by [1. Attacks](0001-attacks.md)

## Context

Plain.
";

/// A file name that would break out of an attribute if not encoded.
const HOSTILE_NAME: &str = "0004-x\"><script>alert(1)<b onmouseover='a'.md";

fn xss_fixture() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(&format!("{DIR}/0001-attacks.md"), ATTACKS);
    sandbox.write(&format!("{DIR}/0002-hostile-metadata.md"), HOSTILE_MADR);
    sandbox.write(&format!("{DIR}/0003-hostile-title.md"), HOSTILE_NYGARD);
    sandbox.write(
        &format!("{DIR}/{HOSTILE_NAME}"),
        "# 4. Hostile name\n\nDate: 2024-04-04\n\n## Status\n\nAccepted\n",
    );
    sandbox
}

/// Our own layout's inline handler: the search form's
/// `onsubmit="return false"`. Tolerated by the XSS test (it is not user
/// content), reported by [`pages_have_no_inline_event_handlers`].
fn is_template_search_form(tag: &Tag) -> bool {
    tag.name == "form" && tag.attr("class") == Some("search")
}

/// Everything executable on a page: `<script>` but ours, `on*` attributes,
/// `javascript:`/`vbscript:`/`data:` URLs, embedding and styling elements.
fn executable_constructs(page: &str, html: &str, allow_search_form: bool) -> Vec<String> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    let root = "../".repeat(page.matches('/').count());
    let ours: Vec<String> = ["search-index.js", "site.js", "mermaid-init.js"]
        .iter()
        .map(|s| format!("{root}_assets/{s}"))
        .collect();
    let tags = start_tags(html);
    for tag in tags.iter().filter(|t| t.name == "script") {
        let is_ours = tag.attrs.len() == 2
            && tag.attr("src").is_some_and(|s| ours.iter().any(|o| o == s))
            && tag.attr("defer") == Some("")
            && tag.text.is_empty();
        if !is_ours {
            found.push(format!(
                "{page}: <script> not ours: {} {}",
                tag.raw, tag.text
            ));
        }
    }
    let embedding = [
        "iframe", "object", "embed", "svg", "math", "style", "base", "frame", "applet", "video",
        "audio",
    ];
    let is_graph = |tag: &Tag| {
        page == "_graph.html"
            && tag.name == "svg"
            && tag
                .attr("class")
                .is_some_and(|c| c.split_whitespace().any(|c| c == "decision-graph"))
    };
    for tag in tags.iter().filter(|t| embedding.contains(&t.name.as_str())) {
        if !is_graph(tag) {
            found.push(format!("{page}: <{}>: {}", tag.name, tag.raw));
        }
    }
    // The text as written, too: such a tag may only appear as our graph.
    for element in embedding {
        let open = format!("<{element}");
        for (at, _) in lower.match_indices(&open) {
            let after = lower[at + open.len()..].chars().next();
            let graph = page == "_graph.html"
                && element == "svg"
                && html[at..].starts_with(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"decision-graph\"",
                );
            if !graph && after.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/') {
                found.push(format!(
                    "{page}: {open}: {}",
                    html[at..].chars().take(80).collect::<String>()
                ));
            }
        }
    }
    if page == "_graph.html" && tags.iter().filter(|t| t.name == "svg").count() != 1 {
        found.push(format!("{page}: more than our one <svg>"));
    }
    for tag in &tags {
        for (name, value) in &tag.attrs {
            if name.starts_with("on") && !(allow_search_form && is_template_search_form(tag)) {
                found.push(format!("{page}: event handler `{name}` in {}", tag.raw));
            }
            let squeezed: String = value
                .chars()
                .filter(|c| *c > ' ')
                .collect::<String>()
                .to_ascii_lowercase();
            if squeezed.contains("javascript:") || squeezed.contains("vbscript:") {
                found.push(format!("{page}: script URL in {}", tag.raw));
            }
            if URL_ATTRIBUTES.contains(&name.as_str()) && squeezed.starts_with("data:") {
                found.push(format!("{page}: data: URL in {}", tag.raw));
            }
            if name == "style" || name == "srcdoc" || name == "formaction" {
                let alignment =
                    matches!(tag.name.as_str(), "td" | "th") && value.starts_with("text-align:");
                if !alignment {
                    found.push(format!("{page}: `{name}` attribute in {}", tag.raw));
                }
            }
        }
        let ours = match tag.name.as_str() {
            "form" => is_template_search_form(tag),
            "meta" => tag.attr("http-equiv").is_none(),
            "link" => tag.attr("href").is_some_and(|h| {
                resolve(page, h).is_ok_and(|p| p.is_some()) || h.starts_with("https:")
            }),
            _ => true,
        };
        if !ours {
            found.push(format!("{page}: foreign <{}>: {}", tag.name, tag.raw));
        }
    }
    found
}

/// The checkers themselves: they flag what they look for and pass what is
/// harmless, so that a clean site is not a vacuous pass.
fn the_checkers_catch_what_they_look_for() {
    for html in [
        "<p><script>alert(1)</script></p>",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x OnError=alert(1)>",
        "<img/onerror=alert(1)/src=x>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&#x3A;alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=' JaVaScRiPt:alert(1)'>x</a>",
        "<iframe src=x></iframe>",
        "<svg onload=alert(1)>",
        "<div style=\"background:url(x)\">x</div>",
        "<a href=\"data:text/html,x\">x</a>",
        "<script src=\"_assets/site.js\" defer></script><script>alert(1)</script>",
        "<script src=\"https://evil.example/_assets/site.js\" defer></script>",
    ] {
        assert!(
            !executable_constructs("0001-x.html", html, true).is_empty(),
            "not caught: {html}"
        );
    }
    let harmless = "<script src=\"../_assets/site.js\" defer></script>\
                    <p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=x javascript: &lt;svg&gt;</p>\
                    <a href=\"0002-y.html\" title=\"on top\">y</a>";
    assert_eq!(
        executable_constructs("sub/0001-x.html", harmless, true),
        Vec::<String>::new()
    );

    let mut files = Tree::new();
    files.insert(
        "a/b.html".into(),
        b"<a href=\"../c%20d.html#x\">ok</a><img src=\"e.png\"><a href=\"https://x\">x</a><a href=\"#top\">t</a>"
            .to_vec(),
    );
    files.insert("c d.html".into(), Vec::new());
    assert_eq!(
        broken_links(&files),
        ["a/b.html: <img src=\"e.png\"> → no file a/e.png"]
    );
    assert!(resolve("index.html", "/abs.html").is_err());
    assert!(resolve("index.html", "../up.html").is_err());
    assert_eq!(
        resolve("x/i.html", "0009-use-%23-and-%2B-in-%C3%A5.html?q=1#f"),
        Ok(Some("x/0009-use-#-and-+-in-å.html".to_string()))
    );
    assert_eq!(
        resolve("index.html", "0009-use-#-and-+-in-å.html"),
        Ok(Some("0009-use-".to_string())),
        "an unencoded `#` starts the fragment"
    );

    assert!(
        parse_xml("<?xml version=\"1.0\"?>\n<a><b k='v'>x &amp; y &#233;</b><c/></a>\n").is_ok()
    );
    for xml in [
        "<?xml version=\"1.0\"?><a><b></a>",
        "<?xml version=\"1.0\"?><a>x & y</a>",
        "<?xml version=\"1.0\"?><a x=1/>",
        "<?xml version=\"1.0\"?><a/><b/>",
        "<?xml version=\"1.0\"?><a>&nbsp;</a>",
        "<?xml version=\"1.0\"?><a x='1' x='2'/>",
        "<a/>",
    ] {
        assert!(parse_xml(xml).is_err(), "accepted: {xml}");
    }
}

fn no_executable_construct_reaches_any_page() {
    let sandbox = xss_fixture();
    let run = export(
        &sandbox,
        "site",
        &["--title", "Site <script>alert('site')</script> \"q\" 'a'"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = support::site_tree(&sandbox.root().join("site"));
    let pages = html_pages(&files);
    assert!(
        pages.len() >= 4 + 4,
        "record pages and site pages: {:?}",
        files.keys()
    );
    let mut found = Vec::new();
    for (page, html) in &pages {
        found.extend(executable_constructs(page, html, true));
    }
    assert!(
        found.is_empty(),
        "{} executable constructs:\n{}",
        found.len(),
        found.join("\n")
    );
    // The search index is data, not code: exactly one JSON assignment.
    let docs = search_index(&files);
    assert_eq!(docs.len(), 4);
    // The feed stays well-formed with all this in titles.
    let xml = String::from_utf8_lossy(&files["feed.xml"]).into_owned();
    let feed = parse_xml(&xml).unwrap_or_else(|why| panic!("feed.xml: {why}\n{xml}"));
    // … and holds only Atom elements: nothing was injected into it.
    let mut elements = vec![&feed];
    while let Some(element) = elements.pop() {
        assert!(
            [
                "feed",
                "title",
                "id",
                "link",
                "updated",
                "generator",
                "entry",
                "author",
                "name",
                "summary"
            ]
            .contains(&element.name.as_str()),
            "<{}> in feed.xml",
            element.name
        );
        elements.extend(&element.children);
    }
    // The hostile file name is a page of its own, linked from the index.
    let page = HOSTILE_NAME.replace(".md", ".html");
    assert!(files.contains_key(&page), "no page {page}");
    let index = String::from_utf8_lossy(&files["index.html"]).into_owned();
    assert!(
        start_tags(&index)
            .iter()
            .filter_map(|t| t.attr("href"))
            .any(|h| resolve("index.html", h).ok().flatten() == Some(page.clone())),
        "index.html links to {page}"
    );
}

fn prose_that_looks_like_html_is_shown_escaped() {
    let sandbox = xss_fixture();
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = sandbox.read("site/0001-attacks.html");
    assert!(
        html.contains("RejectMessage&lt;TRequest&gt;")
            || html.contains("RejectMessage&lt;TRequest>"),
        "generic type shown escaped"
    );
    assert!(
        html.contains("&lt;AdrTable rows={x} /&gt;") || html.contains("&lt;AdrTable rows={x} />"),
        "JSX shown escaped"
    );
    let text = text_of(&html);
    assert!(
        text.contains(
            "Use RejectMessage<TRequest> for rejects and render <AdrTable rows={x} /> in the docs."
        ),
        "the sentence reads as written: {text}"
    );
    // The attacks are shown as text, not lost.
    assert!(text.contains("<script>alert(1)</script>"), "{text}");
    // Titles with markup are shown as written, escaped.
    let title_page = sandbox.read("site/0003-hostile-title.html");
    assert!(
        title_page.contains("Title &lt;script&gt;alert(")
            || title_page.contains("Title &lt;script>alert("),
        "title escaped"
    );
}

/// The site's own templates must not carry inline event handlers either:
/// they break under a `script-src 'self'` Content-Security-Policy and are
/// exactly what the XSS check forbids. (`site.js` can cancel the search
/// form's submit.)
fn pages_have_no_inline_event_handlers() {
    let e = Exported::new(&[]);
    let mut found: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (page, html) in html_pages(&e.files) {
        for tag in start_tags(&html) {
            for (name, value) in &tag.attrs {
                if name.starts_with("on") {
                    found
                        .entry(format!("<{} {name}=\"{value}\">", tag.name))
                        .or_default()
                        .push(page);
                }
            }
        }
    }
    let report: Vec<String> = found
        .iter()
        .map(|(handler, pages)| {
            format!(
                "{handler} on {} of {} pages (e.g. {})",
                pages.len(),
                html_pages(&e.files).len(),
                pages[0]
            )
        })
        .collect();
    assert!(
        report.is_empty(),
        "inline event handlers:\n{}",
        report.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The real corpus.
// ---------------------------------------------------------------------------

/// The ADR folders of the corpus (as in `corpus.rs`).
const CORPUS_FOLDERS: &[(&str, &str)] = &[
    ("npryce__adr-tools", "doc/adr"),
    ("thomvaill__log4brains", "docs/adr"),
    ("thomvaill__log4brains", "packages/core/docs/adr"),
    ("thomvaill__log4brains", "packages/web/docs/adr"),
    (
        "thomvaill__log4brains",
        "packages/core/integration-tests/ro-project/docs/adr",
    ),
    (
        "thomvaill__log4brains",
        "packages/core/integration-tests/ro-project/packages/package1/adr",
    ),
    (
        "thomvaill__log4brains",
        "packages/core/integration-tests/ro-project/packages/package2/adr",
    ),
    ("adr__madr", "docs/decisions"),
    ("arachne-framework__architecture", ""),
    ("JabRef__jabref", "docs/decisions"),
    (
        "ministryofjustice__cloud-platform",
        "architecture-decision-record",
    ),
    ("alphagov__govuk-aws", "docs/architecture/decisions"),
    (
        "nationalarchives__tdr-dev-documentation",
        "architecture-decision-records",
    ),
    ("cometbft__cometbft", "docs/references/architecture"),
    ("eclipse-edc__Connector", "docs/developer/decision-records"),
    ("alphagov__forms", "ADR"),
    ("alphagov__forms", "decision-record"),
    ("zooniverse__front-end-monorepo", "docs/arch"),
    ("wikimedia__mediawiki-extensions-Wikibase", "docs/adr"),
    (
        "wikimedia__mediawiki-extensions-Wikibase",
        "repo/domains/crud/docs/adr",
    ),
    (
        "wikimedia__mediawiki-extensions-Wikibase",
        "repo/domains/reuse/docs/adr",
    ),
    ("BrighterCommand__Brighter", "docs/adr"),
    (
        "vmware-tanzu__secrets-manager",
        "docs/content/documentation/architecture/adrs",
    ),
    ("svv-kos__driftsportal", "docs/adr"),
    ("MTES-MCT__zero-logement-vacant", "docs/decisions"),
    (
        "guardian__dotcom-rendering",
        "dotcom-rendering/docs/architecture",
    ),
    ("nhs-england-tools__repository-template", "docs/adr"),
    ("neicnordic__sensitive-data-archive", "docs/decisions"),
];

fn corpus() -> PathBuf {
    support::corpus()
}

fn corpus_exports_with_a_page_per_record_and_resolving_links() {
    let corpus = corpus();
    let before = fingerprint(&corpus);
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    let mut table = Vec::new();
    for (n, (repo, dir)) in CORPUS_FOLDERS.iter().enumerate() {
        let folder = if dir.is_empty() {
            corpus.join(repo)
        } else {
            corpus.join(repo).join(dir)
        };
        let folder_arg = folder.display().to_string();
        let name = format!("{repo}/{}", if dir.is_empty() { "." } else { dir });
        let out = sandbox.root().join(format!("site-{n:02}"));
        let out_arg = out.display().to_string();
        let run = sandbox.adr(&["--dir", &folder_arg, "export", "html", "--out", &out_arg]);
        let (items, list) = listed(&sandbox, Some(&folder_arg));
        if run.stderr.contains("panicked") || !(run.code == 0 || run.code == 1) {
            failures.push(format!("{name}: exit {}: {}", run.code, run.stderr));
            continue;
        }
        if run.code != list.code {
            failures.push(format!(
                "{name}: export exit {} but `adr list` exit {} (1 only when a record has read errors)",
                run.code, list.code
            ));
        }
        let files = support::site_tree(&out);
        let mut missing = 0;
        for item in &items {
            let path = item["path"].as_str().unwrap_or_default();
            let page = page_of(path, &folder_arg);
            if !files.contains_key(&page) {
                missing += 1;
                failures.push(format!("{name}: no page {page} for {path}"));
            }
        }
        let broken = broken_links(&files);
        for b in &broken {
            failures.push(format!("{name}: {b}"));
        }
        let warned = warnings(&run).len();
        let pages = items.len() - missing;
        table.push(format!(
            "{name:<75} exit {}  records {:>3}  pages {:>3}  files {:>4}  warnings {:>3}  broken links {:>3}",
            run.code,
            items.len(),
            pages,
            files.len(),
            warned,
            broken.len()
        ));
    }
    eprintln!("corpus export:");
    for line in &table {
        eprintln!("  {line}");
    }
    if fingerprint(&corpus) != before {
        failures.push("the corpus changed during the export".into());
    }
    assert!(
        failures.is_empty(),
        "{} corpus export failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `.adr.toml`'s site settings and `<adr-dir>/templates/site/` overrides.
fn site_settings_and_template_overrides() {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.write(
        "doc/adr/0002-draw-it.md",
        "# 2. Draw it\n\n## Status\n\nAccepted\n\n```mermaid\ngraph TD; A-->B;\n```\n",
    );
    sandbox.write(
        "vendor/mermaid.js",
        "window.mermaid = { initialize() {}, run() {} };\n",
    );
    sandbox.write("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    sandbox.write(
        ".adr.toml",
        "[site]\ntitle = \"Decisions of X\"\naccent = \"#0b7285\"\nlogo = \"logo.svg\"\nmermaid = \"vendor/mermaid.js\"\n",
    );
    sandbox.write("doc/adr/templates/site/style.css", "/* our own */\n");
    sandbox.adr(&["export", "html", "--out", "site"]).ok();
    // Attribute values may spell `/` as `&#x2f;`; browsers read both alike.
    let read = |path: &str| sandbox.read(path).replace("&#x2f;", "/");
    let index = read("site/index.html");
    assert!(index.contains("<title>Decisions of X</title>"), "{index}");
    assert!(index.contains("--accent: #0b7285"), "{index}");
    assert!(index.contains("src=\"_assets/logo.svg\""), "{index}");
    assert!(
        !index.contains("mermaid"),
        "no Mermaid script where there is no diagram"
    );
    let page = read("site/0002-draw-it.html");
    assert!(
        page.contains("class=\"mermaid\">graph TD; A--&gt;B;"),
        "{page}"
    );
    assert!(page.contains("src=\"_assets/mermaid.js\""), "{page}");
    assert_eq!(
        sandbox.read("site/_assets/mermaid.js"),
        sandbox.read("vendor/mermaid.js")
    );
    assert_eq!(sandbox.read("site/_assets/style.css"), "/* our own */\n");
    // Without a script, the diagram stays readable code.
    sandbox.write(
        ".adr.toml",
        "[site]\naccent = \"red;} body{display:none\"\n",
    );
    sandbox.adr(&["export", "html", "--out", "site"]).ok();
    let page = sandbox.read("site/0002-draw-it.html");
    assert!(page.contains("class=\"language-mermaid\""), "{page}");
    assert!(
        !sandbox.read("site/index.html").contains("display:none"),
        "a hostile accent is dropped"
    );
}

// ---------------------------------------------------------------------------
// What readers see: no builder paths, forge links, no repeated metadata,
// titles, contents, anchors, graph, search, feed, head, tags, navigation.
// ---------------------------------------------------------------------------

/// The fixture's ADR folder copied under `<sandbox>/<folder>/doc/adr`.
fn copy_log(from: &Sandbox, to: &Sandbox, folder: &str) -> PathBuf {
    let root = to.root().join(folder);
    for (path, bytes) in support::site_tree(&from.root().join(DIR)) {
        to.write_bytes(&format!("{folder}/{DIR}/{path}"), &bytes);
    }
    root.join(DIR)
}

fn absolute_dirs_publish_no_builder_path_and_give_identical_sites() {
    let fixture = fixture();
    let sandbox = Sandbox::new();
    let mut trees = Vec::new();
    for folder in ["zq-first", "zq-a-much-longer-second-folder"] {
        let dir = copy_log(&fixture, &sandbox, folder);
        let out = sandbox.root().join(format!("site-{folder}"));
        let run = sandbox.adr(&[
            "--dir",
            &dir.display().to_string(),
            "export",
            "html",
            "--out",
            &out.display().to_string(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let files = support::site_tree(&out);
        let root = sandbox.root().display().to_string();
        let root_canonical = sandbox
            .root()
            .canonicalize()
            .expect("c")
            .display()
            .to_string();
        for (page, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(
                !text.contains(&root) && !text.contains(&root_canonical) && !text.contains(folder),
                "{page} shows the builder's path"
            );
        }
        let page = String::from_utf8_lossy(&files["0003-use-mysql.html"]).into_owned();
        let source = select(&page, "dl.meta dd code");
        assert_eq!(
            source.last().map(|t| t.text.as_str()),
            Some("doc/adr/0003-use-mysql.md"),
            "the source path is relative to the project root"
        );
        trees.push(files);
    }
    assert!(
        trees[0] == trees[1],
        "the same log built from two folders differs"
    );
}

fn pages_link_to_the_forge_from_the_origin_remote_or_the_config() {
    let sandbox = fixture();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(sandbox.root())
            .env("HOME", sandbox.root().join(".home"))
            .output()
            .expect("git");
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q", "-b", "trunk"]);
    git(&["remote", "add", "origin", "git@github.com:owner/repo.git"]);
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = sandbox
        .read("site/0003-use-mysql.html")
        .replace("&#x2f;", "/");
    let hrefs: Vec<String> = select(&page, "a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    assert!(
        hrefs.contains(
            &"https://github.com/owner/repo/edit/trunk/doc/adr/0003-use-mysql.md".to_string()
        ),
        "edit link: {hrefs:?}"
    );
    assert!(hrefs.contains(
        &"https://github.com/owner/repo/blob/trunk/doc/adr/0003-use-mysql.md".to_string()
    ));
    assert!(
        select(&page, "a")
            .iter()
            .any(|a| a.text == "Edit this page"),
        "an edit link says so"
    );
    sandbox.write(
        ".adr.toml",
        "[site]\nrepo_url = \"https://gitlab.com/group/sub/repo.git\"\nbranch = \"release\"\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = sandbox
        .read("site/0003-use-mysql.html")
        .replace("&#x2f;", "/");
    assert!(
        page.contains("https://gitlab.com/group/sub/repo/-/edit/release/doc/adr/0003-use-mysql.md"),
        "GitLab edit link"
    );
}

fn record_bodies_do_not_repeat_what_the_header_shows() {
    let sandbox = fixture();
    sandbox.write(
        &format!("{DIR}/0010-madr-two.md"),
        "# Use bullets\n\n* Status: accepted\n* Deciders: Ada, Bo\n* Date: 2021-02-03\n* Technical Story: issue 12\n\n## Context and Problem Statement\n\nWhy.\n",
    );
    sandbox.write(
        &format!("{DIR}/0011-status-notes.md"),
        "# 11. Keep notes\n\nDate: 2021-05-05\n\n## Status\n\nAccepted\n\nWe revisit this every spring.\n\n## Context\n\nNotes.\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let body_text = |page: &str| {
        select(&sandbox.read(&format!("site/{page}")), ".body")
            .first()
            .map(|b| b.text.clone())
            .unwrap_or_default()
    };
    let superseded = body_text("0002-use-postgresql.html");
    for repeated in ["Date:", "Status", "Superseded by"] {
        assert!(
            !superseded.contains(repeated),
            "`{repeated}` repeated in the body: {superseded}"
        );
    }
    let header = select(
        &sandbox.read("site/0002-use-postgresql.html"),
        ".record-header",
    )[0]
    .text
    .clone();
    assert!(
        header.contains("superseded") && header.contains("Superseded by"),
        "{header}"
    );
    let madr = body_text("0010-madr-two.html");
    assert!(
        !madr.contains("Deciders") && !madr.contains("Status:"),
        "{madr}"
    );
    assert!(
        madr.contains("Technical Story: issue 12"),
        "other bullets stay: {madr}"
    );
    let notes = body_text("0011-status-notes.html");
    assert!(notes.contains("We revisit this every spring."), "{notes}");
    assert!(
        !notes.contains("Accepted") && !notes.contains("Date:"),
        "{notes}"
    );
}

fn titles_render_inline_markdown_and_long_records_get_contents_and_anchors() {
    let sandbox = fixture();
    let sections: String = [
        "Context",
        "Decision",
        "Options",
        "Consequences",
        "Risks",
        "Notes",
    ]
    .iter()
    .map(|s| format!("## {s}\n\nText of {s}. See [below](#notes).\n\n"))
    .collect();
    sandbox.write(
        &format!("{DIR}/0010-use-serde.md"),
        &format!("# 10. Use `serde` for *speed*\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n{sections}"),
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = sandbox.read("site/0010-use-serde.html");
    let h1 = &select(&page, "h1")[0];
    assert_eq!(h1.text, "10. Use serde for speed");
    assert!(!select(&page, "h1 code").is_empty() && !select(&page, "h1 em").is_empty());
    assert_eq!(
        select(&page, "title")[0].text,
        "10. Use serde for speed · Architecture Decision Records"
    );
    let index = sandbox.read("site/index.html");
    assert!(
        !select(&index, ".records td code").is_empty(),
        "the index renders it too"
    );
    for (_, page) in html_pages(&support::site_tree(&sandbox.root().join("site"))) {
        for heading in select(&page, "h1, h2, .records td a, .relations a, .pager a") {
            assert!(
                !heading.text.contains('`'),
                "raw backticks: {}",
                heading.text
            );
        }
    }
    let toc: Vec<String> = select_within(&page, "nav.toc", "a")
        .iter()
        .filter_map(|a| a.attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        toc,
        [
            "#context",
            "#decision",
            "#options",
            "#consequences",
            "#risks",
            "#notes"
        ]
    );
    let ids: BTreeSet<String> = start_tags(&page)
        .iter()
        .filter_map(|t| t.attr("id").map(str::to_string))
        .collect();
    for href in &toc {
        assert!(ids.contains(&href[1..]), "no id for {href}: {ids:?}");
    }
    assert!(
        select(&page, "h2#context a.anchor")
            .first()
            .and_then(|a| a.attr("href").map(str::to_string))
            == Some("#context".into()),
        "a visible anchor on each heading"
    );
    assert!(
        select(&page, ".body a")
            .iter()
            .any(|a| a.attr("href") == Some("#notes")),
        "in-page links keep GitHub's fragments"
    );
    // A short record has no table of contents.
    assert!(select(&sandbox.read("site/0003-use-mysql.html"), "nav.toc").is_empty());
}

fn graph_page_folds_loners_colours_by_status_and_describes_itself() {
    let e = Exported::new(&[]);
    let page = e.page("_graph.html");
    assert!(
        select(&page, "[role=img] a, [role=img] [href]").is_empty(),
        "no links inside role=img"
    );
    let nodes = select(&page, "svg.decision-graph a.node");
    assert_eq!(nodes.len(), 4, "only related records are drawn");
    assert!(
        nodes
            .iter()
            .all(|n| n.attr("class").is_some_and(|c| c.contains(" st-"))),
        "nodes carry their status"
    );
    assert!(
        !select(&page, ".legend .swatch.status-superseded").is_empty(),
        "a legend"
    );
    assert_eq!(
        select(&page, ".graph-loners li").len(),
        FIXTURE_PAGES.len() - 4
    );
    let words = select(&page, ".graph-text")[0].text.clone();
    assert!(
        words.contains("Supersedes 2. Use PostgreSQL") && words.contains("Amends 1."),
        "{words}"
    );
    let svg = select(&page, "svg.decision-graph")[0].clone();
    assert!(
        select(&page, "svg.decision-graph .edge-label").is_empty(),
        "no overlapping edge labels"
    );
    assert!(
        svg.attr("viewbox").or(svg.attr("viewBox")).is_some(),
        "it scales (print, zoom)"
    );
    // The SVG is well-formed XML on its own.
    let start = page.find("<svg").expect("svg");
    let end = page.find("</svg>").expect("end of svg") + "</svg>".len();
    let xml = format!("<?xml version=\"1.0\"?>\n{}", &page[start..end]);
    parse_xml(&xml).unwrap_or_else(|why| panic!("the graph SVG: {why}"));
}

fn search_is_loaded_lazily_and_says_so_without_javascript() {
    let e = Exported::new(&[]);
    for (page, html) in html_pages(&e.files) {
        assert!(
            !html.contains("search-index.js"),
            "{page} loads the search index"
        );
        // In <noscript>: shown only without the script, so the script
        // hides nothing once the page is shown (no layout shift).
        assert!(
            html.contains("<noscript><p id=\"search-note\">Search needs JavaScript.</p></noscript>"),
            "{page}: without JavaScript a visible note says search needs it"
        );
    }
    let docs = search_index(&e.files);
    let vault = docs
        .iter()
        .find(|d| d["t"] == "Read connection strings from the vault")
        .expect("the MADR record");
    let body = vault["x"].as_str().unwrap_or_default();
    assert!(
        body.lines().any(|l| l == "Context and Problem Statement"),
        "blocks are separated, headings on their own line: {body:?}"
    );
    assert_eq!(vault["s"], "accepted", "results can show the status");
}

fn undated_log_gets_a_feed_with_every_record_and_no_1970() {
    let sandbox = Sandbox::new();
    for n in 1..=3 {
        sandbox.write(
            &format!("{DIR}/000{n}-undated-{n}.md"),
            &format!("# {n}. Undated {n}\n\nNo date here.\n"),
        );
    }
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xml = sandbox.read("site/feed.xml");
    let feed = parse_xml(&xml).unwrap_or_else(|why| panic!("feed.xml: {why}"));
    assert_eq!(feed.all("entry").len(), 3, "{xml}");
    assert!(!xml.contains("1970"), "{xml}");
    for entry in feed.all("entry") {
        let updated = &entry.child("updated").expect("updated").text;
        assert!(is_rfc3339(updated), "{updated}");
        assert!(
            entry
                .child("author")
                .is_some_and(|a| a.child("name").is_some_and(|n| n.text != "unknown"))
        );
    }
}

fn pages_have_a_description_open_graph_favicon_and_navigation_aids() {
    let e = Exported::new(&[]);
    assert!(e.files.contains_key("_assets/favicon.svg"));
    for (page, html) in html_pages(&e.files) {
        let meta = |name: &str| {
            select(
                &html,
                &format!("meta[name=\"{name}\"], meta[property=\"{name}\"]"),
            )
            .first()
            .and_then(|m| m.attr("content").map(str::to_string))
            .unwrap_or_default()
        };
        assert!(meta("description").len() > 10, "{page}: no description");
        assert!(
            !meta("og:title").is_empty() && !meta("og:type").is_empty(),
            "{page}: no Open Graph"
        );
        assert!(
            !select(&html, "link[rel=icon]").is_empty(),
            "{page}: no favicon"
        );
        let skip = select(&html, "a.skip-link");
        assert!(
            skip.first().and_then(|s| s.attr("href")) == Some("#main"),
            "{page}: no skip link"
        );
        assert_eq!(
            select(&html, "main#main").len(),
            1,
            "{page}: the skip link's target"
        );
        for pre in select(&html, "pre") {
            assert_eq!(
                pre.attr("tabindex"),
                Some("0"),
                "{page}: a <pre> keyboard users cannot scroll"
            );
        }
    }
    let current = |page: &str| {
        select(&e.page(page), "nav[aria-label=Site] a[aria-current=page]")
            .iter()
            .map(|a| a.text.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(current("index.html"), ["Decisions"]);
    assert_eq!(current("_graph.html"), ["Graph"]);
    assert_eq!(current("_timeline.html"), ["Timeline"]);
    assert_eq!(current("_tags/database.html"), ["Tags"]);
    let description = select(
        &e.page("0006-read-connection-strings-from-the-vault.html"),
        "meta[name=description]",
    )[0]
    .attr("content")
    .unwrap_or_default()
    .to_string();
    assert!(
        description.contains("kumquat"),
        "a record's description is its text: {description}"
    );
}

fn tags_have_an_index_and_a_log_without_tags_shows_none() {
    let e = Exported::new(&[]);
    let tags = e.page("_tags/index.html");
    let listed: Vec<String> = select(&tags, ".tag-cloud a")
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(listed, ["database", "ops team"]);
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.adr(&["new", "No tags here"]).ok();
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = sandbox.read("site/index.html");
    assert!(!index.contains("filter-tag"), "no tag filter");
    let headers: Vec<String> = select(&index, "#records th")
        .iter()
        .map(|t| t.text.clone())
        .collect();
    assert_eq!(
        headers,
        ["#", "Title", "Status", "Date"],
        "no empty Tags column"
    );
    assert!(!sandbox.exists("site/_tags"), "no tag pages");
    assert!(!index.contains("_tags/"), "no Tags link");
}

// ---------------------------------------------------------------------------
// Files the records link to, inside the project only; the introduction.
// ---------------------------------------------------------------------------

#[cfg(unix)]
fn only_files_inside_the_project_are_read() {
    use std::os::unix::fs::symlink;
    let outer = Sandbox::new();
    outer.write("secret.txt", "TOP SECRET\n");
    outer.write("project/.adr.toml", "[site]\nlogo = \"../secret.txt\"\n");
    outer.write("project/doc/assets/shared.png", "PNGDATA");
    outer.write(
        "project/doc/adr/0001-links.md",
        "# 1. Links\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n\
         ![inside](../assets/shared.png) ![up](../../../secret.txt) ![via link](leak.png)\n\n\
         [dotdot](sub/../../../../secret.txt)\n",
    );
    symlink(
        outer.root().join("secret.txt"),
        outer.root().join("project/doc/adr/leak.png"),
    )
    .expect("symlink");
    symlink(
        outer.root().join("secret.txt"),
        outer.root().join("project/doc/adr/0002-outside.md"),
    )
    .expect("symlink");
    let mut sandbox = outer;
    sandbox.cd("project");
    let run = sandbox.adr(&["export", "html", "--out", "site"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let files = support::site_tree(&sandbox.root().join("project/site"));
    for (path, bytes) in &files {
        assert!(
            !String::from_utf8_lossy(bytes).contains("TOP SECRET"),
            "{path} carries a file from outside the project"
        );
    }
    assert_eq!(
        files.get("_files/doc/assets/shared.png").map(Vec::as_slice),
        Some(&b"PNGDATA"[..]),
        "a file inside the project, outside the log, is copied under _files/: {:?}",
        files.keys().collect::<Vec<_>>()
    );
    assert!(
        !files.contains_key("0002-outside.html"),
        "a record that leads outside is not read"
    );
    assert!(
        run.stderr.contains("0002-outside.md") && run.stderr.contains("outside the project"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("logo"),
        "the logo outside is reported: {}",
        run.stderr
    );
    assert!(run.stderr.contains("leak.png"), "{}", run.stderr);
}

fn the_logs_index_md_is_the_home_pages_introduction() {
    let sandbox = fixture();
    sandbox.write(
        &format!("{DIR}/index.md"),
        "# About these decisions\n\nWe record **why**, see [the first](0001-record-architecture-decisions.md).\n\n![d](2023-01-01-thing/diagram.png)\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = sandbox.read("site/index.html");
    let intro = &select(&index, ".intro")[0];
    assert!(intro.text.contains("We record why"), "{}", intro.text);
    assert!(!select(&index, ".intro strong").is_empty());
    let files = support::site_tree(&sandbox.root().join("site"));
    assert!(
        broken_links(&files).is_empty(),
        "{:?}",
        broken_links(&files)
    );
    assert!(
        select(&index, ".intro a")
            .iter()
            .any(|a| a.attr("href") == Some("0001-record-architecture-decisions.html")),
        "its links lead to pages"
    );
}

// ---------------------------------------------------------------------------
// Incremental export.
// ---------------------------------------------------------------------------

/// Each file's modification time and inode, to see which were rewritten.
#[cfg(unix)]
fn stamps(dir: &Path) -> BTreeMap<String, (std::time::SystemTime, u64)> {
    use std::os::unix::fs::MetadataExt;
    support::site_tree(dir)
        .into_keys()
        .map(|p| {
            let meta = std::fs::metadata(dir.join(&p)).expect("stat");
            (p, (meta.modified().expect("mtime"), meta.ino()))
        })
        .collect()
}

#[cfg(unix)]
fn re_export_renders_only_what_changed_and_equals_a_full_export() {
    let e = Exported::new(&[]);
    let site = e.sandbox.root().join("site");
    let before = stamps(&site);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let record = e.sandbox.root().join(DIR).join("0003-use-mysql.md");
    let text = std::fs::read_to_string(&record).expect("read");
    std::fs::write(&record, format!("{text}\nA new paragraph about quinces.\n")).expect("edit");
    let run = export(&e.sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = stamps(&site);
    let rewritten: BTreeSet<&String> = after
        .iter()
        .filter(|(p, s)| before.get(*p) != Some(s))
        .map(|(p, _)| p)
        .collect();
    for (_, page) in FIXTURE_PAGES {
        if *page != "0003-use-mysql.html" {
            assert!(
                !rewritten.contains(&page.to_string()),
                "{page} was rewritten: {rewritten:?}"
            );
        }
    }
    assert!(
        rewritten.contains(&"0003-use-mysql.html".to_string()),
        "{rewritten:?}"
    );
    assert!(
        e.sandbox
            .read("site/0003-use-mysql.html")
            .contains("quinces")
    );
    // The whole site is what a full export into a fresh folder gives.
    let full = export(&e.sandbox, "fresh", &[]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    let incremental = support::site_tree(&site);
    let fresh = support::site_tree(&e.sandbox.root().join("fresh"));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &fresh {
        assert!(
            incremental.get(path) == Some(bytes),
            "{path} differs from a full export"
        );
    }
    // A removed record's page goes; a template change renders every page.
    std::fs::remove_file(e.sandbox.root().join(DIR).join("0008-links-elsewhere.md")).expect("rm");
    e.sandbox.write(
        &format!("{DIR}/templates/site/record.html"),
        &include_str!("../../assets/site/record.html")
            .replace("{% block content %}", "{% block content %}<!-- ours -->"),
    );
    let run = export(&e.sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!e.sandbox.exists("site/0008-links-elsewhere.html"));
    for (_, page) in FIXTURE_PAGES
        .iter()
        .filter(|(_, p)| *p != "0008-links-elsewhere.html")
    {
        assert!(
            e.sandbox
                .read(&format!("site/{page}"))
                .contains("<!-- ours -->"),
            "{page} not re-rendered"
        );
    }
}

/// Each kind of change another page shows (a title, a status, tags, a
/// relation): the site exported over the earlier one is what a full export
/// gives, so no page kept its earlier text when something it shows changed.
fn re_export_after_changes_shown_elsewhere_equals_a_full_export() {
    let e = Exported::new(&[]);
    let edit = |file: &str, from: &str, to: &str| {
        let path = e.sandbox.root().join(DIR).join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("edit");
    };
    let changes: [&dyn Fn(); 4] = [
        // Its neighbours' pager, the page superseding it, every listing.
        &|| edit("0002-use-postgresql.md", "Use PostgreSQL", "Use PostgreSQL 16"),
        // The banner of the record it superseded, its relations' badges.
        &|| edit("0004-use-postgres-again.md", "Accepted", "Deprecated"),
        // Tag pages and the index's filters.
        &|| edit("0006-read-connection-strings-from-the-vault.md", "tags: [", "tags: [quince, "),
        // A relation stated by one record shows on the other's page.
        &|| {
            let path = e.sandbox.root().join(DIR).join("0003-use-mysql.md");
            let text = std::fs::read_to_string(&path).expect("read");
            std::fs::write(
                &path,
                format!("{text}\nRelates to [1. Record architecture decisions](0001-record-architecture-decisions.md)\n"),
            )
            .expect("edit");
        },
    ];
    for (n, change) in changes.iter().enumerate() {
        change();
        let run = export(&e.sandbox, "site", &[]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let fresh = format!("fresh-{n}");
        let full = export(&e.sandbox, &fresh, &[]);
        assert_eq!(full.code, 0, "{}", full.stderr);
        let incremental = support::site_tree(&e.sandbox.root().join("site"));
        let whole = support::site_tree(&e.sandbox.root().join(&fresh));
        assert_eq!(
            incremental.keys().collect::<Vec<_>>(),
            whole.keys().collect::<Vec<_>>(),
            "change {n}"
        );
        for (path, bytes) in &whole {
            assert!(
                incremental.get(path) == Some(bytes),
                "change {n}: {path} differs from a full export"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// adr serve.
// ---------------------------------------------------------------------------

/// `adr serve --port 0` running in a sandbox, stopped with SIGTERM on drop.
pub(crate) struct Served {
    child: Option<std::process::Child>,
    pub url: String,
}

impl Served {
    pub fn start(sandbox: &Sandbox) -> Self {
        use std::io::BufRead;
        let mut child = sandbox
            .command(&["serve", "--port", "0"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start adr serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no URL in `{line}`"))
            .to_string();
        Self {
            child: Some(child),
            url,
        }
    }

    /// One request as written: the status code, headers and body.
    pub fn raw(&self, request: &str) -> (u16, String, Vec<u8>) {
        use std::io::{Read, Write};
        let address = self.url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = std::net::TcpStream::connect(address).expect("connect");
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .expect("timeout");
        stream.write_all(request.as_bytes()).expect("send");
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let at = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(response.len());
        let head = String::from_utf8_lossy(&response[..at]).into_owned();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (
            status,
            head,
            response.get(at + 4..).unwrap_or_default().to_vec(),
        )
    }

    pub fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        self.raw(&format!(
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        ))
    }

    /// Sends SIGTERM and waits; the exit status.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        let _ = std::process::Command::new("kill")
            .arg("-TERM")
            .arg(child.id().to_string())
            .status();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = child.kill();
        child.wait().ok().filter(|_| false)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve_answers_from_the_site_only_and_stops_on_sigterm() {
    let sandbox = fixture();
    sandbox.write("outside.txt", "SECRET OUTSIDE\n");
    let mut server = Served::start(&sandbox);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let (status, head, body) = server.get("/");
    assert_eq!(status, 200, "{head}");
    let index = String::from_utf8_lossy(&body).into_owned();
    assert!(
        index.contains("/_adr/reload.js"),
        "served pages reload themselves"
    );
    let (status, _, body) = server.get("/0009-use-%23-and-%2B-in-%C3%A5.html");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Zebrafish"));
    for path in [
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/%2E%2E%2Foutside.txt",
        "/sub/../../outside.txt",
        "/..%5coutside.txt",
        "//etc/passwd",
        "/no-such-page.html",
        "/doc/adr/0001-record-architecture-decisions.md",
    ] {
        let (status, head, body) = server.get(path);
        assert_eq!(status, 404, "{path}: {head}");
        assert!(!String::from_utf8_lossy(&body).contains("SECRET"), "{path}");
    }
    let (status, _, _) =
        server.raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 405);
    let (status, head, _) = server.get("/2023-01-01-thing");
    assert_eq!(status, 301, "a folder redirects to its slash: {head}");
    // Exported sites never carry the reload script.
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (page, html) in html_pages(&support::site_tree(&sandbox.root().join("site"))) {
        assert!(
            !html.contains("reload.js") && !html.contains("_adr/events"),
            "{page}"
        );
    }
    let status = server.stop().expect("adr serve ended after SIGTERM");
    assert!(status.success(), "exit {status:?}");
}

fn serve_rebuilds_when_a_record_changes() {
    let sandbox = fixture();
    let server = Served::start(&sandbox);
    let record = sandbox.root().join(DIR).join("0003-use-mysql.md");
    let text = std::fs::read_to_string(&record).expect("read");
    std::fs::write(&record, format!("{text}\nNow with persimmons.\n")).expect("edit");
    let started = std::time::Instant::now();
    loop {
        let (_, _, body) = server.get("/0003-use-mysql.html");
        if String::from_utf8_lossy(&body).contains("persimmons") {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "no rebuild"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    eprintln!("rebuilt and served {:?} after the edit", started.elapsed());
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(export_succeeds_and_writes_the_site_files),
        test!(every_record_has_its_page),
        test!(every_relative_link_in_every_page_resolves),
        test!(search_index_urls_lead_to_the_pages),
        test!(linked_image_is_copied_beside_its_page),
        test!(missing_link_is_kept_as_text_and_reported),
        test!(superseded_record_has_a_banner_linking_to_its_successor),
        test!(status_line_shows_no_markdown_source),
        test!(relations_appear_on_both_pages),
        test!(two_exports_are_byte_identical),
        test!(re_export_replaces_the_previous_site_whole),
        test!(feed_is_well_formed_atom_with_relative_links),
        test!(base_url_puts_absolute_links_in_the_feed),
        test!(refuses_a_non_empty_folder_that_is_not_a_site),
        test!(exporting_a_folder_without_records_fails),
        test!(raw_html_links_are_resolved_like_markdown_links),
        test!(fragment_links_land_on_an_anchor),
        test!(the_checkers_catch_what_they_look_for),
        test!(no_executable_construct_reaches_any_page),
        test!(prose_that_looks_like_html_is_shown_escaped),
        test!(pages_have_no_inline_event_handlers),
        test!(corpus_exports_with_a_page_per_record_and_resolving_links, needs: [Corpus]),
        test!(site_settings_and_template_overrides),
        test!(absolute_dirs_publish_no_builder_path_and_give_identical_sites),
        test!(pages_link_to_the_forge_from_the_origin_remote_or_the_config),
        test!(record_bodies_do_not_repeat_what_the_header_shows),
        test!(titles_render_inline_markdown_and_long_records_get_contents_and_anchors),
        test!(graph_page_folds_loners_colours_by_status_and_describes_itself),
        test!(search_is_loaded_lazily_and_says_so_without_javascript),
        test!(undated_log_gets_a_feed_with_every_record_and_no_1970),
        test!(pages_have_a_description_open_graph_favicon_and_navigation_aids),
        test!(tags_have_an_index_and_a_log_without_tags_shows_none),
        #[cfg(unix)]
        test!(only_files_inside_the_project_are_read),
        test!(the_logs_index_md_is_the_home_pages_introduction),
        #[cfg(unix)]
        test!(re_export_renders_only_what_changed_and_equals_a_full_export),
        test!(re_export_after_changes_shown_elsewhere_equals_a_full_export),
        test!(serve_answers_from_the_site_only_and_stops_on_sigterm),
        test!(serve_rebuilds_when_a_record_changes),
    ]
}
