use crate::cli::args::{CitesArgs, CitesFormat};
use crate::cli::{Context, Done};
use crate::log::Log;
use crate::project::Project;
use crate::review::{cites, report};

/// `adr cites [REF]`: every citation of a decision in the repository.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: CitesArgs,
) -> anyhow::Result<Done> {
    let log = Log::load(project)?;
    let only = args.reference.as_deref().map(|r| log.find(r)).transpose()?;
    let graph = log.graph();
    let records = log.records();
    let found = cites::scan_repository(project, records, args.include_records)?;
    let shown = report::prepare(&found.scan, &graph, &found.root, &project.env.cwd, only);
    let text = match args.format {
        CitesFormat::Text => report::text(&shown, records),
        CitesFormat::Json => report::json(&shown, records, &found.scan),
        CitesFormat::Sarif => report::sarif(&shown, records, &found.root, &project.env.cwd),
    };
    ctx.out.write_all(text.as_bytes())?;
    let skipped = &found.scan.skipped;
    ctx.detail(&format!(
        "scanned {} files under {} ({} binary, {} over {} MiB, {} unreadable skipped)",
        found.scan.files,
        found.root.display(),
        skipped.binary,
        skipped.large,
        cites::MAX_FILE_BYTES / (1024 * 1024),
        skipped.unreadable
    ))?;
    if skipped.citations > 0 {
        ctx.warn(&format!(
            "{} more citations were found than are listed",
            skipped.citations
        ))?;
    }
    if args.format == CitesFormat::Text && !ctx.quiet {
        let retired = shown.iter().filter(|s| s.standing.retired).count();
        let plural = if shown.len() == 1 { "" } else { "s" };
        writeln!(
            ctx.err,
            "{} citation{plural} ({retired} of retired decisions)",
            shown.len()
        )?;
    }
    super::finish_listing(ctx, log)
}
