//! Weekly appointments: commitments to work around, fixed weekly slots, children kept apart,
//! one-off skips and moves, and seeing what is booked.

pub mod own_words;
pub mod reminders;

use std::ops::RangeInclusive;

use chrono::{Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::config::Settings;
use crate::domain::answers::Reply;
use crate::domain::args::{Args, split_args};
use crate::domain::calendar::CalendarEvent;
use crate::domain::clash::{APART_MARGIN_MINUTES, Clash, Commitment, Fixed, one_off_clashes, weekly_clashes};
use crate::domain::dates::parse_date;
use crate::domain::people::{PersonName, Role};
use crate::domain::quiet_hours::parse_clock_time;
use crate::domain::schedule::{DaySet, LocalWindow, Place, WeeklySlot, parse_weekday, resolve_local, weekday_short};
use crate::domain::text::{has_hidden_characters, quote_back, tidy};
use crate::engagement::attendance;
use crate::store::appointments::{self as store, Occurrence, OccurrenceState, Override, StoredSlot};
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult, audit, engagement};
use crate::templates::Text;
use crate::usecase::access::{find_child, may_act_on};
use crate::usecase::action::CallbackAction;
use crate::usecase::choices;
use crate::usecase::context::{Context, UseCaseError, UseCaseResult, refuse};
use crate::usecase::mail::Button;
use crate::usecase::wording;

/// How far ahead occurrences exist as rows; they are topped up as time passes.
pub const HORIZON_WEEKS: i64 = 52;
const MINUTES: RangeInclusive<i64> = 15..=480;
const DEFAULT_MINUTES: i64 = 60;
const LABEL_MAX_CHARS: usize = 40;
const REASON_MAX_CHARS: usize = 200;
/// The reason recorded on occurrences cancelled because the order ends before them.
const ORDER_ENDED: &str = "order ended";

fn refused(text: Text) -> UseCaseError {
    UseCaseError::Refused(text)
}

