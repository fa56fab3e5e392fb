//! The real-world corpus: 858 ADR files from 20 public repositories
//! (`../shared/adr-corpus`, described in its `NOTES.md`).
//!
//! Every chosen ADR folder is scanned, loaded and resolved through the
//! library, and listed once through the real binary. Each Markdown file must
//! show up as a record or as a non-record file, nothing may panic, and the
//! corpus must be byte-for-byte unchanged afterwards. Then come focused
//! checks of facts `NOTES.md` states that our reader should get right.
//!
//! Run with `--nocapture` to see the per-folder summary table.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use adr::log::{self, Scan};
use adr::record::{Link, Record, Severity, StatusKind};

use crate::support::{self, Sandbox};

/// One ADR folder of one source repository, and how many records the
/// scanner should find in it (the ADRs `NOTES.md` counts, plus fixtures and
/// drafts that have a record's name).
pub(crate) struct Folder {
    pub(crate) repo: &'static str,
    /// Relative to the repository; empty for the repository root.
    pub(crate) dir: &'static str,
    records: usize,
    /// log4brains' synthetic integration-test fixtures, not real ADRs.
    fixture: bool,
}

impl Folder {
    /// A file name for what is stored about this folder:
    /// `cometbft__cometbft--docs-references-architecture`.
    pub(crate) fn key(&self) -> String {
        if self.dir.is_empty() {
            self.repo.to_string()
        } else {
            format!("{}--{}", self.repo, self.dir.replace('/', "-"))
        }
    }

    pub(crate) fn path(&self, corpus: &Path) -> PathBuf {
        folder_path(corpus, self.repo, self.dir)
    }
}

const fn folder(repo: &'static str, dir: &'static str, records: usize) -> Folder {
    Folder {
        repo,
        dir,
        records,
        fixture: false,
    }
}

const fn fixture(repo: &'static str, dir: &'static str, records: usize) -> Folder {
    Folder {
        repo,
        dir,
        records,
        fixture: true,
    }
}

const L4B: &str = "thomvaill__log4brains";
const L4B_FIXTURES: &str = "packages/core/integration-tests/ro-project";

/// The ADR folders chosen from `NOTES.md`. Folders with subfolders
/// (cometbft's `tendermint-core/`, guardian's `historic-adrs/` …) are
/// scanned through their parent, as `adr --dir` would.
pub(crate) const FOLDERS: &[Folder] = &[
    folder("npryce__adr-tools", "doc/adr", 9),
    folder(L4B, "docs/adr", 9),
    folder(L4B, "packages/core/docs/adr", 3),
    folder(L4B, "packages/web/docs/adr", 5),
    fixture(
        L4B,
        "packages/core/integration-tests/ro-project/docs/adr",
        15,
    ),
    fixture(
        L4B,
        "packages/core/integration-tests/ro-project/packages/package1/adr",
        4,
    ),
    fixture(
        L4B,
        "packages/core/integration-tests/ro-project/packages/package2/adr",
        1,
    ),
    folder("adr__madr", "docs/decisions", 19),
    folder("arachne-framework__architecture", "", 17),
    folder("JabRef__jabref", "docs/decisions", 70),
    folder(
        "ministryofjustice__cloud-platform",
        "architecture-decision-record",
        49,
    ),
    folder("alphagov__govuk-aws", "docs/architecture/decisions", 38),
    folder(
        "nationalarchives__tdr-dev-documentation",
        "architecture-decision-records",
        39,
    ),
    folder("cometbft__cometbft", "docs/references/architecture", 93),
    folder(
        "eclipse-edc__Connector",
        "docs/developer/decision-records",
        106,
    ),
    folder("alphagov__forms", "ADR", 50),
    folder("alphagov__forms", "decision-record", 9),
    folder("zooniverse__front-end-monorepo", "docs/arch", 64),
    folder("wikimedia__mediawiki-extensions-Wikibase", "docs/adr", 35),
    folder(
        "wikimedia__mediawiki-extensions-Wikibase",
        "repo/domains/crud/docs/adr",
        14,
    ),
    folder(
        "wikimedia__mediawiki-extensions-Wikibase",
        "repo/domains/reuse/docs/adr",
        1,
    ),
    folder("BrighterCommand__Brighter", "docs/adr", 92),
    folder(
        "vmware-tanzu__secrets-manager",
        "docs/content/documentation/architecture/adrs",
        22,
    ),
    folder("svv-kos__driftsportal", "docs/adr", 4),
    folder("MTES-MCT__zero-logement-vacant", "docs/decisions", 4),
    folder(
        "guardian__dotcom-rendering",
        "dotcom-rendering/docs/architecture",
        42,
    ),
    // 3 ADRs plus the unnumbered draft `ADR-XXX_…`, which has a record's
    // name and so is listed (NOTES.md calls it a draft, not an ADR).
    folder("nhs-england-tools__repository-template", "docs/adr", 4),
    folder("neicnordic__sensitive-data-archive", "docs/decisions", 4),
];

/// Markdown files in the corpus (README.md and NOTES.md excluded).
const CORPUS_FILES: usize = 858;

/// The corpus, for tests that declare `needs: [Corpus]`.
pub(crate) fn corpus() -> PathBuf {
    support::corpus()
}

fn folder_path(corpus: &Path, repo: &str, dir: &str) -> PathBuf {
    let path = corpus.join(repo);
    if dir.is_empty() { path } else { path.join(dir) }
}

/// Scans, loads and resolves one folder through the library.
fn load_folder(dir: &Path) -> (Scan, Vec<Record>) {
    let scan = log::scan(dir).unwrap_or_else(|e| panic!("scan {}: {e}", dir.display()));
    let mut records = log::load(&scan.records);
    log::resolve_links(&mut records);
    (scan, records)
}

/// The records of one corpus folder.
fn records_of(repo: &str, dir: &str) -> Vec<Record> {
    load_folder(&folder_path(&corpus(), repo, dir)).1
}

