use std::time::Duration;

use crate::support::fake_telegram::{BOT_ID, BOT_USERNAME, Failure, FakeTelegram, SendLimits, TOKEN};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, ChatMemberKind, InlineKeyboardButton, InlineKeyboardMarkup, InputFile,
    MessageEntityKind, ParseMode, Recipient, UpdateKind,
};
use teloxide::{ApiError, RequestError};
use tokio::time::Instant;

fn keyboard(buttons: &[(&str, &str)]) -> InlineKeyboardMarkup {
    let row = buttons.iter().map(|(text, data)| InlineKeyboardButton::callback(*text, *data));
    InlineKeyboardMarkup::new([row])
}

fn api_error(result: Result<impl std::fmt::Debug, RequestError>) -> ApiError {
    match result {
        Err(RequestError::Api(error)) => error,
        other => panic!("expected a Telegram API error, got {other:?}"),
    }
}

async fn updates(bot: &Bot) -> Vec<Update> {
    bot.get_updates().await.expect("getUpdates")
}

#[tokio::test]
async fn get_me_describes_the_test_bot() {
    let fake = FakeTelegram::start().await;
    let me = fake.bot().get_me().await.expect("getMe");
    assert_eq!(me.id.0 as i64, BOT_ID);
    assert!(me.is_bot);
    assert_eq!(me.username(), BOT_USERNAME);
    assert_eq!(fake.calls("getMe"), 1);
}

#[tokio::test]
async fn a_wrong_token_is_unauthorized() {
    let fake = FakeTelegram::start().await;
    let bot = Bot::new("999:wrong").set_api_url(fake.api_url());
    assert_eq!(api_error(bot.get_me().await), ApiError::InvalidToken);
    assert_eq!(fake.calls("getMe"), 0);
}

#[tokio::test]
async fn phone_text_arrives_with_a_bot_command_entity() {
    let fake = FakeTelegram::start().await;
    let bot = Bot::new(TOKEN).set_api_url(fake.api_url());
    let phone = fake.phone(42, "Sam");
    phone.send_text("/start hello");

    let updates = updates(&bot).await;
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].id.0, 1);
    let UpdateKind::Message(message) = &updates[0].kind else { panic!("expected a message: {:?}", updates[0]) };
    assert_eq!(message.chat.id, ChatId(42));
    assert_eq!(message.from.as_ref().map(|u| u.first_name.as_str()), Some("Sam"));
    assert_eq!(message.text(), Some("/start hello"));
    let entity = &message.entities().expect("entities")[0];
    assert_eq!((entity.kind.clone(), entity.offset, entity.length), (MessageEntityKind::BotCommand, 0, 6));
}

#[tokio::test]
async fn an_offset_confirms_updates_for_good() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("one");
    phone.send_text("two");

    assert_eq!(updates(&bot).await.len(), 2, "unconfirmed updates come back");
    assert_eq!(updates(&bot).await.len(), 2);
    let rest = bot.get_updates().offset(2).await.expect("getUpdates");
    assert_eq!(rest.len(), 1);
    assert_eq!(fake.pending_updates(), 1);
    assert!(bot.get_updates().offset(3).await.expect("getUpdates").is_empty());
    assert_eq!(fake.pending_updates(), 0);
    assert!(updates(&bot).await.is_empty(), "confirmed updates are gone");
}

#[tokio::test]
async fn a_negative_offset_drops_all_but_the_last_updates() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    for text in ["a", "b", "c"] {
        phone.send_text(text);
    }
    let last = bot.get_updates().offset(-1).await.expect("getUpdates");
    assert_eq!(last.len(), 1);
    assert_eq!(last[0].id.0, 3);
    assert_eq!(fake.pending_updates(), 1);
}

