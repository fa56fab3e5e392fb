//! Metadata written one to a line: `- Status: accepted`, `**Date:** …`,
//! `| Status | RFC |`, in the languages and scripts ADRs are written in;
//! and keys that name a relation (`**Extends**:`, `Related ADRs:`).

use super::date;

/// `**Key**: value`, `Key: value`, `| Key | value |`.
pub(super) fn key_value(text: &str) -> Option<(&str, &str)> {
    if let Some(row) = text.strip_prefix('|') {
        let mut cells = row.splitn(2, '|');
        let key = cells.next()?.trim().trim_matches(['*', '_']).trim();
        let value = cells.next()?.trim().trim_end_matches('|');
        // A first cell holding a link is a value, not a key.
        return (!key.is_empty() && key.len() <= 40 && !key.contains('[')).then_some((key, value));
    }
    let (key, value) = if let Some(rest) = text.strip_prefix("**") {
        let end = rest.find("**")?;
        let key = rest[..end].trim_end_matches(':');
        let value = rest[end + 2..].trim_start();
        let value = value.strip_prefix(':').unwrap_or(value).trim_start();
        if !rest[..end].ends_with(':') && !rest[end + 2..].trim_start().starts_with(':') {
            return None;
        }
        (key, value)
    } else {
        let colon = text.find(':')?;
        (&text[..colon], text[colon + 1..].trim_start())
    };
    let key = key.trim();
    if value.starts_with("//") {
        return None;
    }
    let plain = key
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '\'' | '(' | ')'));
    (plain && !key.is_empty() && key.len() <= 40 && key.split_whitespace().count() <= 5)
        .then_some((key, value))
}

/// A key naming a relation: a relation verb (`Supersedes`, `Extends`),
/// `Related ADRs`, `See also`, `See`.
pub(super) fn is_relation_key(key: &str) -> bool {
    // `superseded_by`, `related_to`: keys written in snake case.
    let lower = key.to_lowercase().replace('_', " ");
    // `Supersedes (in part)`: a qualifier in brackets.
    let lower = lower.replace(['(', ')'], "");
    let key = lower.as_str();
    crate::graph::verb::is_known(key)
        || lower.starts_with("related ")
        || lower == "related"
        || lower == "see"
        || lower == "see also"
}

/// The relation a `key: value` line's key names: the key itself when it is
/// a relation key, or what a participle stands for ([`participle_key`]).
pub(super) fn relation_key(key: &str, value: &str) -> Option<String> {
    if is_relation_key(key) {
        Some(key.to_string())
    } else {
        participle_key(key, value)
    }
}

/// `**Amended:** 2026-09-10 — the Context, by ADR 0006`: a key that is a
/// relation's participle, whose value says by which record; the key it
/// stands for (`Amended by`).
fn participle_key(key: &str, value: &str) -> Option<String> {
    let with_by = format!("{} by", key.trim());
    let direction = crate::graph::verb::direction(&with_by);
    if !direction.reversed || !crate::graph::verb::is_known(&with_by) {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    let by = lower
        .match_indices("by ")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric())
        .last()?;
    let after = &value[by + 3..];
    // `by ADR 0006.`, not `suggested by ADR 6 reviewers`.
    let named = super::mention::find(after).first().is_some_and(|m| {
        after[..m.start]
            .trim_matches(['[', '*', '_', ' '])
            .is_empty()
            && after[m.end..]
                .trim_start_matches(['*', '_', ' '])
                .chars()
                .next()
                .is_none_or(|c| matches!(c, '.' | ';' | ',' | ')'))
    });
    named.then_some(with_by)
}

/// Keys of metadata lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Key {
    Status,
    Date,
    Deciders,
    Tags,
    /// `**Title**: Use X`: a record written without a heading.
    Title,
    /// `| **Updated** | 2024-01-25 |`: the date of a record that states no
    /// other.
    Updated,
}

/// What a key's value must be for the key to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Must {
    Anything,
    /// `Data:` is a date in Portuguese, data in English.
    BeADate,
    /// German `Stand:` is a status (`angenommen`) or an as-of date.
    BeAStatusWord,
}

impl Must {
    fn allows(self, value: &str) -> bool {
        match self {
            Must::Anything => true,
            Must::BeADate => date::parse(value).is_some() || date::leading(value).is_some(),
            Must::BeAStatusWord => !matches!(
                super::status::normalise(value),
                super::StatusKind::Custom(_) | super::StatusKind::Unknown
            ),
        }
    }
}

