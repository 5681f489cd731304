//! Names the gazetteer does not know: capitalised sequences with cues (a first name,
//! a title, an honorific, a reporting verb, an organisation or event word, a place
//! cue), credit and attribution lines, then document-level propagation ("Jens
//! Stoltenberg" makes a later "Stoltenberg" a person). Headlines in capitals or title
//! case get no cue rule, only known names, so that a shouted title does not turn every
//! word into a name.

mod lines;
mod propagate;
mod rules;

use super::EntityKind;
use super::fasthash::StrSet;
use super::gazetteer::{Gazetteer, Hit};
use super::lexicon::class;
use super::resolve::{Candidate, Canon, Source};
use super::tokens::{Gap, Shape, Token, Tokens};

/// What the name rules read: the text, its words, and what the gazetteer found.
pub(crate) struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a Tokens,
    pub gazetteer: &'a Gazetteer,
    pub first_names: &'a StrSet,
    /// The gazetteer hits, sorted and not overlapping.
    hits: &'a [Hit],
    /// Which words the hits cover.
    cover: &'a Cover,
}

const MAX_NAME_WORDS: usize = 4;

/// The words gazetteer hits cover, in lists a worker fills again for each document
/// (see `workspace`).
#[derive(Default)]
pub(crate) struct Cover {
    /// Per token, the first gazetteer hit covering it: its index in the hits plus one,
    /// 0 for none (four bytes a word, where an `Option<Hit>` took 32).
    per_token: Vec<u32>,
    /// The hits that are the first to cover some word, in order.
    covering: Vec<u32>,
}

impl Cover {
    /// Marks each token covered by one of `hits` (sorted, not overlapping).
    pub fn fill(&mut self, tokens: &Tokens, hits: &[Hit]) {
        let Cover { per_token: cover, covering } = self;
        cover.clear();
        cover.resize(tokens.list.len(), 0);
        covering.clear();
        // From the hits (a few per hundred words) to the words they cover, rather than
        // from every word to the hits.
        let list = &tokens.list;
        let mut k = 0;
        for (h, hit) in hits.iter().enumerate() {
            let h = u32::try_from(h).unwrap_or(u32::MAX);
            k += list[k..].partition_point(|t| t.end <= hit.start);
            let mut j = k;
            while j < list.len() && list[j].start < hit.end {
                if cover[j] == 0 {
                    if covering.last() != Some(&h) {
                        covering.push(h);
                    }
                    cover[j] = h + 1;
                }
                j += 1;
            }
        }
    }
}

impl<'a> Context<'a> {
    /// The context of one document; `cover` was filled from the same `tokens` and `hits`.
    pub fn new(
        text: &'a str,
        tokens: &'a Tokens,
        gazetteer: &'a Gazetteer,
        first_names: &'a StrSet,
        hits: &'a [Hit],
        cover: &'a Cover,
    ) -> Self {
        Context { text, tokens, gazetteer, first_names, hits, cover }
    }

