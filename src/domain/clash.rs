//! Clash rules: an appointment must not overlap a child's commitments or their own other appointments,
//! and two children kept apart must not be at the same place within half an hour of each other.

use crate::domain::dates::Shift;
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, NaiveTime, Timelike, Utc, Weekday};
use chrono_tz::Tz;

use super::schedule::{DaySet, LocalWindow, Place, WeeklySlot, local_of};

/// Kept-apart children must not be at one place within this many minutes either side, so they do not
/// meet in the waiting room.
pub const APART_MARGIN_MINUTES: i64 = 30;

const MINUTES_PER_WEEK: i64 = 7 * 24 * 60;

/// A regular commitment: school, work, prayers, curfew, another service, a preferred activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub label: String,
    pub days: DaySet,
    pub window: LocalWindow,
}

/// A single appointment at a known time: a moved occurrence, or any occurrence of a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub place: Place,
}

/// Why an appointment cannot go where it was asked for. Kept-apart clashes never name the other child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash {
    Commitment {
        label: String,
        days: DaySet,
        window: LocalWindow,
    },
    OwnSlot {
        weekday: Weekday,
        time: NaiveTime,
    },
    OwnAppointment {
        start: DateTime<Utc>,
    },
    KeptApart,
    /// The child's worker already sees another child every week at that time (never named here).
    WorkerSlot {
        worker: String,
        weekday: Weekday,
        time: NaiveTime,
    },
    /// The child's worker already sees another child then, once.
    WorkerAppointment {
        worker: String,
        start: DateTime<Utc>,
    },
}

/// A stretch of the local week in minutes from Monday 00:00; it may run past Sunday into Monday.
#[derive(Debug, Clone, Copy)]
struct WeekSpan {
    start: i64,
    length: i64,
}

impl WeekSpan {
    fn at(weekday: Weekday, time: NaiveTime, length: i64) -> Self {
        let start = i64::from(weekday.num_days_from_monday()) * 24 * 60 + i64::from(time.hour() * 60 + time.minute());
        Self { start, length }
    }

    fn widened(self, margin: i64) -> Self {
        Self { start: (self.start - margin).rem_euclid(MINUTES_PER_WEEK), length: self.length + 2 * margin }
    }

    fn overlaps(self, other: WeekSpan) -> bool {
        if self.length >= MINUTES_PER_WEEK || other.length >= MINUTES_PER_WEEK {
            return true;
        }
        (other.start - self.start).rem_euclid(MINUTES_PER_WEEK) < self.length
            || (self.start - other.start).rem_euclid(MINUTES_PER_WEEK) < other.length
    }
}

fn slot_span(slot: &WeeklySlot) -> WeekSpan {
    WeekSpan::at(slot.weekday, slot.time, slot.minutes)
}

fn commitment_clashes(span: WeekSpan, commitments: &[Commitment]) -> impl Iterator<Item = Clash> + '_ {
    commitments
        .iter()
        .filter(move |c| c.days.days().any(|day| WeekSpan::at(day, c.window.start, c.window.minutes()).overlaps(span)))
        .map(|c| Clash::Commitment { label: c.label.clone(), days: c.days, window: c.window })
}

/// Everything a new weekly slot would clash with. Empty means it can be booked.
pub fn weekly_clashes(
    tz: Tz,
    candidate: &WeeklySlot,
    commitments: &[Commitment],
    own_slots: &[WeeklySlot],
    own_fixed: &[Fixed],
    apart_slots: &[WeeklySlot],
    apart_fixed: &[Fixed],
) -> Vec<Clash> {
    let span = slot_span(candidate);
    let mut clashes: Vec<Clash> = commitment_clashes(span, commitments).collect();
    for own in own_slots.iter().filter(|own| own.dates_overlap(candidate) && slot_span(own).overlaps(span)) {
        clashes.push(Clash::OwnSlot { weekday: own.weekday, time: own.time });
    }
    for fixed in own_fixed {
        if occurrences_near(tz, candidate, fixed).any(|(start, end)| start < fixed.end && fixed.start < end) {
            clashes.push(Clash::OwnAppointment { start: fixed.start });
        }
    }
    let margin = Duration::minutes(APART_MARGIN_MINUTES);
    let meets_weekly = apart_slots.iter().any(|other| {
        other.place.same_room_as(&candidate.place)
            && other.dates_overlap(candidate)
            && slot_span(other).overlaps(span.widened(APART_MARGIN_MINUTES))
    });
    let meets_fixed = apart_fixed.iter().filter(|f| f.place.same_room_as(&candidate.place)).any(|fixed| {
        occurrences_near(tz, candidate, fixed)
            .any(|(start, end)| start.minus(margin) < fixed.end && fixed.start < end.plus(margin))
    });
    if meets_weekly || meets_fixed {
        clashes.push(Clash::KeptApart);
    }
    clashes
}

