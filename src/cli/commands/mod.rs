//! One module per subcommand: parse, call the library, format.

pub(crate) mod check;
pub(crate) mod cites;
pub(crate) mod config;
pub(crate) mod diff;
pub(crate) mod edit;
pub(crate) mod exchange;
pub(crate) mod export;
pub(crate) mod generate;
pub(crate) mod graph;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod log;
pub(crate) mod manual;
pub(crate) mod mcp;
pub(crate) mod new;
pub(crate) mod relate;
pub(crate) mod search;
pub(crate) mod serve;
pub(crate) mod show;
pub(crate) mod template;
pub(crate) mod upgrade;

use std::io::Write;

use crate::diagnostic::Diagnostic;
use crate::log::Log;

use super::{Context, Done};

/// Reports on stderr the records that could not be read, or not wholly,
/// and the log's warnings; the exit code for a listing: 1 when any record
/// had errors.
fn finish_listing(ctx: &mut Context<'_>, log: Log<'_>) -> anyhow::Result<Done> {
    for warning in log.take_warnings() {
        ctx.warn(&warning)?;
    }
    let code = report_errors(log.errors(), ctx.stderr());
    release_log(log);
    Ok(Done::Exit(code))
}

/// Leaves what a command read to the end of the process, unfreed: freeing
/// every record string by string took a tenth of `adr show` on a log of
/// 10,000. Only for what needs no dropping to be whole (a log, a graph,
/// findings: no lock, no file to flush), and only in commands that end
/// the process (never in `adr serve` or the MCP server).
fn release<T>(value: T) {
    std::mem::forget(value);
}

/// [`release`] for a log, once what it writes in the background is
/// written.
fn release_log(log: crate::log::Log<'_>) {
    log.settle();
    release(log);
}

/// Prints `errors`; 1 when there were any.
fn report_errors(errors: impl Iterator<Item = Diagnostic>, err: &mut dyn Write) -> u8 {
    let mut code = 0;
    for error in errors {
        let _ = writeln!(err, "{error}");
        code = 1;
    }
    code
}
