//! The tools: their definitions (name, description, JSON Schema of the
//! arguments) and the read-only ones' work. Every call reads the records
//! afresh: they may change between calls.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::graph::DecisionGraph;
use crate::graph::export::{self, Selection};
use crate::log::{self, Scan};
use crate::output::view::{DetailView, RecordView};
use crate::record::{Filter, Record, StatusKind};

use super::Server;
use super::args::{Args, ToolError, ToolResult};
use super::write;

/// What a tool gives back: content blocks for the model, and the same
/// data as one JSON object for programs.
pub struct Output {
    pub content: Vec<Value>,
    pub structured: Option<Value>,
}

impl Output {
    /// The value as JSON text, and as structured content.
    pub fn json(value: Value) -> ToolResult<Self> {
        Ok(Self {
            content: vec![text(serde_json::to_string(&value)?)],
            structured: Some(value),
        })
    }

    /// The `tools/call` result.
    pub fn into_result(self) -> Value {
        let mut result = Map::new();
        result.insert("content".into(), Value::Array(self.content));
        if let Some(structured) = self.structured {
            result.insert("structuredContent".into(), structured);
        }
        result.insert("isError".into(), false.into());
        Value::Object(result)
    }
}

/// A text content block.
pub fn text(text: impl Into<String>) -> Value {
    json!({"type": "text", "text": text.into()})
}

/// A failed call: a normal result the model reads, marked `isError`.
pub fn error_result(error: &ToolError) -> Value {
    json!({"content": [text(error.0.clone())], "isError": true})
}

/// The names of the tools that change records, offered with `--allow-write`.
pub const WRITE_TOOLS: &[&str] = &["propose_record", "set_status"];

/// The `tools/list` entries.
pub fn definitions(allow_write: bool) -> Vec<Value> {
    let mut tools = vec![
        list_records_definition(),
        read_record_definition(),
        search_records_definition(),
        graph_definition(),
    ];
    if allow_write {
        tools.push(write::propose_record_definition());
        tools.push(write::set_status_definition());
    }
    tools
}

/// Runs tool `name`; `None` when there is no such tool.
pub fn call(server: &Server<'_>, name: &str, arguments: &Map<String, Value>) -> Option<Value> {
    let outcome = match name {
        "list_records" => list_records(server, arguments),
        "read_record" => read_record(server, arguments),
        "search_records" => search_records(server, arguments),
        "graph" => graph(server, arguments),
        _ if WRITE_TOOLS.contains(&name) && !server.allow_write => Err(ToolError(format!(
            "write tools are off: {name} changes records, and this server was started \
             read-only; restart it as `adr mcp --allow-write` to allow it"
        ))),
        "propose_record" => write::propose_record(server, arguments),
        "set_status" => write::set_status(server, arguments),
        _ => return None,
    };
    Some(match outcome {
        Ok(output) => output.into_result(),
        Err(error) => error_result(&error),
    })
}

