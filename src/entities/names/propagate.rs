//! Document-level propagation: a name the rules found once is the same name
//! everywhere in the document, in headlines too, and a person's surname alone is
//! that person ("Jens Stoltenberg" … "Stoltenberg", canonical "Jens Stoltenberg").

use super::super::EntityKind;
use super::super::fasthash::{FastMap, FastState};
use super::super::lexicon::{fold_into, is_org_head, is_stopword, looks_like_demonym};
use super::super::resolve::{Candidate, Canon, Source};
use super::Context;

/// What a learnt name teaches: its kind, canonical form and source, and its index
/// among the learnt names.
#[derive(Clone, Copy)]
struct Learnt {
    kind: EntityKind,
    canonical: Canon,
    source: Source,
    index: usize,
}

impl Learnt {
    /// What learnt name `index` teaches, as `kind`.
    fn of(learnt: &[Candidate], index: usize, kind: EntityKind) -> Learnt {
        let c = &learnt[index];
        Learnt { kind, canonical: c.canonical.detached(c.start, c.end), source: c.source, index }
    }

    /// Whether this wins over `other` for the same folded form: the stronger source, so
    /// that a company's name found by its "Semiconductors" tail beats "in Helvion" as a
    /// place, and between equal sources the first found.
    fn beats(&self, other: &Learnt) -> bool {
        self.source > other.source || (self.source == other.source && self.index < other.index)
    }
}

/// Learnt names by their folded form.
type Known<'k> = FastMap<&'k str, Learnt>;

/// The indexes of the learnt names grouped by text (sorted by text, then by index).
/// The rules often find a name at each of its mentions ("Banque centrale européenne"
/// again and again), and what propagation learns from a name depends on its text,
/// kind and source only: each text is split, folded and looked up once per group
/// rather than once per mention.
fn by_text(text: &[u8], learnt: &[Candidate]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..learnt.len()).collect();
    let span = |k: usize| &text[learnt[k].start..learnt[k].end];
    order.sort_unstable_by(|&a, &b| span(a).cmp(span(b)).then(a.cmp(&b)));
    order
}

/// Among the members of a group, the one that teaches the most, from those `keep`
/// accepts: the strongest source, and the first found between equals. Acronyms
/// teach nothing.
fn strongest(learnt: &[Candidate], members: &[usize], keep: impl Fn(&Candidate) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for &k in members {
        let c = &learnt[k];
        if c.source != Source::Acronym && keep(c) && best.is_none_or(|b| c.source > learnt[b].source) {
            best = Some(k);
        }
    }
    best
}

/// Folded single-word names the rules found (a person's surname, an organisation's
/// first word, a one-word name), each kept from the learnt name that beats the others
/// (see [`Learnt::beats`]). The folded forms are written end to end in `keys`, which
/// the map borrows.
fn known_names<'k>(
    cx: &Context,
    learnt: &[Candidate],
    groups: &[&[usize]],
    keys: &'k mut String,
) -> Known<'k> {
    let mut entries: Vec<(usize, usize, Learnt)> = Vec::with_capacity(groups.len());
    for members in groups {
        let c = &learnt[members[0]];
        let surface = &cx.text[c.start..c.end];
        let mut words = surface.split_whitespace();
        let first = words.next().unwrap_or(surface);
        let at = keys.len();
        if let Some(last) = words.next_back() {
            if let Some(k) = strongest(learnt, members, |c| c.kind == EntityKind::Per) {
                fold_into(last, keys);
                entries.push((at, keys.len(), Learnt::of(learnt, k, EntityKind::Per)));
            }
            // "Helvion Semiconductors" … "Helvion".
            let org = |c: &Candidate| c.kind == EntityKind::Org && c.source == Source::OrgRule;
            if let Some(k) = strongest(learnt, members, org) {
                let at = keys.len();
                fold_into(first, keys);
                let key = &keys[at..];
                if !is_org_head(key) && !is_stopword(key) && !looks_like_demonym(key) {
                    entries.push((at, keys.len(), Learnt::of(learnt, k, EntityKind::Org)));
                } else {
                    keys.truncate(at);
                }
            }
        } else if let Some(k) = strongest(learnt, members, |_| true) {
            fold_into(surface, keys);
            entries.push((at, keys.len(), Learnt::of(learnt, k, learnt[k].kind)));
        }
    }
    let keys: &'k str = keys;
    // Sized for every entry: a table grown while it fills rehashes what it held.
    let mut known = Known::with_capacity_and_hasher(entries.len(), FastState::default());
    for (start, end, value) in entries {
        known
            .entry(&keys[start..end])
            .and_modify(|held| {
                if value.beats(held) {
                    *held = value;
                }
            })
            .or_insert(value);
    }
    known
}

