//! Filling a template written for another tool (log4brains, MADR, a
//! team's own) the way its authors fill it by hand: the title line, the
//! status where the template keeps it, the date where it keeps one. Its
//! other text stays as written.
//!
//! adr-tools' `NUMBER`, `TITLE`, `DATE` and `STATUS` are replaced first
//! when the title line uses them.

use crate::record::edit::{self, StatusWord};
use crate::record::lines::{Fence, atx_heading};

use super::template::{self, Fields};

/// What goes into the template.
#[derive(Debug, Clone)]
pub(super) struct Values<'a> {
    pub fields: &'a Fields<'a>,
    /// The title line without its `# `; `None` keeps the template's.
    pub heading: Option<&'a str>,
    /// `None`: the template's status place is left as it is.
    pub status: Option<&'a str>,
    /// Whether a template with no status place gets one.
    pub add_status: bool,
}

/// Status words a template lists as choices (`[draft | proposed | …]`).
const STATUS_WORDS: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "draft",
    "declined",
];

/// The template filled in.
pub(super) fn fill(text: &str, values: &Values<'_>) -> String {
    let text = if uses_adr_tools_placeholders(text) {
        template::fill(text, values.fields)
    } else {
        text.to_string()
    };
    let date = values.fields.date;
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let kinds = classify(&lines);
    let status_line = status_choice_line(&lines, &kinds);
    let mut out = String::with_capacity(text.len() + 64);
    let mut status_placed = false;
    let mut titled = false;
    let mut body_start = 0;
    for (i, (line, kind)) in lines.iter().zip(&kinds).enumerate() {
        let (content, eol) = split_eol(line);
        let replaced = match kind {
            Kind::FrontMatter(toml) => {
                body_start = out.len() + line.len();
                let numbered = number_placeholders(content, values.fields.number);
                front_matter_line(&numbered, *toml, values, &mut status_placed)
                    .or_else(|| (numbered != content).then_some(numbered))
            }
            Kind::Delimiter => {
                body_start = out.len() + line.len();
                None
            }
            Kind::Code => None,
            Kind::Heading(1) if !titled => {
                titled = true;
                values.heading.map(|h| format!("# {h}")).or_else(|| {
                    let numbered = number_placeholders(content, values.fields.number);
                    (numbered != content).then_some(numbered)
                })
            }
            Kind::Heading(_) => None,
            Kind::Text => {
                if Some(i) == status_line
                    && let Some(status) = values.status
                {
                    status_placed = true;
                    let quote = if content.trim_start().starts_with('>') {
                        "> "
                    } else {
                        ""
                    };
                    Some(format!("{quote}{status}"))
                } else {
                    body_line(content, values.status, date, &mut status_placed)
                }
            }
        };
        match replaced {
            Some(new) => {
                out.push_str(&new);
                out.push_str(eol);
            }
            None => out.push_str(line),
        }
    }
    if !titled && let Some(heading) = values.heading {
        out.insert_str(body_start, &format!("# {heading}\n\n"));
    }
    if !status_placed
        && values.add_status
        && let Some(status) = values.status
    {
        out = edit::set_status(
            &out,
            StatusWord {
                section: status,
                value: status,
            },
        );
    }
    out
}

