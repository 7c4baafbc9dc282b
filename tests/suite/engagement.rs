//! After each appointment: attendance, the kind follow-up, reasons and the worker's view of them,
//! warnings, the engagement panel and praise, end to end. Clock starts Monday 23 November 2026 10:00;
//! Sam's appointment is on Tuesdays 16:00-17:00 (24 November, 1, 8, 15 December ...).

use crate::support::app::{
    TestApp, at, invite_code_in, london, sam_on_tuesdays, say, scalar, spawn_app, spawn_paced_app,
};
use crate::support::fake_telegram::Phone;
use chrono::{DateTime, Duration, Utc};

/// The Tuesday `week` weeks after 24 November, 17:00, when the appointment has just ended.
fn after(week: i64) -> DateTime<Utc> {
    london(2026, 11, 24, 17, 0) + Duration::weeks(week)
}

/// Ends week `week`'s appointment and answers the attendance question with `button`.
async fn record(t: &TestApp, worker: &Phone, week: i64, button: &str) {
    at(t, after(week)).await;
    worker.tap(button);
    t.settle().await;
}

/// A missed appointment with a reason the worker finds not acceptable, then a confirmed warning.
async fn miss_and_warn(t: &TestApp, worker: &Phone, child: &Phone, week: i64) {
    record(t, worker, week, "Didn't come").await;
    child.tap("I forgot");
    t.settle().await;
    worker.tap("Not acceptable");
    t.settle().await;
    say(t, worker, "/warn Sam missed without a good reason").await;
    worker.tap("Yes, give the warning");
    t.settle().await;
}

#[tokio::test]
async fn after_each_appointment_the_worker_is_asked_and_a_kept_one_earns_praise() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    at(&t, after(0) - Duration::minutes(1)).await;
    assert!(!worker.texts().iter().any(|m| m.starts_with("How did")), "not before it ends");
    at(&t, after(0)).await;
    let question = worker.last_message();
    assert_eq!(question.text, "How did Sam's appointment go? Tuesday 2026-11-24 16:00, at the office.");
    let labels: Vec<&str> = question.buttons[0].iter().map(|b| b.text.as_str()).collect();
    assert_eq!(labels, ["Came", "Late", "Didn't come"]);

    worker.tap("Came");
    t.settle().await;
    assert_eq!(child.last_text(), "Thanks for coming to your meeting. Well done!");
    let edited = worker.messages().into_iter().find(|m| m.edited).expect("the question shows the answer");
    assert!(edited.text.ends_with("Recorded: Came."), "{}", edited.text);
    assert_eq!(edited.buttons[0].len(), 3, "the buttons stay, to put a slip right");
    assert!(worker.last_text().starts_with("Recorded: Sam, Tuesday 2026-11-24 16:00: Came."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM audit_log WHERE action = 'attendance'").await, 1);
}

#[tokio::test]
async fn the_question_survives_a_restart_and_a_skipped_week_asks_nothing() {
    let t = spawn_app().await;
    let (_, worker, _) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/skip Sam 2026-12-01 bank holiday").await;
    at(&t, london(2026, 11, 24, 16, 30)).await;
    let t = t.restart().await;
    at(&t, after(0)).await;
    assert!(worker.last_text().starts_with("How did Sam's appointment go?"), "{}", worker.last_text());
    at(&t, after(1)).await;
    let questions = worker.texts().iter().filter(|m| m.starts_with("How did")).count();
    assert_eq!(questions, 1, "the skipped week asks nothing");
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn a_miss_gets_one_kind_follow_up_and_the_reason_reaches_the_worker_at_once() {
    let t = spawn_paced_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    let follow_up = child.last_message();
    assert_eq!(follow_up.text, "We missed you at your meeting on Tuesday 24 November. Are you OK, and what happened?");
    let labels: Vec<&str> = follow_up.buttons.iter().map(|row| row[0].text.as_str()).collect();
    assert_eq!(
        labels,
        [
            "I'm ill",
            "No way to get there",
            "School or work",
            "Family",
            "I forgot",
            "Something else",
            "I'd like to talk to my worker"
        ]
    );

    child.tap("No way to get there");
    t.settle().await;
    assert_eq!(child.last_text(), "Thank you for telling us. Your worker will get in touch.");
    let notice = worker.last_message();
    assert_eq!(
        notice.text,
        "Sam says why they missed Tuesday 2026-11-24 16:00:\nReason: No way to get there.\nIs this reason acceptable?"
    );
    worker.tap("Acceptable");
    t.settle().await;
    assert_eq!(worker.last_text(), "Recorded: Sam's reason is acceptable.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM miss_reasons WHERE acceptable = 1").await, 1);

    child.tap("I'd like to talk to my worker");
    t.settle().await;
    assert_eq!(child.last_text(), "Thank you. Your worker will get in touch soon.");
    assert!(worker.last_text().starts_with("Sam would like to talk to you"), "{}", worker.last_text());
    let follow_ups = child
        .messages()
        .iter()
        .filter(|m| m.buttons.iter().flatten().any(|b| b.text == "I'd like to talk to my worker"))
        .count();
    assert_eq!(follow_ups, 1, "one kind message, not a stream");
}

#[tokio::test]
async fn something_else_takes_a_few_typed_words_and_carers_are_told_gently() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/carer Sam").await;
    child.tap("Yes, that's OK");
    t.settle().await;
    let carer = t.fake.phone(30, "Mum");
    carer.send_text(&format!("/start {}", invite_code_in(&worker.last_text())));
    t.settle().await;

    record(&t, &worker, 0, "Didn't come").await;
    assert_eq!(carer.last_text(), "Sam missed their meeting on Tuesday 24 November. Their worker will be in touch.");
    child.tap("Something else");
    t.settle().await;
    assert_eq!(child.last_text(), "Please type a few words about why.");
    child.send_text("my nan was in hospital");
    t.settle().await;
    assert!(worker.last_text().contains("In their words: \"my nan was in hospital\""), "{}", worker.last_text());
}

