use super::*;
use crate::corpus::parse_article;
use proptest::prelude::*;

#[test]
fn subsequence() {
    assert!(is_subsequence("jens stoltenberg", "jstb"));
    assert!(!is_subsequence("jens stoltenberg", "bj"));
    assert!(is_subsequence("abc", ""));
}

#[test]
fn fuzzy_needs_a_minimum_score() {
    let m = Matchers::default();
    let title = "le secretaire general de l'otan jens stoltenberg a kherson";
    assert!(m.fuzzy(title, "stoltenberg", false).is_some());
    assert!(m.fuzzy(title, "stoltnberg", false).is_some(), "a missing letter still matches");
    assert!(m.fuzzy(title, "kherson", false).is_some());
    // Scattered letters across a long title are not a match.
    assert!(is_subsequence(title, "sagrk"));
    assert_eq!(m.fuzzy(title, "sagrk", false), None);
    assert_eq!(field_score(&m, title, "sagrk", Kind::Fuzzy, false, false), 0);
    assert!(field_score(&m, title, "stolten", Kind::Fuzzy, false, false) > 0);
}

#[test]
fn short_terms_and_strict_terms_are_word_prefixes() {
    let m = Matchers::default();
    let t = "la russie perd du terrain";
    assert!(field_score(&m, t, "ru", Kind::Fuzzy, false, false) > 0);
    assert_eq!(field_score(&m, t, "us", Kind::Fuzzy, false, false), 0);
    assert_eq!(field_score(&m, t, "ussie", Kind::Fuzzy, true, false), 0);
    assert!(field_score(&m, t, "terr", Kind::Fuzzy, true, false) > 0);
}

#[test]
fn exact_prefix_suffix_on_fields() {
    let m = Matchers::default();
    let t = "l'otan confiant en l'ukraine !";
    assert!(field_score(&m, t, "fian", Kind::Exact, false, false) > 0);
    assert_eq!(field_score(&m, t, "fain", Kind::Exact, false, false), 0);
    assert!(field_score(&m, t, "l'otan", Kind::Prefix, false, false) > 0);
    assert_eq!(field_score(&m, t, "otan", Kind::Prefix, false, false), 0);
    assert!(field_score(&m, t, "ukraine", Kind::Suffix, false, false) > 0);
    assert_eq!(field_score(&m, t, "confiant", Kind::Suffix, false, false), 0);
}

fn doc(body: &str) -> Document {
    parse_article("t.txt", format!("Titre\n\n{body}"))
}

fn spec(words: &[&str], mode: WordMode, cs: bool) -> BodySpec {
    BodySpec { words: words.iter().map(|w| (*w).to_string()).collect(), mode, case_sensitive: cs }
}

#[test]
fn body_words_prefixes_and_folding_map_to_original_bytes() {
    let d = doc("Les forces ukrainiennes à Kherson.\n\nLe cœur de l’Ukraine.");
    let slices =
        |s: &BodySpec| -> Vec<&str> { s.ranges(&d, 10).iter().map(|r| &d.text[r.clone()]).collect() };
    assert_eq!(slices(&spec(&["ukr"], WordMode::Prefix, false)), ["ukr", "Ukr"]);
    assert_eq!(slices(&spec(&["coeur"], WordMode::Prefix, false)), ["cœur"]);
    assert_eq!(slices(&spec(&["kraine"], WordMode::Prefix, false)), Vec::<&str>::new());
    assert_eq!(slices(&spec(&["kraine"], WordMode::Contains, false)), ["kraine"]);
    assert_eq!(slices(&spec(&["iennes"], WordMode::Suffix, false)), ["iennes"]);
    // Smart case: a capital must match a capital.
    assert_eq!(slices(&spec(&["Ukr"], WordMode::Prefix, true)), ["Ukr"]);
    // Phrases: consecutive words, the last one a prefix; apostrophes split words.
    assert_eq!(slices(&spec(&["l", "ukraine"], WordMode::Prefix, false)), ["l’Ukraine"]);
    assert_eq!(slices(&spec(&["forces", "ukr"], WordMode::Prefix, false)), ["forces ukr"]);
    assert_eq!(slices(&spec(&["forces", "kherson"], WordMode::Prefix, false)), Vec::<&str>::new());
    assert_eq!(spec(&["e"], WordMode::Contains, false).ranges(&d, 2).len(), 2, "limit holds");
}

