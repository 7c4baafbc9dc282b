//! The one path every message takes out, whatever the channel: claimed from the outbox (what someone
//! is waiting for first), several in flight at once but never two to one chat, each outcome committed
//! before that chat's next message goes, given up only when it no longer matters, and a person told.
//!
//! A channel (Telegram today) keeps its own limits and says how each attempt ended; this module decides
//! what that means for the message: sent, tried again, put back without using anything up, or given up.

pub mod claims;

use crate::domain::ids::{OutboxId, PersonId};
use std::collections::BTreeMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Duration, Utc};
use futures::FutureExt;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::delivery::claims::{Held, InHand};
use crate::domain::people::Role;
use crate::domain::people::{ChannelKind, Language};
use crate::domain::reminders::QuietTime;
use crate::domain::reminders::quiet_period_end;
use crate::store::outbox::{self, Claimed};
use crate::store::people::{self, Person};
use crate::store::{Store, StoreResult, appointments, carers};
use crate::templates::{Templates, Text};
use crate::usecase::context::{FaultHook, FaultSite};
use crate::usecase::mail::{Mail, Said, queue_mail};
use crate::usecase::reach::{self, record_unreachable};
use crate::usecase::wording;

/// How long a claimed message is ours unless renewed; the app renews its claims every few seconds, so
/// the claims of a copy killed mid-send run out within this.
pub const LEASE_SECONDS: i64 = 30;

/// Messages in flight at once, at most one per chat. Telegram takes about 30 a second; to keep that
/// pace each request's round trip (50–100 ms to Telegram, 400 ms on a bad day) must overlap with
/// others': 30/s × 0.4 s = 12. More would only wait in the pacer, holding claims; and a crash repeats
/// at most this many messages (one per chat that had one in flight).
pub const IN_FLIGHT: usize = 12;

/// A message that is not a reminder is given up this long after it was queued, if it never went.
pub const GIVE_UP_AFTER_HOURS: i64 = 24;

/// A message that waited longer than this for its turn is checked again before it goes.
const RECHECK_AFTER_WAITING: std::time::Duration = std::time::Duration::from_millis(900);

/// Give-ups are reported together: at the end of a round of sending, or once this many are waiting.
/// A report queued while the channel is failing waits in the outbox like any other message, and is
/// not itself reported if it is lost.
const LOSSES_PER_REPORT: usize = 50;

/// How one attempt ended, in the channel's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    /// Delivered; `message_id` is the channel's number for it in the chat, if it has one (to edit it).
    Sent { message_id: Option<i64> },
    /// The channel took the message and will say later whether it was delivered (a text message):
    /// `reference` is its id for it, to follow.
    Accepted { reference: String },
    /// The channel is failing (the network, a timeout, the service's 5xx, an answer it could not read):
    /// sending pauses and probes, and the message goes when the channel answers again. Uses nothing up.
    Unavailable { error: String },
    /// Not now: the channel asked for a pause (Telegram's 429) longer than is worth waiting in place,
    /// or sending is paused. The message goes back, due after `after`, without counting as an attempt.
    Later { after: Duration, why: String },
    /// The person blocked the bot, deleted their account or never started a chat.
    Unreachable { reason: String },
    /// The channel refused the request itself; trying again would fail the same way.
    Refused { error: String },
    /// The message no longer stood when its turn came (its child erased, its reader's access ended):
    /// nothing was sent, and there is nothing to record.
    Withdrawn,
}

/// What a channel makes of an outbox row when its turn comes.
#[derive(Debug)]
pub enum Rendering<R> {
    /// Ready to send.
    Send(R),
    /// Nothing to send on this channel (an edit, where messages cannot be edited): the row is closed
    /// quietly, and no one is told.
    Nothing { why: String },
}

