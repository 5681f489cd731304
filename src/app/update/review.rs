//! Review keys: read, star, labels, notes, undo, a range selection and the whole
//! filter. Each action goes to the review worker as a request; the screen shows
//! it only when the worker answers that it committed.

use super::{Effect, input};
use crate::app::marks::{LabelPrompt, NoteEditor, Question};
use crate::app::state::{AppState, Focus, Overlay, field_text, text_field};
use crate::review::{self, ArticleKey, ArticleMeta, Reply, Request, States};

/// The documents a review key acts on: every article of the filter under the
/// `*` menu, else the range selection, else the open (or selected) article.
fn targets(state: &AppState) -> Vec<usize> {
    if matches!(state.overlays.last(), Some(Overlay::Bulk)) {
        return state.list.rows.clone();
    }
    if let (Some(a), Focus::List) = (state.review.anchor, state.focus) {
        let (lo, hi) = (a.min(state.list.selected), a.max(state.list.selected));
        return state
            .list
            .rows
            .get(lo..=hi.min(state.list.rows.len().saturating_sub(1)))
            .unwrap_or(&[])
            .to_vec();
    }
    let current = match state.focus {
        Focus::Reader => state.reader.doc,
        Focus::List => state.list.rows.get(state.list.selected).copied(),
    };
    current.into_iter().collect()
}

/// Sends `action` for `docs` to the worker, unless nothing can be recorded.
fn send(state: &mut AppState, docs: Vec<usize>, action: review::Action, fx: &mut Vec<Effect>) {
    if docs.is_empty() {
        state.message = Some("no article to mark".into());
        return;
    }
    if let Some(why) = &state.review.read_only {
        state.message = Some(format!("not recorded: {why}"));
        return;
    }
    let articles = docs.iter().filter_map(|&d| state.docs.get(d)).map(ArticleMeta::from).collect();
    state.review.in_flight.push_back(docs);
    fx.push(Effect::Review(Request::Apply { articles, action }));
}

/// Leaves the `*` menu and the range selection once an action was chosen.
fn done_choosing(state: &mut AppState) {
    if matches!(state.overlays.last(), Some(Overlay::Bulk)) {
        state.overlays.pop();
    }
    state.review.anchor = None;
}

/// `x`/space: read unless every target is read already, then unread.
pub(super) fn toggle_read(state: &mut AppState, fx: &mut Vec<Effect>) {
    let docs = targets(state);
    let all = !docs.is_empty() && docs.iter().all(|&d| state.review.read(d));
    done_choosing(state);
    send(state, docs, review::Action::SetRead(!all), fx);
}

/// `s`: star unless every target is starred already, then unstar.
pub(super) fn toggle_star(state: &mut AppState, fx: &mut Vec<Effect>) {
    let docs = targets(state);
    let all = !docs.is_empty() && docs.iter().all(|&d| state.review.starred(d));
    done_choosing(state);
    send(state, docs, review::Action::SetStarred(!all), fx);
}

/// Opening an article marks it read, when configured so and not read yet.
pub(super) fn opened(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(doc) = state.reader.doc else { return };
    if state.review.mark_on_open && !state.review.read(doc) && state.review.read_only.is_none() {
        send(state, vec![doc], review::Action::SetRead(true), fx);
    }
}

/// `l`: the label prompt (the labels in use are asked for again, for completion).
pub(super) fn ask_label(state: &mut AppState, fx: &mut Vec<Effect>) {
    let docs = targets(state);
    done_choosing(state);
    if docs.is_empty() {
        state.message = Some("no article to label".into());
        return;
    }
    let input = text_field("label (tab completes; enter adds, or removes when all have it)");
    state.overlays.push(Overlay::Labels(Box::new(LabelPrompt { input, targets: docs })));
    fx.push(Effect::Review(Request::Labels));
}

