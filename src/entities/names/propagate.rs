//! Document-level propagation: a name the rules found once is the same name
//! everywhere in the document, in headlines too, and a person's surname alone is
//! that person ("Jens Stoltenberg" … "Stoltenberg", canonical "Jens Stoltenberg").

use memchr::memmem;

use super::super::EntityKind;
use super::super::fasthash::FastMap;
use super::super::gazetteer::fold;
use super::super::lexicon::{fold_into, is_org_head, is_stopword, looks_like_demonym};
use super::super::resolve::{Candidate, Source};
use super::Context;

/// A learnt name: its kind, canonical form and how it was found.
type Known = FastMap<String, (EntityKind, String, Source)>;

/// Folded single-word names the rules found: strongest sources first, so that a
/// company's name found by its "Semiconductors" tail beats "in Helvion" as a place.
fn known_names(cx: &Context, learnt: &[Candidate]) -> Known {
    let mut sorted: Vec<&Candidate> = learnt.iter().filter(|c| c.source != Source::Acronym).collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.source));
    let mut known = Known::default();
    for c in &sorted {
        let surface = &cx.text[c.start..c.end];
        let mut words = surface.split_whitespace();
        let first = words.next().unwrap_or(surface);
        if let Some(last) = words.next_back() {
            if c.kind == EntityKind::Per {
                known.entry(fold(last)).or_insert_with(|| (EntityKind::Per, c.canonical.clone(), c.source));
            } else if c.kind == EntityKind::Org && c.source == Source::OrgRule {
                // "Helvion Semiconductors" … "Helvion".
                let key = fold(first);
                if !is_org_head(&key) && !is_stopword(&key) && !looks_like_demonym(&key) {
                    known.entry(key).or_insert_with(|| (c.kind, c.canonical.clone(), c.source));
                }
            }
        } else {
            known.entry(fold(surface)).or_insert_with(|| (c.kind, c.canonical.clone(), c.source));
        }
    }
    known
}

/// Applies what the document taught: relabels weaker single-word candidates, then
/// marks the other mentions of learnt names.
pub(super) fn propagate(cx: &Context, first: usize, out: &mut Vec<Candidate>) {
    let known = known_names(cx, &out[first..]);
    // One buffer for every folded surface, rather than a new string per candidate.
    let mut key = String::new();
    for c in &mut out[first..] {
        key.clear();
        fold_into(&cx.text[c.start..c.end], &mut key);
        if let Some((kind, canonical, source)) = known.get(key.as_str())
            && (*source > c.source || (*kind == c.kind && *kind == EntityKind::Per))
        {
            c.kind = *kind;
            c.canonical.clone_from(canonical);
        }
    }
    let mut taken: Vec<(usize, usize)> = out[first..].iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    let is_taken = |s: usize, e: usize| {
        let k = taken.partition_point(|&(ts, _)| ts < e);
        k > 0 && taken[k - 1].1 > s
    };
    let mut found = Vec::new();
    for (i, t) in cx.tokens.list.iter().enumerate() {
        if !cx.is_capitalised(i) || cx.cover[i].is_some() || is_taken(t.start, t.end) {
            continue;
        }
        if let Some((kind, canonical, _)) = known.get(cx.key(i)) {
            found.push(Candidate {
                start: t.start,
                end: t.end,
                kind: *kind,
                canonical: canonical.clone(),
                source: Source::Propagated,
            });
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
    let mut phrases: Vec<&Candidate> = learnt
        .iter()
        .filter(|c| c.source != Source::Acronym && cx.text[c.start..c.end].contains(' '))
        .collect();
    phrases.sort_by(|a, b| cx.text[a.start..a.end].cmp(&cx.text[b.start..b.end]));
    phrases.dedup_by(|a, b| cx.text[a.start..a.end] == cx.text[b.start..b.end]);
    if phrases.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for c in phrases {
        let phrase = &cx.text[c.start..c.end];
        for at in memmem::find_iter(cx.text.as_bytes(), phrase.as_bytes()) {
            let end = at + phrase.len();
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
                canonical: c.canonical.clone(),
                source: Source::Propagated,
            });
        }
    }
    found
}
