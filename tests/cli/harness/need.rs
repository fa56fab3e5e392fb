//! What a test needs from the machine, how the harness finds out whether it
//! is there, and which `*_REQUIRED` variable makes its absence a failure.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::support;

/// Something on the machine a test cannot run without.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// The real-world corpus (`$ADR_CORPUS`, else `../shared/adr-corpus`).
    Corpus,
    /// adr-tools, for differential tests (`$ADR_TOOLS_BIN`, else Debian's).
    AdrTools,
    /// Graphviz's `dot`.
    Graphviz,
    /// Chromium and chromedriver (`$CHROMIUM_BIN`, `$CHROMEDRIVER_BIN`).
    Browser,
    /// strace able to inject faults.
    Strace,
    /// node and npm, for the MCP TypeScript SDK client.
    McpSdk,
    /// git, cargo and python3 with venv, for pre-commit.
    PreCommit,
    /// npm, for the SARIF schema and Multitool.
    Sarif,
    /// bash with bash-completion, zsh and fish.
    Shells,
    /// Held-out ADR logs and their hand-read labels (`$ADR_HELDOUT`), kept
    /// outside the repository.
    HeldOut,
    /// `target/release/adr`, built from the sources as they are (the
    /// README's main job builds it; `.ci/run` runs that first).
    ReleaseBinary,
}

/// A need found unmet while a test ran (e.g. npm install failed offline):
/// the test returns `Err(Skip)` and the harness counts it.
#[derive(Debug)]
pub struct Skip {
    pub need: Need,
    pub why: String,
}

impl Need {
    /// Ends a test at run time: `return Err(Need::McpSdk.skip(why))`.
    pub fn skip(self, why: impl Into<String>) -> Skip {
        Skip {
            need: self,
            why: why.into(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Need::Corpus => "ADR corpus",
            Need::AdrTools => "adr-tools",
            Need::Graphviz => "Graphviz",
            Need::Browser => "Chromium and chromedriver",
            Need::Strace => "strace",
            Need::McpSdk => "MCP TypeScript SDK (node, npm)",
            Need::PreCommit => "pre-commit (git, cargo, python3 venv)",
            Need::Sarif => "SARIF schema (npm)",
            Need::Shells => "shells (bash-completion, zsh, fish)",
            Need::HeldOut => "held-out logs (ADR_HELDOUT)",
            Need::ReleaseBinary => "release binary",
        }
    }

    /// The variable that turns this need's absence into a failure.
    pub fn required_var(self) -> &'static str {
        match self {
            Need::Corpus => "ADR_CORPUS_REQUIRED",
            Need::AdrTools => "ADR_TOOLS_REQUIRED",
            Need::Graphviz => "GRAPHVIZ_REQUIRED",
            Need::Browser => "BROWSER_REQUIRED",
            Need::Strace => "STRACE_REQUIRED",
            Need::McpSdk => "MCP_SDK_REQUIRED",
            Need::PreCommit => "PRECOMMIT_REQUIRED",
            Need::Sarif => "SARIF_REQUIRED",
            Need::Shells => "SHELLS_REQUIRED",
            Need::HeldOut => "ADR_HELDOUT_REQUIRED",
            Need::ReleaseBinary => "RELEASE_REQUIRED",
        }
    }

    pub fn required(self) -> bool {
        std::env::var_os(self.required_var()).is_some_and(|v| !v.is_empty())
    }

