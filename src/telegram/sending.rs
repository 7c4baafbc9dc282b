//! The one path every message takes to Telegram: claimed from the outbox, paced to Telegram's limits, outcome recorded.

use base64::Engine;
use futures::FutureExt;
use std::collections::{BTreeMap, VecDeque};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use chrono::Duration;
use teloxide::adaptors::throttle::Limits;
use teloxide::payloads::{
    DeleteMyCommandsSetters, EditMessageTextSetters, SendDocumentSetters, SendMessageSetters, SendPhotoSetters,
    SetMyCommandsSetters,
};
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, BotCommandScope, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MessageId, ParseMode, Recipient,
};
use teloxide::{ApiError, RequestError};

use crate::claims::InHand;
use crate::clock::{Clock, wall_millis};
use crate::domain::people::Role;
use crate::domain::reminders::quiet_period_end;
use crate::messaging::{Mail, Outgoing, QuietTime, queue_mail};
use crate::reachability::{self, record_unreachable, tell_worker};
use crate::store::outbox::{self, Claimed};
use crate::store::people::{self, Person};
use crate::store::{Backend, Store, StoreResult, appointments, copies};
use crate::telegram::pacing::Pacer;
use crate::templates::Templates;
use crate::templates::Text;
use crate::usecase::{FaultHook, FaultSite};
use crate::wording;
use tokio::time::Instant;

/// How long a claimed message is ours unless renewed; the app renews its claims every few seconds, so
/// the claims of a copy killed mid-send run out within this.
pub const LEASE_SECONDS: i64 = 30;
const BATCH: i64 = 64;
/// A pass waits this long at most for a chat at Telegram's limit; past it, the messages go back.
const PASS_WAITS_UP_TO: std::time::Duration = std::time::Duration::from_millis(1500);
/// Telegram takes one message a second to a chat, so more than a few for one chat in a batch only wait.
const PER_CHAT: i64 = 3;
/// A 429 asking for at most this long is waited out in place, up to this many times for one message;
/// longer or repeated ones go back to the outbox with the wait Telegram asked for.
const WAIT_OUT_429_UP_TO: std::time::Duration = std::time::Duration::from_secs(5);
const WAIT_OUT_429S: u32 = 3;
/// After this many tries a message is given up and a person is told.
pub const MAX_ATTEMPTS: i64 = 10;

/// How one attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Sent {
        message_id: Option<i64>,
    },
    /// Worth trying again: network trouble, Telegram's 5xx, or a 429 (which also pauses all sending).
    Retry {
        after: Duration,
        error: String,
    },
    /// The person blocked the bot, deleted their account or never started a chat.
    Unreachable {
        reason: String,
    },
    /// Telegram refused the request itself; trying again would fail the same way.
    Refused {
        error: String,
    },
    /// The message no longer stood when its turn came (its child erased, its reader's access ended):
    /// nothing was sent, and there is nothing to record.
    Withdrawn,
}

pub fn classify(error: &RequestError, attempts: i64) -> SendOutcome {
    let backoff = backoff_after(attempts);
    match error {
        RequestError::RetryAfter(seconds) => {
            SendOutcome::Retry { after: Duration::seconds(seconds.seconds() as i64), error: "rate limited".into() }
        }
        RequestError::Network(e) => SendOutcome::Retry { after: backoff, error: format!("network: {e}") },
        RequestError::Io(e) => SendOutcome::Retry { after: backoff, error: format!("io: {e}") },
        RequestError::InvalidJson { .. } => {
            SendOutcome::Retry { after: backoff, error: "unreadable answer from Telegram".into() }
        }
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
            ApiError::Unknown(text) => SendOutcome::Retry { after: backoff, error: text.clone() },
            other => SendOutcome::Refused { error: other.to_string() },
        },
    }
}

fn unreachable(reason: &str) -> SendOutcome {
    SendOutcome::Unreachable { reason: reason.to_owned() }
}

