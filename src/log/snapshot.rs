//! The log as it stood at a revision, read from git's objects: each log
//! folder's tree (where the folder was then, if it has moved since) is
//! walked with the scan's rules, and each record's blob is read with the
//! same cap as a file and parsed from memory by the same reader. Nothing
//! is written anywhere.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use git2::{ObjectType, Oid, Tree};

use crate::error::{Error, Result};
use crate::git::Git;
use crate::git::tree::{self as git_tree, Known};
use crate::record::{Record, name};

use super::load::{MAX_RECORD_BYTES, decode, parallel_map};
use super::scan::{self, FileKind, OtherFile, RecordFile, Scan};

/// A log read at a revision.
pub(super) struct AtRevision {
    pub scan: Scan,
    pub records: Vec<Record>,
    pub texts: Vec<Option<String>>,
    /// Each log folder as it was then (shown), in the project's order; a
    /// folder that did not exist then keeps its present path.
    pub roots: Vec<PathBuf>,
}

/// Where a record's bytes are.
enum Source {
    Blob(Oid),
    Unreadable(String),
}

/// Reads the log folders `dirs` (shown) as they were at `commit`.
pub(super) fn read(git: &Git, cwd: &Path, commit: Oid, dirs: &[&Path]) -> Result<AtRevision> {
    let error = |e: git2::Error| Error::Read {
        path: git.repo.path().to_path_buf(),
        source: std::io::Error::other(e.message().to_string()),
    };
    let root = git
        .repo
        .find_commit(commit)
        .and_then(|c| c.tree())
        .map_err(error)?;
    let head_tree = git
        .head()
        .and_then(|h| git.repo.find_commit(h).ok())
        .and_then(|c| c.tree().ok());
    let mut walk = Walk {
        git,
        root: &root,
        found: Vec::new(),
        others: Vec::new(),
    };
    let mut roots = Vec::new();
    for dir in dirs {
        let Some(now) = git.relative(cwd, dir) else {
            roots.push(dir.to_path_buf());
            continue;
        };
        let known = || {
            head_tree
                .as_ref()
                .and_then(|t| git_tree::subtree(&git.repo, t, &now))
                .map(|t| Known::of(&git.repo, &t))
                .unwrap_or_default()
        };
        let folder = if git_tree::subtree(&git.repo, &root, &now).is_some() {
            Some(now.clone())
        } else {
            git_tree::folder_at(git, &root, &now, &known())
        };
        let Some(folder) = folder else {
            roots.push(dir.to_path_buf());
            continue;
        };
        let shown = if folder == now {
            dir.to_path_buf()
        } else {
            git.shown(cwd, &folder)
        };
        if let Some(tree) = git_tree::subtree(&git.repo, &root, &folder) {
            walk.folder(&tree, &folder, &shown, Path::new(""), 0);
        }
        roots.push(shown);
    }
    let Walk { found, others, .. } = walk;
    let mut scan = Scan {
        others,
        ..Scan::default()
    };
    let mut sources = Vec::with_capacity(found.len());
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&found[a].0, &found[b].0);
        (&a.log, a.number.is_none(), a.number, &a.path).cmp(&(
            &b.log,
            b.number.is_none(),
            b.number,
            &b.path,
        ))
    });
    let mut found: Vec<Option<(RecordFile, Source)>> = found.into_iter().map(Some).collect();
    for i in order {
        if let Some((file, source)) = found[i].take() {
            scan.records.push(file);
            sources.push(source);
        }
    }
    scan::sort(&mut scan);
    // Blobs are read on this thread (a repository handle is not shared
    // between threads); parsing, the larger part, on every core.
    let read: Vec<_> = sources
        .into_iter()
        .map(|source| match source {
            Source::Blob(id) => git_tree::read_blob(&git.repo, id, MAX_RECORD_BYTES).map(decode),
            Source::Unreadable(why) => Err(why),
        })
        .collect();
    let items: Vec<_> = scan.records.iter().zip(&read).collect();
    let records: Vec<Record> = parallel_map(&items, |(file, read)| match read {
        Ok((text, problem)) => {
            let mut record = Record::parse(file.path.clone(), &file.stem, text);
            record.problems.extend(problem.clone());
            record
        }
        Err(why) => Record::unreadable(file.path.clone(), &file.stem, why.clone()),
    });
    let texts = read.into_iter().map(|r| r.ok().map(|(t, _)| t)).collect();
    Ok(AtRevision {
        scan,
        records,
        texts,
        roots,
    })
}

