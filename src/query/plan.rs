//! A query prepared for a search: each term's work done once (index ranges,
//! postings expanded into per-document hit counts, entity names matched), so
//! that testing one document is a few array reads and at most one fuzzy score.

use std::ops::Range;

use super::entity_index::EntityIndex;
use super::fold::{fold, for_each_word};
use super::index::{Index, char_mask};
use super::matcher::{
    BodySpec, FUZZY_FROM_CHARS, Matchers, WordMode, field_score, fuzzy_bound, fuzzy_start, plain_score,
    word_starts,
};
use super::parse::{Field, Group, Kind, Review, Term};
use std::collections::HashMap;

use crate::corpus::Document;
use crate::entities::{EntityKind, Recognizer};
use crate::review::ReviewState;

/// Answering from postings costs one step per posting, from forward lists at
/// least this many per candidate (a scan of its packed word list: 32 measured
/// better than 8 at 1M, keys 8–9 p50 33–40 → 11 ms), more when the scan reads
/// far into the list ([`Index::forward_scan_len`]): the cheaper one is used.
const FORWARD_COST: usize = 32;

/// What a search reads besides the query.
pub struct Ctx<'a> {
    /// The documents.
    pub docs: &'a [Document],
    /// Their word and title index.
    pub index: &'a Index,
    /// Their entity names.
    pub entities: &'a EntityIndex,
    /// Fuzzy matchers.
    pub matchers: &'a Matchers,
    /// Per document: its date's first and last day (`YYYYMMDD`), `(0, 0)` undated.
    pub days: &'a [(u32, u32)],
    /// Folded sources and languages, interned.
    pub fields: &'a FieldTables,
    /// Review states of the documents that have one.
    pub review: &'a HashMap<usize, ReviewState>,
}

/// Short per-document fields (source, language), folded and interned.
#[derive(Debug, Default)]
pub struct FieldTables {
    /// Distinct folded sources.
    pub sources: Vec<String>,
    /// Per document, an index into `sources` (`u32::MAX`: none).
    pub source_of: Vec<u32>,
    /// Distinct folded languages.
    pub langs: Vec<String>,
    /// Per document, an index into `langs`.
    pub lang_of: Vec<u32>,
}

impl FieldTables {
    /// Interns the sources and languages of `docs`.
    #[must_use]
    pub fn new(docs: &[Document]) -> Self {
        let mut t = FieldTables::default();
        let intern = |names: &mut Vec<String>, s: Option<&str>| {
            s.map_or(u32::MAX, |s| {
                let f = fold(s, true);
                let at = names.iter().position(|n| *n == f).unwrap_or_else(|| {
                    names.push(f);
                    names.len() - 1
                });
                u32::try_from(at).unwrap_or(u32::MAX)
            })
        };
        for d in docs {
            let s = intern(&mut t.sources, d.source());
            t.source_of.push(s);
            let l = intern(&mut t.langs, Some(d.lang()));
            t.lang_of.push(l);
        }
        t
    }
}

/// One test of a document's body words, from the index.
enum WordCheck {
    /// Some word starts with this byte (a one-letter term).
    Initial(u8),
    /// Per-document counts from the postings (0: absent).
    Dense(Vec<u16>),
    /// Some word in this vocabulary range (a scan of each document's word list).
    Forward(Range<u32>),
    /// One of these sorted vocabulary ids.
    AnyOf(Vec<u32>),
}

/// How a term meets the body: index checks, then a scan of the text when the
/// index cannot decide (phrases, smart case).
struct BodyPlan {
    checks: Vec<WordCheck>,
    scan: Option<BodySpec>,
}

/// What a term found in one document.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermHit {
    /// Title score (0: no hit).
    pub title: i64,
    /// Body hits.
    pub body: u32,
    /// Entity mentions hit.
    pub entity: u32,
    /// A hit on a field without a score (source, language, date).
    pub other: bool,
}

impl TermHit {
    /// Whether the term hit anything.
    #[must_use]
    pub fn any(&self) -> bool {
        self.title > 0 || self.body > 0 || self.entity > 0 || self.other
    }