/// 5 s, 10 s, 20 s ... capped at 15 minutes: a Telegram outage of an hour still ends in delivery.
pub fn backoff_after(attempts: i64) -> Duration {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    Duration::seconds((5_i64 << exponent.min(10)).min(15 * 60))
}

/// Sends what is due from the outbox and records each outcome.
#[derive(Clone)]
pub struct Sender {
    bot: Bot,
    pacer: Arc<Mutex<Pacer>>,
    /// On PostgreSQL, where copies of the bot may run side by side: the gap (ms) between any two
    /// messages from all of them together, kept through the database. `None` on SQLite (one copy).
    shared_spacing_ms: Option<i64>,
    /// The batch being sent, whose leases the app renews.
    pub in_hand: InHand,
    store: Store,
    clock: Arc<dyn Clock>,
    templates: Arc<Templates>,
    quiet: QuietTime,
    pub fault_hook: Option<FaultHook>,
}

impl Sender {
    pub fn new(
        bot: Bot,
        limits: Limits,
        store: Store,
        clock: Arc<dyn Clock>,
        templates: Arc<Templates>,
        quiet: QuietTime,
    ) -> Self {
        // Copies aim a seventh below the limit (25 a second for 29): their requests leave from
        // different processes or machines, and the margin keeps one copy's delays from bunching its
        // messages onto another's in the same second.
        let shared_spacing_ms = (store.backend() == Backend::Postgres).then(|| {
            let aim = i64::from(limits.messages_per_sec_overall.max(1));
            (1000 / (aim - aim / 7).max(1)).max(1)
        });
        Self {
            bot,
            pacer: Arc::new(Mutex::new(Pacer::new(limits))),
            shared_spacing_ms,
            in_hand: InHand::default(),
            store,
            clock,
            templates,
            quiet,
            fault_hook: None,
        }
    }

    /// One pass: claims due messages and sends them one at a time, recording each outcome before the next
    /// goes, so a crash can leave at most one message sent but not marked sent (it goes again on restart).
    /// Chats take turns, message by message, and a chat that must wait (Telegram allows one message a
    /// second to a chat) lets the others go first. Returns how many were claimed.
    pub async fn deliver_due(&self) -> StoreResult<usize> {
        let now = self.clock.now().timestamp();
        let claimed = {
            let mut conn = self.store.connection().await?;
            outbox::claim_due(&mut conn, self.store.copy_id(), now, LEASE_SECONDS, BATCH, PER_CHAT).await?
        };
        let count = claimed.len();
        // Whatever this pass leaves claimed (an error cut it short) runs out and comes back.
        let _held = self.in_hand.hold(claimed.iter().map(|message| message.id));
        let mut by_chat: BTreeMap<i64, VecDeque<Claimed>> = BTreeMap::new();
        for message in claimed {
            by_chat.entry(message.chat_id).or_default().push_back(message);
        }
        while !by_chat.is_empty() {
            let mut soonest: Option<Instant> = None;
            let mut progressed = false;
            for (chat, queue) in by_chat.iter_mut() {
                let ready = self.pacer().ready_at(*chat, Instant::now());
                if ready > Instant::now() {
                    soonest = Some(soonest.map_or(ready, |s| s.min(ready)));
                    continue;
                }
                progressed = true;
                let Some(message) = queue.pop_front() else { continue };
                if let Some(retry_at) = self.deliver_one(message).await? {
                    // Later messages to the same person wait behind the one being retried, so they arrive in order.
                    let mut conn = self.store.connection().await?;
                    for later in queue.drain(..) {
                        outbox::release(&mut conn, later.id, retry_at).await?;
                    }
                }
            }
            by_chat.retain(|_, queue| !queue.is_empty());
            let Some(ready) = soonest.filter(|_| !progressed) else { continue };
            // Every chat left must wait. A short wait (the per-second limits) is slept here; a longer
            // one (20 a minute to one chat, a 429) hands the rest back so new messages to others go.
            let wait = ready.saturating_duration_since(Instant::now());
            if wait <= PASS_WAITS_UP_TO {
                tokio::time::sleep_until(ready).await;
                continue;
            }
            let mut conn = self.store.connection().await?;
            for (chat, queue) in std::mem::take(&mut by_chat) {
                let wait = self.pacer().ready_at(chat, Instant::now()).saturating_duration_since(Instant::now());
                let due_at = self.clock.now().timestamp() + wait.as_secs() as i64 + 1;
                for message in queue {
                    outbox::postpone(&mut conn, message.id, due_at).await?;
                }
            }
        }
        Ok(count)
    }

