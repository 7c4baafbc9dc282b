//! Suspensions of a child's appointments: requested, decided, and the appointments they cover.

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::corrupt;
use crate::domain::ids::{ChildId, PersonId};
use crate::store::{Connection, StoreResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuspensionState {
    Requested,
    Approved,
    Refused,
}

impl SuspensionState {
    pub fn code(self) -> &'static str {
        match self {
            SuspensionState::Requested => "requested",
            SuspensionState::Approved => "approved",
            SuspensionState::Refused => "refused",
        }
    }

    fn parse(code: &str) -> StoreResult<Self> {
        Ok(match code {
            "requested" => SuspensionState::Requested,
            "approved" => SuspensionState::Approved,
            "refused" => SuspensionState::Refused,
            _ => return Err(corrupt("suspension state")),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspension {
    pub id: i64,
    pub child_id: ChildId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub state: SuspensionState,
    pub court_reference: Option<String>,
    pub requested_by: Option<PersonId>,
    pub decided_by: Option<PersonId>,
    pub decided_at: Option<i64>,
}

const SUSPENSION_COLUMNS: &str =
    "id, child_id, from_date, to_date, reason, state, court_reference, requested_by, decided_by, decided_at";

fn suspension_from_row(row: &AnyRow) -> StoreResult<Suspension> {
    let date = |column: &str| -> StoreResult<NaiveDate> {
        NaiveDate::parse_from_str(&row.try_get::<String, _>(column)?, "%Y-%m-%d").map_err(|_| corrupt("date"))
    };
    Ok(Suspension {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        from: date("from_date")?,
        to: date("to_date")?,
        reason: row.try_get("reason")?,
        state: SuspensionState::parse(&row.try_get::<String, _>("state")?)?,
        court_reference: row.try_get("court_reference")?,
        requested_by: row.try_get("requested_by")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
    })
}

pub struct NewSuspension<'a> {
    pub child_id: ChildId,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: &'a str,
    pub by: PersonId,
    pub now: i64,
}

pub async fn request_suspension(conn: &mut Connection, request: NewSuspension<'_>) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO suspensions (child_id, from_date, to_date, reason, state, requested_by, requested_at) \
         VALUES ($1, $2, $3, $4, 'requested', $5, $6) RETURNING id",
    )
    .bind(request.child_id)
    .bind(request.from.to_string())
    .bind(request.to.to_string())
    .bind(request.reason)
    .bind(request.by)
    .bind(request.now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn find_suspension(conn: &mut Connection, id: i64) -> StoreResult<Option<Suspension>> {
    let sql = format!("SELECT {SUSPENSION_COLUMNS} FROM suspensions WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(suspension_from_row).transpose()
}

pub async fn suspensions_of(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<Suspension>> {
    let sql = format!("SELECT {SUSPENSION_COLUMNS} FROM suspensions WHERE child_id = $1 ORDER BY from_date, id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(suspension_from_row).collect()
}

/// Decides a request still waiting. `false` if it was already decided.
pub async fn decide_suspension(
    conn: &mut Connection,
    id: i64,
    state: SuspensionState,
    court_reference: Option<&str>,
    by: PersonId,
    now: i64,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE suspensions SET state = $2, court_reference = $3, decided_by = $4, decided_at = $5 \
         WHERE id = $1 AND state = 'requested'",
    )
    .bind(id)
    .bind(state.code())
    .bind(court_reference)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Suspends the child's still-scheduled appointments starting in `[from, until)`. One whose
/// attendance is already recorded keeps its record: what happened stays what happened.
pub async fn suspend_occurrences(
    conn: &mut Connection,
    child_id: ChildId,
    from: i64,
    until: i64,
    by: PersonId,
    now: i64,
) -> StoreResult<u64> {
    let result = sqlx::query(
        "UPDATE occurrences SET state = 'suspended', reason = 'suspension', changed_by = $4, changed_at = $5 \
         WHERE child_id = $1 AND state = 'scheduled' AND starts_at >= $2 AND starts_at < $3 \
           AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.occurrence_id = occurrences.id)",
    )
    .bind(child_id)
    .bind(from)
    .bind(until)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Whether an approved suspension covers this local date for the child (new occurrences made later
/// start suspended).
pub async fn suspended_on(conn: &mut Connection, child_id: ChildId, date: NaiveDate) -> StoreResult<bool> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM suspensions WHERE child_id = $1 AND state = 'approved' \
         AND from_date <= $2 AND to_date >= $2",
    )
    .bind(child_id)
    .bind(date.to_string())
    .fetch_one(conn)
    .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}
