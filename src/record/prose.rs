//! Relations stated in sentences: "We decided to supersede ADR-0011",
//! "This document supersedes the [Release Process ADR][x]", "rejected in
//! favour of ADR 111", "This ADR supersedes the decisions made in ADRs 60
//! and 61", "Partly undo ADR 109", "ADR 5, which is superseded by this
//! one".
//!
//! A relation needs an explicit verb and an explicit record reference
//! close after it (or before it, with `which` or `this one`). Sentences
//! about two other records ("ADR 60 was superseded by ADR 73"), negated or
//! hypothetical ones ("does not replace it", "could supersede") state
//! nothing about this record. Inventing a relation is worse than missing
//! one.

use super::mention::{Mention, MentionKind};

/// Where the text was found decides how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A status value or the Status section: `Superseded by [X]`, and the
    /// custom verbs adr-tools writes (`Checks [X]`) at a paragraph start.
    Status,
    /// Running text anywhere else.
    Prose,
}

/// A relation found in a text: its verb as written (with a qualifier
/// such as `in part`) and the mention it points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub verb: String,
    pub mention: usize,
}

/// Verbs read only on a Status line of relations: `builds on [X]` in a
/// sentence may say no more than that X is background.
const STATUS_ONLY: &[&[&str]] = &[&["builds", "upon"], &["builds", "on"]];

/// Relation verbs, lower-case, as word sequences; longest first.
const VERBS: &[&[&str]] = &[
    &["rejected", "in", "favour", "of"],
    &["rejected", "in", "favor", "of"],
    &["declined", "in", "favour", "of"],
    &["declined", "in", "favor", "of"],
    &["dropped", "in", "favour", "of"],
    &["dropped", "in", "favor", "of"],
    &["abandoned", "in", "favour", "of"],
    &["abandoned", "in", "favor", "of"],
    &["superseded", "by"],
    &["superceded", "by"],
    &["superseeded", "by"],
    &["remplacé", "par"],
    &["remplacée", "par"],
    &["amendé", "par"],
    &["amendée", "par"],
    &["modifié", "par"],
    &["modifiée", "par"],
    &["ersetzt", "durch"],
    &["abgelöst", "durch"],
    &["ergänzt", "durch"],
    &["änderung", "an"],
    &["änderungen", "an"],
    &["reemplazado", "por"],
    &["reemplazada", "por"],
    &["sustituido", "por"],
    &["sustituida", "por"],
    &["substituído", "por"],
    &["substituída", "por"],
    &["substituído", "pelo"],
    &["substituído", "pelos"],
    &["substituído", "pela"],
    &["substituída", "pelo"],
    &["substituída", "pela"],
    &["substituídos", "pelos"],
    &["substituídos", "por"],
    &["sostituito", "da"],
    &["sostituita", "da"],
    &["vervangen", "door"],
    &["erstattet", "av"],
    &["voir", "aussi"],
    &["siehe", "auch"],
    &["ver", "también"],
    &["lié", "à"],
    &["liée", "à"],
    &["bezieht", "sich", "auf"],
    &["relacionado", "con"],
    &["relacionada", "con"],
    &["replaced", "by"],
    &["amended", "by"],
    &["modified", "by"],
    &["builds", "upon"],
    &["builds", "on"],
    &["extended", "by"],
    &["refined", "by"],
    &["clarified", "by"],
    &["invalidated", "by"],
    &["undone", "by"],
    &["reverted", "by"],
    &["addendum", "to"],
    &["amendment", "to"],
    &["amendment", "of"],
    &["extension", "of"],
    &["extension", "to"],
    &["refinement", "of"],
    &["relates", "to"],
    &["related", "to"],
    &["linked", "to"],
    &["follow-up", "to"],
    &["follow-up", "of"],
    &["follow-up", "on"],
    &["follows", "up", "on"],
    &["follow", "up", "to"],
    &["see", "also"],
    &["depends", "on"],
    &["adds", "to"],
    &["supersedes"],
    &["supersede"],
    &["remplace"],
    &["ersetzt"],
    &["ergänzt"],
    &["reemplaza"],
    &["sustituye"],
    &["substitui"],
    &["sostituisce"],
    &["vervangt"],
    &["erstatter"],
    &["superseding"],
    &["supercedes"],
    &["superseeds"],
    &["supercede"],
    &["replaces"],
    &["replace"],
    &["amends"],
    &["modifies"],
    &["amend"],
    &["extends"],
    &["extend"],
    &["refines"],
    &["refine"],
    &["clarifies"],
    &["clarify"],
    &["invalidates"],
    &["invalidate"],
    &["undoes"],
    &["undo"],
    &["undid"],
    &["reverts"],
    &["revert"],
];

