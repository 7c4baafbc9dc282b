//! Abuse: a stranger trying every command, hostile arguments, and forged button data from every
//! kind of action. Each gets a clear answer or silence, and nothing changes.

use crate::support::app::{london, sam_on_tuesdays, say, say_all, scalar, spawn_app};
use crate::support::fake_telegram::Phone;
use crate::support::snapshot::Snapshot;
use touchbase::usecase::commands::CommandName;

#[tokio::test]
async fn a_stranger_trying_every_command_is_told_once_how_to_get_an_invite_and_changes_nothing() {
    let t = spawn_app().await;
    let (_, _, _) = sam_on_tuesdays(&t).await;
    let stranger = t.fake.phone(666, "Mallory");
    let before = Snapshot::leaving_out_the_conversation_with(t.app.store(), stranger.user_id()).await;
    for command in CommandName::ALL {
        stranger.send_text(&format!(
            "/{} Sam Tue 16:00 title=\"x\" at=\"2026-12-01 10:00\" link=https://x",
            command.word()
        ));
    }
    stranger.send_text("/start not-a-real-code");
    stranger.send_text("hello?");
    t.settle().await;
    // "/start Sam ..." is a link that does not work; every other command is answered with how to get
    // an invite, once; the flood of commands itself is not answered.
    assert_eq!(
        stranger.texts(),
        [
            "Sorry, this link does not work. Please ask for a new one.",
            "You need an invite link to use this. Please ask your worker for one."
        ]
    );
    let after = Snapshot::leaving_out_the_conversation_with(t.app.store(), stranger.user_id()).await;
    before.assert_unchanged(&after, "a stranger's commands");
    let told = format!("SELECT COUNT(*) FROM strangers WHERE telegram_user_id = {}", stranger.user_id());
    assert_eq!(scalar(&t, &told).await, 1, "only that they were told is kept");
}

#[tokio::test]
async fn hostile_arguments_each_get_one_clear_answer_from_their_own_parser_and_change_nothing() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let host = t.staff(&manager, "host", 4, "Hana").await;
    let long = "A".repeat(4000);
    // (who may use the command, the hostile command, words the answer must hold: the refusal of the
    // parser the hostile part is meant for)
    let hostile: Vec<(&Phone, String, &str)> = vec![
        (&worker, format!("/enrol {long}"), "Names can be up to 40 letters"),
        (&worker, "/enrol Jo\u{202E}evil".into(), "no hidden characters"),
        (&worker, "/enrol Jo\u{0007}bell".into(), "no hidden characters"),
        (&worker, "/enrol Jo born=2011-13-45".into(), "I can't read 2011-13-45 as a date"),
        (&worker, "/enrol Jo lang=xx".into(), "lang=xx is not valid"),
        (&worker, "/enrol Jo colour=blue".into(), "I don't know the option colour"),
        (&worker, format!("/slot Sam Tue 16:00 place={long}"), "The place can be up to 60 characters"),
        (&worker, "/slot Sam Tue 25:00".into(), "I can't read 25:00 as a time"),
        (&worker, "/slot Sam Someday 16:00".into(), "Use: /slot NAME DAY TIME"),
        (&worker, "/commitment Sam Mon 09:00-10:00 <script>alert(1)</script>\u{200F}".into(), "The label can be"),
        (&worker, "/commitment Sam Xyz 09:00-10:00 school".into(), "/commitment"),
        (&worker, format!("/warn Sam {long}"), "The reason can be up to 200 characters"),
        (&worker, format!("/suspend Sam 2026-12-01 2026-12-02 {long}"), "The reason can be up to 200 characters"),
        (&worker, "/skip Sam 9999-99-99".into(), "I can't read 9999-99-99 as a date"),
        (&worker, "/move Sam 2026-11-24 2026-11-25 16:00 place=\"unclosed".into(), "a quote is not closed"),
        (&worker, "/attended Sam 2026-02-30".into(), "I can't read 2026-02-30 as a date"),
        (&worker, "/missed Sam 9999-99-99".into(), "I can't read 9999-99-99 as a date"),
        (&host, format!("/dropin title=\"{long}\" at=\"2026-12-01 10:00\" link=https://x.example"), "title="),
        (&host, "/dropin title=\"x\" at=\"2026-12-01 10:00\" link=https://x.example/\u{202E}".into(), "link="),
        (&host, "/dropin title=\"x\" at=\"2026-12-01 25:00\" link=https://x.example".into(), "25:00 as a time"),
        (&host, "/dropin title=\"x\" at=\"2026-12-01 10:00\" capacity=-5 link=https://x.example".into(), "capacity="),
        (&host, "/dropin title=\"x\" at=\"2026-12-01 10:00\" ages=17-13 link=https://x.example".into(), "ages="),
        (&host, "/roster -1".into(), "There is no drop-in #-1"),
        (&host, "/cancel_dropin 99999999999999999999999".into(), "Use: /cancel_dropin ID"),
        (&manager, "/figures weeks=99999999999999999999".into(), "weeks=99999999999999999999 is not valid"),
        (&manager, "/figures weeks=0".into(), "weeks=0 is not valid"),
        (&manager, "/invite wizard Merlin".into(), "/invite"),
    ];
    for (phone, command, expected) in &hostile {
        let before = Snapshot::leaving_out_the_conversation_with(t.app.store(), phone.user_id()).await;
        let answers = say_all(&t, phone, command).await;
        assert_eq!(answers.len(), 1, "{command:.80}: one answer, got {answers:?}");
        let answer = &answers[0];
        assert!(answer.contains(expected), "{command:.80}: {expected:?} not in {answer:.300}");
        assert!(answer.chars().count() < 300, "{command:.80}: a short answer, got {answer:.300}");
        let after = Snapshot::leaving_out_the_conversation_with(t.app.store(), phone.user_id()).await;
        before.assert_unchanged(&after, &format!("{command:.80}"));
    }
    // A child's command with junk after it is still answered, once, and changes nothing.
    let before = Snapshot::leaving_out_the_conversation_with(t.app.store(), child.user_id()).await;
    let answers = say_all(&t, &child, &format!("/next {long}")).await;
    assert_eq!(answers, ["Your next meeting is Tuesday 24 November, 4pm, at the office."]);
    let after = Snapshot::leaving_out_the_conversation_with(t.app.store(), child.user_id()).await;
    before.assert_unchanged(&after, "/next with junk");
    // Markup in a name is kept as text: shown back literally, never as formatting.
    let reply = say(&t, &worker, "/enrol <b>Jo</b>").await;
    assert!(reply.starts_with("<b>Jo</b> is enrolled."), "{reply}");
}

