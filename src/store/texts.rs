//! Text messages: the question last texted to each person, the received texts already handled, and
//! the numbers that texted us and are nobody's.

use sqlx::Row;

use super::{Connection, StoreResult};
use crate::domain::ids::PersonId;
use crate::domain::phone::PhoneNumber;

/// Remembers the question just texted to a person, as the answers a reply word stands for.
pub async fn set_question(conn: &mut Connection, person_id: PersonId, actions: &str, now: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO text_questions (person_id, actions, asked_at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id) DO UPDATE SET actions = excluded.actions, asked_at = excluded.asked_at",
    )
    .bind(person_id)
    .bind(actions)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The question last texted to a person, if it went at or after `since`.
pub async fn question_since(conn: &mut Connection, person_id: PersonId, since: i64) -> StoreResult<Option<String>> {
    let row = sqlx::query("SELECT actions FROM text_questions WHERE person_id = $1 AND asked_at >= $2")
        .bind(person_id)
        .bind(since)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|row| row.try_get("actions")).transpose()?)
}

/// Takes a received text to handle: `false` if it was handled already (by this copy or another; on
/// PostgreSQL a second copy waits here until the first commits, then finds it taken).
pub async fn take_received(conn: &mut Connection, notify_id: &str, now: i64) -> StoreResult<bool> {
    let done = sqlx::query(
        "INSERT INTO received_texts (notify_id, received_at) VALUES ($1, $2) ON CONFLICT (notify_id) DO NOTHING",
    )
    .bind(notify_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether a received text was handled already.
pub async fn was_received(conn: &mut Connection, notify_id: &str) -> StoreResult<bool> {
    let row = sqlx::query("SELECT 1 AS one FROM received_texts WHERE notify_id = $1")
        .bind(notify_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// A number that is nobody's texted us: its conversation id, and whether it is the first time this
/// week (only then is it answered).
pub async fn note_stranger(conn: &mut Connection, phone: &PhoneNumber, now: i64) -> StoreResult<(i64, bool)> {
    let inserted = sqlx::query(
        "INSERT INTO text_strangers (phone, answered_at) VALUES ($1, $2) ON CONFLICT (phone) DO NOTHING RETURNING id",
    )
    .bind(phone.as_str())
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = inserted {
        return Ok((row.try_get("id")?, true));
    }
    let row =
        sqlx::query("SELECT id FROM text_strangers WHERE phone = $1").bind(phone.as_str()).fetch_one(conn).await?;
    Ok((row.try_get("id")?, false))
}

/// The number behind a stranger's conversation id, while it is kept.
pub async fn stranger_phone(conn: &mut Connection, id: i64) -> StoreResult<Option<PhoneNumber>> {
    let row = sqlx::query("SELECT phone FROM text_strangers WHERE id = $1").bind(id).fetch_optional(conn).await?;
    let phone: Option<String> = row.map(|row| row.try_get("phone")).transpose()?;
    Ok(phone.as_deref().and_then(PhoneNumber::parse))
}

/// Forgets strangers' numbers answered before `strangers_before`, and the ids of texts received
/// before `received_before` (once Notify no longer serves them).
pub async fn prune(conn: &mut Connection, strangers_before: i64, received_before: i64) -> StoreResult<u64> {
    let strangers = sqlx::query("DELETE FROM text_strangers WHERE answered_at < $1")
        .bind(strangers_before)
        .execute(&mut *conn)
        .await?;
    let received =
        sqlx::query("DELETE FROM received_texts WHERE received_at < $1").bind(received_before).execute(conn).await?;
    Ok(strangers.rows_affected() + received.rows_affected())
}

/// Counts a text Notify took at `now`, costing `parts`.
pub async fn count_sent(conn: &mut Connection, now: i64, parts: i64) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO text_counts (hour, texts, parts) VALUES ($1, 1, $2) \
         ON CONFLICT (hour) DO UPDATE SET texts = text_counts.texts + 1, parts = text_counts.parts + excluded.parts",
    )
    .bind(now - now.rem_euclid(3600))
    .bind(parts)
    .execute(conn)
    .await?;
    Ok(())
}

/// Texts sent in `[from, until)` (whole hours) and the parts they cost.
pub async fn sent_between(conn: &mut Connection, from: i64, until: i64) -> StoreResult<(i64, i64)> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(texts), 0) AS BIGINT) AS texts, CAST(COALESCE(SUM(parts), 0) AS BIGINT) AS parts \
         FROM text_counts \
         WHERE hour >= $1 AND hour < $2",
    )
    .bind(from)
    .bind(until)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("texts")?, row.try_get("parts")?))
}
