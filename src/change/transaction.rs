//! Writing records: atomically, and several files all or nothing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::error::Error;

use super::fault;
use super::stage::Staged;

/// Files to create and files to change, written together or not at all.
#[derive(Debug, Default)]
pub struct Transaction {
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
    pub fn new() -> Self {
        Self::default()
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

    /// Checks everything, writes every file to a temporary file beside it,
    /// then renames them into place. On any failure no file is changed.
    pub fn commit(self) -> Result<(), Error> {
        for update in self.updates.iter().chain(&self.removals) {
            check_writable(update)?;
        }
        let creates = self
            .creates
            .iter()
            .map(|(path, content)| stage(path, content).map(|s| (path, s)))
            .collect::<Result<Vec<_>, _>>()?;
        let updates = self
            .updates
            .iter()
            .map(|u| stage(&u.path, &u.content).map(|s| (u, s)))
            .collect::<Result<Vec<_>, _>>()?;
        fault::pause();

        let mut created: Vec<PathBuf> = Vec::new();
        for (path, staged) in creates {
            if let Err(e) = staged.create(path) {
                undo_creates(&created);
                return Err(write_error(path, e));
            }
            created.push(path.clone());
        }
        let mut replaced: Vec<&Update> = Vec::new();
        let fail_at = fault::failing_rename();
        for (i, (update, staged)) in updates.into_iter().enumerate() {
            let result = match fail_at {
                Some(n) if n == i => Err(io::Error::other("injected fault (ADR_INJECT_FAULT)")),
                _ => staged.replace(&update.path),
            };
            if let Err(e) = result {
                restore(&replaced);
                undo_creates(&created);
                return Err(write_error(&update.path, e));
            }
            replaced.push(update);
        }
        for (i, removal) in self.removals.iter().enumerate() {
            if let Err(e) = fs::remove_file(&removal.path) {
                let removed: Vec<&Update> = self.removals[..i].iter().collect();
                restore(&removed);
                restore(&replaced);
                undo_creates(&created);
                return Err(write_error(&removal.path, e));
            }
        }
        Ok(())
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
fn check_writable(update: &Update) -> Result<(), Error> {
    let current = fs::read(&update.path).map_err(|e| write_error(&update.path, e))?;
    if current != update.original {
        return Err(Error::ChangedMeanwhile(update.path.clone()));
    }
    let readonly = fs::metadata(&update.path)
        .map_err(|e| write_error(&update.path, e))?
        .permissions()
        .readonly();
    if readonly {
        return Err(Error::ReadOnly(update.path.clone()));
    }
    Ok(())
}

/// Writes `content` beside `path`, with the permissions of the file it
/// replaces, or the usual ones for a new file.
fn stage(path: &Path, content: &str) -> Result<Staged, Error> {
    let permissions = match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    Staged::write(path, content.as_bytes(), permissions).map_err(|e| write_error(path, e))
}

/// Temporary files are private (0600); a new record gets the usual 0644
/// less the umask, like a file made by `>` in a shell.
#[cfg(unix)]
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(0o666 & !current_umask()))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

/// The process umask, read without changing it (Linux reports it in
/// /proc); 022 when it cannot be known.
#[cfg(unix)]
fn current_umask() -> u32 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|l| {
                let value = l.strip_prefix("Umask:")?.trim();
                u32::from_str_radix(value, 8).ok()
            })
        })
        .unwrap_or(0o022)
}

fn undo_creates(created: &[PathBuf]) {
    for path in created {
        // Best effort: the file is ours and was created moments ago.
        let _ = fs::remove_file(path);
    }
}

fn restore(replaced: &[&Update]) {
    for update in replaced {
        let permissions = fs::metadata(&update.path).ok().map(|m| m.permissions());
        if let Ok(staged) = Staged::write(&update.path, &update.original, permissions) {
            let _ = staged.replace(&update.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_or_nothing_when_a_create_collides() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.md");
        let b = tmp.path().join("b.md");
        fs::write(&a, "old a").expect("write");
        fs::write(&b, "taken").expect("write");
        let mut tx = Transaction::new();
        tx.update(a.clone(), b"old a".to_vec(), "new a".into());
        tx.create(b.clone(), "new b".into());
        assert!(tx.commit().is_err());
        assert_eq!(fs::read_to_string(&a).expect("read"), "old a");
        assert_eq!(fs::read_to_string(&b).expect("read"), "taken");
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).expect("dir").collect();
        assert_eq!(leftovers.len(), 2, "no temporary file is left");
    }

    #[test]
    fn concurrent_edit_is_detected() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.md");
        fs::write(&a, "changed by someone").expect("write");
        let mut tx = Transaction::new();
        tx.update(a.clone(), b"what we read".to_vec(), "ours".into());
        assert!(matches!(tx.commit(), Err(Error::ChangedMeanwhile(_))));
        assert_eq!(fs::read_to_string(&a).expect("read"), "changed by someone");
    }

    #[test]
    fn commit_writes_everything() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let a = tmp.path().join("a.md");
        fs::write(&a, "old").expect("write");
        let mut tx = Transaction::new();
        tx.update(a.clone(), b"old".to_vec(), "new".into());
        tx.create(tmp.path().join("n.md"), "created".into());
        tx.commit().expect("commit");
        assert_eq!(fs::read_to_string(&a).expect("read"), "new");
        assert_eq!(
            fs::read_to_string(tmp.path().join("n.md")).expect("read"),
            "created"
        );
    }
}
