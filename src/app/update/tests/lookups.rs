//! Lookup panels: what Enter adds to the filter bar, stale answers dropped,
//! related articles opened, the article handed to the clipboard or a pager.

use super::*;
use crate::entities::{EntityKind, Mention};

/// Gives document `doc` a mention of `name` (kind `kind`) at its first occurrence
/// of "paragraph" (the fixture's text has one per document).
fn mention(s: &AppState, doc: usize, kind: EntityKind, name: &str) {
    let start = s.docs[doc].text.find("paragraph").unwrap();
    let m = Mention::new(&s.docs[doc].text, start, start + 9, kind, name);
    s.docs[doc].entities.set(vec![m]).unwrap();
}

/// Answers the lookups request in `fx` as the worker would.
fn compute(s: &mut AppState, fx: &[Effect]) {
    for e in fx {
        if let Effect::Lookups { generation, rows } = e {
            let facets = crate::lookups::facets(&s.docs, rows, 8);
            let timeline = crate::lookups::timeline(&s.docs, rows);
            update(s, Msg::Lookups { generation: *generation, facets, timeline });
        }
    }
}

fn search_of(fx: &[Effect]) -> Option<String> {
    fx.iter().find_map(|e| if let Effect::Search { query, .. } = e { Some(query.clone()) } else { None })
}

#[test]
fn enter_on_an_entity_puts_its_term_in_the_filter_bar() {
    let mut s = loaded();
    mention(&s, 0, EntityKind::Per, "Ines Dalgaard");
    let fx = key(&mut s, KeyCode::Char('E'));
    assert!(fx.iter().any(|e| matches!(e, Effect::Lookups { .. })), "the facets are asked for");
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!("the panel is open") };
    assert_eq!(p.rows[p.selected].term().as_deref(), Some("per:\"Ines Dalgaard\""));
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(search_of(&fx).as_deref(), Some("per:\"Ines Dalgaard\""));
    assert!(
        matches!(s.overlays.last(), Some(Overlay::Filter)),
        "the bar has the keys: the term can be edited"
    );
    assert_eq!(field_text(&s.filter.input), "per:\"Ines Dalgaard\"");
    // Esc in the bar restores the filter as it was before the term.
    key(&mut s, KeyCode::Esc);
    assert_eq!(field_text(&s.filter.input), "");
}

#[test]
fn a_facet_narrows_the_current_filter_and_stale_facets_are_dropped() {
    let mut s = loaded();
    key(&mut s, KeyCode::Char('/'));
    let fx = typ(&mut s, "r 1");
    run_searches(&mut s, fx);
    key(&mut s, KeyCode::Enter);
    for d in [1, 10, 11] {
        mention(&s, d, EntityKind::Org, "Harbour Board");
    }
    let first = key(&mut s, KeyCode::Char('E'));
    // A newer request (the filter changed) makes the first answer stale.
    let Some(Overlay::Entities(_)) = s.overlays.last() else { panic!() };
    let mut fx2 = Vec::new();
    super::super::lookups::refresh(&mut s, &mut fx2);
    compute(&mut s, &first);
    assert!(s.lookups.facets.is_none(), "a stale answer is dropped");
    compute(&mut s, &fx2);
    let facets = s.lookups.facets.clone().unwrap();
    assert_eq!(facets.organisations, vec![("Harbour Board".to_string(), 3)]);
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!() };
    let at = p.rows.iter().position(|r| r.term().as_deref() == Some("org:\"Harbour Board\"")).unwrap();
    let from = p.selected;
    for _ in from..at {
        key(&mut s, KeyCode::Char('j'));
    }
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(search_of(&fx).as_deref(), Some("r 1 org:\"Harbour Board\""));
}

#[test]
fn a_timeline_bar_adds_its_date_term() {
    let docs: Vec<Document> = (1..=3)
        .map(|m| {
            parse_article(format!("t/{m}.txt"), format!("Title {m}\n\nPublished 2024-0{m}-10\n\nBody {m}.\n"))
        })
        .collect();
    let mut s = AppState::new(Keymap::default(), 120, 20);
    load(&mut s, docs);
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('t'));
    compute(&mut s, &fx);
    let buckets = s.lookups.timeline.clone().unwrap().buckets;
    assert_eq!(buckets.iter().map(|b| b.count).sum::<usize>(), 3);
    // The open article (February) is neither the first bar nor the last.
    let Some(Overlay::Timeline(bar)) = s.overlays.last() else { panic!("the timeline is open") };
    let bar = *bar;
    assert!(
        bar > 0 && bar + 1 < buckets.len() && buckets[bar].count == 1,
        "starts on the open article's bar"
    );
    assert!(s.docs[1].date().unwrap() >= buckets[bar].label.as_str());
    key(&mut s, KeyCode::Char('l'));
    let fx = key(&mut s, KeyCode::Enter);
    let want = buckets[bar + 1].filter.clone();
    assert!(want.starts_with("date:"));
    assert_eq!(search_of(&fx), Some(want));
}

#[test]
fn related_articles_are_asked_for_and_enter_opens_one() {
    let mut s = loaded();
    let fx = key(&mut s, KeyCode::Char('r'));
    assert_eq!(fx, vec![Effect::Related(0)]);
    let item = crate::lookups::Related { doc: 7, score: 1.0, shared: vec!["X".into()], duplicates: vec![] };
    update(&mut s, Msg::Related { doc: 0, items: vec![item] });
    key(&mut s, KeyCode::Enter);
    assert!(s.overlays.is_empty());
    assert_eq!((s.reader.doc, s.focus), (Some(7), Focus::Reader));
}

#[test]
fn y_copies_and_o_pages_the_article_and_no_url_is_said() {
    let mut s = loaded();
    let fx = key(&mut s, KeyCode::Char('y'));
    let Some(Effect::Copy(text)) = fx.first() else { panic!("copy asked for") };
    assert!(text.starts_with("Article number 0\n") && text.contains("First paragraph of 0."));
    let fx = key(&mut s, KeyCode::Char('o'));
    assert!(matches!(fx.first(), Some(Effect::Pager(t)) if t.contains("Second one")));
    let fx = update(&mut s, Msg::Key(KeyEvent::new(KeyCode::Char('O'), KeyModifiers::SHIFT)));
    assert!(fx.is_empty());
    assert_eq!(s.message.as_deref(), Some("this article has no URL"));
}
