//! Snapshots of each widget and of the whole screen, drawn into ratatui's
//! in-memory backend from the demo corpus and from fixtures of our own (never
//! from the seed articles), plus checks of the styles snapshots cannot see.

use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kiosque::app::keymap::Keymap;
use kiosque::app::search::{Cancel, Found, Highlights, Searcher, View, ViewStatus};
use kiosque::app::state::AppState;
use kiosque::app::update::{Effect, Msg, update};
use kiosque::corpus::{self, Document};
use kiosque::entities::{EntityKind, Mention};
use kiosque::ui::{self, theme::Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

/// A test double for the filter engine: a document matches when its title
/// contains the query; the match is highlighted in the title and the text.
struct TitleContains(Vec<(String, String)>);

impl Searcher for TitleContains {
    fn search(&self, query: &str, _cancel: &Cancel) -> Option<Result<Found, String>> {
        let hits: Vec<usize> = (0..self.0.len()).filter(|&i| self.0[i].0.contains(query)).collect();
        Some(Ok(Found { total_matched: hits.len(), hits }))
    }

    fn highlights(&self, doc: usize, query: &str) -> Highlights {
        let all = |s: &str| s.match_indices(query).map(|(i, m)| i..i + m.len()).collect();
        Highlights { title: all(&self.0[doc].0), text: all(&self.0[doc].1) }
    }

    fn view_status(&self, view: &View, cancel: &Cancel) -> Option<ViewStatus> {
        let found = self.search(&view.query, cancel)?.ok()?;
        Some(ViewStatus {
            count: found.total_matched,
            new: found.total_matched - view.seen.len().min(found.total_matched),
        })
    }
}

/// Our own article with every kind of line and awkward characters.
fn fixture() -> Document {
    let text = "Harbour cranes return to Port Valmer\n\n\
        Dockworkers in Port Valmer restarted the cranes on Monday after a week of repairs, \
        said harbour master Ines Dalgaard.\n\n\
        WHAT CHANGES NOW\n\n\
        • Night shifts resume on Wednesday\n\
        • Ferries to Skarn leave from quay 4 again, with tickets at €12 for adults and children alike\n\n\
        Cargo worth 3 million euros waited at anchor. 港の関係者も視察した 🚢 and left.\n\n\
        A scraped line with an escape \u{1b}[2J and a bidi \u{202e}override inside.\n\n\
        Photo : Lena Hart\n";
    let doc = corpus::parse_article("fixture/cranes.txt", text.to_string());
    let mention = |needle: &str, kind| {
        let start = doc.text.find(needle).unwrap();
        Mention::new(&doc.text, start, start + needle.len(), kind, needle)
    };
    let mut mentions = vec![
        mention("Port Valmer restarted", EntityKind::Loc),
        mention("Monday", EntityKind::Date),
        mention("Ines Dalgaard", EntityKind::Per),
        mention("Skarn", EntityKind::Loc),
        mention("€12", EntityKind::Money),
        mention("3 million euros", EntityKind::Money),
    ];
    let port = mentions[0].start();
    // The span is cut short of its canonical name.
    mentions[0] =
        Mention::new(&doc.text, port, port + "Port Valmer".len(), EntityKind::Loc, "Port Valmer restarted");
    doc.entities.set(mentions).unwrap();
    doc
}

/// The app over `docs`, loaded, at `w` × `h`.
fn app(docs: Vec<Document>, w: u16, h: u16) -> AppState {
    let texts = docs.iter().map(|d| (d.title().to_string(), d.text.clone())).collect();
    let mut s = AppState::new(Keymap::default(), w, h);
    // As the loop feeds them: a batch with its review keys, the end of the load, an engine.
    update(&mut s, kiosque::app::worker::loader::batch(docs));
    update(&mut s, Msg::LoadDone);
    let version = s.version;
    update(&mut s, Msg::Engine { version, searcher: Arc::new(TitleContains(texts)) });
    s
}

fn key(s: &mut AppState, code: KeyCode) -> Vec<Effect> {
    update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

/// Types `text` and runs the searches it asks for, as the filter worker would.
fn type_and_search(s: &mut AppState, text: &str) {
    for c in text.chars() {
        for e in key(s, KeyCode::Char(c)) {
            if let Effect::Search { generation, query } = e {
                let result = s.searcher.clone().unwrap().search(&query, &Cancel::new()).unwrap();
                update(s, Msg::Filtered { generation, query, result, complete: true });
            }
        }
    }
}

fn dark() -> Theme {
    Theme::builtin("dark").unwrap()
}

/// The whole screen.
fn screen(s: &AppState, theme: &Theme) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).unwrap();
    t.draw(|f| ui::draw(f, s, theme)).unwrap();
    t
}

