//! The record cache's encoding: length-prefixed fields in a fixed order,
//! little-endian. Decoding checks every length against what is left and
//! every tag against the values it may take, so any bytes at all decode
//! to a record or to `None`, never to a panic or an allocation larger
//! than the input.

use chrono::{Datelike, NaiveDate};

use crate::diagnostic::{Diagnostic, Severity};
use crate::record::facts::{TEMPLATE_TEXT, TemplateHit, TextFacts};
use crate::record::{
    Format, FrontMatter, FrontMatterKind, Link, LinkSource, Record, Status, StatusKind,
};

/// The rules the reader gives its problems: a diagnostic keeps a
/// `&'static str`, so a decoded one must be one of these. A record with a
/// problem of another rule is not cached.
const RULES: &[&str] = &["unreadable", "front-matter", "bad-date"];

#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }

    pub(crate) fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn i64(&mut self, v: i64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    /// Bytes of a length both sides know.
    pub(crate) fn raw(&mut self, v: &[u8]) {
        self.bytes.extend_from_slice(v);
    }

    /// A count or small number: seven bits a byte.
    pub(crate) fn var(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.bytes.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.bytes.push(v as u8);
    }

    pub(crate) fn usize(&mut self, v: usize) {
        self.var(v as u64);
    }

    pub(crate) fn bytes(&mut self, v: &[u8]) {
        self.usize(v.len());
        self.bytes.extend_from_slice(v);
    }

    pub(crate) fn str(&mut self, v: &str) {
        self.bytes(v.as_bytes());
    }

    pub(crate) fn opt<T>(&mut self, v: Option<T>, f: impl FnOnce(&mut Self, T)) {
        match v {
            None => self.u8(0),
            Some(v) => {
                self.u8(1);
                f(self, v);
            }
        }
    }

    pub(crate) fn opt_str(&mut self, v: Option<&str>) {
        self.opt(v, Self::str);
    }

    pub(crate) fn strs(&mut self, v: &[String]) {
        self.usize(v.len());
        for s in v {
            self.str(s);
        }
    }
}

pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { rest: bytes }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.rest.len()
    }

    pub(crate) fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn var(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    pub(crate) fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.var()?).ok()
    }

    /// A count of items each at least one byte long: never more than
    /// what is left, so no allocation outgrows the input.
    pub(crate) fn count(&mut self) -> Option<usize> {
        self.usize().filter(|&n| n <= self.rest.len())
    }

    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.usize()?;
        self.take(n)
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.bytes()?).ok()
    }

    pub(crate) fn string(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    pub(crate) fn opt<T>(&mut self, f: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.u8()? {
            0 => Some(None),
            1 => f(self).map(Some),
            _ => None,
        }
    }

    pub(crate) fn opt_string(&mut self) -> Option<Option<String>> {
        self.opt(Self::string)
    }

    pub(crate) fn strings(&mut self) -> Option<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.string()).collect()
    }
}

/// Whether `record` can be cached: its problems' rules are known here.
pub(crate) fn cacheable(record: &Record) -> bool {
    record.problems.iter().all(|p| RULES.contains(&p.rule))
}

/// Writes what the reader found in a text; the path and the resolved
/// link targets are not kept (they are the scan's and the log's).
pub(crate) fn put_record(w: &mut Writer, r: &Record) {
    w.opt(r.number, |w, n| w.var(u64::from(n)));
    w.opt_str(r.heading.as_deref());
    w.opt(r.heading_line, Writer::usize);
    w.opt_str(r.title.as_deref());
    w.opt(r.date, |w, d| w.i64(i64::from(d.num_days_from_ce())));
    w.opt_str(r.date_text.as_deref());
    w.opt(r.status.as_ref(), |w, s| {
        w.str(&s.text);
        put_kind(w, &s.kind);
        w.usize(s.line);
    });
    w.usize(r.links.len());
    for link in &r.links {
        w.str(&link.kind);
        w.str(&link.raw);
        w.opt_str(link.text.as_deref());
        w.opt_str(link.definition.as_deref());
        w.usize(link.line);
        w.u8(match link.source {
            LinkSource::Status => 0,
            LinkSource::Section => 1,
            LinkSource::Prose => 2,
        });
        w.u8(u8::from(link.implied) | (u8::from(link.listed) << 1));
    }
    w.strs(&r.tags);
    w.strs(&r.deciders);
    w.opt(r.front_matter.as_ref(), |w, f| {
        w.u8(match f.kind {
            FrontMatterKind::Yaml => 0,
            FrontMatterKind::Toml => 1,
        });
        w.str(&f.raw);
        w.usize(f.first_line);
        w.usize(f.span.0);
        w.usize(f.span.1);
    });
    w.u8(match r.format {
        Format::Nygard => 0,
        Format::Madr => 1,
        Format::Log4brains => 2,
        Format::Plain => 3,
    });
    w.usize(r.problems.len());
    for p in &r.problems {
        w.u8(match p.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
        });
        w.usize(p.line);
        w.opt(p.column, Writer::usize);
        w.usize(
            RULES
                .iter()
                .position(|r| *r == p.rule)
                .unwrap_or(usize::MAX),
        );
        w.str(&p.message);
    }
}

