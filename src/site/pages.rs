//! What each page shows, as the data its template renders.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::graph::{DecisionGraph, verb};
use crate::output::view::diagnostic;
use crate::record::{LinkSource, Record, Severity, StatusKind};

use super::sitemap::{SiteMap, url};
use super::svg::css_word;

/// Settings every page shares.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SiteView {
    pub title: String,
    pub accent: Option<String>,
    pub base_url: Option<String>,
    /// Set when `mermaid` code blocks are drawn.
    pub mermaid: bool,
    /// Where the logo and the Mermaid script are, from the site root.
    pub logo: Option<String>,
    pub mermaid_script: Option<String>,
    /// The forge repository pages link to, if known.
    pub repo_url: Option<String>,
    /// Whether any record has tags (else no Tags column, filter or page).
    pub has_tags: bool,
}

/// The layout's own variables, per page.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Frame<'a> {
    pub site: SiteFrame<'a>,
    pub root: String,
    pub page_title: String,
    pub canonical: Option<String>,
    pub has_mermaid: bool,
    /// The section of the site navigation this page belongs to.
    pub nav: &'static str,
    /// For `<meta name="description">` and Open Graph.
    pub description: String,
    /// `website` or `article`.
    pub og_type: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct SiteFrame<'a> {
    #[serde(flatten)]
    pub site: &'a SiteView,
    pub logo_url: Option<String>,
    pub mermaid_url: Option<String>,
}

impl SiteView {
    /// A page's frame, with its navigation section and description.
    pub(super) fn frame_in(
        &self,
        page: &str,
        page_title: &str,
        has_mermaid: bool,
        nav: &'static str,
        description: String,
    ) -> Frame<'_> {
        let external = |u: &str| u.contains("://") || u.starts_with("//");
        let local = |p: &Option<String>| {
            p.as_deref().map(|p| {
                if external(p) {
                    p.to_string()
                } else {
                    url(page, p)
                }
            })
        };
        Frame {
            site: SiteFrame {
                site: self,
                logo_url: local(&self.logo),
                mermaid_url: local(&self.mermaid_script),
            },
            root: super::sitemap::root_of(page),
            page_title: page_title.to_string(),
            canonical: self.base_url.as_deref().map(|b| {
                format!(
                    "{}/{}",
                    b.trim_end_matches('/'),
                    super::sitemap::encode_path(page)
                )
            }),
            has_mermaid,
            og_type: if nav.is_empty() { "article" } else { "website" },
            description: if description.is_empty() {
                format!("Architecture decision records: {}", self.title)
            } else {
                description
            },
            nav,
        }
    }
}

/// At most `limit` characters of `text` on one line, cut at a word.
pub(super) fn description(text: &str, limit: usize) -> String {
    // The words joined by single spaces, only as far as the limit: a
    // record's whole text is never flattened for 160 characters of it.
    let mut flat = String::with_capacity(limit.min(text.len()) + 8);
    let mut chars = 0;
    let mut longer = false;
    for word in text.split_whitespace() {
        if chars > limit {
            longer = true;
            break;
        }
        if !flat.is_empty() {
            flat.push(' ');
            chars += 1;
        }
        flat.push_str(word);
        chars += word.chars().count();
    }
    if !longer && chars <= limit {
        return flat;
    }
    let cut = match flat.char_indices().nth(limit) {
        Some((at, _)) => &flat[..at],
        None => &flat[..],
    };
    let at = cut.rfind(' ').unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.']))
}

