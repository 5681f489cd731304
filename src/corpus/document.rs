//! The document model: one article, its text and what the parser found in it.
//!
//! Every offset in kiosque (paragraphs, entities, quotes, highlights) is a byte
//! offset into [`Document::text`], end exclusive, so that any layer can slice the
//! text without copying and the CLI's JSON offsets mean the same thing as the UI's.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::entities::Mention;
use crate::entities::intern::Sym;

/// What a paragraph is, as the plain-text parser classified its line(s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Ordinary body text.
    Text,
    /// A bullet line; its range starts after the marker.
    Bullet,
    /// A photo credit ("… | PA", "Photo : …", "© …"); drawn dimmed.
    Credit,
    /// A short line in capitals or without final punctuation; drawn bold.
    Heading,
}

/// One paragraph of the body: a byte range of [`Document::text`], trimmed.
///
/// Twelve bytes (32-bit offsets, as for mentions: a corpus holds millions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Its kind.
    pub kind: ParagraphKind,
    pub(super) start: u32,
    pub(super) end: u32,
}

impl Paragraph {
    /// The paragraph of `kind` over `start..end`; offsets past 4 GiB are clamped.
    #[must_use]
    pub fn new(kind: ParagraphKind, start: usize, end: usize) -> Paragraph {
        Paragraph { kind, start: narrow(start), end: narrow(end) }
    }

    /// Byte offset of its first character.
    #[must_use]
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past its last character.
    #[must_use]
    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The byte range as a `Range`, for slicing.
    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start()..self.end()
    }
}

/// An offset as stored: 32 bits, clamped (a text of 4 GiB or more is not an article).
pub(super) fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A title: most often a line of the text, kept as its range; a title made
/// from a first sentence cut short (`…`) is the only one with text of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Title {
    /// `text[start..end]`.
    Span(u32, u32),
    /// Made by the parser.
    Made(Box<str>),
}

/// A date as an ISO prefix (at most `YYYY-MM-DDTHH:MM`, 16 ASCII bytes), kept
/// inline and padded with zeros instead of in a heap string of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct IsoDate([u8; 16]);

impl IsoDate {
    /// `iso` inline; `None` when it is not ASCII of at most 16 bytes (never
    /// from [`crate::corpus::parse_date`], whose output always fits).
    pub(super) fn new(iso: &str) -> Option<IsoDate> {
        let mut bytes = [0; 16];
        bytes
            .get_mut(..iso.len())
            .filter(|_| iso.is_ascii() && !iso.contains('\0'))?
            .copy_from_slice(iso.as_bytes());
        Some(IsoDate(bytes))
    }

    fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(self.0.len());
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

/// One article of the corpus.
///
/// Compact, as a corpus holds millions (`docs/scaling.md`, "Memory"): the title
/// is a range of the text, the site and language are interned, the date is
/// inline, paragraphs hold 32-bit offsets; read them through the accessors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the path as given (joined under a directory argument),
    /// `FILE:LINE` for a JSONL record, `FILE#INDEX` for a JSON array element,
    /// `-` for standard input, `demo/NN-slug.txt` for the demo corpus.
    pub path: String,
    /// The whole decoded text; for a UTF-8 file without BOM, exactly its bytes.
    pub text: String,
    pub(super) title: Title,
    pub(super) date: Option<IsoDate>,
    pub(super) source: Option<Sym>,
    pub(super) url: Option<Box<str>>,
    pub(super) lang: Sym,
    pub(super) words: u32,
    pub(super) paragraphs: Box<[Paragraph]>,
    pub(super) trailer: Option<Box<str>>,
    /// The entity mentions in `text`, computed once (in the background for a big
    /// corpus) and kept here so that every layer reads the same ones.
    pub entities: OnceLock<Vec<Mention>>,
}

impl Document {
    /// The title, trimmed (for a ` date` header article, a first sentence, cut
    /// with `…` when long).
    #[must_use]
    pub fn title(&self) -> &str {
        match &self.title {
            Title::Span(start, end) => self.text.get(*start as usize..*end as usize).unwrap_or_default(),
            Title::Made(title) => title,
        }
    }

    /// An ISO prefix (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), or `None`.
    #[must_use]
    pub fn date(&self) -> Option<&str> {
        self.date.as_ref().map(IsoDate::as_str)
    }

    /// The publishing site or agency, from JSON or a closing attribution.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.source.and_then(Sym::stored)
    }

    /// The article's URL, when a JSON record gave one.
    #[must_use]
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// `fr`, `en` or `und` (or the JSON record's own `lang`).
    #[must_use]
    pub fn lang(&self) -> &str {
        self.lang.stored().unwrap_or_default()
    }

    /// Whitespace-separated tokens of the body.
    #[must_use]
    pub fn words(&self) -> usize {
        self.words as usize
    }

    /// The body, in order.
    #[must_use]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Closing attributions and tag lines that left the body, one per line.
    #[must_use]
    pub fn trailer(&self) -> Option<&str> {
        self.trailer.as_deref()
    }

    /// Sets the date (an ISO prefix from [`crate::corpus::parse_date`]).
    pub fn set_date(&mut self, date: Option<&str>) {
        self.date = date.and_then(IsoDate::new);
    }

    /// Sets the publishing site.
    pub fn set_source(&mut self, source: Option<&str>) {
        self.source = source.map(Sym::intern);
    }

    /// A copy without its entities (to compute them again).
    #[must_use]
    pub fn without_entities(&self) -> Document {
        Document { entities: OnceLock::new(), ..self.clone() }
    }

    /// The text of one paragraph.
    #[must_use]
    pub fn paragraph_text(&self, p: &Paragraph) -> &str {
        &self.text[p.range()]
    }

    /// The body: the paragraphs' text joined by a blank line.
    #[must_use]
    pub fn body(&self) -> String {
        let mut body = String::with_capacity(self.text.len());
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                body.push_str("\n\n");
            }
            body.push_str(self.paragraph_text(p));
        }
        body
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn compact_fields_read_back_as_written() {
        let body = "Le port est ouvert et les navires sont dans la rade.";
        let mut doc = crate::corpus::parse_article("a.txt", format!("Le port rouvre\n\n{body}"));
        assert_eq!(doc.title(), "Le port rouvre");
        assert_eq!(doc.paragraph_text(&doc.paragraphs()[0]), body);
        doc.set_date(Some("2023-11-29T13:34"));
        doc.set_source(Some("Le Courrier"));
        assert_eq!(
            (doc.date(), doc.source(), doc.lang()),
            (Some("2023-11-29T13:34"), Some("Le Courrier"), "fr")
        );
        doc.set_date(Some("not a date of 16 bytes or less"));
        assert_eq!(doc.date(), None);
    }
}
