//! What commands print and export: the stable JSON views of records, the
//! JSON document of the whole log, and adr-tools' table of contents and
//! Graphviz graph.

pub mod dot;
pub mod exchange;
pub mod toc;
pub mod view;
