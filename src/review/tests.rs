//! Unit tests of the store on `:memory:` and on temporary files.

use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use super::migrations::{VERSION, migrate_to};
use super::*;

fn meta(n: u32) -> ArticleMeta {
    let text = format!("Article {n}\n\nBody of article {n}.\n");
    ArticleMeta {
        key: ArticleKey::of_text(&text),
        path: format!("dir/{n}.txt"),
        title: format!("Article {n}"),
        date: n.is_multiple_of(2).then(|| "2024-05-01".to_string()),
        source: None,
    }
}

#[test]
fn every_field_round_trips() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b) = (meta(1), meta(2));
    assert_eq!(store.state(&a.key).unwrap(), ReviewState::default());
    store.apply(&[a.clone(), b.clone()], &Action::SetRead(true)).unwrap();
    store.apply(std::slice::from_ref(&a), &Action::SetStarred(true)).unwrap();
    store.apply(std::slice::from_ref(&a), &Action::AddLabel("zeta".into())).unwrap();
    store.apply(std::slice::from_ref(&a), &Action::AddLabel(" alpha ".into())).unwrap();
    store.apply(std::slice::from_ref(&a), &Action::AddLabel("alpha".into())).unwrap();
    store.apply(std::slice::from_ref(&b), &Action::SetNote(Some("line 1\nline 2".into()))).unwrap();
    let sa = store.state(&a.key).unwrap();
    assert_eq!(
        sa,
        ReviewState { read: true, starred: true, labels: vec!["alpha".into(), "zeta".into()], note: None }
    );
    let states = store.states(&[a.key.clone(), b.key.clone(), meta(3).key]).unwrap();
    assert_eq!(states.len(), 2, "an unknown article is absent");
    assert_eq!(states[&b.key].note.as_deref(), Some("line 1\nline 2"));
    assert_eq!(store.labels().unwrap(), ["alpha", "zeta"]);

    store.apply(std::slice::from_ref(&a), &Action::RemoveLabel("zeta".into())).unwrap();
    store.apply(std::slice::from_ref(&b), &Action::SetNote(None)).unwrap();
    assert_eq!(store.state(&a.key).unwrap().labels, ["alpha"]);
    assert_eq!(store.state(&b.key).unwrap().note, None);
    assert!(matches!(store.apply(&[a], &Action::AddLabel(" ".into())), Err(ReviewError::Invalid(_))));
}

#[test]
fn records_keep_the_last_known_whereabouts() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = meta(2);
    store.apply(std::slice::from_ref(&a), &Action::SetStarred(true)).unwrap();
    a.path = "moved/2.txt".into();
    store.apply(std::slice::from_ref(&a), &Action::AddLabel("x".into())).unwrap();
    let records = store.records().unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].meta, a);
    assert_eq!(records[0].state.labels, ["x"]);
    assert!(records[0].state.starred);
}

#[test]
fn undo_restores_the_changed_field_only() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, b) = (meta(1), meta(2));
    store.apply(std::slice::from_ref(&a), &Action::SetStarred(true)).unwrap();
    store.apply(&[a.clone(), b.clone()], &Action::AddLabel("l".into())).unwrap();
    store.apply(std::slice::from_ref(&a), &Action::SetNote(Some("first".into()))).unwrap();
    store.apply(&[a.clone(), b.clone()], &Action::SetNote(Some("second".into()))).unwrap();
    store.apply(&[a.clone(), b.clone()], &Action::SetStarred(false)).unwrap();

    let undone = store.undo().unwrap().unwrap();
    assert_eq!(undone.action, Action::SetStarred(false));
    assert!(store.state(&a.key).unwrap().starred);
    assert!(!store.state(&b.key).unwrap().starred);

    assert_eq!(store.undo().unwrap().unwrap().action, Action::SetNote(Some("second".into())));
    assert_eq!(store.state(&a.key).unwrap().note.as_deref(), Some("first"));
    assert_eq!(store.state(&b.key).unwrap().note, None);

    store.undo().unwrap();
    let undone = store.undo().unwrap().unwrap();
    assert_eq!(undone.action, Action::AddLabel("l".into()));
    assert!(store.state(&a.key).unwrap().labels.is_empty());
    assert!(store.state(&a.key).unwrap().starred, "undoing the label left the star alone");
    store.undo().unwrap();
    assert!(!store.state(&a.key).unwrap().starred);
    assert_eq!(store.undo().unwrap(), None);
}

#[test]
fn two_instances_share_the_file_and_undo_only_their_own() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let mut one = Store::open(&path).unwrap();
    let mut two = Store::open(&path).unwrap();
    let a = meta(1);
    assert!(!one.changed_since_last_check().unwrap());
    two.apply(std::slice::from_ref(&a), &Action::SetStarred(true)).unwrap();
    assert!(one.changed_since_last_check().unwrap());
    assert!(!one.changed_since_last_check().unwrap(), "reported once");
    assert!(!two.changed_since_last_check().unwrap(), "its own writes do not count");
    assert!(one.state(&a.key).unwrap().starred);

    one.apply(std::slice::from_ref(&a), &Action::AddLabel("mine".into())).unwrap();
    assert_eq!(two.state(&a.key).unwrap().labels, ["mine"]);
    // `two` undoes its own star, not `one`'s label.
    assert_eq!(two.undo().unwrap().unwrap().action, Action::SetStarred(true));
    let s = one.state(&a.key).unwrap();
    assert!(!s.starred);
    assert_eq!(s.labels, ["mine"]);

    // An undo does not take back a newer change another instance made to the field.
    let b = meta(2);
    one.apply(std::slice::from_ref(&b), &Action::SetNote(Some("one's note".into()))).unwrap();
    two.apply(std::slice::from_ref(&b), &Action::SetNote(Some("two's note".into()))).unwrap();
    let undone = one.undo().unwrap().unwrap();
    assert_eq!(undone.action, Action::SetNote(Some("one's note".into())));
    assert_eq!(one.state(&b.key).unwrap().note.as_deref(), Some("two's note"));
}

