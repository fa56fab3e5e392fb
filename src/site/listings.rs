//! The site's own pages that list records: the index, the graph, the
//! timeline and the tag pages. Each is keyed by the rows it lists (see
//! [`super::keys`]) and its context is built only when it is rendered.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::graph::DecisionGraph;
use crate::record::Record;

use super::build::Emit;
use super::keys;
use super::pages::{self, IndexPage, SiteView, TagPage, TimelinePage, Year};
use super::sitemap::{self, SiteMap};
use super::{svg, theme};

/// The page listing every tag.
pub(super) const TAGS_PAGE: &str = "_tags/index.html";

/// One row per record, shared by the index, graph and timeline (all at
/// the root), made the first time a page needs them.
pub(super) struct Rows<'a> {
    pub records: &'a [Record],
    pub map: &'a SiteMap,
    pub tags: &'a BTreeMap<String, String>,
    /// Each record's row key.
    pub keys: &'a [u64],
    pub cell: OnceCell<Vec<pages::RecordRow>>,
}

impl Rows<'_> {
    fn get(&self) -> &[pages::RecordRow] {
        self.cell.get_or_init(|| {
            (0..self.records.len())
                .map(|i| pages::row(&self.records[i], i, "index.html", self.map, self.tags))
                .collect()
        })
    }
}

/// What every listing page shares.
pub(super) struct Listing<'a> {
    pub site: &'a SiteView,
    pub theme: &'a theme::Theme,
    pub global: u64,
    pub rows: Rows<'a>,
}

pub(super) fn index_page(l: &Listing<'_>, intro: Option<String>, out: &mut Emit<'_>) -> Result<()> {
    let page = "index.html";
    let intro_key = intro.as_deref().unwrap_or("\0none");
    let key = keys::listing(
        l.global,
        page,
        intro_key.as_bytes(),
        l.rows.keys.iter().copied(),
    );
    out.page(page, key, || {
        let rows = l.rows.get().to_vec();
        let statuses = pages::status_counts(&rows);
        let description = format!(
            "{} architecture decision record{} of {}: {}.",
            rows.len(),
            if rows.len() == 1 { "" } else { "s" },
            l.site.title,
            statuses
                .iter()
                .map(|s| format!("{} {}", s.count, s.name))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let context = IndexPage {
            frame: l.site.frame_in(page, "", false, "index", description),
            statuses,
            tags: l
                .rows
                .tags
                .iter()
                .map(|(name, p)| pages::TagLink {
                    name: name.clone(),
                    url: sitemap::url(page, p),
                })
                .collect(),
            records: rows,
            intro,
        };
        l.theme.render("index.html", &context)
    })
}

pub(super) fn graph_page(
    l: &Listing<'_>,
    graph: &DecisionGraph<'_>,
    out: &mut Emit<'_>,
) -> Result<()> {
    let page = "_graph.html";
    let key = keys::graph(l.global, graph, l.rows.keys);
    out.page(page, key, || {
        let (records, map, rows) = (graph.records, l.rows.map, l.rows.get());
        let mut related = BTreeSet::new();
        for (f, t, _) in graph.edges() {
            if f != t {
                related.insert(f);
                related.insert(t);
            }
        }
        let shown = related.len();
        let cycles = graph
            .supersede_cycles()
            .into_iter()
            .map(|c| c.into_iter().map(|n| pages::label(&records[n])).collect())
            .collect();
        let drawn: Vec<_> = related.iter().map(|&i| rows[i].clone()).collect();
        // Each relation once, from the record that states it.
        let described = related
            .iter()
            .map(|&i| pages::Described {
                record: rows[i].clone(),
                relations: pages::outgoing(graph, i, map, page),
            })
            .collect();
        let loners = (0..records.len())
            .filter(|i| !related.contains(i))
            .map(|i| rows[i].clone())
            .collect();
        let svg = if shown > 0 {
            let nodes: Vec<Option<svg::Node>> = (0..records.len())
                .map(|i| {
                    related.contains(&i).then(|| svg::Node {
                        label: pages::label(&records[i]),
                        url: sitemap::url(page, map.page(i)),
                        status: pages::status_word(&records[i]),
                        in_force: graph.in_force(i),
                    })
                })
                .collect();
            svg::draw(graph, &nodes)
        } else {
            String::new()
        };
        let context = pages::GraphPage {
            frame: l.site.frame_in(
                page,
                "Decision graph",
                false,
                "graph",
                format!(
                    "How the decisions of {} supersede, amend and relate to each other.",
                    l.site.title
                ),
            ),
            svg,
            shown,
            hidden: records.len() - shown,
            edges: graph.edges().filter(|(f, t, _)| f != t).count(),
            cycles,
            legend: pages::status_counts(&drawn),
            described,
            loners,
        };
        l.theme.render("graph.html", &context)
    })
}

pub(super) fn timeline_page(l: &Listing<'_>, out: &mut Emit<'_>) -> Result<()> {
    let page = "_timeline.html";
    let key = keys::listing(l.global, page, &[], l.rows.keys.iter().copied());
    out.page(page, key, || {
        let (records, rows) = (l.rows.records, l.rows.get());
        let mut dated: Vec<usize> = (0..records.len())
            .filter(|&i| records[i].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let key = |i: usize| (records[i].date, records[i].number, &records[i].path);
            key(a).cmp(&key(b))
        });
        let mut years: Vec<Year> = Vec::new();
        for i in dated {
            let year = records[i]
                .date
                .map(|d| d.format("%Y").to_string())
                .unwrap_or_default();
            let row = rows[i].clone();
            match years.last_mut() {
                Some(y) if y.year == year => y.records.push(row),
                _ => years.push(Year {
                    year,
                    records: vec![row],
                }),
            }
        }
        let undated = (0..records.len())
            .filter(|&i| records[i].date.is_none())
            .map(|i| rows[i].clone())
            .collect();
        let context = TimelinePage {
            frame: l.site.frame_in(
                page,
                "Timeline",
                false,
                "timeline",
                format!("The decisions of {} by date.", l.site.title),
            ),
            years,
            undated,
        };
        l.theme.render("timeline.html", &context)
    })
}

