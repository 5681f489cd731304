//! The ` date YYYY-MM` header some scrapes start with, and the title kiosque makes
//! from the first sentence that follows it.

use std::borrow::Cow;

/// Longest title made from a first sentence, in characters, `…` included.
pub const MAX_TITLE_CHARS: usize = 120;

/// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mr", "Mrs", "Ms", "Dr", "St", "Pr", "Me", "Gen", "Gén", "Col", "Lt",
    "Sgt", "Jr", "Sr", "etc", "av", "apr", "J.-C",
];

/// A ` date YYYY[-MM[-DD]]` header at the start of `line` (already trimmed): the
/// date and the byte offset where the text after it starts (`line.len()` if none).
pub fn date_header(line: &str) -> Option<(String, usize)> {
    let rest = line.strip_prefix("date")?;
    let after_ws = rest.trim_start();
    if after_ws.len() == rest.len() {
        return None;
    }
    let token_len = after_ws.find(char::is_whitespace).unwrap_or(after_ws.len());
    let token = &after_ws[..token_len];
    if !token.starts_with(|c: char| c.is_ascii_digit())
        || !token.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    let date = crate::corpus::dates::parse_date(token)?;
    let tail = &after_ws[token_len..];
    let text_at = line.len() - tail.trim_start().len();
    Some((date, text_at))
}

/// The first sentence of `text`, without its final period, cut at a word boundary
/// to at most [`MAX_TITLE_CHARS`] characters (a cut title ends with `…`): a slice
/// of `text` unless cut.
pub fn title_from_sentence(text: &str) -> Cow<'_, str> {
    let sentence = first_sentence(text).trim();
    let sentence = sentence.strip_suffix('.').unwrap_or(sentence).trim_end();
    if sentence.chars().count() <= MAX_TITLE_CHARS {
        return Cow::Borrowed(sentence);
    }
    // The longest prefix of at most MAX - 1 characters that ends before a space.
    let limit = sentence.char_indices().nth(MAX_TITLE_CHARS - 1).map_or(sentence.len(), |(i, _)| i);
    let cut = if sentence[limit..].starts_with(char::is_whitespace) {
        limit
    } else {
        sentence[..limit].rfind(char::is_whitespace).unwrap_or(limit)
    };
    let head =
        sentence[..cut].trim_end().trim_end_matches([',', ';', ':', '-', '–', '—', '(', '«', '“']).trim_end();
    Cow::Owned(format!("{head}…"))
}

/// `text` up to and including its first sentence-ending punctuation (and a
/// closing quote right after it), or all of it.
fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        // A closing quote right after the punctuation, or after a space as French
        // typography puts before «»: it belongs to the sentence.
        let after = &text[end..];
        let spaced = after.trim_start();
        if let Some(q) = after.chars().next().filter(|q| matches!(q, '”' | '"' | '»' | '’' | ')')) {
            end += q.len_utf8();
        } else if spaced.starts_with('»') {
            end += after.len() - spaced.len() + '»'.len_utf8();
        }
        let next = text[end..].chars().next();
        if next.is_some_and(|n| !n.is_whitespace()) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[..i]) {
            continue;
        }
        return &text[..end];
    }
    text
}

/// Whether the word just before a period is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let single_capital = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_capital || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_header_forms() {
        assert_eq!(date_header("date 2022-11 Le texte."), Some(("2022-11".into(), 13)));
        assert_eq!(date_header("date 2022-10-03"), Some(("2022-10-03".into(), 15)));
        assert_eq!(date_header("date\u{a0}2021  Texte"), Some(("2021".into(), "date\u{a0}2021  ".len())));
        assert_eq!(date_header("dated 2022-11 x"), None);
        assert_eq!(date_header("date limite pour tous"), None);
        assert_eq!(date_header("date 2022-13 x"), None);
    }

    #[test]
    fn short_first_sentence_is_the_whole_title_without_period() {
        assert_eq!(
            title_from_sentence("Le port de Gdansk a rouvert. Il était fermé."),
            "Le port de Gdansk a rouvert"
        );
        assert_eq!(title_from_sentence("Pourquoi ? Parce que."), "Pourquoi ?");
        assert_eq!(title_from_sentence("M. Durand a parlé à Lyon. Ensuite."), "M. Durand a parlé à Lyon");
        assert_eq!(title_from_sentence("Sans point final"), "Sans point final");
    }

    #[test]
    fn long_sentence_is_cut_at_a_word_boundary_with_ellipsis() {
        let long = format!("{} fin.", "mot ".repeat(50));
        let title = title_from_sentence(&long);
        assert!(title.ends_with('…'));
        assert!(title.chars().count() <= MAX_TITLE_CHARS);
        let head = title.trim_end_matches('…');
        assert!(long.starts_with(head));
        assert!(head.ends_with("mot"));
        // Accented text counts characters, not bytes.
        let accented = format!("{}.", "été ".repeat(60));
        let t = title_from_sentence(&accented);
        assert!(t.chars().count() <= MAX_TITLE_CHARS && t.chars().count() > 100);
    }

    #[test]
    fn cut_never_splits_a_character() {
        for n in 100..130 {
            let text = format!("{}{}", "a".repeat(n), "é€😀 ".repeat(20));
            let title = title_from_sentence(&text);
            assert!(title.chars().count() <= MAX_TITLE_CHARS);
        }
    }

    #[test]
    fn quoted_sentence_end() {
        assert_eq!(title_from_sentence("Il a dit « non. » Puis rien."), "Il a dit « non. »");
    }
}
