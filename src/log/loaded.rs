//! The decision log of a project, read once: every record with its text
//! and file, now or as it stood at a revision, with what git says of each
//! record read only when asked.

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Result};
use crate::git::{self, History, Metadata};
use crate::graph::DecisionGraph;
use crate::project::Project;
use crate::record::facts::TextFacts;
use crate::record::{Filter, Record};

use super::resolve::{LinkIndex, Resolution};
use super::scan::{OtherFile, RecordFile, Scan};
use super::snapshot;

/// Every record of a project's log, read once.
pub struct Log<'p> {
    project: &'p Project,
    files: Vec<RecordFile>,
    others: Vec<OtherFile>,
    records: Vec<Record>,
    /// Every record's text (`None` when it could not be read), once all
    /// are needed: records the cache gave are read only then.
    texts: OnceCell<Vec<Option<String>>>,
    /// Texts read one at a time before (or instead of) all of them.
    text_one: Vec<OnceCell<Option<String>>>,
    /// What each text says that its record does not keep, for the check.
    facts: OnceCell<Vec<TextFacts>>,
    /// Facts known at load (from the cache or the reading).
    facts_known: Vec<Option<TextFacts>>,
    /// What links may say, to the records they may mean: built when first
    /// asked for (a log whose resolution the cache kept needs none).
    index: OnceCell<LinkIndex>,
    /// The log's folders (shown), in the project's order: as they were,
    /// for a log read at a revision.
    roots: Vec<PathBuf>,
    at_revision: bool,
    history: OnceCell<Option<History>>,
    metadata: OnceCell<Vec<Option<Metadata>>>,
    /// Things the reader of the output should know (git history that
    /// could not be read), said once.
    warnings: RefCell<Vec<String>>,
    /// The record cache being written again, joined by [`Self::settle`]
    /// or when the log is dropped.
    storing: RefCell<Option<std::thread::JoinHandle<()>>>,
}

/// One record of the log with its file and text.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub index: usize,
    pub file: &'a RecordFile,
    pub record: &'a Record,
    pub text: Option<&'a str>,
}

impl<'p> Log<'p> {
    /// Reads every record of the project's log, each file once and in
    /// parallel, and resolves the links between them.
    /// Files that did not change since the last run are taken from the
    /// record cache (see [`super::cache`]) and their texts read only when
    /// a command asks for them.
    pub fn load(project: &'p Project) -> Result<Self> {
        let scan = super::scan_repository(&project.repo)?;
        Self::load_scanned(project, scan)
    }

    /// [`Self::load`] for the holder of the lock, from the log folder's
    /// listing taken under it (see [`Project::lock_listing`]): the folder
    /// is not listed again.
    pub fn load_listed(project: &'p Project, listing: &super::Listing) -> Result<Self> {
        let scan = super::scan_repository_listed(&project.repo, listing)?;
        Self::load_scanned(project, scan)
    }

    fn load_scanned(project: &'p Project, scan: Scan) -> Result<Self> {
        let mut loading = super::cache::load(project, &scan.records);
        let n = loading.loaded.len();
        let mut records = Vec::with_capacity(n);
        let mut texts = Vec::with_capacity(n);
        let mut facts = Vec::with_capacity(n);
        for one in std::mem::take(&mut loading.loaded) {
            records.push(one.record);
            texts.push(one.text);
            facts.push(one.facts);
        }
        // The links of unchanged records resolve as they did last time;
        // the few others are resolved by walking the records rather than
        // building an index of all of them, which is built only if a
        // command asks for it.
        let index = OnceCell::new();
        let resolution = match loading.resolution.take() {
            Some(kept) => kept.updated(&records, &loading.unchanged, &LinkIndex::lazy()),
            None => Resolution::of(&records, index.get_or_init(|| LinkIndex::new(&records))),
        };
        let storing = loading.finish(&resolution);
        resolution.apply(&mut records);
        let mut log = Self::new(project, scan, records, texts, index, None);
        log.storing = RefCell::new(storing);
        if facts.iter().all(Option::is_some) {
            log.facts = OnceCell::from(facts.into_iter().flatten().collect::<Vec<_>>());
        } else {
            log.facts_known = facts;
        }
        Ok(log)
    }

    /// The log now (`at` is `None`) or as it stood at a date or revision.
    pub fn load_at(project: &'p Project, at: Option<&str>) -> Result<Self> {
        let Some(at) = at else {
            return Self::load(project);
        };
        let repo = &project.repo;
        let git = project.git().ok_or_else(|| Error::NotInGit {
            what: "--at".into(),
            path: repo.dir.clone(),
        })?;
        let commit = git::revision::resolve(git, at)?;
        let dirs: Vec<&Path> = repo.log_dirs().collect();
        let read = snapshot::read(git, &project.env.cwd, commit, &dirs)?;
        let mut records = read.records;
        let index = LinkIndex::new(&records);
        super::resolve_with(&mut records, &index);
        let index = OnceCell::from(index);
        let log = Self::new(
            project,
            read.scan,
            records,
            read.texts.into_iter().map(Some).collect(),
            index,
            Some(read.roots),
        );
        // What git says now does not describe the log as it was then.
        let _ = log.history.set(None);
        Ok(log)
    }

