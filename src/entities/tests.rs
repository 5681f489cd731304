use super::*;

fn found(text: &str) -> Vec<(&str, EntityKind)> {
    let m = Recognizer::builtin().extract(text);
    m.iter().map(|m| (&text[m.range()], m.kind)).collect()
}

fn kind_of(found: &[(&str, EntityKind)], s: &str) -> Option<EntityKind> {
    found.iter().find(|(t, _)| *t == s).map(|(_, k)| *k)
}

#[test]
fn known_names_with_elision_and_aliases() {
    let text = "Le secrétaire général de l'OTAN a parlé d’Ukraine et de l’Otan à Kiev.";
    let got = found(text);
    assert_eq!(kind_of(&got, "OTAN"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Ukraine"), Some(EntityKind::Loc));
    assert_eq!(kind_of(&got, "Otan"), Some(EntityKind::Org));
    let rec = Recognizer::builtin();
    assert_eq!(rec.canonical_of("nato"), Some("OTAN"));
    assert_eq!(rec.canonical_of("Otan"), Some("OTAN"));
    assert_eq!(rec.canonical_of("kiev"), Some("Kyiv"));
    assert!(rec.aliases_of("OTAN").iter().any(|a| a == "Alliance atlantique"));
    assert!(rec.aliases_of("nobody known").is_empty());
}

#[test]
fn people_from_first_names_titles_and_propagation() {
    let text = "La ministre Hélène Marchand a parlé. Plus tard, Marchand a ajouté que M. Dubreuil viendrait.";
    let got = found(text);
    assert_eq!(kind_of(&got, "Hélène Marchand"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Marchand"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Dubreuil"), Some(EntityKind::Per));
    let m = Recognizer::builtin().extract(text);
    assert_eq!(m.iter().find(|m| &text[m.range()] == "Marchand").unwrap().canonical(text), "Hélène Marchand");
}

#[test]
fn a_shouted_title_only_yields_known_names() {
    let text = "LE CHEF DE L'OTAN SE DIT CONFIANT QUE KIEV GAGNE\nLe chef a parlé.";
    let got = found(text);
    assert_eq!(got, [("OTAN", EntityKind::Org), ("KIEV", EntityKind::Loc)]);
}

#[test]
fn glued_scrape_words_give_the_name_only() {
    let got = found("la ville de Khersonsous le feu et la Russiedont l'économie");
    assert_eq!(kind_of(&got, "Kherson"), Some(EntityKind::Loc));
    assert_eq!(kind_of(&got, "Russie"), Some(EntityKind::Loc));
}

#[test]
fn organisation_head_and_tail_words() {
    let got = found(
        "Suivez l'actualité de Haurizon News. Le Conseil OTAN-Ukraine et la Compagnie Armoricaine de Navigation.",
    );
    assert_eq!(kind_of(&got, "Haurizon News"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Conseil OTAN-Ukraine"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Compagnie Armoricaine de Navigation"), Some(EntityKind::Org));
}

#[test]
fn mentions_are_sorted_disjoint_and_on_char_boundaries() {
    let text = "« L’OTAN » à Bruxelles.SAUL LOEB | PA — 300 000 hommes, 5 €, Zelensky a dit mardi.";
    let m = Recognizer::builtin().extract(text);
    assert!(!m.is_empty());
    for w in m.windows(2) {
        assert!(w[0].end() <= w[1].start());
    }
    for x in &m {
        assert!(text.is_char_boundary(x.start()) && text.is_char_boundary(x.end()));
    }
}

#[test]
fn user_dictionary_adds_merges_and_suppresses() {
    let dict = UserDictionary::parse(
        "suppress = [\"Brest\"]\n[[entity]]\nname = \"Ouest Horizon\"\nkind = \"ORG\"\naliases = [\"OH\"]\n\
         [[entity]]\nname = \"OTAN\"\naliases = [\"Alliance nord-atlantique\"]\n",
    )
    .unwrap();
    let rec = Recognizer::with_dictionary(dict);
    let text = "Rapporte Ouest Horizon depuis Brest sur l'Alliance nord-atlantique.";
    let m = rec.extract(text);
    let got: Vec<_> = m.iter().map(|m| (&text[m.range()], m.kind, m.canonical(text))).collect();
    assert!(got.contains(&("Ouest Horizon", EntityKind::Org, "Ouest Horizon")));
    assert!(got.contains(&("Alliance nord-atlantique", EntityKind::Org, "OTAN")));
    assert!(!got.iter().any(|g| g.0 == "Brest"));
    assert_eq!(rec.canonical_of("oh"), Some("Ouest Horizon"));
}

#[test]
fn annotate_fills_every_document_once() {
    let docs = crate::corpus::demo();
    annotate(&docs, Recognizer::builtin());
    assert!(docs.iter().all(|d| d.entities.get().is_some()));
    assert!(docs.iter().any(|d| !d.entities.get().unwrap().is_empty()));
}

#[test]
fn credit_and_attribution_lines() {
    let text =
        "Au port, lundi.JEAN MARTIN | AFP\n© Vent Nord Presse / Claire Dubois\nSource : Le Courrier du Lac\n";
    let got = found(text);
    assert_eq!(kind_of(&got, "JEAN MARTIN"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "AFP"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Vent Nord Presse"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Claire Dubois"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Le Courrier du Lac"), Some(EntityKind::Org));
}

#[test]
fn apposition_demonym_and_reporting_cues() {
    let text = "La maire de Nantes, Odile Kervran, a parlé. Le Canadien Marc Tremblay a répondu. \
                « Non », a déclaré Pellegrin à la presse.";
    let got = found(text);
    assert_eq!(kind_of(&got, "Odile Kervran"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Marc Tremblay"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Pellegrin"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "Canadien"), None);
}

#[test]
fn places_from_cues_heads_and_coordination() {
    let text =
        "Les navires ont gagné le golfe de Gascogne, puis Camaret et Paris, près de la base de Lanvéoc.";
    let got = found(text);
    assert_eq!(kind_of(&got, "golfe de Gascogne"), Some(EntityKind::Loc));
    assert_eq!(kind_of(&got, "Camaret"), Some(EntityKind::Loc));
    assert_eq!(kind_of(&got, "Lanvéoc"), Some(EntityKind::Loc));
}

#[test]
fn events_and_organisations_from_head_tail_and_cue_words() {
    let text = "L'exercice Rempart Gris a commencé. L'opérateur Nordgaz et la Banque de Flandre ont signé le Nordic Energy Act.";
    let got = found(text);
    assert_eq!(kind_of(&got, "Rempart Gris"), Some(EntityKind::Misc));
    assert_eq!(kind_of(&got, "Nordgaz"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Banque de Flandre"), Some(EntityKind::Org));
    assert_eq!(kind_of(&got, "Nordic Energy Act"), Some(EntityKind::Misc));
}

#[test]
fn names_learnt_in_the_body_are_found_in_a_shouted_title() {
    let text = "DUBREUIL PROMET UNE RÉPONSE RAPIDE\nLe ministre Paul Dubreuil a parlé mardi.";
    let got = found(text);
    assert_eq!(kind_of(&got, "DUBREUIL"), Some(EntityKind::Per));
    assert_eq!(kind_of(&got, "PROMET"), None);
}

#[test]
fn user_entries_retag_and_merge_with_their_name_canonical() {
    let text = "Le Courrier du Nord cite l'OTAN et NATO, puis Vesna Orlik et Orlik Group à Tallinn.";
    let extract = |toml: &str| {
        let rec = Recognizer::with_dictionary(UserDictionary::parse(toml).unwrap());
        rec.extract(text)
            .into_iter()
            .map(|m| (text[m.range()].to_string(), m.kind, m.canonical(text).to_string()))
            .collect::<Vec<_>>()
    };
    let before = extract("");
    let tallinn = before.iter().find(|m| m.0 == "Tallinn").expect("a known place");
    assert_eq!(tallinn.1, EntityKind::Loc);
    // Retag: every mention of the name takes the new kind.
    let after = extract("[[entity]]\nname = \"Tallinn\"\nkind = \"ORG\"\n");
    assert!(after.iter().any(|m| m.0 == "Tallinn" && m.1 == EntityKind::Org));
    // Merge a known name into a new one: the first stays canonical, every alias of the other follows.
    let merged = extract("[[entity]]\nname = \"Pacte atlantique\"\nkind = \"ORG\"\naliases = [\"OTAN\"]\n");
    let otan: Vec<_> = merged.iter().filter(|m| m.0 == "OTAN" || m.0 == "NATO").collect();
    assert_eq!(otan.len(), 2, "{merged:?}");
    assert!(otan.iter().all(|m| m.2 == "Pacte atlantique" && m.1 == EntityKind::Org));
    // A later entry amends an earlier one of the same name.
    let amended = extract(
        "[[entity]]\nname = \"Orlik Group\"\nkind = \"ORG\"\n[[entity]]\nname = \"Orlik Group\"\nkind = \"MISC\"\n",
    );
    assert!(amended.iter().any(|m| m.0 == "Orlik Group" && m.1 == EntityKind::Misc), "{amended:?}");
}

#[test]
fn a_mention_holds_its_range_in_twelve_bytes_clamping_absurd_lengths() {
    assert_eq!(std::mem::size_of::<Mention>(), 12);
    let m = Mention::new("Jens Stoltenberg", 5, 16, EntityKind::Per, "Stoltenberg");
    assert_eq!((m.start(), m.end(), m.range()), (5, 16, 5..16));
    assert_eq!(m.canonical("Jens Stoltenberg"), "Stoltenberg");
    let long = "x".repeat(70_000);
    let clamped = Mention::new(&long, 5, 70_000, EntityKind::Misc, "X");
    assert_eq!(clamped.range(), 5..5 + usize::from(u16::MAX));
}
