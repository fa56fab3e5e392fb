//! The command line: one struct per command, parsed by clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use clap_complete::ArgValueCompleter;

use crate::change::template::RecordFormat;
use crate::cli::complete::references;

/// Architecture Decision Records: create, link, list and publish them.
///
/// A drop-in replacement for adr-tools that reads every ADR folder in the
/// wild (adr-tools, MADR, log4brains and hand-written variants).
#[derive(Debug, Parser)]
#[command(name = "adr", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// The ADR folder, instead of looking for it (`.adr-dir`, `.adr.toml`,
    /// `doc/adr` upwards, then where repositories keep logs) [env: ADR_DIR]
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::DirPath)]
    pub dir: Option<PathBuf>,

    /// Commit the files the command changes, with git, hooks and all: for
    /// the commands that write (init, new, link, unlink, supersede, status,
    /// accept…, renumber, rename, import, check --fix), where it may also
    /// follow the command's name.
    #[arg(long)]
    pub commit: bool,

    /// No notes or warnings on stderr; errors are still reported.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Say what was chosen and why (folder, template, configuration).
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start an ADR folder and record the decision to use ADRs.
    ///
    /// Example: `adr init doc/architecture/decisions`
    Init(InitArgs),
    /// Create a new, numbered ADR and open it in $VISUAL or $EDITOR.
    ///
    /// Example: `adr new -s 3 -l "5:Amends:Amended by" Use PostgreSQL`
    New(NewArgs),
    /// Link two ADRs both ways.
    ///
    /// Example: `adr link 12 Amends 10 "Amended by"`
    Link(LinkArgs),
    /// Remove every relation between two ADRs, at both ends.
    ///
    /// Example: `adr unlink 12 10`
    Unlink(UnlinkArgs),
    /// Set an ADR's status in every place its file keeps one.
    ///
    /// Example: `adr status 7 deprecated`
    Status(StatusArgs),
    /// Mark an ADR accepted.
    ///
    /// Example: `adr accept 7`
    Accept(MarkArgs),
    /// Mark an ADR rejected.
    ///
    /// Example: `adr reject 7`
    Reject(MarkArgs),
    /// Mark an ADR deprecated.
    ///
    /// Example: `adr deprecate 7`
    Deprecate(MarkArgs),
    /// Mark an ADR proposed.
    ///
    /// Example: `adr propose 7`
    Propose(MarkArgs),
    /// Mark OLD superseded by NEW, and NEW superseding OLD.
    ///
    /// Example: `adr supersede 3 7`
    Supersede(SupersedeArgs),
    /// Give an ADR a new number; its file, heading and every link to it follow.
    ///
    /// Example: `adr renumber 42 43`
    Renumber(RenumberArgs),
    /// Give an ADR a new title; its file name, heading and every link to it follow.
    ///
    /// Example: `adr rename 7 Use PostgreSQL 16`
    Rename(RenameArgs),
    /// List the ADRs.
    ///
    /// Example: `adr list --format table --status accepted`
    List(ListArgs),
    /// The history of one ADR, or of the whole log, from git: additions,
    /// status changes, relations added, with commit, date and author.
    ///
    /// Example: `adr log 7`
    Log(LogArgs),
    /// Show one ADR's metadata and relations.
    ///
    /// Example: `adr show 3 --format json`
    Show(ShowArgs),
    /// Print the decision graph: relations, supersede chains, what is in force.
    ///
    /// Example: `adr graph --format mermaid --in-force`
    Graph(GraphQueryArgs),
    /// Check the log for CI: broken links, one-sided relations, duplicate
    /// numbers, bad metadata. Exits 0 when clean, 1 on errors, 2 when it
    /// could not run.
    ///
    /// Example: `adr check --format sarif > adr.sarif`
    Check(CheckArgs),
    /// Find what in the repository cites a decision: links to record files
    /// (relative or forge URLs), ids (`ADR-12`, `ADR 0012`, `adr/0012-…`),
    /// file names and stems; a retired record's citation names the record
    /// in force. Files in the ADR folder are left out unless asked for.
    ///
    /// Example: `adr cites 7 --format sarif > cites.sarif`
    Cites(CitesArgs),
    /// What a change does to the decisions: records added, removed,
    /// renamed, status changes, supersessions, relation changes, and
    /// edits to accepted records. A..B are revisions; A alone means A..the
    /// working tree; the default is the merge base of HEAD with the default
    /// branch (origin/HEAD, else main or master) .. the working tree.
    ///
    /// Example: `adr diff origin/main --format markdown > comment.md`
    Diff(DiffArgs),
    /// Export the decisions: a static HTML site, or JSON.
    ///
    /// Example: `adr export html --out public --base-url https://me.github.io/project/`
    #[command(subcommand)]
    Export(Export),
    /// Preview the HTML site on 127.0.0.1, rebuilt and reloaded in the
    /// browser as records change; nothing is written to disk.
    ///
    /// Example: `adr serve --port 4004 --open`
    Serve(ServeArgs),
    /// Open an ADR in $VISUAL or $EDITOR.
    ///
    /// Example: `adr edit 7`
    Edit(RefArgs),
    /// Search titles and bodies; prints each matching line.
    ///
    /// Example: `adr search postgres --status accepted`
    Search(SearchArgs),
    /// The templates a new record can start from.
    ///
    /// Example: `adr template show lightweight`
    #[command(subcommand)]
    Template(TemplateCommand),
    /// The effective settings and where each came from.
    ///
    /// Example: `adr config --format json`
    Config(FormatArgs),
    /// Import records exported with `adr export json`.
    ///
    /// Example: `adr import json decisions.json`
    #[command(subcommand)]
    Import(Import),
    /// Shell completions, to stdout.
    ///
    /// Example: `adr completions bash > /etc/bash_completion.d/adr`
    Completions(CompletionsArgs),
    /// The manual pages (roff): the main page to stdout, or with --out a
    /// page per command (`adr.1`, `adr-new.1` …) into a folder.
    ///
    /// Example: `adr man --out ~/.local/share/man/man1`, `adr man > adr.1`
    Man(ManArgs),
    /// Serve the decision log to AI assistants over the Model Context
    /// Protocol (JSON-RPC on stdin/stdout; no network listener).
    ///
    /// Example: `adr mcp` (read-only), `adr mcp --allow-write`
    Mcp(McpArgs),
    /// Generate summary documents: a table of contents or a Graphviz graph.
    ///
    /// Without a report name, lists the reports (as adr-tools does).
    /// Example: `adr generate toc > doc/adr/README.md`
    Generate(GenerateArgs),
    /// Bring records written by older adr-tools up to date: dates written
    /// `DD/MM/YYYY` become ISO 8601 (`YYYY-MM-DD`).
    ///
    /// Example: `adr upgrade-repository`
    UpgradeRepository(UpgradeArgs),
}

