//! `adr mcp`: the Model Context Protocol server, driven as a client would
//! drive it: the real binary as a child process, one JSON-RPC message a
//! line on its stdin, one reply a line read from its stdout. Every read
//! has a timeout, so a server that hangs fails the test.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{DATE, Sandbox};

/// How long a reply may take.
const TIMEOUT: Duration = Duration::from_secs(20);

const POSTGRES: &str = "doc/adr/0002-use-postgresql.md";
const COCKROACH: &str = "doc/adr/0003-use-cockroachdb.md";

/// 1: adr-tools' first record; 2: PostgreSQL (tag db), superseded by
/// 3: CockroachDB.
fn project() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.adr(&["init"]).ok();
    sandbox.write(
        POSTGRES,
        "# 2. Use PostgreSQL\n\nDate: 2020-01-01\n\nTags: db\n\n## Status\n\n\
         Superseded by [3. Use CockroachDB](0003-use-cockroachdb.md)\n\n## Context\n\n\
         We need a relational database.\n\n## Decision\n\nUse PostgreSQL 12.\n\n\
         ## Consequences\n\nReplication needs care.\n",
    );
    sandbox.write(
        COCKROACH,
        "# 3. Use CockroachDB\n\nDate: 2021-01-01\n\n## Status\n\nAccepted\n\n\
         Supersedes [2. Use PostgreSQL](0002-use-postgresql.md)\n\n## Context\n\n\
         PostgreSQL replication across regions was hard.\n\n## Decision\n\n\
         Use CockroachDB.\n",
    );
    sandbox
}

/// A running `adr mcp` and the lines it writes.
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    next_id: i64,
}

