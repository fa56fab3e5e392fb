//! What git history says about each record, from one walk of the commits:
//! when it was added and last changed, by whom, and when its status and
//! relations changed.
//!
//! The walk compares only the ADR folders' tree objects between a commit
//! and its parent, so commits that do not touch them cost two tree
//! lookups; only changed records' blobs are read.

use std::collections::BTreeMap;

use git2::{ObjectType, Oid, Repository, Sort, Tree};
use serde::{Deserialize, Serialize};

use crate::record::Record;

/// Someone who wrote or changed records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub email: String,
}

/// How a commit touched a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Modified,
    /// Moved from the path given, content unchanged.
    Renamed(String),
    Deleted,
}

/// One commit's change to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub commit: String,
    /// Author time, seconds since the epoch, and its UTC offset in minutes.
    pub time: i64,
    pub offset: i32,
    /// Index into [`History::people`].
    pub author: usize,
    pub kind: ChangeKind,
    /// The normalised status after this commit, when it changed.
    pub status: Option<String>,
    /// Relations that appeared: (verb, target as written).
    pub links_added: Vec<(String, String)>,
    /// Position in the walk, oldest first: orders commits made within
    /// the same second.
    pub order: usize,
}

/// What a version of a record says, to compare a change with.
#[derive(Debug, Clone, Default)]
struct Snapshot {
    status: Option<String>,
    links: Vec<(String, String)>,
}

/// History of every Markdown file under the ADR folders, by path relative
/// to the work tree.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct History {
    /// The commit the walk ended at.
    pub head: String,
    pub people: Vec<Person>,
    pub files: BTreeMap<String, Vec<Change>>,
    /// Changes recorded so far: the next change's `order`.
    next_order: usize,
    /// The clone is shallow: the oldest dates are those of the cut.
    pub shallow: bool,
    /// Only which commits touched which files, not what they said: no
    /// version is parsed (statuses and relations are left out).
    #[serde(skip)]
    names_only: bool,
}

/// Parsed versions by blob id, so each version is read once per walk.
#[derive(Default)]
struct Versions(std::collections::HashMap<Oid, Snapshot>);

impl Versions {
    fn get(&mut self, repo: &Repository, blob: Oid, path: &str) -> Result<Snapshot, git2::Error> {
        if let Some(known) = self.0.get(&blob) {
            return Ok(known.clone());
        }
        // A version that is missing (a partial clone, a lost object) or
        // larger than a record may be says nothing: the walk goes on.
        let Ok(content) = super::tree::read_blob(repo, blob, crate::log::MAX_RECORD_BYTES) else {
            self.0.insert(blob, Snapshot::default());
            return Ok(Snapshot::default());
        };
        let text = String::from_utf8_lossy(&content);
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md");
        let parsed = Record::parse(path.into(), stem, &text);
        let snapshot = Snapshot {
            status: parsed.status.as_ref().map(|s| s.kind.to_string()),
            links: parsed
                .links
                .iter()
                .map(|l| (l.kind.clone(), l.raw.clone()))
                .collect(),
        };
        self.0.insert(blob, snapshot.clone());
        Ok(snapshot)
    }
}

/// A changed Markdown file between two trees: (path, old blob, new blob).
type Delta = (String, Option<Oid>, Option<Oid>);

impl History {
    /// A history that records only which commits touched which files
    /// (who changed what in a range), reading no version's text but to
    /// tell a move.
    pub fn names_only() -> Self {
        Self {
            names_only: true,
            ..Self::default()
        }
    }

