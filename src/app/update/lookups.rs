//! The lookup panels: the entity panel (`E`), related articles (`r`), the
//! timeline (`t`), and leaving the terminal with the article (`y`, `o`, `O`).
//! Enter on an entity, a facet or a bar adds its term to the filter bar, which
//! takes the keys so that the user sees the term and can edit it.

use super::{Effect, input, nav};
use crate::app::clipboard;
use crate::app::lookups::{
    EntityPanel, PanelRow, RelatedPanel, RetagChoice, current_bar, entity_rows, selectable, with_term,
};
use crate::app::state::{AppState, Focus, Overlay};
use crate::lookups::{EntityKey, Facets, Monthly, Related, Timeline};

/// Whether a panel that shows the filtered set's figures is open.
fn shows_figures(state: &AppState) -> bool {
    state.overlays.iter().any(|o| matches!(o, Overlay::Entities(_) | Overlay::Timeline(_)))
}

/// Asks for the facets and timeline of the current rows (the older answer is dropped).
pub(crate) fn refresh(state: &mut AppState, fx: &mut Vec<Effect>) {
    if !shows_figures(state) {
        return;
    }
    state.lookups.generation += 1;
    fx.push(Effect::Lookups { generation: state.lookups.generation, rows: state.list.rows.clone() });
}

/// The facets and timeline came back.
pub(super) fn computed(
    state: &mut AppState,
    generation: u64,
    facets: Facets,
    timeline: Timeline,
    fx: &mut Vec<Effect>,
) {
    if generation != state.lookups.generation {
        return;
    }
    state.lookups.facets = Some(facets);
    state.lookups.timeline = Some(timeline);
    // A timeline just drawn starts on the open article's bar.
    let bar = current_bar(state).unwrap_or(0);
    for o in &mut state.overlays {
        if let Overlay::Timeline(b) = o {
            *b = bar;
        }
    }
    rebuild_panel(state, fx);
}

/// The entity panel's rows again (new facets, the article's entities arrived or
/// changed); its entities' timelines are asked for again when they changed (then
/// it returns `true`).
pub(crate) fn rebuild_panel(state: &mut AppState, fx: &mut Vec<Effect>) -> bool {
    let docs = state.docs.clone();
    let facets = state.lookups.facets.clone();
    let mut changed = false;
    for o in &mut state.overlays {
        if let Overlay::Entities(p) = o {
            let was = p.rows.get(p.selected).cloned();
            let entities = p.entities();
            p.rows = entity_rows(&docs, p.doc, facets.as_ref());
            // Keep the selection on the same entity, facet or quote when it is still there.
            let again = was.and_then(|was| p.rows.iter().position(|r| r.same_item(&was)));
            // Else the row now in its place (a suppressed name: the next one).
            let near = p.selected.min(p.rows.len().saturating_sub(1));
            p.selected = again
                .or_else(|| selectable(&p.rows, near, 1))
                .or_else(|| selectable(&p.rows, near, -1))
                .unwrap_or(0);
            changed |= p.entities() != entities;
        }
    }
    if changed {
        ask_timelines(state, fx);
    }
    changed
}

/// Asks for the timelines of the entity panel's entities (the older answer is dropped).
pub(crate) fn ask_timelines(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(keys) = state.overlays.iter_mut().find_map(|o| match o {
        Overlay::Entities(p) => {
            p.timelines = None;
            Some(p.entities())
        }
        _ => None,
    }) else {
        return;
    };
    state.lookups.timelines_generation += 1;
    fx.push(Effect::EntityTimelines { generation: state.lookups.timelines_generation, keys });
}

/// The entity panel's timelines came back.
pub(super) fn entity_timelines_ready(
    state: &mut AppState,
    generation: u64,
    keys: Vec<EntityKey>,
    timelines: Option<Vec<Monthly>>,
) {
    if generation != state.lookups.timelines_generation {
        return;
    }
    for o in &mut state.overlays {
        if let Overlay::Entities(p) = o {
            p.timelines = Some(keys.iter().cloned().zip(timelines.iter().flatten().cloned()).collect());
        }
    }
}

/// `E`: open or close the entity panel of the open article.
pub(super) fn toggle_entities(state: &mut AppState, fx: &mut Vec<Effect>) {
    if let Some(i) = state.overlays.iter().position(|o| matches!(o, Overlay::Entities(_))) {
        state.overlays.remove(i);
        return;
    }
    let Some(doc) = state.reader.doc else {
        state.message = Some("no article open".into());
        return;
    };
    let rows = entity_rows(&state.docs, doc, state.lookups.facets.as_ref());
    let selected = selectable(&rows, 0, 1).unwrap_or(0);
    let panel = EntityPanel { doc, rows, selected, timelines: None };
    state.overlays.push(Overlay::Entities(Box::new(panel)));
    refresh(state, fx);
    ask_timelines(state, fx);
}

/// `r`: the articles related to the open one (computed in the background).
pub(super) fn open_related(state: &mut AppState, fx: &mut Vec<Effect>) {
    let Some(doc) = state.reader.doc else {
        state.message = Some("no article open".into());
        return;
    };
    state.overlays.push(Overlay::Related(Box::new(RelatedPanel { doc, items: None, selected: 0 })));
    fx.push(Effect::Related(doc));
}

/// The related articles came back.
pub(super) fn related_ready(state: &mut AppState, doc: usize, items: Vec<Related>) {
    for o in &mut state.overlays {
        if let Overlay::Related(p) = o
            && p.doc == doc
        {
            p.items = Some(items.clone());
        }
    }
}

