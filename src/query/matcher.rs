//! Matching one term against titles, names and body text: fuzzy scoring with a
//! minimum score (titles and entity names), word and word-prefix matching
//! (bodies, never fuzzy), substrings and phrases, with smart case.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::fold::{FoldMap, word_ranges};
use super::parse::Kind;
use crate::corpus::Document;

/// Score of a fuzzy match per matched character below which a match is made of
/// scattered letters: 16 is a bare match, adjacency and word starts add to it,
/// gaps take from it. A long title then does not match a short query by chance.
const MIN_PER_CHAR: i64 = 18;

/// Terms this short are matched as word prefixes, not fuzzily: one or two letters
/// are a subsequence of nearly every title.
pub const FUZZY_FROM_CHARS: usize = 3;

/// The two fuzzy matchers: case-insensitive, and case-sensitive for smart case.
pub struct Matchers {
    insensitive: SkimMatcherV2,
    sensitive: SkimMatcherV2,
}

impl Default for Matchers {
    fn default() -> Self {
        Matchers {
            insensitive: SkimMatcherV2::default().ignore_case(),
            sensitive: SkimMatcherV2::default().respect_case(),
        }
    }
}

impl std::fmt::Debug for Matchers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Matchers")
    }
}

impl Matchers {
    /// The fuzzy score of `pattern` in `choice` when it reaches the minimum.
    #[must_use]
    pub fn fuzzy(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let m = if case_sensitive { &self.sensitive } else { &self.insensitive };
        let min = MIN_PER_CHAR * i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 32);
        m.fuzzy_match(choice, pattern).filter(|&s| s >= min)
    }

    /// The char indices of a fuzzy match reaching the minimum, for highlights.
    #[must_use]
    pub fn fuzzy_indices(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<Vec<usize>> {
        let m = if case_sensitive { &self.sensitive } else { &self.insensitive };
        let min = MIN_PER_CHAR * i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 32);
        m.fuzzy_indices(choice, pattern).filter(|(s, _)| *s >= min).map(|(_, i)| i)
    }
}

/// Whether the chars of `pattern` occur in `s` in order (a fuzzy match's
/// necessary condition, cheap enough to run first).
#[must_use]
pub fn is_subsequence(s: &str, pattern: &str) -> bool {
    let mut p = pattern.as_bytes().iter().peekable();
    for b in s.bytes() {
        match p.peek() {
            Some(&&c) if c == b => {
                p.next();
            }
            Some(_) => {}
            None => return true,
        }
    }
    p.peek().is_none()
}

/// Byte offsets where `pattern` starts a word of `s`.
pub fn word_starts<'a>(s: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    s.match_indices(pattern)
        .map(|(i, _)| i)
        .filter(move |&i| i == 0 || s[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
}

/// A score for a non-fuzzy title hit of `len` chars, comparable with fuzzy scores.
#[must_use]
pub fn plain_score(len: usize, at_word_start: bool) -> i64 {
    let len = i64::try_from(len).unwrap_or(i64::MAX / 32);
    20 * len + if at_word_start { 16 } else { 0 }
}

/// Matching `pattern` against a short field (a title or a name), both folded
/// the same way: the score, or 0 when it does not match.
#[must_use]
pub fn field_score(m: &Matchers, field: &str, pattern: &str, kind: Kind, strict: bool, cs: bool) -> i64 {
    let word_start = || word_starts(field, pattern).next().is_some();
    let n = pattern.chars().count();
    match kind {
        Kind::Fuzzy if strict || n < FUZZY_FROM_CHARS => {
            if word_start() {
                plain_score(n, true)
            } else {
                0
            }
        }
        Kind::Fuzzy => {
            if !is_subsequence(field, pattern) {
                return 0;
            }
            m.fuzzy(field, pattern, cs).unwrap_or(0)
        }
        Kind::Exact | Kind::Phrase => {
            if field.contains(pattern) {
                plain_score(n, word_start())
            } else {
                0
            }
        }
        Kind::Prefix if field.starts_with(pattern) => plain_score(n, true),
        Kind::Suffix if field.trim_end_matches(|c: char| !c.is_alphanumeric()).ends_with(pattern) => {
            plain_score(n, false)
        }
        Kind::Prefix | Kind::Suffix => 0,
    }
}

/// How the words of a body term must meet the words of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMode {
    /// A word starting with it (the last word of a phrase: a prefix).
    Prefix,
    /// Inside a word (`'exact`): the first word may end a text word.
    Contains,
    /// Ending a word (`suf$` in `body:`).
    Suffix,
}

/// A body term as a sequence of folded words.
#[derive(Debug, Clone)]
pub struct BodySpec {
    /// Its words, folded (lowercased unless `case_sensitive`).
    pub words: Vec<String>,
    /// How they match.
    pub mode: WordMode,
    /// Smart case.
    pub case_sensitive: bool,
}

impl BodySpec {
    /// Byte ranges of `doc.text` where the term occurs in the body (at most
    /// `limit` of them).
    #[must_use]
    pub fn ranges(&self, doc: &Document, limit: usize) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        if self.words.is_empty() {
            return out;
        }
        for p in &doc.paragraphs {
            let text = doc.paragraph_text(p);
            let map = FoldMap::new(text, !self.case_sensitive);
            let words: Vec<Range<usize>> = word_ranges(&map.text).collect();
            for start in 0..words.len() {
                if let Some(r) = self.match_at(&map.text, &words[start..]) {
                    let orig = map.original(text, r.start, r.end);
                    out.push(p.start + orig.start..p.start + orig.end);
                    if out.len() >= limit {
                        return out;
                    }
                }
            }
        }
        out
    }

    /// The folded range matched when the term starts at the first of `words`.
    fn match_at(&self, text: &str, words: &[Range<usize>]) -> Option<Range<usize>> {
        let n = self.words.len();
        if words.len() < n {
            return None;
        }
        let mut range = None::<Range<usize>>;
        for (i, (want, at)) in self.words.iter().zip(words).enumerate() {
            let w = &text[at.clone()];
            let (first, last) = (i == 0, i + 1 == n);
            let hit = match self.mode {
                WordMode::Prefix if first && last => {
                    w.starts_with(want.as_str()).then(|| at.start..at.start + want.len())
                }
                WordMode::Contains if first && last => {
                    w.find(want.as_str()).map(|k| at.start + k..at.start + k + want.len())
                }
                WordMode::Suffix if first && last => {
                    w.ends_with(want.as_str()).then(|| at.end - want.len()..at.end)
                }
                WordMode::Contains | WordMode::Suffix if first => {
                    w.ends_with(want.as_str()).then(|| at.end - want.len()..at.end)
                }
                WordMode::Suffix if last => (w == want).then(|| at.clone()),
                _ if last => w.starts_with(want.as_str()).then(|| at.start..at.start + want.len()),
                _ => (w == want).then(|| at.clone()),
            }?;
            range = Some(range.map_or(hit.clone(), |r| r.start..hit.end));
        }
        range
    }
}

#[cfg(test)]
mod tests;
