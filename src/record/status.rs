//! Status values: the text as written and what it means.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

/// The normalised meaning of a status.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusKind {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    /// Any other status, lower-cased (`draft`, `on hold`, `implemented`…).
    Custom(String),
    /// Not a status: an unfilled template choice (`{Proposed|Accepted}`),
    /// a placeholder or a whole sentence. The text is kept in [`Status`].
    Unknown,
}

impl StatusKind {
    /// Reads a status word as a user types it on the command line.
    pub fn parse(word: &str) -> Self {
        normalise(word)
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Proposed => "proposed",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
            Self::Deprecated => "deprecated",
            Self::Superseded => "superseded",
            Self::Custom(word) => word,
            Self::Unknown => "unknown",
        }
    }
}

impl fmt::Display for StatusKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StatusKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A record's status: the raw text kept, and its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The status as written, decoration removed (`⌛️ Superseded by [..](..)`
    /// keeps `Superseded by [..](..)`).
    pub text: String,
    pub kind: StatusKind,
    /// 1-based line where the status was found.
    pub line: usize,
}

impl Status {
    pub fn new(text: &str, line: usize) -> Self {
        // The meaning is read from the text as written: the choices of
        // `**A** | **B**` are told apart by their marks.
        let kind = normalise(text);
        let text = strip_value(text).to_string();
        Self { text, kind, line }
    }
}

/// Removes what people wrap a status in: blockquote marks, list bullets,
/// emoji (with or without U+FE0F), bold, italics and backticks.
pub fn strip_decoration(text: &str) -> &str {
    let mut s = text.trim();
    loop {
        let before = s;
        s = s.trim_start_matches(|c: char| {
            c == '>' || c.is_whitespace() || is_symbol(c) || c == '\u{fe0f}'
        });
        // `- Accepted` as a Status section's one list item.
        if let Some(item) = s
            .strip_prefix(['-', '+'])
            .filter(|rest| rest.starts_with(char::is_whitespace))
        {
            s = item;
        }
        for wrapper in ["**", "__", "`", "*", "_"] {
            if let Some(inner) = s.strip_prefix(wrapper) {
                s = inner.strip_suffix(wrapper).unwrap_or(inner);
            }
        }
        // `"accepté"`, `“Accepted”`: a quoted value (YAML-like bullets).
        for (open, close) in [('"', '"'), ('“', '”'), ('\'', '\'')] {
            if let Some(inner) = s.strip_prefix(open).and_then(|i| i.strip_suffix(close)) {
                s = inner;
            }
        }
        s = badge_alt(s);
        s = shortcode(s);
        s = s.trim();
        if s == before {
            return s;
        }
    }
}

/// `:accepted:`: a status written as an emoji shortcode, which sites
/// render as a badge, says its status between the colons.
fn shortcode(text: &str) -> &str {
    match text.strip_prefix(':').and_then(|t| t.strip_suffix(':')) {
        Some(inner)
            if !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-')) =>
        {
            inner
        }
        _ => text,
    }
}

/// `![Accepted](https://img.shields.io/badge/…)`: a status shown as a badge
/// image says its status in the alt text, or, when the alt text is not a
/// status (`![ADR](https://badgen.net/badge/ADR/proposed/orange)`), in a
/// part of the badge's address that is a status word. A badge may be a
/// link (`[![…](…)](…)`).
fn badge_alt(text: &str) -> &str {
    let linked = text.starts_with("[![");
    let Some(rest) = text.strip_prefix("![").or_else(|| text.strip_prefix("[![")) else {
        return text;
    };
    let Some(end) = rest.find(']') else {
        return text;
    };
    let (alt, after) = (rest[..end].trim(), &rest[end + 1..]);
    let Some(address) = after.strip_prefix('(') else {
        return text;
    };
    let address = address.split([')', ' ']).next().unwrap_or("");
    if alt_is_status(alt) {
        return alt;
    }
    let path = address.split_once("://").map_or(address, |(_, p)| p);
    let word = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .split(['/', '-', '_'])
        .skip(1)
        .find(|part| word_kind(&part.to_lowercase()).is_some());
    match word {
        Some(word) => word,
        // A linked badge saying no status is left whole, as before.
        None if alt.is_empty() || linked => text,
        None => alt,
    }
}

/// Whether a badge's alt text is a status word, or a phrase one opens.
fn alt_is_status(alt: &str) -> bool {
    let lower = alt.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    word_kind(first).is_some() || phrase_kind(&lower).is_some()
}

