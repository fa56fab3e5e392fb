//! Whether a record's body changed between two versions, other than its
//! status and relation lines: the question behind "edits to an accepted
//! record" in `adr diff` and the `edited-after-acceptance` rule.
//!
//! The two texts are compared line by line with git's own diff (libgit2's
//! xdiff); changed lines that are the version's status line, a relation
//! line, the title when the record was renamed, or blank do not count.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::record::Record;

/// How a body changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct BodyEdit {
    /// Body lines added and removed.
    pub added: usize,
    pub removed: usize,
    /// The first changed body line: in the new version (1-based), or the
    /// line a removal happened at.
    pub line: usize,
}

/// Lines of `record` that an edit may touch without changing the body:
/// its status, its relations and, when `title` is set, its heading.
fn exempt(record: &Record, title: bool) -> BTreeSet<usize> {
    let mut lines: BTreeSet<usize> = record.links.iter().map(|l| l.line).collect();
    lines.extend(record.status.as_ref().map(|s| s.line));
    if title {
        lines.extend(record.heading_line);
    }
    lines
}

/// The body edit from `old` to `new`, `None` when only status, relation
/// or blank lines changed. `renamed`: the title line may change too.
pub(crate) fn edit(
    old_text: &str,
    old: &Record,
    new_text: &str,
    new: &Record,
    renamed: bool,
) -> Option<BodyEdit> {
    if old_text == new_text {
        return None;
    }
    let (old_exempt, new_exempt) = (exempt(old, renamed), exempt(new, renamed));
    let mut options = git2::DiffOptions::new();
    // Bytes that are not text (a NUL, invalid UTF-8 shown as U+FFFD) are
    // still lines a reviewer should hear about.
    options.context_lines(0).force_text(true);
    let patch = git2::Patch::from_buffers(
        old_text.as_bytes(),
        None,
        new_text.as_bytes(),
        None,
        Some(&mut options),
    )
    .ok()?;
    let mut found: Option<BodyEdit> = None;
    for hunk in 0..patch.num_hunks() {
        let Ok(count) = patch.num_lines_in_hunk(hunk) else {
            continue;
        };
        for index in 0..count {
            let Ok(line) = patch.line_in_hunk(hunk, index) else {
                continue;
            };
            let blank = line.content().iter().all(u8::is_ascii_whitespace);
            let (is_added, number, exempted) = match line.origin() {
                '+' => {
                    let n = line.new_lineno().map_or(0, |n| n as usize);
                    (true, n, new_exempt.contains(&n))
                }
                '-' => {
                    let n = line.old_lineno().map_or(0, |n| n as usize);
                    (false, n, old_exempt.contains(&n))
                }
                _ => continue,
            };
            if blank || exempted {
                continue;
            }
            let at = if is_added {
                number
            } else {
                // A removal is shown where it happened in the new text: a
                // hunk that only removes starts after the line before it.
                patch.hunk(hunk).map_or(0, |(h, _)| {
                    h.new_start() as usize + usize::from(h.new_lines() == 0)
                })
            };
            let edit = found.get_or_insert(BodyEdit {
                added: 0,
                removed: 0,
                line: at.max(1),
            });
            if is_added {
                edit.added += 1;
            } else {
                edit.removed += 1;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str) -> Record {
        Record::parse("d/0002-x.md".into(), "0002-x", text)
    }

    const BEFORE: &str = "# 2. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWe need a store.\n\n## Decision\n\nUse PostgreSQL.\n";

    fn edited(after: &str, renamed: bool) -> Option<BodyEdit> {
        edit(BEFORE, &record(BEFORE), after, &record(after), renamed)
    }

    #[test]
    fn status_and_relation_lines_are_not_the_body() {
        let superseded = BEFORE.replace(
            "Accepted\n",
            "Superseded by [3. Y](0003-y.md)\n\nAmended by [4. Z](0004-z.md)\n",
        );
        assert_eq!(edited(&superseded, false), None);
        assert_eq!(
            edited(&BEFORE.replace("Accepted", "Deprecated"), false),
            None
        );
        assert_eq!(
            edited(
                &BEFORE.replace("\n\n## Decision", "\n\n\n## Decision"),
                false
            ),
            None
        );
    }

    #[test]
    fn body_lines_are() {
        let after = BEFORE
            .replace("Use PostgreSQL.", "Use PostgreSQL 16.\nWith replicas.")
            .replace("Accepted", "Superseded by [3. Y](0003-y.md)");
        assert_eq!(
            edited(&after, false),
            Some(BodyEdit {
                added: 2,
                removed: 1,
                line: 15
            })
        );
        let removed = BEFORE.replace("We need a store.\n", "");
        assert_eq!(
            edited(&removed, false),
            Some(BodyEdit {
                added: 0,
                removed: 1,
                line: 11
            })
        );
    }

    #[test]
    fn the_title_counts_unless_renamed() {
        let retitled = BEFORE.replace("# 2. X", "# 2. Y");
        assert!(edited(&retitled, false).is_some());
        assert_eq!(edited(&retitled, true), None);
    }
}