    /// Walks the commits from `head` back to `since` (exclusive; all when
    /// `None`), oldest first, adding what they did to `dirs` (work-tree
    /// relative, `/`-separated).
    pub fn walk(
        &mut self,
        repo: &Repository,
        head: Oid,
        since: Option<Oid>,
        dirs: &[String],
    ) -> Result<(), git2::Error> {
        // Objects come from the user's own repository; checking every
        // object's hash on read made the walk several times slower.
        git2::opts::strict_hash_verification(false);
        let mut walk = repo.revwalk()?;
        walk.push(head)?;
        if let Some(since) = since {
            walk.hide(since)?;
        }
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
        let mut versions = Versions::default();
        // The folders' trees at the previous commit: in a straight history
        // they are the next commit's parent trees, read once instead of twice.
        let mut previous: Option<(Oid, Vec<Option<Oid>>)> = None;
        let mut parsed: Vec<Tree<'_>> = Vec::new();
        for oid in walk {
            let commit = repo.find_commit(oid?)?;
            // Like `git log --name-only`: a merge's changes belong to the
            // commits that made them.
            if commit.parent_count() > 1 {
                previous = None;
                continue;
            }
            let tree = commit.tree()?;
            let new_trees: Vec<Option<Oid>> = dirs
                .iter()
                .map(|d| subtree_id(&tree, d))
                .collect::<Result<_, _>>()?;
            let old_trees: Vec<Option<Oid>> = match (commit.parent_id(0), &previous) {
                (Ok(parent), Some((prev, trees))) if parent == *prev => trees.clone(),
                (Ok(_), _) => {
                    let parent_tree = commit.parent(0)?.tree()?;
                    dirs.iter()
                        .map(|d| subtree_id(&parent_tree, d))
                        .collect::<Result<_, _>>()?
                }
                (Err(_), _) => vec![None; dirs.len()],
            };
            let mut deltas: Vec<Delta> = Vec::new();
            let mut fresh: Vec<Tree<'_>> = Vec::new();
            for ((dir, new), old) in dirs.iter().zip(&new_trees).zip(&old_trees) {
                if new == old {
                    // Unchanged: the tree parsed last stays the one to reuse.
                    fresh.extend(parsed.iter().filter(|t| Some(t.id()) == *new).cloned());
                    continue;
                }
                // A folder that appears whole where another one left: the
                // log moved (`git mv doc/adr docs/decisions`); its records
                // keep their past.
                if let (Some(new_id), None, Ok(parent)) = (new, old, commit.parent(0))
                    && let Some(from) = find_tree(repo, &parent.tree()?, *new_id, "")?
                {
                    self.follow_move(repo, &commit, parent.id(), &from, dir)?;
                    continue;
                }
                // The parent's folder tree was this walk's previous new one:
                // parse each folder tree once, as `git log` does.
                let fetch = |id: Oid| -> Result<Tree<'_>, git2::Error> {
                    match parsed.iter().find(|t| t.id() == id) {
                        Some(tree) => Ok(tree.clone()),
                        None => repo.find_tree(id),
                    }
                };
                let new = new.map(fetch).transpose()?;
                let old = old.map(fetch).transpose()?;
                diff_trees(repo, old.as_ref(), new.as_ref(), dir, &mut deltas)?;
                fresh.extend(new);
            }
            if !deltas.is_empty() {
                self.record(repo, &commit, deltas, &mut versions)?;
            }
            parsed = fresh;
            previous = Some((commit.id(), new_trees));
        }
        self.head = head.to_string();
        Ok(())
    }

    /// Takes in the history of folder `from` up to `parent`, renamed to
    /// `to`, and records the move itself.
    fn follow_move(
        &mut self,
        repo: &Repository,
        commit: &git2::Commit<'_>,
        parent: Oid,
        from: &str,
        to: &str,
    ) -> Result<(), git2::Error> {
        let mut past = History {
            names_only: self.names_only,
            ..History::default()
        };
        past.walk(repo, parent, None, &[from.to_string()])?;
        let author = self.person(&commit.author());
        let time = commit.author().when();
        let id = commit.id().to_string();
        for (old_path, changes) in past.files {
            let Some(rest) = old_path.strip_prefix(from) else {
                continue;
            };
            let new_path = format!("{to}{rest}");
            let gone = changes
                .last()
                .is_some_and(|c| c.kind == ChangeKind::Deleted);
            let changes: Vec<Change> = changes
                .into_iter()
                .map(|mut c| {
                    let person = &past.people[c.author];
                    c.author = self.person_index(person.clone());
                    c.order = self.next_order;
                    self.next_order += 1;
                    c
                })
                .collect();
            self.files.insert(new_path.clone(), changes);
            if !gone {
                self.push(
                    &new_path,
                    &id,
                    time,
                    author,
                    ChangeKind::Renamed(old_path),
                    None,
                    Vec::new(),
                );
            }
        }
        Ok(())
    }

    fn person_index(&mut self, person: Person) -> usize {
        match self.people.iter().position(|p| *p == person) {
            Some(i) => i,
            None => {
                self.people.push(person);
                self.people.len() - 1
            }
        }
    }

    fn person(&mut self, signature: &git2::Signature<'_>) -> usize {
        self.person_index(Person {
            name: crate::record::shown(
                String::from_utf8_lossy(signature.name_bytes()).into_owned(),
            ),
            email: crate::record::shown(
                String::from_utf8_lossy(signature.email_bytes()).into_owned(),
            ),
        })
    }

    fn record(
        &mut self,
        repo: &Repository,
        commit: &git2::Commit<'_>,
        deltas: Vec<Delta>,
        versions: &mut Versions,
    ) -> Result<(), git2::Error> {
        let author = self.person(&commit.author());
        let time = commit.author().when();
        let id = commit.id().to_string();
        let renamed_from = renames(repo, &deltas)?;
        let moved_away: Vec<&String> = renamed_from.values().collect();
        for (path, old, new) in &deltas {
            let Some(blob) = new else {
                if !moved_away.contains(&path) {
                    self.push(
                        path,
                        &id,
                        time,
                        author,
                        ChangeKind::Deleted,
                        None,
                        Vec::new(),
                    );
                }
                continue;
            };
            let from = renamed_from.get(path);
            // What the record said before this commit: its version in the
            // parent, under its old name when it moved.
            let old_blob = match from {
                Some(from) => deltas
                    .iter()
                    .find(|(p, _, _)| p == from)
                    .and_then(|(_, o, _)| *o),
                None => *old,
            };
            let previous = match old_blob {
                Some(_) if self.names_only => Snapshot::default(),
                Some(b) => versions.get(repo, b, path)?,
                None => Snapshot::default(),
            };
            if let Some(from) = from
                && let Some(past) = self.files.remove(from)
            {
                // The record keeps its past under its new name.
                self.files.insert(path.clone(), past);
            }
            let current = if self.names_only {
                Snapshot::default()
            } else {
                versions.get(repo, *blob, path)?
            };
            let links_added: Vec<(String, String)> = current
                .links
                .iter()
                .filter(|l| !previous.links.contains(l))
                .cloned()
                .collect();
            let kind = match (from, old) {
                (Some(from), _) => ChangeKind::Renamed(from.clone()),
                (None, None) => ChangeKind::Added,
                (None, Some(_)) => ChangeKind::Modified,
            };
            let changed = current.status != previous.status || kind == ChangeKind::Added;
            let status = changed.then(|| current.status.clone()).flatten();
            self.push(path, &id, time, author, kind, status, links_added);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        path: &str,
        commit: &str,
        time: git2::Time,
        author: usize,
        kind: ChangeKind,
        status: Option<String>,
        links_added: Vec<(String, String)>,
    ) {
        let order = self.next_order;
        self.next_order += 1;
        self.files
            .entry(path.to_string())
            .or_default()
            .push(Change {
                commit: commit.to_string(),
                time: time.seconds(),
                offset: time.offset_minutes(),
                author,
                kind,
                status,
                links_added,
                order,
            });
    }
}

