//! Graphs of decisions.

pub mod adr_tools;
