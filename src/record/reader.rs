//! Reading one ADR's text into its metadata, whatever its format.
//!
//! One pass over the lines, fence-aware, collects the candidates for each
//! field; precedence between them is decided at the end.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::body::{self, Body};
use super::front_matter::{self, FrontMatter, FrontMatterKind};
use super::lines::{Fence, atx_heading, lines};
use super::mention;
use super::prose::{self, Mode};
use super::relation::{self, Relation};
use super::status::Status;
use super::{Format, LinkSource, Problem, StatusKind, date, title, yaml};

pub(crate) use super::title::clean_title;

/// What the text of one record says about it.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
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

/// The title heading of a text and its line, found without reading
/// anything else (for tables of contents): the first level-1 heading that
/// is not a template section. Fence-aware, after any front matter.
pub(crate) fn first_heading(text: &str) -> Option<(String, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let mut fence = Fence::default();
    let mut first_text = true;
    for line in lines(split.body, split.body_offset, split.body_first_line) {
        if fence.is_code(line.text) {
            continue;
        }
        if first_text && !line.text.trim().is_empty() {
            first_text = false;
            let heading =
                title::stray_marked_heading(line.text).or_else(|| title::labelled_title(line.text));
            if let Some(heading) = heading {
                return Some((heading.to_string(), line.number));
            }
        }
        if let Some((1, heading)) = atx_heading(line.text)
            && title::can_be_title(heading)
        {
            return Some((heading.to_string(), line.number));
        }
    }
    None
}

/// Reads a record's text. Never fails: what cannot be understood becomes a
/// problem, and the rest is still read.
pub(crate) fn parse(text: &str) -> Parsed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let mut parsed = Parsed::default();
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
    let body = body::scan(split.body, split.body_offset, split.body_first_line);
    parsed.front_matter = split.front_matter;
    decide(&mut parsed, body, fields);
    parsed
}

/// Fields read from front matter, with the line each came from.
#[derive(Default)]
struct FrontMatterFields {
    status: Option<(String, usize)>,
    date: Option<(String, usize)>,
    /// `lastUpdated:`: a date of last change, for a record that states no
    /// other.
    updated: Option<(String, usize)>,
    title: Option<String>,
}

fn read_front_matter(fm: &FrontMatter, parsed: &mut Parsed) -> FrontMatterFields {
    match fm.kind {
        FrontMatterKind::Toml => FrontMatterFields {
            title: toml_string(&fm.raw, "title"),
            ..FrontMatterFields::default()
        },
        FrontMatterKind::Yaml => match yaml::parse_mapping(&fm.raw) {
            Ok(map) => yaml_fields(&map, fm, parsed),
            Err(error) => {
                parsed.problems.push(
                    Problem::error(
                        "front-matter",
                        fm.first_line + error.line - 1,
                        format!("invalid YAML front matter: {}", error.message),
                    )
                    .at_column(Some(error.column)),
                );
                // `authors: [{{<var people.x >}}]`: a site generator's
                // shortcode breaks the YAML, not the plain keys beside it.
                match yaml::parse_mapping(&plain_keys(&fm.raw)) {
                    Ok(map) => yaml_fields(&map, fm, parsed),
                    Err(_) => FrontMatterFields::default(),
                }
            }
        },
    }
}

fn yaml_fields(
    map: &Map<String, Value>,
    fm: &FrontMatter,
    parsed: &mut Parsed,
) -> FrontMatterFields {
    let line_of = |key: &str| key_line(fm, key);
    parsed.tags = yaml::list_field(map, &["tags"]);
    parsed.deciders = yaml::list_field(map, &["decision-makers", "deciders", "décideurs"]);
    yaml_relations(map, fm, parsed);
    let field = |keys: &[&str]| {
        first_key(map, keys).and_then(|k| yaml::text_field(map, &[k]).map(|v| (v, line_of(k))))
    };
    // `decision_status:`, `decisionDate:`, `Fecha:`: the names the body's
    // fields go by, in any case and word style.
    let spoken = spoken_keys(map);
    let named = |names: &[&str]| {
        named_key(&spoken, names).and_then(|k| yaml::text_field(map, &[k]).map(|v| (v, line_of(k))))
    };
    use super::vocabulary as words;
    FrontMatterFields {
        // `stage: draft`: a key some templates use for the
        // status, and others for anything; a status word only.
        status: named(words::STATUS).or_else(|| {
            field(&["stage", "state"]).filter(|(value, _)| {
                value.split_whitespace().count() == 1
                    && super::date::parse(value).is_none()
                    && super::status::normalise(value) != super::StatusKind::Unknown
            })
        }),
        // Another name of the decision's date counts when its value is a
        // date (`decided: yes` does not).
        date: named(&["date", "created", "date created"]).or_else(|| {
            words::DATE.iter().find_map(|name| {
                named(&[name]).filter(|(value, _)| super::date::parse(value).is_some())
            })
        }),
        updated: field(&[
            "last-updated",
            "last_updated",
            "lastUpdated",
            "updated",
            "last-modified",
            "lastModified",
        ]),
        title: yaml::text_field(map, &["title"]),
    }
}

