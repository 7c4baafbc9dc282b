//! After each appointment: the worker is asked how it went, a kept one earns praise, and a missed one
//! gets one kind follow-up asking the child what happened. Two missed in a row alert the worker and
//! the managers.

use crate::domain::ids::{ChildId, OccurrenceId};
use chrono::NaiveDate;

use crate::config::Settings;
use crate::domain::answers::{Reason, clean_note};
use crate::domain::engagement::{ALERT_AFTER_MISSES, Outcome, is_milestone, may_correct, missed_in_a_row, streak};
use crate::domain::people::{Awaiting, PersonName};
use crate::domain::schedule::resolve_local;
use crate::store::appointments::{self as occurrences, Occurrence, OccurrenceState};
use crate::store::engagement::{self as store, NewAttendance};
use crate::store::jobs::{self, Work};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, audit};
use crate::templates::Text;
use crate::usecase::access::{self, find_child, may_act_on, own_occurrence};
use crate::usecase::action::CallbackAction;
use crate::usecase::buttons::{open_card, reason_buttons};
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Mail, Recipient};
use crate::usecase::wording;
use crate::usecase::wording::{outcome_label, reason_label, reason_text};

/// Queues the question to the worker for when the occurrence ends.
pub async fn schedule(conn: &mut Connection, occurrence: &Occurrence, now: i64) -> StoreResult<()> {
    let work = Work::Attendance { occurrence_id: occurrence.id, child_id: occurrence.child_id };
    jobs::schedule(conn, work, occurrence.ends_at.max(now), now).await?;
    Ok(())
}

fn outcome_buttons(occurrence_id: OccurrenceId) -> Vec<Vec<Button>> {
    vec![
        Outcome::ALL
            .into_iter()
            .map(|outcome| Button {
                label: outcome_label(outcome),
                action: CallbackAction::Attendance { occurrence_id, outcome },
            })
            .collect(),
    ]
}

fn question(settings: &Settings, child: &Person, occurrence: &Occurrence) -> Text {
    Text::new("staff-attendance-question")
        .arg("name", child.name.as_str())
        .arg("when", wording::when_exact(settings.time_zone, occurrence.starts_at))
        .arg("place", wording::place(&occurrence.place))
}

/// The job at the end of an appointment: asks the child's worker how it went, unless it is already
/// recorded or the appointment did not stand (skipped, moved, suspended, cancelled).
pub async fn ask(conn: &mut Connection, settings: &Settings, occurrence_id: OccurrenceId) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    let Some(occurrence) = occurrences::find_occurrence(conn, occurrence_id).await? else { return Ok(mail) };
    if occurrence.state != OccurrenceState::Scheduled || store::latest_attendance(conn, occurrence.id).await?.is_some()
    {
        return Ok(mail);
    }
    let Some(child) = people::find_by_id(conn, occurrence.child_id).await? else { return Ok(mail) };
    let Some(worker) = people::worker_of(conn, &child).await? else { return Ok(mail) };
    if let Some(to) = Recipient::person(&worker) {
        mail.send_with_buttons(to, question(settings, &child, &occurrence), outcome_buttons(occurrence.id));
    }
    Ok(mail)
}

/// **Record** on a child's card: the question after an appointment, asked now about the latest one
/// that has started (recorded already or not: a slip can be put right).
pub async fn ask_now(ctx: &mut Context<'_>, actor: &Person, child_id: ChildId) -> UseCaseResult {
    let child = people::find_by_id(ctx.tx, child_id).await?.filter(|c| may_act_on(actor, c));
    let Some(child) = child else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    let now = ctx.timestamp();
    let Some(occurrence) = occurrences::latest_started(ctx.tx, child.child_id(), now).await? else {
        return refuse(Text::new("staff-attendance-none-started").arg("name", child.name.as_str()));
    };
    let question = question(ctx.settings, &child, &occurrence);
    ctx.mail.send_with_buttons(ctx.reply_to, question, outcome_buttons(occurrence.id));
    Ok(())
}

