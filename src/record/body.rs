//! One pass over a record's body: the candidates for each field, and the
//! relations stated in it, each with where it came from.
//!
//! Lines are grouped into blocks (a paragraph, a list item, a table row)
//! so that a sentence or a relation wrapped over lines is read whole.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::lines::{Fence, atx_heading, lines};
use super::list_item;
use super::mention::{self, Mention, MentionKind};
use super::metadata::{self, Key, Must, is_relation_key, key_value, metadata_pair};
use super::prose::{self, Mode};
use super::relation::{self, Relation};
use super::sections::{self, SectionKind};
use super::status::Status;
use super::{LinkSource, date, title, yaml};

/// What the body says, before precedence is decided.
#[derive(Default)]
pub(super) struct Body {
    /// The title heading (a level-1 heading that is not a template
    /// section) and its line.
    pub heading: Option<(String, usize)>,
    /// A title found another way: `#25. Title` typed without a space, or
    /// a numbered heading of a lower level opening the file.
    pub fallback_title: Option<String>,
    pub section_inline_status: Option<Status>,
    pub section_lines: Vec<(String, usize)>,
    pub seen_status_section: bool,
    pub bullet_status: Option<(String, usize)>,
    pub table_status: Option<(String, usize)>,
    pub date: Option<(String, usize)>,
    /// The first line of a `## Date` section.
    pub section_date: Option<(String, usize)>,
    /// `**Date**: …` in a footer set off by a rule (`---`) at the end of
    /// the last section: the date when nothing else dates the record.
    pub footer_date: Option<(String, usize)>,
    /// `| __Estado__ | Implementado |`: a field's row in a table set in a
    /// section, the status or date when nothing else states one.
    pub section_table_status: Option<(String, usize)>,
    pub section_table_date: Option<(String, usize)>,
    /// `Updated: …`, `Last updated: …`: a date of last change, dating a
    /// record that states no other date.
    pub updated: Option<(String, usize)>,
    /// Dated entries of a change log, in list order.
    pub changelog: Vec<Entry>,
    /// Link reference definitions: lower-cased label → target.
    pub definitions: HashMap<String, String>,
    pub relations: Vec<(Relation, usize)>,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
}

/// One dated change-log entry.
pub(super) struct Entry {
    pub date: NaiveDate,
    pub date_text: String,
    /// What the entry says after its date.
    pub text: String,
    pub line: usize,
}

/// Lines grouped into one unit of text.
#[derive(Default)]
struct Block {
    text: String,
    /// (byte offset in `text`, line number) of each line.
    lines: Vec<(usize, usize)>,
    item: bool,
    table: bool,
    /// The label of the footnote this block defines (`[^1]: …`).
    footnote: Option<String>,
}

impl Block {
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .iter()
            .rev()
            .find(|(o, _)| *o <= offset)
            .or(self.lines.first())
            .map_or(0, |(_, l)| *l)
    }

    fn first_line(&self) -> usize {
        self.lines.first().map_or(0, |(_, l)| *l)
    }
}

/// The section being read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// Before the first section heading: title, date line, bullets.
    Preamble,
    Section(SectionKind, usize),
}

struct Scanner<'b> {
    body: &'b mut Body,
    place: Place,
    block: Block,
    /// A key such as `**Related ADRs**:` whose list follows.
    pending_key: Option<String>,
    /// The relation verb a section's heading names (`## Supersedes`).
    section_key: Option<String>,
    in_comment: bool,
    /// Whether any non-blank line has been seen (for title fallbacks).
    seen_text: bool,
    /// The heading just read named the record by its id alone.
    id_heading: bool,
    /// The block holds metadata lines (`- Status: …`), read already.
    block_is_metadata: bool,
    /// The keys of a `| Status | Date |` header row, by column, until the
    /// row of values below it.
    columns: Option<Vec<Option<(Key, Must)>>>,
    /// A thematic break (`---`) has been seen since the last heading.
    after_rule: bool,
    /// The line before was a `**Title**:` line, which a long title wraps
    /// onto the next line of its paragraph.
    title_continues: bool,
    /// A `Status:` line's value, read for relations once the lines it
    /// wraps onto are known: `Status: accepted. Supersedes the X part of`
    /// ⏎ `[ADR 6](…)`.
    status_value: Option<Block>,
}

pub(super) fn scan(text: &str, offset: usize, first_line: usize) -> Body {
    let mut body = Body::default();
    let mut scanner = Scanner {
        body: &mut body,
        place: Place::Preamble,
        block: Block::default(),
        pending_key: None,
        section_key: None,
        in_comment: false,
        seen_text: false,
        id_heading: false,
        block_is_metadata: false,
        columns: None,
        after_rule: false,
        title_continues: false,
        status_value: None,
    };
    let mut fence = Fence::default();
    // Text pasted from a word processor: no Markdown heading at all, its
    // section names alone on their lines.
    let plain = !has_headings(text);
    let mut after_blank = true;
    let mut all = lines(text, offset, first_line).peekable();
    while let Some(line) = all.next() {
        if fence.is_code(line.text) {
            scanner.flush();
            after_blank = false;
            continue;
        }
        let next = all.peek().map(|l| l.text);
        if let Some(level) = next.and_then(|n| setext_level(line.text, n)) {
            scanner.flush();
            scanner.heading(level, line.text.trim(), line.number);
            scanner.seen_text = true;
            all.next();
            after_blank = false;
            continue;
        }
        if plain
            && after_blank
            && next.is_none_or(|n| n.trim().is_empty())
            // The title only from the text's first line, and not below front
            // matter, which has a title of its own.
            && let Some(level) = plain_heading(line.text, !scanner.seen_text && offset == 0)
        {
            scanner.flush();
            scanner.heading(level, line.text.trim().trim_end_matches(':'), line.number);
            scanner.seen_text = true;
            after_blank = false;
            continue;
        }
        after_blank = line.text.trim().is_empty();
        scanner.line(line.text, line.number);
    }
    scanner.flush();
    body
}

