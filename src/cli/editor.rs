//! Opening a record in the user's editor.

use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// `$VISUAL`, then `$EDITOR`; an empty value counts as unset, as in
/// adr-tools' `${VISUAL:-${EDITOR:-true}}`.
pub(crate) fn configured(visual: Option<String>, editor: Option<String>) -> Option<String> {
    visual
        .filter(|v| !v.trim().is_empty())
        .or_else(|| editor.filter(|e| !e.trim().is_empty()))
}

/// Runs the editor on `path` and waits for it. The value is split like a
/// shell word list, so `code --wait` works.
pub(crate) fn open(command: &str, path: &Path) -> Result<()> {
    let failed = |reason: String| Error::Editor {
        command: command.to_string(),
        path: path.to_path_buf(),
        reason,
    };
    let words = shlex::split(command).ok_or_else(|| failed("cannot split the command".into()))?;
    let (program, args) = words
        .split_first()
        .ok_or_else(|| failed("empty command".into()))?;
    let status = Command::new(program)
        .args(args)
        .arg(path)
        .status()
        .map_err(|e| failed(e.to_string()))?;
    if status.success() {
        Ok(())
    } else {
        Err(failed(format!(
            "it exited with {status}; the record was kept"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_wins_and_empty_is_unset() {
        assert_eq!(
            configured(Some("vi".into()), Some("ed".into())),
            Some("vi".into())
        );
        assert_eq!(
            configured(Some(String::new()), Some("ed".into())),
            Some("ed".into())
        );
        assert_eq!(configured(None, None), None);
    }

    #[test]
    fn arguments_are_split() {
        assert!(open("true --wait", Path::new("x.md")).is_ok());
        assert!(open("false", Path::new("x.md")).is_err());
        assert!(open("'unterminated", Path::new("x.md")).is_err());
    }
}
