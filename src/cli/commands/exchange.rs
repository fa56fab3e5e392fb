//! `adr export json` and `adr import json`: every record, metadata and
//! text, in one JSON document that round-trips.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::change::Transaction;
use crate::cli::args::{ImportJsonArgs, JsonArgs};
use crate::log;
use crate::project::FolderLock;
use crate::record::Record;
use crate::{Context, Error};

/// The version of the document's shape.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Document {
    adr_json: u32,
    records: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    /// The file, relative to the ADR folder, with `/`.
    file: String,
    number: Option<u32>,
    title: Option<String>,
    status: Option<String>,
    status_text: Option<String>,
    date: Option<String>,
    tags: Vec<String>,
    deciders: Vec<String>,
    links: Vec<LinkEntry>,
    /// The whole file, byte for byte (as UTF-8).
    text: String,
}

#[derive(Serialize, Deserialize)]
struct LinkEntry {
    kind: String,
    raw: String,
    /// The linked record's file, relative to the ADR folder.
    target: Option<String>,
}

fn relative(dir: &Path, path: &Path) -> String {
    let rest = path.strip_prefix(dir).unwrap_or(path);
    rest.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn entry(dir: &Path, record: &Record, text: &str) -> Entry {
    Entry {
        file: relative(dir, &record.path),
        number: record.number,
        title: record.title.clone(),
        status: record.status.as_ref().map(|s| s.kind.to_string()),
        status_text: record.status.as_ref().map(|s| s.text.clone()),
        date: record.date.map(|d| d.to_string()),
        tags: record.tags.clone(),
        deciders: record.deciders.clone(),
        links: record
            .links
            .iter()
            .map(|l| LinkEntry {
                kind: l.kind.clone(),
                raw: l.raw.clone(),
                target: l.target.as_deref().map(|t| relative(dir, t)),
            })
            .collect(),
        text: text.to_string(),
    }
}

pub fn export(ctx: &mut Context<'_>, args: JsonArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let loaded = super::load(ctx, &repo, None)?;
    let mut records = Vec::new();
    for (record, text) in loaded.records.iter().zip(&loaded.texts) {
        match text {
            Some(text) => records.push(entry(&repo.dir, record, text)),
            None => ctx.warn(&format!(
                "{}: cannot be read; left out",
                record.path.display()
            ))?,
        }
    }
    let mut json = serde_json::to_string_pretty(&Document {
        adr_json: FORMAT,
        records,
    })?;
    json.push('\n');
    match args.out {
        Some(path) => {
            let mut tx = Transaction::new();
            match std::fs::read(&path) {
                Ok(original) => tx.update(path, original, json),
                Err(_) => tx.create(path, json),
            }
            tx.commit()?;
        }
        None => ctx.out.write_all(json.as_bytes())?,
    }
    Ok(super::report_errors(&loaded.records, ctx.err))
}

/// A path from the document that stays inside the ADR folder.
fn safe_path(dir: &Path, file: &str) -> Result<PathBuf, Error> {
    let relative = Path::new(file);
    let safe = !file.is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(n) if !n.to_string_lossy().starts_with('.')));
    let markdown = file.to_ascii_lowercase().ends_with(".md");
    if !safe || !markdown {
        return Err(Error::Usage(format!(
            "`{file}` is not a Markdown file inside the ADR folder; nothing was imported"
        )));
    }
    Ok(dir.join(relative))
}

pub fn import(ctx: &mut Context<'_>, args: ImportJsonArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let text = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| Error::read("-", e))?
    } else {
        std::fs::read_to_string(&args.file).map_err(|e| Error::read(&args.file, e))?
    };
    let document: Document = serde_json::from_str(&text).map_err(|e| Error::InvalidRecord {
        path: args.file.clone(),
        line: e.line(),
        message: format!("not an `adr export json` document: {e}"),
    })?;
    if document.adr_json != FORMAT {
        return Err(Error::Usage(format!(
            "{} is format {} of `adr export json`; this adr reads format {FORMAT}",
            args.file.display(),
            document.adr_json
        ))
        .into());
    }
    std::fs::create_dir_all(&repo.dir).map_err(|e| Error::Write {
        path: repo.dir.clone(),
        source: e,
    })?;
    let _lock = FolderLock::acquire(&repo.dir)?;
    let existing = log::scan_repository(&repo)?.records;
    if !existing.is_empty() {
        return Err(Error::AlreadyInitialised {
            dir: repo.dir.clone(),
            count: existing.len(),
        }
        .into());
    }
    let mut tx = Transaction::new();
    let mut paths = Vec::new();
    for entry in &document.records {
        let path = safe_path(&repo.dir, &entry.file)?;
        if paths.contains(&path) {
            return Err(Error::Usage(format!(
                "`{}` appears twice; nothing was imported",
                entry.file
            ))
            .into());
        }
        paths.push(path.clone());
        tx.create(path, entry.text.clone());
    }
    for path in &paths {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
    }
    tx.commit()?;
    for path in &paths {
        writeln!(ctx.out, "{}", path.display())?;
    }
    Ok(0)
}
