//! Places in running text that name a record: Markdown links, reference
//! links, autolinks, and bare ids such as `ADR 111`, `ADR-0011`, `DR008`,
//! `ADRs 60 and 61` or a file name like `0028-react-context-api.md`.

use super::name;

/// How a mention is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// `[text](path)`.
    Link,
    /// `[text][label]` or `[label]`: the target is the label, looked up
    /// among the document's link definitions.
    Reference,
    /// `[text](https://…)` or `<https://…>`: a record only when the last
    /// path segment is a record's file name.
    Url,
    /// `ADR 111`, `DR008`, `0028-x.md`: no link at all.
    Bare,
}

/// One mention, by byte range in the text it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
    /// The target as written: a path, a URL, a label, or `ADR 60`.
    pub target: String,
    /// The link text, for links.
    pub text: Option<String>,
}

/// How far a closing bracket, parenthesis or backtick run is looked for:
/// no real link is longer, and unmatched brackets in a huge line must not
/// make reading quadratic.
const REACH: usize = 2048;

/// `text[from..]`, cut to at most [`REACH`] bytes on a character boundary.
fn window(text: &str, from: usize) -> &str {
    let mut end = (from + REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[from..end]
}

/// Every mention in `text`, in order. Inline code and images are skipped.
pub(crate) fn find(text: &str) -> Vec<Mention> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    let mut bare_from = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[i..i + run];
                let close = window(text, i + run).find(fence).map(|c| i + run + c + run);
                let end = close.unwrap_or(i + run);
                scan_bare(text, bare_from, i, &mut found);
                i = end;
                bare_from = end;
                continue;
            }
            b'\\' => {
                // An escaped character is text, whatever its width.
                i += 1 + text[i + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => {
                // An image is not a relation; skip its alt text and source.
                let end = bracket_end(text, i + 1).map_or(i + 2, |close| {
                    after_destination(text, close + 1).unwrap_or(close + 1)
                });
                scan_bare(text, bare_from, i, &mut found);
                i = end;
                bare_from = end;
                continue;
            }
            b'[' => {
                if let Some(m) = wiki_link_at(text, i) {
                    scan_bare(text, bare_from, i, &mut found);
                    i = m.end;
                    bare_from = m.end;
                    found.push(m);
                    continue;
                }
                if let Some((mention, end)) = link_at(text, i) {
                    scan_bare(text, bare_from, i, &mut found);
                    if let Some(m) = mention {
                        found.push(m);
                    }
                    i = end;
                    bare_from = end;
                    continue;
                }
            }
            b'<' => {
                if let Some(close) = window(text, i + 1).find('>') {
                    let inner = &text[i + 1..i + 1 + close];
                    if inner.contains("://") && !inner.contains(char::is_whitespace) {
                        scan_bare(text, bare_from, i, &mut found);
                        found.push(Mention {
                            start: i,
                            end: i + close + 2,
                            kind: MentionKind::Url,
                            target: inner.to_string(),
                            text: None,
                        });
                        i += close + 2;
                        bare_from = i;
                        continue;
                    }
                }
            }
            _ => {}
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    scan_bare(text, bare_from, text.len(), &mut found);
    found
}

/// `[[AD03 - Entorno]]`, `[[0003-use-x|Use X]]`, `[[0003-use-x#Context]]`:
/// an Obsidian-style link to a note of the vault, named by its file name
/// without `.md`.
/// `[[ADR-1]](0001-x.md)` is a Markdown link whose text is in brackets.
fn wiki_link_at(text: &str, at: usize) -> Option<Mention> {
    let inner_from = at + 2;
    if text.as_bytes().get(at + 1) != Some(&b'[') {
        return None;
    }
    let close = window(text, inner_from).find("]]")?;
    let inner = &text[inner_from..inner_from + close];
    let end = inner_from + close + 2;
    let linked = text[end..].starts_with(['(', '[']);
    if linked || inner.is_empty() || inner.contains(['\n', '[', ']']) {
        return None;
    }
    let (page, alias) = match inner.split_once('|') {
        Some((page, alias)) => (page, Some(alias.trim())),
        None => (inner, None),
    };
    let page = page.split('#').next().unwrap_or(page).trim();
    if page.is_empty() {
        return None;
    }
    let target = if page.to_ascii_lowercase().ends_with(".md") {
        page.to_string()
    } else {
        format!("{page}.md")
    };
    Some(Mention {
        start: at,
        end,
        kind: MentionKind::Link,
        target,
        text: Some(alias.unwrap_or(page).to_string()),
    })
}

/// The mentions of a status value or Status section: those of [`find`],
/// and a record named by its number alone (`Superseded by 3`,
/// ``reemplazado por `0007` ``, `Replaced by #12`), as people write the
/// successor where only records are numbered. Outside a status a bare
/// number is a quantity, never a record.
pub(crate) fn find_in_status(text: &str) -> Vec<Mention> {
    let mut found = find(text);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = i + digits;
        let before = i.checked_sub(1).map(|k| bytes[k]);
        let opened = matches!(before, None | Some(b' ' | b'`' | b'#' | b'('));
        let inside = found.iter().any(|m| m.start <= i && i < m.end);
        if opened && !inside && stem_at(text, i, digits).is_some() {
            // Left for `push_stems`.
            i = end;
            continue;
        }
        let after = bytes.get(end).copied();
        let next = bytes.get(end + 1).copied();
        let closed = match after {
            None | Some(b'`' | b',' | b')' | b';' | b'\n') => true,
            // `by 3 (date)`, `by 3 - why`, `on 9 and 10`; not `by 3 other
            // records`.
            Some(b' ') => {
                let rest = text[end..].trim_start_matches(' ');
                rest.chars()
                    .next()
                    .is_none_or(|c| matches!(c, '(' | '-' | '–' | '—' | '\n'))
                    || rest
                        .strip_prefix("and ")
                        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            }
            // `3.` ends a sentence; `3.5` and `3.md` are something else.
            Some(b'.') => !next.is_some_and(|n| n.is_ascii_alphanumeric()),
            _ => false,
        };
        if opened && closed && digits <= 4 && !inside {
            found.push(Mention {
                start: i,
                end,
                kind: MentionKind::Bare,
                target: text[i..end].to_string(),
                text: None,
            });
        }
        i = end;
    }
    push_stems(text, &mut found);
    found.sort_by_key(|m| m.start);
    found
}

