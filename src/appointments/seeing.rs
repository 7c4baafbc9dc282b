//! Seeing what is booked: `/next` for a child or carer, `/calendar`, and a child's appointments on
//! their card.

use crate::domain::ids::ChildId;
use chrono::Duration;
use chrono_tz::Tz;

use crate::domain::answers::Reply;
use crate::domain::calendar::CalendarEvent;
use crate::domain::people::Role;
use crate::domain::schedule::Place;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState};
use crate::store::people::Person;
use crate::store::{Connection, StoreResult};
use crate::templates::Text;
use crate::usecase::access::find_child;
use crate::usecase::action::CallbackAction;
use crate::usecase::commands::Named;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;
use crate::usecase::wording;

use super::HORIZON_WEEKS;
use super::clashes::fixed;
use super::commitments::commitment_text;

/// `/next` for a child: their next appointment in words they can read, with a calendar button.
pub async fn next_for_child(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    if actor.role == Role::Carer {
        return next_for_carer(ctx, actor, now).await;
    }
    match store::next_scheduled(ctx.tx, actor.child_id(), now).await? {
        None => ctx.reply(Text::new("child-no-next")),
        Some(next) => {
            let tz = ctx.time_zone();
            let text = Text::new("child-next")
                .arg("when", wording::when(tz, next.starts_at))
                .arg("place", wording::place(&next.place));
            // The answer buttons are here too, so a child can give or change their answer any time before.
            let mut buttons = crate::usecase::buttons::answer_buttons(&next, false);
            buttons
                .push(vec![Button { label: Text::new("button-add-to-calendar"), action: CallbackAction::MyCalendar }]);
            ctx.mail.send_with_buttons(ctx.reply_to, text, buttons);
        }
    }
    Ok(())
}

/// `/next` for a carer: the child's next appointment, without answer buttons.
pub(super) async fn next_for_carer(ctx: &mut Context<'_>, carer: &Person, now: i64) -> UseCaseResult {
    let next = match crate::store::carers::child_of(ctx.tx, carer.id).await? {
        Some(child_id) => store::next_scheduled(ctx.tx, child_id, now).await?,
        None => None,
    };
    match next {
        Some(next) => {
            let tz = ctx.time_zone();
            ctx.reply(
                Text::new("carer-next")
                    .arg("name", carer.name.as_str())
                    .arg("when", wording::when(tz, next.starts_at))
                    .arg("place", wording::place(&next.place)),
            );
        }
        None => ctx.reply(Text::new("carer-no-next").arg("name", carer.name.as_str())),
    }
    Ok(())
}

/// The child's appointments as an `.ics` file, for their own calendar.
pub async fn calendar_for_child(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    if actor.role != Role::Child {
        return refuse(Text::new("any-old-button"));
    }
    send_calendar(ctx, actor, Text::new("child-calendar-caption"), Text::new("child-calendar-summary")).await
}

/// `/calendar NAME`: a child's appointments as an `.ics` file for the worker's calendar.
pub async fn calendar_for_worker(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    let caption = Text::new("staff-calendar-caption").arg("name", child.name.as_str());
    let summary = Text::new("staff-calendar-summary").arg("name", child.name.as_str());
    send_calendar(ctx, &child, caption, summary).await
}

pub(super) async fn send_calendar(
    ctx: &mut Context<'_>,
    child: &Person,
    caption: Text,
    summary: Text,
) -> UseCaseResult {
    let now = ctx.timestamp();
    let tz = ctx.time_zone();
    let horizon = now + Duration::weeks(HORIZON_WEEKS).num_seconds();
    let occurrences =
        store::list_occurrences(ctx.tx, child.child_id(), now - Duration::days(1).num_seconds(), horizon).await?;
    let events = occurrences
        .iter()
        .map(|o| CalendarEvent {
            uid: format!("occurrence-{}@touchbase", o.id),
            starts_at: fixed(o).start,
            ends_at: fixed(o).end,
            summary: String::new(),
            location: match &o.place {
                Place::Named(name) => Some(name.clone()),
                _ => None,
            },
            // Skipped, moved-away and cancelled ones stay in the file as cancelled, one change later,
            // so a calendar that imported them before drops them.
            cancelled: o.state != OccurrenceState::Scheduled,
            sequence: u32::from(o.state != OccurrenceState::Scheduled),
        })
        .collect();
    ctx.mail.send_calendar(ctx.reply_to, tz, events, summary, caption, ctx.now);
    Ok(())
}