/// A worker cannot be at two appointments at once: a new weekly slot must not overlap their other
/// children's slots (while the dates of both run) or those children's one-off appointments.
pub fn worker_weekly_clashes(
    tz: Tz,
    candidate: &WeeklySlot,
    worker: &str,
    others_slots: &[WeeklySlot],
    others_fixed: &[Fixed],
) -> Vec<Clash> {
    let span = slot_span(candidate);
    let mut clashes: Vec<Clash> = others_slots
        .iter()
        .filter(|other| other.dates_overlap(candidate) && slot_span(other).overlaps(span))
        .map(|other| Clash::WorkerSlot { worker: worker.to_owned(), weekday: other.weekday, time: other.time })
        .collect();
    for fixed in others_fixed {
        if occurrences_near(tz, candidate, fixed).any(|(start, end)| start < fixed.end && fixed.start < end) {
            clashes.push(Clash::WorkerAppointment { worker: worker.to_owned(), start: fixed.start });
        }
    }
    clashes
}

/// A one-off appointment must not overlap any of the worker's other children's appointments.
pub fn worker_one_off_clashes(candidate: &Fixed, worker: &str, others: &[Fixed]) -> Vec<Clash> {
    others
        .iter()
        .filter(|other| other.start < candidate.end && candidate.start < other.end)
        .map(|other| Clash::WorkerAppointment { worker: worker.to_owned(), start: other.start })
        .collect()
}

/// The candidate's occurrences on the days around a fixed appointment.
fn occurrences_near<'a>(
    tz: Tz,
    candidate: &'a WeeklySlot,
    fixed: &Fixed,
) -> impl Iterator<Item = (DateTime<Utc>, DateTime<Utc>)> + 'a {
    let day = local_of(tz, fixed.start).date();
    candidate
        .dates_between(day.minus(Duration::days(1)), day.plus(Duration::days(1)))
        .into_iter()
        .map(move |date| candidate.interval_on(tz, date))
}

/// Everything a one-off appointment (a moved occurrence) would clash with.
pub fn one_off_clashes(
    tz: Tz,
    candidate: &Fixed,
    commitments: &[Commitment],
    own: &[Fixed],
    apart: &[Fixed],
) -> Vec<Clash> {
    let start = local_of(tz, candidate.start);
    let end = start.plus(candidate.end - candidate.start);
    let mut clashes: Vec<Clash> = commitments
        .iter()
        .filter(|c| commitment_instances_around(c, start).any(|(from, to)| from < end && start < to))
        .map(|c| Clash::Commitment { label: c.label.clone(), days: c.days, window: c.window })
        .collect();
    for other in own.iter().filter(|o| o.start < candidate.end && candidate.start < o.end) {
        clashes.push(Clash::OwnAppointment { start: other.start });
    }
    let margin = Duration::minutes(APART_MARGIN_MINUTES);
    if apart.iter().any(|other| {
        other.place.same_room_as(&candidate.place)
            && other.start.minus(margin) < candidate.end
            && candidate.start.minus(margin) < other.end
    }) {
        clashes.push(Clash::KeptApart);
    }
    clashes
}

