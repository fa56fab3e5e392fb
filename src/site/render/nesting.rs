//! Bounds on nesting. An HTML parser checks the elements open around each
//! tag it meets, so a document nested 40,000 deep (`>>>>…`, `<div><div>…`)
//! takes time that grows with the square of its length. Markdown quoted
//! deeper than [`MAX_DEPTH`] levels keeps only that many, and HTML nested
//! deeper has its further tags shown as text: linear, and no real record
//! comes near either limit.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting rendered as such.
pub(super) const MAX_DEPTH: usize = 64;

/// `markdown` with no line quoted more than [`MAX_DEPTH`] levels deep.
pub(super) fn limit_quotes(markdown: &str) -> Cow<'_, str> {
    let deep = markdown
        .split('\n')
        .any(|line| quote_prefix(line).1 > MAX_DEPTH);
    if !deep {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    for (i, line) in markdown.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (prefix_len, markers) = quote_prefix(line);
        if markers > MAX_DEPTH {
            out.push_str(&">".repeat(MAX_DEPTH));
            out.push(' ');
            out.push_str(&line[prefix_len..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// The length of a line's quote markers (`>`, with the spaces between
/// them) and how many `>` it has.
fn quote_prefix(line: &str) -> (usize, usize) {
    let mut markers = 0;
    let mut len = 0;
    for b in line.bytes() {
        match b {
            b'>' => markers += 1,
            b' ' | b'\t' => {}
            _ => break,
        }
        len += 1;
    }
    (len, markers)
}

/// Elements that never hold others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` with no element nested more than [`MAX_DEPTH`] deep: deeper
/// start tags, and their end tags, become text.
pub(super) fn limit_tags(html: &str) -> Cow<'_, str> {
    if html.matches('<').count() <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut open: Vec<String> = Vec::new();
    // Start tags shown as text, by name, whose end tags are text too.
    let mut escaped: HashMap<String, usize> = HashMap::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(end) = tail.strip_prefix("<!--").and_then(|c| c.find("-->")) {
            let whole = 4 + end + 3;
            out.push_str(&tail[..whole]);
            rest = &tail[whole..];
            continue;
        }
        let closing = tail[1..].starts_with('/');
        let body = if closing { &tail[2..] } else { &tail[1..] };
        let name_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 {
            out.push('<');
            rest = &tail[1..];
            continue;
        }
        let name = body[..name_len].to_ascii_lowercase();
        let tag_end = tail.find('>').map_or(tail.len(), |e| e + 1);
        let self_closing = tail[..tag_end].ends_with("/>");
        let text = if closing {
            match escaped.get_mut(&name) {
                Some(n) if *n > 0 && open.last() != Some(&name) => {
                    *n -= 1;
                    true
                }
                _ => {
                    if let Some(i) = open.iter().rposition(|o| *o == name) {
                        open.truncate(i);
                    }
                    false
                }
            }
        } else if VOID.contains(&name.as_str()) || self_closing {
            false
        } else if open.len() >= MAX_DEPTH {
            *escaped.entry(name).or_default() += 1;
            true
        } else {
            open.push(name);
            false
        };
        out.push_str(if text { "&lt;" } else { "<" });
        rest = &tail[1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_documents_are_untouched() {
        let text = "> a\n>> b\n\n<div><p>x</p></div>";
        assert!(matches!(limit_quotes(text), Cow::Borrowed(_)));
        assert!(matches!(limit_tags(text), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_quotes_keep_the_limit() {
        let deep = format!("{}x", ">".repeat(1000));
        let limited = limit_quotes(&deep);
        assert_eq!(limited, format!("{} x", ">".repeat(MAX_DEPTH)));
    }

    #[test]
    fn deep_tags_become_text() {
        let deep = format!("{}x{}", "<div>".repeat(100), "</div>".repeat(100));
        let limited = limit_tags(&deep);
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert_eq!(limited.matches("&lt;div>").count(), 100 - MAX_DEPTH);
        let elements = "<p>a<br>b</p>".repeat(100);
        assert_eq!(limit_tags(&elements), elements);
    }
}
