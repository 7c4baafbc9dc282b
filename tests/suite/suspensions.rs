//! Suspensions: asked for by a worker, decided by a manager, held for the court's variation reference
//! when longer than a month. Suspended weeks send no reminders, ask nothing and count as no misses.
//! Clock starts Monday 23 November 2026 10:00; Sam's appointment is on Tuesdays at 16:00.

use crate::support::app::{at, london, sam_on_tuesdays, say, scalar, spawn_app, spawn_paced_app};
use crate::support::fake_telegram::Phone;

fn reminders(child: &Phone) -> Vec<String> {
    child.texts().into_iter().filter(|t| t.starts_with("You meet your worker")).collect()
}

fn questions(worker: &Phone) -> usize {
    worker.texts().iter().filter(|m| m.starts_with("How did")).count()
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn an_approved_suspension_sends_no_reminders_asks_nothing_and_counts_no_miss() {
    let t = spawn_paced_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let asked = say(&t, &worker, "/suspend Sam 2026-11-30 2026-12-06 in hospital").await;
    assert_eq!(asked, "Sent to the managers: Sam's suspension.\nYou will hear when it is decided.");
    let request = manager.last_message();
    assert_eq!(
        request.text,
        "Alex asks to suspend Sam's appointments from Monday 30 November to Sunday 6 December (7 days).\nReason: in hospital\nApprove or refuse?"
    );
    let labels: Vec<&str> = request.buttons[0].iter().map(|b| b.text.as_str()).collect();
    assert_eq!(labels, ["Approve", "Refuse"]);
    manager.tap("Approve");
    t.settle().await;
    let approved = "Sam's suspension from Monday 30 November to Sunday 6 December was approved by Priya. No reminders, no attendance questions and no misses in that time.";
    assert_eq!(worker.last_text(), approved);
    assert!(manager.messages().iter().any(|m| m.edited && m.text == approved && m.buttons.is_empty()));
    assert_eq!(
        child.last_text(),
        "Your meetings stop from Monday 30 November to Sunday 6 December. Your worker will tell you when they start again."
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM occurrences WHERE state = 'suspended'").await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM audit_log WHERE action = 'suspension-approved'").await, 1);

    at(&t, london(2026, 11, 24, 17, 0)).await;
    worker.tap("Came");
    t.settle().await;
    let before = reminders(&child).len();
    at(&t, london(2026, 12, 1, 18, 0)).await;
    assert_eq!(reminders(&child).len(), before, "no reminder in the suspended week");
    assert_eq!(questions(&worker), 1, "no attendance question for the suspended week");
    assert_eq!(say(&t, &worker, "/missed Sam 2026-12-01").await, "Sam has no appointment that started on 2026-12-01.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance").await, 1);

    say(&t, &worker, "/child Sam").await;
    let card = worker.news_texts().into_iter().rev().find(|m| m.contains("\nLast 8 weeks")).unwrap();
    assert!(card.contains("\nLast 8 weeks: ✅ ⏸\n"), "{card}");
    assert!(card.contains("• 2026-11-30 to 2026-12-06: approved. Reason: in hospital."), "{card}");

    at(&t, london(2026, 12, 7, 16, 0)).await;
    assert_eq!(reminders(&child).len(), before + 1, "reminders come back after it");
}

#[tokio::test]
async fn a_refused_suspension_changes_nothing_for_the_child() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/suspend Sam 2026-11-30 2026-12-06 holiday").await;
    let seen = child.texts().len();
    manager.tap("Refuse");
    t.settle().await;
    assert_eq!(
        worker.last_text(),
        "Sam's suspension from Monday 30 November to Sunday 6 December was refused by Priya. Appointments go on as booked."
    );
    assert_eq!(child.texts().len(), seen, "the child is not told of a refusal");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM occurrences WHERE state = 'suspended'").await, 0);
    manager.tap_data(manager.messages().last().unwrap().message_id, "1:susp:1:y");
    t.settle().await;
    assert_eq!(
        manager.callback_answers().last().unwrap().text.as_deref(),
        Some("This suspension has already been decided.")
    );
    at(&t, london(2026, 11, 30, 16, 0)).await;
    assert!(reminders(&child).iter().any(|r| r.contains("1 December")), "{:?}", child.texts());
}

