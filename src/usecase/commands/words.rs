//! Reading the pieces commands share: names, options, places, reasons. Each reader names what it
//! could not read, in the words of the message the person gets.

use chrono::{NaiveDate, NaiveTime, Weekday};

use crate::domain::args::{Args, split_args};
use crate::domain::dates::{Looking, TypedDate, join_phrases, looks_like_date, read_date};
use crate::domain::people::PersonName;
use crate::domain::schedule::Place;
use crate::domain::text::{quote_back, tidy};
use crate::domain::times::{looks_like_time, parse_time};
use crate::templates::Text;
use crate::usecase::wording;

/// The longest reason a member of staff types (a skip, an override, a warning, a suspension).
pub const REASON_MAX_CHARS: usize = 200;

/// What was typed, as leading words and `key=value` options, or why it could not be split.
pub fn arguments(text: &str, usage: &'static str) -> Result<Args, Text> {
    split_args(text)
        .map_err(|e| Text::new("staff-bad-arguments").arg("problem", e.to_string()).arg("example", Text::new(usage)))
}

/// A name as typed (quotes around it taken off): `None` when nothing was typed, a refusal saying
/// why when it cannot be a name.
pub fn name(text: &str) -> Result<Option<PersonName>, Text> {
    let text = strip_quotes(text);
    if text.trim().is_empty() {
        return Ok(None);
    }
    PersonName::parse(&text).map(Some).map_err(|_| Text::new("staff-bad-name").arg("max", PersonName::MAX_CHARS as i64))
}

/// Words that hold only a name, when the pieces after it were not found: any digit means a piece
/// was typed that could not be read, and the usage says how to type it.
pub fn name_only(words: &[&str], usage: &'static str) -> Result<Option<PersonName>, Text> {
    if words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return Err(Text::new(usage));
    }
    name(&words.join(" "))
}

/// A name given wholly in quotes, without them.
fn strip_quotes(text: &str) -> String {
    split_args(text)
        .ok()
        .filter(|a| a.words.len() == 1 && a.options.is_empty())
        .map(|a| a.leading)
        .unwrap_or_else(|| text.to_owned())
}

/// The value of `key=` if it was given.
pub fn option<'a>(args: &'a Args, key: &str) -> Option<&'a str> {
    args.options.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Refuses an option the command does not take, naming it and those it does.
pub fn allow_options(args: &Args, allowed: &[&str]) -> Result<(), Text> {
    match args.options.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => {
            Err(Text::new("staff-unknown-option").arg("option", quote_back(key)).arg("options", allowed.join(", ")))
        }
        None => Ok(()),
    }
}

/// An option whose value could not be read, naming it, what was typed and what it takes.
pub fn bad_option(option: &str, value: &str, expected: &str) -> Text {
    Text::new("staff-bad-option").arg("option", option).arg("value", quote_back(value)).arg("expected", expected)
}

/// A word that was meant as a date and could not be read, named, with an example.
pub fn bad_date(value: &str) -> Text {
    Text::new("staff-bad-date").arg("value", quote_back(value))
}

/// A word that was meant as a time and could not be read, named, with an example.
pub fn bad_time(value: &str) -> Text {
    Text::new("staff-bad-time").arg("value", quote_back(value))
}

/// Today's own weekday, typed bare: asks whether today or a week away was meant.
fn which_day(day: Weekday, looking: Looking) -> Text {
    let key = match looking {
        Looking::Ahead => "staff-which-day-ahead",
        Looking::Back => "staff-which-day-back",
    };
    Text::new(key).arg("weekday", wording::weekday(day))
}

/// A word (or joined phrase) as a date: `None` when it is not one at all; refused, naming it, when it
/// was meant as one and cannot be read; asked about when it is today's own weekday.
pub fn date_word(word: &str, today: NaiveDate, looking: Looking) -> Result<Option<NaiveDate>, Text> {
    match read_date(word, today, looking) {
        TypedDate::On(date) => Ok(Some(date)),
        TypedDate::TodayOrAWeek(day) => Err(which_day(day, looking)),
        TypedDate::NotADate if looks_like_date(word) => Err(bad_date(word)),
        TypedDate::NotADate => Ok(None),
    }
}

