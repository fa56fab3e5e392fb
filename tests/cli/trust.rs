//! Trust: nothing leaked, nothing half-done, nothing lost, whatever is
//! killed, raced or planted. Each test here failed on the code before the
//! fix it guards (issue 12).

mod journal;
mod planted;
mod races;
mod sweep;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{Run, Sandbox};

use sweep::Scenario;

const DIR: &str = "doc/adr";

/// `adr init` and records 2..=last (`Record N`).
fn log(last: u32) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    for n in 2..=last {
        sandbox.adr(&["new", "Record", &n.to_string()]).ok();
    }
    sandbox
}

fn record(n: u32) -> String {
    if n == 1 {
        format!("{DIR}/0001-record-architecture-decisions.md")
    } else {
        format!("{DIR}/{n:04}-record-{n}.md")
    }
}

/// Runs `args` and kills it after `limit`: (run, whether it finished).
fn run_within(sandbox: &Sandbox, args: &[&str], limit: Duration) -> (Run, bool) {
    let child = sandbox
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start adr");
    let pid = child.id();
    let (sender, receiver) = std::sync::mpsc::channel();
    // Output is read while the command runs, so a full pipe never stops it.
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    let (output, finished) = match receiver.recv_timeout(limit) {
        Ok(output) => (output.expect("wait"), true),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            (
                receiver
                    .recv_timeout(Duration::from_secs(30))
                    .expect("killed adr ends")
                    .expect("wait"),
                false,
            )
        }
    };
    (
        Run {
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            code: output.status.code().unwrap_or(-1),
        },
        finished,
    )
}

/// `args` must fail naming `needle`, and change no file.
#[track_caller]
fn refused(sandbox: &Sandbox, args: &[&str], needle: &str) -> String {
    let before = sweep::snapshot(sandbox.root());
    let run = sandbox.adr(args);
    let stderr = run.fails().to_string();
    assert!(
        stderr.contains(needle),
        "{args:?}: stderr should say {needle:?}:\n{stderr}"
    );
    let after = sweep::snapshot(sandbox.root());
    assert_eq!(
        sweep::differences(&before, &after),
        Vec::<String>::new(),
        "{args:?} changed files"
    );
    stderr
}

/// A folder outside every sandbox, holding a secret.
struct Outside {
    dir: tempfile::TempDir,
}

const SECRET: &str = "TOKEN=s3cr3t-0f-the-runner";

impl Outside {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(
            dir.path().join("secret.md"),
            format!("# 9. Secret\n\n{SECRET}\n"),
        )
        .expect("write");
        fs::write(dir.path().join("secret.png"), SECRET).expect("write");
        fs::write(dir.path().join("secret.js"), SECRET).expect("write");
        Self { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// Every file of the folder, to see that nothing was written there.
    fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = sweep::snapshot(self.dir.path()).into_keys().collect();
        names.sort();
        names
    }
}

#[cfg(unix)]
fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// Every file under `dir` holding `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    sweep::snapshot(dir)
        .into_iter()
        .filter(|(_, e)| match e {
            sweep::Entry::File(bytes) => {
                bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
            }
            _ => false,
        })
        .map(|(k, _)| k)
        .collect()
}

// ---------------------------------------------------------------------
// 1. Crash-consistent changes: the sweeps, and what a crash leaves.

fn links(sandbox: &Sandbox) {
    for n in 1..=5 {
        sandbox.write(
            &format!("{DIR}/{n:04}-record-{n}.md"),
            &format!(
                "# {n}. Record {n}\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
            ),
        );
    }
}

fn linked(sandbox: &Sandbox) {
    links(sandbox);
    sandbox.adr(&["link", "4", "Amends", "3"]).ok();
    sandbox.adr(&["link", "5", "Extends", "3"]).ok();
    sandbox.adr(&["link", "4", "Amends", "2"]).ok();
}

fn one_sided(sandbox: &Sandbox) {
    links(sandbox);
    let four = sandbox.root().join(record(4));
    let text = fs::read_to_string(&four).expect("read");
    fs::write(
        &four,
        text.replace(
            "Accepted\n",
            "Accepted\n\nAmends [2. Record 2](0002-record-2.md)\n\nExtends [3. Record 3](0003-record-3.md)\n",
        ),
    )
    .expect("write");
}

