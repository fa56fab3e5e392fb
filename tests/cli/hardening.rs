//! Hardening: concurrent writers, injected faults (a full disk, read-only
//! files and folders, a file gone between listing and reading, a process
//! killed mid-write), hostile input (path traversal in titles, references,
//! `--out` and links) and large input (huge files, many files).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use adr::record::{Record, StatusKind};

use crate::support::Sandbox;

const ADR_DIR: &str = "doc/adr";

/// `adr init` and the records `Record 2` … `Record last`.
fn project(last: u32) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    for n in 2..=last {
        sandbox.adr(&["new", "Record", &n.to_string()]).ok();
    }
    sandbox
}

/// The path of record `n` of [`project`].
fn record_path(n: u32) -> String {
    if n == 1 {
        format!("{ADR_DIR}/0001-record-architecture-decisions.md")
    } else {
        format!("{ADR_DIR}/{n:04}-record-{n}.md")
    }
}

fn file_name(n: u32) -> String {
    record_path(n)
        .rsplit('/')
        .next()
        .expect("a file name")
        .to_string()
}

/// A command for our `adr` with the sandbox's isolated environment (the
/// same as `Sandbox::adr` sets), for running several at once.
fn command(sandbox: &Sandbox, args: &[&str], extra_env: &[(&str, &str)]) -> Command {
    let mut command = sandbox.command(args);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in extra_env {
        command.env(k, v);
    }
    command
}

fn spawn(sandbox: &Sandbox, args: &[&str], extra_env: &[(&str, &str)]) -> Child {
    command(sandbox, args, extra_env)
        .spawn()
        .expect("start adr")
}

/// Starts every command before waiting for any, then waits for them all.
fn run_all_at_once(sandbox: &Sandbox, commands: &[Vec<String>]) -> Vec<Output> {
    let children: Vec<Child> = commands
        .iter()
        .map(|args| {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            spawn(sandbox, &args, &[])
        })
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().expect("wait for adr"))
        .collect()
}

