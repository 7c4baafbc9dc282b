//! When a reminder goes: at each offset before an appointment, but never inside quiet hours.

use crate::domain::dates::Shift;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use super::quiet_hours::QuietHours;
use super::schedule::{local_of, resolve_local};

/// How long before quiet hours begin the evening-before reminder goes: the last moment, less the time a
/// busy evening's reminders need to get through Telegram's limits (about 26,000 messages in 15 minutes).
pub const LAST_CALL: Duration = Duration::minutes(15);

/// The moment a reminder `offset` before `appointment` should go.
///
/// Whole days count on the calendar, so "24h" is the same local time the day before even across a
/// clock change; any rest of the offset is real time. Outside quiet hours that is the moment. Inside:
/// when quiet hours end, if that is still before the appointment; otherwise the last minute before
/// quiet hours began (the evening before, [`LAST_CALL`] early).
pub fn reminder_time(tz: Tz, quiet: QuietHours, appointment: DateTime<Utc>, offset: Duration) -> DateTime<Utc> {
    let wanted = before(tz, appointment, offset);
    if !quiet.contains(local_of(tz, wanted).time()) {
        return wanted;
    }
    let (quiet_start, quiet_end) = quiet_period_around(tz, quiet, wanted);
    if quiet_end < appointment { quiet_end } else { quiet_start.minus(LAST_CALL) }
}

fn before(tz: Tz, appointment: DateTime<Utc>, offset: Duration) -> DateTime<Utc> {
    let days = offset.num_days();
    let local = local_of(tz, appointment);
    let same_time_days_before = resolve_local(tz, local.date().minus(Duration::days(days)), local.time());
    same_time_days_before.minus(offset - Duration::days(days)).min(appointment.minus(Duration::minutes(1)))
}

/// The service's night, when children and carers get no news they did not ask for.
#[derive(Debug, Clone, Copy)]
pub struct QuietTime {
    pub time_zone: Tz,
    pub hours: QuietHours,
}

impl QuietTime {
    /// `now`, or when quiet hours end if `now` is inside them.
    pub fn next_daytime(&self, now: i64) -> i64 {
        let at = DateTime::from_timestamp(now, 0).unwrap_or_default();
        quiet_period_end(self.time_zone, self.hours, at).map_or(now, |end| end.timestamp())
    }
}

/// When the quiet period containing `at` ends, or `None` if `at` is not in quiet hours.
pub fn quiet_period_end(tz: Tz, quiet: QuietHours, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    quiet.contains(local_of(tz, at).time()).then(|| quiet_period_around(tz, quiet, at).1)
}

/// The quiet period (start, end) that contains `at`, as instants.
fn quiet_period_around(tz: Tz, quiet: QuietHours, at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let local = local_of(tz, at);
    let date = local.date();
    let crosses_midnight = quiet.end() <= quiet.start();
    let start_date = if crosses_midnight && local.time() < quiet.end() { date.minus(Duration::days(1)) } else { date };
    let end_date = if crosses_midnight { start_date.plus(Duration::days(1)) } else { start_date };
    (at_local(tz, start_date, quiet.start()), at_local(tz, end_date, quiet.end()))
}

