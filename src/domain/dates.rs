//! Dates as people type them: `today`, `tomorrow`, `Mon`, `next Tue`, `28/12`, `28/12/2026`,
//! `28 Dec`, `YYYY-MM-DD`, and the Welsh `heddiw`, `yfory`, `dydd Llun`, `Llun nesaf`, `28 Rhagfyr`.
//! Day and month are always in UK order: `3/4` is 3 April.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

use crate::domain::times::HALF_DAY_WORDS;
use crate::domain::weekdays::parse_weekday;

/// Which way a date without a year, or a weekday, points. Appointments, drop-ins and suspensions are
/// planned ahead; attendance is recorded after the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Looking {
    Ahead,
    Back,
}

/// What a typed date turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypedDate {
    On(NaiveDate),
    /// Today's own weekday, typed bare: today, or a week away? Asked, never guessed.
    TodayOrAWeek(Weekday),
    NotADate,
}

/// `next` and `last` in English and Welsh (Welsh puts them after the day: `Llun nesaf`).
const NEXT_WORDS: [&str; 3] = ["next", "nesaf", "nesa"];
const LAST_WORDS: [&str; 2] = ["last", "diwethaf"];

const MONTHS: [(&[&str], u32); 12] = [
    (&["jan", "january", "ionawr", "ion"], 1),
    (&["feb", "february", "chwefror", "chwef"], 2),
    (&["mar", "march", "mawrth"], 3),
    (&["apr", "april", "ebrill", "ebr"], 4),
    (&["may", "mai"], 5),
    (&["jun", "june", "mehefin", "meh"], 6),
    (&["jul", "july", "gorffennaf", "gorff"], 7),
    (&["aug", "august", "awst"], 8),
    (&["sep", "sept", "september", "medi"], 9),
    (&["oct", "october", "hydref", "hyd"], 10),
    (&["nov", "november", "tachwedd", "tach"], 11),
    (&["dec", "december", "rhagfyr", "rhag"], 12),
];

fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ',']).to_lowercase();
    MONTHS.iter().find(|(names, _)| names.contains(&word.as_str())).map(|(_, number)| *number)
}

/// A day of the month as typed: `28`, `28th`, `1st`, `28,`.
fn day_of_month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',').to_lowercase();
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(&word);
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|day| (1..=31).contains(day))
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok()).flatten()
}

/// A weekday with `dydd` before it or not (`dydd Llun`, `Llun`, `Mon`).
fn weekday(words: &[&str]) -> Option<(Weekday, usize)> {
    match words {
        [dydd, day, ..] if dydd.eq_ignore_ascii_case("dydd") => Some((parse_weekday(day)?, 2)),
        [day, ..] => Some((parse_weekday(day)?, 1)),
        [] => None,
    }
}

fn one_of(word: Option<&&str>, choices: &[&str]) -> bool {
    word.is_some_and(|w| choices.iter().any(|c| w.eq_ignore_ascii_case(c)))
}

/// How many of `words` make one date or time spoken in several words (`next Tue`, `dydd Llun
/// nesaf`, `28 Dec 2026`, `Dec 28`, `4 pm`), or 1.
fn phrase_length(words: &[&str]) -> usize {
    if one_of(words.first(), &["next", "last"])
        && let Some((_, n)) = weekday(&words[1..])
    {
        return 1 + n;
    }
    if let Some((_, n)) = weekday(words) {
        let after = words.get(n);
        return if one_of(after, &NEXT_WORDS[1..]) || one_of(after, &LAST_WORDS[1..]) { n + 1 } else { n };
    }
    let with_year = |n: usize| if words.get(n).is_some_and(|w| year(w).is_some()) { n + 1 } else { n };
    match words {
        [day, name, ..] if day_of_month(day).is_some() && month(name).is_some() => with_year(2),
        [name, day, ..] if month(name).is_some() && day_of_month(day).is_some() => with_year(2),
        [clock, half, ..]
            if clock.starts_with(|c: char| c.is_ascii_digit())
                && HALF_DAY_WORDS.iter().any(|(w, _)| half.eq_ignore_ascii_case(w)) =>
        {
            2
        }
        _ => 1,
    }
}

/// The words of a command with each date or time spoken in several words joined into one, so the
/// readers can take one word for each piece.
pub fn join_phrases<S: AsRef<str>>(words: &[S]) -> Vec<String> {
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let mut joined = Vec::with_capacity(words.len());
    let mut at = 0;
    while at < words.len() {
        let n = phrase_length(&words[at..]).max(1);
        joined.push(words[at..at + n].join(" "));
        at += n;
    }
    joined
}

