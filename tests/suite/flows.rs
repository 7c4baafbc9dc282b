//! Guided flows: each staff command sent bare, as a menu tap sends it, goes on by buttons (typing only
//! a name, a reason, a label or a link) to a finished action; Back, Cancel and a restart mid-flow.

use crate::support::app::{TestApp, say, scalar, spawn_app};
use crate::support::fake_telegram::{ChatMessage, Phone};

/// Taps a button and lets the bot settle: the message the tap changed (or, failing that, sent).
async fn tap(t: &TestApp, phone: &Phone, label: &str) -> ChatMessage {
    phone.tap(label);
    t.settle().await;
    let news = phone.news();
    news.iter().find(|m| m.edited_in_step).or(news.last()).cloned().expect("the tap changed or sent a message")
}

/// The buttons' labels, row by row.
fn labels(message: &ChatMessage) -> Vec<Vec<String>> {
    message.buttons.iter().map(|row| row.iter().map(|b| b.text.clone()).collect()).collect()
}

/// A worker with two children, Sam (enrolled first) and Jo.
async fn worker_with_two_children(t: &TestApp) -> Phone {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(t, &worker, "/enrol Sam").await;
    say(t, &worker, "/enrol Jo").await;
    worker
}

#[tokio::test]
async fn a_bare_slot_is_booked_by_buttons_with_back_before_confirming() {
    let t = spawn_app().await;
    let worker = worker_with_two_children(&t).await;

    let asked = {
        say(&t, &worker, "/slot").await;
        worker.last_message()
    };
    assert_eq!(asked.text, "New weekly appointment\n\nWhich child? Tap one, or type their name.");
    assert_eq!(labels(&asked), [vec!["Jo", "Sam"], vec!["Cancel"]], "most recent first");

    let day = tap(&t, &worker, "Sam").await;
    assert_eq!(day.message_id, asked.message_id, "one message, edited in place");
    assert_eq!(day.text, "New weekly appointment\nChild: Sam\n\nWhich day of the week?");
    assert_eq!(labels(&day)[0], ["Monday", "Tuesday", "Wednesday", "Thursday"]);
    assert_eq!(labels(&day).last().unwrap(), &["‹ Back", "Cancel"]);

    let time = tap(&t, &worker, "Tuesday").await;
    assert!(time.text.ends_with("Day: Tuesday\n\nWhat time? Tap one, or type it (like 4.30pm)."), "{}", time.text);
    assert_eq!(labels(&time)[0], ["9am", "10am", "11am", "12pm", "1pm"]);
    tap(&t, &worker, "4pm").await;
    let place = tap(&t, &worker, "45 minutes").await;
    assert!(place.text.ends_with("Where? Tap one, or type the place."), "{}", place.text);
    assert_eq!(labels(&place)[0], ["at the office", "by phone"]);
    let check = tap(&t, &worker, "at the office").await;
    assert_eq!(
        check.text,
        "New weekly appointment\nChild: Sam\nDay: Tuesday\nTime: 4pm\nLength: 45 minutes\nPlace: at the office\n\n\
         Is this right? Tap Confirm, or Back to change it."
    );
    assert_eq!(labels(&check), [vec!["✅ Confirm"], vec!["‹ Back", "Cancel"]]);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM slots").await, 0, "nothing is booked before Confirm");

    // Back asks the last piece again; the new answer replaces it.
    let again = tap(&t, &worker, "Back").await;
    assert!(again.text.ends_with("Length: 45 minutes\n\nWhere? Tap one, or type the place."), "{}", again.text);
    tap(&t, &worker, "by phone").await;
    worker.tap("Confirm");
    t.settle().await;
    let news = worker.news_texts();
    assert!(news.iter().any(|n| n.starts_with("Booked")), "{news:?}");
    let mut conn = t.app.store().connection().await.unwrap();
    let booked: (String, i64, String) =
        sqlx::query_as("SELECT local_time, minutes, place FROM slots").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(booked, ("16:00".to_owned(), 45, "phone".to_owned()));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM flows").await, 0, "a finished flow is gone");
}
