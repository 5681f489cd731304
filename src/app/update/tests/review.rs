//! Review keys: each sends one request; the screen changes only when the real
//! review worker (over an in-memory store) answers that it committed.

use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use super::*;
use crate::review::{self, Reply, Request, Store, Worker};

/// The app loaded, its review keys known, and a worker over an empty in-memory store.
fn reviewing() -> (AppState, Worker, Receiver<Reply>) {
    let (s, fx) = loaded_with_effects();
    let (tx, rx) = mpsc::channel();
    let worker = Worker::spawn(Store::open_in_memory().unwrap(), Duration::from_secs(3600), move |r| {
        let _ = tx.send(r);
    });
    assert!(fx.iter().any(|e| matches!(e, Effect::Review(Request::Load(k)) if k.len() == 30)));
    let mut rig = (s, worker, rx);
    run_reviews(&mut rig, fx);
    rig
}

/// Hands the review requests in `fx` to the worker and feeds every answer back
/// (and the requests those answers call for), as the event loop does.
fn run_reviews((s, worker, rx): &mut (AppState, Worker, Receiver<Reply>), fx: Vec<Effect>) {
    let mut pending: Vec<Effect> = fx;
    while !pending.is_empty() {
        let mut next = Vec::new();
        for e in pending {
            if let Effect::Review(request) = e {
                assert!(worker.send(request));
                let reply = rx.recv_timeout(Duration::from_secs(10)).expect("the worker answers");
                next.extend(update(s, Msg::Review(reply)));
            }
        }
        pending = next;
    }
}

fn apply_of(fx: &[Effect]) -> Option<(usize, review::Action)> {
    fx.iter().find_map(|e| match e {
        Effect::Review(Request::Apply { articles, action }) => Some((articles.len(), action.clone())),
        _ => None,
    })
}

#[test]
fn x_marks_read_only_once_the_worker_committed() {
    let mut rig = reviewing();
    let fx = key(&mut rig.0, KeyCode::Char('x'));
    assert_eq!(apply_of(&fx), Some((1, review::Action::SetRead(true))));
    assert!(!rig.0.review.read(0), "nothing shown before the commit");
    run_reviews(&mut rig, fx);
    assert!(rig.0.review.read(0));
    assert_eq!(rig.0.message.as_deref(), Some("marked read 1 article"));
    // Space toggles it back in the list.
    let fx = key(&mut rig.0, KeyCode::Char(' '));
    assert_eq!(apply_of(&fx), Some((1, review::Action::SetRead(false))));
    run_reviews(&mut rig, fx);
    assert!(!rig.0.review.read(0));
}

#[test]
fn opening_marks_read_unless_configured_off() {
    let mut rig = reviewing();
    let fx = key(&mut rig.0, KeyCode::Enter);
    assert_eq!(apply_of(&fx), Some((1, review::Action::SetRead(true))));
    run_reviews(&mut rig, fx);
    assert!(rig.0.review.read(0));
    rig.0.review.mark_on_open = false;
    key(&mut rig.0, KeyCode::Tab);
    key(&mut rig.0, KeyCode::Char('j'));
    let fx = key(&mut rig.0, KeyCode::Enter);
    assert_eq!(apply_of(&fx), None);
}

#[test]
fn a_range_selection_stars_every_row_in_it_then_ends() {
    let mut rig = reviewing();
    key(&mut rig.0, KeyCode::Char('j'));
    key(&mut rig.0, KeyCode::Char('v'));
    key(&mut rig.0, KeyCode::Char('j'));
    key(&mut rig.0, KeyCode::Char('j'));
    let fx = key(&mut rig.0, KeyCode::Char('s'));
    assert_eq!(apply_of(&fx), Some((3, review::Action::SetStarred(true))));
    assert_eq!(rig.0.review.anchor, None);
    run_reviews(&mut rig, fx);
    let starred: Vec<usize> = (0..30).filter(|&d| rig.0.review.starred(d)).collect();
    assert_eq!(starred, vec![1, 2, 3]);
    // All starred: s on the same range unstars them.
    key(&mut rig.0, KeyCode::Char('v'));
    key(&mut rig.0, KeyCode::Char('k'));
    key(&mut rig.0, KeyCode::Char('k'));
    let fx = key(&mut rig.0, KeyCode::Char('s'));
    assert_eq!(apply_of(&fx), Some((3, review::Action::SetStarred(false))));
    // Esc drops a selection without leaving the list.
    key(&mut rig.0, KeyCode::Char('v'));
    key(&mut rig.0, KeyCode::Esc);
    assert_eq!((rig.0.review.anchor, rig.0.focus), (None, Focus::List));
}

#[test]
fn star_applies_to_the_whole_filter_after_the_menu_that_counts_it() {
    let mut rig = reviewing();
    key(&mut rig.0, KeyCode::Char('/'));
    let fx = typ(&mut rig.0, "r 1");
    run_searches(&mut rig.0, fx);
    key(&mut rig.0, KeyCode::Enter);
    let rows = rig.0.list.rows.len();
    assert!(rows > 1);
    assert!(key(&mut rig.0, KeyCode::Char('*')).is_empty());
    assert!(matches!(rig.0.overlays.last(), Some(Overlay::Bulk)));
    assert!(key(&mut rig.0, KeyCode::Char('j')).is_empty(), "the menu keeps its keys");
    let fx = key(&mut rig.0, KeyCode::Char('x'));
    assert_eq!(apply_of(&fx), Some((rows, review::Action::SetRead(true))));
    assert!(rig.0.overlays.is_empty());
    run_reviews(&mut rig, fx);
    assert!(rig.0.list.rows.iter().all(|&d| rig.0.review.read(d)));
    assert_eq!(rig.0.message, Some(format!("marked read {rows} articles")));
}

