//! Git awareness, on scripted histories with fixed dates and several
//! authors: history fields in `show` and `list`, every line of `adr log`,
//! duplicate numbers from merged branches and branch-safe numbering,
//! `--at`, `--commit`, degraded repositories and the history cache.

use std::path::Path;

use serde_json::{Value, json};

use crate::support::{Run, Sandbox};

/// Someone who commits.
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
const P3: &str = "doc/adr/0003-use-cockroachdb.md";
const P4: &str = "doc/adr/0004-try-redis.md";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Runs git in the sandbox.
fn git_run(sb: &Sandbox, args: &[&str]) -> Run {
    sb.run_program(Path::new("git"), args)
}

/// Runs git in the sandbox, asserting success; returns stdout.
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

/// A sandbox holding a fresh repository on branch `main`.
fn repo() -> Sandbox {
    let sb = Sandbox::new();
    git(&sb, &["init", "-q", "-b", "main"]);
    sb
}

/// Makes later commits (and `--commit`) come from `who` at `date`.
fn as_author(sb: &mut Sandbox, who: Who, date: &str) {
    sb.env("GIT_AUTHOR_NAME", who.name)
        .env("GIT_AUTHOR_EMAIL", who.email)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date);
}

/// Commits everything as `who` at `date`; returns the full commit id.
#[track_caller]
fn commit_all(sb: &mut Sandbox, who: Who, date: &str, message: &str) -> String {
    as_author(sb, who, date);
    git(sb, &["add", "-A"]);
    git(sb, &["commit", "-q", "-m", message]);
    head(sb)
}

fn head(sb: &Sandbox) -> String {
    git(sb, &["rev-parse", "HEAD"]).trim().to_string()
}

fn short(commit: &str) -> &str {
    &commit[..12]
}

#[track_caller]
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A `created`/`updated` object.
fn touch(date: &str, commit: &str, who: Who, emails: bool) -> Value {
    let mut value = json!({"date": date, "commit": &commit[..12], "author": who.name});
    if emails {
        value["email"] = json!(who.email);
    }
    value
}

/// A `status_history` entry.
fn status_change(status: &str, date: &str, commit: &str, who: Who, emails: bool) -> Value {
    let mut value = touch(date, commit, who, emails);
    value["status"] = json!(status);
    value
}

/// The git fields of a record view.
fn git_fields(view: &Value) -> Value {
    json!({
        "created": view["created"],
        "updated": view["updated"],
        "authors": view["authors"],
        "status_history": view["status_history"],
        "uncommitted": view["uncommitted"],
    })
}

/// The record with `path` in a `list --format json` array.
#[track_caller]
fn by_path<'a>(list: &'a Value, path: &str) -> &'a Value {
    list.as_array()
        .expect("an array")
        .iter()
        .find(|r| r["path"] == path)
        .unwrap_or_else(|| panic!("{path} not listed in {list:#}"))
}

