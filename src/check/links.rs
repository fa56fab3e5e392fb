//! `broken-link`: links between records must lead to a file, as written,
//! since that is how GitHub and every other reader follows them;
//! `unknown-record`: an id listed or named in a sentence that no record has.

use std::path::Path;

use crate::change::relative;
use crate::log::{clean_target, normalise};
use crate::record::LinkSource;
use crate::record::facts::is_path;

use super::{Fix, Input, Raw};

pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Raw>) {
    for i in 0..input.records.len() {
        let mut seen: Vec<(usize, String)> = Vec::new();
        let record = &input.records[i];
        for link in &record.links {
            seen.push((link.line, link.raw.clone()));
            if is_path(&link.raw) {
                path_link(input, i, link.line, &link.raw, link.target.as_deref(), out);
            } else if link.target.is_none() && link.definition.is_none() {
                // An id a list or a sentence names is evidence, often of a
                // record kept in another log: worth a warning, not a
                // failed check like a status line that names nothing.
                let rule = if link.source == LinkSource::Status {
                    "broken-link"
                } else {
                    "unknown-record"
                };
                out.push(Raw::new(
                    rule,
                    i,
                    link.line,
                    format!(
                        "`{}` names no record (none, or more than one, has that number)",
                        link.raw
                    ),
                ));
            }
        }
        for (line, destination) in &input.facts[i].body_links {
            let line = *line;
            if seen.iter().any(|(l, raw)| *l == line && raw == destination) {
                continue;
            }
            let target = input
                .index
                .resolve(input.records, i, destination, None)
                .map(|t| input.records[t].path.as_path());
            path_link(input, i, line, destination, target, out);
        }
    }
}

fn path_link(
    input: &Input<'_>,
    i: usize,
    line: usize,
    raw: &str,
    target: Option<&Path>,
    out: &mut Vec<Raw>,
) {
    let record = &input.records[i];
    let Some(cleaned) = clean_target(raw) else {
        return;
    };
    let joined = record.dir().join(&cleaned);
    // A record's own file needs no look at the disk.
    if cleaned.is_empty()
        || input.index.has_path(input.records, &normalise(&joined))
        || exists(&joined)
    {
        return;
    }
    let message = |extra: &str| format!("link to `{raw}` leads to no file{extra}");
    match target {
        Some(target) => {
            let correct = relative(record.dir(), target);
            let finding = Raw::new(
                "broken-link",
                i,
                line,
                message(&format!("; it means `{correct}`")),
            );
            // Only a link written as a plain path can be rewritten safely.
            if cleaned == raw {
                out.push(finding.fix(Fix::ReplaceInLine {
                    line,
                    old: raw.to_string(),
                    new: correct,
                }));
            } else {
                out.push(finding);
            }
        }
        None => out.push(Raw::new("broken-link", i, line, message(""))),
    }
}

/// A link target exists as written: a file, or a folder with a README.
fn exists(path: &Path) -> bool {
    path.is_file() || path.join("README.md").is_file() || path.join("index.md").is_file()
}