async fn order_end(conn: &mut Connection, child_id: i64) -> StoreResult<Option<NaiveDate>> {
    let record = people::child_record(conn, child_id).await?;
    Ok(record.and_then(|r| r.details.order_end).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
}

/// The slot as it really runs: its own end, or the order's end if that comes first.
fn effective(slot: &WeeklySlot, order_end: Option<NaiveDate>) -> WeeklySlot {
    let ends_on = match (slot.ends_on, order_end) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    WeeklySlot { ends_on, ..slot.clone() }
}

/// Makes sure a slot's occurrences exist as rows from `from` up to `until`.
async fn materialise(
    conn: &mut Connection,
    settings: &Settings,
    stored: &StoredSlot,
    order_end: Option<NaiveDate>,
    from: NaiveDate,
    until: NaiveDate,
    now: i64,
) -> StoreResult<()> {
    let rule = effective(&stored.slot, order_end);
    for date in rule.dates_between(from, until) {
        let (start, end) = rule.interval_on(settings.time_zone, date);
        // An occurrence that would already have begun is not made: it never happened.
        if start.timestamp() <= now {
            continue;
        }
        let inserted = store::insert_series_occurrence(
            conn,
            store::SeriesOccurrence {
                child_id: stored.child_id,
                slot_id: stored.id,
                series_date: date,
                starts_at: start.timestamp(),
                ends_at: end.timestamp(),
                place: &rule.place,
            },
            now,
        )
        .await?;
        if let Some(id) = inserted {
            // A week inside an approved suspension starts suspended: no reminders, no question after.
            if engagement::suspended_on(conn, stored.child_id, date).await? {
                store::change_state(conn, id, OccurrenceState::Suspended, Some("suspension"), None, now).await?;
                continue;
            }
            let occurrence = store::find_occurrence(conn, id).await?.expect("the occurrence just made exists");
            schedule_jobs(conn, settings, &occurrence, now).await?;
        }
    }
    Ok(())
}

/// Everything timed about one occurrence: its reminders, and the attendance question when it ends.
async fn schedule_jobs(
    conn: &mut Connection,
    settings: &Settings,
    occurrence: &Occurrence,
    now: i64,
) -> StoreResult<()> {
    reminders::schedule(conn, settings, occurrence, now).await?;
    attendance::schedule(conn, occurrence, now).await
}

/// Tops up every running slot's occurrences to the horizon. Idempotent: run it at start and hourly.
/// Only the weeks past what each slot already has are looked at, so a restart with a year of
/// occurrences for thousands of children stays quick.
pub async fn top_up_all(conn: &mut Connection, settings: &Settings, today: NaiveDate, now: i64) -> StoreResult<()> {
    let horizon = today + Duration::weeks(HORIZON_WEEKS);
    let made_until = store::series_made_until(conn).await?;
    for stored in store::list_all_current_slots(conn, today).await? {
        let from = match made_until.get(&stored.id) {
            // The next week would fall past the horizon: nothing to make yet.
            Some(last) if *last + Duration::weeks(1) > horizon => continue,
            Some(last) => (*last + Duration::days(1)).max(today),
            None => today,
        };
        let end = order_end(conn, stored.child_id).await?;
        materialise(conn, settings, &stored, end, from, horizon, now).await?;
    }
    Ok(())
}

/// After a child's order end changes: occurrences after it are cancelled, and a later end is filled in.
pub async fn follow_order_end(ctx: &mut Context<'_>, child_id: i64) -> UseCaseResult {
    let (tz, today, now) = (ctx.time_zone(), ctx.today(), ctx.timestamp());
    let end = order_end(ctx.tx, child_id).await?;
    for stored in store::list_current_slots(ctx.tx, child_id, today).await? {
        let after_end = end.map(|end| resolve_local(tz, end + Duration::days(1), NaiveTime::MIN).timestamp().max(now));
        // An order extended again gets back the weeks its earlier end had cancelled.
        store::restore_cancelled(ctx.tx, stored.id, ORDER_ENDED, now, after_end.unwrap_or(i64::MAX)).await?;
        if let Some(after_end) = after_end {
            store::cancel_slot_from(ctx.tx, stored.id, after_end, ORDER_ENDED, now).await?;
        }
        materialise(ctx.tx, ctx.settings, &stored, end, today, today + Duration::weeks(HORIZON_WEEKS), now).await?;
    }
    Ok(())
}

fn strip_quotes(text: &str) -> String {
    split_args(text)
        .ok()
        .filter(|a| a.words.len() == 1 && a.options.is_empty())
        .map(|a| a.leading)
        .unwrap_or_else(|| text.to_owned())
}

// ----- commitments -----

/// `/commitment NAME DAYS HH:MM-HH:MM LABEL`
pub async fn add_commitment(ctx: &mut Context<'_>, actor: &Person, args: &str) -> UseCaseResult {
    let words: Vec<&str> = args.split_whitespace().collect();
    let (at, days, window) = (1..words.len().saturating_sub(1))
        .find_map(|i| Some((i, DaySet::parse(words[i])?, LocalWindow::parse(words[i + 1])?)))
        .ok_or_else(|| refused(Text::new("usage-commitment")))?;
    let label = words[at + 2..].join(" ");
    if label.is_empty() {
        return refuse(Text::new("usage-commitment"));
    }
    if label.chars().count() > LABEL_MAX_CHARS || has_hidden_characters(&label) {
        return refuse(Text::new("staff-bad-label").arg("max", LABEL_MAX_CHARS as i64));
    }
    let child = find_child(ctx, actor, &strip_quotes(&words[..at].join(" ")), "usage-commitment").await?;
    let commitment = Commitment { label, days, window };
    let now = ctx.timestamp();
    store::insert_commitment(ctx.tx, child.id, &commitment, actor.id, now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "add-commitment", Some(child.id)).await?;
    ctx.reply(commitment_text("staff-commitment-added", &child, &commitment));
    Ok(())
}

fn commitment_text(key: &'static str, child: &Person, commitment: &Commitment) -> Text {
    Text::new(key)
        .arg("name", child.name.as_str())
        .arg("label", commitment.label.as_str())
        .arg("days", commitment.days.to_string())
        .arg("window", commitment.window.to_string())
}

/// The remove button under a commitment in `/child`.
pub async fn remove_commitment(ctx: &mut Context<'_>, actor: &Person, commitment_id: i64) -> UseCaseResult {
    let Some(stored) = store::find_commitment(ctx.tx, commitment_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, stored.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else {
        return refuse(Text::new("any-old-button"));
    };
    ctx.mail.concerning(child.id);
    store::delete_commitment(ctx.tx, commitment_id).await?;
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "remove-commitment", Some(child.id)).await?;
    ctx.reply(commitment_text("staff-commitment-removed", &child, &stored.commitment));
    Ok(())
}

// ----- clashes -----

/// What the child's week already holds, and what the children kept apart from them hold.
struct Surroundings {
    commitments: Vec<Commitment>,
    own_slots: Vec<StoredSlot>,
    own_occurrences: Vec<Occurrence>,
    apart_slots: Vec<WeeklySlot>,
    apart_occurrences: Vec<Occurrence>,
}

async fn surroundings(ctx: &mut Context<'_>, child_id: i64) -> UseCaseResult<Surroundings> {
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
    Ok(Surroundings { commitments, own_slots, own_occurrences, apart_slots, apart_occurrences })
}

fn scheduled(occurrences: Vec<Occurrence>) -> Vec<Occurrence> {
    occurrences.into_iter().filter(|o| o.state == OccurrenceState::Scheduled).collect()
}

fn fixed(occurrence: &Occurrence) -> Fixed {
    let at = |t: i64| chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
    Fixed { start: at(occurrence.starts_at), end: at(occurrence.ends_at), place: occurrence.place.clone() }
}

/// Moved occurrences stand alone; series occurrences are covered by their slot's weekly rule.
fn one_offs(occurrences: &[Occurrence]) -> Vec<Fixed> {
    occurrences.iter().filter(|o| o.moved_from.is_some()).map(fixed).collect()
}

fn clash_text(tz: Tz, clash: &Clash, child: &Person) -> Text {
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
    }
}

