//! The lookup panels: the entity panel (entities, quotes, facets), related
//! articles and the timeline (a horizontal bar chart, one bar per month, week
//! or day, the open article's bar marked).

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Clear, Paragraph};

use super::spans::fit;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::keymap::Mode;
use crate::app::lookups::{EntityPanel, PanelRow, RelatedPanel, RetagChoice, current_bar};
use crate::app::state::AppState;
use crate::lookups::Monthly;

/// A framed popup taking `w` × `h` of `area` at most, centred; returns its inside.
fn framed(frame: &mut Frame<'_>, area: Rect, w: u16, h: u16, title: String, theme: &Theme) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    let outer = Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    frame.render_widget(Clear, outer);
    let block = super::pane_block(title, true, theme);
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    frame.buffer_mut().set_style(inner, theme.base);
    inner
}

/// The first row to show so that `selected` stays in a window of `height` rows.
fn window_start(selected: usize, height: usize) -> usize {
    selected.saturating_sub(height.saturating_sub(1) / 2)
}

/// The keys of `actions` in `mode` as `key label` hints (unbound ones left out),
/// read from the keymap so that rebinding shows.
fn hints(state: &AppState, mode: Mode, actions: &[(Action, &str)], theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    for (action, label) in actions {
        if let Some(key) = state.keymap.keys_for(mode, *action).first() {
            spans.push(Span::styled(format!(" {key}"), theme.status_key));
            spans.push(Span::styled(format!(" {label} "), theme.dim));
        }
    }
    Line::from(spans)
}

/// The entity panel: the rows, then the selected entity's timeline in the corpus
/// and the keys that filter, copy and correct.
pub fn draw_entities(frame: &mut Frame<'_>, area: Rect, state: &AppState, p: &EntityPanel, theme: &Theme) {
    let title = state.docs.get(p.doc).map_or(String::new(), |d| fit(d.title(), 40));
    let w = (area.width * 3 / 4).max(area.width.min(50));
    let h = area.height.saturating_sub(4).max(area.height.min(10));
    let head = format!(" Entities: {title} · enter filters · E closes ");
    let inner = framed(frame, area, w, h, head, theme);
    let [rows_area, timeline_area, keys_area] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2), Constraint::Length(1)]).areas(inner);
    let width = usize::from(inner.width);
    let height = usize::from(rows_area.height);
    let start = window_start(p.selected, height).min(p.rows.len().saturating_sub(height));
    let marked = state.lookups.marked.as_ref();
    let lines: Vec<Line<'static>> = p
        .rows
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, row)| {
            let sel = if i == p.selected { theme.selected } else { theme.base };
            match row {
                PanelRow::Heading(h) => Line::from(Span::styled(fit(h, width), theme.heading)),
                PanelRow::Entity { kind, name, count } => {
                    let label = kind.label();
                    let mark = if marked.is_some_and(|m| m.0 == *kind && m.1 == *name) {
                        "  ◆ marked"
                    } else {
                        ""
                    };
                    let text = fit(name, width.saturating_sub(16 + mark.chars().count()));
                    Line::from(vec![
                        Span::styled(format!("  {label:<4} "), theme.dim.patch(sel)),
                        Span::styled(text, theme.entity(*kind).patch(sel)),
                        Span::styled(format!("  ×{count}"), theme.dim.patch(sel)),
                        Span::styled(mark, theme.star.patch(sel)),
                    ])
                }
                PanelRow::Quote { text, .. } => Line::from(Span::styled(
                    fit(&format!("         “{text}”"), width),
                    theme.credit.patch(sel),
                )),
                PanelRow::Facet { field, name, count } => Line::from(vec![
                    Span::styled(format!("  {count:>4}  "), theme.filter_match.patch(sel)),
                    Span::styled(fit(name, width.saturating_sub(10 + field.len())), theme.base.patch(sel)),
                    Span::styled(format!("  {field}"), theme.dim.patch(sel)),
                ]),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows_area);
    frame.render_widget(Paragraph::new(entity_timeline(state, p, width, theme)), timeline_area);
    let keys = [
        (Action::LookupAccept, "filter"),
        (Action::CopyArticle, "copy"),
        (Action::SuppressEntity, "suppress"),
        (Action::RetagEntity, "kind"),
        (Action::MarkEntity, "mark"),
        (Action::MergeEntity, "merge into marked"),
    ];
    frame.render_widget(Paragraph::new(hints(state, Mode::Entities, &keys, theme)), keys_area);
}

/// Two lines on the selected entity: what the chart shows, then its articles per
/// month in the whole corpus as a sparkline between the first and last month.
fn entity_timeline(state: &AppState, p: &EntityPanel, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(key) = p.selected_entity() else {
        let what = match p.rows.get(p.selected) {
            Some(PanelRow::Quote { .. }) => "y copies this quote with its speaker and the article's title",
            _ => "select a name of the article for its timeline",
        };
        return vec![Line::from(Span::styled(fit(what, width), theme.dim))];
    };
    let t = match p.timeline_of(&key) {
        Some(Some(t)) => t,
        Some(None) => return vec![Line::from(Span::styled("no dated article in the corpus", theme.dim))],
        None => {
            let what = if state.lookups.correcting {
                "applying the correction…"
            } else {
                "timeline: computing…"
            };
            return vec![Line::from(Span::styled(what, theme.dim))];
        }
    };
    let dated: usize = t.counts.iter().sum();
    let s = if t.total == 1 { "" } else { "s" };
    let about = format!("{}: {} article{s} of the corpus, per month ({dated} dated)", key.1, t.total);
    let bars = sparkline(t, width.saturating_sub(t.first.len() + t.last.len() + 2));
    vec![
        Line::from(Span::styled(fit(&about, width), theme.meta)),
        Line::from(vec![
            Span::styled(format!("{} ", t.first), theme.dim),
            Span::styled(bars, theme.entity(key.0)),
            Span::styled(format!(" {}", t.last), theme.dim),
        ]),
    ]
}

