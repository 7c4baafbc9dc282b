//! Managing staff: inviting, listing, revoking, and moving children between caseloads.

use crate::domain::ids::{ChildId, PersonId};
use crate::domain::people::Role;
use crate::people::invites::{self, StaffInvite};
use crate::store::people::{self, Person};
use crate::store::{audit, invites as invite_store, outbox};
use crate::templates::Text;
use crate::usecase::action::CallbackAction;
use crate::usecase::choices;
use crate::usecase::commands::{Invite, Named, Transfer};
use crate::usecase::context::{Context, UseCaseResult, refuse};

/// `/invite worker|host|manager NAME`
pub async fn invite(ctx: &mut Context<'_>, actor: &Person, Invite { role, name }: Invite) -> UseCaseResult {
    let ttl = ctx.settings.invite_ttl.num_seconds();
    let now = ctx.timestamp();
    match invites::invite_staff(ctx.tx, role, &name, Some(actor.id), now, ttl).await? {
        StaffInvite::NameTaken { role: existing } => {
            refuse(Text::new("staff-name-taken").arg("name", name.as_str()).arg("role", existing.as_str()))
        }
        StaffInvite::Issued(issued) => {
            audit::record(ctx.tx, now, Some(actor.id), "invite-staff", Some(issued.person_id)).await?;
            let reply = Text::new("staff-invite-made")
                .arg("name", name.as_str())
                .arg("role", role.as_str())
                .arg("link", issued.code.deep_link(ctx.bot_username))
                .arg("code", issued.code.as_str())
                .arg("expires", ctx.local_time(issued.expires_at));
            ctx.reply(reply);
            Ok(())
        }
    }
}

/// `/staff`
pub async fn list(ctx: &mut Context<'_>) -> UseCaseResult {
    let staff = people::list_staff(ctx.tx).await?;
    let mut lines = Vec::with_capacity(staff.len());
    for person in &staff {
        let line = if !person.has_joined() {
            Text::new("staff-list-pending")
        } else if person.role == Role::Host {
            Text::new("staff-list-host")
        } else {
            Text::new("staff-list-caseload").arg("children", people::count_caseload(ctx.tx, person.id).await?)
        };
        lines.push(line.arg("name", person.name.as_str()).arg("role", person.role.as_str()));
    }
    ctx.reply(Text::new("staff-list").arg("count", staff.len() as i64).arg("people", lines));
    Ok(())
}

/// `/problems`: how many updates were set aside after they kept failing, of what kind, and when the
/// last was. Never what they said: that stays in the database for whoever runs the bot.
pub async fn problems(ctx: &mut Context<'_>) -> UseCaseResult {
    let summary = crate::store::inbox::set_aside_summary(ctx.tx).await?;
    if summary.is_empty() {
        ctx.reply(Text::new("staff-problems-none"));
        return Ok(());
    }
    let tz = ctx.time_zone();
    let total: i64 = summary.iter().map(|(_, _, count, _)| count).sum();
    let lines: Vec<Text> = summary
        .into_iter()
        .map(|(kind, failure, count, newest)| {
            Text::new("staff-problems-line")
                .arg("kind", kind)
                .arg("failure", failure)
                .arg("count", count)
                .arg("when", crate::usecase::wording::when_exact(tz, newest))
        })
        .collect();
    ctx.reply(Text::new("staff-problems").arg("count", total).arg("lines", lines));
    Ok(())
}

/// `/revoke NAME`: ends a member of staff's access once their caseload has moved.
pub async fn revoke(ctx: &mut Context<'_>, actor: &Person, Named { name }: Named) -> UseCaseResult {
    let Some(person) = people::find_staff_by_name(ctx.tx, &name.key()).await? else {
        return refuse(Text::new("staff-no-such-staff").arg("name", name.as_str()));
    };
    if person.id == actor.id {
        return refuse(Text::new("staff-cannot-revoke-self"));
    }
    let children = people::count_caseload(ctx.tx, person.id).await?;
    if children > 0 {
        return refuse(
            Text::new("staff-revoke-has-children").arg("name", person.name.as_str()).arg("children", children),
        );
    }
    let now = ctx.timestamp();
    people::revoke(ctx.tx, person.id, now).await?;
    invite_store::close_invites_for(ctx.tx, person.id, now).await?;
    // Whatever was queued for them (notices about children) goes no further.
    outbox::drop_pending_for(ctx.tx, person.id, now).await?;
    audit::record(ctx.tx, now, Some(actor.id), "revoke-staff", Some(person.id)).await?;
    if let Some(to) = crate::usecase::mail::Recipient::person(&person) {
        ctx.mail.send(to, Text::new("staff-access-ended"));
        ctx.mail.set_commands(to, Vec::new());
    }
    ctx.reply(Text::new("staff-revoked").arg("name", person.name.as_str()));
    Ok(())
}

