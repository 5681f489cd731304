//! Review actions and their undo: each one a single `BEGIN IMMEDIATE` transaction.
//!
//! The journal keeps, per action, the changed field's value before the action for
//! every article it touched, so that undo restores exactly that field, leaves the
//! other fields alone, and leaves the field too when another instance has changed
//! it since (its change is the newer one).

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

use super::db::read_state;
use super::{Action, ArticleKey, ArticleMeta, ReviewError, Store};

/// How many actions the journal keeps (older ones can no longer be undone).
const JOURNAL_KEEP: i64 = 1000;

/// An action taken back by [`Store::undo`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The action that was undone.
    pub action: Action,
    /// The articles it had applied to.
    pub keys: Vec<ArticleKey>,
}

impl Store {
    /// Applies `action` to `articles` (recording their last known path, title, date
    /// and source) in one transaction, committed and durable when this returns: only
    /// then may the UI show the action as done.
    ///
    /// # Errors
    /// [`ReviewError::ReadOnly`] on a read-only store, [`ReviewError::Invalid`] for an
    /// empty label, [`ReviewError::Locked`] when another instance kept the file
    /// locked past the busy timeout; nothing is written then.
    pub fn apply(&mut self, articles: &[ArticleMeta], action: &Action) -> Result<(), ReviewError> {
        let action = action.normalised().map_err(ReviewError::Invalid)?;
        if self.read_only {
            return Err(ReviewError::ReadOnly { path: self.path.clone() });
        }
        let session = self.session.clone();
        let run = |tx: Transaction<'_>| -> rusqlite::Result<()> {
            let (kind, arg) = encode(&action);
            tx.execute(
                "INSERT INTO journal (session, kind, arg) VALUES (?1, ?2, ?3)",
                params![session, kind, arg],
            )?;
            let id = tx.last_insert_rowid();
            for meta in articles {
                remember(&tx, meta)?;
                let (was_set, note_before) = set_field(&tx, &meta.key, &action)?;
                tx.prepare_cached(
                    "INSERT OR IGNORE INTO journal_rows (action, key, was_set, note_before) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, meta.key.as_str(), was_set, note_before])?;
            }
            tx.execute("DELETE FROM journal_rows WHERE action <= ?1", params![id - JOURNAL_KEEP])?;
            tx.execute("DELETE FROM journal WHERE id <= ?1", params![id - JOURNAL_KEEP])?;
            tx.commit()
        };
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(run)
            .map_err(|e| self.err(e))
    }

    /// Takes back this instance's last action not yet undone, restoring the field
    /// it changed on every article it touched; `None` when there is nothing to undo.
    /// Another instance's actions are never undone from here.
    ///
    /// # Errors
    /// As [`Store::apply`].
    pub fn undo(&mut self) -> Result<Option<Undone>, ReviewError> {
        if self.read_only {
            return Err(ReviewError::ReadOnly { path: self.path.clone() });
        }
        let session = self.session.clone();
        let run = |tx: Transaction<'_>| -> rusqlite::Result<Option<Undone>> {
            let last = tx
                .query_row(
                    "SELECT id, kind, arg FROM journal WHERE session = ?1 AND undone = 0 ORDER BY id DESC LIMIT 1",
                    params![session],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)),
                )
                .optional()?;
            let Some((id, kind, arg)) = last else { return Ok(None) };
            let Some(action) = decode(&kind, arg) else {
                let corrupt = rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT);
                return Err(rusqlite::Error::SqliteFailure(
                    corrupt,
                    Some(format!("unknown action {kind:?} in the journal")),
                ));
            };
            let mut stmt =
                tx.prepare("SELECT key, was_set, note_before FROM journal_rows WHERE action = ?1")?;
            let rows = stmt
                .query_map(params![id], |r| {
                    Ok((
                        ArticleKey::from_stored(r.get(0)?),
                        r.get::<_, bool>(1)?,
                        r.get::<_, Option<String>>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            drop(stmt);
            let mut keys = Vec::with_capacity(rows.len());
            for (key, was_set, note_before) in rows {
                keys.push(key.clone());
                if !still_applied(&tx, &key, &action)? {
                    // Another instance changed this field since: theirs is newer, keep it.
                    continue;
                }
                let before = match &action {
                    Action::SetRead(_) => Action::SetRead(was_set),
                    Action::SetStarred(_) => Action::SetStarred(was_set),
                    Action::AddLabel(l) | Action::RemoveLabel(l) if was_set => Action::AddLabel(l.clone()),
                    Action::AddLabel(l) | Action::RemoveLabel(l) => Action::RemoveLabel(l.clone()),
                    Action::SetNote(_) => Action::SetNote(note_before),
                };
                set_field(&tx, &key, &before)?;
            }
            tx.execute("UPDATE journal SET undone = 1 WHERE id = ?1", params![id])?;
            tx.commit()?;
            Ok(Some(Undone { action, keys }))
        };
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .and_then(run)
            .map_err(|e| self.err(e))
    }
}

/// Whether the field `action` set still holds the value it set on `key`.
fn still_applied(tx: &Transaction<'_>, key: &ArticleKey, action: &Action) -> rusqlite::Result<bool> {
    let now = read_state(tx, key)?.unwrap_or_default();
    Ok(match action {
        Action::SetRead(v) => now.read == *v,
        Action::SetStarred(v) => now.starred == *v,
        Action::AddLabel(l) => now.labels.contains(l),
        Action::RemoveLabel(l) => !now.labels.contains(l),
        Action::SetNote(n) => now.note == *n,
    })
}

/// Inserts the article or updates its last known whereabouts.
fn remember(tx: &Transaction<'_>, m: &ArticleMeta) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO articles (key, path, title, date, source) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (key) DO UPDATE SET path = excluded.path, title = excluded.title,
             date = excluded.date, source = excluded.source",
    )?
    .execute(params![m.key.as_str(), m.path, m.title, m.date, m.source])?;
    Ok(())
}

