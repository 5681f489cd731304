//! `kiosque parse` end to end: on the seed articles (expectations derived from the
//! files at run time) and on inputs of our own, with the exit-code contract.

mod common;

use std::collections::HashMap;

use common::{kiosque, seed, seeds_dir};
use serde_json::Value;

/// `kiosque parse --format jsonl` on the seeds, by file-name prefix.
fn parsed_seeds() -> Option<HashMap<String, Value>> {
    let dir = seeds_dir()?;
    let out = kiosque().args(["parse", "--format", "jsonl"]).arg(&dir).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: Vec<Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 5);
    Some(
        records
            .into_iter()
            .map(|r| {
                let name = r["path"].as_str().unwrap().rsplit('/').next().unwrap()[..3].to_string();
                (name, r)
            })
            .collect(),
    )
}

fn file_text(prefix: &str) -> String {
    std::fs::read_to_string(seed(prefix)).unwrap()
}

/// The text after the leading ` date YYYY-MM` header.
fn after_header(text: &str) -> &str {
    let t = text.trim_start().strip_prefix("date").unwrap().trim_start();
    t.split_once(char::is_whitespace).unwrap().1.trim_start()
}

#[test]
fn seed_titles() {
    let Some(docs) = parsed_seeds() else { return };
    for prefix in ["000", "002", "004"] {
        let first_line = file_text(prefix).lines().next().unwrap().trim().to_string();
        assert_eq!(docs[prefix]["title"], first_line.as_str(), "{prefix}");
    }
    // 001: its first sentence is longer than 120 characters, so it is cut with an ellipsis.
    let text = file_text("001");
    let title = docs["001"]["title"].as_str().unwrap();
    assert!(title.ends_with('…') && title.chars().count() <= 120, "{title}");
    let head = title.trim_end_matches('…');
    assert!(head.chars().count() > 80 && after_header(&text).starts_with(head), "{title}");
    // 003: the whole first sentence, without its period.
    let text = file_text("003");
    let title = docs["003"]["title"].as_str().unwrap();
    let rest = after_header(&text).strip_prefix(&format!("{title}.")).expect("title is the first sentence");
    assert!(rest.starts_with(char::is_whitespace), "{title}");
    assert!(!title.contains(". "));
}

#[test]
fn seed_dates_and_sources() {
    let Some(docs) = parsed_seeds() else { return };
    let dates: Vec<&Value> = ["000", "001", "002", "003", "004"].iter().map(|p| &docs[*p]["date"]).collect();
    assert_eq!(
        dates,
        [&Value::Null, &"2022-11".into(), &Value::Null, &"2022-10".into(), &"2023-11-29T13:34".into()]
    );
    let sources: Vec<&Value> =
        ["000", "001", "002", "003", "004"].iter().map(|p| &docs[*p]["source"]).collect();
    assert_eq!(sources, [&"Haurizon News".into(), &Value::Null, &"BFMTV".into(), &Value::Null, &Value::Null]);
    for d in docs.values() {
        assert_eq!(d["lang"], "fr");
        assert!(d["words"].as_u64().unwrap() > 100);
    }
}

#[test]
fn seed_bodies_lose_repeated_titles_attributions_and_tags_only() {
    let Some(docs) = parsed_seeds() else { return };
    for (prefix, d) in &docs {
        let text = file_text(prefix);
        let body = d["body"].as_str().unwrap();
        let title = d["title"].as_str().unwrap();
        if text.lines().next().unwrap().trim() == title {
            assert!(!body.contains(title), "{prefix}: body repeats the title");
        }
        if let Some(trailer) = d["trailer"].as_str() {
            for line in trailer.lines() {
                assert!(!body.contains(line), "{prefix}: body keeps trailer line {line:?}");
            }
        }
        // Nothing else is lost: every other non-blank line of the file is in the body.
        let header_date = text.trim_start().starts_with("date");
        for (i, line) in text.lines().enumerate().map(|(i, l)| (i, l.trim())) {
            let skipped = line.is_empty()
                || line == title
                || (i == 0 && header_date)
                || d["trailer"].as_str().is_some_and(|t| t.lines().any(|tl| line.ends_with(tl)))
                || line.starts_with("Mis à jour");
            if !skipped {
                let content = line.trim_start_matches(['•', '-', '*']).trim_start();
                assert!(body.contains(content), "{prefix}: line {} lost", i + 1);
            }
        }
    }
    assert_eq!(docs["004"]["trailer"], "fr-01");
    assert_eq!(docs["002"]["trailer"], "Rapporte BFMTV");
}

