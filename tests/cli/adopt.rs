//! Adopting a log nobody configured: `adr` finds it where the repository
//! keeps it, from the top or any sub-folder, and `adr new` writes the next
//! record the way the folder already writes them.
//!
//! The corpus test lays out every repository of the shared corpus with the
//! `.adr-dir` / `.log4brains.yml` its real repository has, in a fresh git
//! repository, and prints a table (`--nocapture`). The oracle for names
//! and layouts is written here, apart from the code under test.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use adr::record::{Format, Record, name};

use crate::support::{self, Sandbox};

const TITLE: &str = "Use Rust for the CLI";

/// A corpus repository, where its log is, and the configuration its real
/// repository has (`NOTES.md`).
struct Repo {
    name: &'static str,
    log: &'static str,
    config: &'static [(&'static str, &'static str)],
}

const fn repo(name: &'static str, log: &'static str) -> Repo {
    Repo {
        name,
        log,
        config: &[],
    }
}

const LOG4BRAINS_YML: &str = "project:\n  adrFolder: ./docs/adr\n  packages:\n    - name: core\n      path: ./packages/core\n      adrFolder: ./packages/core/docs/adr\n    - name: web\n      path: ./packages/web\n      adrFolder: ./packages/web/docs/adr\n";

const REPOS: &[Repo] = &[
    repo("npryce__adr-tools", "doc/adr"),
    Repo {
        config: &[(".log4brains.yml", LOG4BRAINS_YML)],
        ..repo("thomvaill__log4brains", "docs/adr")
    },
    repo("adr__madr", "docs/decisions"),
    repo("arachne-framework__architecture", ""),
    repo("JabRef__jabref", "docs/decisions"),
    repo(
        "ministryofjustice__cloud-platform",
        "architecture-decision-record",
    ),
    Repo {
        config: &[(".adr-dir", "docs/architecture/decisions\n")],
        ..repo("alphagov__govuk-aws", "docs/architecture/decisions")
    },
    repo(
        "nationalarchives__tdr-dev-documentation",
        "architecture-decision-records",
    ),
    repo("cometbft__cometbft", "docs/references/architecture"),
    repo("eclipse-edc__Connector", "docs/developer/decision-records"),
    repo("alphagov__forms", "ADR"),
    repo("zooniverse__front-end-monorepo", "docs/arch"),
    repo("wikimedia__mediawiki-extensions-Wikibase", "docs/adr"),
    repo("BrighterCommand__Brighter", "docs/adr"),
    repo(
        "vmware-tanzu__secrets-manager",
        "docs/content/documentation/architecture/adrs",
    ),
    Repo {
        config: &[(".log4brains.yml", "project:\n  adrFolder: ./docs/adr\n")],
        ..repo("svv-kos__driftsportal", "docs/adr")
    },
    repo("MTES-MCT__zero-logement-vacant", "docs/decisions"),
    repo(
        "guardian__dotcom-rendering",
        "dotcom-rendering/docs/architecture",
    ),
    repo("nhs-england-tools__repository-template", "docs/adr"),
    repo("neicnordic__sensitive-data-archive", "docs/decisions"),
];

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read corpus").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The shape of a record's name, written independently of `adr`: digits
/// become `N`, the slug `slug` (`Slug` with capitals, `_` noted), a folder
/// per record ends in `/`.
fn shape(stem: &str, folder: bool) -> String {
    let last_digit = stem.rfind(|c: char| c.is_ascii_digit());
    let (head, slug) = match last_digit {
        Some(i) => {
            let rest = &stem[i + 1..];
            let rest = rest.strip_prefix(['-', '_']).map_or(rest, |r| r);
            (&stem[..stem.len() - rest.len()], rest)
        }
        None => ("", stem),
    };
    let mut out: String = head
        .chars()
        .map(|c| if c.is_ascii_digit() { 'N' } else { c })
        .collect();
    if !slug.is_empty() {
        let word = if slug.chars().any(char::is_uppercase) {
            "Slug"
        } else {
            "slug"
        };
        out.push_str(word);
        if slug.contains('_') && !slug.contains('-') {
            out.push('_');
        }
    }
    if folder {
        out.push('/');
    }
    out
}

