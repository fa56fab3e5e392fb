//! The project: where its decision log is, its settings, the environment
//! the command runs in, and the lock that makes one writer at a time.

pub mod config;
mod discover;
mod environment;
mod lock;

pub use config::Config;
pub use discover::{DEFAULT_DIR, Repository, Source};
pub use environment::Environment;
pub use lock::FolderLock;
