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
const NODE_HEIGHT: f64 = 52.0;
const COLUMN_GAP: f64 = 70.0;
const ROW_GAP: f64 = 14.0;
const GROUP_GAP: f64 = 36.0;
const MARGIN: f64 = 12.0;
/// Label font size in px (the CSS sets the same).
const FONT_PX: f64 = 13.0;
/// Room for text inside a box: its width less padding and the status bar.
const TEXT_WIDTH: f64 = NODE_WIDTH - 26.0;
/// A column taller than this many boxes is split into side-by-side columns.
const MAX_ROWS: usize = 16;

/// A node to draw: its label and its page URL (relative to the graph page).
pub(super) struct Node {
    pub label: String,
    pub url: String,
    pub status: String,
    pub in_force: bool,
}

/// Lays out and draws `nodes` (indexed like the graph's records; `None`
/// leaves a record out) with the graph's relations between them.
pub(super) fn draw(graph: &DecisionGraph<'_>, nodes: &[Option<Node>]) -> String {
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
    let mut svg = String::with_capacity(256 + shown.len() * 420 + edges.len() * 160);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"decision-graph\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"group\" aria-label=\"Decision graph: {} decisions, {} relations\">\n\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrow\"/></marker></defs>\n",
        shown.len(),
        edges.len()
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
            "<path class=\"{class}\" d=\"M{x1:.0},{y1:.0} C{:.0},{y1:.0} {:.0},{y2:.0} {x2:.0},{y2:.0}\"><title>{}</title></path>",
            (x1 + x2) / 2.0 + bend,
            (x1 + x2) / 2.0 + bend,
            escape_html(kind)
        );
    }
    for &i in &shown {
        let Some(node) = &nodes[i] else { continue };
        let (x, y) = positions[&i];
        let lines = wrap(&node.label, TEXT_WIDTH, 2);
        let retired = if node.in_force { "" } else { " retired" };
        // Each box drawn at the origin and moved into place: the same few
        // numbers for every node rather than its coordinates four times.
        let _ = write!(
            svg,
            "<a href=\"{}\" class=\"node st-{}{retired}\" transform=\"translate({x:.0},{y:.0})\"><title>{} ({})</title><rect width=\"{NODE_WIDTH:.0}\" height=\"{NODE_HEIGHT:.0}\"/><rect class=\"bar\" width=\"6\" height=\"{NODE_HEIGHT:.0}\"/><text x=\"16\" y=\"{:.0}\">",
            escape_html(&node.url),
            css_word(&node.status),
            escape_html(&node.label),
            escape_html(&node.status),
            NODE_HEIGHT / 2.0 + 4.5 - (lines.len() as f64 - 1.0) * 8.0,
        );
        // One line is the text itself; more start each at its left edge,
        // one line down.
        match lines.as_slice() {
            [line] => svg.push_str(&escape_html(line)),
            _ => {
                for (k, line) in lines.iter().enumerate() {
                    if k == 0 {
                        let _ = write!(svg, "<tspan>{}</tspan>", escape_html(line));
                    } else {
                        let _ = write!(
                            svg,
                            "<tspan x=\"16\" dy=\"16\">{}</tspan>",
                            escape_html(line)
                        );
                    }
                }
            }
        }
        svg.push_str("</text></a>\n");
    }
    svg.push_str("</svg>\n");
    svg
}

/// A status as a CSS class word: `on hold` → `on-hold`.
pub(super) fn css_word(status: &str) -> String {
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

/// The width of `text` in px at [`FONT_PX`] in a sans-serif font, from
/// per-character estimates that err wide, so a label measured to fit does.
pub(super) fn text_width(text: &str) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '!' | '|' | '\'' | '`' => 0.3,
            ' ' | 'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '{' | '}' | '-' | '/' => 0.38,
            'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.9,
            'A'..='Z' => 0.7,
            'a'..='z' | '0'..='9' | '#' | '$' | '&' | '+' | '=' | '?' | '_' => 0.58,
            c if is_wide(c) => 1.0,
            _ => 0.65,
        })
        .sum();
    em * FONT_PX
}

