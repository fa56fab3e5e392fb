//! Templates for new records: built in, or the user's own on disk.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// adr-tools' default template (Michael Nygard's layout), byte for byte.
pub(crate) const NYGARD: &str = include_str!("../../templates/nygard.md");
/// adr-tools' first record, written by `adr init`.
pub(crate) const INIT: &str = include_str!("../../templates/init.md");
/// MADR 4 with YAML front matter.
pub(crate) const MADR: &str = include_str!("../../templates/madr.md");
/// MADR 4's minimal variant.
pub(crate) const MADR_MINIMAL: &str = include_str!("../../templates/madr-minimal.md");
/// Four prompts: the decision, the reason, the constraints, the fallback.
pub(crate) const LIGHTWEIGHT: &str = include_str!("../../templates/lightweight.md");
/// MADR 2 / log4brains: status and date as bullets under the title.
pub(crate) const BULLETS: &str = include_str!("../../templates/bullets.md");

/// A template shipped in the binary.
pub(crate) struct BuiltIn {
    pub name: &'static str,
    pub description: &'static str,
    pub text: &'static str,
    pub format: RecordFormat,
}

/// Every built-in template, by name.
pub(crate) const BUILT_INS: &[BuiltIn] = &[
    BuiltIn {
        name: "nygard",
        description: "adr-tools' template (Michael Nygard's): Status, Context, Decision, Consequences",
        text: NYGARD,
        format: RecordFormat::Nygard,
    },
    BuiltIn {
        name: "madr",
        description: "MADR 4, full: YAML front matter, problem, options, outcome, consequences",
        text: MADR,
        format: RecordFormat::Madr,
    },
    BuiltIn {
        name: "madr-minimal",
        description: "MADR 4, minimal: front matter, problem, options, outcome",
        text: MADR_MINIMAL,
        format: RecordFormat::Madr,
    },
    BuiltIn {
        name: "bullets",
        description: "MADR 2 / log4brains: `- Status:` and `- Date:` bullets, options, outcome",
        text: BULLETS,
        format: RecordFormat::Bullets,
    },
    BuiltIn {
        name: "lightweight",
        description: "four prompts: the decision, the reason, the constraints, the fallback",
        text: LIGHTWEIGHT,
        format: RecordFormat::Nygard,
    },
];

/// The layout of a new record.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Deserialize,
    serde::Serialize,
)]
#[serde(rename_all = "lowercase")]
pub enum RecordFormat {
    /// adr-tools / Michael Nygard: `## Status` section.
    #[default]
    Nygard,
    /// MADR 4: YAML front matter.
    Madr,
    /// MADR 2 / log4brains: `- Status:` and `- Date:` bullets under the
    /// title.
    Bullets,
}

impl RecordFormat {
    /// The status a new record gets when none is asked for.
    pub fn default_status(self) -> &'static str {
        match self {
            Self::Nygard => "Accepted",
            Self::Madr | Self::Bullets => "proposed",
        }
    }
}

/// The template text and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    pub text: String,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(RecordFormat),
    /// Named by the user the adr-tools way (`ADR_TEMPLATE`, `--template`,
    /// `<dir>/templates/template.md`): filled exactly as adr-tools fills it.
    File(PathBuf),
    /// The folder's own template or `[new] template`: filled the way its
    /// authors fill it by hand (title line, status and date places).
    Own(PathBuf),
    /// No template fits the folder's records: their newest one's sections,
    /// empty.
    Sections,
}

/// What decides the template of a new record (besides `--template`).
#[derive(Debug, Clone, Copy)]
pub struct Choice<'a> {
    /// `--format`.
    pub format: Option<RecordFormat>,
    /// `ADR_TEMPLATE`.
    pub env: Option<&'a Path>,
    /// `[new] template`, as seen from the current folder.
    pub configured: Option<&'a Path>,
    /// `[new] format`.
    pub configured_format: Option<RecordFormat>,
    pub convention: &'a crate::project::convention::Convention,
    /// The project's root: a template of the project (all but
    /// `ADR_TEMPLATE`, the user's own) is read only from inside it.
    pub root: &'a Path,
}

