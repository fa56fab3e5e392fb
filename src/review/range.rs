//! The two ends of a change (`A..B`, `A` .. the working tree, or the merge
//! base with the default branch .. the working tree) and who made it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use git2::Oid;

use crate::error::{Error, Result};
use crate::git::{Git, Touch, revision};
use crate::record::Record;

/// The new end of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Commit(Oid),
    WorkTree,
}

/// A change: from `base` to `head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Range {
    pub base: Oid,
    pub head: Head,
    /// How the base was named, for people: `main`, `merge base of HEAD and
    /// origin/main`.
    pub base_name: String,
    pub head_name: String,
}

impl Range {
    /// The commit the new end stands on: HEAD for the working tree.
    pub fn head_commit(&self, git: &Git) -> Option<Oid> {
        match self.head {
            Head::Commit(c) => Some(c),
            Head::WorkTree => git.head(),
        }
    }
}

fn short(oid: Oid) -> String {
    oid.to_string()[..7].to_string()
}

/// The branch a pull request merges into: `origin/HEAD`, else `main`,
/// else `master` (local, then `origin/`).
pub fn default_branch(git: &Git) -> Option<(String, Oid)> {
    if let Ok(reference) = git.repo.find_reference("refs/remotes/origin/HEAD")
        && let Ok(resolved) = reference.resolve()
        && let Some(target) = resolved.target()
    {
        let name = resolved
            .shorthand()
            .ok()
            .map_or_else(|| "origin/HEAD".to_string(), str::to_string);
        return Some((name, target));
    }
    for name in ["main", "master", "origin/main", "origin/master"] {
        let full = if name.starts_with("origin/") {
            format!("refs/remotes/{name}")
        } else {
            format!("refs/heads/{name}")
        };
        if let Ok(reference) = git.repo.find_reference(&full)
            && let Ok(commit) = reference.peel_to_commit()
        {
            return Some((name.to_string(), commit.id()));
        }
    }
    None
}

/// The merge base of two commits, with the reason when there is none.
pub fn merge_base(git: &Git, a: (Oid, &str), b: (Oid, &str)) -> Result<Oid> {
    git.repo.merge_base(a.0, b.0).map_err(|_| {
        if git.repo.is_shallow() {
            Error::History(format!(
                "this clone is shallow and the merge base of {} and {} is not in it; fetch the history (`git fetch --unshallow`, or `fetch-depth: 0` with actions/checkout) or name the base: `adr diff REV`",
                a.1, b.1
            ))
        } else {
            Error::History(format!(
                "{} and {} have no commit in common; name the base: `adr diff REV`",
                a.1, b.1
            ))
        }
    })
}

/// Reads `A..B`, `A...B` (from their merge base), `A` (A .. the working
/// tree), or nothing (the merge base of HEAD and the default branch ..
/// the working tree).
pub fn parse(git: &Git, spec: Option<&str>) -> Result<Range> {
    let Some(head) = git.head() else {
        return Err(Error::History(
            "this repository has no commits yet, so there is nothing to compare the working tree with".into(),
        ));
    };
    let Some(spec) = spec.map(str::trim).filter(|s| !s.is_empty()) else {
        let Some((name, branch)) = default_branch(git) else {
            return Err(Error::History(
                "there is no default branch to compare with (no origin/HEAD, main or master); name the base: `adr diff REV`".into(),
            ));
        };
        let base = merge_base(git, (head, "HEAD"), (branch, &name))?;
        return Ok(Range {
            base,
            head: Head::WorkTree,
            base_name: if base == head {
                format!("HEAD ({})", short(base))
            } else {
                format!("merge base of HEAD and {name} ({})", short(base))
            },
            head_name: "working tree".into(),
        });
    };
    let resolve = |rev: &str| -> Result<Oid> {
        if rev.is_empty() {
            Ok(head)
        } else {
            revision::resolve(git, rev)
        }
    };
    if let Some((a, b)) = spec.split_once("...") {
        let (a_id, b_id) = (resolve(a)?, resolve(b)?);
        let (a_name, b_name) = (or_head(a), or_head(b));
        let base = merge_base(git, (a_id, a_name), (b_id, b_name))?;
        return Ok(Range {
            base,
            head: Head::Commit(b_id),
            base_name: format!("merge base of {a_name} and {b_name} ({})", short(base)),
            head_name: format!("{b_name} ({})", short(b_id)),
        });
    }
    if let Some((a, b)) = spec.split_once("..") {
        let (a_id, b_id) = (resolve(a)?, resolve(b)?);
        return Ok(Range {
            base: a_id,
            head: Head::Commit(b_id),
            base_name: format!("{} ({})", or_head(a), short(a_id)),
            head_name: format!("{} ({})", or_head(b), short(b_id)),
        });
    }
    let base = resolve(spec)?;
    Ok(Range {
        base,
        head: Head::WorkTree,
        base_name: format!("{spec} ({})", short(base)),
        head_name: "working tree".into(),
    })
}