#[test]
fn fuzzy_matches_start_at_a_word() {
    let m = Matchers::default();
    let t = "jens stoltenberg a bruxelles";
    assert_eq!(fuzzy_start(t, "stoltnberg"), Some(5));
    assert_eq!(fuzzy_start(t, "stltnbrg"), Some(5));
    assert_eq!(fuzzy_start(t, "sotlenberg"), None, "the first two letters open the word");
    assert_eq!(fuzzy_start(t, "berg"), None, "inside a word: use 'berg");
    assert_eq!(m.fuzzy(t, "berg", false), None);
    assert!(field_score(&m, t, "berg", Kind::Exact, false, false) > 0);
    let indices = m.fuzzy_indices(t, "brux", false).unwrap();
    assert_eq!(indices, [19, 20, 21, 22], "indices count from the start of the field");
}

/// Fields and patterns made of every class of char nucleo tells apart:
/// lower and upper case (ASCII or not), digits, whitespace, its delimiters
/// (`/,:;|`) and other non-word chars.
fn nucleo_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &['a', 'b', 'e', 'é', 'B', 'É', '1', ' ', '\u{a0}', '-', '\'', '/', ':', '.', '_'][..],
        ),
        1..max,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn no_fuzzy_score_exceeds_the_bound(field in nucleo_text(40), pattern in nucleo_text(8), cs: bool) {
        // The raw score, before the minimum and the word start; with and
        // without indices (nucleo takes other paths for them).
        let m = Matchers::default();
        let bound = fuzzy_bound(&pattern);
        for score in [m.score(&field, &pattern, cs, None), m.score(&field, &pattern, cs, Some(&mut Vec::new()))]
            .into_iter()
            .flatten()
        {
            prop_assert!(score <= bound, "{field:?} {pattern:?}: {score} > {bound}");
        }
    }

    #[test]
    fn a_score_does_not_depend_on_the_previous_call(
        a in nucleo_text(40), p in nucleo_text(8), b in nucleo_text(40), q in nucleo_text(8),
    ) {
        let m = Matchers::default();
        let first = m.score(&a, &p, false, None);
        let _ = m.score(&b, &q, false, None);
        prop_assert_eq!(m.score(&a, &p, false, None), first);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn fuzzy_scores_what_nucleo_scores(
        pre in nucleo_text(12), pattern in nucleo_text(8), post in nucleo_text(12), cs: bool,
    ) {
        // Fields where the pattern starts a word, and others.
        let m = Matchers::default();
        for field in [format!("{pre} {pattern}{post}"), format!("{pre}{post}"), format!("{pre}{pattern}")] {
            let nucleo = fuzzy_start(&field, &pattern)
                .and_then(|at| m.score(&field[at..], &pattern, cs, None))
                .filter(|&s| s >= min_score(&pattern));
            prop_assert_eq!(m.fuzzy(&field, &pattern, cs), nucleo, "{:?} {:?}", field, pattern);
        }
    }
}

#[test]
fn threads_score_alike() {
    let m = Matchers::default();
    let (title, pattern) = ("le port de brest en travaux", "port brest");
    let here = m.score(title, pattern, false, None);
    assert!(here.is_some());
    let there = std::thread::scope(|s| s.spawn(|| m.score(title, pattern, false, None)).join().unwrap());
    assert_eq!(there, here);
}

#[test]
fn smart_case_and_highlight_indices() {
    let m = Matchers::default();
    let t = "Jens Stoltenberg à Bruxelles";
    assert!(m.fuzzy(t, "Stolten", true).is_some());
    assert_eq!(m.fuzzy(t, "stolten", true), None, "a lowercase pattern is not a capital when case counts");
    // Char indices, past a non-ASCII char.
    assert_eq!(m.fuzzy_indices(t, "Bruxe", true).unwrap(), [19, 20, 21, 22, 23]);
}

#[test]
fn the_fuzzy_bound_is_reached_by_a_word_that_starts_with_the_pattern() {
    let m = Matchers::default();
    for (field, pattern) in
        [("investissement record", "inves"), ("le port de brest", "brest"), ("a-b", "a-b")]
    {
        let at = fuzzy_start(field, pattern).unwrap();
        let score = m.fuzzy(&field[at..], pattern, false).unwrap();
        assert!(score <= fuzzy_bound(pattern));
        if pattern.chars().all(char::is_alphanumeric) {
            assert_eq!(score, fuzzy_bound(pattern), "{field:?} {pattern:?}: the bound is tight");
        }
    }
}
