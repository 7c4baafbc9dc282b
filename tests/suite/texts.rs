//! A child on text messages, end to end, against the fake GOV.UK Notify: enrolled with a number,
//! welcomed and reminded by text, answering with a word, their reasons and their own words reaching
//! their worker, STOP and START, strangers, delivery followed, and a Notify outage or a lost answer
//! that neither stops Telegram nor sends a text twice. The clock starts Monday 23 November 2026 10:00.

use chrono::Duration;
use touchbase::clock::Clock;

use crate::support::app::{TestApp, at, london, say, scalar, spawn_app};
use crate::support::fake_notify::{Endpoint, Failure};
use crate::support::fake_telegram::Phone;

const SAM: &str = "07700 900123";

/// Priya (manager) and Alex (worker), with Sam on texts and a weekly Tuesday 16:00 appointment.
async fn sam_on_texts(t: &TestApp) -> Phone {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let enrolled = say(t, &worker, "/enrol Sam phone=07700900123 channel=sms").await;
    assert!(enrolled.contains("Sam is enrolled on texts"), "{enrolled}");
    assert!(!enrolled.contains("?start="), "a child on texts needs no link: {enrolled}");
    let list = say(t, &worker, "/children").await;
    assert!(list.contains("on texts, to 07••• •••123") && !list.contains("900123"), "masked in a list: {list}");
    say(t, &worker, "/slot Sam Tue 16:00").await;
    worker
}

fn texts_to_sam(t: &TestApp) -> Vec<String> {
    t.notify.texts_to(SAM)
}

fn last_text_to_sam(t: &TestApp) -> String {
    texts_to_sam(t).pop().expect("Sam has had a text")
}

/// Sam texts `words`, and the bot reads it within a poll.
async fn sam_texts(t: &TestApp, words: &str) {
    t.notify.receive(SAM, words);
    t.settle().await;
}

#[tokio::test]
async fn a_child_on_texts_is_reminded_answers_no_gives_a_reason_and_their_worker_hears() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    let texts = texts_to_sam(&t);
    assert!(texts[0].starts_with("Hi Sam, this is Touchbase") && texts[0].contains("Reply STOP"), "{texts:?}");

    at(&t, london(2026, 11, 23, 16, 0)).await;
    let reminder = last_text_to_sam(&t);
    assert_eq!(
        reminder,
        "You meet your worker on Tuesday 24 November, 4pm, at the office. Reply YES, NO, or CHANGE for a new time."
    );

    sam_texts(&t, " no. ").await;
    assert_eq!(last_text_to_sam(&t), "Thanks for telling us. Please reply with a few words about why you can't come.");
    assert!(
        worker.last_text().contains("Sam") && worker.last_text().contains("can't make it"),
        "{}",
        worker.last_text()
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'no'").await, 1);

    sam_texts(&t, "my mum is ill").await;
    assert_eq!(last_text_to_sam(&t), "Thank you. Your worker will get in touch.");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE note = 'my mum is ill'").await, 1, "kept as the reason");
    // Within the minute, the worker's notice itself now says it.
    let notice = worker.news_texts().pop().unwrap_or_default();
    assert!(notice.contains("my mum is ill"), "the reason reaches the worker: {notice}");
    assert!(t.notify.rejected().is_empty(), "Notify refused: {:?}", t.notify.rejected());
}

