//! Paths between records, as links between them are written.

use std::path::{Component, Path};

use super::normalise;

/// `folder/name`, made without the formatting machinery: it is made once
/// a record where logs have thousands.
pub fn join_path(folder: &str, name: &str) -> String {
    [folder, "/", name].concat()
}

/// The path of `to` relative to the folder `from_dir`, with `/`.
pub fn relative(from_dir: &Path, to: &Path) -> String {
    let from_norm = normalise(from_dir);
    let from: Vec<Component> = from_norm.components().collect();
    let to_norm = normalise(to);
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
}