impl Server {
    /// Starts `adr mcp ARGS` in the sandbox's folder, with the sandbox's
    /// isolated environment.
    fn start(sandbox: &Sandbox, args: &[&str]) -> Self {
        let mut all = vec!["mcp"];
        all.extend_from_slice(args);
        let mut child = sandbox
            .command(&all)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start adr mcp");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            stdin: child.stdin.take(),
            child,
            lines,
            next_id: 0,
        }
    }

    /// Sends one line as is.
    fn send_line(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin still open");
        writeln!(stdin, "{line}").expect("write to the server");
        stdin.flush().expect("flush to the server");
    }

    fn send(&mut self, message: &Value) {
        self.send_line(&message.to_string());
    }

    /// The next line the server writes, which must be one JSON message.
    fn receive(&self) -> Value {
        let line = match self.lines.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => panic!("no reply within {TIMEOUT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its stdout"),
        };
        let message: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("stdout holds a line that is not JSON ({e}): {line}"));
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        message
    }

    /// Sends a request and returns the whole reply, checking its id.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let reply = self.receive();
        assert_eq!(reply["id"], id, "reply to another request: {reply}");
        reply
    }

    /// The result of a request that must succeed.
    fn result(&mut self, method: &str, params: Value) -> Value {
        let reply = self.request(method, params);
        assert!(reply.get("error").is_none(), "{method} failed: {reply}");
        reply["result"].clone()
    }

    /// The error of a request that must fail, as (code, message).
    fn error(&mut self, method: &str, params: Value) -> (i64, String) {
        let reply = self.request(method, params);
        let error = &reply["error"];
        (
            error["code"]
                .as_i64()
                .unwrap_or_else(|| panic!("no error: {reply}")),
            error["message"].as_str().unwrap_or_default().to_string(),
        )
    }

    /// A `tools/call` result (successful or `isError`).
    fn call(&mut self, tool: &str, arguments: Value) -> Value {
        self.result("tools/call", json!({"name": tool, "arguments": arguments}))
    }

    /// A tool call that must succeed: its structured content.
    fn call_ok(&mut self, tool: &str, arguments: Value) -> Value {
        let result = self.call(tool, arguments);
        assert_eq!(result["isError"], false, "{tool} failed: {result}");
        result["structuredContent"].clone()
    }

    /// A tool call that must fail: its explanation.
    fn call_fails(&mut self, tool: &str, arguments: Value) -> String {
        let result = self.call(tool, arguments);
        assert_eq!(result["isError"], true, "{tool} succeeded: {result}");
        result["content"][0]["text"]
            .as_str()
            .expect("a text explanation")
            .to_string()
    }

    /// The handshake: `initialize`, then the `initialized` notification.
    fn initialize(&mut self) -> Value {
        let result = self.result(
            "initialize",
            json!({
                "protocolVersion": "2025-06-18",
                "capabilities": {},
                "clientInfo": {"name": "test", "version": "1"},
            }),
        );
        self.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
        result
    }

    /// Closes stdin and waits for the server to exit.
    fn finish(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for adr mcp") {
                assert!(
                    self.lines.recv_timeout(Duration::from_secs(5)).is_err(),
                    "output after the end of input"
                );
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "adr mcp did not exit when its input ended"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn tool_names(result: &Value) -> Vec<String> {
    result["tools"]
        .as_array()
        .expect("a tools array")
        .iter()
        .map(|t| t["name"].as_str().expect("a name").to_string())
        .collect()
}

fn paths(records: &Value) -> Vec<String> {
    records
        .as_array()
        .expect("an array of records")
        .iter()
        .map(|r| r["path"].as_str().expect("a path").to_string())
        .collect()
}

fn handshake_then_notifications_get_no_reply() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    let init = server.initialize();
    assert_eq!(init["protocolVersion"], "2025-06-18");
    assert_eq!(init["capabilities"], json!({"tools": {}, "resources": {}}));
    assert_eq!(init["serverInfo"]["name"], "adr");
    assert_eq!(init["serverInfo"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        init["instructions"]
            .as_str()
            .is_some_and(|i| i.contains("list_records") && i.contains("read-only")),
        "{init}"
    );
    // Had the notification been answered, this would read that answer.
    server.send(
        &json!({"jsonrpc": "2.0", "method": "notifications/cancelled",
                        "params": {"requestId": 99}}),
    );
    assert_eq!(server.result("ping", json!({})), json!({}));
    // An unknown version is answered with the newest one spoken.
    let other = server.result("initialize", json!({"protocolVersion": "1999-01-01"}));
    let latest = other["protocolVersion"].as_str().expect("a version");
    assert!(latest.as_bytes() > b"2025-06-18".as_slice(), "{latest}");
    let old = server.result("initialize", json!({"protocolVersion": "2024-11-05"}));
    assert_eq!(old["protocolVersion"], "2024-11-05");
    assert!(server.finish().success());
}

fn tools_are_listed_with_schemas_and_write_tools_only_when_allowed() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let listed = server.result("tools/list", json!({}));
    assert_eq!(
        tool_names(&listed),
        ["list_records", "read_record", "search_records", "graph"]
    );
    for tool in listed["tools"].as_array().expect("tools") {
        assert_eq!(tool["inputSchema"]["type"], "object", "{tool}");
        assert!(tool["description"].as_str().is_some_and(|d| !d.is_empty()));
        assert_eq!(tool["annotations"]["readOnlyHint"], true, "{tool}");
    }
    assert_eq!(
        listed["tools"][1]["inputSchema"]["required"],
        json!(["reference"])
    );
    assert!(server.finish().success());

    let mut server = Server::start(&sandbox, &["--allow-write"]);
    server.initialize();
    let listed = server.result("tools/list", json!({}));
    assert_eq!(
        tool_names(&listed),
        [
            "list_records",
            "read_record",
            "search_records",
            "graph",
            "propose_record",
            "set_status"
        ]
    );
    let propose = &listed["tools"][4]["inputSchema"];
    assert_eq!(propose["required"], json!(["title"]));
    assert_eq!(
        propose["properties"]["format"]["enum"],
        json!(["nygard", "madr"])
    );
    assert_eq!(
        propose["properties"]["links"]["items"]["required"],
        json!(["target", "verb"])
    );
    assert!(server.finish().success());
}

