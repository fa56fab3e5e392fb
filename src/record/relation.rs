//! Relations as written, and recognising the relation lines adr-tools
//! writes, such as `Superseded by [3. Use X](0003-use-x.md)`.

use super::LinkSource;
use super::name;
use super::status::strip_decoration;

/// A relation as written in a file, before it is resolved to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relation {
    /// The verb as written: `Superseded by`, `Amends`, `Invalidated by`.
    pub verb: String,
    /// The target as written: a path, a file name, or an id like `ADR-12`.
    pub target: String,
    /// The link text, when the target came from a Markdown link.
    pub text: Option<String>,
    /// The target is the label of a reference-style link (`[ADR 9]`),
    /// to be looked up among the document's link definitions.
    pub by_reference: bool,
    /// The label's definition (`[ADR 9]: @ref rest_adr_0009`), once found.
    pub definition: Option<String>,
    /// Where in the file the relation is stated.
    pub source: LinkSource,
    /// No verb is written: a record listed under `## References` relates
    /// to this one.
    pub implied: bool,
    /// Written as a relation: a list line `- Verb [text](target)` (the form
    /// tools write, log4brains' `## Links`) or a `**Verb**:` key, as
    /// opposed to a sentence.
    pub listed: bool,
}

impl Relation {
    /// A relation from a status value or the Status section.
    pub(crate) fn status(
        verb: String,
        target: String,
        text: Option<String>,
        by_reference: bool,
    ) -> Self {
        Self {
            verb,
            target,
            text,
            by_reference,
            definition: None,
            source: LinkSource::Status,
            implied: false,
            listed: false,
        }
    }
}

/// A target that looks like a record's file, whether or not it exists:
/// `0003-x.md`, `../../docs/adr/20201028-links.md`, `adr-5.md`; not
/// `requirements.md` or `rfc-003-x.md`.
pub(crate) fn looks_like_record_path(target: &str) -> bool {
    let path = target.split(['#', '?']).next().unwrap_or("");
    if !(path.contains('/') || path.to_ascii_lowercase().ends_with(".md")) {
        return false;
    }
    let file = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path);
    let stem = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".MD"))
        .unwrap_or(file);
    name::number(stem).is_some() || name::date_prefix(stem).is_some()
}

/// Whether a target written in a list of related records names a record,
/// found or not: a record's file (`0042-x.md`, `../other/7.md`), an id
/// (`ADR-0042`, `ADR 42`, `adr‑042`, `DR008`), or a Markdown file linked
/// with an id as its text (`[ADR-7](../other/seven.md)`). A ticket
/// (`JIRA-123`), a page (`../specs/requirements.md`) or an anchor is not.
///
/// With `unlike_the_log` (a file in another folder, named unlike the log's
/// records), a number in the file's name is not enough: its text must be
/// an id.
pub(crate) fn names_a_record(target: &str, text: Option<&str>, unlike_the_log: bool) -> bool {
    // Only a Markdown file can be a record: a folder that is not one of
    // the log's (`../../specs/0001-kafka/`) is some other document's.
    let path = target.split(['#', '?']).next().unwrap_or("");
    let markdown = path.to_ascii_lowercase().ends_with(".md");
    if markdown && !unlike_the_log && looks_like_record_path(target) {
        return true;
    }
    match text {
        Some(text) => markdown && is_id(leading_id(text), false),
        None => is_id(target, true),
    }
}

/// The id a link's text opens with: `ADR-7` of `ADR-7: Use X`.
fn leading_id(text: &str) -> &str {
    let text = text.trim();
    let Some(digits) = text.find(|c: char| c.is_ascii_digit()) else {
        return text;
    };
    let end = text[digits..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |e| digits + e);
    &text[..end]
}

