//! The filter syntax: what the analyst types, turned into a [`Query`].
//!
//! Terms are separated by spaces and must all match; `a | b` means either. fzf's
//! extended syntax (`'exact`, `^prefix`, `suffix$`, `!negation`, `"a phrase"`),
//! field qualifiers (`title:`, `body:`, `src:`, `lang:`, `per:`, `org:`, `loc:`,
//! `misc:`, `ent:`, `date:`, `is:`, `label:`) and smart case. A half-typed term (`!`, `title:`)
//! matches everything so that the list does not flash empty while typing.

use std::fmt;

use super::fold::{fold, has_upper};
use crate::entities::EntityKind;

/// A parsed query: every group must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The groups, all required (AND).
    pub groups: Vec<Group>,
}

impl Query {
    /// An empty query matches every document.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether it asks about review states (`is:`, `label:`), which the engine
    /// only knows once given them ([`crate::query::Engine::set_review_states`]).
    #[must_use]
    pub fn uses_review(&self) -> bool {
        self.groups.iter().flat_map(|g| &g.terms).any(|t| matches!(t.field, Field::Review(_)))
    }
}

/// Alternatives separated by `|`: one of them must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The alternatives (OR).
    pub terms: Vec<Term>,
}

/// Where a term looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title (fuzzy), body (words) and entity names (fuzzy): a plain term.
    Any,
    /// `title:`.
    Title,
    /// `body:`.
    Body,
    /// `src:`, the source.
    Source,
    /// `lang:`.
    Lang,
    /// `ent:` (any kind, `None`) or `per:`, `org:`, `loc:`, `misc:`.
    Entity(Option<EntityKind>),
    /// `date:`, with its bounds.
    Date(DateFilter),
    /// `is:read`, `is:unread`, `is:starred`, `label:NAME`: the review state.
    Review(Review),
}

/// What a review qualifier asks of an article's review state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    /// `is:read`.
    Read,
    /// `is:unread`.
    Unread,
    /// `is:starred`.
    Starred,
    /// `label:NAME` (the term's text is the label, any case or accents).
    Label,
}

/// How a term's text matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Plain: fuzzy on titles and entity names, word or word prefix in bodies.
    Fuzzy,
    /// `'word`: an exact (folded) substring.
    Exact,
    /// `^pre`: the title (or field) starts with it.
    Prefix,
    /// `suf$`: the title (or field) ends with it.
    Suffix,
    /// `"a phrase"`: these words in this order.
    Phrase,
}

/// One term of the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// `!term`: the document must not match it.
    pub negated: bool,
    /// The field it is restricted to.
    pub field: Field,
    /// How it matches.
    pub kind: Kind,
    /// Its text, folded (accents, ligatures, quotes) and lowercased.
    pub folded: String,
    /// Its text folded with case kept, for smart case (for `date:`, as typed).
    pub cased: String,
    /// Smart case: the term has a capital, so case must match.
    pub case_sensitive: bool,
}

/// A date range, both ends inclusive, as `YYYYMMDD` numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFilter {
    /// First day included.
    pub from: u32,
    /// Last day included.
    pub to: u32,
}

impl DateFilter {
    /// Whether a document dated `date` (an ISO prefix) falls inside; an undated
    /// document never does, a month-precise date must fit whole.
    #[must_use]
    pub fn matches(&self, date: Option<&str>) -> bool {
        date.and_then(|d| day_bounds(d.get(..10).unwrap_or(d)))
            .is_some_and(|(lo, hi)| lo >= self.from && hi <= self.to)
    }
}

/// Why a query could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `name:` that is not a field.
    #[error(
        "unknown field `{0}:` (fields: title: body: src: lang: per: org: loc: misc: ent: date: is: label:)"
    )]
    UnknownField(String),
    /// A date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or not a real one.
    #[error("bad date `{0}` (use YYYY, YYYY-MM or YYYY-MM-DD, >=D, <=D, >D, <D or D..D)")]
    BadDate(String),
    /// An `is:` that is not a review state.
    #[error("unknown state `is:{0}` (is:read, is:unread, is:starred)")]
    UnknownState(String),
}

/// Parses a query; an empty one matches everything.
///
/// # Errors
/// An unknown field, a bad date, or a field that is not available yet.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut groups: Vec<Group> = Vec::new();
    let mut or_pending = false;
    for token in tokens(input) {
        if token == "|" {
            or_pending = !groups.is_empty();
            continue;
        }
        let Some(term) = term(&token)? else {
            continue;
        };
        match groups.last_mut() {
            Some(g) if or_pending => g.terms.push(term),
            _ => groups.push(Group { terms: vec![term] }),
        }
        or_pending = false;
    }
    Ok(Query { groups })
}

