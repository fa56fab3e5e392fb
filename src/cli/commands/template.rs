use crate::change::template::Template;
use crate::cli::args::{ShowFormat, TemplateCommand};
use crate::cli::{Context, Done};
use crate::project::Project;

pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    command: TemplateCommand,
) -> anyhow::Result<Done> {
    let repo = &project.repo;
    match command {
        TemplateCommand::List(args) => {
            let templates = Template::list(&repo.dir);
            match args.format {
                ShowFormat::Json => {
                    let list: Vec<_> = templates
                        .iter()
                        .map(|(name, from)| serde_json::json!({ "name": name, "source": from }))
                        .collect();
                    ctx.json(&list)?;
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
            let template = Template::named(&args.name, &repo.dir, project.root())?;
            ctx.out.write_all(template.text.as_bytes())?;
        }
    }
    Ok(Done::Exit(0))
}