#[track_caller]
fn assert_success(args: &[String], output: &Output) {
    assert!(
        output.status.success(),
        "{args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The entries of a folder (not recursive), dot files included: name →
/// bytes (empty for what cannot be read, such as a dangling symlink).
fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("list the folder")
        .map(|entry| {
            let entry = entry.expect("folder entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).unwrap_or_default())
        })
        .collect()
}

fn is_temp(name: &str) -> bool {
    name.starts_with(".adr-") && name.ends_with(".tmp")
}

/// Every `.adr-*.tmp` in the sandbox.
fn temp_files(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .tree()
        .into_keys()
        .filter(|path| path.rsplit('/').next().is_some_and(is_temp))
        .collect()
}

/// Parses a record file of the sandbox.
fn parse(sandbox: &Sandbox, rel: &str) -> Record {
    let text = sandbox.read(rel);
    let path = PathBuf::from(rel);
    let stem = path
        .file_stem()
        .expect("a file stem")
        .to_string_lossy()
        .into_owned();
    Record::parse(path, &stem, &text)
}

/// Whether `record` has a relation `verb` to the file `target`.
fn has_link(record: &Record, verb: &str, target: &str) -> bool {
    record
        .links
        .iter()
        .any(|l| l.kind.eq_ignore_ascii_case(verb) && l.raw == target)
}

fn links_of(record: &Record) -> Vec<(String, String)> {
    record
        .links
        .iter()
        .map(|l| (l.kind.clone(), l.raw.clone()))
        .collect()
}

// ---------------------------------------------------------------------
// 1. Concurrency

fn concurrent_new_takes_distinct_numbers_and_overwrites_nothing() {
    const WRITERS: usize = 8;
    const ROUNDS: usize = 3;
    let sandbox = project(1);
    // Path printed by each process → the title it was asked to write.
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    for round in 0..ROUNDS {
        let titles: Vec<String> = (0..WRITERS)
            .map(|i| format!("Writer {i} of round {round}"))
            .collect();
        let commands: Vec<Vec<String>> = titles
            .iter()
            .map(|t| vec!["new".to_string(), t.clone()])
            .collect();
        let outputs = run_all_at_once(&sandbox, &commands);
        for ((args, output), title) in commands.iter().zip(&outputs).zip(&titles) {
            assert_success(args, output);
            let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
            if let Some(other) = written.insert(path.clone(), title.clone()) {
                panic!("`{title}` and `{other}` were both reported as {path}");
            }
        }

        let files: Vec<String> = folder(&sandbox.root().join(ADR_DIR)).into_keys().collect();
        let expected = 1 + WRITERS * (round + 1);
        assert_eq!(
            files.len(),
            expected,
            "round {round}: {expected} files expected: {files:#?}"
        );
        let numbers: BTreeSet<u32> = files
            .iter()
            .map(|f| f[..4].parse::<u32>().expect("a numbered file"))
            .collect();
        let wanted: BTreeSet<u32> = (1..=u32::try_from(expected).expect("small")).collect();
        assert_eq!(
            numbers, wanted,
            "round {round}: numbers taken twice or skipped: {files:#?}"
        );
        for (path, title) in &written {
            let record = parse(&sandbox, path);
            let number: u32 = path[ADR_DIR.len() + 1..][..4]
                .parse()
                .expect("a numbered path");
            assert_eq!(
                record.heading.as_deref(),
                Some(format!("{number}. {title}").as_str()),
                "{path} was overwritten by another process"
            );
            assert!(
                path.ends_with(&format!("-{}.md", adr::record::slug::slugify(title))),
                "{path} does not carry the slug of `{title}`"
            );
        }
    }
    assert_eq!(temp_files(&sandbox), Vec::<String>::new());
}

fn concurrent_links_to_one_record_lose_no_update() {
    let sandbox = project(9);
    let hub = record_path(1);
    let hub_name = file_name(1);
    // Round 1: the hub is the source of every link; round 2: the target.
    let rounds: [(&str, &str, bool); 2] = [
        ("Amends", "Amended by", true),
        ("Clarifies", "Clarified by", false),
    ];
    for (forward, reverse, hub_is_source) in rounds {
        let commands: Vec<Vec<String>> = (2..=9u32)
            .map(|n| {
                let (source, target) = if hub_is_source {
                    ("1".to_string(), n.to_string())
                } else {
                    (n.to_string(), "1".to_string())
                };
                vec!["link".into(), source, forward.into(), target]
            })
            .collect();
        for (args, output) in commands.iter().zip(run_all_at_once(&sandbox, &commands)) {
            assert_success(args, &output);
        }
        let hub_record = parse(&sandbox, &hub);
        for n in 2..=9u32 {
            let other = parse(&sandbox, &record_path(n));
            let (hub_verb, other_verb) = if hub_is_source {
                (forward, reverse)
            } else {
                (reverse, forward)
            };
            assert!(
                has_link(&hub_record, hub_verb, &file_name(n)),
                "{hub} lost `{hub_verb} {}`; its links: {:#?}",
                file_name(n),
                links_of(&hub_record)
            );
            assert!(
                has_link(&other, other_verb, &hub_name),
                "{} lost `{other_verb} {hub_name}`; its links: {:#?}",
                record_path(n),
                links_of(&other)
            );
        }
    }
    let hub_record = parse(&sandbox, &hub);
    assert_eq!(hub_record.links.len(), 16, "{:#?}", links_of(&hub_record));
    assert_eq!(temp_files(&sandbox), Vec::<String>::new());
}

fn concurrent_supersedes_by_one_record_lose_no_update() {
    for round in 0..3 {
        let sandbox = project(6);
        let new = record_path(6);
        let commands: Vec<Vec<String>> = (2..=5u32)
            .map(|old| vec!["supersede".into(), old.to_string(), "6".into()])
            .collect();
        for (args, output) in commands.iter().zip(run_all_at_once(&sandbox, &commands)) {
            assert_success(args, &output);
        }
        let successor = parse(&sandbox, &new);
        for old in 2..=5u32 {
            assert!(
                has_link(&successor, "Supersedes", &file_name(old)),
                "round {round}: {new} lost `Supersedes {}`: {:#?}",
                file_name(old),
                links_of(&successor)
            );
            let replaced = parse(&sandbox, &record_path(old));
            assert_eq!(
                replaced.status.as_ref().map(|s| &s.kind),
                Some(&StatusKind::Superseded),
                "round {round}: {}",
                record_path(old)
            );
            assert!(
                has_link(&replaced, "Superseded by", &file_name(6)),
                "round {round}: {}: {:#?}",
                record_path(old),
                links_of(&replaced)
            );
        }
        assert_eq!(temp_files(&sandbox), Vec::<String>::new());
    }
}

// ---------------------------------------------------------------------
// 2. Faults

/// Runs `args`, expects a failure whose message has every one of
/// `needles`, and no file changed.
#[track_caller]
fn refused(sandbox: &Sandbox, args: &[&str], needles: &[&str]) {
    let before = sandbox.tree();
    let run = sandbox.adr(args);
    let stderr = run.fails();
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "stderr of {args:?} should mention {needle:?}:\n{stderr}"
        );
    }
    assert_eq!(sandbox.tree(), before, "{args:?} changed files");
}

