//! File-name slugs, compatible with adr-tools for ASCII titles.

/// Longest slug written, so that `NNNN-slug.md` stays a legal file name.
const MAX_SLUG_BYTES: usize = 200;

/// Makes the slug adr-tools makes (`Something About Node.JS` →
/// `something-about-node-js`), after transliterating non-ASCII text
/// (`Café` → `cafe`, `数据库` → `shu-ju-ku`) instead of dropping it.
/// Empty when the title has no letter or digit at all.
pub fn slugify(title: &str) -> String {
    let ascii = deunicode::deunicode(title);
    let mut slug = String::with_capacity(ascii.len());
    let mut gap = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    if slug.len() > MAX_SLUG_BYTES {
        let cut = slug[..MAX_SLUG_BYTES].rfind('-').unwrap_or(MAX_SLUG_BYTES);
        slug.truncate(cut);
    }
    slug
}

/// A slug that keeps letters and digits of every script, lower-cased:
/// `数据库选择` stays `数据库选择`, `Use Postgres` gives `use-postgres`.
pub fn slugify_unicode(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    let mut gap = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    if slug.len() > MAX_SLUG_BYTES {
        let mut cut = MAX_SLUG_BYTES;
        while !slug.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = slug[..cut].rfind('-').unwrap_or(cut);
        slug.truncate(cut);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adr_tools_cases() {
        assert_eq!(
            slugify("Something About Node.JS"),
            "something-about-node-js"
        );
        assert_eq!(slugify("Slash/Slash/Slash/"), "slash-slash-slash");
        assert_eq!(slugify("-Bar-"), "bar");
        assert_eq!(slugify("The First Decision"), "the-first-decision");
        assert_eq!(
            slugify("record-architecture-decisions"),
            "record-architecture-decisions"
        );
    }

    #[test]
    fn non_ascii_is_transliterated() {
        assert_eq!(slugify("Café"), "cafe");
        assert_eq!(
            slugify("Bruk log4brains til å håndtere"),
            "bruk-log4brains-til-a-handtere"
        );
        assert!(!slugify("数据库选择").is_empty());
        assert_eq!(slugify("!!! ???"), "");
    }

    #[test]
    fn unicode_slugs_keep_letters() {
        assert_eq!(slugify_unicode("数据库 选择"), "数据库-选择");
        assert_eq!(slugify_unicode("Use Postgres!"), "use-postgres");
        assert_eq!(slugify_unicode("Café"), "café");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = slugify(&"word ".repeat(100));
        assert!(slug.len() <= MAX_SLUG_BYTES);
        assert!(slug.ends_with("word"));
    }
}
