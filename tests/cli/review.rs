//! Reviews, on scripted git histories with fixed dates and several
//! authors: every field of `adr diff` (a supersession made in a branch and
//! merged, a rename, a removal, status and relation changes, an edit of an
//! accepted record), every citation form of `adr cites`, the rules
//! `cites-retired` and `edited-after-acceptance`, `check --changed-since`,
//! and what happens without git, before the first commit and in a shallow
//! clone.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Run, Sandbox};

#[derive(Debug, Clone, Copy)]
struct Who {
    name: &'static str,
    email: &'static str,
}

const ADA: Who = Who {
    name: "Ada",
    email: "ada@example.com",
};
const BO: Who = Who {
    name: "Bo",
    email: "bo@example.com",
};
const CY: Who = Who {
    name: "Cy",
    email: "cy@example.com",
};
const DEE: Who = Who {
    name: "Dee",
    email: "dee@example.com",
};

const P1: &str = "doc/adr/0001-record-architecture-decisions.md";
const P2_OLD: &str = "doc/adr/0002-use-postgresql.md";
const P2: &str = "doc/adr/0002-use-postgres.md";
const P3: &str = "doc/adr/0003-try-redis.md";
const P4: &str = "doc/adr/0004-old-idea.md";
const P5: &str = "doc/adr/0005-use-sqlite.md";
const EDIT: &str = "We also record why we decided.";

fn git_run(sb: &Sandbox, args: &[&str]) -> Run {
    sb.run_program(Path::new("git"), args)
}

