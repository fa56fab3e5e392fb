//! `adr import json`: the records of an `adr export json` document, into
//! a log that has none yet, all or nothing.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::output::exchange::{Document, FORMAT};
use crate::project::Project;

use super::{Change, Session};

/// Writes every record of `document` (read from `source`) into the
/// project's ADR folder, which must hold no records.
pub fn import(project: &Project, document: &Document, source: &Path) -> Result<Change> {
    if document.adr_json != FORMAT {
        return Err(Error::invalid(
            source,
            0,
            format!(
                "format {} of `adr export json`; this adr reads format {FORMAT}",
                document.adr_json
            ),
        ));
    }
    let repo = &project.repo;
    std::fs::create_dir_all(&repo.dir).map_err(|e| Error::Write {
        path: repo.dir.clone(),
        source: e,
    })?;
    let mut session = Session::open(project)?;
    if !session.files.is_empty() {
        return Err(Error::AlreadyInitialised {
            dir: repo.dir.clone(),
            count: session.files.len(),
        });
    }
    let mut paths = Vec::new();
    for entry in &document.records {
        let path = safe_path(&repo.dir, &entry.file, source)?;
        if paths.contains(&path) {
            return Err(Error::invalid(
                source,
                0,
                format!("`{}` appears twice; nothing was imported", entry.file),
            ));
        }
        paths.push(path.clone());
        session.tx.create(path, entry.text.clone());
    }
    for path in &paths {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
    }
    session.outcome.created = paths;
    let count = document.records.len();
    session.commit(format!("docs(adr): import {count} records"))
}

/// A path from the document that stays inside the ADR folder.
fn safe_path(dir: &Path, file: &str, source: &Path) -> Result<PathBuf> {
    let relative = Path::new(file);
    let safe = !file.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    let markdown = file.to_ascii_lowercase().ends_with(".md");
    if !safe || !markdown {
        return Err(Error::invalid(
            source,
            0,
            format!("`{file}` is not a Markdown file inside the ADR folder; nothing was imported"),
        ));
    }
    Ok(dir.join(relative))
}
