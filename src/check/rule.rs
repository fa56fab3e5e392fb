//! The rules of `adr check`: stable ids, what each means, how bad it is.

use crate::project::config::{CheckConfig, RuleLevel};

pub(crate) use crate::diagnostic::Severity;

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    pub id: &'static str,
    /// One line for people: what is wrong.
    pub explanation: &'static str,
    /// `None`: off unless the project turns it on.
    pub default: Option<Severity>,
}

/// Every rule, in the order they are documented.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: "unreadable",
        explanation: "the record cannot be read (permissions, bytes that are not UTF-8, or over 16 MiB)",
        default: Some(Severity::Error),
    },
    Rule {
        id: "front-matter",
        explanation: "the front matter is not valid YAML, or never closed",
        default: Some(Severity::Error),
    },
    Rule {
        id: "broken-link",
        explanation: "a link to another record leads to no file",
        default: Some(Severity::Error),
    },
    Rule {
        id: "unknown-record",
        explanation: "a Links/References list or a sentence names a record id that no record of the log has",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "one-sided-relation",
        explanation: "a relation is stated by one record and not by the other",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "superseded-but-active",
        explanation: "a record another one supersedes (whichever of the two says so) is still marked accepted or proposed",
        default: Some(Severity::Error),
    },
    Rule {
        id: "superseded-without-successor",
        explanation: "a record is marked superseded but nothing supersedes it",
        default: Some(Severity::Error),
    },
    Rule {
        id: "supersede-cycle",
        explanation: "records supersede each other in a cycle",
        default: Some(Severity::Error),
    },
    Rule {
        id: "duplicate-number",
        explanation: "two records in one folder have the same number",
        default: Some(Severity::Error),
    },
    Rule {
        id: "number-gap",
        explanation: "numbers are missing between two records",
        default: None,
    },
    Rule {
        id: "heading-number",
        explanation: "the number in the title differs from the number in the file name",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "missing-status",
        explanation: "the record states no status",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "unknown-status",
        explanation: "the status is not one the project knows",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "missing-date",
        explanation: "the record states no date",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "bad-date",
        explanation: "the date cannot be read",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "template-text",
        explanation: "text of the template was left in",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "file-name",
        explanation: "the file name does not follow the folder's convention",
        default: Some(Severity::Warning),
    },
    Rule {
        id: "cites-retired",
        explanation: "a file of the repository cites a superseded, deprecated or rejected decision",
        default: None,
    },
    Rule {
        id: "edited-after-acceptance",
        explanation: "an accepted record's body changed after acceptance (git history)",
        default: None,
    },
];

pub(crate) fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The severity a project gives a rule, or `None` when it is off.
pub(crate) fn severity(id: &str, config: &CheckConfig) -> Option<Severity> {
    match config.rules.get(id) {
        Some(RuleLevel::Error) => Some(Severity::Error),
        Some(RuleLevel::Warning) => Some(Severity::Warning),
        Some(RuleLevel::Off) => None,
        None => find(id).and_then(|r| r.default),
    }
}

/// Rule ids in the configuration that do not exist.
pub(crate) fn unknown_ids(config: &CheckConfig) -> Vec<&str> {
    config
        .rules
        .keys()
        .map(String::as_str)
        .filter(|id| find(id).is_none())
        .collect()
}
