//! Parsing a plain-text article as scraped from a news site into a [`Document`].
//!
//! The text is never changed: the parser only finds byte ranges in it, so that
//! every later offset (entities, highlights) points into exactly what was read.

mod lines;
mod title;
mod trailer;

use lines::{Line, split_lines, trim_range};

use std::borrow::Cow;

use super::document::{Document, Paragraph, ParagraphKind, Title, narrow};
use super::swar;
use crate::entities::intern::Sym;

/// What one body line turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    /// Left out of the body: a repeated title or an "updated" line.
    Dropped,
    Credit,
    /// A bullet or Markdown heading whose content starts at this offset.
    Marked(ParagraphKind, usize),
    Text,
}

/// Parses `text`, read from `path`, as a plain-text article.
#[must_use]
pub fn parse_article(path: impl Into<String>, text: String) -> Document {
    let mut lines = split_lines(&text);
    let mut date = None;
    // The title's range in the text, or a title made from a sentence cut short.
    let mut title = Title::Span(0, 0);
    let mut title_line = None;
    let mut first = lines.iter().position(|l| !l.is_blank()).unwrap_or(lines.len());

    if let Some(&line) = lines.get(first) {
        let line_text = &text[line.start..line.end];
        if let Some((header_date, text_at)) = title::date_header(line_text) {
            date = Some(header_date);
            if text_at < line_text.len() {
                // The header's text stays whole in the body; the title is made from it.
                title = match title::title_from_sentence(&line_text[text_at..]) {
                    Cow::Borrowed(t) => {
                        let at = t.as_ptr() as usize - text.as_ptr() as usize;
                        Title::Span(narrow(at), narrow(at + t.len()))
                    }
                    Cow::Owned(t) => Title::Made(t.into()),
                };
                lines[first].start += text_at;
            } else {
                first = lines
                    .iter()
                    .skip(first + 1)
                    .position(|l| !l.is_blank())
                    .map_or(lines.len(), |p| p + first + 1);
            }
        }
        let untitled = match &title {
            Title::Span(start, end) => start == end,
            Title::Made(t) => t.is_empty(),
        };
        if untitled && let Some(&line) = lines.get(first) {
            title = Title::Span(narrow(line.start), narrow(line.end));
            title_line = Some(&text[line.start..line.end]);
            first += 1;
        }
    }
    let body_lines = &lines[first.min(lines.len())..];
    let (trailer_from, mut trailer, mut source) = trailing_lines(&text, body_lines);
    let body_lines = &body_lines[..trailer_from];

    let (mut published, mut updated) = (None, None);
    let roles: Vec<Role> = body_lines
        .iter()
        .map(|&l| {
            let s = &text[l.start..l.end];
            if l.is_blank() {
                return Role::Blank;
            }
            if title_line == Some(s) {
                return Role::Dropped;
            }
            if let Some((d, is_published)) = lines::dated_line(s) {
                let slot = if is_published { &mut published } else { &mut updated };
                slot.get_or_insert(d);
                return Role::Dropped;
            }
            if lines::is_credit(s) {
                Role::Credit
            } else if let Some(at) = lines::bullet_content(s) {
                Role::Marked(ParagraphKind::Bullet, l.start + at)
            } else if let Some(at) = lines::markdown_heading(s) {
                Role::Marked(ParagraphKind::Heading, l.start + at)
            } else {
                Role::Text
            }
        })
        .collect();
    date = date.or(published).or(updated);

    // An attribution closing the last text line leaves the body for the trailer.
    let mut body_lines = body_lines.to_vec();
    if let Some(i) = roles.iter().rposition(|r| *r != Role::Blank && *r != Role::Dropped) {
        let line = body_lines[i];
        if roles[i] == Role::Text
            && let Some((at, name)) = trailer::closing_attribution(&text[line.start..line.end])
        {
            trailer.insert(0, text[line.start + at..line.end].to_string());
            source = source.or(Some(name));
            body_lines[i] = trim_range(&text, line.start, line.start + at);
        }
    }
    let paragraphs = build_paragraphs(&text, &body_lines, &roles);
    let words = paragraphs.iter().map(|p| count_words(&text[p.range()])).sum();
    let mut doc = Document {
        path: path.into(),
        title,
        date: None,
        source: source.as_deref().map(Sym::intern),
        url: None,
        lang: Sym::intern("und"),
        words: narrow(words),
        paragraphs: paragraphs.into(),
        trailer: (!trailer.is_empty()).then(|| trailer.join("\n").into()),
        text,
        entities: std::sync::OnceLock::new(),
    };
    doc.set_date(date.as_deref());
    doc.lang = Sym::intern(super::lang::detect(
        doc.paragraphs.first().map_or(doc.title(), |p| &doc.text[p.range().start..]),
    ));
    doc
}

