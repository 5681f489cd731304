use super::*;

fn one(q: &str) -> Term {
    let mut q = parse(q).unwrap();
    assert_eq!(q.groups.len(), 1);
    q.groups.remove(0).terms.remove(0)
}

#[test]
fn empty_and_half_typed_queries_match_everything() {
    assert!(parse("").unwrap().is_empty());
    assert!(parse("   ").unwrap().is_empty());
    assert!(parse("! ' ^ title: date: \"").unwrap().is_empty());
}

#[test]
fn plain_terms_are_fuzzy_folded_and_smart_case() {
    let t = one("Élodie");
    assert_eq!((t.kind, t.field, t.negated), (Kind::Fuzzy, Field::Any, false));
    assert_eq!((t.folded.as_str(), t.cased.as_str()), ("elodie", "Elodie"));
    assert!(t.case_sensitive);
    assert!(!one("élodie").case_sensitive);
}

#[test]
fn fzf_operators() {
    assert_eq!(one("'kherson").kind, Kind::Exact);
    assert_eq!(one("^otan").kind, Kind::Prefix);
    let t = one("ukraine$");
    assert_eq!((t.kind, t.folded.as_str()), (Kind::Suffix, "ukraine"));
    let t = one("!iran");
    assert!(t.negated);
    assert_eq!(t.kind, Kind::Fuzzy);
    let t = one("!'iran");
    assert!(t.negated && t.kind == Kind::Exact);
    let t = one("\"champ de bataille\"");
    assert_eq!((t.kind, t.folded.as_str()), (Kind::Phrase, "champ de bataille"));
    // An unterminated phrase (still being typed) is a phrase too.
    assert_eq!(one("\"champ de").folded, "champ de");
}

#[test]
fn terms_are_anded_and_bars_or_them() {
    let q = parse("otan kherson | kiev !iran").unwrap();
    let shape: Vec<Vec<&str>> =
        q.groups.iter().map(|g| g.terms.iter().map(|t| t.folded.as_str()).collect()).collect();
    assert_eq!(shape, [vec!["otan"], vec!["kherson", "kiev"], vec!["iran"]]);
    // A dangling bar is ignored.
    assert_eq!(parse("| otan |").unwrap().groups.len(), 1);
}

#[test]
fn fields() {
    assert_eq!(one("title:otan").field, Field::Title);
    assert_eq!(one("body:otan").field, Field::Body);
    assert_eq!(one("src:bfmtv").field, Field::Source);
    assert_eq!(one("lang:fr").field, Field::Lang);
    assert_eq!(one("ent:nato").field, Field::Entity(None));
    assert_eq!(one("per:choïgou").field, Field::Entity(Some(EntityKind::Per)));
    assert_eq!(one("per:choïgou").folded, "choigou");
    assert_eq!(one("org:x").field, Field::Entity(Some(EntityKind::Org)));
    assert_eq!(one("loc:x").field, Field::Entity(Some(EntityKind::Loc)));
    assert_eq!(one("misc:x").field, Field::Entity(Some(EntityKind::Misc)));
    let t = one("!title:^La");
    assert!(t.negated && t.field == Field::Title && t.kind == Kind::Prefix && t.case_sensitive);
    // A colon after something that is not a name is text.
    assert_eq!(one("13:34").field, Field::Any);
}

#[test]
fn dates() {
    let f = |q: &str| match one(q).field {
        Field::Date(d) => (d.from, d.to),
        other => panic!("{other:?}"),
    };
    assert_eq!(f("date:2022-11"), (20221101, 20221130));
    assert_eq!(f("date:2024-02"), (20240201, 20240229));
    assert_eq!(f("date:2022"), (20220101, 20221231));
    assert_eq!(f("date:2022-11-05"), (20221105, 20221105));
    assert_eq!(f("date:>=2022-10"), (20221001, u32::MAX));
    assert_eq!(f("date:>2022-10"), (20221032, u32::MAX));
    assert_eq!(f("date:<2022-10"), (0, 20221000));
    assert_eq!(f("date:<=2022-10"), (0, 20221031));
    assert_eq!(f("date:2022-10..2022-12"), (20221001, 20221231));
    assert_eq!(f("date:2022-10.."), (20221001, u32::MAX));
    assert_eq!(f("date:..2022-12"), (0, 20221231));
}

#[test]
fn date_filter_matches_whole_days_and_never_undated() {
    let DateFilter { from, to } = match one("date:2022-11").field {
        Field::Date(d) => d,
        other => panic!("{other:?}"),
    };
    let d = DateFilter { from, to };
    assert!(d.matches(Some("2022-11")));
    assert!(d.matches(Some("2022-11-30T23:59")));
    assert!(!d.matches(Some("2022-12-01")));
    assert!(!d.matches(Some("2022")), "a year-precise date does not fit in a month");
    assert!(!d.matches(None));
}

#[test]
fn errors_say_what_is_wrong() {
    let e = parse("otan foo:bar").unwrap_err();
    assert_eq!(e, QueryError::UnknownField("foo".into()));
    assert!(e.to_string().starts_with("unknown field `foo:`"), "{e}");
    for bad in ["date:2022-13", "date:2022-02-30", "date:22-11", "date:..", "date:>=x", "date:2022-1"] {
        let e = parse(bad).unwrap_err();
        assert!(matches!(e, QueryError::BadDate(_)), "{bad}: {e:?}");
        assert!(e.to_string().starts_with("bad date `"), "{e}");
    }
    assert_eq!(parse("date:2022-13").unwrap_err().to_string().split(' ').nth(2), Some("`2022-13`"));
    let e = parse("is:rad").unwrap_err();
    assert_eq!(e.to_string(), "unknown state `is:rad` (is:read, is:unread, is:starred)");
}

#[test]
fn review_qualifiers() {
    assert_eq!(one("is:read").field, Field::Review(Review::Read));
    assert_eq!(one("is:unread").field, Field::Review(Review::Unread));
    assert_eq!(one("is:starred").field, Field::Review(Review::Starred));
    let t = one("label:Urgent");
    assert_eq!((t.field, t.folded.as_str()), (Field::Review(Review::Label), "urgent"));
    assert!(parse("is:").unwrap().is_empty() && parse("is:st").unwrap().is_empty(), "half-typed");
    assert!(parse("otan label:x").unwrap().uses_review());
    assert!(!parse("otan date:2022").unwrap().uses_review());
    assert_eq!(one("!is:read").to_string(), "!is:read");
}
