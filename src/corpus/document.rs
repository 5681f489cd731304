//! The document model: one article, its text and what the parser found in it.
//!
//! Every offset in kiosque (paragraphs, entities, quotes, highlights) is a byte
//! offset into [`Document::text`], end exclusive, so that any layer can slice the
//! text without copying and the CLI's JSON offsets mean the same thing as the UI's.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::entities::Mention;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Its kind.
    pub kind: ParagraphKind,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
}

impl Paragraph {
    /// The byte range as a `Range`, for slicing.
    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// One article of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Where it came from: the path as given (joined under a directory argument),
    /// `FILE:LINE` for a JSONL record, `FILE#INDEX` for a JSON array element,
    /// `-` for standard input, `demo/NN-slug.txt` for the demo corpus.
    pub path: String,
    /// The whole decoded text; for a UTF-8 file without BOM, exactly its bytes.
    pub text: String,
    /// The title, trimmed (for a ` date` header article, a cut first sentence).
    pub title: String,
    /// An ISO prefix (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`), or `None`.
    pub date: Option<String>,
    /// The publishing site or agency, from JSON or a closing attribution.
    pub source: Option<String>,
    /// The article's URL, when a JSON record gave one.
    pub url: Option<String>,
    /// `fr`, `en` or `und` (or the JSON record's own `lang`).
    pub lang: String,
    /// Whitespace-separated tokens of the body.
    pub words: usize,
    /// The body, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Closing attributions and tag lines that left the body, one per line.
    pub trailer: Option<String>,
    /// The entity mentions in `text`, computed once (in the background for a big
    /// corpus) and kept here so that every layer reads the same ones.
    pub entities: OnceLock<Vec<Mention>>,
}

impl Document {
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