/// The records directly in `dir` (and folder-per-decision READMEs): their
/// stems, whether each is a folder, and their text.
fn records_in(dir: &Path) -> Vec<(String, bool, PathBuf)> {
    let scan = adr::log::scan(dir).expect("scan");
    scan.records
        .into_iter()
        .filter(|r| r.log.as_os_str().is_empty())
        .map(|r| {
            let folder = r
                .path
                .file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"));
            (r.stem, folder, r.path)
        })
        .collect()
}

fn majority<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<(T, usize)> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts.into_iter().max_by_key(|(_, n)| *n)
}

fn format_of(path: &Path) -> Format {
    let text = fs::read_to_string(path).unwrap_or_default();
    Record::parse(path.to_path_buf(), "x", &text).format
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Nygard => "section",
        Format::Madr => "front matter",
        Format::Log4brains => "bullets",
        Format::Plain => "none",
    }
}

/// The log `adr config` reports, as an absolute path.
fn configured_dir(sandbox: &Sandbox) -> Option<PathBuf> {
    let run = sandbox.adr(&["config", "--format", "json"]);
    let settings: serde_json::Value = serde_json::from_str(&run.stdout).ok()?;
    let dir = settings.get(0)?.get("value")?.as_str()?;
    adr::log::normalise(&sandbox.cwd().join(dir))
        .canonicalize()
        .ok()
}

#[derive(Default)]
struct Row {
    root: bool,
    sub: bool,
    next: String,
    name: String,
    format: String,
    ok: bool,
}

fn adopt(corpus: &Path, repo: &Repo) -> Row {
    let mut sandbox = Sandbox::new();
    copy_tree(&corpus.join(repo.name), sandbox.root());
    for (file, text) in repo.config {
        sandbox.write(file, text);
    }
    sandbox.run_program(Path::new("git"), &["init", "-q"]).ok();
    let log = sandbox.root().join(repo.log).canonicalize().expect("log");
    let before = records_in(&log);
    let mut row = Row {
        root: sandbox.adr(&["list"]).code == 0 && configured_dir(&sandbox).as_ref() == Some(&log),
        ..Row::default()
    };
    sandbox.cd("src/module");
    row.sub = sandbox.adr(&["list"]).code == 0 && configured_dir(&sandbox).as_ref() == Some(&log);
    let run = sandbox.adr(&["new", TITLE]);
    let created = sandbox.cwd().join(run.stdout.trim());
    let created = adr::log::normalise(&created);
    let in_log = created.starts_with(&log) && run.code == 0;
    let after = records_in(&log);
    let new: Vec<_> = after
        .iter()
        .filter(|(stem, _, _)| !before.iter().any(|(s, _, _)| s == stem))
        .collect();
    let Some((stem, folder, path)) = new.first().copied() else {
        row.next = format!("(nothing new: {} {})", run.stdout.trim(), run.stderr.trim());
        return row;
    };
    row.next = created.strip_prefix(&log).map_or_else(
        |_| created.display().to_string(),
        |p| p.display().to_string(),
    );
    let (usual, agree) = majority(before.iter().map(|(s, f, _)| shape(s, *f))).unwrap_or_default();
    let own = shape(stem, *folder);
    let numbers: Vec<u32> = before
        .iter()
        .filter_map(|(s, _, _)| name::number(s))
        .collect();
    let number_ok = match (name::number(stem), numbers.iter().max()) {
        (Some(n), Some(highest)) => n == highest + 1,
        (None, _) => name::date_prefix(stem).is_some(),
        (Some(_), None) => false,
    };
    let name_ok = own == usual && number_ok;
    row.name = format!(
        "{own} ({}{agree}/{} {usual})",
        if name_ok { "as " } else { "NOT as " },
        before.len()
    );
    let (usual_format, agree) =
        majority(before.iter().map(|(_, _, p)| format_name(format_of(p)))).unwrap_or_default();
    let own_format = format_name(format_of(path));
    let format_ok = own_format == usual_format;
    row.format = format!(
        "{own_format} ({}{agree}/{} {usual_format})",
        if format_ok { "as " } else { "NOT as " },
        before.len()
    );
    row.ok = row.root && row.sub && in_log && name_ok && format_ok && new.len() == 1;
    row
}

