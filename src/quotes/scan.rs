//! Finding quoted passages: « … », “ … ”, " … " and „ … “, including quotes that
//! run over several paragraphs (each continued paragraph reopening the quote, as
//! both French and English typography do).

use crate::corpus::{Document, ParagraphKind};

/// A quoted passage before attribution: the quoted words' byte range (marks
/// excluded) and where its marks stand, for reading the words around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    /// Byte offset of the first quoted character.
    pub start: usize,
    /// Byte offset just past the last quoted character.
    pub end: usize,
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just past the closing mark (or the paragraph end when the
    /// scrape lost it).
    pub close: usize,
}

/// Fewer words than this between marks is a scare quote or a single term
/// ("confiant", “sabotage”), not a passage of speech.
const MIN_WORDS: usize = 3;

/// The closing mark for an opening one.
fn closer_of(open: char) -> Option<char> {
    match open {
        '«' => Some('»'),
        '“' => Some('”'),
        '"' => Some('"'),
        '„' => Some('“'),
        _ => None,
    }
}

/// Every quoted passage of the document's body, in order.
#[must_use]
pub fn passages(doc: &Document) -> Vec<Passage> {
    let text = doc.text.as_str();
    let paragraphs: Vec<_> = doc.paragraphs().iter().filter(|p| p.kind != ParagraphKind::Credit).collect();
    let mut out = Vec::new();
    // The quote being read: its opening mark, its closer, where its words start.
    let mut open: Option<(usize, char, usize)> = None;
    // The reopening mark of a continued quote, not to be read as a closer.
    let mut reopening = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let para = &text[p.range()];
        for (i, c) in para.char_indices() {
            let at = p.start() + i;
            if reopening == Some(at) {
                continue;
            }
            match open {
                Some((o, closer, from)) if c == closer => {
                    push(&mut out, text, o, from, at, at + c.len_utf8());
                    open = None;
                }
                Some(_) => {}
                None => {
                    if let Some(closer) = closer_of(c) {
                        open = Some((at, closer, at + c.len_utf8()));
                    }
                }
            }
        }
        if let Some((o, closer, from)) = open {
            let next = paragraphs.get(pi + 1).map(|n| n.start());
            let reopens = next
                .and_then(|n| text[n..].chars().next())
                .is_some_and(|first| closer_of(first) == Some(closer));
            if reopens {
                reopening = next;
            } else {
                // The scrape lost the closing mark: the quote ends with its paragraph.
                push(&mut out, text, o, from, p.end(), p.end());
                open = None;
            }
        }
    }
    out
}

fn push(out: &mut Vec<Passage>, text: &str, open: usize, from: usize, to: usize, close: usize) {
    let inner = &text[from..to];
    let start = from + (inner.len() - inner.trim_start().len());
    let end = from + inner.trim_end().len();
    if start < end && text[start..end].split_whitespace().count() >= MIN_WORDS {
        out.push(Passage { start, end, open, close });
    }
}