#[tokio::test]
async fn sending_to_a_chat_that_never_wrote_is_chat_not_found() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    assert_eq!(api_error(bot.send_message(ChatId(999), "hi").await), ApiError::ChatNotFound);
    let silent = fake.phone(43, "Quiet");
    assert_eq!(api_error(bot.send_message(ChatId(43), "hi").await), ApiError::ChatNotFound);
    assert!(silent.messages().is_empty());
}

#[tokio::test]
async fn html_is_validated_and_shown_stripped() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");

    let bad = bot.send_message(ChatId(42), "1 < 2").parse_mode(ParseMode::Html).await;
    assert!(matches!(api_error(bad), ApiError::CantParseEntities(_)));
    let unknown_tag = bot.send_message(ChatId(42), "<blink>x</blink>").parse_mode(ParseMode::Html).await;
    assert!(matches!(api_error(unknown_tag), ApiError::CantParseEntities(_)));
    let mismatched = bot.send_message(ChatId(42), "<b><i>x</b></i>").parse_mode(ParseMode::Html).await;
    assert!(matches!(api_error(mismatched), ApiError::CantParseEntities(_)));
    let bare_ampersand = bot.send_message(ChatId(42), "fish & chips").parse_mode(ParseMode::Html).await;
    assert!(matches!(api_error(bare_ampersand), ApiError::CantParseEntities(_)));

    let raw = "<b>Hi</b> &amp; <a href=\"https://example.org\">bye</a> &#128075;";
    let sent = bot.send_message(ChatId(42), raw).parse_mode(ParseMode::Html).await.expect("valid HTML");
    assert_eq!(sent.text(), Some("Hi & bye 👋"));
    let kinds: Vec<_> = sent.entities().expect("entities").iter().map(|e| e.kind.clone()).collect();
    assert_eq!(kinds[0], MessageEntityKind::Bold);
    assert!(matches!(kinds[1], MessageEntityKind::TextLink { .. }));
    let shown = &phone.messages()[0];
    assert_eq!((shown.text.as_str(), shown.raw.as_str()), ("Hi & bye 👋", raw));
}

#[tokio::test]
async fn markdown_v2_reserved_characters_must_be_escaped() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    fake.phone(42, "Sam").send_text("hi");
    let bad = bot.send_message(ChatId(42), "Done.").parse_mode(ParseMode::MarkdownV2).await;
    assert!(matches!(api_error(bad), ApiError::CantParseEntities(_)));
    let good = bot.send_message(ChatId(42), "*Done*\\.").parse_mode(ParseMode::MarkdownV2).await.expect("escaped");
    assert_eq!(good.text(), Some("Done."));
}

#[tokio::test]
async fn text_length_is_counted_in_utf16_after_parsing() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    fake.phone(42, "Sam").send_text("hi");
    assert_eq!(api_error(bot.send_message(ChatId(42), "a".repeat(4097)).await), ApiError::MessageIsTooLong);
    assert_eq!(api_error(bot.send_message(ChatId(42), "😀".repeat(2049)).await), ApiError::MessageIsTooLong);
    assert_eq!(api_error(bot.send_message(ChatId(42), "  \n ").await), ApiError::MessageTextIsEmpty);
    bot.send_message(ChatId(42), "a".repeat(4096)).await.expect("4096 fits");
    let tagged = format!("<b>{}</b>", "a".repeat(4096));
    bot.send_message(ChatId(42), tagged).parse_mode(ParseMode::Html).await.expect("tags do not count");
}

#[tokio::test]
async fn callback_data_over_64_bytes_is_rejected() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let too_long = "a".repeat(65);
    let result = bot.send_message(ChatId(42), "pick").reply_markup(keyboard(&[("A", &too_long)])).await;
    assert_eq!(api_error(result), ApiError::ButtonDataInvalid);
    assert!(phone.messages().is_empty(), "a rejected call has no effect");
    bot.send_message(ChatId(42), "pick").reply_markup(keyboard(&[("A", &"a".repeat(64))])).await.expect("64 fits");
}

