use super::*;
use crate::entities::Mention;
use crate::entities::tokens::tokenize;

fn found(text: &str) -> Vec<(&str, EntityKind, String)> {
    let mut out = Vec::new();
    find(text, &tokenize(text), &mut out);
    let mut mentions = crate::entities::resolve::select(text, &out);
    mentions.sort_by_key(Mention::start);
    mentions.into_iter().map(|m| (&text[m.range()], m.kind, m.canonical(text).to_string())).collect()
}

fn spans(text: &str) -> Vec<(&str, EntityKind)> {
    found(text).into_iter().map(|(s, k, _)| (s, k)).collect()
}

#[test]
fn full_dates_are_one_span_with_an_iso_canonical() {
    let got = found("Mis à jour mercredi 29 novembre 2023 – 13h34");
    assert_eq!(got, [("mercredi 29 novembre 2023", EntityKind::Date, "2023-11-29".to_string())]);
    let got = found("On Tuesday, November 29, 2023 it rained; le 1er mars 2024 aussi.");
    assert_eq!(got[0].0, "Tuesday, November 29, 2023");
    assert_eq!(got[0].2, "2023-11-29");
    assert_eq!(got[1], ("1er mars 2024", EntityKind::Date, "2024-03-01".to_string()));
}

#[test]
fn month_year_weekday_year_and_iso_dates() {
    assert_eq!(
        spans("en février 2022, lundi, en 2024 et hier"),
        [("février 2022", EntityKind::Date), ("lundi", EntityKind::Date), ("2024", EntityKind::Date)]
    );
    assert_eq!(found(" date 2022-11 La suite")[0].2, "2022-11");
    assert_eq!(spans("the planet Mars, you may go"), []);
}

#[test]
fn money_with_multipliers_symbols_and_context() {
    let got = found("plus de 150 milliards de dollars d'aide, dont 65 milliards dans le domaine militaire");
    assert_eq!(got[0], ("150 milliards de dollars", EntityKind::Money, "150000000000 USD".to_string()));
    assert_eq!(got[1], ("65 milliards", EntityKind::Money, "65000000000 USD".to_string()));
    let got = found("The project cost $2.4bn and €12m, or 2 millions d'euros.");
    assert_eq!(got[0], ("$2.4bn", EntityKind::Money, "2400000000 USD".to_string()));
    assert_eq!(got[1].0, "€12m");
    assert_eq!(got[2], ("2 millions d'euros", EntityKind::Money, "2000000 EUR".to_string()));
}

#[test]
fn quantities_start_at_the_numeral_and_keep_the_head_noun() {
    assert_eq!(
        spans("plus de 300 000 hommes et environ 80% de ses forces"),
        [("300 000 hommes", EntityKind::Quantity), ("80%", EntityKind::Quantity)]
    );
    let got = found("1,3 million de personnes, 120,000 homes, plus de 30 navires");
    assert_eq!(got[0], ("1,3 million de personnes", EntityKind::Quantity, "1300000 personnes".to_string()));
    assert_eq!(got[1].0, "120,000 homes");
    assert_eq!(got[2].0, "30 navires");
}

#[test]
fn times_ordinals_and_codes_are_not_quantities() {
    assert_eq!(spans("à 9h12, le 2ème rang, fr-01, F-16, 13:34 de la"), []);
}

#[test]
fn the_digit_scan_finds_every_digit() {
    let text = "abcdefghij 7 klmnopqrstuvwxyz ÉÈ€ 0123456789 ////:::: end9";
    let bytes = text.as_bytes();
    for from in 0..=bytes.len() {
        let want = bytes[from..].iter().position(u8::is_ascii_digit).map_or(bytes.len(), |p| from + p);
        assert_eq!(next_digit(bytes, from), want, "from {from}");
    }
}

/// A canonical value as `push` writes it.
fn written(parts: &[super::Part]) -> String {
    let mut s = String::new();
    super::write_parts(&mut s, parts).expect("a String takes any length");
    s
}

#[test]
fn values_are_integers_or_at_most_six_decimals_without_trailing_zeros() {
    use super::Part::{Padded, Str, Value};
    assert_eq!(written(&[Value(1_300_000.0), Str(" "), Str("personnes")]), "1300000 personnes");
    assert_eq!(written(&[Value(0.0)]), "0");
    assert_eq!(written(&[Value(-4.0)]), "-4");
    assert_eq!(written(&[Value(2.5), Str("%")]), "2.5%");
    assert_eq!(written(&[Value(0.123_456_789)]), "0.123457");
    // Past 2^53 a value is no longer read as an integer, and is written in full.
    assert_eq!(written(&[Value(1e20)]), "100000000000000000000");
    assert_eq!(written(&[Padded(2023, 4), Str("-"), Padded(3, 2), Str("-"), Padded(14, 2)]), "2023-03-14");
    assert_eq!(written(&[Padded(987, 4), Str("-"), Padded(12, 2)]), "0987-12");
    assert_eq!(written(&[Padded(u32::MAX, 1)]), "4294967295");
}

#[test]
fn decimal_amounts_and_shares_keep_their_decimals() {
    let got = found("Le budget atteint 1,3 milliard d'euros, soit 2,5 % du total.");
    assert_eq!(got[0], ("1,3 milliard d'euros", EntityKind::Money, "1300000000 EUR".to_string()));
    assert_eq!(got[1], ("2,5 %", EntityKind::Quantity, "2.5%".to_string()));
}

#[test]
fn integer_values_are_the_parsed_values() {
    for digits in ["0", "7", "007", "2023", "300000", "999999999999999", "1000000000000000", "2.5", "12.125"]
    {
        assert_eq!(super::value_of(digits), digits.parse::<f64>().unwrap_or(0.0), "{digits}");
    }
}