/// A short fixed description for the override record; never names another child.
fn clash_record(clash: &Clash) -> String {
    match clash {
        Clash::Commitment { label, days, window } => format!("commitment: {label}, {days} {window}"),
        Clash::OwnSlot { weekday, time } => format!("own slot: {} {}", weekday_short(*weekday), time.format("%H:%M")),
        Clash::OwnAppointment { start } => format!("own appointment at {}", start.to_rfc3339()),
        Clash::KeptApart => "kept-apart child at the same place".into(),
    }
}

/// Refuses when there are clashes and no override; otherwise returns the override reason, if any.
fn judge_clashes(tz: Tz, clashes: &[Clash], child: &Person, override_reason: Option<&str>) -> UseCaseResult<()> {
    if clashes.is_empty() || override_reason.is_some() {
        return Ok(());
    }
    let lines: Vec<Text> = clashes.iter().map(|c| clash_text(tz, c, child)).collect();
    refuse(Text::new("staff-refused-clash").arg("clashes", lines))
}

async fn record_overrides(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    clashes: &[Clash],
    reason: Option<&str>,
    slot_id: Option<i64>,
    occurrence_id: Option<i64>,
) -> UseCaseResult {
    let Some(reason) = reason.filter(|_| !clashes.is_empty()) else { return Ok(()) };
    let now = ctx.timestamp();
    for clash in clashes {
        let clash = clash_record(clash);
        store::record_override(
            ctx.tx,
            Override { child_id: child.id, slot_id, occurrence_id, clash: &clash, reason, by: actor.id, at: now },
        )
        .await?;
    }
    audit::record(ctx.tx, now, Some(actor.id), "override-clash", Some(child.id)).await?;
    let lines: Vec<Text> = clashes.iter().map(|c| clash_text(ctx.time_zone(), c, child)).collect();
    ctx.reply(Text::new("staff-overridden").arg("clashes", lines).arg("reason", reason));
    Ok(())
}