/// East Asian wide letters and emoji take a full em.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// Breaks `text` into at most `max_lines` lines of at most `width` px, at
/// spaces where it can (inside a word where it must); the last line ends
/// in `…` when the text does not fit.
pub(super) fn wrap(text: &str, width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split_whitespace().peekable();
    let mut cut = false;
    while let Some(word) = words.next() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate) <= width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                cut = true;
                break;
            }
        }
        // A word wider than a line is broken where it overflows.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if text_width(&piece) > width {
                piece.pop();
                lines.push(std::mem::replace(&mut piece, c.to_string()));
                if lines.len() == max_lines {
                    cut = true;
                    break;
                }
            }
        }
        if cut {
            break;
        }
        current = piece;
        let _ = words.peek();
    }
    if !cut && !current.is_empty() {
        lines.push(current);
    }
    if cut {
        let last = lines.last_mut().map(std::mem::take).unwrap_or_default();
        let mut last: String = last;
        while !last.is_empty() && text_width(&format!("{last}…")) > width {
            last.pop();
        }
        let mut last = last.trim_end().to_string();
        last.push('…');
        if let Some(slot) = lines.last_mut() {
            *slot = last;
        }
    }
    lines
}

/// Top-left corner of each node. Each connected group gets columns by
/// longest path to a record it points at (older decisions left), rows by
/// record order refined by the median of neighbours; a column taller than
/// [`MAX_ROWS`] is split side by side; groups are stacked.
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
    for &start in shown {
        if !seen.insert(start) {
            continue;
        }
        let group = connected(start, &neighbours, &mut seen);
        let mut by_column: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for &n in &group {
            by_column.entry(column[&n]).or_default().push(n);
        }
        order_rows(&mut by_column, &neighbours);
        let rows = by_column
            .values()
            .map(|m| m.len().min(MAX_ROWS))
            .max()
            .unwrap_or(1);
        let mut x = MARGIN;
        for members in by_column.values() {
            for (r, &n) in members.iter().enumerate() {
                let sub = (r / MAX_ROWS) as f64;
                let row = (r % MAX_ROWS) as f64;
                positions.insert(
                    n,
                    (
                        x + sub * (NODE_WIDTH + ROW_GAP),
                        y + row * (NODE_HEIGHT + ROW_GAP),
                    ),
                );
            }
            let subs = members.len().div_ceil(MAX_ROWS).max(1) as f64;
            x += subs * (NODE_WIDTH + ROW_GAP) - ROW_GAP + COLUMN_GAP;
        }
        y += rows as f64 * (NODE_HEIGHT + ROW_GAP) + GROUP_GAP;
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
        let shown: BTreeSet<usize> = (0..3).collect();
        // 2 supersedes 1 supersedes 0.
        let edges = [(2, 1, "supersedes", true), (1, 0, "supersedes", true)];
        let p = layout(&shown, &edges);
        assert!(p[&0].0 < p[&1].0 && p[&1].0 < p[&2].0);
        assert_eq!(p[&0].1, p[&2].1);
    }

    #[test]
    fn tall_columns_are_split() {
        let shown: BTreeSet<usize> = (0..=40).collect();
        let edges: Vec<_> = (1..=40).map(|i| (i, 0, "amends", false)).collect();
        let p = layout(&shown, &edges);
        let tallest = p.values().map(|q| q.1).fold(0.0, f64::max);
        assert!(tallest < (MAX_ROWS as f64) * (NODE_HEIGHT + ROW_GAP) + MARGIN);
    }

    #[test]
    fn labels_fit_their_boxes() {
        for label in [
            "12. Use PostgreSQL for the persistence of every bounded context we own",
            "7. Supercalifragilisticexpialidocious-identifiers-everywhere-in-the-codebase",
            "3. 使用事件溯源来记录所有的状态变化和审计日志以及更多内容",
            "1. Short",
        ] {
            let lines = wrap(label, TEXT_WIDTH, 2);
            assert!(!lines.is_empty() && lines.len() <= 2, "{label}: {lines:?}");
            for line in &lines {
                assert!(
                    text_width(line) <= TEXT_WIDTH,
                    "{label}: `{line}` is too wide"
                );
            }
        }
        assert_eq!(wrap("1. Short", TEXT_WIDTH, 2), ["1. Short"]);
        assert!(wrap(&"word ".repeat(40), TEXT_WIDTH, 2)[1].ends_with('…'));
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
