//! Laying an article out in lines for a given width: the title, a meta line, then
//! each paragraph wrapped at word boundaries by display width (accents, CJK and
//! emoji measured with unicode-width). Every visual line is one byte range of the
//! title or of the text, so highlights and jumps map to lines without copying.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::corpus::{Document, ParagraphKind};
use crate::text::sanitize::display_char;

/// Where a visual line's bytes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// [`Document::title`].
    Title,
    /// [`Document::text`].
    Text,
    /// Nothing (a blank or the meta line, drawn from the document's fields).
    None,
}

/// What a visual line shows, which decides its style and indent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Part of the title (bold).
    Title,
    /// Date · source · words · language.
    Meta,
    /// Space between blocks.
    Blank,
    /// Body text.
    Text,
    /// The first line of a bullet (drawn after a `•`).
    BulletFirst,
    /// A continuation line of a bullet (indented like its text).
    BulletMore,
    /// A photo credit (dimmed).
    Credit,
    /// A heading (bold).
    Heading,
}

/// One line on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// What it shows.
    pub kind: LineKind,
    /// Where `range` points.
    pub source: Source,
    /// Byte range of the title or text (empty for blanks and the meta line).
    pub range: Range<usize>,
}

/// Columns a bullet's text is indented by (`• `).
pub const BULLET_INDENT: u16 = 2;

/// An article laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ArticleLayout {
    /// The width it was laid out for.
    pub width: u16,
    /// Its lines, top to bottom.
    pub lines: Vec<VisualLine>,
    /// Where the title stands verbatim in the text, if it does: mentions and
    /// matches there are shown on the title lines.
    pub title_at: Option<usize>,
}

impl ArticleLayout {
    /// Lays `doc` out for `width` columns.
    #[must_use]
    pub fn new(doc: &Document, width: u16) -> ArticleLayout {
        let w = width.max(4);
        let mut lines: Vec<VisualLine> = wrap(doc.title(), 0..doc.title().len(), w)
            .into_iter()
            .map(|range| VisualLine { kind: LineKind::Title, source: Source::Title, range })
            .collect();
        lines.push(VisualLine { kind: LineKind::Meta, source: Source::None, range: 0..0 });
        let mut previous = None;
        for p in doc.paragraphs() {
            // Bullets of one list follow each other without a blank line.
            if !(previous == Some(ParagraphKind::Bullet) && p.kind == ParagraphKind::Bullet) {
                lines.push(VisualLine { kind: LineKind::Blank, source: Source::None, range: 0..0 });
            }
            previous = Some(p.kind);
            let (first, more, pw) = match p.kind {
                ParagraphKind::Text => (LineKind::Text, LineKind::Text, w),
                ParagraphKind::Bullet => (LineKind::BulletFirst, LineKind::BulletMore, w - BULLET_INDENT),
                ParagraphKind::Credit => (LineKind::Credit, LineKind::Credit, w),
                ParagraphKind::Heading => (LineKind::Heading, LineKind::Heading, w),
            };
            for (i, range) in wrap(&doc.text, p.range(), pw).into_iter().enumerate() {
                let kind = if i == 0 { first } else { more };
                lines.push(VisualLine { kind, source: Source::Text, range });
            }
        }
        let title_at = if doc.title().is_empty() { None } else { doc.text.find(doc.title()) };
        ArticleLayout { width, lines, title_at }
    }

    /// Where byte `at` of the text is shown: in the body, or on the title lines
    /// (as an offset into the title); `None` for text that is not drawn (header
    /// lines, repeated titles, attributions).
    #[must_use]
    pub fn locate(&self, at: usize) -> Option<(Source, usize)> {
        if self.line_of(Source::Text, at).is_some() {
            return Some((Source::Text, at));
        }
        let t = self.title_at?;
        let in_title =
            at >= t && self.lines.iter().any(|l| l.source == Source::Title && l.range.contains(&(at - t)));
        in_title.then(|| (Source::Title, at - t))
    }

    /// The index of the line showing byte `at` of `source`, if any.
    #[must_use]
    pub fn line_of(&self, source: Source, at: usize) -> Option<usize> {
        self.lines.iter().position(|l| {
            l.source == source && l.range.start <= at && at < l.range.end.max(l.range.start + 1)
        })
    }
}

/// The character a terminal cell shows for `c` of corpus text: whitespace as a
/// space, unsafe characters as their visible stand-in, `None` for dropped ones.
#[must_use]
pub fn shown(c: char) -> Option<char> {
    if c.is_whitespace() { Some(' ') } else { display_char(c) }
}

