//! 500 children (20 on each of 25 workers' caseloads) tap "I can't make it" on their reminder at the
//! same moment; prints the delay from each tap to its worker's notice arriving, p50/p99, through the
//! fake Bot API with Telegram's limits enforced and the bot running as in production (polling and
//! sending side by side). Fails unless every worker gets exactly one notice per tap and every tapped
//! reminder is edited; counts the messages and edits it reports. Run with `cargo bench --bench taps`
//! (BENCH_CHILDREN, BENCH_WORKERS to vary).

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
use touchbase::clock::ManualClock;
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let children = common::env_number("BENCH_CHILDREN", 500);
    let workers = common::env_number("BENCH_WORKERS", 25);
    let common::Service { fake, url, settings, db: _db, dir: _dir } = common::Service::start().await;
    fake.enforce_telegram_limits();

    // Everyone's reminder went at 09:00 for a 10:00 appointment; at 09:05 they all answer at once.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    let caseload =
        seed::Caseload { first_user_id: FIRST_USER_ID, children, worker_user_id: FIRST_USER_ID - 1, workers };
    caseload.seed(&store, nine.timestamp(), nine.timestamp() + 3600).await;
    fake.open_chats(caseload.child_user_ids().chain(caseload.worker_user_ids()));
    store.close().await;

    let clock = ManualClock::new(nine);
    let app = App::build_with(settings, Arc::new(clock.clone()), AppOptions::default()).await.expect("app");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let reminded = || (fake.messages_from_bot_per_chat().len() as i64, children);
    common::wait_for(Duration::from_secs(children as u64 / 25 + 120), "every reminder is out", reminded).await;
    // From now on the bot's clock runs with real time, so anything put off for Telegram's limits
    // comes due when it should.
    let five_past = nine + chrono::Duration::minutes(5);
    let real_start = Instant::now();
    clock.set(five_past);
    let ticking = clock.clone();
    let ticker = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let elapsed = chrono::Duration::from_std(real_start.elapsed()).unwrap_or_default();
            ticking.set(five_past + elapsed);
        }
    });

    let mut tapped_at = std::collections::HashMap::new();
    let first_tap = Instant::now();
    for child in caseload.child_user_ids() {
        fake.phone(child, "Child").tap("I can't make it");
        tapped_at.insert(child, Instant::now());
    }
    let notices = || {
        let to_workers = fake.delivered().into_iter().filter(|(at, chat, _)| *at >= first_tap && *chat < FIRST_USER_ID);
        (to_workers.count() as i64, children)
    };
    common::wait_for(Duration::from_secs(600), "every worker has every notice", notices).await;
    // The tapped reminders are edited to show the answer: wait for those too, to count them.
    let edited = || {
        (fake.edits().iter().filter(|(at, chat)| *at >= first_tap && *chat >= FIRST_USER_ID).count() as i64, children)
    };
    common::wait_for(Duration::from_secs(120), "every tapped reminder shows its answer", edited).await;
    ticker.abort();
    let _ = stop.send(());
    running.await.expect("the bot task").expect("the bot stops cleanly");

    // Each child's notice names them; its delay is from that child's tap to its arrival.
    let delivered = fake.delivered();
    let mut delays = Vec::new();
    for (n, child) in caseload.child_user_ids().enumerate() {
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
    let sent_after_taps = delivered.iter().filter(|(at, _, _)| *at >= first_tap).count();
    let edits = fake.edits().iter().filter(|(at, _)| *at >= first_tap).count();
    println!("children tapping at once:      {children} ({workers} workers, {} each)", children / workers.max(1));
    println!(
        "messages those taps caused:    {sent_after_taps} sent and {edits} edits, 429s {}",
        fake.too_many_requests()
    );
    println!(
        "tap to worker's notice:        p50 {:.1} s, p99 {:.1} s",
        common::percentile(&delays, 0.5),
        common::percentile(&delays, 0.99)
    );
    println!("peak memory (RSS):             {} MB (bot and fake in one process)", common::peak_rss_mb());
}
