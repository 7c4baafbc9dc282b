//! Times of day as people type them on a phone: `16:00`, `4pm`, `4.30pm`, `16.00`, `1630`, `noon`,
//! and the Welsh `4yp` (yr prynhawn), `9yb` (y bore), `7yh` (yr hwyr).

use chrono::NaiveTime;

/// The words after a number that say which half of the day it is: `true` for the afternoon and
/// evening. Typed on their own after a number (`4 pm`), they are joined to it first
/// (the date reader joins them).
pub const HALF_DAY_WORDS: [(&str, bool); 7] =
    [("am", false), ("a.m.", false), ("pm", true), ("p.m.", true), ("yb", false), ("yp", true), ("yh", true)];

/// A time of day, or `None` when the text is not one. A bare hour (`4`) is not a time: it could be
/// morning or afternoon, or a number of minutes.
pub fn parse_time(text: &str) -> Option<NaiveTime> {
    let lower = text.trim().to_lowercase();
    let lower: String = lower.chars().filter(|c| *c != ' ').collect();
    match lower.as_str() {
        "noon" | "midday" | "canol-dydd" | "canoldydd" | "hanner-dydd" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" | "hanner-nos" | "hannernos" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let (clock, afternoon) = match HALF_DAY_WORDS.iter().find(|(word, _)| lower.ends_with(word)) {
        Some((word, afternoon)) => (&lower[..lower.len() - word.len()], Some(*afternoon)),
        None => (lower.as_str(), None),
    };
    let (hours, minutes) = split_clock(clock, afternoon.is_some())?;
    let hours = match afternoon {
        None if hours <= 23 => hours,
        Some(_) if !(1..=12).contains(&hours) => return None,
        Some(false) => hours % 12,
        Some(true) => hours % 12 + 12,
        None => return None,
    };
    NaiveTime::from_hms_opt(hours, minutes, 0)
}

/// Hours and minutes from `16:00`, `16.00`, `1630`, `930`, or (with am/pm) `4`.
fn split_clock(clock: &str, half_day_given: bool) -> Option<(u32, u32)> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (hours, minutes) = match clock.split_once([':', '.']) {
        Some((hours, minutes)) => (hours, minutes),
        // Three or four digits: the last two are the minutes.
        None if digits(clock) && (3..=4).contains(&clock.len()) => clock.split_at(clock.len() - 2),
        None if half_day_given => (clock, "00"),
        None => return None,
    };
    if !digits(hours) || hours.len() > 2 || !digits(minutes) || minutes.len() != 2 {
        return None;
    }
    let minutes: u32 = minutes.parse().ok()?;
    (minutes < 60).then_some(())?;
    Some((hours.parse().ok()?, minutes))
}

/// Whether a word was meant as a time (a number with a clock's marks), so one that cannot be read
/// is refused as a time rather than taken as part of a name.
pub fn looks_like_time(word: &str) -> bool {
    let lower = word.trim().to_lowercase();
    lower.starts_with(|c: char| c.is_ascii_digit())
        && (lower.contains([':', '.']) || HALF_DAY_WORDS.iter().any(|(w, _)| lower.ends_with(w)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn everyday_times_are_read() {
        for (typed, expected) in [
            ("16:00", hm(16, 0)),
            ("9:05", hm(9, 5)),
            ("4pm", hm(16, 0)),
            ("4PM", hm(16, 0)),
            ("4 pm", hm(16, 0)),
            ("4.30pm", hm(16, 30)),
            ("4:30pm", hm(16, 30)),
            ("4.30 p.m.", hm(16, 30)),
            ("9am", hm(9, 0)),
            ("12pm", hm(12, 0)),
            ("12am", hm(0, 0)),
            ("12.15am", hm(0, 15)),
            ("16.00", hm(16, 0)),
            ("1630", hm(16, 30)),
            ("930", hm(9, 30)),
            ("0900", hm(9, 0)),
            ("noon", hm(12, 0)),
            ("Midday", hm(12, 0)),
            ("4yp", hm(16, 0)),
            ("9yb", hm(9, 0)),
            ("7.30yh", hm(19, 30)),
        ] {
            assert_eq!(parse_time(typed), expected, "{typed:?}");
        }
    }

    #[test]
    fn what_is_not_a_time_is_refused() {
        for typed in [
            "4", "45", "24:00", "16:60", "16:0", "1:2", "13pm", "0am", "0pm", "12345", "16-00", "pm", "", "4p", "Sam",
            "16:00x", "1٦:00", "+4pm", "-4pm", "４pm",
        ] {
            assert_eq!(parse_time(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn words_meant_as_times_are_told_from_names() {
        for word in ["16:61", "4.75pm", "13pm", "25.00"] {
            assert!(looks_like_time(word), "{word:?}");
        }
        for word in ["Sam", "pm", "45", ""] {
            assert!(!looks_like_time(word), "{word:?}");
        }
    }

    proptest! {
        #[test]
        fn every_time_reads_back_in_each_way_it_is_written(h in 0u32..24, m in 0u32..60) {
            let time = hm(h, m).unwrap();
            let twelve = if h % 12 == 0 { 12 } else { h % 12 };
            let half = if h < 12 { "am" } else { "pm" };
            for typed in [
                format!("{h:02}:{m:02}"),
                format!("{h}:{m:02}"),
                format!("{h:02}.{m:02}"),
                format!("{h:02}{m:02}"),
                format!("{twelve}.{m:02}{half}"),
                format!("{twelve}:{m:02} {}", half.to_uppercase()),
            ] {
                prop_assert_eq!(parse_time(&typed), Some(time), "{}", typed);
            }
        }

        #[test]
        fn any_time_read_is_on_the_minute_and_reads_back_the_same(text in "\\PC{0,12}") {
            if let Some(time) = parse_time(&text) {
                prop_assert_eq!(time.format("%S").to_string(), "00");
                prop_assert_eq!(parse_time(&time.format("%H:%M").to_string()), Some(time));
            }
        }
    }
}
