//! The one sending path: escaping, Telegram's 429 and 5xx, blocked and broken chats, and a person told.

use crate::support::app::{at, child_card, london, say, scalar, spawn_app, spawn_paced_app};
use crate::support::fake_telegram::Failure;
use chrono::Duration;

#[tokio::test]
async fn a_name_full_of_html_reaches_every_message_as_typed() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam <3 & \"Jo\"").await;
    let welcome = &child.texts()[0];
    assert!(welcome.contains("Hi Sam <3 & \"Jo\"!"), "{welcome}");
    assert!(manager.texts().iter().any(|t| t.contains("Sam <3 & \"Jo\" has joined")), "{:?}", manager.texts());
    manager.send_text("/child Sam <3 & \"Jo\"");
    t.settle().await;
    assert!(child_card(&manager).starts_with("Sam <3 & \"Jo\": joined"), "{:?}", manager.texts());
    let mut conn = t.app.store().connection().await.unwrap();
    let failed: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state <> 'sent'").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(failed.0, 0, "every message was accepted by Telegram's HTML parser");
}

#[tokio::test]
async fn a_429_is_waited_out_and_the_message_goes_once() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let before = manager.texts().len();
    t.fake.fail_next("sendMessage", Failure::RetryAfter(1));
    manager.send_text("/staff");
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
    assert!(manager.last_text().starts_with("Staff (1)"));
}

#[tokio::test]
async fn a_server_error_is_retried_with_backoff_until_it_goes() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let before = manager.texts().len();
    t.fake.fail_next("sendMessage", Failure::ServerError(502));
    manager.send_text("/staff");
    t.settle().await;
    assert_eq!(manager.texts().len(), before, "not sent yet: waiting for the backoff");
    t.clock.advance(Duration::seconds(5));
    t.settle().await;
    assert_eq!(manager.texts().len(), before + 1);
    let mut conn = t.app.store().connection().await.unwrap();
    let attempts: (i64,) =
        sqlx::query_as("SELECT MAX(attempts) FROM outbox WHERE state = 'sent'").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(attempts.0, 2);
}

#[tokio::test]
async fn a_child_who_blocks_the_bot_is_reported_to_their_worker_at_once() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    child.block_bot();
    t.settle().await;
    assert!(worker.last_text().contains("Sam can't get Touchbase messages"), "{}", worker.last_text());
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.last_text().contains("Sam: can't be reached"), "{}", worker.last_text());

    // Writing again (which unblocks) makes them reachable.
    child.send_text("/help");
    t.settle().await;
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.last_text().contains("Sam: joined"), "{}", worker.last_text());
}

#[tokio::test]
async fn a_send_refused_with_403_marks_the_child_unreachable_and_tells_the_worker_once() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    child.send_text("/help");
    child.send_text("/language");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    // The child blocks the bot before the replies go; we have not yet heard of it.
    child.block_bot();
    t.app.deliver_messages().await.unwrap();
    t.app.deliver_messages().await.unwrap();
    let notices = worker.texts().iter().filter(|t| t.contains("Sam can't get Touchbase messages")).count();
    assert_eq!(notices, 1, "{:?}", worker.texts());
    t.settle().await;
    let notices = worker.texts().iter().filter(|t| t.contains("Sam can't get Touchbase messages")).count();
    assert_eq!(notices, 1, "the block update does not tell the worker twice");
    let mut conn = t.app.store().connection().await.unwrap();
    let unreachable: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE state = 'unreachable'").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(unreachable.0, 2, "neither message is retried");
}

#[tokio::test]
async fn a_message_telegram_refuses_is_given_up_and_the_worker_is_told() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    let before = child.texts().len();
    t.fake.fail_next("sendMessage", Failure::BadRequest("Bad Request: can't parse entities: oops".into()));
    child.send_text("/help");
    t.settle().await;
    assert_eq!(child.texts().len(), before);
    assert!(worker.last_text().contains("A message to Sam could not be sent"), "{}", worker.last_text());
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn messages_to_one_person_arrive_in_the_order_they_were_queued() {
    let t = spawn_paced_app().await;
    let manager = t.manager(1, "Priya").await;
    for n in 0..5 {
        manager.send_text(&format!("/enrol Child{n}"));
    }
    t.settle().await;
    let enrolled: Vec<String> = manager.texts().into_iter().filter(|t| t.contains("is enrolled")).collect();
    let order: Vec<String> = enrolled.iter().map(|t| t.split_whitespace().next().unwrap().to_owned()).collect();
    assert_eq!(order, ["Child0", "Child1", "Child2", "Child3", "Child4"]);
}