    /// The ranking weight: title score first, then entities, then body hits.
    /// Titles weigh 6 per point of nucleo's score, which is about 1.3 times
    /// the scale the weights were set on (SkimMatcherV2's, with 8): the same
    /// balance between a title hit and entity or body hits.
    #[must_use]
    pub fn score(&self) -> i64 {
        self.title * 6 + i64::from(self.entity.min(50)) * 40 + i64::from(self.body.min(50)) * 4
    }
}

/// What [`Prepared::test`] found in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermTest {
    /// Whether the document could match an extension of the term (or matches it).
    pub possible: bool,
    /// What it hits now.
    pub hit: TermHit,
    /// Whether the title score was left out of `hit` (see [`Prepared::test`]).
    pub pending: bool,
    /// Whether the title is out: neither this term nor any extension can
    /// match it (see [`Prepared::untitled`]).
    pub title_out: bool,
}

/// A term ready to test documents.
pub struct Prepared {
    /// The term.
    pub term: Term,
    /// Negated fuzzy terms match strictly (word prefixes), as fzf's `!word` is exact.
    strict: bool,
    title: bool,
    title_mask: u64,
    body: Option<BodyPlan>,
    /// Per document: mentions of matching names, and of names that could match
    /// once the term is extended (subsequences).
    entity: Option<(Vec<u16>, Vec<u16>)>,
    /// For `src:`/`lang:`, which interned names match.
    table: Option<Vec<bool>>,
    /// See [`Prepared::deferrable`].
    deferrable: bool,
    /// The title score of a document whose title passes
    /// [`Prepared::title_masked_out`], when the masks alone decide it: a plain
    /// term of one ASCII letter or digit (the title initials are exact) or of
    /// two whose pair the title heads hold exactly
    /// ([`Index::exact_title_head`]). Such a title is never read.
    masked_title: Option<i64>,
}

impl Prepared {
    /// Prepares `term` for testing about `candidates` documents.
    #[must_use]
    pub fn new(ctx: &Ctx<'_>, term: &Term, candidates: usize) -> Self {
        let strict = is_strict(term);
        let title = reads_title(term);
        let body = reads_body(term).then(|| body_plan(ctx.index, term, candidates));
        let entity = reads_entities(term).and_then(|_| entity_plan(ctx, term, strict));
        let table = match term.field {
            Field::Source => Some(ctx.fields.sources.iter().map(|s| text_match(s, term)).collect()),
            Field::Lang => Some(ctx.fields.langs.iter().map(|s| text_match(s, term)).collect()),
            _ => None,
        };
        let fuzzy = term.kind == Kind::Fuzzy && !term.negated && !term.case_sensitive && !strict;
        let deferrable = fuzzy && title && !term.folded.is_empty();
        let plain = term.kind == Kind::Fuzzy && !term.case_sensitive;
        let masked_title = match term.folded.as_bytes() {
            [a] if plain && a.is_ascii_alphanumeric() => Some(plain_score(1, true)),
            [a, b]
                if plain
                    && a.is_ascii_alphanumeric()
                    && b.is_ascii_alphanumeric()
                    && ctx.index.exact_title_head(*a, *b) =>
            {
                Some(plain_score(2, true))
            }
            _ => None,
        };
        Prepared {
            term: term.clone(),
            strict,
            title,
            deferrable,
            masked_title,
            title_mask: char_mask(&term.folded),
            body,
            entity,
            table,
        }
    }

    /// Tests document `d` (see [`TermTest`]). With `defer`, a title that only
    /// needs its fuzzy score for ranking (the document hits the body or an
    /// entity already) is not scored: its score counts as 0 and is pending
    /// (see [`Prepared::deferrable`]).
    #[must_use]
    #[inline]
    pub fn test(&self, ctx: &Ctx<'_>, d: usize, defer: bool) -> TermTest {
        let (mut possible, mut hit) = self.untitled_hit(ctx, d);
        let mut pending = false;
        let mut title_out = true;
        if self.title {
            let defer = defer && hit.any();
            let (p, score) = self.title_hit(ctx, d, defer);
            possible |= p;
            title_out = !p;
            pending = score == PENDING;
            hit.title = if pending { 0 } else { score };
        }
        let matched = hit.any();
        if self.term.negated {
            let hit = TermHit { other: !matched, ..TermHit::default() };
            return TermTest { possible: !matched, hit, pending: false, title_out: false };
        }
        TermTest { possible: possible || matched, hit, pending, title_out }
    }

