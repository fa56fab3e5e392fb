//! The record pages, rendered a search shard at a time: each shard's pages
//! are rendered (or found unchanged), the shard is written from their
//! texts, and the texts are dropped, so an export holds the texts of one
//! shard per thread rather than of the whole log.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use crate::error::Result;
use crate::graph::DecisionGraph;
use crate::record::front_matter;

use super::build::PageSink;
use super::cache::{Entry, Found, PageCache};
use super::input::SiteLog;
use super::links::{Asset, PageLinks, Resolver};
use super::pages::{self, RecordPage, SiteView};
use super::render::{self, RenderOptions, metadata};
use super::{cited, search, sitemap, theme};

/// A record page with more headings than this gets a table of contents.
const TOC_HEADINGS: usize = 4;

/// One record's page and what it found.
pub(super) struct RenderedPage {
    pub html: Option<Arc<Vec<u8>>>,
    /// Its text for search (an excerpt), while its shard is being made.
    pub text: Option<String>,
    /// The feed's summary, for the pages the feed lists.
    pub summary: Option<String>,
    pub assets: Vec<Asset>,
    pub unresolved: Vec<String>,
    pub key: u64,
    pub size: u64,
    pub fresh: bool,
    /// Where it was found, when not rendered: its text is in that
    /// folder's search shard.
    pub found: Option<Found>,
}

/// What rendering a record page needs.
pub(super) struct Renderer<'a> {
    pub graph: &'a DecisionGraph<'a>,
    pub log: &'a SiteLog<'a>,
    pub resolver: &'a Resolver<'a>,
    pub site: &'a SiteView,
    pub theme: &'a theme::Theme,
    pub tags: &'a BTreeMap<String, String>,
    pub cited: Option<&'a [Vec<cited::Citation>]>,
    pub sink: Option<&'a dyn PageSink>,
}

impl Renderer<'_> {
    /// Record `i`'s page as the earlier build left it, when its key is
    /// the same and the page is still there.
    pub(super) fn reused(&self, i: usize, key: u64, cache: &PageCache) -> Option<RenderedPage> {
        let (entry, found) = cache.usable(self.resolver.map.page(i), key)?;
        Some(RenderedPage {
            found: Some(found),
            html: entry.html.clone(),
            text: entry.html.is_some().then(|| entry.text.clone()),
            summary: entry.summary.clone(),
            assets: entry
                .assets
                .iter()
                .map(|(source, site_path)| Asset {
                    source: self.log.confine.root.join(source),
                    site_path: site_path.clone(),
                })
                .collect(),
            unresolved: Vec::new(),
            key,
            size: entry.size,
            fresh: false,
        })
    }

    /// Renders record `i`'s page and puts it in the sink, if there is one.
    pub(super) fn render(&self, i: usize, key: u64) -> Result<RenderedPage> {
        let (graph, log, resolver, site) = (self.graph, self.log, self.resolver, self.site);
        let records = graph.records;
        let record = &records[i];
        let page = resolver.map.page(i);
        let (details, banner, relations, problems) = pages::details(
            graph,
            i,
            resolver.map,
            self.tags,
            log.history[i].as_ref(),
            &log.sources[i],
        );
        let text = log.text(i);
        let (body, split_first_line) = match text.as_deref() {
            Some(t) => {
                let t = t.strip_prefix('\u{feff}').unwrap_or(t);
                let split = front_matter::split(t);
                (Some(split.body), split.body_first_line)
            }
            None => (None, 1),
        };
        let shown = metadata::Shown::of(record);
        let body = body.map(|b| metadata::strip(b, split_first_line, &shown));
        let has_mermaid = site.mermaid && body.as_deref().is_some_and(|b| b.contains("```mermaid"));
        let mut links = PageLinks::new(resolver, i, page);
        let rendered = body
            .as_deref()
            .map(|body| {
                render::render(
                    body,
                    &mut links,
                    RenderOptions {
                        mermaid: site.mermaid,
                        skip_title: record.heading.is_some(),
                    },
                )
            })
            .unwrap_or_default();
        drop(body);
        drop(text);
        let description = pages::description(&rendered.text, 160);
        let sections = rendered
            .headings
            .iter()
            .filter(|h| (2..=3).contains(&h.level))
            .count();
        let link_to =
            |j: usize| pages::page_link(&records[j], sitemap::url(page, resolver.map.page(j)));
        let context = RecordPage {
            frame: site.frame_in(page, &pages::label(record), has_mermaid, "", description),
            record: details,
            banner,
            relations,
            problems,
            body: rendered.html,
            toc: if sections >= TOC_HEADINGS {
                pages::toc(&rendered.headings)
            } else {
                Vec::new()
            },
            raw_text: None,
            front_matter: record
                .front_matter
                .as_ref()
                .and_then(|f| render::front_matter::unshown(f, record)),
            prev: i.checked_sub(1).map(link_to),
            next: (i + 1 < records.len()).then(|| link_to(i + 1)),
            cited_by: self
                .cited
                .and_then(|c| c.get(i))
                .filter(|c| !c.is_empty())
                .map(|c| {
                    let standing = crate::review::cites::standing(graph, i);
                    pages::CitedBy {
                        citations: c.iter().take(cited::SHOWN).cloned().collect(),
                        more: c.len().saturating_sub(cited::SHOWN),
                        retired: standing.retired,
                        in_force: standing.in_force.into_iter().map(link_to).collect(),
                    }
                }),
        };
        let html = self.theme.render("record.html", &context)?.into_bytes();
        drop(context);
        let size = html.len() as u64;
        let html = match self.sink {
            Some(sink) => {
                sink.put(page, &html)?;
                None
            }
            None => Some(Arc::new(html)),
        };
        Ok(RenderedPage {
            size,
            html,
            text: Some(search::excerpt(&rendered.text).to_string()),
            summary: None,
            assets: links.assets,
            unresolved: links.unresolved,
            key,
            fresh: true,
            found: None,
        })
    }
}

