//! The lifecycle commands: status changes, supersede, unlink, renumber,
//! rename. Each prints the files it changed.

use crate::Context;
use crate::cli::{RenameArgs, RenumberArgs, SupersedeArgs, UnlinkArgs};
use crate::lifecycle::{self, Outcome};
use crate::{git, repository::Repository};

pub fn status(ctx: &mut Context<'_>, reference: &str, status: &str) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = lifecycle::set_status(&repo, reference, status, &[])?;
    print(ctx, &repo, &outcome)
}

pub fn supersede(ctx: &mut Context<'_>, args: SupersedeArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = lifecycle::supersede(&repo, &args.old, &args.new)?;
    print(ctx, &repo, &outcome)
}

pub fn unlink(ctx: &mut Context<'_>, args: UnlinkArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = lifecycle::unlink(&repo, &args.source, &args.target)?;
    print(ctx, &repo, &outcome)
}

pub fn renumber(ctx: &mut Context<'_>, args: RenumberArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = lifecycle::renumber(&repo, &args.reference, args.number)?;
    print(ctx, &repo, &outcome)
}

pub fn rename(ctx: &mut Context<'_>, args: RenameArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let title = lifecycle::clean_title(&args.title);
    let outcome = lifecycle::rename(&repo, &args.reference, title.trim())?;
    print(ctx, &repo, &outcome)
}

/// Moves first (`old -> new`, staged in git when tracked), then changed
/// files, one a line; notes on stderr.
fn print(ctx: &mut Context<'_>, repo: &Repository, outcome: &Outcome) -> anyhow::Result<u8> {
    for (from, to) in &outcome.moved {
        writeln!(ctx.out, "{} -> {}", from.display(), to.display())?;
        if git::stage_move(&repo.cwd, from, to)? {
            writeln!(
                ctx.err,
                "adr: note: git now tracks {} as {}",
                from.display(),
                to.display()
            )?;
        }
    }
    for path in &outcome.changed {
        writeln!(ctx.out, "{}", path.display())?;
    }
    print_notes(ctx, outcome)?;
    Ok(0)
}

pub fn print_notes(ctx: &mut Context<'_>, outcome: &Outcome) -> anyhow::Result<()> {
    for note in &outcome.notes {
        writeln!(ctx.err, "adr: note: {note}")?;
    }
    Ok(())
}
