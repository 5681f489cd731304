//! Lookups across the corpus: facets of a filtered set, related articles, the
//! timeline, and the entity index they share (no terminal code).

mod facets;
mod index;
mod related;
mod timeline;

pub use facets::{Facets, facets, top_counts};
pub use index::{EntityIndex, EntityKey, named_entities};
pub use related::{Related, related};
pub use timeline::{Bucket, Granularity, Monthly, Timeline, entity_timelines, month_span, monthly, timeline};

#[cfg(test)]
mod tests;
