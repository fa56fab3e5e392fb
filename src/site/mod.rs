//! `adr export html`: a static site of the decisions that works offline,
//! from `file://`, and on GitHub Pages as is.

mod feed;
mod links;
mod pages;
pub mod render;
mod search;
mod sitemap;
mod svg;
mod theme;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::graph::DecisionGraph;
use crate::log::Log;
use crate::log::{self, LinkIndex};
use crate::project::config::Config;
use crate::project::{Project, Repository};
use crate::record::{Record, front_matter};
use render::RenderOptions;

use links::{Asset, PageLinks, Resolver};
use pages::{IndexPage, RecordPage, SiteView, TagPage, TimelinePage, Year};
use sitemap::SiteMap;

pub use sitemap::encode_path;

/// A file in the output folder that marks it as ours, so that a later
/// export may replace it and nothing else.
pub const MARKER: &str = ".adr-site";

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub title: Option<String>,
}

/// What an export did.
#[derive(Debug, Default)]
pub struct Report {
    pub out: PathBuf,
    pub records: usize,
    pub files: usize,
    pub bytes: u64,
    /// `path: why` lines for the user: unresolved links, unreadable records.
    pub warnings: Vec<String>,
    /// Records that could not be read wholly (their pages show why).
    pub failed: usize,
}

/// The files of the site, by path from its root.
type Files = BTreeMap<String, Vec<u8>>;

/// Builds the site in a temporary folder beside `out`, then puts it in
/// place of the previous export.
pub fn html(log: &Log<'_>, options: &HtmlOptions) -> Result<Report> {
    let project = log.project();
    let (repo, config) = (&project.repo, &project.config);
    repo.require()?;
    let out = options
        .out
        .clone()
        .or_else(|| config.site.out.as_deref().map(|o| config.resolve(o)))
        .unwrap_or_else(|| PathBuf::from("adr-site"));
    check_out(repo, &out)?;
    if log.is_empty() {
        return Err(Error::Refused(format!(
            "no records in {}; nothing to export",
            repo.dir.display()
        )));
    }
    let (records, texts) = (log.records(), log.texts());
    let theme = theme::Theme::load(&repo.dir.join("templates").join("site"))?;
    let mut files = Files::new();
    let site = site_view(repo, config, options, &mut files)?;
    let mut report = build(
        records,
        texts,
        log.history(),
        project,
        &site,
        &theme,
        &mut files,
    )?;
    for (name, text) in &theme.statics {
        files.insert(format!("_assets/{name}"), text.clone().into_bytes());
    }
    files.insert(".nojekyll".into(), Vec::new());
    files.insert(
        MARKER.into(),
        b"Written by `adr export html`; the whole folder is replaced on each export.\n".to_vec(),
    );
    report.out = out.clone();
    report.files = files.len();
    report.bytes = files.values().map(|f| f.len() as u64).sum();
    write_site(&out, &files)?;
    Ok(report)
}

