//! Wiring: `App::build` connects storage and Telegram; `run_until_stopped` runs polling, handling and sending.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use teloxide::prelude::*;
use teloxide::types::AllowedUpdate;
use teloxide::{ApiError, RequestError};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::clock::Clock;
use crate::config::{MissingSetting, NOTIFY_API_KEY, NOTIFY_KEY_EXAMPLE, Settings};
use crate::delivery::{Channel, Sender};
use crate::jobs::JobRunner;
use crate::notify::auth::ApiKey;
use crate::notify::channel::TextChannel;
use crate::notify::client::NotifyClient;
use crate::notify::received::{InboxError, TextInbox};
use crate::notify::statuses::{CHECKS_PER_MINUTE, StatusFollower};
use crate::store::{Store, StoreError, StoreResult, copies, inbox, jobs, outbox};
use crate::telegram::handler::Handler;
use crate::telegram::inbound::reduce;
use crate::telegram::pacing::TelegramLimits;
use crate::telegram::sending::TelegramChannel;
use crate::templates::{TemplateLoadError, Templates};
use crate::usecase::context::FaultHook;

/// Why the bot could not start. Each is one line a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    MissingSetting(#[from] MissingSetting),
    #[error("Telegram rejected TELOXIDE_TOKEN: check the token BotFather gave you")]
    TokenRejected,
    #[error("cannot reach the Telegram Bot API at {url}: {detail}")]
    TelegramUnreachable { url: String, detail: String },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Templates(#[from] TemplateLoadError),
    #[error("{NOTIFY_API_KEY} is not a Notify API key: {0}. Example: {NOTIFY_API_KEY}={NOTIFY_KEY_EXAMPLE}")]
    NotifyKey(String),
}

/// Knobs for tests and benchmarks; production uses the defaults.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Telegram's limits as the sender keeps them (see [`TelegramLimits::default`]).
    pub send_limits: TelegramLimits,
    /// The long-poll timeout for getUpdates, in seconds.
    pub poll_timeout_seconds: u32,
    /// Tests only: makes the app fail on purpose (see [`crate::usecase::context::FaultSite`]). `None` in the
    /// real binary.
    pub fault_hook: Option<FaultHook>,
}

impl Default for AppOptions {
    /// Telegram's limits as the sender keeps them. The long poll stays well inside teloxide's 17 s
    /// client timeout, which would otherwise cut every quiet poll short as an error.
    fn default() -> Self {
        Self { send_limits: TelegramLimits::default(), poll_timeout_seconds: 10, fault_hook: None }
    }
}

/// A Bot for the configured token and API address (not yet checked with Telegram).
pub fn make_bot(settings: &Settings) -> Result<Bot, MissingSetting> {
    let bot = Bot::new(settings.require_token()?);
    Ok(match &settings.api_url {
        Some(url) => bot.set_api_url(url.clone()),
        None => bot,
    })
}

/// Asks Telegram who we are; the username makes invite links.
pub async fn fetch_bot_username(bot: &Bot) -> Result<String, StartError> {
    match bot.get_me().await {
        Ok(me) => Ok(me.username.clone().unwrap_or_default()),
        Err(RequestError::Api(ApiError::InvalidToken)) => Err(StartError::TokenRejected),
        Err(error) => {
            Err(StartError::TelegramUnreachable { url: bot.api_url().to_string(), detail: error.to_string() })
        }
    }
}

#[derive(Clone)]
pub struct App {
    store: Store,
    bot: Bot,
    handler: Handler,
    sender: Sender<TelegramChannel>,
    /// Text messages, when a Notify key is set.
    texts: Option<Texts>,
    jobs: JobRunner,
    /// Rung when new mail is queued, so the sender does not wait for its next timer.
    mail_queued: Arc<Notify>,
    /// Rung when handling an update may have queued a job.
    jobs_queued: Arc<Notify>,
    /// Rung when the webhook stored a new update.
    updates_arrived: Arc<Notify>,
    poll_timeout_seconds: u32,
}

