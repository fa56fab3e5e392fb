use crate::cli::{ShowArgs, ShowFormat};
use crate::store;
use crate::view::{RecordView, diagnostic};
use crate::{Context, Error};

pub fn run(ctx: &mut Context<'_>, args: ShowArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let (scan, records) = store::load_repository(&repo)?;
    let file = store::find(&scan.records, &args.reference, &repo.dir)?;
    let record = store::record_at(&records, &file.path).ok_or_else(|| Error::UnknownReference {
        reference: args.reference.clone(),
        dir: repo.dir.clone(),
    })?;
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *ctx.out, &RecordView::new(record))?;
            writeln!(ctx.out)?;
        }
        ShowFormat::Text => {
            let out = &mut *ctx.out;
            writeln!(out, "{}", record.path.display())?;
            let field = |name: &str, value: Option<String>| {
                format!("  {name:<8} {}", value.unwrap_or_else(|| "-".into()))
            };
            writeln!(
                out,
                "{}",
                field("number", record.number.map(|n| n.to_string()))
            )?;
            writeln!(out, "{}", field("title", record.title.clone()))?;
            writeln!(
                out,
                "{}",
                field(
                    "status",
                    record.status.as_ref().map(|s| {
                        if s.text.eq_ignore_ascii_case(s.kind.as_str()) {
                            s.kind.to_string()
                        } else {
                            format!("{} ({})", s.kind, s.text)
                        }
                    })
                )
            )?;
            writeln!(
                out,
                "{}",
                field(
                    "date",
                    record
                        .date
                        .map(|d| d.to_string())
                        .or(record.date_text.clone())
                )
            )?;
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
            if !record.links.is_empty() {
                writeln!(out, "  links")?;
                for link in &record.links {
                    let target = link
                        .target
                        .as_ref()
                        .map(|t| t.display().to_string())
                        .unwrap_or_else(|| format!("unresolved: {}", link.raw));
                    writeln!(out, "    {} -> {}", link.kind, target)?;
                }
            }
        }
    }
    for problem in &record.problems {
        writeln!(ctx.err, "{}", diagnostic(&record.path, problem))?;
    }
    Ok(u8::from(record.has_errors()))
}
