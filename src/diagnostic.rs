//! One kind of diagnostic for everything `adr` reports about a file, and
//! one way to print where it is: `path:line:col: severity: message`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file, or part of it, could not be read or is invalid.
    Error,
    /// Something was read but not understood, or looks wrong.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where in the user's bytes something is: `path`, `path:line` or
/// `path:line:col` (1-based; line 0 means the whole file).
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    pub path: &'a Path,
    pub line: usize,
    pub column: Option<usize>,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Something about a file a reader should know, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, as shown to the user. Empty until the reader of a text
    /// knows which file it came from.
    #[serde(skip)]
    pub path: PathBuf,
    /// 1-based; 0 when it is about the whole file.
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The `adr check` rule it belongs to (`unreadable`, `front-matter`…).
    pub rule: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(rule: &'static str, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: PathBuf::new(),
            line,
            column: None,
            rule,
            message: message.into(),
        }
    }

    pub fn warning(rule: &'static str, line: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(rule, line, message)
        }
    }

    /// The same diagnostic, about `path`.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = path.into();
        self
    }

    pub fn at_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }

    pub fn location(&self) -> Location<'_> {
        Location {
            path: &self.path,
            line: self.line,
            column: self.column,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.location(),
            self.severity,
            self.message
        )
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line_of(text, end), before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_location_format() {
        let d = Diagnostic::error("front-matter", 2, "bad").in_file("doc/adr/0001-a.md");
        assert_eq!(d.to_string(), "doc/adr/0001-a.md:2: error: bad");
        let d = d.at_column(Some(9));
        assert_eq!(d.to_string(), "doc/adr/0001-a.md:2:9: error: bad");
        let whole = Diagnostic::warning("unreadable", 0, "odd").in_file("x.md");
        assert_eq!(whole.to_string(), "x.md: warning: odd");
    }

    #[test]
    fn lines_and_columns() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(line_and_column(text, 5), (2, 3));
        assert_eq!(line_and_column(text, 6), (2, 3), "inside a character");
        assert_eq!(line_and_column(text, 99), (3, 2));
    }
}
