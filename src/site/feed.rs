//! An Atom feed of decisions, newest first, for watchers.

use std::fmt::Write;

use crate::record::Record;
use crate::site::render::escape_html;

use super::pages::{label, status_word};
use super::sitemap::encode_path;

/// What the feed says of one record besides the record itself.
pub(super) struct Entry<'a> {
    pub page: &'a str,
    /// `YYYY-MM-DD`: the record's date, else when git first saw it, else
    /// when its file last changed.
    pub date: String,
    /// From git, else the deciders; empty gives the feed's author.
    pub authors: Vec<String>,
    pub summary: String,
}

/// Entries in the feed: the newest decisions (feed readers keep what
/// they have seen; a feed of every decision only grows).
pub(super) const ENTRIES: usize = 100;

/// The records the feed lists, newest first: at most [`ENTRIES`]. Only
/// these need a summary.
pub(super) fn newest(records: &[Record], entries: &[Entry<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..records.len()).collect();
    // Newest first; no two records have one path, so the order is total
    // and the first hundred need not be sorted among the rest.
    let newer = |&a: &usize, &b: &usize| {
        (&entries[b].date, records[b].number, &records[b].path).cmp(&(
            &entries[a].date,
            records[a].number,
            &records[a].path,
        ))
    };
    if order.len() > ENTRIES {
        order.select_nth_unstable_by(ENTRIES, newer);
        order.truncate(ENTRIES);
    }
    order.sort_by(newer);
    order
}

/// One entry per record, newest first, at most [`ENTRIES`]. Ids and links use `base_url` when given, else
/// stable `urn:` ids and relative links. No clock is read: the feed's own
/// date is the newest entry's, so exports are reproducible.
pub(super) fn atom(
    title: &str,
    base_url: Option<&str>,
    records: &[Record],
    entries: &[Entry<'_>],
) -> String {
    let order = newest(records, entries);
    let base = base_url.map(|b| b.trim_end_matches('/').to_string());
    let link = |page: &str| match &base {
        Some(b) => format!("{b}/{}", encode_path(page)),
        None => encode_path(page),
    };
    let id = |page: &str| match &base {
        Some(b) => format!("{b}/{}", encode_path(page)),
        None => format!("urn:adr:{}", encode_path(page)),
    };
    let updated = order
        .first()
        .map(|&i| entries[i].date.clone())
        .unwrap_or_default();
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
    let _ = writeln!(
        xml,
        "  <author><name>{}</name></author>",
        escape_html(title)
    );
    let _ = writeln!(xml, "  <generator>adr</generator>");
    for i in order {
        let (record, entry) = (&records[i], &entries[i]);
        let _ = writeln!(xml, "  <entry>");
        let _ = writeln!(
            xml,
            "    <title>{} ({})</title>",
            escape_html(&label(record)),
            escape_html(&status_word(record))
        );
        let _ = writeln!(xml, "    <id>{}</id>", escape_html(&id(entry.page)));
        let _ = writeln!(
            xml,
            "    <link href=\"{}\"/>",
            escape_html(&link(entry.page))
        );
        let _ = writeln!(xml, "    <updated>{}T00:00:00Z</updated>", entry.date);
        // Atom lets an entry take the feed's author; feed readers show an
        // entry's own, so each gets one.
        let fallback = [title.to_string()];
        let authors = if entry.authors.is_empty() {
            &fallback[..]
        } else {
            &entry.authors[..]
        };
        for author in authors {
            let _ = writeln!(
                xml,
                "    <author><name>{}</name></author>",
                escape_html(author)
            );
        }
        let _ = writeln!(
            xml,
            "    <summary>{}</summary>",
            escape_html(&entry.summary)
        );
        let _ = writeln!(xml, "  </entry>");
    }
    xml.push_str("</feed>\n");
    xml
}