fn at_local(tz: Tz, date: chrono::NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    resolve_local(tz, date, time)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use chrono_tz::Europe::London;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::quiet_hours::parse_clock_time;

    fn at(date: &str, time: &str) -> DateTime<Utc> {
        resolve_local(London, NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(), parse_clock_time(time).unwrap())
    }

    fn quiet() -> QuietHours {
        "21:00-08:00".parse().unwrap()
    }

    fn local(t: DateTime<Utc>) -> String {
        local_of(London, t).format("%Y-%m-%d %H:%M").to_string()
    }

    #[test]
    fn outside_quiet_hours_a_reminder_goes_at_its_offset() {
        let appointment = at("2026-12-01", "16:00");
        assert_eq!(local(reminder_time(London, quiet(), appointment, Duration::hours(24))), "2026-11-30 16:00");
        assert_eq!(local(reminder_time(London, quiet(), appointment, Duration::hours(1))), "2026-12-01 15:00");
    }

    #[test]
    fn inside_quiet_hours_it_waits_for_the_morning_when_that_is_still_in_time() {
        let appointment = at("2026-12-01", "08:45");
        assert_eq!(local(reminder_time(London, quiet(), appointment, Duration::hours(24))), "2026-11-30 08:45");
        assert_eq!(local(reminder_time(London, quiet(), appointment, Duration::hours(1))), "2026-12-01 08:00");
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-12-01", "08:00"), Duration::hours(12))),
            "2026-11-30 20:00"
        );
    }

    #[test]
    fn otherwise_it_goes_the_evening_before() {
        // An 08:00 appointment: 07:00 is quiet and the morning is too late.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-12-01", "08:00"), Duration::hours(1))),
            "2026-11-30 20:45"
        );
        // A 07:30 appointment (before quiet hours end), reminded 30 minutes before.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-12-01", "07:30"), Duration::minutes(30))),
            "2026-11-30 20:45"
        );
        // A late reminder for a 22:00 appointment falls in the same evening's quiet hours.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-12-01", "22:00"), Duration::minutes(30))),
            "2026-12-01 20:45"
        );
    }

    #[test]
    fn two_offsets_can_land_on_the_same_moment_and_then_merge() {
        let appointment = at("2026-12-01", "08:30");
        let early = reminder_time(London, quiet(), appointment, Duration::hours(2));
        let late = reminder_time(London, quiet(), appointment, Duration::hours(1));
        assert_eq!(early, late);
        assert_eq!(local(early), "2026-12-01 08:00");
    }

    #[test]
    fn daylight_saving_days_are_ordinary_days() {
        // The clocks go forward at 01:00 on 29 March 2026: quiet hours still end at 08:00 local.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-03-29", "09:00"), Duration::hours(3))),
            "2026-03-29 08:00"
        );
        // "24h" is the day before at the same local time, on both change days.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-10-26", "10:00"), Duration::hours(24))),
            "2026-10-25 10:00"
        );
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-03-30", "10:00"), Duration::hours(24))),
            "2026-03-29 10:00"
        );
        // Hours are real time: an hour before 02:30 on the spring day is 00:30 (quiet), so the evening before.
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-03-29", "10:00"), Duration::hours(1))),
            "2026-03-29 09:00"
        );
        assert_eq!(
            local(reminder_time(London, quiet(), at("2026-10-25", "09:00"), Duration::hours(2))),
            "2026-10-25 08:00"
        );
    }

    #[test]
    fn the_end_of_the_current_quiet_period() {
        assert_eq!(
            quiet_period_end(London, quiet(), at("2026-12-01", "23:30")).map(local).as_deref(),
            Some("2026-12-02 08:00")
        );
        assert_eq!(
            quiet_period_end(London, quiet(), at("2026-12-02", "06:00")).map(local).as_deref(),
            Some("2026-12-02 08:00")
        );
        assert_eq!(quiet_period_end(London, quiet(), at("2026-12-02", "12:00")), None);
    }

    #[test]
    fn a_daytime_quiet_window_works_too() {
        let lunch: QuietHours = "12:00-13:00".parse().unwrap();
        assert_eq!(
            local(reminder_time(London, lunch, at("2026-12-01", "14:00"), Duration::minutes(90))),
            "2026-12-01 13:00"
        );
        assert_eq!(
            local(reminder_time(London, lunch, at("2026-12-01", "12:45"), Duration::minutes(30))),
            "2026-12-01 11:45"
        );
    }

    proptest! {
        #[test]
        fn a_reminder_is_never_in_quiet_hours_and_never_after_the_appointment(
            days in 0i64..(3 * 365), minute in 0i64..(24 * 60), offset in 1i64..(3 * 24 * 60)
        ) {
            let appointment = at("2026-01-01", "00:00") + Duration::days(days) + Duration::minutes(minute);
            let reminder = reminder_time(London, quiet(), appointment, Duration::minutes(offset));
            prop_assert!(!quiet().contains(local_of(London, reminder).time()), "{} is quiet", local(reminder));
            prop_assert!(reminder < appointment);
            prop_assert!(appointment - reminder <= Duration::minutes(offset) + Duration::hours(13), "never far earlier than asked");
        }
    }
}
