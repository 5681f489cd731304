//! `kiosque search` end to end: on the seed articles (expectations derived from
//! the files at run time, never copied) and on the demo corpus, with the
//! exit-code contract.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{kiosque, seeds_dir};
use serde_json::Value;

/// The seed files (as paths under `dir`) whose text satisfies `keep`.
fn seeds_where(dir: &Path, keep: impl Fn(&str) -> bool) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| keep(&std::fs::read_to_string(p).unwrap()))
        .map(|p| p.display().to_string())
        .collect()
}

/// The seeds whose parsed record (from `kiosque parse`) satisfies `keep`.
fn parsed_where(dir: &Path, keep: impl Fn(&Value) -> bool) -> BTreeSet<String> {
    let out = kiosque().args(["parse", "--format", "jsonl"]).arg(dir).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|r| keep(r))
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect()
}

/// The paths `kiosque search QUERY DIR` prints, checking it succeeds.
fn search(dir: &Path, query: &str) -> BTreeSet<String> {
    let out = kiosque().args(["search", query]).arg(dir).output().unwrap();
    assert!(out.status.success(), "{query}: {}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    let set: BTreeSet<String> = lines.iter().cloned().collect();
    assert_eq!(set.len(), lines.len(), "{query}: a path printed twice");
    set
}

#[test]
fn a_rare_name_selects_exactly_the_article_mentioning_it() {
    let Some(dir) = seeds_dir() else { return };
    let expected = seeds_where(&dir, |t| t.to_lowercase().contains("ramstein"));
    assert_eq!(expected.len(), 1, "the seeds mention Ramstein once");
    assert_eq!(search(&dir, "Ramstein"), expected);
}

#[test]
fn exact_term_and_negation() {
    let Some(dir) = seeds_dir() else { return };
    let expected = seeds_where(&dir, |t| t.contains("Kherson") && !t.contains("Iran"));
    assert!(!expected.is_empty());
    assert_eq!(search(&dir, "'Kherson !Iran"), expected);
    let with_iran = seeds_where(&dir, |t| t.contains("Kherson") && t.contains("Iran"));
    assert!(search(&dir, "'Kherson").is_superset(&with_iran));
}

#[test]
fn date_and_source_fields() {
    let Some(dir) = seeds_dir() else { return };
    let november = parsed_where(&dir, |r| r["date"].as_str().is_some_and(|d| d.starts_with("2022-11")));
    assert!(!november.is_empty());
    assert_eq!(search(&dir, "date:2022-11"), november);
    let bfm =
        parsed_where(&dir, |r| r["source"].as_str().is_some_and(|s| s.to_lowercase().contains("bfmtv")));
    assert_eq!(bfm.len(), 1);
    assert_eq!(search(&dir, "src:bfmtv"), bfm);
    let autumn =
        parsed_where(&dir, |r| r["date"].as_str().is_some_and(|d| ("2022-10".."2022-12-32").contains(&d)));
    assert_eq!(search(&dir, "date:2022-10..2022-12"), autumn);
}

#[test]
fn jsonl_records_and_limit() {
    let Some(dir) = seeds_dir() else { return };
    let out =
        kiosque().args(["search", "otan", "--format", "jsonl", "--limit", "2"]).arg(&dir).output().unwrap();
    assert!(out.status.success());
    let records: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 2);
    for r in &records {
        let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, BTreeSet::from(["path", "title", "date", "score"]));
        assert!(r["score"].is_i64());
        assert!(
            std::fs::read_to_string(r["path"].as_str().unwrap()).unwrap().to_lowercase().contains("otan")
        );
    }
    assert!(records[0]["score"].as_i64() >= records[1]["score"].as_i64(), "best first");
}

#[test]
fn nothing_matching_exits_1_and_bad_queries_exit_2() {
    kiosque().args(["search", "zzqxv", "--demo"]).assert().code(1).stdout("");
    let out = kiosque().args(["search", "colour:red", "--demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("kiosque: error: unknown field `colour:`"), "{err}");
    let out = kiosque().args(["search", "date:2022-13", "--demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("bad date `2022-13`"));
    kiosque().args(["search", "is:rad", "--demo"]).assert().code(2);
    // No input at all is a usage error too.
    kiosque().args(["search", "port"]).assert().code(2);
}

#[test]
fn empty_query_lists_the_whole_demo_corpus_newest_first() {
    let parsed = kiosque().args(["parse", "--demo", "--format", "jsonl"]).output().unwrap();
    let mut records: Vec<Value> =
        String::from_utf8(parsed.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let out = kiosque().args(["search", "", "--demo"]).output().unwrap();
    assert!(out.status.success());
    let printed: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
    assert_eq!(printed.len(), records.len());
    // Dated articles first, newest first (ISO prefixes sort as dates); undated ones last.
    records.sort_by(|a, b| b["date"].as_str().unwrap_or("").cmp(a["date"].as_str().unwrap_or("")));
    let first_date = records[0]["date"].as_str().unwrap().to_string();
    assert_eq!(
        printed[0],
        records.iter().find(|r| r["date"].as_str() == Some(&first_date)).unwrap()["path"].as_str().unwrap()
    );
}

#[test]
fn entity_fields_fold_accents_and_know_aliases() {
    let Some(dir) = seeds_dir() else { return };
    let expected = seeds_where(&dir, |t| t.contains("Choïgou") || t.contains("Choigou"));
    assert!(!expected.is_empty());
    assert_eq!(search(&dir, "per:choigou"), expected);
    // The seeds write OTAN; the gazetteer knows NATO is its alias.
    let otan = seeds_where(&dir, |t| t.contains("OTAN") || t.contains("Otan"));
    assert!(!otan.is_empty());
    assert_eq!(search(&dir, "ent:nato"), otan);
}

#[test]
fn review_qualifiers_read_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.sqlite3");
    let Some(seeds) = seeds_dir() else { return };
    let first = seeds_where(&seeds, |_| true).into_iter().next().unwrap();
    let search_with_state = |q: &str| {
        let out = kiosque().args(["search", q, "--state"]).arg(&state).arg(&seeds).output().unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    // No state file yet: nothing is read, everything unread.
    assert_eq!(search_with_state("is:read").0, Some(1));
    assert_eq!(search_with_state("is:unread").1.lines().count(), 5);
    kiosque()
        .args(["mark", "--star", "--label", "Suivi", "--state"])
        .arg(&state)
        .arg(&first)
        .assert()
        .success();
    let (code, out) = search_with_state("is:starred label:suivi");
    assert_eq!((code, out.trim()), (Some(0), first.as_str()));
    assert_eq!(search_with_state("!is:starred").1.lines().count(), 4);
}
