//! Attendance, reasons for missed appointments, warnings, the engagement panel's queue, engagement
//! alerts and suspensions, a file each. Records are added, not overwritten, so the history stays.

mod attendance;
mod panel;
mod reasons;
mod suspensions;
mod warnings;

pub use attendance::*;
pub use panel::*;
pub use reasons::*;
pub use suspensions::*;
pub use warnings::*;

use crate::domain::ids::ChildId;
use sqlx::Row;

use super::{Connection, StoreError, StoreResult};

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_owned())
}

/// What waits on a child's worker: appointments ended since `since` with no attendance recorded,
/// reasons given and not yet judged, and whether the child is in the panel queue.
pub async fn waiting_on_worker(
    conn: &mut Connection,
    child_id: ChildId,
    since: i64,
    now: i64,
) -> StoreResult<(i64, i64, bool)> {
    let row = sqlx::query(
        "SELECT \
           (SELECT COUNT(*) FROM occurrences o WHERE o.child_id = $1 AND o.state = 'scheduled' \
              AND o.ends_at <= $3 AND o.ends_at > $2 \
              AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.occurrence_id = o.id)) AS unrecorded, \
           (SELECT COUNT(*) FROM miss_reasons r WHERE r.child_id = $1 AND r.acceptable IS NULL \
              AND r.id = (SELECT MAX(m.id) FROM miss_reasons m WHERE m.occurrence_id = r.occurrence_id)) AS unjudged, \
           (SELECT COUNT(*) FROM panel_referrals p WHERE p.child_id = $1 AND p.outcome IS NULL) AS queued",
    )
    .bind(child_id)
    .bind(since)
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok((row.try_get("unrecorded")?, row.try_get("unjudged")?, row.try_get::<i64, _>("queued")? > 0))
}
