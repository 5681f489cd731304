//! The filter bar's history: past queries, walked with ↑/↓, kept across
//! sessions in a `history` file (one query per line) in the data directory.

use std::io;
use std::path::{Path, PathBuf};

/// Most queries kept.
pub const MAX_HISTORY: usize = 500;

/// kiosque's data directory (`~/.local/share/kiosque` on Linux), where the
/// history and the saved views live; `None` when the system has no home.
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosque").map(|d| d.data_dir().to_path_buf())
}

/// Past queries, oldest first, with a cursor for ↑/↓.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// Index in `entries` being shown; `None` while editing a fresh query.
    cursor: Option<usize>,
    /// What was typed before walking back, given back by ↓ past the newest.
    draft: String,
}

impl History {
    /// Reads a history file; a missing file is an empty history.
    ///
    /// # Errors
    /// Any I/O error but "not found".
    pub fn load(path: &Path) -> io::Result<History> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut h = History::default();
                for line in text.lines() {
                    h.push(line);
                }
                Ok(h)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(History::default()),
            Err(e) => Err(e),
        }
    }

    /// Writes the history (atomically: a temporary file renamed over it),
    /// creating the directory if needed.
    ///
    /// # Errors
    /// Any I/O error.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let mut text = self.entries.join("\n");
        text.push('\n');
        crate::atomic_file::write(path, &text)
    }

    /// Records a query that was run: blank ones are skipped, a repeated one
    /// moves to the end, the oldest go past [`MAX_HISTORY`]. Resets the cursor.
    pub fn push(&mut self, query: &str) {
        let q = query.split_whitespace().collect::<Vec<_>>().join(" ");
        self.cursor = None;
        if q.is_empty() {
            return;
        }
        self.entries.retain(|e| *e != q);
        self.entries.push(q);
        if self.entries.len() > MAX_HISTORY {
            let extra = self.entries.len() - MAX_HISTORY;
            self.entries.drain(..extra);
        }
    }

    /// ↑: the query before the one shown (`current` is kept as the draft when
    /// walking starts); `None` at the oldest.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let at = match self.cursor {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.cursor = Some(at);
        Some(&self.entries[at])
    }

    /// ↓: the query after the one shown, or the draft past the newest; `None`
    /// when not walking.
    pub fn newer(&mut self) -> Option<&str> {
        let at = self.cursor? + 1;
        if at >= self.entries.len() {
            self.cursor = None;
            return Some(&self.draft);
        }
        self.cursor = Some(at);
        Some(&self.entries[at])
    }

    /// The queries, oldest first.
    #[must_use]
    pub fn entries(&self) -> &[String] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_and_down_walk_the_history_and_give_the_draft_back() {
        let mut h = History::default();
        for q in ["otan", "kherson", "  ", "per:choigou", "otan"] {
            h.push(q);
        }
        assert_eq!(h.entries(), ["kherson", "per:choigou", "otan"]);
        assert_eq!(h.newer(), None, "not walking yet");
        assert_eq!(h.older("date:20"), Some("otan"));
        assert_eq!(h.older("ignored"), Some("per:choigou"));
        assert_eq!(h.older(""), Some("kherson"));
        assert_eq!(h.older(""), None, "oldest reached");
        assert_eq!(h.newer(), Some("per:choigou"));
        assert_eq!(h.newer(), Some("otan"));
        assert_eq!(h.newer(), Some("date:20"), "the draft comes back");
        assert_eq!(h.newer(), None);
    }

    #[test]
    fn keeps_at_most_max_and_survives_a_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/history");
        assert_eq!(History::load(&path).unwrap(), History::default());
        let mut h = History::default();
        for i in 0..MAX_HISTORY + 7 {
            h.push(&format!("q{i}\nwith  newline"));
        }
        assert_eq!(h.entries().len(), MAX_HISTORY);
        assert_eq!(h.entries()[0], "q7 with newline");
        h.save(&path).unwrap();
        assert_eq!(History::load(&path).unwrap().entries(), h.entries());
    }

    #[test]
    fn data_dir_is_kiosques() {
        if let Some(d) = data_dir() {
            assert!(d.to_string_lossy().to_lowercase().contains("kiosque"), "{}", d.display());
        }
    }
}