#[tokio::test]
async fn more_than_100_buttons_is_refused_as_too_long() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let rows =
        |n: usize| InlineKeyboardMarkup::new((0..n).map(|i| [InlineKeyboardButton::callback("x", i.to_string())]));
    let result = bot.send_message(ChatId(42), "pick").reply_markup(rows(101)).await;
    assert!(matches!(api_error(result), ApiError::Unknown(text) if text.contains("reply markup is too long")));
    assert!(phone.messages().is_empty(), "a rejected call has no effect");
    bot.send_message(ChatId(42), "pick").reply_markup(rows(100)).await.expect("100 fit");
}

#[tokio::test]
async fn a_blocked_bot_gets_bot_blocked_and_a_status_update() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    phone.block_bot();
    assert_eq!(api_error(bot.send_message(ChatId(42), "still there?").await), ApiError::BotBlocked);

    let updates = updates(&bot).await;
    let UpdateKind::MyChatMember(change) = &updates.last().expect("update").kind else {
        panic!("expected my_chat_member: {updates:?}")
    };
    assert!(matches!(change.new_chat_member.kind, ChatMemberKind::Banned(_)));

    phone.send_text("/start");
    bot.send_message(ChatId(42), "welcome back").await.expect("writing again unblocks");
}

#[tokio::test]
async fn fail_next_retry_after_is_a_retry_after_error_without_effect() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    fake.fail_next("sendMessage", Failure::RetryAfter(1));
    fake.fail_next("SENDMESSAGE", Failure::BadRequest("chat not found".into()));

    match bot.send_message(ChatId(42), "first").await {
        Err(RequestError::RetryAfter(seconds)) => assert_eq!(seconds.seconds(), 1),
        other => panic!("expected RetryAfter, got {other:?}"),
    }
    assert_eq!(api_error(bot.send_message(ChatId(42), "second").await), ApiError::ChatNotFound);
    bot.send_message(ChatId(42), "third").await.expect("failures are one-shot");
    assert_eq!(phone.texts(), ["third"]);
    assert_eq!(fake.calls("sendmessage"), 3);
}

#[tokio::test]
async fn tapping_a_button_sends_its_callback_data() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let sent = bot
        .send_message(ChatId(42), "Are you OK?")
        .reply_markup(keyboard(&[("👍 Yes", "ok:yes"), ("No", "ok:no")]))
        .await
        .expect("send");
    bot.get_updates().offset(2).await.expect("confirm the text");

    phone.tap("Yes");
    let updates = updates(&bot).await;
    let UpdateKind::CallbackQuery(query) = &updates[0].kind else { panic!("expected a callback query: {updates:?}") };
    assert_eq!(query.data.as_deref(), Some("ok:yes"));
    assert_eq!(query.from.id.0, 42);
    assert_eq!(query.regular_message().map(|m| m.id), Some(sent.id));

    phone.tap_data(sent.id.0, "forged");
    let UpdateKind::CallbackQuery(forged) = &bot.get_updates().offset(3).await.expect("updates")[0].kind else {
        panic!("expected a callback query")
    };
    assert_eq!(forged.data.as_deref(), Some("forged"));
}

#[tokio::test]
async fn a_callback_query_can_be_answered_once() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    bot.send_message(ChatId(42), "Go?").reply_markup(keyboard(&[("Go", "go")])).await.expect("send");
    phone.tap("Go");
    let updates = updates(&bot).await;
    let UpdateKind::CallbackQuery(query) = &updates[1].kind else { panic!("expected a callback query") };

    bot.answer_callback_query(query.id.clone()).text("Done").show_alert(true).await.expect("first answer");
    let second = api_error(bot.answer_callback_query(query.id.clone()).await);
    // Telegram writes "query ID", which teloxide's InvalidQueryId ("query id") does not match.
    assert!(second.to_string().contains("query is too old"), "{second:?}");
    let answers = phone.callback_answers();
    assert_eq!(answers.len(), 1);
    assert_eq!((answers[0].text.as_deref(), answers[0].show_alert), (Some("Done"), true));
}