/// `ADR-0042`, `ADR 42`, `adr‑042`, `ADRs 60`, `DR008`: an id as the
/// reader finds it in text, not a file name; with `number`, also the
/// number alone that a list of ids goes on with (`ADRs 60 and 61`).
fn is_id(target: &str, number: bool) -> bool {
    let t = target.trim();
    if t.contains('/') || t.to_ascii_lowercase().ends_with(".md") {
        return false;
    }
    if number && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    let rest = ["adrs", "adr", "drs", "dr"]
        .iter()
        .find_map(|p| lower.strip_prefix(p));
    rest.is_some_and(|r| {
        let digits =
            r.trim_start_matches(|c: char| matches!(c, ' ' | '#' | '_') || name::is_dash(c));
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The file name a web address ends with, when it is a Markdown file:
/// `https://github.com/o/r/blob/main/docs/adr/adr-053-x.md` → `adr-053-x.md`.
pub(crate) fn url_file_name(url: &str) -> Option<&str> {
    if !url.contains("://") {
        return None;
    }
    let path = url.split(['#', '?']).next().unwrap_or("");
    let file = path.rsplit('/').next()?;
    (file.len() > 3 && file.to_ascii_lowercase().ends_with(".md")).then_some(file)
}

/// Relation verbs every reader knows, lower-cased. Other verbs are accepted
/// where adr-tools writes links (the Status section) but not in prose.
const KNOWN_VERBS: &[&str] = &[
    "superseded by",
    "superceded by",
    "supersedes",
    "supercedes",
    "superseeds",
    "amended by",
    "amends",
    "extended by",
    "extends",
    "clarified by",
    "clarifies",
    "relates to",
    "related to",
    "replaced by",
    "replaces",
    "refined by",
    "refines",
    "invalidated by",
    "invalidates",
    "depends on",
];

/// Where a line was found decides how freely it is read. (The reader
/// reads prose with [`super::prose`]; this is what edits use.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// A Status or Links section, or a status value: any short verb phrase
    /// before a link is a relation, as adr-tools writes them.
    Relations,
}

/// Reads one line as a relation, if it is one: the test edits use for
/// "is this a relation line" (the reader itself reads more).
pub(crate) fn parse_line(line: &str, context: Context) -> Option<Relation> {
    let line = strip_decoration(line.trim_start_matches(['-', '*', '+', ' ']));
    // `**Extends**: [..](..)` reads as `Extends: [..](..)`.
    let unbolded;
    let line = if line.contains("**") {
        unbolded = line.replace("**", "");
        unbolded.as_str()
    } else {
        line
    };
    match line.find('[') {
        Some(open) => linked(line, open, context),
        None => bare(line),
    }
}

/// `Verb [text](target)` or `Verb [text]` (a reference-style link).
fn linked(line: &str, open: usize, context: Context) -> Option<Relation> {
    let lead = line[..open].trim().trim_end_matches(':').trim_end();
    let verb = match context {
        Context::Relations if is_verb_phrase(lead) => lead.to_string(),
        Context::Relations => known_verb_ending(lead)?,
    };
    let (text, target, by_reference) = markdown_link(&line[open..])?;
    if !by_reference && !is_record_target(&target) {
        return None;
    }
    Some(Relation::status(verb, target, Some(text), by_reference))
}

/// `Superseded by ADR025`, `Superseded by 028-react-context-api.md`.
fn bare(line: &str) -> Option<Relation> {
    let lower = line.to_lowercase();
    let verb = KNOWN_VERBS.iter().find(|v| {
        lower.starts_with(*v) && lower[v.len()..].starts_with(|c: char| c.is_whitespace())
    })?;
    let rest = line[verb.len()..].trim_start();
    let token = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | '('))
        .next()?
        .trim_end_matches(['.', ':']);
    looks_like_reference(token).then(|| {
        Relation::status(
            line[..verb.len()].to_string(),
            token.to_string(),
            None,
            false,
        )
    })
}

/// A short phrase of words: `Amended by`, `Invalidated by`, `Clarifies`.
fn is_verb_phrase(lead: &str) -> bool {
    let words = lead.split_whitespace().count();
    (1..=5).contains(&words)
        && lead
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
}

/// Finds a known verb at the end of a lead such as
/// `This decision has been superseded by decision`, keeping its spelling.
fn known_verb_ending(lead: &str) -> Option<String> {
    let lower = lead.to_lowercase();
    let trimmed = ["decisions", "decision", "adrs", "adr"]
        .iter()
        .find_map(|noun| lower.strip_suffix(noun))
        .unwrap_or(&lower)
        .trim_end();
    let words = trimmed.split_whitespace().count();
    if words > 8 || !trimmed.chars().all(|c| c.is_alphabetic() || c == ' ') {
        return None;
    }
    let verb = KNOWN_VERBS.iter().find(|v| {
        trimmed.ends_with(*v)
            && (trimmed.len() == v.len() || trimmed[..trimmed.len() - v.len()].ends_with(' '))
    })?;
    let start = trimmed.len() - verb.len();
    // The lower-cased text has the same byte length for these ASCII verbs.
    lead.get(start..start + verb.len()).map(str::to_string)
}

