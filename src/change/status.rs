//! `adr status`, `accept`, `reject`, `deprecate`, `propose`.

use crate::error::{Error, Result};
use crate::graph::DecisionGraph;
use crate::project::Project;
use crate::record::StatusKind;
use crate::record::edit::{self, StatusWord};

use super::{Change, Session};

/// The statuses `adr status` writes without further configuration.
pub(super) const KNOWN: &[&str] = &["proposed", "accepted", "rejected", "deprecated"];

/// Sets a record's status in every place its file keeps one. Custom
/// statuses must be allowed in `.adr.toml` (`[status] allowed`).
pub fn set_status(project: &Project, reference: &str, word: &str) -> Result<Change> {
    super::value::one_line("status", word)?;
    let allowed = &project.config.status.allowed;
    let message = format!("docs(adr): mark {reference} {}", word.to_lowercase());
    let kind = StatusKind::parse(word);
    let value = word.trim().to_lowercase();
    match &kind {
        StatusKind::Superseded => {
            return Err(Error::Refused(
                "a record is superseded by another: use `adr supersede OLD NEW`".into(),
            ));
        }
        StatusKind::Custom(_) if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&value)) => {
            return Err(Error::Refused(format!(
                "unknown status `{word}`; use one of {}",
                KNOWN.join(", ")
            )));
        }
        _ => {}
    }
    let mut session = Session::open(project)?;
    let file = session.find(reference)?;
    let all = session.all_records().to_vec();
    let record = session.load(&file)?;
    let graph = DecisionGraph::build(&all);
    if let Some(node) = graph.node(&file.path) {
        let successors = graph.superseded_by(node);
        if !successors.is_empty() && matches!(kind, StatusKind::Accepted | StatusKind::Proposed) {
            let by: Vec<String> = successors
                .iter()
                .map(|&n| all[n].path.display().to_string())
                .collect();
            return Err(Error::Refused(format!(
                "{} is superseded by {}; remove that first with `adr unlink`",
                file.path.display(),
                by.join(", ")
            )));
        }
    }
    if record.status.as_ref().is_some_and(|s| s.kind == kind) {
        session
            .outcome
            .notes
            .push(format!("{} is already {}", file.path.display(), kind));
        return session.commit(message);
    }
    let section = crate::graph::verb::capitalise(&value);
    let changed = edit::set_status(
        &session.text(&file.path)?,
        StatusWord {
            section: &section,
            value: &value,
        },
    );
    session.update(&file.path, changed)?;
    session.commit(message)
}