/// The display width of `c` as [`shown`] draws it.
#[must_use]
pub fn shown_width(c: char) -> usize {
    shown(c).map_or(0, |d| d.width().unwrap_or(0))
}

/// Splits `text[range]` into lines of at most `width` columns, breaking after
/// whitespace or a wide character, and inside a word only when it alone is wider
/// than a line. Returned ranges hold no leading or trailing whitespace.
#[must_use]
pub fn wrap(text: &str, range: Range<usize>, width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut out = Vec::new();
    let mut line: Option<(usize, usize)> = None; // (start, width so far)
    let mut brk: Option<usize> = None; // where the line may end
    let mut word = (range.start, 0usize); // (start, width) of the word being read
    let mut new_word = true;
    for (off, c) in text[range.clone()].char_indices() {
        let i = range.start + off;
        if c.is_whitespace() {
            if let Some((_, lw)) = line.as_mut() {
                if !new_word {
                    brk = Some(i);
                }
                *lw += 1;
            }
            new_word = true;
            continue;
        }
        let w = shown_width(c);
        if new_word {
            word = (i, 0);
            new_word = false;
        }
        let (mut start, mut lw) = line.unwrap_or((i, 0));
        while lw > 0 && lw + w > width {
            match brk {
                Some(b) if word.0 > start => {
                    out.push(start..b);
                    start = word.0;
                    lw = word.1;
                }
                _ => {
                    out.push(start..i);
                    start = i;
                    lw = 0;
                    word = (i, 0);
                }
            }
            brk = None;
        }
        lw += w;
        word.1 += w;
        if w >= 2 {
            brk = Some(i + c.len_utf8());
            new_word = true;
        }
        line = Some((start, lw));
    }
    if let Some((start, _)) = line {
        let end = start + text[start..range.end].trim_end().len();
        if end > start {
            out.push(start..end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    fn lines(text: &str, width: u16) -> Vec<&str> {
        wrap(text, 0..text.len(), width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn breaks_at_word_boundaries() {
        assert_eq!(lines("the quick brown fox jumps", 10), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut() {
        assert_eq!(lines("ab abcdefghij", 4), ["ab", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn accents_count_one_column_and_wide_characters_two() {
        let text = "été côté forêt";
        assert_eq!(lines(text, 9), ["été côté", "forêt"]);
        let cjk = "東京都の天気は晴れ";
        for l in lines(cjk, 7) {
            assert!(l.width() <= 7, "{l} is {} wide", l.width());
        }
        assert_eq!(lines(cjk, 7).concat(), cjk);
        let emoji = "go 🚀🚀🚀 now";
        assert!(lines(emoji, 5).iter().all(|l| l.width() <= 5));
    }

    #[test]
    fn newlines_inside_a_paragraph_are_spaces() {
        assert_eq!(lines("one\ntwo three", 20), ["one\ntwo three"]);
        assert_eq!(lines("one\ntwo three", 7), ["one\ntwo", "three"]);
    }

    #[test]
    fn whitespace_only_gives_no_line() {
        assert!(lines("   ", 10).is_empty());
        assert!(lines("", 10).is_empty());
    }

    #[test]
    fn control_characters_take_the_width_of_their_stand_in() {
        assert_eq!(shown('\u{1b}'), Some('\u{241b}'));
        assert_eq!(shown_width('\u{1b}'), 1);
        assert_eq!(shown_width('\u{202e}'), 0);
        assert_eq!(shown('\t'), Some(' '));
    }

    #[test]
    fn layout_indents_bullets_and_finds_lines() {
        let text = "Title here\n\nA first paragraph of text.\n\n• a bullet point that wraps\n".to_string();
        let doc = crate::corpus::parse_article("t.txt", text);
        let layout = ArticleLayout::new(&doc, 16);
        let kinds: Vec<_> = layout.lines.iter().map(|l| l.kind).collect();
        assert_eq!(kinds[0], LineKind::Title);
        assert_eq!(kinds[1], LineKind::Meta);
        assert!(kinds.contains(&LineKind::BulletFirst));
        assert!(kinds.contains(&LineKind::BulletMore));
        for l in layout.lines.iter().filter(|l| l.kind == LineKind::BulletMore) {
            assert!(doc.text[l.range.clone()].width() <= usize::from(16 - BULLET_INDENT));
        }
        let at = doc.text.find("bullet").unwrap();
        let line = layout.line_of(Source::Text, at).unwrap();
        assert_eq!(layout.lines[line].kind, LineKind::BulletFirst);
    }
}
