//! Edits on any text never panic, and a status set is the status read.
#![no_main]

use adr::record::Record;
use adr::record::edit::{self, NewLink, StatusWord};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let link = NewLink {
        verb: "Amends",
        text: "2. Other",
        target: "0002-other.md",
    };
    let _ = edit::add_link(&text, &link);
    let _ = edit::mark_superseded(&text, &link);
    let _ = edit::remove_relation_lines(&text, &[1, 2, 3]);
    let _ = edit::set_heading(&text, "9. New");
    let changed = edit::set_status(
        &text,
        StatusWord {
            section: "Rejected",
            value: "rejected",
        },
    );
    let _ = Record::parse("doc/adr/0001-fuzz.md".into(), "0001-fuzz", &changed);
});