fn every_corpus_repository_is_adopted_without_configuration() {
    let corpus = support::corpus();
    let mut failed = Vec::new();
    println!(
        "{:<42} {:<5} {:<5} {:<58} {:<34} format",
        "repository", "root", "sub", "next record (in its log)", "name"
    );
    for repo in REPOS {
        let row = adopt(&corpus, repo);
        let yes = |b: bool| if b { "yes" } else { "NO" };
        println!(
            "{:<42} {:<5} {:<5} {:<58} {:<34} {}",
            repo.name,
            yes(row.root),
            yes(row.sub),
            row.next,
            row.name,
            row.format
        );
        if !row.ok {
            failed.push(repo.name);
        }
    }
    println!("adopted: {} of {}", REPOS.len() - failed.len(), REPOS.len());
    assert!(failed.is_empty(), "not adopted: {failed:?}");
}

// Synthetic logs: one per name pattern and per layout.

fn nygard(number: u32, title: &str) -> String {
    format!(
        "# {number}. {title}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
    )
}

fn git_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.run_program(Path::new("git"), &["init", "-q"]).ok();
    sandbox
}

/// Writes `files` into a fresh git repository, runs `adr new` from a
/// sub-folder, and returns the created path (from the top) and its text.
fn new_in(files: &[(&str, String)], extra: &[&str]) -> (String, String) {
    let mut sandbox = git_sandbox();
    for (path, text) in files {
        sandbox.write(path, text);
    }
    sandbox.cd("src");
    let mut args = vec!["new"];
    args.extend(extra);
    args.push("Use X for Y");
    let run = sandbox.adr(&args);
    let created = run.ok().trim().to_string();
    let created = created.strip_prefix("../").unwrap_or(&created).to_string();
    let text = sandbox.read(&created);
    (created, text)
}

fn names_follow_the_folder() {
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "docs/adr",
            &["0001-a.md", "0002-b.md"],
            "docs/adr/0003-use-x-for-y.md",
        ),
        (
            "decisions",
            &["adr-001-a.md", "adr-002-b.md"],
            "decisions/adr-003-use-x-for-y.md",
        ),
        (
            "ADR",
            &["ADR001-a.md", "ADR002-b.md"],
            "ADR/ADR003-use-x-for-y.md",
        ),
        (
            "docs/adr",
            &["ADR-001_Use_A.md", "ADR-002_Use_B.md"],
            "docs/adr/ADR-003_Use_X_for_Y.md",
        ),
        (
            "docs/arch",
            &["adr-01.md", "adr-02.md"],
            "docs/arch/adr-03.md",
        ),
        (
            "adrs",
            &["001-Use-A.md", "002-Use-B.md"],
            "adrs/003-Use-X-for-Y.md",
        ),
        (
            "docs/adrs",
            &["0000_snake_a.md", "0001_snake_b.md"],
            "docs/adrs/0002_use_x_for_y.md",
        ),
        (
            "docs/decisions",
            &["20240101-a.md", "20240102-b.md"],
            "docs/decisions/19920112-use-x-for-y.md",
        ),
        (
            "docs/decisions",
            &["20240101120000-a.md", "20240102130000-b.md"],
            "docs/decisions/19920112000000-use-x-for-y.md",
        ),
        (
            "docs/adr",
            &["20240509-adr-0001-a.md", "20240510-adr-0002-b.md"],
            "docs/adr/19920112-adr-0003-use-x-for-y.md",
        ),
        (
            "decision-records",
            &["2024-01-01-a/README.md", "2024-02-01-b/README.md"],
            "decision-records/1992-01-12-use-x-for-y/README.md",
        ),
    ];
    for (dir, names, expected) in cases {
        let files: Vec<(String, String)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("{dir}/{n}"), nygard(i as u32 + 1, "A")))
            .collect();
        let files: Vec<(&str, String)> =
            files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
        let (created, _) = new_in(&files, &[]);
        assert_eq!(&created, expected, "in a folder of {names:?}");
    }
}

