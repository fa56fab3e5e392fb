//! Rules about one record at a time.

use crate::record::facts::TEMPLATE_TEXT;
use crate::record::{Severity as ProblemSeverity, StatusKind, name};

use super::{Input, Raw};

pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Raw>) {
    for (i, record) in input.records.iter().enumerate() {
        for problem in &record.problems {
            let rule = match problem.rule {
                "unreadable" | "front-matter" => problem.rule,
                "bad-date" => "bad-date",
                _ => continue,
            };
            if problem.severity == ProblemSeverity::Error || rule == "bad-date" {
                let mut raw = Raw::new(rule, i, problem.line, problem.message.clone());
                raw.column = problem.column.unwrap_or(1);
                out.push(raw);
            }
        }
        // What an unreadable file or broken front matter states is unknown:
        // saying its status or date is missing would be a guess.
        if record
            .problems
            .iter()
            .any(|p| (p.rule == "unreadable" && p.line == 0) || p.rule == "front-matter")
        {
            continue;
        }
        let title_line = record.heading_line.unwrap_or(1);
        match &record.status {
            None => out.push(Raw::new(
                "missing-status",
                i,
                title_line,
                "no status is stated",
            )),
            Some(status) if status.kind == StatusKind::Unknown => out.push(Raw::new(
                "unknown-status",
                i,
                status.line,
                format!(
                    "the status `{}` is not a status (a template choice or a sentence); write one of proposed, accepted, rejected, deprecated, superseded",
                    shorten(&status.text)
                ),
            )),
            Some(status) => {
                if let StatusKind::Custom(word) = &status.kind {
                    let allowed = &input.config.status.allowed;
                    if !allowed.iter().any(|a| a.eq_ignore_ascii_case(word)) {
                        out.push(Raw::new(
                            "unknown-status",
                            i,
                            status.line,
                            format!(
                                "unknown status `{word}`; known: proposed, accepted, rejected, deprecated, superseded{}",
                                allowed.iter().map(|a| format!(", {a}")).collect::<String>()
                            ),
                        ));
                    }
                }
            }
        }
        if record.date_text.is_none() {
            out.push(Raw::new("missing-date", i, title_line, "no date is stated"));
        }
        if let (Some(heading), Some(number)) = (&record.heading, record.number)
            && let Some(stated) = heading_number(heading)
            && stated != number
        {
            out.push(Raw::new(
                "heading-number",
                i,
                title_line,
                format!("the title says {stated} but the file name says {number}"),
            ));
        }
        for hit in &input.facts[i].template {
            let prompt = TEMPLATE_TEXT[hit.prompt];
            let mut raw = Raw::new(
                "template-text",
                i,
                hit.line,
                format!("template text left in: \"{}\"", shorten(prompt)),
            );
            raw.column = hit.column;
            out.push(raw);
        }
    }
}

/// The number a title starts with: `3. X`, `ADR 3: X`, `ADR-003 X`.
fn heading_number(heading: &str) -> Option<u32> {
    let lower = heading.trim().to_ascii_lowercase();
    let rest = lower
        .strip_prefix("adr")
        .or_else(|| lower.strip_prefix("dr"))
        .map_or(lower.as_str(), |r| {
            r.trim_start_matches([' ', '-', '#', '_'])
        });
    let digits = name::leading_digits(rest);
    if digits.is_empty() {
        return None;
    }
    let after = &rest[digits.len()..];
    // `2048 is a game` is a title, not a number.
    let numbered = after.is_empty() || after.starts_with(['.', ':', ')', ' ', '-']);
    (numbered
        && (after.starts_with(['.', ':', ')'])
            || lower.starts_with("adr")
            || lower.starts_with("dr")))
    .then(|| digits.parse().ok())
    .flatten()
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 50 {
        return text.to_string();
    }
    let mut short: String = text.chars().take(47).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_titles() {
        assert_eq!(heading_number("3. Use X"), Some(3));
        assert_eq!(heading_number("ADR 114: Partly undo"), Some(114));
        assert_eq!(heading_number("ADR-003 Title"), Some(3));
        assert_eq!(heading_number("23 Logging"), None);
        assert_eq!(heading_number("2048 is a game"), None);
        assert_eq!(heading_number("Use X"), None);
    }
}
