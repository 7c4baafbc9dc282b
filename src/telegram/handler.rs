//! Handles stored updates one at a time: who is asking, may they, then the use case, all in one transaction.

use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures::FutureExt;
use teloxide::prelude::*;
use teloxide::types::CallbackQueryId;

use crate::appointments::own_words::{self, Said};
use crate::clock::Clock;
use crate::config::Settings;
use crate::conversation;
use crate::domain::flood::{FloodGuard, Verdict};
use crate::domain::people::{Language, Role};
use crate::domain::text::shortened;
use crate::people::onboarding;
use crate::store::inbox::{self, Failure, StoredUpdate};
use crate::store::people::{self, Person};
use crate::store::{Store, StoreResult};
use crate::telegram::commands::{CommandText, parse_command};
use crate::telegram::inbound::{Event, Inbound};
use crate::templates::{Templates, Text};
use crate::usecase::action::CallbackAction;
use crate::usecase::choices;
use crate::usecase::commands::CommandName;
use crate::usecase::context::{Context, FaultHook, FaultSite, UseCaseError, UseCaseResult, refuse};
use crate::usecase::mail::{Mail, Recipient, queue_mail};
use crate::usecase::reach::{self, named, record_unreachable};

/// An update that keeps failing is set aside after this many tries, with an apology to its sender.
const MAX_UPDATE_ATTEMPTS: i64 = 5;
/// Managers hear that updates are being set aside at most once in this long (seconds).
const SET_ASIDE_NOTICE_EVERY: i64 = 3600;

/// Telegram's limit on the text that answers a button tap.
const TAP_ANSWER_MAX_CHARS: usize = 200;

#[derive(Clone)]
pub struct Handler {
    pub store: Store,
    pub settings: Arc<Settings>,
    pub clock: Arc<dyn Clock>,
    pub templates: Arc<Templates>,
    pub bot_username: Arc<str>,
    /// Used only to answer button taps, which are not messages and cannot wait in the outbox.
    pub bot: Bot,
    /// Who has sent how many messages lately; in memory, as a restart ends any flood anyway.
    pub flood: Arc<Mutex<FloodGuard>>,
    /// The same for taps, counted apart.
    pub tap_flood: Arc<Mutex<FloodGuard>>,
    /// Answers to taps on their way.
    pub tap_answers: TapAnswers,
    pub fault_hook: Option<FaultHook>,
}

impl Handler {
    /// Handles every stored update, oldest first. Returns how many were handled.
    /// An update that fails, by an error or a panic, is counted and passed over for now, so it cannot
    /// hold up everyone else; after its last try it is set aside.
    pub async fn handle_pending(&self) -> StoreResult<usize> {
        let mut handled = 0;
        let mut after = -1;
        loop {
            let next = {
                let mut conn = self.store.connection().await?;
                inbox::next_update_after(&mut conn, after).await?
            };
            let Some(stored) = next else { return Ok(handled) };
            after = stored.update_id;
            let (update_id, attempts) = (stored.update_id, stored.attempts + 1);
            // A panic unwinds out of the update's transaction, which rolls back as it is dropped.
            let failure = match AssertUnwindSafe(self.handle_one(&stored)).catch_unwind().await {
                Ok(Ok(())) => None,
                Ok(Err(error)) => {
                    let what = describe(&stored.payload, &self.bot_username);
                    tracing::error!(update_id, attempts, what, %error, "handling an update failed");
                    Some(Failure::Error)
                }
                Err(_) => {
                    let what = describe(&stored.payload, &self.bot_username);
                    tracing::error!(update_id, attempts, what, "handling an update panicked");
                    Some(Failure::Panic)
                }
            };
            if let Some(failure) = failure {
                self.count_failure(&stored, failure).await?;
            }
            handled += 1;
        }
    }

