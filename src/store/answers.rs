//! What children said about their appointments: every answer kept, the newest one counts.

use sqlx::Row;

use super::{Connection, StoreResult};
use crate::domain::ids::{ChildId, OccurrenceId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: i64,
    pub occurrence_id: OccurrenceId,
    pub answer: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    pub answered_at: i64,
}

pub async fn record(
    conn: &mut Connection,
    occurrence_id: OccurrenceId,
    child_id: ChildId,
    answer: &str,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO answers (occurrence_id, child_id, answer, answered_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(occurrence_id)
    .bind(child_id)
    .bind(answer)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn latest(conn: &mut Connection, occurrence_id: OccurrenceId) -> StoreResult<Option<Answer>> {
    let row = sqlx::query(
        "SELECT id, occurrence_id, answer, reason, note, answered_at FROM answers WHERE occurrence_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(occurrence_id)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(Answer {
            id: row.try_get("id")?,
            occurrence_id: row.try_get("occurrence_id")?,
            answer: row.try_get("answer")?,
            reason: row.try_get("reason")?,
            note: row.try_get("note")?,
            answered_at: row.try_get("answered_at")?,
        })
    })
    .transpose()
}

pub async fn set_reason(conn: &mut Connection, answer_id: i64, reason: &str) -> StoreResult<()> {
    sqlx::query("UPDATE answers SET reason = $2 WHERE id = $1").bind(answer_id).bind(reason).execute(conn).await?;
    Ok(())
}

pub async fn set_note(conn: &mut Connection, answer_id: i64, note: &str) -> StoreResult<()> {
    sqlx::query("UPDATE answers SET note = $2 WHERE id = $1").bind(answer_id).bind(note).execute(conn).await?;
    Ok(())
}
