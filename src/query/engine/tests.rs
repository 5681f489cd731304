use super::*;
use crate::corpus::parse_article;
use crate::entities::{EntityKind, Mention};
use crate::query::parse;
use crate::review::ReviewState;

/// Articles written for these tests.
const ARTICLES: &[&str] = &[
    // 0
    "Le cœur de Kherson bat encore\n\nMis à jour le 3 novembre 2022 à 10h00\n\nLes habitants de Kherson attendent. Le général Sergueï Choïgou a parlé.\n\nRapporte BFMTV",
    // 1
    "Stoltenberg à Bruxelles\n\nPublié le 12 octobre 2022 à 9h00\n\nJens Stoltenberg a rencontré les ministres. L'OTAN soutient l'Ukraine face à l'Iran.\n\nSource : Ouest Horizon",
    // 2
    "The harbour reopens in Brest\n\nUpdated December 1, 2022 at 1:00 pm\n\nShips waited off Brittany. The champ de bataille is not here, said the mayor.",
    // 3
    "Marché de Noël à Strasbourg\n\nLes stands ouvrent. Kherson est loin, dit un vendeur de Ramstein.",
    // 4
    "Un champ de bataille en Ukraine\n\nPublié le 5 novembre 2022 à 8h00\n\nLe champ de bataille reste calme près de Kherson.\n\nRapporte BFMTV",
];

fn engine() -> Engine {
    let docs: Vec<Document> = ARTICLES
        .iter()
        .enumerate()
        .map(|(i, t)| parse_article(format!("t/{i}.txt"), (*t).to_string()))
        .collect();
    Engine::new(Arc::new(docs))
}

fn mention(doc: &Document, text: &str, kind: EntityKind, canonical: &str) -> Mention {
    let start = doc.text.find(text).unwrap();
    Mention::new(&doc.text, start, start + text.len(), kind, canonical)
}

fn with_entities(e: &Engine) {
    let d = &e.docs()[0];
    d.entities.set(vec![mention(d, "Sergueï Choïgou", EntityKind::Per, "Sergueï Choïgou")]).unwrap();
    let d = &e.docs()[1];
    d.entities
        .set(vec![
            mention(d, "Jens Stoltenberg", EntityKind::Per, "Jens Stoltenberg"),
            mention(d, "OTAN", EntityKind::Org, "OTAN"),
            mention(d, "Iran", EntityKind::Loc, "Iran"),
        ])
        .unwrap();
}

fn docs_of(e: &Engine, q: &str) -> Vec<usize> {
    e.search(&parse(q).unwrap(), &Cancel::new()).unwrap().hits.iter().map(|h| h.doc).collect()
}

fn sorted(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v
}

#[test]
fn empty_query_matches_all_newest_first_undated_last() {
    let e = engine();
    assert_eq!(docs_of(&e, ""), [2, 4, 0, 1, 3]);
}

#[test]
fn plain_terms_rank_title_hits_first_and_fold_accents() {
    let e = engine();
    let hits = docs_of(&e, "kherson");
    assert_eq!(hits[0], 0, "title hit first: {hits:?}");
    assert_eq!(sorted(hits), [0, 3, 4]);
    assert_eq!(docs_of(&e, "coeur"), [0]);
    assert_eq!(docs_of(&e, "marche"), [3]);
    assert_eq!(docs_of(&e, "ramstein"), [3]);
    // Word prefixes in bodies, never fuzzy there: letters scattered across a body do not match.
    assert_eq!(docs_of(&e, "habit"), [0]);
    assert!(docs_of(&e, "hbtnts").is_empty());
    // Fuzzy in titles: a missing letter still finds it.
    assert_eq!(docs_of(&e, "stoltnberg"), [1]);
}

