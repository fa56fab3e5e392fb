//! The tools that change records, offered only with `adr mcp --allow-write`:
//! a new record, proposed; a record's status. Both go through the same
//! lifecycle code as `adr new` and `adr status` (folder lock, all or
//! nothing) and never open an editor.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::change::template::RecordFormat;
use crate::change::{self, LinkSpec, NewRequest, NewStatus};
use crate::graph::verb;
use crate::record::StatusKind;

use super::Server;
use super::args::{Args, ToolError, ToolResult};
use super::tools::{Output, reference_schema, schema, text};

const REFERENCE: &str = "A record: its number (`3` or \"3\", `ADR-3`), file name or path.";

pub(super) fn propose_record_definition() -> Value {
    json!({
        "name": "propose_record",
        "title": "Propose a decision record",
        "description": "Creates a new, numbered ADR with status `proposed` from the project's \
            template (or the built-in Nygard or MADR layout), and returns its path and \
            Markdown text. The new record can supersede records (they are marked \
            `Superseded by` it) and link to others (the reverse link is written in them \
            too). Fill in the context, decision and consequences by editing the file \
            afterwards; accept it with set_status once agreed.",
        "inputSchema": schema(
            json!({
                "title": {
                    "type": "string",
                    "minLength": 1,
                    "description": "The decision, as a short imperative title: `Use PostgreSQL \
                        for storage`.",
                },
                "format": {
                    "type": "string",
                    "enum": ["nygard", "madr"],
                    "description": "The layout: `nygard` (adr-tools' `## Status` section) or \
                        `madr` (MADR 4, YAML front matter). Default: the project's template \
                        (ADR_TEMPLATE or templates/template.md in the ADR folder), else nygard.",
                },
                "supersedes": {
                    "type": "array",
                    "items": reference_schema(REFERENCE),
                    "description": "Records the new one replaces.",
                },
                "links": {
                    "type": "array",
                    "description": "Links from the new record to existing ones.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "target": reference_schema(REFERENCE),
                            "verb": {
                                "type": "string",
                                "description": "How the new record relates to the target, \
                                    written in the new record: `Amends`, `Extends`, \
                                    `Clarifies`, `Relates to`, `Depends on`…",
                            },
                            "reverse": {
                                "type": "string",
                                "description": "The link written in the target: `Amended by`. \
                                    Needed only for verbs other than the well-known ones.",
                            },
                        },
                        "required": ["target", "verb"],
                        "additionalProperties": false,
                    },
                },
                "tags": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Tags for the new record.",
                },
            }),
            &["title"],
        ),
        "annotations": {
            "readOnlyHint": false,
            "destructiveHint": false,
            "idempotentHint": false,
            "openWorldHint": false,
        },
    })
}

pub(super) fn set_status_definition() -> Value {
    json!({
        "name": "set_status",
        "title": "Set a record's status",
        "description": "Sets an ADR's status in every place its file keeps one (a `## Status` \
            section, a `Status:` line, front matter). To mark a record superseded, propose \
            the record that replaces it with `supersedes` instead.",
        "inputSchema": schema(
            json!({
                "reference": reference_schema(REFERENCE),
                "status": {
                    "type": "string",
                    "minLength": 1,
                    "description": "proposed, accepted, rejected or deprecated (or a custom \
                        status the project allows in .adr.toml's [status] allowed).",
                },
            }),
            &["reference", "status"],
        ),
        "annotations": {
            "readOnlyHint": false,
            "destructiveHint": false,
            "idempotentHint": true,
            "openWorldHint": false,
        },
    })
}

