//! Telegram misbehaving for a stretch (429s with retry_after, 500s, 502s, slow answers, connections
//! dropped before or after Telegram acted) while the real `touchbase run` sends reminders and children
//! tap: nothing is lost, nothing goes twice unless its answer was lost, and the bot recovers by itself
//! when the faults stop.

use std::time::Duration;

use crate::support::binary::{RemindersDue, count, run_in_daytime, terminate, wait_until_all_done};
use crate::support::fake_telegram::{Failure, Fault};

const CHILDREN: i64 = 150;
const FIRST_CHILD: i64 = 300_000;
const WORKER: i64 = FIRST_CHILD - 1;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stretch_of_429s_5xx_slow_answers_and_dropped_connections_loses_nothing_and_repeats_nothing() {
    let RemindersDue { db, store, fake, caseload, dir: _dir } = RemindersDue::new(FIRST_CHILD, CHILDREN).await;

    let mut bot = run_in_daytime(&db, &fake);
    fake.wait_until("the bot polls", || fake.calls("getUpdates") > 0).await;
    // The 5xx come last in the round: teloxide waits 10 s before reading a 5xx answer.
    fake.start_faults(vec![
        Fault::Fail(Failure::RetryAfter(1)),
        Fault::None,
        Fault::Slow(Duration::from_millis(1500)),
        Fault::Drop,
        Fault::None,
        Fault::Slow(Duration::from_millis(700)),
        Fault::DropAnswer,
        Fault::Fail(Failure::RetryAfter(2)),
        Fault::Fail(Failure::ServerError(500)),
        Fault::Fail(Failure::ServerError(502)),
    ]);
    // Children answer their reminders while Telegram is in trouble, until every kind of fault was served.
    let mut tapped = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while fake.faults_served() < 10 || tapped.len() < 3 {
        assert!(tokio::time::Instant::now() < deadline, "faults served: {}", fake.faults_served());
        tokio::time::sleep(Duration::from_millis(500)).await;
        let delivered = fake.messages_from_bot_per_chat();
        if let Some(child) = caseload.child_user_ids().find(|id| delivered.contains_key(id) && !tapped.contains(id)) {
            fake.phone(child, "Child").tap("I can't make it");
            tapped.push(child);
        }
    }
    fake.stop_faults();

    wait_until_all_done(&store, &fake, &db, Duration::from_secs(150)).await;
    terminate(&mut bot).await;

    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await, 0, "nothing given up");
    // Every message arrived. Only one whose answer Telegram dropped after sending it can have arrived
    // twice: the bot cannot tell that from a message that never went.
    let held = fake.messages_from_bot_per_chat();
    let mut repeats = 0;
    let mut expect = |chat: i64, expected: usize| {
        let got = held.get(&chat).copied().unwrap_or(0);
        assert!(got >= expected, "chat {chat}: {got} of {expected} messages arrived");
        repeats += got - expected;
    };
    for child in caseload.child_user_ids() {
        expect(child, if tapped.contains(&child) { 2 } else { 1 });
    }
    expect(WORKER, tapped.len());
    let dropped = fake.answers_dropped();
    assert!(repeats <= dropped, "{repeats} messages arrived twice, but only {dropped} answers were dropped");
    assert!(!tapped.is_empty(), "some children tapped during the faults");
    assert_eq!(count(&store, "SELECT COUNT(*) FROM answers").await, tapped.len() as i64, "each tap handled once");
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
}
