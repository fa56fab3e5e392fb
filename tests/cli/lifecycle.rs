//! The decision lifecycle on every format: status changes, supersede, link,
//! unlink, renumber, rename. Each test diffs files before and after and
//! checks that only the intended lines changed.

use std::collections::BTreeMap;

use crate::support::Sandbox;

const MADR: &str = "---
status: proposed
date: 2024-05-01
decision-makers:
  - Ada
---

# Use MADR for this one

## Context and Problem Statement

Why.

## Decision Outcome

Chosen option: MADR.
";

const LOG4BRAINS: &str = "# Use log4brains here

- Status: accepted <!-- optional -->
- Date: 2020-01-01
- Tags: tooling

## Context and Problem Statement

Why.
";

/// 1: adr-tools (init), 2: adr-tools, 3: MADR 4, 20200101: log4brains.
fn project() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.adr(&["new", "Use", "Nygard"]).ok();
    sandbox.write("doc/adr/0003-use-madr.md", MADR);
    sandbox.write("doc/adr/20200101-use-log4brains.md", LOG4BRAINS);
    sandbox
}

const NYGARD: &str = "doc/adr/0002-use-nygard.md";
const MADR_PATH: &str = "doc/adr/0003-use-madr.md";
const L4B: &str = "doc/adr/20200101-use-log4brains.md";

/// Lines removed and lines added between two texts, by common prefix and
/// suffix: enough for the local edits `adr` makes.
fn diff(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let strip = |lines: &[&str]| {
        lines
            .iter()
            .map(|l| l.trim_end_matches('\n').to_string())
            .collect()
    };
    (
        strip(&a[prefix..a.len() - suffix]),
        strip(&b[prefix..b.len() - suffix]),
    )
}

/// Files whose bytes differ between two trees.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut keys: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| before.get(k) != after.get(k))
        .collect()
}

fn json(sandbox: &Sandbox, reference: &str) -> serde_json::Value {
    let run = sandbox.adr(&["show", reference, "--format", "json"]);
    serde_json::from_str(run.ok()).expect("json")
}

fn status_changes_touch_one_line_in_each_format() {
    let sandbox = project();
    for (reference, path, command, removed, added) in [
        ("2", NYGARD, "reject", "Accepted", "Rejected"),
        (
            "3",
            MADR_PATH,
            "accept",
            "status: proposed",
            "status: accepted",
        ),
        (
            "use-log4brains",
            L4B,
            "deprecate",
            "- Status: accepted <!-- optional -->",
            "- Status: deprecated <!-- optional -->",
        ),
    ] {
        let before = sandbox.tree();
        let text = sandbox.read(path);
        assert_eq!(sandbox.adr(&[command, reference]).ok(), format!("{path}\n"));
        assert_eq!(changed(&before, &sandbox.tree()), [path]);
        assert_eq!(
            diff(&text, &sandbox.read(path)),
            (vec![removed.to_string()], vec![added.to_string()]),
            "{command} {reference}"
        );
    }
    assert_eq!(json(&sandbox, "2")["status"], "rejected");
    assert_eq!(json(&sandbox, "3")["status"], "accepted");
    assert_eq!(json(&sandbox, "use-log4brains")["status"], "deprecated");
    // The generic form, and a no-op.
    sandbox.adr(&["status", "2", "proposed"]).ok();
    assert_eq!(json(&sandbox, "2")["status"], "proposed");
    let before = sandbox.tree();
    let run = sandbox.adr(&["propose", "2"]);
    assert!(run.stderr.contains("already proposed"), "{}", run.stderr);
    assert_eq!(sandbox.tree(), before);
}

fn supersede_across_formats() {
    let sandbox = project();
    // A MADR record supersedes an adr-tools one.
    let nygard_before = sandbox.read(NYGARD);
    let madr_before = sandbox.read(MADR_PATH);
    sandbox.adr(&["supersede", "2", "3"]).ok();
    assert_eq!(
        diff(&nygard_before, &sandbox.read(NYGARD)),
        (
            vec!["Accepted".to_string()],
            vec!["Superseded by [Use MADR for this one](0003-use-madr.md)".to_string()]
        )
    );
    let (removed, added) = diff(&madr_before, &sandbox.read(MADR_PATH));
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        [
            "",
            "## Links",
            "",
            "- Supersedes [2. Use Nygard](0002-use-nygard.md)"
        ]
    );
    let old = json(&sandbox, "2");
    assert_eq!(old["status"], "superseded");
    assert_eq!(old["in_force"], false);
    assert_eq!(old["in_force_successors"][0], MADR_PATH);

    // A log4brains record supersedes the MADR one: its status key changes.
    let madr_before = sandbox.read(MADR_PATH);
    sandbox.adr(&["supersede", "3", "use-log4brains"]).ok();
    assert_eq!(
        diff(&madr_before, &sandbox.read(MADR_PATH)),
        (
            vec!["status: proposed".to_string()],
            vec![
                "status: \"superseded by [Use log4brains here](20200101-use-log4brains.md)\""
                    .to_string()
            ]
        )
    );
    assert_eq!(json(&sandbox, "3")["status"], "superseded");
    // The chain ends at the log4brains record.
    assert_eq!(json(&sandbox, "2")["in_force_successors"][0], L4B);

    // An adr-tools record supersedes the log4brains one: its bullet changes.
    let l4b_before = sandbox.read(L4B);
    sandbox.adr(&["supersede", "use-log4brains", "1"]).ok();
    assert_eq!(
        diff(&l4b_before, &sandbox.read(L4B)),
        (
            vec!["- Status: accepted <!-- optional -->".to_string()],
            vec![
                "- Status: superseded by [1. Record architecture decisions](0001-record-architecture-decisions.md) <!-- optional -->"
                    .to_string()
            ]
        )
    );
    // Superseding again changes nothing.
    let before = sandbox.tree();
    sandbox.adr(&["supersede", "use-log4brains", "1"]).ok();
    assert_eq!(sandbox.tree(), before);
}