#[tokio::test]
async fn not_acceptable_offers_a_warning_it_never_gives_unless_the_worker_says_why_and_confirms() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    child.tap("I forgot");
    t.settle().await;
    worker.tap("Not acceptable");
    t.settle().await;
    let offer = worker.last_message();
    assert!(offer.text.contains("A warning is your decision: nothing happens unless you give one"), "{}", offer.text);
    assert_eq!(offer.buttons[0][0].text, "Give Sam a warning...");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings").await, 0);
    assert!(!child.texts().iter().any(|m| m.contains("warning")), "the child hears of no warning");
    assert!(!manager.texts().iter().any(|m| m.contains("panel")));

    // Choosing to: asked why, in a few words, then asked to confirm as /warn does.
    worker.tap("Give Sam a warning...");
    t.settle().await;
    assert_eq!(worker.last_text(), "Why are you warning Sam? Type the reason in a few words.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings").await, 0);
    assert!(say(&t, &worker, &"x".repeat(201)).await.contains("200"), "{}", worker.last_text());
    let confirm = say(&t, &worker, "forgot a second time").await;
    assert!(confirm.starts_with("Give Sam a warning?\nReason: forgot a second time\nWarnings so far: 0."), "{confirm}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 0, "not until confirmed");
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM warnings WHERE occurrence_id IS NOT NULL").await,
        1,
        "for that appointment"
    );
    worker.tap("Yes, give the warning");
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 1);
}

