//! The commands that change existing records: link, unlink, status
//! changes, supersede, renumber, rename.

use crate::change;
use crate::cli::args::{LinkArgs, RenameArgs, RenumberArgs, SupersedeArgs, UnlinkArgs};
use crate::cli::{Context, Done, Listing};
use crate::project::Project;

/// adr-tools' `adr link`: prints nothing on success.
pub(crate) fn link(_: &mut Context<'_>, project: &Project, args: LinkArgs) -> anyhow::Result<Done> {
    let change = change::link(
        project,
        &args.source,
        &args.link,
        &args.target,
        args.reverse.as_deref(),
    )?;
    Ok(Done::changed(change, Listing::Nothing))
}

pub(crate) fn unlink(
    _: &mut Context<'_>,
    project: &Project,
    args: UnlinkArgs,
) -> anyhow::Result<Done> {
    let change = change::unlink(project, &args.source, &args.target)?;
    Ok(Done::changed(change, Listing::Files))
}

pub(crate) fn status(
    _: &mut Context<'_>,
    project: &Project,
    reference: &str,
    status: &str,
) -> anyhow::Result<Done> {
    let change = change::set_status(project, reference, status)?;
    Ok(Done::changed(change, Listing::Files))
}

pub(crate) fn supersede(
    _: &mut Context<'_>,
    project: &Project,
    args: SupersedeArgs,
) -> anyhow::Result<Done> {
    let change = change::supersede(project, &args.old, &args.new)?;
    Ok(Done::changed(change, Listing::Files))
}

pub(crate) fn renumber(
    _: &mut Context<'_>,
    project: &Project,
    args: RenumberArgs,
) -> anyhow::Result<Done> {
    let change = change::renumber(project, &args.reference, args.number)?;
    Ok(Done::changed(change, Listing::Files))
}

pub(crate) fn rename(
    _: &mut Context<'_>,
    project: &Project,
    args: RenameArgs,
) -> anyhow::Result<Done> {
    let title = change::clean_title(&args.title);
    let change = change::rename(project, &args.reference, &title)?;
    Ok(Done::changed(change, Listing::Files))
}
