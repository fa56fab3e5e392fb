use std::path::Path;

use serde::Serialize;

use crate::change::relative;
use crate::cli::args::{LogArgs, ShowFormat};
use crate::git::{ChangeKind, Git, date_of};
use crate::log;
use crate::{Context, Error};

/// One line of `adr log`.
#[derive(Serialize)]
struct Entry {
    date: String,
    commit: String,
    author: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    path: String,
    /// `added`, `renamed`, `deleted`, `status`, `link`.
    event: &'static str,
    detail: String,
    #[serde(skip)]
    time: i64,
    #[serde(skip)]
    order: usize,
}

pub fn run(ctx: &mut Context<'_>, args: LogArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    repo.require()?;
    let cwd = ctx.env.cwd.clone();
    let Some(git) = Git::discover(&cwd) else {
        return Err(Error::Usage(format!(
            "`adr log` reads git history, and {} is not in a git work tree",
            repo.dir.display()
        ))
        .into());
    };
    let dirs: Vec<&Path> = repo.log_dirs().collect();
    let Some(history) = git.history(&cwd, &dirs)? else {
        ctx.note("this repository has no commits yet")?;
        return Ok(0);
    };
    let only = match &args.reference {
        Some(reference) => {
            let scan = log::scan_repository(&repo)?;
            let file = log::find(&scan.records, reference, &repo.dir)?;
            Some(git.relative(&cwd, &file.path).unwrap_or_default())
        }
        None => None,
    };
    let here = git.relative(&cwd, Path::new(".")).unwrap_or_default();
    let mut entries = Vec::new();
    for (path, changes) in &history.files {
        if only.as_ref().is_some_and(|o| o != path) {
            continue;
        }
        let shown = relative(Path::new(&here), Path::new(path));
        let mut status: Option<&str> = None;
        for change in changes {
            let person = &history.people[change.author];
            let entry = |event, detail: String| Entry {
                date: date_of(change.time, change.offset),
                commit: change.commit[..7.min(change.commit.len())].to_string(),
                author: person.name.clone(),
                email: args.emails.then(|| person.email.clone()),
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
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *ctx.out, &entries)?;
            writeln!(ctx.out)?;
        }
        ShowFormat::Text => {
            for e in &entries {
                let who = match &e.email {
                    Some(email) => format!("{} <{email}>", e.author),
                    None => e.author.clone(),
                };
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" {}", e.detail)
                };
                writeln!(
                    ctx.out,
                    "{}  {}  {who}  {}  {}{detail}",
                    e.date, e.commit, e.path, e.event
                )?;
            }
        }
    }
    if history.shallow {
        ctx.note("this clone is shallow; history before its first commit is not known")?;
    }
    Ok(0)
}