fn exported(sandbox: &Sandbox) {
    linked(sandbox);
    sandbox.adr(&["export", "html", "--out", "site"]).ok();
    sandbox.adr(&["accept", "2"]).ok();
    sandbox.adr(&["rename", "5", "A new title"]).ok();
}

fn to_import(sandbox: &Sandbox) {
    let source = Sandbox::new();
    source.adr(&["init"]).ok();
    for n in 2..=12 {
        source.adr(&["new", "Imported", &n.to_string()]).ok();
    }
    source.write(
        &format!("{DIR}/historic/0013-older.md"),
        "# 13. Older\n\nOld.\n",
    );
    let json = source.adr(&["export", "json"]);
    sandbox.write("log.json", json.ok());
    fs::create_dir_all(sandbox.root().join(DIR)).expect("mkdir");
}

fn nothing(_: &Sandbox) {}

fn old_dates(sandbox: &Sandbox) {
    links(sandbox);
    for n in [2, 3, 5] {
        let path = sandbox.root().join(record(n));
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, text.replace("Date: 1992-01-12", "Date: 12/01/1992")).expect("write");
    }
}

fn historic(sandbox: &Sandbox) {
    links(sandbox);
    sandbox.write(
        &format!("{DIR}/historic/0006-record-6.md"),
        "# 6. Record 6\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nOld.\n",
    );
}

/// Two records in `historic/` and one at the top, whose file is in a
/// shared folder beside the log, symlinked.
fn overlapping(sandbox: &Sandbox) {
    historic(sandbox);
    sandbox.write(
        &format!("{DIR}/historic/0007-record-7.md"),
        "# 7. Record 7\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nOld.\n",
    );
    sandbox.write(
        "shared/0008-record-8.md",
        "# 8. Record 8\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nShared.\n",
    );
    #[cfg(unix)]
    symlink(
        "../../shared/0008-record-8.md",
        sandbox.root().join(format!("{DIR}/0008-record-8.md")),
    );
}

const LIST: &[&str] = &["list"];

fn scenario(name: &'static str, setup: fn(&Sandbox), args: &'static [&'static str]) -> Scenario {
    Scenario {
        name,
        setup,
        args,
        next: LIST,
        only: None,
        git: false,
    }
}

fn sweep_supersede() {
    sweep::sweep(&scenario("supersede", links, &["supersede", "2", "3"]));
}

fn sweep_supersede_in_git() {
    sweep::sweep(&Scenario {
        git: true,
        ..scenario("supersede (git)", links, &["supersede", "2", "3"])
    });
}

fn sweep_link() {
    sweep::sweep(&scenario("link", links, &["link", "2", "Amends", "3"]));
}

fn sweep_unlink() {
    sweep::sweep(&scenario("unlink", linked, &["unlink", "4", "3"]));
}

fn sweep_renumber() {
    sweep::sweep(&scenario("renumber", linked, &["renumber", "3", "9"]));
}

fn sweep_rename() {
    sweep::sweep(&scenario(
        "rename",
        linked,
        &["rename", "3", "Another", "title"],
    ));
}

fn sweep_new_superseding_and_linking() {
    sweep::sweep(&scenario(
        "new -s -l",
        links,
        &["new", "-s", "2", "-l", "3:Amends", "Replacement"],
    ));
}

fn sweep_check_fix() {
    sweep::sweep(&scenario("check --fix", one_sided, &["check", "--fix"]));
}

fn sweep_import() {
    sweep::sweep(&scenario(
        "import json",
        to_import,
        &["import", "json", "log.json"],
    ));
}

fn sweep_init() {
    sweep::sweep(&scenario("init DIR", nothing, &["init", "decisions"]));
}

fn sweep_upgrade() {
    sweep::sweep(&scenario(
        "upgrade-repository",
        old_dates,
        &["upgrade-repository"],
    ));
}

fn sweep_sub_folder_link() {
    sweep::sweep(&scenario(
        "link (sub-folder)",
        historic,
        &["link", "6", "Amends", "2"],
    ));
}

fn sweep_overlapping_folders() {
    // Written through the sub-folder, finished by a command given the log.
    sweep::sweep(&scenario(
        "link --dir historic",
        overlapping,
        &["--dir", "doc/adr/historic", "link", "6", "Extends", "7"],
    ));
}

#[cfg(unix)]
fn sweep_symlinked_record() {
    sweep::sweep(&scenario(
        "supersede (symlinked)",
        overlapping,
        &["supersede", "8", "2"],
    ));
}

fn sweep_export_html() {
    sweep::sweep(&Scenario {
        name: "export html",
        setup: exported,
        args: &["export", "html", "--out", "site"],
        next: &["export", "html", "--out", "site"],
        only: Some("site"),
        git: false,
    });
}

/// A log in a git repository exported twice, so the site's twin is kept
/// in `.git`, then changed: the next export brings the twin up to date and
/// swaps it in. Made again for each kill point: the twin is trusted only
/// in the very folder it was written in, so it cannot be copied.
fn twinned(sandbox: &Sandbox) {
    let status = Command::new("git")
        .args(["init", "-q", "-b", "main"])
        .current_dir(sandbox.root())
        .status()
        .expect("git init");
    assert!(status.success());
    linked(sandbox);
    for _ in 0..2 {
        sandbox.adr(&["export", "html", "--out", "site"]).ok();
    }
    let twins = fs::read_dir(sandbox.root().join(".git"))
        .expect("read .git")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("adr-site-"))
        .count();
    assert_eq!(twins, 1, "the second export keeps a twin in .git");
    sandbox.adr(&["accept", "2"]).ok();
    let three = sandbox.root().join(record(3));
    let text = fs::read_to_string(&three).expect("read");
    fs::write(&three, format!("{text}\nA paragraph about quinces.\n")).expect("write");
}

