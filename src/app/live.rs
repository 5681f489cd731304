//! The live corpus in the event loop: the loader's batches and the watcher's
//! reloads become messages for `update`, and the background pieces that read
//! the documents (the filter engine and its worker, the entity worker, saving
//! the parse cache) are started again over each new state of the corpus.
//!
//! The documents are one `Arc<Vec<Document>>` shared with those pieces; a
//! change is applied in place once nothing else holds them (so a batch costs
//! no copy of the corpus): the glue stops its own holders, waits for short jobs
//! to end, then hands the waiting changes to `update` together. A correction
//! of entities reads them for longer: the changes wait for its answer (for the
//! documents before them), then go on top of the corrected documents, which
//! the workers read with the corrected recognizer. Changes are debounced: at
//! most one application per [`FLUSH_EVERY`], and while the load runs under a
//! filter (each application costs a new engine) only once the engine has
//! answered and the waiting documents would double the corpus.

use std::mem;
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::search;
use super::state::{AppState, field_text};
use super::update::Msg;
use super::worker::entities::{Annotator, EntityWorker};
use super::worker::filter::FilterWorker;
use super::worker::{Notify, corrections};
use crate::corpus::CacheUpdate;
use crate::entities::Correction;

/// The shortest time between two changes of the documents.
const FLUSH_EVERY: Duration = Duration::from_millis(100);

