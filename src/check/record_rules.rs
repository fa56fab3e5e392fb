//! Rules about one record at a time.

use crate::record::lines::{Fence, lines};
use crate::record::{Severity as ProblemSeverity, StatusKind, name};

use super::{Input, Raw};

/// Text that templates ship and authors are meant to replace.
const TEMPLATE_TEXT: &[&str] = &[
    "The issue motivating this decision, and any context that influences or constrains the decision.",
    "The change that we're proposing or have agreed to implement.",
    "What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.",
    "Describe the context and problem statement in two or three sentences",
    "{short title of solved problem and solution}",
    "{Describe the context and problem statement",
    "{title of option 1}",
    "{Deprecated|Proposed|Accepted",
    "{proposed | rejected | accepted",
    "{ADR-NUMBER}",
    "Chosen option: \"Option 1\", because it is the only option",
    "What we decided, in one or two sentences.",
    "Why this option over the others we considered.",
    "What limits this decision: budgets, deadlines, rules, other decisions.",
    "What we do if this turns out wrong, and how we would notice.",
];

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
        if let Some(text) = &input.texts[i] {
            template_text(text, i, out);
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

fn template_text(text: &str, record: usize, out: &mut Vec<Raw>) {
    // One pass of a vectorised search per prompt over the whole text; the
    // line scan runs only for a text that holds one.
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        TEMPLATE_TEXT
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
            .collect()
    });
    if !finders.iter().any(|f| f.find(text.as_bytes()).is_some()) {
        return;
    }
    let mut fence = Fence::default();
    for line in lines(text, 0, 1) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some(needle) = TEMPLATE_TEXT.iter().find(|n| line.text.contains(*n)) {
            let mut raw = Raw::new(
                "template-text",
                record,
                line.number,
                format!("template text left in: \"{}\"", shorten(needle)),
            );
            raw.column = line
                .text
                .find(needle)
                .map_or(1, |c| line.text[..c].chars().count() + 1);
            out.push(raw);
        }
    }
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
