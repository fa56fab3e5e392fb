//! Finding a decision log nobody configured, where real repositories keep
//! theirs, in a bounded number of directory reads.
//!
//! The order, which `adr config` and `adr -v` refer to:
//!
//! 1. From the current folder up to the top of the repository (the nearest
//!    folder holding `.git`, `.hg`, `.svn` or `.jj`; the current folder
//!    alone when there is none), the nearest level where one of
//!    [`WELL_KNOWN`] holds records; at one level, the first in that list.
//! 2. At the top: folders named like a decision log ([`LOG_NAMES`])
//!    reached through documentation folders ([`ROUTE_NAMES`]), shallowest
//!    first, then in the order of [`LOG_NAMES`], then by path.
//! 3. The top folder itself, when it holds records (a repository that is
//!    only a decision log).
//! 4. The same search as 2 inside each other top-level folder (the
//!    packages of a monorepo: `web/docs/architecture`).
//!
//! A folder counts only when it holds records: Markdown files named like
//! records (`0001-x.md`, `adr-001-x.md`, `ADR012-x.md`, `20201016-x.md`)
//! or dated folders with a README (`2022-11-09-x/README.md`). Names that
//! also mean other things (`architecture`, `arch`, `design`) need more:
//! an `adr` prefix in a name, or a record that speaks of a status or a
//! decision.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::record::name;

/// Where real repositories keep their log, relative to a folder, in the
/// order they are tried. `doc/adr` is not here: adr-tools' own search
/// takes it by name, before any of these.
pub(crate) const WELL_KNOWN: &[&str] = &[
    "docs/adr",
    "docs/adrs",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/architecture-decisions",
    "docs/architecture/adr",
    "docs/architecture/adrs",
    "docs/architecture-decision-records",
    "docs/decision-records",
    "doc/adrs",
    "doc/decisions",
    "doc/architecture/decisions",
    "doc/architecture-decisions",
    "architecture/decisions",
    "architecture/adr",
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "architecture-decision-records",
    "architecture-decision-record",
    "architecture-decisions",
];

/// Folder names that mean "a decision log", matched without regard to
/// case; the first ones are the most telling.
pub(crate) const LOG_NAMES: &[&str] = &[
    "adr",
    "adrs",
    "decisions",
    "decision-records",
    "decision-record",
    "architecture-decision-records",
    "architecture-decision-record",
    "architecture-decisions",
    "architectural-decisions",
    "decision-log",
    "adr-log",
    "architecture-decision-log",
    "adl",
    "decision",
    "design-decisions",
    "technical-decisions",
    "architecture",
    "arch",
    "design",
];

/// Names that also mean other things: a folder so named must show it
/// holds decisions.
const AMBIGUOUS: &[&str] = &["architecture", "arch", "design"];

/// Documentation folders the search goes through.
pub(crate) const ROUTE_NAMES: &[&str] = &[
    "doc",
    "docs",
    "documentation",
    "content",
    "architecture",
    "arch",
    "design",
    "references",
    "reference",
    "developer",
    "development",
    "dev",
    "engineering",
    "project",
    "wiki",
    "handbook",
    "guides",
    "internals",
    "technical",
    "source",
    "src",
];

/// Folders never entered: tooling, dependencies, build output.
const NEVER: &[&str] = &[
    "node_modules",
    "target",
    "vendor",
    "dist",
    "build",
    "out",
    "_site",
    "adr-site",
    "site-packages",
    "venv",
];

/// Folder markers of a repository's top.
const TOP_MARKERS: &[&str] = &[".git", ".hg", ".svn", ".jj"];

/// How deep below the top a log is looked for.
const MAX_DEPTH: usize = 5;

/// At most this many folders are listed in one search.
const MAX_READS: usize = 128;

/// How a log was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// One of [`WELL_KNOWN`].
    WellKnown,
    /// Named like a decision log, under documentation folders.
    Named,
    /// The top of the repository itself.
    Top,
    /// Named like a decision log, inside a top-level folder.
    Package,
}

