//! What a file or folder name says about a record: its number, its date.

use chrono::NaiveDate;

/// The ADR number a name carries: `0007-x.md` → 7, `adr-015-x.md` → 15,
/// `ADR012-x.md` → 12, `DR003-x.MD` → 3, `20240509-adr-0001-x.md` → 1.
/// Date- and slug-named records (`20201016-x.md`, `2023-03-27_x`) have none.
pub fn number(stem: &str) -> Option<u32> {
    let digits = leading_digits(stem);
    if !digits.is_empty() {
        if let Some(len) = date_len(stem, digits) {
            // A date may be followed by an id: `20240509-adr-0001-slug`, or
            // by a sequence number: `2022-12-05_005-slug`.
            let after = stem[len..].trim_start_matches(['-', '_']);
            return prefixed_number(after).or_else(|| padded_number(after));
        }
        return digits.parse().ok();
    }
    prefixed_number(stem).or_else(|| suffixed_number(stem))
}

/// `implement-cli-framework_001`: a slug followed by its zero-padded
/// number (the trestle naming). A dash or an unpadded number
/// (`python_3`, `release-100`) is more likely a word of the slug.
fn suffixed_number(stem: &str) -> Option<u32> {
    let (slug, digits) = stem.rsplit_once('_')?;
    let padded = digits.len() >= 3
        && digits.len() <= 6
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    (padded && slug.chars().any(char::is_alphabetic))
        .then(|| digits.parse().ok())
        .flatten()
}

/// How long the date a name starting with `digits` starts with is
/// written: `20201016` (and a timestamp) or `2022-11-09`. Every record's
/// name is read, most of them `0007-x`: the separators are looked at
/// before any date is parsed.
fn date_len(stem: &str, digits: &str) -> Option<usize> {
    if is_date_digits(digits) {
        return Some(digits.len());
    }
    let bytes = stem.as_bytes();
    let dashed = digits.len() == 4
        && bytes.len() >= 10
        && matches!(bytes[4], b'-' | b'_')
        && bytes[7] == bytes[4];
    dashed.then(|| date_prefix(stem)).flatten().map(|_| 10)
}

/// `005-slug`, `0012_slug`: a zero-padded number standing alone, as a
/// sequence after a date. An unpadded one (`2-factor`, `100-days`) is
/// more likely a word of the slug.
fn padded_number(rest: &str) -> Option<u32> {
    let digits = leading_digits(rest);
    let end = &rest[digits.len()..];
    (digits.len() >= 3
        && digits.starts_with('0')
        && (end.is_empty() || end.starts_with(['-', '_'])))
    .then(|| digits.parse().ok())
    .flatten()
}

/// `adr-001`, `ADR012`, `ADR-001_`, `DR008`, `AD015`, and with a project
/// code or a component before the number: `ODH-ADR-0003`,
/// `ODH-ADR-Operator-0007`.
fn prefixed_number(stem: &str) -> Option<u32> {
    leading_prefixed_number(stem)
        .or_else(|| coded_number(stem))
        .or_else(|| lettered_number(stem))
        .or_else(|| own_code_number(stem))
        .or_else(|| project_number(stem))
}

/// `PDDR-0002-x`, `TDR_014-x`: a log's own capitalised code for a
/// decision record (ending in `DR`), then a zero-padded number. Other
/// codes (`README-001`, `WIP-001`, `PR-0042`) and short numbers
/// (`HDR-10-support`) name other things.
fn own_code_number(stem: &str) -> Option<u32> {
    let letters = stem.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(3..=6).contains(&letters) || !stem[..letters].ends_with("DR") {
        return None;
    }
    let rest = stem[letters..].strip_prefix(['-', '_'])?;
    let digits = leading_digits(rest);
    let end = &rest[digits.len()..];
    let padded = digits.len() >= 3 && digits.len() <= 6 && digits.starts_with('0');
    (padded && (end.is_empty() || end.starts_with(['-', '_', '.'])))
        .then(|| digits.parse().ok())
        .flatten()
}

