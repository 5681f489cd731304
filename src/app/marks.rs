//! What the reader knows of the review state (read, star, labels, note), as the
//! review worker last reported it, and the overlays that edit it: the label
//! prompt, the note editor, the "apply to the whole filter" menu and the
//! confirmations. Plain data: `update` changes it, `ui` draws it.

use std::collections::{HashMap, VecDeque};

use tui_textarea::TextArea;

use crate::review::{ArticleKey, ReviewState};

/// The review state as committed on disk, by document index.
#[derive(Debug, Default)]
pub struct ReviewView {
    /// Each document's key (content hash), once computed (empty before).
    pub keys: Vec<ArticleKey>,
    /// The documents holding each key (copies of one text share a key).
    pub by_key: HashMap<ArticleKey, Vec<usize>>,
    /// The states the worker reported as committed; absent means never reviewed.
    pub states: HashMap<usize, ReviewState>,
    /// Every label in use, for completion.
    pub labels: Vec<String>,
    /// Where a range selection (`v`) started: a row of the list.
    pub anchor: Option<usize>,
    /// Why nothing can be recorded (the state file is read-only, locked or
    /// corrupt); shown in the status bar while it lasts.
    pub read_only: Option<String>,
    /// Opening an article marks it read (`mark_read_on_open` in `config.toml`).
    pub mark_on_open: bool,
    /// The documents of each action sent and not yet answered, oldest first
    /// (the worker answers in order).
    pub in_flight: VecDeque<Vec<usize>>,
}

impl ReviewView {
    /// The committed state of document `doc` (the default when never reviewed).
    #[must_use]
    pub fn state(&self, doc: usize) -> ReviewState {
        self.states.get(&doc).cloned().unwrap_or_default()
    }

    /// Whether document `doc` is starred.
    #[must_use]
    pub fn starred(&self, doc: usize) -> bool {
        self.states.get(&doc).is_some_and(|s| s.starred)
    }

    /// Whether document `doc` is read.
    #[must_use]
    pub fn read(&self, doc: usize) -> bool {
        self.states.get(&doc).is_some_and(|s| s.read)
    }
}

/// The label prompt: a label to add to (or remove from) some articles.
#[derive(Debug)]
pub struct LabelPrompt {
    /// The text field.
    pub input: TextArea<'static>,
    /// The documents it applies to.
    pub targets: Vec<usize>,
}

impl LabelPrompt {
    /// The known labels that start with what is typed (case-insensitive), in order.
    #[must_use]
    pub fn candidates<'a>(&self, labels: &'a [String]) -> Vec<&'a String> {
        let typed = super::state::field_text(&self.input).trim().to_lowercase();
        labels.iter().filter(|l| l.to_lowercase().starts_with(&typed)).collect()
    }
}

/// The note editor of one article.
#[derive(Debug)]
pub struct NoteEditor {
    /// The multi-line text area.
    pub input: TextArea<'static>,
    /// The note as it was when the editor opened (to know whether Esc loses anything).
    pub original: String,
    /// The document the note belongs to.
    pub doc: usize,
}

impl NoteEditor {
    /// The text typed so far.
    #[must_use]
    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// Whether the text differs from the note it started from.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

/// What a yes/no question leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Close the note editor, losing what was typed.
    DiscardNote,
}