#[tokio::test]
async fn edits_follow_telegrams_rules() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let sent = bot.send_message(ChatId(42), "Pick").reply_markup(keyboard(&[("A", "a")])).await.expect("send");

    let same = bot.edit_message_text(ChatId(42), sent.id, "Pick").reply_markup(keyboard(&[("A", "a")])).await;
    assert_eq!(api_error(same), ApiError::MessageNotModified);
    bot.edit_message_text(ChatId(42), sent.id, "Picked").await.expect("edit");
    let shown = phone.messages();
    assert_eq!((shown[0].text.as_str(), shown[0].edited), ("Picked", true));
    assert!(shown[0].buttons.is_empty(), "an edit without reply_markup drops the buttons");

    bot.edit_message_reply_markup(ChatId(42), sent.id).reply_markup(keyboard(&[("B", "b")])).await.expect("markup");
    assert_eq!(phone.messages()[0].buttons[0][0].text, "B");
    let missing = bot.edit_message_text(ChatId(42), teloxide::types::MessageId(999), "x").await;
    assert_eq!(api_error(missing), ApiError::MessageToEditNotFound);
    let users_own = bot.edit_message_text(ChatId(42), teloxide::types::MessageId(1), "x").await;
    assert_eq!(api_error(users_own), ApiError::MessageCantBeEdited);
}

#[tokio::test]
async fn commands_are_recorded_per_scope_and_language() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");

    bot.set_my_commands([BotCommand::new("start", "Start")]).await.expect("default commands");
    let scope = BotCommandScope::Chat { chat_id: Recipient::Id(ChatId(42)) };
    bot.set_my_commands([BotCommand::new("help", "Hilfe")])
        .scope(scope.clone())
        .language_code("de")
        .await
        .expect("chat");
    assert_eq!(fake.default_commands(), [("start".to_owned(), "Start".to_owned())]);
    assert_eq!(phone.commands(), Some((vec![("help".to_owned(), "Hilfe".to_owned())], Some("de".to_owned()))));
    let read_back = bot.get_my_commands().scope(scope).language_code("de").await.expect("get");
    assert_eq!(read_back[0].command, "help");

    assert!(bot.set_my_commands([BotCommand::new("Bad-Name", "x")]).await.is_err());
    assert!(bot.set_my_commands([BotCommand::new("ok", "")]).await.is_err());
    bot.delete_my_commands().await.expect("delete");
    assert!(fake.default_commands().is_empty());
}

#[tokio::test]
async fn documents_are_uploaded_as_multipart() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let file = InputFile::memory(b"name,date\n".to_vec()).file_name("export \"1\".csv");
    let sent = bot
        .send_document(ChatId(42), file)
        .caption("Your <b>export</b>")
        .parse_mode(ParseMode::Html)
        .await
        .expect("send");
    assert_eq!(sent.document().and_then(|d| d.file_name.as_deref()), Some("export \"1\".csv"));

    let documents = phone.documents();
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0].file_name, "export \"1\".csv");
    assert_eq!(documents[0].bytes, b"name,date\n");
    assert_eq!(documents[0].caption.as_deref(), Some("Your export"));
    assert!(phone.messages().is_empty(), "documents are not text messages");

    let not_an_image = bot.send_photo(ChatId(42), InputFile::memory(b"nope".to_vec()).file_name("x.png")).await;
    assert!(not_an_image.is_err());
}

#[tokio::test]
async fn a_long_poll_returns_as_soon_as_an_update_arrives() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    let started = tokio::time::Instant::now();
    let poll = tokio::spawn(async move { bot.get_updates().timeout(5).await });
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!poll.is_finished(), "the poll waits while there is nothing");
    phone.send_text("hello");
    let updates = poll.await.expect("join").expect("getUpdates");
    assert_eq!(updates.len(), 1);
    assert!(started.elapsed() < Duration::from_secs(3), "took {:?}", started.elapsed());
}

