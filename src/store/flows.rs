//! Guided flows staff are part way through: a command's pieces asked one by one, kept so a restart
//! carries on where it was.

use sqlx::Row;

use crate::domain::ids::PersonId;

use super::{Connection, StoreResult};

/// A flow as kept: the command's word, what was typed after it, the child it is about (if chosen
/// yet) and its answers so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFlow {
    pub id: i64,
    pub command: String,
    pub typed: String,
    pub child_id: Option<PersonId>,
    pub pieces: String,
    /// A piece asked for though the command has what it needs, by its code.
    pub also: Option<String>,
    pub updated_at: i64,
}

/// Starts a flow for this person in place of any other; its new id.
pub async fn start(
    conn: &mut Connection,
    person_id: PersonId,
    command: &str,
    typed: &str,
    child_id: Option<PersonId>,
    also: Option<&str>,
    now: i64,
) -> StoreResult<i64> {
    end(&mut *conn, person_id).await?;
    let row = sqlx::query(
        "INSERT INTO flows (person_id, command, typed, child_id, pieces, also, updated_at) \
         VALUES ($1, $2, $3, $4, '[]', $5, $6) RETURNING id",
    )
    .bind(person_id)
    .bind(command)
    .bind(typed)
    .bind(child_id)
    .bind(also)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

/// This person's flow, if they have one.
pub async fn find(conn: &mut Connection, person_id: PersonId) -> StoreResult<Option<StoredFlow>> {
    let row =
        sqlx::query("SELECT id, command, typed, child_id, pieces, also, updated_at FROM flows WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(conn)
            .await?;
    row.map(|row| {
        Ok(StoredFlow {
            id: row.try_get("id")?,
            command: row.try_get("command")?,
            typed: row.try_get("typed")?,
            child_id: row.try_get("child_id")?,
            pieces: row.try_get("pieces")?,
            also: row.try_get("also")?,
            updated_at: row.try_get("updated_at")?,
        })
    })
    .transpose()
}

/// Keeps a flow's child and answers so far.
pub async fn save(
    conn: &mut Connection,
    flow_id: i64,
    child_id: Option<PersonId>,
    pieces: &str,
    now: i64,
) -> StoreResult<()> {
    sqlx::query("UPDATE flows SET child_id = $2, pieces = $3, updated_at = $4 WHERE id = $1")
        .bind(flow_id)
        .bind(child_id)
        .bind(pieces)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Ends this person's flow, finished or not.
pub async fn end(conn: &mut Connection, person_id: PersonId) -> StoreResult<()> {
    sqlx::query("DELETE FROM flows WHERE person_id = $1").bind(person_id).execute(conn).await?;
    Ok(())
}

/// Flows left untouched since before `before` go.
pub async fn prune_before(conn: &mut Connection, before: i64) -> StoreResult<u64> {
    let done = sqlx::query("DELETE FROM flows WHERE updated_at < $1").bind(before).execute(conn).await?;
    Ok(done.rows_affected())
}
