//! The review state: what an analyst recorded about each article (read, starred,
//! labels, a note), kept in an SQLite file shared by every kiosque instance.
//!
//! No terminal code here: the UI owns a [`Store`] (or a [`Worker`] running one on
//! its own thread), the `mark` and `export` subcommands use it directly.
//!
//! ```no_run
//! use kiosque::review::{Action, ArticleMeta, Store};
//! let docs = kiosque::corpus::demo();
//! let path = kiosque::review::resolve_path(None)?;
//! let (mut store, fallback_reason) = Store::open_or_fallback(&path);
//! let first = ArticleMeta::from(&docs[0]);
//! store.apply(std::slice::from_ref(&first), &Action::SetStarred(true))?;
//! assert!(store.state(&first.key)?.starred);
//! # Ok::<(), kiosque::review::ReviewError>(())
//! ```

mod db;
mod error;
mod file;
mod key;
mod migrations;
mod model;
mod worker;
mod write;

#[cfg(test)]
mod tests;

pub use db::{DEFAULT_BUSY_TIMEOUT, Store};
pub use error::ReviewError;
pub use file::{STATE_ENV, default_path, resolve_path};
pub use key::{ArticleKey, key_of};
pub use model::{Action, ArticleMeta, Record, ReviewState, States};
pub use worker::{Reply, Request, Worker};
pub use write::Undone;