fn list_records_gives_json_text_and_structured_content_with_filters() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let result = server.call("list_records", json!({}));
    assert_eq!(result["isError"], false);
    let structured = &result["structuredContent"];
    assert_eq!(
        paths(&structured["records"]),
        [
            "doc/adr/0001-record-architecture-decisions.md",
            POSTGRES,
            COCKROACH
        ]
    );
    assert_eq!(structured["count"], 3);
    let text: Value = serde_json::from_str(
        result["content"][0]["text"]
            .as_str()
            .expect("a text content"),
    )
    .expect("the text is JSON");
    assert_eq!(&text, structured);
    let postgres = &structured["records"][1];
    assert_eq!(postgres["number"], 2);
    assert_eq!(postgres["title"], "Use PostgreSQL");
    assert_eq!(postgres["status"], "superseded");
    assert_eq!(postgres["tags"], json!(["db"]));
    assert_eq!(postgres["links"][0]["target"], COCKROACH);

    let accepted = server.call_ok("list_records", json!({"status": "Accepted"}));
    assert_eq!(
        paths(&accepted["records"]),
        ["doc/adr/0001-record-architecture-decisions.md", COCKROACH]
    );
    let tagged = server.call_ok("list_records", json!({"tag": "DB"}));
    assert_eq!(paths(&tagged["records"]), [POSTGRES]);
    let none = server.call_ok("list_records", json!({"status": "accepted", "tag": "db"}));
    assert_eq!(none["count"], 0);
    assert!(server.finish().success());
}

fn read_record_gives_metadata_relations_and_markdown() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let result = server.call("read_record", json!({"reference": "2"}));
    assert_eq!(result["isError"], false, "{result}");
    let metadata: Value = serde_json::from_str(
        result["content"][0]["text"]
            .as_str()
            .expect("metadata text"),
    )
    .expect("metadata is JSON");
    assert_eq!(metadata["path"], POSTGRES);
    assert_eq!(metadata["in_force"], false);
    assert_eq!(metadata["in_force_successors"], json!([COCKROACH]));
    assert_eq!(
        metadata["relations"],
        json!([{"direction": "incoming", "kind": "supersedes",
                "reads": "superseded by", "record": COCKROACH}])
    );
    assert_eq!(result["content"][1]["text"], sandbox.read(POSTGRES));
    assert_eq!(result["structuredContent"]["text"], sandbox.read(POSTGRES));
    assert_eq!(result["structuredContent"]["title"], "Use PostgreSQL");

    // By file name and by a number given as a JSON number.
    let by_name = server.call_ok(
        "read_record",
        json!({"reference": "0003-use-cockroachdb.md"}),
    );
    assert_eq!(by_name["path"], COCKROACH);
    assert_eq!(by_name["relations"][0]["direction"], "outgoing");
    assert_eq!(by_name["relations"][0]["record"], POSTGRES);
    let by_number = server.call_ok("read_record", json!({"reference": 3}));
    assert_eq!(by_number["path"], COCKROACH);
    assert!(server.finish().success());
}

fn search_finds_words_in_titles_and_text_with_line_numbers() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let found = server.call_ok("search_records", json!({"query": "REPLICATION"}));
    assert_eq!(found["count"], 2);
    let hits = found["hits"].as_array().expect("hits");
    assert_eq!(hits[0]["path"], POSTGRES);
    assert_eq!(hits[1]["path"], COCKROACH);
    for hit in hits {
        let path = hit["path"].as_str().expect("a path");
        let text = sandbox.read(path);
        let line = hit["lines"][0]["line"].as_u64().expect("a line number");
        let shown = hit["lines"][0]["text"].as_str().expect("the line");
        assert_eq!(
            text.lines().nth(line as usize - 1),
            Some(shown),
            "{path}:{line}"
        );
        assert!(shown.to_lowercase().contains("replication"));
    }
    // Every word must be in the record; the title counts.
    let both = server.call_ok("search_records", json!({"query": "cockroachdb regions"}));
    assert_eq!(both["count"], 1);
    assert_eq!(both["hits"][0]["path"], COCKROACH);
    assert_eq!(both["hits"][0]["title_matches"], true);
    // Filters apply.
    let filtered = server.call_ok(
        "search_records",
        json!({"query": "replication", "status": "superseded"}),
    );
    assert_eq!(filtered["count"], 1);
    assert_eq!(filtered["hits"][0]["path"], POSTGRES);
    let nothing = server.call_ok("search_records", json!({"query": "kubernetes"}));
    assert_eq!(nothing["count"], 0);
    assert!(
        server
            .call_fails("search_records", json!({}))
            .contains("query")
    );
    assert!(server.finish().success());
}

