//! Joining by invite: the first manager, staff, children; strangers and bad invites; language and help.

use crate::support::app::{invite_code_in, say_unanswered, spawn_app, spawn_paced_app};
use crate::support::fake_telegram::BOT_USERNAME;
use chrono::Duration;

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn manager_worker_and_child_join_and_the_child_reads_welsh() {
    let t = spawn_paced_app().await;
    let manager = t.manager(1, "Priya").await;
    assert!(manager.last_text().contains("Welcome, Priya"), "{:?}", manager.texts());
    let (menu, _) = manager.commands().expect("the manager has a menu");
    let words: Vec<&str> = menu.iter().map(|(c, _)| c.as_str()).collect();
    assert!(words.contains(&"invite") && words.contains(&"enrol") && !words.contains(&"start"), "{words:?}");

    manager.send_text("/invite worker Alex");
    t.settle().await;
    let reply = manager.last_text();
    assert!(reply.contains(&format!("https://t.me/{BOT_USERNAME}?start=")), "{reply}");
    let worker = t.fake.phone(2, "Alex");
    worker.send_text(&format!("/start {}", invite_code_in(&reply)));
    t.settle().await;
    assert!(worker.last_text().contains("case worker"), "{:?}", worker.texts());
    assert!(manager.last_text().contains("Alex has joined"), "{:?}", manager.texts());

    worker.send_text(
        "/enrol Sam born=2010-04-02 order_end=2027-06-30 gender=non-binary ethnicity=mixed looked_after=yes sex=male",
    );
    t.settle().await;
    let code = invite_code_in(&worker.last_text());
    let child = t.fake.phone(3, "Sam");
    child.send_text(&format!("/start {code}"));
    t.settle().await;
    let texts = child.texts();
    assert!(texts[0].starts_with("Hi Sam!"), "{texts:?}");
    assert!(worker.last_text().contains("Sam has joined"));
    let (child_menu, _) = child.commands().unwrap();
    assert_eq!(
        child_menu.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["next", "dropins", "mine", "carers", "language", "help"]
    );

    child.tap("Cymraeg");
    t.settle().await;
    let answered = child.callback_answers();
    assert_eq!(answered.len(), 1, "the tap is answered so the phone stops spinning");
    let question = child.messages().into_iter().find(|m| m.edited).expect("the language question is edited");
    assert!(question.buttons.is_empty(), "no stale buttons after the tap");
    assert!(question.text.contains("Gymraeg"), "the answer is shown in Welsh: {}", question.text);
    let (welsh_menu, _) = child.commands().unwrap();
    assert_eq!(welsh_menu.iter().find(|(c, _)| c == "language").unwrap().1, "Newid fy iaith");

    child.send_text("/help");
    t.settle().await;
    let help = child.last_text();
    assert!(help.contains("/language") && !help.contains("What I can do"), "help is in Welsh: {help}");
    child.send_text("/enrol Jo");
    t.settle().await;
    assert!(child.last_text().starts_with("Sori"), "refusals are in Welsh too: {}", child.last_text());
}

#[tokio::test]
async fn a_child_enrolled_in_welsh_is_welcomed_in_welsh() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Cai lang=cy").await;
    assert!(child.texts()[0].contains("Cai"));
    assert!(!child.texts()[0].contains("I will help"), "{:?}", child.texts());
}

#[tokio::test]
async fn a_stranger_is_told_once_how_to_get_an_invite_and_nothing_else() {
    let t = spawn_app().await;
    let stranger = t.fake.phone(99, "Nobody");
    stranger.send_text("/start");
    stranger.send_text("hello?");
    stranger.send_text("/enrol Sam");
    stranger.send_text("/staff");
    t.settle().await;
    assert_eq!(stranger.texts().len(), 1, "{:?}", stranger.texts());
    assert!(stranger.last_text().contains("invite"));
    assert!(stranger.commands().is_none());
    // And from then on, nothing at all.
    say_unanswered(&t, &stranger, "/help").await;
    say_unanswered(&t, &stranger, "please").await;
    let mut conn = t.app.store().connection().await.unwrap();
    let people: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM people").fetch_one(&mut *conn).await.unwrap();
    assert_eq!(people.0, 0);
}

#[tokio::test]
async fn a_stranger_with_welsh_telegram_is_answered_in_welsh() {
    let t = spawn_app().await;
    let stranger = t.fake.phone(99, "Nobody");
    stranger.set_language_code(Some("cy"));
    stranger.send_text("helo");
    t.settle().await;
    assert!(!stranger.last_text().contains("invite"), "{}", stranger.last_text());
}

