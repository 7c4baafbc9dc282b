//! Telegram as a channel for the outbox's sender: paced to Telegram's limits, each request's
//! answer classified.

use base64::Engine;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use teloxide::payloads::{
    DeleteMyCommandsSetters, EditMessageTextSetters, SendDocumentSetters, SendMessageSetters, SendPhotoSetters,
    SetMyCommandsSetters,
};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode,
    Recipient, ReplyParameters,
};
use teloxide::{ApiError, RequestError};
use tokio::time::Instant;

use crate::clock::{Clock, wall_millis};
use crate::delivery::{Channel, Rendering, SendOutcome};
use crate::domain::people::{ChannelKind, Language};
use crate::store::{Backend, Store, copies, outbox};
use crate::telegram::pacing::{Pacer, TelegramLimits};
use crate::telegram::render::{Outgoing, in_pieces, render};
use crate::templates::Templates;
use crate::usecase::mail::Said;

/// A 429 asking for at most this long is waited out in place, up to this many times for one message;
/// longer or repeated ones go back to the outbox with the wait Telegram asked for. A turn further off
/// than this is not waited for in place either: the message goes back, and its place in flight is free.
const WAIT_OUT_429_UP_TO: std::time::Duration = std::time::Duration::from_secs(5);
const WAIT_OUT_429S: u32 = 3;

/// Says how a Bot API request ended, for the sender.
pub fn classify(error: &RequestError) -> SendOutcome {
    let unavailable = |error: String| SendOutcome::Unavailable { error };
    match error {
        RequestError::RetryAfter(seconds) => SendOutcome::Later {
            after: Duration::seconds(seconds.seconds() as i64),
            why: "Telegram asked for a pause".into(),
        },
        RequestError::Network(e) => unavailable(format!("network: {e}")),
        RequestError::Io(e) => unavailable(format!("io: {e}")),
        RequestError::InvalidJson { .. } => unavailable("unreadable answer from Telegram".into()),
        RequestError::MigrateToChatId(_) => SendOutcome::Refused { error: "chat moved".into() },
        RequestError::Api(api) => match api {
            ApiError::BotBlocked => unreachable("blocked"),
            ApiError::ChatNotFound | ApiError::UserNotFound | ApiError::CantInitiateConversation => {
                unreachable("never-started")
            }
            ApiError::UserDeactivated => unreachable("deactivated"),
            ApiError::BotKicked | ApiError::BotKickedFromSupergroup | ApiError::BotKickedFromChannel => {
                unreachable("removed")
            }
            ApiError::MessageNotModified => SendOutcome::Sent { message_id: None },
            // The person deleted the message we meant to update: there is nothing left to change.
            ApiError::MessageToEditNotFound | ApiError::MessageCantBeEdited => SendOutcome::Sent { message_id: None },
            ApiError::Unknown(text) if text.starts_with("Forbidden") => unreachable("forbidden"),
            ApiError::Unknown(text) if text.starts_with("Bad Request") => SendOutcome::Refused { error: text.clone() },
            // Telegram's 5xx ("Internal Server Error", "Bad Gateway") and anything else it has not
            // explained: it is Telegram that is in trouble, not the message.
            ApiError::Unknown(text) => unavailable(text.clone()),
            other => SendOutcome::Refused { error: other.to_string() },
        },
    }
}

fn unreachable(reason: &str) -> SendOutcome {
    SendOutcome::Unreachable { reason: reason.to_owned() }
}

/// Telegram's Bot API as a channel, paced to its limits.
pub struct TelegramChannel {
    bot: Bot,
    pacer: Arc<Mutex<Pacer>>,
    /// On PostgreSQL, where copies of the bot may run side by side: the gap (ms) between any two
    /// messages from all of them together, kept through the database. `None` on SQLite (one copy).
    shared_spacing_ms: Option<i64>,
    /// With copies side by side: the other copies' sends already counted against their chats, by
    /// outbox id, with when each was found (forgotten after a few seconds).
    counted_elsewhere: Mutex<std::collections::HashMap<i64, Instant>>,
    store: Store,
    /// The app's clock: the outbox records when messages went by it.
    clock: Arc<dyn Clock>,
}

