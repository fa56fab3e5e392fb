//! Minimal edits to a record's text: every byte that does not have to
//! change stays as it was.
//!
//! A record keeps its status in one or more places: a `## Status` section
//! (adr-tools), a `status:` front-matter key (MADR), a `- Status:` bullet
//! (MADR 2, log4brains). Edits change every place the file has, so a file
//! that states its status twice never ends up disagreeing with itself.

use super::lines::{Fence, Line, atx_heading, lines};
use super::relation::{self, Context};

/// A relation line to write: `Verb [text](target)`.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    pub verb: &'a str,
    pub text: &'a str,
    /// Path of the target relative to the edited file's folder.
    pub target: &'a str,
}

impl NewLink<'_> {
    fn markdown(&self) -> String {
        let text = self.text.replace('[', "\\[").replace(']', "\\]");
        let target = if self.target.contains([' ', '(', ')', '<', '>']) {
            format!("<{}>", self.target.replace(['<', '>'], ""))
        } else {
            self.target.to_string()
        };
        format!("{} [{}]({})", self.verb, text, target)
    }

    /// `superseded by [..](..)`: the verb lower-cased, as MADR and
    /// log4brains write status values.
    fn lower_markdown(&self) -> String {
        NewLink {
            verb: &self.verb.to_lowercase(),
            ..self.clone()
        }
        .markdown()
    }
}

/// The line ending the file already uses.
fn eol(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The lines of the text with, for each, whether it is inside fenced code.
fn markdown_lines(text: &str) -> Vec<(Line<'_>, bool)> {
    let mut fence = Fence::default();
    lines(text, 0, 1)
        .map(|line| {
            let code = fence.is_code(line.text);
            (line, code)
        })
        .collect()
}

/// A section: its heading line and the byte range of its content (to the
/// next heading or the end of the text).
#[derive(Debug, Clone, Copy)]
struct Section {
    heading_start: usize,
    heading_end: usize,
    end: usize,
}

fn find_section(text: &str, is_wanted: impl Fn(usize, &str) -> bool) -> Option<Section> {
    let all = markdown_lines(text);
    let start = all.iter().position(|(line, code)| {
        !code && atx_heading(line.text).is_some_and(|(level, t)| is_wanted(level, t))
    })?;
    let end = all[start + 1..]
        .iter()
        .find(|(line, code)| !code && atx_heading(line.text).is_some())
        .map_or(text.len(), |(line, _)| line.start);
    Some(Section {
        heading_start: all[start].0.start,
        heading_end: all[start].0.end,
        end,
    })
}

fn is_status_heading(level: usize, text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    level >= 2 && (lower.trim_end_matches(':') == "status" || lower.starts_with("status:"))
}

fn is_links_heading(level: usize, text: &str) -> bool {
    level >= 2 && text.trim().eq_ignore_ascii_case("links")
}

fn splice(text: &str, from: usize, to: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..from]);
    out.push_str(with);
    out.push_str(&text[to..]);
    out
}

/// Where a record keeps its status.
#[derive(Debug, Default)]
struct Places {
    /// Byte range of the value of the `status:` (or `statut:`) key.
    front_matter: Option<(usize, usize)>,
    /// Byte range of the front-matter block, for inserting a key.
    front_matter_block: Option<(usize, usize)>,
    status_section: Option<Section>,
    /// Byte range of the value of a `- Status:` bullet.
    bullet: Option<(usize, usize)>,
}

fn places(text: &str) -> Places {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let split = super::front_matter::split(&text[bom..]);
    let mut found = Places::default();
    let body_start = bom + split.body_offset;
    if let Some(fm) = &split.front_matter
        && fm.kind == super::FrontMatterKind::Yaml
    {
        let (from, to) = (fm.span.0 + bom, fm.span.1 + bom);
        found.front_matter_block = Some((from, to));
        found.front_matter = lines(&text[from..to], from, 1).find_map(|line| {
            let key = ["status", "statut"].into_iter().find(|k| {
                line.text
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })?;
            let colon = line.start + key.len() + line.text[key.len()..].find(':')?;
            Some((colon + 1, line.start + line.text.len()))
        });
    }
    let body = &text[body_start..];
    found.status_section = find_section(body, is_status_heading).map(|s| Section {
        heading_start: s.heading_start + body_start,
        heading_end: s.heading_end + body_start,
        end: s.end + body_start,
    });
    found.bullet = status_bullet(body).map(|(a, b)| (a + body_start, b + body_start));
    found
}

