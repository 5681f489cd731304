//! Named-entity recognition over a document's text (no terminal code).
//!
//! People, organisations, places, named events, dates, amounts and quantities in
//! French and English news, as byte ranges of the text. No model and no network: known
//! names come from gazetteers compiled into the binary (`data/`, sources in
//! `data/SOURCES.md`) matched in one aho-corasick pass, the rest from rules over
//! capitalised words and numerals. Span conventions: `docs/entities.md`.

mod corrections;
mod dictionary;
mod fasthash;
mod gazetteer;
pub(crate) mod intern;
mod lexicon;
mod names;
mod numbers;
mod recognizer;
mod resolve;
mod tokens;
mod workspace;

use std::borrow::Cow;
use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::corpus::Document;

use intern::Sym;

pub use corrections::{Correction, correct};
pub use dictionary::{DictionaryError, UserDictionary, UserEntity};
pub use recognizer::Recognizer;

/// The kind of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityKind {
    /// People.
    #[serde(rename = "PER")]
    Per,
    /// Organisations, institutions, companies, media.
    #[serde(rename = "ORG")]
    Org,
    /// Countries, cities, regions, rivers, seas, bases.
    #[serde(rename = "LOC")]
    Loc,
    /// Named events, operations, infrastructure, products, treaties.
    #[serde(rename = "MISC")]
    Misc,
    /// Calendar expressions.
    #[serde(rename = "DATE")]
    Date,
    /// Amounts of money written with digits.
    #[serde(rename = "MONEY")]
    Money,
    /// A digit numeral with its unit or counted noun.
    #[serde(rename = "QUANTITY")]
    Quantity,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Per,
        EntityKind::Org,
        EntityKind::Loc,
        EntityKind::Misc,
        EntityKind::Date,
        EntityKind::Money,
        EntityKind::Quantity,
    ];

    /// Whether mentions of this kind are names (people, organisations, places,
    /// events) rather than values (dates, amounts, quantities).
    #[must_use]
    pub fn is_named(self) -> bool {
        matches!(self, EntityKind::Per | EntityKind::Org | EntityKind::Loc | EntityKind::Misc)
    }

    /// The label used in JSON, gold files and `--kinds` ("PER", "ORG", ...).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Per => "PER",
            EntityKind::Org => "ORG",
            EntityKind::Loc => "LOC",
            EntityKind::Misc => "MISC",
            EntityKind::Date => "DATE",
            EntityKind::Money => "MONEY",
            EntityKind::Quantity => "QUANTITY",
        }
    }

    /// The kind named by a label, case-insensitive ("per", "LOC").
    #[must_use]
    pub fn from_label(label: &str) -> Option<EntityKind> {
        gazetteer::kind_from_str(label)
    }
}

/// One mention: a byte range of the document text, its kind and canonical form.
///
/// Twelve bytes and no heap block of its own, as a corpus holds tens of mentions per
/// article (`docs/scaling.md`, "Memory"): a 32-bit start (a text of 4 GiB or more has
/// no mentions), a 16-bit length (a mention is a name or a value, never 64 KiB long)
/// and the canonical form as a symbol, interned once per process, or nothing at all
/// when it is the mention's own text, the common case. Read it with
/// [`Mention::canonical`], given the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    start: u32,
    canonical: Sym,
    len: u16,
    /// Its kind.
    pub kind: EntityKind,
}

impl Mention {
    /// The mention of `text[start..end]` with its canonical name (or normalised value).
    /// Offsets past 4 GiB and lengths past 64 KiB are clamped.
    #[must_use]
    pub fn new(text: &str, start: usize, end: usize, kind: EntityKind, canonical: &str) -> Mention {
        let own = text.get(start..end);
        let canonical = if own == Some(canonical) { Sym::SPAN } else { Sym::intern(canonical) };
        Mention::with_symbol(start, end, kind, canonical)
    }

    fn with_symbol(start: usize, end: usize, kind: EntityKind, canonical: Sym) -> Mention {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let len = u16::try_from(end.saturating_sub(start as usize)).unwrap_or(u16::MAX);
        // No end past 4 GiB either.
        let len = len.min(u16::try_from(u32::MAX - start).unwrap_or(u16::MAX));
        Mention { start, canonical, len, kind }
    }

    /// Byte offset of the first character.
    #[must_use]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the last character.
    #[must_use]
    pub fn end(&self) -> usize {
        self.start as usize + usize::from(self.len)
    }

    /// The byte range in the document text.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The canonical name (or normalised value for DATE, MONEY, QUANTITY), given the
    /// text of the document the mention was found in.
    #[must_use]
    pub fn canonical<'t>(&self, text: &'t str) -> &'t str {
        self.canonical.stored().unwrap_or_else(|| text.get(self.range()).unwrap_or_default())
    }
}

/// A mention as stored (the cache): its canonical form written out when it is not
/// the mention's text, since symbols only mean something inside one process.
#[derive(Serialize, Deserialize)]
struct StoredMention<'a> {
    start: u32,
    end: u32,
    kind: EntityKind,
    #[serde(borrow)]
    canonical: Option<Cow<'a, str>>,
}

impl Serialize for Mention {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let canonical = self.canonical.stored().map(Cow::Borrowed);
        let end = self.start + u32::from(self.len);
        StoredMention { start: self.start, end, kind: self.kind, canonical }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Mention {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = StoredMention::deserialize(d)?;
        if m.end < m.start || m.end - m.start > u32::from(u16::MAX) {
            return Err(serde::de::Error::custom("a mention's range is reversed or too long"));
        }
        let canonical = m.canonical.map_or(Sym::SPAN, |c| Sym::intern(&c));
        Ok(Mention::with_symbol(m.start as usize, m.end as usize, m.kind, canonical))
    }
}

/// Computes the entities of every document not done yet, in parallel, and keeps
/// them in the document so that every layer reads the same ones, computed once.
pub fn annotate(docs: &[Document], rec: &Recognizer) {
    docs.par_iter().filter(|d| d.entities.get().is_none()).for_each(|d| {
        d.entities.get_or_init(|| rec.extract(&d.text));
    });
}

#[cfg(test)]
mod tests;
