//! What an appointment must not clash with, gathered for one child, and the worker's reason when
//! they book anyway.

use crate::domain::ids::{ChildId, OccurrenceId};
use chrono::Duration;
use chrono_tz::Tz;

use crate::domain::clash::{Clash, Commitment, Fixed};
use crate::domain::schedule::WeeklySlot;
use crate::domain::weekdays::weekday_short;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState, Override, StoredSlot};
use crate::store::audit;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::choices::offer;
use crate::usecase::commands::CommandName;
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::mail::Button;
use crate::usecase::wording;

use super::HORIZON_WEEKS;
use super::series::{effective, order_end};

/// What the child's week already holds, and what the children kept apart from them hold.
pub(super) struct Surroundings {
    pub(super) commitments: Vec<Commitment>,
    pub(super) own_slots: Vec<StoredSlot>,
    pub(super) own_occurrences: Vec<Occurrence>,
    pub(super) apart_slots: Vec<WeeklySlot>,
    pub(super) apart_occurrences: Vec<Occurrence>,
    /// The child's worker and what they hold with their other children: a worker cannot be at two
    /// appointments at once.
    pub(super) worker: Option<WorkerDiary>,
}

pub(super) struct WorkerDiary {
    pub(super) name: String,
    pub(super) slots: Vec<WeeklySlot>,
    pub(super) occurrences: Vec<Occurrence>,
}

