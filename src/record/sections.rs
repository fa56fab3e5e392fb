//! What a section heading says the section holds, in the languages ADRs
//! are written in.

use super::status::strip_decoration;
use super::vocabulary::{Field, STATUS, field_of};

/// The kinds of section the reader treats differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SectionKind {
    /// `## Status`, `## Statut`, `## État`, `## Estado`; with the value
    /// when the heading carries it (`## Status: Proposed`).
    Status(Option<String>),
    /// `## Date`, `## Datum`, `## Fecha`.
    Date,
    /// `### Title` with the title as its text, in logs without a title
    /// heading.
    Title,
    /// `## Changelog`, `## Change Log`, `## History`.
    Changelog,
    /// `## Links`, `## References`, `## Related ADRs`, `## See also`.
    Links,
    /// `## Metadata`: `- Date:` and `- Status:` bullets, as under a title.
    Metadata,
    /// `## Alternatives`, `## Considered Options`: options not taken, so
    /// what they say about other records is not what this record does.
    Options,
    Other,
}

/// The heading text reduced to its name: decoration, a trailing comment
/// (`## Links <!-- optional -->`) and a trailing colon removed, lower-cased.
pub(crate) fn name_of(heading: &str) -> String {
    let text = match heading.find("<!--") {
        Some(i) => &heading[..i],
        None => heading,
    };
    let mut lower = strip_decoration(text)
        .trim_end_matches(':')
        .trim()
        .to_lowercase();
    // `Related ADR(s)`: a plural written either way.
    if lower.contains("(s)") {
        lower = lower.replace("(s)", "s");
    }
    without_section_number(&lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `6. Relação com outras ADRs`, `2.1 Status`: a numbered section's name
/// after its number.
fn without_section_number(name: &str) -> &str {
    if !name.starts_with(|c: char| c.is_ascii_digit()) {
        return name;
    }
    let rest = name
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_start_matches(')');
    match rest.strip_prefix(' ') {
        Some(after) if after.starts_with(char::is_alphabetic) => after.trim_start(),
        _ => name,
    }
}

/// What a section heading opens.
pub(crate) fn classify(heading: &str) -> SectionKind {
    let name = name_of(heading);
    if let Some(value) = status_heading(heading, &name) {
        return SectionKind::Status(value);
    }
    let field = field_of(&name).or_else(|| bilingual(&name).map(|(field, _)| field));
    match field {
        Some(Field::Date) => SectionKind::Date,
        Some(Field::Title) => SectionKind::Title,
        Some(Field::Changelog) => SectionKind::Changelog,
        Some(Field::Links) => SectionKind::Links,
        Some(Field::Metadata) => SectionKind::Metadata,
        Some(Field::Options) => SectionKind::Options,
        // `Related Issues`, `Related work`: what such a list names of the
        // log's records is related to it.
        _ if name.starts_with("related ") => SectionKind::Links,
        // `相关ADR`, `関連する決定`, `관련 ADR`: "related" opens the name in
        // Chinese, Japanese and Korean too, with or without a space.
        _ if ["相关", "相關", "関連", "관련"]
            .iter()
            .any(|w| name.starts_with(w)) =>
        {
            SectionKind::Links
        }
        _ if name.starts_with("option ")
            || name.starts_with("alternative ")
            || name.starts_with("considered ") =>
        {
            SectionKind::Options
        }
        _ => SectionKind::Other,
    }
}

/// `상태(Status)`, `Estado (Status)`, `Статус / Status`: a heading naming
/// its section in two languages, the field either name is, when the
/// other is no field or the same one; with that other part when it is
/// no field (`Status (Accepted)`, `Links (optional)`).
fn bilingual(name: &str) -> Option<(Field, Option<&str>)> {
    let (first, second) = two_names(name)?;
    match (field_of(first), field_of(second)) {
        (Some(a), Some(b)) if a == b => Some((a, None)),
        (Some(a), None) => Some((a, Some(second))),
        (None, Some(b)) => Some((b, Some(first))),
        _ => None,
    }
}

/// `A (B)`, `A（B）`, `A / B`, `A | B`: the two parts, neither empty.
fn two_names(text: &str) -> Option<(&str, &str)> {
    let (first, second) = if let Some(open) = text.find(['(', '（']) {
        let close = text.rfind([')', '）']).filter(|&c| c > open)?;
        if !text[close..]
            .trim_start_matches([')', '）'])
            .trim()
            .is_empty()
        {
            return None;
        }
        let inner = text[open..close].trim_start_matches(['(', '（']);
        (text[..open].trim(), inner.trim())
    } else {
        let (a, b) = text.split_once(" / ").or_else(|| text.split_once(" | "))?;
        (a.trim(), b.trim())
    };
    (!first.is_empty() && !second.is_empty()).then_some((first, second))
}

/// `Status`, or `Status: X` / `Status - X` with its value. `Status der
/// Migration` is a section about something else.
fn status_heading(heading: &str, name: &str) -> Option<Option<String>> {
    if field_of(name) == Some(Field::Status) {
        return Some(None);
    }
    if let Some((Field::Status, other)) = bilingual(name) {
        // `Status (Accepted)` carries its value; `Status (optional)` not.
        let value = other.filter(|o| {
            !matches!(
                super::status::normalise(o),
                super::StatusKind::Custom(_) | super::StatusKind::Unknown
            )
        });
        // The value as written, not lower-cased.
        let written = value.and_then(|v| {
            let (a, b) = two_names(strip_decoration(heading).trim_end_matches(':').trim())?;
            [a, b].into_iter().find(|p| p.to_lowercase() == v)
        });
        return Some(written.map(str::to_string));
    }
    if !STATUS.iter().any(|w| name.starts_with(w)) {
        return None;
    }
    let plain = strip_decoration(heading);
    let lower = plain.to_lowercase();
    STATUS.iter().find_map(|word| {
        let rest = lower.strip_prefix(word)?;
        let sep = [":", " -", " –", " —"]
            .iter()
            .find(|s| rest.trim_start_matches(' ').starts_with(s.trim_start()))?;
        let offset = plain.len() - rest.len();
        let value = plain[offset..]
            .trim_start()
            .trim_start_matches(sep.trim_start())
            .trim();
        (!value.is_empty()).then(|| Some(value.to_string()))
    })
}

/// Whether a heading is a template section name such as "Context and
/// Problem Statement", so cannot be a record's title.
pub(crate) fn is_section_name(heading: &str) -> bool {
    // A numbered heading (`1. Use X`) or a long one is a title: no
    // section name is either, and tables of contents ask this of every
    // record.
    if heading.len() > 48 || heading.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let name = name_of(heading);
    // `# Title`: the template's word, never filled in.
    matches!(
        field_of(&name),
        Some(Field::TemplateSection | Field::Status | Field::Title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(classify("Status"), SectionKind::Status(None));
        assert_eq!(classify("État"), SectionKind::Status(None));
        assert_eq!(classify("**Statut**"), SectionKind::Status(None));
        assert_eq!(classify("Estado:"), SectionKind::Status(None));
        assert_eq!(
            classify("Status: Proposed"),
            SectionKind::Status(Some("Proposed".into()))
        );
        assert_eq!(classify("Status der Migration"), SectionKind::Other);
        assert_eq!(classify("Statusseite"), SectionKind::Other);
        // Named twice, in two languages or with a note.
        assert_eq!(classify("상태(Status)"), SectionKind::Status(None));
        assert_eq!(classify("Estado (Status)"), SectionKind::Status(None));
        assert_eq!(classify("Статус / Status"), SectionKind::Status(None));
        assert_eq!(
            classify("Status (Accepted)"),
            SectionKind::Status(Some("Accepted".into()))
        );
        assert_eq!(classify("Status (optional)"), SectionKind::Status(None));
        assert_eq!(classify("참조(References)"), SectionKind::Links);
        assert_eq!(classify("Links (optional)"), SectionKind::Links);
        assert_eq!(classify("결정(Decision)"), SectionKind::Other);
        assert_eq!(classify("Decision (status quo)"), SectionKind::Other);
        assert_eq!(classify("Status (Links)"), SectionKind::Other);
        assert_eq!(classify("Datum"), SectionKind::Date);
        assert_eq!(classify("Change Log"), SectionKind::Changelog);
        assert_eq!(classify("Links <!-- optional -->"), SectionKind::Links);
        assert_eq!(classify("Related ADRs"), SectionKind::Links);
        assert_eq!(classify("相关ADR"), SectionKind::Links);
        assert_eq!(classify("관련 결정"), SectionKind::Links);
        assert_eq!(classify("Related ADR(s)"), SectionKind::Links);
        assert_eq!(classify("Liên quan"), SectionKind::Links);
        assert_eq!(classify("Trạng thái"), SectionKind::Status(None));
        assert_eq!(classify("Ngày"), SectionKind::Date);
        assert_eq!(classify("Alternative Approaches"), SectionKind::Options);
        assert_eq!(classify("Option 2: Lunr.js"), SectionKind::Options);
        assert_eq!(classify("Decision"), SectionKind::Other);
        assert_eq!(classify("Статус"), SectionKind::Status(None));
        assert_eq!(
            classify("Статус: Принято"),
            SectionKind::Status(Some("Принято".into()))
        );
        assert_eq!(classify("Tila"), SectionKind::Status(None));
        assert_eq!(classify("Дата"), SectionKind::Date);
        assert_eq!(classify("Historia zmian"), SectionKind::Changelog);
        assert_eq!(classify("Zie ook"), SectionKind::Links);
        assert_eq!(classify("6. Relação com Outras ADRs"), SectionKind::Links);
        assert_eq!(classify("2.1 Status"), SectionKind::Status(None));
        assert_eq!(classify("2024 Roadmap"), SectionKind::Other);
    }

    #[test]
    fn template_sections_are_not_titles() {
        assert!(is_section_name("Context and Problem Statement"));
        assert!(is_section_name("Contexte et problématique"));
        assert!(is_section_name("Decision"));
        assert!(is_section_name("Consequências"));
        assert!(is_section_name("Title"));
        assert!(!is_section_name("Use PostgreSQL"));
        assert!(is_section_name("Контекст"));
        assert!(is_section_name("Beslissing"));
        assert_eq!(classify("Título"), SectionKind::Title);
    }
}
