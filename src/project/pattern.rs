//! How new file names and titles are written: a small pattern language
//! shared by `.adr.toml` (`[new] name`, `[new] heading`) and what `adr`
//! infers from the records a folder already has.
//!
//! | placeholder        | gives                                                |
//! |--------------------|------------------------------------------------------|
//! | `{number}`         | the record's number (`7`)                            |
//! | `{number:4}`       | the number zero-padded to 4 digits (`0007`)          |
//! | `{date}`           | the date, `YYYY-MM-DD`                               |
//! | `{date:%Y%m%d}`    | the date in a format of `%Y %m %d %H %M %S`          |
//! | `{slug}`           | the title in lower case, words joined by `-`         |
//! | `{slug:_}`         | … joined by `_`                                      |
//! | `{Slug}`, `{Slug:_}` | the title's own capitals kept (`Use-AWS-hosted-x`) |
//! | `{title}`          | the title as typed (headings only)                   |
//!
//! `{{` and `}}` are literal braces.

use std::fmt;

use crate::record::slug;

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Piece {
    Text(String),
    /// Zero-padded to `width` digits (0: as is).
    Number {
        width: usize,
    },
    /// A `chrono` format made of `%Y %m %d %H %M %S` and literals.
    Date {
        format: String,
    },
    Slug {
        separator: char,
        keep_case: bool,
    },
    Title,
}

/// A parsed pattern. Ordered by its pieces: only to count votes for
/// one, where the order does not matter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pattern {
    pub pieces: Vec<Piece>,
}

/// What a pattern is filled with.
#[derive(Debug, Clone)]
pub struct Values<'a> {
    pub number: u32,
    pub title: &'a str,
    /// `YYYY-MM-DD`, and the time for `%H%M%S`.
    pub date: chrono::NaiveDateTime,
    /// Non-Latin letters kept in slugs (`[new] slug = "unicode"`).
    pub unicode: bool,
}

/// adr-tools' file names: `0007-use-x.md`.
pub(crate) fn adr_tools_name() -> Pattern {
    Pattern {
        pieces: vec![
            Piece::Number { width: 4 },
            Piece::Text("-".into()),
            Piece::Slug {
                separator: '-',
                keep_case: false,
            },
            Piece::Text(".md".into()),
        ],
    }
}

/// adr-tools' titles: `7. Use X`.
pub(crate) fn adr_tools_heading() -> Pattern {
    Pattern {
        pieces: vec![
            Piece::Number { width: 0 },
            Piece::Text(". ".into()),
            Piece::Title,
        ],
    }
}

const DATE_CODES: &[char] = &['Y', 'm', 'd', 'H', 'M', 'S'];