fn layouts_follow_the_folder() {
    // `- Status:` bullets, lower case, no number in the title.
    let bullets = |t: &str| {
        format!(
            "# {t}\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Context and Problem Statement\n\nWhy.\n"
        )
    };
    let (path, text) = new_in(
        &[
            ("docs/adr/20240101-a.md", bullets("A")),
            ("docs/adr/20240102-b.md", bullets("B")),
        ],
        &[],
    );
    assert_eq!(path, "docs/adr/19920112-use-x-for-y.md");
    assert!(
        text.starts_with("# Use X for Y\n\n- Status: proposed\n- Date: 1992-01-12\n"),
        "{text}"
    );
    // YAML front matter (MADR), statuses as the folder spells them.
    let madr = |t: &str| {
        format!(
            "---\nstatus: Accepted\ndate: 2024-01-01\n---\n\n# {t}\n\n## Context and Problem Statement\n\nWhy.\n"
        )
    };
    let (path, text) = new_in(
        &[
            ("docs/decisions/0001-a.md", madr("A")),
            ("docs/decisions/0002-b.md", madr("B")),
        ],
        &[],
    );
    assert_eq!(path, "docs/decisions/0003-use-x-for-y.md");
    assert!(
        text.starts_with("---\nstatus: Proposed\ndate: 1992-01-12\n"),
        "{text}"
    );
    assert!(text.contains("\n# Use X for Y\n"), "{text}");
    // A `## Status` section in lower case, titles as `ADR N: Title`.
    let cometbft = |n: u32, t: &str| {
        format!("# ADR {n}: {t}\n\n## Status\n\naccepted\n\n## Context\n\nWhy.\n")
    };
    let (path, text) = new_in(
        &[
            ("docs/architecture/adr-001-a.md", cometbft(1, "A")),
            ("docs/architecture/adr-002-b.md", cometbft(2, "B")),
        ],
        &[],
    );
    assert_eq!(path, "docs/architecture/adr-003-use-x-for-y.md");
    assert!(text.starts_with("# ADR 3: Use X for Y\n"), "{text}");
    assert!(text.contains("## Status\n\naccepted\n"), "{text}");
    // No status anywhere: none is added, the newest record's sections are.
    let plain = |t: &str| format!("# {t}\n\n## Decision\n\nX.\n\n## Rationale\n\nY.\n");
    let (path, text) = new_in(
        &[
            ("decisions/0001-a.md", plain("A")),
            ("decisions/0002-b.md", plain("B")),
        ],
        &[],
    );
    assert_eq!(path, "decisions/0003-use-x-for-y.md");
    assert_eq!(text, "# Use X for Y\n\n## Decision\n\n## Rationale\n");
    // Emoji statuses as the folder writes them.
    let emoji = |n: u32| {
        format!("# {n}. A\n\nDate: 2024-01-01\n\n## Status\n\n✅ Accepted\n\n## Context\n\nWhy.\n")
    };
    let (_, text) = new_in(
        &[("adr/001-a.md", emoji(1)), ("adr/002-b.md", emoji(2))],
        &[],
    );
    assert!(text.contains("## Status\n\n✅ Accepted\n"), "{text}");
}

fn the_folders_own_template_is_filled_like_its_authors_would() {
    let template = "# [short title of solved problem and solution]\n\n- Status: [draft | proposed | rejected | accepted] <!-- optional -->\n- Date: [YYYY-MM-DD when the decision was last updated] <!-- optional -->\n\n## Context and Problem Statement\n\n[Describe the context]\n";
    let record = "# A\n\n- Status: accepted\n- Date: 2024-01-01\n\n## Context and Problem Statement\n\nWhy.\n";
    let (path, text) = new_in(
        &[
            ("docs/adr/template.md", template.to_string()),
            ("docs/adr/20240101-a.md", record.to_string()),
        ],
        &[],
    );
    assert_eq!(path, "docs/adr/19920112-use-x-for-y.md");
    assert_eq!(
        text,
        "# Use X for Y\n\n- Status: proposed\n- Date: 1992-01-12\n\n## Context and Problem Statement\n\n[Describe the context]\n"
    );
    // An explicit --status is written where the template keeps it.
    let (_, text) = new_in(
        &[
            ("docs/adr/template.md", template.to_string()),
            ("docs/adr/20240101-a.md", record.to_string()),
        ],
        &["--status", "draft"],
    );
    assert!(text.contains("- Status: draft\n"), "{text}");
}

