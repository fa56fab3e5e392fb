//! Changing records: create, link, unlink, supersede, set a status,
//! renumber, rename, upgrade. Each change holds the folder lock, validates
//! everything, then writes all its files in one transaction.

mod create;
mod fault;
mod fill;
mod import;
pub mod journal;
mod relate;
mod rename;
pub(crate) mod stage;
mod status;
pub(crate) mod template;
mod transaction;
mod upgrade;
pub(crate) mod value;

use std::path::{Path, PathBuf};

pub use create::{
    LinkSpec, NewRecord, NewRequest, NewStatus, choose_template, clean_title, default_status, init,
    new_record,
};
pub use import::import;
pub use relate::{link, supersede, unlink};
pub use rename::{rename, renumber};
pub use status::set_status;
pub use transaction::Transaction;
pub use upgrade::upgrade;

use crate::error::{Error, Result};
use crate::log::{self, Listing, RecordFile};
use crate::project::{FolderLock, Project, Repository};
use crate::record::{Record, Severity};

/// What an operation that writes did: the front ends print it, and commit
/// it when asked.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Change {
    /// Files made, in the order they were made.
    pub created: Vec<PathBuf>,
    /// Files rewritten, in the order they were changed.
    pub changed: Vec<PathBuf>,
    /// Files moved: (from, to).
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// Things left as they were, and why (`already linked`).
    pub notes: Vec<String>,
    /// What was chosen and why (`template: …`), for `--verbose`.
    pub details: Vec<String>,
    /// The commit message for `--commit` (`docs(adr): supersede 3 with 7`).
    pub message: String,
}

impl Change {
    /// Every path the change touched: what a commit of it must stage.
    pub fn paths(&self) -> Vec<PathBuf> {
        let mut paths = self.created.clone();
        for (from, to) in &self.moved {
            paths.push(from.clone());
            paths.push(to.clone());
        }
        paths.extend(self.changed.iter().cloned());
        paths
    }

    /// `message` with `{number}` replaced by the created record's number.
    fn numbered_message(mut self, message: &str) -> Self {
        let number = self
            .created
            .first()
            .and_then(|p| p.file_name())
            .map(|n| {
                crate::record::name::leading_digits(&n.to_string_lossy())
                    .trim_start_matches('0')
                    .to_string()
            })
            .unwrap_or_default();
        self.message = message.replace("{number}", &number);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.changed.is_empty() && self.moved.is_empty()
    }
}

/// A record read for editing.
#[derive(Debug, Clone)]
struct Loaded {
    file: RecordFile,
    /// The bytes on disk when read: checked again before writing.
    original: Vec<u8>,
    record: Record,
}

/// One change in progress: the lock, the record files, what was read, and
/// the transaction that will write it.
struct Session<'r> {
    repo: &'r Repository,
    _lock: FolderLock,
    /// The log folder as listed once under the lock: the next number and
    /// the folder's conventions come from it.
    listing: Listing,
    files: Vec<RecordFile>,
    loaded: Vec<Loaded>,
    /// All records with resolved links, read on first need.
    all: Option<Vec<Record>>,
    tx: Transaction,
    outcome: Change,
}

impl<'r> Session<'r> {
    /// Locks the log, whose folder must exist, and lists its records.
    fn open(project: &'r Project) -> Result<Self> {
        project.repo.require()?;
        Self::open_listing(project, true)
    }

    /// Locks the log, whose folder may not exist yet (a first record, an
    /// import: the transaction makes it); lists its records only when
    /// asked, since a plain `adr new` needs no more than the next number.
    fn open_listing(project: &'r Project, list: bool) -> Result<Self> {
        let repo = &project.repo;
        let (lock, listing) = project.lock_listing()?;
        let files = if list && repo.exists() {
            log::scan_repository_listed(repo, &listing)?.records
        } else {
            Vec::new()
        };
        Ok(Self {
            repo,
            _lock: lock,
            listing,
            files,
            loaded: Vec::new(),
            all: None,
            tx: Transaction::in_project(project.root(), repo.log_dirs()),
            outcome: Change::default(),
        })
    }

    fn find(&self, reference: &str) -> Result<RecordFile> {
        log::find(&self.files, reference, &self.repo.dir).cloned()
    }

    /// Reads a record to change; a record with errors is refused.
    fn load(&mut self, file: &RecordFile) -> Result<Record> {
        if let Some(done) = self.loaded.iter().find(|l| l.file.path == file.path) {
            return Ok(done.record.clone());
        }
        // Edits read no more than reads do: an oversized file is refused.
        let original = log::read_record(file).map_err(|why| {
            // A disk that fails stops the change; a file that is not a
            // record to edit (too large, a FIFO, outside) is refused.
            if log::is_io_failure(&why) && file.path.exists() {
                Error::read(&file.path, std::io::Error::other(why))
            } else {
                Error::invalid(&file.path, 0, format!("{why}; not changing it"))
            }
        })?;
        let (text, problem) = log::decode(original.clone());
        let mut record = Record::parse(file.path.clone(), &file.stem, &text);
        record.problems.extend(problem);
        if let Some(p) = record
            .problems
            .iter()
            .find(|p| p.severity == Severity::Error)
        {
            let mut diagnostic = p.clone().in_file(&file.path);
            diagnostic.message.push_str("; not changing it");
            return Err(Error::Invalid(diagnostic));
        }
        if let Some(all) = &self.all
            && let Some(resolved) = all.iter().find(|r| r.path == file.path)
        {
            record.links = resolved.links.clone();
        }
        self.loaded.push(Loaded {
            file: file.clone(),
            original,
            record: record.clone(),
        });
        Ok(record)
    }

    /// The text of a record as it will be after the edits staged so far.
    fn text(&self, path: &Path) -> Result<String> {
        if let Some(pending) = self.tx.pending(path) {
            return Ok(pending.to_string());
        }
        let loaded = self.loaded(path)?;
        Ok(log::decode(loaded.original.clone()).0)
    }

    fn loaded(&self, path: &Path) -> Result<&Loaded> {
        self.loaded
            .iter()
            .find(|l| l.file.path == path)
            .ok_or_else(|| Error::read(path, std::io::Error::other("record was not read first")))
    }

    /// Stages new text for a record read with `load`.
    fn update(&mut self, path: &Path, text: String) -> Result<()> {
        let original = self.loaded(path)?.original.clone();
        let unchanged = log::decode(original.clone()).0 == text;
        if !unchanged {
            self.tx.update(path.to_path_buf(), original, text);
            if !self.outcome.changed.iter().any(|p| p == path) {
                self.outcome.changed.push(path.to_path_buf());
            }
        }
        Ok(())
    }

    /// Every record, read once, with links resolved.
    fn all_records(&mut self) -> &[Record] {
        let files = &self.files;
        self.all.get_or_insert_with(|| {
            let mut records = log::load(files);
            log::resolve_links(&mut records);
            records
        })
    }

    /// Writes every staged file, all or nothing; `message` is the commit
    /// message of the change.
    fn commit(mut self, message: String) -> Result<Change> {
        self.tx.commit()?;
        self.outcome.message = message;
        Ok(self.outcome)
    }
}

pub(crate) use crate::log::relative;
