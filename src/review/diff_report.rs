//! A change to the decisions for people (one line each), for tools (JSON)
//! and for a pull-request comment (Markdown).

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::PathBuf;

use serde_json::{Value, json};

use crate::git::Touch;
use crate::record::Record;

use super::diff::{At, Diff, Edited, RelationChange, Side};
use super::range::Range;

/// A change and what is known of who made it.
pub(crate) struct Review<'a> {
    pub range: &'a Range,
    pub before: Side<'a>,
    pub after: Side<'a>,
    pub diff: &'a Diff,
    /// The range's commits that touched each record (by shown path).
    pub commits: HashMap<PathBuf, Vec<Touch>>,
    /// Records whose working file differs from HEAD's.
    pub uncommitted: HashSet<PathBuf>,
}

impl Review<'_> {
    fn record(&self, at: At) -> &Record {
        match at {
            At::Before(b) => &self.before.records[b],
            At::After(a) => &self.after.records[a],
        }
    }

    fn record_json(&self, at: At) -> Value {
        let r = self.record(at);
        json!({
            "path": r.path,
            "number": r.number,
            "title": r.display_title(),
            "status": r.status.as_ref().map(|s| s.kind.to_string()),
            "commits": self.commits.get(&r.path).cloned().unwrap_or_default(),
            "uncommitted": self.uncommitted.contains(&r.path),
        })
    }

    fn name(&self, at: At) -> String {
        let r = self.record(at);
        match r.number {
            Some(n) => format!("{n}. {}", r.display_title()),
            None => r.display_title(),
        }
    }

    /// `(abc1234 Ada, def5678 Bo; uncommitted)`, `(9 commits by Ada, Bo,
    /// last def5678)`, or nothing.
    fn by(&self, at: At) -> String {
        let r = self.record(at);
        let touches = self.commits.get(&r.path).map_or(&[][..], Vec::as_slice);
        let short = |t: &Touch| t.commit[..t.commit.len().min(7)].to_string();
        let mut text = match touches {
            [] => String::new(),
            [one] => format!("{} {}", short(one), one.author),
            [a, b] => format!("{} {}, {} {}", short(a), a.author, short(b), b.author),
            [.., last] => format!(
                "{} commits by {}, last {}",
                touches.len(),
                self.authors(at).join(", "),
                short(last)
            ),
        };
        if self.uncommitted.contains(&r.path) {
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str("uncommitted");
        }
        if text.is_empty() {
            text
        } else {
            format!("  ({text})")
        }
    }

    fn authors(&self, at: At) -> Vec<String> {
        let r = self.record(at);
        let mut names: Vec<String> = Vec::new();
        for t in self.commits.get(&r.path).into_iter().flatten() {
            if !names.contains(&t.author) {
                names.push(t.author.clone());
            }
        }
        names
    }
}

fn status(record: &Record) -> String {
    record
        .status
        .as_ref()
        .map_or_else(|| "no status".into(), |s| s.kind.to_string())
}

fn word(status: &Option<String>) -> &str {
    status.as_deref().unwrap_or("no status")
}

fn lines(n: usize) -> String {
    format!("{n} line{}", if n == 1 { "" } else { "s" })
}

fn records(n: usize) -> String {
    format!("{n} record{}", if n == 1 { "" } else { "s" })
}

fn edit_text(e: &Edited) -> String {
    format!(
        "{} added, {} removed, from line {}",
        lines(e.edit.added),
        e.edit.removed,
        e.edit.line
    )
}