/// `ccc-jb-001-x`, `WEB_API_0042_x`: a log whose names start with a
/// project code of two or three short words, then the zero-padded number. Only a padded
/// number counts: an unpadded one after words (`top-10-tips`, `go-1-18`)
/// is a word of the slug.
fn project_number(stem: &str) -> Option<u32> {
    let mut tokens = stem.split(['-', '_']);
    for (i, token) in tokens.by_ref().enumerate() {
        // Two words at least: `rfc-003-x` is another kind of document.
        if i > 1 && token.bytes().all(|b| b.is_ascii_digit()) {
            let padded = token.len() >= 3 && token.len() <= 6 && token.starts_with('0');
            return padded.then(|| token.parse().ok()).flatten();
        }
        let code = (1..=4).contains(&token.len())
            && (token.bytes().all(|b| b.is_ascii_lowercase())
                || token.bytes().all(|b| b.is_ascii_uppercase()));
        if i >= 3 || !code {
            return None;
        }
    }
    None
}

fn leading_prefixed_number(stem: &str) -> Option<u32> {
    let lower = stem.to_ascii_lowercase();
    // `nr.-001-x`, `nr-001-x`: the word for "number" before it.
    let rest = ["adrs", "adr", "drs", "dr", "ad", "nr"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let rest = rest
        .strip_prefix(['-', '_', ' ', '\u{2010}', '\u{2011}'])
        .unwrap_or(rest);
    let digits = leading_digits(rest);
    // `ADR-3D-Visualisierung`, `adr-2fa-login`: a short number glued to a
    // letter is a word (3D, 2FA, 5G), not the record's number.
    let glued = rest[digits.len()..].starts_with(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || (glued && digits.len() < 3) {
        return None;
    }
    digits.parse().ok()
}

/// `ODH-ADR-0003-x`, `ODH-ADR-Operator-0007-x`: capitalised project codes,
/// `ADR`, up to two capitalised component names, then the number. A slug
/// word (`use-adr-tools-2`) is not a code.
fn coded_number(stem: &str) -> Option<u32> {
    let tokens: Vec<&str> = stem.split(['-', '_']).collect();
    let adr = tokens.iter().take(4).position(|t| {
        let lower = t.to_ascii_lowercase();
        lower == "adr" || lower == "dr" || leading_prefixed_number(t).is_some()
    })?;
    let is_code = |t: &&str| {
        (1..=8).contains(&t.len())
            && t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    if adr == 0 || !tokens[..adr].iter().all(is_code) {
        return None;
    }
    if let Some(n) = leading_prefixed_number(tokens[adr]) {
        return Some(n);
    }
    for (j, token) in tokens[adr + 1..].iter().enumerate() {
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            return token.parse().ok();
        }
        if j >= 2 || !token.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
    }
    None
}

/// `A001-framework`, `I002-database`: a log numbering its records within
/// lettered categories, one or two capitals glued to a zero-padded number.
fn lettered_number(stem: &str) -> Option<u32> {
    let letters = stem.bytes().take_while(u8::is_ascii_uppercase).count();
    if !(1..=2).contains(&letters) {
        return None;
    }
    let digits = leading_digits(&stem[letters..]);
    let end = &stem[letters + digits.len()..];
    let padded = digits.len() >= 3 && digits.starts_with('0');
    (padded && (end.is_empty() || end.starts_with(['-', '_', '.'])))
        .then(|| digits.parse().ok())
        .flatten()
}

/// The date a name starts with: `20201016-…`, `20240603162604-…`,
/// `2022-11-09-…`, `2023-03-27_…`.
pub fn date_prefix(stem: &str) -> Option<NaiveDate> {
    let digits = leading_digits(stem);
    if is_date_digits(digits) {
        return ymd(&digits.as_bytes()[..8], None);
    }
    // `2020-03-03-x`, and `2020_03_03_x` where names are snake case.
    let head = stem.as_bytes().get(..10)?;
    let separator = head[4];
    if !matches!(separator, b'-' | b'_') || head[7] != separator {
        return None;
    }
    let date = ymd(head, Some(separator))?;
    let rest = &stem[10..];
    (rest.is_empty() || rest.starts_with(['-', '_', ' ', '.'])).then_some(date)
}

/// `YYYYMMDD`, or `YYYY-MM-DD` with the given separator, as a real date.
/// By hand: names are judged for every record of every command, and a
/// format parser costs more than the rest of the name's reading.
fn ymd(bytes: &[u8], separator: Option<u8>) -> Option<NaiveDate> {
    let (year, month, day) = match separator {
        None => (bytes.get(..4)?, bytes.get(4..6)?, bytes.get(6..8)?),
        Some(_) => (bytes.get(..4)?, bytes.get(5..7)?, bytes.get(8..10)?),
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(year)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(month)?, number(day)?)
}

/// Eight digits forming a date, or fourteen forming a timestamp.
fn is_date_digits(digits: &str) -> bool {
    (digits.len() == 8 || digits.len() == 14) && ymd(&digits.as_bytes()[..8], None).is_some()
}

/// The run of ASCII digits a name starts with.
pub fn leading_digits(name: &str) -> &str {
    let end = name.bytes().take_while(u8::is_ascii_digit).count();
    &name[..end]
}

/// A hyphen or dash as people type one between `ADR` and its number:
/// `-`, the Unicode hyphens and dashes U+2010 to U+2015 (`ADR‑0001` with a
/// non-breaking hyphen, `ADR–7`), and the minus sign U+2212.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// The number an id written in prose names: `ADR-0057`, `ADR 9`, `ADR #6`,
/// `DR008`, `12`, or a file name such as `0018-govuk-notify.md`.
pub fn number_in_reference(reference: &str) -> Option<u32> {
    let file = reference.rsplit('/').next().unwrap_or(reference);
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file);
    let stem = stem.trim();
    let compact: String = stem
        .chars()
        .filter(|&c| !matches!(c, ' ' | '#' | '_') && !is_dash(c))
        .collect();
    let lower = compact.to_ascii_lowercase();
    for prefix in ["adrs", "adr", "drs", "dr"] {
        if let Some(rest) = lower.strip_prefix(prefix)
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit())
        {
            return rest.parse().ok();
        }
    }
    number(stem)
}

