//! Citations for people (`path:line:col: as written → record (status)`),
//! for tools (JSON) and for code-scanning UIs (SARIF).

use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use crate::graph::DecisionGraph;
use crate::record::Record;

use super::cites::{Citation, Scan, Standing, standing};

/// A root-relative file as seen from the current folder.
pub(crate) fn shown(root: &Path, cwd: &Path, file: &str) -> PathBuf {
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    let Ok(below) = cwd.strip_prefix(root) else {
        return root.join(file);
    };
    let here: Vec<&std::ffi::OsStr> = below
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let parts: Vec<&str> = file.split('/').collect();
    let common = here
        .iter()
        .zip(&parts)
        .take_while(|(h, p)| **h == std::ffi::OsStr::new(p))
        .count();
    let mut path = PathBuf::new();
    for _ in common..here.len() {
        path.push("..");
    }
    for part in &parts[common..] {
        path.push(part);
    }
    path
}

/// One citation with what it cites, as the three formats show it.
pub(crate) struct Shown<'a> {
    pub citation: &'a Citation,
    pub path: PathBuf,
    pub record: &'a Record,
    pub standing: Standing,
}

/// The citations of `scan` (only those of `only`, when given), ready to print.
pub(crate) fn prepare<'a>(
    scan: &'a Scan,
    graph: &'a DecisionGraph<'a>,
    root: &Path,
    cwd: &Path,
    only: Option<usize>,
) -> Vec<Shown<'a>> {
    scan.citations
        .iter()
        .filter(|c| only.is_none_or(|o| c.record == o))
        .map(|c| Shown {
            citation: c,
            path: shown(root, cwd, &c.file),
            record: &graph.records[c.record],
            standing: standing(graph, c.record),
        })
        .collect()
}

fn in_force_text(records: &[Record], standing: &Standing) -> String {
    if !standing.retired {
        return String::new();
    }
    if standing.in_force.is_empty() {
        return "; nothing in force replaces it".to_string();
    }
    let names: Vec<String> = standing
        .in_force
        .iter()
        .map(|&i| records[i].path.display().to_string())
        .collect();
    format!("; in force: {}", names.join(", "))
}

/// `src/db.rs:3:4: ADR-0002 → doc/adr/0002-x.md (superseded; in force: …)`.
pub(crate) fn text(shown: &[Shown<'_>], records: &[Record]) -> String {
    let mut out = String::new();
    for s in shown {
        let _ = writeln!(
            out,
            "{}:{}:{}: {} → {} ({}{})",
            s.path.display(),
            s.citation.line,
            s.citation.column,
            s.citation.text,
            s.record.path.display(),
            s.standing.status,
            in_force_text(records, &s.standing)
        );
    }
    out
}

fn record_json(record: &Record) -> Value {
    json!({
        "path": record.path,
        "number": record.number,
        "title": record.display_title(),
        "status": record.status.as_ref().map(|s| s.kind.to_string()),
    })
}

/// `{"citations": [...], "files": n, "skipped": {...}}`.
pub(crate) fn json(shown: &[Shown<'_>], records: &[Record], scan: &Scan) -> String {
    let citations: Vec<Value> = shown
        .iter()
        .map(|s| {
            json!({
                "path": s.path,
                "line": s.citation.line,
                "column": s.citation.column,
                "text": s.citation.text,
                "form": s.citation.form,
                "record": record_json(s.record),
                "retired": s.standing.retired,
                "in_force": s.standing.in_force.iter().map(|&i| record_json(&records[i])).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "citations": citations,
        "files": scan.files,
        "skipped": {
            "binary": scan.skipped.binary,
            "large": scan.skipped.large,
            "unreadable": scan.skipped.unreadable,
            "citations": scan.skipped.citations,
        },
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// What a retired citation's finding says.
pub(crate) fn retired_message(shown: &Shown<'_>, records: &[Record]) -> String {
    let replacement = if shown.standing.in_force.is_empty() {
        "nothing in force replaces it".to_string()
    } else {
        let names: Vec<String> = shown
            .standing
            .in_force
            .iter()
            .map(|&i| records[i].file_name().into_owned())
            .collect();
        format!("the decision in force is {}", names.join(", "))
    };
    format!(
        "`{}` cites {}, which is {}; {replacement}",
        shown.citation.text,
        shown.record.file_name(),
        shown.standing.status
    )
}

/// SARIF, with `adr check`'s locations and rules: a retired citation is a
/// `cites-retired` warning, any other a `cites` note.
pub(crate) fn sarif(shown: &[Shown<'_>], records: &[Record], root: &Path, cwd: &Path) -> String {
    let findings: Vec<crate::check::Finding> = shown
        .iter()
        .map(|s| {
            let (rule, message) = if s.standing.retired {
                ("cites-retired", retired_message(s, records))
            } else {
                (
                    "cites",
                    format!(
                        "`{}` cites {} ({})",
                        s.citation.text,
                        s.record.file_name(),
                        s.standing.status
                    ),
                )
            };
            crate::check::Finding {
                diagnostic: crate::diagnostic::Diagnostic::warning(rule, s.citation.line, message)
                    .in_file(&s.path)
                    .at_column(Some(s.citation.column)),
                record: Some(s.citation.record),
                fix: None,
            }
        })
        .collect();
    let text =
        crate::check::report::sarif(&findings, &crate::check::report::SarifBase { root, cwd });
    // A citation of a decision in force is information, not a warning.
    let Ok(mut value) = serde_json::from_str::<Value>(&text) else {
        return text;
    };
    if let Some(results) = value["runs"][0]["results"].as_array_mut() {
        for result in results.iter_mut().filter(|r| r["ruleId"] == "cites") {
            result["level"] = json!("note");
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or(text);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_from_below_the_root() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().canonicalize().expect("canonical");
        std::fs::create_dir_all(root.join("src/a")).expect("mkdir");
        assert_eq!(shown(&root, &root, "docs/x.md"), PathBuf::from("docs/x.md"));
        assert_eq!(
            shown(&root, &root.join("src"), "src/y.rs"),
            PathBuf::from("y.rs")
        );
        assert_eq!(
            shown(&root, &root.join("src/a"), "docs/x.md"),
            PathBuf::from("../../docs/x.md")
        );
        assert_eq!(
            shown(&root, &root.join("src/a"), "src/y.rs"),
            PathBuf::from("../y.rs")
        );
    }
}