/// Tab in the label prompt: the next label in use that starts with what is typed.
pub(super) fn complete_label(state: &mut AppState) {
    let Some(Overlay::Labels(p)) = state.overlays.last_mut() else { return };
    let typed = field_text(&p.input);
    let candidates = p.candidates(&state.review.labels);
    // On an exact label already, Tab moves to the next one that shares the prefix.
    let next = match candidates.iter().position(|c| **c == typed) {
        Some(i) if candidates.len() > 1 => Some(candidates[(i + 1) % candidates.len()].clone()),
        Some(_) => None,
        None => candidates.first().map(|c| (*c).clone()),
    };
    if let Some(label) = next {
        let mut t = text_field("");
        t.insert_str(&label);
        p.input = t;
    }
}

/// Enter in the label prompt: add the label, or remove it when every target has it.
pub(super) fn accept_label(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(Overlay::Labels(p)) = state.overlays.last() else { return };
    let label = field_text(&p.input).trim().to_string();
    if label.is_empty() {
        state.message = Some("type a label, or esc".into());
        return;
    }
    let docs = p.targets.clone();
    state.overlays.pop();
    let all = docs.iter().all(|&d| state.review.states.get(&d).is_some_and(|s| s.labels.contains(&label)));
    let action = if all { review::Action::RemoveLabel(label) } else { review::Action::AddLabel(label) };
    send(state, docs, action, fx);
}

/// `a`: the note editor of the open (or selected) article.
pub(super) fn edit_note(state: &mut AppState) {
    state.review.anchor = None;
    let doc = match state.focus {
        Focus::Reader => state.reader.doc,
        Focus::List => state.list.rows.get(state.list.selected).copied(),
    };
    let Some(doc) = doc else {
        state.message = Some("no article to write a note on".into());
        return;
    };
    let original = state.review.state(doc).note.unwrap_or_default();
    let mut input = tui_textarea::TextArea::default();
    input.set_placeholder_text("a note on this article (ctrl-s saves, esc cancels)");
    input.insert_str(&original);
    state.overlays.push(Overlay::Note(Box::new(NoteEditor { input, original, doc })));
}

/// Ctrl-s in the note editor.
pub(super) fn save_note(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(Overlay::Note(n)) = state.overlays.last() else { return };
    let (doc, text) = (n.doc, n.text());
    state.overlays.pop();
    send(state, vec![doc], review::Action::SetNote(Some(text)), fx);
}

/// Esc in the note editor: close it, asking first when something would be lost.
pub(super) fn cancel_note(state: &mut AppState) {
    match state.overlays.last() {
        Some(Overlay::Note(n)) if n.changed() => state.overlays.push(Overlay::Confirm(Question::DiscardNote)),
        Some(Overlay::Note(_)) => {
            state.overlays.pop();
        }
        _ => {}
    }
}

/// Yes to the question on top.
pub(super) fn confirm(state: &mut AppState) {
    let Some(Overlay::Confirm(q)) = state.overlays.pop() else { return };
    match q {
        Question::DiscardNote => {
            if matches!(state.overlays.last(), Some(Overlay::Note(_))) {
                state.overlays.pop();
            }
        }
    }
}

/// `*`: the menu of actions for every article of the filter, which says how many.
pub(super) fn apply_to_filter(state: &mut AppState) {
    if state.list.rows.is_empty() {
        state.message = Some("no article in the filter".into());
        return;
    }
    state.overlays.push(Overlay::Bulk);
}

/// `v`: start a range selection at the selected row, or drop it.
pub(super) fn select_range(state: &mut AppState) {
    state.review.anchor = match state.review.anchor {
        Some(_) => None,
        None => (!state.list.rows.is_empty()).then_some(state.list.selected),
    };
}

/// `u`: undo this instance's last review action.
pub(super) fn undo(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Some(why) = &state.review.read_only {
        state.message = Some(format!("nothing to undo: {why}"));
        return;
    }
    fx.push(Effect::Review(Request::Undo));
}

/// Records the review keys of the documents from `start` on (new ones, in order).
pub(super) fn add_keys(state: &mut AppState, start: usize, keys: Vec<ArticleKey>) {
    for (d, k) in (start..).zip(keys) {
        state.review.by_key.entry(k.clone()).or_default().push(d);
        state.review.keys.push(k);
    }
}

