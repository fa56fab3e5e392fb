//! Writing records: atomically, and several files all or nothing, even
//! when the process is killed part-way.
//!
//! One file is staged unnamed and named (or renamed over the old one) in
//! one step. Several files go through the intent journal
//! ([`super::journal`]): it is written whole and synced before the first
//! file is named, so that whatever happens next the change is finished,
//! or undone, by whoever takes the project's lock after.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

use super::fault;
use super::journal::{self, Journal, Kind, Plan, State, Step};
use super::stage::Staged;

/// Files to create and files to change, written together or not at all.
#[derive(Debug, Default)]
pub struct Transaction {
    /// The project's root, canonical: every file written is inside it,
    /// and the journal goes in its state folder. `None` for a file the
    /// user named on the command line (`export json --out`).
    root: Option<PathBuf>,
    /// The log's folders, absolute: a journal writes only in them.
    logs: Vec<PathBuf>,
    creates: Vec<(PathBuf, String)>,
    updates: Vec<Update>,
    /// Files to delete once everything else is in place (the old names of
    /// renamed records).
    removals: Vec<Update>,
}

#[derive(Debug)]
struct Update {
    path: PathBuf,
    /// The bytes read before the change, to detect a concurrent edit and
    /// to put back if a later step fails.
    original: Vec<u8>,
    content: String,
}

impl Transaction {
    /// A transaction for one file the user named, wherever it is.
    pub fn new() -> Self {
        Self::default()
    }

