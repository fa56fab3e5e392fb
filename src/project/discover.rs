//! Finding the ADR folder: what names it (`--dir`, `ADR_DIR`, then, at
//! each level walking up, `.adr-dir`, `.adr.toml`'s `dir`, a `doc/adr`
//! folder, `.log4brains.yml`, adrs' `adrs.toml`), else a folder that holds
//! records where real repositories keep them ([`super::search`]), else
//! adr-tools' `doc/adr` under the current folder.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

use super::search::{self, Rule};

/// The default ADR folder, relative to the project root.
pub(crate) const DEFAULT_DIR: &str = "doc/adr";

/// How the ADR folder was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--dir PATH`.
    Flag,
    /// The `ADR_DIR` environment variable.
    Environment,
    /// A `.adr-dir` file (its path, as found).
    AdrDirFile(PathBuf),
    /// An existing `doc/adr` folder.
    DocAdr,
    /// `.log4brains.yml`'s `project.adrFolder`.
    Log4brains(PathBuf),
    /// `.adr.toml`'s `dir`.
    ConfigFile(PathBuf),
    /// adrs' `adrs.toml`'s `adr_dir`.
    AdrsToml(PathBuf),
    /// Nothing names the log: a folder found holding records.
    Found(Found),
    /// Nothing found: adr-tools' fallback, `doc/adr` under the current folder.
    Fallback,
}

/// How a log nobody named was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The top of the repository the search started from, as shown
    /// (`../..`, or `.`).
    pub top: PathBuf,
    pub rule: Rule,
    /// How many records it holds directly.
    pub records: usize,
    /// Other folders that hold records, as shown, in the search's order.
    pub others: Vec<PathBuf>,
    /// A `doc/adr` that holds no record and so gave way, as shown.
    pub gave_way: Option<PathBuf>,
}

impl Found {
    /// Why this folder, in one line.
    pub fn explain(&self) -> String {
        let mut why = format!(
            "found: {} holding {} record(s)",
            self.rule.describe(),
            self.records
        );
        if !self.others.is_empty() {
            let others: Vec<String> = self
                .others
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            why.push_str(&format!(
                "; first in the search order, before {}",
                others.join(", ")
            ));
        }
        if let Some(empty) = &self.gave_way {
            why.push_str(&format!("; {} holds no record", empty.display()));
        }
        why
    }
}

/// The ADR folder of the current project.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The folder as shown to the user: relative to the current folder
    /// when found by walking up (`../doc/adr`), as given otherwise.
    pub dir: PathBuf,
    pub source: Source,
    /// Further log folders (log4brains packages), shown the same way.
    pub packages: Vec<PathBuf>,
    /// The folder the search started from.
    pub cwd: PathBuf,
    /// Well-known log folders that exist but hold no record, as shown:
    /// when nothing else was found, `adr new` says it did not use them.
    pub passed_over: Vec<PathBuf>,
    /// The project's root, canonical, set by `Project`: nothing outside it
    /// is read (empty until then: nothing is confined).
    pub root: PathBuf,
    /// The log4brains package whose code holds the current folder, when
    /// its log was chosen for that (its name and `path`).
    pub package: Option<(String, PathBuf)>,
}

