//! The parser's rules, each on a small article of our own.

use super::parse_article;
use crate::corpus::{Document, ParagraphKind};

fn parse(text: &str) -> Document {
    parse_article("t.txt", text.to_string())
}

fn paragraphs(d: &Document) -> Vec<(ParagraphKind, &str)> {
    d.paragraphs().iter().map(|p| (p.kind, d.paragraph_text(p))).collect()
}

use ParagraphKind::{Bullet, Credit, Heading, Text};

#[test]
fn title_is_the_first_line_and_its_repeat_is_dropped() {
    let d =
        parse("\n  Le port rouvre  \n\nLe port a rouvert lundi.\n\nLe port rouvre\n\nLes navires entrent.\n");
    assert_eq!(d.title(), "Le port rouvre");
    assert_eq!(paragraphs(&d), [(Text, "Le port a rouvert lundi."), (Text, "Les navires entrent.")]);
    assert_eq!(d.body(), "Le port a rouvert lundi.\n\nLes navires entrent.");
    assert_eq!(d.words(), 8);
    assert_eq!(d.date(), None);
    assert_eq!(d.source(), None);
    assert_eq!(d.trailer(), None);
}

#[test]
fn date_header_gives_date_and_a_title_from_the_first_sentence() {
    let d =
        parse(" date 2021-06 Le barrage a cédé mardi. Les secours sont sur place.\n\nDeuxième paragraphe.");
    assert_eq!(d.date(), Some("2021-06"));
    assert_eq!(d.title(), "Le barrage a cédé mardi");
    // The header's text stays whole in the body.
    assert_eq!(
        paragraphs(&d),
        [(Text, "Le barrage a cédé mardi. Les secours sont sur place."), (Text, "Deuxième paragraphe.")]
    );
}

#[test]
fn date_header_alone_on_its_line_leaves_the_title_to_the_next_line() {
    let d = parse("date 2020-01-05\nLe titre\n\nLe corps.");
    assert_eq!(d.date(), Some("2020-01-05"));
    assert_eq!(d.title(), "Le titre");
    assert_eq!(paragraphs(&d), [(Text, "Le corps.")]);
}

#[test]
fn long_first_sentence_title_is_cut_with_ellipsis() {
    let sentence = "Le gouvernement a présenté mercredi un plan de relance qui prévoit des investissements \
                    massifs dans les transports, le logement et la rénovation des écoles rurales";
    let d = parse(&format!(" date 2022-11 {sentence}. Suite."));
    assert!(d.title().ends_with('…'), "{}", d.title());
    assert!(d.title().chars().count() <= 120);
    assert!(sentence.starts_with(d.title().trim_end_matches('…')));
}

#[test]
fn updated_lines_give_the_date_and_leave_the_body() {
    let d = parse("Titre\n\nMis à jour mercredi 29 novembre 2023 – 13h34\n\nTexte du corps.");
    assert_eq!(d.date(), Some("2023-11-29T13:34"));
    assert_eq!(paragraphs(&d), [(Text, "Texte du corps.")]);
    let d = parse("Title\nUpdated Nov 2, 2021 at 9:05 am\nPublished Nov 1, 2021\nBody text.");
    assert_eq!(d.date(), Some("2021-11-01"), "publication wins over update");
    assert_eq!(paragraphs(&d), [(Text, "Body text.")]);
}

#[test]
fn dates_inside_the_text_are_not_the_articles_date() {
    let d = parse("Titre\n\nLe 3 mars 2021, la ville a voté.");
    assert_eq!(d.date(), None);
}

#[test]
fn without_blank_lines_each_line_is_a_paragraph() {
    let d = parse("Titre\nPremière ligne.\nDeuxième ligne.\nSous-titre\nTroisième ligne.");
    assert_eq!(
        paragraphs(&d),
        [
            (Text, "Première ligne."),
            (Text, "Deuxième ligne."),
            (Heading, "Sous-titre"),
            (Text, "Troisième ligne.")
        ]
    );
}

#[test]
fn with_blank_lines_consecutive_lines_join_and_bullets_stand_alone() {
    let d = parse(
        "Titre\n\nUne phrase qui\ncontinue ici.\n\n  • Premier point\n  • Second point\n  - Troisième\n\nFin.",
    );
    assert_eq!(
        paragraphs(&d),
        [
            (Text, "Une phrase qui\ncontinue ici."),
            (Bullet, "Premier point"),
            (Bullet, "Second point"),
            (Bullet, "Troisième"),
            (Text, "Fin.")
        ]
    );
}

