//! Choosing among overlapping candidates: the outermost (longest) span wins, and
//! between spans of equal length the more trusted source.

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
    candidates.sort_by(|a, b| {
        (b.end - b.start).cmp(&(a.end - a.start)).then(b.source.cmp(&a.source)).then(a.start.cmp(&b.start))
    });
    // Chosen spans, kept sorted by start.
    let mut chosen: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if c.start >= c.end {
            continue;
        }
        let i = chosen.partition_point(|x| x.start < c.start);
        let clashes_before = i > 0 && chosen[i - 1].end > c.start;
        let clashes_after = i < chosen.len() && chosen[i].start < c.end;
        if !clashes_before && !clashes_after {
            chosen.insert(i, c);
        }
    }
    chosen
        .into_iter()
        .map(|c| Mention { start: c.start, end: c.end, kind: c.kind, canonical: c.canonical })
        .collect()
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
