//! Suspensions: a worker asks, a manager approves or refuses. Longer than a month needs the court's
//! variation first, so approving one waits for its reference. Suspended weeks send no reminders, ask
//! no attendance question and count as no misses.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::domain::engagement::{joined_span, longer_than_a_month};
use crate::domain::people::{Awaiting, Role};
use crate::domain::schedule::resolve_local;
use crate::domain::text::tidy;
use crate::store::engagement::{self as store, NewSuspension, Suspension, SuspensionState};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, audit};
use crate::templates::Text;
use crate::usecase::access::{self, find_child};
use crate::usecase::action::CallbackAction;
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;
use crate::usecase::wording;

const REFERENCE_MAX_CHARS: usize = 60;

fn days(suspension_from: NaiveDate, to: NaiveDate) -> i64 {
    (to - suspension_from).num_days() + 1
}

fn request_text(suspension: &Suspension, child: &Person, worker: &str, long: bool) -> Text {
    Text::new("staff-suspension-request")
        .arg("worker", worker)
        .arg("name", child.name.as_str())
        .arg("from", wording::date(suspension.from))
        .arg("to", wording::date(suspension.to))
        .arg("days", days(suspension.from, suspension.to))
        .arg("reason", suspension.reason.as_str())
        .arg("long", if long { "yes" } else { "no" })
}

/// `/suspend NAME FROM TO REASON`: every manager is asked, with Approve / Refuse.
pub async fn request(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Suspend { child, from, to, reason }: command::Suspend,
) -> UseCaseResult {
    let today = ctx.today();
    let child = find_child(ctx, actor, &child).await?;
    if to < from {
        return refuse(Text::new("staff-suspension-backwards"));
    }
    if to < today {
        return refuse(Text::new("staff-suspension-past"));
    }
    let clash = store::suspensions_of(ctx.tx, child.child_id())
        .await?
        .into_iter()
        .find(|s| s.state != SuspensionState::Refused && s.from <= to && from <= s.to);
    if let Some(other) = clash {
        return refuse(
            Text::new("staff-suspension-overlaps")
                .arg("name", child.name.as_str())
                .arg("from", other.from.to_string())
                .arg("to", other.to.to_string()),
        );
    }
    let now = ctx.timestamp();
    let id = store::request_suspension(
        ctx.tx,
        NewSuspension { child_id: child.child_id(), from, to, reason: &reason, by: actor.id, now },
    )
    .await?;
    audit::record(ctx.tx, now, Some(actor.id), "suspension-request", Some(child.id)).await?;
    let suspension = store::find_suspension(ctx.tx, id)
        .await?
        .ok_or_else(|| crate::store::StoreError::Corrupt("the suspension request just made is missing".into()))?;
    let long = needs_court(ctx.tx, &suspension).await?;
    ctx.reply(
        Text::new("staff-suspension-requested")
            .arg("name", child.name.as_str())
            .arg("long", if long { "yes" } else { "no" }),
    );
    let managers = deciders(ctx.tx, actor).await?;
    let text = request_text(&suspension, &child, &actor.name, long);
    for manager in &managers {
        let buttons = vec![vec![
            Button {
                label: Text::new("staff-button-approve"),
                action: CallbackAction::DecideSuspension { suspension_id: id, approve: true },
            },
            Button {
                label: Text::new("staff-button-refuse"),
                action: CallbackAction::DecideSuspension { suspension_id: id, approve: false },
            },
        ]];
        ctx.mail.send_news_with_buttons(manager, text.clone(), buttons);
    }
    Ok(())
}

/// Whether approving needs the court's variation: the suspension, joined with the child's others
/// that touch it (approved or asked for), is longer than a month. Back-to-back requests cannot
/// step round the court.
async fn needs_court(conn: &mut Connection, suspension: &Suspension) -> StoreResult<bool> {
    let others: Vec<(NaiveDate, NaiveDate)> = store::suspensions_of(conn, suspension.child_id)
        .await?
        .into_iter()
        .filter(|s| s.id != suspension.id && s.state != SuspensionState::Refused)
        .map(|s| (s.from, s.to))
        .collect();
    let (from, to) = joined_span((suspension.from, suspension.to), &others);
    Ok(longer_than_a_month(from, to))
}

/// Every active manager but the one asking, unless they are the only one.
async fn deciders(conn: &mut Connection, asking: &Person) -> StoreResult<Vec<Person>> {
    let managers = people::list_active_managers(conn).await?;
    let others: Vec<Person> = managers.iter().filter(|m| m.id != asking.id).cloned().collect();
    Ok(if others.is_empty() { managers } else { others })
}

