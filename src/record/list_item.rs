//! The verb an item of a Links-like list states for the records it names:
//! `- Depende de [ADR-3](0003-x.md)`, `- Habilita ADR-5`, `- Superseded by
//! ADR-10`, or after the record, `- [ADR-3](0003-x.md) (depends on)`.
//!
//! Only a verb the vocabulary knows ([`crate::graph::verb::is_known`]), in
//! any of its languages, counts; anything else leaves the item to be read
//! as a record merely listed.

use super::mention::Mention;
use crate::graph::verb;

/// The verb an item states and the mentions (indices into `mentions`) it
/// states it for. `from` is where the item's value starts (after a key).
pub(super) fn verb_of(
    text: &str,
    mentions: &[Mention],
    from: usize,
) -> Option<(String, Vec<usize>)> {
    let first = mentions.iter().position(|m| m.start >= from)?;
    let lead = text[from..mentions[first].start].trim();
    if lead.is_empty() {
        return trailing(text, mentions, first).map(|v| (v, vec![first]));
    }
    let chained = chain(text, mentions, first);
    if let Some(verb) = known(lead) {
        return Some((verb, chained));
    }
    separable(lead, text, mentions, &chained)
        .map(|verb| (verb, chained))
        .or_else(|| described(lead, text, mentions, first).map(|v| (v, vec![first])))
}

/// `- Builds on custom text encoding (ADR-0005)`: a verb, a few words
/// saying what the record is, then the record alone, in parentheses or
/// after a dash, ending the item.
fn described(lead: &str, text: &str, mentions: &[Mention], first: usize) -> Option<String> {
    let mention = mentions.get(first)?;
    if mentions.len() != first + 1 {
        return None;
    }
    let rest = text[mention.end..]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '.' | '）' | '。'));
    let lead = lead.trim_end();
    let opened = lead.trim_end_matches(['(', '（', '-', '—', '–', ':', ' ']);
    if !rest.is_empty() || opened.len() == lead.len() {
        return None;
    }
    let words: Vec<&str> = opened.split_whitespace().collect();
    if words.len() > 12 {
        return None;
    }
    // The longest opening the vocabulary knows as a verb, leaving at least
    // one word of description.
    (1..words.len().min(5))
        .rev()
        .find_map(|n| known(&words[..n].join(" ")))
}

/// `Löst [ADR-5](…) ab`: a German separable verb, its particle after the
/// records it names (`X löst Y ab`, X supersedes Y), read as the verb
/// the vocabulary lists (`löst ab`). Only the particle may follow.
fn separable(lead: &str, text: &str, mentions: &[Mention], chained: &[usize]) -> Option<String> {
    let last = mentions.get(*chained.last()?)?;
    let rest = text[last.end..]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | '。' | '、'));
    // `已由 [ADR 4](…) 替代`: Chinese "by" before the record, the verb after.
    if is_cjk_word(lead) && is_cjk_word(rest) {
        let circumfix = format!("{lead}…{rest}");
        return verb::is_known(&circumfix).then_some(circumfix);
    }
    let particle = rest.chars().all(char::is_alphabetic) && (1..=5).contains(&rest.len());
    if !particle || lead.split_whitespace().count() != 1 {
        return None;
    }
    known(&format!("{lead} {rest}"))
}

/// A run of Chinese or Japanese characters with no space or punctuation.
fn is_cjk_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(super::title::is_cjk)
}

/// `採用（[0003](…) と [0004](…) を置き換える）` ("accepted (replaces 0003
/// and 0004)"): a status whose records are followed by the verb, as
/// Japanese and Korean write it; the verb ends the text.
pub(super) fn verb_after_records(text: &str, mentions: &[Mention]) -> Option<(String, Vec<usize>)> {
    let chained = chain(text, mentions, 0);
    let last = *chained.last()?;
    if last + 1 != mentions.len() {
        return None;
    }
    let rest = text[mentions[last].end..]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ')' | '.' | '。' | '）'));
    is_cjk_word(rest)
        .then(|| known(rest))
        .flatten()
        .map(|verb| (verb, chained))
}

