use std::fs;
use std::path::Path;

use crate::cli::args::{GraphArgs, TocArgs};
use crate::cli::{Context, Done};
use crate::error::Error;
use crate::log::{self, Log};
use crate::output::dot::{self, GraphOptions};
use crate::output::toc::{self, TocOptions};
use crate::project::Project;

/// `adr generate` alone names the reports, as adr-tools does.
pub(crate) fn list_reports(ctx: &mut Context<'_>) -> anyhow::Result<Done> {
    writeln!(ctx.out, "graph\ntoc")?;
    Ok(Done::Exit(0))
}

pub(crate) fn toc(ctx: &mut Context<'_>, project: &Project, args: TocArgs) -> anyhow::Result<Done> {
    let repo = &project.repo;
    // A table of contents needs titles: read no more than they take.
    let records = log::load_heads(&log::scan_repository(repo)?.records);
    let options = TocOptions {
        intro: args.intro.as_deref().map(file_or_text).transpose()?,
        outro: args.outro.as_deref().map(file_or_text).transpose()?,
        prefix: args.prefix.unwrap_or_default(),
    };
    ctx.out
        .write_all(toc::render(&records, &repo.dir, &options).as_bytes())?;
    let errors = records.iter().flat_map(|r| r.diagnostics());
    let errors = errors.filter(|d| d.severity == crate::diagnostic::Severity::Error);
    Ok(Done::Exit(super::report_errors(errors, ctx.stderr())))
}

pub(crate) fn graph(
    ctx: &mut Context<'_>,
    project: &Project,
    args: GraphArgs,
) -> anyhow::Result<Done> {
    let log = Log::load(project)?;
    let options = GraphOptions {
        prefix: args.prefix.unwrap_or_default(),
        extension: args.extension,
    };
    ctx.out
        .write_all(dot::render(log.records(), log.dir(), &options).as_bytes())?;
    super::finish_listing(ctx, log)
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