fn or_head(rev: &str) -> &str {
    if rev.is_empty() { "HEAD" } else { rev }
}

/// The commits of the range that touched each record (work-tree relative
/// path), oldest first.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    pub by_path: HashMap<String, Vec<Touch>>,
}

/// Who changed what in the range: one walk of its commits, comparing only
/// the log folders' trees with each parent's (as `git log --name-only --
/// DIR` does, without reading a record's content). Merges add nothing of
/// their own.
pub fn attribution(git: &Git, cwd: &Path, dirs: &[&Path], range: &Range) -> Result<Attribution> {
    let Some(head) = range.head_commit(git) else {
        return Ok(Attribution::default());
    };
    let error = |e: git2::Error| Error::Read {
        path: git.repo.path().to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    };
    let rel: Vec<String> = dirs.iter().filter_map(|d| git.relative(cwd, d)).collect();
    // The objects are the user's own: checking each one's hash on read
    // would make the walk several times slower (as in the history walk).
    git2::opts::strict_hash_verification(false);
    let repo = &git.repo;
    let mut walk = repo.revwalk().map_err(error)?;
    walk.push(head).map_err(error)?;
    walk.hide(range.base).map_err(error)?;
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::REVERSE)
        .map_err(error)?;
    let mut by_path: HashMap<String, Vec<Touch>> = HashMap::new();
    let mut previous: Option<(Oid, Vec<Option<Oid>>)> = None;
    let mut changed = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid.map_err(error)?).map_err(error)?;
        if commit.parent_count() > 1 {
            previous = None;
            continue;
        }
        let tree = commit.tree().map_err(error)?;
        let new: Vec<Option<Oid>> = rel.iter().map(|d| subtree(&tree, d)).collect();
        let old: Vec<Option<Oid>> = match (commit.parent_id(0), &previous) {
            (Ok(parent), Some((id, trees))) if parent == *id => trees.clone(),
            (Ok(_), _) => {
                let parent = commit.parent(0).and_then(|p| p.tree()).map_err(error)?;
                rel.iter().map(|d| subtree(&parent, d)).collect()
            }
            (Err(_), _) => vec![None; rel.len()],
        };
        changed.clear();
        for ((dir, n), o) in rel.iter().zip(&new).zip(&old) {
            if n != o {
                changed_files(repo, *o, *n, dir, &mut changed).map_err(error)?;
            }
        }
        if !changed.is_empty() {
            let author = commit.author();
            let when = author.when();
            let touch = Touch {
                date: crate::git::date_of(when.seconds(), when.offset_minutes()),
                commit: commit.id().to_string()[..12].to_string(),
                author: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                email: None,
            };
            for path in changed.drain(..) {
                by_path.entry(path).or_default().push(touch.clone());
            }
        }
        previous = Some((commit.id(), new));
    }
    Ok(Attribution { by_path })
}

/// A tree's entries, each with whether it is a sub-tree.
fn entries<'t>(tree: Option<&'t git2::Tree<'_>>) -> Vec<(bool, git2::TreeEntry<'t>)> {
    tree.iter()
        .flat_map(|t| t.iter())
        .map(|e| (e.kind() == Some(git2::ObjectType::Tree), e))
        .collect()
}

