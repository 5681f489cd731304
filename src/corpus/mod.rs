//! The corpus: loading files, decoding them, parsing articles into [`Document`]s.
//!
//! Nothing here knows of the terminal; nothing here ever writes to the corpus.

pub mod cache;
mod dates;
mod decode;
mod demo;
mod document;
mod json;
mod lang;
mod load;
mod parse;
mod swar;
mod warning;
mod watch;

pub use cache::{Cache, CacheUpdate};
pub use dates::parse_date;
pub use demo::demo;
pub use document::{Document, Paragraph, ParagraphKind};
pub use load::{LoadEvent, LoadOptions, Loaded, load, load_paths, stream};
pub use parse::parse_article;
pub use warning::Warning;
pub use watch::{Change, Watch, watch};
