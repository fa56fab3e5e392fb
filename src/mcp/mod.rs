//! `adr mcp`: the decision log served over the Model Context Protocol.
//!
//! The stdio transport: one JSON-RPC 2.0 message a line on stdin, one
//! reply a line on stdout, nothing else on stdout. Requests are answered
//! in order; notifications (no `id`) are never answered. The records are
//! read afresh for every call, so edits made meanwhile are seen.
//!
//! Offered: `server/discover` (modern clients), `initialize` (legacy
//! ones), `ping`, `tools/list`, `tools/call`, `resources/list`,
//! `resources/read` (and an empty `resources/templates/list`). The
//! read-only tools are always there; the tools that change records only
//! with `--allow-write`. See `protocol` for the two eras.

mod args;
mod protocol;
mod resources;
mod schema;
mod tools;
mod write;

use std::io::{self, BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::project::Project;

use protocol::{
    Era, METHOD_NOT_FOUND, MODERN_VERSIONS, PARSE_ERROR, RpcError, failure, negotiate, success,
};

/// A message longer than this is refused unread (records are at most
/// 16 MiB; requests are far smaller).
const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;

/// What every request is served from.
pub(crate) struct Server<'a> {
    pub project: &'a Project,
    /// Whether the tools that change records are offered.
    pub allow_write: bool,
}

/// Serves requests read from `input` until it ends (or `output` is
/// closed), replying on `output`.
pub(crate) fn serve(
    project: &Project,
    allow_write: bool,
    mut input: impl BufRead,
    output: &mut dyn Write,
) -> Result<()> {
    let server = Server {
        project,
        allow_write,
    };
    let mut line = Vec::new();
    loop {
        let reply = match read_line(&mut input, &mut line, MAX_MESSAGE_BYTES)
            .map_err(|e| Error::read("<stdin>", e))?
        {
            Line::End => return Ok(()),
            Line::TooLong => Some(failure(
                Value::Null,
                RpcError::new(
                    PARSE_ERROR,
                    format!("message longer than {MAX_MESSAGE_BYTES} bytes; not read"),
                ),
            )),
            Line::Message => server.handle_line(&line),
        };
        if let Some(reply) = reply
            && !send(output, &reply)?
        {
            // The client closed its end: nobody is left to serve.
            return Ok(());
        }
    }
}

enum Line {
    Message,
    TooLong,
    End,
}

/// Reads up to the next newline into `line` (without it), keeping at most
/// `max` bytes: the rest of a longer line is skipped.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    line.clear();
    let mut too_long = false;
    let mut read_any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (read_any, too_long) {
                (false, _) => Line::End,
                (true, true) => Line::TooLong,
                (true, false) => Line::Message,
            });
        }
        read_any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let chunk = &available[..newline.unwrap_or(available.len())];
        if !too_long {
            if line.len() + chunk.len() > max {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = newline.map_or(available.len(), |at| at + 1);
        input.consume(used);
        if newline.is_some() {
            return Ok(if too_long {
                Line::TooLong
            } else {
                Line::Message
            });
        }
    }
}

/// Writes one message and a newline, and flushes. `false` when the reader
/// has gone away.
fn send(output: &mut dyn Write, message: &Value) -> Result<bool> {
    let mut bytes = serde_json::to_vec(message).map_err(|e| Error::Write {
        path: PathBuf::from("<stdout>"),
        source: io::Error::other(e),
    })?;
    bytes.push(b'\n');
    match output.write_all(&bytes).and_then(|()| output.flush()) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(source) => Err(Error::Write {
            path: PathBuf::from("<stdout>"),
            source,
        }),
    }
}

/// Tools and resources, with no change notifications: the records are
/// read afresh for every request instead.
fn capabilities() -> Value {
    json!({"tools": {}, "resources": {}})
}

fn server_info() -> Value {
    json!({
        "name": "adr",
        "title": "Architecture Decision Records",
        "version": env!("CARGO_PKG_VERSION"),
    })
}