#[cfg(unix)]
fn disk_full_changes_nothing_and_names_the_file() {
    let mut sandbox = project(3);
    sandbox.env("ADR_INJECT_FAULT", "disk-full");
    let cases: [(&[&str], &[String]); 4] = [
        (
            &["new", "Full", "disk"],
            &[format!("{ADR_DIR}/0004-full-disk.md")],
        ),
        (
            &["new", "-s", "2", "Full", "disk"],
            &[format!("{ADR_DIR}/0004-full-disk.md"), record_path(2)],
        ),
        (
            &["link", "2", "Amends", "3"],
            &[record_path(2), record_path(3)],
        ),
        (&["supersede", "2", "3"], &[record_path(2), record_path(3)]),
    ];
    for (args, files) in cases {
        let before = sandbox.tree();
        let run = sandbox.adr(args);
        let stderr = run.fails();
        assert!(
            stderr.contains("No space left on device"),
            "{args:?}: the error should say the disk is full:\n{stderr}"
        );
        assert!(
            files
                .iter()
                .any(|f| stderr.contains(&format!("{f}: cannot write"))),
            "{args:?}: the error should name one of {files:?}:\n{stderr}"
        );
        assert_eq!(sandbox.tree(), before, "{args:?} changed files");
        assert_eq!(temp_files(&sandbox), Vec::<String>::new(), "{args:?}");
    }
}

#[cfg(unix)]
fn read_only_record_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = project(3);
    let target = sandbox.root().join(record_path(2));
    fs::set_permissions(&target, fs::Permissions::from_mode(0o444)).expect("chmod 0444");
    let message = format!("{}: the file is read-only", record_path(2));
    for args in [
        &["link", "2", "Amends", "3"][..],
        &["link", "3", "Amends", "2"],
        &["supersede", "2", "3"],
        &["supersede", "3", "2"],
        &["new", "-s", "2", "Replacement"],
        &["new", "-l", "2:Amends", "Amendment"],
        &["deprecate", "2"],
        &["rename", "2", "Other", "title"],
    ] {
        refused(&sandbox, args, &[&message]);
    }
    let mode = fs::metadata(&target).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "the record's permissions were changed");
    assert_eq!(temp_files(&sandbox), Vec::<String>::new());
}

/// A folder where nothing can be created: strace refuses every file
/// opened in it by its absolute path (as writes open their temporary file,
/// and reads do not), as a 0555 folder refuses anyone but root.
fn read_only_folder_is_refused() {
    let sandbox = project(3);
    let dir = sandbox.root().join(ADR_DIR);
    let new_file = format!("{ADR_DIR}/0004-blocked.md");
    let cases: [(&[&str], Vec<String>); 3] = [
        (&["new", "Blocked"], vec![new_file]),
        (
            &["link", "2", "Amends", "3"],
            vec![record_path(2), record_path(3)],
        ),
        (
            &["supersede", "2", "3"],
            vec![record_path(2), record_path(3)],
        ),
    ];
    for (args, files) in cases {
        let before = sandbox.tree();
        let run = sandbox.adr_failing(args, &[&dir], "openat", "EACCES");
        let stderr = run.fails();
        assert!(
            stderr.contains("Permission denied"),
            "{args:?}: the error should say why:\n{stderr}"
        );
        assert!(
            files.iter().any(|f| stderr.contains(f.as_str())),
            "{args:?}: the error should name one of {files:?}:\n{stderr}"
        );
        assert_eq!(sandbox.tree(), before, "{args:?} changed files");
    }
}