#[test]
fn seed_paragraph_ranges_slice_the_text_exactly() {
    let Some(docs) = parsed_seeds() else { return };
    for (prefix, d) in &docs {
        let text = file_text(prefix);
        let slices: Vec<&str> = d["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let (s, e) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
                let slice = &text[s..e];
                assert_eq!(slice, slice.trim(), "{prefix}: range {s}..{e} is not trimmed");
                slice
            })
            .collect();
        assert_eq!(slices.join("\n\n"), d["body"].as_str().unwrap(), "{prefix}");
    }
    // Kinds the seeds are known to hold: bullets and a credit in 004, headings in 002.
    let kinds = |p: &str| -> Vec<String> {
        docs[p]["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(kinds("004").contains(&"bullet".into()) && kinds("004").contains(&"credit".into()));
    assert!(kinds("002").contains(&"heading".into()));
}

#[test]
fn json_format_is_one_array_of_the_same_records() {
    let out = kiosque().args(["parse", "--demo", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let array: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let jsonl = kiosque().args(["parse", "--demo", "--format", "jsonl"]).output().unwrap();
    let lines: Vec<Value> =
        String::from_utf8(jsonl.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(array, lines);
    assert!(array.len() >= 2);
    for r in &array {
        assert!(r["path"].as_str().unwrap().starts_with("demo/"));
        for key in ["title", "date", "source", "lang", "words", "paragraphs", "body", "trailer"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn table_is_the_default_format() {
    let out = kiosque().args(["parse", "--demo"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("DATE"));
    assert!(text.contains("demo/01-"));
}

#[test]
fn standard_input_plain_json_and_jsonl() {
    let out =
        kiosque().args(["parse", "--format", "jsonl", "-"]).write_stdin("Titre\n\nCorps.").output().unwrap();
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((r["path"].as_str(), r["title"].as_str()), (Some("-"), Some("Titre")));

    let jsonl = "{\"title\": \"A\", \"body\": \"x.\"}\n\n{\"title\": \"B\", \"date\": \"2023-01-02\"}\n";
    let out = kiosque().args(["parse", "--format", "jsonl", "-"]).write_stdin(jsonl).output().unwrap();
    let paths: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, ["-:1", "-:3"]);

    let out = kiosque()
        .args(["parse", "--format", "json", "-"])
        .write_stdin("  [{\"headline\": \"H\"}]")
        .output()
        .unwrap();
    let r: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((r[0]["path"].as_str(), r[0]["title"].as_str()), (Some("-#0"), Some("H")));
}

#[test]
fn exit_codes() {
    // No input at all: a usage error.
    let out = kiosque().arg("parse").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("kiosque: error: "));
    // Nothing loaded: 1, with a warning naming the file.
    let out = kiosque().args(["parse", "/nonexistent/kiosque-test.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kiosque: warning: /nonexistent/kiosque-test.txt: no such file"), "{stderr}");
    // A warning is fine, unless --strict.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), "Titre\n\nCorps.").unwrap();
    std::fs::write(tmp.path().join("b.jsonl"), "{\"title\": \"T\"}\n{broken\n").unwrap();
    let out = kiosque().arg("parse").arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.jsonl:2: invalid JSON"));
    let out = kiosque().args(["parse", "--strict"]).arg(tmp.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // An unknown flag is a usage error too.
    assert_eq!(kiosque().args(["parse", "--bogus"]).output().unwrap().status.code(), Some(2));
}

#[test]
fn the_corpus_is_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("a.txt");
    std::fs::write(&file, "Titre\n\nCorps.").unwrap();
    let before = std::fs::metadata(&file).unwrap().modified().unwrap();
    kiosque().args(["parse", "--format", "json"]).arg(&file).assert().success();
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), before);
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}
