//! The status bar: the main keys (read from the keymap, so rebinding shows), and
//! on the right what is going on: loading, warnings, the find's position, notes.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::filter_bar::counter;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::app::state::AppState;

/// Spinner frames (braille, one column each).
const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The spinner's frame for tick `n`.
#[must_use]
pub fn spinner(n: usize) -> &'static str {
    FRAMES[n % FRAMES.len()]
}

/// The hints: action and its short label.
const HINTS: &[(Action, &str)] = &[
    (Action::MoveDown, "down"),
    (Action::Open, "open"),
    (Action::FocusFilter, "filter"),
    (Action::Find, "find"),
    (Action::NextMention, "mention"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
    (Action::SwitchPane, "pane"),
    (Action::Views, "views"),
    (Action::ToggleEntities, "entities"),
];

/// Draws the bar into its one-line `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    frame.buffer_mut().set_style(area, theme.status);
    let mut right = Vec::new();
    if state.loading {
        right.push(match state.progress {
            Some((done, total)) => format!("{} loading {done}/{total} files", spinner(state.spinner)),
            None => format!("{} loading…", spinner(state.spinner)),
        });
    }
    if let Some((done, total)) = state.annotating {
        right.push(format!("{} entities {}%", spinner(state.spinner), done * 100 / total.max(1)));
    }
    if state.lookups.correcting {
        right.push(format!("{} finding entities again", spinner(state.spinner)));
    }
    if state.warnings > 0 {
        let s = if state.warnings == 1 { "" } else { "s" };
        right.push(format!("{} warning{s} (printed on exit)", state.warnings));
    }
    if let Some(find) = &state.find {
        right.push(format!("find {}", counter(find.current, find.matches.len())));
    }
    if let Some(m) = &state.message {
        right.push(super::spans::fit(m, usize::from(area.width / 2)));
    } else if state.review.read_only.is_some() {
        right.push("review state read-only (marks are not saved)".into());
    }
    let right = Span::styled(format!("{} ", right.join("  ")), theme.status);
    let right_w = u16::try_from(right.width()).unwrap_or(u16::MAX).min(area.width);
    let mut left = vec![Span::styled(" ", theme.status)];
    let mut used = 1;
    for (action, label) in HINTS {
        let key = [Mode::List, Mode::Global]
            .iter()
            .find_map(|m| state.keymap.keys_for(*m, *action).first().copied());
        if let Some(key) = key {
            let (key, label) = (key.to_string(), format!(" {label}  "));
            // Whole hints only: one cut in the middle would read as a different key.
            used += key.len() + label.len();
            if used > usize::from(area.width - right_w) {
                break;
            }
            left.push(Span::styled(key, theme.status_key));
            left.push(Span::styled(label, theme.status));
        }
    }
    let left_area = Rect { width: area.width - right_w, ..area };
    let right_area = Rect { x: area.x + area.width - right_w, width: right_w, ..area };
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    frame.render_widget(Paragraph::new(Line::from(right)).alignment(Alignment::Right), right_area);
}
