//! Every effective setting of a project and where it came from, as
//! `adr config` shows them.

use serde::Serialize;

use crate::change::template::Origin as TemplateOrigin;
use crate::check::rule;
use crate::error::Result;

use super::Project;
use super::convention::{Convention, Origin};

/// One setting, its value, and its source.
#[derive(Debug, Serialize)]
pub(crate) struct Setting {
    pub key: String,
    pub value: serde_json::Value,
    /// Where it came from: a file, a flag, an environment variable, what
    /// the records show, or `default`.
    pub from: String,
}

/// Every effective setting, in a stable order.
pub(crate) fn settings(project: &Project) -> Result<Vec<Setting>> {
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
    let setting = |key: &str, value: serde_json::Value, from: String| Setting {
        key: key.into(),
        value,
        from,
    };
    let mut settings = vec![setting(
        "dir",
        project.repo.dir.display().to_string().into(),
        project.repo.explain(),
    )];
    settings.extend(new_record_settings(project)?);
    settings.extend([
        setting(
            "new.slug",
            json(config.new.slug),
            from_file(config.new.has("slug")),
        ),
        setting(
            "new.other_branches",
            format!("{:?}", config.new.other_branches)
                .to_lowercase()
                .into(),
            from_file(config.new.has("other_branches")),
        ),
        setting(
            "new.date",
            project.env.today().into(),
            if project.env.date.is_some() {
                "ADR_DATE".into()
            } else {
                "today".into()
            },
        ),
        setting(
            "editor",
            project
                .env
                .editor
                .clone()
                .map_or(serde_json::Value::Null, Into::into),
            "VISUAL, then EDITOR".into(),
        ),
        setting(
            "status.allowed",
            json(&config.status.allowed),
            from_file(!config.status.allowed.is_empty()),
        ),
    ]);
    for r in rule::RULES {
        let level = rule::severity(r.id, &config.check).map_or("off", rule::Severity::as_str);
        settings.push(setting(
            &format!("check.rules.{}", r.id),
            level.into(),
            from_file(config.check.rules.contains_key(r.id)),
        ));
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
        let set = value.is_some();
        settings.push(setting(
            key,
            value.map_or(serde_json::Value::Null, Into::into),
            from_file(set),
        ));
    }
    Ok(settings)
}

/// How `adr new` would write the next record: the convention learnt from
/// the folder, `.adr.toml` on top, and the template it picks.
fn new_record_settings(project: &Project) -> Result<Vec<Setting>> {
    let config = &project.config;
    let shown = config.path.as_deref();
    let listing = crate::log::Listing::read(&project.repo.dir);
    let convention = match &listing {
        Ok(listing) => Convention::infer_listed(listing, &config.new),
        Err(_) => Convention::infer(&project.repo.dir, &config.new),
    };
    let template = crate::change::choose_template(project, &convention, &Default::default())?;
    let from = |origin: &Origin| origin.describe(shown);
    let number = listing
        .and_then(|listing| convention.next_number_listed(&listing))
        .map_or(serde_json::Value::Null, Into::into);
    let template_from = match &template.origin {
        TemplateOrigin::File(_) if project.env.template.is_some() => "ADR_TEMPLATE".to_string(),
        TemplateOrigin::File(_) => "adr-tools' templates/template.md".to_string(),
        TemplateOrigin::Own(_) if config.new.template.is_some() => from(&Origin::Config),
        TemplateOrigin::Own(_) => "the folder's own template".to_string(),
        TemplateOrigin::BuiltIn(_) if config.new.format.is_some() => from(&Origin::Config),
        TemplateOrigin::BuiltIn(_) | TemplateOrigin::Sections => from(&convention.layout.from),
    };
    let status_from = if config.new.status.is_some() {
        from(&Origin::Config)
    } else if matches!(convention.statuses.from, Origin::Records { .. }) {
        from(&convention.statuses.from)
    } else {
        "default (the template's)".to_string()
    };
    let layout = serde_json::to_value(convention.layout.value).unwrap_or_default();
    Ok(vec![
        Setting {
            key: "new.name".into(),
            value: convention.name.value.to_string().into(),
            from: from(&convention.name.from),
        },
        Setting {
            key: "new.number".into(),
            value: number,
            from: format!("the highest of {} record(s), plus one", convention.records),
        },
        Setting {
            key: "new.heading".into(),
            value: convention.heading.value.to_string().into(),
            from: from(&convention.heading.from),
        },
        Setting {
            key: "new.layout".into(),
            value: layout,
            from: from(&convention.layout.from),
        },
        Setting {
            key: "new.template".into(),
            value: template.describe().into(),
            from: template_from,
        },
        Setting {
            key: "new.format".into(),
            value: json(config.new.format.unwrap_or_default()),
            from: if config.new.format.is_some() {
                from(&Origin::Config)
            } else {
                "default".into()
            },
        },
        Setting {
            key: "new.status".into(),
            value: crate::change::default_status(project, &template, &convention).into(),
            from: status_from,
        },
        Setting {
            key: "new.spelling".into(),
            value: json(convention.spelling.value),
            // adr-tools itself writes "Superceded"; ours is the dictionary's.
            from: match &convention.spelling.from {
                Origin::Default => "default".into(),
                other => from(other),
            },
        },
        Setting {
            key: "new.infer".into(),
            value: config.new.infers().into(),
            from: if config.new.infer.is_some() {
                from(&Origin::Config)
            } else {
                "default".into()
            },
        },
    ])
}

fn json<T: Serialize>(value: T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}