/// A status value without its decoration, and without the link or
/// brackets it may be written in.
fn strip_value(text: &str) -> &str {
    let plain = strip_decoration(text);
    let inner = link_text(plain);
    if inner.len() == plain.len() {
        plain
    } else {
        strip_decoration(inner)
    }
}

/// `[Accepted](https://…/pull/12)`, `[Approved]`: a status written as a
/// link (to the review that settled it) or in brackets says its status in
/// the text between them. A list of choices (`[ a | b ]`) is left whole.
fn link_text(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('[') else {
        return text;
    };
    let Some(end) = rest.find(']') else {
        return text;
    };
    let (inner, after) = (rest[..end].trim(), &rest[end + 1..]);
    let whole = after.is_empty()
        || (after.len() > 1
            && after.starts_with('(')
            && after.ends_with(')')
            && !after[1..after.len() - 1].contains(')'));
    if !whole || inner.is_empty() || inner.contains(['|', '[']) {
        return text;
    }
    inner
}

/// Whether a status value is the template's list of choices, never filled
/// in (`[ accepted | superseded by [xxx](yyyymmdd-xxx.md) ]`): the links
/// in it are the template's examples, not relations.
pub(crate) fn is_unfilled(text: &str) -> bool {
    let lower = strip_value(text).to_lowercase();
    let lower = lower.replace(['*', '`'], "");
    is_template_choice(lower.trim())
        && chosen(text.trim()).is_none()
        && word_before_choices(lower.trim()).is_none()
}

/// `Proposed [Proposed, Accepted, Rejected, …]`: the value written before
/// the template's choices, which were left in place beside it.
fn word_before_choices(lower: &str) -> Option<StatusKind> {
    let open = lower.find(['[', '('])?;
    let (head, choices) = (lower[..open].trim(), &lower[open..]);
    let kind = word_kind(head)?;
    is_template_choice(choices.trim_matches(['[', ']', '(', ')'])).then_some(kind)
}

/// `Vorgeschlagen | **Akzeptiert** | Abgelehnt`: the template's choices
/// with the one that holds marked in bold. `None` unless exactly one is.
fn chosen(text: &str) -> Option<&str> {
    let mut bold = text
        .split(['|', '/', ','])
        .map(str::trim)
        .filter(|part| part.len() > 4 && part.starts_with("**") && part.ends_with("**"));
    let one = bold.next()?;
    bold.next().is_none().then(|| &one[2..one.len() - 2])
}

/// Emoji and pictographs that decorate statuses: anything that is neither
/// a letter, a digit, an opening bracket nor ordinary punctuation.
fn is_symbol(c: char) -> bool {
    !(c.is_alphanumeric() || c.is_ascii() || matches!(c, '«' | '“' | '‘'))
}