/// A way to reach people. It renders what the outbox says in its own form, keeps its own limits (and
/// pause, when it asks for one), sends, and says how each attempt ended. Claims, leases, priority,
/// retries, the pause while it fails and give-up reports are the sender's, the same for every channel.
pub trait Channel: Send + Sync + 'static {
    /// The outbox rows this channel sends.
    const KIND: ChannelKind;

    /// A message in the channel's own form, ready for its API.
    type Rendered: Send + 'static;

    /// Renders what a row says in `language`, when it goes (so a message moved to this channel from
    /// another is rendered for this one). `Err` if it cannot be read: the message is given up.
    fn render(
        &self,
        templates: &Templates,
        language: Language,
        said: Said,
    ) -> Result<Rendering<Self::Rendered>, String>;

    /// Waits until a message to `chat` may go by the channel's limits, and takes its place; a message
    /// someone is waiting for (`urgent`) goes ahead of bulk waiting for a place. `Err(wait)` if that is
    /// further off than is worth waiting in place (the message goes back for that long).
    fn take_turn(&self, chat: i64, urgent: bool) -> impl Future<Output = Result<(), std::time::Duration>> + Send;

    /// One attempt at sending `rendered` as `message` (to its chat, whose turn was taken). The message's
    /// id is a reference the channel may give the service, to look the attempt up by later.
    fn send(&self, message: &Claimed, rendered: Self::Rendered) -> impl Future<Output = SendOutcome> + Send;

    /// Asked before a message goes again after an attempt whose outcome is unknown (a crash mid-send, a
    /// timeout): how that attempt ended, if the channel can say (`Sent` or `Accepted`: it is not sent
    /// twice). `None`, the default, when it cannot tell or it did not get through: the message goes.
    fn was_sent(&self, message: &Claimed) -> impl Future<Output = Option<SendOutcome>> + Send {
        let _ = message;
        std::future::ready(None)
    }
}

/// 5 s, 10 s, 20 s ... capped at 15 minutes: how long a message waits after its `attempts`-th try failed.
pub fn backoff_after(attempts: i64) -> Duration {
    let exponent = attempts.clamp(1, 20) as u32 - 1;
    Duration::seconds((5_i64 << exponent.min(10)).min(15 * 60))
}

/// While a channel is failing: 1 s, 2 s, 4 s ... capped at a minute between probes.
pub fn probe_after(failures: u32) -> Duration {
    let exponent = failures.clamp(1, 7) - 1;
    Duration::seconds((1_i64 << exponent).min(60))
}

/// A channel that stopped answering. While `until` is ahead nothing is sent; after it, one message at a
/// time (a probe) until one goes. Kept on the app's clock, so tests can run an outage of hours.
#[derive(Debug, Default, Clone, Copy)]
struct Outage {
    failures: u32,
    until: Option<DateTime<Utc>>,
}

/// How many more messages may be claimed now.
fn room(outage: Outage, now: DateTime<Utc>, in_flight: usize) -> usize {
    match outage.until {
        None => IN_FLIGHT.saturating_sub(in_flight),
        Some(until) if until > now => 0,
        // Probing: one message alone shows whether the channel answers again.
        Some(_) => usize::from(in_flight == 0),
    }
}

/// A message that will not go, waiting to be recorded and reported with others.
struct Loss {
    message: Claimed,
    error: String,
    /// Whether its reader would have missed something (not a menu update or an edit).
    is_message: bool,
    /// Keeps the claim renewed until the loss is recorded.
    _held: Held<OutboxId>,
}

/// Sends what is due from the outbox through `C` and records each outcome.
pub struct Sender<C> {
    channel: Arc<C>,
    /// The messages being sent, and those given up but not yet recorded: their leases are renewed.
    pub in_hand: InHand<OutboxId>,
    store: Store,
    clock: Arc<dyn Clock>,
    templates: Arc<Templates>,
    quiet: QuietTime,
    outage: Arc<Mutex<Outage>>,
    losses: Arc<Mutex<Vec<Loss>>>,
    pub fault_hook: Option<FaultHook>,
    /// Rung when new mail is queued: a round of sending under way claims it at once.
    pub mail_queued: Option<Arc<Notify>>,
    /// Texts are on: a child Telegram refuses for good who has a mobile number goes on by text.
    pub texts_on: bool,
}