/// Refuses an output folder that holds anything but a previous export,
/// or that would contain the decisions themselves.
fn check_out(repo: &Repository, out: &Path) -> Result<()> {
    let absolute = |p: &Path| log::normalise(&repo.cwd.join(p));
    let out_abs = absolute(out);
    if absolute(&repo.dir).starts_with(&out_abs) {
        return Err(Error::Refused(format!(
            "{} would contain the ADR folder {}; choose another --out",
            out.display(),
            repo.dir.display()
        )));
    }
    if out.exists() {
        let is_empty = fs::read_dir(out)
            .map_err(|e| Error::read(out, e))?
            .next()
            .is_none();
        if !is_empty && !out.join(MARKER).is_file() {
            return Err(Error::Refused(format!(
                "{} exists and is not a site written by adr (no {MARKER} in it); not replacing it",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Title, accent, logo and Mermaid script, from the options and config.
fn site_view(
    repo: &Repository,
    config: &Config,
    options: &HtmlOptions,
    files: &mut Files,
) -> Result<SiteView> {
    let site = &config.site;
    let accent = site.accent.clone().filter(|a| {
        a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "#(),.% -".contains(c))
    });
    let mut copy = |configured: &Option<String>, stem: &str| -> Result<Option<String>> {
        let Some(value) = configured else {
            return Ok(None);
        };
        if value.contains("://") || value.starts_with("//") {
            return Ok(Some(value.clone()));
        }
        let path = config.resolve(Path::new(value));
        let bytes = fs::read(&path).map_err(|e| Error::read(&path, e))?;
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default();
        let site_path = format!("_assets/{stem}.{extension}");
        files.insert(site_path.clone(), bytes);
        Ok(Some(site_path))
    };
    let logo = copy(&site.logo.as_ref().map(|l| l.display().to_string()), "logo")?;
    let mermaid_script = copy(&site.mermaid, "mermaid")?;
    Ok(SiteView {
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
        source: repo.dir.display().to_string(),
    })
}

/// One record's rendered page and what it found.
struct RenderedPage {
    html: String,
    text: String,
    assets: Vec<Asset>,
    unresolved: Vec<String>,
}

fn build(
    records: &[Record],
    texts: &[Option<String>],
    history: &[Option<crate::git::Metadata>],
    project: &Project,
    site: &SiteView,
    theme: &theme::Theme,
    files: &mut Files,
) -> Result<Report> {
    let graph = DecisionGraph::build(records);
    let repo = &project.repo;
    let map = SiteMap::new(repo, records);
    let index = LinkIndex::new(records);
    let confine = project.root().to_path_buf();
    let resolver = Resolver {
        records,
        index: &index,
        map: &map,
        confine: &confine,
    };
    let tags = pages::tag_pages(records);
    let numbered: Vec<usize> = (0..records.len()).collect();
    let rendered = log::parallel_map(&numbered, |&i| {
        render_record(
            i,
            &graph,
            texts[i].as_deref(),
            history[i].as_ref(),
            &resolver,
            site,
            theme,
            &tags,
        )
    });
    let mut report = Report {
        records: records.len(),
        ..Report::default()
    };
    let mut assets = BTreeSet::new();
    let mut documents = Vec::with_capacity(records.len());
    let mut summaries = Vec::with_capacity(records.len());
    for (i, page) in rendered.into_iter().enumerate() {
        let page = page?;
        let record = &records[i];
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
                .filter(|p| p.severity == crate::record::Severity::Error)
            {
                report
                    .warnings
                    .push(crate::output::view::diagnostic(&record.path, problem));
            }
        }
        assets.extend(page.assets);
        files.insert(map.page(i).to_string(), page.html.into_bytes());
        summaries.push(page.text.chars().take(300).collect::<String>());
        documents.push((i, page.text));
    }
    let search_docs: Vec<search::Document> = documents
        .iter()
        .map(|(i, text)| search::Document {
            u: sitemap::encode_path(map.page(*i)),
            t: records[*i].display_title(),
            n: records[*i].number,
            s: pages::status_word(&records[*i]),
            g: &records[*i].tags,
            x: search::excerpt(text),
        })
        .collect();
    files.insert(
        "_assets/search-index.js".into(),
        search::script(&search_docs).into_bytes(),
    );
    for asset in assets {
        if files.contains_key(&asset.site_path) {
            continue;
        }
        let bytes = fs::read(&asset.source).map_err(|e| Error::read(&asset.source, e))?;
        files.insert(asset.site_path, bytes);
    }
    index_page(records, &map, site, theme, &tags, files)?;
    graph_page(&graph, &map, site, theme, files)?;
    timeline_page(records, &map, site, theme, &tags, files)?;
    for (tag, page) in &tags {
        let tagged: Vec<_> = (0..records.len())
            .filter(|&i| records[i].tags.contains(tag))
            .map(|i| pages::row(&records[i], i, page, &map, &tags))
            .collect();
        let html = theme.render(
            "tag.html",
            &TagPage {
                frame: site.frame(page, &format!("Tag: {tag}"), false),
                tag: tag.clone(),
                records: tagged,
            },
        )?;
        files.insert(page.clone(), html.into_bytes());
    }
    let page_paths: Vec<&str> = (0..records.len()).map(|i| map.page(i)).collect();
    files.insert(
        "feed.xml".into(),
        feed::atom(
            &site.title,
            site.base_url.as_deref(),
            records,
            &page_paths,
            &summaries,
        )
        .into_bytes(),
    );
    Ok(report)
}

#[allow(clippy::too_many_arguments)]
fn render_record(
    i: usize,
    graph: &DecisionGraph<'_>,
    text: Option<&str>,
    history: Option<&crate::git::Metadata>,
    resolver: &Resolver<'_>,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
) -> Result<RenderedPage> {
    let records = graph.records;
    let record = &records[i];
    let page = resolver.map.page(i);
    let (details, banner, relations, problems) =
        pages::details(graph, i, resolver.map, tags, history);
    let body_text = text.map(|t| {
        let t = t.strip_prefix('\u{feff}').unwrap_or(t);
        front_matter::split(t).body.to_string()
    });
    let has_mermaid = site.mermaid
        && body_text
            .as_deref()
            .is_some_and(|b| b.contains("```mermaid"));
    let mut links = PageLinks::new(resolver, i, page);
    let rendered = body_text.as_deref().map(|body| {
        render::render(
            body,
            &mut links,
            RenderOptions {
                mermaid: site.mermaid,
                skip_title: record.heading.is_some(),
            },
        )
    });
    let (body, plain) = rendered.map(|r| (r.html, r.text)).unwrap_or_default();
    let link_to = |j: usize| pages::PageLink {
        url: sitemap::url(page, resolver.map.page(j)),
        title: pages::label(&records[j]),
    };
    let html = theme.render(
        "record.html",
        &RecordPage {
            frame: site.frame(page, &pages::label(record), has_mermaid),
            record: details,
            banner,
            relations,
            problems,
            body,
            raw_text: None,
            front_matter: record.front_matter.as_ref().map(|f| f.raw.clone()),
            prev: i.checked_sub(1).map(link_to),
            next: (i + 1 < records.len()).then(|| link_to(i + 1)),
        },
    )?;
    Ok(RenderedPage {
        html,
        text: plain,
        assets: links.assets,
        unresolved: links.unresolved,
    })
}

fn index_page(
    records: &[Record],
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    files: &mut Files,
) -> Result<()> {
    let page = "index.html";
    let rows: Vec<_> = (0..records.len())
        .map(|i| pages::row(&records[i], i, page, map, tags))
        .collect();
    let html = theme.render(
        "index.html",
        &IndexPage {
            frame: site.frame(page, "", false),
            statuses: pages::status_counts(&rows),
            tags: tags
                .iter()
                .map(|(name, p)| pages::TagLink {
                    name: name.clone(),
                    url: sitemap::url(page, p),
                })
                .collect(),
            records: rows,
        },
    )?;
    files.insert(page.into(), html.into_bytes());
    Ok(())
}

/// Logs larger than this show only records with relations in the graph.
const GRAPH_ALL_UP_TO: usize = 200;

fn graph_page(
    graph: &DecisionGraph<'_>,
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    files: &mut Files,
) -> Result<()> {
    let page = "_graph.html";
    let records = graph.records;
    let mut related = BTreeSet::new();
    for (f, t, _) in graph.edges() {
        related.insert(f);
        related.insert(t);
    }
    let show_all = records.len() <= GRAPH_ALL_UP_TO;
    let nodes: Vec<Option<svg::Node>> = (0..records.len())
        .map(|i| {
            (show_all || related.contains(&i)).then(|| svg::Node {
                label: pages::label(&records[i]),
                url: sitemap::url(page, map.page(i)),
                status: pages::status_word(&records[i]),
                in_force: graph.in_force(i),
            })
        })
        .collect();
    let shown = nodes.iter().filter(|n| n.is_some()).count();
    let cycles = graph
        .supersede_cycles()
        .into_iter()
        .map(|c| c.into_iter().map(|n| pages::label(&records[n])).collect())
        .collect();
    let html = theme.render(
        "graph.html",
        &pages::GraphPage {
            frame: site.frame(page, "Decision graph", false),
            svg: svg::draw(graph, &nodes),
            shown,
            hidden: records.len() - shown,
            edges: graph.edges().count(),
            cycles,
        },
    )?;
    files.insert(page.into(), html.into_bytes());
    Ok(())
}

fn timeline_page(
    records: &[Record],
    map: &SiteMap,
    site: &SiteView,
    theme: &theme::Theme,
    tags: &BTreeMap<String, String>,
    files: &mut Files,
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
            frame: site.frame(page, "Timeline", false),
            years,
            undated,
        },
    )?;
    files.insert(page.into(), html.into_bytes());
    Ok(())
}

/// Writes every file into a new folder beside `out`, then swaps it in.
fn write_site(out: &Path, files: &Files) -> Result<()> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| write_error(parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "adr-site".into());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)
        .map_err(|e| write_error(parent, e))?;
    for (path, bytes) in files {
        let target = staging.path().join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
        }
        fs::write(&target, bytes).map_err(|e| write_error(&target, e))?;
    }
    let old = if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)
            .map_err(|e| write_error(parent, e))?;
        let old_path = old.path().join("site");
        fs::rename(out, &old_path).map_err(|e| write_error(out, e))?;
        Some(old)
    } else {
        None
    };
    let staged = staging.keep();
    if let Err(e) = fs::rename(&staged, out) {
        if let Some(old) = &old {
            let _ = fs::rename(old.path().join("site"), out);
        }
        let _ = fs::remove_dir_all(&staged);
        return Err(write_error(out, e));
    }
    drop(old);
    Ok(())
}

fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}
