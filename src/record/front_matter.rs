//! Front matter: a YAML (`---`) or TOML (`+++`) block that starts on line 1.
//!
//! We split it ourselves rather than through pulldown-cmark, whose metadata
//! option also swallows a `---` block in the middle of a document.

use serde::Serialize;

use super::lines::lines;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// A front-matter block, kept exactly as written.
#[derive(Debug, Clone, Serialize)]
pub struct FrontMatter {
    pub kind: FrontMatterKind,
    /// The text between the delimiter lines, byte for byte.
    pub raw: String,
    /// 1-based line number of the first line of `raw`.
    #[serde(skip)]
    pub first_line: usize,
    /// Byte range of `raw` in the document.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// The result of looking for front matter at the top of `text`.
pub(crate) struct Split<'a> {
    pub front_matter: Option<FrontMatter>,
    /// The rest of the document.
    pub body: &'a str,
    /// Byte offset of `body` in `text`.
    pub body_offset: usize,
    /// 1-based line number of the first body line.
    pub body_first_line: usize,
    /// Set when a block opens on line 1 but never closes.
    pub unterminated: Option<FrontMatterKind>,
}

/// Splits off front matter when line 1 is exactly `---` or `+++`.
pub(crate) fn split(text: &str) -> Split<'_> {
    let no_front_matter = Split {
        front_matter: None,
        body: text,
        body_offset: 0,
        body_first_line: 1,
        unterminated: None,
    };
    let mut all = lines(text, 0, 1);
    let Some(first) = all.next() else {
        return no_front_matter;
    };
    let (kind, closers): (_, &[&str]) = match first.text.trim_end() {
        "---" => (FrontMatterKind::Yaml, &["---", "..."]),
        "+++" => (FrontMatterKind::Toml, &["+++"]),
        _ => return no_front_matter,
    };
    for line in all {
        if closers.contains(&line.text.trim_end()) {
            let span = (first.end, line.start);
            return Split {
                front_matter: Some(FrontMatter {
                    kind,
                    raw: text[span.0..span.1].to_string(),
                    first_line: 2,
                    span,
                }),
                body: &text[line.end..],
                body_offset: line.end,
                body_first_line: line.number + 1,
                unterminated: None,
            };
        }
    }
    Split {
        unterminated: Some(kind),
        ..no_front_matter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_is_split_and_kept() {
        let text = "---\nstatus: accepted\n---\n# Title\n";
        let split = split(text);
        let fm = split.front_matter.expect("front matter");
        assert_eq!(fm.kind, FrontMatterKind::Yaml);
        assert_eq!(fm.raw, "status: accepted\n");
        assert_eq!(split.body, "# Title\n");
        assert_eq!(split.body_first_line, 4);
    }

    #[test]
    fn toml_block() {
        let split = split("+++\ntitle = \"x\"\n+++\nbody");
        assert_eq!(
            split.front_matter.map(|f| f.kind),
            Some(FrontMatterKind::Toml)
        );
        assert_eq!(split.body, "body");
    }

    #[test]
    fn rule_later_in_document_is_not_front_matter() {
        let text = "# T\n\n---\nstatus: x\n---\n";
        assert!(split(text).front_matter.is_none());
    }

    #[test]
    fn unterminated_block_is_body() {
        let split = split("---\nstatus: x\n");
        assert!(split.front_matter.is_none());
        assert_eq!(split.unterminated, Some(FrontMatterKind::Yaml));
        assert_eq!(split.body_offset, 0);
    }

    #[test]
    fn crlf_delimiters() {
        let split = split("---\r\na: 1\r\n---\r\nbody\r\n");
        assert_eq!(split.front_matter.map(|f| f.raw), Some("a: 1\r\n".into()));
        assert_eq!(split.body, "body\r\n");
    }
}