impl Template {
    /// A template by name: a project template `<dir>/templates/NAME.md`
    /// first (read only from inside the project's `root`), else a built-in.
    pub fn named(name: &str, adr_dir: &Path, root: &Path) -> Result<Self> {
        let project = adr_dir.join("templates").join(format!("{name}.md"));
        let safe = !name.contains(['/', '\\']) && !name.starts_with('.');
        if safe && project.is_file() {
            return Self::read(&project, Some(root));
        }
        let built_in = BUILT_INS
            .iter()
            .find(|b| b.name == name)
            .ok_or_else(|| Error::UnknownTemplate(name.to_string()))?;
        Ok(Self {
            text: built_in.text.to_string(),
            origin: Origin::BuiltIn(built_in.format),
        })
    }

    /// A status word as this template's layout writes it: lower case in
    /// YAML front matter and bullets, capitalised in a section
    /// (`Accepted`).
    pub fn status_word(&self, status: &str) -> String {
        if self.lower_case_status() {
            status.to_lowercase()
        } else {
            crate::graph::verb::capitalise(&status.to_lowercase())
        }
    }

    /// Whether the template keeps its status where statuses are written in
    /// lower case (front matter, bullets).
    pub fn lower_case_status(&self) -> bool {
        match &self.origin {
            Origin::BuiltIn(format) => *format != RecordFormat::Nygard,
            Origin::File(_) | Origin::Own(_) => {
                self.text.starts_with("---")
                    || self.text.lines().any(|l| {
                        let l = l.trim_start().to_ascii_lowercase();
                        l.starts_with("- status:") || l.starts_with("* status:")
                    })
            }
            Origin::Sections => false,
        }
    }

    /// Every template a project can use: its own (`<dir>/templates/*.md`),
    /// then the built-ins, as (name, where it comes from).
    pub fn list(adr_dir: &Path) -> Vec<(String, String)> {
        let mut found = Vec::new();
        if let Ok(entries) = fs::read_dir(adr_dir.join("templates")) {
            let mut own: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .collect();
            own.sort();
            for path in own {
                if let Some(stem) = path.file_stem() {
                    found.push((
                        stem.to_string_lossy().into_owned(),
                        path.display().to_string(),
                    ));
                }
            }
        }
        for b in BUILT_INS {
            if !found.iter().any(|(n, _)| n == b.name) {
                found.push((b.name.to_string(), format!("built in: {}", b.description)));
            }
        }
        found
    }

    /// adr-tools' order first: `--format`, then `ADR_TEMPLATE`, then
    /// `<dir>/templates/template.md`; then `[new] template`, `[new]
    /// format`; then what the folder shows: its own template file, else a
    /// built-in one of its records' layout (their sections when none
    /// fits); then Nygard's.
    pub fn choose(adr_dir: &Path, choice: Choice<'_>) -> Result<Self> {
        use crate::project::convention::Origin as Learnt;
        use crate::record::Format;
        if let Some(format) = choice.format {
            return Ok(Self::built_in(format));
        }
        if let Some(path) = choice.env.filter(|p| !p.as_os_str().is_empty()) {
            // ADR_TEMPLATE is the user's own, wherever it is.
            return Self::read(path, None);
        }
        let project = adr_dir.join("templates").join("template.md");
        if project.is_file() {
            return Self::read(&project, Some(choice.root));
        }
        if let Some(path) = choice.configured {
            return Self::read(path, Some(choice.root)).map(Self::own);
        }
        if let Some(format) = choice.configured_format {
            return Ok(Self::built_in(format));
        }
        let convention = choice.convention;
        if let Some(path) = &convention.template {
            return Self::read(path, Some(choice.root)).map(Self::own);
        }
        if !matches!(convention.layout.from, Learnt::Records { .. }) {
            return Ok(Self::built_in(RecordFormat::Nygard));
        }
        Ok(match convention.layout.value {
            Format::Nygard => Self::built_in(RecordFormat::Nygard),
            Format::Madr => Self::built_in(RecordFormat::Madr),
            // `**Status:** Accepted` is not a bullet: the records' own lines.
            Format::Log4brains if !convention.field_lines.is_empty() => Self::sections(convention),
            Format::Log4brains => Self::built_in(RecordFormat::Bullets),
            Format::Plain => Self::sections(convention),
        })
    }

