//! `--format es-bulk`: OpenSearch/Elasticsearch `_bulk` NDJSON, so that a corpus
//! too big for one machine can be searched by an existing distributed engine.
//!
//! Each article is two lines: the action `{"index":{"_index":NAME,"_id":KEY}}`,
//! then the document. The `_id` is the review key (a hash of the text), so a
//! re-export updates the same documents instead of adding copies, and two copies
//! of one article (which share their review state) are one search document.
//! The mapping these documents expect is in docs/scaling.md.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde::Serialize;

use crate::cli::json;
use crate::corpus::Document;
use crate::entities::EntityKind;
use crate::review::{Record, ReviewState};

/// The index name when `--index` is not given.
pub const DEFAULT_INDEX: &str = "kiosque";

/// The action line: index (create or replace) this document.
#[derive(Serialize)]
struct Action<'a> {
    index: Target<'a>,
}

#[derive(Serialize)]
struct Target<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// One article as indexed (a contract: the mapping and queries use these names).
#[derive(Debug, Serialize, PartialEq)]
pub(super) struct EsDocument<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
    source: Option<&'a str>,
    url: Option<&'a str>,
    lang: &'a str,
    words: usize,
    text: &'a str,
    review: Review<'a>,
    entities: Entities<'a>,
}

#[derive(Debug, Serialize, PartialEq)]
struct Review<'a> {
    read: bool,
    starred: bool,
    labels: &'a [String],
    note: Option<&'a str>,
}

/// The distinct canonical names (or normalised values) of each kind, sorted, as
/// keyword arrays: one field per kind so that a query can ask for a person or a
/// place without matching the other.
#[derive(Debug, Default, Serialize, PartialEq)]
struct Entities<'a> {
    per: BTreeSet<&'a str>,
    org: BTreeSet<&'a str>,
    loc: BTreeSet<&'a str>,
    misc: BTreeSet<&'a str>,
    date: BTreeSet<&'a str>,
    money: BTreeSet<&'a str>,
    quantity: BTreeSet<&'a str>,
}

impl<'a> Entities<'a> {
    fn of(doc: &'a Document) -> Self {
        let mut e = Self::default();
        for m in doc.entities.get().map_or(&[][..], Vec::as_slice) {
            let set = match m.kind {
                EntityKind::Per => &mut e.per,
                EntityKind::Org => &mut e.org,
                EntityKind::Loc => &mut e.loc,
                EntityKind::Misc => &mut e.misc,
                EntityKind::Date => &mut e.date,
                EntityKind::Money => &mut e.money,
                EntityKind::Quantity => &mut e.quantity,
            };
            set.insert(m.canonical(&doc.text));
        }
        e
    }
}

impl<'a> EsDocument<'a> {
    /// The search document of `doc` with its review state.
    pub(super) fn new(doc: &'a Document, state: &'a ReviewState) -> Self {
        Self {
            path: &doc.path,
            title: doc.title(),
            date: doc.date(),
            source: doc.source(),
            url: doc.url(),
            lang: doc.lang(),
            words: doc.words(),
            text: &doc.text,
            review: Review {
                read: state.read,
                starred: state.starred,
                labels: &state.labels,
                note: state.note.as_deref(),
            },
            entities: Entities::of(doc),
        }
    }
}

/// Checks an index name against the engines' rules (lowercase, no `\/*?"<>|,#`,
/// space or colon, not starting with `-_+`, not `.` or `..`, at most 255 bytes),
/// so that a bad name fails here rather than on every line of the bulk request.
pub fn parse_index(name: &str) -> Result<String, String> {
    let bad_char = name
        .chars()
        .find(|c| c.is_uppercase() || c.is_whitespace() || c.is_control() || "\\/*?\"<>|,#:".contains(*c));
    if let Some(c) = bad_char {
        return Err(format!(
            "index name {name:?} may not contain {c:?} (lowercase, no \\/*?\"<>|,#: or space)"
        ));
    }
    if name.is_empty() || name == "." || name == ".." || name.starts_with(['-', '_', '+']) || name.len() > 255
    {
        return Err(format!(
            "index name {name:?} is not valid (1–255 bytes, not . or .., not starting with -_+)"
        ));
    }
    Ok(name.to_owned())
}

