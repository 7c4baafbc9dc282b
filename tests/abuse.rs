//! Abuse: a stranger trying every command, hostile arguments, and forged button data from every
//! kind of action. Each gets a clear answer or silence, and nothing changes.

mod support;

use support::app::{sam_on_tuesdays, say, scalar, spawn_app};
use touchbase::telegram::commands::CommandName;

/// Every row the bot keeps about people and their week, to check that nothing changed.
async fn state(t: &support::app::TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "people",
        "children",
        "invites",
        "commitments",
        "slots",
        "occurrences",
        "answers",
        "attendance",
        "miss_reasons",
        "warnings",
        "panel_referrals",
        "suspensions",
        "dropins",
        "dropin_signups",
        "kept_apart",
        "carer_links",
    ] {
        counts.push(scalar(t, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

#[tokio::test]
async fn a_stranger_trying_every_command_is_told_once_how_to_get_an_invite_and_changes_nothing() {
    let t = spawn_app().await;
    let (_, _, _) = sam_on_tuesdays(&t).await;
    let before = state(&t).await;
    let stranger = t.fake.phone(666, "Mallory");
    for command in CommandName::ALL {
        stranger.send_text(&format!(
            "/{} Sam Tue 16:00 title=\"x\" at=\"2026-12-01 10:00\" link=https://x",
            command.word()
        ));
    }
    stranger.send_text("/start not-a-real-code");
    stranger.send_text("hello?");
    t.settle().await;
    let texts = stranger.texts();
    assert!(texts.iter().filter(|m| m.starts_with("You need an invite link")).count() == 1, "{texts:?}");
    assert!(texts.iter().all(|m| !m.contains("Sam") && !m.contains("Alex")), "{texts:?}");
    assert_eq!(state(&t).await, before);
}

#[tokio::test]
async fn hostile_arguments_get_a_clear_answer_and_change_nothing() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    let before = state(&t).await;
    let long = "A".repeat(4000);
    let hostile = [
        format!("/enrol {long}"),
        "/enrol Jo\u{202E}evil".to_owned(),
        "/enrol Jo\u{0007}bell".to_owned(),
        format!("/slot Sam Tue 16:00 place={long}"),
        "/slot Sam Tue 25:00".to_owned(),
        "/commitment Sam Mon 09:00-10:00 <script>alert(1)</script>\u{200F}".to_owned(),
        format!("/warn Sam {long}"),
        format!("/suspend Sam 2026-12-01 2026-12-02 {long}"),
        "/skip Sam 9999-99-99".to_owned(),
        "/move Sam 2026-11-24 2026-11-25 16:00 place=\"unclosed".to_owned(),
        format!("/dropin title=\"{long}\" at=\"2026-12-01 10:00\" link=https://x.example"),
        "/dropin title=\"x\" at=\"2026-12-01 10:00\" link=https://x.example/\u{202E}".to_owned(),
        "/figures weeks=99999999999999999999".to_owned(),
        "/attended Sam 2026-02-30".to_owned(),
        "/roster -1".to_owned(),
        "/cancel_dropin 99999999999999999999999".to_owned(),
    ];
    for command in &hostile {
        let reply = say(&t, &worker, command).await;
        assert!(!reply.is_empty() && reply.chars().count() < 1000, "{command:.60}: {reply:.200}");
    }
    let reply = say(&t, &child, &format!("/next {long}")).await;
    assert!(!reply.is_empty());
    assert_eq!(state(&t).await, before, "nothing changed");
    // Markup in a name is kept as text: shown back literally, never as formatting.
    let reply = say(&t, &worker, "/enrol <b>Jo</b>").await;
    assert!(reply.starts_with("<b>Jo</b> is enrolled."), "{reply}");
}

#[tokio::test]
async fn forged_button_data_of_every_kind_changes_nothing() {
    let t = spawn_app().await;
    let (manager, worker, child) = sam_on_tuesdays(&t).await;
    let before = state(&t).await;
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
        for data in forged {
            let message = phone.messages().last().map(|m| m.message_id).unwrap_or(1);
            phone.tap_data(message, data);
        }
        t.settle().await;
        let answers = phone.callback_answers();
        assert_eq!(answers.len(), forged.len(), "every tap is answered, so no phone keeps spinning");
    }
    assert_eq!(state(&t).await, before);
}

#[tokio::test]
async fn a_flood_from_one_child_is_told_to_slow_down_once_and_everyone_else_is_answered() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    let before = state(&t).await;
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
    assert_eq!(state(&t).await, before, "nothing changed");
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