#[track_caller]
fn git(sb: &Sandbox, args: &[&str]) -> String {
    let run = git_run(sb, args);
    assert_eq!(
        run.code, 0,
        "git {args:?} failed:\nstdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    run.stdout
}

fn repo() -> Sandbox {
    let sb = Sandbox::new();
    git(&sb, &["init", "-q", "-b", "main"]);
    sb
}

fn as_author(sb: &mut Sandbox, who: Who, date: &str) {
    sb.env("GIT_AUTHOR_NAME", who.name)
        .env("GIT_AUTHOR_EMAIL", who.email)
        .env("GIT_COMMITTER_NAME", who.name)
        .env("GIT_COMMITTER_EMAIL", who.email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date);
}

#[track_caller]
fn commit_all(sb: &mut Sandbox, who: Who, date: &str, message: &str) -> String {
    as_author(sb, who, date);
    git(sb, &["add", "-A"]);
    git(sb, &["commit", "-q", "-m", message]);
    git(sb, &["rev-parse", "HEAD"]).trim().to_string()
}

#[track_caller]
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A range commit as `adr diff --format json` shows it.
fn by(commit: &str, date: &str, who: Who) -> Value {
    json!({"commit": &commit[..12], "date": date, "author": who.name})
}

/// A record as `adr diff --format json` shows it.
fn rec(path: &str, number: u32, title: &str, status: &str, commits: Vec<Value>) -> Value {
    json!({
        "path": path,
        "number": number,
        "title": title,
        "status": status,
        "commits": commits,
        "uncommitted": false,
    })
}

/// The line of `needle` in the file at `rel`, 1-based.
fn line_of(sb: &Sandbox, rel: &str, needle: &str) -> usize {
    sb.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {rel}"))
        + 1
}

/// A team's log, commit by commit:
///
/// - c0 Ada 2024-01-02 on main: 0001 (accepted), 0002 Use PostgreSQL
///   (accepted), 0003 Try Redis (proposed), 0004 Old idea (accepted)
/// - branch `feature`:
///   - c1 Bo 2024-02-10: `adr new -s 2 Use SQLite` (0005 supersedes 0002)
///   - c2 Cy 2024-02-11: `adr accept 3`, `adr link 3 Amends 1`, `git rm`
///     0004, `adr rename 2 Use Postgres`, a sentence added to 0001
/// - c3 Dee 2024-02-12 on main: a source file
/// - m Dee 2024-02-13: `feature` merged into main (`--no-ff`)
struct Story {
    sb: Sandbox,
    c: Vec<String>,
    merge: String,
}

fn story() -> Story {
    let mut sb = repo();
    let mut c = Vec::new();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();
    sb.adr(&["new", "--status", "proposed", "Try", "Redis"])
        .ok();
    sb.adr(&["new", "Old", "idea"]).ok();
    c.push(commit_all(
        &mut sb,
        ADA,
        "2024-01-02T09:00:00+00:00",
        "Start a decision log",
    ));
    git(&sb, &["checkout", "-q", "-b", "feature"]);
    sb.adr(&["new", "-s", "2", "Use", "SQLite"]).ok();
    c.push(commit_all(
        &mut sb,
        BO,
        "2024-02-10T10:00:00+00:00",
        "SQLite replaces PostgreSQL",
    ));
    sb.adr(&["accept", "3"]).ok();
    sb.adr(&["link", "3", "Amends", "1"]).ok();
    git(&sb, &["rm", "-q", P4]);
    sb.adr(&["rename", "2", "Use", "Postgres"]).ok();
    let text = sb.read(P1);
    sb.write(P1, &format!("{text}\n{EDIT}\n"));
    c.push(commit_all(
        &mut sb,
        CY,
        "2024-02-11T10:00:00+00:00",
        "Accept Redis, tidy up",
    ));
    git(&sb, &["checkout", "-q", "main"]);
    sb.write("src/main.rs", "fn main() {}\n");
    c.push(commit_all(
        &mut sb,
        DEE,
        "2024-02-12T10:00:00+00:00",
        "Code",
    ));
    as_author(&mut sb, DEE, "2024-02-13T10:00:00+00:00");
    git(
        &sb,
        &["merge", "-q", "--no-ff", "-m", "Merge feature", "feature"],
    );
    let merge = git(&sb, &["rev-parse", "HEAD"]).trim().to_string();
    Story { sb, c, merge }
}

// ---------------------------------------------------------------------------
// adr diff
// ---------------------------------------------------------------------------

fn diff_reports_every_field_of_a_merged_branch() {
    let Story { sb, c, merge } = story();
    let range = format!("{}..main", &c[0][..7]);
    let d = parse(sb.adr(&["diff", &range, "--format", "json"]).ok());
    let bo = by(&c[1], "2024-02-10", BO);
    let cy = by(&c[2], "2024-02-11", CY);
    let edit_line = line_of(&sb, P1, EDIT);
    let expected = json!({
        "base": {"name": format!("{} ({})", &c[0][..7], &c[0][..7]), "commit": c[0]},
        "head": {"name": format!("main ({})", &merge[..7]), "commit": merge},
        "moved": [],
        "added": [rec(P5, 5, "Use SQLite", "accepted", vec![bo.clone(), cy.clone()])],
        "removed": [rec(P4, 4, "Old idea", "accepted", vec![cy.clone()])],
        "renamed": [{
            "from": rec(P2_OLD, 2, "Use PostgreSQL", "accepted", vec![cy.clone()]),
            "to": rec(P2, 2, "Use Postgres", "superseded", vec![bo.clone(), cy.clone()]),
            "how": "content",
        }],
        "status_changes": [
            {
                "record": rec(P2, 2, "Use Postgres", "superseded", vec![bo.clone(), cy.clone()]),
                "from": "accepted",
                "to": "superseded",
            },
            {
                "record": rec(P3, 3, "Try Redis", "accepted", vec![cy.clone()]),
                "from": "proposed",
                "to": "accepted",
            },
        ],
        "supersessions": [{
            "change": "added",
            "from": rec(P5, 5, "Use SQLite", "accepted", vec![bo.clone(), cy.clone()]),
            "kind": "supersedes",
            "to": rec(P2, 2, "Use Postgres", "superseded", vec![bo.clone(), cy.clone()]),
        }],
        "relations": [{
            "change": "added",
            "from": rec(P3, 3, "Try Redis", "accepted", vec![cy.clone()]),
            "kind": "amends",
            "to": rec(P1, 1, "Record architecture decisions", "accepted", vec![cy.clone()]),
        }],
        "accepted_edits": [{
            "record": rec(P1, 1, "Record architecture decisions", "accepted", vec![cy.clone()]),
            "status_before": "accepted",
            "lines_added": 1,
            "lines_removed": 0,
            "line": edit_line,
        }],
        "edits": [],
    });
    assert_eq!(d, expected, "{d:#}");
    // `..main` is main's commit, not the working tree: an edit, an
    // untracked record or an ignored one do not change it.
    let text = sb.read(P3);
    sb.write(P3, &format!("{text}\nNot committed.\n"));
    sb.write("doc/adr/0009-untracked.md", "# 9. Untracked\n");
    let again = parse(sb.adr(&["diff", &range, "--format", "json"]).ok());
    assert_eq!(again, expected, "{again:#}");
    sb.write(P3, &text);
    std::fs::remove_file(sb.root().join("doc/adr/0009-untracked.md")).expect("rm");

    let text = sb.adr(&["diff", &range]).ok().to_string();
    let b = &c[1][..7];
    let y = &c[2][..7];
    assert_eq!(
        text,
        format!(
            "{base} ({base}) .. main ({m})\n\
             added       {P5}  5. Use SQLite (accepted)  ({b} Bo, {y} Cy)\n\
             removed     {P4}  4. Old idea (accepted)  ({y} Cy)\n\
             renamed     {P2_OLD} → {P2} (same content)  ({b} Bo, {y} Cy)\n\
             status      {P2}  accepted → superseded  ({b} Bo, {y} Cy)\n\
             status      {P3}  proposed → accepted  ({y} Cy)\n\
             supersedes  + {P5} supersedes {P2}  ({b} Bo, {y} Cy)\n\
             relation    + {P3} amends {P1}  ({y} Cy)\n\
             edited      {P1} (accepted): 1 line added, 0 removed, from line {edit_line}  ({y} Cy)\n",
            base = &c[0][..7],
            m = &merge[..7],
        )
    );

    let markdown = sb
        .adr(&["diff", &range, "--format", "markdown"])
        .ok()
        .to_string();
    for line in [
        "<!-- adr diff -->",
        "**1 added · 1 removed · 1 renamed · 2 status changes · 1 supersession · 1 relation change · 1 accepted record edited**",
        "#### Superseded",
        "- **2. Use Postgres** is superseded by **5. Use SQLite** · by Bo, Cy",
        "- **3. Try Redis**: proposed → accepted · by Cy",
        "- added: **3. Try Redis** amends **1. Record architecture decisions** · by Cy",
        "- **4. Old idea** · was accepted · `doc/adr/0004-old-idea.md` · by Cy",
        "#### Accepted records edited",
    ] {
        assert!(
            markdown.lines().any(|l| l == line),
            "no line {line:?} in:\n{markdown}"
        );
    }
}

fn diff_defaults_to_the_merge_base_and_the_working_tree() {
    let Story { mut sb, c, .. } = story();
    // A new branch off main's first commit: only its own change shows.
    git(&sb, &["checkout", "-q", "-b", "topic", &c[0]]);
    sb.adr(&["reject", "3"]).ok();
    let d = parse(sb.adr(&["diff", "--format", "json"]).ok());
    assert_eq!(
        d["base"]["name"],
        format!("HEAD ({})", &c[0][..7]),
        "topic starts at main's merge base with it"
    );
    assert_eq!(d["head"], json!({"name": "working tree", "commit": null}));
    assert_eq!(d["status_changes"][0]["from"], "proposed");
    assert_eq!(d["status_changes"][0]["to"], "rejected");
    assert_eq!(d["status_changes"][0]["record"]["uncommitted"], true);
    commit_all(&mut sb, BO, "2024-03-01T10:00:00+00:00", "Reject Redis");
    // Committed on topic: the base is the merge base with main.
    let d = parse(sb.adr(&["diff", "--format", "json"]).ok());
    assert_eq!(
        d["base"]["name"],
        format!("merge base of HEAD and main ({})", &c[0][..7])
    );
    assert_eq!(d["status_changes"][0]["record"]["uncommitted"], false);
    assert_eq!(
        d["status_changes"][0]["record"]["commits"][0]["author"],
        "Bo"
    );
    // `A` alone: A .. the working tree; nothing changed since HEAD.
    let text = sb.adr(&["diff", "HEAD"]).ok().to_string();
    assert!(text.ends_with("no decision changed\n"), "{text}");
    let markdown = sb
        .adr(&["diff", "HEAD", "--format", "markdown"])
        .ok()
        .to_string();
    assert!(markdown.ends_with("No decision changed.\n"), "{markdown}");
}

/// A Nygard record with a date, a status and context lines.
fn nygard(n: u32, title: &str, date: &str, status: &str, context: &str) -> String {
    format!("# {n}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n")
}

fn diff_pairs_renames_by_number_slug_and_content_and_not_a_reused_number() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let d = "doc/adr";
    let day = "2024-03-01";
    sb.write(
        &format!("{d}/0002-use-queues.md"),
        &nygard(
            2,
            "Use queues",
            day,
            "Accepted",
            "Jobs pile up at night.\nQueue the jobs.",
        ),
    );
    sb.write(
        &format!("{d}/0003-shard-by-tenant.md"),
        &nygard(
            3,
            "Shard by tenant",
            day,
            "Accepted",
            "Tenants grow unevenly.",
        ),
    );
    sb.write(
        &format!("{d}/0004-try-redis.md"),
        &nygard(
            4,
            "Try Redis",
            day,
            "Proposed",
            "Sessions need a cache.\nKeep them in memory.",
        ),
    );
    sb.write(
        &format!("{d}/0005-use-rest.md"),
        &nygard(5, "Use REST", day, "Accepted", "Clients call us."),
    );
    let base = commit_all(&mut sb, ADA, "2024-03-01T09:00:00+00:00", "Start");
    for old in [
        "0002-use-queues",
        "0003-shard-by-tenant",
        "0004-try-redis",
        "0005-use-rest",
    ] {
        git(&sb, &["rm", "-q", &format!("{d}/{old}.md")]);
    }
    // Retitled, most of it rewritten, one line of its own kept: the
    // number says it is the same record.
    sb.write(
        &format!("{d}/0002-use-a-message-bus.md"),
        &nygard(
            2,
            "Use a message bus",
            day,
            "Accepted",
            "Jobs pile up at night.\nPublish events.\nSubscribers do the work.\nRetries are free.",
        ),
    );
    // Renumbered and rewritten: the slug says so.
    sb.write(
        &format!("{d}/0007-shard-by-tenant.md"),
        &nygard(
            7,
            "Shard by tenant",
            day,
            "Accepted",
            "Tenants are pooled now.",
        ),
    );
    // Renumbered and retitled in one change: only its lines say so.
    sb.write(
        &format!("{d}/0006-use-valkey.md"),
        &nygard(
            6,
            "Use Valkey",
            day,
            "Proposed",
            "Sessions need a cache.\nKeep them in memory.",
        ),
    );
    // Number 5 given to another decision: a removal and an addition.
    sb.write(
        &format!("{d}/0005-use-grpc.md"),
        &nygard(
            5,
            "Use gRPC",
            "2024-03-05",
            "Proposed",
            "Services stream data.",
        ),
    );
    let head = commit_all(&mut sb, BO, "2024-03-05T10:00:00+00:00", "Rework");
    let range = format!("{base}..HEAD");
    let got = parse(sb.adr(&["diff", &range, "--format", "json"]).ok());
    let bo = by(&head, "2024-03-05", BO);
    let p = |name: &str| format!("{d}/{name}.md");
    let expected = json!({
        "base": {"name": format!("{} ({})", base, &base[..7]), "commit": base},
        "head": {"name": format!("HEAD ({})", &head[..7]), "commit": head},
        "moved": [],
        "added": [rec(&p("0005-use-grpc"), 5, "Use gRPC", "proposed", vec![bo.clone()])],
        "removed": [rec(&p("0005-use-rest"), 5, "Use REST", "accepted", vec![bo.clone()])],
        "renamed": [
            {
                "from": rec(&p("0002-use-queues"), 2, "Use queues", "accepted", vec![bo.clone()]),
                "to": rec(&p("0002-use-a-message-bus"), 2, "Use a message bus", "accepted", vec![bo.clone()]),
                "how": "number",
            },
            {
                "from": rec(&p("0004-try-redis"), 4, "Try Redis", "proposed", vec![bo.clone()]),
                "to": rec(&p("0006-use-valkey"), 6, "Use Valkey", "proposed", vec![bo.clone()]),
                "how": "content",
            },
            {
                "from": rec(&p("0003-shard-by-tenant"), 3, "Shard by tenant", "accepted", vec![bo.clone()]),
                "to": rec(&p("0007-shard-by-tenant"), 7, "Shard by tenant", "accepted", vec![bo.clone()]),
                "how": "slug",
            },
        ],
        "status_changes": [],
        "supersessions": [],
        "relations": [],
        "accepted_edits": [
            {
                "record": rec(&p("0002-use-a-message-bus"), 2, "Use a message bus", "accepted", vec![bo.clone()]),
                "status_before": "accepted",
                "lines_added": 3,
                "lines_removed": 1,
                "line": 12,
            },
            {
                "record": rec(&p("0007-shard-by-tenant"), 7, "Shard by tenant", "accepted", vec![bo.clone()]),
                "status_before": "accepted",
                "lines_added": 1,
                "lines_removed": 1,
                "line": 11,
            },
        ],
        "edits": [],
    });
    assert_eq!(got, expected, "{got:#}");
    let (b, h) = (&base[..7], &head[..7]);
    assert_eq!(
        sb.adr(&["diff", &range]).ok(),
        format!(
            "{base} ({b}) .. HEAD ({h})\n\
             added       {d}/0005-use-grpc.md  5. Use gRPC (proposed)  ({h} Bo)\n\
             removed     {d}/0005-use-rest.md  5. Use REST (accepted)  ({h} Bo)\n\
             renamed     {d}/0002-use-queues.md → {d}/0002-use-a-message-bus.md (same number)  ({h} Bo)\n\
             renamed     {d}/0004-try-redis.md → {d}/0006-use-valkey.md (same content)  ({h} Bo)\n\
             renamed     {d}/0003-shard-by-tenant.md → {d}/0007-shard-by-tenant.md (same slug)  ({h} Bo)\n\
             edited      {d}/0002-use-a-message-bus.md (accepted): 3 lines added, 1 removed, from line 12  ({h} Bo)\n\
             edited      {d}/0007-shard-by-tenant.md (accepted): 1 line added, 1 removed, from line 11  ({h} Bo)\n"
        )
    );
    let a = "an accepted decision is usually superseded, not rewritten";
    assert_eq!(
        sb.adr(&["diff", &range, "--format", "markdown"]).ok(),
        format!(
            "<!-- adr diff -->\n### Decisions in this change\n\n\
             {base} \\({b}\\) → HEAD \\({h}\\)\n\n\
             **1 added · 1 removed · 3 renamed · 2 accepted records edited**\n\n\
             #### Added\n\n\
             - **5. Use gRPC** · proposed · `{d}/0005-use-grpc.md` · by Bo\n\n\
             #### Removed\n\n\
             - **5. Use REST** · was accepted · `{d}/0005-use-rest.md` · by Bo\n\n\
             #### Renamed\n\n\
             - `{d}/0002-use-queues.md` → `{d}/0002-use-a-message-bus.md` · by Bo\n\
             - `{d}/0004-try-redis.md` → `{d}/0006-use-valkey.md` · by Bo\n\
             - `{d}/0003-shard-by-tenant.md` → `{d}/0007-shard-by-tenant.md` · by Bo\n\n\
             #### Accepted records edited\n\n\
             - **2. Use a message bus** (`{d}/0002-use-a-message-bus.md`): 3 lines added, 1 removed, from line 12 · by Bo — {a}\n\
             - **7. Shard by tenant** (`{d}/0007-shard-by-tenant.md`): 1 line added, 1 removed, from line 11 · by Bo — {a}\n\n"
        )
    );
}

