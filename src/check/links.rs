//! `broken-link`: links between records must lead to a file, as written,
//! since that is how GitHub and every other reader follows them.

use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};

use crate::change::relative;
use crate::log::{clean_target, normalise};
use crate::record::front_matter;

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
                out.push(Raw::new(
                    "broken-link",
                    i,
                    link.line,
                    format!(
                        "`{}` names no record (none, or more than one, has that number)",
                        link.raw
                    ),
                ));
            }
        }
        let Some(text) = &input.texts[i] else {
            continue;
        };
        for (line, destination) in body_links(text) {
            if seen
                .iter()
                .any(|(l, raw)| *l == line && *raw == destination)
            {
                continue;
            }
            let target = input
                .index
                .resolve(input.records, i, &destination, None)
                .map(|t| input.records[t].path.as_path());
            path_link(input, i, line, &destination, target, out);
        }
    }
}

/// A relative link to a Markdown file, as opposed to an id like `ADR-12`.
fn is_path(raw: &str) -> bool {
    let path = raw.split(['#', '?']).next().unwrap_or("");
    path.contains('/') || path.to_ascii_lowercase().ends_with(".md")
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
    if cleaned.is_empty() || input.index.has_path(&normalise(&joined)) || exists(&joined) {
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

/// Relative links to Markdown files in a record's body, with their lines.
fn body_links(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let body = split.body;
    let mut found = Vec::new();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for (event, range) in Parser::new(body).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let dest = dest_url.trim();
            let is_relative =
                !dest.contains(':') && !dest.starts_with('#') && !dest.starts_with("//");
            if is_relative && is_path(dest) {
                let line = line_starts.partition_point(|&s| s <= range.start);
                found.push((split.body_first_line + line - 1, dest.to_string()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_links_with_lines() {
        let text = "---\na: 1\n---\n# T\n\nSee [x](0002-x.md) and [web](https://e.com/a.md).\n\n[y](../y/README.md#top)\n";
        assert_eq!(
            body_links(text),
            [
                (6, "0002-x.md".to_string()),
                (8, "../y/README.md#top".to_string())
            ]
        );
    }
}