/// The top-level `key: value` lines of a front matter that read as YAML
/// alone, without the nested blocks and values a YAML parser refuses.
fn plain_keys(raw: &str) -> String {
    raw.lines()
        .filter(|line| {
            !line.starts_with([' ', '\t', '-', '#'])
                && line
                    .split_once(':')
                    .is_some_and(|(key, value)| !key.contains(' ') && !value.trim().is_empty())
                && yaml::parse_mapping(line).is_ok()
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// Each key of the map as words ([`words_of_key`]), beside the key.
fn spoken_keys(map: &Map<String, Value>) -> Vec<(String, &str)> {
    map.keys()
        .filter(|k| k.len() <= 40)
        .map(|k| (words_of_key(k), k.as_str()))
        .collect()
}

/// The key that names a field listed in `names` (lower-case words), the
/// earliest name first: `decision_status` and `decisionStatus` are
/// `decision status`.
fn named_key<'m>(spoken: &[(String, &'m str)], names: &[&str]) -> Option<&'m str> {
    names
        .iter()
        .find_map(|name| spoken.iter().find(|(words, _)| words == name))
        .map(|(_, key)| *key)
}

/// `decision_status`, `decision-status`, `decisionStatus` → `decision status`.
fn words_of_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 2);
    let mut previous_lower = false;
    for c in key.chars() {
        if matches!(c, '_' | '-' | ' ') {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            previous_lower = false;
        } else if c.is_uppercase() && previous_lower {
            out.push(' ');
            out.extend(c.to_lowercase());
            previous_lower = false;
        } else {
            previous_lower = c.is_lowercase();
            out.extend(c.to_lowercase());
        }
    }
    out.trim().to_string()
}

fn first_key<'k>(map: &Map<String, Value>, keys: &[&'k str]) -> Option<&'k str> {
    keys.iter().copied().find(|k| map.contains_key(*k))
}

/// `superseded-by: x.md` and `supersedes: [3, 4]` keys.
fn yaml_relations(map: &Map<String, Value>, fm: &FrontMatter, parsed: &mut Parsed) {
    for (key, verb) in [
        ("superseded-by", "Superseded by"),
        ("superseded_by", "Superseded by"),
        ("supersededBy", "Superseded by"),
        ("supersedes", "Supersedes"),
        ("replaces", "Replaces"),
        ("replaced-by", "Replaced by"),
        ("amends", "Amends"),
        ("amended-by", "Amended by"),
        ("extends", "Extends"),
        ("extended-by", "Extended by"),
        ("depends-on", "Depends on"),
        ("related", "Relates to"),
        ("relates-to", "Relates to"),
        ("related-to", "Relates to"),
    ] {
        let line = key_line(fm, key);
        for target in yaml::list_field(map, &[key])
            .into_iter()
            .filter(|t| may_be_a_record(t))
        {
            parsed.relations.push((
                Relation::status(verb.to_string(), target, None, false),
                line,
            ));
        }
    }
}

/// Whether a front-matter relation's value may name a record:
/// `related: [docs/standards/documentation.md]` lists a page. A path to
/// another folder names a record only when its file is named like one
/// (`../adr/0003-x.md`), as in a body's Related list; an id (`ADR-3`), a
/// slug (`use-x`) or a file of the same folder may name one.
fn may_be_a_record(target: &str) -> bool {
    let target = target.trim();
    let file = target.rsplit('/').next().unwrap_or(target);
    let (stem, extension) = match file.rsplit_once('.') {
        Some((stem, ext)) if !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            (stem, Some(ext))
        }
        _ => (file, None),
    };
    let named_like_a_record = super::name::number(stem).is_some()
        || super::name::date_prefix(stem).is_some()
        || super::name::number_in_reference(target).is_some();
    match extension {
        Some(ext) if !ext.eq_ignore_ascii_case("md") => false,
        _ if target.contains('/') => named_like_a_record,
        // `superseded-by: "Live API integration (implemented 2025-11-10)"`:
        // words name a record only when they open with its id (`ADR 3`,
        // `ADR-0003: Use X`, `3. Use X`); a slug has no spaces.
        None if target.contains(char::is_whitespace) => opens_with_an_id(target),
        _ => true,
    }
}

