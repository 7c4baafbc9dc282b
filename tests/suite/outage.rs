//! Telegram down for hours, run on the test clock: sending pauses and probes rather than trying every
//! message, nothing that still matters is given up, a reminder whose appointment passed is reported
//! once, and no one is told anyone blocked the bot.

use crate::support::app::{TestApp, say, scalar, spawn_app};
use crate::support::fake_telegram::Phone;
use chrono::Duration;

/// Moves the test clock on by `step` until `span` has passed, letting the bot work at each step.
/// Returns how many sendMessage requests it made meanwhile.
async fn pass_time(t: &TestApp, span: Duration, step: Duration) -> usize {
    let sends_before = t.fake.calls("sendMessage");
    let mut passed = Duration::zero();
    while passed < span {
        t.clock.advance(step);
        passed += step;
        t.settle().await;
    }
    t.fake.calls("sendMessage") - sends_before
}

/// A reply queued for `phone` that has not gone yet (Telegram went down first).
async fn queue_reply(t: &TestApp, phone: &Phone, command: &str) {
    phone.send_text(command);
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
}

const LOST: &str = "could not be sent";

#[tokio::test]
async fn six_hours_without_telegram_lose_nothing_and_alarm_no_one() {
    let t = spawn_app().await;
    let priya = t.manager(1, "Priya").await;
    let alex = t.staff(&priya, "worker", 2, "Alex").await;
    let sam = t.child(&alex, 3, "Sam").await;
    // Tuesday at 16:00: the day-before reminder falls due on Monday at 16:00, during the outage.
    say(&t, &alex, "/slot Sam Tue 16:00").await;
    queue_reply(&t, &alex, "/children").await;
    queue_reply(&t, &priya, "/staff").await;
    t.fake.start_outage();

    // From 10:00 to 16:30.
    let steps = 6 * 12 + 6;
    let sends = pass_time(&t, Duration::minutes(5 * steps as i64), Duration::minutes(5)).await;
    // Paused, it probes with one message at a time, a minute apart at most: with a step of five
    // minutes, one probe a step (and the two replies tried at once when the outage began). Trying
    // every waiting message each time would be three a step.
    assert!(sends <= steps + 2, "{sends} sends in {steps} steps");
    assert!(sends >= steps / 2, "it kept probing ({sends} sends)");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE state IN ('failed', 'unreachable')").await, 0);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE unreachable_since IS NOT NULL").await, 0);

    t.fake.end_outage();
    pass_time(&t, Duration::minutes(1), Duration::minutes(1)).await;
    assert!(alex.texts().iter().any(|m| m.starts_with("Your caseload (1)")), "{:?}", alex.texts());
    assert!(priya.texts().iter().any(|m| m.starts_with("Staff (")), "{:?}", priya.texts());
    assert!(
        sam.texts().iter().any(|m| m.starts_with("You meet your worker on Tuesday 24 November")),
        "the reminder went: {:?}",
        sam.texts()
    );
    for phone in [&priya, &alex, &sam] {
        let alarms: Vec<String> =
            phone.texts().into_iter().filter(|m| m.contains(LOST) || m.contains("blocked")).collect();
        assert!(alarms.is_empty(), "user {}: {alarms:?}", phone.user_id());
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").await, 0);
}

#[tokio::test]
async fn after_a_day_and_more_without_telegram_each_loss_is_reported_once_together() {
    let t = spawn_app().await;
    let priya = t.manager(1, "Priya").await;
    let kim = t.staff(&priya, "manager", 4, "Kim").await;
    let alex = t.staff(&priya, "worker", 2, "Alex").await;
    let sam = t.child(&alex, 3, "Sam").await;
    say(&t, &alex, "/slot Sam Tue 16:00").await;
    queue_reply(&t, &priya, "/staff").await;
    t.fake.start_outage();

    // From Monday 10:00 to Tuesday 17:00: both of Sam's reminders fall due, and his appointment
    // starts, while Telegram is down; Priya's reply waits more than a day.
    pass_time(&t, Duration::hours(31), Duration::minutes(10)).await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE unreachable_since IS NOT NULL").await, 0);
    t.fake.end_outage();
    pass_time(&t, Duration::minutes(2), Duration::minutes(1)).await;

    let told = |phone: &Phone| -> Vec<String> { phone.texts().into_iter().filter(|m| m.contains(LOST)).collect() };
    // Two reminders lost, one notice naming Sam once.
    assert_eq!(told(&alex), ["A message to Sam could not be sent. Please contact them another way."]);
    // Priya's reply was lost: Kim hears of it; Priya is not told about herself.
    assert_eq!(told(&kim), ["A message to Priya could not be sent. Please contact them another way."]);
    assert!(told(&priya).is_empty(), "{:?}", priya.texts());
    assert!(sam.texts().iter().all(|m| !m.contains("16:00")), "no reminder after its appointment began");
    for phone in [&priya, &kim, &alex, &sam] {
        assert!(phone.texts().iter().all(|m| !m.contains("blocked")), "user {}", phone.user_id());
    }
    let lost = "SELECT COUNT(*) FROM outbox WHERE state = 'failed' AND last_error LIKE 'not sent%'";
    assert_eq!(scalar(&t, lost).await, 3, "two reminders and a reply");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").await, 0);
}
