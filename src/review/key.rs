//! Article identity for the review state: a hash of the document's text.
//!
//! Keying by content means moving or renaming a file keeps its review state, and
//! two copies of the same article share it. BLAKE3 is used because its output is
//! fixed by a published specification (stable across runs, platforms and crate
//! versions, unlike `std`'s `DefaultHasher`), it is fast on long texts, and, being
//! cryptographic, a hostile corpus cannot craft a second article that takes over
//! the state of another.

use std::fmt;

use crate::corpus::Document;

/// The review key of an article: the lowercase hex BLAKE3 hash of its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleKey(String);

impl ArticleKey {
    /// The key of a text (what [`key_of`] hashes).
    #[must_use]
    pub fn of_text(text: &str) -> Self {
        Self(blake3::hash(text.as_bytes()).to_hex().to_string())
    }

    /// Wraps a key read back from the state file.
    pub(crate) fn from_stored(hex: String) -> Self {
        Self(hex)
    }

    /// The key as stored: 64 lowercase hex digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The review key of a document: the hash of [`Document::text`].
#[must_use]
pub fn key_of(doc: &Document) -> ArticleKey {
    ArticleKey::of_text(&doc.text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    #[test]
    fn same_text_same_key_whatever_the_path() {
        let a = parse_article(String::from("a.txt"), String::from("Title\n\nBody text.\n"));
        let b = parse_article(String::from("moved/b.txt"), String::from("Title\n\nBody text.\n"));
        assert_eq!(key_of(&a), key_of(&b));
        let c = parse_article(String::from("a.txt"), String::from("Title\n\nBody text!\n"));
        assert_ne!(key_of(&a), key_of(&c));
    }

    #[test]
    fn key_is_the_published_blake3_of_the_text() {
        // The BLAKE3 specification's hash of the empty input: a stored key must never
        // change with a crate upgrade, so it is pinned to the standard value.
        assert_eq!(
            ArticleKey::of_text("").as_str(),
            "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"
        );
        let k = ArticleKey::of_text("kiosque");
        assert_eq!(k.as_str().len(), 64);
        assert!(k.as_str().bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    }
}
