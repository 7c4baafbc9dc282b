//! A morning's reminders for many children through the fake Bot API with Telegram's limits enforced.
//! Prints messages a second (as a share of Telegram's 30/s), 429s, due-to-sent delay p50/p99 and peak
//! memory. Run with `cargo bench --bench reminders` (BENCH_CHILDREN=1000 for a quick run).

#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;

use std::collections::HashMap;
use std::sync::Arc;
use tokio::time::Instant;

use chrono::{TimeZone, Utc};
use fake_telegram::{FakeTelegram, TOKEN};
use touchbase::app::{App, AppOptions};
use touchbase::clock::ManualClock;
use touchbase::config::Settings;
use touchbase::store::Store;

const FIRST_USER_ID: i64 = 100_000;

#[tokio::main]
async fn main() {
    let children: i64 = std::env::var("BENCH_CHILDREN").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let fake = FakeTelegram::start().await;
    fake.enforce_telegram_limits();
    fake.open_chats((0..children).map(|n| FIRST_USER_ID + n));
    let dir = tempfile::tempdir().expect("temporary directory");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let env: HashMap<&str, String> = HashMap::from([
        ("TELOXIDE_TOKEN", TOKEN.to_owned()),
        ("TELOXIDE_API_URL", fake.api_url().to_string()),
        ("DATABASE_URL", url.clone()),
    ]);
    let settings = Settings::from_lookup(|name| env.get(name).cloned()).expect("settings");

    // Every child has a 10:00 appointment; their one-hour reminders are all due at 09:00.
    let nine = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
    let store = Store::open(&url).await.expect("store");
    seed(&store, children, nine.timestamp()).await;
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
    let percentile = |p: f64| delays.get(((delays.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    println!("reminders sent:        {} of {children}", accepted.len());
    println!("messages per second:   {rate:.2} ({:.1}% of Telegram's 30/s)", rate / 30.0 * 100.0);
    println!("429s from the fake:    {}", fake.too_many_requests());
    println!("due-to-sent delay:     p50 {:.1} s, p99 {:.1} s", percentile(0.5), percentile(0.99));
    println!("peak memory (RSS):     {} MB (bot and fake in one process)", peak_rss_mb());
}

async fn seed(store: &Store, children: i64, reminder_due: i64) {
    let mut tx = store.begin().await.expect("transaction");
    let appointment = reminder_due + 3600;
    for n in 0..children {
        let user = FIRST_USER_ID + n;
        sqlx::query(
            "INSERT INTO people (id, role, name, name_key, language, telegram_user_id, created_at, joined_at) \
             VALUES ($1, 'child', $2, $2, 'en', $3, 0, 0)",
        )
        .bind(n + 1)
        .bind(format!("child{n}"))
        .bind(user)
        .execute(&mut *tx)
        .await
        .expect("person");
        sqlx::query("INSERT INTO children (person_id) VALUES ($1)").bind(n + 1).execute(&mut *tx).await.expect("child");
        sqlx::query(
            "INSERT INTO occurrences (id, child_id, starts_at, ends_at, place, state, created_at) \
             VALUES ($1, $1, $2, $3, 'office', 'scheduled', 0)",
        )
        .bind(n + 1)
        .bind(appointment)
        .bind(appointment + 3600)
        .execute(&mut *tx)
        .await
        .expect("occurrence");
        sqlx::query(
            "INSERT INTO jobs (kind, unique_key, occurrence_id, person_id, detail, due_at, state, created_at) \
             VALUES ('reminder', $1, $2, $2, 'soon', $3, 'pending', 0)",
        )
        .bind(format!("reminder:{}:{reminder_due}", n + 1))
        .bind(n + 1)
        .bind(reminder_due)
        .execute(&mut *tx)
        .await
        .expect("job");
    }
    tx.commit().await.expect("commit");
}

fn peak_rss_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}