/// A tap on Came / Late / Didn't come.
pub async fn tapped(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    outcome: Outcome,
    message_id: Option<i64>,
) -> UseCaseResult {
    let Some(occurrence) = occurrences::find_occurrence(ctx.tx, occurrence_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, occurrence.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    record(ctx, actor, &child, &occurrence, outcome).await?;
    if let Some(message_id) = message_id {
        // The question keeps its buttons, so a slip of the thumb can be put right the same week.
        let text = Text::new("staff-attendance-answered")
            .arg("question", question(ctx.settings, &child, &occurrence))
            .arg("outcome", outcome_label(outcome));
        ctx.mail.edit_with_buttons(ctx.reply_to, message_id, text, outcome_buttons(occurrence.id));
    }
    Ok(())
}

/// `/attended NAME [late] [DATE]`: the most recent appointment that has started, or the one on DATE.
pub async fn attended(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Attended { child, late, date }: command::Attended,
) -> UseCaseResult {
    by_command(ctx, actor, &child, date, if late { Outcome::Late } else { Outcome::Came }).await
}

/// `/missed NAME [DATE]`: the most recent appointment that has started, or the one on DATE.
pub async fn missed(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Missed { child, date }: command::Missed,
) -> UseCaseResult {
    by_command(ctx, actor, &child, date, Outcome::Missed).await
}

async fn by_command(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: &PersonName,
    date: Option<NaiveDate>,
    outcome: Outcome,
) -> UseCaseResult {
    let child = find_child(ctx, actor, name).await?;
    let occurrence = match date {
        Some(date) => started_on(ctx, &child, date).await?,
        None => match occurrences::latest_started(ctx.tx, child.child_id(), ctx.now.timestamp()).await? {
            Some(occurrence) => occurrence,
            None => return refuse(Text::new("staff-attendance-none-started").arg("name", child.name.as_str())),
        },
    };
    record(ctx, actor, &child, &occurrence, outcome).await
}

async fn started_on(ctx: &mut Context<'_>, child: &Person, date: NaiveDate) -> UseCaseResult<Occurrence> {
    let tz = ctx.time_zone();
    let from = resolve_local(tz, date, chrono::NaiveTime::MIN).timestamp();
    let until = resolve_local(tz, date + chrono::Duration::days(1), chrono::NaiveTime::MIN).timestamp();
    let now = ctx.timestamp();
    let found = occurrences::list_occurrences(ctx.tx, child.child_id(), from, until)
        .await?
        .into_iter()
        .find(|o| o.state == OccurrenceState::Scheduled && o.starts_at <= now);
    match found {
        Some(occurrence) => Ok(occurrence),
        None => {
            refuse(Text::new("staff-attendance-none-on").arg("name", child.name.as_str()).arg("date", date.to_string()))
        }
    }
}

/// Records what happened, keeping any earlier record as history, and does what follows from it.
async fn record(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    occurrence: &Occurrence,
    outcome: Outcome,
) -> UseCaseResult {
    let now = ctx.timestamp();
    let tz = ctx.time_zone();
    let when = || wording::when_exact(tz, occurrence.starts_at);
    if occurrence.state != OccurrenceState::Scheduled {
        return refuse(Text::new("staff-attendance-not-on").arg("name", child.name.as_str()).arg("when", when()));
    }
    if occurrence.starts_at > now {
        return refuse(Text::new("staff-attendance-not-yet").arg("name", child.name.as_str()).arg("when", when()));
    }
    let previous = store::latest_attendance(ctx.tx, occurrence.id).await?;
    if let Some(previous) = &previous {
        if previous.outcome == outcome {
            return refuse(
                Text::new("staff-attendance-same")
                    .arg("name", child.name.as_str())
                    .arg("when", when())
                    .arg("outcome", outcome_label(outcome)),
            );
        }
        if !may_correct(occurrence.starts_at, now) {
            return refuse(Text::new("staff-attendance-too-late").arg("name", child.name.as_str()).arg("when", when()));
        }
    }
    let record = NewAttendance {
        occurrence_id: occurrence.id,
        child_id: child.child_id(),
        outcome,
        corrects: previous.as_ref().map(|p| p.id),
        by: actor.id,
        now,
    };
    store::record_attendance(ctx.tx, record).await?;
    let action = if previous.is_some() { "attendance-corrected" } else { "attendance" };
    audit::record(ctx.tx, now, Some(actor.id), action, Some(child.id)).await?;

    let reply = match &previous {
        Some(previous) => Text::new("staff-attendance-corrected")
            .arg("name", child.name.as_str())
            .arg("when", when())
            .arg("from", outcome_label(previous.outcome))
            .arg("to", outcome_label(outcome)),
        None => Text::new("staff-attendance-recorded")
            .arg("name", child.name.as_str())
            .arg("when", when())
            .arg("outcome", outcome_label(outcome)),
    };
    ctx.reply(reply.clone());
    // Someone else (a manager) recorded it: the worker hears too.
    if child.worker_id != Some(actor.id)
        && let Some(worker) = people::worker_of(ctx.tx, child).await?
    {
        ctx.mail.send_to_person(&worker, reply);
    }

    // Praise and the follow-up go at most once an appointment, however often a slip is put right.
    let mut earlier = store::outcomes_of(ctx.tx, occurrence.id).await?;
    earlier.pop(); // the record just made
    if outcome.kept() {
        if !earlier.iter().any(|o| o.kept()) {
            praise(ctx, child).await?;
        }
        return Ok(());
    }
    if !earlier.contains(&Outcome::Missed) {
        follow_up(ctx, child, occurrence).await?;
    }
    alert_if_missing_in_a_row(ctx, child, occurrence).await
}

/// A short warm word for a kept appointment; a bigger one for 3, 5, 10 in a row. Carers hear too.
async fn praise(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult {
    let outcomes: Vec<Outcome> =
        store::counted_outcomes(ctx.tx, child.child_id()).await?.into_iter().map(|(_, o)| o).collect();
    let run = streak(&outcomes);
    let text = if is_milestone(run) {
        Text::new("child-praise-streak").arg("count", run as i64)
    } else {
        Text::new("child-praise")
    };
    ctx.mail.send_to_person(child, text);
    for carer in access::recipients(ctx.tx, child.child_id()).await? {
        let text = Text::new("carer-praise").arg("name", child.name.as_str());
        ctx.mail.send_daytime(carer, text);
    }
    Ok(())
}

/// One kind message after a missed appointment, with the reason buttons and a way to ask for the worker.
async fn follow_up(ctx: &mut Context<'_>, child: &Person, occurrence: &Occurrence) -> UseCaseResult {
    let date = wording::date(occurrence_date(ctx, occurrence));
    if !child.has_joined() {
        ctx.reply(Text::new("staff-follow-up-not-joined").arg("name", child.name.as_str()));
        return Ok(());
    }
    let mut buttons = reason_buttons(|reason| CallbackAction::MissedBecause { occurrence_id: occurrence.id, reason });
    buttons.push(vec![talk_button(occurrence.id)]);
    ctx.mail.send_news_with_buttons(child, Text::new("child-missed-you").arg("date", date), buttons);
    // "Are you OK, and what happened?": words typed back are the child's answer, for their worker.
    let asked = Awaiting::Missed { occurrence_id: occurrence.id };
    crate::appointments::reminders::asked_in_own_words(ctx.tx, child, asked).await?;
    for carer in access::recipients(ctx.tx, child.child_id()).await? {
        let text = Text::new("carer-missed")
            .arg("name", child.name.as_str())
            .arg("date", wording::date(occurrence_date(ctx, occurrence)));
        ctx.mail.send_daytime(carer, text);
    }
    Ok(())
}

fn occurrence_date(ctx: &Context<'_>, occurrence: &Occurrence) -> NaiveDate {
    chrono::DateTime::from_timestamp(occurrence.starts_at, 0)
        .unwrap_or_default()
        .with_timezone(&ctx.time_zone())
        .date_naive()
}

/// Two (or more) missed appointments in a row: the worker and every manager hear, once per miss.
async fn alert_if_missing_in_a_row(ctx: &mut Context<'_>, child: &Person, occurrence: &Occurrence) -> UseCaseResult {
    let counted = store::counted_outcomes(ctx.tx, child.child_id()).await?;
    // Only the newest appointment raises alerts: putting right an old record does not.
    if counted.first().map(|(id, _)| *id) != Some(occurrence.id) {
        return Ok(());
    }
    let outcomes: Vec<Outcome> = counted.into_iter().map(|(_, o)| o).collect();
    let run = missed_in_a_row(&outcomes);
    if run < ALERT_AFTER_MISSES
        || !store::raise_alert(ctx.tx, child.child_id(), occurrence.id, ctx.now.timestamp()).await?
    {
        return Ok(());
    }
    let worker = people::worker_of(ctx.tx, child).await?;
    let worker_name = worker.as_ref().map(|w| w.name.clone()).unwrap_or_default();
    let text = Text::new("staff-engagement-alert")
        .arg("name", child.name.as_str())
        .arg("worker", worker_name)
        .arg("count", run as i64);
    let mut told = Vec::new();
    for person in worker.into_iter().chain(people::list_active_managers(ctx.tx).await?) {
        if told.contains(&person.id) {
            continue;
        }
        told.push(person.id);
        ctx.mail.send_news_with_buttons(&person, text.clone(), vec![vec![open_card(child)]]);
    }
    Ok(())
}

fn talk_button(occurrence_id: OccurrenceId) -> Button {
    Button { label: Text::new("button-talk-to-worker"), action: CallbackAction::TalkToWorker { occurrence_id } }
}

/// The child's own missed appointment whose latest record is still "missed".
async fn own_missed(ctx: &mut Context<'_>, actor: &Person, occurrence_id: OccurrenceId) -> UseCaseResult<Occurrence> {
    let occurrence = own_occurrence(ctx, actor, occurrence_id).await?;
    let latest = store::latest_attendance(ctx.tx, occurrence.id).await?;
    if occurrence.state != OccurrenceState::Scheduled || latest.is_none_or(|a| a.outcome != Outcome::Missed) {
        return refuse(Text::new("any-old-button"));
    }
    Ok(occurrence)
}

/// A reason button on the follow-up. "Something else" asks for a few typed words first.
pub async fn missed_because(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    reason: Reason,
    message_id: Option<i64>,
) -> UseCaseResult {
    let occurrence = own_missed(ctx, actor, occurrence_id).await?;
    // The same reason again (a double tap, a mashed button) changes nothing and tells nobody again.
    if store::latest_reason(ctx.tx, occurrence.id).await?.is_some_and(|r| r.reason == reason.code()) {
        return Ok(());
    }
    let reason_id =
        store::add_reason(ctx.tx, occurrence.id, actor.child_id(), reason.code(), ctx.now.timestamp()).await?;
    if let Some(message_id) = message_id {
        // The reason shows; asking for the worker stays possible.
        let text = Text::new("child-reason-given").arg("reason", reason_label(reason));
        ctx.mail.edit_with_buttons(ctx.reply_to, message_id, text, vec![vec![talk_button(occurrence.id)]]);
    }
    // The worker hears at once, even of "Something else": the child's words, if they type any, follow.
    tell_worker_reason(ctx, actor, &occurrence, reason_id).await?;
    if reason == Reason::SomethingElse {
        people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::MissedReasonWords { reason_id })).await?;
        ctx.reply(Text::new("child-type-reason"));
        return Ok(());
    }
    ctx.reply(Text::new("child-thanks-missed"));
    Ok(())
}