/// `[ADR-3](…) (depends on)`, `ADR-3: supersedes`: one record, then only
/// the verb.
fn trailing(text: &str, mentions: &[Mention], first: usize) -> Option<String> {
    if mentions.len() != first + 1 {
        return None;
    }
    let rest = text[mentions[first].end..].trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '(' | ')' | ':' | '-' | '—' | '–' | '.' | ',' | '*' | '_' | '。' | '（' | '）'
            )
    });
    if rest.is_empty() {
        return None;
    }
    known(rest)
}

/// The verb `phrase` is, when it is one the vocabulary knows: a few words
/// and nothing else, bold marks and a closing colon taken off, and a noun
/// naming what follows (`Supersedes ADR`, `Depende de la decisión`) too.
pub(super) fn known(phrase: &str) -> Option<String> {
    let phrase = phrase
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':'))
        .trim();
    let mut words: Vec<&str> = phrase.split_whitespace().collect();
    while words.len() > 1
        && words.last().is_some_and(|w| {
            let w = w.to_lowercase();
            NOUNS.contains(&w.as_str()) || ARTICLES.contains(&w.as_str())
        })
    {
        words.pop();
    }
    let words_ok = (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        });
    if !words_ok {
        return None;
    }
    let verb = words.join(" ");
    // `in favour of` alone argues for a record; it rejects nothing.
    let lower = verb.to_lowercase();
    if lower.starts_with("in favour") || lower.starts_with("in favor") {
        return None;
    }
    verb::is_known(&verb).then_some(verb)
}

/// Articles before the record a verb names; not `a`, `de` or `da`, which
/// are part of verbs (`reemplaza a`, `depende de`, `sostituito da`).
const ARTICLES: &[&str] = &[
    "the", "el", "la", "los", "las", "lo", "o", "os", "le", "les", "l'", "il", "der", "die", "das",
    "den", "dem", "het",
];

/// Nouns for the record a verb names, in the languages of the vocabulary.
pub(super) const NOUNS: &[&str] = &[
    "adr",
    "adrs",
    "dr",
    "decision",
    "decisions",
    "record",
    "décision",
    "decisión",
    "decisão",
    "decisione",
    "entscheidung",
    "besluit",
];

/// The first mention and those listed right after it, joined by commas or
/// `and` in any of the vocabulary's languages: `ADR-3, ADR-4 y ADR-5`.
fn chain(text: &str, mentions: &[Mention], first: usize) -> Vec<usize> {
    let mut out = vec![first];
    for k in first + 1..mentions.len() {
        let between = &text[mentions[k - 1].end..mentions[k].start];
        let joined = between
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '/'))
            .filter(|w| !w.is_empty())
            .all(|w| AND.iter().any(|a| w.eq_ignore_ascii_case(a)));
        if !joined {
            break;
        }
        out.push(k);
    }
    out
}

