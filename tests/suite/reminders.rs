//! Reminders and one-tap answers end to end, with the test clock. Clock starts Monday 23 November 2026 10:00 GMT;
//! quiet hours are 21:00-08:00 and reminders go 24 hours and 1 hour before, unless a test says otherwise.

use crate::support::app::{TestApp, at, london, say, spawn_app, spawn_app_with, spawn_paced_app};
use crate::support::fake_telegram::{Failure, Phone};
use chrono::Duration;

async fn setup(t: &TestApp, slot: &str) -> (Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam").await;
    say(t, &worker, &format!("/slot Sam {slot}")).await;
    (worker, child)
}

fn reminders(child: &Phone) -> Vec<String> {
    child.texts().into_iter().filter(|t| t.starts_with("You meet your worker")).collect()
}

#[tokio::test]
async fn both_offsets_send_at_their_time_and_the_day_before_one_helps_plan() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 24, 15, 59) - Duration::hours(24)).await;
    assert!(reminders(&child).is_empty(), "not yet");
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let plan = child.last_message();
    assert_eq!(plan.text, "You meet your worker on Tuesday 24 November, 4pm, at the office. How will you get there?");
    let labels: Vec<&str> = plan.buttons.iter().map(|row| row[0].text.as_str()).collect();
    assert_eq!(labels, ["I'll be there", "I can't make it", "I need to change the time", "I need help getting there"]);
    at(&t, london(2026, 11, 24, 15, 0)).await;
    let soon = child.last_message();
    assert_eq!(soon.text, "You meet your worker soon: Tuesday 24 November, 4pm, at the office. Will you be there?");
    assert_eq!(soon.buttons.len(), 3);
    at(&t, london(2026, 11, 24, 17, 0)).await;
    assert_eq!(reminders(&child).len(), 2, "exactly two reminders");
    assert!(!worker.texts().iter().any(|t| t.contains("answered")), "no answer, nothing for the worker yet");
}

#[tokio::test]
async fn a_reminder_due_in_quiet_hours_waits_for_the_morning_when_there_is_time() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Wed 08:45 30").await;
    at(&t, london(2026, 11, 24, 8, 45)).await;
    at(&t, london(2026, 11, 25, 7, 59)).await;
    assert_eq!(reminders(&child).len(), 1, "only the day-before one so far");
    at(&t, london(2026, 11, 25, 8, 0)).await;
    assert_eq!(reminders(&child).len(), 2);
}

#[tokio::test]
async fn otherwise_it_goes_the_evening_before() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Wed 08:00 30").await;
    at(&t, london(2026, 11, 24, 20, 44)).await;
    assert_eq!(reminders(&child).len(), 1);
    at(&t, london(2026, 11, 24, 20, 45)).await;
    assert_eq!(reminders(&child).len(), 2, "the one-hour reminder came the evening before");
    at(&t, london(2026, 11, 25, 7, 0)).await;
    assert_eq!(reminders(&child).len(), 2, "nothing at night");
}

#[tokio::test]
async fn two_reminders_landing_at_one_moment_become_one() {
    let t = spawn_app_with(&[("TOUCHBASE_REMINDERS", "2h,1h")]).await;
    let (_, child) = setup(&t, "Wed 08:30 30").await;
    at(&t, london(2026, 11, 25, 8, 0)).await;
    at(&t, london(2026, 11, 25, 9, 0)).await;
    assert_eq!(reminders(&child).len(), 1, "{:?}", child.texts());
}

#[tokio::test]
async fn reminders_on_clock_change_days_are_at_the_right_local_time() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Mon 10:00 from=2027-03-29").await;
    at(&t, london(2027, 3, 28, 9, 59)).await;
    assert!(reminders(&child).is_empty());
    at(&t, london(2027, 3, 28, 10, 0)).await;
    assert_eq!(reminders(&child).len(), 1, "the day before, at 10:00 BST, on the day the clocks changed");
    assert!(reminders(&child)[0].contains("Monday 29 March, 10am"));
}