/// Whether `text` has a Markdown heading, ATX (`## X`) or setext (`X`
/// over `===`), outside code.
fn has_headings(text: &str) -> bool {
    let mut fence = Fence::default();
    let mut before: Option<&str> = None;
    for line in text.lines() {
        if fence.is_code(line) {
            before = None;
            continue;
        }
        if atx_heading(line).is_some() || before.is_some_and(|b| setext_level(b, line).is_some()) {
            return true;
        }
        before = Some(line);
    }
    false
}

/// `Title` over `=====` (1) or `-----` (2): a setext heading, when `line`
/// is a paragraph's text (not a list item, table row, quote or field).
fn setext_level(line: &str, underline: &str) -> Option<usize> {
    let under = underline.trim_end();
    let indent = under.len() - under.trim_start().len();
    let marks = under.trim_start();
    let (level, mark) = match marks.bytes().next()? {
        b'=' => (1, b'='),
        b'-' => (2, b'-'),
        _ => return None,
    };
    if indent > 3 || !marks.bytes().all(|b| b == mark) {
        return None;
    }
    let text = line.trim();
    let line_indent = line.len() - line.trim_start().len();
    let (_, item, table) = block_line(text);
    let paragraph = !text.is_empty()
        && line_indent <= 3
        && !item
        && !table
        && !text.starts_with(['>', '<', '|'])
        && atx_heading(line).is_none()
        // `Status: Accepted` over a rule is a field, then a break.
        && (level == 1 || metadata_pair(text).is_none());
    paragraph.then_some(level)
}

/// In a document without headings, a line alone that names a section
/// (`Status`, `Context:`) is a section heading (2), and the first such line
/// that reads as a title is the title (1).
fn plain_heading(line: &str, wants_title: bool) -> Option<usize> {
    let text = line.trim();
    if text.is_empty() || text.len() > 200 {
        return None;
    }
    let (_, item, table) = block_line(text);
    if item || table || text.starts_with(['>', '<', '[', '!']) {
        return None;
    }
    let name = text.trim_end_matches(':');
    let known = sections::classify(name) != SectionKind::Other || sections::is_section_name(name);
    if name.len() <= 48 && !name.contains(':') && known {
        return Some(2);
    }
    // `consists of two parts:` opens a list; a title ends in no stop.
    let sentence = text.ends_with(['.', ',', ';', ':']);
    (wants_title && !sentence && metadata_pair(text).is_none() && title::can_be_title(text))
        .then_some(1)
}

