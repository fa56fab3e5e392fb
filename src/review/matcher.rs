//! Finding citations of decisions in one file's bytes.
//!
//! A citation holds either the letters `adr` (an id, a path) or a
//! record's stem (a file name, a link, a URL). Both are found with
//! SIMD searches as fast as `git grep` for one word: Teddy for the eight
//! spellings of `adr`, and `memchr` for the separator that follows each
//! stem's number (`0007-`), checked against a table of the stems' heads.
//! Stems without a separator (rare) go through a small Aho-Corasick
//! automaton. Each hit is then read in its context.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind, packed};
use serde::Serialize;

use crate::record::name;

/// A record as citations may name it.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// The path relative to the scanned root, `/`-separated.
    pub rel: String,
    /// The name its number and slug come from (`0007-use-x`).
    pub stem: String,
    pub number: Option<u32>,
    /// In the main log folder (not a log4brains package): preferred when
    /// an id is ambiguous.
    pub main: bool,
}

/// How a citation names its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Form {
    /// A relative link that leads to the record's file.
    Link,
    /// An absolute URL of the record in a forge or an exported site.
    Url,
    /// The record's path from the repository root.
    Path,
    /// The file name (`0007-use-x.md`).
    FileName,
    /// The file stem (`0007-use-x`).
    Stem,
    /// An id: `ADR-7`, `ADR 0007`, `adr/0007-…`.
    Id,
}

/// One citation in a buffer: its byte span and the record it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: usize,
    pub form: Form,
}

/// The searcher for one log, shared by every thread.
pub(crate) struct Matcher {
    /// The eight spellings of `adr`.
    ids: Ids,
    /// Stems by the bytes up to and including their first separator
    /// (`0007-`), packed in a `u128`, with the separator's offset.
    heads: HashMap<(usize, u128), Vec<usize>>,
    /// The distinct separator offsets, and the separators.
    offsets: Vec<usize>,
    separators: Vec<u8>,
    /// Stems the table cannot hold (no separator, or a long head).
    others: Option<(AhoCorasick, Vec<usize>)>,
    /// Stem index → the targets with that stem (lower-cased).
    stems: Vec<(Vec<u8>, Vec<usize>)>,
    /// Whether the bare stem, without `.md`, is distinctive enough to be a
    /// citation (`0007-use-x` is; `caching` is not).
    bare: Vec<bool>,
    numbers: HashMap<u32, Vec<usize>>,
    targets: Vec<Target>,
}

enum Ids {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

/// The longest head the table packs.
const MAX_HEAD: usize = 16;

/// Lower-cased bytes packed into an integer: a hash key without allocating.
fn pack(bytes: &[u8]) -> u128 {
    bytes.iter().fold(0u128, |acc, &b| {
        (acc << 8) | u128::from(b.to_ascii_lowercase())
    })
}

/// Bytes that end a path or URL token on the left.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'(' | b')'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
                | b'\''
                | b'`'
                | b','
                | b';'
                | b'|'
                | b'{'
                | b'}'
                | b'*'
                | b'='
        )
}

/// How far back a token is followed: a path or URL is shorter, and a
/// megabyte without a space (minified code) is not searched back for each
/// hit.
const MAX_TOKEN: usize = 2048;

