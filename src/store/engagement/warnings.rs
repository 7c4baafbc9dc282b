//! Warnings: proposed, then given or dropped.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::corrupt;
use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::store::{Connection, StoreResult};

/// Where a warning stands: only the worker's confirmation gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarningState {
    Proposed,
    Given,
    Dropped,
}

impl WarningState {
    fn code(self) -> &'static str {
        match self {
            WarningState::Proposed => "proposed",
            WarningState::Given => "given",
            WarningState::Dropped => "dropped",
        }
    }

    fn parse(code: &str) -> StoreResult<Self> {
        Ok(match code {
            "proposed" => WarningState::Proposed,
            "given" => WarningState::Given,
            "dropped" => WarningState::Dropped,
            _ => return Err(corrupt("warning state")),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub id: i64,
    pub child_id: ChildId,
    pub occurrence_id: Option<OccurrenceId>,
    pub reason: String,
    pub state: WarningState,
    pub proposed_by: Option<PersonId>,
    pub given_at: Option<i64>,
}

const WARNING_COLUMNS: &str = "id, child_id, occurrence_id, reason, state, proposed_by, given_at";

fn warning_from_row(row: &AnyRow) -> StoreResult<Warning> {
    Ok(Warning {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        occurrence_id: row.try_get("occurrence_id")?,
        reason: row.try_get("reason")?,
        state: WarningState::parse(&row.try_get::<String, _>("state")?)?,
        proposed_by: row.try_get("proposed_by")?,
        given_at: row.try_get("given_at")?,
    })
}

pub async fn propose_warning(
    conn: &mut Connection,
    child_id: ChildId,
    occurrence_id: Option<OccurrenceId>,
    reason: &str,
    by: PersonId,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO warnings (child_id, occurrence_id, reason, state, proposed_by, proposed_at) \
         VALUES ($1, $2, $3, 'proposed', $4, $5) RETURNING id",
    )
    .bind(child_id)
    .bind(occurrence_id)
    .bind(reason)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn find_warning(conn: &mut Connection, id: i64) -> StoreResult<Option<Warning>> {
    let sql = format!("SELECT {WARNING_COLUMNS} FROM warnings WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(warning_from_row).transpose()
}

/// Confirms or drops a proposed warning. `false` if it was no longer proposed (a second tap).
pub async fn settle_warning(conn: &mut Connection, id: i64, give: bool, now: i64) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE warnings SET state = $2, given_at = CASE WHEN $2 = 'given' THEN $3 ELSE NULL END \
         WHERE id = $1 AND state = 'proposed'",
    )
    .bind(id)
    .bind(if give { WarningState::Given } else { WarningState::Dropped }.code())
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The warnings a child has been given, oldest first.
pub async fn given_warnings(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<Warning>> {
    let sql =
        format!("SELECT {WARNING_COLUMNS} FROM warnings WHERE child_id = $1 AND state = 'given' ORDER BY given_at, id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(warning_from_row).collect()
}
