//! The recognizer: gazetteers, first names and rules, built once and shared.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::dictionary::{UserDictionary, UserEntity};
use super::fasthash::StrSet;
use super::gazetteer::{Entry, Gazetteer, fold, parse_list};
use super::resolve::{Candidate, Canon, Source, select};
use super::workspace::{self, Workspace};
use super::{Mention, names, numbers};

const PEOPLE: &str = include_str!("data/people.tsv");
const ORGS: &str = include_str!("data/orgs.tsv");
const MISC: &str = include_str!("data/misc.tsv");
const PLACES: &str = include_str!("data/places.tsv");
const COUNTRIES: &str = include_str!("data/countries.tsv");
const FIRST_NAMES: &str = include_str!("data/first_names.txt");
const FIRST_NAMES_EXTRA: &str = include_str!("data/first_names_extra.txt");

/// Finds entity mentions in text. Building one compiles the gazetteers into an
/// automaton (tens of milliseconds), so the app shares [`Recognizer::builtin`].
pub struct Recognizer {
    gazetteer: Gazetteer,
    first_names: StrSet,
    suppressed: HashSet<String>,
}

impl Recognizer {
    /// The recognizer with the built-in lists only, built on first use.
    pub fn builtin() -> &'static Recognizer {
        static BUILTIN: OnceLock<Recognizer> = OnceLock::new();
        BUILTIN.get_or_init(|| Recognizer::with_dictionary(UserDictionary::default()))
    }

    /// The built-in lists plus a user dictionary (see [`with_user_entities`]); its
    /// suppressed forms are never reported.
    #[must_use]
    #[allow(clippy::needless_pass_by_value)] // the dictionary is consumed into the recognizer
    pub fn with_dictionary(dict: UserDictionary) -> Recognizer {
        let mut builtin = Vec::new();
        for list in [PEOPLE, ORGS, MISC, PLACES, COUNTRIES] {
            builtin.extend(parse_list(list));
        }
        let mut entries = merge_same_canonical(builtin);
        add_contracted_forms(&mut entries);
        let entries = with_user_entities(entries, &dict.entities);
        let suppressed: HashSet<String> = dict.suppress.iter().map(|s| fold(s)).collect();
        let first_names = FIRST_NAMES
            .lines()
            .chain(FIRST_NAMES_EXTRA.lines())
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .collect();
        Recognizer { gazetteer: Gazetteer::new(entries), first_names, suppressed }
    }

    /// The mentions in `text`: sorted, non-overlapping, on char boundaries. Offsets are
    /// 32-bit (see [`Mention`]): a text of 4 GiB or more, which no article is, has none.
    #[must_use]
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        if u32::try_from(text.len()).is_err() {
            return Vec::new();
        }
        workspace::with(text.len(), |ws| self.extract_in(text, ws))
    }

    /// [`Recognizer::extract`] with the lists of `ws`, which it clears first.
    fn extract_in(&self, text: &str, ws: &mut Workspace) -> Vec<Mention> {
        let Workspace { hits, tokens, cover, candidates } = ws;
        hits.clear();
        // Sized for the usual density of known names (about one per hundred bytes), so
        // that the list is not grown several times per document.
        hits.reserve(text.len() / 64);
        self.gazetteer.find(text, hits);
        tokens.read(text);
        candidates.clear();
        candidates.reserve(hits.len() * 2 + text.len() / 64);
        candidates.extend(hits.iter().map(|h| {
            let e = &self.gazetteer.entries[h.entry as usize];
            Candidate {
                start: h.start,
                end: h.end,
                kind: e.kind,
                canonical: if h.is_canonical {
                    Canon::Own
                } else {
                    Canon::Sym(self.gazetteer.canonical_syms[h.entry as usize])
                },
                source: Source::Gazetteer,
            }
        }));
        cover.fill(tokens, hits);
        let cx = names::Context::new(text, tokens, &self.gazetteer, &self.first_names, hits, cover);
        names::find(&cx, candidates);
        numbers::find(text, tokens, candidates);
        let mut mentions = select(text, candidates);
        if !self.suppressed.is_empty() {
            mentions.retain(|m| !self.suppressed.contains(&fold(&text[m.range()])));
        }
        mentions
    }

    /// The canonical name of a known name, ignoring case and accents
    /// ("nato", "Otan" → "OTAN"), for the filter engine.
    #[must_use]
    pub fn canonical_of(&self, name: &str) -> Option<&str> {
        self.gazetteer.lookup(name).map(|id| self.gazetteer.entries[id as usize].canonical.as_str())
    }

    /// Every surface form of a canonical name (itself first); empty when unknown.
    #[must_use]
    pub fn aliases_of(&self, canonical: &str) -> &[String] {
        self.gazetteer
            .lookup(canonical)
            .map(|id| &self.gazetteer.entries[id as usize])
            .filter(|e| fold(&e.canonical) == fold(canonical))
            .map_or(&[], |e| e.aliases.as_slice())
    }
}

