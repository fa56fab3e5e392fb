//! `adr renumber` and `adr rename`: move a record and rewrite every link
//! to it, in one transaction.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::log::RecordFile;
use crate::project::Project;
use crate::project::config::SlugStyle;
use crate::record::edit;
use crate::record::reader::clean_title;
use crate::record::{Record, name, slug};

use super::{Change, Session, relative};

/// Gives a record a new number: its file name, its heading and every link
/// to it change.
pub fn renumber(project: &Project, reference: &str, to: u32) -> Result<Change> {
    let mut session = Session::open(project)?;
    let file = session.find(reference)?;
    let from = file.number.ok_or_else(|| {
        Error::Refused(format!(
            "{} has no number in its file name",
            file.path.display()
        ))
    })?;
    if from == to {
        return Err(Error::Refused(format!(
            "{} is already number {to}",
            file.path.display()
        )));
    }
    let dir = file
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    if let Some(taken) = session
        .files
        .iter()
        .find(|f| f.number == Some(to) && f.path.parent() == Some(dir.as_path()))
    {
        return Err(Error::Refused(format!(
            "number {to} is taken by {}",
            taken.path.display()
        )));
    }
    let new_name = renumbered_name(&file, from, to).ok_or_else(|| {
        Error::Refused(format!("cannot find the number in {}", file.path.display()))
    })?;
    let record = session.load(&file)?;
    let new_heading = record
        .heading
        .as_deref()
        .map(|h| replace_number(h, from, to).unwrap_or_else(|| h.to_string()));
    let new_id = |raw: &str| replace_number(raw, from, to);
    move_record(
        session,
        &file,
        &record,
        dir.join(new_name),
        new_heading,
        &new_id,
        format!("docs(adr): renumber {reference} to {to}"),
    )
}

/// Gives a record a new title: its file name's slug, its heading and every
/// link to it change.
pub fn rename(project: &Project, reference: &str, title: &str) -> Result<Change> {
    let title = title.trim();
    let new_slug = match project.config.new.slug {
        SlugStyle::Ascii => slug::slugify(title),
        SlugStyle::Unicode => slug::slugify_unicode(title),
    };
    if new_slug.is_empty() {
        return Err(Error::EmptySlug(title.to_string()));
    }
    let mut session = Session::open(project)?;
    let file = session.find(reference)?;
    if is_folder_record(&file) {
        return Err(Error::Refused(format!(
            "{} is a folder-per-decision record; rename its folder by hand",
            file.path.display()
        )));
    }
    let record = session.load(&file)?;
    let name = file_name(&file.path);
    let extension = &name[file.stem.len()..];
    let new_name = format!("{}{new_slug}{extension}", name::prefix(&file.stem));
    let dir = file
        .path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let new_heading = Some(match record.heading.as_deref() {
        Some(heading) => {
            let old_title = clean_title(heading);
            let keep = heading.len().saturating_sub(old_title.len());
            format!("{}{title}", &heading[..keep])
        }
        None => title.to_string(),
    });
    move_record(
        session,
        &file,
        &record,
        dir.join(new_name),
        new_heading,
        &|_| None,
        format!("docs(adr): rename {reference} to \"{title}\""),
    )
}

