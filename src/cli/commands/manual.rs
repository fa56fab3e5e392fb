use clap::CommandFactory;

use crate::Context;
use crate::cli::args::{Cli, CompletionsArgs};

pub fn completions(ctx: &mut Context<'_>, args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    // clap_complete panics when its writer fails (a closed pipe): write to
    // memory first, and let a closed stdout end the program quietly.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "adr", &mut script);
    ctx.out.write_all(&script)?;
    Ok(0)
}

pub fn man(ctx: &mut Context<'_>) -> anyhow::Result<u8> {
    clap_mangen::Man::new(Cli::command()).render(&mut *ctx.out)?;
    Ok(0)
}
