use std::collections::{HashMap, HashSet};

use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::{Context, Done};
use crate::error::Error;
use crate::log::Log;
use crate::project::Project;
use crate::review::diff::{self, Side};
use crate::review::diff_report::{self, Review};
use crate::review::range::{self, Head};

/// `adr diff [A..B]`: what a change does to the decisions.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: DiffArgs,
) -> anyhow::Result<Done> {
    let cwd = &project.env.cwd;
    let git = project.git().ok_or_else(|| Error::NotInGit {
        what: "adr diff".into(),
        path: project.dir().to_path_buf(),
    })?;
    let range = range::parse(git, args.range.as_deref())?;
    let before = Log::load_at(project, Some(&range.base.to_string()))?;
    let dirs: Vec<&std::path::Path> = project.repo.log_dirs().collect();
    let after = match range.head {
        // HEAD's log is the working one when nothing differs from it.
        Head::Commit(c) if Some(c) == git.head() && range::clean_at_head(git, cwd, &dirs) => {
            Log::load(project)?
        }
        Head::Commit(c) => Log::load_at(project, Some(&c.to_string()))?,
        Head::WorkTree => Log::load(project)?,
    };
    // A record unreadable at the base is compared as a record without
    // text: say why, without failing the review.
    for error in before.errors() {
        ctx.warn(&format!("at {}: {error}", range.base_name))?;
    }
    let (old, new) = (Side::of(&before), Side::of(&after));
    let (changes, _) = diff::diff(old, new);
    let attribution = range::attribution(git, cwd, &dirs, &range)?;
    let mut commits = HashMap::new();
    for records in [old.records, new.records] {
        let rels = crate::review::cites::relative_paths(records, cwd, &git.workdir);
        for (record, rel) in records.iter().zip(rels) {
            if let Some(touches) = rel.and_then(|rel| attribution.by_path.get(&rel)) {
                commits.insert(record.path.clone(), touches.clone());
            }
        }
    }
    // A renamed record's past in the range is under its old name.
    for rename in &changes.renamed {
        let new_path = &new.records[rename.after].path;
        let mut touches = commits.get(new_path).cloned().unwrap_or_default();
        for t in commits
            .get(&old.records[rename.before].path)
            .into_iter()
            .flatten()
        {
            if !touches.iter().any(|k| k.commit == t.commit) {
                touches.push(t.clone());
            }
        }
        // Oldest first (the sort is stable: a day's commits keep their order).
        touches.sort_by(|a, b| a.date.cmp(&b.date));
        commits.insert(new_path.clone(), touches);
    }
    let uncommitted = match range.head {
        Head::WorkTree => {
            let gone: Vec<_> = changes.removed.iter().map(|&b| &old.records[b]).collect();
            range::uncommitted(git, cwd, new.records, new.texts, &gone)
        }
        Head::Commit(_) => HashSet::new(),
    };
    let review = Review {
        range: &range,
        before: old,
        after: new,
        diff: &changes,
        commits,
        uncommitted,
    };
    let text = match args.format {
        DiffFormat::Text => diff_report::text(&review),
        DiffFormat::Json => diff_report::json(&review),
        DiffFormat::Markdown => diff_report::markdown(&review),
    };
    ctx.out.write_all(text.as_bytes())?;
    super::finish_listing(ctx, after)
}