fn opens_with_an_id(phrase: &str) -> bool {
    let mut words = phrase.split_whitespace();
    let first = words
        .next()
        .unwrap_or_default()
        .trim_end_matches([':', '.', ',', ')']);
    let two = format!("{first} {}", words.next().unwrap_or_default());
    let two = two.trim_end_matches([':', '.', ',', ')']);
    super::name::number_in_reference(first).is_some()
        || (first.eq_ignore_ascii_case("adr") && super::name::number_in_reference(two).is_some())
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

/// Settles each field from its candidates, in order of precedence.
fn decide(parsed: &mut Parsed, mut found: Body, fields: FrontMatterFields) {
    let definitions = std::mem::take(&mut found.definitions);
    // The status line is the one naming a successor, if any; else the
    // first text line (template instructions sit in a blockquote above the
    // value in cometbft; a blockquote is the value only when alone, forms).
    let relation_lines: Vec<usize> = found
        .relations
        .iter()
        .filter(|(r, _)| r.source == LinkSource::Status)
        .map(|(_, n)| *n)
        .collect();
    let superseding_line = found
        .relations
        .iter()
        .filter(|(r, _)| r.source == LinkSource::Status)
        .find(|(r, _)| crate::graph::verb::is_superseded_by(&r.verb))
        .map(|(_, n)| *n)
        .filter(|n| {
            found
                .section_lines
                .iter()
                .any(|(t, l)| l == n && starts_with_status_word(t))
        });
    let section_status = found.section_inline_status.clone().or_else(|| {
        let line = match superseding_line {
            Some(n) => found.section_lines.iter().find(|(_, l)| *l == n),
            None => {
                let text_lines: Vec<&(String, usize)> = found
                    .section_lines
                    .iter()
                    .filter(|(t, n)| !relation_lines.contains(n) || starts_with_status_word(t))
                    .collect();
                text_lines
                    .iter()
                    .find(|(t, _)| !t.starts_with('>'))
                    .or(text_lines.first())
                    .copied()
            }
        };
        line.map(|(text, n)| Status::new(text, *n))
    });

    let front_matter_status = fields.status.map(|(text, line)| {
        if !super::status::is_unfilled(&text) {
            read_status_relations(&text, line, &mut parsed.relations);
        }
        Status::new(&text, line)
    });
    let has_front_matter_status = front_matter_status.is_some();
    let has_bullet_status = found.bullet_status.is_some();
    let changelog_status = changelog_status(&found.changelog);
    parsed.status = front_matter_status
        .or(section_status)
        .or_else(|| found.bullet_status.map(|(t, n)| Status::new(&t, n)))
        .or_else(|| found.table_status.map(|(t, n)| Status::new(&t, n)))
        .or(changelog_status)
        .or_else(|| found.section_table_status.map(|(t, n)| Status::new(&t, n)))
        .filter(|s| !s.text.is_empty())
        .or_else(|| {
            // `> **Superseded by [ADR-6](…).** Kept for history.` above the
            // title, and no status anywhere: the record says it is superseded.
            let title_line = found.heading.as_ref().map_or(0, |(_, n)| *n);
            found
                .relations
                .iter()
                .find(|(r, n)| *n < title_line && crate::graph::verb::is_superseded_by(&r.verb))
                .map(|(r, n)| Status::new(&format!("{} {}", r.verb, r.target), *n))
        });
    parsed.format = if has_front_matter_status || fields.date.is_some() {
        Format::Madr
    } else if found.seen_status_section {
        Format::Nygard
    } else if has_bullet_status {
        Format::Log4brains
    } else {
        Format::Plain
    };

    let changelog_date = found
        .changelog
        .first()
        .map(|e| (e.date_text.clone(), e.line));
    // Front matter without a status belongs to the site that publishes the
    // record (a page date); a record keeping its own `Status:` and `Date:`
    // lines in the body is dated by them.
    let body_keeps_metadata = !has_front_matter_status && has_bullet_status;
    let (first_date, second_date) = if body_keeps_metadata {
        (found.date, fields.date)
    } else {
        (fields.date, found.date)
    };
    if let Some((text, line)) = first_date
        .or(second_date)
        .or(found.section_date)
        .or(changelog_date)
        .or_else(|| parsed.status.as_ref().and_then(status_date))
        .or(fields.updated)
        .or(found.footer_date)
        .or(found.section_table_date)
        .or(found.updated)
    {
        parsed.date = date::parse(&text).or_else(|| date::leading(&text).map(|(d, _)| d));
        if parsed.date.is_none() {
            parsed.problems.push(Problem::warning(
                "bad-date",
                line,
                format!("cannot read the date `{}`", text.trim()),
            ));
        }
        parsed.date_text = Some(text);
    }
    if let Some((heading, line)) = found.heading {
        parsed.heading = Some(heading);
        parsed.heading_line = Some(line);
    }
    parsed.title = parsed
        .heading
        .as_deref()
        .or(fields.title.as_deref())
        .or(found.fallback_title.as_deref())
        .map(clean_title)
        .filter(|t| !t.is_empty());
    if parsed.tags.is_empty() {
        parsed.tags = found.tags;
    }
    if parsed.deciders.is_empty() {
        parsed.deciders = found.deciders;
    }
    parsed.relations.extend(found.relations);
    apply_definitions(&mut parsed.relations, &definitions);
    partial_by_status(&mut parsed.relations, parsed.status.as_ref());
    dedupe(&mut parsed.relations);
}

/// `Accepted — 2026-05-14`, `Accepted (2026-07-17)`, `Accepted on 5 May
/// 2021`, `2020-03-25 accepted`: the date a status says it was reached, which dates a record
/// that states no other date.
fn status_date(status: &Status) -> Option<(String, usize)> {
    // `Superseded by [ADR-7](./0007-use-x-for-y.md) (2026-05-14)`: the
    // words of a link's target are not the status's words.
    let text = &*without_link_targets(&status.text);
    // `2020-03-25 accepted`: the date opens the line.
    if text.starts_with(|c: char| c.is_ascii_digit())
        && let Some((_, len)) = date::leading(text)
    {
        return Some((text[..len].trim().to_string(), status.line));
    }
    let starts = text
        .char_indices()
        .filter(|&(i, c)| {
            c.is_alphanumeric()
                && text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !p.is_alphanumeric())
        })
        .map(|(i, _)| i)
        .skip(1)
        .take(8);
    for i in starts {
        let from = text[..i].trim_end_matches(['(', '[', '*', '_', '`']);
        let rest = &text[from.len()..];
        if let Some((_, len)) = date::leading(rest) {
            return Some((rest[..len].trim().to_string(), status.line));
        }
    }
    None
}

