//! `update` transitions: state + message → state + effects, without a terminal.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::*;
use crate::app::keymap::Keymap;
use crate::app::search::{Cancel, Highlights, View, ViewStatus};
use crate::app::state::Overlay;
use crate::app::state::field_text;
use crate::corpus::parse_article;

/// A searcher over fixed answers: hits are the documents whose title contains
/// the query (a test double standing in for the engine).
struct Fixed(Vec<String>);

impl Searcher for Fixed {
    fn search(&self, query: &str, _cancel: &Cancel) -> Option<Result<Found, String>> {
        if query.starts_with(':') {
            return Some(Err("bad query".into()));
        }
        let hits: Vec<usize> = (0..self.0.len()).filter(|&i| self.0[i].contains(query)).collect();
        Some(Ok(Found { total_matched: hits.len(), hits }))
    }

    fn highlights(&self, doc: usize, query: &str) -> Highlights {
        let title = self.0[doc].find(query).map(|s| s..s + query.len()).into_iter().collect();
        Highlights { title, text: Vec::new() }
    }

    fn view_status(&self, view: &View, cancel: &Cancel) -> Option<ViewStatus> {
        let found = self.search(&view.query, cancel)?.ok()?;
        let new = found.hits.iter().filter(|&&d| !view.seen.contains(&format!("fx/{d:02}.txt"))).count();
        Some(ViewStatus { count: found.total_matched, new })
    }
}

fn docs() -> Vec<Document> {
    (0..30)
        .map(|i| {
            let text =
                format!("Article number {i}\n\nFirst paragraph of {i}.\n\nSecond one, with port and Port.\n");
            parse_article(format!("fx/{i:02}.txt"), text)
        })
        .collect()
}

/// Feeds `docs` as the loader and the loop do: one batch (with the review
/// keys), the end of the load, then an engine over them (`titles` for `Fixed`).
fn load(s: &mut AppState, docs: Vec<Document>) -> Vec<Effect> {
    let titles = docs.iter().map(|d| d.title().to_string()).collect();
    let keys = docs.iter().map(crate::review::key_of).collect();
    let mut fx = update(s, Msg::Batch { docs, keys });
    fx.extend(update(s, Msg::LoadDone));
    fx.extend(engine(s, titles));
    fx
}

/// An engine (the `Fixed` double over `titles`) for the current documents.
fn engine(s: &mut AppState, titles: Vec<String>) -> Vec<Effect> {
    let version = s.version;
    update(s, Msg::Engine { version, searcher: Arc::new(Fixed(titles)) })
}

/// The demo-like corpus loaded, and the effects that asked for.
fn loaded_with_effects() -> (AppState, Vec<Effect>) {
    let mut s = AppState::new(Keymap::default(), 120, 20);
    let fx = load(&mut s, docs());
    (s, fx)
}

fn loaded() -> AppState {
    let (s, fx) = loaded_with_effects();
    assert_eq!(fx[0], Effect::Annotate(0), "the first article opens and its entities come first");
    s
}

fn key(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typ(s: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(s, KeyCode::Char(c))).collect()
}

/// Runs the searches `fx` asks for, as the worker would, and feeds the results back.
fn run_searches(s: &mut AppState, fx: Vec<Effect>) {
    let searcher = s.searcher.clone().unwrap();
    for e in fx {
        if let Effect::Search { generation, query } = e {
            let result = searcher.search(&query, &Cancel::new()).unwrap();
            update(s, Msg::Filtered { generation, query, result, complete: true });
        }
    }
}

#[test]
fn moving_in_the_list_opens_the_selected_article() {
    let mut s = loaded();
    assert_eq!(s.reader.doc, Some(0));
    assert_eq!(key(&mut s, KeyCode::Char('j')), vec![Effect::Annotate(1)]);
    assert_eq!(s.reader.doc, Some(1));
    key(&mut s, KeyCode::Char('G'));
    assert_eq!(s.list.selected, 29);
    assert!(s.list.offset > 0, "the selection stays on screen");
    key(&mut s, KeyCode::Char('g'));
    assert_eq!((s.list.selected, s.list.offset), (0, 0));
    key(&mut s, KeyCode::Up);
    assert_eq!(s.list.selected, 0, "clamped at the top");
}

