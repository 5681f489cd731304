//! The lookup panels' data: the entity panel (the open article's entities, the
//! quotes of its people, the facets of the filtered set), related articles and
//! the timeline. Facets, timeline and related are computed off the UI thread
//! (they read the whole filtered set or corpus); the panel of one article is not.

use std::collections::BTreeMap;

use crate::corpus::Document;
use crate::entities::EntityKind;
use crate::lookups::{EntityKey, Facets, Monthly, Related, Timeline};

/// What the background computed for the filtered set.
#[derive(Debug, Default)]
pub struct LookupsState {
    /// Numbers the requests; older answers are dropped.
    pub generation: u64,
    /// Top people, organisations, places, sources of the filtered set.
    pub facets: Option<Facets>,
    /// Articles per month (or week, or day) of the filtered set.
    pub timeline: Option<Timeline>,
    /// The entity `m` marked: `M` merges another name into it (it stays canonical).
    pub marked: Option<EntityKey>,
    /// A correction is being written and the corpus's entities found again.
    pub correcting: bool,
    /// Numbers the requests for the entity panel's timelines; older answers are dropped.
    pub timelines_generation: u64,
}

/// One row of the entity panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelRow {
    /// A section title.
    Heading(String),
    /// An entity of the open article and its mentions in it; Enter filters by it.
    Entity {
        /// Its kind.
        kind: EntityKind,
        /// Its canonical name.
        name: String,
        /// Mentions in the article.
        count: usize,
    },
    /// A quote of the person above, from the open article; `y` copies it.
    Quote {
        /// The person's canonical name.
        speaker: String,
        /// The quoted words, spaces collapsed.
        text: String,
    },
    /// A facet of the filtered set; Enter narrows the filter by it.
    Facet {
        /// The filter field (`per:`, `org:`, `loc:`, `src:`).
        field: &'static str,
        /// The value.
        name: String,
        /// Articles of the set with it.
        count: usize,
    },
}

impl PanelRow {
    /// The filter term Enter adds, for the rows that have one.
    #[must_use]
    pub fn term(&self) -> Option<String> {
        match self {
            PanelRow::Entity { kind, name, .. } => Some(term(kind_field(*kind), name)),
            PanelRow::Facet { field, name, .. } => Some(term(field, name)),
            PanelRow::Heading(_) | PanelRow::Quote { .. } => None,
        }
    }

    /// Whether it shows the same entity, facet or quote as `other` (counts aside),
    /// so that the selection stays on it when the rows are built again.
    #[must_use]
    pub fn same_item(&self, other: &PanelRow) -> bool {
        match (self, other) {
            (PanelRow::Entity { kind: k1, name: n1, .. }, PanelRow::Entity { kind: k2, name: n2, .. }) => {
                k1 == k2 && n1 == n2
            }
            (PanelRow::Facet { field: f1, name: n1, .. }, PanelRow::Facet { field: f2, name: n2, .. }) => {
                f1 == f2 && n1 == n2
            }
            (PanelRow::Quote { .. }, PanelRow::Quote { .. }) => self == other,
            _ => false,
        }
    }

    /// The entity of the article it shows, if it is one: its kind and name.
    #[must_use]
    pub fn entity(&self) -> Option<EntityKey> {
        match self {
            PanelRow::Entity { kind, name, .. } => Some((*kind, name.clone())),
            _ => None,
        }
    }

    /// Whether the selection may rest on it: a row with a term, or a quote.
    #[must_use]
    pub fn selectable(&self) -> bool {
        matches!(self, PanelRow::Quote { .. }) || self.term().is_some()
    }
}

/// The entity panel: its rows and the selected one (always a row with a term
/// when there is one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPanel {
    /// The document it describes.
    pub doc: usize,
    /// The rows, top to bottom.
    pub rows: Vec<PanelRow>,
    /// The selected row.
    pub selected: usize,
    /// The articles per month in the corpus of each entity of the article, once
    /// computed (empty when no document is dated).
    pub timelines: Option<Vec<(EntityKey, Monthly)>>,
}

