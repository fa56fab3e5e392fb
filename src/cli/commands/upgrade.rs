use crate::Context;
use crate::change;

/// adr-tools' `adr upgrade-repository`: prints nothing on success; `-v`
/// names the records it rewrote.
pub fn run(ctx: &mut Context<'_>) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let outcome = change::upgrade(&repo)?;
    for path in &outcome.changed {
        ctx.detail(&format!("upgraded {}", path.display()))?;
    }
    super::relate::print_notes(ctx, &outcome)?;
    super::maybe_commit(
        ctx,
        &outcome.changed,
        "docs(adr): upgrade records to the current format",
    )?;
    Ok(0)
}
