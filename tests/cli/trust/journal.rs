//! The intent journal as a crash leaves it: the next command of any kind
//! finishes a committed change or undoes a failed one, `adr check` says
//! so, and a journal of any bytes (edited by hand, planted, garbled) never
//! makes recovery panic or write outside the log's folders.

use std::fs;
use std::path::{Path, PathBuf};

use adr::change::journal::{self, Kind, Plan, State, Step};
use proptest::prelude::*;

use super::sweep;
use crate::support::Sandbox;

const ONE: &str = "doc/adr/0001-one.md";
const TWO: &str = "doc/adr/0002-two.md";

fn nygard(n: u32, title: &str, extra: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n{extra}\n## Context\n\nWhy.\n"
    )
}

fn two_records() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(ONE, &nygard(1, "One", ""));
    sandbox.write(TWO, &nygard(2, "Two", ""));
    sandbox
}

fn update(path: &str, old: &str, new: &str) -> Step {
    Step {
        kind: Kind::Update,
        path: PathBuf::from(path),
        mode: 0o644,
        old: Some(old.as_bytes().to_vec()),
        new: Some(new.as_bytes().to_vec()),
    }
}

/// A link of 2 to 1, as `adr link 2 Amends 1` writes it, half done: 2 is
/// already written, 1 is not.
fn half_link(sandbox: &Sandbox, state: State) -> (String, String) {
    let one_new = nygard(1, "One", "\nAmended by [2. Two](0002-two.md)\n");
    let two_new = nygard(2, "Two", "\nAmends [1. One](0001-one.md)\n");
    let root = sandbox.root().canonicalize().expect("canonical");
    let plan = Plan {
        origin: journal::origin(&root),
        logs: vec![PathBuf::from("doc/adr")],
        steps: vec![
            update(ONE, &nygard(1, "One", ""), &one_new),
            update(TWO, &nygard(2, "Two", ""), &two_new),
        ],
    };
    sandbox.write(TWO, &two_new);
    let journal = journal::path(&root);
    fs::create_dir_all(journal.parent().expect("state folder")).expect("mkdir");
    fs::write(&journal, plan.encode(state)).expect("write the journal");
    (one_new, two_new)
}

fn a_read_finishes_a_committed_change() {
    for command in [
        &["list"][..],
        &["show", "1"],
        &["search", "Why"],
        &["config"],
    ] {
        let sandbox = two_records();
        let (one_new, two_new) = half_link(&sandbox, State::Committed);
        let run = sandbox.adr(command);
        assert!(
            run.stderr.contains("finished an interrupted change"),
            "{command:?}: {}",
            run.stderr
        );
        assert_eq!(sandbox.read(ONE), one_new, "{command:?}");
        assert_eq!(sandbox.read(TWO), two_new, "{command:?}");
        assert_eq!(sweep::state_left(sandbox.root()), Vec::<String>::new());
        assert!(
            !sandbox.exists(".adr"),
            "the state folder is gone once empty"
        );
    }
}

fn a_failed_change_is_undone() {
    let sandbox = two_records();
    half_link(&sandbox, State::Aborted);
    let run = sandbox.adr(&["new", "Three"]);
    run.ok();
    assert!(run.stderr.contains("undid a change"), "{}", run.stderr);
    assert_eq!(sandbox.read(ONE), nygard(1, "One", ""));
    assert_eq!(sandbox.read(TWO), nygard(2, "Two", ""));
}

fn check_reports_an_interrupted_change() {
    let sandbox = two_records();
    half_link(&sandbox, State::Committed);
    let run = sandbox.adr(&["check"]);
    assert!(
        run.stderr.contains("finished an interrupted change"),
        "{}",
        run.stderr
    );
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
}