    async fn handle_one(&self, stored: &StoredUpdate) -> StoreResult<()> {
        let Ok(inbound) = serde_json::from_str::<Inbound>(&stored.payload) else {
            tracing::error!(update_id = stored.update_id, "stored update is unreadable; dropped");
            let mut conn = self.store.writer().await?;
            return inbox::finish_update(&mut conn, stored.update_id).await;
        };
        let now = self.clock.now();
        let verdict = match (&inbound.event, inbound.sent_at) {
            // Typed messages are counted by when they were sent, so what waited at Telegram while
            // the bot was down is not taken for a flood. Taps are counted apart, by when they come:
            // a burst of taps (a button mashed, or forged ones) is read like a flood of messages,
            // while a tap after a flood of typing is still read. Blocking always counts.
            (Event::Text { .. } | Event::Media { .. } | Event::Other, sent_at) => self
                .flood
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .admit(inbound.user_id, sent_at.unwrap_or(now.timestamp())),
            (Event::Tap { .. }, _) => {
                self.tap_flood.lock().unwrap_or_else(|p| p.into_inner()).admit(inbound.user_id, now.timestamp())
            }
            (Event::Blocked { .. }, _) => Verdict::Read,
        };
        let Some(mut tx) = self.begin_for(stored).await? else { return Ok(()) };
        let actor = people::find_by_telegram_user(&mut tx, inbound.user_id).await?;
        let reply_to = Recipient::telegram(
            actor.as_ref().map(|a| a.id),
            inbound.user_id,
            actor.as_ref().map(|a| a.language).unwrap_or_else(|| guess_language(&inbound)),
        );
        // What a child or carer sends of their own accord is never dropped, even in a flood: it goes
        // to their worker one by one at first, then gathered into a digest a minute.
        let their_own_words = actor.as_ref().is_some_and(conversation::speaks_for_a_child)
            && match &inbound.event {
                Event::Text { text } => parse_command(text, &self.bot_username).is_none(),
                Event::Media { .. } | Event::Other => true,
                Event::Tap { .. } | Event::Blocked { .. } => false,
            };
        if verdict != Verdict::Read && !their_own_words {
            tracing::warn!(update_id = stored.update_id, "one person is flooding the bot; update not read");
            let mut tap_answer = None;
            // Someone without an invite was told once how to get one, and hears nothing more.
            if verdict == Verdict::TellThem && actor.is_some() {
                if matches!(inbound.event, Event::Tap { .. }) {
                    tap_answer = Some(self.templates.render_plain(reply_to.language, &Text::new("any-slow-down")));
                } else {
                    let mut mail = Mail::default();
                    mail.send(reply_to, Text::new("any-slow-down"));
                    queue_mail(&mut tx, self.settings.quiet_time(), mail, now.timestamp()).await?;
                }
            }
            inbox::finish_update(&mut tx, stored.update_id).await?;
            tx.commit().await?;
            // Every tap is answered, read or not, so no phone keeps spinning.
            if let Event::Tap { query_id, .. } = &inbound.event {
                self.answer_tap(query_id, tap_answer);
            }
            return Ok(());
        }
        if let Some(hook) = &self.fault_hook {
            let text = match &inbound.event {
                Event::Text { text } => Some(text.as_str()),
                _ => None,
            };
            hook.at(FaultSite::Update { text });
        }
        let mut ctx = Context {
            tx: &mut tx,
            now,
            settings: &self.settings,
            bot_username: &self.bot_username,
            reply_to,
            mail: Mail::default(),
            chosen_child: None,
        };
        let result = route(&mut ctx, actor.as_ref(), &inbound).await;
        let (mail, reply_to) = (std::mem::take(&mut ctx.mail), ctx.reply_to);
        let now_ts = now.timestamp();
        let mut answer = None;
        match result {
            Ok(()) => {
                let erased = mail.erased;
                queue_mail(&mut tx, self.settings.quiet_time(), mail, now_ts).await?;
                inbox::finish_update(&mut tx, stored.update_id).await?;
                tx.commit().await?;
                if erased {
                    self.store.forget_erased().await?;
                }
            }
            Err(UseCaseError::Refused(text)) => {
                tx.rollback().await?;
                let Some(mut tx) = self.begin_for(stored).await? else { return Ok(()) };
                // Whatever they asked for, a person who wrote to us can be reached.
                if let Some(actor) = actor.as_ref().filter(|a| a.unreachable_since.is_some())
                    && !matches!(inbound.event, Event::Blocked { .. })
                {
                    people::mark_reachable(&mut tx, actor.id).await?;
                }
                if matches!(inbound.event, Event::Tap { .. }) {
                    // Telegram shows at most 200 characters on a tap: a longer answer is cut there,
                    // and comes whole as a message too.
                    let plain = self.templates.render_plain(reply_to.language, &text);
                    if plain.chars().count() > TAP_ANSWER_MAX_CHARS {
                        let mut mail = Mail::default();
                        mail.send(reply_to, text);
                        queue_mail(&mut tx, self.settings.quiet_time(), mail, now_ts).await?;
                    }
                    answer = Some(shortened(&plain, TAP_ANSWER_MAX_CHARS));
                } else {
                    let mut mail = Mail::default();
                    mail.send(reply_to, text);
                    queue_mail(&mut tx, self.settings.quiet_time(), mail, now_ts).await?;
                }
                inbox::finish_update(&mut tx, stored.update_id).await?;
                tx.commit().await?;
            }
            Err(UseCaseError::Store(error)) => {
                tx.rollback().await?;
                return Err(error);
            }
        }
        if let Event::Tap { query_id, .. } = &inbound.event {
            self.answer_tap(query_id, answer);
        }
        Ok(())
    }

