//! What can go wrong with the review state, in words a user can act on.
//!
//! Every fault of the state file (read-only, locked, corrupt, too new, not ours)
//! has its own variant, so that the UI can say what happened and fall back to
//! read-only, and the CLI can exit 2 with a clear message; none of them panics and
//! none of them leads kiosque to delete or overwrite the file.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// An error of the review store.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// The state file or its directory could not be created or opened.
    #[error("cannot open the review state {}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// The file cannot be written (permissions, read-only mount): review actions
    /// are refused, reading still works.
    #[error("the review state {} is read-only: review actions cannot be saved", path.display())]
    ReadOnly {
        /// The state file.
        path: PathBuf,
    },
    /// Another process held the database locked for longer than the busy timeout.
    #[error(
        "the review state {} is locked by another process (waited {waited_ms} ms); try again",
        path.display()
    )]
    Locked {
        /// The state file.
        path: PathBuf,
        /// How long kiosque waited before giving up.
        waited_ms: u64,
    },
    /// The file is not an SQLite database or is damaged; it is left untouched.
    #[error(
        "the review state {} is corrupt or not a database ({detail}); it was left untouched: \
         move it aside or use --state to pick another file",
        path.display()
    )]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// SQLite's own words.
        detail: String,
    },
    /// An SQLite database that kiosque did not create; it is left untouched.
    #[error(
        "{} is an SQLite database but not a kiosque review state; it was left untouched",
        path.display()
    )]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// The schema was written by a newer kiosque: opened read-only at most.
    #[error(
        "the review state {} has schema version {found}, newer than this kiosque knows ({known}); \
         upgrade kiosque",
        path.display()
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its `PRAGMA user_version`.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// The disk (or the quota) is full: the action was not recorded, what was
    /// recorded before is intact.
    #[error("no space left for the review state {}: the last action was not saved", path.display())]
    DiskFull {
        /// The state file.
        path: PathBuf,
    },
    /// An action that cannot be recorded (an empty label...).
    #[error("{0}")]
    Invalid(String),
    /// Any other database error.
    #[error("review state {}: {source}", path.display())]
    Sqlite {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: rusqlite::Error,
    },
}

impl ReviewError {
    /// Classifies an SQLite error met while working on `path`.
    pub(crate) fn from_sqlite(path: &std::path::Path, e: rusqlite::Error, waited_ms: u64) -> Self {
        let path = path.to_path_buf();
        // The shared-memory index could not grow: on a WAL database, that is a full disk.
        let shm_full = matches!(&e, rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE);
        if shm_full {
            return Self::DiskFull { path };
        }
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path, waited_ms },
            Some(ErrorCode::ReadOnly) => Self::ReadOnly { path },
            Some(ErrorCode::DiskFull) => Self::DiskFull { path },
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                Self::Corrupt { path, detail: e.to_string() }
            }
            _ => Self::Sqlite { path, source: e },
        }
    }
}
