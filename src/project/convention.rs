//! The way a log already writes its records, learnt from the records
//! present, so that `adr new` writes the next one the same way: the name
//! pattern, the next number, the title line, the layout, the folder's own
//! template, how statuses are spelt. `.adr.toml`'s `[new]` overrides each
//! part; an empty folder gets adr-tools' ways exactly.
//!
//! Names are read from the folder listing; the rest from at most
//! [`SAMPLE`] of the newest records (the newest show how the team writes
//! now).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::log::{self, Listing, RecordFile};
use crate::record::lines::{Fence, atx_heading, lines};
use crate::record::{Format, Record, StatusKind, name};

use super::config::{NewConfig, Spelling};
use super::pattern::{self, Pattern, Piece};

/// How many of the newest records are read to learn the layout.
pub(crate) const SAMPLE: usize = 24;

/// Where a part of the convention comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Nothing to learn from: adr-tools' way.
    Default,
    /// `.adr.toml`'s `[new]`.
    Config,
    /// `agree` of the `of` records looked at write it this way.
    Records { agree: usize, of: usize },
    /// A file of the folder.
    File(PathBuf),
}

impl Origin {
    pub fn describe(&self, config: Option<&Path>) -> String {
        match self {
            Self::Default => "default (adr-tools)".into(),
            Self::Config => config.map_or(".adr.toml".into(), |p| p.display().to_string()),
            Self::Records { agree, of } => format!("inferred from {agree} of {of} records"),
            Self::File(p) => format!("found {}", p.display()),
        }
    }
}

/// One part and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part<T> {
    pub value: T,
    pub from: Origin,
}

impl<T> Part<T> {
    fn default(value: T) -> Self {
        Self {
            value,
            from: Origin::Default,
        }
    }
}

/// How statuses are written: the words the folder uses, and their case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statuses {
    /// Status kind (`accepted`) → as the folder writes it (`✅ Accepted`).
    pub spelled: BTreeMap<String, String>,
    /// The case of status words, when the folder shows one.
    pub case: Option<Case>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Case {
    Lower,
    Capital,
    Upper,
}

impl Case {
    fn of(word: &str) -> Option<Self> {
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let first = letters.first()?;
        if letters.iter().all(|c| c.is_lowercase()) {
            Some(Self::Lower)
        } else if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
            Some(Self::Upper)
        } else if first.is_uppercase() && letters[1..].iter().all(|c| c.is_lowercase()) {
            Some(Self::Capital)
        } else {
            None
        }
    }

    pub fn apply(self, word: &str) -> String {
        match self {
            Self::Lower => word.to_lowercase(),
            Self::Upper => word.to_uppercase(),
            Self::Capital => crate::graph::verb::capitalise(&word.to_lowercase()),
        }
    }
}

/// The convention of a log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Convention {
    pub name: Part<Pattern>,
    pub heading: Part<Pattern>,
    /// Where records state their status (and so which template fits).
    pub layout: Part<Format>,
    /// The folder's own template file, when it has one.
    pub template: Option<PathBuf>,
    pub statuses: Part<Statuses>,
    pub spelling: Part<Spelling>,
    /// Whether most records have a level-1 title.
    pub titled: bool,
    /// The level-2 headings of the newest record, for a layout no
    /// template covers.
    pub sections: Vec<String>,
    /// How the newest record writes its date line (`**Date:** `), when
    /// most records have one.
    pub date_line: Option<String>,
    /// The newest record's date and status lines, in its order, with
    /// `DATE` and `STATUS` for their values, when they are key lines
    /// rather than bullets or sections (`**Status:** Accepted`).
    pub field_lines: Vec<String>,
    /// The records the names were learnt from (directly in the folder).
    pub records: usize,
    /// The highest number among them.
    pub highest: Option<u32>,
}

