//! JSON and JSONL corpora: each record becomes a document whose text is its
//! title, a blank line, then its body, parsed like a plain-text article so that
//! credits, bullets and trailers are found in JSON bodies too.

use serde_json::{Map, Value};

use super::{Document, Warning, dates::parse_date, parse::parse_article};
use crate::entities::intern::Sym;

/// The keys each field is read from; the first one present wins.
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &["date", "published"];
const SOURCE: &[&str] = &["source", "site"];
const URL: &[&str] = &["url", "link"];
const LANG: &[&str] = &["lang"];
const BODY: &[&str] = &["body", "text", "content"];

/// Documents and warnings from one JSON or JSONL input.
pub type Records = (Vec<Document>, Vec<Warning>);

/// A whole JSON document (one record or an array of them), falling back to
/// JSONL when it is several values, one per line. `path` names the input.
pub fn from_json(path: &str, text: &str) -> Records {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => {
            let mut out = (Vec::new(), Vec::new());
            for (i, item) in items.iter().enumerate() {
                push(&mut out, format!("{path}#{i}"), path, None, item);
            }
            out
        }
        Ok(value) => {
            let mut out = (Vec::new(), Vec::new());
            push(&mut out, path.to_string(), path, None, &value);
            out
        }
        // Several values, one after the other: JSONL under a `.json` name.
        Err(e) if e.to_string().starts_with("trailing characters") => from_jsonl(path, text),
        Err(e) => (Vec::new(), vec![Warning::line(path, e.line(), format!("invalid JSON: {e}"))]),
    }
}

/// One record per line; blank lines are skipped, a bad line is skipped with a
/// warning naming it.
pub fn from_jsonl(path: &str, text: &str) -> Records {
    let mut out = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let n = i + 1;
        match serde_json::from_str::<Value>(line) {
            Ok(value) => push(&mut out, format!("{path}:{n}"), path, Some(n), &value),
            Err(e) => out.1.push(Warning::line(path, n, format!("invalid JSON: {e}"))),
        }
    }
    out
}

fn push(out: &mut Records, doc_path: String, file: &str, line: Option<usize>, value: &Value) {
    let warn = |message: String| Warning { path: file.to_string(), line, message };
    let Some(record) = value.as_object() else {
        out.1.push(warn("a record must be a JSON object".into()));
        return;
    };
    match document(doc_path, record) {
        Ok((doc, note)) => {
            if let Some(note) = note {
                out.1.push(warn(note));
            }
            out.0.push(doc);
        }
        Err(message) => out.1.push(warn(message)),
    }
}

/// The first of `keys` holding a non-empty string (or a number, as text).
fn field(record: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match record.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    })
}

/// A record as a document, with a note when a field had to be ignored.
fn document(path: String, record: &Map<String, Value>) -> Result<(Document, Option<String>), String> {
    let title = field(record, TITLE).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    let body = field(record, BODY);
    let text = match (&title, body) {
        (Some(t), Some(b)) => format!("{t}\n\n{b}"),
        (Some(t), None) => t.clone(),
        (None, Some(b)) => b,
        (None, None) => return Err("record has no title and no body".into()),
    };
    let mut doc = parse_article(path, text);
    let mut note = None;
    if let Some(raw) = field(record, DATE) {
        match parse_date(&raw) {
            Some(d) => doc.set_date(Some(&d)),
            None => note = Some(format!("unrecognised date {raw:?} ignored")),
        }
    }
    if let Some(source) = field(record, SOURCE) {
        doc.set_source(Some(&source));
    }
    doc.url = field(record, URL).map(String::into_boxed_str);
    if let Some(lang) = field(record, LANG) {
        let primary = lang.split(['-', '_']).next().unwrap_or(&lang).to_lowercase();
        doc.lang = Sym::intern(&primary);
    }
    Ok((doc, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_and_first_key_wins() {
        let (docs, warnings) = from_json(
            "a.json",
            r#"{"headline": "Le port rouvre", "title": "Titre", "published": "Wed, 29 Nov 2023 13:34:00 +0100",
                "site": "Le Courrier", "link": "https://example.org/x", "lang": "fr-FR",
                "content": "Premier paragraphe.\n\nSecond paragraphe."}"#,
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let d = &docs[0];
        assert_eq!(d.path, "a.json");
        assert_eq!(d.title(), "Titre");
        assert_eq!(d.date(), Some("2023-11-29T13:34"));
        assert_eq!(d.source(), Some("Le Courrier"));
        assert_eq!(d.url(), Some("https://example.org/x"));
        assert_eq!(d.lang(), "fr");
        assert_eq!(d.text, "Titre\n\nPremier paragraphe.\n\nSecond paragraphe.");
        assert_eq!(d.body(), "Premier paragraphe.\n\nSecond paragraphe.");
    }

    #[test]
    fn arrays_are_indexed_from_zero() {
        let (docs, _) =
            from_json("c.json", r#"[{"title": "A", "body": "x."}, {"title": "B", "body": "y."}]"#);
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["c.json#0", "c.json#1"]);
    }

    #[test]
    fn jsonl_bad_line_is_skipped_with_its_line_number() {
        let (docs, warnings) =
            from_jsonl("f.jsonl", "{\"title\": \"A\"}\n\n{oops\n[1]\n{\"text\": \"Titre\\n\\nCorps.\"}\n");
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["f.jsonl:1", "f.jsonl:5"]);
        assert_eq!(docs[1].title(), "Titre");
        let lines: Vec<Option<usize>> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [Some(3), Some(4)]);
    }

    #[test]
    fn json_file_holding_jsonl_is_read_as_jsonl() {
        let (docs, warnings) = from_json("g.json", "{\"title\": \"A\"}\n{\"title\": \"B\"}\n");
        assert!(warnings.is_empty());
        assert_eq!(docs[1].path, "g.json:2");
    }

    #[test]
    fn empty_record_and_bad_date_warn() {
        let (docs, warnings) =
            from_jsonl("h.jsonl", "{\"url\": \"x\"}\n{\"title\": \"T\", \"date\": \"soon\"}\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].date(), None);
        assert_eq!(warnings.len(), 2);
        assert!(warnings[1].message.contains("soon"));
    }
}
