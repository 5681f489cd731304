//! `kiosque quotes`, `lookup` and `stats` end to end, on the seeds (expectations
//! derived from the files at run time) and on the demo corpus.

mod common;

use common::{kiosque, seeds_dir};
use serde_json::Value;

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn lookup_finds_stoltenberg_in_every_seed_with_line_numbers() {
    let Some(dir) = seeds_dir() else { return };
    let out = kiosque().args(["lookup", "stoltenberg", "--context", "20"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file = std::fs::read_to_string(&path).unwrap();
        let shown = path.display().to_string();
        let lines: Vec<&str> = text.lines().filter(|l| l.starts_with(&format!("{shown}:"))).collect();
        assert!(!lines.is_empty(), "no mention in {shown}");
        for l in lines {
            // `path:line: snippet`, the line being 1-based in the document's text.
            let rest = &l[shown.len() + 1..];
            let (n, snippet) = rest.split_once(": ").unwrap();
            let n: usize = n.parse().unwrap();
            assert!(file.lines().nth(n - 1).unwrap().contains("Stoltenberg"), "{l}");
            assert!(snippet.contains("Stoltenberg") && snippet.chars().count() <= 20 * 2 + 20 + 2);
        }
    }
    assert!(text.contains("co-occurring entities"));
}

#[test]
fn lookup_by_alias_and_nothing_found() {
    let out = kiosque().args(["lookup", "nato", "--demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    // The demo writes the alliance both ways: the French and the English name.
    assert!(text.contains("OTAN") || text.contains("Otan"));
    assert!(text.contains("NATO"));
    let out = kiosque().args(["lookup", "Personne Inconnue", "--demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("kiosque: error: no mention"));
}

#[test]
fn quotes_by_stoltenberg_in_the_seeds_slice_the_text() {
    let Some(dir) = seeds_dir() else { return };
    let out =
        kiosque().args(["quotes", "--by", "Stoltenberg", "--format", "jsonl"]).arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out.stdout);
    assert!(records.len() >= 5, "{records:?}");
    let mut files = std::collections::BTreeSet::new();
    for r in &records {
        let path = r["path"].as_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
        // The span leaves the quotation marks out.
        let inner = r["text"].as_str().unwrap();
        assert!(!inner.starts_with(['«', '“', '"']) && !inner.ends_with(['»', '”', '"']), "{inner}");
        let before = text[..s].trim_end().chars().next_back().unwrap();
        assert!(matches!(before, '«' | '“' | '"'), "{path}: {before:?} before {inner:?}");
        assert!(r["speaker"].as_str().unwrap().contains("Stoltenberg"));
        files.insert(path.to_string());
    }
    assert!(files.len() >= 4, "{files:?}");
}

#[test]
fn quotes_contract_and_exit_codes() {
    let out = kiosque().args(["quotes", "--demo", "--format", "jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let records = jsonl(&out.stdout);
    assert!(!records.is_empty());
    for r in &records {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["end", "path", "speaker", "start", "text"]);
    }
    assert!(records.iter().any(|r| r["speaker"].is_string()));
    let table = kiosque().args(["quotes", "--demo"]).output().unwrap();
    assert!(String::from_utf8(table.stdout).unwrap().contains("demo/"));
    let none = kiosque().args(["quotes", "--demo", "--by", "Personne Inconnue"]).output().unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(kiosque().arg("quotes").output().unwrap().status.code(), Some(2));
}

#[test]
fn stats_of_the_demo_corpus() {
    let out = kiosque().args(["stats", "--demo", "--top", "3"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let parsed = kiosque().args(["parse", "--demo", "--format", "jsonl"]).output().unwrap();
    let docs = jsonl(&parsed.stdout);
    let words: u64 = docs.iter().map(|d| d["words"].as_u64().unwrap()).sum();
    assert!(text.contains(&format!("documents  {}", docs.len())));
    assert!(text.contains(&format!("words      {words}")));
    for section in ["languages", "sources", "PER (mentions)", "LOC (mentions)", "MONEY (mentions)"] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
}