fn key_of(key: &str) -> Option<(Key, Must)> {
    use super::vocabulary as words;
    let is = |list: &[&str]| list.contains(&key);
    Some(if is(words::STATUS) {
        (Key::Status, Must::Anything)
    } else if is(words::STATUS_IF_A_STATUS_WORD) {
        (Key::Status, Must::BeAStatusWord)
    } else if is(words::DATE) {
        (Key::Date, Must::Anything)
    } else if is(words::DATE_IF_A_DATE) {
        (Key::Date, Must::BeADate)
    } else if is(words::UPDATED) {
        (Key::Updated, Must::BeADate)
    } else {
        match key {
            "deciders" | "decision-makers" | "decision makers" => (Key::Deciders, Must::Anything),
            "tags" => (Key::Tags, Must::Anything),
            "title" => (Key::Title, Must::Anything),
            _ => return misspelt(key),
        }
    })
}

/// `Créatrion : 2024-05-02`, `Stauts: accepted`: a date or status key one
/// letter off, which counts only when its value proves it.
fn misspelt(key: &str) -> Option<(Key, Must)> {
    use super::vocabulary as words;
    let length = key.chars().count();
    if !(6..=24).contains(&length) {
        return None;
    }
    let near = |list: &[&str]| list.iter().any(|known| super::one_letter_off(known, key));
    if near(words::STATUS) {
        Some((Key::Status, Must::BeAStatusWord))
    } else if near(words::DATE) || near(words::DATE_IF_A_DATE) {
        Some((Key::Date, Must::BeADate))
    } else {
        None
    }
}

/// The cells of a table row, without the outer pipes.
fn cells(row: &str) -> Vec<&str> {
    let row = row.trim().trim_start_matches('|');
    let row = row.strip_suffix('|').unwrap_or(row);
    row.split('|').map(str::trim).collect()
}

/// `| Status | Date | Author(s) |`: a header row naming the fields, their
/// values in the row below. The header's keys by column, when at least
/// two of its cells are metadata keys.
pub(super) fn header_keys(line: &str) -> Option<Vec<Option<(Key, Must)>>> {
    if !line.starts_with('|') {
        return None;
    }
    let keys: Vec<Option<(Key, Must)>> = cells(line)
        .iter()
        .map(|c| key_of(&c.trim_matches(['*', '_']).trim().to_lowercase()))
        .collect();
    (keys.iter().flatten().count() >= 2).then_some(keys)
}

/// `|:---|---|`: the line between a table's header and its rows.
pub(super) fn is_separator_row(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line.bytes().all(|b| matches!(b, b'|' | b'-' | b':' | b' '))
}

/// The fields of a row under a [`header_keys`] header.
pub(super) fn column_pairs<'l>(keys: &[Option<(Key, Must)>], row: &'l str) -> Vec<(Key, &'l str)> {
    keys.iter()
        .zip(cells(row))
        .filter_map(|(key, value)| {
            let (key, must) = (*key)?;
            let value = value.trim_matches('`').trim();
            (!value.is_empty() && must.allows(value)).then_some((key, value))
        })
        .collect()
}

/// `:` or the full-width `：` of CJK text.
const COLONS: [char; 2] = [':', '：'];

