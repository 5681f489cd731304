//! The index of entity names: which documents mention which (folded) names.
//!
//! Entities arrive in the background (`Document::entities` is set later), so the
//! index grows: each search first takes in the documents whose mentions have
//! been set since. The distinct names are few (thousands, not millions), so a
//! query term is matched against every name, then expanded to documents.
//!
//! Looking at a pending document reads its `Document` (a cache miss each):
//! over a million pending documents that alone cost ~20 ms a keystroke. So a
//! search looks at most [`WINDOW`] of them at the front of the pending list
//! (the background pass annotates in corpus order, so news are there) and
//! [`WINDOW`] more from a sweep that moves on at every search: a corpus of up to
//! twice [`WINDOW`] documents is always current, a larger one takes in a
//! document annotated out of order (the article the analyst opened) within
//! `pending / WINDOW` searches.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// A name that was a mention's text, to the canonical name it stood for (the
    /// first seen): how a user dictionary's aliases reach a query (`ent:oh` finds
    /// the articles that name "Ouest Horizon" in full), with no recognizer at hand.
    links: HashMap<u32, u32>,
    /// Documents whose mentions were not set when last looked at, ascending.
    pending: Vec<u32>,
    /// Where in `pending` the sweep window starts next.
    sweep: AtomicUsize,
    /// Documents taken in so far: changes whenever the postings do.
    taken: usize,
    /// Pending documents looked at per search in each window ([`WINDOW`]).
    window: usize,
}

/// Pending documents looked at per search, at the front and in the sweep.
const WINDOW: usize = 1 << 12;

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
        EntityIndex {
            pending: (0..u32::try_from(n).unwrap_or(u32::MAX)).collect(),
            window: WINDOW,
            ..Self::default()
        }
    }

    /// The positions in `pending` this search looks at: all of them when they
    /// are few, else the front window and the sweep window.
    fn window(&self) -> impl Iterator<Item = usize> + '_ {
        let n = self.pending.len();
        let w = self.window;
        let (front, swept) = if n <= 2 * w { (n, 0) } else { (w, w) };
        let start = self.sweep.load(Ordering::Relaxed);
        (0..front).chain((0..swept).map(move |j| front + (start + j) % (n - front)))
    }

    /// Whether some pending document in this search's window has its mentions
    /// now; moves the sweep on when none has.
    #[must_use]
    pub fn has_news(&self, docs: &[Document]) -> bool {
        let news = self.window().any(|i| docs[self.pending[i] as usize].entities.get().is_some());
        if !news {
            self.sweep.fetch_add(self.window, Ordering::Relaxed);
        }
        news
    }

    /// How many documents have been taken in: a search that saw another
    /// number must not narrow from the last one.
    #[must_use]
    pub fn taken(&self) -> usize {
        self.taken
    }

    /// Takes in the documents of this search's window whose mentions have
    /// been set since the last call.
    pub fn refresh(&mut self, docs: &[Document]) {
        let ready: Vec<usize> =
            self.window().filter(|&i| docs[self.pending[i] as usize].entities.get().is_some()).collect();
        self.sweep.fetch_add(self.window, Ordering::Relaxed);
        if ready.is_empty() {
            return;
        }
        for &i in &ready {
            let d = self.pending[i];
            let doc = &docs[d as usize];
            let Some(mentions) = doc.entities.get() else { continue };
            let mut counts: HashMap<u32, u16> = HashMap::new();
            for m in mentions.iter().filter(|m| m.kind.is_named()) {
                let mut canonical = None;
                for name in mention_names(doc, m) {
                    let id = self.key_id(name, m.kind);
                    *counts.entry(id).or_default() += 1;
                    match canonical {
                        None => canonical = Some(id),
                        Some(c) => {
                            self.links.entry(id).or_insert(c);
                        }
                    }
                }
            }
            for (id, n) in counts {
                self.postings[id as usize].push((d, n));
            }
        }
        self.taken += ready.len();
        let mut taken = vec![false; self.pending.len()];
        for i in ready {
            taken[i] = true;
        }
        let mut at = 0;
        self.pending.retain(|_| {
            at += 1;
            !taken[at - 1]
        });
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

    /// The folded canonical names that mentions written `folded` (the whole name,
    /// folded) stood for, one per kind at most.
    #[must_use]
    pub fn canonical_names(&self, folded: &str) -> Vec<&str> {
        let named = [EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc];
        let folded: Box<str> = folded.into();
        named
            .into_iter()
            .filter_map(|kind| self.ids.get(&(folded.clone(), kind)))
            .filter_map(|id| self.links.get(id))
            .map(|&c| &*self.keys[c as usize].name)
            .collect()
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
        assert_eq!(idx.taken(), 2);
    }

    #[test]
    fn a_name_written_otherwise_leads_to_its_canonical_name() {
        let docs = [parse_article("a", "Titre\n\nOH signe à Brest.".to_string())];
        let oh = Mention::new(&docs[0].text, 7, 9, EntityKind::Org, "Ouest Horizon");
        let brest = Mention::new(&docs[0].text, 19, 24, EntityKind::Loc, "Brest");
        docs[0].entities.set(vec![oh, brest]).unwrap();
        let mut idx = EntityIndex::new(1);
        idx.refresh(&docs);
        assert_eq!(idx.canonical_names("oh"), ["ouest horizon"]);
        assert!(idx.canonical_names("brest").is_empty(), "written as its canonical name");
        assert!(idx.canonical_names("ouest horizon").is_empty() && idx.canonical_names("o").is_empty());
    }

    #[test]
    fn a_large_backlog_is_looked_at_a_window_at_a_time_and_nothing_is_missed() {
        let docs: Vec<Document> =
            (0..40).map(|i| parse_article(format!("{i}"), "Titre\n\nÀ Moscou.".to_string())).collect();
        let mut idx = EntityIndex::new(docs.len());
        idx.window = 4;
        let loc = Mention::new(&docs[0].text, 10, 16, EntityKind::Loc, "Moscou");
        // In corpus order (the front window), and one far off (the sweep).
        for d in [0, 1, 2, 37] {
            docs[d].entities.set(vec![loc]).unwrap();
        }
        let mut searches = 0;
        while idx.taken() < 4 {
            assert!(searches < 40 / 4, "the sweep goes round the backlog");
            if idx.has_news(&docs) {
                idx.refresh(&docs);
            }
            searches += 1;
        }
        assert_eq!(idx.pending.len(), 36);
        assert!(!idx.pending.contains(&37) && idx.pending.contains(&36));
        let mut hits = vec![0; docs.len()];
        idx.add_postings(0, &mut hits);
        assert_eq!(hits.iter().filter(|&&h| h == 1).count(), 4);
    }
}