#[test]
fn fzf_operators() {
    let e = engine();
    assert_eq!(sorted(docs_of(&e, "'kherson !iran")), [0, 3, 4]);
    assert_eq!(sorted(docs_of(&e, "!kherson")), [1, 2]);
    assert_eq!(docs_of(&e, "^le"), [0]);
    assert_eq!(docs_of(&e, "brest$"), [2]);
    assert_eq!(sorted(docs_of(&e, "\"champ de bataille\"")), [2, 4]);
    assert!(docs_of(&e, "\"bataille de champ\"").is_empty());
    assert_eq!(sorted(docs_of(&e, "strasbourg | bruxelles")), [1, 3]);
    assert_eq!(sorted(docs_of(&e, "kherson calme | marché")), [3, 4]);
    // 'exact is a substring, even inside a word.
    assert_eq!(docs_of(&e, "'herso"), docs_of(&e, "'kherson"));
}

#[test]
fn fields() {
    let e = engine();
    assert_eq!(docs_of(&e, "title:kherson"), [0]);
    assert_eq!(sorted(docs_of(&e, "body:kherson")), [0, 3, 4]);
    assert_eq!(sorted(docs_of(&e, "src:bfmtv")), [0, 4]);
    assert_eq!(docs_of(&e, "lang:en"), [2]);
    assert_eq!(sorted(docs_of(&e, "date:2022-11")), [0, 4]);
    assert_eq!(sorted(docs_of(&e, "date:>=2022-11")), [0, 2, 4]);
    assert_eq!(sorted(docs_of(&e, "date:2022-10..2022-11")), [0, 1, 4]);
    assert_eq!(docs_of(&e, "date:<2022-11"), [1]);
}

#[test]
fn entity_fields_see_entities_as_they_arrive() {
    let e = engine();
    assert!(docs_of(&e, "per:choigou").is_empty(), "no entities yet");
    with_entities(&e);
    assert_eq!(docs_of(&e, "per:choigou"), [0]);
    assert_eq!(docs_of(&e, "per:CHOÏ"), Vec::<usize>::new(), "smart case: capitals must match");
    assert_eq!(docs_of(&e, "per:Choï"), [0]);
    assert_eq!(docs_of(&e, "org:otan"), [1]);
    assert!(docs_of(&e, "loc:otan").is_empty());
    assert_eq!(docs_of(&e, "ent:stoltenberg"), [1]);
    assert_eq!(docs_of(&e, "ent:stoltnberg"), [1], "entity names are fuzzy-matched");
    // Aliases from the recognizer's gazetteer: NATO is OTAN, an organisation.
    assert_eq!(docs_of(&e, "ent:nato"), [1]);
    assert_eq!(docs_of(&e, "org:NATO"), [1]);
    assert!(docs_of(&e, "per:nato").is_empty());
}

#[test]
fn smart_case() {
    let e = engine();
    assert_eq!(sorted(docs_of(&e, "brest")), [2]);
    assert_eq!(docs_of(&e, "Brest"), [2]);
    assert!(docs_of(&e, "BREST").is_empty());
    assert_eq!(docs_of(&e, "'Ramstein"), [3]);
    assert!(docs_of(&e, "'RAMSTEIN").is_empty());
}

#[test]
fn extending_a_query_narrows_to_the_same_result_as_a_fresh_search() {
    let docs = Arc::new(crate::synth::documents(5, 300));
    let typing = Engine::new(Arc::clone(&docs));
    for typed in ["marchand ukr", "sommet !eur bud", "\"le port d", "acc | bre 'eu title:pla", "Kerb ^le"] {
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let q = parse(&typed[..end]).unwrap();
            let fresh = Engine::new(Arc::clone(&docs)).search(&q, &Cancel::new()).unwrap();
            assert_eq!(typing.search(&q, &Cancel::new()).unwrap(), fresh, "after typing {:?}", &typed[..end]);
        }
    }
    // Typing a term into a known entity's alias widens (`nat` → `nato` finds OTAN).
    let e = engine();
    with_entities(&e);
    for typed in ["ent:nat", "ent:nato"] {
        let q = parse(typed).unwrap();
        let fresh = engine();
        with_entities(&fresh);
        assert_eq!(e.search(&q, &Cancel::new()), fresh.search(&q, &Cancel::new()), "{typed}");
    }
    // Deleting a letter is not an extension: the full corpus is searched again.
    let q = parse("marchand").unwrap();
    assert_eq!(typing.search(&q, &Cancel::new()), Engine::new(docs).search(&q, &Cancel::new()));
}

