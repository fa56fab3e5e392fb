//! The record cache, as git's index is for a work tree: what the reader
//! found in each record file, kept with the file's size, times, inode and
//! device so that a file which did not change is not read again.
//!
//! It is an optimisation only: a cache that is missing, unreadable,
//! corrupt, too large or written by another build is ignored and written
//! again. It holds no path to read: records are still found by the scan,
//! and a cached entry is used only for a file the scan found, whose
//! stamp (`lstat`) is the one stored. A symlinked record is never cached,
//! so the confined reader judges it every time.
//!
//! "Racy" entries are handled as git does: a file whose mtime or ctime is
//! not older than the moment its cache was begun (less a margin for
//! coarse file-system clocks) may have changed since without its stamp
//! changing, so it is not trusted; it is read again and kept by a later
//! cache, begun after it.

pub(crate) mod codec;

use foldhash::{HashMap, HashMapExt};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::project::Project;
use crate::record::Record;
use crate::record::facts::TextFacts;

use super::load::read_one_with_text;
use super::parallel_map;
use super::resolve::Resolution;
use super::scan::RecordFile;

use codec::{Reader, Writer};

/// The cache's file in the project's state folder.
pub(crate) const FILE_NAME: &str = "adr-records.cache";
const MAGIC: &[u8; 8] = b"ADRCACHE";
/// Bumped whenever the encoding changes.
const FORMAT: u64 = 2;
/// A cache larger than this is neither read nor written.
pub(crate) const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// How much older than the cache a file's times must be to be trusted:
/// file-system clocks are coarse (FAT's is two seconds) and lag the
/// system clock.
const RACY_MARGIN: Duration = Duration::from_secs(2);

/// What identifies a file's content without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub(crate) size: u64,
    pub(crate) mtime_ns: i64,
    pub(crate) ctime_ns: i64,
    pub(crate) inode: u64,
    pub(crate) device: u64,
}

impl Stamp {
    /// The stamp of a regular file that is not a symlink; `None` for
    /// anything else, which is never cached.
    pub(crate) fn of(path: &Path) -> Option<Self> {
        let meta = fs::symlink_metadata(path).ok()?;
        if !meta.file_type().is_file() {
            return None;
        }
        Some(Self::from_metadata(&meta))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
        Self {
            size: meta.size(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
            device: meta.dev(),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(meta: &fs::Metadata) -> Self {
        let ns = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        };
        Self {
            size: meta.len(),
            mtime_ns: ns(meta.modified()),
            ctime_ns: ns(meta.created()),
            inode: 0,
            device: 0,
        }
    }

    fn put(&self, w: &mut Writer) {
        w.u64(self.size);
        w.i64(self.mtime_ns);
        w.i64(self.ctime_ns);
        w.u64(self.inode);
        w.u64(self.device);
    }

    fn get(r: &mut Reader<'_>) -> Option<Self> {
        Some(Self {
            size: r.u64()?,
            mtime_ns: r.i64()?,
            ctime_ns: r.i64()?,
            inode: r.u64()?,
            device: r.u64()?,
        })
    }

    /// Whether the file may have changed since `begun` without this stamp
    /// showing it.
    fn is_racy(&self, begun_ns: i64) -> bool {
        self.mtime_ns.max(self.ctime_ns) >= begun_ns
    }
}

/// Now, in nanoseconds since the epoch, less the racy margin: files
/// stamped after it are not trusted by a cache begun now.
pub(crate) fn begun_now() -> i64 {
    SystemTime::now()
        .checked_sub(RACY_MARGIN)
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// One file's cached reading, and the bytes it was read from (kept as
/// they are when the cache is written again).
pub(crate) struct Cached<'c> {
    pub(crate) record: Record,
    pub(crate) facts: TextFacts,
    pub(crate) encoded: &'c [u8],
}

/// A cache as read: each entry's stamp and where its record is.
pub(crate) struct Cache {
    bytes: Vec<u8>,
    /// Absolute path → (stamp, offset and length of the record's bytes).
    entries: HashMap<Vec<u8>, (Stamp, usize, usize)>,
    begun_ns: i64,
    /// How the links of the log were resolved, with the fingerprint of
    /// the files it was resolved from.
    resolution: Option<(u64, Resolution)>,
}

/// What makes a cache this build's: the version, and the executable
/// itself, so a rebuilt `adr` whose reader changed never trusts an
/// earlier one's cache.
fn identity() -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes(env!("CARGO_PKG_VERSION").as_bytes());
    match std::env::current_exe()
        .ok()
        .and_then(|exe| fs::metadata(exe).ok())
    {
        #[cfg(unix)]
        Some(meta) => Stamp::from_metadata(&meta).put(&mut w),
        _ => w.u8(0),
    }
    w.bytes
}

/// A cheap check sum, to tell a damaged file from a cache.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(0x0100_0000_01b3)
            .rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ bytes.len() as u64
}

