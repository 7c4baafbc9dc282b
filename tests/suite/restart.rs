//! Killing the bot at any point loses nothing and answers nothing twice.

use crate::support::app::{say, spawn_app};
use chrono::Duration;
use touchbase::domain::ids::OutboxId;
use touchbase::domain::people::{ChannelKind, Language};
use touchbase::store::outbox::Priority;
use touchbase::store::{inbox, outbox};

#[tokio::test]
async fn updates_stored_but_not_handled_are_handled_after_a_restart() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let before = manager.texts().len();
    manager.send_text("/staff");
    assert_eq!(t.app.poll_updates(0).await.unwrap(), 1);
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
    assert!(manager.last_text().starts_with("Staff (1)"));
}

#[tokio::test]
async fn replies_queued_but_not_sent_go_after_a_restart() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let before = manager.texts().len();
    manager.send_text("/staff");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
}

#[tokio::test]
async fn a_batch_handled_but_not_acknowledged_is_not_answered_again() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/staff");
    manager.send_text("/help");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    t.app.deliver_messages().await.unwrap();
    let after = manager.texts().len();
    // Telegram has not been told (no getUpdates since), so it will offer the same batch again.
    assert_eq!(t.fake.pending_updates(), 2);
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(manager.texts().len(), after, "{:?}", manager.texts());
    assert_eq!(t.fake.pending_updates(), 0);
}

#[tokio::test]
async fn a_message_claimed_when_the_bot_died_goes_once_its_lease_runs_out() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let before = manager.texts().len();
    manager.send_text("/staff");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    {
        // The sender claimed the message and died before Telegram answered.
        let mut conn = t.app.store().connection().await.unwrap();
        let now = t.clock_now();
        assert_eq!(outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now, 120, 10).await.unwrap().len(), 1);
    }
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(manager.texts().len(), before, "still leased to the dead sender");
    t.clock.advance(Duration::seconds(121));
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
}

#[tokio::test]
async fn a_tap_stored_before_a_crash_is_handled_once() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam").await;
    child.tap("Cymraeg");
    t.app.poll_updates(0).await.unwrap();
    let t = t.restart().await;
    t.settle().await;
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(child.callback_answers().len(), 1);
    assert_eq!(child.messages().iter().filter(|m| m.edited).count(), 1);
    child.send_text("/help");
    t.settle().await;
    assert!(child.last_text().contains("/language") && !child.last_text().contains("Here is"), "Welsh stuck");
}

#[tokio::test]
async fn a_tap_stored_before_a_long_outage_is_still_acted_on_though_telegram_refuses_its_late_answer() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam").await;
    child.tap("Cymraeg");
    t.app.poll_updates(0).await.unwrap();
    // The bot comes back twenty seconds later: Telegram no longer takes an answer to that tap.
    t.fake.age_taps(std::time::Duration::from_secs(20));
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(t.fake.late_tap_answers(), 1, "the answer was tried, and refused as too late");
    assert!(child.callback_answers().is_empty());
    assert_eq!(child.news().iter().filter(|m| m.edited_in_step).count(), 1, "the question shows the choice");
    assert!(say(&t, &child, "/help").await.contains("/language"), "the choice was kept: Welsh");
    // Later taps are answered as usual.
    say(&t, &child, "/language").await;
    child.tap("English");
    t.settle().await;
    assert_eq!(child.callback_answers().len(), 1);
}

#[tokio::test]
async fn a_stored_update_holds_neither_the_senders_name_nor_their_username() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    t.child(&manager, 3, "Sam").await;
    let child = t.fake.phone(3, "Zebedee-Firstname");
    child.send_text("/help");
    t.app.poll_updates(0).await.unwrap();
    let mut conn = t.app.store().connection().await.unwrap();
    let payloads: Vec<(String,)> =
        sqlx::query_as("SELECT payload FROM inbound_updates").fetch_all(&mut *conn).await.unwrap();
    assert_eq!(payloads.len(), 1);
    assert!(payloads[0].0.contains("/help"), "what was sent is kept, to act on: {payloads:?}");
    assert!(!payloads[0].0.contains("Zebedee"), "the name Telegram gives is not: {payloads:?}");
}

#[tokio::test]
async fn the_database_is_sound_after_restarts() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    t.child(&manager, 3, "Sam").await;
    let t = t.restart().await;
    assert_eq!(t.app.store().integrity_check().await.unwrap(), "ok");
}

trait ClockNow {
    fn clock_now(&self) -> i64;
}

impl ClockNow for crate::support::app::TestApp {
    fn clock_now(&self) -> i64 {
        use touchbase::clock::Clock;
        self.clock.now().timestamp()
    }
}

