//! The appointment commands' values: commitments, weekly slots, skips and moves, children kept apart.

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::dates::{Looking, join_phrases};
use crate::domain::people::PersonName;
use crate::domain::schedule::{DaySet, LocalWindow, Place};
use crate::domain::text::has_hidden_characters;
use crate::domain::weekdays::{parse_weekday, weekday_short};
use crate::templates::Text;

use super::words::{
    allow_options, arguments, bad_option, date_option, date_word, find_date, name, name_only, name_without_dates,
    option, override_reason, place, reason, time_word,
};

/// The longest label of a commitment ("school", "football training").
pub const LABEL_MAX_CHARS: usize = 40;
/// How long an appointment may be, in minutes.
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=480;

command_value! {
    /// `/commitment NAME DAYS TIME-TIME LABEL [shown=yes]`
    Commitment / CommitmentDraft {
        needs { child: PersonName, days: DaySet, window: LocalWindow, label: String }
        has {
            /// `shown=yes`: the child may read the label ("school"); by default they never do.
            shown: bool,
        }
    }
}

command_value! {
    /// `/slot NAME DAY HH:MM [MINUTES] [place=...] [from=DATE] [override="reason"]`
    Slot / SlotDraft {
        needs { child: PersonName, weekday: Weekday, time: NaiveTime }
        has { minutes: Option<i64>, place: Option<Place>, from: Option<NaiveDate>, override_reason: Option<String> }
    }
}

command_value! {
    /// `/endslot NAME DAY HH:MM`
    EndSlot / EndSlotDraft {
        needs { child: PersonName, weekday: Weekday, time: NaiveTime }
    }
}

command_value! {
    /// `/skip NAME DATE [reason]`
    Skip / SkipDraft {
        needs { child: PersonName, date: NaiveDate }
        has { reason: Option<String> }
    }
}

command_value! {
    /// `/move NAME DATE NEWDATE HH:MM [place=...] [override="reason"]`: the place stays the
    /// appointment's own unless given.
    Move / MoveDraft {
        needs { child: PersonName, date: NaiveDate, new_date: NaiveDate, time: NaiveTime }
        has { place: Option<Place>, override_reason: Option<String> }
    }
}

command_value! {
    /// `/apart NAME OTHER`
    Apart / ApartDraft {
        needs { child: PersonName, other: PersonName }
    }
}

impl Slot {
    /// The slot as a worker would type it after `/slot` (without an override), to run it again.
    pub fn typed(&self) -> String {
        let mut typed =
            format!("{} {} {}", self.child.as_str(), weekday_short(self.weekday), self.time.format("%H:%M"));
        if let Some(minutes) = self.minutes {
            typed.push_str(&format!(" {minutes}"));
        }
        if let Some(place) = &self.place {
            typed.push_str(&format!(" place=\"{}\"", place.as_stored()));
        }
        if let Some(from) = self.from {
            typed.push_str(&format!(" from={from}"));
        }
        typed
    }
}

impl Move {
    /// The move as a worker would type it after `/move` (without an override), to run it again.
    pub fn typed(&self) -> String {
        let mut typed =
            format!("{} {} {} {}", self.child.as_str(), self.date, self.new_date, self.time.format("%H:%M"));
        if let Some(place) = &self.place {
            typed.push_str(&format!(" place=\"{}\"", place.as_stored()));
        }
        typed
    }
}

pub fn commitment(text: &str, _today: NaiveDate) -> Result<CommitmentDraft, Text> {
    const USAGE: &str = "usage-commitment";
    let mut shown = false;
    let mut words: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        match word.split_once('=') {
            Some((key, value)) if key.eq_ignore_ascii_case("shown") => {
                shown = yes_or_no(value).ok_or_else(|| bad_option("shown", value, "yes or no"))?;
            }
            _ => words.push(word),
        }
    }
    let Some((at, days, window)) = (1..words.len().saturating_sub(1))
        .find_map(|i| Some((i, DaySet::parse(words[i])?, LocalWindow::parse(words[i + 1])?)))
    else {
        return Ok(CommitmentDraft { child: name_only(&words, USAGE)?, shown, ..Default::default() });
    };
    let label = words[at + 2..].join(" ");
    if !label.is_empty() {
        self::label(&label)?;
    }
    Ok(CommitmentDraft {
        child: name(&words[..at].join(" "))?,
        days: Some(days),
        window: Some(window),
        label: (!label.is_empty()).then_some(label),
        shown,
    })
}