impl Rule {
    pub fn describe(self) -> &'static str {
        match self {
            Self::WellKnown => "a well-known place for a decision log",
            Self::Named => "a folder named like a decision log",
            Self::Top => "the top of the repository",
            Self::Package => "a folder named like a decision log in a top-level folder",
        }
    }
}

/// One folder that holds records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Absolute.
    pub dir: PathBuf,
    pub rule: Rule,
    /// Records directly inside it (or, for a log of category folders,
    /// one level down).
    pub records: usize,
}

/// What the search found: the chosen log first, then the others, in the
/// documented order; and the well-known folders that exist but hold no
/// records (for a hint).
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    pub found: Vec<Candidate>,
    /// The folder the search treated as the top of the repository.
    pub top: PathBuf,
    pub empty: Vec<PathBuf>,
}

/// Searches from `cwd` (absolute).
pub(crate) fn search(cwd: &Path) -> Outcome {
    let top = top_of(cwd);
    // A folder that leads out of the repository (a symlink to elsewhere)
    // is not its log: nothing outside it is read.
    let real_top = top.canonicalize().unwrap_or_else(|_| top.clone());
    let inside = |dir: &Path| dir.canonicalize().is_ok_and(|d| d.starts_with(&real_top));
    let mut outcome = Outcome {
        top: top.clone(),
        ..Outcome::default()
    };
    for level in cwd.ancestors() {
        for known in WELL_KNOWN {
            let dir = level.join(known);
            if !dir.is_dir() || !inside(&dir) {
                continue;
            }
            let evidence = evidence(&dir);
            if evidence.records > 0 {
                outcome.found.push(Candidate {
                    dir,
                    rule: Rule::WellKnown,
                    records: evidence.records,
                });
            } else if !evidence.has_files {
                outcome.empty.push(dir);
            }
        }
        if level == top {
            break;
        }
        if !outcome.found.is_empty() {
            return outcome;
        }
    }
    let mut reads = 0;
    let mut named = guided(&top, 0, Rule::Named, &mut reads);
    named.retain(|c| inside(&c.dir) && !outcome.found.iter().any(|f| f.dir == c.dir));
    outcome.found.extend(named);
    if outcome.found.is_empty() {
        // The repository's own folders are not categories of a log.
        let evidence = inspect(&top, false, usize::MAX);
        if evidence.records >= 2 && evidence.decisions {
            outcome.found.push(Candidate {
                dir: top.clone(),
                rule: Rule::Top,
                records: evidence.records,
            });
        }
    }
    if outcome.found.is_empty() {
        for package in subfolders(&top, &mut reads) {
            if is_route(&package) || is_log_name(&package) {
                continue;
            }
            let mut found = guided(&top.join(&package), 1, Rule::Package, &mut reads);
            found.retain(|c| inside(&c.dir));
            outcome.found.extend(found);
        }
    }
    outcome
}

/// The nearest folder at or above `cwd` holding a repository marker, else
/// `cwd` itself.
fn top_of(cwd: &Path) -> PathBuf {
    cwd.ancestors()
        .find(|a| TOP_MARKERS.iter().any(|m| a.join(m).exists()))
        .unwrap_or(cwd)
        .to_path_buf()
}

