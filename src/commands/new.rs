use anyhow::Context as _;

use crate::cli::NewArgs;
use crate::lifecycle::{self, LinkSpec, NewRecord};
use crate::repository::Source;
use crate::template::Template;
use crate::{Context, editor};

pub fn run(ctx: &mut Context<'_>, args: NewArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let links = args
        .link
        .iter()
        .map(|spec| LinkSpec::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    let template = Template::choose(ctx.env.template.as_deref(), &repo.dir, args.format)?;
    let request = NewRecord {
        title: lifecycle::clean_title(&args.title),
        template,
        date: ctx.env.today(),
        status: args.status,
        tags: args.tags,
        supersede: args.supersede,
        links,
    };
    let created_folder = !repo.exists();
    let path = lifecycle::create(&repo, &request)?;
    if created_folder && repo.source == Source::Fallback {
        writeln!(
            ctx.err,
            "adr: note: created {} (run `adr init` to record the decision to use ADRs)",
            repo.dir.display()
        )?;
    }
    if !args.no_edit
        && let Some(command) = &ctx.env.editor
    {
        ctx.out.flush()?;
        editor::open(command, &path).with_context(|| format!("{} was created", path.display()))?;
    }
    writeln!(ctx.out, "{}", path.display())?;
    Ok(0)
}
