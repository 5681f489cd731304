//! The lists one document's recognition fills (gazetteer hits, words, covered words,
//! candidates), kept per thread and filled again for the next document: a worker
//! annotating a corpus reads thousands of documents one after another, and
//! allocating, growing and freeing these lists for each cost more than a twentieth
//! of the recognizer's time.

use std::cell::RefCell;

use super::gazetteer::Hit;
use super::names::Cover;
use super::resolve::Candidate;
use super::tokens::Tokens;

/// The per-document lists, empty between documents.
#[derive(Default)]
pub(crate) struct Workspace {
    pub hits: Vec<Hit>,
    pub tokens: Tokens,
    pub cover: Cover,
    pub candidates: Vec<Candidate>,
}

/// A text longer than this does not keep its lists for the next document: one very
/// large document must not hold tens of megabytes per thread for the rest of the run.
const KEEP_UP_TO: usize = 1 << 18;

thread_local! {
    static WORKSPACE: RefCell<Workspace> = RefCell::new(Workspace::default());
}

/// Runs `f` with this thread's workspace, for a text of `len` bytes; with a fresh one
/// when the thread's is in use (a recognizer called from inside another's call).
pub(crate) fn with<R>(len: usize, f: impl FnOnce(&mut Workspace) -> R) -> R {
    WORKSPACE.with(|cell| match cell.try_borrow_mut() {
        Ok(mut ws) => {
            let out = f(&mut ws);
            if len > KEEP_UP_TO {
                *ws = Workspace::default();
            }
            out
        }
        Err(_) => f(&mut Workspace::default()),
    })
}
