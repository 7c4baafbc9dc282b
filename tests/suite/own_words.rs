//! The voice of the child: whatever a child or carer sends that the bot is not waiting for reaches their
//! worker, and nothing is dropped, however much of it there is. Clock starts Monday 23 November 2026
//! 10:00; Sam's appointment is on Tuesdays at 16:00.

use crate::support::app::{at, invite_code_in, london, sam_on_tuesdays, say, spawn_app};
use crate::support::fake_telegram::Media;
use chrono::Duration;

#[tokio::test]
async fn a_childs_words_reach_their_worker_with_the_card_and_the_child_is_thanked_kindly() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    let thanks = say(&t, &child, "im scared to come, that boy will be there").await;
    assert_eq!(thanks, "Thanks. Your worker has your message.");
    assert!(!thanks.contains("command"));
    let notice = worker.last_message();
    assert_eq!(notice.text, "Sam wrote: “im scared to come, that boy will be there”");
    assert_eq!(notice.buttons[0][0].text, "Open Sam's card");
    // More words soon after reach the worker too; the child is not thanked every time.
    child.send_text("please dont tell him");
    t.settle().await;
    assert!(child.news().is_empty(), "{:?}", child.news_texts());
    assert_eq!(worker.last_text(), "Sam wrote: “please dont tell him”");
    t.clock.advance(Duration::minutes(11));
    assert_eq!(say(&t, &child, "ok").await, "Thanks. Your worker has your message.");
}

#[tokio::test]
async fn a_voice_note_a_photo_a_sticker_and_a_file_are_passed_on_as_they_are() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    for (media, said) in [
        (Media::Voice, "Sam sent you a voice note. Here it is:"),
        (Media::Photo, "Sam sent you a photo. Here it is:"),
        (Media::Sticker, "Sam sent you a sticker. Here it is:"),
    ] {
        child.send_media(media);
        t.settle().await;
        assert_eq!(worker.last_text(), said);
    }
    t.clock.advance(Duration::minutes(2));
    child.send_media(Media::Document);
    t.settle().await;
    assert_eq!(worker.copies(), ["voice", "photo", "sticker", "document"], "each as it was sent");
    assert!(child.texts().iter().any(|m| m == "Thanks. Your worker has your message."));
}

#[tokio::test]
async fn typed_answers_to_the_open_questions_reach_the_worker_as_answers() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    // The day-before reminder asks "How will you get there?".
    at(&t, london(2026, 11, 23, 16, 0)).await;
    assert!(child.last_text().ends_with("How will you get there?"), "{}", child.last_text());
    say(&t, &child, "my mum is driving me").await;
    assert_eq!(
        worker.last_text(),
        "Sam answered \"How will you get there?\" for Tuesday 2026-11-24 16:00: “my mum is driving me”"
    );
    // Sam does not come; the follow-up asks "Are you OK, and what happened?".
    at(&t, london(2026, 11, 24, 17, 0)).await;
    worker.tap("Didn't come");
    t.settle().await;
    assert!(child.last_text().contains("Are you OK, and what happened?"));
    child.send_text("the bus never came");
    t.settle().await;
    assert_eq!(
        worker.last_text(),
        "Sam answered \"Are you OK, and what happened?\" about Tuesday 2026-11-24 16:00: “the bus never came”"
    );
    // What comes after that is their own words again.
    child.send_text("sorry");
    t.settle().await;
    assert_eq!(worker.last_text(), "Sam wrote: “sorry”");
}

#[tokio::test]
async fn a_flood_of_words_reaches_the_worker_whole_in_a_digest_and_other_notices_are_not_held_up() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    let jo = t.child(&worker, 4, "Jo").await;
    say(&t, &worker, "/slot Jo Tue 18:00").await;
    at(&t, london(2026, 11, 23, 18, 0)).await;
    // Sam sends 60 messages within a minute, and a photo in the middle of them.
    for n in 0..60 {
        child.send_text(&format!("word number {n}"));
        if n == 30 {
            child.send_media(Media::Photo);
        }
    }
    t.settle().await;
    let notices: Vec<String> = worker.news_texts().into_iter().filter(|m| m.starts_with("Sam")).collect();
    assert_eq!(notices.len(), 3, "three one by one, the rest wait a minute: {notices:?}");
    assert_eq!(child.news_texts(), ["Thanks. Your worker has your message."], "thanked once");
    // Jo's answer reaches the worker at once, flood or not.
    jo.tap("I can't make it");
    t.settle().await;
    assert!(worker.news_texts().iter().any(|m| m.starts_with("Jo") && m.contains("can't make it")));
    // A minute on, the rest comes in one digest: every word, and the photo after it.
    t.clock.advance(Duration::seconds(61));
    t.settle().await;
    let digest = worker.news_texts().join("\n");
    assert!(digest.starts_with("Sam sent more within a minute (58):"), "{digest}");
    let everything: String = worker.texts().join("\n");
    for n in 0..60 {
        assert!(everything.contains(&format!("word number {n}”")), "word {n} reached the worker");
    }
    assert!(digest.contains("a photo (below)"));
    assert_eq!(worker.copies(), ["photo"]);
}

#[tokio::test]
async fn a_carers_words_reach_the_childs_worker() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    say(&t, &worker, "/carer Sam").await;
    child.tap("Yes, that's OK");
    t.settle().await;
    let carer = t.fake.phone(30, "Mum");
    carer.send_text(&format!("/start {}", invite_code_in(&worker.last_text())));
    t.settle().await;
    assert_eq!(say(&t, &carer, "Sam has a fever today").await, "Thanks. The worker has your message.");
    assert_eq!(worker.last_text(), "Sam's parent or carer wrote: “Sam has a fever today”");
}

#[tokio::test]
async fn staff_are_still_asked_to_use_commands() {
    let t = spawn_app().await;
    let (_, worker, _) = sam_on_tuesdays(&t).await;
    assert_eq!(say(&t, &worker, "hello").await, "I can only answer commands like /help. Send /help to see them.");
    worker.send_media(Media::Photo);
    t.settle().await;
    assert_eq!(worker.last_text(), "I can only answer commands like /help. Send /help to see them.");
}

#[tokio::test]
async fn words_about_an_appointment_that_has_started_still_reach_the_worker() {
    let t = spawn_app().await;
    let (_, worker, child) = sam_on_tuesdays(&t).await;
    at(&t, london(2026, 11, 23, 16, 0)).await;
    child.tap("I can't make it");
    t.settle().await;
    child.tap("Something else");
    t.settle().await;
    // The child types only after the meeting has begun.
    t.clock.set(london(2026, 11, 24, 16, 30));
    assert_eq!(say(&t, &child, "my brother was ill").await, "Thanks. Your worker has your message.");
    assert_eq!(worker.last_text(), "Sam wrote: “my brother was ill”");
}
