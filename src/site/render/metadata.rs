//! The page header already shows a record's status, date, deciders, tags
//! and relations; the body's own copies of them (a `Date:` line, the
//! `## Status` section, MADR 2 bullets, relation lines) are left out, and
//! whatever else those places say is kept.

use std::borrow::Cow;
use std::collections::BTreeSet;

use crate::record::Record;
use crate::record::lines::{Fence, atx_heading, lines};

/// Where a line is in the document.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Between the title and the first section heading.
    Preamble,
    /// `## Status` or `## Links`: metadata sections.
    Metadata,
    Other,
}

/// What of a record the page header shows, so the body need not.
#[derive(Debug, Default)]
pub struct Shown {
    /// 1-based lines (of the whole file) that state a relation the header
    /// lists.
    pub relation_lines: BTreeSet<usize>,
    /// The line the status was read from.
    pub status_line: Option<usize>,
    /// The date as written (a bare date line in the preamble is dropped).
    pub date_text: Option<String>,
}

impl Shown {
    pub fn of(record: &Record) -> Self {
        Self {
            relation_lines: record
                .links
                .iter()
                .filter(|l| l.target.is_some())
                .map(|l| l.line)
                .collect(),
            status_line: record.status.as_ref().map(|s| s.line),
            date_text: record
                .date_text
                .as_ref()
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty()),
        }
    }
}

/// The body without the lines the header shows. `first_line` is the file
/// line number of the body's first line (after any front matter).
pub fn strip<'a>(body: &'a str, first_line: usize, shown: &Shown) -> Cow<'a, str> {
    let mut keep: Vec<(usize, usize)> = Vec::new();
    let mut dropped_any = false;
    let mut section = Section::Preamble;
    let mut fence = Fence::default();
    // A metadata section's heading, kept only if the section has more.
    let mut pending: Option<(usize, usize)> = None;
    let mut pending_kept = false;
    let all: Vec<_> = lines(body, 0, first_line).collect();
    for line in &all {
        let span = (line.start, line.end);
        if fence.is_code(line.text) {
            keep.push(span);
            continue;
        }
        if let Some((level, text)) = atx_heading(line.text) {
            if level >= 2 {
                section = if is_metadata_heading(text) {
                    Section::Metadata
                } else {
                    Section::Other
                };
                if section == Section::Metadata {
                    pending = Some(span);
                    pending_kept = false;
                    dropped_any = true;
                    continue;
                }
            }
            pending = None;
            keep.push(span);
            continue;
        }
        let trimmed = line.text.trim();
        let drop = match section {
            Section::Other => false,
            Section::Preamble => {
                is_metadata_pair(trimmed)
                    || shown.relation_lines.contains(&line.number)
                    || shown.date_text.as_deref() == Some(trimmed)
                    || (shown.status_line == Some(line.number) && is_metadata_pair(trimmed))
            }
            Section::Metadata => {
                (trimmed.is_empty() && !pending_kept)
                    || shown.status_line == Some(line.number)
                    || shown.relation_lines.contains(&line.number)
            }
        };
        if drop {
            dropped_any = true;
            continue;
        }
        if section == Section::Metadata && !pending_kept {
            // The section says more than the header: keep it, heading too.
            if let Some(heading) = pending.take() {
                keep.push(heading);
            }
            pending_kept = true;
        }
        keep.push(span);
    }
    if !dropped_any {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    for (start, end) in keep {
        out.push_str(&body[start..end]);
        if !body[start..end].ends_with('\n') {
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// `## Status`, `## Status: Accepted`, `## Links`, `## Related decisions`.
fn is_metadata_heading(text: &str) -> bool {
    let lower = crate::record::status::strip_decoration(text).to_lowercase();
    lower == "status"
        || lower.starts_with("status:")
        || lower.starts_with("status ")
        || lower == "links"
}

/// `Date: 2020-01-01`, `- Status: accepted`, `* **Deciders:** Ada`,
/// `Tags: a, b`: a metadata field the header shows.
fn is_metadata_pair(line: &str) -> bool {
    let item = line
        .strip_prefix(['-', '*', '+'])
        .filter(|rest| rest.starts_with(' '))
        .map_or(line, str::trim_start);
    let item = item.trim_start_matches(['*', '_']);
    let Some(key_end) = item.find(|c: char| !(c.is_alphabetic() || c == '-' || c == ' ')) else {
        return false;
    };
    let key = item[..key_end].trim().to_lowercase();
    let rest = item[key_end..].trim_start_matches(['*', '_']);
    matches!(
        key.as_str(),
        "status" | "date" | "deciders" | "decision-makers" | "tags" | "created"
    ) && rest.starts_with(':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(status: usize, relations: &[usize], date: &str) -> Shown {
        Shown {
            relation_lines: relations.iter().copied().collect(),
            status_line: Some(status),
            date_text: Some(date.to_string()).filter(|d| !d.is_empty()),
        }
    }

    #[test]
    fn nygard_status_and_date_go() {
        let body = "# 2. X\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [3. Y](0003-y.md)\n\n## Context\n\nWhy.\n";
        let out = strip(body, 1, &shown(7, &[7], "2020-01-01"));
        assert_eq!(out, "# 2. X\n\n\n## Context\n\nWhy.\n");
    }

    #[test]
    fn what_else_the_status_section_says_is_kept() {
        let body = "# X\n\n## Status\n\nAccepted\n\nWe revisit this in 2025.\n\n## Context\n";
        let out = strip(body, 1, &shown(5, &[], ""));
        assert_eq!(
            out,
            "# X\n\n## Status\nWe revisit this in 2025.\n\n## Context\n"
        );
    }

    #[test]
    fn madr_bullets_go_and_others_stay() {
        let body = "# X\n\n* Status: accepted\n* Deciders: Ada, Bo\n* Date: 2020-01-01\n* Technical Story: #12\n\n## Context\n";
        let out = strip(body, 1, &shown(3, &[], "2020-01-01"));
        assert_eq!(out, "# X\n\n* Technical Story: #12\n\n## Context\n");
    }

    #[test]
    fn code_and_later_sections_are_untouched() {
        let body = "# X\n\n## Context\n\nDate: 2020-01-01 is when it broke.\n\n```\n## Status\nAccepted\n```\n";
        assert!(matches!(
            strip(body, 1, &shown(9, &[], "2020-01-01")),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn unresolved_relations_stay() {
        let body = "# X\n\n## Status\n\nAccepted\n\nAmends [lost](0099-lost.md)\n";
        let out = strip(body, 1, &shown(5, &[], ""));
        assert!(out.contains("Amends [lost]"), "{out}");
    }
}