impl Scanner<'_> {
    fn section(&self) -> Option<&SectionKind> {
        match &self.place {
            Place::Preamble => None,
            Place::Section(kind, _) => Some(kind),
        }
    }

    fn line(&mut self, raw: &str, number: usize) {
        let cleaned = self.without_comments(raw);
        let text: &str = &cleaned;
        let title_continues = std::mem::take(&mut self.title_continues);
        if let Some((level, heading)) = atx_heading(text) {
            self.flush();
            self.heading(level, heading, number);
            // An id alone (`### **ADR_000-00**:`) is not yet the text.
            self.seen_text |= !std::mem::take(&mut self.id_heading);
            return;
        }
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.flush();
            return;
        }
        if !self.seen_text {
            let heading = title::stray_marked_heading(trimmed).or_else(|| {
                (self.place == Place::Preamble && self.body.heading.is_none())
                    .then(|| title::labelled_title(trimmed))
                    .flatten()
            });
            if let Some(heading) = heading {
                self.flush();
                self.heading(1, heading, number);
                self.seen_text = true;
                return;
            }
            self.seen_text = true;
            if let Some(heading) = title::unspaced_heading(trimmed)
                && self.body.heading.is_none()
            {
                self.body.fallback_title = Some(heading.to_string());
                return;
            }
        }
        if let Some(label) = footnote_label(trimmed) {
            self.flush();
            self.block.footnote = Some(label.to_string());
        } else if trimmed.starts_with('[')
            && let Some((label, target)) = relation::definition(trimmed)
        {
            self.flush();
            self.body.definitions.entry(label).or_insert(target);
            return;
        }
        let (content, item, table) = block_line(trimmed);
        let bold_key = content.starts_with("**") && key_value(content).is_some();
        if let Some(value) = &mut self.status_value {
            if !item && !table && !trimmed.starts_with('>') && key_value(content).is_none() {
                value.text.push(' ');
                value.lines.push((value.text.len(), number));
                value.text.push_str(trimmed);
            } else {
                self.read_status_value();
            }
        }
        if title_continues
            && !item
            && !table
            && !bold_key
            && metadata_pair(trimmed).is_none()
            && let Some(title) = &mut self.body.fallback_title
        {
            title.push(' ');
            title.push_str(trimmed);
            return;
        }
        if item || table || bold_key || self.block.table {
            self.flush();
        }
        if self.line_fields(trimmed, number) {
            self.block_is_metadata = true;
        }
        if self.block.lines.is_empty() {
            self.block.item = item;
            self.block.table = table;
        } else {
            self.block.text.push(' ');
        }
        self.block.lines.push((self.block.text.len(), number));
        // In a list of related records a record's file may be written as
        // code (`` - `docs/adr/0053-x.md` ``); anywhere else code is not read.
        let listing =
            matches!(self.section(), Some(SectionKind::Links)) || self.pending_key.is_some();
        self.block.text.push_str(&blank_code(content, listing));
    }

    /// `<!-- … -->` removed, across lines.
    fn without_comments<'l>(&mut self, line: &'l str) -> Cow<'l, str> {
        if !self.in_comment && !line.contains("<!--") {
            return Cow::Borrowed(line);
        }
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        loop {
            if self.in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        self.in_comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => return Cow::Owned(out),
                }
            }
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    self.in_comment = true;
                    rest = &rest[start + 4..];
                }
                None => {
                    out.push_str(rest);
                    return Cow::Owned(out);
                }
            }
        }
    }

    fn heading(&mut self, level: usize, text: &str, number: usize) {
        self.after_rule = false;
        self.pending_key = None;
        self.section_key = None;
        // `### **ADR_000-00**:` over `### Record decisions`: the id alone
        // leaves the title to the next heading.
        if self.body.heading.is_none()
            && self.body.fallback_title.is_none()
            && self.place == Place::Preamble
            && title::is_only_an_id(text)
        {
            self.id_heading = true;
            return;
        }
        if level == 1 && self.body.heading.is_none() && title::can_be_title(text) {
            // `# CMS- Status: proposed`: the first metadata bullet lost its
            // line break and joined the title.
            let text = match glued_field(text) {
                Some(at) => {
                    if let Some((key, value)) = metadata_pair(&text[at..]) {
                        self.field(key, value.to_string(), &text[at..], number);
                    }
                    text[..at].trim_end_matches(['-', '*', ' '])
                }
                None => text,
            };
            self.body.heading = Some((text.to_string(), number));
            self.read_relations(text, |_| number, Mode::Prose, LinkSource::Prose);
            return;
        }
        // A numbered heading opening a file without a title: `## 33. X`.
        if self.body.heading.is_none()
            && self.body.fallback_title.is_none()
            && self.place == Place::Preamble
            && level <= 3
            && title::can_be_title(text)
            && text.starts_with(|c: char| c.is_ascii_digit())
            && title::clean_title(text) != text
        {
            self.body.fallback_title = Some(text.to_string());
            return;
        }
        let kind = sections::classify(text);
        // `## Use X` opening a file that has no level-1 heading: the title,
        // with the metadata lines under it still the preamble.
        if level > 1
            && !self.seen_text
            && self.body.heading.is_none()
            && self.body.fallback_title.is_none()
            && self.place == Place::Preamble
            && kind == SectionKind::Other
            && title::can_be_title(text)
            && !names_a_relation(&sections::name_of(text))
        {
            self.body.fallback_title = Some(text.to_string());
            return;
        }
        // `# Title`: the template's title, never filled in; what follows
        // is still the preamble.
        if kind == SectionKind::Title && level == 1 {
            return;
        }
        if let SectionKind::Status(inline) = &kind {
            if self.body.seen_status_section {
                self.place = Place::Section(SectionKind::Other, level);
                return;
            }
            self.body.seen_status_section = true;
            if let Some(value) = inline {
                self.body.section_inline_status = Some(Status::new(value, number));
                if !super::status::is_unfilled(value) {
                    self.read_relations(value, |_| number, Mode::Status, LinkSource::Status);
                }
            }
            self.place = Place::Section(kind, level);
            return;
        }
        // A sub-heading belongs to the section above it when that lists
        // options or changes: the `### Option 1` of `## Considered
        // Options`, the `### 2 Nov 2018` of `## Changelog`. (A
        // `### Conventions` under `## More Information` is its own.)
        if let Place::Section(parent, parent_level) = &self.place
            && kind == SectionKind::Other
            && level > *parent_level
            && matches!(parent, SectionKind::Options | SectionKind::Changelog)
        {
            if *parent == SectionKind::Changelog
                && let Some(date) = date::parse(text)
            {
                self.body.changelog.push(Entry {
                    date,
                    date_text: text.to_string(),
                    text: String::new(),
                    line: number,
                });
            }
            return;
        }
        // `## Supersedes`, `## Consequence of`: a heading that is a relation
        // verb lists the records it relates this one to.
        if kind == SectionKind::Other && level > 1 {
            let name = sections::name_of(text);
            if names_a_relation(&name) {
                self.section_key = Some(name);
                self.place = Place::Section(SectionKind::Links, level);
                return;
            }
            // `### 7. Amendment to ADR-0007`: a heading that names its record
            // says it like a sentence would; an option weighed says nothing.
            let weighed = matches!(self.place, Place::Section(SectionKind::Options, _));
            if !weighed && may_name_a_record(text) {
                self.read_relations(text, |_| number, Mode::Prose, LinkSource::Prose);
            }
        }
        self.place = Place::Section(kind, level);
    }

    /// Fields written one to a line: `- Status:`, `Date:`, table rows.
    /// True when the line is a metadata line.
    fn line_fields(&mut self, line: &str, number: usize) -> bool {
        let metadata = matches!(self.place, Place::Preamble)
            || matches!(self.section(), Some(SectionKind::Metadata));
        match self.section() {
            Some(SectionKind::Status(_)) => {
                self.body.section_lines.push((line.to_string(), number));
            }
            Some(SectionKind::Title)
                if self.body.heading.is_none() && self.body.fallback_title.is_none() =>
            {
                self.body.fallback_title = Some(line.to_string());
            }
            Some(SectionKind::Date) if self.body.section_date.is_none() => {
                let value = line.trim_start_matches(['-', '*', '+', '>', ' ']);
                if date::parse(value).is_some() {
                    self.body.section_date = Some((value.to_string(), number));
                }
            }
            _ => {}
        }
        if !metadata {
            let weighed = matches!(self.section(), Some(SectionKind::Options));
            if line.starts_with('|') && !weighed && key_row(line) {
                match metadata_pair(&without_inline_tags(line)) {
                    Some((Key::Status, value)) => {
                        self.body
                            .section_table_status
                            .get_or_insert((value.to_string(), number));
                    }
                    Some((Key::Date, value)) => {
                        self.body
                            .section_table_date
                            .get_or_insert((value.to_string(), number));
                    }
                    _ => {}
                }
            }
            if is_rule(line) {
                self.after_rule = true;
            } else if self.after_rule
                && let Some(field) = footer_field(line)
            {
                match metadata_pair(field) {
                    Some((Key::Date, value)) => {
                        self.body
                            .footer_date
                            .get_or_insert((value.to_string(), number));
                    }
                    Some((Key::Updated, value)) => {
                        self.body.updated.get_or_insert((value.to_string(), number));
                    }
                    _ => {}
                }
            }
            return false;
        }
        if let Some(keys) = self.columns.take() {
            if metadata::is_separator_row(line) {
                self.columns = Some(keys);
                return true;
            }
            if line.starts_with('|') {
                for (key, value) in metadata::column_pairs(&keys, line) {
                    self.field(key, value.to_string(), line, number);
                }
                return true;
            }
        }
        if let Some(keys) = metadata::header_keys(line) {
            self.columns = Some(keys);
            return true;
        }
        let unmarked = without_inline_tags(line);
        if let Some((key, value)) = metadata_pair(whole_line_bold(&unmarked)) {
            self.field(key, value.to_string(), line, number);
            if key == Key::Updated {
                // `**Amended:** 2026-09-10 — the Context, by ADR 0006`: a
                // date of change that names the record that made it.
                self.relation_key_line(line, number);
            }
            return true;
        }
        self.relation_key_line(line, number)
    }

    /// One metadata field found on `line`.
    fn field(&mut self, key: Key, value: String, line: &str, number: usize) {
        match key {
            Key::Status => {
                self.read_status_value();
                let in_a_table = line.starts_with('|') || line.starts_with('>');
                if super::status::is_unfilled(&value) {
                    // A template's choices name no record.
                } else if in_a_table {
                    self.read_relations(&value, |_| number, Mode::Status, LinkSource::Status);
                } else {
                    self.status_value = Some(Block {
                        text: value.clone(),
                        lines: vec![(0, number)],
                        ..Block::default()
                    });
                }
                if in_a_table {
                    self.body.table_status.get_or_insert((value, number));
                } else {
                    self.body.bullet_status.get_or_insert((value, number));
                }
            }
            Key::Date => {
                self.body.date.get_or_insert((value, number));
            }
            Key::Updated => {
                self.body.updated.get_or_insert((value, number));
            }
            Key::Deciders if self.body.deciders.is_empty() => {
                self.body.deciders = yaml::split_list(&value);
            }
            Key::Tags if self.body.tags.is_empty() => {
                self.body.tags = yaml::split_list(&value);
            }
            Key::Title if self.body.heading.is_none() && self.body.fallback_title.is_none() => {
                self.body.fallback_title = Some(value);
                self.title_continues =
                    !line.starts_with(['|', '>', '-', '*', '+']) || line.starts_with("**");
            }
            _ => {}
        }
    }

    /// `Supersedes: [ADR 0004](…)` among `Date:` and `Status:` lines, or a
    /// date alone on a line; true when the line was one.
    fn relation_key_line(&mut self, line: &str, number: usize) -> bool {
        let (content, _, _) = block_line(line);
        let relation_key = key_value(content).and_then(|(k, v)| metadata::relation_key(k, v));
        if let Some(key) = relation_key {
            let block = Block {
                text: blank_code(content, true).into_owned(),
                lines: vec![(0, number)],
                item: true,
                table: content.starts_with('|'),
                footnote: None,
            };
            self.list_block(&block, Some(key));
            return true;
        }
        let value = line.trim_start_matches(['-', '*', '+', ' ']);
        if self.body.date.is_none() && could_be_a_date(value) && date::parse(value).is_some() {
            self.body.date = Some((value.to_string(), number));
            return true;
        }
        false
    }

    /// The relations of a `Status:` line's value and the lines it wrapped onto.
    fn read_status_value(&mut self) {
        if let Some(value) = self.status_value.take() {
            let found = self.read_relations(
                &value.text,
                |o| value.line_at(o),
                Mode::Status,
                LinkSource::Status,
            );
            if found == 0 {
                self.status_without_verb_before(&value);
            }
        }
    }

    /// A status naming records with no verb before them: `Superseded
    /// ([ADR 7](…))`, `置き換え済み（[0007](…)）`, or with the verb after
    /// them, `採用（[0003](…) を置き換える）`.
    fn status_without_verb_before(&mut self, block: &Block) {
        let mentions = mention::find(&block.text);
        if let Some(r) = superseded_without_by(&block.text, &mentions) {
            self.push(r, block.first_line());
        } else if let Some((verb, chained)) =
            super::list_item::verb_after_records(&block.text, &mentions)
        {
            for k in chained {
                let relation = relation_to(&mentions[k], verb.clone(), LinkSource::Status);
                self.push(relation, block.line_at(mentions[k].start));
            }
        }
    }

    fn flush(&mut self) {
        self.read_status_value();
        let block = std::mem::take(&mut self.block);
        let metadata = std::mem::take(&mut self.block_is_metadata);
        if block.lines.is_empty() {
            return;
        }
        let section = self.section().cloned();
        if let Some(label) = &block.footnote
            && self.status_cites(label)
        {
            // `**Status**: Superseded [^1]` … `[^1]: Superseded by [X](x.md)`:
            // the footnote is part of the status.
            self.read_relations(
                &block.text,
                |o| block.line_at(o),
                Mode::Status,
                LinkSource::Status,
            );
            return;
        }
        match section {
            _ if metadata => {}
            Some(SectionKind::Options) => {}
            Some(SectionKind::Status(_)) => self.status_block(&block),
            Some(SectionKind::Links) => {
                if !block.item {
                    self.pending_key = None;
                }
                let key = self
                    .pending_key
                    .clone()
                    .or_else(|| self.section_key.clone());
                self.list_block(&block, key);
            }
            Some(SectionKind::Changelog) if block.table => {
                // `| v1.0 | 2025-01-03 | First draft |`: a row is an entry,
                // dated by its first cell that is a date.
                let cells = block.text.trim_matches('|').split('|').map(str::trim);
                if let Some((cell, date)) = cells
                    .filter(|c| c.bytes().any(|b| b.is_ascii_digit()))
                    .find_map(|c| date::parse(c).map(|d| (c, d)))
                {
                    self.body.changelog.push(Entry {
                        date,
                        date_text: cell.to_string(),
                        text: block.text.clone(),
                        line: block.first_line(),
                    });
                }
            }
            Some(SectionKind::Changelog) => {
                // An entry starts with its date: a digit comes early.
                let dated = block.text.bytes().take(40).any(|b| b.is_ascii_digit());
                if let Some((date, end)) = dated.then(|| date::leading(&block.text)).flatten() {
                    self.body.changelog.push(Entry {
                        date,
                        date_text: block.text[..end].trim().to_string(),
                        text: block.text[end..].trim().to_string(),
                        line: block.first_line(),
                    });
                }
                self.prose_block(&block);
            }
            _ => self.other_block(&block),
        }
    }

    /// The Status section: relations with verbs, and adr-tools' custom
    /// verbs at the start of a paragraph (`Checks [2. X](0002-x.md)`).
    fn status_block(&mut self, block: &Block) {
        if !may_name_a_record(&block.text) && !block.text.bytes().any(|b| b.is_ascii_digit()) {
            return;
        }
        if super::status::is_unfilled(&block.text) {
            return;
        }
        let found = self.read_relations(
            &block.text,
            |o| block.line_at(o),
            Mode::Status,
            LinkSource::Status,
        );
        if found == 0 {
            match custom_verb_line(&block.text) {
                Some(r) => self.push(r, block.first_line()),
                None => self.status_without_verb_before(block),
            }
        }
    }

    /// Blocks outside the special sections: a key naming a relation
    /// (`**Extends**: [ADR 53](…)`, `| Supersedes | ADR-5 |`) is read as a
    /// list of related records; anything else as prose.
    fn other_block(&mut self, block: &Block) {
        let key = key_value(&block.text)
            .and_then(|(k, v)| metadata::relation_key(k, v).map(|key| (key, v)));
        if let Some((key, value)) = key {
            if value.trim().is_empty() {
                self.pending_key = Some(key);
                return;
            }
            self.list_block(block, Some(key));
            return;
        }
        if block.item
            && let Some(key) = self.pending_key.clone()
        {
            self.list_block(block, Some(key));
            return;
        }
        self.pending_key = None;
        if block.table {
            return;
        }
        self.prose_block(block);
    }

    /// Whether the status, wherever it was written, cites footnote `label`.
    fn status_cites(&self, label: &str) -> bool {
        let marker = format!("[^{label}]");
        let body = &self.body;
        body.bullet_status
            .iter()
            .chain(&body.table_status)
            .any(|(t, _)| t.contains(&marker))
            || body
                .section_inline_status
                .as_ref()
                .is_some_and(|s| s.text.contains(&marker))
            || body.section_lines.iter().any(|(t, _)| t.contains(&marker))
    }

    fn prose_block(&mut self, block: &Block) {
        if !may_name_a_record(&block.text) {
            return;
        }
        self.read_relations(
            &block.text,
            |o| block.line_at(o),
            Mode::Prose,
            LinkSource::Prose,
        );
    }

    /// An item of a Links-like list: its verbs if it has any, else every
    /// record it links to is related (`- [ADR 57](0057-x.md) - the mixin`).
    fn list_block(&mut self, block: &Block, key: Option<String>) {
        let text = &block.text;
        // `- ADR-0003: Persistence` names a record, not a key.
        let own = key_value(text).filter(|(k, _)| super::name::number_in_reference(k).is_none());
        // `superseded_by: 0007-use-x`: under a key naming the relation, a
        // record may be named by its file stem alone.
        let own_relation = own.and_then(|(k, v)| metadata::relation_key(k, v));
        let under_relation_key = match own {
            Some(_) => own_relation.is_some(),
            None => key.as_deref().is_some_and(is_relation_key),
        };
        let names_by_stem = under_relation_key && text.bytes().any(|b| b.is_ascii_digit());
        if !may_name_a_record(text) && !names_by_stem {
            if let Some((k, v)) = own
                && v.trim().is_empty()
            {
                self.pending_key = Some(k.to_string());
            }
            return;
        }
        if let Some((k, v)) = own
            && v.trim().is_empty()
        {
            // `Related ADRs:` with its list below.
            self.pending_key = Some(k.to_string());
            return;
        }
        // Where the value starts: it is a part of `text`.
        let (key, value_at) = match own {
            Some((k, v)) => (
                Some(own_relation.unwrap_or_else(|| k.to_string())),
                (v.as_ptr() as usize).saturating_sub(text.as_ptr() as usize),
            ),
            None => (key, 0),
        };
        let before = self.body.relations.len();
        let found =
            self.read_relations(text, |o| block.line_at(o), Mode::Prose, LinkSource::Section);
        if found > 0 {
            // `- Supersedes [X](x.md)`, `**Extends**: [X](x.md)`: written as a
            // relation, not found in a sentence.
            let keyed = key.as_deref().is_some_and(|k| {
                let d = crate::graph::verb::direction(k);
                !d.symmetric && crate::graph::verb::is_known(k)
            });
            if (block.item && is_link_line(text)) || keyed {
                for (r, _) in &mut self.body.relations[before..] {
                    r.listed = true;
                }
            }
            return;
        }
        let value = &text[value_at..];
        // `Supersedes: none (extends ADR-5)` said its relation above;
        // `Supersedes: none in this repo (v2's ADR-0011 …)` names nothing.
        if under_relation_key && says_none(value) {
            return;
        }
        // `Supersedes: 0001`, `Amends: 3, 7`: under a key that is a verb
        // of relation, a value of numbers alone names records by number
        // (`Related Issue: #110` names an issue).
        // `key` is the item's own key by now.
        let verb_key = key
            .as_deref()
            .is_some_and(|k| crate::graph::verb::is_known(&k.replace('_', " ")));
        let mentions = if verb_key && only_numbers(value) {
            mention::find_in_status(text)
        } else if names_by_stem {
            mention::find_with_stems(text)
        } else {
            mention::find(text)
        };
        // `- Habilita ADR-5`, `- [ADR-3](…) (depends on)`: the item's own
        // verb, in any language the vocabulary knows, gives its kind.
        if let Some((verb, named)) = list_item::verb_of(text, &mentions, value_at) {
            for k in named {
                let m = &mentions[k];
                let relation = Relation {
                    listed: block.item,
                    ..relation_to(m, verb.clone(), LinkSource::Section)
                };
                self.push(relation, block.line_at(m.start));
            }
            return;
        }
        if let Some(r) = custom_verb_line(text) {
            let r = Relation {
                source: LinkSource::Section,
                listed: block.item,
                ..r
            };
            self.push(r, block.first_line());
            return;
        }
        // A sentence in a References section names records in passing; a
        // list item, a table row or a line of links lists them.
        if !block.item && !block.table && key.is_none() && words_outside_links(text) > 3 {
            return;
        }
        let verb = key
            .as_deref()
            .map(|k| k.replace('_', " "))
            .filter(|k| crate::graph::verb::is_known(k));
        // Bare ids count under a key naming the relation (`Related ADRs:
        // ADR-3, ADR-7`); in a References list an `ADR 36` may be another
        // project's numbering.
        let bare_ok = key.as_deref().is_some_and(is_relation_key);
        // An item that opens with a record's id or file name lists that
        // record (`- ADR-0003 – Persistence`, `- @docs/adr/0003-x.md`),
        // unless a link says which (`- ADR 34: [X](0045-x.md)` in a log
        // that renumbered its records).
        let linked = mentions.iter().any(|m| m.kind != MentionKind::Bare);
        let opening = mentions
            .iter()
            .find(|m| m.start >= value_at)
            .filter(|m| {
                block.item
                    && !linked
                    && m.kind == MentionKind::Bare
                    && text[value_at..m.start]
                        .trim_matches(['@', '*', '_', ' '])
                        .is_empty()
            })
            .map(|m| m.start);
        let directed = verb.as_deref().filter(|v| {
            !crate::graph::verb::direction(v).symmetric && !v.to_lowercase().contains("part")
        });
        for (k, m) in mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start >= value_at)
        {
            if m.kind == MentionKind::Bare && !bare_ok && Some(m.start) != opening {
                continue;
            }
            // `| Supersedes | ADR-1, ADR-3 (partly) |`: the note after one
            // record makes the relation to it partial.
            let note = &text[m.end..mentions.get(k + 1).map_or(text.len(), |n| n.start)];
            // `**Substitui:** a parte de front-end do [ADR 2](…)`: the words
            // before it name a part of the record.
            let lead_from = k
                .checked_sub(1)
                .and_then(|p| mentions.get(p))
                .map_or(value_at, |p| p.end.max(value_at));
            let lead = text.get(lead_from..m.start).unwrap_or("");
            let verb = match directed {
                Some(v) if says_in_part(note) || super::prose::names_a_part(lead) => {
                    Some(format!("{v} in part"))
                }
                _ => verb.clone(),
            };
            let relation = Relation {
                verb: verb.clone().unwrap_or_else(|| "Relates to".into()),
                target: m.target.clone(),
                text: m.text.clone(),
                by_reference: m.kind == MentionKind::Reference,
                definition: None,
                source: LinkSource::Section,
                implied: verb.is_none(),
                listed: verb
                    .as_deref()
                    .is_some_and(|v| !crate::graph::verb::direction(v).symmetric),
            };
            self.push(relation, block.line_at(m.start));
        }
    }

    /// Reads the relations `text` states; returns how many.
    fn read_relations(
        &mut self,
        text: &str,
        line_of: impl Fn(usize) -> usize,
        mode: Mode,
        source: LinkSource,
    ) -> usize {
        let status = mode == Mode::Status;
        // A status may name its successor by number alone (`Superseded by 3`).
        let named = may_name_a_record(text) || (status && text.bytes().any(|b| b.is_ascii_digit()));
        if !named {
            return 0;
        }
        let mentions = if status {
            mention::find_in_status(text)
        } else {
            mention::find(text)
        };
        let found = prose::relations(text, &mentions, mode);
        let count = found.len();
        for f in found {
            let m = &mentions[f.mention];
            let relation = relation_to(m, f.verb, source);
            self.push(relation, line_of(m.start));
        }
        count
    }

    fn push(&mut self, relation: Relation, line: usize) {
        self.body.relations.push((relation, line));
    }
}

