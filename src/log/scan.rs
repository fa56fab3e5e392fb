//! Finding which files in an ADR folder are records, from names alone.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::listing::{Entry, Listing};
use crate::record::name;

/// A file that holds a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordFile {
    pub path: PathBuf,
    /// The name the number comes from: the file stem, or the folder name
    /// for a folder-per-decision record (`2022-11-09-x/README.md`).
    pub stem: String,
    pub number: Option<u32>,
    /// The folder of the log it belongs to, relative to the ADR folder.
    pub log: PathBuf,
    /// The folder (canonical) the file must really be in to be read: the
    /// project's root. Checked on the file actually opened.
    pub within: Option<Arc<Path>>,
    /// The scan found a regular file here, not a symlink (`false` when it
    /// did not look: a record read from git, a test's).
    pub regular: bool,
}

/// A Markdown file in the ADR folder that is not a record, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherFile {
    pub path: PathBuf,
    pub reason: &'static str,
}

/// Everything found under an ADR folder.
#[derive(Debug, Default)]
pub struct Scan {
    pub records: Vec<RecordFile>,
    pub others: Vec<OtherFile>,
    /// Temporary files a crashed `adr` left (`.adr-*.tmp`).
    pub leftovers: Vec<PathBuf>,
    /// What finishing an interrupted change or removing leftovers did,
    /// for the user.
    pub notes: Vec<String>,
}

/// Folders that hold tooling or assets, never records.
pub const SKIPPED_DIRS: &[&str] = &[
    "templates",
    "template",
    "assets",
    "images",
    "img",
    "node_modules",
    "_site",
    "adr-site",
];

/// Markdown files that index or describe a log rather than record a decision.
const NON_RECORD_FILES: &[&str] = &[
    "readme.md",
    "index.md",
    "_index.md",
    "summary.md",
    "changelog.md",
    "contributing.md",
    "license.md",
];

/// Deeper than this, nested folders are not searched.
pub const MAX_DEPTH: usize = 8;

/// Lists the records under `root`, sorted by log, then number, then name;
/// nothing outside `root` itself is read.
pub fn scan(root: &Path) -> io::Result<Scan> {
    let within = root.canonicalize()?;
    scan_within(root, &within)
}

/// Lists the records under `dir`, reading nothing whose real path is
/// outside `within` (canonical): a symlinked folder leading out is not
/// followed, a symlinked record leading out is listed and refused when
/// read. Each folder is read once, however many symlinks lead to it.
pub fn scan_within(dir: &Path, within: &Path) -> io::Result<Scan> {
    let mut walk = Walk::from(dir, within);
    walk.folder(dir, Path::new(""), 0)?;
    Ok(walk.finish())
}

/// [`scan`] of the folder `listing` lists, from that listing: the folder
/// itself is not read again (its subfolders are).
pub fn scan_listed(listing: &Listing) -> io::Result<Scan> {
    let within = listing.dir().canonicalize()?;
    scan_listed_within(listing, &within)
}

/// [`scan_within`] of the folder `listing` lists, from that listing.
pub fn scan_listed_within(listing: &Listing, within: &Path) -> io::Result<Scan> {
    let dir = listing.dir();
    if !listing.found() {
        return Err(io::Error::from(io::ErrorKind::NotFound));
    }
    let mut walk = Walk::from(dir, within);
    // Nearly every entry of a log folder is a record.
    walk.scan.records.reserve(listing.entries().len());
    walk.entries(dir, Path::new(""), 0, listing.entries())?;
    Ok(walk.finish())
}

/// A folder's device and inode: the same folder reached twice is the same
/// pair.
#[cfg(unix)]
fn folder_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_id(path: &Path) -> Option<(u64, u64)> {
    let real = path.canonicalize().ok()?;
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    real.hash(&mut h);
    Some((0, h.finish()))
}

struct Walk {
    scan: Scan,
    within: Arc<Path>,
    visited: HashSet<(u64, u64)>,
}

impl Walk {
    /// A walk from `dir`, which counts as visited, inside `within`.
    fn from(dir: &Path, within: &Path) -> Self {
        let mut walk = Self {
            scan: Scan::default(),
            within: Arc::from(within),
            visited: HashSet::new(),
        };
        if let Some(id) = folder_id(dir) {
            walk.visited.insert(id);
        }
        walk
    }

