//! The watcher: follows the corpus on disk (`corpus::watch`) and reads changed
//! files again off the UI thread, so that the loop only has to splice them in.

use std::path::PathBuf;
use std::time::Duration;

use rayon::prelude::*;

use super::Notify;
use crate::app::update::{FileChange, Msg};
use crate::corpus::{self, Change, Watch};
use crate::review;

/// How long the corpus must stay quiet before its changes are read: a save is
/// often several events (a temporary file, a rename, a write).
const QUIET: Duration = Duration::from_millis(200);

/// Starts watching `paths` with the reader's quiet period. Call it before the
/// files are listed, so that every later change is reported.
///
/// # Errors
/// When the system refuses to watch one of the paths.
pub fn watch(paths: &[PathBuf]) -> notify::Result<Watch> {
    corpus::watch(paths, QUIET)
}

/// Follows a watch's changes on a thread of its own, sending [`Msg::Reloaded`]
/// per batch of changes (and [`Msg::Warning`] for a changed file that cannot
/// be read). When the system refused to watch, says so once with [`Msg::Note`].
pub fn follow(watch: notify::Result<Watch>, notify: Notify) {
    let watch = match watch {
        Ok(watch) => watch,
        Err(e) => {
            notify(Msg::Note(format!("not watching the corpus for changes: {e}")));
            return;
        }
    };
    let _ = std::thread::Builder::new().name("kiosque-watch".into()).spawn(move || {
        for changes in watch.changes() {
            let mut files = Vec::with_capacity(changes.len());
            for change in changes {
                files.push(match change {
                    Change::Changed(path) => {
                        let loaded = corpus::load_paths(std::slice::from_ref(&path));
                        for w in loaded.warnings {
                            if !notify(Msg::Warning(w)) {
                                return;
                            }
                        }
                        let keys = loaded.docs.par_iter().map(review::key_of).collect();
                        FileChange::Changed { path: path.display().to_string(), docs: loaded.docs, keys }
                    }
                    Change::Removed(path) => FileChange::Removed(path.display().to_string()),
                });
            }
            if !notify(Msg::Reloaded(files)) {
                return;
            }
        }
    });
}
