//! What a change does to the decisions: two versions of the log compared
//! record by record and relation by relation.
//!
//! Records pair up by their path below their log's folder (so a log
//! whose folder moved keeps its records); the rest pair like git's rename
//! detection (at least half their lines shared) when they keep their
//! number, slug or date; then by slug alone; then by number alone when
//! they share a line no other record has (a number reused for another
//! decision is a removal and an addition); then, whatever their names,
//! when at least half the lines only they have are shared (renumbered
//! and retitled at once). Relations are compared as edges of the two
//! decision graphs, with each record known by its pair.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::graph::DecisionGraph;
use crate::log::Log;
use crate::record::{Record, StatusKind, name};

use super::body::{self, BodyEdit};

/// One version of the log: records and their texts, in the same order,
/// and the log's folders as they were in that version.
#[derive(Clone, Copy)]
pub(crate) struct Side<'a> {
    pub records: &'a [Record],
    pub texts: &'a [Option<String>],
    pub roots: &'a [PathBuf],
}

impl<'a> Side<'a> {
    pub(crate) fn of(log: &'a Log<'_>) -> Self {
        Self {
            records: log.records(),
            texts: log.texts(),
            roots: log.roots(),
        }
    }

    /// Each record's folder (by its index among the log's folders) and
    /// path below it: what stays when a log's folder moves.
    fn keys(&self) -> Vec<(usize, PathBuf)> {
        self.records
            .iter()
            .map(|r| {
                self.roots
                    .iter()
                    .enumerate()
                    .find_map(|(i, root)| {
                        r.path
                            .strip_prefix(root)
                            .ok()
                            .map(|below| (i, below.to_path_buf()))
                    })
                    .unwrap_or_else(|| (usize::MAX, r.path.clone()))
            })
            .collect()
    }
}

/// A log folder that is somewhere else in the new version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FolderMove {
    pub before: PathBuf,
    pub after: PathBuf,
    /// How many records moved with it.
    pub records: usize,
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
    /// Log folders that moved, their records with them.
    pub moved: Vec<FolderMove>,
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
        self.moved.is_empty()
            && self.added.is_empty()
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

