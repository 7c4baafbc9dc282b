//! Parents and carers linked to a child, and the child's consent to it.

use crate::domain::ids::{ChildId, PersonId};
use crate::domain::phone::PhoneNumber;
use sqlx::Row;

use super::people::{self, Person};
use super::{Connection, StoreResult};

pub async fn consent(conn: &mut Connection, child_id: ChildId) -> StoreResult<Option<String>> {
    let row = sqlx::query("SELECT carer_consent FROM children WHERE person_id = $1")
        .bind(child_id)
        .fetch_optional(conn)
        .await?;
    Ok(match row {
        Some(row) => row.try_get("carer_consent")?,
        None => None,
    })
}

pub async fn set_consent(conn: &mut Connection, child_id: ChildId, state: &str) -> StoreResult<()> {
    sqlx::query("UPDATE children SET carer_consent = $2 WHERE person_id = $1")
        .bind(child_id)
        .bind(state)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn link(conn: &mut Connection, carer_id: PersonId, child_id: ChildId, now: i64) -> StoreResult<()> {
    sqlx::query("INSERT INTO carer_links (carer_id, child_id, created_at) VALUES ($1, $2, $3)")
        .bind(carer_id)
        .bind(child_id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// The carers of a child whose access has not ended (joined or not).
pub async fn carers_of(conn: &mut Connection, child_id: ChildId) -> StoreResult<Vec<Person>> {
    let rows = sqlx::query("SELECT carer_id FROM carer_links WHERE child_id = $1 ORDER BY carer_id")
        .bind(child_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut carers = Vec::new();
    for row in rows {
        if let Some(carer) = people::find_by_id(conn, row.try_get::<PersonId, _>("carer_id")?).await?
            && carer.is_active()
        {
            carers.push(carer);
        }
    }
    Ok(carers)
}

pub async fn child_of(conn: &mut Connection, carer_id: PersonId) -> StoreResult<Option<ChildId>> {
    let row =
        sqlx::query("SELECT child_id FROM carer_links WHERE carer_id = $1").bind(carer_id).fetch_optional(conn).await?;
    Ok(match row {
        Some(row) => Some(row.try_get("child_id")?),
        None => None,
    })
}

/// The number a worker gave for the carer the child is being asked about (`None`: on Telegram).
pub async fn set_asked_phone(conn: &mut Connection, child_id: ChildId, phone: Option<&PhoneNumber>) -> StoreResult<()> {
    sqlx::query("UPDATE children SET carer_phone = $2 WHERE person_id = $1")
        .bind(child_id)
        .bind(phone.map(PhoneNumber::as_str))
        .execute(conn)
        .await?;
    Ok(())
}

/// The number given for the carer the child was asked about, if any.
pub async fn asked_phone(conn: &mut Connection, child_id: ChildId) -> StoreResult<Option<PhoneNumber>> {
    let row = sqlx::query("SELECT carer_phone FROM children WHERE person_id = $1")
        .bind(child_id)
        .fetch_optional(conn)
        .await?;
    let phone: Option<String> = match row {
        Some(row) => row.try_get("carer_phone")?,
        None => None,
    };
    Ok(phone.as_deref().and_then(PhoneNumber::parse))
}

/// A carer's number, for texts (`None`: no longer texted, e.g. once the child stopped it).
pub async fn set_phone(conn: &mut Connection, carer_id: PersonId, phone: Option<&PhoneNumber>) -> StoreResult<()> {
    sqlx::query("UPDATE carer_links SET phone = $2 WHERE carer_id = $1")
        .bind(carer_id)
        .bind(phone.map(PhoneNumber::as_str))
        .execute(conn)
        .await?;
    Ok(())
}
