//! What a change does to the decisions: two versions of the log compared
//! record by record and relation by relation.
//!
//! Records pair up by path; the rest pair like git's rename detection (at
//! least half their lines shared) when they keep their number, slug or
//! date, then by number alone, then by slug alone, in the same folder. Relations are compared as edges of the two decision
//! graphs, with each record known by its pair.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::graph::DecisionGraph;
use crate::record::{Record, StatusKind, name};

use super::body::{self, BodyEdit};

/// One version of the log: records and their texts, in the same order.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub records: &'a [Record],
    pub texts: &'a [Option<String>],
}

/// Where a record of a change is: in the old version, or the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum At {
    Before(usize),
    After(usize),
}

/// Why two records with different paths are one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Rename {
    /// Most of the content is the same (`git mv`, `adr rename`).
    Content,
    /// Same folder and number, other slug.
    Number,
    /// Same folder and slug, other number (`adr renumber`).
    Slug,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Renamed {
    pub before: usize,
    pub after: usize,
    pub how: Rename,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusChange {
    pub before: usize,
    pub after: usize,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A relation that appeared or went away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RelationChange {
    pub added: bool,
    pub from: At,
    /// The canonical forward verb (`supersedes`, `amends`, …).
    pub kind: String,
    pub to: At,
}

/// A record whose body changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edited {
    pub before: usize,
    pub after: usize,
    pub edit: BodyEdit,
}

/// Everything a change did to the log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Diff {
    pub added: Vec<usize>,
    pub removed: Vec<usize>,
    pub renamed: Vec<Renamed>,
    pub status_changes: Vec<StatusChange>,
    /// `supersedes` relations added or removed.
    pub supersessions: Vec<RelationChange>,
    /// Every other relation added or removed.
    pub relations: Vec<RelationChange>,
    /// Body edits of records that were accepted before the change.
    pub accepted_edits: Vec<Edited>,
    /// Body edits of other records.
    pub edits: Vec<Edited>,
    /// Every (before, after) pair whose file content differs.
    pub changed: Vec<(usize, usize)>,
}

impl Diff {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.status_changes.is_empty()
            && self.supersessions.is_empty()
            && self.relations.is_empty()
            && self.accepted_edits.is_empty()
            && self.edits.is_empty()
    }

    /// The records of the new version a check of this change looks at:
    /// those added, renamed or changed, both ends of every relation that
    /// changed, and those whose links name a record that was removed or
    /// moved away.
    pub(crate) fn touched(
        &self,
        before: Side<'_>,
        after: Side<'_>,
        pairs: &Pairs,
    ) -> BTreeSet<usize> {
        let mut touched: BTreeSet<usize> = self.added.iter().copied().collect();
        touched.extend(self.changed.iter().map(|&(_, a)| a));
        touched.extend(self.renamed.iter().map(|r| r.after));
        for change in self.supersessions.iter().chain(&self.relations) {
            for end in [change.from, change.to] {
                match end {
                    At::After(a) => {
                        touched.insert(a);
                    }
                    At::Before(b) => touched.extend(pairs.after_of(b)),
                }
            }
        }
        // Links left pointing where a record used to be.
        let gone: BTreeSet<String> = self
            .removed
            .iter()
            .copied()
            .chain(self.renamed.iter().map(|r| r.before))
            .map(|b| before.records[b].file_name().to_lowercase())
            .collect();
        if !gone.is_empty() {
            for (a, record) in after.records.iter().enumerate() {
                let names_gone = record.links.iter().any(|l| {
                    let file = l.raw.rsplit('/').next().unwrap_or(&l.raw);
                    let file = file.split(['#', '?']).next().unwrap_or(file);
                    gone.contains(&file.to_lowercase())
                });
                if names_gone {
                    touched.insert(a);
                }
            }
        }
        touched
    }
}

/// Which record of one version is which of the other.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pairs {
    /// (before, after), in after order.
    pub pairs: Vec<(usize, usize)>,
    pub renames: Vec<Renamed>,
    after_of: HashMap<usize, usize>,
}

impl Pairs {
    pub(crate) fn after_of(&self, before: usize) -> Option<usize> {
        self.after_of.get(&before).copied()
    }
}

/// Above this many candidate pairs, renames are matched by name only:
/// comparing contents pairwise would grow with the square of the log.
const MAX_CONTENT_COMPARISONS: usize = 250_000;

