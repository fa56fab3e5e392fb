//! Relation verbs: which are the two ends of one relation, and which way
//! the relation points.
//!
//! People write the same relation many ways (`Superseded by`, `supersede`,
//! `in part supersedes`, `is a follow-up to`, `rejected in favour of`);
//! [`direction`] reads them all into one canonical kind.

/// Canonical (forward, reverse) pairs, lower-case.
const CANONICAL: &[(&str, &str)] = &[
    ("supersedes", "superseded by"),
    ("partially supersedes", "partially superseded by"),
    ("amends", "amended by"),
    ("extends", "extended by"),
    ("clarifies", "clarified by"),
    ("replaces", "replaced by"),
    ("refines", "refined by"),
    ("invalidates", "invalidated by"),
    ("undoes", "undone by"),
    ("partially undoes", "partially undone by"),
    ("rejected in favour of", "chosen over"),
    ("depends on", "is depended on by"),
    ("enables", "enabled by"),
    ("constrains", "constrained by"),
    ("consequence of", "leads to"),
];

/// Spellings people write as link verbs, kept when the other end is
/// written (`Supercedes` is answered with `Superceded by`).
const SPELLINGS: &[(&str, &str)] = &[
    ("supercedes", "superceded by"),
    ("partly supersedes", "partly superseded by"),
];

/// Verb forms, lower-case, and the canonical forward kind they state;
/// `true` when the form names the relation from its other end.
const FORMS: &[(&str, &str, bool)] = &[
    ("superseded by", "supersedes", true),
    ("superceded by", "supersedes", true),
    ("superseeded by", "supersedes", true),
    ("supersedes", "supersedes", false),
    ("supersede", "supersedes", false),
    ("superseding", "supersedes", false),
    ("supercedes", "supersedes", false),
    ("supercede", "supersedes", false),
    ("superseeds", "supersedes", false),
    ("superseed", "supersedes", false),
    ("replaced by", "replaces", true),
    ("replaces", "replaces", false),
    ("replace", "replaces", false),
    ("amended by", "amends", true),
    ("amends", "amends", false),
    ("amend", "amends", false),
    ("addendum to", "amends", false),
    ("amendment to", "amends", false),
    ("amendment of", "amends", false),
    ("modified by", "amends", true),
    ("modifies", "amends", false),
    ("extended by", "extends", true),
    ("extends", "extends", false),
    ("extend", "extends", false),
    ("adds to", "extends", false),
    ("extension of", "extends", false),
    ("extension to", "extends", false),
    ("builds on", "extends", false),
    ("builds upon", "extends", false),
    // `Builds on [21]` is answered with `Is built on by [25]`.
    ("built on by", "extends", true),
    ("built upon by", "extends", true),
    ("refined by", "refines", true),
    ("refines", "refines", false),
    ("refine", "refines", false),
    ("refinement of", "refines", false),
    ("clarified by", "clarifies", true),
    ("clarifies", "clarifies", false),
    ("clarify", "clarifies", false),
    ("invalidated by", "invalidates", true),
    ("invalidates", "invalidates", false),
    ("invalidate", "invalidates", false),
    ("undone by", "undoes", true),
    ("reverted by", "undoes", true),
    ("undoes", "undoes", false),
    ("undo", "undoes", false),
    ("undid", "undoes", false),
    ("reverts", "undoes", false),
    ("revert", "undoes", false),
    ("chosen over", "rejected in favour of", true),
    ("rejected in favour of", "rejected in favour of", false),
    ("rejected in favor of", "rejected in favour of", false),
    ("declined in favour of", "rejected in favour of", false),
    ("declined in favor of", "rejected in favour of", false),
    ("dropped in favour of", "rejected in favour of", false),
    ("dropped in favor of", "rejected in favour of", false),
    ("abandoned in favour of", "rejected in favour of", false),
    ("abandoned in favor of", "rejected in favour of", false),
    ("in favour of", "rejected in favour of", false),
    ("in favor of", "rejected in favour of", false),
    ("consequence of", "consequence of", false),
    ("follows from", "consequence of", false),
    ("leads to", "consequence of", true),
    ("is depended on by", "depends on", true),
    ("depends on", "depends on", false),
    ("depend on", "depends on", false),
    ("depends upon", "depends on", false),
    ("dependent on", "depends on", false),
    ("enabled by", "enables", true),
    ("enables", "enables", false),
    ("enable", "enables", false),
    ("constrained by", "constrains", true),
    ("constrains", "constrains", false),
    ("constrain", "constrains", false),
    ("complemented by", "extends", true),
    ("complements", "extends", false),
];

