//! What a reviewer asks of a decision log: what in the repository still
//! cites a retired decision (`cites`), and what a change does to the
//! decisions (`diff`, `--changed-since`, `edited-after-acceptance`).
//!
//! Everything here takes loaded records and git handles as inputs, so
//! commands only parse, call and format.

pub(crate) mod acceptance;
pub(crate) mod body;
pub(crate) mod changed;
pub(crate) mod cites;
pub(crate) mod diff;
pub(crate) mod diff_report;
pub(crate) mod matcher;
pub(crate) mod range;
pub(crate) mod report;