#[cfg(unix)]
fn file_gone_between_listing_and_reading_is_reported() {
    let sandbox = project(2);
    std::os::unix::fs::symlink(
        "missing.md",
        sandbox.root().join(ADR_DIR).join("0003-gone.md"),
    )
    .expect("symlink");
    sandbox.adr(&["new", "Record", "4"]).ok();
    let gone = format!("{ADR_DIR}/0003-gone.md");

    let run = sandbox.adr(&["list", "--format", "json"]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(&gone) && run.stderr.contains("cannot read"),
        "{}",
        run.stderr
    );
    let listed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let listed = listed.as_array().expect("an array");
    let paths: Vec<&str> = listed
        .iter()
        .map(|r| r["path"].as_str().expect("a path"))
        .collect();
    assert_eq!(
        paths,
        [
            record_path(1).as_str(),
            record_path(2).as_str(),
            gone.as_str(),
            record_path(4).as_str()
        ]
    );
    for record in listed {
        let problems = record["problems"].as_array().expect("problems");
        if record["path"] == gone.as_str() {
            assert!(
                problems.iter().any(|p| p["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("cannot read"))),
                "{record:#}"
            );
        } else {
            assert!(record["title"].is_string(), "{record:#}");
            assert!(problems.is_empty(), "{record:#}");
        }
    }
}

/// Whether the kernel and file system give `dir` unnamed files: then a
/// killed `adr` leaves nothing at all; otherwise it may leave a named
/// `.adr-*.tmp`, which the next writer removes.
#[cfg(unix)]
fn unnamed_staging(dir: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{Mode, OFlags};
        rustix::fs::openat(
            rustix::fs::CWD,
            dir,
            OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        )
        .is_ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        false
    }
}

/// Waits until `pid` holds `count` staged files in `dir` (unnamed files,
/// or `.adr-*.tmp`), so that it is surely in its pause; at most 8 s.
#[cfg(unix)]
fn wait_until_staged(pid: u32, dir: &Path, count: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(8);
    let fds = PathBuf::from(format!("/proc/{pid}/fd"));
    if !fds.is_dir() {
        std::thread::sleep(std::time::Duration::from_secs(1));
        return;
    }
    let dir = fs::canonicalize(dir).expect("canonical ADR folder");
    while std::time::Instant::now() < deadline {
        let staged = fs::read_dir(&fds)
            .map(|entries| {
                entries
                    .flatten()
                    .filter_map(|e| fs::read_link(e.path()).ok())
                    .filter(|target| {
                        let text = target.to_string_lossy();
                        target.parent() == Some(dir.as_path())
                            && (text.ends_with(" (deleted)") || text.contains("/.adr-"))
                    })
                    .count()
            })
            .unwrap_or(0);
        if staged >= count {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    eprintln!("note: adr (pid {pid}) did not show {count} staged files within 8 s");
}

#[cfg(unix)]
#[derive(Debug, Clone, Copy)]
enum Interrupt {
    Kill,
    Int,
}

/// Starts `args` with the pause hook, interrupts it once everything is
/// staged, and checks that the ADR folder is as before and that the next
/// `adr new` works and leaves no temporary file.
#[cfg(unix)]
fn interrupted(args: &[&str], staged: usize, how: Interrupt) {
    use std::os::unix::process::ExitStatusExt;
    let sandbox = project(3);
    let dir = sandbox.root().join(ADR_DIR);
    let before = folder(&dir);
    // A shell without job control starts background jobs with SIGINT
    // ignored, and a child inherits that: `env` gives `adr` the default.
    let template = command(&sandbox, args, &[("ADR_INJECT_FAULT", "pause")]);
    let mut child = Command::new("env");
    child
        .arg("--default-signal=INT")
        .arg(template.get_program())
        .args(template.get_args())
        .current_dir(sandbox.cwd())
        .env_clear()
        .envs(template.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = child.spawn().expect("start adr");
    wait_until_staged(child.id(), &dir, staged);
    assert!(
        child.try_wait().expect("poll adr").is_none(),
        "{args:?} ended before it could be interrupted: the pause hook did not hold it"
    );
    assert!(
        !matches!(how, Interrupt::Int) || !ignores_sigint(child.id()),
        "{args:?}: adr ignores SIGINT though env gave it the default"
    );
    let signal = match how {
        Interrupt::Kill => {
            child.kill().expect("SIGKILL");
            libc_signal::KILL
        }
        Interrupt::Int => {
            let status = Command::new("kill")
                .args(["-INT", &child.id().to_string()])
                .status()
                .expect("run kill");
            assert!(status.success(), "kill -INT failed");
            libc_signal::INT
        }
    };
    let output = child.wait_with_output().expect("wait for adr");
    assert_eq!(
        output.status.signal(),
        Some(signal),
        "{args:?} should have died of signal {signal} ({how:?}): {:?}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );

    let after = folder(&dir);
    let named_staging = !unnamed_staging(&dir);
    for (name, bytes) in &after {
        if named_staging && is_temp(name) {
            // Without O_TMPFILE a killed writer may leave its staging file;
            // the next writer removes it (checked below).
            continue;
        }
        match before.get(name) {
            None => panic!(
                "{args:?} interrupted by {how:?} left {name} in the ADR folder ({} bytes)",
                bytes.len()
            ),
            Some(old) => assert!(
                old == bytes,
                "{args:?} interrupted by {how:?} left {name} half-changed:\n{}",
                String::from_utf8_lossy(bytes)
            ),
        }
    }

    let next = sandbox.adr(&["new", "After", "the", "interruption"]);
    next.ok();
    let created = format!("{ADR_DIR}/0004-after-the-interruption.md");
    assert_eq!(next.stdout.trim(), created);
    let finally = folder(&dir);
    let temps: Vec<&String> = finally.keys().filter(|n| is_temp(n)).collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
    for (name, bytes) in &before {
        assert_eq!(finally.get(name), Some(bytes), "{name} changed");
    }
    assert_eq!(finally.len(), before.len() + 1, "{:?}", finally.keys());
    let record = parse(&sandbox, &created);
    assert_eq!(record.title.as_deref(), Some("After the interruption"));
}

/// Whether process `pid` ignores SIGINT (known on Linux only).
#[cfg(unix)]
fn ignores_sigint(pid: u32) -> bool {
    let Ok(status) = fs::read_to_string(format!("/proc/{pid}/status")) else {
        return false;
    };
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigIgn:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (libc_signal::INT - 1)) != 0)
}

/// Signal numbers, the same on every Unix for these two.
#[cfg(unix)]
mod libc_signal {
    pub const INT: i32 = 2;
    pub const KILL: i32 = 9;
}

#[cfg(unix)]
fn new_killed_while_staged_leaves_nothing() {
    interrupted(&["new", "-s", "1", "Replacement"], 2, Interrupt::Kill);
}

#[cfg(unix)]
fn link_killed_while_staged_leaves_nothing() {
    interrupted(&["link", "2", "Amends", "3"], 2, Interrupt::Kill);
}

#[cfg(unix)]
fn new_interrupted_while_staged_leaves_nothing() {
    interrupted(&["new", "-s", "1", "Replacement"], 2, Interrupt::Int);
}

#[cfg(unix)]
fn link_interrupted_while_staged_leaves_nothing() {
    interrupted(&["link", "2", "Amends", "3"], 2, Interrupt::Int);
}

fn temporary_files_left_by_a_crash_are_removed_by_the_next_writer() {
    let sandbox = project(2);
    sandbox.write(&format!("{ADR_DIR}/.adr-12345-1-0.tmp"), "half a record");
    sandbox.adr(&["new", "Next"]).ok();
    assert_eq!(temp_files(&sandbox), Vec::<String>::new());
}

// ---------------------------------------------------------------------
// 3. Hostile input

/// A record's file name: `NNNN-slug.md` with a slug of `[a-z0-9-]`.
fn is_safe_record_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".md") else {
        return false;
    };
    let (digits, slug) = stem.split_at(stem.len().min(4));
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && slug.starts_with('-')
        && slug.len() > 1
        && slug[1..]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn traversal_in_titles_stays_in_the_adr_folder() {
    let sandbox = project(2);
    let outside_before: Vec<bool> = ["/abs", "/etc/passwd.md", "/b.md"]
        .iter()
        .map(|p| Path::new(p).exists())
        .collect();
    let titles: &[&[&str]] = &[
        &["../../etc/passwd"],
        &[".."],
        &["/abs/path"],
        &["a/../../b"],
        &["..", "/", "..", "/", "etc"],
        &["../../../../../../../../tmp/escape"],
        &["..\\..\\windows\\system32"],
        &["~/.ssh/authorized_keys"],
        &["./.hidden"],
        &["%2e%2e%2fetc"],
    ];
    for title in titles {
        let mut args = vec!["new"];
        args.extend_from_slice(title);
        let before = sandbox.tree();
        let run = sandbox.adr(&args);
        let after = sandbox.tree();
        if *title == [".."] {
            assert!(run.fails().contains("no letter or digit"), "{}", run.stderr);
            assert_eq!(after, before);
            continue;
        }
        run.ok();
        let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
        assert_eq!(added.len(), 1, "{title:?} made {added:?}");
        let added = added[0];
        assert_eq!(run.stdout.trim(), added, "{title:?}");
        let name = added
            .strip_prefix(&format!("{ADR_DIR}/"))
            .unwrap_or_else(|| panic!("{title:?} made {added} outside {ADR_DIR}"));
        assert!(is_safe_record_name(name), "{title:?} made {added}");
        for (path, bytes) in &before {
            assert_eq!(after.get(path), Some(bytes), "{title:?} changed {path}");
        }
    }
    // Renaming goes through the same slug.
    let before = sandbox.tree();
    sandbox.adr(&["rename", "2", "../../../etc/passwd"]).ok();
    let after = sandbox.tree();
    let added: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(added.len(), 1, "{added:?}");
    let name = added[0]
        .strip_prefix(&format!("{ADR_DIR}/"))
        .unwrap_or_else(|| panic!("rename made {} outside {ADR_DIR}", added[0]));
    assert!(is_safe_record_name(name), "rename made {}", added[0]);

    for entry in fs::read_dir(sandbox.root()).expect("list root").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            [".home", "doc", ".adr-dir"].contains(&name.as_str()),
            "unexpected {name} at the project root"
        );
    }
    let outside_after: Vec<bool> = ["/abs", "/etc/passwd.md", "/b.md"]
        .iter()
        .map(|p| Path::new(p).exists())
        .collect();
    assert_eq!(
        outside_after, outside_before,
        "a file appeared outside the sandbox"
    );
}