/// The same relations in the other languages ADRs are written in
/// (French, German, Spanish, Portuguese, Italian, Dutch, Norwegian,
/// Vietnamese), by
/// the canonical kind they state: the forms that name it from this
/// record, then those that name it from the other end (`remplacé par`).
/// A phrase of two words or more also matches without its accents
/// (`substituido por`); a single word must be written as listed, since
/// some differ only by an accent from a word of the other direction
/// (`remplace`, `remplacé`).
const TRANSLATED: &[(&str, &[&str], &[&str])] = &[
    (
        "supersedes",
        &[
            "remplace",
            "supplante",
            "ersetzt",
            "löst ab",
            "reemplaza",
            "sustituye",
            "substitui",
            "sostituisce",
            "rimpiazza",
            "vervangt",
            "erstatter",
            "thay thế",
            "заменяет",
            "замінює",
            "zastępuje",
            "nahrazuje",
            "ersätter",
            "korvaa",
            "menggantikan",
            "felváltja",
            "înlocuiește",
            "substitueix",
            "を置き換える",
            "を置き換え",
            "を置き換えます",
            "を置換",
            "を置換する",
            "替代",
            "取代",
            "代替",
            "替换",
        ],
        &[
            "remplacé par",
            "remplacée par",
            "supplanté par",
            "supplantée par",
            "ersetzt durch",
            "ersetzt von",
            "abgelöst durch",
            "abgelöst von",
            "abgeloest durch",
            "reemplazado por",
            "reemplazada por",
            "sustituido por",
            "sustituida por",
            "substituído por",
            "substituída por",
            "substituído pelo",
            "substituído pelos",
            "substituído pela",
            "substituída pelo",
            "substituída pela",
            "substituídos pelos",
            "substituídos por",
            "sostituito da",
            "sostituita da",
            "rimpiazzato da",
            "rimpiazzata da",
            "vervangen door",
            "erstattet av",
            "bị thay thế bởi",
            "được thay thế bởi",
            "заменено на",
            "заменён на",
            "заменен на",
            "заменена на",
            "заменено",
            "заменён",
            "заменен",
            "заменена",
            "замінено на",
            "замінено",
            "zastąpiony przez",
            "zastąpiona przez",
            "zastąpione przez",
            "nahrazeno",
            "nahrazen",
            "ersatt av",
            "ersatt med",
            "erstattet af",
            "erstattet med",
            "korvattu",
            "digantikan oleh",
            "diganti oleh",
            "înlocuit de",
            "înlocuită de",
            "substituït per",
            "대체됨",
            "에 의해 대체됨",
            "다음으로 대체됨",
            "다음에서 대체됨",
            // Japanese and Chinese put the verb after the record:
            // `[ADR-2](…) によって破棄` ("discarded by ADR-2").
            "によって置き換え",
            "によって置き換えられた",
            "によって置き換えられました",
            "により置き換え",
            "により置き換えられた",
            "により置き換えられました",
            "に置き換えられた",
            "に置き換えられました",
            "で置き換えられた",
            "によって置換",
            "により置換",
            "によって代替",
            "により代替",
            "によって廃止",
            "により廃止",
            "によって破棄",
            "により破棄",
            "に取って代わられた",
            "に取って代わられました",
            "によって上書き",
            "により上書き",
            // Chinese puts "by" before the record and the verb after:
            // `已由 [ADR 4](…) 替代` ("replaced by ADR 4").
            "由…替代",
            "已由…替代",
            "被…替代",
            "已被…替代",
            "由…取代",
            "已由…取代",
            "被…取代",
            "已被…取代",
            "由…代替",
            "被…代替",
            "被…替换",
            "已被…替换",
        ],
    ),
    (
        "amends",
        &[
            "amende",
            "modifie",
            "modifica",
            "enmienda",
            "altera",
            "emenda",
            "ändert",
            "änderung an",
            "änderungen an",
            "wijzigt",
        ],
        &[
            "amendé par",
            "amendée par",
            "modifié par",
            "modifiée par",
            "modificado por",
            "modificada por",
            "enmendado por",
            "enmendada por",
            "alterado por",
            "alterada por",
            "emendado por",
            "emendada por",
            "geändert durch",
            "modificato da",
            "modificata da",
            "gewijzigd door",
        ],
    ),
    (
        "extends",
        &[
            "étend",
            "etend",
            "complète",
            "extiende",
            "amplía",
            "complementa",
            "estende",
            "amplia",
            "erweitert",
            "ergänzt",
            "breidt uit",
        ],
        &[
            "étendu par",
            "étendue par",
            "complété par",
            "complétée par",
            "extendido por",
            "extendida por",
            "ampliado por",
            "ampliada por",
            "complementado por",
            "complementada por",
            "estendido por",
            "estendida por",
            "erweitert durch",
            "ergänzt durch",
            "esteso da",
            "estesa da",
            "uitgebreid door",
        ],
    ),
    (
        "refines",
        &["affine", "refina", "verfeinert", "raffina", "verfijnt"],
        &[
            "affiné par",
            "affinée par",
            "refinado por",
            "refinada por",
            "verfeinert durch",
            "raffinato da",
            "raffinata da",
            "verfijnd door",
        ],
    ),
    (
        "clarifies",
        &[
            "clarifie",
            "aclara",
            "clarifica",
            "esclarece",
            "präzisiert",
            "chiarisce",
            "verduidelijkt",
        ],
        &[
            "clarifié par",
            "clarifiée par",
            "aclarado por",
            "aclarada por",
            "clarificado por",
            "clarificada por",
            "esclarecido por",
            "esclarecida por",
            "präzisiert durch",
            "chiarito da",
            "chiarita da",
            "verduidelijkt door",
        ],
    ),
    (
        "invalidates",
        &["invalide", "invalida", "invalidiert"],
        &[
            "invalidé par",
            "invalidée par",
            "invalidado por",
            "invalidada por",
            "invalidiert durch",
            "invalidato da",
            "invalidata da",
        ],
    ),
    (
        "undoes",
        &[
            "annule", "revierte", "deshace", "reverte", "desfaz", "annulla",
        ],
        &[
            "annulé par",
            "annulée par",
            "revertido por",
            "revertida por",
            "desfeito por",
            "annullato da",
            "annullata da",
        ],
    ),
    (
        "depends on",
        &[
            "dépend de",
            "dépend du",
            "dépend des",
            "depende de",
            "depende del",
            "depende do",
            "depende da",
            "depende dos",
            "depende das",
            "hängt ab von",
            "abhängig von",
            "dipende da",
            "dipende dal",
            "dipende dalla",
            "dipende dai",
            "hangt af van",
            "afhankelijk van",
        ],
        &[],
    ),
    (
        "enables",
        &[
            "habilita",
            "possibilita",
            "ermöglicht",
            "abilita",
            "maakt mogelijk",
        ],
        &[
            "habilitado por",
            "habilitada por",
            "possibilitado por",
            "possibilitada por",
            "ermöglicht durch",
            "abilitato da",
            "abilitata da",
            "mogelijk gemaakt door",
        ],
    ),
    (
        "consequence of",
        &[
            "conséquence de",
            "consecuencia de",
            "consequência de",
            "folge von",
            "conseguenza di",
            "gevolg van",
        ],
        &[],
    ),
];

