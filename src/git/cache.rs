//! The history cache: kept in the git folder (never committed), keyed by
//! the folders walked and the commit the walk ended at. A HEAD that moved
//! forward walks only the new commits; a rebase or a reset walks again.

use std::fs;
use std::io::Write;

use git2::Oid;
use serde::{Deserialize, Serialize};

use crate::error::Result;

use super::{Git, History, git_error};

const FILE: &str = "adr-history.json";
/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Cached {
    version: u32,
    dirs: Vec<String>,
    history: History,
}

/// The cached history of `dirs` when it ends at `head`, without walking.
pub(super) fn cached(git: &Git, head: Oid, dirs: &[String]) -> Option<History> {
    let bytes = fs::read(git.repo.path().join(FILE)).ok()?;
    let cached: Cached = serde_json::from_slice(&bytes).ok()?;
    (cached.version == VERSION
        && cached.dirs == dirs
        && cached.history.head == head.to_string()
        && cached.history.shallow == git.repo.is_shallow())
    .then_some(cached.history)
}

pub(super) fn history(git: &Git, head: Oid, dirs: &[String]) -> Result<History> {
    let path = git.repo.path().join(FILE);
    let cached: Option<Cached> = fs::read(&path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|c: &Cached| c.version == VERSION && c.dirs == dirs);
    let shallow = git.repo.is_shallow();
    if let Some(cached) = &cached
        && cached.history.head == head.to_string()
        && cached.history.shallow == shallow
    {
        return Ok(cached.history.clone());
    }
    let error = |e: git2::Error| git_error(&path, &e);
    let mut history = History::default();
    let mut since = None;
    if let Some(cached) = cached
        && let Ok(old_head) = Oid::from_str(&cached.history.head)
        && git
            .repo
            .graph_descendant_of(head, old_head)
            .unwrap_or(false)
        && cached.history.shallow == shallow
    {
        history = cached.history;
        since = Some(old_head);
    }
    history.shallow = shallow;
    history.walk(&git.repo, head, since, dirs).map_err(error)?;
    store(git, &path, dirs, &history);
    Ok(history)
}

/// Best effort: a read-only git folder only costs the next run a walk.
fn store(git: &Git, path: &std::path::Path, dirs: &[String], history: &History) {
    let cached = Cached {
        version: VERSION,
        dirs: dirs.to_vec(),
        history: history.clone(),
    };
    let Ok(bytes) = serde_json::to_vec(&cached) else {
        return;
    };
    let Ok(mut temp) = tempfile::NamedTempFile::new_in(git.repo.path()) else {
        return;
    };
    if temp.write_all(&bytes).is_ok() {
        let _ = temp.persist(path);
    }
}
