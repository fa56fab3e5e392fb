//! Everything the site is made from: the loaded log (records, texts, what
//! git says of them), the log's introduction, the forge, and what may be
//! read, all taken from the application layer's [`crate::log::Log`] in
//! [`from_log`], the one place the site meets the loader.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::project::Repository;
use crate::record::Record;

use super::confine::Confine;
use super::forge::Forge;
use super::pages::SourceLinks;

/// The log as the site sees it.
pub struct SiteLog<'a> {
    pub records: Cow<'a, [Record]>,
    pub history: Cow<'a, [Option<crate::git::Metadata>]>,
    /// A hash of each record's text (see [`crate::record::facts::digest`]),
    /// known without reading it when the record cache stood for the file.
    pub digests: Vec<u64>,
    /// Where each record's file is, relative to the project root, and on
    /// the forge.
    pub sources: Vec<SourceLinks>,
    /// The log's `index.md` or `README.md`: its path and text.
    pub intro: Option<(PathBuf, String)>,
    pub confine: Confine,
    pub forge: Option<Forge>,
    /// Records and files that were left out, and why.
    pub warnings: Vec<String>,
    /// The log's own link index, when no record was left out (else the
    /// site builds one for the records it has).
    pub link_index: Option<&'a crate::log::LinkIndex>,
    texts: Vec<Text<'a>>,
}

/// Where a record's text is.
enum Text<'a> {
    /// In memory (read by the loader), or `None`: it could not be read.
    Read(Option<&'a str>),
    /// In its file: the record cache stood for it.
    File(&'a crate::log::RecordFile),
}

impl SiteLog<'_> {
    /// Record `i`'s text: read now when the record cache stood for it, and
    /// not kept, so an export holds only the texts it is rendering.
    pub fn text(&self, i: usize) -> Option<Cow<'_, str>> {
        match self.texts.get(i)? {
            Text::Read(text) => text.map(Cow::Borrowed),
            Text::File(file) => crate::log::read_record(file)
                .ok()
                .map(|bytes| Cow::Owned(crate::log::decode(bytes).0)),
        }
    }
}

/// The site's view of a loaded log: records whose real path leads outside
/// the project are left out and reported.
pub fn from_log<'a>(log: &'a crate::log::Log<'a>) -> SiteLog<'a> {
    let project = log.project();
    let repo = &project.repo;
    let confine = Confine {
        root: project.root().to_path_buf(),
    };
    let mut warnings = log.take_warnings();
    let outside = outside(
        &repo.cwd,
        log.files(),
        log.records(),
        &confine,
        &mut warnings,
    );
    // A re-export resolves the links of a few pages: the site walks the
    // records for them unless the log has its index already.
    let link_index = outside.is_empty().then(|| log.built_link_index()).flatten();
    let facts = log.facts();
    let n = log.records().len();
    let kept: Option<Vec<usize>> =
        (!outside.is_empty()).then(|| (0..n).filter(|i| !outside.contains(i)).collect());
    let (records, history): (Cow<'a, [Record]>, Cow<'a, _>) = match &kept {
        None => (Cow::Borrowed(log.records()), Cow::Borrowed(log.history())),
        Some(kept) => (
            Cow::Owned(kept.iter().map(|&i| log.records()[i].clone()).collect()),
            Cow::Owned(kept.iter().map(|&i| log.history()[i].clone()).collect()),
        ),
    };
    let at: Vec<usize> = match &kept {
        None => (0..n).collect(),
        Some(kept) => kept.clone(),
    };
    let digests = at.iter().map(|&i| facts[i].digest).collect();
    let texts = at
        .iter()
        .map(|&i| match log.text_if_read(i) {
            Some(text) => Text::Read(text),
            None => Text::File(&log.files()[i]),
        })
        .collect();
    let forge = Forge::find(
        project.config.site.repo_url.as_deref(),
        project.config.site.branch.as_deref(),
        project.git().map(|g| g.workdir.as_path()),
    );
    let sources = sources(repo, &records, &confine, forge.as_ref());
    let intro = intro(repo, log.others(), &confine, &mut warnings);
    SiteLog {
        records,
        history,
        digests,
        sources,
        intro,
        confine,
        forge,
        warnings,
        link_index,
        texts,
    }
}

/// The records whose real path (a symlink, or a folder that is one) leads
/// outside the project: they are reported and left out of the site.
fn outside(
    cwd: &Path,
    files: &[crate::log::RecordFile],
    records: &[Record],
    confine: &Confine,
    warnings: &mut Vec<String>,
) -> Vec<usize> {
    let mut folders: HashMap<PathBuf, bool> = HashMap::new();
    // Records of one folder come together: its answer is kept at hand.
    let mut last: Option<(&Path, bool)> = None;
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let dir = record.path.parent().unwrap_or(Path::new(""));
        let folder_ok = match last {
            Some((d, ok)) if d == dir => ok,
            _ => {
                let folder = cwd.join(dir);
                let ok = *folders
                    .entry(folder.clone())
                    .or_insert_with(|| confine.resolve(&folder).is_ok());
                last = Some((dir, ok));
                ok
            }
        };
        // The scan saw most records as regular files; the others are
        // looked at again.
        let regular = files.get(i).is_some_and(|f| f.regular);
        if folder_ok && regular {
            continue;
        }
        let path = cwd.join(&record.path);
        let is_link =
            !regular && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if (!folder_ok || is_link)
            && let Err(why) = confine.resolve(&path)
        {
            warnings.push(format!("{}: {why}", record.path.display()));
            out.push(i);
        }
    }
    out
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
                    let inner = crate::log::strip_normal_prefix(&record.path, dir)?;
                    let inner = match inner.to_str() {
                        Some(text) if crate::log::is_normal(inner) => text.to_string(),
                        _ => inner
                            .components()
                            .map(|c| c.as_os_str().to_string_lossy())
                            .collect::<Vec<_>>()
                            .join("/"),
                    };
                    Some(match rel.as_deref() {
                        Some("") | None => inner,
                        Some(rel) => crate::log::join_path(rel, &inner),
                    })
                })
                .unwrap_or_else(|| record.file_name().into_owned());
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
    others: &[crate::log::OtherFile],
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
            let (text, _) = crate::log::decode(bytes);
            Some((candidate.path.clone(), text))
        }
        Err(why) => {
            warnings.push(format!("{}: {why}", candidate.path.display()));
            None
        }
    }
}
