//! The intent journal: what a change of several files will do, written
//! whole and synced in the project's state folder before the first file
//! is named. Whoever next takes the project's lock and finds a journal
//! finishes the change it describes (or undoes it, when the writer had
//! marked it failed), so that a change killed at any point ends up
//! entirely done or entirely not.
//!
//! The journal holds each file's new content and the content it replaces,
//! so finishing or undoing needs nothing else, and both compare each file
//! with what the journal says before touching it: a file changed since is
//! left as it is and reported. A journal is data from disk like any other:
//! it can name only Markdown files (and `.adr-dir`) inside the project's
//! root, outside `.git` and the state folder, and any bytes that are not a
//! whole, checksummed journal are reported, never acted on.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

use super::stage::{self, Staged};

/// The journal's name in the state folder.
pub const FILE_NAME: &str = "adr-journal";

const MAGIC: &[u8; 4] = b"ADRJ";
/// 2: the body starts with the origin of the folder it was written for.
const VERSION: u8 = 2;
/// Magic, version, state, two spare bytes, body length, checksum.
const HEADER: usize = 4 + 1 + 1 + 2 + 8 + 8;
/// Where the state byte is.
const STATE_AT: u64 = 5;
/// A journal larger than this is not read (a change of many records stays
/// far below it).
const MAX_BYTES: u64 = 1 << 30;

/// Where a change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Written whole: the change is to be finished.
    Committed,
    /// The writer failed part-way: the change is to be undone.
    Aborted,
    /// Every file is in place; only the journal is left.
    Done,
}

impl State {
    fn byte(self) -> u8 {
        match self {
            Self::Committed => b'C',
            Self::Aborted => b'A',
            Self::Done => b'D',
        }
    }

    fn from_byte(byte: u8) -> Option<Self> {
        match byte {
            b'C' => Some(Self::Committed),
            b'A' => Some(Self::Aborted),
            b'D' => Some(Self::Done),
            _ => None,
        }
    }
}

/// What one step does to one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A folder made for new files.
    Folder,
    /// A file that did not exist.
    Create,
    /// A file whose content changes.
    Update,
    /// A file removed (the old name of a moved record).
    Remove,
}

impl Kind {
    fn byte(self) -> u8 {
        match self {
            Self::Folder => 1,
            Self::Create => 2,
            Self::Update => 3,
            Self::Remove => 4,
        }
    }

    fn from_byte(byte: u8) -> Option<Self> {
        match byte {
            1 => Some(Self::Folder),
            2 => Some(Self::Create),
            3 => Some(Self::Update),
            4 => Some(Self::Remove),
            _ => None,
        }
    }
}

/// One step of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub kind: Kind,
    /// Relative to the project's root, in plain components.
    pub path: PathBuf,
    /// The file's permission bits, for what is written back.
    pub mode: u32,
    /// The content before the change (`None` for a new file or folder).
    pub old: Option<Vec<u8>>,
    /// The content after it (`None` for a removed file or a folder).
    pub new: Option<Vec<u8>>,
}

/// The whole change, in the order its steps are done.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The project folder the journal was written for ([`origin`]): a
    /// journal found in another one (copied with the project, or planted
    /// by whoever could add files to it) is set aside, never acted on.
    pub origin: u128,
    /// The log folders the change writes in, relative to the root: no
    /// step may write anywhere else.
    pub logs: Vec<PathBuf>,
    pub steps: Vec<Step>,
}

/// The journal of a change in progress, open so that its state can be
/// changed without naming a file again.
pub struct Journal {
    file: File,
    path: PathBuf,
}

/// What finishing or undoing a journal found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    /// `None` when the journal could not be read (it is then set aside).
    pub state: Option<State>,
    /// Files written, removed or made.
    pub done: usize,
    /// Why some paths were left as they were.
    pub skipped: Vec<String>,
}

impl Recovery {
    /// One line for the user.
    pub fn describe(&self) -> String {
        let what = match self.state {
            Some(State::Committed) => "finished an interrupted change",
            Some(State::Aborted) => "undid a change that failed part-way",
            Some(State::Done) => "removed the journal of a finished change",
            None => "set aside an unreadable journal of an interrupted change",
        };
        let mut line = format!("{what} ({} file(s) put in place)", self.done);
        for why in &self.skipped {
            line.push_str("; ");
            line.push_str(why);
        }
        line
    }
}

