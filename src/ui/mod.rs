//! Drawing: every widget reads `&AppState` and the theme, and changes nothing.
//! Panes first, then the overlays from the bottom of the stack up.

pub mod filter_bar;
pub mod help;
pub mod legend;
pub mod list;
pub mod lookups;
pub mod reader;
pub mod review;
pub mod spans;
pub mod status;
pub mod theme;
pub mod views;

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::state::{AppState, Overlay};
use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, state: &AppState, theme: &Theme) {
    let panes = state.panes();
    let area = frame.area();
    frame.buffer_mut().set_style(area, theme.base);
    list::draw(frame, panes.list, state, theme);
    reader::draw(frame, panes.reader, state, theme);
    filter_bar::draw(frame, panes.filter, state, theme);
    status::draw(frame, panes.status, state, theme);
    for overlay in &state.overlays {
        match overlay {
            Overlay::Help(h) => help::draw(frame, area, h, &state.keymap, theme),
            Overlay::Views(selected) => views::draw(frame, area, state, *selected, theme),
            Overlay::Labels(p) => review::draw_labels(frame, area, state, p, theme),
            Overlay::Note(n) => review::draw_note(frame, area, state, n, theme),
            Overlay::Bulk => review::draw_bulk(frame, area, state, theme),
            Overlay::Confirm(q) => review::draw_confirm(frame, area, q, theme),
            Overlay::Entities(p) => lookups::draw_entities(frame, area, state, p, theme),
            Overlay::Related(p) => lookups::draw_related(frame, area, state, p, theme),
            Overlay::Timeline(bar) => lookups::draw_timeline(frame, area, state, *bar, theme),
            Overlay::Retag(r) => lookups::draw_retag(frame, area, state, r, theme),
            Overlay::Filter | Overlay::Find | Overlay::ViewName(_) => {}
        }
    }
}

/// A pane's frame, its border in the focused style when it has the keys.
fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    let style = if focused { theme.border_focused } else { theme.border };
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Rounded })
        .border_style(style)
        .title(ratatui::text::Span::styled(title, style))
        .style(Style::default())
}