/// Phrases for the one symmetric relation, `relates to`, once filler
/// words (`is`, `a`, `highly`…) are taken out.
const RELATES: &[&str] = &[
    "relates to",
    "related to",
    "related",
    "see also",
    "linked to",
    "follow-up to",
    "follow up to",
    "follow-up of",
    "follow-up on",
    "follows up on",
    "follows up",
    "voir aussi",
    "voir également",
    "en lien avec",
    // `関連: ADR-0003` (Japanese), `相关: ADR-3` (Chinese), `관련` (Korean).
    "関連",
    "相关",
    "관련",
    "lié à",
    "liée à",
    "siehe auch",
    "bezieht sich auf",
    "verwandt mit",
    "verknüpft mit",
    "im zusammenhang mit",
    "ver también",
    "véase también",
    "relacionado con",
    "relacionada con",
    "relacionados con",
    "relacionadas con",
    "relacionado a",
    "relacionada a",
    "relacionado com",
    "relacionada com",
    "relacionados com",
    "relacionadas com",
    "ver também",
    "veja também",
    "relacionado",
    "relacionada",
    "relacionados",
    "relacionadas",
    "vedi anche",
    "correlato a",
    "correlata a",
    "collegato a",
    "collegata a",
    "zie ook",
    "gerelateerd aan",
    "verwant aan",
    "liên quan",
    "liên quan đến",
    "liên quan tới",
    "связано с",
    "связан с",
    "пов'язано з",
    "powiązane z",
    "související s",
    "relaterad till",
    "relateret til",
    "relatert til",
    "se även",
    "se også",
    "katso myös",
    "zobacz też",
    "viz také",
    "相關",
];