/// The few words after "Something else". `false` if the person was not asked for them, or if what they
/// wrote is more than a few words: then it reaches their worker whole, as their own words.
pub async fn typed_note(ctx: &mut Context<'_>, actor: &Person, reason_id: i64, text: &str) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let Some(note) = clean_note(text) else { return Ok(false) };
    let Some(reason) = store::find_reason(ctx.tx, reason_id).await?.filter(|r| Some(r.child_id) == actor.as_child())
    else {
        return Ok(false);
    };
    store::set_reason_note(ctx.tx, reason.id, &note).await?;
    let Some(occurrence) = occurrences::find_occurrence(ctx.tx, reason.occurrence_id).await? else { return Ok(false) };
    ctx.reply(Text::new("child-thanks-missed"));
    tell_worker_reason(ctx, actor, &occurrence, reason.id).await?;
    if let Some(worker) = people::worker_of(ctx.tx, actor).await? {
        crate::appointments::own_words::all_of_it(&mut ctx.mail, &worker, &note, text);
    }
    Ok(true)
}

fn judge_buttons(reason_id: i64) -> Vec<Vec<Button>> {
    vec![vec![
        Button {
            label: Text::new("staff-button-acceptable"),
            action: CallbackAction::JudgeReason { reason_id, acceptable: true },
        },
        Button {
            label: Text::new("staff-button-not-acceptable"),
            action: CallbackAction::JudgeReason { reason_id, acceptable: false },
        },
    ]]
}