impl TelegramChannel {
    pub fn new(bot: Bot, limits: TelegramLimits, store: Store, clock: Arc<dyn Clock>) -> Self {
        // Copies aim well below the limit together (20 a second for 29): their requests leave from
        // different processes or machines, and a copy that stalls after its turn (a busy machine)
        // must not bunch its messages onto the others' in the same second.
        let shared_spacing_ms = (store.backend() == Backend::Postgres).then(|| {
            let aim = i64::from(limits.overall_per_second.max(1));
            (1000 / (aim * 2 / 3).max(1)).max(1)
        });
        Self {
            bot,
            pacer: Arc::new(Mutex::new(Pacer::new(limits))),
            shared_spacing_ms,
            counted_elsewhere: Mutex::default(),
            store,
            clock,
        }
    }

    /// Telegram counts what the last run sent as well, and the pacer's memory of it died with that run:
    /// the sends recorded in the last few seconds are counted again, each as if it went at the end of
    /// the second it was recorded in (the record keeps whole seconds). A message the last run had on
    /// its way when it stopped may have reached Telegram unrecorded: it counts against its chat as if
    /// it went just now, and nothing goes for a second, as if they all did.
    pub async fn pace_after_restart(&self) -> crate::store::StoreResult<()> {
        let now = self.clock.now().timestamp();
        let memory = self.pacer().memory().as_secs() as i64 + 1;
        let (recent, claimed) = {
            let mut conn = self.store.connection().await?;
            let kind = ChannelKind::Telegram;
            (outbox::sent_since(&mut conn, kind, now - memory).await?, outbox::claimed_chats(&mut conn, kind).await?)
        };
        let here = Instant::now();
        let mut pacer = self.pacer();
        if !claimed.is_empty() || recent.last().is_some_and(|(_, at)| *at >= now - 2) {
            pacer.freeze_until(here + std::time::Duration::from_secs(1));
        }
        for (chat, at) in recent {
            let ago = std::time::Duration::from_secs((now - at - 1).max(0) as u64);
            pacer.remember(chat, here.checked_sub(ago).unwrap_or(here));
        }
        for chat in claimed {
            pacer.sent_unseen(chat, here);
        }
        Ok(())
    }

    fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        self.pacer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// With copies side by side, waits for this copy's turn among all of them. If the database cannot
    /// say, the message goes at this copy's own pace: a late message would be worse than a rare 429.
    async fn take_shared_turn(&self) {
        let Some(spacing) = self.shared_spacing_ms else { return };
        let turn = async {
            let mut conn = self.store.connection().await?;
            copies::take_turn(&mut conn, wall_millis(), spacing).await
        };
        match turn.await {
            Ok(turn) => {
                let wait = (turn - wall_millis()).clamp(0, 60_000);
                tokio::time::sleep(std::time::Duration::from_millis(wait as u64)).await;
            }
            Err(error) => tracing::warn!(%error, "could not take a turn to send with the other copies"),
        }
    }

    /// Telegram asked for a pause: every copy pauses, not only this one.
    async fn hold_every_copy(&self, pause: std::time::Duration) {
        if self.shared_spacing_ms.is_none() {
            return;
        }
        let held = async {
            let mut conn = self.store.connection().await?;
            copies::hold_everyone_until(&mut conn, wall_millis() + pause.as_millis() as i64).await
        };
        if let Err(error) = held.await {
            tracing::warn!(%error, "could not pause the other copies after a 429");
        }
    }

    /// With copies side by side, what the others sent to `chat` in the last few seconds counts against
    /// its limit here too: each copy keeps its own pacer, and a chat can get messages from all of them
    /// (a worker's notices about several children). If the database cannot say, this copy goes on.
    async fn count_other_copies(&self, chat: i64) {
        if self.shared_spacing_ms.is_none() {
            return;
        }
        let since = self.clock.now().timestamp() - self.pacer().memory().as_secs() as i64 - 1;
        let found = async {
            let mut conn = self.store.connection().await?;
            outbox::sent_to_chat_by_others(&mut conn, chat, self.store.copy_id(), since).await
        };
        let ids = match found.await {
            Ok(ids) => ids,
            Err(error) => {
                tracing::warn!(%error, "could not count the other copies' messages to a chat");
                return;
            }
        };
        let now = Instant::now();
        let mut counted = self.counted_elsewhere.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        counted.retain(|_, at| now.saturating_duration_since(*at) < std::time::Duration::from_secs(10));
        let fresh: Vec<i64> = ids.into_iter().filter(|id| counted.insert(*id, now).is_none()).collect();
        drop(counted);
        let mut pacer = self.pacer();
        for _ in fresh {
            pacer.sent_unseen(chat, now);
        }
    }