/// Where the path or URL token that holds `at` starts.
fn token_start(text: &[u8], at: usize) -> usize {
    let floor = at.saturating_sub(MAX_TOKEN);
    text[floor..at]
        .iter()
        .rposition(|&b| is_delimiter(b))
        .map_or(floor, |i| floor + i + 1)
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Matcher {
    pub(crate) fn new(targets: Vec<Target>) -> Result<Self, aho_corasick::BuildError> {
        let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        let mut numbers: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, t) in targets.iter().enumerate() {
            if !t.stem.is_empty() {
                by_stem.entry(t.stem.to_lowercase()).or_default().push(i);
            }
            if let Some(n) = t.number {
                numbers.entry(n).or_default().push(i);
            }
        }
        let mut sorted: Vec<(String, Vec<usize>)> = by_stem.into_iter().collect();
        // Longest first, so the table tries `0007-use-x-v2` before `0007-use-x`.
        sorted.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let mut heads: HashMap<(usize, u128), Vec<usize>> = HashMap::new();
        let mut offsets = Vec::new();
        let mut separators = Vec::new();
        let mut other_patterns = Vec::new();
        let mut other_ids = Vec::new();
        let mut stems = Vec::new();
        let mut bare = Vec::new();
        for (index, (stem, ids)) in sorted.into_iter().enumerate() {
            bare.push(distinctive(&stem, targets[ids[0]].number));
            match stem.bytes().position(|b| b == b'-' || b == b'_') {
                Some(k) if k > 0 && k < MAX_HEAD => {
                    let sep = stem.as_bytes()[k];
                    heads
                        .entry((k, pack(&stem.as_bytes()[..=k])))
                        .or_default()
                        .push(index);
                    if !offsets.contains(&k) {
                        offsets.push(k);
                    }
                    if !separators.contains(&sep) {
                        separators.push(sep);
                    }
                }
                _ => {
                    other_patterns.push(stem.clone());
                    other_ids.push(index);
                }
            }
            stems.push((stem.into_bytes(), ids));
        }
        offsets.sort_unstable();
        let spellings: Vec<Vec<u8>> = (0..8u8)
            .map(|mask| {
                b"adr"
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        if mask & (1 << i) == 0 {
                            c
                        } else {
                            c.to_ascii_uppercase()
                        }
                    })
                    .collect()
            })
            .collect();
        // Teddy needs SIMD; elsewhere an automaton does the same.
        let ids = match packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(&spellings)
            .build()
        {
            Some(searcher) => Ids::Packed(searcher),
            None => Ids::Automaton(AhoCorasick::new(&spellings)?),
        };
        let others = if other_patterns.is_empty() {
            None
        } else {
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&other_patterns)?;
            Some((automaton, other_ids))
        };
        Ok(Self {
            ids,
            heads,
            offsets,
            separators,
            others,
            stems,
            bare,
            numbers,
            targets,
        })
    }

    pub(crate) fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The citations in `text`, a file in folder `dir` (root-relative,
    /// `/`-separated, empty at the root), in order.
    /// At most about `limit` of each kind are kept: memory stays bounded
    /// whatever the file holds.
    pub(crate) fn find(&self, text: &[u8], dir: &str, hits: &mut Vec<Hit>, limit: usize) {
        let mut found: Vec<Hit> = Vec::new();
        let starts: Box<dyn Iterator<Item = (usize, usize)>> = match &self.ids {
            Ids::Packed(searcher) => {
                Box::new(searcher.find_iter(text).map(|m| (m.start(), m.end())))
            }
            Ids::Automaton(automaton) => {
                Box::new(automaton.find_iter(text).map(|m| (m.start(), m.end())))
            }
        };
        for (start, end) in starts {
            found.extend(self.id_at(text, start, end));
            if found.len() >= limit {
                break;
            }
        }
        let ids = found.len();
        self.find_stems(text, dir, &mut found, ids + limit);
        if let Some((automaton, ids)) = &self.others {
            for m in automaton.find_iter(text) {
                found.extend(self.stem_at(
                    text,
                    dir,
                    m.start(),
                    m.end(),
                    ids[m.pattern().as_usize()],
                ));
            }
        }
        found.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let first = hits.len();
        for hit in found {
            if let Some(last) = hits[first..].last_mut()
                && last.end > hit.start
            {
                // `doc/adr/0007-x.md` holds the id `adr/0007-x`: the path
                // that covers it is the better reading; a bare stem inside
                // `adr/0007-x` is not.
                if last.form == Form::Id && hit.form != Form::Id && hit.start <= last.start {
                    *last = hit;
                }
                continue;
            }
            hits.push(hit);
        }
    }

    /// Stems found by their separator: each `-` or `_` after a letter or
    /// digit is looked up with the bytes before it.
    fn find_stems(&self, text: &[u8], dir: &str, found: &mut Vec<Hit>, limit: usize) {
        let mut done = 0;
        let mut check = |p: usize, found: &mut Vec<Hit>| {
            if p < done || p == 0 || !text[p - 1].is_ascii_alphanumeric() || found.len() >= limit {
                return;
            }
            for &k in &self.offsets {
                if k > p {
                    break;
                }
                let start = p - k;
                let Some(candidates) = self.heads.get(&(k, pack(&text[start..=p]))) else {
                    continue;
                };
                for &index in candidates {
                    let stem = &self.stems[index].0;
                    let end = start + stem.len();
                    if end > text.len() || !text[start..end].eq_ignore_ascii_case(stem) {
                        continue;
                    }
                    if let Some(hit) = self.stem_at(text, dir, start, end, index) {
                        done = hit.end;
                        found.push(hit);
                        return;
                    }
                }
            }
        };
        match self.separators.as_slice() {
            [] => {}
            [one] => memchr::memchr_iter(*one, text).for_each(|p| check(p, found)),
            [a, b, ..] => memchr::memchr2_iter(*a, *b, text).for_each(|p| check(p, found)),
        }
    }

    /// `adr` at `start..end`: an id when a number follows.
    fn id_at(&self, text: &[u8], start: usize, end: usize) -> Option<Hit> {
        if start > 0 && is_word(text[start - 1]) {
            return None;
        }
        // Inside a URL, `adr/0007` is some other site's.
        let token_start = token_start(text, start);
        if memchr::memmem::find(&text[token_start..start], b"://").is_some() {
            return None;
        }
        let mut i = end;
        // `ADR-12`, `ADR 12`, `ADR #12`, `ADR_12`, `ADR12`, `adr/0012-…`.
        match text.get(i) {
            Some(b'-' | b'_' | b'/' | b'#') => i += 1,
            Some(b' ') => {
                i += 1;
                if text.get(i) == Some(&b'#') {
                    i += 1;
                }
            }
            _ => {}
        }
        let digits_start = i;
        while i < text.len() && text[i].is_ascii_digit() && i - digits_start < 7 {
            i += 1;
        }
        if i == digits_start || text.get(i).is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u32 = std::str::from_utf8(&text[digits_start..i])
            .ok()?
            .parse()
            .ok()?;
        if text.get(i).is_some_and(|&b| b.is_ascii_alphabetic()) {
            return None;
        }
        // A slug after the number must be the record's, give or take a word.
        let mut slug = "";
        let mut end = i;
        if text.get(i) == Some(&b'-') && text.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()) {
            let mut j = i + 1;
            while j < text.len() && (is_word(text[j]) || text[j] == b'-') {
                j += 1;
            }
            slug = std::str::from_utf8(&text[i + 1..j]).unwrap_or("");
            end = j;
        }
        let candidates = self.numbers.get(&number)?;
        let fits = |&&t: &&usize| {
            slug.is_empty()
                || same_decision(
                    &slug.to_lowercase(),
                    &name::slug_part(&self.targets[t].stem).to_lowercase(),
                )
        };
        let fitting: Vec<usize> = candidates.iter().filter(fits).copied().collect();
        let target = self.one(&fitting)?;
        Some(Hit {
            start,
            end,
            target,
            form: Form::Id,
        })
    }

    /// The only candidate, else the only one in the main log.
    fn one(&self, candidates: &[usize]) -> Option<usize> {
        match candidates {
            [only] => Some(*only),
            [] => None,
            many => {
                let mut main = many.iter().filter(|&&t| self.targets[t].main);
                match (main.next(), main.next()) {
                    (Some(&t), None) => Some(t),
                    _ => None,
                }
            }
        }
    }

    /// A record's stem at `start..end`.
    fn stem_at(
        &self,
        text: &[u8],
        dir: &str,
        start: usize,
        end: usize,
        pattern: usize,
    ) -> Option<Hit> {
        if start > 0 && (is_word(text[start - 1]) || text[start - 1] == b'-') {
            return None;
        }
        let with_md = text
            .get(end..end + 3)
            .is_some_and(|e| e.eq_ignore_ascii_case(b".md"));
        let stop = if with_md { end + 3 } else { end };
        if text
            .get(stop)
            .is_some_and(|&b| is_word(b) || (b == b'-' && !with_md))
        {
            return None;
        }
        // The whole token the stem is part of: a path, a URL.
        let token_start = token_start(text, start);
        let token = std::str::from_utf8(&text[token_start..stop]).ok();
        let candidates = &self.stems[pattern].1;
        let (target, form) = match token {
            Some(token) if token.contains("://") => {
                let t = candidates
                    .iter()
                    .copied()
                    .find(|&t| url_names(token, &self.targets[t], with_md))?;
                (t, Form::Url)
            }
            Some(token) if token.len() > stop - start => {
                let in_link = token_start >= 2 && &text[token_start - 2..token_start] == b"](";
                self.by_path(token, dir, candidates, in_link, with_md)?
            }
            _ => {
                if !with_md && !self.bare[pattern] {
                    return None;
                }
                let t = self.one(candidates)?;
                (t, if with_md { Form::FileName } else { Form::Stem })
            }
        };
        Some(Hit {
            start: if matches!(form, Form::Url | Form::Link | Form::Path) {
                token_start
            } else {
                start
            },
            end: stop,
            target,
            form,
        })
    }

    /// A token with folders before the stem: a relative link or a path.
    fn by_path(
        &self,
        token: &str,
        dir: &str,
        candidates: &[usize],
        in_link: bool,
        with_md: bool,
    ) -> Option<(usize, Form)> {
        let relative = join(dir, token);
        let from_root = join("", token.trim_start_matches('/'));
        for &t in candidates {
            let rel = &self.targets[t].rel;
            // A folder-per-decision record is also named by its folder.
            let folder = rel.rsplit_once('/').map_or("", |(d, _)| d);
            let matches = |p: &str| {
                if with_md {
                    p == rel
                } else {
                    // `adr/0007-x` and `…/0007-x.html` name the record too.
                    p.strip_suffix(".html").unwrap_or(p) == rel.strip_suffix(".md").unwrap_or(rel)
                        || p == folder
                }
            };
            if relative.as_deref().is_some_and(matches) {
                return Some((t, if in_link { Form::Link } else { Form::Path }));
            }
            if from_root.as_deref().is_some_and(matches) {
                return Some((t, Form::Path));
            }
        }
        let t = self.one(candidates)?;
        let bare_ok = with_md || self.bare_for(t);
        bare_ok.then_some((t, if with_md { Form::FileName } else { Form::Stem }))
    }

    fn bare_for(&self, target: usize) -> bool {
        distinctive(&self.targets[target].stem, self.targets[target].number)
    }
}