/// A commitment's label, for the worker: up to 40 characters, nothing hidden.
pub fn label(text: &str) -> Result<String, Text> {
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() || label.chars().count() > LABEL_MAX_CHARS || has_hidden_characters(&label) {
        return Err(Text::new("staff-bad-label").arg("max", LABEL_MAX_CHARS as i64));
    }
    Ok(label)
}

/// `yes` or `no` as a worker types an option's value (`ydy`/`nac ydy` read as words do not fit one).
pub fn yes_or_no(value: &str) -> Option<bool> {
    match value.to_lowercase().as_str() {
        "yes" | "y" | "ie" | "do" => Some(true),
        "no" | "n" | "na" | "naddo" => Some(false),
        _ => None,
    }
}

pub fn slot(text: &str, today: NaiveDate) -> Result<SlotDraft, Text> {
    const USAGE: &str = "usage-slot";
    let args = arguments(text, USAGE)?;
    allow_options(&args, &["place", "from", "override"])?;
    let joined = join_phrases(&args.words);
    let words: Vec<&str> = joined.iter().map(String::as_str).collect();
    let mut draft = SlotDraft {
        place: place(&args)?,
        from: option(&args, "from").map(|text| date_option(text, today, Looking::Ahead)).transpose()?,
        override_reason: override_reason(&args)?,
        ..Default::default()
    };
    let Some((at, weekday, time)) = weekday_and_time(&words)? else {
        draft.child = name_without_dates(&words, today, USAGE)?;
        return Ok(draft);
    };
    draft.minutes =
        match &words[at + 2..] {
            [] => None,
            [minutes] => Some(minutes.parse().ok().filter(|m| MINUTES.contains(m)).ok_or_else(|| {
                Text::new("staff-bad-minutes").arg("min", *MINUTES.start()).arg("max", *MINUTES.end())
            })?),
            _ => return Err(Text::new(USAGE)),
        };
    draft.child = name(&words[..at].join(" "))?;
    draft.weekday = Some(weekday);
    draft.time = Some(time);
    Ok(draft)
}

/// The first weekday after the name with a time after it (`Tue 4pm`), and where it is; a time after a
/// weekday that cannot be read is refused, naming it.
fn weekday_and_time(words: &[&str]) -> Result<Option<(usize, Weekday, NaiveTime)>, Text> {
    for at in 1..words.len().saturating_sub(1) {
        if let Some(weekday) = parse_weekday(words[at])
            && let Some(time) = time_word(words[at + 1])?
        {
            return Ok(Some((at, weekday, time)));
        }
    }
    Ok(None)
}

pub fn end_slot(text: &str, today: NaiveDate) -> Result<EndSlotDraft, Text> {
    let joined = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    let words: Vec<&str> = joined.iter().map(String::as_str).collect();
    match weekday_and_time(&words)? {
        Some((at, weekday, time)) if at + 2 == words.len() => {
            Ok(EndSlotDraft { child: name(&words[..at].join(" "))?, weekday: Some(weekday), time: Some(time) })
        }
        _ => Ok(EndSlotDraft { child: name_without_dates(&words, today, "usage-endslot")?, ..Default::default() }),
    }
}

pub fn skip(text: &str, today: NaiveDate) -> Result<SkipDraft, Text> {
    let joined = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    let words: Vec<&str> = joined.iter().map(String::as_str).collect();
    let Some((at, date)) = find_date(&words, today, Looking::Ahead)? else {
        return Ok(SkipDraft { child: name_without_dates(&words, today, "usage-skip")?, ..Default::default() });
    };
    Ok(SkipDraft {
        reason: reason(&words[at + 1..].join(" "))?,
        child: name(&words[..at].join(" "))?,
        date: Some(date),
    })
}

