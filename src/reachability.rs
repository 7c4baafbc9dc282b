//! Whether a person can get our messages, and telling their worker at once when they cannot.

use crate::messaging::Mail;
use crate::store::people;
use crate::store::{Connection, StoreResult};
use crate::templates::Text;

/// Marks a person unreachable. The first time, their worker (if they have one) is told, with `worker_key`.
pub async fn record_unreachable(
    conn: &mut Connection,
    person_id: i64,
    reason: &str,
    now: i64,
    worker_key: &'static str,
) -> StoreResult<Mail> {
    let mut mail = Mail::default();
    if !people::mark_unreachable(conn, person_id, reason, now).await? {
        return Ok(mail);
    }
    tell_worker(conn, person_id, worker_key, &mut mail).await?;
    Ok(mail)
}

/// Tells a child's worker something about the child, by template key with the child's name.
pub async fn tell_worker(
    conn: &mut Connection,
    person_id: i64,
    worker_key: &'static str,
    mail: &mut Mail,
) -> StoreResult<()> {
    let Some(person) = people::find_by_id(conn, person_id).await? else { return Ok(()) };
    let Some(worker_id) = person.worker_id else { return Ok(()) };
    if let Some(worker) = people::find_by_id(conn, worker_id).await? {
        mail.send_to_person(&worker, Text::new(worker_key).arg("name", person.name.as_str()));
    }
    Ok(())
}
