//! Values written into a record — titles, link verbs and their reverses,
//! statuses, tags, dates, the texts and targets of links — are one line:
//! a line break in one would add a line, or a whole section, to the
//! record (`Amends\n\n## Status\n\nRejected`). Every operation that writes
//! checks its values here, so the command line, MCP and any other front
//! end refuse the same things with the same error.

use crate::error::{Error, Result};
use crate::record::edit::NewLink;

/// `value`, when it holds no control character other than a tab (and no
/// Unicode line or paragraph separator); `what` names it in the error.
pub(crate) fn one_line<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    let bad = value
        .chars()
        .find(|&c| (c.is_control() && c != '\t') || c == '\u{2028}' || c == '\u{2029}');
    match bad {
        None => Ok(value),
        Some(c) => {
            let shown: String = value.chars().take(80).collect();
            Err(Error::Refused(format!(
                "the {what} {shown:?} holds a control character ({}); values written into a \
                 record must be one line; nothing was changed",
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
        for bad in [
            "a\nb",
            "a\rb",
            "a\u{0}b",
            "a\u{85}b",
            "a\u{2028}b",
            "\u{1b}[31m",
        ] {
            let error = one_line("verb", bad).expect_err(bad);
            assert!(error.to_string().contains("control character"), "{error}");
        }
        assert!(link("Amends", "3. X", "0003-x\n.md").is_err());
    }
}
