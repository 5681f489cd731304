//! Saved views: a filter kept under a name (`views.toml` in the data dir), listed
//! with its live count and how many of its articles are new since it was last
//! opened. Opening one runs its query in the filter bar; when that search comes
//! back, its articles stop being new.

use super::{Effect, input};
use crate::app::state::{AppState, Overlay, field_text, text_field};

/// `V`: the list of views; their figures are computed in the background.
pub(super) fn open_list(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.overlays.push(Overlay::Views(0));
    refresh(state, fx);
}

/// Asks the worker for every view's figures (the old ones stay until then).
fn refresh(state: &mut AppState, fx: &mut Vec<Effect>) {
    let v = &mut state.views;
    v.generation += 1;
    v.statuses.resize(v.views.views.len(), None);
    if state.searcher.is_some() && !v.views.views.is_empty() {
        fx.push(Effect::ViewStatuses { generation: v.generation, views: v.views.views.clone() });
    }
}

/// `S` or Ctrl-s: name the current filter.
pub(super) fn ask_name(state: &mut AppState) {
    if field_text(&state.filter.input).trim().is_empty() {
        state.message = Some("type a filter first, then save it as a view".into());
        return;
    }
    state.overlays.push(Overlay::ViewName(Box::new(text_field("name of the view"))));
}

/// Enter in the name prompt: save the filter under that name.
pub(super) fn save(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(Overlay::ViewName(t)) = state.overlays.last() else { return };
    let name = field_text(t).trim().to_string();
    if name.is_empty() {
        state.message = Some("a view needs a name".into());
        return;
    }
    state.overlays.pop();
    let query = field_text(&state.filter.input);
    match state.views.views.save_view(&name, &query) {
        Ok(()) => {
            state.views.changed = true;
            state.message = Some(format!("saved view `{name}` (V lists the views)"));
            refresh(state, fx);
        }
        Err(e) => state.message = Some(format!("view not saved: {e}")),
    }
}

/// The row selected in the views overlay.
fn selected(state: &AppState) -> Option<usize> {
    match state.overlays.last() {
        Some(Overlay::Views(i)) if *i < state.views.views.views.len() => Some(*i),
        _ => None,
    }
}

/// Enter in the views overlay: filter by the view.
pub(super) fn open_selected(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(i) = selected(state) else { return };
    let view = &state.views.views.views[i];
    state.views.opening = Some((view.name.clone(), view.query.clone()));
    state.filter.input = input::text_field_with(&view.query);
    state.overlays.pop();
    input::request_search(state, fx);
    // The same query as before: no search will come back, so mark it seen now.
    if state.filter.applied == state.filter.requested && !state.filter.searching {
        opened(state);
    }
}

/// `d` in the views overlay: forget the view.
pub(super) fn delete_selected(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(i) = selected(state) else { return };
    let name = state.views.views.views[i].name.clone();
    state.views.views.remove(&name);
    state.views.statuses.remove(i);
    state.views.changed = true;
    if let Some(Overlay::Views(sel)) = state.overlays.last_mut() {
        *sel = (*sel).min(state.views.views.views.len().saturating_sub(1));
    }
    state.message = Some(format!("deleted view `{name}`"));
    refresh(state, fx);
}

/// The filter's search came back: if it was a view being opened, what it
/// matches now is what the user has seen.
pub(super) fn opened(state: &mut AppState) {
    let Some((name, query)) = state.views.opening.take() else { return };
    if query != state.filter.applied {
        return;
    }
    let docs = state.docs.clone();
    if let Some(view) = state.views.views.get_mut(&name) {
        let mut seen: Vec<String> =
            state.list.rows.iter().filter_map(|&d| docs.get(d)).map(|d| d.path.clone()).collect();
        seen.sort();
        view.seen = seen;
        state.views.changed = true;
    }
}
