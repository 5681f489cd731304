//! Facets, related articles and the timeline on small corpora of our own, with
//! entities set by hand (the recognizer is tested on its own).

use super::*;
use crate::corpus::{Document, parse_article};
use crate::entities::{EntityKind, Mention};

/// An article mentioning `(kind, name)` pairs, each once, with an optional date and source.
fn article(
    body: &str,
    entities: &[(EntityKind, &str)],
    date: Option<&str>,
    source: Option<&str>,
) -> Document {
    let mut d = parse_article("t.txt", format!("Titre\n\n{body}"));
    d.set_date(date);
    d.set_source(source);
    let mentions = entities
        .iter()
        .enumerate()
        .map(|(i, (kind, name))| Mention::new(&d.text, i, i + 1, *kind, name))
        .collect();
    d.entities.set(mentions).unwrap();
    d
}

use EntityKind::{Date, Loc, Org, Per};

#[test]
fn facets_count_articles_not_mentions_and_rank_by_count_then_name() {
    let docs = vec![
        article("a", &[(Per, "Anna Lindqvist"), (Per, "Anna Lindqvist"), (Loc, "Dakar")], None, Some("AFP")),
        article("b", &[(Per, "Anna Lindqvist"), (Org, "OTAN"), (Per, "Ali Ba")], None, Some("AFP")),
        article("c", &[(Per, "Zoé Roux"), (Date, "2023")], None, None),
    ];
    let f = facets(&docs, &[0, 1, 2], 10);
    assert_eq!(f.people, [("Anna Lindqvist".into(), 2), ("Ali Ba".into(), 1), ("Zoé Roux".into(), 1)]);
    assert_eq!(f.organisations, [("OTAN".into(), 1)]);
    assert_eq!(f.places, [("Dakar".into(), 1)]);
    assert_eq!(f.sources, [("AFP".into(), 2)]);
    // Only the filtered set counts, and `top` cuts.
    let f = facets(&docs, &[2], 1);
    assert_eq!(f.people, [("Zoé Roux".into(), 1)]);
    assert!(f.sources.is_empty());
}

#[test]
fn related_weighs_rare_shared_entities_higher() {
    let common = (Loc, "Europe");
    let docs = vec![
        article("one", &[common, (Per, "Rare Name"), (Org, "Usual Org")], None, None),
        article("two", &[common, (Org, "Usual Org")], None, None),
        article("three", &[common, (Per, "Rare Name")], None, None),
        article("four", &[common, (Org, "Usual Org")], None, None),
        article("five", &[(Loc, "Elsewhere")], None, None),
    ];
    let r = related(&docs, 0, 10);
    let order: Vec<usize> = r.iter().map(|x| x.doc).collect();
    // "Rare Name" (df 2) outweighs "Usual Org" (df 3); "Europe" is in 4 of 5 articles.
    assert_eq!(order[0], 2);
    assert!(order.contains(&1) && order.contains(&3) && !order.contains(&4) && !order.contains(&0));
    assert_eq!(r[0].shared[0], "Rare Name");
    assert!(r[0].score > r[1].score);
}

#[test]
fn related_counts_each_shared_name_once_per_article() {
    let docs = vec![
        article("one", &[(Per, "Ana Sousa"), (Org, "Banque Nord")], None, None),
        article("two", &[(Per, "Ana Sousa"), (Per, "Ana Sousa"), (Per, "Ana Sousa")], None, None),
        article("three", &[(Org, "Banque Nord")], None, None),
        article("four", &[(Loc, "Porto")], None, None),
    ];
    let r = related(&docs, 0, 10);
    // Both names are in two articles of four: repeating one does not weigh more.
    let found: Vec<(usize, &[String])> = r.iter().map(|x| (x.doc, x.shared.as_slice())).collect();
    assert_eq!(found, [(1, &["Ana Sousa".to_string()][..]), (2, &["Banque Nord".to_string()][..])]);
    assert!((r[0].score - 2_f64.ln()).abs() < 1e-12 && (r[1].score - 2_f64.ln()).abs() < 1e-12);
}