#[test]
fn top_k_is_the_head_of_the_full_ranking() {
    let e = Engine::new(Arc::new(crate::synth::documents(9, 400)));
    let q = parse("accord").unwrap();
    let all = e.search(&q, &Cancel::new()).unwrap();
    let top = e.search_top(&q, 10, &Cancel::new()).unwrap();
    assert!(all.total_matched > 10);
    assert_eq!(top.total_matched, all.total_matched);
    assert_eq!(top.hits, all.hits[..10]);
}

#[test]
fn top_k_over_several_blocks_is_the_head_of_the_full_ranking() {
    // Blocks after the first skip keys at or under another block's k-th best.
    let docs = Arc::new(crate::synth::documents(10, 2 * BLOCK + 500));
    let typing = Engine::new(Arc::clone(&docs));
    let fresh = Engine::new(Arc::clone(&docs));
    for typed in ["investisse", "brest port"] {
        for end in 1..=typed.len() {
            let q = parse(&typed[..end]).unwrap();
            let all = fresh.search(&q, &Cancel::new()).unwrap();
            let got = typing.search_top(&q, 50, &Cancel::new()).unwrap();
            assert_eq!(got.total_matched, all.total_matched, "count after {:?}", &typed[..end]);
            assert_eq!(got.hits, all.hits[..all.hits.len().min(50)], "ranking after {:?}", &typed[..end]);
        }
    }
}

#[test]
fn top_k_with_titles_scored_only_when_they_can_rank_is_the_head_of_the_full_ranking() {
    let docs = Arc::new(crate::synth::documents(3, 400));
    let typing = Engine::new(Arc::clone(&docs));
    let fresh = Engine::new(Arc::clone(&docs));
    let typed = [
        "investissement sommet europeen",
        "marchand ukraine accord",
        "sommet !eur budget",
        "brest portuaire",
    ];
    for (i, typed) in typed.iter().enumerate() {
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let q = parse(&typed[..end]).unwrap();
            let all = fresh.search(&q, &Cancel::new()).unwrap();
            let k = [1, 7, 50][(i + end) % 3];
            // Now and then a full search in between, which scores what the top-k left pending.
            let got = if end % 5 == 0 {
                typing.search(&q, &Cancel::new()).unwrap()
            } else {
                typing.search_top(&q, k, &Cancel::new()).unwrap()
            };
            assert_eq!(got.total_matched, all.total_matched, "count after {:?}", &typed[..end]);
            let n = got.hits.len().min(all.hits.len());
            assert_eq!(got.hits[..n], all.hits[..n], "ranking after {:?}", &typed[..end]);
            assert_eq!(n, all.hits.len().min(if end % 5 == 0 { usize::MAX } else { k }));
        }
    }
}

#[test]
fn the_same_query_again_gives_the_same_answer_and_no_less() {
    let docs = Arc::new(crate::synth::documents(6, 300));
    let e = Engine::new(Arc::clone(&docs));
    let fresh = |q: &str| Engine::new(Arc::clone(&docs)).search(&parse(q).unwrap(), &Cancel::new()).unwrap();
    let top = |q: &str, k| e.search_top(&parse(q).unwrap(), k, &Cancel::new()).unwrap();
    let all = fresh("sommet");
    assert!(all.hits.len() > 10, "{}", all.hits.len());
    assert_eq!(top("sommet", 10).hits, all.hits[..10]);
    // A space parses to the same query: the same answer, fewer of it, then more of it.
    assert_eq!(top("sommet ", 10).hits, all.hits[..10]);
    assert_eq!(top("sommet ", 3).hits, all.hits[..3]);
    assert_eq!(top("sommet  ", 20).hits, all.hits[..20]);
    assert_eq!(e.search(&parse("sommet ").unwrap(), &Cancel::new()).unwrap(), all);
    assert_eq!(top("sommet e", 5).hits, fresh("sommet e").hits[..5]);
}

