//! Turning messages (keys, mouse, resizes, worker results) into new state and
//! the background work to start. No terminal, no I/O: tests drive it directly.

mod corpus;
mod corrections;
mod input;
mod lookups;
mod nav;
mod review;
mod views;

use std::sync::Arc;

use crossterm::event::{KeyEvent, KeyEventKind, MouseButton, MouseEvent, MouseEventKind};

use super::action::Action;
use super::search::{Found, Searcher};
use super::state::{AppState, Focus, Overlay};
use crate::corpus::{Document, Warning};
use crate::review::ArticleKey;

pub use corpus::FileChange;

/// Work for the background threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Run the filter `query`; results come back tagged with `generation`.
    Search {
        /// The request's number.
        generation: u64,
        /// The filter text.
        query: String,
    },
    /// Find the entity mentions of this document first.
    Annotate(usize),
    /// Let the engine take in the entities found so far now, while nobody types,
    /// rather than on the next keystroke.
    Warm,
    /// Compute the live figures of these views; results come back tagged with `generation`.
    ViewStatuses {
        /// The request's number.
        generation: u64,
        /// The views, in the overlay's order.
        views: Vec<crate::query::View>,
    },
    /// A request for the review worker (it answers with [`Msg::Review`]).
    Review(crate::review::Request),
    /// Compute the facets and timeline of these documents (answer: [`Msg::Lookups`]).
    Lookups {
        /// The request's number.
        generation: u64,
        /// The filtered set.
        rows: Vec<usize>,
    },
    /// Compute the articles related to this one (answer: [`Msg::Related`]).
    Related(usize),
    /// Count the articles of the corpus mentioning each of these entities per month
    /// (answer: [`Msg::EntityTimelines`]).
    EntityTimelines {
        /// The request's number.
        generation: u64,
        /// The entities.
        keys: Vec<crate::lookups::EntityKey>,
    },
    /// Write this correction to the user dictionary (none: only read it again),
    /// then find the corpus's entities again with it (answer: [`Msg::Corrected`]).
    Correct(Option<crate::entities::Correction>),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Show this text in `$PAGER` (the screen is suspended meanwhile).
    Pager(String),
    /// Open this URL in `$BROWSER`.
    Browser(String),
}

/// Everything `update` reacts to.
pub enum Msg {
    /// A key press, resolved through the keymap.
    Key(KeyEvent),
    /// An action, already resolved.
    Action(Action),
    /// A mouse event.
    Mouse(MouseEvent),
    /// The terminal's new size.
    Resize(u16, u16),
    /// Time passed while busy (turns the spinner).
    Tick,
    /// The next documents of the load, in corpus order.
    Batch {
        /// The documents.
        docs: Vec<Document>,
        /// Their review keys, in the same order.
        keys: Vec<ArticleKey>,
    },
    /// How many inputs (files) the load has read, out of how many.
    Progress {
        /// Read so far.
        done: usize,
        /// Listed.
        total: usize,
    },
    /// A file could not be (fully) loaded; it is printed on exit.
    Warning(Warning),
    /// The load is over: every batch came before.
    LoadDone,
    /// Files changed or went away on disk.
    Reloaded(Vec<FileChange>),
    /// A filter engine over the documents of corpus version `version`.
    Engine {
        /// The [`AppState::version`] it was built for.
        version: u64,
        /// The engine.
        searcher: Arc<dyn Searcher>,
    },
    /// A search finished.
    Filtered {
        /// Its request number.
        generation: u64,
        /// Its query.
        query: String,
        /// Its outcome.
        result: Result<Found, String>,
        /// `false` for the first screenful of a big result: the whole list follows
        /// in a second message with the same generation.
        complete: bool,
    },
    /// A document's entity mentions are ready.
    Annotated(usize),
    /// The live figures of the views, in order (`None`: cancelled or unparsable).
    ViewStatuses {
        /// Its request number.
        generation: u64,
        /// One per view.
        statuses: Vec<Option<crate::query::ViewStatus>>,
    },
    /// The facets and timeline of a filtered set.
    Lookups {
        /// Its request number.
        generation: u64,
        /// The facets.
        facets: crate::lookups::Facets,
        /// The timeline.
        timeline: crate::lookups::Timeline,
    },
    /// The articles related to `doc`.
    Related {
        /// The document.
        doc: usize,
        /// Best first.
        items: Vec<crate::lookups::Related>,
    },
    /// Each entity's articles per month (`None`: no document is dated).
    EntityTimelines {
        /// Its request number.
        generation: u64,
        /// The entities asked for, and their timelines in the same order.
        keys: Vec<crate::lookups::EntityKey>,
        /// Their timelines.
        timelines: Option<Vec<crate::lookups::Monthly>>,
    },
    /// A correction was written: the corpus with its entities found again, and
    /// the engine over it.
    Corrected {
        /// The corpus version ([`AppState::version`]) the entities were found
        /// again for: the answer is dropped if the documents changed since.
        version: u64,
        /// The same documents with their new entities.
        docs: Arc<Vec<Document>>,
        /// The engine over them.
        searcher: Arc<dyn Searcher>,
        /// The recognizer with the corrected dictionary, for documents still to come.
        annotator: super::worker::entities::Annotator,
        /// What the correction did, for the status bar.
        note: String,
    },
    /// A correction could not be made (the dictionary is malformed or unwritable).
    CorrectionFailed(String),
    /// Something went wrong outside the screen (the pager would not start).
    Note(String),
    /// The review worker answered.
    Review(crate::review::Reply),
    /// The background entity pass has done `done` of `total` documents.
    Annotating {
        /// Documents done.
        done: usize,
        /// Documents in all.
        total: usize,
    },
}

