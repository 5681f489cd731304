//! The article list: one row per article (date, source, title), the selected row
//! highlighted, the filter's matches marked in the titles, review marks (unread,
//! star, labels) and the range selection shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::review;
use super::spans::{fit, styled};
use super::theme::Theme;
use crate::app::state::{AppState, Focus};

/// Width of the date column (`YYYY-MM-DD`).
const DATE_W: usize = 10;
/// Width of the review marks (unread, star).
const MARKS_W: usize = 2;
/// Width of the source column, when the pane is wide enough for one.
const SOURCE_W: usize = 10;

/// Draws the list into `area` (border included).
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Focus::List && state.overlays.is_empty();
    let total = state.live_count();
    let shown = state.list.rows.len();
    let title =
        if shown == total { format!(" Articles {total} ") } else { format!(" Articles {shown}/{total} ") };
    let block = super::pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let with_source = width >= 44;
    let mut lines = Vec::new();
    let end = (state.list.offset + usize::from(inner.height)).min(shown);
    for row in state.list.offset..end {
        let d = state.list.rows[row];
        let Some(doc) = state.docs.get(d) else { continue };
        let selected = row == state.list.selected;
        let in_range = state
            .review
            .anchor
            .is_some_and(|a| row >= a.min(state.list.selected) && row <= a.max(state.list.selected));
        let row_style = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ if in_range => theme.base.patch(theme.in_range),
            _ => theme.base,
        };
        let mut spans = Vec::new();
        let marker = if selected {
            "▌"
        } else if in_range {
            "┃"
        } else {
            " "
        };
        spans.push(Span::styled(marker, theme.border_focused.patch(row_style)));
        let review = state.review.states.get(&d);
        spans.extend(review::row_marks(review, theme).into_iter().map(|s| {
            let style = row_style.patch(s.style);
            Span::styled(s.content, style)
        }));
        let date = doc.date().map_or(String::new(), |s| fit(s.get(..DATE_W).unwrap_or(s), DATE_W));
        spans.push(Span::styled(format!("{date:<DATE_W$} "), theme.dim.patch(row_style)));
        let mut used = 1 + MARKS_W + DATE_W + 1;
        if with_source {
            let src = doc.source().map_or(String::new(), |s| fit(s, SOURCE_W));
            let pad = SOURCE_W.saturating_sub(unicode_width::UnicodeWidthStr::width(src.as_str()));
            spans.push(Span::styled(format!("{src}{} ", " ".repeat(pad)), theme.dim.patch(row_style)));
            used += SOURCE_W + 1;
        }
        let layers: Vec<_> = state
            .list
            .title_matches
            .get(&d)
            .map(|ms| ms.iter().map(|r| (r.clone(), theme.filter_match)).collect())
            .unwrap_or_default();
        let labels = review::labels_text(review, width.saturating_sub(used) / 3);
        let labels_w = unicode_width::UnicodeWidthStr::width(labels.as_str());
        let room = width.saturating_sub(used + if labels_w > 0 { labels_w + 1 } else { 0 });
        let title_spans = styled(doc.title(), 0..doc.title().len(), theme.base, &layers, room);
        let title_w: usize = title_spans.iter().map(Span::width).sum();
        spans.extend(title_spans.into_iter().map(|s| {
            let style = s.style.patch(row_style);
            // A match keeps its own colours on the selected row.
            let style = if s.style == theme.base { style } else { row_style.patch(s.style) };
            Span::styled(s.content, style)
        }));
        spans.push(Span::styled(" ".repeat(room.saturating_sub(title_w)), row_style));
        if labels_w > 0 {
            spans.push(Span::styled(" ", row_style));
            spans.push(Span::styled(labels, row_style.patch(theme.label)));
        }
        lines.push(Line::from(spans));
    }
    if shown == 0 {
        let note = if state.loading { "loading…" } else { "no article matches the filter" };
        lines.push(Line::from(Span::styled(note, theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