/// Reads a date typed as one word or one joined phrase ([`join_phrases`]), against `today`.
pub fn read_date(text: &str, today: NaiveDate, looking: Looking) -> TypedDate {
    let lower = text.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let date = match words.as_slice() {
        ["today" | "heddiw"] => Some(today),
        ["tomorrow" | "yfory"] => today.succ_opt(),
        ["yesterday" | "ddoe"] => today.pred_opt(),
        [one] if one.contains('/') => slashed(one, today, looking),
        [one] if one.contains('-') => iso(one),
        _ => match weekday_phrase(&words) {
            Some((day, None)) if day == today.weekday() => return TypedDate::TodayOrAWeek(day),
            Some((day, toward)) => Some(weekday_date(day, toward, today, looking)),
            None => day_and_month(&words, today, looking),
        },
    };
    match date.filter(|date| within_sensible_years(*date, today)) {
        Some(date) => TypedDate::On(date),
        None => TypedDate::NotADate,
    }
}

/// A date typed ahead (appointments, drop-ins, suspensions, an order's end), `None` for anything
/// else, today's bare weekday included.
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    match read_date(text, today, Looking::Ahead) {
        TypedDate::On(date) => Some(date),
        _ => None,
    }
}

/// Exactly YYYY-MM-DD: chrono's %Y alone would take a sign and any number of digits.
fn iso(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let well_formed =
        bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' && digits(0..4) && digits(5..7) && digits(8..10);
    well_formed.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

/// `28/12`, `28/12/26`, `28/12/2026`: day first, always.
fn slashed(text: &str, today: NaiveDate, looking: Looking) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('/').collect();
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    match parts.as_slice() {
        [day, month] => without_year(number(day, 2)?, number(month, 2)?, today, looking),
        [day, month, year] => {
            let year = match year.len() {
                2 => 2000 + number(year, 2)?,
                4 => number(year, 4)?,
                _ => return None,
            };
            NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, number(month, 2)?, number(day, 2)?)
        }
        _ => None,
    }
}

/// `28 Dec`, `28th December 2026`, `Dec 28`, `28 Rhagfyr`.
fn day_and_month(words: &[&str], today: NaiveDate, looking: Looking) -> Option<NaiveDate> {
    let (day, month, rest) = match words {
        [day, name, rest @ ..] if day_of_month(day).is_some() => (day_of_month(day)?, month(name)?, rest),
        [name, day, rest @ ..] => (day_of_month(day)?, month(name)?, rest),
        _ => return None,
    };
    match rest {
        [] => without_year(day, month, today, looking),
        [year_word] => NaiveDate::from_ymd_opt(year(year_word)?, month, day),
        _ => None,
    }
}

/// A day and month with no year: this year's, unless it has passed (ahead) or is still to come
/// (back), when it is next year's (or last year's). 29 February means the next (or last) one.
fn without_year(day: u32, month: u32, today: NaiveDate, looking: Looking) -> Option<NaiveDate> {
    let years: Vec<i32> = match looking {
        Looking::Ahead => (today.year()..=today.year() + 4).collect(),
        Looking::Back => (today.year() - 4..=today.year()).rev().collect(),
    };
    years.into_iter().filter_map(|year| NaiveDate::from_ymd_opt(year, month, day)).find(|date| match looking {
        Looking::Ahead => *date >= today,
        Looking::Back => *date <= today,
    })
}

/// Which week a weekday phrase means: `Some(Ahead)` for `next Tue`, `Some(Back)` for `last Tue`,
/// `None` for a bare weekday.
fn weekday_phrase(words: &[&str]) -> Option<(Weekday, Option<Looking>)> {
    let toward = |word: &str| {
        if NEXT_WORDS.contains(&word) {
            Some(Looking::Ahead)
        } else if LAST_WORDS.contains(&word) {
            Some(Looking::Back)
        } else {
            None
        }
    };
    match words {
        [first, rest @ ..] if matches!(*first, "next" | "last") => {
            let (day, n) = weekday(rest)?;
            (n == rest.len()).then_some((day, toward(first)))
        }
        _ => {
            let (day, n) = weekday(words)?;
            match &words[n..] {
                [] => Some((day, None)),
                [word] => Some((day, Some(toward(word)?))),
                _ => None,
            }
        }
    }
}

