//! `adr generate toc`: adr-tools' Markdown table of contents.

use std::path::Path;

use crate::record::Record;

/// Options of the table of contents.
#[derive(Debug, Default, Clone)]
pub(crate) struct TocOptions {
    /// Markdown before the list.
    pub intro: Option<String>,
    /// Markdown after the list.
    pub outro: Option<String>,
    /// Prefix for each link.
    pub prefix: String,
}

/// Renders the table of contents exactly as adr-tools does: a heading,
/// the intro followed by a blank line, one `* [N. Title](file.md)` line
/// per record, then a blank line and the outro.
pub(crate) fn render(records: &[Record], adr_dir: &Path, options: &TocOptions) -> String {
    let mut out = String::from("# Architecture Decision Records\n\n");
    if let Some(intro) = options.intro.as_deref().filter(|t| !t.is_empty()) {
        out.push_str(intro);
        if !intro.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
    }
    for record in records {
        out.push_str(&format!(
            "* [{}]({}{})\n",
            record.link_text(),
            options.prefix,
            link_path(record, adr_dir)
        ));
    }
    if let Some(outro) = options.outro.as_deref().filter(|t| !t.is_empty()) {
        out.push('\n');
        out.push_str(outro);
        if !outro.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The record's path relative to the ADR folder, with `/` separators:
/// the bare file name for records at the top, as adr-tools writes.
pub(crate) fn link_path(record: &Record, adr_dir: &Path) -> String {
    let relative = record.path.strip_prefix(adr_dir).unwrap_or(&record.path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn record(path: &str, text: &str) -> Record {
        Record::parse(PathBuf::from(path), "", text)
    }

    #[test]
    fn plain_and_with_intro_outro() {
        let records = [
            record("doc/adr/0001-a.md", "# 1. A\n"),
            record("doc/adr/sub/0002-b.md", "# 2. B\n"),
        ];
        let toc = render(&records, Path::new("doc/adr"), &TocOptions::default());
        assert_eq!(
            toc,
            "# Architecture Decision Records\n\n* [1. A](0001-a.md)\n* [2. B](sub/0002-b.md)\n"
        );
        let options = TocOptions {
            intro: Some("Intro.\n".into()),
            outro: Some("Outro.".into()),
            prefix: "x/".into(),
        };
        let toc = render(&records[..1], Path::new("doc/adr"), &options);
        assert_eq!(
            toc,
            "# Architecture Decision Records\n\nIntro.\n\n* [1. A](x/0001-a.md)\n\nOutro.\n"
        );
    }
}