/// An export built on the twin, killed at each of its file-system calls:
/// the site is the old one or the new one right after the kill, and the
/// next export makes it what an uninterrupted one does.
fn sweep_export_html_over_its_twin() {
    let args = ["export", "html", "--out", "site"];
    let site = |sandbox: &Sandbox| sweep::snapshot(&sandbox.root().join("site"));
    let reference = Sandbox::new();
    twinned(&reference);
    let old = site(&reference);
    let run = reference.adr(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let new = site(&reference);
    assert_ne!(old, new, "the export changed nothing");
    let (mut points, mut problems) = (0, Vec::new());
    for call in sweep::CALLS.split(',') {
        for n in 1.. {
            let sandbox = Sandbox::new();
            twinned(&sandbox);
            let (code, killed, stderr) =
                sweep::run_injected(&sandbox, &args, call, &format!("signal=SIGKILL:when={n}"));
            if !killed {
                assert_eq!(code, 0, "{call} {n}: {stderr}");
                assert!(site(&sandbox) == new, "{call} {n}: finished, not the new site");
                break;
            }
            points += 1;
            let at_once = site(&sandbox);
            if at_once != old && at_once != new {
                problems.push(format!("killed at {call} #{n}: neither the old site nor the new"));
            }
            let next = sandbox.adr(&args);
            if next.code != 0 || site(&sandbox) != new {
                problems.push(format!(
                    "killed at {call} #{n}: the next export did not make the new site: {}",
                    next.stderr
                ));
            }
            let beside: Vec<String> = fs::read_dir(sandbox.root())
                .expect("read")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|name| name.starts_with(".site."))
                .collect();
            if !beside.is_empty() {
                problems.push(format!("killed at {call} #{n}: left {beside:?}"));
            }
            assert!(n < 2000, "the sweep did not end");
        }
    }
    eprintln!("sweep export html over its twin: {points} kill points");
    assert!(points > 0, "no kill point reached");
    assert_eq!(problems, Vec::<String>::new());
}

