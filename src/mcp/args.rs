//! A tool's arguments, checked against what it accepts. A bad argument is
//! a tool error the model reads and can correct, not a protocol error.

use serde_json::{Map, Value};

/// Why a tool call failed, in words for the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError(pub String);

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

pub type ToolResult<T> = std::result::Result<T, ToolError>;

/// The `arguments` object of a `tools/call`.
pub struct Args<'a> {
    tool: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Args<'a> {
    /// Checks that every argument given is one `tool` knows.
    pub fn new(tool: &'a str, map: &'a Map<String, Value>, known: &[&str]) -> ToolResult<Self> {
        if let Some(unknown) = map.keys().find(|k| !known.contains(&k.as_str())) {
            let expected = if known.is_empty() {
                "it takes none".to_string()
            } else {
                format!("it takes {}", quoted(known))
            };
            return Err(ToolError(format!(
                "invalid arguments: {tool} has no argument `{unknown}`; {expected}"
            )));
        }
        Ok(Self { tool, map })
    }

    /// A value given and not null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn bad(&self, key: &str, expected: &str) -> ToolError {
        ToolError(format!(
            "invalid arguments: {}'s `{key}` must be {expected}",
            self.tool
        ))
    }

    /// A string; a number is taken as its digits (`"reference": 3`).
    pub fn string(&self, key: &str) -> ToolResult<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) if n.is_u64() => Ok(Some(n.to_string())),
            Some(_) => Err(self.bad(key, "a string")),
        }
    }

    /// A string that must be given and not blank.
    pub fn required_string(&self, key: &str) -> ToolResult<String> {
        match self.string(key)? {
            Some(s) if !s.trim().is_empty() => Ok(s),
            Some(_) => Err(self.bad(key, "a non-empty string")),
            None => Err(ToolError(format!(
                "invalid arguments: {} needs `{key}`",
                self.tool
            ))),
        }
    }

    pub fn bool(&self, key: &str) -> ToolResult<bool> {
        match self.get(key) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.bad(key, "true or false")),
        }
    }

    /// A list of strings; a single string is a list of one.
    pub fn strings(&self, key: &str) -> ToolResult<Vec<String>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.clone()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    Value::Number(n) if n.is_u64() => Ok(n.to_string()),
                    _ => Err(self.bad(key, "a list of strings")),
                })
                .collect(),
            Some(_) => Err(self.bad(key, "a list of strings")),
        }
    }

    /// A list of objects, each checked by the caller.
    pub fn objects(&self, key: &str) -> ToolResult<Vec<&'a Map<String, Value>>> {
        match self.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| {
                    item.as_object()
                        .ok_or_else(|| self.bad(key, "a list of objects"))
                })
                .collect(),
            Some(_) => Err(self.bad(key, "a list of objects")),
        }
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn unknown_arguments_are_named() {
        let given = map(json!({"ref": "3"}));
        let err = Args::new("read_record", &given, &["reference"]).err();
        assert_eq!(
            err,
            Some(ToolError(
                "invalid arguments: read_record has no argument `ref`; it takes `reference`".into()
            ))
        );
    }

    #[test]
    fn numbers_are_references_and_null_is_absent() {
        let given = map(json!({"reference": 3, "status": null, "supersedes": ["2", 4]}));
        let args =
            Args::new("t", &given, &["reference", "status", "supersedes"]).expect("known names");
        assert_eq!(args.required_string("reference"), Ok("3".into()));
        assert_eq!(args.string("status"), Ok(None));
        assert_eq!(
            args.strings("supersedes"),
            Ok(vec!["2".to_string(), "4".to_string()])
        );
    }

    #[test]
    fn wrong_types_and_blanks_are_refused() {
        let given = map(json!({"reference": "  ", "flag": "yes", "list": {}}));
        let args = Args::new("t", &given, &["reference", "flag", "list"]).expect("known names");
        assert!(args.required_string("reference").is_err());
        assert!(args.required_string("missing").is_err());
        assert!(args.bool("flag").is_err());
        assert!(args.strings("list").is_err());
    }
}
