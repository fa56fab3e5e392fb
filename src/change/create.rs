//! `adr new` and `adr init`: a numbered record from a template, and the
//! records it supersedes or links to updated with it.

use std::fs;
use std::path::PathBuf;

use crate::change::template::{self, RecordFormat, Template};
use crate::error::{Error, Result};
use crate::graph::verb;
use crate::log;
use crate::project::Project;
use crate::project::config::{SlugStyle, Spelling};
use crate::record::edit::{self, NewLink};
use crate::record::{Record, slug};

use super::{Change, Session, relative};

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

/// What a user asks `adr new` (or an assistant `propose_record`) for; the
/// project's settings fill in the rest.
#[derive(Debug, Clone, Default)]
pub struct NewRequest {
    /// The title as typed (several words are joined with spaces).
    pub title: String,
    /// A template by name (`--template`).
    pub template: Option<String>,
    /// The layout, when no template is named (`--format`).
    pub format: Option<RecordFormat>,
    pub status: Option<NewStatus>,
    pub tags: Vec<String>,
    pub supersede: Vec<String>,
    pub links: Vec<LinkSpec>,
}

/// The status a new record is asked to have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewStatus {
    /// Written exactly as typed (`--status "On hold"`).
    AsTyped(String),
    /// A word written the way the record's layout writes statuses
    /// (`proposed` in front matter, `Proposed` in a section).
    InLayout(&'static str),
}

/// Creates the record a user asked for, with the project's template,
/// numbering, spelling and slugs, and updates the records it supersedes or
/// links to, all or nothing.
pub fn new_record(project: &Project, request: NewRequest) -> Result<Change> {
    let config = &project.config;
    let dir = &project.repo.dir;
    let template = match &request.template {
        Some(name) => Template::named(name, dir)?,
        None => Template::choose(
            project.env.template.as_deref(),
            dir,
            request.format,
            config.new.format,
        )?,
    };
    let status = match request.status {
        Some(NewStatus::AsTyped(word)) => Some(word),
        Some(NewStatus::InLayout(word)) => Some(template.status_word(word)),
        None => config.new.status.clone(),
    };
    let reserved =
        crate::git::revision::reserved_numbers(&project.env.cwd, dir, config.new.other_branches)?;
    let mut message = format!("docs(adr): add {{number}} \"{}\"", request.title.trim());
    if !request.supersede.is_empty() {
        message.push_str(&format!(", superseding {}", request.supersede.join(", ")));
    }
    let chosen = format!("template: {:?}", template.origin);
    let mut change = create(
        project,
        &NewRecord {
            title: clean_title(&[request.title]),
            template,
            date: project.today(),
            status,
            tags: request.tags,
            supersede: request.supersede,
            links: request.links,
            reserved,
            spelling: config.new.spelling,
            slug: config.new.slug,
        },
    )?;
    change.details.push(chosen);
    Ok(change.numbered_message(&message))
}

/// Everything `create` needs to write a record.
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
/// all or nothing.
pub fn create(project: &Project, request: &NewRecord) -> Result<Change> {
    let repo = &project.repo;
    if request.title.trim().is_empty() {
        return Err(Error::NoTitle);
    }
    let slug = match request.slug {
        SlugStyle::Ascii => slug::slugify(&request.title),
        SlugStyle::Unicode => slug::slugify_unicode(&request.title),
    };
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
    let mut session = Session::open_listing(project, has_references)?;
    write_new(&mut session, request, slug)?;
    session.commit(String::new())
}

/// `adr init`: the first record, and `.adr-dir` when the folder is not
/// the default one, under the lock: concurrent `init`s make one log.
pub fn init(
    project: &Project,
    request: &NewRecord,
    adr_dir_file: Option<PathBuf>,
) -> Result<Change> {
    let repo = &project.repo;
    fs::create_dir_all(&repo.dir).map_err(|e| Error::Write {
        path: repo.dir.clone(),
        source: e,
    })?;
    let mut session = Session::open(project)?;
    if !session.files.is_empty() {
        return Err(Error::AlreadyInitialised {
            dir: repo.dir.clone(),
            count: session.files.len(),
        });
    }
    if let Some(marker) = adr_dir_file {
        let text = format!("{}\n", repo.dir.display());
        match fs::read(&marker) {
            Ok(original) => session.tx.update(marker.clone(), original, text),
            Err(_) => session.tx.create(marker.clone(), text),
        }
        session.outcome.changed.push(marker);
    }
    write_new(&mut session, request, slug::slugify(&request.title))?;
    session.commit("docs(adr): record architecture decisions".into())
}

/// Stages the new record of `request` and the edits of the records it
/// supersedes or links to.
fn write_new(session: &mut Session<'_>, request: &NewRecord, slug: String) -> Result<()> {
    let repo = session.repo;
    let (supersedes, superseded_by) = request.spelling.verbs();
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
    session.outcome.created.push(path);
    Ok(())
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
