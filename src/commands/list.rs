use crate::Context;
use crate::cli::{ListArgs, ListFormat};
use crate::record::{Record, StatusKind};
use crate::store;
use crate::view::RecordView;

pub fn run(ctx: &mut Context<'_>, args: ListArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let filtered = args.status.is_some() || args.tag.is_some();
    if args.format == ListFormat::Paths && !filtered {
        // adr-tools' `adr list`: names only, no file is read.
        for file in store::scan_repository(&repo)?.records {
            writeln!(ctx.out, "{}", file.path.display())?;
        }
        return Ok(0);
    }
    let (_, records) = store::load_repository(&repo)?;
    let wanted_status = args.status.as_deref().map(StatusKind::parse);
    let selected: Vec<&Record> = records
        .iter()
        .filter(|r| {
            wanted_status
                .as_ref()
                .is_none_or(|s| r.status.as_ref().is_some_and(|rs| &rs.kind == s))
        })
        .filter(|r| {
            args.tag
                .as_deref()
                .is_none_or(|t| r.tags.iter().any(|rt| rt.eq_ignore_ascii_case(t)))
        })
        .collect();
    match args.format {
        ListFormat::Paths => {
            for record in &selected {
                writeln!(ctx.out, "{}", record.path.display())?;
            }
        }
        ListFormat::Table => write_table(ctx, &selected)?,
        ListFormat::Json => {
            let views: Vec<_> = selected.iter().map(|r| RecordView::new(r)).collect();
            serde_json::to_writer_pretty(&mut *ctx.out, &views)?;
            writeln!(ctx.out)?;
        }
    }
    Ok(super::report_errors(&records, ctx.err))
}

fn write_table(ctx: &mut Context<'_>, records: &[&Record]) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = records
        .iter()
        .map(|r| {
            [
                r.number.map(|n| n.to_string()).unwrap_or_default(),
                r.status
                    .as_ref()
                    .map(|s| s.kind.to_string())
                    .unwrap_or_else(|| "-".into()),
                r.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                r.display_title(),
                r.path.display().to_string(),
            ]
        })
        .collect();
    let header = ["NUMBER", "STATUS", "DATE", "TITLE", "PATH"].map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let line = row
            .iter()
            .zip(widths)
            .enumerate()
            .map(|(i, (cell, w))| match i {
                0 => format!("{cell:>w$}"),
                4 => cell.clone(),
                _ => format!("{cell:<w$}"),
            })
            .collect::<Vec<_>>()
            .join("  ");
        writeln!(ctx.out, "{}", line.trim_end())?;
    }
    Ok(())
}
