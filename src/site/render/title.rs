//! A title's inline Markdown (`code`, *emphasis*, **strong**, ~~struck~~)
//! as HTML, and as plain words for places that take text only.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::escape_html;

/// A title, rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// Safe HTML: only `<code>`, `<em>`, `<strong>` and `<del>` are made;
    /// everything else, raw HTML included, is escaped text.
    pub html: String,
    /// The words without markup.
    pub plain: String,
}

/// Renders one line of inline Markdown. Links keep their text; images
/// their alt text.
pub fn inline(markdown: &str) -> Inline {
    // Most titles hold no Markdown at all: no need to parse them.
    if !markdown.contains(['`', '*', '_', '~', '<', '>', '&', '[', '\\', '!', '\n']) {
        let plain = markdown.trim();
        return Inline {
            html: escape_html(plain),
            plain: plain.to_string(),
        };
    }
    let mut out = Inline::default();
    // Block syntax at the start of a title (`1. Use X`, `# X`, `- X`) is
    // text here: escape what would open a block.
    let escaped = escape_block_start(markdown);
    for event in Parser::new_ext(&escaped, pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(t) => {
                out.html.push_str(&escape_html(&t));
                out.plain.push_str(&t);
            }
            Event::Code(c) => {
                out.html.push_str("<code>");
                out.html.push_str(&escape_html(&c));
                out.html.push_str("</code>");
                out.plain.push_str(&c);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                out.html.push_str(&escape_html(&h));
                out.plain.push_str(&h);
            }
            Event::SoftBreak | Event::HardBreak => {
                out.html.push(' ');
                out.plain.push(' ');
            }
            Event::Start(Tag::Emphasis) => out.html.push_str("<em>"),
            Event::End(TagEnd::Emphasis) => out.html.push_str("</em>"),
            Event::Start(Tag::Strong) => out.html.push_str("<strong>"),
            Event::End(TagEnd::Strong) => out.html.push_str("</strong>"),
            Event::Start(Tag::Strikethrough) => out.html.push_str("<del>"),
            Event::End(TagEnd::Strikethrough) => out.html.push_str("</del>"),
            _ => {}
        }
    }
    out.html = out.html.trim().to_string();
    out.plain = out.plain.trim().to_string();
    out
}

/// `1. X` → `1\. X`, `# X` → `\# X`, `- X` → `\- X`, `> X` → `\> X`.
fn escape_block_start(text: &str) -> String {
    let trimmed = text.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &trimmed[..digits], &trimmed[digits..]);
    }
    if trimmed.starts_with(['#', '-', '+', '*', '>', '=']) && !trimmed.starts_with("**") {
        return format!("\\{trimmed}");
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_and_emphasis_render() {
        let t = inline("3. Use `serde` for *most* **things**");
        assert_eq!(
            t.html,
            "3. Use <code>serde</code> for <em>most</em> <strong>things</strong>"
        );
        assert_eq!(t.plain, "3. Use serde for most things");
    }

    #[test]
    fn html_is_text() {
        let t = inline("Title <script>alert(\"t\")</script> & <svg onload=x>");
        assert!(
            !t.html.contains('<') || !t.html.contains("<script"),
            "{}",
            t.html
        );
        assert!(
            t.html.contains("&lt;script&gt;alert(&quot;t&quot;)"),
            "{}",
            t.html
        );
        assert_eq!(
            t.plain,
            "Title <script>alert(\"t\")</script> & <svg onload=x>"
        );
    }

    #[test]
    fn block_starts_stay_text() {
        assert_eq!(inline("1. Record").plain, "1. Record");
        assert_eq!(inline("- dash").plain, "- dash");
        assert_eq!(inline("# hash").plain, "# hash");
        assert_eq!(inline("[a](b.md) c").plain, "a c");
    }
}
