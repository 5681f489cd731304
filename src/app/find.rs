//! Finding text inside one article (`f`), like a pager's search: it moves
//! through occurrences and filters nothing. Smart case: a lowercase needle
//! matches any case.

use std::ops::Range;

use crate::corpus::Document;

/// Every occurrence of `needle` in the body of `doc`, as byte ranges of its text.
#[must_use]
pub fn find_all(doc: &Document, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let fold = !needle.chars().any(char::is_uppercase);
    let mut out = Vec::new();
    for p in doc.paragraphs() {
        let hay = &doc.text[p.range()];
        let mut from = 0;
        while from < hay.len() {
            if let Some(len) = match_at(&hay[from..], needle, fold) {
                out.push(p.start() + from..p.start() + from + len);
                from += len.max(1);
            } else {
                from += hay[from..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

/// The byte length of the match of `needle` at the start of `hay`, if it matches.
fn match_at(hay: &str, needle: &str, fold: bool) -> Option<usize> {
    let mut hay_chars = hay.char_indices();
    for n in needle.chars() {
        let (_, h) = hay_chars.next()?;
        let same = if fold { h.to_lowercase().eq(n.to_lowercase()) } else { h == n };
        if !same {
            return None;
        }
    }
    Some(hay_chars.next().map_or(hay.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse_article;

    fn doc() -> Document {
        parse_article("t.txt", "A title\n\nThe port reopened. Port workers cheered.\n\nÉté au PORT.\n".into())
    }

    #[test]
    fn lowercase_needles_match_any_case() {
        let d = doc();
        let found: Vec<_> = find_all(&d, "port").into_iter().map(|r| &d.text[r]).collect();
        assert_eq!(found, ["port", "Port", "PORT"]);
    }

    #[test]
    fn a_capital_makes_it_exact() {
        let d = doc();
        assert_eq!(find_all(&d, "Port").len(), 1);
        assert_eq!(find_all(&d, "été").iter().map(|r| &d.text[r.clone()]).collect::<Vec<_>>(), ["Été"]);
    }

    #[test]
    fn the_title_line_and_empty_needles_give_nothing() {
        let d = doc();
        assert!(find_all(&d, "title").is_empty());
        assert!(find_all(&d, "").is_empty());
    }
}
