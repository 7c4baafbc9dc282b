//! Weekly appointments: the series kept as rows (series), commitments to work around
//! (commitments), what a booking must not clash with (clashes), fixed weekly slots (slots),
//! children kept apart (apart), one-off skips and moves (changes), seeing what is booked
//! (seeing), reminders and one-tap answers (reminders), and what a child types (own_words).
//! Here: the limits and argument helpers the staff commands share.

pub mod apart;
pub mod changes;
pub mod clashes;
pub mod commitments;
pub mod own_words;
pub mod reminders;
pub mod seeing;
pub mod series;
pub mod slots;

use std::ops::RangeInclusive;

use crate::domain::args::{Args, split_args};
use crate::domain::schedule::Place;
use crate::domain::text::{quote_back, tidy};
use crate::templates::Text;
use crate::usecase::context::{UseCaseError, UseCaseResult, refuse};

/// How far ahead occurrences exist as rows; they are topped up as time passes.
pub const HORIZON_WEEKS: i64 = 52;
const MINUTES: RangeInclusive<i64> = 15..=480;
const DEFAULT_MINUTES: i64 = 60;
const LABEL_MAX_CHARS: usize = 40;
const REASON_MAX_CHARS: usize = 200;
/// The reason recorded on occurrences cancelled because the order ends before them.
const ORDER_ENDED: &str = "order ended";

/// A refusal, as an error to return with `?`.
fn refused(text: Text) -> UseCaseError {
    UseCaseError::Refused(text)
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
fn option<'a>(args: &'a Args, key: &str) -> Option<&'a str> {
    args.options.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Refuses an option the command does not take, naming it and those it does.
fn allow_options(args: &Args, allowed: &[&str]) -> UseCaseResult {
    match args.options.iter().find(|(k, _)| !allowed.contains(&k.as_str())) {
        Some((key, _)) => {
            refuse(Text::new("staff-unknown-option").arg("option", quote_back(key)).arg("options", allowed.join(", ")))
        }
        None => Ok(()),
    }
}

/// `place=`, or `default`.
fn parse_place(args: &Args, default: Place) -> UseCaseResult<Place> {
    match option(args, "place") {
        None => Ok(default),
        Some(text) => {
            Place::parse(text).ok_or_else(|| refused(Text::new("staff-bad-place").arg("max", Place::MAX_CHARS as i64)))
        }
    }
}

/// `override="reason"`: why a clash is booked anyway.
fn parse_override(args: &Args) -> UseCaseResult<Option<String>> {
    match option(args, "override") {
        Some(reason) if reason.chars().count() > REASON_MAX_CHARS => {
            refuse(Text::new("staff-reason-too-long").arg("max", REASON_MAX_CHARS as i64))
        }
        Some(reason) => Ok(tidy(reason, REASON_MAX_CHARS)),
        None => Ok(None),
    }
}

/// The command's arguments, or a refusal that names what could not be read.
fn parse_args(text: &str, usage: &'static str) -> UseCaseResult<Args> {
    split_args(text).map_err(|e| {
        refused(Text::new("staff-bad-arguments").arg("problem", e.to_string()).arg("example", Text::new(usage)))
    })
}
