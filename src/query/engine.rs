//! The engine: a corpus, its indexes, and searches over them that can be
//! cancelled by a newer keystroke and that narrow the previous result when the
//! query only grew.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rayon::prelude::*;

use super::entity_index::EntityIndex;
use super::index::Index;
use super::matcher::{FUZZY_FROM_CHARS, Matchers};
use super::parse::{Field, Group, Kind, Query, Term, day_bounds};
use super::plan::{
    Ctx, FieldTables, Prepared, aliases, deferred_title_score, prepare, review_match, test_groups,
    title_score_bound,
};
use crate::corpus::Document;
use crate::review::ReviewState;

/// Candidates per unit of parallel work (and between cancellation checks).
const BLOCK: usize = 4096;

/// A cheap cancellation token: a search checks it as it goes and gives up
/// (returning `None`) once it is cancelled. Tokens made by [`Cancel::next`]
/// share a counter, so starting the next search cancels the previous one.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    counter: Arc<AtomicU64>,
    generation: u64,
}

impl Cancel {
    /// A token that is not cancelled.
    #[must_use]
    pub fn new() -> Self {
        Cancel::default()
    }

    /// Cancels this token and every other token of its family.
    pub fn cancel(&self) {
        self.counter.fetch_add(1, AtomicOrdering::SeqCst);
    }

    /// Cancels the family's current search and returns the token of the next one.
    #[must_use]
    pub fn next(&self) -> Cancel {
        let generation = self.counter.fetch_add(1, AtomicOrdering::SeqCst) + 1;
        Cancel { counter: Arc::clone(&self.counter), generation }
    }

    /// Whether a newer search (or [`Cancel::cancel`]) has superseded this one.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.counter.load(AtomicOrdering::Relaxed) != self.generation
    }
}

/// One matching document and its rank score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Its index in the engine's documents.
    pub doc: usize,
    /// Higher ranks first (title score, then entity hits, then body hits).
    pub score: i64,
}

/// The ranked result of a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// The hits, best first (all of them, or the first `k` from [`Engine::search_top`]).
    pub hits: Vec<Hit>,
    /// How many documents matched in all.
    pub total_matched: usize,
}

/// Rank keys of matching documents: all of them, or the best `k` in a
/// min-heap, and the matching documents whose title score is pending and
/// could still rank.
struct Collected {
    count: usize,
    all: Vec<u64>,
    top: Option<(usize, BinaryHeap<Reverse<u64>>)>,
    /// Another block's `k`-th best key when this one started (0: none):
    /// a key at or under it cannot rank, and is only counted.
    floor: u64,
    pending: Vec<Pending>,
}

/// A matching document whose rank score lacks pending title scores.
#[derive(Debug, Clone, Copy)]
struct Pending {
    doc: u32,
    /// Its score without them.
    score: i64,
    /// Which are pending ([`FIXED_PENDING`], [`LAST_PENDING`]).
    bits: u8,
}

/// Keeps the best `k` keys in `heap`.
fn push_top(heap: &mut BinaryHeap<Reverse<u64>>, k: usize, key: u64) {
    if heap.len() < k {
        heap.push(Reverse(key));
    } else if heap.peek().is_some_and(|&Reverse(min)| key > min) {
        heap.pop();
        heap.push(Reverse(key));
    }
}

impl Collected {
    fn new(top: Option<usize>, floor: &AtomicU64) -> Self {
        Collected {
            count: 0,
            all: Vec::new(),
            top: top.map(|k| (k, BinaryHeap::with_capacity(k + 1))),
            floor: floor.load(AtomicOrdering::Relaxed),
            pending: Vec::new(),
        }
    }

    fn add(&mut self, key: u64) {
        self.count += 1;
        match &mut self.top {
            None => self.all.push(key),
            Some((k, heap)) if key > self.floor => push_top(heap, *k, key),
            Some(_) => {}
        }
    }

    /// The `k`-th best key so far, once there are `k`; `floor` when higher
    /// (another block's `k`-th): the final `k`-th can only be higher.
    fn threshold(&self, floor: &AtomicU64) -> Option<u64> {
        let (k, heap) = self.top.as_ref()?;
        let own = heap.peek().filter(|_| heap.len() >= *k).map(|&Reverse(min)| min);
        let floor = floor.load(AtomicOrdering::Relaxed);
        Some(own.map_or(floor, |o| o.max(floor)))
    }

