//! Splitting a text into lines and telling what each line is.
//!
//! Every rule here looks at one trimmed line; the order in which
//! [`super::parse_article`] applies them is the spec's: header and "updated"
//! lines, trailer lines, credit, bullet, heading, text.

use crate::corpus::dates::parse_date;

/// One line of the text: its trimmed content as a byte range (empty when blank).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn is_blank(self) -> bool {
        self.start == self.end
    }
}

/// The lines of `text`, each trimmed of Unicode whitespace (`\r` included).
pub fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        lines.push(trim_range(text, at, at + raw.len()));
        at += raw.len() + 1;
    }
    lines
}

/// `start..end` narrowed to exclude surrounding whitespace.
pub fn trim_range(text: &str, start: usize, end: usize) -> Line {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed_len = s.trim().len();
    Line { start: start + lead, end: start + lead + trimmed_len }
}

/// Whether `line` lowercased starts with `prefix` (lowercase), without
/// lowercasing or copying the line: this runs on every line of every article.
fn starts_with_lower(line: &str, prefix: &str) -> bool {
    let (l, p) = (line.as_bytes(), prefix.as_bytes());
    // Most lines fail on their first bytes, most often ASCII: compare bytes while
    // both are ASCII, then characters (a non-ASCII one may lowercase to ASCII).
    let mut i = 0;
    while i < p.len() && i < l.len() && l[i].is_ascii() && p[i].is_ascii() {
        if l[i].to_ascii_lowercase() != p[i] {
            return false;
        }
        i += 1;
    }
    let mut lower = line[i..].chars().flat_map(char::to_lowercase);
    prefix[i..].chars().all(|p| lower.next() == Some(p))
}

/// Whether `line` lowercased starts with one of `prefixes` (lowercase, not
/// empty). The line's first character is lowercased once and only the prefixes
/// that start with it are compared: every line meets some twenty prefixes, and
/// lowercasing a non-ASCII character looks it up in Unicode's tables.
fn starts_with_any_lower(line: &str, prefixes: &[&str]) -> bool {
    let Some(first) = line.chars().next() else { return false };
    let first = if first.is_ascii() {
        first.to_ascii_lowercase()
    } else {
        first.to_lowercase().next().unwrap_or(first)
    };
    // The first byte tells the prefixes that cannot match; the others are compared whole.
    let lead = first.encode_utf8(&mut [0; 4]).as_bytes()[0];
    prefixes.iter().any(|p| p.as_bytes().first() == Some(&lead) && starts_with_lower(line, p))
}

/// A line's date when it is an "updated"/"published" line, and whether it
/// announces publication (which wins over an update) rather than an update.
pub fn dated_line(line: &str) -> Option<(String, bool)> {
    const PUBLISHED: &[&str] = &["publié", "publie le", "published", "posted"];
    const UPDATED: &[&str] =
        &["mis à jour", "mis a jour", "updated", "last updated", "modifié le", "actualisé le"];
    let published = starts_with_any_lower(line, PUBLISHED);
    if !published && !starts_with_any_lower(line, UPDATED) {
        return None;
    }
    // Longer lines are prose that happens to start with one of these words.
    if line.chars().count() > 160 {
        return None;
    }
    parse_date(line).map(|d| (d, published))
}

/// A photo credit: "Photo : …", "© …", "Crédit photo …", or "… | AGENCY".
pub fn is_credit(line: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "©",
        "(c) ",
        "photo :",
        "photo:",
        "photos :",
        "photos:",
        "crédit photo",
        "crédits photo",
        "credit:",
        "photo credit",
        "image :",
        "image:",
    ];
    if starts_with_any_lower(line, PREFIXES) {
        return true;
    }
    let Some((_, agency)) = line.rsplit_once('|') else {
        return false;
    };
    let agency = agency.trim();
    let len = agency.chars().count();
    (1..=40).contains(&len)
        && agency.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !agency.contains(['.', '!', '?', ','])
}

/// Where a bullet line's content starts (after the marker and its spaces).
pub fn bullet_content(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, marker) = chars.next()?;
    if !matches!(marker, '•' | '◦' | '▪' | '‣' | '●' | '-' | '*' | '–') {
        return None;
    }
    let (next, c) = chars.next()?;
    if !c.is_whitespace() {
        return None;
    }
    let rest = &line[next..];
    let content = next + (rest.len() - rest.trim_start().len());
    (content < line.len()).then_some(content)
}