impl Default for Convention {
    fn default() -> Self {
        Self {
            name: Part::default(pattern::adr_tools_name()),
            heading: Part::default(pattern::adr_tools_heading()),
            layout: Part::default(Format::Nygard),
            template: None,
            statuses: Part::default(Statuses::default()),
            spelling: Part::default(Spelling::default()),
            titled: true,
            sections: Vec::new(),
            date_line: None,
            field_lines: Vec::new(),
            records: 0,
            highest: None,
        }
    }
}

impl Convention {
    /// Learns the convention of the folder `dir` (which may not exist),
    /// then applies `.adr.toml`'s `[new]` on top.
    pub fn infer(dir: &Path, config: &NewConfig) -> Self {
        // An unreadable folder shows nothing to learn, as a missing one.
        let listing = Listing::read(dir).unwrap_or_else(|_| Listing::missing(dir));
        Self::infer_listed(&listing, config)
    }

    /// [`Self::infer`] from a listing of the folder (taken under the lock
    /// by a write): the folder itself is not read again.
    pub fn infer_listed(listing: &Listing, config: &NewConfig) -> Self {
        let mut convention = if config.infers() {
            learn(listing)
        } else {
            Self::default()
        };
        if let Some(name) = config.name_pattern() {
            convention.name = Part {
                value: name,
                from: Origin::Config,
            };
        }
        if let Some(heading) = config.heading_pattern() {
            convention.heading = Part {
                value: heading,
                from: Origin::Config,
            };
        }
        if config.has("spelling") {
            convention.spelling = Part {
                value: config.spelling,
                from: Origin::Config,
            };
        }
        convention
    }

    /// The number of the next record: one more than the highest among the
    /// records, and never one adr-tools' own count (leading digits of
    /// every name) would reuse.
    pub fn next_number(&self, dir: &Path) -> io::Result<u32> {
        self.next_number_listed(&Listing::read(dir)?)
    }

    /// [`Self::next_number`] from a listing of the folder; a write lists
    /// it under the lock.
    pub fn next_number_listed(&self, listing: &Listing) -> io::Result<u32> {
        let adr_tools = log::next_number_listed(listing)?;
        // Past the largest number there is none left, rather than the
        // largest again.
        let learnt = match self.highest {
            None => 1,
            Some(h) => h.checked_add(1).ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("a record is numbered {h}, the largest number adr supports; no number is left for a new record"),
                )
            })?,
        };
        Ok(adr_tools.max(learnt))
    }

    /// A status word (`accepted`) as this folder's records write it
    /// (`✅ Accepted`, `accepted`), when they show how.
    pub fn spell(&self, word: &str) -> Option<String> {
        let kind = StatusKind::parse(word);
        if let Some(spelled) = self.statuses.value.spelled.get(kind.as_str()) {
            return Some(spelled.clone());
        }
        self.statuses.value.case.map(|case| case.apply(word))
    }

    /// Whether the layout states a status at all.
    pub fn states_status(&self) -> bool {
        self.layout.value != Format::Plain
    }
}