    /// Counts a pending match whose key is at most `upper`: dropped from the
    /// ranking when `upper` cannot beat the threshold, else ranked with its
    /// exact key now when `exact` can give it cheaply, or kept for the end.
    fn add_pending(
        &mut self,
        p: Pending,
        upper: u64,
        floor: &AtomicU64,
        exact: Option<impl FnOnce() -> u64>,
    ) {
        if self.threshold(floor).is_some_and(|t| upper <= t) {
            self.count += 1;
            return;
        }
        match exact {
            Some(exact) => self.add(exact()),
            None => {
                self.count += 1;
                self.pending.push(p);
            }
        }
    }

    /// Raises `floor` to this block's `k`-th best, once it has `k`.
    fn publish(&self, floor: &AtomicU64) {
        if let Some((k, heap)) = &self.top
            && heap.len() >= *k
            && let Some(&Reverse(min)) = heap.peek()
        {
            floor.fetch_max(min, AtomicOrdering::Relaxed);
        }
    }

    fn keys(self) -> Vec<u64> {
        match self.top {
            None => self.all,
            Some((_, heap)) => heap.into_iter().map(|Reverse(k)| k).collect(),
        }
    }
}

/// A document that could match an extension of the last query, with what its
/// groups gave: all but the last group (matched, score), and the last one.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    doc: u32,
    /// Score of all groups but the last (saturating; scores are never negative).
    fixed_score: u32,
    /// Score of the last group.
    last_score: u32,
    /// Bit 0: all groups but the last matched; bit 1: the last one did;
    /// [`FIXED_PENDING`], [`LAST_PENDING`]: a title score is missing from the
    /// fixed or last score; [`TITLE_OUT`].
    matched: u8,
}

/// The fixed score lacks the title score of [`Last::fixed_pattern`].
const FIXED_PENDING: u8 = 4;
/// The last group's score lacks the title score of [`Last::last_pattern`].
const LAST_PENDING: u8 = 8;
/// The last group is one term whose title is out (see
/// [`super::plan::Prepared::untitled`]): while that term is typed further,
/// the title need not be looked at again.
const TITLE_OUT: u8 = 16;

impl Candidate {
    fn new(doc: usize, fixed: (bool, i64), last: (bool, i64), pending: u8) -> Self {
        let score = |s: i64| u32::try_from(s.clamp(0, i64::from(u32::MAX))).unwrap_or(u32::MAX);
        Candidate {
            doc: to_u32(doc),
            fixed_score: score(fixed.1),
            last_score: score(last.1),
            matched: u8::from(fixed.0) | (u8::from(last.0) << 1) | pending,
        }
    }

    fn pending(&self, bit: u8) -> bool {
        self.matched & bit != 0
    }

    fn fixed(&self) -> (bool, i64) {
        (self.matched & 1 != 0, i64::from(self.fixed_score))
    }

    fn last(&self) -> (bool, i64) {
        (self.matched & 2 != 0, i64::from(self.last_score))
    }
}

/// What one unit of parallel work goes through.
enum Unit {
    /// A block of the last search's candidates.
    Candidates(usize),
    /// A range of documents (no last search to narrow).
    Docs(std::ops::Range<usize>),
}

/// The last search, to narrow from when the next query extends it.
#[derive(Debug)]
struct Last {
    query: Query,
    /// Documents that could match any extension of `query`, ascending, in
    /// blocks (the units of parallel work: not copied into one vector);
    /// `None` when not kept (see [`keeps_candidates`]).
    state: Option<Arc<Vec<Vec<Candidate>>>>,
    /// How many documents the entity index had taken in when it ran (new
    /// entities can add matches).
    entities_taken: usize,
    /// The review states it saw.
    review_generation: u64,
    /// The pattern whose title scores [`FIXED_PENDING`] candidates lack.
    fixed_pattern: Option<String>,
    /// The pattern whose title scores [`LAST_PENDING`] candidates lack.
    last_pattern: Option<String>,
    /// What it answered: the `top` asked for, the count and the keys.
    answer: (Option<usize>, usize, Vec<u64>),
}