#[tokio::test]
async fn an_invite_works_once_even_when_two_people_race_for_it() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/invite worker Alex");
    t.settle().await;
    let code = invite_code_in(&manager.last_text());
    let first = t.fake.phone(2, "Alex");
    let second = t.fake.phone(3, "Mallory");
    first.send_text(&format!("/start {code}"));
    second.send_text(&format!("/start {code}"));
    t.settle().await;
    assert!(first.last_text().contains("Welcome, Alex"));
    assert!(second.last_text().contains("used already"), "{}", second.last_text());
    assert_eq!(second.texts().len(), 1);
    second.send_text("/staff");
    second.send_text("/staff");
    t.settle().await;
    assert_eq!(second.texts().len(), 2, "the loser is still a stranger, told once how to get an invite");
    assert!(second.last_text().contains("need an invite"), "{}", second.last_text());
}

#[tokio::test]
async fn an_expired_invite_is_refused_and_a_fresh_one_works() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/invite host Hana");
    t.settle().await;
    let old = invite_code_in(&manager.last_text());
    t.clock.advance(Duration::days(7) + Duration::seconds(1));
    let host = t.fake.phone(2, "Hana");
    host.send_text(&format!("/start {old}"));
    t.settle().await;
    assert!(host.last_text().contains("too old"), "{}", host.last_text());

    manager.send_text("/invite host Hana");
    t.settle().await;
    let fresh = invite_code_in(&manager.last_text());
    assert_ne!(old, fresh);
    host.send_text(&format!("/start {fresh}"));
    t.settle().await;
    assert!(host.last_text().contains("drop-in host"), "{}", host.last_text());
}

#[tokio::test]
async fn unknown_and_malformed_codes_are_refused_kindly() {
    let t = spawn_app().await;
    let phone = t.fake.phone(5, "Someone");
    phone.send_text("/start abc");
    phone.send_text(&format!("/start {}", "A".repeat(32)));
    t.settle().await;
    assert_eq!(phone.texts().len(), 2);
    assert!(phone.texts().iter().all(|t| t.contains("does not work")), "{:?}", phone.texts());
}

#[tokio::test]
async fn someone_already_signed_up_cannot_use_a_second_invite() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    manager.send_text("/enrol Sam");
    t.settle().await;
    let code = invite_code_in(&manager.last_text());
    manager.send_text(&format!("/start {code}"));
    t.settle().await;
    assert!(manager.last_text().contains("already signed up"));
    let child = t.fake.phone(3, "Sam");
    child.send_text(&format!("/start {code}"));
    t.settle().await;
    assert!(child.texts()[0].starts_with("Hi Sam"), "the invite was not used up: {:?}", child.texts());
}

#[tokio::test]
async fn language_can_be_chosen_again_and_help_lists_only_my_commands() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam").await;
    child.send_text("/language");
    t.settle().await;
    child.tap("Cymraeg");
    t.settle().await;
    child.send_text("/language");
    t.settle().await;
    child.tap("English");
    t.settle().await;
    child.send_text("/help");
    t.settle().await;
    let help = child.last_text();
    assert!(help.contains("/language") && help.contains("/help"), "{help}");
    assert!(!help.contains("/enrol") && !help.contains("/invite"), "{help}");

    manager.send_text("/help");
    t.settle().await;
    let help = manager.last_text();
    for command in
        ["/invite", "/staff", "/revoke", "/transfer", "/enrol", "/update", "/children", "/child", "/language"]
    {
        assert!(help.contains(command), "{command} missing from {help}");
    }
}

#[tokio::test]
async fn forged_and_stale_taps_are_answered_and_change_nothing() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let child = t.child(&manager, 3, "Sam").await;
    let message_id = child.messages()[0].message_id;
    for data in ["garbage", "1:xfer:1:1", "1:lang:xx", "2:lang:cy", "1:lang:cy:1"] {
        child.tap_data(message_id, data);
    }
    t.settle().await;
    let answers = child.callback_answers();
    assert_eq!(answers.len(), 5);
    assert!(answers.iter().all(|a| a.text.as_deref().is_some_and(|t| t.contains("does not work"))), "{answers:?}");
    child.send_text("/help");
    t.settle().await;
    assert!(child.last_text().contains("Here is what you can do"), "still English: {}", child.last_text());
    manager.send_text("/children");
    t.settle().await;
    assert!(manager.last_text().contains("Sam"), "the child was not moved");
}