    /// A transaction on the project whose canonical root is `root`, and
    /// whose log is in `logs` (as shown, or absolute).
    pub fn in_project<'a>(root: &Path, logs: impl IntoIterator<Item = &'a Path>) -> Self {
        let logs = logs
            .into_iter()
            .map(|l| crate::project::canonical_prefix(&crate::log::normalise(&absolute(l))))
            .collect();
        Self {
            root: Some(root.to_path_buf()),
            logs,
            ..Self::default()
        }
    }

    /// A new file; the commit fails if the name is taken by then.
    pub fn create(&mut self, path: PathBuf, content: String) {
        self.creates.push((path, content));
    }

    /// A changed file. An update to a path already staged replaces it.
    pub fn update(&mut self, path: PathBuf, original: Vec<u8>, content: String) {
        if let Some((_, pending)) = self.creates.iter_mut().find(|(p, _)| *p == path) {
            *pending = content;
            return;
        }
        if let Some(pending) = self.updates.iter_mut().find(|u| u.path == path) {
            pending.content = content;
            return;
        }
        self.updates.push(Update {
            path,
            original,
            content,
        });
    }

    /// Moves a file: `to` is created with `content` (never over an existing
    /// file) and `from` is deleted, together with the rest.
    pub fn rename(&mut self, from: PathBuf, original: Vec<u8>, to: PathBuf, content: String) {
        self.updates.retain(|u| u.path != from);
        self.creates.push((to, content));
        self.removals.push(Update {
            path: from,
            original,
            content: String::new(),
        });
    }

    /// The content a path will have after the commit, if staged.
    pub fn pending(&self, path: &Path) -> Option<&str> {
        self.creates
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, c)| c.as_str())
            .or_else(|| {
                self.updates
                    .iter()
                    .find(|u| u.path == path)
                    .map(|u| u.content.as_str())
            })
    }

    /// Checks everything, then writes every file. On an error no file is
    /// changed; when the process dies part-way, the next `adr` command
    /// finishes the change.
    pub fn commit(self) -> Result<(), Error> {
        let (steps, linked) = self.plan()?;
        if steps.is_empty() {
            return Ok(());
        }
        match (&self.root, steps.len()) {
            (Some(root), n) if n > 1 => {
                let logs = self
                    .logs
                    .iter()
                    .filter_map(|l| l.strip_prefix(root).ok().map(Path::to_path_buf))
                    .collect();
                let mut allowed = self.logs.clone();
                allowed.extend(linked);
                journaled(
                    root,
                    &allowed,
                    Plan {
                        origin: journal::origin(root),
                        logs,
                        steps,
                    },
                )
            }
            _ => single(&self, steps),
        }
    }

    /// Every step, with symlinked records resolved to their targets and
    /// each path checked: inside the project, unchanged since read, not
    /// read-only, and, for a new file, not there yet.
    /// Also returns the files symlinked records lead to, which the change
    /// may write wherever they are in the project.
    fn plan(&self) -> Result<(Vec<Step>, Vec<PathBuf>), Error> {
        let mut steps = Vec::new();
        let mut linked = Vec::new();
        let mut folders: Vec<PathBuf> = Vec::new();
        for (path, content) in &self.creates {
            let target = self.placed(path, &mut folders, &mut steps)?;
            if fs::symlink_metadata(&target).is_ok() {
                return Err(write_error(
                    path,
                    io::Error::from(io::ErrorKind::AlreadyExists),
                ));
            }
            steps.push(self.step(Kind::Create, path, &target, None, Some(content.as_bytes()))?);
        }
        for update in &self.updates {
            let target = self.resolved(&update.path)?;
            if fs::symlink_metadata(&update.path).is_ok_and(|m| m.file_type().is_symlink()) {
                linked.push(target.clone());
            }
            check_writable(update, &target)?;
            steps.push(self.step(
                Kind::Update,
                &update.path,
                &target,
                Some(&update.original),
                Some(update.content.as_bytes()),
            )?);
        }
        for removal in &self.removals {
            if fs::symlink_metadata(&removal.path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(Error::Refused(format!(
                    "{} is a symlink; move the file it leads to instead; nothing was changed",
                    removal.path.display()
                )));
            }
            let target = self.resolved(&removal.path)?;
            check_writable(removal, &target)?;
            steps.push(self.step(
                Kind::Remove,
                &removal.path,
                &target,
                Some(&removal.original),
                None,
            )?);
        }
        Ok((steps, linked))
    }

    /// The step for `target`, its path relative to the root when there
    /// is one (absolute otherwise).
    fn step(
        &self,
        kind: Kind,
        shown: &Path,
        target: &Path,
        old: Option<&[u8]>,
        new: Option<&[u8]>,
    ) -> Result<Step, Error> {
        let mode = match fs::metadata(target) {
            Ok(meta) => file_mode(&meta),
            Err(_) => default_mode(0o666),
        };
        let path = match &self.root {
            Some(root) => target
                .strip_prefix(root)
                .map(Path::to_path_buf)
                .map_err(|_| outside(shown))?,
            None => target.to_path_buf(),
        };
        Ok(Step {
            kind,
            path,
            mode,
            old: old.map(<[u8]>::to_vec),
            new: new.map(<[u8]>::to_vec),
        })
    }

    /// Where an existing file really is: a symlinked record's target, which
    /// must be inside the project.
    fn resolved(&self, path: &Path) -> Result<PathBuf, Error> {
        let real = path.canonicalize().map_err(|e| write_error(path, e))?;
        self.inside(path, &real)?;
        Ok(real)
    }

    /// Where a new file goes, its folder resolved; folders it needs that do
    /// not exist yet become steps of their own.
    fn placed(
        &self,
        path: &Path,
        folders: &mut Vec<PathBuf>,
        steps: &mut Vec<Step>,
    ) -> Result<PathBuf, Error> {
        let name = path.file_name().ok_or_else(|| outside(path))?;
        let parent = folder_of(path);
        let existing = parent
            .ancestors()
            .find(|a| a.as_os_str().is_empty() || a.is_dir())
            .unwrap_or(Path::new("."));
        let base = if existing.as_os_str().is_empty() {
            Path::new(".")
        } else {
            existing
        };
        let mut real = base.canonicalize().map_err(|e| write_error(base, e))?;
        self.inside(path, &real)?;
        let missing = parent.strip_prefix(existing).unwrap_or(Path::new(""));
        for part in missing.components() {
            real.push(part);
            if !folders.contains(&real) {
                folders.push(real.clone());
                let rel = match &self.root {
                    Some(root) => real
                        .strip_prefix(root)
                        .map(Path::to_path_buf)
                        .map_err(|_| outside(path))?,
                    None => real.clone(),
                };
                steps.push(Step {
                    kind: Kind::Folder,
                    path: rel,
                    mode: default_mode(0o777),
                    old: None,
                    new: None,
                });
            }
        }
        Ok(real.join(name))
    }

    fn inside(&self, shown: &Path, real: &Path) -> Result<(), Error> {
        match &self.root {
            Some(root) if !real.starts_with(root) => Err(outside(shown)),
            _ => Ok(()),
        }
    }
}