    /// Telegram counts what the last run sent as well, and the pacer's memory of it died with that run:
    /// if it sent anything in the last second, nothing goes until a second has passed.
    pub async fn pace_after_restart(&self) -> StoreResult<()> {
        let last = {
            let mut conn = self.store.connection().await?;
            outbox::last_sent_at(&mut conn).await?
        };
        if last.is_some_and(|last| last >= self.clock.now().timestamp() - 1) {
            self.pacer().freeze_until(Instant::now() + std::time::Duration::from_secs(1));
        }
        Ok(())
    }

    async fn still_stands(&self, outbox_id: i64) -> StoreResult<bool> {
        let mut conn = self.store.connection().await?;
        outbox::still_claimed(&mut conn, outbox_id, self.store.copy_id()).await
    }

    fn pacer(&self) -> std::sync::MutexGuard<'_, Pacer> {
        self.pacer.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sends one claimed message and records how it went. Returns when it is due again if it will be retried.
    async fn deliver_one(&self, message: Claimed) -> StoreResult<Option<i64>> {
        if self.hold_back_reminder(&message).await? {
            return Ok(None);
        }
        let (outcome, is_message) = match serde_json::from_str::<Outgoing>(&message.payload) {
            Ok(outgoing) => {
                let is_message =
                    matches!(outgoing, Outgoing::Message { .. } | Outgoing::Document { .. } | Outgoing::Photo { .. });
                // A panic while sending is our fault, and would come again: the message is given up
                // and a person told, and the sender goes on with the others.
                let sent = AssertUnwindSafe(async {
                    if let Some(hook) = &self.fault_hook {
                        hook.at(FaultSite::Send { chat_id: message.chat_id });
                    }
                    self.send(&message, outgoing).await
                });
                let outcome = sent.catch_unwind().await.unwrap_or_else(|_| {
                    tracing::error!(outbox_id = message.id, "sending a message panicked; given up");
                    SendOutcome::Refused { error: "sending it panicked".into() }
                });
                (outcome, is_message)
            }
            Err(e) => (SendOutcome::Refused { error: format!("unreadable outbox payload: {e}") }, false),
        };
        let retry_at = match &outcome {
            SendOutcome::Retry { after, .. } if message.attempts < MAX_ATTEMPTS => {
                Some((self.clock.now() + *after).timestamp())
            }
            _ => None,
        };
        self.record(&message, outcome, is_message).await?;
        Ok(retry_at)
    }

    /// A message about an appointment (a reminder) is checked again just before it goes: not once the
    /// appointment was skipped, moved, cancelled or has started, and never in quiet hours (it waits for them
    /// to end if that is still in time). Returns whether it was held back.
    async fn hold_back_reminder(&self, message: &Claimed) -> StoreResult<bool> {
        let Some(occurrence_id) = message.occurrence_id else { return Ok(false) };
        let now = self.clock.now();
        let occurrence = {
            let mut conn = self.store.connection().await?;
            appointments::find_occurrence(&mut conn, occurrence_id).await?
        };
        let stale = occurrence
            .as_ref()
            .is_none_or(|o| o.state != appointments::OccurrenceState::Scheduled || o.starts_at <= now.timestamp());
        if stale {
            let mut conn = self.store.connection().await?;
            outbox::mark_finished_unsent(
                &mut conn,
                message.id,
                "failed",
                "appointment changed or started",
                now.timestamp(),
            )
            .await?;
            return Ok(true);
        }
        let Some(quiet_end) = quiet_period_end(self.quiet.time_zone, self.quiet.hours, now) else { return Ok(false) };
        if occurrence.is_some_and(|o| quiet_end.timestamp() < o.starts_at) {
            let mut conn = self.store.connection().await?;
            outbox::release(&mut conn, message.id, quiet_end.timestamp()).await?;
        } else {
            tracing::warn!(outbox_id = message.id, "reminder could not go before quiet hours; given up");
            self.give_up(message, "failed", "quiet hours until the appointment", Some("staff-message-failed")).await?;
        }
        Ok(true)
    }