impl Repository {
    /// Finds the ADR folder. `explicit` is `--dir`, else `ADR_DIR`.
    /// `config` is the nearest `.adr.toml`, already read.
    pub fn locate(
        cwd: &Path,
        flag: Option<&Path>,
        env: Option<&Path>,
        config: &crate::project::Config,
    ) -> Result<Self> {
        let make = |dir: PathBuf, source| Self::named(dir, source, cwd);
        if let Some(dir) = flag {
            return Ok(make(dir.to_path_buf(), Source::Flag));
        }
        if let Some(dir) = env.filter(|d| !d.as_os_str().is_empty()) {
            return Ok(make(dir.to_path_buf(), Source::Environment));
        }
        let mut up = PathBuf::new();
        let mut recordless_default = None;
        for ancestor in cwd.ancestors() {
            let marker = ancestor.join(".adr-dir");
            if marker.is_file() {
                let shown = up.join(".adr-dir");
                let text = super::read_settings(&marker, &shown)?;
                // `$(cat .adr-dir)` drops trailing newlines, nothing else.
                let value = text.trim_end_matches(['\n', '\r']);
                if value.is_empty() || value.contains(crate::change::value::forbidden) {
                    return Err(Error::invalid(
                        &shown,
                        1,
                        "must hold one folder name on one line, without control characters",
                    ));
                }
                let named = Path::new(value);
                let dir = if named.is_absolute() {
                    named.to_path_buf()
                } else {
                    up.join(named)
                };
                return Ok(make(dir, Source::AdrDirFile(up.join(".adr-dir"))));
            }
            let shown = up.join(crate::project::config::FILE_NAME);
            if config.path.as_deref() == Some(shown.as_path())
                && let Some(dir) = &config.dir
            {
                let dir = if dir.is_absolute() {
                    dir.clone()
                } else {
                    up.join(dir)
                };
                return Ok(make(dir, Source::ConfigFile(shown)));
            }
            if ancestor.join(DEFAULT_DIR).is_dir() {
                // adr-tools takes `doc/adr` by name; one holding no record
                // gives way to a log that holds some, found below.
                if search::holds_records(&ancestor.join(DEFAULT_DIR)) {
                    return Ok(make(up.join(DEFAULT_DIR), Source::DocAdr));
                }
                recordless_default = Some(up.join(DEFAULT_DIR));
                break;
            }
            let log4brains = ancestor.join(".log4brains.yml");
            if log4brains.is_file()
                && let Some((main, packages)) = log4brains_folders(&log4brains)
            {
                let source = Source::Log4brains(up.join(".log4brains.yml"));
                // Inside a package's code, `adr new` writes to its log, as
                // log4brains asks which package a record is for; every log
                // is still read.
                let inside = packages.iter().position(|p| {
                    p.path
                        .as_ref()
                        .is_some_and(|code| cwd.starts_with(ancestor.join(code)))
                });
                let mut folders: Vec<PathBuf> =
                    packages.iter().map(|p| up.join(&p.adr_folder)).collect();
                let mut repo = match inside {
                    Some(at) => {
                        let own = folders.remove(at);
                        folders.insert(0, up.join(&main));
                        let mut repo = make(own, source);
                        let chosen = &packages[at];
                        repo.package = Some((
                            chosen.name.clone(),
                            up.join(chosen.path.clone().unwrap_or_default()),
                        ));
                        repo
                    }
                    None => make(up.join(main), source),
                };
                repo.packages = folders;
                return Ok(repo);
            }
            let adrs = ancestor.join("adrs.toml");
            if adrs.is_file()
                && let Some(dir) = adrs_folder(&adrs)
            {
                let dir = if dir.is_absolute() { dir } else { up.join(dir) };
                return Ok(make(dir, Source::AdrsToml(up.join("adrs.toml"))));
            }
            up.push("..");
        }
        let outcome = search::search(cwd);
        let shown = |path: &Path| shown_from(cwd, path);
        let mut found = outcome.found.iter();
        if let Some(first) = found.next() {
            let source = Source::Found(Found {
                top: shown(&outcome.top),
                rule: first.rule,
                records: first.records,
                others: found.map(|c| shown(&c.dir)).collect(),
                gave_way: recordless_default.clone(),
            });
            return Ok(make(shown(&first.dir), source));
        }
        if let Some(dir) = recordless_default {
            return Ok(make(dir, Source::DocAdr));
        }
        let mut repo = make(PathBuf::from(DEFAULT_DIR), Source::Fallback);
        repo.passed_over = outcome.empty.iter().map(|p| shown(p)).collect();
        Ok(repo)
    }

    /// A log whose folder is already known.
    pub fn named(dir: PathBuf, source: Source, cwd: &Path) -> Self {
        Self {
            dir,
            source,
            packages: Vec::new(),
            cwd: cwd.to_path_buf(),
            passed_over: Vec::new(),
            root: PathBuf::new(),
            package: None,
        }
    }

