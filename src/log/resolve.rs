//! Resolving what a link names to the record it means: by path, then file
//! name, then slug, then number. What stays unresolved is kept, not dropped.

use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::ffi::OsString;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::record::{LinkSource, Record, name, relation};

use super::load::{is_normal, normalise};

/// Lookups from what a link may say to the records it may mean: maps
/// built for all records, or (see [`LinkIndex::lazy`]) a walk over the
/// records for the first few lookups, the maps built only once more are
/// asked for. A re-export that renders one page asks a handful.
pub struct LinkIndex {
    maps: OnceLock<Maps>,
    /// Lookups answered by walking the records so far.
    walks: AtomicUsize,
}

/// Lookups a lazy index answers by walking before it builds its maps: a
/// walk costs about a fortieth of building them.
const WALKS: usize = 16;

struct Maps {
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

    /// The records a map's entry names (none without an entry).
    fn found(hits: Option<&Hits>) -> Cow<'_, [usize]> {
        Cow::Borrowed(hits.map_or(&[][..], Hits::as_slice))
    }

    fn as_slice(&self) -> &[usize] {
        match self {
            Hits::None => &[],
            Hits::One(i) => std::slice::from_ref(i),
            Hits::Many(all) => all,
        }
    }
}

/// The names a record's file goes by, as written: its file name, the name
/// without `.md`, and for a folder record (`README.md`) its folder.
fn for_each_name(record: &Record, mut f: impl FnMut(&str)) {
    let name = record.file_name();
    f(&name);
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".MD"))
        .unwrap_or(&name);
    if stem.len() != name.len() {
        f(stem);
    }
    if name.eq_ignore_ascii_case("readme.md")
        && let Some(folder) = record.dir().file_name().map(|f| f.to_string_lossy())
    {
        f(&folder);
    }
}

/// `text.to_lowercase() == lower`, without making the lowercase text when
/// `text` is ASCII.
fn lower_eq(text: &str, lower: &str) -> bool {
    if text.is_ascii() {
        text.len() == lower.len()
            && text
                .bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        text.to_lowercase() == lower
    }
}

impl Maps {
    fn new(records: &[Record]) -> Self {
        let n = records.len();
        let mut maps = Self {
            by_path: HashMap::with_capacity(n),
            by_name: HashMap::with_capacity(2 * n),
            by_number: HashMap::with_capacity(n),
            by_slug: HashMap::with_capacity(n),
        };
        for (i, record) in records.iter().enumerate() {
            maps.by_path
                .insert(normalise(&record.path).into_os_string(), i);
            for_each_name(record, |name| {
                maps.by_name.entry(name.to_lowercase()).or_default().push(i);
            });
            if let Some(n) = record.number {
                maps.by_number.entry(n).or_default().push(i);
            }
            let slug = name::slug_part(&record.stem()).to_lowercase();
            if slug.contains('-') {
                maps.by_slug.entry(slug).or_default().push(i);
            }
        }
        maps
    }
}

impl LinkIndex {
    /// The index of `records`, its maps built now: for commands that
    /// resolve many links.
    pub fn new(records: &[Record]) -> Self {
        Self {
            maps: OnceLock::from(Maps::new(records)),
            walks: AtomicUsize::new(0),
        }
    }

    /// An index whose maps are built only after [`WALKS`] lookups: for
    /// a build that may resolve only a few links. Every lookup must be
    /// given the same records.
    pub fn lazy() -> Self {
        Self {
            maps: OnceLock::new(),
            walks: AtomicUsize::new(0),
        }
    }

    /// The maps, or `None` while lookups are still answered by walking.
    fn maps(&self, records: &[Record]) -> Option<&Maps> {
        if let Some(maps) = self.maps.get() {
            return Some(maps);
        }
        if self.walks.fetch_add(1, Ordering::Relaxed) < WALKS {
            return None;
        }
        Some(self.maps.get_or_init(|| Maps::new(records)))
    }

    /// Whether `path` (as shown, normalised) is a record's file.
    pub fn has_path(&self, records: &[Record], path: &Path) -> bool {
        self.at_path(records, path).is_some()
    }