/// A log whose folder moved: c0 Ada puts three records in `doc/adr`; c1
/// Bo moves the folder to `docs/decisions` (`.adr-dir` follows) and
/// accepts 3 in the same commit; c2 Cy adds 4 there.
fn diff_follows_a_log_folder_that_moved() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();
    sb.adr(&["new", "--status", "proposed", "Try", "Redis"])
        .ok();
    let c0 = commit_all(&mut sb, ADA, "2024-04-01T09:00:00+00:00", "Start");
    std::fs::create_dir_all(sb.root().join("docs")).expect("mkdir");
    git(&sb, &["mv", "doc/adr", "docs/decisions"]);
    sb.write(".adr-dir", "docs/decisions\n");
    sb.adr(&["accept", "3"]).ok();
    let c1 = commit_all(&mut sb, BO, "2024-04-02T09:00:00+00:00", "Move the log");
    sb.adr(&["new", "Use", "SQLite"]).ok();
    let c2 = commit_all(&mut sb, CY, "2024-04-03T09:00:00+00:00", "SQLite");
    // No temporary file anywhere: the old log is read from git's objects.
    let tmp = sb.root().join("tmp-watch");
    std::fs::create_dir_all(&tmp).expect("mkdir");
    sb.env("TMPDIR", &tmp.display().to_string());
    let range = format!("{c0}..{c2}");
    let got = parse(sb.adr(&["diff", &range, "--format", "json"]).ok());
    let new = "docs/decisions";
    let bo = by(&c1, "2024-04-02", BO);
    let cy = by(&c2, "2024-04-03", CY);
    let expected = json!({
        "base": {"name": format!("{c0} ({})", &c0[..7]), "commit": c0},
        "head": {"name": format!("{c2} ({})", &c2[..7]), "commit": c2},
        "moved": [{"from": "doc/adr", "to": new, "records": 3}],
        "added": [rec(&format!("{new}/0004-use-sqlite.md"), 4, "Use SQLite", "accepted", vec![cy.clone()])],
        "removed": [],
        "renamed": [],
        "status_changes": [{
            "record": rec(&format!("{new}/0003-try-redis.md"), 3, "Try Redis", "accepted", vec![bo.clone()]),
            "from": "proposed",
            "to": "accepted",
        }],
        "supersessions": [],
        "relations": [],
        "accepted_edits": [],
        "edits": [],
    });
    assert_eq!(got, expected, "{got:#}");
    let entries: Vec<_> = std::fs::read_dir(&tmp).expect("tmp").collect();
    assert!(entries.is_empty(), "{entries:?}");
    let (a, c) = (&c0[..7], &c2[..7]);
    assert_eq!(
        sb.adr(&["diff", &range]).ok(),
        format!(
            "{c0} ({a}) .. {c2} ({c})\n\
             moved       doc/adr → {new}  (3 records)\n\
             added       {new}/0004-use-sqlite.md  4. Use SQLite (accepted)  ({c} Cy)\n\
             status      {new}/0003-try-redis.md  proposed → accepted  ({b} Bo)\n",
            b = &c1[..7],
        )
    );
    let markdown = sb
        .adr(&["diff", &range, "--format", "markdown"])
        .ok()
        .to_string();
    assert_eq!(
        markdown,
        format!(
            "<!-- adr diff -->\n### Decisions in this change\n\n\
             {c0} \\({a}\\) → {c2} \\({c}\\)\n\n\
             **1 folder moved · 1 added · 1 status change**\n\n\
             #### Moved\n\n\
             - `doc/adr` → `{new}` · 3 records\n\n\
             #### Added\n\n\
             - **4. Use SQLite** · accepted · `{new}/0004-use-sqlite.md` · by Cy\n\n\
             #### Status changes\n\n\
             - **3. Try Redis**: proposed → accepted · by Bo\n\n"
        )
    );
    // Backwards, and from a folder below the top: the same move undone.
    sb.cd("docs");
    let back = parse(
        sb.adr(&["diff", &format!("{c1}..{c0}"), "--format", "json"])
            .ok(),
    );
    assert_eq!(
        back["moved"],
        json!([{"from": "../docs/decisions", "to": "../doc/adr", "records": 3}])
    );
    assert_eq!(
        back["status_changes"][0]["record"]["path"],
        "../doc/adr/0003-try-redis.md"
    );
    assert_eq!(back["status_changes"][0]["from"], "accepted");
    assert_eq!(back["status_changes"][0]["to"], "proposed");
    assert_eq!(back["added"], json!([]));
    assert_eq!(back["removed"], json!([]));
}