/// The built-in entries with the user's names. A user entry's `name` is canonical:
/// when it is known (as a name or an alias) its aliases are merged into that entry
/// and its `kind` replaces the entry's; else it is a new entry (`MISC` when no kind
/// is given). An alias that is another entry's canonical name brings that whole
/// entry in: two names merged as one, the user's name canonical. Every entry the
/// dictionary touches comes first, in the dictionary's order, so that it wins the
/// surface forms it shares with others; later user entries amend earlier ones.
fn with_user_entities(entries: Vec<Entry>, users: &[UserEntity]) -> Vec<Entry> {
    let mut by_alias: HashMap<String, usize> = HashMap::new();
    let mut by_canonical: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_canonical.entry(fold(&e.canonical)).or_insert(i);
        for a in &e.aliases {
            by_alias.entry(fold(a)).or_insert(i);
        }
    }
    let mut slots: Vec<Option<Entry>> = entries.into_iter().map(Some).collect();
    let mut front: Vec<usize> = Vec::new();
    for u in users {
        let known = by_alias.get(&fold(&u.name)).copied().filter(|&i| slots[i].is_some());
        let at = known.unwrap_or_else(|| {
            let kind = u.kind.unwrap_or(super::EntityKind::Misc);
            slots.push(Some(Entry { kind, canonical: u.name.clone(), aliases: Vec::new() }));
            by_canonical.entry(fold(&u.name)).or_insert(slots.len() - 1);
            slots.len() - 1
        });
        let Some(mut entry) = slots[at].take() else { continue };
        if let Some(kind) = u.kind {
            entry.kind = kind;
        }
        let mut forms: Vec<String> = Vec::new();
        for a in std::iter::once(&u.name).chain(&u.aliases) {
            let other = by_canonical.get(&fold(a)).copied().filter(|&i| i != at);
            match other.and_then(|i| slots[i].take()) {
                Some(merged) => forms.extend(merged.aliases),
                None => forms.push(a.clone()),
            }
        }
        for f in forms {
            by_alias.insert(fold(&f), at);
            if !entry.aliases.contains(&f) {
                entry.aliases.push(f);
            }
        }
        slots[at] = Some(entry);
        if !front.contains(&at) {
            front.push(at);
        }
    }
    let mut out: Vec<Entry> = front.iter().filter_map(|&i| slots[i].take()).collect();
    out.extend(slots.into_iter().flatten());
    out
}

/// "du Havre", "au Caire": French contracts "de Le"/"à Le" into "du"/"au", so a place
/// named "Le X" also appears as "X" alone. Short remainders ("Le Cap") are left out:
/// alone they are too often something else.
fn add_contracted_forms(entries: &mut [Entry]) {
    for e in entries.iter_mut().filter(|e| e.kind == super::EntityKind::Loc) {
        let contracted: Vec<String> = e
            .aliases
            .iter()
            .filter_map(|a| a.strip_prefix("Le ").or_else(|| a.strip_prefix("Les ")))
            .filter(|rest| rest.chars().count() >= 5)
            .map(str::to_string)
            .collect();
        for c in contracted {
            if !e.aliases.contains(&c) {
                e.aliases.push(c);
            }
        }
    }
}

/// Entries of the same kind and canonical name from different lists become one.
fn merge_same_canonical(entries: Vec<Entry>) -> Vec<Entry> {
    let mut index: HashMap<(super::EntityKind, String), usize> = HashMap::new();
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries {
        match index.get(&(e.kind, e.canonical.clone())) {
            Some(&i) => {
                for a in e.aliases {
                    if !out[i].aliases.contains(&a) {
                        out[i].aliases.push(a);
                    }
                }
            }
            None => {
                index.insert((e.kind, e.canonical.clone()), out.len());
                out.push(e);
            }
        }
    }
    out
}
