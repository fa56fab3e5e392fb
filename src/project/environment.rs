//! The process environment, read once so commands stay testable.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// What the process environment says, read once so commands stay testable.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub cwd: PathBuf,
    /// `ADR_DIR`.
    pub adr_dir: Option<PathBuf>,
    /// `ADR_DATE`: today's date as written into new records.
    pub date: Option<String>,
    /// `ADR_TEMPLATE`.
    pub template: Option<PathBuf>,
    /// `$VISUAL`, else `$EDITOR`.
    pub editor: Option<String>,
}

impl Environment {
    /// Reads the real environment.
    pub fn from_process() -> Result<Self> {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Ok(Self {
            cwd: std::env::current_dir().map_err(|e| Error::read(".", e))?,
            adr_dir: var("ADR_DIR").map(PathBuf::from),
            date: var("ADR_DATE").map(|d| d.to_string_lossy().into_owned()),
            template: var("ADR_TEMPLATE").map(PathBuf::from),
            editor: crate::cli::editor::configured(
                std::env::var("VISUAL").ok(),
                std::env::var("EDITOR").ok(),
            ),
        })
    }

    /// The date for new records: `ADR_DATE` as given, else today.
    pub fn today(&self) -> String {
        self.date.clone().unwrap_or_else(|| {
            chrono::Local::now()
                .date_naive()
                .format("%Y-%m-%d")
                .to_string()
        })
    }
}