fn reason_notice(tz: chrono_tz::Tz, child: &Person, occurrence: &Occurrence, reason: &store::MissReason) -> Text {
    Text::new("staff-missed-reason")
        .arg("name", child.name.as_str())
        .arg("when", wording::when_exact(tz, occurrence.starts_at))
        .arg("because", reason_text(reason))
}

/// The worker hears the reason at once, and is asked whether it is acceptable.
async fn tell_worker_reason(
    ctx: &mut Context<'_>,
    child: &Person,
    occurrence: &Occurrence,
    reason_id: i64,
) -> UseCaseResult {
    let Some(reason) = store::find_reason(ctx.tx, reason_id).await? else { return Ok(()) };
    let Some(worker) = people::worker_of(ctx.tx, child).await? else { return Ok(()) };
    let text = reason_notice(ctx.time_zone(), child, occurrence, &reason);
    let mut buttons = judge_buttons(reason.id);
    buttons.push(vec![open_card(child)]);
    ctx.mail.send_news_with_buttons(&worker, text, buttons);
    Ok(())
}

/// "I'd like to talk to my worker", on the follow-up to a missed appointment: the worker hears at once.
pub async fn talk_to_worker(ctx: &mut Context<'_>, actor: &Person, occurrence_id: OccurrenceId) -> UseCaseResult {
    let occurrence = own_missed(ctx, actor, occurrence_id).await?;
    ctx.reply(Text::new("child-worker-will-call"));
    let Some(worker) = people::worker_of(ctx.tx, actor).await? else { return Ok(()) };
    let text = Text::new("staff-child-wants-to-talk")
        .arg("name", actor.name.as_str())
        .arg("when", wording::when_exact(ctx.time_zone(), occurrence.starts_at));
    ctx.mail.send_news_with_buttons(&worker, text, vec![vec![open_card(actor)]]);
    Ok(())
}

