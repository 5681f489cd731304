//! The named entities of a document, as keys: what related articles, the
//! entity timelines and `kiosque lookup` compare.

use std::collections::BTreeSet;

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
