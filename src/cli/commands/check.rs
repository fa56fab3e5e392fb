use std::io::IsTerminal;

use crate::check::{self, Input, report, rule};
use crate::cli::args::{CheckArgs, CheckFormat};
use crate::graph::DecisionGraph;
use crate::log::{self, LinkIndex};
use crate::project::config::Config;
use crate::{Context, Error};

/// `adr check` exits 2 when it could not run at all.
pub fn run(ctx: &mut Context<'_>, args: CheckArgs) -> anyhow::Result<u8> {
    match check(ctx, &args) {
        Ok(code) => Ok(code),
        Err(error) => {
            crate::report(&error, ctx.err);
            Ok(2)
        }
    }
}

fn check(ctx: &mut Context<'_>, args: &CheckArgs) -> anyhow::Result<u8> {
    if args.rules {
        for r in check::RULES {
            let level = r.default.map_or("off", rule::Severity::as_str);
            writeln!(ctx.out, "{:<30} {:<8} {}", r.id, level, r.explanation)?;
        }
        return Ok(0);
    }
    let repo = ctx.repository()?;
    let config = Config::discover(&ctx.env.cwd)?;
    let unknown = rule::unknown_ids(&config.check);
    if !unknown.is_empty() {
        return Err(Error::Usage(format!(
            "unknown rule(s) in [check.rules]: {} (see `adr check --rules`)",
            unknown.join(", ")
        ))
        .into());
    }
    let (records, _, findings) = run_rules(&repo, &config)?;
    if args.fix {
        let changes = check::apply(&repo, &records, &findings, args.dry_run)?;
        let verb = if args.dry_run { "would fix" } else { "fixed" };
        for c in &changes {
            writeln!(
                ctx.out,
                "{verb} {}:{}: [{}] {}",
                c.path.display(),
                c.line,
                c.rule,
                c.description
            )?;
        }
        if !args.dry_run && !changes.is_empty() {
            let (records, _, remaining) = run_rules(&repo, &config)?;
            return print(ctx, args.format, &remaining, records.len());
        }
    }
    print(ctx, args.format, &findings, records.len())
}

type Checked = (
    Vec<crate::record::Record>,
    Vec<Option<String>>,
    Vec<check::Finding>,
);

fn run_rules(repo: &crate::project::Repository, config: &Config) -> anyhow::Result<Checked> {
    let scan = log::scan_repository(repo)?;
    let (mut records, texts): (Vec<_>, Vec<_>) =
        log::load_with_text(&scan.records).into_iter().unzip();
    log::resolve_links(&mut records);
    let graph = DecisionGraph::build(&records);
    let index = LinkIndex::new(&records);
    let git = crate::git::Git::discover(&repo.cwd);
    // Walking history is needed only to explain duplicate numbers, which
    // most logs do not have.
    let added = std::cell::OnceCell::new();
    let branches = |a: usize, b: usize| -> Option<(String, String)> {
        let git = git.as_ref()?;
        let added = added.get_or_init(|| added_in(repo, &records, &texts));
        let (x, y) = (added[a].as_deref()?, added[b].as_deref()?);
        let ox = git.repo.revparse_single(x).ok()?.id();
        let oy = git.repo.revparse_single(y).ok()?.id();
        let related = ox == oy
            || git.repo.graph_descendant_of(ox, oy).unwrap_or(true)
            || git.repo.graph_descendant_of(oy, ox).unwrap_or(true);
        (!related).then(|| {
            (
                x[..7.min(x.len())].to_string(),
                y[..7.min(y.len())].to_string(),
            )
        })
    };
    let findings = check::run(&Input {
        records: &records,
        texts: &texts,
        graph: &graph,
        index: &index,
        config,
        branches: &branches,
    });
    Ok((records, texts, findings))
}

/// The commit that added each record, from git history when there is one.
fn added_in(
    repo: &crate::project::Repository,
    records: &[crate::record::Record],
    texts: &[Option<String>],
) -> Vec<Option<String>> {
    let dirs: Vec<&std::path::Path> = repo.log_dirs().collect();
    crate::git::records_metadata(&repo.cwd, &dirs, records, Some(texts), false)
        .unwrap_or_else(|_| vec![None; records.len()])
        .into_iter()
        .map(|m| m.and_then(|m| m.created.map(|c| c.commit)))
        .collect()
}

fn print(
    ctx: &mut Context<'_>,
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
            writeln!(ctx.err, "{}", report::summary(findings, records))?;
        }
        CheckFormat::Json => ctx.out.write_all(report::json(findings).as_bytes())?,
        CheckFormat::Sarif => ctx.out.write_all(report::sarif(findings).as_bytes())?,
    }
    Ok(check::exit_code(findings))
}
