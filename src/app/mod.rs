//! The interactive reader: state, actions, key bindings, the update function,
//! background workers and the event loop. Drawing lives in [`crate::ui`].
//!
//! One loop: a message arrives (a key, a mouse event, a resize, a worker's
//! result), `update` changes the state and names background work, the workers
//! get it, and the screen is redrawn only if something changed.

pub mod action;
pub mod clipboard;
pub mod find;
pub mod geometry;
pub mod keymap;
mod live;
pub mod lookups;
pub mod marks;
mod persist;
mod run;
pub mod search;
pub mod state;
pub mod update;
pub mod worker;
pub mod wrap;

pub use run::{AppError, Options, Report, run};
pub use worker::entities::Annotator;
pub use worker::loader::Source;
