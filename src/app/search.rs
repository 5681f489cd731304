//! The boundary between the reader and the filter engine: the filter worker and
//! the highlighting only see the [`Searcher`] trait; [`engine`] plugs in
//! kiosque's query engine, and tests can plug in a double.

use std::collections::HashMap;
use std::sync::Arc;

use super::worker::entities::Annotator;
use crate::corpus::Document;
use crate::entities::Recognizer;
use crate::query::{self, Engine};
pub use crate::query::{Cancel, Highlights, View, ViewStatus};
use crate::review::ReviewState;

/// A finished search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Matching documents (indices into the corpus), best first.
    pub hits: Vec<usize>,
    /// How many documents matched in all (may exceed `hits.len()`).
    pub total_matched: usize,
}

/// A filter engine over one corpus. Shared between the UI thread (highlights of
/// the few documents on screen) and the filter worker (searches).
pub trait Searcher: Send + Sync {
    /// Runs `query`. `None` when `cancel` was raised before the end (a newer
    /// keystroke); `Some(Err(message))` for a malformed query.
    fn search(&self, query: &str, cancel: &Cancel) -> Option<Result<Found, String>>;

    /// The count and the best `k` matches of `query`, ranked as [`Searcher::search`]
    /// ranks them: what a screenful needs, sooner than the whole list over a big
    /// corpus. A double may keep this default, which cuts a full search.
    fn search_top(&self, query: &str, k: usize, cancel: &Cancel) -> Option<Result<Found, String>> {
        let mut found = self.search(query, cancel)?;
        if let Ok(f) = &mut found {
            f.hits.truncate(k);
        }
        Some(found)
    }

    /// Where `query` matches in document `doc`; empty for a malformed query.
    fn highlights(&self, doc: usize, query: &str) -> Highlights;

    /// A saved view's live count and new articles; `None` when cancelled or
    /// when its query no longer parses.
    fn view_status(&self, view: &View, cancel: &Cancel) -> Option<ViewStatus>;

    /// The review states changed (documents absent were never reviewed): `is:`
    /// and `label:` terms read them. A double that never sees such terms may
    /// keep this default, which ignores them.
    fn review_changed(&self, _states: &HashMap<usize, ReviewState>) {}
}

impl Searcher for Engine {
    fn search(&self, text: &str, cancel: &Cancel) -> Option<Result<Found, String>> {
        found(text, |q| Engine::search(self, q, cancel))
    }

    fn search_top(&self, text: &str, k: usize, cancel: &Cancel) -> Option<Result<Found, String>> {
        found(text, |q| Engine::search_top(self, q, k, cancel))
    }

    fn highlights(&self, doc: usize, text: &str) -> Highlights {
        match query::parse(text) {
            Ok(q) if doc < self.docs().len() => Engine::highlights(self, doc, &q),
            _ => Highlights::default(),
        }
    }

    fn view_status(&self, view: &View, cancel: &Cancel) -> Option<ViewStatus> {
        view.status(self, cancel)
    }

    fn review_changed(&self, states: &HashMap<usize, ReviewState>) {
        self.set_review_states(states.iter().map(|(d, s)| (*d, s.clone())));
    }
}

/// Parses `text` and runs `search` on it: a malformed query's message, or the
/// matches; `None` when the search was cancelled.
fn found(
    text: &str,
    search: impl FnOnce(&query::Query) -> Option<query::Results>,
) -> Option<Result<Found, String>> {
    let q = match query::parse(text) {
        Ok(q) => q,
        Err(e) => return Some(Err(e.to_string())),
    };
    let results = search(&q)?;
    let hits = results.hits.into_iter().map(|h| h.doc).collect();
    Some(Ok(Found { hits, total_matched: results.total_matched }))
}

/// The filter engine over `docs`, its word index built (this runs on the loader thread).
#[must_use]
pub fn engine(docs: Arc<Vec<Document>>) -> Arc<dyn Searcher> {
    let engine = Engine::new(docs);
    engine.build_index();
    Arc::new(engine)
}

/// The built-in entity recognizer, for when no other is given.
#[must_use]
pub fn builtin_annotator() -> Annotator {
    Arc::new(|text| Recognizer::builtin().extract(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Arc<Vec<Document>> {
        Arc::new(vec![
            crate::corpus::parse_article("a.txt", "Storm closes the harbour\n\nThe harbour shut.\n".into()),
            crate::corpus::parse_article("b.txt", "Wind farm opens\n\nTurbines turn.\n".into()),
        ])
    }

    #[test]
    fn the_engine_answers_through_the_trait() {
        let s = engine(docs());
        let found = s.search("harbour", &Cancel::new()).unwrap().unwrap();
        assert_eq!((found.hits, found.total_matched), (vec![0], 1));
        let h = s.highlights(0, "harbour");
        assert!(!h.title.is_empty() && !h.text.is_empty());
        assert!(s.search("date:banana", &Cancel::new()).unwrap().is_err());
        assert_eq!(s.highlights(0, "date:banana"), Highlights::default());
    }
}
