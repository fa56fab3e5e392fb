//! The one place YAML is parsed (serde-saphyr; see ADR 3 in `doc/adr`).
//!
//! Front matter is only ever read here, never re-serialised: edits change
//! single lines of the user's text.

use serde_json::{Map, Value};

/// A YAML syntax error, with its position inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    pub message: String,
}

/// Parses a front-matter block into a mapping. An empty block or a scalar
/// gives an empty map; only syntax errors are errors.
pub(crate) fn parse_mapping(text: &str) -> Result<Map<String, Value>, YamlError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_saphyr::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Ok(Map::new()),
        Err(error) => {
            let (line, column) = error
                .location()
                .map(|l| (l.line() as usize, l.column() as usize))
                .unwrap_or((1, 1));
            let message = error.to_string();
            let message = without_position(message.lines().next().unwrap_or("invalid YAML"));
            Err(YamlError {
                line: line.max(1),
                column: column.max(1),
                message,
            })
        }
    }
}

/// serde-saphyr says `error: line 2 column 9: why`; the caller reports the
/// position in the whole file, so only the why is kept.
fn without_position(message: &str) -> String {
    let message = message.strip_prefix("error: ").unwrap_or(message);
    match message.strip_prefix("line ") {
        Some(rest) => rest
            .split_once(": ")
            .map_or(message, |(_, why)| why)
            .to_string(),
        None => message.to_string(),
    }
}

/// The first of `keys` present in `map`, as text.
pub(crate) fn text_field(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| map.get(*k)).and_then(scalar_text)
}

/// A list field, accepting a YAML list or one comma-separated string.
pub(crate) fn list_field(map: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    match keys.iter().find_map(|k| map.get(*k)) {
        Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
        Some(value) => scalar_text(value)
            .map(|s| split_list(&s))
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

/// `a, b, c` → `[a, b, c]`.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().trim_matches(['`', '"']).trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn madr_fields() {
        let map = parse_mapping(
            "status: accepted\ndate: 2024-01-02\ndecision-makers:\n  - \"@a\"\n  - b\nconsulted: []\n",
        )
        .expect("valid");
        assert_eq!(text_field(&map, &["status"]), Some("accepted".into()));
        assert_eq!(text_field(&map, &["date"]), Some("2024-01-02".into()));
        assert_eq!(list_field(&map, &["decision-makers"]), ["@a", "b"]);
        assert!(list_field(&map, &["consulted"]).is_empty());
    }

    #[test]
    fn one_string_list() {
        let map = parse_mapping("decision-makers: \"@x, @y\"\n").expect("valid");
        assert_eq!(list_field(&map, &["decision-makers"]), ["@x", "@y"]);
    }

    #[test]
    fn syntax_error_has_a_position() {
        let error = parse_mapping("statut: {proposé | rejeté | [x](y.md)}\n").expect_err("invalid");
        assert_eq!(error.line, 1);
        assert!(!error.message.is_empty());
    }

    #[test]
    fn non_mapping_is_empty() {
        assert!(parse_mapping("just text").expect("valid").is_empty());
        assert!(parse_mapping("").expect("valid").is_empty());
    }
}