fn relation_to(m: &Mention, verb: String, source: LinkSource) -> Relation {
    Relation {
        verb,
        target: m.target.clone(),
        text: m.text.clone(),
        by_reference: m.kind == MentionKind::Reference,
        definition: None,
        source,
        implied: false,
        listed: false,
    }
}

/// `none`, `n/a`, `—`, `keine`: a field's value that says there is none.
fn says_none(value: &str) -> bool {
    let value = value.trim_start_matches(['*', '_', '`', ' ']);
    if value.starts_with(['-', '–', '—']) {
        return true;
    }
    let word: String = value
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '/')
        .collect::<String>()
        .to_lowercase();
    matches!(
        word.as_str(),
        "none"
            | "n/a"
            | "na"
            | "nil"
            | "nothing"
            | "no"
            | "keine"
            | "keiner"
            | "aucun"
            | "aucune"
            | "ninguno"
            | "ninguna"
            | "nenhum"
            | "nenhuma"
            | "nessuno"
            | "geen"
            | "なし"
            | "无"
            | "無"
            | "없음"
    )
}

/// `0001`, `3, 7`, `#12 and #14`: numbers and the words that join them.
fn only_numbers(value: &str) -> bool {
    let value = value.trim().trim_end_matches('.');
    value.bytes().any(|b| b.is_ascii_digit())
        && value
            .split([',', ';', '&', ' ', '`', '#', '*'])
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.bytes().all(|b| b.is_ascii_digit())
                    || matches!(w, "and" | "und" | "et" | "y" | "e")
            })
}

