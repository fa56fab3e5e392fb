//! Links written as raw HTML (`<a href>`, `<img src>`) follow the same
//! policy as Markdown links: rewritten, or dropped when they lead nowhere.

use super::{Destination, LinkPolicy};

/// Applies `links` to the `href` of `<a>` tags and the `src` of `<img>`
/// tags in a piece of raw HTML. Other tags pass unchanged; the sanitiser
/// runs afterwards in any case.
pub(super) fn rewrite(html: &str, links: &mut dyn LinkPolicy) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        let Some(close) = tag_end(tail) else {
            out.push_str(tail);
            return out;
        };
        let tag = &tail[..=close];
        out.push_str(&rewrite_tag(tag, links));
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The index of the `>` that ends the tag starting at `tail[0]`, outside
/// quoted attribute values.
fn tag_end(tail: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in tail.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn rewrite_tag(tag: &str, links: &mut dyn LinkPolicy) -> String {
    let name: String = tag[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let attribute = match name.as_str() {
        "a" => "href",
        "img" => "src",
        _ => return tag.to_string(),
    };
    let Some((start, end, value)) = find_attribute(tag, attribute) else {
        return tag.to_string();
    };
    let decision = if name == "a" {
        links.link(&value)
    } else {
        links.image(&value)
    };
    match decision {
        Destination::Keep => tag.to_string(),
        Destination::Replace(url) => format!(
            "{}{attribute}=\"{}\"{}",
            &tag[..start],
            url.replace('"', "%22"),
            &tag[end..]
        ),
        Destination::Drop => format!("{}{}", &tag[..start], &tag[end..]),
    }
}

/// The byte range of `name=value` in a tag, and the value unquoted.
fn find_attribute(tag: &str, name: &str) -> Option<(usize, usize, String)> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(name) {
        let start = from + found;
        from = start + name.len();
        let before_ok = lower[..start].ends_with(|c: char| c.is_whitespace());
        let after = lower[from..].trim_start();
        if !before_ok || !after.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - tag[from..].trim_start().len() + 1;
        let value_part = &tag[value_start..];
        let skipped = value_part.len() - value_part.trim_start().len();
        let value_start = value_start + skipped;
        let value_part = &tag[value_start..];
        let (value, len) = match value_part.chars().next()? {
            q @ ('"' | '\'') => {
                let close = value_part[1..].find(q)?;
                (value_part[1..=close].to_string(), close + 2)
            }
            _ => {
                let len = value_part
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value_part.len());
                (value_part[..len].to_string(), len)
            }
        };
        return Some((start, value_start + len, value));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Policy;
    impl LinkPolicy for Policy {
        fn link(&mut self, d: &str) -> Destination {
            match d {
                "0003-x.md" => Destination::Replace("0003-x.html".into()),
                "gone.md" => Destination::Drop,
                _ => Destination::Keep,
            }
        }
        fn image(&mut self, d: &str) -> Destination {
            match d {
                "img/a.png" => Destination::Replace("img/a.png".into()),
                _ => Destination::Drop,
            }
        }
    }

    #[test]
    fn tags_are_rewritten() {
        assert_eq!(
            rewrite("<a href=\"0003-x.md\">x</a>", &mut Policy),
            "<a href=\"0003-x.html\">x</a>"
        );
        assert_eq!(
            rewrite("<A HREF='gone.md' title=\"t\">x</A>", &mut Policy),
            "<A  title=\"t\">x</A>"
        );
        assert_eq!(
            rewrite("<img alt=\"a\" src=img/a.png>", &mut Policy),
            "<img alt=\"a\" src=\"img/a.png\">"
        );
        assert_eq!(
            rewrite("<img src=\"missing.png\" alt=\"m\">", &mut Policy),
            "<img  alt=\"m\">"
        );
        assert_eq!(
            rewrite("<b data-href=\"x\">b</b>", &mut Policy),
            "<b data-href=\"x\">b</b>"
        );
        assert_eq!(
            rewrite("<a title=\"a>b\" href=\"https://e.com\">", &mut Policy),
            "<a title=\"a>b\" href=\"https://e.com\">"
        );
        assert_eq!(rewrite("text < more", &mut Policy), "text < more");
    }
}
