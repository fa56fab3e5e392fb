use crate::Context;
use crate::cli::args::{CitesArgs, CitesFormat};
use crate::graph::DecisionGraph;
use crate::review::{self, cites, report};

/// `adr cites [REF]`: every citation of a decision in the repository.
pub fn run(ctx: &mut Context<'_>, args: CitesArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let loaded = super::load(ctx, &repo, None)?;
    let records = &loaded.records;
    let only = match &args.reference {
        Some(reference) => {
            let file = crate::log::find(&loaded.scan.records, reference, &repo.dir)?;
            records.iter().position(|r| r.path == file.path)
        }
        None => None,
    };
    let graph = DecisionGraph::build(records);
    let git = crate::git::Git::discover(&ctx.env.cwd);
    let found = review::cites::scan_repository(&repo, git.as_ref(), records, args.include_records)?;
    let root = &found.root;
    let shown = report::prepare(&found.scan, &graph, root, &ctx.env.cwd, only);
    match args.format {
        CitesFormat::Text => ctx
            .out
            .write_all(report::text(&shown, records).as_bytes())?,
        CitesFormat::Json => ctx
            .out
            .write_all(report::json(&shown, records, &found.scan).as_bytes())?,
        CitesFormat::Sarif => ctx
            .out
            .write_all(report::sarif(&shown, records).as_bytes())?,
    }
    let retired = shown.iter().filter(|s| s.standing.retired).count();
    let skipped = &found.scan.skipped;
    ctx.detail(&format!(
        "scanned {} files under {} ({} binary, {} over {} MiB, {} unreadable skipped)",
        found.scan.files,
        root.display(),
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
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        writeln!(
            ctx.err,
            "{} ({retired} of retired decisions)",
            plural(shown.len(), "citation")
        )?;
    }
    Ok(0)
}
