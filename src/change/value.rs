//! Values written into a record — titles, link verbs and their reverses,
//! statuses, tags, dates, the texts and targets of links — are one line:
//! a line break in one would add a line, or a whole section, to the
//! record (`Amends\n\n## Status\n\nRejected`). Every operation that writes
//! checks its values here, so the command line, MCP and any other front
//! end refuse the same things with the same error.

use crate::error::{Error, Result};
use crate::record::edit::NewLink;

/// Whether `c` may not be written into a record or a folder name: a
/// control character other than a tab (C0, DEL, C1 with NEL), a Unicode
/// line or paragraph separator (a line break to many readers), a bidi
/// embedding, override or isolate (text shown in another order than it
/// is, "Trojan Source"), or an invisible character that makes two
/// different values look the same (zero-width space, word joiner, BOM).
/// The zero-width joiner and non-joiner stay: emoji and Persian need them.
pub(crate) fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `value`, when it holds no [`forbidden`] character; `what` names it in
/// the error.
pub(crate) fn one_line<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    let bad = value.chars().find(|&c| forbidden(c));
    match bad {
        None => Ok(value),
        Some(c) => {
            let shown: String = value.chars().take(80).collect();
            Err(Error::Refused(format!(
                "the {what} {shown:?} holds a control character or an invisible one ({}); values \
                 written into a record must be one line, shown as written; nothing was changed",
                c.escape_unicode()
            )))
        }
    }
}

/// A link whose verb, text and target are each one line.
pub(crate) fn link<'a>(verb: &'a str, text: &'a str, target: &'a str) -> Result<NewLink<'a>> {
    Ok(NewLink {
        verb: one_line("link verb", verb)?,
        text: one_line("link text", text)?,
        target: one_line("link target (a file name)", target)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_controls_are_refused() {
        assert!(one_line("verb", "Amends").is_ok());
        assert!(one_line("title", "Tabs\tstay").is_ok());
        assert!(one_line("title", "Emoji \u{1F469}\u{200D}\u{1F4BB} and \u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}").is_ok());
        for bad in [
            "a\nb",
            "a\rb",
            "a\u{0}b",
            "a\u{85}b",
            "a\u{2028}b",
            "\u{1b}[31m",
            "a\u{202e}b",
            "a\u{2066}b",
            "a\u{200b}b",
            "\u{feff}a",
        ] {
            let error = one_line("verb", bad).expect_err(bad);
            assert!(error.to_string().contains("control character"), "{error}");
        }
        assert!(link("Amends", "3. X", "0003-x\n.md").is_err());
    }
}
