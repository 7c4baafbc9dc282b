//! The pieces a guided flow asks for: which piece each command's draft is missing, how a piece is
//! read (tapped or typed) into one written form, and how that form fills the draft.

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::dates::Looking;
use crate::domain::ids::DropinId;
use crate::domain::people::{ChannelKind, Language, PersonName, Role};
use crate::domain::phone::PhoneNumber;
use crate::domain::schedule::{DaySet, LocalWindow, Place};
use crate::domain::weekdays::{parse_weekday, weekday_short};
use crate::templates::Text;
use crate::usecase::commands::{
    self as commands, CHILD_OPTIONS, Command, CommandName, Draft, Invitees, MINUTES, Missing, child_option, date_word,
    dropin_link, dropin_title, read_name, read_reason, time_word, yes_or_no,
};
use crate::usecase::wording;

/// One piece a flow asks for. Each is kept in one written form (see [`Field::read`]): a date as
/// `2026-12-28`, a time as `16:00`, a day as `Tue`, a child or drop-in by number, words as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The child the command is about, by their number.
    Child,
    Weekday,
    Time,
    Minutes,
    Place,
    /// A commitment's days (`Mon-Fri`).
    Days,
    /// A commitment's hours (`08:45-15:15`).
    Window,
    Label,
    /// Whether the child may read a commitment's label.
    Shown,
    /// The date of one of the child's appointments.
    Appointment,
    /// A day from today on: a new day for an appointment, a drop-in's day.
    Day,
    From,
    Until,
    Reason,
    /// Another child, by name (kept apart, invited to a drop-in).
    Other,
    /// A worker, by name (a child's new worker).
    Worker,
    /// A member of staff, by name (whose access stops).
    Staff,
    Role,
    /// A new person's name.
    Name,
    Language,
    Title,
    Link,
    /// A drop-in, by its number.
    Dropin,
    /// One of the child's weekly appointments (`Tue 16:00`).
    Slot,
    /// Why an appointment that clashes is booked anyway.
    Override,
    /// Which of a child's details `/update` changes, by its option's key (`born`).
    Detail,
    /// That detail's new value, as `key=value` (`born=2011-04-02`).
    Change,
}

impl Field {
    const CODES: [(Field, &'static str); 27] = [
        (Field::Child, "child"),
        (Field::Weekday, "weekday"),
        (Field::Time, "time"),
        (Field::Minutes, "minutes"),
        (Field::Place, "place"),
        (Field::Days, "days"),
        (Field::Window, "window"),
        (Field::Label, "label"),
        (Field::Shown, "shown"),
        (Field::Appointment, "appointment"),
        (Field::Day, "day"),
        (Field::From, "from"),
        (Field::Until, "until"),
        (Field::Reason, "reason"),
        (Field::Other, "other"),
        (Field::Worker, "worker"),
        (Field::Staff, "staff"),
        (Field::Role, "role"),
        (Field::Name, "name"),
        (Field::Language, "language"),
        (Field::Title, "title"),
        (Field::Link, "link"),
        (Field::Dropin, "dropin"),
        (Field::Slot, "slot"),
        (Field::Override, "override"),
        (Field::Detail, "detail"),
        (Field::Change, "change"),
    ];

    /// The form kept in the database.
    pub fn code(self) -> &'static str {
        Self::CODES.iter().find(|(field, _)| *field == self).map_or("", |(_, code)| code)
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Self::CODES.iter().find(|(_, c)| *c == code).map(|(field, _)| *field)
    }