struct Walk<'g, 'r> {
    git: &'g Git,
    root: &'r Tree<'g>,
    found: Vec<(RecordFile, Source)>,
    others: Vec<OtherFile>,
}

impl Walk<'_, '_> {
    fn record(&mut self, path: PathBuf, stem: &str, log: &Path, source: Source) {
        self.found.push((
            RecordFile {
                number: name::number(stem),
                path,
                stem: stem.to_string(),
                log: log.to_path_buf(),
                // Read from git's objects, never from a file.
                within: None::<Arc<Path>>,
                regular: false,
            },
            source,
        ));
    }

    /// The blob of a file entry, a symbolic link followed inside the
    /// revision.
    fn source(&self, entry: &git2::TreeEntry<'_>, rel: &str) -> Source {
        if !git_tree::is_symlink(entry) {
            return Source::Blob(entry.id());
        }
        let target = match git_tree::read_blob(&self.git.repo, entry.id(), 4096) {
            Ok(target) => target,
            Err(why) => return Source::Unreadable(why),
        };
        match git_tree::follow_symlink(self.root, rel, &target) {
            Ok(id) => Source::Blob(id),
            Err(why) => Source::Unreadable(why),
        }
    }

    /// One folder of a log: `rel` in the work tree, `shown` to the user,
    /// `log` below the log's own folder.
    fn folder(&mut self, tree: &Tree<'_>, rel: &str, shown: &Path, log: &Path, depth: usize) {
        for entry in tree.iter() {
            let Ok(name) = std::str::from_utf8(entry.name_bytes()) else {
                let lossy = String::from_utf8_lossy(entry.name_bytes()).into_owned();
                if scan::is_markdown(&lossy) {
                    self.others.push(OtherFile {
                        path: shown.join(lossy),
                        reason: "file name is not valid UTF-8",
                    });
                }
                continue;
            };
            // Names come from the repository: never one that leaves the folder.
            if name.is_empty() || name == "." || name == ".." || name.contains('/') {
                continue;
            }
            let path = shown.join(name);
            let entry_rel = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            match entry.kind() {
                Some(ObjectType::Tree) => {
                    if scan::skips_folder(name, depth) {
                        continue;
                    }
                    let Ok(sub) = self.git.repo.find_tree(entry.id()) else {
                        self.others.push(OtherFile {
                            path,
                            reason: "a folder that cannot be read",
                        });
                        continue;
                    };
                    if let Some(readme) = folder_record(&sub, name) {
                        let readme_rel = format!("{entry_rel}/{readme}");
                        let file = sub.get_name(readme).map(|e| self.source(&e, &readme_rel));
                        let source = file.unwrap_or(Source::Unreadable("cannot read".into()));
                        self.record(path.join(readme), name, log, source);
                        for other in sub.iter() {
                            let Ok(other_name) = std::str::from_utf8(other.name_bytes()) else {
                                continue;
                            };
                            if other_name != readme
                                && other.kind() == Some(ObjectType::Blob)
                                && scan::is_markdown(other_name)
                            {
                                self.others.push(OtherFile {
                                    path: path.join(other_name),
                                    reason: "supplement of a folder-per-decision record",
                                });
                            }
                        }
                    } else {
                        self.folder(&sub, &entry_rel, &path, &log.join(name), depth + 1);
                    }
                }
                Some(ObjectType::Blob) => match scan::file_kind(name) {
                    FileKind::Ignored => {}
                    FileKind::Other(reason) => self.others.push(OtherFile { path, reason }),
                    FileKind::Record(stem) => {
                        let source = self.source(&entry, &entry_rel);
                        self.record(path, stem, log, source);
                    }
                },
                // Submodules are other repositories.
                _ => {}
            }
        }
    }
}

/// The README of a dated or numbered folder that is one decision.
fn folder_record(tree: &Tree<'_>, name: &str) -> Option<&'static str> {
    if !name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    scan::FOLDER_RECORD_FILES.iter().copied().find(|f| {
        tree.get_name(f)
            .is_some_and(|e| e.kind() == Some(ObjectType::Blob))
    })
}
