//! Reading every record once, in parallel.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::record::{Problem, Record};

use super::scan::RecordFile;

/// Below this many items one thread is faster than starting more.
const ITEMS_PER_THREAD: usize = 64;

/// Maps `f` over `items` on every core, keeping the order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    parallel_map_by(items, ITEMS_PER_THREAD, f)
}

/// Like [`parallel_map`], starting a thread for each `per_thread` items
/// (up to the cores): for items that are each much work (1) or little.
pub fn parallel_map_by<T: Sync, R: Send>(
    items: &[T],
    per_thread: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().div_ceil(per_thread.max(1)))
        .max(1);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Reads and parses each file once. A file that cannot be read becomes a
/// record with an error problem, so it is still listed.
pub fn load(files: &[RecordFile]) -> Vec<Record> {
    parallel_map(files, |f| read_one_with_text(f).0)
}

/// Like [`load`], keeping each file's text (`None` when unreadable) for
/// commands that render it.
pub fn load_with_text(files: &[RecordFile]) -> Vec<(Record, Option<String>)> {
    parallel_map(files, read_one_with_text)
}

/// A record larger than this is reported, not read: memory stays bounded
/// whatever lands in the folder.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;

/// How much of a file `load_heads` reads first: the title is nearly always
/// in it.
const HEAD_BYTES: usize = 8 * 1024;

pub(super) fn read_one_with_text(file: &RecordFile) -> (Record, Option<String>) {
    match read_record(file) {
        Ok(bytes) => {
            let (text, problem) = decode(bytes);
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            (record, Some(text))
        }
        Err(why) => (Record::unreadable(file.path.clone(), &file.stem, why), None),
    }
}

/// A record file's bytes, read as [`read_bounded`] reads, from inside the
/// project only: a record that is a symlink leading out of it is refused,
/// judged on the file actually opened.
pub fn read_record(file: &RecordFile) -> Result<Vec<u8>, String> {
    read_capped(open_scanned(file)?)
}

/// The whole file, unless it is larger than a record may be, or not a
/// regular file (a FIFO, a device, a socket, which are refused without
/// waiting on them).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    read_capped(open_regular(path, None)?)
}

fn too_large(size: u64) -> String {
    format!(
        "the file has {} MiB; records over {} MiB are not read",
        size / (1024 * 1024),
        MAX_RECORD_BYTES / (1024 * 1024)
    )
}

/// Reads at most the cap, counting the bytes actually read: a file that
/// reports a small size and never ends stops there.
fn read_capped(file: fs::File) -> Result<Vec<u8>, String> {
    let size = file
        .metadata()
        .map_err(|e| format!("cannot read: {e}"))?
        .len();
    if size > MAX_RECORD_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(format!(
            "the file holds more than {} MiB; records over {} MiB are not read",
            MAX_RECORD_BYTES / (1024 * 1024),
            MAX_RECORD_BYTES / (1024 * 1024)
        ));
    }
    Ok(bytes)
}

/// Whether a reason a file was not read is the system failing to read it
/// (rather than the file being one `adr` does not read).
pub fn is_io_failure(why: &str) -> bool {
    why.starts_with("cannot read:")
}

/// At most `cap` bytes of a regular file that is really inside `within`
/// (see [`open_regular`]); a longer file is refused.
pub fn read_within(path: &Path, within: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let file = open_regular(path, Some(within))?;
    // Sized once from the file's length rather than grown by doubling.
    let size = file.metadata().map_or(0, |m| m.len()).min(cap);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("larger than {} MiB; not read", cap >> 20));
    }
    Ok(bytes)
}

/// Opens `path` for reading without ever waiting (a FIFO opened for
/// reading would wait for a writer), and only when it is a regular file;
/// with `within`, only when the file actually opened is inside that
/// folder (canonical), whatever symlinks led to it.
pub fn open_regular(path: &Path, within: Option<&Path>) -> Result<fs::File, String> {
    open_checked(path, within, false)
}

/// Like [`open_regular`] for a file whose folder a scan found inside
/// `within`: a file that is not a symlink is then inside too, and only a
/// symlink needs its real path read back.
fn open_scanned(file: &RecordFile) -> Result<fs::File, String> {
    open_checked(&file.path, file.within.as_deref(), true)
}

