//! The durable job table: timed work claimed with a lease, run once, retried with backoff.

use sqlx::Row;

use super::{Backend, Connection, StoreResult};

pub struct NewJob<'a> {
    pub kind: &'a str,
    pub unique_key: &'a str,
    pub occurrence_id: Option<i64>,
    pub person_id: Option<i64>,
    pub detail: &'a str,
    pub due_at: i64,
}

/// Queues a job unless one with the same key exists. `true` if it was new.
pub async fn schedule(conn: &mut Connection, job: NewJob<'_>, now: i64) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO jobs (kind, unique_key, occurrence_id, person_id, detail, due_at, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(job.kind)
    .bind(job.unique_key)
    .bind(job.occurrence_id)
    .bind(job.person_id)
    .bind(job.detail)
    .bind(job.due_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: i64,
    pub kind: String,
    pub occurrence_id: Option<i64>,
    pub person_id: Option<i64>,
    pub detail: String,
    pub due_at: i64,
    pub attempts: i64,
}

/// Claims due jobs, and jobs whose runner died (lease run out), earliest first. No job is claimed by
/// two copies of the bot: on PostgreSQL the rows are taken `FOR UPDATE SKIP LOCKED`.
pub async fn claim_due(
    conn: &mut Connection,
    copy: &str,
    now: i64,
    lease_seconds: i64,
    limit: i64,
) -> StoreResult<Vec<ClaimedJob>> {
    // On PostgreSQL several copies of the bot claim at once; each passes over rows another is claiming.
    let lock = match Backend::of(conn) {
        Backend::Sqlite => "",
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE jobs SET state = 'running', lease_until = $2, attempts = attempts + 1, claimed_by = $4 \
         WHERE id IN (SELECT id FROM jobs \
                      WHERE (state = 'pending' AND due_at <= $1) OR (state = 'running' AND lease_until <= $1) \
                      ORDER BY due_at, id LIMIT $3 {lock}) \
         RETURNING id, kind, occurrence_id, person_id, detail, due_at, attempts"
    );
    let rows = sqlx::query(&sql).bind(now).bind(now + lease_seconds).bind(limit).bind(copy).fetch_all(conn).await?;
    let mut jobs = rows
        .iter()
        .map(|row| {
            Ok(ClaimedJob {
                id: row.try_get("id")?,
                kind: row.try_get("kind")?,
                occurrence_id: row.try_get("occurrence_id")?,
                person_id: row.try_get("person_id")?,
                detail: row.try_get("detail")?,
                due_at: row.try_get("due_at")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    jobs.sort_by_key(|j| (j.due_at, j.id));
    Ok(jobs)
}

/// Keeps the copy `copy`'s claims of the jobs `ids` until `lease_until` (see `outbox::renew_claims`).
pub async fn renew_claims(conn: &mut Connection, copy: &str, ids: &[i64], lease_until: i64) -> StoreResult<u64> {
    super::renew_leases(conn, "jobs", "running", copy, ids, lease_until).await
}

/// Hands back every claimed job at once (not counted as an attempt). Only for a start-up that holds the
/// single-instance lock: whatever is still claimed then belongs to a copy that died. Returns how many.
pub async fn release_all_claims(conn: &mut Connection) -> StoreResult<u64> {
    let done = sqlx::query(
        "UPDATE jobs SET state = 'pending', lease_until = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END WHERE state = 'running'",
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn finish(conn: &mut Connection, id: i64, state: &str, error: Option<&str>, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET state = $2, last_error = $3, finished_at = $4, lease_until = NULL WHERE id = $1")
        .bind(id)
        .bind(state)
        .bind(error)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn retry_later(conn: &mut Connection, id: i64, due_at: i64, error: &str) -> StoreResult<()> {
    sqlx::query("UPDATE jobs SET state = 'pending', due_at = $2, last_error = $3, lease_until = NULL WHERE id = $1")
        .bind(id)
        .bind(due_at)
        .bind(error)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn next_due_at(conn: &mut Connection) -> StoreResult<Option<i64>> {
    let row = sqlx::query(
        "SELECT MIN(CASE WHEN state = 'pending' THEN due_at ELSE lease_until END) AS next FROM jobs WHERE state IN ('pending', 'running')",
    )
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("next")?)
}

/// Whether a job of this kind is waiting or running.
pub async fn has_open(conn: &mut Connection, kind: &str) -> StoreResult<bool> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND state IN ('pending', 'running')")
        .bind(kind)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// Queues the one job of `kind` at `due_at` (e.g. the weekly figures): its key is the kind and moment.
pub async fn schedule_at(conn: &mut Connection, kind: &str, due_at: i64, now: i64) -> StoreResult<bool> {
    let key = format!("{kind}:{due_at}");
    let job = NewJob { kind, unique_key: &key, occurrence_id: None, person_id: None, detail: "", due_at };
    schedule(conn, job, now).await
}

/// The waiting job of a kind, if any: (id, due_at).
pub async fn pending_of_kind(conn: &mut Connection, kind: &str) -> StoreResult<Option<(i64, i64)>> {
    let row = sqlx::query("SELECT id, due_at FROM jobs WHERE kind = $1 AND state = 'pending' ORDER BY due_at LIMIT 1")
        .bind(kind)
        .fetch_optional(conn)
        .await?;
    row.map(|row| Ok((row.try_get("id")?, row.try_get("due_at")?))).transpose()
}

/// Finished jobs due before `before` go, once nothing can make their unique key again: every key
/// holds its moment (a reminder's, a minute's, a weekly run's) or an appointment or drop-in that is
/// over, and nothing is ever scheduled in the past; a job about an appointment stays until the
/// appointment itself is that old.
pub async fn prune_finished_before(conn: &mut Connection, before: i64) -> StoreResult<u64> {
    let done = sqlx::query(
        "DELETE FROM jobs WHERE state IN ('done', 'failed') AND due_at < $1 AND finished_at < $1 \
         AND (occurrence_id IS NULL \
              OR occurrence_id IN (SELECT id FROM occurrences WHERE starts_at < $1))",
    )
    .bind(before)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
