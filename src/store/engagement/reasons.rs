//! The reasons a child gives for a missed appointment, and how their worker judged them.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::store::{Connection, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissReason {
    pub id: i64,
    pub occurrence_id: OccurrenceId,
    pub child_id: ChildId,
    pub reason: String,
    pub note: Option<String>,
    pub given_at: i64,
    pub acceptable: Option<bool>,
    pub judged_by: Option<PersonId>,
}

const REASON_COLUMNS: &str = "id, occurrence_id, child_id, reason, note, given_at, acceptable, judged_by";

fn reason_from_row(row: &AnyRow) -> StoreResult<MissReason> {
    Ok(MissReason {
        id: row.try_get("id")?,
        occurrence_id: row.try_get("occurrence_id")?,
        child_id: row.try_get("child_id")?,
        reason: row.try_get("reason")?,
        note: row.try_get("note")?,
        given_at: row.try_get("given_at")?,
        acceptable: row.try_get::<Option<i64>, _>("acceptable")?.map(|a| a != 0),
        judged_by: row.try_get("judged_by")?,
    })
}

pub async fn add_reason(
    conn: &mut Connection,
    occurrence_id: OccurrenceId,
    child_id: ChildId,
    reason: &str,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO miss_reasons (occurrence_id, child_id, reason, given_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(occurrence_id)
    .bind(child_id)
    .bind(reason)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn set_reason_note(conn: &mut Connection, id: i64, note: &str) -> StoreResult<()> {
    sqlx::query("UPDATE miss_reasons SET note = $2 WHERE id = $1").bind(id).bind(note).execute(conn).await?;
    Ok(())
}

pub async fn find_reason(conn: &mut Connection, id: i64) -> StoreResult<Option<MissReason>> {
    let sql = format!("SELECT {REASON_COLUMNS} FROM miss_reasons WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(reason_from_row).transpose()
}

pub async fn latest_reason(conn: &mut Connection, occurrence_id: OccurrenceId) -> StoreResult<Option<MissReason>> {
    let sql = format!("SELECT {REASON_COLUMNS} FROM miss_reasons WHERE occurrence_id = $1 ORDER BY id DESC LIMIT 1");
    let row = sqlx::query(&sql).bind(occurrence_id).fetch_optional(conn).await?;
    row.as_ref().map(reason_from_row).transpose()
}

pub async fn reasons_of(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<MissReason>> {
    let sql = format!("SELECT {REASON_COLUMNS} FROM miss_reasons WHERE child_id = $1 ORDER BY id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(reason_from_row).collect()
}

pub async fn judge_reason(conn: &mut Connection, id: i64, acceptable: bool, by: PersonId, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE miss_reasons SET acceptable = $2, judged_by = $3, judged_at = $4 WHERE id = $1")
        .bind(id)
        .bind(i64::from(acceptable))
        .bind(by)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}
