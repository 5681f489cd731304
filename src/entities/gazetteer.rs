//! Known names: the lists compiled into the binary (see `data/SOURCES.md`) plus a
//! user dictionary, matched in one aho-corasick pass.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::EntityKind;
use super::intern::Sym;
use super::lexicon::{fold_char, fold_key, is_glue_word};

/// One known entity: its kind, canonical name and every surface form.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub kind: EntityKind,
    pub canonical: String,
    /// Surface forms, the canonical name first.
    pub aliases: Vec<String>,
}

/// A gazetteer hit in a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: u32,
    /// Whether the text of the hit is its entry's canonical name, as written.
    pub is_canonical: bool,
}

/// Known names and the automaton that finds them.
pub(crate) struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Per entry, its canonical name interned: a hit's mention holds the symbol.
    pub canonical_syms: Vec<Sym>,
    /// Folded surface form (lowercase, no accents) to entry.
    by_key: HashMap<String, u32>,
    automaton: AhoCorasick,
    /// Entry of each automaton pattern.
    pattern_entry: Vec<u32>,
    /// Whether each pattern is its entry's canonical name: a hit's text is its
    /// pattern, so this is known without comparing the text with the name.
    pattern_is_canonical: Vec<bool>,
}

/// Parses one list: `KIND<TAB>canonical<TAB>alias|alias`, `#` comments.
pub(crate) fn parse_list(data: &str) -> Vec<Entry> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let kind = kind_from_str(cols.next()?)?;
            let canonical = cols.next()?.trim().to_string();
            let mut aliases = vec![canonical.clone()];
            for a in cols.next().unwrap_or("").split('|').map(str::trim).filter(|a| !a.is_empty()) {
                if !aliases.iter().any(|x| x == a) {
                    aliases.push(a.to_string());
                }
            }
            Some(Entry { kind, canonical, aliases })
        })
        .collect()
}

/// The kind named by a label ("PER", "ORG", ...).
pub(crate) fn kind_from_str(s: &str) -> Option<EntityKind> {
    Some(match s.trim().to_ascii_uppercase().as_str() {
        "PER" => EntityKind::Per,
        "ORG" => EntityKind::Org,
        "LOC" => EntityKind::Loc,
        "MISC" => EntityKind::Misc,
        "DATE" => EntityKind::Date,
        "MONEY" => EntityKind::Money,
        "QUANTITY" => EntityKind::Quantity,
        _ => return None,
    })
}

/// `s` folded for lookups: lowercase, Latin accents removed, ’ as '.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    super::lexicon::fold_into(s, &mut out);
    out
}