/// Applies what the document taught: relabels weaker single-word candidates, then
/// marks the other mentions of learnt names.
pub(super) fn propagate(cx: &Context, first: usize, out: &mut Vec<Candidate>) {
    let text = cx.text.as_bytes();
    let order = by_text(text, &out[first..]);
    let same_text = |&a: &usize, &b: &usize| {
        let (ca, cb) = (&out[first + a], &out[first + b]);
        text[ca.start..ca.end] == text[cb.start..cb.end]
    };
    let groups: Vec<&[usize]> = order.chunk_by(same_text).collect();
    // Buffers sized once, rather than grown per document: every folded name fits.
    let learnt_bytes = groups.iter().map(|g| out[first + g[0]].end - out[first + g[0]].start).sum();
    let mut keys = String::with_capacity(learnt_bytes);
    let known = known_names(cx, &out[first..], &groups, &mut keys);
    let phrases = phrases(cx, &out[first..], &groups);
    // One buffer for every folded surface, rather than a new string per group.
    let mut key = String::with_capacity(learnt_bytes);
    for members in &groups {
        let c = &out[first + members[0]];
        // Learnt keys are single words: a name with a space cannot be one.
        if text[c.start..c.end].contains(&b' ') {
            continue;
        }
        key.clear();
        fold_into(&cx.text[c.start..c.end], &mut key);
        let Some(&taught) = known.get(key.as_str()) else { continue };
        for &k in *members {
            let c = &mut out[first + k];
            if taught.source > c.source || (taught.kind == c.kind && taught.kind == EntityKind::Per) {
                c.kind = taught.kind;
                c.canonical = taught.canonical;
            }
        }
    }
    let mut taken: Vec<(usize, usize)> = out[first..].iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    let is_taken = |s: usize, e: usize| {
        let k = taken.partition_point(|&(ts, _)| ts < e);
        k > 0 && taken[k - 1].1 > s
    };
    // `is_taken` for words in order: the names starting before the word's end only grow.
    let mut before_end = 0;
    for &i in &cx.tokens.capitalised {
        let (i, t) = (i as usize, cx.tok(i as usize));
        while before_end < taken.len() && taken[before_end].0 < t.end {
            before_end += 1;
        }
        let inside = before_end > 0 && taken[before_end - 1].1 > t.start;
        if inside || cx.cover(i).is_some() {
            continue;
        }
        if let Some(&Learnt { kind, canonical, .. }) = known.get(cx.key(i)) {
            out.push(Candidate { start: t.start, end: t.end, kind, canonical, source: Source::Propagated });
        }
    }
    repeated_phrases(cx, &phrases, &is_taken, out);
}

/// The multi-word names the rules found, one per text (the first found of those
/// that are not acronyms), sorted by text.
fn phrases(cx: &Context, learnt: &[Candidate], groups: &[&[usize]]) -> Vec<Candidate> {
    let mut phrases = Vec::with_capacity(groups.len());
    for members in groups {
        let c = &learnt[members[0]];
        if !cx.text.as_bytes()[c.start..c.end].contains(&b' ') {
            continue;
        }
        if let Some(&k) = members.iter().find(|&&k| learnt[k].source != Source::Acronym) {
            phrases.push(learnt[k]);
        }
    }
    phrases
}

/// Other occurrences of `phrases`, multi-word names the rules found ("Bouclier
/// Boréal" in a title before the sentence that names it as an exercise), added to
/// `out`.
fn repeated_phrases(
    cx: &Context,
    phrases: &[Candidate],
    is_taken: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Candidate>,
) {
    let text = cx.text.as_bytes();
    if phrases.is_empty() {
        return;
    }
    // A name starts where a word character follows a non-word one: at a word's start,
    // or after a hyphen or an apostrophe inside a word ("anti-Bouclier Boréal"). Those
    // places, tried against the phrases that start with the same byte (contiguous, as
    // the phrases are sorted), replace one search of the whole text per phrase.
    let mut first_bytes = [false; 256];
    for c in phrases {
        first_bytes[usize::from(text[c.start])] = true;
    }
    let inner = memchr::memchr3_iter(b'-', b'\'', 0x99, text)
        .filter(|&i| text[i] != 0x99 || (i >= 2 && text[i - 2..i] == [0xe2, 0x80]))
        .map(|i| i + 1);
    // Phrases mostly start on a capitalised word: one hit per such word is the usual
    // upper bound, so that the list is not grown per document.
    let mut hits: Vec<(usize, usize)> = Vec::with_capacity(cx.tokens.capitalised.len() + 16);
    let mut try_at = |at: usize| {
        let Some(&b) = text.get(at) else { return };
        if !first_bytes[usize::from(b)] {
            return;
        }
        let from = phrases.partition_point(|c| text[c.start] < b);
        for (k, c) in phrases.iter().enumerate().skip(from).take_while(|(_, c)| text[c.start] == b) {
            if text[at..].starts_with(&text[c.start..c.end]) {
                hits.push((k, at));
            }
        }
    };
    // Two loops rather than one over a chain of both: the word starts, every word of
    // the text, are then a tight loop.
    for t in &cx.tokens.list {
        if first_bytes[usize::from(text[t.start])] {
            try_at(t.start);
        }
    }
    for at in inner {
        try_at(at);
    }
    hits.sort_unstable();
    hits.dedup();
    let found = out.len();
    // As a search per phrase would, an occurrence overlapping the previous one of the
    // same phrase is not one.
    let mut previous: Option<(usize, usize)> = None;
    for (k, at) in hits {
        let c = phrases[k];
        let end = at + (c.end - c.start);
        if previous.is_some_and(|(pk, pend)| pk == k && at < pend) {
            continue;
        }
        previous = Some((k, end));
        let before = cx.text[..at].chars().next_back();
        let after = cx.text[end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        if is_taken(at, end) || out[found..].iter().any(|f| f.start < end && at < f.end) {
            continue;
        }
        out.push(Candidate {
            start: at,
            end,
            kind: c.kind,
            canonical: c.canonical.detached(c.start, c.end),
            source: Source::Propagated,
        });
    }
}
