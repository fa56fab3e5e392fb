//! What git history says about each record, from one walk of the commits:
//! when it was added and last changed, by whom, and when its status and
//! relations changed.
//!
//! The walk compares only the ADR folders' tree objects between a commit
//! and its parent, following each folder's path from the root only below
//! the first tree that differs: a commit that does not touch a folder
//! costs a comparison of ids, one that does reads the folder's new tree
//! once (`tree_diff`); only changed records' blobs are read.

mod codec;

use std::collections::BTreeMap;

use git2::{ObjectType, Oid, Repository, Sort, Tree};
use serde::{Deserialize, Serialize};

use super::tree_diff::{self, Delta, RawTree};
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
    /// The blob id of each file in HEAD's tree, when known (kept in the
    /// history cache, so a re-export does not read HEAD's trees to tell
    /// which records have uncommitted edits).
    #[serde(skip)]
    pub(crate) committed: Option<foldhash::HashMap<String, [u8; 20]>>,
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

impl History {
    /// A history that records only which commits touched which files
    /// (who changed what in a range), reading no version's text but to
    /// tell a move: every change it holds is one of the range's commits.
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
        let odb = repo.odb()?;
        let mut walk = repo.revwalk()?;
        walk.push(head)?;
        if let Some(since) = since {
            walk.hide(since)?;
        }
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
        let paths: Vec<Vec<&str>> = dirs
            .iter()
            .map(|d| d.split('/').filter(|p| !p.is_empty()).collect())
            .collect();
        let mut versions = Versions::default();
        // The trees along each folder's path at the previous commit: in a
        // straight history they are the next commit's parent's, read once
        // instead of twice.
        let mut previous: Option<(Oid, Vec<Chain>)> = None;
        // The folders' trees last read, to compare the next commit's with.
        let mut parsed: Vec<RawTree<'_>> = Vec::new();
        for oid in walk {
            let commit = repo.find_commit(oid?)?;
            // Like `git log --name-only`: a merge's changes belong to the
            // commits that made them.
            if commit.parent_count() > 1 {
                previous = None;
                continue;
            }
            let old_chains: Vec<Chain> = match (commit.parent_id(0), previous.take()) {
                (Ok(parent), Some((prev, chains))) if parent == prev => chains,
                (Ok(parent), _) => {
                    let root = repo.find_commit(parent)?.tree_id();
                    paths
                        .iter()
                        .map(|p| Chain::of(&odb, root, p, None))
                        .collect::<Result<_, _>>()?
                }
                (Err(_), _) => paths.iter().map(|p| Chain::none(p.len())).collect(),
            };
            let root = commit.tree_id();
            let new_chains: Vec<Chain> = paths
                .iter()
                .zip(&old_chains)
                .map(|(p, old)| Chain::of(&odb, root, p, Some(old)))
                .collect::<Result<_, _>>()?;
            let mut deltas: Vec<Delta> = Vec::new();
            let mut fresh: Vec<RawTree<'_>> = Vec::new();
            for ((dir, new), old) in dirs.iter().zip(&new_chains).zip(&old_chains) {
                let (new, old) = (new.folder(), old.folder());
                if new == old {
                    // Unchanged: the tree read last stays the one to reuse.
                    fresh.extend(new.and_then(|id| take(&mut parsed, id)));
                    continue;
                }
                // A folder that appears whole where another one left: the
                // log moved (`git mv doc/adr docs/decisions`); its records
                // keep their past.
                if let (Some(new_id), None) = (new, old)
                    && let Ok(parent) = commit.parent(0)
                    && let Some(from) = find_tree(repo, &parent.tree()?, new_id, "")?
                {
                    self.follow_move(repo, &commit, parent.id(), since, &from, dir)?;
                    continue;
                }
                // The parent's folder tree was this walk's previous new one:
                // each folder tree is read once, as `git log` does.
                let mut fetch = |id: Oid| match take(&mut parsed, id) {
                    Some(tree) => Ok(tree),
                    None => RawTree::read(&odb, id),
                };
                let new = new.map(&mut fetch).transpose()?;
                let old = old.map(&mut fetch).transpose()?;
                tree_diff::diff(&odb, old.as_ref(), new.as_ref(), dir, &mut deltas)?;
                fresh.extend(new);
            }
            if !deltas.is_empty() {
                self.record(repo, &commit, deltas, &mut versions)?;
            }
            parsed = fresh;
            previous = Some((commit.id(), new_chains));
        }
        self.head = head.to_string();
        Ok(())
    }

    /// Takes in the history of folder `from` up to `parent`, renamed to
    /// `to`, and records the move itself. A names-only walk (one range)
    /// takes in the past only back to `since`; a full one, all of it.
    fn follow_move(
        &mut self,
        repo: &Repository,
        commit: &git2::Commit<'_>,
        parent: Oid,
        since: Option<Oid>,
        from: &str,
        to: &str,
    ) -> Result<(), git2::Error> {
        let mut past = History {
            names_only: self.names_only,
            ..History::default()
        };
        let since = since.filter(|_| self.names_only);
        past.walk(repo, parent, since, &[from.to_string()])?;
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

/// The tree `id` from `trees`, taken out to be reused.
fn take<'o>(trees: &mut Vec<RawTree<'o>>, id: Oid) -> Option<RawTree<'o>> {
    let at = trees.iter().position(|t| t.id() == id)?;
    Some(trees.swap_remove(at))
}

