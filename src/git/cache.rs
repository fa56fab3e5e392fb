//! The history cache: kept in the git folder (never committed), keyed by
//! the folders walked and the commit the walk ended at. A HEAD that moved
//! forward walks only the new commits; a rebase or a reset walks again.

use std::fs;
use std::io::Write;

use git2::Oid;

use crate::error::Result;
use crate::log::codec::{Reader, Writer};

use super::{Git, History, git_error};

const FILE: &str = "adr-history.cache";
/// What a history cache starts with; the last byte is bumped whenever
/// what is cached changes meaning.
const MAGIC: &[u8] = b"adr-history\x004";

struct Cached {
    dirs: Vec<String>,
    history: History,
}

impl Cached {
    fn read(path: &std::path::Path) -> Option<Self> {
        let bytes = fs::read(path).ok()?;
        let mut r = Reader::new(bytes.strip_prefix(MAGIC)?);
        let dirs = r.strings()?;
        let history = History::decode(&mut r)?;
        r.is_empty().then_some(Self { dirs, history })
    }
}

/// The bytes of a cache of `history`, walked for `dirs`.
fn encode(dirs: &[String], history: &History) -> Vec<u8> {
    let mut w = Writer::default();
    w.raw(MAGIC);
    w.strs(dirs);
    history.encode(&mut w);
    w.bytes
}

/// The cached history of `dirs` when it ends at `head`, without walking.
pub(super) fn cached(git: &Git, head: Oid, dirs: &[String]) -> Option<History> {
    let cached = Cached::read(&git.repo.path().join(FILE))?;
    (cached.dirs == dirs
        && cached.history.head == head.to_string()
        && cached.history.shallow == git.repo.is_shallow())
    .then_some(cached.history)
}

pub(super) fn history(git: &Git, head: Oid, dirs: &[String]) -> Result<History> {
    let path = git.repo.path().join(FILE);
    let cached = Cached::read(&path).filter(|c| c.dirs == dirs);
    let shallow = git.repo.is_shallow();
    let cached = match cached {
        Some(cached)
            if cached.history.head == head.to_string() && cached.history.shallow == shallow =>
        {
            return Ok(cached.history);
        }
        other => other,
    };
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
    history.committed = Some(committed_blobs(git, &history));
    store(git, &path, dirs, &history);
    Ok(history)
}

/// The blob in HEAD's tree of each file the history holds, read once
/// per walk and cached with it.
fn committed_blobs(git: &Git, history: &History) -> foldhash::HashMap<String, [u8; 20]> {
    let paths: Vec<Option<String>> = history.files.keys().cloned().map(Some).collect();
    let blobs = git.head_blobs_at(&paths);
    paths
        .into_iter()
        .zip(blobs)
        .filter_map(|(path, blob)| Some((path?, super::blob_id(blob)?)))
        .collect()
}

/// Best effort: a read-only git folder only costs the next run a walk.
fn store(git: &Git, path: &std::path::Path, dirs: &[String], history: &History) {
    let bytes = encode(dirs, history);
    let Ok(mut temp) = tempfile::NamedTempFile::new_in(git.repo.path()) else {
        return;
    };
    if temp.write_all(&bytes).is_ok() && temp.persist(path).is_ok() {
        // Earlier builds kept the history as JSON under another name.
        let _ = fs::remove_file(git.repo.path().join("adr-history.json"));
    }
}
