use anyhow::Context as _;

use crate::change::{self, LinkSpec, NewRequest, NewStatus};
use crate::cli::args::NewArgs;
use crate::cli::{Context, Done, Listing, editor};
use crate::project::{Project, Source};

pub(crate) fn run(ctx: &mut Context<'_>, project: &Project, args: NewArgs) -> anyhow::Result<Done> {
    let links = args
        .link
        .iter()
        .map(|spec| LinkSpec::parse(spec))
        .collect::<Result<Vec<_>, _>>()?;
    let created_folder = !project.repo.exists();
    let change = change::new_record(
        project,
        NewRequest {
            title: args.title.join(" "),
            template: args.template,
            format: args.format,
            status: args.status.map(NewStatus::AsTyped),
            tags: args.tags,
            supersede: args.supersede,
            links,
        },
    )?;
    // adr-tools is silent here, and its test suite says so.
    if created_folder && project.repo.source == Source::Fallback {
        ctx.detail(&format!(
            "created {} (run `adr init` to record the decision to use ADRs)",
            project.dir().display()
        ))?;
    }
    if !args.no_edit
        && let (Some(command), Some(path)) = (&ctx.env.editor, change.created.first())
    {
        ctx.out.flush()?;
        editor::open(command, path).with_context(|| format!("{} was created", path.display()))?;
    }
    Ok(Done::changed(change, Listing::Created))
}
