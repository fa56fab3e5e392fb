//! Reading one ADR's text into its metadata, whatever its format.
//!
//! One pass over the lines, fence-aware, collects the candidates for each
//! field; precedence between them is decided at the end.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::front_matter::{self, FrontMatter, FrontMatterKind};
use super::lines::{Fence, atx_heading, lines};
use super::relation::{self, Context, Relation};
use super::status::{Status, strip_decoration};
use super::{Format, Problem, date, yaml};

/// What the text of one record says about it.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The first level-1 heading, as written.
    pub heading: Option<String>,
    pub heading_line: Option<usize>,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_text: Option<String>,
    pub status: Option<Status>,
    /// Relations with the line each was found on.
    pub relations: Vec<(Relation, usize)>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    pub front_matter: Option<FrontMatter>,
    pub format: Format,
    pub problems: Vec<Problem>,
}

/// Where the scanner is in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before the first section heading: title, date line, bullets.
    Preamble,
    Status,
    Links,
    Other,
}

/// Candidates for fields that several places in a file can state.
#[derive(Default)]
struct Candidates {
    section_inline_status: Option<Status>,
    section_lines: Vec<(String, usize)>,
    seen_status_section: bool,
    bullet_status: Option<(String, usize)>,
    table_status: Option<(String, usize)>,
    date: Option<(String, usize)>,
    /// Link reference definitions: lower-cased label → target.
    definitions: std::collections::HashMap<String, String>,
}

/// The first level-1 heading of a text and its line, found without
/// reading anything else (for tables of contents). Fence-aware, after any
/// front matter.
pub fn first_heading(text: &str) -> Option<(String, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let mut fence = Fence::default();
    for line in lines(split.body, split.body_offset, split.body_first_line) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some((1, heading)) = atx_heading(line.text) {
            return Some((heading.to_string(), line.number));
        }
    }
    None
}

/// Reads a record's text. Never fails: what cannot be understood becomes a
/// problem, and the rest is still read.
pub fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let mut parsed = Parsed::default();
    let mut found = Candidates::default();
    if let Some(kind) = split.unterminated {
        let delimiter = if kind == FrontMatterKind::Yaml {
            "---"
        } else {
            "+++"
        };
        parsed.problems.push(Problem::error(
            "front-matter",
            1,
            format!("front matter opened with `{delimiter}` is never closed; read as body text"),
        ));
    }
    let fields = split
        .front_matter
        .as_ref()
        .map(|fm| read_front_matter(fm, &mut parsed))
        .unwrap_or_default();

    scan_body(
        split.body,
        split.body_offset,
        split.body_first_line,
        &mut parsed,
        &mut found,
    );
    parsed.front_matter = split.front_matter;
    decide(&mut parsed, found, fields);
    parsed
}

/// Fields read from front matter, with the line each came from.
#[derive(Default)]
struct FrontMatterFields {
    status: Option<(String, usize)>,
    date: Option<(String, usize)>,
    title: Option<String>,
}

fn read_front_matter(fm: &FrontMatter, parsed: &mut Parsed) -> FrontMatterFields {
    let line_of = |key: &str| key_line(fm, key);
    match fm.kind {
        FrontMatterKind::Toml => FrontMatterFields {
            title: toml_string(&fm.raw, "title"),
            ..FrontMatterFields::default()
        },
        FrontMatterKind::Yaml => match yaml::parse_mapping(&fm.raw) {
            Ok(map) => {
                parsed.tags = yaml::list_field(&map, &["tags"]);
                parsed.deciders =
                    yaml::list_field(&map, &["decision-makers", "deciders", "décideurs"]);
                yaml_relations(&map, fm, parsed);
                let status = first_key(&map, &["status", "statut"]);
                let date = first_key(&map, &["date"]);
                FrontMatterFields {
                    status: status
                        .and_then(|k| yaml::text_field(&map, &[k]).map(|v| (v, line_of(k)))),
                    date: date.and_then(|k| yaml::text_field(&map, &[k]).map(|v| (v, line_of(k)))),
                    title: yaml::text_field(&map, &["title"]),
                }
            }
            Err(error) => {
                parsed.problems.push(
                    Problem::error(
                        "front-matter",
                        fm.first_line + error.line - 1,
                        format!("invalid YAML front matter: {}", error.message),
                    )
                    .at_column(Some(error.column)),
                );
                FrontMatterFields::default()
            }
        },
    }
}