/// Words too common to tell two decisions apart.
const COMMON_WORDS: &[&str] = &[
    "a", "an", "and", "as", "for", "in", "of", "on", "the", "to", "use", "using", "with",
];

/// Two slugs name the same decision: most of their telling words are
/// shared (`use-postgres-db` and `use-postgres`, not `use-madr` and
/// `use-serde-saphyr`). Stricter than link resolution inside a log, since
/// a slug in a random file is less likely to be a typo of ours.
fn same_decision(a: &str, b: &str) -> bool {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && !COMMON_WORDS.contains(w))
            .map(str::to_string)
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    if wa.is_empty() && wb.is_empty() {
        return true;
    }
    let shared = wa.intersection(&wb).count();
    shared > 0 && shared * 2 >= wa.len().max(wb.len())
}

/// A stem that names one thing: with a number, or several words.
fn distinctive(stem: &str, number: Option<u32>) -> bool {
    stem.len() >= 6 && (number.is_some() || stem.contains(['-', '_']))
}

/// `https://github.com/o/r/blob/main/doc/adr/0007-x.md` names the record
/// at `doc/adr/0007-x.md`; `https://o.github.io/r/0007-x.html` its page.
fn url_names(token: &str, target: &Target, with_md: bool) -> bool {
    let path = token.split(['#', '?']).next().unwrap_or(token);
    let path = crate::url::decode(path);
    if with_md {
        return path
            .strip_suffix(target.rel.as_str())
            .is_some_and(|before| before.ends_with('/'));
    }
    path.ends_with(&format!("/{}.html", target.stem))
        || path.ends_with(&format!("/{}", target.stem))
}