#[tokio::test]
async fn longer_than_a_month_waits_for_the_courts_variation_reference() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let asked = say(&t, &worker, "/suspend Sam 2026-11-30 2027-01-15 new baby").await;
    assert!(asked.contains("longer than a month, so it needs the court's variation reference"), "{asked}");
    assert!(manager.last_text().ends_with("Longer than a month: approving needs the court's variation reference."));
    manager.tap("Approve");
    t.settle().await;
    assert!(manager.last_text().starts_with("This suspension is longer than a month"), "{}", manager.last_text());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM suspensions WHERE state = 'requested'").await, 1, "held");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM occurrences WHERE state = 'suspended'").await, 0);
    assert!(!child.texts().iter().any(|m| m.contains("stop from")));

    manager.send_text("VAR-2026-0042");
    t.settle().await;
    assert!(manager.last_text().contains("was approved by Priya"), "{}", manager.last_text());
    assert!(child.last_text().starts_with("Your meetings stop from Monday 30 November to Friday 15 January."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM suspensions WHERE court_reference = 'VAR-2026-0042'").await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM occurrences WHERE state = 'suspended'").await, 7);
    say(&t, &worker, "/child Sam").await;
    let card = worker.news_texts().into_iter().rev().find(|m| m.contains("\nLast 8 weeks")).unwrap();
    assert!(card.contains("Court variation reference: VAR-2026-0042"), "{card}");
}

#[tokio::test]
async fn only_managers_decide_and_bad_requests_change_nothing() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    for (command, expected) in [
        ("/suspend Sam", "From which day?"),
        ("/suspend Sam 2026-12-06 2026-11-30 ill", "The end date is before the start date."),
        ("/suspend Sam 2026-11-01 2026-11-20 ill", "That period has already ended."),
        ("/suspend Sam 2026-11-30 2026-12-06", "Why? Type a few words."),
        ("/suspend Jo 2026-11-30 2026-12-06 ill", "Jo"),
    ] {
        assert!(say(&t, &worker, command).await.contains(expected), "{command}");
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM suspensions").await, 0);
    say(&t, &worker, "/suspend Sam 2026-11-30 2026-12-06 ill").await;
    assert!(say(&t, &worker, "/suspend Sam 2026-12-05 2026-12-10 ill").await.contains("already has a suspension"));
    assert!(say(&t, &child, "/suspend Sam 2026-11-30 2026-12-06 ill").await.contains("can't use that"));
    for phone in [&worker, &child] {
        phone.tap_data(phone.messages().last().unwrap().message_id, "1:susp:1:y");
        t.settle().await;
        assert_eq!(
            phone.callback_answers().last().unwrap().text.as_deref(),
            Some("Sorry, that button does not work now.")
        );
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM suspensions WHERE state = 'requested'").await, 1);
}

#[tokio::test]
async fn an_appointment_cannot_be_moved_into_a_suspended_week() {
    let t = spawn_app().await;
    let (manager, worker, _) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/suspend Sam 2026-11-30 2026-12-06 ill").await;
    manager.tap("Approve");
    t.settle().await;
    let reply = say(&t, &worker, "/move Sam 2026-11-24 2026-12-02 16:00").await;
    assert_eq!(reply, "Sam's appointments are suspended on that date. Please choose another date.");
}

#[tokio::test]
async fn back_to_back_requests_cannot_step_round_the_court() {
    let t = spawn_app().await;
    let (manager, worker, _) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/suspend Sam 2026-11-30 2026-12-20 ill").await;
    manager.tap("Approve");
    t.settle().await;
    let asked = say(&t, &worker, "/suspend Sam 2026-12-21 2027-01-10 still ill").await;
    assert!(asked.contains("longer than a month"), "joined with the one before, it is: {asked}");
    manager.tap("Approve");
    t.settle().await;
    assert!(manager.last_text().starts_with("This suspension is longer than a month"), "{}", manager.last_text());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM suspensions WHERE state = 'approved'").await, 1);
}

#[tokio::test]
async fn a_manager_cannot_approve_their_own_request_when_another_manager_can() {
    let t = spawn_app().await;
    let priya = t.manager(1, "Priya").await;
    let quinn = t.staff(&priya, "manager", 5, "Quinn").await;
    t.child(&priya, 3, "Kim").await;
    say(&t, &priya, "/slot Kim Tue 16:00").await;
    say(&t, &priya, "/suspend Kim 2026-11-30 2026-12-06 ill").await;
    assert!(!priya.messages().iter().any(|m| m.buttons.iter().flatten().any(|b| b.text == "Approve")));
    assert!(quinn.last_text().starts_with("Priya asks to suspend Kim's appointments"), "{}", quinn.last_text());
    let id = scalar(&t, "SELECT id FROM suspensions").await;
    priya.tap_data(priya.messages().last().unwrap().message_id, &format!("1:susp:{id}:y"));
    t.settle().await;
    assert_eq!(priya.callback_answers().last().unwrap().text.as_deref(), Some("Sorry, that button does not work now."));
    quinn.tap("Approve");
    t.settle().await;
    assert!(priya.last_text().contains("was approved by Quinn"), "{}", priya.last_text());
}

#[tokio::test]
async fn a_suspension_reaching_back_keeps_what_was_recorded() {
    let t = spawn_app().await;
    let (manager, worker, _) = sam_on_tuesdays(&t).await;
    at(&t, london(2026, 11, 24, 17, 0)).await;
    worker.tap("Didn't come");
    t.settle().await;
    say(&t, &worker, "/suspend Sam 2026-11-24 2026-12-06 in hospital since Tuesday").await;
    manager.tap("Approve");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM occurrences WHERE state = 'suspended'").await, 1, "only 1 December");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance WHERE outcome = 'missed'").await, 1);
}

