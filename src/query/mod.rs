//! The filter engine: query syntax, matching and ranking (no terminal code).
//!
//! Placeholder: the engine lands with the filter issue.
