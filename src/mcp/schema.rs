//! The part of JSON Schema (2020-12) the tools' `inputSchema`s are written
//! in, and a validator for exactly that part. A call's arguments are
//! checked against the very schema `tools/list` declares, so what a client
//! is told and what the server accepts cannot drift apart: a schema that
//! used a keyword this validator does not know would be a lie, and a unit
//! test refuses it.

use serde_json::{Map, Value};

/// The keywords the validator enforces, and the annotations it reads past.
#[cfg(test)]
pub(super) const KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "minLength",
    "minimum",
    "description",
    "title",
];

/// Why a value does not fit its schema, in words for the model: where
/// (`reference`, `links[0].verb`; empty for the arguments themselves) and
/// what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Violation {
    pub path: String,
    pub message: String,
}

/// Checks `value` against `schema`; the first violation found.
pub(super) fn validate(schema: &Value, value: &Value) -> Result<(), Violation> {
    check(schema, value, "")
}

fn violation(path: &str, message: String) -> Violation {
    Violation {
        path: path.to_string(),
        message,
    }
}

fn check(schema: &Value, value: &Value, path: &str) -> Result<(), Violation> {
    let Some(schema) = schema.as_object() else {
        return Ok(());
    };
    if let Some(types) = schema.get("type") {
        let names: Vec<&str> = match types {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !names.is_empty() && !names.iter().any(|t| has_type(value, t)) {
            let wanted: Vec<&str> = names.iter().map(|t| type_words(t)).collect();
            return Err(violation(
                path,
                format!("must be {}, not {}", either(&wanted), describe(value)),
            ));
        }
    }
    if let Some(Value::Array(allowed)) = schema.get("enum")
        && !allowed.contains(value)
    {
        let names: Vec<String> = allowed.iter().map(shown).collect();
        return Err(violation(
            path,
            format!("must be one of {}, not {}", names.join(", "), shown(value)),
        ));
    }
    if let (Value::String(text), Some(min)) = (value, schema.get("minLength").and_then(as_count))
        && text.chars().count() < min
    {
        let message = if min == 1 {
            "must not be empty".to_string()
        } else {
            format!("must be at least {min} characters long")
        };
        return Err(violation(path, message));
    }
    if let (Some(number), Some(min)) = (
        value.as_f64(),
        schema.get("minimum").and_then(Value::as_f64),
    ) && number < min
    {
        return Err(violation(
            path,
            format!("must be {min} or more, not {value}"),
        ));
    }
    match value {
        Value::Object(object) => check_object(schema, object, path),
        Value::Array(items) => match schema.get("items") {
            Some(item_schema) => items
                .iter()
                .enumerate()
                .try_for_each(|(i, item)| check(item_schema, item, &format!("{path}[{i}]"))),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

fn check_object(
    schema: &Map<String, Value>,
    object: &Map<String, Value>,
    path: &str,
) -> Result<(), Violation> {
    let empty = Map::new();
    let properties = schema
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (name, value) in object {
        let inner = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        match properties.get(name) {
            Some(property) => check(property, value, &inner)?,
            None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                let known: Vec<String> = properties.keys().map(|k| format!("`{k}`")).collect();
                let takes = if known.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!("it takes {}", known.join(", "))
                };
                let noun = if path.is_empty() { "argument" } else { "field" };
                return Err(violation(path, format!("has no {noun} `{name}`; {takes}")));
            }
            None => {}
        }
    }
    // After the unknown names: `ref` for `reference` is best told as such.
    if let Some(Value::Array(required)) = schema.get("required") {
        for name in required.iter().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                return Err(violation(path, format!("needs `{name}`")));
            }
        }
    }
    Ok(())
}

/// JSON Schema's types: an integer is a number with no fractional part,
/// whichever way it is written (`5` and `5.0` alike).
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => as_integer(value).is_some(),
        _ => false,
    }
}

/// The integer a JSON number stands for, when it stands for one.
pub(super) fn as_integer(value: &Value) -> Option<i128> {
    let Value::Number(number) = value else {
        return None;
    };
    if let Some(i) = number.as_i64() {
        return Some(i.into());
    }
    if let Some(u) = number.as_u64() {
        return Some(u.into());
    }
    // Beyond i128 a float is never an integer a record could have anyway.
    number
        .as_f64()
        .filter(|f| f.is_finite() && f.fract() == 0.0 && f.abs() < 1e38)
        .map(|f| f as i128)
}

