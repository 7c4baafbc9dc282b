//! The inbox of Telegram updates: stored before Telegram is told we have them, removed when handled.

use sqlx::Row;

use super::{Connection, StoreResult, Transaction};

const OFFSET: &str = "telegram_updates_offset";

/// The `offset` for the next getUpdates: one past the newest update we have stored.
pub async fn updates_offset(conn: &mut Connection) -> StoreResult<i64> {
    let row = sqlx::query("SELECT value FROM bot_state WHERE name = $1").bind(OFFSET).fetch_optional(conn).await?;
    Ok(match row {
        Some(row) => row.try_get::<String, _>("value")?.parse().unwrap_or(0),
        None => 0,
    })
}

/// Stores a batch and moves the offset past it, in one transaction. Updates seen before, and those
/// without a payload (ones the bot ignores), are not stored.
pub async fn save_updates(tx: &mut Transaction, updates: &[(i64, Option<String>)], now: i64) -> StoreResult<usize> {
    let offset = updates_offset(tx).await?;
    let mut saved = 0;
    let mut next_offset = offset;
    for (update_id, payload) in updates {
        next_offset = next_offset.max(update_id + 1);
        let Some(payload) = payload.as_deref().filter(|_| *update_id >= offset) else {
            continue;
        };
        // An update handled before (pushed to a webhook, then offered again by getUpdates) is skipped.
        if save_update(tx, *update_id, payload, now).await? {
            saved += 1;
        }
    }
    if next_offset != offset {
        sqlx::query("INSERT INTO bot_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = $2")
            .bind(OFFSET)
            .bind(next_offset.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(saved)
}

/// A stored update waiting to be handled.
#[derive(Debug, Clone)]
pub struct StoredUpdate {
    pub update_id: i64,
    pub payload: String,
    pub attempts: i64,
}

/// The oldest update not yet handled after `after`: updates are handled one at a time, in order.
pub async fn next_update_after(conn: &mut Connection, after: i64) -> StoreResult<Option<StoredUpdate>> {
    let row = sqlx::query(
        "SELECT update_id, payload, attempts FROM inbound_updates WHERE update_id > $1 ORDER BY update_id LIMIT 1",
    )
    .bind(after)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(StoredUpdate {
            update_id: row.try_get("update_id")?,
            payload: row.try_get("payload")?,
            attempts: row.try_get("attempts")?,
        })
    })
    .transpose()
}

/// Whether the update is still waiting to be handled.
pub async fn is_waiting(conn: &mut Connection, update_id: i64) -> StoreResult<bool> {
    let row = sqlx::query("SELECT update_id FROM inbound_updates WHERE update_id = $1")
        .bind(update_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// Removes a handled update, remembering its id; called inside the transaction that applied its effects.
pub async fn finish_update(conn: &mut Connection, update_id: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO handled_updates (update_id, received_at) \
         SELECT update_id, received_at FROM inbound_updates WHERE update_id = $1 \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM inbound_updates WHERE update_id = $1").bind(update_id).execute(conn).await?;
    Ok(())
}

/// Stores one update, polled or pushed to the webhook, unless it is stored or was handled already
/// (webhook deliveries repeat, and may come out of order). Returns whether it was new.
pub async fn save_update(conn: &mut Connection, update_id: i64, payload: &str, now: i64) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO inbound_updates (update_id, payload, received_at) \
         SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM handled_updates WHERE update_id = $1) \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// Forgets handled update ids received before `before`: Telegram keeps an update for a day at most.
pub async fn forget_handled_before(conn: &mut Connection, before: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM handled_updates WHERE received_at < $1").bind(before).execute(conn).await?;
    Ok(())
}

pub async fn count_failed_attempt(conn: &mut Connection, update_id: i64) -> StoreResult<()> {
    sqlx::query("UPDATE inbound_updates SET attempts = attempts + 1 WHERE update_id = $1")
        .bind(update_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn pending_updates(conn: &mut Connection) -> StoreResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM inbound_updates").fetch_one(conn).await?;
    Ok(row.try_get("n")?)
}

/// How an update kept failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The store (or something it needs) returned an error.
    Error,
    /// The code handling it panicked.
    Panic,
}

impl Failure {
    fn as_str(self) -> &'static str {
        match self {
            Failure::Error => "error",
            Failure::Panic => "panic",
        }
    }
}

/// Moves an update that kept failing out of the way: kept with what kind it was, remembered as
/// handled (so it is not stored again when Telegram offers it again), and gone from the inbox.
pub async fn set_aside(
    conn: &mut Connection,
    update_id: i64,
    telegram_user_id: i64,
    kind: &str,
    failure: Failure,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO set_aside_updates (update_id, telegram_user_id, kind, payload, failure, received_at, set_aside_at) \
         SELECT update_id, $2, $3, payload, $4, received_at, $5 FROM inbound_updates WHERE update_id = $1 \
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(telegram_user_id)
    .bind(kind)
    .bind(failure.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    finish_update(conn, update_id).await
}

/// Updates set aside since `since`.
pub async fn set_aside_since(conn: &mut Connection, since: i64) -> StoreResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM set_aside_updates WHERE set_aside_at >= $1")
        .bind(since)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get("n")?)
}

/// What is set aside, by kind and failure: (kind, failure, how many, the newest's time). Never the words.
pub async fn set_aside_summary(conn: &mut Connection) -> StoreResult<Vec<(String, String, i64, i64)>> {
    let rows = sqlx::query(
        "SELECT kind, failure, COUNT(*) AS n, MAX(set_aside_at) AS newest FROM set_aside_updates \
         GROUP BY kind, failure ORDER BY kind, failure",
    )
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("kind")?, row.try_get("failure")?, row.try_get("n")?, row.try_get("newest")?)))
        .collect()
}

/// Forgets what was set aside before `before`.
pub async fn prune_set_aside_before(conn: &mut Connection, before: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM set_aside_updates WHERE set_aside_at < $1").bind(before).execute(conn).await?;
    Ok(())
}