fn traversal_in_references_is_an_unknown_reference() {
    let sandbox = project(3);
    // A Markdown file just outside the ADR folder, which must not be taken
    // for a record either.
    sandbox.write("doc/outside.md", "# 9. Outside\n\n## Status\n\nAccepted\n");
    for reference in [
        "../../etc/passwd",
        "/etc/passwd",
        "../../../../../../../../etc/passwd",
        "doc/adr/../../../etc/passwd",
        "../outside.md",
        "doc/outside.md",
    ] {
        let needle = format!("no ADR matches `{reference}`");
        let link_spec = format!("{reference}:Amends");
        for args in [
            &["link", "2", "Amends", reference][..],
            &["link", reference, "Amends", "2"],
            &["new", "-s", reference, "Replacement"],
            &["new", "-l", &link_spec, "Amendment"],
            &["supersede", reference, "2"],
            &["supersede", "2", reference],
            &["accept", reference],
            &["show", reference],
        ] {
            refused(&sandbox, args, &[&needle]);
        }
    }
}

fn export_refuses_an_out_folder_holding_the_project() {
    let mut sandbox = project(2);
    let root = sandbox.root().display().to_string();
    let doc = sandbox.root().join("doc").display().to_string();
    for out in [".", "./", "doc", "doc/", "./doc/../doc", &root, &doc] {
        refused(
            &sandbox,
            &["export", "html", "--out", out],
            &["would contain the ADR folder"],
        );
    }
    sandbox.cd(ADR_DIR);
    for out in ["..", "../..", "."] {
        refused(
            &sandbox,
            &["export", "html", "--out", out],
            &["would contain the ADR folder"],
        );
    }
}