/// `path` from the current folder, when it is relative.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn outside(path: &Path) -> Error {
    Error::Refused(format!(
        "{}: leads outside the project; nothing was changed",
        path.display()
    ))
}

fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// One file: staged unnamed, then named in one step. Nothing to finish if
/// the process dies, at most a `.adr-*.tmp` the next command removes.
fn single(tx: &Transaction, steps: Vec<Step>) -> Result<(), Error> {
    for step in &steps {
        let target = match &tx.root {
            Some(root) => root.join(&step.path),
            None => step.path.clone(),
        };
        match step.kind {
            Kind::Folder => {
                fs::create_dir(&target).map_err(|e| write_error(&target, e))?;
            }
            Kind::Create | Kind::Update => {
                let content = step.new.as_deref().unwrap_or_default();
                let staged = Staged::write(&target, content, permissions(step.mode))
                    .map_err(|e| write_error(&target, e))?;
                let named = if step.kind == Kind::Create {
                    staged.create(&target)
                } else if fault::failing_rename() == Some(0) {
                    Err(fault::injected())
                } else {
                    staged.replace(&target)
                };
                named.map_err(|e| write_error(&target, e))?;
            }
            Kind::Remove => fs::remove_file(&target).map_err(|e| write_error(&target, e))?,
        }
    }
    Ok(())
}

/// Several files: every content staged, then the journal, then every
/// file named; on an error, every file back as it was.
fn journaled(root: &Path, logs: &[PathBuf], plan: Plan) -> Result<(), Error> {
    // Content that cannot be staged (a full disk) stops the change before
    // anything, journal included, is named.
    let prepared = journal::prepare(root, logs, &plan, true, true)?;
    fault::pause();
    let journal = Journal::begin(root, &plan)?;
    let result = match fault::failing_rename().and_then(|n| nth_update(&plan, n)) {
        Some(i) => prepared
            .execute(i)
            .and_then(|_| Err(write_error(&plan.steps[i].path, fault::injected()))),
        None => prepared.execute(usize::MAX).map(|_| ()),
    };
    let Err(error) = result else {
        journal.finish(State::Done);
        return Ok(());
    };
    let marked = journal.mark(State::Aborted).is_ok();
    match journal::apply(root, logs, &plan, false, false) {
        Ok(undone) if undone.skipped.is_empty() => {
            journal.finish(State::Done);
            Err(error)
        }
        _ if marked => Err(noted(
            error,
            "the files changed so far are put back by the next adr command",
        )),
        _ => Err(noted(error, "the next adr command finishes the change")),
    }
}

/// Where the `n`-th update (0-based) is among the steps, for the test
/// hook `rename:N`.
fn nth_update(plan: &Plan, n: usize) -> Option<usize> {
    plan.steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.kind == Kind::Update)
        .nth(n)
        .map(|(i, _)| i)
}

/// `error` with what happens next said after it.
fn noted(error: Error, next: &str) -> Error {
    match error {
        Error::Write { path, source } => Error::Write {
            path,
            source: io::Error::new(source.kind(), format!("{source}; {next}")),
        },
        other => Error::Refused(format!("{other}; {next}")),
    }
}