#[tokio::test]
async fn yes_and_change_answer_the_reminder_in_welsh_too_and_other_words_reach_the_worker() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    say(&t, &worker, "/update Sam lang=cy").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    assert!(last_text_to_sam(&t).contains("Ateba IE, NA, neu NEWID"), "{}", last_text_to_sam(&t));
    sam_texts(&t, "Ie!").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'yes'").await, 1);
    sam_texts(&t, "newid").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'change'").await, 1);
    assert!(worker.last_text().contains("Sam"), "{}", worker.last_text());

    sam_texts(&t, "can I bring my brother?").await;
    assert!(worker.last_text().contains("can I bring my brother?"), "{}", worker.last_text());
    let thanked = |t: &TestApp| texts_to_sam(t).iter().filter(|text| text.contains("wedi cael dy neges")).count();
    let told = thanked(&t);
    assert_eq!(told, 1, "{:?}", texts_to_sam(&t));
    // Half an hour later: on Telegram they would be thanked again; by text, once an hour.
    t.clock.advance(Duration::minutes(30));
    sam_texts(&t, "and my sister").await;
    assert!(worker.last_text().contains("and my sister"), "{}", worker.last_text());
    let told_again = thanked(&t);
    assert_eq!(told, told_again, "told their worker has it at most once in a while");
}

#[tokio::test]
async fn a_reply_a_day_after_the_question_is_their_own_words_not_an_answer() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    say(&t, &worker, "/slot Sam Fri 16:00").await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    at(&t, london(2026, 11, 24, 16, 30)).await;
    // The Tuesday reminder's question went more than a day ago; Friday's has not gone yet.
    sam_texts(&t, "YES").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers").await, 0);
    assert!(worker.last_text().contains("YES"), "{}", worker.last_text());
}

#[tokio::test]
async fn stop_stops_every_text_and_the_worker_hears_at_once_start_restarts_them() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    let before = texts_to_sam(&t).len();
    sam_texts(&t, "STOP").await;
    assert!(worker.last_text().contains("Sam texted STOP"), "{}", worker.last_text());
    at(&t, london(2026, 11, 23, 16, 0)).await;
    assert_eq!(texts_to_sam(&t).len(), before, "no text after STOP, not even a reminder");
    say(&t, &worker, "/child Sam").await;
    assert!(worker.news_texts().iter().any(|text| text.contains("texted STOP")), "{:?}", worker.news_texts());

    sam_texts(&t, "Start").await;
    assert_eq!(last_text_to_sam(&t), "You will get Touchbase texts again. Reply STOP to stop them.");
    assert!(worker.last_text().contains("Sam texted START"), "{}", worker.last_text());
    at(&t, london(2026, 11, 24, 15, 0)).await;
    assert!(last_text_to_sam(&t).starts_with("You meet your worker soon"), "{}", last_text_to_sam(&t));
}

#[tokio::test]
async fn a_number_nobody_has_is_answered_once() {
    let t = spawn_app().await;
    sam_on_texts(&t).await;
    t.notify.receive("07700 900999", "hello who is this");
    t.settle().await;
    t.notify.receive("07700 900999", "hello??");
    t.settle().await;
    let answers = t.notify.texts_to("07700900999");
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert!(answers[0].contains("we don't know this number"), "{answers:?}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM text_strangers").await, 1);
}

#[tokio::test]
async fn a_wrong_number_reaches_the_worker_at_once() {
    let t = spawn_app().await;
    t.notify.set_status_for(SAM, "permanent-failure");
    let worker = sam_on_texts(&t).await;
    // Notify says how a text went a minute or so after it took it.
    at(&t, t.clock.now() + Duration::seconds(61)).await;
    let told: Vec<String> = worker.texts().into_iter().filter(|text| text.contains("not getting through")).collect();
    assert_eq!(told.len(), 1, "{:?}", worker.texts());
    say(&t, &worker, "/children").await;
    assert!(worker.last_text().contains("texts to their number are not getting through"), "{}", worker.last_text());
}

#[tokio::test]
async fn a_text_whose_answer_was_lost_is_looked_up_not_sent_twice() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    t.notify.fail_next(Endpoint::Send, Failure::AcceptThenFail(502));
    at(&t, london(2026, 11, 23, 16, 0)).await;
    // The bot could not tell whether the reminder went: it asks Notify by its reference, then sends nothing more.
    for _ in 0..5 {
        at(&t, t.clock.now() + Duration::seconds(30)).await;
    }
    let reminders = texts_to_sam(&t).into_iter().filter(|text| text.starts_with("You meet your worker")).count();
    assert_eq!(reminders, 1, "{:?}", texts_to_sam(&t));
    assert!(t.notify.reference_lookups() >= 1, "the bot asked before sending again");
    assert!(!worker.texts().iter().any(|text| text.contains("failed")), "{:?}", worker.texts());
}

