//! Synthetic records for what the real-world corpus lacks: CRLF, BOM, CJK,
//! duplicate numbers, fenced look-alikes, status variants, TOML and broken
//! front matter, unreadable files and invalid UTF-8. Each runs the real
//! binary (`adr list --format json`, `adr show N --format json`) and checks
//! the JSON fields scripts rely on.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Run, Sandbox};

const DIR: &str = "doc/adr";

/// A sandbox with `doc/adr` holding `files` (name, bytes).
fn sandbox_with(files: &[(&str, &[u8])]) -> Sandbox {
    let sandbox = Sandbox::new();
    fs::create_dir_all(sandbox.root().join(DIR)).expect("mkdir");
    for (name, bytes) in files {
        sandbox.write_bytes(&format!("{DIR}/{name}"), bytes);
    }
    sandbox
}

/// `adr list --format json`: the records and the run.
#[track_caller]
fn list(sandbox: &Sandbox) -> (Vec<Value>, Run) {
    let run = sandbox.adr(&["list", "--format", "json"]);
    assert!(
        !run.stderr.contains("panicked"),
        "adr list panicked: {}",
        run.stderr
    );
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr));
    match value {
        Value::Array(items) => (items, run),
        other => panic!("not an array: {other}"),
    }
}

/// `adr show REF --format json`, which must succeed.
#[track_caller]
fn show(sandbox: &Sandbox, reference: &str) -> Value {
    let run = sandbox.adr(&["show", reference, "--format", "json"]);
    assert!(
        run.code == 0 || run.code == 1,
        "adr show {reference}: exit {}: {}",
        run.code,
        run.stderr
    );
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr))
}

/// The listed record whose path is `doc/adr/NAME`.
#[track_caller]
fn item<'a>(items: &'a [Value], name: &str) -> &'a Value {
    let path = format!("{DIR}/{name}");
    items
        .iter()
        .find(|i| i["path"] == path.as_str())
        .unwrap_or_else(|| panic!("{path} not listed in {items:#?}"))
}

/// `adr show` gives every field `adr list` gives, with the same values
/// (it may add more).
#[track_caller]
fn assert_show_agrees(shown: &Value, listed: &Value, label: &str) {
    let listed = listed.as_object().expect("a record object");
    for (key, value) in listed {
        assert_eq!(
            &shown[key], value,
            "{label}: `{key}` differs between show and list"
        );
    }
}

