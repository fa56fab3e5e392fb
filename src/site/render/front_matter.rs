//! The front matter a record page shows below the body: only the keys the
//! page header does not already state. A MADR `status: accepted` the header
//! shows as a badge is not repeated; `consulted:` or a key nobody reads is
//! kept as written, and a value the header shows differently (the status
//! read from the body while the front matter says another) stays too.

use crate::record::Record;
use crate::record::front_matter::{FrontMatter, FrontMatterKind};

/// One top-level key with its continuation lines, as written.
struct Block<'a> {
    /// Lower-cased; empty for comment or blank lines before the first key.
    key: String,
    /// The value on the key's line.
    inline: &'a str,
    /// Continuation lines (`- item`, indented text).
    more: Vec<&'a str>,
    /// 1-based file lines the block spans.
    lines: (usize, usize),
    /// Byte range in the raw front matter.
    span: (usize, usize),
}

/// The front matter without the keys the header shows, or `None` when
/// nothing is left.
pub fn unshown(front_matter: &FrontMatter, record: &Record) -> Option<String> {
    if front_matter.kind != FrontMatterKind::Yaml {
        return non_blank(&front_matter.raw);
    }
    let kept: String = blocks(&front_matter.raw, front_matter.first_line)
        .into_iter()
        .filter(|b| !header_shows(b, record))
        .map(|b| &front_matter.raw[b.span.0..b.span.1])
        .collect();
    non_blank(&kept)
}

fn non_blank(text: &str) -> Option<String> {
    (!text.trim().is_empty()).then(|| text.to_string())
}

fn blocks(raw: &str, first_line: usize) -> Vec<Block<'_>> {
    let mut out: Vec<Block<'_>> = Vec::new();
    let mut start = 0;
    for (n, line) in raw.split_inclusive('\n').enumerate() {
        let file_line = first_line + n;
        let end = start + line.len();
        let bare = line.trim_end();
        let opens = !bare.starts_with([' ', '\t', '-', '#']) && !bare.is_empty();
        match bare.split_once(':').filter(|_| opens) {
            Some((key, value)) => out.push(Block {
                key: key.trim().trim_matches(['"', '\'']).to_lowercase(),
                inline: value.trim(),
                more: Vec::new(),
                lines: (file_line, file_line),
                span: (start, end),
            }),
            None => match out.last_mut() {
                Some(block) => {
                    block.more.push(bare.trim());
                    block.lines.1 = file_line;
                    block.span.1 = end;
                }
                None => out.push(Block {
                    key: String::new(),
                    inline: "",
                    more: Vec::new(),
                    lines: (file_line, file_line),
                    span: (start, end),
                }),
            },
        }
        start = end;
    }
    out
}

fn header_shows(block: &Block<'_>, record: &Record) -> bool {
    let within = |line: usize| (block.lines.0..=block.lines.1).contains(&line);
    match block.key.as_str() {
        "status" => record.status.as_ref().is_some_and(|s| within(s.line)),
        "date" => record
            .date_text
            .as_deref()
            .is_some_and(|d| unquoted(d) == unquoted(block.inline)),
        "title" => record
            .title
            .as_deref()
            .is_some_and(|t| t == unquoted(block.inline)),
        "tags" => same_items(&items(block), &record.tags),
        "deciders" | "decision-makers" => same_items(&items(block), &record.deciders),
        "" => false,
        _ => {
            // A relation key (`supersedes: [0003-x.md]`): the header lists
            // it when every record it names was found.
            let mut named = record.links.iter().filter(|l| within(l.line)).peekable();
            named.peek().is_some() && named.all(|l| l.target.is_some())
        }
    }
}

fn unquoted(value: &str) -> &str {
    value.trim().trim_matches(['"', '\'']).trim()
}

/// The items of a list written inline (`[a, b]`, `a, b`) or as `- a` lines.
fn items(block: &Block<'_>) -> Vec<String> {
    let inline = block.inline.trim_start_matches('[').trim_end_matches(']');
    let mut out: Vec<String> = inline
        .split(',')
        .map(unquoted)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    out.extend(
        block
            .more
            .iter()
            .filter_map(|l| l.strip_prefix('-'))
            .map(unquoted)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
    );
    out
}

fn same_items(written: &[String], shown: &[String]) -> bool {
    if written.is_empty() || written.len() != shown.len() {
        return false;
    }
    let mut a: Vec<&str> = written.iter().map(String::as_str).collect();
    let mut b: Vec<&str> = shown.iter().map(String::as_str).collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn page_front_matter(text: &str) -> Option<String> {
        let record = Record::parse(PathBuf::from("0001-a.md"), "0001-a", text);
        let fm = record.front_matter.as_ref()?;
        unshown(fm, &record)
    }

    #[test]
    fn keys_the_header_states_are_not_repeated() {
        let text =
            "---\nstatus: accepted\ndate: 2024-06-06\ntags: [schema, queue]\n---\n# A\n\nBody.\n";
        assert_eq!(page_front_matter(text), None);
    }

    #[test]
    fn other_keys_stay_as_written() {
        let text = "---\nstatus: accepted\nconsulted:\n  - Ops team\n  - Security\ntags:\n- a\n- b\n---\n# A\n";
        assert_eq!(
            page_front_matter(text).as_deref(),
            Some("consulted:\n  - Ops team\n  - Security\n")
        );
    }

    #[test]
    fn a_status_read_from_elsewhere_is_kept() {
        let text = "---\nstatus: proposed\n---\n# A\n\n## Status\n\nAccepted\n";
        let mut record = Record::parse(PathBuf::from("0001-a.md"), "0001-a", text);
        let fm = record.front_matter.clone().expect("front matter");
        assert_eq!(unshown(&fm, &record), None);
        // As when the body's status line is the one read.
        if let Some(status) = record.status.as_mut() {
            status.line = 8;
        }
        assert_eq!(unshown(&fm, &record).as_deref(), Some("status: proposed\n"));
    }

    #[test]
    fn a_date_the_header_shows_another_way_stays() {
        let text = "---\ndate: sometime soon\nstatus: accepted\n---\n# A\n";
        assert_eq!(
            page_front_matter(text),
            None,
            "the header shows the text as written"
        );
        let mut record = Record::parse(PathBuf::from("0001-a.md"), "0001-a", text);
        record.date_text = Some("2024-01-01".into());
        let fm = record.front_matter.clone().expect("front matter");
        assert_eq!(
            unshown(&fm, &record).as_deref(),
            Some("date: sometime soon\n")
        );
    }

    #[test]
    fn a_relation_key_goes_only_when_its_records_were_found() {
        let text = "---\nstatus: accepted\nsupersedes: [0009-gone.md]\n---\n# A\n";
        assert_eq!(
            page_front_matter(text).as_deref(),
            Some("supersedes: [0009-gone.md]\n")
        );
    }
}
