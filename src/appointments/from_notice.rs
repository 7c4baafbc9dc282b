//! What a worker does straight from a notice about a child's answer ("I can't make it", "I need to
//! change the time"): skip that appointment, move it (they type the new day and time), or tell the
//! child they will call them back. The same rules as `/skip` and `/move`, without retyping the child.

use crate::domain::ids::OccurrenceId;
use crate::domain::people::PersonName;
use crate::domain::schedule::local_of;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState};
use crate::store::audit;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::may_act_on;
use crate::usecase::commands::{self as command, date_and_time};
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::wording;

use super::apart::told_or_not;
use super::changes;

/// The appointment a notice's button names and its child, if the tapper may act on the child.
async fn named_by_notice(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
) -> UseCaseResult<(Occurrence, Person)> {
    let Some(occurrence) = store::find_occurrence(ctx.tx, occurrence_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, occurrence.child_id).await?.filter(|child| may_act_on(actor, child));
    let Some(child) = child else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    Ok((occurrence, child))
}

/// Whether the appointment can still be changed: still on, and not started.
fn still_to_come(ctx: &Context<'_>, occurrence: &Occurrence) -> bool {
    occurrence.state == OccurrenceState::Scheduled && occurrence.starts_at > ctx.timestamp()
}

fn too_late(ctx: &Context<'_>, child: &Person, occurrence: &Occurrence) -> Text {
    Text::new("staff-notice-too-late")
        .arg("name", child.name.as_str())
        .arg("when", wording::when_exact(ctx.time_zone(), occurrence.starts_at))
}

/// The child's name as a command would take it, and the local date of the appointment.
fn as_typed(
    ctx: &Context<'_>,
    child: &Person,
    occurrence: &Occurrence,
) -> UseCaseResult<(PersonName, chrono::NaiveDate)> {
    let name = PersonName::parse(&child.name)
        .map_err(|_| crate::store::StoreError::Corrupt("a child's stored name does not read as a name".into()))?;
    let at = chrono::DateTime::from_timestamp(occurrence.starts_at, 0).unwrap_or_default();
    Ok((name, local_of(ctx.time_zone(), at).date()))
}

/// **Skip this one**: as `/skip`, for the appointment the notice is about.
pub async fn skip(ctx: &mut Context<'_>, actor: &Person, occurrence_id: OccurrenceId) -> UseCaseResult {
    let (occurrence, child) = named_by_notice(ctx, actor, occurrence_id).await?;
    if !still_to_come(ctx, &occurrence) {
        return refuse(too_late(ctx, &child, &occurrence));
    }
    let (name, date) = as_typed(ctx, &child, &occurrence)?;
    ctx.chosen_child = Some(child.child_id());
    changes::skip(ctx, actor, command::Skip { child: name, date, reason: None }).await
}

/// **Move this one**: the child and the local date of the appointment, if it can still be moved (the
/// worker then picks the new day and time as `/move` from the menu does).
pub async fn movable(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
) -> UseCaseResult<(Person, chrono::NaiveDate)> {
    let (occurrence, child) = named_by_notice(ctx, actor, occurrence_id).await?;
    if !still_to_come(ctx, &occurrence) {
        return refuse(too_late(ctx, &child, &occurrence));
    }
    let (_, date) = as_typed(ctx, &child, &occurrence)?;
    Ok((child, date))
}

/// The new day and time, typed after **Move this one** as it asked before guided flows (a question
/// kept from then, across an upgrade): moved as `/move` would. Words that cannot be read are refused
/// and the question stands; a command instead moves on.
pub async fn typed_where_to(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    text: &str,
) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let (occurrence, child) = named_by_notice(ctx, actor, occurrence_id).await?;
    if !still_to_come(ctx, &occurrence) {
        ctx.reply(too_late(ctx, &child, &occurrence));
        return Ok(true);
    }
    let (new_date, time) = match date_and_time(text, ctx.today()) {
        Ok(Ok(read)) => read,
        Ok(Err(unread)) => return refuse(unread),
        Err(()) => return refuse(Text::new("staff-move-to-usage")),
    };
    let (name, date) = as_typed(ctx, &child, &occurrence)?;
    ctx.chosen_child = Some(child.child_id());
    let moving = command::Move { child: name, date, new_date, time, place: None, override_reason: None };
    changes::move_one(ctx, actor, moving).await?;
    Ok(true)
}

/// **Call me back noted**: the child hears their worker will call them back (in the morning if it is
/// night), and the worker that they were told.
pub async fn call_back(ctx: &mut Context<'_>, actor: &Person, occurrence_id: OccurrenceId) -> UseCaseResult {
    let (occurrence, child) = named_by_notice(ctx, actor, occurrence_id).await?;
    let (_, date) = as_typed(ctx, &child, &occurrence)?;
    let worker = people::worker_name(ctx.tx, &child).await?;
    ctx.mail
        .send_to_person(&child, Text::new("child-call-back").arg("worker", worker).arg("date", wording::date(date)));
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "call-back-noted", Some(child.id)).await?;
    ctx.reply(Text::new("staff-call-back-noted").arg("told", told_or_not(&child)));
    Ok(())
}
