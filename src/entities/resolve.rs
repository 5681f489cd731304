//! Choosing among overlapping candidates: the outermost (longest) span wins, and
//! between spans of equal length the more trusted source.

use std::fmt;

use super::intern::Sym;
use super::{EntityKind, Mention};

/// Where a candidate comes from, from the least to the most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    /// An unknown acronym in running text.
    Acronym,
    /// A capitalised word after a place cue ("à Ramstein").
    Place,
    /// A capitalised word after an event cue ("l'exercice X").
    Event,
    /// A capitalised word beside a reporting verb or after a title.
    Cue,
    /// A sequence with an organisation head or tail word ("Banque de ...", "... News").
    OrgRule,
    /// A name already found elsewhere in the document.
    Propagated,
    /// A sequence starting with a known first name.
    Person,
    /// A date, amount or quantity.
    Number,
    /// A known name from the gazetteer or the user dictionary.
    Gazetteer,
}

/// A candidate's canonical form, without a heap string of its own: most are the
/// candidate's text or another range of the text, the rest are interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Canon {
    /// The candidate's own text.
    Own,
    /// The text of another byte range: a name learnt elsewhere in the document
    /// ("Stoltenberg" → "Jens Stoltenberg").
    Range(usize, usize),
    /// An interned string: a known name, a normalised value.
    Sym(Sym),
}

impl Canon {
    /// The canonical form `s`, for a candidate whose text is `own`.
    pub fn of(s: &str, own: &str) -> Canon {
        if s == own { Canon::Own } else { Canon::Sym(Sym::intern(s)) }
    }

    /// The form as an absolute range or symbol, for a candidate at `start..end`:
    /// what another candidate may copy.
    pub fn detached(self, start: usize, end: usize) -> Canon {
        if self == Canon::Own { Canon::Range(start, end) } else { self }
    }
}

/// A short string written on the stack (canonical values are a few dozen bytes);
/// writing past its capacity fails.
pub(crate) struct StackStr {
    buf: [u8; 64],
    len: usize,
}

impl Default for StackStr {
    fn default() -> Self {
        StackStr { buf: [0; 64], len: 0 }
    }
}

impl StackStr {
    pub fn as_str(&self) -> &str {
        // Only whole `str`s are ever copied in, so the bytes are valid UTF-8.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackStr {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf.get_mut(self.len..end).ok_or(fmt::Error)?.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A possible mention, before overlaps are resolved.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: Canon,
    pub source: Source,
}

/// The non-overlapping mentions of `text`, sorted by offset: longest first, then by
/// source.
///
/// Only candidates that overlap compete, so they are taken in order of their starts and
/// split into runs that overlap one another (most candidates overlap nothing and are
/// kept as they are); the priority order is sorted and claimed within each run, which
/// chooses what one priority sort of all candidates would.
pub(crate) fn select(text: &str, candidates: &[Candidate]) -> Vec<Mention> {
    let limit = candidates.iter().map(|c| c.end).max().unwrap_or(0);
    let mut taken = Occupied::new(limit);
    let narrow = |x: usize| u64::from(u32::try_from(x).unwrap_or(u32::MAX));
    // Start and index in one integer: keys all differ, so an unstable sort (no buffer
    // to allocate) orders them as a stable one would.
    let mut by_start: Vec<u64> = Vec::with_capacity(candidates.len());
    by_start.extend(
        candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.start < c.end)
            .map(|(i, c)| narrow(c.start) << 32 | narrow(i)),
    );
    by_start.sort_unstable();
    let index = |key: u64| (key & 0xffff_ffff) as usize;
    let mut chosen: Vec<usize> = Vec::with_capacity(by_start.len());
    // Runs of overlapping candidates are short: sized once rather than grown.
    let mut contest: Vec<u128> = Vec::with_capacity(16);
    let mut k = 0;
    while k < by_start.len() {
        let mut end = candidates[index(by_start[k])].end;
        let mut m = k + 1;
        while m < by_start.len() && candidates[index(by_start[m])].start < end {
            end = end.max(candidates[index(by_start[m])].end);
            m += 1;
        }
        if m == k + 1 {
            chosen.push(index(by_start[k]));
        } else {
            contest.clear();
            contest.extend(by_start[k..m].iter().map(|&key| priority(&candidates[index(key)], index(key))));
            contest.sort_unstable();
            let first = chosen.len();
            for &key in &contest {
                #[allow(clippy::cast_possible_truncation)] // the low 32 bits hold the index
                let i = key as u32 as usize;
                let c = &candidates[i];
                if !taken.any(c.start, c.end) {
                    taken.set(c.start, c.end);
                    chosen.push(i);
                }
            }
            // Chosen ones do not overlap: their starts differ.
            chosen[first..].sort_unstable_by_key(|&i| candidates[i].start);
        }
        k = m;
    }
    chosen
        .into_iter()
        .map(|i| {
            let c = &candidates[i];
            let own = &text[c.start..c.end];
            let canonical = match c.canonical {
                Canon::Own => Sym::SPAN,
                Canon::Range(s, e) if text[s..e] == *own => Sym::SPAN,
                Canon::Range(s, e) => Sym::intern(&text[s..e]),
                Canon::Sym(sym) if sym.stored() == Some(own) => Sym::SPAN,
                Canon::Sym(sym) => sym,
            };
            Mention::with_symbol(c.start, c.end, c.kind, canonical)
        })
        .collect()
}

