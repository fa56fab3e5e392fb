//! Creating and linking records: every change validated first, then
//! written in one transaction under the folder lock.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::record::edit::{self, NewLink};
use crate::record::{Record, Severity, slug};
use crate::repository::Repository;
use crate::store::{self, FolderLock, RecordFile, Transaction};
use crate::template::{self, Template};

/// `TARGET:LINK:REVERSE-LINK`, as given to `adr new -l`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpec {
    pub target: String,
    pub forward: String,
    pub reverse: String,
}

impl LinkSpec {
    pub fn parse(spec: &str) -> Result<Self> {
        let mut parts = spec.splitn(3, ':').map(str::trim);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(t), Some(f), Some(r)) if !t.is_empty() && !f.is_empty() && !r.is_empty() => {
                Ok(Self {
                    target: t.to_string(),
                    forward: f.to_string(),
                    reverse: r.to_string(),
                })
            }
            _ => Err(Error::BadLinkSpec(spec.to_string())),
        }
    }
}

/// What `adr new` (and `adr init`) is asked to create.
#[derive(Debug, Clone)]
pub struct NewRecord {
    pub title: String,
    pub template: Template,
    pub date: String,
    pub status: Option<String>,
    pub tags: Vec<String>,
    pub supersede: Vec<String>,
    pub links: Vec<LinkSpec>,
}

/// Titles are one line: control characters (a pasted newline) become
/// spaces. Other spacing is kept as typed, as adr-tools keeps it.
pub fn clean_title(words: &[String]) -> String {
    words
        .join(" ")
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect()
}

/// Creates the record and updates the records it supersedes or links to,
/// all or nothing. Returns the new file's path.
pub fn create(repo: &Repository, request: &NewRecord) -> Result<PathBuf> {
    if request.title.trim().is_empty() {
        return Err(Error::NoTitle);
    }
    let slug = slug::slugify(&request.title);
    if slug.is_empty() {
        return Err(Error::EmptySlug(request.title.clone()));
    }
    let has_references = !request.supersede.is_empty() || !request.links.is_empty();
    if !repo.exists() {
        if has_references {
            let first = request
                .supersede
                .first()
                .or(request.links.first().map(|l| &l.target))
                .cloned()
                .unwrap_or_default();
            return Err(Error::UnknownReference {
                reference: first,
                dir: repo.dir.clone(),
            });
        }
        // adr-tools creates the folder on first use; its test suite relies on it.
        fs::create_dir_all(&repo.dir).map_err(|e| Error::Write {
            path: repo.dir.clone(),
            source: e,
        })?;
    }
    let _lock = FolderLock::acquire(&repo.dir)?;
    let files = store::scan_repository(repo)?.records;
    let supersede = request
        .supersede
        .iter()
        .map(|r| store::find(&files, r, &repo.dir))
        .collect::<Result<Vec<_>>>()?;
    let links = request
        .links
        .iter()
        .map(|l| Ok((store::find(&files, &l.target, &repo.dir)?, l)))
        .collect::<Result<Vec<_>>>()?;

    let number = store::next_number(&repo.dir).map_err(|e| Error::read(&repo.dir, e))?;
    let stem = format!("{number:04}-{slug}");
    let path = repo.dir.join(format!("{stem}.md"));
    let status = request
        .status
        .clone()
        .unwrap_or_else(|| request.template.default_status().to_string());
    let fields = template::Fields {
        number,
        title: &request.title,
        date: &request.date,
        status: &status,
    };
    let mut content = template::add_tags(
        &template::fill(&request.template.text, &fields),
        &request.tags,
    );
    let new_record = Record::parse(path.clone(), &stem, &content);

    let mut tx = Transaction::new();
    let mut editor = Editor::default();
    for file in supersede {
        let target = editor.load(file, &tx)?;
        let changed = edit::mark_superseded(
            &target.text,
            target.record.format,
            &NewLink {
                verb: "Superseded by",
                text: &new_record.link_text(),
                target: &relative(target.record.dir(), &path),
            },
        );
        tx.update(file.path.clone(), target.original, changed);
        content = edit::add_link(
            &content,
            new_record.format,
            &NewLink {
                verb: "Supersedes",
                text: &target.record.link_text(),
                target: &relative(new_record.dir(), &file.path),
            },
        );
    }
    for (file, spec) in links {
        let target = editor.load(file, &tx)?;
        content = edit::add_link(
            &content,
            new_record.format,
            &NewLink {
                verb: &spec.forward,
                text: &target.record.link_text(),
                target: &relative(new_record.dir(), &file.path),
            },
        );
        let changed = edit::add_link(
            &target.text,
            target.record.format,
            &NewLink {
                verb: &spec.reverse,
                text: &new_record.link_text(),
                target: &relative(target.record.dir(), &path),
            },
        );
        tx.update(file.path.clone(), target.original, changed);
    }
    tx.create(path.clone(), content);
    tx.commit()?;
    Ok(path)
}

