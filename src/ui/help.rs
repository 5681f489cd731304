//! The help overlay: every action with its keys in each mode (unbound ones
//! too), filtered by what is typed in its own field.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::spans::fit;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::keymap::{Keymap, Mode};
use crate::app::state::{HelpState, field_text};

/// One row of the help: keys (with their mode when not global), action name, what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// `j, down` or `enter (list)`; `(unbound)` when no key does it.
    pub keys: String,
    /// The action's config name.
    pub name: &'static str,
    /// What it does.
    pub help: &'static str,
}

/// Every action's row, in order, keeping those that contain `filter` (any case).
#[must_use]
pub fn rows(keymap: &Keymap, filter: &str) -> Vec<HelpRow> {
    let needle = filter.to_lowercase();
    Action::ALL
        .iter()
        .map(|a| {
            let global = keymap.keys_for(Mode::Global, *a);
            let mut keys: Vec<String> = global.iter().map(ToString::to_string).collect();
            for mode in &Mode::ALL[1..] {
                // A mode's copy of a global binding (ctrl-c in text fields) says nothing new.
                for k in keymap.keys_for(*mode, *a).into_iter().filter(|k| !global.contains(k)) {
                    keys.push(format!("{k} ({})", mode.name()));
                }
            }
            let keys = if keys.is_empty() { "(unbound)".to_string() } else { keys.join(", ") };
            HelpRow { keys, name: a.name(), help: a.help() }
        })
        .filter(|r| {
            needle.is_empty()
                || [r.keys.as_str(), r.name, r.help].iter().any(|s| s.to_lowercase().contains(&needle))
        })
        .collect()
}

/// Draws the overlay centred in `area`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, help: &HelpState, keymap: &Keymap, theme: &Theme) {
    let w = (area.width * 9 / 10).max(area.width.min(40));
    let h = (area.height * 9 / 10).max(area.height.min(8));
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    frame.render_widget(Clear, popup);
    let block = super::pane_block(" Help: type to filter, Esc closes ".into(), true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.buffer_mut().set_style(inner, theme.base);
    let [field_area, _, table_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let mut field = help.input.clone();
    field.set_style(theme.bar);
    field.set_cursor_line_style(Style::default());
    field.set_cursor_style(theme.bar.add_modifier(Modifier::REVERSED));
    field.set_placeholder_style(theme.bar.patch(theme.dim));
    frame.render_widget(&field, field_area);
    let all = rows(keymap, &field_text(&help.input));
    let height = usize::from(table_area.height);
    let start = help.scroll.min(all.len().saturating_sub(height));
    let width = usize::from(table_area.width);
    let key_w = 34.min(width * 2 / 5);
    let name_w = 16.min(width / 4);
    let lines: Vec<Line<'static>> = all
        .iter()
        .skip(start)
        .take(height)
        .map(|r| {
            let key_style =
                if r.keys == "(unbound)" { theme.dim } else { theme.status_key.patch(theme.base) };
            Line::from(vec![
                Span::styled(format!("{:<key_w$} ", fit(&r.keys, key_w)), key_style),
                Span::styled(format!("{:<name_w$} ", fit(r.name, name_w)), theme.meta),
                Span::styled(fit(r.help, width.saturating_sub(key_w + name_w + 2)), theme.base),
            ])
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("no action matches", theme.dim)), table_area);
    } else {
        frame.render_widget(Paragraph::new(lines), table_area);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn every_action_is_listed_and_unbound_ones_say_so() {
        let mut km = Keymap::default();
        let unbind = BTreeMap::from([("e".to_string(), "none".to_string())]);
        km.apply(&BTreeMap::from([("global".to_string(), unbind)])).unwrap();
        let all = rows(&km, "");
        assert_eq!(all.len(), Action::ALL.len());
        let toggle = all.iter().find(|r| r.name == "toggle_entities").unwrap();
        assert_eq!(toggle.keys, "(unbound)");
        let open = all.iter().find(|r| r.name == "open").unwrap();
        assert_eq!(open.keys, "enter (list), right (list)");
    }

    #[test]
    fn typing_filters_by_key_name_or_description_in_any_case() {
        let km = Keymap::default();
        let names = |f: &str| rows(&km, f).into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names("MENTION"), ["next_mention", "prev_mention"]);
        assert_eq!(names("ctrl-d"), ["page_down"]);
        assert!(names("zzz").is_empty());
    }
}
