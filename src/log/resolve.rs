//! Resolving what a link names to the record it means: by path, then file
//! name, then slug, then number. What stays unresolved is kept, not dropped.

use foldhash::{HashMap, HashMapExt};
use std::ffi::OsString;
use std::path::Path;

use crate::record::{LinkSource, Record, name, relation};

use super::load::normalise;

/// Lookups from what a link may say to the records it may mean.
pub struct LinkIndex {
    /// Keyed by the normalised path's bytes: normalised paths are equal
    /// exactly when their bytes are, and hashing a `Path` walks its
    /// components.
    by_path: HashMap<OsString, usize>,
    by_name: HashMap<String, Hits>,
    by_number: HashMap<u32, Hits>,
    by_slug: HashMap<String, Hits>,
}

/// The records one key names: nearly always one, kept without a `Vec`
/// (ten thousand records would otherwise make forty thousand of them).
#[derive(Default)]
enum Hits {
    #[default]
    None,
    One(usize),
    Many(Vec<usize>),
}

impl Hits {
    fn push(&mut self, i: usize) {
        *self = match std::mem::take(self) {
            Hits::None => Hits::One(i),
            Hits::One(first) => Hits::Many(vec![first, i]),
            Hits::Many(mut all) => {
                all.push(i);
                Hits::Many(all)
            }
        };
    }

    fn as_slice(&self) -> &[usize] {
        match self {
            Hits::None => &[],
            Hits::One(i) => std::slice::from_ref(i),
            Hits::Many(all) => all,
        }
    }
}

impl LinkIndex {
    pub fn new(records: &[Record]) -> Self {
        let n = records.len();
        let mut index = Self {
            by_path: HashMap::with_capacity(n),
            by_name: HashMap::with_capacity(2 * n),
            by_number: HashMap::with_capacity(n),
            by_slug: HashMap::with_capacity(n),
        };
        for (i, record) in records.iter().enumerate() {
            index
                .by_path
                .insert(normalise(&record.path).into_os_string(), i);
            let name = record.file_name();
            let stem = name
                .strip_suffix(".md")
                .or_else(|| name.strip_suffix(".MD"))
                .unwrap_or(&name);
            index
                .by_name
                .entry(name.to_lowercase())
                .or_default()
                .push(i);
            if stem.len() != name.len() {
                index
                    .by_name
                    .entry(stem.to_lowercase())
                    .or_default()
                    .push(i);
            }
            // Folder records are also named by their folder.
            if name.eq_ignore_ascii_case("readme.md")
                && let Some(folder) = record.dir().file_name().map(|f| f.to_string_lossy())
            {
                index
                    .by_name
                    .entry(folder.to_lowercase())
                    .or_default()
                    .push(i);
            }
            if let Some(n) = record.number {
                index.by_number.entry(n).or_default().push(i);
            }
            let slug = name::slug_part(&record.stem()).to_lowercase();
            if slug.contains('-') {
                index.by_slug.entry(slug).or_default().push(i);
            }
        }
        index
    }

    /// Whether `path` (as shown, normalised) is a record's file.
    pub fn has_path(&self, path: &Path) -> bool {
        self.by_path.contains_key(path.as_os_str())
    }

    fn at_path(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path.as_os_str()).copied()
    }

    /// Resolves one target: relative path, then file name, then number.
    pub fn resolve(
        &self,
        records: &[Record],
        from: usize,
        raw: &str,
        text: Option<&str>,
    ) -> Option<usize> {
        let source_dir = records[from].dir();
        let target = clean_target(raw)?;
        if !target.is_empty() {
            let joined = normalise(&source_dir.join(&target));
            // Most links name the file itself: the other forms are made
            // only when it is not a record.
            if let Some(i) = self.at_path(&joined) {
                return Some(i);
            }
            for candidate in [
                joined.with_extension("md"),
                joined.join("README.md"),
                joined.join("index.md"),
            ] {
                if let Some(i) = self.at_path(&candidate) {
                    return Some(i);
                }
            }
            let file = target
                .rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(&target);
            if let Some(i) = self.unique(records, from, self.by_name.get(&file.to_lowercase())) {
                return Some(i);
            }
        }
        let stem = file_stem(&target);
        let slug = name::slug_part(stem).to_lowercase();
        // A number with a slug must be the same record, give or take a
        // typo (`govuk` for `govkuk`): most of its words must match.
        let number =
            name::number_in_reference(&target).or_else(|| text.and_then(name::number_in_reference));
        if let Some(found) = number.and_then(|n| self.unique(records, from, self.by_number.get(&n)))
            && similar(
                &slug,
                &name::slug_part(&records[found].stem()).to_lowercase(),
            )
        {
            return Some(found);
        }
        // A renumbered record keeps its slug under a new number (Brighter).
        if !slug.contains('-') {
            return None;
        }
        self.unique(records, from, self.by_slug.get(&slug))
            .filter(|&i| i != from)
    }

    /// The record whose file is named `file`, when one is.
    fn by_file_name(&self, records: &[Record], from: usize, file: &str) -> Option<usize> {
        self.unique(records, from, self.by_name.get(&file.to_lowercase()))
    }

    /// One candidate, or the only one in the source's own folder.
    fn unique(&self, records: &[Record], from: usize, found: Option<&Hits>) -> Option<usize> {
        let found = found?.as_slice();
        if let [only] = found {
            return Some(*only);
        }
        let dir = records[from].dir();
        let mut same_dir = found.iter().filter(|&&i| records[i].dir() == dir);
        match (same_dir.next(), same_dir.next()) {
            (Some(&i), None) => Some(i),
            _ => None,
        }
    }
}

