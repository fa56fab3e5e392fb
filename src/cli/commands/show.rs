use std::path::Path;

use crate::cli::args::{ShowArgs, ShowFormat};
use crate::cli::{Context, Done};
use crate::log::Log;
use crate::output::view::DetailView;
use crate::project::Project;
use crate::record::Record;

pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: ShowArgs,
) -> anyhow::Result<Done> {
    let log = Log::load(project)?;
    let node = log.find(&args.reference)?;
    let graph = log.graph();
    let record = &log.records()[node];
    // Only this record's history: hashing every record's text to flag
    // uncommitted edits would be wasted on the others.
    let history = log.history_of(node);
    let view = DetailView::new(&graph, node, history.as_ref(), args.emails);
    match args.format {
        ShowFormat::Json => {
            ctx.json(&view)?;
        }
        ShowFormat::Text => write_text(ctx, record, &view, log.records())?,
    }
    for warning in log.take_warnings() {
        ctx.warn(&warning)?;
    }
    for problem in record.diagnostics() {
        writeln!(ctx.stderr(), "{problem}")?;
    }
    let code = u8::from(record.has_errors());
    super::release(view);
    super::release(graph);
    super::release_log(log);
    Ok(Done::Exit(code))
}

fn write_text(
    ctx: &mut Context<'_>,
    record: &Record,
    view: &DetailView<'_>,
    records: &[Record],
) -> std::io::Result<()> {
    let out = &mut *ctx.out;
    let field = |name: &str, value: Option<String>| {
        format!("  {name:<8} {}", value.unwrap_or_else(|| "-".into()))
    };
    let label = |path: &Path| {
        records
            .iter()
            .find(|r| r.path == path)
            .map(|r| match r.number {
                Some(n) => format!("{n}. {} ({})", r.display_title(), path.display()),
                None => format!("{} ({})", r.display_title(), path.display()),
            })
            .unwrap_or_else(|| path.display().to_string())
    };
    writeln!(out, "{}", record.path.display())?;
    writeln!(
        out,
        "{}",
        field("number", record.number.map(|n| n.to_string()))
    )?;
    writeln!(out, "{}", field("title", record.title.clone()))?;
    let status = record.status.as_ref().map(|s| {
        if s.text.eq_ignore_ascii_case(s.kind.as_str()) {
            s.kind.to_string()
        } else {
            format!("{} ({})", s.kind, s.text)
        }
    });
    writeln!(out, "{}", field("status", status))?;
    let date = match (record.date, &record.date_text, &view.record.created) {
        (Some(date), _, _) => Some(date.to_string()),
        (None, Some(text), _) => Some(text.clone()),
        (None, None, Some(created)) => Some(format!("{} (from git)", created.date)),
        (None, None, None) => None,
    };
    writeln!(out, "{}", field("date", date))?;
    writeln!(
        out,
        "{}",
        field(
            "format",
            Some(format!("{:?}", record.format).to_lowercase())
        )
    )?;
    if !record.tags.is_empty() {
        writeln!(out, "{}", field("tags", Some(record.tags.join(", "))))?;
    }
    if !record.deciders.is_empty() {
        writeln!(
            out,
            "{}",
            field("deciders", Some(record.deciders.join(", ")))
        )?;
    }
    if !view.relations.is_empty() {
        writeln!(out, "  relations")?;
        for relation in &view.relations {
            writeln!(out, "    {} {}", relation.reads, label(relation.record))?;
        }
    }
    if !view.in_force_successors.is_empty() {
        for successor in &view.in_force_successors {
            writeln!(out, "  in force {}", label(successor))?;
        }
    }
    if let Some(created) = &view.record.created {
        writeln!(out, "  history")?;
        writeln!(
            out,
            "    added    {} {} by {}",
            created.date, created.commit, created.author
        )?;
        for change in &view.record.status_history {
            writeln!(
                out,
                "    {:<8} {} {} by {}",
                change.status, change.when.date, change.when.commit, change.when.author
            )?;
        }
        if let Some(updated) = &view.record.updated {
            writeln!(
                out,
                "    changed  {} {} by {}",
                updated.date, updated.commit, updated.author
            )?;
        }
        if view.record.uncommitted == Some(true) {
            writeln!(out, "    (the file has changes not committed yet)")?;
        }
    }
    let unresolved: Vec<_> = record.links.iter().filter(|l| l.target.is_none()).collect();
    if !unresolved.is_empty() {
        writeln!(out, "  unresolved")?;
        for link in unresolved {
            writeln!(out, "    {} {} (line {})", link.kind, link.raw, link.line)?;
        }
    }
    Ok(())
}