    /// Sends at the pace Telegram allows. A 429 pauses all sending for its `retry_after`; a short one is
    /// waited out here and the message tried again at once, as Telegram asks, rather than backed off.
    /// Just before it goes, the message is checked to still stand (claimed by this copy): what was
    /// erased or withdrawn while it waited for its turn does not go.
    async fn send(&self, message: &Claimed, outgoing: Outgoing) -> SendOutcome {
        let (chat_id, attempts) = (message.chat_id, message.attempts);
        let mut waited_out = 0;
        loop {
            let ready = self.pacer().ready_at(chat_id, Instant::now());
            tokio::time::sleep_until(ready).await;
            self.take_shared_turn().await;
            match self.still_stands(message.id).await {
                Ok(true) => {}
                Ok(false) => return SendOutcome::Withdrawn,
                Err(error) => return SendOutcome::Retry { after: Duration::seconds(5), error: error.to_string() },
            }
            self.pacer().sent(chat_id, Instant::now());
            let error = match self.request(chat_id, outgoing.clone()).await {
                Ok(message_id) => return SendOutcome::Sent { message_id },
                Err(error) => error,
            };
            if let RequestError::RetryAfter(seconds) = &error {
                self.pacer().freeze_until(Instant::now() + seconds.duration());
                self.hold_every_copy(seconds.duration()).await;
                if waited_out < WAIT_OUT_429S && seconds.duration() <= WAIT_OUT_429_UP_TO {
                    waited_out += 1;
                    continue;
                }
            }
            return classify(&error, attempts);
        }
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

    async fn request(&self, chat_id: i64, outgoing: Outgoing) -> Result<Option<i64>, RequestError> {
        let chat = ChatId(chat_id);
        match outgoing {
            Outgoing::Message { html, buttons } => {
                let mut request = self.bot.send_message(chat, html).parse_mode(ParseMode::Html);
                if !buttons.is_empty() {
                    request = request.reply_markup(keyboard(buttons));
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
                request.await.map(|m| Some(i64::from(m.id.0)))
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

    /// `is_message`: a lost message matters to someone; a lost menu update or edit does not need a worker.
    async fn record(&self, message: &Claimed, outcome: SendOutcome, is_message: bool) -> StoreResult<()> {
        let now = self.clock.now();
        match outcome {
            SendOutcome::Sent { message_id } => {
                let mut conn = self.store.connection().await?;
                outbox::mark_sent(&mut conn, message.id, message_id, now.timestamp()).await
            }
            SendOutcome::Retry { after, error } if message.attempts < MAX_ATTEMPTS => {
                tracing::warn!(outbox_id = message.id, attempts = message.attempts, %error, "send failed, will retry");
                let mut conn = self.store.connection().await?;
                outbox::retry_later(&mut conn, message.id, (now + after).timestamp(), &error).await
            }
            SendOutcome::Retry { error, .. } | SendOutcome::Refused { error } => {
                tracing::error!(outbox_id = message.id, attempts = message.attempts, %error, "message given up");
                let report = is_message.then_some("staff-message-failed");
                self.give_up(message, "failed", &error, report).await
            }
            SendOutcome::Unreachable { reason } => {
                tracing::warn!(outbox_id = message.id, %reason, "recipient unreachable");
                self.give_up(message, "unreachable", &reason, Some("staff-child-unreachable")).await
            }
            SendOutcome::Withdrawn => {
                tracing::info!(outbox_id = message.id, "message withdrawn before it went");
                Ok(())
            }
        }
    }

    /// Closes a message that will not go, and tells the child's worker (with `worker_key`) so someone can act.
    async fn give_up(
        &self,
        message: &Claimed,
        state: &str,
        error: &str,
        worker_key: Option<&'static str>,
    ) -> StoreResult<()> {
        let now = self.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        outbox::mark_finished_unsent(&mut tx, message.id, state, error, now).await?;
        let recipient = match message.person_id {
            Some(id) => people::find_by_id(&mut tx, id).await?,
            None => None,
        };
        let role = recipient.as_ref().map(|p| p.role);
        if let (Some(person), Some(_)) = (recipient.as_ref().filter(|p| p.role != Role::Child), worker_key) {
            // Carers and staff: someone else must hear, about them rather than about a child.
            let newly = state != "unreachable" || people::mark_unreachable(&mut tx, person.id, error, now).await?;
            let mut mail = Mail::default();
            if newly {
                reachability::tell_about_adult(&mut tx, person, &mut mail).await?;
            }
            queue_mail(&mut tx, &self.templates, self.quiet, mail, now).await?;
        } else if let (Some(person_id), Some(worker_key), Some(Role::Child) | None) =
            (message.person_id, worker_key, role)
        {
            // A message about an appointment (a reminder) names the appointment at stake.
            let occurrence = match message.occurrence_id {
                Some(id) if state == "unreachable" => {
                    appointments::mark_unreachable(&mut tx, id, now).await?;
                    appointments::find_occurrence(&mut tx, id).await?
                }
                _ => None,
            };
            let time_zone = self.quiet.time_zone;
            let notice = move |person: &Person| match occurrence {
                Some(occurrence) => Text::new("staff-child-unreachable-appointment")
                    .arg("name", person.name.as_str())
                    .arg("when", wording::when_exact(time_zone, occurrence.starts_at)),
                None => Text::new(worker_key).arg("name", person.name.as_str()),
            };
            let mail = if state == "unreachable" {
                record_unreachable(&mut tx, person_id, error, now, notice).await?
            } else {
                let mut mail = Mail::default();
                tell_worker(&mut tx, person_id, notice, &mut mail).await?;
                mail
            };
            queue_mail(&mut tx, &self.templates, self.quiet, mail, now).await?;
        }
        tx.commit().await?;
        Ok(())
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
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_after(1), Duration::seconds(5));
        assert_eq!(backoff_after(2), Duration::seconds(10));
        assert_eq!(backoff_after(4), Duration::seconds(40));
        assert_eq!(backoff_after(9), Duration::minutes(15));
        assert_eq!(backoff_after(100), Duration::minutes(15));
        assert_eq!(backoff_after(0), Duration::seconds(5));
    }

    #[test]
    fn blocked_and_missing_chats_are_unreachable_not_retried() {
        assert!(matches!(classify(&RequestError::Api(ApiError::BotBlocked), 1), SendOutcome::Unreachable { .. }));
        assert!(matches!(classify(&RequestError::Api(ApiError::ChatNotFound), 1), SendOutcome::Unreachable { .. }));
        assert!(matches!(classify(&RequestError::Api(ApiError::UserDeactivated), 1), SendOutcome::Unreachable { .. }));
    }

    #[test]
    fn server_trouble_is_retried_and_bad_requests_are_not() {
        let server = RequestError::Api(ApiError::Unknown("Internal Server Error".into()));
        assert!(matches!(classify(&server, 1), SendOutcome::Retry { .. }));
        let bad = RequestError::Api(ApiError::Unknown("Bad Request: can't parse entities: x".into()));
        assert!(matches!(classify(&bad, 1), SendOutcome::Refused { .. }));
        assert_eq!(
            classify(&RequestError::Api(ApiError::MessageNotModified), 1),
            SendOutcome::Sent { message_id: None }
        );
    }
}