#[tokio::test]
async fn a_warning_needs_the_workers_confirmation_and_one_is_not_a_referral() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    let confirm = say(&t, &worker, "/warn Sam missed without a good reason").await;
    assert!(
        confirm.starts_with("Give Sam a warning?\nReason: missed without a good reason\nWarnings so far: 0."),
        "{confirm}"
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 0, "not until confirmed");
    assert!(!child.texts().iter().any(|m| m.contains("warning")));

    let confirmation = worker.last_message();
    let give = confirmation.buttons[0][0].callback_data.clone().unwrap();
    worker.tap("Yes, give the warning");
    t.settle().await;
    assert!(worker.messages().iter().any(|m| m.edited && m.text == "Warning given to Sam. Warnings in this order: 1."));
    let told = child.news_texts();
    assert_eq!(
        told,
        [
            "Your worker has given you a warning.",
            "A warning means you need to come to your meetings.",
            "Your worker still wants to help you. Tell them if something makes it hard.",
        ]
    );
    assert_eq!(say(&t, &worker, "/panel").await, "Nobody is in the engagement panel queue.");
    assert!(!manager.texts().iter().any(|m| m.contains("engagement panel")), "one warning is no referral");
    worker.tap_data(confirmation.message_id, &give);
    t.settle().await;
    assert_eq!(
        worker.callback_answers().last().unwrap().text.as_deref(),
        Some("This warning was already given or dropped.")
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 1);

    say(&t, &worker, "/warn Sam second thoughts").await;
    worker.tap("No");
    t.settle().await;
    assert!(worker.messages().iter().any(|m| m.edited && m.text == "No warning given to Sam."));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 1);
}

#[tokio::test]
async fn warnings_are_out_of_reach_of_children_and_other_workers() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let other = t.staff(&manager, "worker", 4, "Jo").await;
    assert!(say(&t, &child, "/warn Sam no").await.contains("can't use that"));
    assert!(say(&t, &other, "/warn Sam no reason").await.contains("Sam"), "not on Jo's caseload");
    say(&t, &worker, "/warn Sam missed").await;
    let id = scalar(&t, "SELECT id FROM warnings").await;
    for (phone, data) in
        [(&child, format!("1:warn:{id}:y")), (&other, format!("1:warn:{id}:y")), (&manager, format!("1:warn:{id}:y"))]
    {
        let message = phone.messages().last().map(|m| m.message_id).unwrap_or(1);
        phone.tap_data(message, &data);
        t.settle().await;
        let answer = phone.callback_answers().last().unwrap().text.clone();
        assert_eq!(answer.as_deref(), Some("Sorry, that button does not work now."), "user {}", phone.user_id());
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM warnings WHERE state = 'given'").await, 0);
}

#[tokio::test]
async fn a_second_warning_puts_the_child_in_the_panel_queue_with_the_evidence() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let other = t.staff(&manager, "worker", 4, "Jo").await;
    say(&t, &worker, "/suspend Sam 2027-01-04 2027-01-10 family funeral").await;
    manager.tap("Approve");
    t.settle().await;
    miss_and_warn(&t, &worker, &child, 0).await;
    record(&t, &worker, 1, "Came").await;
    miss_and_warn(&t, &worker, &child, 2).await;

    for phone in [&worker, &manager] {
        let alert = phone
            .news_texts()
            .into_iter()
            .find(|m| m.contains("engagement panel queue"))
            .unwrap_or_else(|| panic!("user {} was alerted", phone.user_id()));
        assert!(alert.starts_with("Sam (worker Alex) now has 2 warnings"), "{alert}");
        let documents = phone.new_documents();
        let evidence = documents.iter().find(|d| d.file_name == "panel-evidence.txt").expect("the evidence");
        let text = String::from_utf8(evidence.bytes.clone()).unwrap();
        for expected in [
            "Evidence for the engagement panel: Sam",
            "Worker: Alex. Order ends: not-recorded. In the queue since: 2026-12-08. Warnings: 2.",
            "Came: 1. Late: 0. Missed: 2. Not recorded: 0. Skipped: 0. Suspended: 0. Could not be reached: 0. Kept in a row now: 0. Longest run kept: 1.",
            "Appointments (3):",
            "• Tuesday 2026-11-24 16:00: Didn't come. Child's answer: none. Reason: Reason: I forgot. (Not acceptable).",
            "• Tuesday 2026-12-01 16:00: Came.",
            "• Tuesday 2026-12-08 16:00: Didn't come.",
            "Warnings (2):",
            ", given by Alex: missed without a good reason",
            "Suspensions (1):",
            "• 2027-01-04 to 2027-01-10: approved. Reason: family funeral. Court variation reference: -",
            "Earlier panel items (0):",
        ] {
            assert!(text.contains(expected), "{expected:?} in:\n{text}");
        }
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM panel_referrals WHERE outcome IS NULL").await, 1);
    assert!(!child.texts().iter().any(|m| m.to_lowercase().contains("panel")), "the child never hears the word");

    assert_eq!(say(&t, &other, "/panel").await, "Nobody is in the engagement panel queue.", "Jo sees only Jo's own");
    assert!(say(&t, &worker, "/panel").await.starts_with("Sam (worker Alex)"));
    // The manager works the service's queue: an outcome, then a note, and the item is closed.
    let queue = say(&t, &manager, "/panel").await;
    assert!(queue.starts_with("Sam (worker Alex), in the queue since 2026-12-08. Warnings: 2. Missed: 2."), "{queue}");
    manager.tap("Evidence");
    t.settle().await;
    let evidence = manager.documents().iter().filter(|d| d.file_name == "panel-evidence.txt").count();
    assert_eq!(evidence, 2, "the evidence again, on demand");
    manager.tap("Support plan agreed");
    t.settle().await;
    assert!(worker.news_texts().iter().any(|m| m == "Panel outcome for Sam: Support plan agreed."));
    assert_eq!(
        manager.last_text(),
        "Type a short note about the panel's decision for the record, or carry on with any command. Please do not write a victim's name."
    );
    manager.send_text("Weekly lift to the office arranged");
    t.settle().await;
    assert_eq!(manager.last_text(), "Note saved.");
    assert_eq!(say(&t, &worker, "/panel").await, "Nobody is in the engagement panel queue.");
    assert_eq!(say(&t, &manager, "/panel").await, "Nobody is in the engagement panel queue.");
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM panel_referrals WHERE outcome = 'support-plan' AND note IS NOT NULL").await,
        1
    );
    say(&t, &worker, "/child Sam").await;
    let card = worker.news_texts().into_iter().find(|m| m.contains("\nLast 8 weeks")).unwrap();
    assert!(
        card.contains("Engagement panel: • 2026-12-08: Support plan agreed. Note: Weekly lift to the office arranged"),
        "{card}"
    );
    assert!(card.contains("Warnings (2):"), "{card}");
}