/// What the folder's records show; adr-tools' ways where they show
/// nothing.
fn learn(listing: &Listing) -> Convention {
    let mut convention = Convention {
        template: own_template_listed(listing),
        ..Convention::default()
    };
    let files: Vec<RecordFile> = match log::scan_listed(listing) {
        Ok(scan) => {
            let (top, nested): (Vec<_>, Vec<_>) = scan
                .records
                .into_iter()
                .partition(|r| r.log.as_os_str().is_empty());
            // A log kept only in category folders (`backend/0001-x.md`)
            // writes as its categories do.
            if top.is_empty() { nested } else { top }
        }
        Err(_) => return convention,
    };
    if files.is_empty() {
        return convention;
    }
    convention.records = files.len();
    convention.highest = files.iter().filter_map(|f| f.number).max();
    if let Some(part) = vote(files.iter().filter_map(name_shape)) {
        convention.name = part;
    }
    let sample = newest(&files, SAMPLE);
    let loaded = log::load_with_text(&sample);
    let records: Vec<&Record> = loaded.iter().map(|(r, _)| r).collect();
    let of = records.len();
    const FORMATS: [Format; 4] = [
        Format::Nygard,
        Format::Madr,
        Format::Log4brains,
        Format::Plain,
    ];
    let rank = |f: Format| FORMATS.iter().position(|x| *x == f).unwrap_or(0);
    if let Some(part) = vote(records.iter().map(|r| rank(r.format))) {
        convention.layout = Part {
            value: FORMATS[part.value],
            from: part.from,
        };
    }
    if let Some(part) = vote(records.iter().filter_map(|r| heading_shape(r))) {
        convention.heading = part;
    }
    if convention.heading.value.pieces == [Piece::Title]
        && let Some(prefix) = common_prefix(&records)
    {
        convention
            .heading
            .value
            .pieces
            .insert(0, Piece::Text(prefix));
    }
    convention.titled = records.iter().filter(|r| r.heading.is_some()).count() * 2 >= of;
    let statuses = statuses(&loaded);
    if statuses != Statuses::default() {
        convention.statuses = Part {
            value: statuses,
            from: Origin::Records {
                agree: records.iter().filter(|r| r.status.is_some()).count(),
                of,
            },
        };
    }
    let relations: Vec<(usize, usize)> = loaded
        .iter()
        .filter_map(|(_, text)| text.as_deref())
        .map(supersession_spellings)
        .collect();
    let supersede: usize = relations.iter().map(|r| r.0).sum();
    let supercede: usize = relations.iter().map(|r| r.1).sum();
    if supercede > supersede {
        convention.spelling = Part {
            value: Spelling::Superceded,
            from: Origin::Records {
                agree: relations.iter().filter(|r| r.1 > 0).count(),
                of,
            },
        };
    }
    if let Some((record, Some(text))) = loaded.last() {
        convention.sections = sections(text);
        let dated = records.iter().filter(|r| r.date_text.is_some()).count();
        if dated * 2 > of {
            convention.date_line = date_line(record, text);
        }
        if convention.layout.value == Format::Log4brains {
            convention.field_lines = field_lines(record, text);
        }
    }
    convention
}

/// How many relation lines of `text` spell supersession `supersede…`,
/// and how many `supercede…` (adr-tools upstream's spelling).
fn supersession_spellings(text: &str) -> (usize, usize) {
    let mut counts = (0, 0);
    for line in text.lines() {
        let lower = line
            .trim_start_matches(['-', '*', '>', ' ', '\t'])
            .to_lowercase();
        let lower = lower
            .strip_prefix("status:")
            .map_or(lower.as_str(), str::trim_start);
        if lower.starts_with("supersede") {
            counts.0 += 1;
        } else if lower.starts_with("supercede") {
            counts.1 += 1;
        }
    }
    counts
}

/// The `count` newest of `files`, oldest first: by number, then by the
/// date in the name, then by name, then in the order listed. Only those
/// are put in order (a log has thousands of records and a sample is a
/// few dozen).
fn newest(files: &[RecordFile], count: usize) -> Vec<RecordFile> {
    let mut keys: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.number, name::date_prefix(&f.stem), f.stem.as_str(), i))
        .collect();
    let cut = keys.len().saturating_sub(count);
    if cut > 0 && cut < keys.len() {
        keys.select_nth_unstable(cut);
    }
    let mut top = keys.split_off(cut);
    top.sort_unstable();
    top.into_iter().map(|(.., i)| files[i].clone()).collect()
}

/// The most common value and how many agree; ties go to the value seen
/// last (the newest record).
fn vote<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<Part<T>> {
    let mut counts: BTreeMap<T, (usize, usize)> = BTreeMap::new();
    let mut of = 0;
    for (i, value) in values.enumerate() {
        let entry = counts.entry(value).or_insert((0, 0));
        entry.0 += 1;
        entry.1 = i;
        of += 1;
    }
    let (value, (agree, _)) = counts
        .into_iter()
        .max_by_key(|(_, (c, last))| (*c, *last))?;
    Some(Part {
        value,
        from: Origin::Records { agree, of },
    })
}

