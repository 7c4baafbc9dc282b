//! Dates as people type them: `YYYY-MM-DD`, `today` or `tomorrow`.

use chrono::{Datelike, NaiveDate};

pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    match text.trim().to_ascii_lowercase().as_str() {
        "today" => Some(today),
        "tomorrow" => today.succ_opt(),
        other => {
            let well_formed = other.len() == 10 && other.as_bytes()[4] == b'-' && other.as_bytes()[7] == b'-';
            well_formed.then(|| NaiveDate::parse_from_str(other, "%Y-%m-%d").ok()).flatten()
        }
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
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d("2010-11-23"), d("2026-11-22")), 15);
        assert_eq!(age_on(d("2010-11-23"), d("2026-11-23")), 16);
        assert_eq!(age_on(d("2012-02-29"), d("2026-02-28")), 13);
        assert_eq!(age_on(d("2012-02-29"), d("2026-03-01")), 14);
    }
}
