//! Reading measured against hand-read labels.
//!
//! `tests/fixtures/labels/<folder>.json` holds, for a sample of the records
//! of every corpus folder, what a person reading the file says it states:
//! number, title, status, date and relations (see the README there). This
//! test lists each folder with the real binary, compares field by field,
//! prints a table (run with `--nocapture`) and each wrong field, and fails
//! below 99 % of fields right or on any invented relation: one the file
//! does not state.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::corpus::{self, list_json, relative};
use crate::support::Sandbox;

/// Fields right, in all, that the reader must reach.
const TARGET: f64 = 99.0;

fn labels_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labels")
}

/// A relation as the labels write it: `superseded-by` → a record path, or
/// an unresolvable target kept as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Relation {
    kind: String,
    target: Option<String>,
    raw: Option<String>,
}

impl Relation {
    /// Whether the two name the same record (or the same unresolved text).
    fn same_target(&self, other: &Self) -> bool {
        match (&self.target, &other.target) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (&self.raw, &other.raw) {
                (Some(a), Some(b)) => same_raw(a, b),
                _ => false,
            },
            _ => false,
        }
    }

    /// An unresolved relation the reader kept names the labelled record
    /// when its text carries that record's number (`ADR025`): misread, not
    /// invented.
    fn may_mean(&self, label: &Self) -> bool {
        if self.same_target(label) {
            return true;
        }
        let number = |s: &str| adr::record::name::number_in_reference(s);
        match (&self.target, &self.raw, &label.target) {
            (None, Some(raw), Some(target)) => {
                self.kind == label.kind
                    && number(raw).is_some()
                    && number(raw) == number(target.rsplit('/').next().unwrap_or(target))
            }
            _ => false,
        }
    }

    fn show(&self) -> String {
        let to = self
            .target
            .clone()
            .or_else(|| self.raw.as_ref().map(|r| format!("{r} (unresolved)")))
            .unwrap_or_default();
        format!("{} {to}", self.kind)
    }
}

fn same_raw(a: &str, b: &str) -> bool {
    let clean = |s: &str| s.trim().trim_start_matches("./").to_lowercase();
    clean(a) == clean(b)
}

/// `Superseded by` → `superseded-by`, `Amends` → `amends`, `Relates to` →
/// `relates-to`: the relation kind, seen from the record that states it.
fn kind_of(verb: &str) -> String {
    let direction = adr::graph::verb::direction(verb);
    let kind = if direction.reversed {
        adr::graph::verb::reverse(&direction.kind).unwrap_or(direction.kind)
    } else {
        direction.kind
    };
    kind.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
}

/// The relations the binary listed for one record, relative to `dir`.
fn listed_relations(item: &Value, dir: &Path) -> BTreeSet<Relation> {
    item["links"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|l| Relation {
            kind: kind_of(l["kind"].as_str().unwrap_or("")),
            target: relative(&l["target"], dir).as_str().map(str::to_string),
            raw: l["raw"].as_str().map(str::to_string),
        })
        .map(|r| {
            // A resolved relation is known by its target alone.
            if r.target.is_some() {
                Relation { raw: None, ..r }
            } else {
                r
            }
        })
        .collect()
}

fn labelled_relations(label: &Value) -> BTreeSet<Relation> {
    label["relations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|r| Relation {
            kind: r["kind"].as_str().unwrap_or("").to_string(),
            target: r["target"].as_str().map(str::to_string),
            raw: r["raw"].as_str().map(str::to_string),
        })
        .collect()
}

/// One folder's score.
#[derive(Default)]
struct Score {
    name: String,
    records: usize,
    fields: usize,
    right: usize,
    tricky_fields: usize,
    tricky_right: usize,
    relations: usize,
    found: usize,
    invented: usize,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.records += other.records;
        self.fields += other.fields;
        self.right += other.right;
        self.tricky_fields += other.tricky_fields;
        self.tricky_right += other.tricky_right;
        self.relations += other.relations;
        self.found += other.found;
        self.invented += other.invented;
    }
}

fn percent(right: usize, all: usize) -> f64 {
    if all == 0 {
        100.0
    } else {
        100.0 * right as f64 / all as f64
    }
}

