//! Weekly appointments in local time: days, windows, places, and turning a local time into an instant
//! on any day of the year, clock changes included.

use std::fmt;

use crate::domain::dates::Shift;
use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::Tz;

use super::times::parse_time;
use super::weekdays::{WEEK, parse_weekday, weekday_short};

/// A set of weekdays: `Mon`, `Mon-Fri`, `Sat,Sun`, `Fri-Mon` (wrapping) or `daily`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySet(u8);

impl DaySet {
    pub const DAILY: DaySet = DaySet(0b111_1111);

    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("daily") || text.eq_ignore_ascii_case("every day") {
            return Some(Self::DAILY);
        }
        let mut bits = 0u8;
        for part in text.split(',') {
            match part.split_once('-') {
                Some((from, to)) => {
                    let (from, to) = (parse_weekday(from)?, parse_weekday(to)?);
                    let mut day = from;
                    loop {
                        bits |= 1 << day.num_days_from_monday();
                        if day == to {
                            break;
                        }
                        day = day.succ();
                    }
                }
                None => bits |= 1 << parse_weekday(part)?.num_days_from_monday(),
            }
        }
        (bits != 0).then_some(Self(bits))
    }

    pub fn from_bits(bits: u8) -> Option<Self> {
        let bits = bits & 0b111_1111;
        (bits != 0).then_some(Self(bits))
    }

    pub fn bits(self) -> u8 {
        self.0
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.num_days_from_monday()) != 0
    }

    pub fn days(self) -> impl Iterator<Item = Weekday> {
        WEEK.into_iter().filter(move |d| self.contains(*d))
    }
}

impl fmt::Display for DaySet {
    /// Runs of days as ranges: `Mon-Fri`, `Sat,Sun`, `Mon,Wed,Fri`, `daily`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Self::DAILY {
            return f.write_str("daily");
        }
        let days: Vec<usize> = (0..7).filter(|i| self.0 & (1 << i) != 0).collect();
        let mut parts = Vec::new();
        let mut index = 0;
        while index < days.len() {
            let start = days[index];
            let mut end = start;
            while index + 1 < days.len() && days[index + 1] == end + 1 {
                index += 1;
                end = days[index];
            }
            let name = |i: usize| WEEK[i];
            parts.push(match end - start {
                0 => weekday_short(name(start)).to_owned(),
                1 => format!("{},{}", weekday_short(name(start)), weekday_short(name(end))),
                _ => format!("{}-{}", weekday_short(name(start)), weekday_short(name(end))),
            });
            index += 1;
        }
        f.write_str(&parts.join(","))
    }
}

/// A daily window `HH:MM-HH:MM` (or `9am-3pm`) in local time; an end at or before the start crosses
/// midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl LocalWindow {
    pub fn parse(text: &str) -> Option<Self> {
        let (start, end) = text.trim().split_once('-')?;
        let window = Self { start: parse_time(start)?, end: parse_time(end)? };
        (window.start != window.end).then_some(window)
    }

    /// Length in wall-clock minutes.
    pub fn minutes(&self) -> i64 {
        let length = (self.end - self.start).num_minutes();
        if length <= 0 { length + 24 * 60 } else { length }
    }
}

impl fmt::Display for LocalWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

/// Where an appointment happens. Phone and video calls are nowhere: two children cannot meet there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Phone,
    Video,
    Named(String),
}

impl Place {
    pub const DEFAULT: &'static str = "office";
    pub const MAX_CHARS: usize = 60;

    pub fn parse(text: &str) -> Option<Self> {
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if folded.is_empty()
            || folded.chars().count() > Self::MAX_CHARS
            || super::text::has_hidden_characters(text.trim())
        {
            return None;
        }
        Some(match folded.to_lowercase().as_str() {
            "phone" | "call" | "phone call" => Place::Phone,
            "video" | "video call" => Place::Video,
            _ => Place::Named(folded),
        })
    }

    pub fn as_stored(&self) -> String {
        match self {
            Place::Phone => "phone".into(),
            Place::Video => "video".into(),
            Place::Named(name) => name.clone(),
        }
    }

    /// Two appointments here could put their children in the same room (or waiting room).
    pub fn same_room_as(&self, other: &Place) -> bool {
        match (self, other) {
            (Place::Named(a), Place::Named(b)) => a.to_lowercase() == b.to_lowercase(),
            _ => false,
        }
    }
}

/// The instant a local date and time names in `tz`, the way RFC 5545 reads it: a time that does not
/// exist (the spring-forward gap) moves forward by the gap; an ambiguous one (autumn) is the first.
pub fn resolve_local(tz: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = date.and_time(time);
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(first, second) => first.min(second).with_timezone(&Utc),
        LocalResult::None => {
            // Read the wall-clock time with the offset in force before the gap: that lands it
            // after the gap, shifted forward by exactly the gap's length.
            let before = tz.offset_from_utc_datetime(&local.minus(Duration::hours(36))).fix();
            local.minus(Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
        }
    }
}

