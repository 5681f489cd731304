//! Property tests of the corpus layer: no input makes the parser, the date
//! reader or the JSON loader panic, and the parser's ranges always slice the text.

use kiosque::corpus::{Document, parse_article, parse_date};
use proptest::prelude::*;

/// Pieces that exercise every parsing rule, glued in random order.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\r\n",
    " ",
    "\u{a0}",
    "\t",
    " date 2022-11 ",
    "date 2023-02-30 ",
    "Mis à jour le mardi 3 mars 2023 à 9h12",
    "Published Nov 2, 2021 at 1:34 pm",
    "• ",
    "  - ",
    "* ",
    "Rapporte Le Courrier",
    "(AFP)",
    "fr-01",
    "SAUL | PA",
    "Photo : X",
    "© Y",
    "« ",
    " »",
    "“",
    "”",
    "’",
    "é",
    "œ",
    "😀",
    "漢字",
    "\u{202e}",
    "\u{200b}",
    "\x1b[2J",
    "\u{9b}",
    "\0",
    ".",
    "M. ",
    "Titre",
    "TITRE EN CAPITALES",
    "Le ministre a dit que la ville est calme",
    "Suivez l'actualité du Nord sur",
    "# ",
    "…",
    "Source : ",
    "?",
    "!",
    "le",
    "the",
    "2024",
    "29/11/2023",
];

fn article() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat()),
        any::<String>(),
        (prop::collection::vec(prop::sample::select(PIECES), 0..20), any::<String>())
            .prop_map(|(v, s)| format!("{}{s}{}", v.concat(), v.concat())),
    ]
}

fn check_invariants(d: &Document) {
    let mut last_end = 0;
    for p in d.paragraphs() {
        assert!(
            p.start() < p.end() && p.end() <= d.text.len(),
            "range {}..{} out of bounds",
            p.start(),
            p.end()
        );
        assert!(d.text.is_char_boundary(p.start()) && d.text.is_char_boundary(p.end()));
        assert!(p.start() >= last_end, "paragraphs overlap or are out of order");
        let slice = &d.text[p.start()..p.end()];
        assert_eq!(slice, slice.trim(), "a paragraph is not trimmed");
        last_end = p.end();
    }
    assert_eq!(d.title(), d.title().trim());
    assert!(d.title().chars().count() <= d.text.chars().count() + 1);
    assert_eq!(d.words(), d.body().split_whitespace().count());
    assert!(["fr", "en", "und"].contains(&d.lang()));
    if let Some(date) = d.date() {
        assert!(parse_date(date).as_deref() == Some(date), "date {date} is not an ISO prefix");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parser_never_panics_and_ranges_slice_the_text(text in article()) {
        let d = parse_article("p.txt", text.clone());
        prop_assert_eq!(&d.text, &text);
        check_invariants(&d);
    }

    #[test]
    fn date_reader_never_panics(s in article()) {
        if let Some(date) = parse_date(&s) {
            prop_assert!(date.len() >= 4 && date.is_ascii());
        }
    }

    #[test]
    fn json_records_never_panic(title in article(), body in article(), date in article()) {
        let record = serde_json::json!({"title": title, "body": body, "date": date});
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.jsonl");
        std::fs::write(&file, format!("{record}\n{{broken\n")).unwrap();
        let loaded = kiosque::corpus::load_paths(&[file]);
        prop_assert!(loaded.docs.len() <= 1);
        prop_assert!(!loaded.warnings.is_empty(), "the broken line is reported");
        for d in &loaded.docs {
            check_invariants(d);
        }
    }
}
