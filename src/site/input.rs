//! Everything the site is made from, read once: the records and their
//! texts, what git says of them, the log's introduction, the forge.
//!
//! This is the one place that loads the log, so that the site can move to
//! another loader by changing [`load`] alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::log;
use crate::project::Repository;
use crate::project::config::Config;
use crate::record::Record;

use super::confine::Confine;
use super::forge::Forge;
use super::pages::SourceLinks;

/// The log as the site sees it.
pub struct Log {
    pub records: Vec<Record>,
    pub texts: Vec<Option<String>>,
    pub history: Vec<Option<crate::git::Metadata>>,
    /// Where each record's file is, relative to the project root, and on
    /// the forge.
    pub sources: Vec<SourceLinks>,
    /// The log's `index.md` or `README.md`: its path and text.
    pub intro: Option<(PathBuf, String)>,
    pub confine: Confine,
    pub forge: Option<Forge>,
    /// Records and files that were not read, and why.
    pub warnings: Vec<String>,
}

/// Reads the log of `repo`: records inside the project only.
pub fn load(repo: &Repository, config: &Config) -> Result<Log> {
    let scan = log::scan_repository(repo)?;
    let confine = Confine::new(&repo.absolute(&repo.dir), config.path.as_deref());
    let mut warnings = Vec::new();
    let files = inside(&repo.cwd, &scan.records, &confine, &mut warnings);
    let loaded = log::load_with_text(&files);
    let (mut records, texts): (Vec<Record>, Vec<Option<String>>) = loaded.into_iter().unzip();
    log::resolve_links(&mut records);
    let dirs: Vec<&Path> = repo.log_dirs().collect();
    let history = crate::git::records_metadata(&repo.cwd, &dirs, &records, Some(&texts), false)
        .unwrap_or_else(|_| vec![None; records.len()]);
    let forge = Forge::find(
        config.site.repo_url.as_deref(),
        config.site.branch.as_deref(),
        Some(&confine.root)
            .filter(|r| r.join(".git").exists())
            .map(PathBuf::as_path),
    );
    let sources = sources(repo, &records, &confine, forge.as_ref());
    let intro = intro(repo, &scan.others, &confine, &mut warnings);
    Ok(Log {
        records,
        texts,
        history,
        sources,
        intro,
        confine,
        forge,
        warnings,
    })
}

/// The record files whose real path is inside the project; the others are
/// reported and not read.
fn inside(
    cwd: &Path,
    files: &[log::RecordFile],
    confine: &Confine,
    warnings: &mut Vec<String>,
) -> Vec<log::RecordFile> {
    let mut folders: HashMap<PathBuf, bool> = HashMap::new();
    let mut kept = Vec::with_capacity(files.len());
    for file in files {
        let path = cwd.join(&file.path);
        let folder = path.parent().unwrap_or(cwd).to_path_buf();
        let folder_ok = *folders
            .entry(folder.clone())
            .or_insert_with(|| confine.resolve(&folder).is_ok());
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let verdict = if !folder_ok || is_link {
            confine.resolve(&path).map(|_| ())
        } else {
            Ok(())
        };
        match verdict {
            Ok(()) => kept.push(file.clone()),
            Err(why) => warnings.push(format!("{}: {why}", file.path.display())),
        }
    }
    kept
}

/// Each record's path from the project root, from its log folder's, so
/// that the builder's own folders never show.
fn sources(
    repo: &Repository,
    records: &[Record],
    confine: &Confine,
    forge: Option<&Forge>,
) -> Vec<SourceLinks> {
    let dirs: Vec<(&Path, Option<String>)> = repo
        .log_dirs()
        .map(|d| {
            let rel = confine
                .resolve(&repo.absolute(d))
                .ok()
                .and_then(|r| confine.relative(&r));
            (d, rel)
        })
        .collect();
    records
        .iter()
        .map(|record| {
            let path = dirs
                .iter()
                .find_map(|(dir, rel)| {
                    let inner = record.path.strip_prefix(dir).ok()?;
                    let inner = inner
                        .components()
                        .map(|c| c.as_os_str().to_string_lossy())
                        .collect::<Vec<_>>()
                        .join("/");
                    Some(match rel.as_deref() {
                        Some("") => inner,
                        Some(rel) => format!("{rel}/{inner}"),
                        None => inner,
                    })
                })
                .unwrap_or_else(|| record.file_name());
            SourceLinks {
                view: forge.map(|f| f.view_url(&path)),
                edit: forge.map(|f| f.edit_url(&path)),
                path,
            }
        })
        .collect()
}

/// `index.md`, else `README.md`, directly in the main log folder.
fn intro(
    repo: &Repository,
    others: &[log::OtherFile],
    confine: &Confine,
    warnings: &mut Vec<String>,
) -> Option<(PathBuf, String)> {
    let candidate = ["index.md", "readme.md"].iter().find_map(|name| {
        others.iter().find(|o| {
            o.path.parent() == Some(repo.dir.as_path())
                && o.path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().to_lowercase() == *name)
        })
    })?;
    match confine.read(&repo.absolute(&candidate.path)) {
        Ok(bytes) => {
            let (text, _) = log::decode(bytes);
            Some((candidate.path.clone(), text))
        }
        Err(why) => {
            warnings.push(format!("{}: {why}", candidate.path.display()));
            None
        }
    }
}
