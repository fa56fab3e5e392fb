//! The decision graph: records as nodes, typed relations as edges.

use std::collections::{BTreeSet, VecDeque};

use foldhash::{HashMap, HashMapExt};
use std::path::{Path, PathBuf};

use petgraph::Direction::{Incoming, Outgoing};
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{EdgeFiltered, EdgeRef};

use crate::record::{LinkSource, Record, StatusKind};

use super::verb;

/// A relation between two records, one edge per relation however many
/// files state it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The canonical forward verb: `supersedes`, `amends`, `relates to`, or
    /// a custom verb, lower-cased.
    pub kind: String,
    pub symmetric: bool,
    /// Where the relation was read: the most structured place of the links
    /// that state it (a sentence is evidence, a status a statement).
    pub source: LinkSource,
}

/// Status first, a sentence last: which place says more firmly.
fn rank(source: LinkSource) -> u8 {
    match source {
        LinkSource::Status => 0,
        LinkSource::Section => 1,
        LinkSource::Prose => 2,
    }
}

impl Relation {
    pub fn is_supersedes(&self) -> bool {
        self.kind == "supersedes"
    }
}

/// A link that names no record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    pub from: PathBuf,
    pub verb: String,
    pub raw: String,
    pub line: usize,
}

/// Records and their relations, in record order.
pub struct DecisionGraph<'a> {
    pub records: &'a [Record],
    graph: DiGraph<usize, Relation>,
    by_path: HashMap<&'a Path, NodeIndex>,
    pub unresolved: Vec<Unresolved>,
}

