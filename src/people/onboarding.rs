//! Joining and finding one's way: invites redeemed, strangers turned away kindly, language and help.

use crate::domain::invite::InviteCode;
use crate::domain::people::{Language, Role};
use crate::store::audit;
use crate::store::invites::{self, Redemption};
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::commands::CommandName;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::{Button, Recipient};

/// `/start CODE`: links this Telegram account to the person the invite was made for.
pub async fn join(
    ctx: &mut Context<'_>,
    telegram_user_id: i64,
    actor: Option<&Person>,
    code_text: &str,
) -> UseCaseResult {
    let Some(code) = InviteCode::parse(code_text) else {
        return refuse(Text::new("any-invite-unknown"));
    };
    let now = ctx.timestamp();
    if actor.is_some() {
        // Someone already here tapping a link (theirs again, or one meant for someone else) changes nothing.
        return refuse(Text::new("any-already-joined"));
    }
    let person_id = match invites::redeem_invite(ctx.tx, &code.hash(), now).await? {
        Redemption::Claimed { person_id } => person_id,
        Redemption::Unknown => return refuse(Text::new("any-invite-unknown")),
        Redemption::AlreadyUsed => return refuse(Text::new("any-invite-used")),
        Redemption::Expired => return refuse(Text::new("any-invite-expired")),
    };
    if !people::link_telegram_user(ctx.tx, person_id, telegram_user_id, now).await? {
        return refuse(Text::new("any-invite-used"));
    }
    people::forget_stranger(ctx.tx, telegram_user_id).await?;
    invites::close_invites_for(ctx.tx, person_id, now).await?;
    audit::record(ctx.tx, now, Some(person_id), "joined", Some(person_id)).await?;
    let person = people::find_by_id(ctx.tx, person_id)
        .await?
        .ok_or_else(|| crate::store::StoreError::Corrupt("the person just linked is missing".into()))?;
    let me = Recipient::person(&person)
        .ok_or_else(|| crate::store::StoreError::Corrupt("the person just linked has no chat".into()))?;
    ctx.reply_to = me;
    welcome(ctx, &person);
    tell_inviter(ctx, &person).await
}

fn welcome(ctx: &mut Context<'_>, person: &Person) {
    let name = person.name.as_str();
    match person.role {
        Role::Child => {
            ctx.reply(Text::new("child-welcome").arg("name", name));
            ask_language(ctx);
        }
        // A carer's record carries the child's first name: it is whose reminders they get.
        Role::Carer => {
            ctx.reply(Text::new("carer-welcome").arg("name", name));
            ask_language(ctx);
        }
        role => {
            ctx.reply(Text::new("staff-welcome").arg("name", name).arg("role", role.as_str()));
        }
    }
    set_menu(ctx, person);
}

/// Tells whoever invited the person (a worker for a child, a manager for staff) that they are in.
async fn tell_inviter(ctx: &mut Context<'_>, person: &Person) -> UseCaseResult {
    let inviter_id =
        if person.role == Role::Child { person.worker_id } else { people::invited_by(ctx.tx, person.id).await? };
    if let Some(inviter) = match inviter_id {
        Some(id) => people::find_by_id(ctx.tx, id).await?,
        None => None,
    } {
        ctx.mail.send_to_person(
            &inviter,
            Text::new(if person.role == Role::Carer { "staff-carer-joined" } else { "staff-person-joined" })
                .arg("name", person.name.as_str()),
        );
    }
    Ok(())
}

/// Someone with no invite wrote: told once how to get one, then left alone.
pub async fn greet_stranger(ctx: &mut Context<'_>, telegram_user_id: i64) -> UseCaseResult {
    let now = ctx.timestamp();
    if people::note_stranger(ctx.tx, telegram_user_id, now).await? {
        ctx.reply(Text::new("any-no-invite"));
    }
    Ok(())
}

/// The language question, with one button per language (each named in itself).
pub fn ask_language(ctx: &mut Context<'_>) {
    let buttons = Language::ALL
        .into_iter()
        .map(|language| Button {
            label: Text::new("button-language").arg("language", language.own_name()),
            action: CallbackAction::SetLanguage(language),
        })
        .map(|button| vec![button])
        .collect();
    ctx.mail.send_with_buttons(ctx.reply_to, Text::new("any-choose-language"), buttons);
}

/// A language button was tapped: from now on everything this person reads is in that language.
pub async fn choose_language(
    ctx: &mut Context<'_>,
    actor: &Person,
    language: Language,
    message_id: Option<i64>,
) -> UseCaseResult {
    people::set_language(ctx.tx, actor.id, language).await?;
    let mut person = actor.clone();
    person.language = language;
    ctx.reply_to.language = language;
    let confirmation = Text::new("any-language-set").arg("language", language.own_name());
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, confirmation),
        None => ctx.reply(confirmation),
    }
    set_menu(ctx, &person);
    Ok(())
}

/// This person's command menu: only their commands, in their language.
pub fn set_menu(ctx: &mut Context<'_>, person: &Person) {
    if let Some(to) = Recipient::person(person) {
        let commands =
            CommandName::menu_for(person.role).into_iter().map(|c| (c.word(), c.description_key())).collect();
        ctx.mail.set_commands(to, commands);
    }
}

/// `/help`: what this person can do, each command with its description, in their language.
pub fn help(ctx: &mut Context<'_>, actor: &Person) {
    let key = if actor.role.is_staff() { "staff-help" } else { "child-help" };
    let lines: Vec<Text> = CommandName::menu_for(actor.role)
        .into_iter()
        .map(|c| Text::new("any-help-line").arg("command", c.word()).arg("description", Text::new(c.description_key())))
        .collect();
    ctx.reply(Text::new(key).arg("commands", lines));
}
