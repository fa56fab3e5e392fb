use crate::Context;
use crate::cli::LinkArgs;
use crate::lifecycle;

pub fn run(ctx: &mut Context<'_>, args: LinkArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    lifecycle::link(&repo, &args.source, &args.link, &args.target, &args.reverse)?;
    Ok(0)
}
