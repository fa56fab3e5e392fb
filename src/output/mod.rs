//! What commands print and export: the stable JSON views of records, the
//! JSON document of the whole log, and adr-tools' table of contents and
//! Graphviz graph.

pub(crate) mod dot;
pub(crate) mod exchange;
pub(crate) mod toc;
pub(crate) mod view;