/// Moves `file` to `new_path` with a new heading, and points every link to
/// it at the new path. `new_id` rewrites ids such as `ADR-0057`.
fn move_record(
    mut session: Session<'_>,
    file: &RecordFile,
    record: &Record,
    new_path: PathBuf,
    new_heading: Option<String>,
    new_id: &dyn Fn(&str) -> Option<String>,
    message: String,
) -> Result<Change> {
    if new_path == file.path {
        return Err(Error::Refused(format!(
            "{} would not change",
            file.path.display()
        )));
    }
    if new_path.exists() {
        return Err(Error::Refused(format!(
            "{} already exists",
            new_path.display()
        )));
    }
    let all = session.all_records().to_vec();
    let mut text = session.text(&file.path)?;
    if let (Some(old), Some(new)) = (record.heading.as_deref(), new_heading.as_deref())
        && old != new
    {
        text = edit::set_heading(&text, new);
    }
    let old_link_text = record.link_text();
    let new_link_text = new_heading.clone().unwrap_or_else(|| old_link_text.clone());
    for other in all.iter().filter(|r| r.path != file.path) {
        let links: Vec<_> = other
            .links
            .iter()
            .filter(|l| l.target.as_deref() == Some(file.path.as_path()))
            .collect();
        if links.is_empty() {
            continue;
        }
        let other_file = session
            .files
            .iter()
            .find(|f| f.path == other.path)
            .cloned()
            .ok_or_else(|| Error::read(&other.path, std::io::Error::other("not listed")))?;
        session.load(&other_file)?;
        let mut other_text = session.text(&other.path)?;
        for link in links {
            let is_path = link.raw.contains('/') || link.raw.to_lowercase().ends_with(".md");
            let replacement = if is_path {
                Some(relative(other.dir(), &new_path))
            } else {
                new_id(&link.raw)
            };
            if let Some(replacement) = replacement {
                other_text =
                    edit::replace_in_lines(&other_text, &[link.line], &link.raw, &replacement);
            }
            if link.text.as_deref() == Some(old_link_text.as_str()) {
                other_text = edit::replace_in_lines(
                    &other_text,
                    &[link.line],
                    &format!("[{old_link_text}]"),
                    &format!("[{new_link_text}]"),
                );
            }
        }
        session.update(&other.path, other_text)?;
    }
    let original = session.loaded(&file.path)?.original.clone();
    session
        .tx
        .rename(file.path.clone(), original, new_path.clone(), text);
    session.outcome.moved.push((file.path.clone(), new_path));
    session.commit(message)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_folder_record(file: &RecordFile) -> bool {
    file.path
        .file_stem()
        .is_some_and(|s| s.to_string_lossy() != file.stem)
}

/// The file name with its number replaced, keeping its zero padding.
fn renumbered_name(file: &RecordFile, from: u32, to: u32) -> Option<String> {
    if is_folder_record(file) {
        return None;
    }
    let name = file_name(&file.path);
    let stem_len = file.stem.len();
    let new_stem = replace_number(&file.stem, from, to)?;
    Some(format!("{new_stem}{}", &name[stem_len..]))
}

/// Replaces the first run of digits that reads as `from` with `to`, padded
/// to the same width: `0003-x` → `0007-x`, `ADR-0057` → `ADR-0058`,
/// `3. Title` → `7. Title`. Date prefixes are skipped.
fn replace_number(text: &str, from: u32, to: u32) -> Option<String> {
    let mut start = 0;
    let bytes = text.as_bytes();
    while start < bytes.len() {
        if !bytes[start].is_ascii_digit() {
            start += 1;
            continue;
        }
        let end = start + name::leading_digits(&text[start..]).len();
        let digits = &text[start..end];
        if digits.parse::<u32>().ok() == Some(from) && name::date_prefix(&text[start..]).is_none() {
            let width = digits.len();
            return Some(format!("{}{to:0width$}{}", &text[..start], &text[end..]));
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_replaced_with_their_padding() {
        assert_eq!(replace_number("0003-x", 3, 7).as_deref(), Some("0007-x"));
        assert_eq!(
            replace_number("ADR-0057", 57, 58).as_deref(),
            Some("ADR-0058")
        );
        assert_eq!(
            replace_number("3. Title", 3, 12).as_deref(),
            Some("12. Title")
        );
        assert_eq!(
            replace_number("20240509-adr-0001-x", 1, 2).as_deref(),
            Some("20240509-adr-0002-x")
        );
        assert_eq!(replace_number("Use S3", 4, 5), None);
    }
}
