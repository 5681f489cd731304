//! The boundary between the reader and the filter engine: the filter worker and
//! the highlighting only see this trait, so the engine can change without the UI.

use std::ops::Range;
use std::sync::atomic::AtomicBool;

/// A finished search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Matching documents (indices into the corpus), best first.
    pub hits: Vec<usize>,
    /// How many documents matched in all (may exceed `hits.len()`).
    pub total_matched: usize,
}

/// Where a query matches inside one document, to highlight it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Highlights {
    /// Byte ranges of `Document::title`.
    pub title: Vec<Range<usize>>,
    /// Byte ranges of `Document::text`.
    pub text: Vec<Range<usize>>,
}

/// A filter engine over one corpus. Shared between the UI thread (highlights of
/// the few documents on screen) and the filter worker (searches).
pub trait Searcher: Send + Sync {
    /// Runs `query`. `None` when `cancel` was raised before the end (a newer
    /// keystroke); `Some(Err(message))` for a malformed query.
    fn search(&self, query: &str, cancel: &AtomicBool) -> Option<Result<Found, String>>;

    /// Where `query` matches in document `doc`; empty for a malformed query.
    fn highlights(&self, doc: usize, query: &str) -> Highlights;
}

/// The filter engine over `docs`.
#[must_use]
pub fn engine(docs: std::sync::Arc<Vec<crate::corpus::Document>>) -> std::sync::Arc<dyn Searcher> {
    std::sync::Arc::new(Unavailable(docs.len()))
}

/// TEMPORARY until the query engine lands.
struct Unavailable(usize);

impl Searcher for Unavailable {
    fn search(&self, _query: &str, _cancel: &AtomicBool) -> Option<Result<Found, String>> {
        Some(Err(format!("filter engine not built in yet ({} docs)", self.0)))
    }
    fn highlights(&self, _doc: usize, _query: &str) -> Highlights {
        Highlights::default()
    }
}

/// The entity recognizer, when built in.
#[must_use]
pub fn annotator() -> Option<super::worker::entities::Annotator> {
    None
}