    /// The question that asks for it.
    pub fn question(self) -> Text {
        Text::new(match self {
            Field::Child => "staff-flow-ask-child",
            Field::Weekday => "staff-flow-ask-weekday",
            Field::Time => "staff-flow-ask-time",
            Field::Minutes => "staff-flow-ask-minutes",
            Field::Place => "staff-flow-ask-place",
            Field::Days => "staff-flow-ask-days",
            Field::Window => "staff-flow-ask-window",
            Field::Label => "staff-flow-ask-label",
            Field::Shown => "staff-flow-ask-shown",
            Field::Appointment => "staff-flow-ask-appointment",
            Field::Day => "staff-flow-ask-day",
            Field::From => "staff-flow-ask-from",
            Field::Until => "staff-flow-ask-until",
            Field::Reason => "staff-flow-ask-reason",
            Field::Other => "staff-flow-ask-other",
            Field::Worker => "staff-flow-ask-worker",
            Field::Staff => "staff-flow-ask-staff",
            Field::Role => "staff-flow-ask-role",
            Field::Name => "staff-flow-ask-name",
            Field::Language => "staff-flow-ask-language",
            Field::Title => "staff-flow-ask-title",
            Field::Link => "staff-flow-ask-link",
            Field::Dropin => "staff-flow-ask-dropin",
            Field::Slot => "staff-flow-ask-slot",
            Field::Override => "staff-flow-ask-override",
            Field::Detail => "staff-flow-ask-detail",
            Field::Change => "staff-flow-ask-change",
        })
    }

    /// Its name in the summary ("Day", "Time").
    pub fn label(self) -> Text {
        Text::new(match self {
            Field::Child => "staff-flow-field-child",
            Field::Weekday => "staff-flow-field-weekday",
            Field::Time => "staff-flow-field-time",
            Field::Minutes => "staff-flow-field-minutes",
            Field::Place => "staff-flow-field-place",
            Field::Days => "staff-flow-field-days",
            Field::Window => "staff-flow-field-window",
            Field::Label => "staff-flow-field-label",
            Field::Shown => "staff-flow-field-shown",
            Field::Appointment => "staff-flow-field-appointment",
            Field::Day => "staff-flow-field-day",
            Field::From => "staff-flow-field-from",
            Field::Until => "staff-flow-field-until",
            Field::Reason => "staff-flow-field-reason",
            Field::Other => "staff-flow-field-other",
            Field::Worker => "staff-flow-field-worker",
            Field::Staff => "staff-flow-field-staff",
            Field::Role => "staff-flow-field-role",
            Field::Name => "staff-flow-field-name",
            Field::Language => "staff-flow-field-language",
            Field::Title => "staff-flow-field-title",
            Field::Link => "staff-flow-field-link",
            Field::Dropin => "staff-flow-field-dropin",
            Field::Slot => "staff-flow-field-slot",
            Field::Override => "staff-flow-field-override",
            Field::Detail | Field::Change => "staff-flow-field-detail",
        })
    }

    /// What was typed or tapped, read into the written form kept; a refusal names what could not be
    /// read. A child, a drop-in and people by name are looked up by the flow, not here.
    pub fn read(self, text: &str, today: NaiveDate) -> Result<String, Text> {
        let text = text.trim();
        Ok(match self {
            Field::Child | Field::Dropin => text.to_owned(),
            Field::Weekday => weekday_short(weekday(text)?).to_owned(),
            Field::Time => time(text)?.format("%H:%M").to_string(),
            Field::Minutes => minutes(text)?.to_string(),
            Field::Place => place(text)?.as_stored(),
            Field::Days => {
                days(text)?;
                text.split_whitespace().collect()
            }
            Field::Window => {
                let window = window(text)?;
                format!("{}-{}", window.start.format("%H:%M"), window.end.format("%H:%M"))
            }
            Field::Label => commands::label(text)?,
            Field::Shown => if shown(text)? { "yes" } else { "no" }.to_owned(),
            Field::Appointment | Field::Day | Field::From | Field::Until => date(text, today)?.to_string(),
            Field::Reason | Field::Override => reason(text)?,
            Field::Other | Field::Worker | Field::Staff | Field::Name => person_name(text)?.as_str().to_owned(),
            Field::Role => role(text)?.as_str().to_owned(),
            Field::Language => language(text)?.code().to_owned(),
            Field::Title => dropin_title(text)?,
            Field::Link => dropin_link(text)?,
            Field::Slot => {
                let (day, at) = weekly(text)?;
                format!("{} {}", weekday_short(day), at.format("%H:%M"))
            }
            Field::Detail => detail(text)?.to_owned(),
            // Read with the detail it changes: see [`change`].
            Field::Change => text.to_owned(),
        })
    }