fn open_checked(
    path: &Path,
    within: Option<&Path>,
    folder_inside: bool,
) -> Result<fs::File, String> {
    let (file, followed) = match within {
        Some(_) if folder_inside => match open_nonblocking(path, false) {
            Ok(file) => (file, false),
            Err(e) if is_symlink_refusal(&e) => (
                open_nonblocking(path, true).map_err(|e| format!("cannot read: {e}"))?,
                true,
            ),
            Err(e) => return Err(format!("cannot read: {e}")),
        },
        _ => (
            open_nonblocking(path, true).map_err(|e| format!("cannot read: {e}"))?,
            true,
        ),
    };
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(format!("{}; not read", special_kind(&kind)));
    }
    // A hard link names the same file as some other path, which may be
    // outside the project (`ln /etc/shadow doc/adr/0009-x.md`): nothing
    // tells where, so a file of the project with other links is not read.
    #[cfg(unix)]
    if within.is_some() && std::os::unix::fs::MetadataExt::nlink(&meta) > 1 {
        return Err(
            "has other hard links (which may be files outside the project); not read".to_string(),
        );
    }
    if let Some(within) = within
        && followed
        && !opened_inside(&file, path, within)
    {
        return Err("leads outside the project; not read".to_string());
    }
    Ok(file)
}

/// The error `O_NOFOLLOW` gives for a symlink (`ELOOP`).
fn is_symlink_refusal(error: &std::io::Error) -> bool {
    #[cfg(target_os = "linux")]
    {
        error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = error;
        false
    }
}

#[cfg(unix)]
fn special_kind(kind: &fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a folder, not a file"
    } else if kind.is_fifo() {
        "a FIFO (named pipe), not a file"
    } else if kind.is_socket() {
        "a socket, not a file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device, not a file"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn special_kind(kind: &fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a folder, not a file"
    } else {
        "not a regular file"
    }
}

/// Opens without waiting; without `follow`, a symlink is refused
/// (`O_NOFOLLOW`, where the system has it).
#[cfg(target_os = "linux")]
fn open_nonblocking(path: &Path, follow: bool) -> std::io::Result<fs::File> {
    use rustix::fs::{Mode, OFlags};
    let mut flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    if !follow {
        flags |= OFlags::NOFOLLOW;
    }
    let fd = rustix::fs::open(path, flags, Mode::empty())?;
    Ok(fs::File::from(fd))
}

#[cfg(all(unix, not(target_os = "linux")))]
fn open_nonblocking(path: &Path, _follow: bool) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    // O_NONBLOCK is 4 on the BSDs and macOS.
    fs::OpenOptions::new().read(true).custom_flags(4).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, _follow: bool) -> std::io::Result<fs::File> {
    fs::File::open(path)
}

/// Whether the file opened as `path` is inside `within`: on Linux its
/// real path is read back from the open descriptor; elsewhere the
/// resolved path must name the very file that was opened.
fn opened_inside(file: &fs::File, path: &Path, within: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return real.starts_with(within);
        }
    }
    let Ok(real) = path.canonicalize() else {
        return false;
    };
    if !real.starts_with(within) {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(&real)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        true
    }
}

/// Reads only as much of each file as its title needs: the first 8 KiB,
/// and the rest only when no title was found in them. The records have
/// their number, heading and title; other fields may be missing.
pub fn load_heads(files: &[RecordFile]) -> Vec<Record> {
    parallel_map(files, read_head)
}

fn read_head(file: &RecordFile) -> Record {
    let mut buffer = vec![0u8; HEAD_BYTES];
    let filled = open_scanned(file).and_then(|mut f| {
        let mut filled = 0;
        while filled < buffer.len() {
            match f.read(&mut buffer[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) => return Err(format!("cannot read: {e}")),
            }
        }
        Ok(filled)
    });
    let filled = match filled {
        Ok(n) => n,
        Err(why) => {
            return Record::unreadable(file.path.clone(), &file.stem, why);
        }
    };
    buffer.truncate(filled);
    let whole = filled < HEAD_BYTES;
    // Invalid bytes, or a title elsewhere (front matter only): read it all.
    let heading = std::str::from_utf8(&buffer)
        .ok()
        .and_then(crate::record::reader::first_heading);
    match heading {
        Some((heading, line)) => Record::from_heading(file.path.clone(), &file.stem, heading, line),
        None if whole => {
            let (text, problem) = decode(buffer);
            let mut record = Record::parse(file.path.clone(), &file.stem, &text);
            record.problems.extend(problem);
            record
        }
        None => read_one_with_text(file).0,
    }
}

