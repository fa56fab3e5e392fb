//! `adr export json` and `adr import json`.

use crate::change::{self, Transaction};
use crate::cli::args::{ImportJsonArgs, JsonArgs};
use crate::cli::{Context, Done, Listing};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::log::Log;
use crate::output::exchange::{self, Document};
use crate::project::Project;

pub(crate) fn export(
    ctx: &mut Context<'_>,
    project: &Project,
    args: JsonArgs,
) -> anyhow::Result<Done> {
    let log = Log::load(project)?;
    let (document, left_out) = exchange::document(&log);
    for path in left_out {
        ctx.warn(&format!("{}: cannot be read; left out", path.display()))?;
    }
    let mut json = serde_json::to_string_pretty(&document)?;
    json.push('\n');
    match args.out {
        Some(path) => {
            let mut tx = Transaction::new();
            match std::fs::read(&path) {
                Ok(original) => tx.update(path, original, json),
                Err(_) => tx.create(path, json),
            }
            tx.commit()?;
        }
        None => ctx.out.write_all(json.as_bytes())?,
    }
    super::finish_listing(ctx, log)
}

pub(crate) fn import(
    ctx: &mut Context<'_>,
    project: &Project,
    args: ImportJsonArgs,
) -> anyhow::Result<Done> {
    let _ = &ctx;
    let text = if args.file.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin()).map_err(|e| Error::read("-", e))?
    } else {
        std::fs::read_to_string(&args.file).map_err(|e| Error::read(&args.file, e))?
    };
    let document: Document = serde_json::from_str(&text).map_err(|e| {
        Error::Invalid(
            Diagnostic::error(
                "json",
                e.line(),
                format!("not an `adr export json` document: {e}"),
            )
            .in_file(&args.file)
            .at_column(Some(e.column())),
        )
    })?;
    let change = change::import(project, &document, &args.file)?;
    Ok(Done::changed(change, Listing::Created))
}
