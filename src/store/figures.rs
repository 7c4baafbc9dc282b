//! The raw counts behind the figures, for one period `[from, until)`: per child, and service-wide.

use std::collections::HashMap;

use sqlx::Row;

use super::{Connection, StoreResult};

/// A child on the caseload in the period, with the facts the figures break down by.
#[derive(Debug, Clone)]
pub struct CaseloadChild {
    pub id: i64,
    pub born: Option<String>,
    pub ethnicity: String,
    pub gender: String,
    pub looked_after: String,
    pub worker: String,
    /// Reached by text message rather than Telegram.
    pub on_texts: bool,
}

/// Children on the caseload in the period: enrolled before it ended, order not ended before it began.
pub async fn caseload(conn: &mut Connection, until: i64, first_day: &str) -> StoreResult<Vec<CaseloadChild>> {
    let rows = sqlx::query(
        "SELECT p.id, c.born, c.ethnicity, c.gender, c.looked_after, COALESCE(w.name, '-') AS worker, p.channel \
         FROM people p JOIN children c ON c.person_id = p.id LEFT JOIN people w ON w.id = p.worker_id \
         WHERE p.role = 'child' AND p.created_at < $1 AND (c.order_end IS NULL OR c.order_end >= $2) ORDER BY p.id",
    )
    .bind(until)
    .bind(first_day)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(CaseloadChild {
                id: row.try_get("id")?,
                born: row.try_get("born")?,
                ethnicity: row.try_get("ethnicity")?,
                gender: row.try_get("gender")?,
                looked_after: row.try_get("looked_after")?,
                worker: row.try_get("worker")?,
                on_texts: row.try_get::<String, _>("channel")? == "sms",
            })
        })
        .collect()
}

/// Runs a query with `$1 = from, $2 = until` whose rows are `(child_id, n)`.
async fn per_child(conn: &mut Connection, sql: &str, from: i64, until: i64) -> StoreResult<HashMap<i64, i64>> {
    let rows = sqlx::query(sql).bind(from).bind(until).fetch_all(conn).await?;
    rows.iter().map(|row| Ok((row.try_get::<i64, _>("child_id")?, row.try_get::<i64, _>("n")?))).collect()
}

/// Runs a query with `$1 = from, $2 = until` whose rows are `(kind, n)`.
async fn per_kind(conn: &mut Connection, sql: &str, from: i64, until: i64) -> StoreResult<Vec<(String, i64)>> {
    let rows = sqlx::query(sql).bind(from).bind(until).fetch_all(conn).await?;
    rows.iter().map(|row| Ok((row.try_get::<String, _>("kind")?, row.try_get::<i64, _>("n")?))).collect()
}

/// Appointments that stood in the period (not skipped, moved away, suspended or cancelled).
const STOOD: &str = "o.state = 'scheduled' AND o.starts_at >= $1 AND o.starts_at < $2";

#[derive(Debug, Default)]
pub struct PeriodCounts {
    pub scheduled: HashMap<i64, i64>,
    pub confirmed: HashMap<i64, i64>,
    pub came: HashMap<i64, i64>,
    pub late: HashMap<i64, i64>,
    pub missed: HashMap<i64, i64>,
    pub not_reached: HashMap<i64, i64>,
    pub warnings: HashMap<i64, i64>,
    pub referrals: HashMap<i64, i64>,
    pub dropin_signups: HashMap<i64, i64>,
    pub dropin_attended: HashMap<i64, i64>,
    pub reasons: Vec<(String, i64)>,
    pub outcomes: Vec<(String, i64)>,
    pub dropins_held: i64,
}