#[test]
fn a_write_past_the_busy_timeout_is_locked_not_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let mut store = Store::open_with_timeout(&path, Duration::from_millis(50)).unwrap();
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.apply(&[meta(1)], &Action::SetRead(true)).unwrap_err();
    assert!(matches!(err, ReviewError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("locked by another process"), "{err}");
    // Readers are not blocked by the writer (WAL).
    assert_eq!(store.state(&meta(1).key).unwrap(), ReviewState::default());
    other.execute_batch("ROLLBACK").unwrap();
    store.apply(&[meta(1)], &Action::SetRead(true)).unwrap();
    assert!(store.state(&meta(1).key).unwrap().read);
}

#[test]
fn a_corrupt_file_is_reported_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(&path, &junk).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, ReviewError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    let (fallback, why) = Store::open_or_fallback(&path);
    assert!(fallback.is_read_only() && why.is_some());
    assert!(fallback.records().unwrap().is_empty());
    assert_eq!(std::fs::read(&path).unwrap(), junk);
}

#[test]
fn a_foreign_or_newer_database_is_not_touched() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("other.db");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('precious');").unwrap();
    drop(conn);
    assert!(matches!(Store::open(&path), Err(ReviewError::Foreign { .. })));
    let conn = Connection::open(&path).unwrap();
    let t: String = conn.query_row("SELECT t FROM notes", [], |r| r.get(0)).unwrap();
    assert_eq!(t, "precious");
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
    assert_eq!(tables, 1);
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete", "not even the journal mode changed");

    let newer = tmp.path().join("newer.db");
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", VERSION + 1).unwrap();
    let err = Store::open(&newer).unwrap_err();
    assert!(matches!(err, ReviewError::TooNew { found, .. } if found == VERSION + 1), "{err}");
}

#[test]
fn an_old_state_file_migrates_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let a = meta(4);
    {
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO articles (key, path, title, date, read, starred, note) VALUES (?1, ?2, ?3, ?4, 1, 1, 'n')",
            rusqlite::params![a.key.as_str(), a.path, a.title, a.date],
        )
        .unwrap();
        conn.execute("INSERT INTO labels VALUES (?1, 'old')", [a.key.as_str()]).unwrap();
    }
    // Read-only, the old file is readable as it is and stays at version 1.
    let ro = Store::open_read_only(&path).unwrap();
    assert_eq!(ro.state(&a.key).unwrap().labels, ["old"]);
    drop(ro);
    let version = |p: &Path| -> i64 {
        Connection::open(p).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    };
    assert_eq!(version(&path), 1);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(version(&path), VERSION);
    let s = store.state(&a.key).unwrap();
    assert_eq!(
        s,
        ReviewState { read: true, starred: true, labels: vec!["old".into()], note: Some("n".into()) }
    );
    store.apply(std::slice::from_ref(&a), &Action::SetRead(false)).unwrap();
    store.undo().unwrap();
    assert!(store.state(&a.key).unwrap().read);
}

#[test]
fn read_only_refuses_actions_and_still_reads() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let a = meta(1);
    Store::open(&path).unwrap().apply(std::slice::from_ref(&a), &Action::SetStarred(true)).unwrap();
    let mut ro = Store::open_read_only(&path).unwrap();
    assert!(ro.is_read_only());
    assert!(ro.state(&a.key).unwrap().starred);
    assert!(matches!(
        ro.apply(std::slice::from_ref(&a), &Action::SetRead(true)),
        Err(ReviewError::ReadOnly { .. })
    ));
    assert!(matches!(ro.undo(), Err(ReviewError::ReadOnly { .. })));
    assert!(!Store::open(&path).unwrap().state(&a.key).unwrap().read);

    // A state file that was never written reads as empty.
    let fresh = tmp.path().join("fresh.sqlite3");
    std::fs::File::create(&fresh).unwrap();
    assert!(Store::open_read_only(&fresh).unwrap().records().unwrap().is_empty());
}

#[test]
fn the_worker_commits_queued_actions_before_it_ends() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = Worker::spawn(Store::open(&path).unwrap(), Duration::from_millis(10), move |r| {
        let _ = tx.send(r);
    });
    let a = meta(1);
    assert!(worker.send(Request::Apply { articles: vec![a.clone()], action: Action::SetStarred(true) }));
    assert!(worker.send(Request::Apply { articles: vec![a.clone()], action: Action::AddLabel("w".into()) }));
    drop(worker);
    let replies: Vec<Reply> = rx.iter().collect();
    let Some(Reply::Applied { states: Ok(states), .. }) = replies.last() else { panic!("{replies:?}") };
    assert_eq!(states[&a.key].labels, ["w"]);
    let s = Store::open(&path).unwrap().state(&a.key).unwrap();
    assert!(s.starred && s.labels == ["w"]);
}

#[test]
fn the_worker_notices_other_instances() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("state.sqlite3");
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = Worker::spawn(Store::open(&path).unwrap(), Duration::from_millis(5), move |r| {
        let _ = tx.send(r);
    });
    Store::open(&path).unwrap().apply(&[meta(1)], &Action::SetRead(true)).unwrap();
    let reply = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(matches!(reply, Reply::ChangedElsewhere), "{reply:?}");
    assert!(worker.send(Request::Load(vec![meta(1).key])));
    let Reply::States(Ok(states)) = rx.recv_timeout(Duration::from_secs(10)).unwrap() else { panic!() };
    assert!(states[&meta(1).key].read);
}
