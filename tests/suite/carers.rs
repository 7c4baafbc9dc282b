//! Parents and carers: asked of the child first, reminders only after a yes, stoppable by the child.

use crate::support::app::{TestApp, at, invite_code_in, london, say, scalar, spawn_app, spawn_paced_app};
use crate::support::fake_telegram::Phone;

async fn family(t: &TestApp) -> (Phone, Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    say(t, &worker, "/slot Sam Tue 16:00").await;
    say(t, &worker, "/carer Sam").await;
    (worker, child, manager)
}

/// The child says yes and the carer joins through the link the worker got.
async fn carer_joins(t: &TestApp, worker: &Phone, child: &Phone) -> Phone {
    child.tap("Yes, that's OK");
    t.settle().await;
    let carer = t.fake.phone(30, "Mum");
    carer.send_text(&format!("/start {}", invite_code_in(&worker.last_text())));
    t.settle().await;
    carer
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn the_child_says_yes_and_the_carer_gets_the_same_reminders_without_buttons() {
    let t = spawn_paced_app().await;
    let (worker, child, _) = family(&t).await;
    assert!(worker.last_text().contains("We have asked Sam"), "{}", worker.last_text());
    assert!(!worker.last_text().contains("?start="), "no link before the child says yes");
    assert_eq!(
        child.last_text(),
        "Can a parent or carer also get your meeting reminders? You can stop this at any time."
    );
    child.tap("Yes, that's OK");
    t.settle().await;
    assert!(child.messages().iter().any(|m| m.edited && m.text == "OK. Your worker will send them a link."));
    let link = worker.last_text();
    assert!(link.contains("Sam said yes") && link.contains("?start="), "{link}");

    let carer = t.fake.phone(30, "Mum");
    carer.send_text(&format!("/start {}", invite_code_in(&link)));
    t.settle().await;
    assert_eq!(carer.texts()[0], "Hi! You will get Sam's meeting reminders here.");
    assert!(worker.last_text().contains("Sam's parent or carer has joined"), "{}", worker.last_text());
    let (menu, _) = carer.commands().unwrap();
    assert_eq!(menu.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["next", "language", "help"]);

    t.clock.set(london(2026, 11, 23, 16, 0));
    t.settle().await;
    let reminder = carer.last_message();
    assert_eq!(reminder.text, "Reminder: Sam meets their worker on Tuesday 24 November, 4pm, at the office.");
    assert!(reminder.buttons.is_empty(), "carers do not answer for the child");
    assert_eq!(say(&t, &carer, "/next").await, "Sam's next meeting is Tuesday 24 November, 4pm, at the office.");
    for command in ["/carers", "/enrol Jo", "/children", "/slot Sam Tue 16:00"] {
        assert!(say(&t, &carer, command).await.contains("can't use that"), "{command}");
    }
}

#[tokio::test]
async fn the_child_can_say_no_and_nothing_is_sent_to_anyone_else() {
    let t = spawn_app().await;
    let (worker, child, _) = family(&t).await;
    child.tap("No thanks");
    t.settle().await;
    assert!(worker.last_text().contains("Sam said no"), "{}", worker.last_text());
    assert_eq!(say(&t, &child, "/carers").await, "Only you get your meeting reminders.");
    let mut conn = t.app.store().connection().await.unwrap();
    let (carers,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE role = 'carer'").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(carers, 0);
}

#[tokio::test]
async fn the_child_sees_and_withdraws_consent_and_the_worker_is_told() {
    let t = spawn_app().await;
    let (worker, child, _) = family(&t).await;
    let carer = carer_joins(&t, &worker, &child).await;
    assert!(say(&t, &child, "/help").await.contains("/carers"), "help shows how");
    assert_eq!(say(&t, &child, "/carers").await, "A parent or carer gets your meeting reminders too.");
    child.tap("Stop sending them my reminders");
    t.settle().await;
    assert!(worker.last_text().contains("Sam stopped their parent or carer"), "{}", worker.last_text());
    assert_eq!(carer.last_text(), "You will not get these reminders any more.");
    let seen = carer.texts().len();
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.settle().await;
    assert_eq!(carer.texts().len(), seen, "no more reminders");
    assert!(say(&t, &carer, "/next").await.contains("need an invite"), "their access has ended");
}

#[tokio::test]
async fn consent_taps_are_checked_and_carer_needs_a_joined_child() {
    let t = spawn_app().await;
    let (worker, child, manager) = family(&t).await;
    // Tapping Stop before ever saying yes, or Yes twice, changes nothing.
    let question = child.messages().last().unwrap().message_id;
    child.tap_data(question, "1:consent:s");
    t.settle().await;
    assert!(child.callback_answers().pop().unwrap().text.unwrap_or_default().contains("does not work"));
    child.tap("Yes, that's OK");
    t.settle().await;
    child.tap_data(question, "1:consent:y");
    t.settle().await;
    assert!(child.callback_answers().pop().unwrap().text.unwrap_or_default().contains("does not work"));
    // A member of staff cannot answer for a child.
    let own = worker.messages().last().unwrap().message_id;
    worker.tap_data(own, "1:consent:n");
    t.settle().await;
    assert!(worker.callback_answers().pop().unwrap().text.unwrap_or_default().contains("does not work"));

    say(&t, &manager, "/enrol Jo").await;
    assert!(say(&t, &manager, "/carer Jo").await.contains("has not joined yet"));
    let bare = say(&t, &manager, "/carer").await;
    assert!(bare.ends_with("Which child? Tap one, or type their name."), "bare, the caseload to pick from: {bare}");
    assert!(say(&t, &child, "/carer Sam").await.contains("can't use that"));
}

#[tokio::test]
async fn asking_again_after_a_yes_is_refused_and_a_carer_who_blocks_is_reported_as_the_carer() {
    let t = spawn_app().await;
    let (worker, child, _) = family(&t).await;
    let carer = carer_joins(&t, &worker, &child).await;
    assert!(say(&t, &worker, "/carer Sam").await.contains("already said yes"), "{}", worker.last_text());
    assert_eq!(say(&t, &child, "/carers").await, "A parent or carer gets your meeting reminders too.");
    carer.block_bot();
    t.settle().await;
    assert!(
        worker.last_text().starts_with("Sam's parent or carer can't get Touchbase messages"),
        "{}",
        worker.last_text()
    );
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.last_text().contains("Sam: joined"), "the child is still reachable: {}", worker.last_text());
}

#[tokio::test]
async fn what_was_waiting_for_a_carer_is_dropped_when_the_child_withdraws_consent() {
    let t = spawn_app().await;
    let (worker, child, _) = family(&t).await;
    let carer = carer_joins(&t, &worker, &child).await;
    // Sam missed Tuesday's meeting; it is recorded at night, so the carer's news waits for the morning.
    at(&t, london(2026, 11, 24, 17, 0)).await;
    t.clock.set(london(2026, 11, 24, 22, 0));
    worker.tap("Didn't come");
    t.settle().await;
    assert!(carer.news().is_empty(), "nothing at night");
    let waiting = "SELECT COUNT(*) FROM outbox WHERE chat_id = 30 AND state = 'pending'";
    assert_eq!(scalar(&t, waiting).await, 1, "the carer's news is queued for the morning");
    // That evening Sam stops it.
    say(&t, &child, "/carers").await;
    child.tap("Stop sending them my reminders");
    t.settle().await;
    at(&t, london(2026, 11, 25, 8, 0)).await;
    assert!(child.news_texts().iter().any(|m| m.starts_with("We missed you")), "Sam's own news goes");
    assert!(!carer.texts().iter().any(|m| m.contains("missed their meeting")), "{:?}", carer.texts());
    assert_eq!(scalar(&t, waiting).await, 0);
}