pub async fn period_counts(conn: &mut Connection, from: i64, until: i64) -> StoreResult<PeriodCounts> {
    let mut counts = PeriodCounts {
        scheduled: per_child(
            conn,
            &format!("SELECT o.child_id, COUNT(*) AS n FROM occurrences o WHERE {STOOD} GROUP BY o.child_id"),
            from,
            until,
        )
        .await?,
        confirmed: per_child(
            conn,
            &format!(
                "SELECT o.child_id, COUNT(*) AS n FROM occurrences o JOIN answers a ON a.occurrence_id = o.id \
                 WHERE {STOOD} AND a.answer = 'yes' \
                   AND a.id = (SELECT MAX(b.id) FROM answers b WHERE b.occurrence_id = o.id) \
                 GROUP BY o.child_id"
            ),
            from,
            until,
        )
        .await?,
        not_reached: per_child(
            conn,
            &format!(
                "SELECT o.child_id, COUNT(*) AS n FROM occurrences o WHERE {STOOD} AND o.unreachable_at IS NOT NULL \
                 GROUP BY o.child_id"
            ),
            from,
            until,
        )
        .await?,
        warnings: per_child(
            conn,
            "SELECT child_id, COUNT(*) AS n FROM warnings WHERE state = 'given' AND given_at >= $1 AND given_at < $2 \
             GROUP BY child_id",
            from,
            until,
        )
        .await?,
        referrals: per_child(
            conn,
            "SELECT child_id, COUNT(*) AS n FROM panel_referrals WHERE referred_at >= $1 AND referred_at < $2 \
             GROUP BY child_id",
            from,
            until,
        )
        .await?,
        dropin_signups: per_child(
            conn,
            "SELECT s.child_id, COUNT(*) AS n FROM dropin_signups s JOIN dropins d ON d.id = s.dropin_id \
             WHERE s.state = 'signed' AND d.cancelled_at IS NULL AND d.starts_at >= $1 AND d.starts_at < $2 \
             GROUP BY s.child_id",
            from,
            until,
        )
        .await?,
        dropin_attended: per_child(
            conn,
            "SELECT s.child_id, COUNT(*) AS n FROM dropin_signups s JOIN dropins d ON d.id = s.dropin_id \
             WHERE s.state = 'signed' AND s.attended = 1 AND d.cancelled_at IS NULL \
               AND d.starts_at >= $1 AND d.starts_at < $2 \
             GROUP BY s.child_id",
            from,
            until,
        )
        .await?,
        reasons: per_kind(
            conn,
            &format!(
                "SELECT r.reason AS kind, COUNT(*) AS n FROM miss_reasons r JOIN occurrences o ON o.id = r.occurrence_id \
                 WHERE {STOOD} AND r.id = (SELECT MAX(m.id) FROM miss_reasons m WHERE m.occurrence_id = o.id) \
                 GROUP BY r.reason ORDER BY r.reason"
            ),
            from,
            until,
        )
        .await?,
        outcomes: per_kind(
            conn,
            "SELECT outcome AS kind, COUNT(*) AS n FROM panel_referrals \
             WHERE outcome IS NOT NULL AND decided_at >= $1 AND decided_at < $2 GROUP BY outcome ORDER BY outcome",
            from,
            until,
        )
        .await?,
        ..PeriodCounts::default()
    };
    let attendance = sqlx::query(&format!(
        "SELECT o.child_id, a.outcome, COUNT(*) AS n FROM occurrences o JOIN attendance a ON a.occurrence_id = o.id \
         WHERE {STOOD} AND a.id = (SELECT MAX(b.id) FROM attendance b WHERE b.occurrence_id = o.id) \
         GROUP BY o.child_id, a.outcome"
    ))
    .bind(from)
    .bind(until)
    .fetch_all(&mut *conn)
    .await?;
    for row in &attendance {
        let (child, outcome, n): (i64, String, i64) =
            (row.try_get("child_id")?, row.try_get("outcome")?, row.try_get("n")?);
        let map = match outcome.as_str() {
            "came" => &mut counts.came,
            "late" => &mut counts.late,
            _ => &mut counts.missed,
        };
        map.insert(child, n);
    }
    let held = sqlx::query(
        "SELECT COUNT(*) AS n FROM dropins WHERE cancelled_at IS NULL AND starts_at >= $1 AND starts_at < $2",
    )
    .bind(from)
    .bind(until)
    .fetch_one(&mut *conn)
    .await?;
    counts.dropins_held = held.try_get("n")?;
    Ok(counts)
}
