//! Differential tests against adr-tools 3.0.0: each scenario runs as the
//! same bash script twice, in two fresh sandboxes, once with adr-tools first
//! on PATH and once with our `adr`; the file trees, stdout, stderr and exit
//! codes must be identical, except that error messages compare by presence,
//! not wording (see [`normalise_errors`]). `adr_tools_suite` runs adr-tools'
//! own suite the same way.
//!
//! The second half checks the adr-tools bugs we deliberately fix; those
//! tests assert our documented behaviour only.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::support::{Run, Sandbox, adr_tools, our_bin_dir};

// ---------------------------------------------------------------------------
// Running a scenario on both tools and comparing
// ---------------------------------------------------------------------------

/// A sandbox's files, path to bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

/// What a scenario left behind.
struct Outcome {
    tree: Tree,
    stdout: String,
    stderr: String,
    code: i32,
}

impl Outcome {
    /// A file of the tree as text; panics when it is missing.
    fn file(&self, rel: &str) -> String {
        let bytes = self
            .tree
            .get(rel)
            .unwrap_or_else(|| panic!("adr-tools created no {rel}; files: {:?}", self.tree.keys()));
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Every failing top-level command of a scenario prints its exit status to
/// stdout, so a command that fails in one tool and not the other shows up
/// in the stdout comparison, with its line.
const TRAP: &str = r#"trap 'echo "[exit $? at line $LINENO]"' ERR; "#;

fn script_text(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// Runs `script` in a fresh sandbox with `bin_dir` first on PATH.
fn run_with(bin_dir: &Path, script: &str) -> Outcome {
    let sandbox = Sandbox::new();
    let run = sandbox.script(bin_dir, &format!("{TRAP}{script}"));
    let mut roots = vec![sandbox.root().display().to_string()];
    if let Ok(canonical) = sandbox.root().canonicalize() {
        roots.push(canonical.display().to_string());
    }
    // Longest first, so a root that is a prefix of the other is not half-replaced.
    roots.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let (mut stdout, mut stderr) = (run.stdout.clone(), run.stderr.clone());
    for root in &roots {
        stdout = stdout.replace(root.as_str(), "<SANDBOX>");
        stderr = stderr.replace(root.as_str(), "<SANDBOX>");
    }
    Outcome {
        tree: sandbox.tree(),
        stdout: normalise_errors(&stdout),
        stderr: normalise_errors(&stderr),
        code: run.code,
    }
}

/// Runs the scenario under both tools and panics with a readable report when
/// they differ. Returns adr-tools' outcome for spot checks (the test
/// declares `needs: [AdrTools]`).
#[track_caller]
fn differential(lines: &[&str]) -> Outcome {
    let theirs_bin = adr_tools();
    let script = script_text(lines);
    let theirs = run_with(&theirs_bin, &script);
    let ours = run_with(&our_bin_dir(), &script);
    if let Some(report) = compare(&theirs, &ours) {
        panic!(
            "our adr differs from adr-tools in this scenario:\n{}\n{report}",
            numbered(&script)
        );
    }
    theirs
}

/// The script with line numbers, for reports.
pub fn numbered(script: &str) -> String {
    let mut out = String::new();
    for (i, line) in script.lines().enumerate() {
        let _ = writeln!(out, "{:>3} | {line}", i + 1);
    }
    out
}

/// Stands for one error message, whatever its wording.
pub const ERROR: &str = "<error>";

/// Error messages become [`ERROR`], so that they compare by presence: ours
/// (an `adr: error:` line and its indented continuation lines) and the
/// forms adr-tools prints (`ERROR: …`, `The … directory does not exist`,
/// `Not implemented: …`, bash's messages from its helper scripts).
pub fn normalise_errors(text: &str) -> String {
    let mut out = String::new();
    let mut in_error = false;
    for line in text.lines() {
        if in_error && line.starts_with("  ") {
            continue;
        }
        in_error = is_error(line);
        out.push_str(if in_error { ERROR } else { line });
        out.push('\n');
    }
    out
}

fn is_error(line: &str) -> bool {
    line.starts_with("adr: error:")
        || line.starts_with("ERROR: ")
        || line.starts_with("Not implemented: ")
        || (line.starts_with("The ") && line.ends_with(" directory does not exist"))
        || line.starts_with("/usr/libexec/adr-tools/")
}

/// `None` when the outcomes agree, else a report of every difference.
fn compare(theirs: &Outcome, ours: &Outcome) -> Option<String> {
    let mut report = compare_outcomes(
        (&theirs.stdout, theirs.code, &theirs.tree),
        (&ours.stdout, ours.code, &ours.tree),
    )
    .unwrap_or_default();
    if theirs.stderr != ours.stderr {
        let _ = writeln!(report, "=== stderr differs");
        report.push_str(&contents_report(
            theirs.stderr.as_bytes(),
            ours.stderr.as_bytes(),
        ));
    }
    (!report.is_empty()).then_some(report)
}

/// Compares (output, exit code, tree) of adr-tools and ours: `None` when
/// they agree, else a report of every difference.
pub fn compare_outcomes(theirs: (&str, i32, &Tree), ours: (&str, i32, &Tree)) -> Option<String> {
    let mut report = String::new();
    if theirs.1 != ours.1 {
        let _ = writeln!(
            report,
            "=== exit code: adr-tools {}, ours {}",
            theirs.1, ours.1
        );
    }
    if theirs.0 != ours.0 {
        let _ = writeln!(report, "=== output differs");
        report.push_str(&contents_report(theirs.0.as_bytes(), ours.0.as_bytes()));
    }
    let names: BTreeSet<&String> = theirs.2.keys().chain(ours.2.keys()).collect();
    for name in names {
        match (theirs.2.get(name), ours.2.get(name)) {
            (Some(t), Some(o)) if t != o => {
                let _ = writeln!(report, "=== file {name} differs");
                report.push_str(&contents_report(t, o));
            }
            (Some(t), None) => {
                let _ = writeln!(
                    report,
                    "=== file {name} only made by adr-tools:\n{}",
                    String::from_utf8_lossy(t)
                );
            }
            (None, Some(o)) => {
                let _ = writeln!(
                    report,
                    "=== file {name} only made by ours:\n{}",
                    String::from_utf8_lossy(o)
                );
            }
            _ => {}
        }
    }
    (!report.is_empty()).then_some(report)
}

/// Both contents in full, then a line diff (`-` adr-tools, `+` ours).
pub fn contents_report(theirs: &[u8], ours: &[u8]) -> String {
    let theirs = String::from_utf8_lossy(theirs);
    let ours = String::from_utf8_lossy(ours);
    let mut out = String::new();
    let _ = writeln!(out, "--- adr-tools:\n{theirs}");
    let _ = writeln!(out, "--- ours:\n{ours}");
    let diff = line_diff(&theirs, &ours);
    if diff.lines().any(|l| l.starts_with(['-', '+'])) {
        let _ = writeln!(out, "--- diff (- adr-tools, + ours):\n{diff}");
    } else {
        let _ = writeln!(
            out,
            "--- the lines agree; the bytes differ (line endings or final newline):\n\
             adr-tools: {theirs:?}\nours:      {ours:?}"
        );
    }
    out
}

/// A longest-common-subsequence line diff.
fn line_diff(theirs: &str, ours: &str) -> String {
    let a: Vec<&str> = theirs.lines().collect();
    let b: Vec<&str> = ours.lines().collect();
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, line_a) in a.iter().enumerate().rev() {
        for (j, line_b) in b.iter().enumerate().rev() {
            lcs[i][j] = if line_a == line_b {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            let _ = writeln!(out, "  {}", a[i]);
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            let _ = writeln!(out, "+ {}", b[j]);
            j += 1;
        } else {
            let _ = writeln!(out, "- {}", a[i]);
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// The scenarios of adr-tools' test suite
// ---------------------------------------------------------------------------

fn create_first_record() {
    let theirs = differential(&[
        "adr new The First Decision",
        "cat doc/adr/0001-the-first-decision.md",
    ]);
    assert!(
        theirs
            .file("doc/adr/0001-the-first-decision.md")
            .starts_with("# 1. The First Decision\n")
    );
}

fn create_multiple_records() {
    differential(&[
        "adr new First Decision",
        "adr new Second Decision",
        "adr new Third Decision",
        "ls doc/adr",
        "head -7 doc/adr/0002-second-decision.md",
        "head -7 doc/adr/0003-third-decision.md",
    ]);
}

fn init_default_directory() {
    let theirs = differential(&[
        "adr init",
        "ls doc/adr",
        "cat doc/adr/0001-record-architecture-decisions.md",
        "adr new Second Decision",
        "adr list",
    ]);
    assert!(
        theirs
            .tree
            .contains_key("doc/adr/0001-record-architecture-decisions.md")
    );
}

fn init_custom_directory() {
    let theirs = differential(&[
        "adr init doc/architecture/decisions",
        "cat .adr-dir",
        "ls doc/architecture/decisions",
        "adr new Second Decision",
        "adr list",
        "cat doc/architecture/decisions/0002-second-decision.md",
    ]);
    assert_eq!(theirs.file(".adr-dir"), "doc/architecture/decisions\n");
}

fn init_directory_with_spaces() {
    differential(&[
        r#"adr init "test doc/adr""#,
        "cat .adr-dir",
        r#"ls "test doc/adr""#,
        "adr new Second Decision",
        "adr list",
    ]);
}

fn supersede_existing_adr() {
    differential(&[
        "adr new First Record",
        "adr new -s 1 Second Record",
        "head -10 doc/adr/0001-first-record.md",
        "head -12 doc/adr/0002-second-record.md",
    ]);
}

fn supersede_existing_adr_after_init() {
    let theirs = differential(&[
        "adr init",
        "adr new First Record",
        "adr new -s 2 Second Record",
        "cat doc/adr/0002-first-record.md",
        "cat doc/adr/0003-second-record.md",
    ]);
    assert!(
        theirs
            .file("doc/adr/0002-first-record.md")
            .contains("Superseded by")
    );
}

fn supersede_multiple_adrs() {
    differential(&[
        "adr init",
        "adr new First Record",
        "adr new Second Record",
        "adr new Third Record",
        "adr new -s 3 -s 4 Fourth Record",
        "cat doc/adr/0003-second-record.md",
        "cat doc/adr/0004-third-record.md",
        "cat doc/adr/0005-fourth-record.md",
    ]);
}

fn linking_existing_records() {
    differential(&[
        "adr new First Record",
        "adr new Second Record",
        "adr new Third Record",
        r#"adr link 3 Amends 1 "Amended by""#,
        r#"adr link 3 Clarifies 2 "Clarified by""#,
        "head -12 doc/adr/0001-first-record.md",
        "head -12 doc/adr/0002-second-record.md",
        "head -14 doc/adr/0003-third-record.md",
    ]);
}

fn linking_first_to_third() {
    differential(&[
        "adr new First Record",
        "adr new Second Record",
        "adr new Third Record",
        r#"adr link 1 Clarifies 3 "Clarified by""#,
        "cat doc/adr/0001-first-record.md",
        "cat doc/adr/0003-third-record.md",
    ]);
}

fn linking_new_records() {
    differential(&[
        "adr new First Record",
        "adr new Second Record",
        r#"adr new -l "1:Amends:Amended by" -l "2:Clarifies:Clarified by" Third Record"#,
        "head -12 doc/adr/0001-first-record.md",
        "head -12 doc/adr/0002-second-record.md",
        "head -14 doc/adr/0003-third-record.md",
    ]);
}

fn supersede_and_link_together() {
    differential(&[
        "adr new First Record",
        "adr new Second Record",
        "adr new Third Record",
        r#"adr new -s 1 -l "2:Amends:Amended by" -l "3:Clarifies:Clarified by" Fourth Record"#,
        "cat doc/adr/0001-first-record.md",
        "cat doc/adr/0002-second-record.md",
        "cat doc/adr/0003-third-record.md",
        "cat doc/adr/0004-fourth-record.md",
    ]);
}

fn alternative_adr_directory() {
    let theirs = differential(&[
        "echo alternative-dir > .adr-dir",
        "adr new Example ADR",
        "adr new Another ADR",
        "ls -R .",
        "adr list",
    ]);
    assert!(
        theirs
            .tree
            .contains_key("alternative-dir/0001-example-adr.md")
    );
}

fn search_for_adr_dir_from_subdirectory() {
    differential(&[
        "adr new First Record",
        "mkdir subdir",
        "cd subdir",
        "adr new Second Record",
        "adr list",
        "cd ..",
        "adr list",
    ]);
}

fn search_for_custom_adr_dir_from_subdirectory() {
    differential(&[
        "adr init architecture-log",
        "adr new First Record",
        "mkdir subdir",
        "cd subdir",
        "adr new Second Record",
        "adr list",
        "cd ..",
        "adr list",
    ]);
}

fn project_specific_template() {
    let theirs = differential(&[
        "adr init adrs",
        "mkdir -p adrs/templates",
        "cat > adrs/templates/template.md <<EOF",
        "# TITLE",
        "",
        "Project specific template!",
        "",
        "# Status",
        "",
        "STATUS",
        "",
        "# Info",
        "",
        "ADR Number: NUMBER",
        "",
        "Date: DATE",
        "",
        "EOF",
        "adr new Aaa Bbb",
        "adr new Ccc Ddd",
        "cat adrs/0002-aaa-bbb.md",
        "cat adrs/0003-ccc-ddd.md",
    ]);
    assert!(
        theirs
            .file("adrs/0002-aaa-bbb.md")
            .contains("Project specific template!")
    );
}

fn template_from_adr_template_variable() {
    let theirs = differential(&[
        "cat > my-template.md <<EOF",
        "# NUMBER. TITLE",
        "",
        "Written on DATE.",
        "",
        "## Status",
        "",
        "STATUS",
        "",
        "## Notes",
        "",
        "From ADR_TEMPLATE.",
        "EOF",
        "ADR_TEMPLATE=my-template.md adr new First Record",
        "export ADR_TEMPLATE=my-template.md",
        "adr new Second Record",
        "cat doc/adr/0001-first-record.md",
        "cat doc/adr/0002-second-record.md",
    ]);
    assert!(
        theirs
            .file("doc/adr/0001-first-record.md")
            .contains("From ADR_TEMPLATE.")
    );
}

fn funny_characters() {
    differential(&[
        "adr new Something About Node.JS",
        "adr new Slash/Slash/Slash/",
        r#"adr new -- "-Bar-""#,
        "ls doc/adr",
        "cat doc/adr/0001-something-about-node-js.md",
        "cat doc/adr/0002-slash-slash-slash.md",
        "cat doc/adr/0003-bar.md",
    ]);
}

fn avoid_octal_numbers() {
    let theirs = differential(&[
        "adr new First Decision",
        "adr new Second Decision",
        "adr new Third Decision",
        "adr new Fourth Decision",
        "adr new Fifth Decision",
        "adr new Sixth Decision",
        "adr new Seventh Decision",
        "adr new Eighth Decision",
        "adr new Ninth Decision",
        "adr new Tenth Decision",
        "adr new Eleventh Decision",
        "ls doc/adr",
        "head -7 doc/adr/0008-eighth-decision.md",
        "head -7 doc/adr/0009-ninth-decision.md",
        "head -7 doc/adr/0010-tenth-decision.md",
        "head -7 doc/adr/0011-eleventh-decision.md",
        "adr list",
    ]);
    assert!(
        theirs
            .tree
            .contains_key("doc/adr/0011-eleventh-decision.md")
    );
}

fn generate_toc() {
    differential(&[
        "adr new First Decision",
        "adr new Second Decision",
        "adr new Third Decision",
        "adr generate toc",
    ]);
}

fn generate_toc_with_intro_and_outro() {
    differential(&[
        "adr new First Decision",
        "adr new Second Decision",
        "adr new Third Decision",
        "cat > intro.md <<EOF",
        "An intro.",
        "",
        "Multiple paragraphs.",
        "EOF",
        "cat > outro.md <<EOF",
        "An outro.",
        "EOF",
        "adr generate toc -i intro.md -o outro.md",
    ]);
}

fn generate_toc_with_prefix() {
    differential(&[
        "adr new First Decision",
        "adr new Second Decision",
        "adr new Third Decision",
        "adr generate toc -p foo/doc/adr/",
    ]);
}

fn generate_graph() {
    let theirs = differential(&[
        "adr init",
        "adr new An idea that seems good at the time",
        "adr new -s 2 A better idea",
        "adr new This will work",
        "adr new -s 3 The end",
        "adr generate graph",
    ]);
    assert!(
        theirs
            .stdout
            .starts_with("doc/adr/0001-record-architecture-decisions.md\n")
    );
    assert!(theirs.stdout.contains("digraph {"));
}

fn generate_graph_with_prefix_and_extension() {
    let theirs = differential(&[
        "adr init",
        "adr new An idea that seems good at the time",
        "adr new -s 2 A better idea",
        "adr new This will work",
        "adr new -s 3 The end",
        "adr generate graph -p http://example.com/ -e .xxx",
    ]);
    assert!(
        theirs
            .stdout
            .contains("http://example.com/0001-record-architecture-decisions.xxx")
    );
}

fn list_records() {
    differential(&[
        "adr new first",
        "adr list",
        "adr new second",
        "adr list",
        "adr new third",
        "adr list",
    ]);
}

/// Writes the editor scripts into `$HOME/bin` (outside the compared tree).
/// No spaces in the commands: adr-tools runs `"$VISUAL"` as one word.
const EDITORS: &[&str] = &[
    r#"mkdir -p "$HOME/bin""#,
    r#"printf '#!/bin/sh\necho VISUAL "$@"\n' > "$HOME/bin/visual""#,
    r#"printf '#!/bin/sh\necho EDITOR "$@"\n' > "$HOME/bin/editor""#,
    r#"printf '#!/bin/sh\necho "Edited by the editor." >> "$1"\n' > "$HOME/bin/append""#,
    r#"chmod +x "$HOME/bin/visual" "$HOME/bin/editor" "$HOME/bin/append""#,
];

fn edit_adr_on_creation_with_editor() {
    let mut lines = EDITORS.to_vec();
    lines.extend([
        r#"EDITOR="$HOME/bin/editor" VISUAL= adr new created with EDITOR environment variable set"#,
        r#"export EDITOR="$HOME/bin/editor""#,
        "adr new created with exported EDITOR",
    ]);
    let theirs = differential(&lines);
    assert!(
        theirs
            .stdout
            .starts_with("EDITOR doc/adr/0001-created-with-editor-environment-variable-set.md\n")
    );
}

fn edit_adr_on_creation_with_visual() {
    let mut lines = EDITORS.to_vec();
    lines.extend([
        r#"EDITOR= VISUAL="$HOME/bin/visual" adr new created with VISUAL environment variable set"#,
        r#"EDITOR="$HOME/bin/editor" VISUAL="$HOME/bin/visual" adr new uses setting of VISUAL if both VISUAL and EDITOR are set"#,
    ]);
    let theirs = differential(&lines);
    assert!(
        theirs
            .stdout
            .contains("VISUAL doc/adr/0002-uses-setting-of-visual")
    );
}

fn editor_changes_are_kept() {
    let mut lines = EDITORS.to_vec();
    lines.extend([
        r#"VISUAL="$HOME/bin/append" adr new Edited Record"#,
        r#"VISUAL="$HOME/bin/append" adr new -s 1 -l "1:Amends:Amended by" Second Edited Record"#,
        "cat doc/adr/0001-edited-record.md",
        "cat doc/adr/0002-second-edited-record.md",
    ]);
    let theirs = differential(&lines);
    assert!(
        theirs
            .file("doc/adr/0001-edited-record.md")
            .ends_with("Edited by the editor.\n")
    );
}

// ---------------------------------------------------------------------------
// adr-tools bugs we fix: our documented behaviour, not compared
// ---------------------------------------------------------------------------

/// Runs a script with our `adr` first on PATH.
fn ours(sandbox: &Sandbox, lines: &[&str]) -> Run {
    sandbox.script(&our_bin_dir(), &script_text(lines))
}

/// Files of the sandbox tree under `prefix`, by name.
fn files_under(sandbox: &Sandbox, prefix: &str) -> Vec<String> {
    sandbox
        .tree()
        .into_keys()
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Asserts the command failed, said something naming `needle` on stderr,
/// printed nothing on stdout and left the tree as it was.
#[track_caller]
fn assert_refused(sandbox: &Sandbox, args: &[&str], needle: &str) {
    let before = sandbox.tree();
    let run = sandbox.adr(args);
    let stderr = run.fails();
    assert!(
        stderr.contains(needle),
        "`adr {}`: stderr should name `{needle}`:\n{stderr}",
        args.join(" ")
    );
    assert_eq!(run.stdout, "", "`adr {}` printed on stdout", args.join(" "));
    let after = sandbox.tree();
    assert!(
        before == after,
        "`adr {}` changed files: before {:?}, after {:?}",
        args.join(" "),
        before.keys(),
        after.keys()
    );
}

fn bug_reference_is_an_exact_number() {
    let sandbox = Sandbox::new();
    ours(
        &sandbox,
        &[
            "adr new Use S3",
            "adr new Use Postgres",
            "adr new Use Redis",
        ],
    )
    .ok();
    assert!(sandbox.exists("doc/adr/0001-use-s3.md"));
    let first = sandbox.read("doc/adr/0001-use-s3.md");

    let out = sandbox.adr(&["new", "-s", "3", "X"]);
    assert_eq!(out.ok(), "doc/adr/0004-x.md\n");
    assert_eq!(
        sandbox.read("doc/adr/0001-use-s3.md"),
        first,
        "ADR 1 (0001-use-s3.md) must not be touched by -s 3"
    );
    let third = sandbox.read("doc/adr/0003-use-redis.md");
    assert!(
        third.contains("Superseded by [4. X](0004-x.md)"),
        "ADR 3 is superseded:\n{third}"
    );
    assert!(
        !third.contains("Accepted"),
        "ADR 3 is no longer Accepted:\n{third}"
    );
    let new = sandbox.read("doc/adr/0004-x.md");
    assert!(
        new.contains("Supersedes [3. Use Redis](0003-use-redis.md)"),
        "ADR 4 supersedes ADR 3:\n{new}"
    );

    let out = sandbox.adr(&["link", "4", "Amends", "1", "Amended by"]);
    out.ok();
    assert!(
        sandbox
            .read("doc/adr/0001-use-s3.md")
            .contains("Amended by [4. X](0004-x.md)")
    );
    assert!(
        !sandbox
            .read("doc/adr/0003-use-redis.md")
            .contains("Amended by")
    );
}

fn bug_unknown_reference_fails_and_changes_nothing() {
    let sandbox = Sandbox::new();
    ours(&sandbox, &["adr new First Record", "adr new Second Record"]).ok();
    assert_refused(&sandbox, &["new", "-s", "42", "X"], "42");
    assert_refused(&sandbox, &["new", "-l", "42:Amends:Amended by", "X"], "42");
    assert_refused(&sandbox, &["link", "1", "Amends", "42", "Amended by"], "42");
    assert_refused(&sandbox, &["link", "42", "Amends", "1", "Amended by"], "42");
    assert_eq!(
        files_under(&sandbox, "doc/adr/"),
        [
            "doc/adr/0001-first-record.md",
            "doc/adr/0002-second-record.md"
        ]
    );
}

/// A record whose `## Status` section is the last one of the file.
fn status_last(number: u32, title: &str) -> String {
    format!(
        "# {number}. {title}\n\nDate: 1992-01-12\n\n## Context\n\nSomething.\n\n## Status\n\nAccepted\n"
    )
}

fn bug_links_are_added_when_status_is_the_last_section() {
    let sandbox = Sandbox::new();
    sandbox.write("doc/adr/0001-alpha.md", &status_last(1, "Alpha"));
    sandbox.write("doc/adr/0002-beta.md", &status_last(2, "Beta"));
    sandbox.write("doc/adr/0003-gamma.md", &status_last(3, "Gamma"));

    sandbox
        .adr(&["link", "2", "Amends", "1", "Amended by"])
        .ok();
    let alpha = sandbox.read("doc/adr/0001-alpha.md");
    let beta = sandbox.read("doc/adr/0002-beta.md");
    assert!(
        alpha.contains("Amended by [2. Beta](0002-beta.md)"),
        "{alpha}"
    );
    assert!(beta.contains("Amends [1. Alpha](0001-alpha.md)"), "{beta}");

    sandbox
        .adr(&["new", "-s", "3", "-l", "1:Clarifies:Clarified by", "Delta"])
        .ok();
    let gamma = sandbox.read("doc/adr/0003-gamma.md");
    let alpha = sandbox.read("doc/adr/0001-alpha.md");
    assert!(
        gamma.contains("Superseded by [4. Delta](0004-delta.md)"),
        "{gamma}"
    );
    assert!(
        alpha.contains("Clarified by [4. Delta](0004-delta.md)"),
        "{alpha}"
    );
    let delta = sandbox.read("doc/adr/0004-delta.md");
    assert!(
        delta.contains("Supersedes [3. Gamma](0003-gamma.md)"),
        "{delta}"
    );
    assert!(
        delta.contains("Clarifies [1. Alpha](0001-alpha.md)"),
        "{delta}"
    );
}

fn bug_special_characters_in_title_are_kept() {
    let sandbox = Sandbox::new();
    let title = r"R&D | A\B on DATE with STATUS";
    let out = sandbox.adr(&["new", title]);
    let path = out.ok().trim_end().to_string();
    assert!(path.starts_with("doc/adr/0001-"), "{path}");
    let text = sandbox.read(&path);
    assert!(
        text.starts_with(&format!("# 1. {title}\n")),
        "the H1 keeps the title literally:\n{text}"
    );
    assert!(text.contains("Date: 1992-01-12"), "{text}");
    assert!(text.contains("\nAccepted\n"), "{text}");
}

fn bug_double_quotes_are_escaped_in_graph() {
    let sandbox = Sandbox::new();
    sandbox.adr(&["new", r#"Say "hello""#]).ok();
    let graph = sandbox.adr(&["generate", "graph"]);
    let graph = graph.ok();
    assert!(
        graph.contains(r#"label="1. Say \"hello\"""#),
        "quotes escaped in the label:\n{graph}"
    );
}

fn bug_no_adr_folder_is_an_error() {
    let sandbox = Sandbox::new();
    for args in [
        &["list"][..],
        &["generate", "toc"],
        &["generate", "graph"],
        &["link", "1", "A", "2", "B"],
    ] {
        let run = sandbox.adr(args);
        let stderr = run.fails();
        assert!(
            stderr.contains("doc/adr") || stderr.to_lowercase().contains("adr folder"),
            "`adr {}`: stderr should say the ADR folder is missing:\n{stderr}",
            args.join(" ")
        );
        assert_eq!(run.stdout, "", "`adr {}` printed on stdout", args.join(" "));
        assert!(
            sandbox.tree().is_empty(),
            "`adr {}` created files",
            args.join(" ")
        );
    }
}

fn bug_second_init_refuses() {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    assert_refused(&sandbox, &["init"], "doc/adr");
    sandbox.adr(&["new", "Second"]).ok();
    assert_refused(&sandbox, &["init"], "doc/adr");

    let custom = Sandbox::new();
    custom.adr(&["init", "docs/decisions"]).ok();
    assert_refused(&custom, &["init", "docs/decisions"], "docs/decisions");
    assert_eq!(custom.read(".adr-dir"), "docs/decisions\n");
}

fn bug_non_ascii_titles_are_transliterated() {
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.adr(&["new", "Café"]).ok(), "doc/adr/0001-cafe.md\n");
    assert!(
        sandbox
            .read("doc/adr/0001-cafe.md")
            .starts_with("# 1. Café\n")
    );

    let out = sandbox.adr(&["new", "数据库选择"]);
    let path = out.ok().trim_end().to_string();
    let slug = path
        .strip_prefix("doc/adr/0002-")
        .and_then(|rest| rest.strip_suffix(".md"))
        .unwrap_or_else(|| panic!("unexpected path {path}"));
    assert!(
        !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "the slug is non-empty ASCII: {slug:?}"
    );
    assert!(sandbox.read(&path).starts_with("# 2. 数据库选择\n"));
}

fn bug_punctuation_only_title_fails() {
    let sandbox = Sandbox::new();
    let run = sandbox.adr(&["new", "!!! ???"]);
    let stderr = run.fails();
    assert!(!stderr.trim().is_empty(), "stderr explains the failure");
    assert!(
        sandbox.tree().is_empty(),
        "no file is created: {:?}",
        sandbox.tree().keys()
    );

    let run = sandbox.adr(&["new"]);
    run.fails();
    assert!(
        sandbox.tree().is_empty(),
        "no file is created: {:?}",
        sandbox.tree().keys()
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(create_first_record, needs: [AdrTools]),
        test!(create_multiple_records, needs: [AdrTools]),
        test!(init_default_directory, needs: [AdrTools]),
        test!(init_custom_directory, needs: [AdrTools]),
        test!(init_directory_with_spaces, needs: [AdrTools]),
        test!(supersede_existing_adr, needs: [AdrTools]),
        test!(supersede_existing_adr_after_init, needs: [AdrTools]),
        test!(supersede_multiple_adrs, needs: [AdrTools]),
        test!(linking_existing_records, needs: [AdrTools]),
        test!(linking_first_to_third, needs: [AdrTools]),
        test!(linking_new_records, needs: [AdrTools]),
        test!(supersede_and_link_together, needs: [AdrTools]),
        test!(alternative_adr_directory, needs: [AdrTools]),
        test!(search_for_adr_dir_from_subdirectory, needs: [AdrTools]),
        test!(search_for_custom_adr_dir_from_subdirectory, needs: [AdrTools]),
        test!(project_specific_template, needs: [AdrTools]),
        test!(template_from_adr_template_variable, needs: [AdrTools]),
        test!(funny_characters, needs: [AdrTools]),
        test!(avoid_octal_numbers, needs: [AdrTools]),
        test!(generate_toc, needs: [AdrTools]),
        test!(generate_toc_with_intro_and_outro, needs: [AdrTools]),
        test!(generate_toc_with_prefix, needs: [AdrTools]),
        test!(generate_graph, needs: [AdrTools]),
        test!(generate_graph_with_prefix_and_extension, needs: [AdrTools]),
        test!(list_records, needs: [AdrTools]),
        test!(edit_adr_on_creation_with_editor, needs: [AdrTools]),
        test!(edit_adr_on_creation_with_visual, needs: [AdrTools]),
        test!(editor_changes_are_kept, needs: [AdrTools]),
        test!(bug_reference_is_an_exact_number),
        test!(bug_unknown_reference_fails_and_changes_nothing),
        test!(bug_links_are_added_when_status_is_the_last_section),
        test!(bug_special_characters_in_title_are_kept),
        test!(bug_double_quotes_are_escaped_in_graph),
        test!(bug_no_adr_folder_is_an_error),
        test!(bug_second_init_refuses),
        test!(bug_non_ascii_titles_are_transliterated),
        test!(bug_punctuation_only_title_fails),
    ]
}
