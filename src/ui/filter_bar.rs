//! The filter bar (`/`), which doubles as the find prompt (`f`): the text field,
//! then `matches/total` (or the find's `3/11`), a spinner while searching, or
//! why the query is refused.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use tui_textarea::TextArea;

use super::status::spinner;
use super::theme::Theme;
use crate::app::state::{AppState, Overlay, field_text};

/// Draws the bar into its one-line `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    frame.buffer_mut().set_style(area, theme.bar);
    let finding = matches!(state.overlays.last(), Some(Overlay::Find));
    let (label, field, editing, right) = if let Some(Overlay::ViewName(t)) = state.overlays.last() {
        let query = super::spans::fit(&field_text(&state.filter.input), usize::from(area.width / 3));
        (
            "save view as: ",
            Some(&**t),
            true,
            Span::styled(format!("query: {query}"), theme.bar.patch(theme.dim)),
        )
    } else if finding {
        let find = state.find.as_ref();
        let right = find.map_or(String::new(), |f| counter(f.current, f.matches.len()));
        ("find: ", find.map(|f| &f.input), true, Span::styled(right, theme.bar))
    } else {
        let f = &state.filter;
        let editing = matches!(state.overlays.last(), Some(Overlay::Filter));
        let right = if let Some(e) = &f.error {
            Span::styled(e.clone(), theme.error)
        } else if f.searching {
            Span::styled(
                format!("{} {}/{}", spinner(state.spinner), f.matched, state.live_count()),
                theme.bar,
            )
        } else {
            Span::styled(format!("{}/{}", f.matched, state.live_count()), theme.bar)
        };
        ("/ ", Some(&f.input), editing, right)
    };
    let right_w = u16::try_from(right.width()).unwrap_or(u16::MAX).min(area.width / 2);
    let label_w = u16::try_from(label.len()).unwrap_or(0);
    let [l, mid, r] = Layout::horizontal([
        Constraint::Length(label_w),
        Constraint::Min(1),
        Constraint::Length(right_w + 1),
    ])
    .areas(area);
    let label_style =
        if editing { theme.border_focused.patch(theme.bar) } else { theme.bar.patch(theme.dim) };
    frame.render_widget(Paragraph::new(Span::styled(label, label_style)), l);
    if let Some(field) = field {
        if editing {
            frame.render_widget(&styled_field(field, theme), mid);
        } else {
            let text = field_text(field);
            let shown = if text.is_empty() { "press / to filter".to_string() } else { text };
            let style = if state.filter.applied.is_empty() { theme.bar.patch(theme.dim) } else { theme.bar };
            frame.render_widget(
                Paragraph::new(Span::styled(super::spans::fit(&shown, usize::from(mid.width)), style)),
                mid,
            );
        }
    }
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(ratatui::layout::Alignment::Right), r);
}

/// The field in the bar's colours, with a visible cursor.
fn styled_field(field: &TextArea<'static>, theme: &Theme) -> TextArea<'static> {
    let mut t = field.clone();
    t.set_style(theme.bar);
    t.set_cursor_line_style(Style::default());
    t.set_cursor_style(theme.bar.add_modifier(Modifier::REVERSED));
    t.set_placeholder_style(theme.bar.patch(theme.dim));
    t
}

/// `3/11` for the third of eleven, `-/11` before the first jump, `0/0` when none.
#[must_use]
pub fn counter(current: Option<usize>, len: usize) -> String {
    match current {
        Some(i) => format!("{}/{len}", i + 1),
        None if len == 0 => "0/0".into(),
        None => format!("-/{len}"),
    }
}