#[cfg(unix)]
fn export_writes_only_inside_out_and_copies_no_outside_file() {
    let sandbox = project(2);
    sandbox.write(
        &format!("{ADR_DIR}/0003-hostile-links.md"),
        "# 3. Hostile links\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\n\
         See [x](../../../../etc/passwd), [y](/etc/passwd), \
         [z](../../../../../../../../etc/passwd) and [w](file:///etc/passwd).\n\n\
         ![x](/etc/passwd) ![y](../../../../etc/passwd) ![z](../../../../../../../../etc/shadow)\n\n\
         <img src=\"/etc/passwd\"> <a href=\"../../../../etc/passwd\">raw</a>\n",
    );
    let passwd = fs::read("/etc/passwd").unwrap_or_default();
    let first_line = passwd
        .split(|&b| b == b'\n')
        .next()
        .unwrap_or_default()
        .to_vec();
    for out in ["site", "public/nested/site"] {
        let before = sandbox.tree();
        // Twice: the second export replaces the first.
        for _ in 0..2 {
            sandbox.adr(&["export", "html", "--out", out]).ok();
        }
        let after = sandbox.tree();
        let prefix = format!("{out}/");
        let outside: BTreeMap<_, _> = after
            .iter()
            .filter(|(k, _)| !k.starts_with(&prefix))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(outside, before, "--out {out}: files outside it changed");
        let site: Vec<(&String, &Vec<u8>)> = after
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix))
            .collect();
        assert!(site.iter().any(|(k, _)| k.ends_with("index.html")));
        for (path, bytes) in site {
            assert!(
                !path.contains("passwd") && !path.contains("shadow"),
                "{path} was written"
            );
            if !passwd.is_empty() {
                assert_ne!(bytes, &passwd, "{path} is a copy of /etc/passwd");
                assert!(
                    first_line.is_empty()
                        || !bytes.windows(first_line.len()).any(|w| w == first_line),
                    "{path} holds /etc/passwd's content"
                );
            }
        }
    }
}

