//! Recovery from any journal bytes never panics and never writes outside
//! the project: a small log with a folder and a record symlinked to a
//! sibling folder, whose content must not change. Bytes starting with
//! `ADRJ` are taken as they are; others are first made into a well-formed
//! journal of steps they choose (kinds, hostile paths, contents), so the
//! checks past the checksum are reached too.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};

use adr::change::journal::{self, Kind, Plan, State, Step};
use libfuzzer_sys::fuzz_target;

const PATHS: &[&str] = &[
    "README.md",
    "doc/adr/0001-one.md",
    "doc/adr/0002-new.md",
    "doc/adr/sub/0003-x.md",
    "doc/adr/new/0004-x.md",
    "doc/adr/new",
    "doc/adr/out/0009-x.md",
    "doc/adr/0009-x.md",
    "../outside/0009-x.md",
    "/etc/passwd.md",
    ".git/config.md",
    ".adr/adr-journal",
    "doc/adr/run.sh",
    ".adr-dir",
];

fn plan_from(data: &[u8], origin: u128) -> Vec<u8> {
    let mut steps = Vec::new();
    for chunk in data.chunks(4) {
        let pick = |i: usize| chunk.get(i).copied().unwrap_or(0) as usize;
        let content = |b: usize| match b % 4 {
            0 => None,
            1 => Some(b"one".to_vec()),
            2 => Some(b"outside".to_vec()),
            _ => Some(chunk.to_vec()),
        };
        steps.push(Step {
            kind: [Kind::Folder, Kind::Create, Kind::Update, Kind::Remove][pick(0) % 4],
            path: PathBuf::from(PATHS[pick(1) % PATHS.len()]),
            mode: u32::from(chunk[0]) << 3,
            old: content(pick(2)),
            new: content(pick(3)),
        });
    }
    let state = [State::Committed, State::Aborted, State::Done][data.len() % 3];
    let logs = [".", "doc/adr", "../outside", "doc/adr/out", "/etc", ""]
        .iter()
        .enumerate()
        .filter(|(i, _)| data.first().is_some_and(|b| b & (1 << i) != 0))
        .map(|(_, l)| PathBuf::from(l))
        .collect();
    // Now and then a journal of another folder (planted or copied).
    let origin = if data.len() % 5 == 0 { origin ^ 1 } else { origin };
    Plan {
        origin,
        logs,
        steps,
    }
    .encode(state)
}

fn snapshot(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            snapshot(&path, out);
        } else {
            out.push((path.clone(), fs::read(&path).unwrap_or_default()));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(tmp) = tempfile::tempdir() else { return };
    let Ok(base) = tmp.path().canonicalize() else { return };
    let root = base.join("project");
    let _ = fs::create_dir_all(root.join("doc/adr/sub"));
    let _ = fs::create_dir_all(base.join("outside"));
    let _ = fs::write(root.join("doc/adr/0001-one.md"), "one");
    let _ = fs::write(base.join("outside/0009-x.md"), "outside");
    let _ = std::os::unix::fs::symlink(base.join("outside"), root.join("doc/adr/out"));
    let _ = std::os::unix::fs::symlink(
        base.join("outside/0009-x.md"),
        root.join("doc/adr/0009-x.md"),
    );
    let mut before = Vec::new();
    snapshot(&base.join("outside"), &mut before);
    let bytes = if data.starts_with(b"ADRJ") {
        data.to_vec()
    } else {
        plan_from(data, journal::origin(&root))
    };
    let path = journal::path(&root);
    let _ = fs::create_dir_all(path.parent().unwrap_or(&root));
    let _ = fs::write(&path, &bytes);
    let _ = journal::recover(&root, &[root.join("doc/adr")]);
    let mut after = Vec::new();
    snapshot(&base.join("outside"), &mut after);
    assert_eq!(before, after, "recovery wrote outside the project");
    let siblings: Vec<_> = fs::read_dir(&base)
        .map(|e| e.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(siblings.len(), 2, "recovery made {siblings:?} beside the project");
});