#[tokio::test]
async fn two_misses_in_a_row_alert_the_worker_and_managers_without_a_referral() {
    let t = spawn_app().await;
    let (manager, worker, _) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    assert!(!worker.texts().iter().any(|m| m.contains("in a row")));
    record(&t, &worker, 1, "Didn't come").await;
    for phone in [&worker, &manager] {
        let alert = phone.news_texts().into_iter().find(|m| m.contains("in a row")).expect("an engagement alert");
        assert!(alert.starts_with("Sam (worker Alex) has missed 2 appointments in a row."), "{alert}");
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM panel_referrals").await, 0, "an alert, not a referral");
}

#[tokio::test]
async fn streaks_get_a_bigger_cheer_and_show_on_the_card() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Came").await;
    record(&t, &worker, 1, "Late").await;
    assert_eq!(child.last_text(), "Thanks for coming to your meeting. Well done!", "late still counts");
    record(&t, &worker, 2, "Came").await;
    assert_eq!(child.last_text(), "That's 3 meetings in a row. Amazing, keep it up!");
    say(&t, &worker, "/child Sam").await;
    let card = worker.news_texts().into_iter().rev().find(|m| m.contains("\nLast 8 weeks")).unwrap();
    assert!(card.contains("\nLast 8 weeks: ✅ 🕒 ✅\n"), "{card}");
    assert!(card.contains("Kept in a row: 3"), "{card}");
}

#[tokio::test]
async fn a_record_can_be_corrected_the_same_week_and_the_history_stays() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Came").await;
    worker.tap("Didn't come");
    t.settle().await;
    assert_eq!(
        worker.last_text(),
        "Corrected: Sam, Tuesday 2026-11-24 16:00: Didn't come (was Came). The earlier record stays in the history."
    );
    assert!(child.last_text().starts_with("We missed you"), "{}", child.last_text());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance WHERE corrects IS NOT NULL").await, 1);
    worker.tap("Didn't come");
    t.settle().await;
    assert!(worker.callback_answers().last().unwrap().text.as_deref().unwrap().starts_with("Already recorded"));

    at(&t, london(2026, 12, 1, 16, 1)).await;
    let first_question =
        worker.messages().into_iter().find(|m| m.text.contains("2026-11-24 16:00, at the office")).unwrap();
    worker.tap_data(first_question.message_id, &first_question.buttons[0][0].callback_data.clone().unwrap());
    t.settle().await;
    let refused = worker.callback_answers().last().unwrap().text.clone().unwrap();
    assert!(refused.contains("more than a week ago"), "{refused}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance").await, 2);
}

