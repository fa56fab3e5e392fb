//! The tools: their definitions (name, description, JSON Schema of the
//! arguments) and the read-only ones' work. Every call reads the records
//! afresh: they may change between calls.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::graph::export::{self, Selection};
use crate::log::{Log, search};
use crate::output::view::{DetailView, RecordView};
use crate::record::{Filter, StatusKind};

use super::Server;
use super::args::{Args, ToolError, ToolResult};
use super::write;

/// What a tool gives back: content blocks for the model, and the same
/// data as one JSON object for programs.
pub(super) struct Output {
    pub content: Vec<Value>,
    pub structured: Option<Value>,
}

impl Output {
    /// The value as JSON text, and as structured content.
    pub(super) fn json(value: Value) -> ToolResult<Self> {
        Ok(Self {
            content: vec![text(serde_json::to_string(&value)?)],
            structured: Some(value),
        })
    }

    /// The `tools/call` result.
    pub(super) fn into_result(self) -> Value {
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
pub(super) fn text(text: impl Into<String>) -> Value {
    json!({"type": "text", "text": text.into()})
}

/// A failed call: a normal result the model reads, marked `isError`.
pub(super) fn error_result(error: &ToolError) -> Value {
    json!({"content": [text(error.0.clone())], "isError": true})
}

/// The names of the tools that change records, offered with `--allow-write`.
pub(super) const WRITE_TOOLS: &[&str] = &["propose_record", "set_status"];

/// The `tools/list` entries.
pub(super) fn definitions(allow_write: bool) -> Vec<Value> {
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

/// Runs tool `name`; `None` when there is no such tool. The arguments are
/// checked against the tool's declared `inputSchema` first.
pub(super) fn call(
    server: &Server<'_>,
    name: &str,
    arguments: &Map<String, Value>,
) -> Option<Value> {
    let definition = definitions(true).into_iter().find(|d| d["name"] == name)?;
    if WRITE_TOOLS.contains(&name) && !server.allow_write {
        return Some(error_result(&ToolError(format!(
            "write tools are off: {name} changes records, and this server was started \
             read-only; restart it as `adr mcp --allow-write` to allow it"
        ))));
    }
    let schema = &definition["inputSchema"];
    let outcome = match name {
        "list_records" => list_records(server, Args::new(name, arguments, schema)),
        "read_record" => read_record(server, Args::new(name, arguments, schema)),
        "search_records" => search_records(server, Args::new(name, arguments, schema)),
        "graph" => graph(server, Args::new(name, arguments, schema)),
        "propose_record" => write::propose_record(server, Args::new(name, arguments, schema)),
        "set_status" => write::set_status(server, Args::new(name, arguments, schema)),
        _ => return None,
    };
    Some(match outcome {
        Ok(output) => output.into_result(),
        Err(error) => error_result(&error),
    })
}

/// The schema of a tool's arguments: an object with these properties.
pub(super) fn schema(properties: Value, required: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

/// A record reference: its number as an integer, or any text `adr show`
/// takes.
pub(super) fn reference_schema(description: &str) -> Value {
    json!({"type": ["string", "integer"], "minimum": 0, "description": description})
}

fn read_only() -> Value {
    json!({"readOnlyHint": true, "openWorldHint": false})
}

const STATUS_FILTER: &str = "Only records with this status: proposed, accepted, rejected, \
                             deprecated, superseded, or a custom status word (case-insensitive).";
const TAG_FILTER: &str = "Only records with this tag (case-insensitive).";
const REFERENCE: &str = "The record: its number (`3` or \"3\", `0003`, `ADR-3`), its file \
                         name (`0003-use-postgresql.md`), its path, or part of its file name.";

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
            json!({"reference": reference_schema(REFERENCE)}),
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
                "from": reference_schema(
                    "Only the records reachable from this one (what it affects). A number, \
                     file name or path."
                ),
                "to": reference_schema(
                    "Only the records that lead to this one. A number, file name or path."
                ),
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

/// Record views with what git says of each (nothing when that cannot be
/// read: the history is a bonus, the records are the answer).
fn views<'a>(log: &'a Log<'_>, selected: &[usize]) -> Vec<RecordView<'a>> {
    let history = log.history();
    selected
        .iter()
        .map(|&i| RecordView::new(&log.records()[i]).with_history(history[i].as_ref(), false))
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

fn list_records(server: &Server<'_>, args: ToolResult<Args<'_>>) -> ToolResult<Output> {
    let args = args?;
    let filter = record_filter(&args)?;
    let log = Log::load(server.project)?;
    let records = views(&log, &log.select(&filter));
    Output::json(json!({"count": records.len(), "records": records}))
}

fn read_record(server: &Server<'_>, args: ToolResult<Args<'_>>) -> ToolResult<Output> {
    let args = args?;
    let reference = args.required_reference("reference")?;
    let log = Log::load(server.project)?;
    let node = log.find(&reference)?;
    let graph = log.graph();
    let history = log.history_of(node);
    let detail = DetailView::new(&graph, node, history.as_ref(), false);
    let markdown = log.text(node).unwrap_or_default().to_string();
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

#[derive(Debug, Serialize)]
struct Hit<'a> {
    path: &'a Path,
    number: Option<u32>,
    title: String,
    status: Option<&'a str>,
    /// A word of the query is in the title.
    title_matches: bool,
    lines: Vec<Value>,
    /// Matching lines left out beyond the first ones.
    more_lines: usize,
}

fn search_records(server: &Server<'_>, args: ToolResult<Args<'_>>) -> ToolResult<Output> {
    let args = args?;
    let query = args.required_string("query")?;
    if query.trim().is_empty() {
        return Err(ToolError(
            "search_records's `query` is blank: give words to look for".into(),
        ));
    }
    let filter = record_filter(&args)?;
    let log = Log::load(server.project)?;
    let words = search::words(&query);
    let hits: Vec<Hit> = search::search(&log, &words, &filter, MAX_LINES_PER_RECORD)
        .into_iter()
        .map(|hit| {
            let record = &log.records()[hit.index];
            Hit {
                path: &record.path,
                number: record.number,
                title: record.display_title(),
                status: record.status.as_ref().map(|s| s.kind.as_str()),
                title_matches: hit.title_matches,
                lines: hit
                    .lines
                    .iter()
                    .map(|l| json!({"line": l.line, "text": search::excerpt(l.text.trim_end(), l.at)}))
                    .collect(),
                more_lines: hit.more_lines,
            }
        })
        .collect();
    Output::json(json!({"query": query, "count": hits.len(), "hits": hits}))
}

fn graph(server: &Server<'_>, args: ToolResult<Args<'_>>) -> ToolResult<Output> {
    let args = args?;
    let from = args.reference("from")?;
    let to = args.reference("to")?;
    let in_force = args.bool("in_force")?;
    let log = Log::load(server.project)?;
    let graph = log.graph();
    let mut selection = Selection::all(&graph);
    let node_of = |reference: &str| -> ToolResult<usize> { Ok(log.find(reference)?) };
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

    /// A keyword the validator does not enforce would declare a rule the
    /// server does not keep.
    #[test]
    fn schemas_use_only_what_the_validator_enforces() {
        fn visit(schema: &Value, at: &str) {
            let object = schema
                .as_object()
                .unwrap_or_else(|| panic!("{at}: not an object"));
            for (keyword, value) in object {
                assert!(
                    super::super::schema::KEYWORDS.contains(&keyword.as_str()),
                    "{at}: `{keyword}` is not enforced"
                );
                match keyword.as_str() {
                    "properties" => {
                        for (name, property) in value.as_object().into_iter().flatten() {
                            visit(property, &format!("{at}.{name}"));
                        }
                    }
                    "items" => visit(value, &format!("{at}[]")),
                    _ => {}
                }
            }
        }
        for tool in definitions(true) {
            visit(&tool["inputSchema"], tool["name"].as_str().unwrap_or("?"));
        }
    }
}