fn a_journal_in_the_git_folder_is_found() {
    let sandbox = two_records();
    let status = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(sandbox.root())
        .status()
        .expect("git init");
    assert!(status.success());
    let (one_new, _) = half_link(&sandbox, State::Committed);
    assert!(sandbox.exists(".git/adr-journal"));
    sandbox.adr(&["list"]).ok();
    assert_eq!(sandbox.read(ONE), one_new);
    assert!(!sandbox.exists(".git/adr-journal"));
}

fn a_file_changed_since_is_left_and_reported() {
    let sandbox = two_records();
    half_link(&sandbox, State::Committed);
    sandbox.write(ONE, "# 1. Edited by hand meanwhile\n");
    let run = sandbox.adr(&["list"]);
    assert!(run.stderr.contains("changed since"), "{}", run.stderr);
    assert_eq!(sandbox.read(ONE), "# 1. Edited by hand meanwhile\n");
}

fn a_garbled_journal_is_set_aside_and_nothing_changes() {
    let sandbox = two_records();
    let (_, two_new) = half_link(&sandbox, State::Committed);
    let journal = journal::path(&sandbox.root().canonicalize().expect("canonical"));
    let mut bytes = fs::read(&journal).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    fs::write(&journal, bytes).expect("write");
    let run = sandbox.adr(&["list"]);
    run.ok();
    assert!(run.stderr.contains("checksum"), "{}", run.stderr);
    assert_eq!(sandbox.read(ONE), nygard(1, "One", ""));
    assert_eq!(sandbox.read(TWO), two_new);
}

/// Recovery killed at each of its file-system calls, then run again: the
/// log ends entirely as after (a committed change) or entirely as before
/// (a failed one), and no journal is left.
fn recovery_killed_at_any_point_still_ends_whole() {
    let trees = |sandbox: &Sandbox| -> sweep::Tree {
        sweep::snapshot(sandbox.root())
            .into_iter()
            .filter(|(k, _)| !k.starts_with(".adr") && !k.starts_with(".home"))
            .collect()
    };
    let (mut points, mut half) = (0, Vec::new());
    for state in [State::Committed, State::Aborted] {
        let expected = {
            let sandbox = two_records();
            half_link(&sandbox, state);
            sandbox.adr(&["list"]).ok();
            trees(&sandbox)
        };
        for call in sweep::CALLS.split(',') {
            for n in 1.. {
                let sandbox = two_records();
                half_link(&sandbox, state);
                let (_, killed, _) = sweep::run_injected(
                    &sandbox,
                    &["list"],
                    call,
                    &format!("signal=SIGKILL:when={n}"),
                );
                if !killed {
                    break;
                }
                points += 1;
                let (code, stderr) = sweep::run_plain(&sandbox, &["list"]);
                let left = sweep::state_left(sandbox.root());
                if code != 0 || trees(&sandbox) != expected || !left.is_empty() {
                    half.push(format!(
                        "{state:?}, killed at {call} #{n}: exit {code} {stderr}; differs in {:?}; left {left:?}",
                        sweep::differences(&trees(&sandbox), &expected)
                    ));
                }
                assert!(n < 2000, "the sweep did not end");
            }
        }
    }
    eprintln!(
        "recovery sweep: {points} kill points, {} half-done",
        half.len()
    );
    assert!(points > 10, "the recovery made too few calls to sweep");
    assert!(half.is_empty(), "{}", half.join("\n"));
}

// ---------------------------------------------------------------------
// Any journal bytes

