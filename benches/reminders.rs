//! A morning's reminders for many children through the fake Bot API with Telegram's limits enforced.
//! Prints messages a second (as a share of Telegram's 30/s), 429s, due-to-sent delay p50/p99 and peak
//! memory. Run with `cargo bench --bench reminders` (BENCH_CHILDREN=1000 for a quick run).

mod common;
#[path = "../tests/support/db.rs"]
mod db;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::sync::Arc;
use tokio::time::Instant;

use chrono::{TimeZone, Utc};
use touchbase::app::{App, AppOptions};
use touchbase::clock::ManualClock;
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let children = common::env_number("BENCH_CHILDREN", 10_000);
    let common::Service { fake, url, settings, db: _db, dir: _dir } = common::Service::start().await;
    fake.enforce_telegram_limits();

    // Every child has a 10:00 appointment; their one-hour reminders are all due at 09:00.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    let caseload =
        seed::Caseload { first_user_id: FIRST_USER_ID, children, worker_user_id: FIRST_USER_ID - 1, workers: 1 };
    caseload.seed(&store, nine.timestamp(), nine.timestamp() + 3600).await;
    fake.open_chats(caseload.child_user_ids());
    store.close().await;

    let clock = ManualClock::new(nine);
    let app = App::build_with(settings, Arc::new(clock), AppOptions::default()).await.expect("app");
    let started = Instant::now();
    loop {
        let ran = app.run_due_jobs().await.expect("jobs");
        let sent = app.deliver_messages().await.expect("send");
        if ran == 0 && sent == 0 {
            break;
        }
    }
    let accepted = fake.accepted_at();
    let mut delays: Vec<f64> = accepted.iter().map(|at| at.duration_since(started).as_secs_f64()).collect();
    delays.sort_by(|a, b| a.total_cmp(b));
    let span = accepted.last().map(|last| last.duration_since(accepted[0]).as_secs_f64()).unwrap_or(0.0);
    let rate = if span > 0.0 { (accepted.len() - 1) as f64 / span } else { 0.0 };
    let percentile = |p: f64| common::percentile(&delays, p);
    println!("reminders sent:        {} of {children}", accepted.len());
    println!("messages per second:   {rate:.2} ({:.1}% of Telegram's 30/s)", rate / 30.0 * 100.0);
    println!("429s from the fake:    {}", fake.too_many_requests());
    println!("due-to-sent delay:     p50 {:.1} s, p99 {:.1} s", percentile(0.5), percentile(0.99));
    println!("peak memory (RSS):     {} MB (bot and fake in one process)", common::peak_rss_mb());
}
