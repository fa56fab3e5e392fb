//! Bad input tried as a new user would: each gets a clear message on
//! stderr, a non-zero exit, and leaves every file as it was.

use crate::support::Sandbox;

/// A project with three records, the third superseding nothing.
fn project() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.adr(&["new", "Use", "S3"]).ok();
    sandbox.adr(&["new", "Third"]).ok();
    sandbox
}

/// Runs `args`, expects failure with `needle` on stderr, and no change.
#[track_caller]
fn refused(sandbox: &Sandbox, args: &[&str], needle: &str) {
    let before = sandbox.tree();
    let run = sandbox.adr(args);
    let stderr = run.fails();
    assert!(
        stderr.contains(needle),
        "stderr of {args:?} should mention {needle:?}:\n{stderr}"
    );
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    assert_eq!(sandbox.tree(), before, "{args:?} changed files");
}

fn no_title() {
    let sandbox = project();
    refused(&sandbox, &["new"], "no title given");
}

fn title_of_only_punctuation() {
    let sandbox = project();
    refused(&sandbox, &["new", "!!!", "?"], "no letter or digit");
}

fn unknown_reference_changes_nothing() {
    let sandbox = project();
    refused(&sandbox, &["new", "-s", "42", "X"], "no ADR matches `42`");
    refused(&sandbox, &["new", "-s", "2", "-s", "42", "X"], "`42`");
    refused(
        &sandbox,
        &["new", "-l", "42:Amends:Amended by", "X"],
        "`42`",
    );
    refused(
        &sandbox,
        &["link", "1", "Amends", "42", "Amended by"],
        "`42`",
    );
    refused(&sandbox, &["show", "42"], "`42`");
}

fn number_never_matches_a_substring() {
    let sandbox = project();
    // `3` names ADR 3 ("Third"), not 0002-use-s3.md.
    sandbox.adr(&["new", "-s", "3", "Replace", "third"]).ok();
    assert!(
        sandbox
            .read("doc/adr/0003-third.md")
            .contains("Superseded by [4. Replace third]")
    );
    assert!(
        !sandbox
            .read("doc/adr/0002-use-s3.md")
            .contains("Superseded")
    );
}

fn ambiguous_reference_lists_candidates() {
    let sandbox = project();
    sandbox.write(
        "doc/adr/0003-another-three.md",
        "# 3. Another\n\n## Status\n\nAccepted\n",
    );
    let before = sandbox.tree();
    let run = sandbox.adr(&["link", "3", "Amends", "1", "Amended by"]);
    let stderr = run.fails();
    assert!(stderr.contains("ambiguous"), "{stderr}");
    assert!(
        stderr.contains("0003-third.md") && stderr.contains("0003-another-three.md"),
        "{stderr}"
    );
    assert_eq!(sandbox.tree(), before);
}

fn bad_link_spec() {
    let sandbox = project();
    for spec in ["2:Checks", "2:Amends:", "2"] {
        refused(
            &sandbox,
            &["new", "-l", spec, "X"],
            "TARGET:LINK:REVERSE-LINK",
        );
    }
}

fn linking_a_record_to_itself() {
    let sandbox = project();
    refused(
        &sandbox,
        &["link", "2", "Amends", "2", "Amended by"],
        "itself",
    );
}

fn no_adr_folder() {
    let sandbox = Sandbox::new();
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["show", "1"],
        &["link", "1", "Amends", "2", "Amended by"],
        &["generate", "toc"],
        &["generate", "graph"],
    ] {
        refused(&sandbox, args, "no ADR folder found");
    }
}

fn adr_dir_naming_a_missing_folder() {
    let sandbox = Sandbox::new();
    sandbox.write(".adr-dir", "decisions\n");
    refused(&sandbox, &["list"], "decisions does not exist");
    refused(
        &sandbox,
        &["--dir", "nowhere", "list"],
        "nowhere does not exist (named by --dir)",
    );
}