    /// [`Prepared::test`] for a document whose title is out (it said so for
    /// this term or a shorter one: an extension only rules out more): `None`
    /// when it cannot match an extension, else whether it matches and its
    /// score. Reads neither the title nor its masks, so a key typed further
    /// costs such a document a body and an entity check. Only for terms that
    /// are not negated (see [`Prepared::narrows_untitled`]).
    #[must_use]
    #[inline]
    pub fn untitled(&self, ctx: &Ctx<'_>, d: usize) -> Option<(bool, i64)> {
        if let Some(counts) = self.counts_only() {
            // What the general path gives when only the body can hit, read
            // straight from the count array (most candidates of a long
            // keystroke: `inv` visits 939k of them at 1M).
            let body = counts[d];
            return (body > 0)
                .then(|| (true, TermHit { body: u32::from(body), ..TermHit::default() }.score()));
        }
        self.untitled_in_full(ctx, d)
    }

    /// [`Prepared::untitled`] from every field the term reads.
    #[must_use]
    pub(super) fn untitled_in_full(&self, ctx: &Ctx<'_>, d: usize) -> Option<(bool, i64)> {
        let (possible, hit) = self.untitled_hit(ctx, d);
        let matched = hit.any();
        (possible || matched).then(|| (matched, hit.score()))
    }

    /// The byte of a lone plain letter (`i`), which hits a document where a
    /// body or title word starts with it, or in entity mentions: see
    /// [`Prepared::letter_count`].
    #[must_use]
    pub fn lone_letter(&self) -> Option<u8> {
        let t = &self.term;
        let plain = t.field == Field::Any && t.kind == Kind::Fuzzy && !t.negated && !t.case_sensitive;
        let checks = self.body.as_ref().filter(|b| b.scan.is_none()).map(|b| b.checks.as_slice());
        match (t.folded.as_bytes(), checks) {
            (&[b], Some(&[WordCheck::Initial(c)])) if plain && b == c && b.is_ascii_alphanumeric() => Some(b),
            _ => None,
        }
    }

    /// How many documents the lone `letter` of this term hits (see
    /// [`Prepared::lone_letter`]): from the index's per-document masks,
    /// without testing each document.
    #[must_use]
    pub fn letter_count(&self, ctx: &Ctx<'_>, letter: u8) -> usize {
        match &self.entity {
            None => ctx.index.initial_docs(letter),
            Some((hits, _)) => ctx.index.initial_docs_or(letter, hits),
        }
    }

    /// The highest score a lone letter gives a document (see
    /// [`Prepared::lone_letter`]): a title word, a body word and the most
    /// entity mentions of any document.
    #[must_use]
    pub fn letter_bound(&self) -> i64 {
        let entity = self.entity.as_ref().and_then(|(hits, _)| hits.iter().max()).copied().unwrap_or(0);
        TermHit { title: plain_score(1, true), body: 1, entity: u32::from(entity), other: false }.score()
    }

    /// Whether the title of `d` is out for this term (and every extension)
    /// without reading it: the term does not look at titles, or the index's
    /// masks lack a character, a word initial or (fuzzy) a word head of the
    /// term. A title that passes may still be out.
    #[must_use]
    #[inline]
    pub fn title_masked_out(&self, ctx: &Ctx<'_>, d: usize) -> bool {
        let t = &self.term;
        if !self.title || ctx.index.title_mask(d) & self.title_mask != self.title_mask {
            return true;
        }
        let Some(&first) = t.folded.as_bytes().first() else { return false };
        // Word prefixes and fuzzy matches start a word: none starts with this letter.
        let no_initial = matches!(t.kind, Kind::Fuzzy | Kind::Prefix)
            && first.is_ascii_alphanumeric()
            && !ctx.index.title_initial(d, first);
        // A fuzzy match starts with a word starting with the term's first two
        // chars (one char says nothing).
        no_initial || (t.kind == Kind::Fuzzy && !ctx.index.title_head(d, t.folded.as_bytes()))
    }

