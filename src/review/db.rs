//! The review store: one SQLite connection to the state file.
//!
//! WAL mode lets the reader of one instance proceed while another writes; the busy
//! timeout makes a writer wait for the other instead of failing at once; every
//! write is one `BEGIN IMMEDIATE` transaction, so two instances never lose each
//! other's read-modify-write; `synchronous = FULL` makes a commit durable before the
//! call returns, so what the UI shows as done survives a crash or a power cut.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::file::create_private;
use super::migrations::{self, Outcome, VERSION};
use super::{ArticleKey, ArticleMeta, Record, ReviewError, ReviewState, States};

/// How long a write waits for another instance's transaction before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The review state of a corpus, shared with any other kiosque on the same file.
pub struct Store {
    pub(super) conn: Connection,
    pub(super) path: PathBuf,
    pub(super) read_only: bool,
    /// Identifies this instance in the undo journal: `undo` only takes back its own actions.
    pub(super) session: String,
    pub(super) busy_timeout: Duration,
    /// The last `PRAGMA data_version` seen, to notice other instances' commits.
    data_version: i64,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).field("read_only", &self.read_only).finish()
    }
}

impl Store {
    /// Opens (creating it 0600, and its directory 0700, when missing) the state file
    /// for reading and writing, migrating an older schema.
    ///
    /// # Errors
    /// [`ReviewError`] saying why: a path that cannot be created, a read-only or
    /// locked file, a corrupt, foreign or too new database. The file is never
    /// deleted or overwritten; see [`Store::open_or_fallback`] for the UI's fallback.
    pub fn open(path: &Path) -> Result<Self, ReviewError> {
        Self::open_with_timeout(path, DEFAULT_BUSY_TIMEOUT)
    }

