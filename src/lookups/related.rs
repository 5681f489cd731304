//! Related articles: those sharing the most named entities with the current one,
//! each shared entity weighted by its rarity (idf), with near-duplicate versions
//! of the same wire story folded into one entry.

use std::collections::{HashMap, HashSet};

use crate::corpus::Document;

use super::{EntityIndex, EntityKey, named_entities};

/// One related article (or a group of near-duplicate versions of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The best-scoring version.
    pub doc: usize,
    /// The sum of the idf of the shared entities.
    pub score: f64,
    /// The shared entities' canonical names, rarest first.
    pub shared: Vec<String>,
    /// Other versions of the same story, folded into this entry.
    pub duplicates: Vec<usize>,
}

/// Word 3-grams and entities both overlapping this much make a near-duplicate.
const DUPLICATE_JACCARD: f64 = 0.5;

/// The `limit` articles most related to `current`, best first.
#[must_use]
pub fn related(docs: &[Document], index: &EntityIndex, current: usize, limit: usize) -> Vec<Related> {
    let mine = named_entities(&docs[current]);
    let mut scores: HashMap<u32, (f64, Vec<&EntityKey>)> = HashMap::new();
    for key in &mine {
        let idf = index.idf(key);
        for &d in index.documents(key) {
            if d as usize != current {
                let entry = scores.entry(d).or_insert((0.0, Vec::new()));
                entry.0 += idf;
                entry.1.push(key);
            }
        }
    }
    let mut ranked: Vec<(u32, f64, Vec<&EntityKey>)> =
        scores.into_iter().filter(|(_, (s, _))| *s > 0.0).map(|(d, (s, keys))| (d, s, keys)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let mut out: Vec<Related> = Vec::new();
    let mut shingles: HashMap<usize, HashSet<u64>> = HashMap::new();
    for (d, score, mut keys) in ranked {
        let d = d as usize;
        if let Some(group) = out.iter_mut().find(|r| near_duplicates(docs, r.doc, d, &mut shingles)) {
            group.duplicates.push(d);
            continue;
        }
        if out.len() == limit {
            continue;
        }
        keys.sort_by(|a, b| index.idf(b).total_cmp(&index.idf(a)).then_with(|| a.cmp(b)));
        let shared = keys.into_iter().map(|(_, name)| name.clone()).collect();
        out.push(Related { doc: d, score, shared, duplicates: Vec::new() });
    }
    out
}

/// Whether two articles are versions of the same story: mostly the same named
/// entities and mostly the same word 3-grams.
fn near_duplicates(docs: &[Document], a: usize, b: usize, cache: &mut HashMap<usize, HashSet<u64>>) -> bool {
    let (ea, eb) = (named_entities(&docs[a]), named_entities(&docs[b]));
    if jaccard(ea.intersection(&eb).count(), ea.len(), eb.len()) < DUPLICATE_JACCARD {
        return false;
    }
    cache.entry(a).or_insert_with(|| word_shingles(&docs[a]));
    cache.entry(b).or_insert_with(|| word_shingles(&docs[b]));
    let (sa, sb) = (&cache[&a], &cache[&b]);
    jaccard(sa.intersection(sb).count(), sa.len(), sb.len()) >= DUPLICATE_JACCARD
}

/// |A ∩ B| / |A ∪ B| from the sizes.
fn jaccard(common: usize, a: usize, b: usize) -> f64 {
    let union = a + b - common;
    #[allow(clippy::cast_precision_loss)]
    let j = if union == 0 { 0.0 } else { common as f64 / union as f64 };
    j
}

/// Hashes of the body's lowercased word 3-grams.
fn word_shingles(doc: &Document) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<String> = doc
        .paragraphs()
        .iter()
        .flat_map(|p| doc.paragraph_text(p).split_whitespace())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}