fn option<'a>(args: &'a Args, key: &str) -> Option<&'a str> {
    args.options.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

fn allow_options(args: &Args, allowed: &[&str]) -> UseCaseResult {
    match args.options.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => {
            refuse(Text::new("staff-unknown-option").arg("option", quote_back(key)).arg("options", allowed.join(", ")))
        }
        None => Ok(()),
    }
}

fn parse_place(args: &Args, default: Place) -> UseCaseResult<Place> {
    match option(args, "place") {
        None => Ok(default),
        Some(text) => {
            Place::parse(text).ok_or_else(|| refused(Text::new("staff-bad-place").arg("max", Place::MAX_CHARS as i64)))
        }
    }
}

fn parse_override(args: &Args) -> UseCaseResult<Option<String>> {
    match option(args, "override") {
        Some(reason) if reason.chars().count() > REASON_MAX_CHARS => {
            refuse(Text::new("staff-reason-too-long").arg("max", REASON_MAX_CHARS as i64))
        }
        Some(reason) => Ok(tidy(reason, REASON_MAX_CHARS)),
        None => Ok(None),
    }
}

fn parse_args(text: &str, usage: &'static str) -> UseCaseResult<Args> {
    split_args(text).map_err(|e| {
        refused(Text::new("staff-bad-arguments").arg("problem", e.to_string()).arg("example", Text::new(usage)))
    })
}

// ----- slots -----

