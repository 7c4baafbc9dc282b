//! A morning's reminders by text: many children on texts, all due at 09:00, through the fake GOV.UK
//! Notify (which checks every token, template and the phone networks' limits), the bot running as in
//! production, every request to Notify taking a set time on the network (0 ms, then 100 ms). Fails
//! unless every child gets exactly their one text. Prints, at each latency, texts a second, the delay
//! from 09:00 to Notify taking each text (p50/p99), status checks made, and peak memory.
//! Run with `cargo bench --bench texts` (BENCH_CHILDREN=500 for a quick run, BENCH_LATENCIES=100 for
//! one latency).

mod common;
#[path = "../tests/support/db.rs"]
mod db;
#[path = "../tests/support/fake_notify.rs"]
mod fake_notify;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;
#[path = "../tests/support/seed.rs"]
mod seed;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};
use touchbase::app::{App, AppOptions};
use touchbase::config::Settings;
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let children = common::env_number("BENCH_CHILDREN", 2_000);
    for latency in common::latencies() {
        morning(children, latency).await;
    }
    println!("peak memory (RSS):     {} MB (bot and fakes in one process)", common::peak_rss_mb());
}

async fn morning(children: i64, latency_ms: u64) {
    let common::Service { fake, url, db: _db, dir: _dir, .. } = common::Service::start().await;
    let notify = fake_notify::FakeNotify::start().await;
    notify.set_latency(Duration::from_millis(latency_ms));

    // Every child is on texts with a number of their own, with a 10:00 appointment: their one-hour
    // reminders are all due at 09:00.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    let caseload =
        seed::Caseload { first_user_id: FIRST_USER_ID, children, worker_user_id: FIRST_USER_ID - 1, workers: 1 };
    caseload.seed(&store, nine.timestamp(), nine.timestamp() + 3600).await;
    {
        let mut tx = store.begin().await.expect("transaction");
        for id in 1..=children {
            sqlx::query("UPDATE people SET channel = 'sms' WHERE id = $1").bind(id).execute(&mut *tx).await.unwrap();
            sqlx::query("UPDATE children SET phone = $2 WHERE person_id = $1")
                .bind(id)
                .bind(format!("+447700{:06}", 100_000 + id))
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.expect("commit");
    }
    store.close().await;

    let (key, notify_url) = (fake_notify::api_key(), notify.api_url().to_string());
    let env: HashMap<&str, String> = HashMap::from([
        ("TELOXIDE_TOKEN", fake_telegram::TOKEN.to_owned()),
        ("TELOXIDE_API_URL", fake.api_url().to_string()),
        ("DATABASE_URL", url.clone()),
        ("TOUCHBASE_NOTIFY_API_KEY", key),
        ("TOUCHBASE_NOTIFY_SMS_TEMPLATE", fake_notify::TEMPLATE_ID.to_owned()),
        ("TOUCHBASE_NOTIFY_API_URL", notify_url),
    ]);
    let settings = Settings::from_lookup(|name| env.get(name).cloned()).expect("settings");

    // The bot starts a little before nine, and its clock runs with real time.
    let time = common::RunningClock::start(nine - chrono::Duration::seconds(5));
    let app = App::build_with(settings, Arc::new(time.clock.clone()), AppOptions::default()).await.expect("app");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    // Texts go at most 2,300 in any minute; this allows 15 a second, with two minutes to spare.
    let limit = Duration::from_secs(children as u64 / 15 + 120);
    common::wait_for(limit, "every text was taken", || (notify.sends() as i64, children)).await;
    let _ = stop.send(());
    running.await.expect("the bot task").expect("the bot stops cleanly");

    let due = time.instant_of(nine);
    let sent = notify.sent();
    let mut per_number: HashMap<&str, usize> = HashMap::new();
    for text in &sent {
        *per_number.entry(text.phone.as_str()).or_default() += 1;
    }
    assert_eq!(per_number.len() as i64, children, "every child got their text");
    assert!(per_number.values().all(|n| *n == 1), "and only one");
    assert!(sent.iter().all(|text| text.at >= due), "nothing went before it was due");
    assert!(notify.rejected().is_empty(), "Notify refused: {:?}", notify.rejected());
    assert!(notify.limit_violations().is_empty(), "past a network's limits: {:?}", notify.limit_violations());
    let mut delays: Vec<f64> = sent.iter().map(|text| text.at.duration_since(due).as_secs_f64()).collect();
    delays.sort_by(|a, b| a.total_cmp(b));
    let first = sent.iter().map(|text| text.at).min().expect("something was sent");
    let last = sent.iter().map(|text| text.at).max().expect("something was sent");
    let span = last.duration_since(first).as_secs_f64();
    let rate = if span > 0.0 { (sent.len() - 1) as f64 / span } else { 0.0 };
    let percentile = |p: f64| common::percentile(&delays, p);
    println!("== {latency_ms} ms per request to Notify");
    println!("texts taken by Notify: {} of {children}, one each", sent.len());
    println!("texts per second:      {rate:.2} (the bot sends at most 2,300 in any minute)");
    println!("due-to-taken delay:    p50 {:.1} s, p99 {:.1} s", percentile(0.5), percentile(0.99));
    println!("requests to Notify:    {} ({} status checks)", notify.requests(), notify.status_reads());
}
