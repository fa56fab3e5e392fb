use crate::Context;
use crate::cli::args::{ListArgs, ListFormat};
use crate::git::Metadata;
use crate::log;
use crate::output::view::RecordView;
use crate::record::{Filter, Record, StatusKind};

pub fn run(ctx: &mut Context<'_>, args: ListArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let filtered = args.status.is_some() || args.tag.is_some();
    if args.format == ListFormat::Paths && !filtered && args.at.is_none() {
        // adr-tools' `adr list`: names only, no file is read.
        for file in log::scan_repository(&repo)?.records {
            writeln!(ctx.out, "{}", file.path.display())?;
        }
        return Ok(0);
    }
    let loaded = super::load(ctx, &repo, args.at.as_deref())?;
    let records = &loaded.records;
    let filter = Filter {
        status: args.status.as_deref().map(StatusKind::parse),
        tag: args.tag.clone(),
    };
    let selected: Vec<usize> = (0..records.len())
        .filter(|&i| filter.keeps(&records[i]))
        .collect();
    match args.format {
        ListFormat::Paths => {
            for &i in &selected {
                writeln!(ctx.out, "{}", records[i].path.display())?;
            }
        }
        ListFormat::Table => {
            let history = if args.at.is_some() {
                vec![None; records.len()]
            } else {
                super::history(ctx, &repo, records, &loaded.texts, false)?
            };
            write_table(ctx, records, &selected, &history)?;
        }
        ListFormat::Json => {
            let history = if args.at.is_some() {
                vec![None; records.len()]
            } else {
                super::history(ctx, &repo, records, &loaded.texts, args.emails)?
            };
            let views: Vec<_> = selected
                .iter()
                .map(|&i| RecordView::new(&records[i]).with_history(history[i].as_ref()))
                .collect();
            serde_json::to_writer_pretty(&mut *ctx.out, &views)?;
            writeln!(ctx.out)?;
        }
    }
    Ok(super::report_errors(records, ctx.err))
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
                r.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
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
            *w = (*w).max(cell.chars().count());
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
