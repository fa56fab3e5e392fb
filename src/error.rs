//! Errors of the library. Each names the file or value it is about.

use std::io;
use std::path::PathBuf;

use thiserror::Error;

use crate::diagnostic::Diagnostic;

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Error)]
pub enum Error {
    /// No `.adr-dir`, `doc/adr` or log4brains config above the current folder.
    #[error(
        "no ADR folder found: looked for .adr-dir and doc/adr from {} up to /, and {} does not exist\n  hint: run `adr init` to start one, or pass --dir PATH",
        .searched_from.display(),
        .default.display()
    )]
    NoAdrDir {
        searched_from: PathBuf,
        default: PathBuf,
    },

    /// The ADR folder named by `.adr-dir`, `--dir` or `ADR_DIR` is missing.
    #[error("the ADR folder {} does not exist (named by {source_of_name})", .path.display())]
    MissingAdrDir {
        path: PathBuf,
        source_of_name: String,
    },

    /// A file or folder could not be read.
    #[error("{}: {source}", .path.display())]
    Read { path: PathBuf, source: io::Error },

    /// A file could not be written; nothing was changed.
    #[error("{}: cannot write: {source}", .path.display())]
    Write { path: PathBuf, source: io::Error },

    /// The ADR folder could not be locked.
    #[error("{}: cannot lock the folder: {source}", .path.display())]
    Lock { path: PathBuf, source: io::Error },

    /// A record to change is read-only; nothing was changed.
    #[error("{}: the file is read-only; nothing was changed", .0.display())]
    ReadOnly(PathBuf),

    /// A record changed on disk while we were working; nothing was changed.
    #[error("{}: the file changed while adr was updating it; nothing was changed, try again", .0.display())]
    ChangedMeanwhile(PathBuf),

    /// A reference matches no record.
    #[error("no ADR matches `{reference}` in {}", .dir.display())]
    UnknownReference { reference: String, dir: PathBuf },

    /// A reference matches several records.
    #[error("`{reference}` is ambiguous: it matches {}", list(.candidates))]
    AmbiguousReference {
        reference: String,
        candidates: Vec<PathBuf>,
    },

    /// `adr new` without a title.
    #[error("no title given\n  usage: adr new [-s REF]... [-l REF:LINK:REVERSE]... TITLE...")]
    NoTitle,

    /// A title with no letter or digit cannot name a file.
    #[error("the title `{0}` has no letter or digit to make a file name from")]
    EmptySlug(String),

    /// `adr init` on a folder that already has records.
    #[error("{} already holds {count} ADR(s); not initialising it again", .dir.display())]
    AlreadyInitialised { dir: PathBuf, count: usize },

    /// A `-l` value not of the form `TARGET:LINK:REVERSE-LINK`.
    #[error("`{0}` is not TARGET:LINK:REVERSE-LINK (for example \"5:Amends:Amended by\")")]
    BadLinkSpec(String),

    /// A record cannot be linked to itself.
    #[error("{} cannot be linked to itself", .0.display())]
    SelfLink(PathBuf),

    /// The editor could not be started or failed.
    #[error("editor `{command}` failed on {}: {reason}", .path.display())]
    Editor {
        command: String,
        path: PathBuf,
        reason: String,
    },

    /// A template could not be read.
    #[error("template {}: {source}", .path.display())]
    Template { path: PathBuf, source: io::Error },

    /// A file that must be read (a record to change, `.adr.toml`, a site
    /// template, a JSON document) is invalid, at this place.
    #[error("{}: {}", .0.location(), .0.message)]
    Invalid(Diagnostic),

    /// `adr edit` with neither `$VISUAL` nor `$EDITOR` set.
    #[error("no editor: set VISUAL or EDITOR (for example `export EDITOR=vi`)")]
    NoEditor,

    /// A template name that is neither the project's nor built in.
    #[error("no template named `{0}`; see `adr template list`")]
    UnknownTemplate(String),

    /// A command that reads git history, run outside a work tree.
    #[error("{what} reads git history, and {} is not in a git work tree", .path.display())]
    NotInGit { what: String, path: PathBuf },

    /// Git history cannot answer what was asked (no commits, a revision
    /// or date it does not know, a shallow clone).
    #[error("{0}")]
    History(String),

    /// A git command `adr` ran failed (a hook refused a commit…).
    #[error("git {action} failed: {detail}")]
    Git { action: String, detail: String },

    /// A request that cannot be carried out as asked; nothing was changed.
    #[error("{0}")]
    Refused(String),

    /// The command line asks for something that does not fit together
    /// (clap catches the rest).
    #[error("{0}")]
    CommandLine(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The exit code for this error: 2 for a command line that does not
    /// fit together (as for one clap cannot parse), 1 for everything else
    /// (adr-tools exits 1 for a missing title, and so do we).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::CommandLine(_) => 2,
            _ => 1,
        }
    }

    /// A file invalid at `line` (0: as a whole), with `message`.
    pub fn invalid(path: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Self::Invalid(Diagnostic::error("invalid", line, message).in_file(path))
    }

    pub fn read(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Read {
            path: path.into(),
            source,
        }
    }

    pub fn ambiguous(reference: &str, candidates: Vec<PathBuf>) -> Self {
        Self::AmbiguousReference {
            reference: reference.to_string(),
            candidates,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_file() {
        let e = Error::ReadOnly(PathBuf::from("doc/adr/0001-x.md"));
        assert!(e.to_string().starts_with("doc/adr/0001-x.md: "));
        let e = Error::ambiguous("25", vec!["a.md".into(), "b.md".into()]);
        assert_eq!(e.to_string(), "`25` is ambiguous: it matches a.md, b.md");
    }
}
