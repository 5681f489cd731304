//! The review overlays: the label prompt with the labels in use, the note
//! editor, the menu of actions for the whole filter, and yes/no questions.
//! Also the marks (unread, star, labels) the list and the meta line show.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::spans::fit;
use super::theme::Theme;
use crate::app::marks::{LabelPrompt, NoteEditor, Question};
use crate::app::state::{AppState, field_text};
use crate::review::ReviewState;

/// A popup `w` × `h` (clamped to `area`), centred horizontally, a third down; cleared.
fn popup(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 3, w, h);
    frame.render_widget(Clear, r);
    r
}

/// A framed popup with `title`; returns its inside.
fn framed(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16, title: String, theme: &Theme) -> Rect {
    let outer = popup(frame, area, w, h);
    let block = super::pane_block(title, true, theme);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    frame.buffer_mut().set_style(inner, theme.base);
    inner
}

/// The label prompt: the field, then the labels in use that fit what is typed,
/// `✓` on those every target already has (Enter removes those).
pub fn draw_labels(frame: &mut Frame<'_>, area: Rect, state: &AppState, p: &LabelPrompt, theme: &Theme) {
    let candidates = p.candidates(&state.review.labels);
    let h = u16::try_from(candidates.len().min(8)).unwrap_or(8) + 4;
    let n = p.targets.len();
    let title = format!(" Label {n} article{} ", if n == 1 { "" } else { "s" });
    let inner = framed(frame, area, 60, h, title, theme);
    let field_area = Rect { height: 1, ..inner };
    let mut field = p.input.clone();
    field.set_style(theme.base);
    field.set_cursor_style(theme.base.add_modifier(Modifier::REVERSED));
    field.set_placeholder_style(theme.dim);
    frame.render_widget(&field, field_area);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(Span::styled("─".repeat(width), theme.border))];
    if candidates.is_empty() {
        let typed = field_text(&p.input);
        let note = if typed.trim().is_empty() { "no label yet" } else { "a new label" };
        lines.push(Line::from(Span::styled(note, theme.dim)));
    }
    for c in candidates.iter().take(8) {
        let all = p.targets.iter().all(|d| state.review.states.get(d).is_some_and(|s| s.labels.contains(c)));
        let mark = if all { "✓ " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(mark, theme.star),
            Span::styled(fit(c, width.saturating_sub(2)), theme.label),
        ]));
    }
    let rest = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    frame.render_widget(Paragraph::new(lines), rest);
}

/// The note editor, most of the screen.
pub fn draw_note(frame: &mut Frame<'_>, area: Rect, state: &AppState, n: &NoteEditor, theme: &Theme) {
    let title = state.docs.get(n.doc).map_or(String::new(), |d| fit(d.title(), 50));
    let changed = if n.changed() { " [changed]" } else { "" };
    let w = (area.width * 4 / 5).max(area.width.min(40));
    let h = (area.height * 2 / 3).max(area.height.min(8));
    let inner = framed(frame, area, w, h, format!(" Note: {title}{changed} "), theme);
    let mut t = n.input.clone();
    t.set_style(theme.base);
    t.set_cursor_line_style(Style::default());
    t.set_cursor_style(theme.base.add_modifier(Modifier::REVERSED));
    t.set_placeholder_style(theme.dim);
    let text = Rect { height: inner.height.saturating_sub(1), ..inner };
    frame.render_widget(&t, text);
    let hint = Rect { y: inner.y + inner.height.saturating_sub(1), height: 1, ..inner };
    let keys = "ctrl-s save · esc cancel · enter new line";
    frame.render_widget(Paragraph::new(Span::styled(keys, theme.dim)), hint);
}

/// The `*` menu: how many articles, and which keys apply what to all of them.
pub fn draw_bulk(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let n = state.list.rows.len();
    let title = format!(" Apply to all {n} article{} of the filter ", if n == 1 { "" } else { "s" });
    let inner = framed(frame, area, 56, 7, title, theme);
    let entry = |key: &'static str, what: &'static str| {
        Line::from(vec![Span::styled(format!(" {key:<6}"), theme.status_key), Span::styled(what, theme.base)])
    };
    let lines = vec![
        entry("x", "mark read (unread if all are read)"),
        entry("s", "star (unstar if all are starred)"),
        entry("l", "add or remove a label"),
        entry("esc", "cancel"),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A yes/no question.
pub fn draw_confirm(frame: &mut Frame<'_>, area: Rect, q: &Question, theme: &Theme) {
    let text = match q {
        Question::DiscardNote => "Discard the changes to this note?",
    };
    let inner = framed(frame, area, 44, 4, " Confirm ".into(), theme);
    let lines = vec![
        Line::from(Span::styled(text, theme.base)),
        Line::from(vec![
            Span::styled("y", theme.status_key),
            Span::styled(" discard   ", theme.base),
            Span::styled("n", theme.status_key),
            Span::styled(" keep editing", theme.base),
        ]),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The marks of a list row: unread dot, star (two columns each, blank when not set).
#[must_use]
pub fn row_marks(st: Option<&ReviewState>, theme: &Theme) -> Vec<Span<'static>> {
    let read = st.is_some_and(|s| s.read);
    let starred = st.is_some_and(|s| s.starred);
    vec![
        Span::styled(if read { " " } else { "•" }, theme.unread),
        Span::styled(if starred { "★" } else { " " }, theme.star),
    ]
}

/// The labels as `#a #b`, cut to `width` (empty when there are none).
#[must_use]
pub fn labels_text(st: Option<&ReviewState>, width: usize) -> String {
    let Some(st) = st.filter(|s| !s.labels.is_empty()) else { return String::new() };
    let all: Vec<String> = st.labels.iter().map(|l| format!("#{l}")).collect();
    fit(&all.join(" "), width)
}