fn huge_record_is_reported_and_the_others_listed() {
    let sandbox = project(2);
    let huge = format!("{ADR_DIR}/0003-huge.md");
    let mut text = String::from("# 3. Huge\n\n## Status\n\nAccepted\n\n");
    let line = format!("{}\n", "x".repeat(99));
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&line);
    }
    sandbox.write(&huge, &text);
    sandbox.adr(&["new", "Record", "4"]).ok();
    let message = "the file has 20 MiB; records over 16 MiB are not read";

    let run = sandbox.adr(&["list", "--format", "json"]);
    assert_eq!(run.code, 1, "stderr: {}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{huge}: error: {message}")),
        "{}",
        run.stderr
    );
    let listed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 4, "{listed:#?}");
    for record in listed {
        if record["path"] == huge.as_str() {
            assert_eq!(record["problems"][0]["message"], message, "{record:#}");
        } else {
            assert!(record["title"].is_string(), "{record:#}");
        }
    }
    let paths = sandbox.adr(&["list"]);
    assert_eq!(paths.ok().lines().count(), 4);
    let check = sandbox.adr(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(check.stdout.contains(message), "{}", check.stdout);
    sandbox.adr(&["show", "4"]).ok();
    // Edits read no more than reads do: the huge record is not rewritten.
    let before = sandbox.tree();
    let link = sandbox.adr(&["link", "3", "Amends", "4"]);
    assert_ne!(link.code, 0);
    assert!(link.stderr.contains(message), "{}", link.stderr);
    assert!(sandbox.tree() == before, "nothing changed");
}

