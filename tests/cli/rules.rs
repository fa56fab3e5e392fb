//! Every rule of `adr check` against a tiny log made of exactly the case
//! its description (`adr check --rules`) names: the rule must fire, on
//! that record, at its default severity, and the exit code must follow.
//! A rule without a fixture here fails the test.

use crate::support::Sandbox;

fn nygard(number: u32, title: &str, status: &str, extra: &str) -> String {
    format!(
        "# {number}. {title}\n\nDate: 2024-01-01\n\n## Status\n\n{status}\n\n{extra}## Context\n\nWhy.\n"
    )
}

/// One rule's case: the files of the log, and the record the rule must
/// report.
struct Case {
    rule: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    reported: &'static str,
    /// `.adr.toml`, for rules that are off by default.
    config: Option<&'static str>,
    /// For rules that read git history: the files are committed first,
    /// then this text is appended to the named one in the working tree.
    after_commit: Option<(&'static str, &'static str)>,
}

fn case(rule: &'static str, reported: &'static str, files: &[(&'static str, String)]) -> Case {
    Case {
        rule,
        files: files
            .iter()
            .map(|(name, text)| (*name, text.clone().into_bytes()))
            .collect(),
        reported,
        config: None,
        after_commit: None,
    }
}

fn cases() -> Vec<Case> {
    let clean = |n: u32| nygard(n, "Clean", "Accepted", "");
    vec![
        Case {
            rule: "unreadable",
            files: vec![(
                "0001-latin-1.md",
                b"# 1. Caf\xe9\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n".to_vec(),
            )],
            reported: "0001-latin-1.md",
            config: None,
            after_commit: None,
        },
        case(
            "front-matter",
            "0001-broken.md",
            &[(
                "0001-broken.md",
                "---\nstatus: {accepted\n---\n\n# Broken\n".into(),
            )],
        ),
        case(
            "broken-link",
            "0001-links.md",
            &[(
                "0001-links.md",
                nygard(1, "Links", "Accepted", "Amends [9. Gone](0009-gone.md)\n\n"),
            )],
        ),
        case(
            "unknown-record",
            "0001-links.md",
            &[(
                "0001-links.md",
                nygard(1, "Links", "Accepted", "")
                    + "\n## Related ADRs\n\n- ADR-0042 of the platform team's log\n",
            )],
        ),
        case(
            "one-sided-relation",
            "0001-clean.md",
            &[
                ("0001-clean.md", clean(1)),
                (
                    "0002-amends.md",
                    nygard(2, "Amends", "Accepted", "Amends [1. Clean](0001-clean.md)\n\n"),
                ),
            ],
        ),
        // The case the description names, stated by the newer record only
        // (the way `adr new -s` is often imitated by hand): the old one
        // still says Accepted.
        case(
            "superseded-but-active",
            "0001-old.md",
            &[
                ("0001-old.md", nygard(1, "Old", "Accepted", "")),
                (
                    "0002-new.md",
                    nygard(2, "New", "Accepted", "Supersedes [1. Old](0001-old.md)\n\n"),
                ),
            ],
        ),
        case(
            "superseded-without-successor",
            "0001-alone.md",
            &[("0001-alone.md", nygard(1, "Alone", "Superseded", ""))],
        ),
        case(
            "supersede-cycle",
            "0001-a.md",
            &[
                (
                    "0001-a.md",
                    nygard(
                        1,
                        "A",
                        "Superseded by [2. B](0002-b.md)",
                        "Supersedes [2. B](0002-b.md)\n\n",
                    ),
                ),
                (
                    "0002-b.md",
                    nygard(
                        2,
                        "B",
                        "Superseded by [1. A](0001-a.md)",
                        "Supersedes [1. A](0001-a.md)\n\n",
                    ),
                ),
            ],
        ),
        case(
            "duplicate-number",
            "0001-one.md",
            &[
                ("0001-one.md", nygard(1, "One", "Accepted", "")),
                ("0001-other.md", nygard(1, "Other", "Accepted", "")),
            ],
        ),
        Case {
            config: Some("[check.rules]\ncites-retired = \"warning\"\n"),
            ..case(
                "cites-retired",
                "notes.md",
                &[
                    ("0001-old.md", nygard(1, "Old", "Deprecated", "")),
                    ("../../docs/notes.md", "We follow ADR-1.\n".into()),
                ],
            )
        },
        Case {
            config: Some("[check.rules]\nedited-after-acceptance = \"warning\"\n"),
            after_commit: Some(("0001-kept.md", "\nRewritten after the fact.\n")),
            ..case(
                "edited-after-acceptance",
                "0001-kept.md",
                &[("0001-kept.md", nygard(1, "Kept", "Accepted", ""))],
            )
        },
        Case {
            config: Some("[check.rules]\nnumber-gap = \"warning\"\n"),
            ..case(
                "number-gap",
                "0003-three.md",
                &[
                    ("0001-one.md", nygard(1, "One", "Accepted", "")),
                    ("0003-three.md", nygard(3, "Three", "Accepted", "")),
                ],
            )
        },
        case(
            "heading-number",
            "0001-one.md",
            &[("0001-one.md", nygard(2, "One", "Accepted", ""))],
        ),
        case(
            "missing-status",
            "0001-quiet.md",
            &[(
                "0001-quiet.md",
                "# 1. Quiet\n\nDate: 2024-01-01\n\n## Context\n\nWhy.\n".into(),
            )],
        ),
        case(
            "unknown-status",
            "0001-parked.md",
            &[("0001-parked.md", nygard(1, "Parked", "Parked", ""))],
        ),
        case(
            "missing-date",
            "0001-undated.md",
            &[(
                "0001-undated.md",
                "# 1. Undated\n\n## Status\n\nAccepted\n".into(),
            )],
        ),
        case(
            "bad-date",
            "0001-vague.md",
            &[(
                "0001-vague.md",
                "# 1. Vague\n\nDate: some day in May\n\n## Status\n\nAccepted\n".into(),
            )],
        ),
        case(
            "template-text",
            "0001-draft.md",
            &[(
                "0001-draft.md",
                nygard(1, "Draft", "Accepted", "")
                    .replace("Why.", "The issue motivating this decision, and any context that influences or constrains the decision."),
            )],
        ),
        case(
            "file-name",
            "Odd_One_Out.md",
            &[
                ("0001-one.md", clean(1)),
                ("0002-two.md", clean(2)),
                ("0003-three.md", clean(3)),
                ("Odd_One_Out.md", "# Odd one out\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n".into()),
            ],
        ),
    ]
}

/// `(rule, severity, file name)` of each finding of `adr check`.
fn findings(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let (location, rest) = line.split_once(": ")?;
            let file = location.split(':').next()?.rsplit('/').next()?.to_string();
            let (severity, rest) = rest.split_once('[')?;
            let rule = rest.split(']').next()?.to_string();
            Some((rule, severity.to_string(), file))
        })
        .collect()
}

