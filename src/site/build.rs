//! The whole site, in memory: every page, the search index, the feed and
//! the assets, from a loaded log. Export writes it; `adr serve` serves it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use crate::error::Result;
use crate::graph::DecisionGraph;
use crate::log::LinkIndex;
use crate::project::config::Config;
use crate::project::{Project, Repository};
use crate::record::{Record, Severity, front_matter};

use super::cache::{Entry, Fnv, PageCache};
use super::input::SiteLog as Log;
use super::links::{Asset, PageLinks, Resolver};
use super::pages::{self, IndexPage, RecordPage, SiteView, TagPage, TimelinePage, Year};
use super::render::{self, RenderOptions, metadata};
use super::sitemap::{self, SiteMap};
use super::{Files, HtmlOptions, MARKER, Report, feed, search, svg, theme};

/// Bumped when what a page looks like changes in a way the key cannot see.
const CACHE_VERSION: &str = "adr-site-1";

/// A record page with more headings than this gets a table of contents.
const TOC_HEADINGS: usize = 4;

/// The built site.
pub struct Built {
    pub files: Files,
    /// Record pages already in the output folder: written there as they
    /// were rendered, or left as an earlier export wrote them (unchanged
    /// inputs). Not in `files`.
    pub kept: BTreeSet<String>,
    pub report: Report,
}

/// Where record pages go as they are rendered, so that an export need not
/// hold ten thousand pages in memory.
pub trait PageSink: Sync {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

/// The site's own pages: to the sink when there is one, else kept.
struct Emit<'a> {
    files: &'a mut Files,
    sink: Option<&'a dyn PageSink>,
    sunk: BTreeSet<String>,
    bytes: u64,
}

impl Emit<'_> {
    fn insert(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        match self.sink {
            Some(sink) => {
                sink.put(&path, &bytes)?;
                self.bytes += bytes.len() as u64;
                self.sunk.insert(path);
            }
            None => {
                self.files.insert(path, bytes);
            }
        }
        Ok(())
    }
}

/// One record's page and what it found.
struct RenderedPage {
    html: Option<Arc<Vec<u8>>>,
    text: String,
    assets: Vec<Asset>,
    unresolved: Vec<String>,
    key: u64,
    size: u64,
    fresh: bool,
}

