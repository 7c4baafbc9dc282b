//! The engagement commands' values: attendance, warnings, suspensions, and the board's figures.

use chrono::NaiveDate;

use crate::domain::dates::{Looking, join_phrases};
use crate::domain::people::PersonName;
use crate::templates::Text;

use super::words::{arguments, date_word, name, name_without_dates, number, reason};

/// The most weeks `/figures` looks back over.
pub const MAX_WEEKS: i64 = 104;

command_value! {
    /// `/attended NAME [late] [DATE]`: the latest appointment that has started, or the one on DATE.
    Attended / AttendedDraft {
        needs { child: PersonName }
        has { late: bool, date: Option<NaiveDate> }
    }
}

command_value! {
    /// `/missed NAME [DATE]`
    Missed / MissedDraft {
        needs { child: PersonName }
        has { date: Option<NaiveDate> }
    }
}

command_value! {
    /// `/warn NAME REASON`: a name with spaces in quotes.
    Warn / WarnDraft {
        needs { child: PersonName, reason: String }
    }
}

command_value! {
    /// `/suspend NAME FROM TO REASON`
    Suspend / SuspendDraft {
        needs { child: PersonName, from: NaiveDate, to: NaiveDate, reason: String }
    }
}

/// `/figures [weeks=N]`: nothing it needs; one week unless asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub weeks: i64,
}

/// The child's name and the date at the end, if there is one: a day already past (`Mon` is the last
/// Monday), since attendance is recorded after it.
fn name_and_date(words: &mut Vec<String>, today: NaiveDate) -> Result<Option<NaiveDate>, Text> {
    let date = match words.split_first() {
        Some((_, rest)) if !rest.is_empty() => date_word(&rest[rest.len() - 1], today, Looking::Back)?,
        _ => None,
    };
    if date.is_some() {
        words.pop();
    }
    Ok(date)
}

pub fn attended(text: &str, today: NaiveDate) -> Result<AttendedDraft, Text> {
    let mut words = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    let date = name_and_date(&mut words, today)?;
    let late = words.last().is_some_and(|w| w.eq_ignore_ascii_case("late"));
    if late {
        words.pop();
    }
    Ok(AttendedDraft { child: name(&words.join(" "))?, late, date })
}

pub fn missed(text: &str, today: NaiveDate) -> Result<MissedDraft, Text> {
    let mut words = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    let date = name_and_date(&mut words, today)?;
    Ok(MissedDraft { child: name(&words.join(" "))?, date })
}

pub fn warn(text: &str, _today: NaiveDate) -> Result<WarnDraft, Text> {
    const USAGE: &str = "usage-warn";
    let args = arguments(text, USAGE).map_err(|_| Text::new(USAGE))?;
    if !args.options.is_empty() {
        return Err(Text::new(USAGE));
    }
    let child = args.words.first().map(|w| name(w)).transpose()?.flatten();
    let reason = reason(&args.words.iter().skip(1).cloned().collect::<Vec<_>>().join(" "))?;
    Ok(WarnDraft { child, reason })
}

pub fn suspend(text: &str, today: NaiveDate) -> Result<SuspendDraft, Text> {
    const USAGE: &str = "usage-suspend";
    let joined = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    let words: Vec<&str> = joined.iter().map(String::as_str).collect();
    let mut found = None;
    for at in 1..words.len().saturating_sub(1) {
        if let (Some(from), Some(to)) =
            (date_word(words[at], today, Looking::Ahead)?, date_word(words[at + 1], today, Looking::Ahead)?)
        {
            found = Some((at, from, to));
            break;
        }
    }
    let Some((at, from, to)) = found else {
        return Ok(SuspendDraft { child: name_without_dates(&words, today, USAGE)?, ..Default::default() });
    };
    Ok(SuspendDraft {
        reason: reason(&words[at + 2..].join(" "))?,
        child: name(&words[..at].join(" "))?,
        from: Some(from),
        to: Some(to),
    })
}

pub fn figures(text: &str, _today: NaiveDate) -> Result<Figures, Text> {
    const USAGE: &str = "usage-figures";
    let args = arguments(text, USAGE).map_err(|_| Text::new(USAGE))?;
    if !args.words.is_empty() || args.options.iter().any(|(k, _)| k != "weeks") {
        return Err(Text::new(USAGE));
    }
    let weeks = match args.options.first() {
        Some((_, value)) => number("weeks", value, 1..=MAX_WEEKS)?,
        None => 1,
    };
    Ok(Figures { weeks })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usecase::commands::{Draft, Missing, test_today as today};

    #[test]
    fn attendance_reads_late_and_the_date_from_the_end() {
        let said = attended("Sam J late 2026-12-01", today()).unwrap().complete().unwrap();
        assert_eq!(said.child.as_str(), "Sam J");
        assert!(said.late);
        assert_eq!(said.date, NaiveDate::from_ymd_opt(2026, 12, 1));
        let said = missed("Sam late", today()).unwrap().complete().unwrap();
        assert_eq!(said.child.as_str(), "Sam late");
        assert!(missed("Sam 2026-13-01", today()).is_err());
        // Looking back: today is Thursday 3 December, so Mon is the Monday just gone.
        assert_eq!(attended("Sam late Mon", today()).unwrap().date, NaiveDate::from_ymd_opt(2026, 11, 30));
        assert_eq!(missed("Sam last Thu", today()).unwrap().date, NaiveDate::from_ymd_opt(2026, 11, 26));
        assert_eq!(missed("Sam 28/12", today()).unwrap().date, NaiveDate::from_ymd_opt(2025, 12, 28));
        assert_eq!(missed("Sam Thu", today()).unwrap_err().key, "staff-which-day-back");
        let suspended = suspend("Sam 1/1 14/1 in hospital", today()).unwrap().complete().unwrap();
        assert_eq!(
            (suspended.from, suspended.to),
            (NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 1, 14).unwrap())
        );
        assert_eq!(missed("", today()).unwrap().complete(), Err(Missing("child")));
    }

    #[test]
    fn a_warning_and_a_suspension_need_a_reason() {
        assert_eq!(warn("Sam", today()).unwrap().complete(), Err(Missing("reason")));
        assert_eq!(suspend("Sam 2026-12-04 2026-12-05", today()).unwrap().complete(), Err(Missing("reason")));
        assert_eq!(suspend("Sam", today()).unwrap().complete(), Err(Missing("from")));
        let warn = warn("\"Sam J\" missed twice", today()).unwrap().complete().unwrap();
        assert_eq!((warn.child.as_str(), warn.reason.as_str()), ("Sam J", "missed twice"));
    }

    #[test]
    fn figures_take_weeks_within_two_years() {
        assert_eq!(figures("", today()).unwrap().weeks, 1);
        assert_eq!(figures("weeks=4", today()).unwrap().weeks, 4);
        assert!(figures("weeks=0", today()).is_err());
        assert!(figures("weeks=105", today()).is_err());
        assert!(figures("months=1", today()).is_err());
    }
}