    /// How a kept piece reads in the summary, in the reader's language.
    pub fn shown(self, value: &str) -> Text {
        let said = |text: Option<Text>| text.unwrap_or_else(|| Text::new("staff-flow-value").arg("value", value));
        match self {
            Field::Weekday => said(parse_weekday(value).map(wording::weekday)),
            Field::Time => said(time(value).ok().map(wording::time_of_day)),
            Field::Minutes => said(minutes(value).ok().map(|m| Text::new("staff-flow-minutes").arg("minutes", m))),
            Field::Place => said(Place::parse(value).map(|p| wording::place(&p))),
            Field::Shown => Text::new(if value == "yes" { "staff-flow-yes" } else { "staff-flow-no" }),
            Field::Appointment | Field::Day | Field::From | Field::Until => {
                said(value.parse::<NaiveDate>().ok().map(wording::date_with_year))
            }
            Field::Role => said(Role::parse(value).map(role_words)),
            Field::Language => {
                said(Language::from_code(value).map(|l| Text::new("staff-flow-value").arg("value", l.own_name())))
            }
            Field::Detail => said(detail(value).ok().map(detail_words)),
            Field::Window => window_words(value),
            // The days as their buttons say them; other sets as typed (`Mon,Wed`).
            Field::Days => match value {
                "Mon-Fri" => Text::new("staff-flow-days-weekdays"),
                "Sat-Sun" => Text::new("staff-flow-days-weekend"),
                "daily" => Text::new("staff-flow-days-daily"),
                _ => said(parse_weekday(value).map(wording::weekday)),
            },
            Field::Slot => said(weekly(value).ok().map(|(day, at)| {
                Text::new("staff-flow-weekly")
                    .arg("weekday", wording::weekday(day))
                    .arg("time", wording::time_of_day(at))
            })),
            _ => said(None),
        }
    }
}

/// A staff role in words ("Case worker").
pub fn role_words(role: Role) -> Text {
    Text::new(match role {
        Role::Manager => "staff-flow-role-manager",
        Role::Host => "staff-flow-role-host",
        _ => "staff-flow-role-worker",
    })
}

/// A commitment's hours in words ("8.45am to 3.15pm"), from their kept form.
pub fn window_words(kept: &str) -> Text {
    match LocalWindow::parse(kept) {
        Some(window) => Text::new("staff-flow-window")
            .arg("from", wording::time_of_day(window.start))
            .arg("to", wording::time_of_day(window.end)),
        None => Text::new("staff-flow-value").arg("value", kept),
    }
}

/// One of `/update`'s details in words ("Date of birth").
pub fn detail_words(key: &str) -> Text {
    Text::new(match key {
        "lang" => "staff-flow-detail-lang",
        "born" => "staff-flow-detail-born",
        "order_end" => "staff-flow-detail-order-end",
        "sex" => "staff-flow-detail-sex",
        "gender" => "staff-flow-detail-gender",
        "ethnicity" => "staff-flow-detail-ethnicity",
        "looked_after" => "staff-flow-detail-looked-after",
        "phone" => "staff-flow-detail-phone",
        _ => "staff-flow-detail-channel",
    })
}

fn detail(text: &str) -> Result<&'static str, Text> {
    let key = text.trim().to_lowercase();
    CHILD_OPTIONS.iter().copied().find(|k| *k == key).ok_or_else(|| not_read(text, "staff-flow-bad-choice"))
}

