use std::fs;
use std::path::Path;

use crate::Context;
use crate::cli::{GraphArgs, TocArgs};
use crate::graph::adr_tools::{self, GraphOptions};
use crate::store;
use crate::toc::{self, TocOptions};

pub fn toc(ctx: &mut Context<'_>, args: TocArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let (_, records) = store::load_repository(&repo)?;
    let options = TocOptions {
        intro: args.intro.as_deref().map(file_or_text),
        outro: args.outro.as_deref().map(file_or_text),
        prefix: args.prefix.unwrap_or_default(),
    };
    ctx.out
        .write_all(toc::render(&records, &repo.dir, &options).as_bytes())?;
    Ok(super::report_errors(&records, ctx.err))
}

pub fn graph(ctx: &mut Context<'_>, args: GraphArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let (_, records) = store::load_repository(&repo)?;
    let options = GraphOptions {
        prefix: args.prefix.unwrap_or_default(),
        extension: args.extension,
    };
    ctx.out
        .write_all(adr_tools::render(&records, &repo.dir, &options).as_bytes())?;
    Ok(super::report_errors(&records, ctx.err))
}

/// adr-tools reads `-i`/`-o` as files; a value that names no file is the
/// Markdown text itself.
fn file_or_text(value: &str) -> String {
    let path = Path::new(value);
    if path.is_file() {
        fs::read_to_string(path).unwrap_or_default()
    } else {
        value.to_string()
    }
}
