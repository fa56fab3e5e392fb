use crate::cli::RefArgs;
use crate::{Context, Error, editor, store};

pub fn run(ctx: &mut Context<'_>, args: RefArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let files = store::scan_repository(&repo)?.records;
    let file = store::find(&files, &args.reference, &repo.dir)?;
    let command = ctx.env.editor.clone().ok_or_else(|| {
        Error::Usage("no editor: set VISUAL or EDITOR (for example `export EDITOR=vi`)".into())
    })?;
    ctx.detail(&format!("opening {} with {command}", file.path.display()))?;
    ctx.out.flush()?;
    editor::open(&command, &file.path)?;
    Ok(0)
}