/// Words that qualify a relation without changing it.
const FILLER: &[&str] = &[
    "is", "are", "was", "a", "an", "the", "this", "highly", "closely", "also", "directly", "has",
    "have", "been", "hereby", "now", "fully", "it", "mark", "marked", "as",
    // Articles of the other languages: `substitui o`, `dépend de la`.
    "el", "la", "los", "las", "lo", "o", "os", "le", "les", "l'", "il", "der", "die", "das", "den",
    "dem", "het",
];

/// How a verb as written maps onto a directed relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direction {
    /// The canonical, lower-case forward verb: `supersedes`, `amends`, or
    /// the verb itself when it is not a known one.
    pub kind: String,
    /// The verb names the relation from the other end (`Superseded by`):
    /// the edge points from the link's target to its source.
    pub reversed: bool,
    /// `relates to`: no direction.
    pub symmetric: bool,
}

/// Reads a verb: `Superseded by` is the `supersedes` relation, reversed;
/// `in part supersedes` is `partially supersedes`; `Partly Undo` is
/// `partially undoes`.
pub fn direction(verb: &str) -> Direction {
    // A log uses a handful of verbs, each asked for once per link and per
    // rule: reading one is dozens of allocations, looking it up none.
    const MEMO_CAP: usize = 4096;
    thread_local! {
        static MEMO: std::cell::RefCell<std::collections::HashMap<String, Direction>> =
            std::cell::RefCell::new(std::collections::HashMap::new());
    }
    if let Some(known) = MEMO.with(|m| m.borrow().get(verb).cloned()) {
        return known;
    }
    let d = direction_of(verb);
    MEMO.with(|m| {
        let mut memo = m.borrow_mut();
        if memo.len() >= MEMO_CAP {
            memo.clear();
        }
        memo.insert(verb.to_string(), d.clone());
    });
    d
}