pub(super) const AND: &[&str] = &[
    "and",
    "or",
    "y",
    "e",
    "o",
    "ou",
    "et",
    "und",
    "oder",
    "en",
    "og",
    "と",
    "、",
    "および",
    "及び",
    "和",
    "与",
    "및",
    "와",
    "과",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::mention;

    fn read(text: &str) -> Option<(String, Vec<String>)> {
        let mentions = mention::find(text);
        verb_of(text, &mentions, 0).map(|(v, ms)| {
            (
                v,
                ms.into_iter().map(|m| mentions[m].target.clone()).collect(),
            )
        })
    }

    fn said(verb: &str, targets: &[&str]) -> Option<(String, Vec<String>)> {
        Some((
            verb.to_string(),
            targets.iter().map(|t| t.to_string()).collect(),
        ))
    }

    #[test]
    fn a_verb_before_the_records() {
        assert_eq!(
            read("Depende de [ADR-3](0003-x.md)"),
            said("Depende de", &["0003-x.md"])
        );
        assert_eq!(read("Habilita ADR-5"), said("Habilita", &["ADR-5"]));
        assert_eq!(
            read("**Substituído por**: ADR-5 e ADR-6"),
            said("Substituído por", &["ADR-5", "ADR-6"])
        );
        assert_eq!(
            read("Reemplaza a la decisión ADR-2"),
            said("Reemplaza a", &["ADR-2"])
        );
        assert_eq!(
            read("Abgelöst durch ADR\u{2011}0007, siehe [ADR 8](0008-x.md)"),
            said("Abgelöst durch", &["ADR\u{2011}0007"])
        );
        assert_eq!(
            read("RELACIONADO COM adr-042"),
            said("RELACIONADO COM", &["adr-042"])
        );
    }

    #[test]
    fn a_verb_then_what_the_record_is() {
        assert_eq!(
            read("Builds on custom BuiltinData text encoding (ADR-0005)"),
            said("Builds on", &["ADR-0005"])
        );
        assert_eq!(
            read("Supersedes the old cache layer – [ADR 4](0004-x.md)"),
            said("Supersedes", &["0004-x.md"])
        );
        // The record must end the item, and something must describe it.
        assert_eq!(read("Builds on (ADR-0005) for the parser"), None);
        assert_eq!(read("Our build uses the cache (ADR-0005)"), None);
    }

    #[test]
    fn a_verb_after_the_record() {
        assert_eq!(
            read("[ADR-3](0003-x.md) (depends on)"),
            said("depends on", &["0003-x.md"])
        );
        assert_eq!(
            read("[ADR-3](0003-x.md): supersedes"),
            said("supersedes", &["0003-x.md"])
        );
        assert_eq!(read("ADR-3 — Enables."), said("Enables", &["ADR-3"]));
    }

    #[test]
    fn a_separable_verb_around_the_record() {
        assert_eq!(
            read("Löst [ADR-0005](0005-x.md) ab"),
            said("Löst ab", &["0005-x.md"])
        );
        assert_eq!(
            read("Löst ADR-3 und ADR-4 ab."),
            said("Löst ab", &["ADR-3", "ADR-4"])
        );
        assert_eq!(read("Löst [ADR-3](0003-x.md) nicht ab"), None);
        assert_eq!(read("Nutzt [ADR-3](0003-x.md) ab"), None);
    }

    #[test]
    fn no_verb_no_kind() {
        for text in [
            "[ADR-3](0003-x.md) — the background",
            "[ADR-3](0003-x.md) (superseded)",
            "Background for [ADR-3](0003-x.md)",
            "In favour of ADR-3",
            "[ADR-3](0003-x.md) and [ADR-4](0004-y.md) (supersedes)",
            "We found that it depends on [ADR-3](0003-x.md)",
            "Accepted [ADR-3](0003-x.md)",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn verbs_after_the_record_in_japanese_and_around_it_in_chinese() {
        let (verb, targets) =
            read("[ADR-002: X による設計](0002-x.md) によって破棄").expect("a verb");
        assert_eq!(targets, vec!["0002-x.md".to_string()]);
        assert!(verb::is_superseded_by(&verb), "{verb}");
        let (verb, targets) = read("已由 [ADR 0004](0004-x.md) 替代。").expect("a verb");
        assert_eq!(targets, vec!["0004-x.md".to_string()]);
        assert!(verb::is_superseded_by(&verb), "{verb}");
        let (verb, _) = read("[ADR-1](0001-x.md) を置き換える").expect("a verb");
        let d = verb::direction(&verb);
        assert_eq!(
            (d.kind.as_str(), d.reversed),
            ("supersedes", false),
            "{verb}"
        );
        assert_eq!(read("[ADR-1](0001-x.md) の設計を参照した"), None);
    }
}
