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

/// Whether a word was meant as a date (it starts with a digit and has a date's separators), so a
/// date that cannot be read is refused as a date rather than read as part of a name.
pub fn looks_like_date(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit()) && word.contains(['-', '/'])
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
