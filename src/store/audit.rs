//! The audit log: who did what to whom, and when. Actions are short fixed words, never free text.

use super::{Connection, StoreResult};
use crate::domain::ids::PersonId;

pub async fn record(
    conn: &mut Connection,
    now: i64,
    actor_id: Option<PersonId>,
    action: &str,
    subject_id: Option<PersonId>,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO audit_log (at, actor_id, action, subject_id) VALUES ($1, $2, $3, $4)")
        .bind(now)
        .bind(actor_id)
        .bind(action)
        .bind(subject_id)
        .execute(conn)
        .await?;
    Ok(())
}