/// The state folder of the project at `root`: its git folder (`.git`, or
/// the folder a `.git` file names), else `.adr` under the root.
pub fn state_dir(root: &Path) -> PathBuf {
    let dot_git = root.join(".git");
    match fs::symlink_metadata(&dot_git) {
        Ok(meta) if meta.is_dir() => dot_git,
        Ok(meta) if meta.is_file() => {
            git_file_target(root, &dot_git).unwrap_or_else(|| root.join(".adr"))
        }
        _ => root.join(".adr"),
    }
}

/// The state folder, when it is a real folder or not there yet: a `.adr`
/// that is a symlink, a file, a FIFO is never followed, written in or
/// cleaned (a pull request can add one, leading anywhere).
pub fn usable_state_dir(root: &Path) -> std::result::Result<PathBuf, String> {
    let dir = state_dir(root);
    match fs::symlink_metadata(&dir) {
        Ok(meta) if meta.is_dir() => Ok(dir),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(dir),
        Ok(_) => Err(format!(
            "{} is not a folder (a symlink or another kind of file); adr keeps the journal \
             of a change of several files there and never follows it: remove it",
            dir.display()
        )),
        Err(e) => Err(format!("{}: {e}", dir.display())),
    }
}

/// The folder a `.git` file (a worktree's, a submodule's) points at.
fn git_file_target(root: &Path, dot_git: &Path) -> Option<PathBuf> {
    let mut text = String::new();
    File::open(dot_git)
        .ok()?
        .take(4096)
        .read_to_string(&mut text)
        .ok()?;
    let target = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
    let target = root.join(target);
    target.is_dir().then_some(target)
}

/// Where the journal of the project at `root` is.
pub fn path(root: &Path) -> PathBuf {
    state_dir(root).join(FILE_NAME)
}

/// Whether a journal waits at `root` (one `stat`).
pub fn pending(root: &Path) -> bool {
    usable_state_dir(root).is_ok_and(|dir| fs::symlink_metadata(dir.join(FILE_NAME)).is_ok())
}

/// The identity of the folder at `root` (device and inode): a journal
/// names the one it was written for, which no file added to the project
/// can know in advance.
#[cfg(unix)]
pub fn origin(root: &Path) -> u128 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(root).map_or(0, |m| (u128::from(m.dev()) << 64) | u128::from(m.ino()))
}

#[cfg(not(unix))]
pub fn origin(root: &Path) -> u128 {
    let path = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    u128::from(checksum(path.to_string_lossy().as_bytes()))
}

// ---------------------------------------------------------------------
// Encoding