fn graph_gives_nodes_and_edges() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let graph = server.call_ok("graph", json!({}));
    assert_eq!(graph["nodes"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        graph["edges"],
        json!([{"from": COCKROACH, "to": POSTGRES, "kind": "supersedes"}])
    );
    let in_force = server.call_ok("graph", json!({"in_force": true}));
    let ids: Vec<&str> = in_force["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["doc/adr/0001-record-architecture-decisions.md", COCKROACH]
    );
    let from = server.call_ok("graph", json!({"from": "3"}));
    assert_eq!(from["nodes"].as_array().map(Vec::len), Some(2));
    assert!(server.finish().success());
}

fn records_are_resources() {
    let mut sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let listed = server.result("resources/list", json!({}));
    let resources = listed["resources"].as_array().expect("resources");
    assert_eq!(resources.len(), 3);
    assert_eq!(resources[1]["uri"], format!("adr:///{POSTGRES}"));
    assert_eq!(resources[1]["mimeType"], "text/markdown");
    assert_eq!(resources[1]["name"], "0002-use-postgresql.md");
    assert_eq!(resources[1]["title"], "2. Use PostgreSQL");
    let read = server.result(
        "resources/read",
        json!({"uri": format!("adr:///{POSTGRES}")}),
    );
    assert_eq!(
        read["contents"],
        json!([{"uri": format!("adr:///{POSTGRES}"), "mimeType": "text/markdown",
                "text": sandbox.read(POSTGRES)}])
    );
    let (code, _) = server.error("resources/read", json!({"uri": "adr:///doc/adr/9.md"}));
    assert_eq!(code, -32002);
    let (code, _) = server.error("resources/read", json!({}));
    assert_eq!(code, -32602);
    assert!(server.finish().success());

    // From a folder below the project, the URIs stay the same.
    sandbox.cd("src/deep");
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let listed = server.result("resources/list", json!({}));
    assert_eq!(listed["resources"][2]["uri"], format!("adr:///{COCKROACH}"));
    let read = server.result(
        "resources/read",
        json!({"uri": format!("adr:///{COCKROACH}")}),
    );
    assert_eq!(read["contents"][0]["text"], sandbox.read(COCKROACH));
    let record = server.call_ok("read_record", json!({"reference": "3"}));
    assert_eq!(record["path"], format!("../../{COCKROACH}"));
    assert!(server.finish().success());
}

fn errors_are_json_rpc_errors_or_tool_errors() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let (code, message) = server.error("prompts/list", json!({}));
    assert_eq!(code, -32601);
    assert!(message.contains("prompts/list"), "{message}");
    // Bad parameters of the protocol itself.
    assert_eq!(server.error("tools/call", json!({})).0, -32602);
    assert_eq!(
        server
            .error(
                "tools/call",
                json!({"name": "read_record", "arguments": [1]})
            )
            .0,
        -32602
    );
    let (code, message) = server.error("tools/call", json!({"name": "delete_everything"}));
    assert_eq!(code, -32602);
    assert!(message.contains("delete_everything"), "{message}");
    // Not JSON-RPC: no `jsonrpc`, no method.
    server.send(&json!({"id": 41, "method": "ping"}));
    let reply = server.receive();
    assert_eq!(
        (reply["id"].clone(), reply["error"]["code"].clone()),
        (json!(41), json!(-32600))
    );
    server.send(&json!({"jsonrpc": "2.0", "id": 42}));
    assert_eq!(server.receive()["error"]["code"], -32600);
    // A tool that fails says why, as a result.
    let unknown = server.call_fails("read_record", json!({"reference": "99"}));
    assert!(unknown.contains("no ADR matches `99`"), "{unknown}");
    let missing = server.call_fails("read_record", json!({}));
    assert!(missing.contains("reference"), "{missing}");
    let typo = server.call_fails("read_record", json!({"ref": "2"}));
    assert!(
        typo.contains("`ref`") && typo.contains("`reference`"),
        "{typo}"
    );
    let wrong_type = server.call_fails("graph", json!({"in_force": "yes"}));
    assert!(wrong_type.contains("in_force"), "{wrong_type}");
    // Still serving.
    assert_eq!(server.result("ping", json!({})), json!({}));
    assert!(server.finish().success());
}

