//! Parents and carers: only with the child's yes do they get the child's reminders, and the child can
//! stop it at any time.

use crate::domain::people::{ChannelKind, Language, Role};
use crate::people::invites::reissue;
use crate::store::carers;
use crate::store::invites as invite_store;
use crate::store::people::{self, NewPerson, Person};
use crate::store::{audit, outbox};
use crate::templates::Text;
use crate::usecase::access::{CONSENT_YES as YES, find_child};
use crate::usecase::action::{CallbackAction, Consent};
use crate::usecase::commands::CarerAsk;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Recipient};

const ASKED: &str = "asked";
const NO: &str = "no";
const WITHDRAWN: &str = "withdrawn";

fn consent_buttons() -> Vec<Vec<Button>> {
    vec![
        vec![Button { label: Text::new("button-carer-yes"), action: CallbackAction::Consent(Consent::Yes) }],
        vec![Button { label: Text::new("button-carer-no"), action: CallbackAction::Consent(Consent::No) }],
    ]
}

/// `/carer NAME [phone=07...]`: the child is asked first, in plain words. With a number, the carer
/// gets the child's reminders by text once the child says yes.
pub async fn ask(ctx: &mut Context<'_>, actor: &Person, CarerAsk { name, phone }: CarerAsk) -> UseCaseResult {
    let child = find_child(ctx, actor, &name).await?;
    if !child.has_joined() {
        return refuse(Text::new("staff-carer-not-joined").arg("name", child.name.as_str()));
    }
    // A yes stands until the child stops it; asking again must not quietly undo their control over it.
    if carers::consent(ctx.tx, child.child_id()).await?.as_deref() == Some(YES) {
        return refuse(Text::new("staff-carer-already").arg("name", child.name.as_str()));
    }
    if let Some(phone) = &phone {
        if ctx.settings.notify.is_none() {
            return refuse(Text::new("staff-texts-not-set-up"));
        }
        match people::phone_owner(ctx.tx, phone).await? {
            // The child's own phone: the carer sees the child's texts already, and needs no second copy.
            Some(owner) if owner == child.id => {
                return refuse(Text::new("staff-carer-shares-number").arg("name", child.name.as_str()));
            }
            Some(_) => return refuse(Text::new("staff-phone-taken")),
            None => {}
        }
    }
    carers::set_asked_phone(ctx.tx, child.child_id(), phone.as_ref()).await?;
    carers::set_consent(ctx.tx, child.child_id(), ASKED).await?;
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "ask-carer-consent", Some(child.id)).await?;
    ctx.mail.send_news_with_buttons(&child, Text::new("child-carer-ask"), consent_buttons());
    ctx.reply(Text::new("staff-carer-asked").arg("name", child.name.as_str()));
    Ok(())
}

/// The child's Yes, No or Stop. Only ever about themselves, so there is nothing to forge.
pub async fn answer(ctx: &mut Context<'_>, actor: &Person, consent: Consent, message_id: Option<i64>) -> UseCaseResult {
    if actor.role != Role::Child {
        return refuse(Text::new("any-old-button"));
    }
    let current = carers::consent(ctx.tx, actor.child_id()).await?;
    let linked = carers::carers_of(ctx.tx, actor.child_id()).await?;
    let worker = people::worker_of(ctx.tx, actor).await?;
    let now = ctx.timestamp();
    let (child_says, worker_hears) = match (consent, current.as_deref()) {
        (Consent::Yes, Some(ASKED)) => {
            carers::set_consent(ctx.tx, actor.child_id(), YES).await?;
            let carer_id = people::insert_person(
                ctx.tx,
                NewPerson {
                    role: Role::Carer,
                    name: &actor.name,
                    name_key: &format!("carer of {}", actor.id),
                    language: Language::English,
                    worker_id: actor.worker_id,
                    invited_by: actor.worker_id,
                    now,
                },
            )
            .await?;
            carers::link(ctx.tx, carer_id, actor.child_id(), now).await?;
            match carers::asked_phone(ctx.tx, actor.child_id()).await? {
                // Given a number, and nobody else has it since: on texts, welcomed at once, no link.
                Some(phone) if people::phone_owner(ctx.tx, &phone).await?.is_none() => {
                    carers::set_phone(ctx.tx, carer_id, Some(&phone)).await?;
                    people::set_channel(ctx.tx, carer_id, ChannelKind::Sms).await?;
                    people::mark_joined(ctx.tx, carer_id, now).await?;
                    if let Some(carer) = people::find_by_id(ctx.tx, carer_id).await?
                        && let Some(to) = Recipient::person(&carer)
                    {
                        ctx.mail.send(to, Text::new("carer-welcome-texts").arg("name", actor.name.as_str()));
                    }
                    ("child-carer-yes-texts", Text::new("staff-carer-on-texts").arg("name", actor.name.as_str()))
                }
                _ => {
                    let invite =
                        reissue(ctx.tx, carer_id, actor.worker_id, now, ctx.settings.invite_ttl.num_seconds()).await?;
                    let link = Text::new("staff-carer-link")
                        .arg("name", actor.name.as_str())
                        .arg("link", invite.code.deep_link(ctx.bot_username))
                        .arg("expires", ctx.local_time(invite.expires_at));
                    ("child-carer-yes", link)
                }
            }
        }
        (Consent::No, Some(ASKED)) => {
            carers::set_consent(ctx.tx, actor.child_id(), NO).await?;
            ("child-carer-no", Text::new("staff-carer-refused").arg("name", actor.name.as_str()))
        }
        (Consent::Stop, _) if !linked.is_empty() || current.as_deref() == Some(YES) => {
            carers::set_consent(ctx.tx, actor.child_id(), WITHDRAWN).await?;
            for carer in linked {
                people::revoke(ctx.tx, carer.id, now).await?;
                invite_store::close_invites_for(ctx.tx, carer.id, now).await?;
                // Reminders already queued for them (waiting for the morning, or for a retry) do not go.
                outbox::drop_pending_for(ctx.tx, carer.id, now).await?;
                // Their number is forgotten: a text from it is a stranger's now.
                carers::set_phone(ctx.tx, carer.id, None).await?;
                if let Some(to) = Recipient::person(&carer) {
                    ctx.mail.send(to, Text::new("carer-stopped"));
                    ctx.mail.set_commands(to, Vec::new());
                }
            }
            ("child-carer-stopped", Text::new("staff-carer-withdrawn").arg("name", actor.name.as_str()))
        }
        _ => return refuse(Text::new("any-old-button")),
    };
    audit::record(ctx.tx, now, Some(actor.id), "answer-carer-consent", Some(actor.id)).await?;
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, Text::new(child_says)),
        None => ctx.reply(Text::new(child_says)),
    }
    if let Some(worker) = worker {
        ctx.mail.send_to_person(&worker, worker_hears);
    }
    Ok(())
}

/// `/carers` for a child: who else gets their reminders, and a way to stop it.
pub async fn show(ctx: &mut Context<'_>, actor: &Person) -> UseCaseResult {
    let consent = carers::consent(ctx.tx, actor.child_id()).await?;
    if consent.as_deref() == Some(YES) || !carers::carers_of(ctx.tx, actor.child_id()).await?.is_empty() {
        let stop = Button { label: Text::new("button-carer-stop"), action: CallbackAction::Consent(Consent::Stop) };
        ctx.mail.send_with_buttons(ctx.reply_to, Text::new("child-carer-on"), vec![vec![stop]]);
    } else {
        ctx.reply(Text::new("child-carer-off"));
    }
    Ok(())
}
