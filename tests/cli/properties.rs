//! Property tests of the reader and the slug maker: no input makes the
//! reader panic, slugs are stable and well-formed, and a status written by
//! adr-tools reads back as written.

use std::path::PathBuf;

use adr::record::slug::slugify;
use adr::record::status::normalise;
use adr::record::{Record, StatusKind};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        // Failures are reported with their shrunk input; no regression files.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces of real ADRs, glued together in any order to reach the reader's
/// corners: front matter, headings, fences, bullets, links, CRLF, BOM.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "---\n",
            "+++\n",
            "...\n",
            "## Status\n",
            "## Status: ",
            "# 1. Title\n",
            "#\n",
            "# ",
            "```\n",
            "```markdown\n",
            "~~~\n",
            "````\n",
            "- Status: ",
            "* Status: ",
            "- Date: ",
            "Date: 2024-02-30\n",
            "status: ",
            "date: ",
            "title: ",
            "tags: [a, b\n",
            "decision-makers:\n  - x\n",
            "Superseded by ",
            "Amends ",
            "supersedes ADR-0045",
            "[x](y.md)",
            "[ADR 9]",
            "[ADR 9]: @ref rest_adr_0009\n",
            "](",
            "[",
            "**",
            "`",
            "> ",
            ">| Status | `RFC` |\n",
            "|",
            "<!-- ",
            "{#adr_0001}",
            "✅ ",
            "⌛\u{fe0f} ",
            "\r\n",
            "\r",
            "\n",
            "\u{feff}",
            "\t",
            "    ",
            ": ",
            ";",
            "%E9%",
            "Accepted",
            "superseded by [ADR-0057](0057-x.md)",
            "## Related\n",
            "- Related ADRs:\n",
            "- Habilita ",
            "- Dépend de la ",
            "Substituído por ",
            "ADR\u{2013}7",
            "ADR\u{2212}",
            " (depends on)",
            ": supersedes",
            "`docs/adr/0003-x.md`",
            "| Related | ADR 51 |\n",
        ])
        .prop_map(str::to_string),
        1 => "[ -~]{0,12}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn adr_ish() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..48).prop_map(|parts| parts.concat())
}

/// Parses and resolves a set of texts as one folder of records.
fn parse_folder(texts: &[String]) -> Vec<Record> {
    let mut records: Vec<Record> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let stem = format!("{:04}-record", i % 3);
            Record::parse(PathBuf::from(format!("d/{stem}.md")), &stem, text)
        })
        .collect();
    adr::log::resolve_links(&mut records);
    records
}