impl Command {
    /// The command's own `--commit`, for the commands that may write;
    /// `None` for the others, which do not accept it.
    pub fn commit_flag(&self) -> Option<bool> {
        let flag = match self {
            Self::Init(a) => a.commit,
            Self::New(a) => a.commit,
            Self::Link(a) => a.commit,
            Self::Unlink(a) => a.commit,
            Self::Status(a) => a.commit,
            Self::Accept(a) | Self::Reject(a) | Self::Deprecate(a) | Self::Propose(a) => a.commit,
            Self::Supersede(a) => a.commit,
            Self::Renumber(a) => a.commit,
            Self::Rename(a) => a.commit,
            Self::Import(Import::Json(a)) => a.commit,
            Self::Check(a) => a.commit,
            Self::UpgradeRepository(a) => a.commit,
            _ => return None,
        };
        Some(flag.commit)
    }

    /// Whether the command, as asked, writes records (and so may commit).
    pub fn writes(&self) -> bool {
        match self {
            Self::Check(a) => a.fix && !a.dry_run,
            other => other.commit_flag().is_some(),
        }
    }
}

/// `--commit`, on each command that writes.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct CommitArg {
    /// Commit the files this command changes, with git (your identity,
    /// configuration and hooks apply).
    #[arg(long)]
    pub commit: bool,
}

