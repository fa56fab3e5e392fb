//! A record's title as a reader says it: the heading without its number,
//! prefix, banner or decoration; inline Markdown kept as written.

use super::sections;

/// What stands between a number and the title: `1. X`, `ADR 3: X`,
/// `ADR-001 · X`, `ADR 45 - X`, `ADR-012：X`.
const SEPARATORS: &[char] = &['.', ')', ':', '：', '-', '–', '—', '·', '•', '|', ' '];

/// The title without a bare `ADR` word that stands where the number would:
/// `# ADR SessionEndpoint の Close 設計` in `ADR-004-session-endpoint-close.md`.
/// Only a log whose files are named `ADR-NNN-…` writes its headings so; a
/// title about ADRs (`ADR tooling` in `ADR-007-adr-tooling.md`) keeps the
/// word, as its slug does.
pub(crate) fn without_bare_prefix(title: String, stem: &str) -> String {
    let title = without_stem_id(title, stem);
    let prefix = super::name::prefix(stem).to_ascii_lowercase();
    let slug = super::name::slug_part(stem).to_ascii_lowercase();
    let named_adr = prefix.starts_with("adr") && prefix.bytes().any(|b| b.is_ascii_digit());
    if !named_adr || slug.starts_with("adr") {
        return title;
    }
    match title.strip_prefix("ADR ").map(str::trim_start) {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => title,
    }
}

/// `AD03: Entorno de desarrollo` in `AD03 - Entorno de desarrollo.md`:
/// the id the file name opens with, letters and number, said again
/// before the title.
fn without_stem_id(title: String, stem: &str) -> String {
    const AFTER_ID: [char; 7] = [':', '-', '.', '–', '—', ' ', '：'];
    let id = super::name::prefix(stem).trim_end_matches(['-', '_', ' ', '.']);
    let lettered = id.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && id.bytes().any(|b| b.is_ascii_digit());
    // `# ADR-TERMINAL-SCOPE: Terminal scope` in `ADR-TERMINAL-SCOPE.md`:
    // a log naming its records by word repeats the whole name.
    let named = stem.len() > 4
        && stem.get(..4).is_some_and(|head| {
            head.eq_ignore_ascii_case("adr-") || head.eq_ignore_ascii_case("adr_")
        })
        && !stem.contains(' ');
    if named
        && let Some(rest) = title
            .get(..stem.len())
            .filter(|head| head.eq_ignore_ascii_case(stem))
            .and_then(|_| title[stem.len()..].strip_prefix(':'))
            .map(str::trim_start)
            .filter(|rest| !rest.is_empty())
    {
        return rest.to_string();
    }
    if !lettered || id.contains(' ') {
        return title;
    }
    let cut = title
        .get(..id.len())
        .filter(|head| head.eq_ignore_ascii_case(id))
        .map(|_| &title[id.len()..])
        .filter(|rest| rest.starts_with(AFTER_ID))
        .map(|rest| rest.trim_start_matches(AFTER_ID))
        .filter(|rest| !rest.is_empty());
    match cut {
        Some(rest) => rest.to_string(),
        None => title,
    }
}

