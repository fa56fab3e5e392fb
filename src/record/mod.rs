//! One ADR: the model, and reading it from any format found in the wild.

mod body;
pub(crate) mod date;
pub mod edit;
pub(crate) mod facts;
pub(crate) mod filter;
pub(crate) mod front_matter;
pub(crate) mod lines;
mod list_item;
pub(crate) mod mention;
mod metadata;
pub mod name;
pub(crate) mod prose;
pub(crate) mod reader;
pub(crate) mod relation;
pub(crate) mod sections;
pub mod slug;
pub mod status;
pub(crate) mod title;
pub(crate) mod upgrade;
mod vocabulary;
pub(crate) mod yaml;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

pub use filter::Filter;
pub use front_matter::{FrontMatter, FrontMatterKind};
pub use status::{Status, StatusKind};

/// The layout a record is written in; edits follow it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// adr-tools / Michael Nygard: a `## Status` section.
    Nygard,
    /// MADR 3/4: YAML front matter.
    Madr,
    /// MADR 2 / log4brains: `- Status:` bullets under the title.
    Log4brains,
    /// Anything else: no recognisable status place.
    #[default]
    Plain,
}

/// The reader's name for a diagnostic about a record's text (its path is
/// the record's).
pub use crate::diagnostic::Diagnostic as Problem;
pub use crate::diagnostic::{Diagnostic, Severity};

/// Where in a record a relation is stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkSource {
    /// A status value or the Status section, where adr-tools writes links.
    Status,
    /// A Links / References / Related section, a metadata key or table row.
    Section,
    /// A sentence in the text.
    Prose,
}

/// A typed relation from one record to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The verb as written: `Superseded by`, `Amends`, `Invalidated by`.
    pub kind: String,
    /// The target as written.
    pub raw: String,
    /// The link text, when written as a Markdown link.
    pub text: Option<String>,
    /// For a reference-style link (`[ADR 9]`), its definition's target.
    pub definition: Option<String>,
    /// 1-based line the relation is written on.
    pub line: usize,
    /// The record the target names, once resolved; `None` is "unresolved".
    pub target: Option<PathBuf>,
    pub source: LinkSource,
    /// No verb is written (a record listed under References).
    pub implied: bool,
    /// Written as a relation (`- Verb [text](target)`, `**Verb**: [..]`),
    /// not found in a sentence.
    pub listed: bool,
}

impl Link {
    /// Whether the relation is written as one (a status value, the Status
    /// section, a `- Verb [x](y)` line, a `**Verb**:` key), so that the
    /// other end is expected to answer. A sentence or a record merely
    /// listed under References is evidence of the relation, not a promise
    /// of a reverse link.
    pub fn is_kept(&self) -> bool {
        self.source == LinkSource::Status || self.listed
    }
}

impl Link {
    /// Whether to keep the link when it names no record. What the Status
    /// section says is kept, to be reported. A Links / References /
    /// Related list (or a relation key) is a place where records are
    /// named, so an entry there is kept when it is written as a record's
    /// id (`ADR-0042`) or file (`0042-x.md`, `[ADR-7](../other/7.md)`),
    /// listed with no verb or with one. A sentence is kept only when it
    /// states a verb and names a record's file, since inventing a relation
    /// is worse than missing one.
    ///
    /// A file in another folder, or one this folder does not hold, is a
    /// record's only when its name is shaped
    /// like this log's records (`named_like_the_log` of its stem), or its
    /// link text is an id: `../plan/01-analysis.md` in a log of
    /// `0001-x.md` files is a page that starts with a number.
    pub fn kept_unresolved(&self, named_like_the_log: impl Fn(&str) -> bool) -> bool {
        let written = self.definition.as_deref().unwrap_or(&self.raw);
        let elsewhere_unlike = || {
            let path = written.split(['#', '?']).next().unwrap_or("");
            let path = path.trim_start_matches("./");
            // A file the folder does not hold (`04_api_spec.md` beside
            // `0001-x.md` records) is as unlike as one in another folder.
            (path.contains('/') || path.to_ascii_lowercase().ends_with(".md"))
                && !named_like_the_log(name::file_stem(path))
        };
        match self.source {
            LinkSource::Status => true,
            _ if self.raw.contains("://") || written.contains("://") => false,
            LinkSource::Section
                if relation::names_a_record(written, self.text.as_deref(), elsewhere_unlike()) =>
            {
                true
            }
            _ => !self.implied && relation::looks_like_record_path(written) && !elsewhere_unlike(),
        }
    }
}

/// One ADR file and what it says.
#[derive(Debug, Clone)]
pub struct Record {
    /// The file, as shown to the user (relative to the current directory
    /// when the ADR folder was found that way). This is its identity.
    pub path: PathBuf,
    /// The number from the file (or folder) name, if it has one.
    pub number: Option<u32>,
    /// The first level-1 heading as written (`1. Use X`).
    pub heading: Option<String>,
    /// The line of that heading.
    pub heading_line: Option<usize>,
    /// The title without its number (`Use X`).
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// The date as written.
    pub date_text: Option<String>,
    pub status: Option<Status>,
    pub links: Vec<Link>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    pub front_matter: Option<FrontMatter>,
    pub format: Format,
    /// What is wrong with the text; the diagnostics' paths are empty, the
    /// record's path is theirs.
    pub problems: Vec<Diagnostic>,
}

