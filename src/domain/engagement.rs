//! The rules of attendance and engagement: what counts as kept, streaks and praise, missed appointments
//! in a row, when a correction is still allowed, when warnings go to the engagement panel, and how long
//! a suspension may be without the court.

use chrono::{Months, NaiveDate};

/// What happened at an appointment, as the worker saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    Came,
    Late,
    Missed,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Came, Outcome::Late, Outcome::Missed];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Came => "came",
            Outcome::Late => "late",
            Outcome::Missed => "missed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// Came, even late: the appointment was kept.
    pub fn kept(self) -> bool {
        self != Outcome::Missed
    }
}

/// A worker may correct an attendance record for this long after the appointment began ("the same week").
pub const CORRECTION_SECONDS: i64 = 7 * 24 * 60 * 60;

pub fn may_correct(starts_at: i64, now: i64) -> bool {
    now - starts_at <= CORRECTION_SECONDS
}

/// Kept appointments in a row, counting back from the newest recorded one (`newest_first`).
pub fn streak(newest_first: &[Outcome]) -> usize {
    newest_first.iter().take_while(|o| o.kept()).count()
}

/// Missed appointments in a row, counting back from the newest recorded one.
pub fn missed_in_a_row(newest_first: &[Outcome]) -> usize {
    newest_first.iter().take_while(|o| !o.kept()).count()
}

/// Streaks that earn the bigger message: 3, 5, 10, then every 10.
pub fn is_milestone(streak: usize) -> bool {
    matches!(streak, 3 | 5) || (streak >= 10 && streak.is_multiple_of(10))
}

/// Two missed appointments in a row make an engagement alert.
pub const ALERT_AFTER_MISSES: usize = 2;

/// More than one warning in the order puts the child in the panel queue.
pub const WARNINGS_FOR_PANEL: usize = 2;

/// The child's last panel item, if any: whether it is still open, and how many warnings it was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastReferral {
    pub open: bool,
    pub warnings: usize,
}

/// Whether a newly given warning (making `given` in all) sends the child to the panel. An open item
/// is not doubled; after the panel has decided, a further warning brings the child back.
pub fn needs_referral(given: usize, last: Option<LastReferral>) -> bool {
    given >= WARNINGS_FOR_PANEL
        && match last {
            None => true,
            Some(last) => !last.open && given > last.warnings,
        }
}

/// What the engagement panel decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelOutcome {
    SupportPlan,
    ChangeTime,
    MoreHelp,
    Closed,
}

impl PanelOutcome {
    pub const ALL: [PanelOutcome; 4] =
        [PanelOutcome::SupportPlan, PanelOutcome::ChangeTime, PanelOutcome::MoreHelp, PanelOutcome::Closed];