fn direction_of(verb: &str) -> Direction {
    let d = read_direction(verb);
    // `Superseded-by`, `relates-to`: keys written with hyphens.
    if !d.symmetric && !CANONICAL.iter().any(|(f, _)| *f == d.kind) && verb.contains('-') {
        let spaced = read_direction(&verb.replace('-', " "));
        if spaced.symmetric || CANONICAL.iter().any(|(f, _)| *f == spaced.kind) {
            return spaced;
        }
    }
    d
}

fn read_direction(verb: &str) -> Direction {
    let lower = verb
        .trim()
        .trim_end_matches([':', '.', ','])
        .to_lowercase()
        // `Supersedes (in part)`: a qualifier in brackets.
        .replace(['*', '_', '(', ')'], " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    let partial = PARTLY.iter().any(|q| words.contains(q))
        || [
            "in part",
            "some aspects of",
            "parts of",
            "part of",
            "aspects of",
        ]
        .iter()
        .any(|q| contains_phrase(&joined, q));
    let core = without_qualifiers(&words);
    let (folded_core, folded_joined) = (fold(&core), fold(&joined));
    let relates = |r: &&str| {
        core == *r
            || joined == *r
            || (r.contains(' ') && {
                let r = fold(r);
                folded_core == r || folded_joined == r
            })
    };
    if RELATES.iter().any(relates) {
        return Direction {
            kind: "relates to".into(),
            reversed: false,
            symmetric: true,
        };
    }
    // `Änderung an`: a form whose own words look like filler (`an` is
    // German for `to`) is matched as written.
    let form = FORMS
        .iter()
        .find(|(form, _, _)| core == *form || joined == *form)
        .or_else(|| {
            // `rejected in favour of` with words between: `marked as rejected in favour of`.
            FORMS
                .iter()
                .find(|(form, _, _)| form.contains(' ') && core.ends_with(form))
        })
        .map(|(_, kind, reversed)| (*kind, *reversed))
        .or_else(|| {
            TRANSLATED.iter().find_map(|(kind, forward, back)| {
                let said = |forms: &[&str]| {
                    forms.iter().any(|f| {
                        core == *f
                            || joined == *f
                            || (f.contains(' ') && {
                                let f = fold(f);
                                folded_core == f || folded_joined == f
                            })
                    })
                };
                if said(forward) {
                    Some((*kind, false))
                } else if said(back) {
                    Some((*kind, true))
                } else {
                    None
                }
            })
        });
    match form {
        Some((kind, reversed)) => {
            let kind = match (kind, partial) {
                ("supersedes", true) => "partially supersedes",
                ("undoes", true) => "partially undoes",
                (k, _) => k,
            };
            Direction {
                kind: kind.to_string(),
                reversed,
                symmetric: false,
            }
        }
        None => Direction {
            kind: joined,
            reversed: false,
            symmetric: false,
        },
    }
}

/// Latin letters without their accents, for matching a phrase typed
/// without them: `substituído por` → `substituido por`.
fn fold(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

/// The words of a verb without filler and partial qualifiers:
/// `is partly superseded by` → `superseded by`.
/// Words that make a relation partial: English, and Korean `일부`
/// (`일부 대체됨`, partly superseded).
const PARTLY: &[&str] = &["partly", "partially", "partial", "일부"];

fn without_qualifiers(words: &[&str]) -> String {
    const PHRASES: &[&[&str]] = &[
        &["in", "part"],
        &["some", "aspects", "of"],
        &["aspects", "of"],
        &["parts", "of"],
        &["part", "of"],
    ];
    let mut kept = Vec::with_capacity(words.len());
    let mut i = 0;
    'words: while i < words.len() {
        for phrase in PHRASES {
            if words[i..].starts_with(phrase) {
                i += phrase.len();
                continue 'words;
            }
        }
        let w = words[i];
        if !FILLER.contains(&w) && !PARTLY.contains(&w) {
            kept.push(w);
        }
        i += 1;
    }
    kept.join(" ")
}

fn contains_phrase(text: &str, phrase: &str) -> bool {
    text == phrase
        || text.starts_with(&format!("{phrase} "))
        || text.ends_with(&format!(" {phrase}"))
        || text.contains(&format!(" {phrase} "))
}

/// Whether the other end of a relation of this kind is expected to say
/// so: `rejected in favour of ADR 111` and `partly undo ADR 109` are said
/// by one record only.
pub fn expects_answer(kind: &str) -> bool {
    let d = direction(kind);
    !matches!(
        d.kind.as_str(),
        "rejected in favour of" | "undoes" | "partially undoes" | "consequence of"
    )
}

/// Whether a phrase is a relation verb this module knows.
pub fn is_known(verb: &str) -> bool {
    let d = direction(verb);
    d.symmetric || CANONICAL.iter().any(|(f, _)| *f == d.kind)
}

/// The verb for the other end of a well-known relation, in the same
/// capitalisation style: `Amends` → `Amended by`, `amended by` → `amends`.
pub fn reverse(verb: &str) -> Option<String> {
    let lower = verb.trim().to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let literal = SPELLINGS.iter().chain(CANONICAL).find_map(|(f, r)| {
        if lower == *f {
            Some((*r).to_string())
        } else if lower == *r {
            Some((*f).to_string())
        } else {
            None
        }
    });
    let other = match literal {
        Some(other) => other,
        None => {
            let d = direction(&lower);
            if d.symmetric {
                "relates to".to_string()
            } else {
                let (forward, back) = CANONICAL.iter().find(|(f, _)| *f == d.kind)?;
                if d.reversed { forward } else { back }.to_string()
            }
        }
    };
    let capitalised = verb.trim().starts_with(char::is_uppercase);
    Some(if capitalised {
        capitalise(&other)
    } else {
        other
    })
}

/// `amended by` → `Amended by`.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a verb marks its target superseded (`Superseded by`) from the
/// superseded record's side.
pub fn is_superseded_by(verb: &str) -> bool {
    let d = direction(verb);
    d.kind == "supersedes" && d.reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        assert_eq!(direction("Superseded by").kind, "supersedes");
        assert!(direction("Superseded by").reversed);
        assert!(direction("Superceded by").reversed);
        assert_eq!(direction("Supercedes").kind, "supersedes");
        assert!(!direction("Amends").reversed);
        assert!(direction("Relates to").symmetric);
        assert_eq!(direction("Invalidates").kind, "invalidates");
        assert_eq!(direction("Checks").kind, "checks");
    }

    #[test]
    fn ways_of_writing_one_relation() {
        let kind = |v: &str| {
            let d = direction(v);
            (d.kind, d.reversed)
        };
        assert_eq!(kind("Modifica"), ("amends".into(), false));
        assert_eq!(kind("modificada por"), ("amends".into(), true));
        assert_eq!(kind("Änderung an"), ("amends".into(), false));
        assert_eq!(kind("Änderungen an"), ("amends".into(), false));
        assert_eq!(kind("Consequence of"), ("consequence of".into(), false));
        assert_eq!(kind("follows from"), ("consequence of".into(), false));
        assert_eq!(kind("Builds on"), ("extends".into(), false));
        assert_eq!(kind("Is built on by"), ("extends".into(), true));
        assert_eq!(kind("Заменено на"), ("supersedes".into(), true));
        assert_eq!(kind("Zastępuje"), ("supersedes".into(), false));
        assert!(!expects_answer("Consequence of"));
        assert_eq!(
            kind("in part supersedes"),
            ("partially supersedes".into(), false)
        );
        assert_eq!(
            kind("Partially supersedes"),
            ("partially supersedes".into(), false)
        );
        assert_eq!(
            kind("supersedes some aspects of"),
            ("partially supersedes".into(), false)
        );
        assert_eq!(
            kind("Partly superseded by"),
            ("partially supersedes".into(), true)
        );
        assert_eq!(kind("supersede"), ("supersedes".into(), false));
        assert_eq!(kind("Partly Undo"), ("partially undoes".into(), false));
        assert_eq!(
            kind("Supersedes in part"),
            ("partially supersedes".into(), false)
        );
        assert_eq!(kind("undo"), ("undoes".into(), false));
        assert_eq!(
            kind("Rejected in favour of"),
            ("rejected in favour of".into(), false)
        );
        assert_eq!(
            kind("marked as rejected in favor of"),
            ("rejected in favour of".into(), false)
        );
        assert_eq!(kind("is an addendum to"), ("amends".into(), false));
        assert_eq!(kind("adds to"), ("extends".into(), false));
        assert!(direction("is a follow-up to").symmetric);
        assert!(direction("is highly linked to").symmetric);
        assert!(direction("See also").symmetric);
        assert!(direction("superseded-by").reversed);
        assert!(direction("relates-to").symmetric);
        assert_eq!(direction("follow-up to").kind, "relates to");
        assert_eq!(direction("of").kind, "of");
        assert!(!is_known("of"));
        assert!(!is_known("Tracking issue"));
        assert!(is_known("Refines"));
    }

    #[test]
    fn the_same_relations_in_other_languages() {
        let kind = |v: &str| {
            let d = direction(v);
            (d.kind, d.reversed, d.symmetric)
        };
        let is = |k: &str, reversed: bool| (k.to_string(), reversed, false);
        assert_eq!(kind("Depende de"), is("depends on", false));
        assert_eq!(kind("dépend de la"), is("depends on", false));
        assert_eq!(kind("Habilita"), is("enables", false));
        assert_eq!(kind("Enabled by"), is("enables", true));
        assert_eq!(kind("Reemplaza a"), is("supersedes", false));
        assert_eq!(kind("Substitui o"), is("supersedes", false));
        assert_eq!(kind("Substituído por"), is("supersedes", true));
        assert_eq!(kind("SUBSTITUIDO POR"), is("supersedes", true));
        assert_eq!(kind("Abgelöst durch"), is("supersedes", true));
        assert_eq!(kind("Ersetzt"), is("supersedes", false));
        assert_eq!(kind("Erweitert"), is("extends", false));
        assert_eq!(kind("modifié par"), is("amends", true));
        assert_eq!(kind("Conséquence de"), is("consequence of", false));
        assert!(direction("Relacionado com").symmetric);
        assert!(direction("vedi anche").symmetric);
        assert!(direction("Véase también").symmetric);
        // A single word must be written as listed: `remplacé` is not
        // `remplace` with its accent lost.
        assert_eq!(kind("Remplace"), is("supersedes", false));
        assert!(!is_known("Remplacé"));
        assert_eq!(reverse("Habilita").as_deref(), Some("Enabled by"));
        assert_eq!(reverse("enables").as_deref(), Some("enabled by"));
    }

    #[test]
    fn reverses() {
        assert_eq!(reverse("Amends").as_deref(), Some("Amended by"));
        assert_eq!(reverse("amended by").as_deref(), Some("amends"));
        assert_eq!(reverse("Relates to").as_deref(), Some("Relates to"));
        assert_eq!(reverse("Supersedes").as_deref(), Some("Superseded by"));
        assert_eq!(reverse("Supercedes").as_deref(), Some("Superceded by"));
        assert_eq!(
            reverse("partially supersedes").as_deref(),
            Some("partially superseded by")
        );
        assert_eq!(
            reverse("rejected in favour of").as_deref(),
            Some("chosen over")
        );
        assert_eq!(reverse("undoes").as_deref(), Some("undone by"));
        assert_eq!(reverse("Checks"), None);
    }
}
