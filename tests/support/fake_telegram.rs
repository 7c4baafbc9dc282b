//! A fake Telegram Bot API server for tests that keeps Telegram's rules, so what passes here works on Telegram.
#![allow(dead_code)]

use std::cmp::Reverse;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::any;
use serde_json::{Map, Value, json};
use tokio::sync::Notify;
use tokio::time::Instant;

pub const TOKEN: &str = "123456:TEST-token_for-touchbase";
pub const BOT_USERNAME: &str = "touchbase_test_bot";
pub const BOT_ID: i64 = 123456;

/// (command, description) pairs, as given to setMyCommands.
pub type Commands = Vec<(String, String)>;

const BOT_FIRST_NAME: &str = "Touchbase";
const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;
const MAX_CALLBACK_DATA: usize = 64;
/// An inline keyboard holds at most 100 buttons; more is "reply markup is too long".
const MAX_BUTTONS: usize = 100;
const MAX_COMMANDS: usize = 100;
const MAX_UPLOAD: usize = 50 * 1024 * 1024;
const WAIT_LIMIT: Duration = Duration::from_secs(10);
/// Telegram's answer to a tap must come within about 10-20 s; the fake allows 15.
const TAP_ANSWER_DEADLINE: Duration = Duration::from_secs(15);
/// Telegram shows at most 200 characters in a tap's answer.
const MAX_TAP_ANSWER: usize = 200;
/// Messages in any one second, to all chats together.
const OVERALL_PER_SECOND: usize = 30;
/// One chat takes a short burst (this many at once), then about one a second.
const CHAT_BURST: f64 = 3.0;
/// Every call that puts something in a chat counts against the sending limits; tap answers do not.
const SENDING_METHODS: &[&str] = &[
    "sendmessage",
    "editmessagetext",
    "editmessagereplymarkup",
    "editmessagecaption",
    "editmessagemedia",
    "senddocument",
    "sendphoto",
    "sendvoice",
    "sendaudio",
    "sendvideo",
    "sendanimation",
    "sendsticker",
    "sendmediagroup",
    "copymessage",
    "forwardmessage",
    "sendlocation",
];
const NOT_MODIFIED: &str = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";
const QUERY_INVALID: &str = "query is too old and response timeout expired or query ID is invalid";

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/// One fake Telegram per test; clones share the same server.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Inner>,
}

/// A one-shot failure queued with [`FakeTelegram::fail_next`]; the failed call has no effect.
#[derive(Clone, Debug)]
pub enum Failure {
    /// 429 "Too Many Requests: retry after N" with `parameters.retry_after`.
    RetryAfter(u32),
    /// 500, 502, ... with a Telegram-style body. teloxide sleeps 10 s before reading any 5xx answer.
    ServerError(u16),
    /// 400 "Bad Request: <text>" (the prefix is added unless present), so teloxide maps known texts.
    BadRequest(String),
}

/// What the fake does to one call while faults are on ([`FakeTelegram::start_faults`]).
#[derive(Clone, Debug)]
pub enum Fault {
    /// Answers normally.
    None,
    /// Fails with this answer; the call has no effect.
    Fail(Failure),
    /// Answers normally, this much later.
    Slow(Duration),
    /// Closes the connection before answering; the call has no effect (Telegram never got it).
    Drop,
    /// Does what was asked, then closes the connection before answering: the caller cannot know it
    /// worked, and a message sent again arrives twice.
    DropAnswer,
}

/// A Telegram user with a private chat with the bot (chat id == user id).
#[derive(Clone)]
pub struct Phone {
    fake: FakeTelegram,
    user_id: i64,
}

#[derive(Clone, Debug)]
pub struct ChatMessage {
    pub message_id: i32,
    /// The text as the user sees it: HTML tags stripped, entities decoded.
    pub text: String,
    /// The text as the bot sent it.
    pub raw: String,
    pub buttons: Vec<Vec<Button>>,
    pub edited: bool,
    /// Sent before the current step began and edited during it.
    pub edited_in_step: bool,
    /// The message this one replies to.
    pub reply_to: Option<i32>,
}

/// Something a person sends that is not words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Media {
    Voice,
    Photo,
    Sticker,
    Document,
}

impl Media {
    fn content(self) -> (&'static str, Value) {
        let file = |n: &str| json!({ "file_id": format!("AwACAgQ-fake-{n}"), "file_unique_id": format!("AgAD-{n}") });
        let mut value = match self {
            Media::Voice => file("voice"),
            Media::Photo => {
                json!([{ "file_id": "AgACAgQ-fake-photo", "file_unique_id": "AgAD-photo", "width": 640, "height": 480 }])
            }
            Media::Sticker => file("sticker"),
            Media::Document => file("document"),
        };
        match self {
            Media::Voice => {
                value["duration"] = 4.into();
                value["mime_type"] = "audio/ogg".into();
                ("voice", value)
            }
            Media::Photo => ("photo", value),
            Media::Sticker => {
                for (key, v) in [("type", json!("regular")), ("width", json!(512)), ("height", json!(512))] {
                    value[key] = v;
                }
                value["is_animated"] = false.into();
                value["is_video"] = false.into();
                ("sticker", value)
            }
            Media::Document => {
                value["file_name"] = "note.pdf".into();
                ("document", value)
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Button {
    pub text: String,
    pub callback_data: Option<String>,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct CallbackAnswer {
    pub query_id: String,
    pub text: Option<String>,
    pub show_alert: bool,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The caption as the user sees it.
    pub caption: Option<String>,
}

impl FakeTelegram {
    pub async fn start() -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("fake Telegram: bind 127.0.0.1:0");
        let address = listener.local_addr().expect("fake Telegram: local address");
        let inner = Arc::new(Inner {
            world: Mutex::new(World::default()),
            updates_changed: Notify::new(),
            activity: Notify::new(),
            api_url: url::Url::parse(&format!("http://{address}/")).expect("fake Telegram url"),
        });
        let app = Router::new()
            .route("/{bot}/{method}", any(handle))
            .fallback(|| async { reply(Err(TgError::not_found())) })
            // Above the upload limit, so oversized files get Telegram's answer rather than axum's.
            .layer(DefaultBodyLimit::max(MAX_UPLOAD + 1024 * 1024))
            .with_state(inner.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.expect("fake Telegram server");
        });
        tokio::spawn(deliver_to_webhook(Arc::downgrade(&inner)));
        FakeTelegram { inner }
    }

    /// From now on, answer 429 with `retry_after` past Telegram's limits, counting every kind of send
    /// (messages, edits, documents, photos, copies; not tap answers): 30 in any second overall, and to
    /// one chat a burst of 3, then one a second.
    pub fn enforce_telegram_limits(&self) {
        self.world().limits_enforced = true;
    }

    /// How many sends were refused with 429 for going past the limits.
    pub fn too_many_requests(&self) -> usize {
        self.world().too_many_requests
    }

    /// Starts a new step: from now on a phone's [`Phone::news`] holds only what the bot shows it after
    /// this moment. `TestApp::settle` begins a step each time it is called.
    pub fn begin_step(&self) {
        let mut world = self.world();
        world.step_began = world.shown;
    }

    /// Makes every tap so far `by` older, as if the bot had taken that long to answer it.
    pub fn age_taps(&self, by: Duration) {
        for query in self.world().queries.values_mut() {
            query.aged += by;
        }
    }

    /// Tap answers refused because they came too late.
    pub fn late_tap_answers(&self) -> usize {
        self.world().late_tap_answers
    }

    /// When each message was accepted, in order.
    pub fn accepted_at(&self) -> Vec<Instant> {
        self.world().delivered.iter().map(|(at, _, _)| *at).collect()
    }

    /// Every text message put in a chat, in order: when, which chat, the text as the person sees it.
    pub fn delivered(&self) -> Vec<(Instant, i64, String)> {
        self.world().delivered.clone()
    }

    /// Every edit of a message's text, in order: when, and in which chat.
    pub fn edits(&self) -> Vec<(Instant, i64)> {
        self.world().edits.clone()
    }

    /// Users who have started the bot, without queuing any update (for benchmarks with many chats).
    pub fn open_chats(&self, user_ids: impl IntoIterator<Item = i64>) {
        let mut world = self.world();
        for user_id in user_ids {
            world.chats.entry(user_id).or_insert_with(|| ChatState::new(user_id)).started = true;
        }
    }

    /// Base URL for `Bot::set_api_url`; teloxide appends `bot<TOKEN>/<Method>`.
    pub fn api_url(&self) -> url::Url {
        self.inner.api_url.clone()
    }

    /// A teloxide bot pointed at this fake.
    pub fn bot(&self) -> teloxide::Bot {
        teloxide::Bot::new(TOKEN).set_api_url(self.api_url())
    }

    pub fn phone(&self, user_id: i64, first_name: &str) -> Phone {
        assert!(user_id > 0 && user_id != BOT_ID, "a phone needs a positive user id other than the bot's");
        let mut world = self.world();
        let chat = world.chats.entry(user_id).or_insert_with(|| ChatState::new(user_id));
        chat.first_name = first_name.to_owned();
        Phone { fake: self.clone(), user_id }
    }

    /// From now on every call (with the right token) gets the next fault of `pattern`, round and round,
    /// until [`FakeTelegram::stop_faults`].
    pub fn start_faults(&self, pattern: Vec<Fault>) {
        assert!(!pattern.is_empty(), "a fault pattern needs at least one entry");
        self.world().faults = Some((pattern, 0));
    }

    /// The webhook the bot registered (URL, secret token), if any.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        self.world().webhook.clone()
    }

    /// How many pushes to the webhook were answered 2xx (repeats included).
    pub fn webhook_pushes_accepted(&self) -> usize {
        self.world().pushes_accepted
    }

    /// From now on, every update pushed to the webhook is pushed once more straight after it was
    /// accepted, as Telegram does when it did not hear the answer: the bot may still be handling it.
    pub fn repeat_webhook_deliveries(&self) {
        self.world().repeat_deliveries = true;
    }

    /// Pushes every update the webhook has accepted once more, now, as Telegram might long after (the
    /// bot handled them long ago). Returns how many were accepted again.
    pub async fn push_accepted_updates_again(&self) -> usize {
        let (webhook, pushed) = {
            let world = self.world();
            (world.webhook.clone(), world.accepted_pushes.clone())
        };
        let Some((url, secret)) = webhook else { return 0 };
        let mut accepted = 0;
        for body in pushed {
            if matches!(post_json(&url, secret.as_deref(), body.as_bytes()).await, Some(200..=299)) {
                accepted += 1;
                self.world().pushes_accepted += 1;
            }
        }
        self.inner.activity.notify_waiters();
        accepted
    }

    /// Stamps the messages people send with this time (seconds) instead of the system clock's, so a
    /// test that moves the app's clock moves Telegram's with it.
    pub fn date_messages_by(&self, source: impl Fn() -> i64 + Send + Sync + 'static) {
        self.world().date_source = Some(Arc::new(source));
    }

    pub fn stop_faults(&self) {
        self.world().faults = None;
    }

    /// From now on every send to `chat` breaks off as a dropped connection would, before Telegram
    /// acts, until [`FakeTelegram::reconnect`]: the bot sees a network error each time.
    pub fn cut_off(&self, chat: i64) {
        self.world().cut_off.push(chat);
    }

    pub fn reconnect(&self, chat: i64) {
        self.world().cut_off.retain(|c| *c != chat);
    }

    /// How many calls got a fault other than [`Fault::None`].
    pub fn faults_served(&self) -> usize {
        self.world().faults_served
    }

    /// How many calls were done but their answer dropped ([`Fault::DropAnswer`]).
    pub fn answers_dropped(&self) -> usize {
        self.world().answers_dropped
    }

    pub fn fail_next(&self, method: &str, failure: Failure) {
        let mut world = self.world();
        world.failures.entry(method.to_ascii_lowercase()).or_default().push_back(failure);
    }

    /// Calls made with the right token, including failed ones.
    pub fn calls(&self, method: &str) -> usize {
        self.world().calls.get(&method.to_ascii_lowercase()).copied().unwrap_or(0)
    }

    /// Every text the bot has shown anyone so far, in order.
    pub fn everything_said(&self) -> Vec<String> {
        self.world().said.clone()
    }

    /// From now on every request takes `latency` on the network (half before Telegram acts on it,
    /// half before its answer arrives), as Telegram's servers 50–100 ms away do.
    pub fn set_latency(&self, latency: Duration) {
        self.world().latency = latency;
    }

    /// Telegram goes down: every request's connection breaks off (the bot sees a network error, as
    /// when Telegram is unreachable), until [`FakeTelegram::end_outage`]. Returns how many requests
    /// came so far, so a test can count those made during the outage.
    pub fn start_outage(&self) -> usize {
        let mut world = self.world();
        world.outage = true;
        world.calls.values().sum()
    }

    pub fn end_outage(&self) {
        self.world().outage = false;
    }

    /// Every request the bot has made, of any method.
    pub fn all_calls(&self) -> usize {
        self.world().calls.values().sum()
    }

    /// How many messages (of any kind, edits not counted again) the bot has put in each chat.
    pub fn messages_from_bot_per_chat(&self) -> HashMap<i64, usize> {
        let world = self.world();
        world
            .chats
            .iter()
            .map(|(id, chat)| (*id, chat.messages.iter().filter(|m| m.from_bot).count()))
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    pub fn pending_updates(&self) -> usize {
        self.world().updates.len()
    }

    /// Commands set with no scope (or the default scope) and no language code.
    pub fn default_commands(&self) -> Vec<(String, String)> {
        self.default_commands_in("")
    }

    /// Commands set with the default scope for one language code ("" for all languages).
    pub fn default_commands_in(&self, language_code: &str) -> Vec<(String, String)> {
        let world = self.world();
        let key = ("default".to_owned(), language_code.to_owned());
        world.commands.get(&key).map(|(_, list)| list.clone()).unwrap_or_default()
    }

    /// Waits (up to 10 s) until `done` holds, re-checking after every call the bot makes.
    pub async fn wait_until(&self, what: &str, done: impl FnMut() -> bool) {
        self.wait_until_within(WAIT_LIMIT, what, done).await;
    }

    pub async fn wait_until_within(&self, limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + limit;
        loop {
            let activity = self.inner.activity.notified();
            tokio::pin!(activity);
            activity.as_mut().enable();
            if done() {
                return;
            }
            if tokio::time::timeout_at(deadline, activity).await.is_err() && !done() {
                panic!("fake Telegram: timed out after {limit:?} waiting until {what}");
            }
        }
    }

    fn world(&self) -> MutexGuard<'_, World> {
        self.inner.world()
    }

    fn push_update(&self, world: &mut World, kind: &str, payload: Value) {
        if world.push_update(kind, payload) {
            self.inner.updates_changed.notify_waiters();
        }
    }
}

impl Failure {
    fn into_error(self) -> TgError {
        match self {
            Failure::RetryAfter(seconds) => TgError {
                code: 429,
                description: format!("Too Many Requests: retry after {seconds}"),
                retry_after: Some(seconds),
            },
            Failure::ServerError(code) => TgError::new(code, server_error_text(code)),
            Failure::BadRequest(detail) => match detail.strip_prefix("Bad Request: ") {
                Some(detail) => TgError::bad_request(detail),
                None => TgError::bad_request(detail),
            },
        }
    }
}

fn server_error_text(code: u16) -> &'static str {
    match code {
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Internal Server Error",
    }
}

impl Phone {
    pub fn user_id(&self) -> i64 {
        self.user_id
    }

