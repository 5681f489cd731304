//! The text fields: the filter bar (sends searches to the worker), the find
//! prompt (searches the open article in place) and the help overlay's filter.

use crossterm::event::KeyEvent;

use super::{Effect, nav};
use crate::app::find::find_all;
use crate::app::search::Found;
use crate::app::state::{
    AppState, FILTER_HINT, FindState, Focus, HelpState, Overlay, SavedFilter, field_text, text_field,
};

/// A key typed into the topmost text field.
pub(super) fn edit(state: &mut AppState, key: KeyEvent, fx: &mut Vec<Effect>) {
    match state.overlays.last_mut() {
        Some(Overlay::Filter) if state.filter.input.input(key) => request_search(state, fx),
        Some(Overlay::Find) if state.find.as_mut().is_some_and(|f| f.input.input(key)) => refind(state),
        Some(Overlay::ViewName(t)) => {
            t.input(key);
        }
        Some(Overlay::Labels(p)) => {
            p.input.input(key);
        }
        Some(Overlay::Note(n)) => {
            n.input.input(key);
        }
        Some(Overlay::Help(h)) => {
            let changed = h.input.input(key);
            h.scroll = if changed { 0 } else { h.scroll };
        }
        _ => {}
    }
}

/// `/`: remember the filter as it is (for Esc), then type.
pub(super) fn focus_filter(state: &mut AppState) {
    state.filter.saved = Some(SavedFilter {
        text: field_text(&state.filter.input),
        rows: state.list.rows.clone(),
        matched: state.filter.matched,
        selected_doc: state.reader.doc,
    });
    state.overlays.push(Overlay::Filter);
}

/// Enter in the filter bar: keep it, back to the list.
pub(super) fn accept_filter(state: &mut AppState) {
    if matches!(state.overlays.last(), Some(Overlay::Filter)) {
        state.overlays.pop();
    }
    let text = field_text(&state.filter.input);
    if !text.trim().is_empty() {
        state.filter.history.push(&text);
        state.filter.history_changed = true;
    }
    state.filter.saved = None;
    state.focus = Focus::List;
}

/// ↑/↓ in the filter bar: an older or newer query from the history, searched at once.
pub(super) fn walk_history(state: &mut AppState, older: bool, fx: &mut Vec<Effect>) {
    let current = field_text(&state.filter.input);
    let h = &mut state.filter.history;
    let Some(text) = (if older { h.older(&current) } else { h.newer() }).map(str::to_string) else {
        return;
    };
    state.filter.input = text_field_with(&text);
    request_search(state, fx);
}

/// Esc in the filter bar: the filter, list and selection as they were before `/`.
pub(super) fn cancel_filter(state: &mut AppState, fx: &mut Vec<Effect>) {
    if matches!(state.overlays.last(), Some(Overlay::Filter)) {
        state.overlays.pop();
    }
    let Some(saved) = state.filter.saved.take() else { return };
    let f = &mut state.filter;
    f.input = text_field_with(&saved.text);
    f.generation += 1;
    f.searching = false;
    f.error = None;
    f.applied.clone_from(&saved.text);
    f.requested = saved.text;
    f.matched = saved.matched;
    state.list.rows = saved.rows;
    state.list.title_matches.clear();
    state.list.selected =
        saved.selected_doc.and_then(|d| state.list.rows.iter().position(|&r| r == d)).unwrap_or(0);
    state.focus = Focus::List;
    nav::after_list_move(state, fx);
    nav::refresh_reader_matches(state);
}

/// Ctrl-u in the filter bar: empty it (the list shows everything again).
pub(super) fn clear_filter(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.filter.input = text_field_with("");
    request_search(state, fx);
}

/// A filter field holding `text`, cursor at its end.
pub(super) fn text_field_with(text: &str) -> tui_textarea::TextArea<'static> {
    let mut t = text_field(FILTER_HINT);
    t.insert_str(text);
    t
}

/// Sends the filter's text to the worker when it changed (an empty filter shows
/// everything at once, without the worker). Without an engine (it is being
/// built) nothing is sent: the engine, once there, runs the text then.
pub(crate) fn request_search(state: &mut AppState, fx: &mut Vec<Effect>) {
    if state.searcher.is_none() || field_text(&state.filter.input) == state.filter.requested {
        return;
    }
    search_now(state, fx);
}

