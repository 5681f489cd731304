//! Corrections from the entity panel: which correction each key asks for, one at
//! a time, and how the corrected corpus is swapped in (or asked for again when
//! the corpus changed meanwhile); per-entity timelines; `y` on a quote.

use super::*;
use crate::entities::{Correction, EntityKind, Mention, UserEntity};

/// Sets the mentions of document `doc`: each name at the first occurrence of its word.
fn mentions(s: &AppState, doc: usize, names: &[(&str, EntityKind, &str)]) {
    let text = &s.docs[doc].text;
    let m = names
        .iter()
        .map(|(word, kind, name)| {
            let start = text.find(word).unwrap();
            Mention::new(text, start, start + word.len(), *kind, name)
        })
        .collect();
    s.docs[doc].entities.set(m).unwrap();
}

fn shift(s: &mut AppState, c: char) -> Vec<Effect> {
    update(s, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)))
}

fn correction(fx: &[Effect]) -> Option<&Correction> {
    fx.iter().find_map(|e| if let Effect::Correct(Some(c)) = e { Some(c) } else { None })
}

/// The corpus as the correction worker sends it back: copies whose entities are `found`.
fn corrected(s: &mut AppState, found: Vec<Mention>) -> Vec<Effect> {
    let docs: Vec<Document> = s.docs.iter().map(Document::without_entities).collect();
    docs[0].entities.set(found).unwrap();
    let titles = docs.iter().map(|d| d.title().to_string()).collect();
    let msg = Msg::Corrected {
        version: s.version,
        docs: Arc::new(docs),
        searcher: Arc::new(Fixed(titles)),
        annotator: Arc::new(|_: &str| Vec::new()),
        note: "suppressed “First” (entities.toml)".into(),
    };
    update(s, msg)
}

#[test]
fn d_suppresses_the_selected_name_one_correction_at_a_time() {
    let mut s = loaded();
    let (anna, ines) =
        (("First", EntityKind::Per, "Anna Berg"), ("paragraph", EntityKind::Per, "Ines Dalgaard"));
    mentions(&s, 0, &[anna, ines]);
    let fx = shift(&mut s, 'E');
    // With the facets known, "Anna Berg" is a facet too: the selection must not jump to it.
    for e in fx {
        if let Effect::Lookups { generation, rows } = e {
            let facets = crate::lookups::facets(&s.docs, &rows, 8);
            let timeline = crate::lookups::timeline(&s.docs, &rows);
            update(&mut s, Msg::Lookups { generation, facets, timeline });
        }
    }
    let fx = key(&mut s, KeyCode::Char('d'));
    assert_eq!(correction(&fx), Some(&Correction::Suppress(vec!["First".into()])));
    assert!(s.lookups.correcting && s.busy(), "the spinner turns while it is applied");
    let fx = key(&mut s, KeyCode::Char('d'));
    assert!(correction(&fx).is_none(), "one correction at a time");
    // The answer swaps the corpus in and everything that shows entities follows.
    let start = s.docs[0].text.find("paragraph").unwrap();
    let left = Mention::new(&s.docs[0].text, start, start + 9, EntityKind::Per, "Ines Dalgaard");
    let fx = corrected(&mut s, vec![left]);
    assert!(!s.lookups.correcting);
    assert_eq!(s.docs[0].entities.get().unwrap().len(), 1);
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!("the panel stays open") };
    let selected = p.selected_entity();
    assert_eq!(selected, Some((EntityKind::Per, "Ines Dalgaard".into())), "the next name takes its place");
    assert!(fx.iter().any(|e| matches!(e, Effect::Lookups { .. })), "facets again");
    assert!(fx.iter().any(|e| matches!(e, Effect::EntityTimelines { .. })), "timelines again");
    assert_eq!(s.message.as_deref(), Some("suppressed “First” (entities.toml)"));
}

#[test]
fn an_answer_for_a_replaced_corpus_asks_again_and_failures_are_said() {
    let mut s = loaded();
    mentions(&s, 0, &[("paragraph", EntityKind::Per, "Ines Dalgaard")]);
    shift(&mut s, 'E');
    key(&mut s, KeyCode::Char('d'));
    // The answer is for these documents; a file added on disk joins them in
    // place meanwhile (nothing else holds them), in the same `Arc`.
    let (version, at) = (s.version, Arc::as_ptr(&s.docs));
    let old = s.docs.iter().map(Document::without_entities).collect();
    let added = parse_article("fx/late.txt", "Late news\n\nBody.\n".into());
    let keys = vec![crate::review::key_of(&added)];
    let file = FileChange::Changed { path: "fx/late.txt".into(), docs: vec![added], keys };
    update(&mut s, Msg::Reloaded(vec![file]));
    assert!(std::ptr::eq(Arc::as_ptr(&s.docs), at) && s.docs.len() == 31);
    let msg = Msg::Corrected {
        version,
        docs: Arc::new(old),
        searcher: Arc::new(Fixed(Vec::new())),
        annotator: Arc::new(|_: &str| Vec::new()),
        note: String::new(),
    };
    assert_eq!(update(&mut s, msg), vec![Effect::Correct(None)]);
    assert!(s.docs.len() == 31 && s.lookups.correcting, "the older corpus is not swapped in");
    update(&mut s, Msg::CorrectionFailed("entities.toml was not changed: bad".into()));
    assert!(!s.lookups.correcting);
    assert_eq!(s.message.as_deref(), Some("entities.toml was not changed: bad"));
}