/// `t`: the timeline of the filter, the open article's bar selected once known.
pub(super) fn open_timeline(state: &mut AppState, fx: &mut Vec<Effect>) {
    state.overlays.push(Overlay::Timeline(current_bar(state).unwrap_or(0)));
    refresh(state, fx);
}

/// Moves the selection of the lookup panel on top by `delta`; `false` if none is.
pub(super) fn step(state: &mut AppState, delta: isize) -> bool {
    let bars = state.lookups.timeline.as_ref().map_or(0, |t| t.buckets.len());
    match state.overlays.last_mut() {
        Some(Overlay::Entities(p)) => {
            let dir = if delta < 0 { -1 } else { 1 };
            let mut at = p.selected;
            for _ in 0..delta.unsigned_abs().min(p.rows.len()) {
                match at.checked_add_signed(dir).and_then(|i| selectable(&p.rows, i, dir)) {
                    Some(i) => at = i,
                    None => break,
                }
            }
            p.selected = at;
        }
        Some(Overlay::Related(p)) => {
            let last = p.items.as_ref().map_or(0, |i| i.len().saturating_sub(1));
            p.selected = p.selected.saturating_add_signed(delta).min(last);
        }
        Some(Overlay::Timeline(bar)) => *bar = bar.saturating_add_signed(delta).min(bars.saturating_sub(1)),
        Some(Overlay::Retag(r)) => {
            r.selected = r.selected.saturating_add_signed(delta).min(RetagChoice::KINDS.len() - 1);
        }
        _ => return false,
    }
    true
}

/// Enter: filter by the entity, facet or bar selected, or open the related article.
pub(super) fn accept(state: &mut AppState, fx: &mut Vec<Effect>) {
    let term = match state.overlays.last() {
        Some(Overlay::Entities(p)) => p.rows.get(p.selected).and_then(PanelRow::term),
        Some(Overlay::Timeline(bar)) => {
            state.lookups.timeline.as_ref().and_then(|t| t.buckets.get(*bar)).map(|b| b.filter.clone())
        }
        Some(Overlay::Related(p)) => {
            let doc = p.items.as_ref().and_then(|i| i.get(p.selected)).map(|r| r.doc);
            if let Some(doc) = doc {
                state.overlays.pop();
                show(state, doc, fx);
            }
            return;
        }
        Some(Overlay::Retag(_)) => return super::corrections::retag(state, fx),
        _ => None,
    };
    let Some(term) = term else { return };
    state.overlays.pop();
    add_term(state, &term, fx);
}

/// Adds `term` to the filter, searches, and leaves the filter bar focused on it.
pub(super) fn add_term(state: &mut AppState, term: &str, fx: &mut Vec<Effect>) {
    input::focus_filter(state);
    let text = with_term(&crate::app::state::field_text(&state.filter.input), term);
    state.filter.input = input::text_field_with(&text);
    input::request_search(state, fx);
}

/// Shows `doc`: selected in the list when the filter holds it, else the filter is
/// cleared first so that it is.
fn show(state: &mut AppState, doc: usize, fx: &mut Vec<Effect>) {
    if let Some(row) = state.list.rows.iter().position(|&d| d == doc) {
        state.list.selected = row;
    } else {
        state.filter.input = input::text_field_with("");
        state.filter.applied.clear();
        state.filter.requested.clear();
        state.filter.generation += 1;
        state.filter.searching = false;
        state.list.rows = state.live_rows();
        state.filter.matched = state.list.rows.len();
        state.list.selected = doc;
        state.message = Some("the filter was cleared to show the related article".into());
    }
    nav::after_list_move(state, fx);
    state.focus = Focus::Reader;
    super::review::opened(state, fx);
}

/// What `y`, `o` and `O` do with the open article.
#[derive(Debug, Clone, Copy)]
pub(super) enum Leave {
    /// Copy it (OSC 52).
    Copy,
    /// Page it.
    Pager,
    /// Open its URL.
    Browser,
}

/// `y`, `o`, `O`; `y` on a quote of the entity panel copies the quote.
pub(super) fn leave(state: &mut AppState, fx: &mut Vec<Effect>, how: Leave) {
    if let (Leave::Copy, Some(Overlay::Entities(p))) = (how, state.overlays.last())
        && let Some(PanelRow::Quote { speaker, text }) = p.rows.get(p.selected)
        && let Some(doc) = state.docs.get(p.doc)
    {
        let copied = clipboard::quote_text(doc, speaker, text);
        state.message =
            Some(format!("copied the quote of {speaker} ({} characters, OSC 52)", copied.chars().count()));
        fx.push(Effect::Copy(copied));
        return;
    }
    let Some(doc) = state.open_doc() else {
        state.message = Some("no article open".into());
        return;
    };
    match how {
        Leave::Copy => {
            let text = clipboard::article_text(doc);
            state.message = Some(format!("copied {} characters (OSC 52)", text.chars().count()));
            fx.push(Effect::Copy(text));
        }
        Leave::Pager => {
            // The pager may pass escape sequences through: neutralise them first.
            let text = clipboard::article_text(doc);
            let safe: Vec<_> = text.split('\n').map(crate::text::sanitize::sanitize_line).collect();
            fx.push(Effect::Pager(safe.join("\n")));
        }
        Leave::Browser => match doc.url() {
            Some(url) => fx.push(Effect::Browser(url.to_string())),
            None => state.message = Some("this article has no URL".into()),
        },
    }
}