fn long_line_and_many_lines_read_fine() {
    let sandbox = project(2);
    let long_line = format!("# 3. Long line {}", "word ".repeat(20_000));
    assert!(long_line.len() >= 100_000);
    sandbox.write(&format!("{ADR_DIR}/0003-long-line.md"), &long_line);
    let mut many = String::from(
        "# 4. Many lines\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\n",
    );
    for i in 0..200_000 {
        many.push_str(&format!("l{i}\n"));
    }
    sandbox.write(&format!("{ADR_DIR}/0004-many-lines.md"), &many);

    let run = sandbox.adr(&["list", "--format", "json"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let listed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 4);
    assert!(
        listed[2]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Long line word word")),
        "{}",
        listed[2]["path"]
    );
    assert_eq!(listed[3]["title"], "Many lines");
    assert_eq!(listed[3]["status"], "accepted");
    sandbox.adr(&["show", "3"]).ok();
    sandbox.adr(&["show", "4"]).ok();
    sandbox.adr(&["link", "4", "Amends", "2"]).ok();
    let record = parse(&sandbox, &format!("{ADR_DIR}/0004-many-lines.md"));
    assert!(
        has_link(&record, "Amends", &file_name(2)),
        "{:?}",
        links_of(&record)
    );
    assert!(
        sandbox
            .read(&format!("{ADR_DIR}/0004-many-lines.md"))
            .ends_with("l199999\n")
    );
}

fn three_thousand_records_list_and_check() {
    const COUNT: u32 = 3000;
    let sandbox = Sandbox::new();
    let dir = sandbox.root().join(ADR_DIR);
    fs::create_dir_all(&dir).expect("mkdir");
    for n in 1..=COUNT {
        fs::write(
            dir.join(format!("{n:04}-decision-{n}.md")),
            format!(
                "# {n}. Decision {n}\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n\
                 ## Context\n\nWhy {n}.\n\n## Decision\n\nWhat {n}.\n\n## Consequences\n\nThen {n}.\n"
            ),
        )
        .expect("write record");
    }
    let started = std::time::Instant::now();
    let list = sandbox.adr(&["list"]);
    let lines: Vec<&str> = list.ok().lines().collect();
    assert_eq!(lines.len(), 3000);
    assert_eq!(lines[2999], format!("{ADR_DIR}/3000-decision-3000.md"));
    let json = sandbox.adr(&["list", "--format", "json"]);
    let listed: serde_json::Value = serde_json::from_str(json.ok()).expect("JSON on stdout");
    assert_eq!(listed.as_array().map(Vec::len), Some(3000));
    let check = sandbox.adr(&["check"]);
    assert_eq!(check.code, 0, "{}\n{}", check.stdout, check.stderr);
    assert!(
        check.stdout.contains("in 3000 records") || check.stderr.contains("in 3000 records"),
        "{}\n{}",
        check.stdout,
        check.stderr
    );
    let new = sandbox.adr(&["new", "One", "more"]);
    assert_eq!(new.ok().trim(), format!("{ADR_DIR}/3001-one-more.md"));
    eprintln!(
        "3000 records: list, json, check and new in {:?}",
        started.elapsed()
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(concurrent_new_takes_distinct_numbers_and_overwrites_nothing),
        test!(concurrent_links_to_one_record_lose_no_update),
        test!(concurrent_supersedes_by_one_record_lose_no_update),
        #[cfg(unix)]
        test!(disk_full_changes_nothing_and_names_the_file),
        #[cfg(unix)]
        test!(read_only_record_is_refused),
        test!(read_only_folder_is_refused, needs: [Strace]),
        #[cfg(unix)]
        test!(file_gone_between_listing_and_reading_is_reported),
        #[cfg(unix)]
        test!(new_killed_while_staged_leaves_nothing),
        #[cfg(unix)]
        test!(link_killed_while_staged_leaves_nothing),
        #[cfg(unix)]
        test!(new_interrupted_while_staged_leaves_nothing),
        #[cfg(unix)]
        test!(link_interrupted_while_staged_leaves_nothing),
        test!(temporary_files_left_by_a_crash_are_removed_by_the_next_writer),
        test!(traversal_in_titles_stays_in_the_adr_folder),
        test!(traversal_in_references_is_an_unknown_reference),
        test!(export_refuses_an_out_folder_holding_the_project),
        #[cfg(unix)]
        test!(export_writes_only_inside_out_and_copies_no_outside_file),
        test!(huge_record_is_reported_and_the_others_listed),
        test!(long_line_and_many_lines_read_fine),
        test!(three_thousand_records_list_and_check),
    ]
}
