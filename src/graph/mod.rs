//! The decision graph on petgraph, its queries and its exports (text,
//! DOT, Mermaid, JSON), and the verbs relations are written with.

pub(crate) mod decisions;
pub(crate) mod export;
pub mod verb;

pub use decisions::{DecisionGraph, Relation};