    /// The per-document body counts that alone decide [`Prepared::untitled`]:
    /// for a term that reads no entity, source, language, date or review
    /// state, and whose body check is one count array.
    fn counts_only(&self) -> Option<&[u16]> {
        if self.entity.is_some() || !matches!(self.term.field, Field::Any | Field::Body) {
            return None;
        }
        let body = self.body.as_ref()?;
        match (&body.scan, body.checks.as_slice()) {
            (None, [WordCheck::Dense(counts)]) => Some(counts),
            _ => None,
        }
    }

    /// Whether [`Prepared::untitled`] gives what [`Prepared::test`] would for
    /// documents whose title is out: for every term but a negated one.
    #[must_use]
    pub fn narrows_untitled(&self) -> bool {
        !self.term.negated
    }

    /// Everything but the title: whether an entity name could match an
    /// extension, and the hits of the fields, entities and body.
    #[inline]
    fn untitled_hit(&self, ctx: &Ctx<'_>, d: usize) -> (bool, TermHit) {
        let t = &self.term;
        let mut hit = TermHit::default();
        let mut possible = false;
        match t.field {
            Field::Date(f) => {
                let (lo, hi) = ctx.days[d];
                hit.other = lo != 0 && lo >= f.from && hi <= f.to;
            }
            Field::Source => {
                hit.other = ctx.fields.source_of[d] != u32::MAX && self.table_hit(ctx.fields.source_of[d])
            }
            Field::Lang => hit.other = self.table_hit(ctx.fields.lang_of[d]),
            Field::Review(r) => hit.other = review_match(ctx.review.get(&d), r, t),
            _ => {}
        }
        if let Some((hits, maybe)) = &self.entity {
            hit.entity = u32::from(hits[d]);
            possible |= maybe[d] > 0;
        }
        if let Some(plan) = &self.body {
            hit.body = body_hits(ctx, plan, d);
        }
        (possible, hit)
    }

    /// The pattern whose title scores [`Prepared::test`] may leave pending: a
    /// plain term without capitals (their score is what
    /// [`deferred_title_score`] gives, at most [`title_score_bound`]).
    #[must_use]
    pub fn deferrable(&self) -> Option<&str> {
        self.deferrable.then_some(self.term.folded.as_str())
    }

    fn table_hit(&self, id: u32) -> bool {
        self.table.as_ref().is_some_and(|t| t.get(id as usize).copied().unwrap_or(false))
    }

    /// The title: (could an extension match, score now); with `defer`, the
    /// score is [`PENDING`] where a fuzzy score would be computed.
    #[inline]
    fn title_hit(&self, ctx: &Ctx<'_>, d: usize, defer: bool) -> (bool, i64) {
        let t = &self.term;
        if self.title_masked_out(ctx, d) {
            return (false, 0);
        }
        if let Some(score) = self.masked_title {
            return (true, score);
        }
        if defer && self.deferrable {
            // Not even where a match would start: the document matches anyway,
            // and `deferred_title_score` looks for it if ever needed.
            return (true, PENDING);
        }
        let title = ctx.index.title(d);
        if t.kind == Kind::Fuzzy && fuzzy_start(title, &t.folded).is_none() {
            return (false, 0);
        }
        let score = field_score(ctx.matchers, title, &t.folded, t.kind, self.strict, false);
        if score > 0 && t.case_sensitive {
            let cased = fold(ctx.docs[d].title(), false);
            return (true, field_score(ctx.matchers, &cased, &t.cased, t.kind, self.strict, true));
        }
        (t.kind == Kind::Fuzzy || score > 0, score)
    }
}

/// A title score not computed yet (see [`Prepared::test`]).
const PENDING: i64 = -1;