/// What the reader promises about any record it returns.
fn check_invariants(record: &Record) -> Result<(), TestCaseError> {
    if let Some(status) = &record.status {
        prop_assert!(!status.text.is_empty(), "empty status kept: {status:?}");
        prop_assert!(status.line >= 1);
    }
    for link in &record.links {
        prop_assert!(link.line >= 1, "link on line 0: {link:?}");
        prop_assert!(!link.raw.is_empty(), "link without target: {link:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    fn parse_never_panics_on_any_string(text in any::<String>(), stem in any::<String>()) {
        let record = Record::parse(PathBuf::from("d/x.md"), &stem, &text);
        check_invariants(&record)?;
    }

    fn parse_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        let text = String::from_utf8_lossy(&bytes);
        let record = Record::parse(PathBuf::from("d/0001-x.md"), "0001-x", &text);
        check_invariants(&record)?;
        let (decoded, problem) = adr::log::decode(bytes.clone());
        prop_assert_eq!(problem.is_some(), std::str::from_utf8(&bytes).is_err());
        prop_assert_eq!(&decoded, &text);
    }

    fn parse_never_panics_on_adr_like_text(texts in prop::collection::vec(adr_ish(), 1..4)) {
        for record in parse_folder(&texts) {
            check_invariants(&record)?;
        }
    }

    fn parse_ignores_a_leading_bom_and_crlf(text in adr_ish()) {
        let plain = Record::parse(PathBuf::from("d/x.md"), "x", &text);
        let variant = Record::parse(
            PathBuf::from("d/x.md"),
            "x",
            &format!("\u{feff}{}", text.replace("\r\n", "\n").replace('\n', "\r\n")),
        );
        let lf = Record::parse(PathBuf::from("d/x.md"), "x", &text.replace("\r\n", "\n"));
        // Only compare when the text had no lone CR and no BOM of its own,
        // which CRLF conversion would change the meaning of.
        if !text.contains('\r') && !text.contains('\u{feff}') {
            prop_assert_eq!(&variant.status, &lf.status);
            prop_assert_eq!(&variant.title, &lf.title);
            prop_assert_eq!(&variant.date, &lf.date);
            prop_assert_eq!(
                variant.links.iter().map(|l| (&l.kind, &l.raw, l.line)).collect::<Vec<_>>(),
                lf.links.iter().map(|l| (&l.kind, &l.raw, l.line)).collect::<Vec<_>>()
            );
        }
        check_invariants(&plain)?;
    }

    fn slugify_is_idempotent_and_well_formed(title in any::<String>()) {
        check_slug(&title)?;
    }

    fn slugify_is_idempotent_on_titles(title in "[\\PC]{0,60}") {
        check_slug(&title)?;
    }

    fn adr_tools_status_reads_back(
        number in 1u32..10000,
        title in "[A-Za-z][A-Za-z0-9 ,'()-]{0,39}",
        status in status_text(),
        year in 1970i32..2100,
        month in 1u32..=12,
        day in 1u32..=28,
    ) {
        let title = title.trim_end().to_string();
        let date = format!("{year:04}-{month:02}-{day:02}");
        let text = format!(
            "# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n## Context\n\nThe issue.\n\n## Decision\n\nThe change.\n\n## Consequences\n\nWhat follows.\n"
        );
        let stem = format!("{number:04}-{}", slugify(&title));
        let record = Record::parse(PathBuf::from(format!("doc/adr/{stem}.md")), &stem, &text);
        let read = record.status.as_ref();
        prop_assert_eq!(read.map(|s| s.text.as_str()), Some(status.as_str()), "{}", text);
        prop_assert_eq!(read.map(|s| s.line), Some(7));
        prop_assert_eq!(read.map(|s| s.kind.clone()), Some(normalise(&status)));
        prop_assert_eq!(record.number, Some(number));
        prop_assert_eq!(record.title.as_deref(), Some(title.as_str()));
        prop_assert_eq!(record.date.map(|d| d.format("%Y-%m-%d").to_string()), Some(date));
        prop_assert_eq!(record.format, adr::record::Format::Nygard);
        prop_assert!(record.problems.is_empty(), "{:?}", record.problems);
        if status.contains("](") {
            prop_assert_eq!(read.map(|s| &s.kind), Some(&StatusKind::Superseded));
            prop_assert_eq!(record.links.len(), 1, "{:?}", record.links);
            prop_assert_eq!(record.links[0].line, 7);
        }
    }
}

fn check_slug(title: &str) -> Result<(), TestCaseError> {
    let slug = slugify(title);
    prop_assert_eq!(&slugify(&slug), &slug, "not idempotent for {:?}", title);
    prop_assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
    prop_assert!(!slug.contains("--"), "{slug:?}");
    Ok(())
}

/// A status as adr-tools or a person writes it under `## Status`.
fn status_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Accepted",
        "accepted",
        "ACCEPTED",
        "Proposed",
        "Rejected",
        "Deprecated",
        "Superseded",
        "Draft",
        "Pending",
        "On hold",
        "In review",
    ]);
    prop_oneof![
        word.prop_map(str::to_string),
        "[A-Za-z][a-z]{0,10}( [a-z]{1,8}){0,2}",
        (
            prop::sample::select(vec!["Superseded by", "Superceded by"]),
            1u32..100,
            "[A-Za-z][a-z]{0,8}",
        )
            .prop_map(|(verb, n, word)| format!(
                "{verb} [{n}. {word}]({n:04}-{}.md)",
                word.to_lowercase()
            )),
    ]
}

// ---------------------------------------------------------------------
// Edits read back: a status, a link or a supersede written by
// `adr::record::edit` is what the reader then finds, in every layout.

fn edit_config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        ..config()
    }
}

/// The layouts `adr` edits.
#[derive(Debug, Clone, Copy)]
enum Layout {
    AdrTools,
    Madr,
    Log4brains,
}

/// A title as people type them.
fn title() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,'()-]{0,39}"
        .prop_map(|t| t.trim_end().to_string())
        // `n) A`, `NN A`, `DR0 A`: an unfilled number or an id before the
        // title, which the reader leaves out by design; people do not name
        // a decision so.
        .prop_filter("a number is not a title", |t| {
            let word = t.split([' ', ')']).next().unwrap_or("").to_ascii_lowercase();
            let id = ["adr", "dr", "nr"]
                .iter()
                .find_map(|p| word.strip_prefix(p))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            !id && !word.bytes().all(|b| matches!(b, b'n' | b'x' | b'0'))
        })
}

