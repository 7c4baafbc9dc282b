//! One-off changes to a series: a week skipped (`/skip`) or moved (`/move`).

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::domain::clash::{Fixed, one_off_clashes, worker_one_off_clashes};
use crate::domain::schedule::resolve_local;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState};
use crate::store::people::Person;
use crate::store::{audit, engagement};
use crate::templates::Text;
use crate::usecase::access::find_child;
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::wording;

use super::apart::told_or_not;
use super::clashes::{fixed, judge_clashes, record_overrides, scheduled, surroundings};
use super::series::{order_end, schedule_jobs};

/// The child's scheduled occurrences on a local date that have not started yet.
pub(super) async fn upcoming_on(
    ctx: &mut Context<'_>,
    child: &Person,
    date: NaiveDate,
) -> UseCaseResult<Vec<Occurrence>> {
    let tz = ctx.time_zone();
    let from = resolve_local(tz, date, NaiveTime::MIN).timestamp();
    let until = resolve_local(tz, date + Duration::days(1), NaiveTime::MIN).timestamp();
    let now = ctx.timestamp();
    let on_day = scheduled(store::list_occurrences(ctx.tx, child.child_id(), from, until).await?);
    if on_day.is_empty() {
        return refuse(
            Text::new("staff-no-appointment-on").arg("name", child.name.as_str()).arg("date", date.to_string()),
        );
    }
    let upcoming: Vec<Occurrence> = on_day.into_iter().filter(|o| o.starts_at > now).collect();
    if upcoming.is_empty() {
        return refuse(
            Text::new("staff-already-started").arg("name", child.name.as_str()).arg("date", date.to_string()),
        );
    }
    Ok(upcoming)
}

/// `/skip NAME DATE [reason]`: that day's appointment is off; the series goes on.
pub async fn skip(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Skip { child, date, reason }: command::Skip,
) -> UseCaseResult {
    let child = find_child(ctx, actor, &child).await?;
    let occurrences = upcoming_on(ctx, &child, date).await?;
    let now = ctx.timestamp();
    let reason = reason.as_deref();
    for occurrence in &occurrences {
        store::change_state(ctx.tx, occurrence.id, OccurrenceState::Skipped, reason, Some(actor.id), now).await?;
    }
    audit::record(ctx.tx, now, Some(actor.id), "skip-occurrence", Some(child.id)).await?;
    let tz = ctx.time_zone();
    ctx.reply(
        Text::new("staff-skipped")
            .arg("told", told_or_not(&child))
            .arg("name", child.name.as_str())
            .arg("when", wording::when_exact(tz, occurrences[0].starts_at)),
    );
    ctx.mail.send_to_person(&child, Text::new("child-skipped").arg("date", wording::date(date)));
    Ok(())
}

/// `/move NAME DATE NEWDATE HH:MM [place=...] [override="reason"]`: one week moves; the series stays.
pub async fn move_one(ctx: &mut Context<'_>, actor: &Person, command: command::Move) -> UseCaseResult {
    let typed = (command::CommandName::Move, command.typed());
    let command::Move { child, date, new_date, time, place, override_reason } = command;
    let child = find_child(ctx, actor, &child).await?;
    let original = upcoming_on(ctx, &child, date).await?.remove(0);
    let place = place.unwrap_or_else(|| original.place.clone());
    let tz = ctx.time_zone();
    let now = ctx.timestamp();
    let start = resolve_local(tz, new_date, time);
    if start.timestamp() <= now {
        return refuse(Text::new("staff-date-in-past"));
    }
    if let Some(end) = order_end(ctx.tx, child.child_id()).await?.filter(|end| new_date > *end) {
        return refuse(
            Text::new("staff-outside-order").arg("name", child.name.as_str()).arg("order_end", end.to_string()),
        );
    }
    if engagement::suspended_on(ctx.tx, child.child_id(), new_date).await? {
        return refuse(Text::new("staff-move-into-suspension").arg("name", child.name.as_str()));
    }
    let candidate = Fixed { start, end: start + Duration::seconds(original.ends_at - original.starts_at), place };
    let around = surroundings(ctx, &child).await?;
    let own: Vec<Fixed> = around.own_occurrences.iter().filter(|o| o.id != original.id).map(fixed).collect();
    let apart: Vec<Fixed> = around.apart_occurrences.iter().map(fixed).collect();
    let mut clashes = one_off_clashes(tz, &candidate, &around.commitments, &own, &apart);
    if let Some(worker) = &around.worker {
        let others: Vec<Fixed> = worker.occurrences.iter().map(fixed).collect();
        clashes.extend(worker_one_off_clashes(&candidate, &worker.name, &others));
    }
    if !judge_clashes(ctx, &clashes, &child, override_reason.as_deref(), typed).await? {
        return Ok(());
    }

    store::change_state(ctx.tx, original.id, OccurrenceState::Moved, None, Some(actor.id), now).await?;
    let moved_id = store::insert_moved_occurrence(
        ctx.tx,
        &original,
        candidate.start.timestamp(),
        candidate.end.timestamp(),
        &candidate.place,
        actor.id,
        now,
    )
    .await?;
    let moved = store::find_occurrence(ctx.tx, moved_id)
        .await?
        .ok_or_else(|| crate::store::StoreError::Corrupt("the occurrence just made is missing".into()))?;
    schedule_jobs(ctx.tx, ctx.settings, &moved, now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "move-occurrence", Some(child.id)).await?;
    record_overrides(ctx, actor, &child, &clashes, override_reason.as_deref(), None, Some(moved_id)).await?;
    ctx.reply(
        Text::new("staff-moved")
            .arg("told", told_or_not(&child))
            .arg("name", child.name.as_str())
            .arg("from", wording::when_exact(tz, original.starts_at))
            .arg("to", wording::when_exact(tz, candidate.start.timestamp()))
            .arg("place", wording::place(&candidate.place)),
    );
    ctx.mail.send_to_person(
        &child,
        Text::new("child-moved")
            .arg("date", wording::date(date))
            .arg("when", wording::when(tz, candidate.start.timestamp()))
            .arg("place", wording::place(&candidate.place)),
    );
    Ok(())
}
