//! The days of the week by name, in English and in Welsh, as staff type them.

use chrono::Weekday;

/// Monday to Sunday, in the order the week is shown.
pub const WEEK: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

const DAY_NAMES: [(&str, &str, Weekday); 7] = [
    ("mon", "monday", Weekday::Mon),
    ("tue", "tuesday", Weekday::Tue),
    ("wed", "wednesday", Weekday::Wed),
    ("thu", "thursday", Weekday::Thu),
    ("fri", "friday", Weekday::Fri),
    ("sat", "saturday", Weekday::Sat),
    ("sun", "sunday", Weekday::Sun),
];

/// The days' names in Welsh, as staff who use Welsh type them (after `dydd`, or alone).
const WELSH_DAY_NAMES: [&str; 7] = ["llun", "mawrth", "mercher", "iau", "gwener", "sadwrn", "sul"];

/// `Mon`..`Sun`, or full names, any case (`tues` and `thurs` too, as people write them), or the
/// Welsh names (`Llun`..`Sul`, `dydd Llun` as one phrase).
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let lower = text.trim().to_lowercase();
    let lower = match lower.strip_prefix("dydd ").unwrap_or(&lower).trim_start() {
        "tues" => "tue",
        "thur" | "thurs" => "thu",
        other => other,
    };
    DAY_NAMES
        .iter()
        .zip(WELSH_DAY_NAMES)
        .find(|((short, long, _), welsh)| *short == lower || *long == lower || *welsh == lower)
        .map(|((_, _, day), _)| *day)
}

pub fn weekday_short(day: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.num_days_from_monday() as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_day_reads_back_from_its_short_name() {
        for day in WEEK {
            assert_eq!(parse_weekday(weekday_short(day)), Some(day));
        }
    }

    #[test]
    fn welsh_names_read_alone_or_after_dydd() {
        assert_eq!(parse_weekday("Llun"), Some(Weekday::Mon));
        assert_eq!(parse_weekday("dydd Gwener"), Some(Weekday::Fri));
        assert_eq!(parse_weekday("DYDD  sul"), Some(Weekday::Sun));
        assert_eq!(parse_weekday("dydd"), None);
    }
}
