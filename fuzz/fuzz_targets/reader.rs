//! Any bytes, read as a record, never panic; rendering them never panics
//! and leaves nothing executable.
#![no_main]

use adr::record::Record;
use adr::site::render::{Destination, LinkPolicy, RenderOptions};
use libfuzzer_sys::fuzz_target;

struct Drop;

impl LinkPolicy for Drop {
    fn link(&mut self, _: &str) -> Destination {
        Destination::Keep
    }
    fn image(&mut self, _: &str) -> Destination {
        Destination::Drop
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let record = Record::parse("doc/adr/0001-fuzz.md".into(), "0001-fuzz", &text);
    let _ = record.link_text();
    let mut records = vec![record];
    adr::log::resolve_links(&mut records);
    let html = adr::site::render::render(&text, &mut Drop, RenderOptions::default()).html;
    assert!(!html.to_ascii_lowercase().contains("<script"), "script survived: {html}");
});
