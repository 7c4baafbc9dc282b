//! The durable job table: timed work claimed with a lease, run once, retried with backoff.

use crate::domain::ids::{ChildId, DropinId, OccurrenceId, PersonId};
use sqlx::Row;

use super::{Backend, Connection, StoreResult};

/// What a job does, with what it needs to do it. Kept in the `kind`, `occurrence_id`, `person_id` and
/// `detail` columns, as earlier versions wrote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// One of an appointment's reminders to the child. The planning one, the day before, asks how they
    /// will get there.
    Reminder { occurrence_id: OccurrenceId, child_id: ChildId, planning: bool },
    /// After an appointment: the worker is asked how it went.
    Attendance { occurrence_id: OccurrenceId, child_id: ChildId },
    /// The weekly figures for the managers.
    Figures,
    /// The nightly retention run; it comes back at once for each next child, counting how many it
    /// erased before.
    Retention { erased_before: i64 },
    /// A drop-in's joining link, to everyone signed up, shortly before it starts.
    DropinLinks { dropin_id: DropinId },
    /// What a child or carer sent in one minute, gathered for their worker.
    WordsDigest { person_id: PersonId },
}

/// The kind of a job, as the `kind` column names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Reminder,
    Attendance,
    Figures,
    Retention,
    DropinLinks,
    WordsDigest,
}

impl JobKind {
    const ALL: [JobKind; 6] = [
        JobKind::Reminder,
        JobKind::Attendance,
        JobKind::Figures,
        JobKind::Retention,
        JobKind::DropinLinks,
        JobKind::WordsDigest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JobKind::Reminder => "reminder",
            JobKind::Attendance => "attendance",
            JobKind::Figures => "figures",
            JobKind::Retention => "retention",
            JobKind::DropinLinks => "dropin-link",
            JobKind::WordsDigest => "words-digest",
        }
    }

    fn from_code(code: &str) -> Option<JobKind> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

const PLANNING: &str = "plan";
const SOON: &str = "soon";

impl Work {
    pub fn kind(self) -> JobKind {
        match self {
            Work::Reminder { .. } => JobKind::Reminder,
            Work::Attendance { .. } => JobKind::Attendance,
            Work::Figures => JobKind::Figures,
            Work::Retention { .. } => JobKind::Retention,
            Work::DropinLinks { .. } => JobKind::DropinLinks,
            Work::WordsDigest { .. } => JobKind::WordsDigest,
        }
    }

    /// The appointment the job is about, if any.
    pub fn occurrence_id(self) -> Option<OccurrenceId> {
        match self {
            Work::Reminder { occurrence_id, .. } | Work::Attendance { occurrence_id, .. } => Some(occurrence_id),
            _ => None,
        }
    }

    /// The person the job is about, if any: whose worker hears if it cannot be done.
    pub fn person_id(self) -> Option<PersonId> {
        match self {
            Work::Reminder { child_id, .. } | Work::Attendance { child_id, .. } => Some(child_id.person()),
            Work::WordsDigest { person_id } => Some(person_id),
            _ => None,
        }
    }

    fn detail(self) -> String {
        match self {
            Work::Reminder { planning: true, .. } => PLANNING.into(),
            Work::Reminder { planning: false, .. } => SOON.into(),
            Work::Retention { erased_before } => erased_before.to_string(),
            Work::DropinLinks { dropin_id } => dropin_id.to_string(),
            _ => String::new(),
        }
    }

    /// No two jobs share a key, so scheduling the same work for the same moment twice queues it once.
    /// Each key holds its moment or something that is over in time (see `prune_finished_before`).
    fn unique_key(self, due_at: i64) -> String {
        let kind = self.kind().code();
        match self {
            Work::Reminder { occurrence_id, .. } => format!("{kind}:{occurrence_id}:{due_at}"),
            Work::Attendance { occurrence_id, .. } => format!("{kind}:{occurrence_id}"),
            Work::DropinLinks { dropin_id } => format!("{kind}:{dropin_id}"),
            // Due at the end of the minute it gathers.
            Work::WordsDigest { person_id } => format!("{kind}:{person_id}:{}", due_at.div_euclid(60) - 1),
            Work::Retention { erased_before } if erased_before > 0 => format!("{kind}:{due_at}:{erased_before}"),
            Work::Retention { .. } | Work::Figures => format!("{kind}:{due_at}"),
        }
    }