/// A record as listed on the index, timeline and tag pages.
#[derive(Debug, Clone, Serialize)]
pub(super) struct RecordRow {
    pub url: String,
    pub number: String,
    pub title: String,
    /// The title's inline Markdown as HTML.
    pub title_html: String,
    pub status: String,
    pub status_class: String,
    pub date: String,
    pub tags: Vec<TagLink>,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct TagLink {
    pub name: String,
    pub url: String,
}

/// The status word shown on a badge.
pub(super) fn status_word(record: &Record) -> String {
    record
        .status
        .as_ref()
        .map_or_else(|| "none".to_string(), |s| s.kind.to_string())
}

/// Site paths of the tag pages, by tag name.
pub(super) fn tag_pages(records: &[Record]) -> BTreeMap<String, String> {
    let mut pages = BTreeMap::new();
    // `_tags/index.html` lists the tags.
    let mut used: std::collections::BTreeSet<String> = ["index".to_string()].into();
    for tag in records.iter().flat_map(|r| &r.tags) {
        if pages.contains_key(tag) {
            continue;
        }
        let base = crate::record::slug::slugify(tag);
        let base = if base.is_empty() {
            "tag".to_string()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !used.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        pages.insert(tag.clone(), format!("_tags/{slug}.html"));
    }
    pages
}

pub(super) fn row(
    record: &Record,
    index: usize,
    from: &str,
    map: &SiteMap,
    tags: &BTreeMap<String, String>,
) -> RecordRow {
    let status = status_word(record);
    let title = crate::site::render::inline(&record.display_title());
    RecordRow {
        url: url(from, map.page(index)),
        number: record.number.map(|n| n.to_string()).unwrap_or_default(),
        title: title.plain,
        title_html: title.html,
        status_class: css_word(&status),
        status,
        date: record
            .date
            .map(crate::record::date::iso)
            .unwrap_or_default(),
        tags: record
            .tags
            .iter()
            .map(|t| TagLink {
                name: t.clone(),
                url: tags.get(t).map(|p| url(from, p)).unwrap_or_default(),
            })
            .collect(),
    }
}

/// One record's page.
#[derive(Debug, Serialize)]
pub(super) struct RecordPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub record: RecordDetails,
    pub banner: Option<Banner>,
    pub relations: Vec<RelationLink>,
    pub problems: Vec<String>,
    pub body: String,
    /// The table of contents, for long records.
    pub toc: Vec<TocEntry>,
    pub raw_text: Option<String>,
    pub front_matter: Option<String>,
    pub prev: Option<PageLink>,
    pub next: Option<PageLink>,
    /// The project's files citing this record.
    pub cited_by: Option<CitedBy>,
}

/// The "Cited by" section of a record page.
#[derive(Debug, Serialize)]
pub(super) struct CitedBy {
    pub citations: Vec<crate::site::cited::Citation>,
    /// Citations beyond those listed.
    pub more: usize,
    /// For a retired record: the records in force that replace it.
    pub retired: bool,
    pub in_force: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub(super) struct RecordDetails {
    pub heading: String,
    pub heading_html: String,
    pub status: String,
    pub status_class: String,
    pub status_text: Option<String>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub tags: Vec<TagLink>,
    pub deciders: Vec<String>,
    /// The file, relative to the project root (never the builder's path).
    pub source: String,
    pub source_url: Option<String>,
    pub edit_url: Option<String>,
    /// From git: who wrote it.
    pub authors: Vec<String>,
    /// From git: "proposed 2024-01-03 by Ada", "accepted 2024-02-10 by Bo".
    pub history: Vec<String>,
    pub updated: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct Banner {
    pub kind: String,
    pub text: String,
    pub successors: Vec<PageLink>,
}

#[derive(Debug, Serialize)]
pub(super) struct RelationLink {
    pub reads: String,
    pub url: String,
    pub title: String,
    pub title_html: String,
    pub status: String,
    pub status_class: String,
    /// Read from a sentence, not stated as a relation: shown as such.
    pub evidence: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(super) struct PageLink {
    pub url: String,
    pub title: String,
    pub title_html: String,
}

/// `3. Use X` for numbered records, the title otherwise, as plain text.
pub(super) fn label(record: &Record) -> String {
    label_inline(record).plain
}

/// The label with its inline Markdown.
pub(super) fn label_inline(record: &Record) -> crate::site::render::title::Inline {
    let title = crate::site::render::inline(&record.display_title());
    match record.number {
        Some(n) => crate::site::render::title::Inline {
            html: format!("{n}. {}", title.html),
            plain: format!("{n}. {}", title.plain),
        },
        None => title,
    }
}

/// A link to a record's page.
pub(super) fn page_link(record: &Record, url: String) -> PageLink {
    let label = label_inline(record);
    PageLink {
        url,
        title: label.plain,
        title_html: label.html,
    }
}

/// Where a record's file is, for its page: relative to the project root,
/// and on the forge when known.
#[derive(Debug, Clone, Default)]
pub struct SourceLinks {
    pub path: String,
    pub view: Option<String>,
    pub edit: Option<String>,
}

/// Everything on a record's page but its rendered body.
pub(super) fn details(
    graph: &DecisionGraph<'_>,
    index: usize,
    map: &SiteMap,
    tags: &BTreeMap<String, String>,
    history: Option<&crate::git::Metadata>,
    source: &SourceLinks,
) -> (
    RecordDetails,
    Option<Banner>,
    Vec<RelationLink>,
    Vec<String>,
) {
    let records = graph.records;
    let record = &records[index];
    let page = map.page(index);
    let link_to = |i: usize| page_link(&records[i], url(page, map.page(i)));
    let row = row(record, index, page, map, tags);
    let heading = match &record.heading {
        Some(h) => crate::site::render::inline(h),
        None => label_inline(record),
    };
    let details = RecordDetails {
        heading: heading.plain,
        heading_html: heading.html,
        status: row.status.clone(),
        status_class: row.status_class.clone(),
        status_text: record
            .status
            .as_ref()
            .map(|s| crate::site::render::plain_text(&s.text)),
        date: record.date.map(crate::record::date::iso),
        date_text: record.date_text.as_ref().map(|d| d.trim().to_string()),
        tags: row.tags,
        deciders: record.deciders.clone(),
        source: source.path.clone(),
        source_url: source.view.clone(),
        edit_url: source.edit.clone(),
        authors: history.map(|h| h.authors.clone()).unwrap_or_default(),
        history: history
            .map(|h| {
                h.status_history
                    .iter()
                    .map(|c| format!("{} {} by {}", c.status, c.when.date, c.when.author))
                    .collect()
            })
            .unwrap_or_default(),
        // "Last changed" says nothing the history line has not said when
        // the last change is the last status change.
        updated: history.and_then(|h| {
            let updated = h.updated.as_ref()?;
            let last_status = h.status_history.last().map(|c| &c.when);
            let said =
                last_status.is_some_and(|w| w.date == updated.date && w.author == updated.author);
            (!said).then(|| format!("{} by {}", updated.date, updated.author))
        }),
    };
    let successors: Vec<PageLink> = graph
        .in_force_successors(index)
        .into_iter()
        .map(link_to)
        .collect();
    let kind = record.status.as_ref().map(|s| s.kind.clone());
    let banner = if !successors.is_empty() || kind == Some(StatusKind::Superseded) {
        Some(Banner {
            kind: "superseded".into(),
            text: "This decision is superseded.".into(),
            successors,
        })
    } else {
        match kind {
            Some(StatusKind::Rejected) => Some(Banner {
                kind: "rejected".into(),
                text: "This decision was rejected.".into(),
                successors: Vec::new(),
            }),
            Some(StatusKind::Deprecated) => Some(Banner {
                kind: "deprecated".into(),
                text: "This decision is deprecated.".into(),
                successors: Vec::new(),
            }),
            _ => None,
        }
    };
    let relations = relations(graph, index, map, page);
    let problems = record
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error || p.line > 0)
        .map(|p| diagnostic(std::path::Path::new(&source.path), p))
        .collect();
    (details, banner, relations, problems)
}

/// The relations a record states, as read from `page`.
pub(super) fn outgoing(
    graph: &DecisionGraph<'_>,
    index: usize,
    map: &SiteMap,
    page: &str,
) -> Vec<RelationLink> {
    let mut all = relations(graph, index, map, page);
    all.truncate(graph.outgoing(index).len());
    all
}

/// A record's relations both ways, as read from `page`.
pub(super) fn relations(
    graph: &DecisionGraph<'_>,
    index: usize,
    map: &SiteMap,
    page: &str,
) -> Vec<RelationLink> {
    let records = graph.records;
    let relation = |reads: String, other: usize, source: LinkSource| {
        let status = status_word(&records[other]);
        let title = label_inline(&records[other]);
        RelationLink {
            reads,
            url: url(page, map.page(other)),
            title: title.plain,
            title_html: title.html,
            status_class: css_word(&status),
            status,
            evidence: source == LinkSource::Prose,
        }
    };
    let mut relations: Vec<RelationLink> = graph
        .outgoing(index)
        .into_iter()
        .map(|(other, r)| relation(verb::capitalise(&r.kind), other, r.source))
        .collect();
    relations.extend(graph.incoming(index).into_iter().map(|(other, r)| {
        let reads = verb::reverse(&r.kind).unwrap_or_else(|| format!("{} (from)", r.kind));
        relation(verb::capitalise(&reads), other, r.source)
    }));
    relations
}

/// A section in a table of contents, with its subsections.
#[derive(Debug, Serialize)]
pub(super) struct TocEntry {
    pub id: String,
    pub text: String,
    pub children: Vec<TocEntry>,
}

/// Level-2 headings with their level-3 headings under them (a level 3
/// before any level 2 stands alone).
pub(super) fn toc(headings: &[crate::site::render::Heading]) -> Vec<TocEntry> {
    let mut entries: Vec<TocEntry> = Vec::new();
    for h in headings.iter().filter(|h| (2..=3).contains(&h.level)) {
        let entry = TocEntry {
            id: h.id.clone(),
            text: h.text.clone(),
            children: Vec::new(),
        };
        match entries.last_mut() {
            Some(parent) if h.level == 3 => parent.children.push(entry),
            _ => entries.push(entry),
        }
    }
    entries
}

/// The index page.
#[derive(Debug, Serialize)]
pub(super) struct IndexPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub records: Vec<RecordRow>,
    pub statuses: Vec<StatusCount>,
    pub tags: Vec<TagLink>,
    /// The log's `index.md` or `README.md`, rendered.
    pub intro: Option<String>,
}

#[derive(Debug, Serialize)]
pub(super) struct StatusCount {
    pub name: String,
    pub class: String,
    pub count: usize,
}

pub(super) fn status_counts(rows: &[RecordRow]) -> Vec<StatusCount> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        *counts.entry(&r.status).or_default() += 1;
    }
    let mut list: Vec<StatusCount> = counts
        .into_iter()
        .map(|(name, count)| StatusCount {
            name: name.to_string(),
            class: css_word(name),
            count,
        })
        .collect();
    list.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    list
}

