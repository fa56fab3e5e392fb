use crate::change;
use crate::cli::{Context, Done, Listing};
use crate::project::Project;

/// adr-tools' `adr upgrade-repository`: prints nothing on success; `-v`
/// names the records it rewrote.
pub(crate) fn run(ctx: &mut Context<'_>, project: &Project) -> anyhow::Result<Done> {
    let change = change::upgrade(project)?;
    for path in &change.changed {
        ctx.detail(&format!("upgraded {}", path.display()))?;
    }
    Ok(Done::changed(change, Listing::Nothing))
}