/// The record whose path ends with `rel` (one or more path components).
#[track_caller]
fn record<'a>(records: &'a [Record], rel: &str) -> &'a Record {
    let hits: Vec<_> = records.iter().filter(|r| r.path.ends_with(rel)).collect();
    match hits.as_slice() {
        [one] => one,
        _ => panic!(
            "expected one record ending with {rel}, found {}",
            hits.len()
        ),
    }
}

/// The record's link whose verb is `kind` (case-insensitive).
#[track_caller]
fn link<'a>(record: &'a Record, kind: &str) -> &'a Link {
    record
        .links
        .iter()
        .find(|l| l.kind.eq_ignore_ascii_case(kind))
        .unwrap_or_else(|| {
            panic!(
                "{}: no `{kind}` link; links: {:?}",
                record.path.display(),
                record.links
            )
        })
}

/// The record's link whose target is written `raw`.
#[track_caller]
fn link_to<'a>(record: &'a Record, raw: &str) -> &'a Link {
    record
        .links
        .iter()
        .find(|l| l.raw == raw)
        .unwrap_or_else(|| {
            panic!(
                "{}: no link to `{raw}`; links: {:?}",
                record.path.display(),
                record.links
            )
        })
}

/// Asserts the link resolved to the file named `file_name`.
#[track_caller]
fn assert_target(link: &Link, file_name: &str) {
    let target = link
        .target
        .as_deref()
        .unwrap_or_else(|| panic!("link {link:?} is unresolved, expected {file_name}"));
    assert!(
        target.ends_with(file_name),
        "link {:?} resolved to {}, expected {file_name}",
        link.raw,
        target.display()
    );
}

#[track_caller]
fn assert_status(record: &Record, kind: StatusKind) {
    let actual = record.status.as_ref().map(|s| &s.kind);
    assert_eq!(
        actual,
        Some(&kind),
        "{}: status {:?}",
        record.path.display(),
        record.status
    );
}

fn status_name(record: &Record) -> String {
    record
        .status
        .as_ref()
        .map_or_else(|| "(none)".to_string(), |s| s.kind.to_string())
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"))
}

/// Every `.md`/`.MD` file under `dir`, recursively.
fn markdown_files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("read {}: {e}", d.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if is_markdown(&path) {
                found.insert(path);
            }
        }
    }
    found
}

/// A hash of every file's path and bytes under `dir`.
fn fingerprint(dir: &Path) -> (usize, u64) {
    let files = support::tree(dir);
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    (files.len(), hasher.finish())
}

/// One row of the summary table.
struct Row {
    name: String,
    files: usize,
    records: usize,
    others: usize,
    statuses: String,
    resolved: usize,
    unresolved: usize,
    errors: usize,
    warnings: usize,
}

