//! Relations between two existing records, always written at both ends.

use std::path::Path;

use crate::error::{Error, Result};
use crate::graph::{DecisionGraph, verb};
use crate::project::Project;
use crate::record::Record;
use crate::record::edit;

use super::{Change, Session, relative, value};

/// Whether `record` already states `verb` towards `target`.
fn has_link(record: &Record, verb_text: &str, target: &Path) -> bool {
    record
        .links
        .iter()
        .any(|l| l.target.as_deref() == Some(target) && l.kind.eq_ignore_ascii_case(verb_text))
}

/// Links `source` to `target` with `forward`, and back with `reverse` (by
/// default the well-known reverse of `forward`). Linking twice changes
/// nothing.
pub fn link(
    project: &Project,
    source: &str,
    forward: &str,
    target: &str,
    reverse: Option<&str>,
) -> Result<Change> {
    value::one_line("link verb", forward)?;
    let reverse = match reverse {
        Some(r) if !r.trim().is_empty() => r.to_string(),
        _ => verb::reverse(forward).ok_or_else(|| {
            Error::Refused(format!(
                "`{forward}` has no known reverse; give one: adr link SOURCE \"{forward}\" TARGET \"REVERSE\""
            ))
        })?,
    };
    value::one_line("reverse link verb", &reverse)?;
    let mut session = Session::open(project)?;
    let from_file = session.find(source)?;
    let to_file = session.find(target)?;
    if from_file.path == to_file.path {
        return Err(Error::SelfLink(from_file.path));
    }
    session.all_records();
    let from = session.load(&from_file)?;
    let to = session.load(&to_file)?;
    add_pair(&mut session, &from, forward, &to, &reverse)?;
    session.commit(format!("docs(adr): link {source} \"{forward}\" {target}"))
}

/// Writes `from --forward--> to` and `to --reverse--> from`, each only if
/// not already there.
fn add_pair(
    session: &mut Session<'_>,
    from: &Record,
    forward: &str,
    to: &Record,
    reverse: &str,
) -> Result<()> {
    for (a, verb_text, b) in [(from, forward, to), (to, reverse, from)] {
        if has_link(a, verb_text, &b.path) {
            session.outcome.notes.push(format!(
                "{} already says {} {}",
                a.path.display(),
                verb_text,
                b.file_name()
            ));
            continue;
        }
        let changed = edit::add_link(
            &session.text(&a.path)?,
            &value::link(verb_text, &b.link_text(), &relative(a.dir(), &b.path))?,
        );
        session.update(&a.path, changed)?;
    }
    Ok(())
}

/// Removes every relation between `a` and `b`, at both ends.
pub fn unlink(project: &Project, a: &str, b: &str) -> Result<Change> {
    let mut session = Session::open(project)?;
    let a_file = session.find(a)?;
    let b_file = session.find(b)?;
    if a_file.path == b_file.path {
        return Err(Error::SelfLink(a_file.path));
    }
    session.all_records();
    let a_record = session.load(&a_file)?;
    let b_record = session.load(&b_file)?;
    let mut found = false;
    let mut in_prose = None;
    for (record, other) in [(&a_record, &b_record), (&b_record, &a_record)] {
        let to_other: Vec<_> = record
            .links
            .iter()
            .filter(|l| l.target.as_deref() == Some(other.path.as_path()))
            .collect();
        // Relations read from sentences or References lists are not lines
        // `adr` writes; they are left for the author.
        let lines: Vec<usize> = to_other
            .iter()
            .filter(|l| l.is_kept())
            .map(|l| l.line)
            .collect();
        if lines.is_empty() {
            if let Some(l) = to_other.first() {
                in_prose.get_or_insert((record.path.clone(), l.line));
            }
            continue;
        }
        found = true;
        let changed =
            edit::remove_relation_lines(&session.text(&record.path)?, &lines).map_err(|line| {
                Error::invalid(
                    &record.path,
                    line,
                    "this relation is written in running text; edit it by hand",
                )
            })?;
        session.update(&record.path, changed)?;
    }
    if !found && let Some((path, line)) = in_prose {
        return Err(Error::invalid(
            &path,
            line,
            "this relation is written in running text; edit it by hand",
        ));
    }
    if !found {
        return Err(Error::Refused(format!(
            "{} and {} are not linked",
            a_file.path.display(),
            b_file.path.display()
        )));
    }
    session.commit(format!("docs(adr): unlink {a} and {b}"))
}

/// Marks `old` superseded by `new` and `new` superseding `old`, each in
/// its own format.
pub fn supersede(project: &Project, old: &str, new: &str) -> Result<Change> {
    // Spelt as `.adr.toml` says, else as the log's own records spell it.
    let spelling =
        crate::project::convention::Convention::infer(&project.repo.dir, &project.config.new)
            .spelling
            .value;
    let (supersedes, superseded_by) = spelling.verbs();
    let mut session = Session::open(project)?;
    let old_file = session.find(old)?;
    let new_file = session.find(new)?;
    if old_file.path == new_file.path {
        return Err(Error::Refused(format!(
            "{} cannot supersede itself",
            old_file.path.display()
        )));
    }
    let all = session.all_records().to_vec();
    let graph = DecisionGraph::build(&all);
    if let (Some(o), Some(n)) = (graph.node(&old_file.path), graph.node(&new_file.path))
        && graph.in_force_successors(n).contains(&o)
    {
        return Err(Error::Refused(format!(
            "{} is already superseded, directly or not, by {}; superseding it back would make a cycle",
            new_file.path.display(),
            old_file.path.display()
        )));
    }
    let old_record = session.load(&old_file)?;
    let new_record = session.load(&new_file)?;
    if has_link(&old_record, "Superseded by", &new_file.path)
        || has_link(&old_record, "Superceded by", &new_file.path)
    {
        session.outcome.notes.push(format!(
            "{} already says Superseded by {}",
            old_file.path.display(),
            new_record.file_name()
        ));
    } else {
        let changed = edit::mark_superseded(
            &session.text(&old_file.path)?,
            &value::link(
                superseded_by,
                &new_record.link_text(),
                &relative(old_record.dir(), &new_file.path),
            )?,
        );
        session.update(&old_file.path, changed)?;
    }
    if has_link(&new_record, "Supersedes", &old_file.path)
        || has_link(&new_record, "Supercedes", &old_file.path)
    {
        session.outcome.notes.push(format!(
            "{} already says Supersedes {}",
            new_file.path.display(),
            old_record.file_name()
        ));
    } else {
        let changed = edit::add_link(
            &session.text(&new_file.path)?,
            &value::link(
                supersedes,
                &old_record.link_text(),
                &relative(new_record.dir(), &old_file.path),
            )?,
        );
        session.update(&new_file.path, changed)?;
    }
    session.commit(format!("docs(adr): supersede {old} with {new}"))
}