/// A word as a time: `None` when it is not one at all; refused, naming it, when it was meant as one
/// and cannot be read.
pub fn time_word(word: &str) -> Result<Option<NaiveTime>, Text> {
    match parse_time(word) {
        Some(time) => Ok(Some(time)),
        None if looks_like_time(word) => Err(bad_time(word)),
        None => Ok(None),
    }
}

/// An option's value that must be a date (`from=`, `born=`, `order_end=`).
pub fn date_option(value: &str, today: NaiveDate, looking: Looking) -> Result<NaiveDate, Text> {
    date_word(value, today, looking)?.ok_or_else(|| bad_date(value))
}

/// The first date among `words` after the name (from the second word on), with where it is.
pub fn find_date(words: &[&str], today: NaiveDate, looking: Looking) -> Result<Option<(usize, NaiveDate)>, Text> {
    for (at, word) in words.iter().enumerate().skip(1) {
        if let Some(date) = date_word(word, today, looking)? {
            return Ok(Some((at, date)));
        }
    }
    Ok(None)
}

/// Words that hold only a name, when the dates and times after it were not found: a word meant as a
/// date or a time that cannot be read is named; any other digit means a piece is missing or out of
/// place, and the usage says how to type it.
pub fn name_without_dates(words: &[&str], today: NaiveDate, usage: &'static str) -> Result<Option<PersonName>, Text> {
    for word in words.iter().skip(1) {
        date_word(word, today, Looking::Ahead)?;
        time_word(word)?;
    }
    name_only(words, usage)
}

/// `place=`, if given.
pub fn place(args: &Args) -> Result<Option<Place>, Text> {
    option(args, "place")
        .map(|text| Place::parse(text).ok_or_else(|| Text::new("staff-bad-place").arg("max", Place::MAX_CHARS as i64)))
        .transpose()
}

/// `override="reason"`: why a clash is booked anyway.
pub fn override_reason(args: &Args) -> Result<Option<String>, Text> {
    option(args, "override").map(reason).transpose().map(Option::flatten)
}

/// A reason as typed, tidied: `None` when nothing was typed, refused when it is too long.
pub fn reason(text: &str) -> Result<Option<String>, Text> {
    match tidy(text, usize::MAX) {
        Some(reason) if reason.chars().count() > REASON_MAX_CHARS => {
            Err(Text::new("staff-reason-too-long").arg("max", REASON_MAX_CHARS as i64))
        }
        reason => Ok(reason),
    }
}

/// A whole number within `range`, or a refusal naming the option.
pub fn number(option: &str, value: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, Text> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| bad_option(option, value, &format!("{}-{}", range.start(), range.end())))
}

/// A day and a time typed together (`Thu 4pm`, `28/12 16:30`, `tomorrow 9.30am`): `Err(())` when it
/// is not one of each (the caller says how to type it), `Ok(Err(..))` naming a word that could not be read.
#[allow(clippy::result_unit_err)]
pub fn date_and_time(text: &str, today: NaiveDate) -> Result<Result<(NaiveDate, NaiveTime), Text>, ()> {
    let words = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
    match words.as_slice() {
        [date, time] => Ok((|| {
            let date = date_word(date, today, Looking::Ahead)?.ok_or_else(|| bad_date(date))?;
            let time = time_word(time)?.ok_or_else(|| bad_time(time))?;
            Ok((date, time))
        })()),
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_in_quotes_is_read_without_them() {
        assert_eq!(name("\"Sam J\"").unwrap().unwrap().as_str(), "Sam J");
        assert_eq!(name("  ").unwrap(), None);
        assert!(name(&"x".repeat(200)).is_err());
    }

    #[test]
    fn a_reason_is_tidied_and_kept_short() {
        assert_eq!(reason("  bank   holiday ").unwrap().as_deref(), Some("bank holiday"));
        assert_eq!(reason("").unwrap(), None);
        assert!(reason(&"x".repeat(REASON_MAX_CHARS + 1)).is_err());
    }
}
