//! Text helpers shared by every layer: Unicode-aware whitespace and sanitising
//! untrusted corpus text before it reaches a terminal.

pub mod sanitize;
