//! Who may act on what: a member of staff on a child, a child on their own appointment, and
//! finding the child a name means. Shared by every capability.

use crate::domain::ids::{ChildId, OccurrenceId};
use crate::domain::people::{PersonName, Role};
use crate::store::appointments::{self as occurrences, Occurrence};
use crate::store::people::{self, Person};
use crate::store::{self, carers};
use crate::templates::Text;
use crate::usecase::context::{Context, UseCaseResult, refuse};
use crate::usecase::mail::Recipient;

/// What a child's yes to their carers getting their reminders is recorded as.
pub const CONSENT_YES: &str = "yes";

/// Whether a member of staff may act on this child: their own caseload, or any child for a manager.
pub fn may_act_on(actor: &Person, child: &Person) -> bool {
    child.role == Role::Child && (child.worker_id == Some(actor.id) || actor.role.includes(Role::Manager))
}

/// The child of that name this person may act on: a worker's own caseload only; a manager's own first,
/// then the whole service when the name is unique there.
pub async fn find_child(ctx: &mut Context<'_>, actor: &Person, name: &PersonName) -> UseCaseResult<Person> {
    if let Some(chosen) = ctx.chosen_child {
        let child = people::find_by_id(ctx.tx, chosen).await?;
        if let Some(child) = child.filter(|c| may_act_on(actor, c) && c.name.to_lowercase() == name.key()) {
            ctx.chosen_child = None;
            ctx.mail.concerning(child.child_id());
            return Ok(child);
        }
    }
    if let Some(child) = people::find_child_in_caseload(ctx.tx, actor.id, &name.key()).await? {
        ctx.mail.concerning(child.child_id());
        return Ok(child);
    }
    if actor.role.includes(Role::Manager) {
        let mut everywhere = people::find_children_by_name(ctx.tx, &name.key()).await?;
        match everywhere.len() {
            1 => {
                let child = everywhere.remove(0);
                ctx.mail.concerning(child.child_id());
                return Ok(child);
            }
            0 => {}
            _ => return refuse(Text::new("staff-child-ambiguous").arg("name", name.as_str())),
        }
    }
    refuse(Text::new("staff-no-such-child").arg("name", name.as_str()))
}

/// The occurrence a child's tap names, if it is theirs; otherwise the tap is refused as an old button.
pub async fn own_occurrence(
    ctx: &mut Context<'_>,
    actor: &Person,
    occurrence_id: OccurrenceId,
) -> UseCaseResult<Occurrence> {
    let occurrence = occurrences::find_occurrence(ctx.tx, occurrence_id).await?;
    match occurrence.filter(|o| actor.as_child() == Some(o.child_id)) {
        Some(occurrence) => Ok(occurrence),
        None => refuse(Text::new("any-old-button")),
    }
}

/// The joined carers who get this child's reminders.
pub async fn recipients(conn: &mut store::Connection, child_id: ChildId) -> store::StoreResult<Vec<Recipient>> {
    // Only while the child's yes stands.
    if carers::consent(conn, child_id).await?.as_deref() != Some(CONSENT_YES) {
        return Ok(Vec::new());
    }
    Ok(carers::carers_of(conn, child_id).await?.iter().filter_map(Recipient::person).collect())
}

/// The children a manager could mean by a name, when it is more than one and none is their own:
/// empty when the name is unambiguous for them (or nobody's), or they are not a manager.
pub async fn children_a_name_could_mean(
    ctx: &mut Context<'_>,
    actor: &Person,
    name: &PersonName,
) -> UseCaseResult<Vec<Person>> {
    if !actor.role.includes(Role::Manager)
        || people::find_child_in_caseload(ctx.tx, actor.id, &name.key()).await?.is_some()
    {
        return Ok(Vec::new());
    }
    let everywhere = people::find_children_by_name(ctx.tx, &name.key()).await?;
    Ok(if everywhere.len() > 1 { everywhere } else { Vec::new() })
}
