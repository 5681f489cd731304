//! The corpus growing and changing under the reader: batches of the streaming
//! load, files changed or removed on disk, and the filter engine rebuilt over
//! the new documents.
//!
//! A document keeps its index for the whole session: a changed file's
//! documents are replaced in place, a removed file's stay behind as tombstones
//! (`AppState::gone`, never shown), new ones are appended. So the selection,
//! the open article, the review states and the panels that name a document
//! stay right whatever changes on disk, and the list keeps its scroll.

use std::path::is_separator;
use std::sync::Arc;

use super::{Effect, input, nav, review};
use crate::app::search::Searcher;
use crate::app::state::AppState;
use crate::app::wrap::ArticleLayout;
use crate::corpus::Document;
use crate::review::ArticleKey;

/// One file's change on disk, read again by the watcher.
#[derive(Debug)]
pub enum FileChange {
    /// A file was created or changed: its documents now (none when it could not
    /// be read), with their review keys.
    Changed {
        /// The path documents carry (a JSON file's records are `PATH:LINE`, `PATH#N`).
        path: String,
        /// Its documents, in order.
        docs: Vec<Document>,
        /// Their review keys.
        keys: Vec<ArticleKey>,
    },
    /// A file or a directory went away: its documents (those under it) go too.
    Removed(String),
}

/// A batch of the load arrived: the documents join the corpus, and the list
/// when no filter hides them.
pub(super) fn appended(
    state: &mut AppState,
    docs: Vec<Document>,
    keys: Vec<ArticleKey>,
    fx: &mut Vec<Effect>,
) {
    if docs.is_empty() {
        return;
    }
    let start = state.docs.len();
    state.restored += docs.iter().filter(|d| d.entities.get().is_some()).count();
    let listed = state.progress.map_or(0, |(_, total)| total);
    let all = Arc::make_mut(&mut state.docs);
    if all.len() + docs.len() <= listed {
        // A file is one document, most often: room for the whole load at once
        // rather than by doubling, which would hold up to twice the documents' size.
        all.reserve_exact(listed - all.len());
    }
    all.extend(docs);
    review::add_keys(state, start, keys);
    changed(state, start, fx);
}

/// The load is over.
pub(super) fn load_done(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.loading = false;
    state.progress = None;
    // Nothing to read: leave at once, the command line says why.
    state.quit = state.live_count() == 0;
    if state.restored > 0 {
        let (n, r) = (state.live_count(), state.restored);
        let s = if n == 1 { "" } else { "s" };
        state.message = Some(format!("loaded {n} article{s}, {r} with their entities from the cache"));
    }
    review::reload(state, fx);
}

/// Files changed on disk: their documents are replaced (in place, in order),
/// dropped or added; the list keeps its selection and scroll, the reader its
/// article and position.
pub(super) fn reloaded(state: &mut AppState, files: Vec<FileChange>, fx: &mut Vec<Effect>) {
    let start = state.docs.len();
    let (mut added, mut added_keys, mut replaced, mut removed) = (Vec::new(), Vec::new(), Vec::new(), 0);
    for file in files {
        match file {
            FileChange::Changed { path, docs, keys } => {
                let old: Vec<usize> = live_where(state, |p| of_file(p, &path));
                let mut new = docs.into_iter().zip(keys);
                for d in old {
                    match new.next() {
                        Some((doc, key)) => {
                            Arc::make_mut(&mut state.docs)[d] = doc;
                            review::set_key(state, d, key);
                            replaced.push(d);
                        }
                        None => {
                            state.gone.insert(d);
                            removed += 1;
                        }
                    }
                }
                for (doc, key) in new {
                    added.push(doc);
                    added_keys.push(key);
                }
            }
            FileChange::Removed(path) => {
                for d in live_where(state, |p| under(p, &path)) {
                    state.gone.insert(d);
                    removed += 1;
                }
            }
        }
    }
    let new = added.len();
    Arc::make_mut(&mut state.docs).extend(added);
    review::add_keys(state, start, added_keys);
    if let Some(open) = state.reader.doc.filter(|d| replaced.contains(d)) {
        // The same article, new text: laid out again where the reader was.
        state.reader.layout = ArticleLayout::default();
        state.reader.mention = None;
        state.reader.match_cursor = None;
        nav::relayout(state);
        input::refind(state);
        fx.push(Effect::Annotate(open));
    }
    changed(state, start, fx);
    review::reload(state, fx);
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let what = [(new, "added"), (replaced.len(), "updated"), (removed, "removed")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, verb)| format!("{n} article{} {verb}", s(*n)))
        .collect::<Vec<_>>();
    if !what.is_empty() {
        state.message = Some(format!("corpus changed on disk: {}", what.join(", ")));
    }
}

/// A filter engine over the documents of `version` is ready: it takes the
/// review states, and the filter runs again over the documents it knows (an
/// engine over older documents is dropped).
pub(super) fn engine_ready(
    state: &mut AppState,
    version: u64,
    searcher: Arc<dyn Searcher>,
    fx: &mut Vec<Effect>,
) {
    if version != state.version {
        return;
    }
    searcher.review_changed(&state.review.states);
    state.searcher = Some(searcher);
    let typed = crate::app::state::field_text(&state.filter.input);
    if !typed.trim().is_empty() || !state.filter.applied.trim().is_empty() {
        input::search_now(state, fx);
    }
}

/// The documents changed (new ones from `added_from` on): the old engine no
/// longer fits them; the list shows the new documents when no filter is
/// applied (else the next search over the new engine does), and never the
/// tombstones.
fn changed(state: &mut AppState, added_from: usize, fx: &mut Vec<Effect>) {
    state.version += 1;
    state.searcher = None;
    let mut rows = state.list.rows.clone();
    rows.retain(|d| !state.gone.contains(d));
    if let Some(saved) = &mut state.filter.saved {
        saved.rows.retain(|d| !state.gone.contains(d));
    }
    if state.filter.applied.trim().is_empty() {
        rows.extend((added_from..state.docs.len()).filter(|d| !state.gone.contains(d)));
        state.filter.matched = rows.len();
    } else {
        state.filter.matched -= state.list.rows.len() - rows.len();
    }
    nav::set_rows(state, rows, fx);
    nav::refresh_reader_matches(state);
}

/// The live documents whose path satisfies `keep`, in corpus order.
fn live_where(state: &AppState, keep: impl Fn(&str) -> bool) -> Vec<usize> {
    state
        .docs
        .iter()
        .enumerate()
        .filter(|(d, doc)| !state.gone.contains(d) && keep(&doc.path))
        .map(|(d, _)| d)
        .collect()
}

/// Whether a document's path `doc` comes from file `file`: the file itself, or
/// one of its records (`FILE:LINE`, `FILE#N`).
fn of_file(doc: &str, file: &str) -> bool {
    doc.strip_prefix(file).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '#']))
}

/// Whether a document's path `doc` is at or under `path` (a file or a directory).
fn under(doc: &str, path: &str) -> bool {
    of_file(doc, path) || doc.strip_prefix(path).is_some_and(|rest| rest.starts_with(is_separator))
}
