//! What the review state holds for each article, and the actions that change it.

use serde::Serialize;

use super::key::{ArticleKey, key_of};
use crate::corpus::Document;

/// The review state of one article. The default is an article nobody reviewed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReviewState {
    /// Whether the analyst has read it.
    pub read: bool,
    /// Whether it matters (starred).
    pub starred: bool,
    /// Its labels, sorted, without duplicates.
    pub labels: Vec<String>,
    /// A free-text note (multi-line), or none.
    pub note: Option<String>,
}

impl ReviewState {
    /// Whether anything was recorded (read, starred, labelled or noted).
    #[must_use]
    pub fn is_reviewed(&self) -> bool {
        self.read || self.starred || !self.labels.is_empty() || self.note.is_some()
    }
}

/// The states of several articles; an article nobody reviewed may be absent.
pub type States = std::collections::HashMap<ArticleKey, ReviewState>;

/// One review action, applied to one or more articles in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Marks read (`true`) or unread.
    SetRead(bool),
    /// Stars or unstars.
    SetStarred(bool),
    /// Adds a label (trimmed; an empty label is refused).
    AddLabel(String),
    /// Removes a label.
    RemoveLabel(String),
    /// Sets the note; `None` (or blank text) removes it.
    SetNote(Option<String>),
}

impl Action {
    /// The action with its text normalised: labels trimmed, a blank note removed.
    ///
    /// # Errors
    /// A message when a label is empty or holds a line break.
    pub(crate) fn normalised(&self) -> Result<Self, String> {
        let label = |l: &str| {
            let l = l.trim();
            if l.is_empty() {
                Err("a label cannot be empty".to_string())
            } else if l.contains(['\n', '\r']) {
                Err("a label cannot hold a line break".to_string())
            } else {
                Ok(l.to_string())
            }
        };
        Ok(match self {
            Self::AddLabel(l) => Self::AddLabel(label(l)?),
            Self::RemoveLabel(l) => Self::RemoveLabel(label(l)?),
            Self::SetNote(n) => Self::SetNote(n.as_ref().filter(|n| !n.trim().is_empty()).cloned()),
            other => other.clone(),
        })
    }
}

/// An article as the state remembers it: its key and its last known whereabouts,
/// so that `export` works from the state alone, without the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    /// The content hash.
    pub key: ArticleKey,
    /// The last path it was seen at (`Document::path`).
    pub path: String,
    /// Its title.
    pub title: String,
    /// Its date (ISO prefix), if known.
    pub date: Option<String>,
    /// Its source, if known.
    pub source: Option<String>,
}

impl From<&Document> for ArticleMeta {
    fn from(d: &Document) -> Self {
        Self {
            key: key_of(d),
            path: d.path.clone(),
            title: d.title().to_string(),
            date: d.date().map(str::to_string),
            source: d.source().map(str::to_string),
        }
    }
}

/// An article with its review state, as `export` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where and what the article is.
    pub meta: ArticleMeta,
    /// What the analyst recorded.
    pub state: ReviewState,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_normalised() {
        assert_eq!(Action::AddLabel("  urgent ".into()).normalised(), Ok(Action::AddLabel("urgent".into())));
        assert!(Action::AddLabel("   ".into()).normalised().is_err());
        assert!(Action::RemoveLabel("a\nb".into()).normalised().is_err());
        assert_eq!(Action::SetNote(Some(" \n ".into())).normalised(), Ok(Action::SetNote(None)));
        assert_eq!(Action::SetNote(Some("x".into())).normalised(), Ok(Action::SetNote(Some("x".into()))));
    }

    #[test]
    fn reviewed_means_anything_recorded() {
        assert!(!ReviewState::default().is_reviewed());
        assert!(ReviewState { labels: vec!["a".into()], ..Default::default() }.is_reviewed());
        assert!(ReviewState { note: Some("n".into()), ..Default::default() }.is_reviewed());
    }
}