/// `- Status: accepted`, `* **Date:** 2020-01-01`, `Date: 2020-01-01`,
/// `**Date**: …`, `Date 09/04/2018`, `>| Status | \`RFC\` |`,
/// `| **Date** | 2022-01-01 |`, `- Current status 01/03/2021: Removed`,
/// `日期：2026-07-31`.
pub(super) fn metadata_pair(line: &str) -> Option<(Key, &str)> {
    if let Some(row) = line.trim_start_matches('>').trim_start().strip_prefix('|') {
        let mut cells = row.split('|').map(str::trim);
        let key = cells.next()?.trim_matches(['*', '_']).trim().to_lowercase();
        let value = cells.next()?.trim_matches('`').trim();
        let (key, must) = key_of(&key)?;
        // `| Status | Date |` is a header naming fields, not a status.
        let header = key_of(&value.trim_matches(['*', '_']).to_lowercase()).is_some();
        return (!value.is_empty() && !header && must.allows(value)).then_some((key, value));
    }
    // `> **Date:** …`: fields set off as a quote below the title.
    let line = line.trim_start_matches('>').trim_start();
    let item = line
        .strip_prefix(['-', '*', '+'])
        .filter(|rest| rest.starts_with(' '))
        .map_or(line, str::trim_start);
    // `**Status**:`, `__Status__:` and `` `Date`: `` alike.
    let bold = ["**", "__", "`"].into_iter().find(|m| item.starts_with(m));
    let item = bold.map_or(item, |m| &item[m.len()..]);
    let key_end = item.find(|c: char| !(c.is_alphabetic() || c == '-' || c == ' '))?;
    let key_text = item[..key_end].trim().to_lowercase();
    let (key, must) = key_of(&key_text)?;
    let mut after = &item[key_end..];
    // `Current status 01/03/2021: …`: the date the status was as of.
    if key == Key::Status
        && let Some((_, len)) = date::leading(after)
    {
        if after[..len].ends_with(':') {
            after = &after[len - 1..];
        } else if after[len..].trim_start().starts_with(COLONS) {
            after = &after[len..];
        }
    }
    // The key's closing emphasis and its colon, in either order
    // (`**Status**:`, `**Status:**`); the value keeps its own emphasis
    // (`_Akzeptiert_`, `**Accepted**`).
    let mut rest = after.trim_start();
    let mut closed = bold.is_none();
    let mut colon = false;
    loop {
        if !closed && let Some(r) = bold.and_then(|m| rest.strip_prefix(m)) {
            rest = r.trim_start();
            closed = true;
        } else if !colon && let Some(r) = rest.strip_prefix(COLONS) {
            rest = r.trim_start();
            colon = true;
        } else {
            break;
        }
    }
    let value = rest.trim_end();
    // `Date 09/04/2018` has no colon: accept it only when a date follows.
    if !colon && (!matches!(key, Key::Date | Key::Updated) || date::parse(value).is_none()) {
        return None;
    }
    if !must.allows(value) {
        return None;
    }
    (!value.is_empty()).then_some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_lines() {
        assert_eq!(
            metadata_pair("- Status: accepted"),
            Some((Key::Status, "accepted"))
        );
        assert_eq!(
            metadata_pair("* **Datum:** 2021-03-04"),
            Some((Key::Date, "2021-03-04"))
        );
        assert_eq!(
            metadata_pair("| **Date** | 2022-01-01 |"),
            Some((Key::Date, "2022-01-01"))
        );
        assert_eq!(metadata_pair("- Data: stored in S3"), None);
        assert_eq!(
            metadata_pair("- Current status 01/03/2021: Removed from AMP"),
            Some((Key::Status, "Removed from AMP"))
        );
        assert_eq!(
            metadata_pair("**Statut** : accepté"),
            Some((Key::Status, "accepté"))
        );
        assert_eq!(metadata_pair("Status der Migration: offen"), None);
        assert_eq!(
            metadata_pair("日期：2026-07-31"),
            Some((Key::Date, "2026-07-31"))
        );
        assert_eq!(
            metadata_pair("**Stand:** angenommen"),
            Some((Key::Status, "angenommen"))
        );
        assert_eq!(metadata_pair("Stand: 2024-01-01"), None);
        assert_eq!(
            metadata_pair("* Créatrion : 2024-05-02"),
            Some((Key::Date, "2024-05-02"))
        );
        assert_eq!(
            metadata_pair("- Stauts: accepted"),
            Some((Key::Status, "accepted"))
        );
        assert_eq!(metadata_pair("- Stauts: pending review"), None);
        assert_eq!(metadata_pair("- Datums: many"), None);
        assert_eq!(
            metadata_pair("__Status__: proposed"),
            Some((Key::Status, "proposed"))
        );
        assert_eq!(
            metadata_pair("* **Status**: _Akzeptiert_"),
            Some((Key::Status, "_Akzeptiert_"))
        );
        assert_eq!(
            metadata_pair("**Status:** **Accepted**"),
            Some((Key::Status, "**Accepted**"))
        );
        assert_eq!(
            metadata_pair("Status: *proposed*"),
            Some((Key::Status, "*proposed*"))
        );
    }

    #[test]
    fn header_rows() {
        let keys = header_keys("| Status   | Date       | Author(s) |").expect("header");
        assert!(is_separator_row("|:---------|:-----------|:---|"));
        assert_eq!(
            column_pairs(&keys, "| Proposed | 2025-01-07 | [@a](https://x.org/a) |"),
            vec![(Key::Status, "Proposed"), (Key::Date, "2025-01-07")]
        );
        assert_eq!(metadata_pair("| Status | Date | Author(s) |"), None);
        assert!(header_keys("| Status | Accepted |").is_none());
        assert!(!is_separator_row("| Status | Accepted |"));
    }

    #[test]
    fn keys() {
        assert_eq!(
            key_value("**Extends**: [ADR 0053](0053-x.md)"),
            Some(("Extends", "[ADR 0053](0053-x.md)"))
        );
        assert_eq!(key_value("**Related ADRs**:"), Some(("Related ADRs", "")));
        assert_eq!(
            key_value("| Supersedes | ADR-5 |"),
            Some(("Supersedes", "ADR-5 "))
        );
        assert_eq!(key_value("See https://x.org: here"), None);
        assert!(is_relation_key("Supersedes"));
        assert!(is_relation_key("Related ADR"));
        assert!(!is_relation_key("Parent Requirement"));
    }
}
