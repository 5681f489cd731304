//! Quote finding and attribution on articles of our own, with PER mentions set
//! by hand (the recognizer is tested on its own).

use super::quotes;
use crate::corpus::{Document, parse_article};
use crate::entities::{EntityKind, Mention};

/// An article whose PER mentions are every occurrence of each of `people`.
fn doc(text: &str, people: &[&str]) -> Document {
    let d = parse_article("q.txt", text.to_string());
    let mut mentions: Vec<Mention> = people
        .iter()
        .flat_map(|name| {
            d.text
                .match_indices(name)
                .map(|(at, m)| Mention::new(&d.text, at, at + m.len(), EntityKind::Per, name))
        })
        .collect();
    mentions.sort_by_key(Mention::start);
    d.entities.set(mentions).unwrap();
    d
}

fn found(d: &Document) -> Vec<(&str, Option<String>)> {
    quotes(d).into_iter().map(|q| (&d.text[q.start..q.end], q.speaker)).collect()
}

fn said(name: &str) -> Option<String> {
    Some(name.to_string())
}

#[test]
fn french_quote_with_verb_after() {
    let d = doc(
        "Titre\n\n« Nous rouvrirons le port demain », a déclaré Mme Hélène Marchand lundi.",
        &["Hélène Marchand"],
    );
    assert_eq!(found(&d), [("Nous rouvrirons le port demain", said("Hélène Marchand"))]);
}

#[test]
fn english_quote_said_after_and_pronoun_follow_up() {
    let d = doc(
        "Title\n\n“The cable is ready for winter,” said Anna Lindqvist. “We will build a second one soon,” she added.",
        &["Anna Lindqvist"],
    );
    assert_eq!(
        found(&d),
        [
            ("The cable is ready for winter,", said("Anna Lindqvist")),
            ("We will build a second one soon,", said("Anna Lindqvist"))
        ]
    );
}

#[test]
fn colon_before_the_quote_and_selon() {
    let d = doc(
        "Titre\n\nMarc Oberlin a expliqué : \"Le festival ne vit que par ses bénévoles.\" \
         Puis « la billetterie reste ouverte jusqu'à dimanche », selon Sophie Kessler.",
        &["Marc Oberlin", "Sophie Kessler"],
    );
    assert_eq!(
        found(&d),
        [
            ("Le festival ne vit que par ses bénévoles.", said("Marc Oberlin")),
            ("la billetterie reste ouverte jusqu'à dimanche", said("Sophie Kessler"))
        ]
    );
}

#[test]
fn quote_running_over_paragraphs() {
    let d = doc(
        "Titre\n\nLindqvist a déclaré :\n\n“Le premier paragraphe continue\n\n“et le second le termine.”\n\nFin.",
        &["Lindqvist"],
    );
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1);
    let q = &qs[0];
    assert!(d.text[q.start..q.end].starts_with("Le premier") && d.text[q.start..q.end].ends_with("termine."));
    assert_eq!(q.speaker, said("Lindqvist"));
}

#[test]
fn scare_quotes_roles_and_unclosed_quotes() {
    let d = doc(
        "Titre\n\nLe ministre s'est dit « confiant ». « Il faudra du temps pour tout reconstruire », a dit le ministre.\n\n\
         « Une citation dont la fin a été perdue par le site\n\nFin.",
        &[],
    );
    let f = found(&d);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(f[0], ("Il faudra du temps pour tout reconstruire", None));
    assert_eq!(f[1].0, "Une citation dont la fin a été perdue par le site");
}

#[test]
fn quotes_without_entities_have_no_speaker() {
    let d = parse_article("q.txt", "Titre\n\n« Nous partirons demain matin », a déclaré Paul Durand.".into());
    let qs = quotes(&d);
    assert_eq!(qs.len(), 1);
    assert_eq!(qs[0].speaker, None);
}

#[test]
fn a_quote_opening_the_next_paragraph_continues_the_speech() {
    let d = doc(
        "Titre\n\n« Le port rouvrira demain matin », a déclaré Hélène Marchand.\n\n\
         « Les navires pourront entrer dès six heures. »\n\n\
         Paul Roux a dit que la ville était soulagée.\n\n\
         « Nous attendions cette nouvelle depuis trois jours. »\n\n\
         Un autre paragraphe sans verbe.\n\n« Une phrase citée sans auteur connu. »",
        &["Hélène Marchand", "Paul Roux"],
    );
    let speakers: Vec<Option<String>> = quotes(&d).into_iter().map(|q| q.speaker).collect();
    assert_eq!(speakers, [said("Hélène Marchand"), said("Hélène Marchand"), said("Paul Roux"), None]);
}