/// The title without what the heading carries around it: `1. Use X`,
/// `ADR 114: Use X`, `ADR012: Use X`, `1) Use X {#adr_0001}`, `n. Use X`,
/// `ADR-XXX: Use X`, `**Use X**`, `[Superseded by [5](5.md)] Use X` and
/// `Decision Record Use X` all give `Use X`.
pub(crate) fn clean_title(heading: &str) -> String {
    let mut t = heading.trim();
    if let Some(anchor) = t.rfind(" {#")
        && t.ends_with('}')
    {
        t = t[..anchor].trim_end();
    }
    t = strip_banner(t);
    t = unwrap_emphasis(t);
    // `[001]: [Use X]`: a template's placeholders filled in with their
    // brackets kept.
    let unbracketed;
    if let Some(number) = bracketed_number(t) {
        unbracketed = number;
        t = &unbracketed;
    }
    let lower = t.to_ascii_lowercase();
    let mut rest = t;
    let mut numbered = false;
    if let Some(len) = coded_id_len(t) {
        let after = t[len..].trim_start_matches(SEPARATORS).trim_start();
        if !after.is_empty() {
            return unwrap_emphasis(after).to_string();
        }
    }
    // Most titles start with their number or a word of their own: the
    // prefixes are tried only on what could start one.
    let prefixes: &[&str] = if lower.starts_with(['a', 'd', 'n']) {
        &[
            "architecture decision record",
            "adr",
            "dr",
            "nr.",
            "nr",
            "no.",
        ]
    } else {
        &[]
    };
    for &prefix in prefixes {
        if lower.starts_with(prefix) {
            let after = &t[prefix.len()..];
            let after = after.trim_start_matches([' ', '-', '#', '_', '\u{2010}', '\u{2011}']);
            // `Nr. 3: X`, `No. 3: X`: a word for "number", then one.
            if prefix.starts_with('n') && !after.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            // `Architecture Decision Record: X`, `ADR: X` (a prefix and
            // no number).
            let spoken =
                after.starts_with(':') || (prefix.len() > 3 && t[prefix.len()..].starts_with(' '));
            if spoken {
                rest = after.trim_start_matches(':').trim_start();
                break;
            }
            if after.starts_with(|c: char| c.is_ascii_digit()) || placeholder_len(after) > 0 {
                rest = after.trim_start();
                numbered = true;
                break;
            }
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let digits = if digits == 0 {
        placeholder_len(rest)
    } else if numbered && let Some(len) = dated_id_len(rest) {
        // `ADR 2022-12-05: X`: a log numbering its records by date.
        len
    } else {
        // `ADR-00X: X`: zeros, then the placeholder.
        digits.max(placeholder_len(rest))
    };
    if digits > 0 {
        let glued = &rest[digits..];
        let after = glued.trim_start_matches(['.', ')', ':', '：', '-', '–', '—']);
        // CJK text puts no space after its full-width colon (`ADR-3：标题`),
        // nor after the dash of a file-name-like title (`ADR-001-撮合分片`).
        let wide = glued.starts_with('：')
            || (numbered
                && glued.starts_with(['-', '_'])
                && glued[1..].chars().next().is_some_and(is_cjk));
        if after.starts_with(char::is_whitespace) || after.is_empty() || wide {
            rest = after.trim_start_matches(SEPARATORS).trim_start();
            numbered = true;
        } else if numbered {
            // `DR0'`, `ADR12x`: a word that starts like an id, not one.
            rest = t;
            numbered = false;
        }
    }
    // `Decision Record Private Properties`: a prefix without a number.
    if !numbered {
        let lower = rest.to_lowercase();
        for prefix in ["any decision record", "decision record"] {
            if let Some(after) = lower.strip_prefix(prefix)
                && (after.starts_with(' ') || after.starts_with(':'))
            {
                let cut = rest.len() - after.len();
                let candidate = rest[cut..].trim_start_matches(':').trim();
                if !candidate.is_empty() {
                    rest = candidate;
                }
                break;
            }
        }
    }
    let rest = unwrap_emphasis(unwrap_brackets(rest));
    if rest.is_empty() {
        t.to_string()
    } else {
        rest.to_string()
    }
}

/// `[001]: X` → `001: X`: a number in brackets that are no link.
fn bracketed_number(text: &str) -> Option<String> {
    let inner_end = text.strip_prefix('[')?.find(']')? + 1;
    let inner = &text[1..inner_end];
    let after = &text[inner_end + 1..];
    let number = !inner.is_empty() && inner.len() <= 6 && inner.bytes().all(|b| b.is_ascii_digit());
    (number && !after.starts_with(['(', '['])).then(|| format!("{inner}{after}"))
}

/// `[Use X]` → `Use X`: the whole title in one pair of brackets that are
/// no link (`[Use X](x.md)`, `[A] and [B]` keep theirs).
fn unwrap_brackets(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return text;
    };
    let mut depth = 0usize;
    for c in inner.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return text,
            ']' => depth -= 1,
            _ => {}
        }
    }
    if depth == 0 && !inner.trim().is_empty() {
        inner.trim()
    } else {
        text
    }
}

/// The length of a date used as a record's id after `ADR`: `2022-12-05`,
/// `2022.12.05`, `20221205`.
fn dated_id_len(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let iso = bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && matches!(bytes[4], b'-' | b'.' | b'/')
        && bytes[7] == bytes[4]
        && bytes[5..7]
            .iter()
            .chain(&bytes[8..10])
            .all(u8::is_ascii_digit);
    let compact = bytes.len() >= 8
        && bytes[..8].iter().all(u8::is_ascii_digit)
        && !bytes.get(8).is_some_and(u8::is_ascii_digit);
    if iso {
        Some(10)
    } else if compact {
        Some(8)
    } else {
        None
    }
}

