//! Saved searches ("views", like newsboat's query feeds and neomutt's virtual
//! mailboxes): a named query kept in `views.toml` in the data directory, shown
//! with its live count and how many of its articles are new since it was last
//! opened.

use std::collections::HashSet;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::engine::{Cancel, Engine};
use super::parse::{QueryError, parse};

/// One saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    /// What the user called it.
    pub name: String,
    /// The query, as typed.
    pub query: String,
    /// Paths of the articles it matched when last opened (to count new ones).
    #[serde(default)]
    pub seen: Vec<String>,
}

/// A view's live figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewStatus {
    /// Articles matching now.
    pub count: usize,
    /// Of those, how many were not matching when the view was last opened.
    pub new: usize,
}

/// Every saved view, in the order the user made them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Views {
    /// The views (`[[view]]` tables in the file).
    #[serde(default, rename = "view")]
    pub views: Vec<View>,
}

/// Why `views.toml` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ViewsError {
    /// Reading or writing the file.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file is not valid TOML of the expected shape.
    #[error("views.toml: {0}")]
    Format(#[from] toml::de::Error),
    /// Saving a view whose query does not parse.
    #[error("{0}")]
    Query(#[from] QueryError),
}

impl Views {
    /// Reads `views.toml`; a missing file means no views.
    ///
    /// # Errors
    /// An I/O error other than "not found", or a malformed file.
    pub fn load(path: &Path) -> Result<Views, ViewsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(toml::from_str(&text)?),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Views::default()),
            Err(e) => Err(e.into()),
        }
    }

    /// Writes `views.toml` atomically, creating its directory.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn save(&self, path: &Path) -> Result<(), ViewsError> {
        let text = toml::to_string(self).map_err(|e| io::Error::other(e.to_string()))?;
        Ok(crate::atomic_file::write(path, &text)?)
    }

    /// Saves `query` under `name` (replacing a view of that name; its "seen"
    /// list starts empty, so everything counts as new until it is opened).
    ///
    /// # Errors
    /// The query does not parse.
    pub fn save_view(&mut self, name: &str, query: &str) -> Result<(), ViewsError> {
        parse(query)?;
        let view = View { name: name.to_string(), query: query.to_string(), seen: Vec::new() };
        match self.views.iter_mut().find(|v| v.name == name) {
            Some(v) => *v = view,
            None => self.views.push(view),
        }
        Ok(())
    }

    /// Deletes the view called `name`; whether there was one.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.views.len();
        self.views.retain(|v| v.name != name);
        self.views.len() != before
    }

    /// The view called `name`.
    #[must_use]
    pub fn get_mut(&mut self, name: &str) -> Option<&mut View> {
        self.views.iter_mut().find(|v| v.name == name)
    }
}

impl View {
    /// Its live count and number of new articles; `None` when cancelled or
    /// when the saved query no longer parses.
    #[must_use]
    pub fn status(&self, engine: &Engine, cancel: &Cancel) -> Option<ViewStatus> {
        let q = parse(&self.query).ok()?;
        let results = engine.search(&q, cancel)?;
        let seen: HashSet<&str> = self.seen.iter().map(String::as_str).collect();
        let docs = engine.docs();
        let new = results.hits.iter().filter(|h| !seen.contains(docs[h.doc].path.as_str())).count();
        Some(ViewStatus { count: results.total_matched, new })
    }

    /// Remembers what the view matches now: opening it makes nothing new.
    /// Returns `false` (and changes nothing) when cancelled or unparsable.
    pub fn mark_opened(&mut self, engine: &Engine, cancel: &Cancel) -> bool {
        let Some(results) = parse(&self.query).ok().and_then(|q| engine.search(&q, cancel)) else {
            return false;
        };
        let docs = engine.docs();
        self.seen = results.hits.iter().map(|h| docs[h.doc].path.clone()).collect();
        self.seen.sort();
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::corpus::parse_article;

    fn engine(texts: &[&str]) -> Engine {
        let docs =
            texts.iter().enumerate().map(|(i, t)| parse_article(format!("v/{i}.txt"), (*t).to_string()));
        Engine::new(Arc::new(docs.collect()))
    }

    #[test]
    fn live_count_and_new_since_last_opened() {
        let mut views = Views::default();
        views.save_view("port", "port").unwrap();
        let old = engine(&["Le port rouvre\n\nTexte.", "Autre chose\n\nRien."]);
        let v = views.get_mut("port").unwrap();
        assert_eq!(v.status(&old, &Cancel::new()), Some(ViewStatus { count: 1, new: 1 }));
        assert!(v.mark_opened(&old, &Cancel::new()));
        assert_eq!(v.status(&old, &Cancel::new()), Some(ViewStatus { count: 1, new: 0 }));
        let grown = engine(&["Le port rouvre\n\nTexte.", "Autre chose\n\nRien.", "Port fermé\n\nTexte."]);
        assert_eq!(v.status(&grown, &Cancel::new()), Some(ViewStatus { count: 2, new: 1 }));
        let cancelled = Cancel::new();
        cancelled.cancel();
        assert_eq!(v.status(&grown, &cancelled), None);
        assert!(!v.mark_opened(&grown, &cancelled));
    }

    #[test]
    fn save_replace_remove_and_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kiosque/views.toml");
        assert_eq!(Views::load(&path).unwrap(), Views::default());
        let mut views = Views::default();
        views.save_view("kherson", "'Kherson !Iran").unwrap();
        views.save_view("nov", "date:2022-11").unwrap();
        views.save_view("kherson", "kherson").unwrap();
        assert!(matches!(views.save_view("bad", "foo:bar"), Err(ViewsError::Query(_))));
        assert_eq!(
            views.views.iter().map(|v| v.query.as_str()).collect::<Vec<_>>(),
            ["kherson", "date:2022-11"]
        );
        views.get_mut("nov").unwrap().seen = vec!["a.txt".into()];
        views.save(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("[[view]]"), "{text}");
        assert_eq!(Views::load(&path).unwrap(), views);
        assert!(views.remove("nov") && !views.remove("nov"));
        std::fs::write(&path, "view = 3").unwrap();
        assert!(matches!(Views::load(&path), Err(ViewsError::Format(_))));
    }
}
