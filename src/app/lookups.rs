//! The lookup panels' data: the entity panel (the open article's entities, the
//! quotes of its people, the facets of the filtered set), related articles and
//! the timeline. Facets, timeline and related are computed off the UI thread
//! (they read the whole filtered set or corpus); the panel of one article is not.

use std::collections::BTreeMap;

use crate::corpus::Document;
use crate::entities::EntityKind;
use crate::lookups::{Facets, Related, Timeline};

/// What the background computed for the filtered set.
#[derive(Debug, Default)]
pub struct LookupsState {
    /// Numbers the requests; older answers are dropped.
    pub generation: u64,
    /// Top people, organisations, places, sources of the filtered set.
    pub facets: Option<Facets>,
    /// Articles per month (or week, or day) of the filtered set.
    pub timeline: Option<Timeline>,
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
    /// A quote of the person above, from the open article.
    Quote(String),
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
            PanelRow::Heading(_) | PanelRow::Quote(_) => None,
        }
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
                        .map(|t| PanelRow::Quote(t.split_whitespace().collect::<Vec<_>>().join(" "))),
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

/// The first row at or after `from` (in direction `step`, ±1) that has a term.
#[must_use]
pub fn selectable(rows: &[PanelRow], from: usize, step: isize) -> Option<usize> {
    let mut i = from;
    loop {
        if rows.get(i)?.term().is_some() {
            return Some(i);
        }
        i = i.checked_add_signed(step)?;
    }
}

/// The bar of the open article's date, if the timeline is known and it is dated.
#[must_use]
pub fn current_bar(state: &super::state::AppState) -> Option<usize> {
    let date = state.open_doc()?.date.as_deref()?;
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
    fn selection_skips_headings_and_quotes() {
        let rows = vec![
            PanelRow::Heading("h".into()),
            PanelRow::Entity { kind: EntityKind::Per, name: "A".into(), count: 2 },
            PanelRow::Quote("q".into()),
            PanelRow::Facet { field: "src:", name: "S".into(), count: 1 },
        ];
        assert_eq!(selectable(&rows, 0, 1), Some(1));
        assert_eq!(selectable(&rows, 2, 1), Some(3));
        assert_eq!(selectable(&rows, 2, -1), Some(1));
        assert_eq!(selectable(&rows, 0, -1), None);
    }
}
