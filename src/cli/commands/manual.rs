use clap::CommandFactory;

use crate::cli::args::{Cli, CompletionsArgs};
use crate::cli::{Context, Done};

/// The script that registers `adr`'s completion with a shell; the
/// completions themselves are computed by `adr` when asked (see
/// `cli::complete`), so they know the log's records.
pub(crate) fn completions(ctx: &mut Context<'_>, args: CompletionsArgs) -> anyhow::Result<Done> {
    // Written to memory first, so that a closed stdout ends the program
    // quietly instead of midway through a script.
    let mut script = Vec::new();
    crate::cli::complete::write_registration(args.shell, &mut script)?;
    ctx.out.write_all(&script)?;
    Ok(Done::Exit(0))
}

pub(crate) fn man(ctx: &mut Context<'_>) -> anyhow::Result<Done> {
    clap_mangen::Man::new(Cli::command()).render(&mut *ctx.out)?;
    Ok(Done::Exit(0))
}