/// Web addresses, mail addresses and in-page anchors are not records.
pub(crate) fn is_record_target(target: &str) -> bool {
    let t = target.trim_start_matches('\\');
    !(t.starts_with('#') || t.contains("://") || t.starts_with("mailto:") || t.starts_with("www."))
}

/// Parses `[text](target "title")`, `[text](<target>)` or `[text]`; the
/// flag tells a reference-style link, whose target is its label.
fn markdown_link(s: &str) -> Option<(String, String, bool)> {
    let inner = s.strip_prefix('[')?;
    let mut depth = 0usize;
    let mut escaped = false;
    let close = inner.char_indices().find_map(|(i, c)| {
        if std::mem::take(&mut escaped) {
            return None;
        }
        match c {
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' => depth -= 1,
            _ => {}
        }
        None
    })?;
    let text = inner[..close].replace("\\[", "[").replace("\\]", "]");
    let after = &inner[close + 1..];
    let Some(dest) = after.strip_prefix('(') else {
        // A reference-style link: its label is what names the target.
        let label = match after.strip_prefix('[') {
            Some(rest) => rest.split(']').next().filter(|l| !l.is_empty()),
            None => None,
        };
        let target = label.unwrap_or(&text).to_string();
        return (!target.trim().is_empty()).then_some((text, target, true));
    };
    let dest = dest.trim_start();
    let target = if let Some(angled) = dest.strip_prefix('<') {
        angled.split('>').next()?.to_string()
    } else {
        dest.split(|c: char| c.is_whitespace() || c == ')')
            .next()?
            .to_string()
    };
    (!target.is_empty()).then_some((text, target, false))
}

/// A link reference definition: `[label]: target`, with Doxygen's
/// `[ADR 9]: @ref rest_adr_0009` read as the id after `@ref`.
pub(crate) fn definition(line: &str) -> Option<(String, String)> {
    let rest = line
        .strip_prefix('[')
        .or_else(|| line.trim_start().strip_prefix('['))?;
    let close = rest.find("]:")?;
    let label = rest[..close].trim();
    // `[^1]: Superseded by …` is a footnote, text to read.
    if label.starts_with('^') {
        return None;
    }
    let mut words = rest[close + 2..].split_whitespace();
    let mut target = words.next()?;
    if target == "@ref" {
        target = words.next()?;
    }
    let target = target.trim_start_matches('<').trim_end_matches('>');
    (!label.is_empty() && !target.is_empty()).then(|| (label.to_lowercase(), target.to_string()))
}

