//! The HTML policy: known tags pass to ammonia, which strips what is
//! unsafe; anything else that looks like a tag is shown as text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Tags an ADR may use as HTML. Others (`<TRequest>`, `<AdrTable>`,
/// `<script>`) are escaped and shown as written.
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Escapes `<` of anything that is not an allowed tag or a comment.
pub fn escape_unknown_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 8);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("<!--") || is_allowed_tag(tail) {
            out.push('<');
        } else {
            out.push_str("&lt;");
        }
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// `<name …` or `</name …` with `name` allowed (case-insensitive).
fn is_allowed_tag(tail: &str) -> bool {
    let body = tail[1..].strip_prefix('/').unwrap_or(&tail[1..]);
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    if name_len == 0 {
        return false;
    }
    let after = body.as_bytes().get(name_len).copied();
    let ends_name = matches!(
        after,
        None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>')
    );
    ends_name && ALLOWED_TAGS.contains(&body[..name_len].to_ascii_lowercase().as_str())
}

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.tags(ALLOWED_TAGS.iter().copied().collect::<HashSet<_>>())
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("pre", ["class"])
            .add_tag_attributes("div", ["class", "id"])
            .add_tag_attributes("sup", ["class"])
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("img", ["width", "height"])
            .add_tag_attributes("h1", ["id"])
            .add_tag_attributes("h2", ["id"])
            .add_tag_attributes("h3", ["id"])
            .add_tag_attributes("h4", ["id"])
            .add_tag_attributes("h5", ["id"])
            .add_tag_attributes("h6", ["id"])
            .id_prefix(Some("user-content-"))
            .attribute_filter(|element, attribute, value| {
                keep_attribute(element, attribute, value)
            });
        b
    })
}

/// Classes and styles that pulldown-cmark writes, and nothing else.
fn keep_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    match (element, attribute) {
        ("code", "class") => value
            .starts_with("language-")
            .then(|| value.split_whitespace().next().unwrap_or(value))
            .filter(|v| {
                v[9..]
                    .chars()
                    .all(|c| c.is_alphanumeric() || "+-_#.".contains(c))
            })
            .map(Cow::Borrowed),
        ("pre", "class") => (value == "mermaid").then_some(Cow::Borrowed(value)),
        ("div" | "sup" | "span", "class") => value
            .starts_with("footnote-")
            .then_some(Cow::Borrowed(value)),
        ("th" | "td", "style") => matches!(
            value,
            "text-align: left" | "text-align: center" | "text-align: right"
        )
        .then_some(Cow::Borrowed(value)),
        ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Sanitises rendered HTML.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tags_are_escaped() {
        assert_eq!(escape_unknown_tags("<TRequest>"), "&lt;TRequest>");
        assert_eq!(
            escape_unknown_tags("<script>x</script>"),
            "&lt;script>x&lt;/script>"
        );
        assert_eq!(escape_unknown_tags("<br/><B>x</B>"), "<br/><B>x</B>");
        assert_eq!(escape_unknown_tags("<!-- note -->"), "<!-- note -->");
        assert_eq!(escape_unknown_tags("<bogus-tag>"), "&lt;bogus-tag>");
        assert_eq!(escape_unknown_tags("a < b"), "a &lt; b");
    }

    #[test]
    fn attributes_are_filtered() {
        assert_eq!(
            clean("<code class=\"language-rust evil\">x</code>"),
            "<code class=\"language-rust\">x</code>"
        );
        assert_eq!(clean("<pre class=\"evil\">x</pre>"), "<pre>x</pre>");
        assert_eq!(
            clean("<table><tr><td style=\"background:url(x)\">x</td></tr></table>"),
            "<table><tbody><tr><td>x</td></tr></tbody></table>"
        );
    }
}