#[tokio::test]
async fn a_chat_has_one_message_in_flight_and_what_someone_waits_for_goes_first() {
    let t = spawn_app().await;
    let now = t.clock_now();
    let mut conn = t.app.store().connection().await.unwrap();
    let message = |chat_id, priority| outbox::NewMessage {
        channel: ChannelKind::Telegram,
        language: Language::English,
        person_id: None,
        about_child_id: None,
        chat_id,
        occurrence_id: None,
        payload: r#"{"kind":"message","html":"x","buttons":[]}"#,
        due_at: now,
        priority,
        report_loss: true,
        topic: None,
    };
    for _ in 0..100 {
        outbox::enqueue(&mut conn, message(7, Priority::Bulk), now).await.unwrap();
    }
    outbox::enqueue(&mut conn, message(8, Priority::Bulk), now).await.unwrap();
    let claimed = outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now, 120, 64).await.unwrap();
    let chats: Vec<i64> = claimed.iter().map(|c| c.chat_id).collect();
    assert_eq!(chats, vec![7, 8], "one for the busy chat, then the one waiting behind it");
    assert!(
        outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now, 120, 64).await.unwrap().is_empty(),
        "both are in flight"
    );

    // A reply to someone waiting overtakes the bulk queued for others, and for them.
    outbox::enqueue(&mut conn, message(9, Priority::Bulk), now).await.unwrap();
    let reply_to_9 = outbox::enqueue(&mut conn, message(9, Priority::Person), now).await.unwrap();
    let reply_to_10 = outbox::enqueue(&mut conn, message(10, Priority::Person), now).await.unwrap();
    let claimed = outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now, 120, 1).await.unwrap();
    assert_eq!(claimed.iter().map(|c| c.id).collect::<Vec<_>>(), vec![reply_to_9]);
    let claimed = outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now, 120, 64).await.unwrap();
    assert_eq!(claimed.iter().map(|c| c.id).collect::<Vec<_>>(), vec![reply_to_10], "chat 9 has one in flight");

    // Telegram asked the busy chat to wait: its first goes back, and the rest of its queue stays
    // behind it, in order, until then.
    outbox::postpone(&mut conn, OutboxId(1), now + 30).await.unwrap();
    assert!(
        outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now + 1, 120, 64)
            .await
            .unwrap()
            .iter()
            .all(|c| c.chat_id != 7)
    );
    let claimed = outbox::claim_due(&mut conn, ChannelKind::Telegram, "a-copy", now + 30, 120, 64).await.unwrap();
    let busy: Vec<_> = claimed.iter().filter(|c| c.chat_id == 7).collect();
    assert_eq!(
        busy.iter().map(|c| (c.id, c.attempts)).collect::<Vec<_>>(),
        vec![(OutboxId(1), 1)],
        "not counted as a try"
    );
}

#[tokio::test]
async fn a_copy_keeps_the_claims_it_renews_and_loses_those_it_dropped() {
    let t = spawn_app().await;
    let now = t.clock_now();
    let mut conn = t.app.store().connection().await.unwrap();
    for chat_id in [7, 8] {
        let message = outbox::NewMessage {
            channel: ChannelKind::Telegram,
            language: Language::English,
            person_id: None,
            about_child_id: None,
            chat_id,
            occurrence_id: None,
            payload: r#"{"kind":"message","html":"x","buttons":[]}"#,
            due_at: now,
            priority: Priority::Person,
            report_loss: true,
            topic: None,
        };
        outbox::enqueue(&mut conn, message, now).await.unwrap();
    }
    let claimed = outbox::claim_due(&mut conn, ChannelKind::Telegram, "copy-a", now, 30, 64).await.unwrap();
    assert_eq!(claimed.len(), 2);
    let (kept, dropped) = (claimed[0].id, claimed[1].id);
    // Copy A still has the first in hand and renews it; another copy's name renews nothing.
    assert_eq!(outbox::renew_claims(&mut conn, "copy-a", &[kept], now + 50).await.unwrap(), 1);
    assert_eq!(outbox::renew_claims(&mut conn, "copy-b", &[kept, dropped], now + 90).await.unwrap(), 0);
    // Once the first lease runs out, copy B takes over only the one A let go of.
    let taken = outbox::claim_due(&mut conn, ChannelKind::Telegram, "copy-b", now + 31, 30, 64).await.unwrap();
    assert_eq!(taken.iter().map(|c| c.id).collect::<Vec<_>>(), vec![dropped]);
    assert_eq!(taken[0].attempts, 2, "the first claim may have sent it, so it counts as a try");
    let taken = outbox::claim_due(&mut conn, ChannelKind::Telegram, "copy-b", now + 51, 30, 64).await.unwrap();
    assert_eq!(taken.iter().map(|c| c.id).collect::<Vec<_>>(), vec![kept]);
}

#[tokio::test]
async fn an_update_pushed_again_is_stored_once_even_after_it_was_handled() {
    let t = spawn_app().await;
    let mut conn = t.app.store().connection().await.unwrap();
    let payload = r#"{"user_id":5,"language_code":null,"event":{"kind":"other"}}"#;
    assert!(inbox::save_update(&mut conn, 41, payload, 0).await.unwrap());
    assert!(!inbox::save_update(&mut conn, 41, payload, 0).await.unwrap(), "a second push while waiting");
    inbox::finish_update(&mut conn, 41).await.unwrap();
    assert!(!inbox::save_update(&mut conn, 41, payload, 0).await.unwrap(), "a push after it was handled");
    assert!(inbox::save_update(&mut conn, 40, payload, 0).await.unwrap(), "an older one arriving late is new");
    inbox::forget_handled_before(&mut conn, 1).await.unwrap();
    assert!(inbox::save_update(&mut conn, 41, payload, 10).await.unwrap(), "forgotten after two days");
}