/// The schema of a tool's arguments: an object with these properties.
pub fn schema(properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn read_only() -> Value {
    json!({"readOnlyHint": true, "openWorldHint": false})
}

const STATUS_FILTER: &str = "Only records with this status: proposed, accepted, rejected, \
                             deprecated, superseded, or a custom status word (case-insensitive).";
const TAG_FILTER: &str = "Only records with this tag (case-insensitive).";
const REFERENCE: &str = "The record: its number (`3`, `0003`, `ADR-3`), its file name \
                         (`0003-use-postgresql.md`), its path, or part of its file name.";

fn list_records_definition() -> Value {
    json!({
        "name": "list_records",
        "title": "List decision records",
        "description": "Lists the Architecture Decision Records (ADRs) of the project with \
            their metadata as JSON: path, number, title, status (normalised), date, tags, \
            deciders, format, links to other records (with the resolved target path), \
            problems found reading the file, and git history when the folder is in a git \
            repository. Optionally filtered by status and tag. Does not return the \
            records' text: use read_record or search_records for that.",
        "inputSchema": schema(
            json!({
                "status": {"type": "string", "description": STATUS_FILTER},
                "tag": {"type": "string", "description": TAG_FILTER},
            }),
            &[],
        ),
        "annotations": read_only(),
    })
}

fn read_record_definition() -> Value {
    json!({
        "name": "read_record",
        "title": "Read a decision record",
        "description": "Reads one ADR: its metadata as JSON (as list_records gives it) plus \
            its relations both ways (`outgoing`: this record supersedes/amends/… another; \
            `incoming`: another record supersedes/amends/… this one), whether it is still \
            in force, which records replace it when superseded, and its full Markdown text.",
        "inputSchema": schema(
            json!({"reference": {"type": "string", "description": REFERENCE}}),
            &["reference"],
        ),
        "annotations": read_only(),
    })
}

fn search_records_definition() -> Value {
    json!({
        "name": "search_records",
        "title": "Search decision records",
        "description": "Searches the titles and text of the ADRs, ignoring case. A record \
            matches when it contains every word of the query (in any order); for each \
            record the lines holding any of the words are returned with their line \
            numbers (1-based, in the file). Optionally limited to a status or a tag.",
        "inputSchema": schema(
            json!({
                "query": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Words to look for, e.g. `postgres replication`.",
                },
                "status": {"type": "string", "description": STATUS_FILTER},
                "tag": {"type": "string", "description": TAG_FILTER},
            }),
            &["query"],
        ),
        "annotations": read_only(),
    })
}

fn graph_definition() -> Value {
    json!({
        "name": "graph",
        "title": "Decision graph",
        "description": "The decision graph as JSON: `nodes` (id = the record's path, number, \
            title, status, in_force), `edges` (`from`, `to`, `kind`: the canonical forward \
            verb such as `supersedes`, `amends`, `relates to`; `from` supersedes `to`), \
            `cycles` (supersession loops) and `unresolved` links. Optionally limited to what \
            one record leads to or comes from, or to the records still in force.",
        "inputSchema": schema(
            json!({
                "from": {
                    "type": "string",
                    "description": "Only the records reachable from this one (what it affects). \
                        A number, file name or path.",
                },
                "to": {
                    "type": "string",
                    "description": "Only the records that lead to this one. A number, file \
                        name or path.",
                },
                "in_force": {
                    "type": "boolean",
                    "description": "Only records in force: not superseded, rejected or \
                        deprecated.",
                },
            }),
            &[],
        ),
        "annotations": read_only(),
    })
}

/// Every record read, with its text and its links resolved.
pub struct Loaded {
    pub scan: Scan,
    pub records: Vec<Record>,
    pub texts: Vec<Option<String>>,
}

pub fn load(server: &Server<'_>) -> ToolResult<Loaded> {
    let scan = log::scan_repository(server.repo)?;
    let (mut records, texts): (Vec<_>, Vec<_>) =
        log::load_with_text(&scan.records).into_iter().unzip();
    log::resolve_links(&mut records);
    Ok(Loaded {
        scan,
        records,
        texts,
    })
}

/// Record views with what git says of each (nothing when that fails:
/// the history is a bonus, the records are the answer).
fn views<'a>(server: &Server<'_>, loaded: &'a Loaded, selected: &[usize]) -> Vec<RecordView<'a>> {
    let dirs: Vec<&Path> = server.repo.log_dirs().collect();
    let history = crate::git::records_metadata(
        &server.repo.cwd,
        &dirs,
        &loaded.records,
        Some(&loaded.texts),
        false,
    )
    .unwrap_or_else(|_| vec![None; loaded.records.len()]);
    selected
        .iter()
        .map(|&i| RecordView::new(&loaded.records[i]).with_history(history[i].as_ref()))
        .collect()
}

/// The `status` and `tag` arguments; blank ones filter nothing.
fn record_filter(args: &Args<'_>) -> ToolResult<Filter> {
    Ok(Filter {
        status: args
            .string("status")?
            .filter(|s| !s.trim().is_empty())
            .map(|s| StatusKind::parse(&s)),
        tag: args
            .string("tag")?
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()),
    })
}