pub(super) async fn surroundings(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult<Surroundings> {
    let child_id = child.child_id();
    let (today, now) = (ctx.today(), ctx.timestamp());
    let horizon = now + Duration::weeks(HORIZON_WEEKS + 1).num_seconds();
    let commitments = store::list_commitments(ctx.tx, child_id).await?.into_iter().map(|c| c.commitment).collect();
    let end = order_end(ctx.tx, child_id).await?;
    let own_slots = store::list_current_slots(ctx.tx, child_id, today)
        .await?
        .into_iter()
        .map(|s| StoredSlot { slot: effective(&s.slot, end), ..s })
        .collect();
    let own_occurrences = scheduled(store::list_occurrences(ctx.tx, child_id, now, horizon).await?);
    let mut apart_slots = Vec::new();
    let mut apart_occurrences = Vec::new();
    for other in store::kept_apart_from(ctx.tx, child_id).await? {
        let other_end = order_end(ctx.tx, other).await?;
        apart_slots.extend(
            store::list_current_slots(ctx.tx, other, today).await?.into_iter().map(|s| effective(&s.slot, other_end)),
        );
        apart_occurrences.extend(scheduled(store::list_occurrences(ctx.tx, other, now, horizon).await?));
    }
    let worker = match people::worker_of(ctx.tx, child).await? {
        Some(worker) => Some(worker_diary(ctx, worker, child_id, horizon).await?),
        None => None,
    };
    Ok(Surroundings { commitments, own_slots, own_occurrences, apart_slots, apart_occurrences, worker })
}

async fn worker_diary(
    ctx: &mut Context<'_>,
    worker: Person,
    except: ChildId,
    horizon: i64,
) -> UseCaseResult<WorkerDiary> {
    let (today, now) = (ctx.today(), ctx.timestamp());
    let mut slots = Vec::new();
    for stored in store::list_caseload_slots(ctx.tx, worker.id, except, today).await? {
        let end = order_end(ctx.tx, stored.child_id).await?;
        slots.push(effective(&stored.slot, end));
    }
    let occurrences = store::list_caseload_scheduled(ctx.tx, worker.id, except, now, horizon).await?;
    Ok(WorkerDiary { name: worker.name, slots, occurrences })
}

pub(super) fn scheduled(occurrences: Vec<Occurrence>) -> Vec<Occurrence> {
    occurrences.into_iter().filter(|o| o.state == OccurrenceState::Scheduled).collect()
}

pub(super) fn fixed(occurrence: &Occurrence) -> Fixed {
    let at = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
    Fixed { start: at(occurrence.starts_at), end: at(occurrence.ends_at), place: occurrence.place.clone() }
}

/// Moved occurrences stand alone; series occurrences are covered by their slot's weekly rule.
pub(super) fn one_offs(occurrences: &[Occurrence]) -> Vec<Fixed> {
    occurrences.iter().filter(|o| o.moved_from.is_some()).map(fixed).collect()
}

pub(super) fn clash_text(tz: Tz, clash: &Clash, child: &Person) -> Text {
    match clash {
        Clash::Commitment { label, days, window } => Text::new("clash-commitment")
            .arg("label", label.as_str())
            .arg("days", days.to_string())
            .arg("window", window.to_string()),
        Clash::OwnSlot { weekday, time } => Text::new("clash-own-slot")
            .arg("name", child.name.as_str())
            .arg("weekday", wording::weekday(*weekday))
            .arg("time", time.format("%H:%M").to_string()),
        Clash::OwnAppointment { start } => Text::new("clash-own-appointment")
            .arg("name", child.name.as_str())
            .arg("when", wording::when_exact(tz, start.timestamp())),
        Clash::KeptApart => Text::new("clash-kept-apart"),
        Clash::WorkerSlot { worker, weekday, time } => Text::new("clash-worker-slot")
            .arg("worker", worker.as_str())
            .arg("weekday", wording::weekday(*weekday))
            .arg("time", time.format("%H:%M").to_string()),
        Clash::WorkerAppointment { worker, start } => Text::new("clash-worker-appointment")
            .arg("worker", worker.as_str())
            .arg("when", wording::when_exact(tz, start.timestamp())),
    }
}

/// A short fixed description for the override record; never names another child.
pub(super) fn clash_record(clash: &Clash) -> String {
    match clash {
        Clash::Commitment { label, days, window } => format!("commitment: {label}, {days} {window}"),
        Clash::OwnSlot { weekday, time } => format!("own slot: {} {}", weekday_short(*weekday), time.format("%H:%M")),
        Clash::OwnAppointment { start } => format!("own appointment at {}", start.to_rfc3339()),
        Clash::KeptApart => "kept-apart child at the same place".into(),
        Clash::WorkerSlot { weekday, time, .. } => {
            format!("worker's other child: {} {}", weekday_short(*weekday), time.format("%H:%M"))
        }
        Clash::WorkerAppointment { start, .. } => format!("worker's other child at {}", start.to_rfc3339()),
    }
}

/// Refuses when there are clashes and no override; otherwise returns the override reason, if any.
/// Whether to go on and book: yes with no clash, or with a reason to book anyway. Otherwise the clashes
/// are named, with **Book anyway...** (which asks why) for the command as it was typed, and nothing
/// is booked.
pub(super) async fn judge_clashes(
    ctx: &mut Context<'_>,
    clashes: &[Clash],
    child: &Person,
    override_reason: Option<&str>,
    (command, typed): (CommandName, String),
) -> UseCaseResult<bool> {
    if clashes.is_empty() || override_reason.is_some() {
        return Ok(true);
    }
    let tz = ctx.time_zone();
    let lines: Vec<Text> = clashes.iter().map(|c| clash_text(tz, c, child)).collect();
    let anyway =
        CallbackAction::BookAnyway { child_id: child.child_id(), command: command.word().to_owned(), args: typed };
    let button = Button { label: Text::new("staff-button-book-anyway"), action: offer(ctx, anyway).await? };
    ctx.mail.send_with_buttons(
        ctx.reply_to,
        Text::new("staff-refused-clash").arg("clashes", lines),
        vec![vec![button]],
    );
    Ok(false)
}

pub(super) async fn record_overrides(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    clashes: &[Clash],
    reason: Option<&str>,
    slot_id: Option<i64>,
    occurrence_id: Option<OccurrenceId>,
) -> UseCaseResult {
    let Some(reason) = reason.filter(|_| !clashes.is_empty()) else { return Ok(()) };
    let now = ctx.timestamp();
    for clash in clashes {
        let clash = clash_record(clash);
        store::record_override(
            ctx.tx,
            Override {
                child_id: child.child_id(),
                slot_id,
                occurrence_id,
                clash: &clash,
                reason,
                by: actor.id,
                at: now,
            },
        )
        .await?;
    }
    audit::record(ctx.tx, now, Some(actor.id), "override-clash", Some(child.id)).await?;
    let lines: Vec<Text> = clashes.iter().map(|c| clash_text(ctx.time_zone(), c, child)).collect();
    ctx.reply(Text::new("staff-overridden").arg("clashes", lines).arg("reason", reason));
    Ok(())
}