    /// What the walk found, in order.
    fn finish(self) -> Scan {
        let mut scan = self.scan;
        sort(&mut scan);
        scan
    }

    fn record(&mut self, path: PathBuf, stem: &str, log: &Path, regular: bool) {
        self.scan.records.push(RecordFile {
            number: name::number(stem),
            path,
            stem: stem.to_string(),
            log: log.to_path_buf(),
            within: Some(Arc::clone(&self.within)),
            regular,
        });
    }

    /// Whether a folder reached through `path` may be read: inside the
    /// project, and not read before (a symlink loop, two links to one).
    fn enter(&mut self, path: &Path, symlinked: bool) -> Result<bool, &'static str> {
        if symlinked {
            match path.canonicalize() {
                Ok(real) if real.starts_with(&*self.within) => {}
                Ok(_) => return Err("a symlinked folder leading outside the project; not read"),
                Err(_) => return Err("a symlinked folder that cannot be resolved; not read"),
            }
        }
        match folder_id(path) {
            Some(id) => Ok(self.visited.insert(id)),
            None => Err("a folder that cannot be read"),
        }
    }

    fn folder(&mut self, dir: &Path, log: &Path, depth: usize) -> io::Result<()> {
        let listing = Listing::read_existing(dir)?;
        self.entries(dir, log, depth, listing.entries())
    }

    /// The entries of the folder `dir`, sorted by name.
    fn entries(
        &mut self,
        dir: &Path,
        log: &Path,
        depth: usize,
        entries: &[Entry],
    ) -> io::Result<()> {
        for entry in entries {
            let file_name = &entry.name;
            let Some(name) = file_name.to_str() else {
                // A name that is not UTF-8 cannot be shown or linked; say so.
                if is_markdown(&file_name.to_string_lossy()) {
                    self.scan.others.push(OtherFile {
                        path: dir.join(file_name),
                        reason: "file name is not valid UTF-8",
                    });
                }
                continue;
            };
            let path = dir.join(name);
            let kind = entry.kind;
            let symlinked = kind.is_symlink();
            let is_dir = match kind {
                t if t.is_symlink() => fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false),
                t => t.is_dir(),
            };
            if is_dir {
                if skips_folder(name, depth) {
                    continue;
                }
                match self.enter(&path, symlinked) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(reason) => {
                        self.scan.others.push(OtherFile { path, reason });
                        continue;
                    }
                }
                if let Some(readme) = folder_record(&path, name)? {
                    self.record(readme.clone(), name, log, false);
                    list_supplements(&path, &readme, &mut self.scan)?;
                } else {
                    self.folder(&path, &log.join(name), depth + 1)?;
                }
                continue;
            }
            if kind.is_file() && crate::change::stage::is_leftover(name) {
                self.scan.leftovers.push(path);
                continue;
            }
            match file_kind(name) {
                FileKind::Ignored
                    if kind.is_file() && is_extensionless_record(&path, name, entries) =>
                {
                    self.record(path, name, log, true);
                }
                FileKind::Ignored => {}
                FileKind::Other(reason) => self.scan.others.push(OtherFile { path, reason }),
                // FIFOs, devices and symlinks leading out are records that
                // cannot be read: listed, and reported when read.
                FileKind::Record(stem) => self.record(path, stem, log, kind.is_file()),
            }
        }
        Ok(())
    }
}

