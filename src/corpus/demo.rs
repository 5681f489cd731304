//! The demo corpus, compiled into the binary so that `kiosque` with no argument
//! opens something to read. The articles are fiction written for kiosque; a few
//! carry the quirks of real scrapes (a ` date` header, a repeated title, credits,
//! bullets, an "updated" line, a closing attribution, a tag line).

use super::{Document, parse_article};

/// Each demo article: its name under `demo/` and its text.
const ARTICLES: &[(&str, &str)] = &[
    ("01-port-reopens.txt", include_str!("demo/01-port-reopens.txt")),
    ("02-wind-farm.txt", include_str!("demo/02-wind-farm.txt")),
];

/// The demo corpus, parsed; paths are `demo/NN-slug.txt`.
#[must_use]
pub fn demo() -> Vec<Document> {
    ARTICLES.iter().map(|(name, text)| parse_article(format!("demo/{name}"), (*text).to_string())).collect()
}