#[tokio::test]
async fn i_will_be_there_is_kept_quietly_and_the_buttons_go() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let worker_seen = worker.texts().len();
    child.tap("I'll be there");
    t.settle().await;
    let reminder = child.messages().into_iter().rev().find(|m| m.edited).expect("the reminder is edited");
    assert!(reminder.buttons.is_empty(), "no stale buttons");
    assert!(reminder.text.ends_with("You said: I'll be there"), "{}", reminder.text);
    assert_eq!(child.last_text(), "Great, see you then!");
    assert_eq!(child.callback_answers().len(), 1);
    assert_eq!(worker.texts().len(), worker_seen, "the worker is not bothered by a yes");
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn cannot_make_it_asks_why_and_the_worker_hears_at_once_for_every_reason() {
    let t = spawn_paced_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    for reason in [
        ("I'm ill", "Reason: I'm ill."),
        ("No way to get there", "Reason: No way to get there."),
        ("School or work", "Reason: School or work."),
        ("Family", "Reason: Family."),
        ("I forgot", "Reason: I forgot."),
    ]
    .into_iter()
    .enumerate()
    {
        say(&t, &child, "/next").await;
        child.tap("I can't make it");
        t.settle().await;
        assert_eq!(child.last_text(), "Thanks for telling us. What is the reason?");
        // The same answer again is no news for the worker: only the new reason is.
        if reason.0 == 0 {
            assert!(worker.last_text().contains("Sam answered about Tuesday 2026-11-24 16:00: I can't make it."));
        } else {
            assert!(worker.news().is_empty(), "{:?}", worker.news_texts());
        }
        let (_, (reason, shown)) = reason;
        child.tap(reason);
        t.settle().await;
        assert_eq!(child.last_text(), "Thank you. Your worker will get in touch.");
        // Within the minute, the reason is written into the notice itself.
        let notice = worker.news().pop().expect("the notice, changed");
        assert!(notice.text.contains(shown), "{}", notice.text);
        assert_eq!(notice.buttons.last().unwrap()[0].text, "Open Sam's card");
    }
    worker.tap("Open Sam's card");
    t.settle().await;
    assert!(worker.news_texts().iter().any(|t| t.starts_with("Sam: joined")), "the card opens");
}

#[tokio::test]
async fn something_else_lets_the_child_type_a_few_words() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    child.tap("I can't make it");
    t.settle().await;
    child.tap("Something else");
    t.settle().await;
    assert_eq!(child.last_text(), "Please type a few words about why.");
    let typed = format!("my nan <is> ill & I look after her{}", " really".repeat(100));
    say(&t, &child, &typed).await;
    assert_eq!(child.last_text(), "Thank you. Your worker will get in touch.");
    let notice = &worker.news_texts()[0];
    assert!(notice.contains("In their words: \"my nan <is> ill & I look after her really"), "{notice}");
    assert!(notice.len() < 600, "the note kept with the reason is cut short");
    let in_full = worker.last_text();
    assert!(in_full.starts_with("In full: “my nan <is> ill & I look after her") && in_full.len() > 700, "{in_full}");
    // Words the bot is not waiting for go to the worker too.
    assert_eq!(say(&t, &child, "hello").await, "Thanks. Your worker has your message.");
    assert_eq!(worker.last_text(), "Sam wrote: “hello”");
}

#[tokio::test]
async fn change_the_time_and_help_getting_there_reach_the_worker() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    child.tap("I need help getting there");
    t.settle().await;
    assert_eq!(child.last_text(), "Thank you. Your worker will help you get there.");
    assert!(worker.last_text().contains(": I need help getting there."), "{}", worker.last_text());
    say(&t, &child, "/next").await;
    child.tap("I need to change the time");
    t.settle().await;
    assert_eq!(child.last_text(), "Thank you. Your worker will get in touch about a new time.");
    assert!(worker.last_text().contains(": I need to change the time."), "{}", worker.last_text());
}

#[tokio::test]
async fn an_answer_can_change_until_the_appointment_starts_and_not_after() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    child.tap("I'll be there");
    t.settle().await;
    at(&t, london(2026, 11, 24, 15, 0)).await;
    child.tap("I can't make it");
    t.settle().await;
    assert!(worker.last_text().contains("I can't make it"));
    let mut conn = t.app.store().connection().await.unwrap();
    let (answers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(answers, 2, "both answers are kept");
    drop(conn);
    let question = child.messages().last().unwrap().message_id;
    t.clock.set(london(2026, 11, 24, 16, 1));
    child.tap_data(question, &child.messages().last().unwrap().buttons[0][0].callback_data.clone().unwrap());
    t.settle().await;
    let answer = child.callback_answers().pop().unwrap();
    assert!(answer.text.unwrap_or_default().contains("has started"), "too late now");
}

