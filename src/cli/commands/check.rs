use std::io::IsTerminal;
use std::path::Path;

use crate::check::{self, report, rule};
use crate::cli::args::{CheckArgs, CheckFormat};
use crate::cli::{Context, Done, Listing};
use crate::error::Error;
use crate::log::Log;
use crate::project::Project;
use crate::review::{self, diff::Side};

/// `adr check` exits 2 when it could not run at all.
pub(crate) fn run(
    ctx: &mut Context<'_>,
    dir: Option<&Path>,
    args: CheckArgs,
) -> anyhow::Result<Done> {
    match checked(ctx, dir, &args) {
        Ok(done) => Ok(done),
        Err(error) => {
            crate::cli::report(&error, ctx.stderr());
            Ok(Done::Exit(2))
        }
    }
}

fn checked(ctx: &mut Context<'_>, dir: Option<&Path>, args: &CheckArgs) -> anyhow::Result<Done> {
    if args.rules {
        for r in check::RULES {
            let level = r.default.map_or("off", rule::Severity::as_str);
            writeln!(ctx.out, "{:<30} {:<8} {}", r.id, level, r.explanation)?;
        }
        return Ok(Done::Exit(0));
    }
    let project = Project::open(ctx.env.clone(), dir)?;
    // `check` reports a change a crashed `adr` left, which opening the
    // project has just finished.
    for note in project.take_notes() {
        ctx.warn(&note)?;
    }
    let unknown = rule::unknown_ids(&project.config.check);
    if !unknown.is_empty() {
        let config = project.config.path.clone().unwrap_or_default();
        return Err(Error::invalid(
            config,
            0,
            format!(
                "unknown rule(s) in [check.rules]: {} (see `adr check --rules`)",
                unknown.join(", ")
            ),
        )
        .into());
    }
    if !args.fix {
        let log = Log::load(&project)?;
        for warning in log.take_warnings() {
            ctx.warn(&warning)?;
        }
        let mut findings = check::check(&log);
        for note in check::review::notes(&log) {
            ctx.note(&note)?;
        }
        let mut records = log.len();
        if let Some(rev) = &args.changed_since {
            let scope = changed_scope(&project, &log, rev)?;
            findings.retain(|f| scope.keeps(f, log.records()));
            records = scope.records.len();
        }
        let code = print(ctx, &project, args.format, &findings, records)?;
        super::release(findings);
        super::release_log(log);
        return Ok(Done::Exit(code));
    }
    let fixed = check::fix(&project, args.dry_run)?;
    let verb = if args.dry_run { "would fix" } else { "fixed" };
    for r in &fixed.repairs {
        writeln!(
            ctx.out,
            "{verb} {}:{}: [{}] {}",
            r.path.display(),
            r.line,
            r.rule,
            r.description
        )?;
    }
    // What is left once the repairs are in.
    let log = fixed.log;
    let findings = check::check(&log);
    let code = print(ctx, &project, args.format, &findings, log.len())?;
    Ok(Done::Changed {
        change: fixed.change,
        listing: Listing::Nothing,
        code,
    })
}

/// What the change since `rev` (from its merge base with HEAD to the
/// working tree) touched.
fn changed_scope(
    project: &Project,
    log: &Log<'_>,
    rev: &str,
) -> anyhow::Result<review::changed::Scope> {
    let git = project.git().ok_or_else(|| Error::NotInGit {
        what: "--changed-since".into(),
        path: project.dir().to_path_buf(),
    })?;
    let base = review::changed::base(git, rev)?;
    let before = Log::load_at(project, Some(&base.to_string()))?;
    let files = review::changed::changed_files(git, base)?;
    Ok(review::changed::Scope::new(
        Side::of(&before),
        Side::of(log),
        &files,
        git,
        &project.env.cwd,
    ))
}

fn print(
    ctx: &mut Context<'_>,
    project: &Project,
    format: CheckFormat,
    findings: &[check::Finding],
    records: usize,
) -> anyhow::Result<u8> {
    match format {
        CheckFormat::Text => {
            let colour = std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("CLICOLOR").map_or(true, |v| v != "0");
            ctx.out
                .write_all(report::text(findings, colour).as_bytes())?;
            writeln!(ctx.stderr(), "{}", report::summary(findings, records))?;
        }
        CheckFormat::Json => ctx.out.write_all(report::json(findings).as_bytes())?,
        CheckFormat::Sarif => {
            let base = report::SarifBase {
                root: project.root(),
                cwd: &project.env.cwd,
            };
            ctx.out
                .write_all(report::sarif(findings, &base).as_bytes())?;
        }
    }
    Ok(check::exit_code(findings))
}