/// Where a Markdown heading's text starts (`# Title`).
pub fn markdown_heading(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || !line[hashes..].starts_with([' ', '\t']) {
        return None;
    }
    let rest = &line[hashes..];
    let content = hashes + (rest.len() - rest.trim_start().len());
    (content < line.len()).then_some(content)
}

/// A heading: at most 80 characters, in capitals or without final punctuation.
pub fn is_heading(line: &str) -> bool {
    const FINAL: &[char] = &['.', ':', '!', '?', '…', '»', '”', '"'];
    if line.chars().count() > 80 {
        return false;
    }
    let in_capitals =
        line.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !line.chars().any(char::is_lowercase);
    in_capitals || !line.ends_with(FINAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_trimmed_of_unicode_spaces_and_cr() {
        let text = "  a b\u{a0}\r\n\n\u{2003}c";
        let lines = split_lines(text);
        let got: Vec<&str> = lines.iter().map(|l| &text[l.start..l.end]).collect();
        assert_eq!(got, ["a b", "", "c"]);
        assert!(lines[1].is_blank());
    }

    proptest::proptest! {
        /// The byte-wise fast path answers as lowercasing the line character by
        /// character would (the Kelvin sign lowercases to an ASCII `k`).
        #[test]
        fn starts_with_lower_is_a_lowercase_prefix_test(
            line in "[a-zA-ZéÉ\u{212a}İ ]{0,12}",
            prefix in proptest::sample::select(vec!["", "mis à jour", "kilo", "publié", "é", "i\u{307}x", "a"]),
        ) {
            let lower: String = line.chars().flat_map(char::to_lowercase).collect();
            proptest::prop_assert_eq!(starts_with_lower(&line, prefix), lower.starts_with(prefix));
        }

        /// Comparing only the prefixes that start with the line's first
        /// character, lowercased, answers as comparing them all.
        #[test]
        fn starts_with_any_lower_is_any_lowercase_prefix_test(line in "[a-zA-ZéÉ\u{212a}İ©( ]{0,12}") {
            let prefixes = ["kilo", "publié", "é", "i\u{307}x", "a", "© x", "(c) "];
            let any = prefixes.iter().any(|p| starts_with_lower(&line, p));
            proptest::prop_assert_eq!(starts_with_any_lower(&line, &prefixes), any);
        }
    }

    #[test]
    fn updated_and_published_lines() {
        assert_eq!(
            dated_line("Mis à jour mercredi 29 novembre 2023 – 13h34"),
            Some(("2023-11-29T13:34".into(), false))
        );
        assert_eq!(dated_line("Published Nov 2, 2021"), Some(("2021-11-02".into(), true)));
        assert_eq!(dated_line("Publié le 03/04/2024 à 18h05"), Some(("2024-04-03T18:05".into(), true)));
        assert_eq!(dated_line("Updated guidance was issued to the troops."), None);
        assert_eq!(dated_line("Le 29 novembre 2023, rien."), None);
    }

    #[test]
    fn credits() {
        assert!(is_credit("Un soldat à Kyiv.JOHN DOE | AFP"));
        assert!(is_credit("Photo : Jean Dupont / AFP"));
        assert!(is_credit("© Reuters"));
        assert!(!is_credit("Le choix | ou pas, selon lui."));
        assert!(!is_credit("A sentence about photos."));
    }

    #[test]
    fn bullets_and_markdown_headings() {
        assert_eq!(bullet_content("• Point un"), Some("• ".len()));
        assert_eq!(bullet_content("-   item"), Some(4));
        assert_eq!(bullet_content("* x"), Some(2));
        assert_eq!(bullet_content("-5 degrés"), None);
        assert_eq!(bullet_content("-"), None);
        assert_eq!(markdown_heading("## Contexte"), Some(3));
        assert_eq!(markdown_heading("#hashtag"), None);
    }

    #[test]
    fn headings() {
        assert!(is_heading("Coordination de l'aide"));
        assert!(is_heading("UN TITRE EN CAPITALES."));
        assert!(!is_heading("Une phrase complète."));
        assert!(!is_heading("Il a dit :"));
        assert!(!is_heading(&"mot ".repeat(30)));
    }
}