/// FNV-1a, 64 bits: enough to tell a torn or garbled journal from a whole
/// one (the journal is never trusted for more than that).
fn checksum(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn put_bytes(out: &mut Vec<u8>, bytes: Option<&[u8]>) {
    match bytes {
        None => out.push(0),
        Some(b) => {
            out.push(1);
            out.extend_from_slice(&(b.len() as u64).to_le_bytes());
            out.extend_from_slice(b);
        }
    }
}

impl Plan {
    /// The journal's bytes, in `state`.
    pub fn encode(&self, state: State) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend_from_slice(&self.origin.to_le_bytes());
        body.extend_from_slice(&(self.logs.len() as u32).to_le_bytes());
        for log in &self.logs {
            let path = path_bytes(log);
            body.extend_from_slice(&(path.len() as u32).to_le_bytes());
            body.extend_from_slice(&path);
        }
        body.extend_from_slice(&(self.steps.len() as u32).to_le_bytes());
        for step in &self.steps {
            body.push(step.kind.byte());
            body.extend_from_slice(&step.mode.to_le_bytes());
            let path = path_bytes(&step.path);
            body.extend_from_slice(&(path.len() as u32).to_le_bytes());
            body.extend_from_slice(&path);
            put_bytes(&mut body, step.old.as_deref());
            put_bytes(&mut body, step.new.as_deref());
        }
        let mut out = Vec::with_capacity(HEADER + body.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(state.byte());
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(&(body.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&body).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    /// Reads a journal's bytes; anything but a whole one is an error that
    /// says what is wrong.
    pub fn decode(bytes: &[u8]) -> Result<(State, Self), String> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err("not an adr journal".into());
        }
        if bytes[4] != VERSION {
            return Err(format!("journal version {} is not known", bytes[4]));
        }
        let state = State::from_byte(bytes[5]).ok_or("its state is unknown")?;
        if bytes[6..8] != [0, 0] {
            return Err("not an adr journal".into());
        }
        let mut cursor = Cursor {
            bytes: &bytes[8..HEADER],
        };
        let length = cursor.u64()?;
        let sum = cursor.u64()?;
        let body = &bytes[HEADER..];
        if u64::try_from(body.len()).ok() != Some(length) {
            return Err("it is cut short".into());
        }
        if checksum(body) != sum {
            return Err("its checksum does not match".into());
        }
        let mut cursor = Cursor { bytes: body };
        let mut origin = [0u8; 16];
        origin.copy_from_slice(cursor.take(16)?);
        let origin = u128::from_le_bytes(origin);
        let mut logs = Vec::new();
        for _ in 0..cursor.u32()? {
            let len = cursor.u32()? as usize;
            logs.push(bytes_path(cursor.take(len)?));
        }
        let count = cursor.u32()?;
        let mut steps = Vec::new();
        for _ in 0..count {
            let kind = Kind::from_byte(cursor.u8()?).ok_or("a step of unknown kind")?;
            let mode = cursor.u32()?;
            let path_len = cursor.u32()? as usize;
            let path = bytes_path(cursor.take(path_len)?);
            let old = cursor.optional()?;
            let new = cursor.optional()?;
            steps.push(Step {
                kind,
                path,
                mode,
                old,
                new,
            });
        }
        if !cursor.bytes.is_empty() {
            return Err("it has bytes after its last step".into());
        }
        Ok((
            state,
            Self {
                origin,
                logs,
                steps,
            },
        ))
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.bytes.len() {
            return Err("it is cut short".into());
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let mut b = [0u8; 8];
        b.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(b))
    }

    fn optional(&mut self) -> Result<Option<Vec<u8>>, String> {
        match self.u8()? {
            0 => Ok(None),
            1 => {
                let n = usize::try_from(self.u64()?).map_err(|_| "a length too large")?;
                Ok(Some(self.take(n)?.to_vec()))
            }
            _ => Err("a malformed content".into()),
        }
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

#[cfg(unix)]
fn bytes_path(bytes: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

#[cfg(not(unix))]
fn bytes_path(bytes: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
}

// ---------------------------------------------------------------------
// Where a step may write

/// The absolute path a step names, when it is one a journal may touch:
/// plain components under `root`, not in `.git` or `.adr`, a Markdown file
/// (or an `.adr-dir`), or a folder; the part
/// of its folder that exists, resolved, inside `root`; and not itself a
/// symlink.
pub fn target(root: &Path, logs: &[PathBuf], step: &Step) -> std::result::Result<PathBuf, String> {
    let refuse = |why: &str| Err(format!("{}: {why}; not touched", step.path.display()));
    let parts: Vec<&std::ffi::OsStr> = step
        .path
        .components()
        .map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    if parts.is_empty() || parts.len() != step.path.components().count() {
        return refuse("not a plain path inside the project");
    }
    let first = parts[0].to_string_lossy();
    if first == ".git" || first == ".adr" {
        return refuse("inside adr's or git's own folder");
    }
    let name = parts[parts.len() - 1].to_string_lossy();
    let allowed = match step.kind {
        Kind::Folder => true,
        _ => {
            (name.len() > 3
                && name
                    .get(name.len() - 3..)
                    .is_some_and(|e| e.eq_ignore_ascii_case(".md")))
                || name == ".adr-dir"
        }
    };
    if !allowed {
        return refuse("not a Markdown file or folder of the log");
    }
    // The folders that exist are resolved; those that do not are made by
    // earlier steps, inside the resolved one.
    let mut existing = parts.len() - 1;
    while existing > 0
        && !root
            .join(parts[..existing].iter().collect::<PathBuf>())
            .is_dir()
    {
        existing -= 1;
    }
    let base = root.join(parts[..existing].iter().collect::<PathBuf>());
    let mut path = match base.canonicalize() {
        Ok(p) => p,
        Err(e) => return refuse(&format!("its folder cannot be resolved ({e})")),
    };
    if !path.starts_with(root) {
        return refuse("its folder leads outside the project");
    }
    path.extend(&parts[existing..]);
    if let Ok(meta) = fs::symlink_metadata(&path)
        && meta.file_type().is_symlink()
    {
        return refuse("it is a symlink");
    }
    // In one of the log's folders (or the very file a symlinked record
    // leads to); a folder may also be one a log folder is made in, and
    // `.adr-dir` names the log from wherever it is.
    let allowed = logs
        .iter()
        .any(|log| path.starts_with(log) || (step.kind == Kind::Folder && log.starts_with(&path)));
    let names_the_log = step.kind != Kind::Folder && name == ".adr-dir";
    if !(allowed || names_the_log) {
        return refuse("not in a folder of the log");
    }
    Ok(path)
}

/// Where a journal may write, absolute: the log folders it names that
/// are inside the project (never its top folder) and either are, or are
/// inside, one of `logs` (the folders of the log the recovering command
/// was given, absolute and canonical), or are a folder of records around
/// one (a journal written with `--dir doc/adr` is finished by a command
/// given `--dir doc/adr/historic`), or are named by an `.adr-dir` the
/// change itself writes, or the recovering command has no log yet (the
/// change makes it). Then the files symlinked records in them lead to.
pub fn accepted_logs(root: &Path, plan: &Plan, logs: &[PathBuf]) -> Vec<PathBuf> {
    let no_log_yet = logs.iter().all(|l| !l.is_dir());
    let named: Vec<PathBuf> = plan
        .steps
        .iter()
        .filter(|s| s.kind != Kind::Folder && s.path.file_name().is_some_and(|n| n == ".adr-dir"))
        .filter_map(|s| {
            let text = std::str::from_utf8(s.new.as_deref()?).ok()?;
            let value = text.trim_end_matches(['\n', '\r']);
            if value.is_empty() || value.contains(super::value::forbidden) {
                return None;
            }
            let folder = root.join(s.path.parent().unwrap_or(Path::new("")));
            Some(crate::project::canonical_prefix(&crate::log::normalise(
                &folder.join(value),
            )))
        })
        .collect();
    let accepted: Vec<PathBuf> = plan
        .logs
        .iter()
        .filter(|d| {
            !d.as_os_str().is_empty() && d.components().all(|c| matches!(c, Component::Normal(_)))
        })
        .map(|d| crate::project::canonical_prefix(&root.join(d)))
        .filter(|d| d.starts_with(root) && d != root)
        .filter(|d| {
            no_log_yet
                || named.contains(d)
                || logs.iter().any(|log| {
                    d.starts_with(log) || (log.starts_with(d) && crate::project::holds_records(d))
                })
        })
        .collect();
    let mut allowed = linked_files(root, &accepted);
    allowed.extend(accepted);
    allowed
}

/// The files inside `root` that symlinks in `folders` (and the folders
/// under them) lead to.
fn linked_files(root: &Path, folders: &[PathBuf]) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                if let Ok(real) = entry.path().canonicalize()
                    && real.starts_with(root)
                    && real.is_file()
                {
                    out.push(real);
                }
            } else if kind.is_dir() && depth < crate::log::MAX_DEPTH {
                walk(root, &entry.path(), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    for folder in folders {
        walk(root, folder, 0, &mut out);
    }
    out
}

/// What is at `path` now, read no further than `limit` bytes: `None` when
/// nothing is there, `Some(None)` for something that is not a regular
/// file or is longer than `limit`.
fn current(path: &Path, limit: usize) -> io::Result<Option<Option<Vec<u8>>>> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e)
            if matches!(
                e.kind(),
                // A name too long for the file system names nothing.
                io::ErrorKind::NotFound
                    | io::ErrorKind::NotADirectory
                    | io::ErrorKind::InvalidFilename
            ) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    if !meta.is_file() {
        return Ok(Some(None));
    }
    let file = crate::log::open_regular(path, None).map_err(io::Error::other)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok(Some((bytes.len() <= limit).then_some(bytes)))
}

/// How a file compares with a step's two contents.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Missing,
    Old,
    New,
    Other,
}

fn compare(path: &Path, step: &Step) -> io::Result<Found> {
    let limit = step
        .old
        .as_ref()
        .map_or(0, Vec::len)
        .max(step.new.as_ref().map_or(0, Vec::len));
    Ok(match current(path, limit)? {
        None => Found::Missing,
        Some(Some(bytes)) if step.new.as_deref() == Some(bytes.as_slice()) => Found::New,
        Some(Some(bytes)) if step.old.as_deref() == Some(bytes.as_slice()) => Found::Old,
        Some(_) => Found::Other,
    })
}

// ---------------------------------------------------------------------
// Doing and undoing

/// What a step still needs.
enum Action {
    Write { content: Vec<u8>, replace: bool },
    Remove,
    MakeFolder,
    RemoveFolder,
}

/// The steps of a change that are still to be taken, with every file's
/// content already written and synced, unnamed.
pub struct Prepared {
    actions: Vec<(PathBuf, Ready)>,
    /// What was found and left alone.
    pub skipped: Vec<String>,
}

enum Ready {
    Write(Staged, bool),
    Remove,
    MakeFolder(u32),
    RemoveFolder,
}

/// Works out what each step of `plan` still needs to reach its end
/// (`forward`) or its start, and stages every file's content, so that a
/// full disk or a failing write is met before any file changes. `strict`:
/// a file found neither as before nor as after is an error (the live
/// writer holds the lock, so someone else wrote it); otherwise it is left
/// and reported.
pub fn prepare(
    root: &Path,
    logs: &[PathBuf],
    plan: &Plan,
    forward: bool,
    strict: bool,
) -> Result<Prepared> {
    let mut prepared = Prepared {
        actions: Vec::new(),
        skipped: Vec::new(),
    };
    let mut steps: Vec<&Step> = plan.steps.iter().collect();
    if !forward {
        steps.reverse();
    }
    for step in steps {
        let path = match target(root, logs, step) {
            Ok(path) => path,
            Err(why) if strict => return Err(Error::Refused(why)),
            Err(why) => {
                prepared.skipped.push(why);
                continue;
            }
        };
        let ready = match decide(&path, step, forward).map_err(|e| write_error(&path, e))? {
            Ok(None) => continue,
            Ok(Some(Action::Write { content, replace })) => {
                let staged = Staged::write_in(
                    nearest_folder(&path),
                    &path,
                    &content,
                    permissions(step.mode),
                )
                .map_err(|e| write_error(&path, e))?;
                Ready::Write(staged, replace)
            }
            Ok(Some(Action::Remove)) => Ready::Remove,
            Ok(Some(Action::MakeFolder)) => Ready::MakeFolder(step.mode),
            Ok(Some(Action::RemoveFolder)) => Ready::RemoveFolder,
            Err(_) if strict => return Err(Error::ChangedMeanwhile(path)),
            Err(why) => {
                prepared.skipped.push(why);
                continue;
            }
        };
        prepared.actions.push((path, ready));
    }
    Ok(prepared)
}

/// The nearest folder of `path` that exists: where its content is staged
/// (it is moved into folders made later, on the same file system).
fn nearest_folder(path: &Path) -> &Path {
    path.ancestors()
        .skip(1)
        .find(|a| a.is_dir())
        .unwrap_or(Path::new("/"))
}

impl Prepared {
    /// How many steps are left.
    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Takes the first `count` steps (all of them with `usize::MAX`), in
    /// order, then syncs the folders they changed.
    pub fn execute(self, count: usize) -> Result<Recovery> {
        let mut recovery = Recovery {
            state: None,
            done: 0,
            skipped: self.skipped,
        };
        let mut folders: Vec<PathBuf> = Vec::new();
        for (path, ready) in self.actions.into_iter().take(count) {
            let result = match ready {
                Ready::Write(staged, true) => staged.replace(&path),
                Ready::Write(staged, false) => staged.create(&path),
                Ready::Remove => fs::remove_file(&path),
                Ready::MakeFolder(mode) => make_folder(&path, mode),
                Ready::RemoveFolder => match fs::remove_dir(&path) {
                    // Something else is in it now: it stays.
                    Err(_) if path.is_dir() => {
                        recovery
                            .skipped
                            .push(format!("{}: not empty, kept", path.display()));
                        Ok(())
                    }
                    other => other,
                },
            };
            result.map_err(|e| write_error(&path, e))?;
            recovery.done += 1;
            if let Some(parent) = path.parent()
                && !folders.iter().any(|f| f == parent)
            {
                folders.push(parent.to_path_buf());
            }
        }
        for folder in folders {
            stage::sync_folder(&folder);
        }
        Ok(recovery)
    }
}

/// Brings every step of `plan` to its end (`forward`) or back to its
/// start; see [`prepare`].
pub fn apply(
    root: &Path,
    logs: &[PathBuf],
    plan: &Plan,
    forward: bool,
    strict: bool,
) -> Result<Recovery> {
    prepare(root, logs, plan, forward, strict)?.execute(usize::MAX)
}

/// The action a step needs, `Ok(None)` when it has none left, or why it
/// cannot be taken.
fn decide(path: &Path, step: &Step, forward: bool) -> io::Result<Result<Option<Action>, String>> {
    let changed = || {
        Err(format!(
            "{} changed since the interrupted change; left as it is",
            path.display()
        ))
    };
    if step.kind == Kind::Folder {
        let is_dir = fs::symlink_metadata(path).map(|m| m.is_dir());
        return Ok(match (forward, is_dir) {
            (true, Ok(true)) => Ok(None),
            (true, Err(_)) => Ok(Some(Action::MakeFolder)),
            (false, Ok(true)) => Ok(Some(Action::RemoveFolder)),
            (false, Err(_)) => Ok(None),
            (_, Ok(false)) => changed(),
        });
    }
    let found = compare(path, step)?;
    let write = |content: &Option<Vec<u8>>, replace: bool| match content {
        Some(content) => Ok(Some(Action::Write {
            content: content.clone(),
            replace,
        })),
        None => Err(format!("{}: the journal lacks its content", path.display())),
    };
    Ok(match (step.kind, forward, found) {
        // Already where this direction leads.
        (Kind::Create | Kind::Update, true, Found::New)
        | (Kind::Update | Kind::Remove, false, Found::Old)
        | (Kind::Remove, true, Found::Missing)
        | (Kind::Create, false, Found::Missing) => Ok(None),
        // A file with both contents the same (an update that changes
        // nothing) is where either direction leads.
        (Kind::Create, true, Found::Missing) => write(&step.new, false),
        (Kind::Update, true, Found::Old) => write(&step.new, true),
        (Kind::Remove, true, Found::Old) => Ok(Some(Action::Remove)),
        (Kind::Update, false, Found::New) => write(&step.old, true),
        (Kind::Create, false, Found::New) => Ok(Some(Action::Remove)),
        (Kind::Remove, false, Found::Missing) => write(&step.old, false),
        _ => changed(),
    })
}

fn make_folder(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        let mode = if mode & 0o777 == 0 {
            0o755
        } else {
            mode & 0o777
        };
        fs::DirBuilder::new().mode(mode).create(path)
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
        fs::create_dir(path)
    }
}