fn first_key<'k>(map: &Map<String, Value>, keys: &[&'k str]) -> Option<&'k str> {
    keys.iter().copied().find(|k| map.contains_key(*k))
}

/// `superseded-by: x.md` and `supersedes: [3, 4]` keys.
fn yaml_relations(map: &Map<String, Value>, fm: &FrontMatter, parsed: &mut Parsed) {
    for (key, verb) in [
        ("superseded-by", "Superseded by"),
        ("supersedes", "Supersedes"),
    ] {
        let line = key_line(fm, key);
        for target in yaml::list_field(map, &[key]) {
            parsed.relations.push((
                Relation {
                    verb: verb.to_string(),
                    target,
                    text: None,
                    by_reference: false,
                    definition: None,
                },
                line,
            ));
        }
    }
}

/// The line a top-level key is written on.
fn key_line(fm: &FrontMatter, key: &str) -> usize {
    fm.raw
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(fm.first_line, |i| fm.first_line + i)
}

/// `title = "…"` from TOML front matter; the rest of TOML is kept, not read.
fn toml_string(raw: &str, key: &str) -> Option<String> {
    raw.lines().find_map(|line| {
        let rest = line
            .trim()
            .strip_prefix(key)?
            .trim_start()
            .strip_prefix('=')?;
        let value = rest.trim();
        let inner = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))?;
        Some(inner.replace("\\\"", "\""))
    })
}

fn scan_body(
    body: &str,
    offset: usize,
    first_line: usize,
    parsed: &mut Parsed,
    found: &mut Candidates,
) {
    let mut fence = Fence::default();
    let mut section = Section::Preamble;
    for line in lines(body, offset, first_line) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some((level, text)) = atx_heading(line.text) {
            section = heading(level, text, line.number, section, parsed, found);
            continue;
        }
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('[')
            && let Some((label, target)) = relation::definition(line.text)
        {
            found.definitions.entry(label).or_insert(target);
            continue;
        }
        match section {
            Section::Preamble => preamble_line(trimmed, line.number, parsed, found),
            Section::Status => found.section_lines.push((trimmed.to_string(), line.number)),
            Section::Links => {
                if let Some(r) = relation::parse_line(trimmed, Context::Relations) {
                    parsed.relations.push((r, line.number));
                }
            }
            Section::Other => prose_line(trimmed, line.number, parsed),
        }
    }
}

/// Handles a heading line and returns the section it opens.
fn heading(
    level: usize,
    text: &str,
    number: usize,
    current: Section,
    parsed: &mut Parsed,
    found: &mut Candidates,
) -> Section {
    if level == 1 && parsed.heading.is_none() {
        parsed.heading = Some(text.to_string());
        parsed.heading_line = Some(number);
        return current;
    }
    let plain = strip_decoration(text);
    let lower = plain.to_lowercase();
    if !found.seen_status_section
        && (lower == "status" || lower.starts_with("status:") || lower.starts_with("status "))
    {
        found.seen_status_section = true;
        let inline = plain["status".len()..]
            .trim_start()
            .trim_start_matches(':')
            .trim();
        if !inline.is_empty() {
            found.section_inline_status = Some(Status::new(inline, number));
            if let Some(r) = relation::parse_line(inline, Context::Relations) {
                parsed.relations.push((r, number));
            }
        }
        return Section::Status;
    }
    if lower == "links" || lower == "related decisions" {
        return Section::Links;
    }
    Section::Other
}

/// Lines before the first section: `Date:` lines, MADR 2 / log4brains
/// bullets, the NHS metadata table, and prose relations under the title.
fn preamble_line(line: &str, number: usize, parsed: &mut Parsed, found: &mut Candidates) {
    if let Some((key, value)) = metadata_pair(line) {
        let value = value.to_string();
        match key.as_str() {
            "status" => {
                for part in relation::status_parts(&value) {
                    if let Some(r) = relation::parse_line(part, Context::Relations) {
                        parsed.relations.push((r, number));
                    }
                }
                if line.starts_with('|') || line.starts_with('>') {
                    found.table_status.get_or_insert((value, number));
                } else {
                    found.bullet_status.get_or_insert((value, number));
                }
            }
            "date" | "created" => {
                found.date.get_or_insert((value, number));
            }
            "deciders" | "decision-makers" if parsed.deciders.is_empty() => {
                parsed.deciders = yaml::split_list(&value);
            }
            "tags" if parsed.tags.is_empty() => {
                parsed.tags = yaml::split_list(&value);
            }
            _ => {}
        }
        return;
    }
    if found.date.is_none() && date::parse(line).is_some() {
        found.date = Some((line.to_string(), number));
        return;
    }
    prose_line(line, number, parsed);
}