    fn at_path(&self, records: &[Record], path: &Path) -> Option<usize> {
        if let Some(maps) = self.maps(records) {
            return maps.by_path.get(path.as_os_str()).copied();
        }
        // The map keeps the last record of a path.
        records.iter().rposition(|r| {
            if is_normal(&r.path) {
                r.path.as_os_str() == path.as_os_str()
            } else {
                normalise(&r.path).as_os_str() == path.as_os_str()
            }
        })
    }

    /// The records named `lower` (a lowercase file name, stem or folder).
    fn named(&self, records: &[Record], lower: &str) -> Cow<'_, [usize]> {
        if let Some(maps) = self.maps(records) {
            return Hits::found(maps.by_name.get(lower));
        }
        let mut found = Vec::new();
        for (i, record) in records.iter().enumerate() {
            for_each_name(record, |name| {
                if lower_eq(name, lower) {
                    found.push(i);
                }
            });
        }
        Cow::Owned(found)
    }

    fn numbered(&self, records: &[Record], number: u32) -> Cow<'_, [usize]> {
        if let Some(maps) = self.maps(records) {
            return Hits::found(maps.by_number.get(&number));
        }
        Cow::Owned(
            (0..records.len())
                .filter(|&i| records[i].number == Some(number))
                .collect(),
        )
    }

    /// The records whose slug is `lower` (lowercase, with a `-`).
    fn slugged(&self, records: &[Record], lower: &str) -> Cow<'_, [usize]> {
        if let Some(maps) = self.maps(records) {
            return Hits::found(maps.by_slug.get(lower));
        }
        if !lower.contains('-') {
            return Cow::Borrowed(&[]);
        }
        Cow::Owned(
            (0..records.len())
                .filter(|&i| lower_eq(name::slug_part(&records[i].stem()), lower))
                .collect(),
        )
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
            if let Some(i) = self.at_path(records, &joined) {
                return Some(i);
            }
            for candidate in [
                joined.with_extension("md"),
                joined.join("README.md"),
                joined.join("index.md"),
            ] {
                if let Some(i) = self.at_path(records, &candidate) {
                    return Some(i);
                }
            }
            let file = target
                .rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(&target);
            if let Some(i) = unique(records, from, &self.named(records, &file.to_lowercase())) {
                return Some(i);
            }
        }
        let stem = file_stem(&target);
        let slug = name::slug_part(stem).to_lowercase();
        // A number with a slug must be the same record, give or take a
        // typo (`govuk` for `govkuk`): most of its words must match.
        let number =
            name::number_in_reference(&target).or_else(|| text.and_then(name::number_in_reference));
        // Or the link's text says the record's title: `[ADR 5 - Option-enabling
        // Architecture (OeSA)](./005-oesa.md)` for `005-oea.md`, renamed.
        if let Some(found) = number.and_then(|n| unique(records, from, &self.numbered(records, n)))
            && (similar(
                &slug,
                &name::slug_part(&records[found].stem()).to_lowercase(),
            ) || text
                .zip(records[found].title.as_deref())
                .is_some_and(|(text, title)| {
                    let said = title_words(text);
                    !said.is_empty() && similar(&said, &title_words(title))
                }))
        {
            return Some(found);
        }
        // A renumbered record keeps its slug under a new number (Brighter).
        if !slug.contains('-') {
            return None;
        }
        unique(records, from, &self.slugged(records, &slug)).filter(|&i| i != from)
    }

    /// The record whose file is named `file`, when one is.
    fn by_file_name(&self, records: &[Record], from: usize, file: &str) -> Option<usize> {
        unique(records, from, &self.named(records, &file.to_lowercase()))
    }
}

/// One candidate, or the only one in the source's own folder.
fn unique(records: &[Record], from: usize, found: &[usize]) -> Option<usize> {
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

/// The file stem of a link target: `../x/0003-use-x.md` → `0003-use-x`.
fn file_stem(target: &str) -> &str {
    let file = target.rsplit('/').find(|s| !s.is_empty()).unwrap_or(target);
    file.strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file)
}