/// Logs under `start` reached through documentation folders, breadth
/// first: shallowest, then by [`LOG_NAMES`] order, then by path.
fn guided(start: &Path, depth: usize, rule: Rule, reads: &mut usize) -> Vec<Candidate> {
    let mut found: Vec<(usize, usize, Candidate)> = Vec::new();
    let mut level = vec![start.to_path_buf()];
    for depth in depth + 1..=MAX_DEPTH {
        let mut next = Vec::new();
        for dir in &level {
            for name in subfolders(dir, reads) {
                let path = dir.join(&name);
                if let Some(rank) = log_rank(&name) {
                    let evidence = evidence(&path);
                    let ambiguous = AMBIGUOUS.contains(&name.to_ascii_lowercase().as_str());
                    if evidence.records > 0 && (!ambiguous || evidence.decisions) {
                        found.push((
                            depth,
                            rank,
                            Candidate {
                                dir: path.clone(),
                                rule,
                                records: evidence.records,
                            },
                        ));
                        continue;
                    }
                }
                // A log-named folder without records may hold the log
                // below it (`adr/records/`).
                if is_route(&name) || is_log_name(&name) {
                    next.push(path);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        level = next;
    }
    found.sort_by(|a, b| (a.0, a.1, &a.2.dir).cmp(&(b.0, b.1, &b.2.dir)));
    found.into_iter().map(|(_, _, c)| c).collect()
}

/// The folders inside `dir` worth entering, sorted; none once the budget
/// of reads is spent.
fn subfolders(dir: &Path, reads: &mut usize) -> Vec<String> {
    if *reads >= MAX_READS {
        return Vec::new();
    }
    *reads += 1;
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && !NEVER.contains(&n.as_str()))
        .collect();
    names.sort();
    names
}

fn log_rank(name: &str) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    LOG_NAMES.iter().position(|n| *n == lower)
}

fn is_log_name(name: &str) -> bool {
    log_rank(name).is_some()
}

fn is_route(name: &str) -> bool {
    ROUTE_NAMES.contains(&name.to_ascii_lowercase().as_str())
}

/// What a folder's entries say about it.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Evidence {
    /// Markdown files (or dated folders with a README) named like records.
    pub records: usize,
    /// Some name has an `adr` prefix, or a record speaks of a status or a
    /// decision.
    pub decisions: bool,
    /// It holds any file or folder at all.
    pub has_files: bool,
}

/// Lists `dir` once (and stats a few dated folders for a README, and
/// lists a few category folders when `dir` itself holds no record).
pub(crate) fn evidence(dir: &Path) -> Evidence {
    inspect(dir, true, usize::MAX)
}

/// Whether `dir` holds a record (or a category folder does), read only
/// as far as the first: a log of 10,000 records is not listed twice.
pub(crate) fn holds_records(dir: &Path) -> bool {
    inspect(dir, true, 1).records > 0
}

/// What `dir` says, its entries read until `enough` records are found.
fn inspect(dir: &Path, categories_too: bool, enough: usize) -> Evidence {
    let mut evidence = Evidence::default();
    let Ok(entries) = fs::read_dir(dir) else {
        return evidence;
    };
    let mut first_record: Option<PathBuf> = None;
    let mut folder_checks = 0;
    let mut categories = Vec::new();
    for entry in entries.flatten() {
        evidence.has_files = true;
        let Ok(file_name) = entry.file_name().into_string() else {
            continue;
        };
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let stem = if is_dir {
            if !file_name.starts_with(|c: char| c.is_ascii_digit()) {
                // A log-named folder inside (`architecture/adrs/`) is a log
                // of its own, found by the search, not a category.
                if categories.len() < MAX_CATEGORIES
                    && !file_name.starts_with('.')
                    && !NEVER.contains(&file_name.as_str())
                    && !is_log_name(&file_name)
                    && !is_route(&file_name)
                {
                    categories.push(entry.path());
                }
                continue;
            }
            if folder_checks >= 512 {
                continue;
            }
            folder_checks += 1;
            if !entry.path().join("README.md").is_file() {
                continue;
            }
            file_name.as_str()
        } else {
            match markdown_stem(&file_name) {
                Some(stem) => stem,
                None => continue,
            }
        };
        if !is_record_name(stem) {
            continue;
        }
        evidence.records += 1;
        if evidence.records >= enough {
            return evidence;
        }
        if stem.to_ascii_lowercase().contains("adr") {
            evidence.decisions = true;
        }
        if first_record.is_none() {
            first_record = Some(if is_dir {
                entry.path().join("README.md")
            } else {
                entry.path()
            });
        }
    }
    // A log kept in category folders (`adr/backend/0001-x.md`) holds its
    // records one level down.
    if evidence.records == 0 && categories_too {
        for category in &categories {
            let inner = category_records(category);
            evidence.records += inner.0;
            evidence.decisions |= inner.1;
            if first_record.is_none() {
                first_record = inner.2;
            }
        }
    }
    if !evidence.decisions
        && let Some(path) = first_record
    {
        evidence.decisions = speaks_of_decisions(&path);
    }
    evidence
}