    /// Reads a job's columns back; `None` if they do not make a job this version knows.
    fn read(
        kind: &str,
        occurrence_id: Option<OccurrenceId>,
        person_id: Option<PersonId>,
        detail: &str,
    ) -> Option<Work> {
        // A reminder's or an attendance question's person is the child whose appointment it is.
        let child = |person: Option<PersonId>| person.map(|id| ChildId(id.0));
        Some(match JobKind::from_code(kind)? {
            JobKind::Reminder => Work::Reminder {
                occurrence_id: occurrence_id?,
                child_id: child(person_id)?,
                planning: detail == PLANNING,
            },
            JobKind::Attendance => Work::Attendance { occurrence_id: occurrence_id?, child_id: child(person_id)? },
            JobKind::Figures => Work::Figures,
            JobKind::Retention => Work::Retention { erased_before: detail.parse().unwrap_or(0) },
            JobKind::DropinLinks => Work::DropinLinks { dropin_id: DropinId(detail.parse().ok()?) },
            JobKind::WordsDigest => Work::WordsDigest { person_id: person_id? },
        })
    }
}

/// Queues `work` at `due_at` unless the same work is already queued for that moment. `true` if it was new.
pub async fn schedule(conn: &mut Connection, work: Work, due_at: i64, now: i64) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO jobs (kind, unique_key, occurrence_id, person_id, detail, due_at, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(work.kind().code())
    .bind(work.unique_key(due_at))
    .bind(work.occurrence_id())
    .bind(work.person_id())
    .bind(work.detail())
    .bind(due_at)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: i64,
    /// As the `kind` column has it, for the log.
    pub kind: String,
    /// What to do; `None` if the row does not make a job this version knows (it fails, and is given up).
    pub work: Option<Work>,
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
            let kind: String = row.try_get("kind")?;
            let detail: String = row.try_get("detail")?;
            let work = Work::read(&kind, row.try_get("occurrence_id")?, row.try_get("person_id")?, &detail);
            Ok(ClaimedJob {
                id: row.try_get("id")?,
                kind,
                work,
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

/// How a job ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobEnd<'a> {
    Done,
    /// Given up after its last try, with the last error.
    Failed {
        error: &'a str,
    },
}

pub async fn finish(conn: &mut Connection, id: i64, end: JobEnd<'_>, now: i64) -> StoreResult<()> {
    let (state, error) = match end {
        JobEnd::Done => ("done", None),
        JobEnd::Failed { error } => ("failed", Some(error)),
    };
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
pub async fn has_open(conn: &mut Connection, kind: JobKind) -> StoreResult<bool> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND state IN ('pending', 'running')")
        .bind(kind.code())
        .fetch_one(conn)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

/// The waiting job of a kind, if any: (id, due_at).
pub async fn pending_of_kind(conn: &mut Connection, kind: JobKind) -> StoreResult<Option<(i64, i64)>> {
    let row = sqlx::query("SELECT id, due_at FROM jobs WHERE kind = $1 AND state = 'pending' ORDER BY due_at LIMIT 1")
        .bind(kind.code())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_reads_back_as_written_with_the_keys_earlier_versions_made() {
        let at = 1_800_000_000;
        let cases = [
            (
                Work::Reminder { occurrence_id: OccurrenceId(7), child_id: ChildId(3), planning: true },
                "reminder:7:1800000000",
            ),
            (
                Work::Reminder { occurrence_id: OccurrenceId(7), child_id: ChildId(3), planning: false },
                "reminder:7:1800000000",
            ),
            (Work::Attendance { occurrence_id: OccurrenceId(7), child_id: ChildId(3) }, "attendance:7"),
            (Work::Figures, "figures:1800000000"),
            (Work::Retention { erased_before: 0 }, "retention:1800000000"),
            (Work::Retention { erased_before: 4 }, "retention:1800000000:4"),
            (Work::DropinLinks { dropin_id: DropinId(9) }, "dropin-link:9"),
            (Work::WordsDigest { person_id: PersonId(3) }, "words-digest:3:29999999"),
        ];
        for (work, key) in cases {
            assert_eq!(work.unique_key(at), key);
            let read = Work::read(work.kind().code(), work.occurrence_id(), work.person_id(), &work.detail());
            assert_eq!(read, Some(work));
        }
    }

    #[test]
    fn a_row_that_makes_no_job_reads_as_none() {
        assert_eq!(Work::read("reminder", None, Some(PersonId(3)), "plan"), None, "a reminder needs its appointment");
        assert_eq!(Work::read("dropin-link", None, None, "x"), None);
        assert_eq!(Work::read("words-digest", None, None, ""), None);
        assert_eq!(Work::read("sms-poll", None, None, ""), None, "a later version's kind");
    }
}