/// One line per change.
pub(crate) fn text(review: &Review<'_>) -> String {
    let d = review.diff;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} .. {}",
        review.range.base_name, review.range.head_name
    );
    if d.is_empty() {
        out.push_str("no decision changed\n");
        return out;
    }
    for m in &d.moved {
        let _ = writeln!(
            out,
            "moved       {} → {}  ({})",
            m.before.display(),
            m.after.display(),
            records(m.records)
        );
    }
    for &a in &d.added {
        let r = &review.after.records[a];
        let _ = writeln!(
            out,
            "added       {}  {} ({}){}",
            r.path.display(),
            review.name(At::After(a)),
            status(r),
            review.by(At::After(a))
        );
    }
    for &b in &d.removed {
        let r = &review.before.records[b];
        let _ = writeln!(
            out,
            "removed     {}  {} ({}){}",
            r.path.display(),
            review.name(At::Before(b)),
            status(r),
            review.by(At::Before(b))
        );
    }
    for rename in &d.renamed {
        let _ = writeln!(
            out,
            "renamed     {} → {} (same {}){}",
            review.before.records[rename.before].path.display(),
            review.after.records[rename.after].path.display(),
            match rename.how {
                super::diff::Rename::Content => "content",
                super::diff::Rename::Number => "number",
                super::diff::Rename::Slug => "slug",
            },
            review.by(At::After(rename.after))
        );
    }
    for s in &d.status_changes {
        let _ = writeln!(
            out,
            "status      {}  {} → {}{}",
            review.after.records[s.after].path.display(),
            word(&s.from),
            word(&s.to),
            review.by(At::After(s.after))
        );
    }
    let relation = |c: &RelationChange| {
        format!(
            "{} {} {} {}",
            if c.added { "+" } else { "-" },
            review.record(c.from).path.display(),
            c.kind,
            review.record(c.to).path.display()
        )
    };
    for c in &d.supersessions {
        let _ = writeln!(out, "supersedes  {}{}", relation(c), review.by(c.from));
    }
    for c in &d.relations {
        let _ = writeln!(out, "relation    {}{}", relation(c), review.by(c.from));
    }
    for e in &d.accepted_edits {
        let _ = writeln!(
            out,
            "edited      {} (accepted): {}{}",
            review.after.records[e.after].path.display(),
            edit_text(e),
            review.by(At::After(e.after))
        );
    }
    for e in &d.edits {
        let r = &review.before.records[e.before];
        let _ = writeln!(
            out,
            "edited      {} ({}): {}{}",
            review.after.records[e.after].path.display(),
            status(r),
            edit_text(e),
            review.by(At::After(e.after))
        );
    }
    out
}

fn relation_json(review: &Review<'_>, c: &RelationChange) -> Value {
    json!({
        "change": if c.added { "added" } else { "removed" },
        "from": review.record_json(c.from),
        "kind": c.kind,
        "to": review.record_json(c.to),
    })
}

fn edit_json(review: &Review<'_>, e: &Edited) -> Value {
    json!({
        "record": review.record_json(At::After(e.after)),
        "status_before": status(&review.before.records[e.before]),
        "lines_added": e.edit.added,
        "lines_removed": e.edit.removed,
        "line": e.edit.line,
    })
}

/// Every change, with each record's path, number, title, status, the
/// range's commits that touched it and whether it is uncommitted.
pub(crate) fn json(review: &Review<'_>) -> String {
    let d = review.diff;
    let commit = |id: Option<git2::Oid>| id.map(|c| c.to_string());
    let head = match review.range.head {
        super::range::Head::Commit(c) => Some(c),
        super::range::Head::WorkTree => None,
    };
    let value = json!({
        "base": { "name": review.range.base_name, "commit": commit(Some(review.range.base)) },
        "head": { "name": review.range.head_name, "commit": commit(head) },
        "moved": d.moved.iter().map(|m| json!({
            "from": m.before,
            "to": m.after,
            "records": m.records,
        })).collect::<Vec<_>>(),
        "added": d.added.iter().map(|&a| review.record_json(At::After(a))).collect::<Vec<_>>(),
        "removed": d.removed.iter().map(|&b| review.record_json(At::Before(b))).collect::<Vec<_>>(),
        "renamed": d.renamed.iter().map(|r| json!({
            "from": review.record_json(At::Before(r.before)),
            "to": review.record_json(At::After(r.after)),
            "how": r.how,
        })).collect::<Vec<_>>(),
        "status_changes": d.status_changes.iter().map(|s| json!({
            "record": review.record_json(At::After(s.after)),
            "from": s.from,
            "to": s.to,
        })).collect::<Vec<_>>(),
        "supersessions": d.supersessions.iter().map(|c| relation_json(review, c)).collect::<Vec<_>>(),
        "relations": d.relations.iter().map(|c| relation_json(review, c)).collect::<Vec<_>>(),
        "accepted_edits": d.accepted_edits.iter().map(|e| edit_json(review, e)).collect::<Vec<_>>(),
        "edits": d.edits.iter().map(|e| edit_json(review, e)).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Text safe to put in Markdown: punctuation escaped, so a title cannot
/// open a link, an image, raw HTML or mention anyone.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Items never start a line, so `.`, `-` and `+` cannot open a list.
        if c.is_ascii_punctuation()
            && !matches!(
                c,
                '\'' | ',' | '.' | '-' | '+' | '/' | '"' | '?' | '%' | '='
            )
        {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
            continue;
        }
        out.push(c);
        // A word joiner keeps `@team` from notifying a team.
        if c == '@' {
            out.push('\u{2060}');
        }
    }
    out
}

/// A path as inline code, whatever backticks it holds.
fn code(path: &std::path::Path) -> String {
    let text = path.display().to_string().replace(['\n', '\r'], " ");
    let fence = if text.contains('`') { "`` " } else { "`" };
    let close = if text.contains('`') { " ``" } else { "`" };
    format!("{fence}{text}{close}")
}

fn count(n: usize, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    }
}

