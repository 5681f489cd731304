//! The entity worker: finds the mentions of the open article first (asked for by
//! index), then of every other document in the background, a chunk at a time
//! across rayon's threads, filling each document's `entities` once. Documents
//! whose entities came from the cache are skipped. The reader draws whatever is
//! there already.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use rayon::prelude::*;

use super::Notify;
use crate::app::update::Msg;
use crate::corpus::Document;
use crate::entities::Mention;

/// Finds the mentions in a document's text (the recognizer, with the user's
/// dictionary when there is one).
pub type Annotator = Arc<dyn Fn(&str) -> Vec<Mention> + Send + Sync>;

/// How often the background pass reports its progress (in documents).
const PROGRESS_EVERY: usize = 256;
/// Documents annotated in parallel between two looks at the urgent requests
/// (and at the stop flag): small, so that the open article and a stop wait
/// for a few milliseconds at most.
const CHUNK: usize = 32;

/// Handle to the entity thread. Dropping it stops the thread after its current
/// chunk, which then lets go of the documents.
/// Progress of the background pass comes as [`Msg::Annotating`].
pub struct EntityWorker {
    urgent: Option<Sender<usize>>,
    stop: Arc<AtomicBool>,
}

impl EntityWorker {
    /// Starts annotating `docs` with `annotate`, `first` before any other;
    /// `notify` hears of each document asked for.
    #[must_use]
    pub fn spawn(
        docs: Arc<Vec<Document>>,
        annotate: Annotator,
        first: Option<usize>,
        notify: Notify,
    ) -> EntityWorker {
        let (urgent, inbox) = mpsc::channel::<usize>();
        if let Some(d) = first {
            let _ = urgent.send(d);
        }
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let _ = std::thread::Builder::new()
            .name("kiosque-entities".into())
            .spawn(move || pass(&docs, &annotate, &inbox, &stopped, &notify));
        EntityWorker { urgent: Some(urgent), stop }
    }

    /// Annotates `doc` before the others.
    pub fn prioritise(&self, doc: usize) {
        if let Some(urgent) = &self.urgent {
            let _ = urgent.send(doc);
        }
    }
}

impl Drop for EntityWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread if it waits for a request. It is not waited for (the
        // first document may be building the recognizer): it lets go of the
        // documents once its current chunk is done.
        self.urgent = None;
    }
}

/// The thread: urgent documents as they are asked for, else the next chunk of
/// the background pass; returns when stopped or when the loop is gone.
fn pass(
    docs: &[Document],
    annotate: &Annotator,
    inbox: &Receiver<usize>,
    stop: &AtomicBool,
    notify: &Notify,
) {
    let total = docs.len();
    let mut done = docs.iter().filter(|d| d.entities.get().is_some()).count();
    if !notify(Msg::Annotating { done, total }) {
        return;
    }
    let mut next = 0;
    loop {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let asked = if next < total {
            match inbox.try_recv() {
                Ok(d) => Some(d),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match inbox.recv() {
                Ok(d) => Some(d),
                Err(_) => return,
            }
        };
        match asked {
            Some(d) => {
                if let Some(doc) = docs.get(d) {
                    let mut fresh = false;
                    doc.entities.get_or_init(|| {
                        fresh = true;
                        annotate(&doc.text)
                    });
                    done += usize::from(fresh);
                }
                if !notify(Msg::Annotated(d)) {
                    return;
                }
            }
            None => {
                let end = (next + CHUNK).min(total);
                done += docs[next..end]
                    .par_iter()
                    .filter(|d| {
                        let mut fresh = false;
                        d.entities.get_or_init(|| {
                            fresh = true;
                            annotate(&d.text)
                        });
                        fresh
                    })
                    .count();
                let before = next;
                next = end;
                let report = next / PROGRESS_EVERY != before / PROGRESS_EVERY || next == total;
                if report && !notify(Msg::Annotating { done: done.min(total), total }) {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::entities::EntityKind;

    fn first_word(text: &str) -> Vec<Mention> {
        let end = text.find(' ').unwrap_or(text.len());
        vec![Mention::new(text, 0, end, EntityKind::Per, &text[..end])]
    }

    #[test]
    fn the_asked_document_is_annotated_and_announced() {
        let docs: Vec<_> = (0..50)
            .map(|i| crate::corpus::parse_article(format!("{i}.txt"), format!("Doc{i} title\n\nBody {i}.\n")))
            .collect();
        let docs = Arc::new(docs);
        let (tx, rx) = mpsc::channel();
        let _worker = EntityWorker::spawn(
            docs.clone(),
            Arc::new(first_word),
            Some(42),
            Box::new(move |m| tx.send(m).is_ok()),
        );
        let mut announced = false;
        let mut finished = false;
        while !(announced && finished) {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(Msg::Annotated(42)) => announced = true,
                Ok(Msg::Annotating { done, total }) => {
                    assert!(done <= total && total == 50);
                    finished = done == total;
                }
                _ => panic!("unexpected or no message"),
            }
        }
        assert_eq!(docs[42].entities.get().unwrap()[0].canonical(&docs[42].text), "Doc42");
        assert!(docs.iter().all(|d| d.entities.get().is_some()), "the background pass covers every document");
    }

    #[test]
    fn a_dropped_worker_lets_go_of_the_documents_and_a_new_one_skips_those_done() {
        let docs: Vec<_> = (0..40)
            .map(|i| crate::corpus::parse_article(format!("{i}.txt"), format!("D{i} t\n\nB.\n")))
            .collect();
        docs[7].entities.set(Vec::new()).unwrap();
        let docs = Arc::new(docs);
        let (tx, rx) = mpsc::channel();
        let worker = EntityWorker::spawn(
            docs.clone(),
            Arc::new(first_word),
            None,
            Box::new(move |m| tx.send(m).is_ok()),
        );
        let Ok(Msg::Annotating { done, total }) = rx.recv_timeout(Duration::from_secs(10)) else {
            panic!("no progress");
        };
        assert_eq!((done, total), (1, 40), "a document whose entities came from the cache counts as done");
        drop(worker);
        let start = std::time::Instant::now();
        while Arc::strong_count(&docs) > 1 {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "the stopped worker still holds the documents"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(docs[7].entities.get().unwrap().is_empty(), "never computed again");
    }
}
