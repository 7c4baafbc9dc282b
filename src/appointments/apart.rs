//! Children kept apart (`/apart`): never booked at the same time, never in the same drop-in.

use crate::domain::ids::ChildId;
use chrono::Duration;

use crate::domain::clash::APART_MARGIN_MINUTES;
use crate::domain::people::Role;
use crate::store::appointments::{self as store};
use crate::store::audit;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::{find_child, may_act_on};
use crate::usecase::action::CallbackAction;
use crate::usecase::choices;
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::wording;

use super::HORIZON_WEEKS;
use super::clashes::scheduled;

/// `/apart NAME OTHER`: the other child may be on any caseload; when the name is shared, the bot asks.
pub async fn keep_apart(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Apart { child, other: other_name }: command::Apart,
) -> UseCaseResult {
    let child = find_child(ctx, actor, &child).await?;
    let candidates = match people::find_child_in_caseload(ctx.tx, actor.id, &other_name.key()).await? {
        Some(own) => vec![own],
        None => people::find_children_by_name(ctx.tx, &other_name.key()).await?,
    };
    match candidates.as_slice() {
        [] => refuse(Text::new("staff-no-such-child-anywhere").arg("name", other_name.as_str())),
        [other] => record_apart(ctx, actor, &child, other).await,
        several => {
            let child_id = child.child_id();
            choices::ask_which_child(ctx, other_name.as_str(), several, |other| CallbackAction::KeepApart {
                child_id,
                other_id: other.child_id(),
            })
            .await
        }
    }
}

/// The button from `/apart` when a name was shared, checked again on arrival.
pub async fn keep_apart_tapped(
    ctx: &mut Context<'_>,
    actor: &Person,
    child_id: ChildId,
    other_id: ChildId,
) -> UseCaseResult {
    let child = people::find_by_id(ctx.tx, child_id).await?.filter(|c| may_act_on(actor, c));
    let other = people::find_by_id(ctx.tx, other_id).await?.filter(|o| o.role == Role::Child);
    match (child, other) {
        (Some(child), Some(other)) => {
            ctx.mail.concerning(child.child_id());
            record_apart(ctx, actor, &child, &other).await
        }
        _ => refuse(Text::new("any-old-button")),
    }
}

pub(super) async fn record_apart(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    other: &Person,
) -> UseCaseResult {
    if child.id == other.id {
        return refuse(Text::new("staff-apart-self"));
    }
    let now = ctx.timestamp();
    if !store::keep_apart(ctx.tx, child.id, other.id, actor.id, now).await? {
        return refuse(
            Text::new("staff-apart-already").arg("name", child.name.as_str()).arg("other", other.name.as_str()),
        );
    }
    audit::record(ctx.tx, now, Some(actor.id), "keep-apart", Some(child.id)).await?;
    audit::record(ctx.tx, now, Some(actor.id), "keep-apart", Some(other.id)).await?;
    ctx.reply(Text::new("staff-apart-done").arg("name", child.name.as_str()).arg("other", other.name.as_str()));
    crate::dropins::separate(ctx, child, other).await?;
    // The other child's worker must know too: their bookings will now be checked against this child.
    for (theirs, mine) in [(other, child), (child, other)] {
        let worker = match theirs.worker_id.filter(|id| *id != actor.id) {
            Some(worker_id) => people::find_by_id(ctx.tx, worker_id).await?,
            None => None,
        };
        if let Some(worker) = worker {
            ctx.mail.send_to_person(
                &worker,
                Text::new("staff-apart-told").arg("name", theirs.name.as_str()).arg("other", mine.name.as_str()),
            );
        }
    }
    warn_of_existing_meetings(ctx, actor, child, other).await
}

/// Bookings made before the two were kept apart are not changed by it: both workers are shown where
/// the children would already meet, to move or skip one.
pub(super) async fn warn_of_existing_meetings(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    other: &Person,
) -> UseCaseResult {
    const SHOWN: usize = 5;
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let horizon = now + Duration::weeks(HORIZON_WEEKS).num_seconds();
    let margin = APART_MARGIN_MINUTES * 60;
    let mine = scheduled(store::list_occurrences(ctx.tx, child.child_id(), now, horizon).await?);
    let theirs = scheduled(store::list_occurrences(ctx.tx, other.child_id(), now, horizon).await?);
    let meetings: Vec<Text> = mine
        .iter()
        .filter(|a| {
            theirs.iter().any(|b| {
                a.place.same_room_as(&b.place) && a.starts_at - margin < b.ends_at && b.starts_at - margin < a.ends_at
            })
        })
        .take(SHOWN)
        .map(|a| {
            Text::new("staff-meeting-line")
                .arg("when", wording::when_exact(tz, a.starts_at))
                .arg("place", wording::place(&a.place))
        })
        .collect();
    if meetings.is_empty() {
        return Ok(());
    }
    let warning = Text::new("staff-apart-meeting")
        .arg("name", child.name.as_str())
        .arg("other", other.name.as_str())
        .arg("meetings", meetings);
    ctx.reply(warning.clone());
    let other_worker = match other.worker_id.filter(|id| *id != actor.id) {
        Some(id) => people::find_by_id(ctx.tx, id).await?,
        None => None,
    };
    if let Some(worker) = other_worker {
        ctx.mail.send_to_person(&worker, warning);
    }
    Ok(())
}

/// Whether the child hears of a change from us, or their worker must tell them.
pub(super) fn told_or_not(child: &Person) -> Text {
    let key = if child.has_joined() { "staff-child-told" } else { "staff-child-not-told" };
    Text::new(key).arg("name", child.name.as_str())
}
