//! JSON-RPC 2.0 as MCP uses it: error codes, replies, and the two eras of
//! protocol versions.
//!
//! Legacy revisions (2025-11-25 and before) open with an `initialize`
//! handshake that fixes one version for the whole connection. Modern ones
//! (2026-07-28 on) have no handshake: every request names its version in
//! `params._meta`, and `server/discover` tells a client which versions
//! there are. This server is dual-era: a request carrying the modern
//! `_meta` is answered the modern way, anything else the legacy way, on the
//! same connection.

use serde_json::{Map, Value, json};

/// The line is not JSON.
pub(super) const PARSE_ERROR: i64 = -32700;
/// JSON, but not a JSON-RPC request.
pub(super) const INVALID_REQUEST: i64 = -32600;
pub(super) const METHOD_NOT_FOUND: i64 = -32601;
pub(super) const INVALID_PARAMS: i64 = -32602;
pub(super) const INTERNAL_ERROR: i64 = -32603;
/// The legacy code for a `resources/read` of an unknown URI; modern
/// revisions use [`INVALID_PARAMS`] instead.
pub(super) const RESOURCE_NOT_FOUND: i64 = -32002;
/// A modern request names a version this server does not speak.
pub(super) const UNSUPPORTED_PROTOCOL_VERSION: i64 = -32022;

/// The revisions negotiated by `initialize`, newest first.
pub(super) const LEGACY_VERSIONS: &[&str] =
    &["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"];
/// The revisions a request may name in its `_meta`, newest first.
pub(super) const MODERN_VERSIONS: &[&str] = &["2026-07-28"];

pub(super) const PROTOCOL_VERSION_KEY: &str = "io.modelcontextprotocol/protocolVersion";
pub(super) const CLIENT_CAPABILITIES_KEY: &str = "io.modelcontextprotocol/clientCapabilities";
pub(super) const SERVER_INFO_KEY: &str = "io.modelcontextprotocol/serverInfo";

/// The modern methods whose results say how long they may be cached.
const CACHEABLE: &[&str] = &[
    "server/discover",
    "tools/list",
    "resources/list",
    "resources/templates/list",
    "resources/read",
];

/// `initialize`: the client's version when this server speaks it, else the
/// newest legacy one (the client then decides whether it can go on). A
/// modern version is never the answer: it is not negotiated this way.
pub(super) fn negotiate(requested: Option<&str>) -> &'static str {
    requested
        .and_then(|r| LEGACY_VERSIONS.iter().find(|v| **v == r))
        .copied()
        .unwrap_or(LEGACY_VERSIONS[0])
}

/// How one request is to be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Era {
    /// After (or without) an `initialize` handshake.
    Legacy,
    /// Stateless, at this revision.
    Modern(&'static str),
}

impl Era {
    /// The era a request asks for, from its `_meta`. `initialize` is
    /// legacy whatever it carries; `server/discover` is modern even bare,
    /// since only modern clients send it.
    pub(super) fn of(method: &str, params: &Map<String, Value>) -> Result<Self, RpcError> {
        if method == "initialize" {
            return Ok(Self::Legacy);
        }
        let meta = params.get("_meta").and_then(Value::as_object);
        let Some(requested) = meta.and_then(|m| m.get(PROTOCOL_VERSION_KEY)) else {
            return Ok(if method == "server/discover" {
                Self::Modern(MODERN_VERSIONS[0])
            } else {
                Self::Legacy
            });
        };
        let Some(requested) = requested.as_str() else {
            return Err(RpcError::invalid_params(format!(
                "`_meta.{PROTOCOL_VERSION_KEY}` must be a string"
            )));
        };
        let Some(version) = MODERN_VERSIONS.iter().find(|v| **v == requested) else {
            return Err(RpcError::new(
                UNSUPPORTED_PROTOCOL_VERSION,
                format!(
                    "Unsupported protocol version {requested}: requests may name {} in _meta; \
                     {} are served after an initialize handshake",
                    MODERN_VERSIONS.join(", "),
                    LEGACY_VERSIONS.join(", ")
                ),
            )
            .with_data(json!({"supported": MODERN_VERSIONS, "requested": requested})));
        };
        if !meta
            .and_then(|m| m.get(CLIENT_CAPABILITIES_KEY))
            .is_some_and(Value::is_object)
        {
            return Err(RpcError::invalid_params(format!(
                "a {version} request needs `_meta.{CLIENT_CAPABILITIES_KEY}`, an object"
            )));
        }
        Ok(Self::Modern(version))
    }

