//! The project's `.adr.toml`, found by walking up from the current folder.
//!
//! ```toml
//! dir = "doc/adr"                  # the ADR folder, like .adr-dir
//!
//! [status]
//! allowed = ["draft", "on hold"]   # custom statuses `adr status` accepts
//!
//! [new]                            # each key overrides what adr infers
//! other_branches = "all"           # numbers to avoid: all, local or none
//! name = "adr-{number:3}-{slug}.md"  # file names (see project::pattern)
//! heading = "ADR {number}: {title}"  # the title line of new records
//! template = "doc/template.md"     # relative to this file
//! format = "madr"                  # nygard, madr or bullets, when no template
//! status = "proposed"              # the status new records get, as written
//! spelling = "superseded"          # or adr-tools upstream's "superceded"
//! slug = "ascii"                   # or "unicode" to keep non-Latin letters
//! infer = true                     # false: adr-tools' names and layout
//!
//! [check.rules]
//! number-gap = "warning"           # error, warning or off
//!
//! [site]
//! title = "Decisions of Project X"
//! base_url = "https://example.github.io/project/"
//! out = "adr-site"
//! logo = "doc/logo.svg"            # relative to this file
//! accent = "#0b7285"
//! mermaid = "https://cdn.example/mermaid.min.js"   # or a local file
//! repo_url = "https://github.com/owner/repo"      # default: the origin remote
//! branch = "main"                                  # default: origin's default branch
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// The name of the project configuration file.
pub(crate) const FILE_NAME: &str = ".adr.toml";

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The ADR folder, relative to this file (as `.adr-dir` says it).
    pub dir: Option<PathBuf>,
    #[serde(default)]
    pub status: StatusConfig,
    #[serde(default)]
    pub site: SiteConfig,
    #[serde(default)]
    pub check: CheckConfig,
    #[serde(default)]
    pub new: NewConfig,
    /// Where the file was found (shown paths are relative to the cwd).
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusConfig {
    /// Custom statuses allowed besides proposed, accepted, rejected,
    /// deprecated and superseded.
    #[serde(default)]
    pub allowed: Vec<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConfig {
    /// Which other branches' numbers a new record avoids.
    #[serde(default)]
    pub other_branches: Branches,
    /// The layout of new records when no template is named.
    pub format: Option<crate::change::template::RecordFormat>,
    /// The status new records get.
    pub status: Option<String>,
    /// How supersession is spelt in new links.
    #[serde(default)]
    pub spelling: Spelling,
    /// How titles become file names.
    #[serde(default)]
    pub slug: SlugStyle,
    /// The file names of new records, as a pattern.
    pub name: Option<toml::Spanned<String>>,
    /// The title line of new records, as a pattern.
    pub heading: Option<toml::Spanned<String>>,
    /// The template of new records, relative to the configuration file.
    pub template: Option<PathBuf>,
    /// Whether the names, layout, template and statuses of new records are
    /// learnt from the records present (`true` unless set).
    pub infer: Option<bool>,
    /// Keys written in the file (`spelling`, `slug`), to tell a chosen
    /// value from a default one.
    #[serde(skip)]
    pub written: Vec<String>,
}

impl NewConfig {
    /// Whether `key` of `[new]` is written in the file.
    pub fn has(&self, key: &str) -> bool {
        self.written.iter().any(|k| k == key)
    }

    /// The `name` pattern, checked when the file was read.
    pub fn name_pattern(&self) -> Option<crate::project::pattern::Pattern> {
        let text = self.name.as_ref()?.get_ref();
        crate::project::pattern::Pattern::parse(text).ok()
    }

    /// The `heading` pattern, checked when the file was read.
    pub fn heading_pattern(&self) -> Option<crate::project::pattern::Pattern> {
        let text = self.heading.as_ref()?.get_ref();
        crate::project::pattern::Pattern::parse(text).ok()
    }

    pub fn infers(&self) -> bool {
        self.infer.unwrap_or(true)
    }
}

/// "Superseded", or adr-tools upstream's "Superceded".
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Spelling {
    #[default]
    Superseded,
    Superceded,
}

impl Spelling {
    /// (the new record's verb, the old record's verb).
    pub fn verbs(self) -> (&'static str, &'static str) {
        match self {
            Self::Superseded => ("Supersedes", "Superseded by"),
            Self::Superceded => ("Supercedes", "Superceded by"),
        }
    }
}

/// How titles become slugs.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// adr-tools' slugs, non-ASCII transliterated (`Café` → `cafe`).
    #[default]
    Ascii,
    /// Letters of every script kept (`数据库` → `数据库`).
    Unicode,
}

/// Branches to look at for numbers already taken.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Branches {
    /// Local and remote-tracking branches.
    #[default]
    All,
    Local,
    None,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Severity per rule id: `error`, `warning` or `off`.
    #[serde(default)]
    pub rules: std::collections::BTreeMap<String, RuleLevel>,
}

/// How a project wants one `adr check` rule reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Error,
    Warning,
    Off,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: Option<String>,
    pub base_url: Option<String>,
    pub out: Option<PathBuf>,
    /// A logo image, relative to the configuration file.
    pub logo: Option<PathBuf>,
    /// A CSS colour for links and highlights.
    pub accent: Option<String>,
    /// A Mermaid script (path relative to the configuration file, or URL):
    /// when set, `mermaid` code blocks are drawn as diagrams.
    pub mermaid: Option<String>,
    /// The repository on GitHub or GitLab that pages link to ("edit this
    /// page"); by default read from the `origin` remote.
    pub repo_url: Option<String>,
    /// The branch those links name (default: origin's, else the current).
    pub branch: Option<String>,
    /// Whether record pages list the project's files that cite them
    /// (default: true; the scan is `adr cites`').
    pub cited_by: Option<bool>,
}