/// The pattern a record's name follows: `adr-015-x` is
/// `adr-{number:3}-{slug}.md`.
fn name_shape(file: &RecordFile) -> Option<Pattern> {
    let stem = file.stem.as_str();
    let file_name = file.path.file_name()?.to_str()?;
    let folder =
        file_name.eq_ignore_ascii_case("readme.md") && !stem.eq_ignore_ascii_case("readme");
    let mut pieces = Vec::new();
    let mut rest = stem;
    if name::date_prefix(stem).is_some() {
        let digits = name::leading_digits(stem).len();
        let (format, len) = match digits {
            14 => ("%Y%m%d%H%M%S", 14),
            8 => ("%Y%m%d", 8),
            _ if stem.as_bytes().get(4) == Some(&b'_') => ("%Y_%m_%d", 10),
            _ => ("%Y-%m-%d", 10),
        };
        pieces.push(Piece::Date {
            format: format.into(),
        });
        rest = &stem[len..];
        rest = separator(rest, &mut pieces);
    }
    let number = if pieces.is_empty() {
        name::number(rest)
    } else {
        // After a date, only an id with a prefix is a number (`adr-0001`).
        name::number(rest).filter(|_| !rest.starts_with(|c: char| c.is_ascii_digit()))
    };
    if let Some(n) = number {
        let (start, end) = digit_run(rest, n)?;
        if start > 0 {
            pieces.push(Piece::Text(rest[..start].to_string()));
        }
        pieces.push(Piece::Number { width: end - start });
        rest = separator(&rest[end..], &mut pieces);
    } else if pieces.is_empty() {
        return None;
    }
    if rest.is_empty() {
        // `adr-01`: no slug; a separator left at the end is not one.
        if let Some(Piece::Text(t)) = pieces.last()
            && (t == "-" || t == "_")
        {
            pieces.pop();
        }
    } else {
        let separator = if rest.contains('_') && !rest.contains('-') {
            '_'
        } else {
            '-'
        };
        let keep_case = rest.chars().any(char::is_uppercase);
        pieces.push(Piece::Slug {
            separator,
            keep_case,
        });
    }
    let extension = if folder {
        "/README.md"
    } else if file_name.ends_with(".MD") {
        ".MD"
    } else {
        ".md"
    };
    pieces.push(Piece::Text(extension.into()));
    Some(Pattern { pieces })
}

/// Moves one `-` or `_` from the start of `rest` into `pieces`.
fn separator<'a>(rest: &'a str, pieces: &mut Vec<Piece>) -> &'a str {
    match rest.chars().next() {
        Some(c @ ('-' | '_')) => {
            pieces.push(Piece::Text(c.to_string()));
            &rest[1..]
        }
        _ => rest,
    }
}

