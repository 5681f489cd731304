//! Named-entity recognition over a document's text (no terminal code).
//!
//! Placeholder types: the recognizer lands with the entity issue.

use serde::Serialize;

/// The kind of an entity mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
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

/// One mention: a byte range of the document text, its kind and canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