/// c0 Ada commits a record with bytes that are not UTF-8, one of 17 MiB
/// and one whose object is then lost; the working tree mends all three.
fn diff_reads_binary_huge_and_unreadable_blobs() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let start = commit_all(&mut sb, ADA, "2024-04-30T09:00:00+00:00", "Start");
    let (p2, p3, p4) = (
        "doc/adr/0002-binary.md",
        "doc/adr/0003-huge.md",
        "doc/adr/0004-lost.md",
    );
    sb.write_bytes(
        p2,
        b"# 2. Binary\n\n## Status\n\nAccepted\n\n## Context\n\n\xff\xfe\x00\x01 data\n",
    );
    let mut huge = String::from("# 3. Huge\n\n## Status\n\nAccepted\n\n");
    huge.push_str(&"x".repeat(17 * 1024 * 1024));
    sb.write(p3, &huge);
    let lost = "# 4. Lost\n\n## Status\n\nAccepted\n\n## Context\n\nText.\n";
    sb.write(p4, lost);
    let c0 = commit_all(&mut sb, ADA, "2024-05-01T09:00:00+00:00", "Odd files");
    let blob = git(&sb, &["rev-parse", &format!("HEAD:{p4}")]);
    let blob = blob.trim();
    std::fs::remove_file(
        sb.root()
            .join(".git/objects")
            .join(&blob[..2])
            .join(&blob[2..]),
    )
    .expect("the blob is a loose object");
    sb.write(
        p2,
        "# 2. Binary\n\n## Status\n\nAccepted\n\n## Context\n\nText now.\n",
    );
    sb.write(p3, "# 3. Huge\n\n## Status\n\nAccepted\n\nSmall now.\n");
    let run = sb.adr(&["diff", &c0, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got = parse(&run.stdout);
    let now = |path: &str, n: u32, title: &str, uncommitted: bool| {
        json!({
            "path": path, "number": n, "title": title, "status": "accepted",
            "commits": [], "uncommitted": uncommitted,
        })
    };
    let expected = json!({
        "base": {"name": format!("{c0} ({})", &c0[..7]), "commit": c0},
        "head": {"name": "working tree", "commit": null},
        "moved": [],
        "added": [],
        "removed": [],
        "renamed": [],
        "status_changes": [
            {"record": now(p3, 3, "Huge", true), "from": null, "to": "accepted"},
            {"record": now(p4, 4, "Lost", false), "from": null, "to": "accepted"},
        ],
        "supersessions": [],
        "relations": [],
        "accepted_edits": [{
            "record": now(p2, 2, "Binary", true),
            "status_before": "accepted",
            "lines_added": 1,
            "lines_removed": 1,
            "line": 9,
        }],
        "edits": [],
    });
    assert_eq!(got, expected, "{got:#}");
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    let at = format!("adr: warning: at {c0} ({}): ", &c0[..7]);
    assert!(
        warnings[0].starts_with(&format!("{at}{p2}:")) && warnings[0].contains("not valid UTF-8"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].starts_with(&format!("{at}{p3}:"))
            && warnings[1].contains("17 MiB at this revision"),
        "{}",
        warnings[1]
    );
    assert!(
        warnings[2].starts_with(&format!("{at}{p4}:")) && warnings[2].contains("cannot read"),
        "{}",
        warnings[2]
    );
    assert_eq!(
        sb.adr(&["diff", &c0]).ok(),
        format!(
            "{c0} ({b}) .. working tree\n\
             status      {p3}  no status → accepted  (uncommitted)\n\
             status      {p4}  no status → accepted\n\
             edited      {p2} (accepted): 1 line added, 1 removed, from line 9  (uncommitted)\n",
            b = &c0[..7]
        )
    );
    // Committed: the range's history walk reads the lost and the huge
    // blobs too, and goes on.
    sb.write(p4, &format!("{lost}Found again.\n"));
    let c1 = commit_all(&mut sb, BO, "2024-05-02T09:00:00+00:00", "Mend");
    let got = parse(
        sb.adr(&["diff", &format!("{start}..{c1}"), "--format", "json"])
            .ok(),
    );
    let added: Vec<(&str, Vec<&str>)> = got["added"]
        .as_array()
        .expect("added")
        .iter()
        .map(|r| {
            let authors = r["commits"]
                .as_array()
                .expect("commits")
                .iter()
                .map(|c| c["author"].as_str().unwrap_or_default())
                .collect();
            (r["path"].as_str().unwrap_or_default(), authors)
        })
        .collect();
    assert_eq!(
        added,
        [
            (p2, vec!["Ada", "Bo"]),
            (p3, vec!["Ada", "Bo"]),
            (p4, vec!["Ada", "Bo"])
        ],
        "{got:#}"
    );
}

/// The supersession made in `feature` and merged: the same change seen
/// as `c3...feature` (from the merge base) as from main's merge.
fn diff_of_a_merged_branch_from_its_merge_base() {
    let Story { sb, c, merge } = story();
    let merged = parse(
        sb.adr(&["diff", &format!("{}..{merge}", c[0]), "--format", "json"])
            .ok(),
    );
    let three = parse(
        sb.adr(&["diff", &format!("{}...feature", c[3]), "--format", "json"])
            .ok(),
    );
    assert_eq!(
        three["base"],
        json!({"name": format!("merge base of {} and feature ({})", c[3], &c[0][..7]), "commit": c[0]})
    );
    assert_eq!(
        three["head"],
        json!({"name": format!("feature ({})", &c[2][..7]), "commit": c[2]})
    );
    for field in [
        "moved",
        "added",
        "removed",
        "renamed",
        "status_changes",
        "supersessions",
        "relations",
        "accepted_edits",
        "edits",
    ] {
        assert_eq!(three[field], merged[field], "{field}: {three:#}");
    }
    assert_eq!(merged["supersessions"][0]["from"]["path"], P5);
    assert_eq!(merged["supersessions"][0]["to"]["path"], P2);
}

fn diff_explains_what_it_cannot_compare() {
    // No git at all.
    let sb = Sandbox::new();
    sb.adr(&["init"]).ok();
    let run = sb.adr(&["diff"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("not in a git work tree"),
        "{}",
        run.stderr
    );

    // An unborn branch.
    let sb = repo();
    sb.adr(&["init"]).ok();
    let run = sb.adr(&["diff"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no commits yet"), "{}", run.stderr);

    // No default branch, an unknown revision, a wrong command line.
    let mut sb = Sandbox::new();
    git(&sb, &["init", "-q", "-b", "trunk"]);
    sb.adr(&["init"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "Start");
    let run = sb.adr(&["diff"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no default branch"), "{}", run.stderr);
    assert!(
        sb.adr(&["diff", "trunk"])
            .ok()
            .ends_with("no decision changed\n")
    );
    let run = sb.adr(&["diff", "nowhere..trunk"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`nowhere`"), "{}", run.stderr);
    assert_eq!(sb.adr(&["diff", "--format", "yaml"]).code, 2);
}

fn diff_in_a_shallow_clone() {
    let Story { sb, c, .. } = story();
    let origin = sb.root().display().to_string();
    let clone = Sandbox::new();
    let url = format!("file://{origin}");
    git(
        &clone,
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            &url,
            "c",
        ],
    );
    let mut clone = clone;
    clone.cd("c");
    git(&clone, &["checkout", "-q", "feature"]);
    // The merge base of feature and main is past the cut.
    let run = clone.adr(&["diff"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("shallow") && run.stderr.contains("--unshallow"),
        "{}",
        run.stderr
    );
    // Between two commits the clone has, it works.
    assert_eq!(c.len(), 4);
    let d = parse(
        clone
            .adr(&["diff", "origin/main..feature", "--format", "json"])
            .ok(),
    );
    assert!(d["added"].is_array());
}

// ---------------------------------------------------------------------------
// adr cites
// ---------------------------------------------------------------------------

/// A repository whose files cite records in every form.
fn citing() -> Sandbox {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();
    sb.adr(&["new", "-s", "2", "Use", "SQLite"]).ok();
    sb.adr(&["new", "Cache", "reads"]).ok();
    sb.adr(&["deprecate", "4"]).ok();
    sb.write(
        "docs/architecture.md",
        "# Architecture\n\nStorage follows [the storage decision](../doc/adr/0002-use-postgresql.md).\n\
         See https://github.com/acme/shop/blob/main/doc/adr/0003-use-sqlite.md#decision too.\n\
         Caching: ADR-4, ADR 0004, ADR-0004 and ADR #4.\n",
    );
    sb.write(
        "src/db.rs",
        "// Why: doc/adr/0002-use-postgresql.md, and adr/0003-use-sqlite.\n\
         // 0002-use-postgresql.md is the old one; 0003-use-sqlite the new one.\n\
         // Not citations: madr-2, adr-tools, ADR-99, ADR-2x, https://example.com/adr/0002-x\n",
    );
    sb.write(".gitignore", "target/\n");
    sb.write("target/gen.rs", "// ADR-2\n");
    sb.write_bytes("assets/blob.bin", b"\0ADR-2\0");
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "Start");
    sb
}

/// A citation: path, line, column, as written, form, record, retired,
/// records in force.
type Row = (String, u64, u64, String, String, String, bool, Vec<String>);

fn cites_finds_every_form() {
    let sb = citing();
    let c = parse(sb.adr(&["cites", "--format", "json"]).ok());
    let got: Vec<Row> = c["citations"]
        .as_array()
        .expect("citations")
        .iter()
        .map(|x| {
            (
                x["path"].as_str().unwrap_or_default().to_string(),
                x["line"].as_u64().unwrap_or_default(),
                x["column"].as_u64().unwrap_or_default(),
                x["text"].as_str().unwrap_or_default().to_string(),
                x["form"].as_str().unwrap_or_default().to_string(),
                x["record"]["path"].as_str().unwrap_or_default().to_string(),
                x["retired"].as_bool().unwrap_or_default(),
                x["in_force"]
                    .as_array()
                    .expect("in_force")
                    .iter()
                    .map(|r| r["path"].as_str().unwrap_or_default().to_string())
                    .collect(),
            )
        })
        .collect();
    let old = "doc/adr/0002-use-postgresql.md";
    let new = "doc/adr/0003-use-sqlite.md";
    let cache = "doc/adr/0004-cache-reads.md";
    let row = |path: &str,
               line,
               column,
               text: &str,
               form: &str,
               record: &str,
               retired,
               in_force: &[&str]| {
        (
            path.to_string(),
            line,
            column,
            text.to_string(),
            form.to_string(),
            record.to_string(),
            retired,
            in_force.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    let arch = "docs/architecture.md";
    assert_eq!(
        got,
        [
            row(
                arch,
                3,
                40,
                "../doc/adr/0002-use-postgresql.md",
                "link",
                old,
                true,
                &[new]
            ),
            row(
                arch,
                4,
                5,
                "https://github.com/acme/shop/blob/main/doc/adr/0003-use-sqlite.md",
                "url",
                new,
                false,
                &[]
            ),
            row(arch, 5, 10, "ADR-4", "id", cache, true, &[]),
            row(arch, 5, 17, "ADR 0004", "id", cache, true, &[]),
            row(arch, 5, 27, "ADR-0004", "id", cache, true, &[]),
            row(arch, 5, 40, "ADR #4", "id", cache, true, &[]),
            row("src/db.rs", 1, 9, old, "path", old, true, &[new]),
            row(
                "src/db.rs",
                1,
                45,
                "adr/0003-use-sqlite",
                "id",
                new,
                false,
                &[]
            ),
            row(
                "src/db.rs",
                2,
                4,
                "0002-use-postgresql.md",
                "file-name",
                old,
                true,
                &[new]
            ),
            row(
                "src/db.rs",
                2,
                43,
                "0003-use-sqlite",
                "stem",
                new,
                false,
                &[]
            ),
        ],
        "{c:#}"
    );
    assert_eq!(c["skipped"]["binary"], 1);

    // Text: `path:line:col: as written → record (status; in force)`.
    let text = sb.adr(&["cites", "2"]).ok().to_string();
    assert_eq!(
        text,
        format!(
            "docs/architecture.md:3:40: ../doc/adr/0002-use-postgresql.md → {old} (superseded; in force: {new})\n\
             src/db.rs:1:9: {old} → {old} (superseded; in force: {new})\n\
             src/db.rs:2:4: 0002-use-postgresql.md → {old} (superseded; in force: {new})\n"
        )
    );
    let text = sb.adr(&["cites", "4"]).ok().to_string();
    assert!(
        text.starts_with(&format!(
            "docs/architecture.md:5:10: ADR-4 → {cache} (deprecated; nothing in force replaces it)\n"
        )),
        "{text}"
    );
    // From a sub-folder, paths are relative to it.
    let mut sub = sb;
    sub.cd("src");
    let text = sub.adr(&["cites", "3"]).ok().to_string();
    assert!(
        text.starts_with("../docs/architecture.md:4:5: https://"),
        "{text}"
    );
    assert!(
        text.contains(
            "\ndb.rs:1:45: adr/0003-use-sqlite → ../doc/adr/0003-use-sqlite.md (accepted)\n"
        ),
        "{text}"
    );
}

fn cites_sarif_and_records() {
    let sb = citing();
    let sarif = parse(sb.adr(&["cites", "--format", "sarif"]).ok());
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 10);
    let levels: Vec<(&str, &str)> = results
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default(),
                r["level"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(levels[0], ("cites-retired", "warning"));
    assert_eq!(levels[1], ("cites", "note"));
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 3, "startColumn": 40})
    );
    // Records citing each other are relations: asked for, they are listed,
    // a record's links to itself never.
    let c = parse(
        sb.adr(&["cites", "--include-records", "--format", "json"])
            .ok(),
    );
    let from_records: Vec<&str> = c["citations"]
        .as_array()
        .expect("citations")
        .iter()
        .filter_map(|x| x["path"].as_str())
        .filter(|p| p.starts_with("doc/adr/"))
        .collect();
    assert!(
        from_records.contains(&"doc/adr/0003-use-sqlite.md"),
        "{c:#}"
    );
    assert!(
        c["citations"]
            .as_array()
            .expect("citations")
            .iter()
            .all(|x| x["path"] != x["record"]["path"]),
        "{c:#}"
    );
    let run = sb.adr(&["cites", "99"]);
    assert_eq!(run.code, 1);
}

#[cfg(unix)]
fn cites_never_leaves_the_repository_nor_blocks() {
    let sb = citing();
    let outside = Sandbox::new();
    outside.write("secret/notes.md", "ADR-2 lives here\n");
    std::os::unix::fs::symlink(outside.root().join("secret"), sb.root().join("linked"))
        .expect("symlink");
    std::os::unix::fs::symlink(
        outside.root().join("secret/notes.md"),
        sb.root().join("notes.md"),
    )
    .expect("symlink");
    let fifo = sb.root().join("docs/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // A file past the size bound is not read (sparse: no disk spent).
    let big = std::fs::File::create(sb.root().join("docs/huge.md")).expect("create");
    big.set_len(17 * 1024 * 1024).expect("sparse file");
    let c = parse(sb.adr(&["cites", "--format", "json"]).ok());
    let paths: Vec<&str> = c["citations"]
        .as_array()
        .expect("citations")
        .iter()
        .filter_map(|x| x["path"].as_str())
        .collect();
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("linked") || p.contains("notes")),
        "{paths:?}"
    );
    assert_eq!(c["skipped"]["large"], 1);
    assert_eq!(paths.len(), 10);
}

// ---------------------------------------------------------------------------
// adr check: the two rules and --changed-since
// ---------------------------------------------------------------------------

fn cites_retired_rule() {
    let sb = citing();
    // Off by default.
    let run = sb.adr(&["check", "--format", "json"]);
    assert!(!run.stdout.contains("cites-retired"), "{}", run.stdout);
    sb.write(".adr.toml", "[check.rules]\ncites-retired = \"warning\"\n");
    let run = sb.adr(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[cites-retired]"))
        .collect();
    assert_eq!(lines.len(), 7, "{}", run.stdout);
    assert_eq!(
        lines[0],
        "docs/architecture.md:3:40: warning[cites-retired]: `../doc/adr/0002-use-postgresql.md` cites 0002-use-postgresql.md, which is superseded; the decision in force is 0003-use-sqlite.md"
    );
    assert!(lines.contains(
        &"docs/architecture.md:5:10: warning[cites-retired]: `ADR-4` cites 0004-cache-reads.md, which is deprecated; nothing in force replaces it"
    ));
    sb.write(".adr.toml", "[check.rules]\ncites-retired = \"error\"\n");
    assert_eq!(sb.adr(&["check"]).code, 1);
    let sarif = parse(sb.adr(&["check", "--format", "sarif"]).stdout.as_str());
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "cites-retired" && r["defaultConfiguration"]["level"] == "none")
    );
}

fn edited_after_acceptance_rule() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "--status", "proposed", "Use", "PostgreSQL"])
        .ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "Start");
    // Edited while proposed: fine.
    let p = "doc/adr/0002-use-postgresql.md";
    let text = sb.read(p);
    sb.write(p, &format!("{text}\nWe compared three stores.\n"));
    commit_all(&mut sb, BO, "2024-01-05T09:00:00+00:00", "Draft");
    sb.adr(&["accept", "2"]).ok();
    let accepted = commit_all(&mut sb, CY, "2024-01-10T09:00:00+00:00", "Accept");
    // A relation and a status line later: still fine.
    sb.adr(&["new", "-s", "2", "Use", "SQLite"]).ok();
    commit_all(&mut sb, ADA, "2024-02-01T09:00:00+00:00", "Supersede");
    sb.write(
        ".adr.toml",
        "[check.rules]\nedited-after-acceptance = \"warning\"\n",
    );
    let run = sb.adr(&["check"]);
    assert!(
        !run.stdout.contains("edited-after-acceptance"),
        "{}",
        run.stdout
    );
    // Then the body of the accepted record 1 (accepted since `adr init`)
    // and of 2 changes.
    let text = sb.read(p);
    sb.write(
        p,
        &text.replace("We compared three stores.", "We compared four stores."),
    );
    let edit = commit_all(&mut sb, DEE, "2024-03-01T09:00:00+00:00", "Rewrite history");
    let text = sb.read(P1);
    sb.write(P1, &format!("{text}\nAn afterthought.\n"));
    let run = sb.adr(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("[edited-after-acceptance]"))
        .collect();
    let line2 = line_of(&sb, p, "four stores");
    let line1 = line_of(&sb, P1, "An afterthought.");
    let init = git(&sb, &["rev-list", "--max-parents=0", "HEAD"]);
    assert_eq!(
        lines,
        [
            format!(
                "{P1}:{line1}:1: warning[edited-after-acceptance]: the body changed after the record was accepted ({} on 2024-01-02 by Ada): 1 line added, 0 removed, changed in the working tree; supersede it with a new record instead",
                &init[..7]
            ),
            format!(
                "{p}:{line2}:1: warning[edited-after-acceptance]: the body changed after the record was accepted ({} on 2024-01-10 by Cy): 1 line added, 1 removed, first changed in {} on 2024-03-01 by Dee; supersede it with a new record instead",
                &accepted[..7],
                &edit[..7]
            ),
        ]
    );
    // Without git the rule cannot run, and says so.
    std::fs::remove_dir_all(sb.root().join(".git")).expect("rm .git");
    let run = sb.adr(&["check"]);
    assert!(!run.stdout.contains("edited-after-acceptance"));
    assert!(
        run.stderr
            .contains("edited-after-acceptance reads git history"),
        "{}",
        run.stderr
    );
}

fn check_changed_since_keeps_the_change_s_findings() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();
    sb.adr(&["new", "Try", "Redis"]).ok();
    // An old problem nobody is touching: no status.
    let p3 = "doc/adr/0003-try-redis.md";
    let text = sb.read(p3);
    sb.write(p3, &text.replace("Accepted\n", ""));
    sb.write("docs/notes.md", "Old note: ADR-2.\n");
    let base = commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "Start");
    git(&sb, &["checkout", "-q", "-b", "pr"]);
    // The change: a new record claims to supersede 2, which does not say
    // so (2 is untouched, but its relation is); a new file cites 2.
    sb.write(
        "doc/adr/0004-use-sqlite.md",
        "# 4. Use SQLite\n\nDate: 2024-02-01\n\n## Status\n\nAccepted\n\nSupersedes [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\nSmaller.\n",
    );
    sb.write("src/db.rs", "// ADR-2\n");
    sb.write(
        ".adr.toml",
        "[check.rules]\ncites-retired = \"warning\"\ntemplate-text = \"off\"\n",
    );
    commit_all(&mut sb, BO, "2024-02-01T09:00:00+00:00", "SQLite");
    let all = sb.adr(&["check"]);
    assert!(all.stdout.contains("0003-try-redis.md"), "{}", all.stdout);
    let run = sb.adr(&["check", "--changed-since", "main"]);
    let rules: Vec<(&str, &str)> = run
        .stdout
        .lines()
        .filter_map(|l| {
            let (path, rest) = l.split_once(':')?;
            let rule = rest.split('[').nth(1)?.split(']').next()?;
            Some((path, rule))
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("doc/adr/0002-use-postgresql.md", "one-sided-relation"),
            ("doc/adr/0002-use-postgresql.md", "superseded-but-active"),
            ("docs/notes.md", "cites-retired"),
            ("src/db.rs", "cites-retired"),
        ],
        "{}",
        run.stdout
    );
    assert_eq!(run.code, 1, "superseded-but-active is an error");
    assert!(run.stderr.contains("in 2 records"), "{}", run.stderr);
    // Since the change's own tip: nothing.
    let run = sb.adr(&["check", "--changed-since", "HEAD"]);
    assert_eq!(run.stdout, "");
    assert_eq!(run.code, 0);
    assert_eq!(
        sb.adr(&["check", "--changed-since", &base]).stdout,
        sb.adr(&["check", "--changed-since", "main"]).stdout
    );
    // Cannot run: an unknown revision, or no git.
    assert_eq!(sb.adr(&["check", "--changed-since", "nowhere"]).code, 2);
    std::fs::remove_dir_all(sb.root().join(".git")).expect("rm .git");
    let run = sb.adr(&["check", "--changed-since", "main"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not in a git work tree"),
        "{}",
        run.stderr
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(diff_reports_every_field_of_a_merged_branch),
        test!(diff_defaults_to_the_merge_base_and_the_working_tree),
        test!(diff_pairs_renames_by_number_slug_and_content_and_not_a_reused_number),
        test!(diff_follows_a_log_folder_that_moved),
        test!(diff_reads_binary_huge_and_unreadable_blobs),
        test!(diff_of_a_merged_branch_from_its_merge_base),
        test!(diff_explains_what_it_cannot_compare),
        test!(diff_in_a_shallow_clone),
        test!(cites_finds_every_form),
        test!(cites_sarif_and_records),
        #[cfg(unix)]
        test!(cites_never_leaves_the_repository_nor_blocks),
        test!(cites_retired_rule),
        test!(edited_after_acceptance_rule),
        test!(check_changed_since_keeps_the_change_s_findings),
    ]
}
