//! One module per subcommand: find the repository, call the domain, print.

pub mod check;
pub mod export;
pub mod generate;
pub mod graph;
pub mod init;
pub mod link;
pub mod list;
pub mod new;
pub mod relate;
pub mod show;

use std::io::Write;

use crate::record::Record;
use crate::view::diagnostic;

/// Reports on stderr the records that could not be read, or not wholly;
/// returns the exit code for a listing: 1 when any had errors.
fn report_errors(records: &[Record], err: &mut dyn Write) -> u8 {
    let mut code = 0;
    for record in records {
        for problem in record
            .problems
            .iter()
            .filter(|p| p.severity == crate::record::Severity::Error)
        {
            let _ = writeln!(err, "{}", diagnostic(&record.path, problem));
            code = 1;
        }
    }
    code
}
