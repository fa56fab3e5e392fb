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
            history_key(&mut h, history);
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

/// Feeds what git says of a record to a page's key, field by field (as
/// JSON this was a tenth of a re-export of 10,000 records); destructured,
/// so that a field added to [`Metadata`] cannot be left out.
fn history_key(h: &mut Fnv, metadata: &crate::git::Metadata) {
    let crate::git::Metadata {
        created,
        updated,
        authors,
        status_history,
        uncommitted,
    } = metadata;
    let touch = |h: &mut Fnv, touch: &crate::git::Touch| {
        let crate::git::Touch {
            date,
            commit,
            author,
            email,
        } = touch;
        h.write(date.as_bytes())
            .write(commit.as_bytes())
            .write(author.as_bytes())
            .write(email.as_deref().map_or(&[0xfe][..], str::as_bytes));
    };
    for at in [created, updated] {
        match at {
            Some(at) => touch(h, at),
            None => {
                h.write(&[0xfd]);
            }
        }
    }
    h.write(&authors.len().to_le_bytes());
    for author in authors {
        h.write(author.as_bytes());
    }
    h.write(&status_history.len().to_le_bytes());
    for change in status_history {
        h.write(change.status.as_bytes());
        touch(h, &change.when);
    }
    h.write(&[uncommitted.map_or(2, u8::from)]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::{Metadata, StatusChange, Touch};

    fn key(m: &Metadata) -> u64 {
        let mut h = Fnv::default();
        history_key(&mut h, m);
        h.finish()
    }

    #[test]
    fn every_field_of_what_git_says_changes_the_key() {
        let touch = |date: &str| Touch {
            date: date.into(),
            commit: "0123456789ab".into(),
            author: "Ada".into(),
            email: Some("ada@example.org".into()),
        };
        let base = Metadata {
            created: Some(touch("2024-01-02")),
            updated: Some(touch("2024-01-03")),
            authors: vec!["Ada".into()],
            status_history: vec![StatusChange {
                status: "accepted".into(),
                when: touch("2024-01-03"),
            }],
            uncommitted: Some(false),
        };
        let mut variants = vec![base.clone()];
        let mut push = |f: &dyn Fn(&mut Metadata)| {
            let mut m = base.clone();
            f(&mut m);
            variants.push(m);
        };
        push(&|m| m.created = None);
        push(&|m| m.updated = None);
        push(&|m| m.created = Some(touch("2024-01-09")));
        push(&|m| {
            m.updated
                .as_mut()
                .into_iter()
                .for_each(|t| t.commit = "x".into())
        });
        push(&|m| {
            m.updated
                .as_mut()
                .into_iter()
                .for_each(|t| t.author = "Bo".into())
        });
        push(&|m| m.updated.as_mut().into_iter().for_each(|t| t.email = None));
        push(&|m| m.authors.push("Bo".into()));
        push(&|m| m.status_history[0].status = "proposed".into());
        push(&|m| m.status_history[0].when.date = "2025-01-01".into());
        push(&|m| m.status_history.clear());
        push(&|m| m.uncommitted = Some(true));
        push(&|m| m.uncommitted = None);
        let keys: std::collections::BTreeSet<u64> = variants.iter().map(key).collect();
        assert_eq!(keys.len(), variants.len());
    }
}
