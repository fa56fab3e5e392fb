//! What happened to the records of a log, from git history: additions,
//! renames, deletions, status changes and relations added, as `adr log`
//! lists them.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::git::{self, ChangeKind};
use crate::log::relative;
use crate::project::Project;

/// One thing that happened to one record.
#[derive(Debug, Serialize)]
pub(crate) struct Event {
    pub date: String,
    pub commit: String,
    pub author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub path: String,
    /// `added`, `renamed`, `deleted`, `status`, `link`.
    pub event: &'static str,
    pub detail: String,
    #[serde(skip)]
    time: i64,
    #[serde(skip)]
    order: usize,
}

/// The events of the log, oldest first; of one record when `reference` is
/// given.
pub(crate) struct Events {
    pub events: Vec<Event>,
    /// The repository has no commits yet.
    pub unborn: bool,
    /// The clone is shallow: history before its first commit is unknown.
    pub shallow: bool,
}

/// Every event of the project's log (or of the record `reference` names).
pub(crate) fn events(project: &Project, reference: Option<&str>) -> Result<Events> {
    let repo = &project.repo;
    repo.require()?;
    let cwd = &project.env.cwd;
    let git = project.git().ok_or_else(|| Error::NotInGit {
        what: "`adr log`".into(),
        path: repo.dir.clone(),
    })?;
    let dirs: Vec<&Path> = repo.log_dirs().collect();
    let Some(history) = git.history(cwd, &dirs)? else {
        return Ok(Events {
            events: Vec::new(),
            unborn: true,
            shallow: false,
        });
    };
    let reference = reference.map(str::to_string);
    let only = match &reference {
        Some(reference) => {
            let scan = super::scan_repository(repo)?;
            let file = super::find(&scan.records, reference, &repo.dir)?;
            Some(git.relative(cwd, &file.path).unwrap_or_default())
        }
        None => None,
    };
    let here = git.relative(cwd, Path::new(".")).unwrap_or_default();
    let mut entries = Vec::new();
    for (path, changes) in &history.files {
        if only.as_ref().is_some_and(|o| o != path) {
            continue;
        }
        let shown = relative(Path::new(&here), Path::new(path));
        let mut status: Option<&str> = None;
        for change in changes {
            let person = &history.people[change.author];
            let entry = |event, detail: String| Event {
                date: git::date_of(change.time, change.offset),
                commit: git::short(&change.commit).to_string(),
                author: person.name.clone(),
                email: Some(person.email.clone()),
                path: shown.clone(),
                event,
                detail,
                time: change.time,
                order: change.order,
            };
            match &change.kind {
                ChangeKind::Added => entries.push(entry("added", String::new())),
                ChangeKind::Renamed(from) => {
                    entries.push(entry(
                        "renamed",
                        format!("from {}", relative(Path::new(&here), Path::new(from))),
                    ));
                }
                ChangeKind::Deleted => entries.push(entry("deleted", String::new())),
                ChangeKind::Modified => {}
            }
            if let Some(new) = &change.status {
                let detail = match status {
                    Some(old) if old != new => format!("{old} → {new}"),
                    _ => new.clone(),
                };
                entries.push(entry("status", detail));
                status = Some(new);
            }
            for (verb, target) in &change.links_added {
                entries.push(entry("link", format!("{verb} {target}")));
            }
        }
    }
    // Commits made within one second keep the order they were made in.
    entries.sort_by_key(|e| (e.time, e.order));
    Ok(Events {
        events: entries,
        unborn: false,
        shallow: history.shallow,
    })
}
