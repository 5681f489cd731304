//! `kiosque entities` end to end: on the seed articles (expectations derived from the
//! files at run time, nothing copied) and on inputs of our own, with the exit-code
//! contract.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{kiosque, seeds_dir};
use serde_json::Value;

fn jsonl(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec()).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn seeds_give_byte_exact_mentions_of_all_seven_kinds() {
    let Some(dir) = seeds_dir() else { return };
    let out = kiosque().args(["entities", "--format", "jsonl"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records = jsonl(&out.stdout);
    let mut kinds = HashSet::new();
    let mut ramstein_seen = false;
    let mut stoltenberg_seen = false;
    for r in &records {
        let path = r["path"].as_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], r["text"].as_str().unwrap(), "{path}: text is the slice");
        kinds.insert(r["kind"].as_str().unwrap().to_string());
        if text.contains("Ramstein") && r["text"] == "Ramstein" {
            assert_eq!(r["kind"], "LOC");
            ramstein_seen = true;
        }
        if r["text"] == "Jens Stoltenberg" {
            assert_eq!(r["kind"], "PER");
            stoltenberg_seen = true;
        }
    }
    assert!(ramstein_seen && stoltenberg_seen);
    let mentions_of = |path: &Path| -> Vec<(usize, usize, String)> {
        records
            .iter()
            .filter(|r| Path::new(r["path"].as_str().unwrap()) == path)
            .map(|r| {
                let n = |k: &str| r[k].as_u64().unwrap() as usize;
                (n("start"), n("end"), r["kind"].as_str().unwrap().to_string())
            })
            .collect()
    };
    let mut glued_seen = 0;
    let mut shouted_seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let found = mentions_of(&path);
        // A known name glued to a lowercase word by the scrape ("…sous"): the name's bytes only.
        for name in ["Kherson", "Russie"] {
            for (at, _) in text.match_indices(name) {
                let end = at + name.len();
                if text[end..].starts_with(|c: char| c.is_lowercase()) {
                    assert!(
                        found.contains(&(at, end, "LOC".to_string())),
                        "{}: glued {name} at {at}",
                        path.display()
                    );
                    glued_seen += 1;
                }
            }
        }
        // A line in capitals: its "OTAN" is still an organisation, its other words are not names.
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() > 20 && letters.iter().all(|c| c.is_uppercase()) {
                let in_line: Vec<_> =
                    found.iter().filter(|m| m.0 >= line_start && m.1 <= line_start + line.len()).collect();
                let otan = line.find("OTAN").map(|i| line_start + i);
                assert!(
                    otan.is_some_and(|o| in_line.iter().any(|m| m.0 == o && m.2 == "ORG")),
                    "{}",
                    path.display()
                );
                assert!(in_line.len() <= 3, "a shouted line gives known names only: {in_line:?}");
                shouted_seen += 1;
            }
            line_start += line.len();
        }
    }
    assert!(glued_seen >= 2 && shouted_seen >= 1, "glued {glued_seen}, shouted lines {shouted_seen}");
    assert_eq!(kinds.len(), 7, "all seven kinds across the seeds: {kinds:?}");
    // Every "Jens Stoltenberg" of every seed is found, whatever its apostrophes around.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = text.matches("Jens Stoltenberg").count();
        let found = records
            .iter()
            .filter(|r| Path::new(r["path"].as_str().unwrap()) == path && r["text"] == "Jens Stoltenberg")
            .count();
        assert_eq!(found, expected, "{}", path.display());
    }
}

#[test]
fn demo_jsonl_has_the_contract_fields_in_load_then_offset_order() {
    let out = kiosque().args(["entities", "--demo", "--format", "jsonl"]).output().unwrap();
    assert!(out.status.success());
    let records = jsonl(&out.stdout);
    assert!(records.len() > 100);
    let first_line = String::from_utf8(out.stdout.clone()).unwrap().lines().next().unwrap().to_string();
    let at: Vec<usize> = ["path", "start", "end", "text", "kind", "canonical"]
        .iter()
        .map(|k| first_line.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "fields in contract order: {first_line}");
    assert_eq!(records[0].as_object().unwrap().len(), 6);
    for w in records.windows(2) {
        if w[0]["path"] == w[1]["path"] {
            assert!(w[0]["end"].as_u64() <= w[1]["start"].as_u64());
        }
    }
    assert!(records.iter().any(|r| r["text"] == "Otan" && r["canonical"] == "OTAN"));
}

#[test]
fn kinds_filter_and_table_output() {
    let out =
        kiosque().args(["entities", "--demo", "--format", "jsonl", "--kinds", "PER,loc"]).output().unwrap();
    let kinds: HashSet<String> =
        jsonl(&out.stdout).iter().map(|r| r["kind"].as_str().unwrap().to_string()).collect();
    assert_eq!(kinds, HashSet::from(["PER".to_string(), "LOC".to_string()]));
    let out = kiosque().args(["entities", "--demo"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("demo/01-port-reopens.txt"));
    assert!(table.lines().any(|l| l.contains("Hélène Marchand") && l.contains("PER")));
}

#[test]
fn exit_codes_follow_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    kiosque().args(["entities"]).assert().code(2);
    kiosque().args(["entities", "--demo", "--kinds", "THING"]).assert().code(2);
    let empty = write(dir.path(), "plain.txt", "rien de notable ici, vraiment rien\n");
    kiosque().arg("entities").arg(&empty).assert().code(1);
    let bad = write(dir.path(), "bad.toml", "[[entity]]\nname = 1\n");
    kiosque().args(["entities", "--demo", "--entities-dict"]).arg(&bad).assert().code(2);
    let missing = dir.path().join("missing.txt");
    kiosque().arg("entities").arg(&missing).arg("--demo").arg("--strict").assert().code(2);
    kiosque().arg("entities").arg(&missing).arg("--demo").assert().code(0);
}

#[test]
fn user_dictionary_adds_and_suppresses_names() {
    let dir = tempfile::tempdir().unwrap();
    let dict = write(
        dir.path(),
        "entities.toml",
        "suppress = [\"Paris\"]\n[[entity]]\nname = \"Quai Nord\"\nkind = \"ORG\"\naliases = [\"QN\"]\n",
    );
    let article = write(dir.path(), "a.txt", "Le collectif QN manifeste à Paris et à Lyon.\n");
    let out = kiosque()
        .args(["entities", "--format", "jsonl", "--entities-dict"])
        .arg(&dict)
        .arg(&article)
        .output()
        .unwrap();
    let records = jsonl(&out.stdout);
    let got: Vec<(String, String, String)> = records
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap().to_string();
            (s("text"), s("kind"), s("canonical"))
        })
        .collect();
    assert!(got.contains(&("QN".into(), "ORG".into(), "Quai Nord".into())));
    assert!(got.contains(&("Lyon".into(), "LOC".into(), "Lyon".into())));
    assert!(!got.iter().any(|g| g.0 == "Paris"));
}

#[test]
fn table_output_neutralises_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "esc.txt", "M. Dupont\u{1b}[2J a parlé à Lyon.\n");
    let out = kiosque().arg("entities").arg(&article).output().unwrap();
    assert!(!out.stdout.contains(&0x1b));
}
