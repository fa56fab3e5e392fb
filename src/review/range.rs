//! The two ends of a change (`A..B`, `A` .. the working tree, or the merge
//! base with the default branch .. the working tree) and who made it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use git2::Oid;

use crate::error::{Error, Result};
use crate::git::{Git, History, Touch, revision};
use crate::record::Record;

/// The new end of a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Head {
    Commit(Oid),
    WorkTree,
}

/// A change: from `base` to `head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Range {
    pub base: Oid,
    pub head: Head,
    /// How the base was named, for people: `main`, `merge base of HEAD and
    /// origin/main`.
    pub base_name: String,
    pub head_name: String,
}

impl Range {
    /// The commit the new end stands on: HEAD for the working tree.
    pub(crate) fn head_commit(&self, git: &Git) -> Option<Oid> {
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
pub(crate) fn default_branch(git: &Git) -> Option<(String, Oid)> {
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
pub(crate) fn merge_base(git: &Git, a: (Oid, &str), b: (Oid, &str)) -> Result<Oid> {
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
pub(crate) fn parse(git: &Git, spec: Option<&str>) -> Result<Range> {
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

/// Above this many commits in the range, the history of all of HEAD (kept
/// in the cache) is cheaper to reuse than a walk of the range itself.
const RANGE_WALK_LIMIT: usize = 1000;

/// The commits of the range that touched each record (work-tree relative
/// path), oldest first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Attribution {
    pub by_path: HashMap<String, Vec<Touch>>,
}

/// Who changed what in the range, from one walk of its commits (or the
/// cached history of HEAD when the range is most of it).
pub(crate) fn attribution(
    git: &Git,
    cwd: &Path,
    dirs: &[&Path],
    range: &Range,
) -> Result<Attribution> {
    let Some(head) = range.head_commit(git) else {
        return Ok(Attribution::default());
    };
    let error = |e: git2::Error| Error::Read {
        path: git.repo.path().to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    };
    let rel: Vec<String> = dirs.iter().filter_map(|d| git.relative(cwd, d)).collect();
    let range_commits = || -> Result<git2::Revwalk<'_>> {
        let mut walk = git.repo.revwalk().map_err(error)?;
        walk.push(head).map_err(error)?;
        walk.hide(range.base).map_err(error)?;
        Ok(walk)
    };
    // HEAD's history, cached by an earlier command, when the range is most
    // of it: no walk at all, only the range's commits picked out of it.
    let long = Some(head) == git.head()
        && range_commits()?.take(RANGE_WALK_LIMIT + 1).count() > RANGE_WALK_LIMIT;
    let cached = match long.then(|| git.cached_history(&rel)).flatten() {
        Some(cached) => {
            let commits: HashSet<String> =
                range_commits()?.flatten().map(|c| c.to_string()).collect();
            Some((cached, commits))
        }
        None => None,
    };
    let (history, commits) = match cached {
        Some((history, commits)) => (history, Some(commits)),
        // Who touched what needs no version parsed: the walk costs what
        // `git log --name-only` costs, and holds only the range's commits.
        None => {
            let mut history = History::names_only();
            history
                .walk(&git.repo, head, Some(range.base), &rel)
                .map_err(error)?;
            (history, None)
        }
    };
    let in_range =
        |c: &crate::git::history::Change| commits.as_ref().is_none_or(|s| s.contains(&c.commit));
    let mut by_path: HashMap<String, Vec<Touch>> = HashMap::new();
    let mut moved_away: Vec<(String, Touch)> = Vec::new();
    for (path, changes) in &history.files {
        let mut touches = Vec::new();
        for c in changes.iter().filter(|c| in_range(c)) {
            let touch = Touch {
                date: crate::git::date_of(c.time, c.offset),
                commit: c.commit[..c.commit.len().min(12)].to_string(),
                author: history.people[c.author].name.clone(),
                email: None,
            };
            // The commit that moved a file also took it from its old path.
            if let crate::git::ChangeKind::Renamed(old) = &c.kind {
                moved_away.push((old.clone(), touch.clone()));
            }
            touches.push(touch);
        }
        if !touches.is_empty() {
            by_path.insert(path.clone(), touches);
        }
    }
    for (old, touch) in moved_away {
        let touches = by_path.entry(old).or_default();
        if !touches.iter().any(|t| t.commit == touch.commit) {
            touches.push(touch);
        }
    }
    Ok(Attribution { by_path })
}

/// The records (shown paths) whose working file differs from HEAD's:
/// edited, added or, for `gone`, deleted and not yet committed.
pub(crate) fn uncommitted(
    git: &Git,
    cwd: &Path,
    after: &[Record],
    texts: &[Option<String>],
    gone: &[&Record],
) -> HashSet<PathBuf> {
    let mut found = HashSet::new();
    let rels = git.relative_all(cwd, after);
    let committed = git.head_blobs_at(&rels);
    for (((record, text), rel), blob) in after.iter().zip(texts).zip(&rels).zip(&committed) {
        if rel.is_none() {
            continue;
        }
        let same = text.as_deref().is_some_and(|t| {
            blob.is_some_and(|blob| crate::record::facts::blob_id(t.as_bytes()) == blob.as_bytes())
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
pub(crate) fn clean_at_head(git: &Git, cwd: &Path, dirs: &[&Path]) -> bool {
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
