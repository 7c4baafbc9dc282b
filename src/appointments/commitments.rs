//! A child's commitments to work around (school, work, family), which slots must not clash with.

use crate::domain::clash::Commitment;
use crate::store::appointments::{self as store};
use crate::store::audit;
use crate::store::people::{self, Person};
use crate::templates::Text;
use crate::usecase::access::{find_child, may_act_on};
use crate::usecase::commands as command;
use crate::usecase::context::{Context, UseCaseResult, refuse};

/// `/commitment NAME DAYS TIME-TIME LABEL [shown=yes]`
pub async fn add_commitment(
    ctx: &mut Context<'_>,
    actor: &Person,
    command::Commitment { child, days, window, label, shown }: command::Commitment,
) -> UseCaseResult {
    let child = find_child(ctx, actor, &child).await?;
    let commitment = Commitment { label, days, window };
    let now = ctx.timestamp();
    store::insert_commitment(ctx.tx, child.child_id(), &commitment, shown, actor.id, now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "add-commitment", Some(child.id)).await?;
    let key = if shown { "staff-commitment-added-shown" } else { "staff-commitment-added" };
    ctx.reply(commitment_text(key, &child, &commitment));
    Ok(())
}

pub(super) fn commitment_text(key: &'static str, child: &Person, commitment: &Commitment) -> Text {
    Text::new(key)
        .arg("name", child.name.as_str())
        .arg("label", commitment.label.as_str())
        .arg("days", commitment.days.to_string())
        .arg("window", commitment.window.to_string())
}

/// The remove button under a commitment in `/child`.
pub async fn remove_commitment(ctx: &mut Context<'_>, actor: &Person, commitment_id: i64) -> UseCaseResult {
    let Some(stored) = store::find_commitment(ctx.tx, commitment_id).await? else {
        return refuse(Text::new("any-old-button"));
    };
    let child = people::find_by_id(ctx.tx, stored.child_id).await?;
    let Some(child) = child.filter(|c| may_act_on(actor, c)) else {
        return refuse(Text::new("any-old-button"));
    };
    ctx.mail.concerning(child.child_id());
    store::delete_commitment(ctx.tx, commitment_id).await?;
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "remove-commitment", Some(child.id)).await?;
    ctx.reply(commitment_text("staff-commitment-removed", &child, &stored.commitment));
    Ok(())
}