    /// [`Store::open`] with another busy timeout (tests use a short one).
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_with_timeout(path: &Path, busy_timeout: Duration) -> Result<Self, ReviewError> {
        create_private(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| err(path, e, 0))?;
        let mut store = Self::new(conn, path, false, busy_timeout)?;
        // SQLite silently opens a write-protected file read-only: say so now, not at
        // the first action.
        if store.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Err(ReviewError::ReadOnly { path: path.to_path_buf() });
        }
        // SQLite answers BUSY at once, without its busy handler, when two processes
        // set up a new file together (the switch to WAL mode needs the file to
        // itself): retry the set-up until the busy timeout, as a write would wait.
        let started = std::time::Instant::now();
        loop {
            match store.set_up() {
                Err(ReviewError::Locked { .. }) if started.elapsed() < busy_timeout => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => return Err(e),
                Ok(()) => return Ok(store),
            }
        }
    }

    /// Checks a writable file and brings it to WAL mode and the current schema.
    fn set_up(&mut self) -> Result<(), ReviewError> {
        // Refuse a foreign or newer file before anything (even the journal mode) changes in it.
        self.precheck()?;
        let wal: String =
            self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        if !wal.eq_ignore_ascii_case("wal") {
            let reason = format!("the file system does not allow SQLite's WAL mode (got {wal})");
            return Err(ReviewError::Io { path: self.path.clone(), source: std::io::Error::other(reason) });
        }
        self.conn.pragma_update(None, "synchronous", "FULL").map_err(|e| self.err(e))?;
        self.conn.pragma_update(None, "foreign_keys", true).map_err(|e| self.err(e))?;
        self.check_schema(true)?;
        self.data_version = self.data_version()?;
        Ok(())
    }

    /// Opens the state file read-only: reading works, every action is refused with
    /// [`ReviewError::ReadOnly`]. A file without a schema yet reads as empty.
    ///
    /// # Errors
    /// A missing, corrupt, foreign or unreadable file.
    pub fn open_read_only(path: &Path) -> Result<Self, ReviewError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| err(path, e, 0))?;
        let mut store = Self::new(conn, path, true, DEFAULT_BUSY_TIMEOUT)?;
        if store.version_and_tables()? == (0, 0) {
            // Nothing was ever written: an empty state, still reporting this path.
            let mut empty = Self::open_in_memory()?;
            empty.path = path.to_path_buf();
            empty.read_only = true;
            return Ok(empty);
        }
        store.check_schema(false)?;
        store.data_version = store.data_version()?;
        Ok(store)
    }

    /// A private state in memory (tests, and the last-resort fallback).
    ///
    /// # Errors
    /// Only if SQLite cannot allocate it.
    pub fn open_in_memory() -> Result<Self, ReviewError> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(|e| err(path, e, 0))?;
        let mut store = Self::new(conn, path, false, DEFAULT_BUSY_TIMEOUT)?;
        store.check_schema(true)?;
        Ok(store)
    }

    /// What the reader opens: the state file read-write if possible, else read-only,
    /// else an empty read-only state; with the error that caused the fallback, for
    /// the UI to show. Nothing in the file is ever deleted or overwritten.
    #[must_use]
    pub fn open_or_fallback(path: &Path) -> (Self, Option<ReviewError>) {
        let error = match Self::open(path) {
            Ok(store) => return (store, None),
            Err(e) => e,
        };
        if let Ok(store) = Self::open_read_only(path) {
            return (store, Some(error));
        }
        let mut empty = Self::open_in_memory().expect("an in-memory SQLite database");
        empty.path = path.to_path_buf();
        empty.read_only = true;
        (empty, Some(error))
    }

    fn new(
        conn: Connection,
        path: &Path,
        read_only: bool,
        busy_timeout: Duration,
    ) -> Result<Self, ReviewError> {
        conn.busy_timeout(busy_timeout).map_err(|e| err(path, e, 0))?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            read_only,
            session: format!("{}-{}", std::process::id(), nanos.as_nanos()),
            busy_timeout,
            data_version: 0,
        })
    }

    /// Refuses, without writing anything, a database that is not ours or too new.
    fn precheck(&self) -> Result<(), ReviewError> {
        let (found, tables) = self.version_and_tables()?;
        if found > VERSION {
            return Err(ReviewError::TooNew { path: self.path.clone(), found, known: VERSION });
        }
        if found == 0 && tables > 0 {
            return Err(ReviewError::Foreign { path: self.path.clone() });
        }
        Ok(())
    }

    /// Migrates (when `writable`) or checks the schema version.
    fn check_schema(&mut self, writable: bool) -> Result<(), ReviewError> {
        let found = self.schema_version()?;
        let outcome = if found == VERSION {
            Outcome::Current
        } else if found > VERSION {
            Outcome::TooNew(found)
        } else if !writable {
            // An old schema read-only: the version-1 tables that reading needs are there.
            if found == 0 { Outcome::Foreign } else { Outcome::Current }
        } else {
            migrations::migrate(&mut self.conn).map_err(|e| self.err(e))?
        };
        match outcome {
            Outcome::Current => Ok(()),
            Outcome::TooNew(found) => {
                Err(ReviewError::TooNew { path: self.path.clone(), found, known: VERSION })
            }
            Outcome::Foreign => Err(ReviewError::Foreign { path: self.path.clone() }),
        }
    }

    fn schema_version(&self) -> Result<i64, ReviewError> {
        self.conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// The schema version and the number of schema objects, read in one statement
    /// so that both come from the same snapshot: read apart, another process's
    /// first migration could commit in between and make a new file look foreign.
    fn version_and_tables(&self) -> Result<(i64, i64), ReviewError> {
        self.conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version()), (SELECT count(*) FROM sqlite_schema)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))
    }

    fn data_version(&self) -> Result<i64, ReviewError> {
        self.conn.pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| self.err(e))
    }

    /// Classifies an SQLite error on this store.
    pub(super) fn err(&self, e: rusqlite::Error) -> ReviewError {
        let waited = u64::try_from(self.busy_timeout.as_millis()).unwrap_or(u64::MAX);
        err(&self.path, e, waited)
    }

    /// The state file (`:memory:` for a private state).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether actions are refused (opened read-only, or the fallback).
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Whether another instance committed a change since the last call (or since
    /// opening): cheap (`PRAGMA data_version`, no table read), for the UI to poll
    /// and reload the states it shows only when needed. This store's own writes do
    /// not count: the caller already knows them.
    ///
    /// # Errors
    /// A database error.
    pub fn changed_since_last_check(&mut self) -> Result<bool, ReviewError> {
        let now = self.data_version()?;
        let changed = now != self.data_version;
        self.data_version = now;
        Ok(changed)
    }

    /// The review state of one article (the default when nothing was recorded).
    ///
    /// # Errors
    /// A database error.
    pub fn state(&self, key: &ArticleKey) -> Result<ReviewState, ReviewError> {
        read_state(&self.conn, key).map(Option::unwrap_or_default).map_err(|e| self.err(e))
    }

    /// The states of several articles, read in one snapshot; an article without any
    /// recorded state is absent from the map.
    ///
    /// # Errors
    /// A database error.
    pub fn states(&self, keys: &[ArticleKey]) -> Result<States, ReviewError> {
        let read = || -> rusqlite::Result<_> {
            let tx = self.conn.unchecked_transaction()?;
            let mut map = HashMap::new();
            for key in keys {
                if let Some(state) = read_state(&tx, key)? {
                    map.insert(key.clone(), state);
                }
            }
            Ok(map)
        };
        read().map_err(|e| self.err(e))
    }

    /// Every label in use, sorted (for the label prompt's completion).
    ///
    /// # Errors
    /// A database error.
    pub fn labels(&self) -> Result<Vec<String>, ReviewError> {
        let read = || -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached("SELECT DISTINCT label FROM labels ORDER BY label")?;
            stmt.query_map([], |r| r.get(0))?.collect()
        };
        read().map_err(|e| self.err(e))
    }

    /// Every article the state knows, with its state, by last known path: what
    /// `export` prints when given no paths.
    ///
    /// # Errors
    /// A database error.
    pub fn records(&self) -> Result<Vec<Record>, ReviewError> {
        let read = || -> rusqlite::Result<Vec<Record>> {
            let tx = self.conn.unchecked_transaction()?;
            let mut stmt = tx.prepare(
                "SELECT key, path, title, date, source, read, starred, note FROM articles ORDER BY path, key",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(Record {
                    meta: ArticleMeta {
                        key: ArticleKey::from_stored(r.get(0)?),
                        path: r.get(1)?,
                        title: r.get(2)?,
                        date: r.get(3)?,
                        source: r.get(4)?,
                    },
                    state: ReviewState {
                        read: r.get(5)?,
                        starred: r.get(6)?,
                        labels: Vec::new(),
                        note: r.get(7)?,
                    },
                })
            })?;
            let mut records: Vec<Record> = rows.collect::<rusqlite::Result<_>>()?;
            let mut labels: HashMap<String, Vec<String>> = HashMap::new();
            let mut stmt = tx.prepare("SELECT key, label FROM labels ORDER BY key, label")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
                let (key, label) = row?;
                labels.entry(key).or_default().push(label);
            }
            for r in &mut records {
                r.state.labels = labels.remove(r.meta.key.as_str()).unwrap_or_default();
            }
            Ok(records)
        };
        read().map_err(|e| self.err(e))
    }
}

/// Classifies an SQLite error met on `path`.
fn err(path: &Path, e: rusqlite::Error, waited_ms: u64) -> ReviewError {
    ReviewError::from_sqlite(path, e, waited_ms)
}

/// The recorded state of `key`, or `None` when the state does not know it.
pub(super) fn read_state(conn: &Connection, key: &ArticleKey) -> rusqlite::Result<Option<ReviewState>> {
    let mut stmt = conn.prepare_cached("SELECT read, starred, note FROM articles WHERE key = ?1")?;
    let Some((read, starred, note)) =
        stmt.query_row(params![key.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?
    else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached("SELECT label FROM labels WHERE key = ?1 ORDER BY label")?;
    let labels = stmt.query_map(params![key.as_str()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(ReviewState { read, starred, labels, note }))
}
