//! Reminders and one-tap answers: queued as jobs for each occurrence, sent outside quiet hours,
//! and every answer but "I'll be there" passed to the worker at once.

use crate::domain::ids::OccurrenceId;
use chrono::{DateTime, Duration, Utc};

use crate::appointments::own_words;
use crate::config::Settings;
use crate::domain::answers::{Reason, Reply, clean_note};
use crate::domain::people::Awaiting;
use crate::domain::reminders::{quiet_period_end, reminder_time};
use crate::store::appointments::{self as occurrences, Occurrence, OccurrenceState};
use crate::store::jobs::{self, Work};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, answers};
use crate::templates::Text;
use crate::usecase::access::{self, own_occurrence};
use crate::usecase::action::CallbackAction;
use crate::usecase::buttons::{answer_buttons, reason_buttons};
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Mail, Recipient, follow_up};
use crate::usecase::reach::tell_worker;
use crate::usecase::wording;
use crate::usecase::wording::{reason_label, reply_label};

/// A reminder this long or more before the appointment is the planning one: it asks how the child
/// will get there and offers help (the wording that worked best in court-reminder trials).
const PLANNING_AHEAD: Duration = Duration::hours(12);

/// Queues this occurrence's reminders, one per offset; two landing at one moment become one.
pub async fn schedule(
    conn: &mut Connection,
    settings: &Settings,
    occurrence: &Occurrence,
    now: i64,
) -> StoreResult<()> {
    let start = at(occurrence.starts_at);
    for offset in &settings.reminders {
        let due = reminder_time(settings.time_zone, settings.quiet_hours, start, *offset);
        // A moment already past when the appointment is booked or moved is left out: the child has
        // just been told about it. (A job that falls due while the bot is down still goes late.)
        if due >= start || due.timestamp() <= now {
            continue;
        }
        let work = Work::Reminder {
            occurrence_id: occurrence.id,
            child_id: occurrence.child_id,
            planning: *offset >= PLANNING_AHEAD,
        };
        jobs::schedule(conn, work, due.timestamp(), now).await?;
    }
    Ok(())
}

fn at(timestamp: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(timestamp, 0).unwrap_or_default()
}

/// What running a reminder job came to.
pub enum Sent {
    /// The mail to queue (possibly none: the appointment was skipped, moved, cancelled or is over).
    Now(Mail),
    /// It fell due while the bot was down and now is quiet hours: try again when they end.
    Later(i64),
}

/// Runs one reminder job: sends it if the appointment is still on and ahead; otherwise nothing.
/// A reminder whose moment passed while the bot was down goes now if the appointment is still to come,
/// but never in quiet hours: then it waits for them to end, and is dropped if that is too late.
pub async fn send(
    conn: &mut Connection,
    settings: &Settings,
    occurrence_id: OccurrenceId,
    planning: bool,
    now: i64,
) -> StoreResult<Sent> {
    let mut mail = Mail::default();
    let Some(occurrence) = occurrences::find_occurrence(conn, occurrence_id).await? else { return Ok(Sent::Now(mail)) };
    if occurrence.state != OccurrenceState::Scheduled || occurrence.starts_at <= now {
        return Ok(Sent::Now(mail));
    }
    if let Some(end) = quiet_period_end(settings.time_zone, settings.quiet_hours, at(now)) {
        return Ok(if end.timestamp() < occurrence.starts_at { Sent::Later(end.timestamp()) } else { Sent::Now(mail) });
    }
    let Some(child) = people::find_by_id(conn, occurrence.child_id).await? else { return Ok(Sent::Now(mail)) };
    let tz = settings.time_zone;
    let Some(to) = Recipient::person(&child) else {
        // Never joined: they cannot be reminded. Their worker hears once per appointment.
        if occurrences::mark_unreachable(conn, occurrence.id, now).await? {
            tell_worker(
                conn,
                child.id,
                |_| {
                    Text::new("staff-reminder-not-joined")
                        .arg("name", child.name.as_str())
                        .arg("when", wording::when_exact(tz, occurrence.starts_at))
                },
                &mut mail,
            )
            .await?;
        }
        return Ok(Sent::Now(mail));
    };
    let text = reminder_text(settings, &occurrence, planning);
    mail.send_about(to, text, answer_buttons(&occurrence, planning), occurrence.id);
    if planning {
        // "How will you get there?": words typed back are the child's answer, for their worker.
        asked_in_own_words(conn, &child, Awaiting::Plan { occurrence_id: occurrence.id }).await?;
    }
    // Carers the child said yes to get the same reminder, in their own language, without buttons.
    for carer in access::recipients(conn, child.child_id()).await? {
        let text = Text::new("carer-reminder")
            .arg("name", child.name.as_str())
            .arg("when", wording::when(tz, occurrence.starts_at))
            .arg("place", wording::place(&occurrence.place));
        mail.send_about(carer, text, Vec::new(), occurrence.id);
    }
    Ok(Sent::Now(mail))
}

