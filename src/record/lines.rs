//! Splitting a document into lines that remember where they are, and
//! recognising the few Markdown block constructs the reader cares about.

/// One line of a document, without its line ending.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the whole file (front matter included).
    pub number: usize,
    /// Byte offset of the line's first byte in the text.
    pub start: usize,
    /// The line without `\n` or `\r\n`.
    pub text: &'a str,
    /// Byte offset just past the line ending (the next line's start).
    pub end: usize,
}

/// Iterates over the lines of `text`, numbering from `first_number`.
pub(crate) fn lines(
    text: &str,
    offset: usize,
    first_number: usize,
) -> impl Iterator<Item = Line<'_>> {
    let mut pos = 0;
    let mut number = first_number;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (raw_len, full_len) = match rest.find('\n') {
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        let raw = &rest[..raw_len];
        let line = Line {
            number,
            start: offset + pos,
            text: raw.strip_suffix('\r').unwrap_or(raw),
            end: offset + pos + full_len,
        };
        pos += full_len;
        number += 1;
        Some(line)
    })
}

/// An ATX heading: its level and its text without the `#` marks.
pub(crate) fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let trimmed = strip_indent(line)?;
    let level = trimmed.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &trimmed[level..];
    // A no-break space after the marks is not CommonMark, but people type
    // it (guardian's `##\u{a0}Status`) and mean a heading.
    if !rest.is_empty() && !rest.starts_with([' ', '\t', '\u{a0}']) {
        return None;
    }
    let text = rest.trim();
    // A closing sequence of `#` is decoration, unless it is the whole text.
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.ends_with([' ', '\t']) || without_closing.is_empty() {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// Up to three spaces of indentation are allowed before a block marker.
fn strip_indent(line: &str) -> Option<&str> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (spaces <= 3).then(|| &line[spaces..])
}

/// Tracks fenced code blocks so that look-alikes inside them are body text.
#[derive(Debug, Default)]
pub(crate) struct Fence {
    open: Option<(u8, usize)>,
}

impl Fence {
    /// Feeds one line; returns true when the line is part of a fenced block
    /// (its opening and closing lines included).
    pub(crate) fn is_code(&mut self, line: &str) -> bool {
        let Some(trimmed) = strip_indent(line) else {
            return self.open.is_some();
        };
        let marker = trimmed.bytes().next();
        let run = |c: u8| trimmed.bytes().take_while(|&b| b == c).count();
        match (self.open, marker) {
            (Some((c, len)), Some(m)) if m == c => {
                let n = run(c);
                if n >= len && trimmed[n..].trim().is_empty() {
                    self.open = None;
                }
                true
            }
            (Some(_), _) => true,
            (None, Some(m @ (b'`' | b'~'))) => {
                let n = run(m);
                // A backtick fence's info string cannot contain a backtick.
                if n >= 3 && !(m == b'`' && trimmed[n..].contains('`')) {
                    self.open = Some((m, n));
                    true
                } else {
                    false
                }
            }
            (None, _) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_strip_crlf_and_keep_offsets() {
        let text = "a\r\nbb\nc";
        let all: Vec<_> = lines(text, 0, 1).collect();
        assert_eq!(all.len(), 3);
        assert_eq!(all[0].text, "a");
        assert_eq!(all[1].text, "bb");
        assert_eq!(all[1].start, 3);
        assert_eq!(all[2].number, 3);
        assert_eq!(all[2].end, text.len());
    }

    #[test]
    fn headings() {
        assert_eq!(atx_heading("# 1. Title"), Some((1, "1. Title")));
        assert_eq!(atx_heading("## Status ##"), Some((2, "Status")));
        assert_eq!(atx_heading("#25. No space"), None);
        assert_eq!(atx_heading("    # indented code"), None);
        assert_eq!(atx_heading("##"), Some((2, "")));
        assert_eq!(atx_heading("# C#"), Some((1, "C#")));
        assert_eq!(atx_heading("##\u{a0}Status"), Some((2, "Status")));
    }

    #[test]
    fn fences() {
        let mut fence = Fence::default();
        let doc = ["text", "```markdown", "## Status", "```", "after"];
        let code: Vec<bool> = doc.iter().map(|l| fence.is_code(l)).collect();
        assert_eq!(code, [false, true, true, true, false]);
    }

    #[test]
    fn longer_fence_needs_longer_close() {
        let mut fence = Fence::default();
        let doc = ["````", "```", "still code", "````", "text"];
        let code: Vec<bool> = doc.iter().map(|l| fence.is_code(l)).collect();
        assert_eq!(code, [true, true, true, true, false]);
    }
}
