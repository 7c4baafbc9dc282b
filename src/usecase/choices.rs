//! Buttons that choose between things the bot offered (which Sam? which child? which appointment?):
//! the button holds a random token and the choice itself stays on the server, so forged button data
//! can never pick something not offered.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::store::choices;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;

/// How long an offered choice can be taken.
const VALID_SECONDS: i64 = 24 * 60 * 60;

/// Stores `action` for the person being answered and returns the button action that stands for it.
pub async fn offer(ctx: &mut Context<'_>, action: CallbackAction) -> UseCaseResult<CallbackAction> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).expect("the operating system's random source is available");
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let Some(person_id) = ctx.reply_to.person_id else {
        return Err(crate::store::StoreError::Corrupt("a choice offered to someone with no record".into()).into());
    };
    let now = ctx.timestamp();
    let subject = match action {
        CallbackAction::TransferChild { child_id, .. }
        | CallbackAction::KeepApart { child_id, .. }
        | CallbackAction::Erase { child_id, .. }
        | CallbackAction::AsChild { child_id, .. }
        | CallbackAction::BookAnyway { child_id, .. } => Some(child_id.person()),
        _ => None,
    };
    choices::offer(ctx.tx, &token, person_id, &action.encode(), subject, now).await?;
    Ok(CallbackAction::Choice { token })
}

/// Asks which of several children of one name was meant: one button each, "Sam (Alex)" with their
/// worker's name, each standing for `action(child)`.
pub async fn ask_which_child(
    ctx: &mut Context<'_>,
    name: &str,
    children: &[Person],
    action: impl Fn(&Person) -> CallbackAction,
) -> UseCaseResult {
    let mut buttons = Vec::with_capacity(children.len());
    for child in children {
        let worker = people::worker_name(ctx.tx, child).await?;
        let label = Text::new("staff-button-child-of-worker").arg("name", child.name.as_str()).arg("worker", worker);
        buttons.push(vec![Button { label, action: offer(ctx, action(child)).await? }]);
    }
    ctx.mail.send_with_buttons(ctx.reply_to, Text::new("staff-which-child").arg("name", name), buttons);
    Ok(())
}

/// A name as a person would type it first in a command: in quotes if it has spaces.
pub fn as_typed(name: &str) -> String {
    if name.contains(char::is_whitespace) { format!("\"{name}\"") } else { name.to_owned() }
}

/// The action a choice button stands for, if it was offered to this person and is still fresh.
pub async fn take(ctx: &mut Context<'_>, actor: &Person, token: &str) -> UseCaseResult<CallbackAction> {
    let not_before = ctx.timestamp() - VALID_SECONDS;
    let action = choices::find(ctx.tx, token, actor.id, not_before).await?;
    match action.as_deref().and_then(CallbackAction::decode_offered) {
        Some(action) => Ok(action),
        None => refuse(Text::new("any-old-button")),
    }
}
