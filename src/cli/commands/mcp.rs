//! `adr mcp`: serve the decision log to AI assistants on stdin/stdout.

use crate::cli::args::McpArgs;
use crate::cli::{Context, Done};
use crate::project::Project;

/// Serves until stdin ends. The project is found once; its records are
/// read afresh for every request, and a missing folder is reported by
/// each tool call rather than refusing to start.
pub(crate) fn run(ctx: &mut Context<'_>, project: &Project, args: McpArgs) -> anyhow::Result<Done> {
    let stdin = std::io::stdin();
    crate::mcp::serve(project, args.allow_write, stdin.lock(), &mut *ctx.out)?;
    Ok(Done::Exit(0))
}
