//! Rules across records: numbering, naming, and relations at both ends.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::graph::verb;
use crate::record::{Record, StatusKind, name};

use super::{Fix, Input, Raw};

pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Raw>) {
    numbering(input, out);
    file_names(input.records, out);
    relations(input, out);
}

fn title_line(record: &Record) -> usize {
    record.heading_line.unwrap_or(1)
}

/// Records grouped by the folder they are in, in record order.
fn by_folder(records: &[Record]) -> BTreeMap<&Path, Vec<usize>> {
    // Grouped by the folder's bytes first: a `Path` compares component by
    // component, and a log of 10,000 records has a handful of folders.
    let mut groups: HashMap<&std::ffi::OsStr, Vec<usize>> = HashMap::new();
    let mut folder_of = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        // A folder-per-decision record belongs to the folder above it.
        let folder = if r.file_name().eq_ignore_ascii_case("readme.md") {
            r.dir().parent().unwrap_or(r.dir())
        } else {
            r.dir()
        };
        folder_of.push(folder);
        groups.entry(folder.as_os_str()).or_default().push(i);
    }
    let mut folders: BTreeMap<&Path, Vec<usize>> = BTreeMap::new();
    for members in groups.into_values() {
        folders
            .entry(folder_of[members[0]])
            .or_default()
            .extend(members);
    }
    for members in folders.values_mut() {
        members.sort_unstable();
    }
    folders
}

fn numbering(input: &Input<'_>, out: &mut Vec<Raw>) {
    let records = input.records;
    for members in by_folder(records).values() {
        let mut by_number: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for &i in members {
            if let Some(n) = records[i].number {
                by_number.entry(n).or_default().push(i);
            }
        }
        for (n, same) in &by_number {
            if same.len() < 2 {
                continue;
            }
            for &i in same {
                let others: Vec<String> = same
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| records[j].file_name().into_owned())
                    .collect();
                let branches = same
                    .iter()
                    .filter(|&&j| j != i)
                    .find_map(|&j| (input.branches)(i, j))
                    .map(|(a, b)| format!(", added on different branches ({a} and {b})"))
                    .unwrap_or_default();
                out.push(Raw::new(
                    "duplicate-number",
                    i,
                    title_line(&records[i]),
                    format!(
                        "number {n} is also used by {}{branches}; give one a new number with `adr renumber`",
                        others.join(", ")
                    ),
                ));
            }
        }
        let numbers: Vec<u32> = by_number.keys().copied().collect();
        for pair in numbers.windows(2) {
            if pair[1] > pair[0] + 1 {
                let i = by_number[&pair[1]][0];
                let missing = if pair[1] == pair[0] + 2 {
                    format!("number {} is missing", pair[0] + 1)
                } else {
                    format!("numbers {} to {} are missing", pair[0] + 1, pair[1] - 1)
                };
                out.push(Raw::new(
                    "number-gap",
                    i,
                    title_line(&records[i]),
                    format!("{missing} before this record"),
                ));
            }
        }
    }
}

/// The shape of a file name, to find the folder's convention. Four
/// digits or more are one shape: adr-tools pads to four, then grows.
fn shape(record: &Record) -> &'static str {
    let stem = record.stem();
    let digits = name::leading_digits(&stem).len();
    let lower_slug = !name::slug_part(&stem)
        .chars()
        .any(|c| c.is_ascii_uppercase());
    if name::date_prefix(&stem).is_some() {
        "a date then a slug"
    } else if digits > 0 && !lower_slug {
        "a number then a slug with capitals"
    } else if digits >= 4 {
        "NNNN-lower-case-slug"
    } else if digits > 0 {
        [
            "N-lower-case-slug",
            "NN-lower-case-slug",
            "NNN-lower-case-slug",
        ][digits - 1]
    } else if stem.to_ascii_lowercase().starts_with("adr") {
        "ADR-prefixed"
    } else {
        "a slug without a number"
    }
}

fn file_names(records: &[Record], out: &mut Vec<Raw>) {
    for members in by_folder(records).values() {
        if members.len() < 3 {
            continue;
        }
        let shapes: Vec<&str> = members.iter().map(|&i| shape(&records[i])).collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &own in &shapes {
            *counts.entry(own).or_default() += 1;
        }
        let Some((&convention, &count)) = counts.iter().max_by_key(|(_, c)| **c) else {
            continue;
        };
        // Only a clear majority is a convention.
        if count * 3 < members.len() * 2 {
            continue;
        }
        for (&i, &own) in members.iter().zip(&shapes) {
            if own != convention {
                out.push(Raw::new(
                    "file-name",
                    i,
                    1,
                    format!("the name is {own}, where this folder names files {convention}"),
                ));
            }
        }
    }
}

/// Each record's links, by the record they lead to: a record many others
/// answer (the first ADR, a hub) has thousands of links, and every
/// relation asks about one target of each end.
struct LinksByTarget<'a>(Vec<HashMap<&'a Path, Vec<&'a crate::record::Link>>>);