#[tokio::test]
async fn a_week_made_after_a_suspension_inside_it_starts_suspended() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/suspend Sam 2026-12-07 2026-12-13 in hospital").await;
    manager.tap("Approve");
    t.settle().await;
    // A second weekly slot, booked after the suspension was approved: its week inside it is suspended.
    say(&t, &worker, "/slot Sam Thu 16:00").await;
    let thursday = "SELECT state FROM occurrences o JOIN slots s ON s.id = o.slot_id \
                    WHERE s.weekday = 3 AND o.series_date = '2026-12-10'";
    let mut conn = t.app.store().connection().await.unwrap();
    let (state,): (String,) = sqlx::query_as(thursday).fetch_one(&mut *conn).await.unwrap();
    drop(conn);
    assert_eq!(state, "suspended");
    let before = reminders(&child).len();
    at(&t, london(2026, 12, 10, 17, 0)).await;
    assert_eq!(reminders(&child).len(), before, "no reminder for it");
    at(&t, london(2026, 12, 16, 16, 0)).await;
    assert_eq!(reminders(&child).len(), before + 1, "the next Thursday has its own");
}

#[tokio::test]
async fn carers_are_told_of_an_approved_suspension() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/carer Sam").await;
    child.tap("Yes, that's OK");
    t.settle().await;
    let carer = t.fake.phone(30, "Mum");
    carer.send_text(&format!("/start {}", crate::support::app::invite_code_in(&worker.last_text())));
    t.settle().await;
    say(&t, &worker, "/suspend Sam 2026-12-07 2026-12-13 in hospital").await;
    manager.tap("Approve");
    t.settle().await;
    assert_eq!(carer.last_text(), "Sam's meetings stop from Monday 7 December to Sunday 13 December.");
}