/// `[Superseded by [ADR-5](0005-x.md)] Use X` → `Use X`: a bracketed
/// status banner before the title.
fn strip_banner(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('[') else {
        return text;
    };
    let mut depth = 0usize;
    for (i, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => {
                let banner = &inner[..i];
                let after = inner[i + 1..].trim_start();
                let is_link = after.starts_with('(') || after.starts_with('[');
                let lower = banner.to_lowercase();
                let is_banner = [
                    "superseded",
                    "deprecated",
                    "rejected",
                    "replaced",
                    "amended",
                ]
                .iter()
                .any(|w| lower.contains(w));
                return if is_banner && !is_link && !after.is_empty() {
                    after.trim_start_matches([':', '-', '–', '—']).trim_start()
                } else {
                    text
                };
            }
            ']' => depth -= 1,
            _ => {}
        }
    }
    text
}

/// The length of a coded id before the title: `ODH-ADR-0011`,
/// `ODH-ADR-Operator-0007`: capitalised project codes, `ADR`, up to two
/// capitalised component names, then the number.
fn coded_id_len(text: &str) -> Option<usize> {
    let mut at = 0;
    let token_end = |from: usize| {
        text[from..]
            .find(['-', '_', ' ', ':'])
            .map_or(text.len(), |e| from + e)
    };
    // Project codes.
    let mut codes = 0;
    loop {
        let end = token_end(at);
        let token = &text[at..end];
        if token.eq_ignore_ascii_case("adr") || token.eq_ignore_ascii_case("dr") {
            at = end;
            break;
        }
        let code = (1..=8).contains(&token.len())
            && token.starts_with(|c: char| c.is_ascii_uppercase())
            && token
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if !code || codes == 3 || end >= text.len() {
            return None;
        }
        codes += 1;
        at = end + 1;
    }
    if codes == 0 {
        return None;
    }
    // Components, then the number.
    for _ in 0..3 {
        let rest = &text[at..];
        let sep = rest.len() - rest.trim_start_matches(['-', '_', ' ', '#']).len();
        at += sep;
        let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            return Some(at + digits);
        }
        let end = token_end(at);
        let token = &text[at..end];
        if token.is_empty() || !token.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        at = end;
    }
    None
}

/// `**Use X**`, `*Use X*` → `Use X`; `**Use** X` is kept.
fn unwrap_emphasis(text: &str) -> &str {
    for wrap in ["**", "__", "*", "_"] {
        if let Some(inner) = text.strip_prefix(wrap).and_then(|t| t.strip_suffix(wrap))
            && !inner.contains(wrap)
            && !inner.trim().is_empty()
        {
            return inner.trim();
        }
    }
    text
}

/// The length of an unfilled number at the start: `n`, `NNNN`, `XXX`,
/// `{n}`, `[n]`, `000X` followed by a separator; 0 when there is none.
fn placeholder_len(text: &str) -> usize {
    for (open, close) in [('{', '}'), ('[', ']'), ('<', '>')] {
        if let Some(rest) = text.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && end <= 16
            && !rest[..end].contains(' ')
        {
            let inner = rest[..end].to_ascii_lowercase();
            let numberish = ["number", "num", "nr", "nnn", "id", "n", "x", "xxx"]
                .iter()
                .any(|w| inner.contains(w) && inner.len() <= 12)
                && (inner.contains("number") || inner.chars().all(|c| "nx0-#".contains(c)));
            if numberish {
                return end + 2;
            }
        }
    }
    let run = text
        .bytes()
        .take_while(|b| matches!(b, b'n' | b'N' | b'x' | b'X' | b'0'))
        .count();
    let token = text[..run].to_ascii_lowercase();
    let letters: Vec<u8> = token.bytes().filter(|&b| b != b'0').collect();
    // One letter repeated: `n`, `NNNN`, `XXX`, `000X`; not `Nx`, nor
    // `n0` (zeros pad a number from the left).
    let zeros = token.bytes().take_while(|&b| b == b'0').count();
    let one_letter = !letters.is_empty()
        && letters.iter().all(|&b| b == letters[0])
        && !token[zeros..].contains('0');
    let after = &text[run..];
    // A lone `X)` is a list marker or a name (`X) A`); the lone
    // placeholder templates write is `n.`.
    let lone_x = run == 1 && letters.first().is_some_and(|&b| b == b'x');
    if (1..=6).contains(&run)
        && one_letter
        && !lone_x
        && (after.starts_with(['.', ':', ')']) || (run > 1 && after.starts_with(' ')))
    {
        run
    } else {
        0
    }
}

