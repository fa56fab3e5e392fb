//! Relation verbs: which are the two ends of one relation, and which way
//! the relation points.

/// Pairs of (forward, reverse) verbs, lower-case. The first pair of each
/// family is the canonical spelling.
const PAIRS: &[(&str, &str)] = &[
    ("supersedes", "superseded by"),
    ("supercedes", "superceded by"),
    ("amends", "amended by"),
    ("extends", "extended by"),
    ("clarifies", "clarified by"),
    ("replaces", "replaced by"),
    ("refines", "refined by"),
    ("invalidates", "invalidated by"),
    ("partially supersedes", "partially superseded by"),
    ("partly supersedes", "partly superseded by"),
    ("depends on", "is depended on by"),
];

/// Symmetric relations: the same verb on both ends.
const SYMMETRIC: &[&str] = &["relates to", "related to", "see also"];

/// How a verb as written maps onto a directed relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Direction {
    /// The canonical, lower-case forward verb: `supersedes`, `amends`, or
    /// the verb itself when it is not a known one.
    pub kind: String,
    /// The verb names the relation from the other end (`Superseded by`):
    /// the edge points from the link's target to its source.
    pub reversed: bool,
    /// `relates to`: no direction.
    pub symmetric: bool,
}

/// Reads a verb: `Superseded by` is the `supersedes` relation, reversed.
pub fn direction(verb: &str) -> Direction {
    let lower = verb.trim().to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    if SYMMETRIC.contains(&lower.as_str()) {
        return Direction {
            kind: "relates to".into(),
            reversed: false,
            symmetric: true,
        };
    }
    for (forward, reverse) in PAIRS {
        let kind = canonical(forward);
        if lower == *forward {
            return Direction {
                kind,
                reversed: false,
                symmetric: false,
            };
        }
        if lower == *reverse {
            return Direction {
                kind,
                reversed: true,
                symmetric: false,
            };
        }
    }
    Direction {
        kind: lower,
        reversed: false,
        symmetric: false,
    }
}

/// `supercedes` is spelt `supersedes` in the graph.
fn canonical(forward: &str) -> String {
    if forward == "supercedes" {
        "supersedes".into()
    } else {
        forward.into()
    }
}

/// The verb for the other end of a well-known relation, in the same
/// capitalisation style: `Amends` → `Amended by`, `amended by` → `amends`.
pub fn reverse(verb: &str) -> Option<String> {
    let lower = verb.trim().to_lowercase();
    let other = if SYMMETRIC.contains(&lower.as_str()) {
        lower.clone()
    } else {
        PAIRS.iter().find_map(|(f, r)| {
            if lower == *f {
                Some((*r).to_string())
            } else if lower == *r {
                Some((*f).to_string())
            } else {
                None
            }
        })?
    };
    let capitalised = verb.trim().starts_with(char::is_uppercase);
    Some(if capitalised {
        capitalise(&other)
    } else {
        other
    })
}

/// `amended by` → `Amended by`.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a verb marks its target superseded (`Superseded by`) from the
/// superseded record's side.
pub fn is_superseded_by(verb: &str) -> bool {
    let d = direction(verb);
    d.kind == "supersedes" && d.reversed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directions() {
        assert_eq!(direction("Superseded by").kind, "supersedes");
        assert!(direction("Superseded by").reversed);
        assert!(direction("Superceded by").reversed);
        assert_eq!(direction("Supercedes").kind, "supersedes");
        assert!(!direction("Amends").reversed);
        assert!(direction("Relates to").symmetric);
        assert_eq!(direction("Invalidates").kind, "invalidates");
        assert_eq!(direction("Checks").kind, "checks");
    }

    #[test]
    fn reverses() {
        assert_eq!(reverse("Amends").as_deref(), Some("Amended by"));
        assert_eq!(reverse("amended by").as_deref(), Some("amends"));
        assert_eq!(reverse("Relates to").as_deref(), Some("Relates to"));
        assert_eq!(reverse("Supersedes").as_deref(), Some("Superseded by"));
        assert_eq!(reverse("Checks"), None);
    }
}
