//! The seam for channels other than Telegram: the outbox keeps what to say and who it is for, and a
//! channel renders it when it goes. A small channel of texts, made here, goes through the same outbox
//! and the same sender as Telegram, beside it: rendered in the reader's language, accepted with
//! delivery to follow, asked "was this sent?" after a crash, with no way to edit, and with a pause of
//! its own.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::support::app::{TestApp, scalar, spawn_app_with};
use crate::support::fake_telegram::Phone;
use chrono::Duration;
use touchbase::clock::Clock;
use touchbase::delivery::{Channel, LEASE_SECONDS, Rendering, SendOutcome, Sender};
use touchbase::domain::ids::{OutboxId, PersonId};
use touchbase::domain::people::{ChannelKind, Language};
use touchbase::store::outbox::{self, Claimed};
use touchbase::templates::{Templates, Text};
use touchbase::usecase::mail::{Mail, Note, Recipient, Said, queue_mail};

/// What the service behind the channel has: every text it took, by the outbox's reference, and
/// whether it is answering.
#[derive(Default)]
struct Service {
    taken: HashMap<OutboxId, (i64, String)>,
    requests: usize,
    lookups: usize,
    down: bool,
}

/// Texts: words only, no markup, no buttons, no way to edit; the service says later whether a text was
/// delivered, and can be asked about an attempt by its reference.
#[derive(Clone, Default)]
struct Texts(Arc<Mutex<Service>>);

impl Texts {
    fn service(&self) -> std::sync::MutexGuard<'_, Service> {
        self.0.lock().unwrap()
    }

    fn texts_to(&self, chat: i64) -> Vec<String> {
        let service = self.service();
        let mut texts: Vec<_> = service.taken.iter().filter(|(_, (to, _))| *to == chat).collect();
        texts.sort_by_key(|(reference, _)| **reference);
        texts.into_iter().map(|(_, (_, text))| text.clone()).collect()
    }
}

impl Channel for Texts {
    const KIND: ChannelKind = ChannelKind::Sms;
    type Rendered = String;

    fn render(&self, templates: &Templates, language: Language, said: Said) -> Result<Rendering<String>, String> {
        match said {
            Said::Note(Note::Message { text, .. }) => Ok(Rendering::Send(templates.render_plain(language, &text))),
            Said::Note(Note::Edit { .. }) => Ok(Rendering::Nothing { why: "texts cannot be edited".into() }),
            _ => Err("texts carry words only".into()),
        }
    }

    async fn take_turn(&self, _chat: i64, _urgent: bool) -> Result<(), std::time::Duration> {
        Ok(())
    }

    async fn send(&self, message: &Claimed, text: String) -> SendOutcome {
        let mut service = self.service();
        service.requests += 1;
        if service.down {
            return SendOutcome::Unavailable { error: "timed out".into() };
        }
        service.taken.insert(message.id, (message.chat_id, text));
        SendOutcome::Accepted { reference: format!("text-{}", message.id) }
    }

    async fn was_sent(&self, message: &Claimed) -> Option<SendOutcome> {
        let mut service = self.service();
        service.lookups += 1;
        service
            .taken
            .contains_key(&message.id)
            .then(|| SendOutcome::Accepted { reference: format!("text-{}", message.id) })
    }
}

/// The app with texts off: the channel made here is the only one that sends texts.
async fn without_notify() -> TestApp {
    spawn_app_with(&[("TOUCHBASE_NOTIFY_API_KEY", "")]).await
}

fn texts_sender(t: &TestApp, texts: &Texts) -> Sender<Texts> {
    let templates = Arc::new(Templates::load().unwrap());
    Sender::new(texts.clone(), t.app.store().clone(), Arc::new(t.clock.clone()), templates, t.settings.quiet_time())
}

/// Sam, who reads Welsh, and his worker; Sam is on Telegram too (his phone is returned) but these
/// messages are for him on texts, where the conversation is his person id.
async fn sam_on_texts(t: &TestApp) -> (Phone, Phone, i64, Recipient) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let phone = t.child(&worker, 3, "Sam").await;
    let sam = scalar(t, "SELECT id FROM people WHERE name = 'Sam'").await;
    let to = Recipient {
        person_id: Some(PersonId(sam)),
        channel: ChannelKind::Sms,
        chat_id: sam,
        language: Language::Welsh,
    };
    (worker, phone, sam, to)
}

async fn queue(t: &TestApp, mail: Mail) {
    let mut conn = t.app.store().connection().await.unwrap();
    queue_mail(&mut conn, t.settings.quiet_time(), mail, t.clock.now().timestamp()).await.unwrap();
}

#[tokio::test]
async fn a_text_is_rendered_when_it_goes_in_the_readers_language_and_telegram_leaves_it_alone() {
    let t = without_notify().await;
    let (_worker, _phone, sam, to) = sam_on_texts(&t).await;
    let texts = Texts::default();
    let mut mail = Mail::default();
    mail.send(to, Text::new("child-welcome").arg("name", "Sam <3"));
    queue(&t, mail).await;

    t.settle().await;
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND state = 'pending'").await,
        1,
        "Telegram's sender does not take a text"
    );
    let payload: String = {
        let mut conn = t.app.store().connection().await.unwrap();
        sqlx::query_scalar("SELECT payload FROM outbox WHERE channel = 'sms'").fetch_one(&mut *conn).await.unwrap()
    };
    assert!(payload.contains("child-welcome") && !payload.contains("Helo"), "kept as words: {payload}");

    assert_eq!(texts_sender(&t, &texts).deliver_due().await.unwrap(), 1);
    assert_eq!(texts.texts_to(sam), ["Helo Sam <3! Bydda i'n dy helpu di i gofio pryd rwyt ti'n cwrdd â dy weithiwr."]);
    let mut conn = t.app.store().connection().await.unwrap();
    let (state, reference, awaiting): (String, Option<String>, i64) =
        sqlx::query_as("SELECT state, channel_ref, awaiting_delivery FROM outbox WHERE channel = 'sms'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(state, "sent");
    assert!(reference.is_some_and(|r| r.starts_with("text-")), "the channel's id is kept to follow delivery");
    assert_eq!(awaiting, 1, "delivery is still to follow");
}

