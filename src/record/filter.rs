//! Choosing records by status and tag, as `adr list`, `adr search` and the
//! MCP tools do.

use super::{Record, StatusKind};

/// Keeps the records whose status kind is `status` and that carry `tag`
/// (case-insensitively); a filter left `None` keeps every record.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<StatusKind>,
    pub tag: Option<String>,
}

impl Filter {
    pub fn keeps(&self, record: &Record) -> bool {
        let status = self
            .status
            .as_ref()
            .is_none_or(|s| record.status.as_ref().is_some_and(|rs| &rs.kind == s));
        let tag = self
            .tag
            .as_deref()
            .is_none_or(|t| record.tags.iter().any(|rt| rt.eq_ignore_ascii_case(t)));
        status && tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn record(text: &str) -> Record {
        Record::parse(PathBuf::from("doc/adr/0001-a.md"), "0001-a", text)
    }

    #[test]
    fn keeps_records_matching_status_and_tag() {
        let accepted = record("---\nstatus: accepted\ntags: [Security]\n---\n# A\n");
        let proposed = record("---\nstatus: proposed\ntags: [security]\n---\n# B\n");
        let untagged = record("---\nstatus: accepted\n---\n# C\n");
        let filter = Filter {
            status: Some(StatusKind::Accepted),
            tag: Some("security".into()),
        };
        assert!(filter.keeps(&accepted));
        assert!(!filter.keeps(&proposed));
        assert!(!filter.keeps(&untagged));
        assert!(Filter::default().keeps(&untagged));
    }
}