/// Paths and statuses of a `list --format json` array.
fn paths_and_statuses(list: &Value) -> Vec<(String, String)> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|r| {
            (
                r["path"].as_str().unwrap_or_default().to_string(),
                r["status"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// The git fields every record has when history knows nothing.
fn unknown_fields() -> Value {
    json!({
        "created": null,
        "updated": null,
        "authors": [],
        "status_history": [],
        "uncommitted": null,
    })
}

/// One expected line of `adr log`.
struct Event {
    date: &'static str,
    commit: String,
    who: Who,
    path: &'static str,
    event: &'static str,
    detail: String,
}

fn event(
    date: &'static str,
    commit: &str,
    who: Who,
    path: &'static str,
    event: &'static str,
    detail: &str,
) -> Event {
    Event {
        date,
        commit: short(commit).to_string(),
        who,
        path,
        event,
        detail: detail.to_string(),
    }
}

fn log_text(events: &[Event], emails: bool) -> String {
    events
        .iter()
        .map(|e| {
            let who = if emails {
                format!("{} <{}>", e.who.name, e.who.email)
            } else {
                e.who.name.to_string()
            };
            let detail = if e.detail.is_empty() {
                String::new()
            } else {
                format!(" {}", e.detail)
            };
            format!(
                "{}  {}  {who}  {}  {}{detail}\n",
                e.date, e.commit, e.path, e.event
            )
        })
        .collect()
}

fn log_json(events: &[Event], emails: bool) -> Value {
    Value::Array(
        events
            .iter()
            .map(|e| {
                let mut value = json!({
                    "date": e.date,
                    "commit": e.commit,
                    "author": e.who.name,
                    "path": e.path,
                    "event": e.event,
                    "detail": e.detail,
                });
                if emails {
                    value["email"] = json!(e.who.email);
                }
                value
            })
            .collect(),
    )
}

/// `git show --stat --format=%s HEAD`.
fn last_commit(sb: &Sandbox) -> String {
    git(sb, &["show", "--stat", "--format=%s", "HEAD"])
}

// ---------------------------------------------------------------------------
// 1. A scripted history
// ---------------------------------------------------------------------------

/// The decision log of a small team, commit by commit:
///
/// - c0 Ada 2024-01-02: `adr init` (0001, accepted)
/// - c1 Ada 2024-01-03 (00:30 at +01:00, still Jan 2 in UTC): 0002 proposed
/// - c2 Bo 2024-02-10 (23:30 at -05:00, already Feb 11 in UTC): 0002 accepted
/// - c3 Cy 2024-03-01: `adr new -s 2` adds 0003, 0002 superseded
/// - c4 Bo 2024-04-01: `adr link 3 Amends 1`
/// - c5 Ada 2024-04-15: 0004 proposed
/// - c6 Cy 2024-04-20: an edit of 0003's text (no status, no link)
/// - c7 Bo 2024-05-01: `git rm` of 0004
/// - c8 Ada 2024-06-01: `git mv` 0002-use-postgresql.md → 0002-use-postgres.md
struct Story {
    sb: Sandbox,
    c: Vec<String>,
}

fn story() -> Story {
    let mut sb = repo();
    let mut c = Vec::new();
    sb.adr(&["init"]).ok();
    c.push(commit_all(
        &mut sb,
        ADA,
        "2024-01-02T09:00:00+00:00",
        "Start a decision log",
    ));
    sb.adr(&["new", "--status", "proposed", "Use", "PostgreSQL"])
        .ok();
    c.push(commit_all(
        &mut sb,
        ADA,
        "2024-01-03T00:30:00+01:00",
        "Propose PostgreSQL",
    ));
    sb.adr(&["accept", "2"]).ok();
    c.push(commit_all(
        &mut sb,
        BO,
        "2024-02-10T23:30:00-05:00",
        "Accept PostgreSQL",
    ));
    sb.adr(&["new", "-s", "2", "Use", "CockroachDB"]).ok();
    c.push(commit_all(
        &mut sb,
        CY,
        "2024-03-01T12:00:00+00:00",
        "CockroachDB replaces PostgreSQL",
    ));
    sb.adr(&["link", "3", "Amends", "1"]).ok();
    c.push(commit_all(
        &mut sb,
        BO,
        "2024-04-01T12:00:00+00:00",
        "3 amends 1",
    ));
    sb.adr(&["new", "--status", "proposed", "Try", "Redis"])
        .ok();
    c.push(commit_all(
        &mut sb,
        ADA,
        "2024-04-15T12:00:00+00:00",
        "Propose Redis",
    ));
    let text = sb.read(P3);
    sb.write(P3, &format!("{text}\nWe measured it: it scales.\n"));
    c.push(commit_all(
        &mut sb,
        CY,
        "2024-04-20T12:00:00+00:00",
        "Measure CockroachDB",
    ));
    git(&sb, &["rm", "-q", P4]);
    c.push(commit_all(
        &mut sb,
        BO,
        "2024-05-01T12:00:00+00:00",
        "Drop the Redis idea",
    ));
    git(&sb, &["mv", P2_OLD, P2]);
    c.push(commit_all(
        &mut sb,
        ADA,
        "2024-06-01T12:00:00+00:00",
        "Shorter name",
    ));
    let tracked = git(&sb, &["ls-files"]);
    assert_eq!(
        tracked,
        format!("{P1}\n{P2}\n{P3}\n"),
        "only records are tracked"
    );
    Story { sb, c }
}

/// Every event of the story, in order.
fn story_events(c: &[String]) -> Vec<Event> {
    vec![
        event("2024-01-02", &c[0], ADA, P1, "added", ""),
        event("2024-01-02", &c[0], ADA, P1, "status", "accepted"),
        event("2024-01-03", &c[1], ADA, P2, "added", ""),
        event("2024-01-03", &c[1], ADA, P2, "status", "proposed"),
        event("2024-02-10", &c[2], BO, P2, "status", "proposed → accepted"),
        event(
            "2024-03-01",
            &c[3],
            CY,
            P2,
            "status",
            "accepted → superseded",
        ),
        event(
            "2024-03-01",
            &c[3],
            CY,
            P2,
            "link",
            "Superseded by 0003-use-cockroachdb.md",
        ),
        event("2024-03-01", &c[3], CY, P3, "added", ""),
        event("2024-03-01", &c[3], CY, P3, "status", "accepted"),
        event(
            "2024-03-01",
            &c[3],
            CY,
            P3,
            "link",
            "Supersedes 0002-use-postgresql.md",
        ),
        event(
            "2024-04-01",
            &c[4],
            BO,
            P1,
            "link",
            "Amended by 0003-use-cockroachdb.md",
        ),
        event(
            "2024-04-01",
            &c[4],
            BO,
            P3,
            "link",
            "Amends 0001-record-architecture-decisions.md",
        ),
        event("2024-04-15", &c[5], ADA, P4, "added", ""),
        event("2024-04-15", &c[5], ADA, P4, "status", "proposed"),
        event("2024-05-01", &c[7], BO, P4, "deleted", ""),
        event(
            "2024-06-01",
            &c[8],
            ADA,
            P2,
            "renamed",
            "from doc/adr/0002-use-postgresql.md",
        ),
    ]
}

/// The git fields of record 2 in the story.
fn record_2_fields(c: &[String], emails: bool) -> Value {
    json!({
        "created": touch("2024-01-03", &c[1], ADA, emails),
        "updated": touch("2024-06-01", &c[8], ADA, emails),
        "authors": ["Ada", "Bo", "Cy"],
        "status_history": [
            status_change("proposed", "2024-01-03", &c[1], ADA, emails),
            status_change("accepted", "2024-02-10", &c[2], BO, emails),
            status_change("superseded", "2024-03-01", &c[3], CY, emails),
        ],
        "uncommitted": false,
    })
}

fn show_json_has_the_history_of_a_renamed_record() {
    let Story { sb, c } = story();
    let out = sb.adr(&["show", "2", "--format", "json"]).ok().to_string();
    let view = parse(&out);
    assert_eq!(view["path"], P2);
    assert_eq!(view["status"], "superseded");
    assert_eq!(git_fields(&view), record_2_fields(&c, false));
    assert!(
        !out.contains("@example.com"),
        "emails shown without --emails:\n{out}"
    );

    let out = sb
        .adr(&["show", "2", "--format", "json", "--emails"])
        .ok()
        .to_string();
    assert_eq!(git_fields(&parse(&out)), record_2_fields(&c, true));

    // Record 3: created by Cy, last changed by Cy's edit of its text (an
    // edit that changed no status and no link still counts).
    let view = parse(sb.adr(&["show", "3", "--format", "json"]).ok());
    assert_eq!(
        git_fields(&view),
        json!({
            "created": touch("2024-03-01", &c[3], CY, false),
            "updated": touch("2024-04-20", &c[6], CY, false),
            "authors": ["Cy", "Bo"],
            "status_history": [status_change("accepted", "2024-03-01", &c[3], CY, false)],
            "uncommitted": false,
        })
    );
}

fn show_text_has_a_history_section() {
    let Story { sb, c } = story();
    let out = sb.adr(&["show", "2"]).ok().to_string();
    let c12 = |i: usize| c[i][..12].to_string();
    for line in [
        "  history".to_string(),
        format!("    added    2024-01-03 {} by Ada", c12(1)),
        format!("    proposed 2024-01-03 {} by Ada", c12(1)),
        format!("    accepted 2024-02-10 {} by Bo", c12(2)),
        format!("    changed  2024-06-01 {} by Ada", c12(8)),
    ] {
        assert!(
            out.lines().any(|l| l == line),
            "no line {line:?} in:\n{out}"
        );
    }
    assert!(
        out.contains(&format!("superseded 2024-03-01 {} by Cy", c12(3))),
        "{out}"
    );
    assert!(!out.contains("not committed"), "{out}");
}

fn list_json_and_table_carry_the_history() {
    let Story { sb, c } = story();
    let out = sb.adr(&["list", "--format", "json"]).ok().to_string();
    assert!(
        !out.contains("@example.com"),
        "emails shown without --emails:\n{out}"
    );
    let list = parse(&out);
    assert_eq!(
        paths_and_statuses(&list),
        [
            (P1.to_string(), "accepted".to_string()),
            (P2.to_string(), "superseded".to_string()),
            (P3.to_string(), "accepted".to_string()),
        ]
    );
    assert_eq!(
        git_fields(by_path(&list, P1)),
        json!({
            "created": touch("2024-01-02", &c[0], ADA, false),
            "updated": touch("2024-04-01", &c[4], BO, false),
            "authors": ["Ada", "Bo"],
            "status_history": [status_change("accepted", "2024-01-02", &c[0], ADA, false)],
            "uncommitted": false,
        })
    );
    assert_eq!(git_fields(by_path(&list, P2)), record_2_fields(&c, false));
    assert_eq!(
        git_fields(by_path(&list, P3)),
        json!({
            "created": touch("2024-03-01", &c[3], CY, false),
            "updated": touch("2024-04-20", &c[6], CY, false),
            "authors": ["Cy", "Bo"],
            "status_history": [status_change("accepted", "2024-03-01", &c[3], CY, false)],
            "uncommitted": false,
        })
    );

    let list = parse(sb.adr(&["list", "--format", "json", "--emails"]).ok());
    assert_eq!(git_fields(by_path(&list, P2)), record_2_fields(&c, true));
    assert_eq!(
        by_path(&list, P1)["updated"],
        touch("2024-04-01", &c[4], BO, true)
    );

    assert_eq!(
        sb.adr(&["list", "--format", "table"]).ok(),
        "\
NUMBER  STATUS      DATE        UPDATED     TITLE                          PATH
     1  accepted    1992-01-12  2024-04-01  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  superseded  1992-01-12  2024-06-01  Use PostgreSQL                 doc/adr/0002-use-postgres.md
     3  accepted    1992-01-12  2024-04-20  Use CockroachDB                doc/adr/0003-use-cockroachdb.md
"
    );
}

fn log_text_of_the_whole_log_and_of_one_record() {
    let Story { sb, c } = story();
    let events = story_events(&c);
    let run = sb.adr(&["log"]);
    assert_eq!(run.ok(), log_text(&events, false));
    assert_eq!(run.stderr, "");

    // The renamed record keeps its history under its new name.
    let record_2: Vec<Event> = story_events(&c)
        .into_iter()
        .filter(|e| e.path == P2)
        .collect();
    assert_eq!(record_2.len(), 6);
    assert_eq!(sb.adr(&["log", "2"]).ok(), log_text(&record_2, false));
    assert_eq!(sb.adr(&["log", P2]).ok(), log_text(&record_2, false));
    assert_eq!(
        sb.adr(&["log", "2", "--emails"]).ok(),
        log_text(&record_2, true)
    );

    let record_1: Vec<Event> = story_events(&c)
        .into_iter()
        .filter(|e| e.path == P1)
        .collect();
    assert_eq!(sb.adr(&["log", "1"]).ok(), log_text(&record_1, false));
}

fn log_json_with_and_without_emails() {
    let Story { sb, c } = story();
    let events = story_events(&c);
    let out = sb.adr(&["log", "--format", "json"]).ok().to_string();
    assert!(!out.contains("@example.com"), "{out}");
    assert_eq!(parse(&out), log_json(&events, false));
    assert_eq!(
        parse(sb.adr(&["log", "--format", "json", "--emails"]).ok()),
        log_json(&events, true)
    );
    let record_3: Vec<Event> = story_events(&c)
        .into_iter()
        .filter(|e| e.path == P3)
        .collect();
    assert_eq!(
        parse(sb.adr(&["log", "3", "--format", "json"]).ok()),
        log_json(&record_3, false)
    );
}

fn html_export_shows_history_and_last_change() {
    let Story { sb, .. } = story();
    sb.adr(&["export", "html", "--out", "site"]).ok();
    let page = sb.read("site/0002-use-postgres.html");
    assert!(
        page.contains(
            "<dt>History</dt><dd>proposed 2024-01-03 by Ada, accepted 2024-02-10 by Bo, \
             superseded 2024-03-01 by Cy</dd>"
        ),
        "{page}"
    );
    assert!(
        page.contains("<dt>Last changed</dt><dd>2024-06-01 by Ada</dd>"),
        "{page}"
    );
    let page = sb.read("site/0003-use-cockroachdb.html");
    assert!(
        page.contains("<dt>History</dt><dd>accepted 2024-03-01 by Cy</dd>"),
        "{page}"
    );
    assert!(
        page.contains("<dt>Last changed</dt><dd>2024-04-20 by Cy</dd>"),
        "{page}"
    );
    for (path, bytes) in sb.tree() {
        if path.starts_with("site/") {
            assert!(
                !String::from_utf8_lossy(&bytes).contains("@example.com"),
                "{path} shows an email address"
            );
        }
    }
}

/// ADR 12: `adr rename` stages the move like `git mv` so that "history
/// follows the file". The move also rewrites the heading, so the new blob
/// differs from the old one; the record must still keep its history.
fn adr_rename_keeps_the_history() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    sb.adr(&["new", "--status", "proposed", "Use", "PostgreSQL"])
        .ok();
    let c1 = commit_all(&mut sb, ADA, "2024-01-03T10:00:00+00:00", "propose");
    sb.adr(&["accept", "2"]).ok();
    let c2 = commit_all(&mut sb, BO, "2024-02-10T10:00:00+00:00", "accept");
    sb.adr(&["rename", "2", "Use", "PostgreSQL", "16"]).ok();
    let c3 = commit_all(&mut sb, CY, "2024-05-01T12:00:00+00:00", "rename");
    const NEW: &str = "doc/adr/0002-use-postgresql-16.md";
    let expected = [
        event("2024-01-03", &c1, ADA, NEW, "added", ""),
        event("2024-01-03", &c1, ADA, NEW, "status", "proposed"),
        event("2024-02-10", &c2, BO, NEW, "status", "proposed → accepted"),
        event(
            "2024-05-01",
            &c3,
            CY,
            NEW,
            "renamed",
            "from doc/adr/0002-use-postgresql.md",
        ),
    ];
    assert_eq!(sb.adr(&["log", "2"]).ok(), log_text(&expected, false));
    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(
        git_fields(&view),
        json!({
            "created": touch("2024-01-03", &c1, ADA, false),
            "updated": touch("2024-05-01", &c3, CY, false),
            "authors": ["Ada", "Bo", "Cy"],
            "status_history": [
                status_change("proposed", "2024-01-03", &c1, ADA, false),
                status_change("accepted", "2024-02-10", &c2, BO, false),
            ],
            "uncommitted": false,
        })
    );
}

/// `adr renumber` moves the file and rewrites its heading, like `adr
/// rename`: the record keeps its history.
fn adr_renumber_keeps_the_history() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    sb.adr(&["new", "--status", "proposed", "Use", "PostgreSQL"])
        .ok();
    let c1 = commit_all(&mut sb, ADA, "2024-01-03T10:00:00+00:00", "propose");
    sb.adr(&["accept", "2"]).ok();
    let c2 = commit_all(&mut sb, BO, "2024-02-10T10:00:00+00:00", "accept");
    sb.adr(&["renumber", "2", "5"]).ok();
    let c3 = commit_all(&mut sb, CY, "2024-05-01T12:00:00+00:00", "renumber");
    const NEW: &str = "doc/adr/0005-use-postgresql.md";
    let expected = [
        event("2024-01-03", &c1, ADA, NEW, "added", ""),
        event("2024-01-03", &c1, ADA, NEW, "status", "proposed"),
        event("2024-02-10", &c2, BO, NEW, "status", "proposed → accepted"),
        event(
            "2024-05-01",
            &c3,
            CY,
            NEW,
            "renamed",
            &format!("from {P2_OLD}"),
        ),
    ];
    assert_eq!(sb.adr(&["log", "5"]).ok(), log_text(&expected, false));
    let view = parse(sb.adr(&["show", "5", "--format", "json"]).ok());
    assert_eq!(view["created"], touch("2024-01-03", &c1, ADA, false));
}

/// Moving the whole ADR folder (`git mv doc/adr docs/decisions` and a new
/// `.adr-dir`) renames every record: each keeps its history.
fn moving_the_adr_folder_keeps_the_history() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let c0 = commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    std::fs::create_dir_all(sb.root().join("docs")).expect("mkdir docs");
    git(&sb, &["mv", "doc/adr", "docs/decisions"]);
    sb.write(".adr-dir", "docs/decisions\n");
    let c1 = commit_all(&mut sb, BO, "2024-02-01T09:00:00+00:00", "move the log");
    const NEW: &str = "docs/decisions/0001-record-architecture-decisions.md";
    let expected = [
        event("2024-01-02", &c0, ADA, NEW, "added", ""),
        event("2024-01-02", &c0, ADA, NEW, "status", "accepted"),
        event("2024-02-01", &c1, BO, NEW, "renamed", &format!("from {P1}")),
    ];
    assert_eq!(sb.adr(&["log"]).ok(), log_text(&expected, false));
    let view = parse(sb.adr(&["show", "1", "--format", "json"]).ok());
    assert_eq!(view["created"], touch("2024-01-02", &c0, ADA, false));
    assert_eq!(view["updated"], touch("2024-02-01", &c1, BO, false));
}