/// Splits on whitespace, keeping `"quoted phrases"` (possibly unterminated) whole.
fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in input.chars() {
        if c == '"' {
            quoted = !quoted;
            cur.push(c);
        } else if c.is_whitespace() && !quoted {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One token as a term; `None` for a half-typed one that should match everything.
fn term(token: &str) -> Result<Option<Term>, QueryError> {
    let (negated, rest) = match token.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (field, rest) = field(rest)?;
    if let Field::Date(_) | Field::Review(Review::Read | Review::Unread | Review::Starred) = field {
        return Ok(Some(Term {
            negated,
            field,
            kind: Kind::Exact,
            folded: String::new(),
            cased: rest.to_string(),
            case_sensitive: false,
        }));
    }
    let (kind, text) = if let Some(r) = rest.strip_prefix('"') {
        (Kind::Phrase, r.strip_suffix('"').unwrap_or(r))
    } else if let Some(r) = rest.strip_prefix('\'') {
        (Kind::Exact, r)
    } else if let Some(r) = rest.strip_prefix('^') {
        (Kind::Prefix, r)
    } else if let Some(r) = rest.strip_suffix('$').filter(|r| !r.is_empty()) {
        (Kind::Suffix, r)
    } else {
        (Kind::Fuzzy, rest)
    };
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    Ok(Some(Term {
        negated,
        field,
        kind,
        folded: fold(text, true),
        cased: fold(text, false),
        case_sensitive: has_upper(text),
    }))
}

/// A leading `name:` qualifier and the rest of the token.
fn field(token: &str) -> Result<(Field, &str), QueryError> {
    let Some((name, rest)) = token.split_once(':') else {
        return Ok((Field::Any, token));
    };
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Ok((Field::Any, token));
    }
    let field = match name.to_ascii_lowercase().as_str() {
        "title" => Field::Title,
        "body" => Field::Body,
        "src" | "source" => Field::Source,
        "lang" => Field::Lang,
        "ent" => Field::Entity(None),
        "per" => Field::Entity(Some(EntityKind::Per)),
        "org" => Field::Entity(Some(EntityKind::Org)),
        "loc" => Field::Entity(Some(EntityKind::Loc)),
        "misc" => Field::Entity(Some(EntityKind::Misc)),
        "date" => {
            if rest.is_empty() {
                // Half-typed: matches everything until a date follows.
                return Ok((Field::Any, ""));
            }
            return Ok((Field::Date(date_filter(rest)?), rest));
        }
        "label" => Field::Review(Review::Label),
        "is" => {
            let state = match rest.to_ascii_lowercase().as_str() {
                // Half-typed: matches everything until a state follows.
                "" => return Ok((Field::Any, "")),
                "read" => Review::Read,
                "unread" => Review::Unread,
                "starred" | "star" => Review::Starred,
                other if ["read", "unread", "starred"].iter().any(|s| s.starts_with(other)) => {
                    return Ok((Field::Any, ""));
                }
                _ => return Err(QueryError::UnknownState(rest.to_string())),
            };
            return Ok((Field::Review(state), rest));
        }
        _ => return Err(QueryError::UnknownField(name.to_string())),
    };
    Ok((field, rest))
}

/// `2022-11`, `>=2022-10`, `<2023`, `2022-10..2022-12`, `2022-10..`, `..2022-12`.
fn date_filter(s: &str) -> Result<DateFilter, QueryError> {
    let bad = || QueryError::BadDate(s.to_string());
    let bounds = |d: &str| day_bounds(d).ok_or_else(bad);
    if let Some((a, b)) = s.split_once("..") {
        let from = if a.is_empty() { 0 } else { bounds(a)?.0 };
        let to = if b.is_empty() { u32::MAX } else { bounds(b)?.1 };
        if a.is_empty() && b.is_empty() {
            return Err(bad());
        }
        return Ok(DateFilter { from, to });
    }
    let (op, d) = [">=", "<=", ">", "<", "="]
        .iter()
        .find_map(|op| s.strip_prefix(op).map(|d| (*op, d)))
        .unwrap_or(("=", s));
    let (lo, hi) = bounds(d)?;
    Ok(match op {
        ">=" => DateFilter { from: lo, to: u32::MAX },
        ">" => DateFilter { from: hi + 1, to: u32::MAX },
        "<=" => DateFilter { from: 0, to: hi },
        "<" => DateFilter { from: 0, to: lo - 1 },
        _ => DateFilter { from: lo, to: hi },
    })
}

/// The first and last day covered by an ISO date prefix, as `YYYYMMDD`; `None`
/// for anything else or an impossible date.
pub(super) fn day_bounds(s: &str) -> Option<(u32, u32)> {
    let num = |p: &str, n: usize| {
        (p.len() == n && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
    };
    let mut parts = s.split('-');
    let year: u32 = num(parts.next()?, 4)?;
    let Some(m) = parts.next() else {
        return Some((year * 10000 + 101, year * 10000 + 1231));
    };
    let month: u32 = num(m, 2).filter(|m| (1..=12).contains(m))?;
    let base = year * 10000 + month * 100;
    let Some(d) = parts.next() else {
        return Some((base + 1, base + days_in(year, month)));
    };
    let day: u32 = num(d, 2).filter(|d| (1..=days_in(year, month)).contains(d))?;
    parts.next().is_none().then_some((base + day, base + day))
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Field::Any => "",
            Field::Title => "title:",
            Field::Body => "body:",
            Field::Source => "src:",
            Field::Lang => "lang:",
            Field::Entity(None) => "ent:",
            Field::Entity(Some(EntityKind::Per)) => "per:",
            Field::Entity(Some(EntityKind::Org)) => "org:",
            Field::Entity(Some(EntityKind::Loc)) => "loc:",
            Field::Entity(Some(_)) => "misc:",
            Field::Date(_) => "date:",
            Field::Review(Review::Label) => "label:",
            Field::Review(_) => "is:",
        };
        f.write_str(name)
    }
}

#[cfg(test)]
mod tests;
