//! Finishing touches on sanitised HTML, which html5ever serialised (so
//! every `<` in text is `&lt;` and tags are written one way): GitHub's
//! heading ids with a visible anchor, and wide blocks made focusable so
//! keyboard users can scroll them.
//!
//! Ids are added after ammonia, not before, so that only headings get an
//! unprefixed id: an id an author wrote in raw HTML keeps ammonia's
//! `user-content-` prefix and cannot clobber the page's own ids.

use std::collections::HashMap;

use super::escape_html;

/// Ids the page templates use; a heading that would take one gets `-1`.
pub(super) const RESERVED_IDS: &[&str] = &[
    "main",
    "contents",
    "search-input",
    "search-results",
    "search-note",
    "records",
    "filter-status",
    "filter-tag",
    "filter-text",
    "relations",
    "graph-zoom",
];

/// A heading of the document, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Adds ids and anchors to `<h1>`–`<h6>`, `tabindex="0"` to `<pre>` and
/// `<table>`; returns the HTML and its headings.
pub(super) fn finish(html: &str) -> (String, Vec<Heading>) {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> =
        RESERVED_IDS.iter().map(|id| (id.to_string(), 1)).collect();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(level) = heading_open(tail) {
            let close = format!("</h{level}>");
            let inner_end = tail.find(&close).unwrap_or(tail.len());
            let inner = &tail[4..inner_end];
            let text = text_of(inner);
            let id = unique(&mut used, &slug(&text));
            if inner.contains("<a ") || inner.contains("<a>") {
                // A link of its own: the anchor goes beside it (no link
                // inside a link).
                out.push_str(&format!(
                    "<h{level} id=\"{id}\">{inner} <a class=\"anchor\" href=\"#{id}\" aria-label=\"Permalink: {}\">#</a>",
                    escape_html(&text)
                ));
            } else {
                // The heading's words are its own permalink, named by them;
                // the stylesheet shows a `#` beside them.
                out.push_str(&format!(
                    "<h{level} id=\"{id}\"><a class=\"anchor\" href=\"#{id}\">{inner}</a>"
                ));
            }
            headings.push(Heading { level, id, text });
            rest = &tail[inner_end..];
            continue;
        }
        if let Some(tag) = ["<pre>", "<pre ", "<table>"]
            .iter()
            .find(|t| tail.starts_with(**t))
        {
            let name = tag.trim_start_matches('<').trim_end_matches(['>', ' ']);
            out.push_str(&format!("<{name} tabindex=\"0\""));
            rest = &tail[1 + name.len()..];
            continue;
        }
        out.push('<');
        rest = &tail[1..];
    }
    out.push_str(rest);
    (out, headings)
}

/// `<h2>` → 2 (ammonia leaves headings without attributes).
fn heading_open(tail: &str) -> Option<u8> {
    let b = tail.as_bytes();
    (b.len() >= 4 && b[1] == b'h' && (b'1'..=b'6').contains(&b[2]) && b[3] == b'>')
        .then(|| b[2] - b'0')
}

/// The text of serialised inline HTML: tags dropped, the five entities
/// html5ever writes decoded.
fn text_of(inner: &str) -> String {
    let mut text = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = rest[at..].find('>').map_or("", |e| &rest[at + e + 1..]);
    }
    text.push_str(rest);
    let decoded = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// GitHub's heading slug: lower case, spaces to `-`, punctuation dropped
/// (`Decision Outcome` → `decision-outcome`, `` `code` & more! `` →
/// `code--more`).
pub fn slug(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `base`, or `base-1`, `base-2`… once taken, as GitHub numbers repeats.
fn unique(used: &mut HashMap<String, usize>, base: &str) -> String {
    let base = if base.is_empty() { "section" } else { base };
    let mut n = used.get(base).copied().unwrap_or(0);
    let mut id = if n == 0 {
        base.to_string()
    } else {
        format!("{base}-{n}")
    };
    while n > 0 && used.contains_key(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(base.to_string(), n + 1);
    used.entry(id.clone()).or_insert(1);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_github_ids_and_anchors() {
        let (html, headings) = finish(
            "<h2>Decision Outcome</h2><h2>Decision Outcome</h2><h3><code>code</code> &amp; more!</h3><h2>Records</h2>",
        );
        let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "decision-outcome",
                "decision-outcome-1",
                "code--more",
                "records-1"
            ]
        );
        assert!(
            html.starts_with(
                "<h2 id=\"decision-outcome\"><a class=\"anchor\" href=\"#decision-outcome\">Decision Outcome</a></h2>"
            ),
            "{html}"
        );
        assert_eq!(headings[2].text, "code & more!");
        // A heading with a link keeps it, the anchor beside it.
        let (html, _) = finish("<h2>See <a href=\"x.html\">x</a></h2>");
        assert_eq!(
            html,
            "<h2 id=\"see-x\">See <a href=\"x.html\">x</a> <a class=\"anchor\" href=\"#see-x\" aria-label=\"Permalink: See x\">#</a></h2>"
        );
    }

    #[test]
    fn wide_blocks_are_focusable() {
        let (html, _) = finish(
            "<pre><code>x</code></pre><pre class=\"mermaid\">y</pre><table><tr></tr></table><p>&lt;pre&gt;</p>",
        );
        assert_eq!(
            html,
            "<pre tabindex=\"0\"><code>x</code></pre><pre tabindex=\"0\" class=\"mermaid\">y</pre><table tabindex=\"0\"><tr></tr></table><p>&lt;pre&gt;</p>"
        );
    }
}
