use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::args::{Cli, CompletionsArgs, ManArgs};
use crate::cli::{Context, Done};
use crate::error::Error;

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

/// `adr man`: the main page to stdout, naming the commands without page
/// references (those pages are not there); `adr man --out DIR`: every
/// page, each referring to pages written beside it.
pub(crate) fn man(ctx: &mut Context<'_>, args: ManArgs) -> anyhow::Result<Done> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let Some(dir) = args.out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command.clone()).render(&mut page)?;
        let mut page = String::from_utf8_lossy(&page).into_owned();
        for sub in command.get_subcommands() {
            let escaped = sub.get_name().replace('-', "\\-");
            page = page.replace(&format!("adr\\-{escaped}(1)"), &format!("adr {escaped}"));
        }
        page.push_str(".SH \"SEE ALSO\"\n`adr man \\-\\-out DIR` writes a page per command (adr\\-new.1 …).\n");
        ctx.out.write_all(page.as_bytes())?;
        return Ok(Done::Exit(0));
    };
    std::fs::create_dir_all(&dir).map_err(|source| Error::Write {
        path: dir.clone(),
        source,
    })?;
    let mut written = Vec::new();
    pages(command, &dir, &mut written)?;
    written.sort();
    for path in written {
        writeln!(ctx.out, "{}", path.display())?;
    }
    Ok(Done::Exit(0))
}

/// The page of `command` and of each command below it.
fn pages(command: clap::Command, dir: &Path, written: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages(sub.clone(), dir, written)?;
    }
    let man = clap_mangen::Man::new(command);
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page)?;
    std::fs::write(&path, page).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    written.push(path);
    Ok(())
}
