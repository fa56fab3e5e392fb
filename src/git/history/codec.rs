//! The history cache's bytes: the record cache's compact encoding rather
//! than JSON, whose decoding was a tenth of a re-export of 10,000 records.
//! Anything unexpected (a damaged or foreign file) decodes to `None`,
//! which only costs a walk.

use crate::log::codec::{Reader, Writer};

use super::{Change, ChangeKind, History, Person};

impl History {
    pub(crate) fn encode(&self, w: &mut Writer) {
        w.str(&self.head);
        w.usize(self.people.len());
        for person in &self.people {
            w.str(&person.name);
            w.str(&person.email);
        }
        w.usize(self.files.len());
        for (path, changes) in &self.files {
            w.str(path);
            w.usize(changes.len());
            for change in changes {
                put_change(w, change);
            }
        }
        w.usize(self.next_order);
        w.u8(u8::from(self.shallow));
        match &self.committed {
            None => w.u8(0),
            Some(committed) => {
                w.u8(1);
                for path in self.files.keys() {
                    match committed.get(path) {
                        Some(blob) => {
                            w.u8(1);
                            w.raw(blob);
                        }
                        None => w.u8(0),
                    }
                }
            }
        }
    }

    pub(crate) fn decode(r: &mut Reader<'_>) -> Option<Self> {
        let head = r.string()?;
        let n = r.count()?;
        let mut people = Vec::with_capacity(n);
        for _ in 0..n {
            people.push(Person {
                name: r.string()?,
                email: r.string()?,
            });
        }
        let mut files = std::collections::BTreeMap::new();
        for _ in 0..r.count()? {
            let path = r.string()?;
            let n = r.count()?;
            let mut changes = Vec::with_capacity(n);
            for _ in 0..n {
                let change = get_change(r)?;
                // An author the people do not hold would be a panic later.
                if change.author >= people.len() {
                    return None;
                }
                changes.push(change);
            }
            files.insert(path, changes);
        }
        let next_order = r.usize()?;
        let shallow = match r.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let committed = match r.u8()? {
            0 => None,
            1 => {
                let mut committed = foldhash::HashMap::default();
                committed.reserve(files.len());
                for path in files.keys() {
                    match r.u8()? {
                        0 => {}
                        1 => {
                            committed.insert(path.clone(), r.take(20)?.try_into().ok()?);
                        }
                        _ => return None,
                    }
                }
                Some(committed)
            }
            _ => return None,
        };
        Some(Self {
            head,
            people,
            files,
            next_order,
            shallow,
            names_only: false,
            committed,
        })
    }
}

fn put_change(w: &mut Writer, c: &Change) {
    w.str(&c.commit);
    w.i64(c.time);
    w.i64(i64::from(c.offset));
    w.usize(c.author);
    match &c.kind {
        ChangeKind::Added => w.u8(0),
        ChangeKind::Modified => w.u8(1),
        ChangeKind::Renamed(from) => {
            w.u8(2);
            w.str(from);
        }
        ChangeKind::Deleted => w.u8(3),
    }
    w.opt_str(c.status.as_deref());
    w.usize(c.links_added.len());
    for (verb, target) in &c.links_added {
        w.str(verb);
        w.str(target);
    }
    w.usize(c.order);
}

fn get_change(r: &mut Reader<'_>) -> Option<Change> {
    let commit = r.string()?;
    let time = r.i64()?;
    let offset = i32::try_from(r.i64()?).ok()?;
    let author = r.usize()?;
    let kind = match r.u8()? {
        0 => ChangeKind::Added,
        1 => ChangeKind::Modified,
        2 => ChangeKind::Renamed(r.string()?),
        3 => ChangeKind::Deleted,
        _ => return None,
    };
    let status = r.opt_string()?;
    let n = r.count()?;
    let mut links_added = Vec::with_capacity(n);
    for _ in 0..n {
        links_added.push((r.string()?, r.string()?));
    }
    Some(Change {
        commit,
        time,
        offset,
        author,
        kind,
        status,
        links_added,
        order: r.usize()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> History {
        let mut history = History {
            head: "0123456789abcdef0123456789abcdef01234567".into(),
            people: vec![Person {
                name: "Zoë Ñ".into(),
                email: "z@example.org".into(),
            }],
            next_order: 3,
            shallow: true,
            ..History::default()
        };
        let change = |kind, order| Change {
            commit: "fedcba9876543210fedcba9876543210fedcba98".into(),
            time: -86_400,
            offset: -330,
            author: 0,
            kind,
            status: (order == 1).then(|| "accepted".to_string()),
            links_added: vec![("Supersedes".into(), "0001-a.md".into())],
            order,
        };
        history.committed = Some(
            [("doc/adr/0002-b.md".to_string(), [7u8; 20])]
                .into_iter()
                .collect(),
        );
        history.files.insert(
            "doc/adr/0003-c.md".into(),
            vec![change(ChangeKind::Added, 4)],
        );
        history.files.insert(
            "doc/adr/0002-b.md".into(),
            vec![
                change(ChangeKind::Added, 0),
                change(ChangeKind::Renamed("doc/adr/2-b.md".into()), 1),
                change(ChangeKind::Modified, 2),
                change(ChangeKind::Deleted, 3),
            ],
        );
        history
    }

    fn encoded(history: &History) -> Vec<u8> {
        let mut w = Writer::default();
        history.encode(&mut w);
        w.bytes
    }

    #[test]
    fn a_history_decodes_to_itself() {
        let history = sample();
        let bytes = encoded(&history);
        let back = History::decode(&mut Reader::new(&bytes)).expect("decodes");
        assert_eq!(back.head, history.head);
        assert_eq!(back.people, history.people);
        assert_eq!(back.files, history.files);
        assert_eq!(back.next_order, history.next_order);
        assert_eq!(back.shallow, history.shallow);
        assert_eq!(back.committed, history.committed);
        let unknown = History {
            committed: None,
            ..history
        };
        let back = History::decode(&mut Reader::new(&encoded(&unknown))).expect("decodes");
        assert_eq!(back.committed, None);
    }

    #[test]
    fn damaged_bytes_never_decode_to_a_history_that_could_panic() {
        let bytes = encoded(&sample());
        for cut in 0..bytes.len() {
            assert!(History::decode(&mut Reader::new(&bytes[..cut])).is_none());
        }
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0xff;
            if let Some(h) = History::decode(&mut Reader::new(&damaged)) {
                for change in h.files.values().flatten() {
                    assert!(change.author < h.people.len());
                }
            }
        }
    }
}
