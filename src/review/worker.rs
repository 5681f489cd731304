//! A thread that owns the [`Store`], so that the UI thread never waits on the disk.
//!
//! The UI sends [`Request`]s; each [`Reply`] goes to a callback the UI provides
//! (typically one that forwards it into the UI's own message channel). An action's
//! reply carries the states read back after the commit, so the UI shows what is on
//! disk. The worker also polls for other instances' commits and says so.
//! Dropping the [`Worker`] finishes the queued requests before the thread ends, so
//! an action sent before quitting is still committed.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{Action, ArticleKey, ArticleMeta, ReviewError, States, Store, Undone};

/// What the UI asks of the review worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Apply an action to these articles (one transaction).
    Apply {
        /// The articles.
        articles: Vec<ArticleMeta>,
        /// The action.
        action: Action,
    },
    /// Undo this instance's last action.
    Undo,
    /// Read the states of these articles.
    Load(Vec<ArticleKey>),
    /// Read every label in use.
    Labels,
}

/// What the review worker answers.
#[derive(Debug)]
pub enum Reply {
    /// An action was committed (then `states` holds the articles' states as now
    /// stored) or refused.
    Applied {
        /// The action.
        action: Action,
        /// The states after the commit, or why nothing was written.
        states: Result<States, ReviewError>,
    },
    /// The undo's outcome, with the restored states of the articles it touched.
    Undone(Result<Option<(Undone, States)>, ReviewError>),
    /// The states asked for by [`Request::Load`].
    States(Result<States, ReviewError>),
    /// The labels asked for by [`Request::Labels`].
    Labels(Result<Vec<String>, ReviewError>),
    /// Another instance committed changes: reload the states shown.
    ChangedElsewhere,
}

/// The handle the UI owns: a queue into the thread that owns the store.
#[derive(Debug)]
pub struct Worker {
    requests: Option<Sender<Request>>,
    thread: Option<JoinHandle<()>>,
    read_only: bool,
}

impl Worker {
    /// Starts the thread; `notify` receives every reply, and a
    /// [`Reply::ChangedElsewhere`] at most once per `poll` interval when another
    /// instance committed.
    #[must_use]
    pub fn spawn(mut store: Store, poll: Duration, notify: impl Fn(Reply) + Send + 'static) -> Self {
        let read_only = store.is_read_only();
        let (tx, rx) = mpsc::channel::<Request>();
        let thread = std::thread::spawn(move || {
            loop {
                match rx.recv_timeout(poll) {
                    Ok(request) => notify(handle(&mut store, request)),
                    Err(RecvTimeoutError::Timeout) => {
                        if store.changed_since_last_check().unwrap_or(false) {
                            notify(Reply::ChangedElsewhere);
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        });
        Self { requests: Some(tx), thread: Some(thread), read_only }
    }

    /// Queues a request; `false` if the worker thread is gone (it panicked).
    pub fn send(&self, request: Request) -> bool {
        self.requests.as_ref().is_some_and(|tx| tx.send(request).is_ok())
    }

    /// Whether the store is read-only (every action will be refused).
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the queue lets the thread finish what is queued, then end.
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn handle(store: &mut Store, request: Request) -> Reply {
    match request {
        Request::Apply { articles, action } => {
            let keys: Vec<ArticleKey> = articles.iter().map(|a| a.key.clone()).collect();
            let states = store.apply(&articles, &action).and_then(|()| store.states(&keys));
            Reply::Applied { action, states }
        }
        Request::Undo => {
            Reply::Undone(store.undo().and_then(|undone| {
                undone.map(|u| store.states(&u.keys).map(|states| (u, states))).transpose()
            }))
        }
        Request::Load(keys) => Reply::States(store.states(&keys)),
        Request::Labels => Reply::Labels(store.labels()),
    }
}
