//! The Markdown reading list: one section per label (labels sorted, then the
//! unlabelled articles), one task-list item per article, ready to paste into a
//! report. An article with several labels appears under each.
//!
//! Titles and sources come from the corpus, so Markdown syntax in them is escaped
//! (a title cannot turn into a link or a heading) and control characters are made
//! visible. The analyst's notes are kept as written (Markdown allowed), quoted
//! under their article.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::review::Record;
use crate::text::sanitize::{display_char, sanitize_line};

pub(super) fn write(out: &mut impl Write, records: &[Record]) -> io::Result<()> {
    let mut by_label: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    let mut unlabelled = Vec::new();
    for r in records {
        if r.state.labels.is_empty() {
            unlabelled.push(r);
        }
        for l in &r.state.labels {
            by_label.entry(l).or_default().push(r);
        }
    }
    let count = |n: usize| if n == 1 { "1 article".to_string() } else { format!("{n} articles") };
    writeln!(out, "# Reading list\n\n{}, {} starred.", count(records.len()), starred(records.iter()))?;
    let sections = by_label
        .iter()
        .map(|(l, rs)| (escape(&sanitize_line(l)), rs))
        .chain((!unlabelled.is_empty()).then(|| ("Unlabelled".to_string(), &unlabelled)));
    for (title, items) in sections {
        writeln!(out, "\n## {title} ({})\n", count(items.len()))?;
        for r in items {
            item(out, r)?;
        }
    }
    Ok(())
}

fn starred<'a>(records: impl Iterator<Item = &'a Record>) -> usize {
    records.filter(|r| r.state.starred).count()
}

/// `- [x] ★ **Title** — Source, date` then the path and the note.
fn item(out: &mut impl Write, r: &Record) -> io::Result<()> {
    let check = if r.state.read { "x" } else { " " };
    let star = if r.state.starred { "★ " } else { "" };
    write!(out, "- [{check}] {star}**{}**", escape(&sanitize_line(&r.meta.title)))?;
    let about: Vec<String> =
        [&r.meta.source, &r.meta.date].into_iter().flatten().map(|s| escape(&sanitize_line(s))).collect();
    if !about.is_empty() {
        write!(out, " — {}", about.join(", "))?;
    }
    writeln!(out, "  \n  {}", code(&sanitize_line(&r.meta.path)))?;
    if let Some(note) = &r.state.note {
        for line in note.lines() {
            let line: String = line.chars().filter_map(display_char).collect();
            writeln!(out, "  > {}", line.trim_end())?;
        }
    }
    Ok(())
}

/// Backslash-escapes the characters that Markdown could read as syntax.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '(' | ')') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span that holds `s` verbatim, whatever backticks it contains.
fn code(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_text_cannot_become_markdown() {
        assert_eq!(escape("[click](http://x) *now*"), "\\[click\\]\\(http://x\\) \\*now\\*");
        assert_eq!(escape("# Title"), "\\# Title");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a/b.txt"), "`a/b.txt`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
    }
}