/// A new value for a child's detail, tapped or typed, kept as `key=value`: a date in one form, a
/// mobile number as it is kept; refused, naming it, as `/update` would refuse it.
pub fn change(key: &str, text: &str, today: NaiveDate) -> Result<String, Text> {
    let text = text.trim();
    let value = match key {
        "born" => date_on(text, today, Looking::Back)?.to_string(),
        "order_end" => date_on(text, today, Looking::Ahead)?.to_string(),
        "phone" => PhoneNumber::parse(text).map_or_else(|| text.to_owned(), |p| p.as_str().to_owned()),
        _ => text.to_lowercase(),
    };
    child_option(key, &value, today)?;
    Ok(format!("{key}={value}"))
}

/// A change kept as `key=value`, in words for the summary: the detail, and its new value.
pub fn change_words(kept: &str) -> (Text, Text) {
    let (key, value) = kept.split_once('=').unwrap_or((kept, ""));
    let said = |text: Option<Text>| text.unwrap_or_else(|| Text::new("staff-flow-value").arg("value", value));
    let words = match key {
        "born" | "order_end" => said(value.parse::<NaiveDate>().ok().map(wording::date_with_year)),
        "lang" => said(Language::from_code(value).map(|l| Text::new("staff-flow-value").arg("value", l.own_name()))),
        "channel" => said(ChannelKind::from_code(value).map(channel_words)),
        "sex" => said(value.parse().ok().map(wording::sex)),
        "gender" => said(value.parse().ok().map(wording::gender)),
        "ethnicity" => said(value.parse().ok().map(wording::ethnicity)),
        "looked_after" => said(value.parse().ok().map(wording::looked_after)),
        _ => said(None),
    };
    (detail_words(key), words)
}

/// How a child is reached, in words.
pub fn channel_words(channel: ChannelKind) -> Text {
    Text::new(match channel {
        ChannelKind::Telegram => "staff-flow-channel-telegram",
        ChannelKind::Sms => "staff-flow-channel-sms",
    })
}

fn date_on(text: &str, today: NaiveDate, looking: Looking) -> Result<NaiveDate, Text> {
    date_word(text, today, looking)?.ok_or_else(|| Text::new("staff-bad-date").arg("value", text))
}

fn weekday(text: &str) -> Result<Weekday, Text> {
    parse_weekday(text).ok_or_else(|| not_read(text, "staff-flow-bad-weekday"))
}

fn time(text: &str) -> Result<NaiveTime, Text> {
    time_word(text)?.ok_or_else(|| Text::new("staff-bad-time").arg("value", text))
}

fn minutes(text: &str) -> Result<i64, Text> {
    text.trim_end_matches(|c: char| c.is_alphabetic() || c.is_whitespace())
        .parse()
        .ok()
        .filter(|m| MINUTES.contains(m))
        .ok_or_else(|| Text::new("staff-bad-minutes").arg("min", *MINUTES.start()).arg("max", *MINUTES.end()))
}

fn place(text: &str) -> Result<Place, Text> {
    Place::parse(text).ok_or_else(|| Text::new("staff-bad-place").arg("max", Place::MAX_CHARS as i64))
}

fn days(text: &str) -> Result<DaySet, Text> {
    DaySet::parse(&text.split_whitespace().collect::<String>()).ok_or_else(|| not_read(text, "staff-flow-bad-days"))
}

fn window(text: &str) -> Result<LocalWindow, Text> {
    LocalWindow::parse(&text.split_whitespace().collect::<String>())
        .ok_or_else(|| not_read(text, "staff-flow-bad-window"))
}

fn shown(text: &str) -> Result<bool, Text> {
    yes_or_no(text).ok_or_else(|| not_read(text, "staff-flow-bad-yes-no"))
}

fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, Text> {
    date_word(text, today, Looking::Ahead)?.ok_or_else(|| Text::new("staff-bad-date").arg("value", text))
}

fn reason(text: &str) -> Result<String, Text> {
    read_reason(text)?.ok_or_else(|| Text::new("staff-flow-ask-reason"))
}

fn person_name(text: &str) -> Result<PersonName, Text> {
    read_name(text)?.ok_or_else(|| Text::new("staff-flow-ask-name"))
}

