//! What children and carers send of their own accord: counted as it goes to their worker, and held while
//! it waits to go in a digest.

use crate::domain::ids::PersonId;
use sqlx::Row;

use super::{Connection, StoreResult};

/// One thing waiting to go in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub received_at: i64,
    /// words, voice, photo, sticker, document, video or other.
    pub kind: String,
    pub words: Option<String>,
    /// The message in the sender's chat, for media to be passed on as it is.
    pub message_id: Option<i64>,
}

/// Something passed on at once: only when and what kind are kept, to count.
pub async fn record_passed(conn: &mut Connection, person_id: PersonId, kind: &str, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO own_words (person_id, received_at, kind, state) VALUES ($1, $2, $3, 'passed')")
        .bind(person_id)
        .bind(now)
        .bind(kind)
        .execute(conn)
        .await?;
    Ok(())
}

/// Something that waits for the next digest.
pub async fn keep_waiting(conn: &mut Connection, person_id: PersonId, waiting: &Waiting) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO own_words (person_id, received_at, kind, words, message_id, state) \
         VALUES ($1, $2, $3, $4, $5, 'waiting')",
    )
    .bind(person_id)
    .bind(waiting.received_at)
    .bind(&waiting.kind)
    .bind(&waiting.words)
    .bind(waiting.message_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// How many things from the person were passed on at once since `since`.
pub async fn passed_since(conn: &mut Connection, person_id: PersonId, since: i64) -> StoreResult<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM own_words WHERE person_id = $1 AND state = 'passed' AND received_at >= $2",
    )
    .bind(person_id)
    .bind(since)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("n")?)
}

/// When the person last sent anything of their own accord, if lately.
pub async fn last_received(conn: &mut Connection, person_id: PersonId) -> StoreResult<Option<i64>> {
    let row = sqlx::query("SELECT MAX(received_at) AS last FROM own_words WHERE person_id = $1")
        .bind(person_id)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get("last")?)
}

/// Everything waiting from the person, oldest first, now marked passed (its words and message
/// forgotten here: they are in the digest).
pub async fn take_waiting(conn: &mut Connection, person_id: PersonId) -> StoreResult<Vec<Waiting>> {
    let rows = sqlx::query(
        "SELECT received_at, kind, words, message_id FROM own_words \
         WHERE person_id = $1 AND state = 'waiting' ORDER BY id",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    let waiting = rows
        .iter()
        .map(|row| {
            Ok(Waiting {
                received_at: row.try_get("received_at")?,
                kind: row.try_get("kind")?,
                words: row.try_get("words")?,
                message_id: row.try_get("message_id")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    sqlx::query(
        "UPDATE own_words SET state = 'passed', words = NULL, message_id = NULL WHERE person_id = $1 AND state = 'waiting'",
    )
    .bind(person_id)
    .execute(conn)
    .await?;
    Ok(waiting)
}

/// Forgets what was passed on before `before`.
pub async fn prune_passed_before(conn: &mut Connection, before: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM own_words WHERE state = 'passed' AND received_at < $1").bind(before).execute(conn).await?;
    Ok(())
}
