//! Whether a person can get our messages, and telling their worker at once when they cannot.

use crate::domain::ids::{OutboxId, PersonId};
use crate::domain::people::Role;
use crate::store::people::{self, Person};
use crate::store::{Connection, StoreResult};
use crate::store::{carers, outbox};
use crate::templates::Text;
use crate::usecase::mail::Mail;

/// Marks a person unreachable. The first time, their worker (if they have one) is told with `notice`.
pub async fn record_unreachable(
    conn: &mut Connection,
    person_id: PersonId,
    reason: &str,
    now: i64,
    notice: impl FnOnce(&Person) -> Text,
) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    if !people::mark_unreachable(conn, person_id, reason, now).await? {
        return Ok(mail);
    }
    tell_worker(conn, person_id, notice, &mut mail).await?;
    Ok(mail)
}

/// Telegram refused a child for good (they blocked the bot or left Telegram); texts are on. With a
/// mobile number on their record they go on by text: `refused` (the message Telegram refused, if
/// any) and everything queued for them goes by text, and their worker is told once. `None` if they
/// have no number (or are on texts already): they are unreachable, as before.
pub async fn fall_back_to_texts(
    conn: &mut Connection,
    child: &Person,
    refused: Option<OutboxId>,
    now: i64,
) -> StoreResult<Option<Mail>> {
    if child.role != Role::Child || people::phone_of(conn, child.id).await?.is_none() {
        return Ok(None);
    }
    if child.on_texts() {
        // Moved already (a message queued or in flight as they moved): this one follows them.
        outbox::move_to_texts(conn, child.id, refused.unwrap_or(OutboxId(0)), now).await?;
        return Ok(Some(Mail::default()));
    }
    if !people::fall_back_to_texts(conn, child.id).await? {
        return Ok(None);
    }
    outbox::move_to_texts(conn, child.id, refused.unwrap_or(OutboxId(0)), now).await?;
    let mut mail = Mail::default();
    tell_worker(conn, child.id, named("staff-child-moved-to-texts"), &mut mail).await?;
    Ok(Some(mail))
}

/// Tells a child's worker something about the child.
pub async fn tell_worker(
    conn: &mut Connection,
    person_id: impl Into<PersonId>,
    notice: impl FnOnce(&Person) -> Text,
    mail: &mut Mail,
) -> StoreResult<()> {
    let Some(person) = people::find_by_id(conn, person_id).await? else { return Ok(()) };
    let Some(worker_id) = person.worker_id else { return Ok(()) };
    if let Some(worker) = people::find_by_id(conn, worker_id).await? {
        mail.send_to_person(&worker, notice(&person));
    }
    Ok(())
}

/// The usual notice: the template `key` with the child's name.
pub fn named(key: &'static str) -> impl FnOnce(&Person) -> Text {
    move |person| Text::new(key).arg("name", person.name.as_str())
}

/// A carer who cannot be reached is reported to the child's worker; a member of staff, to the managers.
pub async fn tell_about_adult(conn: &mut Connection, person: &Person, mail: &mut Mail) -> StoreResult<()> {
    if person.role == Role::Carer {
        if let Some(child_id) = carers::child_of(conn, person.id).await? {
            tell_worker(conn, child_id, named("staff-carer-unreachable"), mail).await?;
        }
        return Ok(());
    }
    for manager in people::list_active_managers(conn).await?.iter().filter(|m| m.id != person.id) {
        mail.send_to_person(manager, Text::new("staff-staff-unreachable").arg("name", person.name.as_str()));
    }
    Ok(())
}
