//! The whole site, in memory: every page, the search index, the feed and
//! the assets, from a loaded log. Export writes it; `adr serve` serves it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::Result;
use crate::graph::DecisionGraph;
use crate::project::config::Config;
use crate::project::{Project, Repository};
use crate::record::{Record, Severity, front_matter};

use super::cache::{Entry, Fnv, PageCache};
use super::input::SiteLog as Log;
use super::links::{PageLinks, Resolver};
use super::listings::{self, Listing, Rows};
use super::pages::{self, SiteView};
use super::record_pages::{self, Renderer, Shard, Shards};
use super::render::{self, RenderOptions};
use super::sitemap::{self, SiteMap};
use super::{Files, HtmlOptions, MARKER, Report, cited, feed, keys, search, theme};

/// Bumped when what a page looks like changes in a way the key cannot see.
const CACHE_VERSION: &str = "adr-site-3";

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
pub(super) struct Emit<'a> {
    files: &'a mut Files,
    sink: Option<&'a dyn PageSink>,
    sunk: BTreeSet<String>,
    bytes: u64,
    /// The earlier build's keys, to leave unchanged pages as they are.
    previous: &'a PageCache,
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

    /// A file already in the output folder (left by the earlier export,
    /// or just written there).
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

    /// Whether the earlier export (or the twin) has the file at `path`
    /// under `key`.
    fn unchanged(&self, path: &str, key: u64) -> Option<u64> {
        if self.sink.is_none() || !self.previous.on_disk {
            return None;
        }
        self.previous.usable(path, key).map(|(e, _)| e.size)
    }

    /// A page of the site under `key` (made from everything it shows, see
    /// [`keys`]): rendered only when the key changed.
    pub(super) fn page(
        &mut self,
        path: &str,
        key: u64,
        render: impl FnOnce() -> Result<String>,
    ) -> Result<()> {
        match self.unchanged(path, key) {
            Some(size) => self.keep(path.to_string(), key, size),
            None => {
                let html = render()?.into_bytes();
                self.insert_keyed(path.to_string(), key, html)?;
            }
        }
        Ok(())
    }
}

