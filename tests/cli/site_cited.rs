//! "Cited by" on the site's record pages: the project's files that cite a
//! record, linked to the forge's line, the record in force named for a
//! retired one; ignored files, the ADR folder and other exports left out.

use crate::export_html::{export, select, select_within};
use crate::support::Sandbox;

/// Records 1–3, 3 superseding 2; a source file citing 2 and 3, a README
/// linking to 3's file, an ignored file and an older export citing 2.
fn cited_project() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.adr(&["new", "Use MySQL"]).ok();
    sandbox.adr(&["new", "-s", "2", "Use PostgreSQL"]).ok();
    sandbox.write(
        "src/db.rs",
        "// Connection pooling as ADR-0002 says.\nfn pool() {}\n// See ADR-0003.\n",
    );
    sandbox.write(
        "README.md",
        "# Project\n\nThe database: [decision](doc/adr/0003-use-postgresql.md).\n",
    );
    sandbox.write(".gitignore", "ignored/\n");
    sandbox.write("ignored/notes.md", "ADR-0002 again.\n");
    sandbox
}

fn page(sandbox: &Sandbox, out: &str, record: &str) -> String {
    sandbox.read(&format!("{out}/{record}"))
}

fn record_pages_list_the_files_citing_them() {
    let sandbox = cited_project();
    // `.gitignore` counts outside git repositories too (ripgrep's walk).
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let retired = page(&sandbox, "site", "0002-use-mysql.html");
    let places: Vec<String> = select_within(&retired, "section.cited-by", "li code")
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(places, ["src/db.rs:1"], "{retired}");
    // Without a forge, plain repository-relative places, no builder path.
    assert!(select_within(&retired, "section.cited-by", "li a").is_empty());
    assert!(!retired.contains(&sandbox.root().display().to_string()));
    // A retired record's citations name the record in force.
    let note = select(&retired, "section.cited-by p.note");
    assert_eq!(note.len(), 1, "{retired}");
    assert!(note[0].text.contains("retired"), "{}", note[0].text);
    let in_force = select_within(&retired, "section.cited-by p.note", "a");
    assert_eq!(in_force.len(), 1);
    assert_eq!(in_force[0].attr("href"), Some("0003-use-postgresql.html"));
    let current = page(&sandbox, "site", "0003-use-postgresql.html");
    let places: Vec<String> = select_within(&current, "section.cited-by", "li code")
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(places, ["README.md:3", "src/db.rs:3"], "{current}");
    assert!(select(&current, "section.cited-by p.note").is_empty());
    // Uncited records have no section.
    let first = page(&sandbox, "site", "0001-record-architecture-decisions.html");
    assert!(select(&first, "section.cited-by").is_empty(), "{first}");
    // A second export is not cited by the first one's pages.
    let run = export(&sandbox, "again", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        page(&sandbox, "again", "0002-use-mysql.html"),
        retired,
        "the first export's pages cite nothing"
    );
}

fn cited_by_links_to_the_forge_line_and_can_be_turned_off() {
    let sandbox = cited_project();
    sandbox.write(
        ".adr.toml",
        "[site]\nrepo_url = \"https://github.com/o/r\"\nbranch = \"trunk\"\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let retired = page(&sandbox, "site", "0002-use-mysql.html");
    let links = select_within(&retired, "section.cited-by", "li a");
    assert_eq!(links.len(), 1, "{retired}");
    assert_eq!(
        links[0].attr("href"),
        Some("https://github.com/o/r/blob/trunk/src/db.rs#L1")
    );
    sandbox.write(
        ".adr.toml",
        "[site]\nrepo_url = \"https://github.com/o/r\"\ncited_by = false\n",
    );
    let run = export(&sandbox, "site", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let retired = page(&sandbox, "site", "0002-use-mysql.html");
    assert!(select(&retired, "section.cited-by").is_empty(), "{retired}");
    assert!(retired.contains("This decision is superseded"));
}

pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(record_pages_list_the_files_citing_them),
        test!(cited_by_links_to_the_forge_line_and_can_be_turned_off),
    ]
}
