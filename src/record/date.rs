//! Dates as people write them in ADRs.

use chrono::{Datelike, NaiveDate};

/// Reads a date written as `2019-05-01`, `2020-2-27`, `[2022-10-05]`,
/// `05/02/2018` (day first, as the corpus shows), `10/04/18`,
/// `22-10-2024`, `02.04.20`, `June 19, 2018`, `Sep 5th, 2023`,
/// `11-April-2023`, `20-Aug-2021`, `7 April 2020` or `8th June 2023`.
/// Trailing text (`2024-10-31 :ghost:`) is ignored when the date itself is
/// ISO. Dashes may be typographic (`2025‑05‑07` with non-breaking
/// hyphens), and months may be named in French, German, Spanish,
/// Portuguese, Italian or Dutch (`05 de outubro de 2024`, `5. März 2021`).
pub(crate) fn parse(text: &str) -> Option<NaiveDate> {
    let text: std::borrow::Cow<'_, str> = if text.is_ascii() {
        text.into()
    } else {
        if let Some((date, _)) = cjk(unwrap(text)) {
            return Some(date);
        }
        text.replace(DASHES, "-").into()
    };
    parse_ascii(&text).or_else(|| spelled(unwrap(&text)))
}

/// `date` as `YYYY-MM-DD`, as chrono's `Display` writes it, without its
/// formatting machinery (a log of ten thousand records writes as many).
pub(crate) fn iso(date: NaiveDate) -> String {
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return date.to_string();
    }
    let push = |out: &mut String, n: u32, width: u32| {
        for place in (0..width).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(place)) % 10) as u8));
        }
    };
    let mut out = String::with_capacity(10);
    push(&mut out, year.unsigned_abs(), 4);
    out.push('-');
    push(&mut out, date.month(), 2);
    out.push('-');
    push(&mut out, date.day(), 2);
    out
}

/// `7/12/2022` read month first: the other reading of a date written as
/// numbers whose first two could each be the month. Day first is the
/// default ([`parse`]); the record's file name may say otherwise.
pub(crate) fn month_first(text: &str) -> Option<NaiveDate> {
    let text = unwrap(text);
    let mut parts = text.splitn(3, ['/', '.', '-']);
    let first: u32 = parts.next()?.parse().ok()?;
    let second: u32 = parts.next()?.parse().ok()?;
    let rest = parts.next()?;
    let year_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let year: i32 = match year_digits {
        4 => rest[..4].parse().ok()?,
        2 => 2000 + rest[..2].parse::<i32>().ok()?,
        _ => return None,
    };
    if first == second || first > 12 || second > 12 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, first, second)
}

/// Of `date` and its month-first reading `other`, the one nearer the date
/// a record's file name gives (`20220713-x.md` with `Date: 7/12/2022`).
pub(crate) fn nearer(date: NaiveDate, other: Option<NaiveDate>, named: NaiveDate) -> NaiveDate {
    match other {
        Some(other) if (other - named).num_days().abs() < (date - named).num_days().abs() => other,
        _ => date,
    }
}

/// Hyphens and dashes word processors type in place of `-`.
const DASHES: &[char] = &['\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2212}'];

fn parse_ascii(text: &str) -> Option<NaiveDate> {
    let text = unwrap(text);
    if let Some(iso) = text.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        && !text[10..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(date);
    }
    let cleaned = remove_ordinals(text.trim_end_matches('.'));
    const FORMATS: &[&str] = &[
        // `2023-13-10` is no date: which of its numbers is wrong the text
        // does not say, so it is left for `check` to report.
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%d/%m/%y",
        // `7/13/2022`: month first where day first cannot be.
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%d.%m.%y",
        "%d-%m-%Y",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
        "%d-%B-%Y",
        "%d-%b-%Y",
        "%Y%m%d",
    ];
    // chrono's %Y takes any digits: `10/04/18` would be year 18, so a
    // four-digit-year format must give a plausible year.
    FORMATS.iter().find_map(|f| {
        NaiveDate::parse_from_str(&cleaned, f)
            .ok()
            .filter(|d| f.contains("%y") || d.year() >= 1900)
    })
}