/// `(id, default severity, description)` from `adr check --rules`.
fn rules() -> Vec<(String, String, String)> {
    let run = Sandbox::new().adr(&["check", "--rules"]);
    run.ok()
        .lines()
        .map(|line| {
            let mut words = line.split_whitespace();
            let id = words.next().unwrap_or_default().to_string();
            let level = words.next().unwrap_or_default().to_string();
            (id, level, words.collect::<Vec<_>>().join(" "))
        })
        .collect()
}

fn every_rule_fires_on_the_case_it_describes() {
    let rules = rules();
    let cases = cases();
    assert!(rules.len() >= 16, "{rules:?}");
    let mut failures = Vec::new();
    for (id, level, description) in &rules {
        let Some(case) = cases.iter().find(|c| c.rule == id) else {
            failures.push(format!("{id}: no fixture for \"{description}\""));
            continue;
        };
        let sandbox = Sandbox::new();
        for (name, bytes) in &case.files {
            sandbox.write_bytes(&format!("doc/adr/{name}"), bytes);
        }
        if let Some(config) = case.config {
            sandbox.write(".adr.toml", config);
        }
        if let Some((name, appended)) = case.after_commit {
            for args in [
                &["init", "-q", "-b", "main"][..],
                &["add", "-A"],
                &["commit", "-q", "-m", "accepted"],
            ] {
                let git = sandbox.run_program(std::path::Path::new("git"), args);
                assert_eq!(git.code, 0, "git {args:?}: {}", git.stderr);
            }
            let path = format!("doc/adr/{name}");
            let text = sandbox.read(&path);
            sandbox.write(&path, &format!("{text}{appended}"));
        }
        let run = sandbox.adr(&["check"]);
        let found = findings(&run.stdout);
        let severity = if level == "off" { "warning" } else { level };
        let fired = found
            .iter()
            .any(|(r, s, f)| r == id && s == severity && f == case.reported);
        if !fired {
            failures.push(format!(
                "{id} (\"{description}\") did not fire as {severity} on {}: {found:?}\n{}",
                case.reported, run.stderr
            ));
        }
        let errors = found.iter().any(|(_, s, _)| s == "error");
        if run.code != i32::from(errors) {
            failures.push(format!("{id}: exit code {} with {found:?}", run.code));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn a_one_sided_supersession_of_an_accepted_record_is_an_error_and_fixed_once() {
    let sandbox = Sandbox::new();
    sandbox.write("doc/adr/0001-old.md", &nygard(1, "Old", "Accepted", ""));
    sandbox.write(
        "doc/adr/0002-new.md",
        &nygard(2, "New", "Accepted", "Supersedes [1. Old](0001-old.md)\n\n"),
    );
    let run = sandbox.adr(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[superseded-but-active]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("warning[one-sided-relation]"),
        "{}",
        run.stdout
    );
    sandbox.adr(&["check", "--fix"]).ok();
    let old = sandbox.read("doc/adr/0001-old.md");
    assert_eq!(old.matches("Superseded by").count(), 1, "{old}");
    assert!(!old.contains("\nAccepted\n"), "{old}");
    sandbox.adr(&["check"]).ok();
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(every_rule_fires_on_the_case_it_describes),
        test!(a_one_sided_supersession_of_an_accepted_record_is_an_error_and_fixed_once),
    ]
}