/// `Supersedes [X](x.md)`: a verb phrase and one link, alone, as tools
/// write relations in a Links list (not a `Key: [X](x.md)` line).
fn is_link_line(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    let Some(open) = text.find('[') else {
        return false;
    };
    let lead = text[..open].trim();
    if lead.is_empty() || lead.contains(':') || lead.split_whitespace().count() > 5 {
        return false;
    }
    let mentions = mention::find(&text[open..]);
    matches!(mentions.as_slice(), [m] if m.start == 0 && m.end == text.len() - open)
}

/// How many words a text has outside its links.
fn words_outside_links(text: &str) -> usize {
    let mentions = mention::find(text);
    let mut count = 0;
    let mut from = 0;
    for m in mentions.iter().filter(|m| m.kind != MentionKind::Bare) {
        count += text[from..m.start].split_whitespace().count();
        from = m.end;
    }
    count + text[from..].split_whitespace().count()
}

/// A note after a record saying the relation holds only in part:
/// `(partly)`, `in part`, `teilweise`, `en parte`, `một phần`, or that the
/// other record stays in force for some of it (`chỉ còn hiệu lực cho`,
/// `still in force for`).
fn says_in_part(note: &str) -> bool {
    const PARTLY: &[&str] = &[
        "partly",
        "partially",
        "in part",
        "still in force for",
        "remains in force for",
        "teilweise",
        "en parte",
        "em parte",
        "en partie",
        "in parte",
        "gedeeltelijk",
        "một phần",
        "chỉ còn hiệu lực",
    ];
    let note = note.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ':' | '-' | '—' | '–')
    });
    // Only the note of this record: up to the next record's separator.
    let own = note
        .split([';', ',', '|'])
        .next()
        .unwrap_or(note)
        .to_lowercase();
    PARTLY.iter().any(|p| own.contains(p))
}