fn role(text: &str) -> Result<Role, Text> {
    Role::parse(&text.to_lowercase()).filter(|r| r.is_staff()).ok_or_else(|| not_read(text, "staff-flow-bad-choice"))
}

fn language(text: &str) -> Result<Language, Text> {
    Language::ALL
        .into_iter()
        .find(|l| l.code() == text || l.own_name().eq_ignore_ascii_case(text))
        .ok_or_else(|| not_read(text, "staff-flow-bad-choice"))
}

/// `Tue 16:00`, `Tue 4pm`: a weekly appointment's day and time.
fn weekly(text: &str) -> Result<(Weekday, NaiveTime), Text> {
    let (day, at) =
        text.trim().split_once(char::is_whitespace).ok_or_else(|| not_read(text, "staff-flow-bad-weekly"))?;
    Ok((weekday(day)?, time(at.trim())?))
}

fn not_read(text: &str, key: &'static str) -> Text {
    Text::new(key).arg("value", crate::domain::text::quote_back(text))
}

/// The piece a command's draft needs next, as a flow asks for it; `None` when it has every piece
/// it needs (or the command takes no flow).
pub fn missing(command: &Command) -> Option<Field> {
    let (name, missing) = match command {
        Command::Slot(d) => (CommandName::Slot, d.clone().complete().err()),
        Command::Commitment(d) => (CommandName::Commitment, d.clone().complete().err()),
        Command::EndSlot(d) => (CommandName::EndSlot, d.clone().complete().err()),
        Command::Move(d) => (CommandName::Move, d.clone().complete().err()),
        Command::Apart(d) => (CommandName::Apart, d.clone().complete().err()),
        Command::Warn(d) => (CommandName::Warn, d.clone().complete().err()),
        Command::Suspend(d) => (CommandName::Suspend, d.clone().complete().err()),
        Command::Transfer(d) => (CommandName::Transfer, d.clone().complete().err()),
        Command::Invite(d) => (CommandName::Invite, d.clone().complete().err()),
        Command::Revoke(d) => (CommandName::Revoke, d.clone().complete().err()),
        Command::Enrol(d) => (CommandName::Enrol, d.clone().complete().err()),
        Command::Dropin(d) => (CommandName::Dropin, d.clone().complete().err()),
        Command::Roster(d) => (CommandName::Roster, d.clone().complete().err()),
        Command::CancelDropin(d) => (CommandName::CancelDropin, d.clone().complete().err()),
        Command::DropinInvite(d) => (CommandName::DropinInvite, d.clone().complete().err()),
        Command::Update(d) => (CommandName::Update, d.clone().complete().err()),
        Command::Child(d) => (CommandName::Child, d.clone().complete().err()),
        Command::Link(d) => (CommandName::Link, d.clone().complete().err()),
        Command::Calendar(d) => (CommandName::Calendar, d.clone().complete().err()),
        Command::Export(d) => (CommandName::Export, d.clone().complete().err()),
        Command::Audit(d) => (CommandName::Audit, d.clone().complete().err()),
        Command::Erase(d) => (CommandName::Erase, d.clone().complete().err()),
        Command::Carer(d) => (CommandName::Carer, d.clone().complete().err()),
        Command::Attended(d) => (CommandName::Attended, d.clone().complete().err()),
        Command::Missed(d) => (CommandName::Missed, d.clone().complete().err()),
        Command::Skip(d) => (CommandName::Skip, d.clone().complete().err()),
        _ => return None,
    };
    let Missing(piece) = missing?;
    Some(match (name, piece) {
        (CommandName::Revoke, "name") => Field::Staff,
        (CommandName::Invite | CommandName::Enrol, "name") => Field::Name,
        (_, "name" | "child") => Field::Child,
        (CommandName::EndSlot, "weekday" | "time") => Field::Slot,
        (_, "weekday") => Field::Weekday,
        (_, "time") => Field::Time,
        (_, "days") => Field::Days,
        (_, "window") => Field::Window,
        (_, "label") => Field::Label,
        (CommandName::Move | CommandName::Skip, "date") => Field::Appointment,
        (_, "date" | "new_date") => Field::Day,
        (_, "from") => Field::From,
        (_, "to") => Field::Until,
        (_, "reason") => Field::Reason,
        (_, "other" | "invitees") => Field::Other,
        (_, "worker") => Field::Worker,
        (_, "role") => Field::Role,
        (_, "title") => Field::Title,
        (_, "link") => Field::Link,
        (_, "dropin_id") => Field::Dropin,
        (_, "options") => Field::Detail,
        _ => return None,
    })
}