    /// Telegram clients send the user's interface language; "en" unless changed here.
    pub fn set_language_code(&self, code: Option<&str>) {
        self.fake.world().chats.get_mut(&self.user_id).expect("phone chat").language_code = code.map(str::to_owned);
    }

    /// The user types `text`. A blocked bot is unblocked first, as Telegram requires.
    pub fn send_text(&self, text: &str) {
        let entities: Vec<Value> = command_entity(text).into_iter().collect();
        let mut content = Map::new();
        content.insert("text".into(), text.into());
        if !entities.is_empty() {
            content.insert("entities".into(), entities.into());
        }
        self.send_content(text, content);
    }

    /// The user sends a voice note, a photo, a sticker or a file (no words). Returns its message id.
    pub fn send_media(&self, media: Media) -> i32 {
        let (field, value) = media.content();
        let mut content = Map::new();
        content.insert(field.into(), value);
        self.send_content("", content)
    }

    fn send_content(&self, plain: &str, content: Map<String, Value>) -> i32 {
        let mut world = self.fake.world();
        let date = world.date();
        let chat = world.chat_mut(self.user_id);
        let unblocking = chat.blocked;
        chat.blocked = false;
        chat.started = true;
        let id = chat.push_message(0, plain, plain, content, None);
        if let Some(sent) = chat.messages.last_mut() {
            sent.date = date;
        }
        let message = chat.message_json(id);
        let status_change = unblocking.then(|| chat.my_chat_member("kicked", "member"));
        if let Some(change) = status_change {
            self.fake.push_update(&mut world, "my_chat_member", change);
        }
        self.fake.push_update(&mut world, "message", message);
        id
    }

    /// What the bot copied into this chat from other chats (media passed on), as the media's kind.
    pub fn copies(&self) -> Vec<&'static str> {
        let world = self.fake.world();
        world.chat(self.user_id).messages.iter().filter(|m| m.from_bot).filter_map(|m| m.copied_kind).collect()
    }

    /// Taps the newest callback button whose text contains `label`.
    pub fn tap(&self, label: &str) {
        let found = {
            let world = self.fake.world();
            let chat = world.chat(self.user_id);
            chat.find_button(label).ok_or_else(|| chat.describe_buttons())
        };
        match found {
            Ok((message_id, data)) => self.tap_data(message_id, &data),
            Err(visible) => panic!(
                "fake Telegram: no callback button containing {label:?} in the chat with user {}; visible buttons:\n{visible}",
                self.user_id
            ),
        }
    }

    /// A callback query with any data on any message of this chat (forged taps).
    pub fn tap_data(&self, message_id: i32, data: &str) {
        let mut world = self.fake.world();
        assert!(
            world.chat(self.user_id).message(message_id).is_some(),
            "fake Telegram: no message {message_id} in the chat with user {} to tap on",
            self.user_id
        );
        world.last_query_id += 1;
        let query_id = format!("{}{:08}", self.user_id, world.last_query_id);
        let state =
            QueryState { chat_id: self.user_id, answered: false, tapped_at: Instant::now(), aged: Duration::ZERO };
        world.queries.insert(query_id.clone(), state);
        let chat = world.chat(self.user_id);
        let query = json!({
            "id": query_id,
            "from": chat.user_json(),
            "message": chat.message_json(message_id),
            "chat_instance": chat.chat_instance(),
            "data": data,
        });
        self.fake.push_update(&mut world, "callback_query", query);
    }

    /// Text messages the bot sent to this chat, in order, as currently shown.
    pub fn messages(&self) -> Vec<ChatMessage> {
        let world = self.fake.world();
        let chat = world.chat(self.user_id);
        chat.messages
            .iter()
            .filter(|m| m.from_bot && m.content.contains_key("text"))
            .map(StoredMessage::to_chat_message)
            .collect()
    }

    /// Every text message the bot has sent to this chat, old and new, as currently shown.
    pub fn texts(&self) -> Vec<String> {
        self.messages().into_iter().map(|m| m.text).collect()
    }

    /// Text messages the bot sent here, or whose text it changed, in the current step (see
    /// [`FakeTelegram::begin_step`]), in the order it did so.
    pub fn news(&self) -> Vec<ChatMessage> {
        let world = self.fake.world();
        let chat = world.chat(self.user_id);
        let mut news: Vec<&StoredMessage> = chat
            .messages
            .iter()
            .filter(|m| m.from_bot && m.content.contains_key("text") && m.shown > world.step_began)
            .collect();
        news.sort_by_key(|m| m.shown);
        news.into_iter()
            .map(|m| ChatMessage { edited_in_step: m.sent_before(world.step_began), ..m.to_chat_message() })
            .collect()
    }

    /// The texts of [`Phone::news`].
    pub fn news_texts(&self) -> Vec<String> {
        self.news().into_iter().map(|m| m.text).collect()
    }

    /// The newest text message the bot sent here in the current step, buttons and all. Fails if it
    /// sent nothing new (an edit of an older message is not a new message; see [`Phone::news`] for
    /// those), so an old message can never pass for an answer.
    pub fn last_message(&self) -> ChatMessage {
        match self.news().into_iter().rfind(|m| !m.edited_in_step) {
            Some(message) => message,
            None => panic!(
                "fake Telegram: the bot sent user {} no new message in this step (its last message, from \
                 before, was {:?})",
                self.user_id,
                self.texts().pop()
            ),
        }
    }

    /// The text of [`Phone::last_message`].
    pub fn last_text(&self) -> String {
        self.last_message().text
    }

