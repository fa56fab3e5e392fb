use serde::Serialize;

use crate::cli::args::{SearchArgs, ShowFormat};
use crate::cli::{Context, Done};
use crate::log::{Log, search};
use crate::project::Project;
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
pub(crate) fn run(
    ctx: &mut Context<'_>,
    project: &Project,
    args: SearchArgs,
) -> anyhow::Result<Done> {
    let log = Log::load(project)?;
    let words = search::words(&args.text.join(" "));
    let filter = Filter {
        status: args.status.as_deref().map(StatusKind::parse),
        tag: args.tag.clone(),
    };
    let hits: Vec<Hit> = search::search(&log, &words, &filter, usize::MAX)
        .into_iter()
        .map(|hit| {
            let record = &log.records()[hit.index];
            Hit {
                path: &record.path,
                number: record.number,
                title: record.display_title(),
                status: record.status.as_ref().map(|s| s.kind.as_str()),
                matches: hit
                    .lines
                    .into_iter()
                    .map(|l| Line {
                        line: l.line,
                        text: crate::record::shown(l.text.trim().to_string()),
                    })
                    .collect(),
            }
        })
        .collect();
    match args.format {
        ShowFormat::Json => {
            ctx.json(&hits)?;
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
    Ok(Done::Exit(u8::from(hits.is_empty())))
}
