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
use super::{Files, HtmlOptions, MARKER, Report, cited, feed, search, svg, theme};

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
    /// The earlier build's keys, to leave unchanged pages as they are.
    previous: &'a PageCache,
    global: u64,
    /// The keys of the pages emitted, for the next build.
    entries: Vec<(String, Entry)>,
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

    /// A file the earlier export has as it is: left there.
    fn keep(&mut self, path: String, key: u64, size: u64) {
        self.bytes += size;
        self.sunk.insert(path.clone());
        self.remember(path, key, size);
    }

    fn insert_keyed(&mut self, path: String, key: u64, bytes: Vec<u8>) -> Result<()> {
        self.remember(path.clone(), key, bytes.len() as u64);
        self.insert(path, bytes)
    }

    fn remember(&mut self, path: String, key: u64, size: u64) {
        self.entries.push((
            path,
            Entry {
                key,
                size,
                ..Entry::default()
            },
        ));
    }

    /// A page of the site keyed by everything it shows (`context`, the
    /// theme, the settings): rendered only when that changed.
    fn page<T: serde::Serialize>(
        &mut self,
        path: &str,
        context: &T,
        render: impl FnOnce(&T) -> Result<String>,
    ) -> Result<()> {
        let key = Fnv::default()
            .write(&self.global.to_le_bytes())
            .write(path.as_bytes())
            .write(&serde_json::to_vec(context).unwrap_or_default())
            .finish();
        let old = self
            .previous
            .entries
            .get(path)
            .filter(|e| e.key == key && self.previous.on_disk && self.sink.is_some());
        match old.map(|e| e.size) {
            Some(size) => self.keep(path.to_string(), key, size),
            None => {
                let html = render(context)?.into_bytes();
                self.insert_keyed(path.to_string(), key, html)?;
            }
        }
        Ok(())
    }
}

