//! Markdown to safe HTML: pulldown-cmark renders, raw HTML that is not a
//! known tag is shown as text, links are rewritten by the caller, and
//! ammonia removes anything executable.

mod finish;
pub mod front_matter;
mod html_links;
pub mod metadata;
mod nesting;
mod sanitize;
pub mod title;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use finish::{Heading, slug};
pub use sanitize::{clean, escape_unknown_tags};
pub use title::inline;

/// What to do with one link or image destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Use it as written (ammonia still drops unsafe schemes).
    Keep,
    /// Use this URL instead.
    Replace(String),
    /// Nothing to point at: keep the link's text, drop the link.
    Drop,
}

/// Decides where each link of a document points.
pub trait LinkPolicy {
    fn link(&mut self, destination: &str) -> Destination;
    fn image(&mut self, destination: &str) -> Destination;
}

/// Options of one rendering.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Draw `mermaid` code blocks as diagrams (a script is on the page).
    pub mermaid: bool,
    /// Leave out the first level-1 heading (the page shows the title).
    pub skip_title: bool,
}

/// A rendered document.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// The words of the document, for search: one line per block
    /// (paragraph, heading, list item, table row).
    pub text: String,
    /// Its headings, in order, with their ids.
    pub headings: Vec<Heading>,
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders Markdown (without its front matter) to sanitised HTML.
pub fn render(markdown: &str, links: &mut dyn LinkPolicy, options: RenderOptions) -> Rendered {
    let markdown = nesting::limit_quotes(markdown);
    let mut text = String::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    // For each open link or image: was it dropped?
    let mut dropped: Vec<bool> = Vec::new();
    let mut in_mermaid: Option<String> = None;
    let mut skipping_title = false;
    let mut title_done = !options.skip_title;
    for event in Parser::new_ext(&markdown, parser_options()) {
        if skipping_title {
            if matches!(event, Event::End(TagEnd::Heading(HeadingLevel::H1))) {
                skipping_title = false;
            }
            continue;
        }
        if let Some(code) = in_mermaid.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html = format!("<pre class=\"mermaid\">{}</pre>\n", escape_html(code));
                    events.push(Event::Html(html.into()));
                    in_mermaid = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !title_done => {
                title_done = true;
                skipping_title = true;
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref lang)))
                if options.mermaid && lang.trim() == "mermaid" =>
            {
                in_mermaid = Some(String::new());
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match links.link(&dest_url) {
                Destination::Drop => dropped.push(true),
                other => {
                    dropped.push(false);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: replaced(dest_url, other),
                        title,
                        id,
                    }));
                }
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => match links.image(&dest_url) {
                Destination::Drop => dropped.push(true),
                other => {
                    dropped.push(false);
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: replaced(dest_url, other),
                        title,
                        id,
                    }));
                }
            },
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if !dropped.pop().unwrap_or(false) {
                    events.push(Event::End(end));
                }
            }
            Event::Html(html) => {
                let html = html_links::rewrite(&escape_unknown_tags(&html), links);
                events.push(Event::Html(html.into()));
            }
            Event::InlineHtml(html) => {
                let html = html_links::rewrite(&escape_unknown_tags(&html), links);
                events.push(Event::InlineHtml(html.into()));
            }
            Event::Text(t) => {
                text.push_str(&t);
                events.push(Event::Text(t));
            }
            Event::Code(c) => {
                text.push_str(&c);
                events.push(Event::Code(c));
            }
            other => {
                match &other {
                    Event::End(
                        TagEnd::Paragraph
                        | TagEnd::Heading(_)
                        | TagEnd::Item
                        | TagEnd::CodeBlock
                        | TagEnd::TableRow
                        | TagEnd::TableHead
                        | TagEnd::BlockQuote(_)
                        | TagEnd::FootnoteDefinition,
                    ) => text.push('\n'),
                    Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
                    _ => {}
                }
                events.push(other);
            }
        }
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let (html, headings) = finish::finish(&clean(&nesting::limit_tags(&html)));
    Rendered {
        html,
        text: blocks(&text),
        headings,
    }
}

/// One line per block, spaces collapsed, empty blocks dropped.
fn blocks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for block in text.split('\n') {
        let mut words = block.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, word) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

fn replaced<'a>(original: CowStr<'a>, destination: Destination) -> CowStr<'a> {
    match destination {
        Destination::Replace(url) => url.into(),
        _ => original,
    }
}

/// The words of a line of Markdown, without its markup:
/// `Superseded by [4. Use X](0004-x.md)` → `Superseded by 4. Use X`.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    // `[#2803][tracking-issue]` whose definition is elsewhere: its text.
    let mut keep_text =
        |_: pulldown_cmark::BrokenLink<'_>| Some((CowStr::from(""), CowStr::from("")));
    let parser =
        Parser::new_with_broken_link_callback(markdown, Options::empty(), Some(&mut keep_text));
    for event in parser {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// Escapes text for HTML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    // Writing into a String cannot fail.
    let _ = escape_html_into(&mut out, text);
    out
}