#[test]
fn enter_focuses_the_reader_and_keys_then_scroll_it() {
    let mut s = loaded();
    s.size = (40, 12);
    update(&mut s, Msg::Resize(40, 12));
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.focus, Focus::Reader);
    key(&mut s, KeyCode::Char('j'));
    assert_eq!((s.reader.scroll, s.reader.doc), (1, Some(0)));
    key(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Focus::List);
}

#[test]
fn typing_a_filter_searches_and_narrows_the_list() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "r 2");
    let gens: Vec<u64> = fx
        .iter()
        .filter_map(|e| if let Effect::Search { generation, .. } = e { Some(*generation) } else { None })
        .collect();
    assert_eq!(gens.len(), 3, "one search per keystroke");
    assert!(gens.windows(2).all(|w| w[0] < w[1]));
    run_searches(&mut s, fx);
    // Only the newest generation counts: the rows are those of "r 2".
    assert_eq!(s.filter.applied, "r 2");
    assert_eq!(s.list.rows, vec![2, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
    assert_eq!(s.filter.matched, 11);
    assert!(s.list.title_matches.contains_key(&2));
    assert_eq!((s.list.selected, s.reader.doc), (0, Some(2)), "the best match is selected and shown");
    key(&mut s, KeyCode::Enter);
    assert!(s.overlays.is_empty());
    assert_eq!(field_text(&s.filter.input), "r 2");
}

#[test]
fn accepted_queries_are_walked_back_with_up_and_down() {
    let mut s = loaded();
    for q in ["1", "2"] {
        key(&mut s, KeyCode::Char('/'));
        update(&mut s, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
        let fx = typ(&mut s, q);
        run_searches(&mut s, fx);
        key(&mut s, KeyCode::Enter);
    }
    assert!(s.filter.history_changed);
    key(&mut s, KeyCode::Char('/'));
    update(&mut s, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    typ(&mut s, "draft");
    let fx = key(&mut s, KeyCode::Up);
    assert_eq!(field_text(&s.filter.input), "2");
    assert!(matches!(&fx[..], [Effect::Search { query, .. }] if query == "2"), "searched at once");
    key(&mut s, KeyCode::Up);
    assert_eq!(field_text(&s.filter.input), "1");
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    assert_eq!(field_text(&s.filter.input), "draft", "past the newest, the draft comes back");
}

fn ctrl(s: &mut AppState, c: char) -> Vec<Effect> {
    update(s, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

#[test]
fn a_filter_saved_as_a_view_is_listed_opened_and_deleted() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "r 2");
    run_searches(&mut s, fx);
    ctrl(&mut s, 's');
    assert!(matches!(s.overlays.last(), Some(Overlay::ViewName(_))));
    typ(&mut s, "twenties");
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(s.views.views.views.len(), 1);
    assert_eq!(s.views.views.views[0].query, "r 2");
    assert!(s.views.changed);
    assert!(matches!(&fx[..], [Effect::ViewStatuses { views, .. }] if views.len() == 1));
    key(&mut s, KeyCode::Esc);
    ctrl(&mut s, 'u');
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.list.rows.len(), 30);

    // The list of views, with figures from the worker (an older answer is dropped).
    let fx = key(&mut s, KeyCode::Char('V'));
    let Some(Effect::ViewStatuses { generation, views }) = fx.into_iter().next() else {
        panic!("no request")
    };
    let status = s.searcher.clone().unwrap().view_status(&views[0], &Cancel::new());
    assert_eq!(status, Some(ViewStatus { count: 11, new: 11 }), "never opened: all new");
    update(&mut s, Msg::ViewStatuses { generation: generation - 1, statuses: vec![None] });
    assert!(s.views.statuses[0].is_none());
    update(&mut s, Msg::ViewStatuses { generation, statuses: vec![status] });
    assert_eq!(s.views.statuses[0], status);

    // Opening it filters by its query; what it matches is then seen.
    let fx = key(&mut s, KeyCode::Enter);
    assert!(s.overlays.is_empty());
    assert_eq!(field_text(&s.filter.input), "r 2");
    run_searches(&mut s, fx);
    assert_eq!(s.list.rows.len(), 11);
    let view = s.views.views.views[0].clone();
    assert_eq!(view.seen.len(), 11);
    let now = s.searcher.clone().unwrap().view_status(&view, &Cancel::new());
    assert_eq!(now, Some(ViewStatus { count: 11, new: 0 }));

    key(&mut s, KeyCode::Char('V'));
    key(&mut s, KeyCode::Char('d'));
    assert!(s.views.views.views.is_empty());
    key(&mut s, KeyCode::Char('q'));
    assert!(!s.quit, "q closes the views overlay, it does not quit");
    assert!(s.overlays.is_empty());
}

#[test]
fn saving_a_view_needs_a_filter_and_a_name() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('S'));
    assert!(s.overlays.is_empty());
    assert!(s.message.is_some());
    key(&mut s, KeyCode::Char('/'));
    typ(&mut s, "1");
    ctrl(&mut s, 's');
    key(&mut s, KeyCode::Enter);
    assert!(matches!(s.overlays.last(), Some(Overlay::ViewName(_))), "an empty name is refused");
    key(&mut s, KeyCode::Esc);
    assert!(s.views.views.views.is_empty());
}