fn strip_accents(s: &str) -> String {
    s.chars()
        .map(|c| {
            let f = fold_char(c);
            if f.is_ascii() && c.is_uppercase() {
                f.to_ascii_uppercase()
            } else if f.is_ascii() {
                f
            } else {
                c
            }
        })
        .collect()
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Gazetteer {
    /// Builds the automaton over `entries`; a surface form claimed twice keeps its
    /// first entry, so lists given first win.
    pub fn new(entries: Vec<Entry>) -> Gazetteer {
        let mut by_key = HashMap::new();
        let mut by_pattern: HashMap<String, u32> = HashMap::new();
        let mut patterns = Vec::new();
        let mut pattern_entry = Vec::new();
        for (id, e) in entries.iter().enumerate() {
            let id = u32::try_from(id).unwrap_or(u32::MAX);
            for a in &e.aliases {
                by_key.entry(fold(a)).or_insert(id);
                for form in [
                    a.clone(),
                    a.to_uppercase(),
                    capitalised(a),
                    strip_accents(a),
                    strip_accents(&a.to_uppercase()),
                ] {
                    if !form.is_empty() && !by_pattern.contains_key(&form) {
                        by_pattern.insert(form.clone(), id);
                        patterns.push(form);
                        pattern_entry.push(id);
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns))
            .expect("gazetteer patterns build an automaton");
        let canonical_syms = entries.iter().map(|e| Sym::intern(&e.canonical)).collect();
        let pattern_is_canonical = patterns
            .iter()
            .zip(&pattern_entry)
            .map(|(p, &id)| *p == entries[id as usize].canonical)
            .collect();
        Gazetteer { entries, canonical_syms, by_key, automaton, pattern_entry, pattern_is_canonical }
    }

    /// The entry whose surface form folds to the same key as `name`.
    pub fn lookup(&self, name: &str) -> Option<u32> {
        self.by_key.get(&fold(name)).copied()
    }

    /// Every known name in `text` on word boundaries, leftmost-longest, not
    /// overlapping. A name glued to a following small word ("Khersonsous") counts.
    pub fn find(&self, text: &str, out: &mut Vec<Hit>) {
        let mut pos = 0;
        while pos < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).range(pos..)) else { break };
            if at_word_start(text, m.start())
                && at_word_end(text, m.end())
                && !in_compound(text, m.start(), m.end())
            {
                let (entry, is_canonical) =
                    (self.pattern_entry[m.pattern()], self.pattern_is_canonical[m.pattern()]);
                out.push(Hit { start: m.start(), end: m.end(), entry, is_canonical });
                pos = m.end();
            } else {
                pos = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

/// Inside a hyphenated compound ("Météo-France", "OTAN-Ukraine", "Fribourg-en-Brisgau"):
/// the compound is another name, or two, and rules decide; "Kyiv-based" keeps "Kyiv".
fn in_compound(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let left = before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic);
    let rest = &text[end..];
    let right = rest.strip_prefix('-').is_some_and(|r| {
        // "OTAN-Ukraine", and French place names "Fribourg-en-Brisgau", "Boulogne-sur-Mer".
        r.starts_with(char::is_uppercase)
            || r.find(|c: char| !c.is_lowercase()).is_some_and(|i| i > 0 && r[i..].starts_with('-'))
    });
    left || right
}

fn at_word_start(text: &str, start: usize) -> bool {
    text[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
}

/// A name ends at a non-word character, or before a glued small lowercase word.
fn at_word_end(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(next) = rest.chars().next() else { return true };
    if !next.is_alphanumeric() {
        return true;
    }
    if !next.is_lowercase() || !text[..end].chars().next_back().is_some_and(char::is_alphabetic) {
        return false;
    }
    let glued = rest.find(|c: char| !c.is_alphabetic()).map_or(rest, |i| &rest[..i]);
    let mut buf = [0u8; 32];
    fold_key(glued, &mut buf).is_some_and(is_glue_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz() -> Gazetteer {
        Gazetteer::new(parse_list(
            "ORG\tOTAN\tOtan|NATO\nLOC\tKherson\t\nLOC\tÉtats-Unis\tUSA\nLOC\tParis\t\n",
        ))
    }

    fn found(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        gaz().find(text, &mut hits);
        hits.iter().map(|h| &text[h.start..h.end]).collect()
    }

    #[test]
    fn finds_names_with_their_variants() {
        assert_eq!(
            found("l'OTAN, l’Otan, NATO's, ETATS-UNIS et États-Unis"),
            ["OTAN", "Otan", "NATO", "ETATS-UNIS", "États-Unis"]
        );
    }

    #[test]
    fn glued_small_word_keeps_the_name_but_a_longer_word_does_not() {
        assert_eq!(found("Khersonsous le feu, un Parisien, à Parisdont"), ["Kherson", "Paris"]);
    }

    #[test]
    fn hyphenated_compounds_are_left_to_the_rules() {
        assert_eq!(found("Paris-based, Paris-sur-Seine, Météo-Paris, OTAN-Kherson"), ["Paris"]);
    }

    #[test]
    fn lookup_ignores_case_and_accents() {
        let g = gaz();
        assert_eq!(g.lookup("nato"), g.lookup("OTAN"));
        assert!(g.lookup("etats-unis").is_some());
    }
}
