//! The one place that reads the time: every rule that depends on "now" asks a `Clock`.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

/// Where "now" comes from. The bot uses [`SystemClock`]; tests use [`ManualClock`] to move time.
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> DateTime<Utc>;
}

/// The real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // the one place the system clock is read
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Real time in Unix milliseconds, whatever clock the rules use: copies of the bot on several machines
/// share Telegram's rate limit by it (see `store::copies::take_turn`). Not for rules about appointments.
#[allow(clippy::disallowed_methods)] // Telegram's limits are in real time, even in tests that move time
pub fn wall_millis() -> i64 {
    Utc::now().timestamp_millis()
}

/// A clock that only moves when told to, shared between a test and the app it drives.
#[derive(Debug, Clone)]
pub struct ManualClock {
    now: Arc<Mutex<DateTime<Utc>>>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self { now: Arc::new(Mutex::new(start)) }
    }

    pub fn set(&self, to: DateTime<Utc>) {
        *self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
    }

    pub fn advance(&self, by: Duration) {
        let mut now = self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *now += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