impl Last {
    /// The answer to `query` (with `top`) when it is this search's again
    /// (typing a space between terms changes nothing): the same count, and
    /// the same keys, or more of them.
    fn again(&self, query: &Query, top: Option<usize>, seen: (usize, u64)) -> Option<(usize, Vec<u64>)> {
        let (asked, count, keys) = &self.answer;
        let enough = match (asked, top) {
            (None, _) => true,
            (Some(asked), Some(k)) => k <= *asked,
            (Some(_), None) => false,
        };
        (enough && self.query == *query && (self.entities_taken, self.review_generation) == seen)
            .then(|| (*count, keys.clone()))
    }
}

/// What a search takes over from the last one.
struct Base {
    state: Arc<Vec<Vec<Candidate>>>,
    /// Groups of the new query evaluated last time.
    reused: usize,
    /// Whether those include the last group of the last query.
    with_last: bool,
    fixed_pattern: Option<String>,
    last_pattern: Option<String>,
}

/// A corpus ready to be searched. `Send + Sync`: the UI keeps it in an `Arc`
/// and searches from a worker thread.
#[derive(Debug)]
pub struct Engine {
    docs: Arc<Vec<Document>>,
    index: OnceLock<Index>,
    entities: RwLock<EntityIndex>,
    matchers: Matchers,
    days: Vec<(u32, u32)>,
    /// Per document, its place among equal scores: newer documents (then
    /// earlier ones in the corpus) get higher numbers.
    tie_rank: Vec<u32>,
    /// The document at each tie rank.
    by_tie_rank: Vec<u32>,
    fields: FieldTables,
    review: RwLock<HashMap<usize, ReviewState>>,
    /// Bumped on every review change, so that no search narrows across one.
    review_generation: AtomicU64,
    last: Mutex<Option<Last>>,
}

impl Engine {
    /// An engine over `docs`. The word index is built on first use, or ahead
    /// of time by [`Engine::build_index`] (call it from a background thread).
    #[must_use]
    pub fn new(docs: Arc<Vec<Document>>) -> Self {
        let days = docs.iter().map(|d| day_range(d.date())).collect();
        let newest: Vec<u64> = docs.iter().map(|d| date_key(d.date())).collect();
        let mut by_tie_rank: Vec<u32> = (0..to_u32(docs.len())).collect();
        by_tie_rank.sort_unstable_by_key(|&d| (newest[d as usize], std::cmp::Reverse(d)));
        let mut tie_rank = vec![0; docs.len()];
        for (rank, &d) in by_tie_rank.iter().enumerate() {
            tie_rank[d as usize] = to_u32(rank);
        }
        let fields = FieldTables::new(&docs);
        let entities = RwLock::new(EntityIndex::new(docs.len()));
        Engine {
            docs,
            index: OnceLock::new(),
            entities,
            matchers: Matchers::default(),
            days,
            tie_rank,
            by_tie_rank,
            fields,
            review: RwLock::new(HashMap::new()),
            review_generation: AtomicU64::new(0),
            last: Mutex::new(None),
        }
    }

    /// The documents searched.
    #[must_use]
    pub fn docs(&self) -> &Arc<Vec<Document>> {
        &self.docs
    }

    /// Builds the word index now (it is otherwise built by the first search).
    pub fn build_index(&self) {
        self.index();
    }

