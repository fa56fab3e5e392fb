use crate::cli::args::{LogArgs, ShowFormat};
use crate::cli::{Context, Done};
use crate::log::events;
use crate::project::Project;

pub(crate) fn run(ctx: &mut Context<'_>, project: &Project, args: LogArgs) -> anyhow::Result<Done> {
    let mut found = events::events(project, args.reference.as_deref())?;
    if found.unborn {
        ctx.note("this repository has no commits yet")?;
        return Ok(Done::Exit(0));
    }
    if !args.emails {
        for event in &mut found.events {
            event.email = None;
        }
    }
    let entries = &found.events;
    match args.format {
        ShowFormat::Json => {
            ctx.json(&entries)?;
        }
        ShowFormat::Text => {
            for e in entries {
                let who = match &e.email {
                    Some(email) => format!("{} <{email}>", e.author),
                    None => e.author.clone(),
                };
                let detail = if e.detail.is_empty() {
                    String::new()
                } else {
                    format!(" {}", e.detail)
                };
                writeln!(
                    ctx.out,
                    "{}  {}  {who}  {}  {}{detail}",
                    e.date, e.commit, e.path, e.event
                )?;
            }
        }
    }
    if found.shallow {
        ctx.note("this clone is shallow; history before its first commit is not known")?;
    }
    Ok(Done::Exit(0))
}
