//! Fitting the user's world: help, completions, the man page, the config,
//! editing, search, templates, JSON export and import.
//!
//! Help texts are snapshots in `tests/snapshots/help/`; refresh them with
//! `SNAPSHOTS=overwrite cargo test --test cli tooling` and review the diff.

use std::path::{Path, PathBuf};

use crate::support::{Sandbox, adr_bin};

fn snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/help")
}

/// Compares `actual` with the stored snapshot, or stores it when asked.
fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_dir().join(format!("{name}.txt"));
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
        std::fs::create_dir_all(snapshot_dir()).expect("snapshot folder");
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with SNAPSHOTS=overwrite",
            path.display()
        )
    });
    assert_eq!(
        actual, expected,
        "help of `{name}` changed (SNAPSHOTS=overwrite refreshes)"
    );
}

/// Every command path: `["new"]`, `["export", "html"]`…
const COMMANDS: &[&[&str]] = &[
    &[],
    &["init"],
    &["new"],
    &["link"],
    &["unlink"],
    &["status"],
    &["accept"],
    &["reject"],
    &["deprecate"],
    &["propose"],
    &["supersede"],
    &["renumber"],
    &["rename"],
    &["list"],
    &["log"],
    &["show"],
    &["graph"],
    &["check"],
    &["export", "html"],
    &["export", "json"],
    &["import", "json"],
    &["edit"],
    &["search"],
    &["template", "list"],
    &["template", "show"],
    &["config"],
    &["completions"],
    &["man"],
    &["mcp"],
    &["serve"],
    &["generate", "toc"],
    &["generate", "graph"],
    &["upgrade-repository"],
];

fn help_of_every_command() {
    let sandbox = Sandbox::new();
    for path in COMMANDS {
        let mut args: Vec<&str> = path.to_vec();
        args.push("--help");
        let run = sandbox.adr(&args);
        let name = if path.is_empty() {
            "adr".to_string()
        } else {
            path.join("-")
        };
        assert_snapshot(&name, run.ok());
        if !path.is_empty() && !matches!(path[0], "export" | "import" | "template" | "generate")
            || path.len() > 1
        {
            assert!(
                run.stdout.contains("Example"),
                "`{name}` help has no example"
            );
        }
    }
}

fn completions_for_each_shell() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = sandbox.adr(&["completions", shell]);
        let script = run.ok();
        // The script calls adr back by its path; adr answers.
        assert!(
            script.contains("ADR_COMPLETE") && script.contains(&adr_bin().display().to_string()),
            "{shell}: {script}"
        );
        let mut asked = sandbox.command(&["--", "adr", ""]);
        asked
            .env("ADR_COMPLETE", shell)
            .env("_CLAP_COMPLETE_INDEX", "1");
        let offered = String::from_utf8_lossy(&asked.output().expect("adr").stdout).into_owned();
        for word in ["supersede", "export", "completions"] {
            assert!(
                offered.contains(word),
                "{shell} completions lack `{word}`: {offered}"
            );
        }
        // Where the shell is installed, the script must at least parse.
        let (program, flag) = match shell {
            "bash" => ("bash", "-n"),
            "zsh" => ("zsh", "-n"),
            "fish" => ("fish", "--no-execute"),
            _ => continue,
        };
        if std::process::Command::new(program)
            .arg("--version")
            .output()
            .is_ok()
        {
            sandbox.write(&format!("completion.{shell}"), script);
            let file = sandbox.root().join(format!("completion.{shell}"));
            let check =
                sandbox.run_program(Path::new(program), &[flag, &file.display().to_string()]);
            assert_eq!(
                check.code, 0,
                "{shell} rejects its completions: {}",
                check.stderr
            );
        }
    }
    assert_ne!(sandbox.adr(&["completions", "tcsh"]).code, 0);
}

fn man_page() {
    let sandbox = Sandbox::new();
    let run = sandbox.adr(&["man"]);
    let page = run.ok();
    assert!(
        page.contains(".TH adr 1"),
        "{}",
        &page[..page.len().min(300)]
    );
    for word in ["supersede", "export", "\\-\\-dir"] {
        assert!(page.contains(word), "man page lacks `{word}`");
    }
}