/// The metadata fields of a record, without the raw front matter (which
/// keeps the file's line endings byte for byte).
fn metadata(record: &Value) -> Value {
    let mut m = record.clone();
    if let Some(fm) = m.get_mut("front_matter").and_then(Value::as_object_mut) {
        fm.remove("raw");
    }
    m
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn bom(text: &str) -> String {
    format!("\u{feff}{text}")
}

/// The text written four ways: LF, CRLF, BOM + LF, BOM + CRLF.
fn variants(text: &str) -> [(&'static str, String); 4] {
    [
        ("LF", text.to_string()),
        ("CRLF", crlf(text)),
        ("BOM", bom(text)),
        ("BOM+CRLF", bom(&crlf(text))),
    ]
}

const FIRST: &str =
    "# 1. Record architecture decisions\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n";
const THIRD: &str = "# 3. Use SQLite\n\nDate: 2024-03-02\n\n## Status\n\nAccepted\n";

const ADR_TOOLS: &str = "# 2. Use PostgreSQL

Date: 2024-03-01

## Status

Superseded by [3. Use SQLite](0003-use-sqlite.md)

Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)

## Context

We need a database.

## Decision

PostgreSQL.
";

fn crlf_and_bom_adr_tools_record_reads_like_lf() {
    let mut lf = None;
    for (label, text) in variants(ADR_TOOLS) {
        let sandbox = sandbox_with(&[
            ("0001-record-architecture-decisions.md", FIRST.as_bytes()),
            ("0002-use-postgresql.md", text.as_bytes()),
            ("0003-use-sqlite.md", THIRD.as_bytes()),
        ]);
        let (items, run) = list(&sandbox);
        assert_eq!(run.code, 0, "{label}: {}", run.stderr);
        let record = item(&items, "0002-use-postgresql.md").clone();
        assert_eq!(record["number"], 2, "{label}");
        assert_eq!(record["title"], "Use PostgreSQL", "{label}");
        assert_eq!(record["heading"], "2. Use PostgreSQL", "{label}");
        assert_eq!(record["status"], "superseded", "{label}");
        assert_eq!(
            record["status_text"], "Superseded by [3. Use SQLite](0003-use-sqlite.md)",
            "{label}"
        );
        assert_eq!(record["date"], "2024-03-01", "{label}");
        assert_eq!(record["format"], "nygard", "{label}");
        assert_eq!(
            record["links"],
            json!([
                {
                    "kind": "Superseded by",
                    "raw": "0003-use-sqlite.md",
                    "target": "doc/adr/0003-use-sqlite.md",
                    "line": 7,
                    "source": "status"
                },
                {
                    "kind": "Amends",
                    "raw": "0001-record-architecture-decisions.md",
                    "target": "doc/adr/0001-record-architecture-decisions.md",
                    "line": 9,
                    "source": "status"
                }
            ]),
            "{label}"
        );
        assert_eq!(record["problems"], json!([]), "{label}");
        assert_show_agrees(&show(&sandbox, "2"), &record, label);
        match &lf {
            None => lf = Some(record),
            Some(lf) => assert_eq!(&record, lf, "{label} differs from LF"),
        }
    }
}

const MADR: &str = "---
status: accepted
date: 2024-03-01
decision-makers:
  - Alice
  - Bob
tags: [database, storage]
---

# Use PostgreSQL

## Context and Problem Statement

We need a database.

## Decision Outcome

Chosen option: PostgreSQL.
";

fn crlf_and_bom_madr_record_reads_like_lf() {
    let mut lf = None;
    for (label, text) in variants(MADR) {
        let sandbox = sandbox_with(&[("0004-use-postgresql.md", text.as_bytes())]);
        let (items, run) = list(&sandbox);
        assert_eq!(run.code, 0, "{label}: {}", run.stderr);
        let record = item(&items, "0004-use-postgresql.md").clone();
        assert_eq!(record["number"], 4, "{label}");
        assert_eq!(record["title"], "Use PostgreSQL", "{label}");
        assert_eq!(record["status"], "accepted", "{label}");
        assert_eq!(record["status_text"], "accepted", "{label}");
        assert_eq!(record["date"], "2024-03-01", "{label}");
        assert_eq!(record["deciders"], json!(["Alice", "Bob"]), "{label}");
        assert_eq!(record["tags"], json!(["database", "storage"]), "{label}");
        assert_eq!(record["format"], "madr", "{label}");
        assert_eq!(record["front_matter"]["kind"], "yaml", "{label}");
        // The front matter is kept as written, line endings included.
        let raw = record["front_matter"]["raw"].as_str().unwrap_or_default();
        let expected_raw = MADR
            .split("---\n")
            .nth(1)
            .expect("front matter")
            .to_string();
        let expected_raw = if label.contains("CRLF") {
            crlf(&expected_raw)
        } else {
            expected_raw
        };
        assert_eq!(raw, expected_raw, "{label}");
        assert_eq!(record["problems"], json!([]), "{label}");
        assert_show_agrees(&show(&sandbox, "4"), &record, label);
        let record = metadata(&record);
        match &lf {
            None => lf = Some(record),
            Some(lf) => assert_eq!(&record, lf, "{label} differs from LF"),
        }
    }
}

/// `%XX` for every byte outside unreserved ASCII, as editors write links.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn cjk_titles_and_file_names() {
    let first = "0001-选择数据库.md";
    let second = "0002-使用-postgresql.md";
    let third = "0003-迁移计划.md";
    let sandbox = sandbox_with(&[
        (
            first,
            "# 1. 选择数据库\n\nDate: 2024-01-02\n\n## Status\n\nSuperseded by [2. 使用 PostgreSQL](0002-使用-postgresql.md)\n\n## Context\n\n我们需要一个数据库。\n"
                .as_bytes(),
        ),
        (
            second,
            "# 2. 使用 PostgreSQL\n\nDate: 2024-01-03\n\n## Status\n\n已接受\n\nSupersedes [1. 选择数据库](0001-选择数据库.md)\n"
                .as_bytes(),
        ),
        (
            third,
            format!(
                "# 3. 迁移计划\n\nDate: 2024-01-04\n\n## Status\n\nAccepted\n\nAmends [1. 选择数据库]({})\n",
                percent_encode(first)
            )
            .as_bytes(),
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(items.len(), 3);

    let one = item(&items, first);
    assert_eq!(one["title"], "选择数据库");
    assert_eq!(one["number"], 1);
    assert_eq!(one["status"], "superseded");
    assert_eq!(one["date"], "2024-01-02");
    assert_eq!(one["links"][0]["raw"], second);
    assert_eq!(one["links"][0]["target"], format!("{DIR}/{second}"));

    let two = item(&items, second);
    assert_eq!(two["title"], "使用 PostgreSQL");
    assert_eq!(
        two["status"], "accepted",
        "a CJK status word reads as its status"
    );
    assert_eq!(two["status_text"], "已接受");
    assert_eq!(two["links"][0]["kind"], "Supersedes");
    assert_eq!(two["links"][0]["target"], format!("{DIR}/{first}"));

    // A percent-encoded link to a CJK file name resolves.
    let three = item(&items, third);
    assert_eq!(three["links"][0]["kind"], "Amends");
    assert_eq!(three["links"][0]["target"], format!("{DIR}/{first}"));

    assert_eq!(show(&sandbox, "1")["title"], "选择数据库");
    assert_eq!(show(&sandbox, first)["number"], 1);
    assert_eq!(show(&sandbox, "迁移计划")["number"], 3);

    let paths = sandbox.adr(&["list"]);
    assert_eq!(
        paths.ok(),
        format!("{DIR}/{first}\n{DIR}/{second}\n{DIR}/{third}\n")
    );
    let table = sandbox.adr(&["list", "--format", "table"]);
    assert!(table.ok().contains("使用 PostgreSQL"), "{}", table.stdout);

    // A new record with a CJK title gets an ASCII slug and keeps the title.
    let new = sandbox.adr(&["new", "--no-edit", "数据库", "备份"]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    let (items, _) = list(&sandbox);
    let four = items
        .iter()
        .find(|i| i["number"] == 4)
        .unwrap_or_else(|| panic!("no record 4: {items:#?}"));
    assert_eq!(four["title"], "数据库 备份");
    let path = four["path"].as_str().unwrap_or_default();
    let slug = path
        .strip_prefix("doc/adr/0004-")
        .and_then(|p| p.strip_suffix(".md"))
        .unwrap_or_else(|| panic!("unexpected path {path}"));
    assert!(
        !slug.is_empty()
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "slug {slug:?}"
    );
}

fn duplicate_numbers_are_both_listed_and_ambiguous() {
    let sandbox = sandbox_with(&[
        (
            "0006-before.md",
            b"# 6. Before\n\n## Status\n\nAccepted\n" as &[u8],
        ),
        (
            "0007-first-choice.md",
            b"# 7. First choice\n\n## Status\n\nAccepted\n",
        ),
        (
            "0007-second-choice.md",
            b"# 7. Second choice\n\n## Status\n\nProposed\n",
        ),
        (
            "0008-after.md",
            b"# 8. After\n\n## Status\n\nAccepted\n\nAmends [7. First choice](0007-first-choice.md)\n\n## Context\n\nSuperseded by ADR-0007 was considered.\n",
        ),
        (
            "0009-bare.md",
            b"# 9. Bare\n\n## Status\n\nSuperseded by ADR-0007\n",
        ),
    ]);
    let paths = sandbox.adr(&["list"]);
    let listed = paths.ok();
    assert!(
        listed.contains("doc/adr/0007-first-choice.md\n"),
        "{listed}"
    );
    assert!(
        listed.contains("doc/adr/0007-second-choice.md\n"),
        "{listed}"
    );

    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sevens: Vec<_> = items.iter().filter(|i| i["number"] == 7).collect();
    assert_eq!(sevens.len(), 2, "{items:#?}");
    assert_eq!(item(&items, "0007-first-choice.md")["status"], "accepted");
    assert_eq!(item(&items, "0007-second-choice.md")["status"], "proposed");

    for reference in ["7", "0007", "ADR-7"] {
        let run = sandbox.adr(&["show", reference, "--format", "json"]);
        let err = run.fails();
        assert!(err.contains("ambiguous"), "show {reference}: {err}");
        assert!(err.contains("doc/adr/0007-first-choice.md"), "{err}");
        assert!(err.contains("doc/adr/0007-second-choice.md"), "{err}");
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    assert_eq!(
        show(&sandbox, "0007-second-choice.md")["title"],
        "Second choice"
    );

    // A link by path resolves; a bare number cannot choose between the two.
    let after = item(&items, "0008-after.md");
    assert_eq!(after["links"][0]["target"], "doc/adr/0007-first-choice.md");
    let bare = item(&items, "0009-bare.md");
    assert_eq!(bare["status"], "superseded");
    assert_eq!(bare["links"][0]["raw"], "ADR-0007");
    assert_eq!(bare["links"][0]["target"], Value::Null);
}

fn fenced_look_alikes_do_not_change_the_status() {
    let sandbox = sandbox_with(&[
        (
            "0001-madr.md",
            b"---\nstatus: accepted\n---\n\n# MADR\n\n## Context and Problem Statement\n\nExample:\n\n```markdown\n---\nstatus: rejected\n---\n\n## Status\n\nRejected\n\n- Status: deprecated\n```\n" as &[u8],
        ),
        (
            "0002-nygard.md",
            b"# 2. Nygard\n\nDate: 2024-01-01\n\n```markdown\n## Status\n\nRejected\n```\n\n## Status\n\nAccepted\n",
        ),
        (
            "0003-plain.md",
            b"# 3. Plain\n\n## Context\n\n```markdown\n---\nstatus: x\n---\n## Status\n\nx\n```\n",
        ),
        (
            "0004-tildes-and-long-fences.md",
            b"# 4. Fences\n\n~~~\n## Status\nRejected\n~~~\n\n````\n```\n## Status\nRejected\n```\n````\n\n## Status\n\nProposed\n",
        ),
        (
            "0005-fence-first.md",
            b"```markdown\n---\nstatus: x\n---\n```\n\n# 5. Fence first\n",
        ),
        (
            "0006-bullets.md",
            b"# Bullets\n\n```\n- Status: rejected\n- Date: 1999-01-01\n```\n\n- Status: accepted\n- Date: 2024-02-02\n",
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status = |name: &str| item(&items, name)["status"].clone();
    assert_eq!(status("0001-madr.md"), "accepted");
    assert_eq!(status("0002-nygard.md"), "accepted");
    assert_eq!(status("0003-plain.md"), Value::Null);
    assert_eq!(status("0004-tildes-and-long-fences.md"), "proposed");
    assert_eq!(status("0005-fence-first.md"), Value::Null);
    assert_eq!(item(&items, "0005-fence-first.md")["title"], "Fence first");
    assert_eq!(
        item(&items, "0005-fence-first.md")["front_matter"],
        Value::Null
    );
    assert_eq!(status("0006-bullets.md"), "accepted");
    assert_eq!(item(&items, "0006-bullets.md")["date"], "2024-02-02");
    for i in &items {
        assert_eq!(i["problems"], json!([]), "{}", i["path"]);
    }
}

fn status_written_inline_in_blockquotes_and_backticks() {
    let sandbox = sandbox_with(&[
        (
            "0001-inline.md",
            b"# 1. Inline\n\n## Context\n\nx\n\n## Status: Proposed\n" as &[u8],
        ),
        (
            "0002-blockquote.md",
            b"# 2. Blockquote\n\n## Status\n\n> Accepted\n",
        ),
        (
            "0003-backticks.md",
            b"# 3. Backticks\n\n## Status\n\n`Rejected`\n",
        ),
        ("0004-bold.md", b"# 4. Bold\n\n## Status\n\n**Deprecated**\n"),
        (
            "0005-inline-superseded.md",
            b"# 5. Inline superseded\n\n## Status: Superseded by [2. Blockquote](0002-blockquote.md)\n",
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = |name: &str, status: &str, text: &str| {
        let i = item(&items, name);
        assert_eq!(i["status"], status, "{name}");
        assert_eq!(i["status_text"], text, "{name}");
    };
    check("0001-inline.md", "proposed", "Proposed");
    check("0002-blockquote.md", "accepted", "Accepted");
    check("0003-backticks.md", "rejected", "Rejected");
    check("0004-bold.md", "deprecated", "Deprecated");
    check(
        "0005-inline-superseded.md",
        "superseded",
        "Superseded by [2. Blockquote](0002-blockquote.md)",
    );
    let shown = show(&sandbox, "1");
    assert_eq!(shown["status"], "proposed");
    assert_eq!(shown["format"], "nygard");
    // The superseding link written in the heading is a link too.
    let five = item(&items, "0005-inline-superseded.md");
    assert_eq!(
        five["links"],
        json!([{
            "kind": "Superseded by",
            "raw": "0002-blockquote.md",
            "target": "doc/adr/0002-blockquote.md",
            "line": 3,
            "source": "status"
        }])
    );
}

fn madr2_star_bullets() {
    let sandbox = sandbox_with(&[
        (
            "0001-use-madr.md",
            b"# Use Markdown Architectural Decision Records\n\n* Status: accepted\n* Deciders: Alice, Bob\n* Date: 2020-01-15\n* Tags: docs, process\n\n## Context and Problem Statement\n\nx\n" as &[u8],
        ),
        (
            "0002-old.md",
            b"# Old\n\n* Status: superseded by [ADR-0001](0001-use-madr.md)\n* Date: 2019-12-01\n\nTechnical Story: none\n\n## Context and Problem Statement\n\nx\n",
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let one = item(&items, "0001-use-madr.md");
    assert_eq!(one["title"], "Use Markdown Architectural Decision Records");
    assert_eq!(one["status"], "accepted");
    assert_eq!(one["date"], "2020-01-15");
    assert_eq!(one["deciders"], json!(["Alice", "Bob"]));
    assert_eq!(one["tags"], json!(["docs", "process"]));
    assert_eq!(one["format"], "log4brains");
    let two = show(&sandbox, "2");
    assert_eq!(two["status"], "superseded");
    assert_eq!(two["date"], "2019-12-01");
    assert_eq!(two["links"][0]["kind"], "superseded by");
    assert_eq!(two["links"][0]["target"], "doc/adr/0001-use-madr.md");
}

fn toml_front_matter_is_kept_and_gives_the_title() {
    let front = "# a comment\ntitle = \"Use Zola for the docs\"\nweight = 1\n";
    let text = format!(
        "+++\n{front}+++\n\n- Status: accepted\n- Date: 2024-05-08\n- Tags: docs\n\n## Context and Problem Statement\n\nx\n"
    );
    let sandbox = sandbox_with(&[("20240509-adr-0001-use-zola.md", text.as_bytes())]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let one = item(&items, "20240509-adr-0001-use-zola.md");
    assert_eq!(one["number"], 1);
    assert_eq!(one["title"], "Use Zola for the docs");
    assert_eq!(one["heading"], Value::Null);
    assert_eq!(one["status"], "accepted");
    assert_eq!(one["date"], "2024-05-08");
    assert_eq!(one["tags"], json!(["docs"]));
    assert_eq!(one["front_matter"], json!({"kind": "toml", "raw": front}));
    assert_eq!(one["problems"], json!([]));
    assert_eq!(show(&sandbox, "1")["title"], "Use Zola for the docs");
    // Nothing was rewritten.
    assert_eq!(sandbox.read("doc/adr/20240509-adr-0001-use-zola.md"), text);
}

fn invalid_yaml_front_matter_is_reported_with_its_position() {
    let sandbox = sandbox_with(&[
        (
            "0001-fine.md",
            b"---\nstatus: accepted\n---\n# 1. Fine\n" as &[u8],
        ),
        (
            "0002-broken.md",
            b"---\nstatus: accepted\ntitle: a: b\n---\n# 2. Broken\n\nBody.\n",
        ),
        (
            "0003-also-fine.md",
            b"# 3. Also fine\n\n## Status\n\nProposed\n",
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 1, "an error exits 1: {}", run.stderr);
    assert_eq!(items.len(), 3, "the other records are still listed");
    assert_eq!(item(&items, "0001-fine.md")["status"], "accepted");
    assert_eq!(item(&items, "0003-also-fine.md")["status"], "proposed");

    let broken = item(&items, "0002-broken.md");
    assert_eq!(broken["title"], "Broken", "the body is still read");
    let problems = broken["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let problem = &problems[0];
    // `title: a: b` is line 3 of the file; the second `:` is column 9.
    assert_eq!(problem["line"], 3, "{problem}");
    assert_eq!(problem["column"], 9, "{problem}");
    assert_eq!(problem["severity"], "error");
    let message = problem["message"].as_str().unwrap_or_default();
    assert!(message.contains("YAML"), "{message}");
    assert!(
        run.stderr.contains("doc/adr/0002-broken.md:3:9: error:"),
        "{}",
        run.stderr
    );
    let shown = sandbox.adr(&["show", "2", "--format", "json"]);
    assert_eq!(shown.code, 1);
    assert!(
        shown.stderr.contains("doc/adr/0002-broken.md:3:9"),
        "{}",
        shown.stderr
    );
    // The message must not contradict the position it is reported at
    // (a YAML-relative "line 2" inside a diagnostic for file line 3).
    assert!(
        !message.contains("line 2 column 9"),
        "the message repeats the position relative to the YAML block: {message}"
    );
}

fn unreadable_file_is_listed_with_its_reason() {
    let sandbox = sandbox_with(&[
        (
            "0001-open.md",
            b"# 1. Open\n\n## Status\n\nAccepted\n" as &[u8],
        ),
        ("0002-secret.md", b"# 2. Secret\n\n## Status\n\nAccepted\n"),
    ]);
    // strace refuses to open the file, as chmod 000 does for all but root.
    let secret = Path::new(DIR).join("0002-secret.md");
    let run = sandbox.adr_failing(
        &["list", "--format", "json"],
        &[&secret],
        "open,openat",
        "EACCES",
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let items: Vec<Value> = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr));
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(item(&items, "0001-open.md")["status"], "accepted");
    let unreadable = item(&items, "0002-secret.md");
    assert_eq!(unreadable["number"], 2);
    assert_eq!(unreadable["title"], Value::Null);
    let problem = &unreadable["problems"][0];
    assert_eq!(problem["line"], 0);
    assert_eq!(problem["severity"], "error");
    assert!(
        problem["message"]
            .as_str()
            .is_some_and(|m| m.contains("cannot read")),
        "{problem}"
    );
    assert!(
        run.stderr
            .contains("doc/adr/0002-secret.md: error: cannot read"),
        "{}",
        run.stderr
    );
    // adr-tools' `adr list` prints names only and reads no file.
    let paths = sandbox.adr(&["list"]);
    assert_eq!(paths.ok(), "doc/adr/0001-open.md\ndoc/adr/0002-secret.md\n");
}

fn invalid_utf8_bytes_are_replaced_and_reported() {
    let sandbox = sandbox_with(&[
        ("0001-ok.md", b"# 1. Ok\n\n## Status\n\nAccepted\n" as &[u8]),
        (
            "0002-latin1.md",
            b"# 2. Latin\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\nCaf\xe9 au lait, na\xefve.\n",
        ),
    ]);
    let (items, run) = list(&sandbox);
    assert_eq!(run.code, 1, "invalid UTF-8 is an error: {}", run.stderr);
    assert_eq!(item(&items, "0001-ok.md")["problems"], json!([]));
    let latin = item(&items, "0002-latin1.md");
    assert_eq!(latin["title"], "Latin");
    assert_eq!(latin["status"], "accepted");
    assert_eq!(latin["date"], "2024-01-01");
    let problem = &latin["problems"][0];
    assert_eq!(problem["line"], 9, "{problem}");
    assert!(
        problem["message"]
            .as_str()
            .is_some_and(|m| m.contains("UTF-8")),
        "{problem}"
    );
    assert!(
        run.stderr.contains("doc/adr/0002-latin1.md:9: error:"),
        "{}",
        run.stderr
    );
    let shown = show(&sandbox, "2");
    assert_eq!(shown["problems"][0]["line"], 9);
    // Invalid bytes in the status itself.
    let sandbox = sandbox_with(&[(
        "0003-bad-status.md",
        b"# 3. Bad status\n\n## Status\n\nAccept\xe9d\n" as &[u8],
    )]);
    let (items, _) = list(&sandbox);
    let bad = item(&items, "0003-bad-status.md");
    assert_eq!(bad["status_text"], "Accept\u{fffd}d");
    assert_eq!(bad["problems"][0]["line"], 5);
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(crlf_and_bom_adr_tools_record_reads_like_lf),
        test!(crlf_and_bom_madr_record_reads_like_lf),
        test!(cjk_titles_and_file_names),
        test!(duplicate_numbers_are_both_listed_and_ambiguous),
        test!(fenced_look_alikes_do_not_change_the_status),
        test!(status_written_inline_in_blockquotes_and_backticks),
        test!(madr2_star_bullets),
        test!(toml_front_matter_is_kept_and_gives_the_title),
        test!(invalid_yaml_front_matter_is_reported_with_its_position),
        test!(unreadable_file_is_listed_with_its_reason, needs: [Strace]),
        test!(invalid_utf8_bytes_are_replaced_and_reported),
    ]
}
