//! `adr check`: finds what is broken in a decision log, explains it, and
//! knows which findings are safe to fix.

mod fix;
mod links;
mod log_rules;
mod record_rules;
pub mod report;
pub mod rule;

use std::path::PathBuf;

use crate::graph::DecisionGraph;
use crate::log::LinkIndex;
use crate::project::config::Config;
use crate::record::Record;

pub use fix::{Change, apply};
pub use rule::{RULES, Rule, Severity};

/// A repair that is unambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// Replace `old` by `new` on one line of the finding's file.
    ReplaceInLine {
        line: usize,
        old: String,
        new: String,
    },
    /// Add a relation line `verb` to `target` in the finding's file.
    AddLink { verb: String, target: usize },
    /// Mark the finding's record superseded by `by`.
    MarkSuperseded { by: usize },
}

/// Something wrong, where it is, and how to fix it when that is safe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub path: PathBuf,
    /// The record the finding is about, when it is one.
    pub record: Option<usize>,
    /// 1-based; 1 when the finding is about the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub fix: Option<Fix>,
}

/// What the rules look at.
pub struct Input<'a> {
    pub records: &'a [Record],
    /// Each record's text, `None` when it could not be read.
    pub texts: &'a [Option<String>],
    pub graph: &'a DecisionGraph<'a>,
    pub index: &'a LinkIndex,
    pub config: &'a Config,
    /// For two records, the commits that added them when those are on
    /// different branches (neither an ancestor of the other).
    pub branches: &'a dyn Fn(usize, usize) -> Option<(String, String)>,
}

/// A finding before the project's severities are applied.
pub(crate) struct Raw {
    rule: &'static str,
    record: usize,
    line: usize,
    column: usize,
    message: String,
    fix: Option<Fix>,
}

impl Raw {
    fn new(rule: &'static str, record: usize, line: usize, message: impl Into<String>) -> Self {
        Self {
            rule,
            record,
            line: line.max(1),
            column: 1,
            message: message.into(),
            fix: None,
        }
    }

    fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// Runs every rule the project has on; findings sorted by file and line.
pub fn run(input: &Input<'_>) -> Vec<Finding> {
    let mut raw = Vec::new();
    record_rules::check(input, &mut raw);
    log_rules::check(input, &mut raw);
    links::check(input, &mut raw);
    let mut findings: Vec<Finding> = raw
        .into_iter()
        .filter_map(|r| {
            let severity = rule::severity(r.rule, &input.config.check)?;
            Some(Finding {
                rule: r.rule,
                severity,
                path: input.records[r.record].path.clone(),
                record: Some(r.record),
                line: r.line,
                column: r.column,
                message: r.message,
                fix: r.fix,
            })
        })
        .collect();
    findings.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.rule, &a.message)
            .cmp(&(&b.path, b.line, b.column, b.rule, &b.message))
    });
    findings.dedup_by(|a, b| {
        a.path == b.path && a.line == b.line && a.rule == b.rule && a.message == b.message
    });
    findings
}

/// The exit code of a check: 1 when any finding is an error.
pub fn exit_code(findings: &[Finding]) -> u8 {
    u8::from(findings.iter().any(|f| f.severity == Severity::Error))
}
