//! Everything the screen shows, as plain data: `update` changes it, `ui` draws it
//! from a shared reference.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use ratatui::style::Style;
use tui_textarea::TextArea;

use super::geometry::Panes;
use super::keymap::{Keymap, Mode};
use super::lookups::{EntityPanel, LookupsState, RelatedPanel, RetagChoice};
use super::marks::{LabelPrompt, NoteEditor, Question, ReviewView};
use super::search::{Highlights, Searcher};
use super::wrap::ArticleLayout;
use crate::corpus::Document;
use crate::query::{History, ViewStatus, Views};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    List,
    /// The reader.
    Reader,
}

/// A layer drawn over the panes that takes keys first (topmost first).
#[derive(Debug)]
pub enum Overlay {
    /// Typing in the filter bar.
    Filter,
    /// Typing a find in the article.
    Find,
    /// The help overlay.
    Help(Box<HelpState>),
    /// The saved views, with the selected row.
    Views(usize),
    /// Typing a name to save the filter under.
    ViewName(Box<TextArea<'static>>),
    /// Typing a label to add or remove.
    Labels(Box<LabelPrompt>),
    /// Editing an article's note.
    Note(Box<NoteEditor>),
    /// Choosing a review action for every article of the filter (shows how many).
    Bulk,
    /// A yes/no question.
    Confirm(Question),
    /// The entity panel: the article's entities, quotes, the filter's facets.
    Entities(Box<EntityPanel>),
    /// Related articles.
    Related(Box<RelatedPanel>),
    /// The timeline of the filter, with the selected bar.
    Timeline(usize),
    /// Choosing another kind for an entity of the entity panel.
    Retag(Box<RetagChoice>),
}

/// The saved views and their live figures.
#[derive(Debug, Default)]
pub struct ViewsState {
    /// The views (from `views.toml` in the data dir; saved by the loop on exit).
    pub views: Views,
    /// The views changed since they were loaded.
    pub changed: bool,
    /// Each view's live count and new articles, once computed (same order as `views`).
    pub statuses: Vec<Option<ViewStatus>>,
    /// Numbers the requests for statuses; older answers are dropped.
    pub generation: u64,
    /// The view being opened: its name and query, marked as seen when its search comes back.
    pub opening: Option<(String, String)>,
}

/// The help overlay: its own filter field and scroll.
#[derive(Debug)]
pub struct HelpState {
    /// What to look for among actions, keys and descriptions.
    pub input: TextArea<'static>,
    /// First row shown.
    pub scroll: usize,
}

/// The article list.
#[derive(Debug, Default)]
pub struct ListView {
    /// The documents shown (indices into the corpus), in display order.
    pub rows: Vec<usize>,
    /// The selected row (an index into `rows`).
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
    /// Filter matches in the titles of the rows on screen.
    pub title_matches: HashMap<usize, Vec<Range<usize>>>,
}

/// A position among an article's highlights (mentions, filter matches, finds).
pub type Cursor = Option<usize>;

/// The reader pane.
#[derive(Debug, Default)]
pub struct ReaderView {
    /// The document shown.
    pub doc: Option<usize>,
    /// Its lines for the current width.
    pub layout: ArticleLayout,
    /// The first line on screen.
    pub scroll: usize,
    /// The mention `]`/`[` last jumped to.
    pub mention: Cursor,
    /// Where the applied filter matches this document.
    pub matches: Highlights,
    /// The filter match `n`/`N` last jumped to (titles first, then text).
    pub match_cursor: Cursor,
}

/// The filter bar and what it last asked of the engine.
#[derive(Debug)]
pub struct FilterState {
    /// The text field.
    pub input: TextArea<'static>,
    /// The query whose results the list shows (empty: everything).
    pub applied: String,
    /// The query last sent to the worker.
    pub requested: String,
    /// Numbers every request; results of older ones are dropped.
    pub generation: u64,
    /// A search is running.
    pub searching: bool,
    /// How many documents the applied query matches.
    pub matched: usize,
    /// Why the query is refused (shown in the bar).
    pub error: Option<String>,
    /// What Esc goes back to: the query and list before `/`.
    pub saved: Option<SavedFilter>,
    /// Past queries, walked with ↑/↓ (saved by the loop on exit).
    pub history: History,
    /// The history gained a query since it was loaded.
    pub history_changed: bool,
}

/// The filter as it was when the bar got the focus.
#[derive(Debug, Clone)]
pub struct SavedFilter {
    /// Its text.
    pub text: String,
    /// Its rows.
    pub rows: Vec<usize>,
    /// Its match count.
    pub matched: usize,
    /// The document that was selected.
    pub selected_doc: Option<usize>,
}

/// A find inside the open article.
#[derive(Debug)]
pub struct FindState {
    /// The text field.
    pub input: TextArea<'static>,
    /// Occurrences, byte ranges of the text, in order.
    pub matches: Vec<Range<usize>>,
    /// The occurrence `n`/`N` is on.
    pub current: Cursor,
}

/// The whole application state.
pub struct AppState {
    /// The corpus as loaded so far. A document keeps its index for the whole
    /// session: a changed file's documents are replaced in place, a removed
    /// file's stay behind as tombstones (`gone`), new ones are appended.
    pub docs: Arc<Vec<Document>>,
    /// Documents whose file was removed (or lost records): never shown.
    pub gone: HashSet<usize>,
    /// Bumped whenever `docs` changes, so that an engine built over older
    /// documents is recognised and dropped.
    pub version: u64,
    /// The filter engine over the current documents (none while it is rebuilt).
    pub searcher: Option<Arc<dyn Searcher>>,
    /// The corpus is still loading.
    pub loading: bool,
    /// Inputs (files) read and listed, while loading.
    pub progress: Option<(usize, usize)>,
    /// Documents of the load whose entities came from the parse cache.
    pub restored: usize,
    /// The background entity pass: documents done and in all, while it runs.
    pub annotating: Option<(usize, usize)>,
    /// Warnings while loading (printed on exit).
    pub warnings: usize,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// The article list.
    pub list: ListView,
    /// The reader.
    pub reader: ReaderView,
    /// The filter bar.
    pub filter: FilterState,
    /// The find, while one is active.
    pub find: Option<FindState>,
    /// Layers over the panes, bottom first.
    pub overlays: Vec<Overlay>,
    /// The saved views.
    pub views: ViewsState,
    /// The review state (read, star, labels, notes) as last committed.
    pub review: ReviewView,
    /// Facets and timeline of the filtered set.
    pub lookups: LookupsState,
    /// Entity highlighting is on.
    pub show_entities: bool,
    /// The key bindings (also listed by the help overlay).
    pub keymap: Keymap,
    /// Terminal size.
    pub size: (u16, u16),
    /// Animation frame of the spinner.
    pub spinner: usize,
    /// A one-off note for the status bar.
    pub message: Option<String>,
    /// Something changed since the last draw.
    pub dirty: bool,
    /// The user asked to leave.
    pub quit: bool,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("docs", &self.docs.len())
            .field("focus", &self.focus)
            .field("list", &self.list)
            .field("reader.doc", &self.reader.doc)
            .field("overlays", &self.overlays)
            .finish_non_exhaustive()
    }
}

