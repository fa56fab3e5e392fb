//! The README's quick-start transcript, run as written.

use crate::support::Sandbox;

/// The commands and expected outputs of the first ```console block.
fn transcript() -> Vec<(String, String)> {
    let readme = include_str!("../../README.md");
    let start = readme.find("```console\n").expect("a console block") + "```console\n".len();
    let block = &readme[start..];
    let block = &block[..block.find("\n```").expect("end of block") + 1];
    let mut steps: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push((command.to_string(), String::new()));
        } else if let Some((_, output)) = steps.last_mut() {
            output.push_str(line);
            output.push('\n');
        }
    }
    steps
}

fn quick_start_transcript() {
    let mut sandbox = Sandbox::new();
    sandbox.env("ADR_DATE", "2026-11-21");
    let steps = transcript();
    assert!(steps.len() >= 5, "the transcript has commands");
    for (command, expected) in steps {
        let words = shlex::split(&command).expect("shell words");
        assert_eq!(words[0], "adr", "transcript commands run adr");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let run = sandbox.adr(&args);
        assert_eq!(run.ok(), expected, "output of `{command}`");
    }
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(quick_start_transcript),
    ]
}