fn path_key(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

impl Cache {
    /// The cache at `path` if it is whole and this build's; `None`
    /// otherwise, whatever the file holds.
    pub(crate) fn read(path: &Path, state_dir: &Path) -> Option<Self> {
        let within = state_dir.canonicalize().ok()?;
        let bytes = crate::log::read_within(path, &within, MAX_BYTES).ok()?;
        Self::decode(bytes)
    }

    fn decode(bytes: Vec<u8>) -> Option<Self> {
        Self::decode_as(&identity(), bytes)
    }

    fn decode_as(identity: &[u8], bytes: Vec<u8>) -> Option<Self> {
        let body_at = MAGIC.len() + 8;
        if bytes.len() < body_at || &bytes[..MAGIC.len()] != MAGIC {
            return None;
        }
        let sum = u64::from_le_bytes(bytes[MAGIC.len()..body_at].try_into().ok()?);
        if checksum(&bytes[body_at..]) != sum {
            return None;
        }
        let mut r = Reader::new(&bytes[body_at..]);
        if r.u64()? != FORMAT || r.bytes()? != identity {
            return None;
        }
        let begun_ns = r.i64()?;
        let n = usize::try_from(r.var()?).ok()?;
        let mut entries = HashMap::with_capacity(n.min(bytes.len() / 48));
        for _ in 0..n {
            let key = r.bytes()?.to_vec();
            let stamp = Stamp::get(&mut r)?;
            let len = usize::try_from(r.var()?).ok()?;
            let at = bytes.len() - r.remaining();
            r.take(len)?;
            entries.insert(key, (stamp, at, len));
        }
        let resolution = get_resolution(&mut r)?;
        if !r.is_empty() {
            return None;
        }
        Some(Self {
            bytes,
            entries,
            begun_ns,
            resolution,
        })
    }

    /// The cached reading of the file at `absolute` (its record shown as
    /// `shown`), if its stamp is still `stamp` and was not racy.
    pub(crate) fn get(&self, absolute: &Path, stamp: &Stamp, shown: &Path) -> Option<Cached<'_>> {
        let encoded = self.encoded(absolute, *stamp)?;
        if stamp.is_racy(self.begun_ns) {
            return None;
        }
        let mut r = Reader::new(encoded);
        let record = codec::get_record(&mut r, shown.to_path_buf())?;
        let facts = codec::get_facts(&mut r)?;
        Some(Cached {
            record,
            facts,
            encoded,
        })
    }

    /// The bytes the cache holds for the file at `absolute` under `stamp`.
    fn encoded(&self, absolute: &Path, stamp: Stamp) -> Option<&[u8]> {
        let (stored, at, len) = self.entries.get(absolute.as_os_str().as_encoded_bytes())?;
        (*stored == stamp).then(|| self.bytes.get(*at..at + len))?
    }
}

/// One file to keep in a new cache.
pub(crate) struct Keep<'a> {
    pub(crate) absolute: &'a Path,
    pub(crate) stamp: Stamp,
    pub(crate) record: &'a Record,
    pub(crate) facts: &'a TextFacts,
    /// The record's bytes in the cache it was read from, copied rather
    /// than encoded again: a re-export after one edit keeps 9,999 of them.
    pub(crate) encoded: Option<&'a [u8]>,
}

/// The bytes of a cache begun at `begun_ns` holding `entries` (racy ones
/// and records that cannot be kept are left out).
#[cfg(test)]
fn encode_as<'a>(
    identity: &[u8],
    begun_ns: i64,
    entries: impl Iterator<Item = Keep<'a>>,
) -> Vec<u8> {
    encode_entries(identity, begun_ns, entries).finish(None)
}

/// A cache's entries, encoded before the log's links are resolved (the
/// records are kept as read), waiting for the resolution.
pub(crate) struct Entries(Writer);

impl Entries {
    /// The whole cache, with the log's resolution when it is kept.
    fn finish(mut self, resolution: Option<(u64, &Resolution)>) -> Vec<u8> {
        put_resolution(&mut self.0, resolution);
        let w = self.0;
        let mut out = Vec::with_capacity(w.bytes.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&checksum(&w.bytes).to_le_bytes());
        out.extend_from_slice(&w.bytes);
        out
    }
}