impl<C> Clone for Sender<C> {
    fn clone(&self) -> Self {
        Self {
            channel: self.channel.clone(),
            in_hand: self.in_hand.clone(),
            store: self.store.clone(),
            clock: self.clock.clone(),
            templates: self.templates.clone(),
            quiet: self.quiet,
            outage: self.outage.clone(),
            losses: self.losses.clone(),
            fault_hook: self.fault_hook.clone(),
            mail_queued: self.mail_queued.clone(),
            texts_on: self.texts_on,
        }
    }
}

impl<C: Channel> Sender<C> {
    pub fn new(channel: C, store: Store, clock: Arc<dyn Clock>, templates: Arc<Templates>, quiet: QuietTime) -> Self {
        Self {
            channel: Arc::new(channel),
            in_hand: InHand::default(),
            store,
            clock,
            templates,
            quiet,
            outage: Default::default(),
            losses: Default::default(),
            fault_hook: None,
            mail_queued: None,
            texts_on: false,
        }
    }

    /// Sends until nothing more is due, keeping up to [`IN_FLIGHT`] messages on their way, each to a
    /// different chat. A message is in flight until its outcome is committed; as each finishes, more are
    /// claimed (what someone is waiting for first), so a reply queued meanwhile does not wait for the
    /// round to end. Returns how many were claimed.
    pub async fn deliver_due(&self) -> StoreResult<usize> {
        self.deliver_due_until(&CancellationToken::new()).await
    }

