//! Moving around: the list selection, the reader's scroll, and jumps between
//! mentions, filter matches and find occurrences.

use super::Effect;
use crate::app::state::{AppState, Cursor, Focus, Overlay};
use crate::app::wrap::{ArticleLayout, Source};

/// Moves by `delta` rows or lines in whatever has the keys (`isize::MIN`/`MAX`: to an end).
pub(super) fn step(state: &mut AppState, delta: isize, fx: &mut Vec<Effect>) {
    if super::lookups::step(state, delta) {
        return;
    }
    if let Some(Overlay::Views(selected)) = state.overlays.last_mut() {
        let last = state.views.views.views.len().saturating_sub(1);
        *selected = selected.saturating_add_signed(delta).min(last);
        return;
    }
    if let Some(Overlay::Help(h)) = state.overlays.last_mut() {
        // The help never has more rows than there are actions.
        h.scroll = h.scroll.saturating_add_signed(delta).min(crate::app::action::Action::ALL.len());
        return;
    }
    match state.focus {
        Focus::List => move_selection(state, delta, fx),
        Focus::Reader => scroll_reader(state, delta),
    }
}

/// Moves by half the focused pane's height, `dir` ±1.
pub(super) fn page(state: &mut AppState, dir: isize, fx: &mut Vec<Effect>) {
    let panes = state.panes();
    let h = match (state.help().is_some(), state.focus) {
        (true, _) => state.size.1,
        (false, Focus::List) => panes.list_inner().height,
        (false, Focus::Reader) => panes.reader_text().height,
    };
    step(state, dir * isize::try_from((h / 2).max(1)).unwrap_or(1), fx);
}

/// Moves the list selection by `delta` rows (clamped).
pub(super) fn move_selection(state: &mut AppState, delta: isize, fx: &mut Vec<Effect>) {
    let last = state.list.rows.len().saturating_sub(1);
    state.list.selected = state.list.selected.saturating_add_signed(delta).min(last);
    after_list_move(state, fx);
}

/// Scrolls the reader by `delta` lines (clamped).
pub(super) fn scroll_reader(state: &mut AppState, delta: isize) {
    state.reader.scroll = state.reader.scroll.saturating_add_signed(delta).min(max_scroll(state));
}

/// The last useful scroll position of the reader.
fn max_scroll(state: &AppState) -> usize {
    let h = usize::from(state.panes().reader_text().height);
    state.reader.layout.lines.len().saturating_sub(h)
}

/// Shows `rows` instead of the list's rows, keeping the selected document
/// selected and where it was on screen; when it is no longer there, the
/// selection stays on the same row (the next document moved up).
pub(crate) fn set_rows(state: &mut AppState, rows: Vec<usize>, fx: &mut Vec<Effect>) {
    let list = &mut state.list;
    let doc = list.rows.get(list.selected).copied();
    if let Some(row) = doc.and_then(|d| rows.iter().position(|&r| r == d)) {
        let on_screen = list.selected.saturating_sub(list.offset);
        list.selected = row;
        list.offset = row.saturating_sub(on_screen);
    }
    list.rows = rows;
    list.title_matches.clear();
    after_list_move(state, fx);
}

/// After the rows or the selection changed: keep the selection on screen, show
/// the selected article, and find the filter matches of the titles on screen.
pub(crate) fn after_list_move(state: &mut AppState, fx: &mut Vec<Effect>) {
    let rows = state.list.rows.len();
    state.list.selected = state.list.selected.min(rows.saturating_sub(1));
    let h = usize::from(state.panes().list_inner().height).max(1);
    let list = &mut state.list;
    if list.selected < list.offset {
        list.offset = list.selected;
    } else if list.selected >= list.offset + h {
        list.offset = list.selected + 1 - h;
    }
    list.offset = list.offset.min(rows.saturating_sub(h));
    let doc = state.list.rows.get(state.list.selected).copied();
    if doc != state.reader.doc {
        open(state, doc, fx);
    }
    refresh_title_matches(state);
}

/// Shows `doc` in the reader, from its top.
fn open(state: &mut AppState, doc: Option<usize>, fx: &mut Vec<Effect>) {
    state.reader.doc = doc;
    state.reader.scroll = 0;
    state.reader.mention = None;
    state.reader.match_cursor = None;
    state.reader.layout = ArticleLayout::default();
    relayout(state);
    refresh_reader_matches(state);
    super::input::refind(state);
    if let Some(d) = doc {
        fx.push(Effect::Annotate(d));
    }
}

