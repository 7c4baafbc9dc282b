//! Texts as a channel of the one outbox: each message rendered in its text form (plain words, how to
//! answer by text, at most 918 characters), sent through Notify with the outbox row as its reference,
//! and looked up by that reference before it is sent again after an attempt whose outcome is unknown.

use std::sync::{Arc, Mutex};

use chrono::Duration;

use crate::clock::Clock;
use crate::delivery::{Channel, Rendering, SendOutcome};
use crate::domain::ids::PersonId;
use crate::domain::people::{ChannelKind, Language};
use crate::domain::phone::PhoneNumber;
use crate::domain::sms::{MAX_CHARS, parts};
use crate::domain::text::shortened;
use crate::notify::client::{NotifyClient, NotifyError};
use crate::notify::limits::TextLimits;
use crate::store::outbox::{self, Claimed};
use crate::store::people;
use crate::store::texts;
use crate::store::{Store, StoreResult};
use crate::templates::Templates;
use crate::usecase::mail::{Note, Said};

/// A text ready to go: its words, and the answers a reply word can stand for (button actions), if it
/// asks a question.
#[derive(Debug)]
pub struct TextOut {
    pub body: String,
    pub offered: Vec<String>,
}

/// Who a text goes to, as the outbox names them.
enum Addressee {
    Number(PhoneNumber),
    /// They texted STOP: nothing goes.
    Stopped,
    /// No number to send to.
    Nobody,
}

pub struct TextChannel {
    client: NotifyClient,
    store: Store,
    clock: Arc<dyn Clock>,
    limits: Mutex<TextLimits>,
}

impl TextChannel {
    pub fn new(client: NotifyClient, store: Store, clock: Arc<dyn Clock>) -> Self {
        Self { client, store, clock, limits: Mutex::default() }
    }

    /// The reference a text carries: the outbox row, which is not personal data.
    fn reference(message: &Claimed) -> String {
        format!("touchbase-{}", message.id)
    }

    async fn addressee(&self, message: &Claimed) -> StoreResult<Addressee> {
        let mut conn = self.store.connection().await?;
        if message.chat_id < 0 {
            return Ok(texts::stranger_phone(&mut conn, -message.chat_id)
                .await?
                .map_or(Addressee::Nobody, Addressee::Number));
        }
        let person_id = PersonId(message.chat_id);
        match people::find_by_id(&mut conn, person_id).await? {
            Some(person) if person.texts_stopped => Ok(Addressee::Stopped),
            Some(_) => Ok(people::phone_of(&mut conn, person_id).await?.map_or(Addressee::Nobody, Addressee::Number)),
            None => Ok(Addressee::Nobody),
        }
    }

    /// Closes a text to someone who texted STOP, quietly: they asked for it, and their worker knows.
    async fn close_stopped(&self, message: &Claimed) -> SendOutcome {
        let closed = async {
            let mut conn = self.store.writer().await?;
            let now = self.clock.now().timestamp();
            outbox::mark_finished_unsent(&mut conn, message.id, outbox::Unsent::Failed, "they texted STOP", now).await
        };
        match closed.await {
            Ok(()) => SendOutcome::Withdrawn,
            Err(error) => SendOutcome::Later { after: Duration::seconds(5), why: error.to_string() },
        }
    }

    /// Remembers the question a text asked, so a reply word can answer it.
    async fn remember_question(&self, message: &Claimed, offered: &[String]) {
        if offered.is_empty() || message.chat_id < 0 {
            return;
        }
        let actions = serde_json::to_string(offered).expect("strings always serialise");
        let kept = async {
            let mut conn = self.store.writer().await?;
            let person = PersonId(message.chat_id);
            texts::set_question(&mut conn, person, &actions, self.clock.now().timestamp()).await?;
            // A new question: a reply word answers it, not an old wait for a reason's few words.
            people::end_wait_for_words(&mut conn, person).await
        };
        if let Err(error) = kept.await {
            tracing::error!(outbox_id = %message.id, %error, "could not keep the question a text asked");
        }
    }
}

