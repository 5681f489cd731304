//! Lookups across the corpus: facets of a filtered set, related articles, the
//! timeline, and the named-entity keys they compare (no terminal code).

mod facets;
mod named;
mod related;
mod timeline;

pub use facets::{Facets, facets, top_counts};
use named::for_each_mentioning;
pub use named::{EntityKey, named_entities};
pub use related::{Related, related};
pub use timeline::{Bucket, Granularity, Monthly, Timeline, entity_timelines, month_span, monthly, timeline};

#[cfg(test)]
mod tests;
