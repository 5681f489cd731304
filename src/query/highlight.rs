//! Where and why a document matched: byte ranges to highlight in its title and
//! text (folding undone, so `coeur` lights up `cœur`), and one line per term
//! saying what it hit.

use std::fmt;
use std::ops::Range;

use super::engine::Engine;
use super::entity_index::mention_names;
use super::fold::{FoldMap, fold};
use super::matcher::{FUZZY_FROM_CHARS, word_starts};
use super::parse::{Field, Kind, Query, Review, Term};
use super::plan::{
    NameTerm, body_spec, is_strict, name_match, reads_body, reads_entities, reads_title, text_match,
};
use crate::corpus::Document;

/// Most highlighted occurrences per term in a text.
const MAX_RANGES: usize = 500;

/// Byte ranges to highlight, sorted and merged.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlights {
    /// Ranges of `Document::title`.
    pub title: Vec<Range<usize>>,
    /// Ranges of `Document::text`.
    pub text: Vec<Range<usize>>,
}

impl Engine {
    /// What to highlight in document `doc` for `query` (positive terms only).
    #[must_use]
    pub fn highlights(&self, doc: usize, query: &Query) -> Highlights {
        let d = &self.docs()[doc];
        let mut h = Highlights::default();
        for t in query.groups.iter().flat_map(|g| &g.terms).filter(|t| !t.negated) {
            if reads_title(t) {
                h.title.extend(self.title_ranges(d, t));
            }
            if reads_body(t) {
                h.text.extend(body_spec(t).ranges(d, MAX_RANGES));
            }
            if reads_entities(t).is_some() {
                h.text.extend(self.mentions_hit(d, t).into_iter().map(|(r, _)| r));
            }
        }
        Highlights { title: merge(h.title), text: merge(h.text) }
    }

    /// Why document `doc` matches `query`: one line per term and field hit.
    #[must_use]
    pub fn explain(&self, doc: usize, query: &Query) -> Vec<String> {
        let d = &self.docs()[doc];
        let mut out = Vec::new();
        for t in query.groups.iter().flat_map(|g| &g.terms) {
            let before = out.len();
            match t.field {
                Field::Date(f) => {
                    let (lo, hi) = self.day_range_of(doc);
                    if lo != 0 && lo >= f.from && hi <= f.to {
                        out.push(format!("`{t}`: dated {}", d.date().unwrap_or("")));
                    }
                }
                Field::Source => {
                    if let Some(s) = d.source().filter(|s| text_match(&fold(s, true), t)) {
                        out.push(format!("`{t}`: source {s}"));
                    }
                }
                Field::Review(_) if self.review_hit(doc, t) => out.push(format!("`{t}`: review state")),
                Field::Lang if text_match(&fold(d.lang(), true), t) => {
                    out.push(format!("`{t}`: language {}", d.lang()));
                }
                _ => {}
            }
            if reads_title(t) && !self.title_ranges(d, t).is_empty() {
                out.push(format!("`{t}`: title"));
            }
            if reads_body(t) {
                let n = body_spec(t).ranges(d, MAX_RANGES).len();
                if n > 0 {
                    out.push(format!("`{t}`: body ×{n}"));
                }
            }
            if reads_entities(t).is_some() {
                let mut names: Vec<String> =
                    self.mentions_hit(d, t).into_iter().map(|(_, name)| name).collect();
                names.sort();
                names.dedup();
                for name in names {
                    out.push(format!("`{t}`: entity {name}"));
                }
            }
            if t.negated {
                let hit = out.len() > before;
                out.truncate(before);
                out.push(if hit { format!("`{t}`: present (excluded)") } else { format!("`{t}`: absent") });
            }
        }
        out
    }

    fn title_ranges(&self, d: &Document, t: &Term) -> Vec<Range<usize>> {
        let map = FoldMap::new(d.title(), !t.case_sensitive);
        let pat = if t.case_sensitive { &t.cased } else { &t.folded };
        let folded = &map.text;
        let n = pat.chars().count();
        let spans: Vec<Range<usize>> = match t.kind {
            Kind::Fuzzy if is_strict(t) || n < FUZZY_FROM_CHARS => {
                word_starts(folded, pat).map(|i| i..i + pat.len()).collect()
            }
            Kind::Fuzzy => {
                let offsets: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
                self.matchers()
                    .fuzzy_indices(folded, pat, t.case_sensitive)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|ci| {
                        offsets.get(ci).map(|&b| b..b + folded[b..].chars().next().map_or(1, char::len_utf8))
                    })
                    .collect()
            }
            Kind::Exact | Kind::Phrase => {
                folded.match_indices(pat.as_str()).map(|(i, _)| i..i + pat.len()).collect()
            }
            Kind::Prefix => folded.starts_with(pat.as_str()).then_some(0..pat.len()).into_iter().collect(),
            Kind::Suffix => {
                let trimmed = folded.trim_end_matches(|c: char| !c.is_alphanumeric());
                trimmed
                    .ends_with(pat.as_str())
                    .then(|| trimmed.len() - pat.len()..trimmed.len())
                    .into_iter()
                    .collect()
            }
        };
        spans.into_iter().map(|r| map.original(d.title(), r.start, r.end)).collect()
    }

    /// Mentions of `d` whose names match `t`: their range and `Name (KIND)`.
    fn mentions_hit(&self, d: &Document, t: &Term) -> Vec<(Range<usize>, String)> {
        let Some(mentions) = d.entities.get().filter(|m| !m.is_empty()) else { return Vec::new() };
        let aliases = self.aliases_of(t);
        let nt = NameTerm { term: t, strict: is_strict(t), aliases: &aliases };
        mentions
            .iter()
            .filter(|m| {
                mention_names(d, m).any(|name| {
                    name_match(self.matchers(), &nt, &fold(name, true), &fold(name, false), m.kind).1
                })
            })
            .map(|m| (m.range(), format!("{} ({})", m.canonical(&d.text), m.kind.label())))
            .collect()
    }
}

/// Sorts ranges and merges the overlapping or touching ones.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.retain(|r| r.start < r.end);
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

impl fmt::Display for Term {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negated {
            f.write_str("!")?;
        }
        write!(f, "{}", self.field)?;
        if let Field::Date(_) | Field::Review(Review::Read | Review::Unread | Review::Starred) = self.field {
            return f.write_str(&self.cased);
        }
        match self.kind {
            Kind::Fuzzy => write!(f, "{}", self.cased),
            Kind::Exact => write!(f, "'{}", self.cased),
            Kind::Prefix => write!(f, "^{}", self.cased),
            Kind::Suffix => write!(f, "{}$", self.cased),
            Kind::Phrase => write!(f, "\"{}\"", self.cased),
        }
    }
}