/// A project with a log, a sibling folder outside it holding a file, and
/// a symlinked folder and record leading there.
struct Planted {
    tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Planted {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let base = tmp.path().canonicalize().expect("canonical");
        let root = base.join("project");
        fs::create_dir_all(root.join("doc/adr/sub")).expect("mkdir");
        fs::create_dir_all(base.join("outside")).expect("mkdir");
        fs::write(root.join(ONE), "one").expect("write");
        fs::write(root.join(TWO), "two").expect("write");
        fs::write(base.join("outside/0009-x.md"), "outside").expect("write");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("outside"), root.join("doc/adr/out"))
                .expect("symlink");
            std::os::unix::fs::symlink(
                base.join("outside/0009-x.md"),
                root.join("doc/adr/0009-x.md"),
            )
            .expect("symlink");
        }
        Self { tmp, root }
    }

    /// Recovers `bytes` as the journal; returns what changed outside the
    /// project, and what changed inside that a journal may not touch.
    fn replay(&self, bytes: &[u8]) -> (Vec<String>, Vec<String>, bool) {
        let base = self.tmp.path().canonicalize().expect("canonical");
        let outside_before = sweep::snapshot(&base.join("outside"));
        let siblings_before = names(&base);
        let inside_before = sweep::snapshot(&self.root);
        let journal = journal::path(&self.root);
        fs::create_dir_all(journal.parent().expect("state")).expect("mkdir");
        fs::write(&journal, bytes).expect("write the journal");
        let recovered = journal::recover(&self.root, &[self.root.join("doc/adr")]).is_ok();
        let mut outside =
            sweep::differences(&outside_before, &sweep::snapshot(&base.join("outside")));
        if names(&base) != siblings_before {
            outside.push(format!("{:?}", names(&base)));
        }
        let inside_after = sweep::snapshot(&self.root);
        let forbidden = sweep::differences(&inside_before, &inside_after)
            .into_iter()
            .filter(|p| {
                let in_log = p.starts_with("doc/adr/")
                    && (p.to_ascii_lowercase().ends_with(".md")
                        // A folder a journal made, for its files.
                        || inside_after.get(p.as_str()) == Some(&sweep::Entry::Folder));
                !(in_log || p.ends_with(".adr-dir"))
            })
            .collect();
        (outside, forbidden, recovered)
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Paths a hostile journal would name: inside, outside, through symlinks.
fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(ONE.to_string()),
        Just(TWO.to_string()),
        Just("doc/adr/0003-new.md".to_string()),
        Just("doc/adr/sub/0004-deeper.md".to_string()),
        Just("doc/adr/new-folder/0005-x.md".to_string()),
        Just("doc/adr/new-folder".to_string()),
        Just("doc/adr/out/0009-x.md".to_string()),
        Just("doc/adr/out/0010-new.md".to_string()),
        Just("doc/adr/0009-x.md".to_string()),
        Just("../outside/0009-x.md".to_string()),
        Just("/etc/passwd.md".to_string()),
        Just(".git/hooks/pre-commit.md".to_string()),
        Just(".adr/adr-journal".to_string()),
        Just("doc/adr/script.sh".to_string()),
        Just(".adr-dir".to_string()),
        Just("README.md".to_string()),
        Just("doc/other.md".to_string()),
        Just("doc/../../outside/0009-x.md".to_string()),
        "[a-z/.]{0,20}",
    ]
}

fn content() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop_oneof![
        Just(None),
        Just(Some(b"one".to_vec())),
        Just(Some(b"two".to_vec())),
        Just(Some(b"outside".to_vec())),
        prop::collection::vec(any::<u8>(), 0..16).prop_map(Some),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    (0u8..4, path(), any::<u32>(), content(), content()).prop_map(|(k, path, mode, old, new)| {
        Step {
            kind: [Kind::Folder, Kind::Create, Kind::Update, Kind::Remove][usize::from(k)],
            path: PathBuf::from(path),
            mode,
            old,
            new,
        }
    })
}

/// The log folders a journal says it writes in, hostile ones included.
fn logs() -> impl Strategy<Value = Vec<PathBuf>> {
    prop::collection::vec(
        prop_oneof![
            Just("doc/adr"),
            Just("doc/adr/sub"),
            Just("."),
            Just(""),
            Just("doc"),
            Just("../outside"),
            Just("doc/adr/out"),
            Just("/etc"),
        ]
        .prop_map(PathBuf::from),
        0..3,
    )
}