/// Whether `word` is `known` typed with one letter wrong, missing, added
/// or swapped with its neighbour. The first letter must be right: it is
/// the one people rarely get wrong, and it keeps the test cheap.
pub(crate) fn one_letter_off(known: &str, word: &str) -> bool {
    let first = word.chars().next();
    first.is_some_and(|c| known.starts_with(c))
        && known.chars().count().abs_diff(word.chars().count()) <= 1
        && strsim::osa_distance(known, word) == 1
}

// Values are printed to terminals: a control character in a
// planted record (ESC, CR, backspace) could forge output lines or
// drive the terminal, so each becomes U+FFFD.
pub(crate) fn shown(value: String) -> String {
    if value.chars().any(char::is_control) {
        value
            .chars()
            .map(|c| match c {
                '\t' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect()
    } else {
        value
    }
}

impl Record {
    /// Reads a record from its text. `stem` is the name its number comes
    /// from: the file stem, or the folder name for folder-per-decision.
    pub fn parse(path: PathBuf, stem: &str, text: &str) -> Self {
        let parsed = reader::parse(text);
        let links = parsed
            .relations
            .into_iter()
            .map(|(r, line)| Link {
                kind: shown(r.verb),
                raw: r.target,
                text: r.text.map(shown),
                definition: r.definition,
                line,
                target: None,
                source: r.source,
                implied: r.implied,
                listed: r.listed,
            })
            .collect();
        Self {
            path,
            number: name::number(stem),
            heading: parsed.heading,
            heading_line: parsed.heading_line,
            title: parsed
                .title
                .map(|t| shown(title::without_bare_prefix(t, stem))),
            date: parsed.date.map(|d| match name::date_prefix(stem) {
                Some(named) => date::nearer(
                    d,
                    parsed.date_text.as_deref().and_then(date::month_first),
                    named,
                ),
                None => d,
            }),
            date_text: parsed.date_text.map(shown),
            status: parsed.status.map(|s| Status {
                text: shown(s.text),
                kind: match s.kind {
                    StatusKind::Custom(word) => StatusKind::Custom(shown(word)),
                    kind => kind,
                },
                ..s
            }),
            links,
            tags: parsed.tags.into_iter().map(shown).collect(),
            deciders: parsed.deciders.into_iter().map(shown).collect(),
            front_matter: parsed.front_matter,
            format: parsed.format,
            problems: parsed.problems,
        }
    }

    /// A record known by its heading alone, when that is all a command
    /// needs; other fields are empty.
    pub fn from_heading(path: PathBuf, stem: &str, heading: String, line: usize) -> Self {
        let mut record = Self::parse(path, stem, "");
        let title = title::without_bare_prefix(title::clean_title(&heading), stem);
        record.title = Some(shown(title)).filter(|t| !t.is_empty());
        record.heading = Some(heading);
        record.heading_line = Some(line);
        record
    }

    /// A record whose file could not be read: listed, with the reason.
    pub fn unreadable(path: PathBuf, stem: &str, why: String) -> Self {
        let mut record = Self::parse(path, stem, "");
        record
            .problems
            .push(Diagnostic::error("unreadable", 0, why));
        record
    }

    /// The file name, for links written into other records.
    pub fn file_name(&self) -> std::borrow::Cow<'_, str> {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    }

    /// The text adr-tools uses for a link to this record: its H1 as written
    /// (`3. Use X`), else the title, else the file name.
    pub fn link_text(&self) -> String {
        self.heading
            .clone()
            .map(shown)
            .or_else(|| self.title.clone())
            .unwrap_or_else(|| self.file_name().into_owned())
    }

    /// The name shown for this record when it has no title.
    pub fn display_title(&self) -> String {
        self.title.clone().unwrap_or_else(|| {
            self.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }

    /// Each problem, about this record's file.
    pub fn diagnostics(&self) -> impl Iterator<Item = Diagnostic> + '_ {
        self.problems.iter().map(|p| p.clone().in_file(&self.path))
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// The name the record's number and slug come from: the file stem, or
    /// the folder name of a folder-per-decision `README.md`.
    pub fn stem(&self) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow;
        let file = self.file_name();
        if file.eq_ignore_ascii_case("readme.md")
            && let Some(folder) = self.dir().file_name()
        {
            return folder.to_string_lossy();
        }
        match file {
            Cow::Borrowed(name) => Cow::Borrowed(
                name.strip_suffix(".md")
                    .or_else(|| name.strip_suffix(".MD"))
                    .unwrap_or(name),
            ),
            Cow::Owned(name) => Cow::Owned(
                name.strip_suffix(".md")
                    .or_else(|| name.strip_suffix(".MD"))
                    .unwrap_or(&name)
                    .to_string(),
            ),
        }
    }

    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }
}
