//! Names the gazetteer does not know: capitalised sequences with cues (a first name,
//! a title, an honorific, a reporting verb, an organisation head word, a place or
//! event cue), then document-level propagation ("Jens Stoltenberg" makes a later
//! "Stoltenberg" a person). Headlines in capitals or title case get no cue rule,
//! only known names, so that a shouted title does not turn every word into a name.

use std::collections::HashMap;

use super::EntityKind;
use super::gazetteer::{Gazetteer, Hit, fold};
use super::lexicon::{
    fold_key, is_auxiliary, is_generic_acronym, is_honorific, is_misc_cue, is_name_particle, is_org_head,
    is_org_tail, is_place_cue, is_place_noun, is_reporting_verb, is_stopword, is_title, is_weekday, month,
};
use super::resolve::{Candidate, Source};
use super::tokens::{Gap, Shape, Token, Tokens};

/// What the name rules read: the text, its words, and what the gazetteer found.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    pub gazetteer: &'a Gazetteer,
    pub first_names: &'a std::collections::HashSet<String>,
    /// Per token, the gazetteer hit covering it.
    pub cover: Vec<Option<Hit>>,
}

const MAX_NAME_WORDS: usize = 4;

impl<'a> Context<'a> {
    /// Builds the context, marking each token covered by a gazetteer hit.
    pub fn new(
        text: &'a str,
        tokens: &'a Tokens,
        gazetteer: &'a Gazetteer,
        first_names: &'a std::collections::HashSet<String>,
        hits: &[Hit],
    ) -> Self {
        let mut cover = vec![None; tokens.list.len()];
        let mut h = 0;
        for (i, t) in tokens.list.iter().enumerate() {
            while h < hits.len() && hits[h].end <= t.start {
                h += 1;
            }
            if h < hits.len() && hits[h].start < t.end {
                cover[i] = Some(hits[h]);
            }
        }
        Context { text, tokens, gazetteer, first_names, cover }
    }

    fn tok(&self, i: usize) -> &Token {
        &self.tokens.list[i]
    }

    fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens.list[i];
        &self.text[t.start..t.end]
    }

    fn key(&self, i: usize) -> String {
        let mut buf = [0u8; 32];
        fold_key(self.word(i), &mut buf).unwrap_or("").to_string()
    }

    fn is_capitalised(&self, i: usize) -> bool {
        let t = self.tok(i);
        t.shape == Shape::Cap || (t.shape == Shape::Upper && t.end - t.start > 1)
    }

    fn covered_kind(&self, i: usize) -> Option<EntityKind> {
        self.cover[i].map(|h| self.gazetteer.entries[h.entry as usize].kind)
    }

    /// A capitalised word that may be part of an unknown name.
    fn is_name_word(&self, i: usize) -> bool {
        if !self.is_capitalised(i) || self.cover[i].is_some() {
            return false;
        }
        let key = self.key(i);
        !is_stopword(&key)
            && !is_title(&key)
            && !is_honorific(&key)
            && month(&key).is_none()
            && !is_weekday(&key)
    }

    fn is_first_name(&self, i: usize) -> bool {
        let word = self.word(i);
        let lookup = |w: &str| {
            if self.first_names.contains(w) {
                return true;
            }
            // "SAUL" in a credit line: compare in title case.
            let mut chars = w.chars();
            let titled: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
            titled != w && self.first_names.contains(&titled)
        };
        lookup(word) || word.split_once('-').is_some_and(|(head, _)| lookup(head))
    }

    /// The end (exclusive token index) of an unknown name starting at `i`: name words
    /// joined by spaces, with particles between them ("Ursula von der Leyen").
    fn name_run(&self, i: usize) -> usize {
        let n = self.tokens.list.len();
        let mut end = i + 1;
        let mut j = i + 1;
        while j < n && end - i < MAX_NAME_WORDS {
            let t = self.tok(j);
            if t.gap != Gap::Space || self.tokens.shouting(t) {
                break;
            }
            if self.is_name_word(j) || self.covered_kind(j) == Some(EntityKind::Per) {
                end = j + 1;
                j += 1;
                continue;
            }
            let key = self.key(j);
            let particle = matches!(
                key.as_str(),
                "le" | "la"
                    | "de"
                    | "du"
                    | "da"
                    | "di"
                    | "von"
                    | "van"
                    | "der"
                    | "den"
                    | "bin"
                    | "ben"
                    | "al"
                    | "el"
                    | "dos"
                    | "del"
            );
            if particle && j + 1 < n && self.tok(j + 1).gap == Gap::Space && self.is_name_word(j + 1) {
                j += 1;
                continue;
            }
            break;
        }
        end
    }

    fn span_text(&self, i: usize, end: usize) -> String {
        let s = &self.text[self.tok(i).start..self.tok(end - 1).end];
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn candidate(&self, i: usize, end: usize, kind: EntityKind, source: Source) -> Candidate {
        Candidate {
            start: self.tok(i).start,
            end: self.tok(end - 1).end,
            kind,
            canonical: self.span_text(i, end),
            source,
        }
    }
}