fn link_with_automatic_reverse_once_and_unlink() {
    let sandbox = project();
    let nygard_before = sandbox.read(NYGARD);
    let l4b_before = sandbox.read(L4B);
    sandbox.adr(&["link", "2", "Amends", "use-log4brains"]).ok();
    assert_eq!(
        diff(&nygard_before, &sandbox.read(NYGARD)).1,
        [
            "Amends [Use log4brains here](20200101-use-log4brains.md)",
            ""
        ]
    );
    assert_eq!(
        diff(&l4b_before, &sandbox.read(L4B)).1,
        [
            "",
            "## Links",
            "",
            "- Amended by [2. Use Nygard](0002-use-nygard.md)"
        ]
    );
    // Twice: nothing changes, and it says so.
    let before = sandbox.tree();
    let run = sandbox.adr(&["link", "2", "Amends", "use-log4brains"]);
    assert!(run.stderr.contains("already says Amends"), "{}", run.stderr);
    assert_eq!(sandbox.tree(), before);
    // Any verb pair works when both are given.
    sandbox
        .adr(&["link", "3", "Invalidates", "2", "Invalidated by"])
        .ok();
    let relations = json(&sandbox, "2")["relations"].clone();
    assert!(relations.to_string().contains("invalidates"), "{relations}");
    // Unlink removes both ends of every relation between the two.
    sandbox.adr(&["unlink", "2", "use-log4brains"]).ok();
    assert!(!sandbox.read(NYGARD).contains("log4brains"));
    assert!(!sandbox.read(L4B).contains("Amended by"));
    assert_eq!(
        json(&sandbox, "use-log4brains")["links"],
        serde_json::json!([])
    );
}

fn unlinking_a_supersession_restores_the_status() {
    let sandbox = project();
    let before = sandbox.read(NYGARD);
    sandbox.adr(&["new", "-s", "2", "Replace", "it"]).ok();
    sandbox.adr(&["unlink", "2", "4"]).ok();
    assert_eq!(sandbox.read(NYGARD), before);
    assert!(
        !sandbox
            .read("doc/adr/0004-replace-it.md")
            .contains("Supersedes")
    );
}

fn renumber_moves_the_file_and_every_link() {
    let sandbox = project();
    sandbox
        .adr(&["new", "-l", "2:Amends:Amended by", "Third"])
        .ok();
    sandbox.adr(&["link", "3", "Relates to", "2"]).ok();
    let run = sandbox.adr(&["renumber", "2", "12"]);
    assert!(
        run.ok()
            .starts_with("doc/adr/0002-use-nygard.md -> doc/adr/0012-use-nygard.md\n")
    );
    assert!(!sandbox.exists(NYGARD));
    let moved = sandbox.read("doc/adr/0012-use-nygard.md");
    assert!(moved.starts_with("# 12. Use Nygard\n"), "{moved}");
    let third = sandbox.read("doc/adr/0004-third.md");
    assert!(
        third.contains("Amends [12. Use Nygard](0012-use-nygard.md)"),
        "{third}"
    );
    let madr = sandbox.read(MADR_PATH);
    assert!(
        madr.contains("- Relates to [12. Use Nygard](0012-use-nygard.md)"),
        "{madr}"
    );
    // Every link resolves after the move.
    let list = sandbox.adr(&["list", "--format", "json"]);
    let records: serde_json::Value = serde_json::from_str(list.ok()).expect("json");
    for record in records.as_array().expect("array") {
        for link in record["links"].as_array().expect("links") {
            assert!(
                !link["target"].is_null(),
                "unresolved after renumber: {link}"
            );
        }
    }
}

