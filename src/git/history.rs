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
}

/// The last known content of a record, to compare the next change with.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Snapshot {
    blob: String,
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
    last: BTreeMap<String, Snapshot>,
    /// The clone is shallow: the oldest dates are those of the cut.
    pub shallow: bool,
}

/// A changed Markdown file between two trees: (path, old blob, new blob).
type Delta = (String, Option<Oid>, Option<Oid>);

impl History {
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
        let mut walk = repo.revwalk()?;
        walk.push(head)?;
        if let Some(since) = since {
            walk.hide(since)?;
        }
        walk.set_sorting(Sort::TOPOLOGICAL | Sort::REVERSE)?;
        for oid in walk {
            let commit = repo.find_commit(oid?)?;
            // Like `git log --name-only`: a merge's changes belong to the
            // commits that made them.
            if commit.parent_count() > 1 {
                continue;
            }
            let tree = commit.tree()?;
            let parent_tree = match commit.parent(0) {
                Ok(parent) => Some(parent.tree()?),
                Err(_) => None,
            };
            let mut deltas: Vec<Delta> = Vec::new();
            for dir in dirs {
                let new = subtree(repo, &tree, dir)?;
                let old = match &parent_tree {
                    Some(t) => subtree(repo, t, dir)?,
                    None => None,
                };
                if new.as_ref().map(Tree::id) != old.as_ref().map(Tree::id) {
                    diff_trees(repo, old.as_ref(), new.as_ref(), dir, &mut deltas)?;
                }
            }
            if !deltas.is_empty() {
                self.record(repo, &commit, deltas)?;
            }
        }
        self.head = head.to_string();
        Ok(())
    }

    fn person(&mut self, signature: &git2::Signature<'_>) -> usize {
        let person = Person {
            name: String::from_utf8_lossy(signature.name_bytes()).into_owned(),
            email: String::from_utf8_lossy(signature.email_bytes()).into_owned(),
        };
        match self.people.iter().position(|p| *p == person) {
            Some(i) => i,
            None => {
                self.people.push(person);
                self.people.len() - 1
            }
        }
    }

    fn record(
        &mut self,
        repo: &Repository,
        commit: &git2::Commit<'_>,
        deltas: Vec<Delta>,
    ) -> Result<(), git2::Error> {
        let author = self.person(&commit.author());
        let time = commit.author().when();
        let id = commit.id().to_string();
        // A file deleted and another added with the same content: a move.
        let mut renamed_from: BTreeMap<String, String> = BTreeMap::new();
        for (path, old, new) in &deltas {
            if let (None, Some(blob)) = (old, new)
                && let Some((from, _, _)) = deltas
                    .iter()
                    .find(|(p, o, n)| n.is_none() && *o == Some(*blob) && p != path)
            {
                renamed_from.insert(path.clone(), from.clone());
            }
        }
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
                    self.last.remove(path);
                }
                continue;
            };
            let previous = match renamed_from.get(path) {
                Some(from) => {
                    let snapshot = self.last.remove(from).unwrap_or_default();
                    // The record keeps its past under its new name.
                    if let Some(past) = self.files.remove(from) {
                        self.files.insert(path.clone(), past);
                    }
                    snapshot
                }
                None => self.last.get(path).cloned().unwrap_or_default(),
            };
            let content = repo.find_blob(*blob)?;
            let text = String::from_utf8_lossy(content.content());
            let stem = path
                .rsplit('/')
                .next()
                .unwrap_or(path)
                .trim_end_matches(".md");
            let parsed = Record::parse(path.into(), stem, &text);
            let status = parsed.status.as_ref().map(|s| s.kind.to_string());
            let links: Vec<(String, String)> = parsed
                .links
                .iter()
                .map(|l| (l.kind.clone(), l.raw.clone()))
                .collect();
            let links_added: Vec<(String, String)> = links
                .iter()
                .filter(|l| !previous.links.contains(l))
                .cloned()
                .collect();
            let kind = match (renamed_from.get(path), old) {
                (Some(from), _) => ChangeKind::Renamed(from.clone()),
                (None, None) => ChangeKind::Added,
                (None, Some(_)) => ChangeKind::Modified,
            };
            let status_changed = (status != previous.status || kind == ChangeKind::Added)
                .then(|| status.clone())
                .flatten();
            self.push(path, &id, time, author, kind, status_changed, links_added);
            self.last.insert(
                path.clone(),
                Snapshot {
                    blob: blob.to_string(),
                    status,
                    links,
                },
            );
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
            });
    }
}

/// The tree at `dir` inside `tree`, if there is one.
fn subtree<'r>(
    repo: &'r Repository,
    tree: &Tree<'r>,
    dir: &str,
) -> Result<Option<Tree<'r>>, git2::Error> {
    if dir.is_empty() {
        return Ok(Some(tree.clone()));
    }
    match tree.get_path(std::path::Path::new(dir)) {
        Ok(entry) if entry.kind() == Some(ObjectType::Tree) => {
            Ok(Some(repo.find_tree(entry.id())?))
        }
        Ok(_) => Ok(None),
        Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// The Markdown files that differ between two trees, recursing only into
/// sub-trees whose ids differ.
fn diff_trees(
    repo: &Repository,
    old: Option<&Tree<'_>>,
    new: Option<&Tree<'_>>,
    prefix: &str,
    out: &mut Vec<Delta>,
) -> Result<(), git2::Error> {
    let entries = |tree: Option<&Tree<'_>>| -> BTreeMap<Vec<u8>, (Oid, Option<ObjectType>)> {
        tree.map(|t| {
            t.iter()
                .map(|e| (e.name_bytes().to_vec(), (e.id(), e.kind())))
                .collect()
        })
        .unwrap_or_default()
    };
    let (before, after) = (entries(old), entries(new));
    let mut names: Vec<&Vec<u8>> = before.keys().chain(after.keys()).collect();
    names.sort();
    names.dedup();
    for name in names {
        let (b, a) = (before.get(name), after.get(name));
        if b.map(|x| x.0) == a.map(|x| x.0) {
            continue;
        }
        let name_text = String::from_utf8_lossy(name);
        let path = if prefix.is_empty() {
            name_text.into_owned()
        } else {
            format!("{prefix}/{name_text}")
        };
        let is_tree = |x: Option<&(Oid, Option<ObjectType>)>| {
            x.is_some_and(|x| x.1 == Some(ObjectType::Tree))
        };
        if is_tree(b) || is_tree(a) {
            let old_sub = b
                .filter(|x| x.1 == Some(ObjectType::Tree))
                .map(|x| repo.find_tree(x.0))
                .transpose()?;
            let new_sub = a
                .filter(|x| x.1 == Some(ObjectType::Tree))
                .map(|x| repo.find_tree(x.0))
                .transpose()?;
            diff_trees(repo, old_sub.as_ref(), new_sub.as_ref(), &path, out)?;
            continue;
        }
        if !path.to_ascii_lowercase().ends_with(".md") {
            continue;
        }
        let blob = |x: Option<&(Oid, Option<ObjectType>)>| {
            x.filter(|x| x.1 == Some(ObjectType::Blob)).map(|x| x.0)
        };
        out.push((path, blob(b), blob(a)));
    }
    Ok(())
}