fn malformed_lines_get_a_parse_error_and_the_server_goes_on() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    server.send_line("{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": ");
    let reply = server.receive();
    assert_eq!(reply["error"]["code"], -32700, "{reply}");
    assert_eq!(reply["id"], Value::Null);
    server.send_line("");
    server.send_line("not json at all");
    assert_eq!(server.receive()["error"]["code"], -32700);
    // A batch gets an array of replies, notifications left out.
    server.send_line(
        r#"[{"jsonrpc":"2.0","id":"a","method":"ping"},{"jsonrpc":"2.0","method":"notifications/x"}]"#,
    );
    let line = server.lines.recv_timeout(TIMEOUT).expect("a batch reply");
    let batch: Value = serde_json::from_str(&line).expect("JSON");
    assert_eq!(batch, json!([{"jsonrpc": "2.0", "id": "a", "result": {}}]));
    let records = server.call_ok("list_records", json!({}));
    assert_eq!(records["count"], 3);
    assert!(server.finish().success());
}

fn records_are_read_afresh_for_every_call() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    assert_eq!(server.call_ok("list_records", json!({}))["count"], 3);
    sandbox.adr(&["new", "Use", "Redis"]).ok();
    let records = server.call_ok("list_records", json!({}));
    assert_eq!(records["count"], 4);
    assert_eq!(records["records"][3]["title"], "Use Redis");
    assert!(server.finish().success());
}

fn write_tools_are_refused_without_allow_write() {
    let sandbox = project();
    let before = sandbox.tree();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let refused = server.call_fails("propose_record", json!({"title": "Use Redis"}));
    assert!(
        refused.contains("write tools are off") && refused.contains("--allow-write"),
        "{refused}"
    );
    let refused = server.call_fails(
        "set_status",
        json!({"reference": "3", "status": "deprecated"}),
    );
    assert!(refused.contains("write tools are off"), "{refused}");
    assert!(server.finish().success());
    assert_eq!(sandbox.tree(), before, "nothing may change");
}

fn write_tools_create_proposed_records_and_set_statuses() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &["--allow-write"]);
    server.initialize();
    let created = server.call(
        "propose_record",
        json!({
            "title": "Use Redis for caching",
            "links": [{"target": "3", "verb": "Amends"}],
            "tags": ["cache"],
        }),
    );
    assert_eq!(created["isError"], false, "{created}");
    let path = "doc/adr/0004-use-redis-for-caching.md";
    assert_eq!(created["structuredContent"]["path"], path);
    assert_eq!(created["structuredContent"]["changed"], json!([COCKROACH]));
    let text = sandbox.read(path);
    assert!(
        text.starts_with(&format!("# 4. Use Redis for caching\n\nDate: {DATE}\n")),
        "{text}"
    );
    assert!(text.contains("## Status\n\nProposed\n"), "{text}");
    assert!(
        text.contains("Amends [3. Use CockroachDB](0003-use-cockroachdb.md)"),
        "{text}"
    );
    assert!(
        sandbox
            .read(COCKROACH)
            .contains("Amended by [4. Use Redis for caching](0004-use-redis-for-caching.md)")
    );
    assert_eq!(created["content"][1]["text"], text);
    let record = server.call_ok("read_record", json!({"reference": "4"}));
    assert_eq!(record["status"], "proposed");
    assert_eq!(record["tags"], json!(["cache"]));

    // MADR, superseding a record.
    let madr = server.call_ok(
        "propose_record",
        json!({"title": "Use Valkey", "format": "madr", "supersedes": ["4"]}),
    );
    let madr_path = "doc/adr/0005-use-valkey.md";
    assert_eq!(madr["path"], madr_path);
    assert!(
        sandbox
            .read(madr_path)
            .starts_with("---\nstatus: proposed\n")
    );
    assert_eq!(
        server.call_ok("read_record", json!({"reference": "4"}))["status"],
        "superseded"
    );

    let set = server.call_ok(
        "set_status",
        json!({"reference": "5", "status": "Accepted"}),
    );
    assert_eq!(set["changed"], json!([madr_path]));
    let accepted = server.call_ok("list_records", json!({"status": "accepted"}));
    assert!(paths(&accepted["records"]).contains(&madr_path.to_string()));

    // Failures are tool errors, and change nothing.
    let before = sandbox.tree();
    let bad = server.call_fails("set_status", json!({"reference": "5", "status": "maybe"}));
    assert!(bad.contains("unknown status"), "{bad}");
    let bad = server.call_fails(
        "set_status",
        json!({"reference": "3", "status": "superseded"}),
    );
    assert!(bad.contains("supersedes"), "{bad}");
    let bad = server.call_fails(
        "propose_record",
        json!({"title": "X", "supersedes": ["99"]}),
    );
    assert!(bad.contains("99"), "{bad}");
    let bad = server.call_fails("propose_record", json!({"title": "X", "format": "rst"}));
    assert!(bad.contains("rst"), "{bad}");
    let bad = server.call_fails(
        "propose_record",
        json!({"title": "X", "links": [{"target": "3", "verb": "Checks"}]}),
    );
    assert!(bad.contains("reverse"), "{bad}");
    assert_eq!(sandbox.tree(), before);
    assert!(server.finish().success());
}