    /// Heap bytes of what the engine keeps besides the documents: the word
    /// index once built, per-document tables, and the last search's
    /// candidates (entity names excepted: they grow with the annotation).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        fn of<T>(v: &Vec<T>) -> usize {
            v.capacity() * size_of::<T>()
        }
        let f = &self.fields;
        let last = self.last.lock().ok().and_then(|l| {
            l.as_ref().map(|l| {
                let state = l.state.as_ref().map_or(0, |s| of(s) + s.iter().map(of).sum::<usize>());
                state + of(&l.answer.2)
            })
        });
        self.index.get().map_or(0, Index::heap_bytes)
            + of(&self.days)
            + of(&self.tie_rank)
            + of(&self.by_tie_rank)
            + of(&f.source_of)
            + of(&f.lang_of)
            + last.unwrap_or(0)
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.docs))
    }

    /// Gives the review states of the documents (by index; the others count as
    /// never reviewed), replacing any given before: `is:` and `label:` read them.
    pub fn set_review_states(&self, states: impl IntoIterator<Item = (usize, ReviewState)>) {
        if let Ok(mut r) = self.review.write() {
            *r = states.into_iter().collect();
        }
        self.review_generation.fetch_add(1, AtomicOrdering::SeqCst);
    }

    /// Updates the review state of one document (after a review action).
    pub fn set_review_state(&self, doc: usize, state: ReviewState) {
        if let Ok(mut r) = self.review.write() {
            r.insert(doc, state);
        }
        self.review_generation.fetch_add(1, AtomicOrdering::SeqCst);
    }

    pub(super) fn review_hit(&self, doc: usize, t: &Term) -> bool {
        match (t.field, self.review.read()) {
            (Field::Review(r), Ok(states)) => review_match(states.get(&doc), r, t),
            _ => false,
        }
    }

    /// Takes in entities set since the last search; returns how many
    /// documents the index has taken in, and whether it knows any name.
    fn refresh_entities(&self) -> (usize, bool) {
        let news = self.entities.read().map(|e| e.has_news(&self.docs)).unwrap_or(false);
        if news && let Ok(mut e) = self.entities.write() {
            e.refresh(&self.docs);
        }
        self.entities.read().map_or((0, false), |e| (e.taken(), !e.keys().is_empty()))
    }

    /// All matching documents, ranked; `None` when cancelled.
    #[must_use]
    pub fn search(&self, query: &Query, cancel: &Cancel) -> Option<Results> {
        let (total_matched, mut keys) = self.matching(query, cancel, None)?;
        if keys.len() > BLOCK {
            keys.par_sort_unstable_by(|a, b| b.cmp(a));
        } else {
            keys.sort_unstable_by(|a, b| b.cmp(a));
        }
        Some(Results { hits: keys.into_iter().map(|k| self.hit(k)).collect(), total_matched })
    }

    /// The count and the best `k` documents, ranked as [`Engine::search`]
    /// ranks them, without sorting the rest: what a screenful needs.
    #[must_use]
    pub fn search_top(&self, query: &Query, k: usize, cancel: &Cancel) -> Option<Results> {
        let (total_matched, mut keys) = self.matching(query, cancel, Some(k))?;
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.truncate(k);
        Some(Results { hits: keys.into_iter().map(|k| self.hit(k)).collect(), total_matched })
    }

    /// The rank key of document `d` with `score`: higher ranks first (score,
    /// then newest, then corpus order), so ranking is a sort of integers.
    fn key(&self, d: usize, score: i64) -> u64 {
        let score = u64::try_from(score.clamp(0, i64::from(u32::MAX))).unwrap_or(0);
        (score << 32) | u64::from(self.tie_rank[d])
    }

    fn hit(&self, key: u64) -> Hit {
        let rank = usize::try_from(key & u64::from(u32::MAX)).unwrap_or(0);
        Hit { doc: self.by_tie_rank[rank] as usize, score: i64::try_from(key >> 32).unwrap_or(0) }
    }

    /// Unordered hits of `query`, narrowing the last search when `query` extends it.
    ///
    /// Returns the number of matches and their rank keys: all of them, or
    /// (with `top`) at least the best `top` (a bounded heap per block, no
    /// vector of every hit). With `top`, the fuzzy title score of a document
    /// that matches through its body or entities anyway is only computed when
    /// its bound says it could still rank among the best `top`.
    fn matching(&self, query: &Query, cancel: &Cancel, top: Option<usize>) -> Option<(usize, Vec<u64>)> {
        let index = self.index();
        let (entities_taken, named) = self.refresh_entities();
        let entities = self.entities.read().ok()?;
        let review_generation = self.review_generation.load(AtomicOrdering::SeqCst);
        let review = self.review.read().ok()?;
        let seen = (entities_taken, review_generation);
        if let Some(answer) = self.last.lock().ok().and_then(|l| l.as_ref()?.again(query, top, seen)) {
            return (!cancel.is_cancelled()).then_some(answer);
        }
        let base = self.last.lock().ok().and_then(|last| {
            let l = last.as_ref().filter(|l| {
                l.entities_taken == entities_taken
                    && l.review_generation == review_generation
                    && narrows(&l.query, query, named.then_some(&*entities))
            })?;
            let (reused, with_last) = reusable(&l.query, query);
            Some(Base {
                state: Arc::clone(l.state.as_ref()?),
                reused,
                with_last,
                fixed_pattern: l.fixed_pattern.clone(),
                last_pattern: l.last_pattern.clone(),
            })
        });
        let (reused, with_last) = base.as_ref().map_or((0, false), |b| (b.reused, b.with_last));
        let ctx = Ctx {
            docs: &self.docs,
            index,
            entities: &entities,
            matchers: &self.matchers,
            days: &self.days,
            fields: &self.fields,
            review: &review,
        };
        let n = base.as_ref().map_or(self.docs.len(), |b| b.state.iter().map(Vec::len).sum());
        let k = query.groups.len();
        // Groups `..reused` were evaluated last time; `reused..k-1` are new
        // but fixed from now on; `k-1` is the one being typed.
        let middle = prepare(&ctx, &query.groups[reused.min(k.saturating_sub(1))..k.saturating_sub(1)], n);
        let typing = prepare(&ctx, &query.groups[k.saturating_sub(1)..], n);
        // Title scores are left pending for a one-term group being typed, when
        // only the best few are asked for.
        let last_pattern = match (top, typing.as_slice()) {
            (Some(_), [g]) if g.len() == 1 => g[0].deferrable().map(str::to_string),
            _ => None,
        };
        // What the stored candidates' pending bits refer to, and what the new ones' will.
        let (old_fixed, old_last) =
            base.as_ref().map_or((None, None), |b| (b.fixed_pattern.clone(), b.last_pattern.clone()));
        let fixed_pattern = if with_last { old_last.clone() } else { old_fixed.clone() };
        if cancel.is_cancelled() {
            return None;
        }
        let resolve = |d: usize, pattern: &Option<String>| {
            pattern.as_deref().map_or(0, |p| deferred_title_score(&ctx, d, p))
        };
        // What a pending fixed and last title score can add at most.
        let bounds = (
            fixed_pattern.as_deref().map_or(0, title_score_bound),
            last_pattern.as_deref().map_or(0, title_score_bound),
        );
        let defer = last_pattern.is_some();
        // A pending title is scored at once, if it could rank, when that costs
        // a word-prefix test; a fuzzy score waits until the end, when the
        // best bounds are scored first.
        let short = |p: &Option<String>| p.as_deref().is_none_or(|p| p.chars().count() < FUZZY_FROM_CHARS);
        let cheap = short(&fixed_pattern) && short(&last_pattern);
        let bit = |p: &Pending, bit: u8, v: i64| if p.bits & bit != 0 { v } else { 0 };
        let upper = |p: &Pending| p.score + bit(p, FIXED_PENDING, bounds.0) + bit(p, LAST_PENDING, bounds.1);
        let exact = |p: &Pending| {
            let title = |b: u8, pattern: &Option<String>| {
                if p.bits & b != 0 { resolve(p.doc as usize, pattern) } else { 0 }
            };
            p.score + title(FIXED_PENDING, &fixed_pattern) + title(LAST_PENDING, &last_pattern)
        };
        let floor = AtomicU64::new(0);
        let keep = keeps_candidates(query, index);
        let remember = |state: Option<Vec<Vec<Candidate>>>, count: usize, keys: &[u64]| {
            if let Ok(mut last) = self.last.lock() {
                *last = Some(Last {
                    query: query.clone(),
                    state: state.map(Arc::new),
                    entities_taken,
                    review_generation,
                    fixed_pattern: fixed_pattern.clone(),
                    last_pattern: last_pattern.clone(),
                    answer: (top, count, keys.to_vec()),
                });
            }
        };
        if let (None, Some(k), false, [g]) = (&base, top, keep, typing.as_slice())
            && middle.is_empty()
            && let [p] = g.as_slice()
            && let Some(letter) = p.lone_letter()
        {
            let (count, keys) = self.letter_top(&ctx, p, letter, k, cancel)?;
            remember(None, count, &keys);
            return Some((count, keys));
        }
        // A lone term being typed (the last query's last group typed further,
        // or no last query): a document whose title is out for it (the last
        // search said so, or the title masks do) skips the title.
        let untitled = match typing.as_slice() {
            [g] if !with_last && reused + 1 == k => match g.as_slice() {
                [p] if p.narrows_untitled() => Some(p),
                _ => None,
            },
            _ => None,
        };
        // One candidate of the last search (or any document without one):
        // tested, kept when it could match an extension, counted and ranked
        // when it matches.
        let visit = |kept: &mut Vec<Candidate>, hits: &mut Collected, d: usize, c: Option<&Candidate>| {
            let title_out = untitled.and_then(|p| match c {
                Some(c) => (c.matched & (TITLE_OUT | FIXED_PENDING) == TITLE_OUT).then(|| (p, c.fixed())),
                None => p.title_masked_out(&ctx, d).then_some((p, (true, 0))),
            });
            if let Some((p, fixed)) = title_out {
                let Some(last) = p.untitled(&ctx, d) else { return };
                if fixed.0 && last.0 {
                    hits.add(self.key(d, fixed.1 + last.1));
                }
                if keep {
                    kept.push(Candidate::new(d, fixed, last, TITLE_OUT));
                }
                return;
            }
            let (before, mut pending) = match c {
                Some(c) => {
                    let (mut matched, mut score) = c.fixed();
                    let mut pending = 0;
                    // One pattern per bit: a fixed title pending from before
                    // the last group is scored once the last group is fixed too.
                    if c.pending(FIXED_PENDING) {
                        if with_last || top.is_none() {
                            score += resolve(d, &old_fixed);
                        } else {
                            pending = FIXED_PENDING;
                        }
                    }
                    if with_last {
                        matched &= c.last().0;
                        score += c.last().1;
                        if c.pending(LAST_PENDING) {
                            if top.is_none() {
                                score += resolve(d, &old_last);
                            } else {
                                pending = FIXED_PENDING;
                            }
                        }
                    }
                    ((matched, score), pending)
                }
                None => ((true, 0), 0),
            };
            let (mid_matched, mid_score) = if middle.is_empty() {
                (true, 0)
            } else {
                let Some(m) = test_groups(&ctx, &middle, d, false) else {
                    return;
                };
                (m.matched, m.score)
            };
            let Some(last) = test_groups(&ctx, &typing, d, defer) else {
                return;
            };
            let (last_matched, last_score) = (last.matched, last.score);
            if last.pending {
                pending |= LAST_PENDING;
            }
            let fixed = (before.0 && mid_matched, before.1 + mid_score);
            if fixed.0 && last_matched {
                let score = fixed.1 + last_score;
                if pending == 0 {
                    hits.add(self.key(d, score));
                } else {
                    let p = Pending { doc: to_u32(d), score, bits: pending };
                    let exact = cheap.then_some(|| self.key(d, exact(&p)));
                    hits.add_pending(p, self.key(d, upper(&p)), &floor, exact);
                }
            }
            if keep {
                let out = if last.title_out { TITLE_OUT } else { 0 };
                kept.push(Candidate::new(d, fixed, (last_matched, last_score), pending | out));
            }
        };
        // A unit of work: a block of the last candidates, or of documents.
        let block = |unit: Unit| -> Option<(Vec<Candidate>, Collected)> {
            if cancel.is_cancelled() {
                return None;
            }
            let mut hits = Collected::new(top, &floor);
            let kept = match (unit, &base) {
                (Unit::Candidates(i), Some(b)) => {
                    let mut kept = Vec::with_capacity(if keep { b.state[i].len() } else { 0 });
                    for c in &b.state[i] {
                        visit(&mut kept, &mut hits, c.doc as usize, Some(c));
                    }
                    kept
                }
                (Unit::Docs(range), _) => {
                    let mut kept = Vec::with_capacity(if keep { range.len() } else { 0 });
                    for d in range {
                        visit(&mut kept, &mut hits, d, None);
                    }
                    kept
                }
                (Unit::Candidates(_), None) => Vec::new(),
            };
            hits.publish(&floor);
            Some((kept, hits))
        };
        let units: Vec<Unit> = match &base {
            Some(b) => (0..b.state.len()).map(Unit::Candidates).collect(),
            None => (0..n).step_by(BLOCK).map(|s| Unit::Docs(s..(s + BLOCK).min(n))).collect(),
        };
        let parts: Option<Vec<(Vec<Candidate>, Collected)>> = if units.len() > 2 {
            units.into_par_iter().map(block).collect()
        } else {
            units.into_iter().map(block).collect()
        };
        let mut state = Vec::new();
        let mut count = 0;
        let mut keys = Vec::new();
        let mut pending = Vec::new();
        for (mut kept, h) in parts? {
            count += h.count;
            pending.extend_from_slice(&h.pending);
            keys.extend(h.keys());
            if !kept.is_empty() {
                if kept.len() < kept.capacity() / 2 {
                    kept.shrink_to_fit();
                }
                state.push(kept);
            }
        }
        if let Some(k) = top
            && !pending.is_empty()
        {
            keys = self.best_with_pending(keys, pending, k, upper, exact, cancel)?;
        }
        remember(keep.then_some(state), count, &keys);
        Some((count, keys))
    }

    /// The count and the best `k` of a lone common letter (see
    /// [`Prepared::lone_letter`]), which matches nearly every document: the
    /// count from the index's per-letter masks, and the best by testing
    /// documents from the newest down, until the `k`-th best has the highest
    /// score a letter can give (a title word, a body word, the most entity
    /// mentions): no older document can beat it. Only a few hundred documents
    /// are tested when titles start words with the letter.
    fn letter_top(
        &self,
        ctx: &Ctx<'_>,
        p: &Prepared,
        letter: u8,
        k: usize,
        cancel: &Cancel,
    ) -> Option<(usize, Vec<u64>)> {
        let count = p.letter_count(ctx, letter);
        let best = u64::try_from(p.letter_bound()).unwrap_or(u64::MAX);
        let mut heap = BinaryHeap::with_capacity(k + 1);
        for (tested, &d) in self.by_tie_rank.iter().rev().enumerate() {
            if heap.len() >= k && heap.peek().is_none_or(|&Reverse(min): &Reverse<u64>| min >> 32 >= best) {
                break;
            }
            if tested % BLOCK == BLOCK - 1 && cancel.is_cancelled() {
                return None;
            }
            let hit = p.test(ctx, d as usize, false).hit;
            if hit.any() {
                push_top(&mut heap, k, self.key(d as usize, hit.score()));
            }
        }
        (!cancel.is_cancelled()).then(|| (count, heap.into_iter().map(|Reverse(key)| key).collect()))
    }

    /// The best `k` of `keys` and of the `pending` documents, scoring the
    /// latter (with `exact`) best `upper` bound first, until none left can
    /// beat the `k`-th.
    fn best_with_pending(
        &self,
        keys: Vec<u64>,
        pending: Vec<Pending>,
        k: usize,
        upper: impl Fn(&Pending) -> i64,
        exact: impl Fn(&Pending) -> i64,
        cancel: &Cancel,
    ) -> Option<Vec<u64>> {
        let mut heap = BinaryHeap::with_capacity(k + 1);
        for key in keys {
            push_top(&mut heap, k, key);
        }
        // Many may be pending at 1M and only the first few are scored: a heap
        // (built in linear time), not a sort.
        let mut by_bound: BinaryHeap<(u64, usize)> =
            pending.iter().enumerate().map(|(i, p)| (self.key(p.doc as usize, upper(p)), i)).collect();
        let mut scored = 0;
        while let Some((upper, i)) = by_bound.pop() {
            if heap.len() >= k && heap.peek().is_none_or(|&Reverse(min)| upper <= min) {
                break;
            }
            scored += 1;
            if scored % BLOCK == 0 && cancel.is_cancelled() {
                return None;
            }
            let p = &pending[i];
            push_top(&mut heap, k, self.key(p.doc as usize, exact(p)));
        }
        Some(heap.into_iter().map(|Reverse(key)| key).collect())
    }

    pub(super) fn matchers(&self) -> &Matchers {
        &self.matchers
    }

    /// The folded names the entity `t` goes by (see [`aliases`]), as the
    /// entity index knows them now.
    pub(super) fn aliases_of(&self, t: &Term) -> Vec<String> {
        self.entities.read().map(|e| aliases(t, &e)).unwrap_or_default()
    }

    pub(super) fn day_range_of(&self, doc: usize) -> (u32, u32) {
        self.days[doc]
    }
}

