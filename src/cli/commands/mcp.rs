//! `adr mcp`: serve the decision log to AI assistants on stdin/stdout.

use crate::Context;
use crate::cli::args::McpArgs;

/// Serves until stdin ends. The ADR folder is located once; its records
/// are read afresh for every request, and a missing folder is reported
/// by each tool call rather than refusing to start.
pub fn run(ctx: &mut Context<'_>, args: McpArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let stdin = std::io::stdin();
    crate::mcp::serve(
        &repo,
        &ctx.env,
        args.allow_write,
        stdin.lock(),
        &mut *ctx.out,
    )?;
    Ok(0)
}