/// Category folders looked into, at most, for one candidate log.
const MAX_CATEGORIES: usize = 16;

/// Records named so directly in a category folder: how many, whether a
/// name has an `adr` prefix, and the first.
fn category_records(dir: &Path) -> (usize, bool, Option<PathBuf>) {
    let mut found = (0, false, None);
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten().take(4096) {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file_name) = entry.file_name().into_string() else {
            continue;
        };
        let Some(stem) = markdown_stem(&file_name) else {
            continue;
        };
        if !is_record_name(stem) {
            continue;
        }
        found.0 += 1;
        found.1 |= stem.to_ascii_lowercase().contains("adr");
        if found.2.is_none() {
            found.2 = Some(entry.path());
        }
    }
    found
}

/// `x.md` or `x.MD` → `x`.
pub(crate) fn markdown_stem(file_name: &str) -> Option<&str> {
    let cut = file_name.len().checked_sub(3)?;
    let (stem, ext) = (file_name.get(..cut)?, file_name.get(cut..)?);
    (ext.eq_ignore_ascii_case(".md") && !stem.is_empty() && !stem.starts_with('.')).then_some(stem)
}

/// A name a record has: numbered or dated, and not a template.
pub(crate) fn is_record_name(stem: &str) -> bool {
    let numbered = name::number(stem).is_some() || name::date_prefix(stem).is_some();
    numbered && !is_numbered_template(stem)
}

/// `0000-template.md`, `adr000-template.md`, `000-template-general.md`,
/// `0001-adr-template.md`: a template numbered as a record; but
/// `0039-use-x-as-template-engine.md` and `0003-repo-as-fork-template.md`
/// are records, whose slugs say more than "a template of a record".
pub(crate) fn is_numbered_template(stem: &str) -> bool {
    let slug = name::slug_part(stem).to_ascii_lowercase();
    let zero = name::number(stem) == Some(0);
    let Some(before) = slug.strip_suffix("template") else {
        return zero && slug.starts_with("template");
    };
    let joined = before.is_empty() || before.ends_with(['-', '_', ' ', '.']);
    joined
        && (zero
            || before
                .split(['-', '_', ' ', '.'])
                .filter(|w| !w.is_empty())
                .all(|w| TEMPLATE_WORDS.contains(&w)))
}

/// Words that, before "template", still name a template of a record.
const TEMPLATE_WORDS: &[&str] = &[
    "adr",
    "adrs",
    "madr",
    "any",
    "architecture",
    "architectural",
    "decision",
    "decisions",
    "record",
    "records",
    "design",
    "new",
    "blank",
    "empty",
    "default",
    "example",
    "sample",
    "basic",
    "short",
    "long",
    "full",
    "minimal",
    "lightweight",
    "simple",
    "nygard",
    "y",
    "statement",
    "doc",
    "document",
    "rfc",
    "md",
    "markdown",
    "my",
    "our",
    "the",
    "a",
];

