//! The real `touchbase run`, killed with SIGKILL again and again while a thousand reminders go out and
//! children tap buttons: nothing is lost, nothing is done twice, no job is left stuck, the database stays
//! sound. Set CRASH_SEED to replay a run's kill times (each run prints its seed).

mod support;

use std::collections::HashMap;
use std::time::Duration;

use support::binary::{
    RemindersDue, count, kill_9, run_in_daytime, run_in_daytime_env, terminate, unrecorded_sends, wait_until_all_done,
    wall_clock,
};
use support::fake_notify::{self, FakeNotify};
use touchbase::store::Store;

const CHILDREN: i64 = 1000;
const KILLS: usize = 12;
const FIRST_CHILD: i64 = 200_000;
const WORKER: i64 = FIRST_CHILD - 1;

/// xorshift64*: enough to scatter kill times, and replayable from the printed seed.
struct Dice(u64);

impl Dice {
    fn from_env_or_clock() -> Dice {
        let seed = std::env::var("CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| wall_clock().timestamp_subsec_nanos() as u64 | 1);
        println!("CRASH_SEED={seed}");
        Dice(seed)
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        low + self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % (high - low + 1)
    }
}

async fn integrity(store: &Store) -> String {
    store.integrity_check().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_reminders_and_the_taps_survive_a_dozen_kill_9s() {
    let RemindersDue { db, store, fake, caseload, dir: _dir } = RemindersDue::new(FIRST_CHILD, CHILDREN).await;
    let mut dice = Dice::from_env_or_clock();
    let mut tapped: Vec<i64> = Vec::new();
    let mut unrecorded: HashMap<i64, i64> = HashMap::new();
    let mut in_flight_at_kill: Vec<i64> = Vec::new();
    for kill in 0..KILLS {
        let mut bot = run_in_daytime(&db, &fake);
        tokio::time::sleep(Duration::from_millis(dice.between(300, 2500))).await;
        if kill % 2 == 1 {
            // A child taps "I can't make it" on their reminder just before the power goes.
            let delivered = fake.messages_from_bot_per_chat();
            let child = caseload.child_user_ids().find(|id| delivered.contains_key(id) && !tapped.contains(id));
            if let Some(child) = child {
                fake.phone(child, "Child").tap("I can't make it");
                tapped.push(child);
                tokio::time::sleep(Duration::from_millis(dice.between(0, 400))).await;
            }
        }
        kill_9(&mut bot);

        let after = unrecorded_sends(&fake, &store).await;
        let mut in_flight = 0;
        for (chat, extra) in &after {
            let before = unrecorded.get(chat).copied().unwrap_or(0);
            assert!(*extra - before <= 1, "chat {chat}: more than one message in flight at one kill");
            in_flight += extra - before;
        }
        let most = touchbase::delivery::IN_FLIGHT as i64;
        assert!(in_flight <= most, "kill {}: {in_flight} messages were sent but not recorded", kill + 1);
        in_flight_at_kill.push(in_flight);
        unrecorded = after;
        assert_eq!(integrity(&store).await, "ok", "after kill {}", kill + 1);
    }
    let sent_before_last_run = count(&store, "SELECT COUNT(*) FROM outbox WHERE state = 'sent'").await;
    assert!(sent_before_last_run > 0, "the kills came while it was sending");

    // The last run is left to finish.
    let mut bot = run_in_daytime(&db, &fake);
    wait_until_all_done(&store, &fake, &db, Duration::from_secs(180)).await;
    terminate(&mut bot).await;

    println!("messages in flight at each kill: {in_flight_at_kill:?}; taps {}", tapped.len());
    assert_eq!(integrity(&store).await, "ok");
    let stuck = "SELECT COUNT(*) FROM jobs WHERE state = 'running' OR (state = 'pending' AND due_at <= $now)";
    let stuck = stuck.replace("$now", &wall_clock().timestamp().to_string());
    assert_eq!(count(&store, &stuck).await, 0, "no job stuck or left behind");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await,
        0,
        "every message went, none was given up"
    );
    // Every reminder reached its child; the only repeats are messages in flight at a kill.
    let held = fake.messages_from_bot_per_chat();
    for child in caseload.child_user_ids() {
        let expected = if tapped.contains(&child) { 2 } else { 1 };
        let repeats = unrecorded.get(&child).copied().unwrap_or(0);
        assert_eq!(held.get(&child).copied().unwrap_or(0) as i64, expected + repeats, "child {child}");
    }
    assert_eq!(unrecorded_sends(&fake, &store).await, unrecorded, "no repeats but those in flight at a kill");
    let repeats: i64 = unrecorded.values().sum();
    assert!(repeats <= in_flight_at_kill.iter().sum::<i64>());

    // Each tap was handled exactly once: one answer, one notice for the worker.
    assert!(!tapped.is_empty(), "some taps came just before a kill");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM answers").await, tapped.len() as i64, "one answer a tap");
    let to_worker = format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {WORKER}");
    assert_eq!(count(&store, &to_worker).await, tapped.len() as i64, "one notice a tap");
    let worker_repeats = unrecorded.get(&WORKER).copied().unwrap_or(0);
    assert_eq!(held.get(&WORKER).copied().unwrap_or(0) as i64, tapped.len() as i64 + worker_repeats);
}

/// Children on texts, each with a reminder due now; the real binary killed a few times while the texts
/// are on their way (each request to Notify takes 100 ms). A text Notify took whose outcome was never
/// recorded is looked up by its reference before it goes again: every child gets their reminder once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn texts_in_flight_at_a_kill_9_go_once() {
    const TEXTED: i64 = 300;
    let RemindersDue { db, store, fake, dir: _dir, .. } = RemindersDue::new(FIRST_CHILD, TEXTED).await;
    {
        let mut conn = store.connection().await.unwrap();
        for id in 1..=TEXTED {
            sqlx::query("UPDATE people SET channel = 'sms' WHERE id = $1").bind(id).execute(&mut *conn).await.unwrap();
            sqlx::query("UPDATE children SET phone = $2 WHERE person_id = $1")
                .bind(id)
                .bind(format!("+447700{:06}", 900_000 + id))
                .execute(&mut *conn)
                .await
                .unwrap();
        }
    }
    let notify = FakeNotify::start().await;
    notify.set_latency(Duration::from_millis(100));
    let (key, url) = (fake_notify::api_key(), notify.api_url().to_string());
    let texts = [
        ("TOUCHBASE_NOTIFY_API_KEY", key.as_str()),
        ("TOUCHBASE_NOTIFY_SMS_TEMPLATE", fake_notify::TEMPLATE_ID),
        ("TOUCHBASE_NOTIFY_API_URL", url.as_str()),
    ];
    let mut dice = Dice::from_env_or_clock();
    let mut taken_at_kill = Vec::new();
    for _ in 0..4 {
        let mut bot = run_in_daytime_env(&db, &fake, &texts, &["run"]);
        tokio::time::sleep(Duration::from_millis(dice.between(800, 2500))).await;
        kill_9(&mut bot);
        taken_at_kill.push(notify.sends());
    }
    let mut bot = run_in_daytime_env(&db, &fake, &texts, &["run"]);
    wait_until_all_done(&store, &fake, &db, Duration::from_secs(180)).await;
    // Everything may have gone before this run was ready to be asked to stop: it is killed too.
    kill_9(&mut bot);
    println!("texts Notify had taken at each kill: {taken_at_kill:?}; look-ups {}", notify.reference_lookups());

    let mut per_number: HashMap<String, usize> = HashMap::new();
    for text in notify.sent() {
        *per_number.entry(text.phone).or_default() += 1;
    }
    assert_eq!(per_number.len(), TEXTED as usize, "every child got a text");
    let twice: Vec<_> = per_number.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "sent twice: {twice:?}");
    assert!(
        taken_at_kill.iter().any(|n| *n > 0 && (*n as i64) < TEXTED),
        "a kill came while texts went: {taken_at_kill:?}"
    );
    assert_eq!(integrity(&store).await, "ok");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await, 0, "none given up");
}
