//! The record cache: an optimisation that must never show a stale record,
//! a torn file or a planted one.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::Sandbox;

/// A file's times must be this much in the past to be trusted by the
/// cache (its racy margin is two seconds).
const SETTLE: Duration = Duration::from_millis(2300);

fn record(n: u32, title: &str) -> String {
    format!("# {n}. {title}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n")
}

fn set_mtime(path: &Path, when: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(when)
        .expect("set mtime");
}

/// `list` reads only names; this reads every record, through the cache.
const JSON: &[&str] = &["list", "--format", "json"];

/// A log in a project without git whose `.adr` state folder exists.
fn project(records: u32) -> Sandbox {
    let sb = Sandbox::new();
    fs::create_dir(sb.root().join(".adr")).expect("mkdir .adr");
    for n in 1..=records {
        sb.write(
            &format!("doc/adr/{n:04}-record-{n}.md"),
            &record(n, &format!("Record {n}")),
        );
    }
    sb
}

fn an_edit_keeping_size_and_mtime_is_seen() {
    let sb = project(3);
    let file = sb.root().join("doc/adr/0002-record-2.md");
    let second = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    fs::write(&file, record(2, "Use Alpha")).expect("write");
    set_mtime(&file, second);
    std::thread::sleep(SETTLE);
    assert!(sb.adr(JSON).ok().contains("Use Alpha"));
    let cache = sb.root().join(".adr/adr-records.cache");
    assert!(cache.is_file(), "the cache is written");
    // A hit: nothing changed, nothing is written again.
    let before = fs::metadata(&cache).expect("cache").modified().expect("mtime");
    assert!(sb.adr(JSON).ok().contains("Use Alpha"));
    assert_eq!(
        fs::metadata(&cache).expect("cache").modified().expect("mtime"),
        before,
        "a warm run rewrote the cache"
    );
    // Same size, same inode, the very same mtime: only the ctime moves.
    fs::write(&file, record(2, "Use Gamma")).expect("write");
    set_mtime(&file, second);
    let listed = sb.adr(JSON).ok().to_string();
    assert!(listed.contains("Use Gamma"), "{listed}");
    assert!(!listed.contains("Use Alpha"), "{listed}");
    assert!(sb.adr(&["show", "2"]).ok().contains("Use Gamma"));
    let json = sb.adr(&["list", "--format", "json"]).ok().to_string();
    assert!(json.contains("Use Gamma"), "{json}");
}

fn a_warm_check_finds_what_a_cold_one_does() {
    let sb = project(2);
    sb.write(
        "doc/adr/0003-todo.md",
        "# 3. Todo\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n{ADR-NUMBER} and [gone](0009-gone.md).\n",
    );
    std::thread::sleep(SETTLE);
    let cold = sb.adr(&["check"]);
    let cold_out = format!("{}{}", cold.stdout, cold.stderr);
    assert!(cold_out.contains("template-text"), "{cold_out}");
    assert!(cold_out.contains("broken-link"), "{cold_out}");
    let warm = sb.adr(&["check"]);
    assert_eq!(format!("{}{}", warm.stdout, warm.stderr), cold_out);
    assert_eq!(warm.code, cold.code);
}

fn a_planted_or_garbled_cache_is_ignored_and_replaced() {
    let sb = project(3);
    std::thread::sleep(SETTLE);
    let expected = sb.adr(JSON).ok().to_string();
    let cache = sb.root().join(".adr/adr-records.cache");
    let good = fs::read(&cache).expect("cache");
    let mut garbled = good.clone();
    let middle = garbled.len() / 2;
    garbled[middle] ^= 0xff;
    let plants: [&[u8]; 4] = [
        b"ADRCACHE\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
        &garbled,
        &good[..good.len() - 3],
        b"",
    ];
    for plant in plants {
        fs::write(&cache, plant).expect("plant");
        assert_eq!(sb.adr(JSON).ok(), expected);
        let rewritten = fs::read(&cache).expect("cache");
        assert!(rewritten.starts_with(b"ADRCACHE"), "rewritten");
        assert_eq!(rewritten.len(), good.len(), "rewritten whole");
    }
    // A cache that is a folder, or a symlink out of the state folder.
    fs::remove_file(&cache).expect("rm");
    fs::create_dir(&cache).expect("mkdir");
    assert_eq!(sb.adr(JSON).ok(), expected);
    fs::remove_dir(&cache).expect("rmdir");
    #[cfg(unix)]
    {
        let outside = sb.root().join("outside.cache");
        fs::write(&outside, &good).expect("write");
        std::os::unix::fs::symlink(&outside, &cache).expect("symlink");
        assert_eq!(sb.adr(JSON).ok(), expected);
        assert_eq!(fs::read(&outside).expect("outside"), good, "written through");
    }
}

fn without_a_state_folder_a_read_writes_nothing() {
    let sb = project(2);
    fs::remove_dir(sb.root().join(".adr")).expect("rmdir");
    let before = sb.tree();
    sb.adr(JSON).ok();
    sb.adr(&["check"]);
    assert_eq!(sb.tree(), before);
}