fn adr_toml_overrides_each_part() {
    let mut sandbox = git_sandbox();
    sandbox.write("docs/adr/adr-001-a.md", &nygard(1, "A"));
    sandbox.write(
        ".adr.toml",
        "[new]\nname = \"{number:3}-{slug}.md\"\nheading = \"ADR-{number:3}: {title}\"\nstatus = \"Proposed\"\n",
    );
    sandbox.cd("src");
    let created = sandbox.adr(&["new", "Use X"]).ok().trim().to_string();
    assert_eq!(created, "../docs/adr/002-use-x.md");
    let text = sandbox.read("docs/adr/002-use-x.md");
    assert!(text.starts_with("# ADR-002: Use X\n"), "{text}");
    assert!(text.contains("## Status\n\nProposed\n"), "{text}");
    let config = sandbox.adr(&["config"]).ok().to_string();
    assert!(config.contains("new.name"), "{config}");
    assert!(
        config.lines().any(|l| l.starts_with("new.name")
            && l.contains("{number:3}-{slug}.md")
            && l.contains(".adr.toml")),
        "{config}"
    );
    // infer = false: adr-tools' names and layout, whatever the folder has.
    sandbox.write(".adr.toml", "[new]\ninfer = false\n");
    let created = sandbox.adr(&["new", "Use Y"]).ok().trim().to_string();
    assert_eq!(created, "../docs/adr/0003-use-y.md");
    // A pattern that cannot name a file is refused with its line.
    sandbox.write(".adr.toml", "[new]\n\nname = \"{title}.md\"\n");
    let run = sandbox.adr(&["new", "Use Z"]);
    assert!(run.fails().contains(".adr.toml:3"), "{}", run.stderr);
}

fn several_candidates_the_first_in_the_documented_order_and_config_says_why() {
    let sandbox = git_sandbox();
    sandbox.write("adr/0001-a.md", &nygard(1, "A"));
    sandbox.write("docs/decisions/0001-b.md", &nygard(1, "B"));
    let config = sandbox.adr(&["config"]).ok().to_string();
    let dir = config.lines().next().unwrap_or_default();
    assert!(dir.contains("docs/decisions"), "{dir}");
    assert!(dir.contains("before adr"), "{dir}");
    let run = sandbox.adr(&["-v", "list"]);
    assert!(
        run.stderr
            .contains("adr: log: docs/decisions (found: a well-known place"),
        "{}",
        run.stderr
    );
    // adr init does not start a second log beside it.
    let run = sandbox.adr(&["init"]);
    assert!(run.fails().contains("already holds"), "{}", run.stderr);
}

fn named_logs_win_over_found_ones() {
    let sandbox = git_sandbox();
    sandbox.write("docs/adr/0001-a.md", &nygard(1, "A"));
    sandbox.write("elsewhere/0001-b.md", &nygard(1, "B"));
    sandbox.write("adrs.toml", "adr_dir = \"elsewhere\"\n");
    let dir = sandbox
        .adr(&["config"])
        .ok()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        dir.contains("elsewhere") && dir.contains("adrs.toml"),
        "{dir}"
    );
    sandbox.write(".adr-dir", "docs/adr\n");
    let dir = sandbox
        .adr(&["config"])
        .ok()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        dir.contains("docs/adr") && dir.contains(".adr-dir"),
        "{dir}"
    );
}

fn an_empty_repository_keeps_adr_tools_behaviour() {
    let mut sandbox = git_sandbox();
    sandbox.cd("sub");
    let run = sandbox.adr(&["new", "First"]);
    assert_eq!(run.ok(), "doc/adr/0001-first.md\n");
    assert_eq!(run.stderr, "");
    assert_eq!(
        sandbox.read("sub/doc/adr/0001-first.md"),
        "# 1. First\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\nThe issue motivating this decision, and any context that influences or constrains the decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.\n"
    );
}

fn an_empty_well_known_folder_is_named_not_used() {
    let sandbox = git_sandbox();
    fs::create_dir_all(sandbox.root().join("docs/adr")).expect("mkdir");
    let run = sandbox.adr(&["new", "First"]);
    assert_eq!(run.ok(), "doc/adr/0001-first.md\n");
    assert!(
        run.stderr
            .contains("docs/adr holds no records, so it was not used"),
        "{}",
        run.stderr
    );
}

// Kinds met on held-out repositories (each in our own words and names).