/// Lines a record's body may hold, including some that look like status
/// places but are not (inside fences, in prose).
fn extra_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z][A-Za-z0-9 ,.;()'-]{0,60}",
        1 => Just(String::new()),
        1 => "[A-Za-z][a-z ]{0,20}".prop_map(|w| format!("- {w}")),
        1 => "[A-Za-z][a-z ]{0,20}".prop_map(|w| format!("> {w}")),
        1 => "[A-Za-z][a-z]{0,12}".prop_map(|w| format!("### {w}")),
        1 => Just("```\n## Status\n\nDraft\n\n- Status: draft\nstatus: draft\n```".to_string()),
        1 => Just("The status: nobody knows.".to_string()),
        1 => Just("See [the other one](0099-other.md) for more.".to_string()),
    ]
}

fn extra_lines() -> impl Strategy<Value = String> {
    prop::collection::vec(extra_line(), 0..6).prop_map(|lines| lines.join("\n"))
}

/// A status the record starts with, as its layout writes it.
fn initial_status() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "draft",
        "in review",
    ])
    .prop_map(str::to_string)
}

/// A generated record: its file stem, text and title.
#[derive(Debug, Clone)]
struct Generated {
    stem: String,
    text: String,
    title: String,
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn generated_record() -> impl Strategy<Value = Generated> {
    (
        prop::sample::select(vec![Layout::AdrTools, Layout::Madr, Layout::Log4brains]),
        1u32..10000,
        title(),
        initial_status(),
        extra_lines(),
        extra_lines(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(layout, number, title, status, before, after, with_relation, crlf)| {
                let stem = format!("{number:04}-{}", slugify(&title));
                let relation = if with_relation {
                    "Amends [7. Something](0007-something.md)\n\n"
                } else {
                    ""
                };
                let text = match layout {
                    Layout::AdrTools => format!(
                        "# {number}. {title}\n\nDate: 1992-01-12\n\n## Status\n\n{}\n\n{relation}## Context\n\n{before}\n\n## Decision\n\n{after}\n\n## Consequences\n\nWhat follows.\n",
                        capitalised(&status)
                    ),
                    Layout::Madr => format!(
                        "---\nstatus: {status}\ndate: 2024-05-01\ndecision-makers:\n  - Ada\n---\n\n# {title}\n\n## Context and Problem Statement\n\n{before}\n\n## Decision Outcome\n\n{after}\n"
                    ),
                    Layout::Log4brains => format!(
                        "# {title}\n\n- Status: {status} <!-- optional -->\n- Date: 2020-01-01\n- Tags: a, b\n\n## Context and Problem Statement\n\n{before}\n\n## Decision Outcome\n\n{after}\n"
                    ),
                };
                let text = if crlf { text.replace('\n', "\r\n") } else { text };
                Generated { stem, text, title }
            },
        )
}

fn parse_generated(record: &Generated, text: &str) -> Record {
    Record::parse(
        PathBuf::from(format!("doc/adr/{}.md", record.stem)),
        &record.stem,
        text,
    )
}

/// A relation verb `adr link` writes.
fn verb() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "Amends",
        "Amended by",
        "Extends",
        "Extended by",
        "Clarifies",
        "Clarified by",
        "Relates to",
        "Supersedes",
        "Depends on",
    ])
}

/// A link target as `adr` writes it: a record file beside this one.
fn target() -> impl Strategy<Value = String> {
    (1u32..10000, "[a-z][a-z0-9]{0,8}(-[a-z0-9]{1,8}){0,3}")
        .prop_map(|(n, slug)| format!("{n:04}-{slug}.md"))
}

