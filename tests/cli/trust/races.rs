//! Races: writers started together, in rounds, reaching the same records
//! through different folders. Afterwards every command that said it
//! succeeded is visible in the files, no relation is written twice and
//! `adr check` is clean.

use std::fs;
use std::path::Path;
use std::process::{Child, Output, Stdio};

use adr::record::Record;

use crate::support::Sandbox;

const ROUNDS: usize = 40;

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn nygard(n: u32, title: &str, extra: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n{extra}\n## Context\n\nWhy.\n"
    )
}

/// Starts every command (cwd relative to the sandbox root, args) before
/// waiting for any.
fn all_at_once(sandbox: &Sandbox, commands: &[(&str, Vec<&str>)]) -> Vec<Output> {
    let children: Vec<Child> = commands
        .iter()
        .map(|(cwd, args)| {
            let mut command = sandbox.command(args);
            command
                .current_dir(sandbox.root().join(cwd))
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped());
            command.spawn().expect("start adr")
        })
        .collect();
    children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect()
}

fn parse(root: &Path, rel: &str) -> Record {
    let text = fs::read_to_string(root.join(rel)).expect("read");
    let stem = Path::new(rel)
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned();
    Record::parse(rel.into(), &stem, &text)
}

/// The relation lines of a record: (verb, target file name).
fn relations(root: &Path, rel: &str) -> Vec<(String, String)> {
    parse(root, rel)
        .links
        .iter()
        .map(|l| {
            (
                l.kind.to_lowercase(),
                l.raw.rsplit('/').next().unwrap_or(&l.raw).to_string(),
            )
        })
        .collect()
}

fn failure(args: &[&str], output: &Output) -> String {
    format!(
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr).trim()
    )
}

#[derive(Default)]
struct Lost {
    rounds: usize,
    lost: Vec<String>,
}

