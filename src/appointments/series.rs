//! The weekly series kept as rows: each slot's occurrences a year ahead, topped up as time passes,
//! with their reminder and attendance jobs, and cut back to a child's order end.

use crate::domain::ids::ChildId;
use chrono::{Duration, NaiveDate, NaiveTime};

use crate::config::Settings;
use crate::domain::schedule::{WeeklySlot, resolve_local};
use crate::engagement::attendance;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState, StoredSlot};
use crate::store::people::{self};
use crate::store::{Connection, StoreResult, engagement};
use crate::usecase::context::{Context, UseCaseResult};

use super::reminders;
use super::{HORIZON_WEEKS, ORDER_ENDED};

pub(super) async fn order_end(conn: &mut Connection, child_id: ChildId) -> StoreResult<Option<NaiveDate>> {
    let record = people::child_record(conn, child_id).await?;
    Ok(record.and_then(|r| r.details.order_end))
}

/// The slot as it really runs: its own end, or the order's end if that comes first.
pub(super) fn effective(slot: &WeeklySlot, order_end: Option<NaiveDate>) -> WeeklySlot {
    let ends_on = match (slot.ends_on, order_end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    WeeklySlot { ends_on, ..slot.clone() }
}

/// Makes sure a slot's occurrences exist as rows from `from` up to `until`.
pub(super) async fn materialise(
    conn: &mut Connection,
    settings: &Settings,
    stored: &StoredSlot,
    order_end: Option<NaiveDate>,
    from: NaiveDate,
    until: NaiveDate,
    now: i64,
) -> StoreResult<()> {
    let rule = effective(&stored.slot, order_end);
    for date in rule.dates_between(from, until) {
        let (start, end) = rule.interval_on(settings.time_zone, date);
        // An occurrence that would already have begun is not made: it never happened.
        if start.timestamp() <= now {
            continue;
        }
        let inserted = store::insert_series_occurrence(
            conn,
            store::SeriesOccurrence {
                child_id: stored.child_id,
                slot_id: stored.id,
                series_date: date,
                starts_at: start.timestamp(),
                ends_at: end.timestamp(),
                place: &rule.place,
            },
            now,
        )
        .await?;
        if let Some(id) = inserted {
            // A week inside an approved suspension starts suspended: no reminders, no question after.
            if engagement::suspended_on(conn, stored.child_id, date).await? {
                store::change_state(conn, id, OccurrenceState::Suspended, Some("suspension"), None, now).await?;
                continue;
            }
            let occurrence = store::find_occurrence(conn, id)
                .await?
                .ok_or_else(|| crate::store::StoreError::Corrupt("the occurrence just made is missing".into()))?;
            schedule_jobs(conn, settings, &occurrence, now).await?;
        }
    }
    Ok(())
}

/// Everything timed about one occurrence: its reminders, and the attendance question when it ends.
pub(super) async fn schedule_jobs(
    conn: &mut Connection,
    settings: &Settings,
    occurrence: &Occurrence,
    now: i64,
) -> StoreResult<()> {
    reminders::schedule(conn, settings, occurrence, now).await?;
    attendance::schedule(conn, occurrence, now).await
}

/// Tops up every running slot's occurrences to the horizon. Idempotent: run it at start and hourly.
/// Only the weeks past what each slot already has are looked at, so a restart with a year of
/// occurrences for thousands of children stays quick.
pub async fn top_up_all(conn: &mut Connection, settings: &Settings, today: NaiveDate, now: i64) -> StoreResult<()> {
    let horizon = today + Duration::weeks(HORIZON_WEEKS);
    let made_until = store::series_made_until(conn).await?;
    for stored in store::list_all_current_slots(conn, today).await? {
        let from = match made_until.get(&stored.id) {
            // The next week would fall past the horizon: nothing to make yet.
            Some(last) if *last + Duration::weeks(1) > horizon => continue,
            Some(last) => (*last + Duration::days(1)).max(today),
            None => today,
        };
        let end = order_end(conn, stored.child_id).await?;
        materialise(conn, settings, &stored, end, from, horizon, now).await?;
    }
    Ok(())
}

/// After a child's order end changes: occurrences after it are cancelled, and a later end is filled in.
pub async fn follow_order_end(ctx: &mut Context<'_>, child_id: ChildId) -> UseCaseResult {
    let (tz, today, now) = (ctx.time_zone(), ctx.today(), ctx.timestamp());
    let end = order_end(ctx.tx, child_id).await?;
    for stored in store::list_current_slots(ctx.tx, child_id, today).await? {
        let after_end = end.map(|end| resolve_local(tz, end + Duration::days(1), NaiveTime::MIN).timestamp().max(now));
        // An order extended again gets back the weeks its earlier end had cancelled.
        store::restore_cancelled(ctx.tx, stored.id, ORDER_ENDED, now, after_end.unwrap_or(i64::MAX)).await?;
        if let Some(after_end) = after_end {
            store::cancel_slot_from(ctx.tx, stored.id, after_end, ORDER_ENDED, now).await?;
        }
        materialise(ctx.tx, ctx.settings, &stored, end, today, today + Duration::weeks(HORIZON_WEEKS), now).await?;
    }
    Ok(())
}
