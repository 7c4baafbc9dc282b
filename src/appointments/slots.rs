//! Fixed weekly slots: added (`/slot`) and ended (`/endslot`).

use chrono::Duration;

use crate::domain::clash::{weekly_clashes, worker_weekly_clashes};
use crate::domain::schedule::{Place, WeeklySlot};
use crate::store::appointments::{self as store, StoredSlot};
use crate::store::audit;
use crate::store::people::Person;
use crate::templates::Text;
use crate::usecase::access::find_child;
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::wording;

use super::clashes::{judge_clashes, one_offs, record_overrides, surroundings};
use super::series::{effective, materialise, order_end};
use super::{DEFAULT_MINUTES, HORIZON_WEEKS};

/// `/slot NAME DAY HH:MM [MINUTES] [place=...] [from=YYYY-MM-DD] [override="reason"]`
pub async fn add_slot(ctx: &mut Context<'_>, actor: &Person, command: command::Slot) -> UseCaseResult {
    let typed = (command::CommandName::Slot, command.typed());
    let command::Slot { child, weekday, time, minutes, place, from, override_reason } = command;
    let minutes = minutes.unwrap_or(DEFAULT_MINUTES);
    let child = find_child(ctx, actor, &child).await?;
    let place = place.unwrap_or_else(|| Place::Named(Place::DEFAULT.into()));
    let today = ctx.today();
    let from = from.unwrap_or(today);
    if from < today {
        return refuse(Text::new("staff-date-in-past"));
    }
    let end = order_end(ctx.tx, child.child_id()).await?;
    if let Some(end) = end.filter(|end| from > *end) {
        return refuse(
            Text::new("staff-outside-order").arg("name", child.name.as_str()).arg("order_end", end.to_string()),
        );
    }
    let slot = WeeklySlot { weekday, time, minutes, place, starts_on: from, ends_on: None };
    let tz = ctx.time_zone();
    let around = surroundings(ctx, &child).await?;
    let own_slots: Vec<WeeklySlot> = around.own_slots.iter().map(|s| s.slot.clone()).collect();
    let candidate = effective(&slot, end);
    let mut clashes = weekly_clashes(
        tz,
        &candidate,
        &around.commitments,
        &own_slots,
        &one_offs(&around.own_occurrences),
        &around.apart_slots,
        &one_offs(&around.apart_occurrences),
    );
    if let Some(worker) = &around.worker {
        let once = one_offs(&worker.occurrences);
        clashes.extend(worker_weekly_clashes(tz, &candidate, &worker.name, &worker.slots, &once));
    }
    if !judge_clashes(ctx, &clashes, &child, override_reason.as_deref(), typed).await? {
        return Ok(());
    }

    let now = ctx.timestamp();
    let slot_id = store::insert_slot(ctx.tx, child.child_id(), &slot, actor.id, now).await?;
    let stored = StoredSlot { id: slot_id, child_id: child.child_id(), slot: slot.clone() };
    materialise(ctx.tx, ctx.settings, &stored, end, from, from + Duration::weeks(HORIZON_WEEKS), now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "add-slot", Some(child.id)).await?;
    record_overrides(ctx, actor, &child, &clashes, override_reason.as_deref(), Some(slot_id), None).await?;

    let next = store::next_scheduled(ctx.tx, child.child_id(), now).await?;
    let until = match end {
        Some(end) => Text::new("staff-until-date").arg("date", end.to_string()),
        None => Text::new("staff-until-open"),
    };
    let next = match next {
        Some(occurrence) => wording::when_exact(tz, occurrence.starts_at),
        None => Text::new("staff-none-booked"),
    };
    ctx.reply(
        Text::new("staff-slot-booked")
            .arg("name", child.name.as_str())
            .arg("weekday", wording::weekday(weekday))
            .arg("time", time.format("%H:%M").to_string())
            .arg("minutes", minutes)
            .arg("place", wording::place(&slot.place))
            .arg("from", from.to_string())
            .arg("until", until)
            .arg("next", next),
    );
    ctx.mail.send_to_person(
        &child,
        Text::new("child-slot-booked")
            .arg("weekday", wording::weekday(weekday))
            .arg("time", wording::time_of_day(time))
            .arg("place", wording::place(&slot.place)),
    );
    Ok(())
}

/// `/endslot NAME DAY HH:MM`: the slot stops; occurrences still to come are cancelled, the past stays.
pub async fn end_slot(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::EndSlot { child, weekday, time }: command::EndSlot,
) -> UseCaseResult {
    let child = find_child(ctx, actor, &child).await?;
    let today = ctx.today();
    let slots = store::list_current_slots(ctx.tx, child.child_id(), today).await?;
    let Some(stored) = slots.into_iter().find(|s| s.slot.weekday == weekday && s.slot.time == time) else {
        return refuse(
            Text::new("staff-no-such-slot")
                .arg("name", child.name.as_str())
                .arg("weekday", wording::weekday(weekday))
                .arg("time", time.format("%H:%M").to_string()),
        );
    };
    let now = ctx.timestamp();
    // The slot's last day is yesterday; anything later today is cancelled below with the rest.
    store::end_slot(ctx.tx, stored.id, today - Duration::days(1)).await?;
    let cancelled = store::cancel_slot_from(ctx.tx, stored.id, now, "slot ended", now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "end-slot", Some(child.id)).await?;
    ctx.reply(
        Text::new("staff-slot-ended")
            .arg("name", child.name.as_str())
            .arg("weekday", wording::weekday(weekday))
            .arg("time", time.format("%H:%M").to_string())
            .arg("cancelled", cancelled as i64),
    );
    ctx.mail.send_to_person(
        &child,
        Text::new("child-slot-ended").arg("weekday", wording::weekday(weekday)).arg("time", wording::time_of_day(time)),
    );
    Ok(())
}
