//! `adr check`: one seeded fault per rule gives exactly the expected
//! findings; `--fix` leaves only what cannot be fixed safely.

use crate::support::Sandbox;

fn nygard(number: u32, title: &str, status: &str, extra: &str) -> String {
    format!(
        "# {number}. {title}\n\nDate: 2024-01-01\n\n## Status\n\n{status}\n\n{extra}## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n"
    )
}

/// A log with one fault per rule (and a clean record first).
fn faulty() -> Sandbox {
    let s = Sandbox::new();
    let w = |name: &str, text: &str| {
        s.write(&format!("doc/adr/{name}"), text);
    };
    w("0001-clean.md", &nygard(1, "Clean", "Accepted", ""));
    w(
        "0002-broken-link.md",
        &nygard(
            2,
            "Broken link",
            "Accepted",
            "Amends [9. Gone](0099-gone-for-good.md)\n\nSee [the renamed one](0003-old-name.md).\n\n",
        ),
    );
    w("0003-new-name.md", &nygard(3, "New name", "Accepted", ""));
    w(
        "0004-one-sided-supersede.md",
        &nygard(
            4,
            "One-sided supersede",
            "Accepted",
            "Supersedes [3. New name](0003-new-name.md)\n\n",
        ),
    );
    w(
        "0005-one-sided-amend.md",
        &nygard(
            5,
            "One-sided amend",
            "Accepted",
            "Amends [1. Clean](0001-clean.md)\n\n",
        ),
    );
    w(
        "0006-superseded-but-active.md",
        "---\nstatus: accepted\ndate: 2024-01-01\n---\n\n# Superseded but active\n\n## Links\n\n- Superseded by [7. Successor](0007-successor.md)\n",
    );
    w(
        "0007-successor.md",
        &nygard(
            7,
            "Successor",
            "Accepted",
            "Supersedes [Superseded but active](0006-superseded-but-active.md)\n\n",
        ),
    );
    w(
        "0008-superseded-alone.md",
        &nygard(8, "Superseded alone", "Superseded", ""),
    );
    w(
        "0009-cycle-a.md",
        &nygard(
            9,
            "Cycle A",
            "Superseded by [10. Cycle B](0010-cycle-b.md)",
            "Supersedes [10. Cycle B](0010-cycle-b.md)\n\n",
        ),
    );
    w(
        "0010-cycle-b.md",
        &nygard(
            10,
            "Cycle B",
            "Superseded by [9. Cycle A](0009-cycle-a.md)",
            "Supersedes [9. Cycle A](0009-cycle-a.md)\n\n",
        ),
    );
    w(
        "0011-duplicate-a.md",
        &nygard(11, "Duplicate A", "Accepted", ""),
    );
    w(
        "0011-duplicate-b.md",
        &nygard(11, "Duplicate B", "Accepted", ""),
    );
    w(
        "0013-heading-number.md",
        &nygard(14, "Heading number", "Accepted", ""),
    );
    w(
        "0014-missing-status.md",
        "# 14. Missing status\n\nDate: 2024-01-01\n\n## Context\n\nWhy.\n",
    );
    w(
        "0015-unknown-status.md",
        &nygard(15, "Unknown status", "Parked", ""),
    );
    w(
        "0016-missing-date.md",
        "# 16. Missing date\n\n## Status\n\nAccepted\n",
    );
    w(
        "0017-bad-date.md",
        "# 17. Bad date\n\nDate: some day in May\n\n## Status\n\nAccepted\n",
    );
    w(
        "0018-front-matter.md",
        "---\nstatus: {accepted\n---\n\n# 18. Front matter\n\nDate: 2024-01-01\n",
    );
    w(
        "0019-template-text.md",
        "# 19. Template text\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nThe issue motivating this decision, and any context that influences or constrains the decision.\n",
    );
    s.write_bytes(
        "doc/adr/0020-unreadable.md",
        b"# 20. Caf\xe9\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n",
    );
    w(
        "Bad_File_Name.md",
        "# Bad file name\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n",
    );
    s
}

