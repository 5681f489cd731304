//! Matching one term against titles, names and body text: fuzzy scoring with a
//! minimum score (titles and entity names), word and word-prefix matching
//! (bodies, never fuzzy), substrings and phrases, with smart case.

use std::cell::RefCell;
use std::ops::Range;

use nucleo_matcher::chars::{is_upper_case, to_lower_case};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::fold::{FoldMap, word_ranges};
use super::parse::Kind;
use crate::corpus::Document;

mod ceiling;

/// Score of a fuzzy match per pattern char below which a match is made of
/// scattered letters: nucleo gives 16 for a bare match, adds bonuses for
/// adjacency and word starts and takes 3 for a gap (1 for each further
/// skipped char). 23 is where nucleo's verdict agrees best with the
/// SkimMatcherV2 floor the filter had before (18 on skim's scale: 98% of the
/// bench's fuzzy calls get the same verdict). A long title then does not
/// match a short query by chance.
const MIN_PER_CHAR: i64 = 23;

/// nucleo's score for a matched char (`SCORE_MATCH`).
const SCORE_MATCH: i64 = 16;
/// nucleo's largest bonus: a word start after whitespace or at the field's
/// start (`bonus_boundary_white` in its default config); a consecutive char
/// carries the bonus of its run's first char, never more than this.
const MAX_BONUS: i64 = 10;

/// Terms shorter than this are matched as word prefixes, not fuzzily: short
/// terms are a subsequence of most titles (on the synthetic corpus, `eur` is
/// one in 75% of 100k titles), so fuzzy scores would rank noise and cost a
/// fuzzy score per title; a typo is worth forgiving in longer words (names).
pub const FUZZY_FROM_CHARS: usize = 5;

/// The fuzzy matcher (nucleo-matcher, with case-insensitive and, for smart
/// case, case-sensitive matching): a shareable handle, as searches score from
/// rayon workers while nucleo's [`Matcher`] scores through `&mut self` with
/// about 135 KB of scratch; each thread keeps its own (see [`SCRATCH`]).
#[derive(Debug)]
pub struct Matchers {
    config: Config,
}

impl Default for Matchers {
    fn default() -> Self {
        let mut config = Config::DEFAULT;
        // Fields and patterns come folded (accents and ligatures removed).
        config.normalize = false;
        Matchers { config }
    }
}

/// A thread's nucleo matcher and the buffers a call needs: nothing is
/// allocated per call once a thread has scored its first field, and no
/// state carries from one call's score to the next (nucleo's matrix is
/// rewritten for each call).
struct Scratch {
    matcher: Matcher,
    field: Vec<char>,
    pattern: Vec<char>,
    lowered: String,
    indices: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch {
        matcher: Matcher::new(Config::DEFAULT),
        field: Vec::new(),
        pattern: Vec::new(),
        lowered: String::new(),
        indices: Vec::new(),
    });
}

impl Matchers {
    /// The fuzzy score of `pattern` in `choice` (from where a match can start,
    /// see [`fuzzy_start`]) when it reaches the minimum.
    #[must_use]
    pub fn fuzzy(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<i64> {
        let at = fuzzy_start(choice, pattern)?;
        let field = &choice[at..];
        if field.starts_with(pattern) && pattern.starts_with(char::is_alphanumeric) {
            // What nucleo would find, without the call (~1 µs): a run of
            // every pattern char from the start of the field, opened by a
            // word char, each with the largest bonus. Typing a word's start
            // makes these the most common titles to score.
            return Some(fuzzy_bound(pattern));
        }
        let min = min_score(pattern);
        if !case_sensitive
            && field.is_ascii()
            && pattern.is_ascii()
            && !pattern.bytes().any(|b| b.is_ascii_uppercase())
            && ceiling::rules_out(field.as_bytes(), pattern.as_bytes(), min)
        {
            return None;
        }
        self.score(field, pattern, case_sensitive, None).filter(|&s| s >= min)
    }

    /// The char indices (in `choice`) of a fuzzy match reaching the minimum,
    /// for highlights.
    #[must_use]
    pub fn fuzzy_indices(&self, choice: &str, pattern: &str, case_sensitive: bool) -> Option<Vec<usize>> {
        let at = fuzzy_start(choice, pattern)?;
        let skipped = choice[..at].chars().count();
        let mut indices = Vec::new();
        let score = self.score(&choice[at..], pattern, case_sensitive, Some(&mut indices))?;
        (score >= min_score(pattern)).then_some(indices.into_iter().map(|i| i + skipped).collect())
    }

    /// nucleo's raw score of `pattern` in `field` (no minimum, no word
    /// start), with the char indices of the match into `indices` if asked.
    fn score(&self, field: &str, pattern: &str, cs: bool, indices: Option<&mut Vec<usize>>) -> Option<i64> {
        SCRATCH.with_borrow_mut(|s| {
            let Scratch { matcher, field: field_buf, pattern: pattern_buf, lowered, indices: found } = s;
            matcher.config.clone_from(&self.config);
            matcher.config.ignore_case = !cs;
            // nucleo wants a case-folded pattern when it ignores case (an
            // ASCII capital would trip an assertion of its); ours are folded,
            // this keeps any other caller safe.
            let upper = || {
                if pattern.is_ascii() {
                    pattern.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    pattern.chars().any(is_upper_case)
                }
            };
            let pattern = if !cs && upper() {
                lowered.clear();
                lowered.extend(pattern.chars().map(to_lower_case));
                lowered.as_str()
            } else {
                pattern
            };
            let (field, pattern) = (Utf32Str::new(field, field_buf), Utf32Str::new(pattern, pattern_buf));
            let score = match indices {
                None => matcher.fuzzy_match(field, pattern),
                Some(out) => {
                    found.clear();
                    let score = matcher.fuzzy_indices(field, pattern, found);
                    out.extend(found.iter().map(|&i| i as usize));
                    score
                }
            };
            score.map(i64::from)
        })
    }
}

/// The highest score [`Matchers::fuzzy`] can give `pattern` (on any field):
/// what lets a search rank the best few documents without scoring every
/// title.
///
/// nucleo scores a matched char [`SCORE_MATCH`] plus a bonus of at most
/// [`MAX_BONUS`], doubled for the first char; gaps only subtract. A field
/// word that starts with an alphanumeric pattern after a space (or at the
/// field's start) reaches it.
#[must_use]
pub fn fuzzy_bound(pattern: &str) -> i64 {
    let n = i64::try_from(pattern.chars().count()).unwrap_or(i64::MAX / 64);
    if n == 0 { 0 } else { n * (SCORE_MATCH + MAX_BONUS) + MAX_BONUS }
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

/// A score for a non-fuzzy title hit of `len` chars, on nucleo's scale: each
/// char as one in a run after a word start, and at a word start the first
/// char's doubled bonus, so that such a hit ranks at least as high as any
/// fuzzy one of its length (see [`fuzzy_bound`]).
#[must_use]
pub fn plain_score(len: usize, at_word_start: bool) -> i64 {
    let len = i64::try_from(len).unwrap_or(i64::MAX / 64);
    (SCORE_MATCH + MAX_BONUS) * len + if at_word_start { 2 * MAX_BONUS } else { 0 }
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