fn list_records(server: &Server<'_>, arguments: &Map<String, Value>) -> ToolResult<Output> {
    let args = Args::new("list_records", arguments, &["status", "tag"])?;
    let filter = record_filter(&args)?;
    let loaded = load(server)?;
    let selected: Vec<usize> = (0..loaded.records.len())
        .filter(|&i| filter.keeps(&loaded.records[i]))
        .collect();
    let records = views(server, &loaded, &selected);
    Output::json(json!({"count": records.len(), "records": records}))
}

fn read_record(server: &Server<'_>, arguments: &Map<String, Value>) -> ToolResult<Output> {
    let args = Args::new("read_record", arguments, &["reference"])?;
    let reference = args.required_string("reference")?;
    let loaded = load(server)?;
    let file = log::find(&loaded.scan.records, &reference, &server.repo.dir)?;
    let records = &loaded.records;
    let graph = DecisionGraph::build(records);
    let node = graph
        .node(&file.path)
        .ok_or_else(|| ToolError(format!("{} could not be read", file.path.display())))?;
    let dirs: Vec<&Path> = server.repo.log_dirs().collect();
    let history =
        crate::git::records_metadata(&server.repo.cwd, &dirs, records, Some(&loaded.texts), false)
            .unwrap_or_else(|_| vec![None; records.len()]);
    let detail = DetailView::new(&graph, node, history[node].as_ref());
    let markdown = loaded.texts[node].clone().unwrap_or_default();
    let mut structured = serde_json::to_value(&detail)?;
    let metadata = serde_json::to_string(&structured)?;
    if let Value::Object(object) = &mut structured {
        object.insert("text".into(), markdown.clone().into());
    }
    Ok(Output {
        content: vec![text(metadata), text(markdown)],
        structured: Some(structured),
    })
}

/// At most this many lines are returned per record.
const MAX_LINES_PER_RECORD: usize = 20;
/// A longer line is cut to this many characters around its first match.
const MAX_LINE_CHARS: usize = 300;

#[derive(Debug, Serialize)]
struct Hit<'a> {
    path: &'a Path,
    number: Option<u32>,
    title: String,
    status: Option<&'a str>,
    /// A word of the query is in the title.
    title_matches: bool,
    lines: Vec<LineMatch>,
    /// Matching lines left out beyond the first ones.
    more_lines: usize,
}

#[derive(Debug, PartialEq, Eq, Serialize)]
struct LineMatch {
    /// 1-based, in the file.
    line: usize,
    text: String,
}

fn search_records(server: &Server<'_>, arguments: &Map<String, Value>) -> ToolResult<Output> {
    let args = Args::new("search_records", arguments, &["query", "status", "tag"])?;
    let query = args.required_string("query")?;
    let filter = record_filter(&args)?;
    let loaded = load(server)?;
    let words = words(&query);
    let hits: Vec<Hit> = loaded
        .records
        .iter()
        .zip(&loaded.texts)
        .filter(|(record, _)| filter.keeps(record))
        .filter_map(|(record, text)| search_one(record, text.as_deref(), &words))
        .collect();
    Output::json(json!({"query": query, "count": hits.len(), "hits": hits}))
}

/// The query's words, lower-cased.
fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(str::to_lowercase).collect()
}

/// The record's hit when it holds every word.
fn search_one<'a>(record: &'a Record, text: Option<&str>, words: &[String]) -> Option<Hit<'a>> {
    let title = record.display_title();
    let whole = format!("{}\n{}", title, text.unwrap_or_default()).to_lowercase();
    if words.is_empty() || !words.iter().all(|w| whole.contains(w.as_str())) {
        return None;
    }
    let title_lower = title.to_lowercase();
    let mut lines = Vec::new();
    let mut more_lines = 0;
    for (i, line) in text.unwrap_or_default().lines().enumerate() {
        let lower = line.to_lowercase();
        let Some(at) = words.iter().filter_map(|w| lower.find(w.as_str())).min() else {
            continue;
        };
        if lines.len() == MAX_LINES_PER_RECORD {
            more_lines += 1;
            continue;
        }
        lines.push(LineMatch {
            line: i + 1,
            text: excerpt(line, lower[..at].chars().count()),
        });
    }
    Some(Hit {
        path: &record.path,
        number: record.number,
        status: record.status.as_ref().map(|s| s.kind.as_str()),
        title_matches: words.iter().any(|w| title_lower.contains(w.as_str())),
        title,
        lines,
        more_lines,
    })
}

