//! Facets: the people, organisations, places and sources that a filtered set of
//! articles is about, with how many articles of the set mention each.

use std::collections::{HashMap, HashSet};

use crate::corpus::Document;
use crate::entities::EntityKind;

/// The top values of each facet, most frequent first (ties by name).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facets {
    /// People, with the number of articles mentioning each.
    pub people: Vec<(String, usize)>,
    /// Organisations.
    pub organisations: Vec<(String, usize)>,
    /// Places.
    pub places: Vec<(String, usize)>,
    /// Sources (sites and agencies).
    pub sources: Vec<(String, usize)>,
}

/// The facets of the documents `set` (indices into `docs`), `top` values each.
#[must_use]
pub fn facets(docs: &[Document], set: &[usize], top: usize) -> Facets {
    let mut counts: [HashMap<&str, usize>; 4] = Default::default();
    for &i in set {
        let doc = &docs[i];
        // Articles are counted, not mentions: each name once per article.
        let mut seen = HashSet::new();
        for m in doc.entities.get().into_iter().flatten() {
            let slot = match m.kind {
                EntityKind::Per => 0,
                EntityKind::Org => 1,
                EntityKind::Loc => 2,
                _ => continue,
            };
            let name = m.canonical(&doc.text);
            if seen.insert((slot, name)) {
                *counts[slot].entry(name).or_default() += 1;
            }
        }
        if let Some(source) = doc.source() {
            *counts[3].entry(source).or_default() += 1;
        }
    }
    let [people, organisations, places, sources] =
        counts.map(|c| top_counts(c, top).into_iter().map(|(k, n)| (k.to_string(), n)).collect());
    Facets { people, organisations, places, sources }
}

/// The `top` most frequent names, most frequent first, ties by name.
#[must_use]
pub fn top_counts(counts: HashMap<&str, usize>, top: usize) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    v.truncate(top);
    v
}