/// Status words in the languages ADRs are written in, by meaning
/// (English, French with and without accents, German, Norwegian, Spanish,
/// Portuguese, Italian, Dutch, Russian, Chinese, Japanese, Korean,
/// Vietnamese, whose words are phrases: `đã chấp nhận`).
const WORDS: &[(&[&str], StatusKind)] = &[
    (
        &[
            "proposed",
            "proposé",
            "proposée",
            "proposee",
            "propose",
            "vorgeschlagen",
            "foreslått",
            "propuesto",
            "propuesta",
            "proposto",
            "proposta",
            "voorgesteld",
            "предложено",
            "提议",
            "已提议",
            "建议",
            "提案",
            "제안됨",
            "đề xuất",
            "được đề xuất",
            "предложен",
            "предложена",
            "запропоновано",
            "zaproponowany",
            "zaproponowana",
            "proponowany",
            "navrženo",
            "navržený",
            "navrhovaný",
            "navrhnuté",
            "föreslagen",
            "föreslaget",
            "foreslået",
            "ehdotettu",
            "önerildi",
            "önerilen",
            "diusulkan",
            "javasolt",
            "propus",
            "propusă",
            "proposat",
            "proposada",
            "提議",
            "已提議",
            "提案中",
            "제안",
        ],
        StatusKind::Proposed,
    ),
    (
        &[
            "accepted",
            "accepté",
            "acceptée",
            "acceptee",
            "accepte",
            "akzeptiert",
            "angenommen",
            "akseptert",
            "aceptado",
            "aceptada",
            "aceito",
            "aceita",
            "accettato",
            "accettata",
            "geaccepteerd",
            "принято",
            "принят",
            "已接受",
            "接受",
            "承認",
            "승인됨",
            "đã chấp nhận",
            "chấp nhận",
            "принята",
            "прийнято",
            "прийняте",
            "zaakceptowany",
            "zaakceptowana",
            "zaakceptowane",
            "przyjęty",
            "przyjęta",
            "przyjęte",
            "přijato",
            "přijatý",
            "prijaté",
            "aanvaard",
            "aangenomen",
            "accepterad",
            "accepterat",
            "accepteret",
            "vedtaget",
            "vedtatt",
            "hyväksytty",
            "kabul edildi",
            "kabul",
            "diterima",
            "elfogadva",
            "elfogadott",
            "acceptat",
            "acceptată",
            "acceptada",
            "已采纳",
            "采纳",
            "已通过",
            "已採納",
            "採納",
            "承認済み",
            "採用",
            "採択",
            "수락됨",
            "채택됨",
            "채택",
        ],
        StatusKind::Accepted,
    ),
    (
        &[
            "rejected",
            "rejeté",
            "rejetée",
            "rejete",
            "rejetee",
            "abgelehnt",
            "avvist",
            "rechazado",
            "rechazada",
            "rejeitado",
            "rejeitada",
            "rifiutato",
            "rifiutata",
            "afgewezen",
            "отклонено",
            "已拒绝",
            "拒绝",
            "却下",
            "거부됨",
            "từ chối",
            "bị từ chối",
            "отклонён",
            "отклонен",
            "отклонена",
            "отвергнуто",
            "відхилено",
            "odrzucony",
            "odrzucona",
            "odrzucone",
            "zamítnuto",
            "zamítnutý",
            "zamietnuté",
            "verworpen",
            "avvisad",
            "avslagen",
            "afvist",
            "avslått",
            "hylätty",
            "reddedildi",
            "ditolak",
            "elutasítva",
            "elutasított",
            "respins",
            "respinsă",
            "rebutjat",
            "rebutjada",
            "已否决",
            "否决",
            "已驳回",
            "已拒絕",
            "拒絕",
            "已否決",
            "却下済み",
            "不採用",
            "棄却",
            "거절됨",
            "반려됨",
        ],
        StatusKind::Rejected,
    ),
    (
        &[
            "deprecated",
            "déprécié",
            "dépréciée",
            "deprecie",
            "depreciee",
            "obsolète",
            "veraltet",
            "obsoleto",
            "obsoleta",
            "deprecato",
            "deprecata",
            "verouderd",
            "устарело",
            "已弃用",
            "弃用",
            "廃止",
            "không còn dùng",
            "ngừng sử dụng",
            "устарел",
            "устарела",
            "устаревший",
            "застаріло",
            "przestarzały",
            "przestarzała",
            "wycofany",
            "wycofana",
            "zastaralé",
            "zastaralý",
            "föråldrad",
            "utfasad",
            "forældet",
            "udfaset",
            "utdatert",
            "foreldet",
            "vanhentunut",
            "usang",
            "elavult",
            "depreciat",
            "învechit",
            "obsolet",
            "已废弃",
            "废弃",
            "已过时",
            "已棄用",
            "棄用",
            "已廢棄",
            "廢棄",
            "非推奨",
            "廃止済み",
            "폐기됨",
            "사용 중단",
        ],
        StatusKind::Deprecated,
    ),
    (
        &[
            "superseded",
            "superceded",
            "remplacé",
            "remplacée",
            "remplacee",
            "ersetzt",
            "abgelöst",
            "erstattet",
            "reemplazado",
            "reemplazada",
            "sustituido",
            "sustituida",
            "substituído",
            "substituída",
            "sostituito",
            "sostituita",
            "vervangen",
            "заменено",
            "已取代",
            "已替代",
            "取代",
            "已被取代",
            "bị thay thế",
            "đã bị thay thế",
            "заменён",
            "заменен",
            "заменена",
            "замещено",
            "замінено",
            "zastąpiony",
            "zastąpiona",
            "zastąpione",
            "nahrazeno",
            "nahrazený",
            "nahradené",
            "ersatt",
            "ersatts",
            "korvattu",
            "digantikan",
            "felváltva",
            "înlocuit",
            "înlocuită",
            "substituït",
            "已替换",
            "被取代",
            "已被替代",
            "置き換え済み",
            "置換済み",
            "대체됨",
        ],
        StatusKind::Superseded,
    ),
];

