//! The ecosystem's own clients, driving the real binary as users' tools
//! do: the official MCP TypeScript SDK (npm), pre-commit (PyPI), GitHub's
//! reading of SARIF 2.1.0 (its JSON schema), and bash, zsh and fish
//! loading the completions.
//!
//! The packages are installed once into `target/` (`npm-cache`,
//! `pre-commit-venv`) and reused offline afterwards. When a client cannot
//! be had (no node, no network) its test is counted as skipped, or fails
//! when its `*_REQUIRED` variable is set: `MCP_SDK_REQUIRED`,
//! `SARIF_REQUIRED`, `PRECOMMIT_REQUIRED`, `SHELLS_REQUIRED`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{Need, Skip};
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

fn runs(program: impl AsRef<std::ffi::OsStr>, arg: &str) -> bool {
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
fn mcp_sdk_clients_negotiate_every_era_and_find_schemas_enforced() -> Result<(), Skip> {
    let dir = target_dir().join("npm-cache/mcp");
    if let Err(why) = npm_install(&dir, &material("tests/clients/mcp/package.json")) {
        return Err(Need::McpSdk.skip(why));
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
    Ok(())
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
fn sarif_is_valid_for_github_code_scanning_from_any_folder() -> Result<(), Skip> {
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

    let dir = target_dir().join("npm-cache/sarif");
    if let Err(why) = npm_install(&dir, &material("tests/clients/sarif/package.json")) {
        return Err(Need::Sarif.skip(why));
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
    Ok(())
}

/// `target/pre-commit-venv` with exactly this pre-commit; `Err` says why
/// it could not be had.
fn pre_commit() -> Result<PathBuf, String> {
    const VERSION: &str = "4.7.0";
    let venv = target_dir().join("pre-commit-venv");
    let bin = venv.join("bin/pre-commit");
    let stamp = venv.join(".adr-installed");
    // A venv copied from another checkout's target/ keeps that path in its
    // scripts' first line: it is there but does not run, and is made anew.
    if fs::read_to_string(&stamp).ok().as_deref() == Some(VERSION) && runs(&bin, "--version") {
        return Ok(bin);
    }
    let made = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .output()
        .map_err(|e| format!("python3 cannot run: {e}"))?;
    if !made.status.success() {
        return Err(format!(
            "python3 -m venv failed: {}",
            String::from_utf8_lossy(&made.stderr).trim()
        ));
    }
    let installed = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", &format!("pre-commit=={VERSION}")])
        .output()
        .map_err(|e| format!("pip cannot run: {e}"))?;
    if !installed.status.success() {
        return Err(format!(
            "pip install pre-commit failed (offline?): {}",
            String::from_utf8_lossy(&installed.stderr)
                .lines()
                .last()
                .unwrap_or_default()
        ));
    }
    fs::write(&stamp, VERSION).map_err(|e| e.to_string())?;
    Ok(bin)
}

/// pre-commit builds each commit in a clone of its own, a new path each
/// time, so cargo keeps every build of this crate: only the registry
/// crates are worth keeping between runs.
fn forget_earlier_builds(release: &Path) {
    for folder in ["deps", ".fingerprint", "build", "incremental"] {
        let Ok(entries) = fs::read_dir(release.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("adr-") || name.starts_with("libadr-") {
                let path = entry.path();
                let _ = fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path));
            }
        }
    }
}

/// The README's `.pre-commit-config.yaml` block that contains `marker`.
fn readme_yaml(marker: &str) -> String {
    let readme = include_str!("../../README.md");
    readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|block| block.split("\n```").next())
        .find(|block| block.starts_with("repos:") && block.contains(marker))
        .unwrap_or_else(|| panic!("the README has no pre-commit example with {marker}"))
        .to_string()
}

/// Runs `pre-commit run --all-files` in the sandbox with the machine's
/// toolchain (cargo, rustup) but nothing of the machine's `adr`: a fake
/// `adr` that passes everything comes first on PATH, as Debian's would.
fn run_pre_commit(sandbox: &Sandbox, tool: &Path, extra_env: &[(&str, &Path)]) -> (i32, String) {
    let fake = sandbox.root().join(".fake-bin");
    fs::create_dir_all(&fake).expect("fake bin");
    let adr = fake.join("adr");
    fs::write(
        &adr,
        "#!/bin/sh\necho 'not the adr under test' >&2\nexit 0\n",
    )
    .expect("fake adr");
    let mut mode = fs::metadata(&adr).expect("stat").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut mode, 0o755);
    fs::set_permissions(&adr, mode).expect("chmod");
    let path = format!(
        "{}:{}",
        fake.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let target = target_dir();
    let mut command = Command::new(tool);
    command
        .args(["run", "--all-files", "--color", "never"])
        .current_dir(sandbox.root())
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", target.join("pre-commit-home"))
        // pre-commit's `cargo install` builds in release; a debug-like
        // build in a folder of its own keeps it quick and incremental.
        .env("CARGO_TARGET_DIR", target.join("pre-commit-build"))
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("ADR_DATE", crate::support::DATE)
        .env_remove("ADR_DIR")
        .env_remove("ADR_TEMPLATE")
        .env("GIT_AUTHOR_NAME", "Test Author")
        .env("GIT_AUTHOR_EMAIL", "author@example.com")
        .env("GIT_COMMITTER_NAME", "Test Author")
        .env("GIT_COMMITTER_EMAIL", "author@example.com");
    for (key, value) in extra_env {
        command.env(key, value);
    }
    let output = command.output().expect("run pre-commit");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// A git repository whose log has a broken link and a one-sided relation.
fn project_for_hooks(config: &str) -> Sandbox {
    let sandbox = three_records();
    sandbox.write(
        "doc/adr/0004-use-redis.md",
        "# 4. Use Redis\n\nDate: 2022-01-01\n\n## Status\n\nAccepted\n\n\
         Amends [3. Use CockroachDB](0003-use-cockroachdb.md)\n\nSee [9. Nothing](0009-nothing.md)\n",
    );
    sandbox.write(".pre-commit-config.yaml", config);
    sandbox
        .run_program(Path::new("git"), &["init", "--quiet"])
        .ok();
    sandbox
        .run_program(Path::new("git"), &["add", "--all"])
        .ok();
    sandbox
}

/// pre-commit against a clone of this repository at HEAD, as `repo:` and
/// `rev:` name it in the README: it builds the crate with cargo and runs
/// that `adr`, not the one on PATH. Then the README's local hook, which
/// must find cargo's `adr` and not a bare `adr` on PATH.
fn pre_commit_builds_and_runs_these_hooks() -> Result<(), Skip> {
    let tool = match pre_commit() {
        Ok(tool) => tool,
        Err(why) => return Err(Need::PreCommit.skip(why)),
    };
    let clones = tempfile::tempdir().expect("a folder for the clone");
    let clone = clones.path().join("adr");
    let cloned = Command::new("git")
        .args(["clone", "--quiet", "--no-hardlinks"])
        .arg(env!("CARGO_MANIFEST_DIR"))
        .arg(&clone)
        .output()
        .expect("git clone");
    assert!(
        cloned.status.success(),
        "{}",
        String::from_utf8_lossy(&cloned.stderr)
    );
    assert!(
        clone.join(".pre-commit-hooks.yaml").is_file(),
        "HEAD has no .pre-commit-hooks.yaml (this test clones HEAD: commit it)"
    );
    let head = Command::new("git")
        .arg("-C")
        .arg(&clone)
        .args(["rev-parse", "HEAD"])
        .output()
        .expect("git rev-parse");
    let sha = String::from_utf8_lossy(&head.stdout).trim().to_string();

    forget_earlier_builds(&target_dir().join("pre-commit-build/release"));
    // Environments built for earlier commits, whose configurations (in
    // temporary folders) are gone, are dropped: the cache stays one build.
    let gc = Command::new(&tool)
        .arg("gc")
        .env("PRE_COMMIT_HOME", target_dir().join("pre-commit-home"))
        .output()
        .expect("pre-commit gc");
    assert!(
        gc.status.success(),
        "{}",
        String::from_utf8_lossy(&gc.stderr)
    );

    let config = readme_yaml("rev:")
        .replace("https://github.com/OWNER/adr", &clone.display().to_string())
        .replace("v0.1.0", &sha)
        .replace(
            "      - id: adr-check       # or adr-check-fix",
            "      - id: adr-check-fix\n      - id: adr-check       # or adr-check-fix",
        );
    let sandbox = project_for_hooks(&config);
    let started = std::time::Instant::now();
    let (code, output) = run_pre_commit(&sandbox, &tool, &[]);
    eprintln!(
        "pre-commit: first run (install included) took {:.0?}",
        started.elapsed()
    );
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("files were modified by this hook"),
        "--fix repaired nothing: {output}"
    );
    assert!(
        sandbox
            .read("doc/adr/0003-use-cockroachdb.md")
            .contains("Amended by [4. Use Redis]"),
        "{output}"
    );
    assert!(
        output.contains("broken-link"),
        "the hook did not run this adr: {output}"
    );
    assert!(!output.contains("not the adr under test"), "{output}");

    sandbox.write(
        "doc/adr/0004-use-redis.md",
        "# 4. Use Redis\n\nDate: 2022-01-01\n\n## Status\n\nAccepted\n\n\
         Amends [3. Use CockroachDB](0003-use-cockroachdb.md)\n",
    );
    let started = std::time::Instant::now();
    let (code, output) = run_pre_commit(&sandbox, &tool, &[]);
    eprintln!("pre-commit: second run took {:.0?}", started.elapsed());
    assert_eq!(code, 0, "{output}");
    assert_eq!(output.matches("Passed").count(), 2, "{output}");

    // The README's local hook: cargo's adr (here, the one under test), not
    // the fake one first on PATH.
    let cargo_home = sandbox.root().join(".cargo-home");
    fs::create_dir_all(cargo_home.join("bin")).expect("cargo home");
    std::os::unix::fs::symlink(adr_bin(), cargo_home.join("bin/adr")).expect("link adr");
    let local = project_for_hooks(&readme_yaml("repo: local"));
    let (code, output) = run_pre_commit(&local, &tool, &[("CARGO_HOME", &cargo_home)]);
    assert_eq!(code, 1, "{output}");
    assert!(
        output.contains("broken-link"),
        "the local hook ran another adr: {output}"
    );
    Ok(())
}

/// What each query of a shell offered, in the order asked.
type Offers = Vec<Vec<String>>;

/// The queries every shell is asked: the words typed so far, the last one
/// being completed.
const QUERIES: &[&str] = &[
    "adr completions ",
    "adr show ",
    "adr show 00",
    "adr supersede 2 ",
    "adr sh",
    "adr --dir doc/adr status ",
];

fn check_offers(shell: &str, offers: &Offers) {
    assert_eq!(offers.len(), QUERIES.len(), "{shell}: {offers:?}");
    let has = |i: usize, word: &str| offers[i].iter().any(|o| o == word);
    for name in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(
            has(0, name),
            "{shell}: `adr completions ` does not offer {name}: {:?}",
            offers[0]
        );
    }
    for number in ["1", "2", "3"] {
        assert!(
            has(1, number),
            "{shell}: `adr show ` does not offer {number}: {:?}",
            offers[1]
        );
        assert!(
            has(5, number),
            "{shell}: `adr --dir doc/adr status `: {:?}",
            offers[5]
        );
    }
    assert!(
        has(2, "0002-use-postgresql.md"),
        "{shell}: file names: {:?}",
        offers[2]
    );
    assert!(
        !has(2, "1"),
        "{shell}: numbers where a name is typed: {:?}",
        offers[2]
    );
    assert!(
        has(3, "3"),
        "{shell}: the second record of supersede: {:?}",
        offers[3]
    );
    assert!(has(4, "show"), "{shell}: subcommands: {:?}", offers[4]);
}