/// What the title of `d` adds to the rank score of a plain term `pattern`
/// (lowercase) whose title score was left pending: what
/// [`Prepared::test`] would have found.
#[must_use]
pub fn deferred_title_score(ctx: &Ctx<'_>, d: usize, pattern: &str) -> i64 {
    // No `fuzzy_start` test first: the fuzzy score makes it, and a word that
    // starts with a short pattern is a fuzzy start.
    let title = field_score(ctx.matchers, ctx.index.title(d), pattern, Kind::Fuzzy, false, false);
    TermHit { title, ..TermHit::default() }.score()
}

/// The most [`deferred_title_score`] can give for `pattern`: a word-prefix
/// hit for short terms, else the fuzzy bound.
#[must_use]
pub fn title_score_bound(pattern: &str) -> i64 {
    let n = pattern.chars().count();
    let title = if n < FUZZY_FROM_CHARS { plain_score(n, true) } else { fuzzy_bound(pattern) };
    TermHit { title, ..TermHit::default() }.score()
}

/// Whether a document's review state (`None`: never reviewed) satisfies an
/// `is:`/`label:` term.
#[must_use]
pub fn review_match(state: Option<&ReviewState>, r: Review, t: &Term) -> bool {
    match r {
        Review::Read => state.is_some_and(|s| s.read),
        Review::Unread => !state.is_some_and(|s| s.read),
        Review::Starred => state.is_some_and(|s| s.starred),
        Review::Label => state.is_some_and(|s| s.labels.iter().any(|l| fold(l, true) == t.folded)),
    }
}

/// Whether a short field value (folded) matches a `src:`/`lang:` term.
#[must_use]
pub fn text_match(value: &str, t: &Term) -> bool {
    match t.kind {
        Kind::Prefix => value.starts_with(&t.folded),
        Kind::Suffix => value.ends_with(&t.folded),
        _ => value.contains(&t.folded),
    }
}

/// The words of a body term and how they match.
#[must_use]
pub fn body_spec(t: &Term) -> BodySpec {
    let mode = match t.kind {
        Kind::Exact => WordMode::Contains,
        Kind::Suffix => WordMode::Suffix,
        _ => WordMode::Prefix,
    };
    let words = if t.case_sensitive {
        cased_words(&t.cased)
    } else {
        let mut words = Vec::new();
        for_each_word(&t.folded, |w| words.push(w.to_string()));
        words
    };
    BodySpec { words, mode, case_sensitive: t.case_sensitive }
}

/// Whether `t` looks at the title.
#[must_use]
pub fn reads_title(t: &Term) -> bool {
    matches!(t.field, Field::Any | Field::Title)
}

/// Negated fuzzy terms match strictly (word prefixes, no fuzzy), as fzf's
/// `!word` is an exact match.
#[must_use]
pub fn is_strict(t: &Term) -> bool {
    t.negated && t.kind == Kind::Fuzzy
}

/// Whether `t` looks at the body.
#[must_use]
pub fn reads_body(t: &Term) -> bool {
    matches!((t.field, t.kind), (Field::Body, _) | (Field::Any, Kind::Fuzzy | Kind::Exact | Kind::Phrase))
}

/// Whether `t` looks at entity names, and of which kind (`None`: any named kind).
#[must_use]
pub fn reads_entities(t: &Term) -> Option<Option<EntityKind>> {
    match (t.field, t.kind) {
        (Field::Any, Kind::Fuzzy | Kind::Exact | Kind::Phrase) => Some(None),
        (Field::Entity(kind), _) => Some(kind),
        _ => None,
    }
}