/// Whether a heading can be a record's title: not a template section such
/// as "Context and Problem Statement", not empty.
pub(crate) fn can_be_title(heading: &str) -> bool {
    !heading.trim().is_empty() && !sections::is_section_name(heading) && !is_only_an_id(heading)
}

/// `### **ADR_000-00**:`, `# ADR-0007`, `## 12.`: a heading that names the
/// record by its id alone, the title in the heading after it.
pub(crate) fn is_only_an_id(heading: &str) -> bool {
    let bare = heading.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '_' | '`' | ':' | '.' | '#' | '：')
    });
    let letters = bare.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (word, rest) = bare.split_at(letters);
    let rest = rest.trim_start_matches(['-', '_', ' ', '#']);
    const ID_WORDS: &[&str] = &["", "adr", "ad", "dr", "rfc", "adl", "ddr", "decision"];
    ID_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w))
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'))
}

/// `#25. Automatic code merging`: a title typed without the space
/// CommonMark needs after `#`. Only a numbered one counts, so that an
/// issue reference (`#25 is fixed`) is not a title.
pub(crate) fn unspaced_heading(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('#')?;
    let rest = rest.trim_start_matches('#');
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    (after.starts_with(['.', ':', ')']) && after[1..].starts_with(' ')).then(|| rest.trim())
}

/// `¥# ADR-006: X` opening a file: a title with a stray keystroke before
/// its `#` (a yen sign typed for a backslash, a stray quote). Only one
/// character that starts no Markdown of its own, on the first line of text.
pub(crate) fn stray_marked_heading(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let stray = line.chars().next()?;
    let markdown = matches!(
        stray,
        '>' | '-' | '*' | '+' | '|' | '`' | '<' | '[' | '!' | '_' | '~' | '=' | '\\' | '#' | '&'
    );
    if stray.is_alphanumeric() || stray.is_whitespace() || markdown {
        return None;
    }
    let (level, text) = super::lines::atx_heading(&line[stray.len_utf8()..])?;
    (level == 1 && !text.is_empty() && can_be_title(text)).then_some(text)
}

/// `ADR: SessionID.Bytes() returns no error` on a file's first line, with
/// no `#`: a title written as a labelled line. The label is the log's own
/// word, with or without the record's id; a bare id (`ADR: 0007`) is none.
pub(crate) fn labelled_title(line: &str) -> Option<&str> {
    let line = line.trim();
    let label = line.get(..3).filter(|w| w.eq_ignore_ascii_case("adr"))?;
    let rest = line[label.len()..].trim_start_matches(['-', '_', ' ']);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let text = rest
        .trim_start()
        .strip_prefix([':', '：'])?
        .trim_start_matches('：')
        .trim();
    let named = text.chars().any(char::is_alphabetic);
    (named && can_be_title(text)).then_some(line)
}

