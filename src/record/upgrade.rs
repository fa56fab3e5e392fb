//! Bringing records written by older adr-tools up to date, as
//! `adr upgrade-repository` does.
//!
//! adr-tools 1.x wrote dates as `Date: DD/MM/YYYY`; later versions write
//! ISO 8601. Its upgrade rewrites the first such date of every line and
//! leaves everything else alone, and so does this, with two cautions
//! adr-tools' `sed` lacks: a date inside fenced code is an example, not the
//! record's date, and a date run into more digits (`12/01/19920`) is not
//! one it understands, so both stay as written.

use super::lines::{Fence, lines};

const LABEL: &str = "Date: ";

/// The text with every old-style `Date: DD/MM/YYYY` rewritten as
/// `Date: YYYY-MM-DD`; the text itself when nothing is old.
pub(crate) fn iso_dates(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence = Fence::default();
    let mut copied = 0;
    for line in lines(text, 0, 1) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some((at, iso)) = first_old_date(line.text) {
            let from = line.start + at + LABEL.len();
            out.push_str(&text[copied..from]);
            out.push_str(&iso);
            copied = from + "DD/MM/YYYY".len();
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Where the first `Date: DD/MM/YYYY` of a line starts, and the date in ISO
/// form.
fn first_old_date(line: &str) -> Option<(usize, String)> {
    let bytes = line.as_bytes();
    line.match_indices(LABEL).find_map(|(at, _)| {
        let start = at + LABEL.len();
        let shape = bytes
            .get(start..start + 10)?
            .iter()
            .enumerate()
            .all(|(i, b)| {
                if i == 2 || i == 5 {
                    *b == b'/'
                } else {
                    b.is_ascii_digit()
                }
            });
        let ends = !bytes.get(start + 10).is_some_and(u8::is_ascii_digit);
        (shape && ends).then(|| {
            // Ten ASCII bytes: the slice is on character boundaries.
            let date = &line[start..start + 10];
            (at, format!("{}-{}-{}", &date[6..], &date[3..5], &date[..2]))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_dates_become_iso() {
        assert_eq!(
            iso_dates("# 2. X\n\nDate: 12/01/1992\n\n## Status\n"),
            "# 2. X\n\nDate: 1992-01-12\n\n## Status\n"
        );
    }

    #[test]
    fn iso_and_other_text_stay() {
        for text in [
            "Date: 1992-01-12\n",
            "date: 12/01/1992\n",
            "Date: 1/1/1992\n",
            "Date: 12/01/19920\n",
            "Date: 12-01-1992\n",
            "Update: nothing\n",
            "",
        ] {
            assert_eq!(iso_dates(text), text);
        }
    }

    #[test]
    fn the_first_date_of_each_line_changes() {
        assert_eq!(
            iso_dates("Date: 01/02/2003, Date: 04/05/2006\r\nDate: 07/08/2009"),
            "Date: 2003-02-01, Date: 04/05/2006\r\nDate: 2009-08-07"
        );
        assert_eq!(
            iso_dates("Review Date: 01/02/2003\n"),
            "Review Date: 2003-02-01\n"
        );
        assert_eq!(
            iso_dates("Date: 1/02/2003 Date: 01/02/2003\n"),
            "Date: 1/02/2003 Date: 2003-02-01\n"
        );
    }

    #[test]
    fn fenced_code_stays() {
        let text = "Date: 01/02/2003\n\n```\nDate: 01/02/2003\n```\n";
        assert_eq!(
            iso_dates(text),
            "Date: 2003-02-01\n\n```\nDate: 01/02/2003\n```\n"
        );
    }

    #[test]
    fn multi_byte_text_around_dates_is_kept() {
        assert_eq!(
            iso_dates("Décision Date: 01/02/2003 é\nDate: 0é/02/2003\n"),
            "Décision Date: 2003-02-01 é\nDate: 0é/02/2003\n"
        );
    }
}
