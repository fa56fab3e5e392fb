//! What `adr` knows of git: dates, authors and status history from the
//! commits, the log as it stood at a revision, numbers taken on other
//! branches, moves staged like `git mv`, and optional commits.
//!
//! Every function degrades: outside a work tree, with no commits yet or in
//! a shallow clone, callers get `None` or a note, never an error.

mod cache;
pub(crate) mod commit;
pub(crate) mod history;
pub(crate) mod revision;
#[cfg(test)]
mod test_tree;
pub(crate) mod tree;
mod tree_diff;

use std::path::{Path, PathBuf};

use git2::Repository;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::record::Record;

pub(crate) use history::{ChangeKind, History};

/// The git work tree around the current folder, if any.
pub struct Git {
    pub repo: Repository,
    /// The work tree, canonical.
    pub workdir: PathBuf,
}

impl Git {
    /// Opens the repository containing `cwd`; `None` outside one.
    pub fn discover(cwd: &Path) -> Option<Self> {
        // Objects come from the user's own repository, read as git reads
        // them: hashing every tree again on read was a quarter of
        // `adr new` on a log of 10,000 records.
        git2::opts::strict_hash_verification(false);
        let repo = Repository::discover(cwd).ok()?;
        let workdir = repo.workdir()?.canonicalize().ok()?;
        Some(Self { repo, workdir })
    }

    /// A path as seen from the current folder, relative to the work tree
    /// with `/` (`None` when outside it).
    pub fn relative(&self, cwd: &Path, shown: &Path) -> Option<String> {
        let full = cwd.join(shown);
        let canonical = match full.canonicalize() {
            Ok(c) => c,
            // A file that no longer exists: its folder still does.
            Err(_) => full.parent()?.canonicalize().ok()?.join(full.file_name()?),
        };
        self.within(&canonical)
    }

    /// A canonical path relative to the work tree, with `/`.
    fn within(&self, canonical: &Path) -> Option<String> {
        let rel = canonical.strip_prefix(&self.workdir).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// A work-tree relative path (`/`) as seen from `cwd`: `docs/x` from
    /// the top, `../docs/x` from a folder beside it.
    pub fn shown(&self, cwd: &Path, rel: &str) -> PathBuf {
        let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
        let Ok(below) = cwd.strip_prefix(&self.workdir) else {
            return self.workdir.join(rel);
        };
        let here: Vec<String> = below
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty()).collect();
        let common = here
            .iter()
            .zip(&parts)
            .take_while(|(h, p)| h.as_str() == **p)
            .count();
        let mut path = PathBuf::new();
        for _ in common..here.len() {
            path.push("..");
        }
        for part in &parts[common..] {
            path.push(part);
        }
        path
    }

    /// For two commits neither of which is an ancestor of the other (made
    /// on different branches), their short ids; `None` otherwise or when
    /// either is unknown.
    pub fn unrelated(&self, a: &str, b: &str) -> Option<(String, String)> {
        let oa = self.repo.revparse_single(a).ok()?.id();
        let ob = self.repo.revparse_single(b).ok()?.id();
        let related = oa == ob
            || self.repo.graph_descendant_of(oa, ob).unwrap_or(true)
            || self.repo.graph_descendant_of(ob, oa).unwrap_or(true);
        (!related).then(|| (short(a).to_string(), short(b).to_string()))
    }

    /// The commit HEAD points at; `None` on an unborn branch.
    pub fn head(&self) -> Option<git2::Oid> {
        self.repo.head().ok()?.peel_to_commit().ok().map(|c| c.id())
    }

    /// Each record's path relative to the work tree (as [`Self::relative`]),
    /// each folder made canonical once rather than once per record: a
    /// file's own name needs no resolving.
    pub fn relative_all(&self, cwd: &Path, records: &[Record]) -> Vec<Option<String>> {
        let mut folders: std::collections::HashMap<&Path, Option<String>> =
            std::collections::HashMap::new();
        records
            .iter()
            .map(|record| {
                let (dir, name) = (record.dir(), record.path.file_name()?);
                let folder = folders
                    .entry(dir)
                    .or_insert_with(|| self.relative_folder(cwd, dir));
                let name = name.to_string_lossy();
                Some(match folder.as_deref()? {
                    "" => name.into_owned(),
                    folder => crate::log::join_path(folder, &name),
                })
            })
            .collect()
    }

    fn relative_folder(&self, cwd: &Path, dir: &Path) -> Option<String> {
        self.within(&cwd.join(dir).canonicalize().ok()?)
    }

    /// The blob of each record's path in HEAD's tree, read folder by
    /// folder rather than one lookup per record.
    pub fn head_blobs(
        &self,
        cwd: &Path,
        records: &[Record],
    ) -> std::collections::HashMap<String, git2::Oid> {
        let rels = self.relative_all(cwd, records);
        let blobs = self.head_blobs_at(&rels);
        rels.into_iter()
            .zip(blobs)
            .filter_map(|(rel, blob)| Some((rel?, blob?)))
            .collect()
    }

