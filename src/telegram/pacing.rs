//! Telegram's flood limits, kept by this copy's sender: about 30 messages a second overall, about one a
//! second to a private chat (a burst of a few first), twenty a minute to a group, and a pause for
//! everyone when Telegram answers 429. Every kind of send counts: messages, edits, documents, photos,
//! copies; answering a button tap does not.
//!
//! The sender has several messages in flight (never two to one chat), so it paces each request as it
//! leaves, here, rather than through teloxide's Throttle, which releases requests on a 250 ms tick.

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use tokio::time::Instant;

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

/// Telegram's limits as the sender keeps them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TelegramLimits {
    /// Requests that may leave in any one second, to everyone together, counted when they leave.
    pub overall_per_second: u32,
    /// Places are given out at most this often, so requests leave spread evenly through each second.
    pub overall_every: Duration,
    /// Messages a private chat may take at once, after a quiet spell.
    pub chat_burst: u32,
    /// After a burst, one message to a private chat each this long.
    pub chat_every: Duration,
    /// Messages to one group in any minute (private chats have no such limit).
    pub group_per_minute: u32,
}

impl Default for TelegramLimits {
    /// Telegram allows about 30 messages a second. Places are given out one each 35 ms (28.6 a
    /// second); a request whose task woke late (a busy machine) is held at the door if 29 already
    /// left in the last second, so late ones cannot bunch. What is left is the jitter between a
    /// request leaving and Telegram counting it: 31 arrivals in a second would need 53 ms of it.
    /// A private chat takes a short burst and then about one a second: the sender refills a little
    /// slower than that (one each 1.05 s), so a request that arrives a few milliseconds early is
    /// still within Telegram's count.
    fn default() -> Self {
        Self {
            overall_per_second: 29,
            overall_every: Duration::from_millis(35),
            chat_burst: 3,
            chat_every: Duration::from_millis(1050),
            group_per_minute: 20,
        }
    }
}

impl TelegramLimits {
    /// No practical limit, for tests that are not about pace (the pacer stays in the path).
    pub fn unlimited() -> Self {
        Self {
            overall_per_second: 100_000,
            overall_every: Duration::ZERO,
            chat_burst: 100_000,
            chat_every: Duration::from_micros(1),
            group_per_minute: 100_000,
        }
    }

    /// A pace of `per_second` requests overall, spread evenly (for tests and benchmarks of the pacer).
    pub fn overall(self, per_second: u32) -> Self {
        Self { overall_per_second: per_second, overall_every: SECOND / per_second.max(1), ..self }
    }
}

/// When recent messages went, overall and per chat. Times are the monotonic clock's: this is about
/// Telegram's counting, not about anyone's appointments.
#[derive(Debug)]
pub struct Pacer {
    limits: TelegramLimits,
    /// Places given out in the last second, oldest first.
    overall: VecDeque<Instant>,
    /// Requests that left in the last second, oldest first: when they really went, which on a busy
    /// machine can be later than their place.
    left: VecDeque<Instant>,
    /// Sends are spread evenly through each second, not bunched at its start: a bunch that arrives a
    /// few milliseconds late could meet the next second's and be counted with it.
    next_overall: Option<Instant>,
    /// Each private chat's burst allowance: (messages it may take now, when that was worked out).
    private: HashMap<i64, (f64, Instant)>,
    /// Sends to each group in the last minute, oldest first.
    groups: HashMap<i64, VecDeque<Instant>>,
    /// After a 429: nothing goes before this.
    frozen_until: Option<Instant>,
}

impl Pacer {
    pub fn new(limits: TelegramLimits) -> Self {
        Self {
            limits,
            overall: VecDeque::new(),
            left: VecDeque::new(),
            next_overall: None,
            private: HashMap::new(),
            groups: HashMap::new(),
            frozen_until: None,
        }
    }

    /// Takes a place for a message to `chat` at `now` if one is free; otherwise says when to ask again.
    /// The chat's own count is taken when the request leaves ([`Pacer::leave`]).
    pub fn take(&mut self, chat: i64, now: Instant) -> Result<(), Instant> {
        let ready = self.ready_at(chat, now);
        if ready > now {
            return Err(ready);
        }
        self.place(now);
        Ok(())
    }

    /// Books the first place for a message to `chat` that someone is waiting for, ahead of bulk
    /// messages (which only [`Pacer::take`] a place free now): returns when it may go, or `Err` with
    /// that moment, booking nothing, if it is further off than `at_most`.
    pub fn book(&mut self, chat: i64, now: Instant, at_most: Duration) -> Result<Instant, Instant> {
        let at = self.ready_at(chat, now);
        if at.saturating_duration_since(now) > at_most {
            return Err(at);
        }
        self.place(at);
        Ok(at)
    }