impl EntityPanel {
    /// The selected row, when it is an entity of the article: its kind and name.
    #[must_use]
    pub fn selected_entity(&self) -> Option<EntityKey> {
        self.rows.get(self.selected)?.entity()
    }

    /// The entities of the article listed, in order.
    #[must_use]
    pub fn entities(&self) -> Vec<EntityKey> {
        self.rows.iter().filter_map(PanelRow::entity).collect()
    }

    /// The timeline of `key`: `None` until computed, `Some(None)` when there is none
    /// (no document of the corpus is dated).
    #[must_use]
    pub fn timeline_of(&self, key: &EntityKey) -> Option<Option<&Monthly>> {
        let all = self.timelines.as_ref()?;
        Some(all.iter().find(|(k, _)| k == key).map(|(_, t)| t))
    }
}

/// Choosing another kind for an entity (`K` in the entity panel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetagChoice {
    /// The entity: its kind now and canonical name.
    pub entity: EntityKey,
    /// Its surface forms in the article (they take the new kind too).
    pub forms: Vec<String>,
    /// The kind selected, an index into [`RetagChoice::KINDS`].
    pub selected: usize,
}

impl RetagChoice {
    /// The kinds a name can be given: the panel lists names, while dates, amounts
    /// and quantities are values the rules find and normalise, not names to retag.
    pub const KINDS: [EntityKind; 4] = [EntityKind::Per, EntityKind::Org, EntityKind::Loc, EntityKind::Misc];

    /// The kind selected.
    #[must_use]
    pub fn kind(&self) -> EntityKind {
        Self::KINDS[self.selected.min(Self::KINDS.len() - 1)]
    }
}

/// How `key` is written in the text of `doc`: each surface form once (case and
/// accents aside), in order of appearance.
#[must_use]
pub fn surface_forms(doc: &Document, key: &EntityKey) -> Vec<String> {
    let mut forms: Vec<String> = Vec::new();
    let mentions = doc.entities.get().into_iter().flatten();
    for m in mentions.filter(|m| m.kind == key.0 && m.canonical(&doc.text) == key.1) {
        let Some(form) = doc.text.get(m.range()) else { continue };
        let form = form.split_whitespace().collect::<Vec<_>>().join(" ");
        if !forms.iter().any(|f| crate::query::fold(f, true) == crate::query::fold(&form, true)) {
            forms.push(form);
        }
    }
    forms
}

/// The related articles of one document (`None` until computed).
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedPanel {
    /// The document they relate to.
    pub doc: usize,
    /// Best first, near-duplicates folded.
    pub items: Option<Vec<Related>>,
    /// The selected item.
    pub selected: usize,
}

/// The filter field of an entity kind (`ent:` for the kinds without their own).
#[must_use]
pub fn kind_field(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Per => "per:",
        EntityKind::Org => "org:",
        EntityKind::Loc => "loc:",
        EntityKind::Misc => "misc:",
        _ => "ent:",
    }
}

/// `field"name"`, the name's own double quotes dropped so the term stays one term.
#[must_use]
pub fn term(field: &str, name: &str) -> String {
    format!("{field}\"{}\"", name.replace('"', ""))
}

/// `applied` with `term` added (unless it holds it already).
#[must_use]
pub fn with_term(applied: &str, term: &str) -> String {
    let applied = applied.trim();
    if applied.split_whitespace().any(|t| t == term) || applied.contains(term) {
        applied.to_string()
    } else if applied.is_empty() {
        term.to_string()
    } else {
        format!("{applied} {term}")
    }
}