/// Commits made within one second (as `--commit` in a script makes them)
/// are still logged in commit order, not grouped by path.
fn log_keeps_commit_order_when_commits_share_a_second() {
    let mut sb = repo();
    let when = "2024-03-01T12:00:00+00:00";
    sb.adr(&["init"]).ok();
    let c0 = commit_all(&mut sb, ADA, when, "init");
    sb.adr(&["new", "Use", "Zebra"]).ok();
    let c1 = commit_all(&mut sb, ADA, when, "zebra");
    sb.adr(&["new", "Use", "Apple"]).ok();
    let c2 = commit_all(&mut sb, BO, when, "apple");
    sb.adr(&["deprecate", "2"]).ok();
    let c3 = commit_all(&mut sb, CY, when, "deprecate zebra");
    let d = "2024-03-01";
    let zebra = "doc/adr/0002-use-zebra.md";
    let apple = "doc/adr/0003-use-apple.md";
    let expected = [
        event(d, &c0, ADA, P1, "added", ""),
        event(d, &c0, ADA, P1, "status", "accepted"),
        event(d, &c1, ADA, zebra, "added", ""),
        event(d, &c1, ADA, zebra, "status", "accepted"),
        event(d, &c2, BO, apple, "added", ""),
        event(d, &c2, BO, apple, "status", "accepted"),
        event(d, &c3, CY, zebra, "status", "accepted → deprecated"),
    ];
    assert_eq!(sb.adr(&["log"]).ok(), log_text(&expected, false));
}

// ---------------------------------------------------------------------------
// 2. Branches: duplicate numbers and branch-safe numbering
// ---------------------------------------------------------------------------

fn merged_branches_that_took_the_same_number() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let c0 = commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    git(&sb, &["checkout", "-q", "-b", "feature"]);
    assert_eq!(
        sb.adr(&["new", "Use", "Kafka"]).ok(),
        "doc/adr/0002-use-kafka.md\n"
    );
    let kafka = commit_all(&mut sb, BO, "2024-01-05T10:00:00+00:00", "kafka");
    git(&sb, &["checkout", "-q", "main"]);
    // As if `main` had not seen `feature` yet.
    sb.write(".adr.toml", "[new]\nother_branches = \"none\"\n");
    assert_eq!(
        sb.adr(&["new", "Use", "RabbitMQ"]).ok(),
        "doc/adr/0002-use-rabbitmq.md\n"
    );
    std::fs::remove_file(sb.root().join(".adr.toml")).expect("remove .adr.toml");
    let rabbit = commit_all(&mut sb, ADA, "2024-01-06T10:00:00+00:00", "rabbit");
    as_author(&mut sb, ADA, "2024-01-07T10:00:00+00:00");
    git(&sb, &["merge", "-q", "--no-edit", "feature"]);

    let run = sb.adr(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let (k, r) = (short(&kafka), short(&rabbit));
    for line in [
        format!(
            "doc/adr/0002-use-kafka.md:1:1: error[duplicate-number]: number 2 is also used by \
             0002-use-rabbitmq.md, added on different branches ({k} and {r}); give one a new \
             number with `adr renumber`"
        ),
        format!(
            "doc/adr/0002-use-rabbitmq.md:1:1: error[duplicate-number]: number 2 is also used by \
             0002-use-kafka.md, added on different branches ({r} and {k}); give one a new \
             number with `adr renumber`"
        ),
    ] {
        assert!(
            run.stdout.lines().any(|l| l == line),
            "no line {line:?} in:\n{}",
            run.stdout
        );
    }
    let report = parse(&sb.adr(&["check", "--format", "json"]).stdout);
    let duplicates: Vec<&Value> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "duplicate-number")
        .collect();
    assert_eq!(duplicates.len(), 2, "{report:#}");
    for finding in duplicates {
        assert_eq!(finding["severity"], "error");
        assert!(
            finding["message"]
                .as_str()
                .is_some_and(|m| m.contains("added on different branches (")),
            "{finding}"
        );
    }

    assert_eq!(
        sb.adr(&["list"]).ok(),
        format!("{P1}\ndoc/adr/0002-use-kafka.md\ndoc/adr/0002-use-rabbitmq.md\n")
    );
    assert_eq!(
        sb.adr(&["list", "--format", "table"]).ok(),
        "\
NUMBER  STATUS    DATE        UPDATED     TITLE                          PATH
     1  accepted  1992-01-12  2024-01-02  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  accepted  1992-01-12  2024-01-05  Use Kafka                      doc/adr/0002-use-kafka.md
     2  accepted  1992-01-12  2024-01-06  Use RabbitMQ                   doc/adr/0002-use-rabbitmq.md
"
    );
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(
        by_path(&list, "doc/adr/0002-use-kafka.md")["created"],
        touch("2024-01-05", &kafka, BO, false)
    );
    assert_eq!(
        by_path(&list, "doc/adr/0002-use-rabbitmq.md")["created"],
        touch("2024-01-06", &rabbit, ADA, false)
    );
    let expected = [
        event("2024-01-02", &c0, ADA, P1, "added", ""),
        event("2024-01-02", &c0, ADA, P1, "status", "accepted"),
        event(
            "2024-01-05",
            &kafka,
            BO,
            "doc/adr/0002-use-kafka.md",
            "added",
            "",
        ),
        event(
            "2024-01-05",
            &kafka,
            BO,
            "doc/adr/0002-use-kafka.md",
            "status",
            "accepted",
        ),
        event(
            "2024-01-06",
            &rabbit,
            ADA,
            "doc/adr/0002-use-rabbitmq.md",
            "added",
            "",
        ),
        event(
            "2024-01-06",
            &rabbit,
            ADA,
            "doc/adr/0002-use-rabbitmq.md",
            "status",
            "accepted",
        ),
    ];
    assert_eq!(sb.adr(&["log"]).ok(), log_text(&expected, false));
}