#[tokio::test]
async fn a_long_poll_times_out_empty() {
    let fake = FakeTelegram::start().await;
    let started = tokio::time::Instant::now();
    let updates = fake.bot().get_updates().timeout(1).await.expect("getUpdates");
    assert!(updates.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[tokio::test]
async fn wait_until_wakes_on_bot_calls() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(100)).await;
        bot.send_message(ChatId(42), "later").await.expect("send");
    });
    let messages = phone.wait_for_messages(1).await;
    assert_eq!(messages[0].text, "later");
    assert_eq!(phone.last_text(), "later");
}

#[tokio::test]
async fn a_teloxide_dispatcher_runs_against_the_fake() {
    let fake = FakeTelegram::start().await;
    let phone = fake.phone(42, "Sam");
    let handler = Update::filter_message().endpoint(|bot: Bot, message: Message| async move {
        bot.send_message(message.chat.id, format!("echo: {}", message.text().unwrap_or(""))).await?;
        respond(())
    });
    let mut dispatcher = Dispatcher::builder(fake.bot(), handler).build();
    let running = tokio::spawn(async move { dispatcher.dispatch().await });

    phone.send_text("hello");
    phone.wait_for_messages(1).await;
    assert_eq!(phone.last_text(), "echo: hello");
    phone.send_text("again");
    phone.wait_for_messages(2).await;
    assert_eq!(phone.texts(), ["echo: hello", "echo: again"]);
    running.abort();
}

/// The `retry_after` of a 429, or a panic naming what came instead.
fn retry_after(result: Result<impl std::fmt::Debug, RequestError>) -> u32 {
    match result {
        Err(RequestError::RetryAfter(seconds)) => seconds.seconds(),
        other => panic!("expected 429 with retry_after, got {other:?}"),
    }
}

#[tokio::test]
async fn one_chat_takes_a_burst_of_three_then_one_a_second() {
    let fake = FakeTelegram::start().await;
    fake.enforce_telegram_limits();
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    for n in 0..3 {
        bot.send_message(ChatId(42), format!("burst {n}")).await.expect("a burst of three goes");
    }
    assert_eq!(retry_after(bot.send_message(ChatId(42), "fourth").await), 1);
    assert_eq!(phone.texts().len(), 3, "the refused send had no effect");
    assert_eq!(fake.too_many_requests(), 1);
    let other = fake.phone(43, "Jo");
    other.send_text("hi");
    bot.send_message(ChatId(43), "another chat").await.expect("other chats are not held up");
    // One a second from then on, however long it goes on.
    for n in 0..3 {
        tokio::time::sleep(Duration::from_millis(1010)).await;
        bot.send_message(ChatId(42), format!("steady {n}")).await.expect("one a second");
        assert_eq!(retry_after(bot.send_message(ChatId(42), "too soon").await), 1);
    }
}

#[test]
fn the_limits_hold_at_exact_instants() {
    let start = Instant::now();
    let at = |ms: u64| start + Duration::from_millis(ms);
    let mut limits = SendLimits::default();
    // Thirty chats in the first 300 ms; the 31st send waits for the first to be a second old.
    for chat in 0..30 {
        limits.admit(chat, at(chat as u64 * 10)).expect("thirty in a second");
    }
    assert_eq!(limits.admit(99, at(500)), Err(1));
    assert_eq!(limits.admit(99, at(999)), Err(1));
    limits.admit(99, at(1000)).expect("the first has left the second");
    // One chat: three at once, then one a second, for as long as it goes on.
    let mut limits = SendLimits::default();
    for _ in 0..3 {
        limits.admit(7, at(0)).expect("a burst of three");
    }
    assert_eq!(limits.admit(7, at(0)), Err(1));
    for second in 1..=100 {
        limits.admit(7, at(second * 1000)).expect("one a second");
        assert_eq!(limits.admit(7, at(second * 1000 + 500)), Err(1), "not two in second {second}");
    }
    // A quiet chat earns its burst back, but no more than three.
    assert!(limits.admit(7, at(200_000)).is_ok() && limits.admit(7, at(200_000)).is_ok());
    assert!(limits.admit(7, at(200_000)).is_ok() && limits.admit(7, at(200_000)).is_err());
}