proptest! {
    #![proptest_config(edit_config())]

    fn set_status_reads_back(
        record in generated_record(),
        word in prop::sample::select(vec!["proposed", "accepted", "rejected", "deprecated"]),
    ) {
        let section = capitalised(word);
        let edited = adr::record::edit::set_status(
            &record.text,
            adr::record::edit::StatusWord { section: &section, value: word },
        );
        let before = parse_generated(&record, &record.text);
        let after = parse_generated(&record, &edited);
        prop_assert_eq!(
            after.status.as_ref().map(|s| s.kind.clone()),
            Some(StatusKind::parse(word)),
            "status {:?} written as:\n{}", word, edited
        );
        prop_assert_eq!(&after.title, &before.title);
        prop_assert_eq!(after.title.as_deref(), Some(record.title.as_str()));
        prop_assert_eq!(after.format, before.format);
        prop_assert_eq!(links_of(&after), links_of(&before), "{}", edited);
        prop_assert!(after.problems.is_empty(), "{:?}\n{}", after.problems, edited);
        prop_assert_eq!(edited.contains("\r\n"), record.text.contains("\r\n"));
    }

    fn add_link_reads_back(
        record in generated_record(),
        verb in verb(),
        text in title(),
        target in target(),
    ) {
        let edited = adr::record::edit::add_link(
            &record.text,
            &adr::record::edit::NewLink { verb, text: &text, target: &target },
        );
        let before = parse_generated(&record, &record.text);
        let after = parse_generated(&record, &edited);
        prop_assert!(
            after.links.iter().any(|l| {
                l.kind.eq_ignore_ascii_case(verb)
                    && l.raw == target
                    && l.text.as_deref() == Some(text.as_str())
            }),
            "`{} {}` not read back from:\n{}\nlinks: {:?}", verb, target, edited, links_of(&after)
        );
        prop_assert_eq!(after.links.len(), before.links.len() + 1, "{}", edited);
        prop_assert_eq!(&after.title, &before.title);
        prop_assert_eq!(
            after.status.as_ref().map(|s| s.kind.clone()),
            before.status.as_ref().map(|s| s.kind.clone()),
            "{}", edited
        );
    }

    fn mark_superseded_reads_back(
        record in generated_record(),
        text in title(),
        target in target(),
    ) {
        let edited = adr::record::edit::mark_superseded(
            &record.text,
            &adr::record::edit::NewLink { verb: "Superseded by", text: &text, target: &target },
        );
        let before = parse_generated(&record, &record.text);
        let after = parse_generated(&record, &edited);
        prop_assert_eq!(
            after.status.as_ref().map(|s| s.kind.clone()),
            Some(StatusKind::Superseded),
            "{}", edited
        );
        prop_assert!(
            after
                .links
                .iter()
                .any(|l| l.kind.eq_ignore_ascii_case("Superseded by") && l.raw == target),
            "{}\nlinks: {:?}", edited, links_of(&after)
        );
        prop_assert_eq!(&after.title, &before.title);
        prop_assert!(after.problems.is_empty(), "{:?}\n{}", after.problems, edited);
    }
}

fn links_of(record: &Record) -> Vec<(String, String)> {
    record
        .links
        .iter()
        .map(|l| (l.kind.clone(), l.raw.clone()))
        .collect()
}

/// The fuzzer's corpus of interesting inputs (`fuzz/corpus/reader`, kept
/// for regression) replays through the reader and the renderer.
fn fuzz_corpus_replays() {
    struct KeepLinks;
    impl adr::site::render::LinkPolicy for KeepLinks {
        fn link(&mut self, _: &str) -> adr::site::render::Destination {
            adr::site::render::Destination::Keep
        }
        fn image(&mut self, _: &str) -> adr::site::render::Destination {
            adr::site::render::Destination::Drop
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/reader");
    let entries = std::fs::read_dir(&dir).expect("the fuzz corpus is in the repository");
    let mut replayed = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("corpus file");
        let text = String::from_utf8_lossy(&bytes);
        let mut records = vec![adr::record::Record::parse(
            "doc/adr/0001-fuzz.md".into(),
            "0001-fuzz",
            &text,
        )];
        adr::log::resolve_links(&mut records);
        let html = adr::site::render::render(
            &text,
            &mut KeepLinks,
            adr::site::render::RenderOptions::default(),
        )
        .html;
        assert!(
            !html.to_ascii_lowercase().contains("<script"),
            "{}",
            entry.path().display()
        );
        replayed += 1;
    }
    assert!(replayed > 100, "replayed {replayed} inputs");
}

/// The `edit` fuzz target's corpus (`fuzz/corpus/edit`) replays through
/// every edit, and each edited text still reads.
fn edit_fuzz_corpus_replays() {
    use adr::record::edit::{self, NewLink, StatusWord};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/edit");
    let entries = std::fs::read_dir(&dir).expect("the fuzz corpus is in the repository");
    let link = NewLink {
        verb: "Amends",
        text: "2. Other",
        target: "0002-other.md",
    };
    let mut replayed = 0;
    for entry in entries.flatten() {
        let bytes = std::fs::read(entry.path()).expect("corpus file");
        let text = String::from_utf8_lossy(&bytes);
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
        let _ = adr::record::Record::parse("doc/adr/0001-fuzz.md".into(), "0001-fuzz", &changed);
        replayed += 1;
    }
    assert!(replayed > 10, "replayed {replayed} inputs");
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(parse_never_panics_on_any_string),
        test!(parse_never_panics_on_any_bytes),
        test!(parse_never_panics_on_adr_like_text),
        test!(parse_ignores_a_leading_bom_and_crlf),
        test!(slugify_is_idempotent_and_well_formed),
        test!(slugify_is_idempotent_on_titles),
        test!(adr_tools_status_reads_back),
        test!(set_status_reads_back),
        test!(add_link_reads_back),
        test!(mark_superseded_reads_back),
        test!(fuzz_corpus_replays),
        test!(edit_fuzz_corpus_replays),
    ]
}
