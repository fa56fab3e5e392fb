//! JSON-RPC 2.0 as MCP uses it: error codes, replies, version negotiation.

use serde_json::{Map, Value, json};

/// The line is not JSON.
pub const PARSE_ERROR: i64 = -32700;
/// JSON, but not a JSON-RPC request.
pub const INVALID_REQUEST: i64 = -32600;
pub const METHOD_NOT_FOUND: i64 = -32601;
pub const INVALID_PARAMS: i64 = -32602;
pub const INTERNAL_ERROR: i64 = -32603;
/// MCP's code for a `resources/read` of an unknown URI.
pub const RESOURCE_NOT_FOUND: i64 = -32002;

/// The protocol revisions this server speaks, newest first.
pub const SUPPORTED_VERSIONS: &[&str] = &["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];

/// The client's version when this server speaks it, else the newest one
/// (the client then decides whether it can go on).
pub fn negotiate(requested: Option<&str>) -> &'static str {
    requested
        .and_then(|r| SUPPORTED_VERSIONS.iter().find(|v| **v == r))
        .copied()
        .unwrap_or(SUPPORTED_VERSIONS[0])
}

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(INVALID_REQUEST, message)
    }

    pub fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(INVALID_PARAMS, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(INTERNAL_ERROR, message)
    }
}

/// `{"jsonrpc": "2.0", "id": …, "result": …}`.
pub fn success(id: Value, result: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "result": result})
}

/// `{"jsonrpc": "2.0", "id": …, "error": {code, message, data?}}`.
pub fn failure(id: Value, error: RpcError) -> Value {
    let mut object = Map::new();
    object.insert("code".into(), error.code.into());
    object.insert("message".into(), error.message.into());
    if let Some(data) = error.data {
        object.insert("data".into(), data);
    }
    json!({"jsonrpc": "2.0", "id": id, "error": object})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_echoed_when_known() {
        assert_eq!(negotiate(Some("2024-11-05")), "2024-11-05");
        assert_eq!(negotiate(Some("2025-06-18")), "2025-06-18");
        assert_eq!(negotiate(Some("1999-01-01")), SUPPORTED_VERSIONS[0]);
        assert_eq!(negotiate(None), SUPPORTED_VERSIONS[0]);
    }

    #[test]
    fn errors_carry_data_only_when_given() {
        let plain = failure(json!(1), RpcError::new(METHOD_NOT_FOUND, "no"));
        assert_eq!(
            plain,
            json!({"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "no"}})
        );
        let with = failure(
            Value::Null,
            RpcError::new(RESOURCE_NOT_FOUND, "gone").with_data(json!({"uri": "adr:///x"})),
        );
        assert_eq!(with["error"]["data"]["uri"], "adr:///x");
    }
}