    /// The blob in HEAD's tree of each of `rels` (work-tree relative
    /// paths), in the same order: each folder's tree is read once and its
    /// entries matched by name, nothing allocated per entry.
    pub fn head_blobs_at(&self, rels: &[Option<String>]) -> Vec<Option<git2::Oid>> {
        let mut found = vec![None; rels.len()];
        let Some(tree) = self
            .head()
            .and_then(|h| self.repo.find_commit(h).ok())
            .and_then(|c| c.tree().ok())
        else {
            return found;
        };
        let mut wanted: std::collections::BTreeMap<&str, std::collections::HashMap<&str, usize>> =
            std::collections::BTreeMap::new();
        let mut repeats = Vec::new();
        for (i, rel) in rels.iter().enumerate() {
            let Some(rel) = rel.as_deref() else { continue };
            let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            if let Some(first) = wanted.entry(folder).or_default().insert(name, i) {
                repeats.push((first, i));
            }
        }
        for (folder, names) in &wanted {
            let sub = if folder.is_empty() {
                Some(tree.clone())
            } else {
                tree.get_path(Path::new(folder))
                    .ok()
                    .and_then(|e| self.repo.find_tree(e.id()).ok())
            };
            for entry in sub.iter().flat_map(|t| t.iter()) {
                let name = std::str::from_utf8(entry.name_bytes()).ok();
                if let Some(&i) = name.and_then(|name| names.get(name)) {
                    found[i] = Some(entry.id());
                }
            }
        }
        for (first, again) in repeats {
            found[first] = found[again];
        }
        found
    }

    /// The history of `dirs` (work-tree relative) up to HEAD when the
    /// cache in the git folder holds it; `None` otherwise (nothing walked).
    pub fn cached_history(&self, dirs: &[String]) -> Option<History> {
        cache::cached(self, self.head()?, dirs)
    }

    /// The history of the given folders (shown paths), from the cache in
    /// the git folder when HEAD has not moved, walking only new commits
    /// when it moved forward.
    pub fn history(&self, cwd: &Path, dirs: &[&Path]) -> Result<Option<History>> {
        let Some(head) = self.head() else {
            return Ok(None);
        };
        let rel: Vec<String> = dirs.iter().filter_map(|d| self.relative(cwd, d)).collect();
        cache::history(self, head, &rel).map(Some)
    }
}

fn git_error(path: &Path, error: &git2::Error) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source: std::io::Error::other(error.message().to_string()),
    }
}

/// A commit that touched a record, as shown to users.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Touch {
    /// `YYYY-MM-DD`, in the author's time zone.
    pub date: String,
    pub commit: String,
    pub author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A status a record took, and when.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StatusChange {
    pub status: String,
    #[serde(flatten)]
    pub when: Touch,
}

/// What history says about one record.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Metadata {
    pub created: Option<Touch>,
    pub updated: Option<Touch>,
    pub authors: Vec<String>,
    pub status_history: Vec<StatusChange>,
    /// The working file differs from the last commit (`None`: not known).
    pub uncommitted: Option<bool>,
}

impl History {
    /// The metadata of a record at `path` (work-tree relative), with the
    /// people's email addresses.
    pub fn metadata(&self, path: &str) -> Metadata {
        self.metadata_dated(path, &Dates::default())
    }

    /// The days of every commit the history holds, each formatted once:
    /// a commit touches many records.
    pub(crate) fn dates(&self) -> Dates {
        let mut dates = Dates::default();
        for change in self.files.values().flatten() {
            dates
                .entry((change.time, change.offset))
                .or_insert_with(|| date_of(change.time, change.offset));
        }
        dates
    }

    /// [`Self::metadata`], with the days of commits known already.
    pub(crate) fn metadata_dated(&self, path: &str, dates: &Dates) -> Metadata {
        let Some(changes) = self.files.get(path) else {
            return Metadata::default();
        };
        let touch = |c: &history::Change| {
            let person = &self.people[c.author];
            Touch {
                date: dates
                    .get(&(c.time, c.offset))
                    .cloned()
                    .unwrap_or_else(|| date_of(c.time, c.offset)),
                commit: short(&c.commit).to_string(),
                author: person.name.clone(),
                email: Some(person.email.clone()),
            }
        };
        let mut authors: Vec<String> = Vec::new();
        for c in changes {
            let name = &self.people[c.author].name;
            if !authors.contains(name) {
                authors.push(name.clone());
            }
        }
        Metadata {
            created: changes
                .iter()
                .find(|c| matches!(c.kind, ChangeKind::Added))
                .or(changes.first())
                .map(touch),
            updated: changes.last().map(touch),
            authors,
            status_history: changes
                .iter()
                .filter_map(|c| {
                    c.status.as_ref().map(|s| StatusChange {
                        status: s.clone(),
                        when: touch(c),
                    })
                })
                .collect(),
            uncommitted: None,
        }
    }
}