const EXPECTED: &str = "\
doc/adr/0001-clean.md:1:1: warning[one-sided-relation]: 0005-one-sided-amend.md says `amends` this record, which does not say `amended by` it (fixable)
doc/adr/0002-broken-link.md:9:1: error[broken-link]: link to `0099-gone-for-good.md` leads to no file
doc/adr/0002-broken-link.md:11:1: error[broken-link]: link to `0003-old-name.md` leads to no file; it means `0003-new-name.md` (fixable)
doc/adr/0003-new-name.md:1:1: warning[one-sided-relation]: 0004-one-sided-supersede.md supersedes this record, which does not say so (fixable)
doc/adr/0003-new-name.md:7:1: error[superseded-but-active]: superseded by 0004-one-sided-supersede.md, yet marked accepted (fixable)
doc/adr/0006-superseded-but-active.md:2:1: error[superseded-but-active]: superseded by 0007-successor.md, yet marked accepted (fixable)
doc/adr/0008-superseded-alone.md:7:1: error[superseded-without-successor]: marked superseded, but no record supersedes it
doc/adr/0009-cycle-a.md:1:1: error[supersede-cycle]: supersession cycle: 0009-cycle-a.md → 0010-cycle-b.md
doc/adr/0010-cycle-b.md:1:1: error[supersede-cycle]: supersession cycle: 0009-cycle-a.md → 0010-cycle-b.md
doc/adr/0011-duplicate-a.md:1:1: error[duplicate-number]: number 11 is also used by 0011-duplicate-b.md; give one a new number with `adr renumber`
doc/adr/0011-duplicate-b.md:1:1: error[duplicate-number]: number 11 is also used by 0011-duplicate-a.md; give one a new number with `adr renumber`
doc/adr/0013-heading-number.md:1:1: warning[heading-number]: the title says 14 but the file name says 13
doc/adr/0014-missing-status.md:1:1: warning[missing-status]: no status is stated
doc/adr/0015-unknown-status.md:7:1: warning[unknown-status]: unknown status `parked`; known: proposed, accepted, rejected, deprecated, superseded
doc/adr/0016-missing-date.md:1:1: warning[missing-date]: no date is stated
doc/adr/0017-bad-date.md:3:1: warning[bad-date]: cannot read the date `some day in May`
doc/adr/0018-front-matter.md:2:9: error[front-matter]: invalid YAML front matter: FRONT_MATTER_MESSAGE
doc/adr/0019-template-text.md:11:1: warning[template-text]: template text left in: \"The issue motivating this decision, and any con…\"
doc/adr/0020-unreadable.md:1:1: error[unreadable]: not valid UTF-8; invalid bytes shown as \u{fffd}
doc/adr/Bad_File_Name.md:1:1: warning[file-name]: the name is a slug without a number, where this folder names files NNNN-lower-case-slug
";

