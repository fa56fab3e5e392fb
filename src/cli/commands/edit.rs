use crate::cli::args::RefArgs;
use crate::cli::editor;
use crate::log;
use crate::{Context, Error};

pub fn run(ctx: &mut Context<'_>, args: RefArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let files = log::scan_repository(&repo)?.records;
    let file = log::find(&files, &args.reference, &repo.dir)?;
    let command = ctx.env.editor.clone().ok_or_else(|| {
        Error::Usage("no editor: set VISUAL or EDITOR (for example `export EDITOR=vi`)".into())
    })?;
    ctx.detail(&format!("opening {} with {command}", file.path.display()))?;
    ctx.out.flush()?;
    editor::open(&command, &file.path)?;
    Ok(0)
}
