//! The command-line front end: clap's definitions, the context a command
//! runs in, and one thin module per command.

pub mod args;
pub mod commands;
pub mod editor;

use std::io::Write;
use std::path::PathBuf;

use crate::error::Error;
use crate::project::{self, Environment};

pub use args::{Cli, Command, Generate};

/// Everything a command needs: the environment and where output goes.
pub struct Context<'a> {
    pub env: Environment,
    pub dir_flag: Option<PathBuf>,
    /// `--commit`: commit what the command changes.
    pub commit: bool,
    /// `--quiet`: no notes or warnings on stderr (errors still).
    pub quiet: bool,
    /// `--verbose`: say what was chosen and why.
    pub verbose: bool,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

impl Context<'_> {
    /// An `adr: note:` line on stderr, unless `--quiet`.
    pub fn note(&mut self, text: &str) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.err, "adr: note: {text}")
    }

    /// An `adr: warning:` line on stderr, unless `--quiet`.
    pub fn warn(&mut self, text: &str) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.err, "adr: warning: {text}")
    }

    /// A line on stderr only with `--verbose`.
    pub fn detail(&mut self, text: &str) -> std::io::Result<()> {
        if !self.verbose {
            return Ok(());
        }
        writeln!(self.err, "adr: {text}")
    }

    /// Finds the ADR folder for this invocation.
    pub fn repository(&self) -> crate::Result<project::Repository> {
        project::Repository::locate(
            &self.env.cwd,
            self.dir_flag.as_deref(),
            self.env.adr_dir.as_deref(),
        )
    }
}

/// Runs a parsed command line; returns the exit code on success (a listing
/// that had to skip unreadable files still lists the rest, then exits 1).
pub fn run(cli: Cli, ctx: &mut Context<'_>) -> anyhow::Result<u8> {
    ctx.dir_flag = cli.dir;
    ctx.commit = cli.commit;
    ctx.quiet = cli.quiet;
    ctx.verbose = cli.verbose;
    if cli.commit && !cli.command.changes_files() {
        return Err(Error::Usage(
            "--commit goes with commands that change records (new, link, supersede, status…)"
                .into(),
        )
        .into());
    }
    match cli.command {
        Command::Init(args) => commands::init::run(ctx, args),
        Command::New(args) => commands::new::run(ctx, args),
        Command::Link(args) => commands::link::run(ctx, args),
        Command::Unlink(args) => commands::relate::unlink(ctx, args),
        Command::Status(args) => commands::relate::status(ctx, &args.reference, &args.status),
        Command::Accept(args) => commands::relate::status(ctx, &args.reference, "accepted"),
        Command::Reject(args) => commands::relate::status(ctx, &args.reference, "rejected"),
        Command::Deprecate(args) => commands::relate::status(ctx, &args.reference, "deprecated"),
        Command::Propose(args) => commands::relate::status(ctx, &args.reference, "proposed"),
        Command::Supersede(args) => commands::relate::supersede(ctx, args),
        Command::Renumber(args) => commands::relate::renumber(ctx, args),
        Command::Rename(args) => commands::relate::rename(ctx, args),
        Command::List(args) => commands::list::run(ctx, args),
        Command::Log(args) => commands::log::run(ctx, args),
        Command::Show(args) => commands::show::run(ctx, args),
        Command::Graph(args) => commands::graph::run(ctx, args),
        Command::Check(args) => commands::check::run(ctx, args),
        Command::Mcp(args) => commands::mcp::run(ctx, args),
        Command::Export(args::Export::Html(args)) => commands::export::html(ctx, args),
        Command::Export(args::Export::Json(args)) => commands::exchange::export(ctx, args),
        Command::Import(args::Import::Json(args)) => commands::exchange::import(ctx, args),
        Command::Serve(args) => commands::serve::run(ctx, args),
        Command::Edit(args) => commands::edit::run(ctx, args),
        Command::Search(args) => commands::search::run(ctx, args),
        Command::Template(command) => commands::template::run(ctx, command),
        Command::Config(args) => commands::config::run(ctx, args),
        Command::Completions(args) => commands::manual::completions(ctx, args),
        Command::Man => commands::manual::man(ctx),
        Command::Generate(args) => match args.report {
            Some(Generate::Toc(args)) => commands::generate::toc(ctx, args),
            Some(Generate::Graph(args)) => commands::generate::graph(ctx, args),
            None => commands::generate::list_reports(ctx),
        },
    }
}

/// Prints an error and its causes to stderr and gives the exit code.
/// A closed stdout (`adr list | head -1`) ends the program quietly.
pub fn report(error: &anyhow::Error, err: &mut dyn Write) -> u8 {
    let broken_pipe = error.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return 0;
    }
    let _ = write!(err, "adr: error: {error}");
    for cause in error.chain().skip(1) {
        let _ = write!(err, "\n  caused by: {cause}");
    }
    let _ = writeln!(err);
    error
        .chain()
        .find_map(|e| e.downcast_ref::<Error>())
        .map_or(1, Error::exit_code)
}
