use crate::Context;
use crate::cli::args::HtmlArgs;
use crate::project::config::Config;
use crate::site::{self, HtmlOptions};

pub fn html(ctx: &mut Context<'_>, args: HtmlArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let config = Config::discover(&ctx.env.cwd)?;
    let report = site::html(
        &repo,
        &config,
        &HtmlOptions {
            out: args.out,
            base_url: args.base_url,
            title: args.title,
        },
    )?;
    for warning in &report.warnings {
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
    Ok(u8::from(report.failed > 0))
}
