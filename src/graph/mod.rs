//! Graphs of decisions: the petgraph decision graph and its exports, and
//! adr-tools' own `generate graph` format.

pub mod adr_tools;
pub mod decisions;
pub mod export;
pub mod verb;

pub use decisions::{DecisionGraph, Relation};