    async fn wait_for_turn(&self, chat: i64, urgent: bool) -> Result<(), std::time::Duration> {
        self.count_other_copies(chat).await;
        if urgent {
            let now = Instant::now();
            let booked = self.pacer().book(chat, now, WAIT_OUT_429_UP_TO);
            match booked {
                Ok(at) => tokio::time::sleep_until(at).await,
                Err(at) => return Err(at.saturating_duration_since(now)),
            }
        } else {
            loop {
                let now = Instant::now();
                let ready = match self.pacer().take(chat, now) {
                    Ok(()) => break,
                    Err(ready) => ready,
                };
                let wait = ready.saturating_duration_since(now);
                if wait > WAIT_OUT_429_UP_TO {
                    return Err(wait);
                }
                tokio::time::sleep_until(ready).await;
            }
        }
        self.take_shared_turn().await;
        Ok(())
    }
}

impl Channel for TelegramChannel {
    const KIND: ChannelKind = ChannelKind::Telegram;

    type Rendered = Outgoing;

    fn render(&self, templates: &Templates, language: Language, said: Said) -> Result<Rendering<Outgoing>, String> {
        render(templates, language, said).map(Rendering::Send)
    }

    async fn take_turn(&self, chat: i64, urgent: bool) -> Result<(), std::time::Duration> {
        self.wait_for_turn(chat, urgent).await
    }

    /// A message too long for one goes as several, in order, each taking its turn in the chat; if one
    /// fails the whole message is tried again later (the pieces already sent are sent again: a list
    /// shown twice is better than a list cut short).
    async fn send(&self, message: &outbox::Claimed, outgoing: Outgoing) -> SendOutcome {
        let chat = message.chat_id;
        let mut sent = None;
        for (index, piece) in in_pieces(outgoing).into_iter().enumerate() {
            if index > 0
                && let Err(wait) = self.wait_for_turn(chat, true).await
            {
                let after = Duration::from_std(wait).unwrap_or(Duration::MAX);
                return SendOutcome::Later { after, why: "the rest of a long message waits its turn".into() };
            }
            match self.send_one(chat, piece).await {
                SendOutcome::Sent { message_id } => sent = message_id.or(sent),
                other => return other,
            }
        }
        SendOutcome::Sent { message_id: sent }
    }
}

impl TelegramChannel {
    /// A 429 pauses all sending for its `retry_after`; a short one is waited out here and the message
    /// tried again at once, as Telegram asks, rather than put back.
    async fn send_one(&self, chat: i64, outgoing: Outgoing) -> SendOutcome {
        let mut waited_out = 0;
        loop {
            self.leave(chat).await;
            let error = match self.request(chat, outgoing.clone()).await {
                Ok(message_id) => return SendOutcome::Sent { message_id },
                Err(error) => error,
            };
            if let RequestError::RetryAfter(seconds) = &error {
                self.pacer().freeze_until(Instant::now() + seconds.duration());
                self.hold_every_copy(seconds.duration()).await;
                if waited_out < WAIT_OUT_429S && seconds.duration() <= WAIT_OUT_429_UP_TO {
                    waited_out += 1;
                    if self.wait_for_turn(chat, true).await.is_ok() {
                        continue;
                    }
                }
            }
            return classify(&error);
        }
    }

    /// Waits at the door if the requests that already left this second would make this one too many
    /// (tasks that woke late on a busy machine).
    async fn leave(&self, chat: i64) {
        loop {
            let now = Instant::now();
            let Err(at) = self.pacer().leave(chat, now) else { return };
            tokio::time::sleep_until(at).await;
        }
    }