/// Commands that run as soon as they have their pieces, with no summary to confirm: what they do is
/// to show something, ask the child, or confirm in their own way (`/erase`), or it is what the tap
/// on the appointment meant (`/skip`).
pub fn runs_at_once(name: CommandName) -> bool {
    matches!(
        name,
        CommandName::Child
            | CommandName::Link
            | CommandName::Calendar
            | CommandName::Export
            | CommandName::Audit
            | CommandName::Erase
            | CommandName::Carer
            | CommandName::Attended
            | CommandName::Missed
            | CommandName::Skip
    )
}

/// The pieces a flow also offers once the draft has what it needs, each with a button for the usual
/// choice: how long, where, whether the child sees a label, the child's language.
pub fn extras(name: CommandName) -> &'static [Field] {
    match name {
        CommandName::Slot => &[Field::Minutes, Field::Place],
        CommandName::Commitment => &[Field::Shown],
        CommandName::Dropin => &[Field::Minutes],
        CommandName::Enrol => &[Field::Language],
        _ => &[],
    }
}

/// Whether the command as typed already gave this extra piece (`/slot Sam place=...`).
pub fn given(command: &Command, field: Field) -> bool {
    match (command, field) {
        (Command::Slot(d), Field::Minutes) => d.minutes.is_some(),
        (Command::Slot(d), Field::Place) => d.place.is_some(),
        (Command::Commitment(d), Field::Shown) => d.shown,
        (Command::Dropin(d), Field::Minutes) => d.minutes.is_some(),
        (Command::Enrol(d), Field::Language) => d.options.language.is_some(),
        _ => false,
    }
}