/// What the empty filter bar suggests.
pub const FILTER_HINT: &str = "type to filter: words, 'exact, ^prefix, !not, per:name, date:2022-11";

/// A single-line text field.
#[must_use]
pub fn text_field(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_cursor_line_style(Style::default());
    t.set_placeholder_text(placeholder);
    t
}

/// The text of a single-line field.
#[must_use]
pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().first().cloned().unwrap_or_default()
}

impl AppState {
    /// A state with no corpus yet, `width` × `height`, with these bindings.
    #[must_use]
    pub fn new(keymap: Keymap, width: u16, height: u16) -> AppState {
        AppState {
            docs: Arc::new(Vec::new()),
            gone: HashSet::new(),
            version: 0,
            searcher: None,
            loading: true,
            progress: None,
            restored: 0,
            annotating: None,
            warnings: 0,
            focus: Focus::List,
            list: ListView::default(),
            reader: ReaderView::default(),
            filter: FilterState {
                input: text_field(FILTER_HINT),
                applied: String::new(),
                requested: String::new(),
                generation: 0,
                searching: false,
                matched: 0,
                error: None,
                saved: None,
                history: History::default(),
                history_changed: false,
            },
            find: None,
            overlays: Vec::new(),
            views: ViewsState::default(),
            review: ReviewView { mark_on_open: true, ..ReviewView::default() },
            lookups: LookupsState::default(),
            show_entities: true,
            keymap,
            size: (width, height),
            spinner: 0,
            message: None,
            dirty: true,
            quit: false,
        }
    }

    /// Where the panes are at the current size.
    #[must_use]
    pub fn panes(&self) -> Panes {
        Panes::new(self.size.0, self.size.1)
    }

    /// The mode keys are looked up in: the topmost overlay's, else the focused pane's.
    #[must_use]
    pub fn mode(&self) -> Mode {
        match self.overlays.last() {
            Some(Overlay::Filter) => Mode::Filter,
            Some(Overlay::Find) => Mode::Find,
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Views(_)) => Mode::Views,
            Some(Overlay::ViewName(_)) => Mode::ViewName,
            Some(Overlay::Labels(_)) => Mode::Labels,
            Some(Overlay::Note(_)) => Mode::Note,
            Some(Overlay::Bulk) => Mode::Bulk,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Entities(_)) => Mode::Entities,
            Some(Overlay::Related(_)) => Mode::Related,
            Some(Overlay::Timeline(_)) => Mode::Timeline,
            Some(Overlay::Retag(_)) => Mode::Retag,
            None => match self.focus {
                Focus::List => Mode::List,
                Focus::Reader => Mode::Reader,
            },
        }
    }

    /// Work is under way off the UI thread (the spinner turns).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.loading || self.filter.searching || self.annotating.is_some() || self.lookups.correcting
    }

    /// The documents still in the corpus, in corpus order: the list without a filter.
    #[must_use]
    pub fn live_rows(&self) -> Vec<usize> {
        (0..self.docs.len()).filter(|d| !self.gone.contains(d)).collect()
    }

    /// How many documents are in the corpus (the tombstones left out).
    #[must_use]
    pub fn live_count(&self) -> usize {
        self.docs.len() - self.gone.len()
    }

    /// The document in the reader.
    #[must_use]
    pub fn open_doc(&self) -> Option<&Document> {
        self.reader.doc.and_then(|d| self.docs.get(d))
    }

    /// The help overlay, when it is on top.
    #[must_use]
    pub fn help(&self) -> Option<&HelpState> {
        match self.overlays.last() {
            Some(Overlay::Help(h)) => Some(h),
            _ => None,
        }
    }
}
