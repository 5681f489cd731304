//! The corpus changing under the reader: batches of the streaming load, files
//! changed, added or removed on disk, engines built for older documents.

use super::*;
use crate::review::key_of;

fn batch(docs: Vec<Document>) -> Msg {
    let keys = docs.iter().map(key_of).collect();
    Msg::Batch { docs, keys }
}

fn titles(s: &AppState) -> Vec<String> {
    s.docs.iter().map(|d| d.title().to_string()).collect()
}

fn changed(path: &str, texts: &[&str]) -> FileChange {
    let docs: Vec<Document> = texts.iter().map(|t| parse_article(path, (*t).to_string())).collect();
    let keys = docs.iter().map(key_of).collect();
    FileChange::Changed { path: path.into(), docs, keys }
}

/// Selects list row `row` with the keyboard.
fn select(s: &mut AppState, row: usize) {
    for _ in 0..row {
        key(s, KeyCode::Char('j'));
    }
    assert_eq!(s.list.selected, row);
}

#[test]
fn the_list_fills_as_batches_arrive_and_the_selection_stays() {
    let mut all = docs();
    let rest = all.split_off(10);
    let mut s = AppState::new(Keymap::default(), 120, 20);
    let fx = update(&mut s, batch(all));
    assert_eq!(fx, vec![Effect::Annotate(0)], "the first article opens with the first batch");
    assert!(s.loading && s.busy());
    update(&mut s, Msg::Progress { done: 10, total: 30 });
    assert_eq!(s.progress, Some((10, 30)));
    select(&mut s, 3);
    s.reader.scroll = 1;
    let fx = update(&mut s, batch(rest));
    assert!(fx.is_empty(), "nothing to open again: {fx:?}");
    assert_eq!(s.list.rows, (0..30).collect::<Vec<_>>());
    assert_eq!((s.list.selected, s.reader.doc, s.reader.scroll), (3, Some(3), 1));
    assert_eq!(s.filter.matched, 30);
    update(&mut s, Msg::LoadDone);
    assert!(!s.loading && s.progress.is_none() && !s.quit);
}

#[test]
fn a_filter_typed_while_loading_runs_on_the_engine_and_keeps_its_selection_over_new_batches() {
    let mut all = docs();
    let rest = all.split_off(20);
    let mut s = AppState::new(Keymap::default(), 120, 20);
    update(&mut s, batch(all));
    key(&mut s, KeyCode::Char('/'));
    assert!(typ(&mut s, "1").is_empty(), "no engine yet: nothing to search with");
    let fx = {
        let t = titles(&s);
        engine(&mut s, t)
    };
    assert!(matches!(&fx[..], [Effect::Search { query, .. }] if query == "1"), "{fx:?}");
    run_searches(&mut s, fx);
    // 1, 10..19: the filter shows its matches among the documents loaded.
    assert_eq!(s.list.rows.len(), 11);
    key(&mut s, KeyCode::Enter);
    select(&mut s, 4);
    let doc = s.reader.doc;
    update(&mut s, batch(rest));
    assert!(s.searcher.is_none(), "the old engine does not know the new documents");
    assert_eq!(s.list.rows.len(), 11, "new documents wait for the new engine");
    let fx = {
        let t = titles(&s);
        engine(&mut s, t)
    };
    run_searches(&mut s, fx);
    assert_eq!(s.list.rows.len(), 12, "21 matches too");
    assert_eq!((s.reader.doc, s.list.selected), (doc, 4), "the same article stays selected");
}

#[test]
fn an_engine_for_older_documents_is_dropped() {
    let mut s = loaded();
    let old = s.version;
    update(&mut s, Msg::Reloaded(vec![changed("fx/new.txt", &["Brand new\n\nBody.\n"])]));
    update(&mut s, Msg::Engine { version: old, searcher: Arc::new(Fixed(Vec::new())) });
    assert!(s.searcher.is_none());
    {
        let t = titles(&s);
        engine(&mut s, t)
    };
    assert!(s.searcher.is_some());
}

