//! One module per subcommand: parse, call the library, format.

pub(crate) mod check;
pub(crate) mod config;
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
fn finish_listing(ctx: &mut Context<'_>, log: &Log<'_>) -> anyhow::Result<Done> {
    for warning in log.take_warnings() {
        ctx.warn(&warning)?;
    }
    Ok(Done::Exit(report_errors(log.errors(), ctx.stderr())))
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
