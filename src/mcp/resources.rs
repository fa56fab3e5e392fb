//! Each record as a resource: `adr:///<path>`, its Markdown text.
//!
//! The path is the record's path as `list_records` shows it, without
//! leading `./` or `../` (URI readers drop those) and percent-encoded.

use std::path::{Component, Path};

use serde_json::{Value, json};

use crate::log::{self, RecordFile};

use super::Server;
use super::protocol::{INTERNAL_ERROR, RESOURCE_NOT_FOUND, RpcError};

const SCHEME: &str = "adr://";
const MIME: &str = "text/markdown";

/// The path a record's URI names, `/`-separated and not encoded.
fn uri_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `adr:///doc/adr/0001-record-architecture-decisions.md`.
pub(super) fn uri(path: &Path) -> String {
    format!("{SCHEME}/{}", encode(&uri_path(path)))
}

fn encode(path: &str) -> String {
    crate::url::encode_uri_path(path)
}

fn internal(error: crate::Error) -> RpcError {
    RpcError::new(INTERNAL_ERROR, error.to_string())
}

/// `resources/list`: every record, in log order.
pub(super) fn list(server: &Server<'_>) -> Result<Value, RpcError> {
    let scan = log::scan_repository(&server.project.repo).map_err(internal)?;
    let records = log::load_heads(&scan.records);
    let resources: Vec<Value> = records
        .iter()
        .map(|record| {
            let title = match record.number {
                Some(n) => format!("{n}. {}", record.display_title()),
                None => record.display_title(),
            };
            let mut resource = json!({
                "uri": uri(&record.path),
                "name": record.file_name(),
                "title": title,
                "description": format!("Architecture decision record {}", record.path.display()),
                "mimeType": MIME,
            });
            if let Ok(meta) = std::fs::metadata(&record.path) {
                resource["size"] = meta.len().into();
            }
            resource
        })
        .collect();
    Ok(json!({"resources": resources}))
}

/// `resources/read`: one record's text.
pub(super) fn read(server: &Server<'_>, requested: &str) -> Result<Value, RpcError> {
    let not_found = || {
        RpcError::new(
            RESOURCE_NOT_FOUND,
            format!("no record has the URI `{requested}`; resources/list lists them"),
        )
        .with_data(json!({"uri": requested}))
    };
    let Some(rest) = requested.strip_prefix(SCHEME) else {
        return Err(not_found());
    };
    let wanted = crate::url::decode(rest.trim_start_matches('/'));
    let scan = log::scan_repository(&server.project.repo).map_err(internal)?;
    let file: &RecordFile = scan
        .records
        .iter()
        .find(|f| uri_path(&f.path) == wanted)
        .ok_or_else(not_found)?;
    let bytes = log::read_record(file)
        .map_err(|why| RpcError::internal(format!("{}: {why}", file.path.display())))?;
    let (text, _) = log::decode(bytes);
    Ok(json!({
        "contents": [{"uri": uri(&file.path), "mimeType": MIME, "text": text}],
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_drop_relative_prefixes_and_encode() {
        assert_eq!(
            uri(Path::new("doc/adr/0001-a.md")),
            "adr:///doc/adr/0001-a.md"
        );
        assert_eq!(
            uri(Path::new("../../doc/adr/0001-a.md")),
            "adr:///doc/adr/0001-a.md"
        );
        assert_eq!(
            uri(Path::new("./doc/adr/use x?#é.md")),
            "adr:///doc/adr/use%20x%3F%23%C3%A9.md"
        );
        assert_eq!(
            crate::url::decode("doc/adr/use%20x%3F%23%C3%A9.md"),
            uri_path(Path::new("doc/adr/use x?#é.md"))
        );
    }
}