    fn new(
        project: &'p Project,
        scan: Scan,
        records: Vec<Record>,
        texts: Vec<Option<Option<String>>>,
        index: OnceCell<LinkIndex>,
        roots: Option<Vec<PathBuf>>,
    ) -> Self {
        let n = records.len();
        let (all, text_one) = if texts.iter().all(Option::is_some) {
            let all = OnceCell::from(texts.into_iter().flatten().collect::<Vec<_>>());
            (all, (0..n).map(|_| OnceCell::new()).collect())
        } else {
            let one = texts
                .into_iter()
                .map(|t| t.map_or_else(OnceCell::new, OnceCell::from))
                .collect();
            (OnceCell::new(), one)
        };
        Self {
            project,
            warnings: RefCell::new(scan.notes),
            files: scan.records,
            others: scan.others,
            records,
            texts: all,
            text_one,
            facts: OnceCell::new(),
            facts_known: vec![None; n],
            index,
            at_revision: roots.is_some(),
            roots: roots
                .unwrap_or_else(|| project.repo.log_dirs().map(Path::to_path_buf).collect()),
            history: OnceCell::new(),
            metadata: OnceCell::new(),
            storing: RefCell::new(None),
        }
    }

    /// Waits for what the log writes in the background (its record cache)
    /// to be written: before the process ends without dropping the log.
    pub fn settle(&self) {
        if let Some(storing) = self.storing.borrow_mut().take() {
            let _ = storing.join();
        }
    }

    /// The log with some records' texts replaced by ones this process has
    /// just written, parsed again and linked, without reading any file.
    pub fn with_texts(mut self, changed: Vec<(std::path::PathBuf, String)>) -> Self {
        if changed.is_empty() {
            return self;
        }
        let mut texts = self.texts().to_vec();
        for (path, text) in changed {
            if let Some(i) = self.files.iter().position(|f| f.path == path) {
                self.records[i] = Record::parse(path, &self.files[i].stem, &text);
                self.facts_known[i] = None;
                texts[i] = Some(text);
            }
        }
        self.texts = OnceCell::from(texts);
        self.facts = OnceCell::new();
        let index = LinkIndex::new(&self.records);
        super::resolve_with(&mut self.records, &index);
        self.index = OnceCell::from(index);
        self.history = OnceCell::new();
        self.metadata = OnceCell::new();
        self
    }

    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The ADR folder as shown (as it was, for a log at a revision).
    pub fn dir(&self) -> &Path {
        match self.roots.first() {
            Some(first) if self.at_revision => first,
            _ => &self.project.repo.dir,
        }
    }

    /// Every folder of the log as shown, in the project's order (as they
    /// were, for a log at a revision: a folder may have moved since).
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    pub fn files(&self) -> &[RecordFile] {
        &self.files
    }

    /// Markdown files of the log's folders that are not records.
    pub fn others(&self) -> &[OtherFile] {
        &self.others
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Whether this is the log as it stood at a revision.
    pub fn is_snapshot(&self) -> bool {
        self.at_revision
    }

    pub fn entry(&self, index: usize) -> Entry<'_> {
        Entry {
            index,
            file: &self.files[index],
            record: &self.records[index],
            text: self.text(index),
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        (0..self.records.len()).map(|i| self.entry(i))
    }

    /// The text of record `index`, as read.
    pub fn text(&self, index: usize) -> Option<&str> {
        self.text_slot(index).as_deref()
    }

    /// The blob id of record `index`'s text: kept in the cache's facts, or
    /// hashed from the text when the cache did not stand for it.
    fn blob_of(&self, index: usize) -> Option<[u8; 20]> {
        if let Some(facts) = self.facts.get() {
            return facts[index].blob;
        }
        if let Some(Some(known)) = self.facts_known.get(index) {
            return known.blob;
        }
        let text = self.text_slot(index).as_deref()?;
        Some(crate::record::facts::blob_id(text.as_bytes()))
    }

    fn text_slot(&self, index: usize) -> &Option<String> {
        match self.texts.get() {
            Some(all) => &all[index],
            None => self.text_one[index].get_or_init(|| self.read_text(index)),
        }
    }

    /// The text of record `index` if it is in memory (`Some(None)`: it
    /// could not be read), without reading it: `None` when the record
    /// cache stood for it, so that a caller that needs each text once (the
    /// site) reads it then and does not keep it.
    pub fn text_if_read(&self, index: usize) -> Option<Option<&str>> {
        match self.texts.get() {
            Some(all) => Some(all.get(index)?.as_deref()),
            None => self.text_one.get(index)?.get().map(Option::as_deref),
        }
    }

    /// A text the cache stood for, read now. A log read at a revision
    /// has every text already.
    fn read_text(&self, index: usize) -> Option<String> {
        read_text(&self.files[index])
    }

    /// Every record's text, in record order.
    pub fn texts(&self) -> &[Option<String>] {
        self.texts.get_or_init(|| {
            let missing: Vec<Option<&RecordFile>> = self
                .files
                .iter()
                .zip(&self.text_one)
                .map(|(file, one)| one.get().is_none().then_some(file))
                .collect();
            let read = super::parallel_map(&missing, |file| file.map(read_text));
            read.into_iter()
                .zip(&self.text_one)
                .map(|(text, one)| match text {
                    Some(text) => text,
                    None => one.get().cloned().flatten(),
                })
                .collect()
        })
    }

    /// What each record's text says that its record does not keep (see
    /// [`TextFacts`]), from the cache or from the texts.
    pub(crate) fn facts(&self) -> &[TextFacts] {
        self.facts.get_or_init(|| {
            if self.facts_known.iter().all(Option::is_some) {
                return self.facts_known.iter().flatten().cloned().collect();
            }
            let texts = self.texts();
            let known = &self.facts_known;
            let indexes: Vec<usize> = (0..texts.len()).collect();
            super::parallel_map(&indexes, |&i| match &known[i] {
                Some(known) => known.clone(),
                None => texts[i].as_deref().map(TextFacts::of).unwrap_or_default(),
            })
        })
    }

    /// The record a reference names (number, path, file name or part of
    /// exactly one).
    pub fn find(&self, reference: &str) -> Result<usize> {
        let file = super::find(&self.files, reference, self.dir())?;
        self.files
            .iter()
            .position(|f| f.path == file.path)
            .ok_or_else(|| Error::UnknownReference {
                reference: reference.to_string(),
                dir: self.dir().to_path_buf(),
            })
    }

    /// Lookups from what a link may say to the records it may mean.
    /// The link index if a command has built it already.
    pub fn built_link_index(&self) -> Option<&LinkIndex> {
        self.index.get()
    }

    pub fn link_index(&self) -> &LinkIndex {
        self.index.get_or_init(|| LinkIndex::new(&self.records))
    }

    /// The decision graph of the log.
    pub fn graph(&self) -> DecisionGraph<'_> {
        DecisionGraph::build(&self.records)
    }

