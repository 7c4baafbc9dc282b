//! Texts people send the service's number, read from Notify (no public address needed): each handled
//! once, oldest first, in one transaction with what it sets going, by whichever copy takes it first.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};

use futures::FutureExt;

use crate::clock::Clock;
use crate::config::Settings;
use crate::domain::people::Language;
use crate::notify::client::{NotifyClient, NotifyError, ReceivedText};
use crate::store::people;
use crate::store::texts;
use crate::store::{Store, StoreError};
use crate::templates::Text;
use crate::usecase::context::{Context, UseCaseError};
use crate::usecase::mail::{Mail, Recipient, queue_mail};
use crate::usecase::reach;

/// Notify serves received texts 250 a page.
const PAGE: usize = 250;
/// A text that fails this many times is set aside (its sender's worker told), so it cannot hold up the rest.
const MAX_ATTEMPTS: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum InboxError {
    #[error(transparent)]
    Notify(#[from] NotifyError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Clone)]
pub struct TextInbox {
    pub client: NotifyClient,
    pub store: Store,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub bot_username: Arc<str>,
    /// Failures so far of texts not yet handled, by Notify's id.
    failures: Arc<Mutex<HashMap<String, u32>>>,
}

impl TextInbox {
    pub fn new(
        client: NotifyClient,
        store: Store,
        clock: Arc<dyn Clock>,
        settings: Arc<Settings>,
        bot_username: Arc<str>,
    ) -> Self {
        Self { client, store, clock, settings, bot_username, failures: Default::default() }
    }

    /// Reads the texts received since the last one handled, and handles each, oldest first. Stops at the
    /// first that fails, so none is passed over; it is tried again next time. Returns how many it handled.
    pub async fn read_new(&self) -> Result<usize, InboxError> {
        let mut new: Vec<ReceivedText> = Vec::new();
        let mut older_than: Option<String> = None;
        loop {
            let page = self.client.received(older_than.as_deref()).await?;
            let full = page.len() >= PAGE;
            let last = page.last().map(|text| text.id.clone());
            let mut reached_handled = false;
            {
                // The whole page is looked through: two texts that reached Notify together may be
                // listed out of order, so one handled text does not mean all older ones were.
                let mut conn = self.store.connection().await?;
                for text in page {
                    if texts::was_received(&mut conn, &text.id).await? {
                        reached_handled = true;
                    } else {
                        new.push(text);
                    }
                }
            }
            if reached_handled || !full {
                break;
            }
            older_than = last;
        }
        let mut handled = 0;
        for text in new.into_iter().rev() {
            let id = text.id.clone();
            let outcome = AssertUnwindSafe(self.handle(&text)).catch_unwind().await;
            let error = match outcome {
                Ok(Ok(took)) => {
                    handled += usize::from(took);
                    self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
                    continue;
                }
                Ok(Err(error)) => error.to_string(),
                Err(_) => "handling it panicked".to_owned(),
            };
            let attempts = {
                let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
                let count = failures.entry(id.clone()).or_default();
                *count += 1;
                *count
            };
            tracing::error!(notify_id = %id, attempts, %error, "handling a received text failed");
            if attempts < MAX_ATTEMPTS {
                return Ok(handled);
            }
            self.set_aside(&text).await?;
            self.failures.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
        }
        Ok(handled)
    }

    /// Handles one text in one transaction. `false` if it was handled already (by another copy).
    async fn handle(&self, text: &ReceivedText) -> Result<bool, StoreError> {
        let now = self.clock.now();
        let quiet = self.settings.quiet_time();
        let mut tx = self.store.begin().await?;
        if !texts::take_received(&mut tx, &text.id, now.timestamp()).await? {
            tx.rollback().await?;
            return Ok(false);
        }
        let Some(phone) = text.from() else {
            // A short code or a number abroad: nobody we text. Nothing to answer.
            tracing::warn!(notify_id = %text.id, "a text from a number that is not a UK mobile; not answered");
            tx.commit().await?;
            return Ok(true);
        };
        let actor = people::find_by_phone(&mut tx, &phone).await?;
        let reply_to = match &actor {
            Some(person) => Recipient::texts(person),
            None => Recipient::text_stranger(0, Language::English),
        };
        let mut ctx = Context {
            tx: &mut tx,
            now,
            settings: &self.settings,
            bot_username: &self.bot_username,
            reply_to,
            mail: Mail::default(),
            chosen_child: None,
        };
        let result = crate::texts::received(&mut ctx, actor.as_ref(), &phone, &text.content).await;
        let mail = std::mem::take(&mut ctx.mail);
        match result {
            Ok(()) => {
                queue_mail(&mut tx, quiet, mail, now.timestamp()).await?;
                tx.commit().await?;
            }
            Err(UseCaseError::Refused(refusal)) => {
                tx.rollback().await?;
                let mut tx = self.store.begin().await?;
                if texts::take_received(&mut tx, &text.id, now.timestamp()).await? {
                    let mut mail = Mail::default();
                    if actor.as_ref().is_some_and(|person| !person.texts_stopped) {
                        mail.send(reply_to, refusal);
                    }
                    queue_mail(&mut tx, quiet, mail, now.timestamp()).await?;
                }
                tx.commit().await?;
            }
            Err(UseCaseError::Store(error)) => {
                tx.rollback().await?;
                return Err(error);
            }
        }
        Ok(true)
    }

    /// A text that keeps failing is marked handled, and the sender's worker told, so it holds up no other.
    async fn set_aside(&self, text: &ReceivedText) -> Result<(), StoreError> {
        let now = self.clock.now().timestamp();
        let mut tx = self.store.begin().await?;
        if texts::take_received(&mut tx, &text.id, now).await? {
            let mut mail = Mail::default();
            if let Some(phone) = text.from()
                && let Some(person) = people::find_by_phone(&mut tx, &phone).await?
            {
                reach::tell_worker(
                    &mut tx,
                    person.id,
                    |p| Text::new("staff-text-set-aside").arg("name", p.name.as_str()),
                    &mut mail,
                )
                .await?;
            }
            queue_mail(&mut tx, self.settings.quiet_time(), mail, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
