//! Dates as people type them: `YYYY-MM-DD`, `today` or `tomorrow`.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let date = match text.trim().to_ascii_lowercase().as_str() {
        "today" => Some(today),
        "tomorrow" => today.succ_opt(),
        // Exactly YYYY-MM-DD: chrono's %Y alone would take a sign and any number of digits.
        other => {
            let bytes = other.as_bytes();
            let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
            let well_formed = bytes.len() == 10
                && bytes[4] == b'-'
                && bytes[7] == b'-'
                && digits(0..4)
                && digits(5..7)
                && digits(8..10);
            well_formed.then(|| NaiveDate::parse_from_str(other, "%Y-%m-%d").ok()).flatten()
        }
    };
    date.filter(|date| within_sensible_years(*date, today))
}

/// The earliest date a person types: a birth date from 1990 (a care leaver in their thirties at most).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(date) => date,
    None => panic!("1 January 1990 is a date"),
};

/// How far ahead a typed date may be: appointments, drop-ins, suspensions and order ends are planned
/// months ahead, a youth order lasts up to three years.
pub const YEARS_AHEAD: u32 = 5;

/// Whether a typed date is in the window any date the bot deals with falls in: from [`EARLIEST`] to
/// [`YEARS_AHEAD`] years after `today`. Everything the bot works out from such a date stays within
/// what dates can hold.
pub fn within_sensible_years(date: NaiveDate, today: NaiveDate) -> bool {
    let latest = today.checked_add_months(chrono::Months::new(12 * YEARS_AHEAD)).unwrap_or(NaiveDate::MAX);
    (EARLIEST..=latest).contains(&date)
}

/// Whether a word was meant as a date (it starts with a digit and has a date's separators), so a
/// date that cannot be read is refused as a date rather than read as part of a name.
pub fn looks_like_date(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(['-', '/'])
}

/// Moving a date or a moment by a span, held at the ends of what chrono can hold instead of panicking
/// past them. Dates are checked where people type them ([`within_sensible_years`]), so this only ever
/// guards against a mistake: a far date must not stop the bot.
pub trait Shift: Sized {
    fn plus(self, by: Duration) -> Self;

    fn minus(self, by: Duration) -> Self {
        self.plus(-by)
    }
}

impl Shift for NaiveDate {
    fn plus(self, by: Duration) -> Self {
        self.checked_add_signed(by).unwrap_or(if by < Duration::zero() { NaiveDate::MIN } else { NaiveDate::MAX })
    }
}

impl Shift for NaiveDateTime {
    fn plus(self, by: Duration) -> Self {
        self.checked_add_signed(by).unwrap_or(if by < Duration::zero() {
            NaiveDateTime::MIN
        } else {
            NaiveDateTime::MAX
        })
    }
}

impl Shift for DateTime<Utc> {
    fn plus(self, by: Duration) -> Self {
        self.checked_add_signed(by).unwrap_or(if by < Duration::zero() {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
    }
}

/// Age in whole years on `today`.
pub fn age_on(born: NaiveDate, today: NaiveDate) -> i64 {
    let mut age = i64::from(today.year() - born.year());
    if (today.month(), today.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_words_and_iso_dates() {
        let today = d("2026-11-23");
        assert_eq!(parse_date("today", today), Some(today));
        assert_eq!(parse_date("Tomorrow", today), Some(d("2026-11-24")));
        assert_eq!(parse_date("2027-02-28", today), Some(d("2027-02-28")));
        for bad in ["2027-02-30", "27-02-28", "2027/02/28", "2027-2-28", "yesterday", "", "2027-02-28x"] {
            assert_eq!(parse_date(bad, today), None, "{bad:?}");
        }
        // Signs and long years, which chrono's %Y would take.
        for bad in ["+262142-12-31", "+2027-02-28", "-2027-02-28", "+262-12-31", "02027-02-28", "２０２７-02-28"] {
            assert_eq!(parse_date(bad, today), None, "{bad:?}");
        }
    }

    #[test]
    fn typed_dates_fall_between_1990_and_five_years_ahead() {
        let today = d("2026-11-23");
        assert_eq!(parse_date("1990-01-01", today), Some(d("1990-01-01")));
        assert_eq!(parse_date("1989-12-31", today), None);
        assert_eq!(parse_date("2031-11-23", today), Some(d("2031-11-23")));
        assert_eq!(parse_date("2031-11-24", today), None);
        assert_eq!(parse_date("9999-12-31", today), None);
    }

    #[test]
    fn words_meant_as_dates_are_told_from_names() {
        for date in ["2026-02-30", "9999-99-99", "28/12", "1-1"] {
            assert!(looks_like_date(date), "{date:?}");
        }
        for word in ["Sam", "late", "Jo-Ann", "", "3"] {
            assert!(!looks_like_date(word), "{word:?}");
        }
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d("2010-11-23"), d("2026-11-22")), 15);
        assert_eq!(age_on(d("2010-11-23"), d("2026-11-23")), 16);
        assert_eq!(age_on(d("2012-02-29"), d("2026-02-28")), 13);
        assert_eq!(age_on(d("2012-02-29"), d("2026-03-01")), 14);
    }
}