/// One character per month (several months per character when they do not fit
/// in `width`), its height the month's share of the busiest one; `·` for none.
fn sparkline(t: &Monthly, width: usize) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let per = t.counts.len().div_ceil(width.max(1)).max(1);
    let bins: Vec<usize> = t.counts.chunks(per).map(|c| c.iter().sum()).collect();
    let max = bins.iter().copied().max().unwrap_or(0).max(1);
    bins.iter().map(|&n| if n == 0 { '·' } else { LEVELS[(n * 8 - 1) / max] }).collect()
}

/// The kind chooser over the entity panel (`K`).
pub fn draw_retag(frame: &mut Frame<'_>, area: Rect, state: &AppState, r: &RetagChoice, theme: &Theme) {
    let head = format!(" Kind of {} ", fit(&r.entity.1, 30));
    let h = u16::try_from(RetagChoice::KINDS.len()).unwrap_or(4) + 3;
    let inner = framed(frame, area, 44, h, head, theme);
    let mut lines: Vec<Line<'static>> = RetagChoice::KINDS
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let sel = if i == r.selected { theme.selected } else { theme.base };
            let now = if *kind == r.entity.0 { "  (now)" } else { "" };
            Line::from(vec![
                Span::styled(format!("  {:<9}", kind.label()), theme.entity(*kind).patch(sel)),
                Span::styled(now, theme.dim.patch(sel)),
            ])
        })
        .collect();
    lines.push(hints(
        state,
        Mode::Retag,
        &[(Action::LookupAccept, "retag"), (Action::Close, "cancel")],
        theme,
    ));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The related articles: title, shared entities, how many other versions.
pub fn draw_related(frame: &mut Frame<'_>, area: Rect, state: &AppState, p: &RelatedPanel, theme: &Theme) {
    let w = (area.width * 4 / 5).max(area.width.min(50));
    let inner = framed(frame, area, w, 24, " Related articles · enter opens · r closes ".into(), theme);
    let width = usize::from(inner.width);
    let Some(items) = &p.items else {
        frame.render_widget(Paragraph::new(Span::styled("computing…", theme.dim)), inner);
        return;
    };
    if items.is_empty() {
        let note = "No other article shares a named entity with this one.";
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim)), inner);
        return;
    }
    let mut lines = Vec::new();
    for (i, r) in items.iter().enumerate() {
        let Some(doc) = state.docs.get(r.doc) else { continue };
        let sel = if i == p.selected { theme.selected } else { theme.base };
        let date = doc.date().map_or("", |d| d.get(..10).unwrap_or(d));
        let versions = if r.duplicates.is_empty() {
            String::new()
        } else {
            format!(" (+{} version{})", r.duplicates.len(), if r.duplicates.len() == 1 { "" } else { "s" })
        };
        let title_w = width.saturating_sub(12 + versions.len());
        lines.push(Line::from(vec![
            Span::styled(format!("{date:<10}  "), theme.dim.patch(sel)),
            Span::styled(fit(doc.title(), title_w), theme.title.patch(sel)),
            Span::styled(versions, theme.star.patch(sel)),
        ]));
        let shared = format!("            shares: {}", r.shared.join(", "));
        lines.push(Line::from(Span::styled(fit(&shared, width), theme.meta)));
    }
    let height = usize::from(inner.height);
    let start = window_start(p.selected * 2, height).min(lines.len().saturating_sub(height));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(start).collect::<Vec<_>>()), inner);
}

/// The timeline of the filter: one horizontal bar per bucket.
pub fn draw_timeline(frame: &mut Frame<'_>, area: Rect, state: &AppState, selected: usize, theme: &Theme) {
    let Some(t) = &state.lookups.timeline else {
        let inner = framed(frame, area, 40, 3, " Timeline ".into(), theme);
        frame.render_widget(Paragraph::new(Span::styled("computing…", theme.dim)), inner);
        return;
    };
    let per = match t.granularity {
        crate::lookups::Granularity::Day => "day",
        crate::lookups::Granularity::Week => "week",
        crate::lookups::Granularity::Month => "month",
    };
    let undated = if t.undated > 0 { format!(", {} undated", t.undated) } else { String::new() };
    let head = format!(" Timeline of the filter, per {per}{undated} · enter filters · t closes ");
    let w = (area.width * 3 / 4).max(area.width.min(50));
    let h = u16::try_from(t.buckets.len()).unwrap_or(u16::MAX).saturating_add(2).max(3);
    let inner = framed(frame, area, w, h, head, theme);
    if t.buckets.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("no dated article", theme.dim)), inner);
        return;
    }
    let height = usize::from(inner.height);
    let start = window_start(selected, height).min(t.buckets.len().saturating_sub(height));
    let current = current_bar(state);
    let bars: Vec<Bar<'static>> = t
        .buckets
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, b)| {
            let mark = if current == Some(i) { "▶" } else { " " };
            let style = match (i == selected, current == Some(i)) {
                (true, _) => theme.current,
                (false, true) => theme.star,
                _ => theme.filter_match,
            };
            Bar::default()
                .value(b.count as u64)
                .label(Line::from(format!("{mark}{:<10}", b.label)))
                .style(style)
                .value_style(theme.base.patch(style))
                .text_value(b.count.to_string())
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .data(BarGroup::default().bars(&bars))
        .style(theme.base);
    frame.render_widget(chart, inner);
}
