use crate::Context;
use crate::change::template::Template;
use crate::cli::args::{ShowFormat, TemplateCommand};

pub fn run(ctx: &mut Context<'_>, command: TemplateCommand) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    match command {
        TemplateCommand::List(args) => {
            let templates = Template::list(&repo.dir);
            match args.format {
                ShowFormat::Json => {
                    let list: Vec<_> = templates
                        .iter()
                        .map(|(name, from)| serde_json::json!({ "name": name, "source": from }))
                        .collect();
                    serde_json::to_writer_pretty(&mut *ctx.out, &list)?;
                    writeln!(ctx.out)?;
                }
                ShowFormat::Text => {
                    let width = templates.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
                    for (name, from) in templates {
                        writeln!(ctx.out, "{name:<width$}  {from}")?;
                    }
                }
            }
        }
        TemplateCommand::Show(args) => {
            let template = Template::named(&args.name, &repo.dir)?;
            ctx.out.write_all(template.text.as_bytes())?;
        }
    }
    Ok(0)
}