#[tokio::test]
async fn forged_button_data_of_every_kind_changes_nothing() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let forged = [
        "1:att:1:came",
        "1:mwhy:1:ill",
        "1:talk:1",
        "1:judge:1:y",
        "1:warn:1:y",
        "1:panel:1:closed",
        "1:evid:1",
        "1:susp:1:y",
        "1:join:1",
        "1:leave:1",
        "1:came:1",
        "1:erase:3:y",
        "1:xfer:3:2",
        "1:apart:3:3",
        "1:rmc:1",
        "1:ans:999:yes",
        "1:why:999:ill",
        "1:card:999",
        "1:pick:AAAAAAAAAAAAAAAA",
        "2:lang:cy",
        "garbage",
        "1:att:99999999999999999999:came",
    ];
    for phone in [&manager, &worker, &child] {
        let before = Snapshot::leaving_out_the_conversation_with(t.app.store(), phone.user_id()).await;
        for data in forged {
            let message = phone.messages().last().map(|m| m.message_id).unwrap_or(1);
            phone.tap_data(message, data);
        }
        t.settle().await;
        let answers = phone.callback_answers();
        assert_eq!(answers.len(), forged.len(), "every tap is answered, so no phone keeps spinning");
        let after = Snapshot::leaving_out_the_conversation_with(t.app.store(), phone.user_id()).await;
        before.assert_unchanged(&after, &format!("forged taps from user {}", phone.user_id()));
    }
}

#[tokio::test]
async fn a_flood_from_one_child_is_told_to_slow_down_once_and_everyone_else_is_answered() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    let chats = [worker.user_id(), child.user_id()];
    let before = Snapshot::leaving_out_the_conversations_with(t.app.store(), &chats).await;
    let (child_before, worker_before) = (child.texts().len(), worker.texts().len());
    t.clock.advance(chrono::Duration::seconds(61));
    for n in 0..200 {
        child.send_text(&format!("/next {n}"));
    }
    worker.send_text("/children");
    t.settle().await;
    assert_eq!(worker.texts().len(), worker_before + 1, "the worker is answered");
    assert!(worker.last_text().contains("Sam"), "{}", worker.last_text());
    let answers = &child.texts()[child_before..];
    assert_eq!(answers.len(), touchbase::domain::flood::PER_MINUTE + 1, "a minute's worth, then one notice");
    assert_eq!(answers.last().unwrap(), "That's a lot of messages at once. I'll read new ones in a minute.");
    let after = Snapshot::leaving_out_the_conversations_with(t.app.store(), &chats).await;
    before.assert_unchanged(&after, "a flood of /next");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM inbound_updates").await, 0, "every update was dealt with");

    // A minute after the flood stops, the child is read again.
    t.clock.advance(chrono::Duration::seconds(61));
    let answer = say(&t, &child, "/next").await;
    assert!(answer.contains("Tuesday"), "{answer}");
}

#[tokio::test]
async fn messages_that_waited_while_the_bot_was_down_are_not_a_flood() {
    let t = spawn_app().await;
    let (_, _, child) = sam_on_tuesdays(&t).await;
    let before = child.texts().len();
    // Forty messages over seven minutes reach Telegram while the bot is down, then all arrive at once.
    for _ in 0..40 {
        t.clock.advance(chrono::Duration::seconds(10));
        child.send_text("/next");
    }
    t.settle().await;
    let answers = &child.texts()[before..];
    assert_eq!(answers.len(), 40, "every one is answered");
    assert!(answers.iter().all(|a| a.contains("Tuesday")), "{answers:?}");
}

#[tokio::test]
async fn taps_and_blocking_are_read_during_a_flood() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    // The day-before reminder, with its buttons.
    t.clock.set(london(2026, 11, 23, 16, 0));
    t.settle().await;
    assert!(child.last_text().starts_with("You meet your worker"), "{}", child.last_text());
    t.clock.advance(chrono::Duration::seconds(61));
    for n in 0..100 {
        child.send_text(&format!("/next {n}"));
    }
    child.tap("I can't make it");
    t.settle().await;
    assert!(child.news_texts().iter().any(|m| m.starts_with("That's a lot of messages")), "a flood");
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM answers WHERE answer = 'no'").await, 1, "the tap was read");
    assert!(
        worker.news_texts().iter().any(|m| m.contains("Sam") && m.contains("can't make it")),
        "{:?}",
        worker.news_texts()
    );
    assert_eq!(child.callback_answers().len(), 1);
    child.block_bot();
    t.settle().await;
    assert!(
        worker.last_text().contains("Sam can't get Touchbase messages"),
        "the block was read: {}",
        worker.last_text()
    );
}
