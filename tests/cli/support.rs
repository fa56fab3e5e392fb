//! A sandbox per test: its own folder, `HOME`, git identity, `ADR_DATE`
//! and editor, so nothing on the machine leaks in.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `adr` binary under test.
pub fn adr_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_adr"))
}

/// Where `cargo build --release` puts the binary.
pub fn release_bin() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("release/adr")
}

/// The fixed date every sandbox writes into new records.
pub const DATE: &str = "1992-01-12";

/// A temporary project folder and an isolated environment.
pub struct Sandbox {
    dir: tempfile::TempDir,
    /// The folder commands run in, relative to the sandbox root.
    cwd: PathBuf,
    env: Vec<(String, String)>,
}

/// What a command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "command failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        &self.stdout
    }

    /// Asserts failure and returns stderr.
    #[track_caller]
    pub fn fails(&self) -> &str {
        assert_ne!(self.code, 0, "command succeeded:\nstdout: {}", self.stdout);
        &self.stderr
    }
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let home = dir.path().join(".home");
        fs::create_dir_all(&home).expect("home");
        let env = vec![
            ("HOME".into(), home.display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                home.join(".config").display().to_string(),
            ),
            ("ADR_DATE".into(), DATE.into()),
            ("VISUAL".into(), String::new()),
            ("EDITOR".into(), String::new()),
            ("GIT_AUTHOR_NAME".into(), "Test Author".into()),
            ("GIT_AUTHOR_EMAIL".into(), "author@example.com".into()),
            ("GIT_COMMITTER_NAME".into(), "Test Author".into()),
            ("GIT_COMMITTER_EMAIL".into(), "author@example.com".into()),
            ("LC_ALL".into(), "C".into()),
            ("NO_COLOR".into(), "1".into()),
        ];
        Self {
            dir,
            cwd: PathBuf::new(),
            env,
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The folder commands run in.
    pub fn cwd(&self) -> PathBuf {
        self.root().join(&self.cwd)
    }

    /// Runs later commands in `rel` (created if missing).
    pub fn cd(&mut self, rel: &str) -> &mut Self {
        self.cwd = self.cwd.join(rel);
        fs::create_dir_all(self.cwd()).expect("mkdir");
        self
    }

    pub fn env(&mut self, key: &str, value: &str) -> &mut Self {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// Runs our `adr` with `args`.
    pub fn adr(&self, args: &[&str]) -> Run {
        self.run_program(&adr_bin(), args)
    }

    /// Our `adr` with `args`, set up like `adr()` but not started, for
    /// tests that run several at once or talk to it.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(adr_bin());
        command.args(args).current_dir(self.cwd()).env_clear();
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in &self.env {
            command.env(k, v);
        }
        command
    }

    /// Runs our `adr` under strace, which fails each of `calls` (e.g.
    /// `openat`) naming one of `paths` with `error` (e.g. `EACCES`). strace's
    /// `-P` compares a path as the program passes it: one given relative to
    /// the sandbox cwd matches both forms, an absolute one only the
    /// absolute form. Tests make a file unreadable or a folder unwritable
    /// this way, not with permissions, which root (as CI runs) ignores; they
    /// declare `needs: [Strace]`.
    pub fn adr_failing(&self, args: &[&str], paths: &[&Path], calls: &str, error: &str) -> Run {
        let template = self.command(args);
        let mut command = Command::new("strace");
        command.args(["-f", "-qq", "-o", "/dev/null"]);
        for path in paths {
            command.arg("-P").arg(path);
        }
        command
            .arg("-e")
            .arg(format!("trace={calls}"))
            .arg("-e")
            .arg(format!("inject={calls}:error={error}"))
            .arg(template.get_program())
            .args(template.get_args())
            .current_dir(self.cwd())
            .env_clear()
            .envs(template.get_envs().filter_map(|(k, v)| Some((k, v?))));
        Run::from(command.output().expect("run strace"))
    }

    /// Runs any program with the sandbox environment, in the sandbox cwd.
    pub fn run_program(&self, program: &Path, args: &[&str]) -> Run {
        let mut command = Command::new(program);
        command.args(args).current_dir(self.cwd()).env_clear();
        command.env("PATH", std::env::var("PATH").unwrap_or_default());
        for (k, v) in &self.env {
            command.env(k, v);
        }
        Run::from(command.output().expect("run program"))
    }

    /// Runs a shell script with `adr` on PATH pointing at `bin_dir`.
    pub fn script(&self, bin_dir: &Path, script: &str) -> Run {
        let mut command = Command::new("bash");
        command
            .arg("-c")
            .arg(script)
            .current_dir(self.cwd())
            .env_clear();
        let path = format!(
            "{}:{}",
            bin_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        command.env("PATH", path);
        for (k, v) in &self.env {
            command.env(k, v);
        }
        Run::from(command.output().expect("run script"))
    }

    pub fn write(&self, rel: &str, content: &str) -> &Self {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, content).expect("write");
        self
    }

    pub fn write_bytes(&self, rel: &str, content: &[u8]) -> &Self {
        let path = self.root().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, content).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.root().join(rel).exists()
    }

    /// Every file under the sandbox (but `HOME`), path → bytes.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(self.root())
    }
}

