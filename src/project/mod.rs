//! The project: where its decision log is, its settings, the environment
//! the command runs in, its git repository, and the one folder everything
//! `adr` reads or writes must be inside (its root).

pub(crate) mod config;
pub(crate) mod convention;
mod discover;
mod environment;
mod lock;
pub(crate) mod pattern;
mod root;
pub(crate) mod search;
pub(crate) mod settings;

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};

pub(crate) use config::Config;
pub(crate) use discover::{DEFAULT_DIR, Repository, Source};
pub use environment::Environment;
pub(crate) use lock::FolderLock;
pub(crate) use root::{canonical_prefix, holds_records, read_settings};

use crate::error::Result;
use crate::git::Git;

/// Everything a command knows before it reads a record, discovered once.
pub struct Project {
    pub env: Environment,
    /// `.adr.toml`, read once (defaults when there is none).
    pub config: Config,
    /// Where the decision log is, and why there.
    pub repo: Repository,
    /// The project's root, absolute and canonical: the git work tree, else
    /// the folder of the file that named the log, else the folder it was
    /// found from.
    root: PathBuf,
    git: OnceCell<Option<Git>>,
    /// What tidying up after a crashed `adr` did, for the user.
    notes: RefCell<Vec<String>>,
}

impl Project {
    /// Finds the project of the current folder; `dir_flag` is `--dir`.
    pub fn open(env: Environment, dir_flag: Option<&Path>) -> Result<Self> {
        let config = Config::discover(&env.cwd)?;
        let repo = Repository::locate(&env.cwd, dir_flag, env.adr_dir.as_deref(), &config)?;
        Self::with_log(env, config, repo)
    }

    /// The project around a log whose place is already known (`adr init
    /// DIR`).
    pub fn with_log(env: Environment, config: Config, mut repo: Repository) -> Result<Self> {
        let root = root::find(&env.cwd, &repo)?;
        repo.root = root.clone();
        let project = Self {
            env,
            config,
            repo,
            root,
            git: OnceCell::new(),
            notes: RefCell::new(Vec::new()),
        };
        // A change a crashed `adr` left is finished before anything is
        // read (one stat when there is none).
        if crate::change::journal::pending(&project.root)
            && let Ok(lock) = FolderLock::acquire(&project.root)
        {
            let notes = lock.settle(&project.root, project.repo.log_dirs());
            project.notes.borrow_mut().extend(notes);
        }
        Ok(project)
    }

    /// What finishing a crashed `adr`'s change did, said once.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut *self.notes.borrow_mut())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The ADR folder as shown to the user.
    pub fn dir(&self) -> &Path {
        &self.repo.dir
    }

    /// The git repository the project is in, discovered on first use.
    pub fn git(&self) -> Option<&Git> {
        self.git
            .get_or_init(|| Git::discover(&self.env.cwd))
            .as_ref()
    }

    /// Waits for the one lock of this project's log: every writer takes it,
    /// whichever folder or `--dir` it was given.
    pub fn lock(&self) -> Result<FolderLock> {
        let lock = FolderLock::acquire(&self.root)?;
        let notes = lock.settle(&self.root, self.repo.log_dirs());
        self.notes.borrow_mut().extend(notes);
        Ok(lock)
    }

    /// [`Self::lock`], and the log folder listed once under it, after an
    /// interrupted change is finished and with leftovers gone: what a
    /// write decides from the folder (the next number above all) comes
    /// from this listing, never from one taken before the lock. A folder
    /// not made yet lists nothing.
    pub fn lock_listing(&self) -> Result<(FolderLock, crate::log::Listing)> {
        let lock = FolderLock::acquire(&self.root)?;
        let (notes, listing) =
            lock.settle_listing(&self.root, self.repo.log_dirs(), Some(&self.repo.dir));
        self.notes.borrow_mut().extend(notes);
        let listing = listing
            .unwrap_or_else(|| crate::log::Listing::read(&self.repo.dir))
            .map_err(|e| crate::error::Error::read(&self.repo.dir, e))?;
        Ok((lock, listing))
    }

    /// The date written into new records: `ADR_DATE`, else today.
    pub fn today(&self) -> String {
        self.env.today()
    }

    /// A path written in `.adr.toml`, as seen from the current folder.
    pub fn config_path(&self, relative: &Path) -> PathBuf {
        self.config.resolve(relative)
    }

    /// The folder `adr` keeps its own state in (the history cache, an
    /// unfinished change): inside the git folder when there is one, so it is
    /// never committed, else `.adr` under the root.
    pub fn state_dir(&self) -> PathBuf {
        crate::change::journal::state_dir(&self.root)
    }
}
