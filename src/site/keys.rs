//! The keys of the site's pages, made from what goes into each page rather
//! than from the page's rendering context: a record page's key is its
//! text's digest (known from the record cache without reading the text),
//! its file, its problems, what git says of it, who cites it, and the
//! faces of the records it shows (their number, title, status and page).
//! Building them costs a few hashes per record, so an export that renders
//! one page does not build ten thousand contexts to find out which.
//!
//! Whatever a page shows must be fed to its key here; the tests export
//! incrementally after each kind of change and compare with a full export.

use crate::graph::DecisionGraph;
use crate::record::{LinkSource, Record};

use super::cache::Fnv;
use super::cited::Citation;
use super::input::SiteLog;
use super::sitemap::SiteMap;

/// How a record looks from another page: its page, number, title and
/// status, which links to it, rows and badges show.
pub(super) fn face(record: &Record, page: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(page.as_bytes())
        .write(&record.number.map_or(u64::MAX, u64::from).to_le_bytes())
        .write(record.display_title().as_bytes());
    match &record.status {
        Some(s) => h.write(s.kind.as_str().as_bytes()),
        None => h.write(b"\0none"),
    };
    h.finish()
}

/// A record's row on the index, timeline and tag pages: its face, its
/// date and its tags.
pub(super) fn row(record: &Record, face: u64) -> u64 {
    let mut h = Fnv::default();
    h.write(&face.to_le_bytes());
    match record.date {
        Some(d) => h.write(crate::record::date::iso(d).as_bytes()),
        None => h.write(b"\0undated"),
    };
    for tag in &record.tags {
        h.write(tag.as_bytes());
    }
    h.finish()
}

fn relation_source(source: LinkSource) -> u8 {
    match source {
        LinkSource::Status => 0,
        LinkSource::Section => 1,
        LinkSource::Prose => 2,
    }
}

/// What a record page's key is made from besides its own record.
pub(super) struct RecordInputs<'a> {
    pub global: u64,
    pub graph: &'a DecisionGraph<'a>,
    pub log: &'a SiteLog<'a>,
    pub faces: &'a [u64],
    pub cited: Option<&'a [Vec<Citation>]>,
}

impl RecordInputs<'_> {
    /// Record `i`'s page key.
    pub(super) fn key(&self, i: usize) -> u64 {
        let (graph, log, faces) = (self.graph, self.log, self.faces);
        let record = &log.records[i];
        let mut h = Fnv::default();
        // Nothing of the builder's own folders: the key is kept in the
        // site, which is the same wherever it is built. The file's path
        // from the project root is in its source links below.
        h.write(&self.global.to_le_bytes())
            .write(&log.digests[i].to_le_bytes())
            .write(&faces[i].to_le_bytes());
        if !record.problems.is_empty() {
            h.write_json(&record.problems);
        }
        for (other, r) in graph.outgoing(i) {
            h.write(b">")
                .write(r.kind.as_bytes())
                .write(&[relation_source(r.source), u8::from(r.symmetric)])
                .write(&faces[other].to_le_bytes());
        }
        for (other, r) in graph.incoming(i) {
            h.write(b"<")
                .write(r.kind.as_bytes())
                .write(&[relation_source(r.source), u8::from(r.symmetric)])
                .write(&faces[other].to_le_bytes());
        }
        for successor in graph.in_force_successors(i) {
            h.write(b"=").write(&faces[successor].to_le_bytes());
        }
        let neighbour = |j: Option<usize>| j.and_then(|j| faces.get(j)).copied();
        h.write(&neighbour(i.checked_sub(1)).unwrap_or(0).to_le_bytes())
            .write(&neighbour(Some(i + 1)).unwrap_or(0).to_le_bytes());
        if let Some(history) = &log.history[i] {
            h.write_json(history);
        }
        let source = &log.sources[i];
        h.write(source.path.as_bytes())
            .write(source.view.as_deref().unwrap_or("").as_bytes())
            .write(source.edit.as_deref().unwrap_or("").as_bytes());
        if let Some(citations) = self.cited.and_then(|c| c.get(i)).filter(|c| !c.is_empty()) {
            h.write_json(citations);
            let standing = crate::review::cites::standing(graph, i);
            h.write(&[u8::from(standing.retired)]);
            for j in standing.in_force {
                h.write(&faces[j].to_le_bytes());
            }
        }
        h.finish()
    }
}

/// The graph page's key: every record's row (the page lists them all), the
/// relations drawn and described, and which records are in force.
pub(super) fn graph(global: u64, graph: &DecisionGraph<'_>, rows: &[u64]) -> u64 {
    let mut h = Fnv::default();
    h.write(&global.to_le_bytes()).write(b"_graph.html");
    for (i, row) in rows.iter().enumerate() {
        h.write(&row.to_le_bytes())
            .write(&[u8::from(graph.in_force(i))]);
    }
    for (f, t, r) in graph.edges() {
        h.write(&f.to_le_bytes())
            .write(&t.to_le_bytes())
            .write(r.kind.as_bytes())
            .write(&[relation_source(r.source), u8::from(r.symmetric)]);
    }
    h.finish()
}

/// A listing page's key: its path, what else it shows, and the rows of
/// the records it lists, in order.
pub(super) fn listing(
    global: u64,
    path: &str,
    extra: &[u8],
    rows: impl Iterator<Item = u64>,
) -> u64 {
    let mut h = Fnv::default();
    h.write(&global.to_le_bytes())
        .write(path.as_bytes())
        .write(extra);
    for row in rows {
        h.write(&row.to_le_bytes());
    }
    h.finish()
}

/// The page list's share of the global key.
pub(super) fn pages(h: &mut Fnv, map: &SiteMap) {
    for page in map.pages() {
        h.write(page.as_bytes());
    }
}
