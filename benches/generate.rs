//! Writes a generated decision log for benchmarks: `generate-adrs DIR N`.
//!
//! Records are adr-tools files, one in five MADR 4 with tags; every tenth
//! supersedes the one before, every seventh amends record 1, every
//! eleventh relates to the one two before. Output is the same every run.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

const WORDS: &[&str] = &[
    "cache", "queue", "storage", "latency", "service", "schema", "deploy", "tenant", "index",
    "replica", "gateway", "token", "audit", "budget", "region", "backup",
];

fn title(n: usize) -> String {
    format!(
        "Use {} for {} {n}",
        WORDS[n % WORDS.len()],
        WORDS[(n * 7 + 3) % WORDS.len()]
    )
}

fn slug(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn file(n: usize) -> String {
    format!("{n:04}-{}.md", slug(&title(n)))
}

fn body(n: usize) -> String {
    let mut text = String::new();
    for k in 0..6 {
        text.push_str(&format!(
            "We weigh {} against {} and the {} of the {} in step {k}. ",
            WORDS[(n + k) % WORDS.len()],
            WORDS[(n * 3 + k) % WORDS.len()],
            WORDS[(n * 5 + k) % WORDS.len()],
            WORDS[(n * 11 + k) % WORDS.len()]
        ));
    }
    text
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(Ok(count))) = (args.get(1), args.get(2).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: generate-adrs DIR COUNT");
        return ExitCode::from(2);
    };
    let adr_dir = PathBuf::from(dir).join("doc/adr");
    if let Err(e) = fs::create_dir_all(&adr_dir) {
        eprintln!("{}: {e}", adr_dir.display());
        return ExitCode::from(1);
    }
    let mut links: Vec<Vec<String>> = vec![Vec::new(); count + 1];
    let mut status = vec!["Accepted".to_string(); count + 1];
    for n in 2..=count {
        if n % 10 == 0 {
            links[n].push(format!(
                "Supersedes [{}. {}]({})",
                n - 1,
                title(n - 1),
                file(n - 1)
            ));
            links[n - 1].push(format!("Superseded by [{n}. {}]({})", title(n), file(n)));
            status[n - 1] = String::new();
        }
        if n % 7 == 0 {
            links[n].push(format!("Amends [1. {}]({})", title(1), file(1)));
            links[1].push(format!("Amended by [{n}. {}]({})", title(n), file(n)));
        }
        if n % 11 == 0 {
            links[n].push(format!(
                "Relates to [{}. {}]({})",
                n - 2,
                title(n - 2),
                file(n - 2)
            ));
            links[n - 2].push(format!("Relates to [{n}. {}]({})", title(n), file(n)));
        }
    }
    for n in 1..=count {
        let relations = links[n]
            .iter()
            .map(|l| format!("{l}\n\n"))
            .collect::<String>();
        let text = if n % 5 == 0 && status[n] == "Accepted" {
            format!(
                "---\nstatus: accepted\ndate: 2024-{:02}-{:02}\ntags: [{}, {}]\n---\n\n# {}\n\n## Context and Problem Statement\n\n{}\n\n## Decision Outcome\n\n{}\n\n## Links\n\n{}",
                n % 12 + 1,
                n % 28 + 1,
                WORDS[n % WORDS.len()],
                WORDS[(n / 3) % WORDS.len()],
                title(n),
                body(n),
                body(n + 1),
                links[n]
                    .iter()
                    .map(|l| format!("- {l}\n"))
                    .collect::<String>()
            )
        } else {
            format!(
                "# {n}. {}\n\nDate: 2024-{:02}-{:02}\n\n## Status\n\n{}{}## Context\n\n{}\n\n## Decision\n\n{}\n\n## Consequences\n\n{}\n",
                title(n),
                n % 12 + 1,
                n % 28 + 1,
                if status[n].is_empty() {
                    String::new()
                } else {
                    format!("{}\n\n", status[n])
                },
                relations,
                body(n),
                body(n + 1),
                body(n + 2)
            )
        };
        let path = adr_dir.join(file(n));
        if let Err(e) = fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