/// The value range of a `- Status:` bullet before the first section.
fn status_bullet(body: &str) -> Option<(usize, usize)> {
    for (line, code) in markdown_lines(body) {
        if code {
            continue;
        }
        if let Some((level, _)) = atx_heading(line.text) {
            if level >= 2 {
                return None;
            }
            continue;
        }
        let trimmed = line.text.trim_start();
        let Some(item) = trimmed.strip_prefix(['-', '*', '+']) else {
            continue;
        };
        let item = item.trim_start();
        let key = item.strip_prefix("**").unwrap_or(item);
        // `get`: the sixth byte may fall inside a multi-byte character.
        let value = key
            .get(..6)
            .filter(|word| word.eq_ignore_ascii_case("status"))
            .and_then(|_| key[6..].trim_start_matches('*').strip_prefix(':'));
        if let Some(value) = value {
            let value = value.trim_start_matches('*');
            let start = line.start + line.text.len() - value.len();
            let end = match line.text.find("<!--") {
                Some(c) => line.start + line.text[..c].trim_end().len(),
                None => line.start + line.text.len(),
            };
            return Some((start, end.max(start)));
        }
    }
    None
}

/// Adds a relation where the record keeps them: the Status section of an
/// adr-tools record (exactly as adr-tools writes it), else a `Links`
/// section of bullets (log4brains' layout), created at the end if missing.
pub fn add_link(text: &str, link: &NewLink<'_>) -> String {
    let nl = eol(text);
    if let Some(section) = places(text).status_section {
        if section.end < text.len() {
            let line = format!("{}{nl}{nl}", link.markdown());
            return splice(text, section.end, section.end, &line);
        }
        // Status is the last section: adr-tools drops the link; we append.
        return append_block(text, &link.markdown());
    }
    add_bullet_link(text, link)
}

/// Appends `- Verb [text](target)` to the `Links` section.
fn add_bullet_link(text: &str, link: &NewLink<'_>) -> String {
    let nl = eol(text);
    let bullet = format!("- {}", link.markdown());
    match find_section(text, is_links_heading) {
        Some(section) => {
            let start = section.heading_end;
            let content = &text[start..section.end];
            let kept = content.trim_end_matches(['\n', '\r', ' ', '\t']);
            if kept.trim().is_empty() {
                splice(text, start, start, &format!("{nl}{bullet}{nl}"))
            } else {
                let at = start + kept.len();
                splice(text, at, at, &format!("{nl}{bullet}"))
            }
        }
        None => append_block(text, &format!("## Links{nl}{nl}{bullet}")),
    }
}

/// Appends a paragraph after a blank line, ending the file with a newline.
fn append_block(text: &str, block: &str) -> String {
    let nl = eol(text);
    let mut out = text.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(nl);
    }
    let last_line_blank = out
        .trim_end_matches(['\n', '\r'])
        .rsplit('\n')
        .next()
        .is_none_or(|l| l.trim().is_empty());
    let ends_with_blank_line = out.is_empty() || out.ends_with(&format!("{nl}{nl}"));
    if !ends_with_blank_line && !last_line_blank {
        out.push_str(nl);
    }
    out.push_str(block);
    out.push_str(nl);
    out
}

/// Removes the lines of the Status section that read exactly `status` and
/// folds the blank lines that leaves, as adr-tools does when superseding.
pub fn remove_status_line(text: &str, status: &str) -> String {
    let Some(section) = places(text).status_section else {
        return text.to_string();
    };
    let (start, end) = (section.heading_end, section.end);
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..start]);
    let mut after_blank = false;
    for line in lines(&text[start..end], start, 1) {
        let raw = &text[line.start..line.end];
        if line.text.trim().is_empty() {
            if !after_blank {
                out.push_str(raw);
            }
            after_blank = true;
        } else if line.text == status {
            continue;
        } else {
            after_blank = false;
            out.push_str(raw);
        }
    }
    out.push_str(&text[end..]);
    out
}