/// Fills a piece, in its kept form, into the command's draft; the child comes as their name.
/// `false` when this command has no such piece.
pub fn put(command: &mut Command, field: Field, value: &str, today: NaiveDate) -> Result<bool, Text> {
    let name = || person_name(value);
    let on = |text: &str| text.parse::<NaiveDate>().map_err(|_| Text::new("staff-bad-date").arg("value", text));
    match (command, field) {
        (Command::Slot(d), Field::Child) => d.child = Some(name()?),
        (Command::Slot(d), Field::Weekday) => d.weekday = Some(weekday(value)?),
        (Command::Slot(d), Field::Time) => d.time = Some(time(value)?),
        (Command::Slot(d), Field::Minutes) => d.minutes = Some(minutes(value)?),
        (Command::Slot(d), Field::Place) => d.place = Some(place(value)?),
        (Command::Slot(d), Field::Override) => d.override_reason = Some(reason(value)?),
        (Command::Commitment(d), Field::Child) => d.child = Some(name()?),
        (Command::Commitment(d), Field::Days) => d.days = Some(days(value)?),
        (Command::Commitment(d), Field::Window) => d.window = Some(window(value)?),
        (Command::Commitment(d), Field::Label) => d.label = Some(commands::label(value)?),
        (Command::Commitment(d), Field::Shown) => d.shown = shown(value)?,
        (Command::EndSlot(d), Field::Child) => d.child = Some(name()?),
        (Command::EndSlot(d), Field::Slot) => {
            let (day, at) = weekly(value)?;
            (d.weekday, d.time) = (Some(day), Some(at));
        }
        (Command::Move(d), Field::Child) => d.child = Some(name()?),
        (Command::Move(d), Field::Appointment) => d.date = Some(on(value)?),
        (Command::Move(d), Field::Day) => d.new_date = Some(on(value)?),
        (Command::Move(d), Field::Time) => d.time = Some(time(value)?),
        (Command::Move(d), Field::Override) => d.override_reason = Some(reason(value)?),
        (Command::Apart(d), Field::Child) => d.child = Some(name()?),
        (Command::Apart(d), Field::Other) => d.other = Some(name()?),
        (Command::Warn(d), Field::Child) => d.child = Some(name()?),
        (Command::Warn(d), Field::Reason) => d.reason = Some(reason(value)?),
        (Command::Suspend(d), Field::Child) => d.child = Some(name()?),
        (Command::Suspend(d), Field::From) => d.from = Some(on(value)?),
        (Command::Suspend(d), Field::Until) => d.to = Some(on(value)?),
        (Command::Suspend(d), Field::Reason) => d.reason = Some(reason(value)?),
        (Command::Transfer(d), Field::Child) => d.child = Some(name()?),
        (Command::Transfer(d), Field::Worker) => d.worker = Some(name()?),
        (Command::Invite(d), Field::Role) => d.role = Some(role(value)?),
        (Command::Invite(d), Field::Name) => d.name = Some(name()?),
        (Command::Revoke(d), Field::Staff) => d.name = Some(name()?),
        (Command::Enrol(d), Field::Name) => d.name = Some(name()?),
        (Command::Enrol(d), Field::Language) => d.options.language = Some(language(value)?),
        (Command::Dropin(d), Field::Title) => d.title = Some(dropin_title(value)?),
        (Command::Dropin(d), Field::Day) => d.date = Some(on(value)?),
        (Command::Dropin(d), Field::Time) => d.time = Some(time(value)?),
        (Command::Dropin(d), Field::Minutes) => d.minutes = Some(minutes(value)?),
        (Command::Dropin(d), Field::Link) => d.link = Some(dropin_link(value)?),
        (Command::Roster(d), Field::Dropin) => d.dropin_id = Some(dropin_id(value)?),
        (Command::CancelDropin(d), Field::Dropin) => d.dropin_id = Some(dropin_id(value)?),
        (Command::DropinInvite(d), Field::Dropin) => d.dropin_id = Some(dropin_id(value)?),
        (Command::DropinInvite(d), Field::Other) => d.invitees = Some(Invitees::Child(name()?)),
        (Command::Update(d), Field::Child) => d.name = Some(name()?),
        (
            Command::Child(d)
            | Command::Link(d)
            | Command::Calendar(d)
            | Command::Export(d)
            | Command::Audit(d)
            | Command::Erase(d),
            Field::Child,
        ) => d.name = Some(name()?),
        (Command::Carer(d), Field::Child) => d.name = Some(name()?),
        (Command::Attended(d), Field::Child) => d.child = Some(name()?),
        (Command::Missed(d), Field::Child) => d.child = Some(name()?),
        (Command::Skip(d), Field::Child) => d.child = Some(name()?),
        (Command::Skip(d), Field::Appointment) => d.date = Some(on(value)?),
        // The detail alone changes nothing: its new value does.
        (Command::Update(_), Field::Detail) => {
            detail(value)?;
        }
        (Command::Update(d), Field::Change) => {
            let (key, value) = value.split_once('=').ok_or_else(|| not_read(value, "staff-flow-bad-choice"))?;
            d.options = Some(child_option(key, value, today)?);
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn dropin_id(value: &str) -> Result<DropinId, Text> {
    value.trim_start_matches('#').parse().map(DropinId).map_err(|_| not_read(value, "staff-flow-bad-choice"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
    }

    #[test]
    fn every_field_keeps_its_code() {
        for (field, code) in Field::CODES {
            assert_eq!(field.code(), code);
            assert_eq!(Field::from_code(code), Some(field));
        }
        assert_eq!(Field::from_code("nope"), None);
    }

    #[test]
    fn pieces_are_kept_in_one_form_whatever_was_typed() {
        assert_eq!(Field::Time.read("4.30pm", today()).unwrap(), "16:30");
        assert_eq!(Field::Weekday.read("dydd Mawrth", today()).unwrap(), "Tue");
        assert_eq!(Field::Day.read("28/12", today()).unwrap(), "2026-12-28");
        assert_eq!(Field::Day.read("tomorrow", today()).unwrap(), "2026-12-04");
        assert_eq!(Field::Minutes.read("45 min", today()).unwrap(), "45");
        assert_eq!(Field::Window.read("8.45am - 3.15pm", today()).unwrap(), "08:45-15:15");
        assert_eq!(Field::Days.read("Mon - Fri", today()).unwrap(), "Mon-Fri");
        assert_eq!(Field::Slot.read("tue 4pm", today()).unwrap(), "Tue 16:00");
        assert_eq!(Field::Role.read("Host", today()).unwrap(), "host");
        assert_eq!(Field::Language.read("Cymraeg", today()).unwrap(), "cy");
        // What cannot be read is refused, naming it.
        assert_eq!(Field::Time.read("teatime", today()).unwrap_err().key, "staff-bad-time");
        assert_eq!(Field::Weekday.read("someday", today()).unwrap_err().key, "staff-flow-bad-weekday");
        assert_eq!(Field::Day.read("31/2", today()).unwrap_err().key, "staff-bad-date");
        assert_eq!(Field::Minutes.read("5", today()).unwrap_err().key, "staff-bad-minutes");
        assert_eq!(Field::Role.read("child", today()).unwrap_err().key, "staff-flow-bad-choice");
        assert_eq!(Field::Link.read("http://x", today()).unwrap_err().key, "staff-bad-option");
    }

    #[test]
    fn a_kept_piece_fills_the_draft_it_was_asked_for() {
        let mut slot = CommandName::Slot.read("", today()).unwrap();
        assert_eq!(missing(&slot), Some(Field::Child));
        put(&mut slot, Field::Child, "Sam J", today()).unwrap();
        assert_eq!(missing(&slot), Some(Field::Weekday));
        put(&mut slot, Field::Weekday, "Tue", today()).unwrap();
        assert_eq!(missing(&slot), Some(Field::Time));
        put(&mut slot, Field::Time, "16:00", today()).unwrap();
        assert_eq!(missing(&slot), None);
        assert!(!given(&slot, Field::Place));
        put(&mut slot, Field::Place, "Youth centre", today()).unwrap();
        assert!(given(&slot, Field::Place));
        assert!(matches!(put(&mut slot, Field::Title, "x", today()), Ok(false)), "a slot has no title");
        let Command::Slot(draft) = slot else { unreachable!() };
        let slot = draft.complete().unwrap();
        assert_eq!((slot.child.as_str(), slot.weekday), ("Sam J", Weekday::Tue));

        let mut ending = CommandName::EndSlot.read("Sam", today()).unwrap();
        assert_eq!(missing(&ending), Some(Field::Slot));
        put(&mut ending, Field::Slot, "Tue 16:00", today()).unwrap();
        assert_eq!(missing(&ending), None);
        let mut moving = CommandName::Move.read("Sam", today()).unwrap();
        assert_eq!(missing(&moving), Some(Field::Appointment));
        put(&mut moving, Field::Appointment, "2026-12-08", today()).unwrap();
        assert_eq!(missing(&moving), Some(Field::Day));
        assert_eq!(missing(&CommandName::Revoke.read("", today()).unwrap()), Some(Field::Staff));
        assert_eq!(missing(&CommandName::DropinInvite.read("3", today()).unwrap()), Some(Field::Other));
        assert_eq!(missing(&CommandName::Child.read("", today()).unwrap()), Some(Field::Child));
        assert_eq!(missing(&CommandName::Child.read("Sam", today()).unwrap()), None, "a child is enough");
        assert_eq!(missing(&CommandName::Skip.read("Sam", today()).unwrap()), Some(Field::Appointment));
        assert_eq!(missing(&CommandName::Children.read("", today()).unwrap()), None, "no flow: nothing is asked");
    }
}
