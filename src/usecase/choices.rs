//! Buttons that choose between things the bot offered (which Sam? which child? which appointment?):
//! the button holds a random token and the choice itself stays on the server, so forged button data
//! can never pick something not offered.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::domain::people::PersonName;
use crate::domain::schedule;
use crate::store::appointments::{self as occurrences, OccurrenceState};
use crate::store::choices;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::find_child;
use crate::usecase::action::CallbackAction;
use crate::usecase::commands::CommandName;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;
use crate::usecase::wording;

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

/// At most this many children are offered as buttons, three a row, most recently enrolled first.
const CHILDREN_OFFERED: usize = 30;

/// A command that needs only a child, sent without one (as from the menu): the caseload as buttons,
/// and the command runs for the child tapped, with whatever else was typed.
pub async fn ask_for_a_child(ctx: &mut Context<'_>, actor: &Person, name: CommandName, args: &str) -> UseCaseResult {
    let mut caseload = people::list_caseload(ctx.tx, actor.id).await?;
    if caseload.is_empty() {
        return refuse(Text::new(name.usage_key().unwrap_or(name.description_key())));
    }
    caseload.sort_by_key(|child| std::cmp::Reverse(child.id));
    let mut buttons = Vec::new();
    for child in caseload.iter().take(CHILDREN_OFFERED) {
        let action = CallbackAction::AsChild {
            child_id: child.child_id(),
            command: name.word().to_owned(),
            args: format!("{} {args}", as_typed(&child.name)).trim_end().to_owned(),
        };
        buttons.push(Button {
            label: Text::new("staff-button-card").arg("name", child.name.as_str()),
            action: offer(ctx, action).await?,
        });
    }
    let rows = buttons.chunks(3).map(<[Button]>::to_vec).collect();
    let more = caseload.len().saturating_sub(CHILDREN_OFFERED) as i64;
    ctx.mail.send_with_buttons(ctx.reply_to, Text::new("staff-pick-child").arg("more", more), rows);
    Ok(())
}

/// A name as a person would type it first in a command: in quotes if it has spaces.
pub fn as_typed(name: &str) -> String {
    if name.contains(char::is_whitespace) { format!("\"{name}\"") } else { name.to_owned() }
}

/// At most this many of a child's coming appointments are offered as buttons.
const APPOINTMENTS_OFFERED: usize = 8;

/// `/skip` with only a child: their next appointments as buttons, and the one tapped is skipped.
pub async fn ask_for_an_appointment(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: CommandName,
    child_name: &PersonName,
) -> UseCaseResult {
    let child = find_child(ctx, actor, child_name).await?;
    let (tz, now) = (ctx.time_zone(), ctx.timestamp());
    let until = now + chrono::Duration::weeks(APPOINTMENTS_OFFERED as i64 + 4).num_seconds();
    let coming: Vec<_> = occurrences::list_occurrences(ctx.tx, child.child_id(), now, until)
        .await?
        .into_iter()
        .filter(|o| o.state == OccurrenceState::Scheduled && o.starts_at > now)
        .take(APPOINTMENTS_OFFERED)
        .collect();
    if coming.is_empty() {
        return refuse(Text::new("staff-no-appointments-coming").arg("name", child.name.as_str()));
    }
    let mut rows = Vec::with_capacity(coming.len());
    for occurrence in &coming {
        let date =
            schedule::local_of(tz, chrono::DateTime::from_timestamp(occurrence.starts_at, 0).unwrap_or_default())
                .date();
        let args = format!("{} {date}", as_typed(&child.name));
        let action =
            offer(ctx, CallbackAction::AsChild { child_id: child.child_id(), command: name.word().to_owned(), args })
                .await?;
        rows.push(vec![Button { label: wording::when_exact(tz, occurrence.starts_at), action }]);
    }
    ctx.mail.send_with_buttons(
        ctx.reply_to,
        Text::new("staff-pick-appointment").arg("name", child.name.as_str()),
        rows,
    );
    Ok(())
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