/// A Chinese or Japanese character (kana, CJK ideographs).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_names_id_said_again() {
        let cut = |t: &str, stem: &str| without_stem_id(t.to_string(), stem);
        assert_eq!(cut("AD03: Entorno", "AD03 - Entorno"), "Entorno");
        assert_eq!(cut("ad03 - Entorno", "AD03 - Entorno"), "Entorno");
        assert_eq!(cut("AD031 rules", "AD03 - Entorno"), "AD031 rules");
        assert_eq!(cut("Use X", "0003-use-x"), "Use X");
        assert_eq!(
            cut("ADR-TERMINAL-SCOPE: Terminal scope", "ADR-TERMINAL-SCOPE"),
            "Terminal scope"
        );
        assert_eq!(cut("Postgres: a store", "postgres"), "Postgres: a store");
        assert_eq!(cut("ADR-X: y", "ADR-TERMINAL-SCOPE"), "ADR-X: y");
    }

    #[test]
    fn headings_that_are_only_an_id() {
        for id in [
            "**ADR_000-00**:",
            "ADR-0007",
            "12.",
            "AD03",
            "RFC 12",
            "`DR-3`",
        ] {
            assert!(is_only_an_id(id), "{id}");
        }
        for title in ["ADR-7: Use X", "OAuth2", "S3", "2024 roadmap", "ADR"] {
            assert!(!is_only_an_id(title), "{title}");
        }
    }

    #[test]
    fn a_bare_adr_word_goes_only_where_the_log_names_its_files_so() {
        let cut = |t: &str, stem: &str| without_bare_prefix(t.to_string(), stem);
        assert_eq!(
            cut(
                "ADR SessionEndpoint の Close 設計",
                "ADR-004-session-endpoint-close"
            ),
            "SessionEndpoint の Close 設計"
        );
        assert_eq!(
            cut("ADR Close処理の責任所在設計", "adr_005_per-connection"),
            "Close処理の責任所在設計"
        );
        assert_eq!(cut("ADR tooling", "ADR-007-adr-tooling"), "ADR tooling");
        assert_eq!(cut("ADR tooling", "0007-tooling"), "ADR tooling");
        assert_eq!(cut("ADR", "ADR-007-x"), "ADR");
        assert_eq!(cut("ADRs everywhere", "ADR-007-x"), "ADRs everywhere");
    }

    #[test]
    fn titles() {
        assert_eq!(
            clean_title("1. Record architecture decisions"),
            "Record architecture decisions"
        );
        assert_eq!(
            clean_title("ADR 114: Partly Undo ADR 109"),
            "Partly Undo ADR 109"
        );
        assert_eq!(clean_title("ADR-102: Title"), "Title");
        assert_eq!(clean_title("ADR-00X: Title"), "Title");
        assert_eq!(clean_title("ADR: Title"), "Title");
        assert_eq!(clean_title("ADRs and more"), "ADRs and more");
        assert_eq!(clean_title("ADR012: Title"), "Title");
        assert_eq!(clean_title("ADR 45 - Title"), "Title");
        assert_eq!(clean_title("ADR 025 Commit"), "Commit");
        assert_eq!(clean_title("23 Logging"), "Logging");
        assert_eq!(clean_title("1) Use PSR-16 {#adr_0001}"), "Use PSR-16");
        assert_eq!(
            clean_title("Architecture Decision Record: Use ADRs"),
            "Use ADRs"
        );
        assert_eq!(
            clean_title("Use AWS hosted Elasticsearch"),
            "Use AWS hosted Elasticsearch"
        );
        assert_eq!(clean_title("2048 is a game"), "is a game");
        assert_eq!(clean_title("42"), "42");
        assert_eq!(clean_title("Adrenaline"), "Adrenaline");
    }

    #[test]
    fn placeholders_filled_with_their_brackets_kept() {
        assert_eq!(
            clean_title("[001]: [Nomes das consultas]"),
            "Nomes das consultas"
        );
        assert_eq!(clean_title("[12] Use X"), "Use X");
        assert_eq!(clean_title("[Use X]"), "Use X");
        assert_eq!(clean_title("[Use X](0001-x.md)"), "[Use X](0001-x.md)");
        assert_eq!(clean_title("[A] and [B]"), "[A] and [B]");
        assert_eq!(clean_title("[1](x.md) Use X"), "[1](x.md) Use X");
    }

    #[test]
    fn decorations_and_placeholders() {
        assert_eq!(clean_title("**Use Redis**"), "Use Redis");
        assert_eq!(clean_title("5. **Use Redis**"), "Use Redis");
        assert_eq!(clean_title("**Use** Redis"), "**Use** Redis");
        assert_eq!(clean_title("Use `nop` mempool"), "Use `nop` mempool");
        assert_eq!(clean_title("n. Use Redis"), "Use Redis");
        assert_eq!(clean_title("NNNN. Use Redis"), "Use Redis");
        assert_eq!(clean_title("ADR-XXX: Agree CI/CD"), "Agree CI/CD");
        assert_eq!(clean_title("ADR-{n}: Use X"), "Use X");
        assert_eq!(clean_title("Nx is a tool"), "Nx is a tool");
        assert_eq!(clean_title("X) A"), "X) A");
        assert_eq!(clean_title("n0 '"), "n0 '");
        assert_eq!(clean_title("DR0'"), "DR0'");
        assert_eq!(clean_title("XXX. Use Redis"), "Use Redis");
        assert_eq!(clean_title("No more mocks"), "No more mocks");
        assert_eq!(
            clean_title("[Superseded by [ADR-7](0007-x.md)] Use Redis"),
            "Use Redis"
        );
        assert_eq!(clean_title("[WIP] Use Redis"), "[WIP] Use Redis");
        assert_eq!(
            clean_title("Decision Record Private Properties"),
            "Private Properties"
        );
        assert_eq!(
            clean_title("ADR025: Decision Record Title (a description)"),
            "Decision Record Title (a description)"
        );
        assert_eq!(
            clean_title("DRxxx: Decision Record Title"),
            "Decision Record Title"
        );
        assert_eq!(
            clean_title("数据库选型：使用 PostgreSQL"),
            "数据库选型：使用 PostgreSQL"
        );
        assert_eq!(clean_title("12. 数据库选型"), "数据库选型");
        assert_eq!(clean_title("ODH-ADR-0011: Prefixed"), "Prefixed");
        assert_eq!(clean_title("ODH-ADR-Operator-0007: Component"), "Component");
        assert_eq!(clean_title("AWS DR plan"), "AWS DR plan");
        assert_eq!(
            clean_title("ADR-001 · Der Arbeitsplatz ist das Fundament"),
            "Der Arbeitsplatz ist das Fundament"
        );
        assert_eq!(clean_title("ADR-012: 在 V5 边界退役"), "在 V5 边界退役");
        assert_eq!(clean_title("ADR-0007：模块边界"), "模块边界");
        assert_eq!(clean_title("*Which queue to use?*"), "Which queue to use?");
        assert_eq!(clean_title("*Use* a queue *now*"), "*Use* a queue *now*");
        assert_eq!(clean_title("_private_names"), "_private_names");
    }

    #[test]
    fn ids_written_other_ways() {
        assert_eq!(clean_title("ADR\u{2011}0002: Use X"), "Use X");
        assert_eq!(clean_title("ADR 2022-12-05: Add labels"), "Add labels");
        assert_eq!(clean_title("ADR 20221205 - Add labels"), "Add labels");
        assert_eq!(clean_title("Nr. 001: Verwendung von X"), "Verwendung von X");
        assert_eq!(clean_title("No. 7: Use Y"), "Use Y");
        assert_eq!(clean_title("No more mocks"), "No more mocks");
        assert_eq!(clean_title("Nrwl tooling"), "Nrwl tooling");
        assert_eq!(clean_title("2022-12-05 was a day"), "2022-12-05 was a day");
    }

    #[test]
    fn a_stray_character_before_the_title_mark() {
        assert_eq!(
            stray_marked_heading("¥# ADR-006: ルーム管理"),
            Some("ADR-006: ルーム管理")
        );
        assert_eq!(stray_marked_heading("'# Use X"), Some("Use X"));
        assert_eq!(stray_marked_heading("\\# not a heading"), None);
        assert_eq!(stray_marked_heading("> # quoted"), None);
        assert_eq!(stray_marked_heading("a# word"), None);
        assert_eq!(stray_marked_heading("¥## Context"), None);
        assert_eq!(
            stray_marked_heading("¥# Context"),
            None,
            "a section name is no title"
        );
    }

    #[test]
    fn a_file_name_like_title_in_chinese() {
        assert_eq!(
            clean_title("ADR-001-撮合分片与保序策略"),
            "撮合分片与保序策略"
        );
        assert_eq!(
            clean_title("ADR-004-合约价格体系（指数-标记价）"),
            "合约价格体系（指数-标记价）"
        );
        assert_eq!(clean_title("ADR-001-use-x"), "ADR-001-use-x");
    }

    #[test]
    fn labelled_titles() {
        let t = "ADR: SessionID.Bytes()はエラーを返さない";
        assert_eq!(labelled_title(t), Some(t));
        assert_eq!(labelled_title("ADR-007: Use X"), Some("ADR-007: Use X"));
        assert_eq!(clean_title("ADR: Use X"), "Use X");
        assert_eq!(labelled_title("ADR: 0007"), None);
        assert_eq!(labelled_title("ADRs: we keep them"), None);
        assert_eq!(labelled_title("ADR: Context"), None);
        assert_eq!(labelled_title("Adopted: yes"), None);
    }

    #[test]
    fn unspaced_headings() {
        assert_eq!(
            unspaced_heading("#25. Automatic code merging"),
            Some("25. Automatic code merging")
        );
        assert_eq!(unspaced_heading("#46. Title"), Some("46. Title"));
        assert_eq!(unspaced_heading("#25 is fixed"), None);
        assert_eq!(unspaced_heading("#hashtag"), None);
    }
}
