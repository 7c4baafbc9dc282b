//! The audit log: who did what to whom, and when. Actions are short fixed words, never free text.

use super::{Connection, StoreResult};

pub async fn record(
    conn: &mut Connection,
    now: i64,
    actor_id: Option<i64>,
    action: &str,
    subject_id: Option<i64>,
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
