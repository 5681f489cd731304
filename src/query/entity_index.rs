//! The index of entity names: which documents mention which (folded) names.
//!
//! Entities arrive in the background (`Document::entities` is set later), so the
//! index grows: each search first takes in the documents whose mentions have
//! been set since. The distinct names are few (thousands, not millions), so a
//! query term is matched against every name, then expanded to documents.

use std::collections::HashMap;

use super::fold::fold;
use crate::corpus::Document;
use crate::entities::{EntityKind, Mention};

/// One distinct name of one kind.
#[derive(Debug, Clone)]
pub struct Key {
    /// Folded, lowercased.
    pub name: Box<str>,
    /// Folded, case kept (for smart case).
    pub cased: Box<str>,
    /// Its kind.
    pub kind: EntityKind,
}

/// Names, and the documents mentioning each with a count.
#[derive(Debug, Default)]
pub struct EntityIndex {
    keys: Vec<Key>,
    ids: HashMap<(Box<str>, EntityKind), u32>,
    postings: Vec<Vec<(u32, u16)>>,
    /// Documents whose mentions were not set when last looked at.
    pending: Vec<u32>,
}

/// The names a mention goes by: its canonical form and, when different, its text.
pub fn mention_names<'a>(doc: &'a Document, m: &'a Mention) -> impl Iterator<Item = &'a str> {
    let surface = doc.text.get(m.range()).unwrap_or("");
    let canonical = m.canonical(&doc.text);
    std::iter::once(canonical).chain((fold(surface, true) != fold(canonical, true)).then_some(surface))
}

impl EntityIndex {
    /// An empty index waiting for the entities of `n` documents.
    #[must_use]
    pub fn new(n: usize) -> Self {
        EntityIndex { pending: (0..u32::try_from(n).unwrap_or(u32::MAX)).collect(), ..Self::default() }
    }

    /// Whether some pending document has its mentions now.
    #[must_use]
    pub fn has_news(&self, docs: &[Document]) -> bool {
        self.pending.iter().any(|&d| docs[d as usize].entities.get().is_some())
    }

    /// Takes in the documents whose mentions have been set since the last call.
    pub fn refresh(&mut self, docs: &[Document]) {
        let pending = std::mem::take(&mut self.pending);
        for d in pending {
            let doc = &docs[d as usize];
            let Some(mentions) = doc.entities.get() else {
                self.pending.push(d);
                continue;
            };
            let mut counts: HashMap<u32, u16> = HashMap::new();
            for m in mentions.iter().filter(|m| m.kind.is_named()) {
                for name in mention_names(doc, m) {
                    let id = self.key_id(name, m.kind);
                    *counts.entry(id).or_default() += 1;
                }
            }
            for (id, n) in counts {
                self.postings[id as usize].push((d, n));
            }
        }
    }

    fn key_id(&mut self, name: &str, kind: EntityKind) -> u32 {
        let folded: Box<str> = fold(name, true).into();
        if let Some(&id) = self.ids.get(&(folded.clone(), kind)) {
            return id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push(Key { name: folded.clone(), cased: fold(name, false).into(), kind });
        self.ids.insert((folded, kind), id);
        self.postings.push(Vec::new());
        id
    }

    /// All names, by id.
    #[must_use]
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// Adds, for each document mentioning name `key`, its count to `hits`.
    pub fn add_postings(&self, key: usize, hits: &mut [u16]) {
        for &(d, n) in &self.postings[key] {
            let h = &mut hits[d as usize];
            *h = h.saturating_add(n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    #[test]
    fn takes_in_documents_as_their_entities_arrive() {
        let docs: Vec<Document> = (0..2)
            .map(|i| parse_article(format!("{i}"), "Titre\n\nSergueï Choïgou à Moscou.".to_string()))
            .collect();
        let mut idx = EntityIndex::new(2);
        assert!(!idx.has_news(&docs));
        let per = Mention::new(&docs[1].text, 7, 24, EntityKind::Per, "Sergueï Choïgou");
        let date = Mention::new(&docs[1].text, 0, 5, EntityKind::Date, "2022");
        docs[1].entities.set(vec![per, per, date]).unwrap();
        assert!(idx.has_news(&docs));
        idx.refresh(&docs);
        assert!(!idx.has_news(&docs));
        assert_eq!(idx.keys().len(), 1, "one name, dates left out: {:?}", idx.keys());
        assert_eq!(&*idx.keys()[0].name, "serguei choigou");
        let mut hits = vec![0; 2];
        idx.add_postings(0, &mut hits);
        assert_eq!(hits, [0, 2]);
        docs[0].entities.set(Vec::new()).unwrap();
        assert!(idx.has_news(&docs));
        idx.refresh(&docs);
        assert!(!idx.has_news(&docs));
    }
}
