//! `adr cites`: which files of the repository cite which decisions.
//!
//! The walk is ripgrep's (the `ignore` crate): `.gitignore`, `.ignore`
//! and git's excludes are honoured, symlinks are never followed, and the
//! folders are read on every core. Only regular files are opened (without
//! blocking, so a FIFO swapped in cannot hang the scan), at most
//! [`MAX_FILE_BYTES`] of them, and files with a NUL byte near the start
//! are binary and skipped.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::{WalkBuilder, WalkState};

use crate::error::{Error, Result};
use crate::graph::DecisionGraph;
use crate::record::{Record, StatusKind};

use super::matcher::{Form, Hit, Matcher, Target};

/// Files larger than this are not read: memory stays bounded.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// At most this many citations are kept from one file.
const MAX_PER_FILE: usize = 10_000;
/// At most this many in all; a scan that finds more says so.
const MAX_CITATIONS: usize = 1_000_000;
/// How far into a file a NUL byte makes it binary (as git and ripgrep).
const BINARY_PROBE: usize = 8 * 1024;

/// What to scan.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The repository's root, canonical: where the walk starts and what
    /// citation paths are relative to.
    pub root: PathBuf,
    /// Folders (canonical) not scanned: the ADR folders, whose records
    /// relate to each other rather than cite.
    pub exclude: Vec<PathBuf>,
}

/// One citation of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Citation {
    /// The citing file, relative to the root, `/`-separated.
    pub file: String,
    pub line: usize,
    /// 1-based byte column, as grep and ripgrep count.
    pub column: usize,
    /// The citation as written.
    pub text: String,
    pub form: Form,
    /// Index of the cited record.
    pub record: usize,
}

/// Files passed over, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub binary: usize,
    pub large: usize,
    pub unreadable: usize,
    /// Citations beyond the caps, not listed.
    pub citations: usize,
}

/// The result of a scan, citations sorted by file, line and column.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scan {
    pub citations: Vec<Citation>,
    pub files: usize,
    pub skipped: Skipped,
}

/// The records' paths relative to `root` (`/`-separated); `None` for a
/// record outside it.
pub(crate) fn relative_paths(records: &[Record], cwd: &Path, root: &Path) -> Vec<Option<String>> {
    // Each folder's path from the root, with `/`, found once; records of
    // one folder come together, so the last answer is kept at hand.
    let mut dirs: std::collections::HashMap<PathBuf, Option<String>> =
        std::collections::HashMap::new();
    let mut last: Option<(&Path, Option<String>)> = None;
    records
        .iter()
        .map(|r| {
            let dir = r.dir();
            let prefix = match &last {
                Some((d, prefix)) if *d == dir => prefix.clone(),
                _ => {
                    let prefix = dirs
                        .entry(dir.to_path_buf())
                        .or_insert_with(|| {
                            let real = cwd.join(dir).canonicalize().ok()?;
                            let rel = real.strip_prefix(root).ok()?;
                            Some(
                                rel.components()
                                    .map(|c| c.as_os_str().to_string_lossy())
                                    .collect::<Vec<_>>()
                                    .join("/"),
                            )
                        })
                        .clone();
                    last = Some((dir, prefix.clone()));
                    prefix
                }
            }?;
            let name = r.path.file_name()?.to_string_lossy();
            Some(if prefix.is_empty() {
                name.into_owned()
            } else {
                format!("{prefix}/{name}")
            })
        })
        .collect()
}

/// The searcher for `records`; `rels` from [`relative_paths`], `main`
/// says which records are in the main log folder.
pub(crate) fn matcher(
    records: &[Record],
    rels: &[Option<String>],
    main: &[bool],
) -> Result<Matcher> {
    let targets: Vec<Target> = records
        .iter()
        .zip(rels)
        .zip(main)
        .map(|((r, rel), &main)| Target {
            rel: rel.clone().unwrap_or_default(),
            stem: r.stem().into_owned(),
            number: r.number,
            main,
        })
        .collect();
    Matcher::new(targets).map_err(|e| Error::Refused(format!("cannot search for citations: {e}")))
}