/// The line, or the part of a long one around character `at`, marked
/// with `…` where cut.
fn excerpt(line: &str, at: usize) -> String {
    let line = line.trim_end();
    let count = line.chars().count();
    if count <= MAX_LINE_CHARS {
        return line.to_string();
    }
    let start = at
        .saturating_sub(MAX_LINE_CHARS / 4)
        .min(count - MAX_LINE_CHARS);
    let end = start + MAX_LINE_CHARS;
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(line.chars().skip(start).take(MAX_LINE_CHARS));
    if end < count {
        out.push('…');
    }
    out
}

fn graph(server: &Server<'_>, arguments: &Map<String, Value>) -> ToolResult<Output> {
    let args = Args::new("graph", arguments, &["from", "to", "in_force"])?;
    let from = args.string("from")?;
    let to = args.string("to")?;
    let in_force = args.bool("in_force")?;
    let loaded = load(server)?;
    let graph = DecisionGraph::build(&loaded.records);
    let mut selection = Selection::all(&graph);
    let node_of = |reference: &str| -> ToolResult<usize> {
        let file = log::find(&loaded.scan.records, reference, &server.repo.dir)?;
        graph
            .node(&file.path)
            .ok_or_else(|| ToolError(format!("{} is not in the graph", file.path.display())))
    };
    if let Some(reference) = &from {
        let reachable = graph.reachable_from(node_of(reference)?);
        selection.nodes.retain(|n| reachable.contains(n));
    }
    if let Some(reference) = &to {
        let leading = graph.leading_to(node_of(reference)?);
        selection.nodes.retain(|n| leading.contains(n));
    }
    if in_force {
        selection.nodes.retain(|&n| graph.in_force(n));
    }
    let encoded = export::json(&graph, &selection)?;
    let value: Value = serde_json::from_str(&encoded)?;
    Ok(Output {
        content: vec![text(serde_json::to_string(&value)?)],
        structured: Some(value),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn record(text: &str) -> Record {
        Record::parse(PathBuf::from("doc/adr/0002-use-x.md"), "0002-use-x", text)
    }

    const TEXT: &str = "# 2. Use PostgreSQL\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n\
                        ## Context\n\nWe need a database.\nReplication of the DATABASE matters.\n";

    #[test]
    fn every_word_must_be_in_the_record() {
        let r = record(TEXT);
        assert!(search_one(&r, Some(TEXT), &words("database nothing-here")).is_none());
        let hit = search_one(&r, Some(TEXT), &words("Database replication")).expect("a hit");
        assert_eq!(
            hit.lines,
            vec![
                LineMatch {
                    line: 11,
                    text: "We need a database.".into()
                },
                LineMatch {
                    line: 12,
                    text: "Replication of the DATABASE matters.".into()
                },
            ]
        );
        assert!(!hit.title_matches);
        assert!(
            search_one(&r, Some(TEXT), &words("postgresql"))
                .expect("title hit")
                .title_matches
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let line = format!("{}needle{}", "a".repeat(1000), "b".repeat(1000));
        let cut = excerpt(&line, 1000);
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert!(cut.contains("needle"));
        assert_eq!(cut.chars().count(), MAX_LINE_CHARS + 2);
        assert_eq!(excerpt("short", 0), "short");
    }

    const READ_TOOLS: &[&str] = &["list_records", "read_record", "search_records", "graph"];

    #[test]
    fn write_tools_are_only_listed_when_allowed() {
        let names = |allow| -> Vec<String> {
            definitions(allow)
                .iter()
                .filter_map(|t| t["name"].as_str().map(String::from))
                .collect()
        };
        assert_eq!(names(false), READ_TOOLS);
        assert_eq!(names(true), [READ_TOOLS, WRITE_TOOLS].concat());
        for tool in definitions(true) {
            assert_eq!(tool["inputSchema"]["type"], "object", "{tool}");
            assert!(tool["description"].as_str().is_some_and(|d| d.len() > 40));
        }
    }
}
