//! Quiet hours: the nightly window, in local time, when no reminder reaches a child or carer.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveTime;

/// A daily window `start-end` in local time; `end` before `start` means it crosses midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    start: NaiveTime,
    end: NaiveTime,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuietHoursError {
    #[error("expected two times like 21:00-08:00")]
    Shape,
    #[error("start and end are the same time")]
    Empty,
}

impl QuietHours {
    pub fn new(start: NaiveTime, end: NaiveTime) -> Result<Self, QuietHoursError> {
        if start == end {
            return Err(QuietHoursError::Empty);
        }
        Ok(Self { start, end })
    }

    pub fn start(&self) -> NaiveTime {
        self.start
    }

    pub fn end(&self) -> NaiveTime {
        self.end
    }

    /// Whether a local wall-clock time falls inside the window (start inclusive, end exclusive).
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }
}

impl FromStr for QuietHours {
    type Err = QuietHoursError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (start, end) = text.trim().split_once('-').ok_or(QuietHoursError::Shape)?;
        let start = parse_clock_time(start).ok_or(QuietHoursError::Shape)?;
        let end = parse_clock_time(end).ok_or(QuietHoursError::Shape)?;
        Self::new(start, end)
    }
}

impl fmt::Display for QuietHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

/// `HH:MM`, 24-hour, as people type it (`8:00` is accepted too).
pub fn parse_clock_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.trim().split_once(':')?;
    if hours.is_empty() || hours.len() > 2 || minutes.len() != 2 {
        return None;
    }
    if !hours.bytes().chain(minutes.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(hours.parse().ok()?, minutes.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveTime {
        parse_clock_time(text).unwrap()
    }

    #[test]
    fn overnight_window_covers_late_evening_and_early_morning() {
        let quiet: QuietHours = "21:00-08:00".parse().unwrap();
        for inside in ["21:00", "23:59", "00:00", "03:30", "07:59"] {
            assert!(quiet.contains(at(inside)), "{inside} should be quiet");
        }
        for outside in ["08:00", "12:00", "20:59"] {
            assert!(!quiet.contains(at(outside)), "{outside} should not be quiet");
        }
    }

    #[test]
    fn same_day_window() {
        let quiet: QuietHours = "13:00-14:30".parse().unwrap();
        assert!(quiet.contains(at("13:00")));
        assert!(quiet.contains(at("14:29")));
        assert!(!quiet.contains(at("14:30")));
        assert!(!quiet.contains(at("12:59")));
    }

    #[test]
    fn rejects_bad_windows() {
        for bad in [
            "",
            "21:00",
            "21:00-",
            "25:00-08:00",
            "21:00-08:60",
            "9pm-8am",
            "21:00-21:00",
            "21.00-08.00",
            "021:00-08:00",
        ] {
            assert!(bad.parse::<QuietHours>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn displays_as_typed() {
        let quiet: QuietHours = "9:05-8:00".parse().unwrap();
        assert_eq!(quiet.to_string(), "09:05-08:00");
    }
}