#[test]
fn shift_k_retags_with_the_kind_chosen() {
    let mut s = loaded();
    mentions(&s, 0, &[("paragraph", EntityKind::Per, "Ines Dalgaard")]);
    shift(&mut s, 'E');
    shift(&mut s, 'K');
    assert_eq!(s.mode(), crate::app::keymap::Mode::Retag);
    let Some(Overlay::Retag(r)) = s.overlays.last() else { panic!("the kind chooser is open") };
    assert_eq!(r.kind(), EntityKind::Org, "it starts past the current kind");
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Enter);
    let want = UserEntity {
        name: "Ines Dalgaard".into(),
        kind: Some(EntityKind::Loc),
        aliases: vec!["paragraph".into()],
    };
    assert_eq!(correction(&fx), Some(&Correction::Retag(want)));
    assert!(matches!(s.overlays.last(), Some(Overlay::Entities(_))), "back to the panel");
    // Esc leaves the chooser without a correction.
    s.lookups.correcting = false;
    shift(&mut s, 'K');
    assert!(correction(&key(&mut s, KeyCode::Esc)).is_none());
    assert!(matches!(s.overlays.last(), Some(Overlay::Entities(_))));
}

#[test]
fn m_marks_and_shift_m_merges_the_selected_name_into_the_marked_one() {
    let mut s = loaded();
    mentions(
        &s,
        0,
        &[("First", EntityKind::Per, "Anna Berg"), ("paragraph", EntityKind::Org, "Harbour Board")],
    );
    shift(&mut s, 'E');
    assert!(correction(&shift(&mut s, 'M')).is_none());
    assert_eq!(s.message.as_deref(), Some("mark the name to keep with m first"));
    key(&mut s, KeyCode::Char('m'));
    assert_eq!(s.lookups.marked, Some((EntityKind::Per, "Anna Berg".to_string())));
    assert!(correction(&shift(&mut s, 'M')).is_none(), "not into itself");
    key(&mut s, KeyCode::Char('j'));
    let fx = shift(&mut s, 'M');
    let want = UserEntity {
        name: "Anna Berg".into(),
        kind: Some(EntityKind::Per),
        aliases: vec!["Harbour Board".into(), "paragraph".into()],
    };
    assert_eq!(correction(&fx), Some(&Correction::Merge(want)));
    assert_eq!(s.lookups.marked, None);
}

#[test]
fn the_panel_asks_for_its_entities_timelines_and_drops_stale_ones() {
    let mut s = loaded();
    mentions(&s, 0, &[("paragraph", EntityKind::Per, "Ines Dalgaard")]);
    let fx = shift(&mut s, 'E');
    let Some(Effect::EntityTimelines { generation, keys }) =
        fx.iter().find(|e| matches!(e, Effect::EntityTimelines { .. })).cloned()
    else {
        panic!("timelines asked for")
    };
    assert_eq!(keys, vec![(EntityKind::Per, "Ines Dalgaard".to_string())]);
    let monthly = crate::lookups::Monthly {
        first: "2024-01".into(),
        last: "2024-02".into(),
        counts: vec![1, 0],
        total: 1,
    };
    let answer = |generation| Msg::EntityTimelines {
        generation,
        keys: keys.clone(),
        timelines: Some(vec![monthly.clone()]),
    };
    update(&mut s, answer(generation - 1));
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!() };
    assert!(p.timelines.is_none(), "a stale answer is dropped");
    update(&mut s, answer(generation));
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!() };
    assert_eq!(p.timeline_of(&keys[0]), Some(Some(&monthly)));
    // No dated document: said, not computed forever.
    let fx = shift(&mut s, 'E');
    assert!(fx.is_empty(), "E closes the panel");
    let fx = shift(&mut s, 'E');
    let Some(Effect::EntityTimelines { generation, keys }) =
        fx.into_iter().find(|e| matches!(e, Effect::EntityTimelines { .. }))
    else {
        panic!("asked again")
    };
    update(&mut s, Msg::EntityTimelines { generation, keys: keys.clone(), timelines: None });
    let Some(Overlay::Entities(p)) = s.overlays.last() else { panic!() };
    assert_eq!(p.timeline_of(&keys[0]), Some(None));
}

#[test]
fn y_on_a_quote_copies_the_quote_with_its_speaker_and_title() {
    let text = "Harbour reopens\n\n« The cranes turn again », said Ines Dalgaard on Monday.\n";
    let docs = vec![parse_article("q.txt", text.to_string())];
    let mut s = AppState::new(Keymap::default(), 120, 20);
    load(&mut s, docs);
    mentions(&s, 0, &[("Ines Dalgaard", EntityKind::Per, "Ines Dalgaard")]);
    shift(&mut s, 'E');
    let fx = key(&mut s, KeyCode::Char('y'));
    assert!(
        matches!(fx.first(), Some(Effect::Copy(t)) if t.starts_with("Harbour reopens")),
        "on a name: the article"
    );
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('y'));
    let Some(Effect::Copy(copied)) = fx.first() else { panic!("copy asked for") };
    assert_eq!(copied, "“The cranes turn again”\n— Ines Dalgaard, “Harbour reopens”");
    assert!(s.message.as_deref().unwrap().contains("quote of Ines Dalgaard"));
}

#[test]
fn the_panel_timelines_are_counted_again_once_every_document_is_annotated() {
    let mut s = loaded();
    mentions(&s, 0, &[("paragraph", EntityKind::Per, "Ines Dalgaard")]);
    let asked = |fx: &[Effect]| fx.iter().any(|e| matches!(e, Effect::EntityTimelines { .. }));
    assert!(!asked(&update(&mut s, Msg::Annotating { done: 30, total: 30 })), "no panel, nothing to count");
    assert!(asked(&shift(&mut s, 'E')));
    assert!(asked(&update(&mut s, Msg::Annotating { done: 30, total: 30 })), "the counts were partial");
}