/// The graph page.
#[derive(Debug, Serialize)]
pub(super) struct GraphPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub svg: String,
    pub shown: usize,
    pub hidden: usize,
    pub edges: usize,
    pub cycles: Vec<Vec<String>>,
    /// The statuses drawn, for the legend.
    pub legend: Vec<StatusCount>,
    /// The graph in words: each related record and its relations.
    pub described: Vec<Described>,
    /// Records without relations, listed rather than drawn.
    pub loners: Vec<RecordRow>,
}

/// One record of the graph, in words.
#[derive(Debug, Serialize)]
pub(super) struct Described {
    pub record: RecordRow,
    pub relations: Vec<RelationLink>,
}

/// The timeline page.
#[derive(Debug, Serialize)]
pub(super) struct TimelinePage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub years: Vec<Year>,
    pub undated: Vec<RecordRow>,
}

#[derive(Debug, Serialize)]
pub(super) struct Year {
    pub year: String,
    pub records: Vec<RecordRow>,
}

/// The page listing every tag.
#[derive(Debug, Serialize)]
pub(super) struct TagsPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub tags: Vec<TagCount>,
}

#[derive(Debug, Serialize)]
pub(super) struct TagCount {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// A tag's page.
#[derive(Debug, Serialize)]
pub(super) struct TagPage<'a> {
    #[serde(flatten)]
    pub frame: Frame<'a>,
    pub tag: String,
    pub records: Vec<RecordRow>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The description as first written: the whole text flattened.
    fn flattened(text: &str, limit: usize) -> String {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= limit {
            return flat;
        }
        let cut: String = flat.chars().take(limit).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end_matches([',', ';', ':', '.']))
    }

    #[test]
    fn descriptions_stop_at_the_limit_as_if_the_text_were_flattened() {
        let texts = [
            "",
            "one",
            "  Context\n\nWe  weigh\tthe options, carefully.  ",
            "ééé ààà ööö üüü",
            "abcdefghij klmnopqrst",
            "abcdefghijklmnopqrstuvwxyz",
            "a, b; c: d. e",
        ];
        for text in texts {
            for limit in 0..30 {
                assert_eq!(
                    description(text, limit),
                    flattened(text, limit),
                    "{text:?} at {limit}"
                );
            }
        }
    }
}