#[test]
fn a_newer_search_cancels_the_older() {
    let e = engine();
    let first = Cancel::new();
    let second = first.next();
    assert!(first.is_cancelled() && !second.is_cancelled());
    assert_eq!(e.search(&parse("kherson").unwrap(), &first), None);
    assert!(e.search(&parse("kherson").unwrap(), &second).is_some());
    second.cancel();
    assert_eq!(e.search_top(&parse("").unwrap(), 3, &second), None);
}

#[test]
fn highlights_map_back_to_original_bytes() {
    let e = engine();
    with_entities(&e);
    let d = &e.docs()[0];
    let h = e.highlights(0, &parse("coeur habit per:choigou !iran").unwrap());
    let title: Vec<&str> = h.title.iter().map(|r| &d.title()[r.clone()]).collect();
    assert_eq!(title, ["cœur"]);
    let text: Vec<&str> = h.text.iter().map(|r| &d.text[r.clone()]).collect();
    assert_eq!(text, ["habit", "Sergueï Choïgou"]);
    let h = e.highlights(1, &parse("stoltnberg").unwrap());
    let title: String = h.title.iter().map(|r| &e.docs()[1].title()[r.clone()]).collect();
    assert_eq!(title, "Stoltnberg", "fuzzy letters of the title");
}

#[test]
fn explain_says_which_field_each_term_hit() {
    let e = engine();
    with_entities(&e);
    let why = e.explain(0, &parse("kherson per:choigou src:bfm date:2022-11 !iran").unwrap());
    assert_eq!(
        why,
        [
            "`kherson`: title",
            "`kherson`: body ×1",
            "`per:choigou`: entity Sergueï Choïgou (PER)",
            "`src:bfm`: source BFMTV",
            "`date:2022-11`: dated 2022-11-03T10:00",
            "`!iran`: absent",
        ]
    );
    assert_eq!(e.explain(1, &parse("!iran").unwrap()), ["`!iran`: present (excluded)"]);
}

/// Calls `f` with the context a search of `e` evaluates terms in (no review states).
fn with_ctx(e: &Engine, f: impl FnOnce(&Ctx)) {
    let entities = e.entities.read().unwrap();
    let review = HashMap::new();
    f(&Ctx {
        docs: e.docs(),
        index: e.index(),
        entities: &entities,
        matchers: &e.matchers,
        days: &e.days,
        fields: &e.fields,
        review: &review,
    });
}

#[test]
fn postings_and_forward_lists_give_the_same_hits() {
    let e = Engine::new(Arc::new(crate::synth::documents(4, 200)));
    with_ctx(&e, |ctx| {
        for q in ["acc", "'ssem", "body:ment$", "\"le port", "marchand"] {
            let query = parse(q).unwrap();
            // No candidates: every body check reads forward lists; a million: postings.
            let forward = prepare(ctx, &query.groups, 0);
            let postings = prepare(ctx, &query.groups, 1_000_000);
            let mut hits = 0;
            for d in 0..e.docs().len() {
                let (a, b) = (test_groups(ctx, &forward, d, false), test_groups(ctx, &postings, d, false));
                assert_eq!(a, b, "{q} on document {d}");
                hits += usize::from(a.is_some_and(|g| g.matched));
            }
            assert!(hits > 0, "{q} matches something");
        }
    });
}

