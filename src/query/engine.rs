//! The engine: a corpus, its indexes, and searches over them that can be
//! cancelled by a newer keystroke and that narrow the previous result when the
//! query only grew.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use rayon::prelude::*;

use super::entity_index::EntityIndex;
use super::index::Index;
use super::matcher::Matchers;
use super::parse::{Field, Group, Kind, Query, Term, day_bounds};
use super::plan::{Ctx, FieldTables, prepare, test_doc};
use crate::corpus::Document;

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

/// The last search, to narrow from when the next query extends it.
#[derive(Debug)]
struct Last {
    query: Query,
    /// Documents that could match any extension of `query`.
    candidates: Arc<Vec<u32>>,
    /// The entity index's size when it ran (new entities can add matches).
    entity_keys: usize,
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
    newest: Vec<u64>,
    fields: FieldTables,
    last: Mutex<Option<Last>>,
}

impl Engine {
    /// An engine over `docs`. The word index is built on first use, or ahead
    /// of time by [`Engine::build_index`] (call it from a background thread).
    #[must_use]
    pub fn new(docs: Arc<Vec<Document>>) -> Self {
        let days = docs.iter().map(|d| day_range(d.date.as_deref())).collect();
        let newest = docs.iter().map(|d| date_key(d.date.as_deref())).collect();
        let fields = FieldTables::new(&docs);
        let entities = RwLock::new(EntityIndex::new(docs.len()));
        Engine {
            docs,
            index: OnceLock::new(),
            entities,
            matchers: Matchers::default(),
            days,
            newest,
            fields,
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

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.docs))
    }

    /// Takes in entities set since the last search; returns the number of names.
    fn refresh_entities(&self) -> usize {
        let news = self.entities.read().map(|e| e.has_news(&self.docs)).unwrap_or(false);
        if news && let Ok(mut e) = self.entities.write() {
            e.refresh(&self.docs);
        }
        self.entities.read().map_or(0, |e| e.keys().len())
    }

    /// All matching documents, ranked; `None` when cancelled.
    #[must_use]
    pub fn search(&self, query: &Query, cancel: &Cancel) -> Option<Results> {
        let mut hits = self.matching(query, cancel)?;
        let total_matched = hits.len();
        if hits.len() > BLOCK {
            hits.par_sort_unstable_by(|a, b| self.rank(a, b));
        } else {
            hits.sort_unstable_by(|a, b| self.rank(a, b));
        }
        Some(Results { hits, total_matched })
    }

    /// The count and the best `k` documents, ranked as [`Engine::search`]
    /// ranks them, without sorting the rest: what a screenful needs.
    #[must_use]
    pub fn search_top(&self, query: &Query, k: usize, cancel: &Cancel) -> Option<Results> {
        let mut hits = self.matching(query, cancel)?;
        let total_matched = hits.len();
        if k < hits.len() {
            hits.select_nth_unstable_by(k, |a, b| self.rank(a, b));
            hits.truncate(k);
        }
        hits.sort_unstable_by(|a, b| self.rank(a, b));
        Some(Results { hits, total_matched })
    }

    /// Rank order: score, then newest first, then corpus order (so it is stable).
    fn rank(&self, a: &Hit, b: &Hit) -> Ordering {
        b.score.cmp(&a.score).then(self.newest[b.doc].cmp(&self.newest[a.doc])).then(a.doc.cmp(&b.doc))
    }

    /// Unordered hits of `query`, narrowing the last search when `query` extends it.
    fn matching(&self, query: &Query, cancel: &Cancel) -> Option<Vec<Hit>> {
        let index = self.index();
        let entity_keys = self.refresh_entities();
        let entities = self.entities.read().ok()?;
        let base = self.last.lock().ok().and_then(|last| {
            last.as_ref()
                .filter(|l| l.entity_keys == entity_keys && narrows(&l.query, query))
                .map(|l| Arc::clone(&l.candidates))
        });
        let ctx = Ctx {
            docs: &self.docs,
            index,
            entities: &entities,
            matchers: &self.matchers,
            days: &self.days,
            fields: &self.fields,
        };
        let n = base.as_ref().map_or(self.docs.len(), |b| b.len());
        let groups = prepare(&ctx, query, n);
        if cancel.is_cancelled() {
            return None;
        }
        let block = |range: std::ops::Range<usize>| -> Option<(Vec<u32>, Vec<Hit>)> {
            if cancel.is_cancelled() {
                return None;
            }
            let mut possible = Vec::new();
            let mut hits = Vec::new();
            for i in range {
                let d = base.as_ref().map_or(i, |b| b[i] as usize);
                let (ok, score) = test_doc(&ctx, &groups, d);
                if ok {
                    possible.push(u32::try_from(d).unwrap_or(u32::MAX));
                }
                if let Some(score) = score {
                    hits.push(Hit { doc: d, score });
                }
            }
            Some((possible, hits))
        };
        let blocks: Vec<std::ops::Range<usize>> =
            (0..n).step_by(BLOCK).map(|s| s..(s + BLOCK).min(n)).collect();
        let parts: Option<Vec<(Vec<u32>, Vec<Hit>)>> = if blocks.len() > 2 {
            blocks.into_par_iter().map(block).collect()
        } else {
            blocks.into_iter().map(block).collect()
        };
        let parts = parts?;
        let mut candidates = Vec::with_capacity(parts.iter().map(|p| p.0.len()).sum());
        let mut hits = Vec::with_capacity(parts.iter().map(|p| p.1.len()).sum());
        for (p, h) in parts {
            candidates.extend(p);
            hits.extend(h);
        }
        if let Ok(mut last) = self.last.lock() {
            *last = Some(Last { query: query.clone(), candidates: Arc::new(candidates), entity_keys });
        }
        Some(hits)
    }

    pub(super) fn matchers(&self) -> &Matchers {
        &self.matchers
    }

    pub(super) fn day_range_of(&self, doc: usize) -> (u32, u32) {
        self.days[doc]
    }
}

/// Whether every document matching `new` could match `old`'s extension set:
/// same groups, the last one's last term typed further, or groups added.
fn narrows(old: &Query, new: &Query) -> bool {
    let n = old.groups.len();
    if n == 0 || new.groups.len() < n || old.groups[..n - 1] != new.groups[..n - 1] {
        return n == 0;
    }
    let (o, g) = (&old.groups[n - 1], &new.groups[n - 1]);
    o == g || group_narrows(o, g)
}

fn group_narrows(o: &Group, g: &Group) -> bool {
    let k = o.terms.len();
    k == g.terms.len()
        && o.terms[..k - 1] == g.terms[..k - 1]
        && term_narrows(&o.terms[k - 1], &g.terms[k - 1])
}

fn term_narrows(o: &Term, n: &Term) -> bool {
    !o.negated
        && !n.negated
        && o.field == n.field
        && !matches!(o.field, Field::Date(_))
        && o.kind == n.kind
        && o.kind != Kind::Suffix
        && n.folded.starts_with(&o.folded)
        && (!o.case_sensitive || (n.case_sensitive && n.cased.starts_with(&o.cased)))
}

/// First and last day of an ISO date prefix as `YYYYMMDD`, `(0, 0)` when undated.
fn day_range(date: Option<&str>) -> (u32, u32) {
    date.and_then(|d| day_bounds(d.get(..10).unwrap_or(d))).unwrap_or((0, 0))
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