    /// Waits (up to 10 s) until the bot has sent at least `count` text messages here.
    pub async fn wait_for_messages(&self, count: usize) -> Vec<ChatMessage> {
        let what = format!("user {} has {count} messages", self.user_id);
        self.fake.wait_until(&what, || self.messages().len() >= count).await;
        self.messages()
    }

    /// The user blocks the bot; Telegram tells the bot with a `my_chat_member` update.
    pub fn block_bot(&self) {
        let mut world = self.fake.world();
        let chat = world.chat_mut(self.user_id);
        if chat.blocked {
            return;
        }
        chat.blocked = true;
        let change = chat.my_chat_member("member", "kicked");
        self.fake.push_update(&mut world, "my_chat_member", change);
    }

    /// The latest setMyCommands for this chat's scope: commands and language code.
    pub fn commands(&self) -> Option<(Commands, Option<String>)> {
        let world = self.fake.world();
        let scope = format!("chat:{}", self.user_id);
        world
            .commands
            .iter()
            .filter(|((key, _), _)| *key == scope)
            .max_by_key(|(_, (sequence, _))| *sequence)
            .map(|((_, language), (_, list))| (list.clone(), Some(language.clone()).filter(|l| !l.is_empty())))
    }

    pub fn callback_answers(&self) -> Vec<CallbackAnswer> {
        self.fake.world().chat(self.user_id).callback_answers.clone()
    }

    /// Documents and photos the bot sent to this chat.
    pub fn documents(&self) -> Vec<Document> {
        self.fake.world().chat(self.user_id).documents.iter().map(|(_, document)| document.clone()).collect()
    }

    /// Documents and photos the bot sent here in the current step.
    pub fn new_documents(&self) -> Vec<Document> {
        let world = self.fake.world();
        let chat = world.chat(self.user_id);
        chat.documents.iter().filter(|(shown, _)| *shown > world.step_began).map(|(_, d)| d.clone()).collect()
    }
}

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

struct Inner {
    world: Mutex<World>,
    /// Wakes long polls: an update arrived, or a newer getUpdates took over.
    updates_changed: Notify,
    /// Wakes `wait_until`: the bot made a call.
    activity: Notify,
    api_url: url::Url,
}

/// Telegram's sending limits as the fake keeps them: 30 in any second overall, and to one chat a
/// burst of 3, then one a second. Apart from the server so its rules can be tested at exact instants.
#[derive(Default)]
pub struct SendLimits {
    /// Sends in the last second, to any chat.
    recent: VecDeque<Instant>,
    /// Per chat: (sends it may still take at once, when that was worked out).
    buckets: HashMap<i64, (f64, Instant)>,
}

impl SendLimits {
    /// Records a send to `chat` at `now` if it is within the limits; otherwise the `retry_after`
    /// (whole seconds, at least 1) of the 429 Telegram would answer, and nothing is recorded.
    pub fn admit(&mut self, chat: i64, now: Instant) -> Result<(), u32> {
        while self.recent.front().is_some_and(|at| now.duration_since(*at) >= Duration::from_secs(1)) {
            self.recent.pop_front();
        }
        let mut wait = Duration::ZERO;
        if self.recent.len() >= OVERALL_PER_SECOND {
            wait = wait.max(Duration::from_secs(1) - now.duration_since(self.recent[0]));
        }
        let bucket = self.buckets.entry(chat).or_insert((CHAT_BURST, now));
        let tokens = (bucket.0 + now.duration_since(bucket.1).as_secs_f64()).min(CHAT_BURST);
        if tokens < 1.0 {
            wait = wait.max(Duration::from_secs_f64(1.0 - tokens));
        }
        if !wait.is_zero() {
            return Err(wait.as_secs_f64().ceil().max(1.0) as u32);
        }
        *bucket = (tokens - 1.0, now);
        self.recent.push_back(now);
        Ok(())
    }
}

impl World {
    fn within_limits(&mut self, chat: i64, now: Instant) -> Result<(), u32> {
        if !self.limits_enforced {
            return Ok(());
        }
        let admitted = self.limits.admit(chat, now);
        if admitted.is_err() {
            self.too_many_requests += 1;
        }
        admitted
    }

    /// Everything the bot shows someone moves this on; see [`FakeTelegram::begin_step`].
    fn next_shown(&mut self) -> u64 {
        self.shown += 1;
        self.shown
    }
}

impl Inner {
    fn world(&self) -> MutexGuard<'_, World> {
        // A panicking test thread must not hide the state from the server.
        self.world.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Default)]
struct World {
    last_update_id: i64,
    updates: VecDeque<(i64, Value)>,
    allowed_updates: Option<Vec<String>>,
    poll_generation: u64,
    chats: HashMap<i64, ChatState>,
    failures: HashMap<String, VecDeque<Failure>>,
    /// A fault pattern and where in it the next call is.
    faults: Option<(Vec<Fault>, usize)>,
    /// Chats every send to which breaks off.
    cut_off: Vec<i64>,
    /// Telegram is down: every request's connection breaks off.
    outage: bool,
    /// How long every request takes on the network, half on the way there and half back.
    latency: Duration,
    faults_served: usize,
    answers_dropped: usize,
    /// Set by setWebhook: where updates are pushed, with the secret token for the header.
    webhook: Option<(String, Option<String>)>,
    repeat_deliveries: bool,
    pushes_accepted: usize,
    /// Every update the webhook accepted, as pushed.
    accepted_pushes: Vec<String>,
    /// What time Telegram stamps on messages people send (the system clock unless a test says).
    date_source: Option<Arc<dyn Fn() -> i64 + Send + Sync>>,
    calls: HashMap<String, usize>,
    /// (scope, language code) -> (when set, commands)
    commands: HashMap<(String, String), (u64, Commands)>,
    command_sequence: u64,
    queries: HashMap<String, QueryState>,
    last_query_id: u64,
    files: HashMap<String, Upload>,
    /// With `enforce_telegram_limits`: recent sends, to answer 429 as Telegram does past its limits.
    limits_enforced: bool,
    limits: SendLimits,
    too_many_requests: usize,
    late_tap_answers: usize,
    /// Counts everything the bot has shown anyone; each message remembers the count when it was
    /// sent or last edited.
    shown: u64,
    /// `shown` when the current step began: what a phone sees after it is news.
    step_began: u64,
    /// When each message was accepted, for benchmarks.
    /// Each text message put in a chat: when, which chat, the text as shown.
    delivered: Vec<(Instant, i64, String)>,
    /// Each edit of a message's text: when, which chat.
    edits: Vec<(Instant, i64)>,
    /// Every text the bot showed anyone (messages, edits, captions, documents, tap answers).
    said: Vec<String>,
}

struct QueryState {
    chat_id: i64,
    answered: bool,
    tapped_at: Instant,
    /// How much older than `tapped_at` says [`FakeTelegram::age_taps`] made it.
    aged: Duration,
}

struct ChatState {
    user_id: i64,
    first_name: String,
    language_code: Option<String>,
    started: bool,
    blocked: bool,
    /// Private chats share one message id sequence for both directions.
    last_message_id: i32,
    messages: Vec<StoredMessage>,
    callback_answers: Vec<CallbackAnswer>,
    /// Each with the world's `shown` count when it was sent.
    documents: Vec<(u64, Document)>,
}

struct StoredMessage {
    id: i32,
    date: i64,
    from_bot: bool,
    /// The world's `shown` count when the bot sent it or last changed its text.
    shown: u64,
    /// The world's `shown` count when the bot sent it.
    first_shown: u64,
    /// For a message the bot copied from another chat: the kind of what it holds.
    copied_kind: Option<&'static str>,
    raw: String,
    plain: String,
    /// The content fields of Telegram's Message: text/entities, document/caption, ...
    content: Map<String, Value>,
    markup: Option<Value>,
    edit_date: Option<i64>,
    /// The message it replies to, in the same chat.
    reply_to: Option<i32>,
}

#[derive(Clone)]
struct Upload {
    file_name: String,
    bytes: Vec<u8>,
}

impl World {
    fn chat(&self, id: i64) -> &ChatState {
        self.chats.get(&id).expect("fake Telegram: phone chat exists")
    }

    fn chat_mut(&mut self, id: i64) -> &mut ChatState {
        self.chats.get_mut(&id).expect("fake Telegram: phone chat exists")
    }

    /// The chat the bot may write to: the user has written first and has not blocked the bot.
    fn reachable_chat(&mut self, chat_id: i64) -> Result<&mut ChatState, TgError> {
        let chat = self.known_chat(chat_id)?;
        if chat.blocked {
            return Err(TgError::forbidden("bot was blocked by the user"));
        }
        Ok(chat)
    }

    fn known_chat(&mut self, chat_id: i64) -> Result<&mut ChatState, TgError> {
        match self.chats.get_mut(&chat_id) {
            Some(chat) if chat.started => Ok(chat),
            _ => Err(TgError::bad_request("chat not found")),
        }
    }

    fn date(&self) -> i64 {
        self.date_source.as_ref().map_or_else(now, |source| source())
    }

    fn next_fault(&mut self) -> Fault {
        let Some((pattern, next)) = self.faults.as_mut() else { return Fault::None };
        let fault = pattern[*next % pattern.len()].clone();
        *next += 1;
        if !matches!(fault, Fault::None) {
            self.faults_served += 1;
        }
        fault
    }

    fn take_call(&mut self, method: &str) -> Option<Failure> {
        *self.calls.entry(method.to_owned()).or_default() += 1;
        self.failures.get_mut(method).and_then(VecDeque::pop_front)
    }

    fn push_update(&mut self, kind: &str, payload: Value) -> bool {
        if !self.wants(kind) {
            return false;
        }
        self.last_update_id += 1;
        let id = self.last_update_id;
        self.updates.push_back((id, json!({ "update_id": id, kind: payload })));
        true
    }

    fn wants(&self, kind: &str) -> bool {
        match &self.allowed_updates {
            Some(kinds) if !kinds.is_empty() => kinds.iter().any(|k| k == kind),
            // Telegram's default leaves these out.
            _ => !matches!(kind, "chat_member" | "message_reaction" | "message_reaction_count"),
        }
    }

