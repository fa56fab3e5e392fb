//! `adr generate graph`: adr-tools' Graphviz format, with labels escaped.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::graph::export::escape_dot as escape;
use crate::output::toc::link_path;
use crate::record::Record;

/// Node URL options.
#[derive(Debug, Clone)]
pub(crate) struct GraphOptions {
    pub prefix: String,
    pub extension: String,
}

impl Default for GraphOptions {
    fn default() -> Self {
        Self {
            prefix: String::new(),
            extension: ".html".into(),
        }
    }
}

/// Renders records as adr-tools does: a plaintext node per record linked
/// to its page, a dotted edge from each numbered record to the next, and
/// a labelled edge per forward link (links whose verb ends in " by" are
/// the reverse side and are left out).
pub(crate) fn render(records: &[Record], adr_dir: &Path, options: &GraphOptions) -> String {
    let mut uses: HashMap<u32, usize> = HashMap::new();
    for n in records.iter().filter_map(|r| r.number) {
        *uses.entry(n).or_default() += 1;
    }
    let ids: HashMap<&PathBuf, String> = records
        .iter()
        .map(|r| {
            let unique = r.number.filter(|n| uses.get(n) == Some(&1));
            (&r.path, node_id(unique, &r.path))
        })
        .collect();
    let mut out = String::from("digraph {\n  node [shape=plaintext];\n  subgraph {\n");
    let mut previous: Option<&str> = None;
    for record in records {
        let id = &ids[&record.path];
        let url = format!(
            "{}{}{}",
            options.prefix,
            strip_md(&link_path(record, adr_dir)),
            options.extension
        );
        let _ = writeln!(
            out,
            "    {id} [label=\"{}\"; URL=\"{}\"];",
            escape(&record.link_text()),
            escape(&url)
        );
        if record.number.is_some() {
            if let Some(prev) = previous {
                let _ = writeln!(out, "    {prev} -> {id} [style=\"dotted\", weight=1];");
            }
            previous = Some(id);
        }
    }
    out.push_str("  }\n");
    for record in records {
        for link in &record.links {
            let Some(target) = link.target.as_ref().and_then(|t| ids.get(t)) else {
                continue;
            };
            if link.kind.ends_with(" by") {
                continue;
            }
            let _ = writeln!(
                out,
                "  {} -> {target} [label=\"{}\", weight=0]",
                ids[&record.path],
                escape(&link.kind)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// `_N` for records with a number of their own, as adr-tools names them;
/// the quoted path otherwise (no number, or one shared by several files).
fn node_id(number: Option<u32>, path: &Path) -> String {
    match number {
        Some(n) => format!("_{n}"),
        None => format!("\"{}\"", escape(&path.to_string_lossy())),
    }
}

fn strip_md(path: &str) -> &str {
    path.strip_suffix(".md")
        .or_else(|| path.strip_suffix(".MD"))
        .unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_escaped() {
        // adr-tools writes quotes raw and breaks the graph.
        assert_eq!(escape("Use \"x\""), "Use \\\"x\\\"");
    }
}