fn temporary_files_in_sub_folders_are_removed_by_the_next_command() {
    let sandbox = log(2);
    sandbox.write(&format!("{DIR}/historic/0003-old.md"), "# 3. Old\n");
    for leftover in [
        format!("{DIR}/.adr-123-4-5.tmp"),
        format!("{DIR}/historic/.adr-123-4-6.tmp"),
    ] {
        sandbox.write(&leftover, "half a record");
    }
    sandbox.adr(&["list"]).ok();
    let left: Vec<String> = sweep::snapshot(sandbox.root())
        .into_keys()
        .filter(|k| k.ends_with(".tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

// ---------------------------------------------------------------------
// 2. One lock per log; symlinked records; absolute references.

#[cfg(unix)]
fn a_symlinked_record_stays_a_symlink_when_edited() {
    let sandbox = log(3);
    let shared = sandbox.root().join("shared/0002-record-2.md");
    fs::create_dir_all(shared.parent().expect("parent")).expect("mkdir");
    fs::rename(sandbox.root().join(record(2)), &shared).expect("move");
    symlink(
        "../../shared/0002-record-2.md",
        sandbox.root().join(record(2)),
    );
    sandbox.adr(&["supersede", "2", "3"]).ok();
    let link = sandbox.root().join(record(2));
    assert!(
        fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink(),
        "the record is no longer a symlink"
    );
    assert!(
        fs::read_to_string(&shared)
            .expect("read")
            .contains("Superseded by [3. Record 3](../doc/adr/0003-record-3.md)")
            || fs::read_to_string(&shared)
                .expect("read")
                .contains("Superseded by [3. Record 3](0003-record-3.md)"),
        "{}",
        fs::read_to_string(&shared).expect("read")
    );
}

fn an_absolute_path_is_a_reference() {
    let sandbox = log(3);
    let absolute = sandbox.root().join(record(2)).display().to_string();
    let run = sandbox.adr(&["show", &absolute]);
    assert!(run.ok().contains("Record 2"), "{}", run.stdout);
    sandbox.adr(&["link", &absolute, "Amends", "3"]).ok();
    assert!(sandbox.read(&record(2)).contains("Amends [3. Record 3]"));
}

// ---------------------------------------------------------------------
// 3. Containment.

fn config_paths_outside_the_project_are_refused() {
    let outside = Outside::new();
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first_line = passwd.lines().next().unwrap_or("root:x:0:0").to_string();
    for (key, value) in [
        ("logo", "/etc/passwd".to_string()),
        ("mermaid", "/proc/self/environ".to_string()),
        ("logo", outside.path("secret.png").display().to_string()),
        ("mermaid", "../../../../../../../../etc/passwd".to_string()),
    ] {
        let mut sandbox = log(2);
        sandbox.env("RUNNER_SECRET", SECRET);
        sandbox.write(".adr.toml", &format!("[site]\n{key} = {value:?}\n"));
        let run = sandbox.adr(&["export", "html", "--out", "site"]);
        // Refused, or reported and left out: never copied into the site.
        assert!(
            run.stderr.contains("outside the project"),
            "{key} = {value}: {}",
            run.stderr
        );
        assert_eq!(
            files_holding(sandbox.root(), SECRET),
            Vec::<String>::new(),
            "{key} = {value}"
        );
        assert_eq!(
            files_holding(&sandbox.root().join("site"), &first_line),
            Vec::<String>::new(),
            "{key} = {value}"
        );
    }
    // `[site] out` in the project's file may not send the site outside.
    let sandbox = log(2);
    let target = outside.path("published");
    sandbox.write(
        ".adr.toml",
        &format!("[site]\nout = {:?}\n", target.display().to_string()),
    );
    refused(&sandbox, &["export", "html"], "outside the project");
    assert!(!target.exists());
}

#[cfg(unix)]
fn a_record_symlinked_outside_is_reported_not_read() {
    let outside = Outside::new();
    let mut sandbox = log(2);
    symlink(
        outside.path("secret.md"),
        sandbox.root().join(format!("{DIR}/0003-leak.md")),
    );
    symlink(
        "/proc/self/environ",
        sandbox.root().join(format!("{DIR}/0004-environ.md")),
    );
    sandbox.env("RUNNER_SECRET", SECRET);
    for args in [
        &["list", "--format", "json"][..],
        &["show", "3"],
        &["show", "4"],
        &["search", "s3cr3t"],
        &["check"],
        &["export", "json"],
        &["generate", "toc"],
    ] {
        let run = sandbox.adr(args);
        assert!(
            !run.stdout.contains("s3cr3t") && !run.stderr.contains("s3cr3t"),
            "{args:?} printed the secret:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
    let list = sandbox.adr(&["list", "--format", "json"]);
    assert_eq!(list.code, 1, "{}", list.stderr);
    assert!(
        list.stderr.contains("outside the project"),
        "{}",
        list.stderr
    );
    sandbox.adr(&["export", "html", "--out", "site"]);
    assert_eq!(
        files_holding(sandbox.root(), "s3cr3t"),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
fn images_through_a_symlinked_folder_stay_inside() {
    let outside = Outside::new();
    let sandbox = log(2);
    fs::create_dir_all(outside.path("a/b")).expect("mkdir");
    symlink(
        outside.path("a/b"),
        sandbox.root().join(format!("{DIR}/pictures")),
    );
    sandbox.write(
        &format!("{DIR}/0003-images.md"),
        "# 3. Images\n\n![x](pictures/../../secret.png) ![y](pictures/../../secret.js)\n",
    );
    sandbox.adr(&["export", "html", "--out", "site"]);
    assert_eq!(
        files_holding(sandbox.root(), "s3cr3t"),
        Vec::<String>::new()
    );
}

#[cfg(unix)]
fn a_log_folder_symlinked_outside_is_refused() {
    let outside = Outside::new();
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.root().join("doc")).expect("mkdir");
    symlink(outside.dir.path(), sandbox.root().join(DIR));
    let before = outside.files();
    let run = sandbox.adr(&["new", "Written", "outside"]);
    assert!(
        run.fails().contains("outside the project"),
        "{}",
        run.stderr
    );
    let run = sandbox.adr(&["list"]);
    assert!(
        run.fails().contains("outside the project"),
        "{}",
        run.stderr
    );
    assert_eq!(outside.files(), before, "a file was written outside");
}

#[cfg(unix)]
fn import_follows_no_symlinked_sub_folder_out() {
    let outside = Outside::new();
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.root().join(DIR)).expect("mkdir");
    symlink(
        outside.dir.path(),
        sandbox.root().join(format!("{DIR}/sub")),
    );
    let document = document(&["0001-inside.md", "sub/0002-escape.md"]);
    sandbox.write("log.json", &document);
    let before = outside.files();
    let run = sandbox.adr(&["import", "json", "log.json"]);
    run.fails();
    assert_eq!(
        outside.files(),
        before,
        "import wrote outside the ADR folder"
    );
    assert!(!sandbox.exists(&format!("{DIR}/0001-inside.md")));
}

fn import_writes_no_record_deeper_than_the_scan_reads() {
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.root().join(DIR)).expect("mkdir");
    for file in [
        "a/b/c/d/e/f/g/h/i/0001-deep.md",
        "templates/0001-template-folder.md",
        ".hidden/0001-x.md",
    ] {
        sandbox.write("log.json", &document(&[file]));
        refused(&sandbox, &["import", "json", "log.json"], file);
    }
    // As deep as a scan reads is fine, and read back.
    sandbox.write("log.json", &document(&["a/b/c/d/e/f/g/h/0001-deep.md"]));
    sandbox.adr(&["import", "json", "log.json"]).ok();
    assert_eq!(sandbox.adr(&["list"]).ok().lines().count(), 1);
}

/// An `adr export json` document of records with these files.
fn document(files: &[&str]) -> String {
    let records: Vec<serde_json::Value> = files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            serde_json::json!({
                "file": file, "number": i + 1, "title": "T", "status": null,
                "status_text": null, "date": null, "tags": [], "deciders": [],
                "links": [], "text": format!("# {}. T\n", i + 1),
            })
        })
        .collect();
    serde_json::json!({"adr_json": 1, "records": records}).to_string()
}

#[cfg(unix)]
fn a_project_template_symlinked_outside_is_refused() {
    let outside = Outside::new();
    let sandbox = log(1);
    fs::create_dir_all(sandbox.root().join(format!("{DIR}/templates/site"))).expect("mkdir");
    symlink(
        outside.path("secret.md"),
        sandbox.root().join(format!("{DIR}/templates/template.md")),
    );
    let run = sandbox.adr(&["new", "From", "a", "template"]);
    assert!(
        run.fails().contains("outside the project"),
        "{}",
        run.stderr
    );
    fs::remove_file(sandbox.root().join(format!("{DIR}/templates/template.md"))).expect("rm");
    symlink(
        outside.path("secret.js"),
        sandbox.root().join(format!("{DIR}/templates/site/site.js")),
    );
    let run = sandbox.adr(&["export", "html", "--out", "site"]);
    run.fails();
    assert_eq!(
        files_holding(sandbox.root(), "s3cr3t"),
        Vec::<String>::new()
    );
}

fn a_dir_setting_outside_or_of_several_lines_is_refused() {
    for (file, text) in [
        (".adr.toml", "dir = \"/tmp\"\n".to_string()),
        (".adr.toml", "dir = \"doc/adr\\n## x\"\n".to_string()),
        (".adr.toml", "dir = \"doc/\\u0007adr\"\n".to_string()),
        (".adr-dir", "doc/adr\nsecond line\n".to_string()),
        (".adr-dir", "/etc\n".to_string()),
    ] {
        let sandbox = Sandbox::new();
        fs::create_dir_all(sandbox.root().join(DIR)).expect("mkdir");
        sandbox.write(file, &text);
        let run = sandbox.adr(&["new", "Anything"]);
        assert_ne!(run.code, 0, "{file}: {text:?} was accepted");
        assert!(
            !Path::new("/tmp/0001-anything.md").exists(),
            "a record was written in /tmp"
        );
    }
}

// ---------------------------------------------------------------------
// 4. Bounded everything.

#[cfg(unix)]
fn special_files_named_like_records_are_reported_without_blocking() {
    let sandbox = log(2);
    let fifo = sandbox.root().join(format!("{DIR}/0003-fifo.md"));
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    symlink(
        "/dev/null",
        sandbox.root().join(format!("{DIR}/0004-device.md")),
    );
    for args in [
        &["list", "--format", "json"][..],
        &["list", "--format", "table"],
        &["check"],
        &["show", "3"],
        &["show", "2"],
        &["status", "2", "accepted"],
        &["generate", "toc"],
        &["search", "Record"],
        &["export", "html", "--out", "site"],
        &["new", "Record", "5"],
    ] {
        let (run, finished) = run_within(&sandbox, args, Duration::from_secs(30));
        assert!(finished, "{args:?} hung on a FIFO named like a record");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
    }
    let list = sandbox.adr(&["list", "--format", "json"]);
    assert!(list.stderr.contains("0003-fifo.md"), "{}", list.stderr);
}

#[cfg(unix)]
fn an_endless_file_is_cut_at_the_cap() {
    let sandbox = log(2);
    symlink(
        "/dev/zero",
        sandbox.root().join(format!("{DIR}/0003-zero.md")),
    );
    symlink(
        "/dev/urandom",
        sandbox.root().join(format!("{DIR}/0004-random.md")),
    );
    // Far less memory than the 1 GB an uncapped read grows to.
    let script = format!(
        "ulimit -v 600000; exec {} list --format json",
        crate::support::adr_bin().display()
    );
    let started = Instant::now();
    let run = sandbox.run_program(Path::new("bash"), &["-c", &script]);
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("memory allocation"), "{}", run.stderr);
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("0003-zero.md"))
        .unwrap_or_default();
    assert!(line.contains("not read"), "{}", run.stderr);
}

