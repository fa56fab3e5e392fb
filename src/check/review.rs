//! The rules that look beyond the log: `cites-retired` (files of the
//! repository citing retired decisions) and `edited-after-acceptance`
//! (accepted records rewritten, from git history). Both are off unless a
//! project turns them on; their evidence comes from `crate::review`.

use crate::diagnostic::Diagnostic;
use crate::log::Log;
use crate::review::acceptance::{self, AfterAcceptance};
use crate::review::report::{self, Shown, retired_message};

use super::{Finding, Severity, rule};
use crate::project::config::CheckConfig;

pub(crate) const CITES_RETIRED: &str = "cites-retired";
pub(crate) const EDITED_AFTER_ACCEPTANCE: &str = "edited-after-acceptance";

fn finding(
    rule: &'static str,
    severity: Severity,
    at: (&std::path::Path, usize, usize),
    message: String,
    record: usize,
) -> Finding {
    let mut diagnostic = Diagnostic::warning(rule, at.1, message)
        .in_file(at.0)
        .at_column(Some(at.2));
    diagnostic.severity = severity;
    Finding {
        diagnostic,
        record: Some(record),
        fix: None,
    }
}

/// The findings of both rules, when the project turned them on.
pub(crate) fn check(log: &Log<'_>) -> Vec<Finding> {
    let config = &log.project().config.check;
    let mut findings = Vec::new();
    if rule::severity(CITES_RETIRED, config).is_some() {
        let graph = log.graph();
        // The scan cannot fail but for a pattern set too large to build.
        if let Ok(found) =
            crate::review::cites::scan_repository(log.project(), log.records(), false)
        {
            let cwd = &log.project().env.cwd;
            let shown = report::prepare(&found.scan, &graph, &found.root, cwd, None);
            findings.extend(cites_retired(&shown, log.records(), config));
        }
    }
    if rule::severity(EDITED_AFTER_ACCEPTANCE, config).is_some()
        && let (Some(git), Some(history)) = (log.project().git(), log.git_history())
        && !log.is_snapshot()
    {
        let edits = acceptance::edited_after_acceptance(
            git,
            history,
            &log.project().env.cwd,
            log.records(),
            log.texts(),
        );
        findings.extend(edited_after_acceptance(&edits, log.records(), config));
    }
    findings
}

/// What a reader of the check should know about these rules: that one
/// could not run, or ran on part of the history.
pub(crate) fn notes(log: &Log<'_>) -> Vec<String> {
    let config = &log.project().config.check;
    if rule::severity(EDITED_AFTER_ACCEPTANCE, config).is_none() {
        return Vec::new();
    }
    match log.git_history() {
        None => vec![
            "edited-after-acceptance reads git history, and there is none here (no work tree, or no commit yet): not checked"
                .into(),
        ],
        Some(history) if history.shallow => vec![
            "this clone is shallow: a record accepted before its cut is compared with its oldest version in it"
                .into(),
        ],
        Some(_) => Vec::new(),
    }
}

/// A finding for each citation of a retired decision.
pub(crate) fn cites_retired(
    shown: &[Shown<'_>],
    records: &[crate::record::Record],
    config: &CheckConfig,
) -> Vec<Finding> {
    let Some(severity) = rule::severity(CITES_RETIRED, config) else {
        return Vec::new();
    };
    shown
        .iter()
        .filter(|s| s.standing.retired)
        .map(|s| {
            finding(
                CITES_RETIRED,
                severity,
                (&s.path, s.citation.line, s.citation.column),
                retired_message(s, records),
                s.citation.record,
            )
        })
        .collect()
}

/// A finding for each record whose body changed after it was accepted.
pub(crate) fn edited_after_acceptance(
    edits: &[AfterAcceptance],
    records: &[crate::record::Record],
    config: &CheckConfig,
) -> Vec<Finding> {
    let Some(severity) = rule::severity(EDITED_AFTER_ACCEPTANCE, config) else {
        return Vec::new();
    };
    let when = |t: &crate::git::Touch| {
        format!(
            "{} on {} by {}",
            &t.commit[..t.commit.len().min(7)],
            t.date,
            t.author
        )
    };
    edits
        .iter()
        .map(|e| {
            let first = match &e.first_edit {
                Some(t) => format!("first changed in {}", when(t)),
                None => "changed in the working tree".to_string(),
            };
            let lines = if e.edit.added == 1 { "line" } else { "lines" };
            finding(
                EDITED_AFTER_ACCEPTANCE,
                severity,
                (&records[e.record].path, e.edit.line, 1),
                format!(
                    "the body changed after the record was accepted ({}): {} {lines} added, {} removed, {first}; supersede it with a new record instead",
                    when(&e.accepted),
                    e.edit.added,
                    e.edit.removed,
                ),
                e.record,
            )
        })
        .collect()
}
