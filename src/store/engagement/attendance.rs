//! Attendance: the outcome recorded for each appointment, corrections added, never overwritten; and
//! the engagement alerts raised after missed appointments.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::corrupt;
use crate::domain::engagement::Outcome;
use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::store::{Connection, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub id: i64,
    pub occurrence_id: OccurrenceId,
    pub outcome: Outcome,
    pub corrects: Option<i64>,
    pub recorded_by: Option<i64>,
    pub recorded_at: i64,
}

fn attendance_from_row(row: &AnyRow) -> StoreResult<Attendance> {
    Ok(Attendance {
        id: row.try_get("id")?,
        occurrence_id: row.try_get("occurrence_id")?,
        outcome: Outcome::from_code(&row.try_get::<String, _>("outcome")?).ok_or_else(|| corrupt("outcome"))?,
        corrects: row.try_get("corrects")?,
        recorded_by: row.try_get("recorded_by")?,
        recorded_at: row.try_get("recorded_at")?,
    })
}

const ATTENDANCE_COLUMNS: &str = "id, occurrence_id, outcome, corrects, recorded_by, recorded_at";

pub struct NewAttendance {
    pub occurrence_id: OccurrenceId,
    pub child_id: ChildId,
    pub outcome: Outcome,
    pub corrects: Option<i64>,
    pub by: PersonId,
    pub now: i64,
}

pub async fn record_attendance(conn: &mut Connection, record: NewAttendance) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO attendance (occurrence_id, child_id, outcome, corrects, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(record.occurrence_id)
    .bind(record.child_id)
    .bind(record.outcome.code())
    .bind(record.corrects)
    .bind(record.by)
    .bind(record.now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn latest_attendance(conn: &mut Connection, occurrence_id: OccurrenceId) -> StoreResult<Option<Attendance>> {
    let sql = format!("SELECT {ATTENDANCE_COLUMNS} FROM attendance WHERE occurrence_id = $1 ORDER BY id DESC LIMIT 1");
    let row = sqlx::query(&sql).bind(occurrence_id).fetch_optional(conn).await?;
    row.as_ref().map(attendance_from_row).transpose()
}

/// Every outcome recorded for one appointment, corrections included, oldest first.
pub async fn outcomes_of(conn: &mut Connection, occurrence_id: OccurrenceId) -> StoreResult<Vec<Outcome>> {
    let rows = sqlx::query("SELECT outcome FROM attendance WHERE occurrence_id = $1 ORDER BY id")
        .bind(occurrence_id)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| Outcome::from_code(&row.try_get::<String, _>("outcome")?).ok_or_else(|| corrupt("outcome")))
        .collect()
}

/// Every attendance record of a child, corrections included, oldest first.
pub async fn attendance_history(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<Attendance>> {
    let sql = format!("SELECT {ATTENDANCE_COLUMNS} FROM attendance WHERE child_id = $1 ORDER BY id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(attendance_from_row).collect()
}

/// The outcome that counts for each of the child's appointments that still stand (not skipped, moved,
/// suspended or cancelled) and have one, newest appointment first.
pub async fn counted_outcomes(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<(OccurrenceId, Outcome)>> {
    let rows = sqlx::query(
        "SELECT o.id AS occurrence_id, a.outcome AS outcome FROM occurrences o \
         JOIN attendance a ON a.occurrence_id = o.id \
         WHERE o.child_id = $1 AND o.state = 'scheduled' \
           AND a.id = (SELECT MAX(b.id) FROM attendance b WHERE b.occurrence_id = o.id) \
         ORDER BY o.starts_at DESC, o.id DESC",
    )
    .bind(child_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let outcome =
                Outcome::from_code(&row.try_get::<String, _>("outcome")?).ok_or_else(|| corrupt("outcome"))?;
            Ok((row.try_get("occurrence_id")?, outcome))
        })
        .collect()
}

/// Notes an alert for this missed appointment. `false` if one was already raised for it.
pub async fn raise_alert(
    conn: &mut Connection,
    child_id: ChildId,
    occurrence_id: OccurrenceId,
    now: i64,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO engagement_alerts (child_id, occurrence_id, raised_at) VALUES ($1, $2, $3) \
         ON CONFLICT (occurrence_id) DO NOTHING",
    )
    .bind(child_id)
    .bind(occurrence_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}
