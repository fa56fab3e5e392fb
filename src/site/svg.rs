//! The decision graph drawn as an inline SVG: a layered layout per
//! connected group of records, each node a link to its page.
//!
//! Hand-written (see ADR 13): it must put a hyperlink on every node, give
//! byte-identical output on every run, and stay linear in the number of
//! records and relations on logs of 10,000 records.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::graph::DecisionGraph;
use crate::site::render::escape_html;

const NODE_WIDTH: f64 = 220.0;
const NODE_HEIGHT: f64 = 40.0;
const COLUMN_GAP: f64 = 90.0;
const ROW_GAP: f64 = 16.0;
const GROUP_GAP: f64 = 36.0;
const MARGIN: f64 = 12.0;
const TITLE_CHARS: usize = 30;

/// A node to draw: its label and its page URL (relative to the graph page).
pub struct Node {
    pub label: String,
    pub url: String,
    pub status: String,
    pub in_force: bool,
}

/// Lays out and draws `nodes` (indexed like the graph's records; `None`
/// leaves a record out) with the graph's relations between them.
pub fn draw(graph: &DecisionGraph<'_>, nodes: &[Option<Node>]) -> String {
    let shown: BTreeSet<usize> = (0..nodes.len()).filter(|&i| nodes[i].is_some()).collect();
    let edges: Vec<(usize, usize, &str, bool)> = graph
        .edges()
        .filter(|(f, t, _)| f != t && shown.contains(f) && shown.contains(t))
        .map(|(f, t, r)| (f, t, r.kind.as_str(), r.is_supersedes()))
        .collect();
    let positions = layout(&shown, &edges);
    let width = positions
        .values()
        .map(|p| p.0 + NODE_WIDTH)
        .fold(0.0, f64::max)
        + MARGIN;
    let height = positions
        .values()
        .map(|p| p.1 + NODE_HEIGHT)
        .fold(0.0, f64::max)
        + MARGIN;
    let mut svg = String::with_capacity(256 + shown.len() * 400 + edges.len() * 200);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"decision-graph\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Decision graph\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrow\"/></marker></defs>\n"
    );
    for &(from, to, kind, supersedes) in &edges {
        let (fx, fy) = positions[&from];
        let (tx, ty) = positions[&to];
        // From the side of one box to the facing side of the other.
        let (x1, x2) = if fx > tx {
            (fx, tx + NODE_WIDTH)
        } else if fx < tx {
            (fx + NODE_WIDTH, tx)
        } else {
            (fx + NODE_WIDTH, tx + NODE_WIDTH)
        };
        let (y1, y2) = (fy + NODE_HEIGHT / 2.0, ty + NODE_HEIGHT / 2.0);
        let bend = if fx == tx { 40.0 } else { 0.0 };
        let class = if supersedes {
            "edge supersedes"
        } else {
            "edge"
        };
        let _ = writeln!(
            svg,
            "<path class=\"{class}\" d=\"M{x1:.0},{y1:.0} C{:.0},{y1:.0} {:.0},{y2:.0} {x2:.0},{y2:.0}\" marker-end=\"url(#arrow)\"><title>{}</title></path>",
            (x1 + x2) / 2.0 + bend,
            (x1 + x2) / 2.0 + bend,
            escape_html(kind)
        );
        let _ = writeln!(
            svg,
            "<text class=\"edge-label\" x=\"{:.0}\" y=\"{:.0}\">{}</text>",
            (x1 + x2) / 2.0 + bend,
            (y1 + y2) / 2.0 - 4.0,
            escape_html(kind)
        );
    }
    for &i in &shown {
        let Some(node) = &nodes[i] else { continue };
        let (x, y) = positions[&i];
        let short = shorten(&node.label);
        let retired = if node.in_force { "" } else { " retired" };
        let _ = writeln!(
            svg,
            "<a href=\"{}\" class=\"node status-{}{retired}\"><title>{}</title><rect x=\"{x:.0}\" y=\"{y:.0}\" width=\"{NODE_WIDTH:.0}\" height=\"{NODE_HEIGHT:.0}\" rx=\"6\"/><text x=\"{:.0}\" y=\"{:.0}\">{}</text></a>",
            escape_html(&node.url),
            css_word(&node.status),
            escape_html(&node.label),
            x + 10.0,
            y + NODE_HEIGHT / 2.0 + 5.0,
            escape_html(&short)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A status as a CSS class word: `on hold` → `on-hold`.
pub fn css_word(status: &str) -> String {
    let word: String = status
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if word.is_empty() { "none".into() } else { word }
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= TITLE_CHARS {
        return label.to_string();
    }
    let mut short: String = label.chars().take(TITLE_CHARS - 1).collect();
    short.push('…');
    short
}

/// Top-left corner of each node. Each connected group gets columns by
/// longest path to a record it points at (older decisions left), rows by
/// record order refined by the median of neighbours; groups are stacked.
fn layout(
    shown: &BTreeSet<usize>,
    edges: &[(usize, usize, &str, bool)],
) -> BTreeMap<usize, (f64, f64)> {
    let mut out_edges: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut neighbours: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(f, t, _, _) in edges {
        out_edges.entry(f).or_default().push(t);
        neighbours.entry(f).or_default().push(t);
        neighbours.entry(t).or_default().push(f);
    }
    let column = columns(shown, &out_edges);
    let mut positions = BTreeMap::new();
    let mut seen = BTreeSet::new();
    let mut y = MARGIN;
    // Loners are packed in a grid after the groups.
    let mut loners = Vec::new();
    for &start in shown {
        if !seen.insert(start) {
            continue;
        }
        let group = connected(start, &neighbours, &mut seen);
        if group.len() == 1 {
            loners.push(start);
            continue;
        }
        let mut by_column: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &n in &group {
            by_column.entry(column[&n]).or_default().push(n);
        }
        order_rows(&mut by_column, &neighbours);
        let rows = by_column.values().map(Vec::len).max().unwrap_or(1);
        for (c, members) in &by_column {
            for (r, &n) in members.iter().enumerate() {
                let x = MARGIN + *c as f64 * (NODE_WIDTH + COLUMN_GAP);
                positions.insert(n, (x, y + r as f64 * (NODE_HEIGHT + ROW_GAP)));
            }
        }
        y += rows as f64 * (NODE_HEIGHT + ROW_GAP) + GROUP_GAP;
    }
    let per_row = 3;
    for (k, &n) in loners.iter().enumerate() {
        let x = MARGIN + (k % per_row) as f64 * (NODE_WIDTH + ROW_GAP);
        positions.insert(n, (x, y + (k / per_row) as f64 * (NODE_HEIGHT + ROW_GAP)));
    }
    positions
}

/// Longest path from each node to a sink, ignoring edges that close a
/// cycle; iterative so deep chains cannot overflow the stack.
fn columns(
    shown: &BTreeSet<usize>,
    out_edges: &BTreeMap<usize, Vec<usize>>,
) -> BTreeMap<usize, usize> {
    let mut column: BTreeMap<usize, usize> = BTreeMap::new();
    let mut on_stack = BTreeSet::new();
    let empty = Vec::new();
    for &root in shown {
        if column.contains_key(&root) {
            continue;
        }
        // (node, index of next child to visit)
        let mut stack = vec![(root, 0usize)];
        on_stack.insert(root);
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let children = out_edges.get(&node).unwrap_or(&empty);
            if let Some(&child) = children.get(*next) {
                *next += 1;
                if !column.contains_key(&child) && !on_stack.contains(&child) {
                    on_stack.insert(child);
                    stack.push((child, 0));
                }
                continue;
            }
            let depth = children
                .iter()
                .filter_map(|c| column.get(c))
                .map(|d| d + 1)
                .max()
                .unwrap_or(0);
            column.insert(node, depth);
            on_stack.remove(&node);
            stack.pop();
        }
    }
    column
}

fn connected(
    start: usize,
    neighbours: &BTreeMap<usize, Vec<usize>>,
    seen: &mut BTreeSet<usize>,
) -> Vec<usize> {
    let mut group = vec![start];
    let mut queue = vec![start];
    while let Some(n) = queue.pop() {
        for &m in neighbours.get(&n).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(m) {
                group.push(m);
                queue.push(m);
            }
        }
    }
    group.sort_unstable();
    group
}