/// Applies `msg` to `state`; returns the background work it calls for.
pub fn update(state: &mut AppState, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(key) => {
            if key.kind == KeyEventKind::Release {
                return fx;
            }
            match state.keymap.lookup(state.mode(), &key) {
                Some(action) => apply(state, action, &mut fx),
                None if state.mode().is_text() => input::edit(state, key, &mut fx),
                None => return fx,
            }
        }
        Msg::Action(action) => apply(state, action, &mut fx),
        Msg::Mouse(ev) => mouse(state, ev, &mut fx),
        Msg::Resize(w, h) => {
            state.size = (w, h);
            nav::relayout(state);
            nav::after_list_move(state, &mut fx);
        }
        Msg::Tick => {
            if !state.busy() {
                return fx;
            }
            state.spinner = state.spinner.wrapping_add(1);
        }
        Msg::Batch { docs, keys } => corpus::appended(state, docs, keys, &mut fx),
        Msg::Progress { done, total } => state.progress = Some((done, total)),
        Msg::Warning(_) => state.warnings += 1,
        Msg::LoadDone => corpus::load_done(state, &mut fx),
        Msg::Reloaded(files) => corpus::reloaded(state, files, &mut fx),
        Msg::Engine { version, searcher } => corpus::engine_ready(state, version, searcher, &mut fx),
        Msg::Filtered { generation, query, result, complete } => {
            input::filtered(state, generation, query, result, complete, &mut fx);
        }
        Msg::Annotated(doc) => {
            if state.reader.doc != Some(doc) {
                return fx;
            }
            lookups::rebuild_panel(state, &mut fx);
        }
        Msg::ViewStatuses { generation, statuses } => {
            if generation != state.views.generation {
                return fx;
            }
            state.views.statuses = statuses;
        }
        Msg::Lookups { generation, facets, timeline } => {
            lookups::computed(state, generation, facets, timeline, &mut fx);
        }
        Msg::Related { doc, items } => lookups::related_ready(state, doc, items),
        Msg::EntityTimelines { generation, keys, timelines } => {
            lookups::entity_timelines_ready(state, generation, keys, timelines);
        }
        Msg::Corrected { version, docs, searcher, note, .. } => {
            corrections::corrected(state, version, docs, searcher, note, &mut fx);
        }
        Msg::CorrectionFailed(why) => corrections::failed(state, why),
        Msg::Note(note) => state.message = Some(note),
        Msg::Review(reply) => review::replied(state, reply, &mut fx),
        Msg::Annotating { done, total } => {
            state.annotating = (done < total).then_some((done, total));
            // Entity qualifiers (per:, org:...) can match more now: search again.
            if done == total {
                lookups::refresh(state, &mut fx);
                lookups::ask_timelines(state, &mut fx);
                if state.filter.applied.trim().is_empty() {
                    if !state.filter.searching {
                        fx.push(Effect::Warm);
                    }
                } else {
                    input::search_again(state, &mut fx);
                }
            }
        }
    }
    state.dirty = true;
    fx
}