fn rename_changes_slug_heading_and_links() {
    let sandbox = project();
    sandbox.adr(&["new", "-s", "2", "Third"]).ok();
    let run = sandbox.adr(&["rename", "2", "Use", "Nygard's", "layout"]);
    assert!(
        run.ok()
            .starts_with("doc/adr/0002-use-nygard.md -> doc/adr/0002-use-nygard-s-layout.md\n")
    );
    let renamed = sandbox.read("doc/adr/0002-use-nygard-s-layout.md");
    assert!(renamed.starts_with("# 2. Use Nygard's layout\n"));
    let third = sandbox.read("doc/adr/0004-third.md");
    assert!(
        third.contains("Supersedes [2. Use Nygard's layout](0002-use-nygard-s-layout.md)"),
        "{third}"
    );
}

#[cfg(unix)]
fn rename_keeps_git_history() {
    let sandbox = project();
    let git = |args: &[&str]| sandbox.run_program(std::path::Path::new("git"), args);
    git(&["init", "-q"]).ok();
    git(&["add", "-A"]).ok();
    git(&["commit", "-qm", "records"]).ok();
    sandbox.adr(&["renumber", "2", "5"]).ok();
    let status = git(&["status", "--porcelain"]);
    assert!(
        status
            .ok()
            .contains("R  doc/adr/0002-use-nygard.md -> doc/adr/0005-use-nygard.md"),
        "{}",
        status.stdout
    );
}

/// Runs a command that must fail and leave every file byte-identical.
#[track_caller]
fn refused(sandbox: &Sandbox, args: &[&str], needle: &str) {
    let before = sandbox.tree();
    let run = sandbox.adr(args);
    let stderr = run.fails();
    assert!(stderr.contains(needle), "{args:?}: {stderr}");
    assert_eq!(
        changed(&before, &sandbox.tree()),
        Vec::<String>::new(),
        "{args:?}"
    );
}

fn bad_input_changes_nothing() {
    let sandbox = project();
    refused(
        &sandbox,
        &["status", "2", "draft"],
        "unknown status `draft`",
    );
    refused(&sandbox, &["status", "2", "superseded"], "adr supersede");
    refused(
        &sandbox,
        &["supersede", "2", "2"],
        "cannot supersede itself",
    );
    refused(&sandbox, &["link", "2", "Amends", "2"], "itself");
    refused(&sandbox, &["link", "2", "Checks", "3"], "no known reverse");
    refused(&sandbox, &["supersede", "2", "99"], "`99`");
    refused(&sandbox, &["accept", "99"], "`99`");
    refused(&sandbox, &["unlink", "2", "3"], "are not linked");
    refused(
        &sandbox,
        &["renumber", "2", "3"],
        "taken by doc/adr/0003-use-madr.md",
    );
    refused(&sandbox, &["rename", "2", "???"], "no letter or digit");
    sandbox.adr(&["supersede", "2", "3"]).ok();
    refused(
        &sandbox,
        &["accept", "2"],
        "is superseded by doc/adr/0003-use-madr.md",
    );
    refused(&sandbox, &["supersede", "3", "2"], "cycle");
}

fn failure_midway_leaves_every_file_identical() {
    let mut sandbox = project();
    // Injected fault on the second file of a two-file change.
    sandbox.env("ADR_INJECT_FAULT", "1");
    refused(&sandbox, &["supersede", "2", "3"], "injected fault");
    refused(&sandbox, &["link", "2", "Amends", "3"], "injected fault");
    refused(
        &sandbox,
        &["new", "-s", "2", "-l", "3:Amends", "X"],
        "injected fault",
    );
    // A move rewrites the links to it: fail on that rewrite.
    sandbox.env("ADR_INJECT_FAULT", "");
    sandbox.adr(&["link", "3", "Amends", "2"]).ok();
    sandbox.env("ADR_INJECT_FAULT", "0");
    refused(&sandbox, &["renumber", "2", "9"], "injected fault");
    assert!(sandbox.exists(NYGARD) && !sandbox.exists("doc/adr/0009-use-nygard.md"));
    // No temporary file is left behind.
    assert!(sandbox.tree().keys().all(|k| !k.contains(".tmp")));
}

#[cfg(unix)]
fn read_only_record_blocks_a_supersede() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = project();
    let path = sandbox.root().join(MADR_PATH);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    refused(&sandbox, &["supersede", "2", "3"], "read-only");
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(status_changes_touch_one_line_in_each_format),
        test!(supersede_across_formats),
        test!(link_with_automatic_reverse_once_and_unlink),
        test!(unlinking_a_supersession_restores_the_status),
        test!(renumber_moves_the_file_and_every_link),
        test!(rename_changes_slug_heading_and_links),
        #[cfg(unix)]
        test!(rename_keeps_git_history),
        test!(bad_input_changes_nothing),
        test!(failure_midway_leaves_every_file_identical),
        #[cfg(unix)]
        test!(read_only_record_blocks_a_supersede),
    ]
}
