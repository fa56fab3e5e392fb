//! `adr new` and `adr init`: a numbered record from a template, and the
//! records it supersedes or links to updated with it.

use std::fs;
use std::path::PathBuf;

use crate::change::fill;
use crate::change::template::{self, Choice, Origin, RecordFormat, Template};
use crate::error::{Error, Result};
use crate::graph::verb;
use crate::project::Project;
use crate::project::config::{SlugStyle, Spelling};
use crate::project::convention::Convention;
use crate::project::pattern;
use crate::record::edit;
use crate::record::{Record, slug};

use super::{Change, Session, relative, value};

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
    value::one_line("title", &request.title)?;
    let config = &project.config;
    // The lock first: the conventions and the number are learnt from the
    // one listing of the folder taken under it, so a record another `adr`
    // wrote meanwhile counts, and the folder is read once.
    let has_references = !request.supersede.is_empty() || !request.links.is_empty();
    let session = Session::open_listing(project, has_references)?;
    let convention = Convention::infer_listed(&session.listing, &config.new);
    let template = choose_template(project, &convention, &request)?;
    let status = match request.status {
        Some(NewStatus::AsTyped(word)) => Some(word),
        Some(NewStatus::InLayout(word)) => Some(spell(&template, &convention, word)),
        None => config.new.status.clone(),
    };
    let reserved = crate::git::revision::reserved_numbers(
        &project.env.cwd,
        &project.repo.dir,
        config.new.other_branches,
    )?;
    let mut message = format!("docs(adr): add {{number}} \"{}\"", request.title.trim());
    if !request.supersede.is_empty() {
        message.push_str(&format!(", superseding {}", request.supersede.join(", ")));
    }
    let chosen = format!(
        "template: {}; names: {}; titles: {}",
        template.describe(),
        convention.name.value,
        convention.heading.value
    );
    let mut change = create(
        session,
        &NewRecord {
            title: clean_title(&[request.title]),
            template,
            date: project.today(),
            status,
            tags: request.tags,
            supersede: request.supersede,
            links: request.links,
            reserved,
            spelling: convention.spelling.value,
            slug: config.new.slug,
            convention,
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
    /// How the folder names and writes records (adr-tools' by default).
    pub convention: Convention,
}

/// The template `adr new` uses for `request` in this project.
pub fn choose_template(
    project: &Project,
    convention: &Convention,
    request: &NewRequest,
) -> Result<Template> {
    let dir = &project.repo.dir;
    let configured = project
        .config
        .new
        .template
        .as_ref()
        .map(|t| project.config_path(t));
    match &request.template {
        Some(name) => Template::named(name, dir, project.root()),
        None => Template::choose(
            dir,
            Choice {
                format: request.format,
                env: project.env.template.as_deref(),
                configured: configured.as_deref(),
                configured_format: project.config.new.format,
                convention,
                root: project.root(),
            },
        ),
    }
}

/// The status a new record gets when none is asked for.
pub fn default_status(project: &Project, template: &Template, convention: &Convention) -> String {
    project
        .config
        .new
        .status
        .clone()
        .unwrap_or_else(|| spell(template, convention, template.default_status()))
}

/// A status word as the folder spells it when its records show how, else
/// as the template's layout writes it.
fn spell(template: &Template, convention: &Convention, word: &str) -> String {
    use crate::record::Format;
    // What the records show applies to a template that keeps its status
    // the way they do: not to a MADR record asked for in a Nygard folder.
    let same_place = match convention.layout.value {
        Format::Nygard => !template.lower_case_status(),
        Format::Madr | Format::Log4brains => template.lower_case_status(),
        Format::Plain => true,
    };
    if template.is_adr_tools() || !same_place {
        return template.status_word(word);
    }
    convention
        .spell(word)
        .unwrap_or_else(|| template.status_word(word))
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
/// all or nothing, in `session` (which lists the records when there are
/// any to update).
fn create(mut session: Session<'_>, request: &NewRecord) -> Result<Change> {
    let repo = session.repo;
    check_values(request)?;
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
    // adr-tools creates the folder on first use (its test suite relies on
    // it): the transaction makes it with the record.
    if !repo.exists()
        && let Some(first) = request
            .supersede
            .first()
            .or(request.links.first().map(|l| &l.target))
    {
        return Err(Error::UnknownReference {
            reference: first.clone(),
            dir: repo.dir.clone(),
        });
    }
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
    // The folder is made with the record, in one transaction.
    let mut session = Session::open_listing(project, true)?;
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

/// Every value `request` writes into records is one line.
fn check_values(request: &NewRecord) -> Result<()> {
    value::one_line("title", &request.title)?;
    value::one_line("date", &request.date)?;
    if let Some(status) = &request.status {
        value::one_line("status", status)?;
    }
    for tag in &request.tags {
        value::one_line("tag", tag)?;
    }
    for link in &request.links {
        value::one_line("link verb", &link.forward)?;
        value::one_line("reverse link verb", &link.reverse)?;
    }
    Ok(())
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

    let convention = &request.convention;
    let mut number = convention
        .next_number_listed(&session.listing)
        .map_err(|e| Error::read(&repo.dir, e))?;
    // Never a number another branch already uses: they would collide at merge.
    while request.reserved.contains(&number) {
        number = number.checked_add(1).ok_or_else(|| {
            Error::Refused(format!(
                "no number is left after {}, the largest adr supports",
                u32::MAX
            ))
        })?;
    }
    let values = pattern::Values {
        number,
        title: &request.title,
        date: name_date(&request.date),
        unicode: request.slug == SlugStyle::Unicode,
    };
    let (path, stem) = free_name(&repo.dir, &convention.name.value, &values, &slug);
    let explicit = request.status.is_some();
    let status = request.status.clone().unwrap_or_else(|| {
        spell(
            &request.template,
            convention,
            request.template.default_status(),
        )
    });
    let fields = template::Fields {
        number,
        title: &request.title,
        date: &request.date,
        status: &status,
    };
    let heading = convention.heading.value.render(&values);
    let plain = request.template.is_adr_tools()
        || (matches!(request.template.origin, Origin::BuiltIn(_))
            && convention.heading.value == pattern::adr_tools_heading());
    let filled = if plain {
        template::fill(&request.template.text, &fields)
    } else {
        fill::fill(
            &request.template.text,
            &fill::Values {
                fields: &fields,
                heading: convention.titled.then_some(heading.as_str()),
                status: Some(&status),
                add_status: explicit || convention.states_status(),
            },
        )
    };
    let mut content = template::add_tags(&filled, &request.tags);
    let new_record = Record::parse(path.clone(), &stem, &content);
    let new_link_text = new_record.link_text();

    for file in supersede {
        let target = session.load(&file)?;
        let changed = edit::mark_superseded(
            &session.text(&file.path)?,
            &value::link(
                superseded_by,
                &new_link_text,
                &relative(target.dir(), &path),
            )?,
        );
        session.update(&file.path, changed)?;
        content = edit::add_link(
            &content,
            &value::link(
                supersedes,
                &target.link_text(),
                &relative(new_record.dir(), &file.path),
            )?,
        );
    }
    for (file, spec) in links {
        let target = session.load(&file)?;
        content = edit::add_link(
            &content,
            &value::link(
                &spec.forward,
                &target.link_text(),
                &relative(new_record.dir(), &file.path),
            )?,
        );
        let changed = edit::add_link(
            &session.text(&file.path)?,
            &value::link(
                &spec.reverse,
                &new_link_text,
                &relative(target.dir(), &path),
            )?,
        );
        session.update(&file.path, changed)?;
    }
    // A folder per record (`2024-05-09-x/README.md`) is made by the
    // transaction, with the record.
    session.tx.create(path.clone(), content);
    session.outcome.created.push(path);
    Ok(())
}

/// The date and time a name is made from: the record's date (`ADR_DATE`
/// as given, at midnight), else now.
fn name_date(date: &str) -> chrono::NaiveDateTime {
    match chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") {
        Ok(day) => day.and_time(chrono::NaiveTime::MIN),
        Err(_) => chrono::Local::now().naive_local(),
    }
}

/// The new record's path and stem; a name without a number that is taken
/// (the same title on the same day) gets `-2`, `-3` … after its slug.
fn free_name(
    dir: &std::path::Path,
    name: &pattern::Pattern,
    values: &pattern::Values<'_>,
    adr_tools_slug: &str,
) -> (PathBuf, String) {
    if *name == pattern::adr_tools_name() {
        let stem = format!("{:04}-{adr_tools_slug}", values.number);
        return (dir.join(format!("{stem}.md")), stem);
    }
    let split = |file: &str| -> (PathBuf, String) {
        let path = dir.join(file);
        let stem = match file.strip_suffix("/README.md") {
            Some(folder) => folder.to_string(),
            None => file
                .strip_suffix(".md")
                .or_else(|| file.strip_suffix(".MD"))
                .unwrap_or(file)
                .to_string(),
        };
        (path, stem)
    };
    let file = name.render(values);
    let first = split(&file);
    if name.numbered() || !first.0.exists() && !dir.join(&first.1).exists() {
        return first;
    }
    for n in 2..1000 {
        let title = format!("{} {n}", values.title);
        let file = name.render(&pattern::Values {
            title: &title,
            ..values.clone()
        });
        let candidate = split(&file);
        if !candidate.0.exists() && !dir.join(&candidate.1).exists() {
            return candidate;
        }
    }
    first
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