/// Orders each column by the median row of its neighbours in the column
/// before it, which removes most crossings in decision logs.
fn order_rows(
    by_column: &mut BTreeMap<usize, Vec<usize>>,
    neighbours: &BTreeMap<usize, Vec<usize>>,
) {
    let columns: Vec<usize> = by_column.keys().copied().collect();
    for pair in columns.windows(2) {
        let rows: BTreeMap<usize, usize> = by_column[&pair[0]]
            .iter()
            .enumerate()
            .map(|(r, &n)| (n, r))
            .collect();
        if let Some(members) = by_column.get_mut(&pair[1]) {
            members.sort_by_key(|n| {
                let mut rs: Vec<usize> = neighbours
                    .get(n)
                    .map(|ns| ns.iter().filter_map(|m| rows.get(m).copied()).collect())
                    .unwrap_or_default();
                rs.sort_unstable();
                (rs.get(rs.len() / 2).copied().unwrap_or(usize::MAX), *n)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_go_left_to_right() {
        let shown: BTreeSet<usize> = (0..4).collect();
        // 2 supersedes 1 supersedes 0; 3 alone.
        let edges = [(2, 1, "supersedes", true), (1, 0, "supersedes", true)];
        let p = layout(&shown, &edges);
        assert!(p[&0].0 < p[&1].0 && p[&1].0 < p[&2].0);
        assert_eq!(p[&0].1, p[&2].1);
        assert!(p[&3].1 > p[&0].1, "the loner goes below the group");
    }

    #[test]
    fn cycles_terminate() {
        let shown: BTreeSet<usize> = (0..3).collect();
        let edges = [(0, 1, "x", false), (1, 2, "x", false), (2, 0, "x", false)];
        assert_eq!(layout(&shown, &edges).len(), 3);
    }

    #[test]
    fn long_chain_does_not_overflow() {
        let shown: BTreeSet<usize> = (0..20_000).collect();
        let edges: Vec<_> = (1..20_000)
            .map(|i| (i, i - 1, "supersedes", true))
            .collect();
        assert_eq!(layout(&shown, &edges).len(), 20_000);
    }
}