/// Pairs the records of two versions.
pub(crate) fn pair(before: Side<'_>, after: Side<'_>) -> Pairs {
    let (before_keys, after_keys) = (before.keys(), after.keys());
    let by_key: HashMap<&(usize, PathBuf), usize> = before_keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    let mut pairs = Vec::new();
    let mut paired_before = BTreeSet::new();
    let mut unpaired_after = Vec::new();
    for (a, key) in after_keys.iter().enumerate() {
        match by_key.get(key) {
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
        let keys = Keys {
            before: &before_keys,
            after: &after_keys,
        };
        renames = renames_between(before, after, keys, &unpaired_before, &unpaired_after);
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

/// Each version's record keys (see [`Side::keys`]).
#[derive(Clone, Copy)]
struct Keys<'k> {
    before: &'k [(usize, PathBuf)],
    after: &'k [(usize, PathBuf)],
}

impl Keys<'_> {
    /// The folder a record is in, below its log's folder.
    fn folder(key: &(usize, PathBuf)) -> (usize, &Path) {
        (key.0, key.1.parent().unwrap_or(Path::new("")))
    }
}

/// The log folders that moved between the versions, with how many of
/// the records paired stayed in them.
fn moves(before: Side<'_>, after: Side<'_>, pairs: &Pairs) -> Vec<FolderMove> {
    let mut moved = Vec::new();
    for (old, new) in before.roots.iter().zip(after.roots) {
        if old == new {
            continue;
        }
        let records = pairs
            .pairs
            .iter()
            .filter(|&&(b, a)| {
                before.records[b].path.starts_with(old) && after.records[a].path.starts_with(new)
            })
            .count();
        let had = before.records.iter().any(|r| r.path.starts_with(old));
        if had || records > 0 {
            moved.push(FolderMove {
                before: old.clone(),
                after: new.clone(),
                records,
            });
        }
    }
    moved
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

/// How often each content line occurs, counted once per record, over
/// both versions: a line only a removed record and an added one have
/// (count 2) says they are one record; a template's lines are everywhere.
/// Each content line's count, and each record's lines, per version.
type LineCounts<'t> = (
    HashMap<&'t str, usize>,
    Vec<BTreeSet<&'t str>>,
    Vec<BTreeSet<&'t str>>,
);

fn line_counts<'t>(before: Side<'t>, after: Side<'t>) -> LineCounts<'t> {
    let sets = |side: Side<'t>| -> Vec<BTreeSet<&'t str>> {
        side.records
            .iter()
            .zip(side.texts)
            .map(|(r, t)| line_set(t.as_deref().unwrap_or(""), r))
            .collect()
    };
    let (old, new) = (sets(before), sets(after));
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for set in old.iter().chain(&new) {
        for line in set {
            *counts.entry(line).or_default() += 1;
        }
    }
    (counts, old, new)
}

/// Scores in thousandths, to sort without floats: how much of the
/// larger of two line sets the other shares.
fn score(shared: usize, most: usize) -> usize {
    (shared * 1000).checked_div(most).unwrap_or(0)
}

/// Lines only a removed record and an added one have (count 2) say they
/// are one record; so do template lines when neither has lines of its
/// own. Each pair that shares some: (score, removed, added, lines shared
/// only by them). Lines are indexed, so the cost grows with the log, not
/// with its square; related names (see [`related`]) are compared whole.
struct Shared {
    pairs: Vec<(usize, usize, usize, usize)>,
}

impl Shared {
    fn find(before: Side<'_>, after: Side<'_>, gone: &[usize], added: &[usize]) -> Self {
        let (counts, old, new) = line_counts(before, after);
        let own = |set: &BTreeSet<&str>| set.iter().filter(|l| counts[*l] <= 2).count();
        let mut owner: HashMap<&str, usize> = HashMap::new();
        for &b in gone {
            for line in &old[b] {
                if counts[line] == 2 {
                    owner.insert(line, b);
                }
            }
        }
        // Template-only records are compared with the records whose name
        // they share a part of.
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for &b in gone {
            if own(&old[b]) == 0 {
                for key in name_keys(&before.records[b]) {
                    by_name.entry(key).or_default().push(b);
                }
            }
        }
        let mut pairs = Vec::new();
        for &a in added {
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for line in &new[a] {
                if let Some(&b) = owner.get(line) {
                    *shared.entry(b).or_default() += 1;
                }
            }
            let own_new = own(&new[a]);
            for (&b, &n) in &shared {
                let most = own(&old[b]).max(own_new);
                pairs.push((score(n, most), b, a, n));
            }
            if own_new == 0 {
                let mut seen = BTreeSet::new();
                for key in name_keys(&after.records[a]) {
                    for &b in by_name.get(&key).into_iter().flatten().take(1000) {
                        if !seen.insert(b) || !related(&before.records[b], &after.records[a]) {
                            continue;
                        }
                        let n = new[a].intersection(&old[b]).count();
                        pairs.push((score(n, new[a].len().max(old[b].len())), b, a, 0));
                    }
                }
            }
        }
        pairs.sort_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
        Self { pairs }
    }
}

/// The parts of a name a rename may keep, each tagged with what it is.
fn name_keys(record: &Record) -> Vec<String> {
    let stem = record.stem();
    let mut keys = Vec::new();
    if let Some(n) = record.number {
        keys.push(format!("n{n}"));
    }
    for (tag, part) in [('s', name::slug_part(&stem)), ('p', name::prefix(&stem))] {
        if !part.is_empty() {
            keys.push(format!("{tag}{}", part.to_ascii_lowercase()));
        }
    }
    keys
}

/// Pairs each removed record with an added one by `key` when exactly one
/// of each has it in the same folder and `accept` agrees.
fn pair_by(
    before: Side<'_>,
    after: Side<'_>,
    keys: Keys<'_>,
    (gone, new): (&[usize], &[usize]),
    key: NameKey,
    accept: impl Fn(usize, usize) -> bool,
) -> Vec<(usize, usize)> {
    type Bucket<'k> = HashMap<((usize, &'k Path), String), Vec<usize>>;
    let mut old_by: Bucket<'_> = HashMap::new();
    for &b in gone {
        if let Some(k) = key(&before.records[b]) {
            old_by
                .entry((Keys::folder(&keys.before[b]), k))
                .or_default()
                .push(b);
        }
    }
    let mut new_by: Bucket<'_> = HashMap::new();
    for &a in new {
        if let Some(k) = key(&after.records[a]) {
            new_by
                .entry((Keys::folder(&keys.after[a]), k))
                .or_default()
                .push(a);
        }
    }
    let mut found: Vec<(usize, usize)> = old_by
        .iter()
        .filter_map(
            |(k, olds)| match (olds.as_slice(), new_by.get(k).map(Vec::as_slice)) {
                ([b], Some([a])) if accept(*b, *a) => Some((*b, *a)),
                _ => None,
            },
        )
        .collect();
    found.sort();
    found
}