/// One search shard's share of the work.
pub(super) struct Shard<'a> {
    pub k: usize,
    pub members: &'a [usize],
    /// Whether the shard is written again (its key changed).
    pub stale: bool,
}

/// What making a shard gave.
pub(super) struct ShardDone {
    /// Its record pages, without their texts.
    pub pages: Vec<(usize, RenderedPage)>,
    /// The feed's summaries of the pages it lists.
    pub summaries: Vec<(usize, String)>,
    /// The shard's script, when there is no sink to write it to; its size.
    pub script: Option<Vec<u8>>,
    pub size: u64,
}

/// What every shard shares.
pub(super) struct Shards<'a> {
    pub renderer: &'a Renderer<'a>,
    pub previous: &'a PageCache,
    pub keys: &'a [u64],
    pub urls: &'a [String],
    /// Whether the feed lists record `i` (it needs a summary).
    pub in_feed: &'a [bool],
    /// The cache is kept in memory (`adr serve`), texts with it.
    pub keep_text: bool,
}

impl Shards<'_> {
    /// Renders or reuses the shard's pages, recovers the texts it needs of
    /// the pages not rendered again (from the earlier export's shards,
    /// else by rendering them again), and writes the shard if it changed.
    pub(super) fn make(&self, shard: &Shard<'_>) -> Result<ShardDone> {
        let r = self.renderer;
        let mut pages = Vec::with_capacity(shard.members.len());
        for &i in shard.members {
            let key = self.keys[i];
            let page = match r.reused(i, key, self.previous) {
                Some(page) => page,
                None => r.render(i, key)?,
            };
            pages.push((i, page));
        }
        // Read before this shard is written: the twin's shard is replaced.
        let mut old = OldTexts::new(self.previous.old_site.as_deref());
        let mut twin = OldTexts::new(self.previous.twin_site.as_deref());
        for (i, page) in &mut pages {
            let wanted = page.text.is_none()
                && (shard.stale || (self.in_feed[*i] && page.summary.is_none()));
            if !wanted {
                continue;
            }
            let text = match page.found {
                Some(Found::Twin) => twin.get(&self.urls[*i]),
                _ => old.get(&self.urls[*i]),
            };
            match text {
                Some(text) => page.text = Some(text),
                None => *page = r.render(*i, self.keys[*i])?,
            }
        }
        drop((old, twin));
        let summaries = pages
            .iter()
            .filter(|(i, _)| self.in_feed[*i])
            .filter_map(|(i, page)| {
                let summary = match (&page.text, &page.summary) {
                    (Some(text), _) => pages::description(text, 300),
                    (None, Some(summary)) => summary.clone(),
                    (None, None) => return None,
                };
                Some((*i, summary))
            })
            .collect();
        let (mut script, mut size) = (None, 0);
        if shard.stale {
            let records = &r.log.records;
            let docs: Vec<search::Document> = pages
                .iter()
                .map(|(i, page)| search::Document {
                    url: self.urls[*i].clone(),
                    title: render::inline(&records[*i].display_title()).plain,
                    number: records[*i].number,
                    status: pages::status_word(&records[*i]),
                    tags: &records[*i].tags,
                    text: page.text.as_deref().unwrap_or_default(),
                })
                .collect();
            let bytes = search::script(shard.k, &docs);
            drop(docs);
            size = bytes.len() as u64;
            match r.sink {
                Some(sink) => sink.put(&search::shard_path(shard.k), &bytes)?,
                None => script = Some(bytes),
            }
        }
        // The texts are in the shard now; an in-memory cache keeps them
        // for the next build.
        if !self.keep_text {
            for (_, page) in &mut pages {
                page.text = None;
            }
        }
        Ok(ShardDone {
            pages,
            summaries,
            script,
            size,
        })
    }
}

/// The text of pages of the earlier export, read back one search shard at
/// a time, only where needed.
struct OldTexts<'a> {
    site: Option<&'a Path>,
    shards: Option<usize>,
    loaded: HashMap<usize, HashMap<String, String>>,
}

impl<'a> OldTexts<'a> {
    fn new(site: Option<&'a Path>) -> Self {
        Self {
            site,
            shards: None,
            loaded: HashMap::new(),
        }
    }

    fn get(&mut self, url: &str) -> Option<String> {
        let site = self.site?;
        if self.shards.is_none() {
            self.shards = std::fs::read(site.join(search::MANIFEST))
                .ok()
                .and_then(|b| search::read_manifest(&b))
                .filter(|&n| n > 0)
                .or(Some(0));
        }
        let shards = self.shards.filter(|&n| n > 0)?;
        let k = search::shard_of(url, shards);
        self.loaded
            .entry(k)
            .or_insert_with(|| {
                std::fs::read(site.join(search::shard_path(k)))
                    .map(|b| search::read_script(&b).into_iter().collect())
                    .unwrap_or_default()
            })
            .remove(url)
    }
}

/// The cache entry of a page for the next build (`keep_text`: an
/// in-memory cache, which has no shards to read texts back from).
pub(super) fn entry(
    page: &RenderedPage,
    summary: Option<String>,
    confine: &super::confine::Confine,
    keep_text: bool,
) -> Entry {
    Entry {
        key: page.key,
        text: if keep_text {
            page.text.clone().unwrap_or_default()
        } else {
            String::new()
        },
        summary,
        assets: page
            .assets
            .iter()
            .filter_map(|a| Some((confine.relative(&a.source)?, a.site_path.clone())))
            .collect(),
        size: page.size,
        html: page.html.clone().filter(|_| keep_text),
    }
}