/// Whether a search for `query` keeps its candidates for the next keystroke
/// to narrow: not for the empty query, nor for a lone one-letter term that
/// most words of most documents start with (more than 3/4 of them), which
/// leave nearly every document a candidate: a million 16-byte candidates
/// written now and read at the next key cost more than that key going
/// through all documents (a lone term's next key reuses no score from them).
/// A rarer letter (`k`: a quarter of the documents) keeps them.
fn keeps_candidates(query: &Query, index: &Index) -> bool {
    match query.groups.as_slice() {
        [] => false,
        [g] => match g.terms.as_slice() {
            [t] if t.folded.chars().count() <= 1 => {
                let covered = t.folded.bytes().next().map_or(index.len(), |b| index.initial_docs(b));
                covered * 4 <= index.len() * 3
            }
            _ => true,
        },
        _ => true,
    }
}

/// Whether every document matching `new` could match `old`'s extension set:
/// same groups, the last one's last term typed further, or groups added.
fn narrows(old: &Query, new: &Query, entities: Option<&EntityIndex>) -> bool {
    let n = old.groups.len();
    if n == 0 || new.groups.len() < n || old.groups[..n - 1] != new.groups[..n - 1] {
        return n == 0;
    }
    let (o, g) = (&old.groups[n - 1], &new.groups[n - 1]);
    o == g || group_narrows(o, g, entities)
}

