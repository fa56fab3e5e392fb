//! Findings for people (`path:line:col: severity[rule]: message`), for
//! tools (JSON), and for code-scanning UIs (SARIF 2.1.0).

use std::fmt::Write;

use serde_json::{Value, json};

use super::Finding;
use super::rule::{RULES, Severity};

/// `doc/adr/0007-x.md:5:9: error[broken-link]: …`, coloured when asked.
pub fn text(findings: &[Finding], colour: bool) -> String {
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
pub fn summary(findings: &[Finding], records: usize) -> String {
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
pub fn json(findings: &[Finding]) -> String {
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

/// SARIF 2.1.0, with every rule described so scanning UIs can show it.
pub fn sarif(findings: &[Finding]) -> String {
    let level = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.explanation },
                "defaultConfiguration": { "level": r.default.map_or("none", level) },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let d = &f.diagnostic;
            json!({
                "ruleId": d.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == d.rule),
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&d.path.to_string_lossy()) },
                        "region": { "startLine": d.line, "startColumn": d.column.unwrap_or(1) },
                    }
                }],
            })
        })
        .collect();
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
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// A relative path as a URI reference: `/` separators, percent-encoded.
fn uri(path: &str) -> String {
    crate::url::encode_uri_path(&path.replace('\\', "/"))
}