fn snake_case_dates_name_the_next_record_and_underscored_pages_are_not_records() {
    let files = [
        ("adr/2021_05_06_split_the_bus.md", "# Split the bus\n\n* Status: accepted\n* Date: 2021-05-06\n\n## Context and Problem Statement\n\nWhy.\n".to_string()),
        ("adr/2022_03_31_name_the_states.md", "# Name the states\n\n* Status: accepted\n* Date: 2022-03-31\n\n## Context and Problem Statement\n\nWhy.\n".to_string()),
        ("adr/_readme.md", "Names are `YYYY_MM_DD_topic.md`.\n".to_string()),
    ];
    let (created, text) = new_in(&files, &[]);
    assert_eq!(created, "adr/1992_01_12_use_x_for_y.md");
    assert!(text.starts_with("# Use X for Y\n"), "{text}");
    let mut sandbox = git_sandbox();
    for (path, text) in &files {
        sandbox.write(path, text);
    }
    sandbox.cd("adr");
    let list = sandbox.adr(&["list"]).ok().to_string();
    assert!(!list.contains("_readme"), "{list}");
    assert_eq!(list.lines().count(), 2, "{list}");
}

fn a_log_kept_in_category_folders_is_found_and_continued() {
    let files = [
        (
            "docs/adr/README.md",
            "# Our decisions, by area\n".to_string(),
        ),
        ("docs/adr/storage/0001-keep-rows.md", nygard(1, "Keep rows")),
        (
            "docs/adr/storage/0002-drop-blobs.md",
            nygard(2, "Drop blobs"),
        ),
        ("docs/adr/network/0003-one-port.md", nygard(3, "One port")),
    ];
    let (created, text) = new_in(&files, &[]);
    assert_eq!(created, "docs/adr/0004-use-x-for-y.md");
    assert!(text.starts_with("# 4. Use X for Y\n"), "{text}");
}

fn a_default_folder_without_records_gives_way_to_a_log_that_has_some() {
    let files = [
        ("doc/adr/README.md", "Moved to docs/adr.\n".to_string()),
        ("docs/adr/0001-keep-rows.md", nygard(1, "Keep rows")),
        ("docs/adr/0002-one-port.md", nygard(2, "One port")),
    ];
    let (created, _) = new_in(&files, &[]);
    assert_eq!(created, "docs/adr/0003-use-x-for-y.md");
    let sandbox = git_sandbox();
    for (path, text) in &files {
        sandbox.write(path, text);
    }
    let config = sandbox.adr(&["config"]).ok().to_string();
    let dir = config.lines().next().unwrap_or_default();
    assert!(
        dir.contains("docs/adr") && dir.contains("doc/adr holds no record"),
        "{dir}"
    );
    // Alone, it is still the log, as adr-tools has it.
    let sandbox = git_sandbox();
    sandbox.write("doc/adr/README.md", "Ours.\n");
    let run = sandbox.adr(&["new", "First"]);
    assert_eq!(run.ok(), "doc/adr/0001-first.md\n");
}

fn a_template_numbered_zero_is_the_template_whatever_follows_its_name() {
    let template = "# [short title]\n\n[The problem]\n\n## Options Weighed\n\n* [option]\n";
    let files = [
        ("notes/decisions/000-template-long.md", template.to_string()),
        (
            "notes/decisions/001-pick-a-queue.md",
            "# Pick a queue\n\nWhich.\n\n## Options Weighed\n\n* a\n".to_string(),
        ),
        (
            "notes/decisions/002-pick-a-cache.md",
            "# Pick a cache\n\nWhich.\n\n## Options Weighed\n\n* b\n".to_string(),
        ),
    ];
    let (created, text) = new_in(&files, &[]);
    assert_eq!(created, "notes/decisions/003-use-x-for-y.md");
    assert!(
        text.starts_with("# Use X for Y\n\n[The problem]\n\n## Options Weighed\n"),
        "{text}"
    );
}

fn the_templates_own_number_and_title_placeholder_become_the_new_records() {
    let record = |n: u32, title: &str| {
        format!(
            "---\nid: notes-adr{n:03}\ntitle: 'ADR{n:03}: {title}'\n---\n\n## Context\n\nWhy.\n"
        )
    };
    let files = [
        ("docs/adrs/adr000-template.md", "---\nid: notes-adr000\ntitle: 'ADR000: [TITLE]'\nsummary: Why we chose [TITLE]\n---\n\n## Context\n\n[context]\n".to_string()),
        ("docs/adrs/adr001-keep-rows.md", record(1, "Keep rows")),
        ("docs/adrs/adr002-one-port.md", record(2, "One port")),
    ];
    let (created, text) = new_in(&files, &[]);
    assert_eq!(created, "docs/adrs/adr003-use-x-for-y.md");
    assert!(
        text.starts_with("---\nid: notes-adr003\ntitle: 'ADR003: Use X for Y'\nsummary: Why we chose Use X for Y\n---\n"),
        "{text}"
    );
}

