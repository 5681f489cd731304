//! Property tests of the query parser and the entity recognizer: no input makes
//! them panic, and the recognizer's mentions always respect their invariants
//! (in bounds, on char boundaries, sorted, non-overlapping, text = slice).

use kiosque::entities::Recognizer;
use kiosque::query;
use proptest::prelude::*;

/// Pieces of queries, including every operator and qualifier, glued at random.
const QUERY_PIECES: &[&str] = &[
    " ", "'", "^", "$", "!", "|", "\"", "title:", "body:", "src:", "lang:", "per:", "org:", "loc:", "misc:",
    "ent:", "date:", "date:>=", "date:<", "..", "2022", "-11", "-31", "is:", "label:", "read", "starred",
    "kherson", "Été", "œ", "’", "😀", "\u{a0}", "\x1b[2J", "\u{202e}", "a", "NATO",
];

/// Pieces of article text that exercise the recognizer's rules.
const TEXT_PIECES: &[&str] = &[
    " ",
    "\n",
    "\n\n",
    "l'",
    "d’",
    "M. ",
    "Mme ",
    "le président ",
    "a déclaré ",
    "said ",
    "Jens Stoltenberg",
    "Stoltenberg",
    "OTAN",
    "Otan",
    "NATO",
    "Kyiv",
    "Kiev",
    "Russie",
    "Khersonsous",
    "mer Baltique",
    "Nord Stream",
    "mercredi",
    "29 novembre 2023",
    "2022-11",
    "150 milliards de dollars",
    "$5bn",
    "80%",
    "300 000 hommes",
    "1,3 million de personnes",
    "plus de 30 navires",
    "LE CHEF DE L'OTAN",
    "SAUL LOEB | PA",
    "« ",
    " »",
    "“",
    "”",
    "é",
    "漢字",
    "😀",
    "\u{202e}",
    "\u{200b}",
    "\x1b[31m",
    "\u{9b}",
    "\0",
    ".",
    ",",
    "-",
    "Sky News",
    "CNN",
    "Rapporte BFMTV",
];

fn glued(pieces: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(pieces), 0..max).prop_map(|v| v.concat()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn query_parser_never_panics(input in glued(QUERY_PIECES, 24)) {
        match query::parse(&input) {
            // Blank input is the empty query, which matches everything.
            Ok(q) => prop_assert!(!input.trim().is_empty() || q.is_empty()),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn recognizer_mentions_keep_their_invariants(text in glued(TEXT_PIECES, 80)) {
        let mentions = Recognizer::builtin().extract(&text);
        let mut last_end = 0;
        for m in &mentions {
            let (start, end) = (m.start(), m.end());
            prop_assert!(start < end && end <= text.len(), "{}..{} out of bounds", start, end);
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert!(start >= last_end, "mentions overlap or are out of order");
            prop_assert!(!m.canonical(&text).is_empty());
            prop_assert_eq!(text[start..end].trim(), &text[start..end], "a span has surrounding spaces");
            last_end = end;
        }
    }
}

#[test]
fn an_empty_query_matches_everything_and_bad_ones_say_why() {
    assert!(query::parse("").unwrap().is_empty());
    assert!(query::parse("   ").unwrap().is_empty());
    let e = query::parse("nope:x").unwrap_err().to_string();
    assert!(e.contains("nope"), "{e}");
    let e = query::parse("date:2022-13").unwrap_err().to_string();
    assert!(e.contains("2022-13"), "{e}");
}