/// How many leading groups of `new` the last search already evaluated (given
/// that `new` narrows `old`), and whether that includes `old`'s last group:
/// all of `old` when `new` only adds groups after it, else all but its last
/// group (the one typed further). An empty `old` evaluated nothing.
fn reusable(old: &Query, new: &Query) -> (usize, bool) {
    let m = old.groups.len();
    if m > 0 && new.groups.len() > m && new.groups[..m] == old.groups[..] {
        (m, true)
    } else {
        // With nothing evaluated, the stored "fixed" results are trivially (true, 0).
        (m.saturating_sub(1), false)
    }
}

fn group_narrows(o: &Group, g: &Group, entities: Option<&EntityIndex>) -> bool {
    let k = o.terms.len();
    k == g.terms.len()
        && o.terms[..k - 1] == g.terms[..k - 1]
        && term_narrows(&o.terms[k - 1], &g.terms[k - 1], entities)
}

/// A term typed further matches fewer documents, unless it now names a known
/// entity whose aliases match documents the shorter term could not (`nat` →
/// `nato` finds OTAN).
fn term_narrows(o: &Term, n: &Term, entities: Option<&EntityIndex>) -> bool {
    !o.negated
        && !n.negated
        && o.field == n.field
        && !matches!(o.field, Field::Date(_) | Field::Review(_))
        && o.kind == n.kind
        && o.kind != Kind::Suffix
        && n.folded.starts_with(&o.folded)
        && (!o.case_sensitive || (n.case_sensitive && n.cased.starts_with(&o.cased)))
        && entities.is_none_or(|e| aliases(n, e).is_empty())
}

/// First and last day of an ISO date prefix as `YYYYMMDD`, `(0, 0)` when undated.
fn day_range(date: Option<&str>) -> (u32, u32) {
    date.and_then(|d| day_bounds(d.get(..10).unwrap_or(d))).unwrap_or((0, 0))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A sort key for "newest first": `YYYYMMDDHHMM`, missing parts as zeros; 0 undated.
fn date_key(date: Option<&str>) -> u64 {
    let Some(d) = date else { return 0 };
    let mut digits: String = d.chars().filter(char::is_ascii_digit).take(12).collect();
    while digits.len() < 12 {
        digits.push('0');
    }
    digits.parse().unwrap_or(0)
}

#[cfg(test)]
mod tests;
