//! The ecosystem's own clients, driving the real binary as users' tools
//! do: the official MCP TypeScript SDK (npm), pre-commit (PyPI), GitHub's
//! reading of SARIF 2.1.0 (its JSON schema), and bash, zsh and fish
//! loading the completions.
//!
//! The packages are installed once into `target/` (`npm-cache`,
//! `pre-commit-venv`) and reused offline afterwards. When a client cannot
//! be had (no node, no network) its test prints SKIPPED, unless its
//! `*_REQUIRED` variable is set: `MCP_SDK_REQUIRED`, `PRECOMMIT_REQUIRED`,
//! `SHELLS_REQUIRED`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::support::{Sandbox, adr_bin};

/// `target/`, where the installed clients are kept between runs.
fn target_dir() -> PathBuf {
    let bin = adr_bin();
    bin.ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

/// Where this crate's test material lives.
fn material(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Ends a test that cannot run here: SKIPPED, or a failure when `required`
/// is set.
fn unavailable(required: &str, why: &str) {
    if std::env::var_os(required).is_some_and(|v| !v.is_empty()) {
        panic!("{why}, and {required} is set");
    }
    eprintln!("SKIPPED: {why} (set {required} to make this a failure)");
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `dir` holds `node_modules` installed from exactly this `package.json`;
/// installs it when not. `Err` says why it could not be had.
fn npm_install(dir: &Path, package_json: &Path) -> Result<(), String> {
    let wanted = fs::read(package_json).map_err(|e| format!("{}: {e}", package_json.display()))?;
    let stamp = dir.join("node_modules/.adr-installed-from");
    if fs::read(&stamp).ok().as_deref() == Some(wanted.as_slice()) {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    fs::write(dir.join("package.json"), &wanted).map_err(|e| e.to_string())?;
    // The machine's own environment (npm's cache, proxies), not a
    // sandbox's: this sets the test up, it is not what is tested.
    let output = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .output()
        .map_err(|e| format!("npm cannot run: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "npm install failed (offline?): {}",
            String::from_utf8_lossy(&output.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        ));
    }
    fs::write(&stamp, &wanted).map_err(|e| e.to_string())
}

/// Records 1 (adr-tools' first), 2 (PostgreSQL, tag db, superseded by 3)
/// and 3 (CockroachDB, accepted).
fn three_records() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.write(
        "doc/adr/0002-use-postgresql.md",
        "# 2. Use PostgreSQL\n\nDate: 2020-01-01\n\nTags: db\n\n## Status\n\n\
         Superseded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n## Context\n\n\
         We need a relational database.\n",
    );
    sandbox.write(
        "doc/adr/0003-use-cockroachdb.md",
        "# 3. Use CockroachDB\n\nDate: 2021-01-01\n\n## Status\n\nAccepted\n\n\
         Supersedes [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\n\
         PostgreSQL replication across regions was hard.\n",
    );
    sandbox
}

/// The SDK's clients (v1: the 2025 handshake; v2: `server/discover` and
/// 2026-07-28) list the tools and call each with arguments generated from
/// its schema, valid and not; see `tests/clients/mcp/drive.mjs`.
#[test]
fn mcp_sdk_clients_negotiate_every_era_and_find_schemas_enforced() {
    if !runs("node", "--version") || !runs("npm", "--version") {
        return unavailable("MCP_SDK_REQUIRED", "node and npm are not installed");
    }
    let dir = target_dir().join("npm-cache/mcp");
    if let Err(why) = npm_install(&dir, &material("tests/clients/mcp/package.json")) {
        return unavailable("MCP_SDK_REQUIRED", &why);
    }
    let script = dir.join("drive.mjs");
    fs::copy(material("tests/clients/mcp/drive.mjs"), &script).expect("copy the driver");
    let read_only = three_records();
    let writable = three_records();
    let run = read_only.run_program(
        Path::new("node"),
        &[
            &script.display().to_string(),
            &adr_bin().display().to_string(),
            &read_only.root().display().to_string(),
            &writable.root().display().to_string(),
        ],
    );
    assert_eq!(run.code, 0, "the driver failed: {}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("the driver's report is not JSON ({e}): {}", run.stdout));
    let checks = report["checks"].as_array().expect("a list of checks");
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| c["ok"] != true)
        .map(|c| format!("{}\n    {}", c["name"], c["detail"].as_str().unwrap_or("")))
        .collect();
    assert!(
        failed.is_empty(),
        "{} checks failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    let names: Vec<&str> = checks.iter().filter_map(|c| c["name"].as_str()).collect();
    for expected in [
        "v1 sdk: initialize negotiates 2025-11-25",
        "v2 auto: negotiates 2026-07-28 (modern era)",
        "v2 pin: pinned to 2026-07-28",
        "v2 legacy: initialize negotiates 2025-06-18",
        "v2 legacy: initialize negotiates 2025-03-26",
        "v2 legacy: initialize negotiates 2024-11-05",
        "v1 sdk: read_record {\"reference\": 3} reads record 3 (integers are declared)",
        "v2 auto: list_records {\"status\": 3} is an argument error naming status",
    ] {
        assert!(
            names.contains(&expected),
            "the driver did not check: {expected}"
        );
    }
    // Each tool, with each client, against its schema.
    let agreements = names
        .iter()
        .filter(|n| n.contains("accepts exactly"))
        .count();
    assert_eq!(agreements, 4 + 4 + 2, "{names:#?}");
    eprintln!("MCP SDK clients: {} checks passed", checks.len());
}

/// A log with findings of several rules, one of them fixable.
fn broken_log() -> Sandbox {
    let sandbox = three_records();
    sandbox.write(
        "doc/adr/0004-use redis #1.md",
        "# 4. Use Redis\n\nDate: 2022-01-01\n\n## Status\n\nAccepted\n\n\
         Amends [9. Nothing](0009-nothing.md)\n\nAmends [3. Use CockroachDB](0003-use-cockroachdb.md)\n",
    );
    sandbox.write(
        "doc/adr/0005-no-status.md",
        "# 5. No status\n\nDate: 2022-02-02\n",
    );
    sandbox
}

/// `adr check --format sarif` from `rel` (its exit code is 1: there are
/// errors).
fn sarif_from(sandbox: &mut Sandbox, rel: &str) -> Value {
    let depth = rel.split('/').filter(|p| !p.is_empty()).count();
    if depth > 0 {
        sandbox.cd(rel);
    }
    let run = sandbox.adr(&["check", "--format", "sarif"]);
    for _ in 0..depth {
        sandbox.cd("..");
    }
    assert_eq!(run.code, 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("SARIF is JSON")
}

/// GitHub code scanning's reading of SARIF: the schema (draft 2020-12, as
/// shipped with Microsoft's SARIF Multitool), the Multitool's own SARIF
/// and GitHub ingestion rules (`--rule-kind "Sarif;Gh"`), and paths from
/// the repository root whichever folder the check ran in.
#[test]
fn sarif_is_valid_for_github_code_scanning_from_any_folder() {
    let mut sandbox = broken_log();
    let from_root = sarif_from(&mut sandbox, "");
    for rel in ["doc", "doc/adr"] {
        assert_eq!(sarif_from(&mut sandbox, rel), from_root, "run from {rel}");
    }
    let run = &from_root["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .expect("the root is named");
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let results = run["results"].as_array().expect("results");
    let rules: Vec<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    for rule in ["broken-link", "one-sided-relation", "missing-status"] {
        assert!(rules.contains(&rule), "no {rule} finding: {rules:?}");
    }
    for result in results {
        let artifact = &result["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%", "{result}");
        let uri = artifact["uri"].as_str().expect("a uri");
        assert!(uri.starts_with("doc/adr/"), "{uri}");
        let path = uri.replace("%20", " ").replace("%23", "#");
        assert!(sandbox.exists(&path), "{uri} names no file from the root");
        assert!(
            result["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1)
        );
    }
    let described = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let listed = sandbox.adr(&["check", "--rules"]).ok().lines().count();
    assert_eq!(described.len(), listed, "every rule of `adr check --rules`");
    for rule in described {
        assert!(rule["fullDescription"]["text"].is_string(), "{rule}");
        assert!(
            rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string(),
            "{rule}"
        );
    }

    if !runs("npm", "--version") {
        return unavailable(
            "SARIF_REQUIRED",
            "npm is not installed: no SARIF schema or Multitool",
        );
    }
    let dir = target_dir().join("npm-cache/sarif");
    if let Err(why) = npm_install(&dir, &material("tests/clients/sarif/package.json")) {
        return unavailable("SARIF_REQUIRED", &why);
    }
    let package = dir.join("node_modules/@microsoft/sarif-multitool-linux");
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(package.join("sarif-2.1.0.json")).expect("the schema is shipped"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&from_root)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not SARIF 2.1.0:\n{}", errors.join("\n"));
    // The validator is not a pushover.
    let mut broken = from_root.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));

    let log = sandbox.root().join("adr.sarif");
    fs::write(
        &log,
        serde_json::to_string_pretty(&from_root).expect("JSON"),
    )
    .expect("write");
    let verdict = sandbox.root().join("verdict.sarif");
    let output = Command::new(package.join("Sarif.Multitool"))
        .arg("validate")
        .arg(&log)
        .args(["--rule-kind", "Sarif;Gh", "--log", "ForceOverwrite", "-o"])
        .arg(&verdict)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .expect("run the SARIF Multitool");
    assert!(
        output.status.success(),
        "the Multitool failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let verdict: Value =
        serde_json::from_str(&fs::read_to_string(&verdict).expect("its verdict")).expect("JSON");
    let complaints: Vec<String> = verdict["runs"][0]["results"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["level"] != "note")
        .map(|r| format!("{}: {}", r["ruleId"], r["message"]))
        .collect();
    assert!(
        complaints.is_empty(),
        "the Multitool objects:\n{}",
        complaints.join("\n")
    );
}