/// One record's page and what it found.
struct RenderedPage {
    html: Option<Arc<Vec<u8>>>,
    /// Its text for search (an excerpt), when known: a page not rendered
    /// again has it in the earlier export's search shard.
    text: Option<String>,
    /// The feed's summary, kept from the earlier build.
    summary: Option<String>,
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
    let cited = if config.site.cited_by.unwrap_or(true) {
        let out = options
            .out
            .clone()
            .or_else(|| config.site.out.as_deref().map(|o| config.resolve(o)))
            .unwrap_or_else(|| std::path::PathBuf::from("adr-site"));
        let (cited, warning) = cited::find(project, records, Some(&out), log.forge.as_ref());
        report.warnings.extend(warning);
        Some(cited)
    } else {
        None
    };
    let cited = cited.as_deref();
    let numbered: Vec<usize> = (0..records.len()).collect();
    let previous = std::mem::take(cache);
    cache.on_disk = previous.on_disk;
    cache.old_site = previous.old_site.clone();
    let render_all = |indices: &[usize], previous: &PageCache| {
        crate::log::parallel_map(indices, |&i| {
            record_page(
                i,
                &graph,
                log,
                &resolver,
                (&site, &theme, &tags),
                cited.map(|c| c[i].as_slice()),
                global,
                previous,
                sink,
            )
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()
    };
    let mut rendered = render_all(&numbered, &previous)?;
    let urls: Vec<String> = (0..records.len())
        .map(|i| sitemap::encode_path(map.page(i)))
        .collect();
    // The feed lists the newest records: only they need a summary.
    let mut entries: Vec<feed::Entry> = (0..records.len())
        .map(|i| feed_entry(log, i, map.page(i)))
        .collect();
    let newest = feed::newest(records, &entries);
    let shards = search::shards(records.len());
    let shard_of: Vec<usize> = urls.iter().map(|u| search::shard_of(u, shards)).collect();
    let mut shard_keys = vec![Fnv::default(); shards];
    for (k, h) in shard_keys.iter_mut().enumerate() {
        h.write(&global.to_le_bytes()).write(&k.to_le_bytes());
    }
    for (i, page) in rendered.iter().enumerate() {
        shard_keys[shard_of[i]]
            .write(urls[i].as_bytes())
            .write(&page.key.to_le_bytes());
    }
    let reusable = |path: &str, key: u64| {
        sink.is_some()
            && previous.on_disk
            && previous.entries.get(path).is_some_and(|e| e.key == key)
    };
    let stale: Vec<bool> = (0..shards)
        .map(|k| !reusable(&search::shard_path(k), shard_keys[k].finish()))
        .collect();
    // Texts of pages not rendered again, where a stale shard or the feed
    // needs them: from the earlier export's shards, else rendered again.
    let mut summaries: BTreeMap<usize, String> = BTreeMap::new();
    let mut wanted: Vec<usize> = (0..records.len())
        .filter(|&i| stale[shard_of[i]] && rendered[i].text.is_none())
        .collect();
    for &i in &newest {
        match (&rendered[i].text, &rendered[i].summary) {
            (Some(text), _) => {
                summaries.insert(i, pages::description(text, 300));
            }
            (None, Some(summary)) => {
                summaries.insert(i, summary.clone());
            }
            (None, None) => wanted.push(i),
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    let mut old = OldTexts::new(previous.old_site.as_deref());
    let mut again = Vec::new();
    for i in wanted {
        match old.get(&urls[i]) {
            Some(text) => rendered[i].text = Some(text),
            None => again.push(i),
        }
    }
    drop(old);
    if !again.is_empty() {
        for (i, page) in again.iter().zip(render_all(&again, &PageCache::default())?) {
            rendered[*i] = page;
        }
    }
    for &i in &newest {
        if let Some(text) = &rendered[i].text {
            summaries
                .entry(i)
                .or_insert_with(|| pages::description(text, 300));
        }
    }
    let keep_html = !previous.on_disk;
    let mut assets = BTreeSet::new();
    let mut kept = BTreeSet::new();
    let mut fresh_entries = Vec::new();
    for (i, page) in rendered.iter().enumerate() {
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
        if page.unresolved.is_empty() {
            fresh_entries.push((
                path,
                Entry {
                    key: page.key,
                    // An export finds the text in its search shard next time.
                    text: if keep_html {
                        page.text.clone().unwrap_or_default()
                    } else {
                        String::new()
                    },
                    summary: summaries.get(&i).cloned(),
                    assets: page
                        .assets
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
        assets.extend(page.assets.iter().cloned());
    }
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
        previous: &previous,
        global,
        entries: Vec::new(),
    };
    out.insert(search::MANIFEST.into(), search::manifest(shards))?;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); shards];
    for i in 0..records.len() {
        members[shard_of[i]].push(i);
    }
    for (k, members) in members.iter().enumerate() {
        let path = search::shard_path(k);
        let key = shard_keys[k].finish();
        if !stale[k] {
            let size = previous.entries.get(&path).map_or(0, |e| e.size);
            out.keep(path, key, size);
            continue;
        }
        let docs: Vec<search::Document> = members
            .iter()
            .map(|&i| search::Document {
                u: urls[i].clone(),
                t: render::inline(&records[i].display_title()).plain,
                n: records[i].number,
                s: pages::status_word(&records[i]),
                g: &records[i].tags,
                x: rendered[i].text.as_deref().unwrap_or_default(),
            })
            .collect();
        let bytes = search::script(k, &docs);
        out.insert_keyed(path, key, bytes)?;
    }
    index_page(records, &map, &site, &theme, &tags, intro, &mut out)?;
    graph_page(&graph, &map, &site, &theme, &tags, &mut out)?;
    timeline_page(records, &map, &site, &theme, &tags, &mut out)?;
    tag_pages(records, &map, &site, &theme, &tags, &mut out)?;
    for (i, summary) in summaries {
        entries[i].summary = summary;
    }
    out.insert(
        "feed.xml".into(),
        feed::atom(&site.title, site.base_url.as_deref(), records, &entries).into_bytes(),
    )?;
    report.bytes += out.bytes;
    kept.extend(out.sunk);
    cache.entries = fresh_entries.into_iter().chain(out.entries).collect();
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

/// The text of pages of the earlier export, read back one search shard at
/// a time, only where needed.
struct OldTexts<'a> {
    site: Option<&'a Path>,
    shards: Option<usize>,
    loaded: std::collections::HashMap<usize, std::collections::HashMap<String, String>>,
}

impl<'a> OldTexts<'a> {
    fn new(site: Option<&'a Path>) -> Self {
        let shards = site
            .and_then(|s| std::fs::read(s.join(search::MANIFEST)).ok())
            .and_then(|b| search::read_manifest(&b))
            .filter(|&n| n > 0);
        Self {
            site,
            shards,
            loaded: Default::default(),
        }
    }

    fn get(&mut self, url: &str) -> Option<String> {
        let (site, shards) = (self.site?, self.shards?);
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
    (site, theme, tags): (&SiteView, &theme::Theme, &BTreeMap<String, String>),
    cited: Option<&[cited::Citation]>,
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
        cited_by: cited.filter(|c| !c.is_empty()).map(|c| {
            let standing = crate::review::cites::standing(graph, i);
            pages::CitedBy {
                citations: c.iter().take(cited::SHOWN).cloned().collect(),
                more: c.len().saturating_sub(cited::SHOWN),
                retired: standing.retired,
                in_force: standing.in_force.into_iter().map(link_to).collect(),
            }
        }),
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
            text: entry.html.is_some().then(|| entry.text.clone()),
            summary: entry.summary.clone(),
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
        text: Some(search::excerpt(&rendered.text).to_string()),
        summary: None,
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

fn feed_entry<'a>(log: &Log<'_>, i: usize, page: &'a str) -> feed::Entry<'a> {
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
        summary: String::new(),
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
    let context = IndexPage {
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
    };
    files.page(page, &context, |c| theme.render("index.html", c))?;
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
    let context = pages::GraphPage {
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
    };
    files.page(page, &context, |c| theme.render("graph.html", c))?;
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
    let context = TimelinePage {
        frame: site.frame_in(
            page,
            "Timeline",
            false,
            "timeline",
            format!("The decisions of {} by date.", site.title),
        ),
        years,
        undated,
    };
    files.page(page, &context, |c| theme.render("timeline.html", c))?;
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
        let context = TagPage {
            frame: site.frame_in(
                page,
                &format!("Tag: {tag}"),
                false,
                "tags",
                format!("Decisions of {} tagged {tag}.", site.title),
            ),
            tag: tag.clone(),
            records: tagged,
        };
        files.page(page, &context, |c| theme.render("tag.html", c))?;
    }
    let context = pages::TagsPage {
        frame: site.frame_in(
            TAGS_PAGE,
            "Tags",
            false,
            "tags",
            format!("The tags of the decisions of {}.", site.title),
        ),
        tags: counts,
    };
    files.page(TAGS_PAGE, &context, |c| theme.render("tags.html", c))?;
    Ok(())
}

/// The page listing every tag.
pub(super) const TAGS_PAGE: &str = "_tags/index.html";