/// At most this many commitments get a **Remove** button on a child's card.
const REMOVE_BUTTONS_MAX: usize = 80;

/// The appointment part of a child's card: slots, the next four occurrences and how many children
/// this one is kept apart from; then the commitments, each with a **Remove** button.
pub async fn card_for_worker(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult<(Vec<Text>, Vec<Vec<Button>>)> {
    let (tz, today, now) = (ctx.time_zone(), ctx.today(), ctx.timestamp());
    let slots: Vec<Text> = store::list_current_slots(ctx.tx, child.child_id(), today)
        .await?
        .iter()
        .map(|s| {
            Text::new("staff-slot-line")
                .arg("weekday", wording::weekday(s.slot.weekday))
                .arg("time", s.slot.time.format("%H:%M").to_string())
                .arg("minutes", s.slot.minutes)
                .arg("place", wording::place(&s.slot.place))
        })
        .collect();
    let horizon = now + Duration::weeks(HORIZON_WEEKS).num_seconds();
    let next: Vec<Occurrence> = store::list_occurrences(ctx.tx, child.child_id(), now, horizon)
        .await?
        .into_iter()
        .filter(|o| o.state != OccurrenceState::Moved)
        .take(4)
        .collect();
    let mut upcoming = Vec::with_capacity(next.len());
    for o in &next {
        // The child's confirmation, as they gave it.
        let answer = match crate::store::answers::latest(ctx.tx, o.id).await?.and_then(|a| Reply::from_code(&a.answer))
        {
            Some(reply) => Text::new("staff-occurrence-answer").arg("answer", wording::reply_label(reply)),
            None => Text::new("staff-occurrence-no-answer"),
        };
        upcoming.push(
            Text::new("staff-occurrence-line")
                .arg("when", wording::when_exact(tz, o.starts_at))
                .arg("place", wording::place(&o.place))
                .arg("state", wording::state_text(o.state))
                .arg("answer", answer),
        );
    }
    let apart = store::kept_apart_from(ctx.tx, child.child_id()).await?.len() as i64;
    let text = Text::new("staff-child-appointments")
        .arg("slot_count", slots.len() as i64)
        .arg("slots", slots)
        .arg("upcoming_count", upcoming.len() as i64)
        .arg("upcoming", upcoming)
        .arg("apart", apart);
    let commitments = store::list_commitments(ctx.tx, child.child_id()).await?;
    if commitments.is_empty() {
        Ok((vec![text, Text::new("staff-no-commitments").arg("name", child.name.as_str())], Vec::new()))
    } else {
        let lines: Vec<Text> =
            commitments.iter().map(|c| commitment_text("staff-commitment-line", child, &c.commitment)).collect();
        // Telegram takes at most 100 buttons a message: the card's own six, and one per commitment up to
        // a number no child plausibly reaches.
        let buttons = commitments
            .iter()
            .take(REMOVE_BUTTONS_MAX)
            .map(|c| {
                vec![Button {
                    label: Text::new("staff-button-remove")
                        .arg("label", c.commitment.label.as_str())
                        .arg("days", c.commitment.days.to_string()),
                    action: CallbackAction::RemoveCommitment { commitment_id: c.id },
                }]
            })
            .collect();
        let commitments = Text::new("staff-commitments").arg("name", child.name.as_str()).arg("commitments", lines);
        Ok((vec![text, commitments], buttons))
    }
}

/// "Tuesday 2026-12-01 16:00" for a child's next appointment, or "none booked".
pub async fn next_for_worker(conn: &mut Connection, tz: Tz, child_id: ChildId, now: i64) -> StoreResult<Text> {
    Ok(match store::next_scheduled(conn, child_id, now).await? {
        Some(next) => wording::when_exact(tz, next.starts_at),
        None => Text::new("staff-none-booked"),
    })
}
