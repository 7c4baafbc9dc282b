//! People before bulk: while a burst of reminders goes out (BENCH_CHILDREN, 5,000 by default, at
//! Telegram's 30 a second), 500 children of 50 workers tap "I can't make it" on an earlier reminder,
//! five taps a second. Prints the delay from each tap to its worker's notice arriving (p50/p99), and
//! the burst's pace, through the fake Bot API with Telegram's limits enforced, every request taking
//! 0 ms and then 100 ms on the network, and the bot running as in production. Fails unless every
//! worker gets exactly one notice per tap, every tapped reminder is edited, and every reminder of the
//! burst arrives. Run with `cargo bench --bench taps` (BENCH_TAPPERS, BENCH_WORKERS, BENCH_LATENCIES
//! to vary).

mod common;
#[path = "../tests/support/db.rs"]
mod db;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use tokio::time::Instant;
use touchbase::app::{App, AppOptions};
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let tappers = common::env_number("BENCH_TAPPERS", 500);
    let workers = common::env_number("BENCH_WORKERS", 50);
    let burst = common::env_number("BENCH_CHILDREN", 5_000);
    for latency in common::latencies() {
        taps_during_a_burst(tappers, workers, burst, latency).await;
    }
    println!("peak memory (RSS):             {} MB (bot and fake in one process)", common::peak_rss_mb());
}

async fn taps_during_a_burst(tappers: i64, workers: i64, burst: i64, latency_ms: u64) {
    let common::Service { fake, url, settings, db: _db, dir: _dir } = common::Service::start_at(latency_ms).await;

    // The first `tappers` children's reminders are due at 09:00; the burst's at 09:00:30.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let burst_due = nine + chrono::Duration::seconds(30);
    let store = Store::open(&url).await.expect("store");
    let children = tappers + burst;
    let caseload =
        seed::Caseload { first_user_id: FIRST_USER_ID, children, worker_user_id: FIRST_USER_ID - 1, workers };
    let due = |n: i64| if n < tappers { nine.timestamp() } else { burst_due.timestamp() };
    caseload.seed_each(&store, due, nine.timestamp() + 3600).await;
    fake.open_chats(caseload.child_user_ids().chain(caseload.worker_user_ids()));
    store.close().await;

    let time = common::RunningClock::start(nine - chrono::Duration::seconds(2));
    let app = App::build_with(settings, Arc::new(time.clock.clone()), AppOptions::default()).await.expect("app");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let is_tapper = |chat: i64| (FIRST_USER_ID..FIRST_USER_ID + tappers).contains(&chat);
    let is_burst = |chat: i64| chat >= FIRST_USER_ID + tappers;
    let reminded =
        || (fake.messages_from_bot_per_chat().keys().filter(|chat| is_tapper(**chat)).count() as i64, tappers);
    common::wait_for(Duration::from_secs(tappers as u64 / 20 + 60), "the tappers' reminders are out", reminded).await;
    // The burst is under way: then the taps come, five a second.
    tokio::time::sleep_until(time.instant_of(burst_due) + Duration::from_secs(3)).await;
    let burst_sent_before_taps = fake.delivered().iter().filter(|(_, chat, _)| is_burst(*chat)).count();

    let mut tapped_at = std::collections::HashMap::new();
    let first_tap = Instant::now();
    for (n, child) in caseload.child_user_ids().take(tappers as usize).enumerate() {
        tokio::time::sleep_until(first_tap + Duration::from_millis(200) * n as u32).await;
        fake.phone(child, "Child").tap("I can't make it");
        tapped_at.insert(child, Instant::now());
    }
    let last_tap = Instant::now();
    let burst_sent_during_taps =
        fake.delivered().iter().filter(|(at, chat, _)| is_burst(*chat) && *at >= first_tap).count();
    let notices = || {
        let to_workers = fake.delivered().into_iter().filter(|(at, chat, _)| *at >= first_tap && *chat < FIRST_USER_ID);
        (to_workers.count() as i64, tappers)
    };
    common::wait_for(Duration::from_secs(120), "every worker has every notice", notices).await;
    let edited =
        || (fake.edits().iter().filter(|(at, chat)| *at >= first_tap && is_tapper(*chat)).count() as i64, tappers);
    common::wait_for(Duration::from_secs(120), "every tapped reminder shows its answer", edited).await;
    let burst_out = || (fake.delivered().iter().filter(|(_, chat, _)| is_burst(*chat)).count() as i64, burst);
    common::wait_for(Duration::from_secs(burst as u64 / 20 + 120), "the whole burst arrived", burst_out).await;
    let _ = stop.send(());
    running.await.expect("the bot task").expect("the bot stops cleanly");

    // Each child's notice names them; its delay is from that child's tap to its arrival.
    let delivered = fake.delivered();
    let mut delays = Vec::new();
    for (n, child) in caseload.child_user_ids().take(tappers as usize).enumerate() {
        let name = format!("child{n:05}");
        let worker = caseload.worker_of(n as i64);
        let tapped = tapped_at[&child];
        let about: Vec<_> = delivered
            .iter()
            .filter(|(at, chat, text)| *at >= tapped && *chat == worker && text.contains(&name))
            .collect();
        assert_eq!(about.len(), 1, "one notice about {name}");
        delays.push(about[0].0.duration_since(tapped).as_secs_f64());
    }
    delays.sort_by(|a, b| a.total_cmp(b));
    let tap_seconds = last_tap.duration_since(first_tap).as_secs_f64();
    let burst_times: Vec<Instant> =
        delivered.iter().filter(|(_, chat, _)| is_burst(*chat)).map(|(at, _, _)| *at).collect();
    let burst_span = burst_times.iter().max().unwrap().duration_since(*burst_times.iter().min().unwrap());
    println!("== {latency_ms} ms per request");
    println!("burst of reminders:            {burst} at {:.1} a second", burst as f64 / burst_span.as_secs_f64());
    println!(
        "taps meanwhile:                {tappers} from {workers} workers' children over {tap_seconds:.0} s \
         ({burst_sent_before_taps} of the burst out before, {burst_sent_during_taps} since)"
    );
    println!("429s from the fake:            {}", fake.too_many_requests());
    println!(
        "tap to worker's notice:        p50 {:.2} s, p99 {:.2} s, worst {:.2} s",
        common::percentile(&delays, 0.5),
        common::percentile(&delays, 0.99),
        delays.last().copied().unwrap_or(0.0)
    );
}
