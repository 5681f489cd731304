//! The filter worker: runs the latest search only; a newer keystroke cancels the
//! running one, and results carry their generation so stale ones are dropped.

use std::sync::Arc;
use std::thread::JoinHandle;

use super::{Notify, Slot};
use crate::app::search::{Cancel, Searcher};
use crate::app::update::Msg;

/// One search request.
struct Job {
    generation: u64,
    query: String,
    cancel: Cancel,
    /// A warm-up: its result is not wanted.
    quiet: bool,
}

/// How many of the best matches come first, before the whole ranked list: more
/// than any screen shows, few enough to skip ranking the rest (at a million
/// articles, ranking everything costs several keystrokes' time).
pub const FIRST_SCREEN: usize = 200;

/// Runs one job: the first screenful, then (when there is more) the whole list.
/// `false` when nobody listens any more.
fn answer(searcher: &dyn Searcher, job: &Job, notify: &Notify) -> bool {
    let send = |result, complete| {
        let (generation, query) = (job.generation, job.query.clone());
        notify(Msg::Filtered { generation, query, result, complete })
    };
    if job.quiet {
        let _ = searcher.search(&job.query, &job.cancel);
        return true;
    }
    let Some(first) = searcher.search_top(&job.query, FIRST_SCREEN, &job.cancel) else { return true };
    let whole = first.as_ref().map_or(true, |f| f.hits.len() == f.total_matched);
    if whole {
        return send(first, true);
    }
    if !send(first, false) {
        return false;
    }
    searcher.search(&job.query, &job.cancel).is_none_or(|rest| send(rest, true))
}

/// Handle to the filter thread.
pub struct FilterWorker {
    slot: Arc<Slot<Job>>,
    /// The family of cancellation tokens: each new token cancels the previous search.
    cancel: Cancel,
    thread: Option<JoinHandle<()>>,
}

impl FilterWorker {
    /// Starts the thread searching with `searcher`; results go to `notify`.
    #[must_use]
    pub fn spawn(searcher: Arc<dyn Searcher>, notify: Notify) -> FilterWorker {
        let slot: Arc<Slot<Job>> = Arc::default();
        let inbox = slot.clone();
        let thread = std::thread::Builder::new()
            .name("kiosque-filter".into())
            .spawn(move || {
                while let Some(job) = inbox.take() {
                    if !answer(searcher.as_ref(), &job, &notify) {
                        return;
                    }
                }
            })
            .ok();
        FilterWorker { slot, cancel: Cancel::new(), thread }
    }

    /// Asks for `query`, cancelling whatever search is running or waiting.
    pub fn submit(&self, generation: u64, query: String) {
        self.slot.put(Job { generation, query, cancel: self.cancel.next(), quiet: false });
    }

    /// Runs an empty search whose result nobody reads, so that the engine takes
    /// in new entities now; only call it while no search is wanted (it cancels one).
    pub fn warm(&self) {
        self.slot.put(Job { generation: 0, query: String::new(), cancel: self.cancel.next(), quiet: true });
    }
}

impl Drop for FilterWorker {
    fn drop(&mut self) {
        self.cancel.cancel();
        self.slot.close();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::app::search::{Found, Highlights, View, ViewStatus};

    /// A searcher that spins on the query "slow" until cancelled, answers "many"
    /// with more than a screenful, and any other query with the query's length
    /// as its only hit.
    struct Gated;

    impl Searcher for Gated {
        fn search(&self, query: &str, cancel: &Cancel) -> Option<Result<Found, String>> {
            if query == "slow" {
                while !cancel.is_cancelled() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                return None;
            }
            if query == "many" {
                let hits: Vec<usize> = (0..FIRST_SCREEN + 50).collect();
                return Some(Ok(Found { total_matched: hits.len(), hits }));
            }
            Some(Ok(Found { hits: vec![query.len()], total_matched: 1 }))
        }

        fn highlights(&self, _doc: usize, _query: &str) -> Highlights {
            Highlights::default()
        }

        fn view_status(&self, _view: &View, _cancel: &Cancel) -> Option<ViewStatus> {
            None
        }
    }

    #[test]
    fn a_newer_request_cancels_the_running_one() {
        let (tx, rx) = mpsc::channel();
        let worker = FilterWorker::spawn(Arc::new(Gated), Box::new(move |m| tx.send(m).is_ok()));
        worker.submit(1, "slow".into());
        std::thread::sleep(Duration::from_millis(20));
        worker.submit(2, "abc".into());
        let Ok(Msg::Filtered { generation, result, .. }) = rx.recv_timeout(Duration::from_secs(10)) else {
            panic!("no result");
        };
        assert_eq!(generation, 2);
        assert_eq!(result.unwrap().hits, vec![3]);
        drop(worker);
        assert!(rx.try_recv().is_err(), "the cancelled search sent nothing");
    }

    #[test]
    fn a_warm_up_sends_nothing_back() {
        let (tx, rx) = mpsc::channel();
        let worker = FilterWorker::spawn(Arc::new(Gated), Box::new(move |m| tx.send(m).is_ok()));
        worker.warm();
        worker.submit(5, "ab".into());
        let Ok(Msg::Filtered { generation, .. }) = rx.recv_timeout(Duration::from_secs(10)) else {
            panic!("no result");
        };
        assert_eq!(generation, 5);
        drop(worker);
        assert!(rx.try_recv().is_err(), "the warm-up answered nobody");
    }

    #[test]
    fn a_big_result_comes_as_a_screenful_then_whole() {
        let (tx, rx) = mpsc::channel();
        let worker = FilterWorker::spawn(Arc::new(Gated), Box::new(move |m| tx.send(m).is_ok()));
        worker.submit(7, "many".into());
        let mut answers = Vec::new();
        for _ in 0..2 {
            let Ok(Msg::Filtered { generation, result, complete, .. }) =
                rx.recv_timeout(Duration::from_secs(10))
            else {
                panic!("no result");
            };
            let found = result.unwrap();
            answers.push((generation, complete, found.hits.len(), found.total_matched));
        }
        let total = FIRST_SCREEN + 50;
        assert_eq!(answers, [(7, false, FIRST_SCREEN, total), (7, true, total, total)]);
        // A result that fits a screen comes once, complete.
        worker.submit(8, "ab".into());
        let Ok(Msg::Filtered { complete, .. }) = rx.recv_timeout(Duration::from_secs(10)) else {
            panic!("no result");
        };
        assert!(complete);
        drop(worker);
        assert!(rx.try_recv().is_err(), "nothing more");
    }
}