fn without_an_adr_folder_tools_say_so() {
    let sandbox = Sandbox::new();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let why = server.call_fails("list_records", json!({}));
    assert!(why.contains("no ADR folder found"), "{why}");
    assert!(server.finish().success());
}

fn end_of_input_ends_the_server_with_status_0() {
    let sandbox = project();
    // Without so much as a handshake.
    let server = Server::start(&sandbox, &[]);
    let status = server.finish();
    assert_eq!(status.code(), Some(0));
    // In the middle of a session, with a last line that has no newline.
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let stdin = server.stdin.as_mut().expect("stdin");
    write!(stdin, r#"{{"jsonrpc":"2.0","id":7,"method":"ping"}}"#).expect("write");
    drop(server.stdin.take());
    let reply = server.receive();
    assert_eq!(reply["id"], 7);
    assert_eq!(server.finish().code(), Some(0));
}

/// The `_meta` a 2026-07-28 request carries instead of a handshake.
fn modern(params: Value) -> Value {
    let mut params = params;
    params["_meta"] = json!({
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": {},
        "io.modelcontextprotocol/clientInfo": {"name": "test", "version": "1"},
    });
    params
}

fn modern_clients_discover_then_call_without_a_handshake() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    let discovered = server.result("server/discover", modern(json!({})));
    assert_eq!(discovered["supportedVersions"], json!(["2026-07-28"]));
    assert_eq!(discovered["resultType"], "complete");
    assert_eq!(
        discovered["capabilities"],
        json!({"tools": {}, "resources": {}})
    );
    assert_eq!(
        discovered["_meta"]["io.modelcontextprotocol/serverInfo"]["name"],
        "adr"
    );
    assert_eq!(
        (
            discovered["ttlMs"].clone(),
            discovered["cacheScope"].clone()
        ),
        (json!(0), json!("private"))
    );
    let listed = server.result("tools/list", modern(json!({})));
    assert_eq!(listed["resultType"], "complete");
    assert_eq!(listed["ttlMs"], 0);
    assert_eq!(tool_names(&listed).len(), 4);
    let called = server.result(
        "tools/call",
        modern(json!({"name": "read_record", "arguments": {"reference": 3}})),
    );
    assert_eq!(called["resultType"], "complete");
    assert_eq!(called["structuredContent"]["path"], COCKROACH);
    assert!(called.get("ttlMs").is_none(), "{called}");
    // Resource not found is invalid params from 2026-07-28 on, -32002 before.
    let gone = json!({"uri": "adr:///doc/adr/0099-none.md"});
    assert_eq!(
        server.error("resources/read", modern(gone.clone())).0,
        -32602
    );
    assert_eq!(server.error("resources/read", gone).0, -32002);
    // The same connection still serves a legacy client.
    let legacy = server.initialize();
    assert_eq!(legacy["protocolVersion"], "2025-06-18");
    assert!(legacy.get("resultType").is_none());
    assert!(server.finish().success());
}