/// What a file of an ADR folder is, from its name alone.
pub(super) enum FileKind<'n> {
    /// Not Markdown, or hidden.
    Ignored,
    /// Markdown that is not a record, and why.
    Other(&'static str),
    /// A record, with the stem its number comes from.
    Record(&'n str),
}

/// The scan's rule for a file's name, for a folder on disk or a tree in git.
pub(super) fn file_kind(name: &str) -> FileKind<'_> {
    if !is_markdown(name) || name.starts_with('.') {
        return FileKind::Ignored;
    }
    // Most names are lower case already: no copy for those.
    let lower: std::borrow::Cow<'_, str> = if name
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        name.into()
    } else {
        name.to_lowercase().into()
    };
    let stem = &name[..name.len() - 3];
    // `_readme.md`, `_index.md`: a leading `_` marks a site's own page.
    if NON_RECORD_FILES.contains(&&*lower)
        || NON_RECORD_FILES.contains(&lower.trim_start_matches('_'))
    {
        FileKind::Other("index or readme")
    } else if lower.contains("template")
        && (name::number(stem).is_none() || crate::project::search::is_numbered_template(stem))
    {
        // `adr-template.md`, `ADRXXX-…-template.md`; but
        // `0039-use-velocity-as-template-engine.md` is a decision.
        FileKind::Other("template")
    } else {
        FileKind::Record(stem)
    }
}

/// Whether the scan leaves a subfolder unread: hidden, tooling or assets,
/// or too deep.
pub(super) fn skips_folder(name: &str, depth: usize) -> bool {
    name.starts_with('.') || SKIPPED_DIRS.contains(&name) || depth >= MAX_DEPTH
}

/// The files that make a dated or numbered folder one decision, in the
/// order they are looked for.
pub(super) const FOLDER_RECORD_FILES: &[&str] =
    &["README.md", "readme.md", "Readme.md", "index.md"];

/// The order records are listed in: by log, then number, then path.
pub(super) fn sort(scan: &mut Scan) {
    // Paths compare component by component, which is slow; most records
    // share their log folder, so equal bytes are tested first.
    let by_path = |a: &Path, b: &Path| {
        if a.as_os_str() == b.as_os_str() {
            std::cmp::Ordering::Equal
        } else {
            a.cmp(b)
        }
    };
    scan.records.sort_by(|a, b| {
        by_path(&a.log, &b.log)
            .then_with(|| (a.number.is_none(), a.number).cmp(&(b.number.is_none(), b.number)))
            .then_with(|| by_path(&a.path, &b.path))
    });
    scan.others.sort_by(|a, b| a.path.cmp(&b.path));
}

/// `0016-handle-concurrent-git-operations` beside `0015-x.md`: a record
/// saved without its extension. Only a name shaped like the folder's own
/// `.md` records (a number of the same width, then a slug), holding an
/// adr-tools heading (`# 16. …`) first; `LICENSE`, `Makefile`, a script
/// named `01-setup` are none.
fn is_extensionless_record(path: &Path, name: &str, entries: &[Entry]) -> bool {
    let slugged = |n: &str| {
        let digits = name::leading_digits(n);
        !digits.is_empty()
            && n[digits.len()..].starts_with(['-', '_'])
            && n[digits.len() + 1..].starts_with(|c: char| c.is_alphabetic())
    };
    if name.contains('.') || !slugged(name) || name::date_prefix(name).is_some() {
        return false;
    }
    let shape = name::shape(name);
    let mut beside = entries.iter().filter(|e| {
        e.name.to_str().is_some_and(|n| {
            is_markdown(n) && slugged(n) && name::shape(&n[..n.len() - 3]) == shape
        })
    });
    // `# 16. …` as adr-tools writes a title, or the heading the folder's
    // records open with (`# ADR: …` beside `# ADR: …`; a few are looked at,
    // the first may be a template).
    match heading_word(path) {
        Some(word) if word.ends_with('.') && word.starts_with('0') => beside.next().is_some(),
        // An id-like word (`ADR:`, `ADR-0`), not a word of a sentence
        // (`# Use this script…` beside `# Use PostgreSQL`).
        Some(word) if !word.chars().all(char::is_alphabetic) => beside
            .take(3)
            .any(|e| heading_word(&path.with_file_name(&e.name)).as_ref() == Some(&word)),
        _ => false,
    }
}

/// The first word of a file's first line when that line is a level-1
/// heading (a UTF-8 BOM aside), its digits written `0`: `# 16. X` → `00.`,
/// `# ADR: X` → `ADR:`. Only the first bytes are read.
fn heading_word(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = [0u8; 64];
    let mut file = fs::File::open(path).ok()?;
    let n = file.read(&mut head).ok()?;
    let text = head[..n]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..n]);
    let rest = text.strip_prefix(b"# ")?;
    let word = rest
        .split(|b| b.is_ascii_whitespace())
        .next()
        .filter(|w| !w.is_empty())?;
    let word = std::str::from_utf8(word).ok()?;
    Some(
        word.chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect(),
    )
}