pub(super) fn propose_record(
    server: &Server<'_>,
    args: ToolResult<Args<'_>>,
) -> ToolResult<Output> {
    let args = args?;
    // Kept as given: a title of several lines is refused by `change`.
    let title = args.required_string("title")?.trim().to_string();
    if title.is_empty() {
        return Err(ToolError(
            "propose_record's `title` is blank: give the decision as a short title".into(),
        ));
    }
    // The schema's enum has already refused any other value.
    let format = match args.string("format")?.as_deref() {
        Some("nygard") => Some(RecordFormat::Nygard),
        Some("madr") => Some(RecordFormat::Madr),
        _ => None,
    };
    let links = args
        .objects("links")?
        .into_iter()
        .map(link_spec)
        .collect::<ToolResult<Vec<_>>>()?;
    let change = change::new_record(
        server.project,
        NewRequest {
            title,
            template: None,
            format,
            status: Some(NewStatus::InLayout("proposed")),
            tags: args
                .strings("tags")?
                .into_iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            supersede: args.references("supersedes")?,
            links,
        },
    )?;
    let path = change.created.first().cloned().unwrap_or_default();
    let changed = &change.changed;
    let markdown = std::fs::read_to_string(&path).map_err(|e| {
        ToolError(format!(
            "{} was created but cannot be read: {e}",
            path.display()
        ))
    })?;
    let mut message = format!("Created {} with status proposed.", path.display());
    if !changed.is_empty() {
        message.push_str(&format!(" Also updated: {}.", shown(changed)));
    }
    message.push_str(" Edit the file to fill in its sections.");
    Ok(Output {
        content: vec![text(message), text(markdown.clone())],
        structured: Some(json!({
            "path": path,
            "status": "proposed",
            "changed": changed,
            "text": markdown,
        })),
    })
}

/// `{target, verb, reverse?}`; the reverse of a well-known verb is known.
fn link_spec(link: &Map<String, Value>) -> ToolResult<LinkSpec> {
    let args = Args::within("propose_record link", link);
    let target = args.required_reference("target")?.trim().to_string();
    let forward = args.required_string("verb")?.trim().to_string();
    let reverse = match args.string("reverse")?.map(|r| r.trim().to_string()) {
        Some(r) if !r.is_empty() => r,
        _ => verb::reverse(&forward).ok_or_else(|| {
            ToolError(format!(
                "`{forward}` is not a well-known verb: give the link \
                 written in {target} as `reverse` (for `Amends` it is `Amended by`)"
            ))
        })?,
    };
    Ok(LinkSpec {
        target,
        forward,
        reverse,
    })
}

pub(super) fn set_status(server: &Server<'_>, args: ToolResult<Args<'_>>) -> ToolResult<Output> {
    let args = args?;
    let reference = args.required_reference("reference")?;
    let status = args.required_string("status")?.trim().to_lowercase();
    if StatusKind::parse(&status) == StatusKind::Superseded {
        return Err(ToolError(
            "a record is superseded by another: propose the record that replaces it with \
             propose_record and `supersedes`"
                .into(),
        ));
    }
    let outcome = change::set_status(server.project, &reference, &status)?;
    let mut message = if outcome.changed.is_empty() {
        "Nothing changed.".to_string()
    } else {
        format!("Set the status to {status} in {}.", shown(&outcome.changed))
    };
    for note in &outcome.notes {
        message.push(' ');
        message.push_str(note);
        message.push('.');
    }
    Ok(Output {
        content: vec![text(message)],
        structured: Some(json!({
            "status": status,
            "changed": outcome.changed,
            "notes": outcome.notes,
        })),
    })
}

fn shown(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(value: Value) -> ToolResult<LinkSpec> {
        link_spec(value.as_object().expect("an object"))
    }

    #[test]
    fn link_reverses_are_known_or_given() {
        let amends = spec(json!({"target": "5", "verb": "Amends"})).expect("known verb");
        assert_eq!(amends.reverse, "Amended by");
        let custom = spec(json!({"target": "5", "verb": "Checks", "reverse": "Checked by"}))
            .expect("given reverse");
        assert_eq!(custom.reverse, "Checked by");
        assert!(spec(json!({"target": "5", "verb": "Checks"})).is_err());
        assert!(spec(json!({"target": "5"})).is_err());
        let schema = &propose_record_definition()["inputSchema"];
        let fits = |links: Value| {
            super::super::schema::validate(schema, &json!({"title": "X", "links": links})).is_ok()
        };
        assert!(fits(json!([{"target": 5, "verb": "Amends"}])));
        assert!(!fits(json!([{"target": "5", "verb": "Amends", "to": "x"}])));
        assert!(!fits(json!([{"verb": "Amends"}])));
        assert!(!fits(json!("5")));
    }
}