/// The mentions of a value under a key naming a relation
/// (`superseded_by: 0007-use-x`): those of [`find`], and records named by
/// their file stem. A bare number there may be a year or another
/// project's spec (`Related ADRs: none for spec 0030`).
pub(crate) fn find_with_stems(text: &str) -> Vec<Mention> {
    let mut found = find(text);
    let before = found.len();
    push_stems(text, &mut found);
    if found.len() > before {
        found.sort_by_key(|m| m.start);
    }
    found
}

/// Adds the file stems (`0007-use-x`) of `text` that no mention in
/// `found` covers.
fn push_stems(text: &str, found: &mut Vec<Mention>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let before = i.checked_sub(1).map(|k| bytes[k]);
        let opened = matches!(before, None | Some(b' ' | b'`' | b'#' | b'('));
        let inside = found.iter().any(|m| m.start <= i && i < m.end);
        match stem_at(text, i, digits).filter(|_| opened && !inside) {
            Some(end) => {
                found.push(Mention {
                    start: i,
                    end,
                    kind: MentionKind::Bare,
                    target: text[i..end].to_string(),
                    text: None,
                });
                i = end;
            }
            None => i += digits,
        }
    }
}

/// `0007-use-x`, `2023-01-05-use-x`: a record's file name without its
/// extension, as a status or a `superseded_by:` key names the successor;
/// where it ends. The number is padded (`3-tier` is a word) and a word
/// follows it (`2023-01-05` is a date).
fn stem_at(text: &str, i: usize, digits: usize) -> Option<usize> {
    if digits < 3 || !text[i + digits..].starts_with(['-', '_']) {
        return None;
    }
    let len = text[i..]
        .bytes()
        .take(256)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .count();
    let token = text[i..i + len].trim_end_matches(['.', '-', '_']);
    let closed = text[i + token.len()..]
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '`' | ',' | ')' | ';'));
    let worded = token[digits..].bytes().any(|b| b.is_ascii_alphabetic());
    (closed && worded && !token.contains('.')).then_some(i + token.len())
}