#[tokio::test]
async fn attended_and_missed_commands_record_the_latest_appointment() {
    let t = spawn_app().await;
    let (_, worker, _) = sam_on_tuesdays(&t).await;
    assert_eq!(say(&t, &worker, "/attended Sam").await, "Sam has no appointment that has started yet.");
    let bare = say(&t, &worker, "/missed").await;
    assert!(bare.ends_with("Which child? Tap one, or type their name."), "bare, the caseload to pick from: {bare}");
    at(&t, london(2026, 11, 24, 16, 10)).await;
    assert_eq!(say(&t, &worker, "/attended Sam late").await, "Recorded: Sam, Tuesday 2026-11-24 16:00: Late.");
    at(&t, after(0)).await;
    assert!(!worker.texts().iter().any(|m| m.starts_with("How did")), "already recorded: no question");
    assert!(
        say(&t, &worker, "/missed Sam 2026-11-24")
            .await
            .starts_with("Corrected: Sam, Tuesday 2026-11-24 16:00: Didn't come (was Late).")
    );
    assert_eq!(say(&t, &worker, "/missed Sam 2026-11-25").await, "Sam has no appointment that started on 2026-11-25.");
}

#[tokio::test]
async fn putting_a_slip_right_sends_the_follow_up_and_praise_once_each() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    worker.tap("Came");
    t.settle().await;
    worker.tap("Didn't come");
    t.settle().await;
    worker.tap("Came");
    t.settle().await;
    let texts = child.texts();
    assert_eq!(texts.iter().filter(|m| m.starts_with("Thanks for coming")).count(), 1, "{texts:?}");
    let follow_ups = child
        .messages()
        .iter()
        .filter(|m| m.buttons.iter().flatten().any(|b| b.text == "I'd like to talk to my worker"))
        .count();
    assert_eq!(follow_ups, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance").await, 4, "every record kept");
}

#[tokio::test]
async fn something_else_reaches_the_worker_at_once_and_talking_is_for_missed_meetings_only() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    record(&t, &worker, 0, "Didn't come").await;
    child.tap("Something else");
    t.settle().await;
    assert!(worker.last_text().contains("Reason: Something else."), "{}", worker.last_text());
    say(&t, &child, "/next").await;
    let next = scalar(&t, "SELECT id FROM occurrences WHERE state = 'scheduled' ORDER BY starts_at DESC LIMIT 1").await;
    let seen = worker.texts().len();
    child.tap_data(child.messages().last().unwrap().message_id, &format!("1:talk:{next}"));
    t.settle().await;
    assert_eq!(child.callback_answers().last().unwrap().text.as_deref(), Some("Sorry, that button does not work now."));
    assert_eq!(worker.texts().len(), seen);
}

#[tokio::test]
async fn another_workers_forged_buttons_change_nothing() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let jo = t.staff(&manager, "worker", 4, "Jo").await;
    miss_and_warn(&t, &worker, &child, 0).await;
    record(&t, &worker, 1, "Didn't come").await;
    say(&t, &worker, "/warn Sam again").await;
    worker.tap("Yes, give the warning");
    t.settle().await;
    let occurrence = scalar(&t, "SELECT MIN(id) FROM occurrences").await;
    let reason = scalar(&t, "SELECT MIN(id) FROM miss_reasons").await;
    let referral = scalar(&t, "SELECT id FROM panel_referrals").await;
    let before = scalar(&t, "SELECT COUNT(*) FROM attendance").await;
    for (phone, data) in [
        (&jo, format!("1:att:{occurrence}:came")),
        (&jo, format!("1:judge:{reason}:y")),
        (&jo, format!("1:panel:{referral}:closed")),
        (&jo, format!("1:evid:{referral}")),
        (&child, format!("1:att:{occurrence}:came")),
        (&child, format!("1:panel:{referral}:closed")),
    ] {
        phone.tap_data(phone.messages().last().unwrap().message_id, &data);
        t.settle().await;
        let answer = phone.callback_answers().last().unwrap().text.clone();
        assert_eq!(answer.as_deref(), Some("Sorry, that button does not work now."), "{data}");
    }
    assert!(jo.documents().is_empty(), "no evidence for Jo");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM attendance").await, before);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM miss_reasons WHERE acceptable = 1").await, 0);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM panel_referrals WHERE outcome IS NULL").await, 1);
}