/// A title's words in lower case, without an id (`ADR 5 -`) a link's text
/// puts before it.
fn title_words(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w != &"adr" && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join("-")
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
        let mut links = Vec::new();
        for from in 0..records.len() {
            resolve_record(records, index, from, &mut links);
        }
        Self { links }
    }

    /// The resolution of `records` from this one, kept for the same files
    /// with the same numbers (what resolving depends on besides each
    /// record's own links): the links of a record that is `unchanged` are
    /// taken as kept, the others resolved again.
    pub(crate) fn updated(
        &self,
        records: &[Record],
        unchanged: &[bool],
        index: &LinkIndex,
    ) -> Self {
        let mut links = Vec::with_capacity(self.links.len());
        let mut kept = self.links.as_slice();
        for (from, record) in records.iter().enumerate() {
            let end = kept.iter().position(|l| l.0 != from).unwrap_or(kept.len());
            let (own, rest) = kept.split_at(end);
            kept = rest;
            let fits = unchanged.get(from) == Some(&true)
                && own.len() == record.links.len()
                && own
                    .iter()
                    .enumerate()
                    .all(|(k, &(_, j, target))| j == k && target.is_none_or(|t| t < records.len()));
            if fits {
                links.extend_from_slice(own);
            } else {
                resolve_record(records, index, from, &mut links);
            }
        }
        Self { links }
    }

    /// Sets each link's target; an unresolved relation read from prose or
    /// a list that names no record is dropped.
    pub(crate) fn apply(&self, records: &mut [Record]) {
        // Made only when some link is unresolved: most logs have none.
        let mut shapes: Option<foldhash::HashSet<String>> = None;
        for &(from, k, target) in self.links.iter().rev() {
            let target = target.map(|t| records[t].path.clone());
            records[from].links[k].target = target;
            if records[from].links[k].target.is_some() {
                continue;
            }
            let shapes = shapes.get_or_insert_with(|| name_shapes(records));
            let link = &records[from].links[k];
            if !link.kept_unresolved(|stem| shapes.contains(&name::shape(stem))) {
                records[from].links.remove(k);
            }
        }
    }
}

/// The shapes of the log's record names (see [`name::shape`]).
fn name_shapes(records: &[Record]) -> foldhash::HashSet<String> {
    records
        .iter()
        .filter_map(|r| r.path.file_stem()?.to_str())
        .map(name::shape)
        .collect()
}