/// The index of the `]` closing the `[` at `open`, nesting and escapes
/// respected.
fn bracket_end(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut escaped = false;
    for (k, c) in window(text, open + 1).char_indices() {
        if std::mem::take(&mut escaped) {
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' if depth == 0 => return Some(open + 1 + k),
            ']' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// Past the `(destination)` that starts at `at`, if one does.
fn after_destination(text: &str, at: usize) -> Option<usize> {
    let rest = window(text, at).strip_prefix('(')?;
    let mut depth = 0usize;
    for (k, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(at + 1 + k + 1),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A link starting at the `[` at `open`: the mention it makes (none for
/// anchors and mail) and where it ends. `None` when this `[` starts no
/// link, so that what is inside is read as text.
fn link_at(text: &str, open: usize) -> Option<(Option<Mention>, usize)> {
    let close = bracket_end(text, open)?;
    let label = &text[open + 1..close];
    let shown = label.replace("\\[", "[").replace("\\]", "]");
    let after = &text[close + 1..];
    if let Some(dest) = after.strip_prefix('(') {
        let end = after_destination(text, close + 1)?;
        let dest = dest.trim_start();
        let target = if let Some(angled) = dest.strip_prefix('<') {
            angled.split('>').next().unwrap_or("")
        } else {
            dest.split(|c: char| c.is_whitespace() || c == ')')
                .next()
                .unwrap_or("")
        };
        let kind = if target.contains("://") {
            MentionKind::Url
        } else {
            MentionKind::Link
        };
        let useless = target.is_empty()
            || target.starts_with('#')
            || target.starts_with("mailto:")
            || (kind == MentionKind::Link && target.contains(':') && !target.starts_with("@/"));
        let mention = (!useless).then(|| Mention {
            start: open,
            end,
            kind,
            target: target.to_string(),
            text: Some(shown.clone()),
        });
        return Some((mention, end));
    }
    if let Some(rest) = after.strip_prefix('[') {
        let label_end = window(rest, 0).find(']')?;
        let reference = &rest[..label_end];
        let end = close + 2 + label_end + 1;
        let target = if reference.is_empty() {
            &shown
        } else {
            reference
        };
        return Some((
            Some(Mention {
                start: open,
                end,
                kind: MentionKind::Reference,
                target: target.to_string(),
                text: Some(shown.clone()),
            }),
            end,
        ));
    }
    // A shortcut reference `[label]`; a bracket holding a link or a
    // status banner is text, read for what it holds.
    if label.contains(['[', '(']) || label.trim().is_empty() {
        return None;
    }
    if label.starts_with('!') || label.starts_with('^') {
        return Some((None, close + 1));
    }
    Some((
        Some(Mention {
            start: open,
            end: close + 1,
            kind: MentionKind::Reference,
            target: shown.clone(),
            text: Some(shown),
        }),
        close + 1,
    ))
}

/// Bare ids between `from` and `to`.
fn scan_bare(text: &str, from: usize, to: usize, found: &mut Vec<Mention>) {
    if from >= to {
        return;
    }
    let part = &text[from..to];
    // Paths are looked for only where a file name could end.
    let paths = part.contains(".md") || part.contains(".MD");
    let bytes = part.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || !is_word_byte(bytes[i - 1]);
        if at_word && let Some((mentions, end)) = bare_at(part, i, paths) {
            for m in mentions {
                found.push(Mention {
                    start: m.start + from,
                    end: m.end + from,
                    ..m
                });
            }
            i = end;
            continue;
        }
        i += part[i..].chars().next().map_or(1, char::len_utf8);
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'/' || b == b'.'
}

/// A bare id or file name at `i`: `ADR 111`, `ADR-0011`, `ADR #6`, `DR008`,
/// `ADRs 60 and 61`, `0028-react.md`.
fn bare_at(text: &str, i: usize, paths: bool) -> Option<(Vec<Mention>, usize)> {
    let rest = &text[i..];
    let prefix = ["adrs", "adr", "drs", "dr"]
        .iter()
        .find(|p| {
            rest.as_bytes()
                .get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        })
        .copied();
    if let Some(prefix) = prefix
        && let Some(found) = id_at(text, i, prefix)
    {
        return Some(found);
    }
    if rest.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return file_name_at(text, i).map(|m| {
            let end = m.end;
            (vec![m], end)
        });
    }
    // `docs/adr/0003-x.md`, `@docs/adr/0003-x.md`: a path to a record.
    if paths && rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '@') {
        let mut token = rest
            .bytes()
            .take(256)
            .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b',' | b';' | b')' | b'`'))
            .count();
        while !rest.is_char_boundary(token) {
            token -= 1;
        }
        let path = rest[..token].trim_end_matches(['.', ':']);
        if path.contains('/') && path.to_ascii_lowercase().ends_with(".md") {
            let at = usize::from(path.starts_with('@'));
            return file_name_at(text, i + at).map(|m| {
                let end = m.end;
                (vec![m], end)
            });
        }
    }
    None
}

/// An id at `i` after its `prefix`: `ADR 111`, `ADR‑0002` (with a
/// non-breaking hyphen), `ADRs 60 and 61`; or a file name it starts.
fn id_at(text: &str, i: usize, prefix: &str) -> Option<(Vec<Mention>, usize)> {
    let rest = &text[i..];
    {
        let plural = prefix.ends_with('s');
        let mut k = prefix.len();
        let mut sep = 0;
        for c in rest[k..].chars() {
            if !matches!(c, ' ' | '#' | '_') && !name::is_dash(c) {
                break;
            }
            sep += 1;
            k += c.len_utf8();
        }
        let digits = rest[k..].bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 6 || sep > 3 {
            return None;
        }
        // `ADR-0001-use-x.md` is a file name, not an id.
        let after = &rest[k + digits..];
        if after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        if after.starts_with('-') && !after.starts_with("- ") {
            return file_name_at(text, i).map(|m| {
                let end = m.end;
                (vec![m], end)
            });
        }
        let mut mentions = vec![Mention {
            start: i,
            end: i + k + digits,
            kind: MentionKind::Bare,
            target: rest[..k + digits].to_string(),
            text: None,
        }];
        let mut end = i + k + digits;
        if plural {
            // `ADRs 60 and 61`, `ADRs 60, 61 and 62`.
            loop {
                let tail = &text[end..];
                let skip = ["and", "&", "or"]
                    .iter()
                    .find_map(|w| {
                        let t = tail.trim_start_matches([',', ' ']);
                        t.strip_prefix(w).map(|r| tail.len() - r.len())
                    })
                    .or_else(|| tail.starts_with(',').then_some(1));
                let Some(skip) = skip else { break };
                let next = &tail[skip..];
                let pad = next.len() - next.trim_start_matches([' ', '#']).len();
                let next = &next[pad..];
                let n = next.bytes().take_while(u8::is_ascii_digit).count();
                if n == 0 || next[n..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                    break;
                }
                let start = end + skip + pad;
                mentions.push(Mention {
                    start,
                    end: start + n,
                    kind: MentionKind::Bare,
                    target: next[..n].to_string(),
                    text: None,
                });
                end = start + n;
            }
        }
        Some((mentions, end))
    }
}

/// `0028-react-context-api.md`, `../x/0003-y.md`: a bare Markdown file name
/// that carries a record number.
fn file_name_at(text: &str, i: usize) -> Option<Mention> {
    let rest = window(text, i);
    let len = rest
        .find(|c: char| {
            c.is_whitespace() || matches!(c, ',' | ';' | ')' | '(' | '"' | '\'' | '`' | '*')
        })
        .unwrap_or(rest.len());
    let token = rest[..len].trim_end_matches(['.', ':']);
    let lower = token.to_ascii_lowercase();
    if !lower.ends_with(".md") || lower.len() <= 3 {
        return None;
    }
    let file = token.rsplit('/').next().unwrap_or(token);
    name::number(file.get(..file.len() - 3).unwrap_or(""))?;
    Some(Mention {
        start: i,
        end: i + token.len(),
        kind: MentionKind::Bare,
        target: token.to_string(),
        text: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<(MentionKind, String)> {
        find(text).into_iter().map(|m| (m.kind, m.target)).collect()
    }

    #[test]
    fn wiki_links() {
        assert_eq!(
            targets("- [[AD03 - Entorno de Desarrollo]] and [[0004-x|Use X]], [[0005-y#Context]]"),
            ["AD03 - Entorno de Desarrollo.md", "0004-x.md", "0005-y.md"]
                .map(|t| (MentionKind::Link, t.to_string()))
        );
        assert_eq!(targets("[[]] and more"), []);
        assert_eq!(
            targets("[[ADR-1]](0001-x.md)"),
            [(MentionKind::Link, "0001-x.md".to_string())]
        );
    }

    #[test]
    fn links_of_every_kind() {
        assert_eq!(
            targets("Superseded by [3. X](0003-x.md) and [ADR 9] and [y][def]"),
            [
                (MentionKind::Link, "0003-x.md".into()),
                (MentionKind::Reference, "ADR 9".into()),
                (MentionKind::Reference, "def".into()),
            ]
        );
        assert_eq!(
            targets("see <https://x.org/adr-053-state-sync.md> and [a](https://x.org/b)"),
            [
                (
                    MentionKind::Url,
                    "https://x.org/adr-053-state-sync.md".into()
                ),
                (MentionKind::Url, "https://x.org/b".into()),
            ]
        );
        assert!(targets("[top](#top) ![img](a.png) `ADR 5` [x](mailto:a@b)").is_empty());
    }

    #[test]
    fn bare_ids() {
        assert_eq!(
            targets("rejected in favour of ADR 111"),
            [(MentionKind::Bare, "ADR 111".into())]
        );
        assert_eq!(
            targets("supersedes the decisions made in ADRs 60 and 61, but"),
            [
                (MentionKind::Bare, "ADRs 60".into()),
                (MentionKind::Bare, "61".into())
            ]
        );
        assert_eq!(
            targets("ADR-0011, ADR #6, DR008 and adr-075"),
            [
                (MentionKind::Bare, "ADR-0011".into()),
                (MentionKind::Bare, "ADR #6".into()),
                (MentionKind::Bare, "DR008".into()),
                (MentionKind::Bare, "adr-075".into()),
            ]
        );
        assert_eq!(
            targets("Superseded by 028-react-context-api.md."),
            [(MentionKind::Bare, "028-react-context-api.md".into())]
        );
        assert!(targets("ADR-tools, address 12, ADRs, padr 5, the ADR process").is_empty());
        assert_eq!(
            targets("ADR\u{2011}0002 – tRPC"),
            [(MentionKind::Bare, "ADR\u{2011}0002".into())]
        );
        assert_eq!(
            targets("ADR\u{2013}7, ADR\u{2015}8 and ADR\u{2212}9"),
            [
                (MentionKind::Bare, "ADR\u{2013}7".into()),
                (MentionKind::Bare, "ADR\u{2015}8".into()),
                (MentionKind::Bare, "ADR\u{2212}9".into())
            ]
        );
        assert_eq!(
            targets("- @docs/adr/0003-persistence.md and docs/adr/0004-x.md."),
            [
                (MentionKind::Bare, "docs/adr/0003-persistence.md".into()),
                (MentionKind::Bare, "docs/adr/0004-x.md".into())
            ]
        );
        assert!(targets("@docs/electron/ipc.md and adr/guide.md").is_empty());
    }

    #[test]
    fn numbers_alone_in_a_status() {
        let of =
            |t: &str| -> Vec<String> { find_in_status(t).into_iter().map(|m| m.target).collect() };
        assert_eq!(of("Superseded by 3"), ["3"]);
        assert_eq!(of("reemplazado por `0007`"), ["0007"]);
        assert_eq!(of("Replaced by #12."), ["12"]);
        assert!(of("Accepted on 2021-03-04").is_empty());
        assert!(of("Proposed in 3.5").is_empty());
        assert!(of("version 20210304").is_empty());
        assert!(of("Superseded by 3 other records").is_empty());
        assert_eq!(of("Superseded by [ADR 5](0005-x.md)"), ["0005-x.md"]);
        assert!(find("Superseded by 3").is_empty());
    }

    #[test]
    fn banner_brackets_are_read_inside() {
        assert_eq!(
            targets("[Superseded by [ADR-5](0005-x.md)] Use X"),
            [(MentionKind::Link, "0005-x.md".into())]
        );
    }
}