/// A page per tag, and the page listing them.
pub(super) fn tag_pages(l: &Listing<'_>, out: &mut Emit<'_>) -> Result<()> {
    let (records, map, tags) = (l.rows.records, l.rows.map, l.rows.tags);
    if tags.is_empty() {
        return Ok(());
    }
    let mut tagged: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        for tag in &record.tags {
            let list = tagged.entry(tag.as_str()).or_default();
            // A tag written twice on one record lists it once.
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut counts = Vec::new();
    for (tag, page) in tags {
        let members = tagged.get(tag.as_str()).map_or(&[][..], Vec::as_slice);
        counts.push(pages::TagCount {
            name: tag.clone(),
            url: sitemap::url(TAGS_PAGE, page),
            count: members.len(),
        });
        let key = keys::listing(
            l.global,
            page,
            tag.as_bytes(),
            members.iter().map(|&i| l.rows.keys[i]),
        );
        out.page(page, key, || {
            let context = TagPage {
                frame: l.site.frame_in(
                    page,
                    &format!("Tag: {tag}"),
                    false,
                    "tags",
                    format!("Decisions of {} tagged {tag}.", l.site.title),
                ),
                tag: tag.clone(),
                records: members
                    .iter()
                    .map(|&i| pages::row(&records[i], i, page, map, tags))
                    .collect(),
            };
            l.theme.render("tag.html", &context)
        })?;
    }
    let mut extra = Vec::new();
    for c in &counts {
        extra.extend_from_slice(c.name.as_bytes());
        extra.push(0);
        extra.extend_from_slice(&c.count.to_le_bytes());
    }
    let key = keys::listing(l.global, TAGS_PAGE, &extra, std::iter::empty());
    out.page(TAGS_PAGE, key, || {
        let context = pages::TagsPage {
            frame: l.site.frame_in(
                TAGS_PAGE,
                "Tags",
                false,
                "tags",
                format!("The tags of the decisions of {}.", l.site.title),
            ),
            tags: counts,
        };
        l.theme.render("tags.html", &context)
    })
}
