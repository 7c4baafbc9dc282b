//! Commitments, weekly slots, their occurrences, kept-apart pairs and clash overrides.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime, Weekday};
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Connection, StoreError, StoreResult};
use crate::domain::clash::Commitment;
use crate::domain::ids::{ChildId, OccurrenceId, PersonId};
use crate::domain::schedule::{DaySet, LocalWindow, Place, WeeklySlot};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

fn time(text: &str) -> StoreResult<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| corrupt("time"))
}

fn date(text: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("date"))
}

fn place(text: &str) -> Place {
    Place::parse(text).unwrap_or_else(|| Place::Named(text.to_owned()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommitment {
    pub id: i64,
    pub child_id: ChildId,
    pub commitment: Commitment,
    /// The child may read its label (`shown=yes`); otherwise it is the worker's word only.
    pub shown: bool,
}

fn commitment_from_row(row: &AnyRow) -> StoreResult<StoredCommitment> {
    let days: i64 = row.try_get("days")?;
    Ok(StoredCommitment {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        commitment: Commitment {
            label: row.try_get("label")?,
            days: DaySet::from_bits(days as u8).ok_or_else(|| corrupt("days"))?,
            window: LocalWindow {
                start: time(&row.try_get::<String, _>("starts")?)?,
                end: time(&row.try_get::<String, _>("ends")?)?,
            },
        },
        shown: row.try_get::<i64, _>("shown")? == 1,
    })
}

pub async fn insert_commitment(
    conn: &mut Connection,
    child_id: ChildId,
    commitment: &Commitment,
    shown: bool,
    by: PersonId,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO commitments (child_id, days, starts, ends, label, shown, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(child_id)
    .bind(i64::from(commitment.days.bits()))
    .bind(commitment.window.start.format("%H:%M").to_string())
    .bind(commitment.window.end.format("%H:%M").to_string())
    .bind(commitment.label.as_str())
    .bind(i64::from(shown))
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn list_commitments(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<StoredCommitment>> {
    let rows = sqlx::query(
        "SELECT id, child_id, days, starts, ends, label, shown FROM commitments WHERE child_id = $1 ORDER BY id",
    )
    .bind(child_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(commitment_from_row).collect()
}

pub async fn find_commitment(conn: &mut Connection, id: i64) -> StoreResult<Option<StoredCommitment>> {
    let row = sqlx::query("SELECT id, child_id, days, starts, ends, label, shown FROM commitments WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(commitment_from_row).transpose()
}

pub async fn delete_commitment(conn: &mut Connection, id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM commitments WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSlot {
    pub id: i64,
    pub child_id: ChildId,
    /// `ends_on` here is the slot's own end; the order's end limits it further.
    pub slot: WeeklySlot,
}

fn slot_from_row(row: &AnyRow) -> StoreResult<StoredSlot> {
    let weekday: i64 = row.try_get("weekday")?;
    let ends_on: Option<String> = row.try_get("ends_on")?;
    Ok(StoredSlot {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        slot: WeeklySlot {
            weekday: Weekday::try_from(weekday as u8).map_err(|_| corrupt("weekday"))?,
            time: time(&row.try_get::<String, _>("local_time")?)?,
            minutes: row.try_get("minutes")?,
            place: place(&row.try_get::<String, _>("place")?),
            starts_on: date(&row.try_get::<String, _>("starts_on")?)?,
            ends_on: ends_on.as_deref().map(date).transpose()?,
        },
    })
}

pub async fn insert_slot(
    conn: &mut Connection,
    child_id: ChildId,
    slot: &WeeklySlot,
    by: PersonId,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO slots (child_id, weekday, local_time, minutes, place, starts_on, ends_on, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(child_id)
    .bind(i64::from(slot.weekday.num_days_from_monday()))
    .bind(slot.time.format("%H:%M").to_string())
    .bind(slot.minutes)
    .bind(slot.place.as_stored())
    .bind(slot.starts_on.to_string())
    .bind(slot.ends_on.map(|d| d.to_string()))
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// Slots still running on or after `today` (the order's end is not applied here).
pub async fn list_current_slots(
    conn: &mut Connection,
    child_id: ChildId,
    today: NaiveDate,
) -> StoreResult<Vec<StoredSlot>> {
    let rows = sqlx::query(
        "SELECT id, child_id, weekday, local_time, minutes, place, starts_on, ends_on FROM slots \
         WHERE child_id = $1 AND (ends_on IS NULL OR ends_on >= $2) ORDER BY weekday, local_time",
    )
    .bind(child_id)
    .bind(today.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(slot_from_row).collect()
}

/// Every running slot in the service, for topping up occurrences.
pub async fn list_all_current_slots(conn: &mut Connection, today: NaiveDate) -> StoreResult<Vec<StoredSlot>> {
    let rows = sqlx::query(
        "SELECT id, child_id, weekday, local_time, minutes, place, starts_on, ends_on FROM slots \
         WHERE ends_on IS NULL OR ends_on >= $1 ORDER BY id",
    )
    .bind(today.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(slot_from_row).collect()
}

/// The running slots of a worker's other children (all but `except`), for booking the worker twice.
pub async fn list_caseload_slots(
    conn: &mut Connection,
    worker_id: PersonId,
    except: ChildId,
    today: NaiveDate,
) -> StoreResult<Vec<StoredSlot>> {
    let rows = sqlx::query(
        "SELECT s.id, s.child_id, s.weekday, s.local_time, s.minutes, s.place, s.starts_on, s.ends_on \
         FROM slots s JOIN people c ON c.id = s.child_id \
         WHERE c.worker_id = $1 AND s.child_id <> $2 AND (s.ends_on IS NULL OR s.ends_on >= $3) ORDER BY s.id",
    )
    .bind(worker_id)
    .bind(except)
    .bind(today.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(slot_from_row).collect()
}

/// For each slot, the last date its weekly rule has been made for (moved occurrences keep theirs).
pub async fn series_made_until(conn: &mut Connection) -> StoreResult<HashMap<i64, NaiveDate>> {
    let rows = sqlx::query(
        "SELECT slot_id, MAX(series_date) AS last FROM occurrences \
         WHERE slot_id IS NOT NULL AND series_date IS NOT NULL GROUP BY slot_id",
    )
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok((row.try_get::<i64, _>("slot_id")?, date(&row.try_get::<String, _>("last")?)?))).collect()
}

pub async fn end_slot(conn: &mut Connection, slot_id: i64, last_day: NaiveDate) -> StoreResult<()> {
    sqlx::query("UPDATE slots SET ends_on = $2 WHERE id = $1")
        .bind(slot_id)
        .bind(last_day.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// An occurrence's state. Only `Scheduled` ones get reminders and count for attendance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccurrenceState {
    Scheduled,
    Skipped,
    Moved,
    Suspended,
    Cancelled,
}

impl OccurrenceState {
    pub fn as_str(self) -> &'static str {
        match self {
            OccurrenceState::Scheduled => "scheduled",
            OccurrenceState::Skipped => "skipped",
            OccurrenceState::Moved => "moved",
            OccurrenceState::Suspended => "suspended",
            OccurrenceState::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> StoreResult<Self> {
        Ok(match text {
            "scheduled" => OccurrenceState::Scheduled,
            "skipped" => OccurrenceState::Skipped,
            "moved" => OccurrenceState::Moved,
            "suspended" => OccurrenceState::Suspended,
            "cancelled" => OccurrenceState::Cancelled,
            _ => return Err(corrupt("occurrence state")),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub id: OccurrenceId,
    pub child_id: ChildId,
    pub slot_id: Option<i64>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Place,
    pub state: OccurrenceState,
    pub moved_from: Option<OccurrenceId>,
}

const OCCURRENCE_COLUMNS: &str = "id, child_id, slot_id, starts_at, ends_at, place, state, moved_from";

fn occurrence_from_row(row: &AnyRow) -> StoreResult<Occurrence> {
    Ok(Occurrence {
        id: row.try_get("id")?,
        child_id: row.try_get("child_id")?,
        slot_id: row.try_get("slot_id")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        place: place(&row.try_get::<String, _>("place")?),
        state: OccurrenceState::parse(&row.try_get::<String, _>("state")?)?,
        moved_from: row.try_get("moved_from")?,
    })
}

/// One occurrence a weekly rule puts on a date.
pub struct SeriesOccurrence<'a> {
    pub child_id: ChildId,
    pub slot_id: i64,
    pub series_date: NaiveDate,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: &'a Place,
}

/// Adds one occurrence of a series and returns its id; a date the series already has is left as it is
/// (it may have been skipped or moved), and gives `None`.
pub async fn insert_series_occurrence(
    conn: &mut Connection,
    occurrence: SeriesOccurrence<'_>,
    now: i64,
) -> StoreResult<Option<OccurrenceId>> {
    let row = sqlx::query(
        "INSERT INTO occurrences (child_id, slot_id, series_date, starts_at, ends_at, place, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7) ON CONFLICT (slot_id, series_date) DO NOTHING RETURNING id",
    )
    .bind(occurrence.child_id)
    .bind(occurrence.slot_id)
    .bind(occurrence.series_date.to_string())
    .bind(occurrence.starts_at)
    .bind(occurrence.ends_at)
    .bind(occurrence.place.as_stored())
    .bind(now)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| row.try_get("id")).transpose()?)
}

/// The new occurrence a move creates; the original is marked `moved` by the caller.
pub async fn insert_moved_occurrence(
    conn: &mut Connection,
    from: &Occurrence,
    starts_at: i64,
    ends_at: i64,
    place: &Place,
    by: PersonId,
    now: i64,
) -> StoreResult<OccurrenceId> {
    let row = sqlx::query(
        "INSERT INTO occurrences (child_id, slot_id, series_date, starts_at, ends_at, place, state, moved_from, changed_by, changed_at, created_at) \
         VALUES ($1, $2, NULL, $3, $4, $5, 'scheduled', $6, $7, $8, $8) RETURNING id",
    )
    .bind(from.child_id)
    .bind(from.slot_id)
    .bind(starts_at)
    .bind(ends_at)
    .bind(place.as_stored())
    .bind(from.id)
    .bind(by)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn find_occurrence(conn: &mut Connection, id: OccurrenceId) -> StoreResult<Option<Occurrence>> {
    let sql = format!("SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(occurrence_from_row).transpose()
}

/// Notes that a child could not be reached about this occurrence. `true` the first time.
pub async fn mark_unreachable(conn: &mut Connection, id: OccurrenceId, now: i64) -> StoreResult<bool> {
    let result = sqlx::query("UPDATE occurrences SET unreachable_at = $2 WHERE id = $1 AND unreachable_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// A child's occurrences starting in `[from, until)`, earliest first.
pub async fn list_occurrences(
    conn: &mut Connection,
    child_id: ChildId,
    from: i64,
    until: i64,
) -> StoreResult<Vec<Occurrence>> {
    let sql = format!(
        "SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE child_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, id"
    );
    let rows = sqlx::query(&sql).bind(child_id).bind(from).bind(until).fetch_all(conn).await?;
    rows.iter().map(occurrence_from_row).collect()
}

/// The still-scheduled appointments of a worker's other children (all but `except`) starting in
/// `[from, until)`.
pub async fn list_caseload_scheduled(
    conn: &mut Connection,
    worker_id: PersonId,
    except: ChildId,
    from: i64,
    until: i64,
) -> StoreResult<Vec<Occurrence>> {
    let sql = "SELECT o.id, o.child_id, o.slot_id, o.starts_at, o.ends_at, o.place, o.state, o.moved_from \
         FROM occurrences o JOIN people c ON c.id = o.child_id \
         WHERE c.worker_id = $1 AND o.child_id <> $2 AND o.state = 'scheduled' AND o.starts_at >= $3 \
         AND o.starts_at < $4 ORDER BY o.starts_at, o.id";
    let rows = sqlx::query(sql).bind(worker_id).bind(except).bind(from).bind(until).fetch_all(conn).await?;
    rows.iter().map(occurrence_from_row).collect()
}

/// One appointment in a day or a week across caseloads: the occurrence, the child's name, their
/// worker, and the child's latest answer about it (its code), if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booked {
    pub occurrence: Occurrence,
    pub child_name: String,
    pub worker_id: PersonId,
    pub worker_name: String,
    pub answer: Option<String>,
}

/// Appointments starting in `[from, until)`, moved-away ones left out: one worker's caseload, or
/// (`None`) the whole service; by worker, then in time order.
pub async fn list_booked(
    conn: &mut Connection,
    worker_id: Option<PersonId>,
    from: i64,
    until: i64,
) -> StoreResult<Vec<Booked>> {
    let only_worker = if worker_id.is_some() { "AND c.worker_id = $3" } else { "" };
    let sql = format!(
        "SELECT o.id, o.child_id, o.slot_id, o.starts_at, o.ends_at, o.place, o.state, o.moved_from, \
         c.name AS child_name, w.id AS worker_id, w.name AS worker_name, \
         (SELECT a.answer FROM answers a WHERE a.occurrence_id = o.id ORDER BY a.id DESC LIMIT 1) AS answer \
         FROM occurrences o JOIN people c ON c.id = o.child_id JOIN people w ON w.id = c.worker_id \
         WHERE o.starts_at >= $1 AND o.starts_at < $2 AND o.state <> 'moved' {only_worker} \
         ORDER BY w.name_key, w.id, o.starts_at, o.id"
    );
    let mut query = sqlx::query(&sql).bind(from).bind(until);
    if let Some(worker_id) = worker_id {
        query = query.bind(worker_id);
    }
    let rows = query.fetch_all(conn).await?;
    rows.iter()
        .map(|row| {
            Ok(Booked {
                occurrence: occurrence_from_row(row)?,
                child_name: row.try_get("child_name")?,
                worker_id: row.try_get("worker_id")?,
                worker_name: row.try_get("worker_name")?,
                answer: row.try_get("answer")?,
            })
        })
        .collect()
}

/// The child's next appointment that has not finished yet.
pub async fn next_scheduled(conn: &mut Connection, child_id: ChildId, now: i64) -> StoreResult<Option<Occurrence>> {
    let sql = format!(
        "SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE child_id = $1 AND state = 'scheduled' AND ends_at > $2 \
         ORDER BY starts_at LIMIT 1"
    );
    let row = sqlx::query(&sql).bind(child_id).bind(now).fetch_optional(conn).await?;
    row.as_ref().map(occurrence_from_row).transpose()
}

/// Changes a still-scheduled occurrence's state. `false` if it was no longer scheduled.
pub async fn change_state(
    conn: &mut Connection,
    occurrence_id: OccurrenceId,
    state: OccurrenceState,
    reason: Option<&str>,
    by: Option<PersonId>,
    now: i64,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "UPDATE occurrences SET state = $2, reason = $3, changed_by = $4, changed_at = $5 WHERE id = $1 AND state = 'scheduled'",
    )
    .bind(occurrence_id)
    .bind(state.as_str())
    .bind(reason)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Cancels a slot's scheduled occurrences from `from` on; the past is never rewritten.
pub async fn cancel_slot_from(
    conn: &mut Connection,
    slot_id: i64,
    from: i64,
    reason: &str,
    now: i64,
) -> StoreResult<u64> {
    let result = sqlx::query(
        "UPDATE occurrences SET state = 'cancelled', reason = $3, changed_at = $4 \
         WHERE slot_id = $1 AND state = 'scheduled' AND starts_at >= $2",
    )
    .bind(slot_id)
    .bind(from)
    .bind(reason)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Puts back a slot's occurrences in `[from, until)` that were cancelled for `reason`.
pub async fn restore_cancelled(
    conn: &mut Connection,
    slot_id: i64,
    reason: &str,
    from: i64,
    until: i64,
) -> StoreResult<u64> {
    let result = sqlx::query(
        "UPDATE occurrences SET state = 'scheduled', reason = NULL          WHERE slot_id = $1 AND state = 'cancelled' AND reason = $2 AND starts_at >= $3 AND starts_at < $4",
    )
    .bind(slot_id)
    .bind(reason)
    .bind(from)
    .bind(until)
    .execute(conn)
    .await?;
    Ok(result.rows_affected())
}

/// Records that two children must never meet. `false` if they were already kept apart.
pub async fn keep_apart(
    conn: &mut Connection,
    one: PersonId,
    other: PersonId,
    by: PersonId,
    now: i64,
) -> StoreResult<bool> {
    let (a, b) = if one < other { (one, other) } else { (other, one) };
    let result = sqlx::query(
        "INSERT INTO kept_apart (child_a, child_b, created_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (child_a, child_b) DO NOTHING",
    )
    .bind(a)
    .bind(b)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn kept_apart_from(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<ChildId>> {
    let rows = sqlx::query(
        "SELECT child_b AS other FROM kept_apart WHERE child_a = $1 UNION SELECT child_a AS other FROM kept_apart WHERE child_b = $1",
    )
    .bind(child_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("other")?)).collect()
}

pub struct Override<'a> {
    pub child_id: ChildId,
    pub slot_id: Option<i64>,
    pub occurrence_id: Option<OccurrenceId>,
    pub clash: &'a str,
    pub reason: &'a str,
    pub by: PersonId,
    pub at: i64,
}

pub async fn record_override(conn: &mut Connection, record: Override<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO clash_overrides (child_id, slot_id, occurrence_id, clash, reason, overridden_by, overridden_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(record.child_id)
    .bind(record.slot_id)
    .bind(record.occurrence_id)
    .bind(record.clash)
    .bind(record.reason)
    .bind(record.by)
    .bind(record.at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The child's appointment that began most recently and still stands (for `/attended` and `/missed`).
pub async fn latest_started(conn: &mut Connection, child_id: ChildId, now: i64) -> StoreResult<Option<Occurrence>> {
    let sql = format!(
        "SELECT {OCCURRENCE_COLUMNS} FROM occurrences WHERE child_id = $1 AND state = 'scheduled' AND starts_at <= $2 \
         ORDER BY starts_at DESC LIMIT 1"
    );
    let row = sqlx::query(&sql).bind(child_id).bind(now).fetch_optional(conn).await?;
    row.as_ref().map(occurrence_from_row).transpose()
}

/// How many of the child's appointments they could not be told about.
pub async fn count_unreachable(conn: &mut Connection, child_id: ChildId) -> StoreResult<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM occurrences WHERE child_id = $1 AND unreachable_at IS NOT NULL")
        .bind(child_id)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get("n")?)
}

/// Whether the child could not be told about this appointment.
pub async fn was_unreachable(conn: &mut Connection, occurrence_id: OccurrenceId) -> StoreResult<bool> {
    let row = sqlx::query("SELECT unreachable_at FROM occurrences WHERE id = $1")
        .bind(occurrence_id)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => row.try_get::<Option<i64>, _>("unreachable_at")?.is_some(),
        None => false,
    })
}
