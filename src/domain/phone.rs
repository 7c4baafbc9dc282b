//! UK mobile numbers, as people type them, kept in one canonical form (`+447700900123`).

use std::fmt;

/// A UK mobile number: the only kind a text message can reach through GOV.UK Notify here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// The longest text read as a number: room for spaces, brackets and a `+44 (0)`.
    const MAX_CHARS: usize = 30;

    /// Any usual spelling: `07700 900123`, `07700-900-123`, `+44 7700 900123`, `+44 (0)7700 900123`,
    /// `0044 7700 900123`, `447700900123`. Only mobile ranges (071–075, 077–079, and 07624 on the
    /// Isle of Man): not landlines, personal numbers (070) or pagers (076).
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.chars().count() > Self::MAX_CHARS {
            return None;
        }
        let mut digits = String::with_capacity(16);
        let mut plus = false;
        for c in text.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !plus => plus = true,
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return None,
            }
        }
        let international = if let Some(rest) = digits.strip_prefix("0044") {
            if plus {
                return None;
            }
            Some(rest)
        } else {
            // Without a `+`, only a whole 12-digit number is read as starting with the country code.
            digits.strip_prefix("44").filter(|_| plus || digits.len() == 12)
        };
        let subscriber = match international {
            // `+44 (0)7700...`: the national 0 written after the country code.
            Some(rest) => rest.strip_prefix('0').unwrap_or(rest),
            None if plus => return None,
            None => digits.strip_prefix('0')?,
        };
        let second = subscriber.as_bytes().get(1).copied();
        let mobile = subscriber.len() == 10
            && subscriber.starts_with('7')
            && (matches!(second, Some(b'1'..=b'5' | b'7'..=b'9')) || subscriber.starts_with("7624"));
        mobile.then(|| PhoneNumber(format!("+44{subscriber}")))
    }

    /// `+447700900123`: as stored and as sent to Notify.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `07••• •••123`: enough for a worker to recognise the number, no more, for lists that do
    /// not need it whole.
    pub fn masked(&self) -> String {
        let last = &self.0[self.0.len() - 3..];
        format!("07\u{2022}\u{2022}\u{2022} \u{2022}\u{2022}\u{2022}{last}")
    }

    /// `07700 900123`: the whole number as people in the UK write it.
    pub fn national(&self) -> String {
        let subscriber = &self.0[3..];
        format!("0{} {}", &subscriber[..4], &subscriber[4..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str) -> Option<String> {
        PhoneNumber::parse(text).map(|n| n.as_str().to_owned())
    }

    #[test]
    fn every_usual_spelling_is_one_number() {
        for text in [
            "07700900123",
            "07700 900123",
            "07700 900 123",
            "07700-900-123",
            "07700.900.123",
            "(07700) 900123",
            "+447700900123",
            "+44 7700 900123",
            "+44 (0)7700 900123",
            "+44 (0) 7700 900 123",
            "0044 7700 900123",
            "447700900123",
            "  07700 900123  ",
        ] {
            assert_eq!(canonical(text).as_deref(), Some("+447700900123"), "{text:?}");
        }
    }

    #[test]
    fn only_uk_mobiles_are_numbers_a_text_can_reach() {
        assert_eq!(canonical("07624 123456").as_deref(), Some("+447624123456"), "Isle of Man mobile");
        for text in [
            "",
            "0770090012",        // one digit short
            "077009001234",      // one digit long
            "020 7946 0000",     // a London landline
            "0800 123 4567",     // freephone
            "07000 123456",      // personal numbering, not a phone
            "07600 123456",      // a pager
            "+33 6 12 34 56 78", // France
            "+1 415 555 0100",
            "0044 7700 90012",
            "+0044 7700 900123",
            "07700 900123 ext 2",
            "07700 9OO123", // letter O for zero
            "7700900123",   // no leading 0 or country code
            "++447700900123",
            "07700+900123",
        ] {
            assert_eq!(canonical(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_number_is_shown_whole_or_masked() {
        let number = PhoneNumber::parse("+44 7700 900123").unwrap();
        assert_eq!(number.national(), "07700 900123");
        assert_eq!(number.masked(), "07\u{2022}\u{2022}\u{2022} \u{2022}\u{2022}\u{2022}123");
        assert!(!number.masked().contains("7700"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_either_is_a_number_or_is_not_and_never_panics(text in "\\PC{0,40}") {
            if let Some(number) = PhoneNumber::parse(&text) {
                proptest::prop_assert_eq!(PhoneNumber::parse(number.as_str()), Some(number.clone()));
                proptest::prop_assert_eq!(PhoneNumber::parse(&number.national()), Some(number));
            }
        }

        #[test]
        fn a_mobile_number_written_any_way_reads_the_same(
            prefix in proptest::sample::select(vec!["71", "72", "73", "74", "75", "77", "78", "79"]),
            rest in "[0-9]{8}",
            style in 0..5usize,
        ) {
            let subscriber = format!("{prefix}{rest}");
            let text = match style {
                0 => format!("0{subscriber}"),
                1 => format!("0{} {}", &subscriber[..4], &subscriber[4..]),
                2 => format!("+44 {subscriber}"),
                3 => format!("+44 (0){} {}", &subscriber[..4], &subscriber[4..]),
                _ => format!("0044-{}-{}", &subscriber[..4], &subscriber[4..]),
            };
            proptest::prop_assert_eq!(canonical(&text), Some(format!("+44{subscriber}")));
        }
    }
}