fn body_plan(index: &Index, t: &Term, candidates: usize) -> BodyPlan {
    let mut words = Vec::new();
    for_each_word(&t.folded, |w| words.push(w.to_string()));
    let spec = body_spec(t);
    let mode = spec.mode;
    let n = words.len();
    let checks = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let (first, last) = (i == 0, i + 1 == n);
            let range_check = |range: Range<u32>| {
                let per_candidate = FORWARD_COST.max(index.forward_scan_len(&range) / 2);
                if index.postings_len(&range) <= candidates.saturating_mul(per_candidate) {
                    let mut hits = vec![0u16; index.len()];
                    for id in range {
                        index.add_postings(id, &mut hits);
                    }
                    WordCheck::Dense(hits)
                } else {
                    WordCheck::Forward(range)
                }
            };
            let set_check = |ids: Vec<u32>| {
                let cost: usize = ids.iter().map(|&id| index.postings_len(&(id..id + 1))).sum();
                if cost <= candidates.saturating_mul(FORWARD_COST) {
                    let mut hits = vec![0u16; index.len()];
                    for id in ids {
                        index.add_postings(id, &mut hits);
                    }
                    WordCheck::Dense(hits)
                } else {
                    WordCheck::AnyOf(ids)
                }
            };
            match mode {
                WordMode::Contains if first && last => {
                    set_check(index.words_where(|v| v.contains(w.as_str())))
                }
                WordMode::Contains | WordMode::Suffix if first => {
                    set_check(index.words_where(|v| v.ends_with(w.as_str())))
                }
                WordMode::Suffix if last => range_check(index.word_range(w)),
                _ if last && w.len() == 1 => WordCheck::Initial(w.as_bytes()[0]),
                _ if last => range_check(index.prefix_range(w)),
                _ => range_check(index.word_range(w)),
            }
        })
        .collect();
    let scan = (n > 1 || t.case_sensitive).then_some(spec);
    BodyPlan { checks: if n == 0 { vec![WordCheck::AnyOf(Vec::new())] } else { checks }, scan }
}

/// The words of `s` with their case.
fn cased_words(s: &str) -> Vec<String> {
    super::fold::word_ranges(s).map(|r| s[r].to_string()).collect()
}

#[inline]
fn body_hits(ctx: &Ctx<'_>, plan: &BodyPlan, d: usize) -> u32 {
    let mut hits = 1u32;
    for (i, c) in plan.checks.iter().enumerate() {
        let h = match c {
            WordCheck::Initial(b) => u32::from(ctx.index.body_initial(d, *b)),
            WordCheck::Dense(v) => u32::from(v[d]),
            WordCheck::Forward(r) => ctx.index.doc_hits(d, r),
            WordCheck::AnyOf(ids) => ctx.index.doc_hits_any(d, ids),
        };
        if h == 0 {
            return 0;
        }
        if i == 0 {
            hits = h;
        }
    }
    match &plan.scan {
        Some(spec) => u32::try_from(spec.ranges(&ctx.docs[d], 50).len()).unwrap_or(u32::MAX),
        None => hits,
    }
}

/// A term as matched against entity names.
#[derive(Debug, Clone, Copy)]
pub struct NameTerm<'a> {
    /// The term.
    pub term: &'a Term,
    /// Matched strictly (see [`is_strict`]).
    pub strict: bool,
    /// Folded names of the entity the term names, from the recognizer's
    /// gazetteer (`nato` → `otan`, `nato`, ...): they match outright.
    pub aliases: &'a [String],
}

/// The folded canonical name and aliases of the entity `t` names: from the
/// built-in gazetteer (`ent:nato` finds OTAN), and from the corpus, the
/// canonical names its mentions written as `t` stood for (a user dictionary's
/// aliases: `ent:oh` finds "Ouest Horizon" written in full).
#[must_use]
pub fn aliases(t: &Term, entities: &EntityIndex) -> Vec<String> {
    if reads_entities(t).is_none() || t.folded.is_empty() {
        return Vec::new();
    }
    let rec = Recognizer::builtin();
    let mut names: Vec<String> = rec.canonical_of(&t.cased).map_or_else(Vec::new, |c| {
        std::iter::once(c)
            .chain(rec.aliases_of(c).iter().map(String::as_str))
            .map(|a| fold(a, true))
            .collect()
    });
    names.extend(entities.canonical_names(&t.folded).into_iter().map(str::to_string));
    names.sort();
    names.dedup();
    names
}