/// Where, inside `tree`, the sub-tree `wanted` sits (searched breadth
/// first, six levels deep at most).
fn find_tree(
    repo: &Repository,
    tree: &Tree<'_>,
    wanted: Oid,
    prefix: &str,
) -> Result<Option<String>, git2::Error> {
    let mut queue = std::collections::VecDeque::from([(tree.id(), prefix.to_string(), 0)]);
    while let Some((id, path, depth)) = queue.pop_front() {
        let current = repo.find_tree(id)?;
        for entry in current.iter() {
            if entry.kind() != Some(ObjectType::Tree) {
                continue;
            }
            let name = String::from_utf8_lossy(entry.name_bytes());
            let sub = if path.is_empty() {
                name.into_owned()
            } else {
                format!("{path}/{name}")
            };
            if entry.id() == wanted {
                return Ok(Some(sub));
            }
            if depth < 6 {
                queue.push_back((entry.id(), sub, depth + 1));
            }
        }
    }
    Ok(None)
}

/// The id of the tree at `dir` inside `tree`, if there is one.
fn subtree_id(tree: &Tree<'_>, dir: &str) -> Result<Option<Oid>, git2::Error> {
    if dir.is_empty() {
        return Ok(Some(tree.id()));
    }
    match tree.get_path(std::path::Path::new(dir)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Tree) => Ok(Some(entry.id())),
        Ok(_) => Ok(None),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Files a commit moved: each added file paired with a deleted one whose
/// content it keeps, wholly or for the most part (`adr rename` rewrites
/// the title line; `git mv` keeps every byte).
fn renames(repo: &Repository, deltas: &[Delta]) -> Result<BTreeMap<String, String>, git2::Error> {
    let added: Vec<(&String, Oid)> = deltas
        .iter()
        .filter_map(|(p, o, n)| o.is_none().then_some((p, (*n)?)))
        .collect();
    let deleted: Vec<(&String, Oid)> = deltas
        .iter()
        .filter_map(|(p, o, n)| n.is_none().then_some((p, (*o)?)))
        .collect();
    let mut pairs = BTreeMap::new();
    if added.is_empty() || deleted.is_empty() {
        return Ok(pairs);
    }
    // A blob that cannot be read, or is too large to, shares nothing.
    let lines = |oid: Oid| -> Result<std::collections::BTreeSet<Vec<u8>>, git2::Error> {
        let content =
            super::tree::read_blob(repo, oid, crate::log::MAX_RECORD_BYTES).unwrap_or_default();
        Ok(content.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect())
    };
    let mut taken: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (path, new) in added {
        let new_lines = lines(new)?;
        let mut best: Option<(f64, &String)> = None;
        for (from, old) in &deleted {
            if taken.contains(*from) {
                continue;
            }
            let score = if *old == new {
                1.0
            } else {
                let old_lines = lines(*old)?;
                let shared = new_lines.intersection(&old_lines).count();
                shared as f64 / new_lines.len().max(old_lines.len()).max(1) as f64
            };
            if score >= 0.5 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, from));
            }
        }
        if let Some((_, from)) = best {
            taken.insert((*from).clone());
            pairs.insert(path.clone(), from.clone());
        }
    }
    Ok(pairs)
}

