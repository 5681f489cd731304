//! CSV export (RFC 4180): a header row, then one row per article.
//!
//! A field is quoted when it holds a comma, a double quote or a line break, with
//! inner quotes doubled; labels are joined by `; `. Corpus text is untrusted and
//! the output may land on a terminal, so control characters and bidi overrides are
//! made visible as everywhere else (line breaks in notes are kept, quoted).

use std::io::{self, Write};

use crate::review::Record;
use crate::text::sanitize::display_char;

const HEADER: [&str; 8] = ["path", "title", "date", "source", "read", "starred", "labels", "note"];

pub(super) fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    write_row(out, HEADER.map(String::from))?;
    for r in records {
        let flag = |b: bool| if b { "true" } else { "false" }.to_string();
        write_row(
            out,
            [
                r.meta.path.clone(),
                r.meta.title.clone(),
                r.meta.date.clone().unwrap_or_default(),
                r.meta.source.clone().unwrap_or_default(),
                flag(r.state.read),
                flag(r.state.starred),
                r.state.labels.join("; "),
                r.state.note.clone().unwrap_or_default(),
            ],
        )?;
    }
    Ok(())
}

fn write_row(out: &mut impl Write, fields: [String; 8]) -> io::Result<()> {
    let line: Vec<String> = fields.iter().map(|f| field(f)).collect();
    // CRLF ends a record, as RFC 4180 says and spreadsheets expect.
    write!(out, "{}\r\n", line.join(","))
}

/// One field, made terminal-safe and quoted when needed.
fn field(raw: &str) -> String {
    let safe: String = raw.chars().filter_map(display_char).collect();
    if safe.contains([',', '"', '\n']) { format!("\"{}\"", safe.replace('"', "\"\"")) } else { safe }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field("esc\x1b[2J"), "esc\u{241b}[2J");
        assert_eq!(field("cr\r"), "cr\u{240d}");
    }
}