/// Links `source` to `target` with `forward`, and back with `reverse`.
pub fn link(
    repo: &Repository,
    source: &str,
    forward: &str,
    target: &str,
    reverse: &str,
) -> Result<()> {
    repo.require()?;
    let _lock = FolderLock::acquire(&repo.dir)?;
    let files = store::scan_repository(repo)?.records;
    let source_file = store::find(&files, source, &repo.dir)?;
    let target_file = store::find(&files, target, &repo.dir)?;
    if source_file.path == target_file.path {
        return Err(Error::SelfLink(source_file.path.clone()));
    }
    let mut tx = Transaction::new();
    let mut editor = Editor::default();
    let from = editor.load(source_file, &tx)?;
    let to = editor.load(target_file, &tx)?;
    let source_text = edit::add_link(
        &from.text,
        from.record.format,
        &NewLink {
            verb: forward,
            text: &to.record.link_text(),
            target: &relative(from.record.dir(), &target_file.path),
        },
    );
    let target_text = edit::add_link(
        &to.text,
        to.record.format,
        &NewLink {
            verb: reverse,
            text: &from.record.link_text(),
            target: &relative(to.record.dir(), &source_file.path),
        },
    );
    tx.update(source_file.path.clone(), from.original, source_text);
    tx.update(target_file.path.clone(), to.original, target_text);
    tx.commit()
}

/// A record read for editing: its bytes as on disk, its current text
/// (including edits staged earlier in the same transaction), its metadata.
struct Loaded {
    original: Vec<u8>,
    text: String,
    record: Record,
}

/// Reads each record to edit once, and refuses records that are invalid.
#[derive(Default)]
struct Editor {
    read: Vec<(PathBuf, Vec<u8>, Record)>,
}

impl Editor {
    fn load(&mut self, file: &RecordFile, tx: &Transaction) -> Result<Loaded> {
        if !self.read.iter().any(|(p, _, _)| *p == file.path) {
            let bytes = fs::read(&file.path).map_err(|e| Error::read(&file.path, e))?;
            let (text, problem) = store::decode(bytes.clone());
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            if let Some(p) = record
                .problems
                .iter()
                .find(|p| p.severity == Severity::Error)
            {
                return Err(Error::InvalidRecord {
                    path: file.path.clone(),
                    line: p.line,
                    message: format!("{}; not changing it", p.message),
                });
            }
            self.read.push((file.path.clone(), bytes, record));
        }
        let (_, bytes, record) = self
            .read
            .iter()
            .find(|(p, _, _)| *p == file.path)
            .ok_or_else(|| Error::UnknownReference {
                reference: file.path.display().to_string(),
                dir: PathBuf::new(),
            })?;
        let text = match tx.pending(&file.path) {
            Some(pending) => pending.to_string(),
            None => store::decode(bytes.clone()).0,
        };
        Ok(Loaded {
            original: bytes.clone(),
            text,
            record: record.clone(),
        })
    }
}

/// The path of `to` relative to the folder `from_dir`, with `/`.
pub fn relative(from_dir: &Path, to: &Path) -> String {
    let from_norm = store::normalise(from_dir);
    let from: Vec<Component> = from_norm.components().collect();
    let to_norm = store::normalise(to);
    let to_parts: Vec<Component> = to_norm.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_specs() {
        let spec = LinkSpec::parse("5:Amends:Amended by").expect("valid");
        assert_eq!(spec.target, "5");
        assert_eq!(spec.reverse, "Amended by");
        assert!(LinkSpec::parse("5:Amends").is_err());
        assert!(LinkSpec::parse("5::x").is_err());
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("doc/adr"), Path::new("doc/adr/0001-a.md")),
            "0001-a.md"
        );
        assert_eq!(
            relative(
                Path::new("doc/adr/historic"),
                Path::new("doc/adr/0028-a.md")
            ),
            "../0028-a.md"
        );
        assert_eq!(
            relative(Path::new("../doc/adr"), Path::new("../doc/adr/sub/x.md")),
            "sub/x.md"
        );
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(clean_title(&["a\nb".into(), "c".into()]), "a b c");
        assert_eq!(clean_title(&["  spaced  ".into()]), "  spaced  ");
    }
}
