//! The entity worker: finds the mentions of the open article first (asked for by
//! index), then of every other document in the background, filling each
//! document's `entities` once. The reader draws whatever is there already.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender, TryRecvError};

use super::Notify;
use crate::app::update::Msg;
use crate::corpus::Document;
use crate::entities::Mention;

/// Finds the mentions in a document's text (the recognizer, with the user's
/// dictionary when there is one).
pub type Annotator = Arc<dyn Fn(&str) -> Vec<Mention> + Send + Sync>;

/// How often the background pass reports its progress (in documents).
const PROGRESS_EVERY: usize = 256;

/// Handle to the entity thread; dropping it stops the thread after its current document.
/// Progress of the background pass comes as [`Msg::Annotating`].
pub struct EntityWorker {
    urgent: Sender<usize>,
}

impl EntityWorker {
    /// Starts annotating `docs` with `annotate`; `notify` hears of each document asked for.
    #[must_use]
    pub fn spawn(docs: Arc<Vec<Document>>, annotate: Annotator, notify: Notify) -> EntityWorker {
        let (urgent, inbox) = mpsc::channel::<usize>();
        let _ = std::thread::Builder::new().name("kiosque-entities".into()).spawn(move || {
            let ensure = |d: usize| {
                if let Some(doc) = docs.get(d) {
                    doc.entities.get_or_init(|| annotate(&doc.text));
                }
            };
            let total = docs.len();
            if !notify(Msg::Annotating { done: 0, total }) {
                return;
            }
            let mut next = 0;
            loop {
                let asked = if next < docs.len() {
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
                        ensure(d);
                        if !notify(Msg::Annotated(d)) {
                            return;
                        }
                    }
                    None => {
                        ensure(next);
                        next += 1;
                        if (next % PROGRESS_EVERY == 0 || next == total)
                            && !notify(Msg::Annotating { done: next, total })
                        {
                            return;
                        }
                    }
                }
            }
        });
        EntityWorker { urgent }
    }

    /// Annotates `doc` before the others.
    pub fn prioritise(&self, doc: usize) {
        let _ = self.urgent.send(doc);
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
        let worker =
            EntityWorker::spawn(docs.clone(), Arc::new(first_word), Box::new(move |m| tx.send(m).is_ok()));
        worker.prioritise(42);
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
}