/// Resolves the links of record `from` onto `out`, in order.
fn resolve_record(
    records: &[Record],
    index: &LinkIndex,
    from: usize,
    out: &mut Vec<(usize, usize, Option<usize>)>,
) {
    let start = out.len();
    for (k, link) in records[from].links.iter().enumerate() {
        out.push((from, k, resolve_one(records, index, from, link)));
    }
    // `ADR 0053` where three records have that number: the one this
    // record links to elsewhere is meant.
    let own = &mut out[start..];
    for i in 0..own.len() {
        if own[i].2.is_some() {
            continue;
        }
        let raw = &records[from].links[i].raw;
        // A file in another folder (`../plan/01-analysis.md`) names that
        // file: its number is not an id of this log.
        if raw.trim_start_matches("./").contains('/') {
            continue;
        }
        let Some(number) = name::number_in_reference(raw) else {
            continue;
        };
        let named: std::collections::BTreeSet<usize> = own
            .iter()
            .filter(|(_, j, _)| *j != i)
            .filter_map(|&(_, _, t)| t)
            .filter(|&t| records[t].number == Some(number))
            .collect();
        if let [only] = named.into_iter().collect::<Vec<_>>().as_slice() {
            own[i].2 = Some(*only);
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
    fn a_renamed_record_is_found_by_its_number_and_the_title_the_link_says() {
        let mut records = vec![
            record("d/005-oea.md", "# 5. Option Enabling Architecture (OEA)\n"),
            record("d/006-other.md", "# 6. Plugins\n"),
            record(
                "d/013-x.md",
                "# 13. X\n\n## Related ADRs\n\n- [ADR 5 - Option-enabling Software Architecture (OeSA)](./005-oesa.md)\n- [ADR 6 - Option-enabling Software Architecture](./006-oesa.md)\n",
            ),
        ];
        resolve_links(&mut records);
        let targets: Vec<_> = records[2].links.iter().map(|l| l.target.clone()).collect();
        assert_eq!(
            targets,
            vec![Some(PathBuf::from("d/005-oea.md")), None],
            "number 6 is another decision"
        );
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
        let unchanged = [true, true];
        let same = |kept: &Resolution| kept.updated(&records, &unchanged, &LinkIndex::lazy());
        assert_eq!(same(&resolution), resolution);
        // Kept links that do not fit the records are resolved again.
        let mut shifted = resolution.clone();
        shifted.links[2].0 = 0;
        assert_eq!(same(&shifted), resolution);
        let mut outside = resolution.clone();
        outside.links[0].2 = Some(2);
        assert_eq!(same(&outside), resolution);
        let mut short = resolution.clone();
        short.links.pop();
        assert_eq!(same(&short), resolution);
        // A changed record's links are resolved again, the others kept.
        let mut stale = resolution.clone();
        stale.links[0].2 = None;
        stale.links[1].2 = None;
        let updated = stale.updated(&records, &[false, true], &LinkIndex::lazy());
        assert_eq!(
            updated.links,
            vec![(0, 0, Some(1)), (1, 0, None), (1, 1, None)]
        );
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

    /// A lazy index answers every lookup as the built one does, while it
    /// walks and once it has built its maps.
    #[test]
    fn a_lazy_index_resolves_as_the_built_one() {
        use proptest::prelude::*;
        let dirs = prop::sample::select(vec!["d", "d/sub", "e", "d/Σ"]);
        let names = prop::sample::select(vec![
            "0001-use-x.md",
            "0001-use-y.md",
            "0002-Use-X.md",
            "README.md",
            "readme.md",
            "index.md",
            "adr-7.MD",
            "ΣΑΣ-9-προς.md",
            "0003-a-b.md",
            "notes.md",
        ]);
        let targets = prop::sample::select(vec![
            "0001-use-x.md",
            "./0001-USE-X.md",
            "../d/0002-use-x.md",
            "sub",
            "sub/",
            "0001-use-x",
            "readme.md",
            "adr-7",
            "ΣΑΣ-9-προς.md",
            "σασ-9-προς",
            "0003-a-b",
            "9999-a-b.md",
            "ADR-7",
            "#x",
            "0001-other-words.md",
        ]);
        let records = prop::collection::vec((dirs, names, 0u32..4), 1..12);
        let queries = prop::collection::vec((0usize..12, targets), 1..40);
        let runner_config = proptest::test_runner::Config {
            cases: 200,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        };
        proptest::test_runner::TestRunner::new(runner_config)
            .run(&(records, queries), |(files, queries)| {
                let records: Vec<Record> = files
                    .iter()
                    .map(|(dir, name, n)| record(&format!("{dir}/{name}"), &format!("# {n}. T\n")))
                    .collect();
                let built = LinkIndex::new(&records);
                let lazy = LinkIndex::lazy();
                for (from, target) in &queries {
                    let from = from % records.len();
                    let want = built.resolve(&records, from, target, Some(target));
                    let walked = LinkIndex::lazy().resolve(&records, from, target, Some(target));
                    prop_assert_eq!(walked, want, "walking, {} from {}", target, from);
                    let shared = lazy.resolve(&records, from, target, Some(target));
                    prop_assert_eq!(shared, want, "shared, {} from {}", target, from);
                    let path = normalise(&records[from].dir().join(target));
                    prop_assert_eq!(
                        LinkIndex::lazy().has_path(&records, &path),
                        built.has_path(&records, &path)
                    );
                }
                prop_assert_eq!(
                    Resolution::of(&records, &LinkIndex::lazy()),
                    Resolution::of(&records, &built)
                );
                Ok(())
            })
            .expect("lazy and built indexes agree");
    }
}
