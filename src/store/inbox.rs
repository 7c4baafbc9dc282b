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
