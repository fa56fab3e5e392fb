//! The site's templates and static files: built in, each replaceable by a
//! file of the same name in `<adr-dir>/templates/site/`.

use std::fs;
use std::path::Path;

use minijinja::Environment;
use serde::Serialize;

use crate::error::{Error, Result};

const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("../../assets/site/layout.html")),
    ("index.html", include_str!("../../assets/site/index.html")),
    ("record.html", include_str!("../../assets/site/record.html")),
    ("graph.html", include_str!("../../assets/site/graph.html")),
    (
        "timeline.html",
        include_str!("../../assets/site/timeline.html"),
    ),
    ("tag.html", include_str!("../../assets/site/tag.html")),
];

const STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../assets/site/style.css")),
    ("site.js", include_str!("../../assets/site/site.js")),
    (
        "mermaid-init.js",
        include_str!("../../assets/site/mermaid-init.js"),
    ),
];

/// Templates ready to render, and the static files to copy.
pub struct Theme {
    env: Environment<'static>,
    pub statics: Vec<(&'static str, String)>,
}

impl Theme {
    /// Built-ins, with any file in `overrides` taking the place of the
    /// built-in of the same name.
    pub fn load(overrides: &Path) -> Result<Self> {
        let read = |name: &str, built_in: &str| -> Result<String> {
            let path = overrides.join(name);
            if path.is_file() {
                fs::read_to_string(&path).map_err(|e| Error::read(&path, e))
            } else {
                Ok(built_in.to_string())
            }
        };
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, built_in) in TEMPLATES {
            let source = read(name, built_in)?;
            env.add_template_owned(*name, source)
                .map_err(|e| template_error(overrides, name, &e))?;
        }
        let statics = STATIC
            .iter()
            .map(|(name, built_in)| Ok((*name, read(name, built_in)?)))
            .collect::<Result<_>>()?;
        Ok(Self { env, statics })
    }

    /// Renders a page.
    pub fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(Path::new(""), name, &e))?;
        template
            .render(minijinja::Value::from(minijinja::value::Serde(context)))
            .map_err(|e| template_error(Path::new(""), name, &e))
    }
}

fn template_error(dir: &Path, name: &str, error: &minijinja::Error) -> Error {
    let line = error.line().unwrap_or(0);
    Error::invalid(
        dir.join(name),
        line,
        format!(
            "site template: {}",
            error.detail().unwrap_or(&error.to_string())
        ),
    )
}
