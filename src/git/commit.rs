//! `--commit`: stage exactly the files a command changed and commit them
//! with `git` itself, so the user's identity, configuration and hooks apply.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};

/// Commits `paths` (as shown, relative to `cwd`; removed files included)
/// with `message`. Returns git's one-line summary of the commit.
pub(crate) fn commit(cwd: &Path, paths: &[PathBuf], message: &str) -> Result<String> {
    let failed = |what: &str, detail: String| Error::Git {
        action: what.to_string(),
        detail: detail.trim().to_string(),
    };
    let run = |args: &[&std::ffi::OsStr]| -> Result<String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(cwd)
            .output()
            .map_err(|e| failed("(starting it)", e.to_string()))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        } else {
            let what = args
                .first()
                .map(|a| a.to_string_lossy().into_owned())
                .unwrap_or_default();
            Err(failed(
                &what,
                format!(
                    "{}{}",
                    String::from_utf8_lossy(&output.stderr),
                    String::from_utf8_lossy(&output.stdout)
                ),
            ))
        }
    };
    let mut add: Vec<&std::ffi::OsStr> = vec!["add".as_ref(), "-A".as_ref(), "--".as_ref()];
    add.extend(paths.iter().map(|p| p.as_os_str()));
    run(&add)?;
    let mut commit: Vec<&std::ffi::OsStr> = vec![
        "commit".as_ref(),
        "-q".as_ref(),
        "-m".as_ref(),
        message.as_ref(),
        "--".as_ref(),
    ];
    commit.extend(paths.iter().map(|p| p.as_os_str()));
    run(&commit)?;
    let summary = run(&["log".as_ref(), "-1".as_ref(), "--format=%h %s".as_ref()])?;
    Ok(summary.trim().to_string())
}
