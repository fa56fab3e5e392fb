//! `adr check --fix`: applies the unambiguous repairs, all files in one
//! transaction under the folder lock.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::change::{self, Transaction};
use crate::error::{Error, Result};
use crate::log::relative;
use crate::log::{self, Log};
use crate::project::Project;
use crate::record::edit;

use super::{Finding, Fix};

/// What `adr check --fix` did.
pub(crate) struct Fixed<'p> {
    /// Each repair, in file order.
    pub repairs: Vec<Repair>,
    /// The files written (none for a dry run).
    pub change: change::Change,
    /// The log as the fixes left it, from the texts written: what is left
    /// to report needs no file read again.
    pub log: Log<'p>,
}

/// Checks the log and repairs what is unambiguous, all under the lock, so
/// that the findings a fix is made from are the files it changes (or
/// only says what it would repair, when `dry_run`).
pub(crate) fn fix(project: &Project, dry_run: bool) -> Result<Fixed<'_>> {
    let _lock = if dry_run { None } else { Some(project.lock()?) };
    let log = Log::load(project)?;
    let findings = super::check(&log);
    let (repairs, written) = apply(&log, &findings, dry_run)?;
    let mut fixed = Fixed {
        change: change::Change {
            message: format!("docs(adr): fix {} finding(s) of adr check", repairs.len()),
            ..Default::default()
        },
        repairs: Vec::new(),
        log: log.with_texts(written),
    };
    if !dry_run {
        for repair in &repairs {
            if !fixed.change.changed.contains(&repair.path) {
                fixed.change.changed.push(repair.path.clone());
            }
        }
    }
    fixed.repairs = repairs;
    Ok(fixed)
}

/// One repair, as reported to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repair {
    pub path: PathBuf,
    pub line: usize,
    pub rule: &'static str,
    pub description: String,
}

/// Applies every fix of `findings` (or only describes them when
/// `dry_run`), the caller holding the lock. Files that changed since they
/// were checked are refused.
/// Each file's path and the text written to it.
type Written = Vec<(PathBuf, String)>;

/// Returns the repairs and the texts written.
fn apply(log: &Log<'_>, findings: &[Finding], dry_run: bool) -> Result<(Vec<Repair>, Written)> {
    let records = log.records();
    let mut by_file: BTreeMap<usize, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        if let (Some(record), Some(_)) = (finding.record, &finding.fix) {
            by_file.entry(record).or_default().push(finding);
        }
    }
    if by_file.is_empty() {
        return Ok((Vec::new(), Vec::new()));
    }
    let project = log.project();
    let mut tx = Transaction::in_project(project.root(), project.repo.log_dirs());
    let mut written = Vec::new();
    let mut changes = Vec::new();
    for (&i, fixes) in &by_file {
        let record = &records[i];
        let original = log::read_record(&log.files()[i])
            .map_err(|why| Error::invalid(&record.path, 0, why))?;
        let mut text = log::decode(original.clone()).0;
        // Line-preserving replacements first, so their line numbers hold.
        let mut ordered = fixes.clone();
        ordered.sort_by_key(|f| !matches!(f.fix, Some(Fix::ReplaceInLine { .. })));
        let mut applied: Vec<&Fix> = Vec::new();
        for finding in ordered {
            let Some(fix) = &finding.fix else { continue };
            // Two rules may ask for the same repair (a one-sided
            // supersession of a record still marked accepted): once is enough.
            if applied.contains(&fix) {
                continue;
            }
            applied.push(fix);
            let description = match fix {
                Fix::ReplaceInLine { line, old, new } => {
                    text = edit::replace_in_lines(&text, &[*line], old, new);
                    format!("link `{old}` now reads `{new}`")
                }
                Fix::AddLink { verb, target } => {
                    let other = &records[*target];
                    text = edit::add_link(
                        &text,
                        &change::value::link(
                            verb,
                            &other.link_text(),
                            &relative(record.dir(), &other.path),
                        )?,
                    );
                    format!("added `{verb} {}`", other.file_name())
                }
                Fix::MarkSuperseded { by } => {
                    let other = &records[*by];
                    text = edit::mark_superseded(
                        &text,
                        &change::value::link(
                            "Superseded by",
                            &other.link_text(),
                            &relative(record.dir(), &other.path),
                        )?,
                    );
                    format!("marked superseded by {}", other.file_name())
                }
            };
            changes.push(Repair {
                path: record.path.clone(),
                line: finding.diagnostic.line,
                rule: finding.rule(),
                description,
            });
        }
        written.push((record.path.clone(), text.clone()));
        tx.update(record.path.clone(), original, text);
    }
    if dry_run {
        return Ok((changes, Vec::new()));
    }
    tx.commit()?;
    Ok((changes, written))
}