/// The YAML parser's own words vary between versions; the rest must not.
fn normalise_yaml_message(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("invalid YAML front matter: ") {
            Some(at) => format!(
                "{}invalid YAML front matter: FRONT_MATTER_MESSAGE",
                &l[..at]
            ),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn one_fault_per_rule() {
    let sandbox = faulty();
    let run = sandbox.adr(&["check"]);
    assert_eq!(run.code, 1, "errors give exit 1: {}", run.stderr);
    assert_eq!(normalise_yaml_message(&run.stdout), EXPECTED);
    assert_eq!(
        run.stderr,
        "11 errors, 9 warnings (5 fixable with --fix) in 21 records\n"
    );
}

fn rules_are_configurable() {
    let sandbox = faulty();
    sandbox.write(
        ".adr.toml",
        "[status]\nallowed = [\"parked\"]\n\n[check.rules]\nnumber-gap = \"warning\"\nfile-name = \"off\"\nduplicate-number = \"warning\"\n",
    );
    let run = sandbox.adr(&["check"]);
    assert!(
        run.stdout
            .contains("warning[number-gap]: number 12 is missing before this record"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("[file-name]"));
    assert!(!run.stdout.contains("[unknown-status]"));
    assert!(run.stdout.contains("warning[duplicate-number]"));
    sandbox.write(".adr.toml", "[check.rules]\nno-such-rule = \"off\"\n");
    let run = sandbox.adr(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no-such-rule"), "{}", run.stderr);
}

fn fix_leaves_only_the_unfixable() {
    let sandbox = faulty();
    let before = sandbox.tree();
    let dry = sandbox.adr(&["check", "--fix", "--dry-run"]);
    assert_eq!(
        dry.stdout.matches("would fix ").count(),
        4,
        "{}",
        dry.stdout
    );
    assert_eq!(sandbox.tree(), before, "--dry-run writes nothing");

    let run = sandbox.adr(&["check", "--fix"]);
    let fixed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("fixed "))
        .collect();
    assert_eq!(fixed.len(), 4, "{}", run.stdout);
    assert!(run.stdout.contains("fixed doc/adr/0002-broken-link.md:11: [broken-link] link `0003-old-name.md` now reads `0003-new-name.md`"));
    assert!(
        sandbox
            .read("doc/adr/0001-clean.md")
            .contains("Amended by [5. One-sided amend](0005-one-sided-amend.md)")
    );
    assert!(
        sandbox
            .read("doc/adr/0003-new-name.md")
            .contains("Superseded by [4. One-sided supersede](0004-one-sided-supersede.md)")
    );
    assert!(
        sandbox
            .read("doc/adr/0006-superseded-but-active.md")
            .contains("status: \"superseded by [7. Successor](0007-successor.md)\"")
    );

    let after = sandbox.adr(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&after.stdout).expect("json");
    let findings = value["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| f["fixable"] == false),
        "{}",
        after.stdout
    );
    let mut rules: Vec<&str> = findings.iter().filter_map(|f| f["rule"].as_str()).collect();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "broken-link",
            "superseded-without-successor",
            "supersede-cycle",
            "duplicate-number",
            "heading-number",
            "missing-status",
            "unknown-status",
            "missing-date",
            "bad-date",
            "front-matter",
            "template-text",
            "unreadable",
            "file-name"
        ]
    );
}

fn clean_log_exits_zero_and_formats() {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.adr(&["new", "-s", "1", "Next"]).ok();
    let path = "doc/adr/0002-next.md";
    let text = sandbox.read(path);
    let end = text.find("## Context").expect("template");
    sandbox.write(
        path,
        &format!(
            "{}## Context\n\nWhy.\n\n## Decision\n\nWhat.\n",
            &text[..end]
        ),
    );
    let run = sandbox.adr(&["check"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(run.stderr, "0 errors, 0 warnings in 2 records\n");

    let sandbox = faulty();
    let sarif = sandbox.adr(&["check", "--format", "sarif"]);
    let value: serde_json::Value = serde_json::from_str(&sarif.stdout).expect("sarif json");
    assert_eq!(value["version"], "2.1.0");
    let run = &value["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "adr");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 20);
    let first = &results[0];
    assert_eq!(first["ruleId"], "one-sided-relation");
    assert_eq!(first["level"], "warning");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "doc/adr/0001-clean.md"
    );
    assert_eq!(sarif.code, 1);
}

fn cannot_run_exits_two() {
    let sandbox = Sandbox::new();
    let run = sandbox.adr(&["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no ADR folder found"), "{}", run.stderr);
}

fn every_corpus_folder_is_checked() {
    let corpus = crate::support::corpus();
    let sandbox = Sandbox::new();
    let mut total = 0;
    eprintln!(
        "{:<70} {:>6} {:>8} {:>8}",
        "folder", "exit", "errors", "warnings"
    );
    for entry in walk_folders(&corpus) {
        let shown = entry
            .strip_prefix(&corpus)
            .unwrap_or(&entry)
            .display()
            .to_string();
        let run = sandbox.adr(&[
            "--dir",
            &entry.display().to_string(),
            "check",
            "--format",
            "json",
        ]);
        assert!(
            run.code == 0 || run.code == 1,
            "{shown}: exit {} {}",
            run.code,
            run.stderr
        );
        let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
        eprintln!(
            "{shown:<70} {:>6} {:>8} {:>8}",
            run.code, value["errors"], value["warnings"]
        );
        total += 1;
    }
    assert!(total >= 20, "checked {total} folders");
}

/// Every folder of the corpus that holds Markdown files directly.
fn walk_folders(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut has_md = false;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("md"))
                && dir != root
            {
                has_md = true;
            }
        }
        if has_md {
            found.push(dir);
        }
    }
    found.sort();
    found
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(one_fault_per_rule),
        test!(rules_are_configurable),
        test!(fix_leaves_only_the_unfixable),
        test!(clean_log_exits_zero_and_formats),
        test!(cannot_run_exits_two),
        test!(every_corpus_folder_is_checked, needs: [Corpus]),
    ]
}
