//! The site's templates and static files: built in, each replaceable by a
//! file of the same name in `<adr-dir>/templates/site/`.

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
    ("tags.html", include_str!("../../assets/site/tags.html")),
];

const STATIC: &[(&str, &str)] = &[
    ("style.css", include_str!("../../assets/site/style.css")),
    ("site.js", include_str!("../../assets/site/site.js")),
    (
        "mermaid-init.js",
        include_str!("../../assets/site/mermaid-init.js"),
    ),
    ("favicon.svg", include_str!("../../assets/site/favicon.svg")),
];

/// Templates ready to render, and the static files to copy.
pub(super) struct Theme {
    env: Environment<'static>,
    pub statics: Vec<(&'static str, String)>,
    /// Every template's source, for the page cache's key.
    sources: Vec<String>,
}

impl Theme {
    /// Built-ins, with any file in `overrides` taking the place of the
    /// built-in of the same name.
    pub(super) fn load(overrides: &Path, root: &Path) -> Result<Self> {
        let read = |name: &str, built_in: &str| -> Result<String> {
            let path = overrides.join(name);
            if path.is_file() {
                // Only from inside the project: a symlink out is refused.
                crate::log::read_within(&path, root, crate::log::MAX_RECORD_BYTES)
                    .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".into()))
                    .map_err(|why| Error::invalid(&path, 0, why))
            } else {
                Ok(built_in.to_string())
            }
        };
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        // HTML escaping of `&<>"'` only: minijinja also writes `/` as
        // `&#x2f;`, which no browser needs and which bloats every URL.
        env.set_formatter(
            |out, state, value| match (value.as_str(), state.auto_escape()) {
                (Some(text), minijinja::AutoEscape::Html) if !value.is_safe() => {
                    crate::site::render::escape_html_into(out, text).map_err(minijinja::Error::from)
                }
                _ => minijinja::escape_formatter(out, state, value),
            },
        );
        let mut sources = Vec::with_capacity(TEMPLATES.len());
        for (name, built_in) in TEMPLATES {
            let source = read(name, built_in)?;
            sources.push(source.clone());
            env.add_template_owned(*name, source)
                .map_err(|e| template_error(overrides, name, &e))?;
        }
        let statics = STATIC
            .iter()
            .map(|(name, built_in)| Ok((*name, read(name, built_in)?)))
            .collect::<Result<_>>()?;
        Ok(Self {
            env,
            statics,
            sources,
        })
    }

    /// Feeds every template into `hash`.
    pub(super) fn fingerprint(&self, hash: &mut super::cache::Fnv) {
        for source in &self.sources {
            hash.write(source.as_bytes());
        }
    }

    /// Renders a page.
    pub(super) fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
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

#[cfg(test)]
mod tests {
    /// The custom properties of the light (`:root`) and dark schemes.
    fn schemes() -> [std::collections::HashMap<String, String>; 2] {
        let css = include_str!("../../assets/site/style.css");
        let block = |start: usize| {
            let open = css[start..]
                .find('{')
                .map(|i| start + i + 1)
                .unwrap_or(start);
            let close = css[open..].find('}').map(|i| open + i).unwrap_or(css.len());
            css[open..close]
                .split(';')
                .filter_map(|d| {
                    let (k, v) = d.split_once(':')?;
                    let k = k.trim();
                    k.starts_with("--")
                        .then(|| (k.to_string(), v.trim().to_string()))
                })
                .collect::<std::collections::HashMap<_, _>>()
        };
        let light = block(css.find(":root").expect(":root"));
        let dark_at = css.find("prefers-color-scheme: dark").expect("dark scheme");
        let mut dark = light.clone();
        dark.extend(block(
            css[dark_at..]
                .find(":root")
                .map(|i| dark_at + i)
                .expect("dark :root"),
        ));
        [light, dark]
    }

    fn luminance(hex: &str) -> f64 {
        let hex = hex.trim_start_matches('#');
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Every text colour on every background the pages put it on, in both
    /// schemes, meets WCAG AA for normal text (4.5:1).
    #[test]
    fn colours_meet_wcag_aa_in_both_schemes() {
        let mut failures = Vec::new();
        for (name, scheme) in ["light", "dark"].iter().zip(schemes()) {
            let get = |k: &str| {
                scheme
                    .get(k)
                    .cloned()
                    .unwrap_or_else(|| panic!("{name}: no {k}"))
            };
            let mut pairs: Vec<(&str, &str)> = Vec::new();
            for text in ["--fg", "--muted", "--accent"] {
                for bg in ["--bg", "--panel"] {
                    pairs.push((text, bg));
                }
            }
            pairs.push(("--fg", "--mark"));
            for badge in [
                "--accepted",
                "--proposed",
                "--rejected",
                "--deprecated",
                "--superseded",
                "--other",
            ] {
                pairs.push(("--badge-fg", badge));
            }
            for (fg, bg) in pairs {
                let ratio = contrast(&get(fg), &get(bg));
                if ratio < 4.5 {
                    failures.push(format!("{name}: {fg} on {bg} is {ratio:.2}:1"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
