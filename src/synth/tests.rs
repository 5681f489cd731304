use super::*;

#[test]
fn same_seed_same_text_other_seed_other_text() {
    assert_eq!(article(7, 42), article(7, 42));
    assert_ne!(article(7, 42), article(8, 42));
    assert_ne!(article(7, 42), article(7, 43));
}

#[test]
fn articles_have_the_size_of_real_ones() {
    for i in 0..300 {
        let len = article(1, i).len();
        assert!((1500..=4800).contains(&len), "article {i} is {len} bytes");
    }
}

#[test]
fn documents_parse_with_titles_dates_sources_and_both_languages() {
    let docs = documents(3, 400);
    assert_eq!(docs.len(), 400);
    assert_eq!(docs[12].path, "synth/0000012.txt");
    assert!(docs.iter().all(|d| !d.title().is_empty() && d.words() > 150));
    let dated: Vec<&str> = docs.iter().filter_map(|d| d.date()).collect();
    assert!(dated.len() > 200 && dated.len() < 400, "{} dated", dated.len());
    assert!(dated.iter().all(|d| ("2020".."2025").contains(&&d[..4])), "{dated:?}");
    assert!(docs.iter().any(|d| d.date().is_some_and(|d| d.len() == 7)), "no ` date` header");
    assert!(docs.iter().any(|d| d.date().is_some_and(|d| d.len() == 16)), "no updated line");
    let sourced = docs.iter().filter(|d| d.source().is_some()).count();
    assert!(sourced > 150 && sourced < 350, "{sourced} sourced");
    let fr = docs.iter().filter(|d| d.lang() == "fr").count();
    let en = docs.iter().filter(|d| d.lang() == "en").count();
    assert!(fr > 200 && en > 60, "fr {fr} en {en}");
    let titles: std::collections::HashSet<&str> = docs.iter().map(|d| d.title()).collect();
    assert!(titles.len() > 390, "titles repeat: {} distinct", titles.len());
}

#[test]
fn weekdays_are_right() {
    // 29 November 2023 was a Wednesday; 1 January 2020 a Wednesday too.
    let mut c = Cast::new(&mut Rng::new(0, 0));
    (c.year, c.month, c.day) = (2023, 11, 29);
    assert_eq!(c.weekday(), 3);
    (c.year, c.month, c.day) = (2020, 1, 1);
    assert_eq!(c.weekday(), 3);
}

#[test]
fn french_elides_before_vowels() {
    assert_eq!(elide("le accord de Alsace et ce hôpital"), "l'accord d'Alsace et cet hôpital");
    assert_eq!(elide("Titre\nLe investissement de Paris"), "Titre\nL'investissement de Paris");
}
