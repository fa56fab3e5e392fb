//! Findings for people (`path:line:col: severity[rule]: message`), for
//! tools (JSON), and for code-scanning UIs (SARIF 2.1.0).

use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

use serde_json::{Value, json};

use super::Finding;
use super::rule::{RULES, Rule, Severity};

/// `doc/adr/0007-x.md:5:9: error[broken-link]: …`, coloured when asked.
pub(crate) fn text(findings: &[Finding], colour: bool) -> String {
    let mut out = String::new();
    for f in findings {
        let (start, end) = match (colour, f.severity()) {
            (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
            (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
            (false, _) => ("", ""),
        };
        let fixable = if f.fix.is_some() { " (fixable)" } else { "" };
        let d = &f.diagnostic;
        let _ = writeln!(
            out,
            "{}: {start}{}{end}[{}]: {}{fixable}",
            d.location(),
            d.severity,
            d.rule,
            d.message
        );
    }
    out
}

/// `3 errors, 2 warnings (1 fixable) in 12 records`.
pub(crate) fn summary(findings: &[Finding], records: usize) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let fixable = findings.iter().filter(|f| f.fix.is_some()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let fix_note = if fixable > 0 {
        format!(" ({fixable} fixable with --fix)")
    } else {
        String::new()
    };
    format!(
        "{}, {}{fix_note} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(records, "record")
    )
}

fn finding_json(f: &Finding) -> Value {
    let d = &f.diagnostic;
    json!({
        "rule": d.rule,
        "severity": d.severity,
        "path": d.path,
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "fixable": f.fix.is_some(),
    })
}

/// `{"findings": [...], "errors": n, "warnings": n}`.
pub(crate) fn json(findings: &[Finding]) -> String {
    let errors = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .count();
    let value = json!({
        "findings": findings.iter().map(finding_json).collect::<Vec<_>>(),
        "errors": errors,
        "warnings": findings.len() - errors,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// Where SARIF results are placed: their paths are relative to the
/// project's root (`%SRCROOT%`), whichever folder `adr check` ran in, as
/// code-scanning services resolve them against the repository.
pub(crate) struct SarifBase<'a> {
    /// The project root, absolute and canonical.
    pub root: &'a Path,
    /// The folder the findings' paths are relative to.
    pub cwd: &'a Path,
}

/// The one base every location names.
const SRCROOT: &str = "%SRCROOT%";

/// SARIF 2.1.0, with every rule described (short, full and help) so
/// scanning UIs can show it.
pub(crate) fn sarif(findings: &[Finding], base: &SarifBase<'_>) -> String {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let rules: Vec<Value> = RULES.iter().map(rule_descriptor).collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            let artifact = match from_root(&d.path, base) {
                Some(relative) => json!({ "uri": uri(&relative), "uriBaseId": SRCROOT }),
                None => json!({ "uri": file_uri(&absolute(&d.path, base.cwd)) }),
            };
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == d.rule),
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": d.line.max(1),
                            "startColumn": d.column.unwrap_or(1).max(1),
                        },
                    }
                }],
            });
            if f.fix.is_some() {
                result["properties"] = json!({ "fixable": true });
            }
            result
        })
        .collect();
    let mut root_uri = file_uri(base.root);
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let value = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "adr",
                "informationUri": "https://crates.io/crates/adr",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {
                SRCROOT: {
                    "uri": root_uri,
                    "description": { "text": "The project's root: its git work tree, else the folder of its configuration." },
                },
            },
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A rule as code-scanning services want it: what it finds in a line, in
/// a paragraph, and how to act on it. Written from the rule table, so a
/// rule added there is described here too.
fn rule_descriptor(rule: &Rule) -> Value {
    let what = sentence(rule.explanation);
    let (default, example, change) = match rule.default {
        Some(Severity::Error) => ("an error", "warning", "can change that"),
        Some(Severity::Warning) => ("a warning", "error", "can change that"),
        None => ("off", "warning", "turns it on"),
    };
    let reported = if rule.default.is_some() {
        format!("`adr check` reports this as {default} by default")
    } else {
        "`adr check` leaves this rule off by default".to_string()
    };
    let config = format!(
        "[check.rules]\n{} = \"{example}\"   # error, warning or off",
        rule.id
    );
    let fixing = "`adr check --fix` repairs the findings that have one unambiguous fix (a \
                  missing reverse link, an unmarked superseded record, a link to a renamed \
                  file), `adr check --fix --dry-run` shows those changes first, and \
                  `adr check --rules` lists every rule.";
    let text =
        format!("{what}\n\n{reported}; a project {change} in .adr.toml:\n\n{config}\n\n{fixing}");
    let markdown = format!(
        "{what}\n\n{reported}; a project {change} in `.adr.toml`:\n\n```toml\n{config}\n```\n\n\
         {fixing}"
    );
    json!({
        "id": rule.id,
        "shortDescription": { "text": rule.explanation },
        "fullDescription": {
            "text": format!("{what} Rule `{}` of adr check, {default} by default.", rule.id),
        },
        "help": { "text": text, "markdown": markdown },
        "defaultConfiguration": {
            "level": rule.default.map_or("none", |s| match s {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }),
            "enabled": rule.default.is_some(),
        },
        "properties": { "tags": ["architecture-decision-records"] },
    })
}

