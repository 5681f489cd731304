//! The live corpus in the event loop: the loader's batches and the watcher's
//! reloads become messages for `update`, and the background pieces that read
//! the documents (the filter engine and its worker, the entity worker, saving
//! the parse cache) are started again over each new state of the corpus.
//!
//! The documents are one `Arc<Vec<Document>>` shared with those pieces; a
//! change is applied in place once nothing else holds them (so a batch costs
//! no copy of the corpus): the glue stops its own holders, waits for short jobs
//! to end, then hands the waiting changes to `update` together. Changes are
//! debounced: at most one application per [`FLUSH_EVERY`], and while the load
//! runs under a filter (each application costs a new engine) only once the
//! engine has answered and the waiting documents would double the corpus.

use std::mem;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::search;
use super::state::{AppState, field_text};
use super::update::Msg;
use super::worker::Notify;
use super::worker::entities::{Annotator, EntityWorker};
use super::worker::filter::FilterWorker;
use crate::corpus::CacheUpdate;

/// The shortest time between two changes of the documents.
const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// What the loop keeps beside the state to feed the corpus in.
pub(super) struct Live {
    /// Changes received and not applied yet, in order.
    pending: Vec<Msg>,
    /// Reloads received during the load, applied after it (its batches may
    /// still bring the same files).
    deferred: Vec<Msg>,
    /// The load is over and applied.
    loaded: bool,
    last_flush: Instant,
    /// The loader, joined at the end of the load for its cache update.
    loader: Option<JoinHandle<Option<CacheUpdate>>>,
    filter: Option<FilterWorker>,
    entities: Option<EntityWorker>,
    /// The entity recognizer is built (the entity worker waits for it).
    recognizer: bool,
    /// The corpus version an engine is being built for.
    building: Option<u64>,
    /// The cache to update once every entity is known, and how many documents the load gave.
    cache: Option<(CacheUpdate, usize)>,
    /// Every entity is known: the cache can be saved.
    save_due: bool,
    saver: Option<JoinHandle<()>>,
    /// How workers reach the loop.
    tx: Sender<super::run::Event>,
}

impl Live {
    /// Glue for a load running on `loader`.
    pub(super) fn new(loader: JoinHandle<Option<CacheUpdate>>, tx: Sender<super::run::Event>) -> Live {
        Live {
            pending: Vec::new(),
            deferred: Vec::new(),
            loaded: false,
            last_flush: Instant::now(),
            loader: Some(loader),
            filter: None,
            entities: None,
            recognizer: false,
            building: None,
            cache: None,
            save_due: false,
            saver: None,
            tx,
        }
    }

    fn notify(&self) -> Notify {
        super::run::notify(&self.tx)
    }

    /// Takes the corpus changes out of the message stream (they wait for
    /// [`Live::flush`]) and starts the filter worker with a new engine; other
    /// messages go on to `update`.
    pub(super) fn receive(&mut self, msg: Msg, state: &AppState) -> Option<Msg> {
        match msg {
            Msg::Batch { .. } | Msg::LoadDone => self.pending.push(msg),
            Msg::Reloaded(_) if !self.loaded => self.deferred.push(msg),
            Msg::Reloaded(_) => self.pending.push(msg),
            Msg::Engine { version, searcher } => {
                self.building = None;
                if version == state.version && !self.due(state) {
                    self.filter = Some(FilterWorker::spawn(searcher.clone(), self.notify()));
                    return Some(Msg::Engine { version, searcher });
                }
            }
            Msg::Annotating { done, total } => {
                self.save_due |= done == total && total == state.docs.len() && self.loaded;
                return Some(msg);
            }
            msg => return Some(msg),
        }
        None
    }

    /// The entity recognizer is built: the entity worker can start.
    pub(super) fn recognizer_ready(&mut self) {
        self.recognizer = true;
    }

