//! Where the state file lives and how it is created: private to its owner.
//!
//! Review notes can be confidential and machines are shared, so the directory is
//! created 0700 and the file 0600 before SQLite ever opens it (SQLite gives its
//! `-wal` and `-shm` files the database file's mode). An existing file is never
//! truncated, replaced or re-permissioned.

use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::ReviewError;

/// The environment variable that overrides the state file (as `--state` does).
pub const STATE_ENV: &str = "KIOSQUE_STATE";

/// The default state file: `state.sqlite3` in kiosque's data directory
/// (e.g. `~/.local/share/kiosque/` on Linux); `None` when there is no home directory.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosque").map(|d| d.data_dir().join("state.sqlite3"))
}

/// The state file to use: `explicit` (`--state`), else `$KIOSQUE_STATE`, else the default.
///
/// # Errors
/// When none is given and the default cannot be determined (no home directory).
pub fn resolve_path(explicit: Option<&Path>) -> Result<PathBuf, ReviewError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(STATE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_path().ok_or_else(|| ReviewError::Io {
        path: PathBuf::from("state.sqlite3"),
        source: std::io::Error::new(
            ErrorKind::NotFound,
            format!("no home directory for the default state file: give --state FILE or set {STATE_ENV}"),
        ),
    })
}

/// Creates the file's directory (0700) and the file itself (0600) when missing.
pub(crate) fn create_private(path: &Path) -> Result<(), ReviewError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|source| ReviewError::Io { path: dir.to_path_buf(), source })?;
    }
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(ReviewError::Io { path: path.to_path_buf(), source }),
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn file_and_directory_are_private() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("a/b/state.sqlite3");
        create_private(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        assert_eq!(mode(&tmp.path().join("a")), 0o700);
    }

    #[test]
    fn an_existing_file_is_left_as_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state.sqlite3");
        std::fs::write(&path, b"user data").unwrap();
        create_private(&path).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"user data");
    }

    #[test]
    fn a_path_below_a_regular_file_is_an_io_error() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("plain");
        std::fs::write(&file, b"x").unwrap();
        let err = create_private(&file.join("state.sqlite3")).unwrap_err();
        assert!(matches!(err, ReviewError::Io { .. }), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }

    #[test]
    fn explicit_path_wins() {
        assert_eq!(resolve_path(Some(Path::new("x.db"))).unwrap(), PathBuf::from("x.db"));
    }
}
