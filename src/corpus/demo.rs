//! The demo corpus, compiled into the binary so that `kiosque` with no argument
//! opens something to read. The articles are fiction written for kiosque; a few
//! carry the quirks of real scrapes (a ` date` header, a repeated title, credits,
//! bullets, an "updated" line, a closing attribution, a tag line).

use super::{Document, parse_article};

/// Each demo article: its name under `demo/` and its text.
const ARTICLES: &[(&str, &str)] = &[
    ("01-port-reopens.txt", include_str!("demo/01-port-reopens.txt")),
    ("02-wind-farm.txt", include_str!("demo/02-wind-farm.txt")),
    ("03-otan-bouclier-boreal.txt", include_str!("demo/03-otan-bouclier-boreal.txt")),
    ("04-ukraine-reseau-electrique.txt", include_str!("demo/04-ukraine-reseau-electrique.txt")),
    ("05-helvion-dresden.txt", include_str!("demo/05-helvion-dresden.txt")),
    ("06-banque-mondiale-croissance.txt", include_str!("demo/06-banque-mondiale-croissance.txt")),
    ("07-gazoduc-meridien.txt", include_str!("demo/07-gazoduc-meridien.txt")),
    ("08-nato-kyiv-visit.txt", include_str!("demo/08-nato-kyiv-visit.txt")),
    ("09-glaciers-valais.txt", include_str!("demo/09-glaciers-valais.txt")),
    ("10-transat-armoricaine.txt", include_str!("demo/10-transat-armoricaine.txt")),
    ("11-dakar-manuscripts.txt", include_str!("demo/11-dakar-manuscripts.txt")),
    ("12-festival-deux-rives.txt", include_str!("demo/12-festival-deux-rives.txt")),
    ("13-quillmark-funding.txt", include_str!("demo/13-quillmark-funding.txt")),
    ("14-fonds-climat.txt", include_str!("demo/14-fonds-climat.txt")),
];

/// The demo corpus, parsed; paths are `demo/NN-slug.txt`.
#[must_use]
pub fn demo() -> Vec<Document> {
    ARTICLES.iter().map(|(name, text)| parse_article(format!("demo/{name}"), (*text).to_string())).collect()
}