    /// A result as this era writes it: modern results say they are
    /// complete, who answered, and how long they may be cached (not at
    /// all: the records are read afresh for every request).
    pub(super) fn result(self, method: &str, result: Value, server_info: &Value) -> Value {
        let (Self::Modern(_), Value::Object(mut object)) = (self, result.clone()) else {
            return result;
        };
        object
            .entry("resultType")
            .or_insert_with(|| "complete".into());
        if CACHEABLE.contains(&method) {
            object.insert("ttlMs".into(), 0.into());
            object.insert("cacheScope".into(), "private".into());
        }
        let meta = object
            .entry("_meta")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(meta) = meta {
            meta.insert(SERVER_INFO_KEY.into(), server_info.clone());
        }
        Value::Object(object)
    }

    /// An error as this era numbers it.
    pub(super) fn error(self, mut error: RpcError) -> RpcError {
        if matches!(self, Self::Modern(_)) && error.code == RESOURCE_NOT_FOUND {
            error.code = INVALID_PARAMS;
        }
        error
    }
}

/// A JSON-RPC error object.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

impl RpcError {
    pub(super) fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }

    pub(super) fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    pub(super) fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(INVALID_REQUEST, message)
    }

    pub(super) fn invalid_params(message: impl Into<String>) -> Self {
        Self::new(INVALID_PARAMS, message)
    }

    pub(super) fn internal(message: impl Into<String>) -> Self {
        Self::new(INTERNAL_ERROR, message)
    }
}

/// `{"jsonrpc": "2.0", "id": …, "result": …}`.
pub(super) fn success(id: Value, result: Value) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "result": result})
}

/// `{"jsonrpc": "2.0", "id": …, "error": {code, message, data?}}`.
pub(super) fn failure(id: Value, error: RpcError) -> Value {
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
        assert_eq!(negotiate(Some("1999-01-01")), LEGACY_VERSIONS[0]);
        assert_eq!(negotiate(Some("2026-07-28")), LEGACY_VERSIONS[0]);
        assert_eq!(negotiate(None), LEGACY_VERSIONS[0]);
    }

    fn params(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn the_era_comes_from_each_request() {
        let modern = params(json!({"_meta": {
            PROTOCOL_VERSION_KEY: "2026-07-28", CLIENT_CAPABILITIES_KEY: {}
        }}));
        assert_eq!(
            Era::of("tools/list", &modern),
            Ok(Era::Modern("2026-07-28"))
        );
        assert_eq!(Era::of("initialize", &modern), Ok(Era::Legacy));
        assert_eq!(Era::of("tools/list", &params(json!({}))), Ok(Era::Legacy));
        assert_eq!(
            Era::of("server/discover", &params(json!({}))),
            Ok(Era::Modern("2026-07-28"))
        );
        let code = |p: Value| Era::of("tools/list", &params(p)).map_err(|e| e.code);
        let old =
            json!({"_meta": {PROTOCOL_VERSION_KEY: "2025-11-25", CLIENT_CAPABILITIES_KEY: {}}});
        assert_eq!(code(old.clone()), Err(UNSUPPORTED_PROTOCOL_VERSION));
        let error = Era::of("tools/list", &params(old)).expect_err("unsupported");
        assert_eq!(
            error.data,
            Some(json!({"supported": ["2026-07-28"], "requested": "2025-11-25"}))
        );
        assert_eq!(
            code(json!({"_meta": {PROTOCOL_VERSION_KEY: "2026-07-28"}})),
            Err(INVALID_PARAMS)
        );
        assert_eq!(
            code(json!({"_meta": {PROTOCOL_VERSION_KEY: 2026, CLIENT_CAPABILITIES_KEY: {}}})),
            Err(INVALID_PARAMS)
        );
    }

    #[test]
    fn modern_results_are_marked_and_legacy_ones_left_alone() {
        let info = json!({"name": "adr", "version": "1"});
        let plain = json!({"tools": []});
        assert_eq!(
            Era::Legacy.result("tools/list", plain.clone(), &info),
            plain
        );
        let modern = Era::Modern("2026-07-28").result("tools/list", plain, &info);
        assert_eq!(modern["resultType"], "complete");
        assert_eq!(modern["ttlMs"], 0);
        assert_eq!(modern["cacheScope"], "private");
        assert_eq!(modern["_meta"][SERVER_INFO_KEY], info);
        let call = Era::Modern("2026-07-28").result("tools/call", json!({"content": []}), &info);
        assert!(call.get("ttlMs").is_none());
        let gone = RpcError::new(RESOURCE_NOT_FOUND, "gone");
        assert_eq!(
            Era::Modern("2026-07-28").error(gone.clone()).code,
            INVALID_PARAMS
        );
        assert_eq!(Era::Legacy.error(gone).code, RESOURCE_NOT_FOUND);
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
