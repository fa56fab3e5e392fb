//! Minimal edits to a record's text: every byte that does not have to
//! change stays as it was.

use super::Format;
use super::lines::{Fence, Line, atx_heading, lines};

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
}

/// The line ending the file already uses.
fn eol(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The lines of the body that are not inside fenced code.
fn markdown_lines(text: &str) -> Vec<(Line<'_>, bool)> {
    let mut fence = Fence::default();
    lines(text, 0, 1)
        .map(|line| {
            let code = fence.is_code(line.text);
            (line, code)
        })
        .collect()
}

/// Byte range of a section's content: from after its heading to the start
/// of the next heading (or the end of the text).
fn section(text: &str, is_wanted: impl Fn(usize, &str) -> bool) -> Option<(usize, usize)> {
    let all = markdown_lines(text);
    let start = all.iter().position(|(line, code)| {
        !code && atx_heading(line.text).is_some_and(|(level, t)| is_wanted(level, t))
    })?;
    let content_start = all[start].0.end;
    let end = all[start + 1..]
        .iter()
        .find(|(line, code)| !code && atx_heading(line.text).is_some())
        .map_or(text.len(), |(line, _)| line.start);
    Some((content_start, end))
}

fn is_status_heading(level: usize, text: &str) -> bool {
    level >= 2
        && text
            .trim_end_matches(':')
            .trim()
            .eq_ignore_ascii_case("status")
}

fn is_links_heading(level: usize, text: &str) -> bool {
    level >= 2 && text.trim().eq_ignore_ascii_case("links")
}

/// Adds a relation where the record's format keeps them: the Status section
/// of an adr-tools record (exactly as adr-tools writes it), else a `Links`
/// section of bullets (log4brains' layout), created at the end if missing.
pub fn add_link(text: &str, format: Format, link: &NewLink<'_>) -> String {
    let nl = eol(text);
    if format == Format::Nygard
        && let Some((_, end)) = section(text, is_status_heading)
    {
        let line = format!("{}{nl}{nl}", link.markdown());
        if end < text.len() {
            return splice(text, end, end, &line);
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
    match section(text, is_links_heading) {
        Some((start, end)) => {
            let content = &text[start..end];
            let kept = content.trim_end_matches(['\n', '\r', ' ', '\t']);
            let at = start + kept.len();
            if kept.trim().is_empty() {
                splice(text, start, start, &format!("{nl}{bullet}{nl}"))
            } else {
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
        .is_some_and(|l| l.trim().is_empty());
    let ends_with_blank_line = out.ends_with(&format!("{nl}{nl}")) || out.is_empty();
    if !ends_with_blank_line && !last_line_blank {
        out.push_str(nl);
    }
    out.push_str(block);
    out.push_str(nl);
    out
}

fn splice(text: &str, from: usize, to: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..from]);
    out.push_str(with);
    out.push_str(&text[to..]);
    out
}

/// Removes the lines of the Status section that read exactly `status` and
/// folds the blank lines that leaves, as adr-tools does when superseding.
pub fn remove_status_line(text: &str, status: &str) -> String {
    let Some((start, end)) = section(text, is_status_heading) else {
        return text.to_string();
    };
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

/// Marks a record superseded in its own format: adr-tools' Status section
/// (a `Superseded by` line replacing `Accepted`), MADR's `status:` key,
/// or log4brains' `- Status:` bullet.
pub fn mark_superseded(text: &str, format: Format, link: &NewLink<'_>) -> String {
    match format {
        Format::Nygard => remove_status_line(&add_link(text, format, link), "Accepted"),
        Format::Madr => {
            let value = format!("\"{}\"", escape_yaml(&link.markdown().to_lowercase_verb()));
            replace_front_matter_value(text, &["status", "statut"], &value)
                .unwrap_or_else(|| add_link(text, format, link))
        }
        Format::Log4brains => {
            let value = link.markdown().to_lowercase_verb();
            replace_bullet_value(text, "status", &value)
                .unwrap_or_else(|| add_link(text, format, link))
        }
        Format::Plain => add_link(text, format, link),
    }
}

trait LowercaseVerb {
    fn to_lowercase_verb(&self) -> String;
}

impl LowercaseVerb for String {
    /// `Superseded by [..](..)` → `superseded by [..](..)`, as MADR and
    /// log4brains write status values.
    fn to_lowercase_verb(&self) -> String {
        match self.find(" [") {
            Some(i) => format!("{}{}", self[..i].to_lowercase(), &self[i..]),
            None => self.to_lowercase(),
        }
    }
}

fn escape_yaml(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Replaces the value of a top-level front-matter key, keeping the line's
/// key, spacing and line ending.
fn replace_front_matter_value(text: &str, keys: &[&str], value: &str) -> Option<String> {
    let split = super::front_matter::split(text.strip_prefix('\u{feff}').unwrap_or(text));
    let fm = split.front_matter?;
    let bom = text.len() - text.strip_prefix('\u{feff}').unwrap_or(text).len();
    let (from, to) = (fm.span.0 + bom, fm.span.1 + bom);
    lines(&text[from..to], from, 1).find_map(|line| {
        let key = keys.iter().find(|k| {
            line.text
                .strip_prefix(**k)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })?;
        let colon = line.start + line.text.find(':')?;
        debug_assert!(colon >= line.start + key.len());
        let value_end = line.start + line.text.len();
        Some(splice(text, colon + 1, value_end, &format!(" {value}")))
    })
}

/// Replaces the value of a `- Key: value` bullet before the first section.
fn replace_bullet_value(text: &str, key: &str, value: &str) -> Option<String> {
    let all = markdown_lines(text);
    let mut seen_sections = 0;
    for (line, code) in all {
        if code {
            continue;
        }
        if let Some((level, _)) = atx_heading(line.text) {
            seen_sections += usize::from(level >= 2);
            if seen_sections > 0 {
                return None;
            }
            continue;
        }
        let trimmed = line.text.trim_start();
        let Some(item) = trimmed.strip_prefix(['-', '*', '+']) else {
            continue;
        };
        let item = item.trim_start();
        if item.len() > key.len()
            && item[..key.len()].eq_ignore_ascii_case(key)
            && item[key.len()..].starts_with(':')
        {
            let colon = line.start + (line.text.len() - item.len()) + key.len();
            let comment = line.text.find("<!--").map(|i| line.start + i);
            let value_end = comment.map_or(line.start + line.text.len(), |c| {
                let before = &text[colon + 1..c];
                colon + 1 + before.trim_end().len()
            });
            return Some(splice(text, colon + 1, value_end, &format!(" {value}")));
        }
    }
    None
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

    #[test]
    fn nygard_link_goes_before_next_section() {
        let out = add_link(NYGARD, Format::Nygard, &link("Amended by"));
        assert_eq!(
            out,
            "# 2. Idea\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\nAmended by [3. Better idea](0003-better-idea.md)\n\n## Context\n\nWhy.\n"
        );
    }

    #[test]
    fn nygard_supersede_matches_adr_tools() {
        let out = mark_superseded(NYGARD, Format::Nygard, &link("Superseded by"));
        assert_eq!(
            out,
            "# 2. Idea\n\nDate: 1992-01-12\n\n## Status\n\nSuperseded by [3. Better idea](0003-better-idea.md)\n\n## Context\n\nWhy.\n"
        );
    }

    #[test]
    fn status_as_last_section_still_gets_the_link() {
        let text = "# 1. A\n\n## Status\n\nAccepted\n";
        let out = add_link(text, Format::Nygard, &link("Amends"));
        assert_eq!(
            out,
            "# 1. A\n\n## Status\n\nAccepted\n\nAmends [3. Better idea](0003-better-idea.md)\n"
        );
        let no_newline = "# 1. A\n\n## Status\n\nAccepted";
        assert_eq!(add_link(no_newline, Format::Nygard, &link("Amends")), out);
    }

    #[test]
    fn crlf_is_kept() {
        let text = NYGARD.replace('\n', "\r\n");
        let out = mark_superseded(&text, Format::Nygard, &link("Superseded by"));
        assert!(!out.replace("\r\n", "").contains('\n'));
        assert!(
            out.contains("Superseded by [3. Better idea](0003-better-idea.md)\r\n\r\n## Context")
        );
        assert!(!out.contains("Accepted"));
    }

    #[test]
    fn status_heading_in_fence_is_ignored() {
        let text = "# 1. A\n\n```\n## Status\n```\n\n## Status\n\nAccepted\n\n## Next\n";
        let out = add_link(text, Format::Nygard, &link("Amends"));
        assert!(
            out.starts_with("# 1. A\n\n```\n## Status\n```\n\n## Status\n\nAccepted\n\nAmends")
        );
    }

    #[test]
    fn madr_status_key_is_the_only_line_changed() {
        let text = "---\nstatus: accepted\ndate: 2024-01-01\n---\n# Use X\n";
        let out = mark_superseded(text, Format::Madr, &link("Superseded by"));
        assert_eq!(
            out,
            "---\nstatus: \"superseded by [3. Better idea](0003-better-idea.md)\"\ndate: 2024-01-01\n---\n# Use X\n"
        );
    }

    #[test]
    fn log4brains_status_bullet() {
        let text =
            "# Use X\n\n- Status: accepted <!-- optional -->\n- Date: 2020-01-01\n\n## Context\n";
        let out = mark_superseded(text, Format::Log4brains, &link("Superseded by"));
        assert_eq!(
            out,
            "# Use X\n\n- Status: superseded by [3. Better idea](0003-better-idea.md) <!-- optional -->\n- Date: 2020-01-01\n\n## Context\n"
        );
    }

    #[test]
    fn links_section_bullets() {
        let text = "# Use X\n\n## Links\n\n- Relates to [a](a.md)\n\n## More\n";
        let out = add_link(text, Format::Log4brains, &link("Supersedes"));
        assert_eq!(
            out,
            "# Use X\n\n## Links\n\n- Relates to [a](a.md)\n- Supersedes [3. Better idea](0003-better-idea.md)\n\n## More\n"
        );
        let none = "# Use X\n\nBody.\n";
        assert_eq!(
            add_link(none, Format::Madr, &link("Supersedes")),
            "# Use X\n\nBody.\n\n## Links\n\n- Supersedes [3. Better idea](0003-better-idea.md)\n"
        );
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