fn second_init_refuses() {
    let sandbox = project();
    refused(&sandbox, &["init"], "already holds 3 ADR(s)");
    refused(&sandbox, &["init", "doc/adr"], "already holds");
}

fn invalid_yaml_front_matter() {
    let sandbox = project();
    sandbox.write(
        "doc/adr/0004-broken.md",
        "---\nstatus: {proposed | [x](y.md)\n---\n# Broken\n",
    );
    // Listing reports it with its line and still lists the others.
    let run = sandbox.adr(&["list", "--format", "table"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("0001-record-architecture-decisions.md"));
    assert!(run.stdout.contains("0004-broken.md"));
    assert!(
        run.stderr.contains("doc/adr/0004-broken.md:2:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("invalid YAML"), "{}", run.stderr);
    // Changing it is refused, and nothing is written.
    refused(&sandbox, &["new", "-s", "4", "Fix"], "0004-broken.md:2");
    refused(
        &sandbox,
        &["link", "1", "Amends", "4", "Amended by"],
        "invalid YAML",
    );
}

fn unreadable_record_is_reported_and_others_listed() {
    let sandbox = project();
    sandbox.write_bytes(
        "doc/adr/0004-latin1.md",
        b"# 4. Caf\xe9\n\n## Status\n\nAccepted\n",
    );
    let run = sandbox.adr(&["list", "--format", "json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("doc/adr/0004-latin1.md:1: error: not valid UTF-8"),
        "{}",
        run.stderr
    );
    let records: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(records.as_array().map(Vec::len), Some(4));
}

#[cfg(unix)]
fn read_only_record_blocks_the_whole_change() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = project();
    let path = sandbox.root().join("doc/adr/0003-third.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    refused(&sandbox, &["new", "-s", "2", "-s", "3", "X"], "read-only");
    assert!(!sandbox.exists("doc/adr/0004-x.md"));
}

fn failing_editor_keeps_the_record_and_fails() {
    let mut sandbox = project();
    sandbox.env("VISUAL", "false");
    let run = sandbox.adr(&["new", "Edited"]);
    let stderr = run.fails();
    assert!(
        stderr.contains("doc/adr/0004-edited.md was created"),
        "{stderr}"
    );
    assert!(sandbox.exists("doc/adr/0004-edited.md"));
}

fn editor_with_arguments() {
    let mut sandbox = project();
    sandbox.env("VISUAL", "echo opened --wait");
    let run = sandbox.adr(&["new", "Edited"]);
    assert_eq!(
        run.ok(),
        "opened --wait doc/adr/0004-edited.md\ndoc/adr/0004-edited.md\n"
    );
}

fn no_temporary_files_are_left() {
    let sandbox = project();
    sandbox
        .adr(&["new", "-s", "2", "-l", "1:Amends:Amended by", "X"])
        .ok();
    let leftovers: Vec<_> = sandbox
        .tree()
        .into_keys()
        .filter(|p| p.contains(".tmp") || p.contains(".adr-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn unknown_option_is_a_usage_error() {
    let sandbox = project();
    let run = sandbox.adr(&["list", "--bogus"]);
    assert_eq!(run.code, 2);
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(no_title),
        test!(title_of_only_punctuation),
        test!(unknown_reference_changes_nothing),
        test!(number_never_matches_a_substring),
        test!(ambiguous_reference_lists_candidates),
        test!(bad_link_spec),
        test!(linking_a_record_to_itself),
        test!(no_adr_folder),
        test!(adr_dir_naming_a_missing_folder),
        test!(second_init_refuses),
        test!(invalid_yaml_front_matter),
        test!(unreadable_record_is_reported_and_others_listed),
        #[cfg(unix)]
        test!(read_only_record_blocks_the_whole_change),
        test!(failing_editor_keeps_the_record_and_fails),
        test!(editor_with_arguments),
        test!(no_temporary_files_are_left),
        test!(unknown_option_is_a_usage_error),
    ]
}