    /// Whether changes wait to be applied (the loop wakes to retry).
    pub(super) fn waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether the waiting changes should be applied now.
    fn due(&self, state: &AppState) -> bool {
        if self.pending.is_empty() {
            return false;
        }
        let end = self.pending.iter().any(|m| matches!(m, Msg::LoadDone));
        if end || state.docs.is_empty() {
            return true;
        }
        if self.last_flush.elapsed() < FLUSH_EVERY {
            return false;
        }
        if state.loading && filtering(state) {
            // Let the engine answer over what is loaded before the next batch
            // replaces it, so that the filter shows its matches as the corpus grows.
            if self.building.is_some() || state.filter.searching {
                return false;
            }
            let waiting: usize = self
                .pending
                .iter()
                .map(|m| if let Msg::Batch { docs, .. } = m { docs.len() } else { 0 })
                .sum();
            return waiting >= state.docs.len();
        }
        true
    }

    /// The changes to apply now, in order, once nothing but the state holds the
    /// documents (this stops the engine's and the entity worker's hold; the
    /// entity worker's current chunk and short jobs are waited for on a later
    /// call, never here). Empty when nothing is due.
    pub(super) fn flush(&mut self, state: &mut AppState) -> Vec<Msg> {
        if !self.due(state) {
            return Vec::new();
        }
        self.filter = None;
        self.entities = None;
        state.searcher = None;
        if Arc::strong_count(&state.docs) > 1 {
            return Vec::new();
        }
        self.last_flush = Instant::now();
        let mut msgs = mem::take(&mut self.pending);
        if let Some(end) = msgs.iter().position(|m| matches!(m, Msg::LoadDone)) {
            self.loaded = true;
            let loaded: usize = msgs[..end]
                .iter()
                .map(|m| if let Msg::Batch { docs, .. } = m { docs.len() } else { 0 })
                .sum();
            let update = self.loader.take().and_then(|l| l.join().ok().flatten());
            self.cache = update.map(|u| (u, state.docs.len() + loaded));
            msgs.append(&mut self.deferred);
        }
        msgs
    }

    /// Starts what reads the documents again when it is missing: the entity
    /// worker (the open article first), an engine when a filter or the end of
    /// the load wants one, and the cache's save once every entity is known.
    pub(super) fn restart(&mut self, state: &AppState, annotator: &Annotator) {
        if self.due(state) || state.docs.is_empty() {
            return;
        }
        if self.entities.is_none() && self.recognizer {
            let docs = state.docs.clone();
            self.entities =
                Some(EntityWorker::spawn(docs, annotator.clone(), state.reader.doc, self.notify()));
        }
        if state.searcher.is_none() && self.building.is_none() && (!state.loading || filtering(state)) {
            self.building = Some(state.version);
            let (docs, version, notify) = (state.docs.clone(), state.version, self.notify());
            std::thread::spawn(move || notify(Msg::Engine { version, searcher: search::engine(docs) }));
        }
        if self.save_due
            && self.saver.is_none()
            && let Some((update, len)) = self.cache.take()
        {
            let (docs, notify) = (state.docs.clone(), self.notify());
            self.saver = Some(std::thread::spawn(move || {
                if let Err(e) = update.save(&docs[..len.min(docs.len())]) {
                    notify(Msg::Note(format!("parse cache not written: {e}")));
                }
            }));
        }
    }

    /// Asks for `query` when an engine is there (else the next engine runs the filter).
    pub(super) fn search(&self, generation: u64, query: String) {
        if let Some(w) = &self.filter {
            w.submit(generation, query);
        }
    }

    /// Asks for `doc`'s entities first (a new worker starts with the open article anyway).
    pub(super) fn annotate(&self, doc: usize) {
        if let Some(w) = &self.entities {
            w.prioritise(doc);
        }
    }

    /// Lets the engine take in the entities found so far.
    pub(super) fn warm(&self) {
        if let Some(w) = &self.filter {
            w.warm();
        }
    }

    /// At the end of the session: stops the workers and saves the parse cache
    /// with what is known (documents, and the entities computed so far), so that
    /// the next start is fast even when this one was short.
    pub(super) fn finish(mut self, docs: &[crate::corpus::Document]) -> Option<String> {
        self.filter = None;
        self.entities = None;
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
        let (update, len) = self.cache.take()?;
        update.save(&docs[..len.min(docs.len())]).err().map(|e| format!("parse cache not written: {e}"))
    }
}

/// Whether the filter bar holds (or shows the results of) a query: then the
/// engine is needed even while loading.
fn filtering(state: &AppState) -> bool {
    !field_text(&state.filter.input).trim().is_empty() || !state.filter.applied.trim().is_empty()
}