#[tokio::test]
async fn foreign_and_forged_taps_change_nothing() {
    let t = spawn_app().await;
    let (worker, sam) = setup(&t, "Tue 16:00").await;
    let jo = t.child(&worker, 4, "Jo").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let sams_yes = sam.messages().last().unwrap().buttons[1][0].callback_data.clone().unwrap();
    let seen = worker.texts().len();
    let own = jo.messages().last().unwrap().message_id;
    for data in [sams_yes.as_str(), "1:ans:999999:no", "1:why:1:ill", "1:ans:1:maybe", "garbage", "1:card:1"] {
        jo.tap_data(own, data);
    }
    t.settle().await;
    assert_eq!(jo.callback_answers().len(), 6);
    assert!(
        jo.callback_answers()
            .iter()
            .all(|a| a.text.as_deref().is_some_and(|t| t.contains("does not work") || t.contains("can't use"))),
        "{:?}",
        jo.callback_answers()
    );
    assert_eq!(worker.texts().len(), seen, "nothing reached the worker");
    let mut conn = t.app.store().connection().await.unwrap();
    let (answers,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM answers").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(answers, 0);
}

#[tokio::test]
async fn a_blocked_child_is_reported_once_with_the_appointment_at_stake() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    child.block_bot();
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.app.run_due_jobs().await.unwrap();
    t.app.deliver_messages().await.unwrap();
    t.settle().await;
    let notices: Vec<String> =
        worker.texts().into_iter().filter(|t| t.contains("can't get Touchbase messages")).collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("missed the reminder for Tuesday 2026-11-24 16:00"), "{}", notices[0]);
    at(&t, london(2026, 11, 24, 15, 0)).await;
    let notices = worker.texts().into_iter().filter(|t| t.contains("can't get Touchbase messages")).count();
    assert_eq!(notices, 1, "the worker hears once, not at every reminder");
}

#[tokio::test]
async fn a_child_who_never_joined_is_reported_for_each_appointment() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/enrol Sam").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    at(&t, london(2026, 11, 24, 15, 0)).await;
    let notices: Vec<String> = worker.texts().into_iter().filter(|t| t.contains("has not joined Touchbase")).collect();
    assert_eq!(notices.len(), 1, "{notices:?}");
}

#[tokio::test]
async fn telegram_429_and_500_on_a_reminder_still_deliver_it_once() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Tue 16:00").await;
    t.fake.fail_next("sendMessage", Failure::RetryAfter(1));
    at(&t, london(2026, 11, 23, 16, 0)).await;
    assert_eq!(reminders(&child).len(), 1);
    t.fake.fail_next("sendMessage", Failure::ServerError(500));
    at(&t, london(2026, 11, 24, 15, 0)).await;
    assert_eq!(reminders(&child).len(), 1, "waiting to retry");
    at(&t, london(2026, 11, 24, 15, 0) + Duration::seconds(5)).await;
    assert_eq!(reminders(&child).len(), 2);
}

#[tokio::test]
async fn a_restart_between_scheduling_and_sending_loses_nothing() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Tue 16:00").await;
    let t = t.restart().await;
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.app.run_due_jobs().await.unwrap();
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(reminders(&child).len(), 1);
    let t = t.restart().await;
    t.settle().await;
    assert_eq!(reminders(&child).len(), 1, "not twice");
}

#[tokio::test]
async fn a_reminder_missed_while_the_bot_was_down_goes_late_but_never_after_the_appointment() {
    let t = spawn_app().await;
    let (_, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 24, 12, 0)).await;
    assert_eq!(reminders(&child).len(), 1, "the day-before one goes late, at once");
    t.clock.set(london(2026, 11, 24, 16, 30));
    t.settle().await;
    assert_eq!(reminders(&child).len(), 1, "the one-hour one is not sent after the start");
}

#[tokio::test]
async fn skipped_and_moved_occurrences_get_no_stale_reminders() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    say(&t, &worker, "/skip Sam 2026-11-24").await;
    say(&t, &worker, "/move Sam 2026-12-01 2026-12-02 17:00").await;
    at(&t, london(2026, 11, 25, 12, 0)).await;
    assert!(reminders(&child).is_empty(), "{:?}", child.texts());
    at(&t, london(2026, 12, 1, 17, 0)).await;
    let sent = reminders(&child);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(sent[0].contains("Wednesday 2 December, 5pm"), "the fresh one for the new time: {}", sent[0]);
    at(&t, london(2026, 12, 2, 16, 0)).await;
    assert_eq!(reminders(&child).len(), 2);
}