    /// A template of the newest record's sections, empty, under its title
    /// and date lines.
    fn sections(convention: &crate::project::convention::Convention) -> Self {
        let mut text = String::from("# TITLE\n\n");
        if !convention.field_lines.is_empty() {
            for line in &convention.field_lines {
                text.push_str(line);
                text.push('\n');
            }
            text.push('\n');
        } else if let Some(date_line) = &convention.date_line {
            text.push_str(&format!("{date_line}DATE\n\n"));
        }
        let defaults = ["Context", "Decision", "Consequences"].map(String::from);
        let sections = if convention.sections.is_empty() {
            &defaults[..]
        } else {
            &convention.sections[..]
        };
        for section in sections {
            text.push_str(&format!("## {section}\n\n"));
        }
        text.truncate(text.trim_end().len());
        text.push('\n');
        Self {
            text,
            origin: Origin::Sections,
        }
    }

    fn own(self) -> Self {
        match self.origin {
            Origin::File(path) => Self {
                text: self.text,
                origin: Origin::Own(path),
            },
            _ => self,
        }
    }

    pub fn built_in(format: RecordFormat) -> Self {
        let text = match format {
            RecordFormat::Nygard => NYGARD,
            RecordFormat::Madr => MADR,
            RecordFormat::Bullets => BULLETS,
        };
        Self {
            text: text.to_string(),
            origin: Origin::BuiltIn(format),
        }
    }

    /// A template file, no larger than a record may be; one of the
    /// project's must really be inside `within` (a symlink leading out of
    /// the project is refused, not read).
    fn read(path: &Path, within: Option<&Path>) -> Result<Self> {
        let within = within.filter(|w| !w.as_os_str().is_empty());
        let bytes = match within {
            Some(within) => crate::log::read_within(path, within, crate::log::MAX_RECORD_BYTES),
            None => crate::log::read_bounded(path),
        }
        .map_err(|why| Error::Template {
            path: path.to_path_buf(),
            source: std::io::Error::other(why),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| Error::Template {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"),
        })?;
        Ok(Self {
            text,
            origin: Origin::File(path.to_path_buf()),
        })
    }

    /// The status to write when the user names none.
    pub fn default_status(&self) -> &'static str {
        match self.origin {
            Origin::BuiltIn(format) => format.default_status(),
            Origin::File(_) | Origin::Sections => RecordFormat::Nygard.default_status(),
            Origin::Own(_) if self.lower_case_status() => RecordFormat::Madr.default_status(),
            Origin::Own(_) => RecordFormat::Nygard.default_status(),
        }
    }

    /// Where it comes from, in a few words.
    pub fn describe(&self) -> String {
        match &self.origin {
            Origin::BuiltIn(format) => {
                let name = serde_json::to_value(format)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                format!("built in: {name}")
            }
            Origin::File(path) | Origin::Own(path) => path.display().to_string(),
            Origin::Sections => "the sections of the newest record".to_string(),
        }
    }

    /// Whether it is filled the adr-tools way, byte for byte.
    pub fn is_adr_tools(&self) -> bool {
        matches!(self.origin, Origin::File(_))
    }
}

/// The values placed into a template.
#[derive(Debug, Clone)]
pub(crate) struct Fields<'a> {
    pub number: u32,
    pub title: &'a str,
    pub date: &'a str,
    pub status: &'a str,
}

