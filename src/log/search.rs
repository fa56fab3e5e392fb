//! Finding records by the words they hold, as `adr search` and the MCP
//! `search_records` tool do.

use serde::Serialize;

use crate::record::{Filter, Record};

use super::Log;

/// A longer line is cut to this many characters around its first match
/// by [`excerpt`].
const MAX_LINE_CHARS: usize = 300;

/// A record that holds every word of the query.
#[derive(Debug, Serialize)]
pub(crate) struct Hit {
    /// The record's index in the log.
    #[serde(skip)]
    pub index: usize,
    /// A word of the query is in the title.
    pub title_matches: bool,
    /// The lines that hold a word, in file order (at most the number
    /// asked for).
    pub lines: Vec<LineMatch>,
    /// Matching lines left out beyond those.
    pub more_lines: usize,
}

/// One line of a record that holds a searched word.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub(crate) struct LineMatch {
    /// 1-based, in the file.
    pub line: usize,
    /// The line as written.
    pub text: String,
    /// Where the first searched word starts in it, in characters.
    #[serde(skip)]
    pub at: usize,
}

/// The query's words, lower-cased.
pub(crate) fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// The records `filter` keeps whose title or text holds every word
/// (case-insensitively), in log order, with at most `max_lines` matching
/// lines each. No words find nothing.
pub(crate) fn search(
    log: &Log<'_>,
    words: &[String],
    filter: &Filter,
    max_lines: usize,
) -> Vec<Hit> {
    log.entries()
        .filter(|e| filter.keeps(e.record))
        .filter_map(|e| {
            let mut hit = search_one(e.record, e.text, words, max_lines)?;
            hit.index = e.index;
            Some(hit)
        })
        .collect()
}

/// The hit of one record, when it holds every word.
fn search_one(
    record: &Record,
    text: Option<&str>,
    words: &[String],
    max_lines: usize,
) -> Option<Hit> {
    if words.is_empty() {
        return None;
    }
    let title = record.display_title();
    let text = text.unwrap_or_default();
    let whole = format!("{title}\n{text}").to_lowercase();
    if !words.iter().all(|w| whole.contains(w.as_str())) {
        return None;
    }
    let title_lower = title.to_lowercase();
    let mut hit = Hit {
        index: 0,
        title_matches: words.iter().any(|w| title_lower.contains(w.as_str())),
        lines: Vec::new(),
        more_lines: 0,
    };
    for (i, line) in text.lines().enumerate() {
        let lower = line.to_lowercase();
        let Some(at) = words.iter().filter_map(|w| lower.find(w.as_str())).min() else {
            continue;
        };
        if hit.lines.len() == max_lines {
            hit.more_lines += 1;
            continue;
        }
        hit.lines.push(LineMatch {
            line: i + 1,
            text: line.to_string(),
            at: lower[..at].chars().count(),
        });
    }
    Some(hit)
}

/// The line, or the part of a long one around character `at`, marked
/// with `…` where cut.
pub(crate) fn excerpt(line: &str, at: usize) -> String {
    let count = line.chars().count();
    if count <= MAX_LINE_CHARS {
        return line.to_string();
    }
    let start = at
        .saturating_sub(MAX_LINE_CHARS / 4)
        .min(count - MAX_LINE_CHARS);
    let end = start + MAX_LINE_CHARS;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(line.chars().skip(start).take(MAX_LINE_CHARS));
    if end < count {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const TEXT: &str = "# 2. Use PostgreSQL\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n\
                        ## Context\n\nWe need a database.\nReplication of the DATABASE matters.\n";

    #[test]
    fn every_word_must_be_in_the_record() {
        let r = Record::parse(PathBuf::from("doc/adr/0002-use-x.md"), "0002-use-x", TEXT);
        let find = |q: &str, max| search_one(&r, Some(TEXT), &words(q), max);
        assert!(find("database nothing-here", 9).is_none());
        let hit = find("Database replication", 9).expect("a hit");
        let lines: Vec<_> = hit
            .lines
            .iter()
            .map(|l| (l.line, l.text.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (11, "We need a database."),
                (12, "Replication of the DATABASE matters.")
            ]
        );
        assert!(!hit.title_matches);
        assert!(find("postgresql", 9).expect("title hit").title_matches);
        let one = find("database", 1).expect("a hit");
        assert_eq!((one.lines.len(), one.more_lines), (1, 1));
        assert!(find("", 9).is_none(), "no words find nothing");
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let line = format!("{}needle{}", "a".repeat(400), "b".repeat(400));
        let cut = excerpt(&line, 400);
        assert!(cut.starts_with('…') && cut.ends_with('…'), "{cut}");
        assert!(cut.contains("needle"));
        assert_eq!(cut.chars().count(), MAX_LINE_CHARS + 2);
        assert_eq!(excerpt("short", 0), "short");
    }
}
