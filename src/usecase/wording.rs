//! Times, dates and places in words, as template texts so every language says them its own way.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use crate::domain::answers::{Reason, Reply};
use crate::domain::engagement::Outcome;
use crate::domain::figures::Measure;
use crate::domain::people::{Ethnicity, Gender, LookedAfter, Sex};
use crate::domain::schedule::Place;
use crate::store::appointments::OccurrenceState;
use crate::store::engagement::MissReason;
use crate::templates::Text;

pub fn weekday(day: Weekday) -> Text {
    Text::new(match day {
        Weekday::Mon => "weekday-mon",
        Weekday::Tue => "weekday-tue",
        Weekday::Wed => "weekday-wed",
        Weekday::Thu => "weekday-thu",
        Weekday::Fri => "weekday-fri",
        Weekday::Sat => "weekday-sat",
        Weekday::Sun => "weekday-sun",
    })
}

fn month(number: u32) -> Text {
    const MONTHS: [&str; 12] = [
        "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8", "month-9", "month-10",
        "month-11", "month-12",
    ];
    Text::new(MONTHS[(number as usize).clamp(1, 12) - 1])
}

/// "4pm", "4:30pm" (or the language's own way).
pub fn time_of_day(time: NaiveTime) -> Text {
    let hour = time.hour();
    let twelve = match hour % 12 {
        0 => 12,
        h => h,
    };
    Text::new("time-of-day")
        .arg("hour", i64::from(twelve))
        .arg("minute", i64::from(time.minute()))
        .arg("minute_text", format!("{:02}", time.minute()))
        .arg("afternoon", if hour >= 12 { "yes" } else { "no" })
}

/// "Tuesday 1 December".
pub fn date(date: NaiveDate) -> Text {
    Text::new("date-words")
        .arg("weekday", weekday(date.weekday()))
        .arg("day", i64::from(date.day()))
        .arg("month", month(date.month()))
}

/// "Tuesday 1 December 2026": where the year matters (a date a worker typed, to confirm).
pub fn date_with_year(date: NaiveDate) -> Text {
    Text::new("date-words-year")
        .arg("weekday", weekday(date.weekday()))
        .arg("day", i64::from(date.day()))
        .arg("month", month(date.month()))
        .arg("year", date.year().to_string())
}

/// "Tuesday 1 December, 4pm": for children and carers.
pub fn when(tz: Tz, at: i64) -> Text {
    let local = local(tz, at);
    Text::new("when-words").arg("date", date(local.date_naive())).arg("time", time_of_day(local.time()))
}

/// "Tuesday 2026-12-01 16:00": for staff, exact and sortable.
pub fn when_exact(tz: Tz, at: i64) -> Text {
    let local = local(tz, at);
    Text::new("when-exact")
        .arg("weekday", weekday(local.weekday()))
        .arg("date", local.format("%Y-%m-%d").to_string())
        .arg("time", local.format("%H:%M").to_string())
}

/// "16:05": a local time of day for staff, when the day goes without saying.
pub fn clock(tz: Tz, at: i64) -> String {
    local(tz, at).format("%H:%M").to_string()
}

/// "at the office", "at Youth Centre" (as the worker typed it), "by phone", "by video call".
pub fn place(place: &Place) -> Text {
    match place {
        Place::Phone => Text::new("place-phone"),
        Place::Video => Text::new("place-video"),
        Place::Named(name) if name.as_str().eq_ignore_ascii_case("office") => Text::new("place-office"),
        Place::Named(name) => Text::new("place-named").arg("place", name.as_str()),
    }
}

fn local(tz: Tz, at: i64) -> DateTime<Tz> {
    DateTime::<Utc>::from_timestamp(at, 0).unwrap_or_default().with_timezone(&tz)
}

/// A reminder's answer, as its button reads.
pub fn reply_label(reply: Reply) -> Text {
    Text::new(match reply {
        Reply::Yes => "button-yes",
        Reply::No => "button-no",
        Reply::ChangeTime => "button-change-time",
        Reply::HelpGettingThere => "button-help-getting-there",
    })
}

/// A reason a child can give for missing, as its button reads.
pub fn reason_label(reason: Reason) -> Text {
    Text::new(match reason {
        Reason::Ill => "button-reason-ill",
        Reason::NoTransport => "button-reason-transport",
        Reason::SchoolOrWork => "button-reason-school-or-work",
        Reason::Family => "button-reason-family",
        Reason::Forgot => "button-reason-forgot",
        Reason::SomethingElse => "button-reason-other",
    })
}