/// The order in which candidate `i` claims its bytes, as one integer to sort: longest
/// first, then the most trusted source, then the leftmost, then the first listed (as a
/// stable sort would keep them). Lengths, offsets and indexes past 32 bits saturate.
fn priority(c: &Candidate, i: usize) -> u128 {
    let narrow = |x: usize| u128::from(u32::try_from(x).unwrap_or(u32::MAX));
    let len = narrow(c.end.saturating_sub(c.start));
    let source = c.source as u128;
    ((u128::from(u32::MAX) - len) << 96) | ((0xff - source) << 88) | (narrow(c.start) << 32) | narrow(i)
}

/// Which bytes of the text chosen mentions already cover, one bit a byte.
struct Occupied(Vec<u64>);

impl Occupied {
    fn new(len: usize) -> Self {
        Occupied(vec![0; len / 64 + 1])
    }

    /// Whether any byte of `start..end` (not empty) is covered: a word of bits at a
    /// time, not a bit per byte.
    fn any(&self, start: usize, end: usize) -> bool {
        (start / 64..=(end - 1) / 64).any(|w| self.0[w] & Self::bits(w, start, end) != 0)
    }

    /// Covers the bytes of `start..end` (not empty).
    fn set(&mut self, start: usize, end: usize) {
        for w in start / 64..=(end - 1) / 64 {
            self.0[w] |= Self::bits(w, start, end);
        }
    }

    /// The bits of word `w` that fall in `start..end`.
    fn bits(w: usize, start: usize, end: usize) -> u64 {
        let (lo, hi) = (start.max(w * 64) - w * 64, end.min(w * 64 + 64) - w * 64);
        let below_hi = if hi == 64 { u64::MAX } else { (1 << hi) - 1 };
        below_hi & !((1 << lo) - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(start: usize, end: usize, kind: EntityKind, source: Source) -> Candidate {
        Candidate { start, end, kind, canonical: Canon::Own, source }
    }

    #[test]
    fn longest_wins_then_most_trusted_source() {
        let got = select(
            &" ".repeat(30),
            &[
                cand(0, 4, EntityKind::Org, Source::Gazetteer),
                cand(0, 12, EntityKind::Org, Source::OrgRule),
                cand(20, 25, EntityKind::Loc, Source::Place),
                cand(20, 25, EntityKind::Per, Source::Propagated),
            ],
        );
        let spans: Vec<_> = got.iter().map(|m| (m.start(), m.end(), m.kind)).collect();
        assert_eq!(spans, [(0, 12, EntityKind::Org), (20, 25, EntityKind::Per)]);
    }
}