#[cfg(unix)]
fn symlink_loops_do_not_multiply_records() {
    let sandbox = log(3);
    symlink(".", sandbox.root().join(format!("{DIR}/loop")));
    symlink("..", sandbox.root().join(format!("{DIR}/up")));
    fs::create_dir_all(sandbox.root().join(format!("{DIR}/a"))).expect("mkdir");
    symlink("..", sandbox.root().join(format!("{DIR}/a/back")));
    let list = sandbox.adr(&["list"]);
    let lines: Vec<&str> = list.ok().lines().collect();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    sandbox.adr(&["link", "3", "Amends", "2"]).ok();
}

fn a_very_long_title_lists_as_a_table() {
    let sandbox = log(2);
    let title = "x".repeat(65_536);
    sandbox.write(
        &format!("{DIR}/0003-long.md"),
        &format!("# 3. {title}\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n"),
    );
    let (run, finished) = run_within(
        &sandbox,
        &["list", "--format", "table"],
        Duration::from_secs(30),
    );
    assert!(finished);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let widest = run.stdout.lines().map(str::len).max().unwrap_or(0);
    assert!(widest < 70_000 + 200, "rows padded to {widest}");
    let short = run.stdout.lines().nth(1).map_or(0, str::len);
    assert!(short < 1_000, "short rows padded to {short} characters");
}

