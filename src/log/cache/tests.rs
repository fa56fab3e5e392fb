use super::*;

const TEXTS: &[&str] = &[
    "# 1. Record architecture decisions\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nSuperseded by [2. Use X](0002-use-x.md)\n\n## Context\n\n{ADR-NUMBER} See [y](../y/README.md).\n",
    "---\nstatus: proposed\ndate: 2023-13-40\ntags: [a, b]\ndeciders: [Ann]\n---\n# Use MADR\n\n- Amends [ADR 3](0003-x.md)\n",
    "+++\ntitle = \"x\"\n+++\nno heading, caf\u{e9}\n",
    "---\nunterminated: [\n",
    "",
];

fn stamp(n: u64) -> Stamp {
    Stamp {
        size: 100 + n,
        mtime_ns: 1_000_000_000,
        ctime_ns: 1_000_000_000,
        inode: 7 + n,
        device: 3,
    }
}

fn records() -> Vec<(PathBuf, Record, TextFacts)> {
    TEXTS
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let path = PathBuf::from(format!("/p/doc/adr/{:04}-r.md", i + 1));
            let record = Record::parse(path.clone(), &format!("{:04}-r", i + 1), text);
            (path, record, TextFacts::of(text))
        })
        .collect()
}

const BEGUN: i64 = 5_000_000_000;

/// What a cache keeps of `all` under `stamps`, as the bytes `cache`
/// holds for them when there is one.
fn keeps<'a>(
    all: &'a [(PathBuf, Record, TextFacts)],
    stamps: &[Stamp],
    cache: Option<&'a Cache>,
) -> Vec<Keep<'a>> {
    all.iter()
        .zip(stamps)
        .map(|((path, record, facts), &stamp)| Keep {
            absolute: path,
            stamp,
            record,
            facts,
            encoded: cache.and_then(|c| c.encoded(path, stamp)),
        })
        .collect()
}

fn encoded(all: &[(PathBuf, Record, TextFacts)], stamps: &[Stamp]) -> Vec<u8> {
    encode_as(b"test", BEGUN, keeps(all, stamps, None).into_iter())
}

fn stamps() -> Vec<Stamp> {
    (0..TEXTS.len() as u64).map(stamp).collect()
}

#[test]
fn a_hit_gives_back_what_was_read() {
    let all = records();
    let cache = Cache::decode_as(b"test", encoded(&all, &stamps())).expect("decodes");
    for (i, (path, record, facts)) in all.iter().enumerate() {
        let shown = Path::new("shown.md");
        let cached = cache.get(path, &stamp(i as u64), shown).expect("hit");
        let mut expected = record.clone();
        expected.path = shown.to_path_buf();
        assert_eq!(format!("{:?}", cached.record), format!("{expected:?}"));
        assert_eq!(&cached.facts, facts);
    }
}

#[test]
fn any_part_of_the_stamp_changed_is_a_miss() {
    let all = records();
    let cache = Cache::decode_as(b"test", encoded(&all, &stamps())).expect("decodes");
    let path = &all[0].0;
    let base = stamp(0);
    let changed = [
        Stamp { size: 1, ..base },
        Stamp {
            mtime_ns: 1_000_000_001,
            ..base
        },
        Stamp {
            ctime_ns: 1_000_000_001,
            ..base
        },
        Stamp { inode: 1, ..base },
        Stamp { device: 1, ..base },
    ];
    assert!(cache.get(path, &base, path).is_some());
    for other in changed {
        assert!(cache.get(path, &other, path).is_none(), "{other:?}");
    }
    assert!(cache.get(Path::new("/p/other.md"), &base, path).is_none());
}

#[test]
fn a_racy_file_is_not_trusted() {
    let all = records();
    let mut stamps = stamps();
    stamps[0].mtime_ns = BEGUN;
    stamps[1].ctime_ns = BEGUN + 1;
    let cache = Cache::decode_as(b"test", encoded(&all, &stamps)).expect("decodes");
    assert!(cache.get(&all[0].0, &stamps[0], &all[0].0).is_none());
    assert!(cache.get(&all[1].0, &stamps[1], &all[1].0).is_none());
    assert!(cache.get(&all[2].0, &stamps[2], &all[2].0).is_some());
}

#[test]
fn another_build_or_format_is_ignored() {
    let all = records();
    let bytes = encoded(&all, &stamps());
    assert!(Cache::decode_as(b"other", bytes.clone()).is_none());
    // The current build's identity is not the test's.
    assert!(Cache::decode(bytes).is_none());
}

#[test]
fn damaged_truncated_or_foreign_files_are_ignored() {
    let all = records();
    let bytes = encoded(&all, &stamps());
    for cut in 0..bytes.len() {
        assert!(Cache::decode_as(b"test", bytes[..cut].to_vec()).is_none());
    }
    for at in (0..bytes.len()).step_by(7) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x20;
        assert!(Cache::decode_as(b"test", damaged).is_none(), "{at}");
    }
    assert!(Cache::decode_as(b"test", b"# 1. Not a cache\n".to_vec()).is_none());
    assert!(Cache::decode_as(b"test", Vec::new()).is_none());
}

