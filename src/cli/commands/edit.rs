use crate::cli::args::RefArgs;
use crate::cli::{Context, Done, editor};
use crate::error::Error;
use crate::log;
use crate::project::Project;

pub(crate) fn run(ctx: &mut Context<'_>, project: &Project, args: RefArgs) -> anyhow::Result<Done> {
    let files = log::scan_repository(&project.repo)?.records;
    let file = log::find(&files, &args.reference, project.dir())?;
    let command = ctx.env.editor.clone().ok_or(Error::NoEditor)?;
    ctx.detail(&format!("opening {} with {command}", file.path.display()))?;
    ctx.out.flush()?;
    editor::open(&command, &file.path)?;
    Ok(Done::Exit(0))
}