/// The text-message side: its own sender (a Notify outage never stops Telegram, nor the other way
/// round), the received texts, and how often they are read.
#[derive(Clone)]
struct Texts {
    sender: Sender<TextChannel>,
    inbox: TextInbox,
    statuses: StatusFollower,
    poll: StdDuration,
    /// Rung when new mail is queued, as `mail_queued` is for Telegram.
    queued: Arc<Notify>,
}

impl App {
    pub async fn build(settings: Settings, clock: Arc<dyn Clock>) -> Result<Self, StartError> {
        Self::build_with(settings, clock, AppOptions::default()).await
    }

    pub async fn build_with(
        settings: Settings,
        clock: Arc<dyn Clock>,
        options: AppOptions,
    ) -> Result<Self, StartError> {
        let bot = make_bot(&settings)?;
        let templates = Arc::new(Templates::load()?);
        let store = Store::open(&settings.database_url).await?;
        // An erasure whose clean-up a crash cut short is finished now.
        store.forget_erased().await?;
        let bot_username: Arc<str> = fetch_bot_username(&bot).await?.into();
        top_up_occurrences(&store, &settings, clock.as_ref()).await?;
        let telegram = TelegramChannel::new(bot.clone(), options.send_limits, store.clone(), clock.clone());
        telegram.pace_after_restart().await?;
        let mut sender = Sender::new(telegram, store.clone(), clock.clone(), templates.clone(), settings.quiet_time());
        sender.fault_hook = options.fault_hook.clone();
        let mail_queued = Arc::new(Notify::new());
        sender.mail_queued = Some(mail_queued.clone());
        let settings = Arc::new(settings);
        let texts = match &settings.notify {
            None => None,
            Some(notify) => {
                let key = ApiKey::parse(&notify.api_key).map_err(|error| StartError::NotifyKey(error.to_string()))?;
                let client = NotifyClient::new(notify.api_url.clone(), key, notify.sms_template.clone());
                let channel = TextChannel::new(client.clone(), store.clone(), clock.clone());
                let mut texts_sender =
                    Sender::new(channel, store.clone(), clock.clone(), templates.clone(), settings.quiet_time());
                // One set of claims in hand, renewed together.
                texts_sender.in_hand = sender.in_hand.clone();
                texts_sender.fault_hook = options.fault_hook.clone();
                sender.texts_on = true;
                let queued = Arc::new(Notify::new());
                texts_sender.mail_queued = Some(queued.clone());
                let statuses = StatusFollower {
                    client: client.clone(),
                    store: store.clone(),
                    clock: clock.clone(),
                    settings: settings.clone(),
                };
                let inbox =
                    TextInbox::new(client, store.clone(), clock.clone(), settings.clone(), bot_username.clone());
                Some(Texts { sender: texts_sender, inbox, statuses, poll: notify.poll, queued })
            }
        };
        let jobs = JobRunner {
            store: store.clone(),
            in_hand: Default::default(),
            settings: settings.clone(),
            clock: clock.clone(),
            templates: templates.clone(),
            fault_hook: options.fault_hook.clone(),
        };
        let handler = Handler {
            store: store.clone(),
            settings,
            clock,
            templates,
            bot_username,
            bot: bot.clone(),
            flood: Default::default(),
            tap_flood: Default::default(),
            tap_answers: Default::default(),
            fault_hook: options.fault_hook,
        };
        Ok(Self {
            store,
            bot,
            handler,
            sender,
            texts,
            jobs,
            mail_queued,
            jobs_queued: Arc::new(Notify::new()),
            updates_arrived: Arc::new(Notify::new()),
            poll_timeout_seconds: options.poll_timeout_seconds,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn bot_username(&self) -> &str {
        &self.handler.bot_username
    }

    /// One getUpdates call; new updates are stored (and so acknowledged on the next call). Returns how many.
    pub async fn poll_updates(&self, timeout_seconds: u32) -> Result<usize, PollError> {
        let offset = {
            let mut conn = self.store.connection().await?;
            inbox::updates_offset(&mut conn).await?
        };
        let mut request = self.bot.get_updates().timeout(timeout_seconds).allowed_updates(ALLOWED_UPDATES.to_vec());
        if offset > 0 {
            request = request.offset(i32::try_from(offset).unwrap_or(i32::MAX));
        }
        let updates = request.await?;
        if updates.is_empty() {
            return Ok(0);
        }
        // Updates the bot ignores (groups, edits) still move the offset on, but are not stored.
        let batch: Vec<(i64, Option<String>)> = updates
            .iter()
            .map(|update| {
                let payload =
                    reduce(update).map(|inbound| serde_json::to_string(&inbound).expect("inbound always serialises"));
                (i64::from(update.id.0), payload)
            })
            .collect();
        let now = self.handler.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        let saved = inbox::save_updates(&mut tx, &batch, now).await?;
        if let Err(error) = tx.commit().await {
            return Err(StoreError::from(error).into());
        }
        Ok(saved)
    }

    /// Handles every stored update. Returns how many.
    pub async fn handle_updates(&self) -> StoreResult<usize> {
        let handled = self.handler.handle_pending().await?;
        if handled > 0 {
            self.mail_came();
            self.jobs_queued.notify_one();
        }
        Ok(handled)
    }

    /// Sends everything due now, on Telegram and by text. Returns how many messages were attempted.
    pub async fn deliver_messages(&self) -> StoreResult<usize> {
        let telegram = self.sender.deliver_due().await?;
        let texts = match &self.texts {
            Some(texts) => texts.sender.deliver_due().await?,
            None => 0,
        };
        Ok(telegram + texts)
    }

    /// Reads texts received since the last read, and handles each, then checks the delivery of up to
    /// `status_budget` texts sent. Returns how many texts were handled or checked; none if texts are
    /// off. Notify not answering counts as no news (it is logged), as a failed poll of Telegram does.
    pub async fn read_texts(&self, status_budget: u64) -> StoreResult<usize> {
        let Some(texts) = &self.texts else { return Ok(0) };
        let read = match texts.inbox.read_new().await {
            Ok(handled) => handled,
            Err(InboxError::Store(error)) => return Err(error),
            Err(InboxError::Notify(error)) => {
                tracing::warn!(%error, "reading received texts failed");
                0
            }
        };
        let checked = match texts.statuses.check_due(status_budget).await {
            Ok(checked) => checked,
            Err(InboxError::Store(error)) => return Err(error),
            Err(InboxError::Notify(error)) => {
                tracing::warn!(%error, "checking texts' delivery failed");
                0
            }
        };
        if read + checked > 0 {
            self.mail_came();
            self.jobs_queued.notify_one();
        }
        Ok(read + checked)
    }

    /// New mail was queued: every sender looks.
    fn mail_came(&self) {
        self.mail_queued.notify_one();
        if let Some(texts) = &self.texts {
            texts.queued.notify_one();
        }
    }

    /// Runs every job due now (reminders and other timed work). Returns how many.
    pub async fn run_due_jobs(&self) -> StoreResult<usize> {
        self.jobs.run_due().await
    }

    /// Polls, handles, runs due jobs and sends until nothing is left to do: tests use it to step the bot
    /// without sleeping. A poll Telegram does not answer counts as no news, as in the poll loop.
    pub async fn settle(&self) -> Result<(), PollError> {
        loop {
            let polled = match self.poll_updates(0).await {
                Ok(polled) => polled,
                Err(PollError::Telegram(error)) => {
                    tracing::warn!(%error, "polling Telegram failed");
                    0
                }
                Err(error) => return Err(error),
            };
            let handled = self.handle_updates().await? + self.read_texts(CHECKS_PER_MINUTE).await?;
            let ran = self.run_due_jobs().await?;
            let sent = self.deliver_messages().await?;
            self.handler.tap_answers.finish().await;
            if polled == 0 && handled == 0 && ran == 0 && sent == 0 {
                return Ok(());
            }
        }
    }

    /// Runs the bot until `shutdown` completes. Work in hand is finished or left safely for the next start.
    /// If one of its loops ends before that (it never should), the bot stops and says so, rather than
    /// running half alive: its service manager can start it again.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()>) -> Result<(), RunError> {
        // A webhook left behind (a webhook-mode copy killed before it could delete it) would make
        // Telegram refuse every poll. Deleting it keeps the updates waiting there.
        if let Err(error) = self.bot.delete_webhook().await {
            tracing::warn!(%error, "could not make sure no webhook is set; polling may be refused");
        }
        let stop = CancellationToken::new();
        let mut loops = vec![
            ("polling loop", tokio::spawn(self.clone().poll_loop(stop.clone()))),
            ("sending loop", tokio::spawn(self.clone().send_loop(stop.clone()))),
            ("jobs loop", tokio::spawn(self.clone().jobs_loop(stop.clone()))),
            (KEEP_ALIVE_LOOP, tokio::spawn(self.clone().keep_alive_loop(stop.clone()))),
        ];
        loops.extend(self.texts_loops(&stop));
        tracing::info!(bot = %self.bot_username(), texts = self.texts.is_some(), "touchbase is running");
        let broken = until_stopped_or_broken(shutdown, &mut loops).await;
        tracing::info!("stopping");
        stop.cancel();
        if let Some(keeper) = take_loop(&mut loops, KEEP_ALIVE_LOOP) {
            let _ = keeper.await;
        }
        if let Err(error) = self.leave().await {
            tracing::warn!(%error, "could not record that this copy stopped");
        }
        self.wind_down(loops).await;
        broken.map_or(Ok(()), |name| Err(RunError::LoopEnded(name)))
    }

    /// Waits for the loops to finish what they have in hand, then closes the database.
    async fn wind_down(&self, loops: Vec<(&'static str, tokio::task::JoinHandle<()>)>) {
        for (name, task) in loops {
            if let Err(error) = task.await {
                tracing::error!(%error, "the {name} ended badly");
            }
        }
        self.handler.tap_answers.finish().await;
        self.store.close().await;
    }

    /// Webhook mode: registers `url` with Telegram (with the secret token every push must carry),
    /// serves pushes on `listener`, and runs until `shutdown` completes; then it deletes the webhook.
    pub async fn run_webhook_until_stopped(
        self,
        url: url::Url,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()>,
    ) -> Result<(), WebhookError> {
        let secret = crate::telegram::webhook::secret_for(self.handler.settings.require_token()?);
        let router = crate::telegram::webhook::router(
            url.path(),
            self.store.clone(),
            self.handler.clock.clone(),
            secret.clone(),
            self.updates_arrived.clone(),
        );
        // Seen running before the webhook is set, so that a copy stopping meanwhile (a rolling
        // restart) knows not to delete it.
        self.keep_alive(&mut None).await?;
        // One push at a time keeps updates in order, as polling does.
        self.bot
            .set_webhook(url)
            .secret_token(secret)
            .allowed_updates(ALLOWED_UPDATES.to_vec())
            .max_connections(1)
            .await?;
        let stop = CancellationToken::new();
        let server = {
            let stop = stop.clone();
            axum::serve(listener, router).with_graceful_shutdown(async move { stop.cancelled().await })
        };
        let server = tokio::spawn(async move {
            if let Err(error) = server.await {
                tracing::error!(%error, "the webhook server ended badly");
            }
        });
        let mut loops = vec![
            (WEBHOOK_SERVER, server),
            ("handling loop", tokio::spawn(self.clone().handle_loop(stop.clone()))),
            ("sending loop", tokio::spawn(self.clone().send_loop(stop.clone()))),
            ("jobs loop", tokio::spawn(self.clone().jobs_loop(stop.clone()))),
            (KEEP_ALIVE_LOOP, tokio::spawn(self.clone().keep_alive_loop(stop.clone()))),
        ];
        loops.extend(self.texts_loops(&stop));
        tracing::info!(bot = %self.bot_username(), texts = self.texts.is_some(), "touchbase is running (webhook)");
        let broken = until_stopped_or_broken(shutdown, &mut loops).await;
        tracing::info!("stopping");
        stop.cancel();
        // A push still being read may finish; a client that hangs is not waited for.
        if let Some(server) = take_loop(&mut loops, WEBHOOK_SERVER)
            && tokio::time::timeout(StdDuration::from_secs(10), server).await.is_err()
        {
            tracing::warn!("the webhook server did not stop within 10 s; leaving it");
        }
        if let Some(keeper) = take_loop(&mut loops, KEEP_ALIVE_LOOP) {
            let _ = keeper.await;
        }
        // The last copy to stop removes the webhook; while others run, Telegram keeps pushing to them.
        match self.leave().await {
            Ok(0) => {
                if let Err(error) = self.bot.delete_webhook().await {
                    tracing::warn!(%error, "could not delete the webhook; Telegram keeps pushing to it");
                }
            }
            Ok(others) => tracing::info!(others, "other copies run on; the webhook stays"),
            Err(error) => tracing::warn!(%error, "could not tell whether other copies run; the webhook stays"),
        }
        self.wind_down(loops).await;
        broken.map_or(Ok(()), |name| Err(WebhookError::LoopEnded(name)))
    }

    /// Webhook mode's counterpart of the poll loop: handles what the webhook stored, as it arrives.
    async fn handle_loop(self, stop: CancellationToken) {
        let mut topped_up = tokio::time::Instant::now();
        loop {
            self.top_up_hourly(&mut topped_up).await;
            if let Err(error) = self.handle_updates().await {
                tracing::error!(%error, "handling updates failed; will retry");
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = self.updates_arrived.notified() => {}
                _ = tokio::time::sleep(StdDuration::from_secs(5)) => {}
            }
        }
    }

    async fn top_up_hourly(&self, topped_up: &mut tokio::time::Instant) {
        if topped_up.elapsed() >= StdDuration::from_secs(3600) {
            *topped_up = tokio::time::Instant::now();
            if let Err(error) =
                top_up_occurrences(&self.store, &self.handler.settings, self.handler.clock.as_ref()).await
            {
                tracing::error!(%error, "topping up occurrences failed; will retry");
            }
        }
    }

    async fn poll_loop(self, stop: CancellationToken) {
        let mut failures = 0u32;
        let mut topped_up = tokio::time::Instant::now();
        loop {
            self.top_up_hourly(&mut topped_up).await;
            // Anything stored but not handled (after a crash, or a failure) goes first.
            if let Err(error) = self.handle_updates().await {
                tracing::error!(%error, "handling updates failed; will retry");
            }
            let polled = tokio::select! {
                _ = stop.cancelled() => return,
                polled = self.poll_updates(self.poll_timeout_seconds) => polled,
            };
            match polled {
                Ok(_) => failures = 0,
                Err(error) => {
                    failures += 1;
                    let wait = StdDuration::from_secs(u64::from(failures.min(6)) * 5);
                    tracing::warn!(%error, retry_in = ?wait, "polling Telegram failed");
                    tokio::select! {
                        _ = stop.cancelled() => return,
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    }

    /// The loops that send and read texts, when texts are on.
    fn texts_loops(&self, stop: &CancellationToken) -> Vec<(&'static str, tokio::task::JoinHandle<()>)> {
        let Some(texts) = self.texts.clone() else { return Vec::new() };
        let sending = self.clone().sending(texts.sender.clone(), texts.queued.clone(), stop.clone());
        vec![
            ("texts sending loop", tokio::spawn(sending)),
            ("texts reading loop", tokio::spawn(self.clone().read_texts_loop(texts.poll, stop.clone()))),
        ]
    }

    /// Reads received texts every `poll` (Notify cannot push to a bot with no public address).
    async fn read_texts_loop(self, poll: StdDuration, stop: CancellationToken) {
        // Status checks share out their minute's budget over the rounds in a minute.
        let budget = (CHECKS_PER_MINUTE * poll.as_secs() / 60).max(1);
        loop {
            if let Err(error) = self.read_texts(budget).await {
                tracing::error!(%error, "handling received texts failed; will retry");
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(poll) => {}
            }
        }
    }

    /// Sends Telegram messages as they come due.
    async fn send_loop(self, stop: CancellationToken) {
        let (sender, queued) = (self.sender.clone(), self.mail_queued.clone());
        self.sending(sender, queued, stop).await
    }

    /// Sends as messages come due on `sender`'s channel, several at once; stops claiming when told to
    /// stop, and finishes what is in flight.
    async fn sending<C: Channel>(self, sender: Sender<C>, queued: Arc<Notify>, stop: CancellationToken) {
        loop {
            let wait = match sender.deliver_due_until(&stop).await {
                Ok(0) => self.time_until_next_send(&sender).await,
                Ok(_) => StdDuration::ZERO,
                Err(error) => {
                    tracing::error!(%error, "sending failed; will retry");
                    StdDuration::from_secs(5)
                }
            };
            if stop.is_cancelled() {
                return;
            }
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = queued.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// Runs jobs (reminders and other timed work) as they come due, beside sending: a morning's
    /// reminders going out do not hold up the next job.
    async fn jobs_loop(self, stop: CancellationToken) {
        loop {
            let wait = match self.run_due_jobs().await {
                Ok(0) => self.time_until_next_job().await,
                Ok(_) => {
                    self.mail_came();
                    StdDuration::ZERO
                }
                Err(error) => {
                    tracing::error!(%error, "running jobs failed; will retry");
                    StdDuration::from_secs(5)
                }
            };
            if stop.is_cancelled() {
                return;
            }
            if wait.is_zero() {
                continue;
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = self.jobs_queued.notified() => {}
                _ = tokio::time::sleep(wait) => {}
            }
        }
    }

    /// Every few seconds: this copy is seen running, and the work it has in hand stays its own.
    async fn keep_alive_loop(self, stop: CancellationToken) {
        let mut own = None;
        loop {
            if let Err(error) = self.keep_alive(&mut own).await {
                // A new connection next time.
                own = None;
                tracing::warn!(%error, "could not renew this copy's claims; they may pass to another copy");
            }
            tokio::select! {
                _ = stop.cancelled() => return,
                _ = tokio::time::sleep(KEEP_ALIVE_EVERY) => {}
            }
        }
    }

    /// On PostgreSQL this goes through a connection of its own (`own`, made when missing), so it never
    /// waits behind the pool's users: a lease that ran out while this copy still holds the work would
    /// let another copy send it again.
    async fn keep_alive(&self, own: &mut Option<sqlx::AnyConnection>) -> StoreResult<()> {
        if own.is_none() {
            *own = self.store.dedicated_connection().await?;
        }
        let mut pooled;
        let conn = match own.as_mut() {
            Some(conn) => conn,
            None => {
                pooled = self.store.writer().await?;
                &mut *pooled
            }
        };
        let now = self.handler.clock.now().timestamp();
        let copy = self.store.copy_id();
        copies::seen(conn, copy, now).await?;
        let (message_ids, job_ids) = (self.sender.in_hand.ids(), self.jobs.in_hand.ids());
        outbox::renew_claims(conn, copy, &message_ids, now + crate::delivery::LEASE_SECONDS).await?;
        jobs::renew_claims(conn, copy, &job_ids, now + crate::jobs::LEASE_SECONDS).await?;
        Ok(())
    }

    /// This copy stops. Returns how many other copies still run.
    async fn leave(&self) -> StoreResult<i64> {
        let now = self.handler.clock.now().timestamp();
        let alive_since = now - 3 * KEEP_ALIVE_EVERY.as_secs() as i64;
        let mut conn = self.store.writer().await?;
        copies::leave(&mut conn, self.store.copy_id(), alive_since).await
    }

    /// How long to sleep until the next message is due (or sending resumes after an outage), but never
    /// long: mail queued elsewhere rings `mail_queued`.
    async fn time_until_next_send<C: Channel>(&self, sender: &Sender<C>) -> StdDuration {
        let now = self.handler.clock.now();
        if let Some(until) = sender.paused_until() {
            return (until - now).to_std().unwrap_or_default().clamp(StdDuration::from_millis(200), LONGEST_SLEEP);
        }
        let next = match self.store.connection().await {
            Ok(mut conn) => outbox::next_due_at(&mut conn, C::KIND, now.timestamp()).await.ok().flatten(),
            Err(_) => None,
        };
        until_due(next, now.timestamp())
    }

    /// How long to sleep until the next job is due, but never long: a job queued by handling an update
    /// rings `jobs_queued`.
    async fn time_until_next_job(&self) -> StdDuration {
        let next = self.jobs.next_due_at().await.ok().flatten();
        until_due(next, self.handler.clock.now().timestamp())
    }
}

const LONGEST_SLEEP: StdDuration = StdDuration::from_secs(30);

fn until_due(next: Option<i64>, now: i64) -> StdDuration {
    match next {
        Some(due) if due <= now => StdDuration::from_millis(200),
        Some(due) => StdDuration::from_secs((due - now) as u64).min(LONGEST_SLEEP),
        None => LONGEST_SLEEP,
    }
}

/// How long an update set aside is kept for someone to look at, in days.
const SET_ASIDE_KEPT_DAYS: i64 = 30;

const KEEP_ALIVE_LOOP: &str = "keep-alive loop";
const WEBHOOK_SERVER: &str = "webhook server";

/// The loop called `name`, taken out of `loops` (if it has not ended already).
fn take_loop(
    loops: &mut Vec<(&'static str, tokio::task::JoinHandle<()>)>,
    name: &str,
) -> Option<tokio::task::JoinHandle<()>> {
    let index = loops.iter().position(|(each, _)| *each == name)?;
    Some(loops.remove(index).1)
}

/// Waits for `shutdown`, or for one of `loops` to end first, which it never should (each returns only
/// when told to stop): then that loop is taken out of `loops` and named.
async fn until_stopped_or_broken(
    shutdown: impl Future<Output = ()>,
    loops: &mut Vec<(&'static str, tokio::task::JoinHandle<()>)>,
) -> Option<&'static str> {
    let ended = futures::future::select_all(loops.iter_mut().map(|(_, task)| task));
    tokio::select! {
        _ = shutdown => None,
        (result, index, _) = ended => {
            let (name, _) = loops.remove(index);
            match result {
                Ok(()) => tracing::error!("the {name} ended by itself; stopping the bot"),
                Err(error) => tracing::error!(%error, "the {name} ended badly; stopping the bot"),
            }
            Some(name)
        }
    }
}

/// Keeps a year of each running slot's occurrences as rows, so there is always something to remind about.
async fn top_up_occurrences(store: &Store, settings: &Settings, clock: &dyn Clock) -> StoreResult<()> {
    let now = clock.now();
    let today = now.with_timezone(&settings.time_zone).date_naive();
    let mut tx = store.begin().await?;
    crate::appointments::series::top_up_all(&mut tx, settings, today, now.timestamp()).await?;
    crate::figures::ensure_scheduled(&mut tx, settings, now).await?;
    crate::records::ensure_scheduled(&mut tx, settings, now).await?;
    tx.commit().await?;
    prune(store, now.timestamp()).await
}

/// How long records of what happened are kept once done with, in days (see the README's "Privacy").
const DELIVERY_RECORDS_KEPT_DAYS: i64 = 7;
const CHOICES_KEPT_DAYS: i64 = 30;
const STRANGERS_KEPT_DAYS: i64 = 30;

/// Records kept only for a while are pruned, hourly, each table in a transaction of its own.
async fn prune(store: &Store, now: i64) -> StoreResult<()> {
    let days = |n: i64| now - n * 24 * 3600;
    let mut conn = store.writer().await?;
    inbox::forget_handled_before(&mut conn, days(2)).await?;
    inbox::prune_set_aside_before(&mut conn, days(SET_ASIDE_KEPT_DAYS)).await?;
    crate::store::own_words::prune_passed_before(&mut conn, days(1)).await?;
    crate::store::outbox::prune_finished_before(&mut conn, days(DELIVERY_RECORDS_KEPT_DAYS)).await?;
    crate::store::jobs::prune_finished_before(&mut conn, days(DELIVERY_RECORDS_KEPT_DAYS)).await?;
    crate::store::choices::prune_offered_before(&mut conn, days(CHOICES_KEPT_DAYS)).await?;
    // A flow left a day is over (its buttons say so); its row, which may name a child, goes.
    crate::store::flows::prune_before(&mut conn, days(1)).await?;
    crate::store::people::prune_strangers_before(&mut conn, days(STRANGERS_KEPT_DAYS)).await?;
    // A number that is nobody's is kept no longer than a week; Notify serves texts for 7 days.
    crate::store::texts::prune(&mut conn, days(7), days(8)).await?;
    Ok(())
}

/// How often a running copy renews its claims (they last `LEASE_SECONDS`, 30 s) and says it is running.
const KEEP_ALIVE_EVERY: StdDuration = StdDuration::from_secs(10);

/// The updates the bot acts on; Telegram sends no others.
const ALLOWED_UPDATES: [AllowedUpdate; 3] =
    [AllowedUpdate::Message, AllowedUpdate::CallbackQuery, AllowedUpdate::MyChatMember];

/// Why the bot stopped running without being asked to.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the {0} ended unexpectedly, so the bot stopped; start it again (a service manager can)")]
    LoopEnded(&'static str),
}

#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("{0}")]
    Setting(#[from] MissingSetting),
    #[error("Telegram refused the webhook: {0}")]
    Telegram(#[from] RequestError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the {0} ended unexpectedly, so the bot stopped; start it again (a service manager can)")]
    LoopEnded(&'static str),
}

#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("Telegram: {0}")]
    Telegram(#[from] RequestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loops(second: impl Future<Output = ()> + Send + 'static) -> Vec<(&'static str, tokio::task::JoinHandle<()>)> {
        vec![("steady loop", tokio::spawn(std::future::pending())), ("second loop", tokio::spawn(second))]
    }

    #[tokio::test]
    async fn a_loop_that_ends_by_itself_stops_the_bot_and_is_named() {
        let mut broken = loops(async { panic!("a loop that panics, for the test") });
        assert_eq!(until_stopped_or_broken(std::future::pending(), &mut broken).await, Some("second loop"));
        assert_eq!(broken.len(), 1, "the ended loop is taken out; the others are left to wind down");
        let mut returned = loops(async {});
        assert_eq!(until_stopped_or_broken(std::future::pending(), &mut returned).await, Some("second loop"));
    }

    #[tokio::test]
    async fn a_shutdown_while_every_loop_runs_is_a_clean_stop() {
        let mut running = loops(std::future::pending());
        assert_eq!(until_stopped_or_broken(async {}, &mut running).await, None);
        assert_eq!(running.len(), 2);
    }
}
