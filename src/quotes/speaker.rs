//! Who said a quote, when the text says so: a reporting verb after the quote
//! ("…», a déclaré Mme Kessler", "…”, said Anna Lindqvist", "…, selon X"), or a
//! clause ending with a colon before it ("Lindqvist said: “…”"). Pronouns
//! ("a-t-il ajouté", "he said") refer to the previous speaker.

use super::scan::Passage;
use crate::corpus::Document;
use crate::entities::EntityKind;

/// Reporting verbs, French participles and presents, English past and present.
const VERBS: &[&str] = &[
    "déclaré",
    "dit",
    "affirmé",
    "ajouté",
    "souligné",
    "expliqué",
    "estimé",
    "indiqué",
    "assuré",
    "averti",
    "répondu",
    "poursuivi",
    "insisté",
    "martelé",
    "lancé",
    "reconnu",
    "précisé",
    "confié",
    "prévenu",
    "rappelé",
    "noté",
    "conclu",
    "commenté",
    "résumé",
    "jugé",
    "annoncé",
    "écrit",
    "confirmé",
    "raconté",
    "témoigné",
    "plaidé",
    "regretté",
    "dénoncé",
    "admis",
    "répété",
    "réitéré",
    "déploré",
    "observé",
    "détaillé",
    "déclare",
    "affirme",
    "ajoute",
    "souligne",
    "explique",
    "estime",
    "indique",
    "assure",
    "avertit",
    "répond",
    "insiste",
    "précise",
    "confie",
    "rappelle",
    "conclut",
    "dit",
    "said",
    "says",
    "added",
    "adds",
    "told",
    "explained",
    "warned",
    "stressed",
    "noted",
    "insisted",
    "argued",
    "wrote",
    "declared",
    "replied",
    "continued",
    "tells",
];

/// Words introducing the source of a quote.
const ACCORDING: &[&str] = &["selon", "according"];

/// Pronoun subjects, which send back to the previous speaker.
const PRONOUNS: &[&str] = &["a-t-il", "a-t-elle", "il", "elle", "he", "she"];

/// How far after a quote, in bytes, an attribution is looked for.
const WINDOW: usize = 160;

/// A person named in the text: a byte range and a canonical name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name<'a> {
    start: usize,
    canonical: &'a str,
}

/// The speaker's canonical name for each passage, `None` when the text does not say.
/// People are the document's PER mentions (none when entities are not computed).
#[must_use]
pub fn attribute(doc: &Document, passages: &[Passage]) -> Vec<Option<String>> {
    let text = doc.text.as_str();
    let names: Vec<Name> = doc
        .entities
        .get()
        .map(|ms| {
            ms.iter()
                .filter(|m| m.kind == EntityKind::Per)
                .map(|m| Name { start: m.start(), canonical: m.canonical(text) })
                .collect()
        })
        .unwrap_or_default();
    let mut previous: Option<&str> = None;
    // Where the last attributed quote closed, for quotes continuing a speech.
    let mut last_close = None;
    passages
        .iter()
        .map(|p| {
            let found = after(text, p, &names, previous)
                .or_else(|| before(doc, p, &names, previous))
                .or_else(|| continued(doc, p, &names, last_close.zip(previous)));
            if let Some(name) = found {
                previous = Some(name);
                last_close = Some(p.close);
            }
            found.map(str::to_string)
        })
        .collect()
}

/// A quote opening its paragraph right after a paragraph that quoted or reported
/// someone continues that person's speech (a common layout in news prose).
fn continued<'a>(
    doc: &Document,
    p: &Passage,
    names: &[Name<'a>],
    last: Option<(usize, &'a str)>,
) -> Option<&'a str> {
    let text = doc.text.as_str();
    let here = doc.paragraphs().iter().position(|q| q.start() <= p.open && p.open < q.end())?;
    let prev = doc.paragraphs().get(here.checked_sub(1)?)?;
    if !text[doc.paragraphs()[here].start()..p.open].trim().is_empty() {
        return None;
    }
    if let Some((close, name)) = last
        && close > prev.start()
        && close <= prev.end()
    {
        return Some(name);
    }
    let reports = words(&text[prev.range()]).iter().any(|w| VERBS.contains(&w.as_str()));
    let name = names.iter().rev().find(|n| n.start >= prev.start() && n.start < prev.end())?;
    reports.then_some(name.canonical)
}

/// Lowercased words of `s`, punctuation trimmed (hyphens kept: "a-t-il").
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// An attribution right after the quote: ", a déclaré X", ", X said", ", selon X".
fn after<'a>(text: &str, p: &Passage, names: &[Name<'a>], previous: Option<&'a str>) -> Option<&'a str> {
    let mut limit = (p.close + WINDOW).min(text.len());
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    let region = &text[p.close..limit];
    let region = &region[..region.find('\n').unwrap_or(region.len())];
    let head = words(region);
    let head = &head[..head.len().min(4)];
    let is_verb = |w: &String| VERBS.contains(&w.as_str()) || ACCORDING.contains(&w.as_str());
    let verb_at = head.iter().position(is_verb)?;
    if head[..=verb_at].iter().any(|w| PRONOUNS.contains(&w.as_str())) {
        return previous;
    }
    let end = p.close + region.len();
    names.iter().find(|n| n.start >= p.close && n.start < end).map(|n| n.canonical)
}

/// An attribution before the quote: "X a déclaré : « … »", "Lindqvist said: “…”",
/// or a paragraph ending with a colon before a quote that opens the next one.
fn before<'a>(doc: &Document, p: &Passage, names: &[Name<'a>], previous: Option<&'a str>) -> Option<&'a str> {
    let text = doc.text.as_str();
    let para_start = doc.paragraphs().iter().rev().find(|q| q.start() <= p.open).map_or(0, |q| q.start());
    let mut from = text[..p.open].rfind(['.', '!', '?']).map_or(para_start, |i| i + 1).max(para_start);
    if text[para_start..p.open].trim().is_empty() {
        // The quote opens its paragraph: the clause is the previous paragraph's end.
        let prev = doc.paragraphs().iter().rev().find(|q| q.end() <= para_start)?;
        if !text[prev.range()].trim_end().ends_with(':') {
            return None;
        }
        from = text[prev.start()..prev.end()]
            .rfind(['.', '!', '?'])
            .map_or(prev.start(), |i| prev.start() + i + 1);
    }
    let clause = &text[from..p.open];
    if !clause.trim_end().ends_with(':')
        && !words(clause).iter().rev().take(3).any(|w| VERBS.contains(&w.as_str()))
    {
        return None;
    }
    if let Some(n) = names.iter().rev().find(|n| n.start >= from && n.start < p.open) {
        return Some(n.canonical);
    }
    words(clause).first().filter(|w| PRONOUNS.contains(&w.as_str())).and(previous)
}
