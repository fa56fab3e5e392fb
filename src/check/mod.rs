//! `adr check`: finds what is broken in a decision log, explains it, and
//! knows which findings are safe to fix.

mod fix;
mod links;
mod log_rules;
mod record_rules;
pub(crate) mod report;
pub(crate) mod review;
pub(crate) mod rule;

use crate::diagnostic::Diagnostic;
use crate::graph::DecisionGraph;
use crate::log::{LinkIndex, Log};
use crate::project::config::Config;
use crate::record::Record;
use crate::record::facts::TextFacts;

pub(crate) use fix::fix;
pub(crate) use rule::{RULES, Severity};

/// A repair that is unambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fix {
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
pub(crate) struct Finding {
    /// What and where: its rule, severity, path, line (1 when about the
    /// whole file) and column.
    pub diagnostic: Diagnostic,
    /// The record the finding is about, when it is one.
    pub record: Option<usize>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub(crate) fn rule(&self) -> &'static str {
        self.diagnostic.rule
    }

    pub(crate) fn severity(&self) -> Severity {
        self.diagnostic.severity
    }
}

/// Runs every rule the project has on over `log`.
pub(crate) fn check(log: &Log<'_>) -> Vec<Finding> {
    let records = log.records();
    let graph = log.graph();
    let git = log.project().git();
    // Which commit added each record is needed only to explain duplicate
    // numbers, which most logs do not have.
    let branches = |a: usize, b: usize| -> Option<(String, String)> {
        let added = |i: usize| {
            log.history()[i]
                .as_ref()?
                .created
                .as_ref()
                .map(|c| c.commit.clone())
        };
        git?.unrelated(&added(a)?, &added(b)?)
    };
    let mut findings = run(&Input {
        records,
        facts: log.facts(),
        graph: &graph,
        index: log.link_index(),
        config: &log.project().config,
        branches: &branches,
    });
    findings.extend(review::check(log));
    sort(&mut findings);
    findings
}

/// What the rules look at.
pub(crate) struct Input<'a> {
    pub records: &'a [Record],
    /// What each record's text says that the record does not keep
    /// (nothing for a file that could not be read).
    pub facts: &'a [TextFacts],
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
pub(crate) fn run(input: &Input<'_>) -> Vec<Finding> {
    let mut raw = Vec::new();
    record_rules::check(input, &mut raw);
    log_rules::check(input, &mut raw);
    links::check(input, &mut raw);
    let mut findings: Vec<Finding> = raw
        .into_iter()
        .filter_map(|r| {
            let severity = rule::severity(r.rule, &input.config.check)?;
            let mut diagnostic = Diagnostic::error(r.rule, r.line, r.message)
                .in_file(&input.records[r.record].path)
                .at_column(Some(r.column));
            diagnostic.severity = severity;
            Some(Finding {
                diagnostic,
                record: Some(r.record),
                fix: r.fix,
            })
        })
        .collect();
    sort(&mut findings);
    findings
}

/// Sorts findings by file and line, dropping repeats.
pub(crate) fn sort(findings: &mut Vec<Finding>) {
    let key = |f: &Finding| {
        let d = &f.diagnostic;
        (d.path.clone(), d.line, d.column, d.rule, d.message.clone())
    };
    findings.sort_by_key(key);
    findings.dedup_by(|a, b| {
        let (a, b) = (&a.diagnostic, &b.diagnostic);
        a.path == b.path && a.line == b.line && a.rule == b.rule && a.message == b.message
    });
}

/// The exit code of a check: 1 when any finding is an error.
pub(crate) fn exit_code(findings: &[Finding]) -> u8 {
    u8::from(findings.iter().any(|f| f.severity() == Severity::Error))
}