impl<'a> LinksByTarget<'a> {
    fn new(records: &'a [Record]) -> Self {
        Self(
            records
                .iter()
                .map(|record| {
                    let mut by_target: HashMap<&Path, Vec<&crate::record::Link>> = HashMap::new();
                    for link in &record.links {
                        if let Some(target) = link.target.as_deref() {
                            by_target.entry(target).or_default().push(link);
                        }
                    }
                    by_target
                })
                .collect(),
        )
    }

    /// The links of record `from` that state a relation of `kind` towards
    /// `other`, read from the given end (`reversed`: as `Superseded by`),
    /// anywhere in its text.
    fn stating(
        &self,
        from: usize,
        other: &Path,
        kind: &'a str,
        reversed: bool,
    ) -> impl Iterator<Item = &'a crate::record::Link> + '_ {
        self.0[from]
            .get(other)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |l| {
                let d = verb::direction(&l.kind);
                d.kind == kind && (d.symmetric || d.reversed == reversed)
            })
    }

    /// Whether record `from` states the relation anywhere in its text.
    fn states(&self, from: usize, other: &Path, kind: &'a str, reversed: bool) -> bool {
        self.stating(from, other, kind, reversed).next().is_some()
    }

    /// Whether record `from` states it where relations are kept (a status
    /// value, the Status section, a verb in a Links list), so that the
    /// other end is expected to answer. A relation read from a sentence, or
    /// a record merely listed under References, is evidence of the
    /// relation, not a promise of a reverse link.
    fn promises(&self, from: usize, other: &Path, kind: &'a str, reversed: bool) -> bool {
        self.stating(from, other, kind, reversed)
            .any(crate::record::Link::is_kept)
    }
}

fn relations(input: &Input<'_>, out: &mut Vec<Raw>) {
    let records = input.records;
    let graph = input.graph;
    let links = LinksByTarget::new(records);
    for (from, to, relation) in graph.edges() {
        let Some(reverse) = verb::reverse(&relation.kind) else {
            continue;
        };
        if !verb::expects_answer(&relation.kind) {
            continue;
        }
        let (a, b) = (&records[from], &records[to]);
        let kind = relation.kind.as_str();
        let a_states = links.states(from, &b.path, kind, false);
        let b_states = links.states(to, &a.path, kind, !relation.symmetric);
        let a_promises = links.promises(from, &b.path, kind, false);
        let b_promises = links.promises(to, &a.path, kind, !relation.symmetric);
        if a_promises && !b_states {
            let fix = if relation.is_supersedes() {
                Fix::MarkSuperseded { by: from }
            } else {
                Fix::AddLink {
                    verb: verb::capitalise(&reverse),
                    target: from,
                }
            };
            let message = if relation.is_supersedes() {
                format!(
                    "{} supersedes this record, which does not say so",
                    a.file_name()
                )
            } else {
                format!(
                    "{} says `{}` this record, which does not say `{reverse}` it",
                    a.file_name(),
                    relation.kind
                )
            };
            out.push(Raw::new("one-sided-relation", to, title_line(b), message).fix(fix));
        } else if b_promises && !a_states {
            out.push(
                Raw::new(
                    "one-sided-relation",
                    from,
                    title_line(a),
                    format!(
                        "{} says `{reverse}` this record, which does not say `{}` it",
                        b.file_name(),
                        relation.kind
                    ),
                )
                .fix(Fix::AddLink {
                    verb: verb::capitalise(&relation.kind),
                    target: to,
                }),
            );
        }
    }
    for (i, record) in records.iter().enumerate() {
        let successors = graph.superseded_by(i);
        let kind = record.status.as_ref().map(|s| &s.kind);
        let line = record
            .status
            .as_ref()
            .map_or(title_line(record), |s| s.line);
        let active = matches!(kind, Some(StatusKind::Accepted | StatusKind::Proposed));
        // Whichever record states the supersession: one that is superseded
        // and still says Accepted misleads every reader.
        if let Some(&by) = successors.first()
            && active
        {
            out.push(
                Raw::new(
                    "superseded-but-active",
                    i,
                    line,
                    format!(
                        "superseded by {}, yet marked {}",
                        records[by].file_name(),
                        record.status.as_ref().map_or("", |s| s.kind.as_str())
                    ),
                )
                .fix(Fix::MarkSuperseded { by }),
            );
        }
        let names_a_successor = record.links.iter().any(|l| verb::is_superseded_by(&l.kind));
        if kind == Some(&StatusKind::Superseded) && successors.is_empty() && !names_a_successor {
            out.push(Raw::new(
                "superseded-without-successor",
                i,
                line,
                "marked superseded, but no record supersedes it",
            ));
        }
    }
    for cycle in graph.supersede_cycles() {
        let names: Vec<String> = cycle
            .iter()
            .map(|&n| records[n].file_name().into_owned())
            .collect();
        for &n in &cycle {
            out.push(Raw::new(
                "supersede-cycle",
                n,
                title_line(&records[n]),
                format!("supersession cycle: {}", names.join(" → ")),
            ));
        }
    }
}
