//! The stable JSON shape of a record, for `list` and `show`.

use std::path::Path;

use serde::Serialize;

use crate::git::{Metadata, StatusChange, Touch};
use crate::graph::{DecisionGraph, verb};
use crate::record::{Format, FrontMatter, LinkSource, Problem, Record, Severity};

/// One record as scripts see it. Field names are a public interface.
#[derive(Debug, Serialize)]
pub(crate) struct RecordView<'a> {
    pub path: &'a Path,
    pub number: Option<u32>,
    pub title: Option<&'a str>,
    /// Normalised: proposed, accepted, rejected, deprecated, superseded, or
    /// the lower-cased custom word.
    pub status: Option<&'a str>,
    /// The status as written.
    pub status_text: Option<&'a str>,
    /// `YYYY-MM-DD`: as the record states it, else the day git added it.
    pub date: Option<String>,
    /// Where `date` comes from: `text` (the record) or `git` (the commit
    /// that added it, when the record states no date).
    pub date_source: Option<&'static str>,
    pub date_text: Option<&'a str>,
    pub heading: Option<&'a str>,
    pub tags: &'a [String],
    pub deciders: &'a [String],
    pub format: Format,
    pub links: Vec<LinkView<'a>>,
    pub front_matter: Option<&'a FrontMatter>,
    pub problems: Vec<ProblemView<'a>>,
    /// From git history: null outside a repository or for new files.
    pub created: Option<Touch>,
    pub updated: Option<Touch>,
    pub authors: Vec<String>,
    pub status_history: Vec<StatusChange>,
    /// The file differs from its last commit; null when unknown.
    pub uncommitted: Option<bool>,
}

#[derive(Debug, Serialize)]
pub(crate) struct LinkView<'a> {
    /// The verb as written (`Superseded by`, `Amends`).
    pub kind: &'a str,
    /// The target as written.
    pub raw: &'a str,
    /// The resolved record's path, or null when unresolved.
    pub target: Option<&'a Path>,
    pub line: usize,
    /// Where it is stated: `status` (a status value or the Status
    /// section), `section` (Links / References lists, metadata keys and
    /// table rows) or `prose` (a sentence).
    pub source: LinkSource,
}

#[derive(Debug, Serialize)]
pub(crate) struct ProblemView<'a> {
    /// The `adr check` rule: `unreadable`, `front-matter`, `bad-date`.
    pub rule: &'a str,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: &'a str,
    pub severity: Severity,
}

impl<'a> RecordView<'a> {
    pub(crate) fn new(record: &'a Record) -> Self {
        Self {
            path: &record.path,
            number: record.number,
            title: record.title.as_deref(),
            status: record.status.as_ref().map(|s| s.kind.as_str()),
            status_text: record.status.as_ref().map(|s| s.text.as_str()),
            date: record.date.map(crate::record::date::iso),
            date_source: record.date.map(|_| "text"),
            date_text: record.date_text.as_deref().map(str::trim),
            heading: record.heading.as_deref(),
            tags: &record.tags,
            deciders: &record.deciders,
            format: record.format,
            links: record
                .links
                .iter()
                .map(|l| LinkView {
                    kind: &l.kind,
                    raw: &l.raw,
                    target: l.target.as_deref(),
                    line: l.line,
                    source: l.source,
                })
                .collect(),
            front_matter: record.front_matter.as_ref(),
            problems: record.problems.iter().map(ProblemView::new).collect(),
            created: None,
            updated: None,
            authors: Vec::new(),
            status_history: Vec::new(),
            uncommitted: None,
        }
    }

    /// Adds what git history says, when it says anything; email
    /// addresses only when `emails`.
    pub(crate) fn with_history(mut self, metadata: Option<&Metadata>, emails: bool) -> Self {
        if let Some(m) = metadata {
            let stripped;
            let m = if emails {
                m
            } else {
                stripped = m.clone().without_emails();
                &stripped
            };
            if self.date.is_none()
                && self.date_text.is_none()
                && let Some(created) = &m.created
            {
                self.date = Some(created.date.clone());
                self.date_source = Some("git");
            }
            self.created = m.created.clone();
            self.updated = m.updated.clone();
            self.authors = m.authors.clone();
            self.status_history = m.status_history.clone();
            self.uncommitted = m.uncommitted;
        }
        self
    }
}

impl<'a> ProblemView<'a> {
    fn new(problem: &'a Problem) -> Self {
        Self {
            rule: problem.rule,
            line: problem.line,
            column: problem.column,
            message: &problem.message,
            severity: problem.severity,
        }
    }
}

/// `path:line: message` (or `path: message` for whole-file problems), the
/// form editors and CI logs link to.
pub(crate) fn diagnostic(path: &Path, problem: &Problem) -> String {
    let level = match problem.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    match (problem.line, problem.column) {
        (0, _) => format!("{}: {level}: {}", path.display(), problem.message),
        (line, Some(col)) => format!(
            "{}:{line}:{col}: {level}: {}",
            path.display(),
            problem.message
        ),
        (line, None) => format!("{}:{line}: {level}: {}", path.display(), problem.message),
    }
}

/// A record with its relations both ways and what is in force, as
/// `adr show --format json` prints it.
#[derive(Debug, Serialize)]
pub(crate) struct DetailView<'a> {
    #[serde(flatten)]
    pub record: RecordView<'a>,
    pub relations: Vec<RelationView<'a>>,
    pub in_force: bool,
    /// For a superseded record: the records in force at the end of its chain.
    pub in_force_successors: Vec<&'a Path>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RelationView<'a> {
    /// `outgoing` (this record → other) or `incoming` (other → this).
    pub direction: &'static str,
    /// The canonical forward verb (`supersedes`, `amends`…).
    pub kind: &'a str,
    /// How it reads from this record (`superseded by` for incoming).
    pub reads: String,
    pub record: &'a Path,
}

impl<'a> DetailView<'a> {
    /// The record at `node` of `graph`, its relations and its successors.
    pub(crate) fn new(
        graph: &'a DecisionGraph<'a>,
        node: usize,
        history: Option<&Metadata>,
        emails: bool,
    ) -> Self {
        let records = graph.records;
        let mut relations = Vec::new();
        for (other, relation) in graph.outgoing(node) {
            relations.push(RelationView {
                direction: "outgoing",
                kind: &relation.kind,
                reads: relation.kind.clone(),
                record: &records[other].path,
            });
        }
        for (other, relation) in graph.incoming(node) {
            relations.push(RelationView {
                direction: "incoming",
                kind: &relation.kind,
                reads: verb::reverse(&relation.kind)
                    .unwrap_or_else(|| format!("{} (from)", relation.kind)),
                record: &records[other].path,
            });
        }
        Self {
            record: RecordView::new(&records[node]).with_history(history, emails),
            relations,
            in_force: graph.in_force(node),
            in_force_successors: graph
                .in_force_successors(node)
                .into_iter()
                .map(|n| records[n].path.as_path())
                .collect(),
        }
    }
}