/// `/transfer CHILD WORKER`: a child's name may need quotes if it has spaces.
pub async fn transfer(
    ctx: &mut Context<'_>,
    actor: &Person,
    Transfer { child: child_name, worker: worker_name }: Transfer,
) -> UseCaseResult {
    let worker = match people::find_staff_by_name(ctx.tx, &worker_name.key()).await? {
        Some(worker) if worker.role.includes(Role::Worker) => worker,
        _ => return refuse(Text::new("staff-no-such-worker").arg("name", worker_name.as_str())),
    };
    let candidates = people::find_children_by_name(ctx.tx, &child_name.key()).await?;
    match candidates.as_slice() {
        [] => refuse(Text::new("staff-no-such-child").arg("name", child_name.as_str())),
        [child] => move_child(ctx, actor, child, &worker).await,
        several => {
            let worker_id = worker.id;
            choices::ask_which_child(ctx, child_name.as_str(), several, |child| CallbackAction::TransferChild {
                child_id: child.child_id(),
                worker_id,
            })
            .await
        }
    }
}

/// The transfer button, checked again: the tapper must still be a manager and both people must still fit.
pub async fn transfer_tapped(
    ctx: &mut Context<'_>,
    actor: &Person,
    child_id: ChildId,
    worker_id: PersonId,
) -> UseCaseResult {
    if !actor.role.includes(Role::Manager) {
        return refuse(Text::new("any-old-button"));
    }
    let child = people::find_by_id(ctx.tx, child_id).await?.filter(|c| c.role == Role::Child);
    let worker =
        people::find_by_id(ctx.tx, worker_id).await?.filter(|w| w.role.includes(Role::Worker) && w.is_active());
    match (child, worker) {
        (Some(child), Some(worker)) => move_child(ctx, actor, &child, &worker).await,
        _ => refuse(Text::new("any-old-button")),
    }
}

async fn move_child(ctx: &mut Context<'_>, actor: &Person, child: &Person, worker: &Person) -> UseCaseResult {
    ctx.mail.concerning(child.child_id());
    if child.worker_id == Some(worker.id) {
        return refuse(
            Text::new("staff-already-on-caseload").arg("name", child.name.as_str()).arg("worker", worker.name.as_str()),
        );
    }
    // Every notice about the child would go nowhere until they join.
    let Some(new_chat) = worker.telegram_user_id else {
        return refuse(
            Text::new("staff-transfer-not-joined").arg("name", child.name.as_str()).arg("worker", worker.name.as_str()),
        );
    };
    if !people::transfer_child(ctx.tx, child.child_id(), worker.id).await? {
        return refuse(
            Text::new("staff-transfer-name-clash").arg("name", child.name.as_str()).arg("worker", worker.name.as_str()),
        );
    }
    let now = ctx.timestamp();
    audit::record(ctx.tx, now, Some(actor.id), "transfer-child", Some(child.id)).await?;
    let old_worker = people::worker_of(ctx.tx, child).await?;
    // What the child said that has not reached the old worker yet goes to the new one.
    if let Some(old_worker) = &old_worker {
        outbox::readdress_about(ctx.tx, child.child_id(), old_worker.id, worker.id, (new_chat, worker.language))
            .await?;
    }
    if let Some(old_worker) = old_worker.filter(|w| w.id != actor.id) {
        ctx.mail.send_to_person(
            &old_worker,
            Text::new("staff-child-moved-away").arg("name", child.name.as_str()).arg("worker", worker.name.as_str()),
        );
    }
    if worker.id != actor.id {
        ctx.mail.send_to_person(worker, Text::new("staff-child-moved-to-you").arg("name", child.name.as_str()));
    }
    ctx.reply(Text::new("staff-transferred").arg("name", child.name.as_str()).arg("worker", worker.name.as_str()));
    Ok(())
}