impl Pattern {
    /// Reads a pattern; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '}' => return Err("a `}` without its `{` (write `}}` for a brace)".into()),
                '{' => {
                    let mut inner = String::new();
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some(c) => inner.push(c),
                            None => return Err(format!("`{{{inner}` is not closed")),
                        }
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(placeholder(&inner)?);
                }
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Ok(Self { pieces })
    }

    /// Checks a pattern for file names: it makes names unique enough, ends
    /// in `.md` (or `/README.md` for a folder per record), stays in the
    /// folder.
    pub fn check_name(&self) -> Result<(), String> {
        let unique = self.pieces.iter().any(|p| {
            matches!(
                p,
                Piece::Number { .. } | Piece::Slug { .. } | Piece::Date { .. }
            )
        });
        if !unique {
            return Err("needs {number}, {date} or {slug}".into());
        }
        if self.pieces.contains(&Piece::Title) {
            return Err("{title} is for headings; use {slug} or {Slug} in names".into());
        }
        let text: String = self
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        if text.contains('\\') || text.contains("..") || text.starts_with('/') {
            return Err("must name a file inside the ADR folder".into());
        }
        let slashes = text.matches('/').count();
        let ends = match self.pieces.last() {
            Some(Piece::Text(t)) => t.clone(),
            _ => String::new(),
        };
        let file = ends.eq_ignore_ascii_case(".md") || ends.ends_with(".md");
        let folder = ends.ends_with("/README.md") && slashes == 1;
        if !(folder || (file && slashes == 0)) {
            return Err("must end in .md, or in /README.md for a folder per record".into());
        }
        Ok(())
    }

    /// Checks a pattern for headings: it has the title.
    pub fn check_heading(&self) -> Result<(), String> {
        if !self.pieces.contains(&Piece::Title) {
            return Err("needs {title}".into());
        }
        if self.pieces.iter().any(|p| matches!(p, Piece::Slug { .. })) {
            return Err("{slug} is for file names; use {title}".into());
        }
        Ok(())
    }

    /// Whether a name made by this pattern holds a number.
    pub fn numbered(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Number { .. }))
    }

    /// The text for these values. An empty slug is possible (a title of
    /// punctuation only); callers refuse it before.
    pub fn render(&self, values: &Values<'_>) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Number { width } => {
                    out.push_str(&format!("{:0width$}", values.number, width = *width));
                }
                Piece::Date { format } => {
                    out.push_str(&values.date.format(format).to_string());
                }
                Piece::Slug {
                    separator,
                    keep_case,
                } => out.push_str(&make_slug(
                    values.title,
                    values.unicode,
                    *separator,
                    *keep_case,
                )),
                Piece::Title => out.push_str(values.title),
            }
        }
        out
    }
}

impl fmt::Display for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => f.write_str(&t.replace('{', "{{").replace('}', "}}"))?,
                Piece::Number { width: 0 } => f.write_str("{number}")?,
                Piece::Number { width } => write!(f, "{{number:{width}}}")?,
                Piece::Date { format } if format == "%Y-%m-%d" => f.write_str("{date}")?,
                Piece::Date { format } => write!(f, "{{date:{format}}}")?,
                Piece::Slug {
                    separator,
                    keep_case,
                } => {
                    let name = if *keep_case { "Slug" } else { "slug" };
                    if *separator == '-' {
                        write!(f, "{{{name}}}")?;
                    } else {
                        write!(f, "{{{name}:{separator}}}")?;
                    }
                }
                Piece::Title => f.write_str("{title}")?,
            }
        }
        Ok(())
    }
}

fn placeholder(inner: &str) -> Result<Piece, String> {
    let (name, argument) = match inner.split_once(':') {
        Some((n, a)) => (n, Some(a)),
        None => (inner, None),
    };
    match (name, argument) {
        ("number", None) => Ok(Piece::Number { width: 0 }),
        ("number", Some(w)) => w
            .parse::<usize>()
            .ok()
            .filter(|w| (1..=9).contains(w))
            .map(|width| Piece::Number { width })
            .ok_or_else(|| format!("`{{number:{w}}}`: the width is a number from 1 to 9")),
        ("date", None) => Ok(Piece::Date {
            format: "%Y-%m-%d".into(),
        }),
        ("date", Some(format)) => {
            let mut codes = format.split('%').skip(1);
            let valid = !format.is_empty()
                && codes.all(|c| c.chars().next().is_some_and(|c| DATE_CODES.contains(&c)));
            if valid {
                Ok(Piece::Date {
                    format: format.to_string(),
                })
            } else {
                Err(format!(
                    "`{{date:{format}}}`: use %Y, %m, %d, %H, %M and %S only"
                ))
            }
        }
        ("slug" | "Slug", separator) => {
            let separator = match separator {
                None | Some("-") => '-',
                Some("_") => '_',
                Some(other) => {
                    return Err(format!("`{{{name}:{other}}}`: the separator is - or _"));
                }
            };
            Ok(Piece::Slug {
                separator,
                keep_case: name == "Slug",
            })
        }
        ("title", None) => Ok(Piece::Title),
        _ => Err(format!(
            "unknown placeholder `{{{inner}}}`; known: {{number}}, {{number:4}}, {{date}}, {{date:%Y%m%d}}, {{slug}}, {{slug:_}}, {{Slug}}, {{title}}"
        )),
    }
}

