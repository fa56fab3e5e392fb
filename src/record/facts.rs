//! What `adr check` needs from a record's text beyond the parsed record:
//! template prompts left in, and relative links written in the body.
//! They depend on the text alone, so the record cache keeps them and a
//! check on a warm cache reads no body.

use pulldown_cmark::{Event, Parser, Tag};

use super::front_matter;
use super::lines::{Fence, lines};

/// Text that templates ship and authors are meant to replace.
pub(crate) const TEMPLATE_TEXT: &[&str] = &[
    "The issue motivating this decision, and any context that influences or constrains the decision.",
    "The change that we're proposing or have agreed to implement.",
    "What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.",
    "Describe the context and problem statement in two or three sentences",
    "{short title of solved problem and solution}",
    "{Describe the context and problem statement",
    "{title of option 1}",
    "{Deprecated|Proposed|Accepted",
    "{proposed | rejected | accepted",
    "{ADR-NUMBER}",
    "Chosen option: \"Option 1\", because it is the only option",
    "What we decided, in one or two sentences.",
    "Why this option over the others we considered.",
    "What limits this decision: budgets, deadlines, rules, other decisions.",
    "What we do if this turns out wrong, and how we would notice.",
];

/// A template prompt left in a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TemplateHit {
    pub(crate) line: usize,
    /// 1-based, in characters.
    pub(crate) column: usize,
    /// Which of [`TEMPLATE_TEXT`].
    pub(crate) prompt: usize,
}

/// The facts of one record's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TextFacts {
    pub(crate) template: Vec<TemplateHit>,
    /// Relative links to Markdown files in the body, with their lines.
    pub(crate) body_links: Vec<(usize, String)>,
    /// A hash of the whole text ([`digest`]), so that what is made from
    /// it (the site's pages) can tell an unchanged text without reading it.
    pub(crate) digest: u64,
    /// The id git gives the text as a blob (`None`: no text was read), so
    /// that whether a record differs from its last commit is known
    /// without reading and hashing every record again.
    pub(crate) blob: Option<[u8; 20]>,
}

impl TextFacts {
    pub(crate) fn of(text: &str) -> Self {
        Self {
            template: template_hits(text),
            body_links: body_links(text),
            digest: digest(text),
            blob: Some(blob_id(text.as_bytes())),
        }
    }
}

/// The object id git gives `bytes` as a blob: SHA-1 of `blob <size>\0`
/// and the bytes. Computed here rather than by libgit2, whose
/// collision-detecting SHA-1 cost half of a re-export on a log of 10,000
/// records; an id only ever compared with the ids of HEAD's tree needs
/// no collision detection.
pub(crate) fn blob_id(bytes: &[u8]) -> [u8; 20] {
    use sha1::Digest;
    let mut hasher = sha1::Sha1::new();
    hasher.update(b"blob ");
    hasher.update(bytes.len().to_string().as_bytes());
    hasher.update([0]);
    hasher.update(bytes);
    hasher.finalize().into()
}

/// A 64-bit hash of a text, eight bytes a step: stable across builds and
/// platforms (it is kept in caches), not meant to resist an adversary
/// (whoever can choose the text can change the page anyway).
pub(crate) fn digest(text: &str) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes = text.as_bytes();
    let mut h: u64 = 0x51_7cc1_b727_220a ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut mix = |word: u64| {
        h = (h ^ word).wrapping_mul(K).rotate_left(31);
    };
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        mix(u64::from_le_bytes(word));
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    mix(u64::from_le_bytes(last));
    // A final avalanche, so that texts differing in one byte differ in
    // about half the bits.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// A relative link to a Markdown file, as opposed to an id like `ADR-12`.
pub(crate) fn is_path(raw: &str) -> bool {
    let path = raw.split(['#', '?']).next().unwrap_or("");
    path.contains('/') || path.to_ascii_lowercase().ends_with(".md")
}

fn template_hits(text: &str) -> Vec<TemplateHit> {
    // One pass of a vectorised search per prompt over the whole text; the
    // line scan runs only for a text that holds one.
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    let finders = FINDERS.get_or_init(|| {
        TEMPLATE_TEXT
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()))
            .collect()
    });
    let mut hits = Vec::new();
    if !finders.iter().any(|f| f.find(text.as_bytes()).is_some()) {
        return hits;
    }
    let mut fence = Fence::default();
    for line in lines(text, 0, 1) {
        if fence.is_code(line.text) {
            continue;
        }
        if let Some(prompt) = TEMPLATE_TEXT.iter().position(|n| line.text.contains(n)) {
            let column = line
                .text
                .find(TEMPLATE_TEXT[prompt])
                .map_or(1, |c| line.text[..c].chars().count() + 1);
            hits.push(TemplateHit {
                line: line.number,
                column,
                prompt,
            });
        }
    }
    hits
}

fn body_links(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text);
    let body = split.body;
    let mut found = Vec::new();
    // Most records link nowhere: no parse for a body without a `](` or a
    // reference definition's `]:`.
    if memchr::memchr(b']', body.as_bytes()).is_none() && !body.contains('<') {
        return found;
    }
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1))
        .collect();
    for (event, range) in Parser::new(body).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = event {
            let dest = dest_url.trim();
            let is_relative =
                !dest.contains(':') && !dest.starts_with('#') && !dest.starts_with("//");
            if is_relative && is_path(dest) {
                let line = line_starts.partition_point(|&s| s <= range.start);
                found.push((split.body_first_line + line - 1, dest.to_string()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_ids_are_the_ids_git_gives() {
        let long = "é".repeat(40_000);
        for text in [
            "",
            "# 1. Use X\n",
            "a\r\nb\r\n",
            "\u{feff}# 日本語\n",
            long.as_str(),
        ] {
            let git = git2::Oid::hash_object(git2::ObjectType::Blob, text.as_bytes())
                .expect("git hashes");
            assert_eq!(&blob_id(text.as_bytes())[..], git.as_bytes(), "{text:?}");
        }
    }

    #[test]
    fn digest_follows_every_byte() {
        let base = digest("# 1. Use X\n\nAccepted\n");
        assert_eq!(base, digest("# 1. Use X\n\nAccepted\n"));
        assert_ne!(base, digest("# 1. Use X\n\nAccepted\n\n"));
        assert_ne!(base, digest("# 1. Use Y\n\nAccepted\n"));
        assert_ne!(digest("a"), digest("a\0"));
        assert_ne!(digest(""), digest("\0"));
    }

    #[test]
    fn body_links_with_lines() {
        let text = "---\na: 1\n---\n# T\n\nSee [x](0002-x.md) and [web](https://e.com/a.md).\n\n[y](../y/README.md#top)\n";
        assert_eq!(
            body_links(text),
            [
                (6, "0002-x.md".to_string()),
                (8, "../y/README.md#top".to_string())
            ]
        );
    }

    #[test]
    fn autolinks_and_references_are_still_seen() {
        assert!(body_links("# T\n\n<0002-x.md>\n").is_empty());
        let text = "# T\n\nSee [x].\n\n[x]: 0002-x.md\n";
        assert_eq!(body_links(text), [(3, "0002-x.md".to_string())]);
    }

    #[test]
    fn template_prompts_with_columns() {
        let text = "# T\n\n  {ADR-NUMBER} here\n\n```\n{ADR-NUMBER}\n```\n";
        let facts = TextFacts::of(text);
        assert_eq!(
            facts.template,
            [TemplateHit {
                line: 3,
                column: 3,
                prompt: 9
            }]
        );
    }
}