    /// Telegram's offset: positive confirms everything below it, negative keeps only the last -offset.
    fn confirm(&mut self, offset: i64) {
        if offset > 0 {
            self.updates.retain(|(id, _)| *id >= offset);
        } else if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            while self.updates.len() > keep {
                self.updates.pop_front();
            }
        }
    }

    fn batch(&self, limit: usize) -> Vec<Value> {
        self.updates.iter().take(limit).map(|(_, update)| update.clone()).collect()
    }

    fn store_file(&mut self, upload: Upload) -> (String, String) {
        let n = self.files.len() + 1;
        let file_id = format!("BQACAgIAAxkDAAI-fake-file-{n}");
        self.files.insert(file_id.clone(), upload);
        (file_id, format!("AgAD-fake-{n}"))
    }
}

impl ChatState {
    fn new(user_id: i64) -> ChatState {
        ChatState {
            user_id,
            first_name: String::new(),
            language_code: Some("en".to_owned()),
            started: false,
            blocked: false,
            last_message_id: 0,
            messages: Vec::new(),
            callback_answers: Vec::new(),
            documents: Vec::new(),
        }
    }

    fn user_json(&self) -> Value {
        let mut user = json!({ "id": self.user_id, "is_bot": false, "first_name": self.first_name });
        if let Some(code) = &self.language_code {
            user["language_code"] = code.clone().into();
        }
        user
    }

    fn chat_json(&self) -> Value {
        json!({ "id": self.user_id, "type": "private", "first_name": self.first_name })
    }

    fn chat_instance(&self) -> String {
        (4_242_000_000_000 + self.user_id).to_string()
    }

    /// `shown` is the world's count for a message from the bot, 0 for one from the person.
    fn push_message(
        &mut self,
        shown: u64,
        raw: &str,
        plain: &str,
        content: Map<String, Value>,
        markup: Option<Value>,
    ) -> i32 {
        self.last_message_id += 1;
        self.messages.push(StoredMessage {
            id: self.last_message_id,
            date: now(),
            from_bot: shown > 0,
            shown,
            first_shown: shown,
            copied_kind: None,
            raw: raw.to_owned(),
            plain: plain.to_owned(),
            content,
            markup,
            edit_date: None,
            reply_to: None,
        });
        self.last_message_id
    }

    fn message(&self, id: i32) -> Option<&StoredMessage> {
        self.messages.iter().find(|m| m.id == id)
    }

    fn message_json(&self, id: i32) -> Value {
        let message = self.message(id).expect("fake Telegram: message exists");
        let from = if message.from_bot { bot_user_json() } else { self.user_json() };
        let mut json = json!({
            "message_id": message.id,
            "from": from,
            "chat": self.chat_json(),
            "date": message.date,
        });
        let object = json.as_object_mut().expect("message object");
        object.extend(message.content.clone());
        if let Some(markup) = &message.markup {
            object.insert("reply_markup".into(), markup.clone());
        }
        if let Some(date) = message.edit_date {
            object.insert("edit_date".into(), date.into());
        }
        json
    }

    /// A message the bot may edit; Telegram tells unknown messages from other people's apart.
    fn editable(&mut self, id: i32) -> Result<&mut StoredMessage, TgError> {
        match self.messages.iter_mut().find(|m| m.id == id) {
            None => Err(TgError::bad_request("message to edit not found")),
            Some(message) if !message.from_bot => Err(TgError::bad_request("message can't be edited")),
            Some(message) => Ok(message),
        }
    }

    fn my_chat_member(&self, old_status: &str, new_status: &str) -> Value {
        let member = |status: &str| {
            let mut member = json!({ "status": status, "user": bot_user_json() });
            if status == "kicked" {
                member["until_date"] = 0.into();
            }
            member
        };
        json!({
            "chat": self.chat_json(),
            "from": self.user_json(),
            "date": now(),
            "old_chat_member": member(old_status),
            "new_chat_member": member(new_status),
        })
    }

    fn find_button(&self, label: &str) -> Option<(i32, String)> {
        self.messages.iter().rev().filter(|m| m.from_bot).find_map(|m| {
            let buttons = buttons_of(&m.markup);
            let data =
                buttons.into_iter().flatten().filter(|b| b.text.contains(label)).find_map(|b| b.callback_data)?;
            Some((m.id, data))
        })
    }

    fn describe_buttons(&self) -> String {
        let lines: Vec<String> = self
            .messages
            .iter()
            .filter(|m| m.markup.is_some())
            .map(|m| {
                let rows: Vec<String> = buttons_of(&m.markup)
                    .iter()
                    .map(|row| row.iter().map(|b| format!("[{}]", b.text)).collect::<Vec<_>>().join(" "))
                    .collect();
                format!("  message {} ({:?}): {}", m.id, m.plain, rows.join(" / "))
            })
            .collect();
        if lines.is_empty() { "  (none)".to_owned() } else { lines.join("\n") }
    }
}

impl StoredMessage {
    fn to_chat_message(&self) -> ChatMessage {
        ChatMessage {
            message_id: self.id,
            text: self.plain.clone(),
            raw: self.raw.clone(),
            buttons: buttons_of(&self.markup),
            edited: self.edit_date.is_some(),
            edited_in_step: false,
            reply_to: self.reply_to,
        }
    }

    /// Whether the bot first sent it before the moment `shown` counted.
    fn sent_before(&self, shown: u64) -> bool {
        self.first_shown <= shown
    }
}

fn buttons_of(markup: &Option<Value>) -> Vec<Vec<Button>> {
    let Some(rows) = markup.as_ref().and_then(|m| m["inline_keyboard"].as_array()) else {
        return Vec::new();
    };
    let text = |button: &Value, key: &str| button[key].as_str().map(str::to_owned);
    rows.iter()
        .map(|row| {
            row.as_array()
                .into_iter()
                .flatten()
                .map(|b| Button {
                    text: text(b, "text").unwrap_or_default(),
                    callback_data: text(b, "callback_data"),
                    url: text(b, "url"),
                })
                .collect()
        })
        .collect()
}

fn bot_user_json() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": BOT_FIRST_NAME, "username": BOT_USERNAME })
}

/// Message dates only: Telegram stamps messages with its own clock, which the app never reads.
#[allow(clippy::disallowed_methods)]
fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Telegram marks a leading `/command` (optionally `@botname`) in user messages.
fn command_entity(text: &str) -> Option<Value> {
    let word_len = |s: &str| s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(s.len());
    let name = text.strip_prefix('/')?;
    let name_len = word_len(name);
    if name_len == 0 || name_len > 64 {
        return None;
    }
    let mut end = 1 + name_len;
    if let Some(mention) = text[end..].strip_prefix('@') {
        let mention_len = word_len(mention);
        if mention_len > 0 {
            end += 1 + mention_len;
        }
    }
    Some(json!({ "type": "bot_command", "offset": 0, "length": utf16_len(&text[..end]) }))
}

// ---------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------

struct TgError {
    code: u16,
    description: String,
    retry_after: Option<u32>,
}

impl TgError {
    fn new(code: u16, description: impl Into<String>) -> TgError {
        TgError { code, description: description.into(), retry_after: None }
    }
    fn bad_request(detail: impl std::fmt::Display) -> TgError {
        TgError::new(400, format!("Bad Request: {detail}"))
    }
    fn forbidden(detail: &str) -> TgError {
        TgError::new(403, format!("Forbidden: {detail}"))
    }
    fn unauthorized() -> TgError {
        TgError::new(401, "Unauthorized")
    }
    fn not_found() -> TgError {
        TgError::new(404, "Not Found")
    }
    fn cant_parse(detail: String) -> TgError {
        TgError::bad_request(format!("can't parse entities: {detail}"))
    }
}

type Answer = Result<Value, TgError>;

fn reply(answer: Answer) -> Response {
    match answer {
        Ok(result) => Json(json!({ "ok": true, "result": result })).into_response(),
        Err(error) => {
            let mut body = json!({ "ok": false, "error_code": error.code, "description": error.description });
            if let Some(seconds) = error.retry_after {
                body["parameters"] = json!({ "retry_after": seconds });
            }
            let status = StatusCode::from_u16(error.code).unwrap_or(StatusCode::BAD_REQUEST);
            (status, Json(body)).into_response()
        }
    }
}

