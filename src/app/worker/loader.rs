//! The loader: streams the corpus in off the UI thread (`corpus::stream`), so
//! that the screen comes up at once and the list fills as batches arrive. Each
//! batch comes with its documents' review keys, hashed here rather than on the
//! UI thread.

use std::path::PathBuf;
use std::thread::JoinHandle;

use rayon::prelude::*;

use super::{Notify, watcher};
use crate::app::update::Msg;
use crate::corpus::{self, CacheUpdate, Document, LoadEvent, LoadOptions, Watch};
use crate::review;

/// What to read.
#[derive(Debug)]
pub enum Source {
    /// The demo corpus, built into the binary: nothing to watch.
    Demo(Vec<Document>),
    /// Documents loaded before the screen came up (under `--strict`, so that a
    /// warning stops kiosque first), with the watch of their files, started
    /// before that load so that no change made after it goes unseen.
    Loaded {
        /// The documents, in load order.
        docs: Vec<Document>,
        /// Their files' watch ([`watcher::watch`]), or why there is none.
        watch: notify::Result<Watch>,
    },
    /// Files and directories to load, and watch for changes.
    Paths {
        /// As given on the command line.
        paths: Vec<PathBuf>,
        /// The parse cache and the recognizer's key (no cache under `--no-cache`).
        options: LoadOptions,
    },
}

/// Starts loading. Files are watched first (`watch` hears of the changes), so
/// that none made after they are listed goes unseen. Sends [`Msg::Warning`],
/// [`Msg::Batch`] and [`Msg::Progress`] as they come, then [`Msg::LoadDone`];
/// the thread ends with the cache update to save once entities are computed
/// (none without a cache). Stops early when the loop is gone (dropping the
/// stream stops the load).
#[must_use]
pub fn spawn(source: Source, notify: Notify, watch: Notify) -> JoinHandle<Option<CacheUpdate>> {
    std::thread::spawn(move || match source {
        Source::Demo(docs) => deliver(docs, &notify),
        Source::Loaded { docs, watch: files } => {
            watcher::follow(files, watch);
            deliver(docs, &notify)
        }
        Source::Paths { paths, options } => {
            watcher::follow(watcher::watch(&paths), watch);
            for event in corpus::stream(&paths, options) {
                let sent = match event {
                    LoadEvent::Warning(w) => notify(Msg::Warning(w)),
                    LoadEvent::Batch(docs) => notify(batch(docs)),
                    LoadEvent::Progress { done, total } => notify(Msg::Progress { done, total }),
                    LoadEvent::Done(update) => return notify(Msg::LoadDone).then_some(update).flatten(),
                };
                if !sent {
                    return None;
                }
            }
            None
        }
    })
}

/// Sends documents already in memory as one batch, then the end of the load.
fn deliver(docs: Vec<Document>, notify: &Notify) -> Option<CacheUpdate> {
    let _ = notify(batch(docs)) && notify(Msg::LoadDone);
    None
}

/// The message for newly read documents, with their review keys.
#[must_use]
pub fn batch(docs: Vec<Document>) -> Msg {
    let keys = docs.par_iter().map(review::key_of).collect();
    Msg::Batch { docs, keys }
}