#[test]
fn removing_the_selected_article_selects_the_next_one_in_its_place() {
    let mut s = loaded();
    select(&mut s, 5);
    let offset = s.list.offset;
    update(&mut s, Msg::Reloaded(vec![FileChange::Removed("fx/05.txt".into())]));
    assert!(s.gone.contains(&5));
    assert!(!s.list.rows.contains(&5));
    assert_eq!((s.list.selected, s.reader.doc, s.list.offset), (5, Some(6), offset));
    assert_eq!((s.live_count(), s.filter.matched), (29, 29));
    assert!(s.message.as_deref().is_some_and(|m| m.contains("1 article removed")), "{:?}", s.message);
    // A removed document never comes back through a search.
    {
        let t = titles(&s);
        engine(&mut s, t)
    };
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "5");
    run_searches(&mut s, fx);
    assert_eq!(s.list.rows, vec![15, 25]);
    assert_eq!(s.filter.matched, 2);
}

#[test]
fn a_changed_article_is_replaced_in_place_and_stays_open_where_it_was_read() {
    let mut s = loaded();
    select(&mut s, 4);
    key(&mut s, KeyCode::Enter);
    let long = format!("Rewritten\n\n{}", "A long paragraph of many words. ".repeat(200));
    update(&mut s, Msg::Reloaded(vec![changed("fx/04.txt", &[&long])]));
    s.reader.scroll = 7;
    let fx = update(&mut s, Msg::Reloaded(vec![changed("fx/04.txt", &[&long.replace("many", "some")])]));
    assert_eq!(s.docs.len(), 30, "replaced, not added");
    assert!(s.docs[4].text.contains("some words"));
    assert_eq!((s.list.selected, s.reader.doc, s.reader.scroll), (4, Some(4), 7));
    assert!(s.reader.layout.lines.len() > 20, "laid out again");
    assert!(fx.contains(&Effect::Annotate(4)), "its entities are found again first: {fx:?}");
    assert_eq!(s.review.keys[4], key_of(&s.docs[4]));
    assert_eq!(s.review.by_key[&key_of(&s.docs[4])], vec![4]);
    assert!(fx.iter().any(|e| matches!(e, Effect::Review(crate::review::Request::Load(_)))));
}

#[test]
fn a_new_file_joins_the_end_of_the_list_without_moving_the_selection() {
    let mut s = loaded();
    select(&mut s, 2);
    update(&mut s, Msg::Reloaded(vec![changed("fx/99.txt", &["Late news\n\nBody.\n"])]));
    assert_eq!(s.list.rows.len(), 31);
    assert_eq!(s.docs[30].title(), "Late news");
    assert_eq!((s.list.selected, s.reader.doc), (2, Some(2)));
    assert_eq!(s.review.keys.len(), 31);
}

#[test]
fn a_records_file_that_shrank_keeps_its_first_records_in_place() {
    let mut s = AppState::new(Keymap::default(), 120, 20);
    let records = ["One\n\nA.\n", "Two\n\nB.\n", "Three\n\nC.\n"];
    let docs = records
        .iter()
        .enumerate()
        .map(|(i, t)| parse_article(format!("r.jsonl:{}", i + 1), (*t).into()))
        .collect();
    load(&mut s, docs);
    update(&mut s, Msg::Reloaded(vec![changed("r.jsonl", &["Uno\n\nA.\n", "Two\n\nB.\n"])]));
    assert_eq!(s.docs[0].title(), "Uno");
    assert_eq!(s.gone.iter().copied().collect::<Vec<_>>(), vec![2]);
    assert_eq!(s.list.rows, vec![0, 1]);
    // A prefix of another name is not the same file.
    update(&mut s, Msg::Reloaded(vec![FileChange::Removed("r.json".into())]));
    assert_eq!(s.live_count(), 2);
}

#[test]
fn the_end_of_the_load_says_how_many_entities_came_from_the_cache() {
    let mut s = AppState::new(Keymap::default(), 120, 20);
    let docs = docs();
    docs[3].entities.set(Vec::new()).unwrap();
    load(&mut s, docs);
    assert_eq!(s.message.as_deref(), Some("loaded 30 articles, 1 with their entities from the cache"));
    assert_eq!(loaded().message, None, "nothing from the cache, nothing to say");
}