impl TextChannel {
    /// Counts a text Notify took, and the parts it costs, for the figures.
    async fn count(&self, message: &Claimed, body: &str) {
        let counted = async {
            let mut conn = self.store.writer().await?;
            texts::count_sent(&mut conn, self.clock.now().timestamp(), parts(body) as i64).await
        };
        if let Err(error) = counted.await {
            tracing::error!(outbox_id = %message.id, %error, "could not count a text for the figures");
        }
    }
}

impl Channel for TextChannel {
    const KIND: ChannelKind = ChannelKind::Sms;
    type Rendered = TextOut;

    fn render(&self, templates: &Templates, language: Language, said: Said) -> Result<Rendering<TextOut>, String> {
        match said {
            Said::Note(Note::Message { text, buttons, .. }) => {
                let body = templates.render_text_message(language, &text);
                // Words a worker typed (a drop-in's title) could make a text too long for Notify.
                let body = if body.chars().count() > MAX_CHARS { shortened(&body, MAX_CHARS) } else { body };
                // The buttons a reply word can stand for: a text offering none asks no question.
                let offered = buttons
                    .iter()
                    .flatten()
                    .filter(|button| crate::texts::answers_a_reply_word(&button.action))
                    .map(|button| button.action.encode())
                    .collect();
                Ok(Rendering::Send(TextOut { body, offered }))
            }
            Said::Note(Note::Edit { .. } | Note::Commands { .. }) => {
                Ok(Rendering::Nothing { why: "texts cannot be edited and have no menu".into() })
            }
            Said::Note(_) => Err("a text carries words only, not a file".into()),
            Said::Rendered(_) => Err("queued for Telegram by an older version".into()),
        }
    }

    /// Limits are kept in [`Channel::send`], which knows the words (20 identical texts an hour).
    async fn take_turn(&self, _chat: i64, _urgent: bool) -> Result<(), std::time::Duration> {
        Ok(())
    }

    async fn send(&self, message: &Claimed, text: TextOut) -> SendOutcome {
        let phone = match self.addressee(message).await {
            Ok(Addressee::Number(phone)) => phone,
            Ok(Addressee::Stopped) => return self.close_stopped(message).await,
            Ok(Addressee::Nobody) => return SendOutcome::Unreachable { reason: "no mobile number".into() },
            Err(error) => return SendOutcome::Later { after: Duration::seconds(5), why: error.to_string() },
        };
        let place = self.limits.lock().unwrap_or_else(|p| p.into_inner()).take(
            message.chat_id,
            &text.body,
            tokio::time::Instant::now(),
        );
        if let Err(wait) = place {
            let after = Duration::from_std(wait).unwrap_or(Duration::minutes(1)) + Duration::seconds(1);
            return SendOutcome::Later { after, why: "waiting for Notify's limits".into() };
        }
        // Remembered before it goes: if the answer is lost (a crash), the text is found by its
        // reference and not sent again, and the child's reply must still answer it.
        self.remember_question(message, &text.offered).await;
        match self.client.send_sms(&phone, &text.body, &Self::reference(message)).await {
            Ok(id) => {
                self.count(message, &text.body).await;
                SendOutcome::Accepted { reference: id }
            }
            Err(NotifyError::Unavailable(error)) => SendOutcome::Unavailable { error },
            Err(NotifyError::Refused { status, message: error }) if error.contains("phone_number") => {
                SendOutcome::Unreachable { reason: format!("Notify cannot text this number ({status}: {error})") }
            }
            Err(NotifyError::Refused { status, message: error }) => {
                SendOutcome::Refused { error: format!("{status}: {error}") }
            }
        }
    }

    async fn was_sent(&self, message: &Claimed) -> Option<SendOutcome> {
        match self.client.find_by_reference(&Self::reference(message)).await {
            Ok(Some(found)) => Some(SendOutcome::Accepted { reference: found.id }),
            Ok(None) => None,
            // Not knowing is not "no": the text waits rather than risk going twice.
            Err(error) => Some(SendOutcome::Unavailable { error: error.to_string() }),
        }
    }
}
