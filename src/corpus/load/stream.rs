//! Streaming load: documents arrive in ordered batches while the rest is still
//! being read, so that a reader can draw its first frame long before a big
//! corpus has loaded, and a subcommand can show progress.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use rayon::prelude::*;

use super::{Input, Loaded, Outcome, Source, plan, read_input, read_stdin};
use crate::corpus::cache::{Cache, CacheUpdate, Hit, Session};
use crate::corpus::{Document, Warning};

/// The first batch is small so that the first documents show at once; later
/// ones grow so that the per-batch cost (a channel send, a UI refresh) stays
/// negligible next to parsing.
const FIRST_BATCH: usize = 64;
/// The largest batch, in inputs (files).
const MAX_BATCH: usize = 4096;

/// What a streaming load reports, in this order: the warnings met while listing
/// the inputs, `Progress { done: 0, .. }`, then per batch its warnings, the batch
/// and the progress, and finally `Done`.
#[derive(Debug)]
pub enum LoadEvent {
    /// A problem with one input (the rest still loads).
    Warning(Warning),
    /// The next documents, in the order of the arguments (a directory's files by path).
    Batch(Vec<Document>),
    /// How many inputs (files, standard input) were read out of how many.
    Progress {
        /// Inputs read so far.
        done: usize,
        /// Inputs listed.
        total: usize,
    },
    /// Loading is over. With a cache, the update to save once entities are
    /// computed ([`CacheUpdate::save`] with every document of the batches, in order).
    Done(Option<CacheUpdate>),
}

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The parse cache to read and, through [`LoadEvent::Done`], to update;
    /// `None` reads every file (`--no-cache`).
    pub cache: Option<Cache>,
    /// The key of the recognizer whose entities the caller wants
    /// ([`crate::corpus::cache::entities_key`]): cached entities are restored
    /// only when they were computed with the same one. `None` restores none and
    /// saves none.
    pub entities: Option<u64>,
}

/// Loads `paths` (`-` is standard input) on a background thread, parsing in
/// parallel, and sends what happens on the returned channel. Dropping the
/// receiver stops the load at the next batch.
#[must_use]
pub fn stream(paths: &[PathBuf], options: LoadOptions) -> Receiver<LoadEvent> {
    let (tx, rx) = mpsc::channel();
    let paths = paths.to_vec();
    thread::spawn(move || run(&paths, &options, &mut |event| tx.send(event).is_ok()));
    rx
}

/// The same load as [`stream`], run on the calling thread and gathered into one
/// [`Loaded`], calling `progress(done, total)` as it goes: for callers that wait
/// for every document anyway (subcommands). What the cache restores is then
/// allocated by the thread that keeps it, which is cheaper than a loader
/// thread's (glibc grows a thread's arena a page at a time, with a system call
/// each, and the main thread's by 128 KB).
pub fn load(
    paths: &[PathBuf],
    options: &LoadOptions,
    mut progress: impl FnMut(usize, usize),
) -> (Loaded, Option<CacheUpdate>) {
    let (mut loaded, mut update) = (Loaded::default(), None);
    run(paths, options, &mut |event| {
        match event {
            LoadEvent::Batch(docs) => loaded.docs.extend(docs),
            LoadEvent::Warning(w) => loaded.warnings.push(w),
            LoadEvent::Progress { done, total } => {
                if done == 0 {
                    // A file is one document, most often: room for them all at once
                    // rather than by doubling, which would hold up to twice their size.
                    loaded.docs.reserve_exact(total);
                }
                progress(done, total);
            }
            LoadEvent::Done(u) => update = u,
        }
        true
    });
    (loaded, update)
}

