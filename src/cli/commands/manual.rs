use clap::CommandFactory;

use crate::cli::args::{Cli, CompletionsArgs};
use crate::cli::{Context, Done};

pub(crate) fn completions(ctx: &mut Context<'_>, args: CompletionsArgs) -> anyhow::Result<Done> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails (a closed pipe): write to
    // memory first, and let a closed stdout end the program quietly.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "adr", &mut script);
    ctx.out.write_all(&script)?;
    Ok(Done::Exit(0))
}

pub(crate) fn man(ctx: &mut Context<'_>) -> anyhow::Result<Done> {
    clap_mangen::Man::new(Cli::command()).render(&mut *ctx.out)?;
    Ok(Done::Exit(0))
}