/// Every file under `root` except the sandbox's `.home`, path → bytes.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(root, root, &mut files);
    files
}

/// A site's files as `tree` gives them, with the line of the `.adr-site`
/// marker that names the folder the export was written in (so that only
/// that export is ever built on) left out: every other byte of a site is
/// the same wherever it is built.
pub fn site_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(root);
    for (path, bytes) in files.iter_mut() {
        if path == ".adr-site" || path.ends_with("/.adr-site") {
            let text = String::from_utf8_lossy(bytes);
            let kept: String = text
                .split_inclusive('\n')
                .filter(|line| !line.starts_with("origin "))
                .collect();
            *bytes = kept.into_bytes();
        }
    }
    files
}

fn collect(root: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let rel = path
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .into_owned();
        if rel == ".home" {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            files.insert(rel, fs::read(&path).unwrap_or_default());
        }
    }
}

/// Where the real-world corpus is looked for: `$ADR_CORPUS`, else
/// `../shared/adr-corpus` beside the checkout.
pub fn corpus_path() -> PathBuf {
    std::env::var_os("ADR_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/adr-corpus"))
}

/// The corpus, for a test that declares `needs: [Corpus]` (the harness
/// runs it only when the corpus is there).
pub fn corpus() -> PathBuf {
    let dir = corpus_path();
    assert!(
        dir.is_dir(),
        "no corpus at {}: does the test declare needs: [Corpus]?",
        dir.display()
    );
    dir
}

/// Where adr-tools is installed: `$ADR_TOOLS_BIN` when set (a folder
/// holding its `adr`; set it to a missing folder to see what skips), else
/// Debian's `/usr/bin` with `/usr/libexec/adr-tools`.
pub fn find_adr_tools() -> Option<PathBuf> {
    match std::env::var_os("ADR_TOOLS_BIN") {
        Some(dir) => Some(PathBuf::from(dir)).filter(|dir| dir.join("adr").is_file()),
        None => Some(PathBuf::from("/usr/bin")).filter(|dir| {
            dir.join("adr").is_file() && Path::new("/usr/libexec/adr-tools").is_dir()
        }),
    }
}

/// adr-tools' folder, for a test that declares `needs: [AdrTools]`.
pub fn adr_tools() -> PathBuf {
    find_adr_tools().expect("adr-tools is missing: does the test declare needs: [AdrTools]?")
}

/// Chromium and chromedriver: `$CHROMIUM_BIN` and `$CHROMEDRIVER_BIN`, else
/// Debian's.
pub fn browser_paths() -> (PathBuf, PathBuf) {
    let find = |var: &str, default: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(default))
    };
    (
        find("CHROMIUM_BIN", "/usr/bin/chromium"),
        find("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"),
    )
}

/// A folder holding only our `adr`, to put first on PATH in scripts.
pub fn our_bin_dir() -> PathBuf {
    adr_bin().parent().expect("bin folder").to_path_buf()
}