/// The file stem of a link target: `../x/0003-use-x.md` → `0003-use-x`.
fn file_stem(target: &str) -> &str {
    let file = target.rsplit('/').find(|s| !s.is_empty()).unwrap_or(target);
    file.strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file)
}

/// Two slugs name the same decision: one is empty (a bare id like
/// `ADR-12`), or at least half the words of the shorter one are shared.
fn similar(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() || wb.is_empty() {
        return true;
    }
    let shared = wa.intersection(&wb).count();
    shared * 2 >= wa.len().min(wb.len())
}

/// Strips what a link target carries besides the path: angle brackets, a
/// fragment, a query, percent-encoding. URLs are not records.
pub fn clean_target(raw: &str) -> Option<String> {
    let raw = raw.trim().trim_start_matches('<').trim_end_matches('>');
    if raw.contains("://") || raw.starts_with("mailto:") || raw.starts_with('#') {
        return None;
    }
    let path = raw.split(['#', '?']).next().unwrap_or("");
    // Zola's `@/section/page.md` is content-relative: its file name counts.
    let path = path.strip_prefix("@/").unwrap_or(path);
    Some(crate::url::decode(path))
}

/// Fills in each link's target record; unresolved ones stay `None`, except
/// relations read from prose or lists that name no record, which are
/// dropped (see [`crate::record::Link::kept_unresolved`]).
pub fn resolve_links(records: &mut [Record]) {
    resolve_with(records, &LinkIndex::new(records));
}

/// [`resolve_links`] with an index of `records` already built.
pub fn resolve_with(records: &mut [Record], index: &LinkIndex) {
    let resolution = Resolution::of(records, index);
    resolution.apply(records);
}

/// What resolving found for every link of a log: for each link, in the
/// order of records and of their links, the record it names. It depends
/// only on the records, so the record cache keeps it for a log whose
/// files are all unchanged (see [`super::cache`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resolution {
    /// (record, link, target record), sorted by record then link.
    pub(crate) links: Vec<(usize, usize, Option<usize>)>,
}

impl Resolution {
    pub(crate) fn of(records: &[Record], index: &LinkIndex) -> Self {
        let mut resolved = Vec::new();
        for (from, record) in records.iter().enumerate() {
            for (k, link) in record.links.iter().enumerate() {
                resolved.push((from, k, resolve_one(records, index, from, link)));
            }
        }
        // `ADR 0053` where three records have that number: the one this
        // record links to elsewhere is meant.
        let unresolved_ids: Vec<usize> = (0..resolved.len())
            .filter(|&i| resolved[i].2.is_none())
            .collect();
        for i in unresolved_ids {
            let (from, k) = (resolved[i].0, resolved[i].1);
            let Some(number) = name::number_in_reference(&records[from].links[k].raw) else {
                continue;
            };
            let named: std::collections::BTreeSet<usize> = resolved
                .iter()
                .filter(|(f, j, _)| *f == from && *j != k)
                .filter_map(|&(_, _, t)| t)
                .filter(|&t| records[t].number == Some(number))
                .collect();
            if let [only] = named.into_iter().collect::<Vec<_>>().as_slice() {
                resolved[i].2 = Some(*only);
            }
        }
        Self { links: resolved }
    }

    /// Whether this can be applied to `records`: every link it names
    /// exists, in order, and every target is a record.
    pub(crate) fn fits(&self, records: &[Record]) -> bool {
        let count: usize = records.iter().map(|r| r.links.len()).sum();
        count == self.links.len()
            && self
                .links
                .iter()
                .zip(
                    records
                        .iter()
                        .enumerate()
                        .flat_map(|(i, r)| (0..r.links.len()).map(move |k| (i, k))),
                )
                .all(|(&(from, k, target), expected)| {
                    (from, k) == expected && target.is_none_or(|t| t < records.len())
                })
    }

    /// Sets each link's target; an unresolved relation read from prose or
    /// a list that names no record is dropped.
    pub(crate) fn apply(&self, records: &mut [Record]) {
        for &(from, k, target) in self.links.iter().rev() {
            let target = target.map(|t| records[t].path.clone());
            let link = &mut records[from].links[k];
            link.target = target;
            if link.target.is_none() && !link.kept_unresolved() {
                records[from].links.remove(k);
            }
        }
    }
}

