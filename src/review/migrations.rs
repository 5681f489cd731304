//! The schema of the state file and how an older one is brought up to date.
//!
//! The version lives in `PRAGMA user_version`. Each migration runs in the same
//! transaction as the version bump, so a crash leaves either the old schema or the
//! new one, never half of it. Migrations only add: no step drops user data.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order: entry `i` brings version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: articles keyed by content hash, with their last known whereabouts, and labels.
    "CREATE TABLE articles (
         key     TEXT PRIMARY KEY NOT NULL,
         path    TEXT NOT NULL,
         title   TEXT NOT NULL,
         date    TEXT,
         source  TEXT,
         read    INTEGER NOT NULL DEFAULT 0,
         starred INTEGER NOT NULL DEFAULT 0,
         note    TEXT
     ) STRICT;
     CREATE TABLE labels (
         key   TEXT NOT NULL REFERENCES articles(key),
         label TEXT NOT NULL,
         PRIMARY KEY (key, label)
     ) STRICT, WITHOUT ROWID;",
    // 2: the undo journal: one row per action (which instance did it, what it was, its
    // label or note), one per article it changed holding the field's value before the
    // action; and an index to list articles by label.
    "CREATE TABLE journal (
         id      INTEGER PRIMARY KEY AUTOINCREMENT,
         session TEXT NOT NULL,
         kind    TEXT NOT NULL,
         arg     TEXT,
         undone  INTEGER NOT NULL DEFAULT 0
     ) STRICT;
     CREATE TABLE journal_rows (
         action      INTEGER NOT NULL REFERENCES journal(id),
         key         TEXT NOT NULL,
         was_set     INTEGER NOT NULL,
         note_before TEXT,
         PRIMARY KEY (action, key)
     ) STRICT, WITHOUT ROWID;
     CREATE INDEX labels_by_label ON labels(label);",
];

/// The schema version this build writes.
pub(crate) const VERSION: i64 = MIGRATIONS.len() as i64;

/// What [`migrate`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The schema is current (possibly after migrating).
    Current,
    /// A newer kiosque wrote this file (its version).
    TooNew(i64),
    /// A database with tables of its own but no kiosque schema version.
    Foreign,
}

/// Brings the schema to [`VERSION`], one transaction per step.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<Outcome> {
    migrate_to(conn, VERSION)
}

/// Brings the schema to `target` (tests use it to build an old-version file).
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<Outcome> {
    loop {
        // Read the version inside the write transaction: two instances opening a new
        // file at once must not both run the same step.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > VERSION {
            return Ok(Outcome::TooNew(version));
        }
        if version == 0 {
            let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
            if tables > 0 {
                return Ok(Outcome::Foreign);
            }
        }
        if version >= target {
            return Ok(Outcome::Current);
        }
        let step = usize::try_from(version).expect("version is not negative");
        tx.execute_batch(MIGRATIONS[step])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_new_database_gets_every_step() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), Outcome::Current);
        assert_eq!(version(&conn), VERSION);
        // Running it again changes nothing.
        assert_eq!(migrate(&mut conn).unwrap(), Outcome::Current);
        assert_eq!(version(&conn), VERSION);
    }

    #[test]
    fn a_version_1_database_keeps_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 1).unwrap();
        assert_eq!(version(&conn), 1);
        conn.execute_batch(
            "INSERT INTO articles (key, path, title, read, starred) VALUES ('k', 'a.txt', 'T', 1, 1);
             INSERT INTO labels VALUES ('k', 'urgent');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn), VERSION);
        let (read, label): (bool, String) = conn
            .query_row("SELECT read, label FROM articles JOIN labels USING (key)", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert!(read);
        assert_eq!(label, "urgent");
        let journal: i64 = conn.query_row("SELECT count(*) FROM journal", [], |r| r.get(0)).unwrap();
        assert_eq!(journal, 0);
    }

    #[test]
    fn newer_and_foreign_databases_are_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", VERSION + 5).unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), Outcome::TooNew(VERSION + 5));

        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE mine (x); INSERT INTO mine VALUES (1);").unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), Outcome::Foreign);
        let rows: i64 = conn.query_row("SELECT count(*) FROM mine", [], |r| r.get(0)).unwrap();
        assert_eq!(rows, 1);
        assert_eq!(version(&conn), 0);
    }
}