fn duplicates_added_on_one_branch_do_not_blame_branches() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    sb.write(
        "doc/adr/0001-other.md",
        "# 1. Other\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n",
    );
    commit_all(&mut sb, BO, "2024-01-03T09:00:00+00:00", "other");
    let run = sb.adr(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("error[duplicate-number]: number 1 is also used by"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("different branches"), "{}", run.stdout);
}

/// One branch accepts record 2 while another fixes a sentence in it; after
/// the merge the record is accepted. The sentence fix changed no status:
/// history must not say it took the record back to proposed.
fn parallel_edits_of_one_record_on_two_branches() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "--status", "proposed", "Use", "X"]).ok();
    let c0 = commit_all(&mut sb, ADA, "2024-01-02T10:00:00+00:00", "base");
    let path = "doc/adr/0002-use-x.md";
    git(&sb, &["checkout", "-q", "-b", "typo"]);
    let text = sb.read(path);
    let fixed = text.replace(
        "The issue motivating this decision, and any context that influences or constrains the decision.",
        "We need X.",
    );
    assert_ne!(fixed, text);
    sb.write(path, &fixed);
    let typo = commit_all(&mut sb, CY, "2024-02-02T10:00:00+00:00", "typo");
    git(&sb, &["checkout", "-q", "main"]);
    sb.adr(&["accept", "2"]).ok();
    let accept = commit_all(&mut sb, BO, "2024-02-01T10:00:00+00:00", "accept");
    as_author(&mut sb, ADA, "2024-02-03T10:00:00+00:00");
    git(&sb, &["merge", "-q", "--no-edit", "typo"]);
    let merged = sb.read(path);
    assert!(merged.contains("\nAccepted\n") && merged.contains("We need X."));

    let expected = [
        event("2024-01-02", &c0, ADA, path, "added", ""),
        event("2024-01-02", &c0, ADA, path, "status", "proposed"),
        event(
            "2024-02-01",
            &accept,
            BO,
            path,
            "status",
            "proposed → accepted",
        ),
    ];
    assert_eq!(sb.adr(&["log", "2"]).ok(), log_text(&expected, false));
    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(
        git_fields(&view),
        json!({
            "created": touch("2024-01-02", &c0, ADA, false),
            "updated": touch("2024-02-02", &typo, CY, false),
            "authors": ["Ada", "Bo", "Cy"],
            "status_history": [
                status_change("proposed", "2024-01-02", &c0, ADA, false),
                status_change("accepted", "2024-02-01", &accept, BO, false),
            ],
            "uncommitted": false,
        })
    );
}

/// main: 0001-0003; `feature`: 0004.
fn branch_holding_0004() -> Sandbox {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "A"]).ok();
    sb.adr(&["new", "Use", "B"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "base");
    git(&sb, &["checkout", "-q", "-b", "feature"]);
    assert_eq!(
        sb.adr(&["new", "Use", "Feature"]).ok(),
        "doc/adr/0004-use-feature.md\n"
    );
    commit_all(&mut sb, BO, "2024-01-03T09:00:00+00:00", "feature");
    git(&sb, &["checkout", "-q", "main"]);
    assert!(!sb.exists("doc/adr/0004-use-feature.md"));
    sb
}

/// `adr new Use N` in the sandbox; returns the path printed, removing the
/// file again.
#[track_caller]
fn new_number(sb: &Sandbox) -> String {
    let path = sb.adr(&["new", "Use", "N"]).ok().trim().to_string();
    std::fs::remove_file(sb.cwd().join(&path)).expect("remove the new record");
    path
}

fn new_skips_numbers_taken_on_local_branches() {
    let sb = branch_holding_0004();
    assert_eq!(new_number(&sb), "doc/adr/0005-use-n.md");
    sb.write(".adr.toml", "[new]\nother_branches = \"local\"\n");
    assert_eq!(new_number(&sb), "doc/adr/0005-use-n.md");
    sb.write(".adr.toml", "[new]\nother_branches = \"all\"\n");
    assert_eq!(new_number(&sb), "doc/adr/0005-use-n.md");
    sb.write(".adr.toml", "[new]\nother_branches = \"none\"\n");
    assert_eq!(new_number(&sb), "doc/adr/0004-use-n.md");
}

fn new_skips_numbers_taken_on_remote_tracking_branches() {
    let origin = branch_holding_0004();
    let mut clone = Sandbox::new();
    let url = format!("file://{}", origin.root().display());
    git(&clone, &["clone", "-q", &url, "clone"]);
    clone.cd("clone");
    assert!(
        git(&clone, &["branch", "-a"]).contains("remotes/origin/feature"),
        "the clone has no origin/feature"
    );
    assert_eq!(new_number(&clone), "doc/adr/0005-use-n.md");
    clone.write("clone/.adr.toml", "[new]\nother_branches = \"local\"\n");
    assert_eq!(new_number(&clone), "doc/adr/0004-use-n.md");
    clone.write("clone/.adr.toml", "[new]\nother_branches = \"none\"\n");
    assert_eq!(new_number(&clone), "doc/adr/0004-use-n.md");
}

/// Every other command rejects an invalid `.adr.toml` (`adr accept`: "adr:
/// error: .adr.toml:2: unknown variant `bogus`…"); `adr new` must not
/// silently fall back to the default.
fn new_rejects_an_invalid_other_branches_setting() {
    let sb = branch_holding_0004();
    sb.write(".adr.toml", "[new]\nother_branches = \"bogus\"\n");
    let run = sb.adr(&["new", "Use", "N"]);
    let err = run.fails();
    assert!(
        err.contains(".adr.toml:2") && err.contains("bogus"),
        "stderr: {err}"
    );
    assert!(!sb.exists("doc/adr/0005-use-n.md"));
    assert!(!sb.exists("doc/adr/0004-use-n.md"));
}

// ---------------------------------------------------------------------------
// 3. --at
// ---------------------------------------------------------------------------

fn list_at_a_date_or_revision_shows_the_log_as_it_was() {
    let Story { sb, c } = story();
    let table = |at: &str| {
        sb.adr(&["list", "--format", "table", "--at", at])
            .ok()
            .to_string()
    };
    assert_eq!(
        table("2024-01-02"),
        "\
NUMBER  STATUS    DATE        TITLE                          PATH
     1  accepted  1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
"
    );
    let proposed = "\
NUMBER  STATUS    DATE        TITLE                          PATH
     1  accepted  1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  proposed  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgresql.md
";
    assert_eq!(table("2024-01-03"), proposed);
    assert_eq!(table("2024-02-09"), proposed);
    // Bo accepted at 23:30 on Feb 10 in his zone (Feb 11 in UTC).
    assert_eq!(
        table("2024-02-10"),
        "\
NUMBER  STATUS    DATE        TITLE                          PATH
     1  accepted  1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  accepted  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgresql.md
"
    );
    let superseded = "\
NUMBER  STATUS      DATE        TITLE                          PATH
     1  accepted    1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  superseded  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgresql.md
     3  accepted    1992-01-12  Use CockroachDB                doc/adr/0003-use-cockroachdb.md
";
    assert_eq!(table("2024-03-01"), superseded);
    assert_eq!(table(&c[3]), superseded);
    assert_eq!(table(short(&c[3])), superseded);
    let with_redis = "\
NUMBER  STATUS      DATE        TITLE                          PATH
     1  accepted    1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  superseded  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgresql.md
     3  accepted    1992-01-12  Use CockroachDB                doc/adr/0003-use-cockroachdb.md
     4  proposed    1992-01-12  Try Redis                      doc/adr/0004-try-redis.md
";
    assert_eq!(table("2024-04-15"), with_redis);
    assert_eq!(table("HEAD~3"), with_redis);
    // After the deletion, before the rename.
    assert_eq!(table("HEAD~1"), superseded);
    assert_eq!(
        table("main"),
        "\
NUMBER  STATUS      DATE        TITLE                          PATH
     1  accepted    1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  superseded  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgres.md
     3  accepted    1992-01-12  Use CockroachDB                doc/adr/0003-use-cockroachdb.md
"
    );

    assert_eq!(
        sb.adr(&["list", "--at", "2024-02-10"]).ok(),
        format!("{P1}\n{P2_OLD}\n")
    );
    let list = parse(
        sb.adr(&["list", "--format", "json", "--at", "2024-02-09"])
            .ok(),
    );
    assert_eq!(
        paths_and_statuses(&list),
        [
            (P1.to_string(), "accepted".to_string()),
            (P2_OLD.to_string(), "proposed".to_string()),
        ]
    );
    assert_eq!(
        sb.adr(&["list", "--at", "2024-04-15", "--status", "proposed"])
            .ok(),
        format!("{P4}\n")
    );
    // The working tree is untouched.
    assert!(sb.exists(P2) && !sb.exists(P2_OLD) && !sb.exists(P4));
}