#[tokio::test]
async fn news_a_child_did_not_ask_for_waits_for_the_morning() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    t.clock.set(london(2026, 11, 23, 23, 30));
    let seen = child.texts().len();
    say(&t, &worker, "/skip Sam 2026-12-01").await;
    assert!(worker.last_text().contains("Skipped"), "the worker is answered at once");
    assert_eq!(child.texts().len(), seen, "not at 23:30");
    at(&t, london(2026, 11, 24, 8, 0)).await;
    assert!(child.news_texts().iter().any(|t| t.starts_with("There is no meeting on Tuesday 1 December")));
    // A child's own question is answered at once, day or night.
    t.clock.set(london(2026, 11, 24, 23, 0));
    assert!(say(&t, &child, "/next").await.starts_with("Your next meeting"));
}

#[tokio::test]
async fn a_reminder_queued_before_a_skip_is_checked_again_and_not_sent() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.app.run_due_jobs().await.unwrap();
    worker.send_text("/skip Sam 2026-11-24");
    t.app.poll_updates(0).await.unwrap();
    t.app.handle_updates().await.unwrap();
    t.settle().await;
    assert!(reminders(&child).is_empty(), "the queued reminder was dropped: {:?}", child.texts());
    assert!(child.last_text().starts_with("There is no meeting on Tuesday 24 November"));
}

#[tokio::test]
async fn a_failing_reminder_job_is_retried_with_growing_gaps_then_closed_and_the_worker_told() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Wed 16:00").await;
    crate::support::breakage::fail_jobs_of_kind(t.app.store(), "reminder").await;
    let job = "FROM jobs WHERE kind = 'reminder' AND state = 'pending' ORDER BY due_at LIMIT 1";
    let (attempts, due) = (format!("SELECT attempts {job}"), format!("SELECT due_at {job}"));
    let attempts = || crate::support::app::scalar(&t, &attempts);
    let due = || crate::support::app::scalar(&t, &due);
    // The day-before reminder is due at Tuesday 16:00; each failed try puts the next one further off.
    at(&t, london(2026, 11, 24, 16, 0)).await;
    let mut gaps = Vec::new();
    for tried in 1..=7 {
        assert_eq!(attempts().await, tried);
        let next = due().await;
        gaps.push(next - london(2026, 11, 24, 16, 0).timestamp() - gaps.iter().sum::<i64>());
        t.clock.set(chrono::DateTime::from_timestamp(next - 1, 0).unwrap());
        t.settle().await;
        assert_eq!(attempts().await, tried, "not tried again before its time");
        at(&t, chrono::DateTime::from_timestamp(next, 0).unwrap()).await;
    }
    assert_eq!(gaps, [5, 10, 20, 40, 80, 160, 320], "5 s, doubling");
    let closed = "SELECT COUNT(*) FROM jobs WHERE kind = 'reminder' AND state = 'failed' AND attempts = 8";
    assert_eq!(crate::support::app::scalar(&t, closed).await, 1, "closed after the eighth try");
    assert_eq!(worker.last_text(), "A message to Sam could not be sent. Please contact them another way.");
    assert!(reminders(&child).is_empty());
}

/// A mashed button does nothing new: one answer, one reason, one notice each; another reason
/// replaces the first, and the worker hears of it once.
#[tokio::test]
async fn the_same_tap_again_tells_the_worker_nothing_new_and_another_reason_replaces_the_first() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let reminder = child.messages().into_iter().rev().find(|m| !m.buttons.is_empty()).unwrap();
    let cannot = reminder.buttons.iter().flatten().find(|b| b.text == "I can't make it").unwrap();
    let cannot = cannot.callback_data.clone().unwrap();
    for _ in 0..5 {
        child.tap_data(reminder.message_id, &cannot);
    }
    t.settle().await;
    assert_eq!(worker.news().len(), 1, "one notice: {:?}", worker.news_texts());
    let asked = child.news_texts().into_iter().filter(|t| t == "Thanks for telling us. What is the reason?").count();
    assert_eq!(asked, 1, "asked once");
    let asked = child.last_message();
    let ill = asked.buttons.iter().flatten().find(|b| b.text == "I'm ill").unwrap().callback_data.clone().unwrap();
    for _ in 0..5 {
        child.tap_data(asked.message_id, &ill);
    }
    t.settle().await;
    assert_eq!(worker.news_texts().len(), 1, "{:?}", worker.news_texts());
    assert!(worker.news_texts()[0].contains("Reason: I'm ill."), "{:?}", worker.news_texts());
    assert_eq!(child.callback_answers().len(), 10, "every tap is answered");
    // Later, another reason: asked again, it replaces the first, and the worker hears once.
    say(&t, &child, "/next").await;
    child.tap("I can't make it");
    t.settle().await;
    assert!(worker.news().is_empty(), "the same answer again is no news: {:?}", worker.news_texts());
    child.tap("Family");
    t.settle().await;
    assert_eq!(worker.news_texts().len(), 1);
    assert!(worker.news_texts()[0].contains("Reason: Family."), "{:?}", worker.news_texts());
    assert_eq!(crate::support::app::scalar(&t, "SELECT COUNT(*) FROM answers").await, 1);
    assert_eq!(crate::support::app::scalar(&t, "SELECT COUNT(*) FROM answers WHERE reason = 'family'").await, 1);
}