    async fn request(&self, chat_id: i64, outgoing: Outgoing) -> Result<Option<i64>, RequestError> {
        let chat = ChatId(chat_id);
        match outgoing {
            Outgoing::Message { html, buttons, reply_to } => {
                let mut request = self.bot.send_message(chat, html).parse_mode(ParseMode::Html);
                if !buttons.is_empty() {
                    request = request.reply_markup(keyboard(buttons));
                }
                // A reply to a message the person has since deleted goes as a message of its own.
                if let Some(id) = reply_to.and_then(|id| i32::try_from(id).ok()) {
                    request =
                        request.reply_parameters(ReplyParameters::new(MessageId(id)).allow_sending_without_reply());
                }
                request.await.map(|m| Some(i64::from(m.id.0)))
            }
            Outgoing::Edit { message_id, html, buttons } => {
                let Ok(message_id) = i32::try_from(message_id) else {
                    return Err(refused_here("message id out of range"));
                };
                let mut request =
                    self.bot.edit_message_text(chat, MessageId(message_id), html).parse_mode(ParseMode::Html);
                if !buttons.is_empty() {
                    request = request.reply_markup(keyboard(buttons));
                }
                // An edit puts nothing new in the chat: the message it changed was recorded when sent.
                request.await.map(|_| None)
            }
            Outgoing::Document { file_name, content, caption_html } => self
                .bot
                .send_document(chat, InputFile::memory(content.into_bytes()).file_name(file_name))
                .caption(caption_html)
                .parse_mode(ParseMode::Html)
                .await
                .map(|m| Some(i64::from(m.id.0))),
            Outgoing::Photo { file_name, png_base64, caption_html } => {
                let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(png_base64) else {
                    return Err(refused_here("the stored picture is not base64"));
                };
                self.bot
                    .send_photo(chat, InputFile::memory(bytes).file_name(file_name))
                    .caption(caption_html)
                    .parse_mode(ParseMode::Html)
                    .await
                    .map(|m| Some(i64::from(m.id.0)))
            }
            Outgoing::Copy { from_chat_id, message_id } => {
                let Ok(message_id) = i32::try_from(message_id) else {
                    return Err(refused_here("message id out of range"));
                };
                self.bot
                    .copy_message(chat, ChatId(from_chat_id), MessageId(message_id))
                    .await
                    .map(|m| Some(i64::from(m.0)))
            }
            Outgoing::Commands { commands } => {
                let scope = BotCommandScope::Chat { chat_id: Recipient::Id(chat) };
                if commands.is_empty() {
                    self.bot.delete_my_commands().scope(scope).await.map(|_| None)
                } else {
                    let commands = commands.into_iter().map(|(c, d)| BotCommand::new(c, d));
                    self.bot.set_my_commands(commands).scope(scope).await.map(|_| None)
                }
            }
        }
    }
}

/// A request we refuse to make, shaped as Telegram would refuse it, so it is given up and not retried.
fn refused_here(why: &str) -> RequestError {
    RequestError::Api(ApiError::Unknown(format!("Bad Request: {why}")))
}

fn keyboard(rows: Vec<Vec<(String, String)>>) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.into_iter().map(|row| {
        row.into_iter().map(|(label, data)| InlineKeyboardButton::callback(label, data)).collect::<Vec<_>>()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocked_and_missing_chats_are_unreachable_not_retried() {
        assert!(matches!(classify(&RequestError::Api(ApiError::BotBlocked)), SendOutcome::Unreachable { .. }));
        assert!(matches!(classify(&RequestError::Api(ApiError::ChatNotFound)), SendOutcome::Unreachable { .. }));
        assert!(matches!(classify(&RequestError::Api(ApiError::UserDeactivated)), SendOutcome::Unreachable { .. }));
    }

    #[test]
    fn server_trouble_is_telegram_unavailable_and_bad_requests_are_refused() {
        for text in ["Internal Server Error", "Bad Gateway", "Gateway Timeout"] {
            let server = RequestError::Api(ApiError::Unknown(text.into()));
            assert!(matches!(classify(&server), SendOutcome::Unavailable { .. }), "{text}");
        }
        let bad = RequestError::Api(ApiError::Unknown("Bad Request: can't parse entities: x".into()));
        assert!(matches!(classify(&bad), SendOutcome::Refused { .. }));
        assert_eq!(classify(&RequestError::Api(ApiError::MessageNotModified)), SendOutcome::Sent { message_id: None });
    }

    #[test]
    fn a_429_puts_the_message_back_for_as_long_as_telegram_asks() {
        let outcome = classify(&RequestError::RetryAfter(teloxide::types::Seconds::from_seconds(30)));
        assert!(matches!(outcome, SendOutcome::Later { after, .. } if after == Duration::seconds(30)));
    }
}