/// `⌛️ Superseded [19. Use Go](0019-use-go.md)`, `Superseded: ADR-19`:
/// the status word right before the record that took over, its `by` left
/// out; and the Chinese passive `被 ADR-045 取代`, the verb alone after the
/// record. Only the mention the status opens with; what follows is not read.
pub(super) fn superseded_without_by(text: &str, mentions: &[Mention]) -> Option<Relation> {
    let first = mentions.first()?;
    let lead = super::status::strip_decoration(text.get(..first.start)?);
    let word = lead
        .trim_end_matches([':', '-', '–', '—', ' ', '(', '（', '['])
        .trim_end()
        .to_lowercase();
    // `被 ADR-045 取代`: Chinese names the successor between `被` and the verb.
    let passive = word == "被"
        && super::status::chinese_passive_superseded(&format!(
            "被 {} {}",
            first.target,
            text[first.end..].trim().trim_end_matches(['。', '.'])
        ));
    // `Superseded [X]`, `Заменено [X]`, `Zastąpiony przez [X]`: the word
    // alone, in any language the status reader knows, says who took over.
    let superseded = || {
        super::status::normalise(&word) == super::StatusKind::Superseded
            && word.split_whitespace().count() <= 3
    };
    (passive || superseded()).then(|| {
        Relation::status(
            "Superseded by".into(),
            first.target.clone(),
            first.text.clone(),
            first.kind == MentionKind::Reference,
        )
    })
}