/// The number of whitespace-separated tokens of `s`, as `split_whitespace`
/// counts them (Unicode White_Space), but over bytes: this runs on every
/// article, and only these few multi-byte sequences are spaces. Eight bytes
/// are counted at once (SWAR) unless they may hold part of one, then byte by byte.
fn count_words(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(x) = swar::load(bytes, i)
            && swar::no_unicode_space(x)
        {
            let space = swar::spaces(x);
            // A word starts at a byte that is not a space after one that is.
            let after_space = (space << 8) | (u64::from(!in_word) << 7);
            count += swar::count(!space & swar::HIGH & after_space);
            in_word = space >> 63 == 0;
            i += 8;
            continue;
        }
        let end = (i + 8).min(bytes.len());
        for at in i..end {
            let b = bytes[at];
            // A continuation byte belongs to the character its lead byte started.
            if (0x80..0xc0).contains(&b) {
                continue;
            }
            let space = starts_space(bytes, at);
            count += usize::from(!space && !in_word);
            in_word = !space;
        }
        i = end;
    }
    count
}

/// Whether the character starting at `bytes[i]` (not a continuation byte) is
/// Unicode White_Space.
fn starts_space(bytes: &[u8], i: usize) -> bool {
    let next = |n: usize| bytes.get(i + n).copied().unwrap_or(0);
    match bytes[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => true,
        0xc2 => matches!(next(1), 0x85 | 0xa0),
        0xe1 => next(1) == 0x9a && next(2) == 0x80,
        0xe2 => match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf),
            0x81 => next(2) == 0x9f,
            _ => false,
        },
        0xe3 => next(1) == 0x80 && next(2) == 0x80,
        _ => false,
    }
}

/// Trailer lines at the end of the body: the index where they start, their text
/// in order, and the first source they name.
fn trailing_lines(text: &str, body: &[Line]) -> (usize, Vec<String>, Option<String>) {
    let mut from = body.len();
    let mut found = Vec::new();
    let mut source = None;
    for (i, line) in body.iter().enumerate().rev() {
        if line.is_blank() {
            continue;
        }
        let s = &text[line.start..line.end];
        let Some(named) = trailer::trailer_line(s) else {
            break;
        };
        found.push(s.to_string());
        // Reading upwards: the earliest attribution in the text wins.
        source = named.or(source);
        from = i;
    }
    found.reverse();
    (from, found, source)
}

/// Groups classified lines into paragraphs: blank lines separate them, except
/// in a text without blank lines, where each line is one; bullets, credits and
/// Markdown headings always stand alone.
fn build_paragraphs(text: &str, lines: &[Line], roles: &[Role]) -> Vec<Paragraph> {
    let has_blank_lines = {
        let content: Vec<usize> = (0..lines.len()).filter(|&i| !matches!(roles[i], Role::Blank)).collect();
        match (content.first(), content.last()) {
            (Some(&a), Some(&b)) => roles[a..b].contains(&Role::Blank),
            _ => false,
        }
    };
    let mut out: Vec<Paragraph> = Vec::new();
    // The paragraph being extended, and how many lines it has.
    let mut open: Option<(Paragraph, usize)> = None;
    let close = |open: &mut Option<(Paragraph, usize)>, out: &mut Vec<Paragraph>| {
        if let Some((mut p, count)) = open.take() {
            if p.kind == ParagraphKind::Text && count == 1 && lines::is_heading(&text[p.range()]) {
                p.kind = ParagraphKind::Heading;
            }
            out.push(p);
        }
    };
    for (line, role) in lines.iter().zip(roles) {
        match *role {
            Role::Blank => close(&mut open, &mut out),
            Role::Text if line.is_blank() => {}
            Role::Dropped => {}
            Role::Credit => {
                close(&mut open, &mut out);
                out.push(Paragraph::new(ParagraphKind::Credit, line.start, line.end));
            }
            Role::Marked(kind, at) => {
                close(&mut open, &mut out);
                open = Some((Paragraph::new(kind, at, line.end), 1));
                if kind == ParagraphKind::Heading {
                    close(&mut open, &mut out);
                }
            }
            Role::Text => match &mut open {
                Some((p, count)) if has_blank_lines => {
                    p.end = narrow(line.end);
                    *count += 1;
                }
                _ => {
                    close(&mut open, &mut out);
                    open = Some((Paragraph::new(ParagraphKind::Text, line.start, line.end), 1));
                }
            },
        }
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests;