/// The byte range of the first run of digits in `text` that reads `n`.
fn digit_run(text: &str, n: u32) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if text[start..i].parse::<u32>().ok() == Some(n) {
                return Some((start, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// The pattern of a record's title line: `ADR 114: Title` is
/// `ADR {number}: {title}`.
fn heading_shape(record: &Record) -> Option<Pattern> {
    let heading = record.heading.as_deref()?.trim();
    let title = record.title.as_deref()?.trim();
    let at = heading.rfind(title).filter(|_| !title.is_empty())?;
    let (before, after) = (&heading[..at], &heading[at + title.len()..]);
    let mut pieces = numbered_text(before, record.number);
    pieces.push(Piece::Title);
    pieces.extend(numbered_text(after, record.number));
    // A number that is not the record's (`# 3. X` in 0033) is not a pattern.
    if pieces
        .iter()
        .any(|p| matches!(p, Piece::Text(t) if t.chars().any(|c| c.is_ascii_digit())))
    {
        return Some(Pattern {
            pieces: vec![Piece::Title],
        });
    }
    Some(Pattern { pieces })
}

/// `text` with the first run of digits that reads `number` as a
/// placeholder.
fn numbered_text(text: &str, number: Option<u32>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    if text.is_empty() {
        return pieces;
    }
    match number.and_then(|n| Some((n, digit_run(text, n)?))) {
        Some((n, (start, end))) => {
            if start > 0 {
                pieces.push(Piece::Text(text[..start].to_string()));
            }
            let digits = end - start;
            let width = if digits > n.to_string().len() {
                digits
            } else {
                0
            };
            pieces.push(Piece::Number { width });
            if end < text.len() {
                pieces.push(Piece::Text(text[end..].to_string()));
            }
        }
        None => pieces.push(Piece::Text(text.to_string())),
    }
    pieces
}

/// A prefix every title shares (`Architecture Decision Record: `), cut
/// after a `:` or a dash.
fn common_prefix(records: &[&Record]) -> Option<String> {
    let headings: Vec<&str> = records
        .iter()
        .filter_map(|r| r.heading.as_deref())
        .collect();
    if headings.len() < 2 {
        return None;
    }
    let first = headings[0];
    let mut len = first.len();
    for h in &headings[1..] {
        len = len.min(
            first
                .char_indices()
                .zip(h.chars())
                .take_while(|((_, a), b)| a == b)
                .last()
                .map_or(0, |((i, a), _)| i + a.len_utf8()),
        );
    }
    let shared = &first[..len];
    let cut = [": ", " - ", " – ", " — "]
        .iter()
        .filter_map(|s| shared.rfind(s).map(|i| i + s.len()))
        .max()?;
    Some(shared[..cut].to_string())
}

/// How statuses are spelt across `loaded`.
fn statuses(loaded: &[(Record, Option<String>)]) -> Statuses {
    let mut spelled: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut cases: Vec<Case> = Vec::new();
    for (record, text) in loaded {
        let Some(status) = &record.status else {
            continue;
        };
        if matches!(status.kind, StatusKind::Custom(_)) {
            continue;
        }
        let word = status.text.trim();
        if !word.eq_ignore_ascii_case(status.kind.as_str()) {
            continue;
        }
        if let Some(case) = Case::of(word) {
            cases.push(case);
        }
        let decoration = match (record.format, text) {
            (Format::Nygard, Some(text)) => decoration(text, status.line, word),
            _ => String::new(),
        };
        *spelled
            .entry(status.kind.as_str().to_string())
            .or_default()
            .entry(format!("{decoration}{word}"))
            .or_default() += 1;
    }
    let case = vote(cases.into_iter()).map(|p| p.value);
    Statuses {
        spelled: spelled
            .into_iter()
            .filter_map(|(kind, ways)| {
                let best = ways.into_iter().max_by_key(|(_, n)| *n)?.0;
                Some((kind, best))
            })
            .collect(),
        case,
    }
}

/// An emoji or symbol written before the status word (`✅ `), which the
/// folder's index may rely on.
fn decoration(text: &str, line: usize, word: &str) -> String {
    let Some(raw) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let Some(at) = raw.find(word) else {
        return String::new();
    };
    let before = raw[..at].trim_start_matches(['>', ' ', '\t']);
    let symbols = !before.trim().is_empty()
        && before.chars().all(|c| {
            c.is_whitespace() || c == '\u{fe0f}' || (!c.is_ascii() && !c.is_alphanumeric())
        });
    if symbols {
        before.to_string()
    } else {
        String::new()
    }
}

/// The level-2 headings of a record, but its Status.
fn sections(text: &str) -> Vec<String> {
    let mut fence = Fence::default();
    lines(text, 0, 1)
        .filter(|l| !fence.is_code(l.text))
        .filter_map(|l| match atx_heading(l.text) {
            Some((2, heading)) => Some(heading.trim().to_string()),
            _ => None,
        })
        .filter(|h| !h.to_ascii_lowercase().starts_with("status") && !h.is_empty())
        .collect()
}

/// The text before the date on a record's date line (`Date: `,
/// `**Date:** `).
fn date_line(record: &Record, text: &str) -> Option<String> {
    let date = record.date_text.as_deref()?.trim();
    let line = text
        .lines()
        .find(|l| l.contains(date) && !l.starts_with('#'))?;
    let before = &line[..line.find(date)?];
    let key = before.trim_start_matches(['-', '*', ' ', '>']);
    let is_key = key.to_ascii_lowercase().trim_matches(['*', '_', ':', ' ']) == "date";
    (is_key && !before.trim_start().starts_with('-')).then(|| before.to_string())
}

/// A record's date and status lines as a template writes them
/// (`**Date:** DATE  `), in its order; none when either is a bullet, a
/// heading or a table row, which the built-in templates write already.
fn field_lines(record: &Record, text: &str) -> Vec<String> {
    let date = record.date_text.as_deref().map(str::trim);
    let mut found = Vec::new();
    for line in text.lines().take(60) {
        let start = line.trim_start();
        if start.starts_with(['-', '#', '|', '>']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon]
            .trim_matches(['*', '_', ' '])
            .to_ascii_lowercase();
        let value_at = colon
            + 1
            + line[colon + 1..]
                .find(|c: char| !matches!(c, '*' | '_' | ' '))
                .unwrap_or(line.len() - colon - 1);
        let (before, value) = line.split_at(value_at);
        let trailing = &value[value.trim_end().len()..];
        let placeholder = match key.as_str() {
            "status" => "STATUS",
            "date" if date.is_some_and(|d| value.trim() == d) => "DATE",
            _ => continue,
        };
        if found.iter().any(|l: &String| l.contains(placeholder)) {
            continue;
        }
        found.push(format!("{before}{placeholder}{trailing}"));
    }
    // Bullets (`- Status:`) were skipped above: a record with no key line
    // for its status is written by the built-in bullets template.
    if found.iter().any(|l| l.contains("STATUS")) {
        found
    } else {
        Vec::new()
    }
}

/// The folder's own template: a file named like one (`template.md`,
/// `adr-template.md`, `0000-template.md`, `TEMPLATE.md`,
/// `ADRXXX-…-template.md`), else the only file of `templates/`.
/// adr-tools' `templates/template.md` is not here: it is taken first, as
/// adr-tools does.
#[cfg(test)]
pub(crate) fn own_template(dir: &Path) -> Option<PathBuf> {
    own_template_listed(&Listing::read_existing(dir).ok()?)
}

/// [`own_template`] from a listing of the folder.
pub(crate) fn own_template_listed(listing: &Listing) -> Option<PathBuf> {
    const PREFERRED: &[&str] = &[
        "template.md",
        "adr-template.md",
        "0000-template.md",
        "_template.md",
    ];
    if !listing.found() {
        return None;
    }
    let dir = listing.dir();
    let mut named: Vec<(usize, String)> = listing
        .entries()
        .iter()
        .filter(|e| e.kind.is_file())
        .filter_map(|e| e.name.to_str().map(str::to_string))
        .filter_map(|file| {
            let stem = super::search::markdown_stem(&file)?;
            let lower = stem.to_ascii_lowercase();
            if !lower.contains("template") || super::search::is_record_name(stem) {
                return None;
            }
            let rank = PREFERRED
                .iter()
                .position(|p| p.eq_ignore_ascii_case(&file))
                .unwrap_or(PREFERRED.len());
            Some((rank, file))
        })
        .collect();
    named.sort();
    if let Some((_, file)) = named.first() {
        return Some(dir.join(file));
    }
    let templates = dir.join("templates");
    // Regular files only: a symlink could lead out of the repository.
    let mut own: Vec<PathBuf> = fs::read_dir(&templates)
        .ok()?
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("md")))
        .collect();
    own.sort();
    (own.len() == 1).then(|| own.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> RecordFile {
        let (path, stem) = match name.strip_suffix("/README.md") {
            Some(folder) => (PathBuf::from(name), folder.to_string()),
            None => (
                PathBuf::from(name),
                name.trim_end_matches(".md")
                    .trim_end_matches(".MD")
                    .to_string(),
            ),
        };
        RecordFile {
            number: name::number(&stem),
            path,
            stem,
            log: PathBuf::new(),
            within: None,
            regular: false,
        }
    }

    fn shape(name: &str) -> String {
        name_shape(&file(name)).map_or("-".into(), |p| p.to_string())
    }

    #[test]
    fn the_newest_in_order() {
        let files: Vec<RecordFile> = [
            "0003-c.md",
            "2020-01-02-b.md",
            "0010-j.md",
            "2020-01-01-a.md",
            "0002-b.md",
            "notes.md",
        ]
        .iter()
        .map(|n| file(n))
        .collect();
        let stems =
            |count| -> Vec<String> { newest(&files, count).into_iter().map(|f| f.stem).collect() };
        assert_eq!(stems(3), ["0002-b", "0003-c", "0010-j"]);
        assert_eq!(
            stems(10),
            [
                "notes",
                "2020-01-01-a",
                "2020-01-02-b",
                "0002-b",
                "0003-c",
                "0010-j"
            ]
        );
        assert!(stems(0).is_empty());
    }

    #[test]
    fn name_shapes() {
        assert_eq!(shape("0001-record-decisions.md"), "{number:4}-{slug}.md");
        assert_eq!(shape("adr-015-thing.md"), "adr-{number:3}-{slug}.md");
        assert_eq!(shape("ADR012-thing.md"), "ADR{number:3}-{slug}.md");
        assert_eq!(shape("DR003-thing.MD"), "DR{number:3}-{slug}.MD");
        assert_eq!(
            shape("ADR-001_Title_Words.md"),
            "ADR-{number:3}_{Slug:_}.md"
        );
        assert_eq!(shape("001-Use-AWS.md"), "{number:3}-{Slug}.md");
        assert_eq!(shape("0000_snake_case.md"), "{number:4}_{slug:_}.md");
        assert_eq!(shape("adr-05.md"), "adr-{number:2}.md");
        assert_eq!(shape("20201016-use-x.md"), "{date:%Y%m%d}-{slug}.md");
        assert_eq!(
            shape("2021_05_06_bus_split.md"),
            "{date:%Y_%m_%d}_{slug:_}.md"
        );
        assert_eq!(shape("2020-03-03-Api-Cover.md"), "{date}-{Slug}.md");
        assert_eq!(
            shape("20240603162604-msw.md"),
            "{date:%Y%m%d%H%M%S}-{slug}.md"
        );
        assert_eq!(
            shape("20240509-adr-0001-use-x.md"),
            "{date:%Y%m%d}-adr-{number:4}-{slug}.md"
        );
        assert_eq!(shape("2022-11-09-api/README.md"), "{date}-{slug}/README.md");
        assert_eq!(shape("multiple-sites.md"), "-");
    }

    fn record(stem: &str, heading: &str) -> Record {
        let text = format!("# {heading}\n\n## Status\n\nAccepted\n");
        Record::parse(PathBuf::from(format!("{stem}.md")), stem, &text)
    }

    fn heading(stem: &str, text: &str) -> String {
        heading_shape(&record(stem, text)).map_or("-".into(), |p| p.to_string())
    }

    #[test]
    fn heading_shapes() {
        assert_eq!(heading("0007-x", "7. Use X"), "{number}. {title}");
        assert_eq!(
            heading("adr-114-x", "ADR 114: Partly undo"),
            "ADR {number}: {title}"
        );
        assert_eq!(
            heading("ADR012-x", "ADR012: Use X"),
            "ADR{number:3}: {title}"
        );
        assert_eq!(heading("0062-x", "0062. Use X"), "{number:4}. {title}");
        assert_eq!(
            heading("0001-x", "1) Use PSR-16 {#adr_0001}"),
            "{number}) {title} {{#adr_{number:4}}}"
        );
        assert_eq!(heading("0033-x", "3. Networking"), "{title}");
        assert_eq!(heading("multiple-sites", "Multiple sites"), "{title}");
        assert_eq!(
            heading("adr-001-x", "Architecture Decision Record: Use ADRs"),
            "Architecture Decision Record: {title}"
        );
    }

    #[test]
    fn shared_title_prefixes() {
        let a = record("a", "Decision: Use A");
        let b = record("b", "Decision: Use B");
        assert_eq!(common_prefix(&[&a, &b]).as_deref(), Some("Decision: "));
        let c = record("c", "Use C");
        assert_eq!(common_prefix(&[&a, &c]), None);
    }

    #[test]
    fn statuses_as_written() {
        let nygard = |status: &str| {
            let text = format!("# 1. A\n\n## Status\n\n{status}\n");
            (
                Record::parse(PathBuf::from("0001-a.md"), "0001-a", &text),
                Some(text),
            )
        };
        let loaded = [
            nygard("✅ Accepted"),
            nygard("✅ Accepted"),
            nygard("🤔 Proposed"),
        ];
        let found = statuses(&loaded);
        assert_eq!(found.spelled["accepted"], "✅ Accepted");
        assert_eq!(found.spelled["proposed"], "🤔 Proposed");
        assert_eq!(found.case, Some(Case::Capital));
        let lower = [nygard("accepted")];
        let convention = Convention {
            statuses: Part::default(statuses(&lower)),
            ..Convention::default()
        };
        assert_eq!(convention.spell("Proposed").as_deref(), Some("proposed"));
        assert_eq!(convention.spell("accepted").as_deref(), Some("accepted"));
        assert_eq!(Convention::default().spell("accepted"), None);
    }

    #[test]
    fn supersession_spelling() {
        assert_eq!(
            supersession_spellings("Superceded by [2. X](0002-x.md)\n- Supercedes [1](1.md)\n"),
            (0, 2)
        );
        assert_eq!(
            supersession_spellings("- Status: superseded by [x](x.md)\nWe supercede nothing.\n"),
            (1, 0)
        );
    }

    #[test]
    fn bold_key_lines_are_learnt_bullets_are_not() {
        let text =
            "# ADR-007: Keep rows\n\n**Date:** 2024-02-01  \n**Status:** Accepted\n\n## Context\n";
        let record = Record::parse(PathBuf::from("007-keep-rows.md"), "007-keep-rows", text);
        assert_eq!(
            field_lines(&record, text),
            ["**Date:** DATE  ", "**Status:** STATUS"]
        );
        let bullets = "# Keep rows\n\n- Status: accepted\n- Date: 2024-02-01\n";
        let record = Record::parse(PathBuf::from("007-keep-rows.md"), "007-keep-rows", bullets);
        assert!(field_lines(&record, bullets).is_empty());
    }

    #[test]
    fn own_templates_by_preference() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path();
        assert_eq!(own_template(dir), None);
        fs::write(dir.join("ADRXXX-decision-record-template.md"), "# T\n").expect("write");
        assert_eq!(
            own_template(dir),
            Some(dir.join("ADRXXX-decision-record-template.md"))
        );
        fs::write(dir.join("adr-template.md"), "# T\n").expect("write");
        assert_eq!(own_template(dir), Some(dir.join("adr-template.md")));
        fs::write(
            dir.join("0039-use-velocity-as-template-engine.md"),
            "# 39\n",
        )
        .expect("write");
        fs::write(dir.join("template.md"), "# T\n").expect("write");
        assert_eq!(own_template(dir), Some(dir.join("template.md")));
    }

    #[test]
    fn an_empty_folder_is_adr_tools() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let convention = Convention::infer(&tmp.path().join("missing"), &NewConfig::default());
        assert_eq!(convention, Convention::default());
        assert_eq!(
            convention
                .next_number(&tmp.path().join("missing"))
                .expect("number"),
            1
        );
    }
}