fn reminder_text(settings: &Settings, occurrence: &Occurrence, planning: bool) -> Text {
    let key = if planning { "child-reminder-plan" } else { "child-reminder-soon" };
    Text::new(key)
        .arg("when", wording::when(settings.time_zone, occurrence.starts_at))
        .arg("place", wording::place(&occurrence.place))
}

/// The occurrence a child's tap is about, if the tap is theirs and the appointment has not started.
async fn own_upcoming(ctx: &mut Context<'_>, actor: &Person, occurrence_id: OccurrenceId) -> UseCaseResult<Occurrence> {
    let occurrence = own_occurrence(ctx, actor, occurrence_id).await?;
    if occurrence.state != OccurrenceState::Scheduled || occurrence.starts_at <= ctx.timestamp() {
        return refuse(Text::new("child-too-late"));
    }
    Ok(occurrence)
}

/// A reminder button. The reminder is edited to show the answer; anything but "yes" reaches the worker.
pub async fn answer(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    reply: Reply,
    message_id: Option<i64>,
) -> UseCaseResult {
    let occurrence = own_upcoming(ctx, actor, occurrence_id).await?;
    // The same answer again (a double tap, a mashed button) changes nothing and tells nobody again.
    // Only "I can't make it" once a reason was given asks for a reason again, as the child may have
    // another one.
    let latest = answers::latest(ctx.tx, occurrence.id).await?;
    let repeated = latest.as_ref().is_some_and(|a| a.answer == reply.code());
    if repeated && (reply != Reply::No || latest.is_some_and(|a| a.reason.is_none())) {
        return Ok(());
    }
    if repeated {
        let buttons = reason_buttons(|reason| CallbackAction::Because { occurrence_id: occurrence.id, reason });
        ctx.mail.send_with_buttons(ctx.reply_to, Text::new("child-ask-reason"), buttons);
        return Ok(());
    }
    let now = ctx.timestamp();
    let answer_id = answers::record(ctx.tx, occurrence.id, actor.child_id(), reply.code(), now).await?;
    let notice = Notice::First { answer_id };
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    if let Some(message_id) = message_id {
        let reminder = reminder_text(ctx.settings, &occurrence, false);
        ctx.mail.edit(
            ctx.reply_to,
            message_id,
            Text::new("child-answered").arg("reminder", reminder).arg("answer", reply_label(reply)),
        );
    }
    match reply {
        Reply::Yes => ctx.reply(Text::new("child-thanks-yes")),
        Reply::No => {
            let buttons = reason_buttons(|reason| CallbackAction::Because { occurrence_id: occurrence.id, reason });
            ctx.mail.send_with_buttons(ctx.reply_to, Text::new("child-ask-reason"), buttons);
            notify_worker(ctx, actor, &occurrence, notice, reply, None, None).await?;
        }
        Reply::ChangeTime => {
            ctx.reply(Text::new("child-thanks-change"));
            notify_worker(ctx, actor, &occurrence, notice, reply, None, None).await?;
        }
        Reply::HelpGettingThere => {
            ctx.reply(Text::new("child-thanks-help"));
            notify_worker(ctx, actor, &occurrence, notice, reply, None, None).await?;
        }
    }
    Ok(())
}

/// A reason button. "Something else" asks for a few typed words.
pub async fn because(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    reason: Reason,
    message_id: Option<i64>,
) -> UseCaseResult {
    let occurrence = own_upcoming(ctx, actor, occurrence_id).await?;
    let latest = answers::latest(ctx.tx, occurrence.id).await?;
    let Some(latest) = latest.filter(|a| a.answer == Reply::No.code()) else {
        return refuse(Text::new("any-old-button"));
    };
    // The same reason again changes nothing; another one replaces it, and the worker hears once.
    if latest.reason.as_deref() == Some(reason.code()) {
        return Ok(());
    }
    answers::set_reason(ctx.tx, latest.id, reason.code()).await?;
    if let Some(message_id) = message_id {
        ctx.mail.edit(ctx.reply_to, message_id, Text::new("child-reason-given").arg("reason", reason_label(reason)));
    }
    if reason == Reason::SomethingElse {
        people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::ReasonWords { occurrence_id: occurrence.id })).await?;
        ctx.reply(Text::new("child-type-reason"));
        return Ok(());
    }
    ctx.reply(Text::new("child-thanks-reason"));
    let notice = Notice::FollowUp { answer_id: latest.id, answered_at: latest.answered_at };
    notify_worker(ctx, actor, &occurrence, notice, Reply::No, Some(reason), None).await
}