#[tokio::test]
async fn notify_failing_never_stops_telegram_and_the_text_goes_when_it_answers() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    t.notify.fail_next(Endpoint::Send, Failure::ServerError(503));
    t.notify.fail_next(Endpoint::Send, Failure::RateLimited);
    t.notify.fail_next(Endpoint::Send, Failure::Slow(std::time::Duration::from_secs(20)));
    t.notify.fail_next(Endpoint::Any, Failure::ServerError(500));
    at(&t, london(2026, 11, 23, 16, 0)).await;
    let answer = say(&t, &worker, "/children").await;
    assert!(answer.contains("Sam"), "Telegram goes on while Notify fails: {answer}");
    for _ in 0..10 {
        at(&t, t.clock.now() + Duration::seconds(30)).await;
    }
    let reminders = texts_to_sam(&t).into_iter().filter(|text| text.starts_with("You meet your worker")).count();
    assert_eq!(reminders, 1, "{:?}", texts_to_sam(&t));
}

#[tokio::test]
async fn texts_need_a_number_and_a_child_under_16_is_never_given_a_telegram_link() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let refused = say(&t, &worker, "/enrol Jo channel=sms").await;
    assert!(refused.contains("add their mobile number"), "{refused}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE name = 'Jo'").await, 0, "nothing changed");

    let young = say(&t, &worker, "/enrol Jo born=2012-05-01").await;
    assert!(young.contains("under 16") && !young.contains("?start="), "{young}");
    let link = say(&t, &worker, "/link Jo").await;
    assert!(link.contains("under 16") && !link.contains("?start="), "{link}");
    let telegram = say(&t, &worker, "/update Jo channel=telegram").await;
    assert!(telegram.contains("under 16"), "{telegram}");

    say(&t, &worker, "/update Jo phone=07700900456").await;
    let on_texts = say(&t, &worker, "/update Jo channel=sms").await;
    assert!(!on_texts.contains("under 16"), "{on_texts}");
    assert!(t.notify.texts_to("07700900456")[0].starts_with("Hi Jo"), "welcomed by text");

    // A child under 16 with a number is put on texts from the start.
    let ali = say(&t, &worker, "/enrol Ali born=2013-02-02 phone=07700900789").await;
    assert!(ali.contains("Ali is enrolled on texts"), "{ali}");
    assert_eq!(t.notify.texts_to("07700900789").len(), 1);
}

#[tokio::test]
async fn a_child_who_blocks_the_bot_and_has_a_number_goes_on_by_text_and_back_when_they_write() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam phone=07700900123").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    assert!(texts_to_sam(&t).is_empty(), "on Telegram, no texts");
    child.block_bot();
    at(&t, london(2026, 11, 23, 16, 0)).await;
    // The reminder Telegram refused goes by text, and the worker hears once that Sam is on texts now.
    assert!(last_text_to_sam(&t).starts_with("You meet your worker on Tuesday"), "{:?}", texts_to_sam(&t));
    let told = worker.texts().into_iter().filter(|text| text.contains("they get texts instead")).count();
    assert_eq!(told, 1, "{:?}", worker.texts());
    assert!(!worker.texts().iter().any(|text| text.contains("Please contact them another way")), "not unreachable");
    sam_texts(&t, "yes").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'yes'").await, 1);

    say(&t, &child, "hello").await;
    let before = texts_to_sam(&t).len();
    at(&t, london(2026, 11, 24, 15, 0)).await;
    assert_eq!(texts_to_sam(&t).len(), before, "back on Telegram: no more texts");
    assert!(child.last_text().starts_with("You meet your worker soon"), "{}", child.last_text());
}