/// A journal as an attacker or a crash would leave it; made into bytes
/// for one project ([`Planted::bytes`]), since a whole journal names the
/// folder it was written for.
#[derive(Debug, Clone)]
enum Hostile {
    /// Any bytes at all.
    Raw(Vec<u8>),
    /// Well-formed, of hostile steps, in any state; `foreign`: written
    /// for another folder (planted, or copied with the project).
    Whole(Vec<PathBuf>, Vec<Step>, State, bool),
    /// Well-formed, then one byte changed.
    Garbled(Vec<PathBuf>, Vec<Step>, usize, u8),
}

fn journal_bytes() -> impl Strategy<Value = Hostile> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256).prop_map(Hostile::Raw),
        (
            logs(),
            prop::collection::vec(step(), 0..6),
            0u8..3,
            prop::bool::weighted(0.2)
        )
            .prop_map(|(logs, steps, s, foreign)| {
                let state = [State::Committed, State::Aborted, State::Done][usize::from(s)];
                Hostile::Whole(logs, steps, state, foreign)
            }),
        (
            logs(),
            prop::collection::vec(step(), 1..4),
            any::<usize>(),
            any::<u8>()
        )
            .prop_map(|(logs, steps, at, byte)| Hostile::Garbled(logs, steps, at, byte)),
    ]
}

impl Planted {
    fn bytes(&self, hostile: &Hostile) -> Vec<u8> {
        let origin = journal::origin(&self.root);
        match hostile.clone() {
            Hostile::Raw(bytes) => bytes,
            Hostile::Whole(logs, steps, state, foreign) => Plan {
                origin: if foreign { origin ^ 1 } else { origin },
                logs,
                steps,
            }
            .encode(state),
            Hostile::Garbled(logs, steps, at, byte) => {
                let mut bytes = Plan {
                    origin,
                    logs,
                    steps,
                }
                .encode(State::Committed);
                let at = at % bytes.len();
                bytes[at] = byte;
                bytes
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    fn any_journal_recovers_without_panic_or_writing_outside(hostile in journal_bytes()) {
        let planted = Planted::new();
        let bytes = planted.bytes(&hostile);
        let before = sweep::snapshot(&planted.root);
        let (outside, forbidden, recovered) = planted.replay(&bytes);
        prop_assert!(outside.is_empty(), "written outside the project: {outside:?}");
        prop_assert!(forbidden.is_empty(), "written where a journal may not: {forbidden:?}");
        // Once recovery ends, the journal is not replayed again and again.
        prop_assert!(!recovered || !journal::path(&planted.root).exists());
        // A journal of another folder changes nothing at all.
        if matches!(hostile, Hostile::Whole(_, _, _, true)) {
            let after: sweep::Tree = sweep::snapshot(&planted.root)
                .into_iter()
                .filter(|(k, _)| !k.starts_with(".adr"))
                .collect();
            let before: sweep::Tree =
                before.into_iter().filter(|(k, _)| !k.starts_with(".adr")).collect();
            prop_assert_eq!(before, after);
        }
    }
}

/// The fuzzer's corpus of journals (`fuzz/corpus/journal`), replayed.
fn journal_fuzz_corpus_replays() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/journal");
    // The repository ships it: its absence is a failure, not a skip.
    let entries = fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let bytes = fs::read(entry.path()).expect("read");
        let planted = Planted::new();
        let (outside, forbidden, _) = planted.replay(&bytes);
        assert!(
            outside.is_empty() && forbidden.is_empty(),
            "{}: {outside:?} {forbidden:?}",
            entry.path().display()
        );
    }
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(a_read_finishes_a_committed_change),
        test!(a_failed_change_is_undone),
        test!(check_reports_an_interrupted_change),
        test!(a_journal_in_the_git_folder_is_found),
        test!(a_file_changed_since_is_left_and_reported),
        test!(a_garbled_journal_is_set_aside_and_nothing_changes),
        test!(any_journal_recovers_without_panic_or_writing_outside),
        test!(journal_fuzz_corpus_replays),
        test!(recovery_killed_at_any_point_still_ends_whole, needs: [Strace]),
    ]
}