#[tokio::test]
async fn a_message_waiting_for_its_retry_keeps_the_later_ones_behind_it() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    t.fake.fail_next("sendMessage", Failure::ServerError(502));
    for n in 0..3 {
        manager.send_text(&format!("/enrol Child{n}"));
    }
    t.settle().await;
    manager.send_text("/enrol Child3");
    t.settle().await;
    assert!(manager.texts().iter().all(|t| !t.contains("is enrolled")), "all wait behind the first");
    t.clock.advance(Duration::seconds(5));
    t.settle().await;
    let enrolled: Vec<String> = manager.texts().into_iter().filter(|t| t.contains("is enrolled")).collect();
    let order: Vec<String> = enrolled.iter().map(|t| t.split_whitespace().next().unwrap().to_owned()).collect();
    assert_eq!(order, ["Child0", "Child1", "Child2", "Child3"]);
}

#[tokio::test]
async fn a_message_that_cannot_go_for_a_day_is_given_up_and_the_worker_is_told_once() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    t.fake.cut_off(child.user_id());
    worker.send_text("/slot Sam Wed 16:00");
    t.settle().await;
    let attempts = || scalar(&t, "SELECT MAX(attempts) FROM outbox WHERE chat_id = 3 AND state = 'pending'");
    assert_eq!(attempts().await, 1, "tried once, waiting to try again");
    // The connection to Sam's chat keeps dropping: that uses no tries up. It is tried every 15 minutes
    // at most, and given up a day after it was queued.
    let mut waited = Duration::zero();
    while waited < Duration::hours(25) && !worker.texts().iter().any(|m| m.contains("could not be sent")) {
        t.clock.advance(Duration::minutes(15));
        waited += Duration::minutes(15);
        t.settle().await;
    }
    assert!(waited >= Duration::hours(24), "it kept trying for a day first ({waited})");
    assert!(scalar(&t, "SELECT MAX(attempts) FROM outbox WHERE chat_id = 3").await > 10, "tried again and again");
    let told: Vec<String> = worker.texts().into_iter().filter(|m| m.contains("could not be sent")).collect();
    assert_eq!(told, ["A message to Sam could not be sent. Please contact them another way."]);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE chat_id = 3 AND state = 'failed'").await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE chat_id = 3 AND state = 'pending'").await, 0);
    assert!(!manager.texts().iter().any(|m| m.contains("blocked")), "no one is told anyone blocked the bot");
}

#[tokio::test]
async fn a_member_of_staff_who_cannot_be_reached_is_reported_to_the_managers_once() {
    let t = spawn_app().await;
    let priya = t.manager(1, "Priya").await;
    let kim = t.staff(&priya, "manager", 4, "Kim").await;
    let worker = t.staff(&priya, "worker", 2, "Alex").await;
    t.child(&worker, 3, "Sam").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    worker.block_bot();
    t.settle().await;
    let report =
        "Touchbase can't reach Alex (they blocked it or left Telegram), so they are missing messages about their work.";
    for manager in [&priya, &kim] {
        assert_eq!(manager.news_texts(), [report], "user {}", manager.user_id());
    }
    // The question after Sam's appointment, meant for Alex, then fails; the managers already know.
    at(&t, london(2026, 11, 24, 17, 0)).await;
    let refused = "SELECT COUNT(*) FROM outbox WHERE chat_id = 2 AND state = 'unreachable'";
    assert_eq!(scalar(&t, refused).await, 1, "the question could not go");
    assert!(priya.news().is_empty() && kim.news().is_empty(), "told once");
}

#[tokio::test]
async fn a_429_pauses_sending_to_everyone_for_as_long_as_telegram_asks() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    // Telegram answers the reply to Alex with 429 and two seconds to wait.
    t.fake.fail_next("sendMessage", Failure::RetryAfter(2));
    let asked = tokio::time::Instant::now();
    worker.send_text("/help");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    let app = t.app.clone();
    let first = tokio::spawn(async move { app.deliver_messages().await });
    t.fake.wait_until("Telegram answered 429", || t.fake.calls("sendMessage") >= 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Meanwhile Priya asks for something: her reply waits too.
    manager.send_text("/help");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    t.app.deliver_messages().await.unwrap();
    first.await.unwrap().unwrap();
    let sent: Vec<_> = t.fake.delivered().into_iter().filter(|(at, _, _)| *at >= asked).collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    for (at, chat, _) in sent {
        assert!(at.duration_since(asked) >= std::time::Duration::from_millis(1900), "chat {chat} waited too");
    }
    assert_eq!(scalar(&t, "SELECT MAX(attempts) FROM outbox").await, 1, "a 429 uses up no try");
}
