//! Every effective setting of a project and where it came from, as
//! `adr config` shows them.

use serde::Serialize;

use crate::check::rule;
use crate::error::Result;

use super::{Project, Source};

/// One setting, its value, and its source.
#[derive(Debug, Serialize)]
pub struct Setting {
    pub key: String,
    pub value: serde_json::Value,
    /// Where it came from: a file, a flag, an environment variable, or
    /// `default`.
    pub from: String,
}

/// Every effective setting, in a stable order.
pub fn settings(project: &Project) -> Result<Vec<Setting>> {
    let config = &project.config;
    let file = config
        .path
        .as_ref()
        .map_or_else(|| "default".to_string(), |p| p.display().to_string());
    let from_file = |set: bool| {
        if set {
            file.clone()
        } else {
            "default".to_string()
        }
    };
    let dir_from = match &project.repo.source {
        Source::Flag => "--dir".to_string(),
        Source::Environment => "ADR_DIR".to_string(),
        Source::AdrDirFile(p) | Source::Log4brains(p) | Source::ConfigFile(p) => {
            p.display().to_string()
        }
        Source::DocAdr => "found doc/adr".to_string(),
        Source::Fallback => "default (not created yet)".to_string(),
    };
    let mut settings = vec![
        Setting {
            key: "dir".into(),
            value: project.repo.dir.display().to_string().into(),
            from: dir_from,
        },
        Setting {
            key: "new.format".into(),
            value: json(config.new.format.unwrap_or_default()),
            from: from_file(config.new.format.is_some()),
        },
        Setting {
            key: "new.status".into(),
            value: config
                .new
                .status
                .clone()
                .map_or("Accepted (nygard), proposed (madr)".into(), Into::into),
            from: from_file(config.new.status.is_some()),
        },
        Setting {
            key: "new.spelling".into(),
            value: json(config.new.spelling),
            from: file.clone(),
        },
        Setting {
            key: "new.slug".into(),
            value: json(config.new.slug),
            from: file.clone(),
        },
        Setting {
            key: "new.other_branches".into(),
            value: format!("{:?}", config.new.other_branches)
                .to_lowercase()
                .into(),
            from: file.clone(),
        },
        Setting {
            key: "new.template".into(),
            value: match &project.env.template {
                Some(t) => t.display().to_string().into(),
                None if project.repo.dir.join("templates/template.md").is_file() => project
                    .repo
                    .dir
                    .join("templates/template.md")
                    .display()
                    .to_string()
                    .into(),
                None => "built in".into(),
            },
            from: if project.env.template.is_some() {
                "ADR_TEMPLATE".into()
            } else {
                "default".into()
            },
        },
        Setting {
            key: "new.date".into(),
            value: project.env.today().into(),
            from: if project.env.date.is_some() {
                "ADR_DATE".into()
            } else {
                "today".into()
            },
        },
        Setting {
            key: "editor".into(),
            value: project
                .env
                .editor
                .clone()
                .map_or(serde_json::Value::Null, Into::into),
            from: "VISUAL, then EDITOR".into(),
        },
        Setting {
            key: "status.allowed".into(),
            value: json(&config.status.allowed),
            from: from_file(!config.status.allowed.is_empty()),
        },
    ];
    for r in rule::RULES {
        let level = rule::severity(r.id, &config.check).map_or("off", rule::Severity::as_str);
        settings.push(Setting {
            key: format!("check.rules.{}", r.id),
            value: level.into(),
            from: from_file(config.check.rules.contains_key(r.id)),
        });
    }
    let site = &config.site;
    for (key, value) in [
        ("site.title", site.title.clone()),
        ("site.base_url", site.base_url.clone()),
        (
            "site.out",
            site.out.as_ref().map(|o| o.display().to_string()),
        ),
        (
            "site.logo",
            site.logo.as_ref().map(|l| l.display().to_string()),
        ),
        ("site.accent", site.accent.clone()),
        ("site.mermaid", site.mermaid.clone()),
    ] {
        settings.push(Setting {
            key: key.into(),
            from: from_file(value.is_some()),
            value: value.map_or(serde_json::Value::Null, Into::into),
        });
    }
    Ok(settings)
}

fn json<T: Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
