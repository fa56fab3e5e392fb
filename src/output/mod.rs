//! What commands print: the stable JSON views of records and the tables
//! of contents.

pub mod toc;
pub mod view;
