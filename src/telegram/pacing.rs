//! Telegram's flood limits, kept by the one sender: about 30 messages a second overall, one a second and
//! twenty a minute to one chat, and a pause for everyone when Telegram answers 429.
//!
//! The sender sends one message at a time (so a crash can repeat at most one), which is why it paces
//! itself here rather than through teloxide's Throttle: Throttle releases requests on a 250 ms tick, which
//! would hold one-at-a-time sending to four messages a second.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use teloxide::adaptors::throttle::Limits;
use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

/// When each recent message went, overall and per chat. Times are the monotonic clock's: this is about
/// Telegram's counting, not about anyone's appointments.
#[derive(Debug)]
pub struct Pacer {
    limits: Limits,
    /// Sends in the last second, oldest first.
    overall: VecDeque<Instant>,
    /// Sends to each chat in the last minute, oldest first.
    chats: HashMap<i64, VecDeque<Instant>>,
    /// After a 429: nothing goes before this.
    frozen_until: Option<Instant>,
}

impl Pacer {
    pub fn new(limits: Limits) -> Self {
        Self { limits, overall: VecDeque::new(), chats: HashMap::new(), frozen_until: None }
    }

    /// The earliest moment a message to `chat` may go (`now` if it may go at once).
    pub fn ready_at(&mut self, chat: i64, now: Instant) -> Instant {
        self.forget_before(now);
        let mut at = now;
        if let Some(until) = self.frozen_until {
            at = at.max(until);
        }
        if let Some(oldest) = nth_newest(&self.overall, self.limits.messages_per_sec_overall) {
            at = at.max(oldest + SECOND);
        }
        if let Some(sent) = self.chats.get(&chat) {
            let in_last_second: VecDeque<Instant> = sent.iter().copied().filter(|t| *t + SECOND > now).collect();
            if let Some(oldest) = nth_newest(&in_last_second, self.limits.messages_per_sec_chat) {
                at = at.max(oldest + SECOND);
            }
            if let Some(oldest) = nth_newest(sent, self.limits.messages_per_min_chat) {
                at = at.max(oldest + MINUTE);
            }
        }
        at
    }

    /// A message to `chat` went at `at`.
    pub fn sent(&mut self, chat: i64, at: Instant) {
        self.overall.push_back(at);
        self.chats.entry(chat).or_default().push_back(at);
    }

    /// Telegram said "retry after": nothing goes to anyone until then.
    pub fn freeze_until(&mut self, until: Instant) {
        self.frozen_until = Some(self.frozen_until.map_or(until, |old| old.max(until)));
    }

    fn forget_before(&mut self, now: Instant) {
        while self.overall.front().is_some_and(|t| *t + SECOND <= now) {
            self.overall.pop_front();
        }
        self.chats.retain(|_, sent| {
            while sent.front().is_some_and(|t| *t + MINUTE <= now) {
                sent.pop_front();
            }
            !sent.is_empty()
        });
        if self.frozen_until.is_some_and(|until| until <= now) {
            self.frozen_until = None;
        }
    }
}

/// With `limit` sends allowed in a window, the send whose leaving the window frees a place: the
/// `limit`-th newest. None while fewer than `limit` were sent.
fn nth_newest(sent: &VecDeque<Instant>, limit: u32) -> Option<Instant> {
    let limit = limit.max(1) as usize;
    sent.len().checked_sub(limit).map(|index| sent[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pacer() -> Pacer {
        Pacer::new(Limits { messages_per_sec_overall: 3, ..Limits::default() })
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_first_message_goes_at_once() {
        let now = Instant::now();
        assert_eq!(pacer().ready_at(1, now), now);
    }

    #[test]
    fn one_chat_gets_one_message_a_second() {
        let start = Instant::now();
        let mut pacer = pacer();
        pacer.sent(1, start);
        assert_eq!(pacer.ready_at(1, start + ms(10)), start + SECOND);
        assert_eq!(pacer.ready_at(2, start + ms(10)), start + ms(10), "other chats are not held up");
        assert_eq!(pacer.ready_at(1, start + SECOND), start + SECOND);
    }

    #[test]
    fn the_overall_limit_counts_every_chat() {
        let start = Instant::now();
        let mut pacer = pacer();
        for chat in 1..=3 {
            pacer.sent(chat, start + ms(chat as u64 * 100));
        }
        assert_eq!(pacer.ready_at(9, start + ms(400)), start + ms(1100), "the oldest of three leaves the second");
        assert_eq!(pacer.ready_at(9, start + ms(1100)), start + ms(1100));
    }

    #[test]
    fn twenty_a_minute_to_one_chat() {
        let start = Instant::now();
        let mut pacer = Pacer::new(Limits { messages_per_sec_overall: 100, ..Limits::default() });
        for n in 0..20 {
            pacer.sent(1, start + SECOND * n);
        }
        let now = start + SECOND * 20;
        assert_eq!(pacer.ready_at(1, now), start + MINUTE, "the 21st waits for the first to be a minute old");
        assert_eq!(pacer.ready_at(2, now), now);
    }

    #[test]
    fn a_retry_after_pauses_everyone_until_it_ends() {
        let start = Instant::now();
        let mut pacer = pacer();
        pacer.freeze_until(start + SECOND * 5);
        pacer.freeze_until(start + SECOND * 2);
        assert_eq!(pacer.ready_at(1, start), start + SECOND * 5, "a shorter pause never shortens a longer one");
        assert_eq!(pacer.ready_at(1, start + SECOND * 6), start + SECOND * 6);
    }

    #[test]
    fn old_sends_are_forgotten() {
        let start = Instant::now();
        let mut pacer = pacer();
        for chat in 0..1000 {
            pacer.sent(chat, start);
        }
        pacer.ready_at(1, start + MINUTE * 2);
        assert!(pacer.overall.is_empty() && pacer.chats.is_empty());
    }
}