/// Builds every file of the site. Record pages found in `cache` under the
/// same key are not rendered again.
pub fn build(
    project: &Project,
    options: &HtmlOptions,
    log: &Log<'_>,
    cache: &mut PageCache,
    sink: Option<&dyn PageSink>,
) -> Result<Built> {
    let (repo, config) = (&project.repo, &project.config);
    let records: &[Record] = &log.records;
    let theme = theme::Theme::load(
        &repo.absolute(&repo.dir).join("templates").join("site"),
        project.root(),
    )?;
    let mut files = Files::new();
    let mut report = Report {
        records: records.len(),
        ..Report::default()
    };
    report.warnings.extend(log.warnings.iter().cloned());
    let site = site_view(repo, config, options, log, &mut files, &mut report.warnings);
    let graph = DecisionGraph::build(records);
    let map = SiteMap::new(repo, records);
    let index = LinkIndex::new(records);
    let cwd = repo.absolute(Path::new(""));
    let resolver = Resolver {
        records,
        index: &index,
        map: &map,
        confine: &log.confine,
        cwd: &cwd,
    };
    let tags = pages::tag_pages(records);
    let global = global_key(&theme, &site, &map, &tags);
    let numbered: Vec<usize> = (0..records.len()).collect();
    let previous: &PageCache = cache;
    let rendered = crate::log::parallel_map(&numbered, |&i| {
        record_page(
            i, &graph, log, &resolver, &site, &theme, &tags, global, previous, sink,
        )
    });
    let keep_html = !cache.on_disk;
    let mut assets = BTreeSet::new();
    let mut texts = Vec::with_capacity(records.len());
    let mut kept = BTreeSet::new();
    let mut fresh_entries = Vec::new();
    for (i, page) in rendered.into_iter().enumerate() {
        let page = page?;
        let record = &records[i];
        let path = map.page(i).to_string();
        for target in &page.unresolved {
            report.warnings.push(format!(
                "{}: link to `{target}` leads nowhere; kept as text",
                record.path.display()
            ));
        }
        if record.has_errors() {
            report.failed += 1;
            for problem in record
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
            {
                report
                    .warnings
                    .push(crate::output::view::diagnostic(&record.path, problem));
            }
        }
        if page.html.is_none() {
            report.bytes += page.size;
        }
        if page.fresh {
            report.rendered += 1;
        }
        match &page.html {
            Some(html) => {
                files.insert(path.clone(), html.as_ref().clone());
            }
            None => {
                kept.insert(path.clone());
            }
        }
        texts.push(page.text.clone());
        if page.unresolved.is_empty() {
            let assets_of = page.assets.clone();
            fresh_entries.push((
                path,
                Entry {
                    key: page.key,
                    // An export finds the text in its search index next time.
                    text: if keep_html { page.text } else { String::new() },
                    assets: assets_of
                        .iter()
                        .filter_map(|a| {
                            Some((log.confine.relative(&a.source)?, a.site_path.clone()))
                        })
                        .collect(),
                    size: page.size,
                    html: page.html.clone().filter(|_| keep_html),
                },
            ));
        }
        assets.extend(page.assets);
    }
    cache.entries = fresh_entries.into_iter().collect();
    for asset in assets {
        if files.contains_key(&asset.site_path) {
            continue;
        }
        match log.confine.read(&asset.source) {
            Ok(bytes) => {
                files.insert(asset.site_path, bytes);
            }
            Err(why) => report
                .warnings
                .push(format!("{}: {why}", asset.source.display())),
        }
    }
    let intro = intro(log, &resolver, &mut files, &mut report.warnings);
    let mut out = Emit {
        files: &mut files,
        sink,
        sunk: BTreeSet::new(),
        bytes: 0,
    };
    let search_docs: Vec<search::Document> = (0..records.len())
        .map(|i| search::Document {
            u: sitemap::encode_path(map.page(i)),
            t: render::inline(&records[i].display_title()).plain,
            n: records[i].number,
            s: pages::status_word(&records[i]),
            g: &records[i].tags,
            x: search::excerpt(&texts[i]),
        })
        .collect();
    out.insert(
        "_assets/search-index.js".into(),
        search::script(&search_docs),
    )?;
    drop(search_docs);
    index_page(records, &map, &site, &theme, &tags, intro, &mut out)?;
    graph_page(&graph, &map, &site, &theme, &tags, &mut out)?;
    timeline_page(records, &map, &site, &theme, &tags, &mut out)?;
    tag_pages(records, &map, &site, &theme, &tags, &mut out)?;
    let entries: Vec<feed::Entry> = (0..records.len())
        .map(|i| feed_entry(log, i, map.page(i), &texts[i]))
        .collect();
    out.insert(
        "feed.xml".into(),
        feed::atom(&site.title, site.base_url.as_deref(), records, &entries).into_bytes(),
    )?;
    report.bytes += out.bytes;
    kept.extend(out.sunk);
    for (name, text) in &theme.statics {
        files.insert(format!("_assets/{name}"), text.clone().into_bytes());
    }
    files.insert(".nojekyll".into(), Vec::new());
    files.insert(
        MARKER.into(),
        b"Written by `adr export html`; the whole folder is replaced on each export.\n".to_vec(),
    );
    report.bytes += files.values().map(|f| f.len() as u64).sum::<u64>();
    Ok(Built {
        files,
        kept,
        report,
    })
}

/// What every page depends on besides its own record.
fn global_key(
    theme: &theme::Theme,
    site: &SiteView,
    map: &SiteMap,
    tags: &BTreeMap<String, String>,
) -> u64 {
    let mut h = Fnv::default();
    h.write(CACHE_VERSION.as_bytes())
        .write(env!("CARGO_PKG_VERSION").as_bytes());
    theme.fingerprint(&mut h);
    h.write(serde_json::to_string(site).unwrap_or_default().as_bytes());
    for page in map.pages() {
        h.write(page.as_bytes());
    }
    for (tag, page) in tags {
        h.write(tag.as_bytes()).write(page.as_bytes());
    }
    h.finish()
}

