//! `adr`: Architecture Decision Records, read from any format and kept
//! compatible with adr-tools.
//!
//! The data flows through the modules in this order: `record` reads one
//! file, `log` loads every record of a project (`project` says where) and
//! `graph` relates them, with `git` adding history; `change` writes records
//! and `check` judges them; `output` and `site` present them; `cli` and
//! `mcp` are the two front ends. `main.rs` only parses and reports.

pub mod change;
pub(crate) mod check;
pub mod cli;
pub(crate) mod diagnostic;
pub mod error;
pub(crate) mod git;
pub mod graph;
pub mod log;
pub(crate) mod mcp;
pub(crate) mod output;
pub(crate) mod project;
pub mod record;
pub(crate) mod review;
pub mod site;
pub(crate) mod url;

pub use cli::{Context, report, run};
pub use error::{Error, Result};
pub use project::Environment;