/// Every request: the network's latency, then an outage's broken connection or Telegram's answer.
async fn handle(
    State(inner): State<Arc<Inner>>,
    Path((bot, method)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (latency, outage) = {
        let world = inner.world();
        (world.latency, world.outage)
    };
    tokio::time::sleep(latency / 2).await;
    if outage {
        *inner.world().calls.entry(method.to_ascii_lowercase()).or_default() += 1;
        inner.activity.notify_waiters();
        return dropped_connection();
    }
    let response = handle_on_time(&inner, &bot, &method, &uri, &headers, &body).await;
    tokio::time::sleep(latency / 2).await;
    response
}

/// A request that reached Telegram: chats cut off, the faults a test asked for, then the answer.
async fn handle_on_time(
    inner: &Arc<Inner>,
    bot: &str,
    method: &str,
    uri: &Uri,
    headers: &HeaderMap,
    body: &Bytes,
) -> Response {
    let mut drop_answer = false;
    if bot.strip_prefix("bot") == Some(TOKEN) && SENDING_METHODS.contains(&method.to_ascii_lowercase().as_str()) {
        let chat = Params::parse(headers, uri.query(), body).ok().and_then(|p| p.int("chat_id"));
        if chat.is_some_and(|chat| inner.world().cut_off.contains(&chat)) {
            inner.activity.notify_waiters();
            return dropped_connection();
        }
    }
    if bot.strip_prefix("bot") == Some(TOKEN) {
        let fault = inner.world().next_fault();
        match fault {
            Fault::None => {}
            Fault::DropAnswer => drop_answer = true,
            Fault::Slow(delay) => tokio::time::sleep(delay).await,
            Fault::Fail(failure) => {
                inner.activity.notify_waiters();
                return reply(Err(failure.into_error()));
            }
            Fault::Drop => {
                inner.activity.notify_waiters();
                return dropped_connection();
            }
        }
    }
    let answer = answer(inner, bot, method, uri.query(), headers, body).await;
    inner.activity.notify_waiters();
    if drop_answer {
        inner.world().answers_dropped += 1;
        return dropped_connection();
    }
    reply(answer)
}

/// Headers, then the connection breaks: the client sees a network error, as when a connection drops.
fn dropped_connection() -> Response {
    let broken =
        futures::stream::once(async { Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped")) });
    Response::new(axum::body::Body::from_stream(broken))
}

async fn answer(
    inner: &Inner,
    bot: &str,
    method: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Answer {
    if bot.strip_prefix("bot") != Some(TOKEN) {
        return Err(if bot.starts_with("bot") { TgError::unauthorized() } else { TgError::not_found() });
    }
    let method = method.to_ascii_lowercase();
    if let Some(failure) = inner.world().take_call(&method) {
        return Err(failure.into_error());
    }
    let params = Params::parse(headers, query, body)?;
    if SENDING_METHODS.contains(&method.as_str()) {
        let chat = params.int("chat_id").unwrap_or_default();
        if let Err(seconds) = inner.world().within_limits(chat, Instant::now()) {
            return Err(Failure::RetryAfter(seconds).into_error());
        }
    }
    if method == "getupdates" {
        if inner.world().webhook.is_some() {
            return Err(TgError::new(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            ));
        }
        return get_updates(inner, &params).await;
    }
    let mut world = inner.world();
    call(&mut world, &method, &params)
}

fn call(world: &mut World, method: &str, p: &Params) -> Answer {
    match method {
        "getme" => Ok(get_me()),
        "getwebhookinfo" => {
            let url = world.webhook.as_ref().map(|(url, _)| url.clone()).unwrap_or_default();
            Ok(json!({ "url": url, "has_custom_certificate": false, "pending_update_count": world.updates.len() }))
        }
        "deletewebhook" => {
            if p.flag("drop_pending_updates") {
                world.updates.clear();
            }
            world.webhook = None;
            Ok(true.into())
        }
        "setwebhook" => set_webhook(world, p),
        "sendmessage" => send_message(world, p),
        "editmessagetext" => edit_message_text(world, p),
        "editmessagereplymarkup" => edit_message_reply_markup(world, p),
        "deletemessage" => delete_message(world, p),
        "sendchataction" => send_chat_action(world, p),
        "answercallbackquery" => answer_callback_query(world, p),
        "setmycommands" => set_my_commands(world, p),
        "getmycommands" => get_my_commands(world, p),
        "deletemycommands" => delete_my_commands(world, p),
        "senddocument" => send_file(world, p, FileKind::Document),
        "copymessage" => copy_message(world, p),
        "sendphoto" => send_file(world, p, FileKind::Photo),
        _ => Err(TgError::not_found()),
    }
}

/// Request parameters from the query string and a JSON, multipart or urlencoded body.
#[derive(Default)]
struct Params {
    fields: Map<String, Value>,
    uploads: HashMap<String, Upload>,
}

impl Params {
    fn parse(headers: &HeaderMap, query: Option<&str>, body: &[u8]) -> Result<Params, TgError> {
        let mut params = Params::default();
        if let Some(query) = query {
            params.add_form(query.as_bytes());
        }
        let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if body.is_empty() {
            return Ok(params);
        }
        match mime.as_str() {
            "application/json" => match serde_json::from_slice::<Value>(body) {
                Ok(Value::Object(fields)) => params.fields.extend(fields),
                Ok(Value::Null) => {}
                _ => return Err(TgError::bad_request("can't parse JSON")),
            },
            "multipart/form-data" => {
                let parts = multipart_boundary(content_type)
                    .and_then(|boundary| parse_multipart(body, &boundary))
                    .ok_or_else(|| TgError::bad_request("can't parse multipart/form-data"))?;
                for part in parts {
                    match part.file_name {
                        Some(file_name) => {
                            params.uploads.insert(part.name, Upload { file_name, bytes: part.body });
                        }
                        None => {
                            let text = String::from_utf8_lossy(&part.body).into_owned();
                            params.fields.insert(part.name, text.into());
                        }
                    }
                }
            }
            "application/x-www-form-urlencoded" => params.add_form(body),
            _ => {}
        }
        Ok(params)
    }

    fn add_form(&mut self, form: &[u8]) {
        for (key, value) in url::form_urlencoded::parse(form) {
            self.fields.insert(key.into_owned(), value.into_owned().into());
        }
    }

    fn text(&self, key: &str) -> Option<String> {
        match self.fields.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }

    fn int(&self, key: &str) -> Option<i64> {
        as_int(self.fields.get(key)?)
    }

    fn flag(&self, key: &str) -> bool {
        match self.fields.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true" || s == "1",
            Some(Value::Number(n)) => n.as_i64() != Some(0),
            _ => false,
        }
    }

    /// A JSON-object field; form bodies carry those as JSON text. Unparseable text stays a string.
    fn object(&self, key: &str) -> Option<Value> {
        match self.fields.get(key)? {
            Value::Null => None,
            Value::String(s) => Some(serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone()))),
            other => Some(other.clone()),
        }
    }

    fn chat_id(&self) -> Result<i64, TgError> {
        match self.fields.get("chat_id") {
            None | Some(Value::Null) => Err(TgError::bad_request("chat_id is empty")),
            // Also "@username", which never names a private chat.
            Some(_) => self.int("chat_id").ok_or_else(|| TgError::bad_request("chat not found")),
        }
    }

    fn message_id(&self) -> Result<i32, TgError> {
        if self.fields.contains_key("inline_message_id") {
            return Err(TgError::bad_request("MESSAGE_ID_INVALID"));
        }
        let id = self.int("message_id").ok_or_else(|| TgError::bad_request("message identifier is not specified"))?;
        i32::try_from(id).map_err(|_| TgError::bad_request("MESSAGE_ID_INVALID"))
    }
}

/// An integer, also when sent as text (form bodies, or ids Telegram accepts either way).
fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

struct Part {
    name: String,
    file_name: Option<String>,
    body: Vec<u8>,
}

fn multipart_boundary(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|param| {
        let value = param.trim().strip_prefix("boundary=")?;
        Some(value.trim_matches('"').to_owned())
    })
}

fn parse_multipart(body: &[u8], boundary: &str) -> Option<Vec<Part>> {
    let separator = format!("\r\n--{boundary}");
    let mut rest = body.strip_prefix(format!("--{boundary}").as_bytes())?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find_bytes(rest, separator.as_bytes())?;
        parts.push(parse_part(&rest[..end])?);
        rest = &rest[end + separator.len()..];
    }
}

fn parse_part(raw: &[u8]) -> Option<Part> {
    let split = find_bytes(raw, b"\r\n\r\n")?;
    let headers = std::str::from_utf8(&raw[..split]).ok()?;
    let disposition =
        headers.split("\r\n").find(|line| line.to_ascii_lowercase().starts_with("content-disposition:"))?;
    let params = disposition_params(disposition);
    let param = |key: &str| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Some(Part { name: param("name")?, file_name: param("filename"), body: raw[split + 4..].to_vec() })
}