/// Writes each document with its record (`records[i]` is `docs[i]`'s) as a
/// bulk action and document, once per review key: later copies of an article
/// already written are skipped. Returns how many were skipped.
pub(super) fn write(
    out: &mut impl Write,
    index: &str,
    docs: &[&Document],
    records: &[Record],
) -> io::Result<usize> {
    let mut seen = std::collections::HashSet::new();
    let mut skipped = 0;
    for (doc, record) in docs.iter().zip(records) {
        let id = record.meta.key.as_str();
        if !seen.insert(id) {
            skipped += 1;
            continue;
        }
        json::write_line(out, &Action { index: Target { index, id } })?;
        json::write_line(out, &EsDocument::new(doc, &record.state))?;
    }
    Ok(skipped)
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::corpus::parse_article;
    use crate::entities::Mention;
    use crate::review::ArticleMeta;

    fn doc(path: &str, text: &str) -> Document {
        parse_article(path.to_owned(), text.to_owned())
    }

    fn mention(text: &str, start: usize, len: usize, kind: EntityKind, canonical: &str) -> Mention {
        Mention::new(text, start, start + len, kind, canonical)
    }

    fn record(d: &Document, state: ReviewState) -> Record {
        Record { meta: ArticleMeta::from(d), state }
    }

    fn lines(out: &[u8]) -> Vec<Value> {
        std::str::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    #[test]
    fn entities_are_distinct_canonical_names_by_kind() {
        let text = "Port news\n\nThe mayor of Lune met M. Dupont in Lune on 3 May.\n";
        let d = doc("a.txt", text);
        let at = |needle: &str| text.find(needle).unwrap();
        let mentions = vec![
            mention(text, at("Lune"), 4, EntityKind::Loc, "Lune"),
            mention(text, at("M. Dupont"), 9, EntityKind::Per, "Jean Dupont"),
            mention(text, text.rfind("Lune").unwrap(), 4, EntityKind::Loc, "Lune"),
            mention(text, at("3 May"), 5, EntityKind::Date, "3 May"),
        ];
        d.entities.set(mentions).unwrap();
        let state = ReviewState::default();
        let v = serde_json::to_value(EsDocument::new(&d, &state)).unwrap();
        assert_eq!(v["entities"]["loc"], json!(["Lune"]));
        assert_eq!(v["entities"]["per"], json!(["Jean Dupont"]));
        assert_eq!(v["entities"]["date"], json!(["3 May"]));
        assert_eq!(v["entities"]["org"], json!([]));
    }

    #[test]
    fn document_carries_the_article_and_its_review_state() {
        let d = doc("dir/b.txt", "A title\n\nSome body text here.\n");
        let state = ReviewState {
            read: true,
            starred: false,
            labels: vec!["energy".into(), "port".into()],
            note: Some("check\nthis".into()),
        };
        let v = serde_json::to_value(EsDocument::new(&d, &state)).unwrap();
        assert_eq!(v["path"], "dir/b.txt");
        assert_eq!(v["title"], d.title());
        assert_eq!(v["text"], d.text);
        assert_eq!(v["lang"], d.lang());
        assert_eq!(v["words"], d.words());
        assert_eq!(v["url"], Value::Null);
        assert_eq!(
            v["review"],
            json!({"read": true, "starred": false, "labels": ["energy", "port"], "note": "check\nthis"})
        );
        // Entities not computed: empty arrays, never missing fields.
        assert_eq!(v["entities"]["per"], json!([]));
    }

    #[test]
    fn bulk_lines_alternate_and_copies_are_written_once() {
        let a = doc("a.txt", "Alpha\n\nFirst article body.\n");
        let b = doc("b.txt", "Beta\n\nSecond \u{9b}article body.\n");
        let a_copy = doc("copy/a.txt", &a.text);
        let records: Vec<Record> =
            [&a, &b, &a_copy].iter().map(|d| record(d, ReviewState::default())).collect();
        let mut out = Vec::new();
        assert_eq!(write(&mut out, "news", &[&a, &b, &a_copy], &records).unwrap(), 1);
        assert!(!String::from_utf8_lossy(&out).contains('\u{9b}'), "terminal-safe output");
        let lines = lines(&out);
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], json!({"index": {"_index": "news", "_id": records[0].meta.key.as_str()}}));
        assert_eq!(lines[1]["path"], "a.txt");
        assert_eq!(lines[2]["index"]["_id"], records[1].meta.key.as_str());
        assert_eq!(lines[3]["text"], b.text);
    }

    #[test]
    fn index_names_follow_the_engines_rules() {
        assert_eq!(parse_index("kiosque-2024.11").as_deref(), Ok("kiosque-2024.11"));
        for bad in ["", ".", "..", "News", "a b", "a/b", "a,b", "a#b", "a:b", "_x", "-x", "+x", "a*"] {
            assert!(parse_index(bad).is_err(), "{bad:?}");
        }
        assert!(parse_index(&"x".repeat(256)).is_err());
    }
}