    /// [`Sender::deliver_due`], claiming nothing more once `stop` is cancelled (what is in flight
    /// finishes and is recorded).
    pub async fn deliver_due_until(&self, stop: &CancellationToken) -> StoreResult<usize> {
        // Each message is a task of its own, so those in flight go on (and give back their database
        // connections) while this loop claims more or reports losses.
        let mut in_flight = tokio::task::JoinSet::new();
        let mut claimed_count = 0;
        let mut first_error = None;
        let mut mail_came = false;
        loop {
            let room = room(self.outage(), self.clock.now(), in_flight.len());
            // Claims come in handfuls rather than one by one (each claim reads the queue), unless new
            // mail came: someone may be waiting for it. After a database error, what is in flight
            // finishes and the error is returned.
            let worth_claiming =
                in_flight.is_empty() || room >= IN_FLIGHT / 2 || mail_came || self.outage().until.is_some();
            if first_error.is_none() && room > 0 && worth_claiming && !stop.is_cancelled() {
                mail_came = false;
                match self.claim(room).await {
                    Ok(claimed) => {
                        claimed_count += claimed.len();
                        for message in claimed {
                            let sender = self.clone();
                            in_flight.spawn(async move { sender.deliver_one(message).await });
                        }
                    }
                    Err(error) => first_error = Some(error),
                }
            }
            // A finished message may free its chat's next one: the loop claims again.
            let done = match &self.mail_queued {
                Some(queued) if !in_flight.is_empty() => tokio::select! {
                    done = in_flight.join_next() => done,
                    _ = queued.notified() => {
                        mail_came = true;
                        continue;
                    }
                },
                _ => in_flight.join_next().await,
            };
            let Some(done) = done else { break };
            match done {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    tracing::error!(%error, "recording a message's outcome failed; its lease will bring it back");
                    first_error.get_or_insert(error);
                }
                Err(error) => tracing::error!(%error, "a message's task ended badly; its lease will bring it back"),
            }
            if self.losses().len() >= LOSSES_PER_REPORT
                && let Err(error) = self.report_losses().await
            {
                first_error.get_or_insert(error);
            }
        }
        if let Err(error) = self.report_losses().await {
            first_error.get_or_insert(error);
        }
        first_error.map_or(Ok(claimed_count), Err)
    }

    /// When sending resumes after the channel stopped answering; `None` while it is not paused.
    pub fn paused_until(&self) -> Option<DateTime<Utc>> {
        self.outage().until.filter(|until| *until > self.clock.now())
    }

    async fn claim(&self, room: usize) -> StoreResult<Vec<Claimed>> {
        let now = self.clock.now().timestamp();
        let mut conn = self.store.writer().await?;
        if self.outage().until.is_some() {
            return outbox::claim_probe(&mut conn, C::KIND, self.store.copy_id(), now, LEASE_SECONDS).await;
        }
        outbox::claim_due(&mut conn, C::KIND, self.store.copy_id(), now, LEASE_SECONDS, room as i64).await
    }

    fn outage(&self) -> Outage {
        *lock(&self.outage)
    }

    fn losses(&self) -> MutexGuard<'_, Vec<Loss>> {
        lock(&self.losses)
    }

    /// Sends one claimed message and records how it went.
    async fn deliver_one(&self, message: Claimed) -> StoreResult<()> {
        let held = self.in_hand.hold([message.id]);
        let said = Said::read(&message.payload);
        let is_message = said.as_ref().is_ok_and(Said::matters_if_lost);
        if let Some(why) = self.hold_back(&message).await? {
            if let Some(error) = why {
                self.lose(message, error, is_message, held);
            }
            return Ok(());
        }
        if message.outcome_unknown
            && let Some(outcome) = self.channel.was_sent(&message).await
        {
            tracing::info!(outbox_id = %message.id, "an earlier attempt got through; not sent again");
            return self.record(message, outcome, is_message, held).await;
        }
        let rendered = said
            .map_err(|e| format!("unreadable outbox payload: {e}"))
            .and_then(|said| self.channel.render(&self.templates, message.language, said));
        let outcome = match rendered {
            Ok(Rendering::Send(rendered)) => {
                // A panic while sending is our fault, and would come again: the message is given up
                // and a person told, and the sender goes on with the others.
                let sent = AssertUnwindSafe(async {
                    if let Some(hook) = &self.fault_hook {
                        hook.at(FaultSite::Send { chat_id: message.chat_id });
                    }
                    self.attempt(&message, rendered).await
                });
                sent.catch_unwind().await.unwrap_or_else(|_| {
                    tracing::error!(outbox_id = %message.id, "sending a message panicked; given up");
                    SendOutcome::Refused { error: "sending it panicked".into() }
                })
            }
            Ok(Rendering::Nothing { why }) => {
                tracing::debug!(outbox_id = %message.id, %why, "nothing to send on this channel");
                let mut conn = self.store.writer().await?;
                let now = self.clock.now().timestamp();
                return outbox::mark_finished_unsent(&mut conn, message.id, outbox::Unsent::Failed, &why, now).await;
            }
            Err(error) => SendOutcome::Refused { error },
        };
        self.record(message, outcome, is_message, held).await
    }

    /// Checks the message still stands (claimed by this copy: what was erased or withdrawn while it
    /// waited in the queue does not go), then waits for the channel's turn and sends at once: a
    /// database query between the turn and the request would make the requests' spacing uneven. A
    /// turn that took long (a chat at its limit) is followed by a second check.
    async fn attempt(&self, message: &Claimed, rendered: C::Rendered) -> SendOutcome {
        if let Some(outcome) = self.withdrawn_or_paused(message).await {
            return outcome;
        }
        let waiting = tokio::time::Instant::now();
        let urgent = message.priority == outbox::Priority::Person;
        if let Err(wait) = self.channel.take_turn(message.chat_id, urgent).await {
            let after = Duration::from_std(wait).unwrap_or(Duration::seconds(1)) + Duration::seconds(1);
            return SendOutcome::Later { after, why: "waiting for the channel's limit".into() };
        }
        if waiting.elapsed() > RECHECK_AFTER_WAITING
            && let Some(outcome) = self.withdrawn_or_paused(message).await
        {
            return outcome;
        }
        self.channel.send(message, rendered).await
    }

    /// Why `message` must not go now, if it must not: it no longer stands, or sending was paused.
    async fn withdrawn_or_paused(&self, message: &Claimed) -> Option<SendOutcome> {
        if let Some(until) = self.paused_until() {
            return Some(SendOutcome::Later { after: until - self.clock.now(), why: "sending is paused".into() });
        }
        let stands = async {
            let mut conn = self.store.connection().await?;
            outbox::still_claimed(&mut conn, message.id, self.store.copy_id()).await
        };
        match stands.await {
            Ok(true) => None,
            Ok(false) => Some(SendOutcome::Withdrawn),
            Err(error) => Some(SendOutcome::Later { after: Duration::seconds(5), why: error.to_string() }),
        }
    }

    /// Checked just before a message goes. A reminder does not go once its appointment was skipped,
    /// moved, cancelled or has started, nor in quiet hours (it waits for them to end if that is still
    /// in time); any other message is given up a day after it was queued. Returns `None` if the message
    /// may go, `Some(None)` if it was dropped or put back quietly, `Some(Some(why))` if it is lost and
    /// someone should be told.
    async fn hold_back(&self, message: &Claimed) -> StoreResult<Option<Option<String>>> {
        let now = self.clock.now();
        let Some(occurrence_id) = message.occurrence_id else {
            let too_old = message.created_at + GIVE_UP_AFTER_HOURS * 3600 <= now.timestamp();
            return Ok(too_old.then(|| Some(format!("not sent within {GIVE_UP_AFTER_HOURS} hours"))));
        };
        let occurrence = {
            let mut conn = self.store.connection().await?;
            appointments::find_occurrence(&mut conn, occurrence_id).await?
        };
        let changed = occurrence.as_ref().is_none_or(|o| o.state != appointments::OccurrenceState::Scheduled);
        let started = occurrence.as_ref().is_some_and(|o| o.starts_at <= now.timestamp());
        if changed || started {
            // A reminder that could not go before its appointment (the channel was down, or the bot)
            // is a loss the worker hears of; one overtaken by a change is not.
            if started && !changed {
                return Ok(Some(Some("not sent before the appointment".into())));
            }
            let mut conn = self.store.writer().await?;
            outbox::mark_finished_unsent(
                &mut conn,
                message.id,
                outbox::Unsent::Failed,
                "appointment changed",
                now.timestamp(),
            )
            .await?;
            return Ok(Some(None));
        }
        let Some(quiet_end) = quiet_period_end(self.quiet.time_zone, self.quiet.hours, now) else { return Ok(None) };
        if occurrence.is_some_and(|o| quiet_end.timestamp() < o.starts_at) {
            let mut conn = self.store.writer().await?;
            outbox::release(&mut conn, message.id, quiet_end.timestamp()).await?;
            return Ok(Some(None));
        }
        tracing::warn!(outbox_id = %message.id, "reminder could not go before quiet hours; given up");
        Ok(Some(Some("quiet hours until the appointment".into())))
    }

    /// `is_message`: a lost message matters to someone; a lost menu update or edit does not need a worker.
    async fn record(
        &self,
        message: Claimed,
        outcome: SendOutcome,
        is_message: bool,
        held: Held<OutboxId>,
    ) -> StoreResult<()> {
        let now = self.clock.now();
        match outcome {
            SendOutcome::Sent { message_id } => {
                {
                    let mut conn = self.store.writer().await?;
                    outbox::mark_sent(&mut conn, message.id, message_id, now.timestamp()).await?;
                }
                self.channel_answers().await
            }
            SendOutcome::Accepted { reference } => {
                {
                    let mut conn = self.store.writer().await?;
                    outbox::mark_accepted(&mut conn, message.id, &reference, now.timestamp()).await?;
                }
                self.channel_answers().await
            }
            SendOutcome::Unavailable { error } => {
                tracing::warn!(outbox_id = %message.id, attempts = message.attempts, %error, "channel failing; will retry");
                self.channel_fails(now);
                let due = (now + backoff_after(message.attempts)).timestamp();
                let mut conn = self.store.writer().await?;
                outbox::retry_later(&mut conn, message.id, due, &format!("{}{error}", outbox::UNAVAILABLE)).await
            }
            SendOutcome::Later { after, why } => {
                tracing::debug!(outbox_id = %message.id, %why, "message put back for later");
                let mut conn = self.store.writer().await?;
                outbox::postpone(&mut conn, message.id, (now + after.max(Duration::seconds(1))).timestamp()).await
            }
            SendOutcome::Refused { error } => {
                tracing::error!(outbox_id = %message.id, %error, "message given up");
                self.lose(message, error, is_message, held);
                Ok(())
            }
            SendOutcome::Unreachable { reason } => {
                tracing::warn!(outbox_id = %message.id, %reason, "recipient unreachable");
                self.give_up_unreachable(&message, &reason).await
            }
            SendOutcome::Withdrawn => {
                tracing::info!(outbox_id = %message.id, "message withdrawn before it went");
                Ok(())
            }
        }
    }

    /// The channel failed: nothing goes until a probe, a little later each time it fails again. Messages
    /// already on their way when the pause began do not lengthen it.
    fn channel_fails(&self, now: DateTime<Utc>) {
        let mut outage = lock(&self.outage);
        if outage.until.is_some_and(|until| until > now) {
            return;
        }
        outage.failures += 1;
        outage.until = Some(now + probe_after(outage.failures));
        tracing::warn!(failures = outage.failures, "the channel is not answering; sending paused");
    }

    /// A message went: if the channel had been failing, it is back, and what was put off for it is due.
    /// A single failure followed by a success elsewhere was more likely that one chat's trouble: its
    /// message keeps its backoff.
    async fn channel_answers(&self) -> StoreResult<()> {
        let outage = std::mem::take(&mut *lock(&self.outage));
        if outage.until.is_some() && outage.failures > 1 {
            tracing::info!("the channel answers again; sending resumes");
            let mut conn = self.store.writer().await?;
            outbox::bring_forward_unavailable(&mut conn, C::KIND, self.clock.now().timestamp()).await?;
        }
        Ok(())
    }

    fn lose(&self, message: Claimed, error: String, is_message: bool, held: Held<OutboxId>) {
        self.losses().push(Loss { message, error, is_message, _held: held });
    }

    /// Records every message given up since the last report, and tells, in one notice each, whoever
    /// should know: a child's or carer's worker, the managers (but no one about themselves) for staff.
    /// The notices are not reported in turn if they are lost.
    async fn report_losses(&self) -> StoreResult<()> {
        if self.losses().is_empty() {
            return Ok(());
        }
        self.gather_expired().await?;
        let losses = std::mem::take(&mut *self.losses());
        let now = self.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        // Who is told, and the names of those whose messages were lost.
        let mut tell: BTreeMap<PersonId, (Person, Vec<String>)> = BTreeMap::new();
        for loss in &losses {
            let message = &loss.message;
            outbox::mark_finished_unsent(&mut tx, message.id, outbox::Unsent::Failed, &loss.error, now).await?;
            if !loss.is_message || !message.report_loss {
                continue;
            }
            let Some(person) = (match message.person_id {
                Some(id) => people::find_by_id(&mut tx, id).await?,
                None => None,
            }) else {
                continue;
            };
            for told in who_hears_of_loss(&mut tx, &person).await? {
                let entry = tell.entry(told.id).or_insert_with(|| (told, Vec::new()));
                if !entry.1.contains(&person.name) {
                    entry.1.push(person.name.clone());
                }
            }
        }
        let mut mail = Mail::untold_if_lost();
        for (told, names) in tell.into_values() {
            let text = match names.as_slice() {
                [one] => Text::new("staff-message-failed").arg("name", one.as_str()),
                many => Text::new("staff-messages-failed").arg("names", many.join(", ")),
            };
            mail.send_to_person(&told, text);
        }
        queue_mail(&mut tx, self.quiet, mail, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every other waiting message that can no longer go joins the losses being reported, so they are
    /// reported together (those a long outage kept back, all at once).
    async fn gather_expired(&self) -> StoreResult<()> {
        let now = self.clock.now().timestamp();
        let expired = {
            let mut conn = self.store.writer().await?;
            let queued_before = now - GIVE_UP_AFTER_HOURS * 3600 + 1;
            outbox::claim_expired(&mut conn, C::KIND, self.store.copy_id(), now, LEASE_SECONDS, queued_before).await?
        };
        for message in expired {
            let held = self.in_hand.hold([message.id]);
            let is_message = Said::read(&message.payload).is_ok_and(|said| said.matters_if_lost());
            match self.hold_back(&message).await? {
                Some(Some(error)) => self.lose(message, error, is_message, held),
                Some(None) => {}
                // It may go after all: back in the queue, as it was.
                None => {
                    let mut conn = self.store.writer().await?;
                    outbox::release(&mut conn, message.id, now).await?;
                }
            }
        }
        Ok(())
    }

    /// Closes a message whose reader cannot be reached, marks them so, and tells the first time: a
    /// child's worker (naming the appointment a reminder was for), a carer's child's worker, or the
    /// managers about a member of staff.
    async fn give_up_unreachable(&self, message: &Claimed, reason: &str) -> StoreResult<()> {
        let now = self.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        let recipient = match message.person_id {
            Some(id) => people::find_by_id(&mut tx, id).await?,
            None => None,
        };
        // A child Telegram refused goes on by text, this message too, if they can.
        if let Some(child) = recipient.as_ref().filter(|_| C::KIND == ChannelKind::Telegram && self.texts_on)
            && let Some(mail) = reach::fall_back_to_texts(&mut tx, child, Some(message.id), now).await?
        {
            queue_mail(&mut tx, self.quiet, mail, now).await?;
            tx.commit().await?;
            return Ok(());
        }
        outbox::mark_finished_unsent(&mut tx, message.id, outbox::Unsent::Unreachable, reason, now).await?;
        let mut mail = Mail::default();
        match recipient {
            Some(adult) if adult.role != Role::Child => {
                // Told once: only the first message found undeliverable marks them.
                let newly = people::mark_unreachable(&mut tx, adult.id, reason, now).await?;
                if newly {
                    reach::tell_about_adult(&mut tx, &adult, &mut mail).await?;
                }
            }
            Some(child) => {
                let occurrence = match message.occurrence_id {
                    Some(id) => {
                        appointments::mark_unreachable(&mut tx, id, now).await?;
                        appointments::find_occurrence(&mut tx, id).await?
                    }
                    None => None,
                };
                let time_zone = self.quiet.time_zone;
                let notice = move |person: &Person| match occurrence {
                    Some(occurrence) => Text::new("staff-child-unreachable-appointment")
                        .arg("name", person.name.as_str())
                        .arg("when", wording::when_exact(time_zone, occurrence.starts_at)),
                    None => Text::new("staff-child-unreachable").arg("name", person.name.as_str()),
                };
                mail = record_unreachable(&mut tx, child.id, reason, now, notice).await?;
            }
            None => {}
        }
        queue_mail(&mut tx, self.quiet, mail, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Who hears that a message to `person` was lost: a child's worker; a carer's child's worker; for a
/// member of staff, every other active manager.
async fn who_hears_of_loss(conn: &mut crate::store::Connection, person: &Person) -> StoreResult<Vec<Person>> {
    let child_id = match person.role {
        Role::Child => Some(person.child_id()),
        Role::Carer => carers::child_of(conn, person.id).await?,
        Role::Manager | Role::Worker | Role::Host => {
            let managers = people::list_active_managers(conn).await?;
            return Ok(managers.into_iter().filter(|m| m.id != person.id).collect());
        }
    };
    let Some(child) = (match child_id {
        Some(id) => people::find_by_id(conn, id).await?,
        None => None,
    }) else {
        return Ok(Vec::new());
    };
    Ok(match child.worker_id {
        Some(worker_id) => people::find_by_id(conn, worker_id).await?.into_iter().collect(),
        None => Vec::new(),
    })
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
    fn probes_come_further_apart_up_to_a_minute() {
        let waits: Vec<i64> = (1..=9).map(|n| probe_after(n).num_seconds()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(probe_after(0), Duration::seconds(1));
    }

    #[test]
    fn a_failing_channel_takes_nothing_while_paused_then_one_probe_at_a_time() {
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        assert_eq!(room(Outage::default(), now, 0), IN_FLIGHT);
        assert_eq!(room(Outage::default(), now, 5), IN_FLIGHT - 5);
        assert_eq!(room(Outage::default(), now, IN_FLIGHT + 1), 0);
        let paused = Outage { failures: 1, until: Some(now + Duration::seconds(1)) };
        assert_eq!(room(paused, now, 0), 0);
        let probing = Outage { failures: 1, until: Some(now - Duration::seconds(1)) };
        assert_eq!(room(probing, now, 0), 1);
        assert_eq!(room(probing, now, 1), 0, "one probe at a time");
    }
}