/// A line stating a relation in running text.
fn prose_line(line: &str, number: usize, parsed: &mut Parsed) {
    if line.contains('[')
        && let Some(r) = relation::parse_line(line, Context::Prose)
    {
        parsed.relations.push((r, number));
    }
}

/// `- Status: accepted`, `* **Date:** 2020-01-01`, `Date: 2020-01-01`,
/// `**Date**: …`, `Date 09/04/2018`, `>| Status | \`RFC\` |`.
fn metadata_pair(line: &str) -> Option<(String, &str)> {
    if let Some(row) = line.trim_start_matches('>').trim_start().strip_prefix('|') {
        let mut cells = row.split('|').map(str::trim);
        let key = cells.next()?.to_lowercase();
        let value = cells.next()?.trim_matches('`').trim();
        return matches!(key.as_str(), "status" | "date" | "deciders")
            .then_some((key, value))
            .filter(|(_, v)| !v.is_empty());
    }
    let item = line
        .strip_prefix(['-', '*', '+'])
        .filter(|rest| rest.starts_with(' '))
        .map_or(line, str::trim_start);
    let item = item.strip_prefix("**").unwrap_or(item);
    let key_end = item.find(|c: char| !(c.is_alphabetic() || c == '-' || c == ' '))?;
    let key = item[..key_end].trim().to_lowercase();
    if !matches!(
        key.as_str(),
        "status" | "date" | "deciders" | "decision-makers" | "tags" | "created"
    ) {
        return None;
    }
    let rest = item[key_end..].trim_start_matches(['*', ':']).trim_start();
    let rest = rest.trim_start_matches(['*', ':']).trim_start();
    let value = match rest.find("<!--") {
        Some(comment) => rest[..comment].trim_end(),
        None => rest.trim_end(),
    };
    // `Date 09/04/2018` has no colon: accept it only when a date follows.
    let has_colon = item[key_end..].trim_start_matches('*').starts_with(':');
    if !has_colon && (key != "date" || date::parse(value).is_none()) {
        return None;
    }
    (!value.is_empty()).then_some((key, value))
}

/// Settles each field from its candidates, in order of precedence.
fn decide(parsed: &mut Parsed, mut found: Candidates, fields: FrontMatterFields) {
    let definitions = std::mem::take(&mut found.definitions);
    let mut status_section_relations = Vec::new();
    for (line, number) in &found.section_lines {
        if let Some(r) = relation::parse_line(line, Context::Relations) {
            status_section_relations.push((r, *number));
        }
    }
    let superseding_line = status_section_relations
        .iter()
        .find(|(r, _)| {
            let verb = r.verb.to_lowercase();
            verb.starts_with("superseded") || verb.starts_with("superceded")
        })
        .map(|(_, n)| *n);
    let section_status = found.section_inline_status.clone().or_else(|| {
        let pick = |n: usize| found.section_lines.iter().find(|(_, l)| *l == n);
        let line = match superseding_line {
            Some(n) => pick(n),
            None => {
                let text_lines: Vec<&(String, usize)> = found
                    .section_lines
                    .iter()
                    .filter(|(_, n)| !status_section_relations.iter().any(|(_, m)| m == n))
                    .collect();
                // Template instructions sit in a blockquote above the value
                // (cometbft); a blockquote is the value only when alone (forms).
                text_lines
                    .iter()
                    .find(|(t, _)| !t.starts_with('>'))
                    .or(text_lines.first())
                    .copied()
            }
        };
        line.map(|(text, n)| Status::new(text, *n))
    });
    parsed.relations.extend(status_section_relations);

    let front_matter_status = fields.status.map(|(text, line)| {
        for part in relation::status_parts(&text) {
            if let Some(r) = relation::parse_line(part, Context::Relations) {
                parsed.relations.push((r, line));
            }
        }
        Status::new(&text, line)
    });
    let has_front_matter_status = front_matter_status.is_some();
    let has_bullet_status = found.bullet_status.is_some();
    parsed.status = front_matter_status
        .or(section_status)
        .or_else(|| found.bullet_status.map(|(t, n)| Status::new(&t, n)))
        .or_else(|| found.table_status.map(|(t, n)| Status::new(&t, n)))
        .filter(|s| !s.text.is_empty());
    parsed.format = if has_front_matter_status || fields.date.is_some() {
        Format::Madr
    } else if found.seen_status_section {
        Format::Nygard
    } else if has_bullet_status {
        Format::Log4brains
    } else {
        Format::Plain
    };

    if let Some((text, line)) = fields.date.or(found.date) {
        parsed.date = date::parse(&text);
        if parsed.date.is_none() {
            parsed.problems.push(Problem::warning(
                "bad-date",
                line,
                format!("cannot read the date `{}`", text.trim()),
            ));
        }
        parsed.date_text = Some(text);
    }
    parsed.title = parsed
        .heading
        .as_deref()
        .or(fields.title.as_deref())
        .map(clean_title)
        .filter(|t| !t.is_empty());
    apply_definitions(&mut parsed.relations, &definitions);
}