fn inside_a_log4brains_package_new_writes_to_that_packages_log() {
    let mut sandbox = git_sandbox();
    sandbox.write(
        ".log4brains.yml",
        "project:\n  name: Shop\n  adrFolder: ./docs/adr\n  packages:\n    - name: billing\n      path: ./services/billing\n      adrFolder: ./services/billing/adr\n",
    );
    let bullets = |title: &str| {
        format!(
            "# {title}\n\n- Status: accepted\n- Date: 2023-01-01\n\n## Context and Problem Statement\n\nWhy.\n"
        )
    };
    sandbox.write(
        "docs/adr/20230101-use-one-repo.md",
        &bullets("Use one repo"),
    );
    sandbox.write(
        "services/billing/adr/20230201-round-half-up.md",
        &bullets("Round half up"),
    );
    sandbox.write(
        "services/billing/adr/template.md",
        "# [title]\n\n- Status: [proposed | accepted]\n- Date: [YYYY-MM-DD]\n\n## Money Matters\n\n[why]\n",
    );
    sandbox.write("services/billing/src/lib.rs", "");
    sandbox.cd("services/billing/src");
    let config = sandbox.adr(&["config"]).ok().to_string();
    let dir = config.lines().next().unwrap_or_default();
    assert!(dir.contains("package billing"), "{dir}");
    let run = sandbox.adr(&["new", "Charge in cents"]);
    assert_eq!(
        run.ok(),
        "../../../services/billing/adr/19920112-charge-in-cents.md\n"
    );
    let text = sandbox.read("services/billing/adr/19920112-charge-in-cents.md");
    assert!(
        text.starts_with(
            "# Charge in cents\n\n- Status: proposed\n- Date: 1992-01-12\n\n## Money Matters\n"
        ),
        "{text}"
    );
    // Every log is still read.
    assert_eq!(sandbox.adr(&["list"]).ok().lines().count(), 3);
    sandbox.cd("../../..");
    let run = sandbox.adr(&["new", "Tag releases"]);
    assert_eq!(run.ok(), "docs/adr/19920112-tag-releases.md\n");
}

fn bold_key_lines_are_written_as_the_records_write_them() {
    let record = |n: u32, title: &str| {
        format!(
            "# ADR-{n:03}: {title}\n\n**Date:** 2024-02-0{n}  \n**Status:** Accepted\n\n## Context\n\nWhy.\n\n## Decision\n\nThis.\n\n## Consequences\n\nMore.\n"
        )
    };
    let files = [
        ("docs/adr/001-keep-rows.md", record(1, "Keep rows")),
        ("docs/adr/002-one-port.md", record(2, "One port")),
    ];
    let (created, text) = new_in(&files, &[]);
    assert_eq!(created, "docs/adr/003-use-x-for-y.md");
    assert!(
        text.starts_with("# ADR-003: Use X for Y\n\n**Date:** 1992-01-12  \n**Status:** "),
        "{text}"
    );
    assert!(
        text.contains("\n## Context\n\n## Decision\n\n## Consequences\n"),
        "{text}"
    );
    assert!(!text.contains("- Status:"), "{text}");
}

