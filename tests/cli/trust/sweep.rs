//! Kill and I/O-error sweeps: every multi-file command is stopped at each
//! of its file-system calls in turn (strace's fault injection reaches every
//! point deterministically), then one more `adr` command runs, and the
//! tree must be entirely as before or entirely as after.
//!
//! The tests that sweep declare `needs: [Strace]`.
//! `ADR_TRUST_BIN` runs them against another `adr` binary (to measure an
//! older build); `ADR_TRUST_REPORT=1` prints every outcome.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::Sandbox;

/// The calls that name, rename, remove or open files: a kill or an error
/// can land on each.
#[cfg(target_arch = "x86_64")]
pub const CALLS: &str = "openat,open,creat,linkat,link,rename,renameat,renameat2,unlink,unlinkat,\
                     mkdir,mkdirat,rmdir,fsync,fdatasync";
#[cfg(not(target_arch = "x86_64"))]
pub const CALLS: &str = "openat,linkat,renameat,renameat2,unlinkat,mkdirat,fsync,fdatasync";

/// No command here makes more calls than this; a sweep that reaches it
/// has lost its way.
const MAX_POINTS: usize = 4000;

/// The `adr` under test.
pub fn bin() -> PathBuf {
    std::env::var_os("ADR_TRUST_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(crate::support::adr_bin)
}

/// What a tree holds: files (bytes), symlinks (`-> target`) and folders.
pub type Tree = BTreeMap<String, Entry>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(Vec<u8>),
    Link(PathBuf),
    Folder,
}

/// Everything under `root` but the sandbox's home and adr's own state
/// (`.git`, `.adr`), which are checked apart.
pub fn snapshot(root: &Path) -> Tree {
    let mut tree = Tree::new();
    collect(root, root, &mut tree);
    tree
}

fn collect(root: &Path, dir: &Path, tree: &mut Tree) {
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
        if [".home", ".git", ".adr"].contains(&rel.as_str()) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_symlink() {
            tree.insert(rel, Entry::Link(fs::read_link(&path).unwrap_or_default()));
        } else if kind.is_dir() {
            tree.insert(format!("{rel}/"), Entry::Folder);
            collect(root, &path, tree);
        } else {
            let mut bytes = fs::read(&path).unwrap_or_default();
            if rel.ends_with(".adr-site") {
                bytes = without_origin(&bytes);
            }
            tree.insert(rel, Entry::File(bytes));
        }
    }
}

/// An export's marker without the line naming the folder it was written
/// in (another folder in every sandbox).
fn without_origin(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| !l.starts_with("origin "))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes()
}

/// Puts `tree` into the empty folder `root`.
pub fn plant(root: &Path, tree: &Tree) {
    for (rel, entry) in tree {
        let path = root.join(rel.trim_end_matches('/'));
        match entry {
            Entry::Folder => fs::create_dir_all(&path).expect("mkdir"),
            Entry::File(bytes) => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).expect("mkdir");
                }
                fs::write(&path, bytes).expect("write");
            }
            Entry::Link(target) => {
                #[cfg(unix)]
                std::os::unix::fs::symlink(target, &path).expect("symlink");
            }
        }
    }
}

/// The paths where two trees differ.
pub fn differences(a: &Tree, b: &Tree) -> Vec<String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// Journals and state files adr left in its state folder.
pub fn state_left(root: &Path) -> Vec<String> {
    let mut left = Vec::new();
    for dir in [root.join(".adr"), root.join(".git")] {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.contains("journal") {
                left.push(format!("{}/{name}", dir.display()));
            }
        }
    }
    left
}

/// One multi-file command to sweep.
pub struct Scenario {
    pub name: &'static str,
    /// Builds the log the command starts from.
    pub setup: fn(&Sandbox),
    pub args: &'static [&'static str],
    /// The command run after each interruption (it may finish or undo the
    /// change).
    pub next: &'static [&'static str],
    /// Only this sub-folder is compared right after a kill (an export's
    /// output), with `.NAME.*` leftovers beside it ignored until `next`.
    pub only: Option<&'static str>,
    /// The sandbox is a git repository.
    pub git: bool,
}