    /// A write transaction for handling `stored`, or `None` if it is handled already: with several
    /// copies of the bot on one database, another may have handled it since we read it. Write
    /// transactions run one at a time, so once we hold one, nobody else is handling it.
    async fn begin_for(&self, stored: &StoredUpdate) -> StoreResult<Option<crate::store::Transaction>> {
        let mut tx = self.store.begin().await?;
        if inbox::is_waiting(&mut tx, stored.update_id).await? {
            Ok(Some(tx))
        } else {
            tx.rollback().await?;
            Ok(None)
        }
    }

    /// A failure is retried on the next pass. After the last try the update is set aside (kept, with
    /// what kind it was), its sender is told kindly that something went wrong, and the managers are told
    /// that updates are being set aside (at most once an hour), so someone can look.
    async fn count_failure(&self, stored: &StoredUpdate, failure: Failure) -> StoreResult<()> {
        let Some(mut tx) = self.begin_for(stored).await? else { return Ok(()) };
        if stored.attempts + 1 >= MAX_UPDATE_ATTEMPTS {
            let now = self.clock.now().timestamp();
            let mut mail = Mail::default();
            match serde_json::from_str::<Inbound>(&stored.payload) {
                Ok(inbound) => {
                    let person = people::find_by_telegram_user(&mut tx, inbound.user_id).await?;
                    let language = person.as_ref().map(|p| p.language).unwrap_or_else(|| guess_language(&inbound));
                    let to = Recipient::telegram(person.map(|p| p.id), inbound.user_id, language);
                    mail.send(to, Text::new("any-something-went-wrong"));
                    let told_lately = inbox::set_aside_since(&mut tx, now - SET_ASIDE_NOTICE_EVERY).await? > 0;
                    let kind = inbound.event.kind();
                    inbox::set_aside(&mut tx, stored.update_id, inbound.user_id, kind, failure, now).await?;
                    tracing::error!(update_id = stored.update_id, kind, "an update kept failing and was set aside");
                    if !told_lately {
                        for manager in people::list_active_managers(&mut tx).await? {
                            mail.send_to_person(&manager, Text::new("staff-updates-set-aside"));
                        }
                    }
                }
                Err(_) => inbox::finish_update(&mut tx, stored.update_id).await?,
            }
            queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
        } else {
            inbox::count_failed_attempt(&mut tx, stored.update_id).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Stops the phone's spinner, without holding up the next update: the answer goes on its own, and
    /// is given up after [`TAP_ANSWER_TIMEOUT`]. A late answer ("query is too old") is harmless.
    fn answer_tap(&self, query_id: &str, text: Option<String>) {
        let mut request = self.bot.answer_callback_query(CallbackQueryId(query_id.to_owned()));
        if let Some(text) = text {
            request.text = Some(shortened(&text, TAP_ANSWER_MAX_CHARS));
        }
        self.tap_answers.spawn(async move {
            match tokio::time::timeout(TAP_ANSWER_TIMEOUT, request.send()).await {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => tracing::debug!(%error, "answering a button tap failed"),
                Err(_) => tracing::debug!("answering a button tap timed out"),
            }
        });
    }
}

/// How long a tap's answer may take before it is given up: the phone stops spinning by itself soon after.
const TAP_ANSWER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Answers to taps on their way to Telegram.
#[derive(Clone, Default)]
pub struct TapAnswers(Arc<Mutex<tokio::task::JoinSet<()>>>);

impl TapAnswers {
    fn spawn(&self, answer: impl std::future::Future<Output = ()> + Send + 'static) {
        let mut answers = self.lock();
        while answers.try_join_next().is_some() {}
        answers.spawn(answer);
    }

    /// Waits for every answer on its way (tests and shutdown: so none is cut off).
    pub async fn finish(&self) {
        let mut answers = std::mem::take(&mut *self.lock());
        while answers.join_next().await.is_some() {}
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, tokio::task::JoinSet<()>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn guess_language(inbound: &Inbound) -> Language {
    inbound
        .language_code
        .as_deref()
        .and_then(|code| Language::from_code(code.split('-').next().unwrap_or(code)))
        .unwrap_or(Language::English)
}

async fn route(ctx: &mut Context<'_>, actor: Option<&Person>, inbound: &Inbound) -> UseCaseResult {
    // What a child or carer sets going (a notice to the worker, their words) is about the child.
    match actor {
        Some(child) if child.role == Role::Child => ctx.mail.concerning(child.child_id()),
        Some(carer) if carer.role == Role::Carer => {
            if let Some(child_id) = crate::store::carers::child_of(ctx.tx, carer.id).await? {
                ctx.mail.concerning(child_id);
            }
        }
        _ => {}
    }
    match &inbound.event {
        Event::Text { text } => {
            let command = parse_command(text, ctx.bot_username);
            if let Some(CommandText::Known { name: CommandName::Start, args }) = command
                && !args.is_empty()
            {
                return onboarding::join(ctx, inbound.user_id, actor, args).await;
            }
            let Some(actor) = actor else {
                return onboarding::greet_stranger(ctx, inbound.user_id).await;
            };
            conversation::note_heard_from(ctx, actor).await?;
            conversation::back_on_telegram(ctx, actor).await?;
            match command {
                None if conversation::typed_when_asked(ctx, actor, text).await? => Ok(()),
                None if conversation::speaks_for_a_child(actor) => {
                    own_words::received(ctx, actor, Said::Words(text)).await
                }
                // They were asked to type about something that has gone since: the bot stops waiting
                // for good (a refusal would roll that back and leave them stuck), then says so.
                None if actor.awaiting.is_some() => {
                    ctx.reply(Text::new("any-use-commands"));
                    Ok(())
                }
                None => refuse(Text::new("any-use-commands")),
                Some(CommandText::Unknown) => refuse(Text::new("any-unknown-command")),
                Some(CommandText::Known { name, .. }) if !name.allows(actor.role) => {
                    refuse(Text::new("any-not-allowed"))
                }
                Some(CommandText::Known { name, args }) => {
                    // A command means the person moved on from whatever words we were waiting for.
                    if actor.awaiting.is_some() {
                        people::set_awaiting(ctx.tx, actor.id, None).await?;
                    }
                    conversation::run_command(ctx, actor, name, args).await
                }
            }
        }
        Event::Blocked { blocked } => {
            match (actor, blocked) {
                // Reached by text already: Telegram is not how we reach them.
                (Some(actor), true) if actor.on_texts() => {}
                (Some(actor), true) if actor.role == Role::Child => {
                    let now = ctx.timestamp();
                    let by_text = match ctx.settings.notify {
                        Some(_) => reach::fall_back_to_texts(ctx.tx, actor, None, now).await?,
                        None => None,
                    };
                    let mail = match by_text {
                        Some(mail) => mail,
                        None => {
                            record_unreachable(ctx.tx, actor.id, "blocked", now, named("staff-child-unreachable"))
                                .await?
                        }
                    };
                    ctx.mail.append(mail);
                }
                (Some(actor), true) => {
                    let now = ctx.timestamp();
                    if people::mark_unreachable(ctx.tx, actor.id, "blocked", now).await? {
                        crate::usecase::reach::tell_about_adult(ctx.tx, actor, &mut ctx.mail).await?;
                    }
                }
                (Some(actor), false) => conversation::note_heard_from(ctx, actor).await?,
                (None, _) => {}
            }
            Ok(())
        }
        Event::Media { .. } | Event::Other => match actor {
            None => onboarding::greet_stranger(ctx, inbound.user_id).await,
            Some(actor) if conversation::speaks_for_a_child(actor) => {
                conversation::note_heard_from(ctx, actor).await?;
                let said = match &inbound.event {
                    Event::Media { message_id, what } => Said::Media { message_id: Some(*message_id), what },
                    _ => Said::Media { message_id: None, what: "other" },
                };
                own_words::received(ctx, actor, said).await
            }
            Some(_) => refuse(Text::new("any-use-commands")),
        },
        Event::Tap { data, message_id, .. } => {
            let Some(actor) = actor else { return refuse(Text::new("any-old-button")) };
            let action = match CallbackAction::decode(data) {
                // A choice stands for an action the bot offered this person; anything else is taken at its word.
                Some(CallbackAction::Choice { token }) => choices::take(ctx, actor, &token).await?,
                // These are only ever offered as choices: arriving bare, they were forged.
                Some(
                    CallbackAction::TransferChild { .. }
                    | CallbackAction::KeepApart { .. }
                    | CallbackAction::Erase { .. }
                    | CallbackAction::AsChild { .. }
                    | CallbackAction::BookAnyway { .. }
                    | CallbackAction::Flow { .. },
                )
                | None => {
                    return refuse(Text::new("any-old-button"));
                }
                Some(action) => action,
            };
            conversation::tapped(ctx, actor, action, *message_id).await
        }
    }
}

/// What a stored update asked for, for the log when handling it failed: the command's word, or the
/// kind of update. Never what anyone wrote.
fn describe(payload: &str, bot_username: &str) -> String {
    let Ok(inbound) = serde_json::from_str::<Inbound>(payload) else { return "unreadable".into() };
    match &inbound.event {
        Event::Text { text } => match parse_command(text, bot_username) {
            Some(CommandText::Known { name, .. }) => format!("/{}", name.word()),
            Some(CommandText::Unknown) => "an unknown command".into(),
            None => "a message".into(),
        },
        event => event.kind().into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(text: &str) -> String {
        let inbound =
            Inbound { user_id: 1, language_code: None, event: Event::Text { text: text.into() }, sent_at: None };
        serde_json::to_string(&inbound).unwrap()
    }

    #[test]
    fn a_failed_update_is_logged_by_what_it_asked_for_never_its_words() {
        assert_eq!(describe(&stored("/enrol Sam Secret born=2011-02-03"), "tb_bot"), "/enrol");
        assert_eq!(describe(&stored("I'm scared to come"), "tb_bot"), "a message");
        assert_eq!(describe(&stored("/nonsense Sam"), "tb_bot"), "an unknown command");
        assert_eq!(describe("{", "tb_bot"), "unreadable");
    }
}