/// `name="value"` pairs of a Content-Disposition header; quoted values use backslash escapes.
fn disposition_params(line: &str) -> Vec<(String, String)> {
    let mut params = Vec::new();
    let mut chars = line.chars().peekable();
    while chars.peek().is_some() {
        let mut key = String::new();
        let mut value = String::new();
        while let Some(c) = chars.next_if(|c| *c != '=' && *c != ';') {
            key.push(c);
        }
        if chars.next() == Some('=') {
            let quoted = chars.next_if_eq(&'"').is_some();
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted => break,
                    ';' if !quoted => break,
                    '\\' if quoted => value.extend(chars.next()),
                    _ => value.push(c),
                }
            }
        }
        params.push((key.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    params
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

fn get_me() -> Value {
    let mut me = bot_user_json();
    let fields = json!({
        "can_join_groups": true,
        "can_read_all_group_messages": false,
        "supports_inline_queries": false,
        "can_connect_to_business": false,
        "has_main_web_app": false,
    });
    me.as_object_mut().expect("user object").extend(fields.as_object().expect("object").clone());
    me
}

fn set_webhook(world: &mut World, p: &Params) -> Answer {
    let url = p.text("url").unwrap_or_default();
    if url.is_empty() {
        world.webhook = None;
        return Ok(true.into());
    }
    if url::Url::parse(&url).is_err() {
        return Err(TgError::bad_request("bad webhook: Failed to resolve host"));
    }
    let secret = p.text("secret_token");
    let secret_ok = |s: &String| {
        (1..=256).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    };
    if secret.as_ref().is_some_and(|s| !secret_ok(s)) {
        return Err(TgError::bad_request("secret token contains unallowed characters"));
    }
    if let Some(kinds) = p.object("allowed_updates").and_then(|v| serde_json::from_value(v).ok()) {
        world.allowed_updates = Some(kinds);
    }
    if p.flag("drop_pending_updates") {
        world.updates.clear();
    }
    world.webhook = Some((url, secret));
    Ok(true.into())
}

/// While a webhook is set, pushes queued updates to it one at a time, in order, as Telegram does: an
/// update is done with when the bot answers 2xx, and is pushed again after any other answer.
async fn deliver_to_webhook(weak: std::sync::Weak<Inner>) {
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let Some(inner) = weak.upgrade() else { return };
        let next = {
            let world = inner.world();
            match (&world.webhook, world.updates.front()) {
                (Some((url, secret)), Some((id, update))) => {
                    Some((url.clone(), secret.clone(), *id, update.clone(), world.repeat_deliveries))
                }
                _ => None,
            }
        };
        let Some((url, secret, id, update, repeat)) = next else { continue };
        let body = update.to_string();
        let accepted = matches!(post_json(&url, secret.as_deref(), body.as_bytes()).await, Some(200..=299));
        if accepted {
            let again = repeat && matches!(post_json(&url, secret.as_deref(), body.as_bytes()).await, Some(200..=299));
            let mut world = inner.world();
            world.pushes_accepted += 1 + usize::from(again);
            world.updates.retain(|(queued, _)| *queued != id);
            world.accepted_pushes.push(body);
            drop(world);
            inner.activity.notify_waiters();
        }
    }
}

/// A plain HTTP/1.1 POST of JSON, with Telegram's secret-token header when given. Returns the status.
pub async fn post_json(url: &str, secret: Option<&str>, body: &[u8]) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let url = url::Url::parse(url).ok()?;
    let (host, port) = (url.host_str()?.to_owned(), url.port_or_known_default()?);
    let mut stream = tokio::net::TcpStream::connect((host.as_str(), port)).await.ok()?;
    let mut head = format!(
        "POST {} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        url.path(),
        body.len()
    );
    if let Some(secret) = secret {
        head.push_str(&format!("X-Telegram-Bot-Api-Secret-Token: {secret}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.ok()?;
    stream.write_all(body).await.ok()?;
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await.ok()?.ok()?;
    let status_line = String::from_utf8_lossy(&answer);
    status_line.split_whitespace().nth(1)?.parse().ok()
}

async fn get_updates(inner: &Inner, p: &Params) -> Answer {
    let offset = p.int("offset").unwrap_or(0);
    let limit = p.int("limit").unwrap_or(100).clamp(1, 100) as usize;
    let timeout = Duration::from_secs(p.int("timeout").unwrap_or(0).max(0) as u64);
    let generation = {
        let mut world = inner.world();
        if let Some(kinds) = p.object("allowed_updates").and_then(|v| serde_json::from_value(v).ok()) {
            world.allowed_updates = Some(kinds);
        }
        world.confirm(offset);
        world.poll_generation += 1;
        world.poll_generation
    };
    // An older long poll must give way to this one, as on Telegram.
    inner.updates_changed.notify_waiters();
    let deadline = Instant::now() + timeout;
    loop {
        let changed = inner.updates_changed.notified();
        tokio::pin!(changed);
        changed.as_mut().enable();
        {
            let world = inner.world();
            if world.poll_generation != generation {
                return Err(TgError::new(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
                ));
            }
            let batch = world.batch(limit);
            if !batch.is_empty() || Instant::now() >= deadline {
                return Ok(batch.into());
            }
        }
        tokio::select! {
            _ = changed => {}
            _ = tokio::time::sleep_until(deadline) => {}
        }
    }
}

fn send_message(world: &mut World, p: &Params) -> Answer {
    let chat_id = p.chat_id()?;
    let shown = world.next_shown();
    let chat = world.reachable_chat(chat_id)?;
    let raw = p.text("text").unwrap_or_default();
    let formatted = format_text(&raw, p.text("parse_mode"), p.object("entities"))?;
    check_text(&formatted.text, "message is too long")?;
    let markup = reply_markup(p, false)?;
    let reply_to = check_reply_target(chat, p)?;
    let id = chat.push_message(shown, &raw, &formatted.text, formatted.text_content(), markup);
    if let Some(message) = chat.messages.last_mut() {
        message.reply_to = reply_to;
    }
    let json = chat.message_json(id);
    world.delivered.push((Instant::now(), chat_id, formatted.text.clone()));
    world.said.push(formatted.text);
    Ok(json)
}

fn edit_message_text(world: &mut World, p: &Params) -> Answer {
    let shown = world.next_shown();
    let chat = world.reachable_chat(p.chat_id()?)?;
    let id = p.message_id()?;
    let raw = p.text("text").unwrap_or_default();
    let formatted = format_text(&raw, p.text("parse_mode"), p.object("entities"))?;
    check_text(&formatted.text, "MESSAGE_TOO_LONG")?;
    // Without reply_markup the edit removes the buttons, as on Telegram.
    let markup = reply_markup(p, true)?;
    let message = chat.editable(id)?;
    if !message.content.contains_key("text") {
        return Err(TgError::bad_request("there is no text in the message to edit"));
    }
    let content = formatted.text_content();
    if message.content == content && message.markup == markup {
        return Err(TgError::bad_request(NOT_MODIFIED));
    }
    message.content = content;
    message.raw = raw;
    message.plain = formatted.text;
    message.markup = markup;
    message.edit_date = Some(now());
    message.shown = shown;
    let json = chat.message_json(id);
    let chat_id = chat.user_id;
    world.edits.push((Instant::now(), chat_id));
    world.said.push(p.text("text").unwrap_or_default());
    Ok(json)
}

fn edit_message_reply_markup(world: &mut World, p: &Params) -> Answer {
    let chat = world.reachable_chat(p.chat_id()?)?;
    let id = p.message_id()?;
    let markup = reply_markup(p, true)?;
    let message = chat.editable(id)?;
    if message.markup == markup {
        return Err(TgError::bad_request(NOT_MODIFIED));
    }
    message.markup = markup;
    message.edit_date = Some(now());
    Ok(chat.message_json(id))
}

fn delete_message(world: &mut World, p: &Params) -> Answer {
    let chat = world.known_chat(p.chat_id()?)?;
    let id = p.message_id()?;
    let before = chat.messages.len();
    chat.messages.retain(|m| m.id != id);
    if chat.messages.len() == before {
        return Err(TgError::bad_request("message to delete not found"));
    }
    Ok(true.into())
}

fn send_chat_action(world: &mut World, p: &Params) -> Answer {
    const ACTIONS: [&str; 11] = [
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    ];
    world.reachable_chat(p.chat_id()?)?;
    match p.text("action") {
        Some(action) if ACTIONS.contains(&action.as_str()) => Ok(true.into()),
        _ => Err(TgError::bad_request("wrong parameter action in request")),
    }
}

fn answer_callback_query(world: &mut World, p: &Params) -> Answer {
    let query_id = p.text("callback_query_id").unwrap_or_default();
    let query = world.queries.get_mut(&query_id).filter(|q| !q.answered);
    let Some(query) = query else {
        return Err(TgError::bad_request(QUERY_INVALID));
    };
    if query.tapped_at.elapsed() + query.aged > TAP_ANSWER_DEADLINE {
        world.late_tap_answers += 1;
        return Err(TgError::bad_request(QUERY_INVALID));
    }
    if p.text("text").is_some_and(|text| text.chars().count() > MAX_TAP_ANSWER) {
        return Err(TgError::bad_request("MESSAGE_TOO_LONG"));
    }
    query.answered = true;
    let chat_id = query.chat_id;
    let answer = CallbackAnswer { query_id, text: p.text("text"), show_alert: p.flag("show_alert") };
    world.said.extend(answer.text.clone());
    world.chat_mut(chat_id).callback_answers.push(answer);
    Ok(true.into())
}

fn set_my_commands(world: &mut World, p: &Params) -> Answer {
    let key = commands_key(world, p)?;
    let commands = p.object("commands").unwrap_or(Value::Null);
    let Some(commands) = commands.as_array() else {
        return Err(TgError::bad_request("commands must be an array"));
    };
    if commands.len() > MAX_COMMANDS {
        return Err(TgError::bad_request("BOT_COMMANDS_TOO_MUCH"));
    }
    let commands = commands.iter().map(bot_command).collect::<Result<Vec<_>, _>>()?;
    if commands.is_empty() {
        world.commands.remove(&key);
    } else {
        world.command_sequence += 1;
        world.commands.insert(key, (world.command_sequence, commands));
    }
    Ok(true.into())
}

fn get_my_commands(world: &mut World, p: &Params) -> Answer {
    let key = commands_key(world, p)?;
    let commands = world.commands.get(&key).map(|(_, list)| list.clone()).unwrap_or_default();
    let commands: Vec<Value> = commands
        .into_iter()
        .map(|(command, description)| json!({ "command": command, "description": description }))
        .collect();
    Ok(commands.into())
}

fn delete_my_commands(world: &mut World, p: &Params) -> Answer {
    let key = commands_key(world, p)?;
    world.commands.remove(&key);
    Ok(true.into())
}

/// (scope, language code) for the command methods.
fn commands_key(world: &mut World, p: &Params) -> Result<(String, String), TgError> {
    let language = p.text("language_code").unwrap_or_default();
    if !(language.is_empty() || (language.len() == 2 && language.bytes().all(|b| b.is_ascii_lowercase()))) {
        return Err(TgError::bad_request("invalid language code specified"));
    }
    let scope = p.object("scope").unwrap_or_else(|| json!({ "type": "default" }));
    let chat_id = || as_int(&scope["chat_id"]).ok_or_else(|| TgError::bad_request("chat not found"));
    let scope = match scope["type"].as_str().unwrap_or("") {
        kind @ ("default" | "all_private_chats" | "all_group_chats" | "all_chat_administrators") => kind.to_owned(),
        kind @ ("chat" | "chat_administrators") => {
            let chat = chat_id()?;
            world.known_chat(chat)?;
            format!("{kind}:{chat}")
        }
        "chat_member" => {
            let chat = chat_id()?;
            world.known_chat(chat)?;
            format!("chat_member:{chat}:{}", scope["user_id"])
        }
        _ => {
            return Err(TgError::bad_request("can't parse BotCommandScope: unsupported type"));
        }
    };
    Ok((scope, language))
}

fn bot_command(value: &Value) -> Result<(String, String), TgError> {
    let command = value["command"].as_str().unwrap_or("");
    let description = value["description"].as_str().unwrap_or("");
    let valid_name = (1..=32).contains(&command.len())
        && command.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid_name {
        return Err(TgError::bad_request("BOT_COMMAND_INVALID"));
    }
    if !(1..=256).contains(&description.chars().count()) {
        return Err(TgError::bad_request("BOT_COMMAND_DESCRIPTION_INVALID"));
    }
    Ok((command.to_owned(), description.to_owned()))
}

#[derive(Clone, Copy)]
enum FileKind {
    Document,
    Photo,
}

fn send_file(world: &mut World, p: &Params, kind: FileKind) -> Answer {
    let field = match kind {
        FileKind::Document => "document",
        FileKind::Photo => "photo",
    };
    world.reachable_chat(p.chat_id()?)?;
    let upload = find_upload(world, p, field)?;
    if upload.bytes.is_empty() {
        return Err(TgError::bad_request("file must be non-empty"));
    }
    if upload.bytes.len() > MAX_UPLOAD {
        return Err(TgError::new(413, "Request Entity Too Large"));
    }
    if matches!(kind, FileKind::Photo) && !looks_like_image(&upload.bytes) {
        return Err(TgError::bad_request("IMAGE_PROCESS_FAILED"));
    }
    let raw = p.text("caption").unwrap_or_default();
    let caption = format_text(&raw, p.text("parse_mode"), p.object("caption_entities"))?;
    if utf16_len(&caption.text) > MAX_CAPTION {
        return Err(TgError::bad_request("message caption is too long"));
    }
    let markup = reply_markup(p, false)?;
    let (file_id, unique_id) = world.store_file(upload.clone());
    let size = upload.bytes.len();
    let mut content = Map::new();
    let file = match kind {
        FileKind::Document => {
            json!({ "file_id": file_id, "file_unique_id": unique_id, "file_name": upload.file_name, "file_size": size })
        }
        FileKind::Photo => {
            json!([{ "file_id": file_id, "file_unique_id": unique_id, "width": 320, "height": 320, "file_size": size }])
        }
    };
    content.insert(field.into(), file);
    if !caption.text.is_empty() {
        content.insert("caption".into(), caption.text.clone().into());
    }
    if !caption.entities.is_empty() {
        content.insert("caption_entities".into(), caption.entities_json().into());
    }
    world.said.push(caption.text.clone());
    world.said.push(String::from_utf8_lossy(&upload.bytes).into_owned());
    let shown = world.next_shown();
    let chat = world.reachable_chat(p.chat_id()?)?;
    let document = Document {
        file_name: upload.file_name,
        bytes: upload.bytes,
        caption: Some(caption.text.clone()).filter(|c| !c.is_empty()),
    };
    chat.documents.push((shown, document));
    let id = chat.push_message(shown, &raw, &caption.text, content, markup);
    Ok(chat.message_json(id))
}

/// Copies a message from one chat into another, as Telegram does: the same content, no link back.
fn copy_message(world: &mut World, p: &Params) -> Answer {
    let from_chat = p.int("from_chat_id").ok_or_else(|| TgError::bad_request("chat not found"))?;
    let id = p.message_id()?;
    let source = world.known_chat(from_chat)?.message(id).map(|m| (m.content.clone(), m.plain.clone()));
    let Some((content, plain)) = source else { return Err(TgError::bad_request("message to copy not found")) };
    let kind = ["voice", "photo", "sticker", "document", "video", "audio", "text"]
        .into_iter()
        .find(|kind| content.contains_key(*kind))
        .unwrap_or("other");
    let shown = world.next_shown();
    let chat = world.reachable_chat(p.chat_id()?)?;
    let copied = chat.push_message(shown, &plain, &plain, content, reply_markup(p, false)?);
    if let Some(message) = chat.messages.last_mut() {
        message.copied_kind = Some(kind);
    }
    Ok(json!({ "message_id": copied }))
}

/// The uploaded file: a part named after the field, an `attach://` reference, or a known file_id.
fn find_upload(world: &World, p: &Params, field: &str) -> Result<Upload, TgError> {
    if let Some(upload) = p.uploads.get(field) {
        return Ok(upload.clone());
    }
    let reference = p.text(field).ok_or_else(|| TgError::bad_request(format!("there is no {field} in the request")))?;
    let found = match reference.strip_prefix("attach://") {
        Some(name) => p.uploads.get(name),
        None => world.files.get(&reference),
    };
    // The fake fetches no URLs, and knows only the file ids it handed out.
    found.cloned().ok_or_else(|| TgError::bad_request("wrong file identifier/HTTP URL specified"))
}

fn looks_like_image(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 4] = [b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"GIF8", b"RIFF"];
    MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

fn check_text(text: &str, too_long: &str) -> Result<(), TgError> {
    if text.is_empty() {
        return Err(TgError::bad_request("message text is empty"));
    }
    if utf16_len(text) > MAX_TEXT {
        return Err(TgError::bad_request(too_long));
    }
    Ok(())
}

/// The message a send replies to, if it is there (a missing one is refused unless the send allows it).
fn check_reply_target(chat: &ChatState, p: &Params) -> Result<Option<i32>, TgError> {
    let reply = p.object("reply_parameters");
    let target = reply.as_ref().and_then(|r| as_int(&r["message_id"])).or_else(|| p.int("reply_to_message_id"));
    let lenient = reply.as_ref().is_some_and(|r| r["allow_sending_without_reply"] == true)
        || p.flag("allow_sending_without_reply");
    let found = target.and_then(|id| chat.messages.iter().find(|m| i64::from(m.id) == id)).map(|m| m.id);
    match target {
        Some(_) if found.is_none() && !lenient => Err(TgError::bad_request("message to be replied not found")),
        _ => Ok(found),
    }
}

/// The inline keyboard as Telegram echoes it; other keyboards are accepted for sends and dropped.
fn reply_markup(p: &Params, inline_only: bool) -> Result<Option<Value>, TgError> {
    let Some(markup) = p.object("reply_markup") else {
        return Ok(None);
    };
    if !markup.is_object() {
        return Err(TgError::bad_request("can't parse reply keyboard markup JSON object"));
    }
    let Some(rows) = markup.get("inline_keyboard") else {
        return if inline_only { Err(TgError::bad_request("inline keyboard expected")) } else { Ok(None) };
    };
    let Some(rows) = rows.as_array() else {
        return Err(TgError::bad_request("can't parse inline keyboard: field \"inline_keyboard\" must be an Array"));
    };
    let mut count = 0;
    for row in rows {
        let buttons =
            row.as_array().ok_or_else(|| TgError::bad_request("can't parse inline keyboard: row must be an Array"))?;
        for button in buttons {
            check_button(button)?;
            count += 1;
        }
    }
    if count > MAX_BUTTONS {
        return Err(TgError::bad_request("reply markup is too long"));
    }
    Ok((count > 0).then(|| json!({ "inline_keyboard": rows })))
}

fn check_button(button: &Value) -> Result<(), TgError> {
    const KINDS: [&str; 10] = [
        "url",
        "callback_data",
        "web_app",
        "login_url",
        "switch_inline_query",
        "switch_inline_query_current_chat",
        "switch_inline_query_chosen_chat",
        "copy_text",
        "callback_game",
        "pay",
    ];
    if button["text"].as_str().unwrap_or("").is_empty() {
        return Err(TgError::bad_request("can't parse inline keyboard button: Text must be non-empty"));
    }
    if let Some(data) = button["callback_data"].as_str()
        && data.len() > MAX_CALLBACK_DATA
    {
        return Err(TgError::bad_request("BUTTON_DATA_INVALID"));
    }
    // Telegram takes an empty callback_data for a missing one.
    let present = |kind: &&str| match &button[*kind] {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        _ => true,
    };
    if !KINDS.iter().any(present) {
        return Err(TgError::bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ));
    }
    if let Some(url) = button["url"].as_str() {
        let valid = url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https" | "tg"));
        if !valid {
            return Err(TgError::bad_request("BUTTON_URL_INVALID"));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Formatted text
// ---------------------------------------------------------------------------------------------

/// Text as Telegram stores it after parsing: plain text plus entities in UTF-16 offsets.
struct Formatted {
    text: String,
    entities: Vec<Entity>,
}

#[derive(Clone, PartialEq)]
struct Entity {
    offset: usize,
    length: usize,
    /// `type` and extras such as `url` or `language`.
    fields: Map<String, Value>,
}

fn entity_fields(kind: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    fields.insert("type".into(), kind.into());
    fields
}

impl Entity {
    fn to_json(&self) -> Value {
        let mut fields = self.fields.clone();
        fields.insert("offset".into(), self.offset.into());
        fields.insert("length".into(), self.length.into());
        Value::Object(fields)
    }

    fn from_json(value: &Value) -> Option<Entity> {
        let mut fields = value.as_object()?.clone();
        let offset = fields.remove("offset")?.as_u64()? as usize;
        let length = fields.remove("length")?.as_u64()? as usize;
        Some(Entity { offset, length, fields })
    }
}

impl Formatted {
    fn text_content(&self) -> Map<String, Value> {
        let mut content = Map::new();
        content.insert("text".into(), self.text.clone().into());
        if !self.entities.is_empty() {
            content.insert("entities".into(), self.entities_json().into());
        }
        content
    }

    fn entities_json(&self) -> Vec<Value> {
        self.entities.iter().map(Entity::to_json).collect()
    }

    /// Telegram drops leading and trailing whitespace; entities shift along.
    fn trimmed(self) -> Formatted {
        let start = self.text.len() - self.text.trim_start().len();
        let lead = utf16_len(&self.text[..start]);
        let text = self.text.trim().to_owned();
        let total = utf16_len(&text);
        let entities = self
            .entities
            .into_iter()
            .filter_map(|mut entity| {
                let begin = entity.offset.saturating_sub(lead);
                let end = (entity.offset + entity.length).saturating_sub(lead).min(total);
                (end > begin).then(|| {
                    entity.offset = begin;
                    entity.length = end - begin;
                    entity
                })
            })
            .collect();
        Formatted { text, entities }
    }
}

fn format_text(raw: &str, parse_mode: Option<String>, entities: Option<Value>) -> Result<Formatted, TgError> {
    let mode = parse_mode.unwrap_or_default().to_ascii_lowercase();
    let formatted = match mode.as_str() {
        "" => {
            let entities = entities.as_ref().and_then(Value::as_array).into_iter().flatten();
            Formatted { text: raw.to_owned(), entities: entities.filter_map(Entity::from_json).collect() }
        }
        "html" => parse_html(raw).map_err(TgError::cant_parse)?,
        "markdownv2" => parse_markdown_v2(raw).map_err(TgError::cant_parse)?,
        // Legacy Markdown is not modelled: its text is kept as sent.
        "markdown" => Formatted { text: raw.to_owned(), entities: Vec::new() },
        _ => return Err(TgError::bad_request("unsupported parse_mode")),
    };
    Ok(formatted.trimmed())
}

#[derive(Default)]
struct Builder {
    text: String,
    utf16: usize,
    entities: Vec<Entity>,
}

impl Builder {
    fn push(&mut self, c: char) {
        self.text.push(c);
        self.utf16 += c.len_utf16();
    }

    fn close(&mut self, fields: Map<String, Value>, start: usize) {
        if self.utf16 > start {
            self.entities.push(Entity { offset: start, length: self.utf16 - start, fields });
        }
    }

    fn finish(mut self) -> Formatted {
        self.entities.sort_by_key(|e| (e.offset, Reverse(e.length)));
        Formatted { text: self.text, entities: self.entities }
    }
}

struct OpenTag {
    name: String,
    start: usize,
    entity: Option<Map<String, Value>>,
}

fn parse_html(raw: &str) -> Result<Formatted, String> {
    let mut out = Builder::default();
    let mut open: Vec<OpenTag> = Vec::new();
    let mut at = 0;
    while let Some(c) = raw[at..].chars().next() {
        at = match c {
            '<' if raw[at..].starts_with("</") => html_end_tag(raw, at, &mut open, &mut out)?,
            '<' => html_start_tag(raw, at, &mut open, &out)?,
            '&' => {
                // Telegram itself lets a stray '&' through; the fake insists on &amp; to keep text unambiguous.
                let (decoded, len) = decode_html_entity(&raw[at..])
                    .ok_or_else(|| format!("Unsupported HTML entity at byte offset {at}"))?;
                out.push(decoded);
                at + len
            }
            _ => {
                out.push(c);
                at + c.len_utf8()
            }
        };
    }
    if let Some(tag) = open.last() {
        return Err(format!("Can't find end tag corresponding to start tag \"{}\"", tag.name));
    }
    Ok(out.finish())
}

fn html_start_tag(raw: &str, at: usize, open: &mut Vec<OpenTag>, out: &Builder) -> Result<usize, String> {
    let unclosed = || format!("Unclosed start tag at byte offset {at}");
    let after = &raw[at + 1..];
    let name_len = after.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(after.len());
    if name_len == after.len() {
        return Err(unclosed());
    }
    let name = after[..name_len].to_ascii_lowercase();
    let attributes_start = &after[name_len..];
    let (attributes, consumed) = html_attributes(attributes_start).ok_or_else(unclosed)?;
    let entity = html_entity(&name, &attributes, at, open)?;
    open.push(OpenTag { name, start: out.utf16, entity });
    Ok(at + 1 + name_len + consumed)
}

/// The entity a start tag opens; `None` for a `<code>` inside `<pre>`, which only names the language.
fn html_entity(
    name: &str,
    attributes: &[(String, String)],
    at: usize,
    open: &mut [OpenTag],
) -> Result<Option<Map<String, Value>>, String> {
    let attribute = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let kind = match name {
        "b" | "strong" => "bold",
        "i" | "em" => "italic",
        "u" | "ins" => "underline",
        "s" | "strike" | "del" => "strikethrough",
        "tg-spoiler" => "spoiler",
        "span" if attribute("class") == Some("tg-spoiler") => "spoiler",
        "span" => {
            return Err(format!("Tag \"span\" must have class \"tg-spoiler\" at byte offset {at}"));
        }
        "pre" => "pre",
        "blockquote" if attribute("expandable").is_some() => "expandable_blockquote",
        "blockquote" => "blockquote",
        "a" => {
            // Telegram would fall back to the link text; a link without href is a bug worth catching.
            let href = attribute("href").filter(|h| !h.is_empty());
            let href = href.ok_or_else(|| format!("Tag \"a\" must have attribute \"href\" at byte offset {at}"))?;
            let mut fields = entity_fields("text_link");
            fields.insert("url".into(), href.into());
            return Ok(Some(fields));
        }
        "code" => match open.last_mut() {
            Some(OpenTag { name: parent, entity: Some(pre), .. }) if parent == "pre" => {
                if let Some(language) = attribute("class").and_then(|c| c.strip_prefix("language-")) {
                    pre.insert("language".into(), language.into());
                }
                return Ok(None);
            }
            _ => "code",
        },
        _ => {
            return Err(format!("Unsupported start tag \"{name}\" at byte offset {at}"));
        }
    };
    Ok(Some(entity_fields(kind)))
}

/// Attributes up to and including the closing '>': (name, value) pairs and bytes consumed.
fn html_attributes(s: &str) -> Option<(Vec<(String, String)>, usize)> {
    let mut attributes = Vec::new();
    let skip_space = |from: usize| from + s[from..].len() - s[from..].trim_start().len();
    let mut i = 0;
    loop {
        i = skip_space(i);
        let rest = &s[i..];
        if rest.starts_with('>') {
            return Some((attributes, i + 1));
        }
        let name_len = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '>').unwrap_or(rest.len());
        if name_len == 0 {
            return None;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        i = skip_space(i + name_len);
        let mut value = String::new();
        if s[i..].starts_with('=') {
            i = skip_space(i + 1);
            let (decoded, used) = html_attribute_value(&s[i..])?;
            value = decoded;
            i += used;
        }
        attributes.push((name, value));
    }
}

fn html_attribute_value(s: &str) -> Option<(String, usize)> {
    let quote = s.chars().next()?;
    let (value, used) = if quote == '"' || quote == '\'' {
        let end = s[1..].find(quote)?;
        (&s[1..1 + end], end + 2)
    } else {
        let end = s.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(s.len());
        (&s[..end], end)
    };
    if used == 0 {
        return None;
    }
    let mut decoded = String::new();
    let mut i = 0;
    while let Some(c) = value[i..].chars().next() {
        match decode_html_entity(&value[i..]).filter(|_| c == '&') {
            Some((ch, len)) => {
                decoded.push(ch);
                i += len;
            }
            None => {
                decoded.push(c);
                i += c.len_utf8();
            }
        }
    }
    Some((decoded, used))
}

fn html_end_tag(raw: &str, at: usize, open: &mut Vec<OpenTag>, out: &mut Builder) -> Result<usize, String> {
    let after = &raw[at + 2..];
    let end = after.find('>').ok_or_else(|| format!("Unclosed end tag at byte offset {at}"))?;
    let name = after[..end].trim().to_ascii_lowercase();
    let tag = open.pop().ok_or_else(|| format!("Unexpected end tag at byte offset {at}"))?;
    if name != tag.name {
        return Err(format!(
            "Unmatched end tag at byte offset {at}, expected \"</{}>\", found \"</{name}>\"",
            tag.name
        ));
    }
    if let Some(fields) = tag.entity {
        out.close(fields, tag.start);
    }
    Ok(at + 2 + end + 1)
}

/// `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&#NNN;` or `&#xHH;` at the start of `s`: the character and bytes used.
fn decode_html_entity(s: &str) -> Option<(char, usize)> {
    let end = s.char_indices().take(12).find(|(_, c)| *c == ';')?.0;
    let name = &s[1..end];
    let decoded = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        _ => {
            let number = name.strip_prefix('#')?;
            let (digits, radix) = match number.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (number, 10),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            char::from_u32(u32::from_str_radix(digits, radix).ok()?).filter(|c| *c != '\0')?
        }
    };
    Some((decoded, end + 1))
}

#[derive(Clone, Copy, PartialEq)]
enum Md {
    Bold,
    Italic,
    Underline,
    Strike,
    Spoiler,
    Code,
    Pre,
    Link,
}

impl Md {
    fn name(self) -> &'static str {
        match self {
            Md::Bold => "Bold",
            Md::Italic => "Italic",
            Md::Underline => "Underline",
            Md::Strike => "Strikethrough",
            Md::Spoiler => "Spoiler",
            Md::Code => "Code",
            Md::Pre => "Pre",
            Md::Link => "TextUrl",
        }
    }

    fn entity_type(self) -> &'static str {
        match self {
            Md::Bold => "bold",
            Md::Italic => "italic",
            Md::Underline => "underline",
            Md::Strike => "strikethrough",
            Md::Spoiler => "spoiler",
            Md::Code => "code",
            Md::Pre => "pre",
            Md::Link => "text_link",
        }
    }
}

struct MdOpen {
    kind: Md,
    start: usize,
    at: usize,
    language: String,
}

const MARKDOWN_V2_RESERVED: &str = "_*[]()~`>#+-=|{}.!";

/// MarkdownV2 as Telegram reads it, minus custom emoji and blockquote entities.
fn parse_markdown_v2(raw: &str) -> Result<Formatted, String> {
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut out = Builder::default();
    let mut open: Vec<MdOpen> = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let at = chars[i].0;
        i += 1;
        if c == '\\' {
            match char_at(i) {
                Some(escaped) if (1..=126).contains(&(escaped as u32)) => {
                    out.push(escaped);
                    i += 1;
                }
                _ => out.push('\\'),
            }
            continue;
        }
        let top = open.last().map(|o| o.kind);
        if matches!(top, Some(Md::Code | Md::Pre)) {
            match c {
                '`' if top == Some(Md::Code) => md_close(&mut open, &mut out),
                '`' if char_at(i) == Some('`') && char_at(i + 1) == Some('`') => {
                    i += 2;
                    md_close(&mut open, &mut out);
                }
                '`' => return Err(md_reserved(c)),
                _ => out.push(c),
            }
            continue;
        }
        match c {
            '*' => md_toggle(&mut open, &mut out, Md::Bold, at),
            '_' if char_at(i) == Some('_') => {
                i += 1;
                md_toggle(&mut open, &mut out, Md::Underline, at);
            }
            '_' => md_toggle(&mut open, &mut out, Md::Italic, at),
            '~' => md_toggle(&mut open, &mut out, Md::Strike, at),
            '|' if char_at(i) == Some('|') => {
                i += 1;
                md_toggle(&mut open, &mut out, Md::Spoiler, at);
            }
            '`' if char_at(i) == Some('`') && char_at(i + 1) == Some('`') => {
                i += 2;
                let line_end = (i..chars.len()).find(|&j| chars[j].1 == '\n');
                let mut language = String::new();
                if let Some(line_end) = line_end {
                    language = chars[i..line_end].iter().map(|&(_, c)| c).collect::<String>().trim().to_owned();
                    i = line_end + 1;
                }
                open.push(MdOpen { kind: Md::Pre, start: out.utf16, at, language });
            }
            '`' => open.push(MdOpen { kind: Md::Code, start: out.utf16, at, language: String::new() }),
            '[' => open.push(MdOpen { kind: Md::Link, start: out.utf16, at, language: String::new() }),
            ']' if top == Some(Md::Link) && char_at(i) == Some('(') => {
                let (url, used) = md_link_url(&chars[i + 1..])
                    .ok_or_else(|| format!("Can't find end of a URL at byte offset {at}"))?;
                i += 1 + used;
                let link = open.pop().expect("open link");
                let mut fields = entity_fields("text_link");
                fields.insert("url".into(), url.into());
                out.close(fields, link.start);
            }
            // A quote marker at the start of a line; the blockquote entity itself is not modelled.
            '>' if at == 0 || raw[..at].ends_with('\n') => {}
            _ if MARKDOWN_V2_RESERVED.contains(c) => return Err(md_reserved(c)),
            _ => out.push(c),
        }
    }
    if let Some(unclosed) = open.last() {
        return Err(format!("Can't find end of {} entity at byte offset {}", unclosed.kind.name(), unclosed.at));
    }
    Ok(out.finish())
}

fn md_reserved(c: char) -> String {
    format!("Character '{c}' is reserved and must be escaped with the preceding '\\'")
}

fn md_toggle(open: &mut Vec<MdOpen>, out: &mut Builder, kind: Md, at: usize) {
    if open.last().is_some_and(|o| o.kind == kind) {
        md_close(open, out);
    } else {
        open.push(MdOpen { kind, start: out.utf16, at, language: String::new() });
    }
}

fn md_close(open: &mut Vec<MdOpen>, out: &mut Builder) {
    let entity = open.pop().expect("an open MarkdownV2 entity");
    let mut fields = entity_fields(entity.kind.entity_type());
    if !entity.language.is_empty() {
        fields.insert("language".into(), entity.language.into());
    }
    out.close(fields, entity.start);
}

/// The URL of `[text](url)` up to the unescaped ')': the URL and characters used.
fn md_link_url(chars: &[(usize, char)]) -> Option<(String, usize)> {
    let mut url = String::new();
    let mut i = 0;
    while let Some(&(_, c)) = chars.get(i) {
        i += 1;
        match c {
            ')' => return Some((url, i)),
            '\\' => {
                url.push(chars.get(i)?.1);
                i += 1;
            }
            _ => url.push(c),
        }
    }
    None
}