/// Title, accent, logo and Mermaid script, from the options and config;
/// a logo or script outside the project is reported and left out.
fn site_view(
    repo: &Repository,
    config: &Config,
    options: &HtmlOptions,
    log: &Log<'_>,
    files: &mut Files,
    warnings: &mut Vec<String>,
) -> SiteView {
    let site = &config.site;
    let accent = site.accent.clone().filter(|a| {
        a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "#(),.% -".contains(c))
    });
    let mut copy = |configured: &Option<String>, stem: &str| -> Option<String> {
        let value = configured.as_ref()?;
        if value.starts_with("https://") || value.starts_with("http://") || value.starts_with("//")
        {
            return Some(value.clone());
        }
        let path = repo.absolute(&config.resolve(Path::new(value)));
        match log.confine.read(&path) {
            Ok(bytes) => {
                let extension: String = path
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default()
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let site_path = format!("_assets/{stem}.{extension}");
                files.insert(site_path.clone(), bytes);
                Some(site_path)
            }
            Err(why) => {
                warnings.push(format!("[site] {stem} `{value}`: {why}"));
                None
            }
        }
    };
    let logo = copy(&site.logo.as_ref().map(|l| l.display().to_string()), "logo");
    let mermaid_script = copy(&site.mermaid, "mermaid");
    SiteView {
        title: options
            .title
            .clone()
            .or_else(|| site.title.clone())
            .unwrap_or_else(|| "Architecture Decision Records".into()),
        accent,
        base_url: options.base_url.clone().or_else(|| site.base_url.clone()),
        mermaid: mermaid_script.is_some(),
        logo,
        mermaid_script,
        repo_url: log.forge.as_ref().map(|f| f.repo_url.clone()),
        has_tags: log.records.iter().any(|r| !r.tags.is_empty()),
    }
}