#[cfg(unix)]
fn permissions(mode: u32) -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    (mode & 0o777 != 0).then(|| fs::Permissions::from_mode(mode & 0o777))
}

#[cfg(not(unix))]
fn permissions(_mode: u32) -> Option<fs::Permissions> {
    None
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------
// The live journal

impl Journal {
    /// Writes `plan` whole and synced under `root`'s state folder: from
    /// here on the change counts as made. `plan.origin` is `origin(root)`.
    pub fn begin(root: &Path, plan: &Plan) -> Result<Self> {
        let dir = usable_state_dir(root).map_err(Error::Refused)?;
        if !dir.is_dir() {
            fs::create_dir(&dir).map_err(|e| write_error(&dir, e))?;
        }
        let path = dir.join(FILE_NAME);
        let bytes = plan.encode(State::Committed);
        let staged = Staged::write(&path, &bytes, None).map_err(|e| write_error(&path, e))?;
        let file = staged.create_open(&path).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Error::Refused(format!(
                "{}: another change is unfinished; run any adr command to finish it",
                path.display()
            )),
            _ => write_error(&path, e),
        })?;
        stage::sync_folder(&dir);
        Ok(Self { file, path })
    }

    /// Marks the change, through the open file (no name is needed, so a
    /// failing disk that refuses new names can still take it).
    pub fn mark(&self, state: State) -> io::Result<()> {
        write_at(&self.file, &[state.byte()], STATE_AT)?;
        self.file.sync_data()
    }

    /// Removes the journal of a change that is whole (or wholly undone);
    /// if it cannot be removed, it is marked so that the next command
    /// only removes it.
    pub fn finish(self, state: State) {
        let removed = fs::remove_file(&self.path).is_ok();
        if !removed {
            let _ = self.mark(state);
        }
        if let Some(dir) = self.path.parent() {
            remove_empty_state_dir(dir);
        }
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(bytes, offset)
}