#[test]
fn near_duplicate_versions_fold_into_one_entry() {
    let story = "Le port de Brest a rouvert lundi après trois jours de tempête sur toute la côte bretonne";
    let ents = [(Loc, "Brest"), (Per, "Hélène Marchand")];
    let docs = vec![
        article(story, &ents, None, None),
        article(&format!("{story} selon la préfecture"), &ents, None, None),
        article(&format!("Version longue. {story}"), &ents, None, None),
        article("Un tout autre texte sur la même ville et la même personne", &ents, None, None),
        article("Sans rapport", &[(Loc, "Lyon")], None, None),
    ];
    let r = related(&docs, 0, 10);
    assert_eq!(r.len(), 2, "{r:?}");
    let grouped = r.iter().find(|x| !x.duplicates.is_empty()).expect("a group");
    let mut versions = grouped.duplicates.clone();
    versions.push(grouped.doc);
    versions.sort_unstable();
    assert_eq!(versions, [1, 2]);
}

#[test]
fn timeline_by_month_with_empty_months_and_undated() {
    let docs = vec![
        article("a", &[], Some("2022-11"), None),
        article("b", &[], Some("2023-02-03T10:00"), None),
        article("c", &[], Some("2022-11-20"), None),
        article("d", &[], None, None),
    ];
    let t = timeline(&docs, &[0, 1, 2, 3]);
    assert_eq!(t.granularity, Granularity::Month);
    let bars: Vec<(&str, usize)> = t.buckets.iter().map(|b| (b.label.as_str(), b.count)).collect();
    assert_eq!(bars, [("2022-11", 2), ("2022-12", 0), ("2023-01", 0), ("2023-02", 1)]);
    assert_eq!(t.buckets[0].filter, "date:2022-11");
    assert_eq!(t.undated, 1);
}

#[test]
fn timeline_by_day_and_by_week_starting_monday() {
    let docs: Vec<Document> =
        ["2023-11-27", "2023-11-29", "2023-11-29"].iter().map(|d| article("x", &[], Some(d), None)).collect();
    let t = timeline(&docs, &[0, 1, 2]);
    assert_eq!(t.granularity, Granularity::Day);
    let bars: Vec<usize> = t.buckets.iter().map(|b| b.count).collect();
    assert_eq!(bars, [1, 0, 2]);

    let docs: Vec<Document> =
        ["2023-11-29", "2023-12-31", "2024-01-01"].iter().map(|d| article("x", &[], Some(d), None)).collect();
    let t = timeline(&docs, &[0, 1, 2]);
    assert_eq!(t.granularity, Granularity::Week);
    // 2023-11-29 is a Wednesday: its week starts on Monday 2023-11-27.
    assert_eq!(t.buckets[0].label, "2023-11-27");
    assert_eq!(t.buckets[0].filter, "date:2023-11-27..2023-12-03");
    // 2023-12-31 is a Sunday, 2024-01-01 a Monday: two different weeks.
    let last_two: Vec<(&str, usize)> =
        t.buckets.iter().rev().take(2).map(|b| (b.label.as_str(), b.count)).collect();
    assert_eq!(last_two, [("2024-01-01", 1), ("2023-12-25", 1)]);
}

#[test]
fn empty_sets() {
    let t = timeline(&[], &[]);
    assert!(t.buckets.is_empty());
    assert_eq!(facets(&[], &[], 5), Facets::default());
}

#[test]
fn entity_timelines_count_articles_per_month_over_the_corpus_span() {
    let docs = vec![
        article("a", &[(Per, "Anna Lindqvist"), (Per, "Anna Lindqvist")], Some("2023-01-05"), None),
        article("b", &[(Org, "OTAN")], Some("2023-04-02"), None),
        article("c", &[(Per, "Anna Lindqvist"), (Org, "OTAN")], Some("2023-03"), None),
        article("d", &[(Per, "Anna Lindqvist")], None, None),
    ];
    let keys = [(Per, "Anna Lindqvist".to_string()), (Org, "OTAN".to_string()), (Loc, "Dakar".to_string())];
    let t = entity_timelines(&docs, &keys).unwrap();
    assert!(t.iter().all(|m| (m.first.as_str(), m.last.as_str()) == ("2023-01", "2023-04")));
    // Mentioned twice in one article: one article; the undated one counts in the total only.
    assert_eq!((t[0].counts.as_slice(), t[0].total), (&[1, 0, 1, 0][..], 3));
    assert_eq!(t[1].counts, [0, 0, 1, 1]);
    assert_eq!((t[2].counts.as_slice(), t[2].total), (&[0, 0, 0, 0][..], 0));
    assert_eq!(entity_timelines(&docs[3..], &keys), None);
}
