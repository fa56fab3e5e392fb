//! Which Markdown files differ between two trees, read from the tree
//! objects' own bytes.
//!
//! A history walk compares a folder of a thousand records once per
//! commit. Parsing each tree into libgit2's entry array, then asking for
//! every entry's name and id across the FFI, cost more than reading the
//! objects; here the bytes two versions share at the start and at the end
//! (all but the few entries a commit changed) are skipped with a memory
//! comparison, and only the entries between are read.

use std::cell::OnceCell;

use git2::{Odb, OdbObject, Oid};

/// A changed Markdown file between two trees: (path, old blob, new blob).
pub(crate) type Delta = (String, Option<Oid>, Option<Oid>);

/// The bytes of an object's id in this repository's hash (SHA-1).
const ID_BYTES: usize = 20;

/// A tree object as stored: entries of `MODE SP NAME NUL ID`, sorted.
pub(crate) struct RawTree<'o> {
    id: Oid,
    object: OdbObject<'o>,
    /// Where each entry starts, once known: read through once, or carried
    /// over from the version this one was compared with (a walk reads each
    /// folder tree through only once, not once per commit).
    starts: OnceCell<Vec<usize>>,
}

impl<'o> RawTree<'o> {
    pub(crate) fn read(odb: &'o Odb<'_>, id: Oid) -> Result<Self, git2::Error> {
        let object = odb.read(id)?;
        if object.kind() != git2::ObjectType::Tree {
            return Err(git2::Error::from_str(&format!("object {id} is not a tree")));
        }
        Ok(Self {
            id,
            object,
            starts: OnceCell::new(),
        })
    }

    pub(crate) fn id(&self) -> Oid {
        self.id
    }

    fn bytes(&self) -> &[u8] {
        self.object.data()
    }

    /// Where each entry starts, every entry checked on the way.
    fn starts(&self) -> Result<&[usize], git2::Error> {
        if let Some(starts) = self.starts.get() {
            return Ok(starts);
        }
        let data = self.bytes();
        let mut starts = Vec::new();
        let mut at = 0;
        while at < data.len() {
            starts.push(at);
            at += entry_at(data, at, self.id)?.1;
        }
        Ok(self.starts.get_or_init(|| starts))
    }

    /// The entry called `name`, if any.
    pub(crate) fn get(&self, name: &[u8]) -> Result<Option<Entry<'_>>, git2::Error> {
        let mut at = 0;
        let data = self.bytes();
        while at < data.len() {
            let (entry, len) = entry_at(data, at, self.id)?;
            if entry.name == name {
                return Ok(Some(entry));
            }
            at += len;
        }
        Ok(None)
    }
}

/// One entry of a tree object.
#[derive(Clone, Copy)]
pub(crate) struct Entry<'a> {
    mode: u32,
    name: &'a [u8],
    id: &'a [u8],
}

impl Entry<'_> {
    /// What libgit2 calls a tree: a folder.
    pub(crate) fn is_tree(&self) -> bool {
        self.mode & 0o170000 == 0o040000
    }

    /// What libgit2 calls a blob: anything but a folder or a submodule
    /// (symbolic links included).
    fn is_blob(&self) -> bool {
        !self.is_tree() && self.mode & 0o170000 != 0o160000
    }

    pub(crate) fn id(&self) -> Oid {
        // `entry_at` checked the length: this cannot fail.
        Oid::from_bytes(self.id).unwrap_or(Oid::ZERO_SHA1)
    }
}

fn malformed(tree: Oid) -> git2::Error {
    git2::Error::from_str(&format!("tree {tree} is malformed"))
}