/// Applies `action` to the article `key` (already in `articles`), returning the
/// field's value before: whether it was set (read, starred, label present) and the
/// note.
fn set_field(
    tx: &Transaction<'_>,
    key: &ArticleKey,
    action: &Action,
) -> rusqlite::Result<(bool, Option<String>)> {
    let k = key.as_str();
    let flag = |column: &str, value: bool| -> rusqlite::Result<(bool, Option<String>)> {
        let before: bool = tx
            .prepare_cached(&format!("SELECT {column} FROM articles WHERE key = ?1"))?
            .query_row([k], |r| r.get(0))?;
        tx.prepare_cached(&format!("UPDATE articles SET {column} = ?2 WHERE key = ?1"))?
            .execute(params![k, value])?;
        Ok((before, None))
    };
    let has_label = |label: &str| -> rusqlite::Result<bool> {
        tx.prepare_cached("SELECT 1 FROM labels WHERE key = ?1 AND label = ?2")?.exists([k, label])
    };
    match action {
        Action::SetRead(v) => flag("read", *v),
        Action::SetStarred(v) => flag("starred", *v),
        Action::AddLabel(l) => {
            let before = has_label(l)?;
            tx.prepare_cached("INSERT OR IGNORE INTO labels (key, label) VALUES (?1, ?2)")?
                .execute([k, l])?;
            Ok((before, None))
        }
        Action::RemoveLabel(l) => {
            let before = has_label(l)?;
            tx.prepare_cached("DELETE FROM labels WHERE key = ?1 AND label = ?2")?.execute([k, l])?;
            Ok((before, None))
        }
        Action::SetNote(n) => {
            let before: Option<String> = tx
                .prepare_cached("SELECT note FROM articles WHERE key = ?1")?
                .query_row([k], |r| r.get(0))?;
            tx.prepare_cached("UPDATE articles SET note = ?2 WHERE key = ?1")?.execute(params![k, n])?;
            Ok((before.is_some(), before))
        }
    }
}

/// The journal's words for an action: its kind and its argument (label or note).
fn encode(action: &Action) -> (&'static str, Option<&str>) {
    match action {
        Action::SetRead(true) => ("read", None),
        Action::SetRead(false) => ("unread", None),
        Action::SetStarred(true) => ("star", None),
        Action::SetStarred(false) => ("unstar", None),
        Action::AddLabel(l) => ("label", Some(l)),
        Action::RemoveLabel(l) => ("unlabel", Some(l)),
        Action::SetNote(n) => ("note", n.as_deref()),
    }
}

/// The action a journal row recorded.
fn decode(kind: &str, arg: Option<String>) -> Option<Action> {
    Some(match (kind, arg) {
        ("read", _) => Action::SetRead(true),
        ("unread", _) => Action::SetRead(false),
        ("star", _) => Action::SetStarred(true),
        ("unstar", _) => Action::SetStarred(false),
        ("label", Some(l)) => Action::AddLabel(l),
        ("unlabel", Some(l)) => Action::RemoveLabel(l),
        ("note", n) => Action::SetNote(n),
        _ => return None,
    })
}
