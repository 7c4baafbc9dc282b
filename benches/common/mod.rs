//! Figures shared by the benchmarks.
#![allow(dead_code)]

/// The process's peak resident memory so far, in MB (Linux; 0 elsewhere).
pub fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// A number from the environment (BENCH_CHILDREN=1000 for a quick run), or `default`.
pub fn env_number(name: &str, default: i64) -> i64 {
    std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// The latencies (ms per Bot API request) to measure at: BENCH_LATENCIES=0,100 by default.
pub fn latencies() -> Vec<u64> {
    let list = std::env::var("BENCH_LATENCIES").unwrap_or_else(|_| "0,100".into());
    list.split(',').filter_map(|n| n.trim().parse().ok()).collect()
}

/// The `p` quantile (0..=1) of sorted values, nearest rank.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
}

/// A fake Bot API, a fresh database (a SQLite file, or a PostgreSQL database when
/// TOUCHBASE_TEST_POSTGRES names a server, as for the tests), and settings that point the bot at both.
pub struct Service {
    pub fake: crate::fake_telegram::FakeTelegram,
    pub url: String,
    pub settings: touchbase::config::Settings,
    pub db: crate::db::TestDb,
    pub dir: tempfile::TempDir,
}

impl Service {
    /// With the fake Bot API answering every request after `latency_ms`, and keeping Telegram's limits.
    pub async fn start_at(latency_ms: u64) -> Service {
        let service = Service::start().await;
        service.fake.set_latency(std::time::Duration::from_millis(latency_ms));
        service.fake.enforce_telegram_limits();
        service
    }

    pub async fn start() -> Service {
        let fake = crate::fake_telegram::FakeTelegram::start().await;
        let dir = tempfile::tempdir().expect("temporary directory");
        let db = crate::db::TestDb::new(dir.path(), "bench.db").await;
        let url = db.url.clone();
        println!("database: {}", if db.is_postgres() { "PostgreSQL" } else { "SQLite" });
        let env: std::collections::HashMap<&str, String> = std::collections::HashMap::from([
            ("TELOXIDE_TOKEN", crate::fake_telegram::TOKEN.to_owned()),
            ("TELOXIDE_API_URL", fake.api_url().to_string()),
            ("DATABASE_URL", url.clone()),
        ]);
        let settings = touchbase::config::Settings::from_lookup(|name| env.get(name).cloned()).expect("settings");
        Service { fake, url, settings, db, dir }
    }

    /// The database's size on disk (with SQLite's write-ahead log), in MB.
    pub async fn database_mb(&self) -> u64 {
        if self.db.is_postgres() {
            let store = touchbase::store::Store::connect(&self.url).await.expect("database");
            let mut conn = store.connection().await.expect("connection");
            let (bytes,): (i64,) = sqlx::query_as("SELECT CAST(pg_database_size(current_database()) AS BIGINT)")
                .fetch_one(&mut *conn)
                .await
                .expect("size");
            return bytes as u64 / (1024 * 1024);
        }
        let size = |name: &str| std::fs::metadata(self.dir.path().join(name)).map(|m| m.len()).unwrap_or(0);
        (size("bench.db") + size("bench.db-wal")) / (1024 * 1024)
    }
}

/// The bot's clock, running with real time from a chosen moment, so what is due at a clock time comes
/// due at a real instant the benchmark can measure from.
pub struct RunningClock {
    pub clock: touchbase::clock::ManualClock,
    began: tokio::time::Instant,
    start: chrono::DateTime<chrono::Utc>,
    ticker: tokio::task::JoinHandle<()>,
}

impl RunningClock {
    /// Starts at `start` now, and moves on with real time.
    pub fn start(start: chrono::DateTime<chrono::Utc>) -> RunningClock {
        let clock = touchbase::clock::ManualClock::new(start);
        let began = tokio::time::Instant::now();
        let ticking = clock.clone();
        let ticker = tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                let elapsed = chrono::Duration::from_std(began.elapsed()).unwrap_or_default();
                ticking.set(start + elapsed);
            }
        });
        RunningClock { clock, began, start, ticker }
    }

    /// The real instant at which this clock shows `at`.
    pub fn instant_of(&self, at: chrono::DateTime<chrono::Utc>) -> tokio::time::Instant {
        self.began + (at - self.start).to_std().expect("a moment after the clock started")
    }
}

impl Drop for RunningClock {
    fn drop(&mut self) {
        self.ticker.abort();
    }
}

/// Waits until `done` holds, checking every 50 ms; fails, saying `what` and how far it got, after `limit`.
pub async fn wait_for(
    limit: std::time::Duration,
    what: &str,
    mut progress: impl FnMut() -> (i64, i64),
) -> tokio::time::Instant {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let (done, of) = progress();
        if done >= of {
            return tokio::time::Instant::now();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {limit:?} waiting until {what}: {done} of {of}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}
