use std::fs;
use std::path::Path;

use crate::cli::args::{GraphArgs, TocArgs};
use crate::graph::adr_tools::{self, GraphOptions};
use crate::log;
use crate::output::toc::{self, TocOptions};
use crate::{Context, Error};

/// `adr generate` alone names the reports, as adr-tools does.
pub fn list_reports(ctx: &mut Context<'_>) -> anyhow::Result<u8> {
    writeln!(ctx.out, "graph\ntoc")?;
    Ok(0)
}

pub fn toc(ctx: &mut Context<'_>, args: TocArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    // A table of contents needs titles: read no more than they take.
    let records = log::load_heads(&log::scan_repository(&repo)?.records);
    let options = TocOptions {
        intro: args.intro.as_deref().map(file_or_text).transpose()?,
        outro: args.outro.as_deref().map(file_or_text).transpose()?,
        prefix: args.prefix.unwrap_or_default(),
    };
    ctx.out
        .write_all(toc::render(&records, &repo.dir, &options).as_bytes())?;
    Ok(super::report_errors(&records, ctx.err))
}

pub fn graph(ctx: &mut Context<'_>, args: GraphArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let (_, records) = log::load_repository(&repo)?;
    let options = GraphOptions {
        prefix: args.prefix.unwrap_or_default(),
        extension: args.extension,
    };
    ctx.out
        .write_all(adr_tools::render(&records, &repo.dir, &options).as_bytes())?;
    Ok(super::report_errors(&records, ctx.err))
}

/// adr-tools reads `-i`/`-o` as files. A value that is a file name
/// (one word ending in `.md`, `.markdown` or `.txt`) must exist; any other
/// value is the Markdown text itself.
fn file_or_text(value: &str) -> Result<String, Error> {
    let path = Path::new(value);
    let looks_like_file = !value.contains(char::is_whitespace)
        && [".md", ".markdown", ".txt"]
            .iter()
            .any(|e| value.ends_with(e));
    if path.is_file() || looks_like_file {
        fs::read_to_string(path).map_err(|e| Error::read(path, e))
    } else {
        Ok(value.to_string())
    }
}
