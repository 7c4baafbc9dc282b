//! Drop-in sessions, invitations and sign-ups.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Connection, StoreError, StoreResult};
use crate::domain::dropins::Audience;
use crate::domain::ids::{ChildId, DropinId, PersonId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropin {
    pub id: DropinId,
    pub title: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub audience: Audience,
    pub link: String,
    pub invited_only: bool,
    pub host_id: Option<PersonId>,
    pub cancelled_at: Option<i64>,
    pub link_sent_at: Option<i64>,
}

const DROPIN_COLUMNS: &str = "id, title, starts_at, ends_at, capacity, min_age, max_age, sex, link, invited_only, host_id, cancelled_at, link_sent_at";

fn dropin_from_row(row: &AnyRow) -> StoreResult<Dropin> {
    Ok(Dropin {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        starts_at: row.try_get("starts_at")?,
        ends_at: row.try_get("ends_at")?,
        capacity: row.try_get("capacity")?,
        audience: Audience {
            min_age: row.try_get("min_age")?,
            max_age: row.try_get("max_age")?,
            sex: row.try_get("sex")?,
        },
        link: row.try_get("link")?,
        invited_only: row.try_get::<i64, _>("invited_only")? != 0,
        host_id: row.try_get("host_id")?,
        cancelled_at: row.try_get("cancelled_at")?,
        link_sent_at: row.try_get("link_sent_at")?,
    })
}

pub struct NewDropin<'a> {
    pub title: &'a str,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
    pub audience: &'a Audience,
    pub link: &'a str,
    pub invited_only: bool,
    pub host_id: PersonId,
    pub now: i64,
}