/// One widget alone, drawn into a terminal of `w` × `h`.
fn widget(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame<'_>, Rect)) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, f.area())).unwrap();
    t
}

#[test]
fn demo_wide() {
    let s = app(corpus::demo(), 120, 40);
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

#[test]
fn demo_narrow_stacks_the_panes() {
    let mut s = app(corpus::demo(), 80, 24);
    key(&mut s, KeyCode::Char('j'));
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

#[test]
fn list_widget_with_filter_matches() {
    let mut s = app(corpus::demo(), 120, 14);
    key(&mut s, KeyCode::Char('/'));
    type_and_search(&mut s, "port");
    key(&mut s, KeyCode::Enter);
    let theme = dark();
    let t = widget(60, 6, |f, area| ui::list::draw(f, area, &s, &theme));
    insta::assert_snapshot!(t.backend());
    let cell = t.backend().buffer().content().iter().find(|c| c.style().fg == theme.filter_match.fg);
    assert!(cell.is_some(), "the match in a title is drawn in the match style");
}

#[test]
fn reader_widget_wraps_and_styles_lines() {
    let s = app(vec![fixture()], 64, 60);
    let theme = dark();
    let reader = s.panes().reader;
    let t = widget(64, reader.height, |f, area| ui::reader::draw(f, area, &s, &theme));
    insta::assert_snapshot!(t.backend());
    let buf = t.backend().buffer();
    let text: String = buf.content().iter().map(ratatui::buffer::Cell::symbol).collect();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "escapes and bidi controls never reach the screen"
    );
    assert!(text.contains('\u{241b}'), "an escape is shown as a visible symbol");
}

/// Where `needle` starts on screen.
fn find_cell(t: &Terminal<TestBackend>, needle: &str) -> (u16, u16) {
    let buf = t.backend().buffer();
    let area = buf.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buf[(x, y)].symbol().to_string()).collect();
        if let Some(i) = row.find(needle) {
            let x = row[..i].chars().count();
            return (u16::try_from(x).unwrap(), y);
        }
    }
    panic!("{needle} not on screen");
}

#[test]
fn mentions_are_drawn_in_their_kind_style_and_e_turns_them_off() {
    let mut s = app(vec![fixture()], 100, 30);
    let theme = dark();
    let t = screen(&s, &theme);
    let (x, y) = find_cell(&t, "Dalgaard");
    assert_eq!(t.backend().buffer()[(x, y)].style().fg, theme.entity(EntityKind::Per).fg);
    let (x, y) = find_cell(&t, "Skarn");
    assert_eq!(t.backend().buffer()[(x, y)].style().fg, theme.entity(EntityKind::Loc).fg);
    key(&mut s, KeyCode::Char('e'));
    let t = screen(&s, &theme);
    let (x, y) = find_cell(&t, "Dalgaard");
    assert_eq!(t.backend().buffer()[(x, y)].style().fg, theme.base.fg);
}

