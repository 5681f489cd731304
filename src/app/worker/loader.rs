//! The loader: reads the corpus and builds the filter engine off the UI thread,
//! so the screen comes up at once with a spinner.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use super::Notify;
use crate::app::search::Searcher;
use crate::app::update::Msg;
use crate::corpus::{self, Document, Warning};

/// What to read.
#[derive(Debug)]
pub enum Source {
    /// Documents already in memory (the demo corpus, or loaded under `--strict`).
    Docs(Vec<Document>),
    /// Files and directories to load.
    Paths(Vec<PathBuf>),
}

/// Builds the filter engine over a corpus.
pub type EngineBuilder = fn(Arc<Vec<Document>>) -> Arc<dyn Searcher>;

/// Starts loading; the thread ends with the loading warnings.
#[must_use]
pub fn spawn(source: Source, engine: EngineBuilder, notify: Notify) -> JoinHandle<Vec<Warning>> {
    std::thread::spawn(move || {
        let (docs, warnings) = match source {
            Source::Docs(docs) => (docs, Vec::new()),
            Source::Paths(paths) => {
                let loaded = corpus::load_paths(&paths);
                (loaded.docs, loaded.warnings)
            }
        };
        let docs = Arc::new(docs);
        let searcher = engine(docs.clone());
        notify(Msg::Loaded { docs, searcher, warnings: warnings.len() });
        warnings
    })
}