impl Server<'_> {
    /// The reply to one line, if it calls for one.
    fn handle_line(&self, line: &[u8]) -> Option<Value> {
        if line.trim_ascii().is_empty() {
            return None;
        }
        let message: Value = match serde_json::from_slice(line) {
            Ok(message) => message,
            Err(e) => {
                return Some(failure(
                    Value::Null,
                    RpcError::new(PARSE_ERROR, format!("parse error: {e}")),
                ));
            }
        };
        match message {
            // A JSON-RPC batch (MCP 2025-03-26): one array of replies.
            Value::Array(batch) if batch.is_empty() => Some(failure(
                Value::Null,
                RpcError::invalid_request("an empty batch is not a request"),
            )),
            Value::Array(batch) => {
                let replies: Vec<Value> = batch
                    .into_iter()
                    .filter_map(|m| self.handle_message(m))
                    .collect();
                (!replies.is_empty()).then_some(Value::Array(replies))
            }
            message => self.handle_message(message),
        }
    }

    /// The reply to one message: `None` for notifications and for replies
    /// (this server sends no requests, so expects none back).
    fn handle_message(&self, message: Value) -> Option<Value> {
        let Value::Object(message) = message else {
            return Some(failure(
                Value::Null,
                RpcError::invalid_request("a message must be a JSON object"),
            ));
        };
        let id = message.get("id").cloned();
        let valid_id = id
            .as_ref()
            .filter(|id| id.is_string() || id.is_i64() || id.is_u64())
            .cloned();
        let invalid = |why: &str| {
            Some(failure(
                valid_id.clone().unwrap_or(Value::Null),
                RpcError::invalid_request(why),
            ))
        };
        if message.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
            return invalid("not JSON-RPC 2.0: `jsonrpc` must be \"2.0\"");
        }
        let method = match message.get("method") {
            Some(Value::String(method)) => method.as_str(),
            Some(_) => return invalid("`method` must be a string"),
            None if id.is_some()
                && (message.contains_key("result") || message.contains_key("error")) =>
            {
                return None;
            }
            None => return invalid("a request needs a `method`"),
        };
        // A notification (`notifications/initialized`, `…/cancelled`…) has
        // no `id` and gets no reply.
        let id = id?;
        let Some(id) = valid_id else {
            return Some(failure(
                Value::Null,
                RpcError::invalid_request(format!("`id` must be a string or an integer, not {id}")),
            ));
        };
        let empty = Map::new();
        let params = match message.get("params") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(params)) => params,
            Some(_) => {
                return Some(failure(
                    id,
                    RpcError::invalid_params("`params` must be an object"),
                ));
            }
        };
        let era = match Era::of(method, params) {
            Ok(era) => era,
            Err(error) => return Some(failure(id, error)),
        };
        // A fault in one request must not end the session.
        let outcome = catch_unwind(AssertUnwindSafe(|| self.dispatch(method, params)))
            .unwrap_or_else(|_| {
                Err(RpcError::internal(format!(
                    "adr failed while handling {method}; this is a bug"
                )))
            });
        Some(match outcome {
            Ok(result) => success(id, era.result(method, result, &server_info())),
            Err(error) => failure(id, era.error(error)),
        })
    }

    fn dispatch(&self, method: &str, params: &Map<String, Value>) -> Result<Value, RpcError> {
        match method {
            "server/discover" => Ok(self.discover()),
            "initialize" => Ok(self.initialize(params)),
            "ping" => Ok(json!({})),
            "tools/list" => Ok(json!({"tools": tools::definitions(self.allow_write)})),
            "tools/call" => self.call_tool(params),
            "resources/list" => resources::list(self),
            "resources/templates/list" => Ok(json!({"resourceTemplates": []})),
            "resources/read" => {
                let uri = params.get("uri").and_then(Value::as_str).ok_or_else(|| {
                    RpcError::invalid_params("resources/read needs `uri`, a string")
                })?;
                resources::read(self, uri)
            }
            other => Err(RpcError::new(
                METHOD_NOT_FOUND,
                format!("method not found: {other}"),
            )),
        }
    }

    fn initialize(&self, params: &Map<String, Value>) -> Value {
        let requested = params.get("protocolVersion").and_then(Value::as_str);
        json!({
            "protocolVersion": negotiate(requested),
            "capabilities": capabilities(),
            "serverInfo": server_info(),
            "instructions": self.instructions(),
        })
    }

    /// What `initialize` says, for modern clients: who answers is in the
    /// result's `_meta`, as on every modern result.
    fn discover(&self) -> Value {
        json!({
            "supportedVersions": MODERN_VERSIONS,
            "capabilities": capabilities(),
            "instructions": self.instructions(),
        })
    }

    fn instructions(&self) -> String {
        let mut text = format!(
            "The project's Architecture Decision Records (ADRs), in {}. Use list_records or \
             search_records to find decisions, read_record for one record's text and \
             relations, and graph for how decisions relate (supersedes, amends…) and which \
             are still in force. Each record is also a resource, adr:///<path>.",
            self.project.repo.dir.display()
        );
        if self.allow_write {
            text.push_str(
                " propose_record creates a new record with status proposed; set_status \
                 changes a record's status.",
            );
        } else {
            text.push_str(" This server is read-only.");
        }
        text
    }

    fn call_tool(&self, params: &Map<String, Value>) -> Result<Value, RpcError> {
        let name = params
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| RpcError::invalid_params("tools/call needs `name`, a string"))?;
        let empty = Map::new();
        let arguments = match params.get("arguments") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(arguments)) => arguments,
            Some(_) => {
                return Err(RpcError::invalid_params(
                    "tools/call's `arguments` must be an object",
                ));
            }
        };
        tools::call(self, name, arguments).ok_or_else(|| {
            RpcError::invalid_params(format!("unknown tool: {name}"))
                .with_data(json!({"tool": name}))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<std::result::Result<String, &'static str>> {
        let mut input = io::BufReader::with_capacity(4, input);
        let mut line = Vec::new();
        let mut out = Vec::new();
        loop {
            match read_line(&mut input, &mut line, max).expect("in memory") {
                Line::End => return out,
                Line::TooLong => out.push(Err("too long")),
                Line::Message => out.push(Ok(String::from_utf8_lossy(&line).into_owned())),
            }
        }
    }

    #[test]
    fn lines_are_split_and_bounded() {
        assert_eq!(
            lines(b"one\ntwo-is-long\r\n\nlast", 8),
            vec![
                Ok("one".to_string()),
                Err("too long"),
                Ok(String::new()),
                Ok("last".to_string())
            ]
        );
        assert!(lines(b"", 8).is_empty());
    }

    fn server_reply(message: &str) -> Option<Value> {
        let env = crate::project::Environment {
            cwd: std::path::PathBuf::from("/nonexistent"),
            ..Default::default()
        };
        let project = Project::open(env, None).expect("located");
        let server = Server {
            project: &project,
            allow_write: false,
        };
        server.handle_line(message.as_bytes())
    }

    #[test]
    fn notifications_and_replies_get_no_answer() {
        assert_eq!(
            server_reply(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#),
            None
        );
        assert_eq!(
            server_reply(r#"{"jsonrpc":"2.0","method":"no/such/notification"}"#),
            None
        );
        assert_eq!(
            server_reply(r#"{"jsonrpc":"2.0","id":1,"result":{}}"#),
            None
        );
        assert_eq!(server_reply("   "), None);
    }

    #[test]
    fn malformed_messages_get_json_rpc_errors() {
        let code = |line: &str| server_reply(line).map(|r| r["error"]["code"].clone());
        assert_eq!(code("{nope"), Some(json!(-32700)));
        assert_eq!(code("[]"), Some(json!(-32600)));
        assert_eq!(code("3"), Some(json!(-32600)));
        assert_eq!(code(r#"{"id":1,"method":"ping"}"#), Some(json!(-32600)));
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":{},"method":"ping"}"#),
            Some(json!(-32600))
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}"#),
            Some(json!(-32602))
        );
        assert_eq!(
            code(r#"{"jsonrpc":"2.0","id":1,"method":"nope"}"#),
            Some(json!(-32601))
        );
    }

    #[test]
    fn batches_answer_requests_only() {
        let reply = server_reply(
            r#"[{"jsonrpc":"2.0","id":"a","method":"ping"},{"jsonrpc":"2.0","method":"x"}]"#,
        );
        assert_eq!(
            reply,
            Some(json!([{"jsonrpc": "2.0", "id": "a", "result": {}}]))
        );
    }
}
