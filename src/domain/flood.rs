//! One person sending a flood of messages must not hold up everyone else: past a limit a minute,
//! the rest of that minute is not read, and the person is told once. Times are when each message
//! was sent, so messages that waited while the bot was down are not a flood.

use std::collections::{HashMap, VecDeque};

/// More messages than this from one person within a minute is a flood. A person typing as fast as
/// they can on a phone stays well below it.
pub const PER_MINUTE: usize = 30;
const WINDOW_SECONDS: i64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Read,
    /// The first update past the limit: not read, and the person is told.
    TellThem,
    /// Past the limit and already told: not read.
    Ignore,
}

#[derive(Debug, Default)]
pub struct FloodGuard {
    /// Per Telegram user: when their recent updates came (read or not), oldest first, and whether they
    /// were told in this flood.
    recent: HashMap<i64, (VecDeque<i64>, bool)>,
}

impl FloodGuard {
    /// Counts one update from `user` at `now` (seconds) and says what to do with it.
    pub fn admit(&mut self, user: i64, now: i64) -> Verdict {
        self.recent.retain(|_, (times, _)| times.back().is_some_and(|t| t + WINDOW_SECONDS > now));
        let (times, told) = self.recent.entry(user).or_default();
        while times.front().is_some_and(|t| t + WINDOW_SECONDS <= now) {
            times.pop_front();
        }
        if times.len() < PER_MINUTE {
            // Still counts while under the limit, so a steady stream at the limit stays readable.
            times.push_back(now);
            *told = false;
            return Verdict::Read;
        }
        // Updates past the limit keep the window full, so a flood that goes on stays unread.
        times.pop_front();
        times.push_back(now);
        if *told {
            Verdict::Ignore
        } else {
            *told = true;
            Verdict::TellThem
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn up_to_the_limit_everything_is_read() {
        let mut guard = FloodGuard::default();
        for n in 0..PER_MINUTE as i64 {
            assert_eq!(guard.admit(1, n), Verdict::Read);
        }
    }

    #[test]
    fn past_the_limit_the_person_is_told_once_and_the_rest_is_not_read() {
        let mut guard = FloodGuard::default();
        for _ in 0..PER_MINUTE {
            guard.admit(1, 100);
        }
        assert_eq!(guard.admit(1, 100), Verdict::TellThem);
        assert_eq!(guard.admit(1, 101), Verdict::Ignore);
        assert_eq!(guard.admit(1, 102), Verdict::Ignore);
    }

    #[test]
    fn a_flood_from_one_person_leaves_everyone_else_alone() {
        let mut guard = FloodGuard::default();
        for _ in 0..200 {
            guard.admit(1, 100);
        }
        assert_eq!(guard.admit(2, 100), Verdict::Read);
    }

    #[test]
    fn a_minute_after_the_flood_stops_they_are_read_again() {
        let mut guard = FloodGuard::default();
        for _ in 0..100 {
            guard.admit(1, 100);
        }
        assert_eq!(guard.admit(1, 159), Verdict::Ignore, "still flooding within the minute");
        assert_eq!(guard.admit(1, 220), Verdict::Read);
    }

    #[test]
    fn a_steady_pace_at_the_limit_is_always_read() {
        let mut guard = FloodGuard::default();
        for n in 0..300 {
            assert_eq!(guard.admit(1, n * 2), Verdict::Read, "one every 2 s is {} a minute", 30);
        }
    }

    #[test]
    fn quiet_people_are_forgotten() {
        let mut guard = FloodGuard::default();
        for user in 0..1000 {
            guard.admit(user, 0);
        }
        guard.admit(1, 1000);
        assert_eq!(guard.recent.len(), 1);
    }
}