fn encode_entries<'a>(
    identity: &[u8],
    begun_ns: i64,
    entries: impl Iterator<Item = Keep<'a>>,
) -> Entries {
    let mut w = Writer::default();
    w.u64(FORMAT);
    w.bytes(identity);
    w.i64(begun_ns);
    let mut body = Writer::default();
    let mut count = 0u64;
    let mut one = Writer::default();
    for e in entries {
        if e.stamp.is_racy(begun_ns) || !codec::cacheable(e.record) {
            continue;
        }
        let encoded = match e.encoded {
            Some(bytes) => bytes,
            None => {
                one.bytes.clear();
                codec::put_record(&mut one, e.record);
                codec::put_facts(&mut one, e.facts);
                &one.bytes
            }
        };
        body.bytes(&path_key(e.absolute));
        e.stamp.put(&mut body);
        body.bytes(encoded);
        count += 1;
    }
    w.var(count);
    w.bytes.extend_from_slice(&body.bytes);
    Entries(w)
}

fn put_resolution(w: &mut Writer, resolution: Option<(u64, &Resolution)>) {
    let Some((fingerprint, resolution)) = resolution else {
        w.u8(0);
        return;
    };
    w.u8(1);
    w.u64(fingerprint);
    w.var(resolution.links.len() as u64);
    for &(from, k, target) in &resolution.links {
        w.var(from as u64);
        w.var(k as u64);
        w.var(target.map_or(0, |t| t as u64 + 1));
    }
}

/// The resolution kept in a cache: `Some(None)` when none is, `None` when
/// the bytes are not one.
fn get_resolution(r: &mut Reader<'_>) -> Option<Option<(u64, Resolution)>> {
    match r.u8()? {
        0 => return Some(None),
        1 => {}
        _ => return None,
    }
    let fingerprint = r.u64()?;
    let n = usize::try_from(r.var()?).ok()?;
    // Each link takes at least three bytes: no allocation beyond the input.
    let mut links = Vec::with_capacity(n.min(r.remaining() / 3));
    for _ in 0..n {
        let from = usize::try_from(r.var()?).ok()?;
        let k = usize::try_from(r.var()?).ok()?;
        let target = match r.var()? {
            0 => None,
            t => Some(usize::try_from(t - 1).ok()?),
        };
        links.push((from, k, target));
    }
    Some(Some((fingerprint, Resolution { links })))
}

/// What the resolution of a log's links depends on besides each record's
/// own links: where the command runs (records are shown relative to it),
/// and which records, in which order, with which numbers (links resolve
/// by path, file name, slug and number).
fn fingerprint<'a>(cwd: &Path, records: impl Iterator<Item = (&'a Path, Option<u32>)>) -> u64 {
    let mut w = Writer::default();
    w.bytes(cwd.as_os_str().as_encoded_bytes());
    for (path, number) in records {
        w.bytes(path.as_os_str().as_encoded_bytes());
        match number {
            Some(n) => {
                w.u8(1);
                w.var(u64::from(n));
            }
            None => w.u8(0),
        }
    }
    checksum(&w.bytes)
}

/// Writes `bytes` as the cache in `state_dir`, whole or not at all: to a
/// temporary file beside it, then renamed over it, so a reader sees the
/// old cache or the new one. Best effort: a state folder that cannot be
/// written costs the next run its reading, nothing else.
pub(crate) fn store(state_dir: &Path, bytes: &[u8]) {
    if bytes.len() as u64 > MAX_BYTES {
        return;
    }
    // Reading never makes a folder in the user's project: without git,
    // the cache is kept only where `.adr` already is.
    if !state_dir.is_dir() {
        return;
    }
    let Ok(mut temp) = tempfile::Builder::new()
        .prefix(crate::change::stage::TEMP_PREFIX)
        .suffix(crate::change::stage::TEMP_SUFFIX)
        .tempfile_in(state_dir)
    else {
        return;
    };
    if temp.write_all(bytes).is_err() {
        return;
    }
    let _ = temp.persist(state_dir.join(FILE_NAME));
}

/// Where the cache of the project whose state folder is `state_dir` is.
pub(crate) fn path(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE_NAME)
}

/// One record as loaded.
pub(crate) struct Loaded {
    pub(crate) record: Record,
    /// The text, when the file was read (`Some(None)`: it could not be);
    /// `None` when the cache stood for it.
    pub(crate) text: Option<Option<String>>,
    pub(crate) facts: Option<TextFacts>,
}

/// Every record of a log as loaded, how its links were resolved when the
/// cache knows (every file unchanged since), and the cache to write once
/// they are.
pub(crate) struct Loading {
    pub(crate) loaded: Vec<Loaded>,
    /// The resolution kept for these files, to take the links of the
    /// unchanged records from (see [`Resolution::updated`]).
    pub(crate) resolution: Option<Resolution>,
    /// Which records were taken from the cache.
    pub(crate) unchanged: Vec<bool>,
    pending: Option<Pending>,
}

