//! Percent-encoding of paths in URLs, and decoding of link targets, with
//! the `percent-encoding` crate: one set of rules for every output.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// What a site path keeps as is: letters, digits, `-_.~` and `/`; all else
/// (`#`, `+`, `%`, spaces, non-ASCII letters) is encoded.
const SITE_PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

/// What a URI path keeps besides that: the sub-delimiters RFC 3986 allows
/// in a path.
const URI_PATH: &AsciiSet = &SITE_PATH
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// A path of the static site, each segment encoded, `/` kept.
pub(crate) fn encode_site_path(path: &str) -> String {
    utf8_percent_encode(path, SITE_PATH).to_string()
}

/// A path as a URI reference (`adr:///doc/adr/…`, SARIF locations).
pub(crate) fn encode_uri_path(path: &str) -> String {
    utf8_percent_encode(path, URI_PATH).to_string()
}

/// A link target as written, decoded (`use%20x.md` → `use x.md`); bytes
/// that are not UTF-8 once decoded are replaced.
pub(crate) fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_decodes() {
        assert_eq!(
            encode_site_path("0024-use-#-as-indicator+x å.html"),
            "0024-use-%23-as-indicator%2Bx%20%C3%A5.html"
        );
        assert_eq!(
            encode_uri_path("doc/adr/use x?#é+(1).md"),
            "doc/adr/use%20x%3F%23%C3%A9+(1).md"
        );
        assert_eq!(decode("use%20x%3F%23%C3%A9.md"), "use x?#é.md");
        assert_eq!(decode("100%"), "100%", "a lone % stays");
        assert_eq!(decode("%zz%4"), "%zz%4");
    }
}
