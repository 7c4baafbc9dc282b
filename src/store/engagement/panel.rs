//! The engagement panel's queue: referrals and the panel's outcomes.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::corrupt;
use crate::domain::engagement::PanelOutcome;
use crate::domain::ids::{ChildId, PersonId};
use crate::store::{Connection, StoreResult};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    pub child_id: ChildId,
    pub referred_at: i64,
    pub warnings: i64,
    pub outcome: Option<PanelOutcome>,
    pub note: Option<String>,
    pub decided_by: Option<PersonId>,
    pub decided_at: Option<i64>,
}

const REFERRAL_COLUMNS: &str =
    "r.id, r.child_id, r.referred_at, r.warnings, r.outcome, r.note, r.decided_by, r.decided_at";

fn referral_from_row(row: &AnyRow) -> StoreResult<Referral> {
    let outcome = match row.try_get::<Option<String>, _>("outcome")? {
        Some(code) => Some(PanelOutcome::from_code(&code).ok_or_else(|| corrupt("panel outcome"))?),
        None => None,
    };
    Ok(Referral {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        referred_at: row.try_get("referred_at")?,
        warnings: row.try_get("warnings")?,
        outcome,
        note: row.try_get("note")?,
        decided_by: row.try_get("decided_by")?,
        decided_at: row.try_get("decided_at")?,
    })
}

/// Puts a child in the queue. `None` if they already have an open item.
pub async fn refer(conn: &mut Connection, child_id: ChildId, warnings: i64, now: i64) -> StoreResult<Option<i64>> {
    let row = sqlx::query(
        "INSERT INTO panel_referrals (child_id, referred_at, warnings) VALUES ($1, $2, $3) \
         ON CONFLICT (child_id) WHERE outcome IS NULL DO NOTHING RETURNING id",
    )
    .bind(child_id)
    .bind(now)
    .bind(warnings)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| row.try_get("id")).transpose()?)
}

pub async fn find_referral(conn: &mut Connection, id: i64) -> StoreResult<Option<Referral>> {
    let sql = format!("SELECT {REFERRAL_COLUMNS} FROM panel_referrals r WHERE r.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(referral_from_row).transpose()
}

/// A child's panel items, oldest first.
pub async fn referrals_of(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<Referral>> {
    let sql = format!("SELECT {REFERRAL_COLUMNS} FROM panel_referrals r WHERE r.child_id = $1 ORDER BY r.id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(referral_from_row).collect()
}

/// Open items, oldest first: one worker's caseload, or the whole service.
pub async fn open_referrals(conn: &mut Connection, worker_id: Option<PersonId>) -> StoreResult<Vec<Referral>> {
    let sql = format!(
        "SELECT {REFERRAL_COLUMNS} FROM panel_referrals r JOIN people p ON p.id = r.child_id \
         WHERE r.outcome IS NULL AND ($1 = 0 OR p.worker_id = $1) ORDER BY r.referred_at, r.id"
    );
    let rows = sqlx::query(&sql).bind(worker_id.map_or(0, |id| id.0)).fetch_all(conn).await?;
    rows.iter().map(referral_from_row).collect()
}

/// Records the panel's outcome. `false` if someone else already did.
pub async fn decide_referral(
    conn: &mut Connection,
    id: i64,
    outcome: PanelOutcome,
    by: PersonId,
    now: i64,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE panel_referrals SET outcome = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND outcome IS NULL",
    )
    .bind(id)
    .bind(outcome.code())
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_referral_note(conn: &mut Connection, id: i64, note: &str) -> StoreResult<()> {
    sqlx::query("UPDATE panel_referrals SET note = $2 WHERE id = $1").bind(id).bind(note).execute(conn).await?;
    Ok(())
}