#[tokio::test]
async fn edits_documents_and_photos_count_against_the_limits_and_tap_answers_do_not() {
    let fake = FakeTelegram::start().await;
    fake.enforce_telegram_limits();
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let sent = bot.send_message(ChatId(42), "one").reply_markup(keyboard(&[("Go", "go")])).await.expect("send");
    phone.tap("Go");
    let updates = updates(&bot).await;
    let UpdateKind::CallbackQuery(query) = &updates[1].kind else { panic!("expected a callback query") };
    bot.answer_callback_query(query.id.clone()).await.expect("a tap answer is not a send");
    bot.edit_message_text(ChatId(42), sent.id, "two").await.expect("an edit");
    bot.send_document(ChatId(42), InputFile::memory(b"x".to_vec()).file_name("x.txt")).await.expect("a document");
    assert_eq!(retry_after(bot.edit_message_text(ChatId(42), sent.id, "three").await), 1, "an edit counts");
    tokio::time::sleep(Duration::from_millis(1010)).await;
    let png = b"\x89PNG\r\n\x1a\nrest".to_vec();
    bot.send_photo(ChatId(42), InputFile::memory(png.clone()).file_name("a.png")).await.expect("a photo");
    assert_eq!(
        retry_after(bot.send_photo(ChatId(42), InputFile::memory(png).file_name("b.png")).await),
        1,
        "a photo counts"
    );
    assert_eq!(fake.too_many_requests(), 2);
}

#[tokio::test]
async fn a_tap_answered_too_late_or_too_long_is_refused() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    bot.send_message(ChatId(42), "Go?").reply_markup(keyboard(&[("Go", "go")])).await.expect("send");
    phone.tap("Go");
    phone.tap("Go");
    let updates = updates(&bot).await;
    let queries: Vec<_> = updates
        .iter()
        .filter_map(|u| match &u.kind {
            UpdateKind::CallbackQuery(query) => Some(query.id.clone()),
            _ => None,
        })
        .collect();
    let too_long = api_error(bot.answer_callback_query(queries[0].clone()).text("x".repeat(201)).await);
    assert!(too_long.to_string().contains("MESSAGE_TOO_LONG"), "{too_long:?}");
    bot.answer_callback_query(queries[0].clone()).text("x".repeat(200)).await.expect("200 characters fit");
    fake.age_taps(Duration::from_secs(16));
    let late = api_error(bot.answer_callback_query(queries[1].clone()).await);
    assert!(late.to_string().contains("query is too old"), "{late:?}");
    assert_eq!(fake.late_tap_answers(), 1);
    assert_eq!(phone.callback_answers().len(), 1);
}

#[tokio::test]
async fn a_phone_reads_only_what_is_new_in_the_step() {
    let fake = FakeTelegram::start().await;
    let bot = fake.bot();
    let phone = fake.phone(42, "Sam");
    phone.send_text("hi");
    let old = bot.send_message(ChatId(42), "old").await.expect("send");
    fake.begin_step();
    let nothing = std::panic::catch_unwind(|| phone.last_text());
    assert!(nothing.is_err(), "an old message is not an answer");
    assert!(phone.news().is_empty());
    bot.edit_message_text(ChatId(42), old.id, "old, edited").await.expect("edit");
    assert_eq!(phone.news_texts(), ["old, edited"], "an edit is news");
    assert!(std::panic::catch_unwind(|| phone.last_text()).is_err(), "but not a new message");
    bot.send_message(ChatId(42), "new").await.expect("send");
    assert_eq!(phone.last_text(), "new");
    assert_eq!(phone.texts(), ["old, edited", "new"], "the whole chat is still there");
}