/// Garbage under a valid header and check sum (what a planted file can
/// hold) decodes to nothing or to some record, never a panic.
#[test]
fn planted_garbage_never_panics() {
    let mut seed: u64 = 0x1234_5678;
    let mut next = || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as u8
    };
    let all = records();
    let good = encoded(&all, &stamps());
    for round in 0..2000 {
        let mut payload: Vec<u8> = good[MAGIC.len() + 8..].to_vec();
        // Keep the prefix (format, identity, time) most of the time, to
        // reach the entries.
        let from = if round % 4 == 0 { 0 } else { 30 };
        for _ in 0..1 + round % 16 {
            let at = from + usize::from(next()) * usize::from(next()) % (payload.len() - from);
            payload[at] = next();
        }
        if round % 5 == 0 {
            payload.truncate(from + usize::from(next()) * 8);
        }
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        if let Some(cache) = Cache::decode_as(b"test", bytes) {
            for (i, (path, _, _)) in all.iter().enumerate() {
                let _ = cache.get(path, &stamp(i as u64), path);
            }
        }
    }
}

#[test]
fn records_with_unknown_rules_are_not_kept() {
    let mut all = records();
    all[0]
        .1
        .problems
        .push(crate::diagnostic::Diagnostic::warning(
            "something-new",
            1,
            "x",
        ));
    let cache = Cache::decode_as(b"test", encoded(&all, &stamps())).expect("decodes");
    assert!(cache.get(&all[0].0, &stamp(0), &all[0].0).is_none());
    assert!(cache.get(&all[1].0, &stamp(1), &all[1].0).is_some());
}

#[test]
fn written_whole_into_an_existing_state_folder_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join(".adr");
    store(&missing, b"x");
    assert!(!missing.exists(), "a read made a folder");
    fs::create_dir(&missing).expect("mkdir");
    store(&missing, b"cache");
    assert_eq!(fs::read(path(&missing)).expect("written"), b"cache");
    let left: Vec<_> = fs::read_dir(&missing).expect("list").collect();
    assert_eq!(left.len(), 1, "no temporary file is left");
}

#[cfg(unix)]
#[test]
fn a_cache_that_is_a_symlink_out_of_the_state_folder_is_not_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join(".adr");
    fs::create_dir(&state).expect("mkdir");
    let outside = dir.path().join("outside");
    let all = records();
    fs::write(&outside, encode_as(&identity(), BEGUN, std::iter::empty())).expect("write");
    std::os::unix::fs::symlink(&outside, path(&state)).expect("symlink");
    assert!(Cache::read(&path(&state), &state).is_none());
    fs::remove_file(path(&state)).expect("rm");
    fs::copy(&outside, path(&state)).expect("copy");
    assert!(Cache::read(&path(&state), &state).is_some());
    drop(all);
}

#[cfg(unix)]
#[test]
fn a_symlinked_record_has_no_stamp() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("0001-a.md");
    fs::write(&file, "# A\n").expect("write");
    let link = dir.path().join("0002-b.md");
    std::os::unix::fs::symlink(&file, &link).expect("symlink");
    assert!(Stamp::of(&file).is_some());
    assert!(Stamp::of(&link).is_none());
    assert!(Stamp::of(dir.path()).is_none());
}

#[test]
fn the_resolution_is_kept_with_its_fingerprint() {
    let all = records();
    fn keep(all: &[(PathBuf, Record, TextFacts)]) -> Vec<Keep<'_>> {
        keeps(all, &stamps(), None)
    }
    let resolution = Resolution {
        links: vec![(0, 0, Some(1)), (1, 0, None), (1, 1, Some(0))],
    };
    let bytes =
        encode_entries(b"test", BEGUN, keep(&all).into_iter()).finish(Some((42, &resolution)));
    let cache = Cache::decode_as(b"test", bytes.clone()).expect("decodes");
    assert_eq!(cache.resolution, Some((42, resolution)));
    let none = encode_entries(b"test", BEGUN, keep(&all).into_iter()).finish(None);
    assert!(
        Cache::decode_as(b"test", none)
            .expect("decodes")
            .resolution
            .is_none()
    );
    // Cut anywhere in the resolution: not a cache.
    for cut in 1..12 {
        let mut short = bytes[..bytes.len() - cut].to_vec();
        let sum = checksum(&short[MAGIC.len() + 8..]);
        short[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&sum.to_le_bytes());
        assert!(Cache::decode_as(b"test", short).is_none(), "cut {cut}");
    }
}

#[test]
fn the_fingerprint_changes_with_the_folder_the_files_and_their_numbers() {
    let a = Path::new("doc/adr/0001-a.md");
    let b = Path::new("doc/adr/0002-b.md");
    let print = |cwd: &str, records: &[(&Path, Option<u32>)]| {
        fingerprint(Path::new(cwd), records.iter().copied())
    };
    let base = print("/p", &[(a, Some(1)), (b, Some(2))]);
    assert_eq!(base, print("/p", &[(a, Some(1)), (b, Some(2))]));
    for other in [
        print("/q", &[(a, Some(1)), (b, Some(2))]),
        print("/p", &[(b, Some(2)), (a, Some(1))]),
        print("/p", &[(a, Some(1))]),
        print("/p", &[(a, Some(1)), (b, Some(3))]),
        print("/p", &[(a, Some(1)), (b, None)]),
    ] {
        assert_ne!(base, other);
    }
}

#[test]
fn a_record_kept_as_its_bytes_is_written_as_encoding_it_again_would() {
    let all = records();
    let bytes = encoded(&all, &stamps());
    let cache = Cache::decode_as(b"test", bytes.clone()).expect("decodes");
    let kept = encode_as(
        b"test",
        BEGUN,
        keeps(&all, &stamps(), Some(&cache)).into_iter(),
    );
    assert_eq!(kept, bytes);
    // Another stamp: not the bytes of this file as it is now.
    assert!(cache.encoded(&all[0].0, stamp(9)).is_none());
}