/// The part of a stem before its slug: `0003-`, `adr-015-`, `20201016-`.
pub fn prefix(stem: &str) -> &str {
    let number_end = number(stem).and_then(|n| {
        // The digits of a date are not the number: `2022-12-05_005-x`.
        let mut start = date_len(stem, leading_digits(stem)).unwrap_or(0);
        while start < stem.len() {
            let digits = leading_digits(&stem[start..]);
            if !digits.is_empty() {
                if digits.parse::<u32>().ok() == Some(n) && date_prefix(&stem[start..]).is_none() {
                    return Some(start + digits.len());
                }
                start += digits.len();
            } else {
                start += stem[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        None
    });
    let end = number_end.or_else(|| {
        date_prefix(stem).map(|_| {
            let digits = leading_digits(stem).len();
            if digits >= 8 { digits } else { 10 }
        })
    });
    match end {
        Some(end) => {
            let with_separator = stem[end..]
                .chars()
                .next()
                .filter(|c| matches!(c, '-' | '_'))
                .map_or(end, |c| end + c.len_utf8());
            &stem[..with_separator]
        }
        None => "",
    }
}

/// The stem of a path's file: `../plan/01-analysis.md` → `01-analysis`.
pub fn file_stem(path: &str) -> &str {
    let file = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path);
    file.strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file)
}

/// How a log names its records, the slug aside: `0007-x` → `0000-`,
/// `ADR-015-y` → `adr-000-`, `20201016-z` → `00000000-`, `01-analysis` →
/// `00-`. Two names of one log's records have the same shape.
pub fn shape(stem: &str) -> String {
    prefix(stem)
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                '0'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The slug of a stem: `0003-use-x` → `use-x`, `adr-015-y` → `y`.
pub fn slug_part(stem: &str) -> &str {
    &stem[prefix(stem).len()..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_after_the_slug() {
        assert_eq!(number("implement-cli-framework_001"), Some(1));
        assert_eq!(number("record-architecture-decisions_000"), Some(0));
        assert_eq!(number("upgrade-python_3"), None);
        assert_eq!(number("release-0100"), None);
        assert_eq!(number("use_100"), None);
    }

    #[test]
    fn numbered_names() {
        assert_eq!(number("0007-use-x"), Some(7));
        assert_eq!(number("036-multi-cluster"), Some(36));
        assert_eq!(number("0000_snake_case"), Some(0));
        assert_eq!(number("adr-015-thing"), Some(15));
        assert_eq!(number("adr-05"), Some(5));
        assert_eq!(number("ADR012-thing"), Some(12));
        assert_eq!(number("ADR-001_Use_X"), Some(1));
        assert_eq!(number("DR003-thing"), Some(3));
        assert_eq!(number("10000-big"), Some(10000));
        assert_eq!(number("0010"), Some(10));
    }

    #[test]
    fn project_codes_and_components() {
        assert_eq!(number("ODH-ADR-0003-use-kserve"), Some(3));
        assert_eq!(number("ODH-ADR-Operator-0007-x"), Some(7));
        assert_eq!(number("ODH-ADR0012-x"), Some(12));
        assert_eq!(number("DR012-no-charges"), Some(12));
        assert_eq!(number("PDDR-0002-freeze-backend"), Some(2));
        assert_eq!(number("TDR_014-x"), Some(14));
        assert_eq!(number("HTTP-2-support"), None);
        assert_eq!(number("HDR-10-support"), None);
        assert_eq!(number("README-001"), None);
        assert_eq!(number("WIP-001-draft"), None);
        assert_eq!(number("PR-0042-review"), None);
        assert_eq!(number("README"), None);
        assert_eq!(number("use-adr-tools-2"), None);
        assert_eq!(number("My-ADR-2"), None);
        assert_eq!(number("ADR-XXX_Agree_CICD"), None);
    }

    #[test]
    fn short_project_codes_before_a_padded_number() {
        assert_eq!(number("abc-xy-007-pick-a-queue"), Some(7));
        assert_eq!(number("WEB_API_0042_x"), Some(42));
        assert_eq!(number("pq-rs-012"), Some(12));
        assert_eq!(number("rfc-003-performance"), None);
        assert_eq!(prefix("abc-xy-007-pick-a-queue"), "abc-xy-007-");
        assert_eq!(slug_part("abc-xy-007-pick-a-queue"), "pick-a-queue");
        // Unpadded, after long words, or too many words: part of a slug.
        assert_eq!(number("top-10-tips"), None);
        assert_eq!(number("go-1-18-upgrade"), None);
        assert_eq!(number("upgrade-to-007"), None);
        assert_eq!(number("a-b-c-d-001-x"), None);
        assert_eq!(number("Ab-001-x"), None);
    }

    #[test]
    fn numbers_after_a_word_or_a_category_letter() {
        assert_eq!(number("nr.-001-use-react"), Some(1));
        assert_eq!(number("nr-12-x"), Some(12));
        assert_eq!(number("A001-framework"), Some(1));
        assert_eq!(number("I002-database"), Some(2));
        assert_eq!(number("H264-codec"), None);
        assert_eq!(number("S3-buckets"), None);
        assert_eq!(number("nrwl-tools"), None);
        assert_eq!(prefix("A001-framework"), "A001-");
        assert_eq!(prefix("ADR\u{2011}0002"), "ADR\u{2011}0002");
    }

    #[test]
    fn date_and_slug_names_have_no_number() {
        assert_eq!(number("20201016-use-the-slug"), None);
        assert_eq!(number("20240603162604-msw"), None);
        assert_eq!(number("2022-11-09-api-refactoring"), None);
        assert_eq!(number("2023-03-27_private_properties"), None);
        assert_eq!(number("adr_with_a_WeIrd-filename"), None);
        assert_eq!(number("ADR-XXX_Agree"), None);
        assert_eq!(number("multiple-sites"), None);
        assert_eq!(number("ADR-3D-Visualisierung"), None);
        assert_eq!(number("adr-2fa-login"), None);
        assert_eq!(number("99999999999999999999-x"), None);
    }

    #[test]
    fn date_prefixes_are_real_dates() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(date_prefix("20201016-use-the-slug"), day(2020, 10, 16));
        assert_eq!(date_prefix("20240603162604-msw"), day(2024, 6, 3));
        assert_eq!(date_prefix("2022-11-09-api"), day(2022, 11, 9));
        assert_eq!(date_prefix("2021_05_06_topic"), day(2021, 5, 6));
        assert_eq!(date_prefix("2022-11-09"), day(2022, 11, 9));
        assert_eq!(date_prefix("2022-13-09-x"), None);
        assert_eq!(date_prefix("2022-02-30-x"), None);
        assert_eq!(date_prefix("2022-11_09-x"), None);
        assert_eq!(date_prefix("2022-11-09x"), None);
        assert_eq!(date_prefix("20221309-x"), None);
        assert_eq!(date_prefix("0001-record"), None);
        assert_eq!(date_prefix("2022-1a-09-x"), None);
        assert_eq!(date_prefix("202é-11-09"), None);
    }

    #[test]
    fn date_then_number() {
        assert_eq!(number("20240509-adr-0001-use-log4brains"), Some(1));
        assert_eq!(number("2021-07-14_004-pick-a-queue"), Some(4));
        assert_eq!(number("20210714-0012-pick-a-queue"), Some(12));
        assert_eq!(prefix("2021-07-14_004-pick-a-queue"), "2021-07-14_004-");
        assert_eq!(slug_part("2021-07-14_004-pick-a-queue"), "pick-a-queue");
        // Unpadded, or glued to a word: part of the slug.
        assert_eq!(number("2021-07-14-2-factor-login"), None);
        assert_eq!(number("2021-07-14-100-days"), None);
        assert_eq!(number("2021-07-14-007bond"), None);
        assert_eq!(
            date_prefix("20240509-adr-0001-x"),
            NaiveDate::from_ymd_opt(2024, 5, 9)
        );
    }

    #[test]
    fn references() {
        assert_eq!(number_in_reference("ADR-0057"), Some(57));
        assert_eq!(number_in_reference("ADR 9"), Some(9));
        assert_eq!(number_in_reference("ADR #6"), Some(6));
        assert_eq!(number_in_reference("ADR025"), Some(25));
        assert_eq!(number_in_reference("ADR\u{2014}0045"), Some(45));
        assert_eq!(number_in_reference("ADR\u{2212}47"), Some(47));
        assert_eq!(number_in_reference("DR008"), Some(8));
        assert_eq!(number_in_reference("0018-govuk-notify.md"), Some(18));
        assert_eq!(number_in_reference("adr-5.md"), Some(5));
        assert_eq!(number_in_reference("12"), Some(12));
        assert_eq!(number_in_reference("ADRs 60"), Some(60));
        assert_eq!(number_in_reference("ADR\u{2011}0002"), Some(2));
        assert_eq!(number_in_reference("module-loading.md"), None);
    }
    #[test]
    fn prefixes() {
        assert_eq!(prefix("0003-old-title"), "0003-");
        assert_eq!(prefix("adr-015-old"), "adr-015-");
        assert_eq!(prefix("ADR012-old"), "ADR012-");
        assert_eq!(prefix("20201016-old-slug"), "20201016-");
        assert_eq!(prefix("2022-11-09-old"), "2022-11-09-");
        assert_eq!(prefix("plain-name"), "");
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug_part("0034-provide-dlq-where-missing"),
            "provide-dlq-where-missing"
        );
        assert_eq!(slug_part("adr-05"), "");
        assert_eq!(slug_part("multiple-sites"), "multiple-sites");
    }
}