impl Lost {
    fn finish(self, what: &str) {
        eprintln!(
            "race {what}: {} rounds, {} lost or doubled update(s)",
            self.rounds,
            self.lost.len()
        );
        assert!(
            self.lost.is_empty(),
            "{what}:\n{}",
            self.lost
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

fn check_fix_against_link_loses_and_doubles_nothing() {
    let mut tally = Lost::default();
    for round in 0..ROUNDS {
        let sandbox = Sandbox::new();
        let root = sandbox.root();
        write(root, "doc/adr/0001-one.md", &nygard(1, "One", ""));
        write(root, "doc/adr/0002-two.md", &nygard(2, "Two", ""));
        write(root, "doc/adr/0003-three.md", &nygard(3, "Three", ""));
        // One-sided: 4 amends 2, which does not say so; check --fix adds it.
        write(
            root,
            "doc/adr/0004-four.md",
            &nygard(4, "Four", "\nAmends [2. Two](0002-two.md)\n"),
        );
        write(root, "doc/adr/0005-five.md", &nygard(5, "Five", ""));
        let commands = vec![
            ("", vec!["check", "--fix"]),
            ("", vec!["link", "3", "Extends", "2"]),
            ("", vec!["link", "5", "Amends", "2"]),
            ("", vec!["check", "--fix"]),
        ];
        let outputs = all_at_once(&sandbox, &commands);
        for ((_, args), output) in commands.iter().zip(&outputs) {
            // check --fix exits 1 when findings remain; link must succeed.
            if args[0] == "link" && !output.status.success() {
                tally
                    .lost
                    .push(format!("round {round}: {}", failure(args, output)));
            }
        }
        let two = relations(root, "doc/adr/0002-two.md");
        for wanted in [
            ("amended by", "0004-four.md"),
            ("extended by", "0003-three.md"),
            ("amended by", "0005-five.md"),
        ] {
            let count = two
                .iter()
                .filter(|(v, t)| (v.as_str(), t.as_str()) == wanted)
                .count();
            if count != 1 {
                tally.lost.push(format!(
                    "round {round}: 0002-two.md has {count} × {wanted:?}: {two:?}"
                ));
            }
        }
        let check = sandbox.adr(&["check"]);
        if check.code != 0 {
            tally
                .lost
                .push(format!("round {round}: check: {}", check.stdout.trim()));
        }
        tally.rounds += 1;
    }
    tally.finish("check --fix against link");
}

fn overlapping_folders_share_one_lock() {
    let mut tally = Lost::default();
    for round in 0..ROUNDS {
        let sandbox = Sandbox::new();
        let root = sandbox.root();
        // A log with no marker file at all, reached as `decisions` from the
        // root and as `historic` from inside it.
        write(root, "decisions/0002-two.md", &nygard(2, "Two", ""));
        write(root, "decisions/0003-three.md", &nygard(3, "Three", ""));
        write(
            root,
            "decisions/historic/0010-ten.md",
            &nygard(10, "Ten", ""),
        );
        write(
            root,
            "decisions/historic/0011-eleven.md",
            &nygard(11, "Eleven", ""),
        );
        write(
            root,
            "decisions/historic/0012-twelve.md",
            &nygard(12, "Twelve", ""),
        );
        let commands = vec![
            ("", vec!["--dir", "decisions", "link", "2", "Amends", "10"]),
            (
                "",
                vec!["--dir", "decisions", "link", "3", "Clarifies", "10"],
            ),
            (
                "decisions",
                vec!["--dir", "historic", "link", "11", "Extends", "10"],
            ),
            (
                "",
                vec!["--dir", "decisions/historic", "link", "12", "Refines", "10"],
            ),
        ];
        let outputs = all_at_once(&sandbox, &commands);
        for ((_, args), output) in commands.iter().zip(&outputs) {
            if !output.status.success() {
                tally
                    .lost
                    .push(format!("round {round}: {}", failure(args, output)));
            }
        }
        let ten = relations(root, "decisions/historic/0010-ten.md");
        for wanted in [
            ("amended by", "0002-two.md"),
            ("clarified by", "0003-three.md"),
            ("extended by", "0011-eleven.md"),
            ("refined by", "0012-twelve.md"),
        ] {
            let count = ten
                .iter()
                .filter(|(v, t)| (v.as_str(), t.as_str()) == wanted)
                .count();
            if count != 1 {
                tally.lost.push(format!(
                    "round {round}: 0010-ten.md has {count} × {wanted:?}: {ten:?}"
                ));
            }
        }
        tally.rounds += 1;
    }
    tally.finish("overlapping --dir");
}

fn overlapping_folders_in_git_share_one_lock() {
    let mut tally = Lost::default();
    for round in 0..ROUNDS / 2 {
        let sandbox = Sandbox::new();
        let root = sandbox.root();
        let status = std::process::Command::new("git")
            .args(["init", "-q"])
            .current_dir(root)
            .status()
            .expect("git init");
        assert!(status.success());
        write(root, "doc/adr/0002-two.md", &nygard(2, "Two", ""));
        write(root, "doc/adr/historic/0010-ten.md", &nygard(10, "Ten", ""));
        write(
            root,
            "doc/adr/historic/0011-eleven.md",
            &nygard(11, "Eleven", ""),
        );
        let commands = vec![
            ("", vec!["--dir", "doc/adr", "link", "2", "Amends", "10"]),
            (
                "doc/adr/historic",
                vec!["--dir", ".", "link", "11", "Extends", "10"],
            ),
        ];
        let outputs = all_at_once(&sandbox, &commands);
        for ((_, args), output) in commands.iter().zip(&outputs) {
            if !output.status.success() {
                tally
                    .lost
                    .push(format!("round {round}: {}", failure(args, output)));
            }
        }
        let ten = relations(root, "doc/adr/historic/0010-ten.md");
        if ten.len() != 2 {
            tally
                .lost
                .push(format!("round {round}: 0010-ten.md has {ten:?}"));
        }
        tally.rounds += 1;
    }
    tally.finish("overlapping --dir in git");
}

fn concurrent_init_makes_one_log() {
    let mut tally = Lost::default();
    for round in 0..ROUNDS {
        let sandbox = Sandbox::new();
        let args = if round % 2 == 0 {
            vec!["init"]
        } else {
            vec!["init", "decisions"]
        };
        let commands: Vec<(&str, Vec<&str>)> = (0..8).map(|_| ("", args.clone())).collect();
        let outputs = all_at_once(&sandbox, &commands);
        let succeeded = outputs.iter().filter(|o| o.status.success()).count();
        let folder = if round % 2 == 0 {
            "doc/adr"
        } else {
            "decisions"
        };
        let records: Vec<String> = fs::read_dir(sandbox.root().join(folder))
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        if succeeded != 1 || records.len() != 1 {
            tally.lost.push(format!(
                "round {round} ({args:?}): {succeeded} succeeded, {folder} holds {records:?}"
            ));
        }
        tally.rounds += 1;
    }
    tally.finish("concurrent init");
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(check_fix_against_link_loses_and_doubles_nothing),
        test!(overlapping_folders_share_one_lock),
        test!(overlapping_folders_in_git_share_one_lock),
        test!(concurrent_init_makes_one_log),
    ]
}