    pub fn code(self) -> &'static str {
        match self {
            PanelOutcome::SupportPlan => "support-plan",
            PanelOutcome::ChangeTime => "change-time",
            PanelOutcome::MoreHelp => "more-help",
            PanelOutcome::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A suspension from `from` to `to` (both inclusive) is longer than a month when it reaches the same
/// day of the next month: 1 to 31 December is a month, 1 December to 1 January is longer.
pub fn longer_than_a_month(from: NaiveDate, to: NaiveDate) -> bool {
    match from.checked_add_months(Months::new(1)) {
        Some(month_later) => to >= month_later,
        None => true,
    }
}

/// The unbroken stretch that `period` belongs to, joined with the other periods (approved or asked
/// for) that overlap or touch it, day after day. Two back-to-back fortnights are one month.
pub fn joined_span(period: (NaiveDate, NaiveDate), others: &[(NaiveDate, NaiveDate)]) -> (NaiveDate, NaiveDate) {
    let (mut from, mut to) = period;
    loop {
        let mut grew = false;
        for &(a, b) in others {
            let touches = a <= to.succ_opt().unwrap_or(to) && from.pred_opt().unwrap_or(from) <= b;
            if touches && (a < from || b > to) {
                from = from.min(a);
                to = to.max(b);
                grew = true;
            }
        }
        if !grew {
            return (from, to);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn outcomes_round_trip() {
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(Outcome::from_code("maybe"), None);
        for outcome in PanelOutcome::ALL {
            assert_eq!(PanelOutcome::from_code(outcome.code()), Some(outcome));
        }
        assert_eq!(PanelOutcome::from_code("court"), None);
    }

    #[test]
    fn late_is_kept_missed_is_not() {
        assert!(Came.kept());
        assert!(Late.kept());
        assert!(!Missed.kept());
    }

    #[test]
    fn streaks_count_kept_appointments_back_from_the_newest() {
        assert_eq!(streak(&[]), 0);
        assert_eq!(streak(&[Missed, Came, Came]), 0);
        assert_eq!(streak(&[Came]), 1);
        assert_eq!(streak(&[Came, Late, Came, Missed, Came]), 3);
        assert_eq!(streak(&[Late; 12]), 12);
    }

    #[test]
    fn misses_in_a_row_count_back_from_the_newest() {
        assert_eq!(missed_in_a_row(&[]), 0);
        assert_eq!(missed_in_a_row(&[Came, Missed, Missed]), 0);
        assert_eq!(missed_in_a_row(&[Missed]), 1);
        assert_eq!(missed_in_a_row(&[Missed, Missed, Late, Missed]), 2);
    }

    #[test]
    fn milestones_are_three_five_ten_then_every_ten() {
        let milestones: Vec<usize> = (0..=45).filter(|n| is_milestone(*n)).collect();
        assert_eq!(milestones, [3, 5, 10, 20, 30, 40]);
    }

    #[test]
    fn corrections_are_allowed_for_a_week() {
        let start = 1_000_000;
        assert!(may_correct(start, start));
        assert!(may_correct(start, start + CORRECTION_SECONDS));
        assert!(!may_correct(start, start + CORRECTION_SECONDS + 1));
    }

    #[test]
    fn one_warning_is_not_a_referral_a_second_is() {
        assert!(!needs_referral(0, None));
        assert!(!needs_referral(1, None));
        assert!(needs_referral(2, None));
        assert!(needs_referral(3, None));
    }

    #[test]
    fn an_open_item_is_not_doubled_and_a_decided_one_comes_back_with_a_new_warning() {
        let open = Some(LastReferral { open: true, warnings: 2 });
        assert!(!needs_referral(3, open));
        let decided = Some(LastReferral { open: false, warnings: 2 });
        assert!(!needs_referral(2, decided));
        assert!(needs_referral(3, decided));
    }

    #[test]
    fn back_to_back_periods_join_and_a_gap_keeps_them_apart() {
        let december = (date("2026-12-01"), date("2026-12-31"));
        let january = (date("2027-01-01"), date("2027-01-31"));
        assert_eq!(joined_span(january, &[december]), (date("2026-12-01"), date("2027-01-31")));
        assert_eq!(joined_span(december, &[january]), (date("2026-12-01"), date("2027-01-31")));
        let later = (date("2027-01-02"), date("2027-01-31"));
        assert_eq!(joined_span(later, &[december]), later, "a day between them keeps them apart");
        // A chain grows whichever order the others come in.
        let chain = [
            (date("2027-01-15"), date("2027-01-20")),
            (date("2027-01-08"), date("2027-01-14")),
            (date("2027-01-01"), date("2027-01-07")),
        ];
        assert_eq!(joined_span(december, &chain), (date("2026-12-01"), date("2027-01-20")));
        assert_eq!(joined_span(december, &[]), december);
    }

    #[test]
    fn a_month_is_up_to_the_day_before_the_same_date_next_month() {
        assert!(!longer_than_a_month(date("2026-12-01"), date("2026-12-01")));
        assert!(!longer_than_a_month(date("2026-12-01"), date("2026-12-31")));
        assert!(longer_than_a_month(date("2026-12-01"), date("2027-01-01")));
        assert!(!longer_than_a_month(date("2027-02-01"), date("2027-02-28")));
        assert!(longer_than_a_month(date("2027-02-01"), date("2027-03-01")));
        // 31 January plus a month is 28 February: chrono clamps to the month's last day.
        assert!(!longer_than_a_month(date("2027-01-31"), date("2027-02-27")));
        assert!(longer_than_a_month(date("2027-01-31"), date("2027-02-28")));
        assert!(longer_than_a_month(date("2026-11-23"), date("2027-06-01")));
    }
}