impl<'a> DecisionGraph<'a> {
    /// Builds the graph. Nodes are inserted in record order so that every
    /// output is stable.
    pub fn build(records: &'a [Record]) -> Self {
        let mut graph: DiGraph<usize, Relation> =
            DiGraph::with_capacity(records.len(), records.len());
        let mut by_path = HashMap::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            by_path.insert(record.path.as_path(), graph.add_node(i));
        }
        let mut seen: HashMap<(usize, usize, String), petgraph::graph::EdgeIndex> =
            HashMap::default();
        let mut unresolved = Vec::new();
        for (i, record) in records.iter().enumerate() {
            for link in &record.links {
                let Some(&target) = link.target.as_deref().and_then(|t| by_path.get(t)) else {
                    unresolved.push(Unresolved {
                        from: record.path.clone(),
                        verb: link.kind.clone(),
                        raw: link.raw.clone(),
                        line: link.line,
                    });
                    continue;
                };
                let source = NodeIndex::new(i);
                let d = verb::direction(&link.kind);
                let (from, to) = if d.reversed {
                    (target, source)
                } else {
                    (source, target)
                };
                let key = if d.symmetric {
                    (
                        from.index().min(to.index()),
                        from.index().max(to.index()),
                        d.kind.clone(),
                    )
                } else {
                    (from.index(), to.index(), d.kind.clone())
                };
                match seen.get(&key) {
                    Some(&edge) => {
                        if let Some(r) = graph.edge_weight_mut(edge)
                            && rank(link.source) < rank(r.source)
                        {
                            r.source = link.source;
                        }
                    }
                    None => {
                        let edge = graph.add_edge(
                            from,
                            to,
                            Relation {
                                kind: d.kind,
                                symmetric: d.symmetric,
                                source: link.source,
                            },
                        );
                        seen.insert(key, edge);
                    }
                }
            }
        }
        Self {
            records,
            graph,
            by_path,
            unresolved,
        }
    }

    pub fn node(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).map(|n| n.index())
    }

    /// Every edge as (from, to, relation), in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, &Relation)> {
        self.graph
            .edge_references()
            .map(|e| (e.source().index(), e.target().index(), e.weight()))
    }

    /// Edges leaving `node`, in insertion order.
    pub fn outgoing(&self, node: usize) -> Vec<(usize, &Relation)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(NodeIndex::new(node), Outgoing)
            .map(|e| (e.id().index(), e.target().index(), e.weight()))
            .collect();
        edges.sort_by_key(|(id, _, _)| *id);
        edges.into_iter().map(|(_, t, r)| (t, r)).collect()
    }

    /// Edges arriving at `node`, in insertion order.
    pub fn incoming(&self, node: usize) -> Vec<(usize, &Relation)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(NodeIndex::new(node), Incoming)
            .map(|e| (e.id().index(), e.source().index(), e.weight()))
            .collect();
        edges.sort_by_key(|(id, _, _)| *id);
        edges.into_iter().map(|(_, s, r)| (s, r)).collect()
    }

    /// The records that supersede `node` directly.
    pub fn superseded_by(&self, node: usize) -> Vec<usize> {
        self.incoming(node)
            .into_iter()
            .filter(|(_, r)| r.is_supersedes())
            .map(|(s, _)| s)
            .collect()
    }

    /// A record is in force when nothing supersedes it and its status is
    /// not superseded, rejected or deprecated.
    pub fn in_force(&self, node: usize) -> bool {
        let status_ends_it = self.records[node].status.as_ref().is_some_and(|s| {
            matches!(
                s.kind,
                StatusKind::Superseded | StatusKind::Rejected | StatusKind::Deprecated
            )
        });
        !status_ends_it && self.superseded_by(node).is_empty()
    }

    /// The records in force at the ends of `node`'s supersede chains (empty
    /// when `node` is not superseded; a cycle ends where it loops).
    pub fn in_force_successors(&self, node: usize) -> Vec<usize> {
        let mut ends = BTreeSet::new();
        let mut seen = BTreeSet::from([node]);
        let mut queue: VecDeque<usize> = self.superseded_by(node).into();
        while let Some(current) = queue.pop_front() {
            if !seen.insert(current) {
                continue;
            }
            let next = self.superseded_by(current);
            if next.is_empty() {
                ends.insert(current);
            }
            queue.extend(next);
        }
        ends.into_iter().collect()
    }

    /// `node` and every record reachable from it along relations.
    pub fn reachable_from(&self, node: usize) -> BTreeSet<usize> {
        self.walk(node, Outgoing)
    }

    /// `node` and every record from which it can be reached.
    pub fn leading_to(&self, node: usize) -> BTreeSet<usize> {
        self.walk(node, Incoming)
    }

    fn walk(&self, start: usize, direction: petgraph::Direction) -> BTreeSet<usize> {
        let mut seen = BTreeSet::from([start]);
        let mut queue = VecDeque::from([NodeIndex::new(start)]);
        while let Some(current) = queue.pop_front() {
            // Symmetric relations (`relates to`) are walked both ways.
            let along = self.graph.edges_directed(current, direction).map(|e| {
                if direction == Outgoing {
                    e.target()
                } else {
                    e.source()
                }
            });
            let against = self
                .graph
                .edges_directed(current, direction.opposite())
                .filter(|e| e.weight().symmetric)
                .map(|e| {
                    if direction == Outgoing {
                        e.source()
                    } else {
                        e.target()
                    }
                });
            for next in along.chain(against) {
                if seen.insert(next.index()) {
                    queue.push_back(next);
                }
            }
        }
        seen
    }

    /// Supersession cycles, each as its members in record order.
    pub fn supersede_cycles(&self) -> Vec<Vec<usize>> {
        let supersedes = EdgeFiltered::from_fn(&self.graph, |e| e.weight().is_supersedes());
        let mut cycles: Vec<Vec<usize>> = tarjan_scc(&supersedes)
            .into_iter()
            .filter(|scc| {
                scc.len() > 1
                    || self
                        .graph
                        .edges_connecting(scc[0], scc[0])
                        .any(|e| e.weight().is_supersedes())
            })
            .map(|scc| {
                let mut members: Vec<usize> = scc.into_iter().map(|n| n.index()).collect();
                members.sort_unstable();
                members
            })
            .collect();
        cycles.sort();
        cycles
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::resolve_links;

    fn records(files: &[(&str, &str)]) -> Vec<Record> {
        let mut records: Vec<Record> = files
            .iter()
            .map(|(path, text)| {
                let stem = Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                Record::parse(PathBuf::from(path), stem.as_deref().unwrap_or(""), text)
            })
            .collect();
        resolve_links(&mut records);
        records
    }

    fn nygard(n: u32, links: &str) -> String {
        format!("# {n}. T{n}\n\n## Status\n\nAccepted\n\n{links}\n\n## Context\n")
    }

    #[test]
    fn both_ends_make_one_edge() {
        let rs = records(&[
            (
                "a/0001-a.md",
                "# 1. A\n\n## Status\n\nSuperseded by [2. B](0002-b.md)\n",
            ),
            ("a/0002-b.md", &nygard(2, "Supersedes [1. A](0001-a.md)")),
        ]);
        let g = DecisionGraph::build(&rs);
        let edges: Vec<_> = g.edges().map(|(f, t, r)| (f, t, r.kind.clone())).collect();
        assert_eq!(edges, [(1, 0, "supersedes".to_string())]);
        assert!(!g.in_force(0));
        assert!(g.in_force(1));
        assert_eq!(g.in_force_successors(0), [1]);
    }

    #[test]
    fn chains_and_reachability() {
        let rs = records(&[
            ("a/0001-a.md", &nygard(1, "")),
            ("a/0002-b.md", &nygard(2, "Supersedes [1](0001-a.md)")),
            (
                "a/0003-c.md",
                &nygard(3, "Supersedes [2](0002-b.md)\n\nAmends [1](0001-a.md)"),
            ),
        ]);
        let g = DecisionGraph::build(&rs);
        assert_eq!(g.in_force_successors(0), [2]);
        assert_eq!(g.reachable_from(2), BTreeSet::from([0, 1, 2]));
        assert_eq!(g.leading_to(0), BTreeSet::from([0, 1, 2]));
        assert!(g.supersede_cycles().is_empty());
    }

    #[test]
    fn cycles_are_found() {
        let rs = records(&[
            ("a/0001-a.md", &nygard(1, "Supersedes [2](0002-b.md)")),
            ("a/0002-b.md", &nygard(2, "Supersedes [1](0001-a.md)")),
            ("a/0003-c.md", &nygard(3, "Supersedes [3](0003-c.md)")),
        ]);
        let g = DecisionGraph::build(&rs);
        assert_eq!(g.supersede_cycles(), [vec![0, 1], vec![2]]);
    }

    #[test]
    fn unresolved_links_are_kept() {
        let rs = records(&[("a/0001-a.md", &nygard(1, "Amends [9](0009-x.md)"))]);
        let g = DecisionGraph::build(&rs);
        assert_eq!(g.unresolved.len(), 1);
        assert_eq!(g.unresolved[0].raw, "0009-x.md");
    }
}