/// Replaces, on each line, the first `NUMBER`, `TITLE`, `DATE` and
/// `STATUS`, as adr-tools' `sed` does, but never inside a value already
/// placed: a title containing `DATE`, `&`, `|` or `\` is kept as typed.
pub(crate) fn fill(template: &str, fields: &Fields<'_>) -> String {
    let number = fields.number.to_string();
    let values = [
        ("NUMBER", number.as_str()),
        ("TITLE", fields.title),
        ("DATE", fields.date),
        ("STATUS", fields.status),
    ];
    let mut out = String::with_capacity(template.len() + fields.title.len());
    for line in template.split_inclusive('\n') {
        // (text, is_template_text) pieces of the line.
        let mut pieces: Vec<(&str, bool)> = vec![(line, true)];
        for (placeholder, value) in values {
            let hit = pieces.iter().enumerate().find_map(|(i, (text, literal))| {
                Some((i, text.find(placeholder)?)).filter(|_| *literal)
            });
            if let Some((i, at)) = hit {
                let text = pieces[i].0;
                pieces.splice(
                    i..=i,
                    [
                        (&text[..at], true),
                        (value, false),
                        (&text[at + placeholder.len()..], true),
                    ],
                );
            }
        }
        for (text, _) in pieces {
            out.push_str(text);
        }
    }
    out
}

/// Adds tags to a new record: a `tags:` key in YAML front matter, else a
/// `Tags:` line after the `Date:` line (or after the title).
pub(crate) fn add_tags(text: &str, tags: &[String]) -> String {
    if tags.is_empty() {
        return text.to_string();
    }
    let joined = tags.join(", ");
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        let at = 4 + end + 1;
        let list = tags
            .iter()
            .map(|t| serde_json::to_string(t).unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ");
        return format!("{}tags: [{}]\n{}", &text[..at], list, &text[at..]);
    }
    let mut out = String::with_capacity(text.len() + joined.len() + 8);
    let mut placed = false;
    let anchor = if text.lines().any(|l| l.starts_with("Date:")) {
        "Date:"
    } else {
        "# "
    };
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        if !placed && line.starts_with(anchor) {
            out.push_str(&format!("\nTags: {joined}\n"));
            placed = true;
        }
    }
    if !placed {
        out.push_str(&format!("\nTags: {joined}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(title: &str) -> Fields<'_> {
        Fields {
            number: 7,
            title,
            date: "1992-01-12",
            status: "Accepted",
        }
    }

    #[test]
    fn default_template_matches_adr_tools() {
        let out = fill(NYGARD, &fields("Use X"));
        assert!(out.starts_with(
            "# 7. Use X\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n"
        ));
    }

    #[test]
    fn placeholders_in_values_stay_literal() {
        let out = fill(
            "# NUMBER. TITLE\nDate: DATE\n",
            &fields("DATE & STATUS | a\\b"),
        );
        assert_eq!(out, "# 7. DATE & STATUS | a\\b\nDate: 1992-01-12\n");
    }

    #[test]
    fn only_first_occurrence_per_line() {
        let out = fill("TITLE TITLE\nTITLE\n", &fields("x"));
        assert_eq!(out, "x TITLE\nx\n");
    }

    #[test]
    fn tags_go_where_each_format_keeps_them() {
        let nygard = add_tags(
            "# 1. A\n\nDate: 2020-01-01\n\n## Status\n",
            &["db".into(), "infra".into()],
        );
        assert_eq!(
            nygard,
            "# 1. A\n\nDate: 2020-01-01\n\nTags: db, infra\n\n## Status\n"
        );
        let madr = add_tags("---\nstatus: proposed\n---\n\n# A\n", &["db".into()]);
        assert_eq!(madr, "---\nstatus: proposed\ntags: [\"db\"]\n---\n\n# A\n");
    }
}
