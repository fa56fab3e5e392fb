//! A tool's arguments, checked against the schema the tool declares. A bad
//! argument is a tool error the model reads and can correct, not a
//! protocol error: MCP's tools page puts input validation there.

use serde_json::{Map, Value};

use super::schema::{self, as_integer};

/// Why a tool call failed, in words for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ToolError(pub String);

impl From<crate::Error> for ToolError {
    fn from(error: crate::Error) -> Self {
        Self(error.to_string())
    }
}

impl From<serde_json::Error> for ToolError {
    fn from(error: serde_json::Error) -> Self {
        Self(format!("cannot encode the answer as JSON: {error}"))
    }
}

pub(super) type ToolResult<T> = std::result::Result<T, ToolError>;

/// Every argument error starts so, and only they do: a client can tell
/// "you called it wrong" from "it went wrong".
pub(super) const INVALID: &str = "invalid arguments:";

/// The `arguments` object of a `tools/call`, known to fit its schema.
pub(super) struct Args<'a> {
    tool: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Args<'a> {
    /// Checks the arguments against `input_schema`, the tool's declared
    /// `inputSchema`.
    pub(super) fn new(
        tool: &'a str,
        map: &'a Map<String, Value>,
        input_schema: &Value,
    ) -> ToolResult<Self> {
        let arguments = Value::Object(map.clone());
        schema::validate(input_schema, &arguments).map_err(|v| {
            let subject = if v.path.is_empty() {
                tool.to_string()
            } else {
                format!("{tool}'s `{}`", v.path)
            };
            ToolError(format!("{INVALID} {subject} {}", v.message))
        })?;
        Ok(Self { tool, map })
    }

    /// An object inside arguments already checked (an item of a list).
    pub(super) fn within(tool: &'a str, map: &'a Map<String, Value>) -> Self {
        Self { tool, map }
    }

    /// The schema makes these unreachable; they keep a schema that says
    /// less than the code reads from turning into a panic.
    fn mismatch(&self, key: &str, expected: &str) -> ToolError {
        ToolError(format!(
            "{INVALID} {}'s `{key}` must be {expected}",
            self.tool
        ))
    }

    fn missing(&self, key: &str) -> ToolError {
        ToolError(format!("{INVALID} {} needs `{key}`", self.tool))
    }

    pub(super) fn string(&self, key: &str) -> ToolResult<Option<String>> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.mismatch(key, "a string")),
        }
    }

    pub(super) fn required_string(&self, key: &str) -> ToolResult<String> {
        self.string(key)?.ok_or_else(|| self.missing(key))
    }

    /// A record reference: a string, or a record's number as an integer
    /// (`"reference": 3` is `"3"`).
    pub(super) fn reference(&self, key: &str) -> ToolResult<Option<String>> {
        match self.map.get(key) {
            None => Ok(None),
            Some(value) => reference_text(value)
                .map(Some)
                .ok_or_else(|| self.mismatch(key, "a string or an integer")),
        }
    }

    /// A reference that must be given and not blank.
    pub(super) fn required_reference(&self, key: &str) -> ToolResult<String> {
        let reference = self.reference(key)?.ok_or_else(|| self.missing(key))?;
        if reference.trim().is_empty() {
            return Err(ToolError(format!(
                "{}'s `{key}` is blank: give a record's number, file name or path",
                self.tool
            )));
        }
        Ok(reference)
    }

    pub(super) fn bool(&self, key: &str) -> ToolResult<bool> {
        match self.map.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.mismatch(key, "true or false")),
        }
    }

    pub(super) fn strings(&self, key: &str) -> ToolResult<Vec<String>> {
        self.list(key, "a list of strings", |v| v.as_str().map(String::from))
    }

    pub(super) fn references(&self, key: &str) -> ToolResult<Vec<String>> {
        self.list(key, "a list of references", reference_text)
    }

    /// A list of objects, each read with [`Args::within`].
    pub(super) fn objects(&self, key: &str) -> ToolResult<Vec<&'a Map<String, Value>>> {
        self.list(key, "a list of objects", Value::as_object)
    }

    fn list<T>(
        &self,
        key: &str,
        expected: &str,
        item: impl Fn(&'a Value) -> Option<T>,
    ) -> ToolResult<Vec<T>> {
        match self.map.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| item(i).ok_or_else(|| self.mismatch(key, expected)))
                .collect(),
            Some(_) => Err(self.mismatch(key, expected)),
        }
    }
}

fn reference_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        other => as_integer(other).map(|n| n.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "reference": {"type": ["string", "integer"], "minimum": 0},
                "status": {"type": "string"},
                "supersedes": {"type": "array", "items": {"type": ["string", "integer"]}},
            },
            "required": ["reference"],
            "additionalProperties": false,
        })
    }

    #[test]
    fn unknown_arguments_are_named() {
        let given = map(json!({}));
        let err = Args::new("read_record", &given, &schema()).err();
        assert_eq!(
            err,
            Some(ToolError(
                "invalid arguments: read_record needs `reference`".into()
            ))
        );
        let given = map(json!({"ref": "3"}));
        let err = Args::new("read_record", &given, &schema()).err();
        assert_eq!(
            err,
            Some(ToolError(
                "invalid arguments: read_record has no argument `ref`; it takes `reference`, \
                 `status`, `supersedes`"
                    .into()
            ))
        );
    }

    #[test]
    fn references_may_be_numbers_and_other_strings_may_not() {
        let given = map(json!({"reference": 3, "supersedes": ["2", 4.0]}));
        let args = Args::new("t", &given, &schema()).expect("fits");
        assert_eq!(args.required_reference("reference"), Ok("3".into()));
        assert_eq!(
            args.references("supersedes"),
            Ok(vec!["2".into(), "4".into()])
        );
        assert_eq!(args.string("status"), Ok(None));
        for bad in [
            json!({"reference": "1", "status": 3}),
            json!({"reference": "1", "status": null}),
        ] {
            let given = map(bad);
            let err = Args::new("list_records", &given, &schema())
                .err()
                .expect("refused");
            assert!(
                err.0
                    .starts_with("invalid arguments: list_records's `status` must be a string"),
                "{err:?}"
            );
        }
    }

    #[test]
    fn blank_references_are_refused() {
        let given = map(json!({"reference": "  "}));
        let args = Args::new("t", &given, &schema()).expect("fits the schema");
        let err = args.required_reference("reference").expect_err("blank");
        assert!(err.0.contains("blank"), "{err:?}");
    }
}
