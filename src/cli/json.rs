//! JSON output that is safe to print on a terminal.
//!
//! serde_json escapes C0 controls but writes C1 controls (an 8-bit CSI is U+009B)
//! and bidi overrides as they are; a user piping `kiosque parse` to their terminal
//! would let corpus text act on it. Escaping them as `\uXXXX` keeps the JSON value
//! identical (offsets still slice the same text) while nothing reaches the
//! terminal raw.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter, Serializer};

use crate::text::sanitize::is_unsafe;

/// Wraps a formatter, escaping every character [`is_unsafe`] reports.
struct TerminalSafe<F>(F);

impl<F: Formatter> Formatter for TerminalSafe<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        let mut clean_from = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[clean_from..i])?;
                write!(w, "\\u{:04x}", u32::from(c))?;
                clean_from = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[clean_from..])
    }

    // Everything else is the wrapped formatter's.
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as one line of JSON (JSONL), terminal-safe.
pub fn write_line<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(&mut *out, TerminalSafe(CompactFormatter)))?;
    writeln!(out)
}

/// Writes `value` as indented JSON followed by a newline, terminal-safe.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(out: &mut W, value: &T) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(&mut *out, TerminalSafe(PrettyFormatter::new())))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_and_bidi_are_escaped_and_the_value_is_unchanged() {
        let text = "a\u{9b}2Jb\u{202e}c\x1b[0m «é»";
        let mut out = Vec::new();
        write_line(&mut out, &serde_json::json!({ "t": text })).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(!line.contains('\u{9b}') && !line.contains('\u{202e}') && !line.contains('\x1b'));
        assert!(line.contains("\\u009b") && line.contains("\\u202e") && line.contains("«é»"));
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["t"], text);
    }

    #[test]
    fn pretty_output_parses_back() {
        let mut out = Vec::new();
        write_pretty(&mut out, &[1, 2]).unwrap();
        assert_eq!(serde_json::from_slice::<Vec<i32>>(&out).unwrap(), [1, 2]);
        assert!(String::from_utf8(out).unwrap().contains('\n'));
    }
}
