//! Choosing among overlapping candidates: the outermost (longest) span wins, and
//! between spans of equal length the more trusted source.

use std::cmp::Reverse;

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

/// A possible mention, before overlaps are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub canonical: String,
    pub source: Source,
}

/// The non-overlapping mentions, sorted by offset: longest first, then by source.
pub(crate) fn select(mut candidates: Vec<Candidate>) -> Vec<Mention> {
    // Sorting keys with their index moves small tuples, not whole candidates; ties on
    // length, source and start keep the candidates' order, as a stable sort would.
    let mut order: Vec<(Reverse<usize>, Reverse<Source>, usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (Reverse(c.end - c.start), Reverse(c.source), c.start, i))
        .collect();
    order.sort_unstable();
    let limit = candidates.iter().map(|c| c.end).max().unwrap_or(0);
    let mut taken = Occupied::new(limit);
    let mut chosen: Vec<usize> = Vec::with_capacity(candidates.len());
    for (_, _, _, i) in order {
        let c = &candidates[i];
        if c.start < c.end && !taken.any(c.start, c.end) {
            taken.set(c.start, c.end);
            chosen.push(i);
        }
    }
    chosen.sort_unstable_by_key(|&i| candidates[i].start);
    chosen
        .into_iter()
        .map(|i| {
            let c = &mut candidates[i];
            Mention { start: c.start, end: c.end, kind: c.kind, canonical: std::mem::take(&mut c.canonical) }
        })
        .collect()
}

/// Which bytes of the text chosen mentions already cover, one bit a byte.
struct Occupied(Vec<u64>);

impl Occupied {
    fn new(len: usize) -> Self {
        Occupied(vec![0; len / 64 + 1])
    }

    fn any(&self, start: usize, end: usize) -> bool {
        (start..end).any(|b| self.0[b / 64] & (1 << (b % 64)) != 0)
    }

    fn set(&mut self, start: usize, end: usize) {
        for b in start..end {
            self.0[b / 64] |= 1 << (b % 64);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(start: usize, end: usize, kind: EntityKind, source: Source) -> Candidate {
        Candidate { start, end, kind, canonical: String::new(), source }
    }

    #[test]
    fn longest_wins_then_most_trusted_source() {
        let got = select(vec![
            cand(0, 4, EntityKind::Org, Source::Gazetteer),
            cand(0, 12, EntityKind::Org, Source::OrgRule),
            cand(20, 25, EntityKind::Loc, Source::Place),
            cand(20, 25, EntityKind::Per, Source::Propagated),
        ]);
        let spans: Vec<_> = got.iter().map(|m| (m.start, m.end, m.kind)).collect();
        assert_eq!(spans, [(0, 12, EntityKind::Org), (20, 25, EntityKind::Per)]);
    }
}
