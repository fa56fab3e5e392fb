//! The decision graph as DOT, Mermaid, JSON or text.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::Path;

use serde::Serialize;

use super::decisions::DecisionGraph;

/// Which records to show.
#[derive(Debug, Clone)]
pub(crate) struct Selection {
    pub nodes: BTreeSet<usize>,
}

impl Selection {
    pub(crate) fn all(graph: &DecisionGraph<'_>) -> Self {
        Self {
            nodes: (0..graph.records.len()).collect(),
        }
    }

    pub(crate) fn contains(&self, node: usize) -> bool {
        self.nodes.contains(&node)
    }
}

fn label(graph: &DecisionGraph<'_>, node: usize) -> String {
    let record = &graph.records[node];
    match record.number {
        Some(n) => format!("{n}. {}", record.display_title()),
        None => record.display_title(),
    }
}

fn edges<'g>(
    graph: &'g DecisionGraph<'_>,
    selection: &'g Selection,
) -> impl Iterator<Item = (usize, usize, &'g super::decisions::Relation)> {
    graph
        .edges()
        .filter(|(f, t, _)| selection.contains(*f) && selection.contains(*t))
}

/// Graphviz DOT. Every label is escaped; superseded and other records not
/// in force are drawn grey; supersession edges are bold.
pub(crate) fn dot(graph: &DecisionGraph<'_>, selection: &Selection) -> String {
    let mut out = String::from(
        "digraph decisions {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"white\"];\n",
    );
    for &node in &selection.nodes {
        let record = &graph.records[node];
        let status = record
            .status
            .as_ref()
            .map(|s| s.kind.to_string())
            .unwrap_or_default();
        let colour = if graph.in_force(node) {
            "white"
        } else {
            "gray85"
        };
        let _ = writeln!(
            out,
            "  n{node} [label=\"{}\\n{}\", tooltip=\"{}\", fillcolor=\"{colour}\"];",
            escape_dot(&label(graph, node)),
            escape_dot(&status),
            escape_dot(&record.path.to_string_lossy()),
        );
    }
    for (from, to, relation) in edges(graph, selection) {
        let style = if relation.is_supersedes() {
            ", style=bold"
        } else if relation.symmetric {
            ", dir=none, style=dashed"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  n{from} -> n{to} [label=\"{}\"{style}];",
            escape_dot(&relation.kind)
        );
    }
    out.push_str("}\n");
    out
}

/// Escapes a DOT quoted string.
pub(crate) fn escape_dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Mermaid flowchart, as GitHub renders it in Markdown.
pub(crate) fn mermaid(graph: &DecisionGraph<'_>, selection: &Selection) -> String {
    let mut out = String::from("flowchart LR\n");
    for &node in &selection.nodes {
        let _ = writeln!(
            out,
            "  n{node}[\"{}\"]",
            escape_mermaid(&label(graph, node))
        );
    }
    for (from, to, relation) in edges(graph, selection) {
        let arrow = if relation.symmetric { "---" } else { "-->" };
        let _ = writeln!(
            out,
            "  n{from} {arrow}|\"{}\"| n{to}",
            escape_mermaid(&relation.kind)
        );
    }
    let retired: Vec<String> = selection
        .nodes
        .iter()
        .filter(|&&n| !graph.in_force(n))
        .map(|n| format!("n{n}"))
        .collect();
    if !retired.is_empty() {
        out.push_str("  classDef retired fill:#eee,color:#666\n");
        let _ = writeln!(out, "  class {} retired", retired.join(","));
    }
    out
}

/// Mermaid labels are quoted; quotes and markup become entity codes.
pub(crate) fn escape_mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '|' => out.push_str("#124;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct JsonGraph<'a> {
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
    cycles: Vec<Vec<&'a Path>>,
    unresolved: Vec<JsonUnresolved<'a>>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a Path,
    number: Option<u32>,
    title: String,
    status: Option<&'a str>,
    in_force: bool,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    from: &'a Path,
    to: &'a Path,
    kind: &'a str,
}

#[derive(Serialize)]
struct JsonUnresolved<'a> {
    from: &'a Path,
    kind: &'a str,
    raw: &'a str,
    line: usize,
}

/// `{"nodes": [...], "edges": [{"from", "to", "kind"}], "cycles", "unresolved"}`;
/// nodes are identified by path.
pub(crate) fn json(graph: &DecisionGraph<'_>, selection: &Selection) -> serde_json::Result<String> {
    let path = |n: usize| graph.records[n].path.as_path();
    let value = JsonGraph {
        nodes: selection
            .nodes
            .iter()
            .map(|&n| JsonNode {
                id: path(n),
                number: graph.records[n].number,
                title: graph.records[n].display_title(),
                status: graph.records[n].status.as_ref().map(|s| s.kind.as_str()),
                in_force: graph.in_force(n),
            })
            .collect(),
        edges: edges(graph, selection)
            .map(|(f, t, r)| JsonEdge {
                from: path(f),
                to: path(t),
                kind: &r.kind,
            })
            .collect(),
        cycles: graph
            .supersede_cycles()
            .into_iter()
            .filter(|c| c.iter().any(|n| selection.contains(*n)))
            .map(|c| c.into_iter().map(path).collect())
            .collect(),
        unresolved: graph
            .unresolved
            .iter()
            .filter(|u| graph.node(&u.from).is_some_and(|n| selection.contains(n)))
            .map(|u| JsonUnresolved {
                from: &u.from,
                kind: &u.verb,
                raw: &u.raw,
                line: u.line,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

/// One line per relation, then what is not resolved.
pub(crate) fn text(graph: &DecisionGraph<'_>, selection: &Selection) -> String {
    let mut out = String::new();
    for &node in &selection.nodes {
        let marker = if graph.in_force(node) { " " } else { "x" };
        let _ = writeln!(out, "{marker} {}", label(graph, node));
        for (to, relation) in graph.outgoing(node) {
            if selection.contains(to) {
                let _ = writeln!(out, "    {} {}", relation.kind, label(graph, to));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_dot("a \"b\" \\ c"), "a \\\"b\\\" \\\\ c");
        assert_eq!(
            escape_mermaid("Use \"x\" | <y>"),
            "Use #quot;x#quot; #124; #lt;y#gt;"
        );
    }
}