/// Month names beyond English, by number, as they are written in dates.
const MONTHS: &[(&str, u32)] = &[
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("maerz", 3),
    ("april", 4),
    ("juni", 6),
    ("juli", 7),
    ("august", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("dezember", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("december", 12),
];

/// `05 de outubro de 2024`, `5 octobre 2024`, `5. März 2021`, `1er mai
/// 2022`: a day, a month named in another language, a four-digit year,
/// with the little words between them left out.
fn spelled(text: &str) -> Option<NaiveDate> {
    if !text.bytes().any(|b| b.is_ascii_digit()) || !text.chars().any(char::is_alphabetic) {
        return None;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.'))
        .filter(|w| !w.is_empty() && !matches!(*w, "de" | "del" | "di" | "le" | "el"))
        .collect();
    let [day, month, year] = words.as_slice() else {
        return None;
    };
    let day = day.trim_end_matches(['º', '°']).trim_end_matches("er");
    let month = MONTHS.iter().find(|(m, _)| m == month)?.1;
    if year.len() != 4 || !day.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month, day.parse().ok()?)
}

/// A date at the start of `text`, and the byte length it takes:
/// `2023-05-03: Mark as rejected`, `July 15 2021: Created by`,
/// `*2018-09-02* Remove`, `24/09/2020 (Updated 27/11/2020)`.
pub(crate) fn leading(text: &str) -> Option<(NaiveDate, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    if let Some((date, len)) = cjk(trimmed) {
        return Some((date, lead + len));
    }
    // Five words: `10 de Novembro de 2024`.
    let mut ends = Vec::with_capacity(5);
    for (i, c) in trimmed.char_indices() {
        if c.is_whitespace() {
            ends.push(i);
            if ends.len() == 5 {
                break;
            }
        }
    }
    if ends.len() < 5 {
        ends.push(trimmed.len());
    }
    ends.iter().find_map(|&end| {
        let word = trimmed[..end].trim_end_matches([':', ',', ';', '-', '–', '—', ' ']);
        let date = parse(word)?;
        // A lone number or year is no date.
        word.contains(|c: char| !c.is_ascii_digit())
            .then_some((date, lead + end))
    })
}

/// `2020年4月24日`, `2020 年 4 月 24 日` (Chinese and Japanese): a date at
/// the start of `text`, whatever follows its `日`, and the byte length it
/// takes.
fn cjk(text: &str) -> Option<(NaiveDate, usize)> {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut rest = text;
    let mut parts = [0u32; 3];
    for (part, mark) in parts.iter_mut().zip(['年', '月', '日']) {
        rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 4 {
            return None;
        }
        *part = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start().strip_prefix(mark)?;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(parts[0]).ok()?, parts[1], parts[2])?;
    Some((date, text.len() - rest.len()))
}

/// Removes what dates are wrapped in: emphasis, backticks, quotes,
/// brackets.
fn unwrap(text: &str) -> &str {
    text.trim()
        .trim_matches(['`', '*', '_', '"', '\'', '[', ']', '(', ')'])
        .trim()
}

/// `8th June` reads as `8 June`, `Sep 5th, 2023` as `Sep 5, 2023`.
fn remove_ordinals(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &word[digits..];
            let (suffix, punct) = rest.split_at(rest.find(',').unwrap_or(rest.len()));
            match suffix {
                "st" | "nd" | "rd" | "th" if digits > 0 => format!("{}{punct}", &word[..digits]),
                _ => word.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [
            (2026, 12, 1),
            (1, 1, 1),
            (0, 2, 29),
            (999, 10, 5),
            (9999, 12, 31),
            (10_000, 1, 1),
            (-5, 3, 4),
        ] {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
            assert_eq!(super::iso(date), date.to_string());
            assert_eq!(super::iso(date), date.format("%Y-%m-%d").to_string());
        }
    }

    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_month_past_twelve_is_no_date() {
        assert_eq!(parse("2024-14-03"), None);
        assert_eq!(parse("2023-13-10"), None);
        assert_eq!(parse("2024-03-04"), ymd(2024, 3, 4));
        assert_eq!(parse("2024-13-13"), None);
        assert_eq!(parse("2024-32-01"), None);
    }

    #[test]
    fn month_first_where_day_first_cannot_be_or_the_name_says_so() {
        assert_eq!(parse("7/13/2022"), ymd(2022, 7, 13));
        assert_eq!(parse("7/12/2022"), ymd(2022, 12, 7));
        assert_eq!(month_first("7/12/2022"), ymd(2022, 7, 12));
        assert_eq!(month_first("07.12.22"), ymd(2022, 7, 12));
        assert_eq!(month_first("7/7/2022"), None);
        assert_eq!(month_first("13/7/2022"), None);
        assert_eq!(month_first("2022-07-12"), None);
        let named = ymd(2022, 7, 13).expect("a date");
        let (day_first, other) = (ymd(2022, 12, 7).expect("a date"), month_first("7/12/2022"));
        assert_eq!(
            nearer(day_first, other, named),
            ymd(2022, 7, 12).expect("a date")
        );
        let named = ymd(2022, 12, 1).expect("a date");
        assert_eq!(nearer(day_first, other, named), day_first);
    }

    #[test]
    fn formats_seen_in_the_wild() {
        assert_eq!(parse("2019-05-01"), ymd(2019, 5, 1));
        assert_eq!(parse("2024-10-31 :ghost:"), ymd(2024, 10, 31));
        assert_eq!(parse("05/02/2018"), ymd(2018, 2, 5));
        assert_eq!(parse("10/04/18"), ymd(2018, 4, 10));
        assert_eq!(parse("June 19, 2018"), ymd(2018, 6, 19));
        assert_eq!(parse("Dec 8, 2020"), ymd(2020, 12, 8));
        assert_eq!(parse("7 April 2020"), ymd(2020, 4, 7));
        assert_eq!(parse("8th June 2023"), ymd(2023, 6, 8));
        assert_eq!(parse("3rd August 2021"), ymd(2021, 8, 3));
        assert_eq!(parse("`04/07/2023`"), ymd(2023, 7, 4));
        assert_eq!(parse("\"2026-03-13\""), ymd(2026, 3, 13));
    }

    #[test]
    fn more_formats() {
        assert_eq!(parse("[2022-10-05]"), ymd(2022, 10, 5));
        assert_eq!(parse("11-April-2023"), ymd(2023, 4, 11));
        assert_eq!(parse("20-Aug-2021"), ymd(2021, 8, 20));
        assert_eq!(parse("Sep 5th, 2023"), ymd(2023, 9, 5));
        assert_eq!(parse("22-10-2024"), ymd(2024, 10, 22));
        assert_eq!(parse("02.04.20"), ymd(2020, 4, 2));
        assert_eq!(parse("2020-2-27"), ymd(2020, 2, 27));
        assert_eq!(parse("July 15 2021"), ymd(2021, 7, 15));
        assert_eq!(parse("*2018-09-02*"), ymd(2018, 9, 2));
        assert_eq!(parse("2024.03.01"), ymd(2024, 3, 1));
    }

    #[test]
    fn chinese_and_japanese_dates() {
        assert_eq!(parse("2019年3月7日"), ymd(2019, 3, 7));
        assert_eq!(parse("2019 年 12 月 31 日"), ymd(2019, 12, 31));
        assert_eq!(parse("2019年2月30日"), None);
        assert_eq!(parse("2019年3月"), None);
        assert_eq!(
            leading("2019年3月7日：初稿"),
            Some((ymd(2019, 3, 7).expect("date"), "2019年3月7日".len()))
        );
    }

    #[test]
    fn leading_dates() {
        assert_eq!(
            leading("2023-05-03: Mark as rejected in favour of ADR-101"),
            Some((ymd(2023, 5, 3).expect("date"), 11))
        );
        assert_eq!(
            leading("July 15 2021: Created by @x").map(|d| d.0),
            ymd(2021, 7, 15)
        );
        assert_eq!(leading("*2018-09-02* Remove").map(|d| d.0), ymd(2018, 9, 2));
        assert_eq!(
            leading("24/09/2020 (Updated 27/11/2020)").map(|d| d.0),
            ymd(2020, 9, 24)
        );
        assert_eq!(
            leading("April 1, 2021: Initial").map(|d| d.0),
            ymd(2021, 4, 1)
        );
        // No month 24: not read as day and month swapped.
        assert_eq!(leading("2023-24-05: Added"), None);
        assert_eq!(leading("2023-24-32: Added"), None);
        assert_eq!(leading("2021 was a year"), None);
        assert_eq!(leading("{date}: {changelog}"), None);
    }

    #[test]
    fn typographic_dashes_and_other_languages() {
        assert_eq!(parse("2025\u{2011}05\u{2011}07"), ymd(2025, 5, 7));
        assert_eq!(parse("05 de outubro de 2024"), ymd(2024, 10, 5));
        assert_eq!(parse("10 de Novembro de 2024"), ymd(2024, 11, 10));
        assert_eq!(parse("3 de marzo de 2021"), ymd(2021, 3, 3));
        assert_eq!(parse("5 octobre 2024"), ymd(2024, 10, 5));
        assert_eq!(parse("1er février 2022"), ymd(2022, 2, 1));
        assert_eq!(parse("5. März 2021"), ymd(2021, 3, 5));
        assert_eq!(parse("12 maggio 2020"), ymd(2020, 5, 12));
        assert_eq!(parse("5 mai 2022"), ymd(2022, 5, 5));
        assert_eq!(
            leading("10 de Novembro de 2024: criado").map(|d| d.0),
            ymd(2024, 11, 10)
        );
        assert_eq!(parse("de outubro"), None);
        assert_eq!(parse("32 de outubro de 2024"), None);
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse("May 2023"), None);
        assert_eq!(parse("DATE"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2024-13-45"), None);
        assert_eq!(parse("ünïcödé 𝔡𝔞𝔱𝔢"), None);
        assert_eq!(parse("dd/mm/YYYY"), None);
        assert_eq!(parse("20240509"), ymd(2024, 5, 9));
    }
}