/// Git's order of tree entries: by name, a sub-tree as if followed by `/`.
fn git_order(
    a: &(bool, git2::TreeEntry<'_>),
    b: &(bool, git2::TreeEntry<'_>),
) -> std::cmp::Ordering {
    let (an, bn) = (a.1.name_bytes(), b.1.name_bytes());
    let common = an.len().min(bn.len());
    an[..common].cmp(&bn[..common]).then_with(|| {
        let next = |name: &[u8], tree: bool| name.get(common).copied().or(tree.then_some(b'/'));
        next(an, a.0).cmp(&next(bn, b.0))
    })
}

/// The id of the tree at `dir` in `tree`.
fn subtree(tree: &git2::Tree<'_>, dir: &str) -> Option<Oid> {
    if dir.is_empty() {
        return Some(tree.id());
    }
    tree.get_path(Path::new(dir))
        .ok()
        .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
        .map(|e| e.id())
}

/// The paths of Markdown files that differ between two trees, descending
/// only into sub-trees whose ids differ.
fn changed_files(
    repo: &git2::Repository,
    old: Option<Oid>,
    new: Option<Oid>,
    prefix: &str,
    out: &mut Vec<String>,
) -> std::result::Result<(), git2::Error> {
    let (old_tree, new_tree) = (
        old.map(|id| repo.find_tree(id)).transpose()?,
        new.map(|id| repo.find_tree(id)).transpose()?,
    );
    let (before, after) = (entries(old_tree.as_ref()), entries(new_tree.as_ref()));
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(b), Some(a)) => git_order(b, a),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (b, a) = match order {
            std::cmp::Ordering::Less => (before.get(i), None),
            std::cmp::Ordering::Greater => (None, after.get(j)),
            std::cmp::Ordering::Equal => (before.get(i), after.get(j)),
        };
        if b.is_some() {
            i += 1;
        }
        if a.is_some() {
            j += 1;
        }
        if let (Some(b), Some(a)) = (b, a)
            && b.1.id() == a.1.id()
        {
            continue;
        }
        let Some((is_tree, entry)) = a.or(b) else {
            continue;
        };
        let text = String::from_utf8_lossy(entry.name_bytes());
        let path = if prefix.is_empty() {
            text.into_owned()
        } else {
            format!("{prefix}/{text}")
        };
        if *is_tree {
            let tree_of =
                |x: Option<&(bool, git2::TreeEntry<'_>)>| x.filter(|x| x.0).map(|x| x.1.id());
            changed_files(repo, tree_of(b), tree_of(a), &path, out)?;
        } else if path.to_ascii_lowercase().ends_with(".md") {
            out.push(path);
        }
    }
    Ok(())
}

/// The records (shown paths) whose working file differs from HEAD's:
/// edited, added or, for `gone`, deleted and not yet committed.
pub fn uncommitted(
    git: &Git,
    cwd: &Path,
    after: &[Record],
    texts: &[Option<String>],
    gone: &[&Record],
) -> HashSet<PathBuf> {
    let mut found = HashSet::new();
    let committed = git.head_blobs(cwd, after);
    for (record, text) in after.iter().zip(texts) {
        let Some(rel) = git.relative(cwd, &record.path) else {
            continue;
        };
        let same = text.as_deref().is_some_and(|t| {
            committed.get(&rel).is_some_and(|blob| {
                git2::Oid::hash_object(git2::ObjectType::Blob, t.as_bytes()).ok() == Some(*blob)
            })
        });
        if !same {
            found.insert(record.path.clone());
        }
    }
    let owned: Vec<Record> = gone.iter().map(|r| (*r).clone()).collect();
    let committed = git.head_blobs(cwd, &owned);
    for record in gone {
        if let Some(rel) = git.relative(cwd, &record.path)
            && committed.contains_key(&rel)
        {
            found.insert(record.path.clone());
        }
    }
    found
}

/// Whether the working files of the folders `dirs` (shown paths) are
/// exactly HEAD's: nothing modified, deleted, added, untracked or ignored.
/// Then the log as it is now is the log at HEAD, read without writing a
/// snapshot.
pub fn clean_at_head(git: &Git, cwd: &Path, dirs: &[&Path]) -> bool {
    let rel: Vec<String> = dirs.iter().filter_map(|d| git.relative(cwd, d)).collect();
    if rel.len() != dirs.len() {
        return false;
    }
    let mut options = git2::StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(true)
        .recurse_ignored_dirs(true);
    for dir in &rel {
        options.pathspec(if dir.is_empty() { "." } else { dir });
    }
    git.repo
        .statuses(Some(&mut options))
        .is_ok_and(|s| s.is_empty())
}