/// The child was asked an open question (`awaiting`): what they type next answers it. A question already
/// waiting for a reason's few words is not pushed aside.
pub async fn asked_in_own_words(conn: &mut Connection, child: &Person, awaiting: Awaiting) -> StoreResult<()> {
    if child.awaiting.is_none_or(Awaiting::is_open_question) {
        people::set_awaiting(conn, child.id, Some(awaiting)).await?;
    }
    Ok(())
}

/// Text from a child who was asked for a few words. `false` if they were not asked, so the text is
/// handled as usual: so are more than a few words, and words about an appointment that has since
/// started or changed. Either way they reach the worker, as the child's own words.
pub async fn typed_note(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
    text: &str,
) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let Some(note) = clean_note(text) else { return Ok(false) };
    let occurrence = occurrences::find_occurrence(ctx.tx, occurrence_id).await?.filter(|o| {
        Some(o.child_id) == actor.as_child()
            && o.state == OccurrenceState::Scheduled
            && o.starts_at > ctx.now.timestamp()
    });
    let Some(occurrence) = occurrence else { return Ok(false) };
    let Some(latest) = answers::latest(ctx.tx, occurrence.id).await? else { return Ok(false) };
    answers::set_note(ctx.tx, latest.id, &note).await?;
    ctx.reply(Text::new("child-thanks-reason"));
    let notice = Notice::FollowUp { answer_id: latest.id, answered_at: latest.answered_at };
    notify_worker(ctx, actor, &occurrence, notice, Reply::No, Some(Reason::SomethingElse), Some(&note)).await?;
    if let Some(worker) = people::worker_of(ctx.tx, actor).await? {
        own_words::all_of_it(&mut ctx.mail, &worker, &note, text);
    }
    Ok(true)
}

/// Which notice about an answer this is: the first, or news that follows it (the reason).
#[derive(Debug, Clone, Copy)]
enum Notice {
    First { answer_id: i64 },
    FollowUp { answer_id: i64, answered_at: i64 },
}

/// A reason given within this long of the answer changes the worker's notice in place; a later one
/// replies to it (nobody is told of an edit, and a notice read an hour ago is not read again).
const EDIT_NOTICE_WITHIN_SECONDS: i64 = 60;

/// The worker hears at once: who, which appointment, the answer and the reason, with a button to the
/// child's card. One notice an answer where it can be: the reason that follows changes it.
async fn notify_worker(
    ctx: &mut Context<'_>,
    child: &Person,
    occurrence: &Occurrence,
    notice: Notice,
    reply: Reply,
    reason: Option<Reason>,
    note: Option<&str>,
) -> UseCaseResult {
    let Some(worker) = people::worker_of(ctx.tx, child).await? else {
        return Ok(());
    };
    let Some(to) = Recipient::person(&worker) else { return Ok(()) };
    let because = match (reason, note) {
        (_, Some(note)) => Text::new("staff-answer-note").arg("note", note),
        (Some(reason), None) => Text::new("staff-answer-reason").arg("reason", reason_label(reason)),
        (None, None) => Text::new("staff-answer-no-reason"),
    };
    let text = Text::new("staff-answer-notice")
        .arg("name", child.name.as_str())
        .arg("when", wording::when_exact(ctx.settings.time_zone, occurrence.starts_at))
        .arg("answer", reply_label(reply))
        .arg("because", because);
    let button = Button {
        label: Text::new("staff-button-open-child").arg("name", child.name.as_str()),
        action: CallbackAction::OpenChild { child_id: child.child_id() },
    };
    // What a worker does next, where the news is: a child who cannot come, or needs another time.
    let mut buttons = Vec::new();
    if matches!(reply, Reply::No | Reply::ChangeTime) {
        let occurrence_id = occurrence.id;
        let action = |label: &'static str, action: CallbackAction| Button { label: Text::new(label), action };
        buttons.push(vec![
            action("staff-button-move-one", CallbackAction::MoveOne { occurrence_id }),
            action("staff-button-skip-one", CallbackAction::SkipOne { occurrence_id }),
        ]);
        buttons.push(vec![action("staff-button-call-back", CallbackAction::CallBack { occurrence_id })]);
    }
    buttons.push(vec![button]);
    match notice {
        Notice::First { answer_id } => ctx.mail.send_on_topic(to, answer_topic(answer_id), text, buttons),
        Notice::FollowUp { answer_id, answered_at } => {
            let in_place = ctx.timestamp() - answered_at <= EDIT_NOTICE_WITHIN_SECONDS;
            follow_up(ctx.tx, &mut ctx.mail, to, &answer_topic(answer_id), text, buttons, in_place).await?;
        }
    }
    Ok(())
}

fn answer_topic(answer_id: i64) -> String {
    format!("answer:{answer_id}")
}
