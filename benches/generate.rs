//! Writes a generated decision log for benchmarks: `generate-adrs DIR N`.
//! With `--commits C`, DIR becomes a git repository whose history has C
//! commits: the first adds the log, each later one revises one record (every
//! 50th changes a status) or, one in seven, a file outside the log.
//!
//! Records are adr-tools files, one in five MADR 4 with tags; every tenth
//! supersedes the one before, every seventh amends record 1, every
//! eleventh relates to the one two before. Output is the same every run.
//!
//! With `--sources S`, DIR also gets S source files (`src/mNNN/fNNNNN.rs`,
//! about 2.5 KiB each) for `adr cites`: one in twenty cites a record, in
//! turn as `ADR-N`, `ADR 000N`, a relative link, a forge URL and a stem.

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
        eprintln!("usage: generate-adrs DIR COUNT [--commits C]");
        return ExitCode::from(2);
    };
    let mut commits = None;
    let mut sources = None;
    let mut rest = args.iter().skip(3);
    while let Some(flag) = rest.next() {
        let value = rest.next().and_then(|c| c.parse::<usize>().ok());
        match (flag.as_str(), value) {
            ("--commits", Some(c)) => commits = Some(c),
            ("--sources", Some(s)) => sources = Some(s),
            _ => {
                eprintln!("usage: generate-adrs DIR COUNT [--commits C] [--sources S]");
                return ExitCode::from(2);
            }
        }
    }
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
    if let Some(s) = sources
        && let Err(e) = write_sources(&PathBuf::from(dir), count, s)
    {
        eprintln!("sources: {e}");
        return ExitCode::from(1);
    }
    match commits {
        Some(c) => match history(&PathBuf::from(dir), count, c) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("git: {e}");
                ExitCode::from(1)
            }
        },
        None => ExitCode::SUCCESS,
    }
}

/// Replaces the written log by a git history of `commits` commits made
/// with `git fast-import`, then checks it out.
fn history(dir: &std::path::Path, count: usize, commits: usize) -> std::io::Result<()> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let adr_dir = dir.join("doc/adr");
    let names: Vec<String> = (1..=count).map(file).collect();
    let texts: Vec<String> = names
        .iter()
        .map(|n| fs::read_to_string(adr_dir.join(n)))
        .collect::<Result<_, _>>()?;
    fs::remove_dir_all(&adr_dir)?;
    let git = |args: &[&str]| Command::new("git").args(args).current_dir(dir).status();
    git(&["init", "-q", "-b", "main"])?;
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir)
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stream = std::io::BufWriter::new(
        import
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin"))?,
    );
    let authors = [
        "Ada Lovelace",
        "Grace Hopper",
        "Alan Turing",
        "Barbara Liskov",
        "Edsger Dijkstra",
    ];
    let mut texts = texts;
    for k in 0..commits {
        let author = authors[k % authors.len()];
        let email = author.to_lowercase().replace(' ', ".") + "@example.com";
        let time = 1_700_000_000 + k as i64 * 3600;
        let message = format!("change {k}");
        writeln!(stream, "commit refs/heads/main")?;
        writeln!(stream, "author {author} <{email}> {time} +0000")?;
        writeln!(stream, "committer {author} <{email}> {time} +0000")?;
        writeln!(stream, "data {}\n{message}", message.len())?;
        let put = |path: &str,
                   text: &str,
                   stream: &mut std::io::BufWriter<std::process::ChildStdin>|
         -> std::io::Result<()> {
            writeln!(stream, "M 100644 inline {path}")?;
            writeln!(stream, "data {}", text.len())?;
            writeln!(stream, "{text}")
        };
        if k == 0 {
            for (name, text) in names.iter().zip(&texts) {
                put(&format!("doc/adr/{name}"), text, &mut stream)?;
            }
        } else if k % 7 == 0 {
            put("src/main.txt", &format!("revision {k}\n"), &mut stream)?;
        } else {
            let i = k % count;
            let text = &mut texts[i];
            if k % 50 == 0 && text.contains("\nAccepted\n") {
                *text = text.replacen("\nAccepted\n", "\nDeprecated\n", 1);
            } else {
                text.push_str(&format!("\nRevised in change {k}.\n"));
            }
            put(&format!("doc/adr/{}", names[i]), text, &mut stream)?;
        }
    }
    stream.flush()?;
    drop(stream);
    import.wait()?;
    git(&["reset", "-q", "--hard", "main"])?;
    Ok(())
}

/// Writes `sources` source files under `dir/src`, a hundred a folder, one
/// in twenty citing one of the `count` records.
fn write_sources(dir: &std::path::Path, count: usize, sources: usize) -> std::io::Result<()> {
    for k in 0..sources {
        let folder = dir.join(format!("src/m{:04}", k / 100));
        if k % 100 == 0 {
            fs::create_dir_all(&folder)?;
        }
        let mut text = String::with_capacity(2600);
        for line in 0..40 {
            let w = |i: usize| WORDS[(k * 7 + line * 3 + i) % WORDS.len()];
            text.push_str(&format!(
                "    let {}_{line} = {}::{}(&{}, {k}); // {} {}\n",
                w(0),
                w(1),
                w(2),
                w(3),
                w(4),
                w(5)
            ));
            if line == 20 && k % 20 == 0 {
                let n = (k / 20) % count + 1;
                let cite = match (k / 20) % 5 {
                    0 => format!("// See ADR-{n} for why."),
                    1 => format!("// Decided in ADR {n:04}."),
                    2 => format!("/// [the decision](../../doc/adr/{})", file(n)),
                    3 => format!(
                        "// https://github.com/example/project/blob/main/doc/adr/{}",
                        file(n)
                    ),
                    _ => format!("// {}", file(n).trim_end_matches(".md")),
                };
                text.push_str(&cite);
                text.push('\n');
            }
        }
        fs::write(folder.join(format!("f{k:06}.rs")), text)?;
    }
    Ok(())
}
