//! Background threads: loading, watching, filtering, entity recognition. The UI thread
//! never waits on them; their results come back as messages.

pub mod corrections;
pub mod entities;
pub mod filter;
pub mod loader;
pub mod watcher;

use std::sync::{Condvar, Mutex, PoisonError};

use super::update::Msg;

/// How a worker hands a result to the UI loop; `false` once the loop is gone.
pub type Notify = Box<dyn Fn(Msg) -> bool + Send>;

/// A one-place mailbox: a newer request replaces one not yet started, so a
/// worker only ever starts the latest (the filter's keystrokes).
pub struct Slot<T> {
    state: Mutex<(Option<T>, bool)>,
    ready: Condvar,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot { state: Mutex::new((None, false)), ready: Condvar::new() }
    }
}

impl<T> Slot<T> {
    /// Leaves `job`, dropping any request still waiting.
    pub fn put(&self, job: T) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.0 = Some(job);
        self.ready.notify_one();
    }

    /// Waits for a request; `None` once closed.
    pub fn take(&self) -> Option<T> {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(job) = s.0.take() {
                return Some(job);
            }
            if s.1 {
                return None;
            }
            s = self.ready.wait(s).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// No more requests: `take` returns `None` once the slot is empty.
    pub fn close(&self) {
        let mut s = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        s.1 = true;
        self.ready.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::Slot;

    #[test]
    fn a_newer_request_replaces_a_waiting_one() {
        let slot = Slot::default();
        slot.put(1);
        slot.put(2);
        slot.close();
        assert_eq!(slot.take(), Some(2));
        assert_eq!(slot.take(), None);
    }

    #[test]
    fn take_waits_for_a_request() {
        let slot = std::sync::Arc::new(Slot::default());
        let s2 = slot.clone();
        let t = std::thread::spawn(move || s2.take());
        slot.put("job");
        assert_eq!(t.join().unwrap(), Some("job"));
    }
}
