//! Shell completion, answered by `adr` itself: the script `adr completions
//! SHELL` prints only registers a function that calls back into this
//! binary (`ADR_COMPLETE=SHELL adr -- WORDS…`, clap_complete's engine),
//! so every shell gets the same answers: subcommands, flags, values such
//! as the shell names after `adr completions`, and the records of the log
//! where a command takes one (`adr show <TAB>`).

use std::ffi::OsStr;
use std::io::Write;

use clap::CommandFactory;
use clap_complete::env::Shells;
use clap_complete::{CompleteEnv, CompletionCandidate, Shell};

use crate::cli::args::Cli;
use crate::log::Log;
use crate::project::{Environment, Project};

/// The variable that turns a run of `adr` into a completion request; a
/// name of its own, so that a `COMPLETE` meant for another program does
/// not change what `adr` does.
const VAR: &str = "ADR_COMPLETE";

/// Answers a completion request and exits, when this run is one; returns
/// otherwise. Called before anything else reads the command line.
pub fn answer_if_asked() {
    CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .bin("adr")
        .complete();
}

/// The script that registers completion for `shell`. It calls this very
/// binary back by its absolute path: a bare `adr` may be another program
/// (Debian's adr-tools installs one).
pub fn write_registration(shell: Shell, out: &mut dyn Write) -> std::io::Result<()> {
    let name = shell.to_string();
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(&name) else {
        return Err(std::io::Error::other(format!("no completion for {name}")));
    };
    let binary = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_or_else(|_| "adr".to_string(), |p| p.to_string_lossy().into_owned());
    completer.write_registration(VAR, "adr", "adr", &binary, out)
}

/// Records of the log whose number or file name starts with what is typed:
/// numbers while it is empty or a number (`3`, with the title for shells
/// that show one), file names otherwise (`0003-use-postgresql.md`).
/// Nothing when there is no log: completion never prints an error.
pub fn references(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    let Ok(env) = Environment::from_process() else {
        return Vec::new();
    };
    let Ok(project) = Project::open(env, None) else {
        return Vec::new();
    };
    let Ok(log) = Log::load(&project) else {
        return Vec::new();
    };
    let numbers =
        typed.is_empty() || (typed.bytes().all(|b| b.is_ascii_digit()) && !typed.starts_with('0'));
    let mut candidates: Vec<(Option<u32>, CompletionCandidate)> = log
        .records()
        .iter()
        .filter_map(|record| {
            let value = if numbers {
                record.number?.to_string()
            } else {
                record.file_name().into_owned()
            };
            if !value.starts_with(typed) {
                return None;
            }
            let status = record
                .status
                .as_ref()
                .map(|s| format!(" ({})", s.kind.as_str()))
                .unwrap_or_default();
            let help = format!("{}{status}", record.display_title());
            Some((
                record.number,
                CompletionCandidate::new(value).help(Some(help.into())),
            ))
        })
        .collect();
    candidates.sort_by_key(|(number, _)| *number);
    candidates.dedup_by(|a, b| a.1.get_value() == b.1.get_value());
    candidates.into_iter().map(|(_, c)| c).collect()
}
