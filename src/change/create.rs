//! `adr new` and `adr init`: a numbered record from a template, and the
//! records it supersedes or links to updated with it.

use std::fs;
use std::path::PathBuf;

use crate::change::template::{self, Template};
use crate::error::{Error, Result};
use crate::graph::verb;
use crate::log;
use crate::project::Repository;
use crate::project::config::{SlugStyle, Spelling};
use crate::record::edit::{self, NewLink};
use crate::record::{Record, slug};

use super::{Session, relative};

/// `TARGET:LINK:REVERSE-LINK`, as given to `adr new -l`. The reverse may be
/// left out for well-known verbs (`5:Amends` gives `Amended by`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpec {
    pub target: String,
    pub forward: String,
    pub reverse: String,
}

impl LinkSpec {
    pub fn parse(spec: &str) -> Result<Self> {
        let mut parts = spec.splitn(3, ':').map(str::trim);
        let bad = || Error::BadLinkSpec(spec.to_string());
        let target = parts.next().filter(|t| !t.is_empty()).ok_or_else(bad)?;
        let forward = parts.next().filter(|f| !f.is_empty()).ok_or_else(bad)?;
        let reverse = match parts.next() {
            Some(r) if !r.is_empty() => r.to_string(),
            Some(_) => return Err(bad()),
            None => verb::reverse(forward).ok_or_else(bad)?,
        };
        Ok(Self {
            target: target.to_string(),
            forward: forward.to_string(),
            reverse,
        })
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
    /// Numbers taken on other branches.
    pub reserved: std::collections::BTreeSet<u32>,
    pub spelling: Spelling,
    pub slug: SlugStyle,
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
/// all or nothing. Returns the new file's path and the files it changed.
pub fn create(repo: &Repository, request: &NewRecord) -> Result<(PathBuf, Vec<PathBuf>)> {
    if request.title.trim().is_empty() {
        return Err(Error::NoTitle);
    }
    let slug = match request.slug {
        SlugStyle::Ascii => slug::slugify(&request.title),
        SlugStyle::Unicode => slug::slugify_unicode(&request.title),
    };
    let (supersedes, superseded_by) = request.spelling.verbs();
    if slug.is_empty() {
        return Err(Error::EmptySlug(request.title.clone()));
    }
    if !repo.exists() {
        if let Some(first) = request
            .supersede
            .first()
            .or(request.links.first().map(|l| &l.target))
        {
            return Err(Error::UnknownReference {
                reference: first.clone(),
                dir: repo.dir.clone(),
            });
        }
        // adr-tools creates the folder on first use; its test suite relies on it.
        fs::create_dir_all(&repo.dir).map_err(|e| Error::Write {
            path: repo.dir.clone(),
            source: e,
        })?;
    }
    let has_references = !request.supersede.is_empty() || !request.links.is_empty();
    let mut session = Session::open_listing(repo, has_references)?;
    let supersede = request
        .supersede
        .iter()
        .map(|r| session.find(r))
        .collect::<Result<Vec<_>>>()?;
    let links = request
        .links
        .iter()
        .map(|l| Ok((session.find(&l.target)?, l)))
        .collect::<Result<Vec<_>>>()?;

    let mut number = log::next_number(&repo.dir).map_err(|e| Error::read(&repo.dir, e))?;
    // Never a number another branch already uses: they would collide at merge.
    while request.reserved.contains(&number) {
        number += 1;
    }
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
    let new_link_text = new_record.link_text();

    for file in supersede {
        let target = session.load(&file)?;
        let changed = edit::mark_superseded(
            &session.text(&file.path)?,
            &NewLink {
                verb: superseded_by,
                text: &new_link_text,
                target: &relative(target.dir(), &path),
            },
        );
        session.update(&file.path, changed)?;
        content = edit::add_link(
            &content,
            &NewLink {
                verb: supersedes,
                text: &target.link_text(),
                target: &relative(new_record.dir(), &file.path),
            },
        );
    }
    for (file, spec) in links {
        let target = session.load(&file)?;
        content = edit::add_link(
            &content,
            &NewLink {
                verb: &spec.forward,
                text: &target.link_text(),
                target: &relative(new_record.dir(), &file.path),
            },
        );
        let changed = edit::add_link(
            &session.text(&file.path)?,
            &NewLink {
                verb: &spec.reverse,
                text: &new_link_text,
                target: &relative(target.dir(), &path),
            },
        );
        session.update(&file.path, changed)?;
    }
    session.tx.create(path.clone(), content);
    let outcome = session.commit()?;
    Ok((path, outcome.changed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_specs() {
        let spec = LinkSpec::parse("5:Amends:Amended by").expect("valid");
        assert_eq!(spec.target, "5");
        assert_eq!(spec.reverse, "Amended by");
        assert_eq!(
            LinkSpec::parse("5:Amends").expect("known verb").reverse,
            "Amended by"
        );
        assert!(LinkSpec::parse("5:Checks").is_err());
        assert!(LinkSpec::parse("5::x").is_err());
        assert!(LinkSpec::parse("5:x:").is_err());
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(clean_title(&["a\nb".into(), "c".into()]), "a b c");
        assert_eq!(clean_title(&["  spaced  ".into()]), "  spaced  ");
    }
}