fn renames_between(
    before: Side<'_>,
    after: Side<'_>,
    keys: Keys<'_>,
    gone: &[usize],
    new: &[usize],
) -> Vec<Renamed> {
    let mut found = Found::default();
    let shared = Shared::find(before, after, gone, new);
    // Most of their content, and a name in common.
    for &(score, b, a, _) in &shared.pairs {
        if score >= 500 && related(&before.records[b], &after.records[a]) {
            found.take(b, a, Rename::Content);
        }
    }
    let slug: NameKey = |r| {
        let stem = r.stem();
        let slug = name::slug_part(&stem).to_lowercase();
        (!slug.is_empty()).then_some(slug)
    };
    let (g, n) = found.left(gone, new);
    for (b, a) in pair_by(before, after, keys, (&g, &n), slug, |_, _| true) {
        found.take(b, a, Rename::Slug);
    }
    // The same number, and a line only the two have.
    let own: BTreeSet<(usize, usize)> = shared
        .pairs
        .iter()
        .filter(|p| p.3 > 0)
        .map(|&(_, b, a, _)| (b, a))
        .collect();
    let number: NameKey = |r| r.number.map(|n| n.to_string());
    let (g, n) = found.left(gone, new);
    for (b, a) in pair_by(before, after, keys, (&g, &n), number, |b, a| {
        own.contains(&(b, a))
    }) {
        found.take(b, a, Rename::Number);
    }
    // Renumbered and retitled at once: the lines are all that is left.
    for &(score, b, a, n) in &shared.pairs {
        if score >= 500 && n > 0 {
            found.take(b, a, Rename::Content);
        }
    }
    let mut renames = found.renames;
    renames.sort_by_key(|r| r.after);
    renames
}

/// The renames found so far, each record in at most one.
#[derive(Default)]
struct Found {
    before: BTreeSet<usize>,
    after: BTreeSet<usize>,
    renames: Vec<Renamed>,
}

impl Found {
    fn take(&mut self, before: usize, after: usize, how: Rename) {
        if self.before.contains(&before) || self.after.contains(&after) {
            return;
        }
        self.before.insert(before);
        self.after.insert(after);
        self.renames.push(Renamed { before, after, how });
    }