#[tokio::test]
async fn children_shows_what_waits_on_the_worker() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    at(&t, after(0)).await;
    let list = say(&t, &worker, "/children").await;
    assert!(list.contains("\n  ⚠ 1 appointment to record"), "{list}");
    worker.tap("Didn't come");
    t.settle().await;
    child.tap("I'm ill");
    t.settle().await;
    let list = say(&t, &worker, "/children").await;
    assert!(!list.contains("to record") && list.contains("⚠ 1 reason to look at"), "{list}");
    worker.tap("Acceptable");
    t.settle().await;
    assert!(!say(&t, &worker, "/children").await.contains('⚠'));
}

#[tokio::test]
async fn the_follow_up_to_a_miss_recorded_at_night_waits_for_the_morning() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    at(&t, after(0)).await;
    t.clock.set(london(2026, 11, 24, 22, 30));
    worker.tap("Didn't come");
    t.settle().await;
    assert!(worker.news_texts().iter().any(|m| m.starts_with("Recorded: Sam")), "the worker is answered at once");
    assert!(child.news().is_empty(), "nothing reaches the child at 22:30: {:?}", child.news_texts());
    at(&t, london(2026, 11, 25, 7, 59)).await;
    assert!(child.news().is_empty());
    at(&t, london(2026, 11, 25, 8, 0)).await;
    assert!(
        child.last_text().starts_with("We missed you at your meeting on Tuesday 24 November."),
        "{}",
        child.last_text()
    );
}

#[tokio::test]
async fn a_child_who_never_joined_cannot_be_asked_so_the_worker_is_told_to_follow_up_another_way() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/enrol Jo").await;
    say(&t, &worker, "/slot Jo Tue 16:00").await;
    record(&t, &worker, 0, "Didn't come").await;
    assert!(
        worker.news_texts().contains(
            &"Jo has not joined Touchbase, so could not be asked what happened. Please follow this up another way."
                .to_owned()
        ),
        "{:?}",
        worker.news_texts()
    );
}

#[tokio::test]
async fn a_child_is_not_queued_for_the_panel_twice_and_comes_back_after_a_decision() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let open = "SELECT COUNT(*) FROM panel_referrals WHERE outcome IS NULL";
    let all = "SELECT COUNT(*) FROM panel_referrals";
    miss_and_warn(&t, &worker, &child, 0).await;
    miss_and_warn(&t, &worker, &child, 1).await;
    assert_eq!((scalar(&t, open).await, scalar(&t, all).await), (1, 1), "two warnings: in the queue");
    miss_and_warn(&t, &worker, &child, 2).await;
    assert_eq!((scalar(&t, open).await, scalar(&t, all).await), (1, 1), "a third while queued: not twice");
    assert!(!manager.news_texts().iter().any(|m| m.contains("engagement panel queue")), "no second alert");
    say(&t, &manager, "/panel").await;
    manager.tap("Support plan agreed");
    t.settle().await;
    say(&t, &manager, "Lift arranged").await;
    assert_eq!(scalar(&t, open).await, 0, "decided");
    miss_and_warn(&t, &worker, &child, 3).await;
    assert_eq!((scalar(&t, open).await, scalar(&t, all).await), (1, 2), "a warning after the decision: back");
    assert!(manager.news_texts().iter().any(|m| m.contains("engagement panel queue")), "{:?}", manager.news_texts());
    assert!(say(&t, &worker, "/panel").await.starts_with("Sam (worker Alex)"));
}
