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

/// Terms shorter than this are matched as word prefixes, not fuzzily: short
/// terms are a subsequence of most titles (on the synthetic corpus, `eur` is
/// one in 75% of 100k titles), so fuzzy scores would rank noise and cost a
/// fuzzy score per title; a typo is worth forgiving in longer words (names).
pub const FUZZY_FROM_CHARS: usize = 5;

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
    /// The fuzzy score of `pattern` in `choice` (from where a match can start,
    /// see [`fuzzy_start`]) when it reaches the minimum.
    #[must_use]
    pub fn fuzzy(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let m = if case_sensitive { &self.sensitive } else { &self.insensitive };
        let at = fuzzy_start(choice, pattern)?;
        m.fuzzy_match(&choice[at..], pattern).filter(|&s| s >= min_score(pattern))
    }

    /// The char indices (in `choice`) of a fuzzy match reaching the minimum,
    /// for highlights.
    #[must_use]
    pub fn fuzzy_indices(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<Vec<usize>> {
        let m = if case_sensitive { &self.sensitive } else { &self.insensitive };
        let at = fuzzy_start(choice, pattern)?;
        let skipped = choice[..at].chars().count();
        let (score, indices) = m.fuzzy_indices(&choice[at..], pattern)?;
        (score >= min_score(pattern)).then(|| indices.into_iter().map(|i| i + skipped).collect())
    }
}

/// The highest score [`Matchers::fuzzy`] can give `pattern` against a
/// lowercase field (folded titles and names are): what lets a search rank the
/// best few documents without scoring every title.
///
/// SkimMatcherV2 scores a matched char 16 plus a bonus. The first one gets at
/// most 31 (16, minus 1 for no gap, plus twice the 8 of a word start at the
/// field's first char). A later one follows either the previous matched char
/// (bonus: the larger of 4 and the char's own word-start bonus, which can
/// exceed 4 only after a separator, so only when the pattern's previous char
/// is one: up to 8) or a gap (at most the 8 of a word start minus a gap of at
/// least 4): 24 after a separator, 20 otherwise.
#[must_use]
pub fn fuzzy_bound(pattern: &str) -> i64 {
    let mut chars = pattern.chars();
    let Some(mut prev) = chars.next() else { return 0 };
    let mut bound = 31;
    for c in chars {
        bound += if is_separator(prev) { 24 } else { 20 };
        prev = c;
    }
    bound
}

/// Chars after which SkimMatcherV2 may give a word-start bonus (its hard and
/// soft separators are ASCII punctuation and spaces; any non-alphanumeric char
/// counts here, to be safe).
fn is_separator(c: char) -> bool {
    !c.is_alphanumeric()
}

fn min_score(pattern: &str) -> i64 {
    MIN_PER_CHAR * i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 32)
}

/// Where a fuzzy match of `pattern` can start in `field`: at the first word
/// that starts with the pattern's first two characters and is followed by the
/// rest of it in order. A fuzzy match starts like a word, as people type the
/// start of what they look for and forgive themselves later letters; this
/// also keeps most titles from reaching the (costly) scorer at all.
#[must_use]
pub fn fuzzy_start(field: &str, pattern: &str) -> Option<usize> {
    let head = pattern.char_indices().nth(2).map_or(pattern.len(), |(i, _)| i);
    let at = word_starts(field, &pattern[..head]).next()?;
    is_subsequence(&field[at + head..], &pattern[head..]).then_some(at)
}

/// Whether the chars of `pattern` occur in `s` in order (a fuzzy match's
/// necessary condition, cheap enough to run first: one `memchr` per byte).
#[must_use]
pub fn is_subsequence(s: &str, pattern: &str) -> bool {
    let mut hay = s.as_bytes();
    for &b in pattern.as_bytes() {
        match memchr::memchr(b, hay) {
            Some(at) => hay = &hay[at + 1..],
            None => return false,
        }
    }
    true
}

/// Byte offsets where `pattern` starts a word of `s`.
pub fn word_starts<'a>(s: &'a str, pattern: &'a str) -> impl Iterator<Item = usize> + 'a {
    let (hay, pat) = (s.as_bytes(), pattern.as_bytes());
    let first = pat.first().copied().unwrap_or(0);
    memchr::memchr_iter(first, hay).filter(move |&i| {
        !pat.is_empty()
            && hay[i..].starts_with(pat)
            && (i == 0 || s[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric()))
    })
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
        Kind::Fuzzy => m.fuzzy(field, pattern, cs).unwrap_or(0),
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
        for p in doc.paragraphs() {
            let text = doc.paragraph_text(p);
            let map = FoldMap::new(text, !self.case_sensitive);
            let words: Vec<Range<usize>> = word_ranges(&map.text).collect();
            for start in 0..words.len() {
                if let Some(r) = self.match_at(&map.text, &words[start..]) {
                    let orig = map.original(text, r.start, r.end);
                    out.push(p.start() + orig.start..p.start() + orig.end);
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
