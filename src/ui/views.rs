//! The saved views overlay: each view's name, query, live count and new
//! articles (computed in the background; `…` until then).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::spans::fit;
use super::theme::Theme;
use crate::app::state::AppState;

/// Draws the overlay centred in `area`, row `selected` highlighted.
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, selected: usize, theme: &Theme) {
    let views = &state.views.views.views;
    let w = (area.width * 4 / 5).max(area.width.min(40));
    let wanted = u16::try_from(views.len()).unwrap_or(u16::MAX).saturating_add(3).max(5);
    let h = wanted.min(area.height);
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 3, w, h);
    frame.render_widget(Clear, popup);
    let block = super::pane_block(" Views: Enter filters, d deletes, Esc closes ".into(), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.buffer_mut().set_style(inner, theme.base);
    let width = usize::from(inner.width);
    if views.is_empty() {
        let hint = "No saved view yet: type a filter (/), then ctrl-s or S saves it under a name.";
        frame.render_widget(Paragraph::new(Span::styled(fit(hint, width), theme.dim)), inner);
        return;
    }
    let name_w = 18.min(width / 4);
    let figures_w = 16;
    let query_w = width.saturating_sub(name_w + figures_w + 2);
    let height = usize::from(inner.height);
    let start = selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line<'static>> = views
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, v)| {
            let figures = match state.views.statuses.get(i).copied().flatten() {
                Some(s) if s.new > 0 => format!("{} (+{} new)", s.count, s.new),
                Some(s) => s.count.to_string(),
                None => "…".to_string(),
            };
            let row = if i == selected { theme.selected } else { theme.base };
            let name = fit(&v.name, name_w);
            let query = fit(&v.query, query_w);
            let pad =
                |s: &str, w: usize| " ".repeat(w.saturating_sub(unicode_width::UnicodeWidthStr::width(s)));
            Line::from(vec![
                Span::styled(format!("{name}{} ", pad(&name, name_w)), theme.title.patch(row)),
                Span::styled(format!("{query}{} ", pad(&query, query_w)), theme.meta.patch(row)),
                Span::styled(format!("{figures:>figures_w$}"), theme.filter_match.patch(row)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