/// `/slot NAME DAY HH:MM [MINUTES] [place=...] [from=YYYY-MM-DD] [override="reason"]`
pub async fn add_slot(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    const USAGE: &str = "usage-slot";
    let args = parse_args(text, USAGE)?;
    allow_options(&args, &["place", "from", "override"])?;
    let words = &args.words;
    let (at, weekday, time) = (1..words.len().saturating_sub(1))
        .find_map(|i| Some((i, parse_weekday(&words[i])?, parse_clock_time(&words[i + 1])?)))
        .ok_or_else(|| refused(Text::new(USAGE)))?;
    let minutes = match &words[at + 2..] {
        [] => DEFAULT_MINUTES,
        [minutes] => minutes.parse().ok().filter(|m| MINUTES.contains(m)).ok_or_else(|| {
            refused(Text::new("staff-bad-minutes").arg("min", *MINUTES.start()).arg("max", *MINUTES.end()))
        })?,
        _ => return refuse(Text::new(USAGE)),
    };
    let child = find_child(ctx, actor, &words[..at].join(" "), USAGE).await?;
    let place = parse_place(&args, Place::Named(Place::DEFAULT.into()))?;
    let today = ctx.today();
    let from = match option(&args, "from") {
        None => today,
        Some(text) => parse_date(text, today).ok_or_else(|| refused(bad_date("from", text)))?,
    };
    if from < today {
        return refuse(Text::new("staff-date-in-past"));
    }
    let end = order_end(ctx.tx, child.id).await?;
    if let Some(end) = end.filter(|end| from > *end) {
        return refuse(
            Text::new("staff-outside-order").arg("name", child.name.as_str()).arg("order_end", end.to_string()),
        );
    }
    let override_reason = parse_override(&args)?;
    let slot = WeeklySlot { weekday, time, minutes, place, starts_on: from, ends_on: None };
    let tz = ctx.time_zone();
    let around = surroundings(ctx, child.id).await?;
    let own_slots: Vec<WeeklySlot> = around.own_slots.iter().map(|s| s.slot.clone()).collect();
    let clashes = weekly_clashes(
        tz,
        &effective(&slot, end),
        &around.commitments,
        &own_slots,
        &one_offs(&around.own_occurrences),
        &around.apart_slots,
        &one_offs(&around.apart_occurrences),
    );
    judge_clashes(tz, &clashes, &child, override_reason.as_deref())?;

    let now = ctx.timestamp();
    let slot_id = store::insert_slot(ctx.tx, child.id, &slot, actor.id, now).await?;
    let stored = StoredSlot { id: slot_id, child_id: child.id, slot: slot.clone() };
    materialise(ctx.tx, ctx.settings, &stored, end, from, from + Duration::weeks(HORIZON_WEEKS), now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "add-slot", Some(child.id)).await?;
    record_overrides(ctx, actor, &child, &clashes, override_reason.as_deref(), Some(slot_id), None).await?;

    let next = store::next_scheduled(ctx.tx, child.id, now).await?;
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
pub async fn end_slot(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    const USAGE: &str = "usage-endslot";
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 3 {
        return refuse(Text::new(USAGE));
    }
    let (weekday, time) = match (parse_weekday(words[words.len() - 2]), parse_clock_time(words[words.len() - 1])) {
        (Some(day), Some(time)) => (day, time),
        _ => return refuse(Text::new(USAGE)),
    };
    let child = find_child(ctx, actor, &strip_quotes(&words[..words.len() - 2].join(" ")), USAGE).await?;
    let today = ctx.today();
    let slots = store::list_current_slots(ctx.tx, child.id, today).await?;
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

// ----- kept apart -----

/// `/apart NAME OTHER`: the other child may be on any caseload; when the name is shared, the bot asks.
pub async fn keep_apart(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    const USAGE: &str = "usage-apart";
    let args = parse_args(text, USAGE)?;
    let [first, second] = args.words.as_slice() else {
        return refuse(Text::new(USAGE));
    };
    if !args.options.is_empty() {
        return refuse(Text::new(USAGE));
    }
    let child = find_child(ctx, actor, first, USAGE).await?;
    let other_name = PersonName::parse(second).map_err(|_| refused(Text::new(USAGE)))?;
    let candidates = match people::find_child_in_caseload(ctx.tx, actor.id, &other_name.key()).await? {
        Some(own) => vec![own],
        None => people::find_children_by_name(ctx.tx, &other_name.key()).await?,
    };
    match candidates.as_slice() {
        [] => refuse(Text::new("staff-no-such-child-anywhere").arg("name", other_name.as_str())),
        [other] => record_apart(ctx, actor, &child, other).await,
        several => {
            let child_id = child.id;
            choices::ask_which_child(ctx, other_name.as_str(), several, |other| CallbackAction::KeepApart {
                child_id,
                other_id: other.id,
            })
            .await
        }
    }
}

/// The button from `/apart` when a name was shared, checked again on arrival.
pub async fn keep_apart_tapped(ctx: &mut Context<'_>, actor: &Person, child_id: i64, other_id: i64) -> UseCaseResult {
    let child = people::find_by_id(ctx.tx, child_id).await?.filter(|c| may_act_on(actor, c));
    let other = people::find_by_id(ctx.tx, other_id).await?.filter(|o| o.role == Role::Child);
    match (child, other) {
        (Some(child), Some(other)) => {
            ctx.mail.concerning(child.id);
            record_apart(ctx, actor, &child, &other).await
        }
        _ => refuse(Text::new("any-old-button")),
    }
}

async fn record_apart(ctx: &mut Context<'_>, actor: &Person, child: &Person, other: &Person) -> UseCaseResult {
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
async fn warn_of_existing_meetings(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    other: &Person,
) -> UseCaseResult {
    const SHOWN: usize = 5;
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let horizon = now + Duration::weeks(HORIZON_WEEKS).num_seconds();
    let margin = APART_MARGIN_MINUTES * 60;
    let mine = scheduled(store::list_occurrences(ctx.tx, child.id, now, horizon).await?);
    let theirs = scheduled(store::list_occurrences(ctx.tx, other.id, now, horizon).await?);
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

// ----- one-off changes -----

/// Whether the child hears of a change from us, or their worker must tell them.
fn told_or_not(child: &Person) -> Text {
    let key = if child.has_joined() { "staff-child-told" } else { "staff-child-not-told" };
    Text::new(key).arg("name", child.name.as_str())
}

fn bad_date(option: &str, value: &str) -> Text {
    Text::new("staff-bad-option").arg("option", option).arg("value", quote_back(value)).arg("expected", "YYYY-MM-DD")
}

/// The child's scheduled occurrences on a local date that have not started yet.
async fn upcoming_on(ctx: &mut Context<'_>, child: &Person, date: NaiveDate) -> UseCaseResult<Vec<Occurrence>> {
    let tz = ctx.time_zone();
    let from = resolve_local(tz, date, NaiveTime::MIN).timestamp();
    let until = resolve_local(tz, date + Duration::days(1), NaiveTime::MIN).timestamp();
    let now = ctx.timestamp();
    let on_day = scheduled(store::list_occurrences(ctx.tx, child.id, from, until).await?);
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
pub async fn skip(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    const USAGE: &str = "usage-skip";
    let today = ctx.today();
    let words: Vec<&str> = text.split_whitespace().collect();
    let (at, date) = (1..words.len())
        .find_map(|i| Some((i, parse_date(words[i], today)?)))
        .ok_or_else(|| refused(Text::new(USAGE)))?;
    let reason = tidy(&words[at + 1..].join(" "), usize::MAX).unwrap_or_default();
    if reason.chars().count() > REASON_MAX_CHARS {
        return refuse(Text::new("staff-reason-too-long").arg("max", REASON_MAX_CHARS as i64));
    }
    let child = find_child(ctx, actor, &strip_quotes(&words[..at].join(" ")), USAGE).await?;
    let occurrences = upcoming_on(ctx, &child, date).await?;
    let now = ctx.timestamp();
    let reason = (!reason.is_empty()).then_some(reason.as_str());
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
pub async fn move_one(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    const USAGE: &str = "usage-move";
    let args = parse_args(text, USAGE)?;
    allow_options(&args, &["place", "override"])?;
    let today = ctx.today();
    let words = &args.words;
    if words.len() < 4 {
        return refuse(Text::new(USAGE));
    }
    let n = words.len();
    let (Some(date), Some(new_date), Some(time)) =
        (parse_date(&words[n - 3], today), parse_date(&words[n - 2], today), parse_clock_time(&words[n - 1]))
    else {
        return refuse(Text::new(USAGE));
    };
    let child = find_child(ctx, actor, &words[..n - 3].join(" "), USAGE).await?;
    let override_reason = parse_override(&args)?;
    let original = upcoming_on(ctx, &child, date).await?.remove(0);
    let place = parse_place(&args, original.place.clone())?;
    let tz = ctx.time_zone();
    let now = ctx.timestamp();
    let start = resolve_local(tz, new_date, time);
    if start.timestamp() <= now {
        return refuse(Text::new("staff-date-in-past"));
    }
    if let Some(end) = order_end(ctx.tx, child.id).await?.filter(|end| new_date > *end) {
        return refuse(
            Text::new("staff-outside-order").arg("name", child.name.as_str()).arg("order_end", end.to_string()),
        );
    }
    if engagement::suspended_on(ctx.tx, child.id, new_date).await? {
        return refuse(Text::new("staff-move-into-suspension").arg("name", child.name.as_str()));
    }
    let candidate = Fixed { start, end: start + Duration::seconds(original.ends_at - original.starts_at), place };
    let around = surroundings(ctx, child.id).await?;
    let own: Vec<Fixed> = around.own_occurrences.iter().filter(|o| o.id != original.id).map(fixed).collect();
    let apart: Vec<Fixed> = around.apart_occurrences.iter().map(fixed).collect();
    let clashes = one_off_clashes(tz, &candidate, &around.commitments, &own, &apart);
    judge_clashes(tz, &clashes, &child, override_reason.as_deref())?;

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
    let moved = store::find_occurrence(ctx.tx, moved_id).await?.expect("the occurrence just made exists");
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

// ----- seeing it -----

/// `/next` for a child: their next appointment in words they can read, with a calendar button.
pub async fn next_for_child(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let now = ctx.timestamp();
    if actor.role == Role::Carer {
        return next_for_carer(ctx, actor, now).await;
    }
    match store::next_scheduled(ctx.tx, actor.id, now).await? {
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
async fn next_for_carer(ctx: &mut Context<'_>, carer: &Person, now: i64) -> UseCaseResult {
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
pub async fn calendar_for_worker(ctx: &mut Context<'_>, actor: &Person, text: &str) -> UseCaseResult {
    let child = find_child(ctx, actor, text, "usage-calendar").await?;
    let caption = Text::new("staff-calendar-caption").arg("name", child.name.as_str());
    let summary = Text::new("staff-calendar-summary").arg("name", child.name.as_str());
    send_calendar(ctx, &child, caption, summary).await
}

async fn send_calendar(ctx: &mut Context<'_>, child: &Person, caption: Text, summary: Text) -> UseCaseResult {
    let now = ctx.timestamp();
    let tz = ctx.time_zone();
    let horizon = now + Duration::weeks(HORIZON_WEEKS).num_seconds();
    let occurrences = store::list_occurrences(ctx.tx, child.id, now - Duration::days(1).num_seconds(), horizon).await?;
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

/// The appointment part of `/child`: slots, the next four occurrences, commitments (with remove buttons)
/// and how many children this one is kept apart from.
pub async fn describe_for_worker(ctx: &mut Context<'_>, child: &Person) -> UseCaseResult {
    let (tz, today, now) = (ctx.time_zone(), ctx.today(), ctx.timestamp());
    let slots: Vec<Text> = store::list_current_slots(ctx.tx, child.id, today)
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
    let next: Vec<Occurrence> = store::list_occurrences(ctx.tx, child.id, now, horizon)
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
    let apart = store::kept_apart_from(ctx.tx, child.id).await?.len() as i64;
    let text = Text::new("staff-child-appointments")
        .arg("slot_count", slots.len() as i64)
        .arg("slots", slots)
        .arg("upcoming_count", upcoming.len() as i64)
        .arg("upcoming", upcoming)
        .arg("apart", apart);
    ctx.reply(text);
    let commitments = store::list_commitments(ctx.tx, child.id).await?;
    if commitments.is_empty() {
        ctx.reply(Text::new("staff-no-commitments").arg("name", child.name.as_str()));
    } else {
        let lines: Vec<Text> =
            commitments.iter().map(|c| commitment_text("staff-commitment-line", child, &c.commitment)).collect();
        let buttons = commitments
            .iter()
            .map(|c| {
                vec![Button {
                    label: Text::new("staff-button-remove")
                        .arg("label", c.commitment.label.as_str())
                        .arg("days", c.commitment.days.to_string()),
                    action: CallbackAction::RemoveCommitment { commitment_id: c.id },
                }]
            })
            .collect();
        ctx.mail.send_with_buttons(
            ctx.reply_to,
            Text::new("staff-commitments").arg("name", child.name.as_str()).arg("commitments", lines),
            buttons,
        );
    }
    Ok(())
}

/// "Tuesday 2026-12-01 16:00" for a child's next appointment, or "none booked".
pub async fn next_for_worker(conn: &mut Connection, tz: Tz, child_id: i64, now: i64) -> StoreResult<Text> {
    Ok(match store::next_scheduled(conn, child_id, now).await? {
        Some(next) => wording::when_exact(tz, next.starts_at),
        None => Text::new("staff-none-booked"),
    })
}