#[allow(clippy::too_many_arguments)]
fn record_page(
    i: usize,
    graph: &DecisionGraph<'_>,
    log: &Log<'_>,
    resolver: &Resolver<'_>,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    global: u64,
    cache: &PageCache,
    sink: Option<&dyn PageSink>,
) -> Result<RenderedPage> {
    let records = graph.records;
    let record = &records[i];
    let page = resolver.map.page(i);
    let (details, banner, relations, problems) = pages::details(
        graph,
        i,
        resolver.map,
        tags,
        log.history[i].as_ref(),
        &log.sources[i],
    );
    let text = log.texts[i].as_deref();
    let link_to =
        |j: usize| pages::page_link(&records[j], sitemap::url(page, resolver.map.page(j)));
    let mut context = RecordPage {
        frame: site.frame_in(page, &pages::label(record), false, "", String::new()),
        record: details,
        banner,
        relations,
        problems,
        body: String::new(),
        toc: Vec::new(),
        raw_text: None,
        front_matter: record.front_matter.as_ref().map(|f| f.raw.clone()),
        prev: i.checked_sub(1).map(link_to),
        next: (i + 1 < records.len()).then(|| link_to(i + 1)),
    };
    let key = {
        let mut h = Fnv::default();
        h.write(&global.to_le_bytes())
            .write(text.unwrap_or_default().as_bytes())
            .write(
                serde_json::to_string(&context)
                    .unwrap_or_default()
                    .as_bytes(),
            );
        h.finish()
    };
    if let Some(entry) = cache.entries.get(page).filter(|e| e.key == key)
        && (entry.html.is_some() || cache.on_disk)
    {
        return Ok(RenderedPage {
            html: entry.html.clone(),
            text: entry.text.clone(),
            assets: entry
                .assets
                .iter()
                .map(|(source, site_path)| Asset {
                    source: log.confine.root.join(source),
                    site_path: site_path.clone(),
                })
                .collect(),
            unresolved: Vec::new(),
            key,
            size: entry.size,
            fresh: false,
        });
    }
    let (body, split_first_line) = match text {
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
    let rendered = body.as_deref().map(|body| {
        render::render(
            body,
            &mut links,
            RenderOptions {
                mermaid: site.mermaid,
                skip_title: record.heading.is_some(),
            },
        )
    });
    let rendered = rendered.unwrap_or_default();
    let description = pages::description(&rendered.text, 160);
    context.frame = site.frame_in(page, &pages::label(record), has_mermaid, "", description);
    context.body = rendered.html;
    let sections = rendered
        .headings
        .iter()
        .filter(|h| (2..=3).contains(&h.level))
        .count();
    if sections >= TOC_HEADINGS {
        context.toc = pages::toc(&rendered.headings);
    }
    let html = theme.render("record.html", &context)?.into_bytes();
    let size = html.len() as u64;
    let html = match sink {
        Some(sink) => {
            sink.put(page, &html)?;
            None
        }
        None => Some(Arc::new(html)),
    };
    Ok(RenderedPage {
        size,
        html,
        text: rendered.text,
        assets: links.assets,
        unresolved: links.unresolved,
        key,
        fresh: true,
    })
}

/// The log's introduction, rendered like a record's body, its links and
/// images resolved from the ADR folder.
fn intro(
    log: &Log<'_>,
    resolver: &Resolver<'_>,
    files: &mut Files,
    warnings: &mut Vec<String>,
) -> Option<String> {
    let (path, text) = log.intro.as_ref()?;
    let base = path.parent().unwrap_or(Path::new(""));
    let mut links = PageLinks::for_file(resolver, base, "index.html");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = front_matter::split(text).body;
    // The home page has its title; the introduction's own H1 would repeat it.
    let options = RenderOptions {
        skip_title: true,
        ..RenderOptions::default()
    };
    let rendered = render::render(body, &mut links, options);
    for target in &links.unresolved {
        warnings.push(format!(
            "{}: link to `{target}` leads nowhere; kept as text",
            path.display()
        ));
    }
    for asset in links.assets {
        if let Ok(bytes) = log.confine.read(&asset.source) {
            files.entry(asset.site_path).or_insert(bytes);
        }
    }
    Some(rendered.html)
}

fn feed_entry<'a>(log: &Log<'_>, i: usize, page: &'a str, text: &str) -> feed::Entry<'a> {
    let record = &log.records[i];
    let history = log.history[i].as_ref();
    let date = record
        .date
        .map(|d| d.to_string())
        .or_else(|| {
            history
                .and_then(|h| h.created.as_ref())
                .map(|t| t.date.clone())
        })
        .or_else(|| modified(&record.path))
        .unwrap_or_else(|| "2000-01-01".to_string());
    let authors = match history {
        Some(h) if !h.authors.is_empty() => h.authors.clone(),
        _ => record.deciders.clone(),
    };
    feed::Entry {
        page,
        date,
        authors,
        summary: pages::description(text, 300),
    }
}

/// The day a file last changed (UTC), for records with no date at all.
fn modified(path: &Path) -> Option<String> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(crate::git::date_of(i64::try_from(seconds).ok()?, 0))
}