    /// The first gazetteer hit covering word `i`.
    #[inline]
    fn cover(&self, i: usize) -> Option<&'a Hit> {
        let h = self.cover.per_token[i] as usize;
        if h == 0 { None } else { self.hits.get(h - 1) }
    }

    /// The hits that are the first to cover some word.
    fn covering_hits(&self) -> impl Iterator<Item = &'a Hit> + '_ {
        self.cover.covering.iter().filter_map(|&h| self.hits.get(h as usize))
    }

    #[inline]
    fn len(&self) -> usize {
        self.tokens.list.len()
    }

    #[inline]
    fn flags(&self, i: usize) -> u32 {
        self.tokens.flags_of(i)
    }

    #[inline]
    fn is(&self, i: usize, mask: u32) -> bool {
        self.tokens.is(i, mask)
    }

    #[inline]
    fn tok(&self, i: usize) -> &Token {
        &self.tokens.list[i]
    }

    #[inline]
    fn word(&self, i: usize) -> &'a str {
        let t = &self.tokens.list[i];
        &self.text[t.start..t.end]
    }

    #[inline]
    fn key(&self, i: usize) -> &'a str {
        self.tokens.key(i)
    }

    /// The text between tokens `a` and `b` (`a < b`).
    fn between(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.tok(a).end..self.tok(b).start]
    }

    #[inline]
    fn is_capitalised(&self, i: usize) -> bool {
        self.tokens.capitalised_at(i)
    }

    #[inline]
    fn is_lower(&self, i: usize) -> bool {
        self.tok(i).shape == Shape::Lower
    }

    fn covered_kind(&self, i: usize) -> Option<EntityKind> {
        self.cover(i).map(|h| self.gazetteer.entries[h.entry as usize].kind)
    }

    /// A capitalised word that may be part of an unknown name. Inlined: it is asked
    /// of every word, and most fail its first test.
    #[inline]
    fn is_name_word(&self, i: usize) -> bool {
        if !self.is_capitalised(i) || self.cover(i).is_some() {
            return false;
        }
        !self.tokens.is(i, class::STOPWORD | class::TITLE | class::HONORIFIC | class::MONTH | class::WEEKDAY)
    }

    fn is_first_name(&self, i: usize) -> bool {
        let word = self.word(i);
        let lookup = |w: &str| {
            if self.first_names.contains(w) {
                return true;
            }
            // "SAUL" in a credit line: compare in title case. A word whose rest is
            // ASCII without capitals is its own title case: no string to build.
            let rest = w.char_indices().nth(1).map_or("", |(at, _)| &w[at..]);
            if rest.is_ascii() && !rest.bytes().any(|b| b.is_ascii_uppercase()) {
                return false;
            }
            let mut chars = w.chars();
            let titled: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
            titled != w && self.first_names.contains(&titled)
        };
        lookup(word) || word.split_once('-').is_some_and(|(head, _)| lookup(head))
    }

    /// The end (exclusive token index) of an unknown name starting at `i`: name words
    /// joined by spaces, with particles between them ("Ursula von der Leyen").
    fn name_run(&self, i: usize) -> usize {
        let n = self.len();
        let mut end = i + 1;
        let mut j = i + 1;
        while j < n && end - i < MAX_NAME_WORDS {
            let t = self.tok(j);
            if t.gap != Gap::Space || self.tokens.shouting(t) {
                break;
            }
            let compass = self.is_capitalised(j) && matches!(self.key(j), "est" | "ouest" | "nord" | "sud");
            if self.is_name_word(j) || compass || self.covered_kind(j) == Some(EntityKind::Per) {
                end = j + 1;
                j += 1;
                continue;
            }
            if is_person_particle(self.key(j))
                && j + 1 < n
                && self.tok(j + 1).gap == Gap::Space
                && self.is_name_word(j + 1)
            {
                j += 1;
                continue;
            }
            break;
        }
        end
    }

    /// A run of capitalised words (known names included) and inner particles from `i`:
    /// the extent of an organisation or event name.
    fn title_run(&self, i: usize, max: usize) -> usize {
        let n = self.len();
        let mut end = i + 1;
        let mut j = i + 1;
        while j < n && j - i < max {
            let t = self.tok(j);
            if !matches!(t.gap, Gap::Space | Gap::Elision) || self.tokens.shouting(t) {
                break;
            }
            let key = self.key(j);
            if self.is_capitalised(j) && !self.is(j, class::STOPWORD | class::MONTH) {
                end = j + 1;
            } else if !(self.is(j, class::PARTICLE) || matches!(key, "la" | "l" | "les")) {
                break;
            }
            j += 1;
        }
        end
    }

    fn candidate(&self, i: usize, end: usize, kind: EntityKind, source: Source) -> Candidate {
        let (start, stop) = (self.tok(i).start, self.tok(end - 1).end);
        let surface = &self.text[start..stop];
        // Most names are words and single spaces: one pass over the bytes clears them;
        // the rest (a control byte, or the first byte of a Unicode space: U+0085, U+00A0,
        // U+1680, U+2000 to U+205F, U+3000) are searched.
        let mut after_space = false;
        let plain = surface.bytes().all(|b| {
            let ok = b >= b' ' && !matches!(b, 0xc2 | 0xe1 | 0xe2 | 0xe3) && !(after_space && b == b' ');
            after_space = b == b' ';
            ok
        });
        let canonical = if !plain
            && (surface.contains(|c: char| c.is_whitespace() && c != ' ') || surface.contains("  "))
        {
            Canon::of(&surface.split_whitespace().collect::<Vec<_>>().join(" "), surface)
        } else {
            Canon::Own
        };
        Candidate { start, end: stop, kind, canonical, source }
    }
}