/// The entry starting at `at` in `data` and its length in bytes.
fn entry_at(data: &[u8], at: usize, tree: Oid) -> Result<(Entry<'_>, usize), git2::Error> {
    let rest = &data[at..];
    let space = memchr::memchr(b' ', rest).ok_or_else(|| malformed(tree))?;
    let digits = &rest[..space];
    // Octal, at most 16 bits, as libgit2 reads it.
    if digits.is_empty() {
        return Err(malformed(tree));
    }
    let mut mode: u32 = 0;
    for &d in digits {
        if !(b'0'..=b'7').contains(&d) {
            return Err(malformed(tree));
        }
        mode = mode * 8 + u32::from(d - b'0');
        if mode > 0xFFFF {
            return Err(malformed(tree));
        }
    }
    let name_start = space + 1;
    let nul = name_start + memchr::memchr(0, &rest[name_start..]).ok_or_else(|| malformed(tree))?;
    let end = nul + 1 + ID_BYTES;
    if nul == name_start || end > rest.len() {
        return Err(malformed(tree));
    }
    let entry = Entry {
        mode,
        name: &rest[name_start..nul],
        id: &rest[nul + 1..end],
    };
    Ok((entry, end))
}

/// How many leading bytes `a` and `b` share, compared a block at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many trailing bytes `a` and `b` share.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 128;
    let n = a.len().min(b.len());
    let (ea, eb) = (a.len(), b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[ea - i - BLOCK..ea - i] == b[eb - i - BLOCK..eb - i] {
        i += BLOCK;
    }
    while i < n && a[ea - i - 1] == b[eb - i - 1] {
        i += 1;
    }
    i
}

/// Git's order of tree entries: by name, a sub-tree as if followed by `/`.
fn compare(a: &Entry<'_>, b: &Entry<'_>) -> std::cmp::Ordering {
    let common = a.name.len().min(b.name.len());
    a.name[..common].cmp(&b.name[..common]).then_with(|| {
        let next = |e: &Entry<'_>| e.name.get(common).copied().or(e.is_tree().then_some(b'/'));
        next(a).cmp(&next(b))
    })
}

pub(super) fn is_markdown(name: &[u8]) -> bool {
    name.len() >= 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".md")
}

