//! Dates as people write them in ADRs.

use chrono::{Datelike, NaiveDate};

/// Reads a date written as `2019-05-01`, `05/02/2018` (day first, as the
/// corpus shows), `10/04/18`, `June 19, 2018`, `7 April 2020` or
/// `8th June 2023`. Trailing text (`2024-10-31 :ghost:`) is ignored when the
/// date itself is ISO.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_matches(['`', '*', '_', '"', '\'']).trim();
    if let Some(iso) = text.get(..10)
        && let Ok(date) = NaiveDate::parse_from_str(iso, "%Y-%m-%d")
    {
        return Some(date);
    }
    let cleaned = remove_ordinals(text.trim_end_matches('.'));
    const FORMATS: &[&str] = &[
        "%d/%m/%Y",
        "%d/%m/%y",
        "%d.%m.%Y",
        "%Y/%m/%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%d %B, %Y",
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

/// `8th June` reads as `8 June`.
fn remove_ordinals(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            match &word[digits..] {
                "st" | "nd" | "rd" | "th" if digits > 0 => &word[..digits],
                _ => word,
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
    fn not_dates() {
        assert_eq!(parse("May 2023"), None);
        assert_eq!(parse("DATE"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("2024-13-45"), None);
        assert_eq!(parse("ünïcödé 𝔡𝔞𝔱𝔢"), None);
    }
}