#[cfg(not(unix))]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)
}

/// `.adr` is made for the journal alone; it goes once empty (a git
/// folder never does).
fn remove_empty_state_dir(dir: &Path) {
    if dir.file_name().is_some_and(|n| n == ".adr") {
        let _ = fs::remove_dir(dir);
    }
}

// ---------------------------------------------------------------------
// Recovery

/// Finishes or undoes the change a journal under `root` describes, if
/// there is one, writing only in the folders of the log at `logs`
/// (absolute, canonical; see [`accepted_logs`]). The caller holds the
/// project's lock.
pub fn recover(root: &Path, logs: &[PathBuf]) -> Result<Option<Recovery>> {
    let Ok(dir) = usable_state_dir(root) else {
        return Ok(None);
    };
    let path = dir.join(FILE_NAME);
    let bytes = match read_journal(&path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Ok(None),
        Err(why) => {
            set_aside(&path);
            return Ok(Some(Recovery {
                state: None,
                done: 0,
                skipped: vec![format!("{}: {why}", path.display())],
            }));
        }
    };
    let (state, plan) = match Plan::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(why) => {
            set_aside(&path);
            return Ok(Some(Recovery {
                state: None,
                done: 0,
                skipped: vec![format!("{}: {why}; nothing was changed", path.display())],
            }));
        }
    };
    if plan.origin != origin(root) {
        set_aside(&path);
        return Ok(Some(Recovery {
            state: None,
            done: 0,
            skipped: vec![format!(
                "{}: it was written for another folder (copied or planted with the project); \
                 nothing was changed",
                path.display()
            )],
        }));
    }
    let logs = accepted_logs(root, &plan, logs);
    let mut recovery = match state {
        State::Done => Recovery {
            state: None,
            done: 0,
            skipped: Vec::new(),
        },
        State::Committed => apply(root, &logs, &plan, true, false)?,
        State::Aborted => apply(root, &logs, &plan, false, false)?,
    };
    recovery.state = Some(state);
    fs::remove_file(&path).map_err(|e| write_error(&path, e))?;
    if let Some(dir) = path.parent() {
        remove_empty_state_dir(dir);
    }
    Ok(Some(recovery))
}