/// The Markdown files that differ between trees `old` and `new` (either
/// missing: empty), by path under `prefix`, recursing only into
/// sub-trees whose ids differ.
pub(crate) fn diff(
    odb: &Odb<'_>,
    old: Option<&RawTree<'_>>,
    new: Option<&RawTree<'_>>,
    prefix: &str,
    out: &mut Vec<Delta>,
) -> Result<(), git2::Error> {
    let (a, b) = (
        old.map_or(&[][..], RawTree::bytes),
        new.map_or(&[][..], RawTree::bytes),
    );
    let (a_id, b_id) = (
        old.map_or(Oid::ZERO_SHA1, RawTree::id),
        new.map_or(Oid::ZERO_SHA1, RawTree::id),
    );
    let head = common_prefix(a, b);
    let tail = common_suffix(&a[head..], &b[head..]);
    // Whole entries inside the shared head are the same on both sides, at
    // the same offsets: the comparison starts at the last entry that
    // begins there.
    let old_starts = old.map(RawTree::starts).transpose()?.unwrap_or_default();
    let shared = old_starts.partition_point(|&s| s <= head).saturating_sub(1);
    let mut i = old_starts.get(shared).copied().unwrap_or(0);
    let mut j = i;
    let mut new_starts: Vec<usize> = old_starts[..shared].to_vec();
    // From entry boundaries, the same remaining bytes are the same entries.
    while !(a.len() - i == b.len() - j && a.len() - i <= tail) {
        let before = (i < a.len()).then(|| entry_at(a, i, a_id)).transpose()?;
        let after = (j < b.len()).then(|| entry_at(b, j, b_id)).transpose()?;
        let order = match (&before, &after) {
            (Some((x, _)), Some((y, _))) => compare(x, y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            // Both at their ends: the loop's condition holds.
            (None, None) => break,
        };
        let (x, y) = match order {
            std::cmp::Ordering::Less => (before, None),
            std::cmp::Ordering::Greater => (None, after),
            std::cmp::Ordering::Equal => (before, after),
        };
        i += x.map_or(0, |(_, len)| len);
        if let Some((_, len)) = y {
            new_starts.push(j);
            j += len;
        }
        let (x, y) = (x.map(|(e, _)| e), y.map(|(e, _)| e));
        if let (Some(x), Some(y)) = (x, y)
            && x.id == y.id
        {
            continue;
        }
        let Some(name) = y.or(x).map(|e| e.name) else {
            continue;
        };
        let is_tree = |e: Option<Entry<'_>>| e.is_some_and(|e| e.is_tree());
        if is_tree(x) || is_tree(y) {
            let name = String::from_utf8_lossy(name);
            let path = if prefix.is_empty() {
                name.into_owned()
            } else {
                format!("{prefix}/{name}")
            };
            let sub = |e: Option<Entry<'_>>| {
                e.filter(|e| e.is_tree())
                    .map(|e| RawTree::read(odb, e.id()))
                    .transpose()
            };
            let (old_sub, new_sub) = (sub(x)?, sub(y)?);
            diff(odb, old_sub.as_ref(), new_sub.as_ref(), &path, out)?;
            continue;
        }
        if !is_markdown(name) {
            continue;
        }
        let name = String::from_utf8_lossy(name);
        let path = if prefix.is_empty() {
            name.into_owned()
        } else {
            format!("{prefix}/{name}")
        };
        let blob = |e: Option<Entry<'_>>| e.filter(|e| e.is_blob()).map(|e| e.id());
        out.push((path, blob(x), blob(y)));
    }
    if let Some(new) = new {
        // The shared tail's entries, where they are in the new version.
        let rest = old_starts.partition_point(|&s| s < i);
        new_starts.extend(old_starts[rest..].iter().map(|&s| s - i + j));
        let _ = new.starts.set(new_starts);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::git::test_tree::tree_of;
    use git2::Repository;

    /// What libgit2's own diff says changed, Markdown files only.
    fn reference(repo: &Repository, old: Oid, new: Oid) -> Vec<Delta> {
        let (old, new) = (
            repo.find_tree(old).expect("old"),
            repo.find_tree(new).expect("new"),
        );
        let diff = repo
            .diff_tree_to_tree(Some(&old), Some(&new), None)
            .expect("diff");
        let id = |f: git2::DiffFile<'_>| Some(f.id()).filter(|id| !id.is_zero());
        let mut deltas: Vec<Delta> = diff
            .deltas()
            .filter_map(|d| {
                let path = d.new_file().path().or(d.old_file().path())?;
                let path = path.to_str()?.to_string();
                is_markdown(path.as_bytes()).then(|| (path, id(d.old_file()), id(d.new_file())))
            })
            .collect();
        deltas.sort();
        deltas
    }

    #[test]
    fn the_changes_are_those_libgit2_finds() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init(tmp.path()).expect("init");
        let odb = repo.odb().expect("odb");
        // Deterministic pseudo-random edits: xorshift.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let folders = ["", "a", "a/b", "historic", "z"];
        let name = |k: u64, folder: &str| {
            let ext = if k.is_multiple_of(5) { "txt" } else { "md" };
            let file = format!("{k:04}-record.{ext}");
            if folder.is_empty() {
                file
            } else {
                format!("{folder}/{file}")
            }
        };
        let mut files: std::collections::BTreeMap<String, String> = (0..120)
            .map(|k| (name(k, folders[(k % 5) as usize]), format!("# {k}\n")))
            .collect();
        let mut old = tree_of(&repo, &files.clone().into_iter().collect::<Vec<_>>());
        // Each round's new tree is the next one's old: where its entries
        // start is carried over, not read again.
        let mut a = RawTree::read(&odb, old).expect("old");
        for round in 0..25 {
            // Edit, add or delete a few files; some rounds change nothing.
            for _ in 0..next(4) {
                let k = next(160);
                let path = name(k, folders[next(5) as usize]);
                match next(3) {
                    0 => {
                        files.remove(&path);
                    }
                    _ => {
                        files.insert(path, format!("# {k} in round {round}\n"));
                    }
                }
            }
            let new = tree_of(&repo, &files.clone().into_iter().collect::<Vec<_>>());
            let b = RawTree::read(&odb, new).expect("new");
            let mut found = Vec::new();
            diff(&odb, Some(&a), Some(&b), "", &mut found).expect("diff");
            found.sort();
            assert_eq!(found, reference(&repo, old, new), "round {round}");
            let fresh = RawTree::read(&odb, new).expect("again");
            assert_eq!(
                b.starts.get().map(Vec::as_slice),
                Some(fresh.starts().expect("starts")),
                "round {round}: the entries carried over"
            );
            // From nothing, everything is added; to nothing, removed.
            let mut added = Vec::new();
            diff(&odb, None, Some(&b), "doc", &mut added).expect("added");
            let markdown = files.keys().filter(|p| is_markdown(p.as_bytes())).count();
            assert_eq!(added.len(), markdown);
            assert!(
                added
                    .iter()
                    .all(|(p, o, n)| p.starts_with("doc/") && o.is_none() && n.is_some())
            );
            let mut removed = Vec::new();
            diff(&odb, Some(&b), None, "", &mut removed).expect("removed");
            assert!(removed.iter().all(|(_, o, n)| o.is_some() && n.is_none()));
            assert_eq!(removed.len(), markdown);
            old = new;
            a = b;
        }
    }

    #[test]
    fn a_file_that_becomes_a_folder_is_deleted_and_its_files_added() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init(tmp.path()).expect("init");
        let odb = repo.odb().expect("odb");
        let own = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(p, t)| ((*p).to_string(), (*t).to_string()))
                .collect()
        };
        let old = tree_of(&repo, &own(&[("x.md", "a"), ("x.md.d", "b")]));
        let new = tree_of(&repo, &own(&[("x.md/0001-a.md", "a"), ("x.md.d", "b")]));
        let (a, b) = (
            RawTree::read(&odb, old).expect("old"),
            RawTree::read(&odb, new).expect("new"),
        );
        let mut found = Vec::new();
        diff(&odb, Some(&a), Some(&b), "", &mut found).expect("diff");
        found.sort();
        assert_eq!(found, reference(&repo, old, new));
        assert_eq!(found.len(), 2);
        let blob = repo.blob(b"a").expect("blob");
        assert!(RawTree::read(&odb, blob).is_err(), "a blob is not a tree");
    }

    fn entry(mode: &str, name: &str, id: u8) -> Vec<u8> {
        let mut bytes = format!("{mode} {name}\0").into_bytes();
        bytes.extend([id; ID_BYTES]);
        bytes
    }

    #[test]
    fn entries_are_read_and_bad_ones_refused() {
        let data = [entry("100644", "a.md", 1), entry("40000", "sub", 2)].concat();
        let (a, len) = entry_at(&data, 0, Oid::ZERO_SHA1).expect("first");
        assert_eq!(
            (a.name, a.is_tree(), a.is_blob()),
            (&b"a.md"[..], false, true)
        );
        let (sub, _) = entry_at(&data, len, Oid::ZERO_SHA1).expect("second");
        assert!(sub.is_tree() && !sub.is_blob());
        let link = entry("160000", "module", 3);
        let (module, _) = entry_at(&link, 0, Oid::ZERO_SHA1).expect("submodule");
        assert!(!module.is_tree() && !module.is_blob());
        for bad in [
            &b"100644 a.md"[..],
            b"10x644 a.md\0aaaaaaaaaaaaaaaaaaaa",
            b" a.md\0aaaaaaaaaaaaaaaaaaaa",
            b"100644 \0aaaaaaaaaaaaaaaaaaaa",
            b"100644 a.md\0short",
            b"200000 a.md\0aaaaaaaaaaaaaaaaaaaa",
        ] {
            assert!(entry_at(bad, 0, Oid::ZERO_SHA1).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn shared_heads_and_tails_are_measured() {
        let a: Vec<u8> = (0..=255).chain(0..=255).collect();
        let mut b = a.clone();
        b[300] = 9;
        assert_eq!(common_prefix(&a, &b), 300);
        assert_eq!(common_suffix(&a, &b), a.len() - 301);
        assert_eq!(common_prefix(&a, &a[..10]), 10);
        assert_eq!(common_suffix(&a[..0], &a), 0);
    }

    #[test]
    fn git_orders_a_folder_as_if_followed_by_a_slash() {
        let [file, folder] = [entry("100644", "a.b", 1), entry("40000", "a", 2)];
        let (file, _) = entry_at(&file, 0, Oid::ZERO_SHA1).expect("file");
        let (folder, _) = entry_at(&folder, 0, Oid::ZERO_SHA1).expect("folder");
        // "a/" sorts after "a.b": '/' is above '.'.
        assert_eq!(compare(&file, &folder), std::cmp::Ordering::Less);
    }
}