/// The local wall-clock time of an instant.
pub fn local_of(tz: Tz, at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&tz).naive_local()
}

/// A fixed weekly appointment as the worker set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklySlot {
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub minutes: i64,
    pub place: Place,
    pub starts_on: NaiveDate,
    /// The last day it may happen (the order's end); `None` while open-ended.
    pub ends_on: Option<NaiveDate>,
}

impl WeeklySlot {
    /// The dates it falls on within `[from, until]`, each computed from the local rule.
    pub fn dates_between(&self, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let from = from.max(self.starts_on);
        let until = match self.ends_on {
            Some(end) => until.min(end),
            None => until,
        };
        let ahead = (7 + self.weekday.num_days_from_monday() as i64 - from.weekday().num_days_from_monday() as i64) % 7;
        let mut dates = Vec::new();
        let mut date = from.plus(Duration::days(ahead));
        while date <= until {
            dates.push(date);
            let Some(next) = date.checked_add_signed(Duration::days(7)) else { break };
            date = next;
        }
        dates
    }

    /// Start and end of the occurrence on `date`. The length is real time: a 60-minute meeting
    /// that straddles a clock change still lasts 60 minutes.
    pub fn interval_on(&self, tz: Tz, date: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = resolve_local(tz, date, self.time);
        (start, start.plus(Duration::minutes(self.minutes)))
    }

    /// Whether the two date ranges share at least one day.
    pub fn dates_overlap(&self, other: &WeeklySlot) -> bool {
        let self_end = self.ends_on.unwrap_or(NaiveDate::MAX);
        let other_end = other.ends_on.unwrap_or(NaiveDate::MAX);
        self.starts_on <= other_end && other.starts_on <= self_end
    }
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;
    use chrono_tz::Europe::London;
    use proptest::prelude::*;

    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn t(text: &str) -> NaiveTime {
        parse_time(text).unwrap()
    }

    fn slot(weekday: Weekday, time: &str, from: &str, until: Option<&str>) -> WeeklySlot {
        WeeklySlot {
            weekday,
            time: t(time),
            minutes: 60,
            place: Place::Named("office".into()),
            starts_on: d(from),
            ends_on: until.map(d),
        }
    }

    #[test]
    fn weekdays_short_long_and_common_spellings() {
        assert_eq!(parse_weekday("Mon"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("TUESDAY"), Some(Weekday::Tue));
        assert_eq!(parse_weekday("tues"), Some(Weekday::Tue));
        assert_eq!(parse_weekday("thurs"), Some(Weekday::Thu));
        assert_eq!(parse_weekday(" sun "), Some(Weekday::Sun));
        assert_eq!(parse_weekday("Mo"), None);
        assert_eq!(parse_weekday(""), None);
    }

    #[test]
    fn day_sets_parse_and_print() {
        let cases = [
            ("Mon", "Mon"),
            ("Mon-Fri", "Mon-Fri"),
            ("Sat,Sun", "Sat,Sun"),
            ("daily", "daily"),
            ("Mon,Wed,Fri", "Mon,Wed,Fri"),
            ("Fri-Mon", "Mon,Fri-Sun"),
            ("mon-sun", "daily"),
            ("Tue-Thu,Sat", "Tue-Thu,Sat"),
        ];
        for (input, shown) in cases {
            assert_eq!(DaySet::parse(input).map(|s| s.to_string()).as_deref(), Some(shown), "{input}");
        }
        for bad in ["", "Mon-", "Funday", "Mon,,Tue", "Mon-Fri-Sat"] {
            assert_eq!(DaySet::parse(bad), None, "{bad:?}");
        }
        assert!(DaySet::parse("Fri-Mon").unwrap().contains(Weekday::Sun));
        assert!(!DaySet::parse("Fri-Mon").unwrap().contains(Weekday::Wed));
    }

    #[test]
    fn windows_may_cross_midnight() {
        let curfew = LocalWindow::parse("19:00-07:00").unwrap();
        assert_eq!(curfew.minutes(), 12 * 60);
        let school = LocalWindow::parse("08:45-15:15").unwrap();
        assert_eq!(school.minutes(), 6 * 60 + 30);
        assert_eq!(LocalWindow::parse("10:00-10:00"), None);
        assert_eq!(LocalWindow::parse("10:00"), None);
        assert_eq!(school.to_string(), "08:45-15:15");
    }

    #[test]
    fn places() {
        assert_eq!(Place::parse("Phone"), Some(Place::Phone));
        assert_eq!(Place::parse("video call"), Some(Place::Video));
        assert_eq!(Place::parse("  YJS   office "), Some(Place::Named("YJS office".into())));
        assert!(Place::parse("Office").unwrap().same_room_as(&Place::parse("office").unwrap()));
        assert!(!Place::Phone.same_room_as(&Place::Phone), "two phone calls never meet");
        assert_eq!(Place::parse(""), None);
        assert_eq!(Place::parse(&"x".repeat(61)), None);
    }

    #[test]
    fn sixteen_hundred_is_sixteen_hundred_all_year() {
        let tuesday_16 = slot(Weekday::Tue, "16:00", "2026-03-01", Some("2026-12-31"));
        for date in tuesday_16.dates_between(d("2026-03-01"), d("2026-12-31")) {
            let (start, end) = tuesday_16.interval_on(London, date);
            let local = start.with_timezone(&London);
            assert_eq!((local.weekday(), local.hour(), local.minute()), (Weekday::Tue, 16, 0), "{date}");
            assert_eq!(end - start, Duration::minutes(60));
        }
        let winter = tuesday_16.interval_on(London, d("2026-03-24")).0;
        let summer = tuesday_16.interval_on(London, d("2026-03-31")).0;
        assert_eq!(summer - winter, Duration::days(7) - Duration::hours(1), "not 7x24h in UTC");
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward_by_the_gap() {
        let at = resolve_local(London, d("2026-03-29"), t("01:30"));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 3, 29, 1, 30, 0).unwrap());
        assert_eq!(at.with_timezone(&London).time(), t("02:30"));
        let edge = resolve_local(London, d("2026-03-29"), t("01:00"));
        assert_eq!(edge.with_timezone(&London).time(), t("02:00"));
    }

