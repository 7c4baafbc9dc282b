//! A worker on a bus enrols 30 children, one after another, each command sent as soon as the reply to
//! the last one arrives, while a burst of reminders goes out (BENCH_CHILDREN, 2,000 by default; 0 for
//! none). Prints each reply's delay (p50, worst) and the whole run's length, through the fake Bot API
//! with Telegram's limits enforced, every request taking 0 ms and then 100 ms on the network, and the
//! bot running as in production. Fails unless every command gets its reply and the burst arrives.
//! Run with `cargo bench --bench commands` (BENCH_COMMANDS, BENCH_LATENCIES to vary).

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
const WORKER: i64 = FIRST_USER_ID - 1;

#[tokio::main]
async fn main() {
    let commands = common::env_number("BENCH_COMMANDS", 30);
    let burst = common::env_number("BENCH_CHILDREN", 2_000);
    for latency in common::latencies() {
        enrol_in_a_row(commands, burst, latency).await;
    }
    println!("peak memory (RSS):             {} MB (bot and fake in one process)", common::peak_rss_mb());
}

async fn enrol_in_a_row(commands: i64, burst: i64, latency_ms: u64) {
    let common::Service { fake, url, settings, db: _db, dir: _dir } = common::Service::start_at(latency_ms).await;
    // The burst's reminders are due at 09:00; the worker starts enrolling a few seconds after.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    let caseload = seed::Caseload { first_user_id: FIRST_USER_ID, children: burst, worker_user_id: WORKER, workers: 1 };
    caseload.seed(&store, nine.timestamp(), nine.timestamp() + 3600).await;
    fake.open_chats(caseload.child_user_ids().chain([WORKER]));
    store.close().await;

    let time = common::RunningClock::start(nine - chrono::Duration::seconds(1));
    let app = App::build_with(settings, Arc::new(time.clock.clone()), AppOptions::default()).await.expect("app");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    tokio::time::sleep_until(time.instant_of(nine) + Duration::from_secs(3)).await;

    let worker = fake.phone(WORKER, "Worker");
    let mut delays = Vec::new();
    let started = Instant::now();
    for n in 0..commands {
        let before = worker.texts().len();
        let asked = Instant::now();
        worker.send_text(&format!("/enrol Newchild{n:02}"));
        common::wait_for(Duration::from_secs(60), "the reply arrived", || {
            (worker.texts().len() as i64, before as i64 + 1)
        })
        .await;
        let reply = worker.texts()[before].clone();
        assert!(reply.starts_with(&format!("Newchild{n:02} is enrolled")), "{reply}");
        delays.push(asked.elapsed().as_secs_f64());
    }
    let all = started.elapsed().as_secs_f64();
    let burst_during = fake.delivered().iter().filter(|(at, chat, _)| *at >= started && *chat >= FIRST_USER_ID).count();
    let to_children = || (fake.delivered().iter().filter(|(_, chat, _)| *chat >= FIRST_USER_ID).count() as i64, burst);
    common::wait_for(Duration::from_secs(burst as u64 / 20 + 120), "the whole burst arrived", to_children).await;
    let _ = stop.send(());
    running.await.expect("the bot task").expect("the bot stops cleanly");

    let mut sorted = delays.clone();
    sorted.sort_by(|a, b| a.total_cmp(b));
    println!("== {latency_ms} ms per request");
    println!(
        "commands in a row:             {commands} /enrol, {all:.1} s in all ({burst_during} reminders of a {burst} burst went meanwhile)"
    );
    println!("429s from the fake:            {}", fake.too_many_requests());
    println!(
        "command to its reply:          p50 {:.2} s, worst {:.2} s (the {}th)",
        common::percentile(&sorted, 0.5),
        sorted.last().copied().unwrap_or(0.0),
        delays.iter().position(|d| Some(d) == sorted.last()).map_or(0, |i| i + 1)
    );
}