/// Walks the repository and finds every citation `matcher` knows.
/// `records_rel` are the records' own files, so a record never cites
/// itself when the ADR folders are scanned.
pub(crate) fn scan(matcher: &Matcher, options: &Options) -> Scan {
    scan_with(&|| Some(matcher), options)
}

/// [`scan`] with the searcher made only once a file is found to search
/// (`None`: it could not be made, nothing is searched).
pub(crate) fn scan_with<'m>(
    matcher: &(dyn Fn() -> Option<&'m Matcher> + Sync),
    options: &Options,
) -> Scan {
    let root = options.root.clone();
    let exclude = options.exclude.clone();
    let walker = WalkBuilder::new(&root)
        .hidden(false)
        .parents(true)
        .ignore(true)
        .git_ignore(true)
        .git_global(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            entry.file_name() != ".git" && !exclude.iter().any(|e| e == entry.path())
        })
        .build_parallel();
    let files = AtomicUsize::new(0);
    let binary = AtomicUsize::new(0);
    let large = AtomicUsize::new(0);
    let unreadable = AtomicUsize::new(0);
    let over = AtomicUsize::new(0);
    let found: Mutex<Vec<Citation>> = Mutex::new(Vec::new());
    let kept = AtomicUsize::new(0);
    walker.run(|| {
        let mut buffer: Vec<u8> = Vec::new();
        let mut hits: Vec<Hit> = Vec::new();
        let (root, files, binary, large, unreadable, over, found, kept) = (
            &root,
            &files,
            &binary,
            &large,
            &unreadable,
            &over,
            &found,
            &kept,
        );
        Box::new(move |entry| {
            let Ok(entry) = entry else {
                unreadable.fetch_add(1, Ordering::Relaxed);
                return WalkState::Continue;
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                return WalkState::Continue;
            }
            files.fetch_add(1, Ordering::Relaxed);
            match read(entry.path(), &mut buffer) {
                Outcome::Text => {}
                Outcome::Binary => {
                    binary.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                }
                Outcome::Large => {
                    large.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                }
                Outcome::Failed => {
                    unreadable.fetch_add(1, Ordering::Relaxed);
                    return WalkState::Continue;
                }
            }
            let Ok(rel) = entry.path().strip_prefix(root) else {
                return WalkState::Continue;
            };
            let file = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
            let Some(matcher) = matcher() else {
                return WalkState::Continue;
            };
            hits.clear();
            matcher.find(&buffer, dir, &mut hits, MAX_PER_FILE + 1);
            // A record's links to itself are not citations.
            hits.retain(|h| matcher.targets()[h.target].rel != file);
            if hits.is_empty() {
                return WalkState::Continue;
            }
            if hits.len() > MAX_PER_FILE {
                over.fetch_add(hits.len() - MAX_PER_FILE, Ordering::Relaxed);
                hits.truncate(MAX_PER_FILE);
            }
            let before = kept.fetch_add(hits.len(), Ordering::Relaxed);
            if before + hits.len() > MAX_CITATIONS {
                over.fetch_add(hits.len(), Ordering::Relaxed);
                return WalkState::Continue;
            }
            let citations = locate(&buffer, &hits, &file);
            if let Ok(mut all) = found.lock() {
                all.extend(citations);
            }
            WalkState::Continue
        })
    });
    let mut citations = found.into_inner().unwrap_or_default();
    citations.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Scan {
        citations,
        files: files.into_inner(),
        skipped: Skipped {
            binary: binary.into_inner(),
            large: large.into_inner(),
            unreadable: unreadable.into_inner(),
            citations: over.into_inner(),
        },
    }
}