#[test]
fn mentions_in_the_title_are_drawn_too() {
    let doc = fixture();
    let mut mentions = doc.entities.get().unwrap().clone();
    let at = doc.text.find("Valmer").unwrap();
    assert!(at < doc.title().len(), "the fixture's title names the port");
    mentions.insert(0, Mention::new(&doc.text, at, at + 6, EntityKind::Org, ""));
    let doc = corpus::parse_article("fixture/cranes.txt", doc.text.clone());
    doc.entities.set(mentions).unwrap();
    let s = app(vec![doc], 100, 30);
    let theme = dark();
    let t = screen(&s, &theme);
    let (x, y) = find_cell(&t, "Valmer");
    assert_eq!(t.backend().buffer()[(x, y)].style().fg, theme.entity(EntityKind::Org).fg);
}

#[test]
fn the_current_mention_stands_out() {
    let mut s = app(vec![fixture()], 100, 30);
    let theme = dark();
    key(&mut s, KeyCode::Char(']'));
    key(&mut s, KeyCode::Char(']'));
    let t = screen(&s, &theme);
    let (x, y) = find_cell(&t, "Monday");
    assert_eq!(t.backend().buffer()[(x, y)].style().bg, theme.current.bg);
}

#[test]
fn no_colour_keeps_mentions_visible() {
    let s = app(vec![fixture()], 100, 30);
    let theme = dark().without_colour();
    let t = screen(&s, &theme);
    let (x, y) = find_cell(&t, "Dalgaard");
    let style = t.backend().buffer()[(x, y)].style();
    assert!(matches!(style.fg, None | Some(Color::Reset)));
    assert!(style.add_modifier.contains(Modifier::UNDERLINED | Modifier::BOLD));
}

