//! Scale: the cost of expanding one weekly slot into a year of occurrences and of one clash check; then
//! a service of 10,000 children with a weekly slot each: the first start (which makes a year of
//! occurrences and their jobs), start-up with that database the next morning, erasing one child with a
//! year of appointments, and peak memory.
//! Run with `cargo bench --bench scale` (BENCH_CHILDREN=1000 for a quick run).

mod common;
#[path = "../tests/support/db.rs"]
mod db;
#[path = "../tests/support/fake_telegram.rs"]
mod fake_telegram;

use std::hint::black_box;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::London;
use tokio::time::Instant;
use touchbase::app::{App, AppOptions};
use touchbase::clock::ManualClock;
use touchbase::domain::clash::{Commitment, Fixed, weekly_clashes};
use touchbase::domain::schedule::{DaySet, LocalWindow, Place, WeeklySlot};
use touchbase::store::Store;

#[tokio::main]
async fn main() {
    let children = common::env_number("BENCH_CHILDREN", 10_000);
    pure_costs();
    service(children).await;
    println!("peak memory (RSS):               {} MB (bot and fake in one process)", common::peak_rss_mb());
}

fn slot(weekday: Weekday, hour: u32, place: &str, starts_on: NaiveDate) -> WeeklySlot {
    WeeklySlot {
        weekday,
        time: NaiveTime::from_hms_opt(hour, 0, 0).unwrap(),
        minutes: 60,
        place: Place::parse(place).unwrap(),
        starts_on,
        ends_on: Some(starts_on + chrono::Duration::days(365)),
    }
}

/// The pure rules, timed over many runs.
fn pure_costs() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let year_on = today + chrono::Duration::days(365);
    let candidate = slot(Weekday::Tue, 16, "office", today);

    const EXPANSIONS: u32 = 20_000;
    let started = Instant::now();
    for _ in 0..EXPANSIONS {
        let dates = black_box(&candidate).dates_between(today, year_on);
        let occurrences: Vec<_> = dates.into_iter().map(|date| candidate.interval_on(London, date)).collect();
        black_box(occurrences);
    }
    let per_expansion = started.elapsed() / EXPANSIONS;

    // A child with school and a job, two other slots of their own, a few one-off appointments, and five
    // children kept apart from them, each with a slot and one-offs.
    let window = |days: &str, hours: &str| Commitment {
        label: "school".into(),
        days: DaySet::parse(days).unwrap(),
        window: LocalWindow::parse(hours).unwrap(),
    };
    let commitments =
        vec![window("Mon-Fri", "08:30-15:30"), window("Sat", "10:00-14:00"), window("Thu", "17:00-19:00")];
    let own_slots = vec![slot(Weekday::Mon, 16, "office", today), slot(Weekday::Fri, 16, "office", today)];
    let fixed = |days: i64, hour: u32| Fixed {
        start: Utc.with_ymd_and_hms(2026, 11, 23, hour, 0, 0).unwrap() + chrono::Duration::days(days),
        end: Utc.with_ymd_and_hms(2026, 11, 23, hour + 1, 0, 0).unwrap() + chrono::Duration::days(days),
        place: Place::parse("office").unwrap(),
    };
    let own_fixed: Vec<Fixed> = (0..4).map(|n| fixed(n * 9, 11)).collect();
    let apart_slots: Vec<WeeklySlot> = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
        .iter()
        .map(|d| slot(*d, 15, "office", today))
        .collect();
    let apart_fixed: Vec<Fixed> = (0..5).map(|n| fixed(n * 5 + 1, 13)).collect();

    const CHECKS: u32 = 20_000;
    let started = Instant::now();
    for _ in 0..CHECKS {
        black_box(weekly_clashes(
            London,
            black_box(&candidate),
            &commitments,
            &own_slots,
            &own_fixed,
            &apart_slots,
            &apart_fixed,
        ));
    }
    let per_check = started.elapsed() / CHECKS;
    println!("one slot expanded to a year:     {:.1} µs (52 occurrences, London time)", micros(per_expansion));
    println!(
        "one clash check:                 {:.1} µs (3 commitments, 2 slots, 4 one-offs, 5 kept apart)",
        micros(per_check)
    );
}

fn micros(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1e6
}