fn versions_are_negotiated_per_era() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    for (asked, given) in [
        ("2025-11-25", "2025-11-25"),
        ("2025-03-26", "2025-03-26"),
        ("2024-11-05", "2024-11-05"),
        ("2024-10-07", "2025-11-25"),
        ("2026-07-28", "2025-11-25"),
    ] {
        let result = server.result(
            "initialize",
            json!({"protocolVersion": asked, "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}),
        );
        assert_eq!(result["protocolVersion"], given, "asked {asked}");
    }
    let mut unsupported = modern(json!({}));
    unsupported["_meta"]["io.modelcontextprotocol/protocolVersion"] = json!("2025-11-25");
    let reply = server.request("tools/list", unsupported);
    assert_eq!(reply["error"]["code"], -32022, "{reply}");
    assert_eq!(
        reply["error"]["data"],
        json!({"supported": ["2026-07-28"], "requested": "2025-11-25"})
    );
    let mut without_capabilities = modern(json!({}));
    without_capabilities["_meta"]
        .as_object_mut()
        .expect("meta")
        .remove("io.modelcontextprotocol/clientCapabilities");
    let (code, message) = server.error("tools/list", without_capabilities);
    assert_eq!(code, -32602);
    assert!(message.contains("clientCapabilities"), "{message}");
    assert!(server.finish().success());
}

fn arguments_must_fit_the_declared_schema() {
    let sandbox = project();
    let mut server = Server::start(&sandbox, &[]);
    server.initialize();
    let listed = server.result("tools/list", json!({}));
    assert_eq!(
        listed["tools"][1]["inputSchema"]["properties"]["reference"]["type"],
        json!(["string", "integer"])
    );
    // A record's number may be given as an integer, as declared…
    assert_eq!(
        server.call_ok("read_record", json!({"reference": 3}))["path"],
        COCKROACH
    );
    // …but a number where a string is declared is refused, never taken
    // for a filter that matches nothing.
    let status = server.call_fails("list_records", json!({"status": 3}));
    assert_eq!(
        status,
        "invalid arguments: list_records's `status` must be a string, not the number 3"
    );
    let fraction = server.call_fails("read_record", json!({"reference": 2.5}));
    assert!(
        fraction.contains("must be a string or an integer"),
        "{fraction}"
    );
    let null = server.call_fails("search_records", json!({"query": "x", "tag": null}));
    assert!(null.contains("`tag` must be a string, not null"), "{null}");
    let empty = server.call_fails("search_records", json!({"query": ""}));
    assert!(empty.contains("`query` must not be empty"), "{empty}");
    assert!(server.finish().success());
}

/// This module's tests, as the harness runs them.
pub fn tests() -> Vec<crate::harness::Test> {
    vec![
        test!(handshake_then_notifications_get_no_reply),
        test!(tools_are_listed_with_schemas_and_write_tools_only_when_allowed),
        test!(list_records_gives_json_text_and_structured_content_with_filters),
        test!(read_record_gives_metadata_relations_and_markdown),
        test!(search_finds_words_in_titles_and_text_with_line_numbers),
        test!(graph_gives_nodes_and_edges),
        test!(records_are_resources),
        test!(errors_are_json_rpc_errors_or_tool_errors),
        test!(malformed_lines_get_a_parse_error_and_the_server_goes_on),
        test!(records_are_read_afresh_for_every_call),
        test!(write_tools_are_refused_without_allow_write),
        test!(write_tools_create_proposed_records_and_set_statuses),
        test!(without_an_adr_folder_tools_say_so),
        test!(end_of_input_ends_the_server_with_status_0),
        test!(modern_clients_discover_then_call_without_a_handshake),
        test!(versions_are_negotiated_per_era),
        test!(arguments_must_fit_the_declared_schema),
    ]
}
