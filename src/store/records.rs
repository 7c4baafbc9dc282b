//! A child's records as a whole: everything held about them (for a subject access request), erasing
//! every personal record of them, the audit trail, and who is past the retention period.

use crate::domain::ids::{ChildId, PersonId};
use serde_json::{Map, Value};
use sqlx::any::AnyRow;
use sqlx::{Column, Row};

use super::{Connection, StoreError, StoreResult};

/// Every table that holds rows about a child, with the column that names them. The export and the
/// erasure both follow this list; `tests/suite/records.rs` checks that it misses no table.
pub const CHILD_TABLES: [(&str, &str); 19] = [
    ("people", "id"),
    ("children", "person_id"),
    ("invites", "person_id"),
    ("commitments", "child_id"),
    ("slots", "child_id"),
    ("occurrences", "child_id"),
    ("answers", "child_id"),
    ("attendance", "child_id"),
    ("miss_reasons", "child_id"),
    ("warnings", "child_id"),
    ("panel_referrals", "child_id"),
    ("engagement_alerts", "child_id"),
    ("suspensions", "child_id"),
    ("clash_overrides", "child_id"),
    ("carer_links", "child_id"),
    ("dropin_signups", "child_id"),
    ("dropin_invites", "child_id"),
    ("own_words", "person_id"),
    ("text_questions", "person_id"),
];

/// Columns never exported: secrets and message bodies kept only to send them.
const NOT_EXPORTED: [&str; 2] = ["code_hash", "payload"];

fn row_to_json(row: &AnyRow) -> StoreResult<Value> {
    let mut object = Map::new();
    for column in row.columns() {
        let name = column.name();
        if NOT_EXPORTED.contains(&name) {
            continue;
        }
        let value = if let Ok(v) = row.try_get::<Option<i64>, _>(name) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else if let Ok(v) = row.try_get::<Option<f64>, _>(name) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else if let Ok(v) = row.try_get::<Option<String>, _>(name) {
            v.map(Value::from).unwrap_or(Value::Null)
        } else {
            // Never drop a value from a subject access export without saying so.
            return Err(StoreError::Corrupt(format!("cannot export column {name}")));
        };
        object.insert(name.to_owned(), value);
    }
    Ok(Value::Object(object))
}

/// Every row about the child, table by table (and about their carers), as JSON.
pub async fn everything_about(conn: &mut Connection, child_id: ChildId) -> StoreResult<Map<String, Value>> {
    let mut all = Map::new();
    for (table, column) in CHILD_TABLES {
        let sql = format!("SELECT * FROM {table} WHERE {column} = $1");
        let rows = sqlx::query(&sql).bind(child_id).fetch_all(&mut *conn).await?;
        all.insert(table.to_owned(), Value::Array(rows.iter().map(row_to_json).collect::<StoreResult<_>>()?));
    }
    let carers = sqlx::query(
        "SELECT p.id, p.name, p.language, p.created_at, p.joined_at, p.channel FROM people p \
         JOIN carer_links l ON l.carer_id = p.id WHERE l.child_id = $1",
    )
    .bind(child_id)
    .fetch_all(&mut *conn)
    .await?;
    all.insert("carers".into(), Value::Array(carers.iter().map(row_to_json).collect::<StoreResult<_>>()?));
    // Who they are kept apart from is another child's record: only how many.
    let apart = sqlx::query("SELECT COUNT(*) AS n FROM kept_apart WHERE child_a = $1 OR child_b = $1")
        .bind(child_id)
        .fetch_one(&mut *conn)
        .await?;
    all.insert("kept_apart_from_children".into(), Value::from(apart.try_get::<i64, _>("n")?));
    let audit = sqlx::query(
        "SELECT a.at, a.action, COALESCE(p.name, '') AS by_whom FROM audit_log a \
         LEFT JOIN people p ON p.id = a.actor_id WHERE a.subject_id = $1 ORDER BY a.at, a.id",
    )
    .bind(child_id)
    .fetch_all(&mut *conn)
    .await?;
    all.insert("audit_log".into(), Value::Array(audit.iter().map(row_to_json).collect::<StoreResult<_>>()?));
    Ok(all)
}

/// Removes every personal record of the child: their carers, messages and taps waiting, choices that
/// name them, flows half done, and then the person, whose rows go with them (the foreign keys cascade). The audit
/// log keeps its entries with nobody named.
pub async fn erase_child(conn: &mut Connection, child_id: ChildId) -> StoreResult<()> {
    let telegram = sqlx::query("SELECT telegram_user_id FROM people WHERE id = $1")
        .bind(child_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| row.try_get::<Option<i64>, _>("telegram_user_id"))
        .transpose()?
        .flatten();
    let carers = sqlx::query("SELECT carer_id FROM carer_links WHERE child_id = $1")
        .bind(child_id)
        .fetch_all(&mut *conn)
        .await?;
    for carer in &carers {
        let carer_id: PersonId = carer.try_get("carer_id")?;
        erase_person(conn, carer_id).await?;
    }
    if let Some(telegram) = telegram {
        forget_chat(conn, telegram).await?;
    }
    sqlx::query("DELETE FROM people WHERE id = $1").bind(child_id).execute(&mut *conn).await?;
    // A flow about the child goes with them (its foreign key cascades); one that names them among its
    // answers (another child kept apart, invited) holds their name as typed, so every flow half done
    // ends: a member of staff starts theirs again, and nothing names the child.
    sqlx::query("DELETE FROM flows").execute(&mut *conn).await?;
    Ok(())
}

async fn erase_person(conn: &mut Connection, person_id: PersonId) -> StoreResult<()> {
    let telegram = sqlx::query("SELECT telegram_user_id FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| row.try_get::<Option<i64>, _>("telegram_user_id"))
        .transpose()?
        .flatten();
    if let Some(telegram) = telegram {
        forget_chat(conn, telegram).await?;
    }
    sqlx::query("DELETE FROM people WHERE id = $1").bind(person_id).execute(&mut *conn).await?;
    Ok(())
}

/// Messages still to go to a chat, updates from it not yet handled, and the note that it once wrote
/// to us without an invite.
async fn forget_chat(conn: &mut Connection, telegram_user_id: i64) -> StoreResult<()> {
    sqlx::query("DELETE FROM outbox WHERE chat_id = $1").bind(telegram_user_id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM strangers WHERE telegram_user_id = $1").bind(telegram_user_id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM set_aside_updates WHERE telegram_user_id = $1")
        .bind(telegram_user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM inbound_updates WHERE payload LIKE $1")
        .bind(format!("%\"user_id\":{telegram_user_id},%"))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// One line of a child's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: i64,
    pub action: String,
    pub by: Option<String>,
}

pub async fn audit_trail(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<AuditEntry>> {
    let rows = sqlx::query(
        "SELECT a.at, a.action, p.name FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id \
         WHERE a.subject_id = $1 ORDER BY a.at, a.id",
    )
    .bind(child_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| Ok(AuditEntry { at: row.try_get("at")?, action: row.try_get("action")?, by: row.try_get("name")? }))
        .collect()
}

/// Children whose order ended before `ended_before` (a `YYYY-MM-DD` date).
pub async fn past_retention(conn: &mut Connection, ended_before: &str) -> StoreResult<Vec<ChildId>> {
    let rows =
        sqlx::query("SELECT person_id FROM children WHERE order_end IS NOT NULL AND order_end < $1 ORDER BY person_id")
            .bind(ended_before)
            .fetch_all(conn)
            .await?;
    rows.iter().map(|row| Ok(row.try_get("person_id")?)).collect()
}
