use std::collections::{HashMap, HashSet};

use crate::Context;
use crate::cli::args::{DiffArgs, DiffFormat};
use crate::error::Error;
use crate::git::Git;
use crate::review::diff::{self, Side};
use crate::review::diff_report::{self, Review};
use crate::review::range::{self, Head};

/// `adr diff [A..B]`: what a change does to the decisions.
pub fn run(ctx: &mut Context<'_>, args: DiffArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let cwd = ctx.env.cwd.clone();
    let git = Git::discover(&cwd).ok_or_else(|| {
        Error::Usage(
            "adr diff compares versions of the log in git, and this folder is not in a git work tree"
                .into(),
        )
    })?;
    let range = range::parse(&git, args.range.as_deref())?;
    let before = super::load(ctx, &repo, Some(&range.base.to_string()))?;
    let after = match range.head {
        Head::Commit(c) => super::load(ctx, &repo, Some(&c.to_string()))?,
        Head::WorkTree => super::load(ctx, &repo, None)?,
    };
    let old = Side {
        records: &before.records,
        texts: &before.texts,
    };
    let new = Side {
        records: &after.records,
        texts: &after.texts,
    };
    let (changes, _) = diff::diff(old, new);
    let dirs: Vec<&std::path::Path> = repo.log_dirs().collect();
    let attribution = range::attribution(&git, &cwd, &dirs, &range)?;
    let mut commits = HashMap::new();
    for records in [&before.records, &after.records] {
        let rels = crate::review::cites::relative_paths(records, &cwd, &git.workdir);
        for (record, rel) in records.iter().zip(rels) {
            if let Some(touches) = rel.and_then(|rel| attribution.by_path.get(&rel)) {
                commits.insert(record.path.clone(), touches.clone());
            }
        }
    }
    let uncommitted = match range.head {
        Head::WorkTree => {
            let gone: Vec<_> = changes
                .removed
                .iter()
                .map(|&b| &before.records[b])
                .collect();
            range::uncommitted(&git, &cwd, &after.records, &after.texts, &gone)
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
    Ok(0)
}