/// A pull-request comment: a summary line, then a section per kind.
pub(crate) fn markdown(review: &Review<'_>) -> String {
    let d = review.diff;
    let mut out = String::from("<!-- adr diff -->\n### Decisions in this change\n\n");
    let _ = writeln!(
        out,
        "{} → {}\n",
        escape(&review.range.base_name),
        escape(&review.range.head_name)
    );
    if d.is_empty() {
        out.push_str("No decision changed.\n");
        return out;
    }
    let summary: Vec<String> = [
        count(d.moved.len(), "folder moved", "folders moved"),
        count(d.added.len(), "added", "added"),
        count(d.removed.len(), "removed", "removed"),
        count(d.renamed.len(), "renamed", "renamed"),
        count(d.status_changes.len(), "status change", "status changes"),
        count(d.supersessions.len(), "supersession", "supersessions"),
        count(d.relations.len(), "relation change", "relation changes"),
        count(
            d.accepted_edits.len(),
            "accepted record edited",
            "accepted records edited",
        ),
        count(d.edits.len(), "other record edited", "other records edited"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let _ = writeln!(out, "**{}**\n", summary.join(" · "));
    let name = |at: At| format!("**{}**", escape(&review.name(at)));
    let by = |at: At| {
        let authors = review.authors(at);
        let mut parts = Vec::new();
        if !authors.is_empty() {
            parts.push(format!("by {}", escape(&authors.join(", "))));
        }
        if review.uncommitted.contains(&review.record(at).path) {
            parts.push("uncommitted".into());
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" · {}", parts.join(", "))
        }
    };
    let mut section = |title: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        let _ = writeln!(out, "#### {title}\n");
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
        out.push('\n');
    };
    section(
        "Moved",
        d.moved
            .iter()
            .map(|m| {
                format!(
                    "{} → {} · {}",
                    code(&m.before),
                    code(&m.after),
                    records(m.records)
                )
            })
            .collect(),
    );
    section(
        "Added",
        d.added
            .iter()
            .map(|&a| {
                let at = At::After(a);
                let r = review.record(at);
                format!("{} · {} · {}{}", name(at), status(r), code(&r.path), by(at))
            })
            .collect(),
    );
    section(
        "Removed",
        d.removed
            .iter()
            .map(|&b| {
                let at = At::Before(b);
                let r = review.record(at);
                format!(
                    "{} · was {} · {}{}",
                    name(at),
                    status(r),
                    code(&r.path),
                    by(at)
                )
            })
            .collect(),
    );
    section(
        "Renamed",
        d.renamed
            .iter()
            .map(|r| {
                format!(
                    "{} → {}{}",
                    code(&review.before.records[r.before].path),
                    code(&review.after.records[r.after].path),
                    by(At::After(r.after))
                )
            })
            .collect(),
    );
    section(
        "Superseded",
        d.supersessions
            .iter()
            .map(|c| {
                if c.added {
                    format!(
                        "{} is superseded by {}{}",
                        name(c.to),
                        name(c.from),
                        by(c.from)
                    )
                } else {
                    format!(
                        "{} no longer supersedes {}{}",
                        name(c.from),
                        name(c.to),
                        by(c.from)
                    )
                }
            })
            .collect(),
    );
    section(
        "Status changes",
        d.status_changes
            .iter()
            .map(|s| {
                let at = At::After(s.after);
                format!(
                    "{}: {} → {}{}",
                    name(at),
                    word(&s.from),
                    word(&s.to),
                    by(at)
                )
            })
            .collect(),
    );
    section(
        "Relations",
        d.relations
            .iter()
            .map(|c| {
                format!(
                    "{} {} {} {}{}",
                    if c.added { "added:" } else { "removed:" },
                    name(c.from),
                    escape(&c.kind),
                    name(c.to),
                    by(c.from)
                )
            })
            .collect(),
    );
    section(
        "Accepted records edited",
        d.accepted_edits
            .iter()
            .map(|e| {
                let at = At::After(e.after);
                format!(
                    "{} ({}): {}{} — an accepted decision is usually superseded, not rewritten",
                    name(at),
                    code(&review.record(at).path),
                    edit_text(e),
                    by(at)
                )
            })
            .collect(),
    );
    section(
        "Other edits",
        d.edits
            .iter()
            .map(|e| {
                let at = At::After(e.after);
                format!(
                    "{} ({}, {}): {}{}",
                    name(at),
                    status(&review.before.records[e.before]),
                    code(&review.record(at).path),
                    edit_text(e),
                    by(at)
                )
            })
            .collect(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_cannot_be_injected() {
        assert_eq!(
            escape("Use [x](javascript:alert(1)) <img> @team"),
            "Use \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<img\\> \\@\u{2060}team"
        );
        assert_eq!(code(std::path::Path::new("a`b.md")), "`` a`b.md ``");
    }
}