fn as_count(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

fn type_words(name: &str) -> &'static str {
    match name {
        "null" => "null",
        "boolean" => "true or false",
        "string" => "a string",
        "array" => "a list",
        "object" => "an object",
        "number" => "a number",
        "integer" => "an integer",
        _ => "something else",
    }
}

fn either(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// What a value is, for "must be a string, not …".
fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => "a string".to_string(),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "an object".to_string(),
    }
}

/// A value as the model wrote it, short.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let mut short: String = s.chars().take(60).collect();
            if short.len() < s.len() {
                short.push('…');
            }
            format!("`{short}`")
        }
        other => describe(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "reference": {"type": ["string", "integer"], "minimum": 0},
                "query": {"type": "string", "minLength": 1},
                "format": {"type": "string", "enum": ["nygard", "madr"]},
                "flag": {"type": "boolean"},
                "links": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"target": {"type": "string"}},
                        "required": ["target"],
                        "additionalProperties": false,
                    },
                },
            },
            "required": ["reference"],
            "additionalProperties": false,
        })
    }

    fn outcome(value: Value) -> Result<(), (String, String)> {
        validate(&schema(), &value).map_err(|v| (v.path, v.message))
    }

    #[test]
    fn valid_arguments_pass() {
        assert_eq!(outcome(json!({"reference": "3"})), Ok(()));
        assert_eq!(outcome(json!({"reference": 3})), Ok(()));
        assert_eq!(outcome(json!({"reference": 3.0})), Ok(()));
        assert_eq!(
            outcome(json!({"reference": "x", "format": "madr", "flag": false,
                           "links": [{"target": "2"}], "query": "é"})),
            Ok(())
        );
    }

    #[test]
    fn each_keyword_is_enforced_and_explained() {
        let bad = |value: Value| outcome(value).expect_err("invalid");
        assert_eq!(bad(json!({})), (String::new(), "needs `reference`".into()));
        assert_eq!(
            bad(json!({"reference": 2.5})),
            (
                "reference".into(),
                "must be a string or an integer, not the number 2.5".into()
            )
        );
        assert_eq!(
            bad(json!({"reference": null})).1,
            "must be a string or an integer, not null"
        );
        assert_eq!(bad(json!({"reference": -1})).1, "must be 0 or more, not -1");
        assert_eq!(
            bad(json!({"reference": "1", "query": ""})),
            ("query".into(), "must not be empty".into())
        );
        assert_eq!(
            bad(json!({"reference": "1", "format": "rst"})).1,
            "must be one of `nygard`, `madr`, not `rst`"
        );
        assert_eq!(
            bad(json!({"reference": "1", "flag": "yes"})).1,
            "must be true or false, not a string"
        );
        assert_eq!(
            bad(json!({"reference": "1", "links": [{"target": "2"}, {"target": 3}]})),
            (
                "links[1].target".into(),
                "must be a string, not the number 3".into()
            )
        );
        assert_eq!(
            bad(json!({"reference": "1", "links": [{"target": "2", "to": "x"}]})),
            (
                "links[0]".into(),
                "has no field `to`; it takes `target`".into()
            )
        );
        assert!(bad(json!({"ref": "1"})).1.contains("no argument `ref`"));
        assert_eq!(
            validate(&json!({"type": "object"}), &json!([])).map_err(|v| v.message),
            Err("must be an object, not a list".into())
        );
    }

    #[test]
    fn integers_are_numbers_without_a_fraction() {
        assert_eq!(as_integer(&json!(7)), Some(7));
        assert_eq!(as_integer(&json!(7.0)), Some(7));
        assert_eq!(as_integer(&json!(u64::MAX)), Some(u64::MAX.into()));
        assert_eq!(as_integer(&json!(7.5)), None);
        assert_eq!(as_integer(&json!(1e300)), None);
        assert_eq!(as_integer(&json!("7")), None);
    }
}