/// Taps come in bursts like typed messages: past 30 in a minute they are answered with a kind
/// "slow down" and not read, so forged or mashed taps cannot bury the worker's other notices.
#[tokio::test]
async fn a_burst_of_taps_is_read_like_a_flood_and_every_tap_is_answered() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let reminder = child.messages().into_iter().rev().find(|m| !m.buttons.is_empty()).unwrap();
    let help = reminder.buttons.iter().flatten().find(|b| b.text.contains("help")).expect("a help button");
    let help = help.callback_data.clone().unwrap();
    for _ in 0..50 {
        child.tap_data(reminder.message_id, &help);
    }
    t.settle().await;
    let answers = child.callback_answers();
    assert_eq!(answers.len(), 50, "every tap is answered, so no phone keeps spinning");
    let slowed = answers.iter().filter(|a| a.text.as_deref().is_some_and(|t| t.contains("a lot of messages"))).count();
    assert_eq!(slowed, 1, "told once");
    assert_eq!(worker.news_texts().len(), 1, "{:?}", worker.news_texts());
    // A minute on, taps are read again.
    t.clock.set(london(2026, 11, 23, 16, 2));
    say(&t, &child, "/next").await;
    child.tap("I can't make it");
    t.settle().await;
    assert!(worker.last_text().contains("I can't make it"), "{}", worker.last_text());
}

#[tokio::test]
async fn a_reason_soon_after_changes_the_workers_notice_and_a_later_one_replies_to_it() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    say(&t, &child, "/next").await;
    child.tap("I can't make it");
    t.settle().await;
    let notice = worker.last_message();
    assert!(notice.text.ends_with("No reason given yet."), "{}", notice.text);
    // Thirty seconds later, the reason: the same notice now says it, and nothing new arrives.
    at(&t, london(2026, 11, 23, 16, 0) + Duration::seconds(30)).await;
    child.tap("I'm ill");
    t.settle().await;
    assert_eq!(worker.news().len(), 1, "{:?}", worker.news_texts());
    let changed = worker.news().pop().unwrap();
    assert_eq!(changed.message_id, notice.message_id);
    assert!(changed.edited && changed.text.ends_with("Reason: I'm ill."), "{}", changed.text);
    assert_eq!(changed.buttons.last().unwrap()[0].text, "Open Sam's card");

    // Two hours later, another reason: a new message, replying to the notice, since an edit would
    // not be noticed.
    at(&t, london(2026, 11, 23, 18, 0)).await;
    let before = worker.messages().len();
    say(&t, &child, "/next").await;
    child.tap("I can't make it");
    t.settle().await;
    child.tap("Family");
    t.settle().await;
    let messages = worker.messages();
    assert_eq!(messages.len(), before + 1);
    let reply = messages.last().unwrap();
    assert!(reply.text.ends_with("Reason: Family."), "{}", reply.text);
    assert_eq!(reply.reply_to, Some(notice.message_id));
    assert!(worker.messages().iter().find(|m| m.message_id == notice.message_id).unwrap().text.ends_with("I'm ill."));
}

#[tokio::test]
async fn a_reason_that_comes_while_the_notice_still_waits_goes_in_it_so_the_worker_reads_one() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let reminder = child.last_message();
    let seen = worker.messages().len();
    // Telegram fails the next message, and sending pauses: the worker's notice waits.
    t.fake.fail_next("sendMessage", Failure::ServerError(500));
    child.tap("I can't make it");
    t.settle().await;
    assert_eq!(worker.messages().len(), seen, "nothing has reached the worker yet");
    let occurrence = crate::support::app::scalar(&t, "SELECT id FROM occurrences ORDER BY starts_at LIMIT 1").await;
    child.tap_data(reminder.message_id, &format!("1:why:{occurrence}:ill"));
    t.settle().await;
    at(&t, london(2026, 11, 23, 16, 1)).await;
    let notices: Vec<String> = worker.texts().into_iter().filter(|t| t.starts_with("Sam answered about")).collect();
    assert_eq!(notices, ["Sam answered about Tuesday 2026-11-24 16:00: I can't make it.\nReason: I'm ill."]);
}