    /// The earliest moment a message to `chat` may go (`now` if it may go at once).
    pub fn ready_at(&mut self, chat: i64, now: Instant) -> Instant {
        self.forget_before(now);
        let mut at = now;
        if let Some(until) = self.frozen_until {
            at = at.max(until);
        }
        if let Some(oldest) = nth_newest(&self.overall, self.limits.overall_per_second) {
            at = at.max(oldest + SECOND);
        }
        if let Some(next) = self.next_overall {
            at = at.max(next);
        }
        if is_group(chat) {
            if let Some(oldest) = self.groups.get(&chat).and_then(|sent| nth_newest(sent, self.limits.group_per_minute))
            {
                at = at.max(oldest + MINUTE);
            }
        } else if let Some(tokens) = self.tokens(chat, now)
            && tokens < 1.0
        {
            at = at.max(now + self.limits.chat_every.mul_f64(1.0 - tokens));
        }
        at
    }

    /// A place in the overall pace, at `at`. Places keep to a grid: one taken a little after its
    /// moment (a timer that fired late) does not push every later place back; the door
    /// ([`Pacer::leave`]) holds any that would then leave bunched.
    fn place(&mut self, at: Instant) {
        self.overall.push_back(at);
        let every = self.limits.overall_every;
        let from = self.next_overall.filter(|next| at < *next + every).unwrap_or(at);
        self.next_overall = Some(from + every);
    }

    /// A request to `chat`, whose place was taken, is leaving at `now`: `Err` with when it may, if
    /// `overall_per_second` requests already left in the last second (tasks that woke late, on a busy
    /// machine, would otherwise leave bunched). The chat's own count is taken here, when the request
    /// really goes, not at its place: between the two it may wait its turn among the copies, and a
    /// count taken early would let the chat's next message follow too closely. Only one message to a
    /// chat is on its way at a time, so no other place for the chat is taken meanwhile.
    pub fn leave(&mut self, chat: i64, now: Instant) -> Result<(), Instant> {
        while self.left.front().is_some_and(|t| *t + SECOND <= now) {
            self.left.pop_front();
        }
        if let Some(oldest) = nth_newest(&self.left, self.limits.overall_per_second) {
            return Err(oldest + SECOND);
        }
        self.left.push_back(now);
        self.count_for_chat(chat, now);
        Ok(())
    }

    /// A message already went to `chat` at `at` (recorded by the last run): it counts as placed and
    /// as left.
    pub fn remember(&mut self, chat: i64, at: Instant) {
        self.place(at);
        self.left.push_back(at);
        self.count_for_chat(chat, at);
    }

    /// A message this pacer did not see may have gone to `chat` (another copy's, found at `now`, or one
    /// the last run had on its way when it stopped): it counts against the chat's own limit, as if it
    /// had just gone.
    pub fn sent_unseen(&mut self, chat: i64, now: Instant) {
        self.count_for_chat(chat, now);
    }

    fn count_for_chat(&mut self, chat: i64, at: Instant) {
        if is_group(chat) {
            self.groups.entry(chat).or_default().push_back(at);
        } else {
            let tokens = self.tokens(chat, at).unwrap_or(f64::from(self.limits.chat_burst));
            self.private.insert(chat, (tokens - 1.0, at));
        }
    }

    /// Telegram said "retry after": nothing goes to anyone until then.
    pub fn freeze_until(&mut self, until: Instant) {
        self.frozen_until = Some(self.frozen_until.map_or(until, |old| old.max(until)));
    }

    /// What a private chat may take at `now`; `None` if it has a full burst (it is not remembered).
    fn tokens(&self, chat: i64, now: Instant) -> Option<f64> {
        let (tokens, at) = self.private.get(&chat)?;
        let refilled = now.saturating_duration_since(*at).as_secs_f64() / self.limits.chat_every.as_secs_f64();
        Some((tokens + refilled).min(f64::from(self.limits.chat_burst)))
    }

    fn forget_before(&mut self, now: Instant) {
        for sent in [&mut self.overall, &mut self.left] {
            while sent.front().is_some_and(|t| *t + SECOND <= now) {
                sent.pop_front();
            }
        }
        let burst = f64::from(self.limits.chat_burst);
        let every = self.limits.chat_every;
        self.private.retain(|_, (tokens, at)| {
            let refilled = now.saturating_duration_since(*at).as_secs_f64() / every.as_secs_f64();
            *tokens + refilled < burst
        });
        self.groups.retain(|_, sent| {
            while sent.front().is_some_and(|t| *t + MINUTE <= now) {
                sent.pop_front();
            }
            !sent.is_empty()
        });
        if self.frozen_until.is_some_and(|until| until <= now) {
            self.frozen_until = None;
        }
        if self.next_overall.is_some_and(|next| next + self.limits.overall_every <= now) {
            self.next_overall = None;
        }
    }

