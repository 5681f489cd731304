//! Quotes: the passages a document quotes and who said them (no terminal code).

mod scan;
mod speaker;

use serde::Serialize;

use crate::corpus::Document;

/// A quoted passage and its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Byte offset of the first quoted character (after the opening mark).
    pub start: usize,
    /// Byte offset just past the last quoted character (before the closing mark).
    pub end: usize,
    /// The speaker's canonical name, when the text says who spoke.
    pub speaker: Option<String>,
}

/// The quotes of `doc`, in order. Speakers come from its PER mentions, so
/// entities should be computed first (without them every speaker is `None`).
#[must_use]
pub fn quotes(doc: &Document) -> Vec<Quote> {
    let passages = scan::passages(doc);
    let speakers = speaker::attribute(doc, &passages);
    passages.iter().zip(speakers).map(|(p, speaker)| Quote { start: p.start, end: p.end, speaker }).collect()
}

#[cfg(test)]
mod tests;
