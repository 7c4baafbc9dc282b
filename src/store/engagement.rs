//! Attendance, reasons for missed appointments, warnings, the engagement panel's queue, engagement
//! alerts and suspensions. Records are added, not overwritten, so the history stays.

use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Connection, StoreError, StoreResult};
use crate::domain::engagement::{Outcome, PanelOutcome};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

// ----- attendance -----

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub id: i64,
    pub occurrence_id: i64,
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
    pub occurrence_id: i64,
    pub child_id: i64,
    pub outcome: Outcome,
    pub corrects: Option<i64>,
    pub by: i64,
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

pub async fn latest_attendance(conn: &mut Connection, occurrence_id: i64) -> StoreResult<Option<Attendance>> {
    let sql = format!("SELECT {ATTENDANCE_COLUMNS} FROM attendance WHERE occurrence_id = $1 ORDER BY id DESC LIMIT 1");
    let row = sqlx::query(&sql).bind(occurrence_id).fetch_optional(conn).await?;
    row.as_ref().map(attendance_from_row).transpose()
}

/// Every outcome recorded for one appointment, corrections included, oldest first.
pub async fn outcomes_of(conn: &mut Connection, occurrence_id: i64) -> StoreResult<Vec<Outcome>> {
    let rows = sqlx::query("SELECT outcome FROM attendance WHERE occurrence_id = $1 ORDER BY id")
        .bind(occurrence_id)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| Outcome::from_code(&row.try_get::<String, _>("outcome")?).ok_or_else(|| corrupt("outcome")))
        .collect()
}