#[test]
fn credits_headings_and_capitals() {
    let d = parse(
        "Titre\n\nUn soldat à Kyiv.JANE DOE | AFP\n\nCONTEXTE\n\nUn bilan lourd\n\nIl a dit :\n\nLe texte.",
    );
    assert_eq!(
        paragraphs(&d),
        [
            (Credit, "Un soldat à Kyiv.JANE DOE | AFP"),
            (Heading, "CONTEXTE"),
            (Heading, "Un bilan lourd"),
            (Text, "Il a dit :"),
            (Text, "Le texte.")
        ]
    );
}

#[test]
fn trailing_attribution_and_tag_lines_become_the_trailer() {
    let d = parse("Titre\n\nLe texte.\n\nSuivez l'actualité de Radio Nord sur\n\n  fr-07\n");
    assert_eq!(d.source(), Some("Radio Nord"));
    assert_eq!(d.trailer(), Some("Suivez l'actualité de Radio Nord sur\nfr-07"));
    assert_eq!(paragraphs(&d), [(Text, "Le texte.")]);
}

#[test]
fn attribution_closing_the_last_paragraph_is_cut_off() {
    let d = parse("Titre\nLe texte continue. Les aides ont augmenté. Rapporte Le Courrier");
    assert_eq!(d.source(), Some("Le Courrier"));
    assert_eq!(d.trailer(), Some("Rapporte Le Courrier"));
    assert_eq!(paragraphs(&d), [(Text, "Le texte continue. Les aides ont augmenté.")]);
}

#[test]
fn ranges_slice_the_text_exactly_with_crlf_and_nbsp() {
    let text = "Titre\r\n\r\n\u{a0}Premier paragraphe.\u{a0}\r\n\r\n • Point\r\n";
    let d = parse(text);
    assert_eq!(paragraphs(&d), [(Text, "Premier paragraphe."), (Bullet, "Point")]);
    for p in d.paragraphs() {
        assert!(d.text.is_char_boundary(p.start()) && d.text.is_char_boundary(p.end()));
    }
    assert_eq!(d.text, text, "the text is never changed");
}

#[test]
fn language_votes() {
    assert_eq!(parse("Titre\n\nLe ministre a dit que les troupes sont dans la ville.").lang(), "fr");
    assert_eq!(parse("Title\n\nThe minister said that the troops were in the city.").lang(), "en");
    assert_eq!(parse("123\n\n456").lang(), "und");
}

#[test]
fn empty_and_title_only_articles() {
    let d = parse("");
    assert_eq!(d.title(), "");
    assert!(d.paragraphs().is_empty());
    let d = parse("Seulement un titre");
    assert_eq!(d.title(), "Seulement un titre");
    assert!(d.paragraphs().is_empty());
    assert_eq!(d.words(), 0);
}

#[test]
fn markdown_headings() {
    let d = parse("# Titre\n\n## Contexte\n\nLe texte.");
    assert_eq!(paragraphs(&d), [(Heading, "Contexte"), (Text, "Le texte.")]);
}

proptest::proptest! {
    #[test]
    fn words_are_counted_as_split_whitespace_counts_them(s in "[a-zé \\t\\n\\u{a0}\\u{2009}\\u{3000}\\x0b\\x1c,.]{0,60}") {
        proptest::prop_assert_eq!(super::count_words(&s), s.split_whitespace().count());
    }

    /// Long ASCII runs, counted eight bytes at once, with the controls around
    /// the space range (backspace, shift out) and multi-byte spaces between runs.
    #[test]
    fn ascii_runs_count_words_as_split_whitespace(s in "[a-z \t\n\x0b\x0c\r\x08\x0e\x1f,.\u{a0}é]{0,300}") {
        proptest::prop_assert_eq!(super::count_words(&s), s.split_whitespace().count());
    }

    #[test]
    fn any_text_counts_words_as_split_whitespace(s in "\\PC{0,40}") {
        proptest::prop_assert_eq!(super::count_words(&s), s.split_whitespace().count());
    }
}

#[test]
fn every_unicode_space_separates_words() {
    let spaces: Vec<char> = (0..=0x10ffff).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
    assert!(spaces.len() > 20);
    for c in (0..=0x3100).filter_map(char::from_u32) {
        let s = format!("a{c}b");
        assert_eq!(super::count_words(&s), s.split_whitespace().count(), "{c:?}");
    }
    for c in spaces {
        assert_eq!(super::count_words(&format!("a{c}b{c}")), 2, "{c:?}");
    }
}
