//! Test hooks for the write path, set through `ADR_INJECT_FAULT` (comma
//! separated): `rename:N` (or just `N`) makes the N-th (0-based) rename of
//! a changed file fail, `disk-full` makes writing fail as a full disk does,
//! `pause` waits ten seconds with everything staged and nothing renamed,
//! so a test can kill the process there. Never set in normal use.

use std::io;

fn hooks() -> Vec<String> {
    std::env::var("ADR_INJECT_FAULT")
        .map(|v| v.split(',').map(|h| h.trim().to_string()).collect())
        .unwrap_or_default()
}

/// The rename that should fail, if any.
pub fn failing_rename() -> Option<usize> {
    hooks()
        .iter()
        .find_map(|h| h.strip_prefix("rename:").unwrap_or(h).parse().ok())
}

/// A full disk, when asked for.
pub fn disk_full() -> Option<io::Error> {
    hooks()
        .iter()
        .any(|h| h == "disk-full")
        .then(|| io::Error::from_raw_os_error(28))
}

/// Waits, with everything staged, when asked to.
pub fn pause() {
    if hooks().iter().any(|h| h == "pause") {
        std::thread::sleep(std::time::Duration::from_secs(10));
    }
}