    /// Where the folder came from, in one line (`adr config`, `adr -v`).
    pub fn explain(&self) -> String {
        match &self.source {
            Source::Flag => "--dir".to_string(),
            Source::Environment => "ADR_DIR".to_string(),
            Source::Log4brains(p) => match &self.package {
                Some((name, path)) => format!(
                    "{}: package {name}, whose code ({}) holds the current folder",
                    p.display(),
                    path.display()
                ),
                None => p.display().to_string(),
            },
            Source::AdrDirFile(p) | Source::ConfigFile(p) | Source::AdrsToml(p) => {
                p.display().to_string()
            }
            Source::DocAdr => "found doc/adr".to_string(),
            Source::Found(found) => found.explain(),
            Source::Fallback if self.passed_over.is_empty() => {
                "default (not created yet)".to_string()
            }
            Source::Fallback => format!(
                "default (not created yet); {} hold no records",
                self.passed_over
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Whether the folder exists.
    pub fn exists(&self) -> bool {
        self.absolute(&self.dir).is_dir()
    }

    /// A shown path as an absolute one.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        self.cwd.join(path)
    }

    /// The folder, or a clear error when it does not exist: every command
    /// but `init` and `new` needs it.
    pub fn require(&self) -> Result<&Path> {
        if self.exists() {
            return Ok(&self.dir);
        }
        Err(match &self.source {
            Source::Fallback => Error::NoAdrDir {
                searched_from: self.cwd.clone(),
                default: self.dir.clone(),
            },
            other => Error::MissingAdrDir {
                path: self.dir.clone(),
                source_of_name: match other {
                    Source::Flag => "--dir".to_string(),
                    Source::Environment => "ADR_DIR".to_string(),
                    Source::AdrDirFile(p)
                    | Source::Log4brains(p)
                    | Source::ConfigFile(p)
                    | Source::AdrsToml(p) => p.display().to_string(),
                    Source::Found(found) => found.explain(),
                    Source::DocAdr | Source::Fallback => DEFAULT_DIR.to_string(),
                },
            },
        })
    }

    /// Every log folder: the main one, then log4brains packages.
    pub fn log_dirs(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.dir.as_path()).chain(self.packages.iter().map(PathBuf::as_path))
    }
}

/// One of `.log4brains.yml`'s `project.packages`.
struct Package {
    name: String,
    /// Its code.
    path: Option<PathBuf>,
    adr_folder: PathBuf,
}

/// `project.adrFolder` and each `project.packages[]`.
fn log4brains_folders(config: &Path) -> Option<(PathBuf, Vec<Package>)> {
    let text = super::read_settings(config, config).ok()?;
    let map = crate::record::yaml::parse_mapping(&text).ok()?;
    let project = map.get("project")?.as_object()?;
    let main = project.get("adrFolder")?.as_str()?;
    let packages = project
        .get("packages")
        .and_then(|p| p.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|p| {
                    let adr_folder = clean(p.get("adrFolder")?.as_str()?);
                    let path = p.get("path").and_then(|v| v.as_str()).map(clean);
                    // `./` or `.` as a package's code would claim the whole
                    // repository.
                    let path = path.filter(|p| !p.as_os_str().is_empty() && p != Path::new("."));
                    let name = p.get("name").and_then(|v| v.as_str()).unwrap_or_default();
                    Some(Package {
                        name: name.to_string(),
                        path,
                        adr_folder,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    Some((clean(main), packages))
}

/// adrs' `adr_dir = "…"`.
fn adrs_folder(config: &Path) -> Option<PathBuf> {
    let text = super::read_settings(config, config).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    let dir = table.get("adr_dir")?.as_str()?;
    (!dir.is_empty() && !dir.contains(crate::change::value::forbidden)).then(|| clean(dir))
}

/// `path` (absolute, below an ancestor of `cwd`) as seen from `cwd`:
/// `../../docs/adr`, or `.` for `cwd` itself.
fn shown_from(cwd: &Path, path: &Path) -> PathBuf {
    let mut up = PathBuf::new();
    for ancestor in cwd.ancestors() {
        if let Ok(rest) = path.strip_prefix(ancestor) {
            let shown = up.join(rest);
            return if shown.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                shown
            };
        }
        up.push("..");
    }
    path.to_path_buf()
}

/// `./docs/adr` → `docs/adr`.
fn clean(path: &str) -> PathBuf {
    PathBuf::from(path.trim_start_matches("./"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_up_like_adr_tools() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        fs::create_dir_all(root.join("doc/adr")).expect("mkdir");
        fs::create_dir_all(root.join("a/b")).expect("mkdir");
        let repo =
            Repository::locate(&root.join("a/b"), None, None, &Default::default()).expect("locate");
        assert_eq!(repo.dir, PathBuf::from("../../doc/adr"));
        assert_eq!(repo.source, Source::DocAdr);

        fs::write(root.join("a/.adr-dir"), "decisions\n").expect("write");
        let repo =
            Repository::locate(&root.join("a/b"), None, None, &Default::default()).expect("locate");
        assert_eq!(repo.dir, PathBuf::from("../decisions"));
        assert!(!repo.exists());
        assert!(repo.require().is_err());
    }

    #[test]
    fn flag_beats_environment_beats_search() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = Repository::locate(
            tmp.path(),
            Some(Path::new("x")),
            Some(Path::new("y")),
            &Default::default(),
        )
        .expect("locate");
        assert_eq!(repo.dir, PathBuf::from("x"));
        let repo = Repository::locate(tmp.path(), None, Some(Path::new("y")), &Default::default())
            .expect("locate");
        assert_eq!(repo.source, Source::Environment);
    }

    #[test]
    fn log4brains_packages() {
        let tmp = tempfile::tempdir().expect("tempdir");
        fs::write(
            tmp.path().join(".log4brains.yml"),
            "project:\n  adrFolder: ./docs/adr\n  packages:\n    - name: core\n      path: ./packages/core\n      adrFolder: ./packages/core/adr\n",
        )
        .expect("write");
        let repo = Repository::locate(tmp.path(), None, None, &Default::default()).expect("locate");
        assert_eq!(repo.dir, PathBuf::from("docs/adr"));
        assert_eq!(repo.packages, [PathBuf::from("packages/core/adr")]);
        let code = tmp.path().join("packages/core/src");
        fs::create_dir_all(&code).expect("mkdir");
        let repo = Repository::locate(&code, None, None, &Default::default()).expect("locate");
        assert_eq!(repo.dir, PathBuf::from("../../../packages/core/adr"));
        assert_eq!(repo.packages, [PathBuf::from("../../../docs/adr")]);
        assert!(
            repo.explain().contains("package core"),
            "{}",
            repo.explain()
        );
    }
}
