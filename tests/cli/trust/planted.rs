//! What a pull request or a local user can plant where `adr` looks, and
//! values that read differently from what they are (issue 12, second
//! round): hard links out of the project, a state folder or a settings
//! file that is a symlink, a journal or a site cache that `adr` did not
//! write, bidi controls and invisible characters, a site written into
//! the log. Each test failed on the code before its fix.

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use adr::change::journal::{self, Kind, Plan, State, Step};

use super::{DIR, Outside, SECRET, files_holding, log, record, refused, sweep, symlink};
use crate::support::Sandbox;

#[cfg(unix)]
fn a_record_hard_linked_to_a_file_outside_is_reported_not_read() {
    let outside = Outside::new();
    let sandbox = log(2);
    // Same file system (both are temporary folders), as on a shared runner.
    if fs::hard_link(
        outside.path("secret.md"),
        sandbox.root().join(DIR).join("0009-x.md"),
    )
    .is_err()
    {
        eprintln!("SKIPPED hard links: the temporary folders are on different file systems");
        return;
    }
    for args in [
        &["list"][..],
        &["show", "9"],
        &["search", "runner"],
        &["export", "json"],
    ] {
        let run = sandbox.adr(args);
        assert!(
            !run.stdout.contains(SECRET),
            "{args:?} printed the linked file: {}",
            run.stdout
        );
    }
    let run = sandbox.adr(&["export", "html", "--out", "site"]);
    assert!(run.stderr.contains("hard links"), "{}", run.stderr);
    assert_eq!(
        files_holding(&sandbox.root().join("site"), SECRET),
        Vec::<String>::new()
    );
    let check = sandbox.adr(&["check"]);
    assert!(
        check.stdout.contains("hard links") || check.stderr.contains("hard links"),
        "check reports it: {}{}",
        check.stdout,
        check.stderr
    );
}

fn bidi_controls_and_invisible_characters_are_refused_in_values() {
    let sandbox = log(3);
    for bad in [
        "A\u{202e}gnp.exe",
        "A\u{2066}B",
        "zero\u{200b}width",
        "\u{feff}bom",
        "left\u{200e}mark",
    ] {
        refused(&sandbox, &["new", bad], "invisible");
        refused(
            &sandbox,
            &["link", "2", &format!("Amends{bad}"), "3"],
            "invisible",
        );
        refused(
            &sandbox,
            &["link", "2", "Amends", "3", &format!("Amended by{bad}")],
            "invisible",
        );
        refused(
            &sandbox,
            &["status", "2", &format!("Accepted{bad}")],
            "invisible",
        );
        refused(&sandbox, &["rename", "2", bad], "invisible");
    }
    // What real titles hold stays: emoji joined by ZWJ, Persian's ZWNJ.
    sandbox
        .adr(&["new", "Use \u{1F469}\u{200D}\u{1F4BB} and \u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}"])
        .ok();
}

fn mcp_values_with_bidi_controls_are_refused() {
    let sandbox = log(2);
    let before = sweep::snapshot(sandbox.root());
    let replies = mcp(
        &sandbox,
        &[
            serde_json::json!({"name": "propose_record", "arguments": {"title": "T\u{202e}x"}}),
            serde_json::json!({"name": "propose_record", "arguments": {"title": "T", "links": [
                {"target": "2", "verb": "Amends\u{2067}", "reverse": "Amended by"}]}}),
            serde_json::json!({"name": "propose_record", "arguments": {"title": "T", "tags": ["a\u{2028}b"]}}),
            serde_json::json!({"name": "propose_record", "arguments": {"title": "T\u{85}## Status"}}),
        ],
    );
    for reply in &replies {
        assert_eq!(reply["result"]["isError"], true, "{reply}");
        assert!(reply.to_string().contains("character"), "{reply}");
    }
    assert_eq!(
        sweep::differences(&before, &sweep::snapshot(sandbox.root())),
        Vec::<String>::new()
    );
}