/// The message for `--commit` on a command that does not write.
pub(crate) const COMMIT_REFUSED: &str = "--commit goes with commands that change records (new, link, supersede, status, import, check --fix…)";

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder for the ADRs (default: doc/adr); remembered in `.adr-dir`.
    #[arg(value_hint = ValueHint::DirPath)]
    pub directory: Option<PathBuf>,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Supersede this ADR (a number, file name or path); repeatable.
    #[arg(short = 's', value_name = "REF", add = ArgValueCompleter::new(references))]
    pub supersede: Vec<String>,

    /// Link to an existing ADR: TARGET:LINK:REVERSE-LINK, e.g. "5:Amends:Amended by"; repeatable.
    #[arg(short = 'l', value_name = "TARGET:LINK:REVERSE")]
    pub link: Vec<String>,

    /// Layout of the new record (default: the project template, else nygard).
    #[arg(long, value_enum, conflicts_with = "template")]
    pub format: Option<RecordFormat>,

    /// Start from this template: a project one or a built-in (see
    /// `adr template list`).
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,

    /// Status to write (default: Accepted for nygard, proposed for madr).
    #[arg(long)]
    pub status: Option<String>,

    /// Tag the record; repeatable.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Do not open the editor.
    #[arg(long)]
    pub no_edit: bool,

    #[command(flatten)]
    pub commit: CommitArg,

    /// The title; the words are joined with spaces.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "TITLE"
    )]
    pub title: Vec<String>,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The ADR the link is written in.
    #[arg(add = ArgValueCompleter::new(references))]
    pub source: String,
    /// The link text written in SOURCE, e.g. "Amends".
    pub link: String,
    /// The ADR linked to.
    #[arg(add = ArgValueCompleter::new(references))]
    pub target: String,
    /// The link text written in TARGET, e.g. "Amended by" (optional for
    /// well-known verbs: Supersedes, Amends, Extends, Clarifies, Relates to…).
    pub reverse: Option<String>,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct UnlinkArgs {
    /// One ADR.
    #[arg(add = ArgValueCompleter::new(references))]
    pub source: String,
    /// The other ADR; every relation between the two is removed, at both ends.
    #[arg(add = ArgValueCompleter::new(references))]
    pub target: String,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The ADR: a number, file name or path.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,
    /// proposed, accepted, rejected or deprecated.
    pub status: String,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct RefArgs {
    /// The ADR: a number, file name or path.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The ADR: a number, file name or path.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct SupersedeArgs {
    /// The ADR that is replaced.
    #[arg(add = ArgValueCompleter::new(references))]
    pub old: String,
    /// The ADR that replaces it.
    #[arg(add = ArgValueCompleter::new(references))]
    pub new: String,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct RenumberArgs {
    /// The ADR to renumber.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,
    /// Its new number.
    pub number: u32,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The ADR to rename.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,
    /// The new title; the words are joined with spaces.
    #[arg(required = true, num_args = 1..)]
    pub title: Vec<String>,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    /// One path a line, as adr-tools prints.
    #[default]
    Paths,
    /// Number, status, date and title in columns.
    Table,
    /// An array of records.
    Json,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// One ADR (default: all).
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
    /// Show authors' email addresses.
    #[arg(long)]
    pub emails: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,

    /// Only records with this status (accepted, superseded, a custom word…).
    #[arg(long)]
    pub status: Option<String>,

    /// Only records with this tag.
    #[arg(long)]
    pub tag: Option<String>,

    /// The log as it stood at a date (YYYY-MM-DD) or a git revision.
    #[arg(long, value_name = "DATE|REV")]
    pub at: Option<String>,

    /// Show authors' email addresses (JSON).
    #[arg(long)]
    pub emails: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The ADR: a number, file name or path.
    #[arg(add = ArgValueCompleter::new(references))]
    pub reference: String,

    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,

    /// Show authors' email addresses.
    #[arg(long)]
    pub emails: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum GraphFormat {
    /// Records and their outgoing relations, one a line.
    #[default]
    Text,
    /// Graphviz.
    Dot,
    /// A Mermaid flowchart (GitHub renders it in Markdown).
    Mermaid,
    /// `nodes`, `edges` (`from`, `to`, `kind`), `cycles`, `unresolved`.
    Json,
}

#[derive(Debug, Args)]
pub struct GraphQueryArgs {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: GraphFormat,
    /// Only the records reachable from this one (what it affects).
    #[arg(long, value_name = "REF", add = ArgValueCompleter::new(references))]
    pub from: Option<String>,
    /// Only the records that lead to this one.
    #[arg(long, value_name = "REF", add = ArgValueCompleter::new(references))]
    pub to: Option<String>,
    /// Only records in force: not superseded, rejected or deprecated.
    #[arg(long)]
    pub in_force: bool,
    /// The graph as it stood at a date (YYYY-MM-DD) or a git revision.
    #[arg(long, value_name = "DATE|REV")]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    /// `path:line:col: severity[rule]: message`.
    #[default]
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: CheckFormat,
    /// Repair what is unambiguous (missing reverse links, unmarked
    /// superseded records, links to renamed files) and print each change.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: show the changes without writing them.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// List the rules and exit.
    #[arg(long)]
    pub rules: bool,
    /// With --fix: commit the repaired files, with git.
    #[command(flatten)]
    pub commit: CommitArg,
    /// Only the records a change made since REV touched (from the merge
    /// base of REV and HEAD to the working tree), and the records whose
    /// relations it touched.
    #[arg(long, value_name = "REV", conflicts_with = "fix")]
    pub changed_since: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CitesFormat {
    /// `path:line:col: as written → record (status)`.
    #[default]
    Text,
    Json,
    /// SARIF 2.1.0: retired citations as warnings, the others as notes.
    Sarif,
}

#[derive(Debug, Args)]
pub struct CitesArgs {
    /// Only citations of this ADR (a number, file name or path).
    pub reference: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: CitesFormat,
    /// Also scan the ADR folders (records citing each other are relations,
    /// so they are left out by default).
    #[arg(long)]
    pub include_records: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum DiffFormat {
    /// One change a line.
    #[default]
    Text,
    Json,
    /// Fit to post as a pull-request comment.
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// `A..B` (two revisions) or `A` (A .. the working tree).
    #[arg(value_name = "A..B")]
    pub range: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: DiffFormat,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find (all of them, case-insensitive).
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Only records with this status.
    #[arg(long)]
    pub status: Option<String>,
    /// Only records with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// The project's templates and the built-in ones.
    ///
    /// Example: `adr template list --format json`
    List(FormatArgs),
    /// A template's text.
    ///
    /// Example: `adr template show madr-minimal`
    Show(TemplateShowArgs),
}

#[derive(Debug, Args)]
pub struct TemplateShowArgs {
    /// A project template (`<dir>/templates/NAME.md`) or a built-in:
    /// nygard, madr, madr-minimal, lightweight.
    pub name: String,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: ShowFormat,
}

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Records from `adr export json` (a file, or `-` for stdin), into an
    /// ADR folder that has no records yet.
    ///
    /// Example: `adr import json decisions.json`
    Json(ImportJsonArgs),
}

#[derive(Debug, Args)]
pub struct ImportJsonArgs {
    /// The file written by `adr export json`, or `-` for stdin.
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    #[command(flatten)]
    pub commit: CommitArg,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write `adr.1` and one page per command into DIR (created if
    /// missing) instead of the main page to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct McpArgs {
    /// Offer the tools that create and change records (off by default).
    #[arg(long)]
    pub allow_write: bool,
}

#[derive(Debug, Subcommand)]
pub enum Export {
    /// A static site: index, a page per record, graph, timeline, search,
    /// Atom feed. Works offline, from file://, and on GitHub Pages.
    ///
    /// Example: `adr export html --out public --title "Our decisions"`
    Html(HtmlArgs),
    /// Every record as JSON (metadata and full text), for other tools;
    /// `adr import json` reads it back.
    ///
    /// Example: `adr export json --out decisions.json`
    Json(JsonArgs),
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HtmlArgs {
    /// Output folder (default: `site.out` in .adr.toml, else adr-site); it
    /// is replaced whole, so it must be empty or an earlier export.
    #[arg(long, value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub out: Option<PathBuf>,
    /// Public address of the site, for the feed and canonical links.
    #[arg(long, value_name = "URL", value_hint = ValueHint::Url)]
    pub base_url: Option<String>,
    /// Site title (default: `site.title` in .adr.toml).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0: any free port, printed).
    #[arg(long, default_value_t = 4004)]
    pub port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Site title (default: `site.title` in .adr.toml).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub report: Option<Generate>,
}

#[derive(Debug, Subcommand)]
pub enum Generate {
    /// A Markdown table of contents, to stdout.
    ///
    /// Example: `adr generate toc -i intro.md -p doc/adr/`
    Toc(TocArgs),
    /// A Graphviz graph of the ADRs and their links, to stdout.
    ///
    /// Example: `adr generate graph | dot -Tsvg > graph.svg`
    Graph(GraphArgs),
}

#[derive(Debug, Args)]
pub struct TocArgs {
    /// Markdown to put before the list: a file (`intro.md`), or the text itself.
    #[arg(short = 'i', value_name = "INTRO")]
    pub intro: Option<String>,
    /// Markdown to put after the list: a file (`outro.md`), or the text itself.
    #[arg(short = 'o', value_name = "OUTRO")]
    pub outro: Option<String>,
    /// Prefix for each link.
    #[arg(short = 'p', value_name = "LINK_PREFIX")]
    pub prefix: Option<String>,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Prefix for each node's URL.
    #[arg(short = 'p', value_name = "LINK_PREFIX")]
    pub prefix: Option<String>,
    /// Extension of each node's URL.
    #[arg(short = 'e', value_name = "LINK_EXTENSION", default_value = ".html")]
    pub extension: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_valid() {
        Cli::command().debug_assert();
    }

    /// Every command explains itself with an example, and every argument
    /// and flag has help.
    #[test]
    fn every_command_and_flag_has_help() {
        fn visit(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let name = format!("{path} {}", command.get_name());
            let leaf = command.get_subcommands().next().is_none();
            let about = command
                .get_long_about()
                .or(command.get_about())
                .map(|a| a.to_string())
                .unwrap_or_default();
            if leaf && !about.contains("Example") {
                missing.push(format!("{name}: no example"));
            }
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{name} --{}: no help", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_name() != "help" {
                    visit(sub, &name, missing);
                }
            }
        }
        let mut missing = Vec::new();
        visit(&Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "{missing:#?}");
    }

    #[test]
    fn title_after_double_dash() {
        let cli = Cli::try_parse_from(["adr", "new", "--", "-Bar-"]).expect("parses");
        let Command::New(args) = cli.command else {
            panic!("not new");
        };
        assert_eq!(args.title, ["-Bar-"]);
    }

    #[test]
    fn options_before_title() {
        let cli = Cli::try_parse_from([
            "adr",
            "new",
            "-s",
            "3",
            "-l",
            "5:Amends:Amended by",
            "Use",
            "X",
        ])
        .expect("parses");
        let Command::New(args) = cli.command else {
            panic!("not new");
        };
        assert_eq!(args.supersede, ["3"]);
        assert_eq!(args.title, ["Use", "X"]);
    }
}