/// A commitment's windows on the day before, of and after `around`, in local wall-clock time.
fn commitment_instances_around(
    commitment: &Commitment,
    around: NaiveDateTime,
) -> impl Iterator<Item = (NaiveDateTime, NaiveDateTime)> + '_ {
    (-1..=1)
        .map(move |offset| around.date().plus(Duration::days(offset)))
        .filter(|date| commitment.days.contains(date.weekday()))
        .map(|date| {
            let from = date.and_time(commitment.window.start);
            (from, from.plus(Duration::minutes(commitment.window.minutes())))
        })
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone};
    use chrono_tz::Europe::London;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::quiet_hours::parse_clock_time;
    use crate::domain::schedule::resolve_local;

    fn t(text: &str) -> NaiveTime {
        parse_clock_time(text).unwrap()
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn commitment(label: &str, days: &str, window: &str) -> Commitment {
        Commitment {
            label: label.into(),
            days: DaySet::parse(days).unwrap(),
            window: LocalWindow::parse(window).unwrap(),
        }
    }

    fn slot(weekday: Weekday, time: &str, minutes: i64, place: &str) -> WeeklySlot {
        WeeklySlot {
            weekday,
            time: t(time),
            minutes,
            place: Place::parse(place).unwrap(),
            starts_on: d("2026-11-23"),
            ends_on: Some(d("2027-06-30")),
        }
    }

    fn weekly(
        candidate: &WeeklySlot,
        commitments: &[Commitment],
        own: &[WeeklySlot],
        apart: &[WeeklySlot],
    ) -> Vec<Clash> {
        weekly_clashes(London, candidate, commitments, own, &[], apart, &[])
    }

    #[test]
    fn school_hours_refuse_a_weekday_lunchtime_slot_but_not_after_school() {
        let school = [commitment("school", "Mon-Fri", "08:45-15:15")];
        let clashes = weekly(&slot(Weekday::Tue, "12:00", 60, "office"), &school, &[], &[]);
        assert_eq!(
            clashes,
            vec![Clash::Commitment { label: "school".into(), days: school[0].days, window: school[0].window }]
        );
        assert!(weekly(&slot(Weekday::Tue, "15:15", 60, "office"), &school, &[], &[]).is_empty(), "touching is fine");
        assert!(
            !weekly(&slot(Weekday::Tue, "14:30", 60, "office"), &school, &[], &[]).is_empty(),
            "overlapping the end"
        );
        assert!(
            !weekly(&slot(Weekday::Mon, "08:00", 60, "office"), &school, &[], &[]).is_empty(),
            "overlapping the start"
        );
        assert!(weekly(&slot(Weekday::Sat, "12:00", 60, "office"), &school, &[], &[]).is_empty());
    }

    #[test]
    fn a_curfew_across_midnight_covers_the_next_morning_and_wraps_the_week() {
        let curfew = [commitment("curfew", "daily", "19:00-07:00")];
        assert!(!weekly(&slot(Weekday::Wed, "06:30", 60, "office"), &curfew, &[], &[]).is_empty());
        assert!(!weekly(&slot(Weekday::Wed, "18:30", 60, "office"), &curfew, &[], &[]).is_empty());
        assert!(weekly(&slot(Weekday::Wed, "07:00", 60, "office"), &curfew, &[], &[]).is_empty());
        let sunday_night = [commitment("curfew", "Sun", "22:00-06:00")];
        assert!(
            !weekly(&slot(Weekday::Mon, "05:00", 30, "office"), &sunday_night, &[], &[]).is_empty(),
            "Sunday night runs into Monday"
        );
        assert!(weekly(&slot(Weekday::Tue, "05:00", 30, "office"), &sunday_night, &[], &[]).is_empty());
    }

    #[test]
    fn a_childs_own_slots_cannot_overlap_while_their_dates_do() {
        let existing = slot(Weekday::Thu, "16:00", 60, "office");
        assert_eq!(
            weekly(&slot(Weekday::Thu, "16:30", 60, "phone"), &[], std::slice::from_ref(&existing), &[]),
            vec![Clash::OwnSlot { weekday: Weekday::Thu, time: t("16:00") }]
        );
        assert!(
            weekly(&slot(Weekday::Thu, "17:00", 60, "office"), &[], std::slice::from_ref(&existing), &[]).is_empty()
        );
        let mut later = slot(Weekday::Thu, "16:00", 60, "office");
        later.starts_on = d("2027-07-01");
        later.ends_on = None;
        assert!(weekly(&later, &[], &[existing], &[]).is_empty(), "the old slot has ended by then");
    }

    #[test]
    fn kept_apart_children_are_thirty_minutes_apart_at_one_place() {
        let other = [slot(Weekday::Tue, "16:00", 60, "Office")];
        assert_eq!(weekly(&slot(Weekday::Tue, "17:15", 60, "office"), &[], &[], &other), vec![Clash::KeptApart]);
        assert_eq!(weekly(&slot(Weekday::Tue, "15:00", 45, "office"), &[], &[], &other), vec![Clash::KeptApart]);
        assert!(
            weekly(&slot(Weekday::Tue, "17:30", 60, "office"), &[], &[], &other).is_empty(),
            "30 minutes after is fine"
        );
        assert!(
            weekly(&slot(Weekday::Tue, "14:30", 60, "office"), &[], &[], &other).is_empty(),
            "30 minutes before is fine"
        );
        assert!(weekly(&slot(Weekday::Tue, "16:00", 60, "library"), &[], &[], &other).is_empty(), "another place");
        assert!(weekly(&slot(Weekday::Tue, "16:00", 60, "phone"), &[], &[], &other).is_empty(), "a call meets nobody");
        let calls = [slot(Weekday::Tue, "16:00", 60, "phone")];
        assert!(weekly(&slot(Weekday::Tue, "16:00", 60, "phone"), &[], &[], &calls).is_empty());
    }

    #[test]
    fn a_moved_appointment_of_a_kept_apart_child_counts_on_its_day() {
        let moved = Fixed {
            start: resolve_local(London, d("2026-12-08"), t("16:20")),
            end: resolve_local(London, d("2026-12-08"), t("17:20")),
            place: Place::parse("office").unwrap(),
        };
        let candidate = slot(Weekday::Tue, "15:00", 60, "office");
        assert_eq!(
            weekly_clashes(London, &candidate, &[], &[], &[], &[], std::slice::from_ref(&moved)),
            vec![Clash::KeptApart]
        );
        let wednesday = slot(Weekday::Wed, "16:00", 60, "office");
        assert!(weekly_clashes(London, &wednesday, &[], &[], &[], &[], &[moved]).is_empty());
    }

    #[test]
    fn a_worker_is_not_booked_with_two_children_at_once() {
        let other = slot(Weekday::Tue, "16:00", 60, "office");
        let overlapping = slot(Weekday::Tue, "16:30", 60, "Youth centre");
        let after = slot(Weekday::Tue, "17:00", 60, "office");
        let clashes = worker_weekly_clashes(London, &overlapping, "Alex", std::slice::from_ref(&other), &[]);
        assert_eq!(clashes, vec![Clash::WorkerSlot { worker: "Alex".into(), weekday: Weekday::Tue, time: t("16:00") }]);
        assert!(worker_weekly_clashes(London, &after, "Alex", &[other], &[]).is_empty());
        // Another child's one-off on a Tuesday: the weekly slot meets it that week.
        let start = resolve_local(London, d("2026-12-08"), t("17:30"));
        let once = Fixed { start, end: start + Duration::minutes(30), place: Place::Phone };
        let clashes = worker_weekly_clashes(London, &after, "Alex", &[], std::slice::from_ref(&once));
        assert_eq!(clashes, vec![Clash::WorkerAppointment { worker: "Alex".into(), start }]);
        let moved =
            Fixed { start: start + Duration::minutes(30), end: start + Duration::minutes(90), place: Place::Phone };
        assert!(worker_one_off_clashes(&moved, "Alex", std::slice::from_ref(&once)).is_empty());
        let overlapping = Fixed { start: start - Duration::minutes(10), ..moved };
        assert_eq!(worker_one_off_clashes(&overlapping, "Alex", &[once]).len(), 1);
    }

    #[test]
    fn one_off_appointments_check_commitments_own_and_apart() {
        let at = |date: &str, time: &str, minutes: i64, place: &str| {
            let start = resolve_local(London, d(date), t(time));
            Fixed { start, end: start + Duration::minutes(minutes), place: Place::parse(place).unwrap() }
        };
        let school = [commitment("school", "Mon-Fri", "08:45-15:15")];
        let curfew = [commitment("curfew", "Fri", "21:00-07:00")];
        assert_eq!(one_off_clashes(London, &at("2026-12-02", "10:00", 60, "office"), &school, &[], &[]).len(), 1);
        assert!(
            one_off_clashes(London, &at("2026-12-05", "10:00", 60, "office"), &school, &[], &[]).is_empty(),
            "Saturday"
        );
        assert_eq!(
            one_off_clashes(London, &at("2026-12-05", "06:00", 60, "office"), &curfew, &[], &[]).len(),
            1,
            "Friday's curfew runs into Saturday"
        );
        let own = [at("2026-12-02", "16:30", 60, "phone")];
        assert_eq!(
            one_off_clashes(London, &at("2026-12-02", "16:00", 60, "office"), &[], &own, &[]),
            vec![Clash::OwnAppointment { start: own[0].start }]
        );
        let apart = [at("2026-12-02", "18:00", 60, "Office")];
        assert_eq!(
            one_off_clashes(London, &at("2026-12-02", "16:45", 60, "office"), &[], &[], &apart),
            vec![Clash::KeptApart]
        );
        assert!(one_off_clashes(London, &at("2026-12-02", "16:30", 60, "office"), &[], &[], &apart).is_empty());
    }

    #[test]
    fn clock_change_days_are_ordinary_days() {
        let curfew = [commitment("curfew", "daily", "21:00-07:00")];
        let start = resolve_local(London, d("2026-10-25"), t("07:00"));
        let candidate = Fixed { start, end: start + Duration::hours(1), place: Place::Phone };
        assert!(one_off_clashes(London, &candidate, &curfew, &[], &[]).is_empty());
        let start = resolve_local(London, d("2026-03-29"), t("06:30"));
        let candidate = Fixed { start, end: start + Duration::hours(1), place: Place::Phone };
        assert_eq!(one_off_clashes(London, &candidate, &curfew, &[], &[]).len(), 1);
        assert_eq!(Utc.with_ymd_and_hms(2026, 3, 29, 5, 30, 0).unwrap(), start);
    }

    fn any_slot() -> impl Strategy<Value = WeeklySlot> {
        (0u8..7, 0u32..24, 0u32..4, 15i64..240).prop_map(|(day, hour, quarter, minutes)| WeeklySlot {
            weekday: Weekday::try_from(day).unwrap(),
            time: NaiveTime::from_hms_opt(hour, quarter * 15, 0).unwrap(),
            minutes,
            place: Place::Named("office".into()),
            starts_on: d("2026-01-05"),
            ends_on: Some(d("2028-12-31")),
        })
    }

    proptest! {
        #[test]
        fn weekly_clashes_agree_with_the_real_occurrences(a in any_slot(), b in any_slot()) {
            // Two weekly slots clash exactly when some pair of their real occurrences in a normal week overlaps.
            let clash = !weekly(&a, &[], std::slice::from_ref(&b), &[]).is_empty();
            let week = |s: &WeeklySlot| s.dates_between(d("2026-06-01"), d("2026-06-14")).into_iter().map(|date| s.interval_on(London, date)).collect::<Vec<_>>();
            let real = week(&a).iter().any(|(s1, e1)| week(&b).iter().any(|(s2, e2)| s1 < e2 && s2 < e1));
            prop_assert_eq!(clash, real);
        }

        #[test]
        fn clashing_is_symmetric(a in any_slot(), b in any_slot()) {
            prop_assert_eq!(weekly(&a, &[], std::slice::from_ref(&b), &[]).is_empty(), weekly(&b, &[], std::slice::from_ref(&a), &[]).is_empty());
            prop_assert_eq!(weekly(&a, &[], &[], std::slice::from_ref(&b)).is_empty(), weekly(&b, &[], &[], std::slice::from_ref(&a)).is_empty());
        }

        #[test]
        fn a_slot_inside_a_commitment_always_clashes(day in 0u8..7, start_hour in 0u32..20, offset in 0i64..60) {
            let window = LocalWindow { start: NaiveTime::from_hms_opt(start_hour, 0, 0).unwrap(), end: NaiveTime::from_hms_opt(start_hour + 3, 0, 0).unwrap() };
            let weekday = Weekday::try_from(day).unwrap();
            let c = Commitment { label: "x".into(), days: DaySet::parse(crate::domain::weekdays::weekday_short(weekday)).unwrap(), window };
            let s = WeeklySlot { weekday, time: window.start + Duration::minutes(offset), minutes: 30, place: Place::Phone, starts_on: d("2026-01-05"), ends_on: None };
            prop_assert!(!weekly(&s, &[c], &[], &[]).is_empty());
        }
    }
}