fn write_error(path: &Path, source: io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// A file changed since it was read, or one the user made read-only, is
/// not overwritten.
fn check_writable(update: &Update, target: &Path) -> Result<(), Error> {
    let current = crate::log::open_regular(target, None)
        .and_then(|f| read_limited(f, update.original.len()))
        .map_err(|why| write_error(&update.path, io::Error::other(why)))?;
    if current != update.original {
        return Err(Error::ChangedMeanwhile(update.path.clone()));
    }
    let readonly = fs::metadata(target)
        .map_err(|e| write_error(&update.path, e))?
        .permissions()
        .readonly();
    if readonly {
        return Err(Error::ReadOnly(update.path.clone()));
    }
    Ok(())
}

/// At most one byte more than `limit`: enough to tell a file from one
/// that grew.
fn read_limited(file: fs::File, limit: usize) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(unix)]
fn file_mode(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn file_mode(_meta: &fs::Metadata) -> u32 {
    0
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

/// `full` less the umask: a new file gets 0644 (a folder 0755), like one
/// made in a shell.
#[cfg(unix)]
fn default_mode(full: u32) -> u32 {
    full & !current_umask()
}

#[cfg(not(unix))]
fn default_mode(_full: u32) -> u32 {
    0
}

/// The process umask, read without changing it (Linux reports it in
/// /proc); 022 when it cannot be known.
#[cfg(unix)]
fn current_umask() -> u32 {
    use std::sync::OnceLock;
    static UMASK: OnceLock<u32> = OnceLock::new();
    *UMASK.get_or_init(|| {
        fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|status| {
                status.lines().find_map(|l| {
                    let value = l.strip_prefix("Umask:")?.trim();
                    u32::from_str_radix(value, 8).ok()
                })
            })
            .unwrap_or(0o022)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        (tmp, root)
    }

    #[test]
    fn all_or_nothing_when_a_create_collides() {
        let (_tmp, root) = root();
        let a = root.join("a.md");
        let b = root.join("b.md");
        fs::write(&a, "old a").expect("write");
        fs::write(&b, "taken").expect("write");
        let mut tx = Transaction::in_project(&root, [root.as_path()]);
        tx.update(a.clone(), b"old a".to_vec(), "new a".into());
        tx.create(b.clone(), "new b".into());
        assert!(tx.commit().is_err());
        assert_eq!(fs::read_to_string(&a).expect("read"), "old a");
        assert_eq!(fs::read_to_string(&b).expect("read"), "taken");
        let leftovers: Vec<_> = fs::read_dir(&root).expect("dir").collect();
        assert_eq!(leftovers.len(), 2, "no temporary file is left");
    }

    #[test]
    fn concurrent_edit_is_detected() {
        let (_tmp, root) = root();
        let a = root.join("a.md");
        fs::write(&a, "changed by someone").expect("write");
        let mut tx = Transaction::in_project(&root, [root.as_path()]);
        tx.update(a.clone(), b"what we read".to_vec(), "ours".into());
        assert!(matches!(tx.commit(), Err(Error::ChangedMeanwhile(_))));
        assert_eq!(fs::read_to_string(&a).expect("read"), "changed by someone");
    }

    #[test]
    fn commit_writes_everything_and_leaves_no_journal() {
        let (_tmp, root) = root();
        let a = root.join("a.md");
        fs::write(&a, "old").expect("write");
        let mut tx = Transaction::in_project(&root, [root.as_path()]);
        tx.update(a.clone(), b"old".to_vec(), "new".into());
        tx.create(root.join("sub/deeper/n.md"), "created".into());
        tx.commit().expect("commit");
        assert_eq!(fs::read_to_string(&a).expect("read"), "new");
        assert_eq!(
            fs::read_to_string(root.join("sub/deeper/n.md")).expect("read"),
            "created"
        );
        assert!(
            !root.join(".adr").exists(),
            "the journal and its folder are gone"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_keeps_its_link() {
        let (_tmp, root) = root();
        fs::create_dir_all(root.join("shared")).expect("mkdir");
        fs::write(root.join("shared/a.md"), "old").expect("write");
        std::os::unix::fs::symlink("shared/a.md", root.join("a.md")).expect("symlink");
        let mut tx = Transaction::in_project(&root, [root.as_path()]);
        tx.update(root.join("a.md"), b"old".to_vec(), "new".into());
        tx.commit().expect("commit");
        assert!(
            fs::symlink_metadata(root.join("a.md"))
                .expect("lstat")
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(root.join("shared/a.md")).expect("read"),
            "new"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_file_leading_outside_is_refused() {
        let (_tmp, root) = root();
        let (_other, outside) = self::root();
        fs::write(outside.join("x.md"), "old").expect("write");
        std::os::unix::fs::symlink(outside.join("x.md"), root.join("x.md")).expect("symlink");
        let mut tx = Transaction::in_project(&root, [root.as_path()]);
        tx.update(root.join("x.md"), b"old".to_vec(), "new".into());
        assert!(tx.commit().is_err());
        assert_eq!(
            fs::read_to_string(outside.join("x.md")).expect("read"),
            "old"
        );
    }
}