/// Qualifiers written before a verb that make it partial.
const BEFORE: &[&[&str]] = &[&["in", "part"], &["partly"], &["partially"]];
/// Qualifiers written after a verb that make it partial.
const AFTER: &[&[&str]] = &[
    &["some", "aspects", "of"],
    &["aspects", "of"],
    &["parts", "of"],
    &["part", "of"],
];

/// Words that may stand between a verb and the record it names: "the
/// decisions made in", "decision:", "the earlier", "the design presented
/// in".
const FILLER: &[&str] = &[
    "the",
    "a",
    "an",
    "decision",
    "decisions",
    "made",
    "in",
    "of",
    "adr",
    "adrs",
    "record",
    "records",
    "document",
    "design",
    "designs",
    "presented",
    "only",
    "proposal",
    "approach",
    "some",
    "previous",
    "previously",
    "earlier",
    "original",
    "older",
    "prior",
    "former",
    "that",
    "those",
    "described",
    "outlined",
    "taken",
    "recorded",
    "documented",
    "set",
    "out",
    "given",
    "mentioned",
    "as",
    "per",
    "its",
    "our",
    "existing",
    "current",
    "entire",
    "entirely",
    "whole",
];

/// Words that make what follows not a statement: negation, condition,
/// possibility.
const NOT_STATED: &[&str] = &[
    "not",
    "never",
    "no",
    "don't",
    "doesn't",
    "didn't",
    "won't",
    "cannot",
    "can't",
    "nor",
    "without",
    "may",
    "might",
    "could",
    "would",
    "should",
    "if",
    "whether",
    "unless",
    "consider",
    "considered",
    "considering",
    "instead",
];

/// Nouns that, after `this`, name the record being read.
const THIS: &[&str] = &[
    "one", "adr", "decision", "record", "document", "proposal", "page", "dr",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Word(&'a str, usize, usize),
    Mention(usize),
    Comma,
    Colon,
    /// The end of a sentence or clause: `.`, `;`, `!`, `?`.
    Break,
    /// A dash between words: ends a clause, but `X — which this extends`
    /// still points back across it.
    Dash,
}

fn tokens<'a>(text: &'a str, mentions: &[Mention]) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut next_mention = 0;
    while i < bytes.len() {
        if let Some(m) = mentions.get(next_mention)
            && m.start <= i
        {
            if m.start == i {
                out.push(Token::Mention(next_mention));
                i = m.end.max(i + 1);
            }
            next_mention += 1;
            continue;
        }
        let limit = mentions.get(next_mention).map_or(bytes.len(), |m| m.start);
        let c = text[i..].chars().next().unwrap_or(' ');
        let width = c.len_utf8();
        if c.is_alphanumeric() || c == '§' {
            let mut end = i;
            for (k, ch) in text[i..limit].char_indices() {
                let joins = ch.is_alphanumeric()
                    || ch == '§'
                    || ((ch == '-' || ch == '\'' || ch == '’')
                        && text[i + k + ch.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric));
                if !joins {
                    break;
                }
                end = i + k + ch.len_utf8();
            }
            let end = end.max(i + width);
            out.push(Token::Word(&text[i..end], i, end));
            i = end;
            continue;
        }
        match c {
            ',' => out.push(Token::Comma),
            ':' => out.push(Token::Colon),
            ';' | '!' | '?' => out.push(Token::Break),
            '—' | '–' => out.push(Token::Dash),
            '.' => {
                let after = text[i + 1..].chars().next();
                if after.is_none_or(char::is_whitespace) {
                    out.push(Token::Break);
                }
            }
            '-' if text[i + 1..].starts_with(' ') && text[..i].ends_with(' ') => {
                out.push(Token::Dash)
            }
            _ => {}
        }
        i += width;
    }
    out
}

fn word_at<'a>(tokens: &[Token<'a>], k: usize) -> Option<&'a str> {
    match tokens.get(k) {
        Some(Token::Word(w, _, _)) => Some(w),
        _ => None,
    }
}

