//! Reading the pieces commands share: names, options, places, reasons. Each reader names what it
//! could not read, in the words of the message the person gets.

use crate::domain::args::{Args, split_args};
use crate::domain::people::PersonName;
use crate::domain::schedule::Place;
use crate::domain::text::{quote_back, tidy};
use crate::templates::Text;

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

/// A date option that could not be read.
pub fn bad_date(option: &str, value: &str) -> Text {
    bad_option(option, value, "YYYY-MM-DD")
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
