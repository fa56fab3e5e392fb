//! What a reviewer asks of a decision log: what in the repository still
//! cites a retired decision (`cites`), and what a change does to the
//! decisions (`diff`, `--changed-since`, `edited-after-acceptance`).
//!
//! Everything here takes loaded records and git handles as inputs, so
//! commands only parse, call and format.

pub mod acceptance;
pub mod body;
pub mod changed;
pub mod cites;
pub mod diff;
pub mod diff_report;
pub mod matcher;
pub mod range;
pub mod report;