fn graph_at_a_date_or_revision() {
    let Story { sb, c } = story();
    assert_eq!(
        sb.adr(&["graph", "--at", "2024-02-10"]).ok(),
        "  1. Record architecture decisions\n  2. Use PostgreSQL\n"
    );
    let superseded = "  1. Record architecture decisions\nx 2. Use PostgreSQL\n  \
                      3. Use CockroachDB\n    supersedes 2. Use PostgreSQL\n";
    assert_eq!(sb.adr(&["graph", "--at", "2024-03-01"]).ok(), superseded);
    assert_eq!(sb.adr(&["graph", "--at", &c[3]]).ok(), superseded);
    let amended = "  1. Record architecture decisions\nx 2. Use PostgreSQL\n  \
                   3. Use CockroachDB\n    amends 1. Record architecture decisions\n    \
                   supersedes 2. Use PostgreSQL\n";
    assert_eq!(sb.adr(&["graph", "--at", "2024-04-01"]).ok(), amended);
    let json = parse(
        sb.adr(&["graph", "--at", "2024-02-10", "--format", "json"])
            .ok(),
    );
    assert_eq!(json["nodes"].as_array().map(Vec::len), Some(2), "{json:#}");
    assert_eq!(json["edges"], json!([]), "{json:#}");
}

fn at_an_unknown_revision_or_before_the_first_commit_is_a_clear_error() {
    let Story { sb, .. } = story();
    for args in [
        ["list", "--at", "2023-12-31"],
        ["graph", "--at", "2023-12-31"],
    ] {
        let run = sb.adr(&args);
        let err = run.fails();
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            err.contains("2023-12-31") && err.contains("history starts on 2024-01-02"),
            "{args:?}: {err}"
        );
    }
    for (args, bad) in [
        (["list", "--at", "no-such-branch"], "no-such-branch"),
        (["graph", "--at", "no-such-branch"], "no-such-branch"),
        (["list", "--at", "2024-02-30"], "2024-02-30"),
        (["list", "--at", "deadbeef"], "deadbeef"),
    ] {
        let run = sb.adr(&args);
        let err = run.fails();
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            err.contains(&format!("`{bad}` is neither a revision nor a date")),
            "{args:?}: {err}"
        );
    }
}

// ---------------------------------------------------------------------------
// 4. --commit
// ---------------------------------------------------------------------------

fn commit_flag_commits_exactly_the_changed_files() {
    let mut sb = repo();
    as_author(&mut sb, DEE, "2024-07-01T10:00:00+00:00");
    sb.write("notes.txt", "not a record\n");
    sb.write("staged.txt", "staged by hand\n");

    let run = sb.adr(&["--commit", "init"]);
    assert_eq!(run.ok(), format!("{P1}\n"));
    assert!(
        run.stderr.starts_with("adr: committed ")
            && run
                .stderr
                .trim_end()
                .ends_with(" docs(adr): record architecture decisions"),
        "{}",
        run.stderr
    );
    assert_eq!(
        last_commit(&sb),
        "docs(adr): record architecture decisions

 doc/adr/0001-record-architecture-decisions.md | 19 +++++++++++++++++++
 1 file changed, 19 insertions(+)
"
    );
    assert_eq!(
        git(
            &sb,
            &["log", "-1", "--format=%an <%ae> %ad", "--date=short"]
        ),
        "Dee <dee@example.com> 2024-07-01\n"
    );
    git(&sb, &["add", "staged.txt"]);

    let steps: &[(&[&str], &str)] = &[
        (
            &["--commit", "new", "Use", "PostgreSQL"],
            "docs(adr): add 2 \"Use PostgreSQL\"

 doc/adr/0002-use-postgresql.md | 19 +++++++++++++++++++
 1 file changed, 19 insertions(+)
",
        ),
        (
            &["new", "--commit", "Use", "MySQL"],
            "docs(adr): add 3 \"Use MySQL\"

 doc/adr/0003-use-mysql.md | 19 +++++++++++++++++++
 1 file changed, 19 insertions(+)
",
        ),
        (
            &["--commit", "supersede", "2", "3"],
            "docs(adr): supersede 2 with 3

 doc/adr/0002-use-postgresql.md | 2 +-
 doc/adr/0003-use-mysql.md      | 2 ++
 2 files changed, 3 insertions(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "link", "3", "Amends", "1"],
            "docs(adr): link 3 \"Amends\" 1

 doc/adr/0001-record-architecture-decisions.md | 2 ++
 doc/adr/0003-use-mysql.md                     | 2 ++
 2 files changed, 4 insertions(+)
",
        ),
        (
            &["--commit", "unlink", "3", "1"],
            "docs(adr): unlink 3 and 1

 doc/adr/0001-record-architecture-decisions.md | 2 --
 doc/adr/0003-use-mysql.md                     | 2 --
 2 files changed, 4 deletions(-)
",
        ),
        (
            &["--commit", "status", "3", "deprecated"],
            "docs(adr): mark 3 deprecated

 doc/adr/0003-use-mysql.md | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "accept", "3"],
            "docs(adr): mark 3 accepted

 doc/adr/0003-use-mysql.md | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "propose", "3"],
            "docs(adr): mark 3 proposed

 doc/adr/0003-use-mysql.md | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "reject", "3"],
            "docs(adr): mark 3 rejected

 doc/adr/0003-use-mysql.md | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "deprecate", "3"],
            "docs(adr): mark 3 deprecated

 doc/adr/0003-use-mysql.md | 2 +-
 1 file changed, 1 insertion(+), 1 deletion(-)
",
        ),
        (
            &["--commit", "new", "-s", "3", "Use", "MariaDB"],
            "docs(adr): add 4 \"Use MariaDB\", superseding 3

 doc/adr/0003-use-mysql.md   |  2 ++
 doc/adr/0004-use-mariadb.md | 21 +++++++++++++++++++++
 2 files changed, 23 insertions(+)
",
        ),
    ];
    for (args, expected) in steps {
        let before = head(&sb);
        let run = sb.adr(args);
        run.ok();
        assert!(
            run.stderr.contains("adr: committed "),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(last_commit(&sb), *expected, "{args:?}");
        assert_eq!(
            git(&sb, &["rev-parse", "HEAD~1"]).trim(),
            before,
            "{args:?} made more than one commit"
        );
        // Nothing else was committed or staged: the hand-staged file stays
        // staged, the untracked one untracked.
        assert_eq!(
            git(&sb, &["status", "--porcelain"]),
            "A  staged.txt\n?? notes.txt\n",
            "{args:?}"
        );
    }
    // The commits are in the history adr reads.
    let log = sb.adr(&["log", "4"]).ok().to_string();
    assert!(
        log.contains("  Dee  doc/adr/0004-use-mariadb.md  added\n"),
        "{log}"
    );
}

fn commit_flag_on_init_with_a_folder_commits_adr_dir() {
    let sb = repo();
    assert_eq!(
        sb.adr(&["--commit", "init", "doc/decisions"]).ok(),
        "doc/decisions/0001-record-architecture-decisions.md\n"
    );
    assert_eq!(
        last_commit(&sb),
        "docs(adr): record architecture decisions

 .adr-dir                                            |  1 +
 doc/decisions/0001-record-architecture-decisions.md | 19 +++++++++++++++++++
 2 files changed, 20 insertions(+)
"
    );
    assert_eq!(git(&sb, &["status", "--porcelain"]), "");
}