/// Lays the open article out again if the width changed.
pub(crate) fn relayout(state: &mut AppState) {
    let width = state.panes().reader_text().width;
    if let Some(doc) = state.open_doc()
        && (state.reader.layout.width != width || state.reader.layout.lines.is_empty())
    {
        state.reader.layout = ArticleLayout::new(doc, width);
    }
    state.reader.scroll = state.reader.scroll.min(max_scroll(state));
}

/// Recomputes the filter matches in the titles on screen.
pub(crate) fn refresh_title_matches(state: &mut AppState) {
    let Some(searcher) = state.searcher.clone() else { return };
    let query = state.filter.applied.clone();
    if query.trim().is_empty() {
        state.list.title_matches.clear();
        return;
    }
    let h = usize::from(state.panes().list_inner().height);
    let end = (state.list.offset + h).min(state.list.rows.len());
    for &doc in &state.list.rows[state.list.offset..end] {
        state.list.title_matches.entry(doc).or_insert_with(|| searcher.highlights(doc, &query).title);
    }
}

/// Recomputes where the applied filter matches the open article.
pub(crate) fn refresh_reader_matches(state: &mut AppState) {
    state.reader.match_cursor = None;
    state.reader.matches = match (&state.searcher, state.reader.doc) {
        (Some(s), Some(d)) if !state.filter.applied.trim().is_empty() => {
            s.highlights(d, &state.filter.applied)
        }
        _ => Default::default(),
    };
}

/// The next position after `cursor` among `len` (wrapping), or the first/last.
fn cycle(cursor: Cursor, len: usize, forward: bool) -> Cursor {
    if len == 0 {
        return None;
    }
    Some(match (cursor, forward) {
        (None, true) => 0,
        (None, false) => len - 1,
        (Some(i), true) => (i + 1) % len,
        (Some(i), false) => (i + len - 1) % len,
    })
}

/// Scrolls so that byte `at` of `source` is on screen (a third from the top when it was not).
fn reveal(state: &mut AppState, source: Source, at: usize) {
    let Some(line) = state.reader.layout.line_of(source, at) else { return };
    let h = usize::from(state.panes().reader_text().height).max(1);
    if line < state.reader.scroll || line >= state.reader.scroll + h {
        state.reader.scroll = line.saturating_sub(h / 3).min(max_scroll(state));
    }
}

/// `]` / `[`: the next or previous entity mention.
pub(super) fn next_mention(state: &mut AppState, forward: bool) {
    let Some(doc) = state.open_doc() else { return };
    let Some(mentions) = doc.entities.get() else {
        state.message = Some("entities are still being found".into());
        return;
    };
    // The next mention that is on screen somewhere (not in a dropped header line).
    let layout = &state.reader.layout;
    let len = mentions.len();
    let mut cursor = state.reader.mention;
    let found = (0..len).find_map(|_| {
        cursor = cycle(cursor, len, forward);
        cursor.and_then(|i| layout.locate(mentions[i].start()).map(|place| (i, place)))
    });
    let Some((i, (source, at))) = found else {
        state.message = Some("no entity in this article".into());
        return;
    };
    state.show_entities = true;
    state.reader.mention = Some(i);
    reveal(state, source, at);
}

/// `n` / `N`: through the find when one is active, else through the filter's matches.
pub(super) fn next_match(state: &mut AppState, forward: bool) {
    if let Some(find) = &mut state.find {
        find.current = cycle(find.current, find.matches.len(), forward);
        match find.current {
            Some(i) => {
                let at = find.matches[i].start;
                reveal(state, Source::Text, at);
            }
            None => state.message = Some("not found in this article".into()),
        }
        return;
    }
    let m = &state.reader.matches;
    let (titles, len) = (m.title.len(), m.title.len() + m.text.len());
    state.reader.match_cursor = cycle(state.reader.match_cursor, len, forward);
    match state.reader.match_cursor {
        Some(i) if i < titles => {
            let at = state.reader.matches.title[i].start;
            reveal(state, Source::Title, at);
        }
        Some(i) => {
            let at = state.reader.matches.text[i - titles].start;
            reveal(state, Source::Text, at);
        }
        None => state.message = Some("no filter match in this article".into()),
    }
}
