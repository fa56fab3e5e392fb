use crate::Context;
use crate::change;
use crate::cli::args::LinkArgs;

/// adr-tools' `adr link`: prints nothing on success.
pub fn run(ctx: &mut Context<'_>, args: LinkArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = change::link(
        &repo,
        &args.source,
        &args.link,
        &args.target,
        args.reverse.as_deref(),
    )?;
    super::relate::print_notes(ctx, &outcome)?;
    let message = format!(
        "docs(adr): link {} \"{}\" {}",
        args.source, args.link, args.target
    );
    super::maybe_commit(ctx, &outcome.changed, &message)?;
    Ok(0)
}