#[tokio::test]
async fn from_the_notice_a_worker_moves_skips_or_says_they_will_call_back() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    say(&t, &child, "/next").await;
    child.tap("I can't make it");
    t.settle().await;
    let notice = worker.last_message();
    let labels: Vec<&str> = notice.buttons.iter().flatten().map(|b| b.text.as_str()).collect();
    assert_eq!(labels, ["Move this one", "Skip this one", "Call me back noted", "Open Sam's card"]);

    worker.tap("Call me back noted");
    t.settle().await;
    assert_eq!(worker.last_text(), "Noted that you will call back. Sam has been told.");
    assert_eq!(child.last_text(), "Alex will call you back about your meeting on Tuesday 24 November.");

    // Move goes on as /move from the menu does, with the appointment already chosen.
    worker.tap("Move this one");
    t.settle().await;
    let asked = worker.last_message();
    assert_eq!(
        asked.text,
        "Move an appointment\nChild: Sam\nAppointment: Tuesday 24 November 2026\n\n\
         Which day? Tap one, or type it (like Wed, or 28/12)."
    );
    assert_eq!(asked.buttons.iter().flatten().count(), 8 + 2, "the next eight days, Back and Cancel");
    assert!(say(&t, &worker, "Thu 25:00").await.starts_with("I can't read 25:00 as a time"));
    assert!(say(&t, &worker, "soon").await.starts_with("I can't read soon as a date"));
    let check = say(&t, &worker, "Thu 4pm").await;
    assert!(
        check.ends_with(
            "Day: Thursday 26 November 2026\nTime: 4pm\n\nIs this right? Tap Confirm, or Back to change it."
        ),
        "{check}"
    );
    worker.tap("Confirm");
    t.settle().await;
    let moved = worker.news_texts().join("\n");
    assert!(
        moved.ends_with(
            "Moved Sam's appointment from Tuesday 2026-11-24 16:00 to Thursday 2026-11-26 16:00, at the office. Sam has been told."
        ),
        "{moved}"
    );
    assert!(child.last_text().starts_with("Your meeting on Tuesday 24 November has moved."), "{}", child.last_text());
    // The question is answered: what the worker types next is not taken as a day and time.
    assert!(say(&t, &worker, "Fri 4pm").await.contains("commands"), "{}", worker.last_text());
    // The notice's appointment has moved: skipping it now changes nothing, and says why.
    worker.tap_data(notice.message_id, &notice.buttons[0][1].callback_data.clone().unwrap());
    t.settle().await;
    let answer = worker.callback_answers().last().unwrap().text.clone().unwrap_or_default();
    assert!(answer.contains("has started or changed already"), "{answer}");
}

#[tokio::test]
async fn skip_this_one_skips_it_and_tells_the_child_and_no_other_worker_can() {
    let t = spawn_app().await;
    let (worker, child) = setup(&t, "Tue 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    say(&t, &child, "/next").await;
    child.tap("I need to change the time");
    t.settle().await;
    let notice = worker.last_message();
    let skip = notice.buttons[0][1].callback_data.clone().unwrap();
    let call_back = notice.buttons[1][0].callback_data.clone().unwrap();
    // Another worker forging the same buttons changes nothing and tells the child nothing.
    let manager = t.manager(9, "Mo").await;
    let bea = t.staff(&manager, "worker", 8, "Bea").await;
    say(&t, &bea, "/help").await;
    let heard = child.texts().len();
    for forged in [&skip, &call_back] {
        bea.tap_data(bea.messages().last().unwrap().message_id, forged);
        t.settle().await;
    }
    let scheduled = "SELECT COUNT(*) FROM occurrences WHERE state = 'skipped'";
    assert_eq!(crate::support::app::scalar(&t, scheduled).await, 0);
    assert_eq!(child.texts().len(), heard, "{:?}", child.texts());
    worker.tap("Skip this one");
    t.settle().await;
    assert_eq!(worker.last_text(), "Skipped Sam's appointment on Tuesday 2026-11-24 16:00. Sam has been told.");
    assert_eq!(crate::support::app::scalar(&t, scheduled).await, 1);
    assert!(child.last_text().starts_with("There is no meeting on Tuesday 24 November."), "{}", child.last_text());
}
