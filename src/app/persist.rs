//! What the reader keeps between sessions, in the data dir: the filter history
//! and the saved views. Read before the screen opens, written after it closes;
//! problems become notes printed as warnings, never a lost session.

use std::path::{Path, PathBuf};

use super::state::AppState;
use crate::query::{History, Views};

/// Where the history and the views live, and whether the views file could be read.
#[derive(Debug)]
pub struct Kept {
    history: Option<PathBuf>,
    views: Option<PathBuf>,
    /// A views file that failed to load is never written over.
    views_loaded: bool,
}

impl Kept {
    /// Reads the history and views in `dir` (kiosque's data dir; `None`: keep nothing)
    /// into `state`; a problem is noted in `notes` and shown in the status bar.
    pub fn load(dir: Option<&Path>, state: &mut AppState, notes: &mut Vec<String>) -> Kept {
        let history = dir.map(|d| d.join("history"));
        let views = dir.map(|d| d.join("views.toml"));
        if let Some(p) = &history {
            match History::load(p) {
                Ok(h) => state.filter.history = h,
                Err(e) => notes.push(format!("{}: {e} (history not loaded)", p.display())),
            }
        }
        let mut views_loaded = true;
        if let Some(p) = &views {
            match Views::load(p) {
                Ok(v) => state.views.views = v,
                Err(e) => {
                    views_loaded = false;
                    notes.push(format!("{}: {e} (views not loaded)", p.display()));
                }
            }
        }
        state.message = notes.last().cloned();
        Kept { history, views, views_loaded }
    }

    /// Writes what changed during the session.
    pub fn save(&self, state: &AppState, notes: &mut Vec<String>) {
        if let Some(p) = &self.history
            && state.filter.history_changed
            && let Err(e) = state.filter.history.save(p)
        {
            notes.push(format!("could not save the filter history to {}: {e}", p.display()));
        }
        if let Some(p) = &self.views
            && self.views_loaded
            && state.views.changed
            && let Err(e) = state.views.views.save(p)
        {
            notes.push(format!("could not save the views to {}: {e}", p.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;

    #[test]
    fn history_and_views_survive_a_session() {
        let dir = tempfile::tempdir().unwrap();
        let mut notes = Vec::new();
        let mut s = AppState::new(Keymap::default(), 80, 24);
        let kept = Kept::load(Some(dir.path()), &mut s, &mut notes);
        s.filter.history.push("per:marchand");
        s.filter.history_changed = true;
        s.views.views.save_view("ports", "port").unwrap();
        s.views.changed = true;
        kept.save(&s, &mut notes);
        assert!(notes.is_empty(), "{notes:?}");
        let mut again = AppState::new(Keymap::default(), 80, 24);
        Kept::load(Some(dir.path()), &mut again, &mut notes);
        assert_eq!(again.filter.history.entries(), ["per:marchand"]);
        assert_eq!(again.views.views.views[0].query, "port");
    }

    #[test]
    fn a_broken_views_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("views.toml");
        std::fs::write(&path, "[[view]]\nname = 3\n").unwrap();
        let mut notes = Vec::new();
        let mut s = AppState::new(Keymap::default(), 80, 24);
        let kept = Kept::load(Some(dir.path()), &mut s, &mut notes);
        assert_eq!(notes.len(), 1);
        assert_eq!(s.message, notes.first().cloned());
        s.views.views.save_view("new", "port").unwrap();
        s.views.changed = true;
        kept.save(&s, &mut notes);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "[[view]]\nname = 3\n");
    }
}