/// `dir` joined with a relative `path`, `..` resolved; `None` when it
/// leaves the root.
fn join(dir: &str, path: &str) -> Option<String> {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        let target = |rel: &str, main: bool| {
            let file = rel.rsplit('/').next().unwrap_or(rel);
            let stem = file.trim_end_matches(".md").to_string();
            Target {
                rel: rel.into(),
                number: name::number(&stem),
                stem,
                main,
            }
        };
        Matcher::new(vec![
            target("doc/adr/0002-use-postgres.md", true),
            target("doc/adr/0003-use-sqlite.md", true),
            target("doc/adr/caching.md", true),
            target("pkg/adr/0003-other-thing.md", false),
        ])
        .expect("builds")
    }

    fn found(text: &str, dir: &str) -> Vec<(String, usize, Form)> {
        let mut hits = Vec::new();
        matcher().find(text.as_bytes(), dir, &mut hits, 100);
        hits.into_iter()
            .map(|h| (text[h.start..h.end].to_string(), h.target, h.form))
            .collect()
    }

    #[test]
    fn ids() {
        assert_eq!(
            found("see ADR-2, ADR 0002, adr #2, ADR0003.", ""),
            [
                ("ADR-2".to_string(), 0, Form::Id),
                ("ADR 0002".to_string(), 0, Form::Id),
                ("adr #2".to_string(), 0, Form::Id),
                ("ADR0003".to_string(), 1, Form::Id),
            ]
        );
        // Not ids: words that contain the letters, unknown numbers.
        assert!(found("loadr2 madr-2 adr-tools ADR-9 ADR-2x ADRs", "").is_empty());
        // A slug after the number must fit the record.
        assert_eq!(found("adr/0002-postgres-db", "").len(), 1);
        assert!(found("adr/0002-something-else", "").is_empty());
        assert!(found("adr/0002-use-sqlite", "").is_empty());
    }

    #[test]
    fn files_links_and_urls() {
        let hits = found(
            "[x](../doc/adr/0002-use-postgres.md) and doc/adr/0003-use-sqlite.md \
             https://github.com/o/r/blob/main/doc/adr/0002-use-postgres.md#ctx \
             0003-use-sqlite or caching.md but not caching or 0002-use-postgres-v2",
            "src",
        );
        let forms: Vec<_> = hits.iter().map(|h| (h.1, h.2)).collect();
        assert_eq!(
            forms,
            [
                (0, Form::Link),
                (1, Form::Path),
                (0, Form::Url),
                (1, Form::Stem),
                (2, Form::FileName)
            ]
        );
        assert_eq!(hits[0].0, "../doc/adr/0002-use-postgres.md");
        // Another repository's record is not ours.
        assert!(
            found(
                "https://github.com/x/y/blob/main/adr/0002-use-postgres.md",
                ""
            )
            .is_empty()
        );
    }

    #[test]
    fn hostile_files_stay_bounded() {
        // Megabytes without a delimiter, and more hits than are kept.
        let text = "/0002-use-postgres.md".repeat(20_000) + &" ADR-2".repeat(20_000);
        let mut hits = Vec::new();
        matcher().find(text.as_bytes(), "", &mut hits, 500);
        assert!(!hits.is_empty() && hits.len() <= 1000, "{}", hits.len());
        assert!(hits.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[test]
    fn ambiguous_numbers_prefer_the_main_log() {
        assert_eq!(found("ADR-3", "")[0].1, 1);
    }
}
