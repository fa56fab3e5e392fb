//! Turning what a user types (`3`, `ADR-3`, a file name, a path) into a
//! record. A number means exactly that number; nothing is guessed.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::record::name;

use super::load::normalise;
use super::scan::RecordFile;

/// Finds the one record `reference` names among `files`.
///
/// In order: an exact number (`3`, `0003`, `ADR-3`); a path (relative to
/// the current folder or to the ADR folder); a file name or stem; a part
/// of one file name. No match, or more than one, is an error.
pub fn find<'a>(
    files: &'a [RecordFile],
    reference: &str,
    adr_dir: &Path,
) -> Result<&'a RecordFile> {
    let reference = reference.trim();
    let unknown = || Error::UnknownReference {
        reference: reference.to_string(),
        dir: adr_dir.to_path_buf(),
    };
    if reference.is_empty() {
        return Err(unknown());
    }
    if let Some(number) = as_number(reference) {
        let hits: Vec<_> = files.iter().filter(|f| f.number == Some(number)).collect();
        return one(hits, reference).ok_or_else(unknown)?;
    }
    let wanted = normalise(Path::new(reference));
    let in_dir = normalise(&adr_dir.join(reference));
    // An absolute path names the file it leads to, however it is shown.
    let real = wanted
        .is_absolute()
        .then(|| wanted.canonicalize().ok())
        .flatten();
    let by_path: Vec<_> = files
        .iter()
        .filter(|f| {
            let p = normalise(&f.path);
            p == wanted
                || p == in_dir
                || real.as_ref().is_some_and(|real| {
                    f.path.file_name() == wanted.file_name()
                        && (std::path::absolute(&f.path).ok().map(|a| normalise(&a))
                            == Some(wanted.clone())
                            || f.path.canonicalize().ok().as_ref() == Some(real))
                })
        })
        .collect();
    if !by_path.is_empty() {
        return one(by_path, reference).ok_or_else(unknown)?;
    }
    let by_name: Vec<_> = files
        .iter()
        .filter(|f| {
            let file_name = file_name(&f.path);
            file_name == reference || f.stem == reference
        })
        .collect();
    if !by_name.is_empty() {
        return one(by_name, reference).ok_or_else(unknown)?;
    }
    let lower = reference.to_lowercase();
    let partial: Vec<_> = files
        .iter()
        .filter(|f| file_name(&f.path).to_lowercase().contains(&lower))
        .collect();
    one(partial, reference).ok_or_else(unknown)?
}

/// `3`, `0003`, `ADR-3`, `adr 3`, `ADR#3`.
fn as_number(reference: &str) -> Option<u32> {
    if reference.bytes().all(|b| b.is_ascii_digit()) {
        return reference.parse().ok();
    }
    let lower = reference.to_ascii_lowercase();
    let rest = lower.strip_prefix("adr")?;
    let digits = rest.trim_start_matches(['-', ' ', '#', '_']);
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name::number_in_reference(reference))
        .flatten()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `None` when nothing matched; an ambiguity error when several did.
fn one<'a>(hits: Vec<&'a RecordFile>, reference: &str) -> Option<Result<&'a RecordFile>> {
    match hits.as_slice() {
        [] => None,
        [only] => Some(Ok(only)),
        many => Some(Err(Error::ambiguous(
            reference,
            many.iter()
                .map(|f| f.path.clone())
                .collect::<Vec<PathBuf>>(),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<RecordFile> {
        ["0001-use-s3.md", "0003-three.md", "0025-a.md", "0025-b.md"]
            .iter()
            .map(|n| {
                let stem = n.trim_end_matches(".md");
                RecordFile {
                    path: Path::new("doc/adr").join(n),
                    stem: stem.into(),
                    number: name::number(stem),
                    log: PathBuf::new(),
                    within: None,
                    regular: false,
                }
            })
            .collect()
    }

    fn found(reference: &str) -> Result<String> {
        let files = files();
        find(&files, reference, Path::new("doc/adr")).map(|f| f.stem.clone())
    }

    #[test]
    fn numbers_are_exact() {
        assert_eq!(found("3").ok(), Some("0003-three".into()));
        assert_eq!(found("0003").ok(), Some("0003-three".into()));
        assert_eq!(found("ADR-3").ok(), Some("0003-three".into()));
        assert!(matches!(found("2"), Err(Error::UnknownReference { .. })));
        assert!(matches!(found("25"), Err(Error::AmbiguousReference { .. })));
    }

    #[test]
    fn names_and_paths() {
        assert_eq!(found("0001-use-s3.md").ok(), Some("0001-use-s3".into()));
        assert_eq!(
            found("doc/adr/0003-three.md").ok(),
            Some("0003-three".into())
        );
        assert_eq!(
            found("./doc/adr/0003-three.md").ok(),
            Some("0003-three".into())
        );
        assert_eq!(found("use-s3").ok(), Some("0001-use-s3".into()));
        assert!(matches!(
            found("0025"),
            Err(Error::AmbiguousReference { .. })
        ));
        assert!(matches!(
            found("nothing"),
            Err(Error::UnknownReference { .. })
        ));
    }
}