/// Acceptable or not: recorded; "not acceptable" offers a warning, and leaves the choice to the worker.
pub async fn judge(
    ctx: &mut Context<'_>,
    actor: &Person,
    reason_id: i64,
    acceptable: bool,
    message_id: Option<i64>,
) -> UseCaseResult {
    let Some(reason) = store::find_reason(ctx.tx, reason_id).await? else { return refuse(Text::new("any-old-button")) };
    let child = people::find_by_id(ctx.tx, reason.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    let Some(occurrence) = occurrences::find_occurrence(ctx.tx, reason.occurrence_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let now = ctx.timestamp();
    store::judge_reason(ctx.tx, reason.id, acceptable, actor.id, now).await?;
    let action = if acceptable { "reason-acceptable" } else { "reason-not-acceptable" };
    audit::record(ctx.tx, now, Some(actor.id), action, Some(child.id)).await?;
    let verdict = Text::new(if acceptable { "staff-button-acceptable" } else { "staff-button-not-acceptable" });
    if let Some(message_id) = message_id {
        let notice = reason_notice(ctx.time_zone(), &child, &occurrence, &reason);
        let text = Text::new("staff-reason-judged").arg("notice", notice).arg("verdict", verdict);
        // The buttons stay, so the worker can change their mind.
        let mut buttons = judge_buttons(reason.id);
        buttons.push(vec![open_card(&child)]);
        ctx.mail.edit_with_buttons(ctx.reply_to, message_id, text, buttons);
    }
    if acceptable {
        ctx.reply(Text::new("staff-reason-acceptable").arg("name", child.name.as_str()));
    } else {
        // A warning stays the worker's decision: offered, never given, and asked why first.
        let warn = Button {
            label: Text::new("staff-button-warn-for").arg("name", child.name.as_str()),
            action: CallbackAction::WarnFor { reason_id: reason.id },
        };
        ctx.mail.send_with_buttons(
            ctx.reply_to,
            Text::new("staff-reason-not-acceptable").arg("name", child.name.as_str()),
            vec![vec![warn]],
        );
    }
    Ok(())
}