fn concurrent_readers_and_writers_never_see_a_torn_cache() {
    let sb = project(30);
    std::thread::sleep(SETTLE);
    sb.adr(JSON).ok();
    std::thread::scope(|scope| {
        let readers: Vec<_> = (0..3)
            .map(|_| {
                scope.spawn(|| {
                    for _ in 0..8 {
                        let out = sb.command(JSON).output().expect("run");
                        assert!(out.status.success(), "{out:?}");
                        assert!(out.stderr.is_empty(), "{out:?}");
                        let listed = String::from_utf8_lossy(&out.stdout);
                        for n in 1..=30 {
                            assert!(listed.contains(&format!("{n:04}-record-{n}.md")), "{listed}");
                        }
                    }
                })
            })
            .collect();
        for i in 0..6 {
            sb.adr(&["new", &format!("Added {i}")]).ok();
        }
        for reader in readers {
            reader.join().expect("reader");
        }
    });
    let listed = sb.adr(&["list"]).ok().to_string();
    assert_eq!(listed.lines().count(), 36, "{listed}");
    let json = sb.adr(JSON).ok().to_string();
    assert_eq!(sb.adr(JSON).ok(), json);
    assert!(json.contains("added-5"), "{json}");
}

/// Records whose links resolve in every way the reader knows: by path,
/// by number, by a renamed record's slug, a reference definition, a web
/// address of a record, prose that names a record and prose that names
/// none (dropped), a status link to a missing file (kept unresolved).
const LINKED: &[(&str, &str)] = &[
    ("doc/adr/0001-use-a.md", "# 1. Use A\n\nDate: 2024-01-01\n\n## Status\n\nSuperseded by [2. Use B](0002-use-b.md)\n"),
    ("doc/adr/0002-use-b.md", "# 2. Use B\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nSupersedes [1. Use A](0001-use-a.md)\n\nAmends [ADR 3][three]\n\n[three]: ./0003-keep-c.md\n"),
    ("doc/adr/0003-keep-c.md", "# 3. Keep C\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\nRelates to [gone](0009-gone.md)\n\n## Context\n\nThis decision refines ADR 2. It supersedes ADR 77.\n\nSee https://example.com/repo/blob/main/doc/adr/0001-use-a.md\n"),
    ("doc/adr/sub/0004-moved.md", "# 4. Moved\n\nDate: 2024-01-04\n\n## Status\n\nAccepted\n\nExtends [3](../0003-keep-c.md)\n\nAmends [old](0002-use-b-renamed.md)\n"),
];

/// What a warm run (the links' resolution taken from the cache) shows is
/// what a cold one does, from the top and from inside the log, and a
/// change to the set of files resolves again.
fn links_resolve_the_same_from_the_cache_from_any_folder() {
    let mut sb = project(0);
    for (path, text) in LINKED {
        sb.write(path, text);
    }
    std::thread::sleep(SETTLE);
    let cache = sb.root().join(".adr/adr-records.cache");
    let commands: [&[&str]; 3] = [JSON, &["graph", "--format", "json"], &["show", "3"]];
    let runs = |sb: &Sandbox| -> Vec<String> {
        commands.iter().map(|c| sb.adr(c).ok().to_string()).collect()
    };
    for folder in ["", "doc/adr/sub"] {
        if !folder.is_empty() {
            sb.cd(folder);
        }
        let _ = fs::remove_file(&cache);
        let cold = runs(&sb);
        assert!(cold[1].contains("0002-use-b.md"), "{}", cold[1]);
        let written = fs::read(&cache).expect("cache");
        assert_eq!(runs(&sb), cold, "warm from {folder:?}");
        assert_eq!(fs::read(&cache).expect("cache"), written, "a warm run rewrote it");
    }
    // A new record that an unresolved link names: resolved now.
    sb.write("doc/adr/0009-gone.md", &record(9, "Back"));
    let listed = sb.adr(JSON).ok().to_string();
    let fresh = {
        let _ = fs::remove_file(&cache);
        sb.adr(JSON).ok().to_string()
    };
    assert_eq!(listed, fresh);
    // The raw target is `0009-gone.md`; only a resolved one has a folder.
    assert!(listed.contains("/0009-gone.md\""), "{listed}");
    // A record gone: its links no longer resolve to it.
    std::thread::sleep(SETTLE);
    sb.adr(JSON).ok();
    fs::remove_file(sb.root().join("doc/adr/0002-use-b.md")).expect("rm");
    let listed = sb.adr(JSON).ok().to_string();
    let _ = fs::remove_file(&cache);
    assert_eq!(listed, sb.adr(JSON).ok().to_string());
    // One record edited: its links are resolved again, the others' kept;
    // then a record whose number changes, which others' links may name.
    let edits = [
        (
            "doc/adr/0003-keep-c.md",
            "# 3. Keep C\n\nDate: 2024-01-03\n\n## Status\n\nAccepted\n\nAmends [one](0001-use-a.md)\n\nRelates to [back](0009-gone.md)\n",
        ),
        (
            "doc/adr/0009-gone.md",
            "# 1. Back\n\nDate: 2024-01-09\n\n## Status\n\nAccepted\n",
        ),
        (
            "doc/adr/sub/0004-moved.md",
            "# 4. Moved\n\nDate: 2024-01-04\n\n## Status\n\nAccepted\n\nExtends [ADR 1](../0001-use-a.md)\n\nThis refines ADR 1.\n",
        ),
    ];
    for (path, text) in edits {
        std::thread::sleep(SETTLE);
        sb.adr(JSON).ok();
        sb.write(path, text);
        let warm: Vec<String> = runs(&sb);
        let _ = fs::remove_file(&cache);
        assert_eq!(warm, runs(&sb), "after editing {path}");
    }
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(an_edit_keeping_size_and_mtime_is_seen),
        test!(a_warm_check_finds_what_a_cold_one_does),
        test!(a_planted_or_garbled_cache_is_ignored_and_replaced),
        test!(without_a_state_folder_a_read_writes_nothing),
        test!(concurrent_readers_and_writers_never_see_a_torn_cache),
        test!(links_resolve_the_same_from_the_cache_from_any_folder),
    ]
}