fn row(name: String, files: usize, scan: &Scan, records: &[Record]) -> Row {
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    for r in records {
        *statuses.entry(status_name(r)).or_default() += 1;
    }
    let mut statuses: Vec<_> = statuses.into_iter().collect();
    statuses.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let links = records.iter().flat_map(|r| &r.links);
    let problems = || records.iter().flat_map(|r| &r.problems);
    Row {
        name,
        files,
        records: records.len(),
        others: scan.others.len(),
        statuses: statuses
            .iter()
            .map(|(s, n)| format!("{s} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        resolved: links.clone().filter(|l| l.target.is_some()).count(),
        unresolved: links.filter(|l| l.target.is_none()).count(),
        errors: problems().filter(|p| p.severity == Severity::Error).count(),
        warnings: problems()
            .filter(|p| p.severity == Severity::Warning)
            .count(),
    }
}

fn print_table(rows: &[Row]) {
    let width = rows
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    eprintln!(
        "{:<width$}  {:>5}  {:>7}  {:>6}  {:>15}  {:>10}  statuses",
        "source folder", "files", "records", "others", "links res/unres", "err/warn"
    );
    for r in rows {
        eprintln!(
            "{:<width$}  {:>5}  {:>7}  {:>6}  {:>15}  {:>10}  {}",
            r.name,
            r.files,
            r.records,
            r.others,
            format!("{}/{}", r.resolved, r.unresolved),
            format!("{}/{}", r.errors, r.warnings),
            r.statuses
        );
    }
}

/// The whole corpus: every folder read, nothing missing, nothing panics,
/// nothing written.
fn every_corpus_folder_is_read_without_loss() {
    let corpus = corpus();
    let started = Instant::now();
    let before = fingerprint(&corpus);
    let sandbox = Sandbox::new();
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    let mut covered = BTreeSet::new();
    let mut detail = Vec::new();

    for f in FOLDERS {
        let dir = folder_path(&corpus, f.repo, f.dir);
        let name = format!(
            "{}/{}{}",
            f.repo,
            if f.dir.is_empty() { "." } else { f.dir },
            if f.fixture { " (fixtures)" } else { "" }
        );
        let (scan, records) = load_folder(&dir);

        // Every Markdown file is either a record or a non-record file.
        let files = markdown_files(&dir);
        let mut listed = BTreeSet::new();
        for path in scan
            .records
            .iter()
            .map(|r| &r.path)
            .chain(scan.others.iter().map(|o| &o.path))
        {
            if !listed.insert(path.clone()) {
                failures.push(format!("{name}: {} listed twice", path.display()));
            }
        }
        for missing in files.difference(&listed) {
            failures.push(format!("{name}: {} not listed", missing.display()));
        }
        for extra in listed.difference(&files) {
            failures.push(format!("{name}: {} listed but not a file", extra.display()));
        }
        covered.extend(files.iter().cloned());

        if records.len() != f.records {
            failures.push(format!(
                "{name}: {} records, NOTES.md gives {}",
                records.len(),
                f.records
            ));
        }

        // Each record parsed: one record per record file, same path, read.
        if records.len() != scan.records.len() {
            failures.push(format!(
                "{name}: {} records loaded from {} record files",
                records.len(),
                scan.records.len()
            ));
        }
        for (file, r) in scan.records.iter().zip(&records) {
            let shown = r.path.strip_prefix(&corpus).unwrap_or(&r.path).display();
            if file.path != r.path {
                failures.push(format!(
                    "{name}: record {} loaded for file {}",
                    shown,
                    file.path.display()
                ));
            }
            if r.title.is_none() && r.heading.is_none() && r.status.is_none() {
                detail.push(format!("  (no title, heading or status) {}", shown));
            }
            for l in r.links.iter().filter(|l| l.target.is_none()) {
                detail.push(format!(
                    "  unresolved link {}:{}: {} -> {}",
                    shown, l.line, l.kind, l.raw
                ));
            }
            for p in &r.problems {
                if p.severity == Severity::Error {
                    failures.push(format!("{}:{}: error: {}", shown, p.line, p.message));
                } else {
                    detail.push(format!("  {}:{}: warning: {}", shown, p.line, p.message));
                }
            }
        }

        // The binary lists the same records and does not crash.
        let dir_arg = dir.display().to_string();
        let run = sandbox.adr(&["--dir", &dir_arg, "list", "--format", "json"]);
        let has_errors = records.iter().any(Record::has_errors);
        if run.stderr.contains("panicked") || !(run.code == 0 || run.code == 1) {
            failures.push(format!(
                "{name}: `adr list` exit {}: {}",
                run.code, run.stderr
            ));
        } else if (run.code == 1) != has_errors {
            failures.push(format!(
                "{name}: `adr list` exit {} but records with errors: {has_errors}",
                run.code
            ));
        }
        match serde_json::from_str::<serde_json::Value>(&run.stdout) {
            Ok(serde_json::Value::Array(items)) => {
                let cli: BTreeSet<String> = items
                    .iter()
                    .filter_map(|i| i["path"].as_str().map(str::to_string))
                    .collect();
                let lib: BTreeSet<String> = records
                    .iter()
                    .map(|r| r.path.display().to_string())
                    .collect();
                if cli != lib || items.len() != records.len() {
                    failures.push(format!(
                        "{name}: `adr list` listed {} records, the library {}",
                        items.len(),
                        records.len()
                    ));
                }
                for (item, r) in items.iter().zip(&records) {
                    let status = r.status.as_ref().map(|s| s.kind.to_string());
                    if item["status"].as_str().map(str::to_string) != status
                        || item["title"].as_str() != r.title.as_deref()
                    {
                        failures.push(format!(
                            "{}: CLI says {} / {}, library {:?} / {:?}",
                            r.path.display(),
                            item["status"],
                            item["title"],
                            status,
                            r.title
                        ));
                    }
                }
            }
            other => failures.push(format!(
                "{name}: `adr list --format json` is not a JSON array: {other:?}"
            )),
        }

        rows.push(row(name, files.len(), &scan, &records));
    }

    // The chosen folders cover the whole corpus.
    let all: BTreeSet<PathBuf> = markdown_files(&corpus)
        .into_iter()
        .filter(|p| p.parent() != Some(corpus.as_path()))
        .collect();
    for missing in all.difference(&covered) {
        failures.push(format!("not in any chosen folder: {}", missing.display()));
    }
    if all.len() != CORPUS_FILES {
        failures.push(format!(
            "the corpus has {} Markdown files, README.md says {CORPUS_FILES}",
            all.len()
        ));
    }

    let totals = Row {
        name: "total".into(),
        files: rows.iter().map(|r| r.files).sum(),
        records: rows.iter().map(|r| r.records).sum(),
        others: rows.iter().map(|r| r.others).sum(),
        statuses: String::new(),
        resolved: rows.iter().map(|r| r.resolved).sum(),
        unresolved: rows.iter().map(|r| r.unresolved).sum(),
        errors: rows.iter().map(|r| r.errors).sum(),
        warnings: rows.iter().map(|r| r.warnings).sum(),
    };
    rows.push(totals);
    print_table(&rows);
    for line in &detail {
        eprintln!("{line}");
    }

    // Loading never modifies the corpus.
    let after = fingerprint(&corpus);
    if before != after {
        failures.push(format!(
            "the corpus changed while it was read: {before:?} -> {after:?}"
        ));
    }
    eprintln!("corpus read in {:?}", started.elapsed());
    assert!(
        failures.is_empty(),
        "{} corpus failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn npryce_amended_by_link_resolves() {
    let records = records_of("npryce__adr-tools", "doc/adr");
    assert_eq!(records.len(), 9);
    for r in &records {
        assert_status(r, StatusKind::Accepted);
    }
    let five = record(&records, "0005-help-comments.md");
    assert_eq!(five.title.as_deref(), Some("Help comments"));
    assert_eq!(five.date_text.as_deref().map(str::trim), Some("2016-02-13"));
    assert_eq!(
        five.status.as_ref().map(|s| s.text.as_str()),
        Some("Accepted")
    );
    let amended = link(five, "Amended by");
    assert_eq!(amended.raw, "0009-help-scripts.md");
    assert_eq!(amended.line, 9);
    assert_target(amended, "0009-help-scripts.md");
    assert_target(
        link(record(&records, "0009-help-scripts.md"), "Amends"),
        "0005-help-comments.md",
    );
}

fn ministryofjustice_emoji_statuses_normalise() {
    let records = records_of(
        "ministryofjustice__cloud-platform",
        "architecture-decision-record",
    );
    let accepted = record(&records, "036-multi-cluster.md");
    assert_status(accepted, StatusKind::Accepted);
    assert_eq!(
        accepted.status.as_ref().map(|s| s.text.as_str()),
        Some("Accepted")
    );
    let superseded = record(&records, "021-Multi-cluster.md");
    assert_status(superseded, StatusKind::Superseded);
    let by = link(superseded, "Superseded by");
    assert_eq!(by.raw, "036-multi-cluster.md");
    assert_target(by, "036-multi-cluster.md");

    let count = |kind: StatusKind| {
        records
            .iter()
            .filter(|r| r.status.as_ref().is_some_and(|s| s.kind == kind))
            .count()
    };
    assert_eq!(count(StatusKind::Accepted), 34);
    assert_eq!(count(StatusKind::Proposed), 6);
    assert_eq!(count(StatusKind::Rejected), 2);
    assert_eq!(count(StatusKind::Superseded), 1);
    assert_eq!(count(StatusKind::Custom("incomplete".into())), 2);
    // The four signpost ADRs (028–031) have no status.
    assert_eq!(records.iter().filter(|r| r.status.is_none()).count(), 4);
    // `05/02/2018`-style dates are day first.
    let two = record(
        &records,
        "002-Use-github-for-architecture-decision-record.md",
    );
    assert_eq!(
        two.date.map(|d| d.to_string()),
        Some("2018-03-26".to_string()),
        "date text {:?}",
        two.date_text
    );
}

fn madr_front_matter_status_and_fenced_look_alikes() {
    let records = records_of("adr__madr", "docs/decisions");
    let on_hold = record(&records, "0003-provide-own-madr-tools.md");
    assert_status(on_hold, StatusKind::Custom("on hold".into()));
    assert_eq!(on_hold.status.as_ref().map(|s| s.line), Some(4));
    assert_eq!(on_hold.title.as_deref(), Some("Write Own MADR Tooling"));
    for file in [
        "0008-add-status-field.md",
        "0013-use-yaml-front-matter-for-meta-data.md",
        "0016-outcome-before-detailed-pros-cons.md",
    ] {
        let r = record(&records, file);
        assert_eq!(r.status, None, "{file}: a fenced example set the status");
    }
    // No other MADR decision states a status.
    let with_status: Vec<_> = records
        .iter()
        .filter(|r| r.status.is_some())
        .map(|r| r.file_name())
        .collect();
    assert_eq!(with_status, ["0003-provide-own-madr-tools.md"]);
}

fn jabref_front_matter_supersession_resolves() {
    let records = records_of("JabRef__jabref", "docs/decisions");
    let old = record(&records, "0045-use-input-flag-always-for-input-files.md");
    assert_status(old, StatusKind::Superseded);
    // From the front matter (line 4) and from the GitHub alert (line 9).
    let by = link_to(old, "ADR-0057");
    assert!(by.kind.eq_ignore_ascii_case("superseded by"), "{by:?}");
    assert_eq!(by.line, 4);
    assert_target(by, "0057-allow-positional-input-file-argument.md");
    assert_target(
        link_to(old, "0057-allow-positional-input-file-argument.md"),
        "0057-allow-positional-input-file-argument.md",
    );

    let new = record(&records, "0057-allow-positional-input-file-argument.md");
    assert_status(new, StatusKind::Accepted);
    assert_target(
        link(new, "supersedes"),
        "0045-use-input-flag-always-for-input-files.md",
    );
}

fn zooniverse_superseded_by_link_resolves() {
    let records = records_of("zooniverse__front-end-monorepo", "docs/arch");
    let fifteen = record(&records, "adr-15.md");
    assert_eq!(fifteen.number, Some(15));
    assert_status(fifteen, StatusKind::Superseded);
    let by = link(fifteen, "Superseded by");
    assert_eq!(by.raw, "adr-22.md");
    assert_eq!(by.line, 41);
    assert_target(by, "adr-22.md");
    // `Partially supersedes [ADR 18](adr-18.md)` after `Accepted`.
    let thirty_four = record(&records, "adr-34.md");
    assert_status(thirty_four, StatusKind::Accepted);
    assert_target(link(thirty_four, "Partially supersedes"), "adr-18.md");
}

fn tdr_typo_links_resolve_by_number() {
    let records = records_of(
        "nationalarchives__tdr-dev-documentation",
        "architecture-decision-records",
    );
    // No ADR in this log has a Status section.
    assert!(records.iter().all(|r| r.status.is_none()));
    let fifteen = record(&records, "0015-govuk-notify-staging-configuration.md");
    let by = link(fifteen, "superseded by");
    assert_eq!(by.raw, "0018-govuk-notify-staging-configuration.md");
    assert_target(by, "0018-govkuk-notify-staging-configuration.md");
    let eighteen = record(&records, "0018-govkuk-notify-staging-configuration.md");
    let supersedes = link(eighteen, "supersedes");
    assert_eq!(
        supersedes.raw,
        "0015-govuuk-notify-staging-configuration.md"
    );
    assert_target(supersedes, "0015-govuk-notify-staging-configuration.md");
    // The other two supersessions.
    assert_target(
        link(
            record(&records, "0007-s3-user-access-to-objects.md"),
            "superseded by",
        ),
        "0022-cloudfront-upload-proxy.md",
    );
    assert_target(
        link(
            record(
                &records,
                "0009-keycloak-user-administrators-configuration.md",
            ),
            "supersedes",
        ),
        "0008-keycloak-user-administrators-configuration.md",
    );
}

fn forms_bare_ambiguous_reference_stays_unresolved() {
    let corpus = corpus();
    let (_, adrs) = load_folder(&folder_path(&corpus, "alphagov__forms", "ADR"));
    let thirteen = record(
        &adrs,
        "ADR013-use-paper-trail-gem-for-auditing-and-record-backups.md",
    );
    assert_status(thirteen, StatusKind::Superseded);
    let by = link(thirteen, "Superseded by");
    assert_eq!(by.raw, "ADR025");
    assert_eq!(by.target, None, "ADR025 is two files: must stay unresolved");
    assert_eq!(
        adrs.iter().filter(|r| r.number == Some(25)).count(),
        2,
        "both ADR025 files are listed"
    );
    // A linked supersession in the same log resolves.
    assert_target(
        link(
            record(&adrs, "ADR043-use-mobility-with-column-strategy.md"),
            "Superseded by",
        ),
        "ADR046-use-mobility-table-backend-strategy.md",
    );
    // Backticked and blockquoted statuses.
    let rust = record(&adrs, "ADR006-use-rust-for-api.md");
    assert_status(rust, StatusKind::Rejected);
    assert_eq!(
        rust.status.as_ref().map(|s| s.text.as_str()),
        Some("Rejected")
    );
    let aasm = record(&adrs, "ADR025-use-aasm-to-manage-form-state.md");
    assert_status(aasm, StatusKind::Accepted);
    assert_eq!(
        aasm.status.as_ref().map(|s| s.text.as_str()),
        Some("Accepted")
    );

    let (_, drs) = load_folder(&folder_path(&corpus, "alphagov__forms", "decision-record"));
    let two = record(&drs, "DR002-no-charges-for-lower-volume-services.md");
    assert_status(two, StatusKind::Superseded);
    let by = link(two, "Superseded by");
    assert_eq!(by.raw, "DR008");
    assert_target(by, "DR008-no-charges-at-all-for-using-GOV.UK-Forms.md");
    // `.MD` files are records.
    assert_eq!(
        record(
            &drs,
            "DR005-choosing-insolvency-service-as-first-partner.MD"
        )
        .number,
        Some(5)
    );
}

fn log4brains_status_bullets_are_read() {
    let corpus = corpus();
    let (_, global) = load_folder(&folder_path(&corpus, L4B, "docs/adr"));
    let superseded = record(&global, "20200926-use-the-adr-number-as-its-unique-id.md");
    assert_status(superseded, StatusKind::Superseded);
    assert_eq!(superseded.number, None, "date-named: no number");
    assert_eq!(
        superseded.date.map(|d| d.to_string()).as_deref(),
        Some("2020-09-26")
    );
    assert_target(
        link(superseded, "superseded by"),
        "20201016-use-the-adr-slug-as-its-unique-id.md",
    );
    let accepted: Vec<_> = global
        .iter()
        .filter(|r| {
            r.status
                .as_ref()
                .is_some_and(|s| s.kind == StatusKind::Accepted)
        })
        .collect();
    assert_eq!(accepted.len(), 8);
    assert!(global.iter().all(|r| r.date.is_some()));

    let (_, web) = load_folder(&folder_path(&corpus, L4B, "packages/web/docs/adr"));
    let next = record(&web, "20200925-use-nextjs-for-static-site-generation.md");
    assert_eq!(next.tags, ["frontend", "frameworks"]);
    assert_status(next, StatusKind::Accepted);
    // The unknown `- Source: <…> <!-- TODO -->` bullet does not disturb it.
    let fc = record(&web, "20200927-avoid-react-fc-type.md");
    assert_status(fc, StatusKind::Accepted);
    assert_eq!(
        fc.date.map(|d| d.to_string()).as_deref(),
        Some("2020-09-27")
    );

    // Fixtures: `draft` status, the superseded fixture, a missing status.
    let (_, fixtures) = load_folder(&folder_path(
        &corpus,
        L4B,
        &format!("{L4B_FIXTURES}/docs/adr"),
    ));
    assert_status(
        record(&fixtures, "20201030-draft-adr.md"),
        StatusKind::Custom("draft".into()),
    );
    assert_status(
        record(&fixtures, "20201028-superseded-adr.md"),
        StatusKind::Superseded,
    );
    assert_eq!(
        record(&fixtures, "20200102-adr-without-status.md").status,
        None
    );
}

fn vsecm_toml_front_matter_gives_the_title() {
    let records = records_of(
        "vmware-tanzu__secrets-manager",
        "docs/content/documentation/architecture/adrs",
    );
    let first = record(
        &records,
        "20240509-adr-0001-use-log4brains-to-manage-the-adrs.md",
    );
    assert_eq!(first.number, Some(1));
    assert_eq!(first.heading, None, "the body has no H1");
    assert_eq!(
        first.front_matter.as_ref().map(|f| f.kind),
        Some(adr::record::FrontMatterKind::Toml)
    );
    assert!(!first.has_errors(), "{:?}", first.problems);
    assert_status(first, StatusKind::Accepted);
    assert_eq!(
        first.date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-08")
    );
    assert_eq!(first.tags, ["dev-tools", "doc"]);
    // `Record::title` is "the title without its number" (`ADR-0001: `
    // stripped, as it is from an H1 such as `# ADR-102: …`).
    assert_eq!(
        first.title.as_deref(),
        Some("Use Log4brains to manage the ADRs")
    );
    assert!(records.iter().all(|r| r.title.is_some()));
}

fn neicnordic_decision_makers_list() {
    let records = records_of("neicnordic__sensitive-data-archive", "docs/decisions");
    let numbers: Vec<_> = records.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [Some(0), Some(2), Some(3), Some(5)]);
    for r in &records {
        assert_eq!(
            r.deciders,
            ["@neicnordic/sensitive-data-development-collaboration"],
            "{}",
            r.path.display()
        );
        assert!(!r.has_errors(), "{:?}", r.problems);
    }
    assert_status(
        record(
            &records,
            "0000-use-markdown-architectural-decision-records.md",
        ),
        StatusKind::Accepted,
    );
    let quoted = record(
        &records,
        "0003-shared-state-strategy-for-s3inbox-and-caching.md",
    );
    assert_eq!(
        quoted.date.map(|d| d.to_string()).as_deref(),
        Some("2026-03-13")
    );
    let proposed = record(
        &records,
        "0005-introduce-rfcs-as-upstream-exploration-phase.md",
    );
    assert_status(proposed, StatusKind::Proposed);
    assert_eq!(
        proposed.date.map(|d| d.to_string()).as_deref(),
        Some("2026-04-20")
    );
}

fn mtes_invalid_template_yaml_does_not_panic() {
    let corpus = corpus();
    let dir = folder_path(&corpus, "MTES-MCT__zero-logement-vacant", "docs/decisions");
    let path = dir.join("TEMPLATE.md");
    let text = fs::read_to_string(&path).expect("TEMPLATE.md");
    let parsed = Record::parse(path.clone(), "TEMPLATE", &text);
    let error = parsed
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .unwrap_or_else(|| panic!("no YAML error reported: {:?}", parsed.problems));
    // The broken flow mapping is on line 3 (`statut: {proposé | …}`).
    assert_eq!(error.line, 3, "{error:?}");
    assert!(error.column.is_some(), "{error:?}");
    assert!(error.message.contains("YAML"), "{error:?}");
    // The body is still read.
    assert_eq!(
        parsed.title.as_deref(),
        Some("{titre court du problème résolu et de la solution}")
    );

    // The real records (French keys) read fine; TEMPLATE.md is not one.
    let (scan, records) = load_folder(&dir);
    assert!(scan.others.iter().any(|o| o.path == path));
    assert_eq!(records.len(), 4);
    assert!(records.iter().all(|r| !r.has_errors()));
    let msw = record(
        &records,
        "20240603162604-msw-pour-mocker-l-api-dans-les-tests-front.md",
    );
    assert_eq!(msw.number, None, "a 14-digit timestamp is not a number");
    assert_eq!(msw.deciders, ["Andrea GUEUGNAUT", "Loïc GUILLOIS"]);
    assert_eq!(
        msw.status.as_ref().map(|s| s.text.as_str()),
        Some("proposé")
    );
    let millesime = record(
        &records,
        "20260805142324-millesime-inclus-provenance-d-import-et-non-presence-lovac.md",
    );
    assert_eq!(millesime.deciders, ["Raphaël Courivaud"]);
    assert_eq!(
        millesime.status.as_ref().map(|s| s.text.as_str()),
        Some("accepté")
    );
}

fn wikibase_doxygen_reference_link_resolves_in_its_log() {
    let records = records_of(
        "wikimedia__mediawiki-extensions-Wikibase",
        "repo/domains/crud/docs/adr",
    );
    let four = record(&records, "0004_use_datatype_lookup_in_serializer.md");
    assert_status(four, StatusKind::Superseded);
    assert_eq!(
        four.title.as_deref(),
        Some("Use PropertyDataTypeLookup in SnakSerializer")
    );
    let by = link(four, "Superseded by");
    assert_eq!(by.raw, "ADR 9");
    assert_eq!(
        by.target
            .as_deref()
            .and_then(|t| t.file_name())
            .map(|n| n.to_string_lossy().starts_with("0009")),
        Some(true),
        "{by:?}"
    );
}

fn guardian_inline_and_bare_filename_statuses() {
    let records = records_of(
        "guardian__dotcom-rendering",
        "dotcom-rendering/docs/architecture",
    );
    let proposed = record(&records, "proposed-adrs/rendering-type.md");
    assert_status(proposed, StatusKind::Proposed);
    assert_eq!(proposed.number, None);
    assert_status(
        record(
            &records,
            "historic-adrs/use-percy-for-e2e-visual-regression-testing.md",
        ),
        StatusKind::Deprecated,
    );
    let old = record(&records, "historic-adrs/016-react-context-api.md");
    assert_status(old, StatusKind::Superseded);
    let by = link(old, "Superseded by");
    assert_eq!(by.raw, "028-react-context-api.md");
    assert_target(by, "architecture/028-react-context-api.md");
}

fn nhs_blockquoted_table_metadata() {
    let records = records_of("nhs-england-tools__repository-template", "docs/adr");
    let one = record(
        &records,
        "ADR-001_Use_git_hook_and_GitHub_action_to_check_the_editorconfig_compliance.md",
    );
    assert_eq!(one.number, Some(1));
    assert_status(one, StatusKind::Custom("rfc".into()));
    assert_eq!(one.status.as_ref().map(|s| s.text.as_str()), Some("RFC"));
    assert_eq!(
        one.date.map(|d| d.to_string()).as_deref(),
        Some("2023-07-04")
    );
}

fn arachne_status_after_decision_and_title_prefix() {
    let records = records_of("arachne-framework__architecture", "");
    // `## Status` after `## Decision`: 001 `Accepted`, 002–005 `Proposed`,
    // 006–017 `PROPOSED`. (That adr-014 is missing from the records is
    // checked by `adrs_named_after_templates_are_records`.)
    for r in &records {
        let kind = if r.number == Some(1) {
            StatusKind::Accepted
        } else {
            StatusKind::Proposed
        };
        assert_status(r, kind);
    }
    let first = record(&records, "adr-001-use-adrs.md");
    assert_eq!(
        first.title.as_deref(),
        Some("Use ADRs"),
        "{:?}",
        first.heading
    );
}

fn eclipse_edc_folder_per_decision() {
    let records = records_of("eclipse-edc__Connector", "docs/developer/decision-records");
    assert_eq!(records.len(), 106);
    assert!(records.iter().all(|r| r.file_name() == "README.md"));
    assert!(records.iter().all(|r| r.number.is_none()));
    assert!(records.iter().all(|r| r.status.is_none()));
    // Links between decisions name the folder's README.
    let resolved = records
        .iter()
        .flat_map(|r| &r.links)
        .filter(|l| l.target.is_some())
        .count();
    eprintln!("eclipse-edc: {resolved} resolved links");
}

fn adrs_named_after_templates_are_records() {
    let corpus = corpus();
    // Real decisions whose slug contains "template": only files that *are*
    // templates (`adr-template.md`, `TEMPLATE.md`, `ADR-nnn_…_Template.md`)
    // should be set aside.
    for (repo, dir, file) in [
        (
            "arachne-framework__architecture",
            "",
            "adr-014-project-templates.md",
        ),
        (
            "JabRef__jabref",
            "docs/decisions",
            "0039-use-apache-velocity-as-template-engine.md",
        ),
    ] {
        let scan = log::scan(&folder_path(&corpus, repo, dir)).expect("scan");
        let listed_as_record = scan.records.iter().any(|r| r.path.ends_with(file));
        let reason = scan
            .others
            .iter()
            .find(|o| o.path.ends_with(file))
            .map(|o| o.reason);
        assert!(
            listed_as_record,
            "{repo}/{file} is an ADR but is listed as a non-record ({reason:?})"
        );
    }
}

fn cometbft_unfilled_template_status_is_not_a_status() {
    let records = records_of("cometbft__cometbft", "docs/references/architecture");
    // tendermint-core adr-036, 038 and 057 keep the template's blockquoted
    // instructions and an unfilled `{Deprecated|Proposed|Accepted…}`.
    for file in [
        "adr-036-empty-blocks-abci.md",
        "adr-038-non-zero-start-height.md",
        "adr-057-RPC.md",
    ] {
        let r = record(&records, file);
        let text = r.status.as_ref().map(|s| s.text.as_str()).unwrap_or("");
        assert!(
            !text.starts_with("A decision may be"),
            "{file}: the template's instruction was read as the status: {text:?}"
        );
    }
}

fn cometbft_tracking_issue_is_not_a_relation() {
    let records = records_of("cometbft__cometbft", "docs/references/architecture");
    // `Tracking issue: [\#81]` under `Accepted` is not a relation.
    let grpc = record(&records, "adr-106-grpc-api.md");
    assert_status(grpc, StatusKind::Accepted);
    assert!(
        grpc.links.is_empty(),
        "adr-106: spurious links {:?}",
        grpc.links
    );
    // `Rejected in favour of ADR 111` and free-text statuses.
    assert_status(
        record(&records, "adr-110-remote-mempool.md"),
        StatusKind::Rejected,
    );
}

fn vsecm_links_without_md_and_zola_references_resolve() {
    let records = records_of(
        "vmware-tanzu__secrets-manager",
        "docs/content/documentation/architecture/adrs",
    );
    let two = record(
        &records,
        "20240509-adr-0002-use-markdown-architectural-decision-records.md",
    );
    assert_target(
        link(two, "Relates to"),
        "20240509-adr-0001-use-log4brains-to-manage-the-adrs.md",
    );
    // `[being practically secure][practically-secure]` with the definition
    // `[practically-secure]: @/documentation/architecture/adrs/20240510-adr-0004-be-practically-secure.md`.
    let five = record(&records, "20240510-adr-0005-be-resilient-by-default.md");
    assert_target(
        link(five, "related to"),
        "20240510-adr-0004-be-practically-secure.md",
    );
}

// The snapshot of today's reading: every field `adr list --format json`
// gives for every corpus record, stored under
// `tests/snapshots/corpus-reading/`, one file per folder. A change to the
// reader that changes any of them fails here, each change listed, until
// the snapshot is refreshed with `SNAPSHOTS=overwrite cargo test --test cli
// corpus_reading` and the diff reviewed: an improvement is committed with
// the snapshot, a loss is fixed.

fn reading_snapshot_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/corpus-reading")
}

/// `adr list --format json` for one folder, as parsed JSON records.
pub(crate) fn list_json(sandbox: &Sandbox, dir: &Path) -> Vec<serde_json::Value> {
    let dir_arg = dir.display().to_string();
    let run = sandbox.adr(&["--dir", &dir_arg, "list", "--format", "json"]);
    match serde_json::from_str(&run.stdout) {
        Ok(serde_json::Value::Array(items)) => items,
        _ => panic!(
            "`adr list --format json --dir {dir_arg}` is not a JSON array (exit {}): {}",
            run.code, run.stderr
        ),
    }
}

/// A path the binary printed, relative to the folder it listed.
pub(crate) fn relative(path: &serde_json::Value, dir: &Path) -> serde_json::Value {
    match path.as_str() {
        Some(p) => {
            let p = Path::new(p);
            serde_json::Value::String(p.strip_prefix(dir).unwrap_or(p).display().to_string())
        }
        None => serde_json::Value::Null,
    }
}

/// The fields the snapshot keeps of one listed record.
fn reading_of(item: &serde_json::Value, dir: &Path) -> serde_json::Value {
    let links: Vec<serde_json::Value> = item["links"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|l| {
            serde_json::json!({
                "kind": l["kind"],
                "raw": l["raw"],
                "target": relative(&l["target"], dir),
            })
        })
        .collect();
    serde_json::json!({
        "path": relative(&item["path"], dir),
        "number": item["number"],
        "title": item["title"],
        "status": item["status"],
        "status_text": item["status_text"],
        "date": item["date"],
        "links": links,
    })
}

/// Each difference between two readings of one folder, one line each.
fn reading_changes(
    folder: &str,
    old: &[serde_json::Value],
    new: &[serde_json::Value],
) -> Vec<String> {
    let by_path = |items: &[serde_json::Value]| -> BTreeMap<String, serde_json::Value> {
        items
            .iter()
            .map(|i| (i["path"].as_str().unwrap_or("").to_string(), i.clone()))
            .collect()
    };
    let (old, new) = (by_path(old), by_path(new));
    let mut changes = Vec::new();
    for (path, before) in &old {
        let Some(after) = new.get(path) else {
            changes.push(format!("{folder}/{path}: no longer listed"));
            continue;
        };
        for field in ["number", "title", "status", "status_text", "date", "links"] {
            if before[field] != after[field] {
                changes.push(format!(
                    "{folder}/{path}: {field}: {} -> {}",
                    before[field], after[field]
                ));
            }
        }
    }
    for path in new.keys().filter(|p| !old.contains_key(*p)) {
        changes.push(format!("{folder}/{path}: newly listed"));
    }
    changes
}

fn corpus_reading_matches_its_snapshot() {
    let corpus = corpus();
    let overwrite = std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite");
    let sandbox = Sandbox::new();
    let mut changes = Vec::new();
    for f in FOLDERS {
        let dir = f.path(&corpus);
        let reading: Vec<serde_json::Value> = list_json(&sandbox, &dir)
            .iter()
            .map(|item| reading_of(item, &dir))
            .collect();
        let file = reading_snapshot_dir().join(format!("{}.json", f.key()));
        let text = serde_json::to_string_pretty(&reading).expect("JSON") + "\n";
        let stored = fs::read_to_string(&file).ok();
        if overwrite {
            if stored.as_deref() != Some(text.as_str()) {
                fs::create_dir_all(reading_snapshot_dir()).expect("snapshot folder");
                fs::write(&file, &text).expect("write snapshot");
            }
            continue;
        }
        let Some(stored) = stored else {
            changes.push(format!(
                "{}: no snapshot {}; run with SNAPSHOTS=overwrite",
                f.key(),
                file.display()
            ));
            continue;
        };
        let before: Vec<serde_json::Value> =
            serde_json::from_str(&stored).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        changes.extend(reading_changes(&f.key(), &before, &reading));
    }
    assert!(
        changes.is_empty(),
        "{} fields of the corpus read differently from the snapshot \
         (review each; SNAPSHOTS=overwrite refreshes):\n{}",
        changes.len(),
        changes.join("\n")
    );
}

fn cometbft_relations_in_prose_and_dates_in_changelogs() {
    let records = records_of("cometbft__cometbft", "docs/references/architecture");
    let relation = |file: &str, kind: &str, reversed: bool, target: &str| {
        let r = record(&records, file);
        let found = r.links.iter().any(|l| {
            let d = adr::graph::verb::direction(&l.kind);
            d.kind == kind
                && d.reversed == reversed
                && l.target.as_deref().is_some_and(|t| t.ends_with(target))
        });
        assert!(found, "{file}: no `{kind}` {target}; links {:?}", r.links);
    };
    // `Rejected in favour of ADR 111`, in the status and the change log.
    relation(
        "adr-110-remote-mempool.md",
        "rejected in favour of",
        false,
        "adr-111-nop-mempool.md",
    );
    // `This ADR supersedes the decisions made in ADRs 60 and 61`.
    relation(
        "tendermint-core/adr-073-libp2p.md",
        "supersedes",
        false,
        "tendermint-core/adr-060-go-api-stability.md",
    );
    relation(
        "tendermint-core/adr-073-libp2p.md",
        "supersedes",
        false,
        "tendermint-core/adr-061-p2p-refactor-scope.md",
    );
    // `# ADR 114: Partly Undo ADR 109`.
    relation(
        "adr-114-undo-109.md",
        "partially undoes",
        false,
        "adr-109-reduce-go-api-surface.md",
    );
    // An alternative not taken (`Fully undo ADR 109`) is not a relation.
    let undo = record(&records, "adr-114-undo-109.md");
    assert_eq!(undo.links.len(), 1, "{:?}", undo.links);
    // Dates from the first change-log entry, however written.
    for (file, date) in [
        ("adr-100-data-companion-push-api.md", "2023-05-03"),
        ("tendermint-core/adr-009-ABCI-design.md", "2018-06-23"),
        ("tendermint-core/adr-035-documentation.md", "2018-11-02"),
        (
            "tendermint-core/adr-072-request-for-comments.md",
            "2021-08-20",
        ),
        ("adr-112-proposer-based-timestamps.md", "2021-07-15"),
    ] {
        assert_eq!(
            record(&records, file)
                .date
                .map(|d| d.to_string())
                .as_deref(),
            Some(date),
            "{file}"
        );
    }
    let dated = records.iter().filter(|r| r.date.is_some()).count();
    assert!(dated >= 70, "only {dated} of {} dated", records.len());
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(every_corpus_folder_is_read_without_loss, needs: [Corpus]),
        test!(npryce_amended_by_link_resolves, needs: [Corpus]),
        test!(ministryofjustice_emoji_statuses_normalise, needs: [Corpus]),
        test!(madr_front_matter_status_and_fenced_look_alikes, needs: [Corpus]),
        test!(jabref_front_matter_supersession_resolves, needs: [Corpus]),
        test!(zooniverse_superseded_by_link_resolves, needs: [Corpus]),
        test!(tdr_typo_links_resolve_by_number, needs: [Corpus]),
        test!(forms_bare_ambiguous_reference_stays_unresolved, needs: [Corpus]),
        test!(log4brains_status_bullets_are_read, needs: [Corpus]),
        test!(vsecm_toml_front_matter_gives_the_title, needs: [Corpus]),
        test!(neicnordic_decision_makers_list, needs: [Corpus]),
        test!(mtes_invalid_template_yaml_does_not_panic, needs: [Corpus]),
        test!(wikibase_doxygen_reference_link_resolves_in_its_log, needs: [Corpus]),
        test!(guardian_inline_and_bare_filename_statuses, needs: [Corpus]),
        test!(nhs_blockquoted_table_metadata, needs: [Corpus]),
        test!(arachne_status_after_decision_and_title_prefix, needs: [Corpus]),
        test!(eclipse_edc_folder_per_decision, needs: [Corpus]),
        test!(adrs_named_after_templates_are_records, needs: [Corpus]),
        test!(cometbft_unfilled_template_status_is_not_a_status, needs: [Corpus]),
        test!(cometbft_tracking_issue_is_not_a_relation, needs: [Corpus]),
        test!(vsecm_links_without_md_and_zola_references_resolve, needs: [Corpus]),
        test!(corpus_reading_matches_its_snapshot, needs: [Corpus]),
        test!(cometbft_relations_in_prose_and_dates_in_changelogs, needs: [Corpus]),
    ]
}
