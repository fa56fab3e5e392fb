//! The command-line front end: clap's definitions, the context a command
//! runs in, one thin module per command, and the one place where what a
//! command changed is printed and committed.

pub(crate) mod args;
pub(crate) mod commands;
pub mod complete;
pub(crate) mod editor;

use std::io::Write;

use crate::change::Change;
use crate::error::Error;
use crate::project::{Environment, Project};

pub use args::{Cli, Command, Generate};

/// Where a command's output goes, and how talkative it may be.
pub struct Context<'a> {
    pub env: Environment,
    /// `--quiet`: no notes or warnings on stderr (errors still).
    pub quiet: bool,
    /// `--verbose`: say what was chosen and why.
    pub verbose: bool,
    pub out: &'a mut dyn Write,
    err: &'a mut dyn Write,
}

impl<'a> Context<'a> {
    pub fn new(env: Environment, out: &'a mut dyn Write, err: &'a mut dyn Write) -> Self {
        Self {
            env,
            quiet: false,
            verbose: false,
            out,
            err,
        }
    }

    /// Stderr, once what was written to stdout has gone out: the two
    /// streams keep their order when they go to one place (`2>&1`).
    pub fn stderr(&mut self) -> &mut dyn Write {
        let _ = self.out.flush();
        &mut *self.err
    }

    /// An `adr: note:` line on stderr, unless `--quiet`.
    pub fn note(&mut self, text: &str) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.stderr(), "adr: note: {text}")
    }

    /// An `adr: warning:` line on stderr, unless `--quiet`.
    pub fn warn(&mut self, text: &str) -> std::io::Result<()> {
        if self.quiet {
            return Ok(());
        }
        writeln!(self.stderr(), "adr: warning: {text}")
    }

    /// `value` as pretty JSON and a newline on stdout. Made whole first:
    /// the serializer's many small writes through `dyn Write` cost more
    /// than the text itself.
    pub(crate) fn json(&mut self, value: &impl serde::Serialize) -> anyhow::Result<()> {
        let mut text = serde_json::to_vec_pretty(value)?;
        text.push(b'\n');
        self.out.write_all(&text)?;
        Ok(())
    }

    /// A line on stderr only with `--verbose`.
    pub fn detail(&mut self, text: &str) -> std::io::Result<()> {
        if !self.verbose {
            return Ok(());
        }
        writeln!(self.stderr(), "adr: {text}")
    }
}

/// What a command did, for [`run`] to finish.
pub(crate) enum Done {
    /// Nothing was written; the exit code.
    Exit(u8),
    /// Files were written: `run` lists them, says the notes, and commits
    /// them with `--commit`.
    Changed {
        change: Change,
        listing: Listing,
        code: u8,
    },
}

impl Done {
    pub(crate) fn changed(change: Change, listing: Listing) -> Self {
        Self::Changed {
            change,
            listing,
            code: 0,
        }
    }
}

/// What a command that wrote prints on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Listing {
    /// The files it created, one a line (`new`, `init`, `import`).
    Created,
    /// Moves (`old -> new`), then the files it changed.
    Files,
    /// Nothing, as adr-tools' `link` prints nothing.
    Nothing,
}

/// Runs a parsed command line; returns the exit code on success (a listing
/// that had to skip unreadable files still lists the rest, then exits 1).
pub fn run(cli: Cli, ctx: &mut Context<'_>) -> anyhow::Result<u8> {
    ctx.quiet = cli.quiet;
    ctx.verbose = cli.verbose;
    let commit = cli.commit || cli.command.commit_flag() == Some(true);
    if commit && !cli.command.writes() {
        return Err(Error::CommandLine(args::COMMIT_REFUSED.into()).into());
    }
    let done = dispatch(cli, ctx)?;
    finish(ctx, done, commit)
}

