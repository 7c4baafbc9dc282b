//! What copies of the bot on one database share: who is running, and Telegram's pace.

use sqlx::Row;

use super::{Connection, StoreResult};

/// Records that the copy `copy` is running at `now`.
pub async fn seen(conn: &mut Connection, copy: &str, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO bot_copies (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = $2")
        .bind(copy)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The copy `copy` stops. Returns how many others were seen since `alive_since`; copies not seen since
/// then are taken to have died and are forgotten.
pub async fn leave(conn: &mut Connection, copy: &str, alive_since: i64) -> StoreResult<i64> {
    sqlx::query("DELETE FROM bot_copies WHERE id = $1 OR seen_at < $2")
        .bind(copy)
        .bind(alive_since)
        .execute(&mut *conn)
        .await?;
    let row = sqlx::query("SELECT COUNT(*) AS n FROM bot_copies").fetch_one(conn).await?;
    Ok(row.try_get("n")?)
}

const TELEGRAM: &str = "telegram";

/// Takes the next turn to send to Telegram, for every copy together: returns when (Unix milliseconds)
/// this copy may send. Turns are `spacing_ms` apart, and time nobody used is not saved up, so the
/// copies together never send faster than one message each `spacing_ms`.
pub async fn take_turn(conn: &mut Connection, now_ms: i64, spacing_ms: i64) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO send_pace (name, next_at_ms) VALUES ($1, $2 + $3) \
         ON CONFLICT (name) DO UPDATE SET next_at_ms = \
             (CASE WHEN send_pace.next_at_ms > $2 THEN send_pace.next_at_ms ELSE $2 END) + $3 \
         RETURNING next_at_ms - $3 AS turn",
    )
    .bind(TELEGRAM)
    .bind(now_ms)
    .bind(spacing_ms)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("turn")?)
}

/// Telegram asked for a pause (429): no copy takes a turn before `until_ms`.
pub async fn hold_everyone_until(conn: &mut Connection, until_ms: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO send_pace (name, next_at_ms) VALUES ($1, $2) \
         ON CONFLICT (name) DO UPDATE SET next_at_ms = \
             CASE WHEN send_pace.next_at_ms > $2 THEN send_pace.next_at_ms ELSE $2 END",
    )
    .bind(TELEGRAM)
    .bind(until_ms)
    .execute(conn)
    .await?;
    Ok(())
}
