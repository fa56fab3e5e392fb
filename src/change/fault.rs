//! Test hooks for the write path, read from `ADR_INJECT_FAULT` (comma
//! separated) in debug builds only: a release build has none, whatever
//! its environment says. `rename:N` (or just `N`) makes the N-th (0-based)
//! update of a change fail after the steps before it are done,
//! `disk-full` makes staging fail as a full disk does, `pause` waits ten
//! seconds with every content staged and nothing named (the journal
//! neither), so a test can kill the process there. Kills and errors at every other point come from
//! strace's fault injection (tests/cli/trust/sweep.rs).

use std::io;

#[cfg(debug_assertions)]
fn hooks() -> Vec<String> {
    std::env::var("ADR_INJECT_FAULT")
        .map(|v| v.split(',').map(|h| h.trim().to_string()).collect())
        .unwrap_or_default()
}

#[cfg(not(debug_assertions))]
fn hooks() -> Vec<String> {
    Vec::new()
}

/// The update that should fail, if any.
pub(super) fn failing_rename() -> Option<usize> {
    hooks()
        .iter()
        .find_map(|h| h.strip_prefix("rename:").unwrap_or(h).parse().ok())
}

/// The error of an injected failure.
pub(super) fn injected() -> io::Error {
    io::Error::other("injected fault (ADR_INJECT_FAULT)")
}

/// A full disk, when asked for.
pub(super) fn disk_full() -> Option<io::Error> {
    hooks()
        .iter()
        .any(|h| h == "disk-full")
        .then(|| io::Error::from_raw_os_error(28))
}

/// Waits, with everything staged, when asked to.
pub(super) fn pause() {
    if hooks().iter().any(|h| h == "pause") {
        std::thread::sleep(std::time::Duration::from_secs(10));
    }
}