fn index_page(
    records: &[Record],
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    intro: Option<String>,
    files: &mut Emit<'_>,
) -> Result<()> {
    let page = "index.html";
    let rows: Vec<_> = (0..records.len())
        .map(|i| pages::row(&records[i], i, page, map, tags))
        .collect();
    let statuses = pages::status_counts(&rows);
    let description = format!(
        "{} architecture decision record{} of {}: {}.",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        site.title,
        statuses
            .iter()
            .map(|s| format!("{} {}", s.count, s.name))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let html = theme.render(
        "index.html",
        &IndexPage {
            frame: site.frame_in(page, "", false, "index", description),
            statuses,
            tags: tags
                .iter()
                .map(|(name, p)| pages::TagLink {
                    name: name.clone(),
                    url: sitemap::url(page, p),
                })
                .collect(),
            records: rows,
            intro,
        },
    )?;
    files.insert(page.into(), html.into_bytes())?;
    Ok(())
}

fn graph_page(
    graph: &DecisionGraph<'_>,
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    files: &mut Emit<'_>,
) -> Result<()> {
    let page = "_graph.html";
    let records = graph.records;
    let mut related = BTreeSet::new();
    for (f, t, _) in graph.edges() {
        if f != t {
            related.insert(f);
            related.insert(t);
        }
    }
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
    let shown = related.len();
    let cycles = graph
        .supersede_cycles()
        .into_iter()
        .map(|c| c.into_iter().map(|n| pages::label(&records[n])).collect())
        .collect();
    let drawn: Vec<_> = related
        .iter()
        .map(|&i| pages::row(&records[i], i, page, map, tags))
        .collect();
    // Each relation once, from the record that states it.
    let described = related
        .iter()
        .map(|&i| pages::Described {
            record: pages::row(&records[i], i, page, map, tags),
            relations: pages::outgoing(graph, i, map, page),
        })
        .collect();
    let loners = (0..records.len())
        .filter(|i| !related.contains(i))
        .map(|i| pages::row(&records[i], i, page, map, tags))
        .collect();
    let html = theme.render(
        "graph.html",
        &pages::GraphPage {
            frame: site.frame_in(
                page,
                "Decision graph",
                false,
                "graph",
                format!(
                    "How the decisions of {} supersede, amend and relate to each other.",
                    site.title
                ),
            ),
            svg: if shown > 0 {
                svg::draw(graph, &nodes)
            } else {
                String::new()
            },
            shown,
            hidden: records.len() - shown,
            edges: graph.edges().filter(|(f, t, _)| f != t).count(),
            cycles,
            legend: pages::status_counts(&drawn),
            described,
            loners,
        },
    )?;
    files.insert(page.into(), html.into_bytes())?;
    Ok(())
}

fn timeline_page(
    records: &[Record],
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    files: &mut Emit<'_>,
) -> Result<()> {
    let page = "_timeline.html";
    let mut dated: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].date.is_some())
        .collect();
    dated.sort_by_key(|&i| (records[i].date, records[i].number, records[i].path.clone()));
    let mut years: Vec<Year> = Vec::new();
    for i in dated {
        let year = records[i]
            .date
            .map(|d| d.format("%Y").to_string())
            .unwrap_or_default();
        let row = pages::row(&records[i], i, page, map, tags);
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
        .map(|i| pages::row(&records[i], i, page, map, tags))
        .collect();
    let html = theme.render(
        "timeline.html",
        &TimelinePage {
            frame: site.frame_in(
                page,
                "Timeline",
                false,
                "timeline",
                format!("The decisions of {} by date.", site.title),
            ),
            years,
            undated,
        },
    )?;
    files.insert(page.into(), html.into_bytes())?;
    Ok(())
}

/// A page per tag, and the page listing them.
fn tag_pages(
    records: &[Record],
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    files: &mut Emit<'_>,
) -> Result<()> {
    if tags.is_empty() {
        return Ok(());
    }
    let mut counts = Vec::new();
    for (tag, page) in tags {
        let tagged: Vec<_> = (0..records.len())
            .filter(|&i| records[i].tags.contains(tag))
            .map(|i| pages::row(&records[i], i, page, map, tags))
            .collect();
        counts.push(pages::TagCount {
            name: tag.clone(),
            url: sitemap::url(TAGS_PAGE, page),
            count: tagged.len(),
        });
        let html = theme.render(
            "tag.html",
            &TagPage {
                frame: site.frame_in(
                    page,
                    &format!("Tag: {tag}"),
                    false,
                    "tags",
                    format!("Decisions of {} tagged {tag}.", site.title),
                ),
                tag: tag.clone(),
                records: tagged,
            },
        )?;
        files.insert(page.clone(), html.into_bytes())?;
    }
    let html = theme.render(
        "tags.html",
        &pages::TagsPage {
            frame: site.frame_in(
                TAGS_PAGE,
                "Tags",
                false,
                "tags",
                format!("The tags of the decisions of {}.", site.title),
            ),
            tags: counts,
        },
    )?;
    files.insert(TAGS_PAGE.into(), html.into_bytes())?;
    Ok(())
}

/// The page listing every tag.
pub(super) const TAGS_PAGE: &str = "_tags/index.html";
