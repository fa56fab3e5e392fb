//! An Atom feed of decisions, newest first, for watchers.

use std::fmt::Write;

use crate::record::Record;
use crate::site::render::escape_html;

use super::pages::{label, status_word};
use super::sitemap::encode_path;

/// One entry per dated record. Ids and links use `base_url` when given,
/// else stable `urn:` ids and relative links. No clock is read: the feed's
/// own date is the newest decision's, so exports are reproducible.
pub fn atom(
    title: &str,
    base_url: Option<&str>,
    records: &[Record],
    pages: &[&str],
    summaries: &[String],
) -> String {
    let mut dated: Vec<usize> = (0..records.len())
        .filter(|&i| records[i].date.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        (records[b].date, records[b].number, &records[b].path).cmp(&(
            records[a].date,
            records[a].number,
            &records[a].path,
        ))
    });
    let base = base_url.map(|b| b.trim_end_matches('/').to_string());
    let link = |page: &str| match &base {
        Some(b) => format!("{b}/{}", encode_path(page)),
        None => encode_path(page),
    };
    let id = |page: &str| match &base {
        Some(b) => format!("{b}/{}", encode_path(page)),
        None => format!("urn:adr:{}", encode_path(page)),
    };
    let updated = dated
        .first()
        .and_then(|&i| records[i].date)
        .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape_html(title));
    let _ = writeln!(xml, "  <id>{}</id>", escape_html(&id("index.html")));
    let _ = writeln!(
        xml,
        "  <link href=\"{}\"/>",
        escape_html(&link("index.html"))
    );
    let _ = writeln!(xml, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(xml, "  <generator>adr</generator>");
    for i in dated {
        let record = &records[i];
        let date = record.date.map(|d| d.to_string()).unwrap_or_default();
        let _ = writeln!(xml, "  <entry>");
        let _ = writeln!(
            xml,
            "    <title>{} ({})</title>",
            escape_html(&label(record)),
            escape_html(&status_word(record))
        );
        let _ = writeln!(xml, "    <id>{}</id>", escape_html(&id(pages[i])));
        let _ = writeln!(xml, "    <link href=\"{}\"/>", escape_html(&link(pages[i])));
        let _ = writeln!(xml, "    <updated>{date}T00:00:00Z</updated>");
        let _ = writeln!(
            xml,
            "    <author><name>{}</name></author>",
            escape_html(&authors(record))
        );
        let _ = writeln!(xml, "    <summary>{}</summary>", escape_html(&summaries[i]));
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    xml
}

/// Atom needs an author: the deciders when known.
fn authors(record: &Record) -> String {
    if record.deciders.is_empty() {
        "unknown".to_string()
    } else {
        record.deciders.join(", ")
    }
}