/// Marks a record superseded in each place it keeps its status: adr-tools'
/// Status section (a `Superseded by` line replacing `Accepted`, as
/// adr-tools writes it), MADR's `status:` key, log4brains' `- Status:`
/// bullet. A record with no status place gets a `Links` entry.
pub fn mark_superseded(text: &str, link: &NewLink<'_>) -> String {
    let found = places(text);
    let mut out = text.to_string();
    // Later places first, so earlier byte offsets stay valid.
    if found.status_section.is_some() {
        out = remove_status_line(&add_link(&out, link), "Accepted");
    }
    if let Some((from, to)) = found.bullet {
        out = splice(&out, from, to, &format!(" {}", link.lower_markdown()));
    }
    if let Some((from, to)) = found.front_matter {
        let value = format!(" \"{}\"", escape_yaml(&link.lower_markdown()));
        out = splice(&out, from, to, &value);
    }
    if found.status_section.is_none() && found.bullet.is_none() && found.front_matter.is_none() {
        out = add_bullet_link(&out, link);
    }
    out
}

fn escape_yaml(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// How a status word is written in each kind of place.
#[derive(Debug, Clone, Copy)]
pub struct StatusWord<'a> {
    /// As the Status section writes it: `Accepted`.
    pub section: &'a str,
    /// As front matter and bullets write it: `accepted`.
    pub value: &'a str,
}

/// Sets the status in every place the record keeps one; a record with
/// none gets one (a `status:` key when it has YAML front matter, else a
/// `## Status` section after its title).
pub fn set_status(text: &str, status: StatusWord<'_>) -> String {
    let found = places(text);
    let nl = eol(text);
    let mut out = text.to_string();
    if let Some(section) = found.status_section {
        out = set_section_status(&out, section, status.section);
    }
    if let Some((from, to)) = found.bullet {
        out = splice(&out, from, to, &format!(" {}", status.value));
    }
    if let Some((from, to)) = found.front_matter {
        out = splice(&out, from, to, &format!(" {}", yaml_scalar(status.value)));
    }
    if found.status_section.is_some() || found.bullet.is_some() || found.front_matter.is_some() {
        return out;
    }
    if let Some((_, end)) = found.front_matter_block {
        return splice(
            &out,
            end,
            end,
            &format!("status: {}{nl}", yaml_scalar(status.value)),
        );
    }
    insert_status_section(&out, status.section)
}

/// A YAML plain scalar when safe, else a quoted one.
fn yaml_scalar(value: &str) -> String {
    let plain = value
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
        && !value.is_empty();
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", escape_yaml(value))
    }
}

/// Replaces the status text of a Status section: `## Status: X` inline,
/// else its first line that is not a relation; inserts one when it has
/// only relations.
fn set_section_status(text: &str, section: Section, word: &str) -> String {
    let nl = eol(text);
    let heading = &text[section.heading_start..section.heading_end];
    let heading_text = heading.trim_end_matches(['\n', '\r']);
    if let Some(colon) = heading_text.find(':') {
        let value = heading_text[colon + 1..].trim();
        if !value.is_empty() {
            let from = section.heading_start + colon + 1;
            let to = section.heading_start + heading_text.len();
            return splice(text, from, to, &format!(" {word}"));
        }
    }
    let content = &text[section.heading_end..section.end];
    for line in lines(content, section.heading_end, 1) {
        let trimmed = line.text.trim();
        if trimmed.is_empty() || relation::parse_line(trimmed, Context::Relations).is_some() {
            continue;
        }
        let quote = if trimmed.starts_with('>') { "> " } else { "" };
        let end = line.start + line.text.len();
        return splice(text, line.start, end, &format!("{quote}{word}"));
    }
    splice(
        text,
        section.heading_end,
        section.heading_end,
        &format!("{nl}{word}{nl}"),
    )
}