/// The load, sending its events to `send`; returns early when `send` says the
/// receiver is gone.
fn run(paths: &[PathBuf], options: &LoadOptions, send: &mut dyn FnMut(LoadEvent) -> bool) -> Option<()> {
    let mut tx = |event| send(event).then_some(());
    let mut session = options.cache.as_ref().map(|c| Session::open(c, paths, options.entities));
    let plan = plan(paths, &|arg| session.as_ref().is_some_and(|s| s.has_entries(arg)));
    for w in plan.warnings {
        tx(LoadEvent::Warning(w))?;
    }
    let mut inputs = plan.inputs;
    let total = inputs.len();
    tx(LoadEvent::Progress { done: 0, total })?;
    if let Some(s) = session.as_mut() {
        s.keep_used(&inputs);
    }
    let stdin = inputs.iter().any(|i| i.source == Source::Stdin).then(read_stdin);
    let mut done = 0;
    let mut size = FIRST_BATCH;
    while done < total {
        let chunk = &mut inputs[done..(done + size).min(total)];
        let results = read_chunk(chunk, session.as_mut(), stdin.as_ref());
        let mut docs = Vec::with_capacity(chunk.len());
        for (input, ((d, w), stamp)) in chunk.iter_mut().zip(results) {
            if let Some(s) = session.as_mut() {
                // The input is done with: the cache keeps its path.
                s.record(input.arg, std::mem::take(&mut input.shown), stamp, d.len(), &w);
            }
            for w in w {
                tx(LoadEvent::Warning(w))?;
            }
            docs.extend(d);
        }
        tx(LoadEvent::Batch(docs))?;
        done += chunk.len();
        tx(LoadEvent::Progress { done, total })?;
        size = (size * 2).min(MAX_BATCH);
    }
    tx(LoadEvent::Done(session.map(Session::finish)))
}

/// Reads one chunk in parallel, taking what the cache holds from it. With a
/// one-thread pool it runs on the calling thread: handing the work to the
/// pool's thread would gain nothing, and what that thread allocates grows its
/// own malloc arena a page (and a system call) at a time.
fn read_chunk(
    chunk: &[Input],
    session: Option<&mut Session>,
    stdin: Option<&std::io::Result<Vec<u8>>>,
) -> Vec<Outcome> {
    let hits: Vec<_> = match session {
        Some(s) => chunk.iter().map(|i| s.take(i)).collect(),
        None => chunk.iter().map(|_| None).collect(),
    };
    let one = |(input, hit): (&Input, Option<Hit>)| match hit {
        Some(hit) => hit.into_outcome(),
        None => read_input(input, stdin),
    };
    if rayon::current_num_threads() == 1 {
        chunk.iter().zip(hits).map(one).collect()
    } else {
        chunk.par_iter().zip(hits).map(one).collect()
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn batches_keep_argument_order_and_progress_reaches_the_total() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        fs::create_dir_all(&dir).unwrap();
        // More files than the first batch, so that several batches are sent.
        let n = FIRST_BATCH * 3 + 5;
        for i in 0..n {
            fs::write(dir.join(format!("{i:04}.txt")), format!("Title {i}\n\nBody {i}.")).unwrap();
        }
        let single = tmp.path().join("single.txt");
        fs::write(&single, "Single\n\nBody.").unwrap();
        let (mut titles, mut batches, mut last, mut done) = (Vec::new(), 0, None, false);
        for event in stream(&[single, dir.clone(), dir.join("missing.txt")], LoadOptions::default()) {
            assert!(!done, "nothing after Done");
            match event {
                LoadEvent::Batch(docs) => {
                    batches += 1;
                    titles.extend(docs.iter().map(|d| d.title().to_string()));
                }
                LoadEvent::Progress { done, total } => {
                    assert_eq!(total, n + 1);
                    assert!(last.is_none_or(|l| l <= done));
                    last = Some(done);
                }
                LoadEvent::Warning(w) => {
                    assert!(titles.is_empty(), "listing warnings come first");
                    assert!(w.path.ends_with("missing.txt"));
                }
                LoadEvent::Done(update) => {
                    assert!(update.is_none(), "no cache was asked for");
                    done = true;
                }
            }
        }
        assert!(done);
        assert!(batches >= 3, "{batches}");
        assert_eq!(last, Some(n + 1));
        let expected: Vec<String> =
            std::iter::once("Single".to_string()).chain((0..n).map(|i| format!("Title {i}"))).collect();
        assert_eq!(titles, expected);
    }
}