/// `[X](x.md)` → `[X]`.
fn without_link_targets(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..=at]);
        let after = &rest[at + 2..];
        match after.find(')') {
            Some(close) => rest = &after[close + 1..],
            None => {
                rest = &rest[at + 1..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Whether a Status section line is a status (`Superseded by [X]`,
/// `Rejected in favour of ADR 111`) rather than only a relation
/// (`Amended by [X]`).
fn starts_with_status_word(line: &str) -> bool {
    !matches!(
        super::status::normalise(line),
        StatusKind::Custom(_) | StatusKind::Unknown
    )
}

/// Relations in a status value: `superseded by ADR-0057`,
/// `accepted; supersedes ADR-0045`.
fn read_status_relations(text: &str, line: usize, out: &mut Vec<(Relation, usize)>) {
    let mentions = mention::find(text);
    let found = prose::relations(text, &mentions, Mode::Status);
    if found.is_empty()
        && let Some(relation) = body::superseded_without_by(text, &mentions)
    {
        out.push((relation, line));
        return;
    }
    for f in found {
        let m = &mentions[f.mention];
        out.push((
            Relation::status(
                f.verb,
                m.target.clone(),
                m.text.clone(),
                m.kind == mention::MentionKind::Reference,
            ),
            line,
        ));
    }
}

/// The status a change log ends with, when nothing else states one: the
/// latest entry that is a status word (`- 2021-04-01: Accepted`).
fn changelog_status(entries: &[body::Entry]) -> Option<Status> {
    entries
        .iter()
        .filter_map(|e| {
            let text = e.text.trim_start_matches([':', '-', '–', '—', ' ']);
            let lower = text.to_lowercase();
            let text = [
                "marked as ",
                "mark as ",
                "status: ",
                "status changed to ",
                "changed to ",
            ]
            .iter()
            .find_map(|p| lower.starts_with(p).then(|| &text[p.len()..]))
            .unwrap_or(text);
            let status = Status::new(text, e.line);
            (!matches!(status.kind, StatusKind::Custom(_) | StatusKind::Unknown))
                .then_some((e.date, status))
        })
        .max_by_key(|(date, _)| *date)
        .map(|(_, status)| status)
}

/// A record marked `Partly superseded` is superseded only in part by the
/// records it names.
fn partial_by_status(relations: &mut [(Relation, usize)], status: Option<&Status>) {
    let lower = status.map(|s| s.text.to_lowercase()).unwrap_or_default();
    let partly =
        lower.starts_with("partly superseded") || lower.starts_with("partially superseded");
    if !partly {
        // `Superseded` ⏎ `The use of MySQL is superseded by ADR-6.`: the
        // part a sentence names (read as `… in part`) is the whole record.
        let whole = status.is_some_and(|s| s.kind == super::StatusKind::Superseded)
            && !lower.contains("part");
        for (r, _) in relations.iter_mut().filter(|_| whole) {
            let d = crate::graph::verb::direction(&r.verb);
            if d.reversed
                && d.kind == "partially supersedes"
                && let Some(verb) = r.verb.strip_suffix(" in part")
            {
                r.verb = verb.to_string();
            }
        }
        return;
    }
    for (r, _) in relations.iter_mut() {
        if crate::graph::verb::is_superseded_by(&r.verb) {
            r.verb = format!("Partly {}", r.verb.to_lowercase());
        }
    }
}

/// One relation stated twice (in the status and in a sentence) is kept
/// once, from the more structured place; status relations are all kept.
fn dedupe(relations: &mut Vec<(Relation, usize)>) {
    // `ADR-0002` and `ADR 2` name one record.
    let key = |r: &Relation| {
        let d = crate::graph::verb::direction(&r.verb);
        let written = r.definition.as_deref().unwrap_or(&r.target);
        let target = match super::name::number_in_reference(written) {
            Some(n) if !written.contains('/') && !written.to_lowercase().ends_with(".md") => {
                format!("#{n}")
            }
            _ => written.to_lowercase(),
        };
        (d.kind, d.reversed, target)
    };
    let mut seen: Vec<(String, bool, String)> = relations
        .iter()
        .filter(|(r, _)| r.source == LinkSource::Status)
        .map(|(r, _)| key(r))
        .collect();
    relations.retain(|(r, _)| {
        if r.source == LinkSource::Status {
            return true;
        }
        let k = key(r);
        if seen.contains(&k) {
            return false;
        }
        seen.push(k);
        true
    });
}

/// Points reference-style relations (`Superseded by [ADR 9]`) at their
/// definitions. In the Status section one that names a web page or an
/// anchor is not a relation; elsewhere a web page is kept, to be matched
/// by its file name, and a label without a definition must look like a
/// record (`[ADR 9]`).
fn apply_definitions(
    relations: &mut Vec<(Relation, usize)>,
    definitions: &std::collections::HashMap<String, String>,
) {
    relations.retain_mut(|(r, _)| {
        if !r.by_reference {
            return true;
        }
        let status = r.source == LinkSource::Status;
        match definitions.get(&r.target.to_lowercase()) {
            Some(target) if relation::is_record_target(target) => {
                r.definition = Some(target.clone());
                true
            }
            Some(target) if !status && relation::url_file_name(target).is_some() => {
                r.definition = Some(target.clone());
                true
            }
            Some(_) => false,
            None if status => relation::is_record_target(&r.target),
            None => super::name::number_in_reference(&r.target).is_some() && !r.implied,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{may_be_a_record, plain_keys};

    #[test]
    fn plain_keys_of_a_front_matter_yaml_refuses() {
        let raw = "title: \"Format\"\nauthors:\n  - {{<var people.x >}}\nlead: {{<var people.y >}}\nstatus: \"Pending\"\n";
        assert_eq!(plain_keys(raw), "title: \"Format\"\nstatus: \"Pending\"\n");
    }

    #[test]
    fn front_matter_values_that_may_name_a_record() {
        for named in [
            "ADR-3",
            "use-x",
            "0003-use-x.md",
            "ADR 3",
            "ADR-0003: Use X",
            "3. Use X",
            "../adr/0003-x.md",
        ] {
            assert!(may_be_a_record(named), "{named}");
        }
        for not in [
            "Live Spoonacular API integration with Spring Cache (implemented 2025-11-10)",
            "docs/standards/documentation.md",
            "schema.json",
            "the new caching layer",
        ] {
            assert!(!may_be_a_record(not), "{not}");
        }
    }
}