#[test]
fn filter_bar_while_typing_shows_matches_over_total() {
    let mut s = app(corpus::demo(), 80, 3);
    key(&mut s, KeyCode::Char('/'));
    type_and_search(&mut s, "Le ");
    let theme = dark();
    let t = widget(80, 1, |f, area| ui::filter_bar::draw(f, area, &s, &theme));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn find_prompt_counts_occurrences() {
    let mut s = app(vec![fixture()], 80, 30);
    key(&mut s, KeyCode::Char('f'));
    for c in "an".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    let theme = dark();
    let t = widget(80, 1, |f, area| ui::filter_bar::draw(f, area, &s, &theme));
    insta::assert_snapshot!("find_prompt", t.backend());
    key(&mut s, KeyCode::Enter);
    key(&mut s, KeyCode::Char('n'));
    key(&mut s, KeyCode::Char('n'));
    let t = widget(120, 1, |f, area| ui::status::draw(f, area, &s, &theme));
    insta::assert_snapshot!("find_status", t.backend());
}

#[test]
fn status_bar_counts_warnings() {
    let mut s = app(corpus::demo(), 120, 3);
    s.warnings = 2;
    let theme = dark();
    let t = widget(120, 1, |f, area| ui::status::draw(f, area, &s, &theme));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_lists_every_action_and_filters() {
    let mut s = app(corpus::demo(), 100, 34);
    key(&mut s, KeyCode::Char('?'));
    let theme = dark();
    insta::assert_snapshot!("help_all", screen(&s, &theme).backend());
    for c in "filter".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    insta::assert_snapshot!("help_filtered", screen(&s, &theme).backend());
}

#[test]
fn views_overlay_lists_names_queries_and_figures() {
    let mut s = app(corpus::demo(), 100, 16);
    s.views.views.save_view("harbours", "port").unwrap();
    s.views.views.save_view("alliance", "Otan").unwrap();
    let fx = key(&mut s, KeyCode::Char('V'));
    let Some(Effect::ViewStatuses { generation, views }) = fx.into_iter().next() else {
        panic!("no request")
    };
    let first = s.searcher.clone().unwrap().view_status(&views[0], &Cancel::new());
    update(&mut s, Msg::ViewStatuses { generation, statuses: vec![first, None] });
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

#[test]
fn naming_a_view_happens_in_the_bar_and_no_view_gives_a_hint() {
    let mut s = app(corpus::demo(), 100, 12);
    key(&mut s, KeyCode::Char('V'));
    insta::assert_snapshot!("views_empty", screen(&s, &dark()).backend());
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Char('/'));
    type_and_search(&mut s, "port");
    update(&mut s, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    for c in "harbours".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    let theme = dark();
    let t = widget(100, 1, |f, area| ui::filter_bar::draw(f, area, &s, &theme));
    insta::assert_snapshot!("view_name_prompt", t.backend());
}

#[test]
fn legend_shows_each_kind_in_its_style() {
    let theme = dark();
    let line = ui::legend::legend(&theme, true);
    let styled: Vec<_> = line.spans.iter().filter(|s| !s.content.trim().is_empty()).collect();
    assert_eq!(styled.len(), 7);
    for (span, kind) in styled.iter().zip(kiosque::entities::EntityKind::ALL) {
        assert_eq!(span.style, theme.entity(kind), "{}", span.content);
    }
}

#[test]
fn every_theme_draws_the_demo() {
    for (name, _) in ui::theme::BUILTIN {
        let s = app(corpus::demo(), 120, 40);
        let t = screen(&s, &Theme::builtin(name).unwrap());
        let (x, y) = find_cell(&t, "Articles");
        assert!(x < 10 && y == 0, "{name}");
    }
}

#[test]
fn tiny_and_odd_terminal_sizes_draw_without_panicking() {
    let theme = dark();
    for (w, h) in [(1, 1), (2, 2), (5, 3), (12, 4), (20, 6), (39, 9), (99, 7), (100, 3), (300, 80)] {
        let mut s = app(vec![fixture()], w, h);
        let check = |s: &AppState, what: &str| {
            let t = screen(s, &theme);
            assert_eq!(t.backend().buffer().area, Rect::new(0, 0, w, h), "{what} at {w}x{h}");
        };
        check(&s, "panes");
        key(&mut s, KeyCode::Char(']'));
        key(&mut s, KeyCode::Char('G'));
        check(&s, "scrolled");
        key(&mut s, KeyCode::Char('?'));
        check(&s, "help");
        key(&mut s, KeyCode::Esc);
        key(&mut s, KeyCode::Char('V'));
        check(&s, "views");
        key(&mut s, KeyCode::Esc);
        key(&mut s, KeyCode::Char('f'));
        key(&mut s, KeyCode::Char('a'));
        check(&s, "find");
    }
}

/// The demo app with review states as the worker would report them: the first
/// article read and starred, the second labelled, the third noted.
fn reviewed_demo(w: u16, h: u16) -> AppState {
    use kiosque::review::{self, Reply, ReviewState};
    let mut s = app(corpus::demo(), w, h);
    let keys: Vec<_> = s.docs.iter().map(review::key_of).collect();
    let states = [
        (0, ReviewState { read: true, starred: true, ..ReviewState::default() }),
        (1, ReviewState { labels: vec!["energy".into(), "report".into()], ..ReviewState::default() }),
        (2, ReviewState { read: true, note: Some("check the figures".into()), ..ReviewState::default() }),
    ];
    let map = states.into_iter().map(|(d, st)| (keys[d].clone(), st)).collect();
    update(&mut s, Msg::Review(Reply::States(Ok(map))));
    let labels = vec!["energy".to_string(), "eu".to_string(), "report".to_string()];
    update(&mut s, Msg::Review(Reply::Labels(Ok(labels))));
    s
}

#[test]
fn list_shows_review_marks_and_the_range_selection() {
    let mut s = reviewed_demo(120, 14);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('v'));
    key(&mut s, KeyCode::Char('j'));
    let theme = dark();
    let t = widget(70, 7, |f, area| ui::list::draw(f, area, &s, &theme));
    insta::assert_snapshot!(t.backend());
    let has = |sym: &str, style: ratatui::style::Style| {
        t.backend().buffer().content().iter().any(|c| c.symbol() == sym && c.style().fg == style.fg)
    };
    assert!(has("★", theme.star), "the star in its style");
    assert!(has("•", theme.unread), "the unread mark in its style");
}

#[test]
fn reader_meta_line_shows_review_marks() {
    let s = reviewed_demo(120, 30);
    let t = screen(&s, &dark());
    let text: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("✓ read · ★ starred"), "read and starred in the meta line");
}

#[test]
fn label_prompt_completes_from_the_labels_in_use() {
    let mut s = reviewed_demo(100, 24);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('l'));
    key(&mut s, KeyCode::Char('e'));
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

#[test]
fn note_editor_and_its_discard_question() {
    let mut s = reviewed_demo(100, 24);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('a'));
    key(&mut s, KeyCode::Enter);
    for c in "and the dates".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    insta::assert_snapshot!("note_editor", screen(&s, &dark()).backend());
    key(&mut s, KeyCode::Esc);
    insta::assert_snapshot!("note_discard_question", screen(&s, &dark()).backend());
}