fn is_person_particle(key: &str) -> bool {
    matches!(
        key,
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
            | "della"
            | "ter"
            | "ten"
    )
}

/// Finds the rule-based name candidates, then propagates them through the document.
pub(crate) fn find(cx: &Context, out: &mut Vec<Candidate>) {
    let first = out.len();
    lines::credits_and_attributions(cx, out);
    rules::nature_names(cx, out);
    let mut taken: Vec<(usize, usize)> = out[first..].iter().map(|c| (c.start, c.end)).collect();
    taken.sort_unstable();
    // Every rule starts on a capitalised word: the others are never visited.
    let mut from = 0;
    let mut taken = Taken::new(&taken);
    for &i in &cx.tokens.capitalised {
        let i = i as usize;
        let t = cx.tok(i);
        let inside = taken.inside(t.start);
        if i < from || cx.tokens.shouting(t) || inside {
            continue;
        }
        let before = out.len();
        rules::rules_at(cx, i, out);
        // Skip the words a rule just took, so that a name is not re-read from its middle.
        // Its names start at word `i` and span a few words: the word after each is found
        // by walking on from `i`.
        let list = &cx.tokens.list;
        let next =
            out[before..].iter().map(|c| i + list[i..].iter().take_while(|t| t.start < c.end).count()).max();
        from = next.unwrap_or(i + 1).max(i + 1);
    }
    rules::coordinated_places(cx, first, out);
    propagate::propagate(cx, first, out);
}

/// Names already taken (`(start, end)`, sorted), asked about positions that
/// only grow, as the name loops walk the capitalised words in order: whether
/// a position is inside the last name starting at or before it, with a bound
/// that moves on instead of a binary search per word.
struct Taken<'a> {
    spans: &'a [(usize, usize)],
    /// How many names start at or before the last position asked about.
    started: usize,
}

impl<'a> Taken<'a> {
    fn new(spans: &'a [(usize, usize)]) -> Self {
        Taken { spans, started: 0 }
    }

    /// Whether `pos` (at least the last one asked about) is inside a name.
    fn inside(&mut self, pos: usize) -> bool {
        while self.spans.get(self.started).is_some_and(|s| s.0 <= pos) {
            self.started += 1;
        }
        self.started > 0 && self.spans[self.started - 1].1 > pos
    }
}

#[cfg(test)]
mod taken_tests {
    use super::Taken;

    #[test]
    fn a_position_is_inside_the_last_name_starting_at_or_before_it() {
        let spans = [(0, 5), (10, 20), (12, 14), (30, 31)];
        let mut taken = Taken::new(&spans);
        let asked = [0, 4, 5, 9, 10, 13, 15, 29, 30, 31, 40];
        let inside: Vec<bool> = asked.iter().map(|&p| taken.inside(p)).collect();
        // 15 is inside (10, 20) but after (12, 14), the last to start before it:
        // as the name loops have always read it.
        let expected = [true, true, false, false, true, true, false, false, true, false, false];
        assert_eq!(inside, expected);
        assert!(!Taken::new(&[]).inside(0), "no names, nothing inside");
    }
}