#[test]
fn labels_complete_add_and_remove() {
    let mut rig = reviewing();
    let fx = key(&mut rig.0, KeyCode::Char('l'));
    assert!(fx.contains(&Effect::Review(Request::Labels)));
    typ(&mut rig.0, "urgent");
    let fx = key(&mut rig.0, KeyCode::Enter);
    assert_eq!(apply_of(&fx), Some((1, review::Action::AddLabel("urgent".into()))));
    run_reviews(&mut rig, fx);
    assert_eq!(rig.0.review.state(0).labels, vec!["urgent"]);
    assert_eq!(rig.0.review.labels, vec!["urgent"], "the labels in use were asked for again");
    // Tab completes from the labels in use; the article has it, so Enter removes it.
    let fx = key(&mut rig.0, KeyCode::Char('l'));
    run_reviews(&mut rig, fx);
    typ(&mut rig.0, "ur");
    key(&mut rig.0, KeyCode::Tab);
    let Some(Overlay::Labels(p)) = rig.0.overlays.last() else { panic!("the prompt is open") };
    assert_eq!(field_text(&p.input), "urgent");
    let fx = key(&mut rig.0, KeyCode::Enter);
    assert_eq!(apply_of(&fx), Some((1, review::Action::RemoveLabel("urgent".into()))));
    run_reviews(&mut rig, fx);
    assert!(rig.0.review.state(0).labels.is_empty());
}

#[test]
fn the_note_editor_saves_with_ctrl_s_and_asks_before_losing_changes() {
    let mut rig = reviewing();
    key(&mut rig.0, KeyCode::Char('a'));
    typ(&mut rig.0, "first");
    key(&mut rig.0, KeyCode::Enter);
    typ(&mut rig.0, "second");
    key(&mut rig.0, KeyCode::Esc);
    assert!(matches!(rig.0.overlays.last(), Some(Overlay::Confirm(_))), "asks before losing the text");
    key(&mut rig.0, KeyCode::Char('n'));
    assert!(matches!(rig.0.overlays.last(), Some(Overlay::Note(_))), "still editing");
    let fx = update(&mut rig.0, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert_eq!(apply_of(&fx), Some((1, review::Action::SetNote(Some("first\nsecond".into())))));
    assert!(rig.0.overlays.is_empty());
    run_reviews(&mut rig, fx);
    assert_eq!(rig.0.review.state(0).note.as_deref(), Some("first\nsecond"));
    // Unchanged: Esc closes at once.
    key(&mut rig.0, KeyCode::Char('a'));
    key(&mut rig.0, KeyCode::Esc);
    assert!(rig.0.overlays.is_empty());
    // Changed, then discarded: nothing is sent.
    key(&mut rig.0, KeyCode::Char('a'));
    typ(&mut rig.0, "!");
    key(&mut rig.0, KeyCode::Esc);
    assert!(key(&mut rig.0, KeyCode::Char('y')).is_empty());
    assert!(rig.0.overlays.is_empty());
    assert_eq!(rig.0.review.state(0).note.as_deref(), Some("first\nsecond"));
}

#[test]
fn undo_restores_the_state_before_the_last_action() {
    let mut rig = reviewing();
    let fx = key(&mut rig.0, KeyCode::Char('s'));
    run_reviews(&mut rig, fx);
    assert!(rig.0.review.starred(0));
    let fx = key(&mut rig.0, KeyCode::Char('u'));
    assert_eq!(fx, vec![Effect::Review(Request::Undo)]);
    run_reviews(&mut rig, fx);
    assert!(!rig.0.review.starred(0));
    assert_eq!(rig.0.message.as_deref(), Some("undone: starred 1 article"));
    let fx = key(&mut rig.0, KeyCode::Char('u'));
    run_reviews(&mut rig, fx);
    assert_eq!(rig.0.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn a_read_only_state_refuses_with_its_reason_and_the_app_goes_on() {
    let mut rig = reviewing();
    rig.0.review.read_only = Some("state.sqlite3 is read-only".into());
    let fx = key(&mut rig.0, KeyCode::Char('s'));
    assert!(fx.is_empty());
    assert_eq!(rig.0.message.as_deref(), Some("not recorded: state.sqlite3 is read-only"));
    key(&mut rig.0, KeyCode::Char('j'));
    assert_eq!(rig.0.reader.doc, Some(1), "the reader keeps working");
}

#[test]
fn another_instances_changes_are_loaded_and_a_review_filter_runs_again() {
    let mut rig = reviewing();
    // The filter asks about review states: it must run again when they change.
    key(&mut rig.0, KeyCode::Char('/'));
    let fx = typ(&mut rig.0, "is:starred");
    run_searches(&mut rig.0, fx);
    key(&mut rig.0, KeyCode::Enter);
    let fx = update(&mut rig.0, Msg::Review(Reply::ChangedElsewhere));
    assert!(matches!(fx[0], Effect::Review(Request::Load(ref k)) if k.len() == 30));
    // What another instance committed shows after the reload.
    let meta = review::ArticleMeta::from(&rig.0.docs[4]);
    rig.1.send(Request::Apply { articles: vec![meta], action: review::Action::SetStarred(true) });
    let _ = rig.2.recv_timeout(Duration::from_secs(10)).unwrap();
    let gen_before = rig.0.filter.generation;
    run_reviews(&mut rig, fx);
    assert!(rig.0.review.starred(4));
    assert!(rig.0.filter.generation > gen_before, "the is:starred filter was searched again");
}
