//! `adr export json`: every record, metadata and full text, in one JSON
//! document that `adr import json` reads back.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::log::Log;
use crate::record::Record;

/// The version of the document's shape.
pub(crate) const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
pub struct Document {
    pub adr_json: u32,
    pub records: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
pub struct Entry {
    /// The file, relative to the ADR folder, with `/`.
    pub file: String,
    pub number: Option<u32>,
    pub title: Option<String>,
    pub status: Option<String>,
    pub status_text: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    pub links: Vec<LinkEntry>,
    /// The whole file, byte for byte (as UTF-8).
    pub text: String,
}

#[derive(Serialize, Deserialize)]
pub struct LinkEntry {
    pub kind: String,
    pub raw: String,
    /// The linked record's file, relative to the ADR folder.
    pub target: Option<String>,
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

/// The document of every record of `log` that could be read; the paths of
/// those that could not, left out.
pub(crate) fn document<'a>(log: &'a Log<'_>) -> (Document, Vec<&'a Path>) {
    let mut records = Vec::new();
    let mut left_out = Vec::new();
    for entry in log.entries() {
        match entry.text {
            Some(text) => records.push(self::entry(log.dir(), entry.record, text)),
            None => left_out.push(entry.record.path.as_path()),
        }
    }
    (
        Document {
            adr_json: FORMAT,
            records,
        },
        left_out,
    )
}