/// Came, late or missed, as the worker's button reads.
pub fn outcome_label(outcome: Outcome) -> Text {
    Text::new(match outcome {
        Outcome::Came => "staff-button-came",
        Outcome::Late => "staff-button-late",
        Outcome::Missed => "staff-button-missed",
    })
}

/// The reason a child gave for missing: their own words, a reason they picked, or none.
pub fn reason_text(reason: &MissReason) -> Text {
    match (&reason.note, Reason::from_code(&reason.reason)) {
        (Some(note), _) => Text::new("staff-answer-note").arg("note", note.as_str()),
        (None, Some(reason)) => Text::new("staff-answer-reason").arg("reason", reason_label(reason)),
        (None, None) => Text::new("staff-answer-no-reason"),
    }
}

/// What became of an appointment (scheduled, skipped, moved...), in words.
pub fn state_text(state: OccurrenceState) -> Text {
    Text::new(match state {
        OccurrenceState::Scheduled => "staff-state-scheduled",
        OccurrenceState::Skipped => "staff-state-skipped",
        OccurrenceState::Moved => "staff-state-moved",
        OccurrenceState::Suspended => "staff-state-suspended",
        OccurrenceState::Cancelled => "staff-state-cancelled",
    })
}

/// "Not recorded", for any detail a worker has not given.
pub fn not_recorded() -> Text {
    Text::new("value-not-recorded")
}

pub fn sex(sex: Sex) -> Text {
    match sex {
        Sex::Female => Text::new("value-sex-female"),
        Sex::Male => Text::new("value-sex-male"),
        Sex::NotRecorded => not_recorded(),
    }
}

pub fn gender(gender: Gender) -> Text {
    match gender {
        Gender::Female => Text::new("value-gender-female"),
        Gender::Male => Text::new("value-gender-male"),
        Gender::NonBinary => Text::new("value-gender-non-binary"),
        Gender::Other => Text::new("value-gender-other"),
        Gender::NotRecorded => not_recorded(),
    }
}

/// An ethnic group by its name, capitalised as a proper noun is ("Black", "Gypsy, Roma or Traveller").
pub fn ethnicity(ethnicity: Ethnicity) -> Text {
    match ethnicity {
        Ethnicity::Asian => Text::new("value-ethnicity-asian"),
        Ethnicity::Black => Text::new("value-ethnicity-black"),
        Ethnicity::Mixed => Text::new("value-ethnicity-mixed"),
        Ethnicity::White => Text::new("value-ethnicity-white"),
        Ethnicity::GypsyRomaTraveller => Text::new("value-ethnicity-gypsy-roma-traveller"),
        Ethnicity::Other => Text::new("value-ethnicity-other"),
        Ethnicity::NotRecorded => not_recorded(),
    }
}

pub fn looked_after(looked_after: LookedAfter) -> Text {
    match looked_after {
        LookedAfter::Yes => Text::new("value-yes"),
        LookedAfter::No => Text::new("value-no"),
        LookedAfter::NotRecorded => not_recorded(),
    }
}

/// A group of children the figures compare, as a board reads it: "Black children", "looked-after
/// children". Only ethnicity and care status are compared with a reference group.
pub fn children_group_by_ethnicity(ethnicity: Ethnicity) -> Text {
    Text::new(match ethnicity {
        Ethnicity::Asian => "group-ethnicity-asian",
        Ethnicity::Black => "group-ethnicity-black",
        Ethnicity::Mixed => "group-ethnicity-mixed",
        Ethnicity::White => "group-ethnicity-white",
        Ethnicity::GypsyRomaTraveller => "group-ethnicity-gypsy-roma-traveller",
        Ethnicity::Other => "group-ethnicity-other",
        Ethnicity::NotRecorded => "group-ethnicity-not-recorded",
    })
}

pub fn children_group_by_care(looked_after: LookedAfter) -> Text {
    Text::new(match looked_after {
        LookedAfter::Yes => "group-looked-after",
        LookedAfter::No => "group-not-looked-after",
        LookedAfter::NotRecorded => "group-care-not-recorded",
    })
}

/// What the figures measure, as a line begins: "Given a warning".
pub fn measure(measure: Measure) -> Text {
    Text::new(match measure {
        Measure::Warnings => "measure-warnings",
        Measure::Referrals => "measure-panel-referrals",
        Measure::Misses => "measure-missed",
    })
}