/// Document `doc` was replaced: its key is now `key` (its old state no longer applies).
pub(super) fn set_key(state: &mut AppState, doc: usize, key: ArticleKey) {
    let review = &mut state.review;
    if let Some(old) = review.keys.get(doc)
        && let Some(docs) = review.by_key.get_mut(old)
    {
        docs.retain(|&d| d != doc);
        if docs.is_empty() {
            review.by_key.remove(old);
        }
    }
    review.states.remove(&doc);
    review.by_key.entry(key.clone()).or_default().push(doc);
    if let Some(slot) = review.keys.get_mut(doc) {
        *slot = key;
    }
}

/// Asks the worker for every document's state and the labels in use.
pub(super) fn reload(state: &AppState, fx: &mut Vec<Effect>) {
    if !state.review.keys.is_empty() {
        fx.push(Effect::Review(Request::Load(state.review.keys.clone())));
        fx.push(Effect::Review(Request::Labels));
    }
}

/// A reply of the review worker.
pub(super) fn replied(state: &mut AppState, reply: Reply, fx: &mut Vec<Effect>) {
    match reply {
        Reply::Applied { action, states } => {
            let docs = state.review.in_flight.pop_front().unwrap_or_default();
            match states {
                Ok(states) => {
                    let keys: Vec<ArticleKey> =
                        docs.iter().filter_map(|&d| state.review.keys.get(d).cloned()).collect();
                    set_states(state, &keys, &states, fx);
                    state.message = Some(describe(&action, docs.len()));
                    if matches!(action, review::Action::AddLabel(_) | review::Action::RemoveLabel(_)) {
                        fx.push(Effect::Review(Request::Labels));
                    }
                }
                Err(e) => state.message = Some(format!("not recorded: {e}")),
            }
        }
        Reply::Undone(Ok(Some((undone, states)))) => {
            set_states(state, &undone.keys, &states, fx);
            let n = undone.keys.len();
            state.message = Some(format!("undone: {}", describe(&undone.action, n)));
            fx.push(Effect::Review(Request::Labels));
        }
        Reply::Undone(Ok(None)) => state.message = Some("nothing to undo".into()),
        Reply::Undone(Err(e)) => state.message = Some(format!("undo failed: {e}")),
        Reply::States(Ok(states)) => {
            state.review.states.clear();
            let keys: Vec<ArticleKey> = state.review.by_key.keys().cloned().collect();
            set_states(state, &keys, &states, fx);
        }
        Reply::Labels(Ok(labels)) => state.review.labels = labels,
        Reply::States(Err(e)) | Reply::Labels(Err(e)) => {
            state.message = Some(format!("review state unreadable: {e}"));
        }
        Reply::ChangedElsewhere => reload(state, fx),
    }
}

/// Records the committed `states` of the documents holding `keys` (absent: never
/// reviewed), tells the filter engine, and filters again if the filter asks
/// about review states.
fn set_states(state: &mut AppState, keys: &[ArticleKey], states: &States, fx: &mut Vec<Effect>) {
    for k in keys {
        let st = states.get(k).cloned().unwrap_or_default();
        for &d in state.review.by_key.get(k).map_or(&[][..], Vec::as_slice) {
            if st.is_reviewed() {
                state.review.states.insert(d, st.clone());
            } else {
                state.review.states.remove(&d);
            }
        }
    }
    if let Some(s) = &state.searcher {
        s.review_changed(&state.review.states);
    }
    if crate::query::parse(&state.filter.applied).is_ok_and(|q| q.uses_review()) {
        input::search_again(state, fx);
    }
}

/// What an action did, for the status bar.
fn describe(action: &review::Action, n: usize) -> String {
    let what = match action {
        review::Action::SetRead(true) => "marked read".to_string(),
        review::Action::SetRead(false) => "marked unread".to_string(),
        review::Action::SetStarred(true) => "starred".to_string(),
        review::Action::SetStarred(false) => "unstarred".to_string(),
        review::Action::AddLabel(l) => format!("labelled `{l}`"),
        review::Action::RemoveLabel(l) => format!("removed label `{l}` from"),
        review::Action::SetNote(Some(_)) => "saved the note of".to_string(),
        review::Action::SetNote(None) => "removed the note of".to_string(),
    };
    let s = if n == 1 { "" } else { "s" };
    format!("{what} {n} article{s}")
}