#[tokio::test]
async fn a_child_on_texts_joins_a_drop_in_with_yes_and_says_yes_to_a_carer() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let host = t.staff(&manager, "host", 5, "Hana").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    say(&t, &worker, "/enrol Sam phone=07700900123 channel=sms").await;
    let made =
        say(&t, &host, "/dropin title=\"Art club\" at=\"2026-11-27 18:00\" link=https://zoom.example/j/1 invited=yes")
            .await;
    assert!(made.starts_with("Drop-in #"), "{made}");
    say(&t, &host, "/dropin_invite 1 Sam").await;
    assert_eq!(last_text_to_sam(&t), "You are invited to Art club, Friday 27 November, 6pm. Reply YES to join.");
    sam_texts(&t, "YES").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM dropin_signups WHERE state = 'signed'").await, 1);
    assert!(last_text_to_sam(&t).starts_with("You are signed up for Art club"), "{}", last_text_to_sam(&t));
    at(&t, london(2026, 11, 27, 17, 45)).await;
    assert_eq!(last_text_to_sam(&t), "Art club starts soon. Join here: https://zoom.example/j/1");

    say(&t, &worker, "/carer Sam").await;
    assert_eq!(last_text_to_sam(&t), "Can a parent or carer get your meeting reminders too? Reply YES or NO.");
    sam_texts(&t, "yes please").await;
    assert!(worker.last_text().contains("yes please"), "more than the word is their own words: {}", worker.last_text());
    sam_texts(&t, "Yes!").await;
    assert!(worker.last_text().contains("?start="), "the worker gets the carer's link: {}", worker.last_text());
}

#[tokio::test]
async fn a_reminder_telegram_refuses_goes_by_text_and_the_news_of_the_block_changes_nothing_more() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let child = t.child(&worker, 3, "Sam phone=07700900123").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    child.block_bot();
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.app.run_due_jobs().await.unwrap();
    // Telegram refuses the reminder before the bot hears of the block: it goes by text at once.
    t.app.deliver_messages().await.unwrap();
    assert!(last_text_to_sam(&t).starts_with("You meet your worker on Tuesday"), "{:?}", texts_to_sam(&t));
    t.settle().await;
    let notices: Vec<String> = worker.texts().into_iter().filter(|text| text.contains("Sam can")).collect();
    assert_eq!(notices.len(), 1, "told once, that Sam is on texts: {notices:?}");
    assert!(notices[0].contains("they get texts instead"), "{notices:?}");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE unreachable_since IS NOT NULL").await, 0);
}

#[tokio::test]
async fn a_received_text_is_handled_once_across_a_restart() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    sam_texts(&t, "no").await;
    sam_texts(&t, "the bus is off").await;
    let notices = worker.texts().len();
    let texts = texts_to_sam(&t).len();
    // Notify still serves both texts; the bot started again reads them, and does nothing twice.
    let t = t.restart().await;
    t.settle().await;
    at(&t, london(2026, 11, 23, 16, 5)).await;
    assert_eq!(worker.texts().len(), notices, "{:?}", worker.texts());
    assert_eq!(texts_to_sam(&t).len(), texts, "{:?}", texts_to_sam(&t));
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers").await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM received_texts").await, 2);
}

#[tokio::test]
async fn the_figures_count_children_on_texts_and_the_texts_and_parts_sent() {
    let t = spawn_app().await;
    sam_on_texts(&t).await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    at(&t, london(2026, 11, 24, 15, 0)).await;
    let sent = t.notify.sent();
    let parts: usize = sent.iter().map(|text| touchbase::domain::sms::parts(&text.body)).sum();
    at(&t, london(2026, 11, 30, 8, 0)).await;
    let manager = t.fake.phone(1, "Priya");
    let figures = say(&t, &manager, "/figures").await;
    let figures = manager.news_texts().into_iter().find(|text| text.starts_with("Figures for")).unwrap_or(figures);
    assert!(
        figures.contains(&format!("Texts sent: {} ({parts} parts)", sent.len())),
        "{} texts, {parts} parts: {figures}",
        sent.len()
    );
    assert!(figures.contains("On texts: fewer than 3 children"), "{figures}");
}

