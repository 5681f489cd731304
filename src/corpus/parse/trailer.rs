//! Closing attributions ("Rapporte BFMTV", "Suivez l'actualité de X sur",
//! "Source : X", "(AFP)") and tag lines (`fr-01`) that sites append to articles.
//! They leave the body, are kept as the document's trailer, and name its source.

/// Agencies recognised in a bare `(NAME)` attribution besides all-capital names.
const AGENCIES: &[&str] = &["Reuters", "Belga", "Bloomberg", "Xinhua", "Kyodo", "Ansa"];

/// A trailer line: `Some(source)` for an attribution or tag line (the source,
/// when it names one), `None` for any other line.
pub fn trailer_line(line: &str) -> Option<Option<String>> {
    if is_tag(line) {
        return Some(None);
    }
    attribution(line).map(Some)
}

/// A tag line such as `fr-01`: one short lowercase token with a digit or a hyphen.
fn is_tag(line: &str) -> bool {
    (2..=16).contains(&line.len())
        && line.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && line.bytes().any(|b| b.is_ascii_digit() || b == b'-')
}

/// The source named by a whole-line attribution.
fn attribution(line: &str) -> Option<String> {
    for prefix in ["rapporte ", "source :", "source:", "sources :", "sources:", "avec "] {
        if let Some(name) = strip_prefix_ci(line, prefix) {
            return source_name(name);
        }
    }
    if strip_prefix_ci(line, "suivez ").is_some() {
        // "du X" and "des X" contract "de Le X" and "de Les X": the name keeps its article.
        let (at, article) = [("actualité de ", ""), ("actualité du ", "Le "), ("actualité des ", "Les ")]
            .iter()
            .find_map(|(k, article)| line.find(k).map(|i| (i + k.len(), *article)))?;
        let rest = &line[at..];
        let name = rest.rfind(" sur").map_or(rest, |end| &rest[..end]);
        return source_name(&format!("{article}{name}"));
    }
    bracketed_agency(line)
}

/// `(AFP)` or `(Reuters)`: an agency between parentheses, alone.
fn bracketed_agency(s: &str) -> Option<String> {
    let inner = s.strip_prefix('(')?.strip_suffix(')')?.trim();
    let capitals =
        inner.len() >= 2 && inner.chars().all(|c| c.is_uppercase() || c == '/' || c == '-' || c == ' ');
    (capitals || AGENCIES.contains(&inner)).then(|| inner.to_string())
}

/// `line` after `prefix` (ASCII, matched ignoring case).
fn strip_prefix_ci<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    line.get(..prefix.len()).filter(|head| head.eq_ignore_ascii_case(prefix)).map(|_| &line[prefix.len()..])
}

/// A plausible source name: short, capitalised, not a sentence.
fn source_name(name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches(['.', ':']).trim();
    let words = name.split_whitespace().count();
    let ok = (1..=5).contains(&words)
        && name.chars().count() <= 40
        && name.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !name.contains(['!', '?', ',', ';']);
    ok.then(|| name.to_string())
}

/// An attribution closing a paragraph ("… la Défense. Rapporte BFMTV",
/// "… a-t-il dit (AFP)"): the byte offset where it starts and its source.
pub fn closing_attribution(paragraph: &str) -> Option<(usize, String)> {
    if paragraph.ends_with(')')
        && let Some(open) = paragraph.rfind('(')
        && open > 0
        && let Some(source) = bracketed_agency(&paragraph[open..])
    {
        return Some((open, source));
    }
    let at = paragraph.rfind("Rapporte ").max(paragraph.rfind("rapporte "))?;
    if at == 0 {
        return None;
    }
    let before = paragraph[..at].trim_end();
    let after_sentence = before.len() < at && before.ends_with(['.', '!', '?', '…', '»', '”', '"']);
    let source = source_name(&paragraph[at + "rapporte ".len()..])?;
    after_sentence.then_some((at, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions_name_the_source() {
        assert_eq!(trailer_line("Rapporte Le Courrier"), Some(Some("Le Courrier".into())));
        assert_eq!(trailer_line("Suivez l'actualité de Radio Nord sur"), Some(Some("Radio Nord".into())));
        assert_eq!(
            trailer_line("Suivez toute l’actualité de Radio Nord sur X et Y"),
            Some(Some("Radio Nord".into()))
        );
        assert_eq!(trailer_line("Suivez l'actualité du Courrier sur"), Some(Some("Le Courrier".into())));
        assert_eq!(trailer_line("Suivez l'actualité des Nouvelles sur"), Some(Some("Les Nouvelles".into())));
        assert_eq!(trailer_line("Source : AFP"), Some(Some("AFP".into())));
        assert_eq!(trailer_line("(AFP)"), Some(Some("AFP".into())));
        assert_eq!(trailer_line("(Reuters)"), Some(Some("Reuters".into())));
    }

    #[test]
    fn tag_lines_have_no_source() {
        assert_eq!(trailer_line("fr-01"), Some(None));
        assert_eq!(trailer_line("en_2"), Some(None));
    }

    #[test]
    fn prose_is_not_a_trailer() {
        assert_eq!(trailer_line("Rapporte que la guerre continue, dit-il."), None);
        assert_eq!(trailer_line("fin"), None);
        assert_eq!(trailer_line("(Allemagne)"), None);
        assert_eq!(trailer_line("Le ministre a parlé."), None);
    }

    #[test]
    fn closing_attribution_inside_a_paragraph() {
        let p = "Les aides ont augmenté. Rapporte Le Courrier";
        assert_eq!(closing_attribution(p), Some((p.find("Rapporte").unwrap(), "Le Courrier".into())));
        let p = "Le port a rouvert mardi (AFP)";
        assert_eq!(closing_attribution(p), Some((24, "AFP".into())));
        assert_eq!(closing_attribution("Il rapporte Pierre."), None);
        assert_eq!(closing_attribution("Base de Ramstein (Allemagne)"), None);
    }
}