pub async fn insert_dropin(conn: &mut Connection, dropin: NewDropin<'_>) -> StoreResult<DropinId> {
    let row = sqlx::query(
        "INSERT INTO dropins (title, starts_at, ends_at, capacity, min_age, max_age, sex, link, invited_only, host_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(dropin.title)
    .bind(dropin.starts_at)
    .bind(dropin.ends_at)
    .bind(dropin.capacity)
    .bind(dropin.audience.min_age)
    .bind(dropin.audience.max_age)
    .bind(dropin.audience.sex.as_str())
    .bind(dropin.link)
    .bind(i64::from(dropin.invited_only))
    .bind(dropin.host_id)
    .bind(dropin.now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn find_dropin(conn: &mut Connection, id: DropinId) -> StoreResult<Option<Dropin>> {
    let sql = format!("SELECT {DROPIN_COLUMNS} FROM dropins WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(dropin_from_row).transpose()
}

/// Takes the drop-in's row lock for the rest of the transaction, so sign-ups, cancellations and the
/// link job on one drop-in happen one after another (a no-op write on SQLite, which locks it all;
/// a row lock on PostgreSQL).
pub async fn lock_dropin(conn: &mut Connection, id: DropinId) -> StoreResult<()> {
    sqlx::query("UPDATE dropins SET id = id WHERE id = $1").bind(id).execute(conn).await?;
    Ok(())
}

/// Drop-ins not cancelled that have not ended, soonest first.
pub async fn upcoming_dropins(conn: &mut Connection, now: i64) -> StoreResult<Vec<Dropin>> {
    let sql = format!(
        "SELECT {DROPIN_COLUMNS} FROM dropins WHERE cancelled_at IS NULL AND ends_at > $1 ORDER BY starts_at, id"
    );
    let rows = sqlx::query(&sql).bind(now).fetch_all(conn).await?;
    rows.iter().map(dropin_from_row).collect()
}

/// `false` if it was already cancelled.
pub async fn cancel_dropin(conn: &mut Connection, id: DropinId, reason: Option<&str>, now: i64) -> StoreResult<bool> {
    let result =
        sqlx::query("UPDATE dropins SET cancelled_at = $2, cancel_reason = $3 WHERE id = $1 AND cancelled_at IS NULL")
            .bind(id)
            .bind(now)
            .bind(reason)
            .execute(conn)
            .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn mark_link_sent(conn: &mut Connection, id: DropinId, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE dropins SET link_sent_at = $2 WHERE id = $1 AND link_sent_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// `false` if the child was already invited.
pub async fn invite(
    conn: &mut Connection,
    dropin_id: DropinId,
    child_id: ChildId,
    by: PersonId,
    now: i64,
) -> StoreResult<bool> {
    let result = sqlx::query(
        "INSERT INTO dropin_invites (dropin_id, child_id, invited_by, invited_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (dropin_id, child_id) DO NOTHING",
    )
    .bind(dropin_id)
    .bind(child_id)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn is_invited(conn: &mut Connection, dropin_id: DropinId, child_id: ChildId) -> StoreResult<bool> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM dropin_invites WHERE dropin_id = $1 AND child_id = $2")
        .bind(dropin_id)
        .bind(child_id)
        .fetch_one(conn)
        .await?;
    Ok(row.try_get::<i64, _>("n")? > 0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupState {
    Signed,
    Waiting,
    Cancelled,
}

impl SignupState {
    pub fn code(self) -> &'static str {
        match self {
            SignupState::Signed => "signed",
            SignupState::Waiting => "waiting",
            SignupState::Cancelled => "cancelled",
        }
    }

    fn parse(code: &str) -> StoreResult<Self> {
        Ok(match code {
            "signed" => SignupState::Signed,
            "waiting" => SignupState::Waiting,
            "cancelled" => SignupState::Cancelled,
            _ => return Err(StoreError::Corrupt("sign-up state".into())),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signup {
    pub id: i64,
    pub dropin_id: DropinId,
    pub child_id: ChildId,
    pub state: SignupState,
    pub link_sent_at: Option<i64>,
    pub attended: bool,
}

const SIGNUP_COLUMNS: &str = "id, dropin_id, child_id, state, link_sent_at, attended";

fn signup_from_row(row: &AnyRow) -> StoreResult<Signup> {
    Ok(Signup {
        id: row.try_get("id")?,
        dropin_id: row.try_get("dropin_id")?,
        child_id: row.try_get("child_id")?,
        state: SignupState::parse(&row.try_get::<String, _>("state")?)?,
        link_sent_at: row.try_get("link_sent_at")?,
        attended: row.try_get::<i64, _>("attended")? != 0,
    })
}

/// The standing sign-ups of a drop-in (roster and waiting list), in tap order.
pub async fn standing_signups(conn: &mut Connection, dropin_id: DropinId) -> StoreResult<Vec<Signup>> {
    let sql = format!(
        "SELECT {SIGNUP_COLUMNS} FROM dropin_signups WHERE dropin_id = $1 AND state <> 'cancelled' ORDER BY id"
    );
    let rows = sqlx::query(&sql).bind(dropin_id).fetch_all(conn).await?;
    rows.iter().map(signup_from_row).collect()
}

pub async fn find_signup(conn: &mut Connection, id: i64) -> StoreResult<Option<Signup>> {
    let sql = format!("SELECT {SIGNUP_COLUMNS} FROM dropin_signups WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(conn).await?;
    row.as_ref().map(signup_from_row).transpose()
}

/// A child's standing sign-ups, with their drop-ins, for drop-ins not ended or cancelled.
pub async fn child_signups(conn: &mut Connection, child_id: ChildId, now: i64) -> StoreResult<Vec<Signup>> {
    let sql = "SELECT s.id, s.dropin_id, s.child_id, s.state, s.link_sent_at, s.attended FROM dropin_signups s \
         JOIN dropins d ON d.id = s.dropin_id \
         WHERE s.child_id = $1 AND s.state <> 'cancelled' AND d.cancelled_at IS NULL AND d.ends_at > $2 \
         ORDER BY d.starts_at, s.id";
    let rows = sqlx::query(sql).bind(child_id).bind(now).fetch_all(conn).await?;
    rows.iter().map(signup_from_row).collect()
}

pub async fn add_signup(
    conn: &mut Connection,
    dropin_id: DropinId,
    child_id: ChildId,
    state: SignupState,
    now: i64,
) -> StoreResult<i64> {
    let row = sqlx::query(
        "INSERT INTO dropin_signups (dropin_id, child_id, state, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(dropin_id)
    .bind(child_id)
    .bind(state.code())
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(row.try_get("id")?)
}

pub async fn set_signup_state(conn: &mut Connection, id: i64, state: SignupState, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE dropin_signups SET state = $2, changed_at = $3 WHERE id = $1")
        .bind(id)
        .bind(state.code())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_signup_link_sent(conn: &mut Connection, id: i64, now: i64) -> StoreResult<()> {
    sqlx::query("UPDATE dropin_signups SET link_sent_at = $2 WHERE id = $1").bind(id).bind(now).execute(conn).await?;
    Ok(())
}

pub async fn set_attended(conn: &mut Connection, id: i64, attended: bool) -> StoreResult<()> {
    sqlx::query("UPDATE dropin_signups SET attended = $2 WHERE id = $1")
        .bind(id)
        .bind(i64::from(attended))
        .execute(conn)
        .await?;
    Ok(())
}