fn a_heading_number_of_seventy_thousand_digits_renumbers() {
    let sandbox = log(2);
    let digits = format!("{}3", "0".repeat(70_000));
    sandbox.write(
        &format!("{DIR}/0003-huge-number.md"),
        &format!("# {digits}. Huge\n\n## Status\n\nAccepted\n"),
    );
    let (run, finished) = run_within(&sandbox, &["renumber", "3", "4"], Duration::from_secs(30));
    assert!(finished);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        run.code == 0 || run.stderr.contains("adr: error"),
        "{}",
        run.stderr
    );
}

fn deep_nesting_exports_in_linear_time() {
    let sandbox = log(1);
    sandbox.write(
        &format!("{DIR}/0002-quotes.md"),
        &format!("# 2. Quotes\n\n{}x\n", ">".repeat(200_000)),
    );
    sandbox.write(
        &format!("{DIR}/0003-divs.md"),
        &format!("# 3. Divs\n\n{}x\n", "<div>".repeat(40_000)),
    );
    let (run, finished) = run_within(
        &sandbox,
        &["export", "html", "--out", "site"],
        Duration::from_secs(60),
    );
    assert!(finished, "export html took more than 60 s on deep nesting");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

fn numbers_past_the_largest_are_a_clear_error() {
    let sandbox = log(1);
    sandbox.write(
        &format!("{DIR}/4294967295-last.md"),
        "# 4294967295. Last\n\n## Status\n\nAccepted\n",
    );
    refused(&sandbox, &["new", "One", "more"], "4294967295");
    let sandbox = log(1);
    sandbox.write(
        &format!("{DIR}/99999999999-past.md"),
        "# 99999999999. Past\n",
    );
    refused(&sandbox, &["new", "One", "more"], "99999999999");
}

// ---------------------------------------------------------------------
// 5. No injection.

fn values_of_several_lines_are_refused() {
    let sandbox = log(3);
    let injected = "Amends\n\n## Status\n\nRejected";
    let cases: &[&[&str]] = &[
        &["link", "2", injected, "3", "Amended by"],
        &["link", "2", "Amends", "3", injected],
        &[
            "new",
            "-l",
            "3:Amends:Amended by\n\n## Status\n\nRejected",
            "X",
        ],
        &["new", "--status", "Accepted\n\n## Decision\n\nnone", "X"],
        &["new", "--tag", "a\n## Status\nRejected", "X"],
        &["new", "Title\n\n## Status\n\nRejected"],
        &["rename", "2", "New\n## Status\nRejected"],
        &["status", "2", "accepted\n## x"],
    ];
    for args in cases {
        refused(&sandbox, args, "control character");
    }
}

fn record_file_names_of_several_lines_are_not_written_into_links() {
    let sandbox = log(2);
    let name = format!("{DIR}/0003-a\n\n## Status\n\nRejected.md");
    sandbox.write(&name, "# 3. Odd\n\n## Status\n\nAccepted\n");
    let before = sandbox.read(&record(2));
    let run = sandbox.adr(&["link", "2", "Amends", "3"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert_eq!(sandbox.read(&record(2)), before);
}

fn mcp_values_of_several_lines_are_refused() {
    let sandbox = log(3);
    let messages = [
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"}}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "propose_record", "arguments": {"title": "T\n\n## Status\n\nAccepted"}}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {
            "name": "propose_record", "arguments": {"title": "T", "links": [
                {"target": "2", "verb": "Amends\n\n## Status\n\nRejected", "reverse": "Amended by"}]}}}),
        serde_json::json!({"jsonrpc": "2.0", "id": 4, "method": "tools/call", "params": {
            "name": "propose_record", "arguments": {"title": "T", "tags": ["a\nb"]}}}),
    ];
    let before = sweep::snapshot(sandbox.root());
    let mut child = sandbox
        .command(&["mcp", "--allow-write"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start adr mcp");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for message in &messages {
            writeln!(stdin, "{message}").expect("write");
        }
    }
    let output = child.wait_with_output().expect("wait");
    let replies: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    for id in 2..=4 {
        let reply = replies
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no reply to {id}: {replies:#?}"));
        assert_eq!(reply["result"]["isError"], true, "{reply}");
        assert!(reply.to_string().contains("control character"), "{reply}");
    }
    assert_eq!(
        sweep::differences(&before, &sweep::snapshot(sandbox.root())),
        Vec::<String>::new()
    );
}

/// A full disk (`ENOSPC` from each write, sync, link or folder made on,
/// in turn) during every kind of multi-file command: a failed command
/// leaves the log as before once the next command ran, and one that
/// exits 0 made the whole change.
fn sweep_disk_full() {
    let scenarios = [
        scenario("supersede", links, &["supersede", "2", "3"]),
        scenario("rename", linked, &["rename", "3", "Another", "title"]),
        scenario("check --fix", one_sided, &["check", "--fix"]),
        scenario("import json", to_import, &["import", "json", "log.json"]),
        scenario("init DIR", nothing, &["init", "decisions"]),
        scenario("upgrade-repository", old_dates, &["upgrade-repository"]),
        Scenario {
            name: "export html",
            setup: exported,
            args: &["export", "html", "--out", "site"],
            next: &["export", "html", "--out", "site"],
            only: Some("site"),
            git: false,
        },
    ];
    let mut problems = Vec::new();
    for scenario in &scenarios {
        let counts = sweep::call_counts(scenario, sweep::WRITE_CALLS);
        let (tally, more) = sweep::error_sweep_with(scenario, &counts, "ENOSPC");
        eprintln!(
            "disk full {}: {} points: {} exit 0 and new, {} failed and old, {} failed with the \
             log changed until the next command, {} failed and changed after it, {} exit 0 and \
             not new",
            scenario.name,
            tally.points,
            tally.ok_new,
            tally.failed_old,
            tally.failed_changed_at_once,
            tally.failed_changed,
            tally.ok_not_new
        );
        problems.extend(more);
    }
    assert!(
        problems.is_empty(),
        "{} bad outcome(s):\n{}",
        problems.len(),
        problems
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    let mut tests = journal::tests();
    tests.extend(races::tests());
    tests.extend(planted::tests());
    tests.extend([
        test!(sweep_supersede, needs: [Strace]),
        test!(sweep_supersede_in_git, needs: [Strace]),
        test!(sweep_link, needs: [Strace]),
        test!(sweep_unlink, needs: [Strace]),
        test!(sweep_renumber, needs: [Strace]),
        test!(sweep_rename, needs: [Strace]),
        test!(sweep_new_superseding_and_linking, needs: [Strace]),
        test!(sweep_check_fix, needs: [Strace]),
        test!(sweep_import, needs: [Strace]),
        test!(sweep_init, needs: [Strace]),
        test!(sweep_upgrade, needs: [Strace]),
        test!(sweep_sub_folder_link, needs: [Strace]),
        test!(sweep_overlapping_folders, needs: [Strace]),
        #[cfg(unix)]
        test!(sweep_symlinked_record, needs: [Strace]),
        test!(sweep_export_html, needs: [Strace]),
        test!(sweep_export_html_over_its_twin, needs: [Strace]),
        test!(sweep_disk_full, needs: [Strace]),
        test!(temporary_files_in_sub_folders_are_removed_by_the_next_command),
        #[cfg(unix)]
        test!(a_symlinked_record_stays_a_symlink_when_edited),
        test!(an_absolute_path_is_a_reference),
        test!(config_paths_outside_the_project_are_refused),
        #[cfg(unix)]
        test!(a_record_symlinked_outside_is_reported_not_read),
        #[cfg(unix)]
        test!(images_through_a_symlinked_folder_stay_inside),
        #[cfg(unix)]
        test!(a_log_folder_symlinked_outside_is_refused),
        #[cfg(unix)]
        test!(import_follows_no_symlinked_sub_folder_out),
        test!(import_writes_no_record_deeper_than_the_scan_reads),
        #[cfg(unix)]
        test!(a_project_template_symlinked_outside_is_refused),
        test!(a_dir_setting_outside_or_of_several_lines_is_refused),
        #[cfg(unix)]
        test!(special_files_named_like_records_are_reported_without_blocking),
        #[cfg(unix)]
        test!(an_endless_file_is_cut_at_the_cap),
        #[cfg(unix)]
        test!(symlink_loops_do_not_multiply_records),
        test!(a_very_long_title_lists_as_a_table),
        test!(a_heading_number_of_seventy_thousand_digits_renumbers),
        test!(deep_nesting_exports_in_linear_time),
        test!(numbers_past_the_largest_are_a_clear_error),
        test!(values_of_several_lines_are_refused),
        test!(record_file_names_of_several_lines_are_not_written_into_links),
        test!(mcp_values_of_several_lines_are_refused),
    ]);
    tests
}