/// The filter worker's answer to search `generation` of `query`: `hits` of
/// `total` matches, the whole list when `complete`.
fn answer(s: &mut AppState, generation: u64, query: &str, hits: Vec<usize>, total: usize, complete: bool) {
    let result = Ok(Found { hits, total_matched: total });
    update(s, Msg::Filtered { generation, query: query.into(), result, complete });
}

#[test]
fn stale_results_are_dropped() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    typ(&mut s, "9");
    let old = s.filter.generation;
    typ(&mut s, "9");
    answer(&mut s, old, "9", vec![9], 1, true);
    assert_eq!(s.list.rows.len(), 30, "an older search does not replace the list");
}

#[test]
fn the_rest_of_a_big_result_keeps_the_selection() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    typ(&mut s, "x");
    let generation = s.filter.generation;
    answer(&mut s, generation, "x", vec![5, 4, 3], 5, false);
    assert_eq!((s.list.rows.clone(), s.filter.matched), (vec![5, 4, 3], 5));
    assert!(s.filter.searching, "the spinner turns until the rest comes");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Down);
    let selected = s.list.rows[s.list.selected];
    assert_eq!(selected, 4);
    answer(&mut s, generation, "x", vec![5, 4, 3, 2, 1], 5, true);
    assert_eq!(s.list.rows, [5, 4, 3, 2, 1]);
    assert_eq!(s.list.rows[s.list.selected], selected, "the selection stays on its article");
    assert!(!s.filter.searching);
}

#[test]
fn esc_restores_the_filter_as_it_was() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "1");
    run_searches(&mut s, fx);
    key(&mut s, KeyCode::Enter);
    let kept = s.list.rows.clone();
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "5");
    run_searches(&mut s, fx);
    assert_ne!(s.list.rows, kept);
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.list.rows, kept);
    assert_eq!(field_text(&s.filter.input), "1");
    assert!(s.overlays.is_empty());
}

#[test]
fn ctrl_u_clears_and_bad_queries_show_an_error() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, ":x");
    run_searches(&mut s, fx);
    assert_eq!(s.filter.error.as_deref(), Some("bad query"));
    assert_eq!(s.list.rows.len(), 30, "a bad query keeps the list");
    update(&mut s, Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)));
    assert_eq!(field_text(&s.filter.input), "");
    assert_eq!((s.list.rows.len(), s.filter.matched, s.filter.error.clone()), (30, 30, None));
}

#[test]
fn find_moves_through_occurrences_and_esc_ends_it() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('f'));
    typ(&mut s, "port");
    let find = s.find.as_ref().unwrap();
    assert_eq!(find.matches.len(), 2);
    assert_eq!(find.current, Some(0), "the first occurrence is shown while typing");
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('n'));
    assert_eq!(s.find.as_ref().unwrap().current, Some(1));
    key(&mut s, KeyCode::Char('n'));
    assert_eq!(s.find.as_ref().unwrap().current, Some(0), "wraps around");
    key(&mut s, KeyCode::Char('N'));
    assert_eq!(s.find.as_ref().unwrap().current, Some(1));
    assert_eq!(s.list.rows.len(), 30, "a find filters nothing");
    key(&mut s, KeyCode::Esc);
    assert!(s.find.is_none());
}