    /// The records `filter` keeps, in log order.
    pub fn select(&self, filter: &Filter) -> Vec<usize> {
        (0..self.records.len())
            .filter(|&i| filter.keeps(&self.records[i]))
            .collect()
    }

    /// The errors records have (unreadable files, broken front matter):
    /// a listing still lists those records, and says so.
    pub fn errors(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.records
            .iter()
            .flat_map(Record::diagnostics)
            .filter(|d| d.severity == Severity::Error)
    }

    /// What git says of every record, in record order; all `None` outside
    /// a work tree, before the first commit, for a log read at a revision,
    /// or when the history cannot be read (a warning then says why).
    pub fn history(&self) -> &[Option<Metadata>] {
        self.metadata.get_or_init(|| {
            let (Some(git), Some(history)) = (self.project.git(), self.walk()) else {
                return vec![None; self.records.len()];
            };
            let blobs: Vec<Option<[u8; 20]>> = self.facts().iter().map(|f| f.blob).collect();
            git::metadata_for(
                git,
                history,
                &self.project.env.cwd,
                &self.records,
                Some(&blobs),
            )
        })
    }

    /// What git says of one record, without looking at the others.
    pub fn history_of(&self, index: usize) -> Option<Metadata> {
        if let Some(all) = self.metadata.get() {
            return all[index].clone();
        }
        let (git, history) = (self.project.git()?, self.walk()?);
        let one = index..index + 1;
        git::metadata_for(
            git,
            history,
            &self.project.env.cwd,
            &self.records[one.clone()],
            Some(&[self.blob_of(index)]),
        )
        .pop()
        .flatten()
    }

    /// The history of the log's folders, walked once; `None` when there is
    /// none to read.
    pub fn git_history(&self) -> Option<&History> {
        self.walk()
    }

    fn walk(&self) -> Option<&History> {
        self.history
            .get_or_init(|| {
                let git = self.project.git()?;
                let dirs: Vec<&Path> = self.project.repo.log_dirs().collect();
                self.history_read(git.history(&self.project.env.cwd, &dirs))
            })
            .as_ref()
    }

    /// Takes the history of the log's folders read (by [`git::Git::history`]) on
    /// another thread (while the log loaded), unless it was read already.
    pub fn prime_history(&self, read: Result<Option<History>>) {
        let _ = self.history.get_or_init(|| self.history_read(read));
    }

    fn history_read(&self, read: Result<Option<History>>) -> Option<History> {
        match read {
            Ok(history) => history,
            Err(e) => {
                self.warnings.borrow_mut().push(format!(
                    "git history could not be read ({e}); dates and authors from git are left out"
                ));
                None
            }
        }
    }

    /// What the output's reader should be told (once each), in order.
    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.borrow_mut())
    }
}

fn read_text(file: &RecordFile) -> Option<String> {
    super::read_record(file)
        .ok()
        .map(|bytes| super::decode(bytes).0)
}

impl Drop for Log<'_> {
    fn drop(&mut self) {
        self.settle();
    }
}
