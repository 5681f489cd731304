//! Document-level propagation: a name the rules found once is the same name
//! everywhere in the document, in headlines too, and a person's surname alone is
//! that person ("Jens Stoltenberg" … "Stoltenberg", canonical "Jens Stoltenberg").

use super::super::EntityKind;
use super::super::fasthash::FastMap;
use super::super::lexicon::{fold_into, is_org_head, is_stopword, looks_like_demonym};
use super::super::resolve::{Candidate, Canon, Source};
use super::Context;

/// A learnt name, by its folded form: its kind, canonical form and how it was found.
type Known<'k> = FastMap<&'k str, (EntityKind, Canon, Source)>;

/// Folded single-word names the rules found: strongest sources first, so that a
/// company's name found by its "Semiconductors" tail beats "in Helvion" as a place.
/// The folded forms are written end to end in `keys`, which the map borrows.
fn known_names<'k>(cx: &Context, learnt: &[Candidate], keys: &'k mut String) -> Known<'k> {
    // Strongest first, and in the order found between equals: the index breaks ties,
    // so that an unstable sort (no buffer to allocate) keeps that order.
    let mut sorted: Vec<(std::cmp::Reverse<Source>, usize)> = Vec::with_capacity(learnt.len());
    sorted.extend(
        learnt
            .iter()
            .enumerate()
            .filter(|(_, c)| c.source != Source::Acronym)
            .map(|(k, c)| (std::cmp::Reverse(c.source), k)),
    );
    sorted.sort_unstable();
    let mut entries: Vec<(usize, usize, (EntityKind, Canon, Source))> = Vec::with_capacity(sorted.len());
    for c in sorted.iter().map(|&(_, k)| &learnt[k]) {
        let surface = &cx.text[c.start..c.end];
        let canonical = c.canonical.detached(c.start, c.end);
        let mut words = surface.split_whitespace();
        let first = words.next().unwrap_or(surface);
        let at = keys.len();
        if let Some(last) = words.next_back() {
            if c.kind == EntityKind::Per {
                fold_into(last, keys);
                entries.push((at, keys.len(), (EntityKind::Per, canonical, c.source)));
            } else if c.kind == EntityKind::Org && c.source == Source::OrgRule {
                // "Helvion Semiconductors" … "Helvion".
                fold_into(first, keys);
                let key = &keys[at..];
                if !is_org_head(key) && !is_stopword(key) && !looks_like_demonym(key) {
                    entries.push((at, keys.len(), (c.kind, canonical, c.source)));
                } else {
                    keys.truncate(at);
                }
            }
        } else {
            fold_into(surface, keys);
            entries.push((at, keys.len(), (c.kind, canonical, c.source)));
        }
    }
    let keys: &'k str = keys;
    let mut known = Known::default();
    for (start, end, value) in entries {
        known.entry(&keys[start..end]).or_insert(value);
    }
    known
}

/// Applies what the document taught: relabels weaker single-word candidates, then
/// marks the other mentions of learnt names.
pub(super) fn propagate(cx: &Context, first: usize, out: &mut Vec<Candidate>) {
    // Buffers sized once, rather than grown per document: every folded name fits.
    let learnt_bytes = out[first..].iter().map(|c| c.end - c.start).sum();
    let mut keys = String::with_capacity(learnt_bytes);
    let known = known_names(cx, &out[first..], &mut keys);
    // One buffer for every folded surface, rather than a new string per candidate.
    let mut key = String::with_capacity(learnt_bytes);
    for c in &mut out[first..] {
        // Learnt keys are single words: a name with a space cannot be one.
        if cx.text.as_bytes()[c.start..c.end].contains(&b' ') {
            continue;
        }
        key.clear();
        fold_into(&cx.text[c.start..c.end], &mut key);
        if let Some(&(kind, canonical, source)) = known.get(key.as_str())
            && (source > c.source || (kind == c.kind && kind == EntityKind::Per))
        {
            c.kind = kind;
            c.canonical = canonical;
        }
    }
    let mut taken: Vec<(usize, usize)> = out[first..].iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    let is_taken = |s: usize, e: usize| {
        let k = taken.partition_point(|&(ts, _)| ts < e);
        k > 0 && taken[k - 1].1 > s
    };
    let mut found = Vec::with_capacity(cx.len() / 16);
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
        if let Some(&(kind, canonical, _)) = known.get(cx.key(i)) {
            found.push(Candidate { start: t.start, end: t.end, kind, canonical, source: Source::Propagated });
        }
    }
    found.extend(repeated_phrases(cx, &out[first..], &is_taken));
    out.extend(found);
}

/// Other occurrences of multi-word names the rules found ("Bouclier Boréal" in a
/// title before the sentence that names it as an exercise).
fn repeated_phrases(
    cx: &Context,
    learnt: &[Candidate],
    is_taken: &dyn Fn(usize, usize) -> bool,
) -> Vec<Candidate> {
    let text = cx.text.as_bytes();
    // By their text, the first found first between equal ones (the index breaks ties,
    // so that an unstable sort keeps that order), and the first of equal ones kept.
    let mut phrases: Vec<(usize, &Candidate)> = Vec::with_capacity(learnt.len());
    phrases.extend(
        learnt
            .iter()
            .enumerate()
            .filter(|(_, c)| c.source != Source::Acronym && cx.text[c.start..c.end].contains(' ')),
    );
    phrases.sort_unstable_by(|(ka, a), (kb, b)| {
        text[a.start..a.end].cmp(&text[b.start..b.end]).then(ka.cmp(kb))
    });
    let mut phrases: Vec<&Candidate> = phrases.into_iter().map(|(_, c)| c).collect();
    phrases.dedup_by(|a, b| text[a.start..a.end] == text[b.start..b.end]);
    if phrases.is_empty() {
        return Vec::new();
    }
    // A name starts where a word character follows a non-word one: at a word's start,
    // or after a hyphen or an apostrophe inside a word ("anti-Bouclier Boréal"). Those
    // places, tried against the phrases that start with the same byte (contiguous, as
    // the phrases are sorted), replace one search of the whole text per phrase.
    let mut first_bytes = [false; 256];
    for c in &phrases {
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
    let mut found = Vec::new();
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
        if is_taken(at, end) || found.iter().any(|f: &Candidate| f.start < end && at < f.end) {
            continue;
        }
        found.push(Candidate {
            start: at,
            end,
            kind: c.kind,
            canonical: c.canonical.detached(c.start, c.end),
            source: Source::Propagated,
        });
    }
    found
}