/// Splits a shell's output into one list per query, at `@@` lines.
fn offers(output: &str) -> Offers {
    output
        .split("@@\n")
        .skip(1)
        .map(|section| {
            let mut words: Vec<String> = section
                .lines()
                .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            words.dedup();
            words
        })
        .collect()
}

/// bash with bash-completion: each query's COMPREPLY.
fn ask_bash(sandbox: &Sandbox, script: &Path) -> Option<Offers> {
    let bash_completion = Path::new("/usr/share/bash-completion/bash_completion");
    if !runs("bash", "--version") || !bash_completion.exists() {
        return None;
    }
    let mut program = format!(
        "source {}\nsource {}\n",
        bash_completion.display(),
        script.display()
    );
    program.push_str(
        r#"ask() {
  read -ra COMP_WORDS <<< "$1"
  [[ "$1" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE="$1"; COMP_POINT=${#1}; COMP_TYPE=9
  local spec; spec=$(complete -p adr) || return 1
  local fn=${spec##*-F }; fn=${fn%% *}
  COMPREPLY=()
  "$fn" adr "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
  echo @@; printf '%s\n' "${COMPREPLY[@]}"
}
"#,
    );
    for query in QUERIES {
        program.push_str(&format!("ask '{query}'\n"));
    }
    let run = sandbox.run_program(Path::new("bash"), &["-c", &program]);
    assert_eq!(run.code, 0, "bash: {}", run.stderr);
    Some(offers(&run.stdout))
}

/// zsh's own completion system (compinit), typed into through a
/// pseudo-terminal (zpty); `compadd` records what is offered.
fn ask_zsh(sandbox: &Sandbox, script: &Path) -> Option<Offers> {
    if !runs("zsh", "--version") {
        return None;
    }
    let capture = sandbox.root().join(".zsh-capture");
    let mut program = format!(
        r#"zmodload zsh/zpty
ask() {{
  local out={capture}
  rm -f $out $out.part
  zpty z zsh -f -i
  zpty -w z "PROMPT=''; RPROMPT=''; autoload -U compinit; compinit -u -D; source {script}"
  zpty -w z "compadd () {{ local -a hits; builtin compadd -O hits \"\$@\"; print -rl -- \$hits >> $out.part; builtin compadd \"\$@\" }}"
  zpty -w z "_adr_probe () {{ _clap_dynamic_completer_adr; mv -f $out.part $out 2>/dev/null || : > $out }}; compdef _adr_probe adr"
  zpty -w -n z "$1"$'\t'
  local i; for i in {{1..300}}; do [[ -e $out ]] && break; sleep 0.1; done
  zpty -d z
  print -r -- @@
  [[ -e $out ]] && print -r -- "$(< $out)"
}}
"#,
        capture = capture.display(),
        script = script.display()
    );
    for query in QUERIES {
        program.push_str(&format!("ask '{query}'\n"));
    }
    let run = sandbox.run_program(Path::new("zsh"), &["-f", "-c", &program]);
    assert_eq!(run.code, 0, "zsh: {}", run.stderr);
    Some(offers(&run.stdout))
}

/// fish's `complete -C`: what it would offer, with descriptions.
fn ask_fish(sandbox: &Sandbox, script: &Path) -> Option<(Offers, String)> {
    if !runs("fish", "--version") {
        return None;
    }
    let mut program = format!("source {}\n", script.display());
    for query in QUERIES {
        program.push_str(&format!("echo @@; complete -C '{query}'\n"));
    }
    let run = sandbox.run_program(Path::new("fish"), &["--no-config", "-c", &program]);
    assert_eq!(run.code, 0, "fish: {}", run.stderr);
    Some((offers(&run.stdout), run.stdout))
}

/// The completion scripts, loaded in real bash (with bash-completion), zsh
/// and fish, each asked what follows what is typed: shell names after
/// `adr completions`, the log's records after `adr show`, from the
/// project root and from a sub-folder.
fn shells_complete_subcommands_values_and_records() -> Result<(), Skip> {
    let mut sandbox = three_records();
    for shell in ["bash", "zsh", "fish"] {
        let script = sandbox.adr(&["completions", shell]).ok().to_string();
        sandbox.write(&format!(".completions/adr.{shell}"), &script);
    }
    let scripts = sandbox.root().join(".completions");
    let mut missing = Vec::new();
    for rel in ["", "doc"] {
        if !rel.is_empty() {
            sandbox.cd(rel);
        }
        match ask_bash(&sandbox, &scripts.join("adr.bash")) {
            Some(offered) => check_offers("bash", &offered),
            None => missing.push("bash with bash-completion"),
        }
        match ask_zsh(&sandbox, &scripts.join("adr.zsh")) {
            Some(offered) => check_offers("zsh", &offered),
            None => missing.push("zsh"),
        }
        match ask_fish(&sandbox, &scripts.join("adr.fish")) {
            Some((offered, text)) => {
                check_offers("fish", &offered);
                // fish shows what each record is.
                assert!(text.contains("3\tUse CockroachDB (accepted)"), "{text}");
            }
            None => missing.push("fish"),
        }
    }
    if !missing.is_empty() {
        missing.dedup();
        return Err(Need::Shells.skip(format!("not installed: {}", missing.join(", "))));
    }
    Ok(())
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(mcp_sdk_clients_negotiate_every_era_and_find_schemas_enforced, needs: [McpSdk]),
        test!(sarif_is_valid_for_github_code_scanning_from_any_folder, needs: [Sarif]),
        test!(pre_commit_builds_and_runs_these_hooks, needs: [PreCommit]),
        test!(shells_complete_subcommands_values_and_records, needs: [Shells]),
    ]
}
