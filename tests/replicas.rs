//! Three copies of the real `touchbase run --webhook` on one PostgreSQL database, sending a burst of
//! reminders while children tap. One copy is killed with SIGKILL mid-burst. Every reminder goes exactly
//! once (a message in flight at the kill may go twice, and there is at most one), every tap is handled
//! once, all three copies sent, and together they kept to Telegram's 30 messages a second. The webhook
//! stays while copies run and goes when the last one stops.
//!
//! It needs several copies on one database, so it runs only against PostgreSQL (TOUCHBASE_TEST_POSTGRES);
//! on SQLite a second copy is refused, which `tests/cli.rs` checks.

mod support;

use std::time::Duration;
use touchbase::domain::people::{ChannelKind, Language};

use support::binary::{
    RemindersDue, RunningBot, count, kill_9, run_in_daytime_with, terminate, unrecorded_sends, wait_until_all_done,
};
use support::db::postgres_for;

const CHILDREN: i64 = 600;
const FIRST_CHILD: i64 = 500_000;
const WORKER: i64 = FIRST_CHILD - 1;

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The most messages Telegram accepted in any one second.
fn busiest_second(accepted: &[tokio::time::Instant]) -> usize {
    let mut busiest = 0;
    let mut first = 0;
    for (last, at) in accepted.iter().enumerate() {
        while at.duration_since(accepted[first]) >= Duration::from_secs(1) {
            first += 1;
        }
        busiest = busiest.max(last - first + 1);
    }
    busiest
}

