//! The lifecycle commands: status changes, supersede, unlink, renumber,
//! rename. Each prints the files it changed, and commits them with
//! `--commit`.

use crate::Context;
use crate::change::{self, Outcome};
use crate::cli::args::{RenameArgs, RenumberArgs, SupersedeArgs, UnlinkArgs};
use crate::project::config::Config;
use crate::{git, project::Repository};

pub fn status(ctx: &mut Context<'_>, reference: &str, status: &str) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let config = Config::discover(&ctx.env.cwd)?;
    let outcome = change::set_status(&repo, reference, status, &config.status.allowed)?;
    print(
        ctx,
        &repo,
        &outcome,
        &format!("docs(adr): mark {reference} {}", status.to_lowercase()),
    )
}

pub fn supersede(ctx: &mut Context<'_>, args: SupersedeArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let config = Config::discover(&ctx.env.cwd)?;
    let outcome = change::supersede(&repo, &args.old, &args.new, config.new.spelling)?;
    print(
        ctx,
        &repo,
        &outcome,
        &format!("docs(adr): supersede {} with {}", args.old, args.new),
    )
}

pub fn unlink(ctx: &mut Context<'_>, args: UnlinkArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = change::unlink(&repo, &args.source, &args.target)?;
    print(
        ctx,
        &repo,
        &outcome,
        &format!("docs(adr): unlink {} and {}", args.source, args.target),
    )
}

pub fn renumber(ctx: &mut Context<'_>, args: RenumberArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = change::renumber(&repo, &args.reference, args.number)?;
    print(
        ctx,
        &repo,
        &outcome,
        &format!("docs(adr): renumber {} to {}", args.reference, args.number),
    )
}

pub fn rename(ctx: &mut Context<'_>, args: RenameArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let title = change::clean_title(&args.title);
    let config = Config::discover(&ctx.env.cwd)?;
    let outcome = change::rename(&repo, &args.reference, title.trim(), config.new.slug)?;
    print(
        ctx,
        &repo,
        &outcome,
        &format!(
            "docs(adr): rename {} to \"{}\"",
            args.reference,
            title.trim()
        ),
    )
}

/// Moves first (`old -> new`, staged in git when tracked), then changed
/// files, one a line; notes on stderr; then the commit when asked.
fn print(
    ctx: &mut Context<'_>,
    repo: &Repository,
    outcome: &Outcome,
    message: &str,
) -> anyhow::Result<u8> {
    let mut paths = Vec::new();
    for (from, to) in &outcome.moved {
        writeln!(ctx.out, "{} -> {}", from.display(), to.display())?;
        // With --commit, the commit itself records the move.
        if !ctx.commit && git::stage_move(&repo.cwd, from, to)? {
            ctx.note(&format!(
                "git now tracks {} as {}",
                from.display(),
                to.display()
            ))?;
        }
        paths.push(from.clone());
        paths.push(to.clone());
    }
    for path in &outcome.changed {
        writeln!(ctx.out, "{}", path.display())?;
        paths.push(path.clone());
    }
    print_notes(ctx, outcome)?;
    super::maybe_commit(ctx, &paths, message)?;
    Ok(0)
}

pub fn print_notes(ctx: &mut Context<'_>, outcome: &Outcome) -> anyhow::Result<()> {
    for note in &outcome.notes {
        ctx.note(note)?;
    }
    Ok(())
}
