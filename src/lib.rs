//! kiosque: a terminal news reader for reading, filtering and reviewing a corpus
//! of articles over SSH.
//!
//! Layers, from the bottom: [`text`] and [`corpus`] (loading, decoding, parsing,
//! the document model), [`entities`] and [`query`] know nothing of the terminal;
//! [`review`] keeps what the analyst recorded; [`cli`] prints subcommand output.
#![warn(missing_docs)]

pub mod app;
mod atomic_file;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod lookups;
pub mod query;
pub mod quotes;
pub mod review;
pub mod synth;
pub mod text;
pub mod tui;
pub mod ui;