/// How one interruption ended, seen after the next command.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub points: usize,
    pub old: usize,
    pub new: usize,
    pub half: usize,
    /// I/O errors: the command exited 0 and the tree is new.
    pub ok_new: usize,
    /// I/O errors: the command failed and the log was as before right away.
    pub failed_old: usize,
    /// I/O errors: the command failed with the log changed right after it.
    pub failed_changed_at_once: usize,
    /// I/O errors: the command failed and, after the next command, the
    /// log is not as before.
    pub failed_changed: usize,
    /// I/O errors: exit 0 but the tree is not the new one.
    pub ok_not_new: usize,
}

fn fresh(scenario: &Scenario, start: &Tree) -> Sandbox {
    let sandbox = Sandbox::new();
    if scenario.git {
        git_init(sandbox.root());
    }
    plant(sandbox.root(), start);
    // An export is built on only in the folder it was written in: the
    // planted one is made this folder's, as if exported here.
    if let Some(out) = scenario.only {
        let out = sandbox.root().join(out);
        let marker = out.join(".adr-site");
        if let Ok(mut text) = fs::read_to_string(&marker) {
            text.push_str(&format!("origin {}\n", adr::change::journal::origin(&out)));
            fs::write(&marker, text).expect("write the marker");
        }
    }
    if scenario.git {
        git_commit_all(sandbox.root());
    }
    sandbox
}

fn git_init(root: &Path) {
    let status = Command::new("git")
        .args(["init", "-q", "-b", "main"])
        .current_dir(root)
        .status()
        .expect("git init");
    assert!(status.success());
}

