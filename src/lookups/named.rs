//! The named entities of a document, as keys: what related articles, the
//! entity timelines and `kiosque lookup` compare.

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

/// Calls `visit` with each document that mentions some of `keys`, and which of
/// them (their positions in `keys`, ascending, each once). One pass over the
/// mentions that allocates nothing per mention: at a million articles, what
/// looking up a few names costs is reading the corpus once.
pub(super) fn for_each_mentioning(
    docs: &[Document],
    keys: &[EntityKey],
    mut visit: impl FnMut(usize, &[usize]),
) {
    let slots: HashMap<(EntityKind, &str), usize> =
        keys.iter().enumerate().map(|(i, (kind, name))| ((*kind, name.as_str()), i)).collect();
    let (mut seen, mut hits) = (vec![false; keys.len()], Vec::new());
    for (d, doc) in docs.iter().enumerate() {
        for m in doc.entities.get().into_iter().flatten().filter(|m| m.kind.is_named()) {
            if let Some(&slot) = slots.get(&(m.kind, m.canonical(&doc.text)))
                && !std::mem::replace(&mut seen[slot], true)
            {
                hits.push(slot);
            }
        }
        if !hits.is_empty() {
            hits.sort_unstable();
            visit(d, &hits);
            for slot in hits.drain(..) {
                seen[slot] = false;
            }
        }
    }
}