/// Adds `## Status` with `word` before the first section after the title.
fn insert_status_section(text: &str, word: &str) -> String {
    let nl = eol(text);
    let block = format!("## Status{nl}{nl}{word}{nl}{nl}");
    let all = markdown_lines(text);
    let first_section = all
        .iter()
        .find(|(line, code)| !code && atx_heading(line.text).is_some_and(|(level, _)| level >= 2));
    match first_section {
        Some((line, _)) => splice(text, line.start, line.start, &block),
        None => append_block(text, &format!("## Status{nl}{nl}{word}")),
    }
}

/// Removes relation lines (1-based line numbers) that `adr` knows how to
/// write: lines of the Status and Links sections and status values. A
/// status that was the relation (`Superseded by [..]`) becomes `Accepted`.
pub fn remove_relation_lines(text: &str, line_numbers: &[usize]) -> Result<String, usize> {
    let found = places(text);
    let all: Vec<Line> = lines(text, 0, 1).collect();
    let mut out = text.to_string();
    let mut restore_status = false;
    // Last line first, so earlier offsets stay valid.
    let mut numbers = line_numbers.to_vec();
    numbers.sort_unstable();
    numbers.dedup();
    for &n in numbers.iter().rev() {
        let line = all.get(n.wrapping_sub(1)).ok_or(n)?;
        let inside = |range: Option<(usize, usize)>| {
            range.is_some_and(|(from, to)| line.start <= from && to <= line.start + line.text.len())
        };
        if inside(found.front_matter) || inside(found.bullet) {
            let (from, to) = found
                .front_matter
                .filter(|_| inside(found.front_matter))
                .or(found.bullet)
                .ok_or(n)?;
            out = splice(&out, from, to, " accepted");
            continue;
        }
        let in_section = |s: Option<Section>| {
            s.is_some_and(|s| s.heading_end <= line.start && line.start < s.end)
        };
        let links = find_section(text, is_links_heading);
        if !in_section(found.status_section) && !in_section(links) {
            return Err(n);
        }
        let mut end = line.end;
        // Take one following blank line too, as adr-tools separates links.
        if let Some(next) = all.get(n)
            && next.text.trim().is_empty()
            && in_section(found.status_section)
        {
            end = next.end;
        }
        if in_section(found.status_section)
            && super::status::normalise(line.text) == super::StatusKind::Superseded
        {
            restore_status = true;
        }
        out = splice(&out, line.start, end, "");
    }
    if restore_status && let Some(section) = places(&out).status_section {
        let content = &out[section.heading_end..section.end];
        let has_text = lines(content, 0, 1).any(|l| {
            let t = l.text.trim();
            !t.is_empty() && relation::parse_line(t, Context::Relations).is_none()
        });
        if !has_text {
            out = set_section_status(&out, section, "Accepted");
        }
    }
    Ok(out)
}

/// Replaces the first level-1 heading's text, keeping its `#` and line end.
pub fn set_heading(text: &str, heading: &str) -> String {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let split = super::front_matter::split(&text[bom..]);
    let offset = bom + split.body_offset;
    let mut fence = Fence::default();
    for line in lines(&text[offset..], offset, 1) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some((1, _)) = atx_heading(line.text) {
            let hashes = line.text.find('#').unwrap_or(0);
            let end = line.start + line.text.len();
            return splice(text, line.start + hashes, end, &format!("# {heading}"));
        }
    }
    text.to_string()
}