/// Points reference-style relations (`Superseded by [ADR 9]`) at their
/// definitions; those that name a web page or an anchor are not relations.
fn apply_definitions(
    relations: &mut Vec<(Relation, usize)>,
    definitions: &std::collections::HashMap<String, String>,
) {
    relations.retain_mut(|(r, _)| {
        if !r.by_reference {
            return true;
        }
        match definitions.get(&r.target.to_lowercase()) {
            Some(target) if relation::is_record_target(target) => {
                r.definition = Some(target.clone());
                true
            }
            Some(_) => false,
            None => relation::is_record_target(&r.target),
        }
    });
}

/// The title without the number the heading carries: `1. Use X`,
/// `ADR 114: Use X`, `ADR012: Use X`, `1) Use X {#adr_0001}` all give `Use X`.
pub fn clean_title(heading: &str) -> String {
    let mut t = heading.trim();
    if let Some(anchor) = t.rfind(" {#")
        && t.ends_with('}')
    {
        t = t[..anchor].trim_end();
    }
    let lower = t.to_ascii_lowercase();
    let mut rest = t;
    for prefix in ["architecture decision record:", "adr", "dr"] {
        if lower.starts_with(prefix) {
            let after = &t[prefix.len()..];
            let after = after.trim_start_matches([' ', '-', '#']);
            if prefix.ends_with(':') || after.starts_with(|c: char| c.is_ascii_digit()) {
                rest = after.trim_start();
                break;
            }
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let after = &rest[digits..];
        let after = after.trim_start_matches(['.', ')', ':', '-', '–', '—']);
        if after.starts_with(char::is_whitespace) || after.is_empty() {
            rest = after
                .trim_start()
                .trim_start_matches(['-', '–', '—', ':'])
                .trim_start();
        }
    }
    if rest.is_empty() {
        t.to_string()
    } else {
        rest.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            clean_title("1. Record architecture decisions"),
            "Record architecture decisions"
        );
        assert_eq!(
            clean_title("ADR 114: Partly Undo ADR 109"),
            "Partly Undo ADR 109"
        );
        assert_eq!(clean_title("ADR-102: Title"), "Title");
        assert_eq!(clean_title("ADR012: Title"), "Title");
        assert_eq!(clean_title("ADR 45 - Title"), "Title");
        assert_eq!(clean_title("ADR 025 Commit"), "Commit");
        assert_eq!(clean_title("23 Logging"), "Logging");
        assert_eq!(clean_title("1) Use PSR-16 {#adr_0001}"), "Use PSR-16");
        assert_eq!(
            clean_title("Architecture Decision Record: Use ADRs"),
            "Use ADRs"
        );
        assert_eq!(
            clean_title("Use AWS hosted Elasticsearch"),
            "Use AWS hosted Elasticsearch"
        );
        assert_eq!(clean_title("2048 is a game"), "is a game");
        assert_eq!(clean_title("42"), "42");
        assert_eq!(clean_title("Adrenaline"), "Adrenaline");
    }
}
