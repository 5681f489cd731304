//! Corrections from the entity panel: `d` suppresses the selected name, `K` gives
//! it another kind, `m` marks a name and `M` merges the selected one into it.
//! Each becomes a [`Correction`] for the background, which writes it to the user
//! dictionary and finds the corpus's entities again; the answer swaps the new
//! corpus and engine in, so that the panel, the reader, the facets and the filter
//! all show the correction at once.

use std::sync::Arc;

use super::{Effect, input, lookups};
use crate::app::lookups::{RetagChoice, surface_forms};
use crate::app::search::Searcher;
use crate::app::state::{AppState, Overlay};
use crate::corpus::Document;
use crate::entities::{Correction, UserEntity};
use crate::lookups::EntityKey;

/// The entity selected in the entity panel on top, with its surface forms in the article.
fn selected(state: &mut AppState) -> Option<(EntityKey, Vec<String>)> {
    let Some(Overlay::Entities(p)) = state.overlays.last() else { return None };
    let Some(key) = p.selected_entity() else {
        state.message = Some("select a name of the article first".into());
        return None;
    };
    let forms = state.docs.get(p.doc).map(|d| surface_forms(d, &key)).unwrap_or_default();
    Some((key, forms))
}

/// Sends `correction` to the background unless one is still being made.
fn send(state: &mut AppState, correction: Correction, fx: &mut Vec<Effect>) {
    if state.lookups.correcting {
        state.message = Some("the previous correction is still being applied".into());
        return;
    }
    state.lookups.correcting = true;
    state.message = Some(format!("{}: writing entities.toml…", correction.describe()));
    fx.push(Effect::Correct(Some(correction)));
}

/// `d`: never report the selected name again (its surface forms in this article).
pub(super) fn suppress(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(((_, name), forms)) = selected(state) else { return };
    let forms = if forms.is_empty() { vec![name] } else { forms };
    send(state, Correction::Suppress(forms), fx);
}

/// `K`: choose another kind for the selected name.
pub(super) fn ask_kind(state: &mut AppState) {
    let Some((entity, forms)) = selected(state) else { return };
    let kinds = RetagChoice::KINDS;
    let at = kinds.iter().position(|k| *k == entity.0).unwrap_or(kinds.len() - 1);
    // Start on the next kind: the current one is no correction.
    let selected = (at + 1) % kinds.len();
    state.overlays.push(Overlay::Retag(Box::new(RetagChoice { entity, forms, selected })));
}

/// Enter in the kind chooser: the name and its forms take the kind selected.
pub(super) fn retag(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(Overlay::Retag(choice)) = state.overlays.pop() else { return };
    let kind = choice.kind();
    let (old, name) = choice.entity;
    if kind == old {
        state.message = Some(format!("“{name}” is {} already", kind.label()));
        return;
    }
    let aliases = choice.forms.into_iter().filter(|f| *f != name).collect();
    send(state, Correction::Retag(UserEntity { name, kind: Some(kind), aliases }), fx);
}

/// `m`: mark the selected name as the one others are merged into (again: unmark it).
pub(super) fn mark(state: &mut AppState) {
    let Some((key, _)) = selected(state) else { return };
    if state.lookups.marked.as_ref() == Some(&key) {
        state.lookups.marked = None;
        state.message = Some(format!("“{}” is no longer marked", key.1));
    } else {
        state.message = Some(format!("marked “{}”: M on another name merges it into this one", key.1));
        state.lookups.marked = Some(key);
    }
}

/// `M`: merge the selected name into the marked one, which stays canonical and
/// keeps its kind.
pub(super) fn merge(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(((_, name), forms)) = selected(state) else { return };
    let Some((kind, target)) = state.lookups.marked.clone() else {
        state.message = Some("mark the name to keep with m first".into());
        return;
    };
    if target == name {
        state.message = Some(format!("select another name to merge into “{target}”"));
        return;
    }
    let mut aliases = vec![name];
    for f in forms {
        if !aliases.contains(&f) && f != target {
            aliases.push(f);
        }
    }
    state.lookups.marked = None;
    send(state, Correction::Merge(UserEntity { name: target, kind: Some(kind), aliases }), fx);
}

/// The corpus of version `version` came back with its entities found again
/// under the corrected dictionary. The version, not the `Arc`, tells whether the
/// documents changed since: changes are applied in place when nothing else
/// holds them, keeping the same `Arc`.
pub(super) fn corrected(
    state: &mut AppState,
    version: u64,
    docs: Arc<Vec<Document>>,
    searcher: Arc<dyn Searcher>,
    note: String,
    fx: &mut Vec<Effect>,
) {
    if version != state.version {
        // The corpus changed meanwhile: find its entities again (the file is written).
        fx.push(Effect::Correct(None));
        return;
    }
    state.lookups.correcting = false;
    searcher.review_changed(&state.review.states);
    // Other documents than those an engine under way was built for.
    state.version += 1;
    state.docs = docs;
    state.searcher = Some(searcher);
    state.message = Some(note);
    // A correction changes counts whose entity stays the same: ask again in any case.
    if !lookups::rebuild_panel(state, fx) {
        lookups::ask_timelines(state, fx);
    }
    lookups::refresh(state, fx);
    if state.filter.applied.trim().is_empty() {
        fx.push(Effect::Warm);
    } else {
        input::search_again(state, fx);
    }
}

/// The correction could not be made: say why (nothing was written).
pub(super) fn failed(state: &mut AppState, why: String) {
    state.lookups.correcting = false;
    state.message = Some(why);
}