/// Carries out one action.
fn apply(state: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    state.message = None;
    match action {
        Action::Quit => state.quit = true,
        Action::MoveDown => nav::step(state, 1, fx),
        Action::MoveUp => nav::step(state, -1, fx),
        Action::PageDown => nav::page(state, 1, fx),
        Action::PageUp => nav::page(state, -1, fx),
        Action::Top => nav::step(state, isize::MIN, fx),
        Action::Bottom => nav::step(state, isize::MAX, fx),
        Action::SwitchPane => {
            state.focus = match state.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            };
        }
        Action::Open => {
            if state.reader.doc.is_some() {
                state.focus = Focus::Reader;
                review::opened(state, fx);
            }
        }
        Action::Back => {
            if state.review.anchor.take().is_some() {
            } else if state.find.take().is_none() {
                state.focus = Focus::List;
            }
        }
        Action::FocusFilter => input::focus_filter(state),
        Action::FilterAccept => input::accept_filter(state),
        Action::FilterCancel => input::cancel_filter(state, fx),
        Action::FilterClear => input::clear_filter(state, fx),
        Action::HistoryOlder => input::walk_history(state, true, fx),
        Action::HistoryNewer => input::walk_history(state, false, fx),
        Action::Find => input::start_find(state),
        Action::FindAccept => input::accept_find(state),
        Action::FindCancel => input::cancel_find(state),
        Action::NextMatch => nav::next_match(state, true),
        Action::PrevMatch => nav::next_match(state, false),
        Action::ToggleEntities => state.show_entities = !state.show_entities,
        Action::NextMention => nav::next_mention(state, true),
        Action::PrevMention => nav::next_mention(state, false),
        Action::Help => {
            if state.help().is_some() {
                state.overlays.pop();
            } else {
                input::open_help(state);
            }
        }
        Action::Close => {
            state.overlays.pop();
        }
        Action::Views => views::open_list(state, fx),
        Action::SaveView => views::ask_name(state),
        Action::ViewNameAccept => views::save(state, fx),
        Action::OpenView => views::open_selected(state, fx),
        Action::DeleteView => views::delete_selected(state, fx),
        Action::ToggleRead => review::toggle_read(state, fx),
        Action::ToggleStar => review::toggle_star(state, fx),
        Action::EditLabels => review::ask_label(state, fx),
        Action::EditNote => review::edit_note(state),
        Action::Undo => review::undo(state, fx),
        Action::ApplyToFilter => review::apply_to_filter(state),
        Action::SelectRange => review::select_range(state),
        Action::LabelAccept => review::accept_label(state, fx),
        Action::LabelComplete => review::complete_label(state),
        Action::NoteSave => review::save_note(state, fx),
        Action::NoteCancel => review::cancel_note(state),
        Action::ConfirmYes => review::confirm(state),
        Action::EntityPanel => lookups::toggle_entities(state, fx),
        Action::Related => lookups::open_related(state, fx),
        Action::Timeline => lookups::open_timeline(state, fx),
        Action::LookupAccept => lookups::accept(state, fx),
        Action::SuppressEntity => corrections::suppress(state, fx),
        Action::RetagEntity => corrections::ask_kind(state),
        Action::MarkEntity => corrections::mark(state),
        Action::MergeEntity => corrections::merge(state, fx),
        Action::CopyArticle => lookups::leave(state, fx, lookups::Leave::Copy),
        Action::OpenPager => lookups::leave(state, fx, lookups::Leave::Pager),
        Action::OpenBrowser => lookups::leave(state, fx, lookups::Leave::Browser),
    }
}

/// The wheel scrolls the pane under the pointer; a click selects a row or focuses the reader.
fn mouse(state: &mut AppState, ev: MouseEvent, fx: &mut Vec<Effect>) {
    let panes = state.panes();
    let at = ratatui::layout::Position::new(ev.column, ev.row);
    if state.overlays.iter().any(|o| !matches!(o, Overlay::Filter)) {
        // Help and find take the keyboard; the wheel still scrolls the help.
        if let Some(Overlay::Help(h)) = state.overlays.last_mut() {
            match ev.kind {
                MouseEventKind::ScrollDown => h.scroll = (h.scroll + 3).min(Action::ALL.len()),
                MouseEventKind::ScrollUp => h.scroll = h.scroll.saturating_sub(3),
                _ => {}
            }
        }
        return;
    }
    let in_list = panes.list.contains(at);
    let in_reader = panes.reader.contains(at);
    match ev.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = matches!(ev.kind, MouseEventKind::ScrollDown);
            if in_list {
                nav::move_selection(state, if down { 1 } else { -1 }, fx);
            } else if in_reader {
                nav::scroll_reader(state, if down { 3 } else { -3 });
            }
        }
        MouseEventKind::Down(MouseButton::Left) => {
            let inner = panes.list_inner();
            if inner.contains(at) {
                let row = state.list.offset + usize::from(at.y - inner.y);
                if row < state.list.rows.len() {
                    state.focus = Focus::List;
                    let delta = row as isize - state.list.selected as isize;
                    nav::move_selection(state, delta, fx);
                }
            } else if in_reader {
                state.focus = Focus::Reader;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests;