#[tokio::test]
async fn a_message_moved_to_another_channel_is_rendered_for_that_one() {
    let t = without_notify().await;
    let (_worker, sam_on_telegram, sam, _) = sam_on_texts(&t).await;
    let before = sam_on_telegram.texts().len();
    let mut mail = Mail::default();
    let sam_person = {
        let mut conn = t.app.store().connection().await.unwrap();
        touchbase::store::people::find_by_id(&mut conn, PersonId(sam)).await.unwrap().unwrap()
    };
    mail.send(Recipient::person(&sam_person).unwrap(), Text::new("child-welcome").arg("name", "Sam & Jo"));
    queue(&t, mail).await;
    // Telegram refused Sam for good before it went: what was queued moves to texts.
    {
        let mut conn = t.app.store().connection().await.unwrap();
        sqlx::query("UPDATE outbox SET channel = 'sms', chat_id = $1 WHERE state = 'pending' AND person_id = $1")
            .bind(sam)
            .execute(&mut *conn)
            .await
            .unwrap();
    }
    let texts = Texts::default();
    texts_sender(&t, &texts).deliver_due().await.unwrap();
    t.settle().await;
    assert_eq!(texts.texts_to(sam), ["Hi Sam & Jo! I will help you remember when you meet your worker."], "no HTML");
    assert_eq!(sam_on_telegram.texts().len(), before, "nothing went on Telegram");
}

#[tokio::test]
async fn an_edit_where_texts_cannot_edit_sends_nothing_and_tells_no_one() {
    let t = without_notify().await;
    let (worker, _phone, sam, to) = sam_on_texts(&t).await;
    let worker_before = worker.texts().len();
    let mut mail = Mail::default();
    mail.edit(to, 77, Text::new("child-welcome").arg("name", "Sam"));
    queue(&t, mail).await;
    let texts = Texts::default();
    texts_sender(&t, &texts).deliver_due().await.unwrap();
    t.settle().await;
    assert!(texts.texts_to(sam).is_empty());
    assert_eq!(texts.service().requests, 0);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND state = 'failed'").await, 1, "closed");
    assert_eq!(worker.texts().len(), worker_before, "no one hears of a dropped edit");
}

#[tokio::test]
async fn after_a_crash_mid_send_the_channel_is_asked_and_nothing_goes_twice() {
    let t = without_notify().await;
    let (_worker, _phone, sam, to) = sam_on_texts(&t).await;
    let mut mail = Mail::default();
    mail.send(to, Text::new("child-welcome").arg("name", "Sam"));
    mail.send(to, Text::new("child-welcome").arg("name", "Sam again"));
    queue(&t, mail).await;
    let texts = Texts::default();
    // A copy claimed both and died: the service took the first before it did, never the second.
    let claimed = {
        let mut conn = t.app.store().connection().await.unwrap();
        let now = t.clock.now().timestamp();
        let first = outbox::claim_due(&mut conn, ChannelKind::Sms, "dead-copy", now, LEASE_SECONDS, 10).await.unwrap();
        let second = outbox::claim_due(&mut conn, ChannelKind::Sms, "dead-copy", now, LEASE_SECONDS, 10).await.unwrap();
        assert!(second.is_empty(), "one text to a number in flight at a time");
        first
    };
    assert_eq!(claimed.len(), 1);
    texts.service().taken.insert(claimed[0].id, (sam, "Hi Sam!".into()));
    t.clock.advance(Duration::seconds(LEASE_SECONDS + 1));

    let sender = texts_sender(&t, &texts);
    sender.deliver_due().await.unwrap();
    sender.deliver_due().await.unwrap();
    assert_eq!(texts.service().lookups, 1, "the one claimed when the copy died was looked up, the other not");
    assert_eq!(texts.service().requests, 1, "the first was not sent again; the second went");
    assert_eq!(texts.texts_to(sam).len(), 2);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM outbox WHERE channel = 'sms' AND state = 'sent'").await, 2);
}

#[tokio::test]
async fn texts_failing_pause_texts_only_and_telegram_goes_on() {
    let t = without_notify().await;
    let (worker, _phone, sam, to) = sam_on_texts(&t).await;
    let texts = Texts::default();
    texts.service().down = true;
    let mut mail = Mail::default();
    mail.send(to, Text::new("child-welcome").arg("name", "Sam"));
    queue(&t, mail).await;
    let sender = texts_sender(&t, &texts);
    sender.deliver_due().await.unwrap();
    assert!(sender.paused_until().is_some(), "texts pause while their service fails");

    let worker_before = worker.texts().len();
    worker.send_text("/children");
    t.settle().await;
    assert!(worker.texts().len() > worker_before, "Telegram is not paused");

    texts.service().down = false;
    t.clock.advance(Duration::seconds(5));
    sender.deliver_due().await.unwrap();
    assert_eq!(texts.texts_to(sam).len(), 1, "the text goes once its service answers");
    assert_eq!(texts.service().lookups, 1, "the timed-out attempt was looked up before the text went again");
    assert_eq!(texts.service().requests, 2);
}