/// Whether an entity name (folded; `cased` with its capitals) of `kind` could
/// match an extension of `t`, and whether it matches `t`.
#[must_use]
pub fn name_match(m: &Matchers, t: &NameTerm<'_>, name: &str, cased: &str, kind: EntityKind) -> (bool, bool) {
    let NameTerm { term: t, strict, aliases } = *t;
    if !kind.is_named() || reads_entities(t).is_some_and(|k| k.is_some_and(|k| k != kind)) {
        return (false, false);
    }
    if aliases.iter().any(|a| a == name) {
        return (true, true);
    }
    let pat = t.folded.as_str();
    let (possible, matched) = match t.kind {
        Kind::Fuzzy => {
            let p = fuzzy_start(name, pat).is_some();
            let short = pat.chars().count() < FUZZY_FROM_CHARS;
            let word = p && word_starts(name, pat).next().is_some();
            (p, word || (p && !strict && !short && m.fuzzy(name, pat, false).is_some()))
        }
        _ => {
            let hit = field_score(m, name, pat, t.kind, true, false) > 0;
            (hit, hit)
        }
    };
    let matched = matched && (!t.case_sensitive || field_score(m, cased, &t.cased, t.kind, strict, true) > 0);
    (possible, matched)
}

/// Entity names matching the term, expanded to per-document mention counts.
fn entity_plan(ctx: &Ctx<'_>, t: &Term, strict: bool) -> Option<(Vec<u16>, Vec<u16>)> {
    let n = ctx.docs.len();
    let mut hits: Option<Vec<u16>> = None;
    let mut maybe: Option<Vec<u16>> = None;
    if ctx.entities.keys().is_empty() {
        return None;
    }
    let aliases = aliases(t, ctx.entities);
    let nt = NameTerm { term: t, strict, aliases: &aliases };
    for (id, key) in ctx.entities.keys().iter().enumerate() {
        let (possible, matched) = name_match(ctx.matchers, &nt, &key.name, &key.cased, key.kind);
        if possible {
            ctx.entities.add_postings(id, maybe.get_or_insert_with(|| vec![0; n]));
        }
        if matched {
            ctx.entities.add_postings(id, hits.get_or_insert_with(|| vec![0; n]));
        }
    }
    match (hits, maybe) {
        (None, None) => None,
        (h, m) => Some((h.unwrap_or_else(|| vec![0; n]), m.unwrap_or_else(|| vec![0; n]))),
    }
}

/// What [`test_groups`] found in a document that could match an extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupsHit {
    /// Whether all groups hit.
    pub matched: bool,
    /// The score of those that did.
    pub score: i64,
    /// Whether a title score was left out of it (see [`Prepared::test`]).
    pub pending: bool,
    /// Whether the groups are one term whose title is out (see [`Prepared::untitled`]).
    pub title_out: bool,
}

/// Tests `d` against `groups`: `None` when some group cannot match any
/// extension of the query (the document leaves the candidates), else what
/// it hits; with `defer`, see [`Prepared::test`].
#[must_use]
#[inline]
pub fn test_groups(ctx: &Ctx<'_>, groups: &[Vec<Prepared>], d: usize, defer: bool) -> Option<GroupsHit> {
    let mut matched = true;
    let mut score = 0;
    let mut pending = false;
    let mut title_out = false;
    for g in groups {
        let mut g_possible = false;
        let mut g_matched = false;
        for p in g {
            let TermTest { possible, hit, pending: p_pending, title_out: p_out } = p.test(ctx, d, defer);
            g_possible |= possible;
            pending |= p_pending;
            title_out = p_out;
            if hit.any() {
                g_matched = true;
                score += hit.score();
            }
        }
        if !g_possible && !g_matched {
            return None;
        }
        matched &= g_matched;
    }
    let one_term = matches!(groups, [g] if g.len() == 1);
    Some(GroupsHit { matched, score, pending, title_out: title_out && one_term })
}

/// Prepares the terms of `groups`, expecting about `candidates` documents.
#[must_use]
pub fn prepare(ctx: &Ctx<'_>, groups: &[Group], candidates: usize) -> Vec<Vec<Prepared>> {
    groups.iter().map(|g| g.terms.iter().map(|t| Prepared::new(ctx, t, candidates)).collect()).collect()
}