/// Pairs the records of two versions.
pub(crate) fn pair(before: Side<'_>, after: Side<'_>) -> Pairs {
    let by_path: HashMap<&Path, usize> = before
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path.as_path(), i))
        .collect();
    let mut pairs = Vec::new();
    let mut paired_before = BTreeSet::new();
    let mut unpaired_after = Vec::new();
    for (a, record) in after.records.iter().enumerate() {
        match by_path.get(record.path.as_path()) {
            Some(&b) => {
                pairs.push((b, a));
                paired_before.insert(b);
            }
            None => unpaired_after.push(a),
        }
    }
    let unpaired_before: Vec<usize> = (0..before.records.len())
        .filter(|b| !paired_before.contains(b))
        .collect();
    let mut renames = Vec::new();
    if !unpaired_before.is_empty() && !unpaired_after.is_empty() {
        renames = renames_between(before, after, &unpaired_before, &unpaired_after);
    }
    pairs.extend(renames.iter().map(|r| (r.before, r.after)));
    pairs.sort_by_key(|&(_, a)| a);
    let after_of = pairs.iter().copied().collect();
    Pairs {
        pairs,
        renames,
        after_of,
    }
}

/// The lines that make a record's content: not blank, not headings (every
/// record of a template shares those), not its status or relations.
fn line_set<'t>(text: &'t str, record: &Record) -> BTreeSet<&'t str> {
    let mut skip: BTreeSet<usize> = record.links.iter().map(|l| l.line).collect();
    skip.extend(record.status.as_ref().map(|s| s.line));
    text.lines()
        .enumerate()
        .filter(|(i, _)| !skip.contains(&(i + 1)))
        .map(|(_, l)| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Two records that may be one renamed: they keep their number, their
/// slug or their name's prefix (a date). Records from one template share
/// most lines, so content alone would pair unrelated ones.
fn related(old: &Record, new: &Record) -> bool {
    let (old_stem, new_stem) = (old.stem(), new.stem());
    let same = |a: &str, b: &str| !a.is_empty() && a.eq_ignore_ascii_case(b);
    (old.number.is_some() && old.number == new.number)
        || same(name::slug_part(&old_stem), name::slug_part(&new_stem))
        || same(name::prefix(&old_stem), name::prefix(&new_stem))
}

/// What of a record's name a rename may keep.
type NameKey = fn(&Record) -> Option<String>;

fn renames_between(
    before: Side<'_>,
    after: Side<'_>,
    gone: &[usize],
    new: &[usize],
) -> Vec<Renamed> {
    let mut renames = Vec::new();
    let mut taken_before = BTreeSet::new();
    let mut taken_after = BTreeSet::new();
    if gone.len() * new.len() <= MAX_CONTENT_COMPARISONS {
        let old_lines: Vec<BTreeSet<&str>> = gone
            .iter()
            .map(|&b| line_set(before.texts[b].as_deref().unwrap_or(""), &before.records[b]))
            .collect();
        let mut scored = Vec::new();
        for &a in new {
            let new_lines = line_set(after.texts[a].as_deref().unwrap_or(""), &after.records[a]);
            for (k, &b) in gone.iter().enumerate() {
                if !related(&before.records[b], &after.records[a]) {
                    continue;
                }
                let shared = new_lines.intersection(&old_lines[k]).count();
                let most = new_lines.len().max(old_lines[k].len());
                if most == 0 {
                    continue;
                }
                // Scores in thousandths, to sort without floats.
                let score = shared * 1000 / most;
                if score >= 500 {
                    scored.push((std::cmp::Reverse(score), b, a));
                }
            }
        }
        scored.sort();
        for (_, b, a) in scored {
            if taken_before.contains(&b) || taken_after.contains(&a) {
                continue;
            }
            taken_before.insert(b);
            taken_after.insert(a);
            renames.push(Renamed {
                before: b,
                after: a,
                how: Rename::Content,
            });
        }
    }
    let keys: [(Rename, NameKey); 2] = [
        (Rename::Number, |r| r.number.map(|n| n.to_string())),
        (Rename::Slug, |r| {
            let stem = r.stem();
            let slug = name::slug_part(&stem).to_lowercase();
            (!slug.is_empty()).then_some(slug)
        }),
    ];
    for (how, key) in keys {
        let mut old_by: HashMap<(&Path, String), Vec<usize>> = HashMap::new();
        for &b in gone.iter().filter(|b| !taken_before.contains(*b)) {
            if let Some(k) = key(&before.records[b]) {
                old_by
                    .entry((before.records[b].dir(), k))
                    .or_default()
                    .push(b);
            }
        }
        let mut new_by: HashMap<(&Path, String), Vec<usize>> = HashMap::new();
        for &a in new.iter().filter(|a| !taken_after.contains(*a)) {
            if let Some(k) = key(&after.records[a]) {
                new_by
                    .entry((after.records[a].dir(), k))
                    .or_default()
                    .push(a);
            }
        }
        let mut found: Vec<(usize, usize)> = old_by
            .iter()
            .filter_map(
                |(k, olds)| match (olds.as_slice(), new_by.get(k).map(Vec::as_slice)) {
                    ([b], Some([a])) => Some((*b, *a)),
                    _ => None,
                },
            )
            .collect();
        found.sort();
        for (b, a) in found {
            taken_before.insert(b);
            taken_after.insert(a);
            renames.push(Renamed {
                before: b,
                after: a,
                how,
            });
        }
    }
    renames.sort_by_key(|r| r.after);
    renames
}

fn status_word(record: &Record) -> Option<String> {
    record.status.as_ref().map(|s| s.kind.to_string())
}

/// The edges of a version's graph, each end known by its key.
fn edges(graph: &DecisionGraph<'_>, key: impl Fn(usize) -> At) -> BTreeSet<(At, String, At)> {
    graph
        .edges()
        .map(|(from, to, r)| {
            let (mut f, mut t) = (key(from), key(to));
            // One direction for a relation without one.
            if r.symmetric && t < f {
                std::mem::swap(&mut f, &mut t);
            }
            (f, r.kind.clone(), t)
        })
        .collect()
}

/// Compares two versions of the log.
pub(crate) fn diff(before: Side<'_>, after: Side<'_>) -> (Diff, Pairs) {
    let pairs = pair(before, after);
    let mut diff = Diff::default();
    let after_paired: BTreeSet<usize> = pairs.pairs.iter().map(|&(_, a)| a).collect();
    let before_paired: HashMap<usize, usize> = pairs.pairs.iter().copied().collect();
    diff.added = (0..after.records.len())
        .filter(|a| !after_paired.contains(a))
        .collect();
    diff.removed = (0..before.records.len())
        .filter(|b| !before_paired.contains_key(b))
        .collect();
    diff.renamed = pairs.renames.clone();
    let renamed: BTreeSet<usize> = pairs.renames.iter().map(|r| r.after).collect();
    for &(b, a) in &pairs.pairs {
        let (old, new) = (&before.records[b], &after.records[a]);
        let (from, to) = (status_word(old), status_word(new));
        if from != to {
            diff.status_changes.push(StatusChange {
                before: b,
                after: a,
                from,
                to,
            });
        }
        let (Some(old_text), Some(new_text)) = (&before.texts[b], &after.texts[a]) else {
            continue;
        };
        if old_text == new_text {
            continue;
        }
        diff.changed.push((b, a));
        let Some(edit) = body::edit(old_text, old, new_text, new, renamed.contains(&a)) else {
            continue;
        };
        let accepted = old
            .status
            .as_ref()
            .is_some_and(|s| s.kind == StatusKind::Accepted);
        let edited = Edited {
            before: b,
            after: a,
            edit,
        };
        if accepted {
            diff.accepted_edits.push(edited);
        } else {
            diff.edits.push(edited);
        }
    }
    // A record is known by its place in the new version when it has one.
    let before_graph = DecisionGraph::build(before.records);
    let after_graph = DecisionGraph::build(after.records);
    let old_edges = edges(&before_graph, |b| match pairs.after_of(b) {
        Some(a) => At::After(a),
        None => At::Before(b),
    });
    let new_edges = edges(&after_graph, At::After);
    let mut changes: Vec<RelationChange> = Vec::new();
    for (edges, other, added) in [
        (&new_edges, &old_edges, true),
        (&old_edges, &new_edges, false),
    ] {
        for (from, kind, to) in edges.difference(other) {
            changes.push(RelationChange {
                added,
                from: *from,
                kind: kind.clone(),
                to: *to,
            });
        }
    }
    for change in changes {
        if change.kind == "supersedes" {
            diff.supersessions.push(change);
        } else {
            diff.relations.push(change);
        }
    }
    (diff, pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::resolve_links;

    fn side(files: &[(&str, &str)]) -> (Vec<Record>, Vec<Option<String>>) {
        let mut records: Vec<Record> = files
            .iter()
            .map(|(path, text)| {
                let stem = Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Record::parse(path.into(), &stem, text)
            })
            .collect();
        resolve_links(&mut records);
        let texts = files.iter().map(|(_, t)| Some(t.to_string())).collect();
        (records, texts)
    }

    fn nygard(n: u32, title: &str, status: &str, body: &str) -> String {
        format!("# {n}. {title}\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n")
    }

    #[test]
    fn every_kind_of_change() {
        let one = nygard(1, "Record", "Accepted", "We record decisions.");
        let two = nygard(
            2,
            "Use Postgres",
            "Accepted",
            "A long body\nof several\nlines that stay.",
        );
        let three = nygard(3, "Try Redis", "Proposed", "Maybe.");
        let four = nygard(4, "Old idea", "Accepted", "Gone.");
        let (br, bt) = side(&[
            ("d/0001-record.md", &one),
            ("d/0002-use-postgres.md", &two),
            ("d/0003-try-redis.md", &three),
            ("d/0004-old-idea.md", &four),
        ]);
        let one_after = nygard(1, "Record", "Accepted", "We record every decision.");
        let two_after = nygard(
            2,
            "Use PostgreSQL",
            "Superseded by [5. Use SQLite](0005-use-sqlite.md)",
            "A long body\nof several\nlines that stay.",
        );
        let three_after = nygard(
            3,
            "Try Redis",
            "Accepted\n\nAmends [1. Record](0001-record.md)",
            "Maybe.",
        );
        let five = nygard(
            5,
            "Use SQLite",
            "Accepted\n\nSupersedes [2. Use PostgreSQL](0002-use-postgresql.md)",
            "Smaller.",
        );
        let (ar, at) = side(&[
            ("d/0001-record.md", &one_after),
            ("d/0002-use-postgresql.md", &two_after),
            ("d/0003-try-redis.md", &three_after),
            ("d/0005-use-sqlite.md", &five),
        ]);
        let (d, _) = diff(
            Side {
                records: &br,
                texts: &bt,
            },
            Side {
                records: &ar,
                texts: &at,
            },
        );
        assert_eq!(d.added, [3]);
        assert_eq!(d.removed, [3]);
        assert_eq!(
            d.renamed,
            [Renamed {
                before: 1,
                after: 1,
                how: Rename::Content
            }]
        );
        let statuses: Vec<_> = d
            .status_changes
            .iter()
            .map(|s| (s.after, s.from.clone(), s.to.clone()))
            .collect();
        assert_eq!(
            statuses,
            [
                (1, Some("accepted".into()), Some("superseded".into())),
                (2, Some("proposed".into()), Some("accepted".into()))
            ]
        );
        assert_eq!(
            d.supersessions,
            [RelationChange {
                added: true,
                from: At::After(3),
                kind: "supersedes".into(),
                to: At::After(1)
            }]
        );
        assert_eq!(
            d.relations,
            [RelationChange {
                added: true,
                from: At::After(2),
                kind: "amends".into(),
                to: At::After(0)
            }]
        );
        let accepted: Vec<_> = d.accepted_edits.iter().map(|e| e.after).collect();
        assert_eq!(accepted, [0], "the renamed record's title is not its body");
        assert!(d.edits.is_empty(), "{:?}", d.edits);
    }

    #[test]
    fn renames_by_number_and_slug() {
        let (br, bt) = side(&[
            ("d/0007-a.md", "# 7. A\n\nOne text.\n"),
            ("d/0008-same-slug.md", "# 8. S\n\nSome text.\n"),
        ]);
        let (ar, at) = side(&[
            ("d/0007-b.md", "# 7. B\n\nAnother, entirely.\n"),
            ("d/0009-same-slug.md", "# 9. S\n\nRewritten whole.\n"),
        ]);
        let (d, _) = diff(
            Side {
                records: &br,
                texts: &bt,
            },
            Side {
                records: &ar,
                texts: &at,
            },
        );
        let hows: Vec<_> = d
            .renamed
            .iter()
            .map(|r| (r.before, r.after, r.how))
            .collect();
        assert_eq!(hows, [(0, 0, Rename::Number), (1, 1, Rename::Slug)]);
        assert!(d.added.is_empty() && d.removed.is_empty());
    }
}