/// `Checks [2. X](0002-x.md)`: a capitalised verb phrase of a few words and
/// one link, alone on its line, as adr-tools writes custom relations. A
/// wrapped sentence (`of [ADR 5](…)`) is not one.
fn custom_verb_line(text: &str) -> Option<Relation> {
    // adr-tools writes no full stop; `See [the docs](x.md).` is a sentence.
    let text = text.trim();
    let open = text.find('[')?;
    let lead = text[..open].trim();
    // `Related ADRs: [..]` is a key, not a verb.
    if lead.ends_with(':') {
        return None;
    }
    let words = lead.split_whitespace().count();
    let phrase = (1..=5).contains(&words)
        && lead.starts_with(|c: char| c.is_uppercase())
        && lead
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'');
    // `Accepted [#12](…)` is a status with a link, not a relation.
    let status_word = !matches!(
        super::status::normalise(lead),
        super::StatusKind::Custom(_) | super::StatusKind::Unknown
    );
    if !phrase || status_word {
        return None;
    }
    let mentions = mention::find(&text[open..]);
    let [m] = mentions.as_slice() else {
        return None;
    };
    if m.start != 0 || m.end != text.len() - open || m.kind == MentionKind::Bare {
        return None;
    }
    Some(Relation::status(
        lead.to_string(),
        m.target.clone(),
        m.text.clone(),
        m.kind == MentionKind::Reference,
    ))
}

/// `[^1]: text`: the label of the footnote a line defines.
/// `---`, `***`, `___`, `- - -`: a thematic break.
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3
        && ['-', '*', '_']
            .iter()
            .any(|&m| marks.chars().all(|c| c == m))
}

fn footnote_label(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[^")?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    (!label.is_empty() && label.len() <= 32 && !label.contains(char::is_whitespace))
        .then_some(label)
}

/// The text of a line as block content: quote marks, list bullets and
/// GitHub alert markers removed; whether it starts a list item or is a
/// table row.
fn block_line(line: &str) -> (&str, bool, bool) {
    let mut text = line.trim_start();
    while let Some(rest) = text.strip_prefix('>') {
        text = rest.trim_start();
    }
    if let Some(rest) = text.strip_prefix("[!")
        && let Some(end) = rest.find(']')
    {
        text = rest[end + 1..].trim_start();
    }
    if text.starts_with('|') {
        return (text, false, true);
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return (rest, true, false);
        }
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits)
        && let Some(rest) = text[digits..]
            .strip_prefix(". ")
            .or_else(|| text[digits..].strip_prefix(") "))
    {
        return (rest, true, false);
    }
    (text, false, false)
}

/// Inline code blanked out, so that nothing in it reads as a relation.
/// A line alone can be a date (`June 19, 2018`, `[2022-10-05]`) only when
/// short and holding a digit; most lines are prose, not tried.
fn could_be_a_date(line: &str) -> bool {
    line.len() <= 40 && line.bytes().any(|b| b.is_ascii_digit())
}

/// A quick look before reading a sentence: a record is named by a link
/// (`[`, `<`), an id (`ADR`, `DR`) or a file name (`.md`). Most
/// paragraphs have none, and are not read further.
fn may_name_a_record(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'[' | b'<' => true,
        b'd' | b'D' => bytes
            .get(i + 1)
            .is_some_and(|n| n.eq_ignore_ascii_case(&b'r')),
        b'.' => bytes
            .get(i + 1)
            .is_some_and(|n| n.eq_ignore_ascii_case(&b'm')),
        _ => false,
    })
}