#[tokio::test]
async fn a_carer_on_texts_is_asked_for_by_the_child_gets_the_reminders_and_can_stop_them() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    const MUM: &str = "07700900222";
    let shared = say(&t, &worker, "/carer Sam phone=07700900123").await;
    assert!(shared.contains("Sam's own number"), "no second copy to the child's own phone: {shared}");
    say(&t, &worker, &format!("/carer Sam phone={MUM}")).await;
    assert_eq!(last_text_to_sam(&t), "Can a parent or carer get your meeting reminders too? Reply YES or NO.");
    assert!(t.notify.texts_to(MUM).is_empty(), "nothing before the child says yes");
    sam_texts(&t, "YES").await;
    assert_eq!(last_text_to_sam(&t), "OK. They will get your reminders by text.");
    assert!(worker.last_text().contains("by text from now on"), "{}", worker.last_text());
    assert!(t.notify.texts_to(MUM)[0].starts_with("Hi, this is Touchbase"), "{:?}", t.notify.texts_to(MUM));
    worker.send_text("/export Sam");
    t.settle().await;
    let export = worker.new_documents().into_iter().find(|d| d.file_name == "records.json").expect("the export");
    let export = String::from_utf8(export.bytes).unwrap();
    assert!(export.contains("+447700900222") && export.contains("+447700900123"), "both numbers: {export}");

    at(&t, london(2026, 11, 23, 16, 0)).await;
    let to_mum = t.notify.texts_to(MUM);
    assert_eq!(to_mum.last().unwrap(), "Reminder: Sam meets their worker on Tuesday 24 November, 4pm, at the office.");
    t.notify.receive(MUM, "he will be there");
    t.settle().await;
    assert!(worker.last_text().contains("parent or carer wrote") && worker.last_text().contains("he will be there"));
    t.notify.receive(MUM, "stop");
    t.settle().await;
    assert!(worker.last_text().contains("Sam's parent or carer texted STOP"), "{}", worker.last_text());
    let before = t.notify.texts_to(MUM).len();
    at(&t, london(2026, 11, 24, 15, 0)).await;
    assert_eq!(t.notify.texts_to(MUM).len(), before, "no text after STOP");
    assert!(last_text_to_sam(&t).starts_with("You meet your worker soon"), "Sam still gets his");
}

/// The real binary reads received texts once each `TOUCHBASE_NOTIFY_POLL`: one reading loop, never two.
#[tokio::test]
async fn the_running_bot_reads_received_texts_once_a_poll() {
    use crate::support::binary::{start, terminate, touchbase};
    use crate::support::db::TestDb;
    use crate::support::fake_notify::{self, FakeNotify};
    use crate::support::fake_telegram::FakeTelegram;

    let dir = tempfile::tempdir().unwrap();
    let db = TestDb::new(dir.path(), "touchbase.db").await;
    let (fake, notify) = (FakeTelegram::start().await, FakeNotify::start().await);
    let (key, url) = (fake_notify::api_key(), notify.api_url().to_string());
    let env = [
        ("TOUCHBASE_NOTIFY_API_KEY", key.as_str()),
        ("TOUCHBASE_NOTIFY_SMS_TEMPLATE", fake_notify::TEMPLATE_ID),
        ("TOUCHBASE_NOTIFY_API_URL", url.as_str()),
        ("TOUCHBASE_NOTIFY_POLL", "2s"),
    ];
    let mut bot = start(touchbase(&db, Some(&fake), &env, &["run"]));
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    while notify.received_reads() == 0 {
        assert!(tokio::time::Instant::now() < deadline, "the bot never read received texts");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let first = notify.received_reads();
    tokio::time::sleep(std::time::Duration::from_millis(5_000)).await;
    let reads = notify.received_reads() - first;
    terminate(&mut bot).await;
    assert!((2..=3).contains(&reads), "{reads} reads in 5 s at one every 2 s");
}

#[tokio::test]
async fn a_new_reminder_is_answered_by_yes_even_while_a_reason_was_still_asked_for() {
    let t = spawn_app().await;
    sam_on_texts(&t).await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    sam_texts(&t, "no").await;
    // Sam never says why; the next reminder comes, and YES answers it.
    at(&t, london(2026, 11, 24, 15, 0)).await;
    sam_texts(&t, "YES").await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'yes'").await, 1);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE note IS NOT NULL").await, 0, "YES is not a reason");
}