/// The tests here run one at a time: each runs copies of the bot side by side, and on a 2-core
/// machine two such tests at once bunch each other's requests by hundreds of milliseconds, which
/// says more about the machine than about the copies' shared pace.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_copies_share_the_work_and_killing_one_mid_burst_loses_and_repeats_nothing() {
    if postgres_for("several copies on one database").is_none() {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
    let RemindersDue { db, store, fake, caseload, dir: _dir } = RemindersDue::on_postgres(FIRST_CHILD, CHILDREN).await;
    let mut copies: Vec<(String, RunningBot)> = (0..3)
        .map(|_| {
            let port = free_port();
            let url = format!("http://127.0.0.1:{port}/telegram/hook");
            let listen = format!("127.0.0.1:{port}");
            let bot = run_in_daytime_with(&db, &fake, &["run", "--webhook", &url, "--listen", &listen]);
            (url, bot)
        })
        .collect();
    fake.wait_until("a webhook is set", || fake.webhook().is_some()).await;

    // Telegram pushes to the one webhook URL; behind a load balancer any copy would take it. Here it is
    // the copy that registered last, so another copy is the one killed.
    let sent = "SELECT COUNT(*) FROM outbox WHERE state = 'sent'";
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    let mut tapped = Vec::new();
    while count(&store, sent).await < 150 {
        assert!(tokio::time::Instant::now() < deadline, "the copies did not get going");
        tokio::time::sleep(Duration::from_millis(200)).await;
        let delivered = fake.messages_from_bot_per_chat();
        if tapped.len() < 5
            && let Some(child) = caseload.child_user_ids().find(|id| delivered.contains_key(id) && !tapped.contains(id))
        {
            fake.phone(child, "Child").tap("I can't make it");
            tapped.push(child);
        }
    }
    let (target, _) = fake.webhook().unwrap();
    let victim = copies.iter().position(|(url, _)| *url != target).unwrap();
    let (_, mut killed) = copies.remove(victim);
    kill_9(&mut killed);
    let sent_at_kill = count(&store, sent).await;
    assert!(sent_at_kill < CHILDREN, "the kill came mid-burst");

    // The others take over the killed copy's claims when they run out, and finish.
    wait_until_all_done(&store, &fake, &db, Duration::from_secs(150)).await;
    let webhook_before = fake.webhook();
    terminate(&mut copies[0].1).await;
    assert_eq!(fake.webhook(), webhook_before, "the webhook stays while a copy still runs");
    terminate(&mut copies[1].1).await;
    assert!(fake.webhook().is_none(), "the last copy to stop removes the webhook");

    assert_eq!(count(&store, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await, 0, "nothing given up");
    let held = fake.messages_from_bot_per_chat();
    // Measured once all is done: while the others send, any copy may have a message accepted but not
    // yet recorded.
    let repeats = unrecorded_sends(&fake, &store).await;
    let in_flight: i64 = repeats.values().sum();
    assert!(in_flight <= 1, "only a message in flight at the kill went twice: {repeats:?}");
    for child in caseload.child_user_ids() {
        let expected = if tapped.contains(&child) { 2 } else { 1 };
        let again = repeats.get(&child).copied().unwrap_or(0);
        assert_eq!(held.get(&child).copied().unwrap_or(0) as i64, expected + again, "child {child}");
    }
    // Each tap handled once: one answer, one notice for the worker.
    assert_eq!(tapped.len(), 5);
    assert_eq!(count(&store, "SELECT COUNT(*) FROM answers").await, 5, "one answer a tap");
    assert_eq!(count(&store, &format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {WORKER}")).await, 5);
    let worker_repeats = repeats.get(&WORKER).copied().unwrap_or(0);
    assert_eq!(held.get(&WORKER).copied().unwrap_or(0) as i64, 5 + worker_repeats);

    // Every copy sent, and together they kept to Telegram's limit.
    let senders = count(&store, "SELECT COUNT(DISTINCT claimed_by) FROM outbox WHERE state = 'sent'").await;
    assert_eq!(senders, 3, "all three copies sent");
    let busiest = busiest_second(&fake.accepted_at());
    println!(
        "sent twice (in flight at the kill): {in_flight}; busiest second: {busiest} messages; sent before the kill: {sent_at_kill}"
    );
    assert!(busiest <= 30, "{busiest} messages in one second");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_copy_pauses_every_copy() {
    if postgres_for("several copies on one database").is_none() {
        return;
    }
    let _alone = ONE_AT_A_TIME.lock().await;
    use std::sync::Arc;
    use support::app::{start_time, test_options, test_settings};
    use support::fake_telegram::{Failure, FakeTelegram};
    use touchbase::app::App;
    use touchbase::clock::ManualClock;
    use touchbase::store::outbox;

    let dir = tempfile::tempdir().unwrap();
    let db = support::db::TestDb::postgres(dir.path(), "unused").await;
    let fake = FakeTelegram::start().await;
    fake.open_chats([11, 12]);
    let settings = test_settings(&fake, &db.url, &[]);
    let clock = ManualClock::new(start_time());
    let copy = || App::build_with(settings.clone(), Arc::new(clock.clone()), test_options());
    let (first, second) = (copy().await.unwrap(), copy().await.unwrap());
    let now = start_time().timestamp();
    let store = first.store().clone();
    let queue = |chat_id: i64| {
        let store = store.clone();
        async move {
            let mut conn = store.connection().await.unwrap();
            let payload = r#"{"kind":"message","html":"hello","buttons":[]}"#;
            let message = outbox::NewMessage {
                channel: ChannelKind::Telegram,
                language: Language::English,
                person_id: None,
                chat_id,
                occurrence_id: None,
                about_child_id: None,
                payload,
                due_at: now,
                priority: outbox::Priority::Person,
                report_loss: true,
                topic: None,
            };
            outbox::enqueue(&mut conn, message, now).await.unwrap();
        }
    };
    // The first copy's first send is told to wait three seconds.
    queue(11).await;
    fake.fail_next("sendMessage", Failure::RetryAfter(3));
    let asked = tokio::time::Instant::now();
    let sending = tokio::spawn(async move { first.deliver_messages().await });
    fake.wait_until("the first copy got its 429", || fake.calls("sendMessage") >= 1).await;
    // Telegram's answer reaches the first copy a moment after the fake counts the request: wait until
    // the copy has written the pause down for everyone, or the second copy may rightly send first.
    let paused_for = |wall_now_ms: i64| {
        let store = store.clone();
        async move {
            let mut conn = store.connection().await.unwrap();
            let row = sqlx::query("SELECT next_at_ms FROM send_pace").fetch_optional(&mut *conn).await.unwrap();
            row.map(|row| sqlx::Row::get::<i64, _>(&row, "next_at_ms") - wall_now_ms).unwrap_or(0)
        }
    };
    let waiting_since = tokio::time::Instant::now();
    while paused_for(touchbase::clock::wall_millis()).await < 2000 {
        assert!(waiting_since.elapsed() < Duration::from_secs(2), "the 429 was never written down");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Meanwhile the second copy has a message for another chat: it waits too.
    queue(12).await;
    second.deliver_messages().await.unwrap();
    sending.await.unwrap().unwrap();
    let sent: Vec<_> = fake.delivered().into_iter().map(|(at, chat, _)| (chat, at.duration_since(asked))).collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    for (chat, after) in sent {
        assert!(after >= Duration::from_millis(2900), "chat {chat} went {after:?} after the 429");
    }
}