/// 10,000 children, each with a weekly slot; the bot made from scratch twice.
async fn service(children: i64) {
    let service = common::Service::start().await;
    let (url, settings) = (service.url.clone(), service.settings.clone());
    let store = Store::open(&url).await.expect("store");
    seed_slots(&store, children).await;
    store.close().await;

    let now = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    let started = Instant::now();
    let app = App::build_with(settings.clone(), Arc::new(ManualClock::new(now)), AppOptions::default())
        .await
        .expect("first start");
    let first_start = started.elapsed();
    let (occurrences, jobs) = {
        let mut conn = app.store().connection().await.expect("connection");
        let count = |table: &'static str| format!("SELECT COUNT(*) FROM {table}");
        let (occurrences,): (i64,) = sqlx::query_as(&count("occurrences")).fetch_one(&mut *conn).await.unwrap();
        let (jobs,): (i64,) = sqlx::query_as(&count("jobs")).fetch_one(&mut *conn).await.unwrap();
        (occurrences, jobs)
    };
    app.store().close().await;
    drop(app);
    assert!(occurrences >= children * 52, "every slot has its year: {occurrences} occurrences for {children} slots");
    assert!(jobs >= occurrences * 2, "every occurrence has its reminders: {jobs} jobs for {occurrences} occurrences");

    // The next morning's restart: about a seventh of the slots need their next week made.
    let next_morning = ManualClock::new(now + chrono::Duration::days(1));
    let started = Instant::now();
    let app = App::build_with(settings, Arc::new(next_morning), AppOptions::default()).await.expect("second start");
    let start_up = started.elapsed();

    // Erasing one child with a year of appointments and their jobs, as `/erase` does (and, on
    // SQLite, cutting the write-ahead log after it).
    let child_id = 2 + children / 2;
    let held = |table: &'static str, column: &'static str| {
        let store = app.store().clone();
        async move {
            let mut conn = store.connection().await.expect("connection");
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            let (n,): (i64,) = sqlx::query_as(&sql).bind(child_id).fetch_one(&mut *conn).await.unwrap();
            n
        }
    };
    let appointments = held("occurrences", "child_id").await;
    assert!(appointments >= 52, "a year of appointments to erase: {appointments}");
    let started = Instant::now();
    let mut tx = app.store().begin().await.expect("transaction");
    touchbase::store::records::erase_child(&mut tx, touchbase::domain::ids::ChildId(child_id)).await.expect("erase");
    tx.commit().await.expect("commit");
    app.store().forget_erased().await.expect("write-ahead log cut");
    let erase = started.elapsed();
    assert_eq!(held("occurrences", "child_id").await, 0, "the appointments went with the child");
    assert_eq!(held("people", "id").await, 0, "the child went");
    app.store().close().await;

    println!("children with a weekly slot:     {children}");
    println!(
        "first start, making a year:      {:.1} s ({occurrences} occurrences, {jobs} jobs)",
        first_start.as_secs_f64()
    );
    println!("start-up the next morning:       {:.2} s", start_up.as_secs_f64());
    println!(
        "erasing one child:               {:.1} ms ({appointments} appointments and their jobs)",
        erase.as_secs_f64() * 1000.0
    );
    println!("database size:                   {} MB", service.database_mb().await);
}

async fn seed_slots(store: &Store, children: i64) {
    let mut tx = store.begin().await.expect("transaction");
    sqlx::query(
        "INSERT INTO people (id, role, name, name_key, language, telegram_user_id, created_at, joined_at) \
         VALUES (1, 'worker', 'Alex', 'alex', 'en', 99, 0, 0)",
    )
    .execute(&mut *tx)
    .await
    .expect("worker");
    for n in 0..children {
        let id = n + 2;
        sqlx::query(
            "INSERT INTO people (id, role, name, name_key, language, telegram_user_id, worker_id, created_at, joined_at) \
             VALUES ($1, 'child', $2, $2, 'en', $3, 1, 0, 0)",
        )
        .bind(id)
        .bind(format!("child{n:05}"))
        .bind(100_000 + n)
        .execute(&mut *tx)
        .await
        .expect("person");
        sqlx::query("INSERT INTO children (person_id) VALUES ($1)").bind(id).execute(&mut *tx).await.expect("child");
        sqlx::query(
            "INSERT INTO slots (child_id, weekday, local_time, minutes, place, starts_on, created_at) \
             VALUES ($1, $2, $3, 60, 'office', '2026-11-23', 0)",
        )
        .bind(id)
        .bind(n % 5)
        .bind(format!("{:02}:00", 9 + n % 9))
        .execute(&mut *tx)
        .await
        .expect("slot");
    }
    tx.commit().await.expect("commit");
}
