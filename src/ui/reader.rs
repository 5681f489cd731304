//! The reader: title, meta line, then the body wrapped for the pane, each entity
//! kind in its style, filter matches, find occurrences and the current jump
//! target marked; the entity legend sits in the bottom border.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::spans::{Layer, fit, styled};
use super::theme::Theme;
use crate::app::geometry::reader_text_in;
use crate::app::state::{AppState, Focus};
use crate::app::wrap::{BULLET_INDENT, LineKind, Source, VisualLine};
use crate::corpus::Document;
use crate::review::ReviewState;

/// Draws the reader into `area` (border included).
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Focus::Reader && state.overlays.is_empty();
    let doc = state.open_doc();
    let title = doc.map_or_else(|| " Reader ".to_string(), |d| format!(" {} ", fit(&d.path, 60)));
    let lines_total = state.reader.layout.lines.len();
    let text_area = reader_text_in(area);
    let mut block = super::pane_block(title, focused, theme)
        .title_bottom(super::legend::legend(theme, state.show_entities));
    let text_h = usize::from(text_area.height);
    if let Some(pct) = ((state.reader.scroll + text_h).min(lines_total) * 100).checked_div(lines_total) {
        let pos = format!(" {pct}% ");
        block = block.title_bottom(Line::from(Span::styled(pos, theme.dim)).alignment(Alignment::Right));
    }
    frame.render_widget(block, area);
    let Some(doc) = doc else {
        let note = if state.loading { "loading…" } else { "nothing to read" };
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)), text_area);
        return;
    };
    let (title_layers, text_layers) = layers(state, doc, theme);
    let width = usize::from(text_area.width);
    let end = (state.reader.scroll + usize::from(text_area.height)).min(lines_total);
    let lines: Vec<Line<'static>> = state.reader.layout.lines[state.reader.scroll..end]
        .iter()
        .map(|l| {
            if l.kind == LineKind::Meta {
                meta(doc, state.reader.doc.and_then(|d| state.review.states.get(&d)), theme, width)
            } else {
                line(doc, l, theme, &title_layers, &text_layers, width)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
}

/// The style layers of the title and of the text, lowest first: entities, filter
/// matches, find occurrences, then whatever was last jumped to.
fn layers(state: &AppState, doc: &Document, theme: &Theme) -> (Vec<Layer>, Vec<Layer>) {
    let r = &state.reader;
    let mut text: Vec<Layer> = Vec::new();
    let mut title: Vec<Layer> = Vec::new();
    if state.show_entities
        && let Some(mentions) = doc.entities.get()
    {
        text.extend(mentions.iter().map(|m| (m.range(), theme.entity(m.kind))));
        if let Some(m) = r.mention.and_then(|i| mentions.get(i)) {
            text.push((m.range(), theme.current));
        }
        // The title's own mentions, when the title stands verbatim in the text.
        if let Some(t) = r.layout.title_at {
            let end = t + doc.title().len();
            title = text
                .iter()
                .filter(|(x, _)| x.start >= t && x.end <= end)
                .map(|(x, s)| (x.start - t..x.end - t, *s))
                .collect();
        }
    }
    title.extend(r.matches.title.iter().map(|x| (x.clone(), theme.filter_match)));
    text.extend(r.matches.text.iter().map(|x| (x.clone(), theme.filter_match)));
    let titles = r.matches.title.len();
    match r.match_cursor {
        Some(i) if i < titles => title.push((r.matches.title[i].clone(), theme.current)),
        Some(i) => {
            if let Some(x) = r.matches.text.get(i - titles) {
                text.push((x.clone(), theme.current));
            }
        }
        None => {}
    }
    if let Some(find) = &state.find {
        text.extend(find.matches.iter().map(|x| (x.clone(), theme.find_match)));
        if let Some(x) = find.current.and_then(|i| find.matches.get(i)) {
            text.push((x.clone(), theme.current));
        }
    }
    (title, text)
}

/// One visual line as styled spans.
fn line(
    doc: &Document,
    l: &VisualLine,
    theme: &Theme,
    title: &[Layer],
    text: &[Layer],
    width: usize,
) -> Line<'static> {
    let indent = usize::from(BULLET_INDENT);
    let (base, prefix): (Style, &str) = match l.kind {
        LineKind::Title => (theme.title, ""),
        LineKind::Meta => return Line::default(),
        LineKind::Blank => return Line::default(),
        LineKind::Text => (theme.base, ""),
        LineKind::BulletFirst => (theme.base, "• "),
        LineKind::BulletMore => (theme.base, "  "),
        LineKind::Credit => (theme.credit, ""),
        LineKind::Heading => (theme.heading, ""),
    };
    let (src, layers) = match l.source {
        Source::Title => (doc.title(), title),
        Source::Text | Source::None => (doc.text.as_str(), text),
    };
    let room = if prefix.is_empty() { width } else { width.saturating_sub(indent) };
    let mut spans = Vec::new();
    if !prefix.is_empty() {
        spans.push(Span::styled(prefix, theme.dim));
    }
    spans.extend(styled(src, l.range.clone(), base, layers, room));
    Line::from(spans)
}

/// Date · source · words · language, then the review marks (read or unread,
/// the star, the labels, a note), which keep their room when the line is cut.
fn meta(doc: &Document, review: Option<&ReviewState>, theme: &Theme, width: usize) -> Line<'static> {
    let mut parts = vec![doc.date().map(str::to_string).unwrap_or_else(|| "undated".into())];
    if let Some(s) = doc.source() {
        parts.push(s.to_string());
    }
    parts.push(format!("{} words", doc.words()));
    parts.push(doc.lang().to_string());
    let read = review.is_some_and(|r| r.read);
    let mut marks = vec![(if read { "✓ read" } else { "• unread" }.to_string(), theme.unread)];
    if review.is_some_and(|r| r.starred) {
        marks.push(("★ starred".into(), theme.star));
    }
    if let Some(r) = review {
        marks.extend(r.labels.iter().map(|l| (format!("#{l}"), theme.label)));
        if r.note.is_some() {
            marks.push(("✎ note".into(), theme.meta));
        }
    }
    // The marks take at most half the line; the document's fields the rest.
    let mut tail = Vec::new();
    let mut tail_w = 0;
    for (m, style) in marks {
        let m = fit(&m, (width / 2).saturating_sub(tail_w + 3));
        if m.is_empty() {
            break;
        }
        tail_w += 3 + unicode_width::UnicodeWidthStr::width(m.as_str());
        tail.push(Span::styled(" · ", theme.meta));
        tail.push(Span::styled(m, style));
    }
    let head = fit(&parts.join(" · "), width.saturating_sub(tail_w));
    let mut spans = vec![Span::styled(head, theme.meta)];
    spans.extend(tail);
    Line::from(spans)
}
