use serde::Serialize;

use crate::Context;
use crate::cli::args::{SearchArgs, ShowFormat};
use crate::record::{Filter, StatusKind};

#[derive(Serialize)]
struct Hit<'a> {
    path: &'a std::path::Path,
    number: Option<u32>,
    title: String,
    status: Option<&'a str>,
    /// The lines that hold a searched word: (line number, text).
    matches: Vec<Line>,
}

#[derive(Serialize)]
struct Line {
    line: usize,
    text: String,
}

/// A record matches when every word is in its title or its text.
pub fn run(ctx: &mut Context<'_>, args: SearchArgs) -> anyhow::Result<u8> {
    let repo = ctx.repository()?;
    let loaded = super::load(ctx, &repo, None)?;
    let words: Vec<String> = args
        .text
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(str::to_lowercase)
        .collect();
    let filter = Filter {
        status: args.status.as_deref().map(StatusKind::parse),
        tag: args.tag.clone(),
    };
    let mut hits = Vec::new();
    for (record, text) in loaded.records.iter().zip(&loaded.texts) {
        if !filter.keeps(record) {
            continue;
        }
        let text = text.as_deref().unwrap_or("");
        let haystack = format!("{}\n{}", record.display_title(), text).to_lowercase();
        if !words.iter().all(|w| haystack.contains(w.as_str())) {
            continue;
        }
        let matches = text
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                let lower = l.to_lowercase();
                words.iter().any(|w| lower.contains(w.as_str()))
            })
            .map(|(i, l)| Line {
                line: i + 1,
                text: l.trim().to_string(),
            })
            .collect();
        hits.push(Hit {
            path: &record.path,
            number: record.number,
            title: record.display_title(),
            status: record.status.as_ref().map(|s| s.kind.as_str()),
            matches,
        });
    }
    match args.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *ctx.out, &hits)?;
            writeln!(ctx.out)?;
        }
        ShowFormat::Text => {
            for hit in &hits {
                if hit.matches.is_empty() {
                    // Matched by its title alone.
                    writeln!(ctx.out, "{}:{}: # {}", hit.path.display(), 1, hit.title)?;
                }
                for m in &hit.matches {
                    writeln!(ctx.out, "{}:{}: {}", hit.path.display(), m.line, m.text)?;
                }
            }
        }
    }
    // Like grep: 1 when nothing matched.
    Ok(u8::from(hits.is_empty()))
}