fn mcp_propose_record_writes_as_adr_new_does() {
    use std::io::Write;
    use std::process::Stdio;
    let sandbox = git_sandbox();
    sandbox.write(
        "docs/decisions/20230101-use-one-repo.md",
        "# Use one repo\n\n- Status: accepted\n- Date: 2023-01-01\n\n## Context and Problem Statement\n\nWhy.\n",
    );
    sandbox.write(
        "docs/decisions/template.md",
        "# [title]\n\n- Status: [proposed | accepted]\n- Date: [YYYY-MM-DD]\n\n## What Forces Us\n\n[why]\n",
    );
    let lines = [
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "adopt", "version": "1"}}}),
        serde_json::json!({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "tools/call", "params": {
            "name": "propose_record", "arguments": {"title": "Charge in cents"}}}),
    ];
    let mut child = sandbox
        .command(&["mcp", "--allow-write"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start adr mcp");
    let mut stdin = child.stdin.take().expect("stdin");
    for line in &lines {
        writeln!(stdin, "{line}").expect("write");
    }
    drop(stdin);
    let output = child.wait_with_output().expect("adr mcp ends");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let path = "docs/decisions/19920112-charge-in-cents.md";
    assert!(sandbox.exists(path), "{stdout}");
    let text = sandbox.read(path);
    assert!(
        text.starts_with(
            "# Charge in cents\n\n- Status: proposed\n- Date: 1992-01-12\n\n## What Forces Us\n"
        ),
        "{text}"
    );
    // The same record `adr new` writes, but for its name.
    let run = sandbox.adr(&["new", "Charge in pennies"]);
    let twin = sandbox.read(run.ok().trim());
    assert_eq!(twin.replace("pennies", "cents"), text);
}

// The first hour: manual pages, licences.

/// Every `name(1)` a page refers to.
fn page_refs(page: &str) -> Vec<String> {
    let mut refs = Vec::new();
    for (at, _) in page.match_indices("(1)") {
        let start = page[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\\'))
            .map_or(0, |i| i + 1);
        let name = page[start..at].replace("\\-", "-");
        if name.starts_with("adr") {
            refs.push(name);
        }
    }
    refs
}

fn man_pages_refer_only_to_pages_that_exist() {
    let sandbox = Sandbox::new();
    let run = sandbox.adr(&["man", "--out", "man/man1"]);
    let written: Vec<&str> = run.ok().lines().collect();
    let dir = sandbox.root().join("man/man1");
    let mut files: Vec<String> = fs::read_dir(&dir)
        .expect("pages")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(written.len(), files.len());
    for page in [
        "adr.1",
        "adr-new.1",
        "adr-check.1",
        "adr-export-html.1",
        "adr-upgrade-repository.1",
    ] {
        assert!(files.iter().any(|f| f == page), "no {page} in {files:?}");
    }
    let mut missing = Vec::new();
    for file in &files {
        let page = fs::read_to_string(dir.join(file)).expect("page");
        for name in page_refs(&page) {
            if !files.contains(&format!("{name}.1")) {
                missing.push(format!("{file} refers to {name}(1)"));
            }
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
    // Alone, the main page names the commands without referring to pages.
    let page = sandbox.adr(&["man"]).ok().to_string();
    assert!(page_refs(&page).is_empty(), "{:?}", page_refs(&page));
    assert!(
        page.contains("adr new") && page.contains("\\-\\-out"),
        "{page}"
    );
}

fn the_licences_the_package_declares_are_there() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = fs::read_to_string(root.join("Cargo.toml")).expect("manifest");
    assert!(manifest.contains("license = \"MIT OR Apache-2.0\""));
    let mit = fs::read_to_string(root.join("LICENSE-MIT")).expect("LICENSE-MIT");
    assert!(mit.contains("Copyright (c) the adr developers"));
    let apache = fs::read_to_string(root.join("LICENSE-APACHE")).expect("LICENSE-APACHE");
    assert!(apache.contains("Version 2.0, January 2004"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README");
    assert!(readme.contains("cargo install --locked --path ."));
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(every_corpus_repository_is_adopted_without_configuration, needs: [Corpus]),
        test!(names_follow_the_folder),
        test!(layouts_follow_the_folder),
        test!(the_folders_own_template_is_filled_like_its_authors_would),
        test!(adr_toml_overrides_each_part),
        test!(several_candidates_the_first_in_the_documented_order_and_config_says_why),
        test!(named_logs_win_over_found_ones),
        test!(an_empty_repository_keeps_adr_tools_behaviour),
        test!(an_empty_well_known_folder_is_named_not_used),
        test!(snake_case_dates_name_the_next_record_and_underscored_pages_are_not_records),
        test!(a_log_kept_in_category_folders_is_found_and_continued),
        test!(a_default_folder_without_records_gives_way_to_a_log_that_has_some),
        test!(a_template_numbered_zero_is_the_template_whatever_follows_its_name),
        test!(the_templates_own_number_and_title_placeholder_become_the_new_records),
        test!(inside_a_log4brains_package_new_writes_to_that_packages_log),
        test!(bold_key_lines_are_written_as_the_records_write_them),
        test!(mcp_propose_record_writes_as_adr_new_does),
        test!(man_pages_refer_only_to_pages_that_exist),
        test!(the_licences_the_package_declares_are_there),
    ]
}
