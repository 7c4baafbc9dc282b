//! The day and the week: `/today` and `/week`, a worker's appointments across their caseload in time
//! order (a manager's, the whole service's by worker), each with the child's answer so far and a
//! button to open the child's card.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::domain::answers::Reply;
use crate::domain::dates::Shift;
use crate::domain::ids::{ChildId, PersonId};
use crate::domain::people::Role;
use crate::domain::schedule::{local_of, resolve_local};
use crate::store::appointments::{self as store, Booked, OccurrenceState};
use crate::store::people::Person;
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::context::{Context, UseCaseResult};
use crate::usecase::mail::Button;
use crate::usecase::wording;

/// How many days each view covers, from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Today,
    /// Today and the six days after it.
    Week,
}

impl Span {
    fn days(self) -> i64 {
        match self {
            Span::Today => 1,
            Span::Week => 7,
        }
    }
}

/// At most this many card buttons under a view, three a row: a worker's whole caseload fits; a
/// manager's view of a big service opens the rest with `/child`.
const MAX_CARD_BUTTONS: usize = 30;
const BUTTONS_PER_ROW: usize = 3;

/// `/today` or `/week`.
pub async fn show(ctx: &mut Context<'_>, actor: &Person, span: Span) -> UseCaseResult {
    let (tz, today) = (ctx.time_zone(), ctx.today());
    let midnight = |date: NaiveDate| resolve_local(tz, date, NaiveTime::MIN).timestamp();
    let from = midnight(today);
    let until = midnight(today.plus(Duration::days(span.days())));
    let whole_service = actor.role == Role::Manager;
    let booked = store::list_booked(ctx.tx, (!whole_service).then_some(actor.id), from, until).await?;
    let key = |worker: &'static str, service: &'static str| if whole_service { service } else { worker };
    if booked.is_empty() {
        let none = match span {
            Span::Today => key("staff-today-none", "staff-service-today-none"),
            Span::Week => key("staff-week-none", "staff-service-week-none"),
        };
        ctx.reply(Text::new(none));
        return Ok(());
    }
    let mut lines = lines(ctx, &booked, whole_service, span);
    let heading = match span {
        Span::Today => key("staff-today", "staff-service-today"),
        Span::Week => key("staff-week", "staff-service-week"),
    };
    let mut children: Vec<(ChildId, &str)> = Vec::new();
    for b in &booked {
        if !children.iter().any(|(id, _)| *id == b.occurrence.child_id) {
            children.push((b.occurrence.child_id, b.child_name.as_str()));
        }
    }
    let more = children.len().saturating_sub(MAX_CARD_BUTTONS) as i64;
    if more > 0 {
        lines.push(Text::new("staff-diary-more").arg("count", more));
    }
    let buttons: Vec<Vec<Button>> = children
        .iter()
        .take(MAX_CARD_BUTTONS)
        .map(|(child_id, name)| Button {
            label: Text::new("staff-button-card").arg("name", *name),
            action: CallbackAction::OpenChild { child_id: *child_id },
        })
        .collect::<Vec<_>>()
        .chunks(BUTTONS_PER_ROW)
        .map(<[Button]>::to_vec)
        .collect();
    let text =
        Text::new(heading).arg("date", wording::date(today)).arg("count", booked.len() as i64).arg("lines", lines);
    ctx.mail.send_with_buttons(ctx.reply_to, text, buttons);
    Ok(())
}

/// The lines of a view: a heading for each worker (whole service only) and each day, then the
/// appointments in time order.
fn lines(ctx: &Context<'_>, booked: &[Booked], whole_service: bool, span: Span) -> Vec<Text> {
    let tz = ctx.time_zone();
    let mut lines = Vec::with_capacity(booked.len() * 2);
    let mut worker: Option<PersonId> = None;
    let mut day: Option<NaiveDate> = None;
    for b in booked {
        if whole_service && worker != Some(b.worker_id) {
            worker = Some(b.worker_id);
            day = None;
            lines.push(Text::new("staff-diary-worker").arg("name", b.worker_name.as_str()));
        }
        let local = local_of(tz, chrono::DateTime::from_timestamp(b.occurrence.starts_at, 0).unwrap_or_default());
        if span == Span::Week && day != Some(local.date()) {
            day = Some(local.date());
            lines.push(Text::new("staff-diary-day").arg("date", wording::date(local.date())));
        }
        lines.push(
            Text::new("staff-diary-line")
                .arg("time", local.format("%H:%M").to_string())
                .arg("name", b.child_name.as_str())
                .arg("place", wording::place(&b.occurrence.place))
                .arg("answer", answer_so_far(b)),
        );
    }
    lines
}

/// What the child has said so far, or what became of the appointment if it is not on.
fn answer_so_far(booked: &Booked) -> Text {
    if booked.occurrence.state != OccurrenceState::Scheduled {
        return wording::state_text(booked.occurrence.state);
    }
    match booked.answer.as_deref().and_then(Reply::from_code) {
        Some(reply) => Text::new("staff-occurrence-answer").arg("answer", wording::reply_label(reply)),
        None => Text::new("staff-occurrence-no-answer"),
    }
}
