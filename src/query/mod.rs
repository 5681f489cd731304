//! The filter engine: query syntax, matching and ranking (no terminal code).
//!
//! [`parse`] turns what the analyst types into a [`Query`]; an [`Engine`] owns
//! the corpus and its indexes and answers [`Engine::search`] /
//! [`Engine::search_top`] off the UI thread, cancellable through a [`Cancel`]
//! token and narrowing the previous result when the query only grew;
//! [`Engine::highlights`] and [`Engine::explain`] say where and why a document
//! matched. [`History`] and [`Views`] keep past and saved queries in the data
//! directory for the filter bar.

mod engine;
mod entity_index;
mod fold;
mod highlight;
mod history;
mod index;
mod matcher;
mod packed;
mod parse;
mod plan;
mod views;

pub use engine::{Cancel, Engine, Hit, Results};
pub use fold::{FoldMap, fold};
pub use highlight::Highlights;
pub use history::{History, MAX_HISTORY, data_dir};
pub use parse::{DateFilter, Field, Group, Kind, Query, QueryError, Review, Term, parse};
pub use views::{View, ViewStatus, Views, ViewsError};
