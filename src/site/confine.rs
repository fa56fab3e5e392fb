//! What the site may read: files inside the project only (its root as the
//! project finds it). Every path is resolved (symlinks and `..`) before it
//! is checked, and the resolved path is the one opened, so a symlink cannot
//! lead a read outside.

use std::path::{Path, PathBuf};

/// Files larger than this are not copied into the site.
pub(super) const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The project's root, canonical.
#[derive(Debug, Clone)]
pub struct Confine {
    pub root: PathBuf,
}

impl Confine {
    /// The resolved path of `path` when it is inside the project.
    pub fn resolve(&self, path: &Path) -> Result<PathBuf, String> {
        let resolved = path
            .canonicalize()
            .map_err(|e| format!("cannot resolve it: {e}"))?;
        if resolved.starts_with(&self.root) {
            Ok(resolved)
        } else {
            Err(format!(
                "it leads outside the project ({}); not read",
                self.root.display()
            ))
        }
    }

    /// `path` relative to the root, with `/` (`None` when outside).
    pub fn relative(&self, resolved: &Path) -> Option<String> {
        let rest = resolved.strip_prefix(&self.root).ok()?;
        Some(
            rest.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// Reads a regular file inside the project, at most [`MAX_FILE_BYTES`],
    /// without waiting on a FIFO and checked on the file actually opened.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, String> {
        crate::log::read_within(path, &self.root, MAX_FILE_BYTES)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn symlinks_out_of_the_project_are_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let project = tmp.path().join("p");
        fs::create_dir_all(project.join("doc/adr")).expect("mkdir");
        fs::write(tmp.path().join("secret"), "s").expect("write");
        fs::write(project.join("doc/ok.png"), "ok").expect("write");
        #[cfg(unix)]
        std::os::unix::fs::symlink(tmp.path().join("secret"), project.join("doc/adr/leak.png"))
            .expect("symlink");
        let confine = Confine {
            root: project.join("doc").canonicalize().expect("c"),
        };
        assert_eq!(
            confine.read(&project.join("doc/adr/../ok.png")),
            Ok(b"ok".to_vec())
        );
        #[cfg(unix)]
        assert!(confine.read(&project.join("doc/adr/leak.png")).is_err());
        assert!(confine.read(&project.join("doc/adr/../../secret")).is_err());
    }
}