fn config_precedence() {
    let mut sandbox = Sandbox::new();
    // doc/adr alone.
    sandbox.adr(&["init"]).ok();
    assert!(
        sandbox
            .adr(&["config"])
            .ok()
            .contains("dir                 doc/adr  (found doc/adr)")
            || sandbox
                .adr(&["config"])
                .ok()
                .contains("doc/adr  (found doc/adr)")
    );
    // .adr.toml's dir wins over doc/adr at the same level…
    sandbox.write(
        ".adr.toml",
        "dir = \"decisions\"\n\n[new]\nformat = \"madr\"\nstatus = \"draft\"\n",
    );
    std::fs::create_dir_all(sandbox.root().join("decisions")).expect("mkdir");
    let config = sandbox.adr(&["config", "--format", "json"]);
    let settings: serde_json::Value = serde_json::from_str(config.ok()).expect("json");
    let get = |key: &str| {
        settings
            .as_array()
            .expect("array")
            .iter()
            .find(|s| s["key"] == key)
            .cloned()
            .unwrap_or_else(|| panic!("no {key}"))
    };
    assert_eq!(get("dir")["value"], "decisions");
    assert_eq!(get("dir")["from"], ".adr.toml");
    assert_eq!(get("new.format")["value"], "madr");
    assert_eq!(get("new.status")["from"], ".adr.toml");
    // …and the configured format and status apply to new records.
    let path = sandbox.adr(&["new", "Configured"]).ok().trim().to_string();
    assert_eq!(path, "decisions/0001-configured.md");
    assert!(sandbox.read(&path).starts_with("---\nstatus: draft\n"));
    // Flags beat the configuration.
    let path = sandbox
        .adr(&[
            "new", "--format", "nygard", "--status", "Proposed", "Flagged",
        ])
        .ok()
        .trim()
        .to_string();
    assert!(sandbox.read(&path).contains("## Status\n\nProposed\n"));
    // .adr-dir beats .adr.toml, ADR_DIR beats both, --dir beats ADR_DIR.
    sandbox.write(".adr-dir", "doc/adr\n");
    assert_eq!(
        get_dir(&sandbox, &[]),
        ("doc/adr".to_string(), ".adr-dir".to_string())
    );
    sandbox.env("ADR_DIR", "elsewhere");
    assert_eq!(
        get_dir(&sandbox, &[]),
        ("elsewhere".to_string(), "ADR_DIR".to_string())
    );
    assert_eq!(
        get_dir(&sandbox, &["--dir", "flagged"]),
        ("flagged".to_string(), "--dir".to_string())
    );
    // A broken configuration is an error with its line.
    sandbox.env("ADR_DIR", "");
    sandbox.write(".adr.toml", "[new]\nformat = \"bogus\"\n");
    let run = sandbox.adr(&["new", "X"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains(".adr.toml:2"), "{}", run.stderr);
}

fn get_dir(sandbox: &Sandbox, extra: &[&str]) -> (String, String) {
    let mut args = extra.to_vec();
    args.extend(["config", "--format", "json"]);
    let run = sandbox.adr(&args);
    let settings: serde_json::Value = serde_json::from_str(run.ok()).expect("json");
    let dir = &settings[0];
    assert_eq!(dir["key"], "dir");
    (
        dir["value"].as_str().unwrap_or_default().to_string(),
        dir["from"].as_str().unwrap_or_default().to_string(),
    )
}

fn sample_log() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox
        .adr(&["new", "--tag", "storage", "Use", "PostgreSQL"])
        .ok();
    sandbox
        .adr(&[
            "new", "-s", "2", "--format", "madr", "Use", "SQLite", "café",
        ])
        .ok();
    sandbox
        .adr(&[
            "new",
            "-l",
            "3:Amends",
            "--template",
            "lightweight",
            "Cache",
            "reads",
        ])
        .ok();
    sandbox.write(
        "doc/adr/sub/0001-nested.md",
        "# 1. Nested\r\n\r\n## Status\r\n\r\nProposed\r\n",
    );
    sandbox
}

fn json_export_import_round_trip() {
    let source = sample_log();
    let exported = source.adr(&["export", "json"]);
    let json = exported.ok().to_string();
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["adr_json"], 1);
    assert_eq!(value["records"].as_array().map(Vec::len), Some(5));

    let target = Sandbox::new();
    target.write("decisions.json", &json);
    let imported = target.adr(&["import", "json", "decisions.json"]);
    assert_eq!(imported.ok().lines().count(), 5);
    let again = target.adr(&["export", "json"]);
    assert_eq!(
        again.ok(),
        json,
        "export, import, export gives the same JSON"
    );
    // Files come back byte for byte, CRLF included.
    assert_eq!(
        target.read("doc/adr/sub/0001-nested.md"),
        source.read("doc/adr/sub/0001-nested.md")
    );
    // A second import into a folder with records is refused.
    let twice = target.adr(&["import", "json", "decisions.json"]);
    assert_ne!(twice.code, 0);
    assert!(twice.stderr.contains("already holds"), "{}", twice.stderr);
    // File names cannot leave the ADR folder.
    let hostile = Sandbox::new();
    let bad = json.replacen(
        "\"file\": \"0001-record-architecture-decisions.md\"",
        "\"file\": \"../../escape.md\"",
        1,
    );
    hostile.write("bad.json", &bad);
    let run = hostile.adr(&["import", "json", "bad.json"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("not a Markdown file inside the ADR folder"),
        "{}",
        run.stderr
    );
    assert!(!hostile.exists("escape.md") && !hostile.exists("doc/adr/0002-use-postgresql.md"));
    // Export to a file.
    source.adr(&["export", "json", "--out", "out.json"]).ok();
    assert_eq!(source.read("out.json"), json);
}