/// The replies to `calls` (`tools/call` params) of `adr mcp --allow-write`.
fn mcp(sandbox: &Sandbox, calls: &[serde_json::Value]) -> Vec<serde_json::Value> {
    let mut child = sandbox
        .command(&["mcp", "--allow-write"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start adr mcp");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        let init = serde_json::json!({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "t", "version": "1"}}});
        writeln!(stdin, "{init}").expect("write");
        writeln!(
            stdin,
            "{}",
            serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"})
        )
        .expect("write");
        for (i, call) in calls.iter().enumerate() {
            let message = serde_json::json!({"jsonrpc": "2.0", "id": i + 1,
                "method": "tools/call", "params": call});
            writeln!(stdin, "{message}").expect("write");
        }
    }
    let output = child.wait_with_output().expect("wait");
    let replies: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    (1..=calls.len())
        .map(|id| {
            replies
                .iter()
                .find(|r| r["id"] == id)
                .cloned()
                .unwrap_or_else(|| panic!("no reply to {id}: {replies:#?}"))
        })
        .collect()
}

fn a_folder_name_with_a_line_separator_or_bidi_control_is_refused() {
    for value in [
        "doc/adr\u{2028}../../x",
        "doc/\u{202e}rda",
        "doc/adr\u{85}x",
    ] {
        let sandbox = Sandbox::new();
        sandbox.write(".adr-dir", &format!("{value}\n"));
        refused(&sandbox, &["new", "X"], "one line");
        let sandbox = Sandbox::new();
        sandbox.write(".adr.toml", &format!("dir = \"{value}\"\n"));
        refused(&sandbox, &["new", "X"], "one line");
    }
}

#[cfg(unix)]
fn a_state_folder_that_is_a_symlink_is_never_followed() {
    let outside = Outside::new();
    let leftover = outside.path(".adr-keep.tmp");
    fs::write(&leftover, "not adr's").expect("write");
    let sandbox = log(2);
    symlink(outside.dir.path(), sandbox.root().join(".adr"));
    let before = outside.files();
    let stderr = refused(&sandbox, &["link", "2", "Amends", "1"], "never follows it");
    assert!(stderr.contains(".adr"), "{stderr}");
    sandbox.adr(&["list"]).ok();
    assert_eq!(outside.files(), before, "nothing written or removed there");
    assert!(leftover.exists());
    // A plain file or FIFO there gives the same clear error.
    fs::remove_file(sandbox.root().join(".adr")).expect("rm");
    sandbox.write(".adr", "planted");
    refused(&sandbox, &["link", "2", "Amends", "1"], "not a folder");
}

/// A committed half-done link of 2 to 1 in the journal at `root`, written
/// for the folder `origin_of` (the real root, or another one).
fn journal_for(sandbox: &Sandbox, origin: u128) {
    let one = sandbox.read(&record(1));
    let two = sandbox.read(&record(2));
    let root = sandbox.root().canonicalize().expect("canonical");
    let plan = Plan {
        origin,
        logs: vec![PathBuf::from(DIR)],
        steps: vec![
            Step {
                kind: Kind::Update,
                path: PathBuf::from(record(1)),
                mode: 0o644,
                old: Some(one.clone().into_bytes()),
                new: Some(format!("{one}\nPLANTED\n").into_bytes()),
            },
            Step {
                kind: Kind::Create,
                path: PathBuf::from(format!("{DIR}/0003-planted.md")),
                mode: 0o644,
                old: None,
                new: Some(format!("# 3. Planted\n\n{two}").into_bytes()),
            },
        ],
    };
    let path = journal::path(&root);
    fs::create_dir_all(path.parent().expect("state folder")).expect("mkdir");
    fs::write(&path, plan.encode(State::Committed)).expect("write");
}

fn a_journal_planted_or_copied_with_the_project_is_set_aside_unread() {
    let sandbox = log(2);
    let elsewhere = tempfile::tempdir().expect("tempdir");
    // Whatever the attacker guesses, it is not this folder's identity.
    for origin in [0, journal::origin(elsewhere.path()), u128::MAX] {
        journal_for(&sandbox, origin);
        let before: sweep::Tree = sweep::snapshot(sandbox.root())
            .into_iter()
            .filter(|(k, _)| !k.starts_with(".adr"))
            .collect();
        let run = sandbox.adr(&["list"]);
        run.ok();
        assert!(run.stderr.contains("another folder"), "{}", run.stderr);
        let after: sweep::Tree = sweep::snapshot(sandbox.root())
            .into_iter()
            .filter(|(k, _)| !k.starts_with(".adr"))
            .collect();
        assert_eq!(sweep::differences(&before, &after), Vec::<String>::new());
        assert!(!sandbox.exists(".adr/adr-journal"));
        let _ = fs::remove_dir_all(sandbox.root().join(".adr"));
    }
    // The journal this folder's own `adr` wrote is still finished.
    let root = sandbox.root().canonicalize().expect("canonical");
    journal_for(&sandbox, journal::origin(&root));
    sandbox.adr(&["list"]).ok();
    assert!(sandbox.read(&record(1)).contains("PLANTED"));
}

#[cfg(unix)]
fn settings_files_symlinked_outside_or_special_are_refused_without_reading() {
    let outside = Outside::new();
    fs::write(outside.path("cfg.toml"), "dir = \"doc/adr\"\n").expect("write");
    for (name, target) in [
        (".adr.toml", outside.path("cfg.toml")),
        (".adr.toml", PathBuf::from("/proc/self/environ")),
        (".adr-dir", PathBuf::from("/proc/self/environ")),
        (".adr-dir", outside.path("secret.md")),
    ] {
        let sandbox = log(2);
        symlink(&target, sandbox.root().join(name));
        let run = sandbox.adr(&["list"]);
        let said = run.fails();
        assert!(
            said.contains("outside the project"),
            "{name} -> {target:?}: {said}"
        );
        assert!(!said.contains(SECRET));
    }
}

#[cfg(unix)]
fn a_huge_settings_file_is_refused_at_the_cap() {
    let sandbox = log(2);
    let big = sandbox.root().join("big.txt");
    let file = fs::File::create(&big).expect("create");
    // Sparse: 64 MiB of zeros reported and read, without the disk.
    file.set_len(64 << 20).expect("grow");
    symlink(&big, sandbox.root().join(".adr-dir"));
    let started = std::time::Instant::now();
    let said = sandbox.adr(&["list"]).fails().to_string();
    assert!(said.contains("larger than"), "{said}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

fn an_export_into_the_adr_folder_is_refused() {
    let sandbox = log(2);
    for out in [
        format!("{DIR}/site"),
        format!("{DIR}/sub/deeper"),
        format!("./{DIR}/../adr/site"),
    ] {
        refused(
            &sandbox,
            &["export", "html", "--out", &out],
            "inside the ADR folder",
        );
    }
    #[cfg(unix)]
    {
        symlink(sandbox.root().join(DIR), sandbox.root().join("alias"));
        refused(
            &sandbox,
            &["export", "html", "--out", "alias/site"],
            "inside the ADR folder",
        );
    }
}

/// A site committed with the project, with the marker of an earlier
/// export and pages of its own: a symlink out and a script.
#[cfg(unix)]
fn a_planted_site_cache_is_not_built_on() {
    let outside = Outside::new();
    let sandbox = log(2);
    sandbox.adr(&["export", "html", "--out", "site"]).ok();
    let marker = sandbox.read("site/.adr-site");
    // Copied with the project: same bytes, another folder.
    let planted = sandbox.root().join("planted");
    let copied = std::process::Command::new("cp")
        .args(["-r", "site", "planted"])
        .current_dir(sandbox.root())
        .status()
        .expect("cp");
    assert!(copied.success());
    assert_eq!(
        fs::read_to_string(planted.join(".adr-site")).expect("marker"),
        marker
    );
    let page = "0002-record-2.html";
    fs::remove_file(planted.join(page)).expect("rm");
    symlink(outside.path("secret.md"), planted.join(page));
    let script = "0001-record-architecture-decisions.html";
    let mut html = fs::read_to_string(planted.join(script)).expect("read");
    html.push_str("<script>alert('planted')</script>");
    fs::write(planted.join(script), html).expect("write");
    sandbox.adr(&["export", "html", "--out", "planted"]).ok();
    let tree = sweep::snapshot(&planted);
    let links: Vec<&String> = tree
        .iter()
        .filter(|(_, e)| matches!(e, sweep::Entry::Link(_)))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(links, Vec::<&String>::new(), "symlinks kept in the site");
    assert_eq!(files_holding(&planted, SECRET), Vec::<String>::new());
    assert_eq!(
        files_holding(&planted, "alert('planted')"),
        Vec::<String>::new()
    );
    // The site's own earlier export is still built on.
    let run = sandbox.adr(&["export", "html", "--out", "site"]);
    let said = run.ok();
    assert!(said.contains("exported"), "{said}");
}

/// A planted record whose title, status, tags and verbs carry terminal
/// control sequences (a window title, a cursor move, a carriage return
/// that overprints "0 errors") prints none of them in any text output.
fn control_characters_in_a_planted_record_never_reach_the_terminal() {
    let sandbox = log(2);
    sandbox.write(
        &format!("{DIR}/0003-planted.md"),
        "# 3. Planted \u{1b}]0;owned\u{7}title\r0 errors\u{1b}[2K\n\n\
         Date: 1992-01-12\n\n## Status\n\nAccepted\u{1b}[31m\u{8}\n\n\
         Amends\u{1b}[1A [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n\
         ## Context\n\nText \u{1b}[2J cleared.\n",
    );
    for args in [
        &["list", "--format", "table"][..],
        &["list"],
        &["show", "3"],
        &["graph"],
        &["check"],
        &["generate", "toc"],
        &["search", "Text"],
    ] {
        let run = sandbox.adr(args);
        for stream in [&run.stdout, &run.stderr] {
            assert!(
                !stream.chars().any(|c| c.is_control() && c != '\n'),
                "adr {args:?} printed a control character: {stream:?}"
            );
        }
    }
    let shown = sandbox.adr(&["show", "3"]);
    assert!(shown.stdout.contains("Planted \u{FFFD}]0;owned"), "{}", shown.stdout);
}

/// The fault hooks (`ADR_INJECT_FAULT`, src/change/fault.rs) are compiled
/// into debug builds, which the tests run, and into no release build.
fn the_release_binary_has_no_fault_hooks() {
    let holds = |path: &std::path::Path| {
        let bytes = fs::read(path).expect("read the binary");
        memchr::memmem::find(&bytes, b"ADR_INJECT_FAULT").is_some()
    };
    assert!(
        holds(&crate::support::adr_bin()),
        "the tested binary reads ADR_INJECT_FAULT (or this test cannot fail)"
    );
    let release = crate::support::release_bin();
    assert!(
        !holds(&release),
        "{} reads ADR_INJECT_FAULT",
        release.display()
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        #[cfg(unix)]
        test!(a_record_hard_linked_to_a_file_outside_is_reported_not_read),
        test!(bidi_controls_and_invisible_characters_are_refused_in_values),
        test!(mcp_values_with_bidi_controls_are_refused),
        test!(a_folder_name_with_a_line_separator_or_bidi_control_is_refused),
        #[cfg(unix)]
        test!(a_state_folder_that_is_a_symlink_is_never_followed),
        test!(a_journal_planted_or_copied_with_the_project_is_set_aside_unread),
        #[cfg(unix)]
        test!(settings_files_symlinked_outside_or_special_are_refused_without_reading),
        #[cfg(unix)]
        test!(a_huge_settings_file_is_refused_at_the_cap),
        test!(an_export_into_the_adr_folder_is_refused),
        #[cfg(unix)]
        test!(a_planted_site_cache_is_not_built_on),
        test!(the_release_binary_has_no_fault_hooks, needs: [ReleaseBinary]),
        test!(control_characters_in_a_planted_record_never_reach_the_terminal),
    ]
}
