//! Invites: one-time codes (stored as hashes) that link a Telegram account to a person.

use crate::domain::ids::PersonId;
use sqlx::Row;

use super::{Connection, StoreResult};

pub async fn insert_invite(
    conn: &mut Connection,
    code_hash: &str,
    person_id: PersonId,
    created_by: Option<PersonId>,
    now: i64,
    expires_at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO invites (code_hash, person_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(code_hash)
    .bind(person_id)
    .bind(created_by)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// What became of an attempt to use an invite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redemption {
    Claimed { person_id: PersonId },
    Unknown,
    AlreadyUsed,
    Expired,
}

/// Uses an invite once. The conditional UPDATE makes two people racing for one code see one winner.
pub async fn redeem_invite(conn: &mut Connection, code_hash: &str, now: i64) -> StoreResult<Redemption> {
    let claimed = sqlx::query(
        "UPDATE invites SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING person_id",
    )
    .bind(code_hash)
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(row) = claimed {
        return Ok(Redemption::Claimed { person_id: row.try_get("person_id")? });
    }
    let row =
        sqlx::query("SELECT used_at FROM invites WHERE code_hash = $1").bind(code_hash).fetch_optional(conn).await?;
    Ok(match row {
        None => Redemption::Unknown,
        Some(row) if row.try_get::<Option<i64>, _>("used_at")?.is_some() => Redemption::AlreadyUsed,
        Some(_) => Redemption::Expired,
    })
}

/// Closes every open invite for a person, so an older link stops working when a new one is made or access ends.
pub async fn close_invites_for(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE invites SET used_at = $2 WHERE person_id = $1 AND used_at IS NULL")
        .bind(person_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// When the newest open invite for a person runs out, if they have one.
pub async fn open_invite_expiry(conn: &mut Connection, person_id: PersonId, now: i64) -> StoreResult<Option<i64>> {
    let row = sqlx::query("SELECT MAX(expires_at) AS expires_at FROM invites WHERE person_id = $1 AND used_at IS NULL AND expires_at > $2")
        .bind(person_id)
        .bind(now)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get("expires_at")?)
}