fn git_commit_all(root: &Path) {
    for args in [
        &["add", "-A"][..],
        &[
            "-c",
            "user.name=T",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-q",
            "-m",
            "start",
        ],
    ] {
        let status = Command::new("git")
            .args(args)
            .current_dir(root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", root.join(".home"))
            .status()
            .expect("git");
        assert!(status.success(), "git {args:?}");
    }
}

/// The start and end trees of a scenario, from an uninterrupted run.
fn reference(scenario: &Scenario) -> (Tree, Tree) {
    let template = Sandbox::new();
    (scenario.setup)(&template);
    let start = snapshot(template.root());
    let sandbox = fresh(scenario, &start);
    let run = run_plain(&sandbox, scenario.args);
    assert_eq!(
        run.0, 0,
        "{}: the uninterrupted command failed: {}",
        scenario.name, run.1
    );
    let end = snapshot(sandbox.root());
    assert_ne!(start, end, "{}: the command changed nothing", scenario.name);
    (start, end)
}

pub fn run_plain(sandbox: &Sandbox, args: &[&str]) -> (i32, String) {
    let mut command = retarget(sandbox.command(args), &bin());
    let output = command.output().expect("run adr");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `command` with its program replaced by `program` (same args and env).
fn retarget(command: Command, program: &Path) -> Command {
    let mut out = Command::new(program);
    out.args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        out.current_dir(dir);
    }
    out.env_clear();
    for (k, v) in command.get_envs() {
        if let Some(v) = v {
            out.env(k, v);
        }
    }
    out
}

/// `args` under strace with `inject` on `call` (e.g.
/// `signal=SIGKILL:when=3`: strace counts each call separately):
/// (exit code, killed by a signal, stderr).
pub fn run_injected(
    sandbox: &Sandbox,
    args: &[&str],
    call: &str,
    inject: &str,
) -> (i32, bool, String) {
    let template = sandbox.command(args);
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={CALLS}"))
        .arg("-e")
        .arg(format!("inject={call}:{inject}"))
        .arg(bin())
        .args(template.get_args());
    if let Some(dir) = template.get_current_dir() {
        command.current_dir(dir);
    }
    command.env_clear();
    for (k, v) in template.get_envs() {
        if let Some(v) = v {
            command.env(k, v);
        }
    }
    let output = command.output().expect("run strace");
    #[cfg(unix)]
    let signalled = {
        use std::os::unix::process::ExitStatusExt;
        output.status.signal().is_some()
    };
    #[cfg(not(unix))]
    let signalled = false;
    let code = output.status.code().unwrap_or(-1);
    (
        code,
        signalled || code == 128 + 9,
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The part of `tree` a scenario compares right after an interruption.
fn compared(scenario: &Scenario, tree: &Tree) -> Tree {
    match scenario.only {
        None => tree.clone(),
        Some(only) => tree
            .iter()
            .filter(|(k, _)| k.starts_with(&format!("{only}/")))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    }
}

fn report(scenario: &Scenario, what: &str, n: usize, detail: &str) {
    if std::env::var_os("ADR_TRUST_REPORT").is_some() {
        eprintln!("{} {what} at {n}: {detail}", scenario.name);
    }
}

/// One interruption: kills the command at the `n`-th invocation of
/// `call`, runs the next command, and judges the tree. `None` when the
/// command ran to its end (`call` is made fewer than `n` times).
fn kill_once(
    scenario: &Scenario,
    start: &Tree,
    end: &Tree,
    call: &str,
    n: usize,
) -> Option<Result<bool, String>> {
    let sandbox = fresh(scenario, start);
    let (code, killed, stderr) = run_injected(
        &sandbox,
        scenario.args,
        call,
        &format!("signal=SIGKILL:when={n}"),
    );
    if !killed {
        assert_eq!(
            code, 0,
            "{} with nothing killed at {call} {n} failed: {stderr}",
            scenario.name
        );
        return None;
    }
    let at_once = compared(scenario, &snapshot(sandbox.root()));
    let (next_code, next_err) = run_plain(&sandbox, scenario.next);
    let after = snapshot(sandbox.root());
    let left = state_left(sandbox.root());
    let export_ok = scenario.only.is_none()
        || at_once == compared(scenario, start)
        || at_once == compared(scenario, end);
    if export_ok && left.is_empty() && after == *start {
        return Some(Ok(true));
    }
    if export_ok && left.is_empty() && after == *end {
        return Some(Ok(false));
    }
    let (from_start, from_end) = (differences(&after, start), differences(&after, end));
    let near = if from_start.len() <= from_end.len() {
        from_start
    } else {
        from_end
    };
    Some(Err(format!(
        "{}: killed at {call} #{n}, then `{}` (exit {next_code}{}): differs in {near:?}{}{}",
        scenario.name,
        scenario.next.join(" "),
        if next_err.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", next_err.trim())
        },
        if left.is_empty() {
            String::new()
        } else {
            format!("; state left: {left:?}")
        },
        if export_ok {
            ""
        } else {
            "; the output was neither the old nor the new site right after the kill"
        }
    )))
}

/// Kills the command at each invocation of each call in turn; returns the
/// tally, the half-done outcomes and how often each call was made.
pub fn kill_sweep(scenario: &Scenario) -> (Tally, Vec<String>, Vec<(&'static str, usize)>) {
    let (start, end) = reference(scenario);
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    let mut counts = Vec::new();
    for call in CALLS.split(',') {
        let mut n = 1;
        while let Some(outcome) = kill_once(scenario, &start, &end, call, n) {
            tally.points += 1;
            match outcome {
                Ok(true) => tally.old += 1,
                Ok(false) => tally.new += 1,
                Err(line) => {
                    report(scenario, &format!("kill {call}"), n, &line);
                    tally.half += 1;
                    problems.push(line);
                }
            }
            n += 1;
            assert!(n < MAX_POINTS, "{}: the sweep did not end", scenario.name);
        }
        counts.push((call, n - 1));
    }
    (tally, problems, counts)
}

/// Makes `call` fail with EIO from its `n`-th invocation on, for every
/// call and every `n` it reaches.
pub fn error_sweep(scenario: &Scenario, counts: &[(&'static str, usize)]) -> (Tally, Vec<String>) {
    error_sweep_with(scenario, counts, "EIO")
}

/// The calls that put bytes on the disk or make them durable: a full disk
/// (`ENOSPC`) is met there.
pub const WRITE_CALLS: &[&str] = &["write", "pwrite64", "fsync", "fdatasync", "linkat", "mkdir"];

/// How often the uninterrupted command makes each of `calls`.
pub fn call_counts(scenario: &Scenario, calls: &[&'static str]) -> Vec<(&'static str, usize)> {
    let (start, _) = reference(scenario);
    let sandbox = fresh(scenario, &start);
    let trace = sandbox.root().join(".home/trace");
    let template = sandbox.command(scenario.args);
    let mut command = Command::new("strace");
    command
        .args(["-f", "-qq", "-o"])
        .arg(&trace)
        .arg("-e")
        .arg(format!("trace={}", calls.join(",")))
        .arg(bin())
        .args(template.get_args());
    if let Some(dir) = template.get_current_dir() {
        command.current_dir(dir);
    }
    command.env_clear();
    for (k, v) in template.get_envs() {
        if let Some(v) = v {
            command.env(k, v);
        }
    }
    let output = command.output().expect("run strace");
    assert!(
        output.status.success(),
        "{}: traced run failed",
        scenario.name
    );
    let text = fs::read_to_string(&trace).unwrap_or_default();
    calls
        .iter()
        .map(|&call| {
            let made = text
                .lines()
                .filter(|l| {
                    l.split_whitespace()
                        .nth(1)
                        .unwrap_or(l)
                        .starts_with(&format!("{call}("))
                        || l.starts_with(&format!("{call}("))
                })
                .count();
            (call, made)
        })
        .collect()
}

/// Like [`error_sweep`], with `errno` (`ENOSPC`: a full disk).
pub fn error_sweep_with(
    scenario: &Scenario,
    counts: &[(&'static str, usize)],
    errno: &str,
) -> (Tally, Vec<String>) {
    let (start, end) = reference(scenario);
    let as_start = compared(scenario, &start);
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    for &(call, made) in counts {
        for n in 1..=made {
            let sandbox = fresh(scenario, &start);
            let (code, _, stderr) = run_injected(
                &sandbox,
                scenario.args,
                call,
                &format!("error={errno}:when={n}+"),
            );
            tally.points += 1;
            let at_once = compared(scenario, &snapshot(sandbox.root()));
            let _ = run_plain(&sandbox, scenario.next);
            let after = snapshot(sandbox.root());
            if code == 0 {
                if after == end {
                    tally.ok_new += 1;
                } else {
                    tally.ok_not_new += 1;
                    let line = format!(
                        "{}: {errno} on {call} from #{n}: exit 0 but differs from the end in {:?}",
                        scenario.name,
                        differences(&after, &end)
                    );
                    report(scenario, "eio", n, &line);
                    problems.push(line);
                }
                continue;
            }
            let changed_at_once = at_once != as_start;
            if changed_at_once {
                tally.failed_changed_at_once += 1;
                report(
                    scenario,
                    &format!("eio {call}"),
                    n,
                    &format!(
                        "failed with {:?} changed until the next command",
                        differences(&at_once, &as_start)
                    ),
                );
            }
            let same_after = match scenario.only {
                None => after == start,
                // The next export makes the new site: the old one must
                // have been whole until then.
                Some(_) => !changed_at_once,
            };
            if !same_after {
                tally.failed_changed += 1;
                let line = format!(
                    "{}: {errno} on {call} from #{n}: exit {code} ({}), and after `{}` differs from the start in {:?}",
                    scenario.name,
                    stderr.lines().last().unwrap_or("").trim(),
                    scenario.next.join(" "),
                    differences(&after, &start)
                );
                report(scenario, "eio", n, &line);
                problems.push(line);
            } else if !changed_at_once {
                tally.failed_old += 1;
            }
        }
    }
    (tally, problems)
}

/// Runs both sweeps of a scenario, prints the tallies and fails on any
/// half-done outcome.
pub fn sweep(scenario: &Scenario) {
    let (kills, mut problems, counts) = kill_sweep(scenario);
    let (errors, more) = error_sweep(scenario, &counts);
    problems.extend(more);
    let made: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(call, n)| format!("{call} {n}"))
        .collect();
    eprintln!(
        "sweep {} ({}): {} kill points: {} old, {} new, {} half-done; {} EIO points: {} exit 0 \
         and new, {} failed and old, {} failed with the log changed until the next command, {} \
         failed and changed after it, {} exit 0 and not new",
        scenario.name,
        made.join(", "),
        kills.points,
        kills.old,
        kills.new,
        kills.half,
        errors.points,
        errors.ok_new,
        errors.failed_old,
        errors.failed_changed_at_once,
        errors.failed_changed,
        errors.ok_not_new,
    );
    assert!(
        problems.is_empty(),
        "{}: {} bad outcome(s):\n{}",
        scenario.name,
        problems.len(),
        problems
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