/// Statuses beyond the five, in the languages of [`WORDS`], as their
/// English word: `Aprobado` is the `approved` another log writes.
const CUSTOM: &[(&[&str], &str)] = &[
    (
        &[
            "aprobado",
            "aprobada",
            "aprovado",
            "aprovada",
            "approuvé",
            "approuvée",
            "genehmigt",
            "approvato",
            "approvata",
            "goedgekeurd",
            "одобрено",
            "утверждено",
            "затверджено",
            "zatwierdzony",
            "zatwierdzona",
            "schváleno",
            "schválený",
            "godkänd",
            "godkendt",
            "godkjent",
            "onaylandı",
            "disetujui",
            "jóváhagyva",
            "aprobat",
            "aprovat",
            "已批准",
            "批准",
        ],
        "approved",
    ),
    (
        &[
            "implementado",
            "implementada",
            "implémenté",
            "implémentée",
            "implementiert",
            "umgesetzt",
            "implementato",
            "implementata",
            "geïmplementeerd",
            "реализовано",
            "внедрено",
            "реалізовано",
            "wdrożony",
            "wdrożona",
            "zaimplementowany",
            "implementováno",
            "implementerad",
            "implementeret",
            "implementert",
            "toteutettu",
            "uygulandı",
            "diimplementasikan",
            "implementat",
            "已实现",
            "已实施",
            "已實施",
            "実装済み",
            "구현됨",
        ],
        "implemented",
    ),
    (
        &[
            "borrador",
            "rascunho",
            "brouillon",
            "entwurf",
            "bozza",
            "concept",
            "черновик",
            "чернетка",
            "szkic",
            "koncept",
            "utkast",
            "luonnos",
            "taslak",
            "draf",
            "vázlat",
            "ciornă",
            "esborrany",
            "草稿",
            "草案",
            "下書き",
            "초안",
        ],
        "draft",
    ),
];

fn translated(word: &str) -> Option<&'static str> {
    CUSTOM
        .iter()
        .find(|(words, _)| words.contains(&word))
        .map(|(_, english)| *english)
}

/// Status words of one word, by meaning: every status is asked, so the
/// word lists are looked up in one map rather than scanned.
static WORD_KINDS: LazyLock<HashMap<&'static str, StatusKind>> = LazyLock::new(|| {
    WORDS
        .iter()
        .flat_map(|(words, kind)| {
            words
                .iter()
                .filter(|w| !w.contains(' '))
                .map(move |w| (*w, kind.clone()))
        })
        .collect()
});

/// Status words of several words (`đã chấp nhận`, `kabul edildi`).
static PHRASE_KINDS: LazyLock<Vec<(&'static str, StatusKind)>> = LazyLock::new(|| {
    WORDS
        .iter()
        .flat_map(|(words, kind)| {
            words
                .iter()
                .filter(|w| w.contains(' '))
                .map(move |w| (*w, kind.clone()))
        })
        .collect()
});

/// The meaning of one status word, if it is a known one.
fn word_kind(word: &str) -> Option<StatusKind> {
    WORD_KINDS.get(word).cloned()
}

