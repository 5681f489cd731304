//! Related articles: those sharing the most named entities with the current one,
//! each shared entity weighted by its rarity (idf), with near-duplicate versions
//! of the same wire story folded into one entry.

use std::collections::{HashMap, HashSet};

use crate::corpus::Document;

use super::{EntityKey, for_each_mentioning, named_entities};

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
///
/// One pass over the corpus's mentions, looking only for the current article's
/// names: a corpus-wide index of every name (built per press of `r`) cost
/// seconds and a string per mention at a million articles, for the few dozen
/// names one article has.
#[must_use]
pub fn related(docs: &[Document], current: usize, limit: usize) -> Vec<Related> {
    let mine: Vec<EntityKey> = named_entities(&docs[current]).into_iter().collect();
    // Per document sharing a name: its index and the shared names (slots).
    let (mut df, mut sharing) = (vec![0_usize; mine.len()], Vec::new());
    for_each_mentioning(docs, &mine, |d, slots| {
        for &slot in slots {
            df[slot] += 1;
        }
        if d != current {
            sharing.push((d, slots.to_vec()));
        }
    });
    // How rare a name is: `ln(N / df)`, 0 for a name every article mentions.
    #[allow(clippy::cast_precision_loss)]
    let idf = |slot: usize| (docs.len().max(1) as f64 / df[slot].max(1) as f64).ln();
    let mut ranked: Vec<(usize, f64, Vec<usize>)> = sharing
        .into_iter()
        .map(|(d, slots)| (d, slots.iter().map(|&s| idf(s)).sum::<f64>(), slots))
        .filter(|(_, score, _)| *score > 0.0)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));

    let mut out: Vec<Related> = Vec::new();
    let mut shingles: HashMap<usize, HashSet<u64>> = HashMap::new();
    for (d, score, mut slots) in ranked {
        if let Some(group) = out.iter_mut().find(|r| near_duplicates(docs, r.doc, d, &mut shingles)) {
            group.duplicates.push(d);
            continue;
        }
        if out.len() == limit {
            continue;
        }
        slots.sort_by(|&a, &b| idf(b).total_cmp(&idf(a)).then_with(|| mine[a].cmp(&mine[b])));
        let shared = slots.into_iter().map(|s| mine[s].1.clone()).collect();
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