fn dispatch(cli: Cli, ctx: &mut Context<'_>) -> anyhow::Result<Done> {
    use commands::*;
    let dir = cli.dir.as_deref();
    let env = ctx.env.clone();
    // Which log was chosen and why, said with -v once the command ran.
    let opened = std::cell::RefCell::new(None);
    let quiet = ctx.quiet;
    let open = || {
        let project = Project::open(env.clone(), dir)?;
        // What finishing a crashed command's change did is said first.
        for note in project.take_notes() {
            if !quiet {
                eprintln!("adr: warning: {note}");
            }
        }
        *opened.borrow_mut() = Some(format!(
            "log: {} ({})",
            project.dir().display(),
            project.repo.explain()
        ));
        Ok::<_, crate::error::Error>(project)
    };
    let done = match cli.command {
        // No project needed, or found their own way.
        Command::Completions(args) => manual::completions(ctx, args),
        Command::Man(args) => manual::man(ctx, args),
        Command::Init(args) => init::run(ctx, dir, args),
        Command::Check(args) => check::run(ctx, dir, args),
        Command::New(args) => new::run(ctx, &open()?, args),
        Command::Link(args) => relate::link(ctx, &open()?, args),
        Command::Unlink(args) => relate::unlink(ctx, &open()?, args),
        Command::Status(args) => relate::status(ctx, &open()?, &args.reference, &args.status),
        Command::Accept(args) => relate::status(ctx, &open()?, &args.reference, "accepted"),
        Command::Reject(args) => relate::status(ctx, &open()?, &args.reference, "rejected"),
        Command::Deprecate(args) => relate::status(ctx, &open()?, &args.reference, "deprecated"),
        Command::Propose(args) => relate::status(ctx, &open()?, &args.reference, "proposed"),
        Command::Supersede(args) => relate::supersede(ctx, &open()?, args),
        Command::Renumber(args) => relate::renumber(ctx, &open()?, args),
        Command::Rename(args) => relate::rename(ctx, &open()?, args),
        Command::List(args) => list::run(ctx, &open()?, args),
        Command::Log(args) => log::run(ctx, &open()?, args),
        Command::Show(args) => show::run(ctx, &open()?, args),
        Command::Graph(args) => graph::run(ctx, &open()?, args),
        Command::Cites(args) => cites::run(ctx, &open()?, args),
        Command::Diff(args) => diff::run(ctx, &open()?, args),
        Command::Mcp(args) => mcp::run(ctx, &open()?, args),
        Command::Export(args::Export::Html(args)) => export::html(ctx, &open()?, args),
        Command::Serve(args) => serve::run(ctx, dir, args),
        Command::Export(args::Export::Json(args)) => exchange::export(ctx, &open()?, args),
        Command::Import(args::Import::Json(args)) => exchange::import(ctx, &open()?, args),
        Command::Edit(args) => edit::run(ctx, &open()?, args),
        Command::Search(args) => search::run(ctx, &open()?, args),
        Command::Template(command) => template::run(ctx, &open()?, command),
        Command::Config(args) => config::run(ctx, &open()?, args),
        Command::UpgradeRepository(_) => upgrade::run(ctx, &open()?),
        Command::Generate(args) => match args.report {
            Some(Generate::Toc(args)) => generate::toc(ctx, &open()?, args),
            Some(Generate::Graph(args)) => generate::graph(ctx, &open()?, args),
            None => generate::list_reports(ctx),
        },
    };
    if let Some(line) = opened.take() {
        ctx.detail(&line)?;
    }
    done
}

/// Prints what a command changed, its notes, and commits it with
/// `--commit`; moves are staged like `git mv` otherwise.
fn finish(ctx: &mut Context<'_>, done: Done, commit: bool) -> anyhow::Result<u8> {
    let (change, listing, code) = match done {
        Done::Exit(code) => return Ok(code),
        Done::Changed {
            change,
            listing,
            code,
        } => (change, listing, code),
    };
    match listing {
        Listing::Created => {
            for path in &change.created {
                writeln!(ctx.out, "{}", path.display())?;
            }
        }
        Listing::Files => {
            for (from, to) in &change.moved {
                writeln!(ctx.out, "{} -> {}", from.display(), to.display())?;
            }
            for path in &change.changed {
                writeln!(ctx.out, "{}", path.display())?;
            }
        }
        Listing::Nothing => {}
    }
    for (from, to) in &change.moved {
        // With --commit, the commit itself records the move.
        if !commit && crate::git::stage_move(&ctx.env.cwd, from, to)? {
            ctx.note(&format!(
                "git now tracks {} as {}",
                from.display(),
                to.display()
            ))?;
        }
    }
    for detail in &change.details {
        ctx.detail(detail)?;
    }
    for note in &change.notes {
        ctx.note(note)?;
    }
    let paths = change.paths();
    if commit && !paths.is_empty() {
        let summary = crate::git::commit::commit(&ctx.env.cwd, &paths, &change.message)?;
        writeln!(ctx.stderr(), "adr: committed {summary}")?;
    }
    Ok(code)
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

/// A command line clap rejected: `--commit` after a command that does not
/// write gets the same message as before it; the rest is clap's own.
pub fn parse_error(error: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let commit = error.kind() == ErrorKind::UnknownArgument
        && matches!(
            error.get(ContextKind::InvalidArg),
            Some(ContextValue::String(arg)) if arg == "--commit"
        );
    if commit {
        return clap::Error::raw(
            ErrorKind::UnknownArgument,
            format!("{}\n", args::COMMIT_REFUSED),
        );
    }
    error
}
