//! A bad day: code that panics or fails while handling one update, one job or one message never stops
//! the bot for anyone else. What kept failing is set aside or given up, its sender told kindly, and
//! someone who can act told.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::support::app::{at, london, sam_on_tuesdays, say, scalar, spawn_app_failing};
use touchbase::usecase::context::FaultSite;

/// Panics whenever someone types words holding "boom".
fn boom(site: FaultSite<'_>) {
    if let FaultSite::Update { text: Some(text) } = site
        && text.contains("boom")
    {
        panic!("a use case that panics, for the test");
    }
}

#[tokio::test]
async fn an_update_that_panics_is_set_aside_and_everyone_else_is_answered() {
    let t = spawn_app_failing(boom).await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    child.send_text("/next boom");
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.last_text().contains("Sam"), "the worker is answered: {}", worker.last_text());
    assert_eq!(child.news_texts(), ["Sorry, something went wrong. Please try again later."]);
    let kept = "SELECT COUNT(*) FROM set_aside_updates WHERE kind = 'message' AND failure = 'panic'";
    assert_eq!(scalar(&t, kept).await, 1, "kept, not dropped");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM inbound_updates").await, 0, "out of the way");
    assert!(manager.last_text().starts_with("Touchbase could not handle something a person sent"));
    let problems = say(&t, &manager, "/problems").await;
    assert!(problems.contains("Typed messages: 1, after a crash."), "{problems}");
    assert!(!problems.contains("boom"), "never what they said: {problems}");
    // A second one soon after is set aside too, and the managers are not told again.
    child.send_text("boom again");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM set_aside_updates").await, 2);
    assert!(manager.news().is_empty(), "told once: {:?}", manager.news_texts());
    // And the child is answered as usual.
    assert!(say(&t, &child, "/next").await.starts_with("Your next meeting"));
}

#[tokio::test]
async fn an_update_that_panics_does_not_hold_up_the_next_one_after_a_restart_either() {
    let t = spawn_app_failing(boom).await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    child.send_text("/next boom");
    worker.send_text("/children");
    // Both were stored when the bot was killed; the first panics on every try after the restart.
    t.app.poll_updates(0).await.unwrap();
    let t = t.restart().await;
    t.settle().await;
    assert!(worker.last_text().contains("Sam"), "{}", worker.last_text());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM set_aside_updates").await, 1);
    let t = t.restart().await;
    assert!(say(&t, &worker, "/children").await.contains("Sam"), "and on it goes");
}

#[tokio::test]
async fn a_job_that_panics_is_retried_then_given_up_and_the_managers_told() {
    let t = spawn_app_failing(|site| {
        if let FaultSite::Job { kind: "figures" } = site {
            panic!("a job that panics, for the test");
        }
    })
    .await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    at(&t, london(2026, 11, 30, 9, 0)).await;
    for _ in 0..12 {
        t.clock.advance(chrono::Duration::minutes(10));
        t.settle().await;
    }
    assert!(manager.texts().iter().any(|m| m.starts_with("Touchbase could not do its \"figures\" job")));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM jobs WHERE kind = 'figures' AND state = 'failed'").await, 1);
    // Other jobs ran meanwhile: the question after last Tuesday's appointment came.
    assert!(worker.texts().iter().any(|m| m.starts_with("How did Sam's appointment go?")));
    assert!(say(&t, &child, "/next").await.starts_with("Your next meeting"));
}

#[tokio::test]
async fn a_message_whose_sending_panics_is_given_up_and_the_worker_told_while_others_go() {
    let armed = Arc::new(AtomicBool::new(false));
    let trigger = armed.clone();
    let t = spawn_app_failing(move |site| {
        if let FaultSite::Send { chat_id: 3 } = site
            && trigger.load(Ordering::SeqCst)
        {
            panic!("sending that panics, for the test");
        }
    })
    .await;
    let (manager, worker, _) = sam_on_tuesdays(&t).await;
    armed.store(true, Ordering::SeqCst);
    say(&t, &worker, "/skip Sam 2026-11-24").await;
    assert_eq!(worker.last_text(), "A message to Sam could not be sent. Please contact them another way.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE chat_id = 3 AND state = 'failed'").await, 1);
    assert!(say(&t, &manager, "/staff").await.starts_with("Staff"), "the sender went on");
}

/// Asked to type about something that has gone since (here: a panel referral erased with its child),
/// a member of staff is told what the bot understands, and it stops waiting for good.
#[tokio::test]
async fn waiting_for_words_about_something_gone_ends_for_good() {
    let t = crate::support::app::spawn_app().await;
    let (manager, _, _) = sam_on_tuesdays(&t).await;
    {
        let mut conn = t.app.store().connection().await.unwrap();
        sqlx::query("UPDATE people SET awaiting = 'panelnote:999999' WHERE telegram_user_id = 1")
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let reply = say(&t, &manager, "Weekly lift arranged").await;
    assert!(reply.contains("commands"), "{reply}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE awaiting IS NOT NULL").await, 0, "no longer waiting");
}