    /// The records of each version not yet in a rename.
    fn left(&self, gone: &[usize], new: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let keep = |taken: &BTreeSet<usize>, all: &[usize]| -> Vec<usize> {
            all.iter().copied().filter(|i| !taken.contains(i)).collect()
        };
        (keep(&self.before, gone), keep(&self.after, new))
    }
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
    let mut diff = Diff {
        moved: moves(before, after, &pairs),
        ..Diff::default()
    };
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
                roots: &roots("d"),
            },
            Side {
                records: &ar,
                texts: &at,
                roots: &roots("d"),
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

    fn roots(dir: &str) -> Vec<PathBuf> {
        vec![PathBuf::from(dir)]
    }

    fn renames(
        before: &[(&str, &str)],
        after: &[(&str, &str)],
        dirs: (&str, &str),
    ) -> (Diff, Vec<(usize, usize, Rename)>) {
        let (br, bt) = side(before);
        let (ar, at) = side(after);
        let (old_roots, new_roots) = (roots(dirs.0), roots(dirs.1));
        let (d, _) = diff(
            Side {
                records: &br,
                texts: &bt,
                roots: &old_roots,
            },
            Side {
                records: &ar,
                texts: &at,
                roots: &new_roots,
            },
        );
        let hows = d
            .renamed
            .iter()
            .map(|r| (r.before, r.after, r.how))
            .collect();
        (d, hows)
    }

    #[test]
    fn renames_by_number_slug_and_own_lines() {
        let template = "## Context\n\nThe issue motivating this decision.\n";
        let (d, hows) = renames(
            &[
                ("d/0001-keep.md", &format!("# 1. Keep\n\n{template}")),
                (
                    "d/0007-a.md",
                    "# 7. A\n\nOne text.\nKept line.\nOld reason.\n",
                ),
                ("d/0008-same-slug.md", "# 8. S\n\nSome text.\n"),
                (
                    "d/0009-try-redis.md",
                    "# 9. Try Redis\n\nCache sessions.\nIn memory.\n",
                ),
                (
                    "d/0010-old.md",
                    &format!("# 10. Old\n\n{template}Old reasons.\n"),
                ),
            ],
            &[
                ("d/0001-keep.md", &format!("# 1. Keep\n\n{template}")),
                ("d/0007-b.md", "# 7. B\n\nAnother, entirely.\nKept line.\n"),
                ("d/0011-same-slug.md", "# 11. S\n\nRewritten whole.\n"),
                (
                    "d/0012-use-valkey.md",
                    "# 12. Use Valkey\n\nCache sessions.\nIn memory.\n",
                ),
                (
                    "d/0010-new.md",
                    &format!("# 10. New\n\n{template}New reasons.\n"),
                ),
            ],
            ("d", "d"),
        );
        assert_eq!(
            hows,
            [
                (1, 1, Rename::Number),
                (2, 2, Rename::Slug),
                (3, 3, Rename::Content)
            ],
            "{d:?}"
        );
        // Number 10 now names another decision: nothing of it is left but
        // the template every record has.
        assert_eq!(
            (d.removed.as_slice(), d.added.as_slice()),
            (&[4][..], &[4][..])
        );
        assert!(d.moved.is_empty());
    }

    #[test]
    fn a_moved_folder_keeps_its_records() {
        let one = nygard(1, "Record", "Accepted", "We record decisions.");
        let two = nygard(2, "Use Postgres", "Accepted", "A store.");
        let two_after = nygard(2, "Use Postgres", "Deprecated", "A store.");
        let (d, hows) = renames(
            &[
                ("doc/adr/0001-record.md", &one),
                ("doc/adr/0002-use-postgres.md", &two),
            ],
            &[
                ("docs/decisions/0001-record.md", &one),
                ("docs/decisions/0002-use-postgres.md", &two_after),
            ],
            ("doc/adr", "docs/decisions"),
        );
        assert!(hows.is_empty());
        assert!(d.added.is_empty() && d.removed.is_empty());
        assert_eq!(
            d.moved,
            [FolderMove {
                before: "doc/adr".into(),
                after: "docs/decisions".into(),
                records: 2
            }]
        );
        assert_eq!(d.status_changes.len(), 1);
    }
}