/// The meaning of a status word of several words (`đã chấp nhận`,
/// `bị thay thế bởi ADR-3`) that `phrase` opens with.
fn phrase_kind(phrase: &str) -> Option<StatusKind> {
    PHRASE_KINDS
        .iter()
        .find(|(w, _)| {
            phrase.starts_with(w)
                && phrase[w.len()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map(|(_, kind)| kind.clone())
}

/// Maps a status text to its meaning by its leading words. Template
/// choices and sentences are [`StatusKind::Unknown`].
pub fn normalise(text: &str) -> StatusKind {
    let lower = strip_value(text).to_lowercase();
    // `**Approved** (by vote)`: emphasis inside the text is not a word.
    let lower = lower.replace(['*', '`'], "");
    let lower = without_leading_date(lower.trim());
    if let Some(kind) = word_before_choices(lower) {
        return kind;
    }
    if is_template_choice(lower) {
        // Marks are looked for in the text as written: stripping the
        // decoration would take the first `**` of `**A** | **B**`.
        return match chosen(text.trim()) {
            Some(choice) if !is_template_choice(&choice.to_lowercase()) => normalise(choice),
            _ => StatusKind::Unknown,
        };
    }
    let phrase = lower
        // A note in full-width brackets (`proposed（待确认）`) is cut like `(`.
        .split([
            '(', '[', '.', ';', ':', ',', '!', '—', '–', '\n', '（', '【', '：', '，', '。', '；',
            '！',
        ])
        .next()
        .unwrap_or("")
        .split(" - ")
        .next()
        .unwrap_or("")
        .trim();
    // `approved by @someone`: who did it is not part of the status.
    let phrase = [" by ", " @", " in favour", " in favor", " on ", " since "]
        .iter()
        .fold(phrase, |p, cut| p.split(cut).next().unwrap_or(p))
        .trim();
    // `Implemented in [!4678](…)`: the cut at the link leaves the word
    // that led to it.
    // Before `fill in` loses its `in` below.
    let instruction = is_instruction(phrase);
    let phrase = [" in", " at", " via", " with"]
        .iter()
        .find_map(|w| phrase.strip_suffix(w))
        .unwrap_or(phrase)
        .trim();
    // `Partly superseded by [ADR-12](…)`, `Ersetzt durch …`: the cut at the
    // link leaves the preposition that named the other record, which is
    // no part of the status.
    let phrase = RELATION_PREPOSITIONS
        .iter()
        .find_map(|w| phrase.strip_suffix(w))
        .unwrap_or(phrase)
        .trim();
    let first = phrase.split_whitespace().next().unwrap_or("");
    if let Some(kind) = word_kind(first).or_else(|| phrase_kind(phrase)) {
        return kind;
    }
    if states_a_relation(phrase) {
        return StatusKind::Unknown;
    }
    if chinese_passive_superseded(phrase) {
        return StatusKind::Superseded;
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    // A sentence, punctuation alone (`...`) or the template's instruction
    // (`[change when approved]`) says no status.
    if words.len() > 3 || !phrase.chars().any(char::is_alphanumeric) || instruction {
        return StatusKind::Unknown;
    }
    if let [word] = words.as_slice() {
        if let Some(english) = translated(word) {
            return StatusKind::Custom(english.to_string());
        }
        if let Some(kind) = misspelt(word) {
            return kind;
        }
    }
    StatusKind::Custom(words.join(" "))
}

/// `Status: partially supersedes [ADR-3]`: the place of the status holds
/// what the record does to another, which says no status of its own.
fn states_a_relation(phrase: &str) -> bool {
    let phrase = ["partially ", "partly ", "in part "]
        .iter()
        .find_map(|q| phrase.strip_prefix(q))
        .unwrap_or(phrase);
    let mut words = phrase.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let two = format!("{first} {}", words.next().unwrap_or_default());
    [first, two.as_str()].iter().any(|verb| {
        crate::graph::verb::is_known(verb) && !crate::graph::verb::direction(verb).reversed
    })
}

/// `Acceepted`, `Aproved`, `Supresseded`: a long status word one letter
/// off. Short words are left alone: one letter turns `closed` into
/// `cloned`.
fn misspelt(word: &str) -> Option<StatusKind> {
    let length = word.chars().count();
    if length < 7 {
        return None;
    }
    let mut kinds = WORD_KINDS
        .iter()
        .filter(|(known, _)| super::one_letter_off(known, word));
    let (_, kind) = kinds.next()?;
    // A word one letter from two meanings says neither.
    kinds.all(|(_, other)| other == kind).then(|| kind.clone())
}

/// `2020-03-25 accepted`, `12/05/2021: Proposed`: a status line that opens
/// with the day it was reached says its status after the date. Only a
/// line starting with a digit is tried: most statuses start with a word.
fn without_leading_date(lower: &str) -> &str {
    if !lower.starts_with(|c: char| c.is_ascii_digit()) {
        return lower;
    }
    let Some((_, len)) = super::date::leading(lower) else {
        return lower;
    };
    let rest = lower[len..].trim_start_matches([':', '-', '–', '—', ',', ' ']);
    if rest.starts_with(char::is_alphabetic) {
        rest
    } else {
        lower
    }
}

/// `被 ADR-045 取代`, `被 ADR 7 替代`: Chinese says "superseded by X" in the
/// passive, the verb after the record it names.
pub(crate) fn chinese_passive_superseded(phrase: &str) -> bool {
    phrase.strip_prefix('被').is_some_and(|rest| {
        let rest = rest.trim_end();
        ["取代", "替代", "代替", "替换"]
            .iter()
            .any(|verb| rest.ends_with(verb) && rest.len() > verb.len())
    })
}

/// `change when approved`, `fill in`, `update once decided`: the
/// template telling its writer what to put there, an imperative verb then
/// a word that says when or what. `Change requested` is a status.
fn is_instruction(phrase: &str) -> bool {
    const VERBS: &[&str] = &[
        "change", "update", "fill", "replace", "insert", "enter", "choose", "select", "pick",
        "describe", "specify", "set", "write", "add", "edit",
    ];
    const THEN: &[&str] = &[
        "when", "once", "after", "before", "if", "in", "this", "here", "me", "the", "one", "to",
        "as",
    ];
    let mut words = phrase.split_whitespace();
    match (words.next(), words.next()) {
        (Some(verb), Some(then)) => VERBS.contains(&verb) && THEN.contains(&then),
        _ => false,
    }
}

/// The prepositions a relation used as a status ends with before the
/// record it names: `superseded by`, `ersetzt durch`, `remplacé par`,
/// `reemplazado por`, `sostituito da`, `vervangen door`, `thay thế bởi`.
const RELATION_PREPOSITIONS: &[&str] = &[
    " by", " durch", " par", " por", " da", " door", " bởi", " przez", " av", " af", " med", " на",
    " oleh", " de", " per",
];

/// `{Deprecated|Proposed|Accepted}`, `[ accepted | superseded by … ]`,
/// `Accepted or Rejected`, `RFC by dd/mm/YYYY, Proposed, In Discussion…`:
/// the template's list of choices, never filled in.
fn is_template_choice(lower: &str) -> bool {
    if lower.starts_with('{') || (lower.starts_with('[') && lower.contains('|')) {
        return true;
    }
    let mut kinds = Vec::new();
    for part in lower.split(['|', ',', '/']).flat_map(|p| p.split(" or ")) {
        let word = part
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .split_whitespace()
            .next()
            .unwrap_or("");
        if let Some(kind) = word_kind(word)
            && !kinds.contains(&kind)
        {
            kinds.push(kind);
        }
    }
    kinds.len() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words() {
        assert_eq!(normalise("Accepted"), StatusKind::Accepted);
        assert_eq!(normalise("PROPOSED"), StatusKind::Proposed);
        assert_eq!(normalise("Proposed."), StatusKind::Proposed);
        assert_eq!(
            normalise("Superseded by [3. A](0003-a.md)"),
            StatusKind::Superseded
        );
        assert_eq!(
            normalise("Superceded by [3. A](0003-a.md)"),
            StatusKind::Superseded
        );
        assert_eq!(
            normalise("Rejected in favour of ADR 111"),
            StatusKind::Rejected
        );
        assert_eq!(
            normalise("accepted; supersedes ADR-0045"),
            StatusKind::Accepted
        );
    }

    #[test]
    fn status_words_of_more_languages() {
        let cases = [
            ("Предложен", StatusKind::Proposed),
            ("Odrzucony", StatusKind::Rejected),
            ("Přijato", StatusKind::Accepted),
            ("Föråldrad", StatusKind::Deprecated),
            ("Korvattu [ADR 3](0003-a.md)", StatusKind::Superseded),
            (
                "Zastąpiony przez [ADR 3](0003-a.md)",
                StatusKind::Superseded,
            ),
            ("Ersatt av ADR 3", StatusKind::Superseded),
            ("Kabul edildi", StatusKind::Accepted),
            ("已否决", StatusKind::Rejected),
            ("非推奨", StatusKind::Deprecated),
            ("대체됨", StatusKind::Superseded),
        ];
        for (text, kind) in cases {
            assert_eq!(normalise(text), kind, "{text}");
        }
        assert_eq!(normalise("Черновик"), StatusKind::Custom("draft".into()));
        assert_eq!(normalise("Godkänd"), StatusKind::Custom("approved".into()));
    }

    #[test]
    fn statuses_after_a_date_in_badges_and_in_chinese() {
        assert_eq!(normalise("2021-06-01 accepted"), StatusKind::Accepted);
        assert_eq!(normalise("2021-06-01: Proposed"), StatusKind::Proposed);
        assert_eq!(
            Status::new("2021-06-01 accepted", 3).text,
            "2021-06-01 accepted"
        );
        assert_eq!(
            normalise("2021-06-01"),
            StatusKind::Custom("2021-06-01".into())
        );
        assert_eq!(
            normalise("![ADR](https://badgen.net/badge/ADR/rejected/red)"),
            StatusKind::Rejected
        );
        assert_eq!(
            normalise(
                "[![A badge](https://img.shields.io/badge/status-accepted-green)](../README.md)"
            ),
            StatusKind::Accepted
        );
        assert_eq!(
            normalise("![Deprecated](https://img.shields.io/badge/x-y-grey)"),
            StatusKind::Deprecated
        );
        // A linked badge that says no status is not read as one.
        assert_eq!(
            normalise("[![Build](https://img.shields.io/badge/build-passing-green)](ci)"),
            StatusKind::Unknown
        );
        assert_eq!(normalise("建议。"), StatusKind::Proposed);
        assert_eq!(normalise("接受"), StatusKind::Accepted);
        assert_eq!(normalise("弃用"), StatusKind::Deprecated);
        assert_eq!(normalise("被 ADR-12 取代"), StatusKind::Superseded);
        assert_eq!(normalise("被ADR 3替代"), StatusKind::Superseded);
        assert!(!chinese_passive_superseded("被取代"));
    }

    #[test]
    fn statuses_written_as_links_or_in_brackets() {
        assert_eq!(
            normalise("[Accepted](https://example.org/pull/7)"),
            StatusKind::Accepted
        );
        assert_eq!(
            normalise("[Deprecated](../reviews/12)"),
            StatusKind::Deprecated
        );
        assert_eq!(
            normalise("[Approved]"),
            StatusKind::Custom("approved".into())
        );
        assert_eq!(
            Status::new("[Accepted](https://example.org/x)", 3).text,
            "Accepted"
        );
        // Choices in brackets are still the template's, and a link that is
        // followed by more words is not the whole status.
        assert_eq!(normalise("[ accepted | rejected ]"), StatusKind::Unknown);
        assert_eq!(
            normalise("[Superseded](x.md) by the move to queues"),
            StatusKind::Unknown
        );
        assert!(is_unfilled(
            "[ accepted | superseded by [xxx](yyyymmdd-xxx.md)]"
        ));
        assert!(!is_unfilled("Proposed | **Accepted** | Rejected"));
        assert!(!is_unfilled("Superseded by [4. B](0004-b.md)"));
    }

    #[test]
    fn decorations() {
        assert_eq!(normalise("✅ Accepted"), StatusKind::Accepted);
        assert_eq!(
            normalise("⌛️ Superseded by [36](x.md)"),
            StatusKind::Superseded
        );
        assert_eq!(normalise("⌛ Superseded"), StatusKind::Superseded);
        assert_eq!(normalise("> Accepted"), StatusKind::Accepted);
        assert_eq!(normalise("`Rejected`"), StatusKind::Rejected);
        assert_eq!(normalise("**rejected**"), StatusKind::Rejected);
        assert_eq!(strip_decoration("🤔 Proposed"), "Proposed");
        assert_eq!(normalise(":accepted:"), StatusKind::Accepted);
        assert_eq!(normalise("Proposed: see below"), StatusKind::Proposed);
        assert_eq!(normalise("proposed（待确认）"), StatusKind::Proposed);
        assert_eq!(normalise("accepted【2026-09-19】"), StatusKind::Accepted);
    }

    #[test]
    fn custom_words_are_lower_cased() {
        assert_eq!(normalise("Draft."), StatusKind::Custom("draft".into()));
        assert_eq!(normalise("on hold"), StatusKind::Custom("on hold".into()));
        assert_eq!(
            normalise("In Review."),
            StatusKind::Custom("in review".into())
        );
        assert_eq!(
            normalise("Implemented (moved to cosmos-sdk)"),
            StatusKind::Custom("implemented".into())
        );
        assert_eq!(
            normalise("Approved by @rogerhutchings, @shaun."),
            StatusKind::Custom("approved".into())
        );
        assert_eq!(normalise("accepté"), StatusKind::Accepted);
        assert_eq!(
            normalise("Partly superseded"),
            StatusKind::Custom("partly superseded".into())
        );
    }

    #[test]
    fn words_in_other_languages() {
        assert_eq!(normalise("Aceptado"), StatusKind::Accepted);
        assert_eq!(normalise("angenommen"), StatusKind::Accepted);
        assert_eq!(normalise("Abgelehnt"), StatusKind::Rejected);
        assert_eq!(
            normalise("remplacée par [ADR-5](5.md)"),
            StatusKind::Superseded
        );
        assert_eq!(normalise("Propuesto"), StatusKind::Proposed);
        assert_eq!(normalise("Aprobado"), StatusKind::Custom("approved".into()));
        assert_eq!(normalise("Entwurf"), StatusKind::Custom("draft".into()));
        assert_eq!(normalise("Acceepted"), StatusKind::Accepted);
        assert_eq!(
            normalise("partially superseeds [ADR-0003]"),
            StatusKind::Unknown
        );
        assert_eq!(normalise("Amends ADR-2"), StatusKind::Unknown);
        assert_eq!(normalise("Supercseded"), StatusKind::Superseded);
        assert_eq!(normalise("Prposed"), StatusKind::Proposed);
        assert_eq!(
            normalise("Reviewing"),
            StatusKind::Custom("reviewing".into())
        );
        assert_eq!(normalise("_Akzeptiert_"), StatusKind::Accepted);
        assert_eq!(normalise("Принято"), StatusKind::Accepted);
        assert_eq!(normalise("Заменено"), StatusKind::Superseded);
        assert_eq!(
            normalise("Đã chấp nhận (2026-01-02, đã duyệt)"),
            StatusKind::Accepted
        );
        assert_eq!(normalise("Đề xuất"), StatusKind::Proposed);
        assert_eq!(normalise("Bị từ chối"), StatusKind::Rejected);
        assert_eq!(normalise("Không còn dùng"), StatusKind::Deprecated);
        assert_eq!(
            normalise("Bị thay thế bởi ADR-0009"),
            StatusKind::Superseded
        );
    }

    #[test]
    fn a_relation_used_as_a_status_loses_its_preposition() {
        let custom = |s: &str| StatusKind::Custom(s.into());
        assert_eq!(
            normalise("Partly superseded by [ADR-12](0012-x.md)"),
            custom("partly superseded")
        );
        assert_eq!(
            normalise("Amended by [ADR-3](0003-x.md)"),
            custom("amended")
        );
        assert_eq!(
            normalise("Partly superseded by ADR-12"),
            custom("partly superseded")
        );
        assert_eq!(
            normalise("Ersetzt durch [ADR-2](0002-x.md)"),
            StatusKind::Superseded
        );
        assert_eq!(
            normalise("Teilweise ersetzt durch [2](0002-x.md)"),
            custom("teilweise ersetzt")
        );
        assert_eq!(normalise("on hold"), custom("on hold"));
    }

    #[test]
    fn template_instructions_say_no_status() {
        assert_eq!(normalise("[change when approved]"), StatusKind::Unknown);
        assert_eq!(normalise("Update when accepted"), StatusKind::Unknown);
        assert_eq!(normalise("fill in"), StatusKind::Unknown);
        let custom = |s: &str| StatusKind::Custom(s.into());
        assert_eq!(normalise("Draft"), custom("draft"));
        assert_eq!(normalise("In review"), custom("in review"));
        assert_eq!(normalise("On hold"), custom("on hold"));
        assert_eq!(normalise("Change requested"), custom("change requested"));
    }

    #[test]
    fn a_value_written_before_the_templates_choices() {
        let kept = "Accepted [Proposed, Accepted, Rejected, Superseded]";
        assert_eq!(normalise(kept), StatusKind::Accepted);
        assert!(!is_unfilled(kept));
        let unfilled = "[Proposed, Accepted, Rejected, Superseded]";
        assert_eq!(normalise(unfilled), StatusKind::Unknown);
        assert_eq!(normalise("Rejected (see the notes)"), StatusKind::Rejected);
    }

    #[test]
    fn emphasis_inside_the_text() {
        assert_eq!(
            normalise("**Approved** (by vote, 5 to 2)"),
            StatusKind::Custom("approved".into())
        );
        assert_eq!(
            normalise("**Accepted** on 2020-01-01"),
            StatusKind::Accepted
        );
    }

    #[test]
    fn badges_quotes_and_marked_choices() {
        assert_eq!(
            normalise("![Accepted](https://img.shields.io/badge/adr-accepted-green)"),
            StatusKind::Accepted
        );
        assert_eq!(normalise("\"accepté\""), StatusKind::Accepted);
        assert_eq!(normalise("“Rejected”"), StatusKind::Rejected);
        assert_eq!(
            normalise("Vorgeschlagen | **Akzeptiert** | Abgelehnt | Ersetzt"),
            StatusKind::Accepted
        );
        assert_eq!(
            normalise("**Proposed** | **Accepted** | Rejected"),
            StatusKind::Unknown
        );
        assert_eq!(normalise("![](x.png)"), StatusKind::Unknown);
        assert_eq!(
            normalise("Implemented in [!12](https://example.org/mr/12)"),
            StatusKind::Custom("implemented".into())
        );
        assert_eq!(
            normalise("Work in progress"),
            StatusKind::Custom("work in progress".into())
        );
    }

    #[test]
    fn not_a_status() {
        for text in [
            "{Deprecated|Proposed|Accepted|Declined}",
            "[ accepted | deprecated | superseded by … ]",
            "Accepted or Rejected",
            "proposed | rejected | accepted | deprecated",
            "RFC by dd/mm/YYYY, Proposed, In Discussion, Pending Approval, Withdrawn, Rejected",
            "The two points above have been implemented; the config has an id",
            "Removed from AMP following proof of concept, next steps TBD)",
            "...",
        ] {
            assert_eq!(normalise(text), StatusKind::Unknown, "{text}");
        }
        assert_eq!(
            normalise("Approved/Merged"),
            StatusKind::Custom("approved/merged".into())
        );
        assert_eq!(
            normalise("Partially Accepted"),
            StatusKind::Custom("partially accepted".into())
        );
    }
}