    /// `Err` says what is missing and how to get it.
    pub fn probe(self) -> Result<(), String> {
        match self {
            Need::Corpus => {
                let dir = support::corpus_path();
                if dir.is_dir() {
                    Ok(())
                } else {
                    Err(format!("not found at {} (set ADR_CORPUS)", dir.display()))
                }
            }
            Need::HeldOut => {
                let dir = std::env::var_os("ADR_HELDOUT").map(std::path::PathBuf::from);
                match dir {
                    Some(dir) if dir.join("labels").is_dir() => Ok(()),
                    Some(dir) => Err(format!("{} has no labels/", dir.display())),
                    None => Err("ADR_HELDOUT is not set (a folder of held-out logs and \
                                 their labels/, kept outside the repository)"
                        .into()),
                }
            }
            Need::ReleaseBinary => fresh_release_binary(),
            Need::AdrTools => support::find_adr_tools().map(drop).ok_or_else(|| {
                "not installed (apt-get install adr-tools, or set ADR_TOOLS_BIN)".to_string()
            }),
            Need::Graphviz => runs_all(&[("dot", "-V")], "apt-get install graphviz"),
            Need::Browser => {
                let (chromium, chromedriver) = support::browser_paths();
                if chromium.is_file() && chromedriver.is_file() {
                    Ok(())
                } else {
                    Err(format!(
                        "{} or {} is missing (apt-get install chromium chromium-driver)",
                        chromium.display(),
                        chromedriver.display()
                    ))
                }
            }
            Need::Strace => {
                let works = Command::new("strace")
                    .args(["-f", "-qq", "-o", "/dev/null", "-e", "trace=openat"])
                    .args(["-e", "inject=openat:error=EIO:when=65535", "true"])
                    .stdin(Stdio::null())
                    .output()
                    .is_ok_and(|o| o.status.success());
                if works {
                    Ok(())
                } else {
                    Err(
                        "not installed or cannot inject faults here (apt-get install strace)"
                            .into(),
                    )
                }
            }
            Need::McpSdk => runs_all(
                &[("node", "--version"), ("npm", "--version")],
                "apt-get install nodejs npm",
            ),
            Need::PreCommit => runs_all(
                &[
                    ("git", "--version"),
                    ("cargo", "--version"),
                    ("python3", "-c import ensurepip, venv"),
                ],
                "apt-get install git python3-venv",
            ),
            Need::Sarif => runs_all(&[("npm", "--version")], "apt-get install npm"),
            Need::Shells => {
                let bash_completion = Path::new("/usr/share/bash-completion/bash_completion");
                let mut missing = Vec::new();
                if !runs("bash", &["--version"]) || !bash_completion.exists() {
                    missing.push("bash-completion");
                }
                for shell in ["zsh", "fish"] {
                    if !runs(shell, &["--version"]) {
                        missing.push(shell);
                    }
                }
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "not installed: {} (apt-get install {})",
                        missing.join(", "),
                        missing.join(" ")
                    ))
                }
            }
        }
    }
}

/// The release binary exists and is newer than every source it is built
/// from: an older one would test code that is no longer there.
fn fresh_release_binary() -> Result<(), String> {
    let release = support::release_bin();
    let built = std::fs::metadata(&release)
        .and_then(|m| m.modified())
        .map_err(|_| {
            format!(
                "no {} (cargo build --release, or the README's main job)",
                release.display()
            )
        })?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pending = vec![
        root.join("src"),
        root.join("templates"),
        root.join("assets"),
    ];
    let mut newest = std::fs::metadata(root.join("Cargo.lock"))
        .and_then(|m| m.modified())
        .ok();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                pending.push(entry.path());
            } else if let Ok(modified) = meta.modified() {
                newest = newest.max(Some(modified));
            }
        }
    }
    match newest {
        Some(source) if source > built => Err(format!(
            "{} is older than the sources (cargo build --release)",
            release.display()
        )),
        _ => Ok(()),
    }
}

/// Each `(program, args)` runs and succeeds; `args` split on the first space.
fn runs_all(commands: &[(&str, &str)], install: &str) -> Result<(), String> {
    let missing: Vec<&str> = commands
        .iter()
        .filter(|(program, args)| {
            let args: Vec<&str> = match args.split_once(' ') {
                Some((flag, rest)) => vec![flag, rest],
                None => vec![args],
            };
            !runs(program, &args)
        })
        .map(|(program, _)| *program)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!("{} cannot run ({install})", missing.join(", ")))
    }
}

fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