#[test]
fn mentions_are_jumped_to_in_order() {
    let mut s = loaded();
    let doc = &s.docs[0];
    let a = doc.text.find("First").unwrap();
    let b = doc.text.find("Second").unwrap();
    let m = |start: usize, len: usize| {
        crate::entities::Mention::new(&doc.text, start, start + len, crate::entities::EntityKind::Misc, "")
    };
    doc.entities.set(vec![m(a, 5), m(b, 6)]).unwrap();
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.reader.mention, Some(0));
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.reader.mention, Some(1));
    key(&mut s, KeyCode::Char('['));
    assert_eq!(s.reader.mention, Some(0));
    key(&mut s, KeyCode::Char('e'));
    assert!(!s.show_entities);
}

#[test]
fn mentions_on_the_title_line_are_reached_and_hidden_ones_skipped() {
    let mut s = loaded();
    let doc = &s.docs[0];
    let body = doc.text.find("First").unwrap();
    let m = |start: usize, end: usize| {
        crate::entities::Mention::new(&doc.text, start, end, crate::entities::EntityKind::Per, "")
    };
    // "Article" in the title line, a mention on the blank between lines (never shown), one in the body.
    let blank = doc.text.find("\n\n").unwrap();
    doc.entities.set(vec![m(0, 7), m(blank, blank + 1), m(body, body + 5)]).unwrap();
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.reader.mention, Some(0));
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.reader.mention, Some(2), "the hidden mention is skipped");
    key(&mut s, KeyCode::Char(']'));
    assert_eq!(s.reader.mention, Some(0), "wraps around");
    key(&mut s, KeyCode::Char('['));
    assert_eq!(s.reader.mention, Some(2));
}

#[test]
fn help_opens_filters_and_closes() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('?'));
    assert!(s.help().is_some());
    typ(&mut s, "q");
    assert!(!s.quit, "q is typed into the help's filter");
    key(&mut s, KeyCode::Esc);
    assert!(s.overlays.is_empty());
    key(&mut s, KeyCode::Char('q'));
    assert!(s.quit);
}

#[test]
fn the_wheel_and_clicks_follow_the_pointer() {
    let mut s = loaded();
    let inner = s.panes().list_inner();
    let click = MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: inner.x + 2,
        row: inner.y + 4,
        modifiers: KeyModifiers::NONE,
    };
    update(&mut s, Msg::Mouse(click));
    assert_eq!((s.list.selected, s.reader.doc), (4, Some(4)));
    let wheel = MouseEvent { kind: MouseEventKind::ScrollDown, ..click };
    update(&mut s, Msg::Mouse(wheel));
    assert_eq!(s.list.selected, 5);
}

#[test]
fn an_empty_corpus_quits_at_once() {
    let mut s = AppState::new(Keymap::default(), 80, 24);
    update(&mut s, Msg::Warning(crate::corpus::Warning::file("gone.txt", "no such file")));
    update(&mut s, Msg::LoadDone);
    assert!(s.quit);
    assert_eq!(s.warnings, 1);
}

#[test]
fn the_spinner_turns_only_while_loading_or_searching() {
    let mut s = AppState::new(Keymap::default(), 80, 24);
    assert!(s.busy());
    s.dirty = false;
    update(&mut s, Msg::Tick);
    assert_eq!((s.spinner, s.dirty), (1, true));
    let mut s = loaded();
    assert!(!s.busy());
    key(&mut s, KeyCode::Char('/'));
    typ(&mut s, "7");
    assert!(s.busy(), "a search is under way");
}

#[test]
fn the_filter_runs_again_once_every_entity_is_known() {
    let mut s = loaded();
    update(&mut s, Msg::Annotating { done: 0, total: 30 });
    assert_eq!(s.annotating, Some((0, 30)));
    assert!(s.busy());
    let fx = update(&mut s, Msg::Annotating { done: 30, total: 30 });
    assert_eq!(fx, vec![Effect::Warm], "no filter to redo: the engine warms up instead");
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "2");
    run_searches(&mut s, fx);
    let fx = update(&mut s, Msg::Annotating { done: 30, total: 30 });
    assert!(matches!(&fx[..], [Effect::Search { query, .. }] if query == "2"));
    assert_eq!(s.annotating, None);
}

#[test]
fn idle_ticks_do_not_redraw() {
    let mut s = loaded();
    s.dirty = false;
    update(&mut s, Msg::Tick);
    assert!(!s.dirty);
    update(&mut s, Msg::Annotated(7));
    assert!(!s.dirty, "entities of an article not on screen change nothing");
    update(&mut s, Msg::Annotated(0));
    assert!(s.dirty);
}

mod corpus;
mod corrections;
mod lookups;
mod review;
