//! Records whose body changed after they were accepted, for teams that
//! keep decisions append-only (the `edited-after-acceptance` rule).
//!
//! The acceptance is the first commit in which history saw the record
//! accepted; its version then is compared with the working file, other
//! than status and relation lines. Only records that differ are read
//! further, to name the commit that first changed the body.

use std::path::Path;

use crate::git::{ChangeKind, Git, History, Touch};
use crate::record::Record;

use super::body::{self, BodyEdit};

/// A record edited after its acceptance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AfterAcceptance {
    pub record: usize,
    pub accepted: Touch,
    /// The first commit that changed the body since; `None` when only the
    /// working file differs.
    pub first_edit: Option<Touch>,
    /// The accepted version against the working file.
    pub edit: BodyEdit,
}

fn touch(history: &History, change: &crate::git::history::Change) -> Touch {
    Touch {
        date: crate::git::date_of(change.time, change.offset),
        commit: change.commit[..change.commit.len().min(12)].to_string(),
        author: history.people[change.author].name.clone(),
        email: None,
    }
}

/// The text and reading of `path` at `commit`, if it was a file then.
fn version(git: &Git, commit: &str, path: &str) -> Option<(String, Record)> {
    let oid = git2::Oid::from_str(commit).ok()?;
    let tree = git.repo.find_commit(oid).ok()?.tree().ok()?;
    let entry = tree.get_path(Path::new(path)).ok()?;
    let blob = git.repo.find_blob(entry.id()).ok()?;
    if blob.size() as u64 > crate::log::MAX_RECORD_BYTES {
        return None;
    }
    let text = String::from_utf8_lossy(blob.content()).into_owned();
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file);
    let record = Record::parse(path.into(), stem, &text);
    Some((text, record))
}

/// The records of `records` (with their working `texts`) whose body
/// changed after they were first accepted.
pub(crate) fn edited_after_acceptance(
    git: &Git,
    history: &History,
    cwd: &Path,
    records: &[Record],
    texts: &[Option<String>],
) -> Vec<AfterAcceptance> {
    let mut found = Vec::new();
    for (i, (record, text)) in records.iter().zip(texts).enumerate() {
        let (Some(text), Some(rel)) = (text, git.relative(cwd, &record.path)) else {
            continue;
        };
        let Some(changes) = history.files.get(&rel) else {
            continue;
        };
        let Some(k) = changes
            .iter()
            .position(|c| c.status.as_deref() == Some("accepted"))
        else {
            continue;
        };
        // The path each change left the file at, walking back over renames.
        let mut paths = vec![rel.clone(); changes.len()];
        let mut current = rel.clone();
        for j in (0..changes.len()).rev() {
            paths[j] = current.clone();
            if let ChangeKind::Renamed(from) = &changes[j].kind {
                current = from.clone();
            }
        }
        let Some((accepted_text, accepted)) = version(git, &changes[k].commit, &paths[k]) else {
            continue;
        };
        let renamed = |path: &str| path != paths[k];
        let Some(edit) = body::edit(&accepted_text, &accepted, text, record, renamed(&rel)) else {
            continue;
        };
        let first_edit = changes
            .iter()
            .zip(&paths)
            .skip(k + 1)
            .filter(|(c, _)| c.kind != ChangeKind::Deleted)
            .find(|(c, path)| {
                version(git, &c.commit, path).is_some_and(|(t, r)| {
                    body::edit(&accepted_text, &accepted, &t, &r, renamed(path)).is_some()
                })
            })
            .map(|(c, _)| touch(history, c));
        found.push(AfterAcceptance {
            record: i,
            accepted: touch(history, &changes[k]),
            first_edit,
            edit,
        });
    }
    found
}