/// [`escape_html`], written into `out` a run of plain text at a time.
pub fn escape_html_into<W: std::fmt::Write + ?Sized>(out: &mut W, text: &str) -> std::fmt::Result {
    let mut rest = text;
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.write_str(&rest[..at])?;
        out.write_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct KeepAll;
    impl LinkPolicy for KeepAll {
        fn link(&mut self, _: &str) -> Destination {
            Destination::Keep
        }
        fn image(&mut self, _: &str) -> Destination {
            Destination::Keep
        }
    }

    struct Rewrite;
    impl LinkPolicy for Rewrite {
        fn link(&mut self, d: &str) -> Destination {
            match d {
                "0002-b.md" => Destination::Replace("0002-b.html".into()),
                "missing.md" => Destination::Drop,
                _ => Destination::Keep,
            }
        }
        fn image(&mut self, _: &str) -> Destination {
            Destination::Drop
        }
    }

    /// The insides of the tags of some HTML (escaped text is harmless).
    fn tags(html: &str) -> Vec<&str> {
        html.split('<')
            .skip(1)
            .filter_map(|t| t.split('>').next())
            .collect()
    }

    fn html(markdown: &str) -> String {
        render(markdown, &mut KeepAll, RenderOptions::default()).html
    }

    #[test]
    fn generics_and_jsx_are_shown() {
        let out = html("Use `IOptions<T>` and RejectMessage<TRequest> in <AdrTable rows={x} />.");
        assert!(out.contains("RejectMessage&lt;TRequest&gt;"), "{out}");
        assert!(out.contains("&lt;AdrTable"), "{out}");
        assert!(out.contains("<code>IOptions&lt;T&gt;</code>"), "{out}");
    }

    #[test]
    fn nothing_executable_survives() {
        for attack in [
            "<script>alert(1)</script>",
            "<ScRiPt>alert(1)</ScRiPt>",
            "<img src=x onerror=alert(1)>",
            "<IMG SRC=x OnError=alert(1)>",
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](&#x6A;avascript&#x3A;alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"&#106;&#97;vascript:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<details open ontoggle=alert(1)>x</details>",
            "![x](javascript:alert(1))",
            "<form action=javascript:alert(1)><button>x</button></form>",
            "<object data=javascript:alert(1)>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        ] {
            let out = html(attack).to_lowercase();
            for tag in tags(&out) {
                let name = tag.split_whitespace().next().unwrap_or("");
                assert!(
                    !["script", "iframe", "svg", "object", "form", "style", "math"].contains(&name),
                    "{attack} -> {out}"
                );
                assert!(!tag.contains("javascript:"), "{attack} -> {out}");
                assert!(!tag.contains(" on"), "{attack} -> {out}");
                assert!(!tag.contains("style="), "{attack} -> {out}");
            }
        }
    }

    #[test]
    fn safe_html_stays() {
        let out = html("a<br>b <sub>2</sub> <details><summary>More</summary>text</details>");
        assert!(
            out.contains("<br>") && out.contains("<sub>2</sub>") && out.contains("<summary>"),
            "{out}"
        );
    }

    #[test]
    fn task_lists_tables_and_code_classes() {
        let out = html(
            "- [x] done\n- [ ] todo\n\n| a | b |\n|:-:|---|\n| 1 | 2 |\n\n```rust\nfn x() {}\n```\n",
        );
        assert!(out.contains("type=\"checkbox\""), "{out}");
        assert!(out.contains("checked"), "{out}");
        assert!(out.contains("<table tabindex=\"0\">"), "{out}");
        assert!(out.contains("class=\"language-rust\""), "{out}");
    }

    #[test]
    fn links_are_rewritten_or_dropped() {
        let out = render(
            "# Title\n\nSee [b](0002-b.md), [gone](missing.md) and ![pic](x.png).",
            &mut Rewrite,
            RenderOptions {
                skip_title: true,
                ..RenderOptions::default()
            },
        );
        assert!(!out.html.contains("Title"), "{}", out.html);
        assert!(out.html.contains("href=\"0002-b.html\""), "{}", out.html);
        assert!(
            out.html.contains("gone") && !out.html.contains("missing.md"),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("pic") && !out.html.contains("<img"),
            "{}",
            out.html
        );
        assert!(out.text.contains("See b"), "{}", out.text);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("Superseded by [4. Use X](0004-x.md)"),
            "Superseded by 4. Use X"
        );
        assert_eq!(plain_text("`Rejected`"), "Rejected");
        assert_eq!(
            plain_text("Accepted. Tracking issue: [#2803][tracking-issue]."),
            "Accepted. Tracking issue: #2803."
        );
    }

    #[test]
    fn headings_get_ids() {
        let out = html("## Decision Outcome\n\n## Decision Outcome\n\n### `code` & more!");
        assert!(out.contains("<h2 id=\"decision-outcome\">"), "{out}");
        assert!(out.contains("<h2 id=\"decision-outcome-1\">"), "{out}");
        assert!(out.contains("<h3 id=\"code--more\">"), "{out}");
        // An id written in raw HTML keeps ammonia's prefix.
        let raw = html("<div id=\"search-input\">x</div>");
        assert!(raw.contains("id=\"user-content-search-input\""), "{raw}");
    }

    #[test]
    fn raw_html_links_follow_the_policy() {
        let out = render(
            "<a href=\"0002-b.md\">b</a> and <a href=\"missing.md\">gone</a>",
            &mut Rewrite,
            RenderOptions::default(),
        );
        assert!(out.html.contains("href=\"0002-b.html\""), "{}", out.html);
        assert!(!out.html.contains("missing.md"), "{}", out.html);
    }

    #[test]
    fn mermaid_blocks() {
        let md = "```mermaid\ngraph TD; A-->B;\n```\n";
        let plain = html(md);
        assert!(plain.contains("language-mermaid"), "{plain}");
        let drawn = render(
            md,
            &mut KeepAll,
            RenderOptions {
                mermaid: true,
                ..RenderOptions::default()
            },
        );
        assert!(
            drawn
                .html
                .contains("<pre tabindex=\"0\" class=\"mermaid\">graph TD; A--&gt;B;"),
            "{}",
            drawn.html
        );
    }
}
