//! Which documents mention which named entity: the postings behind related
//! articles, facets and the entity panel.

use std::collections::{BTreeSet, HashMap};

use crate::corpus::Document;
use crate::entities::EntityKind;

/// A named entity: its kind and canonical name.
pub type EntityKey = (EntityKind, String);

/// The named (PER, ORG, LOC, MISC) entities of one document, each once.
/// Dates and amounts say when and how much, not who or what: they are left out.
#[must_use]
pub fn named_entities(doc: &Document) -> BTreeSet<EntityKey> {
    doc.entities
        .get()
        .into_iter()
        .flatten()
        .filter(|m| m.kind.is_named())
        .map(|m| (m.kind, m.canonical(&doc.text).to_string()))
        .collect()
}

/// For each named entity, the documents mentioning it (ascending indices).
#[derive(Debug, Default)]
pub struct EntityIndex {
    postings: HashMap<EntityKey, Vec<u32>>,
    docs: usize,
}

impl EntityIndex {
    /// Indexes every document whose entities are computed.
    #[must_use]
    pub fn build(docs: &[Document]) -> Self {
        let mut postings: HashMap<EntityKey, Vec<u32>> = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^32 documents");
            for key in named_entities(doc) {
                postings.entry(key).or_default().push(i);
            }
        }
        EntityIndex { postings, docs: docs.len() }
    }

    /// The documents mentioning `key`.
    #[must_use]
    pub fn documents(&self, key: &EntityKey) -> &[u32] {
        self.postings.get(key).map_or(&[], Vec::as_slice)
    }

    /// How rare `key` is: `ln(N / df)`, 0 for an entity every document mentions.
    #[must_use]
    pub fn idf(&self, key: &EntityKey) -> f64 {
        let df = self.documents(key).len().max(1);
        #[allow(clippy::cast_precision_loss)]
        let ratio = self.docs.max(1) as f64 / df as f64;
        ratio.ln()
    }
}
