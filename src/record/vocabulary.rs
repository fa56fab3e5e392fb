//! The words ADRs name their fields and sections with, in the languages
//! they are written in: one list per field, shared by section headings
//! (`## Статус`) and metadata keys (`**Статус:** …`, `| Статус | … |`),
//! so that a language the reader knows in one place it knows in both.
//!
//! Lists hold lower-case names as [`super::sections::name_of`] leaves
//! them. A word that means something else as often as it means the field
//! (`Stand`, `Data`) is in the list whose value must prove it.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Names of the status field.
pub(crate) const STATUS: &[&str] = &[
    "status",
    "decision status",
    "current status",
    "statut",
    "état",
    "etat",
    "estado",
    "estat",
    "stato",
    "stav",
    "stare",
    "állapot",
    "státusz",
    "tila",
    "durum",
    "статус",
    "状态",
    "狀態",
    "状態",
    "ステータス",
    "상태",
    "trạng thái",
];

/// Metadata keys that name the status only when the value is a status
/// word: German `Stand: angenommen` is a status, `Stand: 2020-03-01` an
/// as-of date; Polish and Ukrainian `stan`/`стан` are "state" of anything.
pub(crate) const STATUS_IF_A_STATUS_WORD: &[&str] = &["stand", "stan", "стан"];

/// Names of the date field whatever the value looks like.
pub(crate) const DATE: &[&str] = &[
    "date",
    "created",
    "date created",
    "created on",
    "creation date",
    "decision date",
    "date of decision",
    "decided",
    "decided on",
    "date decided",
];

/// Names of the date field only when the value is a date: `Data` is
/// Portuguese for date and English for data; `Submitted: yes`.
pub(crate) const DATE_IF_A_DATE: &[&str] = &[
    "datum",
    "fecha",
    "data",
    "dato",
    "dátum",
    "дата",
    "päivämäärä",
    "tarih",
    "tanggal",
    "date of submission",
    "submitted",
    "fecha de decisión",
    "fecha de creación",
    "data de criação",
    "data da decisão",
    "date de décision",
    "date de création",
    "erstellt",
    "erstellt am",
    "entschieden am",
    "data decyzji",
    "datum rozhodnutí",
    "beslutsdatum",
    "日期",
    "日付",
    "날짜",
    "ngày",
];

/// Headings that hold the record's title, in logs without a title heading.
pub(crate) const TITLE: &[&str] = &[
    "title",
    "titel",
    "titre",
    "título",
    "titulo",
    "titolo",
    "títol",
    "titlu",
    "tytuł",
    "název",
    "názov",
    "cím",
    "otsikko",
    "başlık",
    "judul",
    "название",
    "заголовок",
    "назва",
    "标题",
    "標題",
    "タイトル",
    "제목",
];

/// Headings of a dated list of the record's changes.
pub(crate) const CHANGELOG: &[&str] = &[
    "changelog",
    "change log",
    "change-log",
    "change history",
    "history",
    "revision history",
    "document history",
    "version history",
    "historique",
    "historique des modifications",
    "änderungshistorie",
    "änderungsprotokoll",
    "versionshistorie",
    "historial de cambios",
    "histórico de alterações",
    "cronologia",
    "wijzigingsgeschiedenis",
    "versiegeschiedenis",
    "ändringshistorik",
    "ændringslog",
    "endringslogg",
    "muutoshistoria",
    "historia zmian",
    "historie změn",
    "değişiklik geçmişi",
    "riwayat perubahan",
    "история изменений",
    "історія змін",
    "変更履歴",
    "改訂履歴",
    "更新履歴",
    "变更记录",
    "变更日志",
    "更新日志",
    "修订记录",
    "變更記錄",
    "修訂記錄",
    "변경 이력",
    "변경 내역",
];

/// Headings of a section of links to other records and documents.
pub(crate) const LINKS: &[&str] = &[
    "links",
    "link",
    "references",
    "reference",
    "related",
    "related decisions",
    "related adrs",
    "related adr",
    "related records",
    "related documents",
    "relations",
    "relationships",
    "relationship to other adrs",
    "relationship to other decisions",
    "see also",
    "more information",
    "further information",
    "further reading",
    "liens",
    "liens connexes",
    "références",
    "voir aussi",
    "décisions liées",
    "verweise",
    "referenzen",
    "siehe auch",
    "verwandte entscheidungen",
    "weiterführende links",
    "referencias",
    "enlaces",
    "decisiones relacionadas",
    "referências",
    "decisões relacionadas",
    "adrs relacionadas",
    "adrs relacionados",
    "relação com outras adrs",
    "relação com outros adrs",
    "relação com outras decisões",
    "relación con otras adrs",
    "relación con otras decisiones",
    "adrs relacionados con",
    "riferimenti",
    "collegamenti",
    "decisioni correlate",
    "vedi anche",
    "referències",
    "enllaços",
    "referințe",
    "legături",
    "verwijzingen",
    "referenties",
    "zie ook",
    "gerelateerde besluiten",
    "länkar",
    "referenser",
    "se även",
    "relaterade beslut",
    "henvisninger",
    "referencer",
    "se også",
    "lenker",
    "referanser",
    "linkit",
    "viitteet",
    "katso myös",
    "linki",
    "odnośniki",
    "powiązane decyzje",
    "zobacz też",
    "zobacz także",
    "odkazy",
    "související rozhodnutí",
    "viz také",
    "hivatkozások",
    "kapcsolódó döntések",
    "bağlantılar",
    "referanslar",
    "ilgili kararlar",
    "tautan",
    "referensi",
    "ссылки",
    "связанные решения",
    "см. также",
    "смотрите также",
    "посилання",
    "пов'язані рішення",
    "参考",
    "参考资料",
    "相关决策",
    "參考",
    "相關決策",
    "参照",
    "関連",
    "関連リンク",
    "参考文献",
    "참고",
    "참고 자료",
    "관련 문서",
    "liên quan",
    "tham khảo",
];