fn put_kind(w: &mut Writer, kind: &StatusKind) {
    match kind {
        StatusKind::Proposed => w.u8(0),
        StatusKind::Accepted => w.u8(1),
        StatusKind::Rejected => w.u8(2),
        StatusKind::Deprecated => w.u8(3),
        StatusKind::Superseded => w.u8(4),
        StatusKind::Unknown => w.u8(5),
        StatusKind::Custom(word) => {
            w.u8(6);
            w.str(word);
        }
    }
}

fn get_kind(r: &mut Reader<'_>) -> Option<StatusKind> {
    Some(match r.u8()? {
        0 => StatusKind::Proposed,
        1 => StatusKind::Accepted,
        2 => StatusKind::Rejected,
        3 => StatusKind::Deprecated,
        4 => StatusKind::Superseded,
        5 => StatusKind::Unknown,
        6 => StatusKind::Custom(r.string()?),
        _ => return None,
    })
}

/// Reads back what [`put_record`] wrote, for the file at `path`.
pub(crate) fn get_record(r: &mut Reader<'_>, path: std::path::PathBuf) -> Option<Record> {
    let number = r.opt(|r| u32::try_from(r.var()?).ok())?;
    let heading = r.opt_string()?;
    let heading_line = r.opt(Reader::usize)?;
    let title = r.opt_string()?;
    let date = r.opt(|r| {
        let days = i32::try_from(r.i64()?).ok()?;
        NaiveDate::from_num_days_from_ce_opt(days)
    })?;
    let date_text = r.opt_string()?;
    let status = r.opt(|r| {
        let text = r.string()?;
        let kind = get_kind(r)?;
        let line = r.usize()?;
        Some(Status { text, kind, line })
    })?;
    let n = r.count()?;
    let mut links = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = r.string()?;
        let raw = r.string()?;
        let text = r.opt_string()?;
        let definition = r.opt_string()?;
        let line = r.usize()?;
        let source = match r.u8()? {
            0 => LinkSource::Status,
            1 => LinkSource::Section,
            2 => LinkSource::Prose,
            _ => return None,
        };
        let flags = r.u8()?;
        if flags > 3 {
            return None;
        }
        links.push(Link {
            kind,
            raw,
            text,
            definition,
            line,
            target: None,
            source,
            implied: flags & 1 != 0,
            listed: flags & 2 != 0,
        });
    }
    let tags = r.strings()?;
    let deciders = r.strings()?;
    let front_matter = r.opt(|r| {
        let kind = match r.u8()? {
            0 => FrontMatterKind::Yaml,
            1 => FrontMatterKind::Toml,
            _ => return None,
        };
        Some(FrontMatter {
            kind,
            raw: r.string()?,
            first_line: r.usize()?,
            span: (r.usize()?, r.usize()?),
        })
    })?;
    let format = match r.u8()? {
        0 => Format::Nygard,
        1 => Format::Madr,
        2 => Format::Log4brains,
        3 => Format::Plain,
        _ => return None,
    };
    let n = r.count()?;
    let mut problems = Vec::with_capacity(n);
    for _ in 0..n {
        let severity = match r.u8()? {
            0 => Severity::Error,
            1 => Severity::Warning,
            _ => return None,
        };
        let line = r.usize()?;
        let column = r.opt(Reader::usize)?;
        let rule = *RULES.get(r.usize()?)?;
        let message = r.string()?;
        let mut problem = match severity {
            Severity::Error => Diagnostic::error(rule, line, message),
            Severity::Warning => Diagnostic::warning(rule, line, message),
        };
        problem.column = column;
        problems.push(problem);
    }
    Some(Record {
        path,
        number,
        heading,
        heading_line,
        title,
        date,
        date_text,
        status,
        links,
        tags,
        deciders,
        front_matter,
        format,
        problems,
    })
}

pub(crate) fn put_facts(w: &mut Writer, f: &TextFacts) {
    w.usize(f.template.len());
    for hit in &f.template {
        w.usize(hit.line);
        w.usize(hit.column);
        w.usize(hit.prompt);
    }
    w.usize(f.body_links.len());
    for (line, target) in &f.body_links {
        w.usize(*line);
        w.str(target);
    }
    w.u64(f.digest);
    match &f.blob {
        Some(id) => {
            w.u8(1);
            w.raw(id);
        }
        None => w.u8(0),
    }
}

pub(crate) fn get_facts(r: &mut Reader<'_>) -> Option<TextFacts> {
    let n = r.count()?;
    let mut template = Vec::with_capacity(n);
    for _ in 0..n {
        let hit = TemplateHit {
            line: r.usize()?,
            column: r.usize()?,
            prompt: r.usize()?,
        };
        if hit.prompt >= TEMPLATE_TEXT.len() {
            return None;
        }
        template.push(hit);
    }
    let n = r.count()?;
    let mut body_links = Vec::with_capacity(n);
    for _ in 0..n {
        body_links.push((r.usize()?, r.string()?));
    }
    let digest = r.u64()?;
    let blob = match r.u8()? {
        0 => None,
        1 => Some(r.take(20)?.try_into().ok()?),
        _ => return None,
    };
    Some(TextFacts {
        template,
        body_links,
        digest,
        blob,
    })
}
