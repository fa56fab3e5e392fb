use crate::cli::args::{ListArgs, ListFormat};
use crate::cli::{Context, Done};
use crate::git::Metadata;
use crate::log::Log;
use crate::output::view::RecordView;
use crate::project::Project;
use crate::record::{Filter, Record, StatusKind};

pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: ListArgs,
) -> anyhow::Result<Done> {
    let filtered = args.status.is_some() || args.tag.is_some();
    if args.format == ListFormat::Paths && !filtered && args.at.is_none() {
        // adr-tools' `adr list`: names only, no file is read.
        for file in crate::log::scan_repository(&project.repo)?.records {
            writeln!(ctx.out, "{}", file.path.display())?;
        }
        return Ok(Done::Exit(0));
    }
    let log = Log::load_at(project, args.at.as_deref())?;
    let records = log.records();
    let selected = log.select(&Filter {
        status: args.status.as_deref().map(StatusKind::parse),
        tag: args.tag.clone(),
    });
    match args.format {
        ListFormat::Paths => {
            for &i in &selected {
                writeln!(ctx.out, "{}", records[i].path.display())?;
            }
        }
        ListFormat::Table => write_table(ctx, records, &selected, log.history())?,
        ListFormat::Json => {
            let history = log.history();
            let views: Vec<_> = selected
                .iter()
                .map(|&i| {
                    RecordView::new(&records[i]).with_history(history[i].as_ref(), args.emails)
                })
                .collect();
            ctx.json(&views)?;
        }
    }
    super::finish_listing(ctx, log)
}

fn write_table(
    ctx: &mut Context<'_>,
    records: &[Record],
    selected: &[usize],
    history: &[Option<Metadata>],
) -> std::io::Result<()> {
    let with_history = history.iter().any(Option::is_some);
    let rows: Vec<Vec<String>> = selected
        .iter()
        .map(|&i| {
            let r = &records[i];
            let mut row = vec![
                r.number.map(|n| n.to_string()).unwrap_or_default(),
                r.status
                    .as_ref()
                    .map(|s| s.kind.to_string())
                    .unwrap_or_else(|| "-".into()),
                match (r.date, &r.date_text, &history[i]) {
                    (Some(date), _, _) => date.to_string(),
                    (
                        None,
                        None,
                        Some(Metadata {
                            created: Some(c), ..
                        }),
                    ) => {
                        format!("{} (git)", c.date)
                    }
                    _ => "-".into(),
                },
            ];
            if with_history {
                let updated = history[i].as_ref().and_then(|m| m.updated.as_ref());
                row.push(updated.map_or_else(|| "-".into(), |t| t.date.clone()));
            }
            row.push(r.display_title());
            row.push(r.path.display().to_string());
            row
        })
        .collect();
    let mut header: Vec<String> = ["NUMBER", "STATUS", "DATE"].map(String::from).to_vec();
    if with_history {
        header.push("UPDATED".into());
    }
    header.push("TITLE".into());
    header.push("PATH".into());
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            // A column is no wider than this: one very long title makes
            // its own row long, not every row.
            *w = (*w).max(cell.chars().count().min(80));
        }
    }
    let last = header.len() - 1;
    for row in std::iter::once(&header).chain(&rows) {
        let line = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| match i {
                0 => format!("{cell:>w$}"),
                i if i == last => cell.clone(),
                _ => format!("{cell:<w$}"),
            })
            .collect::<Vec<_>>()
            .join("  ");
        writeln!(ctx.out, "{}", line.trim_end())?;
    }
    Ok(())
}
