//! Dates as people write them in ADRs.

use chrono::{Datelike, NaiveDate};

/// Reads a date written as `2019-05-01`, `2020-2-27`, `[2022-10-05]`,
/// `05/02/2018` (day first, as the corpus shows), `10/04/18`,
/// `22-10-2024`, `02.04.20`, `June 19, 2018`, `Sep 5th, 2023`,
/// `11-April-2023`, `20-Aug-2021`, `7 April 2020` or `8th June 2023`.
/// Trailing text (`2024-10-31 :ghost:`) is ignored when the date itself is
/// ISO.
pub(crate) fn parse(text: &str) -> Option<NaiveDate> {
    let text = unwrap(text);
    if let Some(iso) = text.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        && !text[10..].starts_with(|c: char| c.is_ascii_digit())
    {
        return Some(date);
    }
    let cleaned = remove_ordinals(text.trim_end_matches('.'));
    const FORMATS: &[&str] = &[
        "%Y-%m-%d",
        "%d/%m/%Y",
        "%d/%m/%y",
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

/// A date at the start of `text`, and the byte length it takes:
/// `2023-05-03: Mark as rejected`, `July 15 2021: Created by`,
/// `*2018-09-02* Remove`, `24/09/2020 (Updated 27/11/2020)`.
pub(crate) fn leading(text: &str) -> Option<(NaiveDate, usize)> {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let mut ends = Vec::with_capacity(4);
    for (i, c) in trimmed.char_indices() {
        if c.is_whitespace() {
            ends.push(i);
            if ends.len() == 4 {
                break;
            }
        }
    }
    if ends.len() < 4 {
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
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
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
        assert_eq!(leading("2023-24-05: Added"), None);
        assert_eq!(leading("2021 was a year"), None);
        assert_eq!(leading("{date}: {changelog}"), None);
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