/// `renumber` and `rename` move the file (staged like `git mv`) and rewrite
/// the links to it: the commit holds the move and the rewritten files.
fn commit_flag_on_renumber_and_rename_commits_the_move() {
    let sb = repo();
    sb.adr(&["--commit", "init"]).ok();
    sb.adr(&["--commit", "new", "Use", "PostgreSQL"]).ok();
    sb.adr(&["--commit", "new", "-s", "2", "Use", "MySQL"]).ok();

    let run = sb.adr(&["--commit", "renumber", "3", "7"]);
    assert_eq!(
        run.stdout,
        "doc/adr/0003-use-mysql.md -> doc/adr/0007-use-mysql.md\ndoc/adr/0002-use-postgresql.md\n"
    );
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        last_commit(&sb),
        "docs(adr): renumber 3 to 7

 doc/adr/0002-use-postgresql.md                   | 2 +-
 doc/adr/{0003-use-mysql.md => 0007-use-mysql.md} | 2 +-
 2 files changed, 2 insertions(+), 2 deletions(-)
"
    );
    assert_eq!(git(&sb, &["status", "--porcelain"]), "");

    let run = sb.adr(&["--commit", "rename", "7", "Use", "MariaDB"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_eq!(
        last_commit(&sb),
        "docs(adr): rename 7 to \"Use MariaDB\"

 doc/adr/0002-use-postgresql.md                     | 2 +-
 doc/adr/{0007-use-mysql.md => 0007-use-mariadb.md} | 2 +-
 2 files changed, 2 insertions(+), 2 deletions(-)
"
    );
    assert_eq!(git(&sb, &["status", "--porcelain"]), "");
}

fn a_failing_pre_commit_hook_fails_the_command() {
    let sb = repo();
    sb.adr(&["--commit", "init"]).ok();
    let before = head(&sb);
    sb.write(
        ".git/hooks/pre-commit",
        "#!/bin/sh\necho 'pre-commit: ADR lint failed' >&2\nexit 1\n",
    );
    make_executable(&sb.root().join(".git/hooks/pre-commit"));

    let run = sb.adr(&["--commit", "new", "Use", "Hooks"]);
    let err = run.fails();
    assert!(err.contains("pre-commit: ADR lint failed"), "stderr: {err}");
    assert!(!err.contains("adr: committed"), "stderr: {err}");
    // The record is written; no commit was made.
    assert!(sb.exists("doc/adr/0002-use-hooks.md"));
    assert!(
        sb.read("doc/adr/0002-use-hooks.md")
            .starts_with("# 2. Use Hooks\n")
    );
    assert_eq!(head(&sb), before);

    let run = sb.adr(&["--commit", "deprecate", "1"]);
    let err = run.fails();
    assert!(err.contains("pre-commit: ADR lint failed"), "stderr: {err}");
    assert!(sb.read(P1).contains("\nDeprecated\n"));
    assert_eq!(head(&sb), before);
}

/// `--commit` works on every command that writes, import and
/// `check --fix` included, and after the command's name as well as before.
fn commit_flag_on_import_and_check_fix() {
    let sb = repo();
    let source = Sandbox::new();
    source.adr(&["init"]).ok();
    source.adr(&["new", "Use", "PostgreSQL"]).ok();
    let json = source.adr(&["export", "json"]).ok().to_string();
    sb.write("exported.json", &json);
    let run = sb.adr(&["import", "json", "exported.json", "--commit"]);
    run.ok();
    assert!(run.stderr.contains("adr: committed "), "{}", run.stderr);
    assert!(
        last_commit(&sb).starts_with("docs(adr): import 2 records\n"),
        "{}",
        last_commit(&sb)
    );

    // A one-sided supersession, repaired and committed.
    sb.write(
        "doc/adr/0003-use-sqlite.md",
        "# 3. Use SQLite\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\nSupersedes [2. Use PostgreSQL](0002-use-postgresql.md)\n",
    );
    git(&sb, &["add", "."]);
    git(&sb, &["commit", "-qm", "three"]);
    let before = head(&sb);
    let run = sb.adr(&["check", "--fix", "--commit"]);
    assert!(
        run.stdout.contains("fixed doc/adr/0002-use-postgresql.md"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("adr: committed "), "{}", run.stderr);
    assert_ne!(head(&sb), before);
    assert!(
        git(&sb, &["show", "--stat", "--format=%s", "HEAD"]).contains("0002-use-postgresql.md"),
        "the repaired file is in the commit"
    );
    assert_eq!(git(&sb, &["status", "--porcelain"]), "");

    // Without --fix, or with --dry-run, nothing writes: --commit is refused.
    for args in [
        &["check", "--commit"][..],
        &["check", "--fix", "--dry-run", "--commit"],
    ] {
        let run = sb.adr(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("--commit goes with commands that change records")
        );
    }
}

/// A record that states no date is dated by the commit that added it, and
/// says so; a stated date always wins.
fn undated_records_take_their_date_from_git() {
    let mut sb = repo();
    sb.write(
        "doc/adr/0001-undated.md",
        "# 1. Undated\n\n## Status\n\nAccepted\n",
    );
    sb.write(
        "doc/adr/0002-dated.md",
        "# 2. Dated\n\nDate: 2020-02-02\n\n## Status\n\nAccepted\n",
    );
    commit_all(&mut sb, ADA, "2024-03-04T10:00:00+00:00", "records");
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(list[0]["date"], "2024-03-04");
    assert_eq!(list[0]["date_source"], "git");
    assert_eq!(list[1]["date"], "2020-02-02");
    assert_eq!(list[1]["date_source"], "text");
    let show = sb.adr(&["show", "1"]).ok().to_string();
    assert!(
        show.contains("  date     2024-03-04 (from git)\n"),
        "{show}"
    );
    let table = sb.adr(&["list", "--format", "table"]).ok().to_string();
    assert!(table.contains("2024-03-04 (git)"), "{table}");
    // Outside git nothing is made up.
    let plain = Sandbox::new();
    plain.write("doc/adr/0001-undated.md", "# 1. Undated\n");
    let list = parse(plain.adr(&["list", "--format", "json"]).ok());
    assert_eq!(list[0]["date"], serde_json::Value::Null);
    assert_eq!(list[0]["date_source"], serde_json::Value::Null);
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

fn commit_flag_is_refused_on_read_only_commands() {
    let sb = repo();
    sb.adr(&["--commit", "init"]).ok();
    let before = head(&sb);
    let files = sb.tree();
    for args in [
        &["--commit", "list"][..],
        &["list", "--commit", "--format", "table"],
        &["--commit", "show", "1"],
        &["--commit", "log"],
        &["--commit", "graph"],
        &["--commit", "check"],
        &["--commit", "generate", "toc"],
        &["--commit", "export", "html", "--out", "site"],
    ] {
        let run = sb.adr(args);
        let err = run.fails();
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(
            err.contains("--commit goes with commands that change records"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(head(&sb), before);
    assert_eq!(sb.tree(), files, "a refused command wrote files");
}

// ---------------------------------------------------------------------------
// 5. Degraded environments
// ---------------------------------------------------------------------------

fn outside_a_git_repository() {
    let sb = Sandbox::new();
    assert_ne!(
        git_run(&sb, &["rev-parse", "--git-dir"]).code,
        0,
        "the sandbox is inside a git repository; this test needs a temporary folder outside one"
    );
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();

    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(git_fields(&view), unknown_fields());
    let list = parse(sb.adr(&["list", "--format", "json", "--emails"]).ok());
    for record in list.as_array().expect("array") {
        assert_eq!(git_fields(record), unknown_fields());
    }
    assert_eq!(
        sb.adr(&["list", "--format", "table"]).ok(),
        "\
NUMBER  STATUS    DATE        TITLE                          PATH
     1  accepted  1992-01-12  Record architecture decisions  doc/adr/0001-record-architecture-decisions.md
     2  accepted  1992-01-12  Use PostgreSQL                 doc/adr/0002-use-postgresql.md
"
    );
    let show = sb.adr(&["show", "2"]).ok().to_string();
    assert!(!show.contains("history"), "{show}");
    sb.adr(&["graph"]).ok();
    assert_eq!(sb.adr(&["check"]).code, 0);
    sb.adr(&["export", "html", "--out", "site"]).ok();
    assert!(
        !sb.read("site/0002-use-postgresql.html")
            .contains("<dt>History</dt>")
    );
    assert_eq!(
        sb.adr(&["new", "Use", "Redis"]).ok(),
        "doc/adr/0003-use-redis.md\n"
    );

    let run = sb.adr(&["log"]);
    let err = run.fails();
    assert_eq!(run.stdout, "");
    assert!(
        err.contains("`adr log` reads git history") && err.contains("not in a git work tree"),
        "{err}"
    );
    let err = sb.adr(&["log", "2"]).fails().to_string();
    assert!(err.contains("not in a git work tree"), "{err}");
    for args in [["list", "--at", "HEAD"], ["graph", "--at", "2024-01-01"]] {
        let run = sb.adr(&args);
        let err = run.fails();
        assert!(
            err.contains("--at reads git history") && err.contains("not in a git work tree"),
            "{args:?}: {err}"
        );
    }
}

fn unborn_branch() {
    let sb = repo();
    sb.adr(&["init"]).ok();
    sb.adr(&["new", "Use", "PostgreSQL"]).ok();
    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(git_fields(&view), unknown_fields());
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    for record in list.as_array().expect("array") {
        assert_eq!(git_fields(record), unknown_fields());
    }
    assert!(
        !sb.adr(&["list", "--format", "table"])
            .ok()
            .contains("UPDATED")
    );
    for args in [&["log"][..], &["log", "2"], &["log", "--format", "json"]] {
        let run = sb.adr(args);
        assert_eq!(run.ok(), "", "{args:?}");
        assert_eq!(
            run.stderr, "adr: note: this repository has no commits yet\n",
            "{args:?}"
        );
    }
    assert_eq!(sb.adr(&["check"]).code, 0);
    sb.adr(&["graph"]).ok();
    assert_eq!(
        sb.adr(&["new", "Use", "Redis"]).ok(),
        "doc/adr/0003-use-redis.md\n"
    );
    assert!(!sb.exists(CACHE));
}

/// With no commits there is nothing to go back to: `--at` should say so
/// rather than claim a well-formed date is not a date.
fn unborn_branch_at_says_there_are_no_commits() {
    let sb = repo();
    sb.adr(&["init"]).ok();
    let err = sb.adr(&["list", "--at", "2024-01-01"]).fails().to_string();
    assert!(err.contains("no commits"), "stderr: {err}");
    assert!(
        !err.contains("neither a revision nor a date"),
        "stderr: {err}"
    );
}

fn detached_head() {
    let Story { sb, c } = story();
    // Back before 0004 was proposed: main still holds 0001-0003.
    git(&sb, &["checkout", "-q", "--detach", &c[4]]);
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(
        paths_and_statuses(&list),
        [
            (P1.to_string(), "accepted".to_string()),
            (P2_OLD.to_string(), "superseded".to_string()),
            (P3.to_string(), "accepted".to_string()),
        ]
    );
    assert_eq!(
        git_fields(by_path(&list, P3)),
        json!({
            "created": touch("2024-03-01", &c[3], CY, false),
            "updated": touch("2024-04-01", &c[4], BO, false),
            "authors": ["Cy", "Bo"],
            "status_history": [status_change("accepted", "2024-03-01", &c[3], CY, false)],
            "uncommitted": false,
        })
    );
    // The events up to c4, under the names of then.
    let expected: Vec<Event> = story_events(&c)
        .into_iter()
        .take(12)
        .map(|e| Event {
            path: if e.path == P2 { P2_OLD } else { e.path },
            ..e
        })
        .collect();
    let run = sb.adr(&["log"]);
    assert_eq!(run.ok(), log_text(&expected, false));
    assert_eq!(run.stderr, "");
    // The highest number on any branch (main: 0001-0003, 0004 deleted) is 3.
    assert_eq!(
        sb.adr(&["new", "Use", "Detached"]).ok(),
        "doc/adr/0004-use-detached.md\n"
    );
}

fn detached_head_new_avoids_numbers_of_the_branch_it_left() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let c0 = commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    sb.adr(&["new", "Use", "A"]).ok();
    sb.adr(&["new", "Use", "B"]).ok();
    commit_all(&mut sb, ADA, "2024-01-03T09:00:00+00:00", "two more");
    git(&sb, &["checkout", "-q", "--detach", &c0]);
    assert_eq!(sb.adr(&["new", "Use", "C"]).ok(), "doc/adr/0004-use-c.md\n");
    let view = parse(sb.adr(&["show", "1", "--format", "json"]).ok());
    assert_eq!(view["created"], touch("2024-01-02", &c0, ADA, false));
    let view = parse(sb.adr(&["show", "4", "--format", "json"]).ok());
    assert_eq!(view["created"], Value::Null);
    assert_eq!(view["uncommitted"], true);
}

/// An origin with the story, cloned with `--depth 1`.
fn shallow_clone() -> (Story, Sandbox) {
    let origin = story();
    let mut clone = Sandbox::new();
    let url = format!("file://{}", origin.sb.root().display());
    git(&clone, &["clone", "-q", "--depth", "1", &url, "clone"]);
    clone.cd("clone");
    assert_eq!(
        git(&clone, &["rev-parse", "--is-shallow-repository"]),
        "true\n"
    );
    (origin, clone)
}

fn shallow_clone_works_and_log_says_it_is_shallow() {
    let (origin, clone) = shallow_clone();
    let c = &origin.c;
    let run = clone.adr(&["log"]);
    let out = run.ok();
    assert!(
        run.stderr.contains(
            "adr: note: this clone is shallow; history before its first commit is not known"
        ),
        "stderr: {}",
        run.stderr
    );
    // Everything it knows comes from the one commit it has.
    for line in out.lines() {
        assert!(
            line.starts_with(&format!("2024-06-01  {}  Ada  ", short(&c[8]))),
            "{out}"
        );
    }
    let run = clone.adr(&["log", "--format", "json"]);
    parse(run.ok());
    assert!(run.stderr.contains("shallow"), "{}", run.stderr);

    let view = parse(clone.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(view["updated"], touch("2024-06-01", &c[8], ADA, false));
    assert_eq!(view["uncommitted"], false);
    let list = parse(clone.adr(&["list", "--format", "json"]).ok());
    assert_eq!(list.as_array().map(Vec::len), Some(3));
    clone.adr(&["graph"]).ok();
    clone.adr(&["list", "--format", "table"]).ok();
    assert_eq!(
        clone.adr(&["new", "Use", "Shallow"]).ok(),
        "doc/adr/0004-use-shallow.md\n"
    );
}

/// `--at` a date before the cut of a shallow clone: the log did exist then,
/// the clone just does not have it; the error must say so.
fn shallow_clone_at_before_the_cut_says_the_clone_is_shallow() {
    let (_origin, clone) = shallow_clone();
    let err = clone
        .adr(&["list", "--at", "2024-02-10"])
        .fails()
        .to_string();
    assert!(err.contains("shallow"), "stderr: {err}");
    assert!(
        !err.contains("there was no decision log then"),
        "stderr: {err}"
    );
}

/// What HEAD holds is kept with the history cache: a commit made after the
/// cache was written, a reset and an edit each read right on the next run.
fn uncommitted_follows_head_across_cached_runs() {
    let Story { mut sb, .. } = story();
    let new = "doc/adr/0004-use-valkey.md";
    sb.adr(&["new", "Use", "Valkey"]).ok();
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(by_path(&list, new)["uncommitted"], true);
    assert_eq!(by_path(&list, P3)["uncommitted"], false);
    // HEAD moves forward: the cache is walked on and HEAD read again.
    commit_all(&mut sb, ADA, "2024-05-01T12:00:00+00:00", "Valkey");
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(by_path(&list, new)["uncommitted"], false);
    let text = sb.read(new);
    sb.write(new, &format!("{text}\nOne more thought.\n"));
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(by_path(&list, new)["uncommitted"], true);
    assert_eq!(by_path(&list, P3)["uncommitted"], false);
    // HEAD moves back (the cache is not HEAD's ancestor's): walked again.
    git(&sb, &["reset", "-q", "--hard", "HEAD~1"]);
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert!(list.as_array().is_some_and(|l| l.iter().all(|r| r["path"] != new)));
    sb.write(new, "# 4. Use Valkey\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n");
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(by_path(&list, new)["uncommitted"], true);
}

fn dirty_working_file_is_uncommitted() {
    let Story { sb, c } = story();
    let text = sb.read(P3);
    sb.write(P3, &format!("{text}\nOne more thought.\n"));
    sb.adr(&["new", "Use", "Valkey"]).ok();
    let list = parse(sb.adr(&["list", "--format", "json"]).ok());
    assert_eq!(by_path(&list, P1)["uncommitted"], false);
    assert_eq!(by_path(&list, P2)["uncommitted"], false);
    let dirty = by_path(&list, P3);
    assert_eq!(dirty["uncommitted"], true);
    // What history knows stays as committed.
    assert_eq!(dirty["updated"], touch("2024-04-20", &c[6], CY, false));
    let new = by_path(&list, "doc/adr/0004-use-valkey.md");
    assert_eq!(
        git_fields(new),
        json!({
            "created": null,
            "updated": null,
            "authors": [],
            "status_history": [],
            "uncommitted": true,
        })
    );
    let show = sb.adr(&["show", "3"]).ok().to_string();
    assert!(
        show.contains("    (the file has changes not committed yet)\n"),
        "{show}"
    );
    assert_eq!(
        parse(sb.adr(&["show", "3", "--format", "json"]).ok())["uncommitted"],
        true
    );
    // Staged is not committed.
    git(&sb, &["add", P3]);
    assert_eq!(
        parse(sb.adr(&["show", "3", "--format", "json"]).ok())["uncommitted"],
        true
    );
    // Back as committed.
    git(&sb, &["checkout", "-q", "HEAD", "--", P3]);
    assert_eq!(
        parse(sb.adr(&["show", "3", "--format", "json"]).ok())["uncommitted"],
        false
    );
    // The table shows the last commit's date whatever the working file says.
    let table = sb.adr(&["list", "--format", "table"]).ok().to_string();
    assert!(
        table.contains("     4  accepted    1992-01-12  -           Use Valkey"),
        "{table}"
    );
}

// ---------------------------------------------------------------------------
// 6. The history cache
// ---------------------------------------------------------------------------

const CACHE: &str = ".git/adr-history.cache";

/// The commit the history cache says its walk ended at: the cache is
/// binary, its first string after the magic and the folders is HEAD.
fn cached_head(sb: &Sandbox) -> String {
    let bytes = std::fs::read(sb.root().join(CACHE)).expect("read the cache");
    let hex = |w: &[u8]| w.iter().all(u8::is_ascii_hexdigit);
    bytes
        .windows(40)
        .find(|w| hex(w))
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .expect("a commit id in the cache")
}

/// What every git-aware reader prints.
fn outputs(sb: &Sandbox) -> Vec<String> {
    [
        &["log"][..],
        &["log", "--format", "json", "--emails"],
        &["list", "--format", "json", "--emails"],
        &["list", "--format", "table"],
        &["show", "1", "--format", "json", "--emails"],
    ]
    .iter()
    .map(|args| sb.adr(args).ok().to_string())
    .collect()
}

/// The outputs computed afresh, without a cache.
fn fresh_outputs(sb: &Sandbox) -> Vec<String> {
    std::fs::remove_file(sb.root().join(CACHE)).expect("remove the cache");
    outputs(sb)
}

fn cache_lives_in_the_git_folder_untracked_and_is_reused() {
    let Story { sb, .. } = story();
    assert!(
        !sb.exists(CACHE),
        "the cache exists before any history read"
    );
    let first = outputs(&sb);
    assert!(sb.exists(CACHE));
    assert_eq!(git(&sb, &["status", "--porcelain", "--ignored"]), "");
    assert!(!git(&sb, &["ls-files"]).contains("adr-history"));
    assert_eq!(cached_head(&sb), head(&sb));

    // HEAD unchanged: the cache is read, not written again.
    let modified = || {
        std::fs::metadata(sb.root().join(CACHE))
            .and_then(|m| m.modified())
            .expect("cache mtime")
    };
    let before = modified();
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert_eq!(outputs(&sb), first);
    assert_eq!(
        modified(),
        before,
        "the cache was rewritten for an unchanged HEAD"
    );

    assert_eq!(fresh_outputs(&sb), first);
}

fn cache_picks_up_a_new_commit() {
    let Story { mut sb, c } = story();
    outputs(&sb);
    sb.adr(&["deprecate", "3"]).ok();
    let c9 = commit_all(&mut sb, DEE, "2024-07-01T08:00:00+00:00", "deprecate 3");
    let mut events = story_events(&c);
    events.push(event(
        "2024-07-01",
        &c9,
        DEE,
        P3,
        "status",
        "accepted → deprecated",
    ));
    assert_eq!(sb.adr(&["log"]).ok(), log_text(&events, false));
    let view = parse(sb.adr(&["show", "3", "--format", "json"]).ok());
    assert_eq!(view["updated"], touch("2024-07-01", &c9, DEE, false));
    assert_eq!(view["authors"], json!(["Cy", "Bo", "Dee"]));
    assert_eq!(cached_head(&sb), c9);

    // A rename in the next commit, on top of the extended cache.
    outputs(&sb);
    git(&sb, &["mv", P3, "doc/adr/0003-use-cockroach.md"]);
    let c10 = commit_all(&mut sb, ADA, "2024-07-02T08:00:00+00:00", "rename 3");
    let log = sb.adr(&["log", "3"]).ok().to_string();
    assert!(
        log.starts_with(&format!(
            "2024-03-01  {}  Cy  doc/adr/0003-use-cockroach.md  added\n",
            short(&c[3])
        )),
        "{log}"
    );
    assert!(
        log.ends_with(&format!(
            "2024-07-02  {}  Ada  doc/adr/0003-use-cockroach.md  renamed from {P3}\n",
            short(&c10)
        )),
        "{log}"
    );
    let cached = outputs(&sb);
    assert_eq!(fresh_outputs(&sb), cached);
}

fn cache_after_amend_is_still_correct() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    sb.adr(&["new", "--status", "proposed", "Use", "PostgreSQL"])
        .ok();
    let c1 = commit_all(&mut sb, ADA, "2024-01-03T09:00:00+00:00", "propose");
    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(view["created"], touch("2024-01-03", &c1, ADA, false));
    assert!(sb.exists(CACHE));

    // Rewrite HEAD: another author, another day, another status.
    sb.adr(&["accept", "2"]).ok();
    as_author(&mut sb, BO, "2024-01-04T09:00:00+00:00");
    git(&sb, &["add", "-A"]);
    git(
        &sb,
        &["commit", "-q", "--amend", "--reset-author", "-m", "accept"],
    );
    let amended = head(&sb);
    assert_ne!(amended, c1);

    let view = parse(sb.adr(&["show", "2", "--format", "json"]).ok());
    assert_eq!(
        git_fields(&view),
        json!({
            "created": touch("2024-01-04", &amended, BO, false),
            "updated": touch("2024-01-04", &amended, BO, false),
            "authors": ["Bo"],
            "status_history": [status_change("accepted", "2024-01-04", &amended, BO, false)],
            "uncommitted": false,
        })
    );
    let log = sb.adr(&["log", "2"]).ok().to_string();
    assert!(
        !log.contains(short(&c1)),
        "the amended commit is still logged:\n{log}"
    );
    let cached = outputs(&sb);
    assert_eq!(fresh_outputs(&sb), cached);
}

fn cache_after_rebase_is_still_correct() {
    let mut sb = repo();
    sb.adr(&["init"]).ok();
    let c0 = commit_all(&mut sb, ADA, "2024-01-02T09:00:00+00:00", "init");
    git(&sb, &["checkout", "-q", "-b", "topic"]);
    sb.write(
        "doc/adr/0003-use-kafka.md",
        "# 3. Use Kafka\n\nDate: 2024-01-05\n\n## Status\n\nProposed\n",
    );
    let t1 = commit_all(&mut sb, BO, "2024-01-05T09:00:00+00:00", "kafka");
    git(&sb, &["checkout", "-q", "main"]);
    sb.write(
        P2_OLD,
        "# 2. Use PostgreSQL\n\nDate: 2024-01-04\n\n## Status\n\nProposed\n",
    );
    let m1 = commit_all(&mut sb, ADA, "2024-01-04T09:00:00+00:00", "postgres");
    git(&sb, &["checkout", "-q", "topic"]);
    outputs(&sb);
    assert_eq!(cached_head(&sb), t1);

    as_author(&mut sb, BO, "2024-01-05T09:00:00+00:00");
    git(&sb, &["rebase", "-q", "main"]);
    let t1_rebased = head(&sb);
    assert_ne!(t1_rebased, t1);

    let kafka = "doc/adr/0003-use-kafka.md";
    let expected = [
        event("2024-01-02", &c0, ADA, P1, "added", ""),
        event("2024-01-02", &c0, ADA, P1, "status", "accepted"),
        event("2024-01-04", &m1, ADA, P2_OLD, "added", ""),
        event("2024-01-04", &m1, ADA, P2_OLD, "status", "proposed"),
        event("2024-01-05", &t1_rebased, BO, kafka, "added", ""),
        event("2024-01-05", &t1_rebased, BO, kafka, "status", "proposed"),
    ];
    assert_eq!(sb.adr(&["log"]).ok(), log_text(&expected, false));
    let cached = outputs(&sb);
    assert_eq!(fresh_outputs(&sb), cached);
}

fn deleting_or_corrupting_the_cache_changes_nothing() {
    let Story { sb, .. } = story();
    let first = outputs(&sb);
    assert_eq!(fresh_outputs(&sb), first);
    sb.write(CACHE, "{ not json");
    assert_eq!(outputs(&sb), first);
    // A cache cut short, or with a byte changed, is read as no cache or
    // as a walk to extend; either way the outputs are the same.
    let whole = std::fs::read(sb.root().join(CACHE)).expect("read the cache");
    for cut in [1, whole.len() / 2, whole.len() - 1] {
        std::fs::write(sb.root().join(CACHE), &whole[..cut]).expect("cut the cache");
        assert_eq!(outputs(&sb), first, "cut at {cut}");
    }
    sb.write(
        CACHE,
        "{\"version\": 1, \"dirs\": [\"doc/adr\"], \"history\": {}}",
    );
    assert_eq!(outputs(&sb), first);
    assert_eq!(fresh_outputs(&sb), first);
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(show_json_has_the_history_of_a_renamed_record),
        test!(show_text_has_a_history_section),
        test!(list_json_and_table_carry_the_history),
        test!(log_text_of_the_whole_log_and_of_one_record),
        test!(log_json_with_and_without_emails),
        test!(html_export_shows_history_and_last_change),
        test!(adr_rename_keeps_the_history),
        test!(adr_renumber_keeps_the_history),
        test!(moving_the_adr_folder_keeps_the_history),
        test!(log_keeps_commit_order_when_commits_share_a_second),
        test!(merged_branches_that_took_the_same_number),
        test!(duplicates_added_on_one_branch_do_not_blame_branches),
        test!(parallel_edits_of_one_record_on_two_branches),
        test!(new_skips_numbers_taken_on_local_branches),
        test!(new_skips_numbers_taken_on_remote_tracking_branches),
        test!(new_rejects_an_invalid_other_branches_setting),
        test!(list_at_a_date_or_revision_shows_the_log_as_it_was),
        test!(graph_at_a_date_or_revision),
        test!(at_an_unknown_revision_or_before_the_first_commit_is_a_clear_error),
        test!(commit_flag_commits_exactly_the_changed_files),
        test!(commit_flag_on_init_with_a_folder_commits_adr_dir),
        test!(commit_flag_on_renumber_and_rename_commits_the_move),
        test!(a_failing_pre_commit_hook_fails_the_command),
        test!(commit_flag_on_import_and_check_fix),
        test!(undated_records_take_their_date_from_git),
        test!(commit_flag_is_refused_on_read_only_commands),
        test!(outside_a_git_repository),
        test!(unborn_branch),
        test!(unborn_branch_at_says_there_are_no_commits),
        test!(detached_head),
        test!(detached_head_new_avoids_numbers_of_the_branch_it_left),
        test!(shallow_clone_works_and_log_says_it_is_shallow),
        test!(shallow_clone_at_before_the_cut_says_the_clone_is_shallow),
        test!(dirty_working_file_is_uncommitted),
        test!(uncommitted_follows_head_across_cached_runs),
        test!(cache_lives_in_the_git_folder_untracked_and_is_reused),
        test!(cache_picks_up_a_new_commit),
        test!(cache_after_amend_is_still_correct),
        test!(cache_after_rebase_is_still_correct),
        test!(deleting_or_corrupting_the_cache_changes_nothing),
    ]
}