/// adr-tools templates name their title `TITLE` (bare, not `{TITLE}`).
fn uses_adr_tools_placeholders(text: &str) -> bool {
    text.lines().find(|l| l.starts_with("# ")).is_some_and(|l| {
        l.match_indices("TITLE").any(|(at, _)| {
            let before = l[..at].chars().next_back();
            !matches!(before, Some('{' | '[' | '_' | '-')) && !l[..at].ends_with("SUB")
        })
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Inside front matter (`true`: TOML).
    FrontMatter(bool),
    /// A `---` or `+++` line around front matter.
    Delimiter,
    Code,
    Heading(usize),
    Text,
}

fn classify(lines: &[&str]) -> Vec<Kind> {
    let mut kinds = Vec::with_capacity(lines.len());
    let mut fence = Fence::default();
    let opening = lines.first().map(|l| split_eol(l).0.trim_end());
    let delimiter = match opening {
        Some("---") => Some("---"),
        Some("+++") => Some("+++"),
        _ => None,
    };
    let closes = delimiter.and_then(|d| {
        lines
            .iter()
            .skip(1)
            .position(|l| split_eol(l).0.trim_end() == d)
            .map(|p| p + 1)
    });
    for (i, line) in lines.iter().enumerate() {
        let content = split_eol(line).0;
        if let Some(close) = closes {
            if i == 0 || i == close {
                kinds.push(Kind::Delimiter);
                continue;
            }
            if i < close {
                kinds.push(Kind::FrontMatter(delimiter == Some("+++")));
                continue;
            }
        }
        if fence.is_code(content) {
            kinds.push(Kind::Code);
        } else if let Some((level, _)) = atx_heading(content) {
            kinds.push(Kind::Heading(level));
        } else {
            kinds.push(Kind::Text);
        }
    }
    kinds
}

/// The line of the Status section that lists the choices, to be replaced
/// by the status: the first such line outside a quote, else the first in
/// one (a quoted block is usually the template's instructions).
fn status_choice_line(lines: &[&str], kinds: &[Kind]) -> Option<usize> {
    let mut in_status = false;
    let mut quoted = None;
    for (i, (line, kind)) in lines.iter().zip(kinds).enumerate() {
        let content = split_eol(line).0;
        match kind {
            Kind::Heading(_) => {
                let text = atx_heading(content).map_or("", |(_, t)| t);
                in_status = text.trim().eq_ignore_ascii_case("status");
            }
            Kind::Text if in_status && lists_choices(content) => {
                if content.trim_start().starts_with('>') {
                    quoted.get_or_insert(i);
                } else {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    quoted
}

/// `[draft | proposed | …]`, `Accepted or Rejected`, `{Deprecated|Proposed}`.
fn lists_choices(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words = STATUS_WORDS.iter().filter(|w| lower.contains(*w)).count();
    words >= 2 || (line.contains('{') && line.contains('}') && words >= 1)
}

fn split_eol(line: &str) -> (&str, &str) {
    let content = line.trim_end_matches(['\n', '\r']);
    (content, &line[content.len()..])
}

/// A front-matter line with the status or date set, when it holds one.
fn front_matter_line(
    content: &str,
    toml: bool,
    values: &Values<'_>,
    placed: &mut bool,
) -> Option<String> {
    let (status, date) = (values.status, values.fields.date);
    let trimmed = content.trim_start();
    if trimmed.starts_with('#') || content.starts_with([' ', '\t']) {
        return None;
    }
    let separator = if toml { '=' } else { ':' };
    let (key, _) = trimmed.split_once(separator)?;
    let key = key.trim().trim_matches(['"', '\'']).to_lowercase();
    let written_key = &content[..content.find(separator)?];
    match key.as_str() {
        "status" | "statut" => {
            let status = status?;
            *placed = true;
            Some(if toml {
                format!("{written_key}= \"{}\"", status.replace('"', "\\\""))
            } else {
                format!("{written_key}: {}", yaml_scalar(status))
            })
        }
        "date" => Some(if toml {
            format!("{written_key}= \"{date}\"")
        } else {
            format!("{written_key}: {}", yaml_scalar(date))
        }),
        "title" => {
            let title = values.fields.title;
            let written = content[written_key.len() + 1..].trim();
            // `title: 'ADR016: [TITLE]'` keeps what surrounds its placeholder.
            if let Some(kept) = title_in_placeholder(written, title) {
                return Some(format!("{written_key}{separator} {kept}"));
            }
            Some(if toml {
                format!(
                    "{written_key}= \"{}\"",
                    title.replace('\\', "\\\\").replace('"', "\\\"")
                )
            } else {
                format!("{written_key}: {}", yaml_scalar(title))
            })
        }
        _ => {
            let written = &content[written_key.len() + 1..];
            title_in_placeholder(written.trim(), values.fields.title)
                .map(|kept| format!("{written_key}{separator} {kept}"))
        }
    }
}

/// A front-matter value with its title placeholder (`[TITLE]`, `{title}`,
/// `[short title of solved problem]`) replaced, quoted as the value is.
fn title_in_placeholder(written: &str, title: &str) -> Option<String> {
    let (open, close) = written
        .char_indices()
        .filter(|(_, c)| matches!(c, '[' | '{'))
        .find_map(|(at, c)| {
            let end = if c == '[' { ']' } else { '}' };
            let len = written[at..].find(end)?;
            let inside = &written[at + 1..at + len];
            inside
                .to_ascii_lowercase()
                .contains("title")
                .then_some((at, at + len + 1))
        })?;
    let title = match written.chars().next() {
        Some('\'') => title.replace('\'', "''"),
        Some('"') => title.replace('\\', "\\\\").replace('"', "\\\""),
        _ if written[..open].trim().is_empty() && written[close..].trim().is_empty() => {
            return Some(yaml_scalar(title));
        }
        _ => title.to_string(),
    };
    Some(format!("{}{title}{}", &written[..open], &written[close..]))
}

/// A record number written as a placeholder after an `ADR` prefix
/// (`ADR000`, `adr-0000`, `ADR-XXX`, `ADR-NNNN`) becomes the new record's,
/// as wide as the placeholder: in the front matter and the title line
/// only, where the template speaks of itself (its body may name another
/// record so, `Supersedes ADR-XXX`).
fn number_placeholders(text: &str, number: u32) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i + 3 <= bytes.len() {
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !boundary || !bytes[i..i + 3].eq_ignore_ascii_case(b"adr") {
            i += 1;
            continue;
        }
        let mut at = i + 3;
        if at < bytes.len() && matches!(bytes[at], b'-' | b'_' | b' ' | b'#') {
            at += 1;
        }
        let Some(&first) = bytes.get(at) else { break };
        let run = bytes[at..].iter().take_while(|b| **b == first).count();
        let placeholder = matches!(first, b'0' | b'X' | b'x' | b'N');
        let after = bytes.get(at + run);
        if placeholder && run >= 2 && !after.is_some_and(u8::is_ascii_alphanumeric) {
            out.push_str(&text[copied..at]);
            out.push_str(&format!("{number:0run$}"));
            copied = at + run;
            i = copied;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.' | '/'))
        && !value.starts_with(['-', ' '])
        && value.parse::<f64>().is_err()
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~"
        );
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A body line with the status or date set: `- Status: …`, `Date: …`,
/// `**Date:** …`, a `| Status | … |` table row, or date placeholders.
fn body_line(content: &str, status: Option<&str>, date: &str, placed: &mut bool) -> Option<String> {
    if let Some(row) = table_row(content, status, date, placed) {
        return Some(row);
    }
    if let Some((prefix, key)) = key_prefix(content) {
        // Two trailing spaces are a line break in Markdown: kept.
        let hard_break = if content.ends_with("  ") { "  " } else { "" };
        match key.as_str() {
            "status" => {
                let status = status?;
                *placed = true;
                return Some(format!("{prefix} {status}{hard_break}"));
            }
            "date" => return Some(format!("{prefix} {date}{hard_break}")),
            _ => {}
        }
    }
    let mut line = content.to_string();
    for token in [
        "{date}",
        "{DATE}",
        "[YYYY-MM-DD]",
        "YYYY-MM-DD",
        "yyyy-mm-dd",
    ] {
        line = line.replace(token, date);
    }
    (line != content).then_some(line)
}

/// `- Status:`, `* **Date**:`, `Date:` at the start of a line: the text up
/// to and including the colon (and closing emphasis), and the key.
fn key_prefix(content: &str) -> Option<(String, String)> {
    let indent = content.len() - content.trim_start().len();
    let mut rest = &content[indent..];
    let mut consumed = indent;
    for bullet in ["- ", "* ", "+ "] {
        if let Some(after) = rest.strip_prefix(bullet) {
            rest = after;
            consumed += bullet.len();
            break;
        }
    }
    let colon = rest.find(':').filter(|&c| c <= 16)?;
    let key = rest[..colon].trim_matches(['*', '_', ' ']).to_lowercase();
    if !matches!(key.as_str(), "status" | "date") {
        return None;
    }
    let mut end = consumed + colon + 1;
    for emphasis in ["**", "__", "*", "_"] {
        if content[end..].starts_with(emphasis) && rest[..colon].starts_with(emphasis) {
            end += emphasis.len();
            break;
        }
    }
    Some((content[..end].to_string(), key))
}

/// A `| Status | … |` or `| Date | … |` row with its value set, backticks
/// kept.
fn table_row(content: &str, status: Option<&str>, date: &str, placed: &mut bool) -> Option<String> {
    let start = content.find('|')?;
    if !content[..start]
        .trim()
        .trim_start_matches('>')
        .trim()
        .is_empty()
    {
        return None;
    }
    let cells: Vec<&str> = content[start + 1..].split('|').collect();
    if cells.len() < 2 {
        return None;
    }
    let key = cells[0].trim().trim_matches(['*', '_']).to_lowercase();
    let old = cells[1];
    let value = match key.as_str() {
        "status" => {
            let status = status?;
            *placed = true;
            status.to_string()
        }
        "date" if old.to_lowercase().contains("dd/mm/yyyy") => day_first(date),
        "date" => date.to_string(),
        _ => return None,
    };
    let value = if old.contains('`') {
        format!("`{value}`")
    } else {
        value
    };
    let mut out = content[..start + 1].to_string();
    out.push_str(cells[0]);
    out.push_str(&format!("| {value} |"));
    if cells.len() > 2 {
        out.push_str(&cells[2..].join("|"));
    }
    Some(out)
}

/// `1992-01-12` → `12/01/1992`; other text as it is.
fn day_first(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_string(), |d| d.format("%d/%m/%Y").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<'a>(fields: &'a Fields<'a>, heading: &'a str, status: &'a str) -> Values<'a> {
        Values {
            fields,
            heading: Some(heading),
            status: Some(status),
            add_status: true,
        }
    }

    fn fields() -> Fields<'static> {
        Fields {
            number: 12,
            title: "Use X",
            date: "1992-01-12",
            status: "proposed",
        }
    }

    #[test]
    fn the_templates_own_number_and_title_placeholders() {
        let template = "---\nid: docs-adr000\ntitle: 'ADR000: [TITLE]'\nsummary: About [TITLE]\n---\n\n## Context\n\nSee ADR-XXX.\n";
        let fields = Fields {
            number: 17,
            title: "Keep Bob's cache",
            date: "2026-02-03",
            status: "Proposed",
        };
        let filled = fill(template, &values(&fields, "17. x", "Proposed"));
        assert!(filled.contains("id: docs-adr017\n"), "{filled}");
        assert!(
            filled.contains("title: 'ADR017: Keep Bob''s cache'\n"),
            "{filled}"
        );
        assert!(
            filled.contains("summary: About Keep Bob's cache\n"),
            "{filled}"
        );
        assert!(filled.contains("See ADR-XXX."), "{filled}");
        assert_eq!(
            number_placeholders("adr-0000a ADR_NN", 5),
            "adr-0000a ADR_05"
        );
    }

    #[test]
    fn log4brains_bullets() {
        let template = "# [short title of solved problem and solution]\n\n- Status: [draft | proposed | rejected] <!-- optional -->\n- Deciders: [list everyone] <!-- optional -->\n- Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\n## Context and Problem Statement\n";
        let f = fields();
        let out = fill(template, &values(&f, "Use X", "proposed"));
        assert_eq!(
            out,
            "# Use X\n\n- Status: proposed\n- Deciders: [list everyone] <!-- optional -->\n- Date: 1992-01-12\n\n## Context and Problem Statement\n"
        );
    }

    #[test]
    fn section_choices_outside_the_instructions() {
        let template = "# ADR {ADR-NUMBER}: {TITLE}\n\n## Changelog\n\n- {date}: {changelog}\n\n## Status\n\n> must be one of: \"Accepted\", \"Rejected\"\n\nAccepted | Rejected | Deprecated\n\n## Context\n";
        let f = fields();
        let out = fill(template, &values(&f, "ADR 12: Use X", "Proposed"));
        assert_eq!(
            out,
            "# ADR 12: Use X\n\n## Changelog\n\n- 1992-01-12: {changelog}\n\n## Status\n\n> must be one of: \"Accepted\", \"Rejected\"\n\nProposed\n\n## Context\n"
        );
        let quoted = "# ADRxxx: T\n\nDate: YYYY-MM-DD\n\n## Status\n\n> Accepted or Rejected\n>\n> Valid statuses are: \"Proposed\", \"Accepted\"\n";
        let out = fill(quoted, &values(&f, "ADR012: Use X", "Accepted"));
        assert_eq!(
            out,
            "# ADR012: Use X\n\nDate: 1992-01-12\n\n## Status\n\n> Accepted\n>\n> Valid statuses are: \"Proposed\", \"Accepted\"\n"
        );
    }

    #[test]
    fn front_matter_and_tables() {
        let template = "---\nstatut: {proposé | rejeté}\ndate: {YYYY-MM-DD when}\n# status: commented\n---\n\n# {short title}\n";
        let f = fields();
        let out = fill(template, &values(&f, "Use X", "proposed"));
        assert_eq!(
            out,
            "---\nstatut: proposed\ndate: 1992-01-12\n# status: commented\n---\n\n# Use X\n"
        );
        let table = "# ADR-nnn: T\n\n>| | |\n>| --- | --- |\n>| Date | `dd/mm/YYYY` _when_ |\n>| Status | `RFC, Proposed, Accepted` |\n";
        let out = fill(table, &values(&f, "ADR-012: Use X", "Proposed"));
        assert_eq!(
            out,
            "# ADR-012: Use X\n\n>| | |\n>| --- | --- |\n>| Date | `12/01/1992` |\n>| Status | `Proposed` |\n"
        );
    }

    #[test]
    fn adr_tools_templates_and_missing_places() {
        let f = fields();
        let out = fill(
            "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n",
            &values(&f, "12. Use X", "proposed"),
        );
        assert_eq!(
            out,
            "# 12. Use X\n\nDate: 1992-01-12\n\n## Status\n\nproposed\n"
        );
        let none = Values {
            add_status: false,
            ..values(&f, "Use X", "proposed")
        };
        assert_eq!(fill("## Decision\n", &none), "# Use X\n\n## Decision\n");
        let out = fill("# T\n\n## Decision\n", &values(&f, "Use X", "Proposed"));
        assert!(out.contains("## Status\n\nProposed\n"), "{out}");
    }
}
