//! "Cited by" on record pages: the project's files that cite each record,
//! found by `adr cites`' scan (`.gitignore` respected, the ADR folders and
//! the site itself left out), linked to the forge's line when the forge is
//! known, shown as repository-relative `path:line` otherwise.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::project::Project;
use crate::record::Record;
use crate::review::cites;

use super::forge::Forge;

/// Citations listed on one page, at most; the rest are counted.
pub(super) const SHOWN: usize = 50;

/// One citing line, as a record page lists it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Citation {
    /// `path:line`, relative to the project root.
    pub place: String,
    /// The line on the forge, when known.
    pub url: Option<String>,
    /// The citation as written.
    pub text: String,
}

/// The citations of every record, by record index; a warning when the scan
/// could not be made.
pub(super) fn find(
    project: &Project,
    records: &[Record],
    out: Option<&Path>,
    forge: Option<&Forge>,
) -> (Vec<Vec<Citation>>, Option<String>) {
    let mut by_record = vec![Vec::new(); records.len()];
    let root = project.root().to_path_buf();
    let cwd = &project.env.cwd;
    // Made once the walk finds a file to search: a project whose only
    // files are its records has none, and ten thousand records' searcher
    // is a tenth of a re-export.
    let matcher = std::sync::OnceLock::new();
    let main_dir = project.repo.dir.as_path();
    let make = || {
        matcher
            .get_or_init(|| {
                let rels = cites::relative_paths(records, cwd, &root);
                let main: Vec<bool> = records
                    .iter()
                    .map(|r| r.path.starts_with(main_dir))
                    .collect();
                cites::matcher(records, &rels, &main).map_err(|e| e.to_string())
            })
            .as_ref()
            .ok()
    };
    let mut exclude: Vec<PathBuf> = project
        .repo
        .log_dirs()
        .filter_map(|d| cwd.join(d).canonicalize().ok())
        .collect();
    if let Some(out) = out {
        exclude.extend(site_folders(&cwd.join(out)));
    }
    // adr's own state: the journal, caches, and the twins of exports.
    if let Ok(state) = crate::change::journal::state_dir(&root).canonicalize() {
        exclude.push(state);
    }
    let scan = cites::scan_with(
        &make,
        &cites::Options {
            root: root.clone(),
            exclude,
        },
    );
    if let Some(Err(why)) = matcher.get() {
        return (by_record, Some(format!("Cited by: {why}")));
    }
    let mut sites = Sites::default();
    for c in scan.citations {
        if sites.inside_a_site(&root, &c.file) {
            continue;
        }
        let Some(list) = by_record.get_mut(c.record) else {
            continue;
        };
        list.push(Citation {
            place: format!("{}:{}", c.file, c.line),
            url: forge.map(|f| format!("{}#L{}", f.view_url(&c.file), c.line)),
            text: c.text,
        });
    }
    (by_record, None)
}

/// Which folders hold a site `adr export html` wrote (its marker in
/// them): other exports in the project name every record on every page.
#[derive(Default)]
struct Sites {
    known: std::collections::HashMap<String, bool>,
}

impl Sites {
    /// Whether `file` (relative to `root`, `/`-separated) is in a site.
    fn inside_a_site(&mut self, root: &Path, file: &str) -> bool {
        let mut dir = file;
        while let Some((parent, _)) = dir.rsplit_once('/') {
            let is_site = *self
                .known
                .entry(parent.to_string())
                .or_insert_with(|| root.join(parent).join(super::MARKER).is_file());
            if is_site {
                return true;
            }
            dir = parent;
        }
        false
    }
}

/// The output folder and the folders an export writes beside it
/// (`.NAME.new-…`, `.NAME.old-…`): their pages name every record.
fn site_folders(out: &Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return folders;
    };
    let name = name.to_string_lossy();
    let Ok(parent) = parent.canonicalize() else {
        return folders;
    };
    folders.push(parent.join(name.as_ref()));
    if let Ok(entries) = std::fs::read_dir(&parent) {
        let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
        for entry in entries.flatten() {
            let entry_name = entry.file_name();
            let entry_name = entry_name.to_string_lossy();
            if prefixes.iter().any(|p| entry_name.starts_with(p.as_str())) {
                folders.push(entry.path());
            }
        }
    }
    folders
}
