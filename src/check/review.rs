//! The rules that look beyond the log: `cites-retired` (files of the
//! repository citing retired decisions) and `edited-after-acceptance`
//! (accepted records rewritten, from git history). Both are off unless a
//! project turns them on; their evidence comes from `crate::review`.

use crate::record::Record;
use crate::review::acceptance::AfterAcceptance;
use crate::review::report::{Shown, retired_message};

use super::{Finding, rule};
use crate::project::config::CheckConfig;

pub const CITES_RETIRED: &str = "cites-retired";
pub const EDITED_AFTER_ACCEPTANCE: &str = "edited-after-acceptance";

/// Whether a project has turned a rule on.
pub fn enabled(id: &str, config: &CheckConfig) -> bool {
    rule::severity(id, config).is_some()
}

/// A finding for each citation of a retired decision.
pub fn cites_retired(
    shown: &[Shown<'_>],
    records: &[Record],
    config: &CheckConfig,
) -> Vec<Finding> {
    let Some(severity) = rule::severity(CITES_RETIRED, config) else {
        return Vec::new();
    };
    shown
        .iter()
        .filter(|s| s.standing.retired)
        .map(|s| Finding {
            rule: CITES_RETIRED,
            severity,
            path: s.path.clone(),
            record: Some(s.citation.record),
            line: s.citation.line,
            column: s.citation.column,
            message: retired_message(s, records),
            fix: None,
        })
        .collect()
}

/// A finding for each record whose body changed after it was accepted.
pub fn edited_after_acceptance(
    edits: &[AfterAcceptance],
    records: &[Record],
    config: &CheckConfig,
) -> Vec<Finding> {
    let Some(severity) = rule::severity(EDITED_AFTER_ACCEPTANCE, config) else {
        return Vec::new();
    };
    edits
        .iter()
        .map(|e| {
            let when = |t: &crate::git::Touch| {
                format!("{} on {} by {}", &t.commit[..t.commit.len().min(7)], t.date, t.author)
            };
            let first = match &e.first_edit {
                Some(t) => format!("first changed in {}", when(t)),
                None => "changed in the working tree".to_string(),
            };
            Finding {
                rule: EDITED_AFTER_ACCEPTANCE,
                severity,
                path: records[e.record].path.clone(),
                record: Some(e.record),
                line: e.edit.line,
                column: 1,
                message: format!(
                    "the body changed after the record was accepted ({}): {} added, {} removed, {first}; supersede it with a new record instead",
                    when(&e.accepted),
                    plural(e.edit.added, "line"),
                    e.edit.removed,
                ),
                fix: None,
            }
        })
        .collect()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