/// Whether the head of a file speaks of a status or a decision.
fn speaks_of_decisions(path: &Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&head).to_lowercase();
    ["status", "decision", "context"]
        .iter()
        .any(|w| text.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_told_from_a_decision_about_templates() {
        for stem in [
            "0000-template",
            "adr000-template",
            "000-template-general",
            "0001-adr-template",
            "0000-repo-as-fork-template",
            "ADR-000-template",
            "0002-architecture_decision_record_template",
        ] {
            assert!(is_numbered_template(stem), "{stem}");
        }
        for stem in [
            "0039-use-apache-velocity-as-template-engine",
            "0003-repo-as-fork-template",
            "0007-slim-template-framework",
            "0012-email-template",
            "0004-jade-as-html-template-language",
            "0005-untemplate",
        ] {
            assert!(!is_numbered_template(stem), "{stem}");
        }
    }

    fn touch(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn found(root: &Path, from: &str) -> Vec<String> {
        search(&root.join(from))
            .found
            .iter()
            .map(|c| {
                c.dir
                    .strip_prefix(root)
                    .expect("inside")
                    .display()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn well_known_places_need_records() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).expect("git");
        fs::create_dir_all(root.join("docs/adr")).expect("mkdir");
        touch(root, "docs/decisions/README.md", "# Decisions\n");
        assert!(found(root, "").is_empty());
        touch(root, "docs/decisions/0001-use-x.md", "# 1. Use X\n");
        fs::create_dir_all(root.join("src/deep")).expect("mkdir");
        assert_eq!(found(root, "src/deep"), ["docs/decisions"]);
        let outcome = search(root);
        assert_eq!(outcome.empty, [root.join("docs/adr")]);
    }

    #[test]
    fn a_log_of_category_folders() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).expect("git");
        touch(root, "docs/adr/README.md", "# Index\n");
        touch(root, "docs/adr/storage/0001-keep-rows.md", "## Status\n");
        touch(root, "docs/adr/network/0002-one-port.md", "## Status\n");
        assert_eq!(found(root, ""), ["docs/adr"]);
        assert_eq!(search(root).found[0].records, 2);
    }

    #[test]
    fn nearest_level_wins() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).expect("git");
        touch(root, "docs/adr/0001-a.md", "# 1. A\n");
        touch(root, "pkg/docs/adr/0001-b.md", "# 1. B\n");
        assert_eq!(found(root, "pkg"), ["pkg/docs/adr"]);
        assert_eq!(found(root, ""), ["docs/adr"]);
    }

    #[test]
    fn named_folders_through_documentation() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).expect("git");
        touch(
            root,
            "docs/references/architecture/adr-100-x.md",
            "# ADR 100: X\n",
        );
        touch(root, "docs/guides/01-install.md", "# Install\n");
        touch(root, "docs/architecture/01-overview.md", "# Overview\n");
        touch(root, "ADR/ADR001-x.md", "# ADR001: X\n");
        assert_eq!(found(root, ""), ["ADR", "docs/references/architecture"]);
    }

    #[test]
    fn top_and_packages() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join(".git")).expect("git");
        touch(
            root,
            "web/docs/architecture/000-adrs.md",
            "# ADRs\n\n## Status\n\nApproved\n",
        );
        assert_eq!(found(root, ""), ["web/docs/architecture"]);
        touch(root, "adr-001-use-adrs.md", "# Use ADRs\n");
        touch(root, "adr-002-x.md", "# X\n");
        assert_eq!(found(root, ""), [""]);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_leading_out_of_the_repository_is_not_the_log() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().join("repo");
        fs::create_dir_all(root.join(".git")).expect("git");
        touch(tmp.path(), "outside/0001-secret.md", "# 1. Secret\n");
        fs::create_dir_all(root.join("docs")).expect("mkdir");
        std::os::unix::fs::symlink(tmp.path().join("outside"), root.join("docs/adr"))
            .expect("symlink");
        assert!(found(&root, "").is_empty());
        touch(&root, "decisions/0001-a.md", "# 1. A\n");
        assert_eq!(found(&root, ""), ["decisions"]);
    }

    #[test]
    fn without_a_repository_only_the_current_folder() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        touch(root, "decisions/0001-a.md", "# 1. A\n");
        fs::create_dir_all(root.join("sub")).expect("mkdir");
        assert!(found(root, "sub").is_empty());
        assert_eq!(found(root, ""), ["decisions"]);
    }
}