/// What the loop keeps beside the state to feed the corpus in.
pub(super) struct Live {
    /// Changes received and not applied yet, in order.
    pending: Vec<Msg>,
    /// Reloads received during the load, applied after it (its batches may
    /// still bring the same files).
    deferred: Vec<Msg>,
    last_flush: Instant,
    /// The loader, joined at the end of the load for its cache update.
    loader: Option<JoinHandle<Option<CacheUpdate>>>,
    filter: Option<FilterWorker>,
    entities: Option<EntityWorker>,
    /// The entity recognizer is built (the entity worker waits for it).
    recognizer: bool,
    /// The recognizer of the documents still to come (a correction replaces it).
    annotator: Annotator,
    /// A correction replaced the recognizer the load's cache holds entities of:
    /// the batches' cached entities are stale, and none is saved.
    corrected: bool,
    /// A correction finding the corpus's entities again, while it runs.
    correction: Option<JoinHandle<()>>,
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
    /// Glue for a load running on `loader`, its entities found by `annotator`.
    pub(super) fn new(
        loader: JoinHandle<Option<CacheUpdate>>,
        annotator: Annotator,
        tx: Sender<super::run::Event>,
    ) -> Live {
        Live {
            pending: Vec::new(),
            deferred: Vec::new(),
            last_flush: Instant::now(),
            loader: Some(loader),
            filter: None,
            entities: None,
            recognizer: false,
            annotator,
            corrected: false,
            correction: None,
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
    /// [`Live::flush`]), starts the filter worker with a new engine, and takes
    /// a correction's recognizer; other messages go on to `update`.
    pub(super) fn receive(&mut self, msg: Msg, state: &AppState) -> Option<Msg> {
        match msg {
            Msg::Batch { mut docs, keys } if self.corrected => {
                // Found by the recognizer before the correction: found again by the worker.
                for doc in &mut docs {
                    doc.entities.take();
                }
                self.pending.push(Msg::Batch { docs, keys });
            }
            Msg::Batch { .. } | Msg::LoadDone => self.pending.push(msg),
            // `state.loading` turns false when the load's end is applied.
            Msg::Reloaded(_) if state.loading => self.deferred.push(msg),
            Msg::Reloaded(_) => self.pending.push(msg),
            Msg::Engine { version, searcher } => {
                self.building = None;
                if version == state.version && !self.due(state) {
                    self.filter = Some(FilterWorker::spawn(searcher.clone(), self.notify()));
                    return Some(Msg::Engine { version, searcher });
                }
            }
            Msg::Corrected { version, docs, searcher, annotator, note } => {
                // `update` takes the same answer, for the same version: the
                // workers start again over the corrected documents, and the
                // corrected recognizer finds the entities of the documents to come.
                if version == state.version {
                    self.annotator = annotator.clone();
                    self.corrected = true;
                    if let Some((update, _)) = &mut self.cache {
                        update.forget_entities();
                    }
                    self.entities = None;
                    self.filter =
                        (!self.due(state)).then(|| FilterWorker::spawn(searcher.clone(), self.notify()));
                }
                return Some(Msg::Corrected { version, docs, searcher, annotator, note });
            }
            Msg::Annotating { done, total } => {
                self.save_due |= done == total && total == state.docs.len() && !state.loading;
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
        // A correction holds the documents until it ends (the workers go on
        // meanwhile); its answer, sent before it ends, comes on the next turn and
        // is applied before the changes, which then go on top of it.
        if let Some(correction) = self.correction.take() {
            if !correction.is_finished() {
                self.correction = Some(correction);
            }
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
            let loaded: usize = msgs[..end]
                .iter()
                .map(|m| if let Msg::Batch { docs, .. } = m { docs.len() } else { 0 })
                .sum();
            let mut update = self.loader.take().and_then(|l| l.join().ok().flatten());
            if let Some(update) = update.as_mut().filter(|_| self.corrected) {
                update.forget_entities();
            }
            self.cache = update.map(|u| (u, state.docs.len() + loaded));
            msgs.append(&mut self.deferred);
        }
        msgs
    }

    /// Starts what reads the documents again when it is missing: the entity
    /// worker (the open article first), an engine when a filter or the end of
    /// the load wants one, and the cache's save once every entity is known.
    pub(super) fn restart(&mut self, state: &AppState) {
        if self.due(state) || state.docs.is_empty() {
            return;
        }
        if self.entities.is_none() && self.recognizer {
            let docs = state.docs.clone();
            self.entities =
                Some(EntityWorker::spawn(docs, self.annotator.clone(), state.reader.doc, self.notify()));
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

    /// Makes `correction` in the dictionary at `path` (none: reads it again) and
    /// finds the entities of the documents again with it, off the UI thread
    /// (answer: [`Msg::Corrected`] for the current corpus version).
    pub(super) fn correct(&mut self, state: &AppState, path: Option<&Path>, correction: Option<Correction>) {
        let docs = state.docs.clone();
        let path = path.map(Path::to_path_buf);
        self.correction = corrections::spawn(path, correction, docs, state.version, self.notify());
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

    /// At the end of the session: stops the workers and, when `save` is set,
    /// saves the parse cache with what is known (documents, and the entities
    /// computed so far), so that the next start is fast even when this one was
    /// short. A save already under way is always waited for, as an interrupted
    /// one would leave its temporary file behind.
    pub(super) fn finish(mut self, docs: &[crate::corpus::Document], save: bool) -> Option<String> {
        self.filter = None;
        self.entities = None;
        let pending = self.cache.take().filter(|_| save);
        // A big corpus takes seconds to write: the shell is back, say why it waits.
        let saving = self.saver.as_ref().is_some_and(|s| !s.is_finished());
        if (saving || pending.is_some()) && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("kiosque: saving the parse cache…");
        }
        if let Some(saver) = self.saver.take() {
            let _ = saver.join();
        }
        let (update, len) = pending?;
        update.save(&docs[..len.min(docs.len())]).err().map(|e| format!("parse cache not written: {e}"))
    }
}

/// Whether the filter bar holds (or shows the results of) a query: then the
/// engine is needed even while loading.
fn filtering(state: &AppState) -> bool {
    !field_text(&state.filter.input).trim().is_empty() || !state.filter.applied.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{self, Receiver};

    use super::*;
    use crate::app::keymap::Keymap;
    use crate::app::run::Event;
    use crate::app::update::update;
    use crate::corpus::{Document, parse_article};
    use crate::entities::{EntityKind, Mention};
    use crate::review::key_of;

    /// A recognizer that finds one name, `name`, at the start of every text.
    fn finding(name: &'static str) -> Annotator {
        Arc::new(move |text: &str| vec![Mention::new(text, 0, 1, EntityKind::Per, name)])
    }

    fn batch(docs: Vec<Document>) -> Msg {
        let keys = docs.iter().map(key_of).collect();
        Msg::Batch { docs, keys }
    }

    /// Lets the loop's glue receive `msg`, then applies what it passes on.
    fn receive(live: &mut Live, state: &mut AppState, msg: Msg) {
        if let Some(msg) = live.receive(msg, state) {
            update(state, msg);
        }
    }

    /// Turns of the loop, as `run::event_loop` makes them (the workers'
    /// messages, the changes, the workers started again), until every
    /// change is applied and every document annotated.
    fn settle(live: &mut Live, state: &mut AppState, rx: &Receiver<Event>) {
        let start = Instant::now();
        while live.waiting() || state.docs.iter().any(|d| d.entities.get().is_none()) {
            assert!(start.elapsed() < Duration::from_secs(20), "the loop is stuck");
            for ev in rx.recv_timeout(FLUSH_EVERY).into_iter().chain(rx.try_iter()) {
                if let Event::App(msg) = ev {
                    receive(live, state, msg);
                }
            }
            for msg in live.flush(state) {
                update(state, msg);
            }
            live.restart(state);
        }
    }

    fn names(doc: &Document) -> Vec<&str> {
        doc.entities.get().map(|m| m.iter().map(|m| m.canonical(&doc.text)).collect()).unwrap_or_default()
    }

    /// The glue and the state after a load of one article, annotated by `finding("Before")`.
    fn loaded_one() -> (Live, AppState, Receiver<Event>) {
        let (tx, rx) = mpsc::channel();
        let mut live = Live::new(std::thread::spawn(|| None), finding("Before"), tx);
        live.recognizer_ready();
        let mut state = AppState::new(Keymap::default(), 120, 20);
        receive(&mut live, &mut state, batch(vec![parse_article("a.txt", "Alpha\n\nOne.\n".into())]));
        receive(&mut live, &mut state, Msg::LoadDone);
        settle(&mut live, &mut state, &rx);
        (live, state, rx)
    }

    #[test]
    fn after_a_correction_the_documents_to_come_are_annotated_by_the_corrected_recognizer() {
        let (mut live, mut state, rx) = loaded_one();
        assert_eq!(names(&state.docs[0]), ["Before"]);

        // The correction's answer, for the corpus as it is.
        let docs: Vec<Document> = state.docs.iter().map(Document::without_entities).collect();
        docs[0].entities.set(finding("After")("")).unwrap();
        let docs = Arc::new(docs);
        let searcher = search::engine(docs.clone());
        let (version, note) = (state.version, String::new());
        let corrected = Msg::Corrected { version, docs, searcher, annotator: finding("After"), note };
        receive(&mut live, &mut state, corrected);
        assert_eq!(names(&state.docs[0]), ["After"]);

        // A file added on disk, and a batch whose entities came from the cache
        // (found before the correction): both found again by the corrected recognizer.
        let cached = parse_article("b.txt", "Bravo\n\nTwo.\n".into());
        cached.entities.set(finding("Before")("")).unwrap();
        receive(&mut live, &mut state, batch(vec![cached]));
        let file = parse_article("c.txt", "Charlie\n\nThree.\n".into());
        let keys = vec![key_of(&file)];
        let change = crate::app::update::FileChange::Changed { path: "c.txt".into(), docs: vec![file], keys };
        receive(&mut live, &mut state, Msg::Reloaded(vec![change]));
        settle(&mut live, &mut state, &rx);
        let found: Vec<_> = state.docs.iter().map(names).collect();
        assert_eq!(found, [["After"]; 3]);
    }

    #[test]
    fn an_answer_for_documents_changed_since_leaves_them_and_the_recognizer_alone() {
        let (mut live, mut state, rx) = loaded_one();
        let stale = state.version - 1;
        let docs = Arc::new(Vec::new());
        let searcher = search::engine(docs.clone());
        let corrected = Msg::Corrected {
            version: stale,
            docs,
            searcher,
            annotator: finding("After"),
            note: String::new(),
        };
        receive(&mut live, &mut state, corrected);
        assert_eq!(state.docs.len(), 1, "the older answer is not swapped in");
        let file = parse_article("b.txt", "Bravo\n\nTwo.\n".into());
        let keys = vec![key_of(&file)];
        let change = crate::app::update::FileChange::Changed { path: "b.txt".into(), docs: vec![file], keys };
        receive(&mut live, &mut state, Msg::Reloaded(vec![change]));
        settle(&mut live, &mut state, &rx);
        assert_eq!(names(&state.docs[1]), ["Before"], "nor its recognizer taken");
    }
}
