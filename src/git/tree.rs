//! Reading a revision's files straight from git's objects: a folder's
//! tree, a blob with a size cap, and where a folder that has moved since
//! was at that revision.

use std::collections::HashMap;
use std::path::Path;

use git2::{ObjectType, Oid, Repository, Tree};

use super::Git;

/// The tree of folder `dir` (work-tree relative, `/`; empty for the top)
/// in `tree`, when it is a folder there.
pub(crate) fn subtree<'r>(repo: &'r Repository, tree: &Tree<'r>, dir: &str) -> Option<Tree<'r>> {
    if dir.is_empty() {
        return Some(tree.clone());
    }
    let entry = tree.get_path(Path::new(dir)).ok()?;
    if entry.kind() != Some(ObjectType::Tree) {
        return None;
    }
    repo.find_tree(entry.id()).ok()
}

/// The content of blob `id`, unless it is larger than `cap`: its size is
/// read from the object's header first, so a huge blob is never inflated.
pub(crate) fn read_blob(repo: &Repository, id: Oid, cap: u64) -> Result<Vec<u8>, String> {
    let unreadable = |e: git2::Error| format!("cannot read: {} (object {id})", e.message());
    let (size, kind) = repo
        .odb()
        .and_then(|odb| odb.read_header(id))
        .map_err(unreadable)?;
    if kind != ObjectType::Blob {
        return Err("not a file at this revision; not read".into());
    }
    if size as u64 > cap {
        return Err(format!(
            "the file has {} MiB at this revision; records over {} MiB are not read",
            size / (1024 * 1024),
            cap / (1024 * 1024)
        ));
    }
    let blob = repo.find_blob(id).map_err(unreadable)?;
    Ok(blob.content().to_vec())
}

/// Git's mode for a symbolic link.
const SYMLINK: i32 = 0o120000;

/// Whether a tree entry is a symbolic link (a blob holding its target).
pub(crate) fn is_symlink(entry: &git2::TreeEntry<'_>) -> bool {
    entry.filemode() == SYMLINK
}

/// The blob a symbolic link at `link` (work-tree relative) leads to in
/// `root` (the commit's tree): only a link that stays inside the
/// repository and names a file, followed once.
pub(crate) fn follow_symlink(root: &Tree<'_>, link: &str, target: &[u8]) -> Result<Oid, String> {
    let target = std::str::from_utf8(target)
        .map_err(|_| "a symbolic link whose target is not UTF-8; not read".to_string())?;
    if target.starts_with('/') {
        return Err("a symbolic link leading outside the repository; not read".into());
    }
    let mut parts: Vec<&str> = link.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err("a symbolic link leading outside the repository; not read".into());
                }
            }
            other => parts.push(other),
        }
    }
    let entry = root
        .get_path(Path::new(&parts.join("/")))
        .map_err(|_| format!("a symbolic link to `{target}`, which is not in this revision"))?;
    if entry.kind() != Some(ObjectType::Blob) || is_symlink(&entry) {
        return Err(format!(
            "a symbolic link to `{target}`, which is not a file; not read"
        ));
    }
    Ok(entry.id())
}

/// Above this many folders, the search for where a log was stops: the
/// search is bounded whatever the repository holds.
const MAX_FOLDERS: usize = 50_000;
const MAX_DEPTH: usize = 16;

/// What identifies a log's files wherever its folder is: each Markdown
/// file's blob and name, with the path below the folder it has.
#[derive(Debug, Default)]
pub(crate) struct Known {
    by_blob: HashMap<Oid, String>,
    by_name: HashMap<String, Vec<String>>,
}

impl Known {
    /// The Markdown files of `tree` (a log's folder), up to `depth` deep.
    pub(crate) fn of(repo: &Repository, tree: &Tree<'_>) -> Self {
        let mut known = Self::default();
        known.add(repo, tree, "", 0);
        known
    }

