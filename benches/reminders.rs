//! A morning's reminders for many children, all due at 09:00, through the fake Bot API with Telegram's
//! limits enforced, the bot running as in production, and every request taking a set time on the
//! network (0 ms, then 100 ms, as Telegram 50–100 ms away does). Fails unless every child gets exactly
//! their one reminder. Prints, at each latency, messages a second (as a share of Telegram's 30/s),
//! 429s, the delay from 09:00 to each reminder arriving (p50/p99) and peak memory.
//! Run with `cargo bench --bench reminders` (BENCH_CHILDREN=1000 for a quick run, BENCH_LATENCIES=100
//! for one latency).

mod common;
#[path = "../tests/support/db.rs"]
mod db;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use touchbase::app::{App, AppOptions};
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let children = common::env_number("BENCH_CHILDREN", 10_000);
    for latency in common::latencies() {
        morning(children, latency).await;
    }
    println!("peak memory (RSS):     {} MB (bot and fake in one process)", common::peak_rss_mb());
}

async fn morning(children: i64, latency_ms: u64) {
    let common::Service { fake, url, settings, db: _db, dir: _dir } = common::Service::start_at(latency_ms).await;

    // Every child has a 10:00 appointment; their one-hour reminders are all due at 09:00.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    let caseload =
        seed::Caseload { first_user_id: FIRST_USER_ID, children, worker_user_id: FIRST_USER_ID - 1, workers: 1 };
    caseload.seed(&store, nine.timestamp(), nine.timestamp() + 3600).await;
    fake.open_chats(caseload.child_user_ids());
    store.close().await;

    // The bot starts a little before nine, and its clock runs with real time.
    let time = common::RunningClock::start(nine - chrono::Duration::seconds(5));
    let app = App::build_with(settings, Arc::new(time.clock.clone()), AppOptions::default()).await.expect("app");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    let to_children = || fake.delivered().iter().filter(|(_, chat, _)| *chat >= FIRST_USER_ID).count() as i64;
    // Telegram's pace sets the time: about 28 a second for a lone copy on SQLite, 20 for the copies'
    // shared pace on PostgreSQL; this allows 15 a second, with two minutes to spare.
    let limit = Duration::from_secs(children as u64 / 15 + 120);
    common::wait_for(limit, "every reminder arrived", || (to_children(), children)).await;
    let _ = stop.send(());
    running.await.expect("the bot task").expect("the bot stops cleanly");

    let due = time.instant_of(nine);
    let delivered: Vec<_> = fake.delivered().into_iter().filter(|(_, chat, _)| *chat >= FIRST_USER_ID).collect();
    let mut per_child: HashMap<i64, usize> = HashMap::new();
    for (_, chat, _) in &delivered {
        *per_child.entry(*chat).or_default() += 1;
    }
    assert_eq!(per_child.len() as i64, children, "every child got their reminder");
    assert!(per_child.values().all(|n| *n == 1), "and only one");
    assert!(delivered.iter().all(|(at, _, _)| *at >= due), "nothing went before it was due");
    let mut delays: Vec<f64> = delivered.iter().map(|(at, _, _)| at.duration_since(due).as_secs_f64()).collect();
    delays.sort_by(|a, b| a.total_cmp(b));
    let first = delivered.iter().map(|(at, _, _)| *at).min().expect("something was sent");
    let last = delivered.iter().map(|(at, _, _)| *at).max().expect("something was sent");
    let span = last.duration_since(first).as_secs_f64();
    let rate = if span > 0.0 { (delivered.len() - 1) as f64 / span } else { 0.0 };
    let percentile = |p: f64| common::percentile(&delays, p);
    println!("== {latency_ms} ms per request");
    println!("reminders arrived:     {} of {children}, one each", delivered.len());
    println!("messages per second:   {rate:.2} ({:.1}% of Telegram's 30/s)", rate / 30.0 * 100.0);
    println!("429s from the fake:    {}", fake.too_many_requests());
    println!("due-to-arrived delay:  p50 {:.1} s, p99 {:.1} s", percentile(0.5), percentile(0.99));
}