/// The ids of the trees along a folder's path at one commit: the root's
/// first, the folder's last; `None` from where the path is not a folder.
#[derive(Debug, Clone)]
struct Chain(Vec<Option<Oid>>);

impl Chain {
    fn none(depth: usize) -> Self {
        Self(vec![None; depth + 1])
    }

    /// The chain of `path` from the tree `root`. Where a tree on the way
    /// is the one `old` has at the same depth, so is everything below it:
    /// a commit that leaves the folder alone costs one comparison of ids
    /// per level, and a sub-tree is read only where the two differ.
    fn of(
        odb: &git2::Odb<'_>,
        root: Oid,
        path: &[&str],
        old: Option<&Chain>,
    ) -> Result<Self, git2::Error> {
        let mut ids = Vec::with_capacity(path.len() + 1);
        ids.push(Some(root));
        for (depth, name) in path.iter().enumerate() {
            let Some(here) = ids[depth] else {
                ids.push(None);
                continue;
            };
            if let Some(old) = old
                && old.0.get(depth) == Some(&Some(here))
            {
                ids.extend_from_slice(&old.0[depth + 1..]);
                break;
            }
            let tree = RawTree::read(odb, here)?;
            ids.push(
                tree.get(name.as_bytes())?
                    .filter(|e| e.is_tree())
                    .map(|e| e.id()),
            );
        }
        Ok(Self(ids))
    }

    /// The folder's own tree.
    fn folder(&self) -> Option<Oid> {
        self.0.last().copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::test_tree::tree_of;

    #[test]
    fn a_folder_path_is_followed_only_below_the_first_tree_that_differs() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init(tmp.path()).expect("init");
        let odb = repo.odb().expect("odb");
        let path = ["doc", "adr"];
        let one = tree_of(&repo, &[("doc/adr/0001-a.md", "a"), ("src/x", "1")]);
        let two = tree_of(&repo, &[("doc/adr/0001-a.md", "a"), ("src/x", "2")]);
        let three = tree_of(&repo, &[("doc/adr/0001-a.md", "b"), ("src/x", "2")]);
        let first = Chain::of(&odb, one, &path, None).expect("one");
        let adr = repo
            .find_tree(one)
            .and_then(|t| t.get_path(std::path::Path::new("doc/adr")))
            .expect("doc/adr")
            .id();
        assert_eq!(first.folder(), Some(adr));
        for (tree, old) in [(two, &first), (three, &first), (one, &first)] {
            let carried = Chain::of(&odb, tree, &path, Some(old)).expect("carried");
            let fresh = Chain::of(&odb, tree, &path, None).expect("fresh");
            assert_eq!(carried.0, fresh.0);
        }
        assert_eq!(
            Chain::of(&odb, two, &path, Some(&first))
                .expect("two")
                .folder(),
            Some(adr),
            "only src changed"
        );
        // Not a folder there, or not there at all.
        let file = tree_of(&repo, &[("doc", "a file")]);
        let none = tree_of(&repo, &[("README.md", "")]);
        for tree in [file, none] {
            let chain = Chain::of(&odb, tree, &path, Some(&first)).expect("chain");
            assert_eq!(chain.0, vec![Some(tree), None, None]);
        }
        // The top of the work tree is the root itself.
        assert_eq!(
            Chain::of(&odb, one, &[], None).expect("top").folder(),
            Some(one)
        );
        // An id that is no tree is an error, not an empty folder.
        let blob = repo.blob(b"x").expect("blob");
        assert!(Chain::of(&odb, blob, &path, None).is_err());
    }
}