/// The journal's bytes; `None` when there is none.
fn read_journal(path: &Path) -> std::result::Result<Option<Vec<u8>>, String> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read it: {e}")),
        Ok(meta) if !meta.is_file() => return Err("it is not a file".into()),
        Ok(meta) if meta.len() > MAX_BYTES => return Err("it is too large to be one".into()),
        Ok(_) => {}
    }
    let file = crate::log::open_regular(path, None)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    Ok(Some(bytes))
}

/// Keeps an unreadable journal for a person to look at, out of the way.
fn set_aside(path: &Path) {
    let aside = path.with_file_name(format!("{FILE_NAME}.unreadable"));
    if fs::rename(path, &aside).is_err() {
        let _ = fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(kind: Kind, path: &str, old: Option<&str>, new: Option<&str>) -> Step {
        Step {
            kind,
            path: PathBuf::from(path),
            mode: 0o644,
            old: old.map(|s| s.as_bytes().to_vec()),
            new: new.map(|s| s.as_bytes().to_vec()),
        }
    }

    #[test]
    fn encoding_round_trips_and_rejects_any_change() {
        let plan = Plan {
            origin: 7,
            logs: vec![PathBuf::from("doc/adr")],
            steps: vec![
                step(Kind::Update, "doc/adr/0001-a.md", Some("old"), Some("new")),
                step(Kind::Create, "doc/adr/0002-b.md", None, Some("b")),
            ],
        };
        let bytes = plan.encode(State::Committed);
        assert_eq!(Plan::decode(&bytes), Ok((State::Committed, plan.clone())));
        for i in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[i] ^= 0x40;
            if i == STATE_AT as usize {
                continue;
            }
            assert!(
                Plan::decode(&bad).is_err(),
                "byte {i} changed and still read"
            );
        }
        for n in 0..bytes.len() {
            assert!(Plan::decode(&bytes[..n]).is_err(), "cut at {n}");
        }
    }

    #[test]
    fn recovery_finishes_a_committed_change_and_undoes_an_aborted_one() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        fs::create_dir_all(root.join("doc/adr")).expect("mkdir");
        fs::write(root.join("doc/adr/0001-a.md"), "new").expect("write");
        fs::write(root.join("doc/adr/0002-b.md"), "old b").expect("write");
        let plan = Plan {
            origin: origin(&root),
            logs: vec![PathBuf::from("doc/adr")],
            steps: vec![
                step(
                    Kind::Update,
                    "doc/adr/0001-a.md",
                    Some("old a"),
                    Some("new"),
                ),
                step(
                    Kind::Update,
                    "doc/adr/0002-b.md",
                    Some("old b"),
                    Some("new b"),
                ),
                step(Kind::Folder, "doc/adr/sub", None, None),
                step(Kind::Create, "doc/adr/sub/0003-c.md", None, Some("c")),
            ],
        };
        fs::create_dir_all(state_dir(&root)).expect("mkdir");
        fs::write(path(&root), plan.encode(State::Committed)).expect("write");
        let logs = [root.join("doc/adr")];
        let done = recover(&root, &logs).expect("recover").expect("a journal");
        assert_eq!(done.state, Some(State::Committed));
        assert_eq!(
            fs::read_to_string(root.join("doc/adr/0002-b.md")).expect("r"),
            "new b"
        );
        assert_eq!(
            fs::read_to_string(root.join("doc/adr/sub/0003-c.md")).expect("r"),
            "c"
        );
        assert!(!path(&root).exists() && !root.join(".adr").exists());

        fs::create_dir_all(state_dir(&root)).expect("mkdir");
        fs::write(path(&root), plan.encode(State::Aborted)).expect("write");
        recover(&root, &logs).expect("recover").expect("a journal");
        assert_eq!(
            fs::read_to_string(root.join("doc/adr/0001-a.md")).expect("r"),
            "old a"
        );
        assert_eq!(
            fs::read_to_string(root.join("doc/adr/0002-b.md")).expect("r"),
            "old b"
        );
        assert!(!root.join("doc/adr/sub").exists());
    }

    #[test]
    fn a_journal_of_another_folder_is_set_aside() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        fs::create_dir_all(root.join("doc/adr")).expect("mkdir");
        let plan = Plan {
            origin: origin(&root) ^ 1,
            logs: vec![PathBuf::from("doc/adr")],
            steps: vec![step(Kind::Create, "doc/adr/0001-a.md", None, Some("a"))],
        };
        fs::create_dir_all(state_dir(&root)).expect("mkdir");
        fs::write(path(&root), plan.encode(State::Committed)).expect("write");
        let done = recover(&root, &[root.join("doc/adr")])
            .expect("recover")
            .expect("a journal");
        assert_eq!(done.state, None);
        assert!(done.describe().contains("another folder"), "{done:?}");
        assert!(!root.join("doc/adr/0001-a.md").exists());
        assert!(!path(&root).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_state_folder_that_is_a_symlink_is_never_followed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().canonicalize().expect("canonical");
        let root = base.join("p");
        fs::create_dir_all(root.join("doc/adr")).expect("mkdir");
        fs::create_dir_all(base.join("elsewhere")).expect("mkdir");
        std::os::unix::fs::symlink(base.join("elsewhere"), root.join(".adr")).expect("symlink");
        let plan = Plan {
            origin: origin(&root),
            logs: vec![PathBuf::from("doc/adr")],
            steps: vec![step(Kind::Create, "doc/adr/0001-a.md", None, Some("a"))],
        };
        fs::write(
            base.join("elsewhere").join(FILE_NAME),
            plan.encode(State::Committed),
        )
        .expect("write");
        assert!(!pending(&root));
        assert_eq!(
            recover(&root, &[root.join("doc/adr")]).expect("recover"),
            None
        );
        assert!(!root.join("doc/adr/0001-a.md").exists());
        assert!(base.join("elsewhere").join(FILE_NAME).exists());
        assert!(matches!(
            Journal::begin(&root, &plan),
            Err(Error::Refused(_))
        ));
    }

    #[test]
    fn steps_outside_the_log_are_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        fs::create_dir_all(root.join("doc/adr")).expect("mkdir");
        let logs = [root.join("doc/adr")];
        for bad in [
            "/etc/passwd.md",
            "../x.md",
            "doc/../../x.md",
            ".git/config.md",
            ".adr/adr-journal",
            "doc/adr/script.sh",
            "",
            "doc/adr/x.md/..",
            "README.md",
            "doc/other.md",
        ] {
            let s = step(Kind::Create, bad, None, Some("x"));
            assert!(target(&root, &logs, &s).is_err(), "{bad} accepted");
        }
        assert!(
            target(
                &root,
                &logs,
                &step(Kind::Create, "doc/adr/0001-x.md", None, None)
            )
            .is_ok()
        );
        assert!(target(&root, &logs, &step(Kind::Create, ".adr-dir", None, None)).is_ok());
        assert!(target(&root, &logs, &step(Kind::Folder, "doc", None, None)).is_ok());
    }
}