pub fn move_one(text: &str, today: NaiveDate) -> Result<MoveDraft, Text> {
    const USAGE: &str = "usage-move";
    let args = arguments(text, USAGE)?;
    allow_options(&args, &["place", "override"])?;
    let joined = join_phrases(&args.words);
    let words: Vec<&str> = joined.iter().map(String::as_str).collect();
    let mut draft = MoveDraft { place: place(&args)?, override_reason: override_reason(&args)?, ..Default::default() };
    let n = words.len();
    let found = if n >= 4 {
        (
            date_word(words[n - 3], today, Looking::Ahead)?,
            date_word(words[n - 2], today, Looking::Ahead)?,
            time_word(words[n - 1])?,
        )
    } else {
        (None, None, None)
    };
    match found {
        (Some(date), Some(new_date), Some(time)) => {
            draft.child = name(&words[..n - 3].join(" "))?;
            (draft.date, draft.new_date, draft.time) = (Some(date), Some(new_date), Some(time));
        }
        _ => draft.child = name_without_dates(&words, today, USAGE)?,
    }
    Ok(draft)
}

pub fn apart(text: &str, _today: NaiveDate) -> Result<ApartDraft, Text> {
    const USAGE: &str = "usage-apart";
    let args = arguments(text, USAGE)?;
    if args.words.len() > 2 || !args.options.is_empty() {
        return Err(Text::new(USAGE));
    }
    let mut words = args.words.iter();
    let child = words.next().map(|w| name(w)).transpose()?.flatten();
    // The other child's name is refused with the usage, as it always was: it may be on any caseload.
    let other = words.next().map(|w| PersonName::parse(w).map_err(|_| Text::new(USAGE))).transpose()?;
    Ok(ApartDraft { child, other })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::commands::{Draft, Missing, test_today as today};

    #[test]
    fn a_commitment_label_is_for_the_worker_unless_shown_is_yes() {
        let hidden = commitment("Sam Mon-Fri 8.45am-3.15pm school", today()).unwrap().complete().unwrap();
        assert_eq!((hidden.label.as_str(), hidden.shown), ("school", false));
        let shown = commitment("Sam shown=yes Fri 18:00-20:00 youth club", today()).unwrap().complete().unwrap();
        assert_eq!((shown.child.as_str(), shown.label.as_str(), shown.shown), ("Sam", "youth club", true));
        let no = commitment("Sam Fri 18:00-20:00 club SHOWN=no", today()).unwrap().complete().unwrap();
        assert_eq!((no.label.as_str(), no.shown), ("club", false));
        assert!(commitment("Sam Fri 18:00-20:00 club shown=maybe", today()).is_err());
    }

    #[test]
    fn a_slot_is_read_whole_with_its_options() {
        let slot = slot("Sam J Tue 16:00 45 place=office from=2026-12-10", today()).unwrap().complete().unwrap();
        assert_eq!(slot.child.as_str(), "Sam J");
        assert_eq!((slot.weekday, slot.time), (Weekday::Tue, NaiveTime::from_hms_opt(16, 0, 0).unwrap()));
        assert_eq!(slot.minutes, Some(45));
        assert_eq!(slot.from, NaiveDate::from_ymd_opt(2026, 12, 10));
    }

    #[test]
    fn a_name_alone_is_a_draft_that_needs_the_rest() {
        assert_eq!(slot("Sam", today()).unwrap().complete(), Err(Missing("weekday")));
        assert_eq!(slot("", today()).unwrap().complete(), Err(Missing("child")));
        assert_eq!(commitment("Sam", today()).unwrap().complete(), Err(Missing("days")));
        assert_eq!(commitment("Sam Mon-Fri 08:45-15:15", today()).unwrap().complete(), Err(Missing("label")));
        assert_eq!(skip("Sam", today()).unwrap().complete(), Err(Missing("date")));
        assert_eq!(move_one("Sam", today()).unwrap().complete(), Err(Missing("date")));
        assert_eq!(end_slot("Sam", today()).unwrap().complete(), Err(Missing("weekday")));
        assert_eq!(apart("Sam", today()).unwrap().complete(), Err(Missing("other")));
    }

    #[test]
    fn a_piece_that_cannot_be_read_is_refused_not_taken_for_a_name() {
        assert!(slot("Sam Tue 16:00 1000", today()).is_err());
        assert!(slot("Sam Tue 16:00 colour=red", today()).is_err());
        assert!(move_one("Sam 2026-12-10 2026-12-11 25:00", today()).is_err());
        assert!(skip(&format!("Sam 2026-12-10 {}", "x".repeat(300)), today()).is_err());
    }

    /// The key of a refusal, and the word it names.
    fn refused<T: std::fmt::Debug>(read: Result<T, Text>) -> (String, Option<String>) {
        let text = read.expect_err("refused");
        let value = text.args.iter().find_map(|(k, v)| match v {
            crate::templates::Arg::Text(v) if k == "value" => Some(v.clone()),
            _ => None,
        });
        (text.key.into_owned(), value)
    }

    #[test]
    fn everyday_dates_and_times_are_read_by_the_commands() {
        // Today is Thursday 3 December 2026.
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        let slot = slot("Sam J Tue 4pm 45 from=28/12", today()).unwrap().complete().unwrap();
        assert_eq!((slot.child.as_str(), slot.time, slot.minutes), ("Sam J", t(16, 0).unwrap(), Some(45)));
        assert_eq!(slot.from, d(2026, 12, 28));
        let slot = slot_in_welsh();
        assert_eq!((slot.weekday, slot.time), (Weekday::Tue, t(16, 0).unwrap()));
        let skip = skip("Sam next Tue bank holiday", today()).unwrap().complete().unwrap();
        assert_eq!((skip.date, skip.reason.as_deref()), (d(2026, 12, 8).unwrap(), Some("bank holiday")));
        let moved = move_one("Sam J 28 Dec 29/12 4.30pm", today()).unwrap().complete().unwrap();
        assert_eq!(
            (moved.child.as_str(), moved.date, moved.new_date),
            ("Sam J", d(2026, 12, 28).unwrap(), d(2026, 12, 29).unwrap())
        );
        assert_eq!(moved.time, t(16, 30).unwrap());
        let moved = move_one("Sam tomorrow Mon 1630", today()).unwrap().complete().unwrap();
        assert_eq!(
            (moved.date, moved.new_date, moved.time),
            (d(2026, 12, 4).unwrap(), d(2026, 12, 7).unwrap(), t(16, 30).unwrap())
        );
        let ended = end_slot("Sam Tue 4 pm", today()).unwrap().complete().unwrap();
        assert_eq!(ended.time, t(16, 0).unwrap());
        let commitment = commitment("Sam Mon-Fri 8.45am-3.15pm school", today()).unwrap().complete().unwrap();
        assert_eq!((commitment.window.start, commitment.window.end), (t(8, 45).unwrap(), t(15, 15).unwrap()));
    }

    #[test]
    fn a_slot_or_a_move_typed_again_reads_back_the_same() {
        let read = |text: &str| slot(text, today()).unwrap().complete().unwrap();
        for text in
            ["Sam J Tue 4pm", "Sam Tue 16:00 45 place=\"Youth centre: room 2\" from=28/12", "Sam Sun 9am place=phone"]
        {
            let slot = read(text);
            assert_eq!(read(&slot.typed()), slot, "{text}");
        }
        let read = |text: &str| move_one(text, today()).unwrap().complete().unwrap();
        for text in ["Sam J 28/12 29/12 4.30pm", "Sam tomorrow Mon 1630 place=\"Town hall\""] {
            let moved = read(text);
            assert_eq!(read(&moved.typed()), moved, "{text}");
        }
    }

    fn slot_in_welsh() -> Slot {
        slot("Sam dydd Mawrth 4yp", today()).unwrap().complete().unwrap()
    }

    #[test]
    fn a_refusal_names_the_word_it_could_not_read() {
        assert_eq!(refused(skip("Sam 31/2", today())), ("staff-bad-date".into(), Some("31/2".into())));
        assert_eq!(refused(skip("Sam 31 Feb", today())).0, "staff-bad-date");
        assert_eq!(refused(slot("Sam Tue 4.75pm", today())), ("staff-bad-time".into(), Some("4.75pm".into())));
        assert_eq!(refused(move_one("Sam 28/12 29/12 25:00", today())).0, "staff-bad-time");
        assert_eq!(refused(slot("Sam Tue 4pm from=someday", today())).0, "staff-bad-date");
        // Today's own weekday is asked about, never guessed.
        assert_eq!(refused(skip("Sam Thu", today())).0, "staff-which-day-ahead");
        assert_eq!(refused(move_one("Sam Thu Fri 4pm", today())).0, "staff-which-day-ahead");
        assert_eq!(skip("Sam next Thu", today()).unwrap().date, NaiveDate::from_ymd_opt(2026, 12, 10));
    }
}