/// Compares one folder's labels with what the binary lists.
fn score_folder(
    sandbox: &Sandbox,
    corpus: &Path,
    labels: &Value,
    wrong: &mut Vec<String>,
) -> Score {
    let folder = labels["folder"].as_str().unwrap_or("");
    let dir = corpus.join(folder);
    let listed = list_json(sandbox, &dir);
    let mut score = Score {
        name: folder.to_string(),
        ..Score::default()
    };
    for label in labels["records"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let path = label["path"].as_str().unwrap_or("");
        let tricky = label["tricky"].as_bool().unwrap_or(false);
        let item = listed
            .iter()
            .find(|i| relative(&i["path"], &dir).as_str() == Some(path));
        score.records += 1;
        let Some(item) = item else {
            wrong.push(format!("{folder}/{path}: not listed"));
            score.fields += 5;
            if tricky {
                score.tricky_fields += 5;
            }
            continue;
        };
        let mut check = |field: &str, ok: bool, detail: String| {
            score.fields += 1;
            if tricky {
                score.tricky_fields += 1;
            }
            if ok {
                score.right += 1;
                if tricky {
                    score.tricky_right += 1;
                }
            } else {
                wrong.push(format!("{folder}/{path}: {field}: {detail}"));
            }
        };
        for field in ["number", "title", "status", "date"] {
            let ok = item[field] == label[field];
            check(
                field,
                ok,
                format!("read {}, label {}", item[field], label[field]),
            );
        }
        let read = listed_relations(item, &dir);
        let stated = labelled_relations(label);
        let invented: Vec<&Relation> = read
            .iter()
            .filter(|r| !stated.iter().any(|s| r.may_mean(s)))
            .collect();
        let found = stated
            .iter()
            .filter(|s| read.iter().any(|r| r.kind == s.kind && r.same_target(s)))
            .count();
        let exact = found == stated.len() && read.len() == stated.len();
        let list = |set: &BTreeSet<Relation>| {
            set.iter()
                .map(Relation::show)
                .collect::<Vec<_>>()
                .join("; ")
        };
        check(
            "relations",
            exact,
            format!("read [{}], label [{}]", list(&read), list(&stated)),
        );
        for r in &invented {
            wrong.push(format!("{folder}/{path}: INVENTED relation {}", r.show()));
        }
        score.relations += stated.len();
        score.found += found;
        score.invented += invented.len();
    }
    score
}

fn print_table(scores: &[Score]) {
    let width = scores.iter().map(|s| s.name.len()).max().unwrap_or(0);
    eprintln!(
        "{:<width$}  {:>7}  {:>6}  {:>6}  {:>6}  {:>8}  {:>9}  {:>8}",
        "folder", "records", "fields", "right", "%", "tricky %", "relations", "invented"
    );
    for s in scores {
        eprintln!(
            "{:<width$}  {:>7}  {:>6}  {:>6}  {:>6.1}  {:>8.1}  {:>9}  {:>8}",
            s.name,
            s.records,
            s.fields,
            s.right,
            percent(s.right, s.fields),
            percent(s.tricky_right, s.tricky_fields),
            format!("{}/{}", s.found, s.relations),
            s.invented
        );
    }
}

#[test]
fn hand_read_labels_are_read_right() {
    let Some(corpus) = corpus::corpus() else {
        return;
    };
    let mut files: Vec<PathBuf> = fs::read_dir(labels_dir())
        .expect("tests/fixtures/labels")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no label files");
    let sandbox = Sandbox::new();
    let mut wrong = Vec::new();
    let mut scores = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("label file");
        let labels: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        scores.push(score_folder(&sandbox, &corpus, &labels, &mut wrong));
    }
    let mut total = Score {
        name: "total".into(),
        ..Score::default()
    };
    for s in &scores {
        total.add(s);
    }
    scores.push(total);
    print_table(&scores);
    for line in &wrong {
        eprintln!("  {line}");
    }
    let total = scores.last().expect("total row");
    assert!(
        total.records >= 300,
        "only {} labelled records",
        total.records
    );
    let accuracy = percent(total.right, total.fields);
    assert!(
        accuracy >= TARGET && total.invented == 0,
        "{accuracy:.1} % of {} fields right (target {TARGET} %), {} invented relations:\n{}",
        total.fields,
        total.invented,
        wrong.join("\n")
    );
}

#[test]
fn relation_kinds_are_named_from_the_stating_record() {
    assert_eq!(kind_of("Superseded by"), "superseded-by");
    assert_eq!(kind_of("superceded by"), "superseded-by");
    assert_eq!(kind_of("Supersedes"), "supersedes");
    assert_eq!(kind_of("Amended by"), "amended-by");
    assert_eq!(kind_of("Relates to"), "relates-to");
    assert!(
        Relation {
            kind: "x".into(),
            target: None,
            raw: Some("./a.md".into())
        }
        .same_target(&Relation {
            kind: "y".into(),
            target: None,
            raw: Some("A.md".into())
        })
    );
}