/// Whether the words from `k` on are `phrase` (case-insensitive).
fn words_match(tokens: &[Token<'_>], k: usize, phrase: &[&str]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(j, p)| word_at(tokens, k + j).is_some_and(|w| same_word(w, p)))
}

/// `w` is the lower-case `p` in any case: `Änderung` is `änderung`.
fn same_word(w: &str, p: &str) -> bool {
    w.eq_ignore_ascii_case(p)
        || (!w.is_ascii()
            && w.len() == p.len()
            && w.chars().flat_map(char::to_lowercase).eq(p.chars()))
}

/// The relations `text` states, with `mentions` found in it by
/// [`super::mention::find`].
pub(crate) fn relations(text: &str, mentions: &[Mention], mode: Mode) -> Vec<Found> {
    if mentions.is_empty() {
        return Vec::new();
    }
    let tokens = tokens(text, mentions);
    let mut found = Vec::new();
    // Tokens up to here were the objects of a relation already read:
    // `Supersedes [A](a.md) and amends [B](b.md)`.
    let mut consumed = 0;
    let mut k = 0;
    while k < tokens.len() {
        let listed = VERBS
            .iter()
            .find(|v| words_match(&tokens, k, v))
            .map(|v| v.len());
        // A status states its relations as a verb before the record, in
        // any language the vocabulary knows: `Aceito. Complementa [ADR 4]`.
        let Some(verb_len) = listed.or_else(|| {
            (mode == Mode::Status)
                .then(|| known_before_a_record(&tokens, k))
                .flatten()
        }) else {
            if let Some(found_here) = passive_without_by(&tokens, k) {
                found.push(found_here);
            }
            k += 1;
            continue;
        };
        let verb_end = k + verb_len;
        let status_only = STATUS_ONLY
            .iter()
            .any(|v| v.len() == verb_len && words_match(&tokens, k, v));
        if mode == Mode::Prose && status_only {
            k = verb_end;
            continue;
        }
        if let Some((relation, end)) =
            read_relation(text, &tokens, (k, verb_end), mentions, consumed, mode)
        {
            if !relation.is_empty() {
                consumed = end;
            }
            found.extend(relation);
        }
        k = verb_end;
    }
    found
}

/// The text of tokens `from..to` as written.
fn span(text: &str, tokens: &[Token<'_>], from: usize, to: usize) -> String {
    let start = tokens[from..to].iter().find_map(|t| match t {
        Token::Word(_, s, _) => Some(*s),
        _ => None,
    });
    let end = tokens[from..to].iter().rev().find_map(|t| match t {
        Token::Word(_, _, e) => Some(*e),
        _ => None,
    });
    match (start, end) {
        (Some(s), Some(e)) => text[s..e].to_string(),
        _ => String::new(),
    }
}

fn read_relation(
    text: &str,
    tokens: &[Token<'_>],
    (verb_start, verb_end): (usize, usize),
    mentions: &[Mention],
    consumed: usize,
    mode: Mode,
) -> Option<(Vec<Found>, usize)> {
    // Qualifiers before the verb: `in part supersedes`, `partly undo`.
    let mut start = verb_start;
    for q in BEFORE {
        if start >= q.len() && words_match(tokens, start - q.len(), q) {
            start -= q.len();
            break;
        }
    }
    // The clause the verb is in, back to its start; and the sentence.
    let clause_start = tokens[..start]
        .iter()
        .rposition(|t| matches!(t, Token::Break | Token::Dash))
        .map_or(0, |p| p + 1)
        .max(consumed.min(start));
    // `which` and `this one` point back at a record even when it was the
    // object of the verb before.
    let sentence_start = tokens[..start]
        .iter()
        .rposition(|t| matches!(t, Token::Break))
        .map_or(0, |p| p + 1);
    let before: Vec<&str> = (clause_start..start)
        .filter_map(|j| word_at(tokens, j))
        .collect();
    let near: Vec<String> = before
        .iter()
        .rev()
        .take(3)
        .map(|w| w.to_lowercase())
        .collect();
    // `no` is English only where it negates the verb (`no longer
    // supersedes`); Portuguese and Spanish `no` is "in the" (`registrado no
    // histórico, foi substituído`).
    let foreign_verb = tokens[verb_start..verb_end].iter().any(|t| match t {
        Token::Word(w, ..) => {
            !w.is_ascii()
                || [
                    "por", "pelo", "pelos", "pela", "pelas", "par", "durch", "door", "da",
                ]
                .iter()
                .any(|p| w.eq_ignore_ascii_case(p))
        }
        _ => false,
    });
    let negated = near
        .iter()
        .any(|w| NOT_STATED.contains(&w.as_str()) && !(w == "no" && foreign_verb));
    if negated {
        return None;
    }
    // `rejected in favour of` needs the rejection; `in favour of` alone
    // is an argument, not a relation.
    let mut end = verb_end;
    for q in AFTER {
        if words_match(tokens, end, q) {
            end += q.len();
            break;
        }
    }
    let verb = span(text, tokens, start, end);
    // An earlier mention in the clause is its subject, unless `which` or
    // `this one` says it is the object.
    let earlier = (clause_start..start).rev().find_map(|j| match tokens[j] {
        Token::Mention(m) => Some((j, m)),
        _ => None,
    });
    let mut last = end;
    let direction = crate::graph::verb::direction(&verb);
    // `refines ADR-0004's approval record`: a verb that changes a record
    // may name a part of it by its possessive.
    let changes = !direction.reversed && CHANGES.contains(&direction.kind.as_str());
    // `Accepted; the two-skill limit … is superseded by [ADR 7]`: a status
    // saying that a thing it decided was superseded supersedes the record
    // in part. (In a superseded record's prose, the same sentence often
    // names what the whole record was about.)
    let part_subject = mode == Mode::Status
        && direction.reversed
        && direction.kind == "supersedes"
        && names_a_part_as_subject(&before);
    let (targets, verb) = match after_verb(text, tokens, end, mentions, changes) {
        After::Mentions(targets, until) => {
            last = until;
            if let Some((j, _)) = earlier
                && !(j + 1..start).any(|w| word_at(tokens, w).is_some_and(is_which))
            {
                return None;
            }
            (targets, verb)
        }
        After::ThisRecord => {
            let (_, m) = (sentence_start..start)
                .rev()
                .find_map(|j| match tokens[j] {
                    Token::Mention(m) => Some((j, m)),
                    _ => None,
                })?;
            // `ADR 5, which is superseded by this one`: this one supersedes it.
            let reversed = crate::graph::verb::reverse(&verb)?;
            (vec![(m, false)], reversed)
        }
        After::Nothing => {
            // `[ADR-0045](…), which this decision supersedes`, `[0001](…) —
            // the first decision, which this extends`.
            let (j, m) = (sentence_start..start)
                .rev()
                .find_map(|j| match tokens[j] {
                    Token::Mention(m) => Some((j, m)),
                    _ => None,
                })?;
            let which = (j + 1..start).any(|w| word_at(tokens, w).is_some_and(is_which));
            let this = (j + 1..start).any(|w| {
                word_at(tokens, w)
                    .is_some_and(|x| x.eq_ignore_ascii_case("this") || x.eq_ignore_ascii_case("we"))
            });
            if !(which && this) {
                return None;
            }
            (vec![(m, false)], verb)
        }
    };
    let found = targets
        .into_iter()
        .map(|(mention, partial)| Found {
            verb: if (partial || part_subject) && !verb.to_lowercase().contains("part") {
                format!("{verb} in part")
            } else {
                verb.clone()
            },
            mention,
        })
        .collect();
    Some((found, last))
}

/// Whether the mention at token `k` is followed by `'s`.
fn possessive(tokens: &[Token<'_>], k: usize, mentions: &[Mention]) -> bool {
    let Some(Token::Mention(m)) = tokens.get(k) else {
        return false;
    };
    match tokens.get(k + 1) {
        Some(Token::Word(w, start, _)) => {
            w.eq_ignore_ascii_case("s") && *start <= mentions[*m].end + "’".len()
        }
        _ => false,
    }
}

fn is_which(word: &str) -> bool {
    word.eq_ignore_ascii_case("which") || word.eq_ignore_ascii_case("that")
}

enum After {
    /// The mentions named, each with whether a section of it is meant
    /// (`ADR 0053 §7`), and the token after the last.
    Mentions(Vec<(usize, bool)>, usize),
    /// `this one`, `this ADR`.
    ThisRecord,
    Nothing,
}

/// `supersedes only the logging direction in [ADR 2](…)`: a part of the
/// record, named in a few words after `only` and ended by `in`/`of`.
/// `replaces the front-end part of [ADR 2](…)`, `substitui a parte de
/// front-end do [ADR 2](…)`: a noun naming a part, in any of the
/// vocabulary's languages, before the record.
fn only_a_part(tokens: &[Token<'_>], from: usize) -> Option<(usize, usize)> {
    let opener = word_at(tokens, from)?.to_lowercase();
    let only = matches!(opener.as_str(), "only" | "partly" | "partially");
    let mut part = false;
    let mut k = from;
    while k < tokens.len() && k <= from + 9 {
        match tokens.get(k)? {
            Token::Word(w, ..) => {
                part |= PART_NOUNS.contains(&w.to_lowercase().as_str());
                k += 1;
            }
            Token::Mention(m) => {
                let before = word_at(tokens, k.checked_sub(1)?)?.to_lowercase();
                let named = if only { k > from + 2 } else { part };
                return (named && PART_OF.contains(&before.as_str())).then_some((*m, k));
            }
            _ => return None,
        }
    }
    None
}

/// Nouns naming a part of a record.
const PART_NOUNS: &[&str] = &[
    "part",
    "parts",
    "portion",
    "portions",
    "aspect",
    "aspects",
    "parte",
    "partes",
    "partie",
    "parties",
    "teil",
    "teile",
    "aspekt",
    "aspekte",
    "deel",
    "onderdeel",
    "aspecto",
    "aspectos",
];

/// What ends the words naming a part, right before the record: `of`,
/// `in`, and their forms in the vocabulary's languages (`do` is `de o`).
const PART_OF: &[&str] = &[
    "in", "of", "from", "de", "do", "da", "dos", "das", "du", "des", "del", "della", "dello",
    "von", "vom", "aus", "der", "van", "uit",
];

/// Whether the words before a record name a part of it: [`only_a_part`]
/// for a key's value (`**Substitui:** a parte de front-end do ADR 2`).
pub(super) fn names_a_part(lead: &str) -> bool {
    let words: Vec<String> = lead
        .split(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | ':' | ',' | '['))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 10
        && words.last().is_some_and(|w| PART_OF.contains(&w.as_str()))
        && words.iter().any(|w| PART_NOUNS.contains(&w.as_str()))
}

/// Kinds of relation whose verb changes the record it names.
const CHANGES: &[&str] = &[
    "supersedes",
    "partially supersedes",
    "replaces",
    "amends",
    "extends",
    "refines",
    "clarifies",
    "invalidates",
    "undoes",
    "partially undoes",
];

/// Words that open a subject naming a thing, not a record: articles in
/// the vocabulary's languages.
const ARTICLE_WORDS: &[&str] = &[
    "the", "its", "o", "a", "os", "as", "el", "la", "los", "las", "le", "les", "der", "die", "das",
    "il", "lo", "gli", "de", "het",
];

/// Pronouns and words besides the record's nouns
/// ([`super::list_item::NOUNS`]) by which a subject names the whole record.
const WHOLE_RECORD: &[&str] = &[
    "this", "it", "document", "proposal", "approach", "whole", "entire", "adr's",
];

/// `the two-skill limit and installer list are`, `O mecanismo de threads
/// do LÖVE, registrado no histórico, foi`: the words of a clause before
/// `superseded by`, when they are a subject that names a thing the record
/// decided rather than the record.
fn names_a_part_as_subject(before: &[&str]) -> bool {
    let lower: Vec<String> = before.iter().map(|w| w.to_lowercase()).collect();
    lower
        .first()
        .is_some_and(|first| ARTICLE_WORDS.contains(&first.as_str()))
        && (3..=14).contains(&lower.len())
        && !lower.iter().any(|w| {
            WHOLE_RECORD.contains(&w.as_str()) || super::list_item::NOUNS.contains(&w.as_str())
        })
}

/// `Aceito. Complementa [ADR 0004](…)`: one to three words right before a
/// record that the vocabulary knows as a relation verb, in any of its
/// languages; their number.
fn known_before_a_record(tokens: &[Token<'_>], k: usize) -> Option<usize> {
    // The verb opens its sentence, capitalised: `Teams that depend on
    // [ADR-1]` has a subject of its own.
    let opens = k == 0 || matches!(tokens[k - 1], Token::Break);
    if !opens || !word_at(tokens, k)?.starts_with(char::is_uppercase) {
        return None;
    }
    let phrase = |from: usize, to: usize| {
        (from..to)
            .filter_map(|j| word_at(tokens, j))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let known = |from: usize, to: usize| super::list_item::known(&phrase(from, to)).is_some();
    (1..=3).rev().find(|&n| {
        matches!(tokens.get(k + n), Some(Token::Mention(_)))
            && (k..k + n).all(|j| word_at(tokens, j).is_some())
            && known(k, k + n)
            // `Services constrained by [ADR-1]`: the first word is the
            // subject when the words after it are the verb.
            && (n == 1 || !known(k + 1, k + n))
    })
}

/// `The exact-two restriction in ADR-0005 is now superseded.`, `The X
/// statement in ADR-3 is refined to …`: a part of a record said to be
/// superseded (refined, amended), in the present and by no one named, is
/// by the record saying it. Past tenses tell a story about other records.
fn passive_without_by(tokens: &[Token<'_>], k: usize) -> Option<Found> {
    let participle = word_at(tokens, k)?.to_lowercase();
    let (_, kind) = PASSIVES.iter().find(|(p, _)| *p == participle)?;
    // `is refined to …`, `is amended as follows`: what it becomes may
    // follow; `superseded` ends its clause.
    let ends = match tokens.get(k + 1) {
        None | Some(Token::Break) => true,
        Some(Token::Word(w, ..)) => *kind != "supersedes" && w.eq_ignore_ascii_case("to"),
        _ => false,
    };
    if !ends {
        return None;
    }
    let mut j = k;
    while j > 0
        && word_at(tokens, j - 1).is_some_and(|w| {
            ["now", "hereby", "thereby", "therefore", "also"]
                .iter()
                .any(|a| w.eq_ignore_ascii_case(a))
        })
    {
        j -= 1;
    }
    let be = word_at(tokens, j.checked_sub(1)?)?;
    if !(be.eq_ignore_ascii_case("is") || be.eq_ignore_ascii_case("are")) {
        return None;
    }
    let at = j.checked_sub(2)?;
    let Token::Mention(mention) = tokens[at] else {
        return None;
    };
    let clause_start = tokens[..at]
        .iter()
        .rposition(|t| matches!(t, Token::Break | Token::Dash))
        .map_or(0, |p| p + 1);
    if tokens[clause_start..at]
        .iter()
        .any(|t| matches!(t, Token::Mention(_)))
    {
        return None;
    }
    let before: Vec<String> = (clause_start..at)
        .filter_map(|j| word_at(tokens, j))
        .map(str::to_lowercase)
        .collect();
    if before.iter().any(|w| NOT_STATED.contains(&w.as_str())) {
        return None;
    }
    // Only a part named (`the X in ADR-5`): `ADR-5 is superseded.` alone
    // may tell the state of another record.
    let partial = before.last().is_some_and(|w| PART_OF.contains(&w.as_str()))
        && before
            .first()
            .is_some_and(|w| ARTICLE_WORDS.contains(&w.as_str()));
    if !partial {
        return None;
    }
    Some(Found {
        verb: if *kind == "supersedes" {
            "partially supersedes"
        } else {
            kind
        }
        .into(),
        mention,
    })
}

/// Participles that, after `is`/`are` and a record, say what the record
/// saying it does to that record, and the kind they state.
const PASSIVES: &[(&str, &str)] = &[
    ("superseded", "supersedes"),
    ("superceded", "supersedes"),
    ("replaced", "supersedes"),
    ("refined", "refines"),
    ("amended", "amends"),
    ("clarified", "clarifies"),
];

/// Where a short note in brackets right after `at` ends: `(Oracle)`,
/// `（補足）`.
fn bracketed_note_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    let open = rest.len() - rest.trim_start().len();
    let (close, width) = match rest[open..].chars().next()? {
        '(' => (')', 1),
        '（' => ('）', '（'.len_utf8()),
        _ => return None,
    };
    let inner = &rest[open + width..];
    let end = inner.find(close).filter(|&e| e <= 60)?;
    Some(at + open + width + end + close.len_utf8())
}

/// What follows a verb: the records it names, `this one`, or nothing.
/// `changes`: the verb changes what it names, so that `ADR 4's X` is a
/// part of ADR 4.
fn after_verb(
    text: &str,
    tokens: &[Token<'_>],
    from: usize,
    mentions: &[Mention],
    changes: bool,
) -> After {
    if let Some((m, k)) = only_a_part(tokens, from) {
        return After::Mentions(vec![(m, true)], k + 1);
    }
    let mut k = from;
    let mut fillers = 0;
    loop {
        match tokens.get(k) {
            Some(Token::Colon) => k += 1,
            Some(Token::Word(w, _, _)) => {
                let lower = w.to_lowercase();
                if (lower == "this" || lower == "these")
                    && word_at(tokens, k + 1)
                        .is_some_and(|n| THIS.contains(&n.to_lowercase().as_str()))
                {
                    return After::ThisRecord;
                }
                if !FILLER.contains(&lower.as_str()) || fillers >= 6 {
                    return After::Nothing;
                }
                fillers += 1;
                k += 1;
            }
            Some(Token::Mention(_)) => break,
            _ => return After::Nothing,
        }
    }
    let mut targets = Vec::new();
    while let Some(Token::Mention(m)) = tokens.get(k) {
        // `depends on ADR 0053's interfaces`: what ADR 0053 has, not it;
        // `refines ADR-0004's approval record`: a part of ADR 0004.
        if possessive(tokens, k, mentions) {
            if changes {
                targets.push((*m, true));
                k += 1;
            }
            break;
        }
        let section = word_at(tokens, k + 1).is_some_and(|w| {
            w.starts_with('§')
                || w.eq_ignore_ascii_case("section")
                || w.eq_ignore_ascii_case("sections")
        });
        targets.push((*m, section));
        k += 1;
        // `[ADR-0010](…) (Oracle) y [ADR-0011](…)`: a note in brackets
        // after a record, then the next one.
        if let Some(close) = bracketed_note_end(text, mentions[*m].end)
            && !mentions
                .iter()
                .any(|n| n.start > mentions[*m].end && n.start < close)
        {
            while matches!(tokens.get(k), Some(Token::Word(_, start, _)) if *start < close) {
                k += 1;
            }
        }
        // `[ADR-15](…) and [ADR-16](…)`, `ADR 5, ADR 6 and ADR 7`.
        let mut j = k;
        if matches!(tokens.get(j), Some(Token::Comma)) {
            j += 1;
        }
        // `[ADR-15](…) e [ADR-16](…)`: `and` in the vocabulary's languages.
        if word_at(tokens, j).is_some_and(|w| {
            w == "&"
                || super::list_item::AND
                    .iter()
                    .any(|a| w.eq_ignore_ascii_case(a))
        }) {
            j += 1;
        }
        if j > k && matches!(tokens.get(j), Some(Token::Mention(_))) {
            k = j;
        } else if let Some(Token::Mention(_)) = tokens.get(k) {
            // `ADRs 60 and 61`: the list is in the mentions already.
            let previous = &mentions[*m];
            let this = match tokens.get(k) {
                Some(Token::Mention(n)) => &mentions[*n],
                _ => break,
            };
            if previous.kind != MentionKind::Bare || this.kind != MentionKind::Bare {
                break;
            }
        } else {
            break;
        }
    }
    After::Mentions(targets, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::mention;

    fn read(text: &str) -> Vec<(String, String)> {
        read_in(text, Mode::Prose)
    }

    fn read_in(text: &str, mode: Mode) -> Vec<(String, String)> {
        let mentions = match mode {
            Mode::Status => mention::find_in_status(text),
            Mode::Prose => mention::find(text),
        };
        relations(text, &mentions, mode)
            .into_iter()
            .map(|f| (f.verb, mentions[f.mention].target.clone()))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(v, t)| (v.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn only_a_part_of_a_record() {
        assert_eq!(
            read(
                "This supersedes only the redaction/logging direction in [ADR 0002](0002-x.md) and the plan."
            ),
            pairs(&[("supersedes in part", "0002-x.md")])
        );
        assert_eq!(
            read("This supersedes only [ADR 0002](0002-x.md)."),
            pairs(&[("supersedes", "0002-x.md")])
        );
        assert_eq!(
            read("It replaces the caching part of [ADR 2](0002-x.md)."),
            pairs(&[("replaces in part", "0002-x.md")])
        );
        assert_eq!(
            read("Substitui a parte de front-end do [ADR 2](0002-x.md)."),
            pairs(&[("Substitui in part", "0002-x.md")])
        );
        assert_eq!(
            read("It replaces the design of [ADR 2](0002-x.md)."),
            pairs(&[("replaces", "0002-x.md")])
        );
    }

    #[test]
    fn sentences_that_state_relations() {
        assert_eq!(
            read("We decided to supersede ADR-0011 with this design."),
            pairs(&[("supersede", "ADR-0011")])
        );
        assert_eq!(
            read("This document supersedes the [Release Process ADR][x]."),
            pairs(&[("supersedes", "x")])
        );
        assert_eq!(
            read("Rejected in favour of ADR 111"),
            pairs(&[("Rejected in favour of", "ADR 111")])
        );
        assert_eq!(
            read("- 2023-05-03: Mark as rejected in favour of ADR-101 (@x)"),
            pairs(&[("rejected in favour of", "ADR-101")])
        );
        assert_eq!(
            read("This ADR supersedes the decisions made in ADRs 60 and 61, but builds on them."),
            pairs(&[("supersedes", "ADRs 60"), ("supersedes", "61")])
        );
        assert_eq!(
            read("This version supercedes the design presented in [ADR 9: Old](0009-old.md)."),
            pairs(&[("supercedes", "0009-old.md")])
        );
        assert_eq!(
            read("Refines ADR 0003 for the new API."),
            pairs(&[("Refines", "ADR 0003")])
        );
        assert_eq!(
            read("Partly Undo ADR 109 (Reduce Go API Surface)"),
            pairs(&[("Partly Undo", "ADR 109")])
        );
        assert_eq!(
            read(
                "Note: this ADR supersedes some aspects of [ADR-15](adr-015.md) and [ADR-16](adr-016.md)."
            ),
            pairs(&[
                ("supersedes some aspects of", "adr-015.md"),
                ("supersedes some aspects of", "adr-016.md")
            ])
        );
        assert_eq!(
            read("This ADR in part supersedes [0003](0003-aws.md)."),
            pairs(&[("in part supersedes", "0003-aws.md")])
        );
        assert_eq!(
            read("This decision has been superseded by decision: [0022 Proxy](0022-proxy.md)"),
            pairs(&[("superseded by", "0022-proxy.md")])
        );
        assert_eq!(
            read("Supersedes: ADR 0053 §7 \"Detection\" behaviour"),
            pairs(&[("Supersedes in part", "ADR 0053")])
        );
        assert_eq!(
            read("Supersedes [ADR-1](0001-a.md) and amends [ADR-2](0002-b.md)."),
            pairs(&[("Supersedes", "0001-a.md"), ("amends", "0002-b.md")])
        );
        assert_eq!(
            read("Remplacé par [ADR-0005](0005-x.md)"),
            pairs(&[("Remplacé par", "0005-x.md")])
        );
        assert_eq!(
            read("Ersetzt durch [ADR 5](0005-x.md). Ersetzt [ADR 3](0003-y.md)."),
            pairs(&[("Ersetzt durch", "0005-x.md"), ("Ersetzt", "0003-y.md")])
        );
    }

    #[test]
    fn verbs_one_after_another_and_other_words_for_amending() {
        assert_eq!(
            read_in("Amends 0004, builds on 0005 and 0006", Mode::Status),
            pairs(&[
                ("Amends", "0004"),
                ("builds on", "0005"),
                ("builds on", "0006")
            ])
        );
        assert_eq!(
            read("This record modifies [ADR 0003](./0003-x.md) to drop a rule."),
            pairs(&[("modifies", "./0003-x.md")])
        );
        assert_eq!(
            read("It was later modified by [ADR 9](0009-y.md)."),
            pairs(&[("modified by", "0009-y.md")])
        );
        // In a sentence, building on a record is background.
        assert!(read("It builds on [ADR 5](0005-x.md), which set the rule.").is_empty());
        // Modifying things that are not records states nothing.
        assert!(read("The job modifies the index and builds on caching.").is_empty());
    }

    #[test]
    fn the_record_named_before_the_verb() {
        assert_eq!(
            read("It replaces [ADR 5](0005-x.md), which is superseded by this one."),
            pairs(&[("replaces", "0005-x.md"), ("supersedes", "0005-x.md")])
        );
        assert_eq!(
            read("* [ADR-0045](0045-x.md), which this decision supersedes"),
            pairs(&[("supersedes", "0045-x.md")])
        );
        assert_eq!(
            read("- [0001](0001-x.md) — the original decision, which this extends with metadata."),
            pairs(&[("extends", "0001-x.md")])
        );
    }

    #[test]
    fn sentences_that_state_nothing_about_this_record() {
        for text in [
            "ADR 60 was superseded by ADR 73 last year.",
            "This ADR adds to [ADR-0000][a]; it does not replace it.",
            "We could supersede ADR 5 later.",
            "It should not replace [ADR 5](5.md).",
            "Arguments in favour of ADR 5 are weak.",
            "As described in [ADR 5](5.md), we use X.",
            "Remote signer errors are removed in favor of [codes](https://x.org).",
            "supersedes our reliance on caches described in [ADR 5](5.md)",
            "[ADR 2] can be considered superseded now.",
            "the approach of\n[ADR 5](5.md)",
        ] {
            let found: Vec<_> = read(text)
                .into_iter()
                .filter(|(v, _)| !v.eq_ignore_ascii_case("adds to"))
                .collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }
}
