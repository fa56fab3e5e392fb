//! `adr upgrade-repository`: records written by older adr-tools brought to
//! the current format, all in one transaction.

use crate::error::{Error, Result};
use crate::project::Project;
use crate::record::upgrade;

use super::{Change, Session};

/// Rewrites old-style dates (`Date: DD/MM/YYYY`) in every record of the
/// log. A record that cannot be edited safely (not UTF-8, too large) is
/// left as it was, with a note; the others change together or not at all.
pub fn upgrade(project: &Project) -> Result<Change> {
    let mut session = Session::open(project)?;
    for file in session.files.clone() {
        match session.load(&file) {
            Ok(_) => {}
            Err(Error::Invalid(diagnostic)) => {
                session.outcome.notes.push(format!(
                    "{}: {}",
                    diagnostic.location(),
                    diagnostic.message
                ));
                continue;
            }
            Err(other) => return Err(other),
        }
        let text = session.text(&file.path)?;
        session.update(&file.path, upgrade::iso_dates(&text))?;
    }
    session.commit("docs(adr): upgrade records to the current format".into())
}