/// A cache to write: its entries, the folder, and the fingerprint the
/// resolution will be kept under.
struct Pending {
    state_dir: PathBuf,
    entries: Entries,
    fingerprint: u64,
}

impl Loading {
    /// Writes the cache again when it is stale, keeping `resolution` (how
    /// the links of the records as loaded were resolved), on a thread of
    /// its own while the command goes on: the handle is joined before the
    /// process ends (see [`crate::log::Log::settle`]).
    pub(crate) fn finish(self, resolution: &Resolution) -> Option<std::thread::JoinHandle<()>> {
        let pending = self.pending?;
        let bytes = pending
            .entries
            .finish(Some((pending.fingerprint, resolution)));
        let state_dir = pending.state_dir;
        // A thread that cannot be started leaves the cache as it was: it
        // is only an optimisation.
        std::thread::Builder::new()
            .name("adr-record-cache".into())
            .spawn(move || store(&state_dir, &bytes))
            .ok()
    }
}

/// Reads every record of `files`, from the cache when a file is
/// unchanged, in parallel; the cache is written again (by
/// [`Loading::finish`]) when anything was read or is gone.
pub(crate) fn load(project: &Project, files: &[RecordFile]) -> Loading {
    if project.root().as_os_str().is_empty() {
        return Loading {
            loaded: fresh_all(files),
            resolution: None,
            unchanged: vec![false; files.len()],
            pending: None,
        };
    }
    let state_dir = project.state_dir();
    let cache_path = path(&state_dir);
    let begun_ns = begun_now();
    let cache = Cache::read(&cache_path, &state_dir);
    let cwd = &project.env.cwd;
    let loaded = parallel_map(files, |file| {
        let absolute = cwd.join(&file.path);
        let stamp = Stamp::of(&file.path);
        let hit = stamp
            .as_ref()
            .and_then(|s| cache.as_ref()?.get(&absolute, s, &file.path));
        let (one, encoded) = match hit {
            Some(cached) => (
                Loaded {
                    record: cached.record,
                    text: None,
                    facts: Some(cached.facts),
                },
                Some(cached.encoded),
            ),
            None => (fresh(file), None),
        };
        (absolute, stamp, one, encoded)
    });
    let unchanged: Vec<bool> = loaded.iter().map(|(_, _, l, _)| l.text.is_none()).collect();
    let hits = unchanged.iter().filter(|&&u| u).count();
    let fingerprint = fingerprint(
        cwd,
        loaded
            .iter()
            .map(|(_, _, one, _)| (one.record.path.as_path(), one.record.number)),
    );
    // The kept resolution stands for the records taken from the cache
    // when the same files in the same order, with the same numbers, are
    // seen from the same place: the others' links are resolved again.
    let resolution = cache
        .as_ref()
        .and_then(|c| c.resolution.as_ref())
        .filter(|(kept, _)| *kept == fingerprint)
        .map(|(_, resolution)| resolution.clone());
    // Written again when a file that could be kept was read (a racy one
    // too: a later cache trusts it), an entry is gone or the resolution
    // kept is not this log's; a symlinked or unreadable record, never
    // kept, does not make it stale.
    let read = loaded
        .iter()
        .any(|(_, stamp, l, _)| stamp.is_some() && matches!(l.text, Some(Some(_))));
    let stale =
        read || cache.as_ref().is_none_or(|c| c.entries.len() != hits) || resolution.is_none();
    let pending = stale.then(|| {
        // A file that could not be read is read again next time.
        let keep = loaded.iter().filter_map(|(absolute, stamp, one, encoded)| {
            if matches!(one.text, Some(None)) {
                return None;
            }
            // A record the cache stood for is kept as its bytes there.
            Some(Keep {
                absolute,
                stamp: (*stamp)?,
                record: &one.record,
                facts: one.facts.as_ref()?,
                encoded: *encoded,
            })
        });
        Pending {
            entries: encode_entries(&identity(), begun_ns, keep),
            state_dir: state_dir.clone(),
            fingerprint,
        }
    });
    Loading {
        loaded: loaded.into_iter().map(|(_, _, one, _)| one).collect(),
        resolution,
        unchanged,
        pending,
    }
}

fn fresh(file: &RecordFile) -> Loaded {
    let (record, text) = read_one_with_text(file);
    let facts = text.as_deref().map(TextFacts::of).unwrap_or_default();
    Loaded {
        record,
        text: Some(text),
        facts: Some(facts),
    }
}

fn fresh_all(files: &[RecordFile]) -> Vec<Loaded> {
    parallel_map(files, fresh)
}

#[cfg(test)]
mod tests;
