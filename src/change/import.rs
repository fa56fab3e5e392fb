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
    // The folder, when missing, is made with the records.
    let mut session = Session::open_listing(project, true)?;
    if !session.files.is_empty() {
        return Err(Error::AlreadyInitialised {
            dir: repo.dir.clone(),
            count: session.files.len(),
        });
    }
    let inside =
        crate::project::canonical_prefix(&crate::log::normalise(&repo.absolute(&repo.dir)));
    let mut paths = Vec::new();
    for entry in &document.records {
        let path = safe_path(&repo.dir, &entry.file, source)?;
        within_folder(&path, &inside, &entry.file, source)?;
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
    session.outcome.created = paths;
    let count = document.records.len();
    session.commit(format!("docs(adr): import {count} records"))
}

/// A path from the document that stays inside the ADR folder, where a
/// scan of the folder reads it: plain names, no dot folders, no folder a
/// scan skips (`templates`, `assets`…), no deeper than a scan goes, and
/// one line each.
fn safe_path(dir: &Path, file: &str, source: &Path) -> Result<PathBuf> {
    let relative = Path::new(file);
    let parts: Vec<String> = relative
        .components()
        .map(|c| match c {
            Component::Normal(n) => n.to_string_lossy().into_owned(),
            _ => String::new(),
        })
        .collect();
    let folders = &parts[..parts.len().saturating_sub(1)];
    let safe = !file.is_empty()
        && parts.iter().all(|p| portable_name(p))
        && folders.len() <= crate::log::MAX_DEPTH
        && !folders
            .iter()
            .any(|f| crate::log::SKIPPED_DIRS.contains(&f.as_str()));
    let markdown = file.to_ascii_lowercase().ends_with(".md");
    if !safe || !markdown {
        return Err(Error::invalid(
            source,
            0,
            format!(
                "`{}` is not a Markdown file inside the ADR folder, where a scan reads it; nothing was imported",
                file.escape_debug()
            ),
        ));
    }
    Ok(dir.join(relative))
}

/// A file or folder name as every system reads it the same way: not
/// empty, not hidden, no control or invisible character, no `\` or `:`
/// (a path on Windows: `..\x.md`, `C:x.md`), at most 255 bytes.
fn portable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.len() <= 255
        && !name
            .chars()
            .any(|c| c == '\\' || c == ':' || super::value::forbidden(c))
}

/// The folders of `path` that exist lead nowhere outside the ADR folder
/// (`inside`, canonical): a symlinked sub-folder is not followed out.
fn within_folder(path: &Path, inside: &Path, file: &str, source: &Path) -> Result<()> {
    let real = crate::project::canonical_prefix(&crate::log::normalise(
        &std::env::current_dir()
            .map_err(|e| Error::read(".", e))?
            .join(path.parent().unwrap_or(Path::new(""))),
    ));
    if !real.starts_with(inside) {
        return Err(Error::invalid(
            source,
            0,
            format!(
                "`{}` leads outside the ADR folder (through a symlinked folder); nothing was imported",
                file.escape_debug()
            ),
        ));
    }
    Ok(())
}
