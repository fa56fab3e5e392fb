//! The decision graph on a generated 1,000-record repository: edge counts,
//! in-force view, reachability, cycles, and DOT that Graphviz accepts.

use std::fmt::Write as _;
use std::path::Path;

use crate::support::Sandbox;

const RECORDS: usize = 1000;

/// Record `n` supersedes `n - 1` when `n % 10 == 0`, amends record 1 when
/// `n % 7 == 0`, and relates to `n - 2` when `n % 11 == 0` (stated on both
/// ends, so it must still count once). Titles carry quotes and pipes.
fn generated() -> (Sandbox, usize, usize) {
    let sandbox = Sandbox::new();
    let mut texts: Vec<String> = (1..=RECORDS)
        .map(|n| {
            format!("# {n}. Decision \"{n}\" | part\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
        })
        .collect();
    let name = |n: usize| format!("{n:04}-decision-{n}-part.md");
    let mut supersedes = 0;
    let mut others = 0;
    for n in 2..=RECORDS {
        let mut add = |at: usize, line: String| {
            let _ = write!(texts[at - 1], "\n{line}\n");
        };
        if n % 10 == 0 {
            add(n, format!("Supersedes [{}. D]({})", n - 1, name(n - 1)));
            add(n - 1, format!("Superseded by [{n}. D]({})", name(n)));
            supersedes += 1;
        }
        if n % 7 == 0 {
            add(n, format!("Amends [1. D]({})", name(1)));
            others += 1;
        }
        if n % 11 == 0 {
            add(n, format!("Relates to [{}. D]({})", n - 2, name(n - 2)));
            add(n - 2, format!("Relates to [{n}. D]({})", name(n)));
            others += 1;
        }
    }
    for (i, text) in texts.iter().enumerate() {
        sandbox.write(
            &format!("doc/adr/{}", name(i + 1)),
            &format!("{text}\n## Context\n\nWhy.\n"),
        );
    }
    (sandbox, supersedes, others)
}

/// The generator's relations as (from, to, symmetric).
fn relations() -> Vec<(usize, usize, bool)> {
    let mut all = Vec::new();
    for n in 2..=RECORDS {
        if n % 10 == 0 {
            all.push((n, n - 1, false));
        }
        if n % 7 == 0 {
            all.push((n, 1, false));
        }
        if n % 11 == 0 {
            all.push((n, n - 2, true));
        }
    }
    all
}

fn leading_to_first() -> usize {
    let edges = relations();
    let mut seen = std::collections::BTreeSet::from([1]);
    let mut queue = vec![1];
    while let Some(current) = queue.pop() {
        for &(from, to, symmetric) in &edges {
            let next = if to == current {
                Some(from)
            } else if symmetric && from == current {
                Some(to)
            } else {
                None
            };
            if let Some(next) = next
                && seen.insert(next)
            {
                queue.push(next);
            }
        }
    }
    seen.len()
}

fn graph_json(sandbox: &Sandbox, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["graph", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(sandbox.adr(&args).ok()).expect("json")
}

fn thousand_records() {
    let (sandbox, supersedes, others) = generated();
    let all = graph_json(&sandbox, &[]);
    let nodes = all["nodes"].as_array().expect("nodes");
    let edges = all["edges"].as_array().expect("edges");
    assert_eq!(nodes.len(), RECORDS);
    assert_eq!(edges.len(), supersedes + others);
    let count = |kind: &str| edges.iter().filter(|e| e["kind"] == kind).count();
    assert_eq!(count("supersedes"), supersedes);
    assert_eq!(count("amends"), RECORDS / 7);
    assert_eq!(count("relates to"), RECORDS / 11);
    assert_eq!(all["cycles"], serde_json::json!([]));
    assert_eq!(all["unresolved"], serde_json::json!([]));

    // In force: everything but the superseded ones.
    let in_force = graph_json(&sandbox, &["--in-force"]);
    assert_eq!(
        in_force["nodes"].as_array().map(Vec::len),
        Some(RECORDS - supersedes)
    );

    // What leads to record 1, computed independently from the generator's
    // rules: walk the relations backwards (`relates to` both ways).
    let to_first = graph_json(&sandbox, &["--to", "1"]);
    assert_eq!(
        to_first["nodes"].as_array().map(Vec::len),
        Some(leading_to_first())
    );
    // What record 20 affects: 19, which it supersedes, and 22, which relates
    // to it (a symmetric relation); nothing leads on from either.
    let from_20 = graph_json(&sandbox, &["--from", "20"]);
    let ids: Vec<&str> = from_20["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["number"].as_u64().map(|_| n["id"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        ids,
        [
            "doc/adr/0019-decision-19-part.md",
            "doc/adr/0020-decision-20-part.md",
            "doc/adr/0022-decision-22-part.md"
        ]
    );

    // Mermaid: one arrow line per edge, quotes escaped.
    let mermaid = sandbox.adr(&["graph", "--format", "mermaid"]);
    let arrows = mermaid
        .ok()
        .lines()
        .filter(|l| l.contains("-->") || l.contains("---"))
        .count();
    assert_eq!(arrows, supersedes + others);
    assert!(mermaid.stdout.contains("#quot;"));
    assert!(!mermaid.stdout.contains("\"1\""));

    // DOT: valid for Graphviz, with every label escaped.
    let dot = sandbox.adr(&["graph", "--format", "dot"]);
    assert!(dot.ok().contains("Decision \\\"1\\\" | part"));
    check_with_graphviz(&sandbox, &dot.stdout);
    // adr-tools' own format, checked on the first hundred records: Graphviz
    // 2.43 (Debian's) crashes laying out its 1,000-node dotted chain with
    // edges converging on one node, whoever writes it.
    let legacy = sandbox.adr(&["generate", "graph"]);
    assert_eq!(legacy.ok().matches("style=\"dotted\"").count(), RECORDS - 1);
    for n in 101..=RECORDS {
        let path = sandbox
            .root()
            .join(format!("doc/adr/{n:04}-decision-{n}-part.md"));
        std::fs::remove_file(path).expect("remove");
    }
    let legacy = sandbox.adr(&["generate", "graph"]);
    check_with_graphviz(&sandbox, legacy.ok());
}

/// Runs `dot -Tsvg` (the test declares `needs: [Graphviz]`).
fn check_with_graphviz(sandbox: &Sandbox, dot: &str) {
    sandbox.write("graph.dot", dot);
    let run = sandbox.run_program(
        Path::new("dot"),
        &[
            "-Tsvg",
            "-o",
            "graph.svg",
            &sandbox.root().join("graph.dot").display().to_string(),
        ],
    );
    assert_eq!(run.code, 0, "dot rejected the graph: {}", run.stderr);
}

fn cycles_are_named() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "doc/adr/0001-a.md",
        "# 1. A\n\n## Status\n\nAccepted\n\nSupersedes [2. B](0002-b.md)\n",
    );
    sandbox.write(
        "doc/adr/0002-b.md",
        "# 2. B\n\n## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n",
    );
    let run = sandbox.adr(&["graph", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(run.ok()).expect("json");
    assert_eq!(
        value["cycles"],
        serde_json::json!([["doc/adr/0001-a.md", "doc/adr/0002-b.md"]])
    );
    assert!(
        run.stderr
            .contains("supersession cycle: doc/adr/0001-a.md -> doc/adr/0002-b.md"),
        "{}",
        run.stderr
    );
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(thousand_records, needs: [Graphviz]),
        test!(cycles_are_named),
    ]
}