/// Lines and columns of `hits` (sorted by start), in one pass over the
/// newlines: a long line with many hits is not searched back each time.
fn locate(buffer: &[u8], hits: &[Hit], file: &str) -> Vec<Citation> {
    let mut line = 1;
    let mut counted = 0;
    let mut line_start = 0;
    hits.iter()
        .map(|h| {
            let start = h.start.max(counted);
            let segment = &buffer[counted..start];
            line += memchr::memchr_iter(b'\n', segment).count();
            if let Some(i) = memchr::memrchr(b'\n', segment) {
                line_start = counted + i + 1;
            }
            counted = start;
            let written = &buffer[h.start..h.end.min(h.start + 300)];
            Citation {
                file: file.to_string(),
                line,
                column: h.start.saturating_sub(line_start) + 1,
                text: String::from_utf8_lossy(written).into_owned(),
                form: h.form,
                record: h.target,
            }
        })
        .collect()
}

enum Outcome {
    Text,
    Binary,
    Large,
    Failed,
}

/// Reads a regular file into `buffer`, never blocking on a FIFO and never
/// more than [`MAX_FILE_BYTES`].
fn read(path: &Path, buffer: &mut Vec<u8>) -> Outcome {
    buffer.clear();
    let Ok(file) = open(path) else {
        return Outcome::Failed;
    };
    let Ok(metadata) = file.metadata() else {
        return Outcome::Failed;
    };
    if !metadata.is_file() {
        return Outcome::Failed;
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Outcome::Large;
    }
    if file.take(MAX_FILE_BYTES + 1).read_to_end(buffer).is_err() {
        return Outcome::Failed;
    }
    if buffer.len() as u64 > MAX_FILE_BYTES {
        return Outcome::Large;
    }
    if memchr::memchr(0, &buffer[..buffer.len().min(BINARY_PROBE)]).is_some() {
        return Outcome::Binary;
    }
    Outcome::Text
}

#[cfg(target_os = "linux")]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(target_os = "linux"))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// What a citation's record has become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Standing {
    /// Superseded, deprecated or rejected (by status or by a successor).
    pub retired: bool,
    /// Its status as it stands: `superseded` when a record supersedes it,
    /// whatever it says.
    pub status: String,
    /// The records in force at the ends of its supersede chains.
    pub in_force: Vec<usize>,
}

/// Whether `record` is retired, and what replaces it.
pub(crate) fn standing(graph: &DecisionGraph<'_>, record: usize) -> Standing {
    let status_retires = graph.records[record].status.as_ref().is_some_and(|s| {
        matches!(
            s.kind,
            StatusKind::Superseded | StatusKind::Deprecated | StatusKind::Rejected
        )
    });
    let successors = graph.in_force_successors(record);
    let written = graph.records[record]
        .status
        .as_ref()
        .map_or_else(|| "no status".to_string(), |s| s.kind.to_string());
    Standing {
        retired: status_retires || !successors.is_empty(),
        status: if status_retires || successors.is_empty() {
            written
        } else {
            "superseded".into()
        },
        in_force: successors
            .into_iter()
            .filter(|&s| graph.in_force(s))
            .collect(),
    }
}

/// A scan of a whole repository, and where it started.
pub(crate) struct Found {
    pub root: PathBuf,
    pub scan: Scan,
}

/// Scans the project's files (from its root: the git work tree, else the
/// folder that names the log) for citations of `records`; the ADR
/// folders are left out unless `include_records`.
pub(crate) fn scan_repository(
    project: &crate::project::Project,
    records: &[Record],
    include_records: bool,
) -> Result<Found> {
    let repo = &project.repo;
    let cwd = &project.env.cwd;
    let root = project.root().to_path_buf();
    let rels = relative_paths(records, cwd, &root);
    let main: Vec<bool> = records
        .iter()
        .map(|r| r.path.starts_with(&repo.dir))
        .collect();
    let matcher = matcher(records, &rels, &main)?;
    let exclude = if include_records {
        Vec::new()
    } else {
        repo.log_dirs()
            .filter_map(|d| cwd.join(d).canonicalize().ok())
            .collect()
    };
    let scan = scan(
        &matcher,
        &Options {
            root: root.clone(),
            exclude,
        },
    );
    Ok(Found { root, scan })
}
