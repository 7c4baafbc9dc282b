//! Who a drop-in is for, and where a sign-up lands: pure rules.

/// The audience a host set: an age range and a sex (the guidance runs single-sex groups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Audience {
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    /// `any`, `female` or `male`.
    pub sex: String,
}

impl Audience {
    /// Whether a child of this age and sex is in the audience. A limit the child's record cannot
    /// show (no date of birth, sex not recorded) keeps them out: nobody is put in a group by guess.
    pub fn admits(&self, age: Option<i64>, sex: Option<&str>) -> bool {
        let age_fits = match (self.min_age, self.max_age) {
            (None, None) => true,
            (min, max) => age.is_some_and(|a| min.is_none_or(|m| a >= m) && max.is_none_or(|m| a <= m)),
        };
        let sex_fits = self.sex == "any" || sex == Some(self.sex.as_str());
        age_fits && sex_fits
    }
}

/// `13-17` (or a single age, `14`) within `allowed`.
pub fn parse_ages(text: &str, allowed: std::ops::RangeInclusive<i64>) -> Option<(i64, i64)> {
    let (low, high) = match text.split_once('-') {
        Some((low, high)) => (low.trim().parse().ok()?, high.trim().parse().ok()?),
        None => {
            let age = text.trim().parse().ok()?;
            (age, age)
        }
    };
    (low <= high && allowed.contains(&low) && allowed.contains(&high)).then_some((low, high))
}

/// Where a new sign-up goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Roster,
    /// The waiting list, at this position (1 is next).
    Waiting(i64),
}

pub fn place_for(signed: i64, waiting: i64, capacity: i64) -> Place {
    if signed < capacity { Place::Roster } else { Place::Waiting(waiting + 1) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audience(min: Option<i64>, max: Option<i64>, sex: &str) -> Audience {
        Audience { min_age: min, max_age: max, sex: sex.into() }
    }

    #[test]
    fn anyone_fits_an_open_drop_in() {
        let open = audience(None, None, "any");
        assert!(open.admits(None, None));
        assert!(open.admits(Some(17), Some("male")));
    }

    #[test]
    fn ages_are_inclusive_and_unknown_ages_stay_out() {
        let teens = audience(Some(13), Some(15), "any");
        assert!(!teens.admits(Some(12), None));
        assert!(teens.admits(Some(13), None));
        assert!(teens.admits(Some(15), None));
        assert!(!teens.admits(Some(16), None));
        assert!(!teens.admits(None, None));
        assert!(audience(Some(14), None, "any").admits(Some(30), None));
    }

    #[test]
    fn a_single_sex_group_needs_the_recorded_sex() {
        let girls = audience(None, None, "female");
        assert!(girls.admits(None, Some("female")));
        assert!(!girls.admits(None, Some("male")));
        assert!(!girls.admits(None, Some("not-recorded")));
        assert!(!girls.admits(None, None));
    }

    #[test]
    fn age_ranges_parse_within_bounds() {
        assert_eq!(parse_ages("13-17", 8..=25), Some((13, 17)));
        assert_eq!(parse_ages("14", 8..=25), Some((14, 14)));
        assert_eq!(parse_ages(" 10 - 12 ", 8..=25), Some((10, 12)));
        for bad in ["17-13", "5-9", "13-40", "x", "13-", "-13", ""] {
            assert_eq!(parse_ages(bad, 8..=25), None, "{bad}");
        }
    }

    #[test]
    fn sign_ups_fill_the_places_then_queue_in_order() {
        assert_eq!(place_for(0, 0, 5), Place::Roster);
        assert_eq!(place_for(4, 0, 5), Place::Roster);
        assert_eq!(place_for(5, 0, 5), Place::Waiting(1));
        assert_eq!(place_for(5, 14, 5), Place::Waiting(15));
    }
}