/// Finds the rule-based name candidates, then propagates them through the document.
pub(crate) fn find(cx: &Context, out: &mut Vec<Candidate>) {
    let first = out.len();
    let n = cx.tokens.list.len();
    let mut i = 0;
    while i < n {
        let t = cx.tok(i);
        if cx.tokens.shouting(t) || !cx.is_capitalised(i) {
            i += 1;
            continue;
        }
        let before = out.len();
        rules_at(cx, i, out);
        // Skip the words a rule just took, so that a name is not re-read from its middle.
        i = out[before..]
            .iter()
            .map(|c| cx.tokens.list.partition_point(|t| t.start < c.end))
            .max()
            .unwrap_or(i + 1)
            .max(i + 1);
    }
    let learnt: Vec<Candidate> = out[first..].to_vec();
    let known = known_names(cx, &learnt);
    // A surname found alone by a cue takes the full name as its canonical form.
    for c in &mut out[first..] {
        if let Some((EntityKind::Per, full)) = known.get(&fold(&cx.text[c.start..c.end])) {
            if c.kind == EntityKind::Per {
                c.canonical.clone_from(full);
            }
        }
    }
    propagate(cx, &learnt, &known, out);
}

/// Folded single-word names the rules found, with their kind and canonical form:
/// persons' surnames first (from their full names), then names found alone.
fn known_names(cx: &Context, learnt: &[Candidate]) -> HashMap<String, (EntityKind, String)> {
    let mut known: HashMap<String, (EntityKind, String)> = HashMap::new();
    for c in learnt.iter().filter(|c| c.source != Source::Acronym) {
        let surface = &cx.text[c.start..c.end];
        let mut words = surface.split_whitespace();
        if let (Some(_), Some(last)) = (words.next(), words.next_back()) {
            if c.kind == EntityKind::Per {
                known.entry(fold(last)).or_insert((EntityKind::Per, c.canonical.clone()));
            }
        }
    }
    for c in learnt.iter().filter(|c| c.source != Source::Acronym) {
        let surface = &cx.text[c.start..c.end];
        if !surface.contains(char::is_whitespace) {
            known.entry(fold(surface)).or_insert((c.kind, c.canonical.clone()));
        }
    }
    known
}

/// The rules for a name that may start at token `i`.
fn rules_at(cx: &Context, i: usize, out: &mut Vec<Candidate>) {
    let key = cx.key(i);
    if is_org_head(&key) && cx.cover[i].is_none() {
        if let Some(end) = org_head_run(cx, i) {
            out.push(cx.candidate(i, end, EntityKind::Org, Source::OrgRule));
            return;
        }
    }
    if !cx.is_name_word(i) {
        return;
    }
    if let Some(end) = org_tail_run(cx, i) {
        out.push(cx.candidate(i, end, EntityKind::Org, Source::OrgRule));
        return;
    }
    let end = cx.name_run(i);
    if cx.is_first_name(i) && end > i + 1 {
        out.push(cx.candidate(i, end, EntityKind::Per, Source::Person));
        return;
    }
    if let Some(kind) = cued_kind(cx, i, end).filter(|_| !is_org_head(&key)) {
        let source = match kind {
            EntityKind::Loc => Source::Place,
            EntityKind::Misc => Source::Event,
            _ => Source::Cue,
        };
        out.push(cx.candidate(i, end, kind, source));
        return;
    }
    let t = cx.tok(i);
    if t.shape == Shape::Upper && end == i + 1 && (2..=6).contains(&(t.end - t.start)) {
        let word = cx.word(i);
        let lone = (i == 0 || cx.tok(i - 1).shape != Shape::Upper || cx.tok(i).gap != Gap::Space)
            && (i + 1 >= cx.tokens.list.len()
                || cx.tok(i + 1).shape != Shape::Upper
                || cx.tok(i + 1).gap != Gap::Space);
        if lone && word.chars().all(char::is_alphabetic) && !is_generic_acronym(&key) {
            out.push(cx.candidate(i, end, EntityKind::Org, Source::Acronym));
        }
    }
}

/// "Conseil OTAN-Ukraine", "Banque de France": a head word, then capitalised words
/// (known names included) or particles before a capitalised word.
fn org_head_run(cx: &Context, i: usize) -> Option<usize> {
    let n = cx.tokens.list.len();
    let mut end = None;
    let mut j = i + 1;
    while j < n && j - i <= 6 {
        let t = cx.tok(j);
        if !matches!(t.gap, Gap::Space | Gap::Elision) {
            break;
        }
        if cx.is_capitalised(j) && !is_stopword(&cx.key(j)) {
            end = Some(j + 1);
        } else if !(is_name_particle(&cx.key(j)) || cx.key(j) == "la") {
            break;
        }
        j += 1;
    }
    end
}