    #[test]
    fn an_ambiguous_autumn_time_takes_the_first_instant() {
        let at = resolve_local(London, d("2026-10-25"), t("01:30"));
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap(), "01:30 BST, not 01:30 GMT");
    }

    #[test]
    fn dates_respect_start_end_and_weekday() {
        let mondays = slot(Weekday::Mon, "10:00", "2026-11-25", Some("2026-12-21"));
        let dates = mondays.dates_between(d("2026-11-01"), d("2027-01-31"));
        assert_eq!(dates, vec![d("2026-11-30"), d("2026-12-07"), d("2026-12-14"), d("2026-12-21")]);
        let open = slot(Weekday::Wed, "10:00", "2026-11-25", None);
        assert_eq!(open.dates_between(d("2026-11-25"), d("2026-12-02")), vec![d("2026-11-25"), d("2026-12-02")]);
        assert!(mondays.dates_between(d("2027-01-01"), d("2027-02-01")).is_empty());
    }

    #[test]
    fn a_slot_spanning_the_clock_changes_of_march_and_october() {
        // Sunday slots on the change days themselves, at a time in the gap and in the overlap.
        let sunday = slot(Weekday::Sun, "01:30", "2026-03-22", Some("2026-11-01"));
        let dates = sunday.dates_between(d("2026-03-22"), d("2026-11-01"));
        assert!(dates.contains(&d("2026-03-29")) && dates.contains(&d("2026-10-25")));
        let mut previous = None;
        for date in dates {
            let (start, _) = sunday.interval_on(London, date);
            let local = local_of(London, start);
            assert_eq!(local.date(), date);
            let expected = if date == d("2026-03-29") { t("02:30") } else { t("01:30") };
            assert_eq!(local.time(), expected, "{date}");
            if let Some(previous) = previous {
                assert!(start > previous);
            }
            previous = Some(start);
        }
    }

    fn any_time() -> impl Strategy<Value = NaiveTime> {
        (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..(3 * 366)).prop_map(|offset| d("2026-01-01") + Duration::days(offset))
    }

    proptest! {
        #[test]
        fn every_occurrence_is_at_the_local_time_or_just_after_a_gap(
            weekday in 0u8..7, time in any_time(), start in any_date(), weeks in 1i64..160
        ) {
            let weekday = Weekday::try_from(weekday).unwrap();
            let rule = WeeklySlot { weekday, time, minutes: 45, place: Place::Phone, starts_on: start, ends_on: Some(start + Duration::weeks(weeks)) };
            let dates = rule.dates_between(start, start + Duration::weeks(weeks));
            prop_assert!(dates.len() as i64 >= weeks - 1 && dates.len() as i64 <= weeks + 1);
            let mut previous: Option<DateTime<Utc>> = None;
            for date in dates {
                prop_assert_eq!(date.weekday(), weekday);
                let (begin, end) = rule.interval_on(London, date);
                prop_assert_eq!(end - begin, Duration::minutes(45));
                let local = local_of(London, begin);
                prop_assert_eq!(local.date(), date);
                let shift = (local.time() - time).num_minutes();
                prop_assert!(shift == 0 || shift == 60, "{} -> {}", time, local.time());
                if let Some(previous) = previous {
                    let gap = begin - previous;
                    prop_assert!(gap >= Duration::days(7) - Duration::hours(2) && gap <= Duration::days(7) + Duration::hours(2));
                }
                previous = Some(begin);
            }
        }

        #[test]
        fn resolving_is_stable_for_times_that_exist(date in any_date(), time in any_time()) {
            let at = resolve_local(London, date, time);
            let local = local_of(London, at);
            if London.from_local_datetime(&date.and_time(time)).single().is_some() {
                prop_assert_eq!(local, date.and_time(time));
            }
        }
    }
}