/// The Markdown files that differ between two trees, recursing only into
/// sub-trees whose ids differ. Git keeps tree entries sorted, so the two
/// lists are merged in one pass, without copying names.
fn diff_trees(
    repo: &Repository,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    prefix: &str,
    out: &mut Vec<Delta>,
) -> Result<(), git2::Error> {
    let before: Vec<git2::TreeEntry<'_>> = old.map(|t| t.iter().collect()).unwrap_or_default();
    let after: Vec<git2::TreeEntry<'_>> = new.map(|t| t.iter().collect()).unwrap_or_default();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(b), Some(a)) => compare_entries(b, a),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (b, a) = match order {
            std::cmp::Ordering::Less => {
                i += 1;
                (before.get(i - 1), None)
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (None, after.get(j - 1))
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
                (before.get(i - 1), after.get(j - 1))
            }
        };
        if let (Some(b), Some(a)) = (b, a)
            && b.id() == a.id()
        {
            continue;
        }
        let Some(name) = a
            .or(b)
            .map(|e| String::from_utf8_lossy(e.name_bytes()).into_owned())
        else {
            continue;
        };
        let path = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        let is_tree =
            |e: Option<&git2::TreeEntry<'_>>| e.is_some_and(|e| e.kind() == Some(ObjectType::Tree));
        if is_tree(b) || is_tree(a) {
            let old_sub = b
                .filter(|e| is_tree(Some(e)))
                .map(|e| repo.find_tree(e.id()))
                .transpose()?;
            let new_sub = a
                .filter(|e| is_tree(Some(e)))
                .map(|e| repo.find_tree(e.id()))
                .transpose()?;
            diff_trees(repo, old_sub.as_ref(), new_sub.as_ref(), &path, out)?;
            continue;
        }
        if !path.to_ascii_lowercase().ends_with(".md") {
            continue;
        }
        let blob = |e: Option<&git2::TreeEntry<'_>>| {
            e.filter(|e| e.kind() == Some(ObjectType::Blob))
                .map(|e| e.id())
        };
        out.push((path, blob(b), blob(a)));
    }
    Ok(())
}

/// Git's order of tree entries: by name, a sub-tree as if followed by `/`.
fn compare_entries(a: &git2::TreeEntry<'_>, b: &git2::TreeEntry<'_>) -> std::cmp::Ordering {
    let (an, bn) = (a.name_bytes(), b.name_bytes());
    let common = an.len().min(bn.len());
    an[..common].cmp(&bn[..common]).then_with(|| {
        let next = |name: &[u8], e: &git2::TreeEntry<'_>| {
            name.get(common)
                .copied()
                .or((e.kind() == Some(ObjectType::Tree)).then_some(b'/'))
        };
        next(an, a).cmp(&next(bn, b))
    })
}