    fn add(&mut self, repo: &Repository, tree: &Tree<'_>, below: &str, depth: usize) {
        for entry in tree.iter() {
            let Ok(name) = std::str::from_utf8(entry.name_bytes()) else {
                continue;
            };
            let path = if below.is_empty() {
                name.to_string()
            } else {
                format!("{below}/{name}")
            };
            match entry.kind() {
                Some(ObjectType::Tree) if depth < MAX_DEPTH && !name.starts_with('.') => {
                    if let Ok(sub) = repo.find_tree(entry.id()) {
                        self.add(repo, &sub, &path, depth + 1);
                    }
                }
                Some(ObjectType::Blob) if identifies(name) => {
                    self.by_blob.insert(entry.id(), path.clone());
                    self.by_name.entry(name.to_string()).or_default().push(path);
                }
                _ => {}
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.by_blob.is_empty()
    }
}

/// Markdown files whose name says which log they belong to: not the
/// readmes and indexes every folder has.
fn identifies(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") && !matches!(lower.as_str(), "readme.md" | "index.md" | "_index.md")
}

/// Where the folder now at `now` (work-tree relative) was in `root` (a
/// commit's tree): at `now` itself when it was a folder there; else the
/// folder that held most of the log's files (`known`: by blob, then by
/// name, each at the same path below the folder), as after `git mv
/// doc/adr docs/decisions`; `None` when the log was nowhere then.
pub(crate) fn folder_at(git: &Git, root: &Tree<'_>, now: &str, known: &Known) -> Option<String> {
    if subtree(&git.repo, root, now).is_some() {
        return Some(now.to_string());
    }
    if known.is_empty() {
        return None;
    }
    let mut votes: HashMap<String, usize> = HashMap::new();
    let mut queue = vec![(root.clone(), String::new(), 0usize)];
    let mut folders = 0;
    while let Some((tree, at, depth)) = queue.pop() {
        folders += 1;
        if folders > MAX_FOLDERS {
            break;
        }
        for entry in tree.iter() {
            let Ok(name) = std::str::from_utf8(entry.name_bytes()) else {
                continue;
            };
            let path = if at.is_empty() {
                name.to_string()
            } else {
                format!("{at}/{name}")
            };
            match entry.kind() {
                Some(ObjectType::Tree)
                    if depth < MAX_DEPTH
                        && !name.starts_with('.')
                        && !matches!(name, "node_modules" | "target" | "vendor") =>
                {
                    if let Ok(sub) = git.repo.find_tree(entry.id()) {
                        queue.push((sub, path, depth + 1));
                    }
                }
                Some(ObjectType::Blob) if identifies(name) => {
                    let below: Vec<&String> = match known.by_blob.get(&entry.id()) {
                        Some(below) => vec![below],
                        None => known.by_name.get(name).into_iter().flatten().collect(),
                    };
                    for below in below {
                        if let Some(folder) = path.strip_suffix(below.as_str())
                            && let Some(folder) = folder
                                .strip_suffix('/')
                                .or((folder.is_empty()).then_some(""))
                        {
                            *votes.entry(folder.to_string()).or_default() += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    votes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(folder, _)| folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_with(files: &[(&str, &str)]) -> (tempfile::TempDir, Git, Oid) {
        let tmp = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init(tmp.path()).expect("init");
        let mut index = repo.index().expect("index");
        for (path, text) in files {
            let mode = if path.ends_with(".link.md") {
                0o120000
            } else {
                0o100644
            };
            let entry = crate::git::test_tree::entry(&repo, path, text, mode);
            index.add(&entry).expect("add");
        }
        let tree = index.write_tree().expect("tree");
        let workdir = tmp.path().canonicalize().expect("canonical");
        (tmp, Git { repo, workdir }, tree)
    }

    #[test]
    fn a_moved_folder_is_found_by_its_files() {
        let (_tmp, git, old) = repo_with(&[
            ("doc/adr/0001-a.md", "# 1. A\n"),
            ("doc/adr/0002-b.md", "# 2. B\n"),
            ("doc/adr/historic/0003-c.md", "# 3. C\n"),
            ("other/0001-a.md", "# 1. Someone else's\n"),
            ("README.md", "# Project\n"),
        ]);
        let (_tmp2, git2, new) = repo_with(&[
            ("docs/decisions/0001-a.md", "# 1. A, edited\n"),
            ("docs/decisions/0002-b.md", "# 2. B\n"),
            ("docs/decisions/historic/0003-c.md", "# 3. C\n"),
        ]);
        let new_tree = git2.repo.find_tree(new).expect("tree");
        let folder = subtree(&git2.repo, &new_tree, "docs/decisions").expect("folder");
        let known = Known::of(&git2.repo, &folder);
        let old_tree = git.repo.find_tree(old).expect("tree");
        assert_eq!(
            folder_at(&git, &old_tree, "docs/decisions", &known).as_deref(),
            Some("doc/adr")
        );
        assert_eq!(
            folder_at(&git, &old_tree, "doc/adr", &known).as_deref(),
            Some("doc/adr"),
            "a folder that is there is the folder"
        );
        assert_eq!(
            folder_at(&git, &old_tree, "elsewhere", &Known::default()),
            None
        );
    }

    #[test]
    fn blobs_are_capped_and_links_stay_inside() {
        let (_tmp, git, tree) = repo_with(&[
            ("d/0001-a.md", "# 1. A\n"),
            ("d/0002-in.link.md", "0001-a.md"),
            ("d/0003-out.link.md", "../../../etc/passwd"),
            ("d/0004-abs.link.md", "/etc/passwd"),
        ]);
        let tree = git.repo.find_tree(tree).expect("tree");
        let a = tree.get_path(Path::new("d/0001-a.md")).expect("a").id();
        assert_eq!(
            read_blob(&git.repo, a, 1024).as_deref(),
            Ok(&b"# 1. A\n"[..])
        );
        assert!(
            read_blob(&git.repo, a, 3)
                .expect_err("capped")
                .contains("are not read")
        );
        assert_eq!(
            follow_symlink(&tree, "d/0002-in.link.md", b"0001-a.md"),
            Ok(a)
        );
        for (link, target) in [
            ("d/0003-out.link.md", &b"../../../etc/passwd"[..]),
            ("d/0004-abs.link.md", b"/etc/passwd"),
        ] {
            assert!(
                follow_symlink(&tree, link, target)
                    .expect_err("outside")
                    .contains("outside"),
                "{link}"
            );
        }
        let missing = Oid::from_str("1234567890123456789012345678901234567890").expect("oid");
        assert!(
            read_blob(&git.repo, missing, 1024)
                .expect_err("missing")
                .starts_with("cannot read:")
        );
    }
}