/// `the record cannot be read` → `The record cannot be read.`
fn sentence(text: &str) -> String {
    let mut out = sentence_case(text.trim());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// A finding's path from the project root, `None` when it is not inside
/// it. Folders are resolved (the root is canonical, and the current
/// folder may be reached through a symlink); the file itself is not, so
/// a symlinked record is named where it is found.
fn from_root(path: &Path, base: &SarifBase<'_>) -> Option<PathBuf> {
    let full = lexical(&absolute(path, base.cwd));
    let resolved = match (full.parent(), full.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| full.clone()),
        _ => full.clone(),
    };
    let relative = resolved
        .strip_prefix(base.root)
        .or_else(|_| full.strip_prefix(base.root))
        .ok()?;
    (!relative.as_os_str().is_empty()).then(|| relative.to_path_buf())
}

/// `a/./b/../c` → `a/c`, without asking the file system.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(part);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A relative path as a URI reference: `/` separators, percent-encoded.
fn uri(path: &Path) -> String {
    crate::url::encode_uri_path(&path.to_string_lossy().replace('\\', "/"))
}

/// `file:///abs/path`, percent-encoded.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let rooted = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    format!("file://{}", crate::url::encode_uri_path(&rooted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_described_for_code_scanning() {
        let base = SarifBase {
            root: Path::new("/nonexistent/project"),
            cwd: Path::new("/nonexistent/project"),
        };
        let log: Value = serde_json::from_str(&sarif(&[], &base)).expect("JSON");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        assert_eq!(rules.len(), RULES.len());
        for rule in rules {
            for field in ["shortDescription", "fullDescription"] {
                assert!(
                    rule[field]["text"].as_str().is_some_and(|t| t.len() > 10),
                    "{rule}"
                );
            }
            assert!(
                rule["help"]["text"]
                    .as_str()
                    .is_some_and(|t| t.contains("[check.rules]"))
            );
            assert!(
                rule["help"]["markdown"]
                    .as_str()
                    .is_some_and(|t| t.contains("```toml"))
            );
            assert_ne!(rule["shortDescription"], rule["fullDescription"]);
        }
        assert_eq!(
            log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///nonexistent/project/"
        );
    }

    #[test]
    fn paths_are_taken_from_the_root() {
        let root = Path::new("/nonexistent/p");
        let at = |cwd: &str, path: &str| {
            from_root(
                Path::new(path),
                &SarifBase {
                    root,
                    cwd: Path::new(cwd),
                },
            )
        };
        let expected = Some(PathBuf::from("doc/adr/0001-a.md"));
        assert_eq!(at("/nonexistent/p", "doc/adr/0001-a.md"), expected);
        assert_eq!(at("/nonexistent/p/doc", "../doc/adr/0001-a.md"), expected);
        assert_eq!(at("/nonexistent/p/doc/adr", "0001-a.md"), expected);
        assert_eq!(
            at("/elsewhere", "/nonexistent/p/doc/adr/0001-a.md"),
            expected
        );
        assert_eq!(at("/nonexistent/p", "../q/0001-a.md"), None);
        assert_eq!(uri(Path::new("doc/adr/use x#.md")), "doc/adr/use%20x%23.md");
        assert_eq!(file_uri(Path::new("/a b/c")), "file:///a%20b/c");
    }
}