/// The entity panel of `doc`: its named entities grouped by kind, most mentioned
/// first, each person followed by their quotes in it; then the facets.
#[must_use]
pub fn entity_rows(docs: &[Document], doc: usize, facets: Option<&Facets>) -> Vec<PanelRow> {
    let mut rows = Vec::new();
    let Some(d) = docs.get(doc) else { return rows };
    let mut counts: BTreeMap<(EntityKind, &str), usize> = BTreeMap::new();
    for m in d.entities.get().into_iter().flatten() {
        if m.kind.is_named() {
            *counts.entry((m.kind, m.canonical(&d.text))).or_default() += 1;
        }
    }
    let quotes = crate::quotes::quotes(d);
    for (kind, heading) in [
        (EntityKind::Per, "People"),
        (EntityKind::Org, "Organisations"),
        (EntityKind::Loc, "Places"),
        (EntityKind::Misc, "Other"),
    ] {
        let mut of_kind: Vec<(&str, usize)> =
            counts.iter().filter(|((k, _), _)| *k == kind).map(|((_, n), c)| (*n, *c)).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows.push(PanelRow::Heading(format!("{heading} in this article")));
        for (name, count) in of_kind {
            rows.push(PanelRow::Entity { kind, name: name.to_string(), count });
            if kind == EntityKind::Per {
                rows.extend(
                    quotes
                        .iter()
                        .filter(|q| q.speaker.as_deref() == Some(name))
                        .filter_map(|q| d.text.get(q.start..q.end))
                        .map(|t| PanelRow::Quote {
                            speaker: name.to_string(),
                            text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                        }),
                );
            }
        }
    }
    if rows.is_empty() {
        rows.push(PanelRow::Heading("No named entity found in this article (yet)".into()));
    }
    match facets {
        None => rows.push(PanelRow::Heading("Facets of the filter: computing…".into())),
        Some(f) => {
            for (field, heading, values) in [
                ("per:", "Top people of the filter", &f.people),
                ("org:", "Top organisations of the filter", &f.organisations),
                ("loc:", "Top places of the filter", &f.places),
                ("src:", "Top sources of the filter", &f.sources),
            ] {
                if values.is_empty() {
                    continue;
                }
                rows.push(PanelRow::Heading(heading.into()));
                rows.extend(values.iter().map(|(name, count)| PanelRow::Facet {
                    field,
                    name: name.clone(),
                    count: *count,
                }));
            }
        }
    }
    rows
}

/// The first row at or after `from` (in direction `step`, ±1) that can be selected.
#[must_use]
pub fn selectable(rows: &[PanelRow], from: usize, step: isize) -> Option<usize> {
    let mut i = from;
    loop {
        if rows.get(i)?.selectable() {
            return Some(i);
        }
        i = i.checked_add_signed(step)?;
    }
}

/// The bar of the open article's date, if the timeline is known and it is dated.
#[must_use]
pub fn current_bar(state: &super::state::AppState) -> Option<usize> {
    let date = state.open_doc()?.date()?;
    let t = state.lookups.timeline.as_ref()?;
    // Buckets are labelled by their first day (or month): the last one starting
    // at or before the date holds it.
    t.buckets.iter().rposition(|b| date.get(..b.label.len()).is_some_and(|d| d >= b.label.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_quote_names_and_are_added_once() {
        assert_eq!(term("per:", "Ines \"Dal\" Gaard"), "per:\"Ines Dal Gaard\"");
        assert_eq!(with_term("", "per:\"A B\""), "per:\"A B\"");
        assert_eq!(with_term("port ", "per:\"A B\""), "port per:\"A B\"");
        assert_eq!(with_term("port per:\"A B\"", "per:\"A B\""), "port per:\"A B\"");
    }

    #[test]
    fn selection_skips_headings_and_rests_on_quotes() {
        let rows = vec![
            PanelRow::Heading("h".into()),
            PanelRow::Entity { kind: EntityKind::Per, name: "A".into(), count: 2 },
            PanelRow::Quote { speaker: "A".into(), text: "q".into() },
            PanelRow::Heading("h2".into()),
            PanelRow::Facet { field: "src:", name: "S".into(), count: 1 },
        ];
        assert_eq!(selectable(&rows, 0, 1), Some(1));
        assert_eq!(selectable(&rows, 2, 1), Some(2));
        assert_eq!(selectable(&rows, 3, 1), Some(4));
        assert_eq!(selectable(&rows, 3, -1), Some(2));
        assert_eq!(selectable(&rows, 0, -1), None);
    }
}