/// With `keep_paths`, a span that holds only a record's file name keeps
/// it, its backticks blanked: `` `docs/adr/0053-x.md` ``.
fn blank_code(text: &str, keep_paths: bool) -> Cow<'_, str> {
    if !text.contains('`') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        let run = rest[start..].bytes().take_while(|&b| b == b'`').count();
        let fence = &rest[start..start + run];
        // Unmatched backticks in a huge line must not make this quadratic.
        let reach = &rest[start + run..];
        let mut cut = reach.len().min(4096);
        while !reach.is_char_boundary(cut) {
            cut -= 1;
        }
        let Some(len) = reach[..cut].find(fence) else {
            break;
        };
        out.push_str(&rest[..start]);
        let end = start + run + len + run;
        let inner = &rest[start + run..start + run + len];
        if keep_paths && is_record_file(inner) {
            out.extend(std::iter::repeat_n(' ', run));
            out.push_str(inner);
            out.extend(std::iter::repeat_n(' ', run));
        } else {
            out.extend(std::iter::repeat_n(' ', end - start));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `docs/adr/0053-x.md`: one word, a Markdown file a record could be.
fn is_record_file(code: &str) -> bool {
    let code = code.trim();
    !code.contains(char::is_whitespace)
        && code.to_ascii_lowercase().ends_with(".md")
        && relation::looks_like_record_path(code)
}

/// A heading that names a relation to the records listed under it:
/// `Supersedes`, `Superseded by`, `Consequence of`, `Depends on`. A bare
/// imperative (`Undo`, `Replace`) titles instructions, not a relation.
fn names_a_relation(name: &str) -> bool {
    let words = name.split_whitespace().count();
    let stated = [" by", " of", " to", " on", " from"]
        .iter()
        .any(|end| name.ends_with(end))
        || (words == 1 && name.ends_with('s'));
    words <= 4 && stated && crate::graph::verb::is_known(name)
}

/// Where a metadata bullet (`- Status: proposed`) that lost its line break
/// starts inside a title, if one did: after some title text, at a `-` or
/// `**Date**: …`, `*Last updated: …*`, `_Updated 2024-01-05_`: a field
/// of a footer, in bold or in italics.
fn footer_field(line: &str) -> Option<&str> {
    if line.starts_with("**") {
        return Some(line);
    }
    let mark = line.chars().next().filter(|c| matches!(c, '*' | '_'))?;
    let inner = line[1..]
        .trim_end()
        .strip_suffix(mark)
        .unwrap_or(&line[1..]);
    (!inner.starts_with(' ')).then_some(inner)
}

/// `*` that opens a known field.
fn glued_field(title: &str) -> Option<usize> {
    title
        .match_indices(['-', '*'])
        .map(|(i, _)| i)
        // Joined means no space before the bullet: `CMS- Status`; `Foo - Bar`
        // is the writer's own dash.
        .filter(|&i| {
            i > 0 && title[i + 1..].starts_with(' ') && !title[..i].ends_with(char::is_whitespace)
        })
        .find(|&i| {
            let field = title[i..].trim_start_matches(['-', '*', ' ']);
            matches!(metadata_pair(field), Some((Key::Status | Key::Date, _)))
                && field.contains(':')
        })
}

/// `| **Status** | Accepted |`: a row of two cells, a key and its value;
/// a wider row is a table of something else.
fn key_row(line: &str) -> bool {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.matches('|').count() == 1
}

/// `**<u>Status</u>**: Proposed`: HTML tags that only style a field's
/// words, taken off so the key reads as written.
fn without_inline_tags(line: &str) -> Cow<'_, str> {
    const TAGS: &[&str] = &[
        "<u>",
        "</u>",
        "<ins>",
        "</ins>",
        "<em>",
        "</em>",
        "<i>",
        "</i>",
        "<mark>",
        "</mark>",
        "<b>",
        "</b>",
        "<strong>",
        "</strong>",
    ];
    if !line.contains("</") {
        return Cow::Borrowed(line);
    }
    let mut out = line.to_string();
    for tag in TAGS {
        if out.contains(tag) {
            out = out.replace(tag, "");
        }
    }
    Cow::Owned(out)
}

/// `**Date: 2024-06-17**`, `<b>日時: 2025-06-17</b>`: a field line set in
/// bold as a whole, key and value.
fn whole_line_bold(line: &str) -> &str {
    for (open, close) in [
        ("**", "**"),
        ("__", "__"),
        ("<b>", "</b>"),
        ("<strong>", "</strong>"),
    ] {
        if let Some(inner) = line.strip_prefix(open).and_then(|r| r.strip_suffix(close))
            && !inner.contains(open)
            && !inner.trim().is_empty()
        {
            return inner.trim();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_that_name_a_relation() {
        assert!(names_a_relation("supersedes"));
        assert!(names_a_relation("superseded by"));
        assert!(names_a_relation("consequence of"));
        assert!(names_a_relation("depends on"));
        assert!(!names_a_relation("undo"));
        assert!(!names_a_relation("replace"));
        assert!(!names_a_relation("consequences"));
        assert!(!names_a_relation("context"));
    }

    #[test]
    fn field_keys_styled_with_html() {
        assert_eq!(
            without_inline_tags("**<u>Status</u>**:\tProposed"),
            "**Status**:\tProposed"
        );
        assert_eq!(
            metadata_pair(&without_inline_tags("**<u>Status</u>**:\tProposed")),
            Some((Key::Status, "Proposed"))
        );
        assert!(matches!(without_inline_tags("a <br> b"), Cow::Borrowed(_)));
    }

    #[test]
    fn field_lines_set_in_bold_as_a_whole() {
        for (line, date) in [
            ("**Date: 2024-06-17**", "2024-06-17"),
            ("<b>日時: 2025-06-17</b>", "2025-06-17"),
            ("**Date:** 2024-06-18", "2024-06-18"),
        ] {
            let record = crate::record::Record::parse(
                "0001-a.md".into(),
                "0001-a",
                &format!("# 1. A\n\n{line}\n\n## Status\n\nAccepted\n"),
            );
            assert_eq!(record.date_text.as_deref(), Some(date), "{line}");
        }
        assert_eq!(
            whole_line_bold("**Note** and **more**"),
            "**Note** and **more**"
        );
    }

    #[test]
    fn a_field_joined_to_the_title() {
        assert_eq!(glued_field("Queue- Status: proposed"), Some(5));
        assert_eq!(glued_field("Queue * Date: 2021-02-03"), None);
        assert_eq!(glued_field("Queue - Status: proposed"), None);
        assert_eq!(glued_field("Read-only mode"), None);
        assert_eq!(glued_field("Queue- Owner: Ada"), None);
    }

    #[test]
    fn custom_verbs_only_alone_and_capitalised() {
        assert_eq!(
            custom_verb_line("Checks [2. X](0002-x.md)").map(|r| r.verb),
            Some("Checks".into())
        );
        assert_eq!(custom_verb_line("of [ADR 5](adr-5.md)"), None);
        assert_eq!(custom_verb_line("Accepted [ADR 5](adr-5.md)"), None);
        assert_eq!(custom_verb_line("Checks [2. X](0002-x.md) and more"), None);
    }
}