impl Config {
    /// Reads the nearest `.adr.toml` at or above `cwd`; none is no error.
    pub fn discover(cwd: &Path) -> Result<Self> {
        let mut up = PathBuf::new();
        for ancestor in cwd.ancestors() {
            let candidate = ancestor.join(FILE_NAME);
            if candidate.is_file() {
                return Self::read(&candidate, up.join(FILE_NAME));
            }
            up.push("..");
        }
        Ok(Self::default())
    }

    pub fn read(path: &Path, shown: PathBuf) -> Result<Self> {
        let text = super::read_settings(path, &shown)?;
        let mut config: Self = toml::from_str(&text).map_err(|e| {
            let (line, column) = e.span().map_or((0, None), |s| {
                let (line, column) = crate::diagnostic::line_and_column(&text, s.start);
                (line, Some(column))
            });
            Error::Invalid(
                crate::diagnostic::Diagnostic::error("config", line, e.message().trim_end())
                    .in_file(&shown)
                    .at_column(column),
            )
        })?;
        config.new.written = toml::from_str::<toml::Table>(&text)
            .ok()
            .and_then(|t| {
                t.get("new")?
                    .as_table()
                    .map(|n| n.keys().cloned().collect())
            })
            .unwrap_or_default();
        config.check_patterns(&text, &shown)?;
        config.path = Some(shown);
        Ok(config)
    }

    /// `[new] name` and `heading` must be patterns that make sense.
    fn check_patterns(&self, text: &str, shown: &Path) -> Result<()> {
        use crate::project::pattern::Pattern;
        type Check = fn(&Pattern) -> std::result::Result<(), String>;
        let checks: [(&Option<toml::Spanned<String>>, Check); 2] = [
            (&self.new.name, Pattern::check_name),
            (&self.new.heading, Pattern::check_heading),
        ];
        for (value, check) in checks {
            let Some(value) = value else {
                continue;
            };
            let verdict = Pattern::parse(value.get_ref()).and_then(|p| check(&p));
            if let Err(why) = verdict {
                let (line, column) = crate::diagnostic::line_and_column(text, value.span().start);
                return Err(Error::Invalid(
                    crate::diagnostic::Diagnostic::error(
                        "config",
                        line,
                        format!("`{}`: {why}", value.get_ref()),
                    )
                    .in_file(shown)
                    .at_column(Some(column)),
                ));
            }
        }
        Ok(())
    }

    /// A path written in the config, as seen from the current folder.
    pub fn resolve(&self, relative: &Path) -> PathBuf {
        match self.path.as_deref().and_then(Path::parent) {
            Some(dir) if relative.is_relative() => dir.join(relative),
            _ => relative.to_path_buf(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn found_upwards_and_read() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(
            tmp.path().join(FILE_NAME),
            "[status]\nallowed = [\"draft\"]\n\n[site]\ntitle = \"X\"\nlogo = \"img/logo.svg\"\n",
        )
        .expect("write");
        fs::create_dir_all(tmp.path().join("a/b")).expect("mkdir");
        let config = Config::discover(&tmp.path().join("a/b")).expect("config");
        assert_eq!(config.status.allowed, ["draft"]);
        assert_eq!(config.site.title.as_deref(), Some("X"));
        assert_eq!(
            config.resolve(Path::new("img/logo.svg")),
            PathBuf::from("../../img/logo.svg")
        );
    }

    /// The example in this module's documentation is a valid `.adr.toml`
    /// that sets what it says.
    #[test]
    fn the_documented_example_is_valid() {
        let source = include_str!("config.rs");
        let example: String = source
            .lines()
            .skip_while(|l| *l != "//! ```toml")
            .skip(1)
            .take_while(|l| *l != "//! ```")
            .map(|l| format!("{}\n", l.trim_start_matches("//!").trim_start_matches(' ')))
            .collect();
        let config: Config = toml::from_str(&example).expect("the example parses");
        assert_eq!(config.dir.as_deref(), Some(Path::new("doc/adr")));
        assert_eq!(config.status.allowed, ["draft", "on hold"]);
        assert_eq!(config.site.accent.as_deref(), Some("#0b7285"));
    }

    #[test]
    fn errors_name_the_line() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(tmp.path().join(FILE_NAME), "[site]\ntitle = \n").expect("write");
        let error = Config::discover(tmp.path()).expect_err("invalid");
        assert!(error.to_string().starts_with(".adr.toml:2:"), "{error}");
        fs::write(tmp.path().join(FILE_NAME), "[site]\ncolour = \"red\"\n").expect("write");
        assert!(Config::discover(tmp.path()).is_err());
    }

    #[test]
    fn patterns_are_checked_with_their_line() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(
            tmp.path().join(FILE_NAME),
            "[new]\nspelling = \"superceded\"\nname = \"adr-{number:3}-{slug}.md\"\nheading = \"ADR {number}: {title}\"\n",
        )
        .expect("write");
        let config = Config::discover(tmp.path()).expect("valid");
        assert!(config.new.has("spelling") && !config.new.has("slug"));
        assert_eq!(
            config.new.name_pattern().map(|p| p.to_string()).as_deref(),
            Some("adr-{number:3}-{slug}.md")
        );
        fs::write(
            tmp.path().join(FILE_NAME),
            "[new]\n\nname = \"{title}.md\"\n",
        )
        .expect("write");
        let error = Config::discover(tmp.path()).expect_err("invalid");
        assert!(error.to_string().starts_with(".adr.toml:3:"), "{error}");
    }
}