/// The date a weekday means. Bare, the next one (or, looking back, the last one); `next Tue` is the
/// Tuesday of next week (weeks start on Monday); `last Tue` is the last Tuesday before today.
fn weekday_date(day: Weekday, toward: Option<Looking>, today: NaiveDate, looking: Looking) -> NaiveDate {
    let (from, to) = (i64::from(today.weekday().num_days_from_monday()), i64::from(day.num_days_from_monday()));
    // A bare weekday is never today's own (that is asked about), so it is 1 to 7 days away.
    let within_a_week = |gap: i64| Duration::days(if gap == 0 { 7 } else { gap });
    match (toward, looking) {
        (Some(Looking::Ahead), _) => today.plus(Duration::days(7 - from + to)),
        (None, Looking::Ahead) => today.plus(within_a_week((7 + to - from) % 7)),
        (Some(Looking::Back), _) | (None, Looking::Back) => today.minus(within_a_week((7 + from - to) % 7)),
    }
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

/// Whether a word (or a joined phrase such as `31 Feb`) was meant as a date: it starts with a digit
/// and has a date's separators or a month's name, so a date that cannot be read is refused as a date
/// rather than read as part of a name.
pub fn looks_like_date(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && (word.contains(['-', '/']) || word.split_whitespace().nth(1).is_some_and(|w| month(w).is_some()))
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
        for bad in ["2027-02-30", "27-02-28", "2027/02/28", "2027-2-28", "", "2027-02-28x"] {
            assert_eq!(parse_date(bad, today), None, "{bad:?}");
        }
        // Signs and long years, which chrono's %Y would take.
        for bad in ["+262142-12-31", "+2027-02-28", "-2027-02-28", "+262-12-31", "02027-02-28", "２０２７-02-28"] {
            assert_eq!(parse_date(bad, today), None, "{bad:?}");
        }
    }

    /// Thursday 3 December 2026.
    fn thursday() -> NaiveDate {
        d("2026-12-03")
    }

    fn ahead(text: &str) -> TypedDate {
        read_date(&join_phrases(&text.split_whitespace().collect::<Vec<_>>()).join(" "), thursday(), Looking::Ahead)
    }

    fn on(text: &str) -> TypedDate {
        TypedDate::On(d(text))
    }

    #[test]
    fn everyday_dates_are_read_day_first() {
        for (typed, expected) in [
            ("today", "2026-12-03"),
            ("tomorrow", "2026-12-04"),
            ("28/12", "2026-12-28"),
            ("28/12/2026", "2026-12-28"),
            ("28/12/26", "2026-12-28"),
            ("3/4", "2027-04-03"),
            ("03/04/2027", "2027-04-03"),
            ("28 Dec", "2026-12-28"),
            ("28th December", "2026-12-28"),
            ("1st Jan", "2027-01-01"),
            ("Dec 28", "2026-12-28"),
            ("28 dec 2027", "2027-12-28"),
            ("3/12", "2026-12-03"),
            ("2/12", "2027-12-02"),
            ("2026-12-28", "2026-12-28"),
        ] {
            assert_eq!(ahead(typed), on(expected), "{typed:?}");
        }
    }

    #[test]
    fn a_weekday_is_the_next_one_and_next_is_next_weeks() {
        for (typed, expected) in [
            ("Fri", "2026-12-04"),
            ("friday", "2026-12-04"),
            ("Mon", "2026-12-07"),
            ("Wed", "2026-12-09"),
            ("next Fri", "2026-12-11"),
            ("next Mon", "2026-12-07"),
            ("next Thu", "2026-12-10"),
        ] {
            assert_eq!(ahead(typed), on(expected), "{typed:?}");
        }
        assert_eq!(ahead("Thu"), TypedDate::TodayOrAWeek(Weekday::Thu));
        assert_eq!(ahead("thursday"), TypedDate::TodayOrAWeek(Weekday::Thu));
    }

    #[test]
    fn looking_back_a_weekday_and_a_day_are_the_last_ones() {
        let back = |text: &str| read_date(text, thursday(), Looking::Back);
        assert_eq!(back("Mon"), on("2026-11-30"));
        assert_eq!(back("Fri"), on("2026-11-27"));
        assert_eq!(back("last Wed"), on("2026-12-02"));
        assert_eq!(back("last Thu"), on("2026-11-26"));
        assert_eq!(back("Thu"), TypedDate::TodayOrAWeek(Weekday::Thu));
        assert_eq!(back("yesterday"), on("2026-12-02"));
        assert_eq!(back("28/12"), on("2025-12-28"));
        assert_eq!(back("1/12"), on("2026-12-01"));
    }

    #[test]
    fn staff_who_use_welsh_type_welsh_days_and_dates() {
        for (typed, expected) in [
            ("heddiw", "2026-12-03"),
            ("yfory", "2026-12-04"),
            ("Gwener", "2026-12-04"),
            ("dydd Llun", "2026-12-07"),
            ("Llun nesaf", "2026-12-07"),
            ("dydd Gwener nesaf", "2026-12-11"),
            ("28 Rhagfyr", "2026-12-28"),
            ("3 Mawrth", "2027-03-03"),
            ("Mawrth", "2026-12-08"),
        ] {
            assert_eq!(ahead(typed), on(expected), "{typed:?}");
        }
        assert_eq!(ahead("dydd Iau"), TypedDate::TodayOrAWeek(Weekday::Thu));
    }

    #[test]
    fn what_is_not_a_date_is_not_taken_for_one() {
        for typed in ["31/2", "29/2/2027", "13/13", "0/1", "28/12/202", "next", "next week", "28 Dex", "Sam", "31 Feb"]
        {
            assert_eq!(ahead(typed), TypedDate::NotADate, "{typed:?}");
        }
        assert!(looks_like_date("31 Feb"));
        assert!(!looks_like_date("31"));
    }

    #[test]
    fn phrases_are_joined_and_other_words_left_alone() {
        let joined = |text: &str| join_phrases(&text.split_whitespace().collect::<Vec<_>>());
        assert_eq!(joined("Sam next Tue 4 pm"), ["Sam", "next Tue", "4 pm"]);
        assert_eq!(joined("Sam J 28 Dec 2026 29 Dec 4.30pm"), ["Sam", "J", "28 Dec 2026", "29 Dec", "4.30pm"]);
        assert_eq!(joined("Sam dydd Llun nesaf"), ["Sam", "dydd Llun nesaf"]);
        assert_eq!(joined("Sam 2026-12-28 back on the 2 May"), ["Sam", "2026-12-28", "back", "on", "the", "2 May"]);
        assert_eq!(joined("Sam next"), ["Sam", "next"]);
    }

    proptest::proptest! {
        #[test]
        fn any_date_reads_back_in_each_way_it_is_written(offset in 0i64..1800, from in 0i64..3000) {
            let today = d("2020-01-01") + Duration::days(from);
            let date = today + Duration::days(offset);
            let month_name = date.format("%b").to_string();
            for typed in [
                date.format("%Y-%m-%d").to_string(),
                date.format("%d/%m/%Y").to_string(),
                date.format("%-d/%-m/%Y").to_string(),
                format!("{} {} {}", date.day(), month_name, date.year()),
            ] {
                proptest::prop_assert_eq!(read_date(&typed, today, Looking::Ahead), TypedDate::On(date), "{}", typed);
            }
        }

        #[test]
        fn a_day_and_month_is_the_next_one_ahead_and_the_last_one_back(from in 0i64..3000, day in 1u32..=31, month in 1u32..=12) {
            let today = d("2020-01-01") + Duration::days(from);
            let typed = format!("{day}/{month}");
            if let TypedDate::On(date) = read_date(&typed, today, Looking::Ahead) {
                proptest::prop_assert!(date >= today && date < today + Duration::days(366 * 4 + 1));
                proptest::prop_assert_eq!((date.day(), date.month()), (day, month));
                // Nothing earlier matches: no date between today and it has that day and month.
                let earlier = (0..(date - today).num_days()).map(|n| today + Duration::days(n));
                proptest::prop_assert!(earlier.clone().all(|e| (e.day(), e.month()) != (day, month)));
            }
            if let TypedDate::On(date) = read_date(&typed, today, Looking::Back) {
                proptest::prop_assert!(date <= today);
                proptest::prop_assert_eq!((date.day(), date.month()), (day, month));
            }
        }

        #[test]
        fn a_weekday_is_within_the_week_ahead_or_behind(from in 0i64..3000, day in 0u32..7) {
            let today = d("2020-01-01") + Duration::days(from);
            let weekday = Weekday::try_from(u8::try_from(day).unwrap()).unwrap();
            let name = crate::domain::weekdays::weekday_short(weekday);
            let monday = |date: NaiveDate| date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            match read_date(name, today, Looking::Ahead) {
                TypedDate::On(date) => {
                    proptest::prop_assert_eq!(date.weekday(), weekday);
                    proptest::prop_assert!((1..=6).contains(&(date - today).num_days()));
                }
                other => proptest::prop_assert_eq!((other, today.weekday()), (TypedDate::TodayOrAWeek(weekday), weekday)),
            }
            if let TypedDate::On(date) = read_date(name, today, Looking::Back) {
                proptest::prop_assert!((1..=6).contains(&(today - date).num_days()));
            }
            let next = read_date(&format!("next {name}"), today, Looking::Ahead);
            proptest::prop_assert!(matches!(next, TypedDate::On(date) if date.weekday() == weekday && monday(date) == monday(today) + Duration::days(7)));
        }

        #[test]
        fn any_text_is_read_without_panicking(text in "\\PC{0,30}", from in 0i64..3000) {
            let today = d("2020-01-01") + Duration::days(from);
            let joined = join_phrases(&text.split_whitespace().collect::<Vec<_>>());
            proptest::prop_assert_eq!(joined.join(" "), text.split_whitespace().collect::<Vec<_>>().join(" "));
            for word in &joined {
                if let TypedDate::On(date) = read_date(word, today, Looking::Ahead) {
                    proptest::prop_assert!(within_sensible_years(date, today));
                }
            }
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
