use crate::cli::args::HtmlArgs;
use crate::cli::{Context, Done};
use crate::project::Project;
use crate::site::{self, HtmlOptions};

pub(crate) fn html(
    ctx: &mut Context<'_>,
    project: &Project,
    args: HtmlArgs,
) -> anyhow::Result<Done> {
    let (report, log) = site::html(
        project,
        &HtmlOptions {
            out: args.out,
            base_url: args.base_url,
            title: args.title,
        },
    )?;
    for warning in log.take_warnings().iter().chain(&report.warnings) {
        ctx.warn(warning)?;
    }
    writeln!(
        ctx.out,
        "exported {} records to {} ({} files, {} KiB)",
        report.records,
        report.out.display(),
        report.files,
        report.bytes.div_ceil(1024)
    )?;
    // The process ends here: freeing ten thousand records one by one would
    // cost a re-export a tenth of its time, and the system takes it all back.
    log.settle();
    std::mem::forget(log);
    Ok(Done::Exit(u8::from(report.failed > 0)))
}
