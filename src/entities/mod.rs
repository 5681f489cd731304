//! Named-entity recognition over a document's text (no terminal code).
//!
//! People, organisations, places, named events, dates, amounts and quantities in
//! French and English news, as byte ranges of the text. No model and no network: known
//! names come from gazetteers compiled into the binary (`data/`, sources in
//! `data/SOURCES.md`) matched in one aho-corasick pass, the rest from rules over
//! capitalised words and numerals. Span conventions: `docs/entities.md`.

mod dictionary;
mod fasthash;
mod gazetteer;
mod lexicon;
mod names;
mod numbers;
mod recognizer;
mod resolve;
mod tokens;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::Document;

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// Its kind.
    pub kind: EntityKind,
    /// The canonical name (or normalised value for DATE, MONEY, QUANTITY).
    pub canonical: String,
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
