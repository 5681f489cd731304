//! Watching the corpus for live reload: the arguments' files and directories
//! are watched (the notify crate: inotify, kqueue, FSEvents...), and changes come
//! out debounced, as paths the way loading shows them, so that a reader can
//! reload just those files and keep its selection.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use super::load::format_of;

/// One change to the corpus, by the path documents carry (the argument as
/// given, joined with the file's path inside it).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A file was created or changed: load it again (`corpus::load_paths`) and
    /// replace its documents (a JSON or JSONL file's are `PATH:LINE`, `PATH#N`).
    Changed(PathBuf),
    /// A file or a directory went away: drop the documents at or under it.
    Removed(PathBuf),
}

/// A running watch; dropping it stops watching.
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    changes: Receiver<Vec<Change>>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch").finish_non_exhaustive()
    }
}

impl Watch {
    /// The changes, one batch per quiet period, sorted by path.
    #[must_use]
    pub fn changes(&self) -> &Receiver<Vec<Change>> {
        &self.changes
    }
}

/// An argument: what the system reports (canonical) and what the user gave.
#[derive(Debug, Clone)]
struct Root {
    real: PathBuf,
    shown: PathBuf,
}

/// Watches `paths` (standard input, `-`, is skipped). Changes are sent once
/// nothing has happened for `quiet` (a save is often several events: a
/// temporary file, a rename, a write); files kiosque does not load (hidden, or
/// of other types) are left out.
///
/// # Errors
/// When the system refuses to watch one of the paths (missing, or out of
/// watches).
pub fn watch(paths: &[PathBuf], quiet: Duration) -> notify::Result<Watch> {
    let (raw_tx, raw_rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading a file (kiosque's own load included) is no change to it.
        if let Ok(event) = event
            && !event.kind.is_access()
        {
            let _ = raw_tx.send(event.paths);
        }
    })?;
    let mut roots = Vec::new();
    for path in paths.iter().filter(|p| p.as_os_str() != "-") {
        let real = std::fs::canonicalize(path).map_err(notify::Error::io)?;
        let mode = if real.is_dir() { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        watcher.watch(&real, mode)?;
        roots.push(Root { real, shown: path.clone() });
    }
    let (tx, changes) = mpsc::channel();
    thread::spawn(move || debounce(&raw_rx, &tx, &roots, quiet));
    Ok(Watch { _watcher: watcher, changes })
}

/// Gathers raw events until `quiet` passes without one, then sends the batch;
/// stops when either side is gone.
fn debounce(raw: &Receiver<Vec<PathBuf>>, tx: &Sender<Vec<Change>>, roots: &[Root], quiet: Duration) {
    while let Ok(first) = raw.recv() {
        let mut paths: BTreeSet<PathBuf> = first.into_iter().collect();
        loop {
            match raw.recv_timeout(quiet) {
                Ok(more) => paths.extend(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let mut changes: Vec<Change> = paths.iter().flat_map(|p| classify(p, roots)).collect();
        changes.sort();
        changes.dedup();
        if !changes.is_empty() && tx.send(changes).is_err() {
            return;
        }
    }
}

/// What a reported path means now: a file to reload, a directory whose files
/// to reload (its own events may have come before it was watched), or a
/// removal.
fn classify(real: &Path, roots: &[Root]) -> Vec<Change> {
    let Some(shown) = shown_path(real, roots) else { return Vec::new() };
    match std::fs::metadata(real) {
        Ok(meta) if meta.is_dir() => {
            let loaded = super::load::article_files(real);
            loaded.iter().filter_map(|f| shown_path(f, roots)).map(Change::Changed).collect()
        }
        Ok(meta) if meta.is_file() && format_of(real).is_some() => vec![Change::Changed(shown)],
        Ok(_) => Vec::new(),
        Err(_) => vec![Change::Removed(shown)],
    }
}

/// The path documents carry for `real`; `None` outside the roots or under a
/// hidden name (which loading skips).
fn shown_path(real: &Path, roots: &[Root]) -> Option<PathBuf> {
    let root = roots.iter().find(|r| real.starts_with(&r.real))?;
    let rest = real.strip_prefix(&root.real).ok()?;
    let hidden = rest
        .components()
        .any(|c| matches!(c, Component::Normal(n) if n.as_encoded_bytes().starts_with(b".")));
    (!hidden).then(|| if rest.as_os_str().is_empty() { root.shown.clone() } else { root.shown.join(rest) })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    const QUIET: Duration = Duration::from_millis(150);

    /// Changes until `want` is seen (or 10 s pass), all batches kept.
    fn until(w: &Watch, want: &Change) -> Vec<Vec<Change>> {
        let mut batches = Vec::new();
        while let Ok(batch) = w.changes().recv_timeout(Duration::from_secs(10)) {
            let done = batch.contains(want);
            batches.push(batch);
            if done {
                return batches;
            }
        }
        panic!("no {want:?} within 10 s; got {batches:?}");
    }

    #[test]
    fn new_changed_and_removed_files_are_reported_by_their_shown_path() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("corpus");
        fs::create_dir_all(dir.join("sub")).unwrap();
        let w = watch(std::slice::from_ref(&dir), QUIET).unwrap();
        let file = dir.join("sub/new.txt");
        fs::write(&file, "Titre\n\nCorps.").unwrap();
        until(&w, &Change::Changed(file.clone()));
        fs::write(&file, "Titre 2\n\nCorps.").unwrap();
        until(&w, &Change::Changed(file.clone()));
        fs::remove_file(&file).unwrap();
        until(&w, &Change::Removed(file));
    }

    #[test]
    fn hidden_and_foreign_files_are_left_out_and_bursts_are_batched() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        fs::create_dir_all(&dir).unwrap();
        let w = watch(std::slice::from_ref(&dir), QUIET).unwrap();
        fs::write(dir.join(".draft.txt"), "x").unwrap();
        fs::write(dir.join("page.html"), "x").unwrap();
        for i in 0..20 {
            fs::write(dir.join(format!("{i:02}.txt")), format!("T{i}\n\nB.")).unwrap();
        }
        let batches = until(&w, &Change::Changed(dir.join("19.txt")));
        let all: Vec<&Change> = batches.iter().flatten().collect();
        assert!(batches.len() < 20, "not debounced: {batches:?}");
        for i in 0..20 {
            assert!(all.contains(&&Change::Changed(dir.join(format!("{i:02}.txt")))), "{i}: {all:?}");
        }
        let shown = |c: &&Change| match c {
            Change::Changed(p) | Change::Removed(p) => p.display().to_string(),
        };
        assert!(all.iter().map(shown).all(|p| !p.contains(".draft") && !p.ends_with(".html")), "{all:?}");
    }

    #[test]
    fn a_directory_moved_in_reports_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        fs::create_dir_all(&dir).unwrap();
        let outside = tmp.path().join("batch");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("a.txt"), "A\n\nB.").unwrap();
        let w = watch(std::slice::from_ref(&dir), QUIET).unwrap();
        fs::rename(&outside, dir.join("batch")).unwrap();
        until(&w, &Change::Changed(dir.join("batch/a.txt")));
    }
}