/// Replaces `old` with `new` within the given 1-based lines only.
pub fn replace_in_lines(text: &str, line_numbers: &[usize], old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in lines(text, 0, 1) {
        let raw = &text[line.start..line.end];
        if line_numbers.contains(&line.number) {
            out.push_str(&raw.replacen(old, new, 1));
        } else {
            out.push_str(raw);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NYGARD: &str =
        "# 2. Idea\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n";

    fn link<'a>(verb: &'a str) -> NewLink<'a> {
        NewLink {
            verb,
            text: "3. Better idea",
            target: "0003-better-idea.md",
        }
    }

    const ACCEPTED: StatusWord<'static> = StatusWord {
        section: "Accepted",
        value: "accepted",
    };
    const REJECTED: StatusWord<'static> = StatusWord {
        section: "Rejected",
        value: "rejected",
    };

    #[test]
    fn nygard_link_goes_before_next_section() {
        let out = add_link(NYGARD, &link("Amended by"));
        assert_eq!(
            out,
            "# 2. Idea\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\nAmended by [3. Better idea](0003-better-idea.md)\n\n## Context\n\nWhy.\n"
        );
    }

    #[test]
    fn nygard_supersede_matches_adr_tools() {
        let out = mark_superseded(NYGARD, &link("Superseded by"));
        assert_eq!(
            out,
            "# 2. Idea\n\nDate: 1992-01-12\n\n## Status\n\nSuperseded by [3. Better idea](0003-better-idea.md)\n\n## Context\n\nWhy.\n"
        );
    }

    #[test]
    fn status_as_last_section_still_gets_the_link() {
        let text = "# 1. A\n\n## Status\n\nAccepted\n";
        let out = add_link(text, &link("Amends"));
        assert_eq!(
            out,
            "# 1. A\n\n## Status\n\nAccepted\n\nAmends [3. Better idea](0003-better-idea.md)\n"
        );
        let no_newline = "# 1. A\n\n## Status\n\nAccepted";
        assert_eq!(add_link(no_newline, &link("Amends")), out);
    }

    #[test]
    fn crlf_is_kept() {
        let text = NYGARD.replace('\n', "\r\n");
        let out = mark_superseded(&text, &link("Superseded by"));
        assert!(!out.replace("\r\n", "").contains('\n'));
        assert!(
            out.contains("Superseded by [3. Better idea](0003-better-idea.md)\r\n\r\n## Context")
        );
        assert!(!out.contains("Accepted"));
    }

    #[test]
    fn status_heading_in_fence_is_ignored() {
        let text = "# 1. A\n\n```\n## Status\n```\n\n## Status\n\nAccepted\n\n## Next\n";
        let out = add_link(text, &link("Amends"));
        assert!(
            out.starts_with("# 1. A\n\n```\n## Status\n```\n\n## Status\n\nAccepted\n\nAmends")
        );
    }

    #[test]
    fn madr_status_key_is_the_only_line_changed() {
        let text = "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use X\n";
        let out = mark_superseded(text, &link("Superseded by"));
        assert_eq!(
            out,
            "---\nstatus: \"superseded by [3. Better idea](0003-better-idea.md)\"\ndate: 2024-01-01\n---\n# Use X\n"
        );
    }

    #[test]
    fn log4brains_status_bullet() {
        let text =
            "# Use X\n\n- Status: accepted <!-- optional -->\n- Date: 2020-01-01\n\n## Context\n";
        let out = mark_superseded(text, &link("Superseded by"));
        assert_eq!(
            out,
            "# Use X\n\n- Status: superseded by [3. Better idea](0003-better-idea.md) <!-- optional -->\n- Date: 2020-01-01\n\n## Context\n"
        );
    }

    #[test]
    fn hybrid_front_matter_and_section_both_change() {
        let text = "---\nstatus: Accepted\n---\n# 1. A\n\n## Status\n\nAccepted\n\n## Context\n";
        let out = set_status(text, REJECTED);
        assert_eq!(
            out,
            "---\nstatus: rejected\n---\n# 1. A\n\n## Status\n\nRejected\n\n## Context\n"
        );
    }

    #[test]
    fn links_section_bullets() {
        let text = "# Use X\n\n## Links\n\n- Relates to [a](a.md)\n\n## More\n";
        let out = add_link(text, &link("Supersedes"));
        assert_eq!(
            out,
            "# Use X\n\n## Links\n\n- Relates to [a](a.md)\n- Supersedes [3. Better idea](0003-better-idea.md)\n\n## More\n"
        );
        let none = "# Use X\n\nBody.\n";
        assert_eq!(
            add_link(none, &link("Supersedes")),
            "# Use X\n\nBody.\n\n## Links\n\n- Supersedes [3. Better idea](0003-better-idea.md)\n"
        );
    }

    #[test]
    fn set_status_in_each_place() {
        assert_eq!(
            set_status(NYGARD, REJECTED),
            NYGARD.replace("\nAccepted\n", "\nRejected\n")
        );
        let inline = "# A\n\n## Status: Proposed\n\nText.\n";
        assert_eq!(
            set_status(inline, ACCEPTED),
            "# A\n\n## Status: Accepted\n\nText.\n"
        );
        let quoted = "# A\n\n## Status\n\n> Proposed\n";
        assert_eq!(
            set_status(quoted, ACCEPTED),
            "# A\n\n## Status\n\n> Accepted\n"
        );
        let bullets = "# A\n\n- Status: proposed\n\n## Context\n";
        assert_eq!(
            set_status(bullets, ACCEPTED),
            "# A\n\n- Status: accepted\n\n## Context\n"
        );
        let madr = "---\nstatus: proposed # one of…\ndate: 2024-01-01\n---\n# A\n";
        assert_eq!(
            set_status(madr, ACCEPTED),
            "---\nstatus: accepted\ndate: 2024-01-01\n---\n# A\n"
        );
    }

    #[test]
    fn set_status_where_there_is_none() {
        let madr = "---\nparent: Decisions\n---\n# A\n";
        assert_eq!(
            set_status(madr, ACCEPTED),
            "---\nparent: Decisions\nstatus: accepted\n---\n# A\n"
        );
        let plain = "# A\n\nIntro.\n\n## Context\n";
        assert_eq!(
            set_status(plain, ACCEPTED),
            "# A\n\nIntro.\n\n## Status\n\nAccepted\n\n## Context\n"
        );
        let only_links = "# A\n\n## Status\n\nAmends [b](b.md)\n\n## Context\n";
        assert_eq!(
            set_status(only_links, ACCEPTED),
            "# A\n\n## Status\n\nAccepted\n\nAmends [b](b.md)\n\n## Context\n"
        );
    }

    #[test]
    fn removing_relations() {
        let text = "# 2. A\n\n## Status\n\nSuperseded by [3. B](0003-b.md)\n\nAmended by [4. C](0004-c.md)\n\n## Context\n";
        let out = remove_relation_lines(text, &[7]).expect("removable");
        assert_eq!(
            out,
            "# 2. A\n\n## Status\n\nSuperseded by [3. B](0003-b.md)\n\n## Context\n"
        );
        let out = remove_relation_lines(&out, &[5]).expect("removable");
        assert_eq!(out, "# 2. A\n\n## Status\n\nAccepted\n\n## Context\n");
        let prose = "# A\n\nThis decision supersedes decision: [b](b.md)\n";
        assert_eq!(remove_relation_lines(prose, &[3]), Err(3));
    }

    #[test]
    fn headings_and_targets() {
        assert_eq!(
            set_heading("---\na: 1\n---\n# 3. Old\nx\n", "7. Old"),
            "---\na: 1\n---\n# 7. Old\nx\n"
        );
        assert_eq!(replace_in_lines("a x\nb x\n", &[2], "x", "y"), "a x\nb y\n");
    }

    #[test]
    fn bullets_with_multibyte_keys_do_not_panic() {
        // Found by the `edit` fuzz target: a key cut inside a character.
        for text in ["**\u{fffd}\u{fffd}", "- **é\u{fffd}x: y\n", "+ statué: x\n"] {
            let _ = set_status(text, ACCEPTED);
            let _ = mark_superseded(text, &link("Superseded by"));
        }
        let text = "**\u{fffd}\u{fffd}";
        let _ = set_status(text, ACCEPTED);
        let _ = mark_superseded(text, &link("Superseded by"));
    }

    #[test]
    fn odd_titles_are_escaped() {
        let l = NewLink {
            verb: "Amends",
            text: "Use [x]",
            target: "a b.md",
        };
        assert_eq!(l.markdown(), "Amends [Use \\[x\\]](<a b.md>)");
    }
}