#[test]
fn untitled_documents_read_from_one_count_array_as_from_every_field() {
    let e = Engine::new(Arc::new(crate::synth::documents(5, 300)));
    with_ctx(&e, |ctx| {
        for q in ["inv", "acc", "body:port", "sommet", "'ssem", "title:brest", "src:bfm", "\"le port"] {
            let query = parse(q).unwrap();
            // A million candidates: body terms answered from postings (count arrays).
            for p in prepare(ctx, &query.groups, 1_000_000).iter().flatten() {
                let mut hits = 0;
                for d in 0..e.docs().len() {
                    let fast = p.untitled(ctx, d);
                    assert_eq!(fast, p.untitled_in_full(ctx, d), "{q} on document {d}");
                    hits += usize::from(fast.is_some_and(|(m, _)| m));
                }
                assert!(hits > 0 || q.starts_with("title:") || q.starts_with("src:"), "{q} hits a body");
            }
        }
    });
}

#[test]
fn review_states_filter_and_narrowing_sees_their_changes() {
    let e = engine();
    let state = |read: bool, starred: bool, labels: &[&str]| ReviewState {
        read,
        starred,
        labels: labels.iter().map(|l| (*l).to_string()).collect(),
        note: None,
    };
    assert!(docs_of(&e, "is:read").is_empty(), "nothing reviewed yet");
    assert_eq!(docs_of(&e, "is:unread").len(), 5);
    e.set_review_states([(1, state(true, false, &["Défense"])), (3, state(true, true, &[]))]);
    assert_eq!(sorted(docs_of(&e, "is:read")), [1, 3]);
    assert_eq!(sorted(docs_of(&e, "is:unread")), [0, 2, 4]);
    assert_eq!(docs_of(&e, "is:starred"), [3]);
    assert_eq!(docs_of(&e, "label:defense"), [1]);
    assert_eq!(sorted(docs_of(&e, "!is:read kherson")), [0, 4]);
    assert_eq!(e.explain(3, &parse("is:starred").unwrap()), ["`is:starred`: review state"]);
    // A change between two keystrokes is seen even though the query only grew.
    assert_eq!(sorted(docs_of(&e, "is:unread k")), [0, 4]);
    e.set_review_state(4, state(true, false, &[]));
    assert_eq!(docs_of(&e, "is:unread kh"), [0]);
}

#[test]
fn a_lone_common_letter_keeps_no_candidates_and_what_follows_equals_a_fresh_search() {
    let docs = Arc::new(crate::synth::documents(4, 300));
    let typing = Engine::new(Arc::clone(&docs));
    let kept = |e: &Engine| e.last.lock().unwrap().as_ref().map(|l| l.state.is_some());
    let index = typing.index();
    let common =
        |typed: &str| typed.bytes().next().is_none_or(|b| index.initial_docs(b) * 4 > docs.len() * 3);
    assert!(common("s") && !common("k"), "s starts words in most documents, k in few");
    for typed in ["", "s", "so", "s", "s m", "b", "br", "k", "ke"] {
        let q = parse(typed).unwrap();
        let fresh = Engine::new(Arc::clone(&docs)).search(&q, &Cancel::new()).unwrap();
        assert_eq!(typing.search(&q, &Cancel::new()).unwrap(), fresh, "after {typed:?}");
        let top = typing.search_top(&parse(&format!("{typed}x")).unwrap(), 5, &Cancel::new()).unwrap();
        let fresh_top = Engine::new(Arc::clone(&docs)).search_top(
            &parse(&format!("{typed}x")).unwrap(),
            5,
            &Cancel::new(),
        );
        assert_eq!(Some(top), fresh_top, "after {typed:?} then x");
        typing.search(&q, &Cancel::new()).unwrap();
        let lone_common_letter = typed.len() <= 1 && common(typed);
        assert_eq!(kept(&typing), Some(!lone_common_letter), "candidates kept after {typed:?}");
    }
}