fn search_prints_matching_lines() {
    let sandbox = sample_log();
    let run = sandbox.adr(&["search", "postgresql"]);
    let out = run.ok();
    assert!(
        out.contains("doc/adr/0002-use-postgresql.md:1: # 2. Use PostgreSQL"),
        "{out}"
    );
    assert!(out.contains("doc/adr/0003-use-sqlite-cafe.md:"), "{out}");
    let filtered = sandbox.adr(&["search", "postgresql", "--status", "superseded"]);
    assert!(!filtered.ok().contains("0003"), "{}", filtered.stdout);
    let tagged = sandbox.adr(&["search", "use", "--tag", "storage", "--format", "json"]);
    let hits: serde_json::Value = serde_json::from_str(tagged.ok()).expect("json");
    assert_eq!(hits.as_array().map(Vec::len), Some(1));
    assert_eq!(hits[0]["path"], "doc/adr/0002-use-postgresql.md");
    let none = sandbox.adr(&["search", "kubernetes"]);
    assert_eq!((none.code, none.stdout.as_str()), (1, ""));
}

fn edit_opens_the_editor() {
    let mut sandbox = sample_log();
    sandbox.env("VISUAL", "cat");
    let run = sandbox.adr(&["edit", "2"]);
    assert!(run.ok().starts_with("# 2. Use PostgreSQL\n"));
    sandbox.env("VISUAL", "");
    let run = sandbox.adr(&["edit", "2"]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("set VISUAL or EDITOR"),
        "{}",
        run.stderr
    );
    assert!(sandbox.adr(&["edit", "99"]).fails().contains("`99`"));
}

fn templates_list_show_and_use() {
    let sandbox = sample_log();
    let list = sandbox.adr(&["template", "list"]);
    for name in ["nygard", "madr", "madr-minimal", "lightweight"] {
        assert!(
            list.ok().lines().any(|l| l.starts_with(name)),
            "{}",
            list.stdout
        );
    }
    let light = sandbox.adr(&["template", "show", "lightweight"]);
    for prompt in ["## Decision", "## Reason", "## Constraints", "## Fallback"] {
        assert!(light.ok().contains(prompt), "{}", light.stdout);
    }
    assert!(
        sandbox
            .read("doc/adr/0004-cache-reads.md")
            .contains("## Fallback")
    );
    sandbox.write(
        "doc/adr/templates/rfc.md",
        "# NUMBER. TITLE\n\nRFC STATUS\n",
    );
    let list = sandbox.adr(&["template", "list", "--format", "json"]);
    let names: serde_json::Value = serde_json::from_str(list.ok()).expect("json");
    assert_eq!(names[0]["name"], "rfc");
    let path = sandbox
        .adr(&["new", "--template", "rfc", "Own", "template"])
        .ok()
        .trim()
        .to_string();
    assert_eq!(sandbox.read(&path), "# 5. Own template\n\nRFC Accepted\n");
    assert!(
        sandbox
            .adr(&["template", "show", "nope"])
            .fails()
            .contains("no template named `nope`")
    );
}

fn quiet_and_verbose() {
    let sandbox = Sandbox::new();
    let quiet = sandbox.adr(&["-q", "new", "First"]);
    assert_eq!(
        (quiet.stdout.as_str(), quiet.stderr.as_str()),
        ("doc/adr/0001-first.md\n", "")
    );
    // Silent on success, as adr-tools is; -v says what it did.
    let plain = Sandbox::new();
    let run = plain.adr(&["new", "First"]);
    assert_eq!(
        (run.stdout.as_str(), run.stderr.as_str()),
        ("doc/adr/0001-first.md\n", "")
    );
    let loud = Sandbox::new();
    let run = loud.adr(&["-v", "new", "First"]);
    assert!(
        run.stderr.contains("adr: created doc/adr"),
        "{}",
        run.stderr
    );
    let verbose = loud.adr(&["--verbose", "new", "Second"]);
    assert!(
        verbose.stderr.contains("adr: template:"),
        "{}",
        verbose.stderr
    );
    assert_eq!(
        loud.adr(&["-q", "-v", "list"]).code,
        2,
        "quiet and verbose conflict"
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(help_of_every_command),
        test!(completions_for_each_shell),
        test!(man_page),
        test!(config_precedence),
        test!(json_export_import_round_trip),
        test!(search_prints_matching_lines),
        test!(edit_opens_the_editor),
        test!(templates_list_show_and_use),
        test!(quiet_and_verbose),
    ]
}