/// "Haurizon News", "North Sea Energy Partnership": capitalised words ending on an
/// organisation tail word.
fn org_tail_run(cx: &Context, i: usize) -> Option<usize> {
    let n = cx.tokens.list.len();
    let mut j = i + 1;
    while j < n && j - i < 6 {
        let t = cx.tok(j);
        if t.gap != Gap::Space || !cx.is_capitalised(j) {
            return None;
        }
        if is_org_tail(&cx.key(j)) {
            return Some(j + 1);
        }
        j += 1;
    }
    None
}

/// The kind a cue before or after the words `i..end` gives them.
fn cued_kind(cx: &Context, i: usize, end: usize) -> Option<EntityKind> {
    let t = cx.tok(i);
    let prev = i.checked_sub(1);
    let prev_key = prev.map(|p| cx.key(p)).unwrap_or_default();
    // "M. Stoltenberg", "Mme Marchand".
    if let Some(p) = prev {
        let between = &cx.text[cx.tok(p).end..t.start];
        if is_honorific(&prev_key) && matches!(between.trim_end(), "" | ".") && !between.contains('\n') {
            return Some(EntityKind::Per);
        }
    }
    if t.gap == Gap::Space {
        if let Some(p) = prev {
            if is_title(&prev_key) {
                return Some(EntityKind::Per);
            }
            // "le président russe X": a title, one lowercase word, the name.
            if p > 0
                && cx.tok(p).shape == Shape::Lower
                && cx.tok(p).gap == Gap::Space
                && is_title(&cx.key(p - 1))
                && !is_stopword(&prev_key)
            {
                return Some(EntityKind::Per);
            }
            // "a déclaré Stoltenberg", "said Lindqvist".
            if is_reporting_verb(&prev_key) && cx.tok(p).shape == Shape::Lower {
                return Some(EntityKind::Per);
            }
            if cx.word(p) == "à" || cx.word(p) == "À" || is_place_cue(&prev_key) {
                return Some(EntityKind::Loc);
            }
            if is_misc_cue(&prev_key) && cx.tok(p).shape == Shape::Lower {
                return Some(EntityKind::Misc);
            }
        }
    }
    // "la base américaine de Ramstein", "la ville de Kherson".
    if let Some(p) = prev.filter(|_| matches!(t.gap, Gap::Space | Gap::Elision)) {
        if matches!(prev_key.as_str(), "de" | "d") && p > 0 {
            let noun = if is_place_noun(&cx.key(p - 1)) { Some(p - 1) } else { p.checked_sub(2) };
            if noun.is_some_and(|q| is_place_noun(&cx.key(q))) {
                return Some(EntityKind::Loc);
            }
        }
    }
    // "X a déclaré", "X said": not after a determiner ("La Compagnie a déclaré").
    let after_det = prev.is_some_and(|p| {
        matches!(prev_key.as_str(), "le" | "la" | "les" | "l" | "the" | "un" | "une" | "a" | "an")
            && cx.tok(i).gap != Gap::Break
            && cx.tok(p).end <= t.start
    });
    let n = cx.tokens.list.len();
    if !after_det && end < n && cx.tok(end).gap == Gap::Space {
        let k = cx.key(end);
        let verb_at = if is_auxiliary(&k) && end + 1 < n { end + 1 } else { end };
        if (verb_at == end || cx.tok(verb_at).gap == Gap::Space)
            && is_reporting_verb(&cx.key(verb_at))
            && cx.tok(verb_at).shape == Shape::Lower
        {
            return Some(EntityKind::Per);
        }
    }
    None
}

/// Marks later (and earlier) mentions of names the rules found: a person's surname
/// alone, a place or organisation named again, also inside headlines.
fn propagate(
    cx: &Context,
    learnt: &[Candidate],
    known: &HashMap<String, (EntityKind, String)>,
    out: &mut Vec<Candidate>,
) {
    if known.is_empty() {
        return;
    }
    let mut taken: Vec<(usize, usize)> = learnt.iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    for (i, t) in cx.tokens.list.iter().enumerate() {
        if !cx.is_capitalised(i) || cx.cover[i].is_some() {
            continue;
        }
        let k = taken.partition_point(|&(s, _)| s < t.end);
        if k > 0 && taken[k - 1].1 > t.start {
            continue;
        }
        if let Some((kind, canonical)) = known.get(&fold(cx.word(i))) {
            // An exact match, or any case in a headline ("STOLTENBERG").
            out.push(Candidate {
                start: t.start,
                end: t.end,
                kind: *kind,
                canonical: canonical.clone(),
                source: Source::Propagated,
            });
        }
    }
}
