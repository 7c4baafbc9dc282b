//! Notify's limits, kept by this copy as it sends: 3,000 requests a minute to the API (texts take at
//! most [`SENDS_PER_MINUTE`] of them, leaving the rest for reading replies and statuses), and what a
//! phone network takes to one number in an hour: 100 texts, 20 of them the same.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::time::Duration;

use tokio::time::Instant;

/// Texts sent in any minute, of Notify's 3,000 requests a minute.
pub const SENDS_PER_MINUTE: usize = 2_300;
/// Texts to one number in any hour (phone networks refuse more).
pub const PER_NUMBER_PER_HOUR: usize = 100;
/// The same text to one number in any hour (phone networks refuse more).
pub const IDENTICAL_PER_HOUR: usize = 20;

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

/// What was sent lately, to keep within the limits.
#[derive(Debug, Default)]
pub struct TextLimits {
    sends: VecDeque<Instant>,
    /// Per conversation: when each recent text went, and a hash of its words.
    to_number: HashMap<i64, VecDeque<(Instant, u64)>>,
}

impl TextLimits {
    /// Takes a place for `body` to conversation `chat` at `now`, or says how long until one is free.
    pub fn take(&mut self, chat: i64, body: &str, now: Instant) -> Result<(), Duration> {
        while self.sends.front().is_some_and(|sent| now.duration_since(*sent) >= MINUTE) {
            self.sends.pop_front();
        }
        if self.sends.len() >= SENDS_PER_MINUTE {
            return Err(MINUTE - now.duration_since(self.sends[0]));
        }
        let words = hash(body);
        let recent = self.to_number.entry(chat).or_default();
        while recent.front().is_some_and(|(sent, _)| now.duration_since(*sent) >= HOUR) {
            recent.pop_front();
        }
        if recent.len() >= PER_NUMBER_PER_HOUR {
            return Err(HOUR - now.duration_since(recent[0].0));
        }
        let same: Vec<Instant> = recent.iter().filter(|(_, h)| *h == words).map(|(sent, _)| *sent).collect();
        if same.len() >= IDENTICAL_PER_HOUR {
            return Err(HOUR - now.duration_since(same[0]));
        }
        recent.push_back((now, words));
        self.sends.push_back(now);
        if self.to_number.len() > 10_000 {
            self.to_number.retain(|_, recent| recent.back().is_some_and(|(sent, _)| now.duration_since(*sent) < HOUR));
        }
        Ok(())
    }
}

fn hash(body: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    body.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_identical_texts_an_hour_to_one_number_then_a_wait_for_the_first_to_age() {
        let mut limits = TextLimits::default();
        let start = Instant::now();
        for n in 0..IDENTICAL_PER_HOUR {
            let at = start + Duration::from_secs(n as u64);
            assert_eq!(limits.take(1, "Thanks. Your worker has your message.", at), Ok(()));
        }
        let now = start + Duration::from_secs(100);
        let wait = limits.take(1, "Thanks. Your worker has your message.", now).unwrap_err();
        assert_eq!(wait, HOUR - Duration::from_secs(100));
        assert_eq!(limits.take(1, "Other words", now), Ok(()), "different words still go");
        assert_eq!(limits.take(2, "Thanks. Your worker has your message.", now), Ok(()), "another number");
        assert_eq!(limits.take(1, "Thanks. Your worker has your message.", start + HOUR), Ok(()));
    }

    #[test]
    fn a_hundred_texts_an_hour_to_one_number() {
        let mut limits = TextLimits::default();
        let start = Instant::now();
        for n in 0..PER_NUMBER_PER_HOUR {
            assert_eq!(limits.take(1, &format!("text {n}"), start), Ok(()));
        }
        assert_eq!(limits.take(1, "one more", start), Err(HOUR));
        assert_eq!(limits.take(1, "one more", start + HOUR), Ok(()));
    }

    #[test]
    fn sends_keep_within_the_minutes_budget() {
        let mut limits = TextLimits::default();
        let start = Instant::now();
        for n in 0..SENDS_PER_MINUTE {
            assert_eq!(limits.take(n as i64, "Hi", start), Ok(()));
        }
        assert_eq!(limits.take(-1, "Hi", start + Duration::from_secs(20)), Err(Duration::from_secs(40)));
        assert_eq!(limits.take(-1, "Hi", start + MINUTE), Ok(()));
    }
}