/// `.md` or `.MD` (the corpus has both).
pub(super) fn is_markdown(name: &str) -> bool {
    name.len() > 3
        && name
            .get(name.len() - 3..)
            .is_some_and(|e| e.eq_ignore_ascii_case(".md"))
}

/// A dated or numbered folder with a README is one decision
/// (`2022-11-09-api-refactoring/README.md`).
fn folder_record(dir: &Path, name: &str) -> io::Result<Option<PathBuf>> {
    if !name.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    for candidate in FOLDER_RECORD_FILES {
        let path = dir.join(candidate);
        if path.is_file() {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// Other Markdown files beside a folder record's README belong to it.
fn list_supplements(dir: &Path, readme: &Path, scan: &mut Scan) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if path != readme && path.is_file() && name.as_deref().is_some_and(is_markdown) {
            scan.others.push(OtherFile {
                path,
                reason: "supplement of a folder-per-decision record",
            });
        }
    }
    Ok(())
}

/// The next number for a new record: one more than the highest leading
/// digit run among the names in `dir`, read as decimal (never octal), as
/// adr-tools does. Date-named entries (`20201016-x.md`) are not numbers.
/// A number past the largest one supported (4294967295) is an error, not
/// a number to reuse or wrap around.
pub fn next_number(dir: &Path) -> io::Result<u32> {
    next_number_listed(&Listing::read(dir)?)
}

/// [`next_number`] from a listing of the folder.
pub fn next_number_listed(listing: &Listing) -> io::Result<u32> {
    let entries = listing.entries();
    // The highest number and the entry it is in.
    let mut highest: Option<(u32, usize)> = None;
    for (at, entry) in entries.iter().enumerate() {
        let name = entry.name.to_string_lossy();
        let digits = name::leading_digits(&name);
        if digits.is_empty() || name::date_prefix(&name).is_some() {
            continue;
        }
        match digits.parse::<u32>() {
            Ok(n) if highest.is_none_or(|(h, _)| n > h) => highest = Some((n, at)),
            Ok(_) => {}
            Err(_) => return Err(past_the_largest(&name)),
        }
    }
    match highest {
        None => Ok(1),
        Some((u32::MAX, at)) => Err(past_the_largest(&entries[at].name.to_string_lossy())),
        Some((h, _)) => Ok(h + 1),
    }
}

fn past_the_largest(name: &str) -> io::Error {
    let shown: String = name.chars().take(60).collect();
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "`{shown}` is numbered at or past {}, the largest number adr supports; \
             no number is left for a new record",
            u32::MAX
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(dir: &Path, rel: &str) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(path, "# x\n").expect("write");
    }

    #[test]
    fn records_others_and_order() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        for f in [
            "0010-ten.md",
            "0002-two.md",
            "README.md",
            "templates/template.md",
            "adr-template.md",
            "historic/016-old.md",
            "2022-11-09-api/README.md",
            "2022-11-09-api/renaming.md",
            "notes.txt",
            "DR003-upper.MD",
        ] {
            touch(root, f);
        }
        let scan = scan(root).expect("scan");
        let names: Vec<_> = scan
            .records
            .iter()
            .map(|r| {
                r.path
                    .strip_prefix(root)
                    .expect("under root")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names,
            [
                "0002-two.md",
                "DR003-upper.MD",
                "0010-ten.md",
                "2022-11-09-api/README.md",
                "historic/016-old.md"
            ]
        );
        assert_eq!(scan.others.len(), 3);
    }

    #[test]
    fn next_number_is_decimal_and_skips_dates() {
        let tmp = tempfile::tempdir().expect("tempdir");
        assert_eq!(next_number(&tmp.path().join("missing")).expect("ok"), 1);
        for f in ["0008-a.md", "0009-b.md", "20201016-dated.md", "notes.md"] {
            touch(tmp.path(), f);
        }
        assert_eq!(next_number(tmp.path()).expect("ok"), 10);
    }
}
