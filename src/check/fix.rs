//! `adr check --fix`: applies the unambiguous repairs, all files in one
//! transaction under the folder lock.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::change::Transaction;
use crate::change::relative;
use crate::error::{Error, Result};
use crate::log;
use crate::project::FolderLock;
use crate::project::Repository;
use crate::record::Record;
use crate::record::edit::{self, NewLink};

use super::{Finding, Fix};

/// One repair, as reported to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: PathBuf,
    pub line: usize,
    pub rule: &'static str,
    pub description: String,
}

/// Applies every fix of `findings` (or only describes them when
/// `dry_run`). Files that changed since they were checked are refused.
pub fn apply(
    repo: &Repository,
    records: &[Record],
    findings: &[Finding],
    dry_run: bool,
) -> Result<Vec<Change>> {
    let mut by_file: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        if let (Some(record), Some(_)) = (finding.record, &finding.fix) {
            by_file.entry(record).or_default().push(finding);
        }
    }
    if by_file.is_empty() {
        return Ok(Vec::new());
    }
    let _lock = if dry_run {
        None
    } else {
        Some(FolderLock::acquire(&repo.dir)?)
    };
    let mut tx = Transaction::new();
    let mut changes = Vec::new();
    for (&i, fixes) in &by_file {
        let record = &records[i];
        let original = log::read_bounded(&record.path).map_err(|why| Error::InvalidRecord {
            path: record.path.clone(),
            line: 0,
            message: why,
        })?;
        let mut text = log::decode(original.clone()).0;
        // Line-preserving replacements first, so their line numbers hold.
        let mut ordered = fixes.clone();
        ordered.sort_by_key(|f| !matches!(f.fix, Some(Fix::ReplaceInLine { .. })));
        for finding in ordered {
            let Some(fix) = &finding.fix else { continue };
            let description = match fix {
                Fix::ReplaceInLine { line, old, new } => {
                    text = edit::replace_in_lines(&text, &[*line], old, new);
                    format!("link `{old}` now reads `{new}`")
                }
                Fix::AddLink { verb, target } => {
                    let other = &records[*target];
                    text = edit::add_link(
                        &text,
                        &NewLink {
                            verb,
                            text: &other.link_text(),
                            target: &relative(record.dir(), &other.path),
                        },
                    );
                    format!("added `{verb} {}`", other.file_name())
                }
                Fix::MarkSuperseded { by } => {
                    let other = &records[*by];
                    text = edit::mark_superseded(
                        &text,
                        &NewLink {
                            verb: "Superseded by",
                            text: &other.link_text(),
                            target: &relative(record.dir(), &other.path),
                        },
                    );
                    format!("marked superseded by {}", other.file_name())
                }
            };
            changes.push(Change {
                path: record.path.clone(),
                line: finding.line,
                rule: finding.rule,
                description,
            });
        }
        tx.update(record.path.clone(), original, text);
    }
    if !dry_run {
        tx.commit()?;
    }
    Ok(changes)
}