fn resolve_one(
    records: &[Record],
    index: &LinkIndex,
    from: usize,
    link: &crate::record::Link,
) -> Option<usize> {
    link.definition
        .as_deref()
        .and_then(|d| index.resolve(records, from, d, None))
        .or_else(|| {
            // A label defined as a web address names what the address
            // names, not whatever record has a similar slug.
            let web = link
                .definition
                .as_deref()
                .is_some_and(|d| d.contains("://"));
            (!web)
                .then(|| index.resolve(records, from, &link.raw, link.text.as_deref()))
                .flatten()
        })
        .or_else(|| {
            // A web address of a record of this log, outside the Status
            // section: matched by its file name.
            (link.source != LinkSource::Status)
                .then(|| link.definition.as_deref().unwrap_or(&link.raw))
                .and_then(relation::url_file_name)
                .and_then(|file| index.by_file_name(records, from, file))
        })
        .filter(|&i| i != from || link.source == LinkSource::Status)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn record(path: &str, text: &str) -> Record {
        let p = PathBuf::from(path);
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Record::parse(p, &stem, text)
    }

    #[test]
    fn resolution_layers() {
        let mut records = vec![
            record("d/0005-five.md", "# 5. Five\n"),
            record("d/0018-govkuk-notify.md", "# 18. Typo\n"),
            record(
                "d/0015-x.md",
                "# 15. X\n\n## Status\n\nSuperseded by [18](0018-govuk-notify.md)\n\nAmends [5](./0005-five.md)\n\nRelates to [nothing](missing.md)\n",
            ),
            record("d/adr-22.md", "# ADR 22\n"),
            record(
                "d/adr-15b.md",
                "# B\n\n## Status\n\nSuperseded by [ADR-22](adr-22.md)\n",
            ),
        ];
        resolve_links(&mut records);
        let links = &records[2].links;
        assert_eq!(links.len(), 3);
        assert_eq!(
            links[0].target,
            Some(PathBuf::from("d/0018-govkuk-notify.md"))
        );
        assert_eq!(links[1].target, Some(PathBuf::from("d/0005-five.md")));
        assert_eq!(links[2].target, None);
        assert_eq!(
            records[4].links[0].target,
            Some(PathBuf::from("d/adr-22.md"))
        );
    }

    #[test]
    fn a_kept_resolution_fits_only_the_same_links() {
        let mut records = vec![
            record(
                "d/0001-a.md",
                "# 1. A\n\n## Status\n\nSuperseded by [2](0002-b.md)\n",
            ),
            record(
                "d/0002-b.md",
                "# 2. B\n\n## Status\n\nSupersedes [1](0001-a.md)\n\nAmends [9](0009-x.md)\n",
            ),
        ];
        let index = LinkIndex::new(&records);
        let resolution = Resolution::of(&records, &index);
        assert_eq!(
            resolution.links,
            vec![(0, 0, Some(1)), (1, 0, Some(0)), (1, 1, None)]
        );
        assert!(resolution.fits(&records));
        let mut shifted = resolution.clone();
        shifted.links[2].0 = 0;
        assert!(!shifted.fits(&records));
        let mut outside = resolution.clone();
        outside.links[0].2 = Some(2);
        assert!(!outside.fits(&records));
        let mut short = resolution.clone();
        short.links.pop();
        assert!(!short.fits(&records));
        let mut fresh = records.clone();
        resolve_links(&mut fresh);
        resolution.apply(&mut records);
        let targets = |records: &[Record]| -> Vec<Vec<Option<PathBuf>>> {
            records
                .iter()
                .map(|r| r.links.iter().map(|l| l.target.clone()).collect())
                .collect()
        };
        assert_eq!(targets(&records), targets(&fresh));
    }

    #[test]
    fn percent_and_fragments() {
        assert_eq!(
            clean_target("adr-108-e2e-abci%2B%2B.md#x").as_deref(),
            Some("adr-108-e2e-abci++.md")
        );
        assert_eq!(clean_target("https://example.com/a.md"), None);
    }

    #[test]
    fn renamed_records_resolve_by_slug_not_number() {
        let mut records = vec![
            record("d/0034-instance-based-mediator.md", "# 34. Mediator\n"),
            record("d/0045-provide-dlq-where-missing.md", "# 45. DLQ\n"),
            record(
                "d/0050-x.md",
                "# 50. X\n\n## Status\n\nExtends [34](0034-provide-dlq-where-missing.md)\n\nAmends [old](0034-something-else-entirely.md)\n",
            ),
        ];
        resolve_links(&mut records);
        let links = &records[2].links;
        assert_eq!(
            links[0].target,
            Some(PathBuf::from("d/0045-provide-dlq-where-missing.md"))
        );
        assert_eq!(links[1].target, None, "same number, unrelated slug");
    }
}