/// Builds every file of the site. Pages found in `cache` under the same
/// key are not rendered again.
pub fn build(
    project: &Project,
    options: &HtmlOptions,
    log: &Log<'_>,
    cache: &mut PageCache,
    sink: Option<&dyn PageSink>,
) -> Result<Built> {
    let (repo, config) = (&project.repo, &project.config);
    let records: &[Record] = &log.records;
    let n = records.len();
    let theme = theme::Theme::load(
        &repo.absolute(&repo.dir).join("templates").join("site"),
        project.root(),
    )?;
    let mut files = Files::new();
    let mut report = Report {
        records: n,
        ..Report::default()
    };
    report.warnings.extend(log.warnings.iter().cloned());
    let site = site_view(repo, config, options, log, &mut files, &mut report.warnings);
    let graph = DecisionGraph::build(records);
    let map = SiteMap::new(repo, records);
    let own_index;
    let index = match log.link_index {
        Some(index) => index,
        None => {
            own_index = crate::log::LinkIndex::lazy();
            &own_index
        }
    };
    let cwd = repo.absolute(Path::new(""));
    let resolver = Resolver {
        records,
        index,
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
    let previous = std::mem::take(cache);
    cache.on_disk = previous.on_disk;
    cache.old_site = previous.old_site.clone();
    let keep_text = !previous.on_disk;
    let faces: Vec<u64> = (0..n)
        .map(|i| keys::face(&records[i], map.page(i)))
        .collect();
    let inputs = keys::RecordInputs {
        global,
        graph: &graph,
        log,
        faces: &faces,
        cited: cited.as_deref(),
    };
    let page_keys: Vec<u64> = (0..n).map(|i| inputs.key(i)).collect();
    let urls: Vec<String> = (0..n).map(|i| sitemap::encode_path(map.page(i))).collect();
    // The feed lists the newest records: only they need a summary.
    let mut entries: Vec<feed::Entry> = (0..n).map(|i| feed_entry(log, i, map.page(i))).collect();
    let mut in_feed = vec![false; n];
    for i in feed::newest(records, &entries) {
        in_feed[i] = true;
        entries[i].authors = feed_authors(log, i);
    }
    let shards = search::shards(n);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); shards];
    let mut shard_keys = vec![Fnv::default(); shards];
    for (k, h) in shard_keys.iter_mut().enumerate() {
        h.write(&global.to_le_bytes()).write(&k.to_le_bytes());
    }
    for i in 0..n {
        let k = search::shard_of(&urls[i], shards);
        members[k].push(i);
        shard_keys[k]
            .write(urls[i].as_bytes())
            .write(&page_keys[i].to_le_bytes());
    }
    let shard_keys: Vec<u64> = shard_keys.iter().map(Fnv::finish).collect();
    let reusable = |path: &str, key: u64| {
        sink.is_some() && previous.on_disk && previous.usable(path, key).is_some()
    };
    let todo: Vec<Shard> = members
        .iter()
        .enumerate()
        .map(|(k, members)| Shard {
            k,
            members,
            stale: !reusable(&search::shard_path(k), shard_keys[k]),
        })
        .collect();
    let renderer = Renderer {
        graph: &graph,
        log,
        resolver: &resolver,
        site: &site,
        theme: &theme,
        tags: &tags,
        cited: cited.as_deref(),
        sink,
    };
    let work = Shards {
        renderer: &renderer,
        previous: &previous,
        keys: &page_keys,
        urls: &urls,
        in_feed: &in_feed,
        keep_text,
    };
    // A thread for each few shards that have pages to render.
    let to_render = (0..n)
        .filter(|&i| {
            let page = map.page(i);
            let key = Some(page_keys[i]);
            previous.twin.get(page).map(|e| e.key) != key
                && previous.entries.get(page).map(|e| e.key) != key
        })
        .count();
    let per_thread = if to_render >= 64 { 1 } else { usize::MAX };
    let done = crate::log::parallel_map_by(&todo, per_thread, |shard| work.make(shard))
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    let mut rendered: Vec<Option<record_pages::RenderedPage>> = (0..n).map(|_| None).collect();
    let mut summaries: BTreeMap<usize, String> = BTreeMap::new();
    let mut scripts = Vec::with_capacity(shards);
    for done in done {
        for (i, page) in done.pages {
            rendered[i] = Some(page);
        }
        summaries.extend(done.summaries);
        scripts.push((done.script, done.size));
    }
    let mut assets = BTreeSet::new();
    let mut kept = BTreeSet::new();
    let mut fresh_entries = Vec::new();
    for (i, page) in rendered.iter().enumerate() {
        let Some(page) = page else { continue };
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
            let summary = summaries.get(&i).cloned();
            let entry = record_pages::entry(page, summary, &log.confine, keep_text);
            fresh_entries.push((path, entry));
        }
        assets.extend(page.assets.iter().cloned());
    }
    drop(rendered);
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
        entries: Vec::new(),
    };
    out.insert(search::MANIFEST.into(), search::manifest(shards))?;
    for (k, (script, size)) in scripts.into_iter().enumerate() {
        let path = search::shard_path(k);
        let key = shard_keys[k];
        match script {
            Some(bytes) => out.insert_keyed(path, key, bytes)?,
            None if todo[k].stale => out.keep(path, key, size),
            None => {
                let size = previous.usable(&path, key).map_or(0, |(e, _)| e.size);
                out.keep(path, key, size);
            }
        }
    }
    let row_keys: Vec<u64> = (0..n).map(|i| keys::row(&records[i], faces[i])).collect();
    let listing = Listing {
        site: &site,
        theme: &theme,
        global,
        rows: Rows {
            records,
            map: &map,
            tags: &tags,
            keys: &row_keys,
            cell: std::cell::OnceCell::new(),
        },
    };
    listings::index_page(&listing, intro, &mut out)?;
    listings::graph_page(&listing, &graph, &mut out)?;
    listings::timeline_page(&listing, &mut out)?;
    listings::tag_pages(&listing, &mut out)?;
    drop(listing);
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
    // What the twin holds, for putting the new site in it.
    let mut previous = previous;
    cache.twin = std::mem::take(&mut previous.twin);
    cache.twin_site = previous.twin_site.take();
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
    h.write_json(site);
    keys::pages(&mut h, map);
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
        .map(crate::record::date::iso)
        .or_else(|| {
            history
                .and_then(|h| h.created.as_ref())
                .map(|t| t.date.clone())
        })
        .or_else(|| modified(&record.path))
        .unwrap_or_else(|| "2000-01-01".to_string());
    feed::Entry {
        page,
        date,
        // Only the entries the feed lists need them: see `feed_authors`.
        authors: Vec::new(),
        summary: String::new(),
    }
}

/// Who wrote record `i`, as its feed entry names them.
fn feed_authors(log: &Log<'_>, i: usize) -> Vec<String> {
    match log.history[i].as_ref() {
        Some(h) if !h.authors.is_empty() => h.authors.clone(),
        _ => log.records[i].deciders.clone(),
    }
}

/// The day a file last changed (UTC), for records with no date at all.
fn modified(path: &Path) -> Option<String> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let seconds = time.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(crate::git::date_of(i64::try_from(seconds).ok()?, 0))
}
