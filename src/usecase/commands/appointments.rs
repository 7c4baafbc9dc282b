//! The appointment commands' values: commitments, weekly slots, skips and moves, children kept apart.

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::dates::parse_date;
use crate::domain::people::PersonName;
use crate::domain::quiet_hours::parse_clock_time;
use crate::domain::schedule::{DaySet, LocalWindow, Place, parse_weekday};
use crate::domain::text::has_hidden_characters;
use crate::templates::Text;

use super::words::{allow_options, arguments, bad_date, name, name_only, option, override_reason, place, reason};

/// The longest label of a commitment ("school", "football training").
pub const LABEL_MAX_CHARS: usize = 40;
/// How long an appointment may be, in minutes.
pub const MINUTES: std::ops::RangeInclusive<i64> = 15..=480;

command_value! {
    /// `/commitment NAME DAYS HH:MM-HH:MM LABEL`
    Commitment / CommitmentDraft {
        needs { child: PersonName, days: DaySet, window: LocalWindow, label: String }
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

pub fn commitment(text: &str, _today: NaiveDate) -> Result<CommitmentDraft, Text> {
    const USAGE: &str = "usage-commitment";
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some((at, days, window)) = (1..words.len().saturating_sub(1))
        .find_map(|i| Some((i, DaySet::parse(words[i])?, LocalWindow::parse(words[i + 1])?)))
    else {
        return Ok(CommitmentDraft { child: name_only(&words, USAGE)?, ..Default::default() });
    };
    let label = words[at + 2..].join(" ");
    if label.chars().count() > LABEL_MAX_CHARS || has_hidden_characters(&label) {
        return Err(Text::new("staff-bad-label").arg("max", LABEL_MAX_CHARS as i64));
    }
    Ok(CommitmentDraft {
        child: name(&words[..at].join(" "))?,
        days: Some(days),
        window: Some(window),
        label: (!label.is_empty()).then_some(label),
    })
}

pub fn slot(text: &str, today: NaiveDate) -> Result<SlotDraft, Text> {
    const USAGE: &str = "usage-slot";
    let args = arguments(text, USAGE)?;
    allow_options(&args, &["place", "from", "override"])?;
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    let mut draft = SlotDraft {
        place: place(&args)?,
        from: option(&args, "from")
            .map(|text| parse_date(text, today).ok_or_else(|| bad_date("from", text)))
            .transpose()?,
        override_reason: override_reason(&args)?,
        ..Default::default()
    };
    let Some((at, weekday, time)) = (1..words.len().saturating_sub(1))
        .find_map(|i| Some((i, parse_weekday(words[i])?, parse_clock_time(words[i + 1])?)))
    else {
        draft.child = name_only(&words, USAGE)?;
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

pub fn end_slot(text: &str, _today: NaiveDate) -> Result<EndSlotDraft, Text> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    match (n >= 2).then(|| (parse_weekday(words[n - 2]), parse_clock_time(words[n - 1]))) {
        Some((Some(weekday), Some(time))) => {
            Ok(EndSlotDraft { child: name(&words[..n - 2].join(" "))?, weekday: Some(weekday), time: Some(time) })
        }
        _ => Ok(EndSlotDraft { child: name_only(&words, "usage-endslot")?, ..Default::default() }),
    }
}

pub fn skip(text: &str, today: NaiveDate) -> Result<SkipDraft, Text> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some((at, date)) = (1..words.len()).find_map(|i| Some((i, parse_date(words[i], today)?))) else {
        return Ok(SkipDraft { child: name_only(&words, "usage-skip")?, ..Default::default() });
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
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    let mut draft = MoveDraft { place: place(&args)?, override_reason: override_reason(&args)?, ..Default::default() };
    let n = words.len();
    let found = (n >= 4)
        .then(|| (parse_date(words[n - 3], today), parse_date(words[n - 2], today), parse_clock_time(words[n - 1])));
    match found {
        Some((Some(date), Some(new_date), Some(time))) => {
            draft.child = name(&words[..n - 3].join(" "))?;
            (draft.date, draft.new_date, draft.time) = (Some(date), Some(new_date), Some(time));
        }
        _ => draft.child = name_only(&words, USAGE)?,
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
        assert!(slot("Sam Tue 4pm", today()).is_err());
        assert!(slot("Sam Tue 16:00 1000", today()).is_err());
        assert!(slot("Sam Tue 16:00 colour=red", today()).is_err());
        assert!(move_one("Sam 2026-12-10 2026-12-11 25:00", today()).is_err());
        assert!(skip(&format!("Sam 2026-12-10 {}", "x".repeat(300)), today()).is_err());
    }
}