/// Sends the filter's text to the worker, changed or not.
pub(super) fn search_now(state: &mut AppState, fx: &mut Vec<Effect>) {
    let text = field_text(&state.filter.input);
    let f = &mut state.filter;
    f.requested.clone_from(&text);
    f.generation += 1;
    if text.trim().is_empty() {
        let all = state.live_rows();
        let found = Found { total_matched: all.len(), hits: all };
        let generation = state.filter.generation;
        filtered(state, generation, text, Ok(found), true, fx);
    } else {
        f.searching = true;
        fx.push(Effect::Search { generation: f.generation, query: text });
    }
}

/// Runs the applied filter again (the corpus learnt its entities since).
pub(super) fn search_again(state: &mut AppState, fx: &mut Vec<Effect>) {
    let query = state.filter.applied.clone();
    if query.trim().is_empty() || state.searcher.is_none() || state.filter.requested != query {
        return;
    }
    state.filter.generation += 1;
    state.filter.searching = true;
    fx.push(Effect::Search { generation: state.filter.generation, query });
}

/// A search came back: show it unless a newer one was asked for since.
pub(super) fn filtered(
    state: &mut AppState,
    generation: u64,
    query: String,
    result: Result<Found, String>,
    complete: bool,
    fx: &mut Vec<Effect>,
) {
    if generation != state.filter.generation {
        return;
    }
    // The first screenful of a big result: shown at once, the spinner turning
    // until the rest of the list comes (which keeps the selection, below).
    state.filter.searching = !complete;
    match result {
        Ok(mut found) => {
            let shown = found.hits.len();
            found.hits.retain(|d| !state.gone.contains(d));
            state.filter.error = None;
            state.filter.matched = found.total_matched.saturating_sub(shown - found.hits.len());
            if query == state.filter.applied {
                // The same filter over changed documents: stay where the user was.
                nav::set_rows(state, found.hits, fx);
            } else {
                // A new filter: the best match comes first and is shown, as in fzf.
                state.filter.applied = query;
                state.list.rows = found.hits;
                state.list.title_matches.clear();
                state.list.selected = 0;
                state.list.offset = 0;
                nav::after_list_move(state, fx);
            }
            nav::refresh_reader_matches(state);
            if complete {
                super::views::opened(state);
                super::lookups::refresh(state, fx);
            }
        }
        Err(message) => state.filter.error = Some(message),
    }
}

/// `f`: a find inside the open article.
pub(super) fn start_find(state: &mut AppState) {
    if state.reader.doc.is_none() {
        state.message = Some("no article open".into());
        return;
    }
    if state.find.is_none() {
        state.find =
            Some(FindState { input: text_field("find in this article"), matches: Vec::new(), current: None });
    }
    state.focus = Focus::Reader;
    state.overlays.push(Overlay::Find);
}

/// Enter in the find prompt: keep the find; `n`/`N` move through it.
pub(super) fn accept_find(state: &mut AppState) {
    if matches!(state.overlays.last(), Some(Overlay::Find)) {
        state.overlays.pop();
    }
    if state.find.as_ref().is_some_and(|f| field_text(&f.input).is_empty()) {
        state.find = None;
    }
}

/// Esc in the find prompt: no more find.
pub(super) fn cancel_find(state: &mut AppState) {
    if matches!(state.overlays.last(), Some(Overlay::Find)) {
        state.overlays.pop();
    }
    state.find = None;
}

/// Finds the find's text again in the open article and shows the first occurrence.
pub(crate) fn refind(state: &mut AppState) {
    let (Some(find), Some(doc)) = (&mut state.find, state.reader.doc.and_then(|d| state.docs.get(d))) else {
        return;
    };
    find.matches = find_all(doc, &field_text(&find.input));
    find.current = None;
    if !find.matches.is_empty() {
        nav::next_match(state, true);
    }
}

/// `?`: the help overlay.
pub(super) fn open_help(state: &mut AppState) {
    state
        .overlays
        .push(Overlay::Help(Box::new(HelpState { input: text_field("type to filter actions"), scroll: 0 })));
}