/// `ADR025`, `ADR-0057`, `DR008`, `12`, `0028-react.md`.
fn looks_like_reference(token: &str) -> bool {
    let lower = token.to_lowercase();
    let id = lower
        .trim_start_matches("adr")
        .trim_start_matches("dr")
        .trim_start_matches(['-', '#', '_']);
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        || (lower.ends_with(".md") && lower.len() > 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(verb: &str, target: &str) -> Option<Relation> {
        Some(Relation::status(verb.into(), target.into(), None, false))
    }

    fn parse(line: &str) -> Option<(String, String)> {
        parse_line(line, Context::Relations).map(|r| (r.verb, r.target))
    }

    #[test]
    fn adr_tools_lines() {
        assert_eq!(
            parse("Superseded by [3. A better idea](0003-a-better-idea.md)"),
            Some(("Superseded by".into(), "0003-a-better-idea.md".into()))
        );
        assert_eq!(
            parse("Clarified by [1. Record](0001-record.md)"),
            Some(("Clarified by".into(), "0001-record.md".into()))
        );
        assert_eq!(
            parse("Invalidated by [2. X](0002-x.md)"),
            Some(("Invalidated by".into(), "0002-x.md".into()))
        );
    }

    #[test]
    fn decorated_lines() {
        assert_eq!(
            parse("⌛️ Superseded by [036. Multi-cluster](036-multi-cluster.md)"),
            Some(("Superseded by".into(), "036-multi-cluster.md".into()))
        );
        assert_eq!(
            parse("- Supersedes [Use X](20200101-use-x.md)"),
            Some(("Supersedes".into(), "20200101-use-x.md".into()))
        );
        assert_eq!(
            parse("**Extends**: [ADR 0053 — Box](0053-box.md)"),
            Some(("Extends".into(), "0053-box.md".into()))
        );
        assert_eq!(
            parse("Superseded by [x](<a b.md>)"),
            Some(("Superseded by".into(), "a b.md".into()))
        );
    }

    #[test]
    fn bare_references() {
        assert_eq!(
            parse_line("Superseded by ADR025", Context::Relations),
            rel("Superseded by", "ADR025")
        );
        assert_eq!(
            parse_line("superseded by ADR-0057", Context::Relations),
            rel("superseded by", "ADR-0057")
        );
        assert_eq!(
            parse_line("Superseded by 028-react-context-api.md", Context::Relations),
            rel("Superseded by", "028-react-context-api.md")
        );
        assert_eq!(
            parse_line("Superseded by the new stuff", Context::Relations),
            None
        );
    }

    #[test]
    fn reference_style_links() {
        assert_eq!(
            parse("Superseded by [ADR 9] - with the addition of read models"),
            Some(("Superseded by".into(), "ADR 9".into()))
        );
    }

    #[test]
    fn urls_and_anchors_are_not_records() {
        assert_eq!(
            parse("Tracking issue: [\\#81](https://github.com/x/y/issues/81)"),
            None
        );
        assert_eq!(
            parse("Tracking issue: [\\#81]"),
            Some(("Tracking issue".into(), "\\#81".into()))
        );
        assert_eq!(parse("Related to [docs](https://example.com/a.md)"), None);
        assert_eq!(parse("Relates to [intro](#intro)"), None);
    }

    #[test]
    fn what_names_a_record_when_none_is_found() {
        for (target, text) in [
            ("ADR-0042", None),
            ("ADR 42", None),
            ("adr-042", None),
            ("ADR\u{2011}0001", None),
            ("ADR\u{2013}7", None),
            ("ADR\u{2212}7", None),
            ("DR008", None),
            ("61", None),
            ("0042-some-slug.md", None),
            ("../other/7.md", Some("ADR-7")),
            ("../other/seven.md", Some("ADR-7: Use X")),
        ] {
            assert!(names_a_record(target, text, false), "{target}");
        }
        for (target, text) in [
            ("JIRA-123", None),
            ("ADR", None),
            ("ADRs", None),
            ("adrift-3", None),
            ("../notes/design.md", Some("Design notes")),
            ("../notes/twelve.md", Some("12 factors")),
            ("../../specs/0001-kafka/", Some("Spec 1")),
            ("../other/seven.md", Some("RFC 7")),
        ] {
            assert!(!names_a_record(target, text, false), "{target}");
        }
        // Another folder's file named unlike the log's records: only an id
        // as its text makes it one.
        assert!(!names_a_record(
            "../plan/01-analysis.md",
            Some("plan/01-analysis.md"),
            true
        ));
        assert!(!names_a_record(
            "../plan/01-analysis.md#4-keep",
            Some("analysis §4"),
            true
        ));
        assert!(names_a_record("../other/07-x.md", Some("ADR-7"), true));
    }

    #[test]
    fn definitions() {
        assert_eq!(
            definition("[ADR 9]: @ref rest_adr_0009"),
            Some(("adr 9".into(), "rest_adr_0009".into()))
        );
        assert_eq!(
            definition("[practically-secure]: @/documentation/adrs/x.md"),
            Some((
                "practically-secure".into(),
                "@/documentation/adrs/x.md".into()
            ))
        );
        assert_eq!(definition("[not a def] text"), None);
    }

    #[test]
    fn status_text_is_not_a_relation() {
        assert_eq!(parse("Accepted"), None);
        assert_eq!(parse("Rejected (see [019](019-Shared.md))"), None);
        assert_eq!(parse("Accepted ([\\#1484])"), None);
        assert_eq!(
            parse("Accepted. Tracking issue: [#2803][tracking-issue]."),
            None
        );
    }

    #[test]
    fn long_leads_need_a_known_verb() {
        let line = "This decision has been superseded by decision: [0022 Proxy](0022-proxy.md)";
        assert_eq!(
            parse_line(line, Context::Relations).map(|r| (r.verb, r.target)),
            Some(("superseded by".into(), "0022-proxy.md".into()))
        );
        assert_eq!(
            parse_line(
                "Some of us have now read all of [the docs](docs.md)",
                Context::Relations
            ),
            None
        );
    }
}