/// Approve or Refuse. Approving one longer than a month first asks for the court's variation reference.
pub async fn decide(
    ctx: &mut Context<'_>,
    actor: &Person,
    suspension_id: i64,
    approve: bool,
    message_id: Option<i64>,
) -> UseCaseResult {
    if !actor.role.includes(Role::Manager) {
        return refuse(Text::new("any-old-button"));
    }
    let Some(suspension) = store::find_suspension(ctx.tx, suspension_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    if suspension.state != SuspensionState::Requested {
        return refuse(Text::new("staff-suspension-already-decided"));
    }
    // The buttons go to the other managers; forged data cannot let the one asking decide.
    if suspension.requested_by == Some(actor.id) && !deciders(ctx.tx, actor).await?.iter().any(|m| m.id == actor.id) {
        return refuse(Text::new("any-old-button"));
    }
    if approve && needs_court(ctx.tx, &suspension).await? {
        let asked = Awaiting::CourtReference { suspension_id: suspension.id };
        people::set_awaiting(ctx.tx, actor.id, Some(asked)).await?;
        ctx.reply(Text::new("staff-suspension-needs-reference"));
        return Ok(());
    }
    settle(ctx, actor, &suspension, approve, None, message_id).await
}

/// The court's variation reference, typed after Approve on a long suspension. `false` if not asked.
pub async fn typed_reference(
    ctx: &mut Context<'_>,
    actor: &Person,
    suspension_id: i64,
    text: &str,
) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    if !actor.role.includes(Role::Manager) {
        return Ok(false);
    }
    let Some(reference) = tidy(text, REFERENCE_MAX_CHARS + 1).filter(|r| r.chars().count() <= REFERENCE_MAX_CHARS)
    else {
        return refuse(Text::new("staff-suspension-bad-reference").arg("max", REFERENCE_MAX_CHARS as i64));
    };
    let Some(suspension) = store::find_suspension(ctx.tx, suspension_id).await? else { return Ok(false) };
    if suspension.state != SuspensionState::Requested {
        // Another manager decided meanwhile: say so, and stop waiting for a reference.
        ctx.reply(Text::new("staff-suspension-already-decided"));
        return Ok(true);
    }
    settle(ctx, actor, &suspension, true, Some(&reference), None).await?;
    Ok(true)
}

async fn settle(
    ctx: &mut Context<'_>,
    actor: &Person,
    suspension: &Suspension,
    approve: bool,
    reference: Option<&str>,
    message_id: Option<i64>,
) -> UseCaseResult {
    let now = ctx.timestamp();
    let state = if approve { SuspensionState::Approved } else { SuspensionState::Refused };
    if !store::decide_suspension(ctx.tx, suspension.id, state, reference, actor.id, now).await? {
        return refuse(Text::new("staff-suspension-already-decided"));
    }
    let Some(child) = people::find_by_id(ctx.tx, suspension.child_id).await? else { return Ok(()) };
    ctx.mail.concerning(child.child_id());
    audit::record(
        ctx.tx,
        now,
        Some(actor.id),
        if approve { "suspension-approved" } else { "suspension-refused" },
        Some(child.id),
    )
    .await?;
    let tz = ctx.time_zone();
    if approve {
        let from = resolve_local(tz, suspension.from, NaiveTime::MIN).timestamp();
        let until = resolve_local(tz, suspension.to + Duration::days(1), NaiveTime::MIN).timestamp();
        store::suspend_occurrences(ctx.tx, child.child_id(), from, until, actor.id, now).await?;
    }
    let key = if approve { "staff-suspension-approved" } else { "staff-suspension-refused" };
    let notice = Text::new(key)
        .arg("name", child.name.as_str())
        .arg("from", wording::date(suspension.from))
        .arg("to", wording::date(suspension.to))
        .arg("manager", actor.name.as_str());
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, notice.clone()),
        None => ctx.reply(notice.clone()),
    }
    if let Some(requester_id) = suspension.requested_by.filter(|id| *id != actor.id)
        && let Some(requester) = people::find_by_id(ctx.tx, requester_id).await?
    {
        ctx.mail.send_to_person(&requester, notice.clone());
    }
    if let Some(worker_id) = child.worker_id.filter(|id| *id != actor.id && Some(*id) != suspension.requested_by)
        && let Some(worker) = people::find_by_id(ctx.tx, worker_id).await?
    {
        ctx.mail.send_to_person(&worker, notice);
    }
    if approve {
        let to_child = Text::new("child-paused")
            .arg("from", wording::date(suspension.from))
            .arg("to", wording::date(suspension.to));
        ctx.mail.send_to_person(&child, to_child);
        for carer in access::recipients(ctx.tx, child.child_id()).await? {
            let text = Text::new("carer-paused")
                .arg("name", child.name.as_str())
                .arg("from", wording::date(suspension.from))
                .arg("to", wording::date(suspension.to));
            ctx.mail.send_daytime(carer, text);
        }
    }
    Ok(())
}