/// A slug: adr-tools' exactly for lower case joined by `-`; otherwise the
/// same words, joined by `separator`, capitals kept when asked.
pub(crate) fn make_slug(title: &str, unicode: bool, separator: char, keep_case: bool) -> String {
    if !keep_case {
        let lower = if unicode {
            slug::slugify_unicode(title)
        } else {
            slug::slugify(title)
        };
        return if separator == '-' {
            lower
        } else {
            lower.replace('-', &separator.to_string())
        };
    }
    let source = if unicode {
        title.to_string()
    } else {
        deunicode::deunicode(title)
    };
    let words: Vec<&str> = source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > 200 {
            break;
        }
        if !slug.is_empty() {
            slug.push(separator);
        }
        slug.push_str(word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(title: &str) -> Values<'_> {
        Values {
            number: 7,
            title,
            date: chrono::NaiveDate::from_ymd_opt(2024, 5, 9)
                .and_then(|d| d.and_hms_opt(16, 26, 4))
                .expect("date"),
            unicode: false,
        }
    }

    #[test]
    fn round_trips() {
        for text in [
            "{number:4}-{slug}.md",
            "adr-{number:3}-{slug}.md",
            "ADR{number:3}-{slug}.md",
            "ADR-{number:3}_{Slug:_}.md",
            "{date:%Y%m%d}-{slug}.md",
            "{date}-{slug}/README.md",
            "adr-{number:2}.md",
            "{number}. {title}",
            "ADR {number}: {title}",
            "{{x}} {title}",
        ] {
            let pattern = Pattern::parse(text).expect(text);
            assert_eq!(pattern.to_string(), text);
        }
        assert_eq!(adr_tools_name().to_string(), "{number:4}-{slug}.md");
        assert_eq!(adr_tools_heading().to_string(), "{number}. {title}");
    }

    #[test]
    fn renders() {
        let v = values("Use AWS hosted Elasticsearch!");
        let render = |p: &str| Pattern::parse(p).expect(p).render(&v);
        assert_eq!(
            render("{number:4}-{slug}.md"),
            "0007-use-aws-hosted-elasticsearch.md"
        );
        assert_eq!(
            render("{number:3}-{Slug}.md"),
            "007-Use-AWS-hosted-Elasticsearch.md"
        );
        assert_eq!(
            render("ADR-{number:3}_{Slug:_}.md"),
            "ADR-007_Use_AWS_hosted_Elasticsearch.md"
        );
        assert_eq!(
            render("{date:%Y%m%d%H%M%S}-{slug}.md"),
            "20240509162604-use-aws-hosted-elasticsearch.md"
        );
        assert_eq!(
            render("ADR {number}: {title}"),
            "ADR 7: Use AWS hosted Elasticsearch!"
        );
    }

    #[test]
    fn refuses() {
        assert!(Pattern::parse("{nmber}").is_err());
        assert!(Pattern::parse("{number:x}").is_err());
        assert!(Pattern::parse("{date:%Q}").is_err());
        assert!(Pattern::parse("{slug").is_err());
        assert!(Pattern::parse("a}").is_err());
        let name = |p: &str| Pattern::parse(p).expect(p).check_name();
        assert!(name("{number}-{slug}.md").is_ok());
        assert!(name("{date}-{slug}/README.md").is_ok());
        assert!(name("x.md").is_err());
        assert!(name("../{slug}.md").is_err());
        assert!(name("{slug}.txt").is_err());
        assert!(name("a/b/{slug}.md").is_err());
        assert!(name("{title}.md").is_err());
        let heading = |p: &str| Pattern::parse(p).expect(p).check_heading();
        assert!(heading("{number}. {title}").is_ok());
        assert!(heading("{number}").is_err());
    }
}