/// Headings of a `## Metadata` block of `- Date:` and `- Status:` bullets.
pub(crate) const METADATA: &[&str] = &["metadata", "meta data", "meta", "document information"];

/// Headings of the options a record weighed: what they say about other
/// records is not what the record does.
pub(crate) const OPTIONS: &[&str] = &[
    "alternatives",
    "alternative approaches",
    "alternatives considered",
    "considered alternatives",
    "considered options",
    "options",
    "options considered",
    "other options",
    "rejected alternatives",
    "pros and cons of the options",
    "pros and cons",
    "alternativen",
    "optionen",
    "options envisagées",
    "alternativer",
    "alternativas",
    "verworfen",
    "verworfene alternativen",
    "betrachtete optionen",
    "options rejetées",
    "alternatives rejetées",
    "рассмотренные варианты",
    "альтернативы",
    "rozważane opcje",
    "alternatywy",
    "overwogen opties",
    "alternatieven",
];

/// Headings that name a template section, never a record's title.
pub(crate) const TEMPLATE_SECTIONS: &[&str] = &[
    "context",
    "context and problem statement",
    "problem statement",
    "problem",
    "decision",
    "decision outcome",
    "decision drivers",
    "consequences",
    "positive consequences",
    "negative consequences",
    "rationale",
    "background",
    "summary",
    "notes",
    "implications",
    "kontekst og problembeskrivelse",
    "contexte et problématique",
    "contexte",
    "décision",
    "conséquences",
    "kontext",
    "kontext und problemstellung",
    "entscheidung",
    "konsequenzen",
    "ausgangslage",
    "begründung",
    "folgen",
    "contexto",
    "contexto y planteamiento del problema",
    "decisión",
    "consecuencias",
    "decisão",
    "consequências",
    "consequencias",
    "justificativa",
    "contesto",
    "decisione",
    "conseguenze",
    "decisió",
    "conseqüències",
    "decizie",
    "consecințe",
    "besluit",
    "beslissing",
    "gevolgen",
    "consequenties",
    "beslut",
    "konsekvenser",
    "beslutning",
    "kontekst",
    "konteksti",
    "päätös",
    "seuraukset",
    "decyzja",
    "konsekwencje",
    "rozhodnutí",
    "důsledky",
    "kontextus",
    "döntés",
    "következmények",
    "bağlam",
    "karar",
    "sonuçlar",
    "konteks",
    "keputusan",
    "konsekuensi",
    "контекст",
    "решение",
    "последствия",
    "рішення",
    "наслідки",
    "背景",
    "决策",
    "決策",
    "决定",
    "后果",
    "後果",
    "背景と課題",
    "決定",
    "コンテキスト",
    "배경",
    "결정",
    "결과",
];

/// What a section heading's name says the section is, from the lists
/// above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Status,
    Date,
    Title,
    Changelog,
    Links,
    Metadata,
    Options,
    TemplateSection,
}

/// The field a heading's name (as `name_of` leaves it) names. Every
/// heading of every record asks, so the lists are looked up in one map
/// rather than scanned.
pub(crate) fn field_of(name: &str) -> Option<Field> {
    static NAMES: LazyLock<HashMap<&'static str, Field>> = LazyLock::new(|| {
        let lists: [(&[&'static str], Field); 9] = [
            (STATUS, Field::Status),
            (DATE, Field::Date),
            (DATE_IF_A_DATE, Field::Date),
            (TITLE, Field::Title),
            (CHANGELOG, Field::Changelog),
            (LINKS, Field::Links),
            (METADATA, Field::Metadata),
            (OPTIONS, Field::Options),
            (TEMPLATE_SECTIONS, Field::TemplateSection),
        ];
        lists
            .iter()
            .flat_map(|(names, field)| names.iter().map(move |name| (*name, *field)))
            .collect()
    });
    NAMES.get(name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name in two lists would be read as whichever the map kept last.
    #[test]
    fn every_name_names_one_field() {
        let lists = [
            STATUS,
            DATE,
            DATE_IF_A_DATE,
            TITLE,
            CHANGELOG,
            LINKS,
            METADATA,
            OPTIONS,
            TEMPLATE_SECTIONS,
            STATUS_IF_A_STATUS_WORD,
        ];
        let mut seen = std::collections::HashSet::new();
        for name in lists.iter().flat_map(|l| l.iter()) {
            assert!(seen.insert(*name), "{name} is in two lists");
            assert_eq!(name.to_lowercase(), *name, "{name} is not lower-case");
        }
    }
}