/// UTF-8 text; other bytes are replaced and reported with their line.
pub fn decode(bytes: Vec<u8>) -> (String, Option<Problem>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (
                text,
                Some(Problem::error(
                    "unreadable",
                    line,
                    "not valid UTF-8; invalid bytes shown as \u{fffd}",
                )),
            )
        }
    }
}

/// Lexically normalises a path: `a/./b/../c` → `a/c`.
pub fn normalise(path: &Path) -> PathBuf {
    if is_normal(path) {
        return path.to_path_buf();
    }
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` inside `dir`, as [`Path::strip_prefix`] gives it, for paths
/// already normalised: compared as text, which is much cheaper than
/// walking both paths' components for every record of a large log.
pub fn strip_normal_prefix<'a>(path: &'a Path, dir: &Path) -> Option<&'a Path> {
    let normal = is_normal(path) && (dir.as_os_str().is_empty() || is_normal(dir));
    let (Some(text), Some(prefix), true) = (path.to_str(), dir.to_str(), normal) else {
        return path.strip_prefix(dir).ok();
    };
    let rest = text.strip_prefix(prefix)?;
    let rest = if prefix.is_empty() || prefix.ends_with('/') || rest.is_empty() {
        rest
    } else {
        rest.strip_prefix('/')?
    };
    Some(Path::new(rest))
}

/// Whether `path` is already as [`normalise`] would make it: relative or
/// absolute, `/`-separated, with no empty, `.` or `..` part. Most paths
/// are, and copying one is much cheaper than rebuilding it.
pub fn is_normal(path: &Path) -> bool {
    if std::path::MAIN_SEPARATOR != '/' {
        return false;
    }
    let bytes = path.as_os_str().as_encoded_bytes();
    let rest = bytes.strip_prefix(b"/").unwrap_or(bytes);
    !rest.is_empty()
        && rest
            .split(|&b| b == b'/')
            .all(|part| !matches!(part, b"" | b"." | b".."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_normal_prefix_strips_as_components_do() {
        for (path, dir) in [
            ("doc/adr/0001-a.md", "doc/adr"),
            ("doc/adr/0001-a.md", "doc"),
            ("doc/adrs/0001-a.md", "doc/adr"),
            ("doc/adr", "doc/adr"),
            ("/abs/doc/x.md", "/abs"),
            ("/abs/doc/x.md", "/"),
            ("doc/adr/x.md", ""),
            ("doc/./adr/x.md", "doc/adr"),
            ("doc/adr/x.md", "doc/adr/"),
            ("docs/x.md", "doc"),
        ] {
            assert_eq!(
                strip_normal_prefix(Path::new(path), Path::new(dir)),
                Path::new(path).strip_prefix(dir).ok(),
                "{path} in {dir}"
            );
        }
    }

    #[test]
    fn normal_paths_are_kept_and_others_rebuilt() {
        for path in [
            "a/b.md", "/a/b", "a", "./a", "a/./b", "a//b", "a/", "../a", "a/../b", "/", "",
        ] {
            let slow = {
                let mut out = PathBuf::new();
                for component in Path::new(path).components() {
                    match component {
                        Component::CurDir => {}
                        Component::ParentDir => {
                            if !out.pop() {
                                out.push("..");
                            }
                        }
                        other => out.push(other),
                    }
                }
                out
            };
            assert_eq!(normalise(Path::new(path)), slow, "{path}");
            assert_eq!(
                normalise(Path::new(path)).as_os_str(),
                slow.as_os_str(),
                "{path}"
            );
        }
    }

    #[test]
    fn decode_reports_line_of_bad_bytes() {
        let (text, problem) = decode(b"ok\nbad \xff here\n".to_vec());
        assert!(text.contains('\u{fffd}'));
        assert_eq!(problem.map(|p| p.line), Some(2));
    }
}
