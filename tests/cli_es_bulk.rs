//! `kiosque export --format es-bulk` end to end on the seed corpus: the bulk
//! NDJSON shape, stable ids, entities as `kiosque entities` finds them, review state.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use common::{kiosque, seeds_dir};
use serde_json::Value;

fn run(args: &[&str], state: &Path) -> std::process::Output {
    kiosque().args(args).arg("--state").arg(state).env_remove("KIOSQUE_STATE").output().unwrap()
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::str::from_utf8(&out.stdout).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
}

/// The action/document pairs of a bulk export, checking that lines alternate.
fn pairs(lines: &[Value]) -> Vec<(&Value, &Value)> {
    assert_eq!(lines.len() % 2, 0, "an action line and a document line per article");
    lines
        .chunks(2)
        .map(|pair| {
            let action = &pair[0]["index"];
            assert!(action.is_object(), "action line first: {}", pair[0]);
            assert!(pair[1].get("index").is_none() && pair[1]["text"].is_string(), "document second");
            (action, &pair[1])
        })
        .collect()
}

#[test]
fn seeds_export_as_bulk_with_stable_ids_and_their_entities() {
    let Some(seeds) = seeds_dir() else { return };
    let seeds = seeds.to_str().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state.sqlite3");

    let first = lines(&run(&["export", seeds, "--format", "es-bulk"], &state));
    let pairs = pairs(&first);
    let count = std::fs::read_dir(seeds).unwrap().count();
    assert_eq!(pairs.len(), count, "one document per seed file");
    let ids: Vec<&str> = pairs.iter().map(|(a, _)| a["_id"].as_str().unwrap()).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "ids are unique");
    assert!(pairs.iter().all(|(a, _)| a["_index"] == "kiosque"));
    let again = lines(&run(&["export", seeds, "--format", "es-bulk", "--no-cache"], &state));
    assert_eq!(first, again, "same ids and documents on a second run, cached or not");

    // Entities: per document and kind, the canonicals `kiosque entities` reports.
    let out = kiosque().args(["entities", seeds, "--format", "jsonl"]).output().unwrap();
    let mut expected: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for m in lines(&out) {
        let key = (m["path"].as_str().unwrap().to_owned(), m["kind"].as_str().unwrap().to_lowercase());
        expected.entry(key).or_default().insert(m["canonical"].as_str().unwrap().to_owned());
    }
    assert!(!expected.is_empty());
    for (_, doc) in &pairs {
        let path = doc["path"].as_str().unwrap();
        assert!(doc["title"].is_string() && doc["lang"].is_string() && doc["words"].as_u64() > Some(0));
        for kind in ["per", "org", "loc", "misc", "date", "money", "quantity"] {
            let got: BTreeSet<String> = doc["entities"][kind]
                .as_array()
                .unwrap_or_else(|| panic!("{path}: entities.{kind} is an array"))
                .iter()
                .map(|v| v.as_str().unwrap().to_owned())
                .collect();
            let want = expected.get(&(path.to_owned(), kind.to_owned())).cloned().unwrap_or_default();
            assert_eq!(got, want, "{path}: entities.{kind}");
        }
    }
}

#[test]
fn review_state_and_index_name_are_exported() {
    let Some(seeds) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state.sqlite3");
    let seed = common::seed("001");
    let seed = seed.to_str().unwrap();
    let marked = run(&["mark", seed, "--star", "--read", "--label", "energy", "--note", "follow up"], &state);
    assert!(marked.status.success(), "{}", String::from_utf8_lossy(&marked.stderr));

    let all = lines(&run(
        &["export", seeds.to_str().unwrap(), "--format", "es-bulk", "--index", "news-2024"],
        &state,
    ));
    let pairs = pairs(&all);
    assert!(pairs.iter().all(|(a, _)| a["_index"] == "news-2024"));
    let (starred, rest): (Vec<&(&Value, &Value)>, Vec<_>) =
        pairs.iter().partition(|(_, d)| d["review"]["starred"] == true);
    assert_eq!(starred.len(), 1);
    let review = &starred[0].1["review"];
    assert_eq!(review["read"], true);
    assert_eq!(review["labels"], serde_json::json!(["energy"]));
    assert_eq!(review["note"], "follow up");
    assert!(rest.iter().all(|(_, d)| d["review"]["read"] == false && d["review"]["note"].is_null()));

    // The review filters select what is exported.
    let only = lines(&run(&["export", seeds.to_str().unwrap(), "--format", "es-bulk", "--starred"], &state));
    assert_eq!(only.len(), 2);
    assert_eq!(only[1]["path"], starred[0].1["path"]);
}

#[test]
fn es_bulk_usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let state = tmp.path().join("state.sqlite3");
    for (args, says) in [
        (&["export", "--format", "es-bulk"][..], "give PATHS or --demo"),
        (&["export", "--demo", "--format", "es-bulk", "--index", "Bad Name"], "index name"),
        (&["export", "--demo", "--index", "news"], "only applies to --format es-bulk"),
    ] {
        let out = run(args, &state);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(says), "{args:?}");
    }
    assert!(!state.exists(), "export never creates a state file");
}