    /// How long a restart waits if the last run sent anything just before: Telegram still counts
    /// those sends, and this pacer never saw them (a chat's burst takes this long to come back).
    pub fn memory(&self) -> Duration {
        self.limits.chat_every.mul_f64(f64::from(self.limits.chat_burst)).max(SECOND)
    }
}

/// Telegram's chat ids for groups and channels are negative; a private chat's is the person's user id.
fn is_group(chat: i64) -> bool {
    chat < 0
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
        Pacer::new(TelegramLimits { chat_every: SECOND, ..TelegramLimits::default() }.overall(3))
    }

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_first_message_goes_at_once() {
        let now = Instant::now();
        assert_eq!(pacer().ready_at(1, now), now);
        assert_eq!(pacer().take(1, now), Ok(()));
    }

    #[test]
    fn a_private_chat_takes_a_burst_of_three_then_one_a_second() {
        let start = Instant::now();
        let limits = TelegramLimits { chat_every: SECOND, ..TelegramLimits::default() }.overall(1000);
        let mut pacer = Pacer::new(limits);
        for n in 0..3 {
            assert_eq!(pacer.take(1, start + ms(n)), Ok(()), "message {n} of the burst");
            assert_eq!(pacer.leave(1, start + ms(n)), Ok(()));
        }
        let fourth = pacer.take(1, start + ms(3)).expect_err("the fourth waits");
        assert!(fourth > start + ms(990) && fourth <= start + SECOND + ms(2), "{:?}", fourth - start);
        assert_eq!(pacer.ready_at(2, start + ms(3)), start + ms(3), "other chats are not held up");
        assert_eq!(pacer.take(1, fourth), Ok(()));
        assert_eq!(pacer.leave(1, fourth), Ok(()));
        let fifth = pacer.ready_at(1, fourth);
        assert_eq!(fifth - fourth, SECOND, "then one a second");
    }

    #[test]
    fn a_booked_place_goes_ahead_of_messages_waiting_to_take_one() {
        let start = Instant::now();
        let mut pacer = pacer();
        assert_eq!(pacer.take(1, start), Ok(()));
        let third = SECOND / 3;
        assert_eq!(pacer.book(2, start, SECOND), Ok(start + third), "the next place is booked");
        assert_eq!(pacer.take(3, start + third), Err(start + third * 2), "a bulk message waits behind it");
        assert_eq!(pacer.book(4, start, ms(100)), Err(start + third * 2), "too far off: nothing booked");
        assert_eq!(pacer.take(3, start + third * 2), Ok(()));
    }

    #[test]
    fn the_shipped_pace_refills_a_little_slower_than_telegram() {
        let limits = TelegramLimits::default();
        assert!(limits.chat_every > SECOND && limits.chat_every < ms(1100));
        assert!(limits.overall_per_second < 30);
        assert!(limits.overall_every * limits.overall_per_second > SECOND, "places are spread wider than the count");
    }

    #[test]
    fn a_chat_is_counted_from_when_its_message_left_not_from_its_place() {
        let start = Instant::now();
        let mut pacer = Pacer::new(TelegramLimits { chat_every: SECOND, chat_burst: 1, ..TelegramLimits::default() });
        assert_eq!(pacer.take(1, start), Ok(()));
        // It waited its turn among the copies before it went.
        assert_eq!(pacer.leave(1, start + ms(400)), Ok(()));
        assert_eq!(pacer.ready_at(1, start + ms(500)), start + ms(1400), "a second after it left");
    }

    #[test]
    fn a_place_taken_late_does_not_push_the_next_ones_back() {
        let start = Instant::now();
        let mut pacer = pacer();
        let third = SECOND / 3;
        assert_eq!(pacer.take(1, start), Ok(()));
        assert_eq!(pacer.take(2, start + third + ms(2)), Ok(()), "taken 2 ms after its moment");
        assert_eq!(pacer.ready_at(3, start + third + ms(2)), start + third * 2, "the next keeps its moment");
        assert_eq!(pacer.take(4, start + SECOND * 5), Ok(()), "after a quiet spell");
        assert_eq!(pacer.ready_at(5, start + SECOND * 5), start + SECOND * 5 + third, "the grid starts again");
    }

    #[test]
    fn requests_that_leave_late_are_held_at_the_door_not_bunched() {
        let start = Instant::now();
        let mut pacer = pacer();
        // Three places given out a third of a second apart, but the tasks woke late and leave together.
        for n in 0..3 {
            assert_eq!(pacer.leave(n as i64, start + SECOND + ms(n)), Ok(()), "request {n}");
        }
        assert_eq!(
            pacer.leave(9, start + SECOND + ms(3)),
            Err(start + SECOND * 2),
            "a fourth in the same second waits"
        );
        assert_eq!(pacer.leave(9, start + SECOND * 2), Ok(()), "and goes once the first is a second old");
    }

    #[test]
    fn what_other_copies_sent_to_a_chat_counts_against_its_burst() {
        let start = Instant::now();
        let mut pacer = Pacer::new(TelegramLimits { chat_every: SECOND, ..TelegramLimits::default() }.overall(1000));
        for _ in 0..3 {
            pacer.sent_unseen(7, start);
        }
        assert_eq!(pacer.ready_at(7, start), start + SECOND, "the chat's burst was used up elsewhere");
        assert_eq!(pacer.ready_at(8, start), start, "other chats are not held up, nor the overall count");
    }

    #[test]
    fn what_the_last_run_sent_counts_at_the_door_too() {
        let start = Instant::now();
        let mut pacer = pacer();
        for chat in 1..=3 {
            pacer.remember(chat, start);
        }
        assert_eq!(pacer.leave(9, start + ms(10)), Err(start + SECOND));
        assert_eq!(pacer.ready_at(9, start + ms(10)), start + SECOND);
    }

    #[test]
    fn a_quiet_chat_gets_its_burst_back_and_is_forgotten() {
        let start = Instant::now();
        let mut pacer = pacer();
        for n in 0..3 {
            pacer.remember(1, start + ms(n));
        }
        assert_eq!(pacer.ready_at(1, start + SECOND * 4), start + SECOND * 4);
        assert!(pacer.private.is_empty(), "a full burst is not remembered");
    }

    #[test]
    fn the_overall_limit_counts_every_chat() {
        let start = Instant::now();
        let mut pacer = pacer();
        for chat in 1..=3 {
            pacer.remember(chat, start + ms(chat as u64 * 100));
        }
        assert_eq!(pacer.ready_at(9, start + ms(400)), start + ms(1100), "the oldest of three leaves the second");
        assert_eq!(pacer.ready_at(9, start + ms(1100)), start + ms(1100));
    }

    #[test]
    fn sends_are_spread_through_the_second() {
        let start = Instant::now();
        let mut pacer = pacer();
        assert_eq!(pacer.take(1, start), Ok(()));
        let third_of_a_second = SECOND / 3;
        assert_eq!(pacer.take(2, start), Err(start + third_of_a_second), "not at once, though the second has room");
        assert_eq!(pacer.take(2, start + third_of_a_second), Ok(()));
    }

    #[test]
    fn twenty_a_minute_to_a_group_but_not_to_a_private_chat() {
        let start = Instant::now();
        let mut pacer = Pacer::new(TelegramLimits::default().overall(100));
        for n in 0..20 {
            pacer.remember(-100, start + SECOND * n);
            pacer.remember(7, start + SECOND * n * 2);
        }
        let now = start + SECOND * 40;
        assert_eq!(pacer.ready_at(-100, now), start + MINUTE, "the 21st waits for the first to be a minute old");
        assert_eq!(pacer.ready_at(7, now), now, "a private chat at one a second is never held a minute");
    }

    #[test]
    fn a_retry_after_pauses_everyone_until_it_ends() {
        let start = Instant::now();
        let mut pacer = pacer();
        pacer.freeze_until(start + SECOND * 5);
        pacer.freeze_until(start + SECOND * 2);
        assert_eq!(pacer.ready_at(1, start), start + SECOND * 5, "a shorter pause never shortens a longer one");
        assert_eq!(pacer.take(2, start + SECOND), Err(start + SECOND * 5));
        assert_eq!(pacer.ready_at(1, start + SECOND * 6), start + SECOND * 6);
    }

    #[test]
    fn old_sends_are_forgotten() {
        let start = Instant::now();
        let mut pacer = pacer();
        for chat in 0..1000 {
            pacer.remember(chat, start);
            pacer.remember(-chat - 1, start);
        }
        pacer.ready_at(1, start + MINUTE * 2);
        assert!(
            pacer.overall.is_empty() && pacer.left.is_empty() && pacer.private.is_empty() && pacer.groups.is_empty()
        );
    }
}