/// `YYYY-MM-DD` of commit times, by time and UTC offset.
pub(crate) type Dates = foldhash::HashMap<(i64, i32), String>;

impl Metadata {
    /// The same, without email addresses (they are shown only when asked).
    pub fn without_emails(mut self) -> Self {
        let touches = self
            .created
            .iter_mut()
            .chain(self.updated.iter_mut())
            .chain(self.status_history.iter_mut().map(|s| &mut s.when));
        for touch in touches {
            touch.email = None;
        }
        self
    }
}

/// How many hex digits of a commit id `adr` shows: enough to stay unique
/// in repositories of millions of commits.
pub(crate) const SHORT_HASH: usize = 12;

/// A commit id as `adr` shows it.
pub(crate) fn short(commit: &str) -> &str {
    commit.get(..SHORT_HASH).unwrap_or(commit)
}

/// `YYYY-MM-DD` of a git time in its own zone.
pub(crate) fn date_of(seconds: i64, offset_minutes: i32) -> String {
    chrono::DateTime::from_timestamp(seconds + i64::from(offset_minutes) * 60, 0)
        .map(|d| crate::record::date::iso(d.date_naive()))
        .unwrap_or_default()
}

/// History metadata for each record, in record order (`None` for all when
/// there is no history), with uncommitted edits flagged from `blobs`: the
/// blob id of each record's text (see [`crate::record::facts::blob_id`]),
/// `None` where its text was not read.
pub(crate) fn metadata_for(
    git: &Git,
    history: &History,
    cwd: &Path,
    records: &[Record],
    blobs: Option<&[Option<[u8; 20]>]>,
) -> Vec<Option<Metadata>> {
    let rels = git.relative_all(cwd, records);
    let committed = committed_at(git, history, &rels);
    let dates = history.dates();
    // Each record's metadata is its own: made on every core.
    let indexes: Vec<usize> = (0..records.len()).collect();
    crate::log::parallel_map(&indexes, |&i| {
        let rel = rels[i].as_deref()?;
        let mut metadata = history.metadata_dated(rel, &dates);
        let blob = blobs.and_then(|b| b[i].as_ref());
        metadata.uncommitted = match (blob, committed[i]) {
            (Some(blob), Some(head)) => Some(*blob != head),
            (Some(_), None) => Some(true),
            _ => None,
        };
        Some(metadata)
    })
}

/// The blob in HEAD's tree of each of `rels`: from the history when it
/// knows (its cache holds them), from HEAD's trees for the others.
fn committed_at(git: &Git, history: &History, rels: &[Option<String>]) -> Vec<Option<[u8; 20]>> {
    let Some(known) = &history.committed else {
        return git.head_blobs_at(rels).into_iter().map(blob_id).collect();
    };
    let mut committed: Vec<Option<[u8; 20]>> = rels
        .iter()
        .map(|rel| known.get(rel.as_deref()?).copied())
        .collect();
    // The walk follows every Markdown file of the log's folders, so one
    // it does not hold is not in HEAD; a record it does not follow (one
    // without `.md`) is looked up.
    let unknown: Vec<usize> = (0..rels.len())
        .filter(|&i| {
            committed[i].is_none()
                && rels[i]
                    .as_deref()
                    .is_some_and(|r| !tree_diff::is_markdown(r.as_bytes()))
        })
        .collect();
    if !unknown.is_empty() {
        let asked: Vec<Option<String>> = unknown.iter().map(|&i| rels[i].clone()).collect();
        for (&i, blob) in unknown.iter().zip(git.head_blobs_at(&asked)) {
            committed[i] = blob_id(blob);
        }
    }
    committed
}

/// A blob's id as the record cache keeps it (see
/// [`crate::record::facts::blob_id`]).
pub(crate) fn blob_id(oid: Option<git2::Oid>) -> Option<[u8; 20]> {
    oid?.as_bytes().try_into().ok()
}

/// After a record moved from `from` to `to` (both relative to `cwd`), does
/// what `git mv` does when `from` was tracked: the index forgets `from` and
/// tracks `to`, so history follows the file. Returns whether it did.
pub(crate) fn stage_move(cwd: &Path, from: &Path, to: &Path) -> Result<bool> {
    let Some(git) = Git::discover(cwd) else {
        return Ok(false);
    };
    let (Some(old), Some(new)) = (git.relative(cwd, from), git.relative(cwd, to)) else {
        return Ok(false);
    };
    let error = |e: git2::Error| git_error(to, &e);
    let mut index = git.repo.index().map_err(error)?;
    if index.get_path(Path::new(&old), 0).is_none() {
        return Ok(false);
    }
    index.remove_path(Path::new(&old)).map_err(error)?;
    index.add_path(Path::new(&new)).map_err(error)?;
    index.write().map_err(error)?;
    Ok(true)
}