#[test]
fn apply_to_filter_menu_says_how_many() {
    let mut s = reviewed_demo(100, 24);
    key(&mut s, KeyCode::Char('*'));
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

/// The demo app with every article's entities found by the built-in recognizer.
fn annotated_demo(w: u16, h: u16) -> AppState {
    let s = app(corpus::demo(), w, h);
    let recognizer = kiosque::entities::Recognizer::builtin();
    for d in s.docs.iter() {
        let _ = d.entities.set(recognizer.extract(&d.text));
    }
    s
}

/// Answers the lookups requests in `fx` (facets, timelines) as the background threads would.
fn compute_lookups(s: &mut AppState, fx: Vec<Effect>) {
    for e in fx {
        match e {
            Effect::Lookups { generation, rows } => {
                let facets = kiosque::lookups::facets(&s.docs, &rows, 8);
                let timeline = kiosque::lookups::timeline(&s.docs, &rows);
                let more = update(s, Msg::Lookups { generation, facets, timeline });
                compute_lookups(s, more);
            }
            Effect::EntityTimelines { generation, keys } => {
                let timelines = kiosque::lookups::entity_timelines(&s.docs, &keys);
                update(s, Msg::EntityTimelines { generation, keys, timelines });
            }
            _ => {}
        }
    }
}

#[test]
fn entity_panel_with_quotes_and_facets() {
    let mut s = annotated_demo(110, 44);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('E'));
    compute_lookups(&mut s, fx);
    let t = screen(&s, &dark());
    let text: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains('“'), "a quote under its speaker");
    insta::assert_snapshot!(t.backend());
}

#[test]
fn entity_panel_timeline_marked_name_and_kind_chooser() {
    let mut s = annotated_demo(110, 36);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('E'));
    compute_lookups(&mut s, fx);
    key(&mut s, KeyCode::Char('m'));
    // Past the marked name's quote, to the next name.
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    let t = screen(&s, &dark());
    let text: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("of the corpus, per month"), "the selected name's timeline");
    assert!(text.contains("◆ marked") && text.contains("suppress") && text.contains("merge into marked"));
    insta::assert_snapshot!("entity_panel_timeline_and_keys", t.backend());
    key(&mut s, KeyCode::Char('K'));
    insta::assert_snapshot!("entity_panel_kind_chooser", screen(&s, &dark()).backend());
}

#[test]
fn related_panel_groups_and_shares() {
    let mut s = annotated_demo(110, 30);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('r'));
    assert_eq!(fx, vec![Effect::Related(2)]);
    let items = kiosque::lookups::related(&s.docs, 2, 10);
    update(&mut s, Msg::Related { doc: 2, items });
    insta::assert_snapshot!(screen(&s, &dark()).backend());
}

#[test]
fn timeline_marks_the_open_article() {
    let mut s = annotated_demo(110, 40);
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('j'));
    let fx = key(&mut s, KeyCode::Char('t'));
    compute_lookups(&mut s, fx);
    let t = screen(&s, &dark());
    let text: String = t.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("▶2024-06"), "the open article's month is marked");
    insta::assert_snapshot!(t.backend());
}