/// Every attendance record of a child, corrections included, oldest first.
pub async fn attendance_history(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<Attendance>> {
    let sql = format!("SELECT {ATTENDANCE_COLUMNS} FROM attendance WHERE child_id = $1 ORDER BY id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(attendance_from_row).collect()
}

/// The outcome that counts for each of the child's appointments that still stand (not skipped, moved,
/// suspended or cancelled) and have one, newest appointment first.
pub async fn counted_outcomes(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<(i64, Outcome)>> {
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

// ----- reasons for a missed appointment -----

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissReason {
    pub id: i64,
    pub occurrence_id: i64,
    pub child_id: i64,
    pub reason: String,
    pub note: Option<String>,
    pub given_at: i64,
    pub acceptable: Option<bool>,
    pub judged_by: Option<i64>,
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
    occurrence_id: i64,
    child_id: i64,
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

pub async fn latest_reason(conn: &mut Connection, occurrence_id: i64) -> StoreResult<Option<MissReason>> {
    let sql = format!("SELECT {REASON_COLUMNS} FROM miss_reasons WHERE occurrence_id = $1 ORDER BY id DESC LIMIT 1");
    let row = sqlx::query(&sql).bind(occurrence_id).fetch_optional(conn).await?;
    row.as_ref().map(reason_from_row).transpose()
}

pub async fn reasons_of(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<MissReason>> {
    let sql = format!("SELECT {REASON_COLUMNS} FROM miss_reasons WHERE child_id = $1 ORDER BY id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(reason_from_row).collect()
}

pub async fn judge_reason(conn: &mut Connection, id: i64, acceptable: bool, by: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE miss_reasons SET acceptable = $2, judged_by = $3, judged_at = $4 WHERE id = $1")
        .bind(id)
        .bind(i64::from(acceptable))
        .bind(by)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

// ----- warnings -----

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub id: i64,
    pub child_id: i64,
    pub occurrence_id: Option<i64>,
    pub reason: String,
    pub state: String,
    pub proposed_by: Option<i64>,
    pub given_at: Option<i64>,
}

const WARNING_COLUMNS: &str = "id, child_id, occurrence_id, reason, state, proposed_by, given_at";

fn warning_from_row(row: &AnyRow) -> StoreResult<Warning> {
    Ok(Warning {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        occurrence_id: row.try_get("occurrence_id")?,
        reason: row.try_get("reason")?,
        state: row.try_get("state")?,
        proposed_by: row.try_get("proposed_by")?,
        given_at: row.try_get("given_at")?,
    })
}

pub async fn propose_warning(
    conn: &mut Connection,
    child_id: i64,
    occurrence_id: Option<i64>,
    reason: &str,
    by: i64,
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
    .bind(if give { "given" } else { "dropped" })
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The warnings a child has been given, oldest first.
pub async fn given_warnings(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<Warning>> {
    let sql =
        format!("SELECT {WARNING_COLUMNS} FROM warnings WHERE child_id = $1 AND state = 'given' ORDER BY given_at, id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(warning_from_row).collect()
}

// ----- the engagement panel -----

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    pub child_id: i64,
    pub referred_at: i64,
    pub warnings: i64,
    pub outcome: Option<PanelOutcome>,
    pub note: Option<String>,
    pub decided_by: Option<i64>,
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
pub async fn refer(conn: &mut Connection, child_id: i64, warnings: i64, now: i64) -> StoreResult<Option<i64>> {
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
pub async fn referrals_of(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<Referral>> {
    let sql = format!("SELECT {REFERRAL_COLUMNS} FROM panel_referrals r WHERE r.child_id = $1 ORDER BY r.id");
    let rows = sqlx::query(&sql).bind(child_id).fetch_all(conn).await?;
    rows.iter().map(referral_from_row).collect()
}

/// Open items, oldest first: one worker's caseload, or the whole service.
pub async fn open_referrals(conn: &mut Connection, worker_id: Option<i64>) -> StoreResult<Vec<Referral>> {
    let sql = format!(
        "SELECT {REFERRAL_COLUMNS} FROM panel_referrals r JOIN people p ON p.id = r.child_id \
         WHERE r.outcome IS NULL AND ($1 = 0 OR p.worker_id = $1) ORDER BY r.referred_at, r.id"
    );
    let rows = sqlx::query(&sql).bind(worker_id.unwrap_or(0)).fetch_all(conn).await?;
    rows.iter().map(referral_from_row).collect()
}

/// Records the panel's outcome. `false` if someone else already did.
pub async fn decide_referral(
    conn: &mut Connection,
    id: i64,
    outcome: PanelOutcome,
    by: i64,
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

// ----- engagement alerts -----

/// Notes an alert for this missed appointment. `false` if one was already raised for it.
pub async fn raise_alert(conn: &mut Connection, child_id: i64, occurrence_id: i64, now: i64) -> StoreResult<bool> {
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

// ----- suspensions -----

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
    pub child_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: String,
    pub state: SuspensionState,
    pub court_reference: Option<String>,
    pub requested_by: Option<i64>,
    pub decided_by: Option<i64>,
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
    pub child_id: i64,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub reason: &'a str,
    pub by: i64,
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

pub async fn suspensions_of(conn: &mut Connection, child_id: i64) -> StoreResult<Vec<Suspension>> {
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
    by: i64,
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
    child_id: i64,
    from: i64,
    until: i64,
    by: i64,
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
pub async fn suspended_on(conn: &mut Connection, child_id: i64, date: NaiveDate) -> StoreResult<bool> {
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

/// What waits on a child's worker: appointments ended since `since` with no attendance recorded,
/// reasons given and not yet judged, and whether the child is in the panel queue.
pub async fn waiting_on_worker(
    conn: &mut Connection,
    child_id: i64,
    since: i64,
    now: i64,
) -> StoreResult<(i64, i64, bool)> {
    let row = sqlx::query(
        "SELECT \
           (SELECT COUNT(*) FROM occurrences o WHERE o.child_id = $1 AND o.state = 'scheduled' \
              AND o.ends_at <= $3 AND o.ends_at > $2 \
              AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.occurrence_id = o.id)) AS unrecorded, \
           (SELECT COUNT(*) FROM miss_reasons r WHERE r.child_id = $1 AND r.acceptable IS NULL \
              AND r.id = (SELECT MAX(m.id) FROM miss_reasons m WHERE m.occurrence_id = r.occurrence_id)) AS unjudged, \
           (SELECT COUNT(*) FROM panel_referrals p WHERE p.child_id = $1 AND p.outcome IS NULL) AS queued",
    )
    .bind(child_id)
    .bind(since)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("unrecorded")?, row.try_get("unjudged")?, row.try_get::<i64, _>("queued")? > 0))
}
