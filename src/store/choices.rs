//! Choices offered with buttons, kept server-side under a random token.

use crate::domain::ids::PersonId;
use sqlx::Row;

use super::{Connection, StoreResult};

/// `subject_id`: the child the action is about, so the choice goes if their records are erased.
pub async fn offer(
    conn: &mut Connection,
    token: &str,
    person_id: PersonId,
    action: &str,
    subject_id: Option<PersonId>,
    now: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO offered_choices (token, person_id, action, subject_id, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token)
    .bind(person_id)
    .bind(action)
    .bind(subject_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// The action behind a token, if it was offered to this person since `not_before`.
pub async fn find(
    conn: &mut Connection,
    token: &str,
    person_id: PersonId,
    not_before: i64,
) -> StoreResult<Option<String>> {
    let row =
        sqlx::query("SELECT action FROM offered_choices WHERE token = $1 AND person_id = $2 AND created_at >= $3")
            .bind(token)
            .bind(person_id)
            .bind(not_before)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|row| row.try_get("action")).transpose()?)
}

/// Choices offered before `before` go: a button that old answers that it no longer works.
pub async fn prune_offered_before(conn: &mut Connection, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM offered_choices WHERE created_at < $1").bind(before).execute(conn).await?;
    Ok(done.rows_affected())
}