#[tokio::test]
async fn a_reminder_not_on_the_phone_when_the_appointment_starts_is_told_to_the_worker() {
    let t = spawn_app().await;
    // Notify keeps trying a phone that is off, for up to 72 hours.
    t.notify.set_next_status("sending");
    let worker = sam_on_texts(&t).await;
    at(&t, london(2026, 11, 24, 15, 0)).await;
    let told =
        |worker: &Phone| worker.texts().into_iter().filter(|text| text.contains("did not get the reminder")).count();
    assert_eq!(told(&worker), 0, "not before the appointment");
    at(&t, london(2026, 11, 24, 16, 1)).await;
    assert_eq!(told(&worker), 1, "{:?}", worker.texts());
    at(&t, london(2026, 11, 24, 20, 0)).await;
    assert_eq!(told(&worker), 1, "told once");
}

/// Two weeks of Sam on texts, as his worker runs them: reminded and answering, praised for coming,
/// a week skipped and one moved, a miss followed up kindly, and what he says reaching his worker.
#[tokio::test]
async fn two_weeks_of_a_child_on_texts() {
    let t = spawn_app().await;
    let worker = sam_on_texts(&t).await;
    assert!(
        last_text_to_sam(&t).starts_with("You will meet your worker every Tuesday at 4pm"),
        "{:?}",
        texts_to_sam(&t)
    );

    // Week one: the day-before and hour-before reminders, a YES, and praise after.
    at(&t, london(2026, 11, 23, 16, 0)).await;
    sam_texts(&t, "yes").await;
    assert_eq!(last_text_to_sam(&t), "Great, see you then!");
    at(&t, london(2026, 11, 24, 15, 0)).await;
    assert!(last_text_to_sam(&t).starts_with("You meet your worker soon"), "{}", last_text_to_sam(&t));
    at(&t, london(2026, 11, 24, 17, 0)).await;
    worker.tap("Came");
    t.settle().await;
    assert!(last_text_to_sam(&t).starts_with("Thanks for coming"), "{}", last_text_to_sam(&t));

    // Week two is skipped, week three moved to Thursday.
    say(&t, &worker, "/skip Sam 2026-12-01 bank holiday").await;
    assert!(last_text_to_sam(&t).starts_with("There is no meeting on"), "{}", last_text_to_sam(&t));
    say(&t, &worker, "/move Sam 2026-12-08 2026-12-10 16:00").await;
    assert!(last_text_to_sam(&t).contains("has moved"), "{}", last_text_to_sam(&t));

    // Thursday 10 December: no answer, no show; the kind follow-up comes by text and his words go on.
    at(&t, london(2026, 12, 10, 17, 0)).await;
    worker.tap("Didn't come");
    t.settle().await;
    assert!(last_text_to_sam(&t).starts_with("We missed you"), "{}", last_text_to_sam(&t));
    sam_texts(&t, "sorry my bus never came").await;
    assert!(worker.last_text().contains("sorry my bus never came"), "{}", worker.last_text());

    let texts = texts_to_sam(&t);
    assert!(texts.iter().all(|text| !text.contains('<') && text.chars().count() <= 160), "plain, one part: {texts:?}");
    let skipped_week = texts.iter().filter(|text| text.contains("1 December") && text.starts_with("You meet")).count();
    assert_eq!(skipped_week, 0, "no reminder for the skipped week");
    assert!(t.notify.rejected().is_empty(), "{:?}", t.notify.rejected());
}