#[test]
fn a_name_finds_the_articles_that_write_its_entity_otherwise() {
    // As a user dictionary would have it: "OH" is an alias of "Ouest Horizon",
    // which the built-in gazetteer does not know.
    let texts = [
        "Accord au port\n\nOH a signé avec le port.",
        "Un journal breton\n\nOuest Horizon ouvre un bureau.",
        "Rien à voir\n\nOh, la pluie.",
    ];
    let docs: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| parse_article(format!("o/{i}.txt"), (*t).to_string()))
        .collect();
    let org = |d: &Document, text: &str| vec![mention(d, text, EntityKind::Org, "Ouest Horizon")];
    docs[0].entities.set(org(&docs[0], "OH")).unwrap();
    docs[1].entities.set(org(&docs[1], "Ouest Horizon")).unwrap();
    docs[2].entities.set(Vec::new()).unwrap();
    let e = Engine::new(Arc::new(docs));
    assert_eq!(sorted(docs_of(&e, "ent:oh")), [0, 1]);
    assert_eq!(sorted(docs_of(&e, "org:oh")), [0, 1]);
    assert!(docs_of(&e, "per:oh").is_empty(), "an organisation, not a person");
    let typing = Engine::new(Arc::new(e.docs().to_vec()));
    for q in ["ent:o", "ent:oh"] {
        assert_eq!(docs_of(&typing, q), docs_of(&e, q), "typed up to {q:?}");
    }
    let h = e.highlights(1, &parse("ent:oh").unwrap());
    let text: Vec<&str> = h.text.iter().map(|r| &e.docs()[1].text[r.clone()]).collect();
    assert_eq!(text, ["Ouest Horizon"]);
}

#[test]
fn lone_letters_and_terms_typed_past_titles_rank_as_a_full_search_with_entities() {
    let docs = Arc::new(crate::synth::documents(8, 300));
    crate::entities::annotate(&docs, crate::entities::Recognizer::builtin());
    let typing = Engine::new(Arc::clone(&docs));
    let fresh = Engine::new(Arc::clone(&docs));
    for typed in ["s", "b", "investissement", "m", "kerbrat ot", "e", "body:sommet", "x", "brest", "sommet"] {
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let q = parse(&typed[..end]).unwrap();
            let all = fresh.search(&q, &Cancel::new()).unwrap();
            let top = typing.search_top(&q, 20, &Cancel::new()).unwrap();
            assert_eq!(top.total_matched, all.total_matched, "count after {:?}", &typed[..end]);
            assert_eq!(top.hits, all.hits[..all.hits.len().min(20)], "ranking after {:?}", &typed[..end]);
        }
    }
}

#[test]
fn two_letters_whose_title_heads_are_exact_score_titles_as_a_title_read() {
    use crate::query::fold::for_each_word;
    use crate::query::matcher::{plain_score, word_starts};
    use crate::query::plan::TermHit;
    let docs = Arc::new(crate::synth::documents(2, 300));
    let e = Engine::new(Arc::clone(&docs));
    let index = e.index();
    let mut exact = 0;
    for q in ["so", "in", "br", "de", "le", "la", "pa", "ma", "co", "re", "ke", "ga"] {
        let [a, b] = q.as_bytes() else { unreachable!() };
        exact += usize::from(index.exact_title_head(*a, *b));
        let results = e.search(&parse(q).unwrap(), &Cancel::new()).unwrap();
        let found: HashMap<usize, i64> = results.hits.iter().map(|h| (h.doc, h.score)).collect();
        let mut matching = 0;
        for (d, doc) in docs.iter().enumerate() {
            let title =
                if word_starts(index.title(d), q).next().is_some() { plain_score(2, true) } else { 0 };
            let mut body = 0;
            for p in doc.paragraphs() {
                for_each_word(doc.paragraph_text(p), |w| body += u32::from(w.starts_with(q)));
            }
            let hit = TermHit { title, body, entity: 0, other: false };
            matching += usize::from(hit.any());
            assert_eq!(found.get(&d).copied(), hit.any().then(|| hit.score()), "{q:?} in {d}");
        }
        assert_eq!(results.total_matched, matching, "{q:?}");
        let top = Engine::new(Arc::clone(&docs)).search_top(&parse(q).unwrap(), 10, &Cancel::new()).unwrap();
        assert_eq!(top.hits, results.hits[..results.hits.len().min(10)], "{q:?}");
    }
    assert!(exact >= 6, "most of these pairs start words in many titles: {exact}");
}
