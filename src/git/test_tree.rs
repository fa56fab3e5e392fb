//! Trees written straight into a test repository's object database, for
//! the tests of the history walk and the tree reader.

use git2::{Oid, Repository};

/// The index entry of a blob holding `text` at `path`, with `mode`.
pub(super) fn entry(repo: &Repository, path: &str, text: &str, mode: u32) -> git2::IndexEntry {
    git2::IndexEntry {
        ctime: git2::IndexTime::new(0, 0),
        mtime: git2::IndexTime::new(0, 0),
        dev: 0,
        ino: 0,
        mode,
        uid: 0,
        gid: 0,
        file_size: 0,
        id: repo.blob(text.as_bytes()).expect("blob"),
        flags: 0,
        flags_extended: 0,
        path: path.as_bytes().to_vec(),
    }
}

/// A tree of regular `files` (path, content) written to `repo`.
pub(super) fn tree_of<P: AsRef<str>, T: AsRef<str>>(repo: &Repository, files: &[(P, T)]) -> Oid {
    let mut index = git2::Index::new().expect("index");
    for (path, text) in files {
        index
            .add(&entry(repo, path.as_ref(), text.as_ref(), 0o100644))
            .expect("add");
    }
    index.write_tree_to(repo).expect("tree")
}
