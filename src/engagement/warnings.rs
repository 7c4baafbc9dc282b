//! Warnings: the worker's decision, never automatic and never from a button a child can reach.
//! `/warn` proposes one; only the worker's confirmation gives it. More than one puts the child in the
//! engagement panel's queue.

use crate::domain::engagement::{LastReferral, needs_referral};
use crate::domain::ids::OccurrenceId;
use crate::domain::people::Awaiting;
use crate::engagement::panel;
use crate::store::audit;
use crate::store::engagement as store;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::{find_child, may_act_on};
use crate::usecase::action::CallbackAction;
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Button;

/// `/warn NAME REASON`: asks the worker to confirm with a button. Nothing is given yet.
pub async fn warn(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Warn { child, reason }: command::Warn,
) -> UseCaseResult {
    let child = find_child(ctx, actor, &child).await?;
    propose(ctx, actor, &child, None, &reason).await
}

/// **Give a warning...** under a reason judged not acceptable: the worker is asked why, in a few words.
pub async fn ask_why(ctx: &mut Context<'_>, actor: &Person, reason_id: i64) -> UseCaseResult {
    let (child, _) = judged_reason(ctx, actor, reason_id).await?;
    people::set_awaiting(ctx.tx, actor.id, Some(Awaiting::WarningReason { reason_id })).await?;
    ctx.reply(Text::new("staff-warn-ask-why").arg("name", child.name.as_str()));
    Ok(())
}

/// The worker's few words after **Give a warning...**: proposed for that missed appointment, to confirm
/// as `/warn` does. Too long is refused and the question stands; a command instead moves on.
pub async fn typed_why(ctx: &mut Context<'_>, actor: &Person, reason_id: i64, text: &str) -> UseCaseResult<bool> {
    people::set_awaiting(ctx.tx, actor.id, None).await?;
    let (child, occurrence_id) = judged_reason(ctx, actor, reason_id).await?;
    let why = match command::read_reason(text) {
        Ok(Some(why)) => why,
        Ok(None) => return refuse(Text::new("staff-warn-ask-why").arg("name", child.name.as_str())),
        Err(too_long) => return refuse(too_long),
    };
    propose(ctx, actor, &child, Some(occurrence_id), &why).await?;
    Ok(true)
}

/// The child whose reason for missing this was, if the worker may act on them.
async fn judged_reason(ctx: &mut Context<'_>, actor: &Person, reason_id: i64) -> UseCaseResult<(Person, OccurrenceId)> {
    let Some(reason) = store::find_reason(ctx.tx, reason_id).await? else { return refuse(Text::new("any-old-button")) };
    let child = people::find_by_id(ctx.tx, reason.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    Ok((child, reason.occurrence_id))
}

/// A warning proposed, with the buttons that give it or drop it. Nothing is given yet.
async fn propose(
    ctx: &mut Context<'_>,
    actor: &Person,
    child: &Person,
    occurrence_id: Option<OccurrenceId>,
    reason: &str,
) -> UseCaseResult {
    let now = ctx.timestamp();
    let warning_id = store::propose_warning(ctx.tx, child.child_id(), occurrence_id, reason, actor.id, now).await?;
    let so_far = store::given_warnings(ctx.tx, child.child_id()).await?.len() as i64;
    let text =
        Text::new("staff-warn-confirm").arg("name", child.name.as_str()).arg("reason", reason).arg("count", so_far);
    let buttons = vec![vec![
        Button {
            label: Text::new("staff-button-give-warning"),
            action: CallbackAction::ConfirmWarning { warning_id, give: true },
        },
        Button {
            label: Text::new("staff-button-no-warning"),
            action: CallbackAction::ConfirmWarning { warning_id, give: false },
        },
    ]];
    ctx.mail.send_with_buttons(ctx.reply_to, text, buttons);
    Ok(())
}

/// The confirmation button. Only the member of staff who proposed the warning can give it.
pub async fn confirm(
    ctx: &mut Context<'_>,
    actor: &Person,
    warning_id: i64,
    give: bool,
    message_id: Option<i64>,
) -> UseCaseResult {
    let Some(warning) = store::find_warning(ctx.tx, warning_id).await?.filter(|w| w.proposed_by == Some(actor.id))
    else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, warning.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else { return refuse(Text::new("any-old-button")) };
    ctx.mail.concerning(child.child_id());
    let now = ctx.timestamp();
    if !store::settle_warning(ctx.tx, warning.id, give, now).await? {
        return refuse(Text::new("staff-warning-already-settled"));
    }
    if !give {
        if let Some(message_id) = message_id {
            ctx.mail.edit(
                ctx.reply_to,
                message_id,
                Text::new("staff-warning-dropped").arg("name", child.name.as_str()),
            );
        }
        return Ok(());
    }
    audit::record(ctx.tx, now, Some(actor.id), "warning", Some(child.id)).await?;
    let given = store::given_warnings(ctx.tx, child.child_id()).await?.len();
    let text = Text::new("staff-warning-given").arg("name", child.name.as_str()).arg("count", given as i64);
    match message_id {
        Some(message_id) => ctx.mail.edit(ctx.reply_to, message_id, text),
        None => ctx.reply(text),
    }
    // A manager gave it: the child's worker hears too.
    if child.worker_id != Some(actor.id)
        && let Some(worker) = people::worker_of(ctx.tx, &child).await?
    {
        ctx.mail.send_to_person(
            &worker,
            Text::new("staff-warning-given-by")
                .arg("name", child.name.as_str())
                .arg("by", actor.name.as_str())
                .arg("reason", warning.reason.as_str()),
        );
    }
    // The child is told plainly what it means, and that their worker still wants to help: one idea a message.
    for key in ["child-warning", "child-warning-meaning", "child-warning-help"] {
        ctx.mail.send_to_person(&child, Text::new(key));
    }
    let last = store::referrals_of(ctx.tx, child.child_id())
        .await?
        .last()
        .map(|r| LastReferral { open: r.outcome.is_none(), warnings: r.warnings as usize });
    if needs_referral(given, last)
        && let Some(referral_id) = store::refer(ctx.tx, child.child_id(), given as i64, now).await?
    {
        audit::record(ctx.tx, now, Some(actor.id), "panel-referral", Some(child.id)).await?;
        panel::announce(ctx, &child, referral_id).await?;
    }
    Ok(())
}
